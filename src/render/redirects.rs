//! Redirects from pages' old URLs (`aliases:`): a small HTML page at each old address (meta
//! refresh, canonical link and a plain link, for any host) and a `_redirects` file for hosts that
//! read one (Netlify, Cloudflare Pages) and answer with a real 301.

use super::RenderContext;
use crate::output::{Content, Output};
use crate::templates::views::permalink;

fn escape_attribute(text: &str) -> String {
    quick_xml::escape::escape(text).into_owned()
}

fn redirect_page(ctx: &RenderContext<'_>, to: &str) -> String {
    let target = escape_attribute(&permalink(ctx.config, to));
    let lang = escape_attribute(&ctx.config.language);
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>Moved</title>\n<link rel=\"canonical\" href=\"{target}\">\n<meta name=\"robots\" content=\"noindex\">\n<meta http-equiv=\"refresh\" content=\"0; url={target}\">\n</head>\n<body>\n<p>This page has moved to <a href=\"{target}\">{target}</a>.</p>\n</body>\n</html>\n"
    )
}

/// The redirect pages and the `_redirects` file (none when no page has aliases).
pub(super) fn redirect_outputs(ctx: &RenderContext<'_>) -> Vec<Output> {
    let redirects = &ctx.site.redirects;
    if redirects.is_empty() {
        return Vec::new();
    }
    let base = &ctx.config.base_path;
    let mut outputs: Vec<Output> = redirects
        .iter()
        .map(|(from, to)| {
            let file = if from.ends_with('/') {
                format!("{from}index.html")
            } else {
                from.clone()
            };
            Output {
                path: file.trim_start_matches('/').to_string(),
                content: Content::from(redirect_page(ctx, to)),
            }
        })
        .collect();
    // Hosts read `_redirects` at the site root only: other languages keep their redirect pages.
    if ctx.is_default_language {
        let lines: String = redirects
            .iter()
            .map(|(from, to)| format!("{base}{from} {base}{to} 301\n"))
            .collect();
        outputs.push(Output {
            path: "_redirects".into(),
            content: Content::from(lines),
        });
    }
    outputs
}
