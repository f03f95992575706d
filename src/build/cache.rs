//! What a [`super::Builder`] keeps between runs, and the checks that decide whether each piece is
//! still valid: `site.yaml` by its bytes, templates by their files' stamps, parsed documents by
//! their file's size and modification time, rendered Markdown by its text and by what each of its
//! internal links resolved to.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use crate::Result;
use crate::config::{CONFIG_FILE, Config};
use crate::content::Document;
use crate::diagnostics::Diagnostic;
use crate::markdown::RenderedMarkdown;
use crate::templates::Templates;

/// Size and modification time of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Stamp {
    len: u64,
    modified: SystemTime,
}

impl Stamp {
    /// A stamp that matches no file, for a file that vanished while being read.
    pub fn unknown() -> Stamp {
        Stamp {
            len: u64::MAX,
            modified: SystemTime::UNIX_EPOCH,
        }
    }
}

/// The stamp of a file, or None if it cannot be read.
pub(super) fn stamp(path: &Path) -> Option<Stamp> {
    let meta = std::fs::metadata(path).ok()?;
    Some(Stamp {
        len: meta.len(),
        modified: meta.modified().ok()?,
    })
}

/// A Markdown file as parsed last time.
pub(super) struct CachedDocument {
    pub stamp: Stamp,
    pub doc: Option<Arc<Document>>,
    pub problems: Vec<Diagnostic>,
}

/// What an `@/` link resolved to while rendering.
pub(super) type LinkResolution = (String, std::result::Result<String, String>);

/// A body as rendered last time, valid while its text and its links' targets are unchanged.
pub(super) struct CachedMarkdown {
    pub key: u64,
    pub links: Vec<LinkResolution>,
    pub rendered: Arc<RenderedMarkdown>,
    pub problems: Vec<Diagnostic>,
}

/// Every template file with its stamp: templates compile again when this list changes.
type TemplateStamps = Vec<(PathBuf, Option<Stamp>)>;

/// The builder's memory.
#[derive(Default)]
pub(super) struct Cache {
    config: Option<(Vec<u8>, Option<String>, Arc<Config>)>,
    templates: Option<(TemplateStamps, Templates)>,
    pub documents: HashMap<PathBuf, CachedDocument>,
    /// Rendered bodies by language, then by source path.
    pub markdown: HashMap<String, HashMap<String, CachedMarkdown>>,
    pub dirty: HashSet<PathBuf>,
    /// Views and outputs of the last render, by language.
    pub render: HashMap<String, crate::render::RenderCache>,
    strings: Option<(TemplateStamps, crate::templates::Strings)>,
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
            *self = Cache::default();
            return;
        }
        for path in changed {
            let path = std::path::absolute(path).unwrap_or_else(|_| path.clone());
            self.documents.remove(&path);
            self.dirty.insert(path);
        }
    }

    /// The configuration; when `site.yaml` changed, everything cached is dropped.
    pub fn config(&mut self, root: &Path, base_url: Option<&str>) -> Result<Arc<Config>> {
        let bytes = std::fs::read(root.join(CONFIG_FILE)).unwrap_or_default();
        if let Some((known, known_base, config)) = &self.config {
            if *known == bytes && known_base.as_deref() == base_url {
                return Ok(Arc::clone(config));
            }
        }
        *self = Cache::default();
        let config = Arc::new(Config::load(root, base_url)?);
        self.config = Some((bytes, base_url.map(str::to_string), Arc::clone(&config)));
        Ok(config)
    }

    /// The compiled templates, compiled again when any template file changed.
    pub fn templates(&mut self, config: &Config) -> Result<Templates> {
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
    pub fn strings(&mut self, config: &Config) -> Result<crate::templates::Strings> {
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
