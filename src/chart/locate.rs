//! Where a chart's problem is in its data file: which file a data name stands for, and the line
//! and column of a key or a point. A plain text scan (like `yaml::top_level_keys`), done only
//! when there is a problem to show.

use std::path::{Path, PathBuf};

use super::Place;

/// The file of `data/` that the data name `name` stands for in `language`, named as
/// `data::load` names files (folders and `-` become `_`); a `.<language>` twin comes first.
pub(crate) fn data_file(dir: &Path, name: &str, language: &str) -> Option<PathBuf> {
    let twin = format!("{name}.{language}");
    let mut plain = None;
    let files = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file());
    for entry in files {
        let Ok(rel) = entry.path().strip_prefix(dir) else {
            continue;
        };
        let rel = rel.to_string_lossy().replace('\\', "/");
        let Some((stem, extension)) = rel.rsplit_once('.') else {
            continue;
        };
        if !matches!(extension, "yaml" | "yml" | "json") {
            continue;
        }
        let key = stem.replace(['/', '-', ' '], "_");
        if key == twin {
            return Some(entry.path().to_path_buf());
        }
        if key == name {
            plain = Some(entry.path().to_path_buf());
        }
    }
    plain
}

/// The 1-based line and column of `place` in a data file's text (YAML, or JSON written one
/// point a line); the start of the file when it cannot be told.
pub(crate) fn locate(text: &str, place: &Place) -> (usize, usize) {
    let lines: Vec<&str> = text.lines().collect();
    let found = match place {
        Place::File => None,
        Place::Key(key) => key_in(&lines, 0..lines.len(), key, true),
        Place::Point(index, key) => point_span(&lines, *index).and_then(|(start, end)| {
            key.as_deref()
                .and_then(|key| key_in(&lines, start..end, key, false))
                .or_else(|| {
                    let line = lines[start];
                    Some((start + 1, line.len() - line.trim_start().len() + 1))
                })
        }),
    };
    found.unwrap_or((1, 1))
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

fn is_blank(line: &str) -> bool {
    let trimmed = line.trim();
    trimmed.is_empty() || trimmed.starts_with('#')
}

/// The first line of `range` where `key` is written as a key (`key:`, `"key":`), with its column.
/// `top` only accepts keys at the start of an unindented line.
fn key_in(
    lines: &[&str],
    range: std::ops::Range<usize>,
    key: &str,
    top: bool,
) -> Option<(usize, usize)> {
    let patterns = [format!("{key}:"), format!("\"{key}\"")];
    range.into_iter().find_map(|n| {
        let line = lines[n];
        if top && indent(line) > 0 && !line.trim_start().starts_with('"') {
            return None;
        }
        patterns.iter().find_map(|pattern| {
            let at = line.find(pattern.as_str())?;
            let before = line[..at].chars().next_back();
            let starts_word = before.is_none_or(|c| !c.is_alphanumeric() && c != '_');
            starts_word.then_some((n + 1, line[..at].chars().count() + 1))
        })
    })
}

/// The lines of point `index` (0-based) below `points:`: from its `- ` (or `{`) line to the
/// next point's.
fn point_span(lines: &[&str], index: usize) -> Option<(usize, usize)> {
    let (start, _) = key_in(lines, 0..lines.len(), "points", true)?;
    let mut starts = Vec::new();
    let mut item_indent = None;
    let mut end = lines.len();
    for (n, line) in lines.iter().enumerate().skip(start) {
        if is_blank(line) {
            continue;
        }
        let trimmed = line.trim_start();
        let marker = trimmed.starts_with("- ") || trimmed == "-" || trimmed.starts_with('{');
        match item_indent {
            None if marker => item_indent = Some(indent(line)),
            None => continue,
            Some(_) => {}
        }
        let level = item_indent.unwrap_or(0);
        if indent(line) < level || (indent(line) == 0 && !marker) {
            end = n;
            break;
        }
        if marker && indent(line) == level {
            starts.push(n);
        }
    }
    let first = *starts.get(index)?;
    let last = starts.get(index + 1).copied().unwrap_or(end);
    Some((first, last))
}
