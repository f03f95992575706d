//! `potline list`: options of the command, and the list printed as a table for people or as JSON
//! for tools (the finding lives in `crate::scaffold::list`).

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use unicode_width::UnicodeWidthStr;

use crate::msg;
use crate::scaffold::list::{ListReport, Which, list_pages};

/// List the site's drafts, its scheduled (future-dated) pages, or all its pages.
///
/// One line a page: where it stands (draft, scheduled, published), its date in the site's time
/// zone, its language, its file and its title; the soonest first. Drafts are never published;
/// a scheduled page appears with the first `potline build` after its date. The preview
/// (`potline serve`) shows both, each with a notice at the top.
#[derive(Debug, Args)]
#[command(after_help = super::EXIT_CODES)]
pub struct ListArgs {
    /// Which pages: drafts, future (scheduled) or all.
    #[arg(value_enum, value_name = "WHICH", default_value_t = ListWhich::All)]
    pub which: ListWhich,
    /// The site's folder (the one holding site.yaml).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// How to print the list: a table for people, json for tools.
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
}

/// The pages `list` can show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListWhich {
    /// Pages with `draft: true`.
    Drafts,
    /// Pages dated in the future.
    Future,
    /// Every page.
    All,
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// A table, with a count.
    Text,
    /// One JSON object: `{"pages": [...]}`.
    Json,
}

impl ListArgs {
    /// Lists the pages; returns what to print.
    pub fn run(self) -> crate::Result<String> {
        let which = match self.which {
            ListWhich::Drafts => Which::Drafts,
            ListWhich::Future => Which::Future,
            ListWhich::All => Which::All,
        };
        let report = list_pages(&self.root, which, chrono::Utc::now())?;
        if !report.files_with_errors.is_empty() {
            eprintln!(
                "{}",
                msg!(
                    "list-files-with-errors",
                    count = report.files_with_errors.len()
                )
            );
        }
        Ok(match self.format {
            ListFormat::Text => table(&report, which),
            ListFormat::Json => json(&report),
        })
    }
}

/// The list as a table (columns aligned for Chinese too: its characters take two columns), then
/// the count; or the sentence saying there is nothing to list.
fn table(report: &ListReport, which: Which) -> String {
    if report.pages.is_empty() {
        return msg!("list-empty", which = which.code()).to_string();
    }
    let header = [
        msg!("list-column-status"),
        msg!("list-column-date"),
        msg!("list-column-language"),
        msg!("list-column-file"),
        msg!("list-column-title"),
    ]
    .map(|m| m.to_string());
    let mut rows = vec![header];
    for page in &report.pages {
        let date = page.date.map_or("-".to_string(), |d| {
            d.with_timezone(&report.timezone)
                .format("%Y-%m-%d %H:%M")
                .to_string()
        });
        rows.push([
            msg!("list-status", status = page.status.code()).to_string(),
            date,
            page.language.clone(),
            page.path.clone(),
            page.title.clone(),
        ]);
    }
    let mut lines: Vec<String> = aligned(&rows);
    lines.push(msg!("list-count", count = report.pages.len()).to_string());
    lines.join("\n")
}

/// Rows with every column but the last padded to the widest cell, two spaces apart.
fn aligned(rows: &[[String; 5]]) -> Vec<String> {
    let mut widths = [0usize; 5];
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.width());
        }
    }
    rows.iter()
        .map(|row| {
            let mut line = String::new();
            for (i, cell) in row.iter().enumerate() {
                line.push_str(cell);
                if i + 1 < row.len() {
                    line.push_str(&" ".repeat(widths[i] - cell.width() + 2));
                }
            }
            line.trim_end().to_string()
        })
        .collect()
}

/// The list as JSON: each page's status, date (RFC 3339, in the site's time zone), language,
/// file, title and URL.
fn json(report: &ListReport) -> String {
    let pages: Vec<serde_json::Value> = report
        .pages
        .iter()
        .map(|page| {
            serde_json::json!({
                "status": page.status.code(),
                "date": page.date.map(|d| crate::dates::to_rfc3339(d, report.timezone)),
                "language": page.language,
                "path": page.path,
                "title": page.title,
                "url": page.url,
            })
        })
        .collect();
    let value = serde_json::json!({ "pages": pages });
    serde_json::to_string_pretty(&value).unwrap_or_default()
}
