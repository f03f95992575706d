# potline 中文提示：scaffold —— `potline new`、`init`、`cms`、`list` 命令，以及预览时草稿和定时发布页面顶部的提示。
# 每条的代码固定不变：`potline check --format json` 会显示它，docs/writing.md 列出了全部代码。
# `.hint` 说明如何修改。

## 预览时，尚未发布的页面顶部的提示。

preview-draft = 草稿——尚未发布
preview-scheduled = 定时发布：{ $date }

## potline new

new-unknown-type = 这个网站没有 `{ $kind }` 这种内容类型
    .hint = { $best ->
        [none] 这个网站的内容类型有：{ $names }
       *[other] 你是不是想写 `{ $best }`？
    }
new-no-slug = 无法用标题“{ $title }”生成网址名
    .hint = 用 --slug 指定一个，例如 --slug annual-report-2024
new-language-not-in-site = 这个网站没有 `{ $lang }` 这种语言
    .hint = 它的语言是 { $languages }；要增加语言，请在 site.yaml 的 `languages:` 下列出它
new-exists = `{ $path }` 已经存在，potline new 不会覆盖已有的文件
    .hint = 直接修改那个文件，或者给这个页面换一个标题或 --slug
new-exists-twin = `{ $path }` 已经存在，而且网址相同，potline new 不会覆盖已有的页面
    .hint = 直接修改那个文件，或者给这个页面换一个标题或 --slug
new-site-yaml-problems =
    site.yaml 有问题，请先改正：
    { $problems }
new-language-from-title = 标题是用{ $lang ->
        [zh] 中文
        [en] 英文
       *[other] `{ $lang }`
    }写的，所以这是 `{ $lang }` 页面；如果要写 `{ $default }` 页面，请加上 --lang { $default }
new-translation-of = 这是 { $path } 的译文
new-from-archetype = 根据模板文件 { $path } 创建；删除 `draft: true` 这一行之前，它都是草稿
new-from-builtin-archetype = 根据 potline 自带的模板文件 { $name } 创建；删除 `draft: true` 这一行之前，它都是草稿
new-preview-address = 预览（`potline serve`）中的网址：{ $url }

## potline init

init-not-empty = `{ $dir }` 不是空文件夹，potline init 只在空文件夹里创建网站
    .hint = 换一个新的文件夹名（`potline init mysite`），或者加上 --force，只补上缺少的文件（已有的文件不会被修改或删除）
init-not-a-folder = `{ $dir }` 是一个文件，不是文件夹
    .hint = 换一个没有被占用的文件夹名（`potline init mysite`）
init-unknown-timezone = 不认识的时区 `{ $zone }`
    .hint = { $best ->
        [none] 请使用 IANA 时区名，例如 Asia/Shanghai
       *[other] 你是不是想写 `{ $best }`？
    }
init-unknown-language = potline init 只能创建英文（`en`）和中文（`zh`）网站，不能创建 `{ $lang }` 网站
    .hint = 写 --languages en、--languages zh，或者写 --languages en,zh 创建双语网站（第一个是网站根目录使用的语言）
init-language-twice = --languages 里 `{ $lang }` 写了两次
    .hint = 每种语言只写一次：--languages en,zh
init-created = 已在 { $dir }/ 创建 potline 网站
init-kept = { $file }（已存在，保持不变）
init-next = 下一步：运行 `potline serve{ $root }` 预览网站，运行 `potline new news "标题"{ $root }` 写新闻

## potline list

list-column-status = 状态
list-column-date = 日期
list-column-language = 语言
list-column-file = 文件
list-column-title = 标题
list-status = { $status ->
        [draft] 草稿
        [scheduled] 定时发布
       *[published] 已发布
    }
list-count = { $count ->
       *[other] 共 { $count } 个页面
    }
list-empty = { $which ->
        [drafts] 没有草稿
        [future] 没有定时发布的页面
       *[all] 没有页面
    }
list-files-with-errors = { $count ->
       *[other] 有 { $count } 个文件有错误，列表中可能缺少它们：运行 `potline check` 查看
    }

## potline cms

cms-needs-repo = --backend { $backend } 需要写明仓库
    .hint = 加上 --repo 所有者/仓库名
cms-needs-host = --backend gitea 需要写明 Gitea 或 Forgejo 服务器的地址
    .hint = 用 --host 写上它的地址，例如 --host https://git.example.org（Codeberg 写 --host https://codeberg.org）
cms-not-written = 无法把内容管理配置写成 YAML：{ $problem }
cms-wrote = 已写入 { $path }
cms-script = 内容管理页面从 { $url } 加载程序：请看 docs/writing.md 中的“在浏览器中编辑”
cms-try-sveltia =
    在本机试用：运行 `potline serve`，用 Chrome 或 Edge 打开 { $url }，
    点击“Work with Local Repository”（使用本地仓库），选择网站文件夹；保存的内容会直接写到那里
cms-try-decap =
    在本机试用：运行 `potline serve`，再打开一个终端，在网站文件夹里运行 `npx decap-server`，
    然后打开 { $url }；保存的内容会直接写到网站文件夹里
cms-choose-backend = 还没有设置 git 服务器，所以内容管理只能在本机使用：运行 `potline cms --backend gitea --repo 所有者/仓库名 --host https://git.example.org`（或 github、gitlab）选择保存到哪里
cms-decap-translations = Decap CMS 把页面和它的译文（`foo.md`、`foo.zh.md`）显示为两个条目；Sveltia CMS（`--cms sveltia`）把它们作为一个条目编辑
cms-config-header =
    由 `potline cms` 根据 site.yaml 中的内容类型生成：修改内容类型后请重新运行
    （只保留 `backend:` 部分）。Sveltia CMS 和 Decap CMS 都读取这个文件。
cms-config-placeholder =
    `backend:` 还没有写真实的仓库：选择仓库之前，内容管理只能在本机使用
    （`potline cms --backend gitea --repo 所有者/仓库名 --host https://git.example.org`）。
cms-page-title = { $site }：内容管理
cms-page-comment = 由 `potline cms` 生成。内容管理程序从下面的地址加载：请把它复制到 static/admin/（见 potline 的 docs/writing.md），或者运行 `potline cms --script-url 网址`。
cms-hint-draft = 草稿不会被发布。
cms-hint-slug = 网址的最后一段；留空时根据标题生成。
cms-url-pattern = 以 https:// 开头的网址
cms-sections = 栏目
cms-home-page = 首页
cms-field-label = { $key ->
        [title] 标题
        [name] 名称
        [name_zh] 中文名称
        [date] 日期
        [updated] 更新日期
        [draft] 草稿
        [summary] 摘要
        [description] 描述
        [tags] 标签
        [segment] 产业链
        [author] 作者
        [cover] 封面图片
        [cover_alt] 封面图片的替代文字
        [slug] 网址名
        [body] 正文
        [county] 县（市、区）
        [founded] 成立年份
        [website] 网站
        [logo] 标志
        [products] 产品
        [featured] 推荐
        [sources] 资料来源
        [aliases] 旧地址
        [weight] 排序权重
        [illustration] 插图
       *[other] { $fallback }
    }
cms-collection-label = { $name ->
        [news] 新闻
        [enterprises] 企业
        [pages] 页面
       *[other] { $fallback }
    }
cms-type-label = { $name ->
        [news] 新闻
        [enterprise] 企业
        [page] 页面
       *[other] { $fallback }
    }
