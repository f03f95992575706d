//! The one place that sequences the build stages. `potline build` and `potline serve` both run
//! this pipeline; nothing else renders a site.

mod cache;
mod finish;
pub(crate) mod gate;
mod progress;
mod record;
mod stages;
mod url_space;

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::config::Config;
use crate::content::site::{Target, Visibility};
use crate::content::urls::Lang;
use crate::content::{Document, Site};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::output::{self, Output};
use crate::render::{self, RenderContext};
use crate::source;
use crate::{Error, Result};

pub use progress::{BuildProgress, BuildStep};

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
    /// Minify HTML, CSS and JS; None: as `minify:` in `site.yaml` says (never in a preview).
    pub minify: Option<bool>,
    /// A preview (`potline serve`): `asset_url(..., fingerprint=true)` gives plain names, so
    /// that a changed stylesheet can be swapped in the open pages without reloading them.
    pub preview: bool,
    /// Render everything even when the record of the last `potline build` says that nothing
    /// it was built from has changed since.
    pub force: bool,
}

impl BuildOptions {
    /// A build of the site at `root` into `root/public` with the site's own settings: no drafts,
    /// no future-dated pages, `base_url` and minifying as `site.yaml` says.
    pub fn for_root(root: &Path) -> Self {
        BuildOptions {
            root: root.to_path_buf(),
            output: default_output(root),
            base_url: None,
            drafts: false,
            future: false,
            minify: None,
            preview: false,
            force: false,
        }
    }
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
    /// Resized copies of images made by this build, and taken from the cache.
    pub images: crate::images::ImageStats,
    /// The earliest date of the future-dated pages left out: the site changes then.
    pub next_release: Option<chrono::DateTime<chrono::Utc>>,
    /// Nothing the site is built from changed since the last build, which published what the
    /// output folder still holds: it was kept as it is, without rendering (the counts and
    /// warnings are that build's).
    pub up_to_date: bool,
}

/// Measures the stages of one build.
struct Stopwatch {
    last: Instant,
    laps: Vec<(&'static str, Duration)>,
    progress: BuildProgress,
}

impl Stopwatch {
    fn start(progress: BuildProgress) -> Self {
        Stopwatch {
            last: Instant::now(),
            laps: Vec::new(),
            progress,
        }
    }

    fn lap(&mut self, stage: &'static str) {
        let now = Instant::now();
        self.laps.push((stage, now - self.last));
        self.last = now;
        self.progress.report(BuildStep::StageDone(stage));
    }
}

impl fmt::Display for BuildReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut clauses = vec![crate::msg!(
            "summary-build",
            pages = self.pages,
            sections = self.sections,
            ms = self.elapsed.as_millis().to_string(),
            written = self.written,
            unchanged = self.unchanged,
            drafts = self.skipped_drafts,
            future = self.skipped_future
        )];
        if self.up_to_date {
            clauses.push(crate::msg!("summary-build-kept"));
        }
        let images = self.images;
        if images.processed + images.cached > 0 {
            clauses.push(crate::msg!(
                "summary-images",
                processed = images.processed,
                cached = images.cached
            ));
        }
        if !self.warnings.is_empty() {
            clauses.push(crate::msg!("summary-warnings", count = self.warnings.len()));
        }
        let separator = crate::messages::text(crate::msg!("summary-separator"));
        let texts: Vec<String> = clauses.iter().map(|c| c.text()).collect();
        f.write_str(&texts.join(&separator))
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
/// every change. It runs the same stages as `potline build`; what it keeps between runs (parsed
/// files by their stamps, rendered Markdown by text and link targets, compiled templates by their
/// files' stamps) only makes them faster, and is checked against the files on every run.
pub struct Builder {
    options: BuildOptions,
    cache: cache::Cache,
    /// Runs once (`potline build`): what only a later run could reuse is let go as soon as
    /// this one is done with it.
    one_off: bool,
    /// Who is told how the build is getting on.
    progress: BuildProgress,
}

impl Builder {
    /// A builder for these options.
    pub fn new(mut options: BuildOptions) -> Self {
        // Absolute, so that paths reported by a file watcher match the cache's keys.
        options.root = std::path::absolute(&options.root).unwrap_or(options.root);
        Builder {
            options,
            cache: cache::Cache::default(),
            one_off: false,
            progress: BuildProgress::default(),
        }
    }

    /// A builder that runs once, holding less memory than one kept for the next change.
    fn one_off(options: BuildOptions) -> Self {
        Builder {
            one_off: true,
            ..Builder::new(options)
        }
    }

    /// Reports the build's steps to `progress`.
    pub fn with_progress(mut self, progress: BuildProgress) -> Self {
        self.progress = progress;
        self
    }

    /// The options it builds with.
    pub fn options(&self) -> &BuildOptions {
        &self.options
    }

    /// Tells the builder which files changed since the last run (paths on disk). Cached work
    /// that depends on them is dropped; a change to `site.yaml` drops everything. (Changes are
    /// also detected by size and modification time, so this is a hint that makes a change
    /// within the same clock tick visible.)
    pub fn invalidate(&mut self, changed: &[PathBuf]) {
        self.cache.invalidate(changed);
    }

    /// Declares that every change will be reported through [`Builder::invalidate`] (a file
    /// watcher does): later runs then look only at the files named, keep the file list when no
    /// file appeared or vanished, and keep the whole site index when no front matter changed.
    pub fn trust_reported_changes(&mut self) {
        self.cache.trusted = true;
    }

    /// Renders the whole site in memory.
    pub fn render(&mut self) -> Result<RenderedSite> {
        let started = Instant::now();
        let mut rendered = self.run_stages(None, Paths::Refuse)?;
        rendered.report.elapsed = started.elapsed();
        Ok(rendered)
    }

    /// Renders like [`Builder::render`], but leaves links and pictures that lead nowhere to the
    /// caller: `potline check` checks them itself ([`gate::check`]), drafts included.
    pub(crate) fn render_for_check(&mut self) -> Result<RenderedSite> {
        self.run_stages(None, Paths::Leave)
    }

    /// Renders the whole site, handing pages to `publication` as they are made rather than
    /// keeping them (the outputs returned for them say where they went). Nothing rendered is
    /// kept for a later run.
    pub fn render_into(&mut self, publication: &output::Publication) -> Result<RenderedSite> {
        let started = Instant::now();
        let mut rendered = self.run_stages(Some(publication), Paths::Refuse)?;
        rendered.report.elapsed = started.elapsed();
        Ok(rendered)
    }

    /// Runs the stages before templates: everything `potline check` needs to look at the site
    /// as the build sees it. Problems are collected in [`Analysis::diagnostics`], not returned
    /// as an error, so that a checker can add its own and report them all together.
    pub fn analyze(&mut self) -> Result<Analysis> {
        let options = &self.options;
        let cache = &mut self.cache;
        let mut watch = Stopwatch::start(self.progress.clone());
        let config = cache.config(&options.root, options.base_url.as_deref())?;
        let scope = cache.scope(&config.root);
        let recheck = scope.as_ref().is_none_or(|s| s.outside_content);
        let outside = match cache.outside_links.clone().filter(|_| !recheck) {
            Some(known) => known,
            None => {
                let found = source::links_leaving(&read_folders(&config))?;
                cache.outside_links = Some(found.clone());
                found
            }
        };
        // A broken template stops the analysis here: the links are reported with it.
        let templates = cache
            .templates(&config, recheck)
            .map_err(|e| with_problems(e, &outside))?;
        let strings = cache
            .strings(&config, recheck)
            .map_err(|e| with_problems(e, &outside))?;
        let images = cache.images(&config);
        images.begin();
        watch.lap("config and templates");
        let files = content_files(&config, cache, scope.as_ref(), self.one_off)?;
        watch.lap("discover");
        let mut diagnostics = Diagnostics::new();
        diagnostics.extend(outside);
        diagnostics.extend(files.outside.iter().cloned());
        let parsed = stages::parse_content(
            &config,
            &files,
            cache,
            scope.is_some(),
            self.one_off,
            &mut diagnostics,
        )?;
        let loaded = loaded_data(&config, cache, recheck, &templates, &parsed)?;
        diagnostics.extend(loaded.problems.iter().cloned());
        let static_files = match cache.static_files.clone().filter(|_| !recheck) {
            Some(known) => known,
            None => {
                let found = source::discover_static(&static_dirs(&config))?;
                cache.static_files = Some(found.clone());
                found
            }
        };
        watch.lap("parse");
        // The index stays when only bodies changed: same files, same front matter, nothing
        // outside `content/`, and no page waiting for its date (so the clock cannot change it).
        let kept = cache.index.take().filter(|_| {
            scope
                .as_ref()
                .is_some_and(|s| !s.content_layout && !s.outside_content)
                && stages::same_front_matter(&parsed.replaced)
        });
        let kept = kept.filter(|kept| {
            options.future || kept.languages.iter().all(|l| l.site.skipped_future == 0)
        });
        let (mut languages, changed, translations) = match kept {
            Some(kept) => {
                diagnostics.extend(kept.problems.iter().cloned());
                let (languages, changed) = patch_index(kept.languages, &parsed.replaced);
                cache.index = Some(cache::KeptIndex {
                    languages: languages.clone(),
                    translations: Arc::clone(&kept.translations),
                    problems: kept.problems,
                });
                (languages, Some(changed), kept.translations)
            }
            None => {
                let visibility = Visibility {
                    drafts: options.drafts,
                    future: options.future,
                    now: chrono::Utc::now(),
                };
                let mut pages = parsed.pages;
                pages.extend(loaded.generated.iter().cloned());
                let inputs = IndexInputs {
                    config: &config,
                    files: &files,
                    pages: &pages,
                    indexes: &parsed.indexes,
                    templates: &templates,
                    data: &loaded.data,
                    unreadable: &parsed.unreadable,
                };
                let (languages, problems) = index_languages(&inputs, visibility);
                diagnostics.extend(problems.iter().cloned());
                let translations = Arc::new(render::Translations::of(
                    &config,
                    &languages
                        .iter()
                        .map(|l| (&*l.config, &*l.site))
                        .collect::<Vec<_>>(),
                ));
                cache.index = Some(cache::KeptIndex {
                    languages: languages.clone(),
                    translations: Arc::clone(&translations),
                    problems,
                });
                (languages, None, translations)
            }
        };
        let minify = options.minify.unwrap_or(config.minify && !options.preview);
        let assets = crate::assets::Fingerprints::of(&static_files, minify)?;
        let assets = Arc::new(if options.preview {
            assets.disabled()
        } else {
            assets
        });
        watch.lap("index");
        // Only other languages link to the default language's pages they lack.
        let fallback_urls = languages
            .first()
            .filter(|_| languages.len() > 1)
            .map(|l| stages::absolute_urls(&l.config, &l.site))
            .unwrap_or_default();
        for (index, language) in languages.iter_mut().enumerate() {
            let inputs = stages::MarkdownInputs {
                config: &language.config,
                site: &language.site,
                templates: &templates,
                static_files: &static_files,
                data: &language.data,
                fallback_urls: (index > 0).then_some(&fallback_urls),
                images: &images,
                one_off: self.one_off,
            };
            let kept = changed.as_ref().map(|changed| stages::KeptBodies {
                bodies: &language.page_markdown,
                changed: &changed[index],
            });
            let (page_markdown, section_markdown) =
                stages::render_markdown(&inputs, kept, cache, &mut diagnostics);
            language.page_markdown = page_markdown;
            language.section_markdown = section_markdown;
            // Bodies reused from the last build ask for their copies again.
            images.want_all(
                language
                    .page_markdown
                    .iter()
                    .chain(language.section_markdown.values())
                    .map(|rendered| &rendered.images[..]),
            );
        }
        if let Some(index) = &mut cache.index {
            index.languages.clone_from(&languages);
        }
        watch.lap("markdown");
        let shares = languages
            .iter()
            .map(|language| {
                crate::images::ShareImages::of(
                    &language.config,
                    &language.site,
                    &static_files,
                    &images,
                    &mut diagnostics,
                )
            })
            .collect();
        Ok(Analysis {
            config,
            templates,
            strings,
            languages,
            translations,
            static_files,
            data: loaded.data,
            diagnostics,
            watch,
            changed,
            images,
            shares,
            assets,
            minify,
        })
    }

    fn run_stages(
        &mut self,
        publication: Option<&output::Publication>,
        paths: Paths,
    ) -> Result<RenderedSite> {
        let result = self.render_stages(publication, paths);
        if result.is_err() {
            // What the next run changes is then not all that changed since the last render.
            for cache in self.cache.render.values_mut() {
                cache.forget_last();
            }
        }
        result
    }

    fn render_stages(
        &mut self,
        publication: Option<&output::Publication>,
        paths: Paths,
    ) -> Result<RenderedSite> {
        let Analysis {
            templates,
            strings,
            languages,
            translations,
            static_files,
            mut diagnostics,
            mut watch,
            changed,
            images,
            shares,
            assets,
            minify,
            config,
            ..
        } = self.analyze()?;
        fail_on_errors(&mut diagnostics)?;
        let mut outputs = Vec::new();
        let mut problems = Diagnostics::new();
        for ((index, language), shares) in languages.iter().enumerate().zip(&shares) {
            let ctx = RenderContext {
                config: &language.config,
                site: &language.site,
                page_markdown: &language.page_markdown,
                section_markdown: &language.section_markdown,
                templates: &templates,
                static_files: &static_files,
                data: &language.data,
                strings: strings.get(&language.config.language),
                translations: &translations,
                is_default_language: index == 0,
                changed_pages: changed.as_ref().map(|c| c[index].as_slice()),
                assets: &assets,
                images: &images,
                shares,
                publication: publication.map(|publication| render::Streaming {
                    publication,
                    minify,
                }),
                preview: self.options.preview,
            };
            let cache = self
                .cache
                .render
                .entry(language.config.language.clone())
                .or_default();
            match render::render_site(&ctx, cache) {
                Ok(rendered) => outputs.extend(rendered),
                Err(found) => problems.extend(found.items().iter().cloned()),
            }
        }
        let sources = url_space::Sources {
            languages: &languages,
            static_files: &static_files,
            root: &config.root,
        };
        problems.extend(url_space::check(&sources, &outputs));
        if problems.has_errors() {
            problems.extend(diagnostics.items().iter().cloned());
            problems.sort();
            return Err(Error::Site(problems));
        }
        watch.lap("templates");
        let progress = &self.progress;
        let image_stats = finish::add_images(
            &images,
            &config.root.join("content"),
            &mut outputs,
            &|done, total| progress.report(BuildStep::Images { done, total }),
        )?;
        watch.lap("images");
        if paths == Paths::Refuse {
            let sites = gate::Sites {
                config: &config,
                languages: &languages,
                static_files: &static_files,
            };
            let broken = gate::check(&sites, &gate::Published::of_outputs(&outputs));
            if !broken.is_empty() {
                // With the warnings, as every failed build reports them.
                diagnostics.extend(broken);
                diagnostics.sort();
                return Err(Error::Site(diagnostics));
            }
            watch.lap("links");
        }
        if minify {
            finish::minify_outputs(&mut outputs, &assets);
            watch.lap("minify");
        }
        diagnostics.extend(crate::assets::oversize_warnings(
            &outputs,
            config.max_file_size,
            &config,
            &|| finish::page_sources(&languages),
        ));
        diagnostics.sort();
        let default = &languages[0].site;
        Ok(RenderedSite {
            outputs,
            report: BuildReport {
                pages: languages.iter().map(|l| l.site.pages.len()).sum(),
                sections: languages.iter().map(|l| l.site.sections.len()).sum(),
                skipped_drafts: default.skipped_drafts,
                skipped_future: default.skipped_future,
                next_release: languages.iter().filter_map(|l| l.site.next_release).min(),
                warnings: diagnostics.warnings().cloned().collect(),
                timings: watch.laps,
                images: image_stats,
                ..BuildReport::default()
            },
        })
    }
}

/// What a render does with links and pictures written as paths of the site that lead to
/// nothing it publishes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Paths {
    /// They are errors: nothing is published (`build`, `serve`, `deploy`).
    Refuse,
    /// They are the caller's to report (`check`).
    Leave,
}

/// One language of the site, indexed and with its Markdown rendered.
#[derive(Clone)]
pub struct LanguageSite {
    /// The configuration as this language sees it (URLs under `/<code>/`).
    pub config: Arc<Config>,
    /// Its pages and sections (shared with the builder's cache, which keeps the index).
    pub site: Arc<Site>,
    /// Rendered bodies, one per `site.pages` entry.
    pub page_markdown: Vec<Arc<crate::markdown::RenderedMarkdown>>,
    /// Rendered section texts, by section folder.
    pub section_markdown: BTreeMap<String, Arc<crate::markdown::RenderedMarkdown>>,
    /// The data files as this language sees them.
    pub data: Arc<crate::data::DataFiles>,
}

/// What indexing the site reads.
struct IndexInputs<'a> {
    config: &'a Config,
    files: &'a source::ContentFiles,
    pages: &'a [Arc<Document>],
    indexes: &'a [Arc<Document>],
    templates: &'a crate::templates::Templates,
    data: &'a crate::data::DataFiles,
    unreadable: &'a std::collections::HashSet<String>,
}

/// Indexes every language's pages and sections (their Markdown is rendered later). Returns the
/// languages and the problems found.
fn index_languages(
    inputs: &IndexInputs<'_>,
    visibility: Visibility,
) -> (Vec<LanguageSite>, Vec<Diagnostic>) {
    let config = inputs.config;
    let others: Vec<&str> = config.other_languages().collect();
    let mut problems = Diagnostics::new();
    let mut languages = Vec::with_capacity(config.languages.len());
    for language in &config.languages {
        let lang_config = Arc::new(config.for_language(&language.code));
        let (lang_pages, lang_indexes) =
            stages::documents_in(config, &language.code, inputs.pages, inputs.indexes);
        let (site, found) = Site::new(
            &lang_config,
            inputs.files,
            lang_pages,
            lang_indexes,
            inputs.unreadable,
            visibility,
        );
        problems.extend(found);
        stages::check_templates_exist(&site, inputs.templates, &mut problems);
        languages.push(LanguageSite {
            data: Arc::new(inputs.data.for_language(&language.code, &others)),
            config: lang_config,
            site: Arc::new(site),
            page_markdown: Vec::new(),
            section_markdown: BTreeMap::new(),
        });
    }
    let sites: Vec<(Lang<'_>, &Site)> = languages
        .iter()
        .map(|l| (Lang::of(&l.config), &*l.site))
        .collect();
    problems.extend(crate::content::site::check_language_folders(&sites));
    (languages, problems.items().to_vec())
}

/// Puts the documents parsed anew (whose front matter is unchanged) in the kept index. Returns
/// the languages and, for each, the indexes of the pages whose bodies must be rendered again.
fn patch_index(
    mut languages: Vec<LanguageSite>,
    replaced: &[stages::Replaced],
) -> (Vec<LanguageSite>, Vec<Vec<usize>>) {
    let mut changed = Vec::with_capacity(languages.len());
    for language in &mut languages {
        let site = Arc::make_mut(&mut language.site);
        let mut pages = Vec::new();
        for (before, now) in replaced {
            let (Some(before), Some(now)) = (before, now) else {
                continue;
            };
            if let Some(Target::Page(i)) = site.targets.get(&now.rel) {
                if Arc::ptr_eq(&site.pages[*i].doc, before) {
                    site.pages[*i].doc = Arc::clone(now);
                    pages.push(*i);
                }
            }
        }
        changed.push(pages);
    }
    (languages, changed)
}

/// The content files: those of the last walk when no file appeared or vanished since.
fn content_files(
    config: &Config,
    cache: &mut cache::Cache,
    scope: Option<&cache::Scope>,
    one_off: bool,
) -> Result<Arc<source::ContentFiles>> {
    if let Some(known) = cache
        .files
        .as_ref()
        .filter(|_| scope.is_some_and(|s| !s.content_layout))
    {
        return Ok(Arc::clone(&known.files));
    }
    cache.files = None;
    let others: Vec<&str> = config.other_languages().collect();
    let files = source::discover_content_in(&config.root.join("content"), &others)?;
    if one_off {
        return Ok(Arc::new(files));
    }
    let known = cache::KnownFiles::new(files);
    let files = Arc::clone(&known.files);
    cache.files = Some(known);
    Ok(files)
}

/// The data files and generated sections: those loaded last time unless something outside
/// `content/` changed or a page parsed anew names a data file left unread.
fn loaded_data(
    config: &Config,
    cache: &mut cache::Cache,
    recheck: bool,
    templates: &crate::templates::Templates,
    parsed: &stages::ParsedContent,
) -> Result<cache::LoadedData> {
    let reach = templates.data_reach();
    let names_unread = |known: &cache::LoadedData| {
        reach.by_name
            && parsed
                .replaced
                .iter()
                .filter_map(|(_, now)| now.as_deref())
                .any(|doc| {
                    known
                        .unread
                        .iter()
                        .any(|words| crate::data::document_names(doc, words))
                })
    };
    if let Some(known) = cache
        .data
        .as_ref()
        .filter(|known| !recheck && !names_unread(known))
    {
        return Ok(known.clone());
    }
    cache.data = None;
    let (generated, mut problems) = crate::data::generated_documents(config)?;
    let config_text =
        std::fs::read_to_string(config.root.join(crate::config::CONFIG_FILE)).unwrap_or_default();
    let documents: Vec<&Document> = parsed
        .pages
        .iter()
        .chain(&parsed.indexes)
        .chain(&generated)
        .map(|doc| &**doc)
        .collect();
    let readers = crate::data::Readers {
        reach,
        documents: &documents,
        config_text: &config_text,
    };
    let found = crate::data::load(&config.root, &readers)?;
    problems.extend(found.problems);
    let loaded = cache::LoadedData {
        generated,
        data: found.files,
        problems,
        unread: found.unread,
    };
    cache.data = Some(loaded.clone());
    Ok(loaded)
}

/// The site as the build sees it just before templates run.
pub struct Analysis {
    /// The resolved configuration (of the default language).
    pub config: Arc<Config>,
    /// The compiled templates.
    pub templates: crate::templates::Templates,
    /// Theme strings by language.
    pub strings: crate::templates::Strings,
    /// Every language, the default one first.
    pub languages: Vec<LanguageSite>,
    /// Which pages exist in which languages.
    pub translations: Arc<render::Translations>,
    /// Static files by output path.
    pub static_files: BTreeMap<String, PathBuf>,
    /// The site's data files.
    pub data: crate::data::DataFiles,
    /// Every problem found so far, errors and warnings.
    pub diagnostics: Diagnostics,
    watch: Stopwatch,
    /// For each language, the pages whose bodies alone changed since the last run, when the
    /// index was kept; None when it was made anew.
    changed: Option<Vec<Vec<usize>>>,
    /// The image pipeline, with the copies the Markdown asked for.
    pub images: Arc<crate::images::Images>,
    /// For each language, the copies sharing tags and JSON-LD name.
    pub shares: Vec<crate::images::ShareImages>,
    /// Static CSS and JS as published.
    pub assets: Arc<crate::assets::Fingerprints>,
    /// Whether this build minifies.
    pub minify: bool,
}

impl Analysis {
    /// The default language's site.
    pub fn site(&self) -> &Site {
        &self.languages[0].site
    }

    /// The default language's rendered bodies, one per page of [`Analysis::site`].
    pub fn page_markdown(&self) -> &[Arc<crate::markdown::RenderedMarkdown>] {
        &self.languages[0].page_markdown
    }

    /// The default language's rendered section texts, by section folder.
    pub fn section_markdown(&self) -> &BTreeMap<String, Arc<crate::markdown::RenderedMarkdown>> {
        &self.languages[0].section_markdown
    }
}

/// Builds the site and publishes it to `options.output`, atomically. When nothing it is built
/// from changed since the last build and the output folder still holds what that build wrote,
/// the site is kept as it is (see [`record`]), unless `options.force` asks for a full build.
/// An output folder that is not potline's to replace is refused before anything is touched
/// ([`crate::places`]); one that is a link is published into where it leads, the link kept.
pub fn build(options: &BuildOptions) -> Result<BuildReport> {
    build_with_progress(options, BuildProgress::default())
}

/// Builds like [`build`], telling `progress` how it is getting on.
pub fn build_with_progress(options: &BuildOptions, progress: BuildProgress) -> Result<BuildReport> {
    let started = Instant::now();
    let started_at = std::time::SystemTime::now();
    let options = &BuildOptions {
        output: crate::places::output_folder(&options.root, &options.output)?,
        ..options.clone()
    };
    let publication = output::Publication::begin(&options.output)?;
    let inputs = record::Inputs::of(options, started_at);
    if let Some(inputs) = inputs.as_ref().filter(|_| !options.force) {
        if let Some(report) = record::up_to_date(options, inputs, &publication) {
            let elapsed = started.elapsed();
            return Ok(BuildReport {
                elapsed,
                timings: vec![("up-to-date check", elapsed)],
                ..report
            });
        }
    }
    let rendered = Builder::one_off(options.clone())
        .with_progress(progress)
        .render_into(&publication)?;
    let publishing = Instant::now();
    let written = publication.finish(&rendered.outputs)?;
    let mut timings = rendered.report.timings;
    timings.push(("write", publishing.elapsed()));
    let report = BuildReport {
        written: written.written,
        unchanged: written.unchanged,
        elapsed: started.elapsed(),
        timings,
        ..rendered.report
    };
    record::save(options, inputs.as_ref(), &report, written.tree);
    Ok(report)
}

/// Runs every stage up to the outputs, in memory, with nothing cached.
pub fn render(options: &BuildOptions) -> Result<RenderedSite> {
    Builder::one_off(options.clone()).render()
}

fn fail_on_errors(diagnostics: &mut Diagnostics) -> Result<()> {
    if diagnostics.has_errors() {
        diagnostics.sort();
        return Err(Error::Site(std::mem::take(diagnostics)));
    }
    Ok(())
}

/// Adds `problems` to the site's problems that `error` reports.
fn with_problems(error: Error, problems: &[Diagnostic]) -> Error {
    match error {
        Error::Site(mut found) => {
            found.extend(problems.iter().cloned());
            found.sort();
            Error::Site(found)
        }
        other => other,
    }
}

/// The folders besides `content/` whose files a build reads: static files, templates, theme
/// strings and data files.
fn read_folders(config: &Config) -> Vec<PathBuf> {
    let mut folders = static_dirs(config);
    if let Some(theme) = config.theme_dir() {
        folders.push(theme.join("templates"));
    }
    folders.push(config.root.join("templates"));
    folders.extend(crate::templates::strings_folders(config));
    folders.push(config.root.join("data"));
    folders
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

/// The default output folder of a site: `public/` in its root.
pub fn default_output(root: &Path) -> PathBuf {
    root.join("public")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture_site() -> tempfile::TempDir {
        let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/basic");
        let dir = tempfile::tempdir().unwrap();
        for entry in walkdir::WalkDir::new(&from) {
            let entry = entry.unwrap();
            let to = dir.path().join(entry.path().strip_prefix(&from).unwrap());
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&to).unwrap();
            } else {
                std::fs::copy(entry.path(), &to).unwrap();
            }
        }
        dir
    }

    fn bodies(builder: &mut Builder) -> Vec<String> {
        let analysis = builder.analyze().unwrap();
        let site = &analysis.languages[0].site;
        site.pages
            .iter()
            .map(|p| p.doc.body.text().clone())
            .collect()
    }

    fn outputs(builder: &mut Builder) -> Vec<(String, Vec<u8>)> {
        let rendered = builder.render().unwrap();
        let mut outputs: Vec<_> = rendered
            .outputs
            .iter()
            .map(|o| (o.path.clone(), o.content.read().unwrap().into_owned()))
            .collect();
        outputs.sort();
        outputs
    }

    /// A one-off build lets go of sources once rendered and still makes the same site; a kept
    /// builder (the preview server's) keeps them for its next run.
    #[test]
    fn a_one_off_build_releases_sources_and_builds_the_same_site() {
        let site = fixture_site();
        let kept = bodies(&mut Builder::new(BuildOptions::for_root(site.path())));
        assert!(
            kept.iter()
                .any(|body| body.contains("The opening paragraph")),
            "{kept:?}"
        );
        let released = bodies(&mut Builder::one_off(BuildOptions::for_root(site.path())));
        assert!(released.iter().all(String::is_empty), "{released:?}");
        assert_eq!(
            outputs(&mut Builder::one_off(BuildOptions::for_root(site.path()))),
            outputs(&mut Builder::new(BuildOptions::for_root(site.path())))
        );
    }
}
