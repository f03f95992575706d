//! What one page contributes to the index, computed from that page's text alone: its terms with
//! their weights, and the record the browser shows for it. Nothing here looks at other pages,
//! which is what lets a rebuild reuse the entry of every page whose text did not change.

use std::collections::HashMap;
use std::sync::Arc;

use super::tokens;

/// A posting packs a document number and a weight: `(doc << WEIGHT_BITS) | weight`.
pub const WEIGHT_BITS: u32 = 5;
/// Weight flag: the term is in the title.
pub const IN_TITLE: u8 = 16;
/// Weight flag: the term is in the metadata (fields, taxonomy terms, description).
pub const IN_META: u8 = 8;
/// Weight: occurrences in the body, up to this many.
pub const MAX_BODY_COUNT: u8 = 7;

/// Body text kept in a document record for excerpts, in bytes.
pub const MAX_EXCERPT_SOURCE: usize = 30_000;

/// The searchable text of one page: everything its entry is computed from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageText {
    /// The title.
    pub title: String,
    /// Its URL, with the base path.
    pub url: String,
    /// Title of its section, shown with the result.
    pub section: String,
    /// Its date as `YYYY-MM-DD` in the site timezone, or empty.
    pub date: String,
    /// The plain-text description, shown when the body has no match.
    pub description: String,
    /// Front-matter text and taxonomy terms.
    pub metadata: Vec<String>,
    /// The body as plain text.
    pub body: String,
}

/// What one page adds to the index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageEntry {
    /// Its terms, sorted and unique, one per line: kept for every page between builds, so
    /// packed (a term is a few bytes; a `String` each would cost five times as much).
    terms: Box<str>,
    /// The weight of each term, in the same order (see [`IN_TITLE`]).
    weights: Box<[u8]>,
    /// The JSON record the browser fetches to show the result.
    pub record: Arc<Vec<u8>>,
    /// A hash of the record.
    pub record_hash: u64,
}

impl PageEntry {
    /// Tokenizes a page's text: this is the work a rebuild saves for unchanged pages.
    pub fn new(text: &PageText) -> PageEntry {
        let mut weights: TermMap<String, u8> =
            TermMap::with_capacity_and_hasher(256, std::hash::BuildHasherDefault::default());
        let mut mark = |term: &str, change: &dyn Fn(u8) -> u8| match weights.get_mut(term) {
            Some(weight) => *weight = change(*weight),
            None => {
                weights.insert(term.to_string(), change(0));
            }
        };
        tokens::for_each_term(&text.title, |term, _, _, _| mark(term, &|w| w | IN_TITLE));
        for value in text.metadata.iter().chain([&text.description]) {
            tokens::for_each_term(value, |term, _, _, _| mark(term, &|w| w | IN_META));
        }
        tokens::for_each_term(&text.body, |term, _, _, _| {
            mark(term, &|w| {
                if w & MAX_BODY_COUNT < MAX_BODY_COUNT {
                    w + 1
                } else {
                    w
                }
            });
        });
        let mut terms: Vec<(String, u8)> = weights.into_iter().collect();
        terms.sort_unstable();
        let record = Record {
            t: &text.title,
            u: &text.url,
            s: &text.section,
            d: &text.date,
            m: &text.description,
            x: truncate(&text.body, MAX_EXCERPT_SOURCE),
        };
        PageEntry::with_terms(&terms, serde_json::to_vec(&record).unwrap_or_default())
    }

    /// An entry of these terms (sorted, unique; no line breaks in them) and this record.
    pub fn with_terms(terms: &[(String, u8)], record: Vec<u8>) -> PageEntry {
        let mut packed = String::with_capacity(terms.iter().map(|(t, _)| t.len() + 1).sum());
        for (term, _) in terms {
            packed.push_str(term);
            packed.push('\n');
        }
        PageEntry {
            terms: packed.into_boxed_str(),
            weights: terms.iter().map(|(_, w)| *w).collect(),
            record_hash: xxhash_rust::xxh3::xxh3_64(&record),
            record: Arc::new(record),
        }
    }

    /// Its terms, sorted, each with its weight.
    pub fn terms(&self) -> impl Iterator<Item = (&str, u8)> {
        self.terms.lines().zip(self.weights.iter().copied())
    }
}

/// What the browser shows of a result: title, URL, section, date, description, and the body
/// text it takes the excerpt from.
#[derive(serde::Serialize)]
struct Record<'a> {
    t: &'a str,
    u: &'a str,
    s: &'a str,
    d: &'a str,
    m: &'a str,
    x: &'a str,
}

fn truncate(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// The key a page's entry is cached under: a hash of all of its text.
pub fn entry_key(text_parts: &[&str]) -> u64 {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    for part in text_parts {
        hasher.update(&(part.len() as u64).to_le_bytes());
        hasher.update(part.as_bytes());
    }
    hasher.digest()
}

/// The FxHash mix: the maps of the index hash millions of short terms, written by the site's
/// own authors (no need to resist crafted collisions), and `SipHash` would be most of the work.
#[derive(Default, Clone, Copy)]
pub struct TermHasher(u64);

impl TermHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl std::hash::Hasher for TermHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        for &byte in chunks.remainder() {
            self.add(u64::from(byte));
        }
    }

    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte));
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A hash map keyed by terms.
pub type TermMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<TermHasher>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_record_title_metadata_and_body_counts() {
        let text = PageText {
            title: "Alpha".into(),
            metadata: vec!["beta".into()],
            body: "gamma gamma alpha ".repeat(5),
            ..PageText::default()
        };
        let entry = PageEntry::new(&text);
        let weight = |term: &str| entry.terms().find(|(t, _)| *t == term).map(|t| t.1);
        assert_eq!(weight("alpha"), Some(IN_TITLE | 5));
        assert_eq!(weight("beta"), Some(IN_META));
        assert_eq!(
            weight("gamma"),
            Some(MAX_BODY_COUNT),
            "counts stop at the maximum"
        );
    }

    #[test]
    fn records_hold_what_a_result_shows() {
        let text = PageText {
            title: "A \"quoted\" title".into(),
            url: "/news/a/".into(),
            body: "é".repeat(MAX_EXCERPT_SOURCE),
            ..PageText::default()
        };
        let record: serde_json::Value =
            serde_json::from_slice(&PageEntry::new(&text).record).expect("JSON");
        assert_eq!(record["t"], "A \"quoted\" title");
        assert_eq!(record["u"], "/news/a/");
        let body = record["x"].as_str().expect("text");
        assert_eq!(
            body.len(),
            MAX_EXCERPT_SOURCE,
            "cut on a character boundary"
        );
    }
}
