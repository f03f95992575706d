//! What search engines and social networks read: title, description, canonical, OpenGraph and
//! Twitter tags, schema.org JSON-LD per content type, and redirects from old URLs (aliases).

use crate::common::*;

fn json_ld(doc: &scraper::Html) -> serde_json::Value {
    let scripts = texts(doc, "script[type='application/ld+json']");
    assert_eq!(scripts.len(), 1, "one JSON-LD block expected");
    serde_json::from_str(&scripts[0]).expect("JSON-LD is valid JSON")
}

#[test]
fn news_pages_have_sharing_tags_and_news_article_data() {
    let site = fixture("basic");
    build_ok(site.path(), &[]);
    let doc = html(&site.path().join("public/news/first/index.html"));
    assert_eq!(
        attrs(&doc, "meta[property='og:title']", "content"),
        ["First story"]
    );
    assert_eq!(
        attrs(&doc, "meta[property='og:url']", "content"),
        ["https://fixture.example/news/first/"]
    );
    assert_eq!(
        attrs(&doc, "meta[property='og:type']", "content"),
        ["article"]
    );
    assert_eq!(
        attrs(&doc, "meta[name=description]", "content"),
        ["The first story's own summary."]
    );
    let data = json_ld(&doc);
    assert_eq!(data["@type"], "NewsArticle");
    assert_eq!(data["headline"], "First story");
    assert_eq!(data["datePublished"], "2021-07-30T00:00:00+08:00");
    assert_eq!(data["keywords"], "symposium, brand");
    assert_eq!(data["publisher"]["name"], "Fixture Site");
}

#[test]
fn enterprise_profiles_have_organization_data_from_their_fields() {
    let site = fixture("basic");
    build_ok(site.path(), &[]);
    let alpha = json_ld(&html(
        &site.path().join("public/enterprises/alpha/index.html"),
    ));
    assert_eq!(alpha["@type"], "Organization");
    assert_eq!(alpha["name"], "Alpha Aluminum Co., Ltd.");
    assert_eq!(alpha["address"]["addressRegion"], "Pingguo");
    // Beta has no county: no address at all rather than an empty one.
    let beta = json_ld(&html(
        &site.path().join("public/enterprises/beta/index.html"),
    ));
    assert!(beta.get("address").is_none(), "{beta}");
}

#[test]
fn the_home_page_has_website_data() {
    let site = fixture("basic");
    build_ok(site.path(), &[]);
    let data = json_ld(&html(&site.path().join("public/index.html")));
    assert_eq!(data["@type"], "WebSite");
    assert_eq!(data["url"], "https://fixture.example/");
}

#[test]
fn a_hostile_title_cannot_break_out_of_the_json_ld() {
    let site = fixture("basic");
    write(
        site.path(),
        "content/news/x.md",
        "---\ntitle: \"</script><script>alert(1)</script>\"\ndate: 2021-08-05\n---\nBody.\n",
    );
    build_ok(site.path(), &[]);
    let doc = html(&site.path().join("public/news/x/index.html"));
    let data = json_ld(&doc);
    assert_eq!(data["headline"], "</script><script>alert(1)</script>");
    assert_eq!(texts(&doc, "script").len(), 1);
}

#[test]
fn aliases_redirect_old_urls_to_the_page() {
    let site = fixture("basic");
    write(
        site.path(),
        "content/about.md",
        "---\ntitle: About us\naliases: [/about-us/, /old/about.html]\n---\nAbout.\n",
    );
    build_ok(site.path(), &[]);
    let public = site.path().join("public");
    for old in ["about-us/index.html", "old/about.html"] {
        let doc = html(&public.join(old));
        assert_eq!(
            attrs(&doc, "link[rel=canonical]", "href"),
            ["https://fixture.example/about/"]
        );
        assert_eq!(
            attrs(&doc, "meta[http-equiv=refresh]", "content"),
            ["0; url=https://fixture.example/about/"]
        );
        assert_eq!(attrs(&doc, "a", "href"), ["https://fixture.example/about/"]);
    }
    let redirects = std::fs::read_to_string(public.join("_redirects")).expect("_redirects");
    assert_eq!(
        redirects,
        "/about-us/ /about/ 301\n/old/about.html /about/ 301\n"
    );
}

#[test]
fn an_alias_on_an_existing_page_is_an_error_naming_both() {
    let site = fixture("basic");
    write(
        site.path(),
        "content/about.md",
        "---\ntitle: About us\naliases: [/news/first/]\n---\nAbout.\n",
    );
    let stderr = build_err(site.path(), &[]);
    assert!(
        stderr.contains("content/about.md:3:1: error: alias /news/first/ is already the URL of content/news/first.md"),
        "{stderr}"
    );
}
