# potline messages (English): render.
# Templates, their functions, theme strings, menus and charts. Tera's own words (in English) are
# the `$error` of an entry.

menu-target-missing = menu item `{ $name }` points to `{ $target }`, which is not a published page or section
    .hint = menu targets are written relative to `content/`, e.g. "@/news/_index.md"
template-not-found = template `{ $name }` not found
template-error = { $error }
    .hint = check the template at this line; see docs/templates.md for what templates can use
template-error-on-page = { $error } (while rendering { $page })
    .hint = check the template at this line; see docs/templates.md for what templates can use
template-circular = the template `{ $name }` extends or includes itself: { $chain }
    .hint = a template cannot extend or include itself, directly or through another
template-parent-missing = extends `{ $parent }`, which does not exist
template-unknown-name = { $error }
    .hint = templates can include and extend only other templates, by name; see docs/templates.md
template-unknown-name-on-page = { $error } (while rendering { $page })
    .hint = templates can include and extend only other templates, by name; see docs/templates.md
template-failed = { $error }

## Template functions: their words become part of the template's error

template-function-problem = { $problem } ({ $hint })
template-get-url-missing = get_url: no page or section `@/{ $path }` (paths are relative to `content/`)
template-asset-missing = asset_url: `{ $path }` is not in `static/` of the site or the theme
template-asset-not-fingerprinted = asset_url: `{ $path }` cannot be fingerprinted: only CSS and JS files are
template-get-page-missing = get_page: no published page `{ $path }` (paths are relative to `content/`)
template-get-section-missing = get_section: no section `{ $path }` (write it like `news/_index.md`)
template-no-strings = t: the theme has no strings for language `{ $language }` (i18n/{ $language }.yaml)
template-no-string = t: no string `{ $key }` in i18n/{ $language }.yaml of the theme or the site
template-env-not-allowed = get_env: templates may not read the environment variable `{ $name }`; list it under `template_env:` in site.yaml to allow it
template-env-not-set = get_env: the environment variable `{ $name }` is not set (give a `default=`)
resize-no-path = resize_image: no `path`
resize-unreadable-arguments = resize_image: unreadable arguments
resize-unavailable = resize_image: images are not available here
resize-no-image = resize_image: no image `{ $path }` in `content/` or `static/` (write `news/foo/photo.jpg` or `img/logo.png`)
resize-not-a-number = resize_image: `{ $text }` is not a number
resize-unknown-op = resize_image: op `{ $op }` is not one of fit, fill, scale
resize-unknown-format = resize_image: format `{ $format }` is not one of auto, jpg, png, webp
resize-failed = resize_image: `{ $path }`: { $reason }

## Theme strings (`i18n/<language>.yaml`)

strings-not-a-map = a strings file must be a list of `key: text` lines
    .hint = write one string a line, e.g. `read_more: Read more`
string-missing = the string `{ $key }` is missing in language `{ $language }`
    .hint = add a line `{ $key }: ...` with the text in this language

## Charts and their data files

chart-no-name = name the data file to draw: { "{{" } chart(name="capacity") { "}}" } draws data/capacity.yaml
chart-no-data-file = there is no data file `{ $name }` in `data/`
chart-kind-unknown = `{ $kind }` is not a kind of chart
chart-problem = chart `{ $name }`: { $problem }
chart-not-a-map = a chart's data file must be a list of `key: value` lines (title, source, points)
    .hint = see docs/reference.md, "Charts"
chart-no-title = this chart has no `title:`
    .hint = add a line `title: ...`: it names the chart for every reader, screen readers included
chart-no-source = this chart has no `source:`
    .hint = every figure on the site names its source and date: add `source: "Source: publisher, date"`
chart-unknown-key = a chart does not use `{ $key }`
chart-not-text = `{ $key }` must be a text
    .hint = write it on one line after the colon, in quotes if it holds a colon
chart-no-points = this chart has no points
    .hint = add `points:` with one line a point: `- { "{" } label: 2022, value: 10.5 { "}" }`
chart-points-not-a-list = `points` must be a list
    .hint = write one point a line, each starting with `- `: `- { "{" } label: 2022, value: 10.5 { "}" }`
chart-point-not-a-map = point { $number } must have a `label` and a `value`
    .hint = write it as `- { "{" } label: 2022, value: 10.5 { "}" }`
chart-point-no-label = point { $number } has no `label`
    .hint = add `label:` (a year or a name) to this point
chart-point-no-value = point { $number } (`{ $label }`) has no `value`
    .hint = add `value:` with the number, without its unit
chart-value-not-a-number = the value of point { $number } (`{ $label }`) is "{ $written }", not a number
    .hint = write the number alone (10.5, not "10.5 million t"); put the unit in `unit:` and words like "over 100" in `display:`
chart-value-below-zero = the value of point { $number } (`{ $label }`) is below zero
    .hint = charts draw amounts of zero or more
