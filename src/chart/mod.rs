//! Charts drawn at build time: a data file of labelled numbers becomes an inline SVG a screen
//! reader can name (`role="img"`, `<title>`, `<desc>`), a visible source line and a table of the
//! same numbers, with no JavaScript. The `chart` shortcode calls it (docs/reference.md,
//! "Charts"). Shapes and text carry classes the theme colours with CSS variables, so dark mode
//! and print follow the theme; plain colours are there as a fallback.
//!
//! The data file (YAML or JSON, in `data/`, with a `.zh.yaml` twin for Chinese):
//!
//! ```yaml
//! title: Alumina capacity of Baise
//! kind: line                 # bar (default) or line
//! unit: million t/yr
//! source: "Source: People's Daily Online, 27 December 2022"
//! points:
//!   - { label: 2007, value: 0.9 }
//!   - { label: 2022, value: 10.5, note: target }
//! ```

mod locate;
mod svg;

pub(crate) use locate::{data_file, locate};

use serde_json::{Map, Value};

use crate::messages::Message;
use crate::msg;

/// How the numbers are drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// One horizontal bar a point, label above it and value at its end: reads well at 320 px.
    Bar,
    /// Points joined by a line over their labels (years spaced by their distance).
    Line,
}

impl Kind {
    const NAMES: [&'static str; 2] = ["bar", "line"];

    /// `bar` or `line`; else what is wrong, and the kind meant (or the kinds there are).
    pub(crate) fn parse(text: &str) -> Result<Kind, (Message, Message)> {
        match text.trim() {
            "bar" => Ok(Kind::Bar),
            "line" => Ok(Kind::Line),
            other => Err((
                msg!("chart-kind-unknown", kind = other),
                crate::suggest::did_you_mean_message(other, &Self::NAMES),
            )),
        }
    }

    fn name(self) -> &'static str {
        match self {
            Kind::Bar => "bar",
            Kind::Line => "line",
        }
    }
}

/// One labelled number.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Point {
    /// The label as written (`2007`, `Alumina`).
    pub label: String,
    /// The label as a number, when it is one: line charts space such points by their distance.
    pub x: Option<f64>,
    /// The number drawn.
    pub value: f64,
    /// The number as shown: `display:` when written ("over 100"), else the value.
    pub shown: String,
    /// A word set beside the point ("target"); such points are drawn lighter.
    pub note: Option<String>,
}

/// A chart read from its data file.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Chart {
    pub kind: Kind,
    pub title: String,
    /// What the chart shows, in a sentence; made from the points when not written.
    pub description: Option<String>,
    pub unit: Option<String>,
    /// Headings of the table's label and value columns.
    pub label_heading: Option<String>,
    pub value_heading: Option<String>,
    /// The visible source line, as written ("Source: ..., date").
    pub source: String,
    pub points: Vec<Point>,
}

/// Where in a data file a problem is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Place {
    /// The file as a whole.
    File,
    /// A top-level key.
    Key(String),
    /// Point `n` (0-based), at one of its keys or as a whole.
    Point(usize, Option<String>),
}

/// Something wrong in a chart's data file: what (its entry says how to fix it) and, when that
/// does not fit, a hint of its own (a "did you mean").
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Problem {
    pub place: Place,
    pub message: Message,
    /// Boxed: most problems have none, and a problem travels in `Result`s.
    pub hint: Option<Box<Message>>,
}

impl Problem {
    fn at(place: Place, message: Message) -> Problem {
        Problem {
            place,
            message,
            hint: None,
        }
    }

    fn with_hint(self, hint: Message) -> Problem {
        Problem {
            hint: Some(Box::new(hint)),
            ..self
        }
    }
}

const TOP_KEYS: [&str; 8] = [
    "title",
    "kind",
    "description",
    "unit",
    "label_heading",
    "value_heading",
    "source",
    "points",
];
const POINT_KEYS: [&str; 4] = ["label", "value", "display", "note"];

impl Chart {
    /// Reads a chart from its data file's content; `kind` (from the shortcode) overrides the
    /// file's `kind:`.
    pub(crate) fn from_data(value: &Value, kind: Option<Kind>) -> Result<Chart, Problem> {
        let Some(map) = value.as_object() else {
            return Err(Problem::at(Place::File, msg!("chart-not-a-map")));
        };
        unknown_key(map, &TOP_KEYS, |key| Place::Key(key.to_string()))?;
        let text = |key: &str| optional_text(map, key, Place::Key(key.to_string()));
        let kind = match (kind, text("kind")?) {
            (Some(kind), _) => kind,
            (None, None) => Kind::Bar,
            (None, Some(written)) => Kind::parse(&written).map_err(|(message, hint)| {
                Problem::at(Place::Key("kind".into()), message).with_hint(hint)
            })?,
        };
        let title =
            text("title")?.ok_or_else(|| Problem::at(Place::File, msg!("chart-no-title")))?;
        let source =
            text("source")?.ok_or_else(|| Problem::at(Place::File, msg!("chart-no-source")))?;
        Ok(Chart {
            kind,
            title,
            description: text("description")?,
            unit: text("unit")?,
            label_heading: text("label_heading")?,
            value_heading: text("value_heading")?,
            source,
            points: points(map)?,
        })
    }

    /// The `<figure>`: title, SVG, the numbers as a table, and the source line. `id` makes the
    /// SVG's `aria-labelledby` targets unique on the page.
    pub(crate) fn figure_html(&self, id: &str) -> String {
        let mut html = format!(
            "<figure class=\"chart chart--{}\">\n<figcaption class=\"chart__title\">{}</figcaption>\n",
            self.kind.name(),
            escape(&self.title)
        );
        html.push_str(&svg::draw(self, id));
        html.push('\n');
        html.push_str(&self.table_html());
        html.push_str(&format!(
            "<p class=\"chart__source\">{}</p>\n</figure>",
            escape(&self.source)
        ));
        html
    }

    /// The sentence of `<desc>`: the one written, else every label with its value.
    pub(crate) fn description_text(&self) -> String {
        if let Some(written) = &self.description {
            return written.clone();
        }
        self.points
            .iter()
            .map(|p| format!("{}: {}", p.label, self.value_text(p)))
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// A value with its unit and note: `120 billion yuan (target)`.
    fn value_text(&self, point: &Point) -> String {
        let mut text = point.shown.clone();
        if let Some(unit) = &self.unit {
            text.push(' ');
            text.push_str(unit);
        }
        if let Some(note) = &point.note {
            text.push_str(&format!(" ({note})"));
        }
        text
    }

    fn table_html(&self) -> String {
        let mut html = format!(
            "<table class=\"chart__table\">\n<caption>{}</caption>\n",
            escape(&self.title)
        );
        let value_heading = self.value_heading.as_ref().or(self.unit.as_ref());
        if let (Some(label), Some(value)) = (&self.label_heading, value_heading) {
            html.push_str(&format!(
                "<thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead>\n",
                escape(label),
                escape(value)
            ));
        }
        html.push_str("<tbody>\n");
        for point in &self.points {
            html.push_str(&format!(
                "<tr><th scope=\"row\">{}</th><td>{}</td></tr>\n",
                escape(&point.label),
                escape(&self.value_text(point))
            ));
        }
        html.push_str("</tbody>\n</table>\n");
        html
    }
}

fn unknown_key(
    map: &Map<String, Value>,
    known: &[&str],
    place: impl Fn(&str) -> Place,
) -> Result<(), Problem> {
    match map.keys().find(|k| !known.contains(&k.as_str())) {
        Some(key) => Err(
            Problem::at(place(key), msg!("chart-unknown-key", key = key))
                .with_hint(crate::suggest::did_you_mean_message(key, known)),
        ),
        None => Ok(()),
    }
}

/// A text value (numbers are taken as written); None when absent or empty.
fn optional_text(
    map: &Map<String, Value>,
    key: &str,
    place: Place,
) -> Result<Option<String>, Problem> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.trim().to_string())),
        Some(Value::Number(n)) => Ok(Some(n.to_string())),
        Some(_) => Err(Problem::at(place, msg!("chart-not-text", key = key))),
    }
}

fn points(map: &Map<String, Value>) -> Result<Vec<Point>, Problem> {
    let no_points = || Problem::at(Place::Key("points".into()), msg!("chart-no-points"));
    let items = match map.get("points") {
        Some(Value::Array(items)) if !items.is_empty() => items,
        Some(Value::Array(_)) | Some(Value::Null) => return Err(no_points()),
        None => {
            return Err(Problem {
                place: Place::File,
                ..no_points()
            });
        }
        Some(_) => {
            return Err(Problem::at(
                Place::Key("points".into()),
                msg!("chart-points-not-a-list"),
            ));
        }
    };
    items
        .iter()
        .enumerate()
        .map(|(index, item)| point(index, item))
        .collect()
}

fn point(index: usize, item: &Value) -> Result<Point, Problem> {
    let at = |key: &str| Place::Point(index, Some(key.to_string()));
    let number = index + 1;
    let Some(map) = item.as_object() else {
        return Err(Problem::at(
            Place::Point(index, None),
            msg!("chart-point-not-a-map", number = number),
        ));
    };
    unknown_key(map, &POINT_KEYS, |key| {
        Place::Point(index, Some(key.into()))
    })?;
    let label = optional_text(map, "label", at("label"))?.ok_or_else(|| {
        Problem::at(
            Place::Point(index, None),
            msg!("chart-point-no-label", number = number),
        )
    })?;
    let value = match map.get("value") {
        Some(Value::Number(n)) => n.as_f64().unwrap_or(f64::NAN),
        None | Some(Value::Null) => {
            return Err(Problem::at(
                Place::Point(index, None),
                msg!("chart-point-no-value", number = number, label = &label),
            ));
        }
        Some(other) => {
            let written = other
                .as_str()
                .map_or_else(|| other.to_string(), str::to_string);
            return Err(Problem::at(
                at("value"),
                msg!(
                    "chart-value-not-a-number",
                    number = number,
                    label = &label,
                    written = written
                ),
            ));
        }
    };
    if !value.is_finite() || value < 0.0 {
        return Err(Problem::at(
            at("value"),
            msg!("chart-value-below-zero", number = number, label = &label),
        ));
    }
    Ok(Point {
        x: label.trim().parse::<f64>().ok().filter(|x| x.is_finite()),
        shown: optional_text(map, "display", at("display"))?
            .unwrap_or_else(|| format_number(value)),
        note: optional_text(map, "note", at("note"))?,
        label,
        value,
    })
}

/// A number as people write it: `120`, `10.5`, `2.37`.
pub(crate) fn format_number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        let text = format!("{value:.4}");
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// Text and attribute values in the SVG and HTML.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// An id fragment from a data name: `charts/alumina_capacity` -> `alumina-capacity`.
pub(crate) fn id_for(name: &str, kind: Kind) -> String {
    let base: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    format!("chart-{}-{}", base.trim_matches('-'), kind.name())
}

#[cfg(test)]
mod tests;
