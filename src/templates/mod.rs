//! Tera templates: loaded from the site's `templates/`, then the theme's, then the built-ins
//! embedded in the binary, one file at a time; their errors turned into `file:line:col`
//! diagnostics; and the functions and filters themes call.

mod chart;
mod functions;
mod images;
mod strings;
pub mod views;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tera::{Context, ErrorKind, Tera};

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::messages::Message;
use crate::source::{discover_static, is_ignored};
use crate::{Error, Result, fs};

pub use functions::{Dependency, TemplateData, recording_lookups};
pub use strings::{LanguageStrings, Strings, strings_folders};

/// Templates compiled into the binary, so a site without a theme still builds.
const BUILTIN: [(&str, &str); 16] = [
    (
        "translations.html",
        include_str!("builtin/translations.html"),
    ),
    (
        "shortcodes/data_table.html",
        include_str!("builtin/shortcodes/data_table.html"),
    ),
    (
        "shortcodes/chart.html",
        include_str!("builtin/shortcodes/chart.html"),
    ),
    (
        "shortcodes/figure.html",
        include_str!("builtin/shortcodes/figure.html"),
    ),
    (
        "shortcodes/enterprise.html",
        include_str!("builtin/shortcodes/enterprise.html"),
    ),
    (
        "shortcodes/video.html",
        include_str!("builtin/shortcodes/video.html"),
    ),
    (
        "shortcodes/notice.html",
        include_str!("builtin/shortcodes/notice.html"),
    ),
    ("seo.html", include_str!("builtin/seo.html")),
    ("taxonomy.html", include_str!("builtin/taxonomy.html")),
    ("term.html", include_str!("builtin/term.html")),
    ("pagination.html", include_str!("builtin/pagination.html")),
    ("base.html", include_str!("builtin/base.html")),
    ("index.html", include_str!("builtin/index.html")),
    ("section.html", include_str!("builtin/section.html")),
    ("page.html", include_str!("builtin/page.html")),
    ("404.html", include_str!("builtin/404.html")),
];

/// The loaded, compiled templates of a site, and where each came from.
#[derive(Clone)]
pub struct Templates {
    tera: Tera,
    origins: HashMap<String, PathBuf>,
    generation: u64,
    /// Which data files the templates' code can reach.
    data_reach: Arc<crate::data::Reach>,
}

/// Counts template loads, so that outputs rendered by other templates are never mistaken for
/// current ones.
static GENERATIONS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

impl Templates {
    /// Loads and compiles every template the site can use.
    pub fn load(config: &Config) -> Result<Templates> {
        let mut sources: BTreeMap<String, (PathBuf, String)> = BUILTIN
            .iter()
            .map(|(name, text)| {
                (
                    name.to_string(),
                    (
                        PathBuf::from(format!("(built-in) {name}")),
                        text.to_string(),
                    ),
                )
            })
            .collect();
        let mut folders = Vec::new();
        if let Some(theme) = config.theme_dir() {
            folders.push(theme.join("templates"));
        }
        folders.push(config.root.join("templates"));
        let mut problems = Diagnostics::new();
        for folder in folders {
            for (name, path) in discover_static(std::slice::from_ref(&folder))? {
                if is_ignored(name.rsplit('/').next().unwrap_or(&name)) {
                    continue;
                }
                let shown = path
                    .strip_prefix(&config.root)
                    .unwrap_or(&path)
                    .to_path_buf();
                match crate::content::decode_text(&fs::read(&path)?) {
                    Ok(text) => {
                        sources.insert(name, (shown, text));
                    }
                    Err(problem) => problems.push(problem.at(shown)),
                }
            }
        }
        let origins = sources
            .iter()
            .map(|(name, (path, _))| (name.clone(), path.clone()))
            .collect();
        let generation = GENERATIONS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let data_reach =
            crate::data::Reach::of_templates(sources.values().map(|(_, t)| t.as_str()));
        let mut templates = Templates {
            tera: new_tera(&config.template_env),
            origins,
            generation,
            data_reach: Arc::new(data_reach),
        };
        templates.compile(sources, &mut problems);
        if problems.has_errors() {
            return Err(Error::Site(problems));
        }
        Ok(templates)
    }

    /// Compiles all templates, reporting every broken one: a template whose syntax is wrong is
    /// reported and set aside, and the rest compiled again, so one mistake does not hide another.
    fn compile(
        &mut self,
        mut sources: BTreeMap<String, (PathBuf, String)>,
        problems: &mut Diagnostics,
    ) {
        for _ in 0..=sources.len() {
            let batch = sources
                .iter()
                .map(|(name, (_, text))| (name.clone(), text.clone()));
            let error = match self.tera.add_raw_templates(batch) {
                Ok(()) => return,
                Err(error) => error,
            };
            let diagnostic = self.diagnostic(&error, None);
            let culprit = self
                .origins
                .iter()
                .find(|(_, path)| **path == diagnostic.path)
                .map(|(name, _)| name.clone());
            problems.push(diagnostic);
            match culprit {
                Some(name) if sources.remove(&name).is_some() => continue,
                _ => return,
            }
        }
    }

    /// Which load of the templates this is: different loads may render differently.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// The names of the shortcodes the site can use (`figure`, `notice`, ...).
    pub fn shortcode_names(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .origins
            .keys()
            .filter_map(|n| {
                n.strip_prefix("shortcodes/")?
                    .strip_suffix(".html")
                    .map(str::to_string)
            })
            .collect();
        names.sort();
        names
    }

    /// Is there a template with this name?
    pub fn has(&self, name: &str) -> bool {
        self.tera.contains_template(name)
    }

    /// A copy of the templates whose functions see this build's site.
    pub fn with_data(&self, data: Arc<TemplateData>) -> Templates {
        let mut tera = self.tera.clone();
        functions::register(&mut tera, Some(data));
        Templates {
            tera,
            origins: self.origins.clone(),
            generation: self.generation,
            data_reach: Arc::clone(&self.data_reach),
        }
    }

    /// Which data files the templates' code can reach.
    pub fn data_reach(&self) -> &crate::data::Reach {
        &self.data_reach
    }

    /// Renders `name`; `page` names the content file being rendered, for error messages.
    pub fn render(
        &self,
        name: &str,
        context: &Context,
        page: Option<&Path>,
    ) -> Result<String, Diagnostic> {
        self.tera
            .render(name, context)
            .map_err(|e| self.diagnostic(&e, page))
    }

    /// Renders a shortcode's template for a call. A problem in a file the shortcode read (a
    /// chart's data file) is reported at its own place, once however many pages show it; a
    /// function's problem in a built-in template (which is not at fault) with the function's own
    /// words; anything else as a template problem, at the call.
    pub fn render_shortcode(
        &self,
        template: &str,
        shortcode: &str,
        context: &Context,
    ) -> Result<String, crate::markdown::ShortcodeError> {
        use crate::markdown::ShortcodeError;
        self.tera.render(template, context).map_err(|error| {
            let builtin = self
                .origins
                .get(template)
                .is_some_and(|o| o.to_string_lossy().starts_with("(built-in)"));
            if let ErrorKind::RenderingError(report) = error.kind() {
                if let Some(found) = chart::located_problem(report.message()) {
                    return ShortcodeError::Elsewhere(found);
                }
                if builtin {
                    let error = report.message();
                    return crate::msg!("shortcode-failed", name = shortcode, error = error).into();
                }
            }
            // At the call's line already: the page need not be named again.
            let found = self.diagnostic(&error, None);
            let place = format!(
                "{}:{}:{}",
                crate::diagnostics::display_path(&found.path),
                found.line,
                found.col
            );
            let lang = crate::messages::language();
            let message = crate::msg!(
                "shortcode-template-failed",
                name = shortcode,
                place = place,
                error = found.message_in(lang)
            );
            ShortcodeError::Call(
                message,
                found.hint_in(lang).map(crate::messages::Message::plain),
            )
        })
    }

    fn origin(&self, template: &str) -> PathBuf {
        self.origins
            .get(template)
            .cloned()
            .unwrap_or_else(|| PathBuf::from(format!("templates/{template}")))
    }

    /// Turns a Tera error into a diagnostic at the template's file and line. Tera's own words
    /// (English only) are an argument of the entry; `page` names the content file rendered.
    fn diagnostic(&self, error: &tera::Error, page: Option<&Path>) -> Diagnostic {
        match error.kind() {
            ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
                if let Some(found) = chart::located_problem(report.message()) {
                    return found;
                }
                let span = report.span();
                let text = format!("{}{}", report.message(), error_chain(error));
                let message = match page {
                    Some(page) => crate::msg!("template-error-on-page", error = text, page = page),
                    None => crate::msg!("template-error", error = text),
                };
                Diagnostic::error(
                    self.origin(report.filename()),
                    span.start_line,
                    span.start_col + 1,
                    message,
                )
            }
            ErrorKind::CircularExtend {
                tpl,
                inheritance_chain: chain,
            }
            | ErrorKind::CircularInclude {
                tpl,
                include_chain: chain,
            } => Diagnostic::error(
                self.origin(tpl),
                1,
                1,
                crate::msg!("template-circular", name = tpl, chain = chain.join(" → ")),
            ),
            ErrorKind::MissingParent { current, parent } => Diagnostic::error(
                self.origin(current),
                1,
                1,
                crate::msg!("template-parent-missing", parent = parent),
            )
            .with_hint(self.names_hint(parent)),
            ErrorKind::TemplateNotFound(name) => {
                let at = page.map_or_else(
                    || PathBuf::from(crate::config::CONFIG_FILE),
                    Path::to_path_buf,
                );
                Diagnostic::error(at, 1, 1, crate::msg!("template-not-found", name = name))
                    .with_hint(self.names_hint(name))
            }
            ErrorKind::Msg(text) if located_report(text).is_some() => {
                let (template, line, col, text) = located_report(text).unwrap_or_default();
                let message = match page {
                    Some(page) => {
                        crate::msg!("template-unknown-name-on-page", error = text, page = page)
                    }
                    None => crate::msg!("template-unknown-name", error = text),
                };
                Diagnostic::error(self.origin(&template), line, col, message)
            }
            _ => Diagnostic::error(
                page.unwrap_or(Path::new("templates")),
                1,
                1,
                crate::msg!(
                    "template-failed",
                    error = format!("{error}{}", error_chain(error))
                ),
            ),
        }
    }

    /// "did you mean" among the template names, or the names there are.
    pub fn names_hint(&self, wrong: &str) -> Message {
        let mut names: Vec<&str> = self.origins.keys().map(String::as_str).collect();
        names.sort_unstable();
        crate::suggest::did_you_mean_message(wrong, &names)
    }

    /// "did you mean" among the shortcodes, or the shortcodes there are.
    pub fn shortcodes_hint(&self, wrong: &str) -> Message {
        let names = self.shortcode_names();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        match crate::suggest::closest(wrong, names.iter().copied()) {
            Some(best) => crate::msg!("suggest-did-you-mean", name = best),
            None => crate::msg!(
                "shortcodes-of-this-site",
                names = crate::suggest::code_list(&names)
            ),
        }
    }
}

/// Tera reports some mistakes (an unknown template, filter or function) as text only:
/// `error: Unknown template ...` then ` --> page.html:1:68`. The template, line, column and the
/// first line of the message, when the text has them.
fn located_report(text: &str) -> Option<(String, usize, usize, String)> {
    let first = text.lines().next()?.trim();
    let message = first
        .strip_prefix("error:")
        .unwrap_or(first)
        .trim()
        .to_string();
    let place = text
        .lines()
        .find_map(|l| l.trim_start().strip_prefix("--> "))?;
    let mut parts = place.trim().rsplitn(3, ':');
    let col = parts.next()?.parse().ok()?;
    let line = parts.next()?.parse().ok()?;
    let template = parts.next()?.to_string();
    Some((template, line, col, message))
}

/// The causes below a Tera error (a function's own message), which Tera's text leaves out.
fn error_chain(error: &tera::Error) -> String {
    let mut text = String::new();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

fn new_tera(env: &BTreeMap<String, Option<String>>) -> Tera {
    let mut tera = Tera::new();
    tera.autoescape_on(vec![".html", ".htm", ".xml"]);
    functions::register(&mut tera, None);
    functions::register_env(&mut tera, env.clone());
    tera
}
