# potline messages (English): config.

config-messages-language = `messages_language: { $value }` is not a language potline speaks
    .hint = write `messages_language: zh` for Chinese or `messages_language: en` for English

config-not-found = no `site.yaml` in `{ $folder }`: is this a potline site?
    .hint = run potline in the site's folder, or pass --root <folder>
config-base-url-not-absolute = base_url `{ $value }` is not an absolute web address
    .hint = write it with its scheme, e.g. base_url: https://www.example.org
config-unknown-timezone = unknown timezone `{ $name }`
    .hint = use an IANA name such as Asia/Shanghai
config-theme-not-a-name = theme `{ $name }` is not the name of a folder in `themes/`
    .hint = write only the folder's name, e.g. `theme: ingot`; themes live inside the site
config-theme-not-found = theme `{ $name }` not found in `themes/`
config-no-themes-folder-hint = there is no `themes/` folder; remove `theme:` to use the built-in templates
config-menu-dangerous-url = menu item `{ $name }` links to `{ $url }`, an address that could run code in readers' browsers
    .hint = link to a web page (https://...) or a page of the site (@/...)
config-title-field-undeclared = type `{ $type }` takes its title from `{ $field }`, which is not one of its fields
    .hint = declare `{ $field }` under `fields:` of `{ $type }`
config-cname-invalid = `cname: { $value }` is not a domain name
    .hint = write the domain alone, e.g. cname: www.example.org

## Deploy targets

config-deploy-name-invalid = deploy target name `{ $name }` is empty or has spaces
    .hint = name it with one word, e.g. name: oss
config-deploy-name-twice = two deploy targets are named `{ $name }`
    .hint = give each target its own name
config-deploy-folder-key-on-s3 = `{ $key }` is a setting of folder targets, and `{ $name }` is kind: s3
    .hint = remove it, or use kind: folder
config-deploy-s3-key-on-folder = `{ $key }` is a setting of s3 targets, and `{ $name }` is kind: folder
    .hint = remove it, or use kind: s3 (the web server serving the folder sets the headers)
config-deploy-endpoint-invalid = endpoint `{ $endpoint }` of deploy target `{ $name }` is not a web address without a path
    .hint = write the service's address, e.g. endpoint: https://oss-cn-hongkong.aliyuncs.com
config-deploy-no-bucket = deploy target `{ $name }` has no `bucket`
    .hint = add the bucket's name, e.g. bucket: my-site
config-deploy-keeps-none = deploy target `{ $name }` keeps no release
    .hint = keep at least 1 (the current release); 2 or more allow `potline deploy --rollback`
config-deploy-no-path = deploy target `{ $name }` has no `path`
    .hint = add the folder the web server serves, e.g. path: /var/www/my-site
