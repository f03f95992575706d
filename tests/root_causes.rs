//! Root causes only, in the right place: a file that cannot be read is its own one error (links
//! to it from other pages are not reported too), a URL taken twice is reported on the file
//! changed last and names the lines that set it, and every hint, followed to the letter, gives a
//! site that builds rather than a new error.

use std::path::Path;
use std::time::{Duration, SystemTime};

use tempfile::TempDir;

use crate::common::*;

/// A copy of the repository's own site (the brand website), to break on purpose.
fn brand_site() -> TempDir {
    let dir = tempfile::tempdir().expect("temp");
    for name in ["content", "data", "themes"] {
        copy_dir(&repo_root().join(name), &dir.path().join(name));
    }
    std::fs::copy(repo_root().join("site.yaml"), dir.path().join("site.yaml")).expect("copy");
    dir
}

const SYMPOSIUM: &str = "content/news/symposium-ecological-aluminum-industry.md";

/// The symposium report with a full-width colon after `title` (typed with a Chinese input
/// method): its front matter no longer reads, and eleven pages link to it.
fn brand_site_with_a_broken_report() -> TempDir {
    let site = brand_site();
    let path = site.path().join(SYMPOSIUM);
    let text = std::fs::read_to_string(&path).expect("report");
    assert!(text.starts_with("---\ntitle: "), "{text}");
    std::fs::write(&path, text.replacen("title: ", "title：", 1)).expect("write");
    site
}

/// Runs potline in `root` with `args`, in Chinese when `zh`.
fn run(root: &Path, args: &[&str], zh: bool) -> std::process::Output {
    let mut command = potline();
    command.args(args).arg("--root").arg(root);
    if zh {
        command.env("LANG", "zh_CN.UTF-8");
    }
    command.output().expect("potline runs")
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Sets the modification time of `rel` below `root` to `ago` before now.
fn modified_ago(root: &Path, rel: &str, ago: Duration) {
    let file = std::fs::File::options()
        .write(true)
        .open(root.join(rel))
        .expect("open");
    file.set_modified(SystemTime::now() - ago)
        .expect("set the time");
}

#[test]
fn a_report_that_cannot_be_read_is_the_only_error_of_the_build() {
    let site = brand_site_with_a_broken_report();
    let out = run(site.path(), &["build"], false);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        format!(
            "{SYMPOSIUM}:2:6: error: `title` is followed by a full-width colon `：`\n  hint: type the colon with the English (half-width) keyboard: `:` followed by a space\n1 error found; nothing was published\n"
        )
    );
    let zh = run(site.path(), &["build"], true);
    assert_eq!(
        stderr(&zh),
        format!(
            "{SYMPOSIUM}:2:6: 错误: `title` 后面是中文全角冒号 `：`\n  提示: 切换到英文（半角）输入法输入冒号：`:` 后面再加一个空格\n发现 1 个错误；没有发布任何内容\n"
        )
    );
}

#[test]
fn a_report_that_cannot_be_read_is_the_only_finding_of_check() {
    let site = brand_site_with_a_broken_report();
    let out = run(site.path(), &["check", "--quiet"], false);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stdout(&out),
        format!(
            "{SYMPOSIUM}:2:6: error: `title` is followed by a full-width colon `：`\n  hint: type the colon with the English (half-width) keyboard: `:` followed by a space\n"
        )
    );
    assert!(
        stderr(&out).starts_with("error: found 1 error in 1 file ("),
        "{}",
        stderr(&out)
    );
}

#[test]
fn links_to_a_file_whose_front_matter_is_broken_are_not_reported() {
    let site = fixture("basic");
    // first.md links to second.md, which now has a key twice.
    write(
        site.path(),
        "content/news/second.md",
        "---\ntitle: Second story\ndate: 2021-08-02\ndate: 2021-08-03\n---\n## Details\n",
    );
    let stderr = build_err(site.path(), &[]);
    assert_eq!(
        stderr,
        "content/news/second.md:4:1: error: `date` is written twice, on lines 3 and 4\n  hint: keep one of the two (merge their values into the first)\n1 error found; nothing was published\n"
    );
}

/// The basic fixture with `content/news/x.md` taking the URL of `content/news/first.md` by its
/// `slug:`, the one of the two changed last being `newer`.
fn two_pages_on_one_url(newer: &str) -> TempDir {
    let site = fixture("basic");
    write(
        site.path(),
        "content/news/x.md",
        "---\ntitle: T\ndate: 2021-07-30\nslug: first\n---\nBody.\n",
    );
    let older = match newer {
        "content/news/x.md" => "content/news/first.md",
        _ => "content/news/x.md",
    };
    modified_ago(site.path(), older, Duration::from_secs(3600));
    modified_ago(site.path(), newer, Duration::from_secs(60));
    site
}

#[test]
fn a_url_taken_twice_is_reported_on_the_file_changed_last_naming_both_lines() {
    let site = two_pages_on_one_url("content/news/x.md");
    assert_eq!(
        build_err(site.path(), &[]),
        "content/news/x.md:4:1: error: this page's URL /news/first/ (from its `slug:` on line 4) is also the URL of content/news/first.md (from its file name)\n  hint: give one of them a different `slug:` in its front matter, or rename the file\n1 error found; nothing was published\n"
    );
    let site = two_pages_on_one_url("content/news/first.md");
    assert_eq!(
        build_err(site.path(), &[]),
        "content/news/first.md:1:1: error: this page's URL /news/first/ (from its file name) is also the URL of content/news/x.md (from its `slug:` on line 4)\n  hint: give one of them a different `slug:` in its front matter, or rename the file\n1 error found; nothing was published\n"
    );
}

#[test]
fn a_url_taken_twice_is_told_in_chinese() {
    let site = two_pages_on_one_url("content/news/x.md");
    let out = run(site.path(), &["build"], true);
    assert_eq!(
        stderr(&out),
        "content/news/x.md:4:1: 错误: 这个页面的网址 /news/first/（来自第 4 行的 `slug:`）也是 content/news/first.md（来自文件名）的网址\n  提示: 在其中一个页面的文件头里改用不同的 `slug:`，或者给文件改名\n发现 1 个错误；没有发布任何内容\n"
    );
}

/// Writes `text` as `content/news/x.md` of a copy of the basic fixture, builds, and returns
/// the site and the error (with its hint) the build reports.
fn one_mistake(text: &str) -> (TempDir, String) {
    let site = fixture("basic");
    write(site.path(), "content/news/x.md", text);
    let stderr = build_err(site.path(), &[]);
    let error = stderr
        .strip_suffix("1 error found; nothing was published\n")
        .unwrap_or_else(|| panic!("one error expected:\n{stderr}"))
        .to_string();
    (site, error)
}

/// Writes the corrected `text` and builds: the site must build.
fn fixed(site: &TempDir, text: &str) {
    write(site.path(), "content/news/x.md", text);
    build_ok(site.path(), &[]);
}

#[test]
fn the_tab_hint_before_a_top_level_key_gives_a_page_that_builds() {
    let (site, error) = one_mistake("---\ntitle: T\n\tdate: 2021-07-30\n---\nBody.\n");
    assert_eq!(
        error,
        "content/news/x.md:3:1: error: a tab is used for indentation\n  hint: YAML indents with spaces, never tabs: remove the tab, so that the line starts at the left edge like line 2\n"
    );
    fixed(&site, "---\ntitle: T\ndate: 2021-07-30\n---\nBody.\n");
}

#[test]
fn the_tab_hint_in_a_list_gives_every_item() {
    let (site, error) =
        one_mistake("---\ntitle: T\ndate: 2021-07-30\ntags:\n  - brand\n\t- harbour\n---\nBody.\n");
    assert_eq!(
        error,
        "content/news/x.md:6:1: error: a tab is used for indentation\n  hint: YAML indents with spaces, never tabs: start the line with 2 spaces instead of the tab, to line up with line 5\n"
    );
    fixed(
        &site,
        "---\ntitle: T\ndate: 2021-07-30\ntags:\n  - brand\n  - harbour\n---\nBody.\n",
    );
    // Both items are tags (4 spaces would have made one tag, "brand - harbour").
    assert!(site.path().join("public/tags/harbour/index.html").is_file());
}

#[test]
fn the_tab_hint_under_a_key_gives_a_list() {
    let (site, error) =
        one_mistake("---\ntitle: T\ndate: 2021-07-30\ntags:\n\t- harbour\n---\nBody.\n");
    assert_eq!(
        error,
        "content/news/x.md:5:1: error: a tab is used for indentation\n  hint: YAML indents with spaces, never tabs: start the line with 2 spaces instead of the tab, 2 more than line 4, which it belongs to\n"
    );
    fixed(
        &site,
        "---\ntitle: T\ndate: 2021-07-30\ntags:\n  - harbour\n---\nBody.\n",
    );
    assert!(site.path().join("public/tags/harbour/index.html").is_file());
}

#[test]
fn a_key_indented_under_a_value_is_named_and_its_hint_builds() {
    let (site, error) = one_mistake("---\ntitle: T\n  date: 2021-07-30\n---\nBody.\n");
    assert_eq!(
        error,
        "content/news/x.md:3:3: error: `date` is indented, so YAML reads it as part of the value on line 2\n  hint: remove the spaces before `date`, so that it starts at the left edge like line 2\n"
    );
    fixed(&site, "---\ntitle: T\ndate: 2021-07-30\n---\nBody.\n");
}

#[test]
fn the_backslash_hint_names_a_picture_that_exists() {
    let site = fixture("basic");
    std::fs::create_dir_all(site.path().join("static/images")).expect("folder");
    std::fs::copy(
        site.path().join("content/news/bundle-story/photo.png"),
        site.path().join("static/images/photo.png"),
    )
    .expect("copy");
    let page = |src: &str| format!("---\ntitle: T\ndate: 2021-07-30\n---\n![A photo]({src})\n");
    for written in ["images\\photo.png", "static\\images\\photo.png"] {
        write(site.path(), "content/news/x.md", &page(written));
        assert_eq!(
            build_err(site.path(), &[]),
            format!(
                "content/news/x.md:5:1: error: the image `{written}` uses `\\` between folders, which does not work on the web\n  hint: write `/` between folders: `/images/photo.png`\n1 error found; nothing was published\n"
            )
        );
    }
    write(site.path(), "content/news/x.md", &page("/images/photo.png"));
    build_ok(site.path(), &[]);
}

#[test]
fn yes_no_on_and_off_are_answered_with_true_or_false() {
    for (written, meant) in [
        ("yes", "true"),
        ("no", "false"),
        ("on", "true"),
        ("off", "false"),
    ] {
        let (site, error) = one_mistake(&format!(
            "---\ntitle: T\ndate: 2021-07-30\ndraft: {written}\n---\nBody.\n"
        ));
        assert_eq!(
            error,
            format!(
                "content/news/x.md:4:1: error: `draft` should be true or false, found \"{written}\"\n  hint: write true or false: `draft: {meant}`\n"
            )
        );
        assert!(!error.contains("YAML 1."), "no YAML versions: {error}");
        fixed(
            &site,
            &format!("---\ntitle: T\ndate: 2021-07-30\ndraft: {meant}\n---\nBody.\n"),
        );
        let published = site.path().join("public/news/x/index.html").is_file();
        assert_eq!(published, meant == "false", "draft: {meant}");
    }
}

/// The basic fixture whose news type lists the values `segment` accepts.
fn site_with_segments() -> TempDir {
    let site = fixture("basic");
    let config = std::fs::read_to_string(site.path().join("site.yaml")).expect("read");
    write(
        site.path(),
        "site.yaml",
        &format!(
            "{config}types:\n  news:\n    section: news\n    fields:\n      title: {{ type: string, required: true }}\n      date: {{ type: datetime, required: true }}\n      segment: {{ type: list, values: [alumina, processing, power] }}\n"
        ),
    );
    site
}

#[test]
fn a_mistyped_taxonomy_value_gets_the_value_meant_in_both_languages() {
    let site = site_with_segments();
    write(
        site.path(),
        "content/news/x.md",
        "---\ntitle: T\ndate: 2021-07-30\nsegment: [alumina, procesing]\n---\nBody.\n",
    );
    assert_eq!(
        build_err(site.path(), &[]),
        "content/news/x.md:4:20: error: `procesing` is not an allowed value of `segment`\n  hint: did you mean `processing`?\n1 error found; nothing was published\n"
    );
    let zh = run(site.path(), &["build"], true);
    assert_eq!(
        stderr(&zh),
        "content/news/x.md:4:20: 错误: `procesing` 不是 `segment` 可以用的值\n  提示: 你是不是想写 `processing`？\n发现 1 个错误；没有发布任何内容\n"
    );
}

#[test]
fn values_joined_by_a_chinese_comma_are_told_to_be_separated() {
    let site = site_with_segments();
    write(
        site.path(),
        "content/news/x.md",
        "---\ntitle: T\ndate: 2021-07-30\nsegment: [alumina，power]\n---\nBody.\n",
    );
    assert_eq!(
        build_err(site.path(), &[]),
        "content/news/x.md:4:11: error: `alumina，power` is not an allowed value of `segment`\n  hint: separate the items with the English comma: `segment: [alumina, power]`\n1 error found; nothing was published\n"
    );
    write(
        site.path(),
        "content/news/x.md",
        "---\ntitle: T\ndate: 2021-07-30\nsegment: [alumina, power]\n---\nBody.\n",
    );
    build_ok(site.path(), &[]);
}
