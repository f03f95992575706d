//! "Did you mean": a mistyped `@/` link, anchor, picture, shortcode or template name gets the
//! one the writer meant as its hint, in English and in Chinese.

use std::path::Path;
use std::process::Output;

use crate::common::*;

/// Runs `potline <command>` on the site at `root`, in English or (with `zh`) in a Chinese
/// locale.
fn run(root: &Path, command: &str, zh: bool) -> Output {
    let mut potline = potline();
    potline.arg(command).arg("--root").arg(root);
    if zh {
        potline.env("LANG", "zh_CN.UTF-8");
    }
    potline.output().expect("potline runs")
}

/// The errors of a build that fails, in English and in Chinese.
fn build_errors(root: &Path) -> (String, String) {
    let en = run(root, "build", false);
    let zh = run(root, "build", true);
    assert_eq!(en.status.code(), Some(1));
    assert_eq!(zh.status.code(), Some(1));
    (
        String::from_utf8_lossy(&en.stderr).into_owned(),
        String::from_utf8_lossy(&zh.stderr).into_owned(),
    )
}

fn assert_has(output: &str, expected: &str) {
    assert!(
        output.contains(expected),
        "expected\n{expected}\nin\n{output}"
    );
}

/// The basic site with a page `content/news/report.md` whose body is `body` (on line 5).
fn site_with_report(body: &str) -> tempfile::TempDir {
    let site = fixture("basic");
    write(
        site.path(),
        "content/news/report.md",
        &format!("---\ntitle: Report\ndate: 2021-07-30\n---\n{body}\n"),
    );
    site
}

const SYMPOSIUM: &str = "content/news/symposium-ecological-aluminum-industry.md";

#[test]
fn a_one_letter_typo_in_an_at_link_gets_the_page_meant() {
    let site = site_with_report(
        "See [the symposium](@/news/symposium-ecological-aluminium-industry.md).\n\n[Figures](@/news/quarterly-figures.md)",
    );
    write(
        site.path(),
        SYMPOSIUM,
        "---\ntitle: Symposium\ndate: 2021-07-30\n---\nText.\n",
    );
    let (en, zh) = build_errors(site.path());
    assert_has(
        &en,
        "content/news/report.md:5:5: error: broken internal link `@/news/symposium-ecological-aluminium-industry.md`: there is no such file in `content/`\n  hint: did you mean `@/news/symposium-ecological-aluminum-industry.md`?\n",
    );
    assert_has(
        &zh,
        "content/news/report.md:5:5: 错误: 内部链接 `@/news/symposium-ecological-aluminium-industry.md` 无效：`content/` 里没有这个文件\n  提示: 你是不是想写 `@/news/symposium-ecological-aluminum-industry.md`？\n",
    );
    // A page that is like no other gets no guess.
    assert_has(
        &en,
        "content/news/report.md:7:1: error: broken internal link `@/news/quarterly-figures.md`: there is no such file in `content/`\n  hint: internal links are written relative to `content/`, e.g. `@/news/my-article.md`\n",
    );
}

#[test]
fn an_at_link_without_md_gets_the_file_name() {
    let site = site_with_report("Read [about us](@/about).");
    let (en, zh) = build_errors(site.path());
    assert_has(
        &en,
        "content/news/report.md:5:6: error: broken internal link `@/about`: there is no such file in `content/`\n  hint: did you mean `@/about.md`?\n",
    );
    assert_has(
        &zh,
        "content/news/report.md:5:6: 错误: 内部链接 `@/about` 无效：`content/` 里没有这个文件\n  提示: 你是不是想写 `@/about.md`？\n",
    );
}

#[test]
fn an_at_link_into_the_wrong_folder_gets_the_page_and_keeps_its_anchor() {
    let site = site_with_report("See [the first item](@/enterprises/first.md#top).");
    let (en, zh) = build_errors(site.path());
    assert_has(
        &en,
        "content/news/report.md:5:5: error: broken internal link `@/enterprises/first.md#top`: there is no such file in `content/`\n  hint: did you mean `@/news/first.md#top`?\n",
    );
    assert_has(
        &zh,
        "content/news/report.md:5:5: 错误: 内部链接 `@/enterprises/first.md#top` 无效：`content/` 里没有这个文件\n  提示: 你是不是想写 `@/news/first.md#top`？\n",
    );
}

#[test]
fn a_mistyped_anchor_gets_the_heading_meant() {
    let site = site_with_report(&format!(
        "See [the figures](@/{}#production-detials).",
        SYMPOSIUM.trim_start_matches("content/")
    ));
    write(
        site.path(),
        SYMPOSIUM,
        "---\ntitle: Symposium\ndate: 2021-07-30\n---\n## Production details\n\nText.\n",
    );
    let en = run(site.path(), "check", false);
    let zh = run(site.path(), "check", true);
    assert_eq!(en.status.code(), Some(1));
    assert_has(
        &String::from_utf8_lossy(&en.stdout),
        "content/news/report.md:5:5: error: broken anchor `#production-detials`: `@/news/symposium-ecological-aluminum-industry.md` has no heading or footnote with that id\n  hint: did you mean `@/news/symposium-ecological-aluminum-industry.md#production-details`?\n",
    );
    // The words of `check`'s report are another part's; the hint is this one's.
    assert_has(
        &String::from_utf8_lossy(&zh.stdout),
        ": 你是不是想写 `@/news/symposium-ecological-aluminum-industry.md#production-details`？\n",
    );
}

/// A small JPEG, copied where a test needs a picture.
fn picture() -> Vec<u8> {
    std::fs::read(repo_root().join("tests/fixtures/serve-site/static/img/dot.jpg")).expect("jpeg")
}

#[test]
fn a_picture_with_another_extension_gets_the_file_beside_the_page() {
    let site = fixture("basic");
    std::fs::create_dir_all(site.path().join("content/news/plant")).expect("folder");
    std::fs::write(site.path().join("content/news/plant/photo.jpg"), picture()).expect("photo");
    write(
        site.path(),
        "content/news/plant/index.md",
        "---\ntitle: Plant\ndate: 2021-07-30\n---\n![The plant](photo.jpeg)\n",
    );
    let (en, zh) = build_errors(site.path());
    assert_has(
        &en,
        "content/news/plant/index.md:5:1: error: the image `photo.jpeg` is not found (it would be at `/news/plant/photo.jpeg`)\n  hint: did you mean `photo.jpg`?\n",
    );
    assert_has(
        &zh,
        "content/news/plant/index.md:5:1: 错误: 找不到图片 `photo.jpeg`（它应该在 `/news/plant/photo.jpeg`）\n  提示: 你是不是想写 `photo.jpg`？\n",
    );
}

#[test]
fn a_picture_that_is_in_static_gets_its_path_from_the_root() {
    let site = site_with_report("![The logo](logo.jpg)");
    std::fs::create_dir_all(site.path().join("static/images")).expect("folder");
    std::fs::write(site.path().join("static/images/logo.jpg"), picture()).expect("logo");
    let (en, zh) = build_errors(site.path());
    assert_has(
        &en,
        "content/news/report.md:5:1: error: the image `logo.jpg` is not found (it would be at `/news/report/logo.jpg`)\n  hint: did you mean `/images/logo.jpg`?\n",
    );
    assert_has(
        &zh,
        "content/news/report.md:5:1: 错误: 找不到图片 `logo.jpg`（它应该在 `/news/report/logo.jpg`）\n  提示: 你是不是想写 `/images/logo.jpg`？\n",
    );
}

#[test]
fn a_mistyped_shortcode_gets_the_shortcode_meant_and_nothing_else() {
    let site = site_with_report("{{ figur(src=\"plant.jpg\", alt=\"The plant\") }}");
    let (en, zh) = build_errors(site.path());
    assert_has(
        &en,
        "content/news/report.md:5:1: error: unknown shortcode `figur`\n  hint: did you mean `figure`?\n",
    );
    assert_has(
        &zh,
        "content/news/report.md:5:1: 错误: 没有名为 `figur` 的短代码\n  提示: 你是不是想写 `figure`？\n",
    );
    // The call's one mistake: its picture is not reported missing as well.
    assert!(!en.contains("plant.jpg"), "{en}");
}

#[test]
fn an_unknown_shortcode_far_from_any_lists_the_shortcodes_there_are() {
    let site = site_with_report("{{ gallery(folder=\"2021\") }}");
    let (en, zh) = build_errors(site.path());
    let names = "`chart`, `data_table`, `enterprise`, `figure`, `notice`, `video`";
    assert_has(
        &en,
        &format!(
            "content/news/report.md:5:1: error: unknown shortcode `gallery`\n  hint: the shortcodes of this site are {names} (templates in `templates/shortcodes/`; see docs/writing.md)\n"
        ),
    );
    assert_has(
        &zh,
        &format!(
            "content/news/report.md:5:1: 错误: 没有名为 `gallery` 的短代码\n  提示: 这个网站的短代码有：{names}（模板在 `templates/shortcodes/` 里；请看 docs/writing.md）\n"
        ),
    );
}

#[test]
fn a_mistyped_template_gets_the_template_meant() {
    let site = fixture("basic");
    write(
        site.path(),
        "templates/news.html",
        "{% extends \"page.html\" %}\n",
    );
    write(
        site.path(),
        "content/news/plant.md",
        "---\ntitle: Plant\ndate: 2021-07-30\ntemplate: newz.html\n---\nText.\n",
    );
    let (en, zh) = build_errors(site.path());
    assert_has(
        &en,
        "content/news/plant.md:4:1: error: template `newz.html` not found\n  hint: did you mean `news.html`?\n",
    );
    assert_has(
        &zh,
        "content/news/plant.md:4:1: 错误: 找不到模板 `newz.html`\n  提示: 你是不是想写 `news.html`？\n",
    );
}
