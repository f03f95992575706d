//! List pages: sections split into pages of N items (`/news/page/2/`), taxonomy index pages
//! (`/tags/`) and term pages (`/tags/brand/`, paginated too). Every list page gets references to
//! the shared page views and its own slice: nothing is copied per list page, so the work stays
//! linear in the number of pages (Zola's quadratic trap avoided).

use std::path::PathBuf;

use tera::{Map, Value};

use super::RenderContext;
use super::data::with_entry;
use crate::content::Section;
use crate::content::taxonomy::{Taxonomy, Term};
use crate::templates::TemplateData;

/// One list page to render.
pub(super) struct ListJob {
    /// Site-relative URL of this page: `/news/page/2/`.
    pub url: String,
    /// The template.
    pub template: String,
    /// The file shown in error messages.
    pub source: PathBuf,
    /// Context entries beyond the common ones (`section`, `paginator`, `term`, ...).
    pub values: Vec<(&'static str, Value)>,
}

fn map(entries: Vec<(&'static str, Value)>) -> Value {
    let mut map = Map::new();
    for (key, value) in entries {
        map.insert(key.into(), value);
    }
    Value::from(map)
}

/// Site-relative URL of page `number` (1-based) of a list at `base`.
fn page_url(base: &str, number: usize) -> String {
    if number == 1 {
        base.to_string()
    } else {
        format!("{base}page/{number}/")
    }
}

/// Splits `items` into pages of `per_page` (all on one page when None) and returns each page's
/// site-relative URL with its `paginator` value. An empty list still has one (empty) page.
pub(super) fn paginate(
    base: &str,
    base_path: &str,
    items: &[Value],
    per_page: Option<usize>,
) -> Vec<(String, Value)> {
    let size = per_page.unwrap_or(items.len()).max(1);
    let total_pages = items.len().div_ceil(size).max(1);
    let link = |n: usize| Value::from(format!("{base_path}{}", page_url(base, n)));
    (1..=total_pages)
        .map(|number| {
            let start = (number - 1) * size;
            let slice = items[start.min(items.len())..(start + size).min(items.len())].to_vec();
            let paginator = map(vec![
                ("pages", Value::from(slice)),
                ("number", Value::from(number)),
                ("total_pages", Value::from(total_pages)),
                ("total_items", Value::from(items.len())),
                ("first", link(1)),
                ("last", link(total_pages)),
                (
                    "previous",
                    if number > 1 {
                        link(number - 1)
                    } else {
                        Value::none()
                    },
                ),
                (
                    "next",
                    if number < total_pages {
                        link(number + 1)
                    } else {
                        Value::none()
                    },
                ),
            ]);
            (page_url(base, number), paginator)
        })
        .collect()
}

/// The pages of a section: one, or one per slice when its `_index.md` sets `paginate`.
pub(super) fn section_jobs(
    ctx: &RenderContext<'_>,
    data: &TemplateData,
    section: &Section,
) -> Vec<ListJob> {
    let Some(view) = data.sections.get(&section.index_path()) else {
        return Vec::new();
    };
    let index = section.index.as_ref();
    let template = index
        .and_then(|d| d.text("template"))
        .map(str::to_string)
        .unwrap_or_else(|| {
            if section.dir.is_empty() {
                "index.html".into()
            } else {
                "section.html".into()
            }
        });
    let source = index.map_or_else(
        || PathBuf::from("content").join(&section.dir),
        |d| d.display_path.clone(),
    );
    let per_page = index
        .and_then(|d| d.fields.get("paginate"))
        .and_then(serde_json::Value::as_u64)
        .and_then(|n| usize::try_from(n).ok());
    let items: Vec<Value> = section
        .pages
        .iter()
        .map(|&i| data.list_views[i].clone())
        .collect();
    paginate(&section.url, &ctx.config.base_path, &items, per_page)
        .into_iter()
        .map(|(url, paginator)| ListJob {
            url,
            template: template.clone(),
            source: source.clone(),
            values: vec![("section", view.clone()), ("paginator", paginator)],
        })
        .collect()
}

fn term_summary(base_path: &str, term: &Term) -> Value {
    map(vec![
        ("name", Value::from(term.label.as_str())),
        ("slug", Value::from(term.slug.as_str())),
        ("url", Value::from(format!("{base_path}{}", term.url))),
        ("count", Value::from(term.pages.len())),
    ])
}

fn taxonomy_view(base_path: &str, taxonomy: &Taxonomy) -> Value {
    let terms: Vec<Value> = taxonomy
        .terms
        .iter()
        .map(|t| term_summary(base_path, t))
        .collect();
    map(vec![
        ("name", Value::from(taxonomy.name.as_str())),
        ("title", Value::from(taxonomy.title.as_str())),
        ("url", Value::from(format!("{base_path}{}", taxonomy.url))),
        ("terms", Value::from(terms)),
    ])
}

/// The index page of each taxonomy and the (paginated) page of each of its terms.
pub(super) fn taxonomy_jobs(ctx: &RenderContext<'_>, data: &TemplateData) -> Vec<ListJob> {
    let base_path = &ctx.config.base_path;
    let source = PathBuf::from(crate::config::CONFIG_FILE);
    let mut jobs = Vec::new();
    for (taxonomy, config) in ctx
        .site
        .taxonomies
        .iter()
        .zip(&ctx.config.taxonomies)
        .filter(|(t, _)| !t.terms.is_empty())
    {
        let taxonomy_value = taxonomy_view(base_path, taxonomy);
        jobs.push(ListJob {
            url: taxonomy.url.clone(),
            template: "taxonomy.html".into(),
            source: source.clone(),
            values: vec![("taxonomy", taxonomy_value.clone())],
        });
        for term in &taxonomy.terms {
            let items: Vec<Value> = term
                .pages
                .iter()
                .map(|&i| data.list_views[i].clone())
                .collect();
            let feed_url = config
                .feed
                .then(|| format!("{base_path}{}rss.xml", term.url));
            let term_value = with_entry(
                &term_summary(base_path, term),
                "taxonomy",
                Value::from(taxonomy.name.as_str()),
            );
            let term_value = with_entry(&term_value, "pages", Value::from(items.clone()));
            let term_value = with_entry(
                &term_value,
                "feed_url",
                feed_url.map_or_else(Value::none, Value::from),
            );
            for (url, paginator) in paginate(&term.url, base_path, &items, config.paginate) {
                jobs.push(ListJob {
                    url,
                    template: "term.html".into(),
                    source: source.clone(),
                    values: vec![
                        ("taxonomy", taxonomy_value.clone()),
                        ("term", term_value.clone()),
                        ("paginator", paginator),
                    ],
                });
            }
        }
    }
    jobs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pagination_links_and_slices() {
        let items: Vec<Value> = (0..45).map(Value::from).collect();
        let pages = paginate("/news/", "", &items, Some(20));
        let urls: Vec<&str> = pages.iter().map(|(u, _)| u.as_str()).collect();
        assert_eq!(urls, ["/news/", "/news/page/2/", "/news/page/3/"]);
        let last = serde_json::to_value(&pages[2].1).unwrap();
        assert_eq!(last["pages"].as_array().map(Vec::len), Some(5));
        assert!(last["next"].is_null());
        assert_eq!(last["previous"], "/news/page/2/");
    }

    #[test]
    fn an_empty_list_has_one_page() {
        assert_eq!(paginate("/tags/x/", "/sub", &[], Some(20)).len(), 1);
    }
}
