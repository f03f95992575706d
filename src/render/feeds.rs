//! Machine-readable outputs: RSS 2.0 and Atom feeds (site-wide and per taxonomy term, written
//! with the `rss` and `atom_syndication` crates), `sitemap.xml` and `robots.txt`.

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset, Utc};

use super::RenderContext;
use crate::content::Page;
use crate::output::{Content, Output};
use crate::templates::views::{origin, permalink};
use crate::{dates, xml_text};

/// The pages a feed lists: dated pages newest first, at most `limit`.
struct FeedSpec<'a> {
    /// Site-relative URL of the folder the feed files go in (`/` or `/tags/brand/`).
    folder: String,
    title: String,
    pages: Vec<&'a Page>,
    indexes: Vec<usize>,
}

/// The attributes whose values are addresses (`srcset` holds several).
const URL_ATTRIBUTES: [&str; 5] = ["href", "src", "srcset", "poster", "cite"];

/// Feed readers show HTML out of the site's context: links and images must be absolute.
/// Root-relative ones get the site's origin; relative ones (a bundle's `photo.jpg`) the page's URL.
/// Only the URL attributes of parsed tags change: text, and code blocks showing markup such as
/// `<a href="/x">`, stay as written.
fn absolutize(html: &str, origin: &str, page_url: &str) -> String {
    let rewrite = lol_html::element!("*", |element| {
        for name in URL_ATTRIBUTES {
            let Some(value) = element.get_attribute(name) else {
                continue;
            };
            let absolute = if name == "srcset" {
                // Candidates: `url 480w, url 960w`.
                value
                    .split(',')
                    .map(|candidate| {
                        let url = candidate.trim_start();
                        let space = &candidate[..candidate.len() - url.len()];
                        format!("{space}{}{url}", absolute_prefix(url, origin, page_url))
                    })
                    .collect::<Vec<_>>()
                    .join(",")
            } else {
                format!("{}{value}", absolute_prefix(&value, origin, page_url))
            };
            if absolute != value {
                element.set_attribute(name, &absolute)?;
            }
        }
        Ok(())
    });
    let settings = lol_html::RewriteStrSettings::new()
        .append_element_content_handler(rewrite)
        .with_strict(false)
        .with_enable_esi_tags(false);
    // Rewriting fails only on markup too broken to read: then the links stay relative.
    lol_html::rewrite_str(html, settings).unwrap_or_else(|_| html.to_string())
}

/// What goes before `value` to make it absolute: nothing, the origin or the page's URL.
fn absolute_prefix<'a>(value: &str, origin: &'a str, page_url: &'a str) -> &'a str {
    if value.starts_with("//") || value.starts_with('#') || has_scheme(value) {
        // Already absolute (`https:`, `mailto:`, `data:`), or an anchor within the entry.
        ""
    } else if value.starts_with('/') {
        origin
    } else {
        page_url
    }
}

/// Does the address start with a scheme (`https:`, `mailto:`, `tel:`, `data:`)?
fn has_scheme(value: &str) -> bool {
    value.split_once(':').is_some_and(|(scheme, _)| {
        scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    })
}

fn in_feed_sections(ctx: &RenderContext<'_>, page: &Page) -> bool {
    let Some(feeds) = &ctx.config.feeds else {
        return false;
    };
    let top = page.section_dir.split('/').next().unwrap_or("");
    page.date.is_some() && (feeds.sections.is_empty() || feeds.sections.iter().any(|s| s == top))
}

fn feed_specs<'a>(ctx: &RenderContext<'a>) -> Vec<FeedSpec<'a>> {
    let Some(feeds) = &ctx.config.feeds else {
        return Vec::new();
    };
    let pages = &ctx.site.pages;
    let by_date = |indexes: &mut Vec<usize>| {
        indexes.sort_by(|&a, &b| {
            pages[b]
                .date
                .cmp(&pages[a].date)
                .then_with(|| pages[a].doc.rel.cmp(&pages[b].doc.rel))
        });
        indexes.truncate(feeds.limit);
    };
    let mut site_items: Vec<usize> = (0..pages.len())
        .filter(|&i| in_feed_sections(ctx, &pages[i]))
        .collect();
    by_date(&mut site_items);
    let mut specs = vec![FeedSpec {
        folder: "/".into(),
        title: ctx.config.title.clone(),
        pages: site_items.iter().map(|&i| &pages[i]).collect(),
        indexes: site_items,
    }];
    for (taxonomy, config) in ctx
        .site
        .taxonomies
        .iter()
        .zip(&ctx.config.taxonomies)
        .filter(|(_, c)| c.feed)
    {
        for term in &taxonomy.terms {
            let mut items: Vec<usize> = term
                .pages
                .iter()
                .copied()
                .filter(|&i| pages[i].date.is_some())
                .collect();
            by_date(&mut items);
            specs.push(FeedSpec {
                folder: term.url.clone(),
                title: format!("{} — {}: {}", ctx.config.title, config.title, term.label),
                pages: items.iter().map(|&i| &pages[i]).collect(),
                indexes: items,
            });
        }
    }
    specs
}

/// The site's feeds, or nothing when `feeds:` is not configured.
pub(super) fn feed_outputs(ctx: &RenderContext<'_>) -> Vec<Output> {
    use rayon::prelude::*;
    let Some(feeds) = &ctx.config.feeds else {
        return Vec::new();
    };
    let origin = origin(&ctx.config.base_url);
    let specs = feed_specs(ctx);
    // Each entry's HTML once, however many feeds (one per tag) list the page.
    let listed: std::collections::BTreeSet<usize> = specs
        .iter()
        .flat_map(|spec| spec.indexes.iter().copied())
        .collect();
    let bodies: HashMap<usize, String> = listed
        .into_par_iter()
        .map(|i| {
            let markdown = &ctx.page_markdown[i];
            let html = if feeds.full_content {
                markdown.html.as_str()
            } else {
                &markdown.summary
            };
            let html = super::feed_anchors::without_dangling_anchors(html);
            let page_url = permalink(ctx.config, &ctx.site.pages[i].url);
            (i, absolutize(&html, origin, &page_url))
        })
        .collect();
    let mut outputs = Vec::new();
    for spec in specs {
        let folder = spec.folder.trim_start_matches('/');
        outputs.push(Output {
            path: format!("{folder}rss.xml"),
            content: Content::from(xml_text::stripped(rss(ctx, &spec, &bodies))),
        });
        outputs.push(Output {
            path: format!("{folder}atom.xml"),
            content: Content::from(xml_text::stripped(atom(ctx, &spec, &bodies))),
        });
    }
    outputs
}

fn local(ctx: &RenderContext<'_>, date: DateTime<Utc>) -> DateTime<FixedOffset> {
    date.with_timezone(&ctx.config.timezone).fixed_offset()
}

/// An entry's HTML by page index.
type Bodies = HashMap<usize, String>;

fn rss(ctx: &RenderContext<'_>, spec: &FeedSpec<'_>, bodies: &Bodies) -> String {
    let items = spec
        .pages
        .iter()
        .zip(&spec.indexes)
        .map(|(page, i)| {
            let link = permalink(ctx.config, &page.url);
            rss::Item {
                title: Some(page.title.clone()),
                link: Some(link.clone()),
                guid: Some(rss::Guid {
                    value: link,
                    permalink: true,
                }),
                pub_date: page
                    .date
                    .and_then(|d| dates::to_rfc2822(d, ctx.config.timezone)),
                description: bodies.get(i).cloned(),
                ..Default::default()
            }
        })
        .collect::<Vec<_>>();
    let mut channel = rss::Channel::default();
    channel.set_title(spec.title.clone());
    channel.set_link(permalink(ctx.config, &spec.folder));
    channel.set_description(ctx.config.description.clone());
    channel.set_language(ctx.config.language.clone());
    channel.set_generator("potline".to_string());
    channel.set_last_build_date(
        spec.pages
            .first()
            .and_then(|p| p.updated.or(p.date))
            .and_then(|d| dates::to_rfc2822(d, ctx.config.timezone)),
    );
    channel.set_items(items);
    format!("{channel}\n")
}

fn atom(ctx: &RenderContext<'_>, spec: &FeedSpec<'_>, bodies: &Bodies) -> String {
    let link = |href: String, rel: &str| atom_syndication::Link {
        href,
        rel: rel.into(),
        ..Default::default()
    };
    let epoch = DateTime::<Utc>::UNIX_EPOCH;
    let entries = spec
        .pages
        .iter()
        .zip(&spec.indexes)
        .map(|(page, i)| {
            let url = permalink(ctx.config, &page.url);
            let published = page.date.unwrap_or(epoch);
            atom_syndication::Entry {
                title: atom_syndication::Text::plain(page.title.clone()),
                id: url.clone(),
                updated: local(ctx, page.updated.unwrap_or(published)),
                published: Some(local(ctx, published)),
                links: vec![link(url, "alternate")],
                summary: bodies.get(i).cloned().map(atom_syndication::Text::html),
                ..Default::default()
            }
        })
        .collect::<Vec<_>>();
    let feed_url = permalink(ctx.config, &format!("{}atom.xml", spec.folder));
    let feed = atom_syndication::Feed {
        title: atom_syndication::Text::plain(spec.title.clone()),
        id: feed_url.clone(),
        updated: entries
            .first()
            .map_or_else(|| local(ctx, epoch), |e| e.updated),
        authors: vec![atom_syndication::Person {
            name: ctx.config.title.clone(),
            ..Default::default()
        }],
        links: vec![
            link(permalink(ctx.config, &spec.folder), "alternate"),
            link(feed_url, "self"),
        ],
        entries,
        ..Default::default()
    };
    format!("{}\n", feed.to_string())
}

fn xml_escape(text: &str) -> String {
    quick_xml::escape::escape(text).into_owned()
}

/// The most URLs one sitemap file may list (the sitemap protocol's limit; search engines ignore
/// the rest).
const SITEMAP_URLS: usize = 50_000;

/// `sitemap.xml`: every published page, section and taxonomy page, with `lastmod` from the
/// page's `updated` or `date` (sections: their newest page). A site with more URLs than one
/// sitemap may hold gets `sitemap1.xml`, `sitemap2.xml`, ... and `sitemap.xml` becomes their index.
pub(super) fn sitemaps(ctx: &RenderContext<'_>) -> Vec<Output> {
    let site = ctx.site;
    // (URL, last change, source path for translations)
    let mut entries: Vec<(String, Option<DateTime<Utc>>, Option<String>)> = site
        .pages
        .iter()
        .map(|p| (p.url.clone(), p.updated.or(p.date), Some(p.doc.rel.clone())))
        .collect();
    for section in site.sections.values() {
        let newest = section
            .pages
            .iter()
            .filter_map(|&i| site.pages[i].updated.or(site.pages[i].date))
            .max();
        entries.push((section.url.clone(), newest, Some(section.index_path())));
    }
    for taxonomy in site.taxonomies.iter().filter(|t| !t.terms.is_empty()) {
        entries.push((taxonomy.url.clone(), None, None));
        entries.extend(taxonomy.terms.iter().map(|t| (t.url.clone(), None, None)));
    }
    entries.sort();
    let multilingual = ctx.translations.is_multilingual();
    let namespaces = if multilingual {
        " xmlns:xhtml=\"http://www.w3.org/1999/xhtml\""
    } else {
        ""
    };
    let header = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"{namespaces}>\n"
    );
    let mut urls = Vec::with_capacity(entries.len());
    for (url, lastmod, rel) in entries {
        let mut xml = format!(
            "  <url>\n    <loc>{}</loc>\n",
            xml_escape(&permalink(ctx.config, &url))
        );
        if let Some(date) = lastmod {
            xml.push_str(&format!(
                "    <lastmod>{}</lastmod>\n",
                local(ctx, date).to_rfc3339()
            ));
        }
        let alternates = rel
            .filter(|_| multilingual)
            .map(|rel| ctx.translations.links(&rel, &ctx.config.language))
            .unwrap_or_default();
        for link in alternates.iter().filter(|l| l.exists) {
            xml.push_str(&format!(
                "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>\n",
                xml_escape(&link.code),
                xml_escape(&link.permalink)
            ));
        }
        xml.push_str("  </url>\n");
        urls.push(xml);
    }
    split_sitemap(&header, &urls, SITEMAP_URLS, &|file| {
        permalink(ctx.config, &format!("/{file}"))
    })
}

/// `sitemap.xml` holding `urls` (each a `<url>` element), or, when there are more than `limit`,
/// numbered sitemaps of at most `limit` each and `sitemap.xml` as their index (`address` gives
/// a file's absolute URL).
fn split_sitemap(
    header: &str,
    urls: &[String],
    limit: usize,
    address: &dyn Fn(&str) -> String,
) -> Vec<Output> {
    let document = |urls: &[String]| {
        let mut xml =
            String::with_capacity(header.len() + urls.iter().map(String::len).sum::<usize>() + 12);
        xml.push_str(header);
        urls.iter().for_each(|url| xml.push_str(url));
        xml.push_str("</urlset>\n");
        xml_text::stripped(xml)
    };
    if urls.len() <= limit {
        return vec![Output {
            path: "sitemap.xml".into(),
            content: Content::from(document(urls)),
        }];
    }
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let mut outputs = Vec::new();
    for (number, part) in urls.chunks(limit).enumerate() {
        let file = format!("sitemap{}.xml", number + 1);
        index.push_str(&format!(
            "  <sitemap>\n    <loc>{}</loc>\n  </sitemap>\n",
            xml_escape(&address(&file))
        ));
        outputs.push(Output {
            path: file,
            content: Content::from(document(part)),
        });
    }
    index.push_str("</sitemapindex>\n");
    outputs.insert(
        0,
        Output {
            path: "sitemap.xml".into(),
            content: Content::from(xml_text::stripped(index)),
        },
    );
    outputs
}

/// `robots.txt` pointing to every language's sitemap, unless the site or theme has its own.
pub(super) fn robots(ctx: &RenderContext<'_>) -> Option<Output> {
    if ctx.static_files.contains_key("robots.txt") {
        return None;
    }
    let sitemaps: String = ctx
        .translations
        .home_permalinks()
        .iter()
        .map(|home| format!("Sitemap: {home}sitemap.xml\n"))
        .collect();
    let sitemaps = if sitemaps.is_empty() {
        format!("Sitemap: {}\n", permalink(ctx.config, "/sitemap.xml"))
    } else {
        sitemaps
    };
    let text = format!("User-agent: *\nAllow: /\n\n{sitemaps}");
    Some(Output {
        path: "robots.txt".into(),
        content: Content::from(text),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sitemap_over_the_limit_becomes_an_index_of_numbered_sitemaps() {
        let urls: Vec<String> = (0..5)
            .map(|i| format!("  <url>\n    <loc>https://x.org/{i}/</loc>\n  </url>\n"))
            .collect();
        let address = |file: &str| format!("https://x.org/{file}");
        let one = split_sitemap("<urlset>\n", &urls, 5, &address);
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].path, "sitemap.xml");
        let split = split_sitemap("<urlset>\n", &urls, 2, &address);
        let paths: Vec<&str> = split.iter().map(|o| o.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "sitemap.xml",
                "sitemap1.xml",
                "sitemap2.xml",
                "sitemap3.xml"
            ]
        );
        let text =
            |i: usize| String::from_utf8(split[i].content.read().unwrap().into_owned()).unwrap();
        let index = text(0);
        assert!(index.contains("<sitemapindex"), "{index}");
        assert_eq!(index.matches("<sitemap>").count(), 3);
        assert!(
            index.contains("<loc>https://x.org/sitemap3.xml</loc>"),
            "{index}"
        );
        assert_eq!(text(1).matches("<url>").count(), 2);
        assert_eq!(text(3).matches("<url>").count(), 1);
        assert!(text(3).contains("https://x.org/4/") && text(3).ends_with("</urlset>\n"));
    }

    #[test]
    fn origin_drops_the_path() {
        assert_eq!(origin("https://example.org/sub"), "https://example.org");
        assert_eq!(origin("https://example.org"), "https://example.org");
    }

    #[test]
    fn links_become_absolute() {
        let html = r##"<a href="/news/x/">x</a><img src="a.png"><a href="https://o.org/">o</a><a href="#fn-1">1</a>"##;
        assert_eq!(
            absolutize(html, "https://example.org", "https://example.org/news/y/"),
            r##"<a href="https://example.org/news/x/">x</a><img src="https://example.org/news/y/a.png"><a href="https://o.org/">o</a><a href="#fn-1">1</a>"##
        );
    }

    #[test]
    fn only_url_attributes_change_never_text_or_code() {
        let html = concat!(
            r#"<pre><code>&lt;a href="/x"&gt; src="/y"</code></pre>"#,
            r#"<p title=" href=&quot;/z&quot;">a href="/t" <a href="/u">u</a></p>"#,
            r#"<video poster="p.jpg" src="/v.mp4"></video>"#,
            r#"<img srcset="/a.png 1x, b.png 2x" src="data:image/png;base64,AA=="><a href="tel:+86">t</a>"#,
        );
        assert_eq!(
            absolutize(html, "https://x.org", "https://x.org/news/y/"),
            concat!(
                r#"<pre><code>&lt;a href="/x"&gt; src="/y"</code></pre>"#,
                r#"<p title=" href=&quot;/z&quot;">a href="/t" <a href="https://x.org/u">u</a></p>"#,
                r#"<video poster="https://x.org/news/y/p.jpg" src="https://x.org/v.mp4"></video>"#,
                r#"<img srcset="https://x.org/a.png 1x, https://x.org/news/y/b.png 2x" src="data:image/png;base64,AA=="><a href="tel:+86">t</a>"#,
            )
        );
    }
}
