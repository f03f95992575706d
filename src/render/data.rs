//! The views template functions look up (`get_page`, `get_section`, `get_url`), built once per
//! build: each page's view serialised once and shared by reference in every list that holds it.

use std::collections::HashMap;

use rayon::prelude::*;
use tera::Value;

use super::RenderContext;
use crate::content::Page;
use crate::markdown::RenderedMarkdown;
use crate::templates::TemplateData;
use crate::templates::views::{PageParts, PageView, SectionView};

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

pub(super) fn page_parts<'a>(
    ctx: &RenderContext<'a>,
    index: usize,
    with_content: bool,
) -> PageParts<'a> {
    let page = &ctx.site.pages[index];
    PageParts {
        config: ctx.config,
        site: ctx.site,
        page,
        markdown: &ctx.page_markdown[index],
        assets: bundle_assets(ctx, page),
        with_content,
    }
}

/// The data template functions look things up in: every page's and section's view, built once.
pub(super) fn template_data(ctx: &RenderContext<'_>) -> TemplateData {
    let site = ctx.site;
    let base = &ctx.config.base_path;
    let list_views: Vec<Value> = (0..site.pages.len())
        .into_par_iter()
        .map(|i| Value::from_serializable(&PageView::new(page_parts(ctx, i, false))))
        .collect();
    let full_views: HashMap<String, Value> = (0..site.pages.len())
        .into_par_iter()
        .map(|i| {
            let view = Value::from_serializable(&PageView::new(page_parts(ctx, i, true)));
            (site.pages[i].doc.rel.clone(), view)
        })
        .collect();
    let empty = RenderedMarkdown::default();
    let sections = site
        .sections
        .values()
        .map(|s| {
            let markdown = ctx
                .section_markdown
                .get(&s.dir)
                .map_or(&empty, |m| m.as_ref());
            let view = Value::from_serializable(&SectionView::new(ctx.config, s, markdown));
            let pages: Vec<Value> = s.pages.iter().map(|&i| list_views[i].clone()).collect();
            (
                s.index_path(),
                with_entry(&view, "pages", Value::from(pages)),
            )
        })
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
        timezone: Some(ctx.config.timezone),
        urls,
        pages: full_views,
        sections,
        static_files: ctx.static_files.keys().cloned().collect(),
        list_views,
    }
}

/// A copy of a map value with one more entry. The copy is shallow: values are shared, not cloned
/// deeply, which keeps a list of thousands of page views from being copied into every context.
pub(super) fn with_entry(map: &Value, key: &'static str, value: Value) -> Value {
    let mut entries = map.as_map().cloned().unwrap_or_default();
    entries.insert(key.into(), value);
    Value::from(entries)
}
