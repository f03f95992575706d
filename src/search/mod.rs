//! Site search with no server and no foreign service. Each language's build writes an index of
//! its published pages under its `search/` folder (postings files cut by term ranges, one small
//! record per page), the script that queries it in the browser (`search/search.js`,
//! embedded in potline: no Node.js, no CDN), and the search page rendered through the theme's
//! `search.html`: `/search/` for the default language, `/zh/search/` for Chinese. A theme opts in
//! by having that template. `docs/search.md` describes the format; `docs/templates.md` the hooks.

mod cache;
mod entry;
mod index;
mod text;
pub mod tokens;

use std::sync::Arc;

use serde_json::json;

pub use cache::SearchCache;
use entry::{PageText, entry_key};
use text::html_to_text;

use crate::config::Config;
use crate::content::Site;
use crate::diagnostics::Diagnostic;
use crate::markdown::RenderedMarkdown;
use crate::output::{Content, Output};
use crate::render::{Job, RenderContext};

/// The template of the search page. A theme without it gets no search outputs at all.
pub const TEMPLATE: &str = "search.html";

/// Where a language's index, script and page go, below the language's own root.
pub const FOLDER: &str = "search/";

const SCRIPT: &str = include_str!("search.js");

/// What rendering a job gives: the output (or the problem) and what the renderer keeps of it.
type Rendered<E> = (Result<Output, Diagnostic>, Option<E>);

/// The search outputs of the language being rendered, as the renderer's results (index files
/// with nothing to keep), reusing page entries from the process-wide [`SearchCache`]. Called
/// once per language by [`crate::render::render_site`], with `render` its own `run`.
pub(crate) fn outputs<E>(
    ctx: &RenderContext<'_>,
    render: &dyn Fn(Job) -> Rendered<E>,
) -> Vec<Rendered<E>> {
    outputs_with(ctx, SearchCache::shared(), render)
}

/// The search outputs of a language: its index files, the script and the search page. Nothing
/// when the templates have no [`TEMPLATE`].
pub(crate) fn outputs_with<E>(
    ctx: &RenderContext<'_>,
    cache: &SearchCache,
    render: &dyn Fn(Job) -> Rendered<E>,
) -> Vec<Rendered<E>> {
    if !ctx.templates.has(TEMPLATE) {
        return Vec::new();
    }
    let index = site_index(ctx.config, ctx.site, ctx.page_markdown, cache);
    let script = (
        FOLDER.to_string() + "search.js",
        Arc::new(SCRIPT.as_bytes().to_vec()),
    );
    let mut outputs: Vec<Rendered<E>> = index
        .files
        .into_iter()
        .map(|(name, bytes)| (format!("{FOLDER}{name}"), bytes))
        .chain([script])
        .map(|(path, bytes)| {
            let output = Output {
                path,
                content: Content::Bytes(bytes),
            };
            (Ok(output), None)
        })
        .collect();
    let twins = ctx
        .translations
        .generated_value(&format!("/{FOLDER}"), None, &ctx.config.language);
    let page = search_page(ctx.config, index.documents, twins);
    if !is_claimed(ctx, &page.url) {
        outputs.push(render(page));
    }
    outputs
}

/// Drafts (even when built with `--drafts`) and pages with `search: false` are left out.
fn is_searchable(draft: bool, fields: &serde_json::Map<String, serde_json::Value>) -> bool {
    !draft && fields.get("search") != Some(&serde_json::Value::Bool(false))
}

/// What the index is built from: one language's configuration, pages and rendered bodies.
struct Source<'a> {
    config: &'a Config,
    site: &'a Site,
    markdown: &'a [Arc<RenderedMarkdown>],
}

/// The searchable pages, as indexes into `site.pages`, in document order: undated pages by
/// path, then dated ones oldest first, so that new articles append rather than renumber the
/// documents before them.
fn documents(site: &Site) -> Vec<usize> {
    let pages = &site.pages;
    let mut docs: Vec<usize> = (0..pages.len())
        .filter(|&i| is_searchable(pages[i].draft, &pages[i].doc.fields))
        .collect();
    docs.sort_by(|&a, &b| {
        let (a, b) = (&pages[a], &pages[b]);
        a.date
            .is_some()
            .cmp(&b.date.is_some())
            .then(a.date.cmp(&b.date))
            .then_with(|| a.doc.rel.cmp(&b.doc.rel))
    });
    docs
}

/// A language's index: its files (paths relative to [`FOLDER`]) and how many pages it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexFiles {
    /// `index.json`, `t/<hash>.json`, `d/<n>.json` with their bytes.
    pub files: Vec<(String, Arc<Vec<u8>>)>,
    /// Pages in the index.
    pub documents: usize,
}

/// The index of one language's searchable pages (`page_markdown[i]` is `site.pages[i]`'s body).
/// `cache` supplies the entries of pages whose text it has seen and this site's last index,
/// and keeps the new ones.
pub fn site_index(
    config: &Config,
    site: &Site,
    page_markdown: &[Arc<RenderedMarkdown>],
    cache: &SearchCache,
) -> IndexFiles {
    let source = Source {
        config,
        site,
        markdown: page_markdown,
    };
    let documents = &documents(site);
    let keys: Vec<u64> = documents.iter().map(|&i| page_key(&source, i)).collect();
    let entries = cache.entries(&keys, &|n| page_text(&source, documents[n]));
    // Which last index to update: this site's in this language.
    let site = entry_key(&[
        &config.root.to_string_lossy(),
        &config.language,
        &config.base_path,
    ]);
    IndexFiles {
        documents: entries.len(),
        files: cache.index(site, entries),
    }
}

/// Everything [`page_text`] reads, hashed without building it: unchanged pages cost this.
fn page_key(source: &Source<'_>, i: usize) -> u64 {
    let page = &source.site.pages[i];
    let markdown = &source.markdown[i];
    let mut key = xxhash_rust::xxh3::Xxh3::new();
    let mut part = |text: &str| {
        key.update(&(text.len() as u64).to_le_bytes());
        key.update(text.as_bytes());
    };
    part(&page.title);
    part(&source.config.base_path);
    part(&page.url);
    part(section_title(source, i));
    part(&date(source, i));
    part(text::description(page, markdown));
    part(&markdown.html);
    text::each_metadata(source.config, page, &mut part);
    key.digest()
}

fn section_title<'a>(source: &'a Source<'_>, i: usize) -> &'a str {
    source
        .site
        .section_of(&source.site.pages[i])
        .map_or("", |s| s.title.as_str())
}

/// `YYYY-MM-DD` in the site's timezone, or nothing.
/// A page's date as `YYYY-MM-DD`, or only as precise as its `date_precision:` field says
/// (`year`: `1986`, `month`: `2019-05`), so that results never show a day no source gives.
fn date(source: &Source<'_>, i: usize) -> String {
    let page = &source.site.pages[i];
    let format = match page.doc.text("date_precision") {
        Some("year") => "%Y",
        Some("month") => "%Y-%m",
        _ => "%Y-%m-%d",
    };
    page.date.map_or_else(String::new, |d| {
        d.with_timezone(&source.config.timezone)
            .format(format)
            .to_string()
    })
}

/// The searchable text of page `i`, for a page whose entry is not cached.
fn page_text(source: &Source<'_>, i: usize) -> PageText {
    let page = &source.site.pages[i];
    let markdown = &source.markdown[i];
    PageText {
        title: page.title.clone(),
        url: format!("{}{}", source.config.base_path, page.url),
        section: section_title(source, i).to_string(),
        date: date(source, i),
        description: text::description(page, markdown).to_string(),
        metadata: text::metadata(source.config, page),
        body: html_to_text(&markdown.html),
    }
}

/// The job rendering the search page through [`TEMPLATE`], with `search` in its context and,
/// as `translations`, the search pages of every language (`twins`, with their key).
fn search_page(config: &Config, pages: usize, twins: (tera::Value, u64)) -> Job {
    let base = &config.base_path;
    let search = json!({
        "url": format!("{base}/{FOLDER}"),
        "script": format!("{base}/{FOLDER}search.js"),
        "index": format!("{base}/{FOLDER}index.json"),
        "lang": config.language,
        "pages": pages,
    });
    let key = xxhash_rust::xxh3::xxh3_64(search.to_string().as_bytes()) ^ twins.1;
    let values = vec![
        ("search", tera::Value::from_serializable(&search)),
        ("translations", twins.0),
    ];
    Job::at(
        format!("/{FOLDER}"),
        TEMPLATE.to_string(),
        None,
        values,
        key,
    )
}

/// A content page or section of the site, or a static file, already at the search page's URL
/// wins: potline then writes only the index and the script.
fn is_claimed(ctx: &RenderContext<'_>, url: &str) -> bool {
    ctx.site.pages.iter().any(|p| p.url == url)
        || ctx.site.sections.values().any(|s| s.url == url)
        || ctx
            .static_files
            .contains_key(&format!("{}index.html", url.trim_start_matches('/')))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drafts_and_pages_marked_search_false_are_left_out() {
        let fields = |value: serde_json::Value| value.as_object().cloned().unwrap_or_default();
        assert!(is_searchable(false, &fields(json!({"title": "a"}))));
        assert!(is_searchable(false, &fields(json!({"search": true}))));
        assert!(!is_searchable(true, &fields(json!({"title": "a"}))));
        assert!(!is_searchable(false, &fields(json!({"search": false}))));
    }

    #[test]
    fn the_script_has_no_dependencies() {
        for forbidden in ["import ", "require(", "http://", "https://", "innerHTML"] {
            assert!(
                !SCRIPT.contains(forbidden),
                "search.js contains {forbidden}"
            );
        }
    }
}
