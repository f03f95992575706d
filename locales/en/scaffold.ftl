# potline messages (English): scaffold — `potline new`, `init`, `cms` and `list`, and the notice
# the preview shows on drafts and scheduled pages.
# Each entry's code is stable: it is shown by `potline check --format json` and listed in
# docs/writing.md. `.hint` says how to fix the problem.

## The preview's notice at the top of a page that is not published (yet).

preview-draft = Draft — not published
preview-scheduled = Scheduled for { $date }

## potline new

new-unknown-type = there is no content type `{ $kind }` in this site
    .hint = { $best ->
        [none] the content types of this site: { $names }
       *[other] did you mean `{ $best }`?
    }
new-no-slug = cannot make a web address from the title "{ $title }"
    .hint = give one with --slug, e.g. --slug annual-report-2024
new-language-not-in-site = this site has no language `{ $lang }`
    .hint = its languages are { $languages }; to add one, list it under `languages:` in site.yaml
new-exists = `{ $path }` already exists, and potline new never overwrites a file
    .hint = edit that file, or give this one another title or --slug
new-exists-twin = `{ $path }` already exists with the same address, and potline new never overwrites a page
    .hint = edit that file, or give this one another title or --slug
new-site-yaml-problems =
    site.yaml has problems; fix them first:
    { $problems }
new-language-from-title = the title is written in { $lang ->
        [zh] Chinese
        [en] English
       *[other] `{ $lang }`
    }, so this is the `{ $lang }` page; add --lang { $default } to write the `{ $default }` page instead
new-translation-of = a translation of { $path }
new-from-archetype = from the archetype { $path }; it is a draft until you delete the line `draft: true`
new-from-builtin-archetype = from potline's own archetype { $name }; it is a draft until you delete the line `draft: true`
new-preview-address = in the preview (`potline serve`): { $url }

## potline init

init-not-empty = `{ $dir }` is not empty, and potline init only creates a site in an empty folder
    .hint = choose a new folder name (`potline init mysite`), or pass --force to add only the missing files (nothing that exists is changed or deleted)
init-not-a-folder = `{ $dir }` is a file, not a folder
    .hint = choose a folder name that is not taken (`potline init mysite`)
init-unknown-timezone = unknown time zone `{ $zone }`
    .hint = { $best ->
        [none] use an IANA name such as Asia/Shanghai
       *[other] did you mean `{ $best }`?
    }
init-unknown-language = potline init writes sites in English (`en`) and Chinese (`zh`), not in `{ $lang }`
    .hint = write --languages en, --languages zh, or --languages en,zh for both (the first is the language at the site's root)
init-language-twice = `{ $lang }` is named twice in --languages
    .hint = name each language once: --languages en,zh
init-created = created a potline site in { $dir }/
init-kept = { $file } (kept as it was)
init-next = next: `potline serve{ $root }` to preview it, `potline new news "Title"{ $root }` to write news

## potline list

list-column-status = STATUS
list-column-date = DATE
list-column-language = LANG
list-column-file = FILE
list-column-title = TITLE
list-status = { $status ->
        [draft] draft
        [scheduled] scheduled
       *[published] published
    }
list-count = { $count ->
        [one] 1 page
       *[other] { $count } pages
    }
list-empty = { $which ->
        [drafts] no drafts
        [future] no scheduled pages
       *[all] no pages
    }
list-files-with-errors = { $count ->
        [one] 1 file has errors and may be missing from this list: `potline check` shows them
       *[other] { $count } files have errors and may be missing from this list: `potline check` shows them
    }

## potline cms

cms-needs-repo = --backend { $backend } needs the repository
    .hint = add --repo owner/name
cms-needs-host = --backend gitea needs the address of the Gitea or Forgejo server
    .hint = add --host with its address, e.g. --host https://git.example.org (--host https://codeberg.org for Codeberg)
cms-not-written = the CMS configuration could not be written as YAML: { $problem }
cms-wrote = wrote { $path }
cms-script = the CMS page loads its script from { $url }: see "Editing in the browser" in docs/writing.md
cms-try-sveltia =
    to try it on this computer: run `potline serve`, open { $url } in Chrome or Edge,
    click "Work with Local Repository" and choose the site's folder; what you save is written there
cms-try-decap =
    to try it on this computer: run `potline serve`, run `npx decap-server` in the site's folder
    in a second terminal, and open { $url }; what you save is written in the site's folder
cms-choose-backend = no git host is set yet, so the CMS works only on this computer: run `potline cms --backend gitea --repo owner/name --host https://git.example.org` (or github, gitlab) to choose where it saves
cms-decap-translations = Decap CMS shows a page and its translation (`foo.md`, `foo.zh.md`) as two entries; Sveltia CMS (`--cms sveltia`) edits them as one
cms-config-header =
    Generated by `potline cms` from the content types of site.yaml: run it again after changing
    them (only `backend:` is kept). Sveltia CMS and Decap CMS read this file.
cms-config-placeholder =
    `backend:` names no real repository yet: the CMS works only on this computer until you
    choose one (`potline cms --backend gitea --repo owner/name --host https://git.example.org`).
cms-page-title = { $site }: content manager
cms-page-comment = Generated by `potline cms`. The CMS script is loaded from the address below: copy it into static/admin/ (see potline's docs/writing.md), or run `potline cms --script-url URL`.
cms-hint-draft = Drafts are not published.
cms-hint-slug = The last part of the web address; made from the title when empty.
cms-url-pattern = a web address starting with https://
cms-sections = Sections
cms-home-page = Home page
cms-field-label = { $key ->
        [cover_alt] Cover description
        [name_zh] Name in Chinese
       *[other] { $fallback }
    }
cms-collection-label = { $name ->
       *[other] { $fallback }
    }
cms-type-label = { $name ->
        [news] News item
       *[other] { $fallback }
    }
