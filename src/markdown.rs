//! Markdown to HTML with pulldown-cmark, plus the passes a site needs: heading ids and anchor
//! links, a table of contents, the summary, `@/` internal links resolved to URLs (a broken one
//! is an error naming its line), and a word count that counts Chinese characters.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::Serialize;

use crate::diagnostics::{Diagnostic, line_col};
use crate::html_safety::{is_dangerous_html, is_dangerous_url};
use crate::messages::Message;
use crate::shortcodes;
use crate::site_paths::{self, HtmlFound, HtmlScanner, PathKind, SitePath};

/// One heading in the table of contents, with the headings under it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TocEntry {
    /// 1 to 6.
    pub level: u8,
    /// The heading's `id`, for `#anchor` links.
    pub id: String,
    /// The heading's text.
    pub title: String,
    /// Lower-level headings that follow it.
    pub children: Vec<TocEntry>,
}

/// Rendered text (a body's HTML, its summary), held as a template value: every view of the page
/// shares this one copy instead of each holding its own (a large site's bodies are most of what
/// a build keeps in memory).
#[derive(Clone)]
pub struct SharedText(tera::Value);

impl SharedText {
    /// The text.
    pub fn as_str(&self) -> &str {
        self.0.as_str().unwrap_or_default()
    }

    /// The text as a template value (shared, not copied).
    pub fn value(&self) -> tera::Value {
        self.0.clone()
    }
}

impl From<String> for SharedText {
    fn from(text: String) -> Self {
        SharedText(tera::Value::from(text.as_str()))
    }
}

impl From<&str> for SharedText {
    fn from(text: &str) -> Self {
        SharedText(tera::Value::from(text))
    }
}

impl Default for SharedText {
    fn default() -> Self {
        SharedText::from("")
    }
}

impl std::ops::Deref for SharedText {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq for SharedText {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for SharedText {}

impl std::fmt::Debug for SharedText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl std::fmt::Display for SharedText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A page body rendered, with what templates and checks need from it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RenderedMarkdown {
    /// The body's HTML.
    pub html: SharedText,
    /// HTML of the text before `<!-- more -->`, else of the first paragraph.
    pub summary: SharedText,
    /// The summary as plain text (for meta descriptions).
    pub summary_text: SharedText,
    /// The headings, nested.
    pub toc: Vec<TocEntry>,
    /// Words, counting each Chinese, Japanese or Korean character as one.
    pub word_count: usize,
    /// How many of those words are CJK characters (read at a different pace).
    pub cjk_count: usize,
    /// Every heading id, for checking `#anchor` links.
    pub heading_ids: Vec<String>,
    /// Identifies this rendering: equal versions mean equal HTML (set by the build, which knows
    /// the text and what each link resolved to).
    pub version: u64,
    /// The resized copies of images this body shows (set by the build, which makes them).
    pub images: Vec<crate::images::Variant>,
    /// Every link and picture written as a path of the site (`/news/foo/`, `photo.jpg`), for the
    /// build to check against what it publishes once everything is rendered.
    pub site_paths: Vec<SitePath>,
}

/// What rendering needs to know about the page and the site.
pub struct MarkdownContext<'a> {
    /// The file, as shown in messages.
    pub path: &'a Path,
    /// The line of the file on which the body starts.
    pub body_line: usize,
    /// Resolves `news/foo.md` to its URL, or says why it cannot.
    pub resolve: &'a dyn Fn(&str) -> Result<String, Unresolved>,
    /// Renders a shortcode call (with its body already rendered to HTML), or explains why it
    /// cannot. None: shortcodes are left as they are written.
    pub shortcode: Option<&'a ShortcodeRenderer<'a>>,
    /// Let raw HTML through as it is written (`raw_html: trusted`); by default scripts, event
    /// handlers and `javascript:` links are shown as text instead, with a warning.
    pub trusted_html: bool,
    /// Writes an image as responsive HTML, or explains why it cannot (a missing or broken
    /// file). None: images are left as they are written.
    pub image: Option<&'a ImageRenderer<'a>>,
}

/// One image of a body: its address, alt text and title, and how many images came before it.
pub struct ImageRef<'a> {
    /// The address as written (`photo.jpg`, `/img/x.png`).
    pub src: &'a str,
    /// The alt text.
    pub alt: &'a str,
    /// The title, possibly empty.
    pub title: &'a str,
    /// 0 for the body's first image.
    pub index: usize,
}

/// Renders a local image as HTML: None leaves it as written, `Some(Err)` says why it cannot be
/// shown.
pub type ImageRenderer<'a> =
    dyn Fn(&ImageRef<'_>) -> Option<Result<String, crate::images::Unusable>> + 'a;

/// Renders one shortcode call, given its body's HTML.
pub type ShortcodeRenderer<'a> =
    dyn Fn(&shortcodes::Call, &str) -> Result<String, ShortcodeError> + 'a;

/// Why an `@/` path (a link, or the page a shortcode names) leads to no published page.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Unresolved {
    /// No file of `content/` has this path; the one the writer probably meant, when one is
    /// close (`news/foo.md`).
    Missing(Option<String>),
    /// The file is a draft or dated in the future, so it is not published.
    Unpublished,
}

impl Unresolved {
    /// The error of the link `@/{target}` (`target` with its `#anchor`), and its hint when the
    /// entry's own does not fit: the page the writer probably meant.
    fn link_problem(&self, target: &str) -> (Message, Option<Message>) {
        match self {
            Unresolved::Missing(closest) => {
                let anchor = target.find('#').map_or("", |at| &target[at..]);
                let hint = closest.as_ref().map(|path| {
                    crate::msg!("suggest-did-you-mean", name = format!("@/{path}{anchor}"))
                });
                (crate::msg!("internal-link-broken", target = target), hint)
            }
            Unresolved::Unpublished => (
                crate::msg!("internal-link-unpublished", target = target),
                None,
            ),
        }
    }
}

/// Why a shortcode call gave no HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShortcodeError {
    /// A problem of the call itself (an unknown shortcode, a broken template), reported at the
    /// call's line, with a hint when its entry's own does not fit.
    Call(Message, Option<Message>),
    /// A problem in a file the shortcode reads (a chart's data file), reported at its own place.
    Elsewhere(Diagnostic),
}

impl From<Message> for ShortcodeError {
    fn from(message: Message) -> Self {
        ShortcodeError::Call(message, None)
    }
}

const MORE_MARKER: &str = "<!-- more -->";

/// The Markdown extensions of every body; `check` reads bodies with the same ones.
pub(crate) fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Renders a Markdown body. Problems (broken internal links) are returned with their lines; the
/// HTML is still produced so a preview can show the rest.
pub fn render(body: &str, ctx: &MarkdownContext<'_>) -> (RenderedMarkdown, Vec<Diagnostic>) {
    let Some(render_shortcode) = ctx
        .shortcode
        .filter(|_| body.contains("{{") || body.contains("{%"))
    else {
        return render_text(body, ctx);
    };
    let extracted = match shortcodes::extract(body) {
        Ok(extracted) => extracted,
        Err(problems) => {
            let (rendered, mut diagnostics) = render_text(body, ctx);
            diagnostics.extend(problems.into_iter().map(|(line, message)| {
                Diagnostic::error(ctx.path, line + ctx.body_line - 1, 1, message)
            }));
            return (rendered, diagnostics);
        }
    };
    let (mut rendered, mut diagnostics) = render_text(&extracted.text, ctx);
    let mut outputs = Vec::with_capacity(extracted.calls.len());
    // The calls that gave HTML: the files of a call that failed (an unknown shortcode) are not
    // checked, so that its one mistake is not reported again as a missing file.
    let mut rendered_calls = Vec::with_capacity(extracted.calls.len());
    for call in &extracted.calls {
        let body_html = match call.body.as_deref() {
            Some(body) => {
                let inner = MarkdownContext {
                    body_line: ctx.body_line + call.line,
                    ..*ctx
                };
                let (html, problems) = render(body, &inner);
                diagnostics.extend(problems);
                rendered.site_paths.extend(html.site_paths);
                html.html.as_str().to_string()
            }
            None => String::new(),
        };
        let result = render_shortcode(call, &body_html);
        rendered_calls.push(result.is_ok());
        let output = result.unwrap_or_else(|error| {
            diagnostics.push(match error {
                ShortcodeError::Call(message, hint) => {
                    Diagnostic::error(ctx.path, call.line + ctx.body_line - 1, 1, message)
                        .with_optional_hint(hint)
                }
                ShortcodeError::Elsewhere(diagnostic) => diagnostic,
            });
            String::new()
        });
        outputs.push(output);
    }
    rendered.site_paths.extend(shortcode_paths(
        body,
        &extracted.calls,
        &rendered_calls,
        ctx.body_line,
    ));
    // In one pass each: replacing the calls one at a time would copy the page once per call.
    rendered.html = SharedText::from(shortcodes::fill_placeholders(&rendered.html, &outputs));
    rendered.summary = shortcodes::fill_placeholders(&rendered.summary, &outputs).into();
    (rendered, diagnostics)
}

/// The files the shortcode calls of `body` name, as paths of the site to check: those of the
/// calls `checked` marks.
fn shortcode_paths(
    body: &str,
    calls: &[shortcodes::Call],
    checked: &[bool],
    body_line: usize,
) -> Vec<SitePath> {
    let named: Vec<(&shortcodes::Call, Vec<site_paths::ShortcodeFile<'_>>)> = calls
        .iter()
        .zip(checked)
        .map(|(call, checked)| {
            let files = match checked {
                true => site_paths::shortcode_files(call),
                false => Vec::new(),
            };
            (call, files)
        })
        .collect();
    if named.iter().all(|(_, files)| files.is_empty()) {
        return Vec::new();
    }
    let columns = site_paths::shortcode_columns(body, calls);
    let mut paths = Vec::new();
    for ((call, files), col) in named.into_iter().zip(columns) {
        for file in files {
            if site_paths::is_checked(file.dest, file.kind) {
                paths.push(SitePath {
                    dest: file.dest.to_string(),
                    kind: file.kind,
                    resized: file.resized,
                    line: call.line + body_line - 1,
                    col,
                });
            }
        }
    }
    paths
}

/// Records the links and pictures of one Markdown text that are paths of the site.
struct PathRecorder<'a> {
    positions: site_paths::Positions<'a>,
    body_line: usize,
    html: HtmlScanner,
    paths: Vec<SitePath>,
}

impl<'a> PathRecorder<'a> {
    fn new(body: &'a str, body_line: usize) -> Self {
        PathRecorder {
            positions: site_paths::Positions::new(body),
            body_line,
            html: HtmlScanner::default(),
            paths: Vec::new(),
        }
    }

    /// A link or picture written at byte `offset` of the body.
    fn add(&mut self, dest: &str, kind: PathKind, resized: bool, offset: usize) {
        if site_paths::is_checked(dest, kind) {
            let (line, col) = self.positions.at(offset);
            self.paths.push(SitePath {
                dest: dest.to_string(),
                kind,
                resized,
                line: line + self.body_line - 1,
                col,
            });
        }
    }

    /// The pictures (`<img src>`) of raw HTML written at byte `offset` of the body.
    fn html(&mut self, text: &str, offset: usize) {
        for (at, found) in self.html.scan(text) {
            if let HtmlFound::Image { src, .. } = found {
                self.add(&src, PathKind::Picture, false, offset + at);
            }
        }
    }
}

/// Renders Markdown without shortcodes.
fn render_text(body: &str, ctx: &MarkdownContext<'_>) -> (RenderedMarkdown, Vec<Diagnostic>) {
    let mut events: Vec<Event<'_>> = Vec::new();
    let mut problems = Vec::new();
    let mut headings = HeadingCollector::default();
    let mut more_at = None;
    let mut footnotes = Footnotes::default();
    let mut unsafe_block = false;
    let mut images = PendingImages::default();
    let mut paths = PathRecorder::new(body, ctx.body_line);
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        // Raw HTML as written (not the HTML this pass makes), to find its pictures.
        let raw_html = match &event {
            Event::Html(html) | Event::InlineHtml(html) => Some(html.clone()),
            _ => None,
        };
        let event = match event {
            Event::FootnoteReference(name) => footnotes.reference(&name),
            Event::Start(Tag::FootnoteDefinition(name)) => footnotes.definition(&name),
            Event::End(TagEnd::FootnoteDefinition) => Event::Html(CowStr::from("</div>\n")),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                // An e-mail autolink (`<name@example.com>`) has no `mailto:` in its address.
                if link_type != pulldown_cmark::LinkType::Email {
                    paths.add(&dest_url, PathKind::Link, false, range.start);
                }
                let dest_url = resolve_link(dest_url, ctx, body, range.start, &mut problems);
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                paths.add(&dest_url, PathKind::Picture, true, range.start);
                let dest_url = resolve_link(dest_url, ctx, body, range.start, &mut problems);
                images.open(events.len(), &dest_url, &title, range.start);
                Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            Event::Html(ref html) | Event::InlineHtml(ref html) if html.trim() == MORE_MARKER => {
                more_at.get_or_insert(events.len());
                event
            }
            Event::Start(Tag::HtmlBlock) => {
                // A block's HTML comes one line at a time, and a tag may span lines: judge the
                // block as a whole.
                unsafe_block = !ctx.trusted_html && is_dangerous_html(&body[range.clone()]);
                if unsafe_block {
                    problems.push(unsafe_html_warning(ctx, body, range.start));
                }
                event
            }
            Event::End(TagEnd::HtmlBlock) => {
                unsafe_block = false;
                event
            }
            Event::Html(html) if unsafe_block => Event::Text(html),
            Event::Html(html) | Event::InlineHtml(html)
                if !ctx.trusted_html && is_dangerous_html(&html) =>
            {
                problems.push(unsafe_html_warning(ctx, body, range.start));
                Event::Text(html)
            }
            Event::End(TagEnd::Image) if images.is_open() => {
                match images.close(&mut events, ctx, body, &mut problems) {
                    Some(html) => Event::InlineHtml(CowStr::from(html)),
                    None => event,
                }
            }
            other => other,
        };
        // Raw HTML shown as text (unsafe) shows no picture.
        if let (Some(html), Event::Html(_) | Event::InlineHtml(_)) = (raw_html, &event) {
            paths.html(&html, range.start);
        }
        headings.observe(&event, events.len());
        events.push(event);
    }
    let heading_ids = headings.assign_ids(&mut events);
    let summary_range = more_at
        .map(|end| 0..end)
        .or_else(|| first_paragraph(&events));
    let (summary, summary_text) = summary_range.map_or_else(Default::default, |r| {
        (to_html(&events[r.clone()]), plain_text(&events[r]))
    });
    let rendered = RenderedMarkdown {
        word_count: count_words(&events),
        cjk_count: count_cjk(&events),
        html: SharedText::from(to_html(&events)),
        summary: SharedText::from(summary),
        summary_text: SharedText::from(summary_text),
        toc: nest_toc(headings.flat),
        heading_ids,
        version: 0,
        images: Vec::new(),
        site_paths: paths.paths,
    };
    (rendered, problems)
}

fn unsafe_html_warning(ctx: &MarkdownContext<'_>, body: &str, offset: usize) -> Diagnostic {
    let (line, col) = line_col(body, offset);
    Diagnostic::warning(
        ctx.path,
        line + ctx.body_line - 1,
        col,
        crate::msg!("raw-html-unsafe"),
    )
}

fn resolve_link<'a>(
    dest: CowStr<'a>,
    ctx: &MarkdownContext<'_>,
    body: &str,
    offset: usize,
    problems: &mut Vec<Diagnostic>,
) -> CowStr<'a> {
    if !ctx.trusted_html && is_dangerous_url(&dest) {
        let (line, col) = line_col(body, offset);
        let address = dest.chars().take(40).collect::<String>();
        problems.push(Diagnostic::warning(
            ctx.path,
            line + ctx.body_line - 1,
            col,
            crate::msg!("link-runs-code", address = address),
        ));
        return CowStr::from("#");
    }
    let Some(target) = dest.strip_prefix("@/") else {
        return dest;
    };
    let (path, anchor) = target
        .split_once('#')
        .map_or((target, None), |(p, a)| (p, Some(a)));
    match (ctx.resolve)(path) {
        Ok(url) => match anchor {
            Some(anchor) => CowStr::from(format!("{url}#{anchor}")),
            None => CowStr::from(url),
        },
        Err(unresolved) => {
            let (line, col) = line_col(body, offset);
            let (message, hint) = unresolved.link_problem(target);
            problems.push(
                Diagnostic::error(ctx.path, line + ctx.body_line - 1, col, message)
                    .with_optional_hint(hint),
            );
            dest
        }
    }
}

/// The image being read (its alt text is the events up to its end) and how many came before.
#[derive(Default)]
struct PendingImages {
    open: Option<(usize, String, String, usize)>,
    seen: usize,
}

impl PendingImages {
    fn open(&mut self, at: usize, src: &str, title: &str, offset: usize) {
        self.open = Some((at, src.to_string(), title.to_string(), offset));
    }

    fn is_open(&self) -> bool {
        self.open.is_some()
    }

    /// At the image's end: its responsive HTML, replacing its events, when the build has some.
    fn close(
        &mut self,
        events: &mut Vec<Event<'_>>,
        ctx: &MarkdownContext<'_>,
        body: &str,
        problems: &mut Vec<Diagnostic>,
    ) -> Option<String> {
        let (at, src, title, offset) = self.open.take()?;
        let render = ctx.image?;
        let alt = plain_text(&events[at + 1..]);
        let image = ImageRef {
            src: &src,
            alt: &alt,
            title: &title,
            index: self.seen,
        };
        self.seen += 1;
        match render(&image)? {
            Ok(html) => {
                events.truncate(at);
                Some(html)
            }
            Err(problem) => {
                let (line, col) = line_col(body, offset);
                let message = crate::msg!(
                    "body-image-unusable",
                    src = src,
                    reason = problem.to_string()
                );
                problems.push(
                    Diagnostic::error(ctx.path, line + ctx.body_line - 1, col, message)
                        .with_hint(problem.hint),
                );
                None
            }
        }
    }
}

fn to_html(events: &[Event<'_>]) -> String {
    let mut html = String::with_capacity(events.len() * 16);
    pulldown_cmark::html::push_html(&mut html, events.iter().cloned());
    html
}

fn plain_text(events: &[Event<'_>]) -> String {
    let mut text = String::new();
    for event in events {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(TagEnd::Paragraph) => text.push(' '),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn first_paragraph(events: &[Event<'_>]) -> Option<std::ops::Range<usize>> {
    let start = events
        .iter()
        .position(|e| matches!(e, Event::Start(Tag::Paragraph)))?;
    let end = events[start..]
        .iter()
        .position(|e| matches!(e, Event::End(TagEnd::Paragraph)))?;
    Some(start..start + end + 1)
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// Words of Latin text, plus one per CJK character (Chinese has no spaces between words).
pub fn count_text_words(text: &str) -> usize {
    if text.is_ascii() {
        return count_ascii_words(text.as_bytes());
    }
    let mut count = 0;
    let mut in_word = false;
    for c in text.chars() {
        if is_cjk(c) {
            count += 1;
            in_word = false;
        } else if c.is_alphanumeric() {
            count += usize::from(!in_word);
            in_word = true;
        } else if c.is_whitespace() {
            in_word = false;
        }
    }
    count
}

/// Words of ASCII text: runs of non-space bytes that hold a letter or a digit. One branch-free
/// pass with no slice per word: this runs over every byte of every page (it was the largest
/// single item in a profile of a rebuild).
fn count_ascii_words(bytes: &[u8]) -> usize {
    let mut count = 0;
    // Whether the current run of non-space bytes has been counted.
    let mut counted = false;
    for &byte in bytes {
        let starts = byte.is_ascii_alphanumeric() & !counted;
        count += usize::from(starts);
        counted = (counted | starts) & !byte.is_ascii_whitespace();
    }
    count
}

fn count_cjk(events: &[Event<'_>]) -> usize {
    events
        .iter()
        .map(|e| match e {
            Event::Text(t) | Event::Code(t) if !t.is_ascii() => {
                t.chars().filter(|&c| is_cjk(c)).count()
            }
            _ => 0,
        })
        .sum()
}

fn count_words(events: &[Event<'_>]) -> usize {
    events
        .iter()
        .map(|e| match e {
            Event::Text(t) | Event::Code(t) => count_text_words(t),
            _ => 0,
        })
        .sum()
}

/// Footnotes with ids that cannot collide with heading ids (`fn-…`), numbered in order of
/// appearance, each reference linking to its note and back.
#[derive(Default)]
struct Footnotes {
    numbers: std::collections::HashMap<String, usize>,
}

impl Footnotes {
    fn number(&mut self, name: &str) -> (usize, String) {
        let next = self.numbers.len() + 1;
        let number = *self.numbers.entry(name.to_string()).or_insert(next);
        let id = crate::slugs::slugify(name);
        (
            number,
            if id.is_empty() {
                number.to_string()
            } else {
                id
            },
        )
    }

    fn reference(&mut self, name: &str) -> Event<'static> {
        let (number, id) = self.number(name);
        Event::InlineHtml(CowStr::from(format!(
            "<sup class=\"footnote-reference\" id=\"fnref-{id}\"><a href=\"#fn-{id}\">{number}</a></sup>"
        )))
    }

    fn definition(&mut self, name: &str) -> Event<'static> {
        let (number, id) = self.number(name);
        Event::Html(CowStr::from(format!(
            "<div class=\"footnote-definition\" id=\"fn-{id}\"><sup class=\"footnote-definition-label\"><a href=\"#fnref-{id}\">{number}</a></sup>\n"
        )))
    }
}

/// Gathers headings while parsing, then gives each a unique id and an anchor link.
#[derive(Default)]
struct HeadingCollector {
    open: Option<(usize, u8, String, Option<String>)>,
    found: Vec<(usize, usize, u8, String, Option<String>)>,
    flat: Vec<TocEntry>,
}

impl HeadingCollector {
    fn observe(&mut self, event: &Event<'_>, index: usize) {
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                self.open = Some((
                    index,
                    heading_level(*level),
                    String::new(),
                    id.as_ref().map(|i| i.to_string()),
                ));
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, _, text, _)) = &mut self.open {
                    text.push_str(t);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((start, level, text, id)) = self.open.take() {
                    self.found.push((start, index, level, text, id));
                }
            }
            _ => {}
        }
    }

    fn assign_ids(&mut self, events: &mut Vec<Event<'_>>) -> Vec<String> {
        let mut used = HashSet::new();
        // The next suffix to try for each base id: thousands of headings with one id must not
        // try `-1`, `-2`, ... again each time (found by a test of hostile input).
        let mut next_suffix: HashMap<String, usize> = HashMap::new();
        let mut ids = Vec::new();
        let mut assigned = Vec::new();
        for (start, end, level, text, explicit) in self.found.drain(..) {
            let base = explicit.unwrap_or_else(|| {
                let slug = crate::slugs::slugify(&text);
                if slug.is_empty() {
                    "section".to_string()
                } else {
                    slug
                }
            });
            let mut id = base.clone();
            let n = next_suffix.entry(base.clone()).or_insert(1);
            while !used.insert(id.clone()) {
                id = format!("{base}-{n}");
                *n += 1;
            }
            ids.push(id.clone());
            self.flat.push(TocEntry {
                level,
                id: id.clone(),
                title: text.trim().to_string(),
                children: Vec::new(),
            });
            assigned.push((start, end, id));
        }
        // Anchors go in before each heading's end, in one pass over the events (inserting them
        // one by one would move every later event once per heading).
        let mut anchors: HashMap<usize, Event<'_>> = HashMap::with_capacity(assigned.len());
        for (start, end, id) in assigned {
            if let Event::Start(Tag::Heading { id: slot, .. }) = &mut events[start] {
                *slot = Some(CowStr::from(id.clone()));
            }
            let anchor = format!(
                " <a class=\"anchor\" href=\"#{id}\" aria-label=\"Link to this section\">#</a>"
            );
            anchors.insert(end, Event::InlineHtml(CowStr::from(anchor)));
        }
        if !anchors.is_empty() {
            let old = std::mem::take(events);
            events.reserve(old.len() + anchors.len());
            for (index, event) in old.into_iter().enumerate() {
                if let Some(anchor) = anchors.remove(&index) {
                    events.push(anchor);
                }
                events.push(event);
            }
        }
        ids
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Turns the flat list of headings into a tree: each heading owns the deeper ones after it.
fn nest_toc(flat: Vec<TocEntry>) -> Vec<TocEntry> {
    let mut roots: Vec<TocEntry> = Vec::new();
    for entry in flat {
        insert_entry(&mut roots, entry);
    }
    roots
}

fn insert_entry(siblings: &mut Vec<TocEntry>, entry: TocEntry) {
    match siblings.last_mut() {
        Some(last) if last.level < entry.level => insert_entry(&mut last.children, entry),
        _ => siblings.push(entry),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render_simple(body: &str) -> (RenderedMarkdown, Vec<Diagnostic>) {
        let resolve = |p: &str| {
            if p == "news/a.md" {
                Ok("/news/a/".to_string())
            } else {
                Err(Unresolved::Missing(None))
            }
        };
        let ctx = MarkdownContext {
            path: Path::new("content/x.md"),
            body_line: 5,
            resolve: &resolve,
            shortcode: None,
            trusted_html: false,
            image: None,
        };
        render(body, &ctx)
    }

    #[test]
    fn headings_get_unique_ids_and_a_nested_toc() {
        let (r, _) = render_simple("## Intro\n\n### Detail\n\n## Intro\n");
        assert_eq!(r.heading_ids, vec!["intro", "detail", "intro-1"]);
        assert_eq!(r.toc.len(), 2);
        assert_eq!(r.toc[0].children[0].id, "detail");
        assert!(r.html.contains("<h2 id=\"intro\">"));
    }

    #[test]
    fn internal_links_resolve_and_broken_ones_name_the_line() {
        let (r, problems) = render_simple("[a](@/news/a.md#x)\n\nsee [b](@/news/b.md)\n");
        assert!(r.html.contains("href=\"/news/a/#x\""));
        assert_eq!(problems.len(), 1);
        assert_eq!((problems[0].line, problems[0].col), (7, 5));
    }

    #[test]
    fn summary_is_text_before_more_else_first_paragraph() {
        let (r, _) = render_simple("First *para*.\n\nSecond.\n");
        assert_eq!(r.summary.as_str(), "<p>First <em>para</em>.</p>\n");
        assert_eq!(r.summary_text.as_str(), "First para.");
        let (r, _) = render_simple("One.\n\nTwo.\n\n<!-- more -->\n\nThree.\n");
        assert!(r.summary.contains("Two."));
        assert!(!r.summary.contains("Three."));
    }

    #[test]
    fn scripts_handlers_and_code_links_are_neutralised() {
        let (r, problems) = render_simple(
            "<script>alert(1)</script>\n\nA <img src=x onerror=alert(1)> b.\n\n[x](javascript:alert(1)) [y]( JaVaScRiPt:alert(1)) <b>ok</b>\n",
        );
        assert!(!r.html.contains("<script>"), "{}", r.html);
        assert!(r.html.contains("&lt;script&gt;"), "{}", r.html);
        assert!(!r.html.contains("<img src=x onerror"), "{}", r.html);
        assert!(
            !r.html.to_lowercase().contains("href=\"javascript"),
            "{}",
            r.html
        );
        assert!(r.html.contains("<b>ok</b>"), "{}", r.html);
        assert_eq!(problems.len(), 4, "{problems:?}");
        assert!(problems.iter().all(|p| !p.is_error()));
    }

    #[test]
    fn harmless_html_and_words_with_on_pass() {
        assert!(!is_dangerous_html("<span class=\"online\">on air</span>"));
        assert!(!is_dangerous_html("<abbr title=\"Baise: one=1\">x</abbr>"));
        assert!(is_dangerous_html("<div onclick = \"x()\">"));
    }

    #[test]
    fn chinese_characters_count_as_words() {
        assert_eq!(count_text_words("百色铝 brand site"), 5);
        // ASCII: runs between spaces that hold a letter or digit, as a plain split counts them.
        for text in [
            "",
            "  ",
            "a",
            " a  b\tc\n",
            "-- x --",
            "a-b c_d",
            "\r\n2026 ,",
            "x\x0cy",
        ] {
            let by_split = text
                .split(|c: char| c.is_ascii_whitespace())
                .filter(|w| w.chars().any(|c| c.is_ascii_alphanumeric()))
                .count();
            assert_eq!(count_text_words(text), by_split, "{text:?}");
        }
    }
}
