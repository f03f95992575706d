//! The build's last stage before publishing: a picture that is not there (in a body, `cover:`, a
//! shortcode) or a link to a site path that nothing publishes, in any language, stops `potline
//! build` with `file:line:col` and leaves the published site as it was, shows in the preview's
//! overlay over the last good site, and makes `potline deploy` refuse. Links to everything the
//! build does publish stay fine. `potline check` reports the same problems, in every language.

use std::path::Path;

use tempfile::TempDir;

use crate::common::*;
use crate::serve::{Preview, wait_until};

const PICTURE_HINT: &str = "  hint: put the picture beside the page (make the page a folder: `news/my-item/index.md` with the picture next to it), or in `static/images/` and write `/images/name.jpg`\n";
const LINK_HINT: &str = "  hint: link to pages with `@/` and their file in `content/`, e.g. `@/news/my-item.md`: potline checks those and keeps them working\n";
const COVER_HINT: &str = "  hint: put the picture beside the page (make the page a folder with an `index.md`), or in `static/` and write its path from there, e.g. `/images/photo.jpg`\n";

/// The bilingual fixture, built once so that `public/` holds a good site.
fn built_site() -> TempDir {
    let site = fixture("bilingual");
    build_ok(site.path(), &[]);
    site
}

/// Writes `rel`, builds, asserts that the build failed and left `public/` exactly as it was, and
/// returns what it printed on stderr.
fn refused(site: &Path, rel: &str, text: &str) -> String {
    let before = snapshot(&site.join("public"));
    write(site, rel, text);
    let stderr = build_err(site, &[]);
    assert_eq!(
        snapshot(&site.join("public")),
        before,
        "the published site is untouched"
    );
    stderr
}

/// A news page of the fixture, in English or (with `.zh.md`) in Chinese, with `body`.
fn news(title: &str, extra: &str, body: &str) -> String {
    format!("---\ntitle: {title}\ndate: 2021-07-30\n{extra}---\n{body}\n")
}

#[test]
fn a_missing_picture_in_a_body_stops_the_build_and_keeps_public() {
    let site = built_site();
    let stderr = refused(
        site.path(),
        "content/about.md",
        "---\ntitle: About\n---\nAbout us.\n\n![The hall](hall.jpg)\n\n![The plant](/images/plant.png) <img src=\"/img/x.gif\" alt=\"X\">\n",
    );
    assert_eq!(
        stderr,
        format!(
            "content/about.md:6:1: error: the image `hall.jpg` is not found (it would be at `/about/hall.jpg`)\n{PICTURE_HINT}\
             content/about.md:8:1: error: the image `/images/plant.png` is not found (it would be at `/images/plant.png`)\n{PICTURE_HINT}\
             content/about.md:8:33: error: the image `/img/x.gif` is not found (it would be at `/img/x.gif`)\n{PICTURE_HINT}\
             3 errors found; nothing was published\n"
        )
    );
}

#[test]
fn a_missing_cover_stops_the_build() {
    let site = built_site();
    let stderr = refused(
        site.path(),
        "content/news/english-only.md",
        &news(
            "English only story",
            "cover: hall.jpg\n",
            "Only in English.",
        ),
    );
    assert_eq!(
        stderr,
        format!(
            "content/news/english-only.md:4:1: error: `cover`: the image `hall.jpg` is not found\n{COVER_HINT}\
             1 error found; nothing was published\n"
        )
    );
}

#[test]
fn a_missing_picture_in_a_shortcode_stops_the_build() {
    let site = built_site();
    let stderr = refused(
        site.path(),
        "content/about.md",
        "---\ntitle: About\n---\nAbout us.\n\n{{ figure(src=\"hall.jpg\", alt=\"The hall\") }}\n\n{% notice(kind=\"info\") %}\nSee [the plant](/plant/).\n{% end %}\n",
    );
    assert_eq!(
        stderr,
        format!(
            "content/about.md:6:4: error: the image `hall.jpg` is not found (it would be at `/about/hall.jpg`)\n{PICTURE_HINT}\
             content/about.md:9:5: error: broken link `/plant/`: nothing is published at `/plant/`\n{LINK_HINT}\
             2 errors found; nothing was published\n"
        )
    );
}

#[test]
fn a_link_to_a_path_nothing_publishes_stops_the_build() {
    let site = built_site();
    write(
        site.path(),
        "content/news/_index.md",
        "---\ntitle: News\n---\nAll the news; see [the archive](/archive/).\n",
    );
    let stderr = refused(
        site.path(),
        "content/news/english-only.md",
        &news(
            "English only story",
            "",
            "See [a page](/no/such/page/), [a story](../missing/) and [a file](/css/nope.css).",
        ),
    );
    assert_eq!(
        stderr,
        format!(
            "content/news/_index.md:4:19: error: broken link `/archive/`: nothing is published at `/archive/`\n{LINK_HINT}\
             content/news/english-only.md:5:5: error: broken link `/no/such/page/`: nothing is published at `/no/such/page/`\n{LINK_HINT}\
             content/news/english-only.md:5:31: error: broken link `../missing/`: nothing is published at `/news/missing/`\n{LINK_HINT}\
             content/news/english-only.md:5:58: error: broken link `/css/nope.css`: nothing is published at `/css/nope.css`\n{LINK_HINT}\
             4 errors found; nothing was published\n"
        )
    );
}

#[test]
fn a_chinese_page_is_held_to_the_same_rules() {
    let site = built_site();
    write(
        site.path(),
        "content/news/symposium.zh.md",
        &news(
            "百色市召开座谈会",
            "cover: 会场.jpg\n",
            "座谈会。\n\n![会场](会场.jpg)\n\n{{ figure(src=\"/images/会场.png\", alt=\"会场\") }}\n\n参见[旧闻](../旧闻/)和[首页](/zh/没有/)。",
        ),
    );
    let before = snapshot(&site.path().join("public"));
    let stderr = build_err(site.path(), &[]);
    assert_eq!(snapshot(&site.path().join("public")), before);
    assert_eq!(
        stderr,
        format!(
            "content/news/symposium.zh.md:4:1: error: `cover`: the image `会场.jpg` is not found\n{COVER_HINT}\
             content/news/symposium.zh.md:8:1: error: the image `会场.jpg` is not found (it would be at `/zh/news/symposium/会场.jpg`)\n{PICTURE_HINT}\
             content/news/symposium.zh.md:10:4: error: the image `/images/会场.png` is not found (it would be at `/images/会场.png`)\n{PICTURE_HINT}\
             content/news/symposium.zh.md:12:3: error: broken link `../旧闻/`: nothing is published at `/zh/news/旧闻/`\n{LINK_HINT}\
             content/news/symposium.zh.md:12:16: error: broken link `/zh/没有/`: nothing is published at `/zh/没有/`\n{LINK_HINT}\
             5 errors found; nothing was published\n"
        )
    );
}

#[test]
fn links_to_everything_the_build_publishes_are_fine() {
    let site = fixture("bilingual");
    write(
        site.path(),
        "content/news/_index.md",
        "---\ntitle: News\npaginate: 1\n---\n",
    );
    write(
        site.path(),
        "content/news/report/index.md",
        &news(
            "Report",
            "cover: chart.svg\n",
            "See [the table](table.csv) and ![chart](chart.svg).",
        ),
    );
    write(site.path(), "content/news/report/table.csv", "a,b\n");
    write(
        site.path(),
        "content/news/report/chart.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    let links = [
        "/",
        "../",
        "./",
        "/about/",
        "/about",
        "/news/",
        "/news/page/2/",
        "/news/symposium/#top",
        "../report/",
        "../report/table.csv",
        "/tags/",
        "/tags/brand/",
        "/rss.xml",
        "/atom.xml",
        "/sitemap.xml",
        "/robots.txt",
        "/css/site.css",
        "/404.html",
        "/zh/",
        "/zh/about/",
        "/zh/tags/pin-pai/",
        "/zh/rss.xml",
        "/zh/sitemap.xml",
        "#anchor",
        "?page=2",
        "mailto:office@example.com",
        "https://example.com/not-checked/",
        "//cdn.example.com/x.js",
        "tel:+867762822222",
    ];
    let body: Vec<String> = links
        .iter()
        .enumerate()
        .map(|(i, link)| format!("[link {i}]({link})"))
        .collect();
    let body = format!("{}\n\nWrite to <office@example.com>.", body.join("\n"));
    write(
        site.path(),
        "content/news/english-only.md",
        &news("English only story", "", &body),
    );
    write(
        site.path(),
        "content/about.zh.md",
        "---\ntitle: 关于我们\n---\n关于。[英文](/news/english-only/) [上一级](../news/symposium/) [英文页](/about/)\n",
    );
    build_ok(site.path(), &[]);
}

#[test]
fn check_counts_and_reports_every_language() {
    let site = fixture("bilingual");
    write(
        site.path(),
        "content/about.zh.md",
        "---\ntitle: 关于我们\n---\n关于。\n\n![](/images/没有.png) [坏链接](/zh/没有/)\n",
    );
    write(
        site.path(),
        "content/about.md",
        "---\ntitle: About\n---\nAbout us. [Gone](/gone/)\n",
    );
    let out = potline()
        .arg("check")
        .arg("--root")
        .arg(site.path())
        .output()
        .expect("potline runs");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        format!(
            "content/about.md:4:11: error: broken link `/gone/`: nothing is published at `/gone/`\n{LINK_HINT}\n\
             content/about.zh.md:6:1: error: the image `/images/没有.png` is not found (it would be at `/images/没有.png`)\n{PICTURE_HINT}\
             content/about.zh.md:6:1: warning: the image `/images/没有.png` has no alt text\n  hint: describe what the picture shows between the brackets, e.g. `![Workers at the alumina plant](photo.jpg)`: screen readers read it out, and it shows when the picture cannot load\n\
             content/about.zh.md:6:21: error: broken link `/zh/没有/`: nothing is published at `/zh/没有/`\n{LINK_HINT}"
        )
    );
    // As many pages as the build has: 5 English and 4 Chinese.
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: found 3 errors and 1 warning in 2 files (9 pages checked)\n"
    );
}

#[test]
fn the_preview_shows_a_broken_link_in_its_overlay_over_the_last_good_site() {
    let preview = Preview::start();
    assert!(
        preview
            .get("/news/hello/")
            .text()
            .contains("Original hello text.")
    );
    preview.write(
        "content/news/hello.md",
        "---\ntitle: Hello\ndate: 2024-01-01\n---\nBroken hello text: ![Plant](plant.jpg) and [more](/more/).\n",
    );
    assert!(
        wait_until(|| preview.status()["ok"] == false),
        "no failed build; log:\n{}",
        preview.log()
    );
    let page = preview.get("/news/hello/");
    assert_eq!(page.status, 200);
    let doc = scraper::Html::parse_document(&page.text());
    let overlay = texts(&doc, "#potline-overlay").join("\n");
    for expected in [
        "content/news/hello.md:5:20: error: the image `plant.jpg` is not found (it would be at `/news/hello/plant.jpg`)",
        "content/news/hello.md:5:44: error: broken link `/more/`: nothing is published at `/more/`",
    ] {
        assert!(overlay.contains(expected), "{expected}\nin:\n{overlay}");
    }
    assert!(
        page.text().contains("Original hello text."),
        "the last good page is still served"
    );
    preview.write(
        "content/news/hello.md",
        "---\ntitle: Hello\ndate: 2024-01-01\n---\nFixed hello text.\n",
    );
    assert!(
        wait_until(|| preview.status()["ok"] == true),
        "fixed; log:\n{}",
        preview.log()
    );
    let fixed = preview.get("/news/hello/").text();
    assert!(fixed.contains("Fixed hello text.") && !fixed.contains("potline-overlay"));
}

/// A copy of the bilingual fixture with a folder deploy target in another temporary folder
/// (a target inside the site is refused), kept alive by the third value.
fn site_with_docroot() -> (TempDir, std::path::PathBuf, TempDir) {
    let site = fixture("bilingual");
    let www = tempfile::tempdir().expect("temporary folder");
    let docroot = www.path().join("site");
    let mut config = std::fs::read_to_string(site.path().join("site.yaml")).expect("site.yaml");
    config.push_str(&format!(
        "\ndeploy:\n  - {{ name: docroot, kind: folder, path: \"{}\" }}\n",
        docroot.display()
    ));
    std::fs::write(site.path().join("site.yaml"), config).expect("write site.yaml");
    (site, docroot, www)
}

fn deploy(root: &Path, args: &[&str]) -> std::process::Output {
    potline()
        .arg("deploy")
        .arg("--root")
        .arg(root)
        .args(["--target", "docroot"])
        .args(args)
        .env("HOME", root)
        .output()
        .expect("potline runs")
}

#[test]
fn deploy_refuses_to_publish_a_missing_picture_and_no_build_sends_the_last_good_site() {
    let (site, docroot, _www) = site_with_docroot();
    succeeded(deploy(site.path(), &[]));
    let live = snapshot(&docroot);
    assert!(live.contains_key("about/index.html"));
    write(
        site.path(),
        "content/about.md",
        "---\ntitle: About\n---\nAbout us, new. ![The hall](hall.jpg)\n",
    );
    let out = deploy(site.path(), &[]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!(
            "content/about.md:4:16: error: the image `hall.jpg` is not found (it would be at `/about/hall.jpg`)\n{PICTURE_HINT}\
             1 error found; nothing was published\n"
        )
    );
    assert_eq!(snapshot(&docroot), live, "the live site is untouched");
    // `--no-build` sends `public/` as it is: the last build that passed.
    succeeded(deploy(site.path(), &["--no-build"]));
    let about = std::fs::read_to_string(docroot.join("about/index.html")).expect("about");
    assert!(!about.contains("new."), "{about}");
}

#[test]
fn check_finds_broken_paths_in_drafts_of_every_language() {
    let site = fixture("bilingual");
    write(
        site.path(),
        "content/news/plan.zh.md",
        &news("计划", "draft: true\n", "草稿。![图](图.png)"),
    );
    // A draft is not published: the build leaves it out, and its picture with it.
    build_ok(site.path(), &[]);
    let out = potline()
        .arg("check")
        .arg("--root")
        .arg(site.path())
        .output()
        .expect("potline runs");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        format!(
            "content/news/plan.zh.md:6:4: error: the image `图.png` is not found (it would be at `/zh/news/plan/图.png`)\n{PICTURE_HINT}"
        )
    );
}
