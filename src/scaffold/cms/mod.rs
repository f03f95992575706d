//! `potline cms`: the configuration of a git-based CMS (Sveltia CMS or Decap CMS, which read the
//! same file) derived from the site's content types, so that the editing form offers exactly the
//! fields `potline check` accepts. Writes `static/admin/config.yml` and the page that loads the
//! CMS, `static/admin/index.html`.
//!
//! The interface speaks the writer's language (`locale: zh_Hans` for Decap; Sveltia follows the
//! browser, and the configuration written for it has none of the keys only Decap reads). On a site in several languages, Sveltia CMS edits a page and its translation
//! (`foo.md`, `foo.zh.md`) as one entry through its i18n support; Decap CMS cannot (it names the
//! default language's file `foo.en.md`), so with Decap they stay separate entries. Both can try
//! the site out on the writer's computer (Decap through `local_backend` and `npx decap-server`,
//! Sveltia through the browser's access to a local folder), before any git host is set up.

mod form;

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::config::Config;
use crate::messages::Lang;
use crate::source::SourceKind;
use crate::{Error, Result, fs, msg, yaml};

use form::Form;

/// What to write.
#[derive(Debug, Clone)]
pub struct CmsOptions {
    /// The site root (holding `site.yaml`).
    pub root: PathBuf,
    /// Where `index.html` loads the CMS script from (default: the CMS's script on the site
    /// itself, `/admin/sveltia-cms.js` or `/admin/decap-cms.js`, which the site vendors).
    pub script_url: Option<String>,
    /// The backend block; `None` keeps the one of an existing `config.yml`, else a placeholder
    /// that only the local try-out can use.
    pub backend: Option<Value>,
    /// The CMS the page loads; None: Sveltia CMS for a site in several languages, else Decap.
    pub cms: Option<Cms>,
    /// The language of the CMS's interface, labels and hints.
    pub ui: Lang,
}

/// The CMSs potline configures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cms {
    /// Decap CMS (formerly Netlify CMS).
    Decap,
    /// Sveltia CMS, which reads Decap's configuration and edits translations as one entry.
    Sveltia,
}

impl Cms {
    /// The name of its script: `decap-cms.js`, `sveltia-cms.js`.
    pub fn script(self) -> &'static str {
        match self {
            Cms::Decap => "decap-cms.js",
            Cms::Sveltia => "sveltia-cms.js",
        }
    }
}

/// The files written, relative to the site root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CmsReport {
    /// `static/admin/config.yml` and `static/admin/index.html`.
    pub written: Vec<PathBuf>,
    /// The script `index.html` loads.
    pub script_url: String,
    /// The CMS it is.
    pub cms: Cms,
    /// No backend is chosen yet: the CMS can only save on this computer (local try-out).
    pub placeholder_backend: bool,
    /// A site in several languages edited with Decap CMS: each translation is an entry of its
    /// own.
    pub separate_translations: bool,
}

/// The configuration file's path, relative to the site root.
pub const CONFIG_PATH: &str = "static/admin/config.yml";
/// The CMS page's path, relative to the site root.
pub const INDEX_PATH: &str = "static/admin/index.html";

/// Writes the CMS configuration and page of the site in `options.root`.
pub fn write_cms(options: &CmsOptions) -> Result<CmsReport> {
    let config = Config::load(&options.root, None)?;
    let bilingual = config.languages.len() > 1;
    let cms = options
        .cms
        .unwrap_or(if bilingual { Cms::Sveltia } else { Cms::Decap });
    let backend = match &options.backend {
        Some(backend) => backend.clone(),
        None => existing_backend(&options.root).unwrap_or_else(placeholder_backend),
    };
    let placeholder = backend == placeholder_backend();
    let form = Form {
        config: &config,
        ui: options.ui,
        i18n: bilingual && cms == Cms::Sveltia,
    };
    let sections = section_indexes(&options.root, &config)?;
    let value = cms_config(&form, cms, backend, &sections);
    let text = yaml::to_string(&value)
        .map_err(|problem| Error::message(msg!("cms-not-written", problem = problem)))?;
    let header = header(options.ui, placeholder);
    fs::write(
        &options.root.join(CONFIG_PATH),
        format!("{header}{text}").as_bytes(),
    )?;
    let script_url = options
        .script_url
        .clone()
        .unwrap_or_else(|| format!("{}/admin/{}", config.root_path, cms.script()));
    let page = index_html(&config, options.ui, &script_url);
    fs::write(&options.root.join(INDEX_PATH), page.as_bytes())?;
    Ok(CmsReport {
        written: vec![PathBuf::from(CONFIG_PATH), PathBuf::from(INDEX_PATH)],
        script_url,
        cms,
        placeholder_backend: placeholder,
        separate_translations: bilingual && cms == Cms::Decap,
    })
}

/// The backend written until one is chosen: a Gitea or Forgejo repository to name. Both CMSs
/// need a git backend in the configuration, also to work on this computer alone.
pub fn placeholder_backend() -> Value {
    json!({ "name": "gitea", "repo": "OWNER/REPOSITORY", "branch": "main" })
}

/// The comment at the top of `config.yml`, each line starting with `# `.
fn header(ui: Lang, placeholder: bool) -> String {
    let mut text = msg!("cms-config-header").text_in(ui);
    if placeholder {
        text.push('\n');
        text.push_str(&msg!("cms-config-placeholder").text_in(ui));
    }
    text.lines().map(|line| format!("# {line}\n")).collect()
}

fn existing_backend(root: &Path) -> Option<Value> {
    let bytes = std::fs::read(root.join(CONFIG_PATH)).ok()?;
    let text = crate::content::decode_text(&bytes).ok()?;
    let backend = yaml::to_json(&text).ok()?.get("backend")?.clone();
    backend.is_object().then_some(backend)
}

/// A section's own pages (`_index.md` and its translations): the folder, relative to
/// `content/` (`news`, `` for the home page), with the language of each file (None for the
/// default language's).
#[derive(Debug, Clone, PartialEq, Eq)]
struct SectionIndex {
    dir: String,
    languages: Vec<Option<String>>,
}

/// Every section's own pages, for the "Sections" collection.
fn section_indexes(root: &Path, config: &Config) -> Result<Vec<SectionIndex>> {
    let others: Vec<&str> = config.other_languages().collect();
    let files = crate::source::discover_content_in(&root.join("content"), &others)?;
    let mut sections: Vec<SectionIndex> = Vec::new();
    for file in files
        .markdown
        .into_iter()
        .filter(|f| f.kind == SourceKind::SectionIndex)
    {
        let dir = file
            .rel
            .trim_end_matches("_index.md")
            .trim_end_matches('/')
            .to_string();
        match sections.iter_mut().find(|s| s.dir == dir) {
            Some(section) => section.languages.push(file.lang),
            None => sections.push(SectionIndex {
                dir,
                languages: vec![file.lang],
            }),
        }
    }
    Ok(sections)
}

/// The whole configuration, as a value to write as YAML.
fn cms_config(form: &Form<'_>, cms: Cms, backend: Value, sections: &[SectionIndex]) -> Value {
    let config = form.config;
    let mut collections: Vec<Value> = config.types.values().map(|t| form.collection(t)).collect();
    if !sections.is_empty() {
        collections.push(sections_collection(form, sections));
    }
    let mut value = json!({ "backend": backend });
    // Keys only Decap CMS reads (Sveltia CMS's schema refuses them; it works on this computer
    // through the browser, and its interface follows the browser's language).
    if cms == Cms::Decap {
        // Opened from this computer (`potline serve`), it saves through `npx decap-server`
        // into the site's folder; elsewhere it uses the backend.
        value["local_backend"] = json!(true);
        value["locale"] = json!(cms_locale(form.ui));
    }
    let common = json!({
        "site_url": config.base_url,
        "media_folder": "static/images/uploads",
        "public_folder": format!("{}/images/uploads", config.root_path),
        "slug": { "encoding": "unicode", "clean_accents": false, "sanitize_replacement": "-" },
    });
    if let (Value::Object(value), Value::Object(common)) = (&mut value, common) {
        value.extend(common);
    }
    if form.i18n {
        let locales: Vec<&str> = config.languages.iter().map(|l| l.code.as_str()).collect();
        value["i18n"] = json!({
            "structure": "multiple_files",
            "locales": locales,
            "default_locale": config.language,
            // `foo.md` for the default language, as potline names it (Sveltia CMS).
            "omit_default_locale_from_file_path": true,
        });
    }
    value["collections"] = Value::Array(collections);
    value
}

/// Decap's name of the interface language.
fn cms_locale(ui: Lang) -> &'static str {
    match ui {
        Lang::Zh => "zh_Hans",
        Lang::En => "en",
    }
}

/// The sections' own pages (`_index.md`): their title, description and text. With i18n, one
/// entry a section holds every language (`_index.{{locale}}.md`); without, each language's file
/// is an entry.
fn sections_collection(form: &Form<'_>, sections: &[SectionIndex]) -> Value {
    let mut files = Vec::new();
    for section in sections {
        let name = if section.dir.is_empty() {
            "home".to_string()
        } else {
            section.dir.replace('/', "-")
        };
        let label = if section.dir.is_empty() {
            msg!("cms-home-page").text_in(form.ui)
        } else {
            form.collection_label(&section.dir)
        };
        let folder = if section.dir.is_empty() {
            "content".to_string()
        } else {
            format!("content/{}", section.dir)
        };
        if form.i18n {
            let mut file = section_file(
                form,
                &name,
                &label,
                &format!("{folder}/_index.{{{{locale}}}}.md"),
            );
            file["i18n"] = json!(true);
            files.push(file);
            continue;
        }
        for lang in &section.languages {
            let (name, label, path) = match lang {
                None => (name.clone(), label.clone(), format!("{folder}/_index.md")),
                Some(code) => (
                    format!("{name}-{code}"),
                    format!("{label} ({})", language_name(form.config, code)),
                    format!("{folder}/_index.{code}.md"),
                ),
            };
            files.push(section_file(form, &name, &label, &path));
        }
    }
    let mut collection = json!({
        "name": "sections",
        "label": msg!("cms-sections").text_in(form.ui),
        "files": files,
    });
    if form.i18n {
        collection["i18n"] = json!(true);
    }
    collection
}

/// One section page's form: title, description, text.
fn section_file(form: &Form<'_>, name: &str, label: &str, path: &str) -> Value {
    let i18n = |mut field: Value| {
        if form.i18n {
            field["i18n"] = json!(true);
        }
        field
    };
    json!({
        "name": name,
        "label": label,
        "file": path,
        "fields": [
            i18n(json!({ "label": form.field_label("title"), "name": "title", "widget": "string", "required": false })),
            i18n(json!({ "label": form.field_label("description"), "name": "description", "widget": "text", "required": false })),
            i18n(json!({ "label": form.field_label("body"), "name": "body", "widget": "markdown", "required": false })),
        ],
    })
}

/// A language's name as `site.yaml` gives it (`中文`), else its code.
fn language_name(config: &Config, code: &str) -> String {
    config
        .languages
        .iter()
        .find(|l| l.code == code)
        .map_or_else(|| code.to_string(), |l| l.name.clone())
}

/// The page that loads the CMS. The script is not taken from a foreign CDN by default: the site
/// must work where such hosts are blocked or slow (mainland China).
pub fn index_html(config: &Config, ui: Lang, script_url: &str) -> String {
    let base = &config.root_path;
    let lang = ui.code();
    let title = escape(&msg!("cms-page-title", site = &config.title).text_in(ui));
    let comment = msg!("cms-page-comment").text_in(ui).replace("--", "—");
    let script = escape(script_url);
    format!(
        "<!doctype html>\n<!-- {comment} -->\n<html lang=\"{lang}\">\n<head>\n  <meta charset=\"utf-8\">\n  <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n  <meta name=\"robots\" content=\"noindex\">\n  <title>{title}</title>\n  <link href=\"{base}/admin/config.yml\" type=\"text/yaml\" rel=\"cms-config-url\">\n</head>\n<body>\n  <script src=\"{script}\"></script>\n</body>\n</html>\n"
    )
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
