//! `chart_figure(data=data, name="...", kind="bar")`: the template function behind the built-in
//! `chart` shortcode. It draws the data file `name` with [`crate::chart`]; a mistake in that
//! file is reported at its own `data/<file>:line:col`, so the writer opens the right file.

use std::path::Path;

use tera::{Kwargs, State, TeraResult, Value};

use super::TemplateData;
use super::functions::{function_error, function_error_text, function_error_with};
use crate::chart::{self, Chart, Kind, Problem};
use crate::diagnostics::Diagnostic;
use crate::msg;

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
        return Err(function_error(msg!("chart-no-name")));
    }
    let kind = match kwargs.get::<&str>("kind")?.filter(|k| !k.trim().is_empty()) {
        Some(written) => Some(
            Kind::parse(written).map_err(|(message, hint)| function_error_with(message, hint))?,
        ),
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
        return Err(function_error_with(
            msg!("chart-no-data-file", name = name),
            crate::suggest::did_you_mean_message(name, &names),
        ));
    };
    let json = serde_json::to_value(found).unwrap_or_default();
    match Chart::from_data(&json, kind) {
        Ok(chart) => Ok(chart.figure_html(&chart::id_for(name, chart.kind))),
        Err(problem) => Err(tera::Error::message(located(d, name, &problem))),
    }
}

/// Marks the text of a function's error that carries a diagnostic located in a data file.
const LOCATED: &str = "potline-located-problem:";

/// The problem at its place in the data file `name` stands for, as the text of the function's
/// error. Tera keeps only the text of a function's error, so the diagnostic travels in it,
/// written as JSON after [`LOCATED`], and [`located_problem`] reads it back: the writer is then
/// sent to `data/<file>:line:col`. When the file cannot be found, the problem names the data
/// instead, in words.
pub(crate) fn located(d: &TemplateData, name: &str, problem: &Problem) -> String {
    let file = d
        .data_dir
        .as_deref()
        .and_then(|dir| chart::data_file(dir, name, &d.language).map(|f| (dir, f)));
    let Some((dir, file)) = file else {
        let lang = crate::messages::language();
        let hint = match &problem.hint {
            Some(hint) => Some(hint.text_in(lang)),
            None => problem.message.hint_in(lang),
        };
        let text = problem.message.text_in(lang);
        let text = msg!("chart-problem", name = name, problem = text).text_in(lang);
        return function_error_text(text, hint).to_string();
    };
    let text = std::fs::read_to_string(&file).unwrap_or_default();
    let (line, col) = chart::locate(&text, &problem.place);
    let shown = Path::new("data").join(file.strip_prefix(dir).unwrap_or(&file));
    let diagnostic = Diagnostic::error(shown, line, col, problem.message.clone())
        .with_optional_hint(problem.hint.as_deref().cloned());
    format!(
        "{LOCATED}{}",
        serde_json::to_string(&diagnostic).unwrap_or_default()
    )
}

/// A chart's problem written by [`located`], read back as the diagnostic it was.
pub(crate) fn located_problem(text: &str) -> Option<Diagnostic> {
    serde_json::from_str(text.trim().strip_prefix(LOCATED)?).ok()
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
        let lang = crate::messages::Lang::En;
        assert_eq!(
            (
                diagnostic.path.to_string_lossy().into_owned(),
                diagnostic.line,
                diagnostic.col
            ),
            ("data/charts/alumina-capacity.zh.yaml".to_string(), 7, 5)
        );
        assert_eq!(diagnostic.code(), Some("chart-value-not-a-number"));
        assert_eq!(
            diagnostic.message_in(lang),
            "the value of point 2 (`B`) is \"2 t\", not a number"
        );
        assert_eq!(
            diagnostic.hint_in(lang).as_deref(),
            Some(
                "write the number alone (10.5, not \"10.5 million t\"); put the unit in `unit:` and words like \"over 100\" in `display:`"
            )
        );
    }
}
