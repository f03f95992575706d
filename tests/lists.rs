//! Lists and machine-readable outputs: paginated sections and taxonomy terms, the taxonomy
//! index, RSS and Atom feeds (parsed back with real feed parsers), the sitemap and robots.txt.

use std::collections::BTreeSet;

use crate::common::*;

#[test]
fn term_pages_are_paginated_with_prev_and_next() {
    let site = fixture("basic");
    build_ok(site.path(), &[]);
    let public = site.path().join("public");
    let first = html(&public.join("tags/brand/index.html"));
    assert_eq!(texts(&first, "main li a"), ["Second story", "Bundle story"]);
    assert_eq!(
        attrs(&first, "a[rel=next]", "href"),
        ["/tags/brand/page/2/"]
    );
    assert!(attrs(&first, "a[rel=prev]", "href").is_empty());
    let second = html(&public.join("tags/brand/page/2/index.html"));
    assert_eq!(texts(&second, "main li a"), ["First story"]);
    assert_eq!(attrs(&second, "a[rel=prev]", "href"), ["/tags/brand/"]);
}

#[test]
fn taxonomy_index_lists_terms_with_counts_and_labels() {
    let site = fixture("basic");
    build_ok(site.path(), &[]);
    let public = site.path().join("public");
    let tags = html(&public.join("tags/index.html"));
    assert_eq!(
        texts(&tags, "main li"),
        ["Brand (3)", "Green & <Clean> (1)", "Symposium (1)"]
    );
    assert_eq!(
        attrs(&tags, "main li a", "href"),
        ["/tags/brand/", "/tags/green-clean/", "/tags/symposium/"]
    );
    let segment = html(&public.join("segment/alumina/index.html"));
    assert_eq!(texts(&segment, "h1"), ["Industry chain: Alumina refining"]);
    assert_eq!(texts(&segment, "main li a"), ["Alpha Aluminum Co., Ltd."]);
}

#[test]
fn sections_paginate_when_asked() {
    let site = fixture("basic");
    write(
        site.path(),
        "content/news/_index.md",
        "---\ntitle: Latest news\npaginate: 2\n---\nAll the news.\n",
    );
    build_ok(site.path(), &[]);
    let public = site.path().join("public");
    let first = html(&public.join("news/index.html"));
    assert_eq!(texts(&first, "main li a"), ["Second story", "Bundle story"]);
    assert_eq!(texts(&first, ".pagination span"), ["Page 1 of 2"]);
    let second = html(&public.join("news/page/2/index.html"));
    assert_eq!(texts(&second, "main li a"), ["First story"]);
    assert_eq!(attrs(&second, "a[rel=prev]", "href"), ["/news/"]);
}

#[test]
fn rss_and_atom_feeds_parse_and_list_news_newest_first() {
    let site = fixture("basic");
    build_ok(site.path(), &[]);
    let public = site.path().join("public");
    let rss = rss::Channel::read_from(&std::fs::read(public.join("rss.xml")).expect("rss")[..])
        .expect("valid RSS");
    assert_eq!(rss.title(), "Fixture Site");
    assert_eq!(rss.link(), "https://fixture.example/");
    let titles: Vec<_> = rss.items().iter().filter_map(|i| i.title()).collect();
    assert_eq!(titles, ["Second story", "Bundle story", "First story"]);
    let second = &rss.items()[0];
    assert_eq!(
        second.link(),
        Some("https://fixture.example/news/the-second/")
    );
    assert_eq!(second.pub_date(), Some("Mon, 2 Aug 2021 09:30:00 +0800"));
    assert!(second.guid().is_some_and(|g| g.is_permalink()));
    // Links and images inside entries are absolute.
    let bundle = rss.items()[1].description().expect("description");
    assert!(
        bundle.contains("src=\"https://fixture.example/processed/photo.64x48.")
            && bundle.contains("srcset=\"https://fixture.example/processed/photo.64x48."),
        "{bundle}"
    );

    let atom = atom_syndication::Feed::read_from(
        &std::fs::read(public.join("atom.xml")).expect("atom")[..],
    )
    .expect("valid Atom");
    assert_eq!(atom.entries().len(), 3);
    assert_eq!(
        atom.entries()[0].id(),
        "https://fixture.example/news/the-second/"
    );
    assert_eq!(atom.updated().to_rfc3339(), "2021-08-02T09:30:00+08:00");
    assert!(!atom.authors().is_empty());
}

#[test]
fn term_feeds_exist_and_escape_any_title() {
    let site = fixture("basic");
    write(
        site.path(),
        "content/news/odd.md",
        "---\ntitle: \"Tom & Jerry <script>alert(1)</script> ]]> \\\"quoted\\\"\"\ndate: 2021-08-05\ntags: [brand]\n---\nBody.\n",
    );
    build_ok(site.path(), &[]);
    let public = site.path().join("public");
    let feed = rss::Channel::read_from(
        &std::fs::read(public.join("tags/brand/rss.xml")).expect("rss")[..],
    )
    .expect("valid RSS");
    assert_eq!(
        feed.items()[0].title(),
        Some("Tom & Jerry <script>alert(1)</script> ]]> \"quoted\"")
    );
    let atom = atom_syndication::Feed::read_from(
        &std::fs::read(public.join("tags/brand/atom.xml")).expect("atom")[..],
    )
    .expect("valid Atom");
    assert_eq!(
        atom.entries()[0].title().as_str(),
        "Tom & Jerry <script>alert(1)</script> ]]> \"quoted\""
    );
    let page = html(&public.join("news/odd/index.html"));
    assert_eq!(
        texts(&page, "h1"),
        ["Tom & Jerry <script>alert(1)</script> ]]> \"quoted\""]
    );
    assert!(
        texts(&page, "script:not([type='application/ld+json'])").is_empty(),
        "a title must never become markup"
    );
}

#[test]
fn every_page_links_the_feeds_in_its_head() {
    let site = fixture("basic");
    build_ok(site.path(), &[]);
    let doc = html(&site.path().join("public/about/index.html"));
    assert_eq!(
        attrs(
            &doc,
            "link[rel=alternate][type='application/rss+xml']",
            "href"
        ),
        ["/rss.xml"]
    );
    assert_eq!(
        attrs(
            &doc,
            "link[rel=alternate][type='application/atom+xml']",
            "href"
        ),
        ["/atom.xml"]
    );
}

fn sitemap_locs(xml: &str) -> BTreeSet<String> {
    xml.split("<loc>")
        .skip(1)
        .filter_map(|s| s.split("</loc>").next())
        .map(str::to_string)
        .collect()
}

#[test]
fn sitemap_lists_exactly_the_published_pages() {
    let site = fixture("basic");
    build_ok(site.path(), &[]);
    let public = site.path().join("public");
    let xml = std::fs::read_to_string(public.join("sitemap.xml")).expect("sitemap");
    let published: BTreeSet<String> = snapshot(&public)
        .into_keys()
        .filter(|p| p.ends_with("index.html") && !p.contains("/page/"))
        .map(|p| {
            format!(
                "https://fixture.example/{}",
                p.trim_end_matches("index.html")
            )
        })
        .collect();
    assert_eq!(sitemap_locs(&xml), published);
    assert!(!xml.contains("draft"));
    assert!(xml.contains("<loc>https://fixture.example/news/the-second/</loc>\n    <lastmod>2021-08-02T09:30:00+08:00</lastmod>"), "{xml}");
}

#[test]
fn drafts_stay_out_of_feeds_and_sitemap() {
    let site = fixture("basic");
    build_ok(site.path(), &[]);
    let public = site.path().join("public");
    for file in ["sitemap.xml", "rss.xml", "atom.xml"] {
        let text = std::fs::read_to_string(public.join(file)).expect("read");
        assert!(
            !text.contains("/news/draft/") && !text.contains("/news/future/"),
            "{file}"
        );
    }
}

#[test]
fn robots_txt_points_to_the_sitemap_unless_the_site_has_one() {
    let site = fixture("basic");
    std::fs::remove_file(site.path().join("static/robots.txt")).expect("remove");
    build_ok(site.path(), &[]);
    let robots = std::fs::read_to_string(site.path().join("public/robots.txt")).expect("robots");
    assert!(
        robots.contains("Sitemap: https://fixture.example/sitemap.xml"),
        "{robots}"
    );

    let own = fixture("basic");
    build_ok(own.path(), &[]);
    assert_eq!(
        std::fs::read_to_string(own.path().join("public/robots.txt")).expect("robots"),
        "User-agent: *\n"
    );
}

/// List items carry the page's body, summary, description and term links; a page's own
/// template also gets its table of contents, neighbours, JSON-LD and translations (made when
/// it renders, not kept for every page); `get_page` gives the page as lists show it.
#[test]
fn list_items_and_own_pages_get_the_documented_views() {
    let site = fixture("basic");
    write(
        site.path(),
        "templates/probe-list.html",
        r#"<ul>{% for p in section.pages %}<li data-title="{{ p.title }}" data-content="{{ p.content | length }}" data-summary="{{ p.summary }}" data-description="{{ p.description }}" data-terms="{% for t in p.taxonomies.tags %}{{ t.url }} {% endfor %}" data-toc="{{ p.toc | length }}" data-translations="{{ p.translations | length }}"></li>{% endfor %}</ul>
{% set got = get_page(path="news/second.md") %}<p id="got" data-toc="{{ got.toc | length }}">{{ got.title }}</p>"#,
    );
    write(
        site.path(),
        "templates/probe-page.html",
        r#"<ol>{% for h in page.toc %}<li>{{ h.id }}</li>{% endfor %}</ol><p id="earlier">{% if page.earlier %}{{ page.earlier.title }}{% endif %}</p><p id="later">{% if page.later %}{{ page.later.title }}{% endif %}</p><p id="json-ld">{% if page.json_ld %}yes{% endif %}</p><p id="translations">{{ page.translations | length }}</p><p id="terms">{% for t in page.taxonomies.tags %}{{ t.name }}{% endfor %}</p><p id="description">{{ page.description }}</p><div id="content">{{ page.content | safe }}</div>"#,
    );
    write(
        site.path(),
        "content/news/_index.md",
        "---\ntitle: Latest news\ntemplate: probe-list.html\n---\nAll the news.\n",
    );
    write(
        site.path(),
        "content/news/second.md",
        "---\ntitle: Second story\ndate: 2021-08-02 09:30\nslug: the-second\ntags: [brand]\ntemplate: probe-page.html\n---\nSecond paragraph one.\n\n## Details\n\nMore.\n",
    );
    build_ok(site.path(), &[]);
    let public = site.path().join("public");
    let list = html(&public.join("news/index.html"));
    let titles = attrs(&list, "li", "data-title");
    let second = titles
        .iter()
        .position(|t| t == "Second story")
        .expect("the second story is listed");
    let item = |attr: &str| attrs(&list, "li", attr)[second].clone();
    assert!(item("data-content").parse::<usize>().unwrap() > 0);
    assert_eq!(item("data-summary"), "<p>Second paragraph one.</p>\n");
    assert_eq!(item("data-description"), "Second paragraph one.");
    assert_eq!(item("data-terms"), "/tags/brand/ ");
    assert_eq!(item("data-toc"), "0");
    assert_eq!(item("data-translations"), "0");
    assert_eq!(texts(&list, "#got"), ["Second story"]);
    assert_eq!(attrs(&list, "#got", "data-toc"), ["0"]);

    let page = html(&public.join("news/the-second/index.html"));
    assert_eq!(texts(&page, "ol li"), ["details"]);
    assert_eq!(texts(&page, "#earlier"), ["Bundle story"]);
    assert_eq!(texts(&page, "#later"), [""], "the newest story");
    assert_eq!(texts(&page, "#json-ld"), ["yes"]);
    assert_eq!(texts(&page, "#translations"), ["1"]);
    // A term without a label is shown as readable words (`brand` as "Brand"), never as a slug.
    assert_eq!(texts(&page, "#terms"), ["Brand"]);
    assert_eq!(texts(&page, "#description"), ["Second paragraph one."]);
    assert_eq!(texts(&page, "#content h2"), ["Details #"]);
}
