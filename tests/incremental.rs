//! The builder `potline serve` keeps between rebuilds caches parsed files, rendered Markdown and
//! templates. Whatever changes, a rebuild must produce exactly what a fresh build produces.

use std::collections::BTreeMap;
use std::path::Path;

use potline::build::Builder;

use crate::common::*;

fn outputs_of(builder: &mut Builder) -> BTreeMap<String, Vec<u8>> {
    rendered_outputs(builder, |_| true)
}

/// Applies `change`, rebuilds with the kept builder (told which file changed) and checks the
/// result against a fresh builder.
fn assert_rebuild_matches_fresh(
    site: &Path,
    builder: &mut Builder,
    changed: &str,
    change: impl FnOnce(),
) {
    change();
    builder.invalidate(&[site.join(changed)]);
    let incremental = outputs_of(builder);
    let fresh = outputs_of(&mut Builder::new(build_options(site)));
    assert_eq!(
        incremental.keys().collect::<Vec<_>>(),
        fresh.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &fresh {
        assert!(
            incremental[path] == *bytes,
            "{path} differs after changing {changed}"
        );
    }
}

#[test]
fn rebuilds_after_every_kind_of_change_equal_a_fresh_build() {
    let site = fixture("basic");
    let root = site.path();
    // A template that looks another page up: it must follow that page's changes.
    write(
        root,
        "templates/page.html",
        "{% extends \"base.html\" %}{% block content %}{% set first = get_page(path=\"news/first.md\") %}<p id=\"first\">{{ first.title }}</p><p id=\"url\">{{ get_url(path=\"@/news/second.md\") }}</p>{{ page.content | safe }}{% endblock content %}",
    );
    let mut builder = Builder::new(build_options(root));
    outputs_of(&mut builder);

    assert_rebuild_matches_fresh(root, &mut builder, "content/news/first.md", || {
        let text = std::fs::read_to_string(root.join("content/news/first.md")).expect("read");
        write(
            root,
            "content/news/first.md",
            &text.replace("title: First story", "title: First story, retitled"),
        );
    });
    assert_rebuild_matches_fresh(root, &mut builder, "content/about.md", || {
        write(
            root,
            "content/about.md",
            "---\ntitle: About us again\n---\nChanged.\n",
        );
    });
    // The slug of a linked page changes: the page linking to it must be rendered again.
    assert_rebuild_matches_fresh(root, &mut builder, "content/news/second.md", || {
        let text = std::fs::read_to_string(root.join("content/news/second.md")).expect("read");
        write(
            root,
            "content/news/second.md",
            &text.replace("slug: the-second", "slug: renamed"),
        );
    });
    assert_rebuild_matches_fresh(root, &mut builder, "content/news/new.md", || {
        write(
            root,
            "content/news/new.md",
            "---\ntitle: New\ndate: 2021-09-01\ntags: [brand]\n---\nNew.\n",
        );
    });
    assert_rebuild_matches_fresh(root, &mut builder, "content/news/new.md", || {
        std::fs::remove_file(root.join("content/news/new.md")).expect("remove");
    });
    assert_rebuild_matches_fresh(root, &mut builder, "templates/enterprise.html", || {
        write(
            root,
            "templates/enterprise.html",
            "{% extends \"base.html\" %}{% block content %}<p class=\"new\">{{ page.title }}</p>{% endblock content %}",
        );
    });
    assert_rebuild_matches_fresh(root, &mut builder, "site.yaml", || {
        let text = std::fs::read_to_string(root.join("site.yaml")).expect("read");
        write(
            root,
            "site.yaml",
            &text.replace("Fixture Site", "Renamed Site"),
        );
    });
    assert_rebuild_matches_fresh(root, &mut builder, "static/css/site.css", || {
        write(root, "static/css/site.css", "body { color: red; }\n");
    });
}

#[test]
fn a_broken_file_fails_the_rebuild_and_fixing_it_recovers() {
    let site = fixture("basic");
    let root = site.path();
    let mut builder = Builder::new(build_options(root));
    let before = outputs_of(&mut builder);
    write(
        root,
        "content/about.md",
        "---\ntitle: [unclosed\n---\nText.\n",
    );
    builder.invalidate(&[root.join("content/about.md")]);
    let error = builder
        .render()
        .err()
        .expect("a broken file fails the build");
    assert!(
        error.to_string().contains(
            "content/about.md:2:8: error: a list started with `[` is never closed with `]`"
        ),
        "{error}"
    );
    write(
        root,
        "content/about.md",
        "---\ntitle: About us\n---\nAbout the fixture.\n",
    );
    builder.invalidate(&[root.join("content/about.md")]);
    assert_eq!(outputs_of(&mut builder), before);
}

/// Under `potline serve` the builder trusts the watcher's reports: it looks only at the files
/// named, keeps the file list, and keeps the whole site index (and the last render's outputs)
/// while edits leave every front matter as it was. Each of these runs must still equal a fresh
/// build: body edits in either language, of a page shown in the other language as a fallback,
/// of a section text, on paginated sections and terms, and the changes that end the fast path.
#[test]
fn a_builder_trusting_reported_changes_rebuilds_to_what_a_fresh_build_makes() {
    let site = fixture("bilingual");
    let root = site.path();
    let config = std::fs::read_to_string(root.join("site.yaml")).expect("read site.yaml");
    write(
        root,
        "site.yaml",
        &config
            .replace(
                "  - { name: tags, title: Tags }",
                "  - { name: tags, title: Tags, paginate: 1 }",
            )
            .replace("feeds:", "untranslated: fallback\nfeeds:"),
    );
    write(
        root,
        "content/news/_index.md",
        "---\ntitle: News\npaginate: 1\n---\nAll the news.\n",
    );
    // Looks other pages up, so that their edits must reach it; asks for a resized picture and
    // a fingerprinted stylesheet, which must stay published while it is not rendered again.
    write(
        root,
        "templates/page.html",
        "{% extends \"base.html\" %}{% block content %}{% set news = get_section(path=\"news/_index.md\") %}<ul>{% for p in news.pages %}<li>{{ p.title }}: {{ p.word_count }} words, {{ p.summary | safe }}</li>{% endfor %}</ul>{% set logo = resize_image(path=\"img/logo.png\", width=20) %}<img src=\"{{ logo.url }}\" alt=\"\"><link rel=\"stylesheet\" href=\"{{ asset_url(path=\"css/site.css\", fingerprint=true) }}\">{{ page.content | safe }}{% endblock content %}",
    );
    std::fs::create_dir_all(root.join("static/img")).expect("static/img");
    image::RgbImage::from_pixel(64, 48, image::Rgb([200, 30, 30]))
        .save(root.join("static/img/logo.png"))
        .expect("a PNG");
    let about = std::fs::read_to_string(root.join("content/about.md")).expect("read");
    write(
        root,
        "content/about.md",
        &format!("{about}\n![The logo](/img/logo.png)\n"),
    );
    let mut builder = Builder::new(build_options(root));
    builder.trust_reported_changes();
    outputs_of(&mut builder);
    let append = |file: &str, text: &str| {
        let before = std::fs::read_to_string(root.join(file)).expect("read");
        write(root, file, &format!("{before}\n{text}\n"));
    };
    assert_rebuild_matches_fresh(root, &mut builder, "content/news/symposium.md", || {
        append(
            "content/news/symposium.md",
            "A new paragraph, with [a link](@/about.md).",
        );
    });
    assert_rebuild_matches_fresh(root, &mut builder, "content/news/symposium.zh.md", || {
        append("content/news/symposium.zh.md", "新的一段。");
    });
    assert_rebuild_matches_fresh(root, &mut builder, "content/news/english-only.md", || {
        append(
            "content/news/english-only.md",
            "Shown in Chinese too, as a fallback.",
        );
    });
    assert_rebuild_matches_fresh(root, &mut builder, "content/news/_index.md", || {
        append("content/news/_index.md", "More about the news.");
    });
    assert_rebuild_matches_fresh(root, &mut builder, "content/enterprises/a.md", || {
        let text = std::fs::read_to_string(root.join("content/enterprises/a.md")).expect("read");
        write(
            root,
            "content/enterprises/a.md",
            &text.replacen("title:", "title: Renamed", 1),
        );
    });
    assert_rebuild_matches_fresh(root, &mut builder, "content/news/later.md", || {
        write(
            root,
            "content/news/later.md",
            "---\ntitle: Later\ndate: 2021-09-01\ntags: [brand]\n---\nLater news.\n",
        );
    });
    assert_rebuild_matches_fresh(root, &mut builder, "content/news/later.md", || {
        append("content/news/later.md", "An edit of the new page.");
    });
    assert_rebuild_matches_fresh(root, &mut builder, "templates/page.html", || {
        write(
            root,
            "templates/page.html",
            "{% extends \"base.html\" %}{% block content %}<article>{{ page.content | safe }}</article>{% endblock content %}",
        );
    });
    assert_rebuild_matches_fresh(root, &mut builder, "content/news/symposium.md", || {
        append(
            "content/news/symposium.md",
            "Edited after the template changed.",
        );
    });
    assert_rebuild_matches_fresh(root, &mut builder, "content/news/later.md", || {
        std::fs::remove_file(root.join("content/news/later.md")).expect("remove");
    });
    assert_rebuild_matches_fresh(root, &mut builder, "content/news/english-only.md", || {
        append(
            "content/news/english-only.md",
            "Edited after a page was removed.",
        );
    });
}

/// A failed run under a watcher (a broken link in an edited body) must not leave the next run
/// with half of what changed: after the fix, the rebuild equals a fresh build.
#[test]
fn a_trusting_builder_recovers_from_a_failed_body_edit() {
    let site = fixture("bilingual");
    let root = site.path();
    let mut builder = Builder::new(build_options(root));
    builder.trust_reported_changes();
    outputs_of(&mut builder);
    let file = "content/news/symposium.md";
    let text = std::fs::read_to_string(root.join(file)).expect("read");
    write(root, file, &format!("{text}\nA first edit.\n"));
    builder.invalidate(&[root.join(file)]);
    outputs_of(&mut builder);
    write(
        root,
        file,
        &format!("{text}\nA second edit, [broken](@/nowhere.md).\n"),
    );
    builder.invalidate(&[root.join(file)]);
    assert!(builder.render().is_err(), "a broken link fails the run");
    assert_rebuild_matches_fresh(root, &mut builder, file, || {
        write(root, file, &format!("{text}\nA third edit.\n"));
    });
}

/// A run that fails before it reads the content (a broken template) must not lose the changes
/// reported to it: a page added in the same batch is still found by the next run.
#[test]
fn a_trusting_builder_keeps_reports_through_a_run_that_fails_early() {
    let site = fixture("bilingual");
    let root = site.path();
    let mut builder = Builder::new(build_options(root));
    builder.trust_reported_changes();
    outputs_of(&mut builder);
    write(
        root,
        "templates/page.html",
        "{% block content %}{% if %}{% endblock content %}",
    );
    write(
        root,
        "content/news/added.md",
        "---\ntitle: Added\ndate: 2021-09-02\n---\nAdded while a template was broken.\n",
    );
    builder.invalidate(&[
        root.join("templates/page.html"),
        root.join("content/news/added.md"),
    ]);
    assert!(builder.render().is_err(), "a broken template fails the run");
    assert_rebuild_matches_fresh(root, &mut builder, "templates/page.html", || {
        std::fs::remove_file(root.join("templates/page.html")).expect("remove");
    });
}
