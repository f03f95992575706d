//! The repository's own site (the Baise Aluminum brand website) builds, and holds what it must:
//! the home page, the symposium report in full, the seven enterprises and the association's page.

use crate::common::*;

fn built_sample() -> tempfile::TempDir {
    let out = tempfile::tempdir().expect("temp");
    let target = out.path().join("public");
    build_ok(
        &repo_root(),
        &["--output", target.to_str().expect("utf-8 path")],
    );
    out
}

#[test]
fn the_sample_site_has_the_report_in_full() {
    let out = built_sample();
    let article = html(
        &out.path()
            .join("public/news/symposium-ecological-aluminum-industry/index.html"),
    );
    let text = texts(&article, "main").join(" ");
    let report = std::fs::read_to_string(repo_root().join("../shared/seed/symposium-report.txt"))
        .unwrap_or_default();
    // Every person and organisation the report names appears in the article.
    for name in [
        "Ge Guoke",
        "Peng Bin",
        "Zhou Min",
        "Tao Guoming",
        "Municipal Aluminum Industry Association",
        "Chinalco Guangxi Branch",
        "Geely Baimin Group",
        "Guangxi Huayin Aluminum",
        "Guangxi Xinfa Aluminum Power",
        "Jingxi Tiangui Aluminum",
        "Guangxi Ping Aluminum Group",
        "Guangxi Baise Electric Power",
        "front-end focus, intermediate coordination",
    ] {
        assert!(text.contains(name), "{name} missing from the article");
        if !report.is_empty() {
            assert!(report.contains(name), "{name} is not in the source report");
        }
    }
    assert!(!text.contains("Leave a Comment"));
    assert_eq!(
        attrs(&article, "time", "datetime")
            .first()
            .map(|d| d.starts_with("2021-07-30")),
        Some(true)
    );
}

#[test]
fn the_sample_site_has_every_profile() {
    let out = built_sample();
    let public = out.path().join("public");
    for slug in [
        "chinalco-guangxi-branch",
        "geely-baimin-group",
        "guangxi-huayin-aluminum",
        "guangxi-xinfa-aluminum-power",
        "jingxi-tiangui-aluminum",
        "guangxi-ping-aluminum-group",
        "guangxi-baise-electric-power",
    ] {
        let page = html(&public.join(format!("enterprises/{slug}/index.html")));
        assert_eq!(texts(&page, "h1").len(), 1, "{slug} must have one h1");
    }
    let directory = html(&public.join("enterprises/index.html"));
    let links = attrs(&directory, "main a", "href");
    assert!(
        links
            .iter()
            .filter(|l| l.starts_with("/enterprises/") && l.len() > "/enterprises/".len())
            .count()
            >= 7,
        "{links:?}"
    );
    // The association is an organisation, not an enterprise: it has a page of its own.
    let association = html(&public.join("association/index.html"));
    assert_eq!(texts(&association, "h1").len(), 1);
    assert!(public.join("about/index.html").is_file());
    assert!(public.join("index.html").is_file());
    assert!(public.join("404.html").is_file());
}

#[test]
fn the_sample_site_links_only_to_local_files_and_loads_nothing_foreign() {
    let out = built_sample();
    let public = out.path().join("public");
    for (rel, _) in snapshot(&public)
        .into_iter()
        .filter(|(rel, _)| rel.ends_with(".html"))
    {
        let doc = html(&public.join(&rel));
        for src in attrs(
            &doc,
            "script[src], img[src], link[rel=stylesheet], link[rel=icon]",
            "src",
        )
        .into_iter()
        .chain(attrs(&doc, "link[rel=stylesheet], link[rel=icon]", "href"))
        {
            assert!(
                !src.starts_with("http") && !src.starts_with("//"),
                "{rel} loads {src}"
            );
        }
        for href in attrs(&doc, "a[href^='/']", "href") {
            let path = href
                .split('#')
                .next()
                .unwrap_or_default()
                .trim_start_matches('/');
            let target = if path.is_empty() || path.ends_with('/') {
                public.join(path).join("index.html")
            } else {
                public.join(path)
            };
            assert!(
                target.exists(),
                "{rel} links to {href}, which was not built"
            );
        }
    }
}
