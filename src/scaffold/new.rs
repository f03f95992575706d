//! `potline new`: a new page from its type's archetype, with the title, a readable slug (pinyin
//! for Chinese titles), the date and time in the site's time zone and `draft: true` filled in.
//! The page's language is the one asked for (`--lang`), else the one its title is written in
//! when the site has it (a Chinese title makes the `.zh.md` page), else the site's own. An
//! existing file is never overwritten.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use super::archetype::{self, yaml_text};
use super::init::create_new;
use super::slug::slugify;
use crate::config::{Config, ContentType};
use crate::diagnostics::display_path;
use crate::{Error, Result, msg, suggest};

/// What to create.
#[derive(Debug, Clone)]
pub struct NewOptions {
    /// The site root (holding `site.yaml`).
    pub root: PathBuf,
    /// The content type: `news`, `enterprise`, `page`, or any type of `site.yaml`.
    pub kind: String,
    /// The title (for enterprises, the name).
    pub title: String,
    /// The page's language (a code of the site's `languages:`); None: the title's language
    /// when the site has it, else the site's default language.
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
    /// Where the archetype came from: `archetypes/news.md`, or the name of a built-in one.
    pub archetype: String,
    /// The archetype is one of potline's own.
    pub builtin_archetype: bool,
    /// The page's language code.
    pub lang: String,
    /// The language was chosen from the title (it is not the site's default language, and no
    /// `--lang` asked for it).
    pub lang_from_title: bool,
    /// The site's default language.
    pub default_lang: String,
    /// The page's URL within the site: `/zh/news/foo/`.
    pub url: String,
}

/// Creates the page and returns where.
pub fn new_page(options: &NewOptions) -> Result<NewReport> {
    let config = load_config(&options.root)?;
    let ty = content_type(&config, &options.kind)?;
    let (lang, lang_from_title) =
        choose_language(&config, options.lang.as_deref(), &options.title)?;
    let suffix = (!config.is_default_language(&lang)).then_some(lang.as_str());
    let slug = slugify(options.slug.as_deref().unwrap_or(&options.title));
    if slug.is_empty() {
        return Err(Error::message(msg!("new-no-slug", title = &options.title)));
    }
    let target = Target::new(&options.root, ty, &slug, suffix, options.bundle);
    target.refuse_existing(&options.root)?;
    let found = archetype::find(
        &options.root,
        config.theme_dir().as_deref(),
        &ty.name,
        &lang,
    )?;
    let translation_of = target.original(&options.root);
    // A translation is published under the address of the page it translates: it needs a
    // `slug:` only when that page's differs from the one its file name gives.
    let slug_line = match &translation_of {
        Some(original) => {
            slug_of(&options.root.join(original)).filter(|s| *s != target.stem_slug())
        }
        None => Some(slug.clone()),
    };
    let mut values = vec![(ty.title_field.as_str(), yaml_text(&options.title))];
    if let Some(slug_line) = &slug_line {
        values.push(("slug", yaml_text(slug_line)));
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
    let url = page_url(ty, suffix, slug_line.as_deref(), &target);
    Ok(NewReport {
        path: target.path,
        translation_of,
        archetype: found.origin,
        builtin_archetype: found.builtin,
        lang_from_title,
        default_lang: config.language.clone(),
        lang,
        url,
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
            Error::message(msg!("new-site-yaml-problems", problems = list.join("\n")))
        }
        other => other,
    })
}

fn content_type<'a>(config: &'a Config, kind: &str) -> Result<&'a ContentType> {
    config.types.get(kind).ok_or_else(|| {
        let names: Vec<&str> = config.types.keys().map(String::as_str).collect();
        let best = suggest::closest(kind, names.iter().copied()).unwrap_or("none");
        let names: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
        Error::message(msg!(
            "new-unknown-type",
            kind = kind,
            best = best,
            names = names.join(", ")
        ))
    })
}

/// The page's language and whether its title chose it: `--lang` (a language of the site),
/// else the language the title is written in when the site has it, else the default one.
fn choose_language(config: &Config, asked: Option<&str>, title: &str) -> Result<(String, bool)> {
    if let Some(code) = asked {
        let known = config.languages.iter().any(|l| l.code == code);
        if !known {
            let codes: Vec<String> = config
                .languages
                .iter()
                .map(|l| format!("`{}`", l.code))
                .collect();
            return Err(Error::message(msg!(
                "new-language-not-in-site",
                lang = code,
                languages = codes.join(", ")
            )));
        }
        return Ok((code.to_string(), false));
    }
    match title_language(config, title) {
        Some(code) if !config.is_default_language(code) => Ok((code.to_string(), true)),
        _ => Ok((config.language.clone(), false)),
    }
}

/// The site's language a title is written in: Chinese when it has Chinese characters, English
/// when it has Latin letters (and no Chinese); None when the site has no such language.
fn title_language<'a>(config: &'a Config, title: &str) -> Option<&'a str> {
    let family = if title.chars().any(is_han) {
        "zh"
    } else if title.chars().any(|c| c.is_ascii_alphabetic()) {
        "en"
    } else {
        return None;
    };
    config
        .languages
        .iter()
        .map(|l| l.code.as_str())
        .find(|code| *code == family || code.starts_with(&format!("{family}-")))
}

/// A Chinese character (CJK unified ideographs and their extensions, compatibility ideographs).
fn is_han(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2FA1F}')
}

/// The `slug:` of a page file (as published: made a slug), if it sets one.
fn slug_of(path: &Path) -> Option<String> {
    let bytes = std::fs::read(path).ok()?;
    let text = crate::content::decode_text(&bytes).ok()?;
    let split = crate::content::frontmatter::split(&text).ok()?;
    let fields = crate::yaml::to_json(split.front_matter).ok()?;
    let slug = slugify(fields.get("slug")?.as_str()?);
    (!slug.is_empty()).then_some(slug)
}

/// The URL the build gives the page: its language's prefix, its section's URL and its slug.
fn page_url(ty: &ContentType, suffix: Option<&str>, slug: Option<&str>, target: &Target) -> String {
    let prefix = suffix.map(|code| format!("/{code}")).unwrap_or_default();
    let section = crate::content::site::section_url(ty.section.as_deref().unwrap_or(""));
    let slug = slug.map_or_else(|| target.stem_slug(), slugify);
    format!("{prefix}{section}{slug}/")
}

/// The file to create and the other spellings of the same page.
struct Target {
    /// Relative to the site root.
    path: PathBuf,
    /// The same page in the other form (a bundle folder instead of a single file, or the other
    /// way round): it would be published at the same address.
    twin: PathBuf,
    /// For a translation: the page it translates (`foo.md` for `foo.zh.md`, `foo/index.md`
    /// for `foo/index.zh.md`).
    original: Option<PathBuf>,
    /// The name its address is made from when it sets no `slug:` (the file's or the folder's).
    stem: String,
}

impl Target {
    /// A translation takes the form of the page it translates, when that exists; otherwise a
    /// bundle when asked for.
    fn new(
        root: &Path,
        ty: &ContentType,
        slug: &str,
        suffix: Option<&str>,
        bundle: bool,
    ) -> Target {
        let folder = match &ty.section {
            Some(section) => Path::new("content").join(section),
            None => PathBuf::from("content"),
        };
        let ending = |lang: Option<&str>| lang.map(|l| format!(".{l}.md")).unwrap_or(".md".into());
        let flat = |lang| folder.join(format!("{slug}{}", ending(lang)));
        let bundled = |lang| folder.join(slug).join(format!("index{}", ending(lang)));
        let original = suffix.map(|_| {
            if root.join(bundled(None)).is_file() || !root.join(flat(None)).is_file() && bundle {
                bundled(None)
            } else {
                flat(None)
            }
        });
        let as_bundle = match &original {
            Some(original) => original.ends_with("index.md"),
            None => bundle,
        };
        let (path, twin) = if as_bundle {
            (bundled(suffix), flat(suffix))
        } else {
            (flat(suffix), bundled(suffix))
        };
        Target {
            path,
            twin,
            original,
            stem: slug.to_string(),
        }
    }

    /// The slug the build makes from the file name alone.
    fn stem_slug(&self) -> String {
        crate::content::page::slugify_or(&self.stem)
    }

    fn refuse_existing(&self, root: &Path) -> Result<()> {
        if root.join(&self.path).exists() {
            return Err(self.exists_error());
        }
        if root.join(&self.twin).exists() {
            return Err(Error::message(msg!(
                "new-exists-twin",
                path = display_path(&self.twin)
            )));
        }
        Ok(())
    }

    fn exists_error(&self) -> Error {
        Error::message(msg!("new-exists", path = display_path(&self.path)))
    }

    fn original(&self, root: &Path) -> Option<PathBuf> {
        self.original
            .as_ref()
            .filter(|p| root.join(p).is_file())
            .cloned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(languages: &str) -> Config {
        let dir = std::env::temp_dir();
        let text = format!("title: T\nbase_url: https://example.org\nlanguage: en\n{languages}");
        Config::from_text(&dir, &text, None).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn a_chinese_title_chooses_the_chinese_language_of_the_site() {
        let bilingual = config("languages:\n  zh: { name: 中文 }\n");
        assert_eq!(
            choose_language(&bilingual, None, "百色 ASEAN 论坛").ok(),
            Some(("zh".to_string(), true))
        );
        assert_eq!(
            choose_language(&bilingual, None, "Baise forum").ok(),
            Some(("en".to_string(), false))
        );
        assert_eq!(
            choose_language(&bilingual, Some("en"), "百色论坛").ok(),
            Some(("en".to_string(), false))
        );
        let english = config("");
        assert_eq!(
            choose_language(&english, None, "百色论坛").ok(),
            Some(("en".to_string(), false))
        );
        assert!(choose_language(&english, Some("zh"), "百色论坛").is_err());
    }

    #[test]
    fn punctuation_and_digits_alone_choose_nothing() {
        let bilingual = config("languages:\n  zh: { name: 中文 }\n");
        assert_eq!(title_language(&bilingual, "2024：“”"), None);
    }
}
