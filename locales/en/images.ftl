# potline messages (English): images.

# Why a picture cannot be used: these are shown after what could not be done with it
# ("cannot publish this picture: ..."). `$detail` is the picture decoder's own words.
image-cut-short = the file is cut short: it was not copied whole
image-no-picture-data = the file is cut short: it has no picture data
image-damaged = the picture is damaged ({ $detail })
image-damaged-unreadable = the file is damaged: reading it failed
image-checksum-mismatch = the file is damaged (a checksum does not match)
image-contents-mismatch = its contents are not what its name says
image-too-large-to-read = the picture is too large to read
image-kind-unreadable = this kind of picture cannot be read ({ $detail })
image-unreadable = the picture cannot be read ({ $detail })
image-not-a-picture = it is not a JPEG, PNG or WebP image
image-no-pixels = the image has no pixels
image-file-missing = the file does not exist or cannot be read
image-cannot-read = cannot read it: { $reason }
image-too-many-pixels = the picture is { $width } x { $height } pixels ({ $megapixels } megapixels); potline reads pictures of up to { $max } megapixels
image-too-many-pixels-to-read = the picture is { $width } x { $height } pixels, too many to read
image-gps-not-removable = it holds the GPS position where it was taken, which potline cannot remove from TIFF, HEIC or AVIF files
image-not-saved = its cleaned copy could not be saved: { $reason }
image-resize-failed = resizing it failed ({ $detail })
image-encode-failed = writing its copy failed ({ $detail })
image-too-large-for-jpeg = it is too large for JPEG (65535 pixels a side at most)
image-resize-needs-size = give a `width`, a `height` or both
image-fill-needs-both = `op="fill"` needs both `width` and `height`
image-resize-too-large = { $width }x{ $height } is larger than images can be (16383 pixels a side)
image-resize-too-many-pixels = { $width }x{ $height } is more pixels than potline makes (`max_megapixels` under `images:` in site.yaml)

# How to fix a picture that cannot be used (shown as the hint of the problems above).
image-resave-hint = open the picture in a photo editor and save it again as JPEG, PNG or WebP
image-make-smaller-hint = make it smaller in a photo editor (a web page needs at most about 4000 pixels across), or raise `max_megapixels` under `images:` in site.yaml
image-remove-gps-hint = save it as JPEG, PNG or WebP (potline removes the position from those), or remove the location in your photo app
image-cache-writable-hint = check that potline can write in `{ $folder }`
image-resize-arguments-hint = check the `width`, `height` and `op` given to `resize_image`

# What could not be done with a picture; `$reason` is one of the reasons above.
image-not-publishable = cannot publish this picture: { $reason }
image-copies-failed = cannot make the resized copies of this picture: { $reason }
image-field-unusable = `{ $field }`: image `{ $image }`: { $reason }

# `images:` in site.yaml.
images-widths-invalid = images: `widths` must list widths between 1 and 16384 pixels
    .hint = e.g. widths: [480, 960, 1600]
images-quality-invalid = images: `quality` is { $quality }; it must be between 1 and 100
    .hint = 80 is a good balance of size and detail for photos
images-max-megapixels-invalid = images: `max_megapixels` is { $value }; it must be between 1 and { $most }
    .hint = { $default } (the default) reads any camera's photos

# Published files (src/assets): their size limit.
max-file-size-invalid = max_file_size: `{ $value }` is not a size
    .hint = write it like `5 MB`, `800 kB` or a number of bytes
file-too-large = `/{ $path }` is { $size }, more than the { $limit } allowed by `max_file_size` ({ $linked ->
        [none] no page links to it
       *[other] linked from { $linked }
    })
    .hint = make it smaller (photos in Markdown or `figure` are resized for you), put it on another site and link to it there, or raise `max_file_size` in site.yaml
