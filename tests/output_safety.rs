//! The output folder is potline's and only potline's: a build, a deploy or a preview never writes
//! over a folder holding the user's files (refused, with the folder left byte for byte as it
//! was), a link given as the output folder is published into where it leads and kept, and every
//! problem of a site (links out of it, unsafe menu addresses) is reported at once.

use std::collections::BTreeMap;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::Output;

use tempfile::TempDir;

use crate::common::*;

/// A folder of the user's own files, beside the site (`<tmp>/<name>`).
fn users_folder(tmp: &Path, name: &str) -> PathBuf {
    let folder = tmp.join(name);
    write(&folder, "notes.txt", "my notes\n");
    write(&folder, "photos/2024/baise.jpg", "not really a photo");
    write(&folder, ".settings", "hidden=yes\n");
    folder
}

/// A site (the `basic` fixture) in `<tmp>/site`, with a folder for every kind of source.
fn site_in(tmp: &Path) -> PathBuf {
    let root = tmp.join("site");
    copy_dir(&repo_root().join("tests/fixtures/basic"), &root);
    write(&root, "data/figures.yaml", "output: 100\n");
    write(&root, "i18n/en.yaml", "read_more: Read more\n");
    write(
        &root,
        "themes/plain/templates/page.html",
        "{{ page.title }}\n",
    );
    root
}

/// Runs `potline build` in `cwd` with these arguments.
fn build_in(cwd: &Path, args: &[&str]) -> Output {
    potline()
        .current_dir(cwd)
        .arg("build")
        .args(args)
        .output()
        .expect("potline runs")
}

/// Asserts that `out` failed with exactly this error, and nothing else.
fn assert_refused(out: &Output, expected: &str) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert_eq!(stderr.trim_end(), expected);
}

fn output_refusal(shown: &str, reason: &str) -> String {
    format!(
        "error: refusing to use `{shown}` as the output folder: {reason}\n  hint: pass a new or empty folder outside the site's sources, e.g. --output public"
    )
}

/// Everything under `dir` but the caches of a site in it.
fn everything(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    snapshot(dir)
        .into_iter()
        .filter(|(path, _)| !path.contains(".potline/"))
        .collect()
}

fn display(path: &Path) -> String {
    path.display().to_string()
}

#[test]
fn an_output_folder_holding_files_potline_did_not_write_is_refused_and_kept() {
    let tmp = TempDir::new().expect("temp");
    let site = site_in(tmp.path());
    let docs = users_folder(tmp.path(), "docs");
    let before = snapshot(tmp.path());
    let docs_text = display(&docs);
    for spelled in [
        docs_text.clone(),
        format!("{docs_text}/"),
        format!("{}/../docs", display(&site)),
    ] {
        let out = build_in(tmp.path(), &["--root", "site", "--output", &spelled]);
        assert_refused(
            &out,
            &format!(
                "error: refusing to use `{spelled}` as the output folder: it holds files that potline did not write, and a build replaces everything in it\n  hint: pass a new or empty folder, e.g. --output public, or move those files elsewhere first: potline writes over a folder only if it published it"
            ),
        );
        assert_eq!(before, snapshot(tmp.path()), "{spelled}: nothing touched");
    }
    // The same from a relative path, and for `public/` itself when potline did not make it.
    let out = build_in(tmp.path(), &["--root", "site", "--output", "docs"]);
    assert!(!out.status.success());
    write(&site, "public/index.html", "<p>made by hand</p>");
    let before = snapshot(tmp.path());
    let out = build_in(&site, &[]);
    assert_refused(
        &out,
        "error: refusing to use `./public` as the output folder: it holds files that potline did not write, and a build replaces everything in it\n  hint: pass a new or empty folder, e.g. --output public, or move those files elsewhere first: potline writes over a folder only if it published it",
    );
    assert_eq!(before, snapshot(tmp.path()));
}

#[test]
fn an_output_folder_inside_the_sites_sources_is_refused() {
    let tmp = TempDir::new().expect("temp");
    let site = site_in(tmp.path());
    let before = snapshot(tmp.path());
    for source in ["content", "themes", "templates", "static", "data", "i18n"] {
        for output in [
            source.to_string(),
            format!("{source}/out"),
            format!("./{source}/sub/../out/"),
        ] {
            let out = build_in(&site, &["--output", &output]);
            assert_refused(
                &out,
                &output_refusal(
                    &output,
                    &format!("it is inside the site's `{source}/` folder, which the build reads"),
                ),
            );
        }
    }
    // Through a link to a folder of the sources, from outside the site.
    symlink(site.join("static"), tmp.path().join("alias")).expect("link");
    let output = display(&tmp.path().join("alias/out"));
    let out = build_in(&site, &["--output", &output]);
    assert_refused(
        &out,
        &output_refusal(
            &output,
            "it is inside the site's `static/` folder, which the build reads",
        ),
    );
    std::fs::remove_file(tmp.path().join("alias")).expect("unlink");
    assert_eq!(before, snapshot(tmp.path()), "nothing touched");
}

#[test]
fn the_site_the_folders_above_it_the_home_folder_and_the_disk_are_refused() {
    let tmp = TempDir::new().expect("temp");
    let site = site_in(tmp.path());
    build_ok(&site, &[]);
    let before = snapshot(tmp.path());
    let holds = "it holds the site's own files, which a build replaces";
    let site_text = display(&site);
    for output in [
        ".".to_string(),
        "./".to_string(),
        "public/..".to_string(),
        site_text.clone(),
        format!("{site_text}/"),
        "..".to_string(),
        display(tmp.path()),
    ] {
        let out = build_in(&site, &["--output", &output]);
        assert_refused(&out, &output_refusal(&output, holds));
    }
    let out = build_in(&site, &["--output", "/"]);
    assert_refused(
        &out,
        &output_refusal(
            "/",
            "it is the top folder of the disk, which holds everything",
        ),
    );
    // The home folder, even empty (the site is elsewhere).
    let home = tmp.path().join("home");
    std::fs::create_dir(&home).expect("home");
    let out = potline()
        .current_dir(&site)
        .env("HOME", &home)
        .args(["build", "--output"])
        .arg(&home)
        .output()
        .expect("potline runs");
    assert_refused(
        &out,
        &output_refusal(&display(&home), "it is your home folder"),
    );
    assert_eq!(before, snapshot(tmp.path()), "nothing touched");
    assert_eq!(std::fs::read_dir(&home).expect("home").count(), 0);
}

#[test]
fn a_file_as_the_output_folder_is_refused() {
    let tmp = TempDir::new().expect("temp");
    let site = site_in(tmp.path());
    write(tmp.path(), "notes.txt", "my notes\n");
    let before = snapshot(tmp.path());
    let file = tmp.path().join("notes.txt");
    let out = build_in(&site, &["--output", &display(&file)]);
    assert_refused(
        &out,
        &output_refusal(&display(&file), "it is a file, not a folder"),
    );
    let inside = format!("{}/site", display(&file));
    let out = build_in(&site, &["--output", &inside]);
    let canonical = display(&std::fs::canonicalize(&file).expect("file"));
    assert_refused(
        &out,
        &output_refusal(
            &inside,
            &format!("`{canonical}` above it is a file, not a folder"),
        ),
    );
    assert_eq!(before, snapshot(tmp.path()), "nothing touched");
}

#[test]
fn a_link_to_nothing_as_the_output_folder_is_refused() {
    let tmp = TempDir::new().expect("temp");
    let site = site_in(tmp.path());
    let gone = tmp.path().join("www/gone");
    symlink(&gone, site.join("public")).expect("link");
    let out = build_in(&site, &[]);
    assert_refused(
        &out,
        &format!(
            "error: refusing to use `./public` as the output folder: it is a link to `{}`, which does not exist\n  hint: create the folder the link points to, or pass another folder, e.g. --output public",
            display(&gone)
        ),
    );
    assert_eq!(std::fs::read_link(site.join("public")).expect("link"), gone);
    assert!(!tmp.path().join("www").exists(), "nothing made");
}

/// `public -> /var/www/site`: each build is published into the link's target the atomic way
/// (spare tree and swap beside the target); the link stays a link, and the target holds exactly
/// the last build, no file of the one before.
#[test]
fn a_link_as_the_output_folder_is_published_into_and_kept() {
    let tmp = TempDir::new().expect("temp");
    let site = site_in(tmp.path());
    let served = tmp.path().join("www/site");
    std::fs::create_dir_all(&served).expect("served folder");
    symlink("../www/site", site.join("public")).expect("link");
    build_ok(&site, &[]);
    assert!(served.join("about/index.html").is_file());
    // A page removed and one changed: the second build must hold neither the old page nor the
    // old text.
    std::fs::remove_file(site.join("content/about.md")).expect("remove");
    let news = std::fs::read_to_string(site.join("content/news/second.md")).expect("read");
    write(
        &site,
        "content/news/second.md",
        &news.replace("title:", "title: Changed"),
    );
    let menu = std::fs::read_to_string(site.join("site.yaml")).expect("read");
    write(
        &site,
        "site.yaml",
        &menu.replace("    - { name: About, url: \"@/about.md\" }\n", ""),
    );
    build_ok(&site, &[]);
    let link = std::fs::symlink_metadata(site.join("public")).expect("public");
    assert!(link.file_type().is_symlink(), "the link stays a link");
    assert_eq!(
        std::fs::read_link(site.join("public")).expect("link"),
        Path::new("../www/site")
    );
    build_ok(&site, &["--output", &display(&tmp.path().join("fresh"))]);
    let fresh = snapshot(&tmp.path().join("fresh"));
    assert!(!fresh.contains_key("about/index.html"));
    assert_eq!(snapshot(&served), fresh, "exactly the second build");
    assert!(
        tmp.path().join("www/.site.spare").is_dir(),
        "the spare tree is beside the target"
    );
    assert!(!site.join(".public.spare").exists());
}

#[test]
fn a_link_to_the_users_files_or_the_sources_is_refused() {
    let tmp = TempDir::new().expect("temp");
    let site = site_in(tmp.path());
    let docs = users_folder(tmp.path(), "docs");
    symlink(&docs, site.join("public")).expect("link");
    let before = snapshot(tmp.path());
    let out = build_in(&site, &[]);
    assert_refused(
        &out,
        &format!(
            "error: refusing to use `./public` (a link to `{}`) as the output folder: it holds files that potline did not write, and a build replaces everything in it\n  hint: pass a new or empty folder, e.g. --output public, or move those files elsewhere first: potline writes over a folder only if it published it",
            display(&std::fs::canonicalize(&docs).expect("docs"))
        ),
    );
    std::fs::remove_file(site.join("public")).expect("unlink");
    symlink("content", site.join("public")).expect("link");
    let out = build_in(&site, &[]);
    assert_refused(
        &out,
        &format!(
            "error: refusing to use `./public` (a link to `{}`) as the output folder: it is inside the site's `content/` folder, which the build reads\n  hint: pass a new or empty folder outside the site's sources, e.g. --output public",
            display(&std::fs::canonicalize(site.join("content")).expect("content"))
        ),
    );
    assert!(
        std::fs::symlink_metadata(site.join("public"))
            .expect("public")
            .is_symlink()
    );
    assert_eq!(before, snapshot(tmp.path()), "nothing touched");
}

#[test]
fn the_default_output_and_a_new_or_empty_folder_outside_the_site_still_work() {
    let tmp = TempDir::new().expect("temp");
    let site = site_in(tmp.path());
    build_ok(&site, &[]);
    write(
        &site,
        "content/news/third.md",
        "---\ntitle: Third\ndate: 2021-08-01\n---\nText.\n",
    );
    build_ok(&site, &[]);
    assert!(site.join("public/news/third/index.html").is_file());
    let empty = tmp.path().join("empty");
    std::fs::create_dir(&empty).expect("empty");
    let new = tmp.path().join("new/deeper/out");
    for output in [&empty, &new] {
        for _ in 0..2 {
            build_ok(&site, &["--output", &display(output)]);
        }
        assert_eq!(snapshot(output), snapshot(&site.join("public")));
    }
}

fn with_folder_target(site: &Path, path: &str) {
    let config = std::fs::read_to_string(site.join("site.yaml")).expect("site.yaml");
    write(
        site,
        "site.yaml",
        &format!("{config}deploy:\n  - {{ name: docroot, kind: folder, path: \"{path}\" }}\n"),
    );
}

fn deploy_in(site: &Path, args: &[&str]) -> Output {
    potline()
        .current_dir(site)
        .arg("deploy")
        .args(args)
        .output()
        .expect("potline runs")
}

#[test]
fn a_deploy_folder_inside_the_site_or_around_the_output_is_refused() {
    let tmp = TempDir::new().expect("temp");
    let site = site_in(tmp.path());
    let out_dir = tmp.path().join("build/out");
    let cases = [
        ("www", "www", "it is inside the site's folder"),
        ("content", "content", "it is inside the site's folder"),
        (
            &display(&site),
            &display(&site),
            "it holds the site's own files, which a build replaces",
        ),
        (
            &display(&out_dir),
            &display(&out_dir),
            "it is the folder the site is built into",
        ),
        (
            &format!("{}/www", display(&out_dir)),
            &format!("{}/www", display(&out_dir)),
            "it is inside the folder the site is built into",
        ),
        (
            &display(&tmp.path().join("build")),
            &display(&tmp.path().join("build")),
            "it holds the folder the site is built into",
        ),
    ]
    .map(|(path, shown, reason)| (path.to_string(), shown.to_string(), reason));
    let config = std::fs::read_to_string(site.join("site.yaml")).expect("site.yaml");
    for (path, shown, reason) in cases {
        with_folder_target(&site, &path);
        let before = snapshot(tmp.path());
        let shown = if Path::new(&shown).is_absolute() {
            shown
        } else {
            display(&Path::new(".").join(&shown))
        };
        for args in [
            vec!["--output", out_dir.to_str().expect("utf-8")],
            vec!["--output", out_dir.to_str().expect("utf-8"), "--rollback"],
        ] {
            let out = deploy_in(&site, &args);
            assert_refused(
                &out,
                &format!(
                    "error: deploy target `docroot` cannot publish to `{shown}`: {reason}\n  hint: set `path` of the target in site.yaml to a folder outside the site, e.g. path: /var/www/my-site"
                ),
            );
        }
        assert_eq!(before, snapshot(tmp.path()), "{path}: nothing touched");
        assert!(!out_dir.exists(), "{path}: nothing built");
        write(&site, "site.yaml", &config);
    }
}

#[test]
fn a_deploy_builds_and_reads_only_an_output_folder_a_build_may_use() {
    let tmp = TempDir::new().expect("temp");
    let site = site_in(tmp.path());
    let docs = users_folder(tmp.path(), "docs");
    with_folder_target(&site, &display(&tmp.path().join("www/site")));
    let before = snapshot(tmp.path());
    let out = deploy_in(&site, &["--output", &display(&docs)]);
    assert_refused(
        &out,
        &format!(
            "error: refusing to use `{}` as the output folder: it holds files that potline did not write, and a build replaces everything in it\n  hint: pass a new or empty folder, e.g. --output public, or move those files elsewhere first: potline writes over a folder only if it published it",
            display(&docs)
        ),
    );
    // Without a build, the site itself is not a built site to publish.
    let out = deploy_in(&site, &["--no-build", "--output", "."]);
    assert_refused(
        &out,
        &output_refusal(".", "it holds the site's own files, which a build replaces"),
    );
    assert_eq!(before, snapshot(tmp.path()), "nothing touched");
    assert!(!tmp.path().join("www").exists());
}

/// `potline serve` builds in memory: it writes no output folder, and nothing in or beside the
/// site but its caches under `.potline/`.
#[test]
fn serve_writes_nothing_but_its_caches() {
    use std::io::{Read, Write};
    let tmp = TempDir::new().expect("temp");
    let site = site_in(tmp.path());
    let before = everything(tmp.path());
    let mut options = potline::serve::ServeOptions::new(&site);
    options.port = 0;
    let reporter = std::sync::Arc::new(|_: &potline::serve::ServeEvent| {});
    let server = potline::serve::Server::start(options, reporter).expect("the server starts");
    let mut stream = std::net::TcpStream::connect(server.addr()).expect("connect");
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(10)))
        .expect("timeout");
    write!(
        stream,
        "GET /news/ HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
        server.addr()
    )
    .expect("request");
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("response");
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    drop(server);
    assert!(!site.join("public").exists());
    let after = everything(tmp.path());
    let changed: Vec<&String> = after
        .keys()
        .chain(before.keys())
        .filter(|path| before.get(*path) != after.get(*path))
        .filter(|path| !path.starts_with("site/.potline/"))
        .collect();
    assert!(changed.is_empty(), "serve wrote {changed:?}");
}

// ---------------------------------------------------------------------------------------------
// All problems at once.

#[test]
fn every_link_out_of_the_site_is_reported_with_the_other_problems() {
    let tmp = TempDir::new().expect("temp");
    let site = site_in(tmp.path());
    write(
        tmp.path(),
        "private/secret.md",
        "---\ntitle: TOP-SECRET\n---\n",
    );
    write(tmp.path(), "private/secret.txt", "TOP-SECRET");
    let private = std::fs::canonicalize(tmp.path().join("private")).expect("private");
    for (link, target) in [
        ("content/news/leak.md", "secret.md"),
        ("static/leak.txt", "secret.txt"),
        ("templates/leak.html", "secret.txt"),
        ("data/leak.yaml", "secret.txt"),
    ] {
        symlink(private.join(target), site.join(link)).expect("link");
    }
    let first = std::fs::read_to_string(site.join("content/news/first.md")).expect("read");
    write(
        &site,
        "content/news/first.md",
        &first.replace("date: 2021-07-30", "date: 2021-13-01"),
    );
    let stderr = build_err(&site, &[]);
    let leak = |link: &str, target: &str| {
        format!(
            "{link}:1:1: error: this is a link to `{}`, outside the site; potline does not read or publish it\n  hint: copy the file into the site instead of linking to it",
            display(&private.join(target))
        )
    };
    for expected in [
        leak("content/news/leak.md", "secret.md"),
        leak("data/leak.yaml", "secret.txt"),
        leak("static/leak.txt", "secret.txt"),
        leak("templates/leak.html", "secret.txt"),
        "content/news/first.md:3:1: error: `date`: \"2021-13-01\" is not a valid date (expected YYYY-MM-DD, optionally followed by a time HH:MM)\n  hint: write dates as 2021-07-30 or 2021-07-30 15:30".to_string(),
    ] {
        assert!(stderr.contains(&expected), "expected:\n{expected}\n\nin:\n{stderr}");
    }
    assert!(!stderr.contains("TOP-SECRET"));
    assert!(!site.join("public").exists());
}

#[test]
fn menu_addresses_that_run_code_are_refused_where_they_are_written() {
    let tmp = TempDir::new().expect("temp");
    let site = site_in(tmp.path());
    let config = std::fs::read_to_string(site.join("site.yaml")).expect("site.yaml");
    let (before, after) = config.split_once("taxonomies:").expect("taxonomies");
    let menus = concat!(
        "  footer:\n",
        "    - { name: Safe, url: \"https://example.org/\" }\n",
        "    - { name: Logo, url: \"data:image/png;base64,AAAA\" }\n",
        "    - { name: Plain, url: javascript:alert(1) }\n",
        "    - name: Mixed\n",
        "      url: \" JaVaScRiPt:alert(2)\"\n",
        "    - { name: Tab, url: \"java\\tscript:alert(3)\" }\n",
        "    - { name: Page, url: \"data:text/html,<script>alert(4)</script>\" }\n",
        "    - { name: Basic, url: 'VBScript:msgbox(5)' }\n",
        "languages:\n",
        "  en: { name: English }\n",
        "  zh:\n",
        "    menus:\n",
        "      main:\n",
        "        - { name: 首页, url: \"&#106;avascript:alert(6)\" }\n",
    );
    write(
        &site,
        "site.yaml",
        &format!("{before}{menus}taxonomies:{after}"),
    );
    let stderr = build_err(&site, &[]);
    let refused = |line: usize, col: usize, name: &str, shown: &str| {
        format!(
            "site.yaml:{line}:{col}: error: menu item `{name}` links to `{shown}`, an address that could run code in readers' browsers\n  hint: link to a web page (https://...) or a page of the site (@/...)"
        )
    };
    let expected = [
        refused(15, 27, "Plain", "javascript:alert(1)"),
        refused(17, 12, "Mixed", " JaVaScRiPt:alert(2)"),
        refused(18, 25, "Tab", "java\\tscript:alert(3)"),
        refused(19, 26, "Page", "data:text/html,<script>alert(4)</script>"),
        refused(20, 27, "Basic", "VBScript:msgbox(5)"),
        refused(26, 28, "首页", "&#106;avascript:alert(6)"),
        "6 errors found; nothing was published".to_string(),
    ]
    .join("\n");
    assert_eq!(stderr.trim_end(), expected);
    assert!(!site.join("public").exists());
}
