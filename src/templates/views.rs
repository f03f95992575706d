//! The template context contract (documented in `docs/templates.md`): read-only views of the
//! site's pages, sections, config and menus. Internal types may change; these names may not.

use serde::Serialize;
use serde_json::{Map, Value as Json};

use crate::config::Config;
use crate::content::{Page, Section, Site};
use crate::markdown::{RenderedMarkdown, TocEntry};

/// `config` in templates.
#[derive(Debug, Serialize)]
pub struct ConfigView<'a> {
    title: &'a str,
    description: &'a str,
    base_url: &'a str,
    language: &'a str,
    timezone: &'a str,
    theme: Option<&'a str>,
    extra: &'a Json,
}

impl<'a> ConfigView<'a> {
    /// The view of a configuration.
    pub fn new(config: &'a Config) -> Self {
        ConfigView {
            title: &config.title,
            description: &config.description,
            base_url: &config.base_url,
            language: &config.language,
            timezone: config.timezone.name(),
            theme: config.theme.as_deref(),
            extra: &config.extra,
        }
    }
}

/// A neighbouring page: `page.earlier` and `page.later`.
#[derive(Debug, Serialize)]
pub struct LinkView<'a> {
    title: &'a str,
    url: String,
}

/// `page` in templates, and each item of `section.pages`. `content`, `summary` and
/// `taxonomies` are filled in by [`list_page_view`], `toc`, `earlier`, `later`, `json_ld` and
/// `translations` by [`own_page_view`]; they are serialised here, empty, so that the keys of
/// every view keep the order documented in `docs/templates.md`.
#[derive(Debug, Serialize)]
pub struct PageView<'a> {
    title: &'a str,
    kind: &'a str,
    url: String,
    permalink: String,
    path: &'a str,
    slug: &'a str,
    date: Option<String>,
    updated: Option<String>,
    draft: bool,
    content: Option<&'a str>,
    /// Shared with the rendered body: filled in by [`list_page_view`].
    summary: Option<&'a str>,
    /// Shared with the summary's text: filled in by [`list_page_view`].
    description: Option<&'a str>,
    toc: &'a [TocEntry],
    word_count: usize,
    reading_time: usize,
    fields: Map<String, Json>,
    assets: Vec<String>,
    section: String,
    earlier: Option<LinkView<'a>>,
    later: Option<LinkView<'a>>,
    /// Shared between pages ([`TermLinks`]): filled in by [`list_page_view`].
    taxonomies: Option<()>,
    /// Absolute URL of the page's own image (`cover`, `image` or `logo` field), if any.
    image: Option<String>,
    /// schema.org JSON-LD for `<script type="application/ld+json">`, if the type has one.
    json_ld: Option<String>,
    /// The language the text is written in (differs from the site language being rendered when
    /// an untranslated page is shown in its original language).
    lang: String,
    /// False when this is the original shown in place of a missing translation.
    translated: bool,
    /// The page in every language of the site: `{ code, name, url, permalink, exists, current }`.
    translations: Vec<crate::render::TranslationLink>,
}

/// Minutes to read: 200 words a minute for Latin text, 300 characters a minute for Chinese,
/// Japanese and Korean, at least one.
pub fn reading_time(word_count: usize, cjk_count: usize) -> usize {
    let latin = word_count.saturating_sub(cjk_count);
    ((latin * 3 + cjk_count * 2).div_ceil(600)).max(1)
}

/// What a page view is built from.
pub struct PageParts<'a> {
    /// The configuration.
    pub config: &'a Config,
    /// The whole site (for neighbours and the section).
    pub site: &'a Site,
    /// The page.
    pub page: &'a Page,
    /// Its rendered body.
    pub markdown: &'a RenderedMarkdown,
    /// Root-relative URLs of its bundle files.
    pub assets: Vec<String>,
    /// The copies sharing tags and JSON-LD name instead of the site's pictures.
    pub shares: &'a crate::images::ShareImages,
}

/// What a page's own view adds to its list view.
#[derive(Serialize)]
struct PageExtras<'a> {
    toc: &'a [TocEntry],
    earlier: Option<LinkView<'a>>,
    later: Option<LinkView<'a>>,
    json_ld: Option<String>,
    translations: Vec<crate::render::TranslationLink>,
}

/// A page as lists and `get_page` show it (one view a page, held for the whole build):
/// [`PageView`] with what is shared rather than copied filled in (the body, the summary, the
/// term links).
pub fn list_page_view(parts: PageParts<'_>, terms: &TermLinks) -> tera::Value {
    let (config, page, markdown) = (parts.config, parts.page, parts.markdown);
    let view = tera::Value::from_serializable(&PageView::new(parts));
    let mut entries = view.into_map().unwrap_or_default();
    entries.insert("content".into(), markdown.html.value());
    entries.insert("summary".into(), markdown.summary.value());
    entries.insert("description".into(), description_value(&page.doc, markdown));
    entries.insert("taxonomies".into(), terms.of_page(config, page));
    tera::Value::from(entries)
}

/// A page's own view (`page` in its template): its list view plus what only its own template
/// shows, made when that template runs rather than kept for every page (at 100,000 pages these
/// were 400 MB): its table of contents, its neighbours, its JSON-LD and its `translations`.
pub fn own_page_view(
    list: &tera::Value,
    parts: &PageParts<'_>,
    translations: Vec<crate::render::TranslationLink>,
) -> tera::Value {
    let PageParts {
        config,
        site,
        page,
        markdown,
        shares,
        ..
    } = *parts;
    let (earlier, later) = neighbours(config, site, page);
    let description = description(&page.doc, markdown);
    let extras = tera::Value::from_serializable(&PageExtras {
        toc: &markdown.toc,
        earlier,
        later,
        json_ld: crate::seo::page_json_ld(config, shares, site, page, &description),
        translations,
    });
    let mut entries = list.as_map().cloned().unwrap_or_default();
    for (key, value) in extras.as_map().into_iter().flatten() {
        entries.insert(key.clone(), value.clone());
    }
    tera::Value::from(entries)
}

/// The `{ name, url }` of every term as pages spell it, made once and shared by each page view
/// that lists it: a large site's pages mostly carry the same few dozen tags, and a map apiece
/// cost about a kilobyte a page.
pub struct TermLinks {
    /// By taxonomy (in configuration order), then by the value as written.
    links: Vec<std::collections::HashMap<String, tera::Value>>,
}

impl TermLinks {
    /// The links of every term that `pages` list.
    pub fn of<'p>(config: &Config, pages: impl IntoIterator<Item = &'p Page>) -> Self {
        let mut links: Vec<std::collections::HashMap<String, tera::Value>> =
            vec![Default::default(); config.taxonomies.len()];
        for page in pages {
            for (taxonomy, known) in config.taxonomies.iter().zip(&mut links) {
                for value in crate::content::taxonomy::values_of(page, &taxonomy.name) {
                    if !known.contains_key(value) {
                        known.insert(value.to_string(), term_link(config, taxonomy, value));
                    }
                }
            }
        }
        TermLinks { links }
    }

    /// `page.taxonomies`: for each declared taxonomy, the page's terms as `{ name, url }`.
    fn of_page(&self, config: &Config, page: &Page) -> tera::Value {
        let mut map = tera::Map::with_capacity(config.taxonomies.len());
        for (index, taxonomy) in config.taxonomies.iter().enumerate() {
            let known = self.links.get(index);
            let terms: Vec<tera::Value> = crate::content::taxonomy::values_of(page, &taxonomy.name)
                .into_iter()
                .map(|value| match known.and_then(|k| k.get(value)) {
                    Some(shared) => shared.clone(),
                    None => term_link(config, taxonomy, value),
                })
                .collect();
            map.insert(taxonomy.name.clone().into(), tera::Value::from(terms));
        }
        tera::Value::from(map)
    }
}

fn term_link(
    config: &Config,
    taxonomy: &crate::config::TaxonomyConfig,
    value: &str,
) -> tera::Value {
    let name = crate::content::taxonomy::term_label(taxonomy, value);
    let url = format!(
        "{}/{}/{}/",
        config.base_path,
        crate::content::page::slugify_or(&taxonomy.name),
        crate::content::page::slugify_or(value)
    );
    tera::Value::from_serializable(&serde_json::json!({ "name": name, "url": url }))
}

impl<'a> PageView<'a> {
    /// The view of one page as list items show it (see [`list_page_view`], [`own_page_view`]).
    pub fn new(parts: PageParts<'a>) -> Self {
        let PageParts {
            config,
            site,
            page,
            markdown,
            assets,
            shares,
        } = parts;
        let tz = config.timezone;
        let ty = config.type_for_section(&page.section_dir);
        let mut fields = page.doc.fields.clone();
        // Every declared field exists (null when absent), so `{% if page.fields.x %}` never fails.
        for key in ty.fields.keys() {
            fields.entry(key.clone()).or_insert(Json::Null);
        }
        let image = crate::images::PAGE_IMAGE_FIELDS
            .iter()
            .find_map(|key| page.doc.text(key))
            .map(|path| shares.url(config, &page.url, path));
        PageView {
            title: &page.title,
            kind: &page.kind,
            url: format!("{}{}", config.base_path, page.url),
            permalink: permalink(config, &page.url),
            path: &page.doc.rel,
            slug: &page.slug,
            date: page.date.map(|d| crate::dates::to_rfc3339(d, tz)),
            updated: page.updated.map(|d| crate::dates::to_rfc3339(d, tz)),
            draft: page.draft,
            content: None,
            summary: None,
            description: None,
            toc: &[],
            word_count: markdown.word_count,
            reading_time: reading_time(markdown.word_count, markdown.cjk_count),
            fields,
            assets,
            section: site
                .section_of(page)
                .map_or_else(String::new, Section::index_path),
            earlier: None,
            later: None,
            taxonomies: None,
            image,
            json_ld: None,
            lang: page
                .doc
                .lang
                .clone()
                .unwrap_or_else(|| default_language(config)),
            translated: page
                .doc
                .lang
                .as_deref()
                .map_or(config.is_default_language(&config.language), |l| {
                    l == config.language
                }),
            translations: Vec::new(),
        }
    }
}

fn neighbours<'a>(
    config: &Config,
    site: &'a Site,
    page: &Page,
) -> (Option<LinkView<'a>>, Option<LinkView<'a>>) {
    let (earlier, later) = neighbour_indexes(site, page);
    let link = |index: usize| {
        let p = &site.pages[index];
        LinkView {
            title: &p.title,
            url: format!("{}{}", config.base_path, p.url),
        }
    };
    (earlier.map(link), later.map(link))
}

/// The pages before and after `page` in its section (older, newer), for dated pages.
pub fn neighbour_indexes(site: &Site, page: &Page) -> (Option<usize>, Option<usize>) {
    let Some(section) = site.section_of(page).filter(|_| page.date.is_some()) else {
        return (None, None);
    };
    let earlier = section.pages.get(page.position + 1).copied();
    let later = page
        .position
        .checked_sub(1)
        .and_then(|p| section.pages.get(p))
        .copied();
    (earlier, later)
}

fn default_language(config: &Config) -> String {
    config
        .languages
        .first()
        .map_or_else(|| config.language.clone(), |l| l.code.clone())
}

/// `https://host/sub` -> `https://host`: what root-relative URLs are relative to.
pub(crate) fn origin(base_url: &str) -> &str {
    let after_scheme = base_url.find("://").map_or(0, |i| i + 3);
    base_url[after_scheme..]
        .find('/')
        .map_or(base_url, |i| &base_url[..after_scheme + i])
}

/// The absolute URL of a root-relative site URL.
pub fn permalink(config: &Config, url: &str) -> String {
    format!("{}{url}", config.base_url)
}

/// The `description:` or `summary:` field, if the page has one (else the summary's text is used).
fn written_description(doc: &crate::content::Document) -> Option<&str> {
    doc.text("description").or_else(|| doc.text("summary"))
}

fn description(doc: &crate::content::Document, markdown: &RenderedMarkdown) -> String {
    written_description(doc).map_or_else(|| markdown.summary_text.to_string(), str::to_string)
}

/// `description` as a template value: shared with the summary's text when it is that.
fn description_value(doc: &crate::content::Document, markdown: &RenderedMarkdown) -> tera::Value {
    written_description(doc).map_or_else(|| markdown.summary_text.value(), tera::Value::from)
}

/// `section` in templates.
#[derive(Debug, Serialize)]
pub struct SectionView<'a> {
    title: &'a str,
    url: String,
    permalink: String,
    path: String,
    content: &'a str,
    summary: &'a str,
    description: String,
    fields: Map<String, Json>,
    subsections: Vec<String>,
    /// The home page's `WebSite` JSON-LD.
    json_ld: Option<String>,
    /// The section in every language of the site.
    translations: Vec<crate::render::TranslationLink>,
}

impl<'a> SectionView<'a> {
    /// The view of a section, without its `pages` (added by the caller without copying them).
    pub fn new(
        config: &'a Config,
        section: &'a Section,
        markdown: &'a RenderedMarkdown,
        shares: &crate::images::ShareImages,
        translations: Vec<crate::render::TranslationLink>,
    ) -> Self {
        let fields = section
            .index
            .as_ref()
            .map(|d| d.fields.clone())
            .unwrap_or_default();
        let description = section
            .index
            .as_ref()
            .map(|doc| description(doc, markdown))
            .filter(|d| !d.is_empty())
            .unwrap_or_else(|| config.description.clone());
        SectionView {
            title: &section.title,
            url: format!("{}{}", config.base_path, section.url),
            permalink: permalink(config, &section.url),
            path: section.index_path(),
            content: &markdown.html,
            summary: &markdown.summary,
            description,
            fields,
            subsections: section
                .subsections
                .iter()
                .map(|d| format!("{d}/_index.md"))
                .collect(),
            json_ld: section
                .dir
                .is_empty()
                .then(|| crate::seo::website_json_ld(config, shares)),
            translations,
        }
    }
}

/// One entry of a menu in templates.
#[derive(Debug, Clone, Serialize)]
pub struct MenuItemView {
    /// The label.
    pub name: String,
    /// Where it goes.
    pub url: String,
    /// Is it the page being rendered, or its section?
    pub active: bool,
}
