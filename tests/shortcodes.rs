//! Shortcodes in Markdown: the built-in `figure`, `enterprise`, `video` and `notice`, a site's own
//! shortcode overriding a built-in, and mistakes reported at the Markdown file's line.

use crate::common::*;

const PAGE: &str = r#"---
title: Shortcodes
---
Intro with an inline figure:

{{ figure(src="photo.jpg", alt="The potline hall", caption="Cells in a row") }}

{{ enterprise(path="enterprises/alpha.md") }}

{% notice(kind="warning", title="Mind the date") %}
The **year** is not confirmed; see [the first story](@/news/first.md).
{% end %}

{{ video(src="clip.mp4", caption="A short clip") }}

`{{ figure(src="not-a-call.jpg") }}` stays as code.
"#;

/// The basic fixture with [`PAGE`] and the files its `figure` and `video` name, published
/// beside it from `static/` (a picture that is not there would stop the build).
fn site_with_shortcodes() -> tempfile::TempDir {
    let site = fixture("basic");
    write(site.path(), "content/shortcodes.md", PAGE);
    write(
        site.path(),
        "static/shortcodes/clip.mp4",
        "not really a video",
    );
    let mut jpeg = std::io::Cursor::new(Vec::new());
    image::DynamicImage::new_rgb8(2, 2)
        .write_to(&mut jpeg, image::ImageFormat::Jpeg)
        .expect("encodes");
    std::fs::write(
        site.path().join("static/shortcodes/photo.jpg"),
        jpeg.into_inner(),
    )
    .expect("write");
    site
}

#[test]
fn builtin_shortcodes_render_their_components() {
    let site = site_with_shortcodes();
    build_ok(site.path(), &[]);
    let doc = html(&site.path().join("public/shortcodes/index.html"));
    assert_eq!(
        attrs(&doc, "figure.figure img", "alt"),
        ["The potline hall"]
    );
    assert_eq!(texts(&doc, "figure.figure figcaption"), ["Cells in a row"]);
    assert_eq!(
        attrs(&doc, ".enterprise-card a", "href"),
        ["/enterprises/alpha/"]
    );
    assert_eq!(
        texts(&doc, ".enterprise-card a"),
        ["Alpha Aluminum Co., Ltd."]
    );
    assert_eq!(
        texts(&doc, ".notice--warning .notice__title"),
        ["Mind the date"]
    );
    assert_eq!(texts(&doc, ".notice--warning strong"), ["year"]);
    assert_eq!(attrs(&doc, ".notice--warning a", "href"), ["/news/first/"]);
    assert_eq!(attrs(&doc, "video[controls]", "src"), ["clip.mp4"]);
    assert_eq!(
        texts(&doc, "code"),
        ["{{ figure(src=\"not-a-call.jpg\") }}"]
    );
}

#[test]
fn a_site_shortcode_overrides_the_builtin_one() {
    let site = site_with_shortcodes();
    write(
        site.path(),
        "templates/shortcodes/notice.html",
        "<div class=\"mine\">{{ body | safe }}</div>",
    );
    build_ok(site.path(), &[]);
    let doc = html(&site.path().join("public/shortcodes/index.html"));
    assert_eq!(texts(&doc, ".mine strong"), ["year"]);
}

#[test]
fn an_edited_profile_updates_the_card_that_shows_it() {
    let site = site_with_shortcodes();
    let mut builder = potline::build::Builder::new(build_options(site.path()));
    builder.render().expect("builds");
    write(
        site.path(),
        "content/enterprises/alpha.md",
        "---\nname: Alpha Renamed\n---\nText.\n",
    );
    builder.invalidate(&[site.path().join("content/enterprises/alpha.md")]);
    let rendered = builder.render().expect("builds");
    let page = rendered
        .outputs
        .iter()
        .find(|o| o.path == "shortcodes/index.html")
        .expect("page");
    let potline::output::Content::Bytes(bytes) = &page.content else {
        panic!("rendered page")
    };
    assert!(String::from_utf8_lossy(bytes).contains("Alpha Renamed"));
}

#[test]
fn shortcode_mistakes_name_the_markdown_line() {
    let site = fixture("basic");
    write(
        site.path(),
        "content/shortcodes.md",
        "---\ntitle: Broken\n---\nLine one.\n\n{{ figuer(src=\"a.jpg\") }}\n\n{{ enterprise(path=\"enterprises/nobody.md\") }}\n\n{% notice(kind=\"info\") %}\nNever closed.\n",
    );
    let stderr = build_err(site.path(), &[]);
    assert!(
        stderr
            .contains("content/shortcodes.md:10:1: error: the shortcode `notice` is never closed"),
        "{stderr}"
    );
    write(
        site.path(),
        "content/shortcodes.md",
        "---\ntitle: Broken\n---\nLine one.\n\n{{ figuer(src=\"a.jpg\") }}\n\n{{ enterprise(path=\"enterprises/nobody.md\") }}\n",
    );
    let stderr = build_err(site.path(), &[]);
    assert!(
        stderr.contains(
            "content/shortcodes.md:6:1: error: unknown shortcode `figuer`\n  hint: did you mean `figure`?"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("content/shortcodes.md:8:1: error: shortcode `enterprise`: there is no published page `enterprises/nobody.md` in `content/`"),
        "{stderr}"
    );
}
