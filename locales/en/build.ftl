# potline messages (English): build.
# Links and pictures written as paths of the site, checked against what the build publishes.

picture-names-no-file = this image names no file
    .hint = write the picture's file between the parentheses: ![what it shows](photo.jpg)
shortcode-names-no-file = this shortcode names no file
    .hint = write the file's name in quotes, e.g. `src="clip.mp4"`
link-backslash = the link `{ $dest }` uses `\` between folders, which does not work on the web
    .hint = write `/` between folders: `{ $fixed }`
picture-backslash = the image `{ $dest }` uses `\` between folders, which does not work on the web
    .hint = write `/` between folders: `{ $fixed }`
link-without-https = the link `{ $dest }` has no `https://`, so it points inside this site
    .hint = a link to another website starts with https://: `https://{ $dest }`
link-path-broken = broken link `{ $dest }`: nothing is published at `/{ $resolved }`
    .hint = link to pages with `@/` and their file in `content/`, e.g. `@/news/my-item.md`: potline checks those and keeps them working
picture-not-found = the image `{ $dest }` is not found (it would be at `/{ $resolved }`)
    .hint = put the picture beside the page (make the page a folder: `news/my-item/index.md` with the picture next to it), or in `static/images/` and write `/images/name.jpg`
linked-file-not-found = the file `{ $dest }` is not found (it would be at `/{ $resolved }`)
    .hint = put the file beside the page (make the page a folder: `news/my-item/index.md` with the file next to it), or in `static/` and write its path from there, e.g. `/media/clip.mp4`
link-to-markdown-file = the link `{ $dest }` points to a Markdown file, which does not work on the published site
    .hint = links to pages start with `@/` and name the file from `content/`, e.g. `@/news/my-item.md`
link-to-markdown-file-write = write `{ $link }`: links to pages start with `@/` and name the file from `content/`
field-image-not-found = `{ $key }`: the image `{ $value }` is not found
    .hint = put the picture beside the page (make the page a folder with an `index.md`), or in `static/` and write its path from there, e.g. `/images/photo.jpg`

## Old addresses (`aliases:`) where only other things may be

alias-host-file = alias { $url } takes the name of `{ $host }`, a file that web hosts read as their settings
    .hint = remove this alias: `_redirects`, `_headers` and `CNAME` at the site root are never pages
alias-in-pictures-folder = alias { $url } is inside /{ $folder }/, where the build puts resized pictures
    .hint = remove this alias, or give an old address outside that folder
alias-taken-in-language = alias { $url } is already the URL of { $owner }
    .hint = give this old address to the page's translation (its `.{ $code }.md` file), without /{ $code } in front
alias-in-language-folder = alias { $url } is inside /{ $code }/, where the { $code } version of the site is published
    .hint = give this old address to the page's translation (its `.{ $code }.md` file), without /{ $code } in front

## How messages name what the build makes by itself

made-taxonomy-list = the { $url } taxonomy list
made-term-list = the { $url } term list
made-feed = the feed { $url }
made-sitemap = the sitemap { $url }
made-not-found-page = the page for missing addresses ({ $url })
made-file = the file { $url } that the build makes
