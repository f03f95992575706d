//! potline's messages about pictures, published files and the folders it reads and writes, in
//! Chinese (the English ones are pinned by `image_safety`, `output_safety` and `sandbox`): a
//! refused output folder, a picture of too many pixels, a picture whose GPS position cannot be
//! removed, a link out of the site and a folder that cannot be created, each with its hint and
//! the summary line.

use std::os::unix::fs::symlink;
use std::path::Path;
use std::process::Output;

use crate::common::*;

/// `potline build` of `root` plus `args`, with a Chinese system locale.
fn build_in_chinese(root: &Path, args: &[&str]) -> Output {
    potline()
        .env("LANG", "zh_CN.UTF-8")
        .arg("build")
        .arg("--root")
        .arg(root)
        .args(args)
        .output()
        .expect("potline runs")
}

/// What a failed build said, once its exit code is checked.
fn failed(out: &Output) -> String {
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The site `basic` in a temporary folder, with its path as potline shows it (links resolved).
fn basic_site() -> (tempfile::TempDir, String) {
    let site = fixture("basic");
    let shown = std::fs::canonicalize(site.path())
        .expect("site")
        .display()
        .to_string();
    (site, shown)
}

/// A site with the built-in templates and `extra` lines in its `site.yaml`.
fn picture_site(extra: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp");
    write(
        dir.path(),
        "site.yaml",
        &format!("title: Photos\nbase_url: https://photos.example/\n{extra}"),
    );
    write(
        dir.path(),
        "content/_index.md",
        "---\ntitle: Home\n---\nHello.\n",
    );
    dir
}

fn write_bytes(root: &Path, rel: &str, bytes: &[u8]) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("folder");
    std::fs::write(path, bytes).expect("write");
}

/// A PNG whose header says `width` x `height` pixels, with next to no data: enough for the
/// size to be read, never decoded.
fn png_claiming(width: u32, height: u32) -> Vec<u8> {
    use img_parts::png::PngChunk;
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut chunk = |kind: &[u8; 4], data: &[u8]| {
        png.extend(PngChunk::new(*kind, data.to_vec().into()).encoder().bytes());
    };
    let mut header = width.to_be_bytes().to_vec();
    header.extend(height.to_be_bytes());
    header.extend([8, 2, 0, 0, 0]);
    chunk(b"IHDR", &header);
    chunk(
        b"IDAT",
        &[
            0x78, 0x01, 0x01, 0x00, 0x00, 0xff, 0xff, 0x00, 0x00, 0x00, 0x01,
        ],
    );
    chunk(b"IEND", &[]);
    png
}

/// A TIFF holding only an EXIF block with where it was taken, as scanners and cameras write it.
fn tiff_with_gps() -> Vec<u8> {
    use exif::{Field, In, Rational, Tag, Value};
    let field = |tag, value| Field {
        tag,
        ifd_num: In::PRIMARY,
        value,
    };
    let degrees = |d: u32| Value::Rational(vec![Rational::from((d, 1)); 3]);
    let fields = [
        field(Tag::GPSLatitudeRef, Value::Ascii(vec![b"N".to_vec()])),
        field(Tag::GPSLatitude, degrees(23)),
        field(Tag::GPSLongitudeRef, Value::Ascii(vec![b"E".to_vec()])),
        field(Tag::GPSLongitude, degrees(106)),
    ];
    let mut writer = exif::experimental::Writer::new();
    for f in &fields {
        writer.push_field(f);
    }
    let mut block = std::io::Cursor::new(Vec::new());
    writer.write(&mut block, false).expect("EXIF written");
    block.into_inner()
}

#[test]
fn an_output_folder_inside_the_sources_or_a_link_to_others_files_is_refused_in_chinese() {
    let (site, shown) = basic_site();
    let inside = format!("{shown}/content/out");
    let out = build_in_chinese(site.path(), &["--output", &inside]);
    assert_eq!(
        failed(&out),
        format!(
            "错误: 不能把 `{inside}` 用作输出文件夹：它在网站的 `content/` 文件夹里面，构建要读取那个文件夹\n  提示: 换一个网站源文件夹以外的新文件夹或空文件夹，例如 `--output public`\n"
        )
    );

    let others = tempfile::tempdir().expect("temp");
    write(others.path(), "notes.txt", "not potline's");
    let link = site.path().join("public");
    symlink(others.path(), &link).expect("link");
    let out = build_in_chinese(site.path(), &["--output", &link.display().to_string()]);
    let target = std::fs::canonicalize(others.path()).expect("others");
    assert_eq!(
        failed(&out),
        format!(
            "错误: 不能把 `{}`（指向 `{}` 的链接）用作输出文件夹：里面有不是 potline 写入的文件，而构建会替换其中的全部内容\n  提示: 换一个新的或空的文件夹，例如 `--output public`，或者先把那些文件移走：potline 只覆盖它自己发布过的文件夹\n",
            link.display(),
            target.display()
        )
    );
    assert!(others.path().join("notes.txt").is_file(), "left untouched");
}

#[test]
fn a_picture_of_too_many_pixels_is_explained_in_chinese_at_the_field_naming_it() {
    let dir = picture_site("images: { max_megapixels: 1 }\n");
    write_bytes(
        dir.path(),
        "content/news/wide/wide.png",
        &png_claiming(1500, 1000),
    );
    write(
        dir.path(),
        "content/news/wide/index.md",
        "---\ntitle: Wide\ndate: 2024-05-01\ncover: wide.png\n---\nText.\n",
    );
    let out = build_in_chinese(dir.path(), &[]);
    assert_eq!(
        failed(&out),
        "content/news/wide/index.md:4:1: 错误: `cover`：图片 `wide.png`：这张图片有 1500 × 1000 像素（1.5 百万像素）；potline 只读取不超过 1 百万像素的图片\n  提示: 用图片编辑软件把它缩小（网页上的图片宽度最多约 4000 像素就够了），或者调高 site.yaml 里 `images:` 下的 `max_megapixels`\n发现 1 个错误；没有发布任何内容\n"
    );
}

#[test]
fn a_picture_whose_gps_position_cannot_be_removed_is_refused_in_chinese() {
    let dir = picture_site("");
    write_bytes(dir.path(), "static/img/scan.tif", &tiff_with_gps());
    let out = build_in_chinese(dir.path(), &[]);
    assert_eq!(
        failed(&out),
        "static/img/scan.tif:1:1: 错误: 无法发布这张图片：它带有拍摄地点的 GPS 位置，而 potline 无法从 TIFF、HEIC 或 AVIF 文件中删除这个位置\n  提示: 把它另存为 JPEG、PNG 或 WebP（potline 会删除这些格式里的位置），或者在手机相册里删除拍摄地点\n发现 1 个错误；没有发布任何内容\n"
    );
}

#[test]
fn a_link_out_of_the_site_is_reported_in_chinese() {
    let (site, _) = basic_site();
    let elsewhere = tempfile::tempdir().expect("temp");
    write(elsewhere.path(), "secret.txt", "private");
    symlink(
        elsewhere.path().join("secret.txt"),
        site.path().join("static/secret.txt"),
    )
    .expect("link");
    let target = std::fs::canonicalize(elsewhere.path().join("secret.txt")).expect("secret");
    let out = build_in_chinese(site.path(), &[]);
    assert_eq!(
        failed(&out),
        format!(
            "static/secret.txt:1:1: 错误: 这是指向 `{}` 的链接，它在网站以外；potline 不会读取或发布它\n  提示: 把文件本身复制到网站里，不要用链接\n发现 1 个错误；没有发布任何内容\n",
            target.display()
        )
    );
}

#[test]
fn a_picture_that_cannot_be_cleaned_for_want_of_its_cache_folder_is_named_in_chinese() {
    let dir = picture_site("");
    write_bytes(dir.path(), "static/img/logo.png", &png_claiming(4, 4));
    // A file where potline keeps its caches: the folder of cleaned pictures cannot be made.
    write(dir.path(), ".potline", "");
    let root = std::fs::canonicalize(dir.path()).expect("site");
    let out = build_in_chinese(dir.path(), &[]);
    assert_eq!(
        failed(&out),
        format!(
            "static/img/logo.png:1:1: 错误: 无法发布这张图片：无法保存去除信息后的副本：无法创建文件夹 `{}/.potline/cache/images`: Not a directory (os error 20)\n  提示: 请确认 potline 可以写入 `.potline/cache/images`\n发现 1 个错误；没有发布任何内容\n",
            root.display()
        )
    );
}

#[test]
fn a_file_over_the_size_limit_is_warned_about_in_chinese_with_its_code() {
    let dir = picture_site("max_file_size: 1 MB\n");
    write_bytes(
        dir.path(),
        "content/stories/report/annual.pdf",
        &vec![b'%'; 1_500_000],
    );
    write(
        dir.path(),
        "content/stories/report/index.md",
        "---\ntitle: Report\n---\nRead [the annual report](annual.pdf).\n",
    );
    let out = potline()
        .env("LANG", "zh_CN.UTF-8")
        .args(["check", "--format", "json", "--root"])
        .arg(dir.path())
        .output()
        .expect("potline runs");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("check prints JSON");
    let items = report["items"].as_array().expect("items");
    let item = items
        .iter()
        .find(|item| item["code"] == "file-too-large")
        .unwrap_or_else(|| panic!("{report}"));
    assert_eq!(item["path"], "content/stories/report/annual.pdf");
    assert_eq!(item["severity"], "warning");
    assert_eq!(
        item["message"],
        "`/stories/report/annual.pdf` 有 1.5 MB，超过了 `max_file_size` 允许的 1.0 MB（链接它的页面：content/stories/report/index.md）"
    );
    assert_eq!(
        item["hint"],
        "把它缩小（Markdown 或 `figure` 里的照片会自动缩放），把它放到别的网站上再链接过去，或者调高 site.yaml 里的 `max_file_size`"
    );
}
