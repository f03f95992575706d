//! The views template functions look up (`get_page`, `get_section`, `get_url`), built once per
//! build: each page's view serialised once and shared by reference in every list that holds it.

use std::collections::HashMap;

use rayon::prelude::*;
use tera::Value;

use super::RenderContext;
use super::cache::{CachedSection, CachedView, Key, RenderCache};
use crate::content::{Page, Section};
use crate::markdown::RenderedMarkdown;
use crate::templates::TemplateData;
use crate::templates::views::{PageParts, SectionView, TermLinks, list_page_view};

fn bundle_assets(ctx: &RenderContext<'_>, page: &Page) -> Vec<String> {
    if page.bundle_dir.is_none() {
        return Vec::new();
    }
    let prefix = page.url.trim_start_matches('/');
    ctx.site
        .assets
        .iter()
        .filter(|a| a.output.starts_with(prefix) && !a.output[prefix.len()..].contains('/'))
        .map(|a| format!("{}/{}", ctx.config.base_path, a.output))
        .collect()
}

fn page_parts<'a>(ctx: &RenderContext<'a>, index: usize, assets: Vec<String>) -> PageParts<'a> {
    PageParts {
        config: ctx.config,
        site: ctx.site,
        page: &ctx.site.pages[index],
        markdown: &ctx.page_markdown[index],
        assets,
        shares: ctx.shares,
    }
}

/// The version of a page's views: everything they are made from.
fn page_version(ctx: &RenderContext<'_>, index: usize, assets: &[String]) -> u64 {
    let site = ctx.site;
    let page = &site.pages[index];
    let (earlier, later) = crate::templates::views::neighbour_indexes(site, page);
    let neighbour = |i: Option<usize>| {
        i.map_or(Key::new(), |i| {
            Key::new()
                .text(&site.pages[i].title)
                .text(&site.pages[i].url)
        })
        .finish()
    };
    Key::new()
        .number(page.doc.hash)
        .number(ctx.page_markdown[index].version)
        .text(&page.url)
        .text(
            &site
                .section_of(page)
                .map(Section::index_path)
                .unwrap_or_default(),
        )
        .number(neighbour(earlier))
        .number(neighbour(later))
        .numbers(assets.iter().map(|a| Key::new().text(a).finish()))
        .number(ctx.translations.version_of(&page.doc.rel))
        .numbers(
            ctx.shares
                .page_urls(ctx.config, page)
                .map(|url| Key::new().text(&url).finish()),
        )
        .finish()
}

/// A page's version and its list view, from the cache when the version is unchanged. Its own
/// template gets this view extended ([`own_page_view`]) when it runs.
fn page_view(
    ctx: &RenderContext<'_>,
    known: &HashMap<String, CachedView>,
    terms: &TermLinks,
    index: usize,
) -> CachedView {
    let page = &ctx.site.pages[index];
    let assets = bundle_assets(ctx, page);
    let version = page_version(ctx, index, &assets);
    if let Some(hit) = known.get(&page.doc.rel).filter(|c| c.version == version) {
        return CachedView {
            version,
            view: hit.view.clone(),
        };
    }
    CachedView {
        version,
        view: list_page_view(page_parts(ctx, index, assets), terms),
    }
}

/// A page's own view (`page` in its template), from its list view.
pub(super) fn own_page_view(ctx: &RenderContext<'_>, index: usize, list: &Value) -> Value {
    let page = &ctx.site.pages[index];
    let translations = ctx.translations.links(&page.doc.rel, &ctx.config.language);
    crate::templates::views::own_page_view(list, &page_parts(ctx, index, Vec::new()), translations)
}

/// Brings the data of the last render up to date when only the pages at `changed` (indexes
/// into the site's pages) changed, and only in their bodies: their views, and the views of the
/// sections that list them. Returns the source paths of the sections whose views changed.
pub(super) fn update_pages(
    ctx: &RenderContext<'_>,
    cache: &mut RenderCache,
    data: &mut TemplateData,
    changed: &[usize],
) -> Vec<String> {
    // What each run makes anew: the stylesheets asked for, the image pipeline, theme strings.
    data.fingerprints = Some(std::sync::Arc::clone(ctx.assets));
    data.images = Some(std::sync::Arc::clone(ctx.images));
    data.strings = ctx.strings.clone();
    let terms = TermLinks::of(ctx.config, changed.iter().map(|&i| &ctx.site.pages[i]));
    for &index in changed {
        let fresh = page_view(ctx, &cache.views, &terms, index);
        let rel = &ctx.site.pages[index].doc.rel;
        data.pages.insert(rel.clone(), fresh.view.clone());
        data.page_versions.insert(rel.clone(), fresh.version);
        data.list_views[index] = fresh.view.clone();
        data.list_versions[index] = fresh.version;
        cache.views.insert(rel.clone(), fresh);
    }
    section_views(ctx, cache, &data.list_views, &data.list_versions);
    let mut changed_sections = Vec::new();
    for (path, section) in &cache.sections {
        if data.section_versions.get(path) != Some(&section.version) {
            changed_sections.push(path.clone());
        }
        data.sections.insert(path.clone(), section.full.clone());
        data.section_versions.insert(path.clone(), section.version);
    }
    changed_sections
}

/// Every page's version and view, reused from the cache when the page's version is unchanged.
fn page_views(ctx: &RenderContext<'_>, cache: &mut RenderCache) -> (Vec<u64>, Vec<Value>) {
    let known = &cache.views;
    let terms = TermLinks::of(ctx.config, &ctx.site.pages);
    let views: Vec<CachedView> = (0..ctx.site.pages.len())
        .into_par_iter()
        .map(|i| page_view(ctx, known, &terms, i))
        .collect();
    let versions = views.iter().map(|v| v.version).collect();
    let values = views.iter().map(|v| v.view.clone()).collect();
    cache.views = ctx
        .site
        .pages
        .iter()
        .map(|page| page.doc.rel.clone())
        .zip(views)
        .collect();
    (versions, values)
}

/// Every section's views, without and with its pages, reused when unchanged.
fn section_views(
    ctx: &RenderContext<'_>,
    cache: &mut RenderCache,
    list_views: &[Value],
    list_versions: &[u64],
) {
    let empty = RenderedMarkdown::default();
    let mut kept = HashMap::with_capacity(ctx.site.sections.len());
    for section in ctx.site.sections.values() {
        let path = section.index_path();
        let markdown = ctx
            .section_markdown
            .get(&section.dir)
            .map_or(&empty, |m| m.as_ref());
        let bare_version = Key::new()
            .number(section.index.as_ref().map_or(0, |d| d.hash))
            .number(markdown.version)
            .text(&section.url)
            .text(&section.title)
            .number(ctx.shares.site_version())
            .numbers(
                section
                    .subsections
                    .iter()
                    .map(|s| Key::new().text(s).finish()),
            )
            .finish();
        let version = Key::new()
            .number(bare_version)
            .numbers(section.pages.iter().map(|&i| list_versions[i]))
            .finish();
        let entry = match cache.sections.remove(&path) {
            Some(hit) if hit.version == version => hit,
            Some(hit) if hit.bare_version == bare_version => CachedSection {
                version,
                full: with_pages(&hit.bare, section, list_views),
                ..hit
            },
            _ => {
                let bare = Value::from_serializable(&SectionView::new(
                    ctx.config,
                    section,
                    markdown,
                    ctx.shares,
                    ctx.translations.links(&path, &ctx.config.language),
                ));
                CachedSection {
                    version,
                    bare_version,
                    full: with_pages(&bare, section, list_views),
                    bare,
                }
            }
        };
        kept.insert(path, entry);
    }
    cache.sections = kept;
}

fn with_pages(bare: &Value, section: &Section, list_views: &[Value]) -> Value {
    let pages: Vec<Value> = section
        .pages
        .iter()
        .map(|&i| list_views[i].clone())
        .collect();
    with_entry(bare, "pages", Value::from(pages))
}

/// The data template functions look things up in: every page's and section's view.
pub(super) fn template_data(ctx: &RenderContext<'_>, cache: &mut RenderCache) -> TemplateData {
    let site = ctx.site;
    let base = &ctx.config.base_path;
    let (list_versions, list_views) = page_views(ctx, cache);
    section_views(ctx, cache, &list_views, &list_versions);
    let pages = site
        .pages
        .iter()
        .zip(&list_views)
        .map(|(p, v)| (p.doc.rel.clone(), v.clone()))
        .collect();
    let page_versions = site
        .pages
        .iter()
        .zip(&list_versions)
        .map(|(p, v)| (p.doc.rel.clone(), *v))
        .collect();
    let sections = cache
        .sections
        .iter()
        .map(|(path, c)| (path.clone(), c.full.clone()))
        .collect();
    let section_versions = cache
        .sections
        .iter()
        .map(|(path, c)| (path.clone(), c.version))
        .collect();
    let mut urls: HashMap<String, String> = site
        .pages
        .iter()
        .map(|p| (p.doc.rel.clone(), format!("{base}{}", p.url)))
        .collect();
    urls.extend(
        site.sections
            .values()
            .map(|s| (s.index_path(), format!("{base}{}", s.url))),
    );
    TemplateData {
        base_path: base.clone(),
        root_path: ctx.config.root_path.clone(),
        timezone: Some(ctx.config.timezone),
        urls,
        pages,
        sections,
        static_files: ctx.static_files.keys().cloned().collect(),
        list_views,
        list_versions,
        page_versions,
        section_versions,
        language: ctx.config.language.clone(),
        strings: ctx.strings.clone(),
        fingerprints: Some(std::sync::Arc::clone(ctx.assets)),
        images: Some(std::sync::Arc::clone(ctx.images)),
        image_sources: crate::images::image_sources(ctx.config, site, ctx.static_files),
        data_dir: Some(ctx.config.root.join("data")),
        data_values: Some(Value::from_serializable(&ctx.data.values)),
    }
}

/// A section's view without its pages, and that view's version (what page templates get).
pub(super) fn bare_section(cache: &RenderCache, path: &str) -> Option<(Value, u64)> {
    cache
        .sections
        .get(path)
        .map(|c| (c.bare.clone(), c.bare_version))
}

/// A copy of a map value with one more entry. The copy is shallow: values are shared, not cloned
/// deeply, which keeps a list of thousands of page views from being copied into every context.
pub(super) fn with_entry(map: &Value, key: &'static str, value: Value) -> Value {
    let mut entries = map.as_map().cloned().unwrap_or_default();
    entries.insert(key.into(), value);
    Value::from(entries)
}
