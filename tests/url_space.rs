//! One owner per URL: an old address (`aliases:`) is a clean path that nothing else publishes,
//! and a content page never shares its URL with anything the build makes, in any language. Each
//! refusal is an error naming both owners, and leaves the published site as it was.

use crate::common::*;

/// Builds the basic fixture with `content/about.md` giving `aliases` (YAML), expecting failure.
fn refused_alias(aliases: &str) -> String {
    refused_alias_in("basic", "content/about.md", aliases)
}

fn refused_alias_in(fixture_name: &str, page: &str, aliases: &str) -> String {
    let site = fixture(fixture_name);
    write(
        site.path(),
        page,
        &format!("---\ntitle: About us\naliases: {aliases}\n---\nAbout.\n"),
    );
    build_err(site.path(), &[])
}

/// Builds `fixture_name` with the files `planted` added, expecting failure.
fn refused_site(fixture_name: &str, planted: &[(&str, &str)]) -> String {
    let site = fixture(fixture_name);
    for (rel, text) in planted {
        write(site.path(), rel, text);
    }
    build_err(site.path(), &[])
}

fn assert_reports(stderr: &str, expected: &str) {
    assert!(
        stderr.contains(expected),
        "expected:\n{expected}\n\nin:\n{stderr}"
    );
}

const ALIAS_HINT: &str =
    "  hint: remove this alias: an old address can redirect only where nothing else is published";

#[test]
fn an_alias_on_the_home_pages_file_is_refused_naming_it() {
    let stderr = refused_alias("[/index.html]");
    assert_reports(
        &stderr,
        &format!(
            "content/about.md:3:1: error: alias /index.html is already the URL of the home page (content/_index.md)\n{ALIAS_HINT}"
        ),
    );
    assert_reports(&stderr, "1 error found; nothing was published");
}

#[test]
fn an_alias_on_the_feed_is_refused() {
    assert_reports(
        &refused_alias("[/rss.xml]"),
        "content/about.md:3:1: error: alias /rss.xml is already the URL of the feed /rss.xml",
    );
}

#[test]
fn an_alias_on_the_sitemap_is_refused() {
    assert_reports(
        &refused_alias("[/sitemap.xml]"),
        "content/about.md:3:1: error: alias /sitemap.xml is already the URL of the sitemap /sitemap.xml",
    );
}

#[test]
fn an_alias_on_the_404_page_is_refused() {
    assert_reports(
        &refused_alias("[/404.html]"),
        "content/about.md:3:1: error: alias /404.html is already the URL of the page for missing addresses (/404.html)",
    );
}

#[test]
fn an_alias_on_the_hosts_redirects_file_is_refused() {
    assert_reports(
        &refused_alias("[/_redirects]"),
        "content/about.md:3:1: error: alias /_redirects/ takes the name of `_redirects`, a file that web hosts read as their settings\n  hint: remove this alias: `_redirects`, `_headers` and `CNAME` at the site root are never pages",
    );
}

#[test]
fn an_alias_on_a_hidden_path_is_refused() {
    assert_reports(
        &refused_alias("[/.well-known/x]"),
        "content/about.md:3:1: error: alias `/.well-known/x` names a hidden file (a part starting with `.`)\n  hint: hidden files hold settings of web hosts and are never pages: remove this alias",
    );
}

#[test]
fn an_alias_with_a_line_break_is_refused_at_its_line() {
    assert_reports(
        &refused_alias(r#"["/old/\n/* https://elsewhere/ 301!"]"#),
        "content/about.md:3:1: error: alias `/old/\\n/* https://elsewhere/ 301!` contains a space or a line break\n  hint: write each old address as its own item of the list, as a path from the site root, e.g. `aliases: [/news/2021/old-name/]`",
    );
}

#[test]
fn an_alias_on_another_languages_root_is_refused_naming_its_home_page() {
    assert_reports(
        &refused_alias_in("bilingual", "content/about.md", "[/zh/]"),
        "content/about.md:3:1: error: alias /zh/ is already the URL of the zh home page (content/_index.zh.md)\n  hint: give this old address to the page's translation (its `.zh.md` file), without /zh in front",
    );
}

#[test]
fn an_alias_inside_another_languages_folder_is_refused() {
    assert_reports(
        &refused_alias_in("bilingual", "content/about.md", "[/zh/old-about/]"),
        "content/about.md:3:1: error: alias /zh/old-about/ is inside /zh/, where the zh version of the site is published",
    );
}

#[test]
fn an_alias_on_another_pages_file_is_refused_naming_the_page() {
    assert_reports(
        &refused_alias("[/news/first/index.html]"),
        &format!(
            "content/about.md:3:1: error: alias /news/first/index.html is already the URL of content/news/first.md\n{ALIAS_HINT}"
        ),
    );
}

#[test]
fn an_alias_on_another_pages_alias_is_refused_in_any_case() {
    let site = fixture("basic");
    write(
        site.path(),
        "content/about.md",
        "---\ntitle: About us\naliases: [/Old-Page/]\n---\nAbout.\n",
    );
    write(
        site.path(),
        "content/contact.md",
        "---\ntitle: Contact\naliases: [/old-page/]\n---\nContact.\n",
    );
    let stderr = build_err(site.path(), &[]);
    assert_reports(
        &stderr,
        "content/about.md:3:1: error: alias /Old-Page/ is also an alias of content/contact.md",
    );
    assert_reports(
        &stderr,
        "content/contact.md:3:1: error: alias /old-page/ is also an alias of content/about.md",
    );
}

#[test]
fn an_alias_on_a_static_file_is_refused_naming_the_file() {
    let stderr = refused_alias("[/css/site.css]");
    assert_reports(
        &stderr,
        &format!(
            "content/about.md:3:1: error: alias /css/site.css is already the URL of static/css/site.css\n{ALIAS_HINT}"
        ),
    );
    assert_reports(&stderr, "1 error found; nothing was published");
}

#[test]
fn an_alias_that_would_make_a_folder_of_a_file_is_refused() {
    assert_reports(
        &refused_alias("[/rss.xml/old/]"),
        "content/about.md:3:1: error: alias /rss.xml/old/ and the feed /rss.xml cannot both be published: one of them is a file where the other needs a folder",
    );
}

#[test]
fn a_page_on_the_url_of_a_taxonomy_list_names_both() {
    let stderr = refused_site(
        "basic",
        &[("content/tags.md", "---\ntitle: Tags\n---\nx\n")],
    );
    assert_reports(
        &stderr,
        "content/tags.md:1:1: error: this page's URL /tags/ is also the URL of the /tags/ taxonomy list\n  hint: give this page a different `slug:` in its front matter, or rename the file",
    );
}

#[test]
fn a_page_on_the_url_of_a_term_names_both_at_its_slug_line() {
    let stderr = refused_site(
        "basic",
        &[(
            "content/tags/brand.md",
            "---\ntitle: Our brand\nslug: brand\n---\nx\n",
        )],
    );
    assert_reports(
        &stderr,
        "content/tags/brand.md:3:1: error: this page's URL /tags/brand/ is also the URL of the /tags/brand/ term list",
    );
    assert_reports(
        &stderr,
        "content/tags:1:1: error: this section's URL /tags/ is also the URL of the /tags/ taxonomy list",
    );
}

#[test]
fn a_default_language_section_at_another_languages_root_names_both() {
    let stderr = refused_site(
        "bilingual",
        &[("content/zh/_index.md", "---\ntitle: Chinese\n---\nx\n")],
    );
    assert_reports(
        &stderr,
        "content/zh/_index.md:1:1: error: this section's URL /zh/ is also the URL of the zh home page (content/_index.zh.md)\n  hint: /zh/ holds the zh translations, which are written beside their originals (`about.zh.md` beside `about.md`): rename this file or its folder",
    );
}

#[test]
fn a_default_language_page_at_another_languages_root_names_both() {
    let stderr = refused_site(
        "bilingual",
        &[("content/zh.md", "---\ntitle: Chinese\n---\nx\n")],
    );
    assert_reports(
        &stderr,
        "content/zh.md:1:1: error: this page's URL /zh/ is also the URL of the zh home page (content/_index.zh.md)",
    );
}

#[test]
fn a_page_at_a_translations_url_names_both() {
    let stderr = refused_site(
        "bilingual",
        &[("content/zh/about.md", "---\ntitle: About\n---\nx\n")],
    );
    assert_reports(
        &stderr,
        "content/zh/about.md:1:1: error: this page's URL /zh/about/ (from its file name) is also the URL of content/about.zh.md (from its file name)",
    );
}

#[test]
fn a_page_bundle_beside_a_section_file_names_both() {
    let stderr = refused_site(
        "basic",
        &[("content/news/index.md", "---\ntitle: News\n---\nx\n")],
    );
    let hint = "  hint: rename `index.md` (e.g. to `overview.md`) to keep the section, or remove `_index.md` to keep the page with its files";
    assert_reports(
        &stderr,
        &format!(
            "content/news/_index.md:1:1: error: this folder also holds content/news/index.md: a folder is either a section (`_index.md`) or one page with its files (`index.md`)\n{hint}"
        ),
    );
    assert_reports(
        &stderr,
        &format!(
            "content/news/index.md:1:1: error: this folder also holds content/news/_index.md: a folder is either a section (`_index.md`) or one page with its files (`index.md`)\n{hint}"
        ),
    );
}

#[test]
fn two_pages_with_one_slug_are_reported_at_the_lines_setting_their_urls() {
    let stderr = refused_site(
        "basic",
        &[
            ("content/a.md", "---\ntitle: A\nslug: same\n---\nx\n"),
            ("content/b.md", "---\ntitle: B\n\nslug: same\n---\nx\n"),
        ],
    );
    let hint =
        "  hint: give one of them a different `slug:` in its front matter, or rename the file";
    // Reported on the file changed last (b.md, written after a.md), naming both lines.
    assert_reports(
        &stderr,
        &format!(
            "content/b.md:4:1: error: this page's URL /same/ (from its `slug:` on line 4) is also the URL of content/a.md (from its `slug:` on line 3)\n{hint}"
        ),
    );
}

#[test]
fn a_static_file_on_another_languages_page_names_both() {
    let stderr = refused_site("bilingual", &[("static/zh/about/index.html", "<p>x</p>")]);
    assert_reports(
        &stderr,
        "static/zh/about/index.html:1:1: error: this file would be published at /zh/about/index.html, where content/about.zh.md is also published",
    );
    assert_reports(
        &stderr,
        "content/about.zh.md:1:1: error: this page's URL /zh/about/ is also the URL of static/zh/about/index.html",
    );
}

#[test]
fn a_refused_alias_leaves_the_published_site_as_it_was() {
    let site = fixture("basic");
    let about = |aliases: &str| format!("---\ntitle: About us\naliases: {aliases}\n---\nAbout.\n");
    write(site.path(), "content/about.md", &about("[/old-about/]"));
    build_ok(site.path(), &[]);
    let public = site.path().join("public");
    let before = snapshot(&public);
    for bad in [
        r#"[/old-about/, "/x/\n/* https://elsewhere/ 301!"]"#,
        "[/old-about/, /index.html]",
    ] {
        write(site.path(), "content/about.md", &about(bad));
        build_err(site.path(), &[]);
        assert_eq!(before, snapshot(&public), "the published site changed");
    }
    assert_eq!(
        std::fs::read_to_string(public.join("_redirects")).expect("_redirects"),
        "/old-about/ /about/ 301\n"
    );
}

#[test]
fn a_valid_alias_gets_its_redirect_page_and_rule_under_the_base_path() {
    let site = fixture("basic");
    write(
        site.path(),
        "content/about.md",
        "---\ntitle: About us\naliases: [\"2019/关于\", /%E6%97%A7/about.php]\n---\nAbout.\n",
    );
    build_ok(site.path(), &["--base-url", "https://fixture.example/sub/"]);
    let public = site.path().join("public");
    for old in ["2019/关于/index.html", "%E6%97%A7/about.php"] {
        let doc = html(&public.join(old));
        assert_eq!(
            attrs(&doc, "link[rel=canonical]", "href"),
            ["https://fixture.example/sub/about/"],
            "{old}"
        );
    }
    assert_eq!(
        std::fs::read_to_string(public.join("_redirects")).expect("_redirects"),
        "/sub/%E6%97%A7/about.php /sub/about/ 301\n/sub/2019/关于/ /sub/about/ 301\n"
    );
}

#[test]
fn two_builds_of_a_site_with_aliases_in_two_languages_are_identical() {
    let site = fixture("bilingual");
    write(
        site.path(),
        "content/about.md",
        "---\ntitle: About\naliases: [/old-about/, /older/about.html]\n---\nx\n",
    );
    write(
        site.path(),
        "content/about.zh.md",
        "---\ntitle: 关于\naliases: [/old-about/]\n---\nx\n",
    );
    build_ok(site.path(), &[]);
    let first = snapshot(&site.path().join("public"));
    assert!(
        first.contains_key("zh/old-about/index.html"),
        "{:?}",
        first.keys()
    );
    build_ok(site.path(), &["--force"]);
    assert_eq!(first, snapshot(&site.path().join("public")));
}
