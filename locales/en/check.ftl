# potline messages (English): check.
# What `potline check` finds beyond the build's own problems, and its closing line.

## The closing line

check-count-errors = { $count ->
        [one] 1 error
       *[other] { $count } errors
    }
check-count-warnings = { $count ->
        [one] 1 warning
       *[other] { $count } warnings
    }
check-count-notes = { $count ->
        [one] 1 note
       *[other] { $count } notes
    }
check-list-more = { $head }, { $item }
check-list-last = { $head } and { $item }
check-summary = found { $counts } in { $files ->
        [one] 1 file
       *[other] { $files } files
    } ({ $pages ->
        [one] 1 page
       *[other] { $pages } pages
    } checked)
check-summary-clean = found no problems ({ $pages ->
        [one] 1 page
       *[other] { $pages } pages
    } checked)

## Links and pictures

anchor-missing-here = there is no heading or footnote with the id `{ $anchor }` on this page
anchor-missing-internal = broken anchor `#{ $anchor }`: `@/{ $path }` has no heading or footnote with that id
anchor-missing-path = broken anchor `#{ $anchor }`: the page at `/{ $path }` has no heading or footnote with that id
anchor-ids-hint = heading ids are made from the heading text; this page has: { $ids }
anchor-no-headings-hint = the page has no headings to link to: link to the page without `#...`
link-empty = this link has no address
    .hint = write the address between the parentheses: [text](@/news/my-item.md) or [text](https://...)
image-no-alt = the image `{ $src }` has no alt text
    .hint = { $form ->
        [html] describe what the picture shows in an `alt` attribute, e.g. `<img src="photo.jpg" alt="Workers at the alumina plant">` (`alt=""` marks a purely decorative picture)
        [shortcode] describe what the picture shows with `alt="..."`, e.g. `{"{{"} figure(src="photo.jpg", alt="Workers at the alumina plant") {"}}"}`
       *[markdown] describe what the picture shows between the brackets, e.g. `![Workers at the alumina plant](photo.jpg)`: screen readers read it out, and it shows when the picture cannot load
    }

## Pages

page-no-summary = this page has no summary: lists, feeds and search results will show nothing for it
    .hint = add `summary:` with a sentence or two to the front matter, or start the text with a paragraph
front-matter-fence-typo = the first line `{ $line }` looks like the start of the front matter, but it is not `---`
    .hint = type three hyphens `---` with the English keyboard, on the first line and again after the front matter
title-duplicate = the title "{ $title }" is also the title of { $other }
    .hint = readers and search engines cannot tell the two apart: make one title more specific

## Dates

date-no-timezone = `{ $key }` { $value } has no time zone and site.yaml sets none, so it will be read as UTC time
    .hint = add `timezone: Asia/Shanghai` (or your own) to site.yaml, or write the offset, e.g. `2021-07-30 15:00:00+08:00`
date-read-in-timezone = `{ $key }` { $value } has no time zone: it will be read as { $timezone } time
date-in-future = this page is dated { $date } ({ $timezone }), in the future: potline build leaves it out until then
    .hint = correct the date if it is a typo; to publish the page before its date, build with --future
date-updated-before-date = `updated` ({ $updated }) is earlier than `date` ({ $date })
    .hint = `updated` is when the page last changed: it cannot be before the page was published

## Front-matter lines YAML reads differently from what was meant

yaml-no-space-after-colon = there is no space after the colon of `{ $key }`, so YAML does not read it as a key
    .hint = write a space after the colon: `{ $key }: ...`
yaml-value-starts-with-at = the value of `{ $key }` starts with `@`, which YAML does not accept at the start of a value
yaml-value-starts-with-backquote = the value of `{ $key }` starts with a backquote (`), which YAML does not accept at the start of a value
yaml-value-starts-with-sign = the value of `{ $key }` starts with `{ $sign }`, which YAML reads as a special sign rather than text
yaml-value-text-after-list = the value of `{ $key }` starts with `{ $open }`, so YAML reads a list, but text follows the closing `{ $close }`
yaml-value-quotes-close-early = the quotes at the start of `{ $key }` close before the value ends
yaml-quote-whole-value-hint = put the whole value in quotes: { $key }: { $quoted }
yaml-comment-in-value = `{ $key }`: the text after ` #` is read as a comment and left out
    .hint = put the whole value in quotes: { $key }: "{ $value }"
list-chinese-comma = `{ $key }`: the item "{ $item }" contains a Chinese comma, so it is one item
    .hint = separate the items with the English comma: { $key }: { $fixed }
list-without-brackets = `{ $key }` is read as one item, "{ $value }"
    .hint = write a list in brackets: { $key }: [{ $items }]
stray-bom = an invisible byte-order mark (U+FEFF) is in the middle of the file
    .hint = delete the invisible character at this position (it often comes with text pasted from another file), or retype the line

## External links (`--external`)

external-offline = none of the { $count } external links could be reached (no host was found or no server answered): is this computer offline?
    .hint = check the network connection, or run potline check without --external
external-link-dead = dead external link `{ $url }`: { $reason ->
        [host-not-found] the host name does not exist
        [unreachable] the server cannot be reached
        [refused] the server refused the connection
        [bad-address] this is not a valid web address
        [failed] an error ({ $detail })
       *[answer] { $detail }
    }
    .hint = the page is gone: link to where it moved, or remove the link
external-link-doubtful = the external link `{ $url }` answered { $reason ->
        [host-not-found] the host name does not exist
        [unreachable] the server cannot be reached
        [refused] the server refused the connection
        [bad-address] this is not a valid web address
        [failed] an error ({ $detail })
       *[answer] { $detail }
    }
    .hint = it may be a passing problem, or a site that refuses automated checks: open it in a browser
external-link-busy = the external link `{ $url }` asked to be checked later (429 Too Many Requests); it was not counted as dead
external-link-timed-out = the external link `{ $url }` timed out after { $seconds } s; it was not counted as dead
