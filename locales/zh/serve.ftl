# potline 的中文提示：serve —— 预览服务器、启动说明、运行中的消息，以及浏览器里显示错误的浮层。

serve-banner = potline serve：正在预览网站，地址是 { $url }
serve-banner-drafts = 显示草稿和定时发布的页面；链接都指向这个地址
serve-banner-no-drafts = 显示定时发布的页面，不显示草稿；链接都指向这个地址
serve-banner-watching = 正在留意 content/、templates/、static/、themes/ 和 site.yaml 的改动；按 Ctrl-C 停止
serve-banner-polling = 正在定时检查 content/、templates/、static/、themes/ 和 site.yaml 的改动；按 Ctrl-C 停止
serve-exposed-drafts = 网络上的其他电脑也能打开这个预览，包括草稿（--bind）
serve-exposed = 网络上的其他电脑也能打开这个预览（--bind）；草稿不显示（加上 --drafts 才显示）
serve-ended = potline serve 已停止
serve-listening = 正在监听 { $url }
serve-port-taken = 端口 { $wanted } 已被占用；改用端口 { $got }
serve-no-browser = 无法打开浏览器来显示预览
    .hint = 请自己在浏览器中打开 { $url }

# 为什么构建，构建了什么。
serve-trigger-start = 首次构建
serve-trigger-rescan = 改动太多，无法逐一跟踪
serve-trigger-changed = { $paths }{ $more ->
    [0] {""}
   *[other] 等另外 { $more } 个文件
} 有改动
serve-built = { $trigger }：构建了 { $pages } 个页面和 { $sections } 个栏目，用时 { $ms } 毫秒
serve-files = { $count } 个文件
serve-no-file-changed = 没有文件变化
serve-files-changed = { $count } 个文件有变化{ $removed ->
    [0] {""}
   *[other] ，删除了 { $removed } 个
}
serve-css-swapped = 已直接替换样式表，页面无需重新加载
serve-failed-kept = { $trigger }：构建失败；仍在显示上一次成功构建的网站，每个页面上都显示错误
serve-failed = { $trigger }：构建失败；在网站能成功构建之前，每个页面都显示错误

# 网站有错误时盖在每个页面上的浮层。
serve-overlay-title = potline：网站有错误
serve-overlay-kept = potline：最近的改动导致构建失败。这是这个页面上一次成功构建的版本；问题解决后会自动刷新。
serve-overlay-failed = potline：网站无法构建。问题解决后这个页面会自动刷新。
serve-overlay-hide = 隐藏

# 服务器本身的问题。
serve-no-site = `{ $path }` 及其上层文件夹里都没有 `{ $file }`：这是 potline 网站吗？
    .hint = 在网站文件夹（或其中任何子文件夹）里运行 potline，或者加上 --root <文件夹>
serve-bind-failed = 无法监听 { $address }：{ $reason }
    .hint = 用 --port 换一个端口
serve-ports-taken = { $ip } 的端口 { $first } 到 { $last } 都已被占用
    .hint = 用 --port 指定另一个端口，或者用 --port 0 让系统任选一个空闲端口
serve-listen-failed = 无法监听：{ $reason }
serve-runtime-failed = 无法启动服务器：{ $reason }
serve-thread-failed = 无法启动重新构建的线程：{ $reason }
serve-signal-failed = 无法等待 Ctrl-C：{ $reason }
serve-stopped = 服务器已停止：{ $reason }
serve-build-panicked = 内部错误：构建意外中止（{ $what }）；这是 potline 的缺陷，请报告给我们
serve-watch-failed = 留意改动时出错：{ $reason }
serve-watch-folder-failed = 无法留意 `{ $path }` 的改动：{ $reason }
serve-link-outside = `{ $path }` 是指向网站以外 `{ $target }` 的链接：预览不提供这个文件

# 预览拒绝的请求的回答。
serve-foreign-host = potline serve 只回答发给 localhost 或它所监听地址的请求
serve-get-only = potline serve 只回答 GET 和 HEAD 请求
serve-not-found = 找不到
serve-path-bad-encoding = 路径里的百分号编码有误
serve-path-not-utf8 = 路径不是 UTF-8 文字
serve-path-backslash = 路径里不能有反斜杠和 NUL
serve-path-dots = 路径里不能有 `.` 和 `..`
serve-live-refused = potline：自动刷新只提供给这个预览的页面
serve-live-full = potline：已有 { $count } 个页面在等待自动刷新；关掉一些预览标签页，这个页面就会自动连上
