//! Responsive images, fingerprinted assets, minified output and oversize warnings, on sites whose
//! photos are real JPEG and PNG files made here (with EXIF orientation and a GPS position written
//! by hand), checked on the parsed pages and on the decoded copies.

use std::path::Path;

use image::{DynamicImage, ImageFormat, Rgb, RgbImage};
use scraper::{Html, Selector};

use crate::common::*;

/// A marker written into the GPS fields of test photos: it must never be published.
const GPS_MARKER: &[u8] = b"POTLINE-GPS-SECRET";

/// A photo whose left half is red and right half blue.
fn photo(width: u32, height: u32) -> DynamicImage {
    DynamicImage::ImageRgb8(RgbImage::from_fn(width, height, |x, _| {
        if x < width / 2 {
            Rgb([220, 20, 20])
        } else {
            Rgb([20, 20, 220])
        }
    }))
}

fn encoded(image: &DynamicImage, format: ImageFormat) -> Vec<u8> {
    let mut bytes = std::io::Cursor::new(Vec::new());
    image.write_to(&mut bytes, format).expect("encodes");
    bytes.into_inner()
}

/// A minimal EXIF APP1 segment (big-endian TIFF): IFD0 with the orientation and a pointer to a
/// GPS IFD holding a latitude reference and a map datum text (the marker).
fn exif_app1(orientation: u16) -> Vec<u8> {
    fn entry(tag: u16, kind: u16, count: u32, value: [u8; 4]) -> Vec<u8> {
        let mut e = Vec::new();
        e.extend(tag.to_be_bytes());
        e.extend(kind.to_be_bytes());
        e.extend(count.to_be_bytes());
        e.extend(value);
        e
    }
    let (ifd0, gps_ifd, text) = (8u32, 38u32, 68u32);
    let mut tiff = b"MM\0\x2a".to_vec();
    tiff.extend(ifd0.to_be_bytes());
    tiff.extend(2u16.to_be_bytes());
    let o = orientation.to_be_bytes();
    tiff.extend(entry(0x0112, 3, 1, [o[0], o[1], 0, 0]));
    tiff.extend(entry(0x8825, 4, 1, gps_ifd.to_be_bytes()));
    tiff.extend(0u32.to_be_bytes());
    tiff.extend(2u16.to_be_bytes());
    tiff.extend(entry(0x0001, 2, 2, *b"N\0\0\0"));
    let datum_len = GPS_MARKER.len() as u32 + 1;
    tiff.extend(entry(0x0012, 2, datum_len, text.to_be_bytes()));
    tiff.extend(0u32.to_be_bytes());
    assert_eq!(tiff.len(), text as usize);
    tiff.extend(GPS_MARKER);
    tiff.push(0);
    let mut segment = vec![0xff, 0xe1];
    segment.extend(u16::try_from(tiff.len() + 8).expect("small").to_be_bytes());
    segment.extend(b"Exif\0\0");
    segment.extend(tiff);
    segment
}

/// A JPEG of `photo(width, height)` carrying EXIF with `orientation` and a GPS position.
fn camera_jpeg(width: u32, height: u32, orientation: u16) -> Vec<u8> {
    let plain = encoded(&photo(width, height), ImageFormat::Jpeg);
    let mut bytes = plain[..2].to_vec();
    bytes.extend(exif_app1(orientation));
    bytes.extend(&plain[2..]);
    bytes
}

fn write_bytes(root: &Path, rel: &str, bytes: &[u8]) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("folder");
    std::fs::write(path, bytes).expect("write");
}

/// A site with the built-in templates and `extra` lines in its `site.yaml`.
fn site(extra: &str) -> tempfile::TempDir {
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

fn decoded(path: &Path) -> (DynamicImage, ImageFormat) {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let format = image::guess_format(&bytes).expect("a known format");
    (image::load_from_memory(&bytes).expect("decodes"), format)
}

fn select<'a>(doc: &'a Html, selector: &str) -> Vec<scraper::ElementRef<'a>> {
    let selector = Selector::parse(selector).expect("selector");
    doc.select(&selector).collect()
}

/// `(url, width)` of every candidate of a `srcset`.
fn candidates(srcset: &str) -> Vec<(String, u32)> {
    srcset
        .split(", ")
        .map(|c| {
            let (url, width) = c.rsplit_once(' ').expect("url and width");
            let width = width
                .strip_suffix('w')
                .expect("a width")
                .parse()
                .expect("number");
            (url.to_string(), width)
        })
        .collect()
}

/// Every candidate of `srcset` exists in `public` in `format`, as wide as it says, with the
/// proportions of `aspect`.
fn assert_candidates(
    public: &Path,
    srcset: &str,
    format: ImageFormat,
    aspect: (u32, u32),
) -> Vec<u32> {
    let mut widths = Vec::new();
    for (url, width) in candidates(srcset) {
        let (image, found) = decoded(&public.join(url.trim_start_matches('/')));
        assert_eq!(found, format, "{url}");
        assert_eq!(image.width(), width, "{url}");
        let expected_height = (u64::from(aspect.1) * u64::from(width) + u64::from(aspect.0) / 2)
            / u64::from(aspect.0);
        assert_eq!(u64::from(image.height()), expected_height, "{url}");
        widths.push(width);
    }
    widths
}

fn no_metadata(bytes: &[u8]) -> bool {
    !bytes.windows(6).any(|w| w == b"Exif\0\0")
        && !bytes.windows(GPS_MARKER.len()).any(|w| w == GPS_MARKER)
}

fn bundle_with_photos(root: &Path) {
    write_bytes(
        root,
        "content/stories/plant/furnace.jpg",
        &camera_jpeg(2000, 1500, 1),
    );
    write_bytes(
        root,
        "content/stories/plant/small.png",
        &encoded(&photo(300, 200), ImageFormat::Png),
    );
    write(
        root,
        "content/stories/plant/index.md",
        "---\ntitle: Plant\n---\nThe furnace:\n\n![The furnace hall](furnace.jpg \"Hall 2\")\n\nA chart:\n\n![A small chart](small.png)\n",
    );
}

#[test]
fn markdown_images_get_resized_copies_with_srcset_and_sizes() {
    let dir = site("");
    bundle_with_photos(dir.path());
    build_ok(dir.path(), &[]);
    let public = dir.path().join("public");
    let doc = html(&public.join("stories/plant/index.html"));
    let imgs = select(&doc, "article picture img");
    assert_eq!(imgs.len(), 2);
    let first = imgs[0].value();
    assert_eq!(first.attr("alt"), Some("The furnace hall"));
    assert_eq!(first.attr("title"), Some("Hall 2"));
    assert_eq!(
        (first.attr("width"), first.attr("height")),
        (Some("1600"), Some("1200"))
    );
    assert!(first.attr("sizes").is_some_and(|s| !s.is_empty()));
    assert_eq!(first.attr("loading"), None, "the first image loads at once");
    assert_eq!(imgs[1].value().attr("loading"), Some("lazy"));
    let widths = assert_candidates(
        &public,
        first.attr("srcset").expect("srcset"),
        ImageFormat::Jpeg,
        (4, 3),
    );
    assert_eq!(widths, [480, 960, 1600]);
    let (fallback, _) =
        decoded(&public.join(first.attr("src").expect("src").trim_start_matches('/')));
    assert_eq!(fallback.width(), 1600);
    let webp = attrs(
        &doc,
        "article picture source[type=\"image/webp\"]",
        "srcset",
    );
    assert_eq!(webp.len(), 2);
    assert_eq!(
        assert_candidates(&public, &webp[0], ImageFormat::WebP, (4, 3)),
        [480, 960, 1600]
    );
    // The originals are not published: readers get the copies.
    assert!(!public.join("stories/plant/furnace.jpg").exists());
}

#[test]
fn an_original_named_elsewhere_stays_published() {
    let dir = site("");
    bundle_with_photos(dir.path());
    let page =
        std::fs::read_to_string(dir.path().join("content/stories/plant/index.md")).expect("page");
    write(
        dir.path(),
        "content/stories/plant/index.md",
        &page.replace("title: Plant\n", "title: Plant\nimage: furnace.jpg\n"),
    );
    write(
        dir.path(),
        "templates/page.html",
        "{% extends \"base.html\" %}{% block content %}{{ page.content | safe }}\
         <a href=\"{{ page.assets | first }}\">original</a>{% endblock content %}",
    );
    build_ok(dir.path(), &[]);
    let public = dir.path().join("public");
    assert!(public.join("stories/plant/furnace.jpg").is_file());
    assert!(!public.join("stories/plant/small.png").exists());
}

#[test]
fn small_images_are_never_enlarged() {
    let dir = site("images: { widths: [480, 960] }\n");
    bundle_with_photos(dir.path());
    build_ok(dir.path(), &[]);
    let public = dir.path().join("public");
    let doc = html(&public.join("stories/plant/index.html"));
    let chart = select(&doc, "article picture img")[1].value();
    assert_eq!(
        (chart.attr("width"), chart.attr("height")),
        (Some("300"), Some("200"))
    );
    assert_eq!(
        assert_candidates(
            &public,
            chart.attr("srcset").expect("srcset"),
            ImageFormat::Png,
            (3, 2)
        ),
        [300]
    );
    let furnace = select(&doc, "article picture img")[0].value();
    assert_eq!(
        assert_candidates(
            &public,
            furnace.attr("srcset").expect("srcset"),
            ImageFormat::Jpeg,
            (4, 3)
        ),
        [480, 960]
    );
}

#[test]
fn exif_orientation_is_applied_and_gps_never_published() {
    let dir = site("images: { widths: [100] }\n");
    // Stored 400 x 200, red on the left; orientation 6 shows it turned a quarter clockwise:
    // 200 x 400, red on top.
    write_bytes(
        dir.path(),
        "content/stories/phone/upload.jpg",
        &camera_jpeg(400, 200, 6),
    );
    write(
        dir.path(),
        "content/stories/phone/index.md",
        "---\ntitle: Phone\n---\n![From a phone](upload.jpg)\n",
    );
    build_ok(dir.path(), &[]);
    let public = dir.path().join("public");
    let doc = html(&public.join("stories/phone/index.html"));
    let img = select(&doc, "article picture img")[0].value();
    assert_eq!(
        (img.attr("width"), img.attr("height")),
        (Some("100"), Some("200"))
    );
    let srcsets = [img.attr("srcset").expect("srcset").to_string()]
        .into_iter()
        .chain(attrs(&doc, "article source", "srcset"));
    for srcset in srcsets {
        for (url, _) in candidates(&srcset) {
            let path = public.join(url.trim_start_matches('/'));
            assert!(
                no_metadata(&std::fs::read(&path).expect("copy")),
                "{url} carries metadata"
            );
            let rgb = decoded(&path).0.to_rgb8();
            assert_eq!(rgb.dimensions(), (100, 200), "{url}");
            let (top, bottom) = (rgb.get_pixel(50, 20), rgb.get_pixel(50, 180));
            assert!(
                top[0] > 150 && top[2] < 100,
                "{url}: top is {top:?}, not red"
            );
            assert!(
                bottom[2] > 150 && bottom[0] < 100,
                "{url}: bottom is {bottom:?}, not blue"
            );
        }
    }
    for (path, bytes) in snapshot(&public) {
        assert!(no_metadata(&bytes), "{path} carries the GPS position");
    }
}

#[test]
fn a_second_build_processes_no_image() {
    let dir = site("");
    bundle_with_photos(dir.path());
    let first = build_ok(dir.path(), &["-v"]);
    assert!(
        first.contains("images: 8 processed, 0 from cache"),
        "{first}"
    );
    let second = build_ok(dir.path(), &["-v"]);
    assert!(
        second.contains("images: 0 processed, 8 from cache"),
        "{second}"
    );
    // Only the changed photo is processed again.
    write_bytes(
        dir.path(),
        "content/stories/plant/small.png",
        &encoded(&photo(300, 210), ImageFormat::Png),
    );
    let third = build_ok(dir.path(), &[]);
    assert!(
        third.contains("images: 2 processed, 6 from cache"),
        "{third}"
    );
    assert!(dir.path().join(".potline/cache/images").is_dir());
}

#[test]
fn a_preview_rebuild_reuses_copies_and_sees_a_changed_photo() {
    let dir = site("");
    bundle_with_photos(dir.path());
    let mut builder = potline::build::Builder::new(build_options(dir.path()));
    let first = builder.render().expect("builds").report.images;
    assert_eq!((first.processed, first.cached), (8, 0));
    let again = builder.render().expect("builds").report.images;
    assert_eq!((again.processed, again.cached), (0, 8));
    write_bytes(
        dir.path(),
        "content/stories/plant/small.png",
        &encoded(&photo(200, 100), ImageFormat::Png),
    );
    builder.invalidate(&[dir.path().join("content/stories/plant/small.png")]);
    let rendered = builder.render().expect("builds");
    assert_eq!(rendered.report.images.processed, 2);
    let page = rendered
        .outputs
        .iter()
        .find(|o| o.path == "stories/plant/index.html")
        .expect("page");
    let potline::output::Content::Bytes(bytes) = &page.content else {
        panic!("rendered page")
    };
    assert!(String::from_utf8_lossy(bytes).contains("width=\"200\" height=\"100\""));
}

#[test]
fn figure_shortcode_and_static_images_are_responsive() {
    let dir = site("images: { widths: [320, 640] }\n");
    write_bytes(
        dir.path(),
        "static/img/hall.jpg",
        &camera_jpeg(1000, 500, 1),
    );
    write(
        dir.path(),
        "content/about.md",
        "---\ntitle: About\n---\n{{ figure(src=\"/img/hall.jpg\", alt=\"The hall\", caption=\"Hall 2\") }}\n",
    );
    build_ok(dir.path(), &[]);
    let public = dir.path().join("public");
    let doc = html(&public.join("about/index.html"));
    let img = select(&doc, "figure picture img")[0].value();
    assert_eq!(img.attr("alt"), Some("The hall"));
    assert_eq!(
        (img.attr("width"), img.attr("height")),
        (Some("640"), Some("320"))
    );
    assert_eq!(
        assert_candidates(
            &public,
            img.attr("srcset").expect("srcset"),
            ImageFormat::Jpeg,
            (2, 1)
        ),
        [320, 640]
    );
    assert_eq!(texts(&doc, "figure figcaption"), ["Hall 2"]);
    // Files of static/ are published as they are too.
    assert!(public.join("img/hall.jpg").is_file());
}

#[test]
fn broken_images_are_errors_and_missing_ones_are_found_by_check() {
    let dir = site("");
    write_bytes(
        dir.path(),
        "content/stories/x/broken.jpg",
        b"\xff\xd8\xff not really a photo",
    );
    write(
        dir.path(),
        "content/stories/x/index.md",
        "---\ntitle: X\n---\nText.\n\n![Gone](gone.jpg)\n\nSee ![broken](broken.jpg)\n",
    );
    let err = build_err(dir.path(), &[]);
    assert!(
        err.contains("content/stories/x/index.md:8:5: error: image `broken.jpg`: "),
        "{err}"
    );
    assert!(!err.contains("gone.jpg"), "{err}");
    // A broken picture is not published either, even when no page shows it.
    std::fs::remove_file(dir.path().join("content/stories/x/broken.jpg")).expect("remove");
    write(
        dir.path(),
        "content/stories/x/index.md",
        "---\ntitle: X\n---\nText.\n\n![Gone](gone.jpg)\n",
    );
    // A picture that is not there stops the build too (once the rest builds), as `check` says.
    let err = build_err(dir.path(), &[]);
    assert!(
        err.contains("content/stories/x/index.md:6:1: error: the image `gone.jpg` is not found (it would be at `/stories/x/gone.jpg`)"),
        "{err}"
    );
    let check = potline()
        .arg("check")
        .arg("--root")
        .arg(dir.path())
        .output()
        .expect("runs");
    let report = String::from_utf8_lossy(&check.stdout);
    assert!(
        report.contains("content/stories/x/index.md:6:1: error: the image `gone.jpg` is not found"),
        "{report}"
    );
}

#[test]
fn resize_image_gives_themes_one_copy() {
    let dir = site("");
    write_bytes(
        dir.path(),
        "content/stories/y/wide.jpg",
        &camera_jpeg(1200, 600, 1),
    );
    write(
        dir.path(),
        "content/stories/y/index.md",
        "---\ntitle: Y\n---\nText.\n",
    );
    write(
        dir.path(),
        "templates/page.html",
        "{% extends \"base.html\" %}{% block content %}\
         {% set fill = resize_image(path=\"stories/y/wide.jpg\", width=300, height=300, op=\"fill\", format=\"webp\") %}\
         {% set fit = resize_image(path=\"@/stories/y/wide.jpg\", width=5000, op=\"fit\") %}\
         <img id=\"fill\" src=\"{{ fill.url }}\" width=\"{{ fill.width }}\" height=\"{{ fill.height }}\" alt=\"\">\
         <img id=\"fit\" src=\"{{ fit.url }}\" width=\"{{ fit.width }}\" height=\"{{ fit.height }}\" alt=\"\">\
         {% endblock content %}",
    );
    build_ok(dir.path(), &[]);
    let public = dir.path().join("public");
    let doc = html(&public.join("stories/y/index.html"));
    let check = |id: &str, size: (u32, u32), format: ImageFormat| {
        let url = &attrs(&doc, &format!("#{id}"), "src")[0];
        let (image, found) = decoded(&public.join(url.trim_start_matches('/')));
        assert_eq!(
            (image.width(), image.height(), found),
            (size.0, size.1, format),
            "{id}"
        );
    };
    check("fill", (300, 300), ImageFormat::WebP);
    check("fit", (1200, 600), ImageFormat::Jpeg);
}

fn stylesheet(public: &Path) -> String {
    attrs(
        &html(&public.join("index.html")),
        "link[rel=stylesheet]",
        "href",
    )[0]
    .clone()
}

#[test]
fn fingerprints_change_exactly_when_the_file_changes() {
    let dir = site("");
    write(dir.path(), "static/css/site.css", "body { color: #222; }\n");
    write(dir.path(), "static/js/menu.js", "console.log('menu');\n");
    write(
        dir.path(),
        "templates/index.html",
        "<!DOCTYPE html><html lang=\"en\"><head><title>x</title>\
         <link rel=\"stylesheet\" href=\"{{ asset_url(path=\"css/site.css\", fingerprint=true) }}\"></head>\
         <body><script src=\"{{ asset_url(path=\"js/menu.js\", fingerprint=true) }}\"></script></body></html>",
    );
    build_ok(dir.path(), &[]);
    let public = dir.path().join("public");
    let first = stylesheet(&public);
    assert!(
        first.starts_with("/css/site.") && first.ends_with(".css") && first != "/css/site.css",
        "{first}"
    );
    let name = first.rsplit('/').next().expect("name");
    assert!(potline_is_fingerprinted(name), "{first}");
    assert_eq!(
        std::fs::read_to_string(public.join(&first[1..])).expect("fingerprinted copy"),
        "body { color: #222; }\n"
    );
    let headers = std::fs::read_to_string(public.join("_headers")).expect("_headers");
    assert!(
        headers.contains(&format!(
            "{first}\n  Cache-Control: public, max-age=31536000, immutable"
        )),
        "{headers}"
    );

    build_ok(dir.path(), &[]);
    assert_eq!(stylesheet(&public), first, "unchanged file, unchanged name");
    write(dir.path(), "static/js/menu.js", "console.log('menu 2');\n");
    build_ok(dir.path(), &[]);
    assert_eq!(
        stylesheet(&public),
        first,
        "another file changed, not this one"
    );
    write(dir.path(), "static/css/site.css", "body { color: #333; }\n");
    build_ok(dir.path(), &[]);
    let second = stylesheet(&public);
    assert_ne!(second, first);
    assert!(public.join(&second[1..]).is_file());
}

/// A `.`-separated segment of 8 or more hex digits before the extension.
fn potline_is_fingerprinted(name: &str) -> bool {
    let parts: Vec<&str> = name.split('.').collect();
    parts.len() >= 3
        && parts[1..parts.len() - 1]
            .iter()
            .any(|p| p.len() >= 8 && p.bytes().all(|b| b.is_ascii_hexdigit()))
}

#[test]
fn minify_shrinks_pages_css_and_js_and_keeps_them_whole() {
    let dir = site("");
    bundle_with_photos(dir.path());
    write(
        dir.path(),
        "static/css/site.css",
        "/* brand colours */\nbody {\n  color: #222;\n}\n",
    );
    build_ok(dir.path(), &[]);
    let public = dir.path().join("public");
    let plain = std::fs::read_to_string(public.join("stories/plant/index.html")).expect("page");
    build_ok(dir.path(), &["--minify"]);
    let small = std::fs::read_to_string(public.join("stories/plant/index.html")).expect("page");
    assert!(small.len() < plain.len(), "{small}");
    let (before, after) = (Html::parse_document(&plain), Html::parse_document(&small));
    for selector in ["h1", "article p", "nav a"] {
        assert_eq!(
            texts(&before, selector),
            texts(&after, selector),
            "{selector}"
        );
    }
    assert_eq!(
        attrs(&before, "img", "srcset"),
        attrs(&after, "img", "srcset")
    );
    let css = std::fs::read_to_string(public.join("css/site.css")).expect("css");
    assert_eq!(css, "body{color:#222;}");
    // `minify: true` in site.yaml does the same.
    let yaml = std::fs::read_to_string(dir.path().join("site.yaml")).expect("yaml");
    write(dir.path(), "site.yaml", &format!("{yaml}minify: true\n"));
    build_ok(dir.path(), &[]);
    assert_eq!(
        std::fs::read_to_string(public.join("stories/plant/index.html")).expect("page"),
        small
    );
    vnu_accepts(&public);
}

/// The Nu HTML checker finds no error in the built pages (skipped when it is not installed,
/// except under CI).
fn vnu_accepts(public: &Path) {
    let jar = repo_root().join("tests/browser/node_modules/vnu-jar/build/dist/vnu.jar");
    if !jar.exists() {
        assert!(
            std::env::var_os("CI").is_none(),
            "vnu.jar is missing: run `npm ci --prefix tests/browser`"
        );
        eprintln!("skipped: vnu.jar is missing");
        return;
    }
    let out = std::process::Command::new("java")
        .arg("-jar")
        .arg(jar)
        .args(["--errors-only", "--skip-non-html"])
        .arg(public)
        .output()
        .expect("java runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Sitemaps are for crawlers and have their own limit (50 MB a file): a small `max_file_size`
/// warns about pages, not about the sitemap.
#[test]
fn the_size_limit_leaves_sitemaps_alone() {
    let dir = site("max_file_size: 100\n");
    let out = build(dir.path(), &[]);
    assert!(out.status.success());
    let shown =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    let sitemap = std::fs::metadata(dir.path().join("public/sitemap.xml")).expect("a sitemap");
    assert!(sitemap.len() > 100, "the sitemap is over the limit");
    assert!(shown.contains("allowed by `max_file_size`"), "{shown}");
    assert!(!shown.contains("sitemap.xml"), "{shown}");
}

#[test]
fn files_over_the_size_limit_are_warned_about_with_the_page_linking_them() {
    let dir = site("max_file_size: 1 MB\n");
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
    let out = build(dir.path(), &[]);
    assert!(out.status.success());
    let shown =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(
        shown.contains("content/stories/report/annual.pdf:1:1: warning: `/stories/report/annual.pdf` is 1.5 MB, more than the 1.0 MB allowed by `max_file_size` (linked from content/stories/report/index.md)"),
        "{shown}"
    );
    let check = potline()
        .arg("check")
        .arg("--root")
        .arg(dir.path())
        .output()
        .expect("runs");
    let report = String::from_utf8_lossy(&check.stdout);
    assert!(report.contains("is 1.5 MB, more than the 1.0 MB allowed by `max_file_size` (linked from content/stories/report/index.md)"), "{report}");
}
