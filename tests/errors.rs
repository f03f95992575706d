//! Every mistake a writer can make gives `path:line:col: error: message` and a hint, all
//! problems of a build are reported at once, the exit code is 1, and the previous output is
//! left exactly as it was.

use crate::common::*;

/// Plants `content` at `rel` in a copy of the basic fixture that was built once, builds again,
/// checks that the build failed without touching the output, and returns stderr.
fn planted(rel: &str, content: &[u8]) -> String {
    let site = fixture("basic");
    build_ok(site.path(), &[]);
    let before = snapshot(&site.path().join("public"));
    let path = site.path().join(rel);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("folder");
    std::fs::write(path, content).expect("write");
    let stderr = build_err(site.path(), &[]);
    assert_eq!(
        before,
        snapshot(&site.path().join("public")),
        "the previous output changed"
    );
    assert!(
        !site.path().join(".public.staging").exists(),
        "staging folder left behind"
    );
    stderr
}

fn assert_reports(stderr: &str, expected: &str) {
    assert!(
        stderr.contains(expected),
        "expected:\n{expected}\n\nin:\n{stderr}"
    );
}

#[test]
fn unquoted_colon_in_a_value() {
    let stderr = planted(
        "content/news/x.md",
        b"---\ntitle: Baise: a new start\ndate: 2021-07-30\n---\nBody.\n",
    );
    assert_reports(
        &stderr,
        "content/news/x.md:2:13: error: this value contains `: ` (a colon followed by a space), which YAML reads as a new key\n  hint: put the whole value in quotes, e.g. title: \"Baise: a new start\"",
    );
    assert!(
        stderr.ends_with("1 error found; nothing was published\n"),
        "{stderr}"
    );
}

#[test]
fn missing_required_field() {
    let stderr = planted("content/news/x.md", b"---\ndate: 2021-07-30\n---\nBody.\n");
    assert_reports(
        &stderr,
        "content/news/x.md:1:1: error: missing required key `title` in news front matter\n  hint: add a line such as `title: \"...\"` to the front matter",
    );
}

#[test]
fn missing_name_of_an_enterprise() {
    let stderr = planted(
        "content/enterprises/x.md",
        b"---\ncounty: Pingguo\n---\nBody.\n",
    );
    assert_reports(
        &stderr,
        "content/enterprises/x.md:1:1: error: missing required key `name` in enterprise front matter",
    );
}

#[test]
fn wrong_type() {
    let stderr = planted(
        "content/news/x.md",
        b"---\ntitle: T\ndate: 2021-07-30\ndraft: \"true\"\n---\nBody.\n",
    );
    assert_reports(
        &stderr,
        "content/news/x.md:4:1: error: `draft` should be true or false, found text\n  hint: write true or false without quotes (found \"true\")",
    );
}

#[test]
fn list_where_text_is_expected() {
    let stderr = planted(
        "content/news/x.md",
        b"---\ntitle: [a, b]\ndate: 2021-07-30\n---\nBody.\n",
    );
    assert_reports(
        &stderr,
        "content/news/x.md:2:1: error: `title` should be text, found a list",
    );
}

#[test]
fn bad_date() {
    let stderr = planted(
        "content/news/x.md",
        b"---\ntitle: T\ndate: 2021-13-01\n---\nBody.\n",
    );
    assert_reports(
        &stderr,
        "content/news/x.md:3:1: error: `date`: \"2021-13-01\" is not a valid date (expected YYYY-MM-DD, optionally followed by a time HH:MM)\n  hint: write dates as 2021-07-30 or 2021-07-30 15:30",
    );
}

#[test]
fn unknown_template() {
    let stderr = planted(
        "content/news/x.md",
        b"---\ntitle: T\ndate: 2021-07-30\ntemplate: pgae.html\n---\nBody.\n",
    );
    assert_reports(
        &stderr,
        "content/news/x.md:4:1: error: template `pgae.html` not found\n  hint: did you mean `page.html`?",
    );
}

#[test]
fn broken_internal_link() {
    let stderr = planted("content/news/x.md", b"---\ntitle: T\ndate: 2021-07-30\n---\nFirst line.\n\nSee [this](@/news/missing.md#part).\n");
    assert_reports(
        &stderr,
        "content/news/x.md:7:5: error: broken internal link `@/news/missing.md#part`: there is no such file in `content/`\n  hint: internal links are written relative to `content/`, e.g. `@/news/my-article.md`",
    );
}

#[test]
fn link_to_a_draft() {
    let stderr = planted(
        "content/news/x.md",
        b"---\ntitle: T\ndate: 2021-07-30\n---\n[draft](@/news/draft.md)\n",
    );
    assert_reports(
        &stderr,
        "content/news/x.md:5:1: error: broken internal link `@/news/draft.md`: that page is a draft or dated in the future, so it is not published",
    );
}

#[test]
fn duplicate_url_names_both_files() {
    let stderr = planted(
        "content/news/x.md",
        b"---\ntitle: T\ndate: 2021-07-30\nslug: first\n---\nBody.\n",
    );
    assert_reports(
        &stderr,
        "content/news/x.md:4:1: error: this page's URL /news/first/ (from its `slug:` on line 4) is also the URL of content/news/first.md (from its file name)\n  hint: give one of them a different `slug:` in its front matter, or rename the file",
    );
}

#[test]
fn file_not_utf8() {
    let stderr = planted(
        "content/news/x.md",
        b"---\ntitle: T\ndate: 2021-07-30\n---\nab\xb0\xd9\xc9\xab\n",
    );
    assert_reports(
        &stderr,
        "content/news/x.md:5:3: error: this file is not UTF-8 text (it may have been saved as GBK or another legacy encoding)\n  hint: open it in your editor and save it with the encoding \"UTF-8\"",
    );
}

#[test]
fn missing_closing_fence() {
    let stderr = planted(
        "content/news/x.md",
        b"---\ntitle: T\ndate: 2021-07-30\nBody.\n",
    );
    assert_reports(
        &stderr,
        "content/news/x.md:1:1: error: the front matter opened with `---` on line 1 is never closed\n  hint: add a line with only `---` after the last front-matter line",
    );
}

#[test]
fn full_width_colon() {
    let stderr = planted(
        "content/news/x.md",
        "---\ntitle：百色\ndate: 2021-07-30\n---\nBody.\n".as_bytes(),
    );
    assert_reports(
        &stderr,
        "content/news/x.md:2:6: error: `title` is followed by a full-width colon `：`\n  hint: type the colon with the English (half-width) keyboard: `:` followed by a space",
    );
}

#[test]
fn tab_indentation() {
    let stderr = planted(
        "content/news/x.md",
        b"---\ntitle: T\n\tdate: 2021-07-30\n---\nBody.\n",
    );
    assert_reports(
        &stderr,
        "content/news/x.md:3:1: error: a tab is used for indentation",
    );
}

#[test]
fn value_outside_the_allowed_list() {
    let site = fixture("basic");
    let config = std::fs::read_to_string(site.path().join("site.yaml")).expect("read");
    write(
        site.path(),
        "site.yaml",
        &format!(
            "{config}types:\n  news:\n    section: news\n    fields:\n      title: {{ type: string, required: true }}\n      date: {{ type: datetime, required: true }}\n      segment: {{ type: list, values: [alumina, bauxite] }}\n"
        ),
    );
    write(
        site.path(),
        "content/news/x.md",
        "---\ntitle: T\ndate: 2021-07-30\nsegment: [alumnia]\n---\nBody.\n",
    );
    let stderr = build_err(site.path(), &[]);
    assert_reports(
        &stderr,
        "content/news/x.md:4:11: error: `alumnia` is not an allowed value of `segment`\n  hint: did you mean `alumina`?",
    );
}

#[test]
fn every_problem_is_reported_at_once() {
    let site = fixture("basic");
    write(
        site.path(),
        "content/news/a.md",
        "---\ndate: 2021-07-30\n---\nA.\n",
    );
    write(
        site.path(),
        "content/news/b.md",
        "---\ntitle: B\ndate: 2021-02-30\n---\nB.\n",
    );
    write(
        site.path(),
        "content/about.md",
        "---\ntitle: About\n---\n[x](@/nowhere.md)\n",
    );
    let stderr = build_err(site.path(), &[]);
    let errors: Vec<&str> = stderr.lines().filter(|l| l.contains(": error: ")).collect();
    assert_eq!(errors.len(), 3, "{stderr}");
    // Sorted by file: about, news/a, news/b.
    assert!(errors[0].starts_with("content/about.md:4:1:"), "{stderr}");
    assert!(errors[1].starts_with("content/news/a.md:1:1:"), "{stderr}");
    assert!(errors[2].starts_with("content/news/b.md:3:1:"), "{stderr}");
    assert!(
        stderr.ends_with("3 errors found; nothing was published\n"),
        "{stderr}"
    );
    assert!(!site.path().join("public").exists());
}

#[test]
fn template_syntax_error_names_the_template_file_and_line() {
    let site = fixture("basic");
    write(
        site.path(),
        "templates/page.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ page.title </h1>\n{% endblock content %}\n",
    );
    let stderr = build_err(site.path(), &[]);
    assert!(stderr.starts_with("templates/page.html:3:"), "{stderr}");
}

#[test]
fn template_rendering_error_names_the_template_and_the_page() {
    let site = fixture("basic");
    write(
        site.path(),
        "templates/page.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ page.no_such_field }}</h1>\n{% endblock content %}\n",
    );
    let stderr = build_err(site.path(), &[]);
    assert!(stderr.starts_with("templates/page.html:3:"), "{stderr}");
    assert!(
        stderr.contains("(while rendering content/about.md)"),
        "{stderr}"
    );
}

#[test]
fn a_template_that_extends_itself_is_an_error_not_a_crash() {
    let site = fixture("basic");
    write(
        site.path(),
        "templates/page.html",
        "{% extends \"page.html\" %}\n",
    );
    let stderr = build_err(site.path(), &[]);
    assert!(
        stderr.contains("templates/page.html:1:1: error:"),
        "{stderr}"
    );
}

#[test]
fn unknown_site_yaml_key_suggests_the_nearest() {
    let site = fixture("basic");
    let config = std::fs::read_to_string(site.path().join("site.yaml")).expect("read");
    write(
        site.path(),
        "site.yaml",
        &config.replace("description:", "descripton:"),
    );
    let stderr = build_err(site.path(), &[]);
    assert!(
        stderr.starts_with(
            "site.yaml:2:1: error: unknown key `descripton`\n  hint: did you mean `description`?"
        ),
        "{stderr}"
    );
}

#[test]
fn bad_timezone_and_base_url_are_both_reported() {
    let site = fixture("basic");
    let config = std::fs::read_to_string(site.path().join("site.yaml")).expect("read");
    let config = config
        .replace("Asia/Shanghai", "Asia/Shanghia")
        .replace("https://fixture.example/", "fixture.example");
    write(site.path(), "site.yaml", &config);
    let stderr = build_err(site.path(), &[]);
    assert_reports(
        &stderr,
        "site.yaml:3:1: error: base_url `fixture.example` is not an absolute web address",
    );
    assert_reports(
        &stderr,
        "site.yaml:5:1: error: unknown timezone `Asia/Shanghia`\n  hint: did you mean `Asia/Shanghai`?",
    );
}

#[test]
fn missing_theme_suggests_the_installed_ones() {
    let site = fixture("basic");
    write(site.path(), "themes/ingot/templates/page.html", "x");
    let config = std::fs::read_to_string(site.path().join("site.yaml")).expect("read");
    write(site.path(), "site.yaml", &format!("{config}theme: ingto\n"));
    let stderr = build_err(site.path(), &[]);
    assert_reports(
        &stderr,
        "error: theme `ingto` not found in `themes/`\n  hint: did you mean `ingot`?",
    );
}

#[test]
fn broken_menu_target_names_its_line() {
    let site = fixture("basic");
    let config = std::fs::read_to_string(site.path().join("site.yaml")).expect("read");
    write(
        site.path(),
        "site.yaml",
        &config.replace("@/about.md", "@/abuot.md"),
    );
    let stderr = build_err(site.path(), &[]);
    assert_reports(
        &stderr,
        "site.yaml:11:1: error: menu item `About` points to `@/abuot.md`, which is not a published page or section",
    );
}

#[test]
fn no_site_yaml_says_what_is_wrong() {
    let empty = tempfile::tempdir().expect("temp");
    let stderr = build_err(empty.path(), &[]);
    assert!(stderr.starts_with("error: no `site.yaml` in"), "{stderr}");
}

#[test]
fn refuses_to_replace_the_site_itself() {
    let site = fixture("basic");
    let stderr = build_err(
        site.path(),
        &["--output", site.path().to_str().expect("utf-8")],
    );
    assert!(stderr.contains("refusing to use"), "{stderr}");
    assert!(site.path().join("site.yaml").is_file());
}

#[test]
fn leftovers_of_a_killed_build_are_cleaned_up() {
    let site = fixture("basic");
    build_ok(site.path(), &[]);
    // A build killed while staging leaves `.public.staging`; one killed between the two renames
    // of the fallback swap leaves the old site in `.public.previous` and no `public/`.
    write(site.path(), ".public.staging/junk.html", "partial");
    std::fs::rename(
        site.path().join("public"),
        site.path().join(".public.previous"),
    )
    .expect("move");
    let total = snapshot(&site.path().join(".public.previous")).len();
    let out = build_ok(site.path(), &[]);
    assert!(
        out.contains(&format!("0 files written, {total} unchanged")),
        "the old site was not recovered: {out}"
    );
    assert!(!site.path().join(".public.staging").exists());
    assert!(!site.path().join(".public.previous").exists());
    assert!(!site.path().join("public/junk.html").exists());
}

#[test]
fn duplicate_key_names_both_lines() {
    let stderr = planted(
        "content/news/x.md",
        b"---\ntitle: T\ndate: 2021-07-30\ntitle: Again\n---\nBody.\n",
    );
    assert_reports(
        &stderr,
        "content/news/x.md:4:1: error: `title` is written twice, on lines 2 and 4\n  hint: keep one of the two (merge their values into the first)",
    );
}

/// Hostile front matter is rejected quickly with a clear message, and nothing is published.
fn rejected_quickly(name: &str, content: &str, expected: &str) {
    let started = std::time::Instant::now();
    let stderr = planted(&format!("content/{name}.md"), content.as_bytes());
    assert!(stderr.contains(expected), "{stderr}");
    assert!(
        started.elapsed() < std::time::Duration::from_secs(20),
        "took {:?}",
        started.elapsed()
    );
}

#[test]
fn billion_laughs_are_refused() {
    let mut yaml = String::from("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (x, y) in "bcdefghi".chars().zip("abcdefgh".chars()) {
        yaml.push_str(&format!(
            "{x}: &{x} [*{y}, *{y}, *{y}, *{y}, *{y}, *{y}, *{y}, *{y}, *{y}]\n"
        ));
    }
    rejected_quickly(
        "laughs",
        &format!("---\ntitle: T\n{yaml}---\nx\n"),
        "error: this YAML expands to too much",
    );
}

#[test]
fn thousands_of_nesting_levels_are_refused() {
    let nested = format!(
        "---\ntitle: T\nx: {}{}\n---\nx\n",
        "[".repeat(5000),
        "]".repeat(5000)
    );
    rejected_quickly("deep", &nested, "error: this YAML is nested too deeply");
}

#[test]
fn megabytes_of_front_matter_are_refused_before_parsing() {
    let huge = format!(
        "---\ntitle: T\nx: \"{}\"\n---\nx\n",
        "a".repeat(4 * 1024 * 1024)
    );
    rejected_quickly(
        "huge",
        &huge,
        "content/huge.md:2:1: error: the front matter is 4096 KiB; at most 256 KiB is accepted",
    );
}

#[test]
fn an_empty_file_is_a_missing_title_not_a_crash() {
    let stderr = planted("content/empty.md", b"");
    assert!(
        stderr.contains(
            "content/empty.md:1:1: error: missing required key `title` in page front matter"
        ),
        "{stderr}"
    );
}

#[test]
fn a_template_that_includes_itself_is_an_error_not_a_crash() {
    let site = fixture("basic");
    write(
        site.path(),
        "templates/page.html",
        "{% include \"page.html\" %}\n",
    );
    let stderr = build_err(site.path(), &[]);
    assert!(stderr.contains("error:"), "{stderr}");
}

#[test]
fn a_build_killed_at_any_moment_leaves_a_whole_site() {
    let site = fixture("basic");
    for i in 0..300 {
        write(
            site.path(),
            &format!("content/news/n{i}.md"),
            &format!(
                "---\ntitle: Story {i}\ndate: 2021-01-01\n---\n{}\n",
                "Words of the story. ".repeat(200)
            ),
        );
    }
    build_ok(site.path(), &[]);
    let before = snapshot(&site.path().join("public"));
    write(
        site.path(),
        "content/about.md",
        "---\ntitle: About us\n---\nChanged text.\n",
    );
    for i in 0..300 {
        write(
            site.path(),
            &format!("content/news/n{i}.md"),
            &format!("---\ntitle: Story {i} changed\ndate: 2021-01-01\n---\nNew.\n"),
        );
    }
    for delay_ms in [0u64, 5, 10, 20, 40, 80, 120, 160, 240, 320] {
        let mut child = potline()
            .arg("build")
            .arg("--root")
            .arg(site.path())
            .spawn()
            .expect("starts");
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        let now = snapshot(&site.path().join("public"));
        let whole_new = now
            .get("about/index.html")
            .is_some_and(|b| String::from_utf8_lossy(b).contains("Changed text."));
        assert!(
            now == before || whole_new,
            "after a kill at {delay_ms} ms the site is neither the old one nor the new one"
        );
        if whole_new {
            // Every changed page of the new build is there too: never a mix.
            assert!(
                now.iter()
                    .filter(|(p, _)| p.starts_with("news/n"))
                    .all(|(_, b)| String::from_utf8_lossy(b).contains("changed"))
            );
        }
    }
    build_ok(site.path(), &[]);
    let doc = html(&site.path().join("public/about/index.html"));
    assert_eq!(texts(&doc, "article p"), ["Changed text."]);
    assert!(!site.path().join(".public.staging").exists());
    assert!(!site.path().join(".public.previous").exists());
}

#[test]
fn a_template_failing_half_way_through_the_pages_leaves_the_site_and_the_next_build_exact() {
    let site = fixture("basic");
    for i in 0..60 {
        write(
            site.path(),
            &format!("content/news/n{i}.md"),
            &format!("---\ntitle: Story {i}\ndate: 2021-01-01\n---\nFirst text {i}.\n"),
        );
    }
    build_ok(site.path(), &[]);
    let before = snapshot(&site.path().join("public"));
    // Every page is written as soon as it is rendered; one of them then fails.
    for i in 0..60 {
        write(
            site.path(),
            &format!("content/news/n{i}.md"),
            &format!("---\ntitle: Story {i}\ndate: 2021-01-01\n---\nSecond text {i}.\n"),
        );
    }
    write(
        site.path(),
        "templates/news.html",
        "<!DOCTYPE html><html lang=\"en\"><title>{{ page.title }}</title><main>{{ page.content | safe }}</main>{% if page.title == \"Story 30\" %}{{ page.fields.missing.deeper }}{% endif %}</html>\n",
    );
    let stderr = build_err(site.path(), &[]);
    assert!(stderr.contains("news.html"), "{stderr}");
    assert!(
        snapshot(&site.path().join("public")) == before,
        "a failed build changed the published site"
    );
    write(
        site.path(),
        "templates/news.html",
        "<!DOCTYPE html><html lang=\"en\"><title>{{ page.title }}</title><main>{{ page.content | safe }}</main></html>\n",
    );
    build_ok(site.path(), &[]);
    let fresh = tempfile::tempdir().expect("temp");
    let fresh_out = fresh.path().join("public");
    build_ok(
        site.path(),
        &["--output", fresh_out.to_str().expect("utf-8 path")],
    );
    assert!(
        snapshot(&site.path().join("public")) == snapshot(&fresh_out),
        "the build after a failed one differs from a build into an empty folder"
    );
    let doc = html(&site.path().join("public/news/n30/index.html"));
    assert_eq!(texts(&doc, "main p"), ["Second text 30."]);
}

#[test]
fn awkward_file_names_get_clean_urls() {
    let site = fixture("basic");
    for name in ["Plant Visit #2?.md", "百色 新闻.md", "launch 🎉 100%.md"] {
        write(
            site.path(),
            &format!("content/{name}"),
            "---\ntitle: T\n---\nx\n",
        );
    }
    build_ok(site.path(), &[]);
    let public = site.path().join("public");
    for url in ["plant-visit-2", "bai-se-xin-wen", "launch-100"] {
        assert!(
            public.join(url).join("index.html").is_file(),
            "{url} missing"
        );
    }
}

#[test]
fn names_differing_only_in_case_or_normalisation_collide_clearly() {
    let site = fixture("basic");
    write(
        site.path(),
        "content/Cafe\u{301}.md",
        "---\ntitle: A\n---\nx\n",
    );
    write(
        site.path(),
        "content/caf\u{e9}.md",
        "---\ntitle: B\n---\nx\n",
    );
    let stderr = build_err(site.path(), &[]);
    assert!(
        stderr.contains(
            "error: this page's URL /cafe/ (from its file name) is also the URL of content/"
        ),
        "{stderr}"
    );
}

#[test]
fn a_link_to_a_file_outside_the_site_is_never_published() {
    let site = fixture("basic");
    let secret = tempfile::tempdir().expect("temp");
    std::fs::write(secret.path().join("secret.txt"), "private").expect("write");
    std::os::unix::fs::symlink(
        secret.path().join("secret.txt"),
        site.path().join("static/secret.txt"),
    )
    .expect("link");
    let stderr = build_err(site.path(), &[]);
    assert!(
        stderr.contains("static/secret.txt:1:1: error: this is a link to"),
        "{stderr}"
    );
    assert!(!site.path().join("public/secret.txt").exists());
    // A template cannot be one either.
    std::fs::remove_file(site.path().join("static/secret.txt")).expect("remove");
    std::os::unix::fs::symlink(
        secret.path().join("secret.txt"),
        site.path().join("templates/page.html"),
    )
    .expect("link");
    let stderr = build_err(site.path(), &[]);
    assert!(
        stderr.contains("templates/page.html:1:1: error: this is a link to"),
        "{stderr}"
    );
}

#[test]
fn links_inside_the_site_are_followed() {
    let site = fixture("basic");
    std::os::unix::fs::symlink(
        site.path().join("static/css/site.css"),
        site.path().join("static/alias.css"),
    )
    .expect("link");
    build_ok(site.path(), &[]);
    assert!(site.path().join("public/alias.css").is_file());
}

#[test]
fn an_unclosed_quote_is_located_where_it_opens() {
    let stderr = planted(
        "content/news/x.md",
        b"---\ntitle: \"Baise holds a symposium\ndate: 2021-07-30\n---\nBody.\n",
    );
    assert_reports(
        &stderr,
        "content/news/x.md:2:8: error: a quoted value is never closed\n  hint: add the closing quote at the end of the value",
    );
}

#[test]
fn a_tilde_or_nothing_for_a_required_value_is_an_empty_value() {
    for value in ["~", "", "null"] {
        let stderr = planted(
            "content/news/x.md",
            format!("---\ntitle: {value}\ndate: 2021-07-30\n---\nBody.\n").as_bytes(),
        );
        assert_reports(&stderr, "content/news/x.md:2:1: error: `title` is empty");
    }
}

#[test]
fn yaml_1_1_booleans_are_explained() {
    let stderr = planted(
        "content/news/x.md",
        b"---\ntitle: T\ndate: 2021-07-30\ndraft: yes\n---\nBody.\n",
    );
    assert_reports(
        &stderr,
        "content/news/x.md:4:1: error: `draft` should be true or false, found \"yes\"\n  hint: write true or false: `draft: true`",
    );
}

#[test]
fn an_unterminated_shortcode_names_its_line() {
    let stderr = planted(
        "content/notice.md",
        b"---\ntitle: T\n---\nIntro.\n\n{% notice(kind=\"warning\") %}\nNever closed.\n",
    );
    assert_reports(
        &stderr,
        "content/notice.md:6:1: error: the shortcode `notice` is never closed",
    );
}

#[test]
fn names_differing_only_in_case_collide_clearly() {
    let stderr = planted("content/About.md", b"---\ntitle: Another about\n---\nx\n");
    assert_reports(
        &stderr,
        "error: this page's URL /about/ (from its file name) is also the URL of content/",
    );
}
