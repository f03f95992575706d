//! The Fluent catalogue, built into the binary: one file per area of potline and language under
//! `locales/<language>/<area>.ftl`, read once on first use. An entry missing in one language is
//! shown in English, and one missing everywhere as its code, so showing a message never fails;
//! the tests make sure neither happens.

use std::borrow::Cow;
use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use super::{Arg, Lang};

/// The areas the catalogue is split into, one file each per language.
pub const AREAS: [&str; 12] = [
    "core", "config", "content", "markdown", "render", "images", "build", "check", "serve",
    "deploy", "cli", "scaffold",
];

macro_rules! area_files {
    ($lang:literal) => {
        [
            include_str!(concat!("../../locales/", $lang, "/core.ftl")),
            include_str!(concat!("../../locales/", $lang, "/config.ftl")),
            include_str!(concat!("../../locales/", $lang, "/content.ftl")),
            include_str!(concat!("../../locales/", $lang, "/markdown.ftl")),
            include_str!(concat!("../../locales/", $lang, "/render.ftl")),
            include_str!(concat!("../../locales/", $lang, "/images.ftl")),
            include_str!(concat!("../../locales/", $lang, "/build.ftl")),
            include_str!(concat!("../../locales/", $lang, "/check.ftl")),
            include_str!(concat!("../../locales/", $lang, "/serve.ftl")),
            include_str!(concat!("../../locales/", $lang, "/deploy.ftl")),
            include_str!(concat!("../../locales/", $lang, "/cli.ftl")),
            include_str!(concat!("../../locales/", $lang, "/scaffold.ftl")),
        ]
    };
}

/// The sources of a language's catalogue, in the order of [`AREAS`].
pub(crate) fn sources(lang: Lang) -> [&'static str; 12] {
    match lang {
        Lang::En => area_files!("en"),
        Lang::Zh => area_files!("zh"),
    }
}

fn bundle_of(lang: Lang) -> FluentBundle<FluentResource> {
    let id: unic_langid::LanguageIdentifier = lang.code().parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Terminals and editors show the isolation marks Fluent puts around values as stray
    // characters; our values are paths and words, not right-to-left text.
    bundle.set_use_isolating(false);
    for source in sources(lang) {
        // A broken entry is skipped (the tests refuse one); the rest of the file still counts.
        let resource = FluentResource::try_new(source.to_string()).unwrap_or_else(|(r, _)| r);
        let _ = bundle.add_resource(resource);
    }
    bundle
}

static ENGLISH: LazyLock<FluentBundle<FluentResource>> = LazyLock::new(|| bundle_of(Lang::En));
static CHINESE: LazyLock<FluentBundle<FluentResource>> = LazyLock::new(|| bundle_of(Lang::Zh));

fn bundle(lang: Lang) -> &'static FluentBundle<FluentResource> {
    match lang {
        Lang::En => &ENGLISH,
        Lang::Zh => &CHINESE,
    }
}

fn fluent_args<'a>(args: &'a [(Cow<'static, str>, Arg)]) -> FluentArgs<'a> {
    let mut fluent = FluentArgs::with_capacity(args.len());
    for (name, value) in args {
        let value = match value {
            Arg::Number(n) => FluentValue::from(*n),
            Arg::Text(text) => FluentValue::from(text.as_str()),
        };
        fluent.set(name.as_ref(), value);
    }
    fluent
}

/// The text of `code` (or of its `attribute`) in `lang`, English when `lang` lacks it; None when
/// no language has it.
fn format(
    lang: Lang,
    code: &str,
    attribute: Option<&str>,
    args: &[(Cow<'static, str>, Arg)],
) -> Option<String> {
    [lang, Lang::En].into_iter().find_map(|lang| {
        let bundle = bundle(lang);
        let message = bundle.get_message(code)?;
        let pattern = match attribute {
            Some(name) => message.get_attribute(name)?.value(),
            None => message.value()?,
        };
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, Some(&fluent_args(args)), &mut errors);
        Some(text.into_owned())
    })
}

/// The text of the entry `code` (or of its `attribute`) with these arguments in `lang`.
pub fn render(
    lang: Lang,
    code: &str,
    attribute: Option<&str>,
    args: &[(Cow<'static, str>, Arg)],
) -> String {
    format(lang, code, attribute, args).unwrap_or_else(|| code.to_string())
}

/// The `.hint` attribute of the entry `code`, if it has one.
pub fn hint_of(lang: Lang, code: &str, args: &[(Cow<'static, str>, Arg)]) -> Option<String> {
    format(lang, code, Some("hint"), args)
}

/// Every code of the catalogue of `lang`, with the area it is in, in the order of the files.
pub fn codes(lang: Lang) -> Vec<(&'static str, String)> {
    let mut found = Vec::new();
    for (area, source) in AREAS.iter().zip(sources(lang)) {
        found.extend(entries(source).into_iter().map(|e| (*area, e.code)));
    }
    found
}

/// One entry of a catalogue file, as its text reads: for the checks that both languages say
/// the same things.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Entry {
    pub code: String,
    /// Its attributes' names (`hint`).
    pub attributes: Vec<String>,
    /// The variables it uses (`$path`), sorted.
    pub variables: Vec<String>,
}

/// The entries of a catalogue file: a line starting with a letter and holding ` =` opens one; its
/// indented lines continue it.
pub(crate) fn entries(source: &str) -> Vec<Entry> {
    let mut found: Vec<Entry> = Vec::new();
    for line in source.lines() {
        let starts_entry = line.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
        if starts_entry {
            if let Some((code, _)) = line.split_once('=') {
                found.push(Entry {
                    code: code.trim().to_string(),
                    attributes: Vec::new(),
                    variables: Vec::new(),
                });
            }
        } else if let Some(entry) = found.last_mut() {
            let trimmed = line.trim_start();
            if let Some(attribute) = trimmed.strip_prefix('.') {
                if let Some((name, _)) = attribute.split_once('=') {
                    entry.attributes.push(name.trim().to_string());
                }
            }
        }
        if let Some(entry) = found.last_mut().filter(|_| !line.starts_with('#')) {
            entry.variables.extend(variables_in(line));
            entry.variables.sort();
            entry.variables.dedup();
        }
    }
    found
}

/// The `$name` variables a line of a catalogue file uses.
fn variables_in(line: &str) -> Vec<String> {
    line.split('$')
        .skip(1)
        .map(|rest| {
            rest.chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
                .collect::<String>()
        })
        .filter(|name| !name.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn by_code(lang: Lang) -> BTreeMap<String, Entry> {
        sources(lang)
            .iter()
            .flat_map(|source| entries(source))
            .map(|e| (e.code.clone(), e))
            .collect()
    }

    #[test]
    fn every_catalogue_file_parses_and_no_code_is_defined_twice() {
        for lang in Lang::ALL {
            let mut seen = std::collections::HashSet::new();
            for (area, source) in AREAS.iter().zip(sources(lang)) {
                if let Err((_, errors)) = FluentResource::try_new(source.to_string()) {
                    panic!("locales/{}/{area}.ftl: {errors:?}", lang.code());
                }
                for entry in entries(source) {
                    assert!(
                        seen.insert(entry.code.clone()),
                        "`{}` is defined twice in locales/{}/",
                        entry.code,
                        lang.code()
                    );
                }
            }
        }
    }

    /// Each code exists in both languages, with the same hint attribute and the same variables,
    /// so a message can never be shown half-translated or lose a value.
    #[test]
    fn every_code_has_both_languages_with_the_same_variables() {
        let english = by_code(Lang::En);
        let chinese = by_code(Lang::Zh);
        let only = |a: &BTreeMap<String, Entry>, b: &BTreeMap<String, Entry>| -> Vec<String> {
            a.keys().filter(|k| !b.contains_key(*k)).cloned().collect()
        };
        assert_eq!(
            only(&english, &chinese),
            Vec::<String>::new(),
            "no Chinese text"
        );
        assert_eq!(
            only(&chinese, &english),
            Vec::<String>::new(),
            "no English text"
        );
        for (code, entry) in &english {
            let twin = &chinese[code];
            assert_eq!(entry.attributes, twin.attributes, "attributes of `{code}`");
            assert_eq!(entry.variables, twin.variables, "variables of `{code}`");
        }
    }

    /// Every code the source code names (`msg!("...")`, `Message::new("...")`) is in the
    /// catalogue.
    #[test]
    fn every_code_the_program_uses_is_in_the_catalogue() {
        let english = by_code(Lang::En);
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut missing = Vec::new();
        for file in walkdir::WalkDir::new(&src)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.path().extension().is_some_and(|x| x == "rs"))
        {
            let text = std::fs::read_to_string(file.path()).unwrap_or_default();
            for code in used_codes(&text) {
                if !english.contains_key(&code) {
                    missing.push(format!("{}: {code}", file.path().display()));
                }
            }
        }
        assert_eq!(missing, Vec::<String>::new());
    }

    fn used_codes(text: &str) -> Vec<String> {
        let mut codes = Vec::new();
        for opener in ["msg!(", "Message::new("] {
            for part in text.split(opener).skip(1) {
                // rustfmt may put the code on the next line.
                let Some(part) = part.trim_start().strip_prefix('"') else {
                    continue;
                };
                if let Some(end) = part.find('"') {
                    let code = &part[..end];
                    let looks_like_code = !code.is_empty()
                        && code
                            .chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
                    if looks_like_code && code != "code" {
                        codes.push(code.to_string());
                    }
                }
            }
        }
        codes
    }

    #[test]
    fn a_message_is_shown_in_the_language_asked_and_in_english_when_one_lacks_it() {
        let args = [(Cow::Borrowed("count"), Arg::Number(2))];
        assert_eq!(
            render(Lang::En, "errors-found", None, &args),
            "2 errors found; nothing was published"
        );
        assert_eq!(
            render(Lang::Zh, "errors-found", None, &args),
            "发现 2 个错误；没有发布任何内容"
        );
        assert_eq!(render(Lang::Zh, "no-such-code", None, &[]), "no-such-code");
    }
}
