//! "Did you mean ...?" hints: the closest known name to a misspelt one.

use crate::messages::Message;
use crate::msg;

/// The candidate closest to `wrong`, if it is close enough to be a plausible typo.
pub fn closest<'a>(wrong: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let wrong_lower = wrong.to_lowercase();
    candidates
        .into_iter()
        .map(|candidate| {
            let score = strsim::jaro_winkler(&wrong_lower, &candidate.to_lowercase());
            (score, candidate)
        })
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}

/// A hint: "did you mean `x`?" or, failing a close match, the list of accepted names (entries
/// `suggest-did-you-mean`, `suggest-accepted`, `suggest-nothing-yet`).
pub fn suggestion(wrong: &str, candidates: &[&str]) -> Message {
    match closest(wrong, candidates.iter().copied()) {
        Some(best) => msg!("suggest-did-you-mean", name = best),
        None if candidates.is_empty() => msg!("suggest-nothing-yet"),
        None => msg!("suggest-accepted", names = code_list(candidates)),
    }
}

/// [`suggestion`] as text in the run's language, for messages still made of text.
pub fn did_you_mean(wrong: &str, candidates: &[&str]) -> String {
    suggestion(wrong, candidates).text()
}

/// [`suggestion`], under the name the hints of links and templates call it by.
pub fn did_you_mean_message(wrong: &str, candidates: &[&str]) -> Message {
    suggestion(wrong, candidates)
}

/// Names as code, one after the other: "`bar`, `line`".
pub fn code_list(names: &[&str]) -> String {
    names
        .iter()
        .map(|name| format!("`{name}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::Lang;

    #[test]
    fn finds_a_transposition() {
        assert_eq!(
            closest("sumary", ["summary", "title", "date"]),
            Some("summary")
        );
    }

    #[test]
    fn ignores_unrelated_names() {
        assert_eq!(closest("zzz", ["summary", "title"]), None);
    }

    #[test]
    fn suggestions_are_worded_in_both_languages() {
        let near = suggestion("sumary", &["summary", "title"]);
        assert_eq!(near.text_in(Lang::En), "did you mean `summary`?");
        assert_eq!(near.text_in(Lang::Zh), "你是不是想写 `summary`？");
        let list = suggestion("zzz", &["bar", "line"]);
        assert_eq!(list.text_in(Lang::En), "accepted here: `bar`, `line`");
        assert_eq!(list.text_in(Lang::Zh), "这里可以用：`bar`, `line`");
        let none = suggestion("zzz", &[]);
        assert_eq!(none.text_in(Lang::Zh), "这里还没有可以选择的内容");
    }
}
