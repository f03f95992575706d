//! The index of one language: its pages' entries merged into postings, cut into files at
//! content-defined term boundaries, so that editing one page rewrites only the few files whose
//! terms it touches and the browser fetches only the files holding its query's terms. An index
//! can be updated to a later build's entries: only the postings of the pages that changed are
//! applied, only the terms they touch re-encoded, only the files holding those re-serialised.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::sync::Arc;

use rayon::prelude::*;
use serde_json::json;
use xxhash_rust::xxh3::xxh3_64;

use super::entry::{PageEntry, TermMap, WEIGHT_BITS};

/// Format version, written into `index.json` and checked by the script.
pub const FORMAT: u32 = 1;

/// A postings file holds at least this many bytes before a term may start a new one...
const MIN_CHUNK_BYTES: usize = 24 * 1024;
/// ...and one starts wherever a term's hash is a multiple of this (content-defined)...
const BOUNDARY_EVERY: u64 = 16;
/// ...or when a file would grow past this.
const MAX_CHUNK_BYTES: usize = 96 * 1024;

/// A term's postings, sorted by document, and as written: `[first, gap, gap, ...]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Postings {
    /// `(doc << WEIGHT_BITS) | weight`, by document.
    pub list: Vec<u32>,
    encoded: String,
    /// Changed since the files were last written.
    changed: bool,
}

impl Postings {
    fn new(list: Vec<u32>) -> Postings {
        let mut postings = Postings {
            list,
            encoded: String::new(),
            changed: true,
        };
        postings.encode();
        postings
    }

    /// Gaps between document numbers keep the numbers short; the weight stays in the low bits.
    fn encode(&mut self) {
        let out = &mut self.encoded;
        out.clear();
        out.push('[');
        let mut previous = 0;
        for (i, &posting) in self.list.iter().enumerate() {
            let doc = posting >> WEIGHT_BITS;
            let weight = posting & ((1 << WEIGHT_BITS) - 1);
            if i > 0 {
                out.push(',');
            }
            let _ = write!(
                out,
                "{}",
                (u64::from(doc - previous) << WEIGHT_BITS) | u64::from(weight)
            );
            previous = doc;
        }
        out.push(']');
    }

    fn position(&self, doc: u32) -> Result<usize, usize> {
        self.list.binary_search_by_key(&doc, |p| p >> WEIGHT_BITS)
    }
}

/// A postings file as last written: its name and bytes.
type WrittenFile = (String, Arc<Vec<u8>>);

/// One language's index.
#[derive(Debug, Clone)]
pub struct Index {
    /// The pages, by document number.
    entries: Vec<Arc<PageEntry>>,
    /// Every term, in code-point order.
    pub terms: BTreeMap<Box<str>, Postings>,
    /// Postings files last written, by their first term and number of terms.
    written: HashMap<(Box<str>, usize), WrittenFile>,
}

fn doc_number(doc: usize) -> u32 {
    u32::try_from(doc).unwrap_or(u32::MAX >> WEIGHT_BITS)
}

impl Index {
    /// Merges page entries; document `i` is `entries[i]`.
    pub fn build(entries: Vec<Arc<PageEntry>>) -> Index {
        let mut lists: TermMap<&str, Vec<u32>> = TermMap::default();
        for (doc, entry) in entries.iter().enumerate() {
            let doc = doc_number(doc);
            for (term, weight) in entry.terms() {
                lists
                    .entry(term)
                    .or_default()
                    .push((doc << WEIGHT_BITS) | u32::from(weight));
            }
        }
        let mut sorted: Vec<(&str, Vec<u32>)> = lists.into_iter().collect();
        sorted.par_sort_unstable_by(|a, b| a.0.cmp(b.0));
        let terms: Vec<(Box<str>, Postings)> = sorted
            .into_par_iter()
            .map(|(term, list)| (Box::from(term), Postings::new(list)))
            .collect();
        Index {
            terms: terms.into_iter().collect(),
            entries,
            written: HashMap::new(),
        }
    }

    /// This index changed to hold `entries`. Pages keep their numbers when pages are only edited,
    /// added at the end (new articles, see `documents` in `search/mod.rs`) or removed from the
    /// end: then only the pages that differ are applied. Anything else is a new build.
    pub fn update(mut self, entries: Vec<Arc<PageEntry>>) -> Index {
        let common = self.entries.len().min(entries.len());
        let changed: Vec<usize> = (0..common)
            .filter(|&d| !Arc::ptr_eq(&self.entries[d], &entries[d]))
            .collect();
        let resized = self.entries.len().abs_diff(entries.len());
        if (changed.len() + resized) * 4 > entries.len().max(16) {
            return Index::build(entries);
        }
        for doc in changed.iter().copied().chain(common..self.entries.len()) {
            let old = Arc::clone(&self.entries[doc]);
            self.remove(doc_number(doc), &old);
        }
        for doc in changed.iter().copied().chain(common..entries.len()) {
            self.add(doc_number(doc), &entries[doc]);
        }
        self.entries = entries;
        self.terms.retain(|_, postings| !postings.list.is_empty());
        for postings in self.terms.values_mut().filter(|p| p.changed) {
            postings.encode();
        }
        self
    }

    fn remove(&mut self, doc: u32, entry: &PageEntry) {
        for (term, _) in entry.terms() {
            if let Some(postings) = self.terms.get_mut(term) {
                if let Ok(at) = postings.position(doc) {
                    postings.list.remove(at);
                    postings.changed = true;
                }
            }
        }
    }

    fn add(&mut self, doc: u32, entry: &PageEntry) {
        for (term, weight) in entry.terms() {
            let posting = (doc << WEIGHT_BITS) | u32::from(weight);
            match self.terms.get_mut(term) {
                Some(postings) => {
                    let at = postings.position(doc).unwrap_or_else(|at| at);
                    postings.list.insert(at, posting);
                    postings.changed = true;
                }
                None => {
                    self.terms.insert(term.into(), Postings::new(vec![posting]));
                }
            }
        }
    }

    /// The files of the index, with paths relative to its folder: `index.json`, the postings
    /// files `t/postings.<hash>.json` and one record per document `d/<n>.json`. Postings files none of
    /// whose terms changed since the last call are not serialised again.
    pub fn files(&mut self) -> Vec<(String, Arc<Vec<u8>>)> {
        let terms: Vec<(&str, &Postings)> = self.terms.iter().map(|(t, p)| (&**t, p)).collect();
        let ranges = chunk_ranges(&terms);
        let written = &self.written;
        let chunks: Vec<((Box<str>, usize), WrittenFile)> = ranges
            .par_iter()
            .map(|range| {
                let part = &terms[range.clone()];
                let key = (Box::from(part[0].0), part.len());
                if !part.iter().any(|(_, p)| p.changed) {
                    if let Some(file) = written.get(&key) {
                        return (key, file.clone());
                    }
                }
                let bytes = chunk_json(part);
                // Named by content, with the hash as its own segment: `potline deploy` (and any
                // host that looks for fingerprints) can let browsers keep it for ever.
                let name = format!("t/postings.{:012x}.json", xxh3_64(&bytes) >> 16);
                (key, (name, Arc::new(bytes)))
            })
            .collect();
        let manifest = self.manifest(&terms, &ranges, &chunks);
        self.written = chunks.iter().cloned().collect();
        for postings in self.terms.values_mut() {
            postings.changed = false;
        }
        let mut files = Vec::with_capacity(1 + chunks.len() + self.entries.len());
        files.push(("index.json".to_string(), Arc::new(manifest)));
        files.extend(chunks.into_iter().map(|(_, file)| file));
        files.extend(
            self.entries
                .iter()
                .enumerate()
                .map(|(doc, entry)| (format!("d/{doc}.json"), Arc::clone(&entry.record))),
        );
        files
    }

    fn manifest(
        &self,
        terms: &[(&str, &Postings)],
        ranges: &[std::ops::Range<usize>],
        chunks: &[((Box<str>, usize), WrittenFile)],
    ) -> Vec<u8> {
        // Records are named by number: this version changes their URLs when any of them changes.
        let mut version = xxhash_rust::xxh3::Xxh3::new();
        for entry in &self.entries {
            version.update(&entry.record_hash.to_le_bytes());
        }
        let manifest = json!({
            "format": FORMAT,
            "docs": self.entries.len(),
            "records": format!("{:012x}", version.digest() >> 16),
            // The first file also holds every term sorting before its first one.
            "from": ranges
                .iter()
                .enumerate()
                .map(|(i, r)| if i == 0 { "" } else { terms[r.start].0 })
                .collect::<Vec<_>>(),
            "chunks": chunks.iter().map(|(_, (name, _))| name.as_str()).collect::<Vec<_>>(),
        });
        manifest.to_string().into_bytes()
    }
}

/// Where postings files start: after at least [`MIN_CHUNK_BYTES`], at the next term whose hash
/// is a multiple of [`BOUNDARY_EVERY`] (so a change stays local: the boundaries after it do not
/// move), or before [`MAX_CHUNK_BYTES`] is passed. No files for no terms.
fn chunk_ranges(terms: &[(&str, &Postings)]) -> Vec<std::ops::Range<usize>> {
    let mut ranges = Vec::new();
    let mut start = 0;
    let mut size = 0;
    for (i, (term, postings)) in terms.iter().enumerate() {
        let cost = term.len() + postings.encoded.len() + 4;
        let at_boundary = xxh3_64(term.as_bytes()) % BOUNDARY_EVERY == 0;
        if i > start && ((size >= MIN_CHUNK_BYTES && at_boundary) || size + cost > MAX_CHUNK_BYTES)
        {
            ranges.push(start..i);
            start = i;
            size = 0;
        }
        size += cost;
    }
    if start < terms.len() {
        ranges.push(start..terms.len());
    }
    ranges
}

/// `{"t":[terms...],"p":[[postings...],...]}`.
fn chunk_json(terms: &[(&str, &Postings)]) -> Vec<u8> {
    let size: usize = terms
        .iter()
        .map(|(t, p)| t.len() + p.encoded.len() + 4)
        .sum();
    let mut out = String::with_capacity(size + 16);
    out.push_str("{\"t\":[");
    for (i, (term, _)) in terms.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&serde_json::Value::from(*term).to_string());
    }
    out.push_str("],\"p\":[");
    for (i, (_, postings)) in terms.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&postings.encoded);
    }
    out.push_str("]}");
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::super::entry::{IN_META, IN_TITLE, PageText};
    use super::super::tokens;
    use super::*;

    fn page(title: &str, body: &str) -> PageText {
        PageText {
            title: title.into(),
            url: format!("/{}/", title.to_lowercase().replace(' ', "-")),
            section: "News".into(),
            body: body.into(),
            ..PageText::default()
        }
    }

    fn entries(pages: &[PageText]) -> Vec<Arc<PageEntry>> {
        pages.iter().map(|p| Arc::new(PageEntry::new(p))).collect()
    }

    fn index(pages: &[PageText]) -> Index {
        Index::build(entries(pages))
    }

    /// The browser's search, on the in-memory index: document numbers meeting every
    /// requirement, best first (title hits, then score, then newest).
    fn search(index: &Index, query: &str) -> Vec<usize> {
        let requirements = tokens::query(query);
        if requirements.is_empty() {
            return Vec::new();
        }
        let mut found: HashMap<usize, (usize, u32, usize)> = HashMap::new();
        for requirement in &requirements {
            let mut best: HashMap<usize, (bool, u32)> = HashMap::new();
            for (term, postings) in &index.terms {
                let exact = **term == *requirement.term;
                if !(exact || requirement.prefix && term.starts_with(&requirement.term)) {
                    continue;
                }
                for &posting in &postings.list {
                    let (doc, weight) = ((posting >> WEIGHT_BITS) as usize, posting & 31);
                    let title = weight & u32::from(IN_TITLE) > 0;
                    let score = (if title { 20 } else { 0 })
                        + (if weight & u32::from(IN_META) > 0 {
                            6
                        } else {
                            0
                        })
                        + (weight & 7);
                    let score = if exact { score * 2 } else { score };
                    let slot = best.entry(doc).or_default();
                    *slot = (slot.0 || title, slot.1.max(score));
                }
            }
            for (doc, (title, score)) in best {
                let slot = found.entry(doc).or_default();
                *slot = (slot.0 + usize::from(title), slot.1 + score, slot.2 + 1);
            }
        }
        let mut hits: Vec<(usize, usize, u32)> = found
            .into_iter()
            .filter(|(_, (_, _, n))| *n == requirements.len())
            .map(|(doc, (titles, score, _))| (doc, titles, score))
            .collect();
        hits.sort_by(|a, b| b.1.cmp(&a.1).then(b.2.cmp(&a.2)).then(b.0.cmp(&a.0)));
        hits.into_iter().map(|h| h.0).collect()
    }

    fn sample_pages() -> Vec<PageText> {
        vec![
            page(
                "Two smelters finish an upgrade",
                "The smelters in Pingguo cut power use.",
            ),
            page(
                "百色市召开生态铝产业座谈会",
                "座谈会在百色召开。The symposium discussed the ecological aluminum industry.",
            ),
            page(
                "Geely Baikuang",
                "吉利百矿集团 operates a plant; it is not a smelter report.",
            ),
            page("Aluminum prices", "Prices of aluminum rose in Baise."),
        ]
    }

    #[test]
    fn english_plurals_and_prefixes_find_each_other() {
        let index = index(&sample_pages());
        assert_eq!(search(&index, "smelter"), [0, 2]);
        assert_eq!(search(&index, "Smelters"), [0, 2]);
        assert_eq!(search(&index, "smel"), [0, 2]);
        assert_eq!(search(&index, "alumi"), [3, 1]);
        assert!(
            search(&index, "sm").is_empty(),
            "two letters match whole words only"
        );
    }

    #[test]
    fn chinese_words_are_found_by_their_bigrams() {
        let index = index(&sample_pages());
        assert_eq!(search(&index, "百色"), [1]);
        assert_eq!(search(&index, "座谈会"), [1]);
        assert_eq!(search(&index, "吉利百矿"), [2]);
        assert_eq!(search(&index, "铝"), [1]);
        assert!(search(&index, "百矿座谈").is_empty());
    }

    #[test]
    fn mixed_queries_need_every_word() {
        let index = index(&sample_pages());
        assert_eq!(search(&index, "symposium 百色"), [1]);
        assert_eq!(search(&index, "吉利 plant"), [2]);
        assert!(search(&index, "symposium smelter").is_empty());
    }

    #[test]
    fn title_hits_rank_first() {
        let index = index(&[
            page("Red mud", "aluminum aluminum aluminum aluminum"),
            page("Aluminum news", "nothing else"),
        ]);
        assert_eq!(search(&index, "aluminum"), [1, 0]);
    }

    #[test]
    fn postings_are_gaps_with_weights() {
        let postings = Postings::new(vec![(3 << 5) | 16, (4 << 5) | 1, (10 << 5) | 2]);
        assert_eq!(postings.encoded, "[112,33,194]");
    }

    fn file_names(files: &[(String, Arc<Vec<u8>>)], prefix: &str) -> Vec<String> {
        files
            .iter()
            .map(|(name, _)| name.clone())
            .filter(|name| name.starts_with(prefix))
            .collect()
    }

    /// 40 pages sharing 20,000 terms, one of which (`skip`) is left out.
    fn synthetic(skip: Option<usize>) -> Vec<Arc<PageEntry>> {
        let terms: Vec<(String, u8)> = (0..20_000)
            .filter(|&i| Some(i) != skip)
            .map(|i| (format!("term{i:06}"), 1))
            .collect();
        (0..40)
            .map(|_| Arc::new(PageEntry::with_terms(&terms, b"{}".to_vec())))
            .collect()
    }

    #[test]
    fn postings_files_are_stable_and_a_change_stays_local() {
        let all = file_names(&Index::build(synthetic(None)).files(), "t/");
        assert!(all.len() > 10, "{} files", all.len());
        assert_eq!(
            all,
            file_names(&Index::build(synthetic(None)).files(), "t/")
        );
        let without_one = file_names(&Index::build(synthetic(Some(7_000))).files(), "t/");
        let changed = without_one.iter().filter(|n| !all.contains(n)).count();
        assert!(changed <= 2, "{changed} of {} files changed", all.len());
    }

    #[test]
    fn a_small_site_is_one_postings_file_and_an_empty_one_none() {
        let files = index(&sample_pages()).files();
        assert_eq!(file_names(&files, "t/").len(), 1);
        assert_eq!(file_names(&files, "d/").len(), 4);
        let empty = Index::build(Vec::new()).files();
        assert_eq!(file_names(&empty, "").len(), 1, "only index.json");
    }

    #[test]
    fn an_updated_index_equals_a_new_one() {
        let mut pages: Vec<PageText> = (0..40)
            .map(|i| {
                page(
                    &format!("Page {i}"),
                    &format!("body{i} shared words 百色{i}"),
                )
            })
            .collect();
        let mut built = entries(&pages);
        let mut index = Index::build(built.clone());
        index.files();
        let mut check = |pages: &[PageText], built: &mut Vec<Arc<PageEntry>>| {
            // Unchanged pages keep their entries, as the cache gives them.
            let next: Vec<Arc<PageEntry>> = pages
                .iter()
                .enumerate()
                .map(|(i, p)| match built.get(i) {
                    Some(e) if **e == PageEntry::new(p) => Arc::clone(e),
                    _ => Arc::new(PageEntry::new(p)),
                })
                .collect();
            index = std::mem::replace(&mut index, Index::build(Vec::new())).update(next.clone());
            let mut fresh = Index::build(next.clone());
            let lists = |index: &Index| -> Vec<(Box<str>, Vec<u32>)> {
                index
                    .terms
                    .iter()
                    .map(|(t, p)| (t.clone(), p.list.clone()))
                    .collect()
            };
            assert_eq!(lists(&index), lists(&fresh));
            assert_eq!(index.files(), fresh.files());
            *built = next;
        };
        pages[3] = page("Page 3", "an edited body with new words");
        check(&pages, &mut built);
        pages.push(page("Page 40", "a new article 新文章"));
        pages.push(page("Page 41", "another"));
        check(&pages, &mut built);
        pages.pop();
        check(&pages, &mut built);
        pages.insert(0, page("Page first", "inserted before all others"));
        check(&pages, &mut built);
        pages.clear();
        check(&pages, &mut built);
    }
}
