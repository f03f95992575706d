//! What a deploy has to do: the files of the built site with their content hashes, the manifest
//! a target keeps of what it holds, and the difference between the two — new and changed files
//! in publishing order, and the files to delete once everything new is in place.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::media::{self, Phase};
use crate::error::IoAction;
use crate::{Error, Result, fs};

/// The manifest's name at a target (at the prefix of a bucket; beside a folder's releases).
pub const MANIFEST: &str = ".potline-manifest.json";

/// Files of the output folder that configure other hosts (GitHub Pages, Netlify, Cloudflare
/// Pages) and mean nothing to object storage or a web server: they are not deployed.
pub const HOST_ONLY: [&str; 4] = crate::content::site_path::HOST_SETTINGS;

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalFile {
    /// Relative to the output folder, with `/`.
    pub path: String,
    /// Bytes.
    pub size: u64,
    /// XXH3-128 of the content, hexadecimal.
    pub hash: String,
}

/// Lists the files of `output_dir` with their hashes, sorted by path.
pub fn scan(output_dir: &Path) -> Result<Vec<LocalFile>> {
    if !output_dir.is_dir() {
        return Err(Error::message(crate::msg!(
            "deploy-no-output",
            path = output_dir
        )));
    }
    let mut paths = Vec::new();
    for entry in walkdir::WalkDir::new(output_dir).follow_links(true) {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(output_dir).to_path_buf();
            Error::io(IoAction::Read, path, e.into())
        })?;
        if entry.file_type().is_file() {
            let rel = crate::source::relative_slash_path(output_dir, entry.path());
            if !(HOST_ONLY.contains(&rel.as_str()) || rel == MANIFEST) {
                paths.push(rel);
            }
        }
    }
    paths.sort_unstable();
    paths
        .into_par_iter()
        .map(|path| {
            let bytes = fs::read(&output_dir.join(&path))?;
            Ok(LocalFile {
                size: bytes.len() as u64,
                hash: hash_hex(&bytes),
                path,
            })
        })
        .collect()
}

/// The content hash potline records: XXH3-128, hexadecimal.
pub fn hash_hex(bytes: &[u8]) -> String {
    format!("{:032x}", xxhash_rust::xxh3::xxh3_128(bytes))
}

/// What a target holds, as far as potline published it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// Which potline wrote it.
    #[serde(default)]
    pub generator: String,
    /// Every file published, by path.
    #[serde(default)]
    pub files: BTreeMap<String, ManifestEntry>,
    /// Files a deploy started uploading but did not finish: they may be at the target in any
    /// version. A deploy writes them here before its first upload, so that the next one can
    /// resume (and delete any the site no longer has).
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub pending: BTreeSet<String>,
}

/// One published file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestEntry {
    /// The content hash ([`hash_hex`]).
    pub hash: String,
    /// Bytes.
    pub size: u64,
    /// A hash of the headers it was uploaded with (object storage only), so that a change of
    /// `cache_control` in `site.yaml` publishes the files again.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub headers: String,
}

impl Manifest {
    /// The manifest of exactly `files`, nothing pending.
    pub fn of(files: &[LocalFile], headers: impl Fn(&str) -> String) -> Manifest {
        Manifest {
            generator: concat!("potline ", env!("CARGO_PKG_VERSION")).into(),
            files: files
                .iter()
                .map(|f| {
                    let entry = ManifestEntry {
                        hash: f.hash.clone(),
                        size: f.size,
                        headers: headers(&f.path),
                    };
                    (f.path.clone(), entry)
                })
                .collect(),
            pending: BTreeSet::new(),
        }
    }

    /// Parses a manifest; `None` when it is not one.
    pub fn parse(bytes: &[u8]) -> Option<Manifest> {
        serde_json::from_slice(bytes).ok()
    }

    /// The JSON text.
    pub fn to_json(&self) -> Vec<u8> {
        serde_json::to_vec_pretty(self).unwrap_or_default()
    }
}

/// Why a file is uploaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// The target does not have it.
    New,
    /// The target has another version (or other headers).
    Changed,
}

/// A file to publish.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upload {
    /// Relative path.
    pub path: String,
    /// Bytes.
    pub size: u64,
    /// New or changed.
    pub reason: Reason,
    /// When it goes.
    pub phase: Phase,
}

/// What a deploy does, in order: `uploads` (assets, then pages, then indexes), then `deletions`
/// (in the reverse order).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    /// New and changed files, in publishing order.
    pub uploads: Vec<Upload>,
    /// Files at the target that the site no longer has, in deleting order.
    pub deletions: Vec<String>,
    /// Files already at the target as they are.
    pub unchanged: usize,
}

impl Plan {
    /// Compares the built files with what `remote` says the target holds. `headers` gives the
    /// header hash recorded for each file (empty where the target sets no headers).
    pub fn new(local: &[LocalFile], remote: &Manifest, headers: impl Fn(&str) -> String) -> Plan {
        let mut plan = Plan::default();
        for file in local {
            let reason = match remote.files.get(&file.path) {
                None => Reason::New,
                Some(entry)
                    if entry.hash == file.hash
                        && entry.size == file.size
                        && entry.headers == headers(&file.path) =>
                {
                    plan.unchanged += 1;
                    continue;
                }
                Some(_) => Reason::Changed,
            };
            plan.uploads.push(Upload {
                path: file.path.clone(),
                size: file.size,
                reason,
                phase: media::phase(&file.path),
            });
        }
        plan.uploads
            .sort_by(|a, b| (a.phase, &a.path).cmp(&(b.phase, &b.path)));
        let built: BTreeSet<&str> = local.iter().map(|f| f.path.as_str()).collect();
        let mut deletions: Vec<String> = remote
            .files
            .keys()
            .chain(&remote.pending)
            .filter(|p| !built.contains(p.as_str()))
            .cloned()
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        deletions.sort_by(|a, b| (media::phase(b), a).cmp(&(media::phase(a), b)));
        plan.deletions = deletions;
        plan
    }

    /// Bytes to upload.
    pub fn upload_bytes(&self) -> u64 {
        self.uploads.iter().map(|u| u.size).sum()
    }

    /// Nothing to do?
    pub fn is_empty(&self) -> bool {
        self.uploads.is_empty() && self.deletions.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, content: &str) -> LocalFile {
        LocalFile {
            path: path.into(),
            size: content.len() as u64,
            hash: hash_hex(content.as_bytes()),
        }
    }

    #[test]
    fn plans_assets_then_pages_then_indexes_and_deletes_in_reverse() {
        let old = [
            file("index.html", "home"),
            file("css/site.css", "a"),
            file("old/index.html", "x"),
            file("img/old.png", "x"),
            file("feed.xml", "x"),
        ];
        let remote = Manifest::of(&old, |_| String::new());
        let new = [
            file("index.html", "home 2"),
            file("css/site.css", "a"),
            file("news/x/index.html", "n"),
            file("sitemap.xml", "s"),
            file("img/new.png", "p"),
        ];
        let plan = Plan::new(&new, &remote, |_| String::new());
        let order: Vec<&str> = plan.uploads.iter().map(|u| u.path.as_str()).collect();
        assert_eq!(
            order,
            [
                "img/new.png",
                "index.html",
                "news/x/index.html",
                "sitemap.xml"
            ]
        );
        assert_eq!(plan.uploads[1].reason, Reason::Changed);
        assert_eq!(plan.uploads[2].reason, Reason::New);
        assert_eq!(plan.unchanged, 1);
        assert_eq!(
            plan.deletions,
            ["feed.xml", "old/index.html", "img/old.png"]
        );
    }

    #[test]
    fn a_change_of_headers_is_a_change() {
        let files = [file("index.html", "home")];
        let remote = Manifest::of(&files, |_| "old".into());
        assert_eq!(
            Plan::new(&files, &remote, |_| "old".into()).uploads.len(),
            0
        );
        assert_eq!(
            Plan::new(&files, &remote, |_| "new".into()).uploads.len(),
            1
        );
    }

    #[test]
    fn pending_files_the_site_no_longer_has_are_deleted() {
        let mut remote = Manifest::default();
        remote.pending.insert("gone/index.html".into());
        remote.pending.insert("index.html".into());
        let plan = Plan::new(&[file("index.html", "x")], &remote, |_| String::new());
        assert_eq!(plan.deletions, ["gone/index.html"]);
        assert_eq!(plan.uploads.len(), 1);
    }

    #[test]
    fn manifests_read_back_what_they_wrote() {
        let mut manifest = Manifest::of(&[file("a.txt", "a")], |_| "h".into());
        manifest.pending.insert("b.txt".into());
        assert_eq!(Manifest::parse(&manifest.to_json()), Some(manifest));
        assert_eq!(Manifest::parse(b"not json"), None);
    }
}
