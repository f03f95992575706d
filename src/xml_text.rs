//! Characters XML 1.0 forbids: the control characters but tab and line breaks, U+FFFE and U+FFFF.
//! Text pasted from a word processor brings them (Word's manual line break is a vertical tab,
//! its page break a form feed), and one of them makes a whole feed or sitemap malformed: readers
//! drop it. Content files lose them when read (with a warning at each place), and the feed and
//! sitemap writers remove any that still arrive from elsewhere (a data file shown by a shortcode).

use std::borrow::Cow;

/// Is `c` one that XML 1.0 documents may not contain, not even as `&#...;`?
pub(crate) fn is_forbidden(c: char) -> bool {
    matches!(
        c,
        '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}'
    )
}

/// `text` without the forbidden characters (borrowed when it has none, the usual case).
pub(crate) fn strip(text: &str) -> Cow<'_, str> {
    if text.contains(is_forbidden) {
        Cow::Owned(text.chars().filter(|c| !is_forbidden(*c)).collect())
    } else {
        Cow::Borrowed(text)
    }
}

/// `text` without the forbidden characters, reusing its allocation when it has none.
pub(crate) fn stripped(text: String) -> String {
    match strip(&text) {
        Cow::Borrowed(_) => text,
        Cow::Owned(clean) => clean,
    }
}

/// The byte offset and the character of each forbidden character of `text`.
pub(crate) fn find(text: &str) -> Vec<(usize, char)> {
    text.char_indices()
        .filter(|(_, c)| is_forbidden(*c))
        .collect()
}

/// The character as messages name it: its kind (`vertical-tab`, which the catalogue words in
/// each language) and its code point (`000B`).
pub(crate) fn describe(c: char) -> (&'static str, String) {
    let kind = match c {
        '\u{0}' => "null",
        '\u{b}' => "vertical-tab",
        '\u{c}' => "form-feed",
        '\u{fffe}' | '\u{ffff}' => "non-character",
        _ => "control",
    };
    (kind, format!("{:04X}", u32::from(c)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forbidden_characters_are_removed_and_the_rest_kept() {
        let text = "a\u{b}b\u{c}c\td\ne\u{1f}f\u{fffe}g\u{ffff}h\u{0}i\u{7f}j\u{fffd}";
        assert_eq!(strip(text), "abc\td\nefghi\u{7f}j\u{fffd}");
        assert!(matches!(strip("百色\tok\n"), Cow::Borrowed(_)));
        assert_eq!(find("ab\u{b}百\u{c}"), [(2, '\u{b}'), (6, '\u{c}')]);
        assert_eq!(describe('\u{b}'), ("vertical-tab", "000B".to_string()));
        assert_eq!(describe('\u{ffff}'), ("non-character", "FFFF".to_string()));
    }
}
