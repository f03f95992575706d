# potline 中文提示：markdown。
# 页面正文：内部链接、HTML 代码、图片和短代码。

internal-link-broken = 内部链接 `@/{ $target }` 无效：`content/` 里没有这个文件
    .hint = 内部链接从 `content/` 文件夹写起，例如 `@/news/my-article.md`
internal-link-unpublished = 内部链接 `@/{ $target }` 无效：那个页面是草稿或定时发布的页面，现在不会发布
    .hint = 先发布那个页面（去掉 `draft: true`，或等到它的日期），或者在那之前先删掉这个链接
link-runs-code = 链接地址 `{ $address }` 可能在读者的浏览器里运行代码，已被删除
    .hint = 请链接到网页（https://...）或本网站的页面（@/...）
raw-html-unsafe = 含有脚本、事件处理属性或 `javascript:` 地址的 HTML 代码会原样显示为文字
    .hint = 请删掉它；如果网站信任所有作者，可以在 site.yaml 里设置 `raw_html: trusted`
body-image-unusable = 图片 `{ $src }`：{ $reason }

## 短代码

shortcode-end-without-opening = 这个 `{ "{% end %}" }` 前面没有要结束的短代码
    .hint = 删掉它，或者补上它要结束的那一行 `{ "{% name(...) %}" }`
shortcode-never-closed = 短代码 `{ $name }` 没有结束
    .hint = 在它的内容后面加一行 `{ "{% end %}" }`
shortcode-braces-not-closed = `{ "{{" }` 后面缺少结束的 `{ "}}" }`
    .hint = 在同一行里用 `{ "}}" }` 结束这个短代码
shortcode-not-a-call = `{ $text }` 不是短代码的写法
    .hint = 写成 名称(参数="值")，例如 figure(src="photo.jpg")
shortcode-arguments-not-closed = `{ $name }` 的参数缺少结束的 `)`
    .hint = 用 `)` 结束这个短代码
shortcode-bad-name = `{ $name }` 不是有效的短代码名称
    .hint = 短代码名称只能用英文字母、数字、`-` 和 `_`
shortcode-bad-arguments = 无法读取 `{ $name }` 在 `{ $at }` 处的参数
    .hint = 参数写成 key="文字"、key=3 或 key=true，用英文逗号分隔
shortcode-unknown = 没有名为 `{ $name }` 的短代码
    .hint = 短代码是 `templates/shortcodes/` 里的模板；请看 docs/writing.md
shortcodes-of-this-site = 这个网站的短代码有：{ $names }（模板在 `templates/shortcodes/` 里；请看 docs/writing.md）
shortcode-page-not-found = 短代码 `{ $name }`：`content/` 里没有已发布的页面 `{ $path }`
    .hint = 用页面在 `content/` 里的文件来指定它，例如 `path="enterprises/my-company.md"`
shortcode-page-unpublished = 短代码 `{ $name }`：页面 `{ $path }` 是草稿或定时发布的页面，现在不会发布
    .hint = 先发布那个页面，或者在那之前先删掉这个短代码
shortcode-image-unusable = 短代码 `{ $name }`：图片 `{ $src }`：{ $reason }
shortcode-failed = 短代码 `{ $name }` 出错：{ $error }
shortcode-template-failed = 短代码 `{ $name }` 出错：{ $place }：{ $error }
