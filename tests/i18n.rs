//! Bilingual sites: the default language at `/`, the other under `/zh/`, translations as
//! `foo.zh.md` siblings, switcher and hreflang pairs, per-language lists, taxonomies and feeds,
//! strings that must exist in every language, Chinese sorting and slugs.

use crate::common::*;

#[test]
fn each_language_has_its_urls() {
    let site = fixture("bilingual");
    build_ok(site.path(), &[]);
    let public = site.path().join("public");
    let en = html(&public.join("news/symposium/index.html"));
    let zh = html(&public.join("zh/news/symposium/index.html"));
    assert_eq!(texts(&en, "h1"), ["Symposium held"]);
    assert_eq!(texts(&zh, "h1"), ["百色市召开座谈会"]);
    assert_eq!(attrs(&zh, "html", "lang"), ["zh"]);
    assert_eq!(
        attrs(&zh, "link[rel=canonical]", "href"),
        ["https://fixture.example/zh/news/symposium/"]
    );
    // The Chinese menu and site title come from `languages.zh` in site.yaml.
    assert_eq!(texts(&zh, "nav[aria-label=Main] a"), ["新闻", "关于"]);
    assert_eq!(texts(&zh, "header p a"), ["测试站点"]);
}

#[test]
fn an_untranslated_page_is_absent_and_links_to_it_go_to_the_original() {
    let site = fixture("bilingual");
    build_ok(site.path(), &[]);
    let public = site.path().join("public");
    assert!(!public.join("zh/news/english-only").exists());
    let zh = html(&public.join("zh/news/symposium/index.html"));
    assert_eq!(
        attrs(&zh, "article a", "href"),
        ["/zh/about/", "/news/english-only/"]
    );
    let list = html(&public.join("zh/news/index.html"));
    assert_eq!(texts(&list, "main li a"), ["百色市召开座谈会"]);
}

#[test]
fn with_fallback_the_original_is_shown_with_its_canonical() {
    let site = fixture("bilingual");
    let config = std::fs::read_to_string(site.path().join("site.yaml")).expect("read");
    write(
        site.path(),
        "site.yaml",
        &format!("{config}untranslated: fallback\n"),
    );
    write(
        site.path(),
        "templates/page.html",
        "{% extends \"base.html\" %}{% block content %}{% if not page.translated %}<p class=\"notice\" lang=\"{{ lang }}\">not translated</p>{% endif %}<div lang=\"{{ page.lang }}\">{{ page.content | safe }}</div>{% endblock content %}",
    );
    build_ok(site.path(), &[]);
    let doc = html(&site.path().join("public/zh/news/english-only/index.html"));
    assert_eq!(texts(&doc, ".notice"), ["not translated"]);
    assert_eq!(attrs(&doc, "div[lang]", "lang"), ["en"]);
    let translated = html(&site.path().join("public/zh/news/symposium/index.html"));
    assert!(texts(&translated, ".notice").is_empty());
}

#[test]
fn switcher_and_hreflang_point_at_each_other() {
    let site = fixture("bilingual");
    build_ok(site.path(), &[]);
    let public = site.path().join("public");
    let en = html(&public.join("news/symposium/index.html"));
    let zh = html(&public.join("zh/news/symposium/index.html"));
    for doc in [&en, &zh] {
        assert_eq!(
            attrs(doc, "link[hreflang=en]", "href"),
            ["https://fixture.example/news/symposium/"]
        );
        assert_eq!(
            attrs(doc, "link[hreflang=zh]", "href"),
            ["https://fixture.example/zh/news/symposium/"]
        );
        assert_eq!(
            attrs(doc, "link[hreflang=x-default]", "href"),
            ["https://fixture.example/news/symposium/"]
        );
        assert_eq!(
            attrs(doc, "nav[aria-label=Languages] a", "href"),
            ["/news/symposium/", "/zh/news/symposium/"]
        );
    }
    assert_eq!(
        texts(&zh, "nav[aria-label=Languages] a[aria-current]"),
        ["中文"]
    );
    // Without a translation the switcher goes to the other language's home page.
    let only = html(&public.join("news/english-only/index.html"));
    assert_eq!(
        attrs(&only, "nav[aria-label=Languages] a", "href"),
        ["/news/english-only/", "/zh/"]
    );
    assert!(attrs(&only, "link[hreflang=zh]", "href").is_empty());
}

#[test]
fn lists_taxonomies_feeds_and_sitemaps_are_per_language() {
    let site = fixture("bilingual");
    build_ok(site.path(), &[]);
    let public = site.path().join("public");
    let tag = html(&public.join("zh/tags/pin-pai/index.html"));
    assert_eq!(texts(&tag, "h1"), ["标签: 品牌"]);
    let feed = rss::Channel::read_from(&std::fs::read(public.join("zh/rss.xml")).expect("rss")[..])
        .expect("valid RSS");
    assert_eq!(feed.title(), "测试站点");
    let titles: Vec<_> = feed.items().iter().filter_map(|i| i.title()).collect();
    assert_eq!(titles, ["百色市召开座谈会"]);
    let sitemap = std::fs::read_to_string(public.join("sitemap.xml")).expect("sitemap");
    assert!(sitemap.contains("<xhtml:link rel=\"alternate\" hreflang=\"zh\" href=\"https://fixture.example/zh/news/symposium/\"/>"), "{sitemap}");
    let robots = std::fs::read_to_string(public.join("robots.txt")).expect("robots");
    assert!(
        robots.contains("Sitemap: https://fixture.example/zh/sitemap.xml"),
        "{robots}"
    );
    assert!(public.join("zh/404.html").is_file());
}

#[test]
fn chinese_lists_sort_by_pinyin() {
    let site = fixture("bilingual");
    build_ok(site.path(), &[]);
    let list = html(&site.path().join("public/zh/enterprises/index.html"));
    // 百色 (bai se) before 中国 (zhong guo).
    assert_eq!(texts(&list, "main li a"), ["百色电力", "中国铝业"]);
}

#[test]
fn theme_strings_and_dates_follow_the_language() {
    let site = fixture("bilingual");
    write(
        site.path(),
        "templates/news.html",
        "{% extends \"base.html\" %}{% block content %}<h1>{{ page.title }}</h1><p id=\"date\">{{ page.date | date(format=t(key=\"date_format\")) }}</p><p id=\"more\">{{ t(key=\"read_more\") }}</p><p id=\"time\">{{ page.reading_time }}</p>{% endblock content %}",
    );
    build_ok(site.path(), &[]);
    let en = html(&site.path().join("public/news/symposium/index.html"));
    let zh = html(&site.path().join("public/zh/news/symposium/index.html"));
    assert_eq!(texts(&en, "#date"), ["30 July 2021"]);
    assert_eq!(texts(&zh, "#date"), ["2021年7月30日"]);
    assert_eq!(texts(&zh, "#more"), ["阅读全文"]);
    assert_eq!(texts(&zh, "#time"), ["1"]);
}

#[test]
fn a_string_missing_in_one_language_names_the_key_and_file() {
    let site = fixture("bilingual");
    write(
        site.path(),
        "i18n/en.yaml",
        "date_format: \"%-d %B %Y\"\nread_more: Read more\nback: Back\n",
    );
    let stderr = build_err(site.path(), &[]);
    assert!(
        stderr.contains("i18n/zh.yaml:1:1: error: the string `back` is missing in language `zh`"),
        "{stderr}"
    );
}

#[test]
fn chinese_file_names_become_pinyin_urls() {
    let site = fixture("bilingual");
    write(
        site.path(),
        "content/news/百色铝品牌.md",
        "---\ntitle: Brand\ndate: 2021-08-02\n---\nText.\n",
    );
    build_ok(site.path(), &[]);
    assert!(
        site.path()
            .join("public/news/bai-se-lv-pin-pai/index.html")
            .is_file()
    );
}

#[test]
fn chinese_can_be_the_default_language_by_configuration_alone() {
    let site = tempfile::tempdir().expect("temp");
    write(
        site.path(),
        "site.yaml",
        "title: 百色铝\nbase_url: https://fixture.example\nlanguage: zh\nlanguages:\n  zh: { name: 中文 }\n  en: { name: English, title: Baise Aluminum }\n",
    );
    write(
        site.path(),
        "content/news/a.md",
        "---\ntitle: 座谈会\ndate: 2021-07-30\n---\n正文。\n",
    );
    write(
        site.path(),
        "content/news/a.en.md",
        "---\ntitle: Symposium\ndate: 2021-07-30\n---\nText.\n",
    );
    build_ok(site.path(), &[]);
    let zh = html(&site.path().join("public/news/a/index.html"));
    let en = html(&site.path().join("public/en/news/a/index.html"));
    assert_eq!(texts(&zh, "h1"), ["座谈会"]);
    assert_eq!(texts(&en, "h1"), ["Symposium"]);
    assert_eq!(
        attrs(&en, "link[hreflang=x-default]", "href"),
        ["https://fixture.example/news/a/"]
    );
}

#[test]
fn chinese_text_is_truncated_at_a_character_with_an_ellipsis() {
    let site = fixture("bilingual");
    write(
        site.path(),
        "templates/news.html",
        "{% extends \"base.html\" %}{% block content %}<h1>{{ page.title }}</h1><p id=\"short\">{{ page.description | truncate(length=12) }}</p>{% endblock content %}",
    );
    build_ok(site.path(), &[]);
    let zh = html(&site.path().join("public/zh/news/symposium/index.html"));
    let short = texts(&zh, "#short").remove(0);
    assert_eq!(short, "百色市召开了座谈会，推出…");
}

#[test]
fn static_files_are_shared_by_every_language() {
    let site = fixture("bilingual");
    write(
        site.path(),
        "templates/page.html",
        "{% extends \"base.html\" %}{% block content %}<link rel=\"stylesheet\" href=\"{{ asset_url(path=\"css/site.css\") }}\"><a id=\"file\" href=\"{{ get_url(path=\"css/site.css\") }}\">css</a>{% endblock content %}",
    );
    build_ok(site.path(), &[]);
    let public = site.path().join("public");
    let zh = html(&public.join("zh/about/index.html"));
    assert_eq!(
        attrs(&zh, "link[rel=stylesheet]", "href"),
        ["/css/site.css"]
    );
    assert_eq!(attrs(&zh, "#file", "href"), ["/css/site.css"]);
    assert!(public.join("css/site.css").is_file());
    assert!(!public.join("zh/css").exists());
    assert_eq!(
        attrs(&zh, "meta[property='og:locale']", "content"),
        ["zh_CN"]
    );
}
