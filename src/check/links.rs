//! Links and images inside the site: `@/page.md#anchor` anchors, same-page `#anchors`, links
//! written as paths (`/news/foo/`, `photo.jpg`) that lead nowhere, links to `.md` files that only
//! work in an editor, pictures that are missing or have no alt text, and front-matter images.

use std::collections::HashMap;

use serde_json::Value;

use super::scan::{Form, Reference, Scanned};
use super::{Context, Finding, Level, Source};
use crate::config::FieldKind;
use crate::content::Target;

/// Every finding about the references of every scanned file.
pub(crate) fn check(ctx: &Context<'_>, scanned: &HashMap<&str, Scanned<'_>>) -> Vec<Finding> {
    let mut findings = Vec::new();
    for file in scanned.values() {
        for reference in &file.references {
            findings.extend(check_reference(ctx, scanned, file, reference));
        }
        findings.extend(front_matter_images(ctx, &file.source));
    }
    findings
}

fn check_reference(
    ctx: &Context<'_>,
    scanned: &HashMap<&str, Scanned<'_>>,
    file: &Scanned<'_>,
    reference: &Reference,
) -> Vec<Finding> {
    let doc = file.source.doc;
    let at = |level: Level, message: String| {
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
        findings.extend(alt_text(reference).map(|(m, h)| at(Level::Warning, m).hint(h)));
    }
    let dest = reference.dest.trim();
    if let Some(target) = dest.strip_prefix("@/") {
        findings.extend(
            internal_anchor(ctx, scanned, doc.rel.as_str(), target)
                .map(|(m, h)| at(Level::Error, m).hint(h)),
        );
    } else if let Some(anchor) = dest.strip_prefix('#') {
        if !anchor.is_empty() && !file.ids.contains(&percent_decode(anchor)) {
            findings.push(
                at(
                    Level::Warning,
                    format!("there is no heading or footnote with the id `{anchor}` on this page"),
                )
                .hint(anchor_hint(&file.ids)),
            );
        }
    } else if dest.is_empty() {
        findings.push(empty_destination(reference, &at));
    } else if !is_external(dest) {
        findings.extend(
            local_path(ctx, scanned, &file.source, reference)
                .map(|(m, h)| at(Level::Error, m).hint(h)),
        );
    }
    findings
}

type Problem = (String, String);

/// `![](x)` is a forgotten description; `<img alt="">` marks a decorative picture on purpose.
fn alt_text(reference: &Reference) -> Option<Problem> {
    let missing = match (&reference.alt, reference.form) {
        (Some(alt), Form::Markdown | Form::Shortcode) => alt.trim().is_empty(),
        (Some(_), Form::Html) => false,
        (None, Form::Html) => true,
        (None, _) => false,
    };
    let hint = match reference.form {
        Form::Markdown => {
            "describe what the picture shows between the brackets, e.g. `![Workers at the alumina plant](photo.jpg)`: screen readers read it out, and it shows when the picture cannot load"
        }
        Form::Html => {
            "describe what the picture shows in an `alt` attribute, e.g. `<img src=\"photo.jpg\" alt=\"Workers at the alumina plant\">` (`alt=\"\"` marks a purely decorative picture)"
        }
        Form::Shortcode => {
            "describe what the picture shows with `alt=\"...\"`, e.g. `{{ figure(src=\"photo.jpg\", alt=\"Workers at the alumina plant\") }}`"
        }
    };
    missing.then(|| {
        (
            format!("the image `{}` has no alt text", reference.dest),
            hint.to_string(),
        )
    })
}

/// An `@/path.md#anchor` whose page exists but has no such id. A missing page is already an
/// error of the build; so is a published page linking to an unpublished one.
fn internal_anchor(
    ctx: &Context<'_>,
    scanned: &HashMap<&str, Scanned<'_>>,
    from: &str,
    target: &str,
) -> Option<Problem> {
    let (path, anchor) = target.split_once('#')?;
    if anchor.is_empty() || (ctx.is_published(from) && !ctx.is_published(path)) {
        return None;
    }
    let ids = &scanned.get(path)?.ids;
    (!ids.contains(&percent_decode(anchor))).then(|| {
        (
            format!(
                "broken anchor `#{anchor}`: `@/{path}` has no heading or footnote with that id"
            ),
            anchor_hint(ids),
        )
    })
}

fn anchor_hint(ids: &std::collections::HashSet<String>) -> String {
    let mut known: Vec<&str> = ids
        .iter()
        .map(String::as_str)
        .filter(|id| !id.starts_with("fn-"))
        .collect();
    known.sort_unstable();
    match known.as_slice() {
        [] => "the page has no headings to link to: link to the page without `#...`".to_string(),
        _ => format!(
            "heading ids are made from the heading text; this page has: {}",
            known
                .iter()
                .take(12)
                .map(|id| format!("`#{id}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// Links with a scheme (`https:`, `mailto:`) or a host (`//cdn.example`) leave the site.
pub(crate) fn is_external(dest: &str) -> bool {
    if dest.starts_with("//") {
        return true;
    }
    let scheme_end = dest.find(':');
    let path_start = dest.find(['/', '?', '#']);
    match (scheme_end, path_start) {
        (Some(colon), Some(slash)) => colon < slash && colon > 0,
        (Some(colon), None) => colon > 0,
        _ => false,
    }
}

/// A link or image written as a path: it must lead to a file of the built site.
fn local_path(
    ctx: &Context<'_>,
    scanned: &HashMap<&str, Scanned<'_>>,
    source: &Source<'_>,
    reference: &Reference,
) -> Option<Problem> {
    let dest = reference.dest.as_str();
    let (path_part, anchor) = dest
        .split_once('#')
        .map_or((dest, None), |(p, a)| (p, Some(a)));
    let path_part = path_part.split('?').next().unwrap_or("");
    if is_markdown_file(path_part) {
        return Some(markdown_link(ctx, source, dest, path_part));
    }
    if path_part.is_empty() {
        return None;
    }
    let resolved = resolve(source.url, path_part, ctx.base_path());
    if !ctx.exists(&resolved) {
        return Some(missing(reference, &resolved));
    }
    let anchor = anchor.filter(|a| !a.is_empty())?;
    let ids = page_at(ctx, &resolved)
        .and_then(|rel| scanned.get(rel.as_str()))
        .map(|s| &s.ids)?;
    (!ids.contains(&percent_decode(anchor))).then(|| {
        (
            format!("broken anchor `#{anchor}`: the page at `/{resolved}` has no heading or footnote with that id"),
            anchor_hint(ids),
        )
    })
}

/// `[text]()` or `![alt]()`: the address was never filled in.
fn empty_destination(reference: &Reference, at: &dyn Fn(Level, String) -> Finding) -> Finding {
    if reference.image {
        at(Level::Error, "this image names no file".into())
            .hint("write the picture's file between the parentheses: ![what it shows](photo.jpg)")
    } else {
        at(Level::Warning, "this link has no address".into())
            .hint("write the address between the parentheses: [text](@/news/my-item.md) or [text](https://...)")
    }
}

fn missing(reference: &Reference, resolved: &str) -> Problem {
    let dest = reference.dest.as_str();
    if dest.contains('\\') {
        let fixed = dest.replace('\\', "/");
        let what = if reference.image {
            "the image"
        } else {
            "the link"
        };
        return (
            format!("{what} `{dest}` uses `\\` between folders, which does not work on the web"),
            format!("write `/` between folders: `{fixed}`"),
        );
    }
    if !reference.image && dest.starts_with("www.") {
        return (
            format!("the link `{dest}` has no `https://`, so it points inside this site"),
            format!("a link to another website starts with https://: `https://{dest}`"),
        );
    }
    if reference.image {
        let (noun, thing) = if reference.form == Form::Shortcode && reference.alt.is_none() {
            ("file", "file")
        } else {
            ("image", "picture")
        };
        (
            format!(
                "the {noun} `{}` is not found (it would be at `/{resolved}`)",
                reference.dest
            ),
            format!(
                "put the {thing} beside the page (make the page a folder: `news/my-item/index.md` with the {thing} next to it), or in `static/images/` and write `/images/name.jpg`"
            ),
        )
    } else {
        (
            format!("broken link `{}`: nothing is published at `/{resolved}`", reference.dest),
            "link to pages with `@/` and their file in `content/`, e.g. `@/news/my-item.md`: potline checks those and keeps them working".to_string(),
        )
    }
}

fn is_markdown_file(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    lower.ends_with(".md") || lower.ends_with(".markdown")
}

/// `[x](other.md)` works in an editor's preview but not on the site.
fn markdown_link(ctx: &Context<'_>, source: &Source<'_>, dest: &str, path: &str) -> Problem {
    let folder = source
        .doc
        .rel
        .rfind('/')
        .map_or("", |i| &source.doc.rel[..i]);
    let candidate = if let Some(rooted) = path.strip_prefix('/') {
        normalize(rooted.strip_prefix("content/").unwrap_or(rooted))
    } else {
        normalize(&format!("{folder}/{path}"))
    };
    let anchor = dest
        .split_once('#')
        .map(|(_, a)| format!("#{a}"))
        .unwrap_or_default();
    let hint = if ctx.analysis.site().targets.contains_key(&candidate) {
        format!(
            "write `@/{candidate}{anchor}`: links to pages start with `@/` and name the file from `content/`"
        )
    } else {
        "links to pages start with `@/` and name the file from `content/`, e.g. `@/news/my-item.md`"
            .to_string()
    };
    (
        format!(
            "the link `{dest}` points to a Markdown file, which does not work on the published site"
        ),
        hint,
    )
}

/// The output path a link leads to, without a leading `/`: `news/foo/photo.jpg`.
pub(crate) fn resolve(page_url: &str, dest: &str, base_path: &str) -> String {
    let joined = match dest.strip_prefix('/') {
        Some(_) if !base_path.is_empty() && dest.starts_with(&format!("{base_path}/")) => {
            dest[base_path.len()..].to_string()
        }
        Some(_) => dest.to_string(),
        None => format!("{page_url}{dest}"),
    };
    normalize(&percent_decode(&joined))
}

/// Resolves `.` and `..` segments; keeps a trailing `/`.
fn normalize(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    let mut out = parts.join("/");
    if path.ends_with('/') && !out.is_empty() {
        out.push('/');
    }
    out
}

/// The source path of the page or section published at an output path, if any.
fn page_at(ctx: &Context<'_>, path: &str) -> Option<String> {
    let url = format!(
        "/{}/",
        path.trim_end_matches("index.html").trim_matches('/')
    );
    let url = if url == "//" { "/".to_string() } else { url };
    let site = ctx.analysis.site();
    site.targets.iter().find_map(|(rel, target)| {
        let target_url = match target {
            Target::Page(i) => site.pages.get(*i).map(|p| p.url.as_str()),
            Target::Section(dir) => site.sections.get(dir).map(|s| s.url.as_str()),
        };
        (target_url == Some(url.as_str())).then(|| rel.clone())
    })
}

pub(crate) fn percent_decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8()
        .map_or_else(|_| text.to_string(), |decoded| decoded.into_owned())
}

/// Image fields of the front matter (`cover: photo.jpg`) must name a file of the site: beside
/// the page, or from the site root (`/images/photo.jpg`).
fn front_matter_images(ctx: &Context<'_>, source: &Source<'_>) -> Vec<Finding> {
    let Some(page) = source.page else {
        return Vec::new();
    };
    let ty = ctx.analysis.config.type_for_section(&page.section_dir);
    ty.fields
        .iter()
        .filter(|(_, spec)| spec.kind == FieldKind::Image)
        .filter_map(|(key, _)| {
            let value = page.doc.fields.get(key).and_then(Value::as_str)?.trim();
            if value.is_empty() || is_external(value) {
                return None;
            }
            let beside = resolve(source.url, value, ctx.base_path());
            let from_root = resolve("/", value, ctx.base_path());
            if ctx.exists(&beside) || ctx.exists(&from_root) {
                return None;
            }
            Some(
                Finding::new(&page.doc.display_path, page.doc.line_of(key), 1, Level::Error, format!("`{key}`: the image `{value}` is not found"))
                    .hint("put the picture beside the page (make the page a folder with an `index.md`), or in `static/` and write its path from there, e.g. `/images/photo.jpg`"),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_resolve_like_a_browser() {
        assert_eq!(resolve("/news/foo/", "photo.jpg", ""), "news/foo/photo.jpg");
        assert_eq!(resolve("/news/foo/", "../bar/", ""), "news/bar/");
        assert_eq!(
            resolve("/news/foo/", "/images/a%20b.png", ""),
            "images/a b.png"
        );
        assert_eq!(resolve("/news/foo/", "/sub/about/", "/sub"), "about/");
    }

    #[test]
    fn schemes_and_hosts_are_external() {
        for dest in [
            "https://a.example/x",
            "mailto:a@b.example",
            "//cdn.example/x",
            "tel:+86",
        ] {
            assert!(is_external(dest), "{dest}");
        }
        for dest in ["photo.jpg", "/a:b", "news/x.md#a:b", "@/news/x.md"] {
            assert!(!is_external(dest), "{dest}");
        }
    }
}
