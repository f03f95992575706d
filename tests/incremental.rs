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
