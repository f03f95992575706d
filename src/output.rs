//! Writing the built site so that the published folder is never half-written.
//!
//! Two trees are kept: the published one (`public/`) and a spare one beside it
//! (`.public.spare/`, the build before). A build brings the spare tree up to date — writing only
//! the files whose bytes differ from what it holds, known from a manifest of content hashes — and
//! then swaps the two folders in one system call (`renameat2` with `RENAME_EXCHANGE` on Linux).
//! The published tree is never modified in place, so a failed, killed or out-of-space build
//! leaves it exactly as it was, and an unchanged site costs a few `stat` calls, not a rewrite.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use rayon::prelude::*;

use crate::error::IoAction;
use crate::{Error, Result, fs};

/// What an output file holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    /// Rendered bytes, shared so that an unchanged page is kept from one build to the next
    /// without copying.
    Bytes(std::sync::Arc<Vec<u8>>),
    /// A file copied as it is (static files, images beside pages).
    File(PathBuf),
    /// Rendered bytes already handed to a [`Publication`] while the build went on, so that
    /// they need not stay in memory until the end.
    Written(std::sync::Arc<Written>),
}

impl Content {
    /// The bytes, read back from disk for a copied or already written file.
    pub fn read(&self) -> Result<std::borrow::Cow<'_, [u8]>> {
        let file = match self {
            Content::Bytes(bytes) => return Ok(std::borrow::Cow::Borrowed(bytes)),
            Content::File(file) => file,
            Content::Written(written) => &written.file,
        };
        std::fs::read(file)
            .map(std::borrow::Cow::Owned)
            .map_err(|e| Error::io(IoAction::Read, file, e))
    }

    /// The size in bytes.
    pub fn len(&self) -> u64 {
        match self {
            Content::Bytes(bytes) => bytes.len() as u64,
            Content::File(path) => std::fs::metadata(path).map_or(0, |m| m.len()),
            Content::Written(written) => written.len,
        }
    }

    /// Whether it holds no bytes.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// What a [`Publication`] did with bytes handed to it.
#[derive(Debug, PartialEq, Eq)]
pub struct Written {
    /// Where the bytes are now: in the tree being built, or in the published one when it
    /// already held them.
    file: PathBuf,
    len: u64,
    print: u64,
    /// The published tree holds these bytes at this path.
    published: bool,
    /// The tree being built holds them, written with this stamp.
    spare: Option<Stamp>,
}

impl From<String> for Content {
    fn from(text: String) -> Self {
        Content::Bytes(std::sync::Arc::new(text.into_bytes()))
    }
}

impl From<Vec<u8>> for Content {
    fn from(bytes: Vec<u8>) -> Self {
        Content::Bytes(std::sync::Arc::new(bytes))
    }
}

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    /// Path relative to the output folder, with `/`: `news/foo/index.html`.
    pub path: String,
    /// Its content.
    pub content: Content,
}

/// What publishing did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WriteReport {
    /// Files whose bytes are new or changed compared with the published site.
    pub written: usize,
    /// Files identical to the published site.
    pub unchanged: usize,
    /// Identifies what the published tree now holds ([`Publication::published_digest`]); None
    /// when its manifest could not be kept.
    pub tree: Option<u64>,
}

/// Size and modification time of a file: if both are as recorded, its hash is trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified_ns: u128,
}

fn stamp(path: &Path) -> Option<Stamp> {
    stamp_of(&std::fs::symlink_metadata(path).ok()?)
}

fn stamp_of(meta: &std::fs::Metadata) -> Option<Stamp> {
    if !meta.is_file() {
        return None;
    }
    let modified_ns = meta
        .modified()
        .ok()?
        .duration_since(UNIX_EPOCH)
        .ok()?
        .as_nanos();
    Some(Stamp {
        len: meta.len(),
        modified_ns,
    })
}

/// A content fingerprint: the hash of rendered bytes, or of a copied file's path, size and time.
fn fingerprint(content: &Content) -> u64 {
    match content {
        Content::Bytes(bytes) => xxhash_rust::xxh3::xxh3_64(bytes),
        Content::File(source) => {
            let s = stamp(source).unwrap_or(Stamp {
                len: 0,
                modified_ns: 0,
            });
            let key = format!("{}\0{}\0{}", source.display(), s.len, s.modified_ns);
            xxhash_rust::xxh3::xxh3_64(key.as_bytes())
        }
        Content::Written(written) => written.print,
    }
}

/// What a tree holds: for each file, its fingerprint and the stamp it had when written.
#[derive(Debug, Default)]
struct Manifest {
    files: HashMap<String, (u64, Stamp)>,
    /// The hash of the manifest as saved (0: none was).
    digest: u64,
}

impl Manifest {
    /// The manifest of a tree is named after the tree folder's inode, which moves with the
    /// folder when the two trees are swapped, so no rename can leave it describing the wrong tree.
    /// Manifests are kept beside the output folder (`.public.manifest-<inode>`), never inside it.
    fn path_for(output_dir: &Path, tree: &Path) -> Option<PathBuf> {
        use std::os::unix::fs::MetadataExt;
        let ino = std::fs::metadata(tree).ok()?.ino();
        Some(sibling(output_dir, &format!("manifest-{ino}")))
    }

    fn load(output_dir: &Path, tree: &Path) -> Manifest {
        let Some((path, text)) = Manifest::path_for(output_dir, tree)
            .and_then(|p| std::fs::read_to_string(&p).ok().map(|text| (p, text)))
        else {
            return Manifest::default();
        };
        let digest = Manifest::digest_of(&path, &text);
        let files = text
            .lines()
            .filter_map(|line| {
                let mut parts = line.splitn(4, ' ');
                let hash = u64::from_str_radix(parts.next()?, 16).ok()?;
                let len = parts.next()?.parse().ok()?;
                let modified_ns = parts.next()?.parse().ok()?;
                Some((
                    parts.next()?.to_string(),
                    (hash, Stamp { len, modified_ns }),
                ))
            })
            .collect();
        Manifest { files, digest }
    }

    /// Names what a manifest describes: its path carries the tree folder's inode, so a tree
    /// replaced by hand (even with the same files) has another.
    fn digest_of(path: &Path, text: &str) -> u64 {
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        hasher.update(path.as_os_str().as_encoded_bytes());
        hasher.update(&[0]);
        hasher.update(text.as_bytes());
        hasher.digest()
    }

    /// Saves the manifest and returns its digest (None: there is no place to keep it).
    fn save(&self, output_dir: &Path, tree: &Path) -> Result<Option<u64>> {
        let Some(path) = Manifest::path_for(output_dir, tree) else {
            return Ok(None);
        };
        let mut lines: Vec<String> = self
            .files
            .iter()
            .map(|(file, (hash, s))| format!("{hash:016x} {} {} {file}", s.len, s.modified_ns))
            .collect();
        lines.sort_unstable();
        let text = lines.join("\n");
        fs::write(&path, text.as_bytes())?;
        Ok(Some(Manifest::digest_of(&path, &text)))
    }

    fn forget(output_dir: &Path, tree: &Path) -> Result<()> {
        match Manifest::path_for(output_dir, tree) {
            Some(path) => match std::fs::remove_file(&path) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                    Err(Error::io(IoAction::Remove, path, e))
                }
                _ => Ok(()),
            },
            None => Ok(()),
        }
    }

    /// Is `file` in `tree` still what the manifest says, with this fingerprint?
    fn holds(&self, tree: &Path, file: &str, print: u64) -> bool {
        self.stamp_if_holds(tree, file, print).is_some()
    }

    /// The file's stamp if [`Manifest::holds`] it.
    fn stamp_if_holds(&self, tree: &Path, file: &str, print: u64) -> Option<Stamp> {
        let (hash, recorded) = self.files.get(file)?;
        (*hash == print && stamp(&tree.join(file)) == Some(*recorded)).then_some(*recorded)
    }
}

/// A file or folder beside the output folder: `.public.<suffix>`.
pub(crate) fn sibling(output_dir: &Path, suffix: &str) -> PathBuf {
    let name = output_dir
        .file_name()
        .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    output_dir.with_file_name(format!(".{name}.{suffix}"))
}

/// Whether `folder` is a tree potline published: the manifest beside it names its inode, so a
/// folder made again by hand under the same name, even holding the same files, is not.
pub(crate) fn is_published_tree(folder: &Path) -> bool {
    Manifest::path_for(folder, folder).is_some_and(|manifest| manifest.is_file())
}

/// Writes `outputs` as the new content of `output_dir`, atomically.
pub fn publish(outputs: &[Output], output_dir: &Path) -> Result<WriteReport> {
    Publication::begin(output_dir)?.finish(outputs)
}

/// A publication in progress: rendered files can be handed over one by one as they are made
/// ([`Publication::put`], from many threads), so that a large site never sits in memory whole;
/// [`Publication::finish`] then writes the rest and swaps the trees. Until then the published
/// tree is untouched, and a build that fails or is dropped half-way leaves it as it was.
pub struct Publication {
    output_dir: PathBuf,
    spare: PathBuf,
    previous: PathBuf,
    /// What the published tree holds.
    published: Manifest,
    /// What the spare tree held before this build touched it: read when first needed (a build
    /// that finds nothing changed never needs it), and always before [`Publication::open`]
    /// forgets it.
    known: std::sync::OnceLock<Manifest>,
    /// The spare tree did not exist: nothing in it to replace or remove.
    fresh: bool,
    /// The spare tree's manifest has been forgotten (it is about to change).
    opened: std::sync::Mutex<bool>,
    /// Folders made in the spare tree.
    folders: Folders,
    /// The first write that failed: later files are kept in memory and `finish` reports it.
    failure: std::sync::Mutex<Option<Error>>,
}

impl Publication {
    /// Gets ready to publish into `output_dir` (a build killed during a swap is undone first).
    pub fn begin(output_dir: &Path) -> Result<Publication> {
        let spare = sibling(output_dir, "spare");
        let previous = sibling(output_dir, "previous");
        recover(output_dir, &previous)?;
        fs::remove_dir_all(&sibling(output_dir, "staging"))?;
        Ok(Publication {
            published: Manifest::load(output_dir, output_dir),
            known: std::sync::OnceLock::new(),
            fresh: !spare.exists(),
            output_dir: output_dir.to_path_buf(),
            spare,
            previous,
            opened: std::sync::Mutex::new(false),
            folders: Folders::default(),
            failure: std::sync::Mutex::default(),
        })
    }

    /// Identifies what the published tree holds, when every file of it is still as its manifest
    /// says (same size and modification time); None when a file was changed or removed, or no
    /// manifest describes the tree. Equal digests: equal trees.
    pub fn published_digest(&self) -> Option<u64> {
        let manifest = &self.published;
        if manifest.digest == 0 || manifest.files.is_empty() {
            return None;
        }
        let intact = manifest
            .files
            .par_iter()
            .all(|(file, (_, recorded))| stamp(&self.output_dir.join(file)) == Some(*recorded));
        intact.then_some(manifest.digest)
    }

    /// Takes one rendered file: written into the spare tree now unless a tree already holds
    /// these bytes. Returns what the output holds from now on. A failed write (a full disk) is
    /// remembered for [`Publication::finish`] and the bytes are returned to be kept instead.
    pub fn put(&self, path: &str, bytes: Vec<u8>) -> Content {
        let print = xxhash_rust::xxh3::xxh3_64(&bytes);
        match self.place(path, &bytes, print) {
            Ok(written) => Content::Written(std::sync::Arc::new(written)),
            Err(error) => {
                if let Ok(mut failure) = self.failure.lock() {
                    failure.get_or_insert(error);
                }
                Content::from(bytes)
            }
        }
    }

    fn place(&self, path: &str, bytes: &[u8], print: u64) -> Result<Written> {
        if self.failure.lock().map_or(true, |f| f.is_some()) {
            return Err(Error::message(crate::msg!("output-earlier-write-failed")));
        }
        let published = self.published.holds(&self.output_dir, path, print);
        let mut spare = self.spare_stamp(path, print, published);
        if spare.is_none() && !published {
            self.open()?;
            self.make_folder(path)?;
            let destination = self.spare.join(path);
            spare = write_bytes(bytes, &destination, self.fresh)?;
        }
        let file = if spare.is_some() {
            self.spare.join(path)
        } else {
            self.output_dir.join(path)
        };
        Ok(Written {
            file,
            len: bytes.len() as u64,
            print,
            published,
            spare,
        })
    }

    /// The spare tree's stamp of `path` if it holds these bytes. Not looked up for a file the
    /// published tree holds: a rebuild with nothing changed never needs to know, and `finish`
    /// asks only once something did change.
    fn spare_stamp(&self, path: &str, print: u64, published: bool) -> Option<Stamp> {
        match published {
            true => None,
            false => self.known().stamp_if_holds(&self.spare, path, print),
        }
    }

    fn known(&self) -> &Manifest {
        self.known
            .get_or_init(|| Manifest::load(&self.output_dir, &self.spare))
    }

    /// Forgets the spare tree's manifest before its first change: if this build is killed, the
    /// next one cannot trust anything in the tree and rewrites it.
    fn open(&self) -> Result<()> {
        // Read before it is forgotten.
        self.known();
        let mut opened = self
            .opened
            .lock()
            .map_err(|_| Error::message(crate::msg!("output-writer-stopped")))?;
        if !*opened {
            Manifest::forget(&self.output_dir, &self.spare)?;
            fs::create_dir_all(&self.spare)?;
            *opened = true;
        }
        Ok(())
    }

    fn make_folder(&self, path: &str) -> Result<()> {
        match path.rsplit_once('/') {
            Some((folder, _)) => self.folders.make(&self.spare, folder).map(|_| ()),
            None => Ok(()),
        }
    }

    /// Writes the outputs not handed over yet, removes what is no longer built and makes the
    /// spare tree the published one: `outputs` is every file of the site, those given to
    /// [`Publication::put`] included.
    pub fn finish(self, outputs: &[Output]) -> Result<WriteReport> {
        if let Some(error) = self.failure.lock().ok().and_then(|mut f| f.take()) {
            return Err(error);
        }
        let placed: Vec<Written> = outputs
            .par_iter()
            .map(|output| match &output.content {
                Content::Written(written) => Written {
                    file: written.file.clone(),
                    ..**written
                },
                content => {
                    let print = fingerprint(content);
                    let published = self.published.holds(&self.output_dir, &output.path, print);
                    Written {
                        file: PathBuf::new(),
                        len: 0,
                        print,
                        published,
                        spare: self.spare_stamp(&output.path, print, published),
                    }
                }
            })
            .collect();
        let unchanged = placed.iter().filter(|w| w.published).count();
        let mut report = WriteReport {
            written: outputs.len() - unchanged,
            unchanged,
            tree: None,
        };
        let same_files = self.published.files.len() == outputs.len();
        if report.written == 0 && same_files && self.output_dir.is_dir() {
            report.tree = (self.published.digest != 0).then_some(self.published.digest);
            return Ok(report);
        }
        // Nothing wrote to these paths of the spare tree during this build.
        let placed: Vec<Written> = placed
            .into_par_iter()
            .zip(outputs)
            .map(|(mut placed, output)| {
                if placed.published && placed.spare.is_none() {
                    placed.spare =
                        self.known()
                            .stamp_if_holds(&self.spare, &output.path, placed.print);
                }
                placed
            })
            .collect();
        self.open()?;
        if !self.fresh {
            // Files no longer built go first: the room they free may be what the rest need.
            remove_stale(&self.spare, outputs, self.known())?;
        }
        report.tree = self.complete_tree(outputs, &placed)?;
        swap_into_place(&self.spare, &self.output_dir, &self.previous)?;
        remove_orphan_manifests(&self.output_dir, &self.spare);
        Ok(report)
    }

    /// Writes into the spare tree what it lacks (files not handed over, and those the published
    /// tree held, copied from it) and saves its manifest, returning the manifest's digest.
    fn complete_tree(&self, outputs: &[Output], placed: &[Written]) -> Result<Option<u64>> {
        let missing: Vec<bool> = placed.iter().map(|w| w.spare.is_none()).collect();
        create_folders(&self.spare, outputs, &missing, &self.folders)?;
        let stamps: Vec<(String, (u64, Stamp))> = outputs
            .par_iter()
            .zip(placed)
            .map(|(output, placed)| {
                let destination = self.spare.join(&output.path);
                // A page handed over but not written is one the published tree holds: its
                // bytes are copied from there (`Written::file`).
                let stamp = match placed.spare {
                    Some(stamp) => Some(stamp),
                    None => write_file(&output.content, &destination, self.fresh)?,
                };
                let stamp = stamp.ok_or_else(|| {
                    Error::io(
                        IoAction::Read,
                        &destination,
                        std::io::ErrorKind::NotFound.into(),
                    )
                })?;
                Ok((output.path.clone(), (placed.print, stamp)))
            })
            .collect::<Result<_>>()?;
        Manifest {
            files: stamps.into_iter().collect(),
            digest: 0,
        }
        .save(&self.output_dir, &self.spare)
    }
}

/// Manifests of trees that no longer exist (deleted by hand) are removed; failing to is harmless.
fn remove_orphan_manifests(output_dir: &Path, spare: &Path) {
    let keep: Vec<PathBuf> = [output_dir, spare]
        .iter()
        .filter_map(|t| Manifest::path_for(output_dir, t))
        .collect();
    let prefix = sibling(output_dir, "manifest-");
    let (Some(parent), Some(prefix)) = (
        prefix.parent(),
        prefix.file_name().map(|n| n.to_string_lossy().into_owned()),
    ) else {
        return;
    };
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.filter_map(|e| e.ok()) {
        let is_manifest = entry.file_name().to_string_lossy().starts_with(&prefix);
        if is_manifest && !keep.contains(&entry.path()) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Creates, once each, the folders of the files to write (rather than checking a file's folder
/// before every file: ten thousand pages are ten thousand folders, not fifty thousand lookups).
fn create_folders(
    tree: &Path,
    outputs: &[Output],
    to_write: &[bool],
    made: &Folders,
) -> Result<()> {
    let folders: BTreeSet<&str> = outputs
        .iter()
        .zip(to_write)
        .filter(|(_, write)| **write)
        .filter_map(|(output, _)| output.path.rsplit_once('/').map(|(dir, _)| dir))
        .collect();
    for folder in folders {
        made.make(tree, folder)?;
    }
    Ok(())
}

/// The folders made in a tree being written, each made once (from many threads). One
/// subfolder in [`APART_EVERY`] of each folder is placed away from it on the disk
/// ([`fs::create_dir_apart`]), the others next to the one before.
#[derive(Default)]
struct Folders {
    /// Folder made (relative to the tree, "" for the tree itself) → subfolders made in it so far.
    made: std::sync::Mutex<HashMap<String, usize>>,
}

/// How many subfolders of a folder are made next to each other before one is placed apart.
/// Builds right after `rm -rf public` and `sync`, 2026-11-29: every folder apart (1) was 20–30%
/// slower at 100,000 pages than 64 (BENCHMARKS.md, "Page folders packed in runs"); 256 built
/// as 64 did, within the noise.
const APART_EVERY: usize = 64;

impl Folders {
    /// Makes `folder` (relative to `tree`, which exists) and the folders above it; returns how
    /// many of them were placed apart.
    fn make(&self, tree: &Path, folder: &str) -> Result<usize> {
        if self.is_made(folder) {
            return Ok(0);
        }
        let mut apart = 0;
        for (end, _) in folder.match_indices('/') {
            apart += usize::from(self.ensure(tree, &folder[..end])?);
        }
        Ok(apart + usize::from(self.ensure(tree, folder)?))
    }

    fn is_made(&self, folder: &str) -> bool {
        self.made.lock().is_ok_and(|made| made.contains_key(folder))
    }

    /// Makes one folder whose parent exists (or the tree itself); returns whether it was placed
    /// apart. Two threads may both make the same folder: harmless, and at worst one more folder
    /// is placed apart.
    fn ensure(&self, tree: &Path, folder: &str) -> Result<bool> {
        if self.is_made(folder) {
            return Ok(false);
        }
        let parent = folder.rsplit_once('/').map_or("", |(parent, _)| parent);
        let nth = {
            let mut made = self
                .made
                .lock()
                .map_err(|_| Error::message(crate::msg!("output-writer-stopped")))?;
            let count = made.entry(parent.to_string()).or_default();
            *count += 1;
            *count - 1
        };
        let path = tree.join(folder);
        let apart = nth % APART_EVERY == 0;
        if apart {
            fs::create_dir_apart(&path)?;
        } else {
            fs::create_dir(&path)?;
        }
        if let Ok(mut made) = self.made.lock() {
            made.entry(folder.to_string()).or_default();
        }
        Ok(apart)
    }
}

/// Writes one output (its folder exists) and returns the new file's stamp. In a `fresh` tree
/// there is nothing at the path to replace.
fn write_file(content: &Content, destination: &Path, fresh: bool) -> Result<Option<Stamp>> {
    let source = match content {
        Content::Bytes(bytes) => return write_bytes(bytes, destination, fresh),
        Content::File(source) => source,
        Content::Written(written) => &written.file,
    };
    replacing(destination, fresh, || {
        std::fs::copy(source, destination)
            .map_err(|e| Error::io(IoAction::Copy, source, e))
            .map(|_| stamp(destination))
    })
}

/// Writes rendered bytes as [`write_file`] does.
fn write_bytes(bytes: &[u8], destination: &Path, fresh: bool) -> Result<Option<Stamp>> {
    replacing(destination, fresh, || write_new(destination, bytes))
}

/// Runs `write` to make `destination` anew: whatever was there is removed first, and a
/// half-written file is removed when writing fails.
fn replacing(
    destination: &Path,
    fresh: bool,
    write: impl FnOnce() -> Result<Option<Stamp>>,
) -> Result<Option<Stamp>> {
    // A previous build may have hard-linked or copied this path: replace, never write through.
    if !fresh {
        match std::fs::remove_file(destination) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(Error::io(IoAction::Replace, destination, e));
            }
            _ => {}
        }
    }
    let written = write();
    if written.is_err() {
        // A half-written file (the disk filled up) would only take room from the next build.
        let _ = std::fs::remove_file(destination);
    }
    written
}

/// Creates a file with these bytes; its stamp is read from the open file, not looked up again.
fn write_new(destination: &Path, bytes: &[u8]) -> Result<Option<Stamp>> {
    use std::io::Write;
    let mut file = std::fs::File::create(destination)
        .map_err(|e| Error::io(IoAction::Write, destination, e))?;
    file.write_all(bytes)
        .map_err(|e| Error::io(IoAction::Write, destination, e))?;
    let meta = file
        .metadata()
        .map_err(|e| Error::io(IoAction::Write, destination, e))?;
    Ok(stamp_of(&meta))
}

/// Deletes files of the tree that this build does not produce, and folders left empty.
fn remove_stale(tree: &Path, outputs: &[Output], known: &Manifest) -> Result<()> {
    let wanted: std::collections::HashSet<&str> = outputs.iter().map(|o| o.path.as_str()).collect();
    let present: Vec<String> = if known.files.is_empty() {
        walkdir::WalkDir::new(tree)
            .into_iter()
            .filter_map(|e| e.ok())
            .filter(|e| !e.file_type().is_dir())
            .map(|e| crate::source::relative_slash_path(tree, e.path()))
            .collect()
    } else {
        known.files.keys().cloned().collect()
    };
    let mut folders = BTreeSet::new();
    for file in present.iter().filter(|f| !wanted.contains(f.as_str())) {
        let path = tree.join(file);
        match std::fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(Error::io(IoAction::Remove, path, e));
            }
            _ => {}
        }
        let mut dir = path.parent();
        while let Some(d) = dir.filter(|d| *d != tree) {
            folders.insert(d.to_path_buf());
            dir = d.parent();
        }
    }
    // Deepest first; a folder that still holds files stays.
    for folder in folders.iter().rev() {
        let _ = std::fs::remove_dir(folder);
    }
    Ok(())
}

/// A build killed between the two renames of the fallback swap leaves the published site aside:
/// put it back before anything else.
fn recover(output_dir: &Path, previous: &Path) -> Result<()> {
    if previous.exists() {
        if output_dir.exists() {
            fs::remove_dir_all(previous)?;
        } else {
            fs::rename(previous, output_dir)?;
        }
    }
    Ok(())
}

/// Makes `ready` the published tree; the tree published until now becomes the spare one.
fn swap_into_place(ready: &Path, output_dir: &Path, previous: &Path) -> Result<()> {
    if !output_dir.exists() {
        return fs::rename(ready, output_dir);
    }
    if exchange(ready, output_dir) {
        return Ok(());
    }
    fs::rename(output_dir, previous)?;
    fs::rename(ready, output_dir)?;
    fs::rename(previous, ready)
}

/// Swaps two folders in one system call where the platform has one (Linux `renameat2`).
#[cfg(target_os = "linux")]
pub(crate) fn exchange(a: &Path, b: &Path) -> bool {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).is_ok()
}

#[cfg(not(target_os = "linux"))]
pub(crate) fn exchange(_: &Path, _: &Path) -> bool {
    false
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

    #[cfg(target_os = "linux")]
    fn flagged_top(folder: &Path) -> bool {
        let handle = std::fs::File::open(folder).unwrap();
        rustix::fs::ioctl_getflags(&handle).is_ok_and(|f| f.contains(rustix::fs::IFlags::TOPDIR))
    }

    /// The first subfolder of each folder and then one in 64 are placed apart; nothing else.
    #[test]
    fn places_one_subfolder_in_sixty_four_apart() {
        let dir = tempfile::tempdir().unwrap();
        let folders = Folders::default();
        let mut apart = Vec::new();
        for n in 0..130 {
            apart.push(folders.make(dir.path(), &format!("news/{n}")).unwrap());
        }
        // news/0 also made news, the first folder of the tree.
        assert_eq!(apart[0], 2);
        let others: Vec<usize> = (1..130).filter(|&n| apart[n] == 1).collect();
        assert_eq!(others, [64, 128]);
        assert_eq!(apart.iter().sum::<usize>(), 4);
        assert_eq!(folders.make(dir.path(), "news/64").unwrap(), 0, "made once");
        assert!(dir.path().join("news/129").is_dir());
    }

    /// Placing a folder apart flags its parent only while it is made: a parent the user flagged
    /// keeps the flag, the others do not get it.
    #[cfg(target_os = "linux")]
    #[test]
    fn placing_apart_leaves_the_parent_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let (plain, flagged) = (dir.path().join("plain"), dir.path().join("flagged"));
        std::fs::create_dir(&plain).unwrap();
        std::fs::create_dir(&flagged).unwrap();
        let handle = std::fs::File::open(&flagged).unwrap();
        let flags = rustix::fs::ioctl_getflags(&handle).unwrap_or(rustix::fs::IFlags::empty());
        if rustix::fs::ioctl_setflags(&handle, flags | rustix::fs::IFlags::TOPDIR).is_err()
            || !flagged_top(&flagged)
        {
            eprintln!("skipped: this file system has no top-of-hierarchy flag");
            return;
        }
        fs::create_dir_apart(&plain.join("a")).unwrap();
        fs::create_dir_apart(&flagged.join("a")).unwrap();
        assert!(plain.join("a").is_dir() && flagged.join("a").is_dir());
        assert!(!flagged_top(&plain));
        assert!(flagged_top(&flagged));
        assert!(
            !flagged_top(&plain.join("a")),
            "the new folder is not flagged"
        );
    }

    #[test]
    fn publishes_updates_and_removes_files() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let first = publish(&[bytes("a/index.html", "A"), bytes("b.txt", "B")], &out).unwrap();
        assert_eq!((first.written, first.unchanged), (2, 0));
        assert!(first.tree.is_some());
        let same = publish(&[bytes("a/index.html", "A"), bytes("b.txt", "B")], &out).unwrap();
        assert_eq!((same.written, same.unchanged), (0, 2));
        assert_eq!(same.tree, first.tree, "an untouched tree keeps its digest");
        // Twice more, so that both trees have been updated from a manifest.
        for text in ["C", "D"] {
            let report =
                publish(&[bytes("a/index.html", "A"), bytes("c.txt", text)], &out).unwrap();
            assert_eq!((report.written, report.unchanged), (1, 1));
            assert_ne!(report.tree, first.tree);
            assert_eq!(std::fs::read_to_string(out.join("c.txt")).unwrap(), text);
            assert!(!out.join("b.txt").exists());
        }
        assert_eq!(
            std::fs::read_to_string(out.join("a/index.html")).unwrap(),
            "A"
        );
    }

    /// Builds `files` the way `potline build` does: pages handed over one by one, then the rest.
    fn stream(files: &[(&str, &str)], rest: &[Output], out: &Path) -> WriteReport {
        let publication = Publication::begin(out).unwrap();
        let mut outputs: Vec<Output> = files
            .iter()
            .map(|(path, text)| Output {
                path: path.to_string(),
                content: publication.put(path, text.as_bytes().to_vec()),
            })
            .collect();
        outputs.extend_from_slice(rest);
        publication.finish(&outputs).unwrap()
    }

    fn tree(out: &Path) -> Vec<(String, String)> {
        let mut files: Vec<(String, String)> = walkdir::WalkDir::new(out)
            .into_iter()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let text = std::fs::read_to_string(e.path()).unwrap();
                (crate::source::relative_slash_path(out, e.path()), text)
            })
            .collect();
        files.sort();
        files
    }

    /// A page the published tree holds is looked for in the spare tree only when something
    /// else changed; the spare tree's older copy of it is then replaced, never kept.
    #[test]
    fn a_published_page_whose_spare_copy_is_older_is_copied_when_another_page_changes() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let spare = sibling(&out, "spare");
        stream(&[("p/index.html", "P1"), ("q/index.html", "Q1")], &[], &out);
        stream(&[("p/index.html", "P2"), ("q/index.html", "Q1")], &[], &out);
        assert_eq!(
            std::fs::read_to_string(spare.join("p/index.html")).unwrap(),
            "P1"
        );
        let report = stream(&[("p/index.html", "P2"), ("q/index.html", "Q2")], &[], &out);
        assert_eq!((report.written, report.unchanged), (1, 1));
        assert_eq!(
            tree(&out),
            vec![
                ("p/index.html".into(), "P2".into()),
                ("q/index.html".into(), "Q2".into()),
            ]
        );
        let same = stream(&[("p/index.html", "P2"), ("q/index.html", "Q2")], &[], &out);
        assert_eq!((same.written, same.unchanged), (0, 2));
    }

    #[test]
    fn streamed_pages_are_published_only_at_the_end_and_unchanged_ones_are_not_rewritten() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let rest = [bytes("sitemap.xml", "S")];
        let first = [("a/index.html", "A1"), ("b/index.html", "B1")];
        assert_eq!(stream(&first, &rest, &out).written, 3);
        // Nothing changed: nothing is written, and neither tree is touched.
        let spare = sibling(&out, "spare");
        assert!(!spare.exists(), "a first build leaves no spare tree");
        let same = stream(&first, &rest, &out);
        assert_eq!((same.written, same.unchanged), (0, 3));
        assert!(!spare.exists());
        // One page changed, one removed, one added: the unchanged page, held only by the
        // published tree so far, is copied into the new one.
        let publication = Publication::begin(&out).unwrap();
        let content = publication.put("a/index.html", b"A1".to_vec());
        assert!(
            tree(&out).contains(&("a/index.html".into(), "A1".into())),
            "the published tree stays as it is until the end"
        );
        let changed = publication.put("c/index.html", b"C1".to_vec());
        assert_eq!(tree(&out).len(), 3, "nothing is published before finish");
        let outputs = vec![
            Output {
                path: "a/index.html".into(),
                content,
            },
            Output {
                path: "c/index.html".into(),
                content: changed,
            },
            bytes("sitemap.xml", "S2"),
        ];
        let report = publication.finish(&outputs).unwrap();
        assert_eq!((report.written, report.unchanged), (2, 1));
        assert_eq!(
            tree(&out),
            vec![
                ("a/index.html".into(), "A1".into()),
                ("c/index.html".into(), "C1".into()),
                ("sitemap.xml".into(), "S2".into()),
            ]
        );
        // And back: both trees now have manifests, and the result is exact again.
        let back = stream(&first, &rest, &out);
        assert_eq!((back.written, back.unchanged), (2, 1));
        assert_eq!(
            tree(&out),
            vec![
                ("a/index.html".into(), "A1".into()),
                ("b/index.html".into(), "B1".into()),
                ("sitemap.xml".into(), "S".into()),
            ]
        );
    }

    #[test]
    fn a_publication_dropped_half_way_leaves_the_published_tree_and_the_next_build_exact() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        stream(&[("a/index.html", "A1"), ("b/index.html", "B1")], &[], &out);
        stream(&[("a/index.html", "A1"), ("b/index.html", "B1")], &[], &out);
        let publication = Publication::begin(&out).unwrap();
        let _ = publication.put("a/index.html", b"A2".to_vec());
        drop(publication); // a template failed: the build stops before finish
        assert_eq!(
            tree(&out),
            vec![
                ("a/index.html".into(), "A1".into()),
                ("b/index.html".into(), "B1".into()),
            ]
        );
        let report = stream(&[("a/index.html", "A3"), ("b/index.html", "B1")], &[], &out);
        assert_eq!((report.written, report.unchanged), (1, 1));
        assert_eq!(
            tree(&out),
            vec![
                ("a/index.html".into(), "A3".into()),
                ("b/index.html".into(), "B1".into()),
            ]
        );
    }

    #[test]
    fn a_file_changed_by_hand_in_the_output_is_rewritten() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let outputs = [bytes("a.txt", "A")];
        publish(&outputs, &out).unwrap();
        std::fs::write(out.join("a.txt"), "tampered").unwrap();
        let report = publish(&outputs, &out).unwrap();
        assert_eq!(report.written, 1);
        assert_eq!(std::fs::read_to_string(out.join("a.txt")).unwrap(), "A");
    }
}
