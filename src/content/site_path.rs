//! Clean paths of the site (`/news/old-name/`, `/old/about.html`): what an old address
//! (`aliases:`) may be, and the only kind of value written into the lines of `_redirects` and
//! `_headers`, where a line break, a space, `*`, `:` or `!` would add or change a host's rules.

use std::fmt;

use crate::messages::Message;

/// Files at the site root that web hosts read as their settings (GitHub Pages, Netlify,
/// Cloudflare Pages): never pages, and never an old address.
pub const HOST_SETTINGS: [&str; 4] = ["_headers", "_redirects", ".nojekyll", "CNAME"];

/// Characters a clean path may hold besides letters, digits (of any script) and `/`.
const MARKS: &str = "-._~+,=@()";

/// A path from the site root that names one file or folder of the site and nothing else: no
/// host, no query or fragment, no pattern, no hidden file, no way up.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SitePath(String);

/// Why a text is not a clean path of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unclean {
    /// Nothing written.
    Empty,
    /// `https://...`, `mailto:...`.
    FullAddress,
    /// `//host/...`.
    OtherHost,
    /// A space, tab or line break.
    Space,
    /// An invisible control character.
    Control(char),
    /// A character that hosts read as part of a rule or of a URL's other parts.
    Character(char),
    /// A `%` not followed by two hex digits, or escapes that are not UTF-8 text.
    BadEscape,
    /// `..`.
    UpFolder,
    /// `//` inside the path.
    EmptyPart,
    /// A part starting with `.` (`/.well-known/`, `/.git/`).
    Hidden,
    /// The problem appears once `%` escapes are decoded.
    Decoded(Box<Unclean>),
}

impl Unclean {
    /// `message` with what is wrong as its arguments, which the catalogue words: `problem` (the
    /// kind: `space`, `up-folder`, ...), `char` and `code` (the character concerned and its code
    /// point), and `decoded` (`yes` when the problem shows once `%` escapes are decoded).
    pub fn describe(&self, message: Message) -> Message {
        let (inner, decoded) = match self {
            Unclean::Decoded(inner) => (&**inner, "yes"),
            other => (other, "no"),
        };
        let (problem, c) = match inner {
            Unclean::Empty => ("empty", None),
            Unclean::FullAddress => ("full-address", None),
            Unclean::OtherHost => ("other-host", None),
            Unclean::Space => ("space", None),
            Unclean::Control(c) => ("control", Some(*c)),
            Unclean::Character(c) if c.is_alphanumeric() || c.is_ascii_graphic() => {
                ("character", Some(*c))
            }
            Unclean::Character(c) => ("invisible", Some(*c)),
            Unclean::BadEscape => ("bad-escape", None),
            Unclean::UpFolder => ("up-folder", None),
            Unclean::EmptyPart => ("empty-part", None),
            Unclean::Hidden => ("hidden", None),
            Unclean::Decoded(_) => ("decoded", None),
        };
        message
            .arg("problem", problem)
            .arg("char", c.map(String::from).unwrap_or_default())
            .arg("code", format!("{:04X}", c.map_or(0, u32::from)))
            .arg("decoded", decoded)
    }
}

impl SitePath {
    /// Checks a path from the site root as it is: a page's URL (`/news/foo/`), or an output
    /// file with `/` in front (`/css/site.3f2a1c9e.css`).
    pub fn new(path: &str) -> Result<SitePath, Unclean> {
        if path.starts_with("//") {
            return Err(Unclean::OtherHost);
        }
        if !path.starts_with('/') {
            return Err(if has_scheme(path) {
                Unclean::FullAddress
            } else {
                Unclean::Character(path.chars().next().unwrap_or('/'))
            });
        }
        check(path)?;
        Ok(SitePath(path.to_string()))
    }

    /// An old address as a writer types it under `aliases:`. `/old/page` and `old/page/` both
    /// mean the folder `/old/page/`; a file name (`/old.html`) stays as it is.
    pub fn from_alias(text: &str) -> Result<SitePath, Unclean> {
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return Err(Unclean::Empty);
        }
        if has_scheme(trimmed) {
            return Err(Unclean::FullAddress);
        }
        let rooted = if trimmed.starts_with('/') {
            trimmed.to_string()
        } else {
            format!("/{trimmed}")
        };
        let SitePath(path) = SitePath::new(&rooted)?;
        let last = path.rsplit('/').next().unwrap_or("");
        if path.ends_with('/') || last.contains('.') {
            Ok(SitePath(path))
        } else {
            Ok(SitePath(format!("{path}/")))
        }
    }

    /// `path` (a clean path) below the site's base path (`/sub`, from `base_url`): the path as
    /// a host's rule names it, checked again as a whole.
    pub fn under(base_path: &str, path: &SitePath) -> Result<SitePath, Unclean> {
        SitePath::new(&format!("{base_path}{path}"))
    }

    /// The path: `/old/page/`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The file published at this path, relative to the output folder: `old/page/index.html`
    /// for `/old/page/`, `old.html` for `/old.html`.
    pub fn output_file(&self) -> String {
        let file = self.0.trim_start_matches('/');
        if file.is_empty() || file.ends_with('/') {
            format!("{file}index.html")
        } else {
            file.to_string()
        }
    }
}

impl fmt::Display for SitePath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// `https:`, `mailto:`, `javascript:` in front: a scheme, as URLs start with.
fn has_scheme(text: &str) -> bool {
    text.split_once(':').is_some_and(|(scheme, _)| {
        scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    })
}

/// Characters, escapes and parts of a path starting with `/`.
fn check(path: &str) -> Result<(), Unclean> {
    check_characters(path, true)?;
    check_parts(path)?;
    if path.contains('%') {
        let decoded = percent_encoding::percent_decode_str(path)
            .decode_utf8()
            .map_err(|_| Unclean::BadEscape)?;
        let decoded_problem =
            check_characters(&decoded, false).and_then(|()| check_parts(&decoded));
        decoded_problem.map_err(|problem| Unclean::Decoded(Box::new(problem)))?;
    }
    Ok(())
}

fn check_characters(text: &str, escapes: bool) -> Result<(), Unclean> {
    let bytes = text.as_bytes();
    for (at, c) in text.char_indices() {
        let clean = c.is_alphanumeric() || c == '/' || MARKS.contains(c);
        if clean {
            continue;
        }
        if c == '%' && escapes {
            let hex = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_hexdigit);
            if hex(at + 1) && hex(at + 2) {
                continue;
            }
            return Err(Unclean::BadEscape);
        }
        return Err(if c.is_whitespace() {
            Unclean::Space
        } else if c.is_control() {
            Unclean::Control(c)
        } else {
            Unclean::Character(c)
        });
    }
    Ok(())
}

/// No `..`, no empty part (`//`), no hidden part (`.git`).
fn check_parts(path: &str) -> Result<(), Unclean> {
    if path.contains("..") {
        return Err(Unclean::UpFolder);
    }
    let inner = path.strip_prefix('/').unwrap_or(path);
    let mut parts = inner.split('/').peekable();
    while let Some(part) = parts.next() {
        let last = parts.peek().is_none();
        if part.is_empty() && !last && !inner.is_empty() {
            return Err(Unclean::EmptyPart);
        }
        if part.starts_with('.') {
            return Err(Unclean::Hidden);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn alias(text: &str) -> Result<String, Unclean> {
        SitePath::from_alias(text).map(|p| p.as_str().to_string())
    }

    #[test]
    fn aliases_become_folder_paths_unless_they_name_a_file() {
        assert_eq!(alias("/old/page").as_deref(), Ok("/old/page/"));
        assert_eq!(alias("old/page/").as_deref(), Ok("/old/page/"));
        assert_eq!(alias(" /old.html ").as_deref(), Ok("/old.html"));
        assert_eq!(alias("/").as_deref(), Ok("/"));
        assert_eq!(alias("/新闻/旧的/").as_deref(), Ok("/新闻/旧的/"));
        assert_eq!(
            alias("/%E6%96%B0%E9%97%BB/").as_deref(),
            Ok("/%E6%96%B0%E9%97%BB/")
        );
    }

    #[test]
    fn anything_but_a_clean_path_is_refused() {
        let refused = [
            ("https://elsewhere/", Unclean::FullAddress),
            ("javascript:alert(1)", Unclean::FullAddress),
            ("//elsewhere/x", Unclean::OtherHost),
            ("", Unclean::Empty),
            ("/a\n/* https://elsewhere/ 301!", Unclean::Space),
            ("/a b/", Unclean::Space),
            ("/a\u{3000}b/", Unclean::Space),
            ("/a\u{7}b/", Unclean::Control('\u{7}')),
            ("/a\u{202e}b/", Unclean::Character('\u{202e}')),
            ("/*", Unclean::Character('*')),
            ("/old/ 301!", Unclean::Space),
            ("/old!", Unclean::Character('!')),
            ("/old?id=1", Unclean::Character('?')),
            ("/old#top", Unclean::Character('#')),
            ("/news/:year/", Unclean::Character(':')),
            ("/a\\b", Unclean::Character('\\')),
            ("/a/../b", Unclean::UpFolder),
            ("/a//b", Unclean::EmptyPart),
            ("/.well-known/x", Unclean::Hidden),
            ("/.nojekyll", Unclean::Hidden),
            ("/a%zz", Unclean::BadEscape),
            ("/a%ff", Unclean::BadEscape),
            ("/a%2e%2e/b", Unclean::Decoded(Box::new(Unclean::UpFolder))),
            ("/a%0a/b", Unclean::Decoded(Box::new(Unclean::Space))),
            ("/a%2a", Unclean::Decoded(Box::new(Unclean::Character('*')))),
            ("/%2e/x", Unclean::Decoded(Box::new(Unclean::Hidden))),
            ("/%2Fhost", Unclean::Decoded(Box::new(Unclean::EmptyPart))),
            (
                "/a%2525",
                Unclean::Decoded(Box::new(Unclean::Character('%'))),
            ),
        ];
        for (text, expected) in refused {
            assert_eq!(alias(text), Err(expected), "{text:?}");
        }
    }

    #[test]
    fn a_folder_path_is_published_as_its_index_file() {
        let path = |p: &str| SitePath::new(p).unwrap().output_file();
        assert_eq!(path("/"), "index.html");
        assert_eq!(path("/old/page/"), "old/page/index.html");
        assert_eq!(path("/old.html"), "old.html");
    }

    #[test]
    fn problems_read_as_sentences() {
        let alias = |problem: Unclean| {
            problem
                .describe(crate::msg!("alias-unclean", alias = "/x"))
                .text_in(crate::messages::Lang::En)
        };
        assert_eq!(
            alias(Unclean::Decoded(Box::new(Unclean::UpFolder))),
            "alias `/x` contains `..` once its `%` escapes are decoded"
        );
        assert_eq!(
            alias(Unclean::Character('*')),
            "alias `/x` contains `*`, which an address of a page may not hold"
        );
        assert_eq!(
            alias(Unclean::Control('\u{7}')),
            "alias `/x` contains an invisible control character (U+0007)"
        );
    }
}
