//! Structured data (schema.org JSON-LD) for search engines, made from a page's content type and
//! its checked front matter: `NewsArticle` for news, `Organization` for enterprise profiles,
//! `WebSite` for the home page. A content type chooses its schema.org type in `site.yaml`
//! (`schema_org:`); the properties come from the fields that exist, so an unknown founding year
//! simply leaves `foundingDate` out.

use serde_json::{Map, Value, json};

use crate::config::Config;
use crate::content::{Page, Site};
use crate::images::ShareImages;
use crate::templates::views::permalink;

fn text<'a>(page: &'a Page, key: &str) -> Option<&'a str> {
    page.doc.text(key)
}

fn publisher(config: &Config, shares: &ShareImages) -> Value {
    let mut organization =
        json!({ "@type": "Organization", "name": config.title, "url": permalink(config, "/") });
    if let Some(logo) = config.extra.get("brand_logo").and_then(Value::as_str) {
        organization["logo"] =
            json!({ "@type": "ImageObject", "url": shares.url(config, "/", logo) });
    }
    organization
}

fn news_article(
    config: &Config,
    shares: &ShareImages,
    page: &Page,
    description: &str,
) -> Map<String, Value> {
    let url = permalink(config, &page.url);
    let mut data = Map::new();
    data.insert(
        "headline".into(),
        json!(page.title.chars().take(110).collect::<String>()),
    );
    if let Some(date) = page.date {
        data.insert(
            "datePublished".into(),
            json!(crate::dates::to_rfc3339(date, config.timezone)),
        );
        let modified = page.updated.unwrap_or(date);
        data.insert(
            "dateModified".into(),
            json!(crate::dates::to_rfc3339(modified, config.timezone)),
        );
    }
    let author = text(page, "author").map_or_else(
        || publisher(config, shares),
        |name| json!({ "@type": "Person", "name": name }),
    );
    data.insert("author".into(), author);
    data.insert("publisher".into(), publisher(config, shares));
    data.insert("mainEntityOfPage".into(), json!(url));
    data.insert("description".into(), json!(description));
    if let Some(cover) = text(page, "cover").or_else(|| text(page, "image")) {
        data.insert("image".into(), json!(shares.url(config, &page.url, cover)));
    }
    if let Some(Value::Array(tags)) = page.doc.fields.get("tags") {
        let keywords: Vec<&str> = tags.iter().filter_map(Value::as_str).collect();
        data.insert("keywords".into(), json!(keywords.join(", ")));
    }
    data
}

fn organization(
    config: &Config,
    shares: &ShareImages,
    page: &Page,
    description: &str,
) -> Map<String, Value> {
    let mut data = Map::new();
    data.insert("name".into(), json!(page.title));
    data.insert(
        "url".into(),
        json!(text(page, "website").map_or_else(|| permalink(config, &page.url), str::to_string)),
    );
    data.insert("description".into(), json!(description));
    if let Some(name_zh) = text(page, "name_zh") {
        data.insert("alternateName".into(), json!(name_zh));
    }
    if let Some(logo) = text(page, "logo") {
        data.insert("logo".into(), json!(shares.url(config, &page.url, logo)));
    }
    if let Some(county) = text(page, "county") {
        data.insert(
            "address".into(),
            json!({ "@type": "PostalAddress", "addressRegion": county }),
        );
    }
    if let Some(founded) = page.doc.fields.get("founded").filter(|v| !v.is_null()) {
        data.insert(
            "foundingDate".into(),
            json!(founded.to_string().trim_matches('"')),
        );
    }
    if let Some(website) = text(page, "website") {
        data.insert("sameAs".into(), json!([website]));
    }
    data
}

/// The JSON-LD of a page, ready to sit inside `<script type="application/ld+json">`, or None
/// when its content type has no schema.org type.
pub fn page_json_ld(
    config: &Config,
    shares: &ShareImages,
    site: &Site,
    page: &Page,
    description: &str,
) -> Option<String> {
    let schema_type = config.types.get(&page.kind)?.schema_org.as_deref()?;
    let mut data = match schema_type {
        "NewsArticle" | "Article" | "BlogPosting" => {
            news_article(config, shares, page, description)
        }
        "Organization" | "Corporation" | "LocalBusiness" => {
            organization(config, shares, page, description)
        }
        _ => {
            let mut data = Map::new();
            data.insert("name".into(), json!(page.title));
            data.insert("url".into(), json!(permalink(config, &page.url)));
            data.insert("description".into(), json!(description));
            data
        }
    };
    let _ = site;
    data.insert("@context".into(), json!("https://schema.org"));
    data.insert("@type".into(), json!(schema_type));
    if matches!(schema_type, "NewsArticle" | "Article" | "BlogPosting") {
        data.insert("inLanguage".into(), json!(config.language));
    }
    Some(script_safe(&Value::Object(data)))
}

/// The home page's `WebSite` JSON-LD.
pub fn website_json_ld(config: &Config, shares: &ShareImages) -> String {
    let data = json!({
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": config.title,
        "url": permalink(config, "/"),
        "description": config.description,
        "inLanguage": config.language,
        "publisher": publisher(config, shares),
    });
    script_safe(&data)
}

/// JSON that cannot end its `<script>` element early, whatever the titles contain.
fn script_safe(value: &Value) -> String {
    value
        .to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_safe_json_cannot_close_the_script() {
        let text = script_safe(&json!({ "headline": "</script><script>alert(1)</script>" }));
        assert!(!text.contains("</"));
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["headline"], "</script><script>alert(1)</script>");
    }
}
