//! File-system wrappers whose errors always name the path, so no message ever says only
//! "No such file or directory".

use std::path::Path;

use crate::error::IoAction;
use crate::{Error, Result};

/// Reads a whole file.
pub fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| Error::io(IoAction::Read, path, e))
}

/// Writes a whole file, creating its parent folders.
pub fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(parent) = path.parent() {
        create_dir_all(parent)?;
    }
    std::fs::write(path, bytes).map_err(|e| Error::io(IoAction::Write, path, e))
}

/// Creates a folder and its parents.
pub fn create_dir_all(path: &Path) -> Result<()> {
    std::fs::create_dir_all(path).map_err(|e| Error::io(IoAction::CreateFolder, path, e))
}

/// Creates one folder (its parent exists); a folder already there is fine.
pub fn create_dir(path: &Path) -> Result<()> {
    match std::fs::create_dir(path) {
        Err(e) if !(e.kind() == std::io::ErrorKind::AlreadyExists && path.is_dir()) => {
            Err(Error::io(IoAction::CreateFolder, path, e))
        }
        _ => Ok(()),
    }
}

/// Creates one folder (its parent exists) as [`create_dir`] does, asking the file system to place
/// it away from its parent, in a block group of the file system's own choosing: ext4's "top of a
/// directory hierarchy" flag (`chattr +T`) is set on the parent for this one creation and taken
/// off again. Best effort: a file system without the flag creates the folder as usual.
///
/// Why: ext4 puts a new folder next to its parent, so a section's ten thousand page folders and
/// their files fill a run of block groups one after another. On ext4 without a journal (common on
/// virtual machines and CI runners) a new inode steps over every inode of its group freed in the
/// last minute (six while not yet written back), and `rm -rf public` just before a build freed
/// thousands in exactly those groups (perf: `find_inode_bit` → `recently_deleted`). Placing
/// every folder apart avoids that but makes each creation search all groups and scatters the
/// tree's metadata. [`crate::output`] places one folder in 64 apart: runs of folders packed
/// together, the runs spread over the disk.
pub fn create_dir_apart(path: &Path) -> Result<()> {
    #[cfg(target_os = "linux")]
    if let Some(parent) = path.parent()
        && let Ok(handle) = std::fs::File::open(parent)
    {
        use rustix::fs::{IFlags, ioctl_getflags, ioctl_setflags};
        if let Ok(flags) = ioctl_getflags(&handle)
            && !flags.contains(IFlags::TOPDIR)
            && ioctl_setflags(&handle, flags | IFlags::TOPDIR).is_ok()
        {
            let made = create_dir(path);
            // Another thread may have changed other flags meanwhile: only this one is undone.
            if let Ok(now) = ioctl_getflags(&handle) {
                let _ = ioctl_setflags(&handle, now - IFlags::TOPDIR);
            }
            return made;
        }
    }
    create_dir(path)
}

/// Removes a folder and everything in it; a folder that is already gone is fine.
pub fn remove_dir_all(path: &Path) -> Result<()> {
    match std::fs::remove_dir_all(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(Error::io(IoAction::RemoveFolder, path, e))
        }
        _ => Ok(()),
    }
}

/// Renames a file or folder.
pub fn rename(from: &Path, to: &Path) -> Result<()> {
    std::fs::rename(from, to).map_err(|e| Error::io(IoAction::Move, from, e))
}

/// Hard-links `existing` at `link`, falling back to a copy where links are not possible
/// (another file system, or a file system without hard links).
pub fn link_or_copy(existing: &Path, link: &Path) -> Result<()> {
    if let Some(parent) = link.parent() {
        create_dir_all(parent)?;
    }
    if std::fs::hard_link(existing, link).is_ok() {
        return Ok(());
    }
    std::fs::copy(existing, link)
        .map(|_| ())
        .map_err(|e| Error::io(IoAction::Copy, existing, e))
}
