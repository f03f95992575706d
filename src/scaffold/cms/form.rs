//! The CMS's editing forms: one folder collection per content type, whose fields are exactly the
//! front matter `potline check` accepts, labelled in the CMS's interface language, and, for a site
//! in several languages, marked for the CMS's i18n (what each language writes for itself, what it
//! copies from the default language, what only the default language's file has).

use serde_json::{Map, Value, json};

use crate::config::{Config, ContentType, FieldKind, FieldSpec};
use crate::messages::Lang;
use crate::msg;

/// How the forms are made.
#[derive(Debug, Clone, Copy)]
pub(super) struct Form<'a> {
    /// The site.
    pub config: &'a Config,
    /// The language of labels and hints.
    pub ui: Lang,
    /// Mark fields for the CMS's i18n (`foo.md` and `foo.zh.md` edited as one entry).
    pub i18n: bool,
}

/// How a field behaves across languages in the CMS's i18n (`i18n:` of a field).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Translated {
    /// Each language writes its own (`true`): titles, text.
    Own,
    /// Written in the default language and copied to the others (`duplicate`): dates,
    /// taxonomy terms, choices, numbers, pictures.
    Copied,
    /// Only in the default language's file (`false`): `slug`, since a translation is published
    /// under the address of the page it translates.
    DefaultOnly,
}

impl Form<'_> {
    /// One folder collection per content type.
    pub fn collection(&self, ty: &ContentType) -> Value {
        let folder = match &ty.section {
            Some(section) => format!("content/{section}"),
            None => "content".to_string(),
        };
        let plural = ty.section.as_deref().unwrap_or("pages");
        let mut value = json!({
            "name": ty.name,
            "label": self.collection_label(plural),
            "label_singular": self.type_label(&ty.name),
            "folder": folder,
            "create": true,
            "extension": "md",
            "format": "frontmatter",
            "slug": "{{slug}}",
        });
        if ty.title_field != "title" {
            value["identifier_field"] = json!(ty.title_field);
        }
        if self.i18n {
            value["i18n"] = json!(true);
        }
        value["fields"] = Value::Array(self.fields(ty));
        value
    }

    /// The form: the title, the date when the type has one, `draft`, the declared fields,
    /// `slug`, and the body.
    fn fields(&self, ty: &ContentType) -> Vec<Value> {
        let mut fields = Vec::new();
        let title = ty
            .fields
            .get(&ty.title_field)
            .cloned()
            .unwrap_or(FieldSpec {
                kind: FieldKind::String,
                required: true,
                values: None,
            });
        fields.extend(self.field(&ty.title_field, &title));
        if let Some(date) = ty.fields.get("date") {
            fields.extend(self.field("date", date));
        }
        let draft = json!({ "label": self.field_label("draft"), "name": "draft",
            "widget": "boolean", "default": true, "required": false,
            "hint": msg!("cms-hint-draft").text_in(self.ui) });
        fields.push(self.translated(draft, Translated::Own));
        for (key, spec) in &ty.fields {
            if key != &ty.title_field && key != "date" {
                fields.extend(self.field(key, spec));
            }
        }
        if !ty.fields.contains_key("slug") {
            let slug = json!({ "label": self.field_label("slug"), "name": "slug",
                "widget": "string", "required": false,
                "hint": msg!("cms-hint-slug").text_in(self.ui) });
            fields.push(self.translated(slug, Translated::DefaultOnly));
        }
        let body = json!({ "label": self.field_label("body"), "name": "body",
            "widget": "markdown", "required": false });
        fields.push(self.translated(body, Translated::Own));
        fields
    }

    /// The form field of one front-matter key, or None for kinds a form cannot edit (maps, any).
    fn field(&self, key: &str, spec: &FieldSpec) -> Option<Value> {
        let mut value = Map::new();
        value.insert("label".into(), json!(self.field_label(key)));
        value.insert("name".into(), json!(key));
        let widget: Value = match (spec.kind, &spec.values) {
            (FieldKind::String | FieldKind::List, Some(values)) => {
                value.insert("options".into(), json!(values));
                if spec.kind == FieldKind::List {
                    value.insert("multiple".into(), json!(true));
                }
                json!("select")
            }
            (FieldKind::String, None) if matches!(key, "summary" | "description") => json!("text"),
            (FieldKind::String, None) => json!("string"),
            (FieldKind::Date, _) => {
                value.insert("format".into(), json!("YYYY-MM-DD"));
                value.insert("date_format".into(), json!("YYYY-MM-DD"));
                value.insert("time_format".into(), json!(false));
                json!("datetime")
            }
            (FieldKind::Datetime, _) => {
                value.insert("format".into(), json!("YYYY-MM-DD HH:mm"));
                value.insert("date_format".into(), json!("YYYY-MM-DD"));
                value.insert("time_format".into(), json!("HH:mm"));
                json!("datetime")
            }
            (FieldKind::Bool, _) => json!("boolean"),
            (FieldKind::Integer, _) => {
                value.insert("value_type".into(), json!("int"));
                json!("number")
            }
            (FieldKind::Number, _) => {
                value.insert("value_type".into(), json!("float"));
                json!("number")
            }
            (FieldKind::List, None) => json!("list"),
            (FieldKind::Url, _) => {
                let example = msg!("cms-url-pattern").text_in(self.ui);
                value.insert("pattern".into(), json!(["^https?://", example]));
                json!("string")
            }
            (FieldKind::Image, _) => json!("image"),
            (FieldKind::Map | FieldKind::Any, _) => return None,
        };
        value.insert("widget".into(), widget);
        value.insert("required".into(), json!(spec.required));
        Some(self.translated(Value::Object(value), self.translation_of(key, spec)))
    }

    /// Whether the languages of an entry each write `key` or share it: text is each language's
    /// own; dates, choices, numbers, pictures, addresses and taxonomy terms are shared.
    fn translation_of(&self, key: &str, spec: &FieldSpec) -> Translated {
        let is_taxonomy = self.config.taxonomies.iter().any(|t| t.name == key);
        match spec.kind {
            FieldKind::String if spec.values.is_none() => Translated::Own,
            FieldKind::List if spec.values.is_none() && !is_taxonomy => Translated::Own,
            _ => Translated::Copied,
        }
    }

    /// The field with its `i18n:` mark when the forms are multilingual.
    fn translated(&self, mut field: Value, how: Translated) -> Value {
        if self.i18n {
            field["i18n"] = match how {
                Translated::Own => json!(true),
                Translated::Copied => json!("duplicate"),
                Translated::DefaultOnly => json!(false),
            };
        }
        field
    }

    /// The label of a front-matter key: the words of the interface language for the keys
    /// potline knows (`title` → 标题), else the key as words (`name_zh` → `Name zh`).
    pub fn field_label(&self, key: &str) -> String {
        msg!("cms-field-label", key = key, fallback = words(key)).text_in(self.ui)
    }

    /// The label of the collection of a section folder (`news` → News, 新闻).
    pub fn collection_label(&self, folder: &str) -> String {
        msg!(
            "cms-collection-label",
            name = folder,
            fallback = words(folder)
        )
        .text_in(self.ui)
    }

    /// The label of one entry of a content type (`news` → News item, 新闻).
    fn type_label(&self, name: &str) -> String {
        msg!("cms-type-label", name = name, fallback = words(name)).text_in(self.ui)
    }
}

/// `name_zh` -> `Name zh`, `news/2021` -> `News 2021`.
pub(super) fn words(key: &str) -> String {
    let words = key.replace(['_', '-', '/'], " ");
    let mut chars = words.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
