# potline 中文提示：check。
# `potline check` 在构建本身的问题之外发现的问题，以及最后的汇总。

## 汇总

check-count-errors = { $count } 个错误
check-count-warnings = { $count } 个警告
check-count-notes = { $count } 条说明
check-list-more = { $head }、{ $item }
check-list-last = { $head }和 { $item }
check-summary = 发现 { $counts }，涉及 { $files } 个文件（检查了 { $pages } 个页面）
check-summary-clean = 没有发现问题（检查了 { $pages } 个页面）

## 链接和图片

anchor-missing-here = 这个页面上没有 id 为 `{ $anchor }` 的标题或脚注
anchor-missing-internal = 锚点 `#{ $anchor }` 无效：`@/{ $path }` 里没有这个 id 的标题或脚注
anchor-missing-path = 锚点 `#{ $anchor }` 无效：`/{ $path }` 的页面里没有这个 id 的标题或脚注
anchor-ids-hint = 标题的 id 由标题文字生成；这个页面有：{ $ids }
anchor-no-headings-hint = 这个页面没有可以链接的标题：链接到页面本身，不要加 `#...`
link-empty = 这个链接没有地址
    .hint = 在括号里写上地址：[文字](@/news/my-item.md) 或 [文字](https://...)
image-no-alt = 图片 `{ $src }` 没有替代文字
    .hint = { $form ->
        [html] 在 `alt` 属性里描述图片的内容，例如 `<img src="photo.jpg" alt="氧化铝厂的工人">`（`alt=""` 表示纯装饰的图片）
        [shortcode] 用 `alt="..."` 描述图片的内容，例如 `{"{{"} figure(src="photo.jpg", alt="氧化铝厂的工人") {"}}"}`
       *[markdown] 在方括号里描述图片的内容，例如 `![氧化铝厂的工人](photo.jpg)`：读屏软件会读出它，图片加载不出来时也会显示它
    }

## 页面

page-no-summary = 这个页面没有摘要：在列表、订阅源和搜索结果里，它的介绍会是空白的
    .hint = 在文件头里加上 `summary:`，写一两句话；或者让正文以一段文字开头
front-matter-fence-typo = 第一行 `{ $line }` 看起来是文件头的开始，但它不是 `---`
    .hint = 用英文输入法输入三个连字符 `---`，写在第一行，文件头结束处再写一次
title-duplicate = 标题“{ $title }”也是 { $other } 的标题
    .hint = 读者和搜索引擎分不清这两个页面：把其中一个标题写得更具体

## 日期

date-no-timezone = `{ $key }` { $value } 没有时区，而 site.yaml 也没有设置时区，所以会按 UTC 时间读取
    .hint = 在 site.yaml 里加上 `timezone: Asia/Shanghai`（或你所在的时区），或者写上时差，例如 `2021-07-30 15:00:00+08:00`
date-read-in-timezone = `{ $key }` { $value } 没有时区：会按 { $timezone } 时间读取
date-in-future = 这个页面的日期是 { $date }（{ $timezone }），在将来：到那时之前 potline build 不会发布它
    .hint = 如果日期写错了就改正；如果要在这个日期之前发布，构建时加上 --future
date-updated-before-date = `updated`（{ $updated }）早于 `date`（{ $date }）
    .hint = `updated` 是页面最后修改的时间：不能早于页面发布的时间

## YAML 读到的和你想写的不一样的文件头行

yaml-no-space-after-colon = `{ $key }` 的冒号后面没有空格，所以 YAML 不会把它当成字段
    .hint = 在冒号后面加一个空格：`{ $key }: ...`
yaml-value-starts-with-at = `{ $key }` 的值以 `@` 开头，YAML 不允许值以它开头
yaml-value-starts-with-backquote = `{ $key }` 的值以反引号（`）开头，YAML 不允许值以它开头
yaml-value-starts-with-sign = `{ $key }` 的值以 `{ $sign }` 开头，YAML 会把它当成特殊符号而不是文字
yaml-value-text-after-list = `{ $key }` 的值以 `{ $open }` 开头，YAML 会把它当成列表，但结束的 `{ $close }` 后面还有文字
yaml-value-quotes-close-early = `{ $key }` 开头的引号在值结束之前就关闭了
yaml-quote-whole-value-hint = 把整个值放进引号里：{ $key }: { $quoted }
yaml-comment-in-value = `{ $key }`：` #` 后面的文字会被当成注释而丢掉
    .hint = 把整个值放进引号里：{ $key }: "{ $value }"
list-chinese-comma = `{ $key }`：列表项“{ $item }”里有中文逗号，所以它只算一项
    .hint = 用英文逗号分隔各项：{ $key }: { $fixed }
list-without-brackets = `{ $key }` 被当成了一项：“{ $value }”
    .hint = 把列表写在方括号里：{ $key }: [{ $items }]
stray-bom = 文件中间有一个看不见的字节顺序标记（U+FEFF）
    .hint = 删掉这个位置上看不见的字符（它常随从别的文件粘贴的文字带进来），或者把这一行重新输入一遍

## 外部链接（`--external`）

external-offline = { $count } 个外部链接全部无法访问（找不到主机或服务器没有响应）：这台电脑是不是没有联网？
    .hint = 检查网络连接，或者不带 --external 运行 potline check
external-link-dead = 外部链接 `{ $url }` 已失效：{ $reason ->
        [host-not-found] 这个主机名不存在
        [unreachable] 无法连接服务器
        [refused] 服务器拒绝了连接
        [bad-address] 这不是有效的网址
        [failed] 出错（{ $detail }）
       *[answer] { $detail }
    }
    .hint = 这个网页已经不在了：链接到它的新位置，或者删掉这个链接
external-link-doubtful = 外部链接 `{ $url }` 返回了{ $reason ->
        [host-not-found] “主机名不存在”
        [unreachable] “无法连接服务器”
        [refused] “服务器拒绝了连接”
        [bad-address] “不是有效的网址”
        [failed] 错误（{ $detail }）
       *[answer] { $detail }
    }
    .hint = 可能是暂时的问题，也可能是网站拒绝自动检查：在浏览器里打开看看
external-link-busy = 外部链接 `{ $url }` 要求稍后再检查（429 Too Many Requests）；没有算作失效
external-link-timed-out = 外部链接 `{ $url }` 在 { $seconds } 秒内没有响应；没有算作失效
