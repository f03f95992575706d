//! Which data files something can read, decided from text alone, so that a file nothing names is
//! never parsed (a million-row CSV costs seconds and gigabytes). Templates reach a file as
//! `data.figures` or `data["figures"]`; a template that looks files up by a name it is given
//! (`data[name]`, as the `data_table` shortcode does) lets pages, `site.yaml` and data files name
//! them; a template that takes `data` whole (`for name, rows in data`) reads every file. When in
//! doubt, a file is read.

use std::collections::HashSet;

/// Template functions that read the data file named by their `name` argument.
const NAME_LOOKUPS: [&str; 1] = ["chart_figure"];

/// How the templates reach the data files.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reach {
    /// Every word written in the templates' code (`{{ }}` and `{% %}`), string contents included.
    words: HashSet<String>,
    /// Some template looks a file up by a name it is given (`data[name]`).
    pub by_name: bool,
    /// Some template uses `data` whole (`data | length`, `for name, rows in data`).
    pub whole: bool,
}

impl Reach {
    /// What these template sources can reach.
    pub fn of_templates<'a>(sources: impl IntoIterator<Item = &'a str>) -> Reach {
        let mut reach = Reach::default();
        for source in sources {
            for code in code_regions(source) {
                reach.read_code(code);
            }
        }
        // These functions look a data file up by the name they are given, as `data[name]` does.
        if NAME_LOOKUPS
            .iter()
            .any(|function| reach.words.contains(*function))
        {
            reach.by_name = true;
        }
        reach
    }

    /// Does some template's code write `word`?
    pub fn names(&self, word: &str) -> bool {
        self.words.contains(word)
    }

    fn read_code(&mut self, code: &str) {
        let mut quote: Option<char> = None;
        let mut chars = code.char_indices().peekable();
        let mut previous = ' ';
        while let Some((at, c)) = chars.next() {
            if let Some(open) = quote {
                if c == open {
                    quote = None;
                }
            } else if matches!(c, '"' | '\'' | '`') {
                quote = Some(c);
            }
            if !is_word_char(c) {
                previous = if c.is_whitespace() { previous } else { c };
                continue;
            }
            let mut end = at + c.len_utf8();
            while let Some((next, d)) = chars.peek().copied().filter(|(_, d)| is_word_char(*d)) {
                end = next + d.len_utf8();
                chars.next();
            }
            let word = &code[at..end];
            if word == "data" && quote.is_none() && previous != '.' {
                self.read_data_use(code[end..].trim_start());
            }
            self.words.insert(word.to_string());
            previous = 'a';
        }
    }

    /// Classifies a use of the `data` variable by what follows it.
    fn read_data_use(&mut self, after: &str) {
        if after.starts_with('.') {
            // `data.figures`: the word `figures` is in `words`.
        } else if let Some(index) = after.strip_prefix('[') {
            // `data["figures"]` names its file; `data[name]` is given the name; a name made of
            // pieces (`data["fig" ~ kind]`) could be any.
            if !is_one_literal(index) {
                self.by_name = true;
            }
            let end = index.find(']').unwrap_or(index.len());
            if index[..end].contains('~') {
                self.whole = true;
            }
        } else if after.starts_with('=') && !after.starts_with("==") {
            // `set data = ...` or a keyword argument `data=...`: not the site's data.
        } else {
            self.whole = true;
        }
    }
}

/// Does the index `"figures"]` hold one quoted string and nothing else?
fn is_one_literal(index: &str) -> bool {
    let index = index.trim_start();
    let Some(quote) = index
        .chars()
        .next()
        .filter(|c| matches!(c, '"' | '\'' | '`'))
    else {
        return false;
    };
    index[1..]
        .find(quote)
        .is_some_and(|end| index[1 + end + 1..].trim_start().starts_with(']'))
}

/// The code of a Tera template: what is inside `{{ }}` and `{% %}` (comments `{# #}` are not).
/// Quoted text inside code may hold the closing braces.
fn code_regions(source: &str) -> Vec<&str> {
    let mut regions = Vec::new();
    let mut rest = source;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let close = match after.chars().next() {
            Some('{') => "}}",
            Some('%') => "%}",
            Some('#') => {
                rest = after.find("#}").map_or("", |end| &after[end + 2..]);
                continue;
            }
            _ => {
                rest = after;
                continue;
            }
        };
        let code = &after[1..];
        let end = code_end(code, close);
        regions.push(&code[..end]);
        rest = code.get(end + close.len()..).unwrap_or("");
    }
    regions
}

/// Where `close` ends the code, outside quoted text (the end of the text if it never does).
fn code_end(code: &str, close: &str) -> usize {
    let mut quote: Option<char> = None;
    for (at, c) in code.char_indices() {
        match quote {
            Some(open) if c == open => quote = None,
            Some(_) => {}
            None if matches!(c, '"' | '\'' | '`') => quote = Some(c),
            None if code[at..].starts_with(close) => return at,
            None => {}
        }
    }
    code.len()
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Is `word` written in `text` as a whole word (`figures` in `name="figures"`, not in
/// `figures_2021`)?
pub fn named_in(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reach(source: &str) -> Reach {
        Reach::of_templates([source])
    }

    #[test]
    fn fixed_names_are_words_of_the_code_only() {
        let found =
            reach(r#"<p>sales</p>{# data.notes #}{{ data.figures }}{% for r in data["people"] %}"#);
        assert!(found.names("figures") && found.names("people"));
        assert!(!found.names("sales") && !found.names("notes"));
        assert!(!found.by_name && !found.whole);
    }

    #[test]
    fn a_name_given_to_data_and_data_whole_are_told_apart() {
        assert!(reach("{%- set rows = data[name] %}").by_name);
        assert!(!reach("{%- set rows = data[name] %}").whole);
        assert!(reach("{% for k, v in data %}{{ k }}{% endfor %}").whole);
        assert!(reach("{{ data | length }}").whole);
        assert!(!reach(r#"{{ page.data }}{{ f(data="x") }}{{ "data" }}"#).whole);
        assert!(reach(r#"{{ "}}" ~ data }}"#).whole);
        assert!(reach(r#"{{ data["fig" ~ "ures"] }}"#).whole);
        for fixed in [
            r#"{{ data["figures" ] }}"#,
            "{{ data['figures'] | length }}",
        ] {
            let found = reach(fixed);
            assert!(
                found.names("figures") && !found.by_name && !found.whole,
                "{fixed}"
            );
        }
    }

    #[test]
    fn whole_words_only() {
        assert!(named_in(r#"{{ data_table(name="figures") }}"#, "figures"));
        assert!(!named_in("figures_2021 and configures", "figures"));
        assert!(!named_in("百色figures", "figures"));
    }
}
