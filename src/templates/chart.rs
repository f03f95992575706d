//! `chart_figure(data=data, name="...", kind="bar")`: the template function behind the built-in
//! `chart` shortcode. It draws the data file `name` with [`crate::chart`]; a mistake in that
//! file is reported at its own `data/<file>:line:col`, so the writer opens the right file.

use std::path::Path;

use tera::{Kwargs, State, TeraResult, Value};

use super::TemplateData;
use crate::chart::{self, Chart, Kind, Problem};
use crate::diagnostics::Diagnostic;

/// Registers `chart_figure`.
pub(super) fn register(tera: &mut tera::Tera, data: std::sync::Arc<TemplateData>) {
    tera.register_function(
        "chart_figure",
        move |kwargs: Kwargs, _: &State| -> TeraResult<String> { chart_figure(&data, &kwargs) },
    );
}

fn chart_figure(d: &TemplateData, kwargs: &Kwargs) -> TeraResult<String> {
    let name = kwargs.must_get::<&str>("name")?.trim();
    if name.is_empty() {
        return Err(tera::Error::message(
            "chart: name the data file to draw: {{ chart(name=\"capacity\") }} draws data/capacity.yaml",
        ));
    }
    let kind = match kwargs.get::<&str>("kind")?.filter(|k| !k.trim().is_empty()) {
        Some(written) => Some(Kind::parse(written).map_err(tera::Error::message)?),
        None => None,
    };
    let all = d.data_values.as_ref().and_then(Value::as_map);
    let Some(found) = all.and_then(|m| {
        m.iter()
            .find(|(k, _)| k.as_str() == Some(name))
            .map(|(_, v)| v)
    }) else {
        let names: Vec<String> = all
            .map(|m| {
                m.keys()
                    .filter_map(|k| k.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        return Err(tera::Error::message(format!(
            "chart: there is no data file `{name}` in `data/` ({})",
            crate::suggest::did_you_mean(name, &names)
        )));
    };
    let json = serde_json::to_value(found).unwrap_or_default();
    match Chart::from_data(&json, kind) {
        Ok(chart) => Ok(chart.figure_html(&chart::id_for(name, chart.kind))),
        Err(problem) => Err(tera::Error::message(located(d, name, &problem))),
    }
}

/// The problem at its place in the data file `name` stands for, as the text of the function's
/// error: Tera keeps only the text of a function's error, so the place travels in it, written
/// as a diagnostic is written (`data/capacity.yaml:7:5: error: ...` and its hint) and read back
/// by [`located_problem`]. When the file cannot be found, the problem names the data instead.
pub(crate) fn located(d: &TemplateData, name: &str, problem: &Problem) -> String {
    let file = d
        .data_dir
        .as_deref()
        .and_then(|dir| chart::data_file(dir, name, &d.language).map(|f| (dir, f)));
    let Some((dir, file)) = file else {
        return format!("chart `{name}`: {} ({})", problem.message, problem.hint);
    };
    let text = std::fs::read_to_string(&file).unwrap_or_default();
    let (line, col) = chart::locate(&text, &problem.place);
    let shown = Path::new("data").join(file.strip_prefix(dir).unwrap_or(&file));
    Diagnostic::error(shown, line, col, problem.message.clone())
        .with_hint(problem.hint.clone())
        .to_string()
}

/// A chart's problem written by [`located`], read back as the diagnostic it was.
pub(crate) fn located_problem(text: &str) -> Option<Diagnostic> {
    let (first, hint) = match text.split_once("\n  hint: ") {
        Some((first, hint)) => (first, Some(hint)),
        None => (text, None),
    };
    let (place, message) = first.split_once(": error: ")?;
    let mut parts = place.rsplitn(3, ':');
    let col = parts.next()?.parse().ok()?;
    let line = parts.next()?.parse().ok()?;
    let path = parts.next().filter(|p| p.starts_with("data/"))?;
    Some(Diagnostic::error(path, line, col, message).with_optional_hint(hint.map(str::to_string)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_data_file_is_reported_at_its_own_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        let data_dir = dir.path().join("data");
        std::fs::create_dir_all(data_dir.join("charts")).unwrap();
        let text = "title: T\nsource: S\npoints:\n  - label: A\n    value: 1\n  - label: B\n    value: \"2 t\"\n";
        std::fs::write(data_dir.join("charts/alumina-capacity.yaml"), "title: x\n").unwrap();
        std::fs::write(data_dir.join("charts/alumina-capacity.zh.yaml"), text).unwrap();
        let templates = TemplateData {
            data_dir: Some(data_dir.clone()),
            language: "zh".into(),
            ..Default::default()
        };
        let value = crate::yaml::to_json(text).unwrap();
        let problem = Chart::from_data(&value, None).unwrap_err();
        let message = located(&templates, "charts_alumina_capacity", &problem);
        let diagnostic = located_problem(&message).unwrap();
        assert_eq!(
            diagnostic.to_string(),
            "data/charts/alumina-capacity.zh.yaml:7:5: error: the value of point 2 (`B`) is \"2 t\", not a number\n  hint: write the number alone (10.5, not \"10.5 million t\"); put the unit in `unit:` and words like \"over 100\" in `display:`"
        );
    }
}
