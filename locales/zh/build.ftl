# potline 中文提示：build。
# 以网站路径写的链接和图片，与构建发布的内容对照检查。

picture-names-no-file = 这张图片没有写文件名
    .hint = 在括号里写上图片文件：![图片内容](photo.jpg)
shortcode-names-no-file = 这个短代码没有写文件名
    .hint = 用引号写上文件名，例如 `src="clip.mp4"`
link-backslash = 链接 `{ $dest }` 用 `\` 分隔文件夹，这在网上无法使用
    .hint = 用 `/` 分隔文件夹：`{ $fixed }`
picture-backslash = 图片 `{ $dest }` 用 `\` 分隔文件夹，这在网上无法使用
    .hint = 用 `/` 分隔文件夹：`{ $fixed }`
link-without-https = 链接 `{ $dest }` 没有 `https://`，所以它指向本网站内部
    .hint = 指向其他网站的链接以 https:// 开头：`https://{ $dest }`
link-path-broken = 链接 `{ $dest }` 无效：`/{ $resolved }` 没有发布任何内容
    .hint = 用 `@/` 加页面在 `content/` 里的文件来链接页面，例如 `@/news/my-item.md`：potline 会检查这类链接，保证它们一直有效
picture-not-found = 找不到图片 `{ $dest }`（它应该在 `/{ $resolved }`）
    .hint = 把图片放在页面旁边（把页面改成文件夹：`news/my-item/index.md`，图片放在它旁边），或者放进 `static/images/`，写成 `/images/name.jpg`
linked-file-not-found = 找不到文件 `{ $dest }`（它应该在 `/{ $resolved }`）
    .hint = 把文件放在页面旁边（把页面改成文件夹：`news/my-item/index.md`，文件放在它旁边），或者放进 `static/`，从那里写路径，例如 `/media/clip.mp4`
link-to-markdown-file = 链接 `{ $dest }` 指向一个 Markdown 文件，这在发布的网站上无法使用
    .hint = 页面链接以 `@/` 开头，写出从 `content/` 起的文件路径，例如 `@/news/my-item.md`
link-to-markdown-file-write = 写成 `{ $link }`：页面链接以 `@/` 开头，写出从 `content/` 起的文件路径
field-image-not-found = `{ $key }`：找不到图片 `{ $value }`
    .hint = 把图片放在页面旁边（把页面改成含 `index.md` 的文件夹），或者放进 `static/`，从那里写路径，例如 `/images/photo.jpg`

## 旧地址（`aliases:`）用了只能留给别的内容的位置

alias-host-file = 旧地址 { $url } 占用了 `{ $host }` 这个名字，网站托管服务会把这个文件当作设置来读取
    .hint = 删掉这个旧地址：网站根目录下的 `_redirects`、`_headers` 和 `CNAME` 永远不是页面
alias-in-pictures-folder = 旧地址 { $url } 在 /{ $folder }/ 里，构建把缩放后的图片放在那里
    .hint = 删掉这个旧地址，或者换一个不在那个文件夹里的旧地址
alias-taken-in-language = 旧地址 { $url } 已经是 { $owner } 的网址
    .hint = 把这个旧地址写在页面的译文（它的 `.{ $code }.md` 文件）里，前面不加 /{ $code }
alias-in-language-folder = 旧地址 { $url } 在 /{ $code }/ 里，网站的 { $code } 版本发布在那里
    .hint = 把这个旧地址写在页面的译文（它的 `.{ $code }.md` 文件）里，前面不加 /{ $code }

## 提示里对构建自动生成的内容的称呼

made-taxonomy-list = 分类列表 { $url }
made-term-list = 分类项列表 { $url }
made-feed = 订阅源 { $url }
made-sitemap = 站点地图 { $url }
made-not-found-page = 找不到地址时显示的页面（{ $url }）
made-file = 构建生成的文件 { $url }
