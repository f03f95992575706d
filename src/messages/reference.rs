//! The list of every message code with its English and Chinese texts, as the writer's guide shows
//! it (`docs/writing.md`, between the markers below): made from the catalogue, so the guide can
//! never list a code that does not exist or miss one that does (a test compares them).

use std::borrow::Cow;

use super::catalogue::{self, AREAS};
use super::{Arg, Lang};

/// The line before the generated list in `docs/writing.md`.
pub const START: &str = "<!-- message codes: generated from locales/ by the tests; do not edit -->";
/// The line after it.
pub const END: &str = "<!-- end of message codes -->";

/// The list, one table per area: code, English text and hint, Chinese text and hint. Variables
/// are shown as `{name}`.
pub fn table() -> String {
    let mut out = String::new();
    for (area, source) in AREAS.iter().zip(catalogue::sources(Lang::En)) {
        let entries = catalogue::entries(source);
        let shown: Vec<_> = entries
            .iter()
            .filter(|e| !e.code.starts_with("label-") && e.code != "caused-by")
            .collect();
        if shown.is_empty() {
            continue;
        }
        out.push_str(&format!(
            "\n#### {area}\n\n| code | English | 中文 |\n|---|---|---|\n"
        ));
        for entry in shown {
            let args: Vec<(Cow<'static, str>, Arg)> = entry
                .variables
                .iter()
                .map(|v| (Cow::Owned(v.clone()), Arg::Text(format!("{{{v}}}"))))
                .collect();
            out.push_str(&format!(
                "| `{}` | {} | {} |\n",
                entry.code,
                cell(Lang::En, &entry.code, &args),
                cell(Lang::Zh, &entry.code, &args)
            ));
        }
    }
    out
}

/// One language's text of an entry, with its hint, fit for a table cell.
fn cell(lang: Lang, code: &str, args: &[(Cow<'static, str>, Arg)]) -> String {
    let mut text = catalogue::render(lang, code, None, args);
    if let Some(hint) = catalogue::hint_of(lang, code, args) {
        let label = catalogue::render(lang, "label-hint", None, &[]);
        text.push_str(&format!("<br>*{label}:* {hint}"));
    }
    text.replace('|', "\\|").replace('\n', " ")
}

/// `document` with the part between [`START`] and [`END`] replaced by the current list; None when
/// the markers are missing.
pub fn updated(document: &str) -> Option<String> {
    let start = document.find(START)? + START.len();
    let end = start + document[start..].find(END)?;
    Some(format!(
        "{}\n{}\n{}",
        &document[..start],
        table(),
        &document[end..]
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The writer's guide lists every code with both texts, as the catalogue has them. Run the
    /// tests with `POTLINE_BLESS=1` to write the current list into the guide.
    #[test]
    fn the_writers_guide_lists_every_code_in_both_languages() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/writing.md");
        let document = std::fs::read_to_string(&path).expect("docs/writing.md");
        let expected = updated(&document).expect("docs/writing.md has the message-code markers");
        if std::env::var_os("POTLINE_BLESS").is_some() {
            std::fs::write(&path, &expected).expect("write docs/writing.md");
            return;
        }
        assert!(
            document == expected,
            "docs/writing.md's list of message codes is out of date: run `POTLINE_BLESS=1 cargo test --lib the_writers_guide_lists`"
        );
    }

    #[test]
    fn every_code_is_in_the_table() {
        let table = table();
        for (_, code) in catalogue::codes(Lang::En) {
            if !code.starts_with("label-") && code != "caused-by" {
                assert!(table.contains(&format!("| `{code}` |")), "{code}");
            }
        }
    }
}
