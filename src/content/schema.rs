//! Checks front matter against a content type's schema: required fields, the kind of each value,
//! allowed values, and unknown keys (a warning with "did you mean").

use chrono_tz::Tz;
use serde_json::{Map, Value};

use crate::config::{ContentType, FieldKind, FieldSpec, TaxonomyConfig};
use crate::diagnostics::Severity;
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
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: Option<String>,
}

impl SchemaProblem {
    fn error(key: &str, message: String, hint: Option<String>) -> Self {
        SchemaProblem {
            key: Some(key.to_string()),
            severity: Severity::Error,
            message,
            hint,
        }
    }
}

/// The rules a file is checked against: a content type, or the section index rules.
pub enum Rules<'a> {
    /// A page of this type; taxonomy keys are lists on every page.
    Page(&'a ContentType, &'a [TaxonomyConfig]),
    /// A section's `_index.md`.
    Section,
}

impl Rules<'_> {
    fn spec(&self, key: &str) -> Option<FieldSpec> {
        let declared = match self {
            Rules::Page(ty, taxonomies) => ty.fields.get(key).cloned().or_else(|| {
                taxonomies
                    .iter()
                    .any(|t| t.name == key)
                    .then_some(FieldSpec {
                        kind: FieldKind::List,
                        required: false,
                        values: None,
                    })
            }),
            Rules::Section => None,
        };
        let core: &[(&str, FieldKind)] = match self {
            Rules::Page(..) => &CORE_KEYS,
            Rules::Section => &SECTION_KEYS,
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
        let mut keys: Vec<&str> = match self {
            Rules::Page(ty, taxonomies) => ty
                .fields
                .keys()
                .map(String::as_str)
                .chain(CORE_KEYS.iter().map(|k| k.0))
                .chain(taxonomies.iter().map(|t| t.name.as_str()))
                .collect(),
            Rules::Section => SECTION_KEYS.iter().map(|k| k.0).collect(),
        };
        keys.sort_unstable();
        keys.dedup();
        keys
    }

    fn describe(&self) -> String {
        match self {
            Rules::Page(ty, _) => format!("{} front matter", ty.name),
            Rules::Section => "section front matter".to_string(),
        }
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
                        message: format!("unknown key `{key}` in {}", rules.describe()),
                        hint: Some(suggest::did_you_mean(key, &known)),
                    });
                }
            }
        }
    }
    if unknown > MAX_UNKNOWN_REPORTED {
        problems.push(SchemaProblem {
            key: None,
            severity: Severity::Warning,
            message: format!(
                "{} more unknown keys in {}",
                unknown - MAX_UNKNOWN_REPORTED,
                rules.describe()
            ),
            hint: Some(format!("accepted here: {}", known.join(", "))),
        });
    }
    if let Rules::Page(ty, _) = rules {
        for (key, spec) in ty.fields.iter().filter(|(_, s)| s.required) {
            if !fields.contains_key(key) {
                problems.push(SchemaProblem {
                    key: None,
                    severity: Severity::Error,
                    message: format!("missing required key `{key}` in {}", rules.describe()),
                    hint: Some(format!(
                        "add a line such as `{key}: {}` to the front matter",
                        example(spec.kind)
                    )),
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

fn found(value: &Value) -> &'static str {
    match value {
        Value::Null => "nothing",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "a set of `key: value` lines",
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
                format!("`{key}` is empty"),
                Some(format!(
                    "write a value after `{key}:`, e.g. `{key}: {}`",
                    example(spec.kind)
                )),
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
            Some(text) => dates::parse(text, tz).err().map(|problem| {
                SchemaProblem::error(
                    key,
                    format!("`{key}`: {}", problem.message),
                    Some(problem.hint.into()),
                )
            }),
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
                format!("`{key}` should be a full web address, found \"{url}\""),
                Some(format!(
                    "start it with https://, e.g. `{key}: https://{url}`"
                )),
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
    SchemaProblem::error(
        key,
        format!(
            "`{key}` should be {}, found {}",
            spec.kind.describe(),
            found(value)
        ),
        kind_hint(spec.kind, value),
    )
}

/// Words YAML 1.1 read as booleans; YAML 1.2 (and potline) reads them as text.
fn is_yaml11_bool(text: &str) -> bool {
    ["yes", "no", "on", "off", "y", "n"].contains(&text.to_ascii_lowercase().as_str())
}

fn kind_hint(kind: FieldKind, value: &Value) -> Option<String> {
    match (kind, value) {
        (FieldKind::String, Value::Bool(_)) => Some("put the text in quotes, e.g. \"yes\"".into()),
        (FieldKind::String, Value::Array(_)) => {
            Some("write a single value, without `[` `]` or `- ` items".into())
        }
        (FieldKind::Bool, Value::String(s)) if is_yaml11_bool(s) => Some(format!(
            "write true or false without quotes (found \"{s}\", which YAML 1.1 read as a boolean and YAML 1.2 reads as text)"
        )),
        (FieldKind::Bool, Value::String(s)) => Some(format!(
            "write true or false without quotes (found \"{s}\")"
        )),
        (FieldKind::Integer, Value::String(_)) => Some("write the number without quotes".into()),
        _ => None,
    }
}

fn check_allowed(key: &str, value: &Value, allowed: &[String], problems: &mut Vec<SchemaProblem>) {
    let items: Vec<&Value> = match value {
        Value::Array(items) => items.iter().collect(),
        other => vec![other],
    };
    let allowed_refs: Vec<&str> = allowed.iter().map(String::as_str).collect();
    for item in items {
        let text = item
            .as_str()
            .map_or_else(|| item.to_string(), str::to_string);
        if !allowed.contains(&text) {
            problems.push(SchemaProblem::error(
                key,
                format!("`{text}` is not an allowed value of `{key}`"),
                Some(suggest::did_you_mean(&text, &allowed_refs)),
            ));
        }
    }
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
        assert!(
            found
                .iter()
                .any(|p| p.message.contains("missing required key `title`"))
        );
        assert!(found.iter().any(|p| p.message.contains("not a valid date")));
    }

    #[test]
    fn unknown_key_is_a_warning_with_a_suggestion() {
        let found =
            problems(serde_json::json!({"title": "a", "date": "2021-01-01", "tgas": ["x"]}));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Warning);
        assert_eq!(found[0].hint.as_deref(), Some("did you mean `tags`?"));
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
