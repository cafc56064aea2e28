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
///
/// The document is parsed into records that keep only the fields read here
/// (title, text, date and id), so that an array of a million tiny articles
/// costs the articles and not a full JSON tree; serde_json's recursion
/// limit stays on, so deep nesting is an error, not a stack overflow.
pub fn read_json(src: &Source, text: &str) -> Vec<Result<Article, IngestError>> {
    let top: Top = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            return vec![Err(IngestError::Json {
                path: src.path.clone(),
                reason: e.to_string(),
            })];
        }
    };
    let records = match top {
        Top::Many(records) => records,
        Top::One(record) => vec![record],
        Top::Other => Vec::new(),
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
            let value = match rec {
                Record::Object(fields) => Value::Object(fields.into_iter().collect()),
                Record::Other => Value::Null,
            };
            from_value(src, value, Format::Json, index).map_err(|reason| IngestError::Json {
                path: record_path(src, index),
                reason,
            })
        })
        .collect()
}

/// Whether a field of an article object is one this reader looks at.
fn is_read_field(key: &str) -> bool {
    key == "id"
        || TEXT_FIELDS.contains(&key)
        || TITLE_FIELDS.contains(&key)
        || DATE_FIELDS.contains(&key)
}

/// A JSON document as this reader sees it: an array of records, an object
/// with an `articles` array, one record, or anything else (no article).
enum Top {
    Many(Vec<Record>),
    One(Record),
    Other,
}

/// One element of an article array: an object with the fields read here
/// (the last of duplicate keys wins, as in a JSON map), or not an object.
enum Record {
    Object(Vec<(String, Value)>),
    Other,
}

/// The fields of an object that are read here, in order.
type Fields = Vec<(String, Value)>;

/// Deserializes an object's fields: those read here kept, the others
/// skipped; `articles` kept apart when it is an array of records.
fn object_fields<'de, A: serde::de::MapAccess<'de>>(
    mut map: A,
    with_articles: bool,
) -> Result<(Fields, Option<Vec<Record>>), A::Error> {
    let mut fields: Vec<(String, Value)> = Vec::new();
    let mut articles = None;
    while let Some(key) = map.next_key::<String>()? {
        if with_articles && key == "articles" {
            articles = map.next_value::<Articles>()?.0;
        } else if is_read_field(&key) {
            let value: Value = map.next_value()?;
            fields.retain(|(k, _)| *k != key);
            fields.push((key, value));
        } else {
            map.next_value::<serde::de::IgnoredAny>()?;
        }
    }
    Ok((fields, articles))
}

impl<'de> serde::Deserialize<'de> for Record {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Record;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an article object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Record, A::Error> {
                Ok(Record::Object(object_fields(map, false)?.0))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Record, A::Error> {
                while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
                Ok(Record::Other)
            }
            fn visit_bool<E>(self, _: bool) -> Result<Record, E> {
                Ok(Record::Other)
            }
            fn visit_i64<E>(self, _: i64) -> Result<Record, E> {
                Ok(Record::Other)
            }
            fn visit_u64<E>(self, _: u64) -> Result<Record, E> {
                Ok(Record::Other)
            }
            fn visit_f64<E>(self, _: f64) -> Result<Record, E> {
                Ok(Record::Other)
            }
            fn visit_str<E>(self, _: &str) -> Result<Record, E> {
                Ok(Record::Other)
            }
            fn visit_unit<E>(self) -> Result<Record, E> {
                Ok(Record::Other)
            }
        }
        d.deserialize_any(V)
    }
}

/// The value of an `articles` field: its records when it is an array.
struct Articles(Option<Vec<Record>>);

impl<'de> serde::Deserialize<'de> for Articles {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match serde::Deserialize::deserialize(d)? {
            Top::Many(records) => Ok(Articles(Some(records))),
            _ => Ok(Articles(None)),
        }
    }
}

impl<'de> serde::Deserialize<'de> for Top {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Top;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("JSON")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Top, A::Error> {
                let mut records = Vec::new();
                while let Some(r) = seq.next_element::<Record>()? {
                    records.push(r);
                }
                Ok(Top::Many(records))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Top, A::Error> {
                Ok(match object_fields(map, true)? {
                    (_, Some(records)) => Top::Many(records),
                    (fields, None) => Top::One(Record::Object(fields)),
                })
            }
            fn visit_bool<E>(self, _: bool) -> Result<Top, E> {
                Ok(Top::Other)
            }
            fn visit_i64<E>(self, _: i64) -> Result<Top, E> {
                Ok(Top::Other)
            }
            fn visit_u64<E>(self, _: u64) -> Result<Top, E> {
                Ok(Top::Other)
            }
            fn visit_f64<E>(self, _: f64) -> Result<Top, E> {
                Ok(Top::Other)
            }
            fn visit_str<E>(self, _: &str) -> Result<Top, E> {
                Ok(Top::Other)
            }
            fn visit_unit<E>(self) -> Result<Top, E> {
                Ok(Top::Other)
            }
        }
        d.deserialize_any(V)
    }
}

/// Reads one line of a JSONL stream (1-based `line`).
pub fn read_json_line(src: &Source, line: &str, line_no: usize) -> Result<Article, IngestError> {
    let err = |reason: String| IngestError::JsonLine {
        path: src.path.clone(),
        line: line_no,
        reason,
    };
    let value: Value = serde_json::from_str(line).map_err(|e| err(format!("invalid JSON: {e}")))?;
    from_value(src, value, Format::Jsonl, Some(line_no)).map_err(err)
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

/// The article of one JSON value; `index` numbers it within its file.
fn from_value(
    src: &Source,
    value: Value,
    format: Format,
    index: Option<usize>,
) -> Result<Article, String> {
    let Value::Object(mut map) = value else {
        return Err("not a JSON object".to_string());
    };
    let mut text = take_string(&mut map, TEXT_FIELDS)
        .ok_or_else(|| format!("no text field (one of {})", TEXT_FIELDS.join(", ")))?;
    if text.contains('\r') {
        text = text.replace("\r\n", "\n");
    }
    if text.contains('\u{a0}') {
        text = text.replace('\u{a0}', " ");
    }
    if text.trim().is_empty() {
        return Err("the text is empty".into());
    }
    let title = take_string(&mut map, TITLE_FIELDS).unwrap_or_default();
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
    if let Some(date) = take_string(&mut map, DATE_FIELDS) {
        let d = parse_date(&date).map_err(|reason| format!("invalid date {date:?}: {reason}"))?;
        art.set_published(Some(d), DateSource::JsonField);
    }
    Ok(art)
}

/// The first of `fields` that holds a string, taken out of `map`.
fn take_string(map: &mut Map<String, Value>, fields: &[&str]) -> Option<String> {
    let key = fields
        .iter()
        .find(|f| map.get(**f).is_some_and(Value::is_string))?;
    match map.remove(*key) {
        Some(Value::String(s)) => Some(s),
        _ => None,
    }
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
