//! Taxonomies (tags, industry segment, county): the values pages list under a taxonomy's key
//! become terms, each with its own page listing the pages that carry it.

use std::collections::BTreeMap;

use serde_json::Value;

use super::page::{Page, slugify_or};
use crate::config::TaxonomyConfig;

/// One value of a taxonomy and the pages that have it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The value as written in front matter (the first spelling met).
    pub name: String,
    /// The display name: the configured label, else the value.
    pub label: String,
    /// The URL segment.
    pub slug: String,
    /// Root-relative URL within the site: `/tags/brand/`.
    pub url: String,
    /// Pages with this term, newest first when dated, else by title.
    pub pages: Vec<usize>,
}

/// A taxonomy with its terms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Taxonomy {
    /// The front-matter key.
    pub name: String,
    /// The heading of the index page.
    pub title: String,
    /// Root-relative URL of the index page: `/tags/`.
    pub url: String,
    /// Terms sorted by label.
    pub terms: Vec<Term>,
}

/// The values a page lists under `key` (a list, or a single text value).
pub fn values_of<'a>(page: &'a Page, key: &str) -> Vec<&'a str> {
    match page.doc.fields.get(key) {
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).collect(),
        Some(Value::String(s)) => vec![s.as_str()],
        _ => Vec::new(),
    }
}

/// How a term is shown: its label from `labels:` in site.yaml (per language), else the value
/// made readable: a slug-like value (`ecological-aluminum`) becomes words with a capital
/// (`Ecological aluminum`); any other value (`品牌`, `Baise`) is shown as written.
pub fn term_label(config: &TaxonomyConfig, value: &str) -> String {
    if let Some(label) = config.labels.get(value) {
        return label.clone();
    }
    let slug_like = !value.is_empty()
        && value
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_' | ' '));
    if !slug_like {
        return value.to_string();
    }
    let words = value
        .split(['-', '_', ' '])
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let mut chars = words.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_ascii_uppercase().to_string() + chars.as_str()
    })
}

/// Collects every taxonomy's terms. `pages` must already be in listing order (newest first),
/// so each term's pages keep it: the work is linear in the number of (page, term) pairs.
pub fn collect(configs: &[TaxonomyConfig], pages: &[Page], order: &[usize]) -> Vec<Taxonomy> {
    configs
        .iter()
        .map(|config| {
            let base = format!("/{}/", slugify_or(&config.name));
            let mut terms: BTreeMap<String, Term> = BTreeMap::new();
            for &index in order {
                for value in values_of(&pages[index], &config.name) {
                    let slug = slugify_or(value);
                    let term = terms.entry(slug.clone()).or_insert_with(|| Term {
                        name: value.to_string(),
                        label: term_label(config, value),
                        url: format!("{base}{slug}/"),
                        slug,
                        pages: Vec::new(),
                    });
                    if term.pages.last() != Some(&index) {
                        term.pages.push(index);
                    }
                }
            }
            let mut terms: Vec<Term> = terms.into_values().collect();
            terms.sort_by(|a, b| {
                a.label
                    .to_lowercase()
                    .cmp(&b.label.to_lowercase())
                    .then_with(|| a.slug.cmp(&b.slug))
            });
            Taxonomy {
                name: config.name.clone(),
                title: config.title.clone(),
                url: base,
                terms,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn taxonomy(labels: &[(&str, &str)]) -> TaxonomyConfig {
        TaxonomyConfig {
            name: "tags".into(),
            title: "Tags".into(),
            paginate: None,
            feed: false,
            labels: labels
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        }
    }

    #[test]
    fn terms_show_their_label_or_readable_words_never_a_slug() {
        let tags = taxonomy(&[("brand", "The brand")]);
        assert_eq!(term_label(&tags, "brand"), "The brand");
        assert_eq!(
            term_label(&tags, "ecological-aluminum"),
            "Ecological aluminum"
        );
        assert_eq!(term_label(&tags, "carbon_label"), "Carbon label");
        assert_eq!(term_label(&tags, "品牌"), "品牌");
        assert_eq!(term_label(&tags, "Baise"), "Baise");
        assert_eq!(term_label(&tags, "2025"), "2025");
    }
}
