//! What rendering keeps between the builds of one `Builder` (the preview server's): page and
//! section views by version, and every output's bytes by a fingerprint of its inputs plus the
//! lookups (`get_page`, `get_section`, `get_url`, ...) its templates made. An output is rendered
//! again only when one of those changed, which keeps a one-page edit to a few renders.

use std::collections::HashMap;
use std::sync::Arc;

use tera::Value;
use xxhash_rust::xxh3::Xxh3;

use crate::templates::Dependency;

/// A page's view as lists and `get_page` show it, valid for one version of the page (its own
/// template gets it extended when it runs).
pub(super) struct CachedView {
    pub version: u64,
    pub view: Value,
}

/// A section's views: without its pages (for page templates) and with them.
pub(super) struct CachedSection {
    pub version: u64,
    pub bare_version: u64,
    pub bare: Value,
    pub full: Value,
}

/// An output's bytes and what they were made from.
pub(super) struct CachedOutput {
    pub fingerprint: u64,
    pub lookups: Vec<Dependency>,
    pub bytes: Arc<Vec<u8>>,
}

/// Everything kept; dropped as a whole when `site.yaml` changes.
#[derive(Default)]
pub struct RenderCache {
    pub(super) views: HashMap<String, CachedView>,
    pub(super) sections: HashMap<String, CachedSection>,
    pub(super) outputs: HashMap<String, CachedOutput>,
    /// The last render's jobs and outputs, for a run that changes only some bodies.
    pub(super) last: Option<super::LastRender>,
}

impl RenderCache {
    /// Forgets the last render's outputs (kept for runs that change only some bodies): after a
    /// failed run, the next one looks at everything.
    pub fn forget_last(&mut self) {
        self.last = None;
    }
}

/// Builds a 64-bit key from parts; the parts are separated so `ab`+`c` differs from `a`+`bc`.
#[derive(Default)]
pub(crate) struct Key(Xxh3);

impl Key {
    pub fn new() -> Self {
        Key(Xxh3::new())
    }

    pub fn text(mut self, text: &str) -> Self {
        self.0.update(text.as_bytes());
        self.0.update(&[0xff]);
        self
    }

    pub fn number(mut self, number: u64) -> Self {
        self.0.update(&number.to_le_bytes());
        self
    }

    pub fn numbers(mut self, numbers: impl IntoIterator<Item = u64>) -> Self {
        for n in numbers {
            self.0.update(&n.to_le_bytes());
        }
        self.0.update(&[0xfe]);
        self
    }

    pub fn finish(self) -> u64 {
        self.0.digest()
    }
}
