//! Shortcodes: small components writers call from Markdown, rendered by templates in
//! `templates/shortcodes/` (site, theme, or built in). Two forms, as in Zola:
//!
//! - inline: `{{ figure(src="plant.jpg", alt="The plant", caption="...") }}`
//! - with a Markdown body: `{% notice(kind="warning") %}` ... `{% end %}`
//!
//! Calls are found outside code blocks and code spans, replaced by placeholders before the
//! Markdown is parsed, and their rendered HTML is put back afterwards. Mistakes (an unknown
//! shortcode, a bad argument, a missing `{% end %}`) name the file and line.

use serde_json::{Map, Value};

use crate::messages::Message;

/// One shortcode call found in a body.
#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    /// The shortcode's name (its template is `shortcodes/<name>.html`).
    pub name: String,
    /// Its arguments.
    pub args: Map<String, Value>,
    /// For the block form, the Markdown between the call and `{% end %}`.
    pub body: Option<String>,
    /// 1-based line of the call within the body text.
    pub line: usize,
}

/// A body with its calls replaced by placeholders.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extracted {
    /// The Markdown to parse.
    pub text: String,
    /// The calls, in order; call `i` is at placeholder `i`.
    pub calls: Vec<Call>,
}

/// A problem in a call: the 1-based line within the body, and what is wrong (its catalogue entry
/// says how to fix it).
pub type CallProblem = (usize, Message);

/// The HTML comment standing for call `index` until its output is known.
pub fn placeholder(index: usize) -> String {
    format!("<!--potline-shortcode-{index}-->")
}

/// `html` with each placeholder of call `i` replaced by `outputs[i]`.
pub fn fill_placeholders(html: &str, outputs: &[String]) -> String {
    const OPEN: &str = "<!--potline-shortcode-";
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find(OPEN) {
        out.push_str(&rest[..at]);
        let after = &rest[at + OPEN.len()..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        let output = after[..digits]
            .parse::<usize>()
            .ok()
            .filter(|_| after[digits..].starts_with("-->"))
            .and_then(|index| outputs.get(index));
        match output {
            Some(output) => {
                out.push_str(output);
                rest = &after[digits + 3..];
            }
            None => {
                out.push_str(OPEN);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Finds the calls in `body`, outside fenced code blocks and inline code.
pub fn extract(body: &str) -> Result<Extracted, Vec<CallProblem>> {
    let mut out = Extracted::default();
    let mut problems = Vec::new();
    let mut fence: Option<String> = None;
    let lines: Vec<&str> = body.split_inclusive('\n').collect();
    let ends = end_lines(&lines);
    let mut index = 0;
    while index < lines.len() {
        let line = lines[index];
        let trimmed = line.trim_start();
        if let Some(open) = &fence {
            if trimmed.starts_with(open.as_str()) {
                fence = None;
            }
            out.text.push_str(line);
            index += 1;
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = Some(trimmed[..3].to_string());
            out.text.push_str(line);
            index += 1;
            continue;
        }
        if let Some(block) = block_opener(trimmed) {
            match block.and_then(|(name, args)| collect_block(&lines, &ends, index, name, args)) {
                Ok((call, next)) => {
                    // The placeholder keeps the block's line count, so later lines keep their
                    // numbers in error messages.
                    out.text.push_str(&placeholder(out.calls.len()));
                    out.text.push_str(&"\n".repeat(next - index));
                    out.calls.push(call);
                    index = next;
                }
                Err(message) => {
                    problems.push((index + 1, message));
                    out.text.push_str(line);
                    index += 1;
                }
            }
            continue;
        }
        out.text.push_str(&inline_calls(
            line,
            index + 1,
            &mut out.calls,
            &mut problems,
        ));
        index += 1;
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

type Problem = Message;

/// A parsed `name(args)`.
type Parsed = (String, Map<String, Value>);

/// `{% name(args) %}` alone on a line: Some(parsed) when the line is an opener.
fn block_opener(trimmed: &str) -> Option<Result<Parsed, Problem>> {
    let inner = trimmed
        .trim_end()
        .strip_prefix("{%")?
        .strip_suffix("%}")?
        .trim();
    if inner == "end" {
        return Some(Err(crate::msg!("shortcode-end-without-opening")));
    }
    Some(parse_call(inner))
}

/// For each line, the index of the first `{% end %}` line after it (None: there is none), found
/// in one pass from the end: thousands of unclosed openers must not each scan the rest.
fn end_lines(lines: &[&str]) -> Vec<Option<usize>> {
    let mut ends = vec![None; lines.len()];
    let mut next = None;
    for (index, line) in lines.iter().enumerate().rev() {
        ends[index] = next;
        if line.trim() == "{% end %}" {
            next = Some(index);
        }
    }
    ends
}

fn collect_block(
    lines: &[&str],
    ends: &[Option<usize>],
    start: usize,
    name: String,
    args: Map<String, Value>,
) -> Result<(Call, usize), Problem> {
    let Some(end) = ends[start] else {
        return Err(crate::msg!("shortcode-never-closed", name = name));
    };
    let call = Call {
        name,
        args,
        body: Some(lines[start + 1..end].concat()),
        line: start + 1,
    };
    Ok((call, end + 1))
}

/// Replaces every `{{ name(args) }}` of a line, skipping code spans.
fn inline_calls(
    line: &str,
    line_number: usize,
    calls: &mut Vec<Call>,
    problems: &mut Vec<CallProblem>,
) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    let mut in_code = false;
    while !rest.is_empty() {
        let next_tick = rest.find('`');
        let next_call = if in_code { None } else { rest.find("{{") };
        match (next_call, next_tick) {
            (Some(call), tick) if tick.is_none_or(|t| call < t) => {
                out.push_str(&rest[..call]);
                let Some(end) = rest[call..].find("}}") else {
                    problems.push((line_number, crate::msg!("shortcode-braces-not-closed")));
                    out.push_str(&rest[call..]);
                    return out;
                };
                let inner = rest[call + 2..call + end].trim();
                match parse_call(inner) {
                    Ok((name, args)) => {
                        out.push_str(&placeholder(calls.len()));
                        calls.push(Call {
                            name,
                            args,
                            body: None,
                            line: line_number,
                        });
                    }
                    Err(message) => problems.push((line_number, message)),
                }
                rest = &rest[call + end + 2..];
            }
            (_, Some(tick)) => {
                out.push_str(&rest[..=tick]);
                in_code = !in_code;
                rest = &rest[tick + 1..];
            }
            _ => {
                out.push_str(rest);
                break;
            }
        }
    }
    out
}

/// `name(key="value", n=3, flag=true)`.
fn parse_call(inner: &str) -> Result<Parsed, Problem> {
    let open = inner
        .find('(')
        .ok_or_else(|| crate::msg!("shortcode-not-a-call", text = inner))?;
    let name = inner[..open].trim();
    let valid = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    let args_text = inner[open + 1..]
        .trim_end()
        .strip_suffix(')')
        .ok_or_else(|| crate::msg!("shortcode-arguments-not-closed", name = name))?;
    if !valid {
        return Err(crate::msg!("shortcode-bad-name", name = name));
    }
    Ok((name.to_string(), parse_args(name, args_text)?))
}

fn parse_args(name: &str, text: &str) -> Result<Map<String, Value>, Problem> {
    let mut args = Map::new();
    let mut rest = text.trim();
    while !rest.is_empty() {
        let eq = rest.find('=').ok_or_else(|| bad_argument(name, rest))?;
        let key = rest[..eq].trim();
        if key.is_empty() || !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return Err(bad_argument(name, rest));
        }
        let (value, after) =
            parse_value(rest[eq + 1..].trim_start()).ok_or_else(|| bad_argument(name, rest))?;
        args.insert(key.to_string(), value);
        rest = after.trim_start();
        rest = rest.strip_prefix(',').unwrap_or(rest).trim_start();
    }
    Ok(args)
}

fn bad_argument(name: &str, at: &str) -> Problem {
    crate::msg!(
        "shortcode-bad-arguments",
        name = name,
        at = at.chars().take(30).collect::<String>()
    )
}

fn parse_value(text: &str) -> Option<(Value, &str)> {
    let quote = text.chars().next()?;
    if quote == '"' || quote == '\'' {
        let mut value = String::new();
        let mut chars = text[1..].char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                '\\' => value.push(chars.next()?.1),
                c if c == quote => return Some((Value::String(value), &text[i + 2..])),
                c => value.push(c),
            }
        }
        return None;
    }
    let end = text.find(',').unwrap_or(text.len());
    let raw = text[..end].trim();
    let value = match raw {
        "true" => Value::Bool(true),
        "false" => Value::Bool(false),
        _ => serde_json::from_str::<serde_json::Number>(raw)
            .ok()
            .map(Value::Number)?,
    };
    Some((value, &text[end..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_and_block_calls_become_placeholders() {
        let body = "Intro {{ figure(src=\"a.jpg\", alt='A \\'quoted\\' alt', width=300) }} end.\n\n{% notice(kind=\"warning\") %}\n**Careful.**\n{% end %}\nAfter.\n";
        let found = extract(body).unwrap();
        assert_eq!(found.calls.len(), 2);
        assert_eq!(found.calls[0].name, "figure");
        assert_eq!(found.calls[0].args["alt"], "A 'quoted' alt");
        assert_eq!(found.calls[0].args["width"], 300);
        assert_eq!(found.calls[1].body.as_deref(), Some("**Careful.**\n"));
        assert_eq!(found.calls[1].line, 3);
        assert!(found.text.contains(&placeholder(0)) && found.text.contains(&placeholder(1)));
        assert!(found.text.contains("After."));
    }

    #[test]
    fn code_is_left_alone() {
        let body =
            "`{{ figure(src=\"a\") }}`\n\n```\n{{ figure(src=\"b\") }}\n{% notice() %}\n```\n";
        let found = extract(body).unwrap();
        assert!(found.calls.is_empty());
        assert_eq!(found.text, body);
    }

    #[test]
    fn mistakes_name_their_line() {
        let problems = extract("a\n{% notice(kind=\"x\") %}\ntext\n").unwrap_err();
        assert_eq!(problems[0].0, 2);
        assert_eq!(problems[0].1.code(), Some("shortcode-never-closed"));
        let problems = extract("x {{ figure(src=) }}\n").unwrap_err();
        assert_eq!(
            problems[0].1.code(),
            Some("shortcode-bad-arguments"),
            "{problems:?}"
        );
    }
}
