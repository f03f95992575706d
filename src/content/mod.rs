//! Content: Markdown files with YAML front matter, checked against their content type's schema,
//! and the site index built from them (sections, URLs, collisions).

pub mod frontmatter;
pub mod page;
pub mod schema;
pub mod site;
pub mod site_path;
pub mod taxonomy;
pub mod urls;

pub use page::{Document, Page};
pub use site::{Section, Site, Target};

/// A problem with a file as a whole, before its content can be read: where, and what (a
/// catalogue entry, whose own hint says how to fix it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextProblem {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub col: usize,
    /// What is wrong.
    pub message: crate::messages::Message,
}

impl TextProblem {
    /// The error in the file `path`.
    pub fn at(self, path: impl Into<std::path::PathBuf>) -> crate::diagnostics::Diagnostic {
        crate::diagnostics::Diagnostic::error(path, self.line, self.col, self.message)
    }
}

/// Turns a file's bytes into text the way writers' editors save it: a UTF-8 byte-order mark is
/// dropped and Windows line endings become `\n`, so the output is identical to the clean twin.
pub fn decode_text(bytes: &[u8]) -> Result<String, TextProblem> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let valid = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
        let (line, col) = crate::diagnostics::line_col(valid, valid.len());
        TextProblem {
            line,
            col,
            message: crate::msg!("file-not-utf8"),
        }
    })?;
    if text.contains('\r') {
        Ok(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Ok(text.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_and_crlf_are_normalised() {
        assert_eq!(decode_text(b"\xEF\xBB\xBFa\r\nb").unwrap(), "a\nb");
    }

    #[test]
    fn gbk_bytes_are_located() {
        let err = decode_text(b"ok\nab\xB0\xD9").unwrap_err();
        assert_eq!((err.line, err.col), (2, 3));
    }
}
