//! `site.yaml`: the raw file types (`ConfigFile`, strict about unknown keys) and the resolved
//! [`Config`] the build uses (absolute base URL, timezone, content types with their schemas).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use indexmap::IndexMap;
use serde::Deserialize;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::messages::Message;
use crate::{Error, Result, fs, suggest, yaml};

/// The configuration file's name, at the site root.
pub const CONFIG_FILE: &str = "site.yaml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    title: String,
    #[serde(default)]
    description: String,
    base_url: String,
    #[serde(default)]
    language: Option<String>,
    #[serde(default)]
    timezone: Option<String>,
    #[serde(default)]
    theme: Option<String>,
    #[serde(default)]
    menus: IndexMap<String, Vec<MenuItemFile>>,
    #[serde(default)]
    types: IndexMap<String, TypeFile>,
    #[serde(default)]
    taxonomies: Vec<TaxonomyFile>,
    #[serde(default)]
    feeds: Option<FeedsFile>,
    #[serde(default)]
    generate: Vec<GenerateFile>,
    #[serde(default)]
    languages: IndexMap<String, LanguageFile>,
    #[serde(default)]
    untranslated: Untranslated,
    #[serde(default)]
    raw_html: RawHtml,
    #[serde(default)]
    template_env: Vec<String>,
    #[serde(default)]
    extra: Option<serde_json::Value>,
    #[serde(default)]
    deploy: Vec<TargetFile>,
    #[serde(default)]
    github_pages: Option<GithubPagesFile>,
    #[serde(default)]
    images: Option<crate::images::ImagesFile>,
    #[serde(default)]
    minify: bool,
    #[serde(default)]
    max_file_size: Option<crate::assets::SizeFile>,
    #[serde(default)]
    messages_language: Option<String>,
}

/// What raw HTML written in Markdown may do.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RawHtml {
    /// Scripts, event handlers and `javascript:` links are shown as text, with a warning.
    #[default]
    Safe,
    /// Everything passes as written: for sites whose every writer is trusted.
    Trusted,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LanguageFile {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    menus: Option<IndexMap<String, Vec<MenuItemFile>>>,
    #[serde(default)]
    taxonomies: Vec<TaxonomyFile>,
    #[serde(default)]
    extra: Option<serde_json::Value>,
}

/// What a language shows for a page that has no translation into it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Untranslated {
    /// The page does not exist in that language (links to it go to the original).
    #[default]
    Omit,
    /// The original is shown under that language's navigation, with a "not yet translated"
    /// notice, and its canonical link pointing at the original.
    Fallback,
}

/// A language of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Language {
    /// Its code: `en`, `zh`.
    pub code: String,
    /// Its name in itself: `English`, `中文`.
    pub name: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct GenerateFile {
    data: String,
    section: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TaxonomyFile {
    name: String,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    paginate: Option<usize>,
    #[serde(default)]
    feed: bool,
    #[serde(default)]
    labels: IndexMap<String, String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FeedsFile {
    #[serde(default)]
    sections: Vec<String>,
    #[serde(default)]
    limit: Option<usize>,
    #[serde(default)]
    full_content: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MenuItemFile {
    name: String,
    url: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TypeFile {
    #[serde(default)]
    section: Option<String>,
    #[serde(default)]
    title_field: Option<String>,
    #[serde(default)]
    schema_org: Option<String>,
    #[serde(default)]
    fields: IndexMap<String, FieldFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FieldFile {
    #[serde(rename = "type")]
    kind: FieldKind,
    #[serde(default)]
    required: bool,
    #[serde(default)]
    values: Option<Vec<String>>,
}

/// The kinds of value a front-matter field can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FieldKind {
    /// Text on one line or several.
    String,
    /// A calendar date, `2021-07-30`.
    Date,
    /// A date with an optional time and offset, `2021-07-30 15:00`.
    Datetime,
    /// `true` or `false`.
    Bool,
    /// A whole number.
    Integer,
    /// Any number.
    Number,
    /// A list of text items (a single item is accepted as a list of one).
    List,
    /// A nested mapping.
    Map,
    /// An absolute `http(s)://` address.
    Url,
    /// A path to an image beside the page or under `static/`.
    Image,
    /// Anything.
    Any,
}

impl FieldKind {
    /// The kind as the catalogue's messages name it (`bool`), each language in its words.
    pub fn code(self) -> &'static str {
        match self {
            FieldKind::String => "string",
            FieldKind::Date => "date",
            FieldKind::Datetime => "datetime",
            FieldKind::Bool => "bool",
            FieldKind::Integer => "integer",
            FieldKind::Number => "number",
            FieldKind::List => "list",
            FieldKind::Map => "map",
            FieldKind::Url => "url",
            FieldKind::Image => "image",
            FieldKind::Any => "any",
        }
    }
}

/// One field of a content type's schema.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldSpec {
    /// The kind of value.
    pub kind: FieldKind,
    /// Must every page of the type have it?
    pub required: bool,
    /// For text and lists: the only values allowed, if restricted.
    pub values: Option<Vec<String>>,
}

/// A content type (news, enterprise, page, ...) and its front-matter schema.
#[derive(Debug, Clone, PartialEq)]
pub struct ContentType {
    /// The type's name, as templates see it in `page.kind`.
    pub name: String,
    /// The top-level section whose pages have this type, if any.
    pub section: Option<String>,
    /// The field holding the page's title (`name` for enterprises).
    pub title_field: String,
    /// The fields the type declares, beyond the keys every page accepts.
    pub fields: IndexMap<String, FieldSpec>,
    /// The schema.org type of its structured data (`NewsArticle`, `Organization`), if any.
    pub schema_org: Option<String>,
}

/// A taxonomy (tags, segment, county): a front-matter list whose values get their own pages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaxonomyConfig {
    /// The front-matter key, `tags`.
    pub name: String,
    /// The heading of its index page, `Tags`.
    pub title: String,
    /// Terms per list page, if paginated.
    pub paginate: Option<usize>,
    /// Write an RSS and an Atom feed per term.
    pub feed: bool,
    /// Display names of terms by value (`electrolytic-aluminum` -> `Electrolytic aluminum`).
    pub labels: IndexMap<String, String>,
}

/// Which pages go into the site's RSS and Atom feeds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedsConfig {
    /// Section folders whose pages are in the site feed (all dated pages when empty).
    pub sections: Vec<String>,
    /// At most this many items, newest first.
    pub limit: usize,
    /// Whole articles rather than summaries.
    pub full_content: bool,
}

/// A section whose pages are made from the rows of a data file (`generate:` in `site.yaml`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedSection {
    /// The file under `data/`: `members.csv`.
    pub data: String,
    /// The section folder the pages belong to: `enterprises`.
    pub section: String,
    /// Where it is declared in `site.yaml`.
    pub line: usize,
}

/// What a language changes in the configuration.
#[derive(Debug, Clone, Default)]
pub struct LanguageOverride {
    /// The site's name in that language.
    pub title: Option<String>,
    /// Its description in that language.
    pub description: Option<String>,
    /// Its menus in that language.
    pub menus: Option<IndexMap<String, Vec<MenuItem>>>,
    /// Entries of `extra` replaced in that language.
    pub extra: Option<serde_json::Value>,
    /// Taxonomy titles and term labels in that language, by taxonomy name.
    pub taxonomies: Vec<TaxonomyConfig>,
}

/// A menu entry as written in `site.yaml`; its target is resolved with the site's pages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MenuItem {
    /// The label shown.
    pub name: String,
    /// `@/path.md`, a root-relative path or an absolute URL.
    pub target: String,
    /// Where it is written in `site.yaml`, for errors about a broken target.
    pub line: usize,
}

/// The resolved configuration of a site.
#[derive(Debug, Clone)]
pub struct Config {
    /// The site root folder (holding `site.yaml`).
    pub root: PathBuf,
    /// The site's name.
    pub title: String,
    /// One or two sentences about the site.
    pub description: String,
    /// Absolute base URL without a trailing slash: `https://example.org` or `https://example.org/sub`.
    pub base_url: String,
    /// The URL path prefix of every page: `` or `/sub` (`/sub/zh` in another language).
    pub base_path: String,
    /// The site root's base URL, the same in every language: static files live there.
    pub root_url: String,
    /// The site root's path prefix, the same in every language.
    pub root_path: String,
    /// The language code of the content (`en`).
    pub language: String,
    /// Dates without an offset are read in this timezone, and shown in it.
    pub timezone: chrono_tz::Tz,
    /// The theme folder name under `themes/`, if any.
    pub theme: Option<String>,
    /// Menus by name.
    pub menus: IndexMap<String, Vec<MenuItem>>,
    /// Content types by name; `page` always exists.
    pub types: IndexMap<String, ContentType>,
    /// Taxonomies, in the order declared.
    pub taxonomies: Vec<TaxonomyConfig>,
    /// Site feeds, when configured.
    pub feeds: Option<FeedsConfig>,
    /// Sections generated from data files.
    pub generate: Vec<GeneratedSection>,
    /// Every language, the default one (served at `/`) first.
    pub languages: Vec<Language>,
    /// What other languages show for untranslated pages.
    pub untranslated: Untranslated,
    /// Raw HTML passes as written (`raw_html: trusted`) rather than made safe.
    pub trusted_html: bool,
    /// The environment variables templates may read with `get_env` (`template_env:`), with
    /// their values when the build started (None: not set). No other variable is readable.
    pub template_env: BTreeMap<String, Option<String>>,
    /// Per-language replacements of title, description, menus and extra.
    pub language_overrides: IndexMap<String, LanguageOverride>,
    /// Free values for themes.
    pub extra: serde_json::Value,
    /// Where `potline deploy` publishes, in the order declared.
    pub deploy: Vec<DeployTarget>,
    /// GitHub Pages settings, when the site is published there (`CNAME`, `.nojekyll`).
    pub github_pages: Option<GithubPages>,
    /// How images are resized (`images:`).
    pub images: crate::images::ImageSettings,
    /// Minify HTML, CSS and JS in `potline build` (`minify: true`, or `--minify`).
    pub minify: bool,
    /// Published files larger than this many bytes are warned about (`max_file_size:`).
    pub max_file_size: u64,
    /// The language potline's own messages take for this site (`messages_language:`), unless
    /// the command line chooses one.
    pub messages_language: Option<crate::messages::Lang>,
}

impl Config {
    /// Reads and resolves `site.yaml` in `root`; `base_url` replaces the configured one.
    pub fn load(root: &Path, base_url: Option<&str>) -> Result<Config> {
        let path = root.join(CONFIG_FILE);
        if !path.is_file() {
            return Err(Error::message(crate::msg!(
                "config-not-found",
                folder = root.display().to_string()
            )));
        }
        let bytes = fs::read(&path)?;
        let text = match crate::content::decode_text(&bytes) {
            Ok(text) => text,
            Err(problem) => return Err(site_error(vec![problem.at(CONFIG_FILE)])),
        };
        Config::from_text(root, &text, base_url)
    }

    /// Resolves the text of a `site.yaml` that belongs to the site in `root`.
    pub(crate) fn from_text(root: &Path, text: &str, base_url: Option<&str>) -> Result<Config> {
        let raw: ConfigFile = yaml::from_str(text).map_err(|e| {
            site_error(vec![
                Diagnostic::error(CONFIG_FILE, e.line, e.col, e.message).with_optional_hint(e.hint),
            ])
        })?;
        resolve(root, text, raw, base_url)
    }

    /// The content type of a page in the section folder `section_dir` (`news`, `news/2021`).
    pub fn type_for_section(&self, section_dir: &str) -> &ContentType {
        self.types
            .values()
            .find(|t| {
                t.section
                    .as_deref()
                    .is_some_and(|s| section_dir == s || section_dir.starts_with(&format!("{s}/")))
            })
            .unwrap_or_else(|| &self.types["page"])
    }

    /// The folder holding the theme, if a theme is configured.
    pub fn theme_dir(&self) -> Option<PathBuf> {
        self.theme
            .as_ref()
            .map(|name| self.root.join("themes").join(name))
    }
}

fn site_error(items: Vec<Diagnostic>) -> Error {
    let mut diagnostics = Diagnostics::new();
    diagnostics.extend(items);
    Error::Site(diagnostics)
}

fn resolve(root: &Path, text: &str, raw: ConfigFile, base_url: Option<&str>) -> Result<Config> {
    let ConfigFile {
        title,
        description,
        base_url: configured_base_url,
        language,
        timezone,
        theme,
        menus,
        types,
        taxonomies,
        feeds,
        generate,
        languages,
        untranslated,
        raw_html,
        template_env,
        extra,
        deploy,
        github_pages,
        images,
        minify,
        max_file_size,
        messages_language,
    } = raw;
    let lines = yaml::top_level_keys(text);
    let line_of = |key: &str| {
        lines
            .iter()
            .find(|(k, ..)| k == key)
            .map_or(1, |(_, l, _)| *l)
    };
    let mut problems = Vec::new();

    let base_url = base_url
        .unwrap_or(&configured_base_url)
        .trim_end_matches('/')
        .to_string();
    let base_path = match base_path_of(&base_url) {
        Some(path) => path,
        None => {
            problems.push(Diagnostic::error(
                CONFIG_FILE,
                line_of("base_url"),
                1,
                crate::msg!("config-base-url-not-absolute", value = &base_url),
            ));
            String::new()
        }
    };
    let timezone = resolve_timezone(timezone.as_deref(), line_of("timezone"), &mut problems);
    if let Some(name) = &theme {
        check_theme(root, name, line_of("theme"), &mut problems);
    }
    let types = resolve_types(types, text, &mut problems);
    let menus = menus
        .into_iter()
        .map(|(name, items)| (name, resolve_menu(items, text)))
        .collect();

    check_menu_urls(&menus, &[yaml::Step::Key("menus")], text, &mut problems);

    let language = language.unwrap_or_else(|| "en".to_string());
    let (site_languages, language_overrides) = resolve_languages(&language, languages, text);
    for (code, over) in &language_overrides {
        let at = [
            yaml::Step::Key("languages"),
            yaml::Step::Key(code),
            yaml::Step::Key("menus"),
        ];
        if let Some(menus) = &over.menus {
            check_menu_urls(menus, &at, text, &mut problems);
        }
    }
    let deploy = resolve_deploy(root, deploy, text, &mut problems);
    let github_pages = github_pages
        .and_then(|raw| resolve_github_pages(raw, line_of("github_pages"), &mut problems));
    let images = crate::images::ImageSettings::resolve(
        images.unwrap_or_default(),
        line_of("images"),
        &mut problems,
    );
    let max_file_size =
        crate::assets::resolve_size(max_file_size, line_of("max_file_size"), &mut problems);
    let messages_language = resolve_messages_language(
        messages_language.as_deref(),
        line_of("messages_language"),
        &mut problems,
    );
    if !problems.is_empty() {
        return Err(site_error(problems));
    }
    Ok(Config {
        root: root.to_path_buf(),
        title,
        description,
        root_url: base_url.clone(),
        root_path: base_path.clone(),
        base_url,
        base_path,
        language,
        timezone,
        theme,
        menus,
        types,
        taxonomies: taxonomies.into_iter().map(resolve_taxonomy).collect(),
        feeds: feeds.map(
            |FeedsFile {
                 sections,
                 limit,
                 full_content,
             }| FeedsConfig {
                sections,
                limit: limit.unwrap_or(20),
                full_content,
            },
        ),
        generate: generate
            .into_iter()
            .map(|GenerateFile { data, section }| {
                let line = text
                    .lines()
                    .position(|l| l.contains(&data))
                    .map_or(1, |i| i + 1);
                GeneratedSection {
                    data,
                    section,
                    line,
                }
            })
            .collect(),
        languages: site_languages,
        untranslated,
        trusted_html: raw_html == RawHtml::Trusted,
        template_env: template_env
            .into_iter()
            .map(|name| {
                let value = std::env::var(&name).ok();
                (name, value)
            })
            .collect(),
        language_overrides,
        extra: extra.unwrap_or(serde_json::Value::Object(Default::default())),
        deploy,
        github_pages,
        images,
        minify,
        max_file_size,
        messages_language,
    })
}

/// `messages_language: zh` (or `en`): the language of potline's messages for this site.
fn resolve_messages_language(
    written: Option<&str>,
    line: usize,
    problems: &mut Vec<Diagnostic>,
) -> Option<crate::messages::Lang> {
    let written = written?;
    let lang = crate::messages::Lang::parse(written);
    if lang.is_none() {
        problems.push(Diagnostic::error(
            CONFIG_FILE,
            line,
            1,
            crate::msg!("config-messages-language", value = written),
        ));
    }
    lang
}

/// The language `site.yaml` in `root` asks potline's messages to take, read before anything
/// else so that even the problems of `site.yaml` itself are told in it; None when the file
/// cannot be read or does not say.
pub fn messages_language_of(root: &Path) -> Option<crate::messages::Lang> {
    let text = std::fs::read_to_string(root.join(CONFIG_FILE)).ok()?;
    let value = yaml::to_json(&text).ok()?;
    crate::messages::Lang::parse(value.get("messages_language")?.as_str()?)
}

fn resolve_taxonomy(raw: TaxonomyFile) -> TaxonomyConfig {
    let TaxonomyFile {
        name,
        title,
        paginate,
        feed,
        labels,
    } = raw;
    let title = title.unwrap_or_else(|| {
        let mut chars = name.chars();
        chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default()
    });
    TaxonomyConfig {
        name,
        title,
        paginate: paginate.filter(|n| *n > 0),
        feed,
        labels,
    }
}

/// The default language first, then the others in the order `languages:` lists them.
fn resolve_languages(
    default: &str,
    declared: IndexMap<String, LanguageFile>,
    text: &str,
) -> (Vec<Language>, IndexMap<String, LanguageOverride>) {
    let name_of = |code: &str, file: Option<&LanguageFile>| {
        file.and_then(|f| f.name.clone())
            .unwrap_or_else(|| match code {
                "en" => "English".to_string(),
                "zh" | "zh-hans" | "zh-cn" => "中文".to_string(),
                other => other.to_string(),
            })
    };
    let mut languages = vec![Language {
        code: default.to_string(),
        name: name_of(default, declared.get(default)),
    }];
    let mut overrides = IndexMap::new();
    for (code, file) in declared {
        if code != default {
            languages.push(Language {
                name: name_of(&code, Some(&file)),
                code: code.clone(),
            });
        }
        let LanguageFile {
            name: _,
            title,
            description,
            menus,
            taxonomies,
            extra,
        } = file;
        let taxonomies = taxonomies.into_iter().map(resolve_taxonomy).collect();
        let menus = menus.map(|menus| {
            menus
                .into_iter()
                .map(|(name, items)| (name, resolve_menu(items, text)))
                .collect()
        });
        overrides.insert(
            code,
            LanguageOverride {
                title,
                description,
                menus,
                extra,
                taxonomies,
            },
        );
    }
    (languages, overrides)
}

impl Config {
    /// Is this the language served at the site root?
    pub fn is_default_language(&self, code: &str) -> bool {
        self.languages.first().is_some_and(|l| l.code == code)
    }

    /// The configuration as one language sees it: its title, description, menus and extra, its
    /// URLs under `/<code>/` (unless it is the default language), and `language` set to it.
    pub fn for_language(&self, code: &str) -> Config {
        let mut config = self.clone();
        config.language = code.to_string();
        if !self.is_default_language(code) {
            config.base_path = format!("{}/{code}", self.base_path);
            config.base_url = format!("{}/{code}", self.base_url);
        }
        if let Some(over) = self.language_overrides.get(code) {
            config.title = over.title.clone().unwrap_or(config.title);
            config.description = over.description.clone().unwrap_or(config.description);
            config.menus = over.menus.clone().unwrap_or(config.menus);
            for translated in &over.taxonomies {
                if let Some(taxonomy) = config
                    .taxonomies
                    .iter_mut()
                    .find(|t| t.name == translated.name)
                {
                    taxonomy.title = translated.title.clone();
                    taxonomy.labels.extend(translated.labels.clone());
                }
            }
            if let (Some(serde_json::Value::Object(extra)), serde_json::Value::Object(base)) =
                (&over.extra, &mut config.extra)
            {
                for (key, value) in extra {
                    base.insert(key.clone(), value.clone());
                }
            }
        }
        config
    }

    /// The codes of the languages other than the default one.
    pub fn other_languages(&self) -> impl Iterator<Item = &str> {
        self.languages.iter().skip(1).map(|l| l.code.as_str())
    }
}

/// A deploy target as written under `deploy:`. Which keys apply depends on `kind`; keys of the
/// other kind are reported. Credentials are never read from `site.yaml`: only the names of the
/// environment variables or the credentials-file profile that hold them.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TargetFile {
    name: String,
    kind: TargetKindFile,
    #[serde(default)]
    endpoint: Option<String>,
    #[serde(default)]
    bucket: Option<String>,
    #[serde(default)]
    prefix: Option<String>,
    #[serde(default)]
    region: Option<String>,
    #[serde(default)]
    virtual_hosted_style: Option<bool>,
    #[serde(default)]
    profile: Option<String>,
    #[serde(default)]
    access_key_id_env: Option<String>,
    #[serde(default)]
    secret_access_key_env: Option<String>,
    #[serde(default)]
    cache_control: Option<CacheControlFile>,
    #[serde(default)]
    path: Option<String>,
    #[serde(default)]
    keep: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
enum TargetKindFile {
    S3,
    Folder,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CacheControlFile {
    #[serde(default)]
    html: Option<String>,
    #[serde(default)]
    assets: Option<String>,
    #[serde(default)]
    fingerprinted: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct GithubPagesFile {
    #[serde(default)]
    cname: Option<String>,
}

/// A place `potline deploy` publishes the built site to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeployTarget {
    /// The name `--target` chooses it by.
    pub name: String,
    /// Where it is and how it is reached.
    pub kind: TargetKind,
}

/// The kinds of deploy target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TargetKind {
    /// An S3-compatible bucket (AWS S3, Alibaba OSS, Tencent COS, Huawei OBS, Cloudflare R2, MinIO).
    S3(Box<S3Target>),
    /// A local or mounted folder served by a web server, swapped in atomically.
    Folder(FolderTarget),
}

/// An S3-compatible bucket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct S3Target {
    /// `https://oss-cn-hongkong.aliyuncs.com`; AWS S3 of `region` when not given.
    pub endpoint: Option<String>,
    /// The bucket's name.
    pub bucket: String,
    /// The key prefix the site lives under, without slashes at either end (`` for the root).
    pub prefix: String,
    /// The region requests are signed for.
    pub region: String,
    /// Address the bucket as `bucket.host` (needed by OSS, COS and OBS) rather than `host/bucket`.
    pub virtual_hosted_style: bool,
    /// Where the access key is read from.
    pub credentials: CredentialSource,
    /// `Cache-Control` of uploaded files.
    pub cache_control: CacheControl,
}

/// Where an S3 target's access key comes from: two environment variables, else a profile of the
/// shared credentials file (`~/.aws/credentials`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CredentialSource {
    /// The variable holding the access key id (`AWS_ACCESS_KEY_ID`).
    pub access_key_id_env: String,
    /// The variable holding the secret (`AWS_SECRET_ACCESS_KEY`).
    pub secret_access_key_env: String,
    /// The credentials-file profile; `AWS_PROFILE`, else `default`, when not given.
    pub profile: Option<String>,
}

/// `Cache-Control` values by kind of file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CacheControl {
    /// HTML pages: short, so that a new deploy shows at once.
    pub html: String,
    /// Other files whose names do not change with their content.
    pub assets: String,
    /// Files with a content hash in their name (`site.3f2a1c9e.css`): cached for good.
    pub fingerprinted: String,
}

impl Default for CacheControl {
    fn default() -> Self {
        CacheControl {
            html: "public, max-age=300".into(),
            assets: "public, max-age=3600".into(),
            fingerprinted: "public, max-age=31536000, immutable".into(),
        }
    }
}

/// A folder served by a web server. Each deploy is a new release folder beside it
/// (`<path>.releases/`), and `<path>` is a symbolic link switched to it in one step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FolderTarget {
    /// The folder the web server serves (its `root`), absolute.
    pub path: PathBuf,
    /// How many releases to keep, the current one included (at least 2 allow a rollback).
    pub keep: usize,
}

/// GitHub Pages settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GithubPages {
    /// The custom domain, written to `CNAME`.
    pub cname: Option<String>,
}

/// The line of `site.yaml` declaring the target `name`, for messages.
fn target_line(text: &str, name: &str) -> usize {
    let declared = |l: &str| {
        l.split([',', '{', '-'])
            .any(|part| part.trim().strip_prefix("name:").map(str::trim) == Some(name))
    };
    text.lines()
        .position(declared)
        .or_else(|| text.lines().position(|l| l.starts_with("deploy:")))
        .map_or(1, |i| i + 1)
}

fn resolve_deploy(
    root: &Path,
    targets: Vec<TargetFile>,
    text: &str,
    problems: &mut Vec<Diagnostic>,
) -> Vec<DeployTarget> {
    let mut resolved: Vec<DeployTarget> = Vec::new();
    for raw in targets {
        let line = target_line(text, &raw.name);
        let mut error = |message: Message| {
            problems.push(Diagnostic::error(CONFIG_FILE, line, 1, message));
        };
        if raw.name.is_empty() || raw.name.contains(char::is_whitespace) {
            error(crate::msg!("config-deploy-name-invalid", name = &raw.name));
        } else if resolved.iter().any(|t| t.name == raw.name) {
            error(crate::msg!("config-deploy-name-twice", name = &raw.name));
        }
        let name = raw.name.clone();
        let kind = match raw.kind {
            TargetKindFile::S3 => {
                resolve_s3_target(raw, &mut error).map(|t| TargetKind::S3(Box::new(t)))
            }
            TargetKindFile::Folder => {
                resolve_folder_target(root, raw, &mut error).map(TargetKind::Folder)
            }
        };
        if let Some(kind) = kind {
            resolved.push(DeployTarget { name, kind });
        }
    }
    resolved
}

fn resolve_s3_target(raw: TargetFile, error: &mut impl FnMut(Message)) -> Option<S3Target> {
    let TargetFile {
        name,
        kind: _,
        endpoint,
        bucket,
        prefix,
        region,
        virtual_hosted_style,
        profile,
        access_key_id_env,
        secret_access_key_env,
        cache_control,
        path,
        keep,
    } = raw;
    for (key, given) in [("path", path.is_some()), ("keep", keep.is_some())] {
        if given {
            error(crate::msg!(
                "config-deploy-folder-key-on-s3",
                key = key,
                name = &name
            ));
        }
    }
    let endpoint = endpoint.map(|e| e.trim_end_matches('/').to_string());
    if let Some(e) = &endpoint
        && base_path_of(e).is_none_or(|path| !path.is_empty())
    {
        error(crate::msg!(
            "config-deploy-endpoint-invalid",
            endpoint = e,
            name = &name
        ));
    }
    let Some(bucket) = bucket.filter(|b| !b.is_empty()) else {
        error(crate::msg!("config-deploy-no-bucket", name = &name));
        return None;
    };
    let virtual_hosted_style = virtual_hosted_style.unwrap_or_else(|| {
        // These services serve only `bucket.host` addresses.
        endpoint.as_deref().is_some_and(|e| {
            ["aliyuncs.com", "myqcloud.com", "myhuaweicloud.com"]
                .iter()
                .any(|host| e.contains(host))
        })
    });
    let defaults = CacheControl::default();
    let cache_control = cache_control.map_or(defaults.clone(), |c| {
        let CacheControlFile {
            html,
            assets,
            fingerprinted,
        } = c;
        CacheControl {
            html: html.unwrap_or(defaults.html),
            assets: assets.unwrap_or(defaults.assets),
            fingerprinted: fingerprinted.unwrap_or(defaults.fingerprinted),
        }
    });
    Some(S3Target {
        endpoint,
        bucket,
        prefix: prefix.unwrap_or_default().trim_matches('/').to_string(),
        region: region.unwrap_or_else(|| "us-east-1".into()),
        virtual_hosted_style,
        credentials: CredentialSource {
            access_key_id_env: access_key_id_env.unwrap_or_else(|| "AWS_ACCESS_KEY_ID".into()),
            secret_access_key_env: secret_access_key_env
                .unwrap_or_else(|| "AWS_SECRET_ACCESS_KEY".into()),
            profile,
        },
        cache_control,
    })
}

fn resolve_folder_target(
    root: &Path,
    raw: TargetFile,
    error: &mut impl FnMut(Message),
) -> Option<FolderTarget> {
    let TargetFile {
        name,
        kind: _,
        endpoint,
        bucket,
        prefix,
        region,
        virtual_hosted_style,
        profile,
        access_key_id_env,
        secret_access_key_env,
        cache_control,
        path,
        keep,
    } = raw;
    let s3_keys = [
        ("endpoint", endpoint.is_some()),
        ("bucket", bucket.is_some()),
        ("prefix", prefix.is_some()),
        ("region", region.is_some()),
        ("virtual_hosted_style", virtual_hosted_style.is_some()),
        ("profile", profile.is_some()),
        ("access_key_id_env", access_key_id_env.is_some()),
        ("secret_access_key_env", secret_access_key_env.is_some()),
        ("cache_control", cache_control.is_some()),
    ];
    for (key, _) in s3_keys.iter().filter(|(_, given)| *given) {
        error(crate::msg!(
            "config-deploy-s3-key-on-folder",
            key = *key,
            name = &name
        ));
    }
    let keep = keep.unwrap_or(2);
    if keep == 0 {
        error(crate::msg!("config-deploy-keeps-none", name = &name));
    }
    let Some(path) = path.filter(|p| !p.trim().is_empty()) else {
        error(crate::msg!("config-deploy-no-path", name = &name));
        return None;
    };
    let path = PathBuf::from(path.trim_end_matches('/'));
    Some(FolderTarget {
        path: if path.is_absolute() {
            path
        } else {
            root.join(path)
        },
        keep: keep.max(1),
    })
}

fn resolve_github_pages(
    raw: GithubPagesFile,
    line: usize,
    problems: &mut Vec<Diagnostic>,
) -> Option<GithubPages> {
    let GithubPagesFile { cname } = raw;
    let cname = cname.map(|c| c.trim().to_string());
    if let Some(domain) = &cname
        && (domain.is_empty() || domain.contains(['/', ':', ' ']))
    {
        problems.push(Diagnostic::error(
            CONFIG_FILE,
            line,
            1,
            crate::msg!("config-cname-invalid", value = domain),
        ));
        return None;
    }
    Some(GithubPages { cname })
}

/// `https://host/sub` -> `/sub`; `https://host` -> ``; anything not absolute -> None.
fn base_path_of(base_url: &str) -> Option<String> {
    let rest = base_url
        .strip_prefix("https://")
        .or_else(|| base_url.strip_prefix("http://"))?;
    if rest.is_empty() || rest.starts_with('/') || rest.contains(char::is_whitespace) {
        return None;
    }
    Some(
        rest.find('/')
            .map_or(String::new(), |i| rest[i..].to_string()),
    )
}

fn resolve_timezone(
    name: Option<&str>,
    line: usize,
    problems: &mut Vec<Diagnostic>,
) -> chrono_tz::Tz {
    let Some(name) = name else {
        return chrono_tz::UTC;
    };
    chrono_tz::Tz::from_str(name).unwrap_or_else(|_| {
        let names: Vec<&str> = chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name()).collect();
        let hint = suggest::closest(name, names.iter().copied())
            .map(|best| crate::msg!("suggest-did-you-mean", name = best));
        problems.push(
            Diagnostic::error(
                CONFIG_FILE,
                line,
                1,
                crate::msg!("config-unknown-timezone", name = name),
            )
            .with_optional_hint(hint),
        );
        chrono_tz::UTC
    })
}

fn check_theme(root: &Path, name: &str, line: usize, problems: &mut Vec<Diagnostic>) {
    let plain_name = Path::new(name)
        .components()
        .all(|c| matches!(c, std::path::Component::Normal(_)))
        && !name.contains(['/', '\\']);
    if !plain_name {
        problems.push(Diagnostic::error(
            CONFIG_FILE,
            line,
            1,
            crate::msg!("config-theme-not-a-name", name = name),
        ));
        return;
    }
    if root.join("themes").join(name).is_dir() {
        return;
    }
    let available: Vec<String> = std::fs::read_dir(root.join("themes"))
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .filter(|e| e.path().is_dir())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    let refs: Vec<&str> = available.iter().map(String::as_str).collect();
    let hint = if refs.is_empty() {
        crate::msg!("config-no-themes-folder-hint")
    } else {
        suggest::did_you_mean_message(name, &refs)
    };
    problems.push(
        Diagnostic::error(
            CONFIG_FILE,
            line,
            1,
            crate::msg!("config-theme-not-found", name = name),
        )
        .with_hint(hint),
    );
}

fn resolve_menu(items: Vec<MenuItemFile>, text: &str) -> Vec<MenuItem> {
    items
        .into_iter()
        .map(|MenuItemFile { name, url }| {
            let line = text
                .lines()
                .position(|l| l.contains(&url))
                .map_or(1, |i| i + 1);
            MenuItem {
                name,
                target: url,
                line,
            }
        })
        .collect()
}

/// Refuses menu addresses that could run code in readers' browsers (`javascript:`, `data:`
/// with a page or a script, in any spelling a browser accepts), judged as links in Markdown
/// are. `at` is where the menus are in `site.yaml`.
fn check_menu_urls(
    menus: &IndexMap<String, Vec<MenuItem>>,
    at: &[yaml::Step<'_>],
    text: &str,
    problems: &mut Vec<Diagnostic>,
) {
    for (menu, items) in menus {
        for (index, item) in items.iter().enumerate() {
            if !crate::html_safety::is_dangerous_url(&item.target) {
                continue;
            }
            let mut path = at.to_vec();
            path.extend([
                yaml::Step::Key(menu),
                yaml::Step::Index(index),
                yaml::Step::Key("url"),
            ]);
            let (line, col) = yaml::position_of(text, &path).unwrap_or((item.line, 1));
            let message = crate::msg!(
                "config-menu-dangerous-url",
                name = &item.name,
                url = shown_address(&item.target)
            );
            problems.push(Diagnostic::error(CONFIG_FILE, line, col, message));
        }
    }
}

/// An address as a message shows it: its start, with control characters escaped.
fn shown_address(url: &str) -> String {
    url.chars()
        .take(40)
        .map(|c| match c.is_control() {
            true => c.escape_debug().to_string(),
            false => c.to_string(),
        })
        .collect()
}

fn resolve_types(
    declared: IndexMap<String, TypeFile>,
    text: &str,
    problems: &mut Vec<Diagnostic>,
) -> IndexMap<String, ContentType> {
    let mut types = builtin_types();
    for (
        name,
        TypeFile {
            section,
            title_field,
            schema_org,
            fields,
        },
    ) in declared
    {
        let fields: IndexMap<String, FieldSpec> = fields
            .into_iter()
            .map(
                |(
                    key,
                    FieldFile {
                        kind,
                        required,
                        values,
                    },
                )| {
                    (
                        key,
                        FieldSpec {
                            kind,
                            required,
                            values,
                        },
                    )
                },
            )
            .collect();
        let title_field = title_field.unwrap_or_else(|| "title".to_string());
        if title_field != "title" && !fields.contains_key(&title_field) {
            let line = text
                .lines()
                .position(|l| l.contains("title_field"))
                .map_or(1, |i| i + 1);
            let message = crate::msg!("config-title-field-undeclared", field = &title_field)
                .arg("type", &name);
            problems.push(Diagnostic::error(CONFIG_FILE, line, 1, message));
        }
        let schema_org = schema_org.or_else(|| types.get(&name).and_then(|t| t.schema_org.clone()));
        types.insert(
            name.clone(),
            ContentType {
                name,
                section,
                title_field,
                fields,
                schema_org,
            },
        );
    }
    types
}

fn field(kind: FieldKind, required: bool) -> FieldSpec {
    FieldSpec {
        kind,
        required,
        values: None,
    }
}

/// The types a site has without declaring any: news, enterprise profiles and plain pages.
fn builtin_types() -> IndexMap<String, ContentType> {
    let news = [
        ("title", field(FieldKind::String, true)),
        ("date", field(FieldKind::Datetime, true)),
        ("summary", field(FieldKind::String, false)),
        ("tags", field(FieldKind::List, false)),
        ("segment", field(FieldKind::List, false)),
        ("author", field(FieldKind::String, false)),
        ("cover", field(FieldKind::Image, false)),
    ];
    let enterprise = [
        ("name", field(FieldKind::String, true)),
        ("segment", field(FieldKind::List, false)),
        ("county", field(FieldKind::String, false)),
        ("website", field(FieldKind::Url, false)),
        ("logo", field(FieldKind::Image, false)),
        ("products", field(FieldKind::List, false)),
        ("summary", field(FieldKind::String, false)),
    ];
    let page = [("title", field(FieldKind::String, true))];
    let make = |name: &str,
                section: Option<&str>,
                title_field: &str,
                schema_org: Option<&str>,
                fields: &[(&str, FieldSpec)]| {
        let fields = fields
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect();
        let ty = ContentType {
            name: name.to_string(),
            section: section.map(str::to_string),
            title_field: title_field.to_string(),
            fields,
            schema_org: schema_org.map(str::to_string),
        };
        (name.to_string(), ty)
    };
    IndexMap::from([
        make("news", Some("news"), "title", Some("NewsArticle"), &news),
        make(
            "enterprise",
            Some("enterprises"),
            "name",
            Some("Organization"),
            &enterprise,
        ),
        make("page", None, "title", None, &page),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_path_is_the_url_path() {
        assert_eq!(base_path_of("https://example.org").as_deref(), Some(""));
        assert_eq!(
            base_path_of("https://example.org/sub").as_deref(),
            Some("/sub")
        );
        assert_eq!(base_path_of("example.org"), None);
    }
}
