//! Archetypes: the starting text of a new page, one Markdown file per content type that staff can
//! edit (`archetypes/news.md` in the site, else in the theme, else built into potline). potline
//! keeps everything in it and fills in the keys it knows: the title, `slug`, `date`, `draft`.

use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostic;
use crate::{Result, fs};

/// The archetypes compiled into potline, used when neither the site nor its theme has one.
const BUILTIN: [(&str, &str); 7] = [
    ("default.md", include_str!("archetypes/default.md")),
    ("news.md", include_str!("archetypes/news.md")),
    ("news.zh.md", include_str!("archetypes/news.zh.md")),
    ("enterprise.md", include_str!("archetypes/enterprise.md")),
    (
        "enterprise.zh.md",
        include_str!("archetypes/enterprise.zh.md"),
    ),
    ("page.md", include_str!("archetypes/page.md")),
    ("page.zh.md", include_str!("archetypes/page.zh.md")),
];

/// The built-in archetype named `name` (`news.md`), if there is one.
pub fn builtin(name: &str) -> Option<&'static str> {
    BUILTIN
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, text)| *text)
}

/// An archetype's text and where it came from (for messages).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Archetype {
    /// The Markdown text.
    pub text: String,
    /// `archetypes/news.md`, `themes/ingot/archetypes/news.md`, or for a built-in one its
    /// name (`news.md`).
    pub origin: String,
    /// It is one of potline's own.
    pub builtin: bool,
}

/// Finds the archetype of content type `kind` in language `lang`: in the site's `archetypes/`,
/// then the theme's, then the built-in ones; in each, `<kind>.<lang>.md`, `<kind>.md`, then
/// `default.md`.
pub fn find(root: &Path, theme_dir: Option<&Path>, kind: &str, lang: &str) -> Result<Archetype> {
    let names = [
        format!("{kind}.{lang}.md"),
        format!("{kind}.md"),
        "default.md".to_string(),
    ];
    let folders: Vec<PathBuf> = std::iter::once(root.join("archetypes"))
        .chain(theme_dir.map(|t| t.join("archetypes")))
        .collect();
    for folder in &folders {
        for name in &names {
            let path = folder.join(name);
            if path.is_file() {
                let bytes = fs::read(&path)?;
                let text = crate::content::decode_text(&bytes).map_err(|problem| {
                    let mut problems = crate::diagnostics::Diagnostics::new();
                    problems.push(Diagnostic::error(
                        shown(root, &path),
                        problem.line,
                        problem.col,
                        problem.message,
                    ));
                    crate::Error::Site(problems)
                })?;
                return Ok(Archetype {
                    text,
                    origin: shown(root, &path),
                    builtin: false,
                });
            }
        }
    }
    let (name, text) = names
        .iter()
        .find_map(|n| builtin(n).map(|t| (n, t)))
        .unwrap_or((&names[2], BUILTIN[0].1));
    Ok(Archetype {
        text: text.to_string(),
        origin: name.clone(),
        builtin: true,
    })
}

fn shown(root: &Path, path: &Path) -> String {
    crate::diagnostics::display_path(path.strip_prefix(root).unwrap_or(path))
}

/// Sets top-level front-matter keys of `text` to the given YAML values (already written as YAML).
/// A key the archetype has keeps its place (its old value, nested lines included, is replaced);
/// the others are added after the first key set in place, else at the top. Comments, other keys
/// and the body are kept as they are. A text without front matter gets one.
pub fn fill(text: &str, values: &[(&str, String)]) -> String {
    let (front, body) = match split_front_matter(text) {
        Some(parts) => parts,
        None => ("", text),
    };
    let mut lines: Vec<String> = Vec::new();
    let mut placed: Vec<&str> = Vec::new();
    let mut insert_at: Option<usize> = None;
    let mut skipping = false;
    for line in front.lines() {
        let key = top_level_key(line);
        if skipping && key.is_none() && !line.trim().is_empty() && !line.starts_with('#') {
            continue;
        }
        skipping = false;
        if let Some((name, value)) = key.and_then(|k| values.iter().find(|(n, _)| *n == k)) {
            lines.push(format!("{name}: {value}"));
            placed.push(name);
            insert_at.get_or_insert(lines.len());
            skipping = true;
        } else {
            lines.push(line.to_string());
        }
    }
    let missing = values
        .iter()
        .filter(|(name, _)| !placed.contains(name))
        .map(|(name, value)| format!("{name}: {value}"));
    let at = insert_at.unwrap_or(0);
    lines.splice(at..at, missing);
    let mut out = String::from("---\n");
    for line in lines {
        out.push_str(&line);
        out.push('\n');
    }
    out.push_str("---\n");
    out.push_str(body);
    out
}

/// (front matter, body) of a text that opens with `---`, else None.
fn split_front_matter(text: &str) -> Option<(&str, &str)> {
    let split = crate::content::frontmatter::split(text).ok()?;
    (split.front_matter_line == 2 && text.starts_with("---"))
        .then_some((split.front_matter, split.body))
}

/// The key a front-matter line sets at the top level (`title: x` -> `title`).
fn top_level_key(line: &str) -> Option<&str> {
    if line.starts_with([' ', '\t', '#', '-']) {
        return None;
    }
    let (key, _) = line.split_once(':')?;
    let key = key.trim().trim_matches(['"', '\'']);
    (!key.is_empty() && !key.contains(' ')).then_some(key)
}

/// A text value written for YAML: quoted only when YAML would misread it.
pub fn yaml_text(value: &str) -> String {
    crate::yaml::to_string(value)
        .map(|s| s.trim_end().to_string())
        .unwrap_or_else(|_| format!("{value:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_keys_are_replaced_in_place_and_others_kept() {
        let text = "---\ntitle: \"\"\n# a comment\ndate:\ntags:\n  - a\ndraft: false\n---\nBody\n";
        let filled = fill(
            text,
            &[
                ("title", yaml_text("Baise: a start")),
                ("slug", "baise-a-start".into()),
                ("date", "2024-05-01 14:30".into()),
                ("draft", "true".into()),
            ],
        );
        assert_eq!(
            filled,
            "---\ntitle: 'Baise: a start'\nslug: baise-a-start\n# a comment\ndate: 2024-05-01 14:30\ntags:\n  - a\ndraft: true\n---\nBody\n"
        );
    }

    #[test]
    fn nested_lines_of_a_replaced_key_are_dropped() {
        let filled = fill(
            "---\ntags:\n  - a\n  - b\ntitle: x\n---\n",
            &[("tags", "[]".into())],
        );
        assert_eq!(filled, "---\ntags: []\ntitle: x\n---\n");
    }

    #[test]
    fn a_text_without_front_matter_gets_one() {
        assert_eq!(
            fill("Hello\n", &[("title", "T".into())]),
            "---\ntitle: T\n---\nHello\n"
        );
    }

    #[test]
    fn titles_are_written_so_yaml_reads_them_back_unchanged() {
        for title in [
            "Baise: a new start",
            "Report #3",
            "\"Quoted\" news",
            "- starts with a dash",
            "yes",
            "2024",
            "@Baise",
            "[Video] news",
            "百色：新的开始",
            "It's here",
        ] {
            let yaml = format!("title: {}\n", yaml_text(title));
            let value = crate::yaml::to_json(&yaml).unwrap_or_else(|e| panic!("{yaml}: {e:?}"));
            assert_eq!(value["title"], title, "{yaml}");
        }
    }

    #[test]
    fn every_builtin_type_has_an_archetype() {
        for name in ["news.md", "enterprise.md", "page.md", "default.md"] {
            assert!(builtin(name).is_some(), "{name}");
        }
    }
}
