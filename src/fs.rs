//! File-system wrappers whose errors always name the path, so no message ever says only
//! "No such file or directory".

use std::path::Path;

use crate::{Error, Result};

/// Reads a whole file.
pub fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| Error::io("read", path, e))
}

/// Writes a whole file, creating its parent folders.
pub fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(parent) = path.parent() {
        create_dir_all(parent)?;
    }
    std::fs::write(path, bytes).map_err(|e| Error::io("write", path, e))
}

/// Creates a folder and its parents.
pub fn create_dir_all(path: &Path) -> Result<()> {
    std::fs::create_dir_all(path).map_err(|e| Error::io("create folder", path, e))
}

/// Removes a folder and everything in it; a folder that is already gone is fine.
pub fn remove_dir_all(path: &Path) -> Result<()> {
    match std::fs::remove_dir_all(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(Error::io("remove folder", path, e))
        }
        _ => Ok(()),
    }
}

/// Renames a file or folder.
pub fn rename(from: &Path, to: &Path) -> Result<()> {
    std::fs::rename(from, to).map_err(|e| Error::io("move", from, e))
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
        .map_err(|e| Error::io("copy", existing, e))
}
