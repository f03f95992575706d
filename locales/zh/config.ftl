# potline 中文提示：config。

config-messages-language = potline 不支持 `messages_language: { $value }` 这种语言
    .hint = 中文写 `messages_language: zh`，英文写 `messages_language: en`

config-not-found = `{ $folder }` 里没有 `site.yaml`：这是 potline 网站吗？
    .hint = 在网站的文件夹里运行 potline，或者用 --root <文件夹> 指定网站
config-base-url-not-absolute = base_url `{ $value }` 不是完整的网址
    .hint = 带上协议写完整，例如 base_url: https://www.example.org
config-unknown-timezone = 未知时区 `{ $name }`
    .hint = 使用 IANA 时区名称，例如 Asia/Shanghai
config-theme-not-a-name = 主题 `{ $name }` 不是 `themes/` 里的文件夹名
    .hint = 只写文件夹的名字，例如 `theme: ingot`；主题放在网站里面
config-theme-not-found = 在 `themes/` 里找不到主题 `{ $name }`
config-no-themes-folder-hint = 没有 `themes/` 文件夹；删掉 `theme:` 就会使用内置模板
config-menu-dangerous-url = 菜单项 `{ $name }` 链接到 `{ $url }`，这个地址可能在读者的浏览器里运行代码
    .hint = 链接到网页（https://...）或本网站的页面（@/...）
config-title-field-undeclared = 类型 `{ $type }` 从 `{ $field }` 取标题，但它没有这个字段
    .hint = 在 `{ $type }` 的 `fields:` 下声明 `{ $field }`
config-cname-invalid = `cname: { $value }` 不是域名
    .hint = 只写域名，例如 cname: www.example.org

## 部署目标

config-deploy-name-invalid = 部署目标的名字 `{ $name }` 是空的或含有空格
    .hint = 用一个词命名，例如 name: oss
config-deploy-name-twice = 有两个部署目标都叫 `{ $name }`
    .hint = 给每个部署目标起不同的名字
config-deploy-folder-key-on-s3 = `{ $key }` 是文件夹类部署目标的设置，而 `{ $name }` 是 kind: s3
    .hint = 删掉它，或者改用 kind: folder
config-deploy-s3-key-on-folder = `{ $key }` 是 s3 类部署目标的设置，而 `{ $name }` 是 kind: folder
    .hint = 删掉它，或者改用 kind: s3（发布这个文件夹的网站服务器会设置这些响应头）
config-deploy-endpoint-invalid = 部署目标 `{ $name }` 的 endpoint `{ $endpoint }` 不是不带路径的网址
    .hint = 写服务的地址，例如 endpoint: https://oss-cn-hongkong.aliyuncs.com
config-deploy-no-bucket = 部署目标 `{ $name }` 没有写 `bucket`
    .hint = 写上存储桶的名字，例如 bucket: my-site
config-deploy-keeps-none = 部署目标 `{ $name }` 一个版本都不保留
    .hint = 至少保留 1 个（当前版本）；保留 2 个或更多才能用 `potline deploy --rollback` 回退
config-deploy-no-path = 部署目标 `{ $name }` 没有写 `path`
    .hint = 写上网站服务器发布的文件夹，例如 path: /var/www/my-site
