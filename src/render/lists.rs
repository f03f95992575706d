//! List pages: sections split into pages of N items (`/news/page/2/`), taxonomy index pages
//! (`/tags/`) and term pages (`/tags/brand/`, paginated too). Every list page gets references to
//! the shared page views and its own slice: nothing is copied per list page, so the work stays
//! linear in the number of pages (Zola's quadratic trap avoided).

use std::collections::HashMap;
use std::ops::Range;
use std::path::PathBuf;

use tera::{Map, Value};

use super::cache::Key;
use super::data::with_entry;
use super::{Job, RenderContext};
use crate::content::Section;
use crate::content::taxonomy::{Taxonomy, Term};
use crate::templates::TemplateData;

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

/// One page of a paginated list.
pub(super) struct ListPage {
    /// Its site-relative URL.
    pub url: String,
    /// The `paginator` value.
    pub paginator: Value,
    /// The version of that value.
    pub version: u64,
}

/// Splits `items` (with their versions) into pages of `per_page` (all on one page when None).
/// An empty list still has one (empty) page.
pub(super) fn paginate(
    base: &str,
    base_path: &str,
    items: &[Value],
    versions: &[u64],
    per_page: Option<usize>,
) -> Vec<ListPage> {
    let size = per_page.unwrap_or(items.len()).max(1);
    let total_pages = items.len().div_ceil(size).max(1);
    let link = |n: usize| Value::from(format!("{base_path}{}", page_url(base, n)));
    let optional_link = |n: usize, present: bool| if present { link(n) } else { Value::none() };
    (1..=total_pages)
        .map(|number| {
            let range = ((number - 1) * size).min(items.len())..(number * size).min(items.len());
            let paginator = map(vec![
                ("pages", Value::from(items[range.clone()].to_vec())),
                ("number", Value::from(number)),
                ("total_pages", Value::from(total_pages)),
                ("total_items", Value::from(items.len())),
                ("first", link(1)),
                ("last", link(total_pages)),
                (
                    "previous",
                    optional_link(number.saturating_sub(1), number > 1),
                ),
                ("next", optional_link(number + 1, number < total_pages)),
            ]);
            let version = Key::new()
                .number(number as u64)
                .number(total_pages as u64)
                .number(items.len() as u64)
                .numbers(versions.get(range).unwrap_or_default().iter().copied())
                .finish();
            ListPage {
                url: page_url(base, number),
                paginator,
                version,
            }
        })
        .collect()
}

/// The pages of a section: one, or one per slice when its `_index.md` sets `paginate`. A
/// paginated section's pages get the section without its `pages` (`bare`, with its version):
/// each shows its slice (`paginator.pages`), so that editing one page renders again only the
/// list page that holds it, not all of them.
pub(super) fn section_jobs(
    ctx: &RenderContext<'_>,
    data: &TemplateData,
    section: &Section,
    bare: Option<(Value, u64)>,
) -> Vec<Job> {
    let path = section.index_path();
    let Some(full) = data.sections.get(&path) else {
        return Vec::new();
    };
    let full_version = data.section_versions.get(&path).copied().unwrap_or(0);
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
    let (view, section_version) = match bare.filter(|_| per_page.is_some()) {
        Some((bare, version)) => (bare, version),
        None => (full.clone(), full_version),
    };
    let items: Vec<Value> = section
        .pages
        .iter()
        .map(|&i| data.list_views[i].clone())
        .collect();
    let versions: Vec<u64> = section
        .pages
        .iter()
        .map(|&i| data.list_versions[i])
        .collect();
    paginate(
        &section.url,
        &ctx.config.base_path,
        &items,
        &versions,
        per_page,
    )
    .into_iter()
    .map(|page| {
        let key = Key::new()
            .number(section_version)
            .number(page.version)
            .finish();
        let values = vec![("section", view.clone()), ("paginator", page.paginator)];
        Job::at(
            page.url,
            template.clone(),
            Some(source.clone()),
            values,
            key,
        )
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

/// A taxonomy's view (`taxonomy` in templates) and its version.
pub(super) fn taxonomy_view(base_path: &str, taxonomy: &Taxonomy) -> (Value, u64) {
    let terms: Vec<Value> = taxonomy
        .terms
        .iter()
        .map(|t| term_summary(base_path, t))
        .collect();
    let view = map(vec![
        ("name", Value::from(taxonomy.name.as_str())),
        ("title", Value::from(taxonomy.title.as_str())),
        ("url", Value::from(format!("{base_path}{}", taxonomy.url))),
        ("terms", Value::from(terms)),
    ]);
    let mut key = Key::new()
        .text(&taxonomy.name)
        .text(&taxonomy.title)
        .text(&taxonomy.url);
    for term in &taxonomy.terms {
        key = key
            .text(&term.label)
            .text(&term.slug)
            .number(term.pages.len() as u64);
    }
    (view, key.finish())
}

/// The index page of each taxonomy and the (paginated) pages of each of its terms, added to
/// `jobs`; where each term's jobs are goes to `term_ranges`, by taxonomy and term number.
pub(super) fn taxonomy_jobs(
    ctx: &RenderContext<'_>,
    data: &TemplateData,
    jobs: &mut Vec<Job>,
    term_ranges: &mut HashMap<(usize, usize), Range<usize>>,
) {
    let base_path = &ctx.config.base_path;
    for (t, taxonomy) in ctx.site.taxonomies.iter().enumerate() {
        if taxonomy.terms.is_empty() || t >= ctx.config.taxonomies.len() {
            continue;
        }
        let (taxonomy_value, taxonomy_version) = taxonomy_view(base_path, taxonomy);
        let (twins, twins_key) =
            ctx.translations
                .generated_value(&taxonomy.url, None, &ctx.config.language);
        jobs.push(Job::at(
            taxonomy.url.clone(),
            "taxonomy.html".into(),
            Some(PathBuf::from(crate::config::CONFIG_FILE)),
            vec![
                ("taxonomy", taxonomy_value.clone()),
                ("translations", twins),
            ],
            Key::new()
                .number(taxonomy_version)
                .number(twins_key)
                .finish(),
        ));
        for n in 0..taxonomy.terms.len() {
            let start = jobs.len();
            jobs.extend(term_jobs(
                ctx,
                data,
                t,
                n,
                (&taxonomy_value, taxonomy_version),
            ));
            term_ranges.insert((t, n), start..jobs.len());
        }
    }
}

/// The (paginated) pages of term `n` of taxonomy `t`. `taxonomy_view` is the taxonomy's view
/// and version, when known; otherwise they are made here.
pub(super) fn term_jobs(
    ctx: &RenderContext<'_>,
    data: &TemplateData,
    t: usize,
    n: usize,
    taxonomy_view_and_version: (&Value, u64),
) -> Vec<Job> {
    let base_path = &ctx.config.base_path;
    let (taxonomy_value, taxonomy_version) = taxonomy_view_and_version;
    let (Some(taxonomy), Some(config)) = (ctx.site.taxonomies.get(t), ctx.config.taxonomies.get(t))
    else {
        return Vec::new();
    };
    let Some(term) = taxonomy.terms.get(n) else {
        return Vec::new();
    };
    let source = Some(PathBuf::from(crate::config::CONFIG_FILE));
    let items: Vec<Value> = term
        .pages
        .iter()
        .map(|&i| data.list_views[i].clone())
        .collect();
    let versions: Vec<u64> = term.pages.iter().map(|&i| data.list_versions[i]).collect();
    let feed_url = config
        .feed
        .then(|| format!("{base_path}{}rss.xml", term.url));
    let term_value = with_entry(
        &term_summary(base_path, term),
        "taxonomy",
        Value::from(taxonomy.name.as_str()),
    );
    // Like a paginated section, a paginated term shows its slice only.
    let term_value = if config.paginate.is_some() {
        term_value
    } else {
        with_entry(&term_value, "pages", Value::from(items.clone()))
    };
    let term_value = with_entry(
        &term_value,
        "feed_url",
        feed_url.map_or_else(Value::none, Value::from),
    );
    let listed = if config.paginate.is_some() {
        &[][..]
    } else {
        &versions[..]
    };
    // The term in the other languages: its own page there, else that language's taxonomy page.
    let (twins, twins_key) =
        ctx.translations
            .generated_value(&term.url, Some(&taxonomy.url), &ctx.config.language);
    let term_version = Key::new()
        .number(taxonomy_version)
        .text(&term.slug)
        .number(u64::from(config.feed))
        .numbers(listed.iter().copied())
        .number(twins_key)
        .finish();
    paginate(&term.url, base_path, &items, &versions, config.paginate)
        .into_iter()
        .map(|page| {
            let key = Key::new()
                .number(term_version)
                .number(page.version)
                .finish();
            let values = vec![
                ("taxonomy", taxonomy_value.clone()),
                ("term", term_value.clone()),
                ("paginator", page.paginator),
                ("translations", twins.clone()),
            ];
            Job::at(page.url, "term.html".into(), source.clone(), values, key)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pagination_links_and_slices() {
        let items: Vec<Value> = (0..45).map(Value::from).collect();
        let versions: Vec<u64> = (0..45).collect();
        let pages = paginate("/news/", "", &items, &versions, Some(20));
        let urls: Vec<&str> = pages.iter().map(|p| p.url.as_str()).collect();
        assert_eq!(urls, ["/news/", "/news/page/2/", "/news/page/3/"]);
        let last = serde_json::to_value(&pages[2].paginator).unwrap();
        assert_eq!(last["pages"].as_array().map(Vec::len), Some(5));
        assert!(last["next"].is_null());
        assert_eq!(last["previous"], "/news/page/2/");
    }

    #[test]
    fn an_empty_list_has_one_page() {
        assert_eq!(paginate("/tags/x/", "/sub", &[], &[], Some(20)).len(), 1);
    }

    #[test]
    fn a_slice_version_changes_only_with_its_items() {
        let items: Vec<Value> = (0..4).map(Value::from).collect();
        let before = paginate("/n/", "", &items, &[1, 2, 3, 4], Some(2));
        let after = paginate("/n/", "", &items, &[1, 2, 3, 9], Some(2));
        assert_eq!(before[0].version, after[0].version);
        assert_ne!(before[1].version, after[1].version);
    }
}
