//! Checks of whole pages: a page with no summary (lists and search results show nothing for it),
//! two pages with the same title, and a front-matter fence typed with the wrong dashes.

use std::collections::HashMap;

use super::{Context, Finding, Level, Source};

/// Every finding about pages as a whole.
pub(crate) fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut findings: Vec<Finding> = ctx.pages().filter_map(|p| empty_summary(&p)).collect();
    findings.extend(ctx.pages().filter_map(|p| fence_typo(&p)));
    findings.extend(duplicate_titles(ctx));
    findings
}

fn empty_summary(source: &Source<'_>) -> Option<Finding> {
    let doc = source.doc;
    let has_text = doc.text("summary").is_some()
        || doc.text("description").is_some()
        || source
            .markdown
            .is_some_and(|m| !m.summary_text.trim().is_empty());
    (!has_text).then(|| {
        Finding::new(
            &doc.display_path,
            doc.body_line,
            1,
            Level::Warning,
            crate::msg!("page-no-summary"),
        )
    })
}

/// Dashes a Chinese keyboard or a word processor types instead of `-`.
const DASHES: [char; 9] = ['-', '—', '–', '－', '─', '‐', '‑', '―', 'ー'];

/// A first line like `———` or `－－－` (no front matter was found, so the whole file is text).
fn fence_typo(source: &Source<'_>) -> Option<Finding> {
    let doc = source.doc;
    if !doc.key_lines.is_empty() || doc.body_line != 1 {
        return None;
    }
    let body = doc.body.text();
    let first = body.lines().next()?.trim();
    let looks_like_fence =
        first.chars().count() >= 2 && first.chars().all(|c| DASHES.contains(&c)) && first != "---";
    looks_like_fence.then(|| {
        Finding::new(
            &doc.display_path,
            1,
            1,
            Level::Error,
            crate::msg!("front-matter-fence-typo", line = first),
        )
    })
}

/// Pages of one language sharing a title (compared without case and extra spaces): each after
/// the first (by file path) is reported, naming the first.
fn duplicate_titles(ctx: &Context<'_>) -> Vec<Finding> {
    let mut first_by_title: HashMap<(usize, String), String> = HashMap::new();
    let mut pages: Vec<Source<'_>> = ctx.pages().collect();
    pages.sort_by(|a, b| (a.lang, &a.doc.rel).cmp(&(b.lang, &b.doc.rel)));
    let mut findings = Vec::new();
    for source in pages {
        let Some(page) = source.page else { continue };
        let ty = ctx.analysis.config.type_for_section(&page.section_dir);
        let Some(title) = page.doc.text(&ty.title_field) else {
            continue;
        };
        let key = (
            source.lang,
            title
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase(),
        );
        let shown = crate::diagnostics::display_path(&page.doc.display_path);
        match first_by_title.get(&key) {
            Some(first) => findings.push(Finding::new(
                &page.doc.display_path,
                page.doc.line_of(&ty.title_field),
                1,
                Level::Warning,
                crate::msg!("title-duplicate", title = title, other = first),
            )),
            None => {
                first_by_title.insert(key, shown);
            }
        }
    }
    findings
}
