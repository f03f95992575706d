//! Warnings about published files over `max_file_size` (a 12 MB PDF, a photo published as it
//! came from the camera), naming the pages that link to each.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostics::Diagnostic;
use crate::output::{Content, Output};

use super::human_size;

/// The addresses in a page's `href`, `src` and `srcset` attributes.
fn addresses(html: &str) -> impl Iterator<Item = &str> {
    ["href=\"", "src=\"", "srcset=\""]
        .into_iter()
        .flat_map(move |attr| {
            html.match_indices(attr).flat_map(move |(at, _)| {
                let value = &html[at + attr.len()..];
                let value = &value[..value.find('"').unwrap_or(value.len())];
                value
                    .split(", ")
                    .filter_map(|c| c.split_whitespace().next())
            })
        })
}

/// The output path an address in the page at `page` (an output path) leads to, if it is local.
fn resolve(page: &str, address: &str, root_path: &str) -> Option<String> {
    let address = address.split(['?', '#']).next()?;
    if address.is_empty() || address.starts_with("//") || address.contains(':') {
        return None;
    }
    let (base, rest) = match address.strip_prefix('/') {
        Some(rooted) => (
            "",
            rooted
                .strip_prefix(root_path.trim_start_matches('/'))
                .unwrap_or(rooted),
        ),
        None => (page.rsplit_once('/').map_or("", |(dir, _)| dir), address),
    };
    let mut parts: Vec<&str> = base.split('/').filter(|p| !p.is_empty()).collect();
    for part in rest.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    let joined = parts.join("/");
    let decoded = percent_encoding::percent_decode_str(&joined).decode_utf8_lossy();
    Some(decoded.into_owned())
}

/// The HTML outputs with a link or image leading to `target` (an output path).
fn linking_pages<'a>(outputs: &'a [Output], target: &str, root_path: &str) -> Vec<&'a str> {
    let name = target.rsplit('/').next().unwrap_or(target);
    outputs
        .par_iter()
        .filter(|o| o.path.ends_with(".html"))
        .filter(|o| !matches!(o.content, Content::File(_)))
        .filter_map(|o| {
            // Pages already written (a streaming build) are read back: this runs only for the
            // rare file over the limit.
            let bytes = o.content.read().ok()?;
            let text = std::str::from_utf8(&bytes).ok()?;
            let found = text.contains(name)
                && addresses(text)
                    .any(|a| resolve(&o.path, a, root_path).as_deref() == Some(target));
            found.then_some(o.path.as_str())
        })
        .collect()
}

/// The sitemap protocol's limit for one file. Crawlers read sitemaps, not people, so
/// `max_file_size` does not apply to them (a 100,000-page site's two sitemaps are 6–7 MB each).
const SITEMAP_LIMIT: u64 = 50 * 1000 * 1000;

fn is_sitemap(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.starts_with("sitemap") && name.ends_with(".xml")
}

/// A warning for every output over `limit` bytes, at its source file (relative to `root`) when it
/// is a copied file. `pages` gives a map of HTML output paths to the Markdown files they are made
/// from (asked for only when some output is over the limit: it names every page of the site).
pub fn oversize_warnings(
    outputs: &[Output],
    limit: u64,
    config: &crate::config::Config,
    pages: &dyn Fn() -> HashMap<String, PathBuf>,
) -> Vec<Diagnostic> {
    let root: &Path = &config.root;
    let mut warnings = Vec::new();
    let sources = std::cell::OnceCell::new();
    for output in outputs {
        let size = output.content.len();
        if size <= limit || (is_sitemap(&output.path) && size <= SITEMAP_LIMIT) {
            continue;
        }
        let shown = match &output.content {
            Content::File(source) => source.strip_prefix(root).unwrap_or(source).to_path_buf(),
            Content::Bytes(_) | Content::Written(_) => {
                PathBuf::from(format!("public/{}", output.path))
            }
        };
        let linked: Vec<String> = linking_pages(outputs, &output.path, &config.root_path)
            .into_iter()
            .map(|html| match sources.get_or_init(pages).get(html) {
                Some(source) => source.display().to_string(),
                None => format!("public/{html}"),
            })
            .collect();
        // `none` chooses the entry's wording for a file no page links to.
        let linked = if linked.is_empty() {
            "none".to_string()
        } else {
            linked.join(", ")
        };
        warnings.push(Diagnostic::warning(
            shown,
            1,
            1,
            crate::msg!(
                "file-too-large",
                path = output.path.as_str(),
                size = human_size(size),
                limit = human_size(limit),
                linked = linked,
            ),
        ));
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_resolve_from_their_page() {
        let page = "news/a/index.html";
        assert_eq!(
            resolve(page, "report.pdf", "").as_deref(),
            Some("news/a/report.pdf")
        );
        assert_eq!(
            resolve(page, "../b/x.pdf#p2", "").as_deref(),
            Some("news/b/x.pdf")
        );
        assert_eq!(
            resolve(page, "/sub/img/x.jpg", "/sub").as_deref(),
            Some("img/x.jpg")
        );
        assert_eq!(resolve(page, "https://example.org/x.pdf", ""), None);
        let html =
            r#"<a href="x.pdf">x</a><img src="/a.jpg" srcset="/a.480.jpg 480w, /a.960.jpg 960w">"#;
        let found: Vec<&str> = addresses(html).collect();
        assert_eq!(found, ["x.pdf", "/a.jpg", "/a.480.jpg", "/a.960.jpg"]);
    }
}
