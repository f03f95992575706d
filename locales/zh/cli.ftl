# potline 的中文提示：cli —— 命令行：`potline build` 的总结、终端上的进度，以及命令行本身的问题。

# 构建的总结：各部分用 `summary-separator` 连接。
summary-build = 构建了 { $pages } 个页面和 { $sections } 个栏目，用时 { $ms } 毫秒：写入 { $written } 个文件，{ $unchanged } 个未变；跳过 { $drafts } 篇草稿和 { $future } 个定时发布的页面
summary-build-kept = 自上次构建以来没有任何改动
summary-images = 图片：处理了 { $processed } 张，{ $cached } 张取自缓存
summary-warnings = { $count } 个警告
summary-separator = ；

# `potline build --verbose`：构建的各个阶段。
cli-timing-stage = { $stage ->
    [config-and-templates] 配置和模板
    [discover] 查找文件
    [parse] 读取页面
    [index] 整理页面
    [markdown] 转换正文
    [templates] 套用模板
    [images] 处理图片
    [links] 检查链接
    [minify] 压缩
    [write] 写入
    [up-to-date-check] 检查是否有改动
   *[other] { $stage }
}

# 进度，只在终端上显示。
cli-progress-building = 正在构建网站
cli-progress-pictures = 正在处理图片
cli-progress-finishing = 正在检查链接并写入网站
cli-progress-checking = 正在检查网站
cli-progress-external = 正在检查外部链接

# 命令行。
cli-site-found = potline：使用 { $path } 里的网站
cli-lang-unknown = --lang `{ $code }`：potline 只会说 en（英文）或 zh（中文）
cli-seconds = 需要 0 到 600 之间的秒数，例如 10 或 2.5
cli-disk-full = 无法{ $action ->
    [write] 写入
    [create] 创建
    [copy] 复制
    [create-folder] 创建文件夹
    [replace] 替换
    [move] 移动
    [flush] 写完
   *[other] { $action }
} `{ $path }`：磁盘已满（{ $reason }）
    .hint = 腾出一些空间后重新构建；`{ $output }` 保持原样，没有任何改动
