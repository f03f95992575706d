//! Front-matter dates: what writers type (`2021-07-30`, `2021-07-30 15:00`, RFC 3339) read in the
//! site's timezone when no offset is given, and shown back in it. Only the years 1 to 9999 are
//! accepted: RSS (RFC 2822), Atom and sitemaps (RFC 3339) and JSON-LD carry four-digit years only.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

use crate::messages::Message;

/// The years a date may fall in, as shown in the site's timezone.
const YEARS: std::ops::RangeInclusive<i32> = 1..=9999;

/// Why a front-matter date was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateProblem {
    /// The date as written.
    pub text: String,
    /// What is wrong with it.
    pub kind: DateProblemKind,
}

/// The ways a date can be wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateProblemKind {
    /// Not a date at all (`2021-13-01`, `30.7.2021`).
    Invalid,
    /// A local time that a clock change skips in the timezone named.
    SkippedByClockChange(String),
    /// A date in a year outside 1 to 9999.
    OutOfRange(i64),
}

impl DateProblem {
    /// The error for the field `key` holding this date, with how to write it (the entry's hint).
    pub fn message(&self, key: &str) -> Message {
        match &self.kind {
            DateProblemKind::Invalid => crate::msg!("date-invalid", key = key, value = &self.text),
            DateProblemKind::SkippedByClockChange(tz) => crate::msg!(
                "date-skipped-by-clock-change",
                key = key,
                value = &self.text,
                timezone = tz
            ),
            DateProblemKind::OutOfRange(year) => crate::msg!(
                "date-out-of-range",
                key = key,
                value = &self.text,
                year = year.to_string()
            ),
        }
    }
}

/// Parses a front-matter date. A date alone means midnight, and a time without an offset is read
/// in `tz`. Dates outside the years 1 to 9999 (in `tz`) are refused.
pub fn parse(text: &str, tz: Tz) -> Result<DateTime<Utc>, DateProblem> {
    let text = text.trim();
    let date = match parse_any(text, tz) {
        Ok(date) => date,
        Err(problem) => return Err(year_problem(text, tz).unwrap_or(problem)),
    };
    let year = date.with_timezone(&tz).year();
    if YEARS.contains(&year) {
        Ok(date)
    } else {
        Err(out_of_range(text, i64::from(year)))
    }
}

fn parse_any(text: &str, tz: Tz) -> Result<DateTime<Utc>, DateProblem> {
    if let Ok(with_offset) = DateTime::parse_from_rfc3339(text) {
        return Ok(with_offset.with_timezone(&Utc));
    }
    if let Ok(with_offset) = DateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S%:z") {
        return Ok(with_offset.with_timezone(&Utc));
    }
    let naive = parse_naive(text).ok_or_else(|| DateProblem {
        text: text.to_string(),
        kind: DateProblemKind::Invalid,
    })?;
    tz.from_local_datetime(&naive)
        .earliest()
        .map(|local| local.with_timezone(&Utc))
        .ok_or_else(|| DateProblem {
            text: text.to_string(),
            kind: DateProblemKind::SkippedByClockChange(tz.name().to_string()),
        })
}

/// A date that would be valid but for its year (`10000-01-01`, `-0001-01-01`): said so, rather
/// than "not a valid date".
fn year_problem(text: &str, tz: Tz) -> Option<DateProblem> {
    let digits_from = usize::from(text.starts_with(['-', '+']));
    let dash = digits_from + text[digits_from..].find('-')?;
    let digits = &text[digits_from..dash];
    if digits.is_empty() || digits.len() > 12 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let year: i64 = text[..dash].parse().ok()?;
    let in_range = digits.len() == 4 && year > 0;
    if in_range || parse_any(&format!("2000{}", &text[dash..]), tz).is_err() {
        return None;
    }
    Some(out_of_range(text, year))
}

fn out_of_range(text: &str, year: i64) -> DateProblem {
    DateProblem {
        text: text.to_string(),
        kind: DateProblemKind::OutOfRange(year),
    }
}

fn parse_naive(text: &str) -> Option<NaiveDateTime> {
    const FORMATS: [&str; 4] = [
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
    ];
    FORMATS
        .iter()
        .find_map(|format| NaiveDateTime::parse_from_str(text, format).ok())
        .or_else(|| {
            NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .ok()
                .and_then(|d| d.and_hms_opt(0, 0, 0))
        })
}

/// RFC 3339 in the site timezone, as templates receive dates: `2021-07-30T00:00:00+08:00`.
pub fn to_rfc3339(date: DateTime<Utc>, tz: Tz) -> String {
    date.with_timezone(&tz).to_rfc3339()
}

/// RFC 2822 in the site timezone, as RSS wants dates: `Fri, 30 Jul 2021 00:00:00 +0800`. None for
/// a year RFC 2822 cannot carry (parsing refuses them; this keeps a writer from ever panicking
/// the way chrono's `to_rfc2822` does).
pub fn to_rfc2822(date: DateTime<Utc>, tz: Tz) -> Option<String> {
    let local = date.with_timezone(&tz);
    YEARS
        .contains(&local.year())
        .then(|| local.format("%a, %-d %b %Y %H:%M:%S %z").to_string())
}

/// Formats a date given as RFC 3339 with a strftime pattern, in the site timezone.
pub fn format(rfc3339: &str, pattern: &str, tz: Tz) -> Result<String, Message> {
    use std::fmt::Write;
    let date = DateTime::parse_from_rfc3339(rfc3339)
        .map_err(|_| crate::msg!("date-filter-not-a-date", value = rfc3339))?
        .with_timezone(&tz);
    let mut out = String::new();
    write!(out, "{}", date.format(pattern))
        .map_err(|_| crate::msg!("date-filter-bad-format", pattern = pattern))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bare_date_is_midnight_in_the_site_timezone() {
        let date = parse("2021-07-30", chrono_tz::Asia::Shanghai).unwrap();
        assert_eq!(date.to_rfc3339(), "2021-07-29T16:00:00+00:00");
        assert_eq!(
            to_rfc3339(date, chrono_tz::Asia::Shanghai),
            "2021-07-30T00:00:00+08:00"
        );
    }

    #[test]
    fn an_offset_wins_over_the_site_timezone() {
        let date = parse("2021-07-30T10:00:00+00:00", chrono_tz::Asia::Shanghai).unwrap();
        assert_eq!(
            to_rfc3339(date, chrono_tz::Asia::Shanghai),
            "2021-07-30T18:00:00+08:00"
        );
    }

    #[test]
    fn impossible_dates_are_rejected() {
        let err = parse("2021-13-01", chrono_tz::UTC).unwrap_err();
        assert_eq!(err.kind, DateProblemKind::Invalid);
        let err = parse("-0001-13-01", chrono_tz::UTC).unwrap_err();
        assert_eq!(err.kind, DateProblemKind::Invalid, "{err:?}");
    }

    #[test]
    fn years_outside_1_to_9999_are_refused_with_their_year() {
        let tz = chrono_tz::Asia::Shanghai;
        for (text, year) in [
            ("-0001-01-01", "-1"),
            ("0000-01-01", "0"),
            ("10000-01-01", "10000"),
            ("+10000-01-01 10:00", "10000"),
            ("-0001-01-01T00:00:00Z", "-1"),
            ("0001-01-01T00:00:00+14:00", "0"),
            ("9999-12-31T23:00:00-05:00", "10000"),
        ] {
            let err = parse(text, tz).unwrap_err();
            assert_eq!(
                err.message("date").text_in(crate::messages::Lang::En),
                format!(
                    "`date`: \"{text}\" is in the year {year}; dates must be in the years 1 to 9999"
                )
            );
        }
        assert!(parse("0001-01-01", tz).is_ok());
        assert!(parse("9999-12-31 23:59", tz).is_ok());
    }

    #[test]
    fn rfc2822_is_chronos_for_every_accepted_year_and_none_beyond() {
        let tz = chrono_tz::Asia::Shanghai;
        for text in [
            "2021-08-01",
            "2021-07-30 15:04",
            "0001-01-01",
            "9999-12-31 23:59",
        ] {
            let date = parse(text, tz).unwrap();
            assert_eq!(
                to_rfc2822(date, tz).as_deref(),
                Some(date.with_timezone(&tz).to_rfc2822().as_str())
            );
        }
        let beyond = Utc.with_ymd_and_hms(10000, 1, 1, 0, 0, 0).unwrap();
        assert_eq!(to_rfc2822(beyond, tz), None);
        let before = Utc.with_ymd_and_hms(-1, 1, 1, 0, 0, 0).unwrap();
        assert_eq!(to_rfc2822(before, tz), None);
    }

    #[test]
    fn bad_format_pattern_is_an_error_not_a_panic() {
        assert!(format("2021-07-30T00:00:00+08:00", "%Q", chrono_tz::UTC).is_err());
    }
}
