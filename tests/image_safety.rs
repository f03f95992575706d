//! Pictures from anyone, published safely: no published picture keeps where it was taken (the
//! originals lose their GPS position, XMP and IPTC without being encoded again; sharing tags and
//! JSON-LD name a processed copy), and hostile pictures (a tiny file claiming a huge size, cut
//! short, lying, empty or not a picture at all) are errors naming the file and its line, in
//! `build` at once and in `serve`, which stays up. Every picture is made here, a few kilobytes.

use std::io::{Read, Write};
use std::path::Path;
use std::time::{Duration, Instant};

use image::{DynamicImage, ImageFormat, Rgb, RgbImage};
use img_parts::jpeg::{Jpeg, JpegSegment, markers};
use img_parts::png::{Png, PngChunk};
use img_parts::riff::{RiffChunk, RiffContent};
use img_parts::webp::WebP;
use img_parts::{ImageEXIF, ImageICC};
use scraper::Html;

use crate::common::*;

/// Written into the XMP, IPTC, comment and text chunks of test photos: never published.
const PLACE: &[u8] = b"Baise Plant 2, Pingguo";

/// A colour profile (its contents do not matter to decoders that do not manage colour).
const ICC: &[u8] = b"potline test ICC profile, kept byte for byte";

/// A photo whose left half is red and right half blue, with a gradient so that pixels differ.
fn photo(width: u32, height: u32) -> DynamicImage {
    DynamicImage::ImageRgb8(RgbImage::from_fn(width, height, |x, y| {
        let shade = u8::try_from(y * 255 / height.max(1)).unwrap_or(0);
        if x < width / 2 {
            Rgb([220, shade, 20])
        } else {
            Rgb([20, shade, 220])
        }
    }))
}

fn encoded(image: &DynamicImage, format: ImageFormat) -> Vec<u8> {
    let mut bytes = std::io::Cursor::new(Vec::new());
    image.write_to(&mut bytes, format).expect("encodes");
    bytes.into_inner()
}

/// An EXIF block as a phone writes it: an orientation and where the photo was taken (Baise).
fn gps_exif(orientation: u16) -> Vec<u8> {
    use exif::{Field, In, Rational, Tag, Value};
    let degrees = |d: u32, m: u32| {
        Value::Rational(vec![
            Rational::from((d, 1)),
            Rational::from((m, 1)),
            Rational::from((0, 1)),
        ])
    };
    let field = |tag, value| Field {
        tag,
        ifd_num: In::PRIMARY,
        value,
    };
    let fields = [
        field(Tag::Orientation, Value::Short(vec![orientation])),
        field(Tag::GPSLatitudeRef, Value::Ascii(vec![b"N".to_vec()])),
        field(Tag::GPSLatitude, degrees(23, 54)),
        field(Tag::GPSLongitudeRef, Value::Ascii(vec![b"E".to_vec()])),
        field(Tag::GPSLongitude, degrees(106, 37)),
    ];
    let mut writer = exif::experimental::Writer::new();
    for f in &fields {
        writer.push_field(f);
    }
    let mut block = std::io::Cursor::new(Vec::new());
    writer.write(&mut block, false).expect("EXIF written");
    block.into_inner()
}

/// An XMP packet naming the place.
fn xmp() -> Vec<u8> {
    let mut packet = b"<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><photoshop:City>".to_vec();
    packet.extend(PLACE);
    packet.extend(b"</photoshop:City></x:xmpmeta>");
    packet
}

/// A camera JPEG of `photo(width, height)`: EXIF with GPS, an ICC profile, XMP and IPTC with
/// the place, a comment, and after its end a second picture with its own GPS position (as the
/// Multi-Picture Format appends).
fn camera_jpeg(width: u32, height: u32, orientation: u16) -> Vec<u8> {
    let plain = encoded(&photo(width, height), ImageFormat::Jpeg);
    let mut jpeg = Jpeg::from_bytes(plain.into()).expect("a JPEG");
    jpeg.set_exif(Some(gps_exif(orientation).into()));
    jpeg.set_icc_profile(Some(ICC.to_vec().into()));
    let mut xmp_segment = b"http://ns.adobe.com/xap/1.0/\0".to_vec();
    xmp_segment.extend(xmp());
    let mut iptc = b"Photoshop 3.0\08BIM\x04\x04\0\0\0\0\0\x20\x1c\x02\x5a\0\x16".to_vec();
    iptc.extend(PLACE);
    for (marker, contents) in [
        (markers::APP1, xmp_segment),
        (markers::APP13, iptc),
        (markers::COM, PLACE.to_vec()),
    ] {
        jpeg.segments_mut()
            .insert(2, JpegSegment::new_with_contents(marker, contents.into()));
    }
    let mut bytes = jpeg.encoder().bytes().to_vec();
    let mut second =
        Jpeg::from_bytes(encoded(&photo(8, 8), ImageFormat::Jpeg).into()).expect("a JPEG");
    second.set_exif(Some(gps_exif(1).into()));
    bytes.extend(second.encoder().bytes());
    bytes
}

/// A PNG with GPS in `eXIf` and the place in `tEXt` and XMP `iTXt` chunks.
fn camera_png(width: u32, height: u32) -> Vec<u8> {
    let plain = encoded(&photo(width, height), ImageFormat::Png);
    let mut png = Png::from_bytes(plain.into()).expect("a PNG");
    png.set_exif(Some(gps_exif(1).into()));
    let mut text = b"Location\0".to_vec();
    text.extend(PLACE);
    let mut itxt = b"XML:com.adobe.xmp\0\0\0\0\0".to_vec();
    itxt.extend(xmp());
    let end = png.chunks().len() - 1;
    png.chunks_mut()
        .insert(end, PngChunk::new(*b"tEXt", text.into()));
    png.chunks_mut()
        .insert(end, PngChunk::new(*b"iTXt", itxt.into()));
    png.encoder().bytes().to_vec()
}

/// A WebP with GPS in its `EXIF` chunk and the place in its `XMP ` chunk.
fn camera_webp(width: u32, height: u32) -> Vec<u8> {
    let plain = encoded(&photo(width, height), ImageFormat::WebP);
    let mut webp = WebP::from_bytes(plain.into()).expect("a WebP");
    webp.set_exif(Some(gps_exif(1).into()));
    webp.chunks_mut()
        .push(RiffChunk::new(*b"XMP ", RiffContent::Data(xmp().into())));
    webp.encoder().bytes().to_vec()
}

/// How many GPS fields the EXIF block of a picture holds (none without one).
fn gps_fields(bytes: &[u8]) -> usize {
    exif::Reader::new()
        .read_from_container(&mut std::io::Cursor::new(bytes))
        .map_or(0, |exif| {
            exif.fields()
                .filter(|f| f.tag.context() == exif::Context::Gps)
                .count()
        })
}

fn orientation(bytes: &[u8]) -> Option<u32> {
    let exif = exif::Reader::new()
        .read_from_container(&mut std::io::Cursor::new(bytes))
        .ok()?;
    exif.get_field(exif::Tag::Orientation, exif::In::PRIMARY)?
        .value
        .get_uint(0)
}

fn names_the_place(bytes: &[u8]) -> bool {
    bytes.windows(PLACE.len()).any(|w| w == PLACE)
}

fn pixels(bytes: &[u8]) -> Vec<u8> {
    image::load_from_memory(bytes)
        .expect("decodes")
        .to_rgba8()
        .into_raw()
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

fn published(public: &Path, rel: &str) -> Vec<u8> {
    std::fs::read(public.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// A published picture: no GPS position, no place name, the same pixels as `original`.
fn assert_clean(rel: &str, original: &[u8], bytes: &[u8]) {
    assert!(
        gps_fields(original) > 0,
        "{rel}: the test photo has a position"
    );
    assert!(
        names_the_place(original),
        "{rel}: the test photo names the place"
    );
    assert_eq!(gps_fields(bytes), 0, "{rel} keeps its GPS position");
    assert!(!names_the_place(bytes), "{rel} names the place");
    assert!(pixels(original) == pixels(bytes), "{rel}: pixels changed");
}

fn meta(doc: &Html, property: &str) -> Option<String> {
    attrs(doc, &format!("meta[property=\"{property}\"]"), "content")
        .into_iter()
        .next()
}

fn json_ld(doc: &Html) -> serde_json::Value {
    let text = texts(doc, "script[type=\"application/ld+json\"]")
        .into_iter()
        .next()
        .expect("JSON-LD");
    serde_json::from_str(&text).expect("JSON")
}

#[test]
fn a_cover_photo_is_published_without_its_gps_and_sharing_names_a_copy() {
    let dir = site("");
    let original = camera_jpeg(2000, 1500, 6);
    write_bytes(dir.path(), "content/news/plant/furnace.jpg", &original);
    write(
        dir.path(),
        "content/news/plant/index.md",
        "---\ntitle: Plant\ndate: 2024-05-01\ncover: furnace.jpg\n---\nThe furnace hall.\n",
    );
    build_ok(dir.path(), &[]);
    let public = dir.path().join("public");

    // The original stays published (themes may show it), cleaned without being encoded again.
    let cover = published(&public, "news/plant/furnace.jpg");
    assert_clean("news/plant/furnace.jpg", &original, &cover);
    assert_eq!(orientation(&cover), Some(6), "the orientation is kept");
    let icc = Jpeg::from_bytes(cover.clone().into())
        .expect("a JPEG")
        .icc_profile();
    assert_eq!(icc.as_deref(), Some(ICC), "the colour profile is kept");

    // Sharing tags and JSON-LD name a copy 1200 pixels wide, turned upright, with no metadata.
    let doc = html(&public.join("news/plant/index.html"));
    let image = meta(&doc, "og:image").expect("og:image");
    let path = image
        .strip_prefix("https://photos.example/processed/")
        .unwrap_or_else(|| panic!("not a processed copy: {image}"));
    let copy = published(&public, &format!("processed/{path}"));
    assert_eq!(gps_fields(&copy), 0);
    assert!(!copy.windows(4).any(|w| w == b"Exif") && !names_the_place(&copy));
    let decoded = image::load_from_memory(&copy).expect("decodes");
    assert_eq!((decoded.width(), decoded.height()), (1200, 1600));
    assert_eq!(meta(&doc, "og:image:width").as_deref(), Some("1200"));
    assert_eq!(meta(&doc, "og:image:height").as_deref(), Some("1600"));
    assert_eq!(
        attrs(&doc, "meta[name=\"twitter:image\"]", "content"),
        std::slice::from_ref(&image)
    );
    assert_eq!(json_ld(&doc)["image"], serde_json::json!(image));
}

#[test]
fn a_preview_rebuild_shares_the_copy_of_a_changed_cover() {
    let dir = site("");
    write_bytes(
        dir.path(),
        "content/news/plant/furnace.jpg",
        &camera_jpeg(800, 600, 1),
    );
    write(
        dir.path(),
        "content/news/plant/index.md",
        "---\ntitle: Plant\ndate: 2024-05-01\ncover: furnace.jpg\n---\nText.\n",
    );
    let shared = |builder: &mut potline::build::Builder| {
        let pages = rendered_outputs(builder, |p| p.ends_with("plant/index.html"));
        let doc = Html::parse_document(&String::from_utf8_lossy(&pages["news/plant/index.html"]));
        (
            meta(&doc, "og:image").expect("og:image"),
            json_ld(&doc)["image"].clone(),
        )
    };
    let mut builder = potline::build::Builder::new(build_options(dir.path()));
    let (before, _) = shared(&mut builder);
    let cover = dir.path().join("content/news/plant/furnace.jpg");
    write_bytes(
        dir.path(),
        "content/news/plant/furnace.jpg",
        &camera_jpeg(600, 800, 1),
    );
    builder.invalidate(std::slice::from_ref(&cover));
    let (after, in_json_ld) = shared(&mut builder);
    assert_ne!(before, after);
    assert!(after.contains("/processed/furnace.600x800."), "{after}");
    assert_eq!(in_json_ld, serde_json::json!(after));
}

#[test]
fn pictures_beside_pages_and_in_static_are_published_without_gps() {
    let dir = site("images: { keep_originals: true }\n");
    let files = [
        ("static/img/hall.jpg", camera_jpeg(64, 48, 1)),
        ("static/img/chart.png", camera_png(40, 30)),
        ("content/stories/plant/line.webp", camera_webp(30, 20)),
        ("content/stories/plant/furnace.JPG", camera_jpeg(80, 60, 3)),
    ];
    for (rel, bytes) in &files {
        write_bytes(dir.path(), rel, bytes);
    }
    write(
        dir.path(),
        "content/stories/plant/index.md",
        "---\ntitle: Plant\n---\n![The furnace](furnace.JPG)\n\n[The line](line.webp)\n",
    );
    build_ok(dir.path(), &[]);
    let public = dir.path().join("public");
    for (rel, original) in &files {
        let out = rel
            .strip_prefix("static/")
            .or_else(|| rel.strip_prefix("content/"))
            .expect("a site file");
        assert_clean(out, original, &published(&public, out));
    }
    assert_eq!(
        orientation(&published(&public, "stories/plant/furnace.JPG")),
        Some(3)
    );
    let webp = published(&public, "stories/plant/line.webp");
    let webp = WebP::from_bytes(webp.into()).expect("a WebP");
    assert!(webp.chunk_by_id(*b"XMP ").is_none() && webp.exif().is_none());
    for (path, bytes) in snapshot(&public) {
        assert!(!names_the_place(&bytes), "{path} names the place");
        assert_eq!(gps_fields(&bytes), 0, "{path} has a GPS position");
    }
}

#[test]
fn a_second_build_cleans_no_picture_again() {
    let dir = site("");
    write_bytes(dir.path(), "static/img/hall.jpg", &camera_jpeg(64, 48, 1));
    let mut builder = potline::build::Builder::new(build_options(dir.path()));
    assert_eq!(builder.render().expect("builds").report.images.cleaned, 1);
    assert_eq!(builder.render().expect("builds").report.images.cleaned, 0);
    // Nor does a new run, which finds the cleaned file in the cache, knowing the picture
    // unchanged from its size and time.
    let known = std::fs::read_to_string(dir.path().join(".potline/cache/images/originals"))
        .expect("the index of originals");
    assert!(known.contains("static/img/hall.jpg"), "{known}");
    let mut again = potline::build::Builder::new(build_options(dir.path()));
    assert_eq!(again.render().expect("builds").report.images.cleaned, 0);
}

#[test]
fn a_tiff_with_a_gps_position_is_refused_whatever_its_name() {
    let dir = site("");
    // A TIFF holding only an EXIF block with a position, as TIFF and HEIC files carry it.
    write_bytes(dir.path(), "static/img/scan.tif", &gps_exif(1));
    write_bytes(dir.path(), "static/img/renamed.jpg", &gps_exif(1));
    write_bytes(dir.path(), "static/img/clean.tif", &{
        let mut writer = exif::experimental::Writer::new();
        let field = exif::Field {
            tag: exif::Tag::Orientation,
            ifd_num: exif::In::PRIMARY,
            value: exif::Value::Short(vec![1]),
        };
        writer.push_field(&field);
        let mut block = std::io::Cursor::new(Vec::new());
        writer.write(&mut block, false).expect("written");
        block.into_inner()
    });
    let err = build_err(dir.path(), &[]);
    assert!(
        err.contains(
            "static/img/scan.tif:1:1: error: cannot publish this picture: it holds the GPS position where it was taken, which potline cannot remove from TIFF, HEIC or AVIF files"
        ),
        "{err}"
    );
    assert!(
        err.contains("static/img/renamed.jpg:1:1: error: cannot publish this picture: it holds the GPS position"),
        "{err}"
    );
    assert!(!err.contains("clean.tif"), "{err}");
}

/// A PNG whose header claims `width` x `height` pixels, with almost no data.
fn png_claiming(width: u32, height: u32) -> Vec<u8> {
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut chunk = |kind: &[u8; 4], data: &[u8]| {
        let chunk = PngChunk::new(*kind, data.to_vec().into());
        png.extend(chunk.encoder().bytes());
    };
    let mut header = width.to_be_bytes().to_vec();
    header.extend(height.to_be_bytes());
    header.extend([8, 2, 0, 0, 0]);
    chunk(b"IHDR", &header);
    // A zlib stream of one stored, empty block: the pixels are missing.
    chunk(
        b"IDAT",
        &[
            0x78, 0x01, 0x01, 0x00, 0x00, 0xff, 0xff, 0x00, 0x00, 0x00, 0x01,
        ],
    );
    chunk(b"IEND", &[]);
    png
}

const TOO_LARGE: &str = "the picture is 30000 x 30000 pixels (900 megapixels); potline reads pictures of up to 100 megapixels\n  hint: make it smaller in a photo editor (a web page needs at most about 4000 pixels across), or raise `max_megapixels` under `images:` in site.yaml";

#[test]
fn an_oversized_picture_fails_the_build_at_once_at_each_line_using_it() {
    let dir = site("");
    let huge = png_claiming(30_000, 30_000);
    assert!(huge.len() < 100);
    write_bytes(dir.path(), "content/news/huge/huge.png", &huge);
    write(
        dir.path(),
        "content/news/huge/index.md",
        "---\ntitle: Huge\ndate: 2024-05-01\ncover: huge.png\n---\nText.\n\n![A map](huge.png)\n",
    );
    write_bytes(dir.path(), "static/img/huge.png", &huge);
    write(
        dir.path(),
        "content/about.md",
        "---\ntitle: About\n---\n{{ figure(src=\"/img/huge.png\", alt=\"A map\") }}\n",
    );
    let started = Instant::now();
    let err = build_err(dir.path(), &[]);
    let took = started.elapsed();
    assert!(
        err.contains(&format!(
            "content/news/huge/index.md:8:1: error: image `huge.png`: {TOO_LARGE}"
        )),
        "{err}"
    );
    assert!(
        err.contains("content/about.md:4:1: error: shortcode `figure`: image `/img/huge.png`: the picture is 30000 x 30000 pixels"),
        "{err}"
    );
    assert!(took < Duration::from_secs(3), "took {took:?}");
    assert!(
        err.contains(&format!(
            "content/news/huge/index.md:4:1: error: `cover`: image `huge.png`: {TOO_LARGE}"
        )),
        "{err}"
    );
}

#[test]
fn the_pixel_limit_is_a_setting() {
    let dir = site("images: { max_megapixels: 1 }\n");
    write_bytes(
        dir.path(),
        "content/stories/wide/wide.jpg",
        &encoded(&photo(1500, 1000), ImageFormat::Jpeg),
    );
    write(
        dir.path(),
        "content/stories/wide/index.md",
        "---\ntitle: Wide\n---\n![Wide](wide.jpg)\n",
    );
    let err = build_err(dir.path(), &[]);
    assert!(
        err.contains("content/stories/wide/index.md:4:1: error: image `wide.jpg`: the picture is 1500 x 1000 pixels (1.5 megapixels); potline reads pictures of up to 1 megapixels"),
        "{err}"
    );
    write(
        dir.path(),
        "site.yaml",
        "title: Photos\nbase_url: https://photos.example/\nimages: { max_megapixels: 2 }\n",
    );
    build_ok(dir.path(), &[]);
    write(
        dir.path(),
        "site.yaml",
        "title: Photos\nbase_url: https://photos.example/\nimages:\n  max_megapixels: 5000\n",
    );
    let err = build_err(dir.path(), &[]);
    assert!(
        err.contains(
            "site.yaml:3:1: error: images: `max_megapixels` is 5000; it must be between 1 and 268"
        ),
        "{err}"
    );
}

#[test]
fn malformed_pictures_are_errors_naming_the_file_never_a_crash() {
    let dir = site("");
    let whole = encoded(&photo(64, 48), ImageFormat::Jpeg);
    let broken: [(&str, Vec<u8>); 5] = [
        ("cut.jpg", whole[..whole.len() * 4 / 5].to_vec()),
        ("lies.png", png_claiming(1000, 1000)),
        ("zero.png", png_claiming(0, 10)),
        ("text.jpg", b"this is a text file, not a photo\n".to_vec()),
        ("empty.webp", Vec::new()),
    ];
    let mut body = String::from("---\ntitle: Broken\n---\n");
    for (name, bytes) in &broken {
        write_bytes(dir.path(), &format!("content/stories/x/{name}"), bytes);
        body.push_str(&format!("\n![{name}]({name})\n"));
    }
    write(dir.path(), "content/stories/x/index.md", &body);
    let failed = |dir: &Path| {
        let out = build(dir, &[]);
        assert_eq!(out.status.code(), Some(1), "an error, not a crash");
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(!err.contains("panicked"), "{err}");
        err
    };
    // What the header shows is found while pages are read, with the line that shows it.
    let err = failed(dir.path());
    assert!(
        err.contains("content/stories/x/index.md:9:1: error: image `zero.png`: "),
        "{err}"
    );
    assert!(
        err.contains("content/stories/x/index.md:11:1: error: image `text.jpg`: it is not a JPEG, PNG or WebP image\n  hint: open the picture in a photo editor and save it again as JPEG, PNG or WebP"),
        "{err}"
    );
    assert!(
        err.contains("content/stories/x/index.md:13:1: error: image `empty.webp`: "),
        "{err}"
    );
    assert!(
        err.contains("content/stories/x/index.md:5:1: error: image `cut.jpg`: the file is cut short: it was not copied whole"),
        "{err}"
    );
    // What only decoding finds is named when the copies are made.
    write(
        dir.path(),
        "content/stories/x/index.md",
        "---\ntitle: Broken\n---\n![Lies](lies.png)\n",
    );
    for name in ["cut.jpg", "zero.png", "text.jpg", "empty.webp"] {
        std::fs::remove_file(dir.path().join("content/stories/x").join(name)).expect("remove");
    }
    let err = failed(dir.path());
    assert!(
        err.contains("content/stories/x/lies.png:1:1: error: cannot make the resized copies of this picture: the picture is damaged ("),
        "{err}"
    );

    // The same files published as they are (in `static/`, shown by no page).
    let dir = site("");
    for (name, bytes) in &broken {
        write_bytes(dir.path(), &format!("static/img/{name}"), bytes);
    }
    let out = build(dir.path(), &[]);
    assert_eq!(out.status.code(), Some(1), "an error, not a crash");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("static/img/cut.jpg:1:1: error: cannot publish this picture: the file is cut short: it was not copied whole"),
        "{err}"
    );
    // A file that is no picture whatever its name says holds no picture's metadata: it is
    // published as it is.
    assert!(
        !err.contains("text.jpg") && !err.contains("empty.webp"),
        "{err}"
    );
}

/// One GET over loopback, with a deadline.
fn get(addr: std::net::SocketAddr, path: &str) -> (u16, String) {
    let timeout = Duration::from_secs(10);
    let mut stream = std::net::TcpStream::connect_timeout(&addr, timeout).expect("connect");
    stream.set_read_timeout(Some(timeout)).expect("timeout");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .expect("send");
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("read");
    let status = response
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = response
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

#[test]
fn serve_stays_up_and_shows_an_oversized_picture_in_its_overlay() {
    let dir = site("");
    write_bytes(
        dir.path(),
        "content/news/huge/huge.png",
        &png_claiming(30_000, 30_000),
    );
    let page = "---\ntitle: Huge\ndate: 2024-05-01\n---\nText.\n\n![A map](huge.png)\n";
    write(dir.path(), "content/news/huge/index.md", page);
    let mut options = potline::serve::ServeOptions::new(dir.path());
    options.port = 0;
    let server = potline::serve::Server::start(options, std::sync::Arc::new(|_: &_| {}))
        .expect("the server starts");
    let addr = server.addr();
    let status = || -> serde_json::Value {
        serde_json::from_str(&get(addr, "/__potline/status").1).expect("JSON")
    };
    let expected = format!(
        "content/news/huge/index.md:7:1: error: image `huge.png`: {}",
        TOO_LARGE.split('\n').next().unwrap_or_default()
    );
    let first = status();
    assert_eq!(first["ok"], false, "{first}");
    assert!(
        first["errors"][0]
            .as_str()
            .unwrap_or_default()
            .starts_with(&expected),
        "{first}"
    );
    let (code, html) = get(addr, "/news/huge/");
    assert_eq!(code, 503);
    assert!(html.contains("id=\"potline-overlay\""), "{html}");
    assert!(html.contains("30000 x 30000 pixels"), "{html}");

    // Still up: fixing the page builds the site.
    write(
        dir.path(),
        "content/news/huge/index.md",
        &page.replace("![A map](huge.png)", ""),
    );
    let deadline = Instant::now() + Duration::from_secs(15);
    while status()["ok"] != true && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(status()["ok"], true);
    assert_eq!(get(addr, "/news/huge/").0, 200);
}
