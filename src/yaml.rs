//! The one module that touches the YAML parser (`serde_yaml`, here the maintained `yaml_serde`
//! fork), so it can be swapped without touching the rest. It turns the parser's messages into
//! ones a writer understands, with a line, a column and a hint.

use serde::de::DeserializeOwned;

use crate::messages::{Arg, Message};
use crate::suggest;

mod budget;
mod indent;
mod locate;

pub use locate::{Step, position_of};

/// A YAML problem at a position relative to the start of the YAML text (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    /// What is wrong (a catalogue entry; its own hint says how to fix it).
    pub message: Message,
    /// 1-based line in the YAML text.
    pub line: usize,
    /// 1-based column.
    pub col: usize,
    /// How to fix it, when the entry's own hint is not the whole story ("did you mean").
    pub hint: Option<Message>,
}

impl YamlError {
    fn new(message: Message, line: usize, col: usize) -> Self {
        YamlError {
            message,
            line,
            col,
            hint: None,
        }
    }
}

/// The names of message arguments that are line numbers of the YAML text: moved with it when
/// it starts further down its file.
const LINE_ARGS: [&str; 3] = ["first", "second", "like"];

/// `message` with its line numbers moved down by `offset` lines.
fn shift_lines(mut message: Message, offset: usize) -> Message {
    for (name, value) in &mut message.args {
        if let Arg::Number(line) = value {
            if LINE_ARGS.contains(&name.as_ref()) && *line > 0 {
                *line += i64::try_from(offset).unwrap_or(0);
            }
        }
    }
    message
}

/// Parses YAML into a typed value (used for `site.yaml`, whose types reject unknown keys).
pub fn from_str<T: DeserializeOwned>(src: &str) -> Result<T, YamlError> {
    prelint(src)?;
    serde_yaml::from_str(src).map_err(|e| explain(src, &e))
}

/// Parses YAML into a generic JSON value: front matter is checked against a schema afterwards,
/// and templates see JSON-like values anyway.
pub fn to_json(src: &str) -> Result<serde_json::Value, YamlError> {
    to_json_at(src, 1)
}

/// Like [`to_json`] for YAML that starts on line `first_line` of its file (front matter starts
/// on line 2): every line number in the error, message included, is a line of the file.
pub fn to_json_at(src: &str, first_line: usize) -> Result<serde_json::Value, YamlError> {
    let offset = first_line.saturating_sub(1);
    to_json_inner(src).map_err(|mut e| {
        e.line += offset;
        e.message = shift_lines(e.message, offset);
        e.hint = e.hint.map(|hint| shift_lines(hint, offset));
        e
    })
}

fn to_json_inner(src: &str) -> Result<serde_json::Value, YamlError> {
    prelint(src)?;
    let budget = budget::Budget::for_text(src);
    let deserializer = serde_yaml::Deserializer::from_str(src);
    serde::de::DeserializeSeed::deserialize(budget::JsonSeed(&budget), deserializer)
        .map_err(|e| explain(src, &e))
}

/// Writes a value as YAML text (for files potline generates, such as the CMS configuration and
/// the front matter of new pages): strings that YAML would misread are quoted.
pub fn to_string<T: serde::Serialize + ?Sized>(value: &T) -> Result<String, String> {
    serde_yaml::to_string(value).map_err(|e| e.to_string())
}

/// Where each top-level key of a YAML mapping is written: (key, 1-based line, 1-based column).
/// Schema checks use it to point at the exact line of a field. A plain text scan: it needs no
/// parser and works on text the parser rejected.
pub fn top_level_keys(src: &str) -> Vec<(String, usize, usize)> {
    src.lines()
        .enumerate()
        .filter(|(_, line)| !line.starts_with([' ', '\t', '#', '-']))
        .filter_map(|(index, line)| {
            let colon = line.find(':')?;
            let key = line[..colon].trim().trim_matches(['"', '\'']);
            (!key.is_empty()).then(|| (key.to_string(), index + 1, 1))
        })
        .collect()
}

fn explain(src: &str, error: &serde_yaml::Error) -> YamlError {
    let (line, col) = error
        .location()
        .map_or((1, 1), |l| (l.line().max(1), l.column().max(1)));
    let raw = strip_position(&error.to_string());
    if let Some(found) = duplicate_key(src, &raw) {
        return found;
    }
    if raw.contains("end of stream") || raw.contains("quoted scalar") {
        if let Some((line, col)) = unclosed_quote(src) {
            return YamlError::new(crate::msg!("yaml-quote-unclosed"), line, col);
        }
    }
    if raw.contains("mapping values are not allowed") {
        if let Some(found) = indent::indented_key(src, line) {
            return found;
        }
    }
    let (message, hint) = friendly(&raw);
    let (line, col) = opening_bracket(src, &raw, line).unwrap_or((line, col));
    YamlError {
        message,
        line,
        col,
        hint,
    }
}

/// The parser appends " at line N column M"; we show the position ourselves.
fn strip_position(message: &str) -> String {
    let cut = message.find(" at line ").unwrap_or(message.len());
    message[..cut].trim().to_string()
}

/// A key written twice: serde names the key but not where; point at the second one, naming both.
fn duplicate_key(src: &str, raw: &str) -> Option<YamlError> {
    let key = backticked_after(raw, "duplicate field `").or_else(|| {
        let start = raw.find("duplicate entry with key \"")? + "duplicate entry with key \"".len();
        Some(raw[start..].split('"').next()?.to_string())
    })?;
    let lines: Vec<usize> = top_level_keys(src)
        .into_iter()
        .filter(|(k, ..)| *k == key)
        .map(|(_, line, _)| line)
        .collect();
    let (first, second) = (*lines.first()?, *lines.get(1)?);
    let message = crate::msg!("yaml-key-twice", key = key, first = first, second = second);
    Some(YamlError::new(message, second, 1))
}

/// An unclosed `[` or `{` is reported where the parser gave up (often the end of the front
/// matter); the writer needs the line where it was opened.
fn opening_bracket(src: &str, raw: &str, line: usize) -> Option<(usize, usize)> {
    let bracket = if raw.contains("expected ',' or ']'") {
        '['
    } else if raw.contains("expected ',' or '}'") {
        '{'
    } else {
        return None;
    };
    let lines: Vec<&str> = src.lines().take(line).collect();
    let (index, text) = lines
        .iter()
        .enumerate()
        .rev()
        .find(|(_, l)| l.contains(bracket))?;
    let col = text[..text.rfind(bracket)?].chars().count() + 1;
    Some((index + 1, col))
}

/// The first value that opens a quote (`key: "...`, `- '...`) and does not close it on its
/// line: where the parser gave up (the end of the front matter) is of no help to the writer.
fn unclosed_quote(src: &str) -> Option<(usize, usize)> {
    for (index, line) in src.lines().enumerate() {
        let trimmed = line.trim_start();
        if trimmed.starts_with('#') {
            continue;
        }
        let value_at = trimmed
            .find(": ")
            .map(|i| i + 2)
            .or_else(|| trimmed.starts_with("- ").then_some(2));
        let Some(at) = value_at else { continue };
        let value = trimmed[at..].trim_start();
        let Some(quote) = value.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            continue;
        };
        if !closes(&value[1..], quote) {
            let start = line.len() - value.len();
            return Some((index + 1, line[..start].chars().count() + 1));
        }
    }
    None
}

/// Does a quoted value's text (after its opening quote) close on this line?
fn closes(rest: &str, quote: char) -> bool {
    let mut chars = rest.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if quote == '"' => {
                chars.next();
            }
            '\'' if quote == '\'' && chars.peek() == Some(&'\'') => {
                chars.next();
            }
            c if c == quote => return true,
            _ => {}
        }
    }
    false
}

/// The parser's message in a writer's words: a catalogue entry, and a hint when the entry's own
/// is not enough.
fn friendly(raw: &str) -> (Message, Option<Message>) {
    if raw.contains("repetition limit exceeded") {
        return (crate::msg!("yaml-too-much-expansion"), None);
    }
    if raw.contains("recursion limit exceeded") {
        return (crate::msg!("yaml-too-deep"), None);
    }
    if raw.contains("expected ',' or ']'") || raw.contains("expected ',' or '}'") {
        let (open, close) = if raw.contains(']') {
            ("[", "]")
        } else {
            ("{", "}")
        };
        return (
            crate::msg!("yaml-list-unclosed", open = open, close = close),
            None,
        );
    }
    if raw.contains("mapping values are not allowed") {
        return (crate::msg!("yaml-colon-in-value"), None);
    }
    if raw.contains("quoted scalar") {
        return (crate::msg!("yaml-quote-unclosed"), None);
    }
    if let Some(name) = backticked_after(raw, "unknown field `") {
        let known = backticked_list(raw);
        let known: Vec<&str> = known.iter().map(String::as_str).collect();
        let hint = suggest::did_you_mean_message(&name, &known);
        return (crate::msg!("yaml-unknown-key", key = name), Some(hint));
    }
    if let Some(name) = backticked_after(raw, "unknown variant `") {
        let known = backticked_list(raw);
        let known: Vec<&str> = known.iter().map(String::as_str).collect();
        let hint = suggest::did_you_mean_message(&name, &known);
        return (crate::msg!("yaml-unknown-value", value = name), Some(hint));
    }
    if let Some(name) = backticked_after(raw, "missing field `") {
        return (crate::msg!("yaml-missing-key", key = name), None);
    }
    if let Some(rest) = raw.strip_prefix("duplicate entry with key ") {
        let key = rest.trim_matches('"');
        return (crate::msg!("yaml-key-twice-inside", key = key), None);
    }
    if raw.contains("did not find expected key") || raw.contains("did not find expected '-'") {
        return (crate::msg!("yaml-indentation"), None);
    }
    (crate::msg!("yaml-unreadable", reason = raw), None)
}

/// Mistakes writers make that the parser reports confusingly (or not at all): a full-width colon
/// typed with a Chinese input method (`title：百色` is a plain string, not a key), and tabs used
/// for indentation.
fn prelint(src: &str) -> Result<(), YamlError> {
    nesting(src)?;
    for (index, line) in src.lines().enumerate() {
        let trimmed = line.trim_start();
        if trimmed.starts_with('#') {
            continue;
        }
        let indent = &line[..line.len() - trimmed.len()];
        if let Some(tab) = indent.find('\t') {
            return Err(YamlError {
                message: crate::msg!("yaml-tab-indent"),
                line: index + 1,
                col: indent[..tab].chars().count() + 1,
                hint: Some(indent::tab_hint(src, index)),
            });
        }
        if let Some(colon) = full_width_key_colon(trimmed) {
            let key = &trimmed[..colon];
            return Err(YamlError::new(
                crate::msg!("yaml-full-width-colon", key = key.trim()),
                index + 1,
                indent.chars().count() + key.chars().count() + 1,
            ));
        }
    }
    Ok(())
}

/// Deeper than any front matter or data file needs; the parser itself would take minutes on
/// tens of thousands of unclosed `[` (found by a test of hostile input).
const MAX_DEPTH: usize = 64;

/// Refuses YAML nested more than [`MAX_DEPTH`] levels, in brackets or by indentation, with a
/// text scan that costs one pass, before the parser sees it.
fn nesting(src: &str) -> Result<(), YamlError> {
    let too_deep =
        |line: usize, col: usize| YamlError::new(crate::msg!("yaml-too-deep"), line, col);
    let mut flow = 0usize;
    let mut quote: Option<char> = None;
    let mut indents: Vec<usize> = Vec::new();
    for (index, line) in src.lines().enumerate() {
        let trimmed = line.trim_start_matches(' ');
        if quote.is_none() && flow == 0 && !trimmed.is_empty() && !trimmed.starts_with('#') {
            let indent = line.len() - trimmed.len();
            while indents.last().is_some_and(|&i| i >= indent) {
                indents.pop();
            }
            indents.push(indent);
            let dashes = trimmed
                .split_inclusive(' ')
                .take_while(|w| matches!(w.trim_end(), "-" | "?"))
                .count();
            if indents.len() + dashes > MAX_DEPTH {
                return Err(too_deep(index + 1, indent + 1));
            }
        }
        let mut previous = ' ';
        for (col, c) in line.chars().enumerate() {
            match (quote, c) {
                (Some('"'), '\\') if previous == '\\' => {
                    previous = ' ';
                    continue;
                }
                (Some(q), c) if c == q && !(q == '"' && previous == '\\') => quote = None,
                (Some(_), _) => {}
                (None, '#') if previous == ' ' || previous == '\t' || col == 0 => break,
                (None, '"' | '\'')
                    if flow > 0 || matches!(previous, ' ' | ':' | '[' | '{' | ',') =>
                {
                    quote = Some(c)
                }
                (None, '[' | '{') => {
                    flow += 1;
                    if flow > MAX_DEPTH {
                        return Err(too_deep(index + 1, col + 1));
                    }
                }
                (None, ']' | '}') => flow = flow.saturating_sub(1),
                _ => {}
            }
            previous = c;
        }
    }
    Ok(())
}

/// The byte offset of `：` when it ends what looks like a key (`word：`) and no ASCII colon does.
fn full_width_key_colon(line: &str) -> Option<usize> {
    let colon = line.find('：')?;
    let key = &line[..colon];
    let looks_like_key = !key.is_empty()
        && !key.contains(':')
        && !key.starts_with(['"', '\'', '-', '[', '{'])
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-' || c == ' ');
    looks_like_key.then_some(colon)
}

fn backticked_after(message: &str, prefix: &str) -> Option<String> {
    let start = message.find(prefix)? + prefix.len();
    let end = message[start..].find('`')? + start;
    Some(message[start..end].to_string())
}

fn backticked_list(message: &str) -> Vec<String> {
    let Some(list_start) = message.find("expected") else {
        return Vec::new();
    };
    message[list_start..]
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unquoted_colon_gets_a_quoting_hint() {
        let err = to_json("title: Baise: a new start\n").unwrap_err();
        assert_eq!(err.line, 1);
        assert_eq!(err.message.code(), Some("yaml-colon-in-value"), "{err:?}");
    }

    #[test]
    fn full_width_colon_is_named() {
        let err = to_json("title：百色\ndate: 2021-07-30\n");
        let err = match err {
            Err(e) => e,
            Ok(v) => panic!("accepted {v}"),
        };
        assert_eq!(err.message.code(), Some("yaml-full-width-colon"), "{err:?}");
    }

    #[test]
    fn numbers_and_nesting_convert() {
        let v = to_json("a: 1\nb: [x, 2.5]\nc: {d: true}\n").unwrap();
        assert_eq!(v["a"], 1);
        assert_eq!(v["b"][1], 2.5);
        assert_eq!(v["c"]["d"], true);
    }
}
