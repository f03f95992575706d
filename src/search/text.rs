//! What of a page is searchable, as plain text: its title, the text of its rendered body (tags
//! dropped, entities decoded, heading anchors and footnote marks left out), and its metadata
//! (front-matter text fields, taxonomy terms with their labels).

use serde_json::Value;

use crate::config::{Config, FieldKind};
use crate::content::Page;
use crate::markdown::RenderedMarkdown;

/// Keys whose values are not words a reader searches for, or that are indexed as the title.
const NOT_TEXT: [&str; 9] = [
    "title", "date", "updated", "draft", "slug", "aliases", "template", "weight", "search",
];

/// Elements whose text runs on into the surrounding words (no word break at their tags).
const INLINE: [&str; 20] = [
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "i", "ins", "kbd",
    "mark", "q", "s", "small", "span", "strong",
];

/// Classes of elements potline adds to bodies that are not part of the text.
const SKIPPED_CLASSES: [&str; 2] = ["anchor", "footnote-reference"];

/// The plain text of an HTML fragment, whitespace collapsed.
pub fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        push_decoded(&mut out, &rest[..lt]);
        rest = &rest[lt..];
        let Some(gt) = rest.find('>') else {
            // A lone `<` in text that was not escaped: keep it as text.
            push_decoded(&mut out, rest);
            rest = "";
            break;
        };
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        let name = tag_name(tag);
        let name = if name.bytes().any(|b| b.is_ascii_uppercase()) {
            std::borrow::Cow::Owned(name.to_ascii_lowercase())
        } else {
            std::borrow::Cow::Borrowed(name)
        };
        let opening = !tag.starts_with('/');
        if opening && (name == "script" || name == "style" || is_skipped(tag)) {
            rest = skip_element(rest, &name);
        } else if !INLINE.contains(&&*name) {
            out.push(' ');
        }
    }
    push_decoded(&mut out, rest);
    collapse_whitespace(&out)
}

fn tag_name(tag: &str) -> &str {
    tag.trim_start_matches('/')
        .split(|c: char| c.is_whitespace() || c == '/' || c == '>')
        .next()
        .unwrap_or("")
}

fn is_skipped(tag: &str) -> bool {
    let Some(at) = tag.find("class=\"") else {
        return false;
    };
    let value = &tag[at + 7..];
    let value = &value[..value.find('"').unwrap_or(value.len())];
    value
        .split_whitespace()
        .any(|class| SKIPPED_CLASSES.contains(&class))
}

/// The rest of the HTML after the end tag matching an open `name` element (nesting counted).
fn skip_element<'a>(html: &'a str, name: &str) -> &'a str {
    let (open, close) = (format!("<{name}"), format!("</{name}"));
    let mut depth = 1;
    let mut at = 0;
    while depth > 0 {
        let next_open = html[at..].find(&open).map(|i| i + at);
        let Some(next_close) = html[at..].find(&close).map(|i| i + at) else {
            return "";
        };
        match next_open {
            Some(o) if o < next_close => {
                depth += 1;
                at = o + open.len();
            }
            _ => {
                depth -= 1;
                at = next_close + close.len();
            }
        }
    }
    html[at..].find('>').map_or("", |gt| &html[at + gt + 1..])
}

fn push_decoded(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest.find(';').filter(|&i| i <= 10);
        match end.and_then(|i| entity(&rest[1..i]).map(|c| (i, c))) {
            Some((i, c)) => {
                out.push(c);
                rest = &rest[i + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
}

fn entity(name: &str) -> Option<char> {
    if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        return char::from_u32(code);
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "mdash" => '—',
        "ndash" => '–',
        "hellip" => '…',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        _ => return None,
    })
}

fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The plain-text description of a page: `description:`, else `summary:`, else its summary.
pub fn description<'a>(page: &'a Page, markdown: &'a RenderedMarkdown) -> &'a str {
    page.doc
        .text("description")
        .or_else(|| page.doc.text("summary"))
        .unwrap_or(&markdown.summary_text)
}

/// Front-matter values a reader may search for: text, numbers and lists of them, with each
/// taxonomy value's label too. Not dates, addresses, images or flags.
pub fn metadata(config: &Config, page: &Page) -> Vec<String> {
    let mut out = Vec::new();
    each_metadata(config, page, &mut |text| out.push(text.to_string()));
    out
}

/// Calls `found` with each value [`metadata`] returns, in the same order, without collecting.
pub fn each_metadata(config: &Config, page: &Page, found: &mut dyn FnMut(&str)) {
    let ty = config.type_for_section(&page.section_dir);
    for (key, value) in &page.doc.fields {
        if NOT_TEXT.contains(&key.as_str()) || *key == ty.title_field {
            continue;
        }
        let taxonomy = config.taxonomies.iter().find(|t| t.name == *key);
        let kind = ty.fields.get(key).map(|spec| spec.kind);
        let wanted = taxonomy.is_some()
            || matches!(
                kind,
                None | Some(
                    FieldKind::String | FieldKind::List | FieldKind::Integer | FieldKind::Number
                )
            );
        if !wanted {
            continue;
        }
        let values = match value {
            Value::Array(items) => items.as_slice(),
            other => std::slice::from_ref(other),
        };
        for value in values {
            let number;
            let text = match value {
                Value::String(s) => s.as_str(),
                Value::Number(n) => {
                    number = n.to_string();
                    number.as_str()
                }
                _ => continue,
            };
            if let Some(label) = taxonomy.and_then(|t| t.labels.get(text)) {
                found(label);
            }
            found(text);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_word_breaks_except_inline_ones() {
        assert_eq!(
            html_to_text(
                "<h2>Intro</h2><p>Al<em>umi</em>num &amp; <b>power</b></p><ul><li>a</li><li>b</li></ul>"
            ),
            "Intro Aluminum & power a b"
        );
    }

    #[test]
    fn anchors_footnote_marks_and_scripts_are_left_out() {
        let html = "<h2 id=\"x\">The chain <a class=\"anchor\" href=\"#x\" aria-label=\"Link\">#</a></h2>\
            <p>Output<sup class=\"footnote-reference\" id=\"fnref-1\"><a href=\"#fn-1\">1</a></sup> rose.</p>\
            <script>var x = 1;</script><p>百色</p>";
        assert_eq!(html_to_text(html), "The chain Output rose. 百色");
    }

    #[test]
    fn entities_are_decoded_and_unknown_ones_kept() {
        assert_eq!(
            html_to_text("&lt;tag&gt; &quot;q&quot; &#39;s &#x767E;色 &unknown; AT&T"),
            "<tag> \"q\" 's 百色 &unknown; AT&T"
        );
    }
}
