//! Indentation mistakes, and hints that fix them when followed to the letter: a tab at the start
//! of a line gets the exact number of spaces that make the text mean what its neighbours say it
//! means (checked by parsing the text with them), and a key indented under a value that is
//! already complete is named as such rather than as "a colon inside a value".

use super::YamlError;
use crate::messages::Message;

/// How a line should be indented instead of with a tab: with `indent` spaces, like (or, when
/// `nested`, two spaces more than) the line `like` (1-based; 0 for none).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Fix {
    indent: usize,
    like: usize,
    nested: bool,
}

/// The hint for a tab in the indentation of line `index` (0-based) of `src`: the spaces that
/// put the line where its neighbours say it belongs, chosen among the indentations of the lines
/// above so that the text up to this line reads without error.
pub(super) fn tab_hint(src: &str, index: usize) -> Message {
    let lines: Vec<&str> = src.lines().collect();
    let text = lines
        .get(index)
        .map_or("", |l| l.trim_start_matches([' ', '\t']));
    let fixes = fixes(&lines, index, text);
    let fix = fixes
        .iter()
        .find(|fix| reads_with(&lines[..index], fix.indent, text))
        .or(fixes.first())
        .copied()
        .unwrap_or(Fix {
            indent: 0,
            like: 0,
            nested: false,
        });
    match fix {
        Fix {
            indent: 0, like, ..
        } => crate::msg!("yaml-tab-hint-remove", like = like),
        Fix {
            indent,
            like,
            nested: true,
        } => crate::msg!("yaml-tab-hint-nest", count = indent, like = like),
        Fix { indent, like, .. } => crate::msg!("yaml-tab-hint-align", count = indent, like = like),
    }
}

/// The indentations the line could have, most likely first: under the line above when that
/// opens a block (`tags:`), beside it otherwise, then beside each line it could close.
fn fixes(lines: &[&str], index: usize, text: &str) -> Vec<Fix> {
    let mut above = meaningful_before(lines, index);
    let Some((prev, prev_line)) = above.next() else {
        return vec![Fix {
            indent: 0,
            like: 0,
            nested: false,
        }];
    };
    let prev_indent = spaces(prev_line);
    let prev_text = prev_line.trim();
    let item_goes_on = prev_text.starts_with("- ") && !text.starts_with('-');
    let mut fixes = vec![if opens_block(prev_text) {
        Fix {
            indent: prev_indent + 2,
            like: prev + 1,
            nested: true,
        }
    } else if item_goes_on {
        Fix {
            indent: prev_indent + 2,
            like: prev + 1,
            nested: false,
        }
    } else {
        Fix {
            indent: prev_indent,
            like: prev + 1,
            nested: false,
        }
    }];
    if fixes[0].indent > prev_indent {
        fixes.push(Fix {
            indent: prev_indent,
            like: prev + 1,
            nested: false,
        });
    }
    let mut smallest = prev_indent;
    for (number, line) in above {
        let indent = spaces(line);
        if indent < smallest {
            smallest = indent;
            fixes.push(Fix {
                indent,
                like: number + 1,
                nested: false,
            });
        }
    }
    if smallest > 0 {
        fixes.push(Fix {
            indent: 0,
            like: 0,
            nested: false,
        });
    }
    fixes
}

/// The lines above `index` that hold something (not blank, not a comment), nearest first, with
/// their 0-based index.
fn meaningful_before<'a>(
    lines: &'a [&'a str],
    index: usize,
) -> impl Iterator<Item = (usize, &'a str)> + 'a {
    lines[..index.min(lines.len())]
        .iter()
        .enumerate()
        .rev()
        .filter(|(_, line)| {
            let text = line.trim();
            !text.is_empty() && !text.starts_with('#')
        })
        .map(|(number, line)| (number, *line))
}

/// How many spaces a line starts with.
fn spaces(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// Does this line leave its value to the lines below (`tags:`, `summary: >-`, `-`)?
fn opens_block(text: &str) -> bool {
    let text = text.split(" #").next().unwrap_or(text).trim_end();
    text == "-"
        || text.ends_with(':')
        || ["|", ">", "|-", ">-", "|+", ">+"]
            .iter()
            .any(|indicator| text.ends_with(&format!(": {indicator}")))
}

/// Do the lines `before`, then `text` indented by `indent` spaces, read as YAML?
fn reads_with(before: &[&str], indent: usize, text: &str) -> bool {
    let mut candidate = before.join("\n");
    candidate.push('\n');
    candidate.push_str(&" ".repeat(indent));
    candidate.push_str(text);
    candidate.push('\n');
    serde_yaml::from_str::<serde_yaml::Value>(&candidate).is_ok()
}

/// `title: x` followed by `  date: y`: the parser takes the indented line for more of the value
/// above and stops at its colon. Named for what it is when the line `line` (1-based, where the
/// parser stopped) is an indented `key: value` under a complete `key: value` line.
pub(super) fn indented_key(src: &str, line: usize) -> Option<YamlError> {
    let lines: Vec<&str> = src.lines().collect();
    let index = line.checked_sub(1)?;
    let current = lines.get(index)?;
    let indent = spaces(current);
    let text = current.trim();
    let key = text.split_once(':').map(|(key, _)| key)?;
    let simple = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-');
    let (prev, prev_line) = meaningful_before(&lines, index).next()?;
    let prev_indent = spaces(prev_line);
    let prev_text = prev_line.trim();
    let complete = prev_text
        .split_once(": ")
        .is_some_and(|(_, value)| !value.trim().is_empty())
        && !opens_block(prev_text)
        && !prev_text.starts_with('-');
    if indent == 0 || !simple || !complete || prev_indent >= indent {
        return None;
    }
    let message = crate::msg!(
        "yaml-indented-key",
        key = key,
        like = prev + 1,
        count = prev_indent
    );
    Some(YamlError::new(message, line, indent + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(src: &str, index: usize) -> String {
        tab_hint(src, index).text_in(crate::messages::Lang::En)
    }

    #[test]
    fn a_tab_before_a_key_of_the_top_level_is_removed() {
        assert_eq!(
            fix("title: T\n\tdate: 2021-07-30\n", 1),
            "YAML indents with spaces, never tabs: remove the tab, so that the line starts at the left edge like line 1"
        );
    }

    #[test]
    fn a_tab_under_a_key_without_value_becomes_two_spaces_more() {
        assert_eq!(
            fix("title: T\ntags:\n\t- a\n", 2),
            "YAML indents with spaces, never tabs: start the line with 2 spaces instead of the tab, 2 more than line 2, which it belongs to"
        );
    }

    #[test]
    fn a_tab_beside_a_list_item_lines_up_with_it() {
        assert_eq!(
            fix("tags:\n  - a\n\t- b\n", 2),
            "YAML indents with spaces, never tabs: start the line with 2 spaces instead of the tab, to line up with line 2"
        );
    }

    #[test]
    fn a_tab_after_a_list_back_at_the_top_level_is_removed() {
        assert_eq!(
            fix("title: T\ntags:\n  - a\n\tdate: 2021-07-30\n", 3),
            "YAML indents with spaces, never tabs: remove the tab, so that the line starts at the left edge like line 2"
        );
    }

    #[test]
    fn an_indented_key_under_a_value_is_named() {
        let err = indented_key("title: T\n  date: 2021-07-30\n", 2).expect("found");
        assert_eq!((err.line, err.col), (2, 3));
        assert_eq!(err.message.code(), Some("yaml-indented-key"));
        assert!(indented_key("title: T\n  and: more\n", 1).is_none());
        assert!(indented_key("summary: a\n  long text: here\n", 2).is_none());
    }
}
