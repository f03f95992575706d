//! Reads every body once more with pulldown-cmark, keeping what the build's Markdown stage does
//! not record: every link and image with its position and alt text, and the ids a `#anchor` can
//! point to beside headings (footnotes, `id="..."` in raw HTML).

use std::collections::{HashMap, HashSet};

use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use rayon::prelude::*;

use super::{Context, Source};
use crate::site_paths::{self, HtmlFound, HtmlScanner, PathKind};

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

/// The scanned files, by language (0: the default one) and source path (`news/foo.md`).
pub(crate) type ScannedFiles<'a> = HashMap<(usize, &'a str), Scanned<'a>>;

/// Scans every page and section index of every language, in parallel.
pub(crate) fn scan_all<'a>(ctx: &'a Context<'a>) -> ScannedFiles<'a> {
    let sources: Vec<Source<'a>> = ctx.sources().collect();
    sources
        .into_par_iter()
        .map(|source| {
            let (references, mut ids) = scan(&source.doc.body.text(), source.doc.body_line);
            if let Some(markdown) = source.markdown {
                ids.extend(markdown.heading_ids.iter().cloned());
            }
            let key = (source.lang, source.doc.rel.as_str());
            (
                key,
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
    // Read once, not once per link: a body may hold thousands.
    let mut positions = site_paths::Positions::new(body);
    let mut at = |offset: usize| {
        let (line, col) = positions.at(offset);
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
    let columns = site_paths::shortcode_columns(body, &extracted.calls);
    let mut found = Vec::new();
    for (call, col) in extracted.calls.iter().zip(columns) {
        for file in site_paths::shortcode_files(call) {
            found.push(Reference {
                dest: file.dest.to_string(),
                image: file.kind != PathKind::Link,
                alt: file.alt.map(str::to_string),
                form: Form::Shortcode,
                line: call.line + body_line - 1,
                col,
            });
        }
    }
    found
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
}
