//! Finds the site's files with walkdir and sorts them into pages, section indexes and assets,
//! skipping hidden files and editors' temporary files.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostics::Diagnostic;
use crate::error::IoAction;
use crate::{Error, Result};

/// The folders of a site root that hold what a build reads, besides `site.yaml` (a theme's
/// folders are under `themes/`).
pub const SOURCE_DIRS: [&str; 6] = ["content", "data", "i18n", "static", "templates", "themes"];

/// What a file under `content/` is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    /// A Markdown page (`news/foo.md`, or `news/foo/index.md` for a bundle).
    Page,
    /// A section's own front matter and text (`news/_index.md`).
    SectionIndex,
    /// Any other file, copied to the output beside its page or section.
    Asset,
}

/// One file of the site's content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// Path relative to `content/`, with `/` separators and without a language suffix:
    /// `news/foo.md` for both `news/foo.md` and its translation `news/foo.zh.md`.
    pub rel: String,
    /// The file's own path relative to `content/`: `news/foo.zh.md`.
    pub file: String,
    /// Full path on disk.
    pub abs: PathBuf,
    /// What the file is.
    pub kind: SourceKind,
    /// The language of a translation (`zh` for `foo.zh.md`); None for the default language.
    pub lang: Option<String>,
}

/// `news/foo.zh.md` -> (`news/foo.md`, Some(`zh`)) when `zh` is one of `languages`.
fn split_language(rel: &str, languages: &[&str]) -> (String, Option<String>) {
    if let Some(stem) = rel.strip_suffix(".md") {
        if let Some((base, code)) = stem.rsplit_once('.') {
            if languages.contains(&code) && !base.ends_with('/') && !base.is_empty() {
                return (format!("{base}.md"), Some(code.to_string()));
            }
        }
    }
    (rel.to_string(), None)
}

/// Everything under `content/`, sorted by path.
#[derive(Debug, Clone, Default)]
pub struct ContentFiles {
    /// Markdown pages and section indexes.
    pub markdown: Vec<SourceFile>,
    /// Other files.
    pub assets: Vec<SourceFile>,
    /// Every folder that may be a section (relative, `` for the content root), excluding bundles.
    pub section_dirs: BTreeSet<String>,
    /// Links leading out of `content/`, left out and reported.
    pub outside: Vec<Diagnostic>,
}

/// Files editors and systems leave behind that must never be built or published.
pub fn is_ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || name.starts_with('#')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.ends_with(".bak")
        || name == "4913"
        || name == "Thumbs.db"
        || name == "desktop.ini"
}

/// Everything under `dir` that a build may read, in a stable order: ignored names are skipped
/// (the folder itself is walked whatever its name).
pub(crate) fn walk(dir: &Path) -> impl Iterator<Item = walkdir::Result<walkdir::DirEntry>> {
    WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored(&e.file_name().to_string_lossy()))
}

/// What a walk of one source folder found.
struct Walked {
    /// (relative path, full path) of each file, in a stable order.
    files: Vec<(String, PathBuf)>,
    /// Links leading out of the folder (or the folder itself leading out of the site): never
    /// read, each reported, so that one does not hide the others or the build's other problems.
    outside: Vec<Diagnostic>,
}

/// Walks `dir` in a stable order, skipping ignored names and links that lead out of it.
fn walk_files(dir: &Path) -> Result<Walked> {
    let mut walked = Walked {
        files: Vec::new(),
        outside: Vec::new(),
    };
    let site = site_of(dir);
    let shown = |path: &Path| {
        let site = site.as_ref().map_or(Path::new(""), |(written, _)| written);
        path.strip_prefix(site).unwrap_or(path).to_path_buf()
    };
    let canonical_dir = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    if let Some((_, site)) = &site {
        if !canonical_dir.starts_with(site) {
            walked
                .outside
                .push(outside_site(&shown(dir), &canonical_dir));
            return Ok(walked);
        }
    }
    for entry in walk(dir) {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(dir).to_path_buf();
            Error::io(IoAction::List, path, e.into())
        })?;
        if !entry.path().is_file() {
            continue;
        }
        if entry.path_is_symlink() {
            if let Some(target) = leads_outside(&canonical_dir, entry.path())? {
                walked
                    .outside
                    .push(outside_site(&shown(entry.path()), &target));
                continue;
            }
        }
        let rel = relative_slash_path(dir, entry.path());
        walked.files.push((rel, entry.into_path()));
    }
    Ok(walked)
}

/// A link may lead anywhere inside the folder being read, never out of it: a link in `static/`
/// to a private file must not publish that file, nor let a template read it. Returns where a
/// link leading out goes.
fn leads_outside(canonical_dir: &Path, link: &Path) -> Result<Option<PathBuf>> {
    let target =
        std::fs::canonicalize(link).map_err(|e| Error::io(IoAction::FollowTheLink, link, e))?;
    Ok((!target.starts_with(canonical_dir)).then_some(target))
}

/// Whether the build may read `file` of the source folder `dir` (a file it names rather than
/// finds by walking): once links are followed, the file is inside `dir` and `dir` inside the site.
pub(crate) fn stays_inside(dir: &Path, file: &Path) -> bool {
    let (Ok(canonical_dir), Ok(target)) = (std::fs::canonicalize(dir), std::fs::canonicalize(file))
    else {
        return false;
    };
    let site_holds_dir = site_of(dir).is_none_or(|(_, site)| canonical_dir.starts_with(site));
    site_holds_dir && target.starts_with(&canonical_dir)
}

/// The error for `link` (shown relative to the site), which leads to `target`, outside the site.
fn outside_site(link: &Path, target: &Path) -> Diagnostic {
    Diagnostic::error(
        link,
        1,
        1,
        crate::msg!("link-leaves-site", target = target.display().to_string()),
    )
}

/// The root of the site a source folder belongs to, as written and with links followed: the
/// nearest folder above it (as written, before links are followed) that holds `site.yaml` and is
/// not a theme (a theme may carry an example site). Every file potline reads must be inside it
/// once links are followed, so that a folder of the site (`static/`, `templates/`, a theme) that
/// is a link cannot lead templates or the output to files elsewhere.
fn site_of(dir: &Path) -> Option<(PathBuf, PathBuf)> {
    let written = dir
        .ancestors()
        .skip(1)
        .filter(|folder| !is_theme_of_a_site(folder))
        .find(|folder| folder.join(crate::config::CONFIG_FILE).is_file())?;
    let canonical = std::fs::canonicalize(written).ok()?;
    Some((written.to_path_buf(), canonical))
}

/// `<site>/themes/<name>`, where `<site>` holds `site.yaml`.
fn is_theme_of_a_site(folder: &Path) -> bool {
    let Some(themes) = folder.parent() else {
        return false;
    };
    themes.file_name().is_some_and(|name| name == "themes")
        && themes
            .parent()
            .is_some_and(|site| site.join(crate::config::CONFIG_FILE).is_file())
}

/// Refuses a file the site names (a data file of `generate:`) that is, once links are
/// followed, outside the site at `root`.
pub(crate) fn check_inside(root: &Path, path: &Path) -> Result<()> {
    let (Ok(site), Ok(target)) = (std::fs::canonicalize(root), std::fs::canonicalize(path)) else {
        return Ok(());
    };
    if target.starts_with(&site) {
        Ok(())
    } else {
        let mut problems = crate::diagnostics::Diagnostics::new();
        problems.push(outside_site(path, &target));
        Err(Error::Site(problems))
    }
}

/// `base/a/b.md` relative to `base`, with `/` separators.
pub fn relative_slash_path(base: &Path, path: &Path) -> String {
    path.strip_prefix(base)
        .unwrap_or(path)
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// The folder part of a `/`-separated relative path (`` at the top).
pub(crate) fn parent_dir(rel: &str) -> &str {
    rel.rfind('/').map_or("", |i| &rel[..i])
}

fn file_name(rel: &str) -> &str {
    rel.rfind('/').map_or(rel, |i| &rel[i + 1..])
}

/// Lists and classifies everything under `content_dir` (a site with one language).
pub fn discover_content(content_dir: &Path) -> Result<ContentFiles> {
    discover_content_in(content_dir, &[])
}

/// Lists and classifies everything under `content_dir`; `foo.<code>.md` for a code of
/// `languages` (the languages besides the default) is a translation of `foo.md`.
pub fn discover_content_in(content_dir: &Path, languages: &[&str]) -> Result<ContentFiles> {
    let mut found = ContentFiles::default();
    if !content_dir.is_dir() {
        return Ok(found);
    }
    let walked = walk_files(content_dir)?;
    found.outside = walked.outside;
    let files: Vec<(String, PathBuf, String, Option<String>)> = walked
        .files
        .into_iter()
        .map(|(file, abs)| {
            let (rel, lang) = split_language(&file, languages);
            (rel, abs, file, lang)
        })
        .collect();
    let bundle_dirs: BTreeSet<String> = files
        .iter()
        .filter(|(rel, ..)| file_name(rel) == "index.md" && !rel.is_empty())
        .map(|(rel, ..)| parent_dir(rel).to_string())
        .filter(|dir| !dir.is_empty())
        .collect();
    let in_bundle = |rel: &str| {
        bundle_dirs
            .iter()
            .any(|b| rel.starts_with(&format!("{b}/")) || rel == b)
    };
    found.section_dirs.insert(String::new());
    for (rel, abs, file, lang) in files {
        let dir = parent_dir(&rel);
        if !in_bundle(dir) {
            let mut d = dir;
            while !d.is_empty() {
                found.section_dirs.insert(d.to_string());
                d = parent_dir(d);
            }
        }
        let is_markdown = rel.ends_with(".md");
        let kind = match file_name(&rel) {
            "_index.md" => SourceKind::SectionIndex,
            "index.md" if bundle_dirs.contains(dir) => SourceKind::Page,
            _ if is_markdown && !in_bundle(dir) => SourceKind::Page,
            _ => SourceKind::Asset,
        };
        let file = SourceFile {
            rel,
            file,
            abs,
            kind,
            lang,
        };
        if kind == SourceKind::Asset {
            found.assets.push(file);
        } else {
            found.markdown.push(file);
        }
    }
    Ok(found)
}

/// Static files by output path; earlier folders are overridden by later ones, one file at a time
/// (pass the theme's `static/` first and the site's last). Links leading out of a folder are
/// left out: [`links_leaving`] reports them.
pub fn discover_static(dirs: &[PathBuf]) -> Result<BTreeMap<String, PathBuf>> {
    let mut files = BTreeMap::new();
    for dir in dirs.iter().filter(|d| d.is_dir()) {
        for (rel, abs) in walk_files(dir)?.files {
            files.insert(rel, abs);
        }
    }
    Ok(files)
}

/// An error for every link in `dirs` that leads out of its folder (or for a folder that leads
/// out of the site): what [`discover_static`] leaves out of those folders.
pub fn links_leaving(dirs: &[PathBuf]) -> Result<Vec<Diagnostic>> {
    let mut outside = Vec::new();
    for dir in dirs.iter().filter(|d| d.is_dir()) {
        outside.extend(walk_files(dir)?.outside);
    }
    Ok(outside)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn translations_share_the_original_path() {
        assert_eq!(
            split_language("news/foo.zh.md", &["zh"]),
            ("news/foo.md".into(), Some("zh".into()))
        );
        assert_eq!(
            split_language("news/_index.zh.md", &["zh"]),
            ("news/_index.md".into(), Some("zh".into()))
        );
        assert_eq!(
            split_language("news/v1.2.md", &["zh"]),
            ("news/v1.2.md".into(), None)
        );
        assert_eq!(
            split_language("news/foo.zh.md", &[]),
            ("news/foo.zh.md".into(), None)
        );
    }

    #[test]
    fn editor_leftovers_are_ignored() {
        for name in [".foo.md.swp", "foo.md~", "#foo.md#", "4913", ".DS_Store"] {
            assert!(is_ignored(name), "{name}");
        }
        assert!(!is_ignored("foo.md"));
    }
}
