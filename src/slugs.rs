//! URL slugs made to be read and corrected by people: Chinese characters become
//! their pinyin syllables (`百色铝` -> `bai-se-lv`), ASCII words stay as they are (lowercased),
//! and everything else separates words.

use pinyin::ToPinyin;

/// Slugs longer than this are cut at a word boundary: URLs that long are hard to share.
const MAX_LEN: usize = 80;

/// A slug for `title`: lowercase words joined by `-`; empty when the title has no letter,
/// digit or Chinese character at all.
pub fn slugify(title: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut word = String::new();
    for c in title.chars() {
        if let Some(syllable) = c.to_pinyin() {
            flush(&mut word, &mut words);
            words.push(syllable.plain().replace('ü', "v"));
        } else if c.is_ascii_alphanumeric() {
            word.push(c.to_ascii_lowercase());
        } else if c.is_alphanumeric() {
            // Accented letters and other scripts: their closest ASCII spelling, in the word.
            word.push_str(&slug::slugify(c.to_string()).replace('-', ""));
        } else {
            flush(&mut word, &mut words);
        }
    }
    flush(&mut word, &mut words);
    let mut slug = String::new();
    for mut word in words {
        if !slug.is_empty() && slug.len() + 1 + word.len() > MAX_LEN {
            break;
        }
        // One word longer than a file name may be (found by fuzzing): cut it.
        word.truncate(MAX_LEN);
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(&word);
    }
    slug
}

fn flush(word: &mut String, words: &mut Vec<String>) {
    if !word.is_empty() {
        words.push(std::mem::take(word));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_becomes_pinyin_words() {
        assert_eq!(
            slugify("百色市召开生态铝产业发展座谈会"),
            "bai-se-shi-zhao-kai-sheng-tai-lv-chan-ye-fa-zhan-zuo-tan-hui"
        );
    }

    #[test]
    fn ascii_words_are_kept_and_punctuation_separates() {
        assert_eq!(
            slugify("Baise holds a symposium: the ecological aluminum industry!"),
            "baise-holds-a-symposium-the-ecological-aluminum-industry"
        );
        assert_eq!(
            slugify("2021年ABC铝业，再生铝"),
            "2021-nian-abc-lv-ye-zai-sheng-lv"
        );
        assert_eq!(slugify("Café Ñandú"), "cafe-nandu");
    }

    #[test]
    fn titles_without_words_give_an_empty_slug() {
        assert_eq!(slugify("！？ —— ..."), "");
    }

    #[test]
    fn long_titles_are_cut_at_a_word() {
        let slug = slugify(&"aluminum ".repeat(20));
        assert!(slug.len() <= MAX_LEN, "{slug}");
        assert!(slug.ends_with("aluminum"));
    }

    #[test]
    fn one_overlong_word_is_cut_too() {
        assert_eq!(slugify(&"a".repeat(300)), "a".repeat(MAX_LEN));
    }
}
