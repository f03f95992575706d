//! Static assets as published: CSS and JS files also written under a name carrying a hash of
//! their content (`css/site.3f2a1c9e0b.css`, for `asset_url(path=..., fingerprint=true)`), so
//! that hosts can cache them for good; minifying (`--minify`); and the size limit above which a
//! published file is warned about.

pub mod minify;
mod oversize;

pub use oversize::oversize_warnings;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};

use serde::Deserialize;

use crate::diagnostics::Diagnostic;
use crate::output::{Content, Output};
use crate::{Result, fs};

/// Files larger than this are warned about unless `max_file_size:` says otherwise: 5 MB.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 5_000_000;

/// `max_file_size:` as written: a number of bytes or a text such as `8 MB`.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub(crate) enum SizeFile {
    Bytes(u64),
    Text(String),
}

/// Reads `500 kB`, `8 MB`, `1.5 GB` or a plain number of bytes (units are powers of 1000).
pub fn parse_size(text: &str) -> Option<u64> {
    let text = text.trim();
    let split = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: f64 = number.parse().ok()?;
    let factor = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1.0,
        "kb" | "k" => 1e3,
        "mb" | "m" => 1e6,
        "gb" | "g" => 1e9,
        _ => return None,
    };
    Some((number * factor).round() as u64)
}

/// Resolves `max_file_size:`; a size that cannot be read is an error at `line` of `site.yaml`.
pub(crate) fn resolve_size(
    raw: Option<SizeFile>,
    line: usize,
    problems: &mut Vec<Diagnostic>,
) -> u64 {
    match raw {
        None => DEFAULT_MAX_FILE_SIZE,
        Some(SizeFile::Bytes(bytes)) => bytes,
        Some(SizeFile::Text(text)) => parse_size(&text).unwrap_or_else(|| {
            problems.push(Diagnostic::error(
                crate::config::CONFIG_FILE,
                line,
                1,
                crate::msg!("max-file-size-invalid", value = text),
            ));
            DEFAULT_MAX_FILE_SIZE
        }),
    }
}

/// A size for people: `12.3 MB` (`12 bytes` in the run's language).
pub fn human_size(bytes: u64) -> String {
    match bytes {
        b if b >= 1_000_000 => format!("{:.1} MB", b as f64 / 1e6),
        b if b >= 1_000 => format!("{:.0} kB", b as f64 / 1e3),
        b => crate::msg!("size-bytes", count = b).text(),
    }
}

/// `css/site.css` with `hash` before its extension: `css/site.<hash>.css`.
fn fingerprinted_name(path: &str, hash: u64) -> String {
    let hex = format!("{hash:016x}");
    let hex = &hex[..10];
    let name_start = path.rfind('/').map_or(0, |i| i + 1);
    match path[name_start..].rfind('.') {
        Some(dot) if dot > 0 => {
            let dot = name_start + dot;
            format!("{}.{hex}{}", &path[..dot], &path[dot..])
        }
        _ => format!("{path}.{hex}"),
    }
}

/// The CSS and JS files of `static/` as they are published, with their fingerprinted names.
/// A fingerprinted copy is published only when a template asked for it.
#[derive(Debug, Default)]
pub struct Fingerprints {
    /// `css/site.css` -> `css/site.3f2a1c9e0b.css`.
    names: HashMap<String, String>,
    /// Plain path -> the bytes published under both names (minified when asked).
    contents: BTreeMap<String, Arc<Vec<u8>>>,
    /// Give plain names instead (the preview: it swaps changed stylesheets in place).
    disabled: bool,
    /// The files templates asked for by their fingerprinted name in this build.
    asked: Mutex<BTreeSet<String>>,
}

impl Fingerprints {
    /// Reads every CSS and JS file of `static_files` (output path -> source), minified when
    /// `minify` is set, and names each after the hash of what is published.
    pub fn of(static_files: &BTreeMap<String, PathBuf>, minify: bool) -> Result<Fingerprints> {
        let mut fingerprints = Fingerprints::default();
        for (path, source) in static_files {
            let Some(kind) = minify::Kind::of(path).filter(|k| *k != minify::Kind::Html) else {
                continue;
            };
            let bytes = fs::read(source)?;
            let bytes = if minify {
                minify::minify(kind, &bytes)
            } else {
                bytes
            };
            let name = fingerprinted_name(path, xxhash_rust::xxh3::xxh3_64(&bytes));
            fingerprints.names.insert(path.clone(), name);
            fingerprints.contents.insert(path.clone(), Arc::new(bytes));
        }
        Ok(fingerprints)
    }

    /// The same, giving plain names (for the preview).
    pub fn disabled(self) -> Fingerprints {
        Fingerprints {
            disabled: true,
            ..self
        }
    }

    /// The name to publish `path` (a static CSS or JS file) under, noting that it is used; None
    /// for other files.
    pub fn name_for(&self, path: &str) -> Option<String> {
        if self.disabled {
            return self.contents.contains_key(path).then(|| path.to_string());
        }
        let name = self.names.get(path)?;
        self.asked
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(path.to_string());
        Some(name.clone())
    }

    /// The files templates asked for, under their fingerprinted names.
    pub fn outputs(&self) -> Vec<Output> {
        let asked = self.asked.lock().unwrap_or_else(PoisonError::into_inner);
        asked
            .iter()
            .filter_map(|path| {
                Some(Output {
                    path: self.names.get(path)?.clone(),
                    content: Content::Bytes(Arc::clone(self.contents.get(path)?)),
                })
            })
            .collect()
    }

    /// Is `path` one of these files, under its plain or its fingerprinted name?
    pub fn is_known(&self, path: &str) -> bool {
        self.contents.contains_key(path) || self.names.values().any(|n| n == path)
    }

    /// What the plain-named file at `path` is published with, when it is one of these files.
    pub fn content_of(&self, path: &str) -> Option<Content> {
        self.contents
            .get(path)
            .map(|bytes| Content::Bytes(Arc::clone(bytes)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_go_before_the_extension() {
        assert_eq!(
            fingerprinted_name("css/site.css", 0x3f2a_1c9e_0b11_2233),
            "css/site.3f2a1c9e0b.css"
        );
        assert_eq!(
            fingerprinted_name("js/app.min.js", 0xabcdef0123456789),
            "js/app.min.abcdef0123.js"
        );
        assert_eq!(fingerprinted_name(".well/x", 0), ".well/x.0000000000");
        assert!(crate::deploy::media::is_fingerprinted(
            "css/site.3f2a1c9e0b.css"
        ));
    }

    #[test]
    fn sizes_read_with_units() {
        assert_eq!(parse_size("5 MB"), Some(5_000_000));
        assert_eq!(parse_size("800kB"), Some(800_000));
        assert_eq!(parse_size("1.5 GB"), Some(1_500_000_000));
        assert_eq!(parse_size("1200"), Some(1200));
        assert_eq!(parse_size("five"), None);
        assert_eq!(human_size(12_345_678), "12.3 MB");
    }
}
