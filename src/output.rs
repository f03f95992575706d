//! Writing the built site: everything goes into a staging folder beside the output folder, files
//! whose bytes did not change are hard-linked from the previous build instead of rewritten, and
//! the staging folder is swapped into place in one step. A failed or killed build never leaves a
//! half-written site.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::{Error, Result, fs};

/// What an output file holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    /// Rendered bytes.
    Bytes(Vec<u8>),
    /// A file copied as it is (static files, images beside pages).
    File(PathBuf),
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
    /// Files whose bytes are new or changed.
    pub written: usize,
    /// Files identical to the previous build.
    pub unchanged: usize,
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
    let staging = sibling(output_dir, "staging");
    let previous = sibling(output_dir, "previous");
    recover(output_dir, &previous)?;
    fs::remove_dir_all(&staging)?;
    fs::create_dir_all(&staging)?;
    let unchanged: Vec<bool> = outputs
        .par_iter()
        .map(|output| stage(output, output_dir, &staging))
        .collect::<Result<_>>()?;
    swap_into_place(&staging, output_dir, &previous)?;
    let unchanged = unchanged.iter().filter(|u| **u).count();
    Ok(WriteReport {
        written: outputs.len() - unchanged,
        unchanged,
    })
}

/// A build killed between the two renames of the fallback swap leaves the old site aside: put
/// it back before anything else.
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

/// Writes one output into the staging folder; returns true when it is unchanged (linked).
fn stage(output: &Output, output_dir: &Path, staging: &Path) -> Result<bool> {
    let destination = staging.join(&output.path);
    let old = output_dir.join(&output.path);
    if same_content(&old, &output.content) {
        fs::link_or_copy(&old, &destination)?;
        return Ok(true);
    }
    match &output.content {
        Content::Bytes(bytes) => fs::write(&destination, bytes)?,
        Content::File(source) => {
            if let Some(parent) = destination.parent() {
                fs::create_dir_all(parent)?;
            }
            std::fs::copy(source, &destination).map_err(|e| Error::io("copy", source, e))?;
        }
    }
    Ok(false)
}

fn same_content(old: &Path, content: &Content) -> bool {
    let Ok(meta) = std::fs::symlink_metadata(old) else {
        return false;
    };
    if !meta.is_file() {
        return false;
    }
    match content {
        Content::Bytes(bytes) => {
            meta.len() == bytes.len() as u64 && std::fs::read(old).is_ok_and(|b| b == *bytes)
        }
        Content::File(source) => {
            std::fs::metadata(source).is_ok_and(|m| m.len() == meta.len())
                && matches!((std::fs::read(old), std::fs::read(source)), (Ok(a), Ok(b)) if a == b)
        }
    }
}

fn swap_into_place(staging: &Path, output_dir: &Path, previous: &Path) -> Result<()> {
    if !output_dir.exists() {
        return fs::rename(staging, output_dir);
    }
    if exchange(staging, output_dir) {
        // `staging` now holds the previous build.
        return fs::remove_dir_all(staging);
    }
    fs::rename(output_dir, previous)?;
    fs::rename(staging, output_dir)?;
    fs::remove_dir_all(previous)
}

/// Swaps two folders in one system call where the platform has one (Linux `renameat2`).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> bool {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).is_ok()
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> bool {
    false
}
