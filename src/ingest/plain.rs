//! Plain text and Markdown: an optional ` date YYYY-MM-DD ` header with the
//! title on the same line (the seed format), or front matter, else the first
//! line is the title. The whole decoded file is the text, so offsets match it.

use super::article::{Article, DateSource, Format, Region, RegionKind};
use super::dates::parse_date;
use super::debris::is_debris_line;
use super::error::IngestError;
use super::{Source, new_article};

/// Reads a plain-text or Markdown article from decoded text.
pub fn read(src: &Source, text: String, format: Format) -> Result<Article, IngestError> {
    let mut regions = Vec::new();
    let mut published = None;
    let mut source = DateSource::Unknown;
    let title_span;

    if let Some((header_end, date_str)) = date_header(&text) {
        let date = parse_date(date_str).map_err(|reason| IngestError::InvalidDate {
            path: src.path.clone(),
            value: date_str.to_string(),
            reason,
        })?;
        published = Some(date);
        source = DateSource::Header;
        regions.push(Region {
            kind: RegionKind::Header,
            span: (0, header_end),
        });
        let line_end = text[header_end..]
            .find('\n')
            .map_or(text.len(), |i| header_end + i);
        title_span = trimmed(&text, header_end, line_end);
    } else if let Some((fm_end, fields)) = front_matter(&text) {
        regions.push(Region {
            kind: RegionKind::Header,
            span: (0, fm_end),
        });
        for (key, value) in fields {
            match key.as_str() {
                "date" | "published" | "pubdate" => {
                    let date = parse_date(&value).map_err(|reason| IngestError::InvalidDate {
                        path: src.path.clone(),
                        value: value.clone(),
                        reason,
                    })?;
                    published = Some(date);
                    source = DateSource::Header;
                }
                _ => {}
            }
        }
        title_span = first_line(&text, fm_end);
    } else {
        title_span = first_line(&text, 0);
    }

    let mut title = String::new();
    if let Some((s, e)) = title_span {
        let t = &text[s..e];
        let stripped = t.trim_start_matches('#').trim_start();
        let s = e - stripped.len();
        if s > title_span.map_or(0, |t| t.0) {
            regions.push(Region {
                kind: RegionKind::Header,
                span: (title_span.map_or(0, |t| t.0), s),
            });
        }
        title = stripped.trim().to_string();
        regions.push(Region {
            kind: RegionKind::Title,
            span: (s, e),
        });
    }
    let mut debris = 0;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let (s, e) = (pos, pos + line.len());
        pos = e;
        if is_debris_line(line)
            && let Some(span) = trimmed(&text, s, e)
        {
            regions.push(Region {
                kind: RegionKind::Debris,
                span,
            });
            debris += 1;
        }
    }
    regions.sort_by_key(|r| r.span);
    let mut art = new_article(src, format, title, text);
    art.regions = regions;
    art.set_published(published, source);
    if debris > 0 {
        art.warnings.push(format!(
            "{debris} line(s) of web debris marked and not analysed"
        ));
    }
    Ok(art)
}

/// A leading ` date <value> ` header: the end of the header and the value.
fn date_header(text: &str) -> Option<(usize, &str)> {
    let lead = text.len() - text.trim_start().len();
    let rest = &text[lead..];
    let after = rest
        .strip_prefix("date ")
        .or_else(|| rest.strip_prefix("Date: "))
        .or_else(|| rest.strip_prefix("date: "))?;
    let value_start = text.len() - after.len() + (after.len() - after.trim_start().len());
    let value_len = text[value_start..]
        .find(char::is_whitespace)
        .unwrap_or(text.len() - value_start);
    let value = &text[value_start..value_start + value_len];
    if !value.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let mut end = value_start + value_len;
    while let Some(c) = text[end..].chars().next() {
        if c == ' ' || c == '\t' {
            end += 1;
        } else {
            break;
        }
    }
    Some((end, value))
}

/// `---` front matter with `key: value` lines: its end and its fields.
fn front_matter(text: &str) -> Option<(usize, Vec<(String, String)>)> {
    let body = text.strip_prefix("---")?;
    if !body.starts_with('\n') && !body.starts_with("\r\n") {
        return None;
    }
    let close = body.find("\n---")?;
    let inner = &body[..close];
    let mut end = 3 + close + 4;
    if text[end..].starts_with("\r\n") {
        end += 2;
    } else if text[end..].starts_with('\n') {
        end += 1;
    }
    let fields = inner
        .lines()
        .filter_map(|l| {
            let (k, v) = l.split_once(':')?;
            Some((
                k.trim().to_lowercase(),
                v.trim().trim_matches('"').to_string(),
            ))
        })
        .collect();
    Some((end, fields))
}

/// The first non-empty line at or after `from`, trimmed.
fn first_line(text: &str, from: usize) -> Option<(usize, usize)> {
    let mut pos = from;
    for line in text[from..].split_inclusive('\n') {
        let (s, e) = (pos, pos + line.len());
        pos = e;
        if let Some(span) = trimmed(text, s, e) {
            return Some(span);
        }
    }
    None
}

/// The span `[s, e)` without surrounding white space, or `None` if blank.
fn trimmed(text: &str, s: usize, e: usize) -> Option<(usize, usize)> {
    let t = &text[s..e];
    let start = s + (t.len() - t.trim_start().len());
    let end = s + t.trim_end().len();
    (end > start).then_some((start, end))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn src() -> Source {
        Source::new("dir/a.txt")
    }

    #[test]
    fn seed_header_and_title() {
        let text = " date 2021-12-07 There is no love lost.\n\nBody here.\n".to_string();
        let a = read(&src(), text, Format::Text).unwrap();
        assert_eq!(a.published, NaiveDate::from_ymd_opt(2021, 12, 7));
        assert_eq!(a.published_source, DateSource::Header);
        assert_eq!(a.title, "There is no love lost.");
        let title = a
            .regions
            .iter()
            .find(|r| r.kind == RegionKind::Title)
            .unwrap();
        assert_eq!(
            &a.text[title.span.0..title.span.1],
            "There is no love lost."
        );
        assert_eq!(a.regions[0].span, (0, 17));
    }

    #[test]
    fn no_header_first_line_is_title_and_debris_marked() {
        let text = "Biden and Putin Hold Talks\n\nThey met.\n\nLeave a Reply\n\n*".to_string();
        let a = read(&src(), text, Format::Text).unwrap();
        assert_eq!(a.title, "Biden and Putin Hold Talks");
        assert_eq!(a.published, None);
        let debris: Vec<&str> = a
            .regions
            .iter()
            .filter(|r| r.kind == RegionKind::Debris)
            .map(|r| &a.text[r.span.0..r.span.1])
            .collect();
        assert_eq!(debris, vec!["Leave a Reply", "*"]);
        let body: String = a.body_spans().iter().map(|&(s, e)| &a.text[s..e]).collect();
        assert!(!body.contains("Leave a Reply"));
        assert!(body.contains("They met."));
    }

    #[test]
    fn invalid_header_date_is_an_error_naming_the_file() {
        let err = read(&src(), " date 2021-13-45 Title\n".into(), Format::Text).unwrap_err();
        let msg = err.to_string();
        assert!(
            msg.contains("dir/a.txt") && msg.contains("2021-13-45"),
            "{msg}"
        );
    }

    #[test]
    fn markdown_front_matter_and_heading() {
        let text = "---\ntitle: X\ndate: 2022-02-24\n---\n# Russia invades Ukraine\n\nText.".into();
        let a = read(&src(), text, Format::Markdown).unwrap();
        assert_eq!(a.published, NaiveDate::from_ymd_opt(2022, 2, 24));
        assert_eq!(a.title, "Russia invades Ukraine");
    }

    #[test]
    fn crlf_keeps_offsets() {
        let text = " date 2021-12-04 Title here\r\n\r\nBody.\r\n".to_string();
        let a = read(&src(), text.clone(), Format::Text).unwrap();
        assert_eq!(a.title, "Title here");
        assert_eq!(a.text, text);
    }
}
