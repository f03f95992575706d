//! `potline build` with nothing changed since the last build keeps the published site without
//! rendering it; any change to what a build reads, to its options, to the output folder or to
//! the clock (a future-dated page's date) builds it again.

use std::path::Path;
use std::time::{Duration, SystemTime};

use crate::common::*;

const KEPT: &str = "nothing changed since the last build";

/// Dates every file of the site an hour back, as files saved well before a build are.
fn settle(root: &Path) {
    let an_hour_ago = SystemTime::now() - Duration::from_secs(3600);
    for entry in walkdir::WalkDir::new(root) {
        let entry = entry.expect("readable");
        let skipped = entry.path().starts_with(root.join("public"))
            || entry.file_name().to_string_lossy().starts_with(".public");
        if entry.file_type().is_file() && !skipped {
            std::fs::File::options()
                .write(true)
                .open(entry.path())
                .and_then(|f| f.set_modified(an_hour_ago))
                .expect("set the modification time");
        }
    }
}

/// Writes a source file as saved an hour ago (so that only its content or size tells it apart).
fn write_settled(root: &Path, rel: &str, content: &str) {
    write(root, rel, content);
    settle(root);
}

/// Renders the fixture's about page with its own template, `templates/about.html`.
fn show_about_with(root: &Path, template: &str) {
    write(root, "templates/about.html", template);
    let about = std::fs::read_to_string(root.join("content/about.md")).expect("read");
    let about = about.replacen("---\n", "---\ntemplate: about.html\n", 1);
    write(root, "content/about.md", &about);
}

/// A settled fixture, built once (which leaves a record).
fn built_fixture() -> tempfile::TempDir {
    let site = fixture("basic");
    settle(site.path());
    let out = build_ok(site.path(), &[]);
    assert!(!out.contains(KEPT), "{out}");
    site
}

fn published_times(root: &Path) -> Vec<(String, SystemTime)> {
    let public = root.join("public");
    let mut times: Vec<(String, SystemTime)> = walkdir::WalkDir::new(&public)
        .into_iter()
        .map(|e| e.expect("readable"))
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(&public).expect("inside");
            let modified = e.metadata().expect("stat").modified().expect("time");
            (rel.to_string_lossy().into_owned(), modified)
        })
        .collect();
    times.sort();
    times
}

#[test]
fn a_build_with_nothing_changed_keeps_the_published_site() {
    let site = built_fixture();
    let files = snapshot(&site.path().join("public"));
    let times = published_times(site.path());
    let out = build_ok(site.path(), &[]);
    assert!(out.contains(KEPT), "{out}");
    assert!(
        out.contains(&format!("0 files written, {} unchanged", files.len())),
        "{out}"
    );
    assert!(
        out.contains("skipped 1 draft and 1 future-dated page"),
        "{out}"
    );
    assert_eq!(files, snapshot(&site.path().join("public")));
    assert_eq!(times, published_times(site.path()), "nothing was rewritten");
    let forced = build_ok(site.path(), &["--force"]);
    assert!(!forced.contains(KEPT), "{forced}");
    assert!(
        forced.contains(&format!("0 files written, {} unchanged", files.len())),
        "{forced}"
    );
}

#[test]
fn the_warnings_of_the_last_build_are_shown_again() {
    let site = fixture("basic");
    write(
        site.path(),
        "content/about.md",
        "---\ntitle: About us\nsumary: typo\n---\nText.\n",
    );
    settle(site.path());
    let warning = "content/about.md:3:1: warning: unknown key `sumary` in page front matter\n  hint: did you mean `summary`?";
    let first = build_ok(site.path(), &[]);
    assert!(first.contains(warning), "{first}");
    let second = build_ok(site.path(), &[]);
    assert!(second.contains(KEPT), "{second}");
    assert!(second.contains(warning), "{second}");
    assert!(second.contains("; 1 warning"), "{second}");
}

/// Each change, made to a built site, must build it again and show in the output.
#[test]
fn every_change_to_what_a_build_reads_builds_again() {
    type Change = fn(&Path);
    let first = "content/news/first.md";
    let changes: [(&str, Change, &[&str], &str, &str); 8] = [
        (
            "a page edited, same size",
            |root| {
                let text = std::fs::read_to_string(root.join("content/news/first.md")).unwrap();
                let edited = text.replacen("The opening paragraph", "The OPENING paragraph", 1);
                assert_eq!(text.len(), edited.len());
                write_settled(root, "content/news/first.md", &edited);
            },
            &[],
            "news/first/index.html",
            "The OPENING paragraph",
        ),
        (
            "a page added",
            |root| {
                write_settled(
                    root,
                    "content/news/third.md",
                    "---\ntitle: Third\ndate: 2021-07-30\n---\nNew.\n",
                )
            },
            &[],
            "news/third/index.html",
            "New.",
        ),
        (
            "a template changed",
            |root| {
                let path = root.join("templates/enterprise.html");
                let text = std::fs::read_to_string(&path).unwrap();
                let edited = text.replace("</article>", "<!-- edited template --></article>");
                write_settled(root, "templates/enterprise.html", &edited);
            },
            &[],
            "enterprises/alpha/index.html",
            "edited template",
        ),
        (
            "a static file changed",
            |root| {
                write_settled(
                    root,
                    "static/robots.txt",
                    "User-agent: *\nDisallow: /edited\n",
                )
            },
            &[],
            "robots.txt",
            "/edited",
        ),
        (
            "a data file added",
            |root| {
                write_settled(root, "data/facts.yaml", "motto: green aluminum\n");
                show_about_with(root, "<p>{{ data.facts.motto }}</p>");
                settle(root);
            },
            &[],
            "about/index.html",
            "green aluminum",
        ),
        (
            "site.yaml changed",
            |root| {
                let config = std::fs::read_to_string(root.join("site.yaml")).unwrap();
                write_settled(
                    root,
                    "site.yaml",
                    &config.replace("title: Fixture Site", "title: Renamed Site"),
                );
            },
            &[],
            "index.html",
            "Renamed Site",
        ),
        (
            "another base URL",
            |_| {},
            &["--base-url", "https://other.example/"],
            "sitemap.xml",
            "https://other.example/",
        ),
        (
            "drafts asked for",
            |_| {},
            &["--drafts"],
            "news/draft/index.html",
            "",
        ),
    ];
    let site = built_fixture();
    for (what, change, args, output, expected) in changes {
        change(site.path());
        let out = build_ok(site.path(), args);
        assert!(!out.contains(KEPT), "{what}: {out}");
        let path = site.path().join("public").join(output);
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{what}: {e}"));
        assert!(text.contains(expected), "{what}: {text}");
        let again = build_ok(site.path(), args);
        assert!(again.contains(KEPT), "{what}, built again: {again}");
    }
    // A file removed, and the options of the first build again.
    std::fs::remove_file(site.path().join(first)).expect("remove");
    let out = build_ok(site.path(), &[]);
    assert!(!out.contains(KEPT), "{out}");
    assert!(!site.path().join("public/news/first/index.html").exists());
}

#[test]
fn a_page_replaced_keeping_its_size_and_time_builds_again() {
    let site = built_fixture();
    let path = site.path().join("content/news/first.md");
    let modified = std::fs::metadata(&path)
        .and_then(|m| m.modified())
        .expect("time");
    let text = std::fs::read_to_string(&path).expect("read");
    let edited = text.replacen("The opening paragraph", "The OPENING paragraph", 1);
    std::fs::write(&path, &edited).expect("write");
    std::fs::File::options()
        .write(true)
        .open(&path)
        .and_then(|f| f.set_modified(modified))
        .expect("set the time back");
    let out = build_ok(site.path(), &[]);
    assert!(!out.contains(KEPT), "{out}");
    let doc = html(&site.path().join("public/news/first/index.html"));
    assert!(
        texts(&doc, "p")
            .iter()
            .any(|p| p.contains("The OPENING paragraph")),
        "{:?}",
        texts(&doc, "p")
    );
}

#[test]
fn an_output_folder_changed_by_hand_is_built_again() {
    let site = built_fixture();
    let files = snapshot(&site.path().join("public"));
    write(site.path(), "public/index.html", "overwritten by hand");
    let out = build_ok(site.path(), &[]);
    assert!(!out.contains(KEPT), "{out}");
    assert!(out.contains("1 file written"), "{out}");
    assert_eq!(files, snapshot(&site.path().join("public")));
    std::fs::remove_file(site.path().join("public/robots.txt")).expect("remove");
    let out = build_ok(site.path(), &[]);
    assert!(!out.contains(KEPT), "{out}");
    assert_eq!(files, snapshot(&site.path().join("public")));
    std::fs::remove_dir_all(site.path().join("public")).expect("remove");
    let out = build_ok(site.path(), &[]);
    assert!(!out.contains(KEPT), "{out}");
    assert_eq!(files, snapshot(&site.path().join("public")));
}

#[test]
fn an_environment_variable_given_to_templates_is_an_input() {
    let site = fixture("basic");
    let config = std::fs::read_to_string(site.path().join("site.yaml")).expect("read");
    write(
        site.path(),
        "site.yaml",
        &format!("{config}template_env: [POTLINE_TEST_MOTTO]\n"),
    );
    show_about_with(
        site.path(),
        "<p>{{ get_env(name=\"POTLINE_TEST_MOTTO\") }}</p>",
    );
    settle(site.path());
    let build_with = |motto: &str| {
        let out = potline()
            .args(["build", "--root"])
            .arg(site.path())
            .env("POTLINE_TEST_MOTTO", motto)
            .output()
            .expect("potline runs");
        succeeded(out)
    };
    build_with("first");
    assert!(build_with("first").contains(KEPT));
    assert!(!build_with("second").contains(KEPT));
    let doc = html(&site.path().join("public/about/index.html"));
    assert_eq!(texts(&doc, "p"), ["second"]);
}

#[test]
fn a_source_saved_just_before_a_build_is_not_trusted_by_its_time() {
    let site = fixture("basic");
    // Copied just now: a second save within the same clock tick would not change the time.
    build_ok(site.path(), &[]);
    let out = build_ok(site.path(), &[]);
    assert!(!out.contains(KEPT), "{out}");
}

#[test]
fn a_future_dated_page_is_published_once_its_date_has_come() {
    let site = fixture("basic");
    // Far enough ahead for two builds of a debug binary on a busy machine to come before it.
    let date = chrono::Utc::now() + chrono::Duration::seconds(8);
    let front = format!(
        "---\ntitle: Soon\ndate: {}\n---\nSoon.\n",
        date.format("%Y-%m-%dT%H:%M:%SZ")
    );
    write(site.path(), "content/news/soon.md", &front);
    settle(site.path());
    build_ok(site.path(), &[]);
    let out = build_ok(site.path(), &[]);
    assert!(out.contains(KEPT), "{out}");
    assert!(!site.path().join("public/news/soon/index.html").exists());
    let wait = (date - chrono::Utc::now()).to_std().unwrap_or_default();
    std::thread::sleep(wait + Duration::from_millis(1100));
    let out = build_ok(site.path(), &[]);
    assert!(!out.contains(KEPT), "{out}");
    assert!(site.path().join("public/news/soon/index.html").is_file());
}
