# potline 中文提示：content。
# 页面文件：读取文件、文件头（YAML）、字段和日期、网址和旧地址、数据文件，以及各处共用的“你是不是想写”提示。

## 读取文件

file-not-utf8 = 这个文件不是 UTF-8 文本（可能保存成了 GBK 或其他旧编码）
    .hint = 在编辑器里打开它，用“UTF-8”编码重新保存
front-matter-toml = 不支持 TOML 格式（`+++`）的文件头
    .hint = 用 YAML 写文件头，放在两行 `---` 之间
front-matter-unclosed = 第 1 行用 `---` 开始的文件头没有结束
    .hint = 在文件头最后一行之后加一行，只写 `---`
front-matter-too-large = 文件头有 { $size } KiB，最多只能有 { $max } KiB
    .hint = 把长段文字移到正文里，也就是结束的 `---` 下面
front-matter-not-mapping = 文件头不是一行一个 `字段: 值` 的格式
    .hint = 每行写一个 `字段: 值`，例如 `title: 我的新闻`
pasted-control-removed = 已删除{ $kind ->
        [null] 一个空字符
        [vertical-tab] 一个垂直制表符
        [form-feed] 一个换页符
        [non-character] 一个非字符
       *[control] 一个控制字符
    }（U+{ $code }）：订阅源和站点地图不能包含它
    .hint = 它是随粘贴的文字（例如从 Word 复制）带进来的，大多数编辑器里看不见：把它删掉，或者把它前后的文字重新输入一遍
pasted-controls-more = 这个文件里还删除了 { $count } 个看不见的控制字符，第一个在这里
    .hint = 它是随粘贴的文字（例如从 Word 复制）带进来的，大多数编辑器里看不见：把它删掉，或者把它前后的文字重新输入一遍

## YAML

yaml-tab-indent = 这一行用了制表符（Tab）缩进
yaml-tab-hint-remove = YAML 只能用空格缩进，不能用制表符：删掉这个制表符，让这一行从最左边开始{ $like ->
        [0] {""}
       *[other] ，和第 { $like } 行一样
    }
yaml-tab-hint-align = YAML 只能用空格缩进，不能用制表符：把制表符换成 { $count } 个空格，和第 { $like } 行对齐
yaml-tab-hint-nest = YAML 只能用空格缩进，不能用制表符：把制表符换成 { $count } 个空格，比它所属的第 { $like } 行多 2 个
yaml-indented-key = `{ $key }` 前面有缩进，YAML 会把它当成第 { $like } 行的值的一部分
    .hint = { $count ->
        [0] 删掉 `{ $key }` 前面的空格，让它和第 { $like } 行一样从最左边开始
       *[other] 这一行开头改为 { $count } 个空格，和第 { $like } 行一样
    }
yaml-full-width-colon = `{ $key }` 后面是中文全角冒号 `：`
    .hint = 切换到英文（半角）输入法输入冒号：`:` 后面再加一个空格
yaml-too-much-expansion = 这段 YAML 展开后内容过多（锚点 `&` 和别名 `*` 互相重复引用）
    .hint = 把值直接写出来，不要用 `&` 和 `*`
yaml-too-deep = 这段 YAML 嵌套的层数太多
    .hint = 文件头只需要几层：`字段: 值`、列表和简单的小段设置
yaml-list-unclosed = 用 `{ $open }` 开始的列表没有用 `{ $close }` 结束
    .hint = 在同一行末尾加上 `{ $close }`；如果 `{ $open }` 是文字的一部分，就把整个值放进引号里
yaml-colon-in-value = 这个值里有 `: `（冒号加空格），YAML 会把它当成一个新字段
    .hint = 把整个值放进引号里，例如 title: "百色：新的开始"
yaml-quote-unclosed = 用引号开始的值没有结束引号
    .hint = 在值的末尾加上结束的引号
yaml-unknown-key = 未知字段 `{ $key }`
yaml-unknown-value = 未知的值 `{ $value }`
yaml-missing-key = 缺少字段 `{ $key }`
    .hint = 加一行 `{ $key }: ...`
yaml-key-twice = `{ $key }` 写了两次，分别在第 { $first } 行和第 { $second } 行
    .hint = 只保留一个（把两处的值合并到第一个里）
yaml-key-twice-inside = 字段“{ $key }”出现了两次
    .hint = 两行中只保留一行
yaml-indentation = 这一行的缩进和上下行对不齐
    .hint = 让这个字段和同一层的其他字段对齐
yaml-unreadable = YAML 无法读取这里：{ $reason }

## 文件头字段

front-matter-unknown-key = { $place ->
        [section] 栏目文件头
        [row] { $type } 数据行
       *[page] { $type } 页面的文件头
    }里有未知字段 `{ $key }`
front-matter-unknown-keys-more = { $place ->
        [section] 栏目文件头
        [row] { $type } 数据行
       *[page] { $type } 页面的文件头
    }里还有 { $count } 个未知字段
front-matter-keys-accepted = 这里可以写：{ $names }
front-matter-missing-key = { $place ->
        [section] 栏目文件头
        [row] { $type } 数据行
       *[page] { $type } 页面的文件头
    }缺少必填字段 `{ $key }`
    .hint = 在文件头里加一行，例如 `{ $key }: { $example }`
field-empty = `{ $key }` 是空的
    .hint = 在 `{ $key }:` 后面写上值，例如 `{ $key }: { $example }`
field-wrong-kind = `{ $key }` 应该是{ $expected ->
        [string] 文字
        [date] 日期（YYYY-MM-DD）
        [datetime] 日期（YYYY-MM-DD，后面可以加时间 HH:MM）
        [bool] true 或 false
        [integer] 整数
        [number] 数字
        [list] 列表
        [map] 一组 `字段: 值`
        [url] 以 https:// 开头的网址
        [image] 图片的路径
       *[any] 任意值
    }，这里写的是{ $found ->
        [nothing] 空值
        [bool] true/false
        [number] 数字
        [list] 列表
        [map] 一组 `字段: 值`
       *[text] 文字
    }
field-yes-no = `{ $key }` 应该是 true 或 false，这里写的是“{ $value }”
    .hint = 请写 true 或 false：`{ $key }: { $meant }`
field-quote-text-hint = 把文字放进引号里：`{ $key }: "{ $value }"`
field-single-value-hint = 只写一个值，不要用 `[` `]` 或 `- ` 列表项
field-bool-unquoted-hint = 写 true 或 false，不要加引号（这里写的是“{ $value }”）
field-number-unquoted-hint = 数字不要加引号
field-not-a-web-address = `{ $key }` 应该是完整的网址，这里写的是“{ $value }”
    .hint = 以 https:// 开头，例如 `{ $key }: https://{ $value }`
field-value-not-allowed = `{ $value }` 不是 `{ $key }` 可以用的值
field-list-comma-hint = 用英文逗号分隔各项：`{ $key }: [{ $items }]`

## 日期

date-invalid = `{ $key }`：“{ $value }”不是有效的日期（应写成 YYYY-MM-DD，后面可以加时间 HH:MM）
    .hint = 日期写成 2021-07-30 或 2021-07-30 15:30
date-skipped-by-clock-change = `{ $key }`：“{ $value }”在时区 { $timezone } 中不存在（调整时钟时跳过了这个时间）
    .hint = 日期写成 2021-07-30 或 2021-07-30 15:30
date-out-of-range = `{ $key }`：“{ $value }”在 { $year } 年；日期必须在 1 年到 9999 年之间
    .hint = 年份写四位数字，例如 2021-07-30（订阅源和站点地图不能包含其他年份）
date-filter-not-a-date = `{ $value }` 不是 `date` 过滤器能处理的日期
date-filter-bad-format = `{ $pattern }` 不是有效的日期格式

## 网址：什么内容发布在哪里

owner-copy = { $path } 的 { $lang } 版副本
owner-home = 首页
owner-home-lang = { $lang } 首页
owner-home-file = 首页（{ $path }）
owner-home-lang-file = { $lang } 首页（{ $path }）
owner-section-list = { $folder }/ 的列表
owner-section-list-lang = { $folder }/ 的 { $lang } 列表
owner-alias-of = { $name } 的旧地址
page-url-taken-by-page = 这个页面的网址 { $url }（{ $slug_line ->
        [0] 来自文件名
       *[other] 来自第 { $slug_line } 行的 `slug:`
    }）也是 { $other }（{ $other_slug_line ->
        [0] 来自文件名
       *[other] 来自第 { $other_slug_line } 行的 `slug:`
    }）的网址
    .hint = 在其中一个页面的文件头里改用不同的 `slug:`，或者给文件改名
url-taken = { $role ->
        [section] 这个栏目的网址
       *[page] 这个页面的网址
    } { $url } 也是 { $other } 的网址
    .hint = { $role ->
        [section] 给栏目的文件夹改名，或者把发布在那里的其他内容移走
       *[page] 在这个页面的文件头里改用不同的 `slug:`，或者给文件改名
    }
alias-taken = 旧地址 { $url } 已经是 { $other } 的网址
    .hint = 删掉这个旧地址：旧地址只能跳转到没有发布其他内容的地方
alias-also-alias = 旧地址 { $url } 同时也是 { $other } 的旧地址
    .hint = 删掉这个旧地址：旧地址只能跳转到没有发布其他内容的地方
file-url-taken = 这个文件会发布在 { $url }，而 { $other } 也发布在那里
    .hint = 给两个文件中的一个改名或换个位置
url-collision-folder = { $role ->
        [alias] 旧地址 { $url }
        [page] 这个页面的网址 { $url }
        [section] 这个栏目的网址 { $url }
       *[file] 这个文件的网址 { $url }
    }和 { $other } 不能同时发布：其中一个是文件，而另一个在同一位置需要一个文件夹
    .hint = { $role ->
        [alias] 删掉这个旧地址：旧地址只能跳转到没有发布其他内容的地方
        [page] { $other_role ->
            [page] 在其中一个页面的文件头里改用不同的 `slug:`，或者给文件改名
           *[other] 在这个页面的文件头里改用不同的 `slug:`，或者给文件改名
        }
        [section] 给栏目的文件夹改名，或者把发布在那里的其他内容移走
       *[file] 给两个文件中的一个改名或换个位置
    }
url-taken-unlocated = { $first }和{ $second }都会发布在 { $url }
    .hint = 在 site.yaml 里给这些分类起不同的名字，不能只是大小写或标点不同
url-in-language-folder = { $role ->
        [section] 这个栏目的网址
       *[page] 这个页面的网址
    } { $url } 在 { $folder } 里面，而那里发布的是网站的 { $lang } 版
language-folder-hint = { $folder } 里是 { $lang } 翻译，翻译文件要写在原文旁边（`about.{ $lang }.md` 放在 `about.md` 旁边）：给这个文件或它的文件夹改名
alias-unclean = 旧地址 `{ $alias }` { $problem ->
        [empty] 是空的
        [full-address] 是完整网址，不是本网站的路径
        [other-host] 指向别的网站，不是本网站的路径
        [space] 含有空格或换行
        [control] 含有看不见的控制字符（U+{ $code }）
        [character] 含有 `{ $char }`，页面的网址里不能有这个字符
        [invisible] 含有看不见的字符（U+{ $code }）
        [bad-escape] 含有 `%`，但后面不是表示 UTF-8 文字的两位十六进制数
        [up-folder] 含有 `..`
        [empty-part] 含有 `//`
        [hidden] 指向隐藏文件（有一段以 `.` 开头）
       *[other] 不是本网站的路径
    }{ $decoded ->
        [yes] （在解码 `%` 转义之后）
       *[no] {""}
    }
    .hint = { $decoded ->
        [yes] 旧地址写成从网站根目录开始的路径，例如 /news/2021/old-name/
       *[no] { $problem ->
            [space] 每个旧地址单独作为列表的一项，写成从网站根目录开始的路径，例如 `aliases: [/news/2021/old-name/]`
            [control] 每个旧地址单独作为列表的一项，写成从网站根目录开始的路径，例如 `aliases: [/news/2021/old-name/]`
            [hidden] 隐藏文件是网站托管服务的设置文件，不会是页面：删掉这个旧地址
           *[other] 旧地址写成从网站根目录开始的路径，例如 /news/2021/old-name/
        }
    }
page-url-unclean = 这个页面的网址 { $url } { $problem ->
        [empty] 是空的
        [full-address] 是完整网址，不是本网站的路径
        [other-host] 指向别的网站，不是本网站的路径
        [space] 含有空格或换行
        [control] 含有看不见的控制字符（U+{ $code }）
        [character] 含有 `{ $char }`，页面的网址里不能有这个字符
        [invisible] 含有看不见的字符（U+{ $code }）
        [bad-escape] 含有 `%`，但后面不是表示 UTF-8 文字的两位十六进制数
        [up-folder] 含有 `..`
        [empty-part] 含有 `//`
        [hidden] 指向隐藏文件（有一段以 `.` 开头）
       *[other] 不是本网站的路径
    }{ $decoded ->
        [yes] （在解码 `%` 转义之后）
       *[no] {""}
    }
section-and-bundle-in-folder = 这个文件夹里还有 { $other }：一个文件夹要么是栏目（`_index.md`），要么是一个带附属文件的页面（`index.md`）
    .hint = 要保留栏目，就把 `index.md` 改名（例如改成 `overview.md`）；要保留带附属文件的页面，就删掉 `_index.md`
section-inside-bundle = 这个栏目在 { $other } 的文件夹里，而那个文件夹是一个带附属文件的页面
    .hint = 把栏目的文件夹移出页面的文件夹，或者删掉它的 `_index.md`
bundle-holds-section = 这个页面的文件夹里有栏目 { $other }，栏目不能放在页面里面
    .hint = 把栏目的文件夹移出页面的文件夹，或者删掉它的 `_index.md`

## 数据文件

data-file-too-large = 这个数据文件有 { $size } MiB；模板读取的数据文件最多只能有 { $max } MiB
    .hint = 只给模板它要显示的那些行（拆分文件，或者把其余部分移出 `data/`）；没有被任何模板或页面用到的数据文件根本不会被读取
data-invalid-json = JSON 格式有误：{ $reason }
data-csv-row-length = 这一行有 { $cells } 个单元格，但表头有 { $expected } 个
    .hint = 检查这一行的逗号和引号；含有逗号的单元格要放在双引号里
data-csv-unreadable = 无法读取这个 CSV 文件：{ $reason }
    .hint = 检查这一行的逗号和引号；含有逗号的单元格要放在双引号里
data-outside-site = `{ $path }` 在网站之外，potline 不会读取它
    .hint = 数据文件要放在网站的 `data/` 文件夹里
data-cannot-read = 无法读取 `{ $path }`：{ $reason }
    .hint = 数据文件要放在网站的 `data/` 文件夹里
