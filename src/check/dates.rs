//! Dates that publish at the wrong moment: a date or time without a time zone in a site whose
//! `site.yaml` names none (it is read as UTC, eight hours off for Beijing), a page dated in the
//! future (left out of the site until then), and `updated` before `date`.

use std::path::Path;

use serde_json::Value;

use super::{Context, Finding, Level, Source};
use crate::config::FieldKind;
use crate::content::schema::CORE_KEYS;

/// Does `site.yaml` in `root` set `timezone:`? (The resolved configuration cannot tell an
/// explicit `UTC` from the default.)
pub fn timezone_is_set(root: &Path) -> bool {
    let Ok(bytes) = std::fs::read(root.join(crate::config::CONFIG_FILE)) else {
        return false;
    };
    let text = crate::content::decode_text(&bytes).unwrap_or_default();
    crate::yaml::top_level_keys(&text)
        .iter()
        .any(|(key, ..)| key == "timezone")
}

/// Every finding about dates.
pub(crate) fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut findings = Vec::new();
    for source in ctx.pages() {
        findings.extend(without_offset(ctx, &source));
        findings.extend(in_the_future(ctx, &source));
        findings.extend(updated_before_date(ctx, &source));
    }
    findings
}

/// The date keys of a page: `date`, `updated` and its type's date fields.
fn date_keys<'a>(ctx: &'a Context<'_>, source: &Source<'a>) -> Vec<&'a str> {
    let mut keys: Vec<&str> = CORE_KEYS
        .iter()
        .filter(|(_, kind)| *kind == FieldKind::Datetime)
        .map(|(key, _)| *key)
        .collect();
    if let Some(page) = source.page {
        let ty = ctx.analysis.config.type_for_section(&page.section_dir);
        for (key, spec) in &ty.fields {
            if matches!(spec.kind, FieldKind::Date | FieldKind::Datetime)
                && !keys.contains(&key.as_str())
            {
                keys.push(key);
            }
        }
    }
    keys
}

fn has_offset(text: &str) -> bool {
    chrono::DateTime::parse_from_rfc3339(text).is_ok()
        || chrono::DateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S%:z").is_ok()
}

fn without_offset(ctx: &Context<'_>, source: &Source<'_>) -> Vec<Finding> {
    let doc = source.doc;
    let tz = ctx.analysis.config.timezone;
    let mut findings = Vec::new();
    for key in date_keys(ctx, source) {
        let Some(text) = doc.fields.get(key).and_then(Value::as_str).map(str::trim) else {
            continue;
        };
        if text.is_empty() || has_offset(text) || crate::dates::parse(text, tz).is_err() {
            continue;
        }
        let line = doc.line_of(key);
        if !ctx.tz_set {
            findings.push(Finding::new(
                &doc.display_path,
                line,
                1,
                Level::Warning,
                crate::msg!("date-no-timezone", key = key, value = text),
            ));
        } else if ctx.verbose {
            findings.push(Finding::new(
                &doc.display_path,
                line,
                1,
                Level::Note,
                crate::msg!(
                    "date-read-in-timezone",
                    key = key,
                    value = text,
                    timezone = tz.name()
                ),
            ));
        }
    }
    findings
}

fn in_the_future(ctx: &Context<'_>, source: &Source<'_>) -> Option<Finding> {
    let page = source.page?;
    let date = page.date.filter(|d| *d > ctx.now)?;
    let tz = ctx.analysis.config.timezone;
    let shown = date.with_timezone(&tz).format("%Y-%m-%d %H:%M");
    Some(Finding::new(
        &page.doc.display_path,
        page.doc.line_of("date"),
        1,
        Level::Warning,
        crate::msg!(
            "date-in-future",
            date = shown.to_string(),
            timezone = tz.name()
        ),
    ))
}

fn updated_before_date(ctx: &Context<'_>, source: &Source<'_>) -> Option<Finding> {
    let page = source.page?;
    let (date, updated) = (page.date?, page.updated?);
    (updated < date).then(|| {
        let tz = ctx.analysis.config.timezone;
        let show = |d: chrono::DateTime<chrono::Utc>| {
            d.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string()
        };
        Finding::new(
            &page.doc.display_path,
            page.doc.line_of("updated"),
            1,
            Level::Warning,
            crate::msg!(
                "date-updated-before-date",
                updated = show(updated),
                date = show(date)
            ),
        )
    })
}
