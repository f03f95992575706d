//! Reads every body once more with pulldown-cmark, keeping what the build's Markdown stage does
//! not record: every link and image with its position and alt text, and the ids a `#anchor` can
//! point to beside headings (footnotes, `id="..."` in raw HTML).

use std::collections::{HashMap, HashSet};

use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use rayon::prelude::*;

use super::{Context, Source};
use crate::diagnostics::line_col;

/// A link or image found in a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Reference {
    /// Where it points, as written.
    pub dest: String,
    /// An image (`![alt](src)` or `<img>`) rather than a link.
    pub image: bool,
    /// For images: the alternative text (`None` for an `<img>` without `alt`).
    pub alt: Option<String>,
    /// How it is written.
    pub form: Form,
    /// Line and column in the file.
    pub line: usize,
    pub col: usize,
}

/// How a reference is written, which decides what its alt text looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Form {
    /// `[text](dest)` or `![alt](src)`.
    Markdown,
    /// `<img src alt>`, where `alt=""` marks a decorative picture on purpose.
    Html,
    /// A shortcode argument: `{{ figure(src="...", alt="...") }}`; `alt` is None for files that
    /// are not pictures (a video).
    Shortcode,
}

impl Reference {
    /// A Markdown link or image (`[text](dest)`, `![alt](dest)`) at (line, column); an image's
    /// alt text is gathered from the events that follow.
    fn markdown(dest: &str, image: bool, (line, col): (usize, usize)) -> Self {
        Reference {
            dest: dest.to_string(),
            image,
            alt: image.then(String::new),
            form: Form::Markdown,
            line,
            col,
        }
    }
}

/// One file's references and anchor targets.
pub(crate) struct Scanned<'a> {
    pub source: Source<'a>,
    pub references: Vec<Reference>,
    /// Every id an `#anchor` may name: headings, footnotes, raw HTML ids.
    pub ids: HashSet<String>,
}

/// Scans every page and section index, in parallel; keyed by source path (`news/foo.md`).
pub(crate) fn scan_all<'a>(ctx: &'a Context<'a>) -> HashMap<&'a str, Scanned<'a>> {
    let sources: Vec<Source<'a>> = ctx.sources().collect();
    sources
        .into_par_iter()
        .map(|source| {
            let (references, mut ids) = scan(&source.doc.body.text(), source.doc.body_line);
            if let Some(markdown) = source.markdown {
                ids.extend(markdown.heading_ids.iter().cloned());
            }
            let rel = source.doc.rel.as_str();
            (
                rel,
                Scanned {
                    source,
                    references,
                    ids,
                },
            )
        })
        .collect()
}

/// The references of a body starting at `body_line`, and the footnote and HTML ids in it.
pub(crate) fn scan(body: &str, body_line: usize) -> (Vec<Reference>, HashSet<String>) {
    let mut references: Vec<Reference> = Vec::new();
    let mut ids = HashSet::new();
    let mut open_image: Option<usize> = None;
    let mut html = HtmlScanner::default();
    let at = |offset: usize| {
        let (line, col) = line_col(body, offset);
        (line + body_line - 1, col)
    };
    for (event, range) in Parser::new_ext(body, crate::markdown::options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Link { dest_url, .. }) => {
                references.push(Reference::markdown(&dest_url, false, at(range.start)));
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                open_image = Some(references.len());
                references.push(Reference::markdown(&dest_url, true, at(range.start)));
            }
            Event::End(TagEnd::Image) => open_image = None,
            Event::Text(text) | Event::Code(text) => {
                if let Some(alt) = open_image.and_then(|i| references[i].alt.as_mut()) {
                    alt.push_str(&text);
                }
            }
            Event::Start(Tag::FootnoteDefinition(name)) => {
                ids.insert(format!("fn-{}", crate::slugs::slugify(&name)));
            }
            Event::Html(text) | Event::InlineHtml(text) => {
                for (offset, found) in html.scan(&text) {
                    let (line, col) = at(range.start + offset);
                    match found {
                        HtmlFound::Id(id) => {
                            ids.insert(id);
                        }
                        HtmlFound::Image { src, alt } => references.push(Reference {
                            dest: src,
                            image: true,
                            alt,
                            form: Form::Html,
                            line,
                            col,
                        }),
                    }
                }
            }
            _ => {}
        }
    }
    references.extend(shortcode_files(body, body_line));
    (references, ids)
}

/// The files shortcodes name (`src`, `poster`); a `figure`'s picture with its `alt`. Calls the
/// build cannot read are its own errors already.
fn shortcode_files(body: &str, body_line: usize) -> Vec<Reference> {
    let Ok(extracted) = crate::shortcodes::extract(body) else {
        return Vec::new();
    };
    let lines: Vec<&str> = body.lines().collect();
    let mut found = Vec::new();
    for call in &extracted.calls {
        let text = lines.get(call.line - 1).copied().unwrap_or("");
        let col = text
            .find(&format!("{}(", call.name))
            .map_or(1, |i| text[..i].chars().count() + 1);
        for key in ["src", "poster"] {
            let Some(dest) = call.args.get(key).and_then(|v| v.as_str()) else {
                continue;
            };
            let picture = call.name == "figure" || key == "poster";
            let alt = (call.name == "figure").then(|| {
                call.args
                    .get("alt")
                    .and_then(|v| v.as_str())
                    .unwrap_or("")
                    .to_string()
            });
            found.push(Reference {
                dest: dest.to_string(),
                image: picture || call.name == "video",
                alt: if picture { alt } else { None },
                form: Form::Shortcode,
                line: call.line + body_line - 1,
                col,
            });
        }
    }
    found
}

enum HtmlFound {
    Id(String),
    Image { src: String, alt: Option<String> },
}

/// Finds `<img>` tags and `id` attributes in raw HTML, skipping comments (which may span many
/// HTML events).
#[derive(Default)]
struct HtmlScanner {
    in_comment: bool,
}

impl HtmlScanner {
    fn scan(&mut self, text: &str) -> Vec<(usize, HtmlFound)> {
        let mut found = Vec::new();
        let mut pos = 0;
        while pos < text.len() {
            if self.in_comment {
                match text[pos..].find("-->") {
                    Some(end) => {
                        pos += end + 3;
                        self.in_comment = false;
                    }
                    None => break,
                }
                continue;
            }
            let Some(lt) = text[pos..].find('<').map(|i| pos + i) else {
                break;
            };
            if text[lt..].starts_with("<!--") {
                self.in_comment = true;
                pos = lt + 4;
                continue;
            }
            let end = text[lt..].find('>').map_or(text.len(), |i| lt + i + 1);
            let tag = &text[lt..end];
            if let Some(id) = attribute(tag, "id") {
                found.push((lt, HtmlFound::Id(id)));
            }
            let is_img = tag.len() > 4
                && tag[1..4].eq_ignore_ascii_case("img")
                && !tag[4..].starts_with(|c: char| c.is_alphanumeric());
            if is_img {
                let src = attribute(tag, "src").unwrap_or_default();
                found.push((
                    lt,
                    HtmlFound::Image {
                        src,
                        alt: attribute(tag, "alt"),
                    },
                ));
            }
            pos = end;
        }
        found
    }
}

/// The value of attribute `name` in an HTML start tag (quoted or not).
fn attribute(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower[from..].find(name).map(|i| from + i) {
        from = i + name.len();
        let before_ok = lower[..i].ends_with(|c: char| c.is_ascii_whitespace());
        let rest = lower[from..].trim_start();
        if !before_ok || !rest.starts_with('=') {
            continue;
        }
        let value_start = tag.len() - rest.len() + 1;
        let value = tag[value_start..].trim_start();
        return Some(match value.chars().next() {
            Some(q @ ('"' | '\'')) => value[1..].split(q).next().unwrap_or("").to_string(),
            _ => value
                .split(|c: char| c.is_ascii_whitespace() || c == '>')
                .next()
                .unwrap_or("")
                .trim_end_matches('/')
                .to_string(),
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_images_and_alt_text_with_positions() {
        let (refs, _) = scan(
            "Intro [a](@/x.md#y).\n\n![A *fine* view](p.png) ![](q.png)\n",
            4,
        );
        assert_eq!(refs.len(), 3);
        assert_eq!(
            (refs[0].dest.as_str(), refs[0].line, refs[0].col),
            ("@/x.md#y", 4, 7)
        );
        assert_eq!(refs[1].alt.as_deref(), Some("A fine view"));
        assert_eq!(
            (refs[2].line, refs[2].col, refs[2].alt.as_deref()),
            (6, 25, Some(""))
        );
    }

    #[test]
    fn footnotes_and_html_ids_are_anchor_targets() {
        let (_, ids) = scan(
            "Text.[^Note 1]\n\n[^Note 1]: x\n\n<div id=\"team\"></div>\n",
            1,
        );
        assert!(ids.contains("fn-note-1"), "{ids:?}");
        assert!(ids.contains("team"));
    }

    #[test]
    fn html_images_outside_comments() {
        let body = "<!--\n<img src=\"old.png\">\n-->\n\n<p><img src='new.png' alt=\"\"><img src=x.png></p>\n";
        let (refs, _) = scan(body, 1);
        let found: Vec<(&str, Option<&str>)> = refs
            .iter()
            .map(|r| (r.dest.as_str(), r.alt.as_deref()))
            .collect();
        assert_eq!(found, vec![("new.png", Some("")), ("x.png", None)]);
    }
}
