//! The writer's tools of a bilingual site, run as a writer would: `potline new` writes a Chinese
//! title as the Chinese page (published under /zh/) and prints its preview address, its
//! archetypes' instructions never reach the published HTML, `init --languages en,zh` makes a
//! site with both home pages, the preview marks drafts and scheduled pages in the page's language
//! (and `build` never does), `list` shows drafts and scheduled pages, and `cms` configures the
//! CMS's Chinese interface and its i18n for `.zh.md` twins. Messages in English and Chinese.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::Arc;
use std::time::Duration;

use potline::serve::{ServeEvent, ServeOptions, Server};
use scraper::{Html, Node, Selector};
use serde_json::Value;

use crate::common::*;

const SYMPOSIUM: &str = "百色市召开生态铝产业发展座谈会";
const SYMPOSIUM_SLUG: &str = "bai-se-shi-zhao-kai-sheng-tai-lv-chan-ye-fa-zhan-zuo-tan-hui";

/// Runs potline with `args` then `--root <root>`, in English unless `locale` says otherwise.
fn run_in(root: &Path, locale: Option<&str>, args: &[&str]) -> Output {
    let mut command = potline();
    command.args(args).arg("--root").arg(root);
    if let Some(locale) = locale {
        command.env("LANG", locale);
    }
    command.output().expect("potline runs")
}

fn run(root: &Path, args: &[&str]) -> Output {
    run_in(root, None, args)
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

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

/// A new site from `potline init <dir> --languages <languages>`; returns (folder, site root).
fn new_site(languages: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let root = dir.path().join("mysite");
    let out = potline()
        .arg("init")
        .arg(&root)
        .args(["--languages", languages])
        .output()
        .expect("runs");
    assert_exit(&out, 0);
    (dir, root)
}

/// Removes the `draft: true` line of a page, as a writer does once it is approved.
fn publish(path: &Path) {
    let text = read(path).replace("draft: true\n", "");
    std::fs::write(path, text).expect("write");
}

/// Every comment of an HTML document, trimmed.
fn comments(doc: &Html) -> Vec<String> {
    doc.tree
        .values()
        .filter_map(|node| match node {
            Node::Comment(comment) => Some(comment.trim().to_string()),
            _ => None,
        })
        .collect()
}

// ------------------------------------------------------------------------------------ new

#[test]
fn a_chinese_title_makes_the_chinese_page_published_under_zh() {
    let (_dir, root) = new_site("en,zh");
    let out = run(&root, &["new", "news", SYMPOSIUM]);
    assert_exit(&out, 0);
    let path = root.join(format!("content/news/{SYMPOSIUM_SLUG}.zh.md"));
    assert_eq!(stdout(&out).trim(), path.display().to_string());
    assert!(
        !root
            .join(format!("content/news/{SYMPOSIUM_SLUG}.md"))
            .exists()
    );
    assert!(
        read(&path).contains("之后撰写新闻正文"),
        "the Chinese archetype"
    );
    publish(&path);
    build_ok(&root, &[]);
    let page = html(&root.join(format!("public/zh/news/{SYMPOSIUM_SLUG}/index.html")));
    assert_eq!(texts(&page, "h1"), vec![SYMPOSIUM]);
    assert_eq!(attrs(&page, "html", "lang"), vec!["zh"]);
    assert!(!root.join(format!("public/news/{SYMPOSIUM_SLUG}")).exists());
}

#[test]
fn lang_en_overrides_the_language_of_the_title() {
    let (_dir, root) = new_site("en,zh");
    let out = run(&root, &["--lang", "en", "new", "news", SYMPOSIUM]);
    assert_exit(&out, 0);
    let path = root.join(format!("content/news/{SYMPOSIUM_SLUG}.md"));
    assert_eq!(stdout(&out).trim(), path.display().to_string());
    assert!(read(&path).contains("# Write the news item below the line `---`"));
    assert!(!stderr(&out).contains("the title is written in Chinese"));
    publish(&path);
    build_ok(&root, &[]);
    assert!(
        root.join(format!("public/news/{SYMPOSIUM_SLUG}/index.html"))
            .is_file()
    );
    assert!(
        !root
            .join(format!("public/zh/news/{SYMPOSIUM_SLUG}"))
            .exists()
    );
}

#[test]
fn new_prints_the_preview_address_and_why_it_chose_the_language() {
    let (_dir, root) = new_site("en,zh");
    let out = run(&root, &["new", "news", SYMPOSIUM]);
    assert_exit(&out, 0);
    assert_eq!(
        stderr(&out),
        format!(
            "  the title is written in Chinese, so this is the `zh` page; add --lang en to write the `en` page instead\n  from the archetype archetypes/news.zh.md; it is a draft until you delete the line `draft: true`\n  in the preview (`potline serve`): http://127.0.0.1:1111/zh/news/{SYMPOSIUM_SLUG}/\n"
        )
    );
    let out = run_in(&root, Some("zh_CN.UTF-8"), &["new", "page", "联系我们"]);
    assert_exit(&out, 0);
    assert_eq!(
        stderr(&out),
        "  标题是用中文写的，所以这是 `zh` 页面；如果要写 `en` 页面，请加上 --lang en\n  根据模板文件 archetypes/page.zh.md 创建；删除 `draft: true` 这一行之前，它都是草稿\n  预览（`potline serve`）中的网址：http://127.0.0.1:1111/zh/lian-xi-wo-men/\n"
    );
    let out = run(&root, &["new", "news", "Aluminum output rises"]);
    assert!(
        stderr(&out).ends_with(
            "  in the preview (`potline serve`): http://127.0.0.1:1111/news/aluminum-output-rises/\n"
        ),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_translation_keeps_the_address_of_the_page_it_translates() {
    let (_dir, root) = new_site("en,zh");
    write(
        &root,
        "content/news/aluminum-output-rises-in-2024.md",
        "---\ntitle: Aluminum output rises\nslug: output-2024\ndate: 2024-05-01\n---\nText.\n",
    );
    let out = run(
        &root,
        &[
            "new",
            "news",
            "铝产量上升",
            "--slug",
            "aluminum-output-rises-in-2024",
        ],
    );
    assert_exit(&out, 0);
    let path = root.join("content/news/aluminum-output-rises-in-2024.zh.md");
    assert!(read(&path).starts_with("---\ntitle: 铝产量上升\nslug: output-2024\n"));
    assert!(
        stderr(&out).contains("  a translation of content/news/aluminum-output-rises-in-2024.md\n")
    );
    assert!(stderr(&out).ends_with("http://127.0.0.1:1111/zh/news/output-2024/\n"));
    publish(&path);
    build_ok(&root, &[]);
    assert!(root.join("public/zh/news/output-2024/index.html").is_file());
}

#[test]
fn a_language_the_site_does_not_have_is_refused_in_both_languages() {
    let (_dir, root) = new_site("en");
    let out = run(&root, &["new", "news", "Title", "--lang", "zh"]);
    assert_exit(&out, 1);
    assert_eq!(
        stderr(&out),
        "错误: 这个网站没有 `zh` 这种语言\n  提示: 它的语言是 `en`；要增加语言，请在 site.yaml 的 `languages:` 下列出它\n"
    );
    let out = run(&root, &["new", "news", "Title", "--lang", "fr"]);
    assert_exit(&out, 1);
    assert_eq!(
        stderr(&out),
        "error: this site has no language `fr`\n  hint: its languages are `en`; to add one, list it under `languages:` in site.yaml\n"
    );
    let out = run_in(&root, Some("C.UTF-8"), &["new", "nwes", "Typo"]);
    assert_eq!(
        stderr(&out),
        "error: there is no content type `nwes` in this site\n  hint: did you mean `news`?\n"
    );
    let out = run_in(&root, Some("zh_CN.UTF-8"), &["new", "nwes", "Typo"]);
    assert_eq!(
        stderr(&out),
        "错误: 这个网站没有 `nwes` 这种内容类型\n  提示: 你是不是想写 `news`？\n"
    );
}

// ----------------------------------------------------------------------------- archetypes

#[test]
fn archetype_instructions_never_reach_the_published_html() {
    let (_dir, root) = new_site("en,zh");
    let pages = [
        (vec!["new", "news", SYMPOSIUM], "不会被发布"),
        (
            vec!["new", "enterprise", "广西华银铝业有限公司"],
            "不会被发布",
        ),
        (vec!["new", "page", "关于我们"], "不会被发布"),
        (vec!["new", "news", "Baise news"], "never published"),
        (
            vec!["new", "enterprise", "Huayin Aluminum"],
            "never published",
        ),
        (vec!["new", "page", "Contact"], "never published"),
    ];
    let mut files = Vec::new();
    for (args, note) in &pages {
        let out = run(&root, args);
        assert_exit(&out, 0);
        let path = PathBuf::from(stdout(&out).trim());
        assert!(read(&path).contains(note), "{}", path.display());
        publish(&path);
        files.push(path);
    }
    build_ok(&root, &[]);
    let mut published = 0;
    for entry in walkdir::WalkDir::new(root.join("public"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
    {
        let text = read(entry.path());
        let doc = Html::parse_document(&text);
        let all_text: String = doc.root_element().text().collect();
        for needle in [
            "不会被发布",
            "never published",
            "draft: true",
            "Write the",
            "撰写",
        ] {
            assert!(
                !all_text.contains(needle),
                "{}: {needle}",
                entry.path().display()
            );
            assert!(
                comments(&doc).iter().all(|c| !c.contains(needle)),
                "{}: a comment with {needle}",
                entry.path().display()
            );
        }
        published += 1;
    }
    assert!(published > 10);
    let page = html(&root.join(format!("public/zh/news/{SYMPOSIUM_SLUG}/index.html")));
    assert_eq!(comments(&page), Vec::<String>::new());
}

#[test]
fn the_sites_archetypes_come_in_both_languages_with_nothing_to_publish() {
    let folder = repo_root().join("archetypes");
    for kind in ["news", "enterprise", "page"] {
        for name in [format!("{kind}.md"), format!("{kind}.zh.md")] {
            let text = read(&folder.join(&name));
            let rest = text.strip_prefix("---\n").expect("front matter");
            let (front, body) = rest.split_once("\n---\n").expect("closing ---");
            assert_eq!(body.trim(), "", "{name}: the body is published");
            assert!(front.lines().any(|l| l.starts_with("# ")), "{name}: notes");
            potline::yaml::to_json(front).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        }
    }
}

// ----------------------------------------------------------------------------------- init

#[test]
fn init_makes_a_bilingual_site_with_both_home_pages() {
    let (_dir, root) = new_site("en,zh");
    let config = read(&root.join("site.yaml"));
    assert!(config.contains("\nlanguages:\n  en: { name: English }\n  zh:\n    name: 中文\n"));
    build_ok(&root, &[]);
    assert_exit(&run(&root, &["check"]), 0);
    let home = html(&root.join("public/index.html"));
    assert_eq!(attrs(&home, "html", "lang"), vec!["en"]);
    assert_eq!(
        texts(&home, "nav[aria-label=Main] a")[..2],
        ["Home", "News"]
    );
    let zh = html(&root.join("public/zh/index.html"));
    assert_eq!(attrs(&zh, "html", "lang"), vec!["zh"]);
    assert_eq!(texts(&zh, "nav[aria-label=Main] a")[..2], ["首页", "新闻"]);
    assert_eq!(texts(&zh, "title"), vec!["我的网站"]);
    let news = html(&root.join("public/zh/news/the-new-website-is-online/index.html"));
    assert_eq!(texts(&news, "h1"), vec!["新网站上线了"]);
    // Each page links to its twin in the other language.
    assert!(
        attrs(&news, "nav[aria-label=Languages] a", "href")
            .contains(&"/news/the-new-website-is-online/".to_string())
    );
}

#[test]
fn init_makes_a_chinese_site_and_refuses_other_languages_in_both_languages() {
    let (_dir, root) = new_site("zh");
    assert!(read(&root.join("site.yaml")).contains("\nlanguage: zh\n"));
    assert!(!read(&root.join("site.yaml")).contains("\nlanguages:"));
    build_ok(&root, &[]);
    let home = html(&root.join("public/index.html"));
    assert_eq!(texts(&home, "title"), vec!["我的网站"]);
    let dir = tempfile::tempdir().expect("temporary folder");
    let out = potline()
        .env("LANG", "zh_CN.UTF-8")
        .arg("init")
        .arg(dir.path().join("site"))
        .args(["--languages", "en,fr"])
        .output()
        .expect("runs");
    assert_exit(&out, 1);
    assert_eq!(
        stderr(&out),
        "错误: potline init 只能创建英文（`en`）和中文（`zh`）网站，不能创建 `fr` 网站\n  提示: 写 --languages en、--languages zh，或者写 --languages en,zh 创建双语网站（第一个是网站根目录使用的语言）\n"
    );
    assert!(!dir.path().join("site").exists());
}

// ----------------------------------------------------------------------- drafts in sight

/// A bilingual site with a draft and a scheduled page in each language, and a published one.
fn site_with_drafts() -> (tempfile::TempDir, PathBuf) {
    let (dir, root) = new_site("en,zh");
    for rel in [
        "content/news/the-new-website-is-online.md",
        "content/news/the-new-website-is-online.zh.md",
    ] {
        let text = read(&root.join(rel));
        let dated = text
            .lines()
            .map(|l| {
                if l.starts_with("date:") {
                    "date: 2024-01-02 08:00"
                } else {
                    l
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        std::fs::write(root.join(rel), dated + "\n").expect("write");
    }
    write(
        &root,
        "content/news/plans.md",
        "---\ntitle: Plans\ndate: 2024-05-01 10:00\ndraft: true\n---\nNot yet.\n",
    );
    write(
        &root,
        "content/news/plans.zh.md",
        "---\ntitle: 计划\ndate: 2024-05-01 10:00\ndraft: true\n---\n尚未完成。\n",
    );
    write(
        &root,
        "content/news/christmas.md",
        "---\ntitle: Christmas\ndate: 2099-12-24 09:00\n---\nLater.\n",
    );
    write(
        &root,
        "content/news/christmas.zh.md",
        "---\ntitle: 圣诞节\ndate: 2099-12-24 09:00\n---\n以后。\n",
    );
    (dir, root)
}

/// A GET over HTTP/1.1; returns the status and the body.
fn get(addr: SocketAddr, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(10)).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    let request = format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).expect("send");
    let mut bytes = Vec::new();
    stream.read_to_end(&mut bytes).expect("read");
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").expect("headers");
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("status");
    assert!(!head.to_ascii_lowercase().contains("chunked"), "{head}");
    (status, body.to_string())
}

/// The text of the preview's notice on a page, if it has one.
fn notice(body: &str) -> Vec<String> {
    texts(&Html::parse_document(body), ".potline-preview-notice")
}

#[test]
fn the_preview_marks_drafts_and_scheduled_pages_in_their_language() {
    let (_dir, root) = site_with_drafts();
    let mut options = ServeOptions::new(&root);
    options.port = 0;
    let server = Server::start(options, Arc::new(|_: &ServeEvent| {})).expect("the preview starts");
    let addr = server.addr();
    let cases = [
        ("/news/plans/", vec!["Draft — not published"]),
        ("/zh/news/plans/", vec!["草稿——尚未发布"]),
        ("/news/christmas/", vec!["Scheduled for 2099-12-24"]),
        ("/zh/news/christmas/", vec!["定时发布：2099年12月24日"]),
        ("/news/the-new-website-is-online/", vec![]),
        ("/zh/news/the-new-website-is-online/", vec![]),
    ];
    for (path, expected) in cases {
        let (status, body) = get(addr, path);
        assert_eq!(status, 200, "{path}");
        assert_eq!(notice(&body), expected, "{path}");
        if !expected.is_empty() {
            let doc = Html::parse_document(&body);
            let selector = Selector::parse("body > .potline-preview-notice").expect("selector");
            let bar = doc.select(&selector).next().expect("right inside <body>");
            assert_eq!(bar.value().attr("role"), Some("status"));
            let lang = if path.starts_with("/zh/") { "zh" } else { "en" };
            assert_eq!(bar.value().attr("lang"), Some(lang), "{path}");
        }
    }
    server.stop();
}

#[test]
fn any_theme_gets_the_notice_and_a_theme_can_place_it() {
    let (_dir, root) = site_with_drafts();
    // A theme's own page template that knows nothing of the notice.
    write(
        &root,
        "templates/page.html",
        "<!DOCTYPE html><html><head><title>{{ page.title }}</title></head><body><main><h1>{{ page.title }}</h1></main></body></html>",
    );
    write(
        &root,
        "templates/news.html",
        "<!DOCTYPE html><html><head><title>{{ page.title }}</title></head><body><header>Site</header>{% if preview_notice is defined %}<p class=\"potline-preview-notice mine\">{{ preview_notice.text }}</p>{% endif %}<h1>{{ page.title }}</h1></body></html>",
    );
    write(
        &root,
        "content/draft-page.md",
        "---\ntitle: A draft page\ndraft: true\n---\nText.\n",
    );
    let mut options = ServeOptions::new(&root);
    options.port = 0;
    let server = Server::start(options, Arc::new(|_: &ServeEvent| {})).expect("the preview starts");
    let (_, body) = get(server.addr(), "/draft-page/");
    assert_eq!(notice(&body), vec!["Draft — not published"]);
    assert!(
        body.contains("<body><div class=\"potline-preview-notice"),
        "{body}"
    );
    let (_, body) = get(server.addr(), "/zh/news/plans/");
    let doc = Html::parse_document(&body);
    assert_eq!(
        texts(&doc, ".potline-preview-notice.mine"),
        vec!["草稿——尚未发布"]
    );
    assert_eq!(notice(&body).len(), 1, "placed once, by the theme");
    server.stop();
}

#[test]
fn build_never_shows_the_notice_even_with_drafts_and_future_pages() {
    let (_dir, root) = site_with_drafts();
    build_ok(&root, &["--drafts", "--future"]);
    for rel in [
        "public/news/plans/index.html",
        "public/zh/news/plans/index.html",
        "public/news/christmas/index.html",
        "public/zh/news/christmas/index.html",
    ] {
        let text = read(&root.join(rel));
        assert!(!text.contains("potline-preview-notice"), "{rel}");
        assert!(
            !text.contains("尚未发布") && !text.contains("not published"),
            "{rel}"
        );
    }
}

// ----------------------------------------------------------------------------------- list

#[test]
fn list_shows_drafts_scheduled_pages_and_all_pages() {
    let (_dir, root) = site_with_drafts();
    let out = run(&root, &["list", "drafts"]);
    assert_exit(&out, 0);
    assert_eq!(
        stdout(&out),
        "STATUS  DATE              LANG  FILE                      TITLE\n\
         draft   2024-05-01 10:00  en    content/news/plans.md     Plans\n\
         draft   2024-05-01 10:00  zh    content/news/plans.zh.md  计划\n\
         2 pages\n"
    );
    let out = run(&root, &["list", "future"]);
    assert_eq!(
        stdout(&out),
        "STATUS     DATE              LANG  FILE                          TITLE\n\
         scheduled  2099-12-24 09:00  en    content/news/christmas.md     Christmas\n\
         scheduled  2099-12-24 09:00  zh    content/news/christmas.zh.md  圣诞节\n\
         2 pages\n"
    );
    let out = run_in(&root, Some("zh_CN.UTF-8"), &["list", "all"]);
    assert_eq!(
        stdout(&out),
        "状态      日期              语言  文件                                          标题\n\
         已发布    2024-01-02 08:00  en    content/news/the-new-website-is-online.md     The new website is online\n\
         已发布    2024-01-02 08:00  zh    content/news/the-new-website-is-online.zh.md  新网站上线了\n\
         草稿      2024-05-01 10:00  en    content/news/plans.md                         Plans\n\
         草稿      2024-05-01 10:00  zh    content/news/plans.zh.md                      计划\n\
         定时发布  2099-12-24 09:00  en    content/news/christmas.md                     Christmas\n\
         定时发布  2099-12-24 09:00  zh    content/news/christmas.zh.md                  圣诞节\n\
         已发布    -                 en    content/about.md                              About\n\
         已发布    -                 zh    content/about.zh.md                           关于\n\
         共 8 个页面\n"
    );
    let (_dir, plain) = new_site("en");
    assert_eq!(stdout(&run(&plain, &["list", "drafts"])), "no drafts\n");
    assert_eq!(
        stdout(&run_in(&plain, Some("zh_CN.UTF-8"), &["list", "future"])),
        "没有定时发布的页面\n"
    );
}

#[test]
fn list_as_json_gives_each_page_its_status_date_language_file_and_address() {
    let (_dir, root) = site_with_drafts();
    let out = run(&root, &["list", "future", "--format", "json"]);
    assert_exit(&out, 0);
    let list: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(
        list,
        serde_json::json!({ "pages": [
            { "status": "scheduled", "date": "2099-12-24T09:00:00+08:00", "language": "en",
              "path": "content/news/christmas.md", "title": "Christmas", "url": "/news/christmas/" },
            { "status": "scheduled", "date": "2099-12-24T09:00:00+08:00", "language": "zh",
              "path": "content/news/christmas.zh.md", "title": "圣诞节", "url": "/zh/news/christmas/" },
        ]})
    );
    let out = run(&root, &["list", "--format", "json"]);
    let list: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let statuses: Vec<&str> = list["pages"]
        .as_array()
        .expect("pages")
        .iter()
        .filter_map(|p| p["status"].as_str())
        .collect();
    assert_eq!(
        statuses,
        [
            "published",
            "published",
            "draft",
            "draft",
            "scheduled",
            "scheduled",
            "published",
            "published"
        ]
    );
}

// ------------------------------------------------------------------------------------ cms

fn cms_config(root: &Path) -> Value {
    potline::yaml::to_json(&read(&root.join("static/admin/config.yml"))).expect("YAML")
}

fn field<'a>(collection: &'a Value, name: &str) -> &'a Value {
    collection["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .find(|f| f["name"] == name)
        .unwrap_or_else(|| panic!("no field {name}"))
}

#[test]
fn cms_edits_a_page_and_its_translation_as_one_entry_in_chinese() {
    let (_dir, root) = new_site("en,zh");
    let out = run_in(&root, Some("zh_CN.UTF-8"), &["cms"]);
    assert_exit(&out, 0);
    let cms = cms_config(&root);
    // Sveltia CMS follows the browser's language, and refuses Decap's own keys.
    assert!(cms.get("locale").is_none() && cms.get("local_backend").is_none());
    assert_eq!(
        cms["i18n"],
        serde_json::json!({ "structure": "multiple_files", "locales": ["en", "zh"],
            "default_locale": "en", "omit_default_locale_from_file_path": true })
    );
    assert_ne!(
        cms["backend"]["name"], "git-gateway",
        "no Netlify Identity by default"
    );
    let collections = cms["collections"].as_array().expect("collections");
    let news = collections
        .iter()
        .find(|c| c["name"] == "news")
        .expect("news");
    assert_eq!(news["i18n"], true);
    assert_eq!(news["label"], "新闻");
    let expected = [
        ("title", Value::from(true)),
        ("date", Value::from("duplicate")),
        ("draft", Value::from(true)),
        ("summary", Value::from(true)),
        ("tags", Value::from("duplicate")),
        ("cover", Value::from("duplicate")),
        ("slug", Value::from(false)),
        ("body", Value::from(true)),
    ];
    for (name, i18n) in expected {
        assert_eq!(field(news, name)["i18n"], i18n, "{name}");
    }
    assert_eq!(field(news, "title")["label"], "标题");
    assert_eq!(field(news, "draft")["hint"], "草稿不会被发布。");
    let sections = collections
        .iter()
        .find(|c| c["name"] == "sections")
        .expect("sections");
    let files: Vec<&str> = sections["files"]
        .as_array()
        .expect("files")
        .iter()
        .filter_map(|f| f["file"].as_str())
        .collect();
    assert_eq!(
        files,
        [
            "content/_index.{{locale}}.md",
            "content/enterprises/_index.{{locale}}.md",
            "content/news/_index.{{locale}}.md"
        ]
    );
    let page = read(&root.join("static/admin/index.html"));
    assert!(
        page.contains("<script src=\"/admin/sveltia-cms.js\"></script>"),
        "{page}"
    );
    assert!(page.contains("<title>My Site：内容管理</title>"), "{page}");
    assert_eq!(
        stdout(&out),
        format!(
            "已写入 {root}/static/admin/config.yml\n已写入 {root}/static/admin/index.html\n内容管理页面从 /admin/sveltia-cms.js 加载程序：请看 docs/writing.md 中的“在浏览器中编辑”\n在本机试用：运行 `potline serve`，用 Chrome 或 Edge 打开 http://127.0.0.1:1111/admin/，\n点击“Work with Local Repository”（使用本地仓库），选择网站文件夹；保存的内容会直接写到那里\n还没有设置 git 服务器，所以内容管理只能在本机使用：运行 `potline cms --backend gitea --repo 所有者/仓库名 --host https://git.example.org`（或 github、gitlab）选择保存到哪里\n",
            root = root.display()
        )
    );
    // The site still builds and checks with the admin files in it.
    build_ok(&root, &[]);
    assert_exit(&run(&root, &["check"]), 0);
}

#[test]
fn cms_with_decap_speaks_the_writers_language_and_keeps_translations_apart() {
    let (_dir, root) = new_site("en,zh");
    let out = run_in(&root, Some("zh_CN.UTF-8"), &["cms", "--cms", "decap"]);
    assert_exit(&out, 0);
    let cms = cms_config(&root);
    assert_eq!(cms["locale"], "zh_Hans");
    assert_eq!(cms["local_backend"], true);
    assert!(cms.get("i18n").is_none());
    let out = run(&root, &["cms", "--cms", "decap"]);
    assert_exit(&out, 0);
    let cms = cms_config(&root);
    assert_eq!(cms["locale"], "en");
    let collections = cms["collections"].as_array().expect("collections");
    let news = collections
        .iter()
        .find(|c| c["name"] == "news")
        .expect("news");
    assert!(news.get("i18n").is_none());
    assert_eq!(news["label"], "News");
    assert!(stdout(&out).ends_with(
        "Decap CMS shows a page and its translation (`foo.md`, `foo.zh.md`) as two entries; Sveltia CMS (`--cms sveltia`) edits them as one\n"
    ));
    assert!(stdout(&out).contains("run `npx decap-server` in the site's folder"));
    let sections = collections
        .iter()
        .find(|c| c["name"] == "sections")
        .expect("sections");
    let labels: Vec<&str> = sections["files"]
        .as_array()
        .expect("files")
        .iter()
        .filter_map(|f| f["label"].as_str())
        .collect();
    assert_eq!(
        labels,
        [
            "Home page",
            "Home page (中文)",
            "Enterprises",
            "Enterprises (中文)",
            "News",
            "News (中文)"
        ]
    );
    let page = read(&root.join("static/admin/index.html"));
    assert!(page.contains("<script src=\"/admin/decap-cms.js\"></script>"));
}

#[test]
fn cms_backends_include_a_gitea_or_forgejo_server_of_your_own() {
    let (_dir, root) = new_site("en,zh");
    let out = run(
        &root,
        &[
            "cms",
            "--backend",
            "gitea",
            "--repo",
            "baise/site",
            "--host",
            "https://git.baise.example/",
            "--app-id",
            "abc123",
        ],
    );
    assert_exit(&out, 0);
    assert_eq!(
        cms_config(&root)["backend"],
        serde_json::json!({ "name": "gitea", "repo": "baise/site", "branch": "main",
            "base_url": "https://git.baise.example", "api_root": "https://git.baise.example/api/v1",
            "app_id": "abc123" })
    );
    assert!(!stdout(&out).contains("no git host is set yet"));
    let out = run_in(
        &root,
        Some("zh_CN.UTF-8"),
        &["cms", "--backend", "gitea", "--repo", "baise/site"],
    );
    assert_exit(&out, 1);
    assert_eq!(
        stderr(&out),
        "错误: --backend gitea 需要写明 Gitea 或 Forgejo 服务器的地址\n  提示: 用 --host 写上它的地址，例如 --host https://git.example.org（Codeberg 写 --host https://codeberg.org）\n"
    );
}
