# potline 的中文提示：deploy —— 把构建好的网站发布到存储桶或网站服务器的文件夹。

# 部署的总结。
deploy-summary = 已部署到 `{ $target }`（{ $location }）：上传 { $uploaded } 个文件（{ $size }），删除 { $deleted } 个，{ $unchanged } 个未变{ $resumed ->
    [0] {""}
   *[other] ，{ $resumed } 个在上次中断的部署里已经上传
}{ $live ->
    [yes] ，当前上线的版本是 { $release }
   *[no] {""}
}，用时 { $seconds } 秒
deploy-summary-unchanged = `{ $target }`（{ $location }）没有任何改动：上传 0 个，删除 0 个，{ $unchanged } 个未变{ $live ->
    [yes] ，版本 { $release } 仍在线上
   *[no] {""}
}，用时 { $seconds } 秒
deploy-summary-dry-run = 试运行 `{ $target }`（{ $location }）：将上传 { $uploaded } 个文件（{ $size }），删除 { $deleted } 个；{ $unchanged } 个未变{ $resumed ->
    [0] {""}
   *[other] ，{ $resumed } 个在上次中断的部署里已经上传
}；没有做任何改动
deploy-rolled-back = 已把 `{ $target }` 从版本 { $from } 退回到版本 { $to }

# 进度，显示在标准错误输出上。
deploy-plan = 要上传 { $uploads } 个（{ $size }），要删除 { $deletions } 个，{ $unchanged } 个未变
deploy-plan-empty = 没有要上传或删除的文件
deploy-uploaded-line = 上传 [{ $done }/{ $total }] { $path }
deploy-deleted-line = 删除 [{ $done }/{ $total }] { $path }
deploy-progress-planning = 正在和部署目标上的文件比较
deploy-progress-uploading = 正在上传
deploy-progress-deleting = 正在删除网站已经不用的文件
deploy-dry-new = 新增
deploy-dry-changed = 修改
deploy-dry-delete = 删除

# 选择部署目标。
deploy-no-targets = site.yaml 没有声明部署目标
    .hint = 在 `deploy:` 下面加一个，例如 `deploy: [{"{"} name: docroot, kind: folder, path: /var/www/my-site {"}"}]`（docs/deploy.md 列出了所有种类）
deploy-no-target-named = site.yaml 没有名为 `{ $name }` 的部署目标
    .hint = 你是不是想写 `{ $best }`？
deploy-no-target-named-list = site.yaml 没有名为 `{ $name }` 的部署目标
    .hint = site.yaml 里的部署目标有：{ $names }
deploy-choose-target = site.yaml 声明了 { $count } 个部署目标（{ $names }）：请选择一个
    .hint = potline deploy --target { $first }

# 存储桶目标的设置。
deploy-bucket-name = 部署目标 `{ $name }` 的 `bucket` 是 `{ $value }`，这不是存储桶的名字
    .hint = 存储桶的名字只有字母、数字、`.` 和 `-`，和服务商控制台上显示的一样，例如 bucket: my-site
deploy-region = 部署目标 `{ $name }` 的 `region` 是 `{ $value }`，这不是地域
    .hint = 地域只有字母、数字和 `-`，例如 region: cn-hongkong（R2 写 auto）
deploy-prefix = 部署目标 `{ $name }` 的 `prefix` 是 `{ $value }`，这不是存储桶里的文件夹
    .hint = 写用 `/` 分隔的文件夹名，不要有 `.`、`..`、空的名字或控制字符，例如 prefix: www
deploy-cache-control = 部署目标 `{ $name }` 的 `cache_control.{ $kind }` 是 `{ $value }`，不能作为请求头发送
    .hint = 写一行普通的 ASCII 文字，例如 { $kind }: "public, max-age=300"
deploy-endpoint = 部署目标 `{ $name }` 的 `endpoint` 是 `{ $value }`，{ $why ->
    [space] 里面有空格或控制字符
    [not-an-address] 这不是网址（{ $reason }）
    [scheme] 它不是以 https:// 或 http:// 开头
    [user] 里面有用户名或密码（密钥放在环境变量里，绝不写进 site.yaml）
    [path] 除了主机和端口还有别的内容
    [no-host] 里面没有主机
   *[host-character] 里面有主机名不能用的字符
}
    .hint = 写服务商的地址，例如 endpoint: https://oss-cn-hongkong.aliyuncs.com
deploy-virtual-host-ip = 部署目标 `{ $name }` 用 `bucket.host` 的形式访问存储桶（virtual_hosted_style），IP 地址做不到这一点
    .hint = 在 `endpoint` 里写服务商的主机名，或者设置 virtual_hosted_style: false
deploy-not-an-address = 部署目标 `{ $name }` 指向 `{ $value }`，这不是网址
    .hint = 检查 site.yaml 里这个目标的 `endpoint`、`bucket` 和 `region`

# 访问密钥。
deploy-key-half-set = 部署目标 `{ $name }`：设置了 `{ $set }`，却没有设置 `{ $unset }`
    .hint = 两个都设置，或者都不设置（改用凭证文件）
deploy-no-key = 部署目标 `{ $name }` 没有访问密钥：没有设置 `{ $id_var }` 和 `{ $secret_var }`，`{ $file }` 里也没有带密钥的 `[{ $profile }]` 配置
    .hint = 执行 export { $id_var }=... 和 { $secret_var }=...（在 CI 里取自仓库的密钥设置）；密钥绝不写进 site.yaml
deploy-credentials-too-large = `{ $path }` 超过 1 MB，不是凭证文件
    .hint = 让 AWS_SHARED_CREDENTIALS_FILE 指向含有 `[profile]` 配置和密钥的文件
deploy-credentials-not-utf8 = 它不是 UTF-8 文字（请另存为 UTF-8）
deploy-key-character = { $kind ->
    [line-break] 一个换行符（{ $code }）
    [carriage-return] 一个回车符（{ $code }）
    [tab] 一个制表符（{ $code }）
    [control] 一个控制字符（{ $code }）
    [space] 一个空格（{ $code }）
   *[other] 字符 { $code }，密钥里不会有这个字符
}
deploy-key-variable-character = 部署目标 `{ $name }`：`{ $variable }` 的值中间有{ $what }
    .hint = 从服务商控制台重新复制密钥到 `{ $variable }`；前后的空格和换行会被忽略
deploy-key-file-character = 配置 `[{ $profile }]` 的 `{ $key }` 的值中间有{ $what }
    .hint = 从服务商控制台重新复制密钥到这一行；前后的空格和换行会被忽略

# 文件夹目标和退回。
deploy-folder-no-name = `{ $path }` 不能作为部署文件夹：它没有名字
deploy-folder-foreign-link = `{ $path }` 是指向 `{ $target }` 的链接，不是 potline 建立的
    .hint = 删除这个链接（potline 会建立自己的），或者部署到别的路径
deploy-folder-is-file = `{ $path }` 是文件，不是文件夹
    .hint = 检查 site.yaml 里部署目标的 `path`
deploy-rollback-nothing = 部署目标 `{ $name }` 还没有部署过（`{ $path }` 不存在），没有可以退回的版本
    .hint = potline deploy --target { $name } 会发布第一个版本
deploy-rollback-foreign-folder = `{ $path }` 不是 potline 部署的文件夹，没有可以退回的版本
    .hint = potline 第一次部署时会把这个文件夹保留为版本 `{ $release }`，之后可以用 --rollback 恢复
deploy-rollback-no-older = 部署目标 `{ $name }` 没有比线上版本（{ $live }）更早的版本
    .hint = { $why ->
        [adopted] 线上版本就是 potline 第一次部署之前已有的文件夹
        [first] 线上版本就是 potline 部署的第一个版本
       *[removed] 更早的版本已被删除：目标的 `keep: { $keep }` 决定保留几个版本；要退回更早的版本，就多保留几个
    }
deploy-rollback-bucket = 部署目标 `{ $name }` 是对象存储，不保留可以退回的旧版本
    .hint = 重新部署网站的上一个版本（git checkout <commit> && potline deploy --target { $name }），或者打开存储桶的版本控制

# 构建好的网站和存储服务。
deploy-no-output = 没有可以部署的内容：`{ $path }` 不是文件夹
    .hint = 先构建网站（去掉 --no-build），或者用 --output <文件夹> 指定
deploy-unreachable = 无法连接部署目标 `{ $name }`：{ $reason }
deploy-object-key = `{ $path }` 不能作为对象名：其中有空的名字、`.`、`..` 或控制字符
    .hint = 在网站里给这个文件改名（`static/` 或 `content/` 里）
deploy-service-denied = 无法{ $action ->
    [read] 读取
    [write] 写入
    [list] 列出
    [check] 检查
    [upload] 上传
    [delete] 删除
   *[other] { $action }
}{ $what }（位于 { $location }）：{ $reason }
    .hint = 检查访问密钥，以及它能否列出、读取、写入和删除存储桶里的对象
deploy-service-no-bucket = 无法{ $action ->
    [read] 读取
    [write] 写入
    [list] 列出
    [check] 检查
    [upload] 上传
    [delete] 删除
   *[other] { $action }
}{ $what }（位于 { $location }）：{ $reason }
    .hint = 检查 site.yaml 里这个目标的 `bucket`（以及 `endpoint`、`region`）
deploy-service-unreachable = 无法{ $action ->
    [read] 读取
    [write] 写入
    [list] 列出
    [check] 检查
    [upload] 上传
    [delete] 删除
   *[other] { $action }
}{ $what }（位于 { $location }）：{ $reason }
    .hint = 检查 site.yaml 里这个目标的 `endpoint`，以及网络
deploy-service-failed = 无法{ $action ->
    [read] 读取
    [write] 写入
    [list] 列出
    [check] 检查
    [upload] 上传
    [delete] 删除
   *[other] { $action }
}{ $what }（位于 { $location }）：{ $reason }
deploy-manifest-damaged = { $location } 上的清单 `{ $file }` 已损坏
    .hint = 删除它，所有文件会重新上传
deploy-threads-failed = 无法启动上传线程：{ $reason }
deploy-upload-failed = 上传失败：{ $reason }
deploy-interrupted = 部署在上传 { $total } 个文件中的 { $done } 个之后中断；已发布的网站仍然有它的页面需要的每个文件
    .hint = 再运行一次同样的命令：已经上传的文件不会重新发送
