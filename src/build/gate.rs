//! The last stage before publishing: every link and picture written as a path of the site — in
//! a body, a shortcode or an image field of the front matter, in every language — must lead to
//! a file the build publishes. What is published is known only once every language is rendered,
//! so this stage runs then, on the full set of output paths. Its problems are errors of `potline
//! build` and `potline serve` (nothing is published), and `potline check` reports the same ones.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;
use std::sync::OnceLock;

use rayon::prelude::*;

use serde_json::Value;

use super::LanguageSite;
use super::stages::ImageFiles;
use crate::config::{Config, FieldKind};
use crate::content::{Document, Page, Site};
use crate::diagnostics::Diagnostic;
use crate::messages::Message;
use crate::msg;
use crate::output::Output;
use crate::site_paths::{self, PathKind, SitePath};

/// The output paths of a site (`news/foo/index.html`, `css/site.css`).
#[derive(Debug, Clone, Default)]
pub struct Published<'a>(HashSet<Cow<'a, str>>);

impl<'a> Published<'a> {
    /// The paths of these outputs.
    pub fn of_outputs(outputs: &'a [Output]) -> Self {
        Published(
            outputs
                .iter()
                .map(|o| Cow::Borrowed(o.path.as_str()))
                .collect(),
        )
    }

    /// Adds a path.
    pub fn insert(&mut self, path: String) {
        self.0.insert(Cow::Owned(path));
    }

    /// The paths of the files published in `folder` (`news/foo`, `` for the root).
    fn files_in<'s>(&'s self, folder: &'s str) -> impl Iterator<Item = &'s str> + 's {
        self.0
            .iter()
            .map(|path| path.as_ref())
            .filter(move |path| path.rsplit_once('/').map_or("", |(parent, _)| parent) == folder)
    }

    /// Is something published at this path (`news/foo/` or `news/foo` for a page, `css/a.css`,
    /// `` for the home page)?
    pub fn exists(&self, path: &str) -> bool {
        let path = path.trim_start_matches('/');
        let folder_index = || {
            (path.is_empty() || path.ends_with('/'))
                && self.0.contains(format!("{path}index.html").as_str())
        };
        self.0.contains(path)
            || folder_index()
            || self.0.contains(format!("{path}/index.html").as_str())
    }
}

impl FromIterator<String> for Published<'_> {
    fn from_iter<I: IntoIterator<Item = String>>(paths: I) -> Self {
        Published(paths.into_iter().map(Cow::Owned).collect())
    }
}

/// The site as this stage reads it.
pub(crate) struct Sites<'a> {
    /// The configuration of the default language (its base path is the site's).
    pub config: &'a Config,
    /// Every language, indexed and with its Markdown rendered.
    pub languages: &'a [LanguageSite],
    /// Static files by output path.
    pub static_files: &'a BTreeMap<String, PathBuf>,
}

/// Every link and picture of every language that leads to nothing `published` holds.
pub(crate) fn check(sites: &Sites<'_>, published: &Published<'_>) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for language in sites.languages {
        let scope = Scope {
            base_path: &sites.config.base_path,
            language,
            static_files: sites.static_files,
            images: OnceLock::new(),
            published,
        };
        problems.extend(scope.pages());
        problems.extend(scope.sections());
    }
    problems
}

/// The names of the image fields of every content type (`cover`, `logo`).
fn image_fields(config: &Config) -> HashSet<&str> {
    config
        .types
        .values()
        .flat_map(|ty| ty.fields.iter())
        .filter(|(_, spec)| spec.kind == FieldKind::Image)
        .map(|(key, _)| key.as_str())
        .collect()
}

/// One language of the site, as links in its pages see it.
struct Scope<'a> {
    base_path: &'a str,
    language: &'a LanguageSite,
    static_files: &'a BTreeMap<String, PathBuf>,
    /// The picture files the build resizes, gathered when a first picture asks.
    images: OnceLock<ImageFiles<'a>>,
    published: &'a Published<'a>,
}

/// The address of a page of `language` (whose own URL is `url`, `/news/foo/`) from the site's
/// root, with the language's prefix and without the site's base path: `/zh/news/foo/`.
pub(crate) fn page_url(base_path: &str, language: &LanguageSite, url: &str) -> String {
    let full = format!("{}{url}", language.config.base_path);
    match full.strip_prefix(base_path) {
        Some(rest) if rest.starts_with('/') => rest.to_string(),
        _ => full,
    }
}

impl Scope<'_> {
    fn page_url(&self, url: &str) -> String {
        page_url(self.base_path, self.language, url)
    }

    /// The problems of every page, looked at in parallel.
    fn pages(&self) -> Vec<Diagnostic> {
        let image_keys = image_fields(&self.language.config);
        self.site()
            .pages
            .par_iter()
            .zip(&self.language.page_markdown)
            .flat_map_iter(|(page, markdown)| {
                let has_image = || {
                    image_keys
                        .iter()
                        .any(|key| page.doc.fields.contains_key(*key))
                };
                // Most pages of a large site have neither: they cost no address.
                if markdown.site_paths.is_empty() && !has_image() {
                    return Vec::new();
                }
                let url = self.page_url(&page.url);
                let mut found = self.body(&page.doc, &url, &markdown.site_paths);
                found.extend(self.front_matter_images(page, &url));
                found
            })
            .collect()
    }

    /// The problems of the sections' texts.
    fn sections(&self) -> Vec<Diagnostic> {
        let markdown = &self.language.section_markdown;
        self.site()
            .sections
            .values()
            .filter_map(|section| {
                Some((
                    section.index.as_ref()?,
                    markdown.get(&section.dir)?,
                    section,
                ))
            })
            .filter(|(_, markdown, _)| !markdown.site_paths.is_empty())
            .flat_map(|(doc, markdown, section)| {
                self.body(doc, &self.page_url(&section.url), &markdown.site_paths)
            })
            .collect()
    }

    fn site(&self) -> &Site {
        &self.language.site
    }

    /// Whether the build finds the picture `dest` of the file `rel` and shows resized copies.
    fn resized(&self, rel: &str, dest: &str) -> bool {
        self.images
            .get_or_init(|| ImageFiles::of(&self.language.config, self.site(), self.static_files))
            .source(rel, dest)
            .is_some()
    }

    fn body(&self, doc: &Document, url: &str, paths: &[SitePath]) -> Vec<Diagnostic> {
        paths
            .iter()
            .filter_map(|path| {
                let (message, hint) = self.problem(doc, url, path)?;
                Some(
                    Diagnostic::error(&doc.display_path, path.line, path.col, message)
                        .with_optional_hint(hint),
                )
            })
            .collect()
    }

    /// What is wrong with one path of a body, if anything.
    fn problem(&self, doc: &Document, url: &str, path: &SitePath) -> Option<Problem> {
        let dest = path.dest.trim();
        if dest.is_empty() {
            return Some(names_no_file(path.kind));
        }
        let part = site_paths::path_part(dest);
        if path.kind == PathKind::Link && site_paths::is_markdown_file(part) {
            return Some(markdown_link(self.site(), doc, dest, part));
        }
        if part.is_empty() || (path.resized && self.resized(&doc.rel, dest)) {
            return None;
        }
        let resolved = site_paths::resolve(url, part, self.base_path);
        if self.published.exists(&resolved) {
            return None;
        }
        let fixed = dest
            .contains('\\')
            .then(|| self.with_slashes(doc, url, path, dest));
        Some(self.missing(path.kind, dest, &resolved, fixed.as_deref()))
    }

    /// A path that leads nowhere, with the output path it would be at; for a picture or a file,
    /// the one the writer probably meant.
    fn missing(&self, kind: PathKind, dest: &str, resolved: &str, fixed: Option<&str>) -> Problem {
        if let Some(fixed) = fixed {
            let message = match kind {
                PathKind::Link => msg!("link-backslash", dest = dest, fixed = fixed),
                PathKind::Picture | PathKind::File => {
                    msg!("picture-backslash", dest = dest, fixed = fixed)
                }
            };
            return (message, None);
        }
        let message = match kind {
            PathKind::Link if dest.starts_with("www.") => msg!("link-without-https", dest = dest),
            PathKind::Link => msg!("link-path-broken", dest = dest, resolved = resolved),
            PathKind::Picture => msg!("picture-not-found", dest = dest, resolved = resolved),
            PathKind::File => msg!("linked-file-not-found", dest = dest, resolved = resolved),
        };
        let meant = match kind {
            PathKind::Link => None,
            PathKind::Picture | PathKind::File => self.closest_file(dest, resolved),
        };
        (
            message,
            meant.map(|name| msg!("suggest-did-you-mean", name = name)),
        )
    }

    /// The file a writer probably meant by `dest` (which leads to `resolved`, where nothing is
    /// published), written as they would write it: a close name in the folder it points into
    /// (`photo.jpg` for `photo.jpeg`), else anywhere in `static/` (`/images/photo.jpg`).
    fn closest_file(&self, dest: &str, resolved: &str) -> Option<String> {
        let (folder, name) = resolved.rsplit_once('/').unwrap_or(("", resolved));
        if let Some(found) = site_paths::closest_file(name, self.published.files_in(folder)) {
            let found = found.rsplit('/').next().unwrap_or(found);
            let part = site_paths::path_part(dest);
            return Some(match part.rsplit_once('/') {
                Some((written_folder, _)) => format!("{written_folder}/{found}"),
                None => found.to_string(),
            });
        }
        let in_static =
            site_paths::closest_file(name, self.static_files.keys().map(String::as_str))?;
        Some(format!("/{in_static}"))
    }

    /// `dest` written with `/` between folders, as the hint should give it: the first spelling
    /// that leads to a file (the path as it is, from the site root, from `static/`, the file
    /// alone beside the page), else the path as it is. Following the hint must build.
    fn with_slashes(&self, doc: &Document, url: &str, path: &SitePath, dest: &str) -> String {
        let candidates = slash_candidates(dest);
        let leads_somewhere = |candidate: &str| {
            (path.resized && self.resized(&doc.rel, candidate))
                || self.published.exists(&site_paths::resolve(
                    url,
                    site_paths::path_part(candidate),
                    self.base_path,
                ))
        };
        candidates
            .iter()
            .find(|candidate| leads_somewhere(candidate))
            .or(candidates.first())
            .cloned()
            .unwrap_or_else(|| dest.replace('\\', "/"))
    }

    /// Image fields of the front matter (`cover: photo.jpg`) must name a published file: beside
    /// the page, or from the site root (`/images/photo.jpg`).
    fn front_matter_images(&self, page: &Page, url: &str) -> Vec<Diagnostic> {
        let ty = self.language.config.type_for_section(&page.section_dir);
        ty.fields
            .iter()
            .filter(|(_, spec)| spec.kind == FieldKind::Image)
            .filter_map(|(key, _)| {
                let value = page.doc.fields.get(key).and_then(Value::as_str)?.trim();
                if value.is_empty() || site_paths::is_external(value) {
                    return None;
                }
                let beside = site_paths::resolve(url, value, self.base_path);
                let from_root = site_paths::resolve("/", value, self.base_path);
                if self.published.exists(&beside) || self.published.exists(&from_root) {
                    return None;
                }
                let meant = self.closest_file(value, &beside);
                Some(
                    Diagnostic::error(
                        &page.doc.display_path,
                        page.doc.line_of(key),
                        1,
                        msg!("field-image-not-found", key = key, value = value),
                    )
                    .with_optional_hint(
                        meant.map(|name| msg!("suggest-did-you-mean", name = name)),
                    ),
                )
            })
            .collect()
    }
}

/// What is wrong, and a hint when the entry's own does not fit.
type Problem = (Message, Option<Message>);

/// `![alt]()`, `{{ figure(src="") }}`: the address was never filled in.
fn names_no_file(kind: PathKind) -> Problem {
    match kind {
        PathKind::File => (msg!("shortcode-names-no-file"), None),
        _ => (msg!("picture-names-no-file"), None),
    }
}

/// The ways a path written with `\\` (`images\\photo.jpg`, `static\\images\\photo.jpg`,
/// `C:\\Users\\...\\photo.jpg`) may have been meant on the web, most likely first.
fn slash_candidates(dest: &str) -> Vec<String> {
    let slashed = dest.replace('\\', "/");
    let mut candidates = vec![slashed.clone()];
    if !slashed.starts_with('/') {
        candidates.push(format!("/{slashed}"));
    }
    if let Some(at) = slashed.find("static/") {
        candidates.push(format!("/{}", &slashed[at + "static/".len()..]));
    }
    if let Some((_, name)) = slashed.rsplit_once('/') {
        candidates.push(name.to_string());
    }
    candidates
}

/// `[x](other.md)` works in an editor's preview but not on the site: the `@/` link to write,
/// when the file (or one with a close name) is a page of the site.
fn markdown_link(site: &Site, doc: &Document, dest: &str, path: &str) -> Problem {
    let folder = doc.rel.rfind('/').map_or("", |i| &doc.rel[..i]);
    let candidate = match path.strip_prefix('/') {
        Some(rooted) => site_paths::normalize(rooted.strip_prefix("content/").unwrap_or(rooted)),
        None => site_paths::normalize(&format!("{folder}/{path}")),
    };
    let anchor = dest
        .split_once('#')
        .map(|(_, a)| format!("#{a}"))
        .unwrap_or_default();
    let pages: Vec<&str> = site.targets.keys().map(String::as_str).collect();
    let hint = site_paths::closest_content_path(&candidate, &pages).map(|page| {
        msg!(
            "link-to-markdown-file-write",
            link = format!("@/{page}{anchor}")
        )
    });
    (msg!("link-to-markdown-file", dest = dest), hint)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_pages_and_files_are_published_paths() {
        let mut published = Published::default();
        for path in ["index.html", "news/foo/index.html", "css/a.css"] {
            published.insert(path.to_string());
        }
        for path in [
            "",
            "/",
            "news/foo/",
            "news/foo",
            "news/foo/index.html",
            "css/a.css",
        ] {
            assert!(published.exists(path), "{path:?}");
        }
        for path in ["news/", "news/foo/x.png", "css/a.css/", "css"] {
            assert!(!published.exists(path), "{path:?}");
        }
    }
}
