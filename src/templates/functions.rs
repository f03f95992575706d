//! The functions and filters themes call: URLs for content and static files, looking up pages
//! and sections, and formatting dates in the site timezone.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use chrono_tz::Tz;
use tera::{Kwargs, State, Tera, TeraResult, Value};

/// What template functions can see of the site being built.
#[derive(Debug, Default)]
pub struct TemplateData {
    /// URL path prefix of every page (`` or `/sub`).
    pub base_path: String,
    /// Dates are formatted in this timezone.
    pub timezone: Option<Tz>,
    /// `news/foo.md` / `news/_index.md` -> root-relative URL.
    pub urls: HashMap<String, String>,
    /// `news/foo.md` -> the page's template view.
    pub pages: HashMap<String, Value>,
    /// `news/_index.md` -> the section's template view.
    pub sections: HashMap<String, Value>,
    /// Output paths of static files (`css/site.css`).
    pub static_files: HashSet<String>,
    /// Every page's list view (without its content), in the order of the site's pages.
    pub list_views: Vec<Value>,
}

fn content_path(path: &str) -> &str {
    path.strip_prefix("@/").unwrap_or(path)
}

impl TemplateData {
    fn url(&self, path: &str) -> TeraResult<String> {
        if let Some(target) = path.strip_prefix("@/") {
            let (file, anchor) = target.split_once('#').map_or((target, ""), |(f, a)| (f, a));
            let url = self.urls.get(file).ok_or_else(|| {
                tera::Error::message(format!(
                    "get_url: no page or section `@/{file}` (paths are relative to `content/`)"
                ))
            })?;
            return Ok(if anchor.is_empty() {
                url.clone()
            } else {
                format!("{url}#{anchor}")
            });
        }
        if path.starts_with("http://") || path.starts_with("https://") {
            return Ok(path.to_string());
        }
        Ok(format!(
            "{}/{}",
            self.base_path,
            path.trim_start_matches('/')
        ))
    }

    fn asset(&self, path: &str) -> TeraResult<String> {
        let path = path.trim_start_matches('/');
        if !self.static_files.contains(path) {
            return Err(tera::Error::message(format!(
                "asset_url: `{path}` is not in `static/` of the site or the theme"
            )));
        }
        Ok(format!("{}/{path}", self.base_path))
    }
}

/// Registers potline's functions and filters. With `data` None they are placeholders, so that
/// templates can be compiled (Tera checks that called functions exist) before a build has data.
pub fn register(tera: &mut Tera, data: Option<Arc<TemplateData>>) {
    let data = data.unwrap_or_default();
    let d = Arc::clone(&data);
    tera.register_function(
        "get_url",
        move |kwargs: Kwargs, _: &State| -> TeraResult<String> {
            d.url(kwargs.must_get::<&str>("path")?)
        },
    );
    let d = Arc::clone(&data);
    tera.register_function(
        "asset_url",
        move |kwargs: Kwargs, _: &State| -> TeraResult<String> {
            d.asset(kwargs.must_get::<&str>("path")?)
        },
    );
    let d = Arc::clone(&data);
    tera.register_function(
        "get_page",
        move |kwargs: Kwargs, _: &State| -> TeraResult<Value> {
            let path = content_path(kwargs.must_get::<&str>("path")?);
            d.pages.get(path).cloned().ok_or_else(|| {
                tera::Error::message(format!(
                    "get_page: no published page `{path}` (paths are relative to `content/`)"
                ))
            })
        },
    );
    let d = Arc::clone(&data);
    tera.register_function(
        "get_section",
        move |kwargs: Kwargs, _: &State| -> TeraResult<Value> {
            let path = content_path(kwargs.must_get::<&str>("path")?);
            d.sections.get(path).cloned().ok_or_else(|| {
                tera::Error::message(format!(
                    "get_section: no section `{path}` (write it like `news/_index.md`)"
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
