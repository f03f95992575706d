//! Links and images inside the site beyond what the build itself refuses (links and pictures
//! that lead to nothing published, in `crate::build::gate`): `@/page.md#anchor` anchors,
//! same-page `#anchors`, anchors of links written as paths, empty links, and pictures without
//! alt text.

use super::scan::{Form, Reference, Scanned, ScannedFiles};
use super::{Context, Finding, Level};
use crate::content::Target;
use crate::messages::Message;
use crate::site_paths::{self, percent_decode};

/// Every finding about the references of every scanned file.
pub(crate) fn check(ctx: &Context<'_>, scanned: &ScannedFiles<'_>) -> Vec<Finding> {
    let mut findings = Vec::new();
    for file in scanned.values() {
        for reference in &file.references {
            findings.extend(check_reference(ctx, scanned, file, reference));
        }
    }
    findings
}

fn check_reference(
    ctx: &Context<'_>,
    scanned: &ScannedFiles<'_>,
    file: &Scanned<'_>,
    reference: &Reference,
) -> Vec<Finding> {
    let doc = file.source.doc;
    let at = |level: Level, message: Message| {
        Finding::new(
            &doc.display_path,
            reference.line,
            reference.col,
            level,
            message,
        )
    };
    let mut findings = Vec::new();
    if reference.image {
        findings.extend(alt_text(reference).map(|m| at(Level::Warning, m)));
    }
    let dest = reference.dest.trim();
    if let Some(target) = dest.strip_prefix("@/") {
        findings.extend(
            internal_anchor(ctx, scanned, (file.source.lang, doc.rel.as_str()), target)
                .map(|(m, h)| at(Level::Error, m).hint(h)),
        );
    } else if let Some(anchor) = dest.strip_prefix('#') {
        if !anchor.is_empty() && !file.ids.contains(&percent_decode(anchor)) {
            findings.push(
                at(
                    Level::Warning,
                    crate::msg!("anchor-missing-here", anchor = anchor),
                )
                .hint(anchor_hint(&file.ids)),
            );
        }
    } else if dest.is_empty() && !reference.image {
        findings.push(at(Level::Warning, crate::msg!("link-empty")));
    } else if site_paths::names_site_path(dest) {
        findings.extend(
            path_anchor(ctx, scanned, file, dest).map(|(m, h)| at(Level::Error, m).hint(h)),
        );
    }
    findings
}

/// A message and its hint.
type Problem = (Message, Message);

/// `![](x)` is a forgotten description; `<img alt="">` marks a decorative picture on purpose.
fn alt_text(reference: &Reference) -> Option<Message> {
    let missing = match (&reference.alt, reference.form) {
        (Some(alt), Form::Markdown | Form::Shortcode) => alt.trim().is_empty(),
        (Some(_), Form::Html) => false,
        (None, Form::Html) => true,
        (None, _) => false,
    };
    let form = match reference.form {
        Form::Markdown => "markdown",
        Form::Html => "html",
        Form::Shortcode => "shortcode",
    };
    missing.then(|| crate::msg!("image-no-alt", src = &reference.dest, form = form))
}

/// An `@/path.md#anchor` whose page exists but has no such id. A missing page is already an
/// error of the build; so is a published page linking to an unpublished one.
fn internal_anchor(
    ctx: &Context<'_>,
    scanned: &ScannedFiles<'_>,
    (lang, from): (usize, &str),
    target: &str,
) -> Option<Problem> {
    let (path, anchor) = target.split_once('#')?;
    if anchor.is_empty() || (ctx.is_published(lang, from) && !ctx.is_published(lang, path)) {
        return None;
    }
    // A page not translated into this language is linked in the default one.
    let ids = &scanned
        .get(&(lang, path))
        .or_else(|| scanned.get(&(0, path)))?
        .ids;
    (!ids.contains(&percent_decode(anchor))).then(|| {
        // The heading meant, when the anchor is a typo of one.
        let hint = match site_paths::closest_id(anchor, ids.iter().map(String::as_str)) {
            Some(id) => crate::msg!("suggest-did-you-mean", name = format!("@/{path}#{id}")),
            None => anchor_hint(ids),
        };
        (
            crate::msg!("anchor-missing-internal", anchor = anchor, path = path),
            hint,
        )
    })
}

fn anchor_hint(ids: &std::collections::HashSet<String>) -> Message {
    let mut known: Vec<&str> = ids
        .iter()
        .map(String::as_str)
        .filter(|id| !id.starts_with("fn-"))
        .collect();
    known.sort_unstable();
    match known.as_slice() {
        [] => crate::msg!("anchor-no-headings-hint"),
        _ => {
            let ids: Vec<String> = known.iter().take(12).map(|id| format!("#{id}")).collect();
            let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
            crate::msg!("anchor-ids-hint", ids = crate::suggest::code_list(&ids))
        }
    }
}

/// A link written as a path (`/news/foo/#team`) to a page that exists must name one of its
/// ids. (A path that leads nowhere is an error of the build.)
fn path_anchor(
    ctx: &Context<'_>,
    scanned: &ScannedFiles<'_>,
    file: &Scanned<'_>,
    dest: &str,
) -> Option<Problem> {
    let (path_part, anchor) = dest.split_once('#')?;
    let path_part = path_part.split('?').next().unwrap_or("");
    if anchor.is_empty() || path_part.is_empty() || site_paths::is_markdown_file(path_part) {
        return None;
    }
    let resolved = site_paths::resolve(&file.source.url, path_part, ctx.base_path());
    if !ctx.exists(&resolved) {
        return None;
    }
    let ids = page_at(ctx, &resolved)
        .and_then(|key| scanned.get(&key))
        .map(|s| &s.ids)?;
    (!ids.contains(&percent_decode(anchor))).then(|| {
        (
            crate::msg!("anchor-missing-path", anchor = anchor, path = &resolved),
            anchor_hint(ids),
        )
    })
}

/// The language and source path of the page or section published at an output path, if any.
fn page_at<'a>(ctx: &Context<'a>, path: &str) -> Option<(usize, &'a str)> {
    let url = format!(
        "/{}/",
        path.trim_end_matches("index.html").trim_matches('/')
    );
    let url = if url == "//" { "/".to_string() } else { url };
    let base_path = ctx.base_path();
    ctx.analysis
        .languages
        .iter()
        .enumerate()
        .find_map(|(lang, language)| {
            let site = &language.site;
            site.targets.iter().find_map(|(rel, target)| {
                let target_url = match target {
                    Target::Page(i) => site.pages.get(*i).map(|p| p.url.as_str()),
                    Target::Section(dir) => site.sections.get(dir).map(|s| s.url.as_str()),
                };
                let found = target_url.is_some_and(|own| {
                    crate::build::gate::page_url(base_path, language, own) == url
                });
                found.then_some((lang, rel.as_str()))
            })
        })
}
