//! Files that configure static hosts rather than being pages: `.nojekyll` and `CNAME` for GitHub
//! Pages, `_headers` and `_redirects` for Netlify and Cloudflare Pages. They are produced with
//! the site's other outputs (render calls [`host_files`]), so that `public/` can be pushed to any
//! of these hosts as it is; `potline deploy` leaves them out of buckets and folders, where they
//! mean nothing. Every path in a rule of `_headers` is a clean site path ([`SitePath`]): a line
//! break, a space or a `*` in one would add or change rules. (`_redirects` is made with the
//! redirect pages, in `render`.)

use crate::config::{CacheControl, Config, GithubPages};
use crate::content::site_path::SitePath;
use crate::output::{Content, Output};

use super::media;

/// The host files of the site whose other outputs are `outputs`: `.nojekyll` and `CNAME` when
/// `github_pages` is configured, and `_headers`. A file the site provides itself (from
/// `static/`) wins: it is not generated.
pub fn host_files(config: &Config, outputs: &[Output]) -> Vec<Output> {
    let mut files = Vec::new();
    if let Some(pages) = &config.github_pages {
        files.extend(github_pages_files(pages));
    }
    files.extend(headers_file(
        outputs.iter().map(|o| o.path.as_str()),
        &config.base_path,
    ));
    files.retain(|f| !outputs.iter().any(|o| o.path == f.path));
    files
}

fn text(path: &str, content: String) -> Output {
    Output {
        path: path.into(),
        content: Content::from(content),
    }
}

/// `.nojekyll` (serve files and folders starting with `_` as they are) and `CNAME` (the custom
/// domain) for GitHub Pages.
pub fn github_pages_files(pages: &GithubPages) -> Vec<Output> {
    let mut files = vec![text(".nojekyll", String::new())];
    if let Some(domain) = &pages.cname {
        files.push(text("CNAME", format!("{domain}\n")));
    }
    files
}

/// `_headers` for Netlify and Cloudflare Pages: `nosniff` everywhere, and files whose names carry
/// a content hash cached for good. HTML keeps the hosts' own caching, which revalidates: both
/// hosts join the values of every rule matching a path, so a site-wide `Cache-Control` would
/// contradict the one of fingerprinted files.
pub fn headers_file<'a>(paths: impl Iterator<Item = &'a str>, base_path: &str) -> Vec<Output> {
    let forever = CacheControl::default().fingerprinted;
    let mut lines = String::from(
        "# HTTP headers for Netlify and Cloudflare Pages, written by potline.\n/*\n  X-Content-Type-Options: nosniff\n",
    );
    let mut fingerprinted: Vec<&str> = paths.filter(|p| media::is_fingerprinted(p)).collect();
    fingerprinted.sort_unstable();
    // Resized images are all fingerprinted and may be thousands: one rule covers their folder
    // (Cloudflare Pages reads at most 100 rules).
    let images = format!("{}/", crate::images::OUTPUT_DIR);
    if fingerprinted.iter().any(|p| p.starts_with(&images)) {
        if let Some(folder) = rule_path(base_path, &format!("/{images}")) {
            lines.push_str(&format!("\n{folder}*\n  Cache-Control: {forever}\n"));
        }
    }
    // A file whose name is not a clean path (a space, a line break) keeps the hosts' own caching.
    let files = fingerprinted
        .into_iter()
        .filter(|p| !p.starts_with(&images))
        .filter_map(|p| rule_path(base_path, &format!("/{p}")));
    for path in files {
        lines.push_str(&format!("\n{path}\n  Cache-Control: {forever}\n"));
    }
    vec![text("_headers", lines)]
}

/// A path as a rule of `_headers` names it: the site's base path and the file's path, checked
/// as a whole. None when they are not a clean path (a file name with a space or a line break).
fn rule_path(base_path: &str, path: &str) -> Option<SitePath> {
    let path = SitePath::new(path).ok()?;
    SitePath::under(base_path, &path).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(output: &Output) -> String {
        match &output.content {
            Content::Bytes(bytes) => String::from_utf8_lossy(bytes).into_owned(),
            other => panic!("unexpected content {other:?}"),
        }
    }

    #[test]
    fn github_pages_gets_nojekyll_and_its_domain() {
        let files = github_pages_files(&GithubPages {
            cname: Some("www.example.org".into()),
        });
        let names: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(names, [".nojekyll", "CNAME"]);
        assert_eq!(body(&files[1]), "www.example.org\n");
        assert_eq!(github_pages_files(&GithubPages { cname: None }).len(), 1);
    }

    #[test]
    fn headers_cache_fingerprinted_files_for_good() {
        let paths = ["index.html", "css/site.3f2a1c9e.css", "img/logo.svg"];
        let file = &headers_file(paths.into_iter(), "/sub")[0];
        assert_eq!(file.path, "_headers");
        let text = body(file);
        assert!(
            text.contains("/*\n  X-Content-Type-Options: nosniff\n"),
            "{text}"
        );
        assert!(
            text.contains(
                "/sub/css/site.3f2a1c9e.css\n  Cache-Control: public, max-age=31536000, immutable\n"
            ),
            "{text}"
        );
        assert!(!text.contains("logo.svg"));
    }

    #[test]
    fn resized_images_share_one_rule() {
        let paths = [
            "processed/a.480x360.0123456789abcdef.jpg",
            "processed/a.960x720.0123456789abcdee.webp",
        ];
        let text = body(&headers_file(paths.into_iter(), "")[0]);
        assert!(
            text.contains("\n/processed/*\n  Cache-Control: public, max-age=31536000, immutable\n"),
            "{text}"
        );
        assert!(!text.contains("a.480x360"), "{text}");
    }

    #[test]
    fn no_rule_is_written_from_a_base_path_or_file_name_that_is_not_a_clean_path() {
        let paths = ["css/a\n/*.3f2a1c9e.css", "css/b c.3f2a1c9e.css"];
        let text = body(&headers_file(paths.into_iter(), "")[0]);
        assert_eq!(
            text,
            "# HTTP headers for Netlify and Cloudflare Pages, written by potline.\n/*\n  X-Content-Type-Options: nosniff\n"
        );
    }
}
