//! The stages between discovering files and rendering templates: parsing every Markdown file
//! and rendering every body, each in parallel and each through the builder's cache.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::sync::Arc;

use rayon::prelude::*;

use super::cache::{self, Cache, CachedDocument, CachedMarkdown};
use crate::config::Config;
use crate::content::schema::Rules;
use crate::content::{Document, Site, page};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::images::Images;
use crate::markdown::{self, MarkdownContext, RenderedMarkdown, ShortcodeError, Unresolved};
use crate::source::{ContentFiles, SourceKind, parent_dir};
use crate::templates::Templates;
use crate::{Result, fs};

/// A `template:` naming a template that does not exist is reported with the other front-matter
/// problems, at its line, rather than only when rendering reaches it.
pub(super) fn check_templates_exist(
    site: &Site,
    templates: &Templates,
    diagnostics: &mut Diagnostics,
) {
    let docs = site
        .pages
        .iter()
        .map(|p| &p.doc)
        .chain(site.sections.values().filter_map(|s| s.index.as_ref()));
    for doc in docs {
        if let Some(name) = doc.text("template").filter(|name| !templates.has(name)) {
            diagnostics.push(
                Diagnostic::error(
                    &doc.display_path,
                    doc.line_of("template"),
                    1,
                    crate::msg!("template-not-found", name = name),
                )
                .with_hint(templates.names_hint(name)),
            );
        }
    }
}

/// Renders `shortcodes/<name>.html`, or says why not (naming the shortcode meant, or those that
/// exist).
fn render_shortcode(
    templates: &Templates,
    call: &crate::shortcodes::Call,
    context: &tera::Context,
) -> std::result::Result<String, ShortcodeError> {
    let name = format!("shortcodes/{}.html", call.name);
    if !templates.has(&name) {
        return Err(ShortcodeError::Call(
            crate::msg!("shortcode-unknown", name = &call.name),
            Some(templates.shortcodes_hint(&call.name)),
        ));
    }
    templates.render_shortcode(&name, &call.name, context)
}

/// A document parsed anew this run: what the cache held for its file before (None for a new
/// file or one that failed to parse) and what it holds now.
pub(super) type Replaced = (Option<Arc<Document>>, Option<Arc<Document>>);

/// Parsed pages, parsed section indexes, and which documents were parsed anew.
pub(super) struct ParsedContent {
    pub pages: Vec<Arc<Document>>,
    pub indexes: Vec<Arc<Document>>,
    pub replaced: Vec<Replaced>,
    /// The source paths (`news/foo.md`) of the files that could not be read or parsed.
    pub unreadable: std::collections::HashSet<String>,
}

/// Reads and checks every Markdown file, in parallel, reusing what the cache parsed before
/// when the file's stamp is unchanged. With `only_reported`, the files not reported
/// changed are taken from the cache without looking at them. A `one_off` build keeps nothing
/// in the cache (and takes no file's stamp for it).
pub(super) fn parse_content(
    config: &Config,
    files: &ContentFiles,
    cache: &mut Cache,
    only_reported: bool,
    one_off: bool,
    diagnostics: &mut Diagnostics,
) -> Result<ParsedContent> {
    let known = &cache.documents;
    // The changed files by their path below `content/` (comparing short strings is cheaper
    // than comparing paths, for every file of a large site).
    let content_dir = config.root.join("content");
    let dirty: std::collections::HashSet<String> = cache
        .dirty
        .iter()
        .filter(|p| p.starts_with(&content_dir))
        .map(|p| crate::source::relative_slash_path(&content_dir, p))
        .collect();
    let dirty = &dirty;
    let fresh: Vec<Option<CachedDocument>> = files
        .markdown
        .par_iter()
        .map(|file| {
            let unchanged = match known.get(file.file.as_str()) {
                Some(_) if dirty.contains(file.file.as_str()) => false,
                Some(_) if only_reported => true,
                Some(cached) => cache::stamp(&file.abs) == Some(cached.stamp),
                None => false,
            };
            if unchanged {
                return Ok(None);
            }
            let stamp = if one_off {
                None
            } else {
                cache::stamp(&file.abs)
            };
            let bytes = fs::read(&file.abs)?;
            let section_dir = match file.kind {
                SourceKind::Page if file.rel.ends_with("/index.md") => {
                    parent_dir(parent_dir(&file.rel))
                }
                _ => parent_dir(&file.rel),
            };
            let rules = match file.kind {
                SourceKind::SectionIndex => Rules::Section,
                _ => Rules::Page(config.type_for_section(section_dir), &config.taxonomies),
            };
            let (doc, problems) = page::parse_document(file, &bytes, &rules, config.timezone);
            Ok(Some(CachedDocument {
                stamp: stamp.unwrap_or_else(cache::Stamp::unknown),
                doc: doc.map(Arc::new),
                problems,
            }))
        })
        .collect::<Result<_>>()?;
    cache.dirty.clear();
    let mut parsed = ParsedContent {
        pages: Vec::with_capacity(files.markdown.len()),
        indexes: Vec::new(),
        replaced: Vec::new(),
        unreadable: std::collections::HashSet::new(),
    };
    let mut documents = std::collections::HashMap::with_capacity(files.markdown.len());
    for (file, fresh) in files.markdown.iter().zip(fresh) {
        let previous = cache.documents.remove_entry(file.file.as_str());
        let (key, entry) = match (fresh, previous) {
            (Some(entry), previous) => {
                let before = previous.and_then(|(_, old)| old.doc);
                parsed.replaced.push((before, entry.doc.clone()));
                (file.file.clone(), entry)
            }
            (None, Some(kept)) => kept,
            (None, None) => continue,
        };
        diagnostics.extend(entry.problems.iter().cloned());
        match (file.kind, &entry.doc) {
            (SourceKind::SectionIndex, Some(doc)) => parsed.indexes.push(Arc::clone(doc)),
            (_, Some(doc)) => parsed.pages.push(Arc::clone(doc)),
            (_, None) => {
                parsed.unreadable.insert(file.rel.clone());
            }
        }
        if !one_off {
            documents.insert(key, entry);
        }
    }
    // Only files that still exist stay cached.
    cache.documents = documents;
    Ok(parsed)
}

/// Whether every document parsed anew is a page that kept its front matter as it was, so that
/// the site index (URLs, lists, taxonomies) is the same and only page bodies need rendering
/// again. (A section's text is in every page of the section: that is a change for a full run.)
pub(super) fn same_front_matter(replaced: &[Replaced]) -> bool {
    replaced.iter().all(|(before, now)| match (before, now) {
        (Some(before), Some(now)) => {
            !now.rel.ends_with("_index.md")
                && before.rel == now.rel
                && before.lang == now.lang
                && before.body_line == now.body_line
                && before.key_lines == now.key_lines
                && before.fields == now.fields
        }
        _ => false,
    })
}

type SectionMarkdown = BTreeMap<String, Arc<RenderedMarkdown>>;

/// The version of a rendering: its text's key and what every link resolved to.
fn markdown_version(key: u64, links: &[cache::LinkResolution]) -> u64 {
    let mut hash = xxhash_rust::xxh3::Xxh3::new();
    hash.update(&key.to_le_bytes());
    for (path, result) in links {
        hash.update(path.as_bytes());
        match result {
            Ok(url) => hash.update(url.as_bytes()),
            Err(why) => hash.update(format!("{why:?}").as_bytes()),
        }
        hash.update(b"\0");
    }
    hash.digest()
}

/// What rendering Markdown needs besides the site: templates for shortcodes and the data their
/// functions (`get_url`, `asset_url`) use.
pub(super) struct MarkdownInputs<'a> {
    pub config: &'a Config,
    pub site: &'a Site,
    pub templates: &'a Templates,
    pub static_files: &'a BTreeMap<String, std::path::PathBuf>,
    pub data: &'a crate::data::DataFiles,
    /// For languages other than the default: where links to pages not translated into this
    /// language go (the originals' URLs).
    pub fallback_urls: Option<&'a std::collections::HashMap<String, String>>,
    /// The image pipeline, which Markdown images and `figure` ask for copies.
    pub images: &'a Arc<Images>,
    /// A one-off build: each source body is let go once rendered (nothing reads it again) and
    /// nothing is kept in the cache for a next run.
    pub one_off: bool,
}

/// Files an image address in Markdown can name: the site's content files (bundle pictures) by
/// path relative to `content/`, and the static files by output path.
pub(super) struct ImageFiles<'a> {
    content: std::collections::HashMap<String, std::path::PathBuf>,
    static_files: &'a BTreeMap<String, std::path::PathBuf>,
}

impl<'a> ImageFiles<'a> {
    pub fn new(inputs: &MarkdownInputs<'a>) -> Self {
        Self::of(inputs.config, inputs.site, inputs.static_files)
    }

    /// The files of one language's `site`.
    pub fn of(
        config: &Config,
        site: &Site,
        static_files: &'a BTreeMap<String, std::path::PathBuf>,
    ) -> Self {
        let content_dir = config.root.join("content");
        let content = site
            .assets
            .iter()
            .filter_map(|a| {
                let rel = a.source.strip_prefix(&content_dir).ok()?;
                Some((rel.to_string_lossy().replace('\\', "/"), a.source.clone()))
            })
            .collect();
        ImageFiles {
            content,
            static_files,
        }
    }

    /// Where the image `src`, written in the Markdown file `rel` (relative to `content/`), is.
    /// None for addresses potline leaves alone (other sites, SVG, ...) and for files that do not
    /// exist: the last stage before publishing reports those, with the URL they would have.
    pub fn source(&self, rel: &str, src: &str) -> Option<std::path::PathBuf> {
        let scheme = src
            .find(':')
            .is_some_and(|colon| !src[..colon].contains('/'));
        if scheme || src.starts_with("//") || src.starts_with('#') {
            return None;
        }
        let path = src.split(['?', '#']).next().unwrap_or(src);
        let path = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
        if !crate::images::is_processable(&path) {
            return None;
        }
        match path.strip_prefix('/') {
            Some(in_static) => self.static_files.get(in_static).cloned(),
            None => self
                .content
                .get(&join_relative(parent_dir(rel), &path)?)
                .cloned(),
        }
    }
}

/// `dir/path` with `.` and `..` resolved; None when it climbs out of `dir`'s root.
fn join_relative(dir: &str, path: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    Some(parts.join("/"))
}

/// The documents of one language: its own, plus — when the site shows untranslated pages in
/// every language — the default language's documents that have no translation into it.
pub(super) fn documents_in(
    config: &Config,
    code: &str,
    pages: &[Arc<Document>],
    indexes: &[Arc<Document>],
) -> (Vec<Arc<Document>>, Vec<Arc<Document>>) {
    let default = config.is_default_language(code);
    let pick = |docs: &[Arc<Document>], fallback: bool| -> Vec<Arc<Document>> {
        let own: Vec<Arc<Document>> = docs
            .iter()
            .filter(|d| {
                if default {
                    d.lang.is_none()
                } else {
                    d.lang.as_deref() == Some(code)
                }
            })
            .cloned()
            .collect();
        if default || !fallback {
            return own;
        }
        let translated: std::collections::HashSet<&str> =
            own.iter().map(|d| d.rel.as_str()).collect();
        let missing: Vec<Arc<Document>> = docs
            .iter()
            .filter(|d| d.lang.is_none() && !translated.contains(d.rel.as_str()))
            .cloned()
            .collect();
        own.into_iter().chain(missing).collect()
    };
    let fallback = config.untranslated == crate::config::Untranslated::Fallback;
    // Sections always exist in every language: an untranslated `_index.md` lends its title.
    (pick(pages, fallback), pick(indexes, true))
}

/// Every page's and section's URL (with the language's base path) by source path.
pub(super) fn absolute_urls(
    config: &Config,
    site: &Site,
) -> std::collections::HashMap<String, String> {
    site.targets
        .keys()
        .filter_map(|rel| {
            Some((
                rel.clone(),
                format!("{}{}", config.base_path, site.url_of(rel)?),
            ))
        })
        .collect()
}

/// Marks a recorded lookup that is not a link: the template generation shortcodes used, or the
/// data of a page a shortcode shows.
const SHORTCODE_TEMPLATES: &str = "\0shortcode-templates";
const SHORTCODE_TARGET: &str = "\0shortcode-target:";
const SHORTCODE_DATA: &str = "\0shortcode-data";
const IMAGE_SOURCE: &str = "\0image:";
const IMAGE_PATH: &str = "\0image-path:";

/// Why the `@/` path `path` (without `@/`) leads to no page of this language's site: a draft or
/// future page, or no file at all (and then the page the writer probably meant).
fn unresolved(
    site: &Site,
    fallback_urls: Option<&std::collections::HashMap<String, String>>,
    path: &str,
) -> Unresolved {
    if site.unpublished.contains(path) {
        return Unresolved::Unpublished;
    }
    let candidates: Vec<&str> = site
        .targets
        .keys()
        .chain(fallback_urls.into_iter().flat_map(|urls| urls.keys()))
        .map(String::as_str)
        .collect();
    Unresolved::Missing(
        crate::site_paths::closest_content_path(path, &candidates).map(str::to_string),
    )
}

/// A shortcode's `path` argument that names no published page, as the call's error.
fn shortcode_page_error(name: &str, path: &str, why: Unresolved) -> ShortcodeError {
    match why {
        Unresolved::Missing(closest) => {
            let prefix = if path.starts_with("@/") { "@/" } else { "" };
            ShortcodeError::Call(
                crate::msg!("shortcode-page-not-found", name = name, path = path),
                closest.map(|c| crate::msg!("suggest-did-you-mean", name = format!("{prefix}{c}"))),
            )
        }
        Unresolved::Unpublished => ShortcodeError::Call(
            crate::msg!("shortcode-page-unpublished", name = name, path = path),
            None,
        ),
    }
}

/// What a shortcode learns about the page its `path` argument names: `target` in its template.
fn shortcode_target(
    inputs: &MarkdownInputs<'_>,
    path: &str,
) -> std::result::Result<serde_json::Value, Unresolved> {
    let rel = path.trim_start_matches("@/");
    let page = inputs
        .site
        .page(rel)
        .ok_or_else(|| unresolved(inputs.site, inputs.fallback_urls, rel))?;
    Ok(serde_json::json!({
        "title": page.title,
        "url": format!("{}{}", inputs.config.base_path, page.url),
        "summary": page.doc.text("summary").or_else(|| page.doc.text("description")),
        "kind": page.kind,
        "fields": page.doc.fields,
    }))
}

/// The bodies of the last run, when the site index is the same: only the pages listed in
/// `changed` (by index into `site.pages`) are rendered again, the others are taken as they are.
pub(super) struct KeptBodies<'a> {
    pub bodies: &'a [Arc<RenderedMarkdown>],
    pub changed: &'a [usize],
}

/// Renders every body to HTML, in parallel, resolving `@/` links against the site index. A body
/// rendered before is reused when its text is the same and each of its links (and shortcode
/// lookups) still gives the same result.
pub(super) fn render_markdown(
    inputs: &MarkdownInputs<'_>,
    kept: Option<KeptBodies<'_>>,
    cache: &mut Cache,
    diagnostics: &mut Diagnostics,
) -> (Vec<Arc<RenderedMarkdown>>, SectionMarkdown) {
    let MarkdownInputs {
        config,
        site,
        templates,
        fallback_urls,
        ..
    } = *inputs;
    let resolve = |path: &str| -> std::result::Result<String, Unresolved> {
        let original = fallback_urls.and_then(|urls| urls.get(path));
        match site.url_of(path) {
            Some(url) => Ok(format!("{}{url}", config.base_path)),
            // Not translated into this language: the link goes to the original.
            None if original.is_some() => Ok(original.cloned().unwrap_or_default()),
            // The file is there but could not be read: its own error is the one to fix, and
            // the build fails on it, so the link is not reported (nor published) too.
            None if site.unreadable.contains(path) => Ok("#".to_string()),
            None => Err(unresolved(site, fallback_urls, path)),
        }
    };
    let image_files = ImageFiles::new(inputs);
    // A picture's file that is not there (or cannot be read) gives nothing, as a link does.
    let no_file = || Unresolved::Missing(None);
    let lookup = |path: &str| -> std::result::Result<String, Unresolved> {
        if path == SHORTCODE_TEMPLATES {
            Ok(templates.generation().to_string())
        } else if path == SHORTCODE_DATA {
            Ok(inputs.data.version.to_string())
        } else if let Some(target) = path.strip_prefix(SHORTCODE_TARGET) {
            shortcode_target(inputs, target).map(|t| t.to_string())
        } else if let Some(source) = path.strip_prefix(IMAGE_SOURCE) {
            inputs
                .images
                .identity(std::path::Path::new(source))
                .map_err(|_| no_file())
        } else if let Some((rel, src)) = path
            .strip_prefix(IMAGE_PATH)
            .and_then(|p| p.split_once('\0'))
        {
            image_files
                .source(rel, src)
                .map(|p| p.display().to_string())
                .ok_or_else(no_file)
        } else {
            resolve(path)
        }
    };
    // Built only when a body with a shortcode is rendered: most runs of the preview server
    // render one body, and this holds every page's URL.
    let shortcode_templates = std::sync::OnceLock::new();
    let make_shortcode_templates = || {
        templates.with_data(Arc::new(crate::templates::TemplateData {
            base_path: config.base_path.clone(),
            root_path: config.root_path.clone(),
            timezone: Some(config.timezone),
            // Files that could not be read answer `get_url` too (with a link that goes nowhere:
            // the build fails on them), so their error is not repeated in every shortcode.
            urls: site
                .pages
                .iter()
                .map(|p| (p.doc.rel.clone(), format!("{}{}", config.base_path, p.url)))
                .chain(
                    site.unreadable
                        .iter()
                        .filter(|rel| !site.targets.contains_key(*rel))
                        .map(|rel| (rel.clone(), "#".to_string())),
                )
                .collect(),
            static_files: inputs.static_files.keys().cloned().collect(),
            images: Some(Arc::clone(inputs.images)),
            image_sources: crate::images::image_sources(config, site, inputs.static_files),
            language: config.language.clone(),
            data_dir: Some(config.root.join("data")),
            data_values: Some(tera::Value::from_serializable(&inputs.data.values)),
            ..Default::default()
        }))
    };
    let mut known_map = cache.markdown.remove(&config.language).unwrap_or_default();
    let known = &known_map;
    let render_one = |doc: &Document| -> Rendered {
        let key = doc.hash;
        if let Some(hit) = known
            .get(&doc.rel)
            .filter(|c| c.key == key && c.links.iter().all(|(path, was)| lookup(path) == *was))
        {
            return (None, Arc::clone(&hit.rendered), hit.problems.clone());
        }
        let links = RefCell::new(Vec::new());
        let record = |path: &str| {
            let result = lookup(path);
            links.borrow_mut().push((path.to_string(), result.clone()));
            result
        };
        let variants = RefCell::new(Vec::new());
        let shown = std::cell::Cell::new(0usize);
        // The copies of an image and its `Responsive`, or why it cannot be shown.
        let responsive = |src: &str| -> Option<
            std::result::Result<(crate::images::Responsive, bool), crate::images::Unusable>,
        > {
            // Recorded even when there is no such file, so that adding it renders again.
            let _ = record(&format!("{IMAGE_PATH}{}\0{src}", doc.rel));
            let source = image_files.source(&doc.rel, src)?;
            let _ = record(&format!("{IMAGE_SOURCE}{}", source.display()));
            let lazy = shown.replace(shown.get() + 1) > 0;
            Some(inputs.images.responsive(&source).map(|r| {
                variants.borrow_mut().extend(r.variants.iter().cloned());
                (r, lazy)
            }))
        };
        let image = |image: &markdown::ImageRef<'_>| {
            responsive(image.src)
                .map(|result| result.map(|(r, lazy)| r.html(image.alt, Some(image.title), lazy)))
        };
        let shortcode = |call: &crate::shortcodes::Call,
                         body: &str|
         -> std::result::Result<String, ShortcodeError> {
            let _ = record(SHORTCODE_TEMPLATES);
            let _ = record(SHORTCODE_DATA);
            let mut context = tera::Context::new();
            context.insert("data", &inputs.data.values);
            for (key, value) in &call.args {
                context.insert(key.clone(), value);
            }
            context.insert("body", body);
            if let Some(src) = call.args.get("src").and_then(serde_json::Value::as_str) {
                if let Some(result) = responsive(src) {
                    let (r, lazy) = result.map_err(|e| {
                        let reason = e.to_string();
                        ShortcodeError::Call(
                            crate::msg!(
                                "shortcode-image-unusable",
                                name = &call.name,
                                src = src,
                                reason = reason
                            ),
                            Some(e.hint),
                        )
                    })?;
                    context.insert("image", &r.value(lazy));
                }
            }
            if let Some(path) = call.args.get("path").and_then(serde_json::Value::as_str) {
                let page_error = |why| shortcode_page_error(&call.name, path, why);
                record(&format!("{SHORTCODE_TARGET}{path}")).map_err(page_error)?;
                let target = shortcode_target(inputs, path).map_err(page_error)?;
                context.insert("target", &target);
            }
            render_shortcode(
                shortcode_templates.get_or_init(make_shortcode_templates),
                call,
                &context,
            )
        };
        let ctx = MarkdownContext {
            path: &doc.display_path,
            body_line: doc.body_line,
            resolve: &record,
            shortcode: Some(&shortcode),
            trusted_html: config.trusted_html,
            image: Some(&image),
        };
        let (mut rendered, problems) = markdown::render(&doc.body.text(), &ctx);
        if inputs.one_off {
            // Only `potline check` looks at heading ids after this stage.
            rendered.heading_ids = Vec::new();
            doc.body.release();
        }
        rendered.images = variants.take();
        let links = links.into_inner();
        rendered.version = markdown_version(key, &links);
        let rendered = Arc::new(rendered);
        let entry = CachedMarkdown {
            key,
            links,
            rendered: Arc::clone(&rendered),
            problems: problems.clone(),
        };
        (Some(entry), rendered, problems)
    };
    let sections: Vec<_> = site
        .sections
        .values()
        .filter_map(|s| {
            s.index
                .as_ref()
                .map(|doc| (s.dir.clone(), doc.rel.clone(), render_one(doc)))
        })
        .collect();
    let (page_markdown, section_markdown) = match kept {
        Some(kept) => {
            let fresh: Vec<_> = kept
                .changed
                .par_iter()
                .map(|&i| (i, render_one(&site.pages[i].doc)))
                .collect();
            let mut page_markdown = kept.bodies.to_vec();
            for (i, (entry, rendered, _)) in fresh {
                page_markdown[i] = rendered;
                if let Some(entry) = entry {
                    known_map.insert(site.pages[i].doc.rel.clone(), entry);
                }
            }
            for page in &site.pages {
                if let Some(entry) = known_map.get(&page.doc.rel) {
                    diagnostics.extend(entry.problems.iter().cloned());
                }
            }
            let mut section_markdown = BTreeMap::new();
            for (dir, rel, (fresh, rendered, problems)) in sections {
                diagnostics.extend(problems);
                section_markdown.insert(dir, rendered);
                if let Some(entry) = fresh {
                    known_map.insert(rel, entry);
                }
            }
            (page_markdown, section_markdown)
        }
        None => {
            let pages: Vec<_> = site
                .pages
                .par_iter()
                .map(|p| (p.doc.rel.clone(), render_one(&p.doc)))
                .collect();
            let (page_markdown, section_markdown, kept_map) =
                keep_rendered(pages, sections, known_map, diagnostics);
            known_map = kept_map;
            (page_markdown, section_markdown)
        }
    };
    if !inputs.one_off {
        cache.markdown.insert(config.language.clone(), known_map);
    }
    (page_markdown, section_markdown)
}

/// A body's render: the new cache entry (None when the cached one was valid), the body and its
/// problems.
type Rendered = (
    Option<CachedMarkdown>,
    Arc<RenderedMarkdown>,
    Vec<Diagnostic>,
);

/// Collects every page's and section's render, keeping in the cache only the bodies of files
/// that still exist.
fn keep_rendered(
    pages: Vec<(String, Rendered)>,
    sections: Vec<(String, String, Rendered)>,
    mut old: std::collections::HashMap<String, CachedMarkdown>,
    diagnostics: &mut Diagnostics,
) -> (
    Vec<Arc<RenderedMarkdown>>,
    SectionMarkdown,
    std::collections::HashMap<String, CachedMarkdown>,
) {
    let mut kept = std::collections::HashMap::with_capacity(pages.len() + sections.len());
    let mut keep = |rel: String, fresh: Option<CachedMarkdown>| {
        if let Some(entry) = fresh.or_else(|| old.remove(&rel)) {
            kept.insert(rel, entry);
        }
    };
    let mut page_markdown = Vec::with_capacity(pages.len());
    for (rel, (fresh, rendered, problems)) in pages {
        diagnostics.extend(problems);
        page_markdown.push(rendered);
        keep(rel, fresh);
    }
    let mut section_markdown = BTreeMap::new();
    for (dir, rel, (fresh, rendered, problems)) in sections {
        diagnostics.extend(problems);
        section_markdown.insert(dir, rendered);
        keep(rel, fresh);
    }
    (page_markdown, section_markdown, kept)
}
