//! From the indexed site, its rendered Markdown and the templates to the list of output files:
//! every page, section and the home page through their templates (in parallel), paginated lists,
//! taxonomy pages, feeds and the sitemap, the 404 page, static files and the files beside pages.

mod cache;
mod data;
mod feed_anchors;
mod feeds;
mod lists;
mod redirects;
mod translations;

pub(crate) use cache::Key;
pub use cache::RenderCache;
pub use translations::{TranslationLink, Translations};

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;
use tera::{Context, Value};

use crate::config::Config;
use crate::content::Site;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::markdown::RenderedMarkdown;
use crate::output::{Content, Output};
use crate::templates::views::{ConfigView, MenuItemView, permalink};
use crate::templates::{Dependency, TemplateData, Templates, recording_lookups};

use cache::CachedOutput;

/// Everything rendering reads; nothing in it changes while pages render.
pub struct RenderContext<'a> {
    /// The configuration.
    pub config: &'a Config,
    /// The indexed site.
    pub site: &'a Site,
    /// Rendered bodies, one per `site.pages` entry.
    pub page_markdown: &'a [Arc<RenderedMarkdown>],
    /// Rendered section texts, by section folder.
    pub section_markdown: &'a BTreeMap<String, Arc<RenderedMarkdown>>,
    /// Compiled templates.
    pub templates: &'a Templates,
    /// Static files by output path.
    pub static_files: &'a BTreeMap<String, PathBuf>,
    /// The site's data files (`data` in templates).
    pub data: &'a crate::data::DataFiles,
    /// Theme strings of this language (`t(key=...)` in templates), if the theme has any.
    pub strings: Option<crate::templates::LanguageStrings>,
    /// Which pages exist in which languages.
    pub translations: &'a Translations,
    /// The default language writes the static files and `robots.txt`; the others live under
    /// `/<code>/`.
    pub is_default_language: bool,
    /// When only these pages (indexes into `site.pages`) changed since the last render, and
    /// only in their bodies: the last render's outputs are kept and only what shows them is
    /// looked at again. None: look at everything.
    pub changed_pages: Option<&'a [usize]>,
    /// Static CSS and JS as published, with their fingerprinted names.
    pub assets: &'a Arc<crate::assets::Fingerprints>,
    /// The image pipeline (`resize_image`).
    pub images: &'a Arc<crate::images::Images>,
    /// The copies sharing tags and JSON-LD name instead of the site's pictures.
    pub shares: &'a crate::images::ShareImages,
    /// Where pages go as soon as they are rendered (`potline build`), minified or not; None:
    /// they are kept in memory (the preview serves them from there, and keeps them to reuse).
    pub publication: Option<Streaming<'a>>,
    /// A preview (`potline serve`): drafts and scheduled pages carry a notice
    /// ([`crate::drafts`]).
    pub preview: bool,
}

/// Pages handed to a publication as they are rendered, rather than kept until the end.
#[derive(Clone, Copy)]
pub struct Streaming<'a> {
    /// Takes the pages.
    pub publication: &'a crate::output::Publication,
    /// Minify each page first.
    pub minify: bool,
}

/// The menus with their targets resolved, before marking the active item per page.
struct ResolvedMenus(Vec<(String, Vec<MenuItemView>)>);

impl ResolvedMenus {
    /// Changes when any menu item's label or target changes.
    fn version(&self) -> u64 {
        let mut key = Key::new();
        for (name, items) in &self.0 {
            key = key.text(name);
            for item in items {
                key = key.text(&item.name).text(&item.url);
            }
        }
        key.finish()
    }

    fn for_url(&self, current: &str, home: &str) -> Value {
        let mut menus = tera::Map::new();
        for (name, items) in &self.0 {
            let items: Vec<MenuItemView> = items
                .iter()
                .map(|item| MenuItemView {
                    active: item.url == current
                        || (item.url != home
                            && current.starts_with(&item.url)
                            && item.url.ends_with('/')),
                    ..item.clone()
                })
                .collect();
            menus.insert(name.clone().into(), Value::from_serializable(&items));
        }
        Value::from(menus)
    }
}

/// What running a job gives: the output (or its problem) and, when it was rendered rather than
/// reused, what the cache keeps of it.
type RunResult = (Result<Output, Diagnostic>, Option<CachedOutput>);

/// One output to render through a template.
pub(super) struct Job {
    /// Output path: `news/foo/index.html`.
    pub path: String,
    /// Site-relative URL of the page: `/news/foo/`.
    pub url: String,
    /// The template.
    pub template: String,
    /// The file named in error messages.
    pub source: Option<PathBuf>,
    /// Context entries beyond the common ones (`page`, `section`, `paginator`, ...).
    pub values: Vec<(&'static str, Value)>,
    /// The version of `values`: equal keys, equal values.
    pub key: u64,
    /// For a page's own output, the page (its index in the site's pages): `page` in `values`
    /// is its list view, extended into its own view only when the job runs.
    pub own_page: Option<usize>,
}

impl Job {
    /// A job for the page at `url` (written as `<url>index.html`).
    pub fn at(
        url: String,
        template: String,
        source: Option<PathBuf>,
        values: Vec<(&'static str, Value)>,
        key: u64,
    ) -> Job {
        Job {
            path: format!("{}index.html", url.trim_start_matches('/')),
            url,
            template,
            source,
            values,
            key,
            own_page: None,
        }
    }
}

/// Renders the whole site to outputs, or returns every problem found. `cache` keeps views and
/// outputs between builds of one builder; a fresh cache renders everything. When the context
/// names the only pages that changed ([`RenderContext::changed_pages`]), the outputs of the last
/// render are kept and only what can show those pages is looked at again.
pub fn render_site(
    ctx: &RenderContext<'_>,
    cache: &mut RenderCache,
) -> Result<Vec<Output>, Diagnostics> {
    if let (Some(changed), Some(last)) = (ctx.changed_pages, cache.last.take()) {
        if let Some(result) = render_changed(ctx, cache, last, changed) {
            return result;
        }
    }
    render_everything(ctx, cache)
}

/// The version of what every output shares: templates, menus and data files.
fn context_key(ctx: &RenderContext<'_>, menus: &ResolvedMenus) -> u64 {
    Key::new()
        .number(ctx.templates.generation())
        .number(menus.version())
        .number(ctx.data.version)
        .number(ctx.shares.site_version())
        .finish()
}

/// Every job of a language: its pages (in the order of the site's pages, so that page `i` is job
/// `i`), then each section's list pages, then the taxonomies' pages and the 404 page.
struct JobList {
    jobs: Vec<Job>,
    /// The jobs of each section, by folder.
    section_ranges: HashMap<String, Range<usize>>,
    /// The jobs of each taxonomy term, by taxonomy and term number.
    term_ranges: HashMap<(usize, usize), Range<usize>>,
    /// The 404 page's job.
    not_found: usize,
}

fn all_jobs(ctx: &RenderContext<'_>, cache: &RenderCache, data: &TemplateData) -> JobList {
    let mut jobs = page_jobs(ctx, cache);
    let mut section_ranges = HashMap::with_capacity(ctx.site.sections.len());
    for section in ctx.site.sections.values() {
        let start = jobs.len();
        let bare = data::bare_section(cache, &section.index_path());
        jobs.extend(lists::section_jobs(ctx, data, section, bare));
        section_ranges.insert(section.dir.clone(), start..jobs.len());
    }
    let mut term_ranges = HashMap::new();
    lists::taxonomy_jobs(ctx, data, &mut jobs, &mut term_ranges);
    let not_found = jobs.len();
    jobs.push(not_found_job(ctx, data));
    JobList {
        jobs,
        section_ranges,
        term_ranges,
        not_found,
    }
}

/// What the output paths of this language start with: nothing for the default language,
/// `<code>/` for another (its outputs live under `/<code>/`).
fn language_prefix(ctx: &RenderContext<'_>) -> String {
    if ctx.is_default_language {
        String::new()
    } else {
        format!("{}/", ctx.config.language)
    }
}

/// Outputs of another language live under `/<code>/`.
fn add_language_prefix(ctx: &RenderContext<'_>, outputs: &mut [Output]) {
    let prefix = language_prefix(ctx);
    if !prefix.is_empty() {
        for output in outputs {
            output.path.insert_str(0, &prefix);
        }
    }
}

/// The renderer's results as outputs: problems go to `problems`, new cache entries to `kept`
/// (and a reused output keeps its entry from `old`, moved rather than copied).
fn collect_results(
    results: Vec<RunResult>,
    old: &mut HashMap<String, CachedOutput>,
    kept: &mut HashMap<String, CachedOutput>,
    problems: &mut Diagnostics,
) -> Vec<Output> {
    let mut outputs = Vec::with_capacity(results.len());
    for (result, entry) in results {
        match result {
            Ok(output) => {
                if let Some(entry) = entry.or_else(|| old.remove(&output.path)) {
                    kept.insert(output.path.clone(), entry);
                }
                outputs.push(output);
            }
            Err(diagnostic) => problems.push(diagnostic),
        }
    }
    outputs
}

/// Feeds, the sitemap, redirects and (in the default language) `robots.txt`; the feeds first.
fn feed_outputs(ctx: &RenderContext<'_>) -> Vec<Output> {
    let mut outputs = feeds::feed_outputs(ctx);
    add_language_prefix(ctx, &mut outputs);
    outputs
}

/// What only the index decides: the sitemap, redirects and `robots.txt`.
fn index_outputs(ctx: &RenderContext<'_>) -> Vec<Output> {
    let mut outputs = feeds::sitemaps(ctx);
    outputs.extend(redirects::redirect_outputs(ctx));
    if ctx.is_default_language {
        outputs.extend(feeds::robots(ctx));
    }
    add_language_prefix(ctx, &mut outputs);
    outputs
}

/// Puts the parts of a language's outputs together, with the host files (`_headers`, ...) of
/// the default language at the end.
fn assemble(ctx: &RenderContext<'_>, parts: &[&[Output]]) -> Vec<Output> {
    let mut outputs: Vec<Output> = Vec::with_capacity(parts.iter().map(|p| p.len()).sum());
    for part in parts {
        outputs.extend_from_slice(part);
    }
    if ctx.is_default_language {
        outputs.extend(ctx.assets.outputs());
        let host = crate::deploy::host_files::host_files(ctx.config, &outputs);
        outputs.extend(host);
    }
    outputs
}

fn render_everything(
    ctx: &RenderContext<'_>,
    cache: &mut RenderCache,
) -> Result<Vec<Output>, Diagnostics> {
    cache.last = None;
    let mut problems = Diagnostics::new();
    let menus = resolve_menus(ctx, &mut problems);
    let data = Arc::new(data::template_data(ctx, cache));
    let templates = ctx.templates.with_data(Arc::clone(&data));
    let list = all_jobs(ctx, cache, &data);
    let renderer = Renderer::new(
        ctx,
        &templates,
        &data,
        &menus,
        context_key(ctx, &menus),
        &cache.outputs,
    );
    let results: Vec<RunResult> = list.jobs.par_iter().map(|job| renderer.run(job)).collect();
    let search = crate::search::outputs(ctx, &|job| renderer.run(&job));
    let key = renderer.context_key;
    let mut old = std::mem::take(&mut cache.outputs);
    let mut kept = HashMap::with_capacity(results.len() + search.len());
    let mut job_outputs = collect_results(results, &mut old, &mut kept, &mut problems);
    let mut search_outputs = collect_results(search, &mut old, &mut kept, &mut problems);
    cache.outputs = kept;
    add_language_prefix(ctx, &mut job_outputs);
    add_language_prefix(ctx, &mut search_outputs);
    let feed_outputs = feed_outputs(ctx);
    let index_outputs = index_outputs(ctx);
    let copied = copied_files(ctx);
    if problems.has_errors() {
        return Err(problems);
    }
    let outputs = assemble(
        ctx,
        &[
            &job_outputs,
            &search_outputs,
            &feed_outputs,
            &index_outputs,
            &copied,
        ],
    );
    // A streamed render is a one-off build: nothing is kept for a next run.
    if job_outputs.len() == list.jobs.len() && ctx.publication.is_none() {
        let job_index = list
            .jobs
            .iter()
            .enumerate()
            .map(|(i, job)| (job.path.clone(), i))
            .collect();
        cache.last = Some(LastRender {
            context_key: key,
            data,
            list,
            job_index,
            job_outputs,
            search_paths: search_outputs.into_iter().map(|o| o.path).collect(),
            index_outputs,
            copied,
        });
    }
    Ok(outputs)
}

/// What the last render of a language made, for the next run that changes only some bodies.
pub(super) struct LastRender {
    context_key: u64,
    data: Arc<TemplateData>,
    list: JobList,
    /// Job number by output path.
    job_index: HashMap<String, usize>,
    /// One output per job, in the order of the jobs.
    job_outputs: Vec<Output>,
    /// The search outputs' paths (without the language prefix).
    search_paths: Vec<String>,
    index_outputs: Vec<Output>,
    copied: Vec<Output>,
}

/// Renders again only what can show the pages at `changed`, whose bodies (and nothing else)
/// changed: their own outputs, their sections' and taxonomies' lists, and every output whose
/// templates looked them (or those sections) up. None when the last render cannot be reused.
fn render_changed(
    ctx: &RenderContext<'_>,
    cache: &mut RenderCache,
    mut last: LastRender,
    changed: &[usize],
) -> Option<Result<Vec<Output>, Diagnostics>> {
    let mut problems = Diagnostics::new();
    let menus = resolve_menus(ctx, &mut problems);
    if context_key(ctx, &menus) != last.context_key || problems.has_errors() {
        return None;
    }
    let changed_sections = data::update_pages(ctx, cache, Arc::make_mut(&mut last.data), changed);
    let changed_paths: Vec<&str> = changed
        .iter()
        .map(|&i| ctx.site.pages[i].doc.rel.as_str())
        .chain(changed_sections.iter().map(String::as_str))
        .collect();
    let data = Arc::clone(&last.data);
    let mut to_run: std::collections::BTreeSet<usize> = changed.iter().copied().collect();
    for &index in changed {
        let page = &ctx.site.pages[index];
        last.list.jobs[index] = page_job(ctx, cache, index, page);
        let section = ctx.site.section_of(page)?;
        let range = last.list.section_ranges.get(&section.dir)?.clone();
        let bare = data::bare_section(cache, &section.index_path());
        let jobs = lists::section_jobs(ctx, &data, section, bare);
        if jobs.len() != range.len() {
            return None;
        }
        last.list.jobs.splice(range.clone(), jobs);
        to_run.extend(range);
    }
    for (t, taxonomy) in ctx.site.taxonomies.iter().enumerate() {
        let mut view = None;
        for (n, term) in taxonomy.terms.iter().enumerate() {
            if !term.pages.iter().any(|p| changed.contains(p)) {
                continue;
            }
            let (value, version) =
                view.get_or_insert_with(|| lists::taxonomy_view(&ctx.config.base_path, taxonomy));
            let jobs = lists::term_jobs(ctx, &data, t, n, (&*value, *version));
            let range = last.list.term_ranges.get(&(t, n))?.clone();
            if jobs.len() != range.len() {
                return None;
            }
            last.list.jobs.splice(range.clone(), jobs);
            to_run.extend(range);
        }
    }
    last.list.jobs[last.list.not_found] = not_found_job(ctx, &data);
    to_run.insert(last.list.not_found);
    // Outputs whose templates looked up a page or section whose view is no longer the same
    // (only the changed pages' and their sections' views can be; URLs are all the same).
    for (path, entry) in &cache.outputs {
        let stale = entry.lookups.iter().any(|d| match d {
            Dependency::Page(looked_up, _) | Dependency::Section(looked_up, _) => {
                changed_paths.contains(&looked_up.as_str()) && !data.still_gives(d)
            }
            Dependency::Url(..) => false,
        });
        if let Some(&index) = last.job_index.get(path).filter(|_| stale) {
            to_run.insert(index);
        }
    }
    request_kept_files(&cache.outputs, &last.list.jobs, &to_run, &data);
    let templates = ctx.templates.with_data(Arc::clone(&data));
    let renderer = Renderer::new(
        ctx,
        &templates,
        &data,
        &menus,
        last.context_key,
        &cache.outputs,
    );
    let to_run: Vec<usize> = to_run.into_iter().collect();
    let results: Vec<(usize, RunResult)> = to_run
        .par_iter()
        .map(|&i| (i, renderer.run(&last.list.jobs[i])))
        .collect();
    let search = crate::search::outputs(ctx, &|job| renderer.run(&job));
    let mut updates = Vec::with_capacity(results.len());
    for (index, (result, entry)) in results {
        match result {
            Ok(mut output) => {
                if let Some(entry) = entry {
                    cache.outputs.insert(output.path.clone(), entry);
                }
                add_language_prefix(ctx, std::slice::from_mut(&mut output));
                updates.push((index, output));
            }
            Err(diagnostic) => problems.push(diagnostic),
        }
    }
    let mut no_old = HashMap::new();
    let mut search_entries = HashMap::new();
    let mut search_outputs =
        collect_results(search, &mut no_old, &mut search_entries, &mut problems);
    if problems.has_errors() {
        // The kept outputs are left as they were: the next run renders everything.
        return Some(Err(problems));
    }
    for (index, output) in updates {
        last.job_outputs[index] = output;
    }
    for old in &last.search_paths {
        if !search_outputs.iter().any(|o| &o.path == old) {
            cache.outputs.remove(old);
        }
    }
    cache.outputs.extend(search_entries);
    last.search_paths = search_outputs.iter().map(|o| o.path.clone()).collect();
    add_language_prefix(ctx, &mut search_outputs);
    let feed_outputs = feed_outputs(ctx);
    let outputs = assemble(
        ctx,
        &[
            &last.job_outputs,
            &search_outputs,
            &feed_outputs,
            &last.index_outputs,
            &last.copied,
        ],
    );
    cache.last = Some(last);
    Some(Ok(outputs))
}

/// Asks again for the files that the outputs kept without a look (jobs not in `to_run`) had
/// asked for (`resize_image`, a fingerprinted `asset_url`): answering such a call is what asks
/// for the file in this build, so pages that are not rendered again keep their pictures and
/// stylesheets.
fn request_kept_files(
    known: &HashMap<String, CachedOutput>,
    jobs: &[Job],
    to_run: &std::collections::BTreeSet<usize>,
    data: &TemplateData,
) {
    let looked_at: std::collections::HashSet<&str> =
        to_run.iter().map(|&i| jobs[i].path.as_str()).collect();
    let mut asked = std::collections::HashSet::new();
    for (path, entry) in known {
        if looked_at.contains(path.as_str()) {
            continue;
        }
        for lookup in &entry.lookups {
            if let Dependency::Url(call, _) = lookup {
                if (call.starts_with("image:") || call.starts_with("fingerprint:"))
                    && asked.insert(call.as_str())
                {
                    data.url_result_hash(call);
                }
            }
        }
    }
}

fn page_jobs(ctx: &RenderContext<'_>, cache: &RenderCache) -> Vec<Job> {
    ctx.site
        .pages
        .iter()
        .enumerate()
        .map(|(index, page)| page_job(ctx, cache, index, page))
        .collect()
}

fn page_job(
    ctx: &RenderContext<'_>,
    cache: &RenderCache,
    index: usize,
    page: &crate::content::Page,
) -> Job {
    let mut values = Vec::with_capacity(2);
    let view = cache.views.get(&page.doc.rel);
    let mut key = Key::new().number(view.map_or(0, |v| v.version));
    if let Some(view) = view {
        values.push(("page", view.view.clone()));
    }
    // Page templates get their section without its pages (get_section gives those), so that
    // editing one page does not change what every sibling page is rendered from.
    if let Some((bare, version)) = ctx
        .site
        .section_of(page)
        .and_then(|s| data::bare_section(cache, &s.index_path()))
    {
        values.push(("section", bare));
        key = key.number(version);
    }
    if let Some(notice) = preview_notice(ctx, page) {
        key = key.text(&notice.html);
        values.push(("preview_notice", Value::from_serializable(&notice)));
    }
    let template = match &page.template {
        Some(name) => name.clone(),
        None if ctx.templates.has(&format!("{}.html", page.kind)) => format!("{}.html", page.kind),
        None => "page.html".to_string(),
    };
    Job {
        own_page: Some(index),
        ..Job::at(
            page.url.clone(),
            template,
            Some(page.doc.display_path.clone()),
            values,
            key.finish(),
        )
    }
}

/// The notice a preview shows on a draft or scheduled page (never in `potline build`).
fn preview_notice(
    ctx: &RenderContext<'_>,
    page: &crate::content::Page,
) -> Option<crate::drafts::Notice> {
    ctx.preview
        .then(|| crate::drafts::notice(page, ctx.config, chrono::Utc::now()))
        .flatten()
}

fn not_found_job(ctx: &RenderContext<'_>, data: &TemplateData) -> Job {
    let home = data.sections.get("_index.md").cloned();
    let (twins, twins_key) =
        ctx.translations
            .generated_value("/404.html", None, &ctx.config.language);
    let key = Key::new()
        .number(data.section_versions.get("_index.md").copied().unwrap_or(0))
        .number(twins_key)
        .finish();
    let mut values: Vec<(&'static str, Value)> =
        home.map(|h| vec![("section", h)]).unwrap_or_default();
    values.push(("translations", twins));
    Job {
        path: "404.html".into(),
        url: "/404.html".into(),
        template: "404.html".into(),
        source: None,
        values,
        key,
        own_page: None,
    }
}

/// A menu item whose `@/` target is no published page: the page meant, when one is close.
fn menu_target_missing(
    ctx: &RenderContext<'_>,
    item: &crate::config::MenuItem,
    path: &str,
) -> Diagnostic {
    let targets: Vec<&str> = ctx.site.targets.keys().map(String::as_str).collect();
    let closest = crate::site_paths::closest_content_path(path, &targets);
    Diagnostic::error(
        crate::config::CONFIG_FILE,
        item.line,
        1,
        crate::msg!(
            "menu-target-missing",
            name = &item.name,
            target = &item.target
        ),
    )
    .with_optional_hint(
        closest.map(|c| crate::msg!("suggest-did-you-mean", name = format!("@/{c}"))),
    )
}

fn resolve_menus(ctx: &RenderContext<'_>, problems: &mut Diagnostics) -> ResolvedMenus {
    let base = &ctx.config.base_path;
    let menus = ctx
        .config
        .menus
        .iter()
        .map(|(name, items)| {
            let items = items
                .iter()
                .map(|item| {
                    let url = match item.target.strip_prefix("@/") {
                        Some(path) => ctx
                            .site
                            .url_of(path)
                            .map(|u| format!("{base}{u}"))
                            .unwrap_or_else(|| {
                                problems.push(menu_target_missing(ctx, item, path));
                                String::new()
                            }),
                        None if item.target.starts_with('/') => format!("{base}{}", item.target),
                        None => item.target.clone(),
                    };
                    MenuItemView {
                        name: item.name.clone(),
                        url,
                        active: false,
                    }
                })
                .collect();
            (name.clone(), items)
        })
        .collect();
    ResolvedMenus(menus)
}

struct Renderer<'a> {
    ctx: &'a RenderContext<'a>,
    templates: &'a Templates,
    data: &'a TemplateData,
    menus: &'a ResolvedMenus,
    config_value: Value,
    data_value: Value,
    /// The version of what every output shares: templates and menus.
    context_key: u64,
    /// What each `get_url`/`asset_url`/`resize_image` call of the last build gives now, computed
    /// once, when an output that made it could be reused (answering some calls asks for a file
    /// to be published, which only an output that is kept should do).
    url_results: std::sync::Mutex<HashMap<String, u64>>,
    known: &'a HashMap<String, CachedOutput>,
}

impl<'a> Renderer<'a> {
    fn new(
        ctx: &'a RenderContext<'a>,
        templates: &'a Templates,
        data: &'a TemplateData,
        menus: &'a ResolvedMenus,
        context_key: u64,
        known: &'a HashMap<String, CachedOutput>,
    ) -> Self {
        Renderer {
            ctx,
            templates,
            data,
            menus,
            config_value: Value::from_serializable(&ConfigView::new(ctx.config)),
            data_value: data
                .data_values
                .clone()
                .unwrap_or_else(|| Value::from_serializable(&ctx.data.values)),
            context_key,
            url_results: std::sync::Mutex::default(),
            known,
        }
    }

    /// What a `get_url`-like call gives now (its hash), computed once per build.
    fn url_result(&self, call: &str) -> u64 {
        let known = self
            .url_results
            .lock()
            .ok()
            .and_then(|results| results.get(call).copied());
        known.unwrap_or_else(|| {
            let hash = self.data.url_result_hash(call);
            if let Ok(mut results) = self.url_results.lock() {
                results.insert(call.to_string(), hash);
            }
            hash
        })
    }

    fn base_context(&self, url: &str) -> Context {
        let base = &self.ctx.config.base_path;
        let mut context = Context::new();
        context.insert_value("config", self.config_value.clone());
        context.insert_value("data", self.data_value.clone());
        context.insert_value(
            "menus",
            self.menus
                .for_url(&format!("{base}{url}"), &format!("{base}/")),
        );
        context.insert("current_url", &format!("{base}{url}"));
        context.insert("permalink", &permalink(self.ctx.config, url));
        context.insert("lang", &self.ctx.config.language);
        if self.ctx.config.feeds.is_some() {
            context.insert("feeds", &serde_json::json!({ "rss": format!("{base}/rss.xml"), "atom": format!("{base}/atom.xml") }));
        }
        context
    }

    /// `seo` in templates: what the head's meta, OpenGraph and Twitter tags and JSON-LD need,
    /// taken from the page, term, taxonomy or section the output shows.
    fn seo(&self, values: &[(&'static str, Value)]) -> serde_json::Value {
        let config = self.ctx.config;
        let value = |name: &str| values.iter().find(|(k, _)| *k == name).map(|(_, v)| v);
        let attr = |v: Option<&Value>, name: &str| -> Option<String> {
            let map = v?.as_map()?;
            let found = map
                .iter()
                .find(|(k, _)| k.as_str() == Some(name))
                .map(|(_, v)| v)?;
            found.as_str().map(str::to_string).filter(|s| !s.is_empty())
        };
        let page = value("page");
        let subject = page
            .or(value("term"))
            .or(value("taxonomy"))
            .or(value("section"));
        let title = attr(subject, "title")
            .or_else(|| attr(subject, "name"))
            .unwrap_or_else(|| config.title.clone());
        let description = attr(page, "description")
            .or_else(|| attr(value("section"), "description"))
            .unwrap_or_else(|| config.description.clone());
        let brand = config
            .extra
            .get("brand_image")
            .and_then(serde_json::Value::as_str)
            .map(|p| self.ctx.shares.url(config, "/", p));
        let image = attr(page, "image").or(brand);
        let size = image.as_deref().and_then(|url| self.ctx.shares.size(url));
        let json_ld = attr(page, "json_ld").or_else(|| {
            if page.is_none() {
                attr(value("section"), "json_ld")
            } else {
                None
            }
        });
        let locale = match config.language.as_str() {
            "en" => "en_US".to_string(),
            code if code.starts_with("zh") => "zh_CN".to_string(),
            code => code.replace('-', "_"),
        };
        serde_json::json!({
            "locale": locale,
            "title": title,
            "description": description,
            "type": if attr(page, "date").is_some() { "article" } else { "website" },
            "image": image,
            "image_width": size.map(|(width, _)| width),
            "image_height": size.map(|(_, height)| height),
            "json_ld": json_ld,
        })
    }

    /// Hands a rendered page to the publication (nothing is kept to reuse: one build, one run).
    fn stream(&self, job: &Job, html: String, streaming: Streaming<'_>) -> Output {
        let published_path = format!("{}{}", language_prefix(self.ctx), job.path);
        let mut bytes = html.into_bytes();
        if streaming.minify {
            if let Some(minified) =
                crate::assets::minify::for_output(&published_path, &bytes, self.ctx.assets)
            {
                bytes = minified;
            }
        }
        Output {
            path: job.path.clone(),
            content: streaming.publication.put(&published_path, bytes),
        }
    }

    /// A job's context entries, with a page's own view in place of its list view.
    fn values<'j>(&self, job: &'j Job) -> std::borrow::Cow<'j, [(&'static str, Value)]> {
        let Some(index) = job.own_page else {
            return std::borrow::Cow::Borrowed(&job.values);
        };
        let values = job
            .values
            .iter()
            .map(|(key, value)| match *key {
                "page" => (*key, data::own_page_view(self.ctx, index, value)),
                _ => (*key, value.clone()),
            })
            .collect();
        std::borrow::Cow::Owned(values)
    }

    /// Renders a job, or reuses the bytes of the last build when nothing it was made from changed.
    fn run(&self, job: &Job) -> RunResult {
        let fingerprint = Key::new()
            .number(self.context_key)
            .text(&job.template)
            .text(&job.path)
            .number(job.key)
            .finish();
        if let Some(hit) = self.known.get(&job.path) {
            let unchanged = |lookup: &Dependency| match lookup {
                Dependency::Url(call, hash) => self.url_result(call) == *hash,
                other => self.data.still_gives(other),
            };
            if hit.fingerprint == fingerprint && hit.lookups.iter().all(unchanged) {
                let output = Output {
                    path: job.path.clone(),
                    content: Content::Bytes(Arc::clone(&hit.bytes)),
                };
                return (Ok(output), None);
            }
        }
        let mut context = self.base_context(&job.url);
        let values = self.values(job);
        for (key, value) in values.iter() {
            context.insert_value(*key, value.clone());
        }
        context.insert("seo", &self.seo(&values));
        let (html, lookups) = recording_lookups(|| {
            self.templates
                .render(&job.template, &context, job.source.as_deref())
        });
        match html {
            Ok(html) => {
                let notice = job
                    .own_page
                    .and_then(|i| preview_notice(self.ctx, &self.ctx.site.pages[i]));
                let html = match notice {
                    Some(notice) => crate::drafts::with_notice(html, &notice),
                    None => html,
                };
                if let Some(streaming) = self.ctx.publication {
                    return (Ok(self.stream(job, html, streaming)), None);
                }
                let bytes = Arc::new(html.into_bytes());
                let entry = CachedOutput {
                    fingerprint,
                    lookups,
                    bytes: Arc::clone(&bytes),
                };
                (
                    Ok(Output {
                        path: job.path.clone(),
                        content: Content::Bytes(bytes),
                    }),
                    Some(entry),
                )
            }
            Err(diagnostic) => (Err(diagnostic), None),
        }
    }
}

/// Static files and content files. (Whether another output has the path of one is checked by the
/// build, which sees the outputs of every language.)
fn copied_files(ctx: &RenderContext<'_>) -> Vec<Output> {
    // Files beside pages follow their pages into `/<code>/`; static files are written once.
    let prefix = language_prefix(ctx);
    let static_files = ctx.static_files.iter().filter(|_| ctx.is_default_language);
    ctx.site
        .assets
        .iter()
        .map(|a| (format!("{prefix}{}", a.output), &a.source))
        .chain(static_files.map(|(path, source)| (path.clone(), source)))
        .map(|(path, source)| {
            let content = ctx
                .assets
                .content_of(&path)
                .unwrap_or_else(|| Content::File(source.clone()));
            Output { path, content }
        })
        .collect()
}
