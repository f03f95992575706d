//! From a Markdown file to a [`Document`] (checked front matter and body) and from there to a
//! [`Page`] with its title, dates, slug and type resolved.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde_json::{Map, Value};

use super::frontmatter;
use super::schema::{self, Rules};
use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::source::SourceFile;
use crate::{dates, yaml};

/// Front matter larger than this is rejected before parsing: no writer types that much, and a
/// hostile file must not cost seconds.
const MAX_FRONT_MATTER_BYTES: usize = 256 * 1024;

/// A Markdown file with checked front matter.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// Path relative to `content/`: `news/foo.md`.
    pub rel: String,
    /// Path as shown in messages: `content/news/foo.md`.
    pub display_path: PathBuf,
    /// Every front-matter value by key.
    pub fields: Map<String, Value>,
    /// The Markdown body.
    pub body: Body,
    /// The line of the file on which the body starts.
    pub body_line: usize,
    /// The line of the file on which each top-level front-matter key is written.
    pub key_lines: Vec<(String, usize)>,
    /// A hash of the file's text: equal hashes mean equal documents.
    pub hash: u64,
    /// The language of a translation (`zh` for `foo.zh.md`); None for the default language.
    pub lang: Option<String>,
}

/// A document's Markdown body. A one-off `potline build` lets go of each body once it is
/// rendered ([`Body::release`]): nothing reads it afterwards, and a 100,000-page site would
/// otherwise hold some 600 MB of sources until the last page is written. The preview server and
/// `potline check` keep them (a rebuild may render a body again; checks scan it).
#[derive(Debug, Default)]
pub struct Body(std::sync::Mutex<String>);

impl Body {
    /// A body holding `text`.
    pub fn new(text: String) -> Self {
        Body(std::sync::Mutex::new(text))
    }

    /// The text (empty once released).
    pub fn text(&self) -> std::sync::MutexGuard<'_, String> {
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Frees the text.
    pub fn release(&self) {
        *self.text() = String::new();
    }
}

impl Clone for Body {
    fn clone(&self) -> Self {
        Body::new(self.text().clone())
    }
}

impl PartialEq for Body {
    fn eq(&self, other: &Self) -> bool {
        // One lock at a time: two threads comparing a and b, and b and a, never wait on each other.
        let mine = self.text().clone();
        std::ptr::eq(self, other) || mine == *other.text()
    }
}

impl Document {
    /// The line on which `key` is written, else the first line of the file.
    pub fn line_of(&self, key: &str) -> usize {
        self.key_lines
            .iter()
            .find(|(k, _)| k == key)
            .map_or(1, |(_, line)| *line)
    }

    /// A text field, if present and not empty.
    pub fn text(&self, key: &str) -> Option<&str> {
        self.fields
            .get(key)
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
    }

    /// A date field, already validated by the schema.
    pub fn date(&self, key: &str, tz: Tz) -> Option<DateTime<Utc>> {
        self.text(key).and_then(|t| dates::parse(t, tz).ok())
    }
}

/// A page: a document with its resolved properties. Its URL is assigned by the site index.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// The file's content (shared with the builder's cache, never copied).
    pub doc: std::sync::Arc<Document>,
    /// The content type's name.
    pub kind: String,
    /// The title (from the type's title field).
    pub title: String,
    /// Publication date.
    pub date: Option<DateTime<Utc>>,
    /// Date of the last significant update.
    pub updated: Option<DateTime<Utc>>,
    /// Drafts are built only with `--drafts`.
    pub draft: bool,
    /// The last segment of the URL.
    pub slug: String,
    /// Root-relative URL within the site (without the base path): `/news/foo/`.
    pub url: String,
    /// Old URLs that should redirect here.
    pub aliases: Vec<String>,
    /// Template chosen in the front matter.
    pub template: Option<String>,
    /// Sort weight for pages without dates.
    pub weight: Option<i64>,
    /// The section folder the page belongs to (`news`, or `` for the content root).
    pub section_dir: String,
    /// For a bundle (`news/foo/index.md`), its folder.
    pub bundle_dir: Option<String>,
    /// Its place in its section's sorted list of pages.
    pub position: usize,
}

/// Reads, splits and checks one Markdown file. Returns the document when it could be parsed
/// (possibly with warnings) and every problem found.
pub fn parse_document(
    file: &SourceFile,
    bytes: &[u8],
    rules: &Rules<'_>,
    tz: Tz,
) -> (Option<Document>, Vec<Diagnostic>) {
    let display_path = PathBuf::from("content").join(&file.file);
    let text = match super::decode_text(bytes) {
        Ok(text) => text,
        Err(problem) => return (None, vec![problem.at(&display_path)]),
    };
    let (text, mut pasted) = without_pasted_controls(text, &display_path);
    let split = match frontmatter::split(&text) {
        Ok(split) => split,
        Err(problem) => {
            pasted.push(problem.at(&display_path));
            return (None, pasted);
        }
    };
    if split.front_matter.len() > MAX_FRONT_MATTER_BYTES {
        let message = crate::msg!(
            "front-matter-too-large",
            size = split.front_matter.len() / 1024,
            max = MAX_FRONT_MATTER_BYTES / 1024
        );
        pasted.push(Diagnostic::error(
            &display_path,
            split.front_matter_line,
            1,
            message,
        ));
        return (None, pasted);
    }
    let offset = split.front_matter_line - 1;
    let mut fields = match parse_mapping(split.front_matter, split.front_matter_line) {
        Ok(fields) => fields,
        Err(e) => {
            let diagnostic = Diagnostic::error(&display_path, e.line, e.col, e.message)
                .with_optional_hint(e.hint);
            pasted.push(diagnostic);
            return (None, pasted);
        }
    };
    let key_lines: Vec<(String, usize)> = yaml::top_level_keys(split.front_matter)
        .into_iter()
        .map(|(key, line, _)| (key, line + offset))
        .collect();
    let problems = schema::check(&mut fields, rules, tz);
    // The first line of each key, looked up once per problem (thousands of unknown keys must
    // not cost millions of comparisons).
    let mut first_lines: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (key, line) in &key_lines {
        first_lines.entry(key.as_str()).or_insert(*line);
    }
    let mut diagnostics = pasted;
    diagnostics.extend(problems.into_iter().map(|p| {
        let line = p
            .key
            .as_deref()
            .and_then(|key| first_lines.get(key))
            .map_or(1, |line| *line);
        let col = p
            .item
            .as_deref()
            .map_or(1, |item| column_of(&text, line, item));
        let mut d =
            Diagnostic::error(&display_path, line, col, p.message).with_optional_hint(p.hint);
        d.severity = p.severity;
        d
    }));
    let doc = Document {
        rel: file.rel.clone(),
        display_path: display_path.clone(),
        fields,
        body: Body::new(split.body.to_string()),
        body_line: split.body_line,
        key_lines,
        hash: xxhash_rust::xxh3::xxh3_64(text.as_bytes()),
        lang: file.lang.clone(),
    };
    (Some(doc), diagnostics)
}

/// The 1-based column of `item` on the 1-based `line` of `text` (after the key's colon), else 1.
fn column_of(text: &str, line: usize, item: &str) -> usize {
    let Some(line_text) = text.lines().nth(line.saturating_sub(1)) else {
        return 1;
    };
    let value_start = line_text.find(':').map_or(0, |colon| colon + 1);
    line_text[value_start..]
        .find(item)
        .map_or(1, |at| line_text[..value_start + at].chars().count() + 1)
}

/// Past this many, the characters of one file pasted from a word processor are reported together.
const PASTED_CONTROLS_SHOWN: usize = 5;

/// `text` without the characters XML forbids (vertical tabs and form feeds pasted from Word, ...),
/// so that no page, feed or sitemap carries them; and a warning at each place one was removed.
fn without_pasted_controls(text: String, display_path: &Path) -> (String, Vec<Diagnostic>) {
    let found = crate::xml_text::find(&text);
    if found.is_empty() {
        return (text, Vec::new());
    }
    // One summary for the rest rather than a line saying "1 more".
    let shown = if found.len() > PASTED_CONTROLS_SHOWN + 1 {
        PASTED_CONTROLS_SHOWN
    } else {
        found.len()
    };
    let mut warnings: Vec<Diagnostic> = found
        .iter()
        .take(shown)
        .map(|&(offset, c)| {
            let (line, col) = crate::diagnostics::line_col(&text, offset);
            let (kind, code) = crate::xml_text::describe(c);
            let message = crate::msg!("pasted-control-removed", kind = kind, code = code);
            Diagnostic::warning(display_path, line, col, message)
        })
        .collect();
    if let Some(&(offset, _)) = found.get(shown) {
        let (line, col) = crate::diagnostics::line_col(&text, offset);
        let message = crate::msg!("pasted-controls-more", count = found.len() - shown);
        warnings.push(Diagnostic::warning(display_path, line, col, message));
    }
    (crate::xml_text::stripped(text), warnings)
}

fn parse_mapping(
    front_matter: &str,
    first_line: usize,
) -> Result<Map<String, Value>, yaml::YamlError> {
    if front_matter.trim().is_empty() {
        return Ok(Map::new());
    }
    match yaml::to_json_at(front_matter, first_line)? {
        Value::Object(map) => Ok(map),
        Value::Null => Ok(Map::new()),
        _ => Err(yaml::YamlError {
            message: crate::msg!("front-matter-not-mapping"),
            line: first_line,
            col: 1,
            hint: None,
        }),
    }
}

impl Page {
    /// Resolves a page document: its type comes from its section folder.
    pub fn from_document(
        doc: std::sync::Arc<Document>,
        config: &Config,
        section_dir: &str,
        bundle_dir: Option<&str>,
    ) -> Page {
        let ty = config.type_for_section(section_dir);
        let tz = config.timezone;
        let stem = match bundle_dir {
            Some(dir) => dir.rsplit('/').next().unwrap_or(dir),
            None => doc
                .rel
                .rsplit('/')
                .next()
                .unwrap_or(&doc.rel)
                .trim_end_matches(".md"),
        };
        let slug = doc
            .text("slug")
            .map(crate::slugs::slugify)
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| slugify_or(stem));
        let title = doc
            .text(&ty.title_field)
            .or_else(|| doc.text("title"))
            .unwrap_or(stem)
            .to_string();
        let string_list = |key: &str| -> Vec<String> {
            doc.fields
                .get(key)
                .and_then(Value::as_array)
                .map(|items| {
                    items
                        .iter()
                        .filter_map(|v| v.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default()
        };
        Page {
            kind: ty.name.clone(),
            title,
            date: doc.date("date", tz),
            updated: doc.date("updated", tz),
            draft: doc
                .fields
                .get("draft")
                .and_then(Value::as_bool)
                .unwrap_or(false),
            slug,
            url: String::new(),
            aliases: string_list("aliases"),
            template: doc.text("template").map(str::to_string),
            weight: doc.fields.get("weight").and_then(Value::as_i64),
            section_dir: section_dir.to_string(),
            bundle_dir: bundle_dir.map(str::to_string),
            position: 0,
            doc,
        }
    }
}

/// A URL segment from a file or folder name; names made only of symbols keep a readable fallback.
pub fn slugify_or(name: &str) -> String {
    let slug = crate::slugs::slugify(name);
    if slug.is_empty() {
        "page".to_string()
    } else {
        slug
    }
}
