//! "Did you mean ...?" hints: the closest known name to a misspelt one.

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

/// A hint sentence: "did you mean `x`?" or, failing a close match, the list of accepted names.
pub fn did_you_mean(wrong: &str, candidates: &[&str]) -> String {
    match closest(wrong, candidates.iter().copied()) {
        Some(best) => format!("did you mean `{best}`?"),
        None if candidates.is_empty() => "there is nothing to choose from here yet".to_string(),
        None => format!(
            "accepted here: {}",
            candidates
                .iter()
                .map(|c| format!("`{c}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// [`did_you_mean`] as a catalogue message, shown in the run's language: "did you mean `x`?",
/// else the names accepted here, else that there is nothing to choose from yet.
pub fn did_you_mean_message(wrong: &str, candidates: &[&str]) -> crate::messages::Message {
    match closest(wrong, candidates.iter().copied()) {
        Some(best) => crate::msg!("suggest-did-you-mean", name = best),
        None if candidates.is_empty() => crate::msg!("suggest-nothing-yet"),
        None => crate::msg!("suggest-accepted-here", names = quoted_list(candidates)),
    }
}

/// `` `a`, `b`, `c` ``: names as messages list them.
pub fn quoted_list(names: &[&str]) -> String {
    names
        .iter()
        .map(|name| format!("`{name}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
