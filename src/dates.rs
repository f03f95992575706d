//! Front-matter dates: what writers type (`2021-07-30`, `2021-07-30 15:00`, RFC 3339) read in the
//! site's timezone when no offset is given, and shown back in it.

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

/// Parses a front-matter date. A date alone means midnight, and a time without an offset is read
/// in `tz`.
pub fn parse(text: &str, tz: Tz) -> Result<DateTime<Utc>, String> {
    let text = text.trim();
    if let Ok(with_offset) = DateTime::parse_from_rfc3339(text) {
        return Ok(with_offset.with_timezone(&Utc));
    }
    if let Ok(with_offset) = DateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S%:z") {
        return Ok(with_offset.with_timezone(&Utc));
    }
    let naive = parse_naive(text).ok_or_else(|| {
        format!("\"{text}\" is not a valid date (expected YYYY-MM-DD, optionally followed by a time HH:MM)")
    })?;
    tz.from_local_datetime(&naive)
        .earliest()
        .map(|local| local.with_timezone(&Utc))
        .ok_or_else(|| {
            format!("\"{text}\" does not exist in the timezone {tz} (a clock change skips it)")
        })
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

/// Formats a date given as RFC 3339 with a strftime pattern, in the site timezone.
pub fn format(rfc3339: &str, pattern: &str, tz: Tz) -> Result<String, String> {
    use std::fmt::Write;
    let date = DateTime::parse_from_rfc3339(rfc3339)
        .map_err(|_| format!("`{rfc3339}` is not a date the `date` filter can format"))?
        .with_timezone(&tz);
    let mut out = String::new();
    write!(out, "{}", date.format(pattern))
        .map_err(|_| format!("`{pattern}` is not a valid date format"))?;
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
        assert!(err.contains("not a valid date"));
    }

    #[test]
    fn bad_format_pattern_is_an_error_not_a_panic() {
        assert!(format("2021-07-30T00:00:00+08:00", "%Q", chrono_tz::UTC).is_err());
    }
}
