//! How a check's findings are shown: as text grouped by file (each line `file:line:col: level:
//! message`, which editors and terminals turn into links), optionally coloured, or as JSON for
//! tools; and the closing count.

use anstyle::{AnsiColor, Style};
use serde::Serialize;

use super::{CheckReport, Finding, Level};
use crate::messages::{Lang, Message};

/// Which findings to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// Errors only.
    Quiet,
    /// Errors, warnings and notes.
    Normal,
}

/// The findings as text, one blank line between files.
pub fn text(report: &CheckReport, detail: Detail, color: bool) -> String {
    let mut out = String::new();
    let mut last_path: Option<&str> = None;
    let shown = report
        .findings
        .iter()
        .filter(|f| detail == Detail::Normal || f.level == Level::Error);
    for finding in shown {
        if last_path.is_some_and(|p| p != finding.path) {
            out.push('\n');
        }
        last_path = Some(&finding.path);
        out.push_str(&line(finding, color));
        out.push('\n');
    }
    out
}

fn paint(text: &str, style: Style, color: bool) -> String {
    if color {
        format!("{style}{text}{style:#}")
    } else {
        text.to_string()
    }
}

fn line(finding: &Finding, color: bool) -> String {
    let level_style = match finding.level {
        Level::Error => AnsiColor::Red.on_default().bold(),
        Level::Warning => AnsiColor::Yellow.on_default().bold(),
        Level::Note => AnsiColor::Cyan.on_default().bold(),
    };
    let location = format!("{}:{}:{}:", finding.path, finding.line, finding.col);
    let mut text = format!(
        "{} {} {}",
        paint(&location, Style::new().bold(), color),
        paint(&format!("{}:", finding.level.label()), level_style, color),
        finding.message_text()
    );
    if let Some(hint) = finding.hint_text() {
        let label = crate::messages::render(crate::messages::language(), "label-hint", None, &[]);
        let label = paint(&format!("{label}:"), AnsiColor::Cyan.on_default(), color);
        text.push_str(&format!("\n  {label} {hint}"));
    }
    text
}

/// The closing line, in the run's language: `found 2 errors and 1 warning in 2 files (14 pages
/// checked)`.
pub fn summary(report: &CheckReport) -> String {
    summary_in(report, crate::messages::language())
}

/// The closing line in `lang`.
pub fn summary_in(report: &CheckReport, lang: Lang) -> String {
    let counts: Vec<String> = [
        (report.count(Level::Error), "check-count-errors"),
        (report.count(Level::Warning), "check-count-warnings"),
        (report.count(Level::Note), "check-count-notes"),
    ]
    .into_iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, code)| Message::new(code).arg("count", n).text_in(lang))
    .collect();
    let pages = report.pages;
    let Some(counts) = join_and(&counts, lang) else {
        return crate::msg!("check-summary-clean", pages = pages).text_in(lang);
    };
    let files = report.files();
    crate::msg!(
        "check-summary",
        counts = counts,
        files = files,
        pages = pages
    )
    .text_in(lang)
}

/// `a`, `a and b`, `a, b and c`, in `lang`'s words; None for nothing.
fn join_and(items: &[String], lang: Lang) -> Option<String> {
    let (last, rest) = items.split_last()?;
    let Some((first, middle)) = rest.split_first() else {
        return Some(last.clone());
    };
    let head = middle.iter().fold(first.clone(), |head, item| {
        crate::msg!("check-list-more", head = head, item = item).text_in(lang)
    });
    Some(crate::msg!("check-list-last", head = head, item = last).text_in(lang))
}

#[derive(Serialize)]
struct JsonReport<'a> {
    errors: usize,
    warnings: usize,
    notes: usize,
    files: usize,
    pages: usize,
    items: &'a [Finding],
}

/// The whole report as JSON: the counts and every finding (`path`, `line`, `col`, `severity`,
/// `message`, `hint`), sorted by file and position.
pub fn json(report: &CheckReport) -> String {
    let json = JsonReport {
        errors: report.count(Level::Error),
        warnings: report.count(Level::Warning),
        notes: report.count(Level::Note),
        files: report.files(),
        pages: report.pages,
        items: &report.findings,
    };
    serde_json::to_string_pretty(&json).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::Message;
    use std::path::Path;

    fn report() -> CheckReport {
        CheckReport {
            findings: vec![
                Finding::new(
                    Path::new("content/a.md"),
                    2,
                    1,
                    Level::Error,
                    Message::plain("bad"),
                )
                .hint(Message::plain("fix")),
                Finding::new(
                    Path::new("content/a.md"),
                    5,
                    3,
                    Level::Warning,
                    Message::plain("odd"),
                ),
                Finding::new(
                    Path::new("content/b.md"),
                    1,
                    1,
                    Level::Warning,
                    Message::plain("odd"),
                ),
            ],
            pages: 3,
        }
    }

    #[test]
    fn grouped_by_file_with_a_count() {
        assert_eq!(
            text(&report(), Detail::Normal, false),
            "content/a.md:2:1: error: bad\n  hint: fix\ncontent/a.md:5:3: warning: odd\n\ncontent/b.md:1:1: warning: odd\n"
        );
        assert_eq!(
            summary(&report()),
            "found 1 error and 2 warnings in 2 files (3 pages checked)"
        );
        assert_eq!(
            text(&report(), Detail::Quiet, false),
            "content/a.md:2:1: error: bad\n  hint: fix\n"
        );
    }

    #[test]
    fn colour_only_when_asked() {
        assert!(text(&report(), Detail::Normal, true).contains("\u{1b}["));
    }
}
