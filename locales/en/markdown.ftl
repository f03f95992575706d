# potline messages (English): markdown.
# Page bodies: internal links, raw HTML, pictures and shortcode calls.

internal-link-broken = broken internal link `@/{ $target }`: there is no such file in `content/`
    .hint = internal links are written relative to `content/`, e.g. `@/news/my-article.md`
internal-link-unpublished = broken internal link `@/{ $target }`: that page is a draft or dated in the future, so it is not published
    .hint = publish that page first (remove `draft: true`, or wait for its date), or remove the link until then
link-runs-code = the link address `{ $address }` could run code in readers' browsers; it was removed
    .hint = link to a web page (https://...) or a page of the site (@/...)
raw-html-unsafe = raw HTML with a script, an event handler or a `javascript:` address is shown as text
    .hint = remove it; a site that trusts its writers can set `raw_html: trusted` in site.yaml
body-image-unusable = image `{ $src }`: { $reason }

## Shortcode calls

shortcode-end-without-opening = `{ "{% end %}" }` without a shortcode to close
    .hint = remove it, or add the `{ "{% name(...) %}" }` line it closes
shortcode-never-closed = the shortcode `{ $name }` is never closed
    .hint = add a line `{ "{% end %}" }` after its text
shortcode-braces-not-closed = `{ "{{" }` is never closed with `{ "}}" }`
    .hint = end the shortcode with `{ "}}" }` on the same line
shortcode-not-a-call = `{ $text }` is not a shortcode call
    .hint = write it as name(argument="value"), e.g. figure(src="photo.jpg")
shortcode-arguments-not-closed = the arguments of `{ $name }` are not closed with `)`
    .hint = end the call with `)`
shortcode-bad-name = `{ $name }` is not a shortcode name
    .hint = shortcode names use letters, digits, `-` and `_`
shortcode-bad-arguments = cannot read the arguments of `{ $name }` at `{ $at }`
    .hint = write arguments as key="text", key=3 or key=true, separated by commas
shortcode-unknown = unknown shortcode `{ $name }`
    .hint = shortcodes are templates in templates/shortcodes/; see docs/writing.md
shortcodes-of-this-site = the shortcodes of this site are { $names } (templates in `templates/shortcodes/`; see docs/writing.md)
shortcode-page-not-found = shortcode `{ $name }`: there is no published page `{ $path }` in `content/`
    .hint = name the page by its file in `content/`, e.g. `path="enterprises/my-company.md"`
shortcode-page-unpublished = shortcode `{ $name }`: the page `{ $path }` is a draft or dated in the future, so it is not published
    .hint = publish that page first, or remove the call until then
shortcode-image-unusable = shortcode `{ $name }`: image `{ $src }`: { $reason }
shortcode-failed = shortcode `{ $name }`: { $error }
shortcode-template-failed = shortcode `{ $name }`: { $place }: { $error }
