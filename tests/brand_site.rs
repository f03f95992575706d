//! The Baise Aluminum website convinces a visitor in both languages (issue 21): sourced news in
//! each language, accessible charts, an entirely Chinese site under /zh/, labels rather than
//! slugs, a language switcher to the twin on every page potline makes, no research notes shown
//! to visitors, a paginated News list, and the ICP filing line only when site.yaml sets it.
//! Plus, in headless Chromium: the header's height on phones and where the switcher goes.

use std::path::{Path, PathBuf};
use std::process::Command;

use scraper::{Html, Selector};
use tempfile::TempDir;

use crate::common::*;

/// The repository's site built into a temporary folder; returns the folder and `public/`.
fn built_site() -> (TempDir, PathBuf) {
    let out = tempfile::tempdir().expect("temp");
    let public = out.path().join("public");
    build_ok(
        &repo_root(),
        &["--output", public.to_str().expect("utf-8 path")],
    );
    (out, public)
}

/// A copy of what the repository's site is made of, to change its settings.
fn site_copy() -> TempDir {
    let dir = tempfile::tempdir().expect("temp");
    for name in ["content", "data", "themes"] {
        copy_dir(&repo_root().join(name), &dir.path().join(name));
    }
    std::fs::copy(repo_root().join("site.yaml"), dir.path().join("site.yaml")).expect("copy");
    dir
}

fn page(public: &Path, url: &str) -> Html {
    html(&public.join(url.trim_start_matches('/')).join("index.html"))
}

/// The article pages of a language's news (not its list pages).
fn articles(public: &Path, news: &str) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(public.join(news))
        .expect("news folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir() && p.file_name().is_some_and(|n| n != "page"))
        .map(|p| p.join("index.html"))
        .collect();
    found.sort();
    found
}

/// Every HTML file of the built site.
fn every_page(public: &Path) -> Vec<String> {
    snapshot(public)
        .into_keys()
        .filter(|rel| rel.ends_with(".html"))
        .collect()
}

/// The one visible language link of the header's switcher (the other language).
fn switcher_target(doc: &Html) -> Vec<String> {
    attrs(doc, ".lang-switch a", "href")
}

#[test]
fn each_language_has_at_least_eight_news_items_each_ending_with_its_source() {
    let (_out, public) = built_site();
    for (news, labels) in [
        ("news", ["Source:", "Sources:"]),
        ("zh/news", ["来源：", "来源："]),
    ] {
        let items = articles(&public, news);
        assert!(items.len() >= 8, "{news}: only {} items", items.len());
        for item in &items {
            let doc = html(item);
            let label = texts(&doc, "article .article-sources .sources__label");
            assert!(
                label.len() == 1 && labels.contains(&label[0].as_str()),
                "{} has no Source line: {label:?}",
                item.display()
            );
            let line = texts(&doc, "article .article-sources .sources");
            assert!(line[0].len() > label[0].len() + 3, "{line:?}");
            // Dated to its event: a <time> in the article's meta.
            assert_eq!(attrs(&doc, ".article-meta time", "datetime").len(), 1);
        }
    }
    // A year-only date is shown as the year, never as a day no source gives.
    let early = page(&public, "/news/1986-pingguo-bauxite/");
    assert_eq!(attrs(&early, ".article-meta time", "datetime"), ["1986"]);
    assert_eq!(texts(&early, ".article-meta time"), ["1986"]);
    let zh_month = page(&public, "/zh/news/2019-cru-review/");
    assert_eq!(texts(&zh_month, ".article-meta time"), ["2019年5月"]);
    // A source with a public address links to it.
    assert_eq!(
        attrs(&early, ".article-sources a", "href"),
        ["http://en.people.cn/90001/90782/6908604.html"]
    );
}

#[test]
fn charts_are_svg_images_with_title_desc_a_table_and_a_source_line() {
    let (_out, public) = built_site();
    for (url, source) in [("/figures/", "Source"), ("/zh/", "来源")] {
        let doc = page(&public, url);
        let figures = Selector::parse("figure.chart").expect("selector");
        let mut count = 0;
        for figure in doc.select(&figures) {
            count += 1;
            let one = Html::parse_fragment(&figure.html());
            let labelled = attrs(&one, "svg[role=img]", "aria-labelledby");
            assert_eq!(labelled.len(), 1, "{url}: one SVG image per chart");
            let ids: Vec<&str> = labelled[0].split(' ').collect();
            assert_eq!(ids.len(), 2);
            let title = texts(&one, &format!("svg > title#{}", ids[0]));
            let desc = texts(&one, &format!("svg > desc#{}", ids[1]));
            assert_eq!(title, texts(&one, "figcaption"), "{url}");
            assert!(!desc[0].is_empty());
            let drawn = texts(&one, "svg rect.chart__bar").len() + texts(&one, "svg circle").len();
            let rows = texts(&one, "table.chart__table tbody tr");
            assert!(
                drawn > 0 && drawn == rows.len(),
                "{url}: {drawn} vs {rows:?}"
            );
            assert_eq!(texts(&one, "table.chart__table caption"), title);
            assert!(texts(&one, ".chart__source")[0].starts_with(source));
            assert!(texts(&one, "script").is_empty());
        }
        assert!(count >= 1, "{url} has no chart");
    }
    let figures = page(&public, "/figures/");
    assert_eq!(texts(&figures, "figure.chart--line").len(), 1);
    assert!(texts(&figures, "figure.chart--bar").len() >= 3);
}

#[test]
fn the_chinese_site_has_its_wordmark_and_chinese_chrome() {
    let (_out, public) = built_site();
    let en_strings =
        std::fs::read_to_string(repo_root().join("themes/ingot/i18n/en.yaml")).expect("en.yaml");
    let en_strings = potline::yaml::to_json(&en_strings).expect("strings");
    // English chrome strings: those with words, no placeholders or formats.
    let english: Vec<&str> = en_strings
        .as_object()
        .expect("a map")
        .values()
        .filter_map(|v| v.as_str())
        .filter(|s| s.len() > 4 && !s.contains(['{', '%']) && s.contains(' '))
        .collect();
    assert!(english.contains(&"Skip to main content"));
    for url in [
        "/zh/",
        "/zh/news/2022-conference-carbon-label/",
        "/zh/figures/",
    ] {
        let doc = page(&public, url);
        assert_eq!(attrs(&doc, "html", "lang"), ["zh-Hans"]);
        assert_eq!(texts(&doc, ".brand .wordmark text"), ["百色铝"], "{url}");
        assert_eq!(texts(&doc, ".brand .visually-hidden"), ["百色铝首页"]);
        assert_eq!(texts(&doc, ".skip-link"), ["跳转到主要内容"]);
        assert_eq!(
            texts(&doc, ".site-nav a"),
            ["首页", "新闻", "企业", "数据", "投资", "关于"]
        );
        // Nothing of the English theme's chrome, outside text marked as English.
        let body = Selector::parse("body").expect("selector");
        let english_marked = texts(&doc, "[lang=en]").join(" ");
        let text: String = doc
            .select(&body)
            .flat_map(|b| b.text())
            .collect::<Vec<_>>()
            .join(" ");
        for phrase in &english {
            assert!(
                !text.contains(phrase) || english_marked.contains(phrase),
                "{url} shows the English “{phrase}”"
            );
        }
    }
    let home = page(&public, "/zh/");
    assert_eq!(texts(&home, ".hero__title"), ["国家生态型铝产业示范基地"]);
    assert_eq!(texts(&home, ".kpi__source time")[0], "2022年12月27日");
    let english_home = page(&public, "/");
    assert_eq!(
        texts(&english_home, ".brand .wordmark text"),
        ["Baise Aluminum"]
    );
}

#[test]
fn tag_and_segment_pages_show_labels_not_slugs_in_both_languages() {
    let (_out, public) = built_site();
    let tags = page(&public, "/tags/");
    let names = texts(&tags, ".term-list a");
    assert!(
        names.contains(&"Ecological aluminum".to_string()),
        "{names:?}"
    );
    assert!(names.contains(&"ASEAN".to_string()), "{names:?}");
    for name in &names {
        assert!(
            !name.contains('-') && name.chars().next().is_some_and(|c| !c.is_lowercase()),
            "a slug on /tags/: {name}"
        );
    }
    let zh_tags = page(&public, "/zh/tags/");
    let zh_names = texts(&zh_tags, ".term-list a");
    assert!(zh_names.contains(&"品牌".to_string()), "{zh_names:?}");
    assert!(!zh_names.iter().any(|n| n.contains("pin-pai")));
    for (url, title) in [
        ("/segment/electrolytic-aluminum/", "Electrolytic aluminum"),
        ("/zh/segment/electrolytic-aluminum/", "电解铝"),
        ("/tags/green-aluminum/", "Green aluminum"),
    ] {
        assert_eq!(texts(&page(&public, url), "h1"), [title], "{url}");
    }
    let article = page(&public, "/news/symposium-ecological-aluminum-industry/");
    assert_eq!(
        texts(&article, ".article-tags a"),
        [
            "Symposium",
            "Ecological aluminum",
            "Transformation",
            "Brand"
        ]
    );
    assert_eq!(
        texts(&article, ".article-segments a"),
        [
            "Precision and deep processing",
            "Recycled aluminum",
            "Power"
        ]
    );
}

#[test]
fn the_switcher_goes_to_the_twin_on_search_taxonomy_term_404_and_list_pages() {
    let (_out, public) = built_site();
    for (file, twin) in [
        ("search/index.html", "/zh/search/"),
        ("zh/search/index.html", "/search/"),
        ("tags/index.html", "/zh/tags/"),
        ("zh/tags/index.html", "/tags/"),
        ("segment/alumina/index.html", "/zh/segment/alumina/"),
        ("zh/segment/alumina/index.html", "/segment/alumina/"),
        // A tag the other language does not use: that language's tag index.
        ("tags/brand/index.html", "/zh/tags/"),
        ("404.html", "/zh/404.html"),
        ("zh/404.html", "/404.html"),
        ("news/index.html", "/zh/news/"),
        ("news/page/2/index.html", "/zh/news/"),
        ("enterprises/index.html", "/zh/enterprises/"),
    ] {
        let doc = html(&public.join(file));
        assert_eq!(switcher_target(&doc), [twin], "{file}");
    }
    // Real twins are announced to search engines; the 404 page is no page of its own.
    let segment = html(&public.join("segment/alumina/index.html"));
    assert_eq!(
        attrs(&segment, "link[rel=alternate][hreflang=zh-Hans]", "href"),
        ["https://baise-aluminum.example/zh/segment/alumina/"]
    );
    let missing = html(&public.join("404.html"));
    assert!(attrs(&missing, "link[rel=alternate][hreflang]", "href").is_empty());
    // The search page's switcher is marked to carry the query, and offers the other language.
    let search = html(&public.join("search/index.html"));
    assert_eq!(
        attrs(&search, ".lang-switch a[data-search-keep-query]", "href"),
        ["/zh/search/"]
    );
    assert_eq!(
        attrs(&search, "[data-search-other][data-script=cjk] a", "href"),
        ["/zh/search/"]
    );
}

/// Research notes: doubts about sources belong in front-matter comments, never on a page.
const CAVEATS: [&str; 12] = [
    "no source available to us",
    "no source here",
    "no source we have",
    "does not attribute",
    "probably",
    "year not given",
    "gives no year",
    "not confirmed",
    "无法证实",
    "推测",
    "未注明年份",
    "可能是",
];

#[test]
fn no_page_shows_a_research_caveat() {
    let (_out, public) = built_site();
    let pages = every_page(&public);
    assert!(pages.len() > 50, "{}", pages.len());
    for rel in pages {
        let doc = html(&public.join(&rel));
        let text = texts(&doc, "body").join(" ").to_lowercase();
        for caveat in CAVEATS {
            assert!(!text.contains(caveat), "{rel} shows “{caveat}”");
        }
    }
}

#[test]
fn the_news_list_is_paginated_with_links_between_its_pages() {
    let (_out, public) = built_site();
    for (base, count, feed) in [
        ("/news/", "Page 1 of 2", "/rss.xml"),
        ("/zh/news/", "第1页，共2页", "/zh/rss.xml"),
    ] {
        let first = page(&public, base);
        assert_eq!(texts(&first, ".news-item").len(), 8, "{base}");
        assert_eq!(texts(&first, ".pagination__status"), [count]);
        let next = format!("{base}page/2/");
        assert_eq!(attrs(&first, "link[rel=next]", "href"), [next.as_str()]);
        assert_eq!(
            attrs(&first, ".pagination a[rel=next]", "href"),
            [next.as_str()]
        );
        let second = page(&public, &next);
        let on_second = texts(&second, ".news-item").len();
        assert_eq!(
            8 + on_second,
            articles(&public, base.trim_matches('/')).len()
        );
        assert_eq!(attrs(&second, "link[rel=prev]", "href"), [base]);
        // The feed is a visible link on the list.
        assert_eq!(attrs(&first, ".page-head .feed-link", "href"), [feed]);
    }
}

#[test]
fn the_footer_shows_the_icp_filing_number_only_when_site_yaml_sets_it() {
    let (_out, public) = built_site();
    for url in ["/", "/zh/news/"] {
        let doc = page(&public, url);
        assert!(texts(&doc, ".site-footer__icp").is_empty(), "{url}");
        assert!(attrs(&doc, "a[href^='https://beian.miit.gov.cn']", "href").is_empty());
    }
    let site = site_copy();
    let config = std::fs::read_to_string(site.path().join("site.yaml")).expect("read");
    let config = config.replacen(
        "  # icp: ...\n",
        "  icp: 桂ICP备00000000号-1\n  publisher: Test publisher\n",
        1,
    );
    assert!(
        config.contains("icp: 桂ICP备"),
        "site.yaml keeps its `# icp:` line"
    );
    write(site.path(), "site.yaml", &config);
    build_ok(site.path(), &[]);
    for url in ["/", "/zh/news/"] {
        let doc = page(&site.path().join("public"), url);
        assert_eq!(
            texts(&doc, ".site-footer__icp"),
            ["桂ICP备00000000号-1"],
            "{url}"
        );
        assert_eq!(
            attrs(&doc, ".site-footer__icp a", "href"),
            ["https://beian.miit.gov.cn/"]
        );
    }
    let zh = page(&site.path().join("public"), "/zh/");
    assert_eq!(
        texts(&zh, ".site-footer__publisher"),
        ["主办：Test publisher"]
    );
}

#[test]
fn the_repository_site_checks_with_no_error_and_no_warning() {
    let out = potline()
        .args(["check", "--root"])
        .arg(repo_root())
        .output()
        .expect("runs");
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{report}");
    assert!(
        report
            .lines()
            .last()
            .is_some_and(|l| l.starts_with("found no problems")),
        "{report}"
    );
}

// --- In the browser ---------------------------------------------------------------------------

fn browser_tools() -> bool {
    if repo_root()
        .join("tests/browser/node_modules/playwright-core")
        .exists()
    {
        return true;
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "tests/browser/node_modules is missing: run `npm ci --prefix tests/browser` (see .ci/run)"
    );
    eprintln!(
        "skipped: tests/browser/node_modules is missing (run `npm ci --prefix tests/browser`)"
    );
    false
}

#[test]
fn on_phones_the_header_is_one_row_and_the_switcher_finds_the_twin() {
    if !browser_tools() {
        return;
    }
    let (_out, public) = built_site();
    let out = Command::new("node")
        .arg(repo_root().join("tests/browser/brand.mjs"))
        .arg(&public)
        .output()
        .expect("node runs");
    assert!(
        out.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
