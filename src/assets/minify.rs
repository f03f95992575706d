//! `--minify`: HTML without comments and needless whitespace (`html-minifier`, which keeps
//! `<pre>`, `<textarea>` and `<code>` as written and minifies inline scripts and styles), CSS
//! and JS files through rustdoc's `minifier`. Both are conservative: they drop comments and
//! whitespace and never rename or reorder anything, so the output stays the same page.

/// The kind of file a path names, as far as minifying goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `.html`
    Html,
    /// `.css`
    Css,
    /// `.js`, `.mjs`
    Js,
}

impl Kind {
    /// The kind of the file at `path`, or None for files left alone.
    pub fn of(path: &str) -> Option<Kind> {
        let extension = path.rsplit_once('.')?.1.to_ascii_lowercase();
        match extension.as_str() {
            "html" | "htm" => Some(Kind::Html),
            "css" => Some(Kind::Css),
            "js" | "mjs" => Some(Kind::Js),
            _ => None,
        }
    }
}

/// Minifies `bytes` of this kind; text that is not UTF-8, or that the minifier cannot read, is
/// returned as it is.
pub fn minify(kind: Kind, bytes: &[u8]) -> Vec<u8> {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return bytes.to_vec();
    };
    let minified = match kind {
        Kind::Html => html(text),
        Kind::Css => minifier::css::minify(text)
            .ok()
            .map(|m| m.to_string().trim().to_string()),
        Kind::Js => Some(minifier::js::minify(text).to_string().trim().to_string()),
    };
    minified.map_or_else(|| bytes.to_vec(), String::into_bytes)
}

/// The minified bytes of a built file at `path`, or None when it is not minified: neither a page,
/// a script nor a stylesheet, or a static script or stylesheet (in `assets`, minified when read).
pub fn for_output(path: &str, bytes: &[u8], assets: &super::Fingerprints) -> Option<Vec<u8>> {
    let kind = Kind::of(path)?;
    if kind != Kind::Html && assets.is_known(path) {
        return None;
    }
    Some(minify(kind, bytes))
}

fn html(text: &str) -> Option<String> {
    let mut minifier = html_minifier::HTMLMinifier::new();
    minifier.set_minify_code(false);
    minifier.digest(text).ok()?;
    String::from_utf8(minifier.get_html().to_vec()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_loses_whitespace_and_comments_but_keeps_pre() {
        let page = "<!DOCTYPE html>\n<html lang=\"en\">\n  <body>\n    <!-- note -->\n    <p>One   two</p>\n<pre>a\n  b</pre>\n  </body>\n</html>\n";
        let out = String::from_utf8(minify(Kind::Html, page.as_bytes())).expect("utf-8");
        assert!(!out.contains("note"), "{out}");
        assert!(out.contains("<p>One two</p>"), "{out}");
        assert!(out.contains("<pre>a\n  b</pre>"), "{out}");
        assert!(out.len() < page.len());
    }

    #[test]
    fn css_and_js_lose_comments() {
        let css = minify(Kind::Css, b"/* brand */\n.a > p {\n  color: red;\n}\n");
        assert_eq!(String::from_utf8_lossy(&css), ".a>p{color:red;}");
        let js = minify(
            Kind::Js,
            b"// hello\nconst a = 1;\nfunction f(x) {\n  return x + a;\n}\n",
        );
        assert!(!String::from_utf8_lossy(&js).contains("hello"));
    }
}
