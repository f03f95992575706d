//! The HTTP headers a file is served with from object storage — `Content-Type`,
//! `Cache-Control`, `Content-Encoding` — and the order files are published in, both decided
//! from the file's path alone.

use crate::config::CacheControl;

/// When a file is published: everything a page may reference first, then the pages, then the
/// files that list pages (feeds, sitemap), so no reader ever gets a page whose files are missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Phase {
    /// Stylesheets, scripts, images, fonts, downloads.
    Asset,
    /// HTML pages.
    Page,
    /// Feeds, the sitemap, `robots.txt`, JSON indexes: they point at pages.
    Index,
}

/// The headers an uploaded file carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObjectHeaders {
    /// `Content-Type`.
    pub content_type: &'static str,
    /// `Cache-Control`.
    pub cache_control: String,
    /// `Content-Encoding` of a pre-compressed file (`x.css.gz`).
    pub content_encoding: Option<&'static str>,
}

/// Splits a pre-compressed file's name into the name it stands for and its encoding.
fn encoding_of(path: &str) -> (&str, Option<&'static str>) {
    for (suffix, encoding) in [(".gz", "gzip"), (".br", "br"), (".zst", "zstd")] {
        if let Some(inner) = path.strip_suffix(suffix)
            && inner.rsplit('/').next().is_some_and(|n| n.contains('.'))
        {
            return (inner, Some(encoding));
        }
    }
    if path.ends_with(".svgz") {
        return (path, Some("gzip"));
    }
    (path, None)
}

fn extension(path: &str) -> String {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default()
}

/// Does the file name carry a content hash, `site.3f2a1c9e.css` (a `.`-separated segment of 8 or
/// more hexadecimal digits before the extension)? Such a file never changes under its name.
pub fn is_fingerprinted(path: &str) -> bool {
    let (path, _) = encoding_of(path);
    let name = path.rsplit('/').next().unwrap_or(path);
    let segments: Vec<&str> = name.split('.').collect();
    segments.len() >= 3
        && segments[1..segments.len() - 1]
            .iter()
            .any(|s| s.len() >= 8 && s.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Is this an HTML page?
pub fn is_html(path: &str) -> bool {
    matches!(extension(encoding_of(path).0).as_str(), "html" | "htm")
}

/// The headers of the file at `path` (relative to the output folder).
pub fn headers(path: &str, cache: &CacheControl) -> ObjectHeaders {
    let (inner, content_encoding) = encoding_of(path);
    let cache_control = if is_fingerprinted(path) {
        &cache.fingerprinted
    } else if is_html(path) {
        &cache.html
    } else {
        &cache.assets
    };
    let content_type = if extension(inner) == "svgz" {
        "image/svg+xml"
    } else {
        crate::serve::content_type(inner)
    };
    ObjectHeaders {
        content_type,
        cache_control: cache_control.clone(),
        content_encoding,
    }
}

/// When the file is published.
pub fn phase(path: &str) -> Phase {
    if is_html(path) {
        return Phase::Page;
    }
    match extension(encoding_of(path).0).as_str() {
        "xml" | "rss" | "atom" | "txt" | "json" | "xsl" => Phase::Index,
        _ => Phase::Asset,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_are_hex_segments_of_eight_or_more() {
        assert!(is_fingerprinted("css/site.3f2a1c9e.css"));
        assert!(is_fingerprinted("js/app.min.0123456789abcdef.js"));
        assert!(is_fingerprinted("css/site.3f2a1c9e.css.gz"));
        assert!(!is_fingerprinted("css/site.css"));
        assert!(
            !is_fingerprinted("img/deadbeef.png"),
            "the stem is the name, not a hash"
        );
        assert!(!is_fingerprinted("css/site.3f2a1c9.css"), "seven digits");
        assert!(!is_fingerprinted("news/2021.report.pdf"));
    }

    #[test]
    fn headers_follow_the_kind_of_file() {
        let cache = CacheControl::default();
        let page = headers("news/foo/index.html", &cache);
        assert_eq!(page.content_type, "text/html; charset=utf-8");
        assert_eq!(page.cache_control, "public, max-age=300");
        assert_eq!(page.content_encoding, None);
        let css = headers("css/site.3f2a1c9e.css", &cache);
        assert_eq!(css.content_type, "text/css; charset=utf-8");
        assert_eq!(css.cache_control, "public, max-age=31536000, immutable");
        assert_eq!(
            headers("img/logo.svg", &cache).cache_control,
            "public, max-age=3600"
        );
        let gz = headers("css/site.css.gz", &cache);
        assert_eq!(gz.content_type, "text/css; charset=utf-8");
        assert_eq!(gz.content_encoding, Some("gzip"));
        let svgz = headers("img/map.svgz", &cache);
        assert_eq!(
            (svgz.content_type, svgz.content_encoding),
            ("image/svg+xml", Some("gzip"))
        );
        assert_eq!(
            headers("archive.gz", &cache).content_encoding,
            None,
            "a plain archive"
        );
    }

    #[test]
    fn assets_come_before_pages_and_pages_before_indexes() {
        assert_eq!(phase("css/site.css"), Phase::Asset);
        assert_eq!(phase("index.html"), Phase::Page);
        assert_eq!(phase("sitemap.xml"), Phase::Index);
        assert_eq!(phase("rss.xml"), Phase::Index);
        assert!(Phase::Asset < Phase::Page && Phase::Page < Phase::Index);
    }
}
