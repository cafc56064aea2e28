//! Publication dates as written in headers, metadata and JSON fields.

use chrono::{DateTime, NaiveDate};

/// Parses a publication date: ISO 8601 (`2021-12-07`, `2021-12-07T18:30:00Z`),
/// RFC 2822 (`Tue, 07 Dec 2021 18:30:00 +0000`), compact `20211207`, or
/// written out (`December 7, 2021`, `7 December 2021`, `Dec. 7, 2021`).
///
/// The error says what is wrong, for a message that names the file.
pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    let s = s.trim();
    if s.is_empty() {
        return Err("empty".into());
    }
    let b = s.as_bytes();
    if b.len() >= 10 && b[..4].iter().all(u8::is_ascii_digit) && b[4] == b'-' && b[7] == b'-' {
        let head = crate::slice::head(s, 10);
        return NaiveDate::parse_from_str(head, "%Y-%m-%d")
            .map_err(|_| format!("{head} is not a calendar date"));
    }
    if b.len() == 8 && b.iter().all(u8::is_ascii_digit) {
        return NaiveDate::parse_from_str(s, "%Y%m%d")
            .map_err(|_| format!("{s} is not a calendar date"));
    }
    if let Ok(d) = DateTime::parse_from_rfc2822(s) {
        return Ok(d.date_naive());
    }
    let cleaned: String = s.replace(['.', ','], " ");
    let cleaned = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    for fmt in [
        "%B %d %Y",
        "%b %d %Y",
        "%d %B %Y",
        "%d %b %Y",
        "%A %B %d %Y",
        "%a %b %d %Y",
    ] {
        if let Ok(d) = NaiveDate::parse_from_str(&cleaned, fmt) {
            return Ok(d);
        }
    }
    Err("not a date this program can read".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn formats() {
        assert_eq!(parse_date("2021-12-07"), Ok(d(2021, 12, 7)));
        assert_eq!(parse_date("2021-12-07T18:30:00Z"), Ok(d(2021, 12, 7)));
        assert_eq!(parse_date("20211207"), Ok(d(2021, 12, 7)));
        assert_eq!(
            parse_date("Tue, 07 Dec 2021 18:30:00 +0000"),
            Ok(d(2021, 12, 7))
        );
        assert_eq!(parse_date("December 7, 2021"), Ok(d(2021, 12, 7)));
        assert_eq!(parse_date("Dec. 7, 2021"), Ok(d(2021, 12, 7)));
        assert_eq!(parse_date("7 December 2021"), Ok(d(2021, 12, 7)));
    }

    #[test]
    fn invalid_dates_say_why() {
        assert!(
            parse_date("2021-13-45")
                .unwrap_err()
                .contains("not a calendar date")
        );
        assert!(parse_date("yesterday-ish").is_err());
        assert!(parse_date("").is_err());
    }
}
