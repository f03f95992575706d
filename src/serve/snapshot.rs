//! One built site held in memory, immutable once made: every output path with its bytes, its
//! content type and a strong ETag. The server answers from a snapshot only, so a response never
//! mixes two builds and no request path ever reaches the file system.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use axum::body::Bytes;
use axum::http::HeaderValue;
use rayon::prelude::*;

use crate::error::IoAction;
use crate::messages::Message;
use crate::output::{Content, Output};
use crate::{Error, Result, fs};

/// One file of the built site, ready to serve.
#[derive(Debug)]
pub(crate) struct Entry {
    /// The output's bytes, exactly as `potline build` would write them.
    pub body: Bytes,
    /// `Content-Type`, from the file extension.
    pub content_type: &'static str,
    /// Hash of `body`: compares builds and makes the ETag.
    pub hash: u64,
    /// Where the bytes came from, to take them over without hashing or reading them again
    /// when they did not change.
    origin: Origin,
}

#[derive(Debug)]
enum Origin {
    /// Rendered by the build, which hands over the same allocation while a page is unchanged.
    Rendered(Arc<Vec<u8>>),
    /// Copied from a file.
    Copied(SourceStamp),
}

/// Rendered bytes shared with the build, served without a copy.
struct SharedBytes(Arc<Vec<u8>>);

impl AsRef<[u8]> for SharedBytes {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

impl Entry {
    /// Is this an HTML page (which gets the live-reload script when served)?
    pub fn is_html(&self) -> bool {
        self.content_type.starts_with("text/html")
    }

    /// The strong ETag of the served bytes; HTML pages also depend on the build they are
    /// served from, because the injected script names it.
    pub fn etag(&self, build_id: &str) -> Option<HeaderValue> {
        let tag = if self.is_html() {
            format!("\"{:x}-{:016x}-{build_id}\"", self.body.len(), self.hash)
        } else {
            format!("\"{:x}-{:016x}\"", self.body.len(), self.hash)
        };
        HeaderValue::from_str(&tag).ok()
    }
}

/// Identity of a copied source file: its real location, size and modification time.
#[derive(Debug, Clone, PartialEq, Eq)]
struct SourceStamp {
    canonical: PathBuf,
    len: u64,
    modified: Option<SystemTime>,
}

/// Where a site's files may really live: its root and, when they are links to elsewhere, its
/// source folders and theme folders. A copied file resolving anywhere else (through a link
/// inside these folders) is not served.
#[derive(Debug, Clone)]
pub(crate) struct SiteFolders {
    root: PathBuf,
    allowed: Vec<PathBuf>,
}

impl SiteFolders {
    /// The folders of the site at `root` (canonical), as they are now.
    pub fn of(root: &Path) -> SiteFolders {
        let mut candidates: Vec<PathBuf> = ["content", "static", "templates", "themes"]
            .iter()
            .map(|name| root.join(name))
            .collect();
        if let Ok(themes) = std::fs::read_dir(root.join("themes")) {
            candidates.extend(themes.filter_map(|entry| entry.ok().map(|e| e.path())));
        }
        let mut allowed = vec![root.to_path_buf()];
        allowed.extend(
            candidates
                .iter()
                .filter_map(|c| std::fs::canonicalize(c).ok()),
        );
        SiteFolders {
            root: root.to_path_buf(),
            allowed,
        }
    }

    fn contains(&self, canonical: &Path) -> bool {
        self.allowed
            .iter()
            .any(|folder| canonical.starts_with(folder))
    }
}

/// A whole built site.
#[derive(Debug, Default)]
pub(crate) struct SiteSnapshot {
    files: HashMap<String, Arc<Entry>>,
    /// Names this build in the pages' live-reload script: `<server instance>-<generation>`.
    pub build_id: String,
}

/// What changed between two snapshots.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Changes {
    /// Output paths that are new or whose bytes changed, sorted.
    pub changed: Vec<String>,
    /// Output paths that are gone, sorted.
    pub removed: Vec<String>,
}

impl Changes {
    /// Nothing to show: the new build serves exactly the same bytes.
    pub fn is_empty(&self) -> bool {
        self.changed.is_empty() && self.removed.is_empty()
    }

    /// Only stylesheets changed: the browser can swap them without reloading the page.
    pub fn css_only(&self) -> bool {
        self.removed.is_empty()
            && !self.changed.is_empty()
            && self.changed.iter().all(|p| p.ends_with(".css"))
    }
}

impl SiteSnapshot {
    /// Builds a snapshot from a build's outputs. Files unchanged since `previous` are shared
    /// with it rather than read again. Copied files that resolve outside the site's folders
    /// (through a symbolic link) are left out and named in the returned warnings.
    pub fn new(
        outputs: &[Output],
        previous: &SiteSnapshot,
        folders: &SiteFolders,
        build_id: String,
    ) -> Result<(Self, Vec<Message>)> {
        let made: Vec<(String, Option<Arc<Entry>>, Option<Message>)> = outputs
            .par_iter()
            .map(|output| {
                let old = previous.files.get(&output.path);
                match entry_for(output, old, folders)? {
                    Made::Entry(entry) => Ok((output.path.clone(), Some(entry), None)),
                    Made::Refused(warning) => Ok((output.path.clone(), None, Some(warning))),
                }
            })
            .collect::<Result<_>>()?;
        let mut files = HashMap::with_capacity(made.len());
        let mut warnings = Vec::new();
        for (path, entry, warning) in made {
            if let Some(entry) = entry {
                files.insert(path, entry);
            }
            warnings.extend(warning);
        }
        Ok((SiteSnapshot { files, build_id }, warnings))
    }

    /// The file at an output path (`news/foo/index.html`).
    pub fn get(&self, path: &str) -> Option<&Arc<Entry>> {
        self.files.get(path)
    }

    /// How many files the site has.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Does it hold no file at all (no build succeeded yet)?
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Which output paths differ from `previous`.
    pub fn changes_since(&self, previous: &SiteSnapshot) -> Changes {
        let mut changes = Changes::default();
        for (path, entry) in &self.files {
            let same = previous
                .files
                .get(path)
                .is_some_and(|old| old.hash == entry.hash && old.body.len() == entry.body.len());
            if !same {
                changes.changed.push(path.clone());
            }
        }
        changes.removed = previous
            .files
            .keys()
            .filter(|p| !self.files.contains_key(*p))
            .cloned()
            .collect();
        changes.changed.sort();
        changes.removed.sort();
        changes
    }
}

enum Made {
    Entry(Arc<Entry>),
    Refused(Message),
}

fn entry_for(output: &Output, old: Option<&Arc<Entry>>, folders: &SiteFolders) -> Result<Made> {
    let content_type = content_type(&output.path);
    match &output.content {
        Content::Bytes(bytes) => {
            let same =
                |o: &&Arc<Entry>| matches!(&o.origin, Origin::Rendered(r) if Arc::ptr_eq(r, bytes));
            if let Some(old) = old.filter(same) {
                return Ok(Made::Entry(Arc::clone(old)));
            }
            Ok(Made::Entry(Arc::new(Entry {
                body: Bytes::from_owner(SharedBytes(Arc::clone(bytes))),
                content_type,
                hash: hash_bytes(bytes),
                origin: Origin::Rendered(Arc::clone(bytes)),
            })))
        }
        Content::File(source) => copied_entry(source, old, folders, content_type),
        // A preview keeps its pages in memory; should a written one come, it is read back.
        Content::Written(_) => {
            let bytes = Arc::new(output.content.read()?.into_owned());
            Ok(Made::Entry(Arc::new(Entry {
                body: Bytes::from_owner(SharedBytes(Arc::clone(&bytes))),
                content_type,
                hash: hash_bytes(&bytes),
                origin: Origin::Rendered(bytes),
            })))
        }
    }
}

fn copied_entry(
    source: &Path,
    old: Option<&Arc<Entry>>,
    folders: &SiteFolders,
    content_type: &'static str,
) -> Result<Made> {
    let canonical =
        std::fs::canonicalize(source).map_err(|e| Error::io(IoAction::Open, source, e))?;
    if !folders.contains(&canonical) {
        let shown = source.strip_prefix(&folders.root).unwrap_or(source);
        return Ok(Made::Refused(crate::msg!(
            "serve-link-outside",
            path = shown,
            target = &canonical
        )));
    }
    let meta = std::fs::metadata(&canonical).map_err(|e| Error::io(IoAction::Read, source, e))?;
    let stamp = SourceStamp {
        canonical,
        len: meta.len(),
        modified: meta.modified().ok(),
    };
    if let Some(old) = old.filter(|o| matches!(&o.origin, Origin::Copied(s) if *s == stamp)) {
        return Ok(Made::Entry(Arc::clone(old)));
    }
    let bytes = fs::read(&stamp.canonical)?;
    let hash = hash_bytes(&bytes);
    Ok(Made::Entry(Arc::new(Entry {
        body: Bytes::from(bytes),
        content_type,
        hash,
        origin: Origin::Copied(stamp),
    })))
}

/// A 64-bit hash of the bytes (XXH3: fast enough to hash every page of every rebuild, and
/// the same across restarts). The length is part of the ETag too.
fn hash_bytes(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

/// The `Content-Type` of an output path, from its extension. Text types say UTF-8, which is
/// what potline writes.
pub(crate) fn content_type(path: &str) -> &'static str {
    let name = path.rsplit('/').next().unwrap_or(path);
    let extension = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" | "map" => "application/json",
        "webmanifest" => "application/manifest+json",
        "xml" | "xsl" => "application/xml",
        "rss" => "application/rss+xml",
        "atom" => "application/atom+xml",
        "txt" | "md" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "pdf" => "application/pdf",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "mp3" => "audio/mpeg",
        "wasm" => "application/wasm",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bytes(path: &str, text: &str) -> Output {
        Output {
            path: path.into(),
            content: Content::from(text.to_string()),
        }
    }

    #[test]
    fn content_types_cover_the_files_a_site_has() {
        for (path, expected) in [
            ("index.html", "text/html; charset=utf-8"),
            ("css/site.css", "text/css; charset=utf-8"),
            ("js/app.js", "text/javascript; charset=utf-8"),
            ("img/logo.SVG", "image/svg+xml"),
            ("a.webp", "image/webp"),
            ("a.avif", "image/avif"),
            ("a.png", "image/png"),
            ("a.jpg", "image/jpeg"),
            ("fonts/a.woff2", "font/woff2"),
            ("sitemap.xml", "application/xml"),
            ("data.json", "application/json"),
            ("robots.txt", "text/plain; charset=utf-8"),
            ("LICENSE", "application/octet-stream"),
        ] {
            assert_eq!(content_type(path), expected, "{path}");
        }
    }

    #[test]
    fn unchanged_outputs_are_shared_and_changes_are_listed() {
        let root = &SiteFolders::of(Path::new("/"));
        let empty = SiteSnapshot::default();
        let index = bytes("index.html", "a");
        let first = vec![
            index.clone(),
            bytes("css/site.css", "b"),
            bytes("old.txt", "c"),
        ];
        let (one, _) = SiteSnapshot::new(&first, &empty, root, "x-1".into()).unwrap();
        // The build hands over the same allocation for an unchanged page; equal bytes in a new
        // allocation are no change either.
        let second = vec![
            index.clone(),
            bytes("css/site.css", "B"),
            bytes("same.txt", "s"),
        ];
        let (two, _) = SiteSnapshot::new(&second, &one, root, "x-2".into()).unwrap();
        assert!(Arc::ptr_eq(
            one.get("index.html").unwrap(),
            two.get("index.html").unwrap()
        ));
        let changes = two.changes_since(&one);
        assert_eq!(changes.changed, ["css/site.css", "same.txt"]);
        assert_eq!(changes.removed, ["old.txt"]);
        assert!(!changes.css_only(), "a removed file needs a reload");
        let third = [index, bytes("css/site.css", "C"), bytes("same.txt", "s")];
        let (three, _) = SiteSnapshot::new(&third, &two, root, "x-3".into()).unwrap();
        assert_eq!(three.changes_since(&two).changed, ["css/site.css"]);
        assert!(three.changes_since(&two).css_only());
    }

    #[cfg(unix)]
    #[test]
    fn linked_theme_folders_belong_to_the_site_and_other_links_do_not() {
        use std::os::unix::fs::symlink;
        let tmp = tempfile::tempdir().unwrap();
        let tmp = std::fs::canonicalize(tmp.path()).unwrap();
        let root = tmp.join("site");
        std::fs::create_dir_all(root.join("themes")).unwrap();
        std::fs::create_dir_all(tmp.join("shared-theme/static")).unwrap();
        symlink(tmp.join("shared-theme"), root.join("themes/shared")).unwrap();
        let folders = SiteFolders::of(&root);
        assert!(folders.contains(&root.join("static/a.css")));
        assert!(folders.contains(&tmp.join("shared-theme/static/a.css")));
        assert!(!folders.contains(&tmp.join("secret.txt")));
    }

    #[test]
    fn html_etags_name_the_build_and_others_do_not() {
        let (snapshot, _) = SiteSnapshot::new(
            &[bytes("index.html", "a"), bytes("a.css", "a")],
            &SiteSnapshot::default(),
            &SiteFolders::of(Path::new("/")),
            "x-1".into(),
        )
        .unwrap();
        let page = snapshot.get("index.html").unwrap();
        let css = snapshot.get("a.css").unwrap();
        assert!(
            page.etag("x-1")
                .unwrap()
                .to_str()
                .unwrap()
                .ends_with("-x-1\"")
        );
        assert_eq!(css.etag("x-1"), css.etag("x-2"));
    }
}
