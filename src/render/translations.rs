//! Which pages exist in which languages: the language switcher, `<link rel="alternate"
//! hreflang>` and the sitemap's alternates come from here. A page exists in a language when it
//! has its own file there (`foo.zh.md`), not when the original is only shown in its place.

use std::collections::HashMap;

use serde::Serialize;

use crate::config::Config;
use crate::content::Site;
use crate::templates::views::origin;

/// One language's version of a page, for templates (`page.translations`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TranslationLink {
    /// The language code: `zh`.
    pub code: String,
    /// The language's name in itself: `中文`.
    pub name: String,
    /// The page in that language, or that language's home page when it has no translation.
    pub url: String,
    /// Absolute form of `url`.
    pub permalink: String,
    /// Is `url` this page's translation (rather than the language's home page)?
    pub exists: bool,
    /// Is this the language being rendered?
    pub current: bool,
}

struct LanguageEntry {
    code: String,
    name: String,
    home: String,
    base_url: String,
}

/// Pages and sections by source path, with the languages they exist in.
#[derive(Default)]
pub struct Translations {
    languages: Vec<LanguageEntry>,
    urls: HashMap<String, Vec<(usize, String)>>,
    /// Outputs potline makes rather than a content file (taxonomy and term pages), by their URL
    /// within a language (`/segment/alumina/`): the languages that have them.
    generated: HashMap<String, Vec<usize>>,
}

impl Translations {
    /// Collects every language's pages and sections (`sites` in the order of `config.languages`).
    pub fn of(config: &Config, sites: &[(&Config, &Site)]) -> Translations {
        let mut translations = Translations::default();
        for (index, (lang_config, site)) in sites.iter().enumerate() {
            let code = &lang_config.language;
            let name = config
                .languages
                .iter()
                .find(|l| &l.code == code)
                .map_or_else(|| code.clone(), |l| l.name.clone());
            translations.languages.push(LanguageEntry {
                code: code.clone(),
                name,
                home: format!("{}/", lang_config.base_path),
                base_url: lang_config.base_url.clone(),
            });
            let native = |lang: &Option<String>| {
                if index == 0 {
                    lang.is_none()
                } else {
                    lang.as_deref() == Some(code.as_str())
                }
            };
            for page in site.pages.iter().filter(|p| native(&p.doc.lang)) {
                translations
                    .urls
                    .entry(page.doc.rel.clone())
                    .or_default()
                    .push((index, format!("{}{}", lang_config.base_path, page.url)));
            }
            for taxonomy in site.taxonomies.iter().filter(|t| !t.terms.is_empty()) {
                let urls =
                    std::iter::once(&taxonomy.url).chain(taxonomy.terms.iter().map(|t| &t.url));
                for url in urls {
                    translations
                        .generated
                        .entry(url.clone())
                        .or_default()
                        .push(index);
                }
            }
            for section in site.sections.values() {
                let own = section.index.as_ref().is_none_or(|d| native(&d.lang));
                if own {
                    translations
                        .urls
                        .entry(section.index_path())
                        .or_default()
                        .push((index, format!("{}{}", lang_config.base_path, section.url)));
                }
            }
        }
        translations
    }

    /// Every language's home page, absolute (`https://host/`, `https://host/zh/`).
    pub fn home_permalinks(&self) -> Vec<String> {
        self.languages
            .iter()
            .map(|l| format!("{}/", l.base_url))
            .collect()
    }

    /// Does the site have more than one language?
    pub fn is_multilingual(&self) -> bool {
        self.languages.len() > 1
    }

    /// Every language's version of the page or section `rel`, seen from language `current`.
    pub fn links(&self, rel: &str, current: &str) -> Vec<TranslationLink> {
        let found = self.urls.get(rel);
        self.languages
            .iter()
            .enumerate()
            .map(|(index, language)| {
                let own = found
                    .and_then(|urls| urls.iter().find(|(i, _)| *i == index))
                    .map(|(_, url)| url.clone());
                let exists = own.is_some();
                let url = own.unwrap_or_else(|| language.home.clone());
                TranslationLink {
                    permalink: format!("{}{url}", origin(&language.base_url)),
                    code: language.code.clone(),
                    name: language.name.clone(),
                    url,
                    exists,
                    current: language.code == current,
                }
            })
            .collect()
    }

    /// Every language's version of an output potline makes itself, at `url` within a language
    /// (`/tags/`, `/segment/alumina/`, `/search/`, `/404.html`), seen from language `current`.
    /// Search and 404 pages exist in every language; a taxonomy or term page where that
    /// language has it. Where it has not, the link goes to `parent` there (a term's taxonomy
    /// page) if that exists, else to the language's home page.
    pub fn generated_links(
        &self,
        url: &str,
        parent: Option<&str>,
        current: &str,
    ) -> Vec<TranslationLink> {
        let everywhere = url == "/404.html" || url.ends_with("/search/");
        let has = |url: &str, index: usize| {
            self.generated
                .get(url)
                .is_some_and(|languages| languages.contains(&index))
        };
        self.languages
            .iter()
            .enumerate()
            .map(|(index, language)| {
                let base = language.home.trim_end_matches('/');
                let exists = everywhere || has(url, index);
                let url = if exists {
                    format!("{base}{url}")
                } else {
                    parent
                        .filter(|p| has(p, index))
                        .map_or_else(|| language.home.clone(), |p| format!("{base}{p}"))
                };
                TranslationLink {
                    permalink: format!("{}{url}", origin(&language.base_url)),
                    code: language.code.clone(),
                    name: language.name.clone(),
                    url,
                    exists,
                    current: language.code == current,
                }
            })
            .collect()
    }

    /// The original's absolute URL of a page shown untranslated in another language.
    pub fn original_permalink(&self, rel: &str) -> Option<String> {
        let (index, url) = self.urls.get(rel)?.iter().find(|(i, _)| *i == 0)?;
        Some(format!("{}{url}", origin(&self.languages[*index].base_url)))
    }

    /// [`Translations::generated_links`] as a template value (`translations`), with a key that
    /// changes when the links do.
    pub fn generated_value(
        &self,
        url: &str,
        parent: Option<&str>,
        current: &str,
    ) -> (tera::Value, u64) {
        let links = self.generated_links(url, parent, current);
        let mut key = super::cache::Key::new();
        for link in &links {
            key = key.text(&link.url).number(u64::from(link.exists));
        }
        (tera::Value::from_serializable(&links), key.finish())
    }

    /// Changes whenever the languages a page exists in change.
    pub fn version_of(&self, rel: &str) -> u64 {
        let mut key = super::cache::Key::new();
        for (index, url) in self.urls.get(rel).into_iter().flatten() {
            key = key.number(*index as u64).text(url);
        }
        key.finish()
    }
}
