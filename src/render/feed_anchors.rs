//! Feed entries without in-page links that lead nowhere. A summary is the start of an article:
//! its footnote marks (`<a href="#fn-date">1</a>`) point at notes it does not hold, and a reader
//! that follows them lands nowhere. Such marks are dropped, and any other link to an anchor
//! missing from the entry keeps its text and loses the link. Whole articles keep their notes.

use std::borrow::Cow;

const FOOTNOTE_MARK: &str = "<sup class=\"footnote-reference\"";

/// `html` with every in-page link (`href="#x"`) whose target `id="x"` it lacks taken out.
pub(super) fn without_dangling_anchors(html: &str) -> Cow<'_, str> {
    if !html.contains("href=\"#") {
        return Cow::Borrowed(html);
    }
    let has_target = |id: &str| html.contains(&format!(" id=\"{id}\""));
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest
        .find("<a href=\"#")
        .into_iter()
        .chain(rest.find(FOOTNOTE_MARK))
        .min()
    {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let Some((element, inner, target)) = link_at(rest) else {
            out.push_str(&rest[..1]);
            rest = &rest[1..];
            continue;
        };
        if has_target(target) {
            out.push_str(&rest[..element]);
        } else if !rest.starts_with(FOOTNOTE_MARK) {
            out.push_str(inner);
        }
        rest = &rest[element..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// At a `<a href="#x">` or a footnote mark: the length of the whole element, the link's inner
/// HTML and its target `x`.
fn link_at(text: &str) -> Option<(usize, &str, &str)> {
    let (start, close) = if text.starts_with(FOOTNOTE_MARK) {
        (text.find("<a href=\"#")?, "</sup>")
    } else {
        (0, "</a>")
    };
    let link = &text[start..];
    let target_start = "<a href=\"#".len();
    let target_end = target_start + link[target_start..].find('"')?;
    let open_end = target_end + link[target_end..].find('>')? + 1;
    let link_close = open_end + link[open_end..].find("</a>")?;
    let element = text.find(close)? + close.len();
    Some((
        element,
        &link[open_end..link_close],
        &link[target_start..target_end],
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn footnote_marks_without_their_notes_are_dropped() {
        let summary = "<p>On the afternoon of July 30,<sup class=\"footnote-reference\" id=\"fnref-date\"><a href=\"#fn-date\">1</a></sup> the city met.</p>";
        assert_eq!(
            without_dangling_anchors(summary),
            "<p>On the afternoon of July 30, the city met.</p>"
        );
    }

    #[test]
    fn links_to_missing_anchors_keep_their_text_and_others_stay() {
        let html = "<p>See <a href=\"#figures\">the figures</a> and <a href=\"#top\">top</a>.</p><h2 id=\"top\">T</h2>";
        assert_eq!(
            without_dangling_anchors(html),
            "<p>See the figures and <a href=\"#top\">top</a>.</p><h2 id=\"top\">T</h2>"
        );
    }

    #[test]
    fn whole_articles_keep_their_notes() {
        let article = "<p>A<sup class=\"footnote-reference\" id=\"fnref-a\"><a href=\"#fn-a\">1</a></sup></p><div class=\"footnote-definition\" id=\"fn-a\"><sup class=\"footnote-definition-label\"><a href=\"#fnref-a\">1</a></sup><p>Note</p></div>";
        assert_eq!(without_dangling_anchors(article), article);
        assert!(matches!(
            without_dangling_anchors("<p>plain</p>"),
            Cow::Borrowed(_)
        ));
    }
}
