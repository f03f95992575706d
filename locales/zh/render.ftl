# potline 中文提示：render。
# 模板、模板函数、主题文字、菜单和图表。Tera 自己的说明（英文）作为 `$error` 放进提示里。

menu-target-missing = 菜单项 `{ $name }` 指向 `{ $target }`，但它不是已发布的页面或栏目
    .hint = 菜单目标从 `content/` 写起，例如 "@/news/_index.md"
template-not-found = 找不到模板 `{ $name }`
template-error = 模板有错误：{ $error }
    .hint = 检查模板的这一行；模板里能用什么，请看 docs/templates.md
template-error-on-page = 生成 { $page } 时模板出错：{ $error }
    .hint = 检查模板的这一行；模板里能用什么，请看 docs/templates.md
template-circular = 模板 `{ $name }` 直接或间接地继承或包含了自己：{ $chain }
    .hint = 模板不能继承或包含自己，也不能通过其他模板这样做
template-parent-missing = 继承的模板 `{ $parent }` 不存在
template-unknown-name = 模板有错误：{ $error }
    .hint = 模板只能按名称包含和继承其他模板；请看 docs/templates.md
template-unknown-name-on-page = 生成 { $page } 时模板出错：{ $error }
    .hint = 模板只能按名称包含和继承其他模板；请看 docs/templates.md
template-failed = 模板出错：{ $error }

## 模板函数：它们的说明会成为模板错误的一部分

template-function-problem = { $problem }（{ $hint }）
template-get-url-missing = get_url：没有页面或栏目 `@/{ $path }`（路径从 `content/` 写起）
template-asset-missing = asset_url：网站和主题的 `static/` 里都没有 `{ $path }`
template-asset-not-fingerprinted = asset_url：`{ $path }` 不能加指纹：只有 CSS 和 JS 文件可以
template-get-page-missing = get_page：没有已发布的页面 `{ $path }`（路径从 `content/` 写起）
template-get-section-missing = get_section：没有栏目 `{ $path }`（写成 `news/_index.md` 这样）
template-no-strings = t：主题没有 `{ $language }` 语言的文字（i18n/{ $language }.yaml）
template-no-string = t：主题和网站的 i18n/{ $language }.yaml 里都没有文字 `{ $key }`
template-env-not-allowed = get_env：模板不能读取环境变量 `{ $name }`；要允许读取，请在 site.yaml 的 `template_env:` 下列出它
template-env-not-set = get_env：环境变量 `{ $name }` 没有设置（请写上 `default=`）
resize-no-path = resize_image：缺少 `path`
resize-unreadable-arguments = resize_image：无法读取参数
resize-unavailable = resize_image：这里不能处理图片
resize-no-image = resize_image：`content/` 和 `static/` 里都没有图片 `{ $path }`（写成 `news/foo/photo.jpg` 或 `img/logo.png`）
resize-not-a-number = resize_image：`{ $text }` 不是数字
resize-unknown-op = resize_image：op `{ $op }` 不是 fit、fill、scale 之一
resize-unknown-format = resize_image：format `{ $format }` 不是 auto、jpg、png、webp 之一
resize-failed = resize_image：`{ $path }`：{ $reason }

## 主题文字（`i18n/<语言>.yaml`）

strings-not-a-map = 文字文件必须是一行一条 `key: 文字`
    .hint = 每行写一条文字，例如 `read_more: 阅读全文`
string-missing = `{ $language }` 语言缺少文字 `{ $key }`
    .hint = 加一行 `{ $key }: ...`，写上这种语言的文字

## 图表和它们的数据文件

chart-no-name = 请写出要画的数据文件：{ "{{" } chart(name="capacity") { "}}" } 会画出 data/capacity.yaml
chart-no-data-file = `data/` 里没有数据文件 `{ $name }`
chart-kind-unknown = `{ $kind }` 不是一种图表
chart-problem = 图表 `{ $name }`：{ $problem }
chart-not-a-map = 图表的数据文件必须是一行一条 `key: value`（title、source、points）
    .hint = 请看 docs/reference.md 的“Charts”一节
chart-no-title = 这个图表没有 `title:`
    .hint = 加一行 `title: ...`：它向每位读者（包括用读屏软件的读者）说明图表画的是什么
chart-no-source = 这个图表没有 `source:`
    .hint = 网站上的每个数字都要注明来源和日期：加上 `source: "来源：发布者，日期"`
chart-unknown-key = 图表不使用 `{ $key }`
chart-not-text = `{ $key }` 必须是文字
    .hint = 写在冒号后面的同一行；文字里有冒号时加上引号
chart-no-points = 这个图表没有数据点
    .hint = 加上 `points:`，每行一个数据点：`- { "{" } label: 2022, value: 10.5 { "}" }`
chart-points-not-a-list = `points` 必须是列表
    .hint = 每行写一个数据点，以 `- ` 开头：`- { "{" } label: 2022, value: 10.5 { "}" }`
chart-point-not-a-map = 第 { $number } 个数据点必须有 `label` 和 `value`
    .hint = 写成 `- { "{" } label: 2022, value: 10.5 { "}" }`
chart-point-no-label = 第 { $number } 个数据点没有 `label`
    .hint = 给这个数据点加上 `label:`（年份或名称）
chart-point-no-value = 第 { $number } 个数据点（`{ $label }`）没有 `value`
    .hint = 加上 `value:`，只写数字，不写单位
chart-value-not-a-number = 第 { $number } 个数据点（`{ $label }`）的值是“{ $written }”，不是数字
    .hint = 只写数字（写 10.5，不写“10.5 million t”）；单位写在 `unit:` 里，“100 多”这类说法写在 `display:` 里
chart-value-below-zero = 第 { $number } 个数据点（`{ $label }`）的值小于零
    .hint = 图表只画零或大于零的数量
