//! Problems found in the site's own files, each with `file:line:col`, a message and a hint.
//! A build collects all of them and reports them once, so a writer fixes everything in one pass.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::messages::{Lang, Message};

/// How bad a problem is: errors stop the build, warnings are shown and the build goes on.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Severity {
    /// The build cannot produce a correct site.
    Error,
    /// Probably a mistake, but the site can still be built.
    Warning,
}

/// One problem, located in a file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Diagnostic {
    /// The file, relative to the site root where possible.
    pub path: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub col: usize,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, in a writer's words: a catalogue entry, shown in the run's language.
    pub message: Message,
    /// How to fix it, when it is not the entry's own `.hint` (boxed: most problems have none,
    /// and a diagnostic travels in `Result`s).
    pub hint: Option<Box<Message>>,
}

impl Diagnostic {
    /// An error at `path:line:col`.
    pub fn error(
        path: impl Into<PathBuf>,
        line: usize,
        col: usize,
        message: impl Into<Message>,
    ) -> Self {
        Diagnostic {
            path: path.into(),
            line: line.max(1),
            col: col.max(1),
            severity: Severity::Error,
            message: message.into(),
            hint: None,
        }
    }

    /// A warning at `path:line:col`.
    pub fn warning(
        path: impl Into<PathBuf>,
        line: usize,
        col: usize,
        message: impl Into<Message>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, line, col, message)
        }
    }

    /// Adds a hint.
    pub fn with_hint(mut self, hint: impl Into<Message>) -> Self {
        self.hint = Some(Box::new(hint.into()));
        self
    }

    /// Adds a hint when there is one.
    pub fn with_optional_hint<H: Into<Message>>(mut self, hint: Option<H>) -> Self {
        self.hint = hint.map(|hint| Box::new(hint.into()));
        self
    }

    /// The stable code of the problem (its catalogue entry), if it has one.
    pub fn code(&self) -> Option<&str> {
        self.message.code()
    }

    /// What is wrong, in `lang`.
    pub fn message_in(&self, lang: Lang) -> String {
        self.message.text_in(lang)
    }

    /// How to fix it, in `lang`: the hint given, else the entry's own.
    pub fn hint_in(&self, lang: Lang) -> Option<String> {
        match &self.hint {
            Some(hint) => Some(hint.text_in(lang)),
            None => self.message.hint_in(lang),
        }
    }

    /// The word for its severity in `lang`: error, warning.
    pub fn label_in(&self, lang: Lang) -> String {
        let code = match self.severity {
            Severity::Error => "label-error",
            Severity::Warning => "label-warning",
        };
        crate::messages::render(lang, code, None, &[])
    }

    /// Is this an error (as opposed to a warning)?
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let lang = crate::messages::language();
        write!(
            f,
            "{}:{}:{}: {}: {}",
            display_path(&self.path),
            self.line,
            self.col,
            self.label_in(lang),
            self.message_in(lang)
        )?;
        if let Some(hint) = self.hint_in(lang) {
            let label = crate::messages::render(lang, "label-hint", None, &[]);
            write!(f, "\n  {label}: {hint}")?;
        }
        Ok(())
    }
}

/// A path shown with forward slashes, as writers see it in their editor's file tree.
pub fn display_path(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// Every problem of one build, in a stable order (by file, then position).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// No problems yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records a problem.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// Records many problems.
    pub fn extend(&mut self, diagnostics: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(diagnostics);
    }

    /// Any error among them?
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    /// How many errors.
    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    /// How many warnings.
    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    /// All problems, sorted by file and position.
    pub fn items(&self) -> &[Diagnostic] {
        &self.items
    }

    /// Sorts by file, line, column, and drops exact duplicates.
    pub fn sort(&mut self) {
        self.items
            .sort_by_cached_key(|d| (d.path.clone(), d.line, d.col, d.severity, d.message.text()));
        self.items.dedup();
    }

    /// Only the warnings (what a successful build still reports).
    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter().filter(|d| !d.is_error())
    }

    /// True when nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for item in &self.items {
            writeln!(f, "{item}")?;
        }
        write!(
            f,
            "{}",
            crate::msg!("errors-found", count = self.error_count())
        )
    }
}

/// Where a byte offset falls in a text, as 1-based line and character column.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let text = "a\n百色: x";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 2), (2, 1));
        assert_eq!(line_col(text, "a\n百色".len()), (2, 3));
    }

    #[test]
    fn display_has_location_and_hint() {
        let message = crate::msg!("link-leaves-site", target = "/etc/passwd");
        let own = Diagnostic::error("content/a.md", 3, 5, message.clone());
        assert_eq!(
            own.to_string(),
            "content/a.md:3:5: error: this is a link to `/etc/passwd`, outside the site; potline does not read or publish it\n  hint: copy the file into the site instead of linking to it"
        );
        let given = Diagnostic::warning("content/a.md", 3, 5, message)
            .with_hint(crate::msg!("suggest-did-you-mean", name = "b.md"));
        assert_eq!(
            given.hint_in(Lang::Zh).as_deref(),
            Some("你是不是想写 `b.md`？")
        );
        assert_eq!(given.label_in(Lang::Zh), "警告");
    }
}
