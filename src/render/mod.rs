//! From the indexed site, its rendered Markdown and the templates to the list of output files:
//! every page, section and the home page through their templates (in parallel), paginated lists,
//! taxonomy pages, feeds and the sitemap, the 404 page, static files and the files beside pages.

mod data;
mod feeds;
mod lists;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;
use tera::{Context, Value};

use crate::config::Config;
use crate::content::{Page, Site};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::markdown::RenderedMarkdown;
use crate::output::{Content, Output};
use crate::templates::views::{ConfigView, MenuItemView, permalink};
use crate::templates::{TemplateData, Templates};

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
}

/// The menus with their targets resolved, before marking the active item per page.
struct ResolvedMenus(Vec<(String, Vec<MenuItemView>)>);

impl ResolvedMenus {
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

/// Renders the whole site to outputs, or returns every problem found.
pub fn render_site(ctx: &RenderContext<'_>) -> Result<Vec<Output>, Diagnostics> {
    let mut problems = Diagnostics::new();
    let menus = resolve_menus(ctx, &mut problems);
    let data = Arc::new(data::template_data(ctx));
    let templates = ctx.templates.with_data(Arc::clone(&data));
    let config_value = Value::from_serializable(&ConfigView::new(ctx.config));
    let renderer = Renderer {
        ctx,
        templates: &templates,
        data: &data,
        menus: &menus,
        config_value,
    };

    let page_results: Vec<Result<Output, Diagnostic>> = (0..ctx.site.pages.len())
        .into_par_iter()
        .map(|i| renderer.page(&ctx.site.pages[i]))
        .collect();
    let jobs: Vec<lists::ListJob> = ctx
        .site
        .sections
        .values()
        .flat_map(|s| lists::section_jobs(ctx, &data, s))
        .chain(lists::taxonomy_jobs(ctx, &data))
        .collect();
    let section_results: Vec<Result<Output, Diagnostic>> =
        jobs.par_iter().map(|job| renderer.list(job)).collect();
    let mut outputs =
        Vec::with_capacity(page_results.len() + section_results.len() + ctx.static_files.len() + 1);
    for result in page_results
        .into_iter()
        .chain(section_results)
        .chain([renderer.not_found()])
    {
        match result {
            Ok(output) => outputs.push(output),
            Err(diagnostic) => problems.push(diagnostic),
        }
    }
    outputs.extend(feeds::feed_outputs(ctx));
    outputs.push(feeds::sitemap(ctx));
    outputs.extend(feeds::robots(ctx));
    add_copied_files(ctx, &mut outputs, &mut problems);
    if problems.has_errors() {
        return Err(problems);
    }
    Ok(outputs)
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
}

impl Renderer<'_> {
    fn base_context(&self, url: &str) -> Context {
        let mut context = Context::new();
        context.insert_value("config", self.config_value.clone());
        let home = format!("{}/", self.ctx.config.base_path);
        context.insert_value(
            "menus",
            self.menus
                .for_url(&format!("{}{url}", self.ctx.config.base_path), &home),
        );
        context.insert(
            "current_url",
            &format!("{}{url}", self.ctx.config.base_path),
        );
        context.insert("permalink", &permalink(self.ctx.config, url));
        if self.ctx.config.feeds.is_some() {
            let base = &self.ctx.config.base_path;
            context.insert("feeds", &serde_json::json!({ "rss": format!("{base}/rss.xml"), "atom": format!("{base}/atom.xml") }));
        }
        context
    }

    fn page(&self, page: &Page) -> Result<Output, Diagnostic> {
        let mut context = self.base_context(&page.url);
        if let Some(view) = self.data.pages.get(&page.doc.rel) {
            context.insert_value("page", view.clone());
        }
        if let Some(section) = self.ctx.site.section_of(page) {
            if let Some(view) = self.data.sections.get(&section.index_path()) {
                context.insert_value("section", view.clone());
            }
        }
        let template = match &page.template {
            Some(name) => name.clone(),
            None if self.templates.has(&format!("{}.html", page.kind)) => {
                format!("{}.html", page.kind)
            }
            None => "page.html".to_string(),
        };
        self.render(&template, &context, &page.doc.display_path, &page.url)
    }

    fn list(&self, job: &lists::ListJob) -> Result<Output, Diagnostic> {
        let mut context = self.base_context(&job.url);
        for (key, value) in &job.values {
            context.insert_value(*key, value.clone());
        }
        self.render(&job.template, &context, &job.source, &job.url)
    }

    fn not_found(&self) -> Result<Output, Diagnostic> {
        let mut context = self.base_context("/404.html");
        if let Some(view) = self.data.sections.get("_index.md") {
            context.insert_value("section", view.clone());
        }
        let html = self.templates.render("404.html", &context, None)?;
        Ok(Output {
            path: "404.html".into(),
            content: Content::Bytes(html.into_bytes()),
        })
    }

    fn render(
        &self,
        template: &str,
        context: &Context,
        source: &std::path::Path,
        url: &str,
    ) -> Result<Output, Diagnostic> {
        let html = self.templates.render(template, context, Some(source))?;
        Ok(Output {
            path: format!("{}index.html", url.trim_start_matches('/')),
            content: Content::Bytes(html.into_bytes()),
        })
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
    let copies = ctx
        .site
        .assets
        .iter()
        .map(|a| (a.output.clone(), a.source.clone()))
        .chain(
            ctx.static_files
                .iter()
                .map(|(path, source)| (path.clone(), source.clone())),
        );
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
        outputs.push(Output {
            path,
            content: Content::File(source),
        });
    }
}
