# potline 中文提示：images。

# 图片不能使用的原因：显示在“不能对它做什么”之后（“无法发布这张图片：……”）。`$detail` 是
# 图片解码程序自己的说法。
image-cut-short = 文件不完整：它没有被完整地复制过来
image-no-picture-data = 文件不完整：里面没有图像数据
image-damaged = 图片已损坏（{ $detail }）
image-damaged-unreadable = 文件已损坏：读取失败
image-checksum-mismatch = 文件已损坏（校验值不符）
image-contents-mismatch = 文件的内容和它的文件名说的格式不一样
image-too-large-to-read = 图片太大，无法读取
image-kind-unreadable = 无法读取这种图片（{ $detail }）
image-unreadable = 无法读取这张图片（{ $detail }）
image-not-a-picture = 它不是 JPEG、PNG 或 WebP 图片
image-no-pixels = 图片里没有任何像素
image-file-missing = 文件不存在或无法读取
image-cannot-read = 无法读取：{ $reason }
image-too-many-pixels = 这张图片有 { $width } × { $height } 像素（{ $megapixels } 百万像素）；potline 只读取不超过 { $max } 百万像素的图片
image-too-many-pixels-to-read = 这张图片有 { $width } × { $height } 像素，太多了，无法读取
image-gps-not-removable = 它带有拍摄地点的 GPS 位置，而 potline 无法从 TIFF、HEIC 或 AVIF 文件中删除这个位置
image-not-saved = 无法保存去除信息后的副本：{ $reason }
image-resize-failed = 缩放失败（{ $detail }）
image-encode-failed = 写入副本失败（{ $detail }）
image-too-large-for-jpeg = 图片太大，不能存成 JPEG（每边最多 65535 像素）
image-resize-needs-size = 请给出 `width`、`height` 或两者都给
image-fill-needs-both = `op="fill"` 需要同时给出 `width` 和 `height`
image-resize-too-large = { $width }x{ $height } 超出了图片的最大尺寸（每边 16383 像素）
image-resize-too-many-pixels = { $width }x{ $height } 的像素超过了 potline 制作的上限（site.yaml 里 `images:` 下的 `max_megapixels`）

# 如何修改不能使用的图片（作为上面这些问题的提示显示）。
image-resave-hint = 用图片编辑软件打开这张图片，重新保存为 JPEG、PNG 或 WebP
image-make-smaller-hint = 用图片编辑软件把它缩小（网页上的图片宽度最多约 4000 像素就够了），或者调高 site.yaml 里 `images:` 下的 `max_megapixels`
image-remove-gps-hint = 把它另存为 JPEG、PNG 或 WebP（potline 会删除这些格式里的位置），或者在手机相册里删除拍摄地点
image-cache-writable-hint = 请确认 potline 可以写入 `{ $folder }`
image-resize-arguments-hint = 请检查传给 `resize_image` 的 `width`、`height` 和 `op`

# 不能对图片做的事；`$reason` 是上面的原因之一。
image-not-publishable = 无法发布这张图片：{ $reason }
image-copies-failed = 无法制作这张图片的缩放副本：{ $reason }
image-field-unusable = `{ $field }`：图片 `{ $image }`：{ $reason }

# site.yaml 里的 `images:`。
images-widths-invalid = `images:` 下的 `widths` 必须列出 1 到 16384 像素之间的宽度
    .hint = 例如 `widths: [480, 960, 1600]`
images-quality-invalid = `images:` 下的 `quality` 是 { $quality }；它必须在 1 到 100 之间
    .hint = 80 能很好地兼顾照片的文件大小和细节
images-max-megapixels-invalid = `images:` 下的 `max_megapixels` 是 { $value }；它必须在 1 到 { $most } 之间
    .hint = { $default }（默认值）能读取任何相机拍的照片

# 发布的文件（src/assets）：大小上限。
max-file-size-invalid = `max_file_size` 的值 `{ $value }` 不是文件大小
    .hint = 写成 `5 MB`、`800 kB` 这样，或者写字节数
file-too-large = `/{ $path }` 有 { $size }，超过了 `max_file_size` 允许的 { $limit }（{ $linked ->
        [none] 没有页面链接到它
       *[other] 链接它的页面：{ $linked }
    }）
    .hint = 把它缩小（Markdown 或 `figure` 里的照片会自动缩放），把它放到别的网站上再链接过去，或者调高 site.yaml 里的 `max_file_size`
