//! `potline check`: every check a build runs, and more (anchors, missing images and alt text,
//! empty summaries, duplicate titles, dates without a time zone, optionally external links),
//! collected into one report grouped by file. Drafts and future-dated pages are checked too:
//! they are what writers are working on.
//!
//! The build's own checks come from [`Builder::analyze`] and [`Builder::render`], run exactly as
//! `potline build` runs them; the extra checks read the [`Analysis`] they leave.

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

use crate::build::{Analysis, BuildOptions, Builder};
use crate::content::{Document, Page, Site};
use crate::diagnostics::{Diagnostic, Diagnostics, Severity, display_path};
use crate::markdown::RenderedMarkdown;
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
    /// The word shown in reports.
    pub fn label(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Note => "note",
        }
    }
}

/// One problem, located in a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The file, relative to the site root, with `/`.
    pub path: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub col: usize,
    /// Error, warning or note.
    #[serde(rename = "severity")]
    pub level: Level,
    /// What is wrong.
    pub message: String,
    /// How to fix it, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

impl Finding {
    /// A finding at `path:line:col`.
    pub fn new(path: &Path, line: usize, col: usize, level: Level, message: String) -> Self {
        Finding {
            path: display_path(path),
            line: line.max(1),
            col: col.max(1),
            level,
            message,
            hint: None,
        }
    }

    /// Adds a hint.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl From<&Diagnostic> for Finding {
    fn from(d: &Diagnostic) -> Self {
        let level = match d.severity {
            Severity::Error => Level::Error,
            Severity::Warning => Level::Warning,
        };
        Finding {
            hint: d.hint.clone(),
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
            self.message
        )?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
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
        findings.sort_by(|a, b| {
            (&a.path, a.line, a.col, a.level, &a.message)
                .cmp(&(&b.path, b.line, b.col, b.level, &b.message))
        });
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
    let outputs = match builder.render() {
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
            HashSet::new()
        }
        Err(other) => return Err(other),
    };
    let everything = with_unpublished(options, &published, &mut findings)?;
    let scope = everything.as_ref().unwrap_or(&published);
    let ctx = Context::new(options, scope, published.site(), outputs);
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
/// adds the problems found in them (their bodies are not looked at by a normal build).
fn with_unpublished(
    options: &CheckOptions,
    published: &Analysis,
    findings: &mut Vec<Finding>,
) -> Result<Option<Analysis>> {
    if published.site().unpublished.is_empty() {
        return Ok(None);
    }
    let everything = match Builder::new(build_options(&options.root, true)).analyze() {
        Ok(analysis) => analysis,
        Err(Error::Site(_)) => return Ok(None),
        Err(other) => return Err(other),
    };
    let unpublished: HashSet<PathBuf> = published
        .site()
        .unpublished
        .iter()
        .map(|rel| Path::new("content").join(rel))
        .collect();
    findings.extend(
        everything
            .diagnostics
            .items()
            .iter()
            .filter(|d| unpublished.contains(&d.path))
            .map(Finding::from),
    );
    Ok(Some(everything))
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

/// One Markdown file the checks look at: a page or a section's `_index.md`.
pub(crate) struct Source<'a> {
    pub doc: &'a Document,
    /// Root-relative URL (without the base path): `/news/foo/`.
    pub url: &'a str,
    pub page: Option<&'a Page>,
    pub markdown: Option<&'a RenderedMarkdown>,
}

/// What every extra check reads.
pub(crate) struct Context<'a> {
    pub analysis: &'a Analysis,
    /// The site as `potline build` publishes it (drafts and future pages left out).
    pub published: &'a Site,
    /// Every output path of the site (`news/foo/index.html`, `css/site.css`).
    pub known: HashSet<String>,
    pub verbose: bool,
    pub tz_set: bool,
    pub now: chrono::DateTime<chrono::Utc>,
}

impl<'a> Context<'a> {
    fn new(
        options: &CheckOptions,
        analysis: &'a Analysis,
        published: &'a Site,
        outputs: HashSet<String>,
    ) -> Self {
        Context {
            known: known_paths(analysis, outputs),
            analysis,
            published,
            verbose: options.verbose,
            tz_set: timezone_is_set(&options.root),
            now: chrono::Utc::now(),
        }
    }

    /// Every page with its rendered body.
    pub fn pages(&self) -> impl Iterator<Item = Source<'a>> + '_ {
        let analysis = self.analysis;
        analysis
            .site()
            .pages
            .iter()
            .enumerate()
            .map(move |(i, page)| Source {
                doc: &page.doc,
                url: &page.url,
                page: Some(page),
                markdown: analysis.page_markdown().get(i).map(|m| &**m),
            })
    }

    /// Every page and section index.
    pub fn sources(&self) -> impl Iterator<Item = Source<'a>> + '_ {
        let analysis = self.analysis;
        let sections = analysis.site().sections.values().filter_map(move |s| {
            s.index.as_ref().map(|doc| Source {
                doc,
                url: &s.url,
                page: None,
                markdown: analysis.section_markdown().get(&s.dir).map(|m| &**m),
            })
        });
        self.pages().chain(sections)
    }

    /// Is the page with this source path published by a normal build?
    pub fn is_published(&self, rel: &str) -> bool {
        self.published.targets.contains_key(rel)
    }

    /// Does this output path (`news/foo/`, `css/a.css`, `` for the home page) exist?
    pub fn exists(&self, path: &str) -> bool {
        let path = path.trim_start_matches('/');
        self.known.contains(path)
            || (path.is_empty() || path.ends_with('/'))
                && self.known.contains(&format!("{path}index.html"))
            || self.known.contains(&format!("{path}/index.html"))
    }

    /// The base path of the site's URLs (`` or `/sub`).
    pub fn base_path(&self) -> &str {
        &self.analysis.config.base_path
    }
}

/// Every output path the site has: what rendering produced (when it succeeded) plus every page,
/// section, taxonomy, copied file and static file of the analysed site.
fn known_paths(analysis: &Analysis, mut known: HashSet<String>) -> HashSet<String> {
    let site = analysis.site();
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
        known.insert(format!("{}index.html", url.trim_start_matches('/')));
    }
    known.extend(site.assets.iter().map(|a| a.output.clone()));
    known.extend(analysis.static_files.keys().cloned());
    known
}
