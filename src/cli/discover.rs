//! Where the site is when `--root` is not given: the nearest folder holding `site.yaml`, from
//! the current folder up, as git finds its repository. A writer in `content/news/` can run
//! `potline new news "Title"` or `potline serve` without going back up first.

use std::path::{Path, PathBuf};

use crate::config::CONFIG_FILE;

/// A site found from a folder inside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundSite {
    /// The site's folder: the starting folder as given when it is the site, else the absolute
    /// path of the folder above it (a relative `../..` would make copied files look moved).
    pub root: PathBuf,
    /// It is above the starting folder, not the folder itself.
    pub above: bool,
}

/// The nearest folder holding `site.yaml`, from `start` (relative to the current folder, or
/// absolute) up to the root of the file system; None when there is none.
pub fn find_site(start: &Path) -> Option<FoundSite> {
    let absolute = std::path::absolute(start).ok()?;
    absolute
        .ancestors()
        .enumerate()
        .find(|(_, folder)| folder.join(CONFIG_FILE).is_file())
        .map(|(depth, folder)| FoundSite {
            root: if depth == 0 {
                start.to_path_buf()
            } else {
                folder.to_path_buf()
            },
            above: depth > 0,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nearest_folder_with_site_yaml_is_found_from_below() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        std::fs::create_dir_all(site.join("content/news")).unwrap();
        std::fs::write(site.join(CONFIG_FILE), "title: x\n").unwrap();
        let found = find_site(&site.join("content/news")).unwrap();
        assert!(found.above);
        assert_eq!(found.root, site);
        let here = find_site(&site).unwrap();
        assert!(!here.above);
        assert_eq!(here.root, site);
        assert_eq!(find_site(dir.path()), None);
    }
}
