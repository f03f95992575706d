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

# “你是不是想写”：作者可能想写的名称，或者可以写的名称。
suggest-did-you-mean = 你是不是想写 `{ $name }`？
suggest-accepted-here = 这里可以写：{ $names }
suggest-nothing-yet = 这里还没有可以选择的内容
