use serde_json::json;

use super::*;
use crate::messages::Lang;

fn capacity() -> Value {
    json!({
        "title": "Capacity, December 2022",
        "unit": "million t/yr",
        "label_heading": "Stage",
        "source": "Source: People's Daily Online, 27 December 2022",
        "points": [
            { "label": "Alumina", "value": 10.5 },
            { "label": "Electrolytic aluminum", "value": 2.37 },
            { "label": "Processing", "value": 3.85 }
        ]
    })
}

fn count(text: &str, needle: &str) -> usize {
    text.matches(needle).count()
}

#[test]
fn a_bar_chart_is_an_accessible_svg_with_a_table_and_its_source() {
    let chart = Chart::from_data(&capacity(), None).unwrap();
    assert_eq!(chart.kind, Kind::Bar);
    let html = chart.figure_html("chart-capacity-bar");
    assert!(html.starts_with("<figure class=\"chart chart--bar\">"));
    assert!(html.contains(
        "role=\"img\" aria-labelledby=\"chart-capacity-bar-title chart-capacity-bar-desc\""
    ));
    assert!(
        html.contains("<title id=\"chart-capacity-bar-title\">Capacity, December 2022</title>")
    );
    assert!(html.contains(
        "<desc id=\"chart-capacity-bar-desc\">Alumina: 10.5 million t/yr; Electrolytic aluminum: 2.37 million t/yr; Processing: 3.85 million t/yr</desc>"
    ));
    assert_eq!(count(&html, "<rect class=\"chart__bar\""), 3);
    // The longest bar is the largest value; the others are in proportion.
    assert!(html.contains("<tr><th scope=\"row\">Alumina</th><td>10.5 million t/yr</td></tr>"));
    assert!(html.contains(
        "<thead><tr><th scope=\"col\">Stage</th><th scope=\"col\">million t/yr</th></tr></thead>"
    ));
    assert!(html.contains(
        "<p class=\"chart__source\">Source: People&#39;s Daily Online, 27 December 2022</p>"
    ));
    assert!(!html.contains("<script"));
}

#[test]
fn bars_are_in_proportion_to_their_values() {
    let chart = Chart::from_data(&capacity(), None).unwrap();
    let svg = svg::draw(&chart, "c");
    let widths: Vec<f64> = svg
        .split("<rect ")
        .skip(1)
        .filter_map(|r| r.split("width=\"").nth(1)?.split('"').next()?.parse().ok())
        .collect();
    assert_eq!(widths.len(), 3);
    assert!(
        (widths[1] / widths[0] - 2.37 / 10.5).abs() < 0.01,
        "{widths:?}"
    );
}

#[test]
fn a_line_chart_spaces_years_by_their_distance_and_marks_targets() {
    let data = json!({
        "title": "Output value",
        "kind": "bar",
        "unit": "billion yuan",
        "source": "Sources: ...",
        "points": [
            { "label": 2022, "value": 100, "display": "over 100" },
            { "label": 2025, "value": 120, "note": "target" },
            { "label": 2030, "value": 200, "note": "target" }
        ]
    });
    // `kind=` given to the shortcode wins over the file's.
    let chart = Chart::from_data(&data, Some(Kind::Line)).unwrap();
    let html = chart.figure_html("chart-output-line");
    assert!(html.starts_with("<figure class=\"chart chart--line\">"));
    assert_eq!(count(&html, "<circle "), 3);
    assert_eq!(count(&html, "class=\"chart__line"), 2);
    assert_eq!(count(&html, "chart__dot--noted"), 2);
    assert!(html.contains(">over 100</text>"));
    assert!(html.contains("<td>120 billion yuan (target)</td>"));
    let xs: Vec<f64> = html
        .split("<circle ")
        .skip(1)
        .filter_map(|c| c.split("cx=\"").nth(1)?.split('"').next()?.parse().ok())
        .collect();
    // 2022 -> 2025 is three years, 2025 -> 2030 five.
    let ratio = (xs[2] - xs[1]) / (xs[1] - xs[0]);
    assert!((ratio - 5.0 / 3.0).abs() < 0.05, "{xs:?}");
}

#[test]
fn a_value_that_is_not_a_number_is_found_at_its_line() {
    let text = "title: Capacity\nsource: \"Source: x\"\npoints:\n  - label: Alumina\n    value: 10.5\n  - label: Aluminum\n    value: n/a\n";
    let value = crate::yaml::to_json(text).unwrap();
    let problem = Chart::from_data(&value, None).unwrap_err();
    assert_eq!(problem.place, Place::Point(1, Some("value".into())));
    assert_eq!(
        problem.message.text_in(Lang::En),
        "the value of point 2 (`Aluminum`) is \"n/a\", not a number"
    );
    assert_eq!(
        problem.message.text_in(Lang::Zh),
        "第 2 个数据点（`Aluminum`）的值是“n/a”，不是数字"
    );
    assert_eq!(locate(text, &problem.place), (7, 5));
}

#[test]
fn flow_style_points_and_missing_keys_are_located() {
    let text =
        "title: T\nsource: S\npoints:\n  - { label: 2007, value: 0.9 }\n  - { label: 2008 }\n";
    let value = crate::yaml::to_json(text).unwrap();
    let problem = Chart::from_data(&value, None).unwrap_err();
    assert_eq!(
        problem.message.text_in(Lang::En),
        "point 2 (`2008`) has no `value`"
    );
    assert_eq!(locate(text, &problem.place), (5, 3));
    let no_source = crate::yaml::to_json("title: T\npoints: []\n").unwrap();
    let problem = Chart::from_data(&no_source, None).unwrap_err();
    assert_eq!(
        problem.message.text_in(Lang::En),
        "this chart has no `source:`"
    );
    let typo = crate::yaml::to_json("title: T\nsource: S\nunits: t\npoints: []\n").unwrap();
    let problem = Chart::from_data(&typo, None).unwrap_err();
    let hint = problem.hint.as_ref().map(|h| h.text_in(Lang::En));
    assert_eq!(hint.as_deref(), Some("did you mean `unit`?"));
    assert_eq!(
        locate("title: T\nsource: S\nunits: t\n", &problem.place),
        (3, 1)
    );
}

#[test]
fn unknown_kinds_are_named() {
    let words = |kind: &str, lang: Lang| {
        let (message, hint) = Kind::parse(kind).unwrap_err();
        (message.text_in(lang), hint.text_in(lang))
    };
    assert_eq!(
        words("pie", Lang::En),
        (
            "`pie` is not a kind of chart".to_string(),
            "accepted here: `bar`, `line`".to_string()
        )
    );
    assert_eq!(
        words("lines", Lang::Zh),
        (
            "`lines` 不是一种图表".to_string(),
            "你是不是想写 `line`？".to_string()
        )
    );
}

#[test]
fn numbers_are_written_as_people_write_them() {
    assert_eq!(format_number(120.0), "120");
    assert_eq!(format_number(2.37), "2.37");
    assert_eq!(format_number(0.1 + 0.2), "0.3");
}
