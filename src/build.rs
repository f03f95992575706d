//! The one place that sequences the build stages. `potline build` and `potline serve` both run
//! this pipeline; nothing else renders a site.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::config::Config;
use crate::content::schema::Rules;
use crate::content::site::Visibility;
use crate::content::{Document, Site, page};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::markdown::{self, MarkdownContext, RenderedMarkdown};
use crate::output::{self, Output};
use crate::render::{self, RenderContext};
use crate::source::{self, ContentFiles, SourceKind};
use crate::templates::Templates;
use crate::{Error, Result, fs};

/// What to build and how.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site root (holding `site.yaml`).
    pub root: PathBuf,
    /// Where the site is written.
    pub output: PathBuf,
    /// Replaces `base_url` of `site.yaml`.
    pub base_url: Option<String>,
    /// Include drafts.
    pub drafts: bool,
    /// Include pages dated in the future.
    pub future: bool,
}

/// What a successful build did.
#[derive(Debug, Clone, Default)]
pub struct BuildReport {
    /// Pages published.
    pub pages: usize,
    /// Sections (including the home page).
    pub sections: usize,
    /// Files written because they are new or changed.
    pub written: usize,
    /// Files identical to the previous build.
    pub unchanged: usize,
    /// Drafts left out.
    pub skipped_drafts: usize,
    /// Future-dated pages left out.
    pub skipped_future: usize,
    /// Problems that did not stop the build.
    pub warnings: Vec<Diagnostic>,
    /// Wall-clock time.
    pub elapsed: Duration,
    /// Time spent in each stage, in order (shown by `--verbose`).
    pub timings: Vec<(&'static str, Duration)>,
}

/// Measures the stages of one build.
struct Stopwatch {
    last: Instant,
    laps: Vec<(&'static str, Duration)>,
}

impl Stopwatch {
    fn start() -> Self {
        Stopwatch {
            last: Instant::now(),
            laps: Vec::new(),
        }
    }

    fn lap(&mut self, stage: &'static str) {
        let now = Instant::now();
        self.laps.push((stage, now - self.last));
        self.last = now;
    }
}

impl fmt::Display for BuildReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "built {} pages and {} sections in {} ms: {} files written, {} unchanged; skipped {} drafts and {} future-dated pages",
            self.pages,
            self.sections,
            self.elapsed.as_millis(),
            self.written,
            self.unchanged,
            self.skipped_drafts,
            self.skipped_future
        )?;
        if !self.warnings.is_empty() {
            write!(f, "; {} warnings", self.warnings.len())?;
        }
        Ok(())
    }
}

/// A site rendered in memory: the outputs and what the build learned on the way.
pub struct RenderedSite {
    /// Every output file.
    pub outputs: Vec<Output>,
    /// Counts for the report (written/unchanged are filled in when published).
    pub report: BuildReport,
}

/// A build that can run again: `potline serve` keeps one and calls [`Builder::render`] after
/// every change. It runs the same stages as `potline build`; what it keeps between runs only
/// makes them faster.
pub struct Builder {
    options: BuildOptions,
}

impl Builder {
    /// A builder for these options.
    pub fn new(options: BuildOptions) -> Self {
        Builder { options }
    }

    /// The options it builds with.
    pub fn options(&self) -> &BuildOptions {
        &self.options
    }

    /// Tells the builder which files changed since the last run (paths on disk). Cached work
    /// that depends on them is dropped; a change to `site.yaml` drops everything.
    pub fn invalidate(&mut self, changed: &[PathBuf]) {
        let _ = changed;
    }

    /// Renders the whole site in memory.
    pub fn render(&mut self) -> Result<RenderedSite> {
        let started = Instant::now();
        let mut rendered = render(&self.options)?;
        rendered.report.elapsed = started.elapsed();
        Ok(rendered)
    }
}

/// Builds the site and publishes it to `options.output`, atomically.
pub fn build(options: &BuildOptions) -> Result<BuildReport> {
    let started = Instant::now();
    output::check_output_dir(&options.root, &options.output)?;
    let rendered = render(options)?;
    let publishing = Instant::now();
    let written = output::publish(&rendered.outputs, &options.output)?;
    let mut timings = rendered.report.timings;
    timings.push(("write", publishing.elapsed()));
    Ok(BuildReport {
        written: written.written,
        unchanged: written.unchanged,
        elapsed: started.elapsed(),
        timings,
        ..rendered.report
    })
}

/// Runs every stage up to the outputs, in memory.
pub fn render(options: &BuildOptions) -> Result<RenderedSite> {
    let mut watch = Stopwatch::start();
    let config = Config::load(&options.root, options.base_url.as_deref())?;
    let templates = Templates::load(&config)?;
    watch.lap("config and templates");
    let files = source::discover_content(&config.root.join("content"))?;
    watch.lap("discover");
    let mut diagnostics = Diagnostics::new();
    let (pages, indexes) = parse_content(&config, &files, &mut diagnostics)?;
    watch.lap("parse");
    let visibility = Visibility {
        drafts: options.drafts,
        future: options.future,
        now: chrono::Utc::now(),
    };
    let (site, problems) = Site::new(&config, &files, pages, indexes, visibility);
    diagnostics.extend(problems);
    check_templates_exist(&site, &templates, &mut diagnostics);
    watch.lap("index");
    let (page_markdown, section_markdown) = render_markdown(&config, &site, &mut diagnostics);
    watch.lap("markdown");
    let static_files = source::discover_static(&static_dirs(&config))?;
    fail_on_errors(&mut diagnostics)?;
    let ctx = RenderContext {
        config: &config,
        site: &site,
        page_markdown: &page_markdown,
        section_markdown: &section_markdown,
        templates: &templates,
        static_files: &static_files,
    };
    let outputs = render::render_site(&ctx).map_err(|mut problems| {
        problems.extend(diagnostics.items().iter().cloned());
        problems.sort();
        Error::Site(problems)
    })?;
    watch.lap("templates");
    diagnostics.sort();
    Ok(RenderedSite {
        outputs,
        report: BuildReport {
            pages: site.pages.len(),
            sections: site.sections.len(),
            skipped_drafts: site.skipped_drafts,
            skipped_future: site.skipped_future,
            warnings: diagnostics.warnings().cloned().collect(),
            timings: watch.laps,
            ..BuildReport::default()
        },
    })
}

/// A `template:` naming a template that does not exist is reported with the other front-matter
/// problems, at its line, rather than only when rendering reaches it.
fn check_templates_exist(site: &Site, templates: &Templates, diagnostics: &mut Diagnostics) {
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
                    format!("template `{name}` not found"),
                )
                .with_hint(templates.names_hint(name)),
            );
        }
    }
}

fn fail_on_errors(diagnostics: &mut Diagnostics) -> Result<()> {
    if diagnostics.has_errors() {
        diagnostics.sort();
        return Err(Error::Site(std::mem::take(diagnostics)));
    }
    Ok(())
}

/// Theme static files first, so the site's own override them.
fn static_dirs(config: &Config) -> Vec<PathBuf> {
    let mut dirs = Vec::new();
    if let Some(theme) = config.theme_dir() {
        dirs.push(theme.join("static"));
    }
    dirs.push(config.root.join("static"));
    dirs
}

fn parent_dir(rel: &str) -> &str {
    rel.rfind('/').map_or("", |i| &rel[..i])
}

/// Reads and checks every Markdown file, in parallel. Returns (pages, section indexes).
fn parse_content(
    config: &Config,
    files: &ContentFiles,
    diagnostics: &mut Diagnostics,
) -> Result<(Vec<Document>, Vec<Document>)> {
    let parsed: Vec<(SourceKind, Option<Document>, Vec<Diagnostic>)> = files
        .markdown
        .par_iter()
        .map(|file| {
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
            Ok((file.kind, doc, problems))
        })
        .collect::<Result<_>>()?;
    let mut pages = Vec::new();
    let mut indexes = Vec::new();
    for (kind, doc, problems) in parsed {
        diagnostics.extend(problems);
        match (kind, doc) {
            (SourceKind::SectionIndex, Some(doc)) => indexes.push(doc),
            (_, Some(doc)) => pages.push(doc),
            _ => {}
        }
    }
    Ok((pages, indexes))
}

type SectionMarkdown = BTreeMap<String, Arc<RenderedMarkdown>>;

/// Renders every body to HTML, in parallel, resolving `@/` links against the site index.
fn render_markdown(
    config: &Config,
    site: &Site,
    diagnostics: &mut Diagnostics,
) -> (Vec<Arc<RenderedMarkdown>>, SectionMarkdown) {
    let resolve = |path: &str| -> std::result::Result<String, String> {
        match site.url_of(path) {
            Some(url) => Ok(format!("{}{url}", config.base_path)),
            None if site.unpublished.contains(path) => {
                Err("that page is a draft or dated in the future, so it is not published".into())
            }
            None => Err("there is no such file in `content/`".into()),
        }
    };
    let render_one = |doc: &Document| {
        let ctx = MarkdownContext {
            path: &doc.display_path,
            body_line: doc.body_line,
            resolve: &resolve,
        };
        let (rendered, problems) = markdown::render(&doc.body, &ctx);
        (Arc::new(rendered), problems)
    };
    let pages: Vec<_> = site.pages.par_iter().map(|p| render_one(&p.doc)).collect();
    let sections: Vec<_> = site
        .sections
        .values()
        .filter_map(|s| s.index.as_ref().map(|doc| (s.dir.clone(), render_one(doc))))
        .collect();
    let mut page_markdown = Vec::with_capacity(pages.len());
    for (rendered, problems) in pages {
        diagnostics.extend(problems);
        page_markdown.push(rendered);
    }
    let mut section_markdown = BTreeMap::new();
    for (dir, (rendered, problems)) in sections {
        diagnostics.extend(problems);
        section_markdown.insert(dir, rendered);
    }
    (page_markdown, section_markdown)
}

/// The default output folder of a site: `public/` in its root.
pub fn default_output(root: &Path) -> PathBuf {
    root.join("public")
}
