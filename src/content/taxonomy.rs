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
                        label: config
                            .labels
                            .get(value)
                            .cloned()
                            .unwrap_or_else(|| value.to_string()),
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
