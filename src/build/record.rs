//! The record of the last `potline build`: what it was built from and what it published. A build
//! from exactly the same inputs onto an output folder nobody touched since would write the same
//! bytes again, so it keeps the published site as it is and reports what the record says, its
//! warnings included, instead of rendering every page again.
//!
//! The inputs are everything a build reads: the potline binary, the build's options, the
//! environment variables `site.yaml` hands to templates, and every file under the site's source
//! folders and `site.yaml` itself, by path, size, modification time, inode and inode change
//! time (which no program can set back, unlike the modification time). The clock is an input
//! too when a future-dated page waits for its date: the record holds until that date.
//!
//! A file modified just before a build began could be modified again within the same tick of
//! the file system's clock without its time changing; such a build leaves no record (the next
//! one writes it), as git does for its index.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::cache::Stamp;
use super::{BuildOptions, BuildReport};
use crate::diagnostics::Diagnostic;
use crate::output::{Publication, sibling};
use crate::render::Key;

/// Changes when the record's meaning changes; an older record is ignored.
const FORMAT: u32 = 1;

/// How recent a source file may be and still be trusted by its modification time: above the
/// coarsest time stamps in use (two seconds on FAT).
const RACY_WINDOW: Duration = Duration::from_secs(3);

/// What a build is made from, as one fingerprint.
pub(super) struct Inputs {
    fingerprint: u64,
    /// No source file was modified within [`RACY_WINDOW`] of the build's start.
    settled: bool,
}

impl Inputs {
    /// The inputs of a build with these options starting at `started`; None when they cannot
    /// all be read (the build then runs, and reports what it cannot read).
    pub fn of(options: &BuildOptions, started: SystemTime) -> Option<Inputs> {
        let mut key = with_settings(Key::new().number(FORMAT.into()), options)?;
        let newest_trusted = started.checked_sub(RACY_WINDOW).unwrap_or(UNIX_EPOCH);
        let mut settled = true;
        for (path, stamp) in source_files(&options.root)? {
            settled &= stamp.modified < newest_trusted;
            key = stamp.add_to(key.text(&path.to_string_lossy()));
        }
        Some(Inputs {
            fingerprint: key.finish(),
            settled,
        })
    }
}

/// Adds what a build depends on besides the source files: the binary, the options and the
/// environment variables templates may read.
fn with_settings(key: Key, options: &BuildOptions) -> Option<Key> {
    let config = crate::config::Config::load(&options.root, options.base_url.as_deref()).ok()?;
    let exe = std::env::current_exe().ok()?;
    let key = Stamp::of(&std::fs::metadata(&exe).ok()?)?.add_to(
        key.text(env!("CARGO_PKG_VERSION"))
            .text(&exe.to_string_lossy()),
    );
    let BuildOptions {
        root,
        output,
        base_url,
        drafts,
        future,
        minify,
        preview,
        force: _,
    } = options;
    // Absolute: the same relative paths from another folder are another site.
    let (root, output) = (
        std::path::absolute(root).ok()?,
        std::path::absolute(output).ok()?,
    );
    let described =
        format!("{root:?} {output:?} {base_url:?} {drafts} {future} {minify:?} {preview}");
    let env = config
        .template_env
        .iter()
        .fold(key.text(&described), |key, (name, value)| {
            key.text(&format!("{name}={value:?}"))
        });
    Some(env)
}

/// `site.yaml` and every file under the source folders, with its stamp (links followed), in the
/// order and with the names skipped of the build's own walk ([`crate::source::walk`]).
fn source_files(root: &Path) -> Option<Vec<(PathBuf, Stamp)>> {
    let mut files = Vec::new();
    let config = root.join(crate::config::CONFIG_FILE);
    if let Some(stamp) = std::fs::metadata(&config).ok().and_then(|m| Stamp::of(&m)) {
        files.push((config, stamp));
    }
    for dir in crate::source::SOURCE_DIRS {
        for entry in crate::source::walk(&root.join(dir)) {
            let entry = match entry {
                Ok(entry) => entry,
                // A source folder that does not exist holds nothing.
                Err(e) if e.depth() == 0 && e.io_error().is_some_and(is_not_found) => break,
                Err(_) => return None,
            };
            let meta = match std::fs::metadata(entry.path()) {
                Ok(meta) => meta,
                // A dangling link: the build does not read it either.
                Err(e) if is_not_found(&e) => continue,
                Err(_) => return None,
            };
            if meta.is_file() {
                files.push((entry.into_path(), Stamp::of(&meta)?));
            }
        }
    }
    Some(files)
}

fn is_not_found(error: &std::io::Error) -> bool {
    error.kind() == std::io::ErrorKind::NotFound
}

/// What a build leaves for the next one.
#[derive(Serialize, Deserialize)]
struct Record {
    format: u32,
    /// [`Inputs::fingerprint`], in hexadecimal (JSON numbers are not all 64-bit).
    inputs: String,
    /// [`Publication::published_digest`] of the tree it published.
    tree: String,
    /// The date of the next future-dated page, after which the same inputs build another site.
    next_release: Option<String>,
    pages: usize,
    sections: usize,
    files: usize,
    skipped_drafts: usize,
    skipped_future: usize,
    warnings: Vec<Diagnostic>,
}

fn record_path(output: &Path) -> PathBuf {
    sibling(output, "record.json")
}

/// The report of a build that can keep the published site as it is: the record of the last
/// build names the same inputs, its future-dated pages are still in the future, and the
/// published tree holds exactly what that build wrote. None: the site must be built.
pub(super) fn up_to_date(
    options: &BuildOptions,
    inputs: &Inputs,
    publication: &Publication,
) -> Option<BuildReport> {
    let text = std::fs::read(record_path(&options.output)).ok()?;
    let record: Record = serde_json::from_slice(&text).ok()?;
    let same_inputs = record.format == FORMAT && record.inputs == hex(inputs.fingerprint);
    if !same_inputs {
        return None;
    }
    if let Some(date) = &record.next_release {
        let date = DateTime::parse_from_rfc3339(date).ok()?;
        if Utc::now() >= date {
            return None;
        }
    }
    if publication.published_digest().map(hex) != Some(record.tree) {
        return None;
    }
    Some(BuildReport {
        pages: record.pages,
        sections: record.sections,
        unchanged: record.files,
        skipped_drafts: record.skipped_drafts,
        skipped_future: record.skipped_future,
        warnings: record.warnings,
        up_to_date: true,
        ..BuildReport::default()
    })
}

/// Keeps the record of a build that published `tree` from `inputs`. A record that cannot be
/// written only costs the next build its shortcut, so failing to is not an error; the old
/// record is removed first, so that it cannot outlive the tree it describes.
pub(super) fn save(
    options: &BuildOptions,
    inputs: Option<&Inputs>,
    report: &BuildReport,
    tree: Option<u64>,
) {
    let path = record_path(&options.output);
    let _ = std::fs::remove_file(&path);
    let (Some(inputs), Some(tree)) = (inputs.filter(|i| i.settled), tree) else {
        return;
    };
    let record = Record {
        format: FORMAT,
        inputs: hex(inputs.fingerprint),
        tree: hex(tree),
        next_release: report.next_release.map(|d| d.to_rfc3339()),
        pages: report.pages,
        sections: report.sections,
        files: report.written + report.unchanged,
        skipped_drafts: report.skipped_drafts,
        skipped_future: report.skipped_future,
        warnings: report.warnings.clone(),
    };
    let Ok(json) = serde_json::to_vec(&record) else {
        return;
    };
    // Written aside and renamed, so that a killed build never leaves half a record.
    let partial = sibling(&options.output, "record.json.partial");
    if std::fs::write(&partial, json).is_ok() && std::fs::rename(&partial, &path).is_err() {
        let _ = std::fs::remove_file(&partial);
    }
}

fn hex(value: u64) -> String {
    format!("{value:016x}")
}
