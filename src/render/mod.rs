//! From the indexed site, its rendered Markdown and the templates to the list of output files:
//! every page, section and the home page through their templates (in parallel), paginated lists,
//! taxonomy pages, feeds and the sitemap, the 404 page, static files and the files beside pages.

mod cache;
mod data;
mod feeds;
mod lists;
mod redirects;
mod translations;

pub use cache::RenderCache;
pub use translations::{TranslationLink, Translations};

use std::collections::BTreeMap;
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

use cache::{CachedOutput, Key};

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
    /// Static CSS and JS as published, with their fingerprinted names.
    pub assets: &'a Arc<crate::assets::Fingerprints>,
    /// The image pipeline (`resize_image`).
    pub images: &'a Arc<crate::images::Images>,
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
        }
    }
}

/// Renders the whole site to outputs, or returns every problem found. `cache` keeps views and
/// outputs between builds of one builder; a fresh cache renders everything.
pub fn render_site(
    ctx: &RenderContext<'_>,
    cache: &mut RenderCache,
) -> Result<Vec<Output>, Diagnostics> {
    let mut problems = Diagnostics::new();
    let menus = resolve_menus(ctx, &mut problems);
    let data = Arc::new(data::template_data(ctx, cache));
    let templates = ctx.templates.with_data(Arc::clone(&data));
    let renderer = Renderer {
        ctx,
        templates: &templates,
        data: &data,
        config_value: Value::from_serializable(&ConfigView::new(ctx.config)),
        data_value: Value::from_serializable(&ctx.data.values),
        context_key: Key::new()
            .number(ctx.templates.generation())
            .number(menus.version())
            .number(ctx.data.version)
            .finish(),
        menus: &menus,
        url_results: current_url_results(&cache.outputs, &data),
        known: &cache.outputs,
    };
    let jobs: Vec<Job> = page_jobs(ctx, cache)
        .into_iter()
        .chain(
            ctx.site
                .sections
                .values()
                .flat_map(|s| lists::section_jobs(ctx, &data, s)),
        )
        .chain(lists::taxonomy_jobs(ctx, &data))
        .chain([not_found_job(&data)])
        .collect();
    let results: Vec<(Result<Output, Diagnostic>, Option<CachedOutput>)> =
        jobs.par_iter().map(|job| renderer.run(job)).collect();
    let results: Vec<_> = results
        .into_iter()
        .chain(crate::search::outputs(ctx, &|job| renderer.run(&job)))
        .collect();
    let mut old = std::mem::take(&mut cache.outputs);
    let mut outputs =
        Vec::with_capacity(results.len() + ctx.static_files.len() + ctx.site.assets.len());
    let mut kept = std::collections::HashMap::with_capacity(results.len());
    for (result, entry) in results {
        match result {
            Ok(output) => {
                // A reused output keeps its cache entry as it is (moved, not copied).
                if let Some(entry) = entry.or_else(|| old.remove(&output.path)) {
                    kept.insert(output.path.clone(), entry);
                }
                outputs.push(output);
            }
            Err(diagnostic) => problems.push(diagnostic),
        }
    }
    cache.outputs = kept;
    outputs.extend(feeds::feed_outputs(ctx));
    outputs.push(feeds::sitemap(ctx));
    outputs.extend(redirects::redirect_outputs(ctx));
    if ctx.is_default_language {
        outputs.extend(feeds::robots(ctx));
    } else {
        // Everything of another language lives under `/<code>/`.
        let prefix = format!("{}/", ctx.config.language);
        for output in &mut outputs {
            output.path.insert_str(0, &prefix);
        }
    }
    add_copied_files(ctx, &mut outputs, &mut problems);
    if ctx.is_default_language {
        outputs.extend(ctx.assets.outputs());
        outputs.extend(crate::deploy::host_files::host_files(ctx.config, &outputs));
    }
    if problems.has_errors() {
        return Err(problems);
    }
    Ok(outputs)
}

/// Every distinct `get_url`/`asset_url` call the cached outputs made, with its result now: a
/// few calls shared by thousands of pages are answered once.
fn current_url_results<'a>(
    known: &'a std::collections::HashMap<String, CachedOutput>,
    data: &TemplateData,
) -> std::collections::HashMap<&'a str, u64> {
    let mut results = std::collections::HashMap::new();
    for entry in known.values() {
        for lookup in &entry.lookups {
            if let Dependency::Url(call, _) = lookup {
                results
                    .entry(call.as_str())
                    .or_insert_with(|| data.url_result_hash(call));
            }
        }
    }
    results
}

fn page_jobs(ctx: &RenderContext<'_>, cache: &RenderCache) -> Vec<Job> {
    ctx.site
        .pages
        .iter()
        .map(|page| {
            let mut values = Vec::with_capacity(2);
            let mut key =
                Key::new().number(cache.views.get(&page.doc.rel).map_or(0, |v| v.version));
            if let Some(view) = cache.views.get(&page.doc.rel) {
                values.push(("page", view.full.clone()));
            }
            // Page templates get their section without its pages (get_section gives those), so
            // that editing one page does not change what every sibling page is rendered from.
            if let Some((bare, version)) = ctx
                .site
                .section_of(page)
                .and_then(|s| data::bare_section(cache, &s.index_path()))
            {
                values.push(("section", bare));
                key = key.number(version);
            }
            let template = match &page.template {
                Some(name) => name.clone(),
                None if ctx.templates.has(&format!("{}.html", page.kind)) => {
                    format!("{}.html", page.kind)
                }
                None => "page.html".to_string(),
            };
            Job::at(
                page.url.clone(),
                template,
                Some(page.doc.display_path.clone()),
                values,
                key.finish(),
            )
        })
        .collect()
}

fn not_found_job(data: &TemplateData) -> Job {
    let home = data.sections.get("_index.md").cloned();
    let key = data.section_versions.get("_index.md").copied().unwrap_or(0);
    Job {
        path: "404.html".into(),
        url: "/404.html".into(),
        template: "404.html".into(),
        source: None,
        values: home.map(|h| vec![("section", h)]).unwrap_or_default(),
        key,
    }
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
                        Some(path) => ctx.site.url_of(path).map(|u| format!("{base}{u}")).unwrap_or_else(|| {
                            problems.push(
                                Diagnostic::error(crate::config::CONFIG_FILE, item.line, 1, format!("menu item `{}` points to `{}`, which is not a published page or section", item.name, item.target))
                                    .with_hint("menu targets are written relative to `content/`, e.g. \"@/news/_index.md\""),
                            );
                            String::new()
                        }),
                        None if item.target.starts_with('/') => format!("{base}{}", item.target),
                        None => item.target.clone(),
                    };
                    MenuItemView { name: item.name.clone(), url, active: false }
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
    /// What each `get_url`/`asset_url` call of the last build gives now, computed once.
    url_results: std::collections::HashMap<&'a str, u64>,
    known: &'a std::collections::HashMap<String, CachedOutput>,
}

impl Renderer<'_> {
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
    fn seo(&self, job: &Job) -> serde_json::Value {
        let config = self.ctx.config;
        let value = |name: &str| job.values.iter().find(|(k, _)| *k == name).map(|(_, v)| v);
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
            .map(|p| crate::seo::image_url(config, "/", p));
        let image = attr(page, "image").or(brand);
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
            "json_ld": json_ld,
        })
    }

    /// Renders a job, or reuses the bytes of the last build when nothing it was made from changed.
    fn run(&self, job: &Job) -> (Result<Output, Diagnostic>, Option<CachedOutput>) {
        let fingerprint = Key::new()
            .number(self.context_key)
            .text(&job.template)
            .text(&job.path)
            .number(job.key)
            .finish();
        if let Some(hit) = self.known.get(&job.path) {
            let unchanged = |lookup: &Dependency| match lookup {
                Dependency::Url(call, hash) => self.url_results.get(call.as_str()) == Some(hash),
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
        for (key, value) in &job.values {
            context.insert_value(*key, value.clone());
        }
        context.insert("seo", &self.seo(job));
        let (html, lookups) = recording_lookups(|| {
            self.templates
                .render(&job.template, &context, job.source.as_deref())
        });
        match html {
            Ok(html) => {
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

/// Static files and content files, unless another output already claims their path.
fn add_copied_files(
    ctx: &RenderContext<'_>,
    outputs: &mut Vec<Output>,
    problems: &mut Diagnostics,
) {
    let mut claimed: std::collections::HashSet<String> =
        outputs.iter().map(|o| o.path.clone()).collect();
    // Files beside pages follow their pages into `/<code>/`; static files are written once.
    let prefix = if ctx.is_default_language {
        String::new()
    } else {
        format!("{}/", ctx.config.language)
    };
    let static_files = ctx.static_files.iter().filter(|_| ctx.is_default_language);
    let copies = ctx
        .site
        .assets
        .iter()
        .map(|a| (format!("{prefix}{}", a.output), a.source.clone()))
        .chain(static_files.map(|(path, source)| (path.clone(), source.clone())));
    for (path, source) in copies {
        if !claimed.insert(path.clone()) {
            let shown = source
                .strip_prefix(&ctx.config.root)
                .unwrap_or(&source)
                .to_path_buf();
            problems.push(
                Diagnostic::error(shown, 1, 1, format!("this file would be published at `/{path}`, where another file is already written"))
                    .with_hint("rename or move one of the two files"),
            );
            continue;
        }
        let content = ctx
            .assets
            .content_of(&path)
            .unwrap_or(Content::File(source));
        outputs.push(Output { path, content });
    }
}
