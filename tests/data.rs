//! Data files available to templates and shortcodes, and sections generated from a data file
//! (one page per row, checked against the content type's schema with `file:line` errors).

use crate::common::*;

fn with_generated_members(root: &std::path::Path, csv: &str) {
    write(root, "data/members.csv", csv);
    let config = std::fs::read_to_string(root.join("site.yaml")).expect("read");
    write(
        root,
        "site.yaml",
        &format!("{config}generate:\n  - {{ data: members.csv, section: enterprises }}\n"),
    );
}

#[test]
fn data_files_reach_templates_and_the_data_table_shortcode() {
    let site = fixture("basic");
    write(
        site.path(),
        "data/figures.yaml",
        "- figure: Alumina\n  value: 10.5 Mt\n- figure: Aluminum\n  value: 2.37 Mt\n",
    );
    write(site.path(), "data/ports.json", "{\"main\": \"Qinzhou\"}");
    write(
        site.path(),
        "content/about.md",
        "---\ntitle: About us\n---\n{{ data_table(name=\"figures\", caption=\"Figures\") }}\n",
    );
    write(
        site.path(),
        "templates/index.html",
        "{% extends \"base.html\" %}{% block content %}<p id=\"port\">{{ data.ports.main }}</p><p id=\"count\">{{ data.figures | length }}</p>{% endblock content %}",
    );
    build_ok(site.path(), &[]);
    let about = html(&site.path().join("public/about/index.html"));
    assert_eq!(texts(&about, "table caption"), ["Figures"]);
    assert_eq!(texts(&about, "table th"), ["Figure", "Value"]);
    assert_eq!(
        texts(&about, "table td"),
        ["Alumina", "10.5 Mt", "Aluminum", "2.37 Mt"]
    );
    let home = html(&site.path().join("public/index.html"));
    assert_eq!(texts(&home, "#port"), ["Qinzhou"]);
    assert_eq!(texts(&home, "#count"), ["2"]);
}

#[test]
fn a_broken_data_file_is_located() {
    let site = fixture("basic");
    write(
        site.path(),
        "data/figures.yaml",
        "- figure: Alumina\n  value: [unclosed\n",
    );
    // Only a data file something names is read.
    write(
        site.path(),
        "content/figures.md",
        "---\ntitle: Figures\n---\n{{ data_table(name=\"figures\") }}\n",
    );
    let stderr = build_err(site.path(), &[]);
    assert!(
        stderr.contains(
            "data/figures.yaml:2:10: error: a list started with `[` is never closed with `]`"
        ),
        "{stderr}"
    );
}

#[test]
fn a_csv_becomes_one_checked_page_per_row() {
    let site = fixture("basic");
    with_generated_members(
        site.path(),
        "name,county,segment,founded,body\nGamma Alumina Co.,Debao,alumina;power,2005,Gamma refines *alumina*.\n\"Delta Foil, Ltd.\",,processing,,\n",
    );
    build_ok(site.path(), &[]);
    let public = site.path().join("public");
    let gamma = html(&public.join("enterprises/gamma-alumina-co/index.html"));
    assert_eq!(texts(&gamma, "h1"), ["Gamma Alumina Co."]);
    assert_eq!(texts(&gamma, ".county"), ["Debao"]);
    assert_eq!(texts(&gamma, "article em"), ["alumina"]);
    assert!(
        public
            .join("enterprises/delta-foil-ltd/index.html")
            .is_file()
    );
    let directory = html(&public.join("enterprises/index.html"));
    let names = texts(&directory, "main li a");
    assert!(
        names.contains(&"Delta Foil, Ltd.".to_string())
            && names.contains(&"Alpha Aluminum Co., Ltd.".to_string()),
        "{names:?}"
    );
}

#[test]
fn a_bad_row_is_reported_at_its_line() {
    let site = fixture("basic");
    with_generated_members(
        site.path(),
        "name,website\nGood Co.,https://good.example\n,not-a-url\nShort\n",
    );
    let stderr = build_err(site.path(), &[]);
    assert!(
        stderr.contains("data/members.csv:4:1: error: this row has 1 cells but the header has 2"),
        "{stderr}"
    );
    write(
        site.path(),
        "data/members.csv",
        "name,website\nGood Co.,https://good.example\n,not-a-url\n",
    );
    let stderr = build_err(site.path(), &[]);
    assert!(
        stderr
            .contains("data/members.csv:3:1: error: missing required key `name` in enterprise row"),
        "{stderr}"
    );
    assert!(stderr.contains("data/members.csv:3:1: error: `website` should be a full web address, found \"not-a-url\""), "{stderr}");
}
