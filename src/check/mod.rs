//! `potline check`: every check a build runs, and more (anchors, alt text, empty summaries,
//! duplicate titles, dates without a time zone, optionally external links), in every language,
//! collected into one report grouped by file. Drafts and future-dated pages are checked too:
//! they are what writers are working on.
//!
//! The build's own checks come from [`Builder::analyze`] and [`Builder::render`], run exactly as
//! `potline build` runs them, and from its last stage before publishing ([`gate`]: links and
//! pictures that lead nowhere), run here on what the build publishes and on the drafts; the
//! extra checks read the [`Analysis`] they leave.

pub mod dates;
pub mod external;
mod links;
mod pages;
pub mod report;
mod scan;
mod yaml_pitfalls;

use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::build::gate::{self, Published};
use crate::build::{Analysis, BuildOptions, Builder};
use crate::content::{Document, Page};
use crate::diagnostics::{Diagnostic, Diagnostics, Severity, display_path};
use crate::markdown::RenderedMarkdown;
use crate::messages::Message;
use crate::{Error, Result};

pub use dates::timezone_is_set;

/// What to check and how strictly.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    /// The site root (holding `site.yaml`).
    pub root: PathBuf,
    /// Report warnings as errors.
    pub strict: bool,
    /// Also report notes that are usually noise (dates read in the site's time zone, drafts).
    pub verbose: bool,
    /// Check external links over HTTP too.
    pub external: Option<external::ExternalOptions>,
}

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Must be fixed: the build fails, or the published site is wrong.
    Error,
    /// Probably a mistake; `--strict` makes it an error.
    Warning,
    /// Worth knowing; never fails the check, not even with `--strict`.
    Note,
}

impl Level {
    /// The word shown in reports, in the run's language.
    pub fn label(self) -> String {
        let code = match self {
            Level::Error => "label-error",
            Level::Warning => "label-warning",
            Level::Note => "label-note",
        };
        crate::messages::render(crate::messages::language(), code, None, &[])
    }
}

/// One problem, located in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The file, relative to the site root, with `/`.
    pub path: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub col: usize,
    /// Error, warning or note.
    pub level: Level,
    /// What is wrong (a catalogue entry).
    pub message: Message,
    /// How to fix it, when it is not the entry's own hint.
    pub hint: Option<Message>,
}

impl Finding {
    /// A finding at `path:line:col`.
    pub fn new(
        path: &Path,
        line: usize,
        col: usize,
        level: Level,
        message: impl Into<Message>,
    ) -> Self {
        Finding {
            path: display_path(path),
            line: line.max(1),
            col: col.max(1),
            level,
            message: message.into(),
            hint: None,
        }
    }

    /// Adds a hint.
    pub fn hint(mut self, hint: impl Into<Message>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// What is wrong, in the run's language.
    pub fn message_text(&self) -> String {
        self.message.text()
    }

    /// How to fix it, in the run's language: the hint given, else the entry's own.
    pub fn hint_text(&self) -> Option<String> {
        let lang = crate::messages::language();
        match &self.hint {
            Some(hint) => Some(hint.text_in(lang)),
            None => self.message.hint_in(lang),
        }
    }

    /// The stable code of the problem, if it has one.
    pub fn code(&self) -> Option<&str> {
        self.message.code()
    }
}

/// As `check --format json` shows a finding: its code, and its texts in the run's language.
impl Serialize for Finding {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let hint = self.hint_text();
        let mut out = serializer.serialize_struct("Finding", 7)?;
        out.serialize_field("path", &self.path)?;
        out.serialize_field("line", &self.line)?;
        out.serialize_field("col", &self.col)?;
        out.serialize_field("severity", &self.level)?;
        out.serialize_field("code", &self.code())?;
        out.serialize_field("message", &self.message_text())?;
        if let Some(hint) = hint {
            out.serialize_field("hint", &hint)?;
        } else {
            out.skip_field("hint")?;
        }
        out.end()
    }
}

impl From<&Diagnostic> for Finding {
    fn from(d: &Diagnostic) -> Self {
        let level = match d.severity {
            Severity::Error => Level::Error,
            Severity::Warning => Level::Warning,
        };
        Finding {
            hint: d.hint.as_deref().cloned(),
            ..Finding::new(&d.path, d.line, d.col, level, d.message.clone())
        }
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (path, line, col) = (&self.path, self.line, self.col);
        write!(
            f,
            "{path}:{line}:{col}: {}: {}",
            self.level.label(),
            self.message_text()
        )?;
        if let Some(hint) = self.hint_text() {
            let label =
                crate::messages::render(crate::messages::language(), "label-hint", None, &[]);
            write!(f, "\n  {label}: {hint}")?;
        }
        Ok(())
    }
}

/// Everything a check found, sorted by file and position.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckReport {
    /// The findings.
    pub findings: Vec<Finding>,
    /// Pages looked at (drafts and future-dated pages included).
    pub pages: usize,
}

impl CheckReport {
    fn new(mut findings: Vec<Finding>, pages: usize, strict: bool) -> Self {
        if strict {
            for finding in findings.iter_mut().filter(|f| f.level == Level::Warning) {
                finding.level = Level::Error;
            }
        }
        findings.sort_by_cached_key(|f| (f.path.clone(), f.line, f.col, f.level, f.message_text()));
        findings.dedup();
        CheckReport { findings, pages }
    }

    /// How many findings of this level.
    pub fn count(&self, level: Level) -> usize {
        self.findings.iter().filter(|f| f.level == level).count()
    }

    /// Any error?
    pub fn has_errors(&self) -> bool {
        self.count(Level::Error) > 0
    }

    /// How many files have findings.
    pub fn files(&self) -> usize {
        let paths: HashSet<&str> = self.findings.iter().map(|f| f.path.as_str()).collect();
        paths.len()
    }
}

/// Runs every check. `progress` is told (done, total) while external links are checked.
pub fn check(
    options: &CheckOptions,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<CheckReport> {
    let mut builder = Builder::new(build_options(&options.root, false));
    let published = match builder.analyze() {
        Ok(analysis) => analysis,
        Err(Error::Site(problems)) => return Ok(stopped(&problems, options.strict)),
        Err(other) => return Err(other),
    };
    let mut findings: Vec<Finding> = published
        .diagnostics
        .items()
        .iter()
        .map(Finding::from)
        .collect();
    let outputs = match builder.render_for_check() {
        Ok(rendered) => {
            // Warnings only rendering finds (files over `max_file_size`), not those seen above.
            for warning in &rendered.report.warnings {
                let finding = Finding::from(warning);
                if !findings.contains(&finding) {
                    findings.push(finding);
                }
            }
            rendered.outputs.into_iter().map(|o| o.path).collect()
        }
        Err(Error::Site(problems)) => {
            findings.extend(problems.items().iter().map(Finding::from));
            Published::default()
        }
        Err(other) => return Err(other),
    };
    // The build's last stage, on what it publishes (or, when it cannot render, would publish).
    let site_paths = known_paths(&published, outputs);
    findings.extend(
        broken_paths(&published, &site_paths)
            .iter()
            .map(Finding::from),
    );
    let everything = with_unpublished(options, &published, &site_paths, &mut findings)?;
    let (scope, known) = match everything {
        Some((ref analysis, known)) => (analysis, known),
        None => (&published, site_paths),
    };
    let ctx = Context::new(options, scope, &published, known);
    let scanned = scan::scan_all(&ctx);
    findings.extend(links::check(&ctx, &scanned));
    findings.extend(pages::check(&ctx));
    findings.extend(dates::check(&ctx));
    explain_yaml_errors(&mut findings, yaml_pitfalls::check(&ctx));
    if let Some(external) = &options.external {
        findings.extend(external::check(&ctx, &scanned, external, progress)?);
    }
    Ok(CheckReport::new(
        findings,
        ctx.pages().count(),
        options.strict,
    ))
}

/// The links and pictures of `analysis` that lead to nothing in `known`, as the build finds
/// them before publishing.
fn broken_paths(analysis: &Analysis, known: &Published<'_>) -> Vec<crate::diagnostics::Diagnostic> {
    let sites = gate::Sites {
        config: &analysis.config,
        languages: &analysis.languages,
        static_files: &analysis.static_files,
    };
    gate::check(&sites, known)
}

/// Adds the front-matter pitfalls. An error among them is a line the YAML parser rejected, so it
/// replaces the parser's own, vaguer error on that line or the next (where the parser notices).
fn explain_yaml_errors(findings: &mut Vec<Finding>, pitfalls: Vec<Finding>) {
    let explained: HashSet<(&str, usize)> = pitfalls
        .iter()
        .filter(|f| f.level == Level::Error)
        .flat_map(|f| [(f.path.as_str(), f.line), (f.path.as_str(), f.line + 1)])
        .collect();
    findings.retain(|f| f.level != Level::Error || !explained.contains(&(f.path.as_str(), f.line)));
    findings.extend(pitfalls);
}

/// When the site has drafts or future-dated pages, analyses it again with them published, and
/// adds the problems found in them (their bodies are not looked at by a normal build). Returns
/// that analysis and the output paths it would have (`known` and its drafts).
fn with_unpublished(
    options: &CheckOptions,
    published: &Analysis,
    known: &Published<'static>,
    findings: &mut Vec<Finding>,
) -> Result<Option<(Analysis, Published<'static>)>> {
    if published
        .languages
        .iter()
        .all(|l| l.site.unpublished.is_empty())
    {
        return Ok(None);
    }
    let everything = match Builder::new(build_options(&options.root, true)).analyze() {
        Ok(analysis) => analysis,
        Err(Error::Site(_)) => return Ok(None),
        Err(other) => return Err(other),
    };
    let unpublished = unpublished_files(published, &everything);
    let known = known_paths(&everything, known.clone());
    let problems = everything
        .diagnostics
        .items()
        .iter()
        .cloned()
        .chain(broken_paths(&everything, &known));
    findings.extend(
        problems
            .filter(|d| unpublished.contains(&d.path))
            .map(|d| Finding::from(&d)),
    );
    Ok(Some((everything, known)))
}

/// The files of the pages a normal build leaves out, in every language.
fn unpublished_files(published: &Analysis, everything: &Analysis) -> HashSet<PathBuf> {
    everything
        .languages
        .iter()
        .zip(&published.languages)
        .flat_map(|(all, shown)| {
            all.site
                .pages
                .iter()
                .filter(|page| shown.site.unpublished.contains(&page.doc.rel))
                .map(|page| page.doc.display_path.clone())
        })
        .collect()
}

/// A report of the problems that stopped the analysis (site.yaml, templates).
fn stopped(problems: &Diagnostics, strict: bool) -> CheckReport {
    CheckReport::new(
        problems.items().iter().map(Finding::from).collect(),
        0,
        strict,
    )
}

fn build_options(root: &Path, everything: bool) -> BuildOptions {
    BuildOptions {
        drafts: everything,
        future: everything,
        ..BuildOptions::for_root(root)
    }
}

/// One Markdown file the checks look at, in one language: a page or a section's `_index.md`.
pub(crate) struct Source<'a> {
    pub doc: &'a Document,
    /// The language's index in the analysis (0: the default language).
    pub lang: usize,
    /// The address from the site's root, language prefix included, base path left out:
    /// `/zh/news/foo/`.
    pub url: String,
    pub page: Option<&'a Page>,
    pub markdown: Option<&'a RenderedMarkdown>,
}

/// What every extra check reads.
pub(crate) struct Context<'a> {
    /// The site with what is checked: drafts and future pages too, when there are some.
    pub analysis: &'a Analysis,
    /// The site as `potline build` publishes it (drafts and future pages left out).
    pub published: &'a Analysis,
    /// Every output path of the site (`news/foo/index.html`, `css/site.css`).
    pub known: Published<'static>,
    pub verbose: bool,
    pub tz_set: bool,
    pub now: chrono::DateTime<chrono::Utc>,
}

impl<'a> Context<'a> {
    fn new(
        options: &CheckOptions,
        analysis: &'a Analysis,
        published: &'a Analysis,
        known: Published<'static>,
    ) -> Self {
        Context {
            known,
            analysis,
            published,
            verbose: options.verbose,
            tz_set: timezone_is_set(&options.root),
            now: chrono::Utc::now(),
        }
    }

    /// Every page of every language with its rendered body (a page shown untranslated in
    /// another language is a page of each, as the build counts it).
    pub fn pages(&self) -> impl Iterator<Item = Source<'a>> + '_ {
        let base_path = self.base_path();
        self.analysis
            .languages
            .iter()
            .enumerate()
            .flat_map(move |(lang, language)| {
                language
                    .site
                    .pages
                    .iter()
                    .enumerate()
                    .map(move |(i, page)| Source {
                        doc: &page.doc,
                        lang,
                        url: gate::page_url(base_path, language, &page.url),
                        page: Some(page),
                        markdown: language.page_markdown.get(i).map(|m| &**m),
                    })
            })
    }

    /// Every page and section index of every language.
    pub fn sources(&self) -> impl Iterator<Item = Source<'a>> + '_ {
        let base_path = self.base_path();
        let sections =
            self.analysis
                .languages
                .iter()
                .enumerate()
                .flat_map(move |(lang, language)| {
                    language.site.sections.values().filter_map(move |s| {
                        s.index.as_ref().map(|doc| Source {
                            doc,
                            lang,
                            url: gate::page_url(base_path, language, &s.url),
                            page: None,
                            markdown: language.section_markdown.get(&s.dir).map(|m| &**m),
                        })
                    })
                });
        self.pages().chain(sections)
    }

    /// Is the page with this source path published in this language by a normal build?
    pub fn is_published(&self, lang: usize, rel: &str) -> bool {
        self.published
            .languages
            .get(lang)
            .is_some_and(|l| l.site.targets.contains_key(rel))
    }

    /// Does this output path (`news/foo/`, `css/a.css`, `` for the home page) exist?
    pub fn exists(&self, path: &str) -> bool {
        self.known.exists(path)
    }

    /// The base path of the site's URLs (`` or `/sub`).
    pub fn base_path(&self) -> &'a str {
        &self.analysis.config.base_path
    }
}

/// Every output path the site has: what rendering produced (when it succeeded) plus every page,
/// section, taxonomy, copied file and static file of every language of the analysed site.
fn known_paths(analysis: &Analysis, mut known: Published<'static>) -> Published<'static> {
    let base_path = &analysis.config.base_path;
    for language in &analysis.languages {
        let site = &language.site;
        let urls = site
            .pages
            .iter()
            .map(|p| p.url.as_str())
            .chain(site.sections.values().map(|s| s.url.as_str()))
            .chain(site.taxonomies.iter().map(|t| t.url.as_str()))
            .chain(
                site.taxonomies
                    .iter()
                    .flat_map(|t| t.terms.iter().map(|term| term.url.as_str())),
            );
        for url in urls {
            let url = gate::page_url(base_path, language, url);
            known.insert(format!("{}index.html", url.trim_start_matches('/')));
        }
        let prefix = gate::page_url(base_path, language, "/");
        let prefix = prefix.trim_start_matches('/');
        for asset in &site.assets {
            known.insert(format!("{prefix}{}", asset.output));
        }
    }
    for path in analysis.static_files.keys() {
        known.insert(path.clone());
    }
    known
}
