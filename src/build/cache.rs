//! What a [`super::Builder`] keeps between runs, and the checks that decide whether each piece is
//! still valid: `site.yaml` by its bytes, templates by their files' stamps, parsed documents by
//! their file's stamp (size, modification and change times, inode), rendered Markdown by its
//! text and by what each of its internal links resolved to. Under a file watcher (see [`Cache::trusted`]) the reported changes
//! are all the changes, which lets a run skip walking folders and reading stamps of files that
//! were not named, and keep the whole site index when an edit left every front matter as it was.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use crate::Result;
use crate::config::{CONFIG_FILE, Config};
use crate::content::Document;
use crate::diagnostics::Diagnostic;
use crate::markdown::RenderedMarkdown;
use crate::source::ContentFiles;
use crate::templates::Templates;

/// What tells one version of a file from another without reading it: size, modification time
/// and, where the system has them, the inode and its change time, which no program can set back
/// (a file copied over another keeping its time, `cp -p` or `rsync -t`, still changes it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Stamp {
    len: u64,
    pub modified: SystemTime,
    inode: u64,
    /// Nanoseconds since 1970.
    changed: i128,
}

impl Stamp {
    /// A stamp that matches no file, for a file that vanished while being read.
    pub fn unknown() -> Stamp {
        Stamp {
            len: u64::MAX,
            modified: SystemTime::UNIX_EPOCH,
            inode: 0,
            changed: 0,
        }
    }

    /// The stamp of a file's metadata (None where the system gives no modification time).
    pub fn of(meta: &std::fs::Metadata) -> Option<Stamp> {
        #[cfg(unix)]
        let (inode, changed) = {
            use std::os::unix::fs::MetadataExt;
            let seconds = i128::from(meta.ctime());
            (
                meta.ino(),
                seconds * 1_000_000_000 + i128::from(meta.ctime_nsec()),
            )
        };
        #[cfg(not(unix))]
        let (inode, changed) = (0, 0);
        Some(Stamp {
            len: meta.len(),
            modified: meta.modified().ok()?,
            inode,
            changed,
        })
    }

    /// Adds the stamp to a key (in 64-bit halves: a key takes 64-bit numbers).
    pub fn add_to(&self, key: crate::render::Key) -> crate::render::Key {
        let modified = self
            .modified
            .duration_since(SystemTime::UNIX_EPOCH)
            .unwrap_or_default()
            .as_nanos();
        key.numbers([
            self.len,
            (modified >> 64) as u64,
            modified as u64,
            self.inode,
            (self.changed >> 64) as u64,
            self.changed as u64,
        ])
    }
}

/// The stamp of a file, or None if it cannot be read.
pub(super) fn stamp(path: &Path) -> Option<Stamp> {
    Stamp::of(&std::fs::metadata(path).ok()?)
}

/// A Markdown file as parsed last time.
pub(super) struct CachedDocument {
    pub stamp: Stamp,
    pub doc: Option<Arc<Document>>,
    pub problems: Vec<Diagnostic>,
}

/// What an `@/` link resolved to while rendering.
pub(super) type LinkResolution = (
    String,
    std::result::Result<String, crate::markdown::Unresolved>,
);

/// A body as rendered last time, valid while its text and its links' targets are unchanged.
pub(super) struct CachedMarkdown {
    pub key: u64,
    pub links: Vec<LinkResolution>,
    pub rendered: Arc<RenderedMarkdown>,
    pub problems: Vec<Diagnostic>,
}

/// Every template file with its stamp: templates compile again when this list changes.
type TemplateStamps = Vec<(PathBuf, Option<Stamp>)>;

/// The content files of the last walk, with the set of their paths (to tell an edit from a
/// file that appeared).
pub(super) struct KnownFiles {
    pub files: Arc<ContentFiles>,
    paths: HashSet<PathBuf>,
}

impl KnownFiles {
    pub fn new(files: ContentFiles) -> KnownFiles {
        let paths = files
            .markdown
            .iter()
            .chain(&files.assets)
            .map(|f| f.abs.clone())
            .collect();
        KnownFiles {
            files: Arc::new(files),
            paths,
        }
    }
}

/// The data files and the sections generated from them, as last loaded.
#[derive(Clone)]
pub(super) struct LoadedData {
    pub generated: Vec<Arc<Document>>,
    pub data: crate::data::DataFiles,
    pub problems: Vec<Diagnostic>,
    /// The words naming each data file left unread (nothing named it).
    pub unread: Vec<Vec<String>>,
}

/// What the changes reported since the last run touch, when they are known to be all of them.
#[derive(Debug, Default)]
pub(super) struct Scope {
    /// A file under `content/` appeared or vanished, or a folder changed: walk it again.
    pub content_layout: bool,
    /// Something outside `content/` changed (templates, static files, data, a theme).
    pub outside_content: bool,
}

/// The index of the last run, kept for the next when no front matter and no file list changed.
pub(super) struct KeptIndex {
    /// Every language's index, with the bodies rendered for it.
    pub languages: Vec<super::LanguageSite>,
    pub translations: Arc<crate::render::Translations>,
    /// Problems the index found (they are reported again by every run that keeps it).
    pub problems: Vec<Diagnostic>,
}

/// The builder's memory.
#[derive(Default)]
pub(super) struct Cache {
    config: Option<(Vec<u8>, Option<String>, Arc<Config>)>,
    templates: Option<(TemplateStamps, Templates)>,
    /// Parsed Markdown files by their path relative to `content/`.
    pub documents: HashMap<String, CachedDocument>,
    /// Rendered bodies by language, then by source path.
    pub markdown: HashMap<String, HashMap<String, CachedMarkdown>>,
    /// Files reported changed (absolute paths) since a run last parsed the content. They stay
    /// here through a run that fails earlier, so that the next run still looks at them.
    pub dirty: HashSet<PathBuf>,
    /// Views and outputs of the last render, by language.
    pub render: HashMap<String, crate::render::RenderCache>,
    strings: Option<(TemplateStamps, crate::templates::Strings)>,
    /// Whether the changes given to [`Cache::invalidate`] are all the changes (a file watcher
    /// reports them); otherwise every run looks at every file.
    pub trusted: bool,
    pub files: Option<KnownFiles>,
    pub static_files: Option<BTreeMap<String, PathBuf>>,
    /// Links leading out of the folders besides `content/` ([`crate::source::links_leaving`]).
    pub outside_links: Option<Vec<crate::diagnostics::Diagnostic>>,
    pub data: Option<LoadedData>,
    pub index: Option<KeptIndex>,
    /// The image pipeline: what it read of originals stays known between builds.
    images: Option<Arc<crate::images::Images>>,
}

impl Cache {
    /// Forgets what depends on these files; `site.yaml` means everything.
    pub fn invalidate(&mut self, changed: &[PathBuf]) {
        if changed
            .iter()
            .any(|p| p.file_name().is_some_and(|n| n == CONFIG_FILE))
        {
            self.forget_all();
            return;
        }
        for path in changed {
            let path = std::path::absolute(path).unwrap_or_else(|_| path.clone());
            self.dirty.insert(path);
        }
    }

    /// Drops everything but the knowledge of how changes are reported.
    fn forget_all(&mut self) {
        let trusted = self.trusted;
        *self = Cache {
            trusted,
            ..Cache::default()
        };
    }

    /// What the reported changes touch, or None when every file must be looked at (changes are
    /// not reported by a watcher, or nothing is known yet).
    pub fn scope(&self, root: &Path) -> Option<Scope> {
        let known = self.files.as_ref().filter(|_| self.trusted)?;
        let content_dir = root.join("content");
        let mut scope = Scope::default();
        for path in &self.dirty {
            if !path.starts_with(&content_dir) {
                scope.outside_content = true;
            } else if !(known.paths.contains(path) && path.is_file()) {
                scope.content_layout = true;
            }
        }
        Some(scope)
    }

    /// The configuration; when `site.yaml` changed, everything cached is dropped.
    pub fn config(&mut self, root: &Path, base_url: Option<&str>) -> Result<Arc<Config>> {
        let bytes = std::fs::read(root.join(CONFIG_FILE)).unwrap_or_default();
        if let Some((known, known_base, config)) = &self.config {
            if *known == bytes && known_base.as_deref() == base_url {
                return Ok(Arc::clone(config));
            }
        }
        self.forget_all();
        let config = Arc::new(Config::load(root, base_url)?);
        self.config = Some((bytes, base_url.map(str::to_string), Arc::clone(&config)));
        Ok(config)
    }

    /// The compiled templates, compiled again when any template file changed. With `recheck`
    /// false (no change outside `content/` was reported), the last ones are taken as they are.
    pub fn templates(&mut self, config: &Config, recheck: bool) -> Result<Templates> {
        if let Some((_, templates)) = self.templates.as_ref().filter(|_| !recheck) {
            return Ok(templates.clone());
        }
        let stamps = template_stamps(config)?;
        if let Some((known, templates)) = &self.templates {
            if *known == stamps {
                return Ok(templates.clone());
            }
        }
        self.templates = None;
        let templates = Templates::load(config)?;
        self.templates = Some((stamps, templates.clone()));
        Ok(templates)
    }
}

impl Cache {
    /// The image pipeline of the site, made anew when `site.yaml` changes.
    pub fn images(&mut self, config: &Config) -> Arc<crate::images::Images> {
        let images = self.images.get_or_insert_with(|| {
            Arc::new(crate::images::Images::new(
                &config.root,
                &config.root_path,
                config.images.clone(),
            ))
        });
        Arc::clone(images)
    }

    /// The theme strings of every language, read again when a strings file changed.
    pub fn strings(&mut self, config: &Config, recheck: bool) -> Result<crate::templates::Strings> {
        if let Some((_, strings)) = self.strings.as_ref().filter(|_| !recheck) {
            return Ok(strings.clone());
        }
        let stamps = strings_stamps(config)?;
        if let Some((known, strings)) = &self.strings {
            if *known == stamps {
                return Ok(strings.clone());
            }
        }
        let strings = crate::templates::Strings::load(config)?;
        self.strings = Some((stamps, strings.clone()));
        Ok(strings)
    }
}

fn strings_stamps(config: &Config) -> Result<TemplateStamps> {
    let files = crate::source::discover_static(&crate::templates::strings_folders(config))?;
    Ok(files
        .into_values()
        .map(|p| {
            let s = stamp(&p);
            (p, s)
        })
        .collect())
}

fn template_stamps(config: &Config) -> Result<TemplateStamps> {
    let mut folders = Vec::new();
    if let Some(theme) = config.theme_dir() {
        folders.push(theme.join("templates"));
    }
    folders.push(config.root.join("templates"));
    let files = crate::source::discover_static(&folders)?;
    let mut stamps: TemplateStamps = files
        .into_values()
        .map(|p| {
            let s = stamp(&p);
            (p, s)
        })
        .collect();
    stamps.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(stamps)
}
