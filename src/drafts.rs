//! Drafts and scheduled pages in sight: what a page's publication status is (published, a draft,
//! or dated in the future), and the notice the preview puts at the top of such a page, in the
//! page's own language. The notice is a template value (`preview_notice`) that only a preview
//! build gives, so `potline build` never shows it; a theme whose templates do not place it gets
//! it anyway, inserted after `<body>` ([`with_notice`]).

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::config::Config;
use crate::content::page::Page;
use crate::messages::Lang;

/// Where a page stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// `draft: true`: never published.
    Draft,
    /// Dated after now: published by the first build after its date.
    Scheduled,
    /// Published by `potline build`.
    Published,
}

impl Status {
    /// The status of `page` at the moment `now` (a draft stays a draft whatever its date).
    pub fn of(page: &Page, now: DateTime<Utc>) -> Status {
        if page.draft {
            Status::Draft
        } else if page.date.is_some_and(|date| date > now) {
            Status::Scheduled
        } else {
            Status::Published
        }
    }

    /// The stable name of the status: `draft`, `scheduled`, `published`.
    pub fn code(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Scheduled => "scheduled",
            Status::Published => "published",
        }
    }
}

/// The notice of a page that is not published (yet), as templates see it (`preview_notice`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Notice {
    /// `draft` or `scheduled`.
    pub kind: &'static str,
    /// The sentence to show, in the page's language: "Draft — not published".
    pub text: String,
    /// The language of the text (`en`, `zh`), for the `lang` attribute.
    pub lang: &'static str,
    /// The whole notice as potline shows it when the theme does not place it itself.
    pub html: String,
}

/// The class every notice carries: a page that has it already shows the notice.
pub const NOTICE_CLASS: &str = "potline-preview-notice";

/// The notice for `page` of the language `config` is for, or None when it is published.
pub fn notice(page: &Page, config: &Config, now: DateTime<Utc>) -> Option<Notice> {
    let lang = Lang::parse(&config.language).unwrap_or_default();
    let (kind, text) = match Status::of(page, now) {
        Status::Published => return None,
        Status::Draft => ("draft", crate::msg!("preview-draft").text_in(lang)),
        Status::Scheduled => {
            let date = page.date.map(|d| day(d, config.timezone, lang));
            let message = crate::msg!("preview-scheduled", date = date.unwrap_or_default());
            ("scheduled", message.text_in(lang))
        }
    };
    let html = notice_html(kind, &text, lang.code());
    Some(Notice {
        kind,
        text,
        lang: lang.code(),
        html,
    })
}

/// A day as a reader of `lang` writes it: `2026-12-24`, `2026年12月24日`.
pub fn day(date: DateTime<Utc>, tz: chrono_tz::Tz, lang: Lang) -> String {
    let local = date.with_timezone(&tz);
    match lang {
        Lang::Zh => local.format("%Y年%-m月%-d日").to_string(),
        Lang::En => local.format("%Y-%m-%d").to_string(),
    }
}

/// The notice's markup: a bar over the top of the page, styled inline so that it shows in any
/// theme and stays above what the theme places there.
fn notice_html(kind: &str, text: &str, lang: &str) -> String {
    let background = if kind == "draft" {
        "#8a4b00"
    } else {
        "#0b4f8a"
    };
    format!(
        "<div class=\"{NOTICE_CLASS} {NOTICE_CLASS}--{kind}\" role=\"status\" lang=\"{lang}\" \
         style=\"position:sticky;top:0;z-index:2147483647;margin:0;padding:.5rem 1rem;\
         background:{background};color:#fff;font:600 1rem/1.4 system-ui,sans-serif;\
         text-align:center\">{}</div>",
        escape(text)
    )
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The page with its notice: as rendered when the theme placed it (its markup carries
/// [`NOTICE_CLASS`]), else with the notice inserted right after the `<body>` tag (at the start
/// when there is none).
pub fn with_notice(html: String, notice: &Notice) -> String {
    if html.contains(NOTICE_CLASS) {
        return html;
    }
    let at = body_start(&html).unwrap_or(0);
    let mut out = String::with_capacity(html.len() + notice.html.len());
    out.push_str(&html[..at]);
    out.push_str(&notice.html);
    out.push_str(&html[at..]);
    out
}

/// Where the content of `<body ...>` starts (after its `>`), in any letter case.
fn body_start(html: &str) -> Option<usize> {
    let lower = html.to_ascii_lowercase();
    let mut from = 0;
    while let Some(found) = lower[from..].find("<body") {
        let start = from + found;
        let after = lower.as_bytes().get(start + 5).copied();
        if matches!(after, Some(b'>' | b' ' | b'\t' | b'\n' | b'\r' | b'/')) {
            return lower[start..].find('>').map(|end| start + end + 1);
        }
        from = start + 5;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn notice_of(kind: &'static str) -> Notice {
        Notice {
            kind,
            text: "Draft — not published".into(),
            lang: "en",
            html: notice_html(kind, "Draft — not published", "en"),
        }
    }

    #[test]
    fn the_notice_goes_right_after_the_body_tag() {
        let html = "<html><head></head><BODY class=\"x\"><p>Text</p></BODY></html>".to_string();
        let out = with_notice(html, &notice_of("draft"));
        assert!(out.starts_with("<html><head></head><BODY class=\"x\"><div class=\"potline-preview-notice potline-preview-notice--draft\""), "{out}");
        assert!(out.ends_with("Draft — not published</div><p>Text</p></BODY></html>"));
    }

    #[test]
    fn a_body_like_tag_is_not_the_body() {
        assert_eq!(body_start("<bodyguard><body>x"), Some(17));
        assert_eq!(body_start("no body here"), None);
    }

    #[test]
    fn a_page_placing_the_notice_itself_is_left_as_it_is() {
        let html = "<body><div class=\"potline-preview-notice\">x</div></body>".to_string();
        assert_eq!(with_notice(html.clone(), &notice_of("draft")), html);
    }

    #[test]
    fn days_are_written_as_each_language_writes_them() {
        let date = chrono::DateTime::parse_from_rfc3339("2026-01-04T20:00:00Z")
            .map(|d| d.with_timezone(&Utc))
            .unwrap_or_default();
        let tz = chrono_tz::Asia::Shanghai;
        assert_eq!(day(date, tz, Lang::En), "2026-01-05");
        assert_eq!(day(date, tz, Lang::Zh), "2026年1月5日");
    }
}
