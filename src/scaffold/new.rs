//! `potline new`: a new page from its type's archetype, with the title, a readable slug (pinyin
//! for Chinese titles), the date and time in the site's time zone and `draft: true` filled in.
//! An existing file is never overwritten.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use super::archetype::{self, yaml_text};
use super::init::create_new;
use super::slug::slugify;
use crate::config::{Config, ContentType};
use crate::diagnostics::display_path;
use crate::{Error, Result, suggest};

/// What to create.
#[derive(Debug, Clone)]
pub struct NewOptions {
    /// The site root (holding `site.yaml`).
    pub root: PathBuf,
    /// The content type: `news`, `enterprise`, `page`, or any type of `site.yaml`.
    pub kind: String,
    /// The title (for enterprises, the name).
    pub title: String,
    /// Write the translation in this language: `foo.zh.md` beside `foo.md`.
    pub lang: Option<String>,
    /// The slug to use instead of one made from the title.
    pub slug: Option<String>,
    /// Create a folder with an `index.md`, so pictures can sit beside the text.
    pub bundle: bool,
    /// The moment written as the date.
    pub now: DateTime<Utc>,
}

/// What `new` created.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewReport {
    /// The file, relative to the site root: `content/news/foo.md`.
    pub path: PathBuf,
    /// For a translation: the file it translates, when it exists.
    pub translation_of: Option<PathBuf>,
    /// Where the archetype came from.
    pub archetype: String,
}

/// Creates the page and returns where.
pub fn new_page(options: &NewOptions) -> Result<NewReport> {
    let config = load_config(&options.root)?;
    let ty = content_type(&config, &options.kind)?;
    let lang = options.lang.as_deref().map(check_lang).transpose()?;
    let slug = slugify(options.slug.as_deref().unwrap_or(&options.title));
    if slug.is_empty() {
        return Err(Error::message(format!(
            "cannot make a web address from the title \"{}\"\n  hint: give one with --slug, e.g. --slug annual-report-2024",
            options.title
        )));
    }
    let target = Target::new(ty, &slug, lang, options.bundle)?;
    target.refuse_existing(&options.root)?;
    let archetype_lang = lang.unwrap_or(&config.language);
    let found = archetype::find(
        &options.root,
        config.theme_dir().as_deref(),
        &ty.name,
        archetype_lang,
    )?;
    let translation_of = target.original(&options.root);
    let mut values = vec![(ty.title_field.as_str(), yaml_text(&options.title))];
    // A translation takes its address from the file it translates.
    if translation_of.is_none() {
        values.push(("slug", yaml_text(&slug)));
    }
    let has_date =
        ty.fields.contains_key("date") || found.text.lines().any(|l| l.starts_with("date:"));
    if has_date {
        let tz_set = crate::check::timezone_is_set(&options.root);
        values.push(("date", format_date(options.now, config.timezone, tz_set)));
    }
    values.push(("draft", "true".to_string()));
    let text = archetype::fill(&found.text, &values);
    if !create_new(&options.root.join(&target.path), text.as_bytes())? {
        return Err(target.exists_error());
    }
    Ok(NewReport {
        path: target.path,
        translation_of,
        archetype: found.origin,
    })
}

/// `2024-05-01 14:30`, read in the site's time zone; with an explicit offset when `site.yaml`
/// names no time zone, so the moment cannot be misread.
pub fn format_date(now: DateTime<Utc>, tz: chrono_tz::Tz, tz_set: bool) -> String {
    let local = now.with_timezone(&tz);
    if tz_set {
        local.format("%Y-%m-%d %H:%M").to_string()
    } else {
        local.format("%Y-%m-%d %H:%M:%S%:z").to_string()
    }
}

fn load_config(root: &Path) -> Result<Config> {
    Config::load(root, None).map_err(|error| match error {
        Error::Site(problems) => {
            let list: Vec<String> = problems.items().iter().map(ToString::to_string).collect();
            Error::message(format!(
                "site.yaml has problems; fix them first:\n{}",
                list.join("\n")
            ))
        }
        other => other,
    })
}

fn content_type<'a>(config: &'a Config, kind: &str) -> Result<&'a ContentType> {
    config.types.get(kind).ok_or_else(|| {
        let names: Vec<&str> = config.types.keys().map(String::as_str).collect();
        Error::message(format!(
            "there is no content type `{kind}` in this site\n  hint: {}",
            suggest::did_you_mean(kind, &names)
        ))
    })
}

/// Language codes as file suffixes use them: `zh`, `en`, `zh-hant`.
fn check_lang(lang: &str) -> Result<&str> {
    let mut parts = lang.split('-');
    let ok = parts
        .next()
        .is_some_and(|p| (2..=3).contains(&p.len()) && p.chars().all(|c| c.is_ascii_lowercase()))
        && parts.all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric()));
    if ok {
        Ok(lang)
    } else {
        Err(Error::message(format!(
            "`{lang}` is not a language code\n  hint: use a code such as zh or en"
        )))
    }
}

/// The file to create and the other spellings of the same page.
struct Target {
    /// Relative to the site root.
    path: PathBuf,
    /// The other form of the same page (bundle folder vs single file), or `path` itself.
    twin: PathBuf,
    /// For a translation `foo.zh.md`: `foo.md`.
    original: Option<PathBuf>,
}

impl Target {
    fn new(ty: &ContentType, slug: &str, lang: Option<&str>, bundle: bool) -> Result<Target> {
        let folder = match &ty.section {
            Some(section) => Path::new("content").join(section),
            None => PathBuf::from("content"),
        };
        if bundle && lang.is_some() {
            return Err(Error::message(
                "--bundle and --lang cannot be used together yet\n  hint: create the translation as a single file (without --bundle)",
            ));
        }
        let flat = folder.join(format!("{slug}.md"));
        let bundled = folder.join(slug).join("index.md");
        Ok(match (bundle, lang) {
            (true, _) => Target {
                path: bundled,
                twin: flat,
                original: None,
            },
            (false, Some(lang)) => {
                let path = folder.join(format!("{slug}.{lang}.md"));
                Target {
                    twin: path.clone(),
                    path,
                    original: Some(flat),
                }
            }
            (false, None) => Target {
                path: flat,
                twin: bundled,
                original: None,
            },
        })
    }

    fn refuse_existing(&self, root: &Path) -> Result<()> {
        if root.join(&self.path).exists() {
            return Err(self.exists_error());
        }
        if root.join(&self.twin).exists() {
            return Err(Error::message(format!(
                "`{}` already exists with the same address, and potline new never overwrites a page\n  hint: edit that file, or give this one another title or --slug",
                display_path(&self.twin)
            )));
        }
        Ok(())
    }

    fn exists_error(&self) -> Error {
        Error::message(format!(
            "`{}` already exists, and potline new never overwrites a file\n  hint: edit that file, or give this one another title or --slug",
            display_path(&self.path)
        ))
    }

    fn original(&self, root: &Path) -> Option<PathBuf> {
        self.original
            .as_ref()
            .filter(|p| root.join(p).is_file())
            .cloned()
    }
}
