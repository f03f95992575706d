//! The site index: pages grouped into sections, every page's URL, the `@/` path lookup, and the
//! checks that need the whole site (two files on one URL, a page inside another language's
//! folder), with the owners of URLs of [`super::urls`].

use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

use chrono::{DateTime, Utc};

use super::page::{Document, Page, slugify_or};
pub use super::urls::Redirect;
use super::urls::{self, Lang, Owner, Role};
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
    /// Who owns the section's URL, as messages name it.
    pub fn owner(&self, lang: Lang<'_>) -> Owner {
        Owner::section(&self.dir, self.index.as_deref(), &self.url, lang)
    }

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
    /// Source paths (`news/foo.md`) of Markdown files that exist but could not be read or
    /// parsed, in any language: their own error is the one to fix, so links to them are not
    /// reported as broken too.
    pub unreadable: HashSet<String>,
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
    /// Redirects from pages' old URLs (`aliases:`), sorted.
    pub redirects: Vec<Redirect>,
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

/// `a/b/c`, `a/b`, `a`.
fn ancestors(dir: &str) -> impl Iterator<Item = &str> {
    std::iter::successors(Some(dir), |d| (!d.is_empty()).then(|| parent_dir(d)))
        .filter(|d| !d.is_empty())
}

/// The URL of the section in `dir`: `/news/`.
pub(crate) fn section_url(dir: &str) -> String {
    if dir.is_empty() {
        return "/".to_string();
    }
    let segments: Vec<String> = dir.split('/').map(slugify_or).collect();
    format!("/{}/", segments.join("/"))
}

impl Site {
    /// Builds the index from parsed documents. `pages` are page documents, `indexes` the
    /// `_index.md` documents, `unreadable` the source paths of the files that could not be
    /// parsed.
    pub fn new(
        config: &Config,
        files: &ContentFiles,
        pages: Vec<Arc<Document>>,
        indexes: Vec<Arc<Document>>,
        unreadable: &HashSet<String>,
        visibility: Visibility,
    ) -> (Site, Vec<Diagnostic>) {
        let mut site = Site {
            unreadable: unreadable.clone(),
            ..Site::default()
        };
        let mut problems = Vec::new();
        site.add_sections(config, files, indexes, &mut problems);
        site.add_pages(config, pages, visibility);
        site.assign_urls(config, &mut problems);
        site.redirects = urls::read_aliases(&site.pages, &mut problems);
        site.sort_sections(&config.language);
        site.add_assets(files);
        site.taxonomies =
            super::taxonomy::collect(&config.taxonomies, &site.pages, &site.listing_order());
        (site, problems)
    }

    fn add_sections(
        &mut self,
        config: &Config,
        files: &ContentFiles,
        indexes: Vec<Arc<Document>>,
        problems: &mut Vec<Diagnostic>,
    ) {
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
        // What is left is in no section folder: inside a page bundle.
        let mut unused: Vec<Arc<Document>> = by_dir.into_values().collect();
        unused.sort_by(|a, b| a.rel.cmp(&b.rel));
        urls::sections_in_bundles(files, &unused, problems);
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

    /// Gives every section and page its URL. Two of them on one URL is an error on the file
    /// changed last, or on each when that cannot be told (but never on a copy shown in place of
    /// a missing translation: the default language reports it).
    fn assign_urls(&mut self, config: &Config, problems: &mut Vec<Diagnostic>) {
        let lang = Lang::of(config);
        let mut claimed: HashMap<String, Owner> = HashMap::new();
        let mut claim =
            |owner: Owner, problems: &mut Vec<Diagnostic>| match claimed.entry(owner.url.clone()) {
                Entry::Occupied(first) => {
                    let owners = [first.get().clone(), owner];
                    let found = urls::collisions(&owners, false, false);
                    problems.extend(urls::on_newest(found, &config.root));
                }
                Entry::Vacant(free) => {
                    free.insert(owner);
                }
            };
        for section in self.sections.values() {
            claim(section.owner(lang), problems);
        }
        for index in 0..self.pages.len() {
            let page = &self.pages[index];
            let base = self
                .sections
                .get(&page.section_dir)
                .map_or_else(|| section_url(&page.section_dir), |s| s.url.clone());
            let url = format!("{base}{}/", page.slug);
            self.pages[index].url = url;
            let page = &self.pages[index];
            claim(Owner::page(page, lang), problems);
            if let Some(section) = self.sections.get_mut(&page.section_dir) {
                section.pages.push(index);
            }
        }
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

    /// Who owns `url` (without the language's prefix) in this site of the language `lang`: a
    /// page or a section.
    pub fn owner_at(&self, lang: Lang<'_>, url: &str) -> Option<Owner> {
        let section = self.sections.values().find(|s| s.url == url);
        section.map(|s| s.owner(lang)).or_else(|| {
            self.pages
                .iter()
                .find(|p| p.url == url)
                .map(|p| Owner::page(p, lang))
        })
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

/// Pages and sections of the default language whose URL is inside another language's `/<code>/`
/// (`content/zh/_index.md`, `content/zh.md`): that is where the other language is published.
/// `sites` is every language's index, the default one first.
pub fn check_language_folders(sites: &[(Lang<'_>, &Site)]) -> Vec<Diagnostic> {
    let Some(((default, site), others)) = sites.split_first() else {
        return Vec::new();
    };
    let mut problems = Vec::new();
    for (lang, other) in others {
        let folder = format!("/{}/", lang.code);
        let inside = |url: &str| {
            url.get(..folder.len())
                .is_some_and(|start| start.eq_ignore_ascii_case(&folder))
        };
        let intruders = site
            .pages
            .iter()
            .filter(|p| inside(&p.url))
            .map(|p| Owner::page(p, *default))
            .chain(
                site.sections
                    .values()
                    .filter(|s| s.index.is_some() && inside(&s.url))
                    .map(|s| s.owner(*default)),
            );
        for intruder in intruders {
            let there = &intruder.url[folder.len() - 1..];
            let diagnostic = match other.owner_at(*lang, there) {
                Some(owner) => intruder.collision(&owner, false),
                None => intruder.at.clone().map(|(file, line)| {
                    let role = if intruder.role == Role::Page {
                        "page"
                    } else {
                        "section"
                    };
                    let message = crate::msg!(
                        "url-in-language-folder",
                        role = role,
                        url = &intruder.url,
                        folder = &folder,
                        lang = lang.code
                    );
                    Diagnostic::error(file, line, 1, message)
                }),
            };
            let hint = crate::msg!("language-folder-hint", folder = &folder, lang = lang.code);
            problems.extend(diagnostic.map(|d| d.with_hint(hint)));
        }
    }
    problems
}
