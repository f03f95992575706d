//! Text to search terms, the same way at build time (here) and in the browser (`search.js`
//! mirrors it line for line): English and other spaced scripts become lowercased words with a
//! light plural stemmer; Chinese, Japanese and Korean, written without spaces, become character
//! bigrams, plus the last character of each run so that every character starts some term (a
//! one-character query is a prefix search). Full-width Latin letters and digits are folded to
//! ASCII first.

/// Words longer than this (URLs, hashes, run-together junk) are not indexed.
pub const MAX_WORD_CHARS: usize = 40;

/// Is `c` written without spaces between words (Han, kana, Hangul)?
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// Full-width ASCII forms (`ＡＢＣ１２３`, typed by Chinese input methods) as ASCII.
fn fold(c: char) -> char {
    match c as u32 {
        code @ 0xFF01..=0xFF5E => char::from_u32(code - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() && !is_cjk(c)
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// A light English plural stemmer (after Harman's "S" stemmer): `smelters` -> `smelter`,
/// `companies` -> `company`, `processes` -> `process`; `status`, `glass` and `analysis` stay.
/// Words of three letters or fewer are kept as they are.
pub fn stem(word: &str) -> String {
    let mut out = word.to_string();
    stem_in_place(&mut out);
    out
}

fn stem_in_place(word: &mut String) {
    // Byte length 3 or less means 3 characters or fewer.
    if !word.ends_with('s') || word.len() <= 3 || word.chars().nth(3).is_none() {
        return;
    }
    if let Some(base) = word.strip_suffix("ies") {
        if !base.ends_with('e') && !base.ends_with('a') {
            word.truncate(word.len() - 3);
            word.push('y');
            return;
        }
    }
    if ["sses", "shes", "ches", "xes", "zes"]
        .iter()
        .any(|ending| word.ends_with(ending))
    {
        word.truncate(word.len() - 2);
    } else if !(word.ends_with("ss") || word.ends_with("us") || word.ends_with("is")) {
        word.truncate(word.len() - 1);
    }
}

/// Turns the characters of a word into its term in `out`: lowercased, possessive `'s` dropped,
/// apostrophes removed, stemmed. False when nothing is left or the word is too long.
fn word_term(raw: &str, has_apostrophe: bool, out: &mut String) -> bool {
    out.clear();
    if raw.is_ascii() {
        out.push_str(raw);
        out.make_ascii_lowercase();
    } else {
        out.push_str(&raw.to_lowercase());
    }
    if has_apostrophe {
        for possessive in ["'s", "\u{2019}s"] {
            if out.ends_with(possessive) {
                out.truncate(out.len() - possessive.len());
                break;
            }
        }
        out.retain(|c| !is_apostrophe(c));
    }
    let too_long = if out.is_ascii() {
        out.len() > MAX_WORD_CHARS
    } else {
        out.chars().nth(MAX_WORD_CHARS).is_some()
    };
    if out.is_empty() || too_long {
        return false;
    }
    stem_in_place(out);
    true
}

/// One term found in a text, with where it is (byte offsets into the text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// The term as indexed.
    pub term: String,
    /// Byte offset of its first character.
    pub start: usize,
    /// Byte offset just after it.
    pub end: usize,
    /// A CJK bigram or single character (not a word).
    pub cjk: bool,
}

/// Every term of `text`, in order.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    for_each_term(text, |term, start, end, cjk| {
        tokens.push(Token {
            term: term.to_string(),
            start,
            end,
            cjk,
        });
    });
    tokens
}

/// Calls `emit(term, start, end, cjk)` for every term of `text`, in order, with byte offsets.
/// The term is lent from a buffer: this is the loop every indexed page goes through.
pub fn for_each_term(text: &str, emit: impl FnMut(&str, usize, usize, bool)) {
    scan(text, true, emit);
}

/// [`for_each_term`], with the ASCII shortcut or (to check it) without.
fn scan(text: &str, shortcut: bool, mut emit: impl FnMut(&str, usize, usize, bool)) {
    let bytes = text.as_bytes();
    let mut state = Scan::default();
    let mut at = 0;
    while at < bytes.len() {
        if shortcut && state.word.is_empty() && bytes[at].is_ascii_alphanumeric() {
            if let Some(end) = plain_ascii_word(text, at) {
                state.end_run(&mut emit);
                if ascii_word_term(&text[at..end], &mut state.term) {
                    emit(&state.term, at, end, false);
                }
                at = end;
                continue;
            }
        }
        let Some(raw) = text[at..].chars().next() else {
            break;
        };
        let end = at + raw.len_utf8();
        state.step(at, end, fold(raw), char_at(text, end), &mut emit);
        at = end;
    }
    state.end_word(&mut emit);
    state.end_run(&mut emit);
}

/// The folded character starting at byte `at`, if any.
fn char_at(text: &str, at: usize) -> Option<char> {
    text.get(at..)
        .and_then(|rest| rest.chars().next())
        .map(fold)
}

/// Where a word of ASCII letters and digits starting at `start` ends, when nothing after it
/// could continue it (another script's letter, an apostrophe inside a word): the common case,
/// taken whole instead of character by character.
fn plain_ascii_word(text: &str, start: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let end = bytes[start..]
        .iter()
        .position(|b| !b.is_ascii_alphanumeric())
        .map_or(bytes.len(), |n| start + n);
    match bytes.get(end) {
        None => Some(end),
        Some(b'\'') if char_at(text, end + 1).is_some_and(is_word_char) => None,
        Some(b) if b.is_ascii() => Some(end),
        Some(_) => None,
    }
}

fn ascii_word_term(word: &str, out: &mut String) -> bool {
    if word.len() > MAX_WORD_CHARS {
        return false;
    }
    out.clear();
    out.push_str(word);
    out.make_ascii_lowercase();
    stem_in_place(out);
    true
}

/// What [`for_each_term`] is in the middle of: a word, or a run of CJK characters.
#[derive(Default)]
struct Scan {
    word: String,
    word_start: usize,
    word_end: usize,
    apostrophe: bool,
    /// The last CJK character seen and where it starts, while in a run.
    run: Option<(usize, char)>,
    term: String,
}

impl Scan {
    /// One character (folded) at `start..end`; `next` is the character after it.
    fn step(
        &mut self,
        start: usize,
        end: usize,
        c: char,
        next: Option<char>,
        emit: &mut impl FnMut(&str, usize, usize, bool),
    ) {
        if is_cjk(c) {
            self.end_word(emit);
            if let Some((before, previous)) = self.run {
                self.term.clear();
                self.term.push(previous);
                self.term.push(c);
                emit(&self.term, before, end, true);
            }
            self.run = Some((start, c));
            return;
        }
        self.end_run(emit);
        let inner_apostrophe =
            is_apostrophe(c) && !self.word.is_empty() && next.is_some_and(is_word_char);
        if is_word_char(c) || inner_apostrophe {
            if self.word.is_empty() {
                self.word_start = start;
            }
            self.word.push(c);
            self.word_end = end;
            self.apostrophe |= inner_apostrophe;
        } else {
            self.end_word(emit);
        }
    }

    fn end_word(&mut self, emit: &mut impl FnMut(&str, usize, usize, bool)) {
        if !self.word.is_empty() && word_term(&self.word, self.apostrophe, &mut self.term) {
            emit(&self.term, self.word_start, self.word_end, false);
        }
        self.word.clear();
        self.apostrophe = false;
    }

    /// A run's last character is a term of its own, so every character starts a term.
    fn end_run(&mut self, emit: &mut impl FnMut(&str, usize, usize, bool)) {
        if let Some((start, last)) = self.run.take() {
            self.term.clear();
            self.term.push(last);
            emit(&self.term, start, start + last.len_utf8(), true);
        }
    }
}

/// The terms of `text`, in order (what the index stores for it).
pub fn terms(text: &str) -> Vec<String> {
    tokenize(text).into_iter().map(|t| t.term).collect()
}

/// What one word of a query asks for: an index term, matched exactly or as a prefix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Requirement {
    /// The term.
    pub term: String,
    /// Also match every term that starts with it.
    pub prefix: bool,
}

/// Latin words at least this long are also matched as prefixes (`alumi` finds `aluminum`).
pub const PREFIX_MIN_CHARS: usize = 3;

/// A query as the browser reads it: every requirement must be met (AND). Words of three letters
/// or more match as prefixes; a run of Chinese characters needs each of its bigrams; a single
/// Chinese character matches every term that starts with it.
pub fn query(text: &str) -> Vec<Requirement> {
    let tokens = tokenize(text);
    let mut out: Vec<Requirement> = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        let single_char = token.cjk && token.term.chars().count() == 1;
        // A run's last character is already inside the bigram before it.
        let after_bigram = single_char
            && i > 0
            && tokens[i - 1].cjk
            && tokens[i - 1].term.chars().count() == 2
            && tokens[i - 1].end == token.end;
        if after_bigram {
            continue;
        }
        let prefix = if token.cjk {
            single_char
        } else {
            token.term.chars().count() >= PREFIX_MIN_CHARS
        };
        let requirement = Requirement {
            term: token.term.clone(),
            prefix,
        };
        if !out.contains(&requirement) {
            out.push(requirement);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_words_are_lowercased_and_plurals_stemmed() {
        assert_eq!(
            terms("Two Smelters, three companies; the PROCESSES and its status."),
            [
                "two", "smelter", "three", "company", "the", "process", "and", "its", "status"
            ]
        );
        assert_eq!(stem("smelter"), "smelter");
        assert_eq!(stem("glass"), "glass");
        assert_eq!(stem("analysis"), "analysis");
        assert_eq!(stem("boxes"), "box");
        assert_eq!(stem("gas"), "gas");
    }

    #[test]
    fn apostrophes_and_possessives() {
        assert_eq!(
            terms("Baise's plant, Guangxi’s grid, don't 'quoted'"),
            ["baise", "plant", "guangxi", "grid", "dont", "quoted"]
        );
    }

    #[test]
    fn full_width_letters_and_digits_are_folded() {
        assert_eq!(terms("ＡＢＣ铝业２０２１"), ["abc", "铝业", "业", "2021"]);
    }

    #[test]
    fn cjk_runs_become_bigrams_and_a_final_character() {
        assert_eq!(terms("百色铝"), ["百色", "色铝", "铝"]);
        assert_eq!(terms("铝"), ["铝"]);
        assert_eq!(terms("百色，铝。"), ["百色", "色", "铝"]);
    }

    #[test]
    fn mixed_chinese_and_english_text() {
        let tokens = tokenize("百色Baise铝业 2021年");
        let found: Vec<(&str, &str)> = tokens
            .iter()
            .map(|t| (t.term.as_str(), &"百色Baise铝业 2021年"[t.start..t.end]))
            .collect();
        assert_eq!(
            found,
            [
                ("百色", "百色"),
                ("色", "色"),
                ("baise", "Baise"),
                ("铝业", "铝业"),
                ("业", "业"),
                ("2021", "2021"),
                ("年", "年")
            ]
        );
    }

    #[test]
    fn overlong_words_are_skipped() {
        let long = "x".repeat(MAX_WORD_CHARS + 1);
        assert_eq!(terms(&format!("a {long} b")), ["a", "b"]);
        let with_possessive = format!("{}'s", "y".repeat(MAX_WORD_CHARS));
        assert_eq!(terms(&with_possessive), ["y".repeat(MAX_WORD_CHARS)]);
    }

    #[test]
    fn the_ascii_shortcut_changes_nothing() {
        let pieces = [
            "Baise's",
            "don't",
            "Smelters",
            "a",
            "ＡＢＣ",
            "百色",
            "铝",
            "é",
            "naïve",
            "'",
            "’",
            " ",
            ",",
            ".",
            "2021",
            "年",
            "’s",
            "ß",
            "İstanbul",
            "x1",
            "-",
            "\n",
            "𠀋",
        ];
        let mut seed: u64 = 7;
        for _ in 0..500 {
            let mut text = String::new();
            for _ in 0..12 {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                text.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            let run = |shortcut: bool| {
                let mut out = Vec::new();
                scan(&text, shortcut, |t, s, e, c| {
                    out.push((t.to_string(), s, e, c))
                });
                out
            };
            assert_eq!(run(true), run(false), "{text:?}");
        }
    }

    #[test]
    fn queries_need_every_word_and_match_prefixes() {
        let q = |text: &str| -> Vec<(String, bool)> {
            query(text)
                .into_iter()
                .map(|r| (r.term, r.prefix))
                .collect()
        };
        assert_eq!(q("Smelters"), [("smelter".to_string(), true)]);
        assert_eq!(q("al"), [("al".to_string(), false)]);
        assert_eq!(
            q("吉利百矿"),
            [
                ("吉利".to_string(), false),
                ("利百".to_string(), false),
                ("百矿".to_string(), false)
            ]
        );
        assert_eq!(q("铝"), [("铝".to_string(), true)]);
        assert_eq!(
            q("Baise 铝 symposium 百色"),
            [
                ("baise".to_string(), true),
                ("铝".to_string(), true),
                ("symposium".to_string(), true),
                ("百色".to_string(), false)
            ]
        );
        assert!(q("  ，。 ").is_empty());
    }
}
