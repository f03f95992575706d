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

use crate::{Error, Result, fs};

/// What an output file holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    /// Rendered bytes, shared so that an unchanged page is kept from one build to the next
    /// without copying.
    Bytes(std::sync::Arc<Vec<u8>>),
    /// A file copied as it is (static files, images beside pages).
    File(PathBuf),
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
    }
}

/// What a tree holds: for each file, its fingerprint and the stamp it had when written.
#[derive(Debug, Default)]
struct Manifest {
    files: HashMap<String, (u64, Stamp)>,
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
        let Some(text) =
            Manifest::path_for(output_dir, tree).and_then(|p| std::fs::read_to_string(p).ok())
        else {
            return Manifest::default();
        };
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
        Manifest { files }
    }

    fn save(&self, output_dir: &Path, tree: &Path) -> Result<()> {
        let Some(path) = Manifest::path_for(output_dir, tree) else {
            return Ok(());
        };
        let mut lines: Vec<String> = self
            .files
            .iter()
            .map(|(file, (hash, s))| format!("{hash:016x} {} {} {file}", s.len, s.modified_ns))
            .collect();
        lines.sort_unstable();
        fs::write(&path, lines.join("\n").as_bytes())
    }

    fn forget(output_dir: &Path, tree: &Path) -> Result<()> {
        match Manifest::path_for(output_dir, tree) {
            Some(path) => match std::fs::remove_file(&path) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                    Err(Error::io("remove", path, e))
                }
                _ => Ok(()),
            },
            None => Ok(()),
        }
    }

    /// Is `file` in `tree` still what the manifest says, with this fingerprint?
    fn holds(&self, tree: &Path, file: &str, print: u64) -> bool {
        self.files.get(file).is_some_and(|(hash, recorded)| {
            *hash == print && stamp(&tree.join(file)) == Some(*recorded)
        })
    }
}

fn sibling(output_dir: &Path, suffix: &str) -> PathBuf {
    let name = output_dir
        .file_name()
        .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    output_dir.with_file_name(format!(".{name}.{suffix}"))
}

/// Refuses output folders whose replacement would destroy the site's sources.
pub fn check_output_dir(root: &Path, output_dir: &Path) -> Result<()> {
    let canonical_root = std::fs::canonicalize(root).map_err(|e| Error::io("open", root, e))?;
    let parent = output_dir.parent().unwrap_or(Path::new("."));
    let parent = if parent.as_os_str().is_empty() {
        Path::new(".")
    } else {
        parent
    };
    let canonical_parent = std::fs::canonicalize(parent).unwrap_or_else(|_| parent.to_path_buf());
    let canonical_output = canonical_parent.join(output_dir.file_name().unwrap_or_default());
    let dangerous = canonical_root.starts_with(&canonical_output)
        || output_dir.join(crate::config::CONFIG_FILE).exists()
        || output_dir.join("content").is_dir();
    if dangerous {
        return Err(Error::Message(format!(
            "refusing to use `{}` as the output folder: it holds the site's own files, which a build replaces\n  hint: pass an empty or generated folder, e.g. --output public",
            output_dir.display()
        )));
    }
    Ok(())
}

/// Writes `outputs` as the new content of `output_dir`, atomically.
pub fn publish(outputs: &[Output], output_dir: &Path) -> Result<WriteReport> {
    let spare = sibling(output_dir, "spare");
    let previous = sibling(output_dir, "previous");
    recover(output_dir, &previous)?;
    fs::remove_dir_all(&sibling(output_dir, "staging"))?;
    let prints: Vec<u64> = outputs
        .par_iter()
        .map(|o| fingerprint(&o.content))
        .collect();
    let published = Manifest::load(output_dir, output_dir);
    let unchanged = outputs
        .par_iter()
        .zip(&prints)
        .filter(|(o, p)| published.holds(output_dir, &o.path, **p))
        .count();
    let report = WriteReport {
        written: outputs.len() - unchanged,
        unchanged,
    };
    let same_files = published.files.len() == outputs.len();
    if report.written == 0 && same_files && output_dir.is_dir() {
        return Ok(report);
    }
    update_tree(outputs, &prints, output_dir, &spare)?;
    swap_into_place(&spare, output_dir, &previous)?;
    remove_orphan_manifests(output_dir, &spare);
    Ok(report)
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

/// Brings `tree` to exactly `outputs`: writes what differs, removes what is no longer built.
fn update_tree(outputs: &[Output], prints: &[u64], output_dir: &Path, tree: &Path) -> Result<()> {
    let known = Manifest::load(output_dir, tree);
    // While the tree is being changed it has no manifest: if this build is killed, the next one
    // cannot trust anything in it and rewrites it.
    Manifest::forget(output_dir, tree)?;
    // A tree made just now holds nothing to replace (the first build, or after the spare tree
    // was deleted): files are then created without looking for old ones first.
    let fresh = !tree.exists();
    fs::create_dir_all(tree)?;
    // Files no longer built go first: the room they free may be what the new ones need (after
    // a build stopped by a full disk, say).
    remove_stale(tree, outputs, &known)?;
    let to_write: Vec<bool> = outputs
        .par_iter()
        .zip(prints)
        .map(|(output, &print)| !known.holds(tree, &output.path, print))
        .collect();
    create_folders(tree, outputs, &to_write)?;
    let stamps: Vec<(String, (u64, Stamp))> = outputs
        .par_iter()
        .zip(prints)
        .zip(&to_write)
        .map(|((output, &print), &write)| {
            let destination = tree.join(&output.path);
            let written = if write {
                write_file(output, &destination, fresh)?
            } else {
                stamp(&destination)
            };
            let written = written.ok_or_else(|| {
                Error::io("read", &destination, std::io::ErrorKind::NotFound.into())
            })?;
            Ok((output.path.clone(), (print, written)))
        })
        .collect::<Result<_>>()?;
    Manifest {
        files: stamps.into_iter().collect(),
    }
    .save(output_dir, tree)
}

/// Creates, once each, the folders of the files to write (rather than checking a file's folder
/// before every file: ten thousand pages are ten thousand folders, not fifty thousand lookups).
fn create_folders(tree: &Path, outputs: &[Output], to_write: &[bool]) -> Result<()> {
    let folders: BTreeSet<&str> = outputs
        .iter()
        .zip(to_write)
        .filter(|(_, write)| **write)
        .filter_map(|(output, _)| output.path.rsplit_once('/').map(|(dir, _)| dir))
        .collect();
    for folder in folders {
        fs::create_dir_all(&tree.join(folder))?;
    }
    Ok(())
}

/// Writes one output (its folder exists) and returns the new file's stamp. In a `fresh` tree
/// there is nothing at the path to replace.
fn write_file(output: &Output, destination: &Path, fresh: bool) -> Result<Option<Stamp>> {
    // A previous build may have hard-linked or copied this path: replace, never write through.
    if !fresh {
        match std::fs::remove_file(destination) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(Error::io("replace", destination, e));
            }
            _ => {}
        }
    }
    let written = match &output.content {
        Content::Bytes(bytes) => write_new(destination, bytes),
        Content::File(source) => std::fs::copy(source, destination)
            .map_err(|e| Error::io("copy", source, e))
            .map(|_| stamp(destination)),
    };
    if written.is_err() {
        // A half-written file (the disk filled up) would only take room from the next build.
        let _ = std::fs::remove_file(destination);
    }
    written
}

/// Creates a file with these bytes; its stamp is read from the open file, not looked up again.
fn write_new(destination: &Path, bytes: &[u8]) -> Result<Option<Stamp>> {
    use std::io::Write;
    let mut file =
        std::fs::File::create(destination).map_err(|e| Error::io("write", destination, e))?;
    file.write_all(bytes)
        .map_err(|e| Error::io("write", destination, e))?;
    let meta = file
        .metadata()
        .map_err(|e| Error::io("write", destination, e))?;
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
                return Err(Error::io("remove", path, e));
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

    #[test]
    fn publishes_updates_and_removes_files() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let first = publish(&[bytes("a/index.html", "A"), bytes("b.txt", "B")], &out).unwrap();
        assert_eq!(
            first,
            WriteReport {
                written: 2,
                unchanged: 0
            }
        );
        let same = publish(&[bytes("a/index.html", "A"), bytes("b.txt", "B")], &out).unwrap();
        assert_eq!(
            same,
            WriteReport {
                written: 0,
                unchanged: 2
            }
        );
        // Twice more, so that both trees have been updated from a manifest.
        for text in ["C", "D"] {
            let report =
                publish(&[bytes("a/index.html", "A"), bytes("c.txt", text)], &out).unwrap();
            assert_eq!(
                report,
                WriteReport {
                    written: 1,
                    unchanged: 1
                }
            );
            assert_eq!(std::fs::read_to_string(out.join("c.txt")).unwrap(), text);
            assert!(!out.join("b.txt").exists());
        }
        assert_eq!(
            std::fs::read_to_string(out.join("a/index.html")).unwrap(),
            "A"
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
