//! `potline build` on fixture sites: the produced pages, URLs, Markdown features, drafts,
//! bundles, overrides, determinism and the atomic, write-if-changed output.

use crate::common::*;

#[test]
fn pages_sections_and_home_are_written_at_clean_urls() {
    let site = fixture("basic");
    let out = build_ok(site.path(), &[]);
    assert!(out.contains("built 6 pages and 3 sections"), "{out}");
    let public = site.path().join("public");
    for page in [
        "index.html",
        "404.html",
        "about/index.html",
        "news/index.html",
        "news/first/index.html",
        "news/the-second/index.html",
        "news/bundle-story/index.html",
        "enterprises/index.html",
        "enterprises/alpha/index.html",
        "css/site.css",
        "robots.txt",
    ] {
        assert!(public.join(page).is_file(), "{page} missing");
    }
}

#[test]
fn article_has_its_title_content_and_markdown_extensions() {
    let site = fixture("basic");
    build_ok(site.path(), &[]);
    let doc = html(&site.path().join("public/news/first/index.html"));
    assert_eq!(texts(&doc, "h1"), ["First story"]);
    assert_eq!(texts(&doc, "title"), ["First story — Fixture Site"]);
    assert_eq!(texts(&doc, "table td"), ["alumina", "10.5"]);
    assert_eq!(texts(&doc, "del"), ["old"]);
    assert_eq!(attrs(&doc, "input[type=checkbox]", "type").len(), 2);
    assert_eq!(attrs(&doc, ".footnote-definition", "id"), ["fn-1"]);
    assert_eq!(attrs(&doc, "sup.footnote-reference a", "href"), ["#fn-1"]);
    assert_eq!(
        attrs(&doc, "time", "datetime"),
        ["2021-07-30T00:00:00+08:00"]
    );
}

#[test]
fn headings_get_unique_ids_with_anchor_links() {
    let site = fixture("basic");
    build_ok(site.path(), &[]);
    let doc = html(&site.path().join("public/news/first/index.html"));
    assert_eq!(
        attrs(&doc, "article h2, article h3", "id"),
        ["details", "deeper", "details-1"]
    );
    assert_eq!(
        attrs(&doc, "h2 a.anchor", "href"),
        ["#details", "#details-1"]
    );
}

#[test]
fn internal_links_resolve_to_urls_with_anchor_and_slug() {
    let site = fixture("basic");
    build_ok(site.path(), &[]);
    let doc = html(&site.path().join("public/news/first/index.html"));
    assert!(attrs(&doc, "article a", "href").contains(&"/news/the-second/#details".to_string()));
}

#[test]
fn drafts_and_future_pages_are_skipped_unless_asked() {
    let site = fixture("basic");
    let out = build_ok(site.path(), &[]);
    assert!(
        out.contains("skipped 1 draft and 1 future-dated page"),
        "{out}"
    );
    let public = site.path().join("public");
    assert!(!public.join("news/draft").exists());
    assert!(!public.join("news/future").exists());
    let list = html(&public.join("news/index.html"));
    assert!(
        !texts(&list, "main a")
            .iter()
            .any(|t| t.contains("Draft") || t.contains("Future"))
    );

    let out = build_ok(site.path(), &["--drafts", "--future"]);
    assert!(out.contains("built 8 pages"), "{out}");
    assert!(public.join("news/draft/index.html").is_file());
    assert!(public.join("news/future/index.html").is_file());
}

#[test]
fn news_list_is_newest_first() {
    let site = fixture("basic");
    build_ok(site.path(), &[]);
    let list = html(&site.path().join("public/news/index.html"));
    assert_eq!(
        texts(&list, "main li a"),
        ["Second story", "Bundle story", "First story"]
    );
}

#[test]
fn bundle_files_are_copied_beside_the_page_and_its_photos_resized() {
    let site = fixture("basic");
    write(site.path(), "content/news/bundle-story/notes.txt", "notes");
    build_ok(site.path(), &[]);
    let public = site.path().join("public");
    assert!(public.join("news/bundle-story/notes.txt").is_file());
    // The photo is published as resized copies instead (tests/images.rs has the details).
    assert!(!public.join("news/bundle-story/photo.png").exists());
    let doc = html(&public.join("news/bundle-story/index.html"));
    let src = attrs(&doc, "article img", "src");
    assert!(src[0].starts_with("/processed/photo.64x48."), "{src:?}");
    assert!(public.join(&src[0][1..]).is_file());
    assert_eq!(attrs(&doc, "article img", "alt"), ["A photo of the plant"]);
}

#[test]
fn enterprise_title_comes_from_name_and_site_template_overrides_builtin() {
    let site = fixture("basic");
    build_ok(site.path(), &[]);
    let doc = html(&site.path().join("public/enterprises/alpha/index.html"));
    assert_eq!(
        texts(&doc, "article.profile h1"),
        ["Alpha Aluminum Co., Ltd."]
    );
    assert_eq!(texts(&doc, ".county"), ["Pingguo"]);
    // An absent optional field renders nothing rather than failing.
    let beta = html(&site.path().join("public/enterprises/beta/index.html"));
    assert!(texts(&beta, ".county").is_empty());
}

#[test]
fn menu_marks_the_current_section() {
    let site = fixture("basic");
    build_ok(site.path(), &[]);
    let doc = html(&site.path().join("public/news/first/index.html"));
    assert_eq!(texts(&doc, "nav a[aria-current]"), ["News"]);
    let home = html(&site.path().join("public/index.html"));
    assert_eq!(texts(&home, "nav a[aria-current]"), ["Home"]);
}

#[test]
fn base_url_flag_changes_canonical_links_and_a_path_prefixes_urls() {
    let site = fixture("basic");
    build_ok(site.path(), &["--base-url", "https://example.org/sub/"]);
    let doc = html(&site.path().join("public/news/first/index.html"));
    assert_eq!(
        attrs(&doc, "link[rel=canonical]", "href"),
        ["https://example.org/sub/news/first/"]
    );
    assert!(attrs(&doc, "nav a", "href").contains(&"/sub/news/".to_string()));
}

#[test]
fn output_flag_writes_elsewhere() {
    let site = fixture("basic");
    let out = tempfile::tempdir().expect("temp");
    let target = out.path().join("www");
    build_ok(
        site.path(),
        &["--output", target.to_str().expect("utf-8 path")],
    );
    assert!(target.join("index.html").is_file());
    assert!(!site.path().join("public").exists());
}

#[test]
fn two_builds_are_byte_identical_and_the_second_writes_nothing() {
    let site = fixture("basic");
    build_ok(site.path(), &[]);
    let first = snapshot(&site.path().join("public"));
    let out = build_ok(site.path(), &[]);
    assert!(
        out.contains(&format!("0 files written, {} unchanged", first.len())),
        "{out}"
    );
    assert_eq!(first, snapshot(&site.path().join("public")));
}

#[test]
fn a_changed_page_is_the_only_file_written() {
    let site = fixture("basic");
    build_ok(site.path(), &[]);
    write(
        site.path(),
        "content/enterprises/beta.md",
        "---\nname: Beta Power Co., Ltd.\n---\nNew text.\n",
    );
    let total = snapshot(&site.path().join("public")).len();
    let out = build_ok(site.path(), &[]);
    assert!(
        out.contains(&format!("1 file written, {} unchanged", total - 1)),
        "{out}"
    );
    let doc = html(&site.path().join("public/enterprises/beta/index.html"));
    assert_eq!(texts(&doc, "article p"), ["New text."]);
}

#[test]
fn removed_pages_disappear_from_the_output() {
    let site = fixture("basic");
    build_ok(site.path(), &[]);
    std::fs::remove_file(site.path().join("content/about.md")).expect("remove");
    write(
        site.path(),
        "site.yaml",
        &std::fs::read_to_string(site.path().join("site.yaml"))
            .expect("read")
            .replace("    - { name: About, url: \"@/about.md\" }\n", ""),
    );
    build_ok(site.path(), &[]);
    assert!(!site.path().join("public/about").exists());
}

#[test]
fn site_static_overrides_theme_static_one_file_at_a_time() {
    let site = fixture("basic");
    write(site.path(), "themes/plain/static/css/site.css", "theme css");
    write(site.path(), "themes/plain/static/js/theme.js", "theme js");
    write(
        site.path(),
        "themes/plain/templates/page.html",
        "{% extends \"base.html\" %}{% block content %}<p class=\"from-theme\">{{ page.title }}</p>{% endblock content %}",
    );
    let config = std::fs::read_to_string(site.path().join("site.yaml")).expect("read");
    write(site.path(), "site.yaml", &format!("{config}theme: plain\n"));
    build_ok(site.path(), &[]);
    let public = site.path().join("public");
    assert_eq!(
        std::fs::read_to_string(public.join("css/site.css")).expect("css"),
        "body { color: black; }\n"
    );
    assert_eq!(
        std::fs::read_to_string(public.join("js/theme.js")).expect("js"),
        "theme js"
    );
    let about = html(&public.join("about/index.html"));
    assert_eq!(texts(&about, ".from-theme"), ["About us"]);
    // The site's own enterprise.html still wins over the theme and the built-ins.
    let alpha = html(&public.join("enterprises/alpha/index.html"));
    assert_eq!(
        texts(&alpha, "article.profile h1"),
        ["Alpha Aluminum Co., Ltd."]
    );
}

#[test]
fn a_site_without_theme_or_templates_builds_with_the_builtins() {
    let site = tempfile::tempdir().expect("temp");
    write(
        site.path(),
        "site.yaml",
        "title: Bare\nbase_url: https://bare.example\n",
    );
    write(
        site.path(),
        "content/hello.md",
        "---\ntitle: Hello\n---\nHi.\n",
    );
    build_ok(site.path(), &[]);
    let doc = html(&site.path().join("public/hello/index.html"));
    assert_eq!(texts(&doc, "h1"), ["Hello"]);
    assert!(site.path().join("public/index.html").is_file());
    assert!(site.path().join("public/404.html").is_file());
}

#[test]
fn template_functions_give_urls_pages_and_sections() {
    let site = fixture("basic");
    write(
        site.path(),
        "templates/index.html",
        r#"{% extends "base.html" %}{% block content %}
<p id="url">{{ get_url(path="@/news/second.md") }}</p>
<p id="asset">{{ asset_url(path="css/site.css") }}</p>
{% set first = get_page(path="news/first.md") %}
<p id="page">{{ first.title }}</p>
{% set news = get_section(path="news/_index.md") %}
<p id="count">{{ news.pages | length }}</p>
<p id="date">{{ news.pages[0].date | date(format="%-d %B %Y") }}</p>
{% endblock content %}"#,
    );
    build_ok(site.path(), &[]);
    let doc = html(&site.path().join("public/index.html"));
    assert_eq!(texts(&doc, "#url"), ["/news/the-second/"]);
    assert_eq!(texts(&doc, "#asset"), ["/css/site.css"]);
    assert_eq!(texts(&doc, "#page"), ["First story"]);
    assert_eq!(texts(&doc, "#count"), ["3"]);
    assert_eq!(texts(&doc, "#date"), ["2 August 2021"]);
}

#[test]
fn bom_and_crlf_give_the_same_output_as_the_clean_file() {
    let clean = fixture("basic");
    build_ok(clean.path(), &[]);
    let dirty = fixture("basic");
    let text = std::fs::read_to_string(dirty.path().join("content/news/first.md")).expect("read");
    let crlf = format!("\u{feff}{}", text.replace('\n', "\r\n"));
    std::fs::write(dirty.path().join("content/news/first.md"), crlf).expect("write");
    build_ok(dirty.path(), &[]);
    assert_eq!(
        std::fs::read(clean.path().join("public/news/first/index.html")).expect("clean"),
        std::fs::read(dirty.path().join("public/news/first/index.html")).expect("dirty")
    );
}

#[test]
fn unknown_front_matter_key_warns_but_builds() {
    let site = fixture("basic");
    write(
        site.path(),
        "content/about.md",
        "---\ntitle: About us\nsumary: typo\n---\nText.\n",
    );
    let out = build_ok(site.path(), &[]);
    assert!(
        out.contains("content/about.md:3:1: warning: unknown key `sumary` in page front matter\n  hint: did you mean `summary`?"),
        "{out}"
    );
}

#[test]
fn help_lists_the_commands_and_options() {
    let out = potline().arg("--help").output().expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("build"), "{text}");
    assert!(text.contains("Exit codes"), "{text}");
    let out = potline().args(["build", "--help"]).output().expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    for option in ["--root", "--output", "--base-url", "--drafts", "--future"] {
        assert!(text.contains(option), "{option} missing from:\n{text}");
    }
}

#[test]
fn dangerous_raw_html_is_shown_as_text_unless_the_site_trusts_it() {
    let site = fixture("basic");
    let page = "---\ntitle: About us\n---\nIntro.\n\n<script>alert('x')</script>\n\n[bad](javascript:alert(1)) <em onmouseover=\"alert(1)\">hover</em> <b>fine</b>\n";
    write(site.path(), "content/about.md", page);
    let out = build_ok(site.path(), &[]);
    assert!(out.contains("content/about.md:6:1: warning: raw HTML with a script, an event handler or a `javascript:` address is shown as text"), "{out}");
    assert!(out.contains("content/about.md:8:1: warning: the link address `javascript:alert(1)` could run code in readers' browsers; it was removed"), "{out}");
    let doc = html(&site.path().join("public/about/index.html"));
    assert!(texts(&doc, "article script").is_empty());
    assert!(attrs(&doc, "article [onmouseover]", "onmouseover").is_empty());
    assert_eq!(attrs(&doc, "article a", "href"), ["#"]);
    assert_eq!(texts(&doc, "article b"), ["fine"]);

    let config = std::fs::read_to_string(site.path().join("site.yaml")).expect("read");
    write(
        site.path(),
        "site.yaml",
        &format!("{config}raw_html: trusted\n"),
    );
    let out = build_ok(site.path(), &[]);
    assert!(!out.contains("warning"), "{out}");
    let doc = html(&site.path().join("public/about/index.html"));
    assert_eq!(texts(&doc, "article script").len(), 1);
}
