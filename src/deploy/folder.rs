//! A folder served by a web server (an nginx docroot, local or mounted), published so that the
//! server never sees it half-written and the previous version is one command away.
//!
//! The configured path is a symbolic link to a release folder beside it:
//!
//! ```text
//! /var/www/site                  -> site.releases/000002-20250301T101500Z
//! /var/www/site.releases/000001-20250228T093000Z/       the release before (for --rollback)
//! /var/www/site.releases/000001-20250228T093000Z.json   its manifest
//! /var/www/site.releases/.partial/                      a release being written
//! ```
//!
//! A deploy writes the new release in `.partial` (files unchanged since the live release are
//! hard-linked from it, the others copied), flushes it to disk, renames it to its final name and
//! switches the link with one `rename` — atomic: each request sees the old release or the new.
//! An existing real folder at the path is swapped out the same way (`renameat2` exchange) and
//! kept as release `000000-before-potline`. An interrupted deploy leaves `.partial`, which the
//! next one reuses: files already copied there intact are not copied again.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::Instant;

use super::plan::{LocalFile, Manifest, Plan};
use super::{DeployEvent, DeployOptions, DeployReport, Rollback};
use crate::config::FolderTarget;
use crate::error::IoAction;
use crate::{Error, Result, fs};

const PARTIAL: &str = ".partial";
const ADOPTED: &str = "000000-before-potline";

/// The paths of a folder target.
struct Layout {
    /// The served path (the link).
    path: PathBuf,
    /// The folder holding it.
    parent: PathBuf,
    /// `<name>.releases`, beside it.
    releases: PathBuf,
    /// `<name>.releases`, as the link's relative target starts.
    releases_name: String,
}

/// What the served path is now.
#[derive(Debug, PartialEq, Eq)]
enum Live {
    /// Nothing yet.
    Missing,
    /// A link to one of our releases.
    Release(String),
    /// A real folder, made by something else.
    Folder,
}

impl Layout {
    fn of(target: &FolderTarget) -> Result<Layout> {
        let path = target.path.clone();
        let (Some(parent), Some(name)) = (path.parent(), path.file_name()) else {
            return Err(Error::message(crate::msg!(
                "deploy-folder-no-name",
                path = &path
            )));
        };
        let releases_name = format!("{}.releases", name.to_string_lossy());
        Ok(Layout {
            parent: parent.to_path_buf(),
            releases: parent.join(&releases_name),
            releases_name,
            path,
        })
    }

    fn live(&self) -> Result<Live> {
        let meta = match std::fs::symlink_metadata(&self.path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Live::Missing),
            Err(e) => return Err(Error::io(IoAction::Read, &self.path, e)),
            Ok(meta) => meta,
        };
        if meta.is_dir() {
            return Ok(Live::Folder);
        }
        if meta.is_symlink() {
            let link = std::fs::read_link(&self.path)
                .map_err(|e| Error::io(IoAction::Read, &self.path, e))?;
            let ours = link.parent().and_then(Path::file_name)
                == Some(std::ffi::OsStr::new(&self.releases_name));
            if let (true, Some(id)) = (ours, link.file_name()) {
                return Ok(Live::Release(id.to_string_lossy().into_owned()));
            }
            return Err(Error::message(crate::msg!(
                "deploy-folder-foreign-link",
                path = &self.path,
                target = &link
            )));
        }
        Err(Error::message(crate::msg!(
            "deploy-folder-is-file",
            path = &self.path
        )))
    }

    fn release(&self, id: &str) -> PathBuf {
        self.releases.join(id)
    }

    fn manifest(&self, id: &str) -> PathBuf {
        self.releases.join(format!("{id}.json"))
    }

    /// The releases kept, oldest first.
    fn releases(&self) -> Vec<String> {
        let mut ids: Vec<String> = std::fs::read_dir(&self.releases)
            .map(|entries| {
                entries
                    .filter_map(|e| e.ok())
                    .filter(|e| e.path().is_dir())
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .filter(|name| sequence(name).is_some())
                    .collect()
            })
            .unwrap_or_default();
        ids.sort_by_key(|id| sequence(id));
        ids
    }

    fn remove_release(&self, id: &str) -> Result<()> {
        fs::remove_dir_all(&self.release(id))?;
        match std::fs::remove_file(self.manifest(id)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                Err(Error::io(IoAction::Remove, self.manifest(id), e))
            }
            _ => Ok(()),
        }
    }

    /// Points the served path at release `id`, in one step.
    fn switch_to(&self, id: &str, live: &Live) -> Result<()> {
        let name = self.path.file_name().unwrap_or_default().to_string_lossy();
        let link = self.parent.join(format!(".{name}.link"));
        let _ = std::fs::remove_file(&link);
        let relative = Path::new(&self.releases_name).join(id);
        std::os::unix::fs::symlink(&relative, &link)
            .map_err(|e| Error::io(IoAction::CreateLink, &link, e))?;
        if *live != Live::Folder {
            return fs::rename(&link, &self.path);
        }
        // A real folder cannot be replaced by a rename: exchange the two, then keep the folder.
        let adopted = self.release(ADOPTED);
        if crate::output::exchange(&link, &self.path) {
            return fs::rename(&link, &adopted);
        }
        fs::rename(&self.path, &adopted)?;
        fs::rename(&link, &self.path)
    }
}

/// `000002-20250301T101500Z` -> 2.
fn sequence(id: &str) -> Option<u32> {
    let (number, _) = id.split_once('-')?;
    (number.len() == 6).then(|| number.parse().ok()).flatten()
}

/// Makes sure what was written is on disk before it is made live.
#[cfg(target_os = "linux")]
fn flush(dir: &Path) -> Result<()> {
    let folder = std::fs::File::open(dir).map_err(|e| Error::io(IoAction::Open, dir, e))?;
    rustix::fs::syncfs(&folder).map_err(|e| Error::io(IoAction::Flush, dir, e.into()))
}

#[cfg(not(target_os = "linux"))]
fn flush(_: &Path) -> Result<()> {
    Ok(())
}

fn same_bytes(a: &Path, b: &Path) -> bool {
    let (Ok(meta_a), Ok(meta_b)) = (std::fs::metadata(a), std::fs::symlink_metadata(b)) else {
        return false;
    };
    meta_b.is_file()
        && meta_a.len() == meta_b.len()
        && matches!((std::fs::read(a), std::fs::read(b)), (Ok(x), Ok(y)) if x == y)
}

fn replace_with(destination: &Path, make: impl FnOnce() -> Result<()>) -> Result<()> {
    match std::fs::remove_file(destination) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(Error::io(IoAction::Replace, destination, e))
        }
        _ => make(),
    }
}

pub(super) fn deploy(
    options: &DeployOptions,
    target: &FolderTarget,
    local: &[LocalFile],
    on_event: &dyn Fn(&DeployEvent),
) -> Result<DeployReport> {
    let started = Instant::now();
    let layout = Layout::of(target)?;
    let live = layout.live()?;
    let remote = live_manifest(&layout, &live);
    let plan = Plan::new(
        local,
        remote.as_ref().unwrap_or(&Manifest::default()),
        |_| String::new(),
    );
    on_event(&DeployEvent::Planned(&plan));
    let mut report = DeployReport {
        target: options.target.name.clone(),
        location: target.path.display().to_string(),
        dry_run: options.dry_run,
        uploaded: plan.uploads.clone(),
        uploaded_bytes: plan.upload_bytes(),
        deleted: plan.deletions.clone(),
        unchanged: plan.unchanged,
        ..DeployReport::default()
    };
    match (&live, &remote) {
        _ if options.dry_run => {}
        // The live release already is this site: a new one would be a copy that pushes the
        // release to roll back to out of `keep`.
        (Live::Release(id), Some(manifest))
            if plan.is_empty() && intact(&layout.release(id), manifest) =>
        {
            report.release = Some(id.clone());
        }
        _ => {
            let (id, resumed) = publish_release(&layout, &live, options, local, &plan, on_event)?;
            prune(&layout, &id, target.keep)?;
            report.resumed = resumed.len();
            report.uploaded.retain(|u| !resumed.contains(&u.path));
            report.uploaded_bytes = report.uploaded.iter().map(|u| u.size).sum();
            report.release = Some(id);
            report.changed = true;
        }
    }
    report.elapsed = started.elapsed();
    Ok(report)
}

/// The manifest of the live release: what it holds. `None` when nothing potline made is live,
/// or its manifest is lost (then every file is copied again).
fn live_manifest(layout: &Layout, live: &Live) -> Option<Manifest> {
    let Live::Release(id) = live else {
        return None;
    };
    std::fs::read(layout.manifest(id))
        .ok()
        .and_then(|bytes| Manifest::parse(&bytes))
}

/// Does the release still hold every file of its manifest, at its size? (One damaged by hand is
/// replaced by a new release even when the site did not change.)
fn intact(release: &Path, manifest: &Manifest) -> bool {
    manifest.files.iter().all(|(path, entry)| {
        std::fs::symlink_metadata(release.join(path))
            .is_ok_and(|meta| meta.is_file() && meta.len() == entry.size)
    })
}

/// Writes the new release, makes it live, and returns its id and the files an interrupted
/// deploy had already copied.
fn publish_release(
    layout: &Layout,
    live: &Live,
    options: &DeployOptions,
    local: &[LocalFile],
    plan: &Plan,
    on_event: &dyn Fn(&DeployEvent),
) -> Result<(String, HashSet<String>)> {
    fs::create_dir_all(&layout.releases)?;
    let sequence = next_sequence(layout, live)?;
    let staging = layout.releases.join(PARTIAL);
    let live_tree = match live {
        Live::Release(id) => Some(layout.release(id)),
        _ => None,
    };
    let resumed = write_release(
        &staging,
        options,
        local,
        plan,
        live_tree.as_deref(),
        on_event,
    )?;
    flush(&staging)?;
    let id = format!(
        "{sequence:06}-{}",
        chrono::Utc::now().format("%Y%m%dT%H%M%SZ")
    );
    let manifest = Manifest::of(local, |_| String::new());
    fs::write(&layout.manifest(&id), &manifest.to_json())?;
    fs::rename(&staging, &layout.release(&id))?;
    layout.switch_to(&id, live)?;
    Ok((id, resumed))
}

/// The sequence number of the next release: one more than the live release, whose successors
/// (releases rolled back from) are removed; one more than any kept when none is live.
fn next_sequence(layout: &Layout, live: &Live) -> Result<u32> {
    let releases = layout.releases();
    let Live::Release(live_id) = live else {
        return Ok(releases
            .iter()
            .filter_map(|id| sequence(id))
            .max()
            .unwrap_or(0)
            + 1);
    };
    let live_sequence = sequence(live_id).unwrap_or(0);
    for id in releases {
        if sequence(&id).is_some_and(|s| s > live_sequence) {
            layout.remove_release(&id)?;
        }
    }
    Ok(live_sequence + 1)
}

/// Brings `staging` to exactly the built files: links what the live release has unchanged,
/// copies the rest (keeping what an interrupted deploy already copied intact), removes the
/// rest. Returns the files found already copied.
fn write_release(
    staging: &Path,
    options: &DeployOptions,
    local: &[LocalFile],
    plan: &Plan,
    live: Option<&Path>,
    on_event: &dyn Fn(&DeployEvent),
) -> Result<HashSet<String>> {
    fs::create_dir_all(staging)?;
    let changed: HashSet<&str> = plan.uploads.iter().map(|u| u.path.as_str()).collect();
    let mut resumed = HashSet::new();
    let total = plan.uploads.len();
    let mut done = 0;
    for file in local {
        let destination = staging.join(&file.path);
        let source = options.output_dir.join(&file.path);
        if let Some(parent) = destination.parent() {
            fs::create_dir_all(parent)?;
        }
        let existing = live.map(|tree| tree.join(&file.path));
        let linkable = existing
            .as_ref()
            .and_then(|e| std::fs::symlink_metadata(e).ok())
            .is_some_and(|meta| meta.is_file() && meta.len() == file.size);
        if let (false, Some(existing)) = (changed.contains(file.path.as_str()), &existing)
            && linkable
        {
            replace_with(&destination, || fs::link_or_copy(existing, &destination))?;
            continue;
        }
        done += 1;
        if same_bytes(&source, &destination) {
            resumed.insert(file.path.clone());
            continue;
        }
        replace_with(&destination, || {
            std::fs::copy(&source, &destination)
                .map(|_| ())
                .map_err(|e| Error::io(IoAction::Copy, &source, e))
        })?;
        on_event(&DeployEvent::Uploaded {
            path: &file.path,
            done,
            total,
        });
    }
    remove_others(staging, local)?;
    Ok(resumed)
}

/// Removes from `tree` every file that is not one of `files`, and folders left empty.
fn remove_others(tree: &Path, files: &[LocalFile]) -> Result<()> {
    let wanted: HashSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let mut folders = Vec::new();
    for entry in walkdir::WalkDir::new(tree)
        .min_depth(1)
        .contents_first(true)
    {
        let entry = entry.map_err(|e| Error::io(IoAction::Read, tree, e.into()))?;
        if entry.file_type().is_dir() {
            folders.push(entry.into_path());
            continue;
        }
        let rel = crate::source::relative_slash_path(tree, entry.path());
        if !wanted.contains(rel.as_str()) {
            std::fs::remove_file(entry.path())
                .map_err(|e| Error::io(IoAction::Remove, entry.path(), e))?;
        }
    }
    // Deepest first (contents_first); a folder that still holds files stays.
    for folder in folders {
        let _ = std::fs::remove_dir(folder);
    }
    Ok(())
}

/// Keeps the `keep` newest releases, the live one always among them.
fn prune(layout: &Layout, live: &str, keep: usize) -> Result<()> {
    let releases = layout.releases();
    let excess = releases.len().saturating_sub(keep);
    for id in releases.iter().take(excess).filter(|id| *id != live) {
        layout.remove_release(id)?;
    }
    Ok(())
}

pub(super) fn rollback(name: &str, target: &FolderTarget) -> Result<Rollback> {
    let layout = Layout::of(target)?;
    let live = match layout.live()? {
        Live::Release(live) => live,
        Live::Missing => {
            return Err(Error::message(crate::msg!(
                "deploy-rollback-nothing",
                name = name,
                path = &target.path
            )));
        }
        Live::Folder => {
            return Err(Error::message(crate::msg!(
                "deploy-rollback-foreign-folder",
                path = &target.path,
                release = ADOPTED
            )));
        }
    };
    let live_sequence = sequence(&live).unwrap_or(0);
    let releases = layout.releases();
    let Some(previous) = releases
        .iter()
        .rev()
        .find(|id| sequence(id).is_some_and(|s| s < live_sequence))
        .cloned()
    else {
        let why = if live == ADOPTED {
            "adopted"
        } else if live_sequence <= 1 {
            "first"
        } else {
            "removed"
        };
        return Err(Error::message(crate::msg!(
            "deploy-rollback-no-older",
            name = name,
            live = live,
            why = why,
            keep = target.keep
        )));
    };
    layout.switch_to(&previous, &Live::Release(live.clone()))?;
    Ok(Rollback {
        target: name.to_string(),
        from: live,
        to: previous,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn release_ids_sort_by_their_sequence() {
        assert_eq!(sequence("000002-20250301T101500Z"), Some(2));
        assert_eq!(sequence(ADOPTED), Some(0));
        assert_eq!(sequence(".partial"), None);
        assert_eq!(sequence("12-x"), None);
    }
}
