# potline messages (English): content.
# The pages' files: reading them, their front matter (YAML), its fields and dates, URLs and old
# addresses, data files, and the "did you mean" hints every area uses.

## Reading a file

file-not-utf8 = this file is not UTF-8 text (it may have been saved as GBK or another legacy encoding)
    .hint = open it in your editor and save it with the encoding "UTF-8"
front-matter-toml = front matter in TOML (`+++`) is not supported
    .hint = write the front matter in YAML between two lines of `---`
front-matter-unclosed = the front matter opened with `---` on line 1 is never closed
    .hint = add a line with only `---` after the last front-matter line
front-matter-too-large = the front matter is { $size } KiB; at most { $max } KiB is accepted
    .hint = move long text into the body, below the closing `---`
front-matter-not-mapping = the front matter is not a list of `key: value` lines
    .hint = write one `key: value` per line, e.g. `title: My news`
pasted-control-removed = { $kind ->
        [null] a null character
        [vertical-tab] a vertical tab
        [form-feed] a form feed
        [non-character] a non-character
       *[control] a control character
    } (U+{ $code }) was removed: feeds and sitemaps cannot carry it
    .hint = it came with pasted text (from Word, for instance) and is invisible in most editors: delete it, or type the words around it again
pasted-controls-more = { $count } more invisible control characters were removed from this file, the first here
    .hint = it came with pasted text (from Word, for instance) and is invisible in most editors: delete it, or type the words around it again

## YAML

yaml-tab-indent = a tab is used for indentation
yaml-tab-hint-remove = YAML indents with spaces, never tabs: remove the tab, so that the line starts at the left edge{ $like ->
        [0] {""}
       *[other] {" "}like line { $like }
    }
yaml-tab-hint-align = YAML indents with spaces, never tabs: start the line with { $count } spaces instead of the tab, to line up with line { $like }
yaml-tab-hint-nest = YAML indents with spaces, never tabs: start the line with { $count } spaces instead of the tab, 2 more than line { $like }, which it belongs to
yaml-indented-key = `{ $key }` is indented, so YAML reads it as part of the value on line { $like }
    .hint = { $count ->
        [0] remove the spaces before `{ $key }`, so that it starts at the left edge like line { $like }
       *[other] start the line with { $count } spaces, like line { $like }
    }
yaml-full-width-colon = `{ $key }` is followed by a full-width colon `：`
    .hint = type the colon with the English (half-width) keyboard: `:` followed by a space
yaml-too-much-expansion = this YAML expands to too much (anchors `&` and aliases `*` repeating one another)
    .hint = write the values out instead of using `&` and `*`
yaml-too-deep = this YAML is nested too deeply
    .hint = front matter needs only a few levels: `key: value`, lists and small maps
yaml-list-unclosed = a list started with `{ $open }` is never closed with `{ $close }`
    .hint = end the list with `{ $close }` on the same line, or put the value in quotes if `{ $open }` is part of the text
yaml-colon-in-value = this value contains `: ` (a colon followed by a space), which YAML reads as a new key
    .hint = put the whole value in quotes, e.g. title: "Baise: a new start"
yaml-quote-unclosed = a quoted value is never closed
    .hint = add the closing quote at the end of the value
yaml-unknown-key = unknown key `{ $key }`
yaml-unknown-value = unknown value `{ $value }`
yaml-missing-key = the key `{ $key }` is missing
    .hint = add a line `{ $key }: ...`
yaml-key-twice = `{ $key }` is written twice, on lines { $first } and { $second }
    .hint = keep one of the two (merge their values into the first)
yaml-key-twice-inside = the key "{ $key }" appears twice
    .hint = keep only one of the two lines
yaml-indentation = the indentation of this line does not match the lines around it
    .hint = align the key with the other keys at the same level
yaml-unreadable = YAML cannot read this: { $reason }

## Front-matter fields

front-matter-unknown-key = unknown key `{ $key }` in { $place ->
        [section] section front matter
        [row] { $type } row
       *[page] { $type } front matter
    }
front-matter-unknown-keys-more = { $count } more unknown keys in { $place ->
        [section] section front matter
        [row] { $type } row
       *[page] { $type } front matter
    }
front-matter-keys-accepted = accepted here: { $names }
front-matter-missing-key = missing required key `{ $key }` in { $place ->
        [section] section front matter
        [row] { $type } row
       *[page] { $type } front matter
    }
    .hint = add a line such as `{ $key }: { $example }` to the front matter
field-empty = `{ $key }` is empty
    .hint = write a value after `{ $key }:`, e.g. `{ $key }: { $example }`
field-wrong-kind = `{ $key }` should be { $expected ->
        [string] text
        [date] a date (YYYY-MM-DD)
        [datetime] a date (YYYY-MM-DD, optionally followed by a time HH:MM)
        [bool] true or false
        [integer] a whole number
        [number] a number
        [list] a list
        [map] a set of `key: value` lines
        [url] a web address starting with https://
        [image] the path of an image
       *[any] any value
    }, found { $found ->
        [nothing] nothing
        [bool] true/false
        [number] a number
        [list] a list
        [map] a set of `key: value` lines
       *[text] text
    }
field-yes-no = `{ $key }` should be true or false, found "{ $value }"
    .hint = write true or false: `{ $key }: { $meant }`
field-quote-text-hint = put the text in quotes: `{ $key }: "{ $value }"`
field-single-value-hint = write a single value, without `[` `]` or `- ` items
field-bool-unquoted-hint = write true or false without quotes (found "{ $value }")
field-number-unquoted-hint = write the number without quotes
field-not-a-web-address = `{ $key }` should be a full web address, found "{ $value }"
    .hint = start it with https://, e.g. `{ $key }: https://{ $value }`
field-value-not-allowed = `{ $value }` is not an allowed value of `{ $key }`
field-list-comma-hint = separate the items with the English comma: `{ $key }: [{ $items }]`

## Dates

date-invalid = `{ $key }`: "{ $value }" is not a valid date (expected YYYY-MM-DD, optionally followed by a time HH:MM)
    .hint = write dates as 2021-07-30 or 2021-07-30 15:30
date-skipped-by-clock-change = `{ $key }`: "{ $value }" does not exist in the timezone { $timezone } (a clock change skips it)
    .hint = write dates as 2021-07-30 or 2021-07-30 15:30
date-out-of-range = `{ $key }`: "{ $value }" is in the year { $year }; dates must be in the years 1 to 9999
    .hint = write the year with four digits, e.g. 2021-07-30 (feeds and sitemaps cannot carry other years)
date-filter-not-a-date = `{ $value }` is not a date the `date` filter can format
date-filter-bad-format = `{ $pattern }` is not a valid date format

## URLs: who is published where

owner-copy = the { $lang } copy of { $path }
owner-home = the home page
owner-home-lang = the { $lang } home page
owner-home-file = the home page ({ $path })
owner-home-lang-file = the { $lang } home page ({ $path })
owner-section-list = the list of { $folder }/
owner-section-list-lang = the { $lang } list of { $folder }/
owner-alias-of = an alias of { $name }
page-url-taken-by-page = this page's URL { $url }{ $slug_line ->
        [0] {" "}(from its file name)
       *[other] {" "}(from its `slug:` on line { $slug_line })
    } is also the URL of { $other }{ $other_slug_line ->
        [0] {" "}(from its file name)
       *[other] {" "}(from its `slug:` on line { $other_slug_line })
    }
    .hint = give one of them a different `slug:` in its front matter, or rename the file
url-taken = { $role ->
        [section] this section's URL
       *[page] this page's URL
    } { $url } is also the URL of { $other }
    .hint = { $role ->
        [section] rename the section's folder, or move what else is published there
       *[page] give this page a different `slug:` in its front matter, or rename the file
    }
alias-taken = alias { $url } is already the URL of { $other }
    .hint = remove this alias: an old address can redirect only where nothing else is published
alias-also-alias = alias { $url } is also an alias of { $other }
    .hint = remove this alias: an old address can redirect only where nothing else is published
file-url-taken = this file would be published at { $url }, where { $other } is also published
    .hint = rename or move one of the two files
url-collision-folder = { $role ->
        [alias] alias { $url }
        [page] this page's URL { $url }
        [section] this section's URL { $url }
       *[file] this file's URL { $url }
    } and { $other } cannot both be published: one of them is a file where the other needs a folder
    .hint = { $role ->
        [alias] remove this alias: an old address can redirect only where nothing else is published
        [page] { $other_role ->
            [page] give one of them a different `slug:` in its front matter, or rename the file
           *[other] give this page a different `slug:` in its front matter, or rename the file
        }
        [section] rename the section's folder, or move what else is published there
       *[file] rename or move one of the two files
    }
url-taken-unlocated = { $first } and { $second } would both be published at { $url }
    .hint = give the taxonomies in site.yaml names that differ in more than case and punctuation
url-in-language-folder = { $role ->
        [section] this section's URL
       *[page] this page's URL
    } { $url } is inside { $folder }, where the { $lang } version of the site is published
language-folder-hint = { $folder } holds the { $lang } translations, which are written beside their originals (`about.{ $lang }.md` beside `about.md`): rename this file or its folder
alias-unclean = alias `{ $alias }` { $problem ->
        [empty] is empty
        [full-address] is a full address, not a path of this site
        [other-host] names another host, not a path of this site
        [space] contains a space or a line break
        [control] contains an invisible control character (U+{ $code })
        [character] contains `{ $char }`, which an address of a page may not hold
        [invisible] contains an invisible character (U+{ $code })
        [bad-escape] contains a `%` that is not followed by two hex digits of UTF-8 text
        [up-folder] contains `..`
        [empty-part] contains `//`
        [hidden] names a hidden file (a part starting with `.`)
       *[other] is not a path of this site
    }{ $decoded ->
        [yes] {" "}once its `%` escapes are decoded
       *[no] {""}
    }
    .hint = { $decoded ->
        [yes] write old addresses as paths from the site root, e.g. /news/2021/old-name/
       *[no] { $problem ->
            [space] write each old address as its own item of the list, as a path from the site root, e.g. `aliases: [/news/2021/old-name/]`
            [control] write each old address as its own item of the list, as a path from the site root, e.g. `aliases: [/news/2021/old-name/]`
            [hidden] hidden files hold settings of web hosts and are never pages: remove this alias
           *[other] write old addresses as paths from the site root, e.g. /news/2021/old-name/
        }
    }
page-url-unclean = this page's URL { $url } { $problem ->
        [empty] is empty
        [full-address] is a full address, not a path of this site
        [other-host] names another host, not a path of this site
        [space] contains a space or a line break
        [control] contains an invisible control character (U+{ $code })
        [character] contains `{ $char }`, which an address of a page may not hold
        [invisible] contains an invisible character (U+{ $code })
        [bad-escape] contains a `%` that is not followed by two hex digits of UTF-8 text
        [up-folder] contains `..`
        [empty-part] contains `//`
        [hidden] names a hidden file (a part starting with `.`)
       *[other] is not a path of this site
    }{ $decoded ->
        [yes] {" "}once its `%` escapes are decoded
       *[no] {""}
    }
section-and-bundle-in-folder = this folder also holds { $other }: a folder is either a section (`_index.md`) or one page with its files (`index.md`)
    .hint = rename `index.md` (e.g. to `overview.md`) to keep the section, or remove `_index.md` to keep the page with its files
section-inside-bundle = this section is inside the folder of { $other }, which is one page with its files
    .hint = move the section's folder out of the page's folder, or remove its `_index.md`
bundle-holds-section = this page's folder holds the section { $other }, which cannot be inside one page
    .hint = move the section's folder out of the page's folder, or remove its `_index.md`

## Data files

data-file-too-large = this data file is { $size } MiB; a data file that templates read may have at most { $max } MiB
    .hint = give templates only the rows they show (split the file, or move the rest out of `data/`); a data file that no template or page names is not read at all
data-invalid-json = invalid JSON: { $reason }
data-csv-row-length = this row has { $cells } cells but the header has { $expected }
    .hint = check the commas and quotes of this row; a cell containing a comma must be in double quotes
data-csv-unreadable = cannot read this CSV file: { $reason }
    .hint = check the commas and quotes of this row; a cell containing a comma must be in double quotes
data-outside-site = `{ $path }` is outside the site; potline does not read it
    .hint = data files live in the `data/` folder of the site
data-cannot-read = cannot read `{ $path }`: { $reason }
    .hint = data files live in the `data/` folder of the site
