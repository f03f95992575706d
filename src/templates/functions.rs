//! The functions and filters themes call: URLs for content and static files, looking up pages
//! and sections, and formatting dates in the site timezone.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use chrono_tz::Tz;
use tera::{Kwargs, State, Tera, TeraResult, Value};

use crate::messages::Message;
use crate::msg;

/// A template function's error. Tera keeps only the text of a function's error (it becomes
/// part of the template's error at the call's line), so the message is made here, in the run's
/// language, with its hint in brackets when it has one.
pub(super) fn function_error(message: Message) -> tera::Error {
    let lang = crate::messages::language();
    function_error_text(message.text_in(lang), message.hint_in(lang))
}

/// [`function_error`] with a hint of its own (a "did you mean").
pub(super) fn function_error_with(message: Message, hint: Message) -> tera::Error {
    let lang = crate::messages::language();
    function_error_text(message.text_in(lang), Some(hint.text_in(lang)))
}

/// A function's error from its problem and hint, already in the run's language.
pub(super) fn function_error_text(problem: String, hint: Option<String>) -> tera::Error {
    tera::Error::message(match hint {
        Some(hint) => msg!("template-function-problem", problem = problem, hint = hint).text(),
        None => problem,
    })
}

/// What template functions can see of the site being built.
#[derive(Debug, Clone, Default)]
pub struct TemplateData {
    /// URL path prefix of every page (`` or `/sub`, `/sub/zh` in another language).
    pub base_path: String,
    /// URL path prefix of the site root, where static files are, in every language.
    pub root_path: String,
    /// Dates are formatted in this timezone.
    pub timezone: Option<Tz>,
    /// `news/foo.md` / `news/_index.md` -> root-relative URL.
    pub urls: HashMap<String, String>,
    /// `news/foo.md` -> the page's view as lists show it (what `get_page` gives).
    pub pages: HashMap<String, Value>,
    /// `news/_index.md` -> the section's template view.
    pub sections: HashMap<String, Value>,
    /// Output paths of static files (`css/site.css`).
    pub static_files: HashSet<String>,
    /// Every page's view as lists show it, in the order of the site's pages.
    pub list_views: Vec<Value>,
    /// The version of each of those views.
    pub list_versions: Vec<u64>,
    /// `news/foo.md` -> the version of its view (equal versions, equal views).
    pub page_versions: HashMap<String, u64>,
    /// `news/_index.md` -> the version of its view with its pages.
    pub section_versions: HashMap<String, u64>,
    /// The language being rendered, and its theme strings.
    pub language: String,
    /// Theme strings of that language.
    pub strings: Option<super::LanguageStrings>,
    /// Fingerprinted names of static CSS and JS files: `css/site.css` -> `css/site.<hash>.css`.
    pub fingerprints: Option<Arc<crate::assets::Fingerprints>>,
    /// The image pipeline, for `resize_image`.
    pub images: Option<Arc<crate::images::Images>>,
    /// Files `resize_image` can name: `news/foo/photo.jpg` (in `content/`), `img/x.png` (static).
    pub image_sources: HashMap<String, std::path::PathBuf>,
    /// The site's `data/` folder: `chart_figure` names the data file and line of a mistake.
    pub data_dir: Option<std::path::PathBuf>,
    /// The data files this language reads, as templates see them (`data`): `chart_figure` looks
    /// a file up by the name it is given, so that its template need not hand over `data` whole
    /// (which would make every data file read, see `data::reach`).
    pub data_values: Option<Value>,
}

/// Something a template looked up while rendering one output, with what it got: if all of an
/// output's lookups give the same again, the output is the same.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Dependency {
    /// `get_page(path)`, and the version of the view it returned (0: none).
    Page(String, u64),
    /// `get_section(path)`, and the version of the view it returned (0: none).
    Section(String, u64),
    /// `get_url` or `asset_url` with its argument, and a hash of its result or error.
    Url(String, u64),
}

thread_local! {
    /// The lookups of the output being rendered on this thread. Each output renders on one
    /// thread from start to end, so the lookups of different outputs never mix.
    static LOOKUPS: RefCell<Option<Vec<Dependency>>> = const { RefCell::new(None) };
}

fn note(dependency: Dependency) {
    LOOKUPS.with(|lookups| {
        if let Some(list) = lookups.borrow_mut().as_mut() {
            list.push(dependency);
        }
    });
}

/// Runs `render`, returning its result and every lookup it made through potline's functions.
pub fn recording_lookups<T>(render: impl FnOnce() -> T) -> (T, Vec<Dependency>) {
    LOOKUPS.with(|lookups| *lookups.borrow_mut() = Some(Vec::new()));
    let result = render();
    let found = LOOKUPS
        .with(|lookups| lookups.borrow_mut().take())
        .unwrap_or_default();
    (result, found)
}

fn result_hash<T: AsRef<str>>(result: &TeraResult<T>) -> u64 {
    match result {
        Ok(text) => xxhash_rust::xxh3::xxh3_64(text.as_ref().as_bytes()),
        Err(error) => xxhash_rust::xxh3::xxh3_64(error.to_string().as_bytes()) ^ 1,
    }
}

fn content_path(path: &str) -> &str {
    path.strip_prefix("@/").unwrap_or(path)
}

impl TemplateData {
    /// Would this lookup give the same result with this data?
    pub fn still_gives(&self, dependency: &Dependency) -> bool {
        match dependency {
            Dependency::Page(path, version) => {
                self.page_versions.get(path).copied().unwrap_or(0) == *version
            }
            Dependency::Section(path, version) => {
                self.section_versions.get(path).copied().unwrap_or(0) == *version
            }
            Dependency::Url(call, hash) => self.url_result_hash(call) == *hash,
        }
    }

    /// The hash of what `get_url` (or `asset_url`, for `asset:` calls) gives now.
    pub fn url_result_hash(&self, call: &str) -> u64 {
        if let Some(args) = call.strip_prefix("image:") {
            return result_hash(&self.resize_call(args).map(|v| v.to_string()));
        }
        let result = match (
            call.strip_prefix("asset:"),
            call.strip_prefix("fingerprint:"),
        ) {
            (Some(path), _) => self.asset(path, false),
            (_, Some(path)) => self.asset(path, true),
            _ => self.url(call),
        };
        result_hash(&result)
    }

    fn url(&self, path: &str) -> TeraResult<String> {
        if let Some(target) = path.strip_prefix("@/") {
            let (file, anchor) = target.split_once('#').map_or((target, ""), |(f, a)| (f, a));
            let url = self
                .urls
                .get(file)
                .ok_or_else(|| function_error(msg!("template-get-url-missing", path = file)))?;
            return Ok(if anchor.is_empty() {
                url.clone()
            } else {
                format!("{url}#{anchor}")
            });
        }
        if path.starts_with("http://") || path.starts_with("https://") {
            return Ok(path.to_string());
        }
        // A file path: static files are at the site root in every language.
        Ok(format!(
            "{}/{}",
            self.root_path,
            path.trim_start_matches('/')
        ))
    }

    fn asset(&self, path: &str, fingerprint: bool) -> TeraResult<String> {
        let path = path.trim_start_matches('/');
        if !self.static_files.contains(path) {
            return Err(function_error(msg!("template-asset-missing", path = path)));
        }
        if !fingerprint {
            return Ok(format!("{}/{path}", self.root_path));
        }
        let name = self.fingerprints.as_ref().and_then(|f| f.name_for(path));
        let name = name
            .ok_or_else(|| function_error(msg!("template-asset-not-fingerprinted", path = path)))?;
        Ok(format!("{}/{name}", self.root_path))
    }
}

/// Registers potline's functions and filters. With `data` None they are placeholders, so that
/// templates can be compiled (Tera checks that called functions exist) before a build has data.
pub fn register(tera: &mut Tera, data: Option<Arc<TemplateData>>) {
    let data = data.unwrap_or_default();
    super::chart::register(tera, Arc::clone(&data));
    let d = Arc::clone(&data);
    tera.register_function(
        "get_url",
        move |kwargs: Kwargs, _: &State| -> TeraResult<String> {
            let path = kwargs.must_get::<&str>("path")?;
            let result = d.url(path);
            note(Dependency::Url(path.to_string(), result_hash(&result)));
            result
        },
    );
    let d = Arc::clone(&data);
    tera.register_function(
        "asset_url",
        move |kwargs: Kwargs, _: &State| -> TeraResult<String> {
            let path = kwargs.must_get::<&str>("path")?;
            let fingerprint = kwargs.get::<bool>("fingerprint")?.unwrap_or(false);
            let result = d.asset(path, fingerprint);
            let kind = if fingerprint { "fingerprint" } else { "asset" };
            note(Dependency::Url(
                format!("{kind}:{path}"),
                result_hash(&result),
            ));
            result
        },
    );
    let d = Arc::clone(&data);
    tera.register_function(
        "resize_image",
        move |kwargs: Kwargs, _: &State| -> TeraResult<Value> {
            let call = super::images::resize_call_key(&kwargs)?;
            let result = d.resize_call(&call);
            note(Dependency::Url(
                format!("image:{call}"),
                result_hash(&match &result {
                    Ok(value) => Ok(value.to_string()),
                    Err(error) => Err(tera::Error::message(error.to_string())),
                }),
            ));
            result
        },
    );
    let d = Arc::clone(&data);
    tera.register_function(
        "get_page",
        move |kwargs: Kwargs, _: &State| -> TeraResult<Value> {
            let path = content_path(kwargs.must_get::<&str>("path")?);
            note(Dependency::Page(
                path.to_string(),
                d.page_versions.get(path).copied().unwrap_or(0),
            ));
            d.pages
                .get(path)
                .cloned()
                .ok_or_else(|| function_error(msg!("template-get-page-missing", path = path)))
        },
    );
    let d = Arc::clone(&data);
    tera.register_function(
        "get_section",
        move |kwargs: Kwargs, _: &State| -> TeraResult<Value> {
            let path = content_path(kwargs.must_get::<&str>("path")?);
            note(Dependency::Section(
                path.to_string(),
                d.section_versions.get(path).copied().unwrap_or(0),
            ));
            d.sections
                .get(path)
                .cloned()
                .ok_or_else(|| function_error(msg!("template-get-section-missing", path = path)))
        },
    );
    let d = Arc::clone(&data);
    tera.register_function(
        "t",
        move |kwargs: Kwargs, _: &State| -> TeraResult<String> {
            let key = kwargs.must_get::<&str>("key")?;
            let strings = d.strings.as_ref().ok_or_else(|| {
                function_error(msg!("template-no-strings", language = &d.language))
            })?;
            strings.get(key).cloned().ok_or_else(|| {
                function_error(msg!(
                    "template-no-string",
                    key = key,
                    language = &d.language
                ))
            })
        },
    );
    let d = Arc::clone(&data);
    tera.register_filter(
        "date",
        move |value: &str, kwargs: Kwargs, _: &State| -> TeraResult<String> {
            let format = kwargs.get::<&str>("format")?.unwrap_or("%Y-%m-%d");
            crate::dates::format(value, format, d.timezone.unwrap_or(chrono_tz::UTC))
                .map_err(tera::Error::message)
        },
    );
}

/// Registers `get_env(name=..., default=...)`: the variables `template_env:` of site.yaml names,
/// read when the build started; any other name is an error, so a theme cannot read secrets.
pub fn register_env(tera: &mut Tera, allowed: BTreeMap<String, Option<String>>) {
    tera.register_function(
        "get_env",
        move |kwargs: Kwargs, _: &State| -> TeraResult<String> {
            let name = kwargs.must_get::<&str>("name")?;
            let default = kwargs.get::<&str>("default")?;
            let Some(value) = allowed.get(name) else {
                return Err(function_error(msg!(
                    "template-env-not-allowed",
                    name = name
                )));
            };
            match (value, default) {
                (Some(value), _) => Ok(value.clone()),
                (None, Some(default)) => Ok(default.to_string()),
                (None, None) => Err(function_error(msg!("template-env-not-set", name = name))),
            }
        },
    );
}
