//! JSON and JSONL articles: an object, an array of objects (or an object with
//! an `articles` array), or one object per line, with title, text and date
//! under the field names news APIs use.

use super::article::{Article, DateSource, Format};
use super::dates::parse_date;
use super::error::IngestError;
use super::{Source, new_article};
use serde_json::{Map, Value};

/// Field names for the text, most specific first.
const TEXT_FIELDS: &[&str] = &[
    "text",
    "body",
    "content",
    "article",
    "full_text",
    "maintext",
];
/// Field names for the title.
const TITLE_FIELDS: &[&str] = &["title", "headline", "name"];
/// Field names for the publication date.
const DATE_FIELDS: &[&str] = &[
    "date",
    "published",
    "publishedAt",
    "published_at",
    "publication_date",
    "datePublished",
    "date_publish",
    "pubDate",
    "created_at",
];

/// Reads a JSON document holding one or more articles.
pub fn read_json(src: &Source, text: &str) -> Vec<Result<Article, IngestError>> {
    let value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            return vec![Err(IngestError::Json {
                path: src.path.clone(),
                reason: e.to_string(),
            })];
        }
    };
    let records: Vec<&Value> = match &value {
        Value::Array(items) => items.iter().collect(),
        Value::Object(map) => match map.get("articles") {
            Some(Value::Array(items)) => items.iter().collect(),
            _ => vec![&value],
        },
        _ => Vec::new(),
    };
    if records.is_empty() {
        return vec![Err(IngestError::Json {
            path: src.path.clone(),
            reason: "no article objects in it".into(),
        })];
    }
    let many = records.len() > 1;
    records
        .into_iter()
        .enumerate()
        .map(|(i, rec)| {
            let index = many.then_some(i + 1);
            from_value(src, rec, Format::Json, index).map_err(|reason| IngestError::Json {
                path: record_path(src, index),
                reason,
            })
        })
        .collect()
}

/// Reads one line of a JSONL stream (1-based `line`).
pub fn read_json_line(src: &Source, line: &str, line_no: usize) -> Result<Article, IngestError> {
    let err = |reason: String| IngestError::JsonLine {
        path: src.path.clone(),
        line: line_no,
        reason,
    };
    let value: Value = serde_json::from_str(line).map_err(|e| err(format!("invalid JSON: {e}")))?;
    from_value(src, &value, Format::Jsonl, Some(line_no)).map_err(err)
}

/// Reads a whole JSONL document, one article per non-blank line.
pub fn read_jsonl(src: &Source, text: &str) -> Vec<Result<Article, IngestError>> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| read_json_line(src, l, i + 1))
        .collect()
}

fn record_path(src: &Source, index: Option<usize>) -> String {
    match index {
        Some(i) => format!("{} (article {i})", src.path),
        None => src.path.clone(),
    }
}

fn from_value(
    src: &Source,
    value: &Value,
    format: Format,
    index: Option<usize>,
) -> Result<Article, String> {
    let map = value
        .as_object()
        .ok_or_else(|| "not a JSON object".to_string())?;
    let text = first_string(map, TEXT_FIELDS)
        .ok_or_else(|| format!("no text field (one of {})", TEXT_FIELDS.join(", ")))?;
    let text = text.replace("\r\n", "\n").replace('\u{a0}', " ");
    if text.trim().is_empty() {
        return Err("the text is empty".into());
    }
    let title = first_string(map, TITLE_FIELDS).unwrap_or_default();
    let mut art = new_article(src, format, title.trim().to_string(), text);
    match map.get("id") {
        Some(Value::String(s)) if !s.is_empty() => art.id = s.clone(),
        Some(Value::Number(n)) => art.id = n.to_string(),
        _ => {
            if let Some(i) = index {
                art.id = format!("{}#{i}", src.file_name);
            }
        }
    }
    if let Some(date) = first_string(map, DATE_FIELDS) {
        let d = parse_date(&date).map_err(|reason| format!("invalid date {date:?}: {reason}"))?;
        art.set_published(Some(d), DateSource::JsonField);
    }
    Ok(art)
}

fn first_string(map: &Map<String, Value>, fields: &[&str]) -> Option<String> {
    fields
        .iter()
        .find_map(|f| map.get(*f).and_then(Value::as_str))
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn object_array_and_fields() {
        let src = Source::new("a.json");
        let one = read_json(
            &src,
            r#"{"id": "x1", "headline": "T", "body": "Moscow denied it.", "publishedAt": "2021-12-07T10:00:00Z"}"#,
        );
        let a = one[0].as_ref().unwrap();
        assert_eq!(a.id, "x1");
        assert_eq!(a.title, "T");
        assert_eq!(a.text, "Moscow denied it.");
        assert_eq!(a.published, NaiveDate::from_ymd_opt(2021, 12, 7));
        assert_eq!(a.published_source, DateSource::JsonField);
        let many = read_json(
            &src,
            r#"[{"text": "One."}, {"content": "Two."}, {"title": "no text"}]"#,
        );
        assert_eq!(many.len(), 3);
        assert_eq!(many[1].as_ref().unwrap().id, "a.json#2");
        let err = many[2].as_ref().unwrap_err().to_string();
        assert!(
            err.contains("a.json (article 3)") && err.contains("no text field"),
            "{err}"
        );
    }

    #[test]
    fn jsonl_lines_fail_alone() {
        let src = Source::new("b.jsonl");
        let out = read_jsonl(
            &src,
            "{\"text\": \"A.\"}\nnot json\n\n{\"text\": \"B.\", \"date\": \"2021-13-45\"}\n{\"text\": \"C.\"}\n",
        );
        assert_eq!(out.len(), 4);
        assert!(out[0].is_ok() && out[3].is_ok());
        assert!(
            out[1]
                .as_ref()
                .unwrap_err()
                .to_string()
                .contains("b.jsonl: line 2")
        );
        let e = out[2].as_ref().unwrap_err().to_string();
        assert!(e.contains("line 4") && e.contains("2021-13-45"), "{e}");
    }

    #[test]
    fn bad_json_names_the_file() {
        let out = read_json(&Source::new("c.json"), "{oops");
        assert!(
            out[0]
                .as_ref()
                .unwrap_err()
                .to_string()
                .starts_with("c.json: invalid JSON")
        );
    }
}
