//! Redirects from pages' old URLs (`aliases:`): a small HTML page at each old address (meta
//! refresh, canonical link and a plain link, for any host) and a `_redirects` file for hosts that
//! read one (Netlify, Cloudflare Pages) and answer with a real 301. Old addresses are clean paths
//! ([`crate::content::site_path::SitePath`]); whether nothing else is published there is
//! checked once every language is rendered.

use super::RenderContext;
use crate::content::site_path::SitePath;
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
    let mut outputs: Vec<Output> = redirects
        .iter()
        .map(|redirect| Output {
            path: redirect.from.output_file(),
            content: Content::from(redirect_page(ctx, redirect.to.as_str())),
        })
        .collect();
    // Hosts read `_redirects` at the site root only: other languages keep their redirect pages.
    if ctx.is_default_language {
        outputs.extend(redirects_file(
            redirects.iter().map(|r| (&r.from, &r.to)),
            &ctx.config.base_path,
        ));
    }
    outputs
}

/// `_redirects` for Netlify and Cloudflare Pages: one permanent redirect per `(from, to)` pair of
/// clean site paths (`/old/`, `/news/new/`), below the base path; nothing when there are none.
/// A pair that is not clean with the base path in front (a `base_url` with a `*`) has no rule.
fn redirects_file<'a>(
    redirects: impl Iterator<Item = (&'a SitePath, &'a SitePath)>,
    base_path: &str,
) -> Option<Output> {
    let lines: String = redirects
        .filter_map(|(from, to)| {
            let from = SitePath::under(base_path, from).ok()?;
            let to = SitePath::under(base_path, to).ok()?;
            Some(format!("{from} {to} 301\n"))
        })
        .collect();
    (!lines.is_empty()).then(|| Output {
        path: "_redirects".into(),
        content: Content::from(lines),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(pairs: &[(&str, &str)], base_path: &str) -> Option<String> {
        let pairs: Vec<(SitePath, SitePath)> = pairs
            .iter()
            .map(|(from, to)| (SitePath::new(from).unwrap(), SitePath::new(to).unwrap()))
            .collect();
        let file = redirects_file(pairs.iter().map(|(f, t)| (f, t)), base_path)?;
        Some(String::from_utf8(file.content.read().unwrap().into_owned()).unwrap())
    }

    #[test]
    fn redirects_are_permanent_below_the_base_path_and_absent_when_none() {
        assert_eq!(lines(&[], ""), None);
        assert_eq!(
            lines(&[("/old/", "/news/new/")], "/sub").as_deref(),
            Some("/sub/old/ /sub/news/new/ 301\n")
        );
    }

    #[test]
    fn only_clean_paths_make_rules() {
        assert_eq!(lines(&[("/old/", "/news/new/")], "/a*b"), None);
        // An alias cannot even become a path that could hold another rule.
        assert!(SitePath::from_alias("/x\n/* https://elsewhere/ 301!").is_err());
    }
}
