//! Checks front matter against a content type's schema: required fields, the kind of each value,
//! allowed values, and unknown keys (a warning with "did you mean").

use chrono_tz::Tz;
use serde_json::{Map, Value};

use crate::config::{ContentType, FieldKind, FieldSpec, TaxonomyConfig};
use crate::diagnostics::Severity;
use crate::messages::Message;
use crate::{dates, suggest};

/// Keys every page understands, whatever its type.
pub const CORE_KEYS: [(&str, FieldKind); 11] = [
    ("title", FieldKind::String),
    ("date", FieldKind::Datetime),
    ("updated", FieldKind::Datetime),
    ("draft", FieldKind::Bool),
    ("slug", FieldKind::String),
    ("aliases", FieldKind::List),
    ("template", FieldKind::String),
    ("weight", FieldKind::Integer),
    ("description", FieldKind::String),
    ("summary", FieldKind::String),
    ("search", FieldKind::Bool),
];

/// Keys a section's `_index.md` understands.
pub const SECTION_KEYS: [(&str, FieldKind); 7] = [
    ("paginate", FieldKind::Integer),
    ("title", FieldKind::String),
    ("description", FieldKind::String),
    ("summary", FieldKind::String),
    ("template", FieldKind::String),
    ("weight", FieldKind::Integer),
    ("draft", FieldKind::Bool),
];

/// One thing wrong with the front matter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemaProblem {
    /// The key concerned (its line is looked up by the caller), or None for the whole block.
    pub key: Option<String>,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong (its entry's hint says how to fix it).
    pub message: Message,
    /// How to fix it, when the entry's own hint is not enough ("did you mean ...").
    pub hint: Option<Message>,
    /// The item of a list the problem is about, which the caller can point at on its line.
    pub item: Option<String>,
}

impl SchemaProblem {
    fn error(key: &str, message: Message, hint: Option<Message>) -> Self {
        SchemaProblem {
            key: Some(key.to_string()),
            severity: Severity::Error,
            message,
            hint,
            item: None,
        }
    }
}

/// The rules a file is checked against: a content type, or the section index rules.
pub enum Rules<'a> {
    /// A page of this type; taxonomy keys are lists on every page.
    Page(&'a ContentType, &'a [TaxonomyConfig]),
    /// A row of a data file that `generate:` makes a page of this type.
    Row(&'a ContentType, &'a [TaxonomyConfig]),
    /// A section's `_index.md`.
    Section,
}

impl Rules<'_> {
    /// The content type and taxonomies of a page or a row.
    fn page(&self) -> Option<(&ContentType, &[TaxonomyConfig])> {
        match self {
            Rules::Page(ty, taxonomies) | Rules::Row(ty, taxonomies) => Some((ty, taxonomies)),
            Rules::Section => None,
        }
    }

    fn spec(&self, key: &str) -> Option<FieldSpec> {
        let declared = self.page().and_then(|(ty, taxonomies)| {
            ty.fields.get(key).cloned().or_else(|| {
                taxonomies
                    .iter()
                    .any(|t| t.name == key)
                    .then_some(FieldSpec {
                        kind: FieldKind::List,
                        required: false,
                        values: None,
                    })
            })
        });
        let core: &[(&str, FieldKind)] = match self {
            Rules::Section => &SECTION_KEYS,
            _ => &CORE_KEYS,
        };
        declared.or_else(|| {
            core.iter()
                .find(|(k, _)| *k == key)
                .map(|(_, kind)| FieldSpec {
                    kind: *kind,
                    required: false,
                    values: None,
                })
        })
    }

    fn known_keys(&self) -> Vec<&str> {
        let mut keys: Vec<&str> = match self.page() {
            Some((ty, taxonomies)) => ty
                .fields
                .keys()
                .map(String::as_str)
                .chain(CORE_KEYS.iter().map(|k| k.0))
                .chain(taxonomies.iter().map(|t| t.name.as_str()))
                .collect(),
            None => SECTION_KEYS.iter().map(|k| k.0).collect(),
        };
        keys.sort_unstable();
        keys.dedup();
        keys
    }

    /// Where the keys are written, as messages say it: the `place` (`page`, `section`, `row`)
    /// and the content `type`.
    fn about(&self, message: Message) -> Message {
        let (place, ty) = match self {
            Rules::Page(ty, _) => ("page", ty.name.as_str()),
            Rules::Row(ty, _) => ("row", ty.name.as_str()),
            Rules::Section => ("section", ""),
        };
        message.arg("place", place).arg("type", ty)
    }
}

/// Unknown keys of one file reported one by one; the rest are counted.
const MAX_UNKNOWN_REPORTED: usize = 20;

/// Checks `fields` in place (lists written as a single value become lists of one) and returns
/// every problem found.
pub fn check(fields: &mut Map<String, Value>, rules: &Rules<'_>, tz: Tz) -> Vec<SchemaProblem> {
    let mut problems = Vec::new();
    let known = rules.known_keys();
    let mut unknown = 0usize;
    for (key, value) in fields.iter_mut() {
        match rules.spec(key) {
            Some(spec) => check_value(key, value, &spec, tz, &mut problems),
            None => {
                unknown += 1;
                // A file of thousands of unknown keys is named once, not thousands of times.
                if unknown <= MAX_UNKNOWN_REPORTED {
                    problems.push(SchemaProblem {
                        key: Some(key.clone()),
                        severity: Severity::Warning,
                        message: rules.about(crate::msg!("front-matter-unknown-key", key = key)),
                        hint: Some(suggest::did_you_mean_message(key, &known)),
                        item: None,
                    });
                }
            }
        }
    }
    if unknown > MAX_UNKNOWN_REPORTED {
        let count = unknown - MAX_UNKNOWN_REPORTED;
        problems.push(SchemaProblem {
            key: None,
            severity: Severity::Warning,
            message: rules.about(crate::msg!("front-matter-unknown-keys-more", count = count)),
            hint: Some(crate::msg!(
                "front-matter-keys-accepted",
                names = known.join(", ")
            )),
            item: None,
        });
    }
    if let Some((ty, _)) = rules.page() {
        for (key, spec) in ty.fields.iter().filter(|(_, s)| s.required) {
            if !fields.contains_key(key) {
                let message = crate::msg!(
                    "front-matter-missing-key",
                    key = key,
                    example = example(spec.kind)
                );
                problems.push(SchemaProblem {
                    key: None,
                    severity: Severity::Error,
                    message: rules.about(message),
                    hint: None,
                    item: None,
                });
            }
        }
    }
    problems
}

fn example(kind: FieldKind) -> &'static str {
    match kind {
        FieldKind::Date | FieldKind::Datetime => "2021-07-30",
        FieldKind::Bool => "true",
        FieldKind::Integer | FieldKind::Number => "1",
        FieldKind::List => "[first, second]",
        FieldKind::Url => "https://www.example.org",
        FieldKind::Image => "photo.jpg",
        _ => "\"...\"",
    }
}

/// What a value is, as the catalogue names it (`field-wrong-kind`'s `$found`).
fn found(value: &Value) -> &'static str {
    match value {
        Value::Null => "nothing",
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(_) => "text",
        Value::Array(_) => "list",
        Value::Object(_) => "map",
    }
}

fn check_value(
    key: &str,
    value: &mut Value,
    spec: &FieldSpec,
    tz: Tz,
    problems: &mut Vec<SchemaProblem>,
) {
    if value.is_null() || value.as_str().is_some_and(|s| s.trim().is_empty()) {
        if spec.required {
            problems.push(SchemaProblem::error(
                key,
                crate::msg!("field-empty", key = key, example = example(spec.kind)),
                None,
            ));
        }
        return;
    }
    let problem = match spec.kind {
        FieldKind::String | FieldKind::Image => match value {
            Value::String(_) => None,
            Value::Number(n) => {
                *value = Value::String(n.to_string());
                None
            }
            _ => Some(wrong_kind(key, spec, value)),
        },
        FieldKind::Date | FieldKind::Datetime => match value.as_str() {
            Some(text) => dates::parse(text, tz)
                .err()
                .map(|problem| SchemaProblem::error(key, problem.message(key), None)),
            None => Some(wrong_kind(key, spec, value)),
        },
        FieldKind::Bool => (!value.is_boolean()).then(|| wrong_kind(key, spec, value)),
        FieldKind::Integer => {
            (!(value.is_i64() || value.is_u64())).then(|| wrong_kind(key, spec, value))
        }
        FieldKind::Number => (!value.is_number()).then(|| wrong_kind(key, spec, value)),
        FieldKind::Map => (!value.is_object()).then(|| wrong_kind(key, spec, value)),
        FieldKind::List => {
            if value.is_object() {
                Some(wrong_kind(key, spec, value))
            } else {
                if !value.is_array() {
                    *value = Value::Array(vec![value.take()]);
                }
                None
            }
        }
        FieldKind::Url => match value.as_str() {
            Some(url) if url.starts_with("https://") || url.starts_with("http://") => None,
            Some(url) => Some(SchemaProblem::error(
                key,
                crate::msg!("field-not-a-web-address", key = key, value = url),
                None,
            )),
            None => Some(wrong_kind(key, spec, value)),
        },
        FieldKind::Any => None,
    };
    problems.extend(problem);
    if let Some(allowed) = &spec.values {
        check_allowed(key, value, allowed, problems);
    }
}

fn wrong_kind(key: &str, spec: &FieldSpec, value: &Value) -> SchemaProblem {
    if let (FieldKind::Bool, Some(meant)) = (spec.kind, value.as_str().and_then(yes_or_no)) {
        let written = value.as_str().unwrap_or_default();
        let message = crate::msg!("field-yes-no", key = key, value = written, meant = meant);
        return SchemaProblem::error(key, message, None);
    }
    let message = crate::msg!(
        "field-wrong-kind",
        key = key,
        expected = spec.kind.code(),
        found = found(value)
    );
    SchemaProblem::error(key, message, kind_hint(key, spec.kind, value))
}

/// What a writer means by the words other programs (and YAML 1.1) take for true and false:
/// `true` for `yes`, `on`, `y`; `false` for `no`, `off`, `n`.
fn yes_or_no(text: &str) -> Option<&'static str> {
    match text.trim().to_ascii_lowercase().as_str() {
        "yes" | "on" | "y" => Some("true"),
        "no" | "off" | "n" => Some("false"),
        _ => None,
    }
}

fn kind_hint(key: &str, kind: FieldKind, value: &Value) -> Option<Message> {
    match (kind, value) {
        (FieldKind::String, Value::Bool(b)) => Some(crate::msg!(
            "field-quote-text-hint",
            key = key,
            value = b.to_string()
        )),
        (FieldKind::String, Value::Array(_)) => Some(crate::msg!("field-single-value-hint")),
        (FieldKind::Bool, Value::String(s)) => {
            Some(crate::msg!("field-bool-unquoted-hint", value = s))
        }
        (FieldKind::Integer, Value::String(_)) => Some(crate::msg!("field-number-unquoted-hint")),
        _ => None,
    }
}

fn check_allowed(key: &str, value: &Value, allowed: &[String], problems: &mut Vec<SchemaProblem>) {
    let items: Vec<&Value> = match value {
        Value::Array(items) => items.iter().collect(),
        other => vec![other],
    };
    let allowed_refs: Vec<&str> = allowed.iter().map(String::as_str).collect();
    let texts: Vec<String> = items
        .iter()
        .map(|item| {
            item.as_str()
                .map_or_else(|| item.to_string(), str::to_string)
        })
        .collect();
    for text in &texts {
        if allowed.contains(text) {
            continue;
        }
        let hint = match joined_items(text, allowed) {
            Some(_) => crate::msg!(
                "field-list-comma-hint",
                key = key,
                items = separated(&texts, allowed)
            ),
            None => suggest::did_you_mean_message(text, &allowed_refs),
        };
        problems.push(SchemaProblem {
            item: Some(text.clone()),
            ..SchemaProblem::error(
                key,
                crate::msg!("field-value-not-allowed", key = key, value = text),
                Some(hint),
            )
        });
    }
}

/// `alumina，processing` (items joined with a Chinese or English comma inside one item): the
/// allowed values it is made of, when it is made of nothing else.
fn joined_items<'a>(text: &'a str, allowed: &[String]) -> Option<Vec<&'a str>> {
    let parts: Vec<&str> = text
        .split([',', '，', '、'])
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .collect();
    let all_allowed = parts.iter().all(|part| allowed.iter().any(|a| a == part));
    (parts.len() > 1 && all_allowed).then_some(parts)
}

/// The items of a list written again with every item made of joined items split apart.
fn separated(texts: &[String], allowed: &[String]) -> String {
    texts
        .iter()
        .flat_map(|text| joined_items(text, allowed).unwrap_or_else(|| vec![text.as_str()]))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use indexmap::IndexMap;

    fn news() -> ContentType {
        ContentType {
            name: "news".into(),
            section: Some("news".into()),
            title_field: "title".into(),
            schema_org: None,
            fields: IndexMap::from([
                (
                    "title".to_string(),
                    FieldSpec {
                        kind: FieldKind::String,
                        required: true,
                        values: None,
                    },
                ),
                (
                    "date".to_string(),
                    FieldSpec {
                        kind: FieldKind::Datetime,
                        required: true,
                        values: None,
                    },
                ),
                (
                    "tags".to_string(),
                    FieldSpec {
                        kind: FieldKind::List,
                        required: false,
                        values: None,
                    },
                ),
            ]),
        }
    }

    fn problems(yaml: serde_json::Value) -> Vec<SchemaProblem> {
        let mut map = yaml.as_object().cloned().unwrap();
        check(&mut map, &Rules::Page(&news(), &[]), chrono_tz::UTC)
    }

    #[test]
    fn missing_required_and_bad_date() {
        let found = problems(serde_json::json!({"date": "2021-13-01"}));
        let codes: Vec<_> = found.iter().filter_map(|p| p.message.code()).collect();
        assert!(codes.contains(&"front-matter-missing-key"), "{codes:?}");
        assert!(codes.contains(&"date-invalid"), "{codes:?}");
    }

    #[test]
    fn unknown_key_is_a_warning_with_a_suggestion() {
        let found =
            problems(serde_json::json!({"title": "a", "date": "2021-01-01", "tgas": ["x"]}));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Warning);
        let hint = found[0]
            .hint
            .as_ref()
            .map(|h| h.text_in(crate::messages::Lang::En));
        assert_eq!(hint.as_deref(), Some("did you mean `tags`?"));
    }

    #[test]
    fn a_single_tag_becomes_a_list() {
        let mut map = serde_json::json!({"title": "a", "date": "2021-01-01", "tags": "x"})
            .as_object()
            .cloned()
            .unwrap();
        assert!(check(&mut map, &Rules::Page(&news(), &[]), chrono_tz::UTC).is_empty());
        assert_eq!(map["tags"], serde_json::json!(["x"]));
    }
}
