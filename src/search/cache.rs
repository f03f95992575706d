//! What search keeps from one build to the next, so that a `potline serve` rebuild after an edit
//! tokenizes only the pages that changed and applies only their postings to the last index
//! (in Zola, rebuilding the search index is most of a rebuild). Everything kept is checked, not
//! trusted: a page's entry is found by the hash of its text, and an index is only ever updated
//! from the exact entries it was built from, so a stale or foreign state costs time, never
//! correctness.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex, MutexGuard, PoisonError};

use rayon::prelude::*;

use super::entry::{PageEntry, PageText};
use super::index::Index;

/// How many sites' (or languages') last indexes are kept.
const KEPT_INDEXES: usize = 8;

/// Page entries by the hash of their text, and the last index of each site. Entries are kept
/// for two generations (the pages the last build used and the build before), so memory stays
/// bounded by the size of the sites being built.
#[derive(Default)]
pub struct SearchCache {
    entries: Mutex<Generations>,
    indexes: Mutex<Vec<(u64, Index)>>,
}

#[derive(Default)]
struct Generations {
    current: HashMap<u64, Arc<PageEntry>>,
    previous: HashMap<u64, Arc<PageEntry>>,
}

static SHARED: LazyLock<SearchCache> = LazyLock::new(SearchCache::default);

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // What is kept is only replaced whole: a panic elsewhere cannot leave it half-written.
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl SearchCache {
    /// The process-wide cache the build uses.
    pub fn shared() -> &'static SearchCache {
        &SHARED
    }

    /// The entry of every page, computing (in parallel) only those not cached. `keys[i]` is the
    /// cache key of page `i` (a hash of its text); `text(i)` its text, asked for only on a
    /// miss.
    pub fn entries(
        &self,
        keys: &[u64],
        text: &(dyn Fn(usize) -> PageText + Sync),
    ) -> Vec<Arc<PageEntry>> {
        let known: Vec<Option<Arc<PageEntry>>> = {
            let mut generations = lock(&self.entries);
            let known: Vec<Option<Arc<PageEntry>>> = keys
                .iter()
                .map(|key| {
                    generations
                        .current
                        .get(key)
                        .or_else(|| generations.previous.get(key))
                        .cloned()
                })
                .collect();
            let used = keys
                .iter()
                .zip(&known)
                .filter_map(|(key, entry)| Some((*key, Arc::clone(entry.as_ref()?))))
                .collect();
            generations.previous = std::mem::replace(&mut generations.current, used);
            known
        };
        let entries: Vec<Arc<PageEntry>> = known
            .into_par_iter()
            .enumerate()
            .map(|(i, hit)| hit.unwrap_or_else(|| Arc::new(PageEntry::new(&text(i)))))
            .collect();
        let mut generations = lock(&self.entries);
        for (key, entry) in keys.iter().zip(&entries) {
            generations
                .current
                .entry(*key)
                .or_insert_with(|| Arc::clone(entry));
        }
        entries
    }

    /// The index of these entries, updated from the last index kept under `site` when there is
    /// one, and kept for next time. Returns its files.
    pub fn index(&self, site: u64, entries: Vec<Arc<PageEntry>>) -> Vec<(String, Arc<Vec<u8>>)> {
        let last = {
            let mut kept = lock(&self.indexes);
            kept.iter()
                .position(|(key, _)| *key == site)
                .map(|at| kept.remove(at).1)
        };
        let mut index = match last {
            Some(last) => last.update(entries),
            None => Index::build(entries),
        };
        let files = index.files();
        let mut kept = lock(&self.indexes);
        kept.insert(0, (site, index));
        kept.truncate(KEPT_INDEXES);
        files
    }

    /// How many page entries are kept.
    pub fn len(&self) -> usize {
        let generations = lock(&self.entries);
        let only_previous = generations
            .previous
            .keys()
            .filter(|key| !generations.current.contains_key(key))
            .count();
        generations.current.len() + only_previous
    }

    /// Is nothing kept?
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(title: &str) -> PageText {
        PageText {
            title: title.into(),
            body: format!("{title} body"),
            ..PageText::default()
        }
    }

    #[test]
    fn entries_are_reused_and_old_ones_forgotten() {
        let cache = SearchCache::default();
        let texts = [page("A"), page("B")];
        let calls = std::sync::atomic::AtomicUsize::new(0);
        let text = |i: usize| {
            calls.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            texts[i].clone()
        };
        let first = cache.entries(&[1, 2], &text);
        let second = cache.entries(&[1, 2], &text);
        assert_eq!(calls.load(std::sync::atomic::Ordering::SeqCst), 2);
        assert!(Arc::ptr_eq(&first[0], &second[0]));
        cache.entries(&[3], &|_| page("C"));
        cache.entries(&[3], &|_| page("C"));
        assert_eq!(cache.len(), 1, "entries unused for two builds are dropped");
    }

    #[test]
    fn an_index_is_kept_per_site_and_updated() {
        let cache = SearchCache::default();
        let entries = |titles: &[&str]| -> Vec<Arc<PageEntry>> {
            titles
                .iter()
                .map(|t| Arc::new(PageEntry::new(&page(t))))
                .collect()
        };
        let first = cache.index(7, entries(&["alpha", "beta"]));
        let again = cache.index(7, entries(&["alpha", "beta"]));
        assert_eq!(first, again);
        let other_site = cache.index(8, entries(&["gamma"]));
        assert_ne!(first, other_site);
        let changed = cache.index(7, entries(&["alpha", "delta"]));
        assert_eq!(changed, Index::build(entries(&["alpha", "delta"])).files());
    }
}
