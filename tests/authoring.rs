//! The writers' commands, run as a writer would in temporary folders: `init` makes a site that
//! builds, `new` writes the right fields and never overwrites, `check` reports every planted
//! mistake at its `file:line:col` with its exact wording (as text and as JSON) and sets the exit
//! code, `check --external` tells dead links from slow ones, and `cms` writes a CMS
//! configuration that matches the schema.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::Path;
use std::process::Output;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::common::*;

fn run(root: &Path, args: &[&str]) -> Output {
    potline()
        .args(args)
        .arg("--root")
        .arg(root)
        .output()
        .expect("potline runs")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn assert_exit(out: &Output, code: i32) {
    assert_eq!(
        out.status.code(),
        Some(code),
        "stdout:\n{}\nstderr:\n{}",
        stdout(out),
        stderr(out)
    );
}

/// A new site from `potline init` in a temporary folder; returns (folder, site root).
fn new_site() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let root = dir.path().join("mysite");
    let out = potline().arg("init").arg(&root).output().expect("runs");
    assert_exit(&out, 0);
    (dir, root)
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

/// The front matter of a file as JSON.
fn front_matter(path: &Path) -> serde_json::Map<String, Value> {
    let text = read(path);
    let yaml = text
        .strip_prefix("---\n")
        .and_then(|rest| rest.split("\n---\n").next())
        .expect("front matter");
    match potline::yaml::to_json(yaml).expect("valid YAML") {
        Value::Object(map) => map,
        other => panic!("not a mapping: {other}"),
    }
}

// ---------------------------------------------------------------------------------------- init

#[test]
fn init_then_build_and_check_succeed() {
    let (_dir, root) = new_site();
    build_ok(&root, &[]);
    let page = html(&root.join("public/news/the-new-website-is-online/index.html"));
    assert_eq!(texts(&page, "h1"), vec!["The new website is online"]);
    let out = run(&root, &["check"]);
    assert_exit(&out, 0);
    assert_eq!(stdout(&out), "found no problems (2 pages checked)\n");
}

#[test]
fn init_refuses_a_folder_that_is_not_empty_and_force_only_adds() {
    let dir = tempfile::tempdir().expect("temporary folder");
    write(dir.path(), "site.yaml", "title: Mine\n");
    write(dir.path(), "notes.txt", "keep me\n");
    let out = potline()
        .arg("init")
        .arg(dir.path())
        .output()
        .expect("runs");
    assert_exit(&out, 1);
    assert!(
        stderr(&out).contains("is not empty, and potline init only creates a site in an empty folder\n  hint: choose a new folder name"),
        "{}",
        stderr(&out)
    );
    assert!(!dir.path().join("content").exists(), "nothing is written");

    let out = potline()
        .args(["init", "--force"])
        .arg(dir.path())
        .output()
        .expect("runs");
    assert_exit(&out, 0);
    assert!(stdout(&out).contains("  = site.yaml (kept as it was)"));
    assert_eq!(read(&dir.path().join("site.yaml")), "title: Mine\n");
    assert_eq!(read(&dir.path().join("notes.txt")), "keep me\n");
    assert!(dir.path().join("content/news/_index.md").is_file());
}

// ----------------------------------------------------------------------------------------- new

fn new_page(root: &Path, args: &[&str]) -> Output {
    let mut all = vec!["new"];
    all.extend_from_slice(args);
    run(root, &all)
}

/// The date written by `new`, checked to be now in Asia/Shanghai (to the minute).
fn assert_is_now_in_shanghai(date: &str) {
    let written = chrono::NaiveDateTime::parse_from_str(date, "%Y-%m-%d %H:%M")
        .unwrap_or_else(|e| panic!("{date}: {e}"));
    let now = chrono::Utc::now()
        .with_timezone(&chrono_tz::Asia::Shanghai)
        .naive_local();
    let off = (now - written).num_seconds();
    assert!((0..=120).contains(&off), "{date} is not now ({now})");
}

#[test]
fn new_news_writes_title_slug_date_and_draft() {
    let (_dir, root) = new_site();
    let out = new_page(&root, &["news", "Baise holds a symposium: ecology first"]);
    assert_exit(&out, 0);
    let path = root.join("content/news/baise-holds-a-symposium-ecology-first.md");
    assert_eq!(stdout(&out).trim(), path.display().to_string());
    let fields = front_matter(&path);
    assert_eq!(fields["title"], "Baise holds a symposium: ecology first");
    assert_eq!(fields["slug"], "baise-holds-a-symposium-ecology-first");
    assert_eq!(fields["draft"], true);
    assert_is_now_in_shanghai(fields["date"].as_str().expect("date"));
    // The archetype's other keys and its instructions are kept.
    assert!(fields.contains_key("tags"));
    assert!(
        read(&path)
            .contains("\n# Write the news item below the line `---` that closes this header.")
    );
    // A draft is checked, but it is not an error.
    assert_exit(&run(&root, &["check"]), 0);
}

#[test]
fn new_with_a_chinese_title_writes_a_pinyin_slug() {
    let (_dir, root) = new_site();
    let out = new_page(&root, &["news", "百色市召开生态铝产业发展座谈会"]);
    assert_exit(&out, 0);
    let slug = "bai-se-shi-zhao-kai-sheng-tai-lv-chan-ye-fa-zhan-zuo-tan-hui";
    let fields = front_matter(&root.join(format!("content/news/{slug}.md")));
    assert_eq!(fields["slug"], slug);
    assert_eq!(fields["title"], "百色市召开生态铝产业发展座谈会");
}

#[test]
fn new_enterprise_and_page_go_to_their_folders() {
    let (_dir, root) = new_site();
    assert_exit(
        &new_page(&root, &["enterprise", "Guangxi Huayin Aluminum Co., Ltd."]),
        0,
    );
    let fields = front_matter(&root.join("content/enterprises/guangxi-huayin-aluminum-co-ltd.md"));
    assert_eq!(fields["name"], "Guangxi Huayin Aluminum Co., Ltd.");
    assert_eq!(fields["draft"], true);
    assert!(!fields.contains_key("date"), "enterprises are not dated");
    assert!(!fields.contains_key("title"));

    assert_exit(&new_page(&root, &["page", "Contact us"]), 0);
    let fields = front_matter(&root.join("content/contact-us.md"));
    assert_eq!(fields["title"], "Contact us");
    assert_eq!(fields["slug"], "contact-us");
}

#[test]
fn new_never_overwrites_a_file() {
    let (_dir, root) = new_site();
    assert_exit(&new_page(&root, &["news", "Same title"]), 0);
    let path = root.join("content/news/same-title.md");
    std::fs::write(&path, "my work\n").expect("write");
    let out = new_page(&root, &["news", "Same title"]);
    assert_exit(&out, 1);
    assert_eq!(
        stderr(&out),
        "error: `content/news/same-title.md` already exists, and potline new never overwrites a file\n  hint: edit that file, or give this one another title or --slug\n"
    );
    assert_eq!(read(&path), "my work\n");
}

#[test]
fn new_lang_zh_writes_the_translation_beside_the_original() {
    let (_dir, root) = new_site();
    let config = read(&root.join("site.yaml")) + "languages:\n  zh: { name: 中文 }\n";
    std::fs::write(root.join("site.yaml"), config).expect("write");
    assert_exit(&new_page(&root, &["news", "Aluminum output rises"]), 0);
    let out = new_page(
        &root,
        &[
            "news",
            "铝产量上升",
            "--lang",
            "zh",
            "--slug",
            "aluminum-output-rises",
        ],
    );
    assert_exit(&out, 0);
    let path = root.join("content/news/aluminum-output-rises.zh.md");
    assert_eq!(stdout(&out).trim(), path.display().to_string());
    // The global --lang is also the language potline speaks.
    assert!(stderr(&out).contains("这是 content/news/aluminum-output-rises.md 的译文"));
    let fields = front_matter(&path);
    assert_eq!(fields["title"], "铝产量上升");
    assert_eq!(fields["draft"], true);
    assert!(
        !fields.contains_key("slug"),
        "a translation keeps its original's address"
    );
    assert!(
        read(&path).contains("之后撰写新闻正文"),
        "the Chinese archetype"
    );
}

#[test]
fn new_starts_from_the_site_archetype() {
    let (_dir, root) = new_site();
    write(
        &root,
        "archetypes/news.md",
        "---\ntitle: \"\"\nauthor: Press office\ndate:\n---\nWrite here.\n",
    );
    assert_exit(&new_page(&root, &["news", "From the archetype"]), 0);
    let path = root.join("content/news/from-the-archetype.md");
    let text = read(&path);
    assert!(
        text.starts_with(
            "---\ntitle: From the archetype\nslug: from-the-archetype\ndraft: true\nauthor: Press office\ndate: "
        ),
        "{text}"
    );
    assert!(text.ends_with("\n---\nWrite here.\n"), "{text}");
}

#[test]
fn new_writes_an_offset_when_the_site_has_no_timezone() {
    let (_dir, root) = new_site();
    let config = read(&root.join("site.yaml")).replace("timezone: Asia/Shanghai\n", "");
    std::fs::write(root.join("site.yaml"), config).expect("write");
    assert_exit(&new_page(&root, &["news", "Offset"]), 0);
    let fields = front_matter(&root.join("content/news/offset.md"));
    let date = fields["date"].as_str().expect("date");
    assert!(date.ends_with("+00:00"), "{date}");
}

#[test]
fn new_names_an_unknown_type() {
    let (_dir, root) = new_site();
    let out = new_page(&root, &["nwes", "Typo"]);
    assert_exit(&out, 1);
    assert_eq!(
        stderr(&out),
        "error: there is no content type `nwes` in this site\n  hint: did you mean `news`?\n"
    );
}

// --------------------------------------------------------------------------------------- check

const PLANTED: &str = r#"content/enterprises/bad-site.md:3:1: error: `website` should be a full web address, found "www.example.com"
  hint: start it with https://, e.g. `website: https://www.example.com`

content/news/at-sign.md:2:8: error: the value of `title` starts with `@`, which YAML does not accept at the start of a value
  hint: put the whole value in quotes: title: "@Baise aluminum"

content/news/colon.md:2:13: error: this value contains `: ` (a colon followed by a space), which YAML reads as a new key
  hint: put the whole value in quotes, e.g. title: "Baise: a new start"

content/news/cover.md:5:1: error: `cover`: the image `cover.jpg` is not found
  hint: put the picture beside the page (make the page a folder with an `index.md`), or in `static/` and write its path from there, e.g. `/images/photo.jpg`

content/news/dashes.md:1:1: error: missing required key `date` in news front matter
  hint: add a line such as `date: 2021-07-30` to the front matter
content/news/dashes.md:1:1: error: missing required key `title` in news front matter
  hint: add a line such as `title: "..."` to the front matter
content/news/dashes.md:1:1: error: the first line `———` looks like the start of the front matter, but it is not `---`
  hint: type three hyphens `---` with the English keyboard, on the first line and again after the front matter

content/news/draft-broken.md:7:5: error: broken internal link `@/news/missing-too.md`: there is no such file in `content/`
  hint: internal links are written relative to `content/`, e.g. `@/news/my-article.md`

content/news/dup-b.md:3:1: warning: the title "aluminum  Output rises" is also the title of content/news/dup-a.md
  hint: readers and search engines cannot tell the two apart: make one title more specific

content/news/fullwidth.md:2:6: error: `title` is followed by a full-width colon `：`
  hint: type the colon with the English (half-width) keyboard: `:` followed by a space

content/news/future.md:3:1: warning: this page is dated 2999-01-01 00:00 (Asia/Shanghai), in the future: potline build leaves it out until then
  hint: correct the date if it is a typo; to publish the page before its date, build with --future

content/news/gbk.md:5:1: error: this file is not UTF-8 text (it may have been saved as GBK or another legacy encoding)
  hint: open it in your editor and save it with the encoding "UTF-8"

content/news/hash-tags.md:2:15: warning: `title`: the text after ` #` is read as a comment and left out
  hint: put the whole value in quotes: title: "Report #3"
content/news/hash-tags.md:5:7: warning: `tags` is read as one item, "铝, 百色"
  hint: write a list in brackets: tags: [铝, 百色]
content/news/hash-tags.md:6:10: warning: `segment`: the item "alumina，processing" contains a Chinese comma, so it is one item
  hint: separate the items with the English comma: segment: [alumina, processing]
content/news/hash-tags.md:6:11: error: `alumina，processing` is not an allowed value of `segment`
  hint: separate the items with the English comma: `segment: [alumina, processing]`

content/news/links.md:8:3: error: broken internal link `@/news/nope.md`: there is no such file in `content/`
  hint: internal links are written relative to `content/`, e.g. `@/news/my-article.md`
content/news/links.md:8:40: error: broken anchor `#nowhere`: `@/news/target.md` has no heading or footnote with that id
  hint: heading ids are made from the heading text; this page has: `#details`
content/news/links.md:10:4: error: the link `target.md` points to a Markdown file, which does not work on the published site
  hint: write `@/news/target.md`: links to pages start with `@/` and name the file from `content/`
content/news/links.md:10:35: error: broken link `/news/gone/`: nothing is published at `/news/gone/`
  hint: link to pages with `@/` and their file in `content/`, e.g. `@/news/my-item.md`: potline checks those and keeps them working
content/news/links.md:10:70: error: broken internal link `@/news/draft-broken.md`: that page is a draft or dated in the future, so it is not published
  hint: publish that page first (remove `draft: true`, or wait for its date), or remove the link until then
content/news/links.md:12:1: warning: the image `/images/logo.png` has no alt text
  hint: describe what the picture shows between the brackets, e.g. `![Workers at the alumina plant](photo.jpg)`: screen readers read it out, and it shows when the picture cannot load
content/news/links.md:12:23: error: the image `missing.png` is not found (it would be at `/news/links/missing.png`)
  hint: put the picture beside the page (make the page a folder: `news/my-item/index.md` with the picture next to it), or in `static/images/` and write `/images/name.jpg`
content/news/links.md:16:1: warning: there is no heading or footnote with the id `top-of-page` on this page
  hint: heading ids are made from the heading text; this page has: `#more-links`
content/news/links.md:16:37: warning: the image `/images/logo.png` has no alt text
  hint: describe what the picture shows in an `alt` attribute, e.g. `<img src="photo.jpg" alt="Workers at the alumina plant">` (`alt=""` marks a purely decorative picture)

content/news/no-summary.md:5:1: warning: this page has no summary: lists, feeds and search results will show nothing for it
  hint: add `summary:` with a sentence or two to the front matter, or start the text with a paragraph

content/news/nospace.md:3:6: error: there is no space after the colon of `date`, so YAML does not read it as a key
  hint: write a space after the colon: `date: ...`

content/news/schema.md:1:1: error: missing required key `date` in news front matter
  hint: add a line such as `date: 2021-07-30` to the front matter
content/news/schema.md:3:1: error: `draft` should be true or false, found "yes"
  hint: write true or false: `draft: true`
content/news/schema.md:4:1: warning: unknown key `sumary` in news front matter
  hint: did you mean `summary`?
content/news/schema.md:5:11: error: `alumnia` is not an allowed value of `segment`
  hint: did you mean `alumina`?

content/news/shortcodes.md:6:4: warning: the image `/images/logo.png` has no alt text
  hint: describe what the picture shows with `alt="..."`, e.g. `{{ figure(src="photo.jpg", alt="Workers at the alumina plant") }}`
content/news/shortcodes.md:8:4: error: the image `plant.jpg` is not found (it would be at `/news/shortcodes/plant.jpg`)
  hint: put the picture beside the page (make the page a folder: `news/my-item/index.md` with the picture next to it), or in `static/images/` and write `/images/name.jpg`

content/news/tabs.md:5:1: error: a tab is used for indentation
  hint: YAML indents with spaces, never tabs: start the line with 2 spaces instead of the tab, 2 more than line 4, which it belongs to

content/news/updated.md:4:1: warning: `updated` (2021-08-01 00:00) is earlier than `date` (2021-08-05 00:00)
  hint: `updated` is when the page last changed: it cannot be before the page was published

content/news/video.md:2:8: error: the value of `title` starts with `[`, so YAML reads a list, but text follows the closing `]`
  hint: put the whole value in quotes: title: "[Video] Baise aluminum"
"#;

const PLANTED_COUNT: &str =
    "error: found 24 errors and 12 warnings in 19 files (15 pages checked)\n";

#[test]
fn check_reports_every_planted_mistake_by_file() {
    let site = fixture("check-mistakes");
    let out = run(site.path(), &["check"]);
    assert_exit(&out, 1);
    assert_eq!(stdout(&out), PLANTED);
    assert_eq!(stderr(&out), PLANTED_COUNT);
    // The byte-order mark and Windows line endings of bom-crlf.md are not mistakes.
    assert!(!stdout(&out).contains("bom-crlf"));
}

#[test]
fn check_json_lists_the_same_items() {
    let site = fixture("check-mistakes");
    let out = run(site.path(), &["check", "--format", "json"]);
    assert_exit(&out, 1);
    let report: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(
        (report["errors"].as_u64(), report["warnings"].as_u64()),
        (Some(24), Some(12))
    );
    assert_eq!(
        (report["files"].as_u64(), report["pages"].as_u64()),
        (Some(19), Some(15))
    );
    let items = report["items"].as_array().expect("items");
    let as_text: Vec<String> = items
        .iter()
        .map(|item| {
            let mut line = format!(
                "{}:{}:{}: {}: {}",
                item["path"].as_str().expect("path"),
                item["line"],
                item["col"],
                item["severity"].as_str().expect("severity"),
                item["message"].as_str().expect("message")
            );
            if let Some(hint) = item["hint"].as_str() {
                line.push_str(&format!("\n  hint: {hint}"));
            }
            line
        })
        .collect();
    let mut expected: Vec<String> = Vec::new();
    for line in PLANTED.lines().filter(|l| !l.is_empty()) {
        match expected.last_mut() {
            Some(last) if line.starts_with("  hint: ") => last.push_str(&format!("\n{line}")),
            _ => expected.push(line.to_string()),
        }
    }
    assert_eq!(as_text, expected);
}

#[test]
fn check_strict_makes_warnings_errors() {
    let (_dir, root) = new_site();
    write(
        &root,
        "content/news/photo.md",
        "---\ntitle: A photo\ndate: 2021-07-30\nsummary: A picture.\n---\n![](/images/none.png)\n",
    );
    // A real (tiny) picture: pictures in Markdown are resized, so a broken one would be an error.
    let mut png = std::io::Cursor::new(Vec::new());
    image::DynamicImage::new_rgb8(2, 2)
        .write_to(&mut png, image::ImageFormat::Png)
        .expect("encodes");
    std::fs::write(root.join("static/images/none.png"), png.into_inner()).expect("write");
    let out = run(&root, &["check"]);
    assert_exit(&out, 0);
    assert_eq!(
        stdout(&out),
        "content/news/photo.md:6:1: warning: the image `/images/none.png` has no alt text\n  hint: describe what the picture shows between the brackets, e.g. `![Workers at the alumina plant](photo.jpg)`: screen readers read it out, and it shows when the picture cannot load\nfound 1 warning in 1 file (3 pages checked)\n"
    );
    let out = run(&root, &["check", "--strict"]);
    assert_exit(&out, 1);
    assert!(stdout(&out).starts_with("content/news/photo.md:6:1: error: the image"));
    assert_eq!(
        stderr(&out),
        "error: found 1 error in 1 file (3 pages checked)\n"
    );
    // --quiet prints errors only, and nothing at all when there is none.
    let out = run(&root, &["check", "--quiet"]);
    assert_exit(&out, 0);
    assert_eq!(stdout(&out), "");
}

#[test]
fn check_warns_about_dates_without_a_timezone_only_when_the_site_sets_none() {
    let (_dir, root) = new_site();
    write(
        &root,
        "content/news/local.md",
        "---\ntitle: Local time\ndate: 2021-07-30 15:00\nsummary: When?\n---\nText.\n",
    );
    let out = run(&root, &["check"]);
    assert_exit(&out, 0);
    assert!(!stdout(&out).contains("time zone"), "{}", stdout(&out));
    let out = run(&root, &["check", "--verbose"]);
    assert!(
        stdout(&out).contains("content/news/local.md:3:1: note: `date` 2021-07-30 15:00 has no time zone: it will be read as Asia/Shanghai time\n"),
        "{}",
        stdout(&out)
    );
    let config = read(&root.join("site.yaml")).replace("timezone: Asia/Shanghai\n", "");
    std::fs::write(root.join("site.yaml"), config).expect("write");
    let out = run(&root, &["check"]);
    assert!(
        stdout(&out).contains("content/news/local.md:3:1: warning: `date` 2021-07-30 15:00 has no time zone and site.yaml sets none, so it will be read as UTC time\n  hint: add `timezone: Asia/Shanghai` (or your own) to site.yaml, or write the offset, e.g. `2021-07-30 15:00:00+08:00`\n"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn check_exit_codes() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let out = run(dir.path(), &["check"]);
    assert_exit(&out, 1);
    assert!(
        stderr(&out).starts_with("error: no `site.yaml` in"),
        "{}",
        stderr(&out)
    );
    let out = run(dir.path(), &["check", "--format", "yaml"]);
    assert_exit(&out, 2);
    let help = stdout(&potline().args(["check", "--help"]).output().expect("runs"));
    assert!(help.contains("Exit codes:\n  0  no errors"), "{help}");
}

#[test]
fn check_reports_a_broken_site_yaml_like_the_build() {
    let (_dir, root) = new_site();
    let config =
        read(&root.join("site.yaml")).replace("timezone: Asia/Shanghai", "timezone: Asia/Shanghia");
    std::fs::write(root.join("site.yaml"), config).expect("write");
    let out = run(&root, &["check"]);
    assert_exit(&out, 1);
    assert_eq!(
        stdout(&out),
        "site.yaml:8:1: error: unknown timezone `Asia/Shanghia`\n  hint: did you mean `Asia/Shanghai`?\n"
    );
}

#[test]
fn the_sample_site_has_no_errors() {
    let out = potline()
        .args(["check", "--root"])
        .arg(repo_root())
        .output()
        .expect("runs");
    assert_exit(&out, 0);
}

/// A tiny HTTP server on a loopback port: `/ok` answers, `/gone` is 404, `/slow` answers after
/// three seconds. It counts requests by path and stops after 30 seconds at most.
struct TestServer {
    port: u16,
    hits: Arc<Mutex<HashMap<String, usize>>>,
    stop: Arc<AtomicBool>,
}

impl TestServer {
    fn start() -> TestServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        listener.set_nonblocking(true).expect("nonblocking");
        let port = listener.local_addr().expect("address").port();
        let hits = Arc::new(Mutex::new(HashMap::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let (counter, stopping) = (Arc::clone(&hits), Arc::clone(&stop));
        std::thread::spawn(move || {
            let deadline = Instant::now() + Duration::from_secs(30);
            while !stopping.load(Ordering::Relaxed) && Instant::now() < deadline {
                match listener.accept() {
                    Ok((stream, _)) => {
                        let counter = Arc::clone(&counter);
                        std::thread::spawn(move || answer(stream, &counter));
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(10)),
                }
            }
        });
        TestServer { port, hits, stop }
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    fn hits(&self, path: &str) -> usize {
        self.hits
            .lock()
            .expect("lock")
            .get(path)
            .copied()
            .unwrap_or(0)
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

fn answer(mut stream: std::net::TcpStream, hits: &Mutex<HashMap<String, usize>>) {
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let mut buf = [0u8; 2048];
    let n = stream.read(&mut buf).unwrap_or(0);
    let request = String::from_utf8_lossy(&buf[..n]);
    let mut words = request.split_whitespace();
    let (method, path) = (
        words.next().unwrap_or(""),
        words.next().unwrap_or("").to_string(),
    );
    *hits.lock().expect("lock").entry(path.clone()).or_default() += 1;
    let status = match path.as_str() {
        "/ok" => "200 OK",
        "/slow" => {
            std::thread::sleep(Duration::from_secs(3));
            "200 OK"
        }
        _ => "404 Not Found",
    };
    let body = if method == "HEAD" { "" } else { "hello" };
    let _ = write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Length: 5\r\nConnection: close\r\n\r\n{body}"
    );
}

#[test]
fn check_external_reports_dead_links_and_only_notes_slow_ones() {
    let server = TestServer::start();
    let (_dir, root) = new_site();
    write(
        &root,
        "content/news/links.md",
        &format!(
            "---\ntitle: Links\ndate: 2021-07-30\nsummary: Out.\n---\n[ok]({}) [gone]({})\n\n[slow]({})\n",
            server.url("/ok"),
            server.url("/gone"),
            server.url("/slow")
        ),
    );
    let started = Instant::now();
    let out = run(&root, &["check", "--external", "--timeout", "1"]);
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "slow links must not hold the check up"
    );
    assert_exit(&out, 1);
    assert_eq!(
        stdout(&out),
        format!(
            "content/news/links.md:6:{col}: error: dead external link `{gone}`: 404 Not Found\n  hint: the page is gone: link to where it moved, or remove the link\ncontent/news/links.md:8:1: note: the external link `{slow}` timed out after 1 s; it was not counted as dead\n",
            gone = server.url("/gone"),
            slow = server.url("/slow"),
            col = "[ok](".len() + server.url("/ok").len() + ") [".len(),
        )
    );
    assert_eq!(
        stderr(&out),
        "error: found 1 error and 1 note in 1 file (3 pages checked)\n"
    );
    // Links that answered are remembered: the second check does not ask again.
    assert_eq!(server.hits("/ok"), 1);
    assert_exit(&run(&root, &["check", "--external", "--timeout", "1"]), 1);
    assert_eq!(server.hits("/ok"), 1);
    assert_exit(
        &run(
            &root,
            &["check", "--external", "--timeout", "1", "--no-cache"],
        ),
        1,
    );
    assert_eq!(server.hits("/ok"), 2);
}

// ----------------------------------------------------------------------------------------- cms

#[test]
fn cms_config_matches_the_schema() {
    let (_dir, root) = new_site();
    let config = read(&root.join("site.yaml")).replace(
        "      cover: { type: image }\n",
        "      cover: { type: image }\n      segment: { type: list, values: [bauxite, alumina] }\n      kind: { type: string, values: [report, notice] }\n      rating: { type: number }\n      featured: { type: bool }\n      published_on: { type: date }\n",
    );
    std::fs::write(root.join("site.yaml"), &config).expect("write");
    let out = run(&root, &["cms"]);
    assert_exit(&out, 0);
    let cms = potline::yaml::to_json(&read(&root.join("static/admin/config.yml"))).expect("YAML");
    // No Netlify Identity by default: a Gitea repository to name, and the local try-out.
    assert_eq!(cms["backend"]["name"], "gitea");
    assert_eq!(cms["local_backend"], true);
    let schema = potline::config::Config::load(&root, None).expect("site.yaml");
    let collections = cms["collections"].as_array().expect("collections");
    for ty in schema.types.values() {
        let collection = collections
            .iter()
            .find(|c| c["name"] == ty.name.as_str())
            .unwrap_or_else(|| panic!("no collection {}", ty.name));
        let folder = ty
            .section
            .as_ref()
            .map_or("content".to_string(), |s| format!("content/{s}"));
        assert_eq!(collection["folder"], folder.as_str());
        let fields = collection["fields"].as_array().expect("fields");
        let field = |name: &str| {
            fields
                .iter()
                .find(|f| f["name"] == name)
                .unwrap_or_else(|| panic!("{}: no field {name}", ty.name))
        };
        for (key, spec) in &ty.fields {
            let f = field(key);
            assert_eq!(f["required"], spec.required, "{}.{key}", ty.name);
            let widget = f["widget"].as_str().expect("widget");
            use potline::config::FieldKind as K;
            let expected = match (spec.kind, &spec.values) {
                (K::String | K::List, Some(values)) => {
                    assert_eq!(f["options"], serde_json::json!(values));
                    assert_eq!(
                        f["multiple"].as_bool().unwrap_or(false),
                        spec.kind == K::List
                    );
                    "select"
                }
                (K::String, None) if key == "summary" => "text",
                (K::String | K::Url, None) => "string",
                (K::Date | K::Datetime, _) => "datetime",
                (K::Bool, _) => "boolean",
                (K::Integer | K::Number, _) => "number",
                (K::List, None) => "list",
                (K::Image, _) => "image",
                (kind, _) => panic!("unexpected kind {kind:?}"),
            };
            assert_eq!(widget, expected, "{}.{key}", ty.name);
        }
        let names: Vec<&str> = fields.iter().filter_map(|f| f["name"].as_str()).collect();
        let mut expected = vec![ty.title_field.as_str()];
        expected.extend(ty.fields.contains_key("date").then_some("date"));
        expected.push("draft");
        expected.extend(
            ty.fields
                .keys()
                .map(String::as_str)
                .filter(|k| *k != ty.title_field && *k != "date"),
        );
        expected.extend(["slug", "body"]);
        assert_eq!(names, expected, "{}", ty.name);
    }
    let page = read(&root.join("static/admin/index.html"));
    assert!(
        page.contains("<script src=\"/admin/decap-cms.js\"></script>"),
        "{page}"
    );
    // The site still builds and checks with the admin files in it.
    build_ok(&root, &[]);
    assert!(root.join("public/admin/config.yml").is_file());
    assert_exit(&run(&root, &["check"]), 0);
}

#[test]
fn cms_keeps_the_edited_backend() {
    let (_dir, root) = new_site();
    assert_exit(
        &run(
            &root,
            &["cms", "--backend", "github", "--repo", "baise/site"],
        ),
        0,
    );
    let path = root.join("static/admin/config.yml");
    let cms = potline::yaml::to_json(&read(&path)).expect("YAML");
    assert_eq!(
        cms["backend"],
        serde_json::json!({"name": "github", "repo": "baise/site", "branch": "main"})
    );
    assert_exit(
        &run(
            &root,
            &["cms", "--script-url", "https://cms.example/decap.js"],
        ),
        0,
    );
    let cms = potline::yaml::to_json(&read(&path)).expect("YAML");
    assert_eq!(cms["backend"]["repo"], "baise/site");
    assert!(
        read(&root.join("static/admin/index.html"))
            .contains("src=\"https://cms.example/decap.js\"")
    );
    let out = run(&root, &["cms", "--backend", "gitlab"]);
    assert_exit(&out, 1);
    assert!(stderr(&out).contains("--backend gitlab needs the repository"));
}
