//! Splits a Markdown file into its YAML front matter (between `---` fences) and its body,
//! remembering on which lines each starts so every later error can name the right line.

use super::TextProblem;

/// A file cut into front matter and body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML text between the fences (empty when the file has none).
    pub front_matter: &'a str,
    /// The 1-based line of the file on which the YAML starts.
    pub front_matter_line: usize,
    /// The Markdown after the closing fence.
    pub body: &'a str,
    /// The 1-based line of the file on which the body starts.
    pub body_line: usize,
}

fn is_fence(line: &str) -> bool {
    line.trim_end() == "---"
}

/// Cuts `text` (already decoded, `\n` line endings) at its front-matter fences.
pub fn split(text: &str) -> Result<Split<'_>, TextProblem> {
    let first_line = text.lines().next().unwrap_or("");
    if first_line.trim_end() == "+++" {
        return Err(TextProblem {
            line: 1,
            col: 1,
            message: crate::msg!("front-matter-toml"),
        });
    }
    if !is_fence(first_line) {
        return Ok(Split {
            front_matter: "",
            front_matter_line: 1,
            body: text,
            body_line: 1,
        });
    }
    let yaml_start = first_line.len() + 1;
    let mut offset = yaml_start.min(text.len());
    for (line_number, line) in (2..).zip(text[offset..].split_inclusive('\n')) {
        let content = line.strip_suffix('\n').unwrap_or(line);
        if is_fence(content) || content.trim_end() == "..." {
            let body_start = offset + line.len();
            return Ok(Split {
                front_matter: &text[yaml_start..offset],
                front_matter_line: 2,
                body: &text[body_start.min(text.len())..],
                body_line: line_number + 1,
            });
        }
        offset += line.len();
    }
    Err(TextProblem {
        line: 1,
        col: 1,
        message: crate::msg!("front-matter-unclosed"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_at_the_fences() {
        let s = split("---\ntitle: a\n---\nbody\n").unwrap();
        assert_eq!(s.front_matter, "title: a\n");
        assert_eq!(s.front_matter_line, 2);
        assert_eq!(s.body, "body\n");
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn a_file_without_front_matter_is_all_body() {
        let s = split("# hi\n").unwrap();
        assert_eq!(s.front_matter, "");
        assert_eq!(s.body, "# hi\n");
    }

    #[test]
    fn an_unclosed_fence_is_an_error() {
        let err = split("---\ntitle: a\nbody\n").unwrap_err();
        assert_eq!(err.message.code(), Some("front-matter-unclosed"));
    }

    #[test]
    fn closing_fence_at_end_of_file_without_newline() {
        let s = split("---\ntitle: a\n---").unwrap();
        assert_eq!(s.front_matter, "title: a\n");
        assert_eq!(s.body, "");
    }
}
