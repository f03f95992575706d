//! The SVG of a chart. Sizes are in a 320-unit-wide box that the theme scales to the column:
//! at 320 px the text is still about 11 px. Every shape and text has a `chart__*` class for the theme's
//! colours, and a plain colour attribute that CSS overrides (for pages without the theme).

use super::{Chart, Kind, Point, escape, format_number};

const WIDTH: f64 = 320.0;
const FONT: f64 = 14.0;
/// Fallback colours: anode blue, graphite, aluminum silver.
const BAR: &str = "#0f4c81";
const TEXT: &str = "#1c232b";
const GRID: &str = "#c9d1d9";

/// The chart's `<svg>`: title and desc first, named by `aria-labelledby`.
pub(super) fn draw(chart: &Chart, id: &str) -> String {
    let (height, shapes) = match chart.kind {
        Kind::Bar => bars(chart),
        Kind::Line => line(chart),
    };
    format!(
        "<svg class=\"chart__svg\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" font-size=\"{FONT}\">\n<title id=\"{id}-title\">{title}</title>\n<desc id=\"{id}-desc\">{desc}</desc>\n{shapes}</svg>",
        w = WIDTH,
        h = num(height),
        title = escape(&chart.title),
        desc = escape(&chart.description_text()),
    )
}

/// A coordinate with at most one decimal.
fn num(value: f64) -> String {
    format_number((value * 10.0).round() / 10.0)
}

/// Roughly how wide a text is drawn: Chinese characters are square, Latin ones about 0.6 em.
fn text_width(text: &str) -> f64 {
    text.chars()
        .map(|c| {
            if (c as u32) >= 0x2E80 {
                FONT
            } else {
                FONT * 0.6
            }
        })
        .sum()
}

fn text(class: &str, x: f64, y: f64, anchor: &str, content: &str) -> String {
    let anchor = if anchor == "start" {
        String::new()
    } else {
        format!(" text-anchor=\"{anchor}\"")
    };
    format!(
        "<text class=\"{class}\" x=\"{}\" y=\"{}\"{anchor} fill=\"{TEXT}\">{}</text>\n",
        num(x),
        num(y),
        escape(content)
    )
}

fn with_note(point: &Point) -> String {
    match &point.note {
        Some(note) => format!("{} ({note})", point.shown),
        None => point.shown.clone(),
    }
}

/// Horizontal bars: the label on its own line, the bar below it, the value at the bar's end.
fn bars(chart: &Chart) -> (f64, String) {
    const ROW: f64 = 50.0;
    let max = chart.points.iter().map(|p| p.value).fold(0.0, f64::max);
    let value_space = chart
        .points
        .iter()
        .map(|p| text_width(&with_note(p)) + 8.0)
        .fold(0.0, f64::max)
        .min(WIDTH * 0.45);
    let room = WIDTH - value_space;
    let mut out = String::new();
    for (i, point) in chart.points.iter().enumerate() {
        let top = i as f64 * ROW;
        let length = if max > 0.0 {
            (point.value / max * room).max(2.0)
        } else {
            2.0
        };
        let noted = if point.note.is_some() {
            " chart__bar--noted"
        } else {
            ""
        };
        out.push_str(&text(
            "chart__label",
            0.0,
            top + 16.0,
            "start",
            &point.label,
        ));
        out.push_str(&format!(
            "<rect class=\"chart__bar{noted}\" x=\"0\" y=\"{}\" width=\"{}\" height=\"18\" rx=\"2\" fill=\"{BAR}\"/>\n",
            num(top + 23.0),
            num(length)
        ));
        out.push_str(&text(
            "chart__value",
            length + 6.0,
            top + 37.0,
            "start",
            &with_note(point),
        ));
    }
    (chart.points.len() as f64 * ROW, out)
}

/// A "nice" step for about four gridlines up to `max`: 1, 2, 2.5 or 5 times a power of ten.
fn nice_step(max: f64) -> f64 {
    if max <= 0.0 {
        return 1.0;
    }
    let rough = max / 4.0;
    let power = 10f64.powf(rough.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * power)
        .find(|step| *step >= rough)
        .unwrap_or(10.0 * power)
}

/// Where each point goes across: by distance when every label is a number (years), else
/// evenly; never closer than `gap`, so that neighbouring labels do not overlap.
fn across(points: &[Point], from: f64, to: f64, gap: f64) -> Vec<f64> {
    let n = points.len();
    if n == 1 {
        return vec![(from + to) / 2.0];
    }
    let evenly = || {
        (0..n)
            .map(|i| from + i as f64 / (n - 1) as f64 * (to - from))
            .collect::<Vec<f64>>()
    };
    let numbers: Option<Vec<f64>> = points.iter().map(|p| p.x).collect();
    let Some(xs) = numbers else {
        return evenly();
    };
    let (low, high) = xs
        .iter()
        .fold((f64::MAX, f64::MIN), |(l, h), &x| (l.min(x), h.max(x)));
    if high <= low || gap * (n - 1) as f64 > to - from {
        return evenly();
    }
    let mut placed: Vec<f64> = xs
        .iter()
        .map(|x| from + (x - low) / (high - low) * (to - from))
        .collect();
    for i in 1..n {
        placed[i] = placed[i].max(placed[i - 1] + gap);
    }
    placed[n - 1] = placed[n - 1].min(to);
    for i in (0..n - 1).rev() {
        placed[i] = placed[i].min(placed[i + 1] - gap);
    }
    placed
}

/// A line over the labels, with gridlines, the unit above the axis, and each value over its dot.
fn line(chart: &Chart) -> (f64, String) {
    let points = &chart.points;
    let max = points.iter().map(|p| p.value).fold(0.0, f64::max);
    let step = nice_step(max);
    let top_tick = (max / step).ceil().max(1.0) * step;
    let ticks: Vec<f64> = (0..=((top_tick / step).round() as usize))
        .map(|i| i as f64 * step)
        .collect();
    let left = ticks
        .iter()
        .map(|t| text_width(&format_number(*t)))
        .fold(0.0, f64::max)
        + 8.0;
    let has_notes = points.iter().any(|p| p.note.is_some());
    let (top, plot_bottom) = (40.0, 190.0);
    let height = plot_bottom + if has_notes { 42.0 } else { 26.0 };
    let y = |value: f64| plot_bottom - value / top_tick * (plot_bottom - top);
    let mut out = String::new();
    if let Some(unit) = &chart.unit {
        out.push_str(&text("chart__axis", 0.0, 14.0, "start", unit));
    }
    for tick in &ticks {
        out.push_str(&format!(
            "<line class=\"chart__grid\" x1=\"{}\" x2=\"{WIDTH}\" y1=\"{y}\" y2=\"{y}\" stroke=\"{GRID}\"/>\n",
            num(left),
            y = num(y(*tick))
        ));
        out.push_str(&text(
            "chart__axis",
            left - 6.0,
            y(*tick) + 4.0,
            "end",
            &format_number(*tick),
        ));
    }
    let pad = points
        .iter()
        .map(|p| text_width(&p.label).max(text_width(&p.shown)) / 2.0 + 4.0)
        .fold(12.0, f64::max);
    let gap = points
        .iter()
        .map(|p| text_width(&p.label).max(text_width(&p.shown)))
        .fold(0.0, f64::max)
        + 10.0;
    let xs = across(points, left + pad, WIDTH - pad, gap);
    for (i, pair) in xs.windows(2).enumerate() {
        let noted = if points[i + 1].note.is_some() {
            " chart__line--noted"
        } else {
            ""
        };
        out.push_str(&format!(
            "<line class=\"chart__line{noted}\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{BAR}\" stroke-width=\"3\"/>\n",
            num(pair[0]),
            num(y(points[i].value)),
            num(pair[1]),
            num(y(points[i + 1].value))
        ));
    }
    for (point, x) in points.iter().zip(&xs) {
        let noted = if point.note.is_some() {
            " chart__dot--noted"
        } else {
            ""
        };
        let cy = y(point.value);
        out.push_str(&format!(
            "<circle class=\"chart__dot{noted}\" cx=\"{}\" cy=\"{}\" r=\"5\" fill=\"{BAR}\"/>\n",
            num(*x),
            num(cy)
        ));
        out.push_str(&text("chart__value", *x, cy - 11.0, "middle", &point.shown));
        out.push_str(&text(
            "chart__label",
            *x,
            plot_bottom + 20.0,
            "middle",
            &point.label,
        ));
        if let Some(note) = &point.note {
            out.push_str(&text("chart__note", *x, plot_bottom + 36.0, "middle", note));
        }
    }
    (height, out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(x: f64) -> Point {
        Point {
            label: format_number(x),
            x: Some(x),
            value: 1.0,
            shown: "1".into(),
            note: None,
        }
    }

    #[test]
    fn years_are_spaced_by_distance_but_never_overlap() {
        let points: Vec<Point> = [2007.0, 2008.0, 2022.0].map(point).to_vec();
        let xs = across(&points, 0.0, 300.0, 40.0);
        assert_eq!(xs, vec![0.0, 40.0, 300.0]);
        let points: Vec<Point> = [2000.0, 2010.0, 2020.0].map(point).to_vec();
        assert_eq!(across(&points, 0.0, 300.0, 40.0), vec![0.0, 150.0, 300.0]);
    }

    #[test]
    fn steps_are_round_numbers() {
        assert_eq!(nice_step(10.5), 5.0);
        assert_eq!(nice_step(200.0), 50.0);
        assert_eq!(nice_step(3.85), 1.0);
        assert_eq!(nice_step(0.0), 1.0);
    }
}
