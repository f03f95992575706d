//! Front-matter lines that YAML reads differently from what the writer meant, found in the raw
//! text of every Markdown file: a value starting with a sign YAML reserves (`@`, `` ` ``, `*`,
//! `[Video] news`), quotes that close too early, ` #` turning the rest into a comment, a list
//! written without brackets or with Chinese commas, and a stray byte-order mark. The parser's own
//! message for the first kinds says little; these name the key and how to fix it.

use std::path::Path;

use super::{Context, Finding, Level};
use crate::config::FieldKind;
use crate::content::{decode_text, frontmatter};
use crate::diagnostics::line_col;
use crate::messages::Message;
use crate::source::{SourceFile, SourceKind};

/// Every finding about front-matter lines, in every Markdown file of `content/`.
pub(crate) fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let root = &ctx.analysis.config.root;
    let Ok(files) = crate::source::discover_content(&root.join("content")) else {
        return Vec::new();
    };
    files
        .markdown
        .iter()
        .flat_map(|file| check_file(ctx, file))
        .collect()
}

fn check_file(ctx: &Context<'_>, file: &SourceFile) -> Vec<Finding> {
    let Some(text) = std::fs::read(&file.abs)
        .ok()
        .and_then(|b| decode_text(&b).ok())
    else {
        return Vec::new();
    };
    let path = Path::new("content").join(&file.rel);
    let mut findings = stray_bom(&path, &text);
    let Ok(split) = frontmatter::split(&text) else {
        return findings;
    };
    let offset = split.front_matter_line - 1;
    // Where the parser rejected the file these explain its error (and replace it); where it
    // accepted the line, they say that it did not read what the writer meant.
    let parsed = ctx.analysis.site().targets.contains_key(&file.rel);
    let severe = if parsed { Level::Warning } else { Level::Error };
    for (index, line) in split.front_matter.lines().enumerate() {
        if let Some(key) = no_space_after_colon(line) {
            let col = key.chars().count() + 2;
            findings.push(Finding::new(
                &path,
                index + 1 + offset,
                col,
                severe,
                crate::msg!("yaml-no-space-after-colon", key = key),
            ));
            continue;
        }
        let Some((key, value, col)) = key_value(line) else {
            continue;
        };
        let at = |col: usize, level, message: Message| {
            Finding::new(&path, index + 1 + offset, col, level, message)
        };
        if let Some(message) = reserved_start(key, value) {
            findings.push(at(col, severe, message).hint(quote_hint(key, value)));
        } else if let Some(hash) = comment_inside(value) {
            findings.push(at(
                col + hash,
                Level::Warning,
                crate::msg!("yaml-comment-in-value", key = key, value = value),
            ));
        }
        if is_list(ctx, file, key) {
            findings.extend(list_pitfall(key, value).map(|m| at(col, Level::Warning, m)));
        }
    }
    findings
}

/// (key, value, column of the value) of a top-level `key: value` line with a value.
fn key_value(line: &str) -> Option<(&str, &str, usize)> {
    if line.starts_with([' ', '\t', '#', '-']) {
        return None;
    }
    let (key, rest) = line.split_once(": ")?;
    let value = rest.trim();
    let key = key.trim();
    let simple = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-');
    let col =
        key.chars().count() + 2 + (rest.chars().count() - rest.trim_start().chars().count()) + 1;
    (simple && !value.is_empty()).then_some((key, value, col))
}

/// `date:2021-07-30`: a word, a colon and text right after it (but not `https://...`).
fn no_space_after_colon(line: &str) -> Option<&str> {
    let (key, rest) = line.split_once(':')?;
    let is_word = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        && key.starts_with(|c: char| c.is_ascii_alphabetic());
    let glued = rest.starts_with(|c: char| !c.is_whitespace()) && !rest.starts_with("//");
    (is_word && glued).then_some(key)
}

/// A value whose first character YAML does not read as the start of text.
fn reserved_start(key: &str, value: &str) -> Option<Message> {
    let first = value.chars().next()?;
    match first {
        '@' => Some(crate::msg!("yaml-value-starts-with-at", key = key)),
        '`' => Some(crate::msg!("yaml-value-starts-with-backquote", key = key)),
        '*' | '&' | '!' | '%' => Some(crate::msg!(
            "yaml-value-starts-with-sign",
            key = key,
            sign = first.to_string()
        )),
        '[' | '{' => {
            let close = if first == '[' { ']' } else { '}' };
            let rest = after_closing(value, first, close)?;
            (!rest.is_empty() && !rest.starts_with('#')).then(|| {
                crate::msg!(
                    "yaml-value-text-after-list",
                    key = key,
                    open = first.to_string(),
                    close = close.to_string()
                )
            })
        }
        '"' | '\'' => {
            let end = value[1..].find(first)? + 2;
            let rest = value[end..].trim_start();
            // `'It''s'`: a doubled single quote is a quote inside the value.
            let escaped = first == '\'' && rest.starts_with('\'');
            let trailing = !(rest.is_empty() || rest.starts_with('#') || escaped);
            trailing.then(|| crate::msg!("yaml-value-quotes-close-early", key = key))
        }
        _ => None,
    }
}

/// "put the whole value in quotes: title: \"...\"", with the value quoted the way YAML needs.
fn quote_hint(key: &str, value: &str) -> Message {
    let quoted = if value.contains('"') {
        format!("'{}'", value.replace('\'', "''"))
    } else {
        format!("\"{value}\"")
    };
    crate::msg!("yaml-quote-whole-value-hint", key = key, quoted = quoted)
}

/// The text after the bracket that closes the one `value` opens with.
fn after_closing(value: &str, open: char, close: char) -> Option<&str> {
    let mut depth = 0usize;
    for (i, c) in value.char_indices() {
        if c == open {
            depth += 1;
        } else if c == close {
            depth = depth.saturating_sub(1);
            if depth == 0 {
                return Some(value[i + c.len_utf8()..].trim_start());
            }
        }
    }
    None
}

/// The character offset of ` #` in an unquoted value, where YAML starts a comment.
fn comment_inside(value: &str) -> Option<usize> {
    if value.starts_with(['"', '\'', '[', '{', '|', '>']) {
        return None;
    }
    let byte = value.find(" #")?;
    Some(value[..byte].chars().count() + 1)
}

fn is_list(ctx: &Context<'_>, file: &SourceFile, key: &str) -> bool {
    if file.kind != SourceKind::Page {
        return false;
    }
    let config = &ctx.analysis.config;
    let rel = file.rel.strip_suffix("/index.md").unwrap_or(&file.rel);
    let section = rel.rfind('/').map_or("", |i| &rel[..i]);
    let declared = config
        .type_for_section(section)
        .fields
        .get(key)
        .map(|s| s.kind);
    declared == Some(FieldKind::List)
        || (declared.is_none()
            && (key == "aliases" || config.taxonomies.iter().any(|t| t.name == key)))
}

/// A list written as `a, b` (one item) or with Chinese commas inside brackets.
fn list_pitfall(key: &str, value: &str) -> Option<Message> {
    const CHINESE: [char; 2] = ['，', '、'];
    if let Some(inside) = value.strip_prefix('[') {
        let item = inside
            .trim_end_matches(']')
            .split(',')
            .map(str::trim)
            .find(|item| item.contains(CHINESE))?;
        let fixed = value.replace(CHINESE, ", ");
        return Some(crate::msg!(
            "list-chinese-comma",
            key = key,
            item = item,
            fixed = fixed
        ));
    }
    let unquoted = !value.starts_with(['"', '\'', '|', '>']);
    (unquoted && value.contains([',', '，', '、'])).then(|| {
        let items: Vec<&str> = value.split([',', '，', '、']).map(str::trim).collect();
        crate::msg!(
            "list-without-brackets",
            key = key,
            value = value,
            items = items.join(", ")
        )
    })
}

/// A byte-order mark that is not at the start (files pasted together): invisible, and it breaks
/// the line it is on. (One at the start is fine: it is dropped.)
fn stray_bom(path: &Path, text: &str) -> Vec<Finding> {
    text.match_indices('\u{feff}')
        .map(|(offset, _)| {
            let (line, col) = line_col(text, offset);
            Finding::new(path, line, col, Level::Warning, crate::msg!("stray-bom"))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reserved_starts_are_named() {
        assert!(reserved_start("title", "@Baise").is_some());
        assert!(reserved_start("title", "[Video] news").is_some());
        assert!(reserved_start("title", "\"Baise\" news").is_some());
        assert_eq!(reserved_start("tags", "[a, b] # two"), None);
        assert_eq!(reserved_start("title", "'It''s fine'"), None);
        assert_eq!(reserved_start("title", "Plain"), None);
    }

    #[test]
    fn comments_and_lists() {
        assert_eq!(comment_inside("Report #3"), Some(7));
        assert_eq!(comment_inside("\"Report #3\""), None);
        assert!(list_pitfall("tags", "铝, 百色").is_some());
        assert!(list_pitfall("tags", "[铝，百色]").is_some());
        assert_eq!(list_pitfall("tags", "[铝, 百色]"), None);
        assert_eq!(key_value("title:   x"), Some(("title", "x", 10)));
        assert_eq!(no_space_after_colon("date:2021-07-30"), Some("date"));
        assert_eq!(no_space_after_colon("website: https://a.example"), None);
        assert_eq!(no_space_after_colon("http://a.example"), None);
    }
}
