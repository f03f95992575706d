# potline 的中文提示：其他提示共用的词语。
# 每条的代码固定不变：`potline check --format json` 会显示它，docs/writing.md 列出了全部代码。
# `.hint` 说明如何修改。

label-error = 错误
label-warning = 警告
label-note = 说明
label-hint = 提示
caused-by = 原因

errors-found = { $count ->
   *[other] 发现 { $count } 个错误；没有发布任何内容
}

io-failed = 无法{ $action ->
    [read] 读取
    [write] 写入
    [open] 打开
    [remove] 删除
    [copy] 复制
    [replace] 替换
    [create] 创建
    [create-folder] 创建文件夹
    [remove-folder] 删除文件夹
    [read-folder] 读取文件夹
    [move] 移动
    [list] 列出
    [follow-the-link] 跟随链接
    [flush] 写完
    [create-link] 创建链接
   *[other] { $action }
} `{ $path }`

# 文件大小的写法。
size-bytes = { $count ->
   *[other] { $count } 字节
}

# “你是不是想写”提示（src/suggest.rs）。
suggest-did-you-mean = 你是不是想写 `{ $name }`？
suggest-accepted = 这里可以用：{ $names }
suggest-nothing-yet = 这里还没有可以选择的内容

# 写入网站（src/output.rs）。
output-earlier-write-failed = 之前的写入已经失败，所以没有继续写入
output-writer-stopped = potline 负责写入网站的部分意外停止了
    .hint = 请重新构建；如果再次出现，请把你运行的命令一起报告给我们

# potline 拒绝写入的文件夹（src/places.rs）。`$why` 说明原因；`$target` 是原因里提到的路径或
# 文件夹名；`$link` 是所给文件夹作为链接指向的位置（不是链接时为 `none`）。
folder-refusal = { $why ->
    [dangling] 它是指向 `{ $target }` 的链接，而那个位置并不存在
    [file] 它是一个文件，不是文件夹
    [file-above] 它上层的 `{ $target }` 是一个文件，不是文件夹
    [disk-root] 它是磁盘最上层的文件夹，里面装着所有东西
    [home] 它是你的个人主文件夹
    [holds-site] 它装着网站自己的文件，而构建会替换其中的全部内容
    [in-sources] 它在网站的 `{ $target }/` 文件夹里面，构建要读取那个文件夹
    [holds-sources] 它装着网站的 `{ $target }/` 文件夹，构建要读取那个文件夹
    [foreign] 里面有不是 potline 写入的文件，而构建会替换其中的全部内容
    [in-site] 它在网站的文件夹里面
    [is-output] 它就是网站构建到的文件夹
    [in-output] 它在网站构建到的文件夹里面
   *[holds-output] 它装着网站构建到的文件夹
}
output-folder-refused = 不能把 `{ $folder }`{ $link ->
        [none] {" "}
       *[other] （指向 `{ $link }` 的链接）
    }用作输出文件夹：{ folder-refusal }
    .hint = { $why ->
        [dangling] 先创建链接指向的文件夹，或者换一个文件夹，例如 `--output public`
        [foreign] 换一个新的或空的文件夹，例如 `--output public`，或者先把那些文件移走：potline 只覆盖它自己发布过的文件夹
       *[other] 换一个网站源文件夹以外的新文件夹或空文件夹，例如 `--output public`
    }
deploy-path-refused = 部署目标 `{ $name }` 不能发布到 `{ $folder }`：{ folder-refusal }
    .hint = 在 site.yaml 里把这个目标的 `path` 改成网站以外的文件夹，例如 `path: /var/www/my-site`

# 读取网站的文件夹（src/source.rs）。
link-leaves-site = 这是指向 `{ $target }` 的链接，它在网站以外；potline 不会读取或发布它
    .hint = 把文件本身复制到网站里，不要用链接
