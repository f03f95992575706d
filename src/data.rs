//! Data files (`data/*.yaml`, `*.json`, `*.csv`): loaded once per build, those that something
//! names ([`Reach`]), and given to templates as `data.<file name>`, and — when `site.yaml` asks for it under `generate:` — turned into pages,
//! one per row, checked against the content type's schema with `data/file.csv:row` errors.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::{Map, Value};

use crate::config::{Config, FieldKind, GeneratedSection};
use crate::content::Document;
use crate::content::schema::{self, Rules};
use crate::diagnostics::Diagnostic;
use crate::error::IoAction;
use crate::{fs, yaml};

mod reach;
pub use reach::Reach;

/// Every data file by name (file name without extension), and a version of them all.
#[derive(Debug, Clone, Default)]
pub struct DataFiles {
    /// `figures` -> the parsed content of `data/figures.yaml`.
    pub values: BTreeMap<String, Value>,
    /// Changes whenever the content of any data file read changes.
    pub version: u64,
}

impl DataFiles {
    /// The data as language `code` sees it: `figures.zh.yaml` replaces `figures.yaml` in Chinese.
    pub fn for_language(&self, code: &str, others: &[&str]) -> DataFiles {
        let suffix = format!(".{code}");
        let mut values: BTreeMap<String, Value> = self
            .values
            .iter()
            .filter(|(name, _)| !others.iter().any(|o| name.ends_with(&format!(".{o}"))))
            .map(|(name, value)| (name.clone(), value.clone()))
            .collect();
        for (name, value) in &self.values {
            if let Some(base) = name.strip_suffix(&suffix) {
                values.insert(base.to_string(), value.clone());
            }
        }
        DataFiles {
            values,
            version: self.version ^ xxhash_rust::xxh3::xxh3_64(code.as_bytes()),
        }
    }
}

/// A CSV file's rows as maps from the header's names, with each row's line number.
type Rows = Vec<(usize, Map<String, Value>)>;

fn display(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

/// The most bytes a data file given to templates may have: every template gets all of it, parsed,
/// and a million-row table costs seconds and gigabytes. (`generate:` reads its files on its own.)
const MAX_DATA_FILE_BYTES: u64 = 10 * 1024 * 1024;

/// What can name a data file besides the templates: pages (body and front matter) and `site.yaml`.
pub struct Readers<'a> {
    /// How the templates reach the data files.
    pub reach: &'a Reach,
    /// Every page and section document, generated ones included.
    pub documents: &'a [&'a Document],
    /// The text of `site.yaml`.
    pub config_text: &'a str,
}

/// The data files as loaded: those something can read, and the problems found in them.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    /// The files read.
    pub files: DataFiles,
    /// Problems, at `data/file:line:col`.
    pub problems: Vec<Diagnostic>,
    /// The words naming each file left unread: a page that comes to write one must load again.
    pub unread: Vec<Vec<String>>,
}

/// A file under `data/`, before it is read.
struct Found {
    /// Its path below `data/`: `figures.zh.yaml`.
    name: String,
    path: PathBuf,
    /// Its key in `data`: `figures.zh`.
    key: String,
    /// The words that name it: the key's base (`figures`), and the file's own spelling of it.
    words: Vec<String>,
}

impl Found {
    /// A data file, or None for any other file (`data/README.md`).
    fn new(name: String, path: PathBuf) -> Option<Found> {
        let (stem, extension) = name.rsplit_once('.')?;
        if !matches!(extension, "yaml" | "yml" | "json" | "csv") {
            return None;
        }
        let key = stem.replace(['/', '-', ' '], "_");
        let base = |text: &str| text.split('.').next().unwrap_or(text).to_string();
        let mut words = vec![base(&key)];
        let own = base(stem);
        if own != words[0] && is_word(&own) {
            words.push(own);
        }
        Some(Found {
            name,
            path,
            key,
            words,
        })
    }

    /// Named in `text`.
    fn named_in(&self, text: &str) -> bool {
        self.words.iter().any(|word| reach::named_in(text, word))
    }

    /// Named by the templates' code, or with a name no word search can find (then it is read
    /// anyway).
    fn reached(&self, reach: &Reach) -> bool {
        reach.whole || !is_word(&self.words[0]) || self.words.iter().any(|w| reach.names(w))
    }
}

fn is_word(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| c.is_alphanumeric() || c == '_')
}

/// Whether any of these words is written in a text of `document`.
pub fn document_names(document: &Document, words: &[String]) -> bool {
    fn strings_name(value: &Value, words: &[String]) -> bool {
        match value {
            Value::String(text) => words.iter().any(|w| reach::named_in(text, w)),
            Value::Array(items) => items.iter().any(|v| strings_name(v, words)),
            Value::Object(map) => map.values().any(|v| strings_name(v, words)),
            _ => false,
        }
    }
    words
        .iter()
        .any(|w| reach::named_in(&document.body.text(), w))
        || document.fields.values().any(|v| strings_name(v, words))
}

/// Loads the data files something can read (see [`Reach`]); a file nothing names is not even
/// opened. Problems are returned with the files that did load.
pub fn load(root: &Path, readers: &Readers<'_>) -> crate::Result<Loaded> {
    use rayon::prelude::*;
    let folder = root.join("data");
    let found: Vec<Found> = crate::source::discover_static(std::slice::from_ref(&folder))?
        .into_iter()
        .filter_map(|(name, path)| Found::new(name, path))
        .collect();
    let reach = readers.reach;
    let named_elsewhere = |found: &Found| {
        found.named_in(readers.config_text)
            || readers
                .documents
                .par_iter()
                .any(|doc| document_names(doc, &found.words))
    };
    let mut wanted: Vec<bool> = found
        .iter()
        .map(|f| f.reached(reach) || (reach.by_name && named_elsewhere(f)))
        .collect();
    let mut read = vec![false; found.len()];
    let mut loaded = Loaded::default();
    let mut version = xxhash_rust::xxh3::Xxh3::new();
    // Files read can name others (`data[data.menu.table]`): read until none is newly named.
    loop {
        let mut texts = Vec::new();
        for (i, file) in found.iter().enumerate() {
            if wanted[i] && !read[i] {
                read[i] = true;
                texts.extend(read_one(root, file, &mut loaded, &mut version)?);
            }
        }
        let mut more = false;
        for (i, file) in found.iter().enumerate() {
            if reach.by_name && !wanted[i] && texts.iter().any(|text| file.named_in(text)) {
                wanted[i] = true;
                more = true;
            }
        }
        if !more {
            break;
        }
    }
    loaded.files.version = version.digest();
    loaded.unread = found
        .into_iter()
        .zip(read)
        .filter(|(_, read)| !read)
        .map(|(file, _)| file.words)
        .collect();
    Ok(loaded)
}

/// Reads and parses one data file into `loaded`; returns its text (for the names it holds).
fn read_one(
    root: &Path,
    file: &Found,
    loaded: &mut Loaded,
    version: &mut xxhash_rust::xxh3::Xxh3,
) -> crate::Result<Option<String>> {
    let shown = display(root, &file.path);
    let size = std::fs::metadata(&file.path)
        .map_err(|e| crate::Error::io(IoAction::Read, &file.path, e))?
        .len();
    if size > MAX_DATA_FILE_BYTES {
        loaded.problems.push(too_large(&shown, size));
        return Ok(None);
    }
    let bytes = fs::read(&file.path)?;
    version.update(file.name.as_bytes());
    version.update(&bytes);
    let extension = file.name.rsplit('.').next().unwrap_or("");
    match parse(&bytes, extension, &shown) {
        Ok(Some(value)) => {
            loaded.files.values.insert(file.key.clone(), value);
        }
        Ok(None) => {}
        Err(problem) => loaded.problems.push(problem),
    }
    Ok(Some(String::from_utf8_lossy(&bytes).into_owned()))
}

fn too_large(shown: &Path, size: u64) -> Diagnostic {
    let mib = |bytes: u64| bytes as f64 / (1024.0 * 1024.0);
    Diagnostic::error(
        shown,
        1,
        1,
        crate::msg!(
            "data-file-too-large",
            size = format!("{:.1}", mib(size)),
            max = format!("{:.0}", mib(MAX_DATA_FILE_BYTES))
        ),
    )
}

fn parse(bytes: &[u8], extension: &str, shown: &Path) -> Result<Option<Value>, Diagnostic> {
    let text = crate::content::decode_text(bytes).map_err(|problem| problem.at(shown))?;
    match extension {
        "yaml" | "yml" => yaml::to_json(&text).map(Some).map_err(|e| {
            Diagnostic::error(shown, e.line, e.col, e.message).with_optional_hint(e.hint)
        }),
        "json" => serde_json::from_str(&text).map(Some).map_err(|e| {
            let message = crate::msg!("data-invalid-json", reason = e.to_string());
            Diagnostic::error(shown, e.line(), e.column(), message)
        }),
        "csv" => {
            let rows = csv_rows(&text, shown)?;
            Ok(Some(Value::Array(
                rows.into_iter()
                    .map(|(_, row)| Value::Object(row))
                    .collect(),
            )))
        }
        _ => Ok(None),
    }
}

/// Reads a CSV file with a header row; every row must have as many cells as the header.
fn csv_rows(text: &str, shown: &Path) -> Result<Rows, Diagnostic> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| csv_problem(shown, &e))?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| csv_problem(shown, &e))?;
        let line = record.position().map_or(1, |p| p.line() as usize);
        let row = headers
            .iter()
            .zip(record.iter())
            .map(|(h, cell)| (h.clone(), Value::String(cell.trim().to_string())))
            .collect();
        rows.push((line, row));
    }
    Ok(rows)
}

fn csv_problem(shown: &Path, error: &csv::Error) -> Diagnostic {
    let line = error.position().map_or(1, |p| p.line() as usize);
    let message = match error.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => crate::msg!(
            "data-csv-row-length",
            cells = *len,
            expected = *expected_len
        ),
        _ => crate::msg!("data-csv-unreadable", reason = error.to_string()),
    };
    Diagnostic::error(shown, line, 1, message)
}

/// A CSV cell typed for its schema field: numbers, true/false, and lists split at `;`.
fn typed(cell: &str, kind: Option<FieldKind>) -> Option<Value> {
    if cell.is_empty() {
        return None;
    }
    let value = match kind {
        Some(FieldKind::Integer) => cell
            .parse::<i64>()
            .map(Value::from)
            .unwrap_or_else(|_| Value::from(cell)),
        Some(FieldKind::Number) => cell
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
            .map_or_else(|| Value::from(cell), Value::Number),
        Some(FieldKind::Bool) => match cell.to_ascii_lowercase().as_str() {
            "true" | "yes" => Value::Bool(true),
            "false" | "no" => Value::Bool(false),
            _ => Value::from(cell),
        },
        Some(FieldKind::List) => Value::Array(
            cell.split(';')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(Value::from)
                .collect(),
        ),
        _ => Value::from(cell),
    };
    Some(value)
}

/// The pages `generate:` asks for: one document per row of each data file, checked against the
/// section's content type. Returns the documents and every problem, at `data/file.csv:line`.
pub fn generated_documents(
    config: &Config,
) -> crate::Result<(Vec<Arc<Document>>, Vec<Diagnostic>)> {
    let mut documents = Vec::new();
    let mut problems = Vec::new();
    for generated in &config.generate {
        match generate_section(config, generated) {
            Ok((docs, found)) => {
                documents.extend(docs);
                problems.extend(found);
            }
            Err(problem) => problems.push(problem),
        }
    }
    Ok((documents, problems))
}

fn generate_section(
    config: &Config,
    generated: &GeneratedSection,
) -> Result<(Vec<Arc<Document>>, Vec<Diagnostic>), Diagnostic> {
    let path = config.root.join("data").join(&generated.data);
    let shown = display(&config.root, &path);
    let plain = Path::new(&generated.data)
        .components()
        .all(|c| matches!(c, std::path::Component::Normal(_)));
    if !plain || crate::source::check_inside(&config.root, &path).is_err() {
        return Err(Diagnostic::error(
            crate::config::CONFIG_FILE,
            generated.line,
            1,
            crate::msg!("data-outside-site", path = &shown),
        ));
    }
    let bytes = std::fs::read(&path).map_err(|e| {
        Diagnostic::error(
            crate::config::CONFIG_FILE,
            generated.line,
            1,
            crate::msg!("data-cannot-read", path = &shown, reason = e.to_string()),
        )
    })?;
    let text = crate::content::decode_text(&bytes).map_err(|problem| problem.at(&shown))?;
    let rows = if generated.data.ends_with(".csv") {
        csv_rows(&text, &shown)?
    } else {
        let value = parse(
            &bytes,
            generated.data.rsplit('.').next().unwrap_or(""),
            &shown,
        )?
        .unwrap_or(Value::Null);
        value
            .as_array()
            .map(|items| {
                items
                    .iter()
                    .filter_map(|v| v.as_object().cloned())
                    .map(|row| (1, row))
                    .collect()
            })
            .unwrap_or_default()
    };
    let ty = config.type_for_section(&generated.section);
    let rules = Rules::Row(ty, &config.taxonomies);
    let mut documents = Vec::new();
    let mut problems = Vec::new();
    for (line, row) in rows {
        let mut fields: Map<String, Value> = row
            .iter()
            .filter(|(key, _)| key.as_str() != "body")
            .filter_map(|(key, value)| {
                let kind = ty
                    .fields
                    .get(key)
                    .map(|f| f.kind)
                    .or_else(|| core_kind(key));
                let value = match value {
                    Value::String(cell) => typed(cell, kind)?,
                    other => other.clone(),
                };
                Some((key.clone(), value))
            })
            .collect();
        for problem in schema::check(&mut fields, &rules, config.timezone) {
            let mut diagnostic = Diagnostic::error(&shown, line, 1, problem.message)
                .with_optional_hint(problem.hint);
            diagnostic.severity = problem.severity;
            problems.push(diagnostic);
        }
        let title = fields
            .get(&ty.title_field)
            .and_then(Value::as_str)
            .unwrap_or("row")
            .to_string();
        let slug = fields
            .get("slug")
            .and_then(Value::as_str)
            .map_or_else(|| crate::content::page::slugify_or(&title), str::to_string);
        let body = row
            .get("body")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        let hash = xxhash_rust::xxh3::xxh3_64(
            format!("{}\0{fields:?}\0{body}", generated.data).as_bytes(),
        );
        documents.push(Arc::new(Document {
            rel: format!("{}/{slug}.md", generated.section),
            display_path: shown.clone(),
            key_lines: fields.keys().map(|k| (k.clone(), line)).collect(),
            fields,
            body: crate::content::page::Body::new(body),
            body_line: line,
            hash,
            lang: None,
        }));
    }
    Ok((documents, problems))
}

fn core_kind(key: &str) -> Option<FieldKind> {
    schema::CORE_KEYS
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, kind)| *kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_typed_for_their_fields() {
        assert_eq!(
            typed("alumina; power", Some(FieldKind::List)),
            Some(serde_json::json!(["alumina", "power"]))
        );
        assert_eq!(
            typed("1987", Some(FieldKind::Integer)),
            Some(serde_json::json!(1987))
        );
        assert_eq!(
            typed("yes", Some(FieldKind::Bool)),
            Some(serde_json::json!(true))
        );
        assert_eq!(typed("", Some(FieldKind::String)), None);
    }

    #[test]
    fn a_short_row_is_located() {
        let err = csv_rows("name,county\nA,B\nC\n", Path::new("data/m.csv")).unwrap_err();
        assert_eq!(err.line, 3);
        assert!(
            err.message.text().contains("1 cells but the header has 2"),
            "{}",
            err.message.text()
        );
    }
}
