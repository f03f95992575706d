//! `potline init`: a new site that builds as it is (built-in templates, no theme to fetch), with
//! a first news item and the archetypes staff can edit, in English, in Chinese, or in both (the
//! first language at the site's root, the other under `/<code>/`, every page with its twin). It
//! only ever adds files: nothing that exists is changed or deleted.

use std::path::{Path, PathBuf};

use super::archetype::{self, yaml_text};
use crate::error::IoAction;
use crate::{Error, Result, fs, msg};

/// What to create.
#[derive(Debug, Clone)]
pub struct InitOptions {
    /// The site folder (created if missing).
    pub dir: PathBuf,
    /// The site's title; None: "My Site" in each language.
    pub title: Option<String>,
    /// The IANA time zone dates are read in.
    pub timezone: chrono_tz::Tz,
    /// The site's languages, the one served at the root first.
    pub languages: Vec<SiteLanguage>,
    /// Add the missing files to a folder that is not empty.
    pub force: bool,
}

/// A language `init` can write a site in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SiteLanguage {
    /// English (`en`).
    English,
    /// Simplified Chinese (`zh`).
    Chinese,
}

impl SiteLanguage {
    /// The language of the code `en` or `zh`.
    pub fn parse(code: &str) -> Option<SiteLanguage> {
        match code.trim().to_ascii_lowercase().as_str() {
            "en" => Some(SiteLanguage::English),
            "zh" => Some(SiteLanguage::Chinese),
            _ => None,
        }
    }

    /// Its code: `en`, `zh`.
    pub fn code(self) -> &'static str {
        match self {
            SiteLanguage::English => "en",
            SiteLanguage::Chinese => "zh",
        }
    }

    /// The words of a new site in this language.
    fn words(self) -> &'static Words {
        match self {
            SiteLanguage::English => &ENGLISH,
            SiteLanguage::Chinese => &CHINESE,
        }
    }
}

/// The text of a new site that differs by language.
struct Words {
    name: &'static str,
    title: &'static str,
    description: &'static str,
    /// Home, News, Enterprises, About.
    menu: [&'static str; 4],
    tags: &'static str,
    home: &'static str,
    news_index: &'static str,
    enterprises_index: &'static str,
    about: &'static str,
    first_news: &'static str,
}

const ENGLISH: Words = Words {
    name: "English",
    title: "My Site",
    description: "One or two sentences about the site, shown by search engines.",
    menu: ["Home", "News", "Enterprises", "About"],
    tags: "Tags",
    home: include_str!("site/home.md"),
    news_index: include_str!("site/news-index.md"),
    enterprises_index: include_str!("site/enterprises-index.md"),
    about: include_str!("site/about.md"),
    first_news: include_str!("site/first-news.md"),
};

const CHINESE: Words = Words {
    name: "中文",
    title: "我的网站",
    description: "用一两句话介绍网站，搜索引擎会显示这段文字。",
    menu: ["首页", "新闻", "企业", "关于"],
    tags: "标签",
    home: include_str!("site/home.zh.md"),
    news_index: include_str!("site/news-index.zh.md"),
    enterprises_index: include_str!("site/enterprises-index.zh.md"),
    about: include_str!("site/about.zh.md"),
    first_news: include_str!("site/first-news.zh.md"),
};

/// The menu's targets, in the order of [`Words::menu`].
const MENU_TARGETS: [&str; 4] = [
    "@/_index.md",
    "@/news/_index.md",
    "@/enterprises/_index.md",
    "@/about.md",
];

/// What `init` did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InitReport {
    /// Files written, relative to the site folder.
    pub created: Vec<String>,
    /// Files that already existed and were left as they were.
    pub kept: Vec<String>,
}

/// The relative path of every file a new site has, with its text.
fn files(options: &InitOptions) -> Vec<(String, String)> {
    let languages = languages_or_english(&options.languages);
    let date = chrono::Utc::now()
        .with_timezone(&options.timezone)
        .format("%Y-%m-%d %H:%M")
        .to_string();
    let mut files = vec![("site.yaml".to_string(), site_yaml(options, languages))];
    for (index, lang) in languages.iter().enumerate() {
        let suffix = if index == 0 {
            String::new()
        } else {
            format!(".{}", lang.code())
        };
        let words = lang.words();
        let title = yaml_text(&title_in(options, *lang));
        let pages = [
            ("content/_index", words.home),
            ("content/news/_index", words.news_index),
            ("content/news/the-new-website-is-online", words.first_news),
            ("content/enterprises/_index", words.enterprises_index),
            ("content/about", words.about),
        ];
        for (stem, text) in pages {
            let file = format!("{stem}{suffix}.md");
            let text = text
                .replace("{{title}}", &title)
                .replace("{{date}}", &date)
                .replace("{{file}}", &file);
            files.push((file, text));
        }
    }
    for name in [
        "news.md",
        "news.zh.md",
        "enterprise.md",
        "enterprise.zh.md",
        "page.md",
        "page.zh.md",
    ] {
        let text = archetype::builtin(name).unwrap_or_default().to_string();
        files.push((format!("archetypes/{name}"), text));
    }
    files.push((".gitignore".into(), include_str!("site/gitignore").into()));
    files
}

/// The languages asked for, else English.
fn languages_or_english(languages: &[SiteLanguage]) -> &[SiteLanguage] {
    if languages.is_empty() {
        &[SiteLanguage::English]
    } else {
        languages
    }
}

/// The site's title in `lang`: the one given, else "My Site" in that language.
fn title_in(options: &InitOptions, lang: SiteLanguage) -> String {
    options
        .title
        .clone()
        .unwrap_or_else(|| lang.words().title.to_string())
}

/// `site.yaml`: the first language's words at the top, the others under `languages:`.
fn site_yaml(options: &InitOptions, languages: &[SiteLanguage]) -> String {
    let first = languages[0];
    let words = first.words();
    include_str!("site/site.yaml")
        .replace("{{title}}", &yaml_text(&title_in(options, first)))
        .replace("{{description}}", &yaml_text(words.description))
        .replace("{{language}}", first.code())
        .replace("{{timezone}}", options.timezone.name())
        .replace("{{menu}}", &menu(words, "    "))
        .replace("{{tags}}", &yaml_text(words.tags))
        .replace("{{languages}}", &languages_block(options, languages))
}

/// The main menu's items, one a line, each line starting with `indent`.
fn menu(words: &Words, indent: &str) -> String {
    words
        .menu
        .iter()
        .zip(MENU_TARGETS)
        .map(|(name, target)| format!("{indent}- {{ name: {name}, url: \"{target}\" }}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The `languages:` block of a site in more than one language (empty for one language).
fn languages_block(options: &InitOptions, languages: &[SiteLanguage]) -> String {
    let [first, others @ ..] = languages else {
        return String::new();
    };
    if others.is_empty() {
        return String::new();
    }
    let mut block = format!(
        "\n# Languages: {} at /, the others under /<code>/. A page's translation is a file beside it\n\
         # with the language before `.md` (`about.zh.md` beside `about.md`). `potline new` writes the\n\
         # Chinese page when the title is Chinese, and --lang chooses the language.\nlanguages:\n  {}: {{ name: {} }}\n",
        first.words().name,
        first.code(),
        first.words().name
    );
    for lang in others {
        let words = lang.words();
        block.push_str(&format!(
            "  {code}:\n    name: {name}\n    title: {title}\n    description: {description}\n    menus:\n      main:\n{menu}\n    taxonomies:\n      - {{ name: tags, title: {tags} }}\n",
            code = lang.code(),
            name = words.name,
            title = yaml_text(&title_in(options, *lang)),
            description = yaml_text(words.description),
            menu = menu(words, "        "),
            tags = yaml_text(words.tags),
        ));
    }
    block
}

/// Creates a new site in `options.dir`. A folder with anything in it (other than `.git`) is
/// refused unless `force`, and then only the missing files are added.
pub fn init(options: &InitOptions) -> Result<InitReport> {
    let dir = &options.dir;
    if !options.force && !is_empty_dir(dir)? {
        return Err(Error::message(msg!("init-not-empty", dir = dir)));
    }
    let mut report = InitReport::default();
    for (rel, text) in files(options) {
        if create_new(&dir.join(&rel), text.as_bytes())? {
            report.created.push(rel);
        } else {
            report.kept.push(rel);
        }
    }
    fs::create_dir_all(&dir.join("static/images"))?;
    fs::create_dir_all(&dir.join("templates"))?;
    Ok(report)
}

fn is_empty_dir(dir: &Path) -> Result<bool> {
    match std::fs::read_dir(dir) {
        Ok(mut entries) => Ok(entries.all(|e| e.is_ok_and(|e| e.file_name() == ".git"))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::NotADirectory => {
            Err(Error::message(msg!("init-not-a-folder", dir = dir)))
        }
        Err(e) => Err(Error::io(IoAction::ReadFolder, dir, e)),
    }
}

/// Writes a file that must not exist yet; false (and nothing written) when it does.
pub(crate) fn create_new(path: &Path, bytes: &[u8]) -> Result<bool> {
    use std::io::Write as _;
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)?;
    }
    let mut file = match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
    {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => return Ok(false),
        Err(e) => return Err(Error::io(IoAction::Create, path, e)),
    };
    file.write_all(bytes)
        .map_err(|e| Error::io(IoAction::Write, path, e))?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(languages: Vec<SiteLanguage>) -> InitOptions {
        InitOptions {
            dir: PathBuf::from("site"),
            title: None,
            timezone: chrono_tz::Asia::Shanghai,
            languages,
            force: false,
        }
    }

    #[test]
    fn every_site_yaml_init_writes_is_valid() {
        use SiteLanguage::{Chinese, English};
        for languages in [
            vec![English],
            vec![Chinese],
            vec![English, Chinese],
            vec![Chinese, English],
        ] {
            let text = site_yaml(&options(languages.clone()), &languages);
            let config = crate::config::Config::from_text(Path::new("site"), &text, None)
                .unwrap_or_else(|e| panic!("{languages:?}: {e}\n{text}"));
            let codes: Vec<&str> = config.languages.iter().map(|l| l.code.as_str()).collect();
            let expected: Vec<&str> = languages.iter().map(|l| l.code()).collect();
            assert_eq!(codes, expected);
        }
    }

    #[test]
    fn a_bilingual_site_has_every_page_twice() {
        let languages = vec![SiteLanguage::English, SiteLanguage::Chinese];
        let names: Vec<String> = files(&options(languages))
            .into_iter()
            .map(|(name, _)| name)
            .filter(|name| name.starts_with("content/"))
            .collect();
        assert!(names.contains(&"content/_index.zh.md".to_string()));
        assert!(names.contains(&"content/news/the-new-website-is-online.zh.md".to_string()));
        assert_eq!(names.len(), 10);
    }
}
