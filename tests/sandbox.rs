//! The template sandbox: templates and shortcodes read only the site's own files, judged on the
//! canonical path (a link, or a folder of the site that is a link, leading elsewhere is refused),
//! and read no environment variable unless `template_env:` in site.yaml names it.

use std::os::unix::fs::symlink;

use crate::common::*;

fn add_to_site_yaml(root: &std::path::Path, text: &str) {
    let path = root.join("site.yaml");
    let mut config = std::fs::read_to_string(&path).expect("site.yaml");
    config.push_str(text);
    std::fs::write(path, config).expect("write site.yaml");
}

/// A page template that prints what `call` gives.
fn template_calling(root: &std::path::Path, call: &str) {
    write(
        root,
        "templates/page.html",
        &format!(
            "{{% extends \"base.html\" %}}{{% block content %}}<p id=\"got\">{call}</p>{{% endblock content %}}\n"
        ),
    );
}

#[test]
fn templates_read_only_the_environment_variables_the_site_allows() {
    let site = fixture("basic");
    template_calling(
        site.path(),
        "{{ get_env(name=\"POTLINE_SANDBOX_SECRET\") }}",
    );
    let out = potline()
        .args(["build", "--root"])
        .arg(site.path())
        .env("POTLINE_SANDBOX_SECRET", "s3cr3t-value")
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("templates may not read the environment variable `POTLINE_SANDBOX_SECRET`; list it under `template_env:` in site.yaml"),
        "{stderr}"
    );
    assert!(stderr.contains("templates/page.html:1:"), "{stderr}");
    assert!(!stderr.contains("s3cr3t-value"));
    assert!(!site.path().join("public").exists());

    add_to_site_yaml(site.path(), "template_env: [POTLINE_SANDBOX_SECRET]\n");
    let out = potline()
        .args(["build", "--root"])
        .arg(site.path())
        .env("POTLINE_SANDBOX_SECRET", "<allowed & shown>")
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let page = std::fs::read_to_string(site.path().join("public/about/index.html")).expect("page");
    assert!(
        page.contains("<p id=\"got\">&lt;allowed &amp; shown&gt;</p>"),
        "the value is escaped like any other: {page}"
    );
}

#[test]
fn an_allowed_variable_that_is_not_set_needs_a_default() {
    let site = fixture("basic");
    add_to_site_yaml(site.path(), "template_env: [POTLINE_SANDBOX_UNSET]\n");
    template_calling(site.path(), "{{ get_env(name=\"POTLINE_SANDBOX_UNSET\") }}");
    let out = potline()
        .args(["build", "--root"])
        .arg(site.path())
        .env_remove("POTLINE_SANDBOX_UNSET")
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("the environment variable `POTLINE_SANDBOX_UNSET` is not set"),
        "{stderr}"
    );
    template_calling(
        site.path(),
        "{{ get_env(name=\"POTLINE_SANDBOX_UNSET\", default=\"none\") }}",
    );
    build_ok(site.path(), &[]);
    let doc = html(&site.path().join("public/about/index.html"));
    assert_eq!(texts(&doc, "#got"), ["none"]);
}

#[test]
fn templates_include_only_templates_never_files() {
    let site = fixture("basic");
    let outside = tempfile::tempdir().expect("temp");
    std::fs::write(outside.path().join("secret.html"), "TOP-SECRET").expect("write");
    let path = outside.path().join("secret.html");
    for name in [
        "../../secret.html".to_string(),
        path.display().to_string(),
        "/etc/passwd".to_string(),
    ] {
        template_calling(site.path(), &format!("{{% include \"{name}\" %}}"));
        let stderr = build_err(site.path(), &[]);
        assert!(stderr.contains("templates/page.html"), "{stderr}");
        assert!(!stderr.contains("TOP-SECRET") && !stderr.contains("root:x:0:0"));
    }
}

#[test]
fn a_site_folder_that_is_a_link_outside_the_site_is_refused() {
    let outside = tempfile::tempdir().expect("temp");
    std::fs::create_dir_all(outside.path().join("shared/templates")).expect("folder");
    std::fs::write(outside.path().join("shared/secret.txt"), "TOP-SECRET").expect("write");
    std::fs::write(
        outside.path().join("shared/templates/page.html"),
        "TOP-SECRET",
    )
    .expect("write");
    for folder in ["static", "data", "templates", "themes/shared"] {
        let site = fixture("basic");
        build_ok(site.path(), &[]);
        let before = snapshot(&site.path().join("public"));
        let link = site.path().join(folder);
        if link.exists() {
            std::fs::remove_dir_all(&link).expect("remove");
        }
        std::fs::create_dir_all(link.parent().expect("parent")).expect("folder");
        symlink(outside.path().join("shared"), &link).expect("link");
        if folder.starts_with("themes/") {
            add_to_site_yaml(site.path(), "theme: shared\n");
        }
        let stderr = build_err(site.path(), &[]);
        assert!(
            stderr.contains("outside the site; potline does not read or publish it"),
            "{folder}: {stderr}"
        );
        assert_eq!(before, snapshot(&site.path().join("public")), "{folder}");
    }
}

#[test]
fn a_theme_name_cannot_leave_the_site() {
    let site = fixture("basic");
    let outside = tempfile::tempdir().expect("temp");
    std::fs::create_dir_all(outside.path().join("evil/templates")).expect("folder");
    std::fs::write(
        outside.path().join("evil/templates/page.html"),
        "TOP-SECRET",
    )
    .expect("write");
    let relative = format!("../../..{}/evil", outside.path().display());
    add_to_site_yaml(site.path(), &format!("theme: \"{relative}\"\n"));
    std::fs::create_dir_all(site.path().join("themes")).expect("folder");
    let stderr = build_err(site.path(), &[]);
    assert!(
        stderr.contains("is not the name of a folder in `themes/`"),
        "{stderr}"
    );
    assert!(!site.path().join("public").exists());
}

#[test]
fn generated_pages_read_data_files_only_inside_the_site() {
    let site = fixture("basic");
    let outside = tempfile::tempdir().expect("temp");
    std::fs::write(outside.path().join("rows.csv"), "name\nTOP-SECRET\n").expect("write");
    let relative = format!("../../..{}/rows.csv", outside.path().display());
    add_to_site_yaml(
        site.path(),
        &format!("generate:\n  - {{ data: \"{relative}\", section: enterprises }}\n"),
    );
    std::fs::create_dir_all(site.path().join("data")).expect("folder");
    let stderr = build_err(site.path(), &[]);
    assert!(
        stderr.contains("is outside the site; potline does not read it"),
        "{stderr}"
    );
    symlink(
        outside.path().join("rows.csv"),
        site.path().join("data/rows.csv"),
    )
    .expect("link");
    let config = std::fs::read_to_string(site.path().join("site.yaml")).expect("read");
    std::fs::write(
        site.path().join("site.yaml"),
        config.replace(&relative, "rows.csv"),
    )
    .expect("write");
    let stderr = build_err(site.path(), &[]);
    assert!(stderr.contains("outside the site"), "{stderr}");
    assert!(!stderr.contains("TOP-SECRET"));
}

/// What a writer can type that is meant as markup: every place it can reach on a page.
const PAYLOAD: &str = "\\\"><script>alert(1)</script><img src=x onerror=alert(2)>";

#[test]
fn values_from_front_matter_and_data_are_escaped_everywhere() {
    let site = tempfile::tempdir().expect("temp");
    copy_dir(&repo_root(), site.path());
    for name in [
        "target", "fuzz", "tests", "benches", "src", "docs", "examples",
    ] {
        let _ = std::fs::remove_dir_all(site.path().join(name));
    }
    write(
        site.path(),
        "content/news/hostile.md",
        &format!(
            "---\ntitle: \"T {PAYLOAD}\"\ndate: 2021-08-05\nsummary: \"S {PAYLOAD}\"\ntags: [\"{PAYLOAD}\"]\nauthor: \"A {PAYLOAD}\"\n---\nBody.\n"
        ),
    );
    write(
        site.path(),
        "content/enterprises/hostile.md",
        &format!(
            "---\nname: \"N {PAYLOAD}\"\ncounty: \"C {PAYLOAD}\"\nproducts: [\"P {PAYLOAD}\"]\nsummary: \"S {PAYLOAD}\"\n---\nBody.\n"
        ),
    );
    let figures = site.path().join("data/figures.yaml");
    let mut data = std::fs::read_to_string(&figures).expect("data");
    data.push_str(&format!(
        "- figure: \"F {PAYLOAD}\"\n  value: \"V {PAYLOAD}\"\n  source: \"S {PAYLOAD}\"\n  date: 1 January 2024\n"
    ));
    std::fs::write(&figures, data).expect("write");
    build_ok(site.path(), &[]);
    let mut checked = 0;
    for (path, bytes) in snapshot(&site.path().join("public")) {
        if !(path.ends_with(".html") || path.ends_with(".xml")) {
            continue;
        }
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("<script>alert(1)"), "{path} runs the script");
        assert!(
            !text.contains("<img src=x onerror"),
            "{path} has the handler"
        );
        checked += 1;
    }
    assert!(checked > 20, "only {checked} files");
    let page =
        std::fs::read_to_string(site.path().join("public/news/hostile/index.html")).expect("page");
    assert!(
        page.contains("&lt;script&gt;alert(1)&lt;&#x2F;script&gt;")
            || page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "shown as text"
    );
}
