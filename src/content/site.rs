//! The site index: pages grouped into sections, every page's URL, the `@/` path lookup, and the
//! checks that need the whole site (two files on one URL).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

use chrono::{DateTime, Utc};

use super::page::{Document, Page, slugify_or};
use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::source::ContentFiles;
use crate::source::parent_dir;

/// What an `@/` content path points to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A page, by index into [`Site::pages`].
    Page(usize),
    /// A section, by folder.
    Section(String),
}

/// A folder of content.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// Folder relative to `content/` (`` for the home page).
    pub dir: String,
    /// The `_index.md`, when the folder has one.
    pub index: Option<Arc<Document>>,
    /// Title from `_index.md`, else from the folder name.
    pub title: String,
    /// Root-relative URL within the site: `/news/`.
    pub url: String,
    /// Pages of the section, sorted for listing.
    pub pages: Vec<usize>,
    /// Child section folders.
    pub subsections: Vec<String>,
}

impl Section {
    /// The source path templates and `@/` links use: `news/_index.md`.
    pub fn index_path(&self) -> String {
        if self.dir.is_empty() {
            "_index.md".to_string()
        } else {
            format!("{}/_index.md", self.dir)
        }
    }
}

/// Which pages a build publishes.
#[derive(Debug, Clone, Copy)]
pub struct Visibility {
    /// Include pages marked `draft: true`.
    pub drafts: bool,
    /// Include pages dated in the future.
    pub future: bool,
    /// The moment that decides what is "future".
    pub now: DateTime<Utc>,
}

/// A file copied to the output as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopiedFile {
    /// Output path relative to the output root: `news/foo/photo.jpg`.
    pub output: String,
    /// Source on disk.
    pub source: PathBuf,
}

/// All published content, indexed.
#[derive(Debug, Clone, Default)]
pub struct Site {
    /// Published pages, sorted by source path.
    pub pages: Vec<Page>,
    /// Sections by folder.
    pub sections: BTreeMap<String, Section>,
    /// `news/foo.md` or `news/_index.md` -> what it is.
    pub targets: HashMap<String, Target>,
    /// Source paths of pages left out (drafts, future-dated), for clearer broken-link messages.
    pub unpublished: HashSet<String>,
    /// How many drafts were left out.
    pub skipped_drafts: usize,
    /// How many future-dated pages were left out.
    pub skipped_future: usize,
    /// The earliest date of those pages: from then on, the same sources build another site.
    pub next_release: Option<DateTime<Utc>>,
    /// Content files copied beside their pages and sections.
    pub assets: Vec<CopiedFile>,
    /// Taxonomies with their terms.
    pub taxonomies: Vec<super::taxonomy::Taxonomy>,
    /// (old URL, new URL) from pages' `aliases:`, sorted.
    pub redirects: Vec<(String, String)>,
}

/// How a title sorts: Chinese lists are in pinyin order (as Chinese readers expect), and case
/// does not matter.
pub fn title_key(title: &str, language: &str) -> String {
    use pinyin::ToPinyin;
    if !language.starts_with("zh") {
        return title.to_lowercase();
    }
    let mut key = String::with_capacity(title.len() * 2);
    for c in title.chars() {
        match c.to_pinyin() {
            Some(syllable) => {
                key.push_str(syllable.plain());
                key.push(' ');
            }
            None => key.extend(c.to_lowercase()),
        }
    }
    key
}

/// `/old/page` and `old/page/` both mean the folder URL `/old/page/`; a file name (`old.html`)
/// stays as it is.
fn normalise_alias(alias: &str) -> String {
    let trimmed = alias.trim();
    let with_root = if trimmed.starts_with('/') {
        trimmed.to_string()
    } else {
        format!("/{trimmed}")
    };
    let last = with_root.rsplit('/').next().unwrap_or("");
    if with_root.ends_with('/') || last.contains('.') {
        with_root
    } else {
        format!("{with_root}/")
    }
}

/// `a/b/c`, `a/b`, `a`.
fn ancestors(dir: &str) -> impl Iterator<Item = &str> {
    std::iter::successors(Some(dir), |d| (!d.is_empty()).then(|| parent_dir(d)))
        .filter(|d| !d.is_empty())
}

fn section_url(dir: &str) -> String {
    if dir.is_empty() {
        return "/".to_string();
    }
    let segments: Vec<String> = dir.split('/').map(slugify_or).collect();
    format!("/{}/", segments.join("/"))
}

impl Site {
    /// Builds the index from parsed documents. `pages` are page documents, `indexes` the
    /// `_index.md` documents.
    pub fn new(
        config: &Config,
        files: &ContentFiles,
        pages: Vec<Arc<Document>>,
        indexes: Vec<Arc<Document>>,
        visibility: Visibility,
    ) -> (Site, Vec<Diagnostic>) {
        let mut site = Site::default();
        let mut problems = Vec::new();
        site.add_sections(config, files, indexes);
        site.add_pages(config, pages, visibility);
        site.assign_urls(&mut problems);
        site.sort_sections(&config.language);
        site.add_assets(files);
        site.taxonomies =
            super::taxonomy::collect(&config.taxonomies, &site.pages, &site.listing_order());
        (site, problems)
    }

    fn add_sections(&mut self, config: &Config, files: &ContentFiles, indexes: Vec<Arc<Document>>) {
        let mut by_dir: HashMap<String, Arc<Document>> = indexes
            .into_iter()
            .map(|doc| (parent_dir(&doc.rel).to_string(), doc))
            .collect();
        for dir in &files.section_dirs {
            let index = by_dir.remove(dir);
            let title = index
                .as_ref()
                .and_then(|d| d.text("title"))
                .map(str::to_string)
                .unwrap_or_else(|| default_section_title(dir, config));
            let section = Section {
                dir: dir.clone(),
                index,
                title,
                url: section_url(dir),
                pages: Vec::new(),
                subsections: Vec::new(),
            };
            self.targets
                .insert(section.index_path(), Target::Section(dir.clone()));
            self.sections.insert(dir.clone(), section);
        }
        let dirs: Vec<String> = self
            .sections
            .keys()
            .filter(|d| !d.is_empty())
            .cloned()
            .collect();
        for dir in dirs {
            if let Some(parent) = self.sections.get_mut(parent_dir(&dir)) {
                parent.subsections.push(dir);
            }
        }
    }

    fn add_pages(&mut self, config: &Config, docs: Vec<Arc<Document>>, visibility: Visibility) {
        for doc in docs {
            let is_bundle = doc.rel.ends_with("/index.md");
            let bundle_dir = is_bundle.then(|| parent_dir(&doc.rel).to_string());
            let section_dir = parent_dir(bundle_dir.as_deref().unwrap_or(&doc.rel)).to_string();
            let page = Page::from_document(doc, config, &section_dir, bundle_dir.as_deref());
            if page.draft && !visibility.drafts {
                self.skipped_drafts += 1;
                self.unpublished.insert(page.doc.rel.clone());
                continue;
            }
            if let Some(date) = page
                .date
                .filter(|d| *d > visibility.now && !visibility.future)
            {
                self.skipped_future += 1;
                self.next_release = Some(self.next_release.map_or(date, |n| n.min(date)));
                self.unpublished.insert(page.doc.rel.clone());
                continue;
            }
            self.pages.push(page);
        }
        self.pages.sort_by(|a, b| a.doc.rel.cmp(&b.doc.rel));
        for (index, page) in self.pages.iter().enumerate() {
            self.targets
                .insert(page.doc.rel.clone(), Target::Page(index));
        }
    }

    fn assign_urls(&mut self, problems: &mut Vec<Diagnostic>) {
        let mut claimed: HashMap<String, PathBuf> = HashMap::new();
        for section in self.sections.values() {
            let path = section.index.as_ref().map_or_else(
                || PathBuf::from("content").join(&section.dir),
                |d| d.display_path.clone(),
            );
            claimed.insert(section.url.clone(), path);
        }
        for index in 0..self.pages.len() {
            let page = &self.pages[index];
            let base = self
                .sections
                .get(&page.section_dir)
                .map_or_else(|| section_url(&page.section_dir), |s| s.url.clone());
            let url = format!("{base}{}/", page.slug);
            if let Some(other) = claimed.get(&url) {
                problems.push(
                    Diagnostic::error(&page.doc.display_path, 1, 1, format!("this page's URL {url} is also the URL of {}", crate::diagnostics::display_path(other)))
                        .with_hint("give one of them a different `slug:` in its front matter, or rename the file"),
                );
            } else {
                claimed.insert(url.clone(), page.doc.display_path.clone());
            }
            if let Some(section) = self.sections.get_mut(&page.section_dir) {
                section.pages.push(index);
            }
            self.pages[index].url = url;
        }
        self.check_aliases(&mut claimed, problems);
    }

    /// Old URLs (`aliases:`) become redirects; one that is the URL of a page, or another page's
    /// alias, is an error naming both files.
    fn check_aliases(
        &mut self,
        claimed: &mut HashMap<String, PathBuf>,
        problems: &mut Vec<Diagnostic>,
    ) {
        for page in &self.pages {
            for alias in &page.aliases {
                let url = normalise_alias(alias);
                let line = page.doc.line_of("aliases");
                if !url.starts_with('/') || url.contains("..") {
                    problems.push(
                        Diagnostic::error(&page.doc.display_path, line, 1, format!("alias `{alias}` is not a path of this site"))
                            .with_hint("write old addresses as paths from the site root, e.g. /news/2021/old-name/"),
                    );
                } else if let Some(other) = claimed.get(&url) {
                    problems.push(
                        Diagnostic::error(
                            &page.doc.display_path,
                            line,
                            1,
                            format!(
                                "alias {url} is already the URL of {}",
                                crate::diagnostics::display_path(other)
                            ),
                        )
                        .with_hint("remove the alias, or move the other page"),
                    );
                } else {
                    claimed.insert(url.clone(), page.doc.display_path.clone());
                    self.redirects.push((url, page.url.clone()));
                }
            }
        }
        self.redirects.sort();
    }

    fn sort_sections(&mut self, language: &str) {
        let keys: Vec<String> = self
            .pages
            .iter()
            .map(|p| title_key(&p.title, language))
            .collect();
        let pages = &self.pages;
        for section in self.sections.values_mut() {
            let dated = section.pages.iter().any(|&i| pages[i].date.is_some());
            section.pages.sort_by(|&a_index, &b_index| {
                let (a, b) = (&pages[a_index], &pages[b_index]);
                let by_title = keys[a_index]
                    .cmp(&keys[b_index])
                    .then_with(|| a.doc.rel.cmp(&b.doc.rel));
                if dated {
                    b.date.cmp(&a.date).then(by_title)
                } else {
                    let weight = |p: &Page| p.weight.unwrap_or(i64::MAX);
                    weight(a).cmp(&weight(b)).then(by_title)
                }
            });
        }
        let positions: Vec<(usize, usize)> = self
            .sections
            .values()
            .flat_map(|s| {
                s.pages
                    .iter()
                    .enumerate()
                    .map(|(position, &page)| (page, position))
            })
            .collect();
        for (page, position) in positions {
            self.pages[page].position = position;
        }
    }

    /// Every page in listing order: newest first, undated pages after, by title.
    fn listing_order(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.pages.len()).collect();
        let pages = &self.pages;
        order.sort_by(|&a, &b| {
            let (a, b) = (&pages[a], &pages[b]);
            b.date
                .cmp(&a.date)
                .then_with(|| a.title.cmp(&b.title))
                .then_with(|| a.doc.rel.cmp(&b.doc.rel))
        });
        order
    }

    fn add_assets(&mut self, files: &ContentFiles) {
        let bundles: HashMap<&str, &Page> = self
            .pages
            .iter()
            .filter_map(|p| p.bundle_dir.as_deref().map(|dir| (dir, p)))
            .collect();
        for asset in &files.assets {
            let parent = parent_dir(&asset.rel);
            let output = match self.sections.get(parent) {
                Some(section) => {
                    let name = asset.rel.rsplit('/').next().unwrap_or(&asset.rel);
                    Some(format!("{}{name}", section.url.trim_start_matches('/')))
                }
                // Inside a bundle: beside its page. A draft bundle's files stay unpublished.
                None => ancestors(parent).find_map(|dir| {
                    let page = bundles.get(dir)?;
                    let inside = &asset.rel[dir.len() + 1..];
                    Some(format!("{}{inside}", page.url.trim_start_matches('/')))
                }),
            };
            if let Some(output) = output {
                self.assets.push(CopiedFile {
                    output,
                    source: asset.abs.clone(),
                });
            }
        }
    }

    /// The page with this source path.
    pub fn page(&self, rel: &str) -> Option<&Page> {
        match self.targets.get(rel) {
            Some(Target::Page(i)) => self.pages.get(*i),
            _ => None,
        }
    }

    /// The section owning a page.
    pub fn section_of(&self, page: &Page) -> Option<&Section> {
        self.sections.get(&page.section_dir)
    }

    /// The root-relative URL (without base path) of an `@/` path's target.
    pub fn url_of(&self, rel: &str) -> Option<&str> {
        match self.targets.get(rel)? {
            Target::Page(i) => self.pages.get(*i).map(|p| p.url.as_str()),
            Target::Section(dir) => self.sections.get(dir).map(|s| s.url.as_str()),
        }
    }
}

fn default_section_title(dir: &str, config: &Config) -> String {
    if dir.is_empty() {
        return config.title.clone();
    }
    let name = dir
        .rsplit('/')
        .next()
        .unwrap_or(dir)
        .replace(['-', '_'], " ");
    let mut chars = name.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
