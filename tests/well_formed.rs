//! Outputs that machines read stay well formed whatever a writer pastes: dates outside the years
//! feeds can carry are refused (never a panic), characters XML forbids never reach feeds or
//! sitemaps, feed link rewriting touches URL attributes only; and a data file nothing names is
//! never read.

use std::path::Path;

use potline::build::Builder;
use quick_xml::events::Event;

use crate::common::*;

/// Reads `bytes` as XML with quick-xml, to the end, and returns the text of every element
/// (entities and CDATA resolved), by element name. Panics on anything malformed: unbalanced
/// tags, unknown entities, and characters outside XML 1.0's `Char` production (which quick-xml
/// does not check on its own).
fn xml_texts(name: &str, bytes: &[u8]) -> Vec<(String, String)> {
    let text = std::str::from_utf8(bytes).unwrap_or_else(|e| panic!("{name} is not UTF-8: {e}"));
    if let Some(c) = text.chars().find(|c| !is_xml_char(*c)) {
        panic!("{name} holds U+{:04X}, which XML 1.0 forbids", u32::from(c));
    }
    let mut reader = quick_xml::Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut open = Vec::new();
    let mut texts = Vec::new();
    loop {
        let event = reader
            .read_event()
            .unwrap_or_else(|e| panic!("{name} is not well-formed XML: {e}"));
        let current = || open.last().cloned().unwrap_or_default();
        match event {
            Event::Start(start) => {
                for attribute in start.attributes() {
                    let attribute = attribute.unwrap_or_else(|e| panic!("{name}: {e}"));
                    attribute
                        .unescape_value()
                        .unwrap_or_else(|e| panic!("{name}: {e}"));
                }
                open.push(String::from_utf8_lossy(start.name().as_ref()).into_owned());
            }
            Event::End(_) => {
                open.pop();
            }
            Event::Text(text) => {
                let decoded = text.decode().unwrap_or_else(|e| panic!("{name}: {e}"));
                let unescaped =
                    quick_xml::escape::unescape(&decoded).unwrap_or_else(|e| panic!("{name}: {e}"));
                texts.push((current(), unescaped.into_owned()));
            }
            Event::GeneralRef(reference) => {
                let entity = String::from_utf8_lossy(&reference).into_owned();
                let reference = format!("&{entity};");
                let resolved = quick_xml::escape::unescape(&reference)
                    .unwrap_or_else(|e| panic!("{name}: {reference} {e}"));
                texts.push((current(), resolved.into_owned()));
            }
            Event::CData(data) => {
                texts.push((current(), String::from_utf8_lossy(&data).into_owned()));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert!(open.is_empty(), "{name} leaves {open:?} open");
    texts
}

/// XML 1.0's `Char`: tab, line breaks and everything from U+0020 but U+FFFE and U+FFFF.
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}')
        || c >= '\u{10000}'
}

/// The text of each `element` in an XML file of the output (text pieces joined).
fn element_texts(public: &Path, file: &str, element: &str) -> Vec<String> {
    let bytes = std::fs::read(public.join(file)).unwrap_or_else(|e| panic!("read {file}: {e}"));
    let mut found: Vec<String> = Vec::new();
    let mut last_was_element = false;
    for (name, text) in xml_texts(file, &bytes) {
        if name == element {
            if last_was_element {
                if let Some(last) = found.last_mut() {
                    last.push_str(&text);
                    continue;
                }
            }
            found.push(text);
            last_was_element = true;
        } else {
            last_was_element = false;
        }
    }
    found
}

fn set_date(root: &Path, date: &str) {
    let path = root.join("content/news/first.md");
    let text = std::fs::read_to_string(&path).expect("read");
    write(
        root,
        "content/news/first.md",
        &text.replace("date: 2021-07-30", &format!("date: {date}")),
    );
}

#[test]
fn dates_outside_the_years_1_to_9999_are_refused_with_their_year_not_a_panic() {
    for (date, year) in [
        ("-0001-01-01", "-1"),
        ("10000-01-01", "10000"),
        ("0000-01-01", "0"),
    ] {
        let site = fixture("basic");
        set_date(site.path(), date);
        let stderr = build_err(site.path(), &[]);
        assert_eq!(
            stderr,
            format!(
                "content/news/first.md:3:1: error: `date`: \"{date}\" is in the year {year}; dates must be in the years 1 to 9999\n  hint: write the year with four digits, e.g. 2021-07-30 (feeds and sitemaps cannot carry other years)\n1 error found; nothing was published\n"
            )
        );
    }
}

#[test]
fn updated_and_date_fields_of_a_type_are_held_to_the_same_years() {
    let site = fixture("basic");
    let root = site.path();
    let config = std::fs::read_to_string(root.join("site.yaml")).expect("read");
    write(
        root,
        "site.yaml",
        &format!(
            "{config}types:\n  news:\n    section: news\n    fields:\n      title: {{ type: string, required: true }}\n      date: {{ type: datetime, required: true }}\n      event: {{ type: date }}\n"
        ),
    );
    write(
        root,
        "content/news/event.md",
        "---\ntitle: Event\ndate: 2021-08-01\nupdated: +10000-01-01 10:00\nevent: -0001-12-01\n---\nText.\n",
    );
    let stderr = build_err(root, &[]);
    assert!(
        stderr.contains("content/news/event.md:4:1: error: `updated`: \"+10000-01-01 10:00\" is in the year 10000; dates must be in the years 1 to 9999\n"),
        "{stderr}"
    );
    assert!(
        stderr.contains("content/news/event.md:5:1: error: `event`: \"-0001-12-01\" is in the year -1; dates must be in the years 1 to 9999\n"),
        "{stderr}"
    );
}

#[test]
fn the_first_and_last_accepted_years_reach_every_feed_and_the_sitemap() {
    let site = fixture("basic");
    let root = site.path();
    set_date(root, "0001-01-01");
    write(
        root,
        "content/news/last.md",
        "---\ntitle: Last\ndate: 2021-08-03\nupdated: 9999-12-31 23:59\ntags: [brand]\n---\nText.\n",
    );
    build_ok(root, &[]);
    let public = root.join("public");
    // Year 1 in Asia/Shanghai is in local mean time (+08:05:43), written +08:06.
    let dates = element_texts(&public, "rss.xml", "pubDate");
    assert!(
        dates
            .iter()
            .any(|d| d.starts_with("Mon, 1 Jan 0001 00:00:00 +08")),
        "{dates:?}"
    );
    let updated = element_texts(&public, "atom.xml", "updated");
    assert!(
        updated.contains(&"9999-12-31T23:59:00+08:00".to_string()),
        "{updated:?}"
    );
    let lastmod = element_texts(&public, "sitemap.xml", "lastmod");
    assert!(
        lastmod
            .iter()
            .any(|d| d.starts_with("0001-01-01T00:00:00+08:")),
        "{lastmod:?}"
    );
    element_texts(&public, "tags/brand/rss.xml", "title");
}

#[test]
fn pasted_vertical_tabs_and_form_feeds_never_reach_feeds_or_sitemaps() {
    let site = fixture("basic");
    let root = site.path();
    let config = std::fs::read_to_string(root.join("site.yaml")).expect("read");
    write(
        root,
        "site.yaml",
        &format!("{config}  full_content: true\n"),
    );
    write(
        root,
        "content/news/pasted.md",
        "---\ntitle: Pasted\u{b}from Word\ndate: 2021-08-05\nsummary: A summary\u{c} pasted\ntags: [brand]\n---\nBody line\u{b}one.\n\nNext\u{c}page, and a reference &#11; the Markdown turns into one.\n",
    );
    let out = build(root, &[]);
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for (place, character) in [
        ("2:14", "a vertical tab (U+000B)"),
        ("4:19", "a form feed (U+000C)"),
        ("7:10", "a vertical tab (U+000B)"),
        ("9:5", "a form feed (U+000C)"),
    ] {
        let warning = format!(
            "content/news/pasted.md:{place}: warning: {character} was removed: feeds and sitemaps cannot carry it\n"
        );
        assert!(stdout.contains(&warning), "{warning} not in:\n{stdout}");
    }
    let public = root.join("public");
    for file in [
        "rss.xml",
        "atom.xml",
        "tags/brand/rss.xml",
        "tags/brand/atom.xml",
        "sitemap.xml",
    ] {
        let bytes = std::fs::read(public.join(file)).expect("read");
        assert!(
            !bytes.contains(&0x0b) && !bytes.contains(&0x0c),
            "{file} holds a control character"
        );
        xml_texts(file, &bytes);
    }
    assert!(element_texts(&public, "rss.xml", "title").contains(&"Pastedfrom Word".to_string()));
    let summaries = element_texts(&public, "atom.xml", "summary");
    assert!(
        summaries.iter().any(|s| s.contains("<p>Body lineone.</p>")),
        "{summaries:?}"
    );
    let page = html(&public.join("news/pasted/index.html"));
    assert_eq!(texts(&page, "h1"), ["Pastedfrom Word"]);
    assert_eq!(
        attrs(&page, "meta[name=description]", "content"),
        ["A summary pasted"]
    );
}

#[test]
fn feed_link_rewriting_leaves_code_showing_markup_as_written() {
    let site = fixture("basic");
    let root = site.path();
    let config = std::fs::read_to_string(root.join("site.yaml")).expect("read");
    write(
        root,
        "site.yaml",
        &format!("{config}  full_content: true\n"),
    );
    write(
        root,
        "content/news/code.md",
        "---\ntitle: Code\ndate: 2021-08-05\n---\nA [real link](/news/the-second/) and `src=\"/y.png\"` inline.\n\n```html\n<a href=\"/x\">x</a>\n```\n",
    );
    build_ok(root, &[]);
    let public = root.join("public");
    let rss = element_texts(&public, "rss.xml", "description");
    let atom = element_texts(&public, "atom.xml", "summary");
    for (file, bodies) in [("rss.xml", rss), ("atom.xml", atom)] {
        let body = bodies
            .iter()
            .find(|b| b.contains("real link"))
            .unwrap_or_else(|| panic!("no entry in {file}"));
        let entry = scraper::Html::parse_fragment(body);
        assert_eq!(
            texts(&entry, "pre code"),
            ["<a href=\"/x\">x</a>"],
            "{file}"
        );
        assert_eq!(texts(&entry, "p code"), ["src=\"/y.png\""], "{file}");
        assert_eq!(
            attrs(&entry, "p a", "href"),
            ["https://fixture.example/news/the-second/"],
            "{file}"
        );
    }
}

/// A CSV of a few megabytes whose last row is broken: only reading it finds out.
fn write_broken_ledger(root: &Path) {
    let mut csv = String::from("id,plant,tonnes\n");
    for i in 0..120_000 {
        csv.push_str(&format!("{i},Plant {},{}.5\n", i % 97, i % 1000));
    }
    csv.push_str("broken row\n");
    assert!(csv.len() > 2_000_000);
    write(root, "data/ledger.csv", &csv);
}

#[test]
fn a_data_file_nothing_names_is_not_read() {
    let site = fixture("basic");
    let root = site.path();
    write_broken_ledger(root);
    write(root, "data/notes.yaml", "key: [unclosed\n");
    build_ok(root, &[]);
    // Named by a page (through the `data_table` shortcode), the same file is read and located.
    write(
        root,
        "content/about.md",
        "---\ntitle: About us\n---\n{{ data_table(name=\"ledger\") }}\n",
    );
    let stderr = build_err(root, &[]);
    assert!(
        stderr.contains(
            "data/ledger.csv:120002:1: error: this row has 1 cells but the header has 3\n"
        ),
        "{stderr}"
    );
    // Named by a template.
    write(
        root,
        "content/about.md",
        "---\ntitle: About us\n---\nText.\n",
    );
    write(
        root,
        "templates/index.html",
        "{% extends \"base.html\" %}{% block content %}{{ data.notes.key }}{% endblock content %}",
    );
    let stderr = build_err(root, &[]);
    assert!(
        stderr.starts_with("data/notes.yaml:1:6: error: "),
        "{stderr}"
    );
}

#[test]
fn a_data_file_templates_read_has_a_size_limit() {
    let site = fixture("basic");
    let root = site.path();
    std::fs::create_dir_all(root.join("data")).expect("data folder");
    let file = std::fs::File::create(root.join("data/huge.json")).expect("create");
    // Sparse: refused by its size before a byte is read.
    file.set_len(11 * 1024 * 1024).expect("size");
    write(
        root,
        "templates/index.html",
        "{% extends \"base.html\" %}{% block content %}{{ data.huge | length }}{% endblock content %}",
    );
    let stderr = build_err(root, &[]);
    assert_eq!(
        stderr,
        "data/huge.json:1:1: error: this data file is 11.0 MiB; a data file that templates read may have at most 10 MiB\n  hint: give templates only the rows they show (split the file, or move the rest out of `data/`); a data file that no template or page names is not read at all\n1 error found; nothing was published\n"
    );
}

#[test]
fn a_page_that_comes_to_name_an_unread_data_file_gets_it_in_the_preview() {
    let site = fixture("basic");
    let root = site.path();
    write(root, "data/plants.yaml", "- name: Debao\n- name: Pingguo\n");
    let mut builder = Builder::new(build_options(root));
    builder.trust_reported_changes();
    rendered_outputs(&mut builder, |_| false);
    write(
        root,
        "content/about.md",
        "---\ntitle: About us\n---\n{{ data_table(name=\"plants\") }}\n",
    );
    builder.invalidate(&[root.join("content/about.md")]);
    let about = |builder: &mut Builder| {
        let outputs = rendered_outputs(builder, |path| path == "about/index.html");
        String::from_utf8(outputs["about/index.html"].clone()).expect("UTF-8")
    };
    let kept = about(&mut builder);
    let page = scraper::Html::parse_document(&kept);
    assert_eq!(texts(&page, "table td"), ["Debao", "Pingguo"]);
    assert_eq!(kept, about(&mut Builder::new(build_options(root))));
}
