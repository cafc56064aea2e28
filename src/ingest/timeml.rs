//! Minimal TimeML reader and writer (TempEval-3 style `.tml` files).
//!
//! Only what the temporal tagger evaluation needs is read: the document id,
//! the document creation time (DCT), the title, the raw `<TEXT>` content
//! (tags removed, entities decoded) and the `TIMEX3` elements inside it.
//!
//! Hostile input stays cheap: only the five XML entities and numeric
//! character references are decoded (a DTD, its entities and external
//! entities are never read, so nothing expands), and a `TIMEX3` nested in
//! another is not read, so time and memory are linear in the file's length.

use std::fmt::Write as _;
use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use crate::nlp::temporal::Timex;

/// One gold-standard `TIMEX3` found inside `<TEXT>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldTimex {
    /// Start byte offset in [`TimemlDoc::text`].
    pub start: usize,
    /// End byte offset (exclusive) in [`TimemlDoc::text`].
    pub end: usize,
    /// Covered text.
    pub text: String,
    /// The `type` attribute (DATE, TIME, DURATION, SET).
    pub ttype: String,
    /// The `value` attribute.
    pub value: String,
}

/// A parsed TimeML document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TimemlDoc {
    /// Content of `<DOCID>`, if any.
    pub docid: Option<String>,
    /// Document creation date (first ten characters of the DCT value).
    pub dct: Option<NaiveDate>,
    /// Text of the DCT element, if any.
    pub dct_text: Option<String>,
    /// Content of `<TITLE>`, if any.
    pub title: Option<String>,
    /// Content of `<TEXT>` with all tags removed and entities decoded.
    pub text: String,
    /// Non-empty `TIMEX3` elements inside `<TEXT>`, in document order.
    pub timexes: Vec<GoldTimex>,
}

static ATTR_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"([A-Za-z_:]+)\s*=\s*"([^"]*)""#).expect("valid regex"));

/// Return the value of attribute `name` in the tag source `tag`.
fn attr(tag: &str, name: &str) -> Option<String> {
    ATTR_RE
        .captures_iter(tag)
        .find(|c| &c[1] == name)
        .map(|c| decode_entities(&c[2]))
}

/// Content between `<name ...>` and `</name>` (raw, undecoded), if present.
fn element<'a>(src: &'a str, name: &str) -> Option<(&'a str, &'a str)> {
    let open = format!("<{name}");
    let mut from = 0;
    while let Some(pos) = src[from..].find(&open) {
        let start = from + pos;
        let after = src[start + open.len()..].chars().next();
        if matches!(after, Some('>' | ' ' | '\t' | '\n' | '\r' | '/')) {
            let gt = start + src[start..].find('>')?;
            let close = format!("</{name}>");
            let end = gt + src[gt..].find(&close)?;
            return Some((&src[start..=gt], &src[gt + 1..end]));
        }
        from = start + open.len();
    }
    None
}

/// Decode the XML entities `&amp; &lt; &gt; &quot; &apos; &#NN; &#xNN;`.
pub fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        match decode_one(rest) {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Decode one entity at the start of `s`; returns the character and the entity length.
fn decode_one(s: &str) -> Option<(char, usize)> {
    let semi = crate::slice::head(s, 12).find(';')?;
    let name = &s[1..semi];
    let c = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        _ => {
            let num = name.strip_prefix('#')?;
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse().ok()?,
            };
            char::from_u32(code)?
        }
    };
    Some((c, semi + 1))
}

/// Escape `&`, `<` and `>` for XML text content.
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(c),
        }
    }
    out
}

/// Escape a string for use inside a double-quoted XML attribute.
fn escape_attr(s: &str) -> String {
    escape_text(s).replace('"', "&quot;")
}

/// Parse the content of a `.tml` file.
pub fn read_timeml(src: &str) -> TimemlDoc {
    let docid = element(src, "DOCID").map(|(_, c)| decode_entities(c.trim()));
    let title = element(src, "TITLE").map(|(_, c)| decode_entities(&strip_tags(c)));
    let (dct, dct_text) = match element(src, "DCT").and_then(|(_, c)| element(c, "TIMEX3")) {
        Some((tag, content)) => {
            let date = attr(tag, "value").and_then(|v| {
                v.get(..10)
                    .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            });
            (date, Some(decode_entities(content)))
        }
        None => (None, None),
    };
    let (text, timexes) = match element(src, "TEXT") {
        Some((_, body)) => parse_text(body),
        None => (String::new(), Vec::new()),
    };
    TimemlDoc {
        docid,
        dct,
        dct_text,
        title,
        text,
        timexes,
    }
}

/// Remove all tags from `s` (entities are left alone).
fn strip_tags(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// Strip tags from the TEXT body, collecting TIMEX3 spans in the output text.
fn parse_text(body: &str) -> (String, Vec<GoldTimex>) {
    let mut text = String::with_capacity(body.len());
    let mut timexes = Vec::new();
    // the open TIMEX3 elements: the outermost with its start and attributes
    let mut open: Vec<Option<(usize, String, String)>> = Vec::new();
    let mut rest = body;
    while !rest.is_empty() {
        let next = rest.find(['<', '&']).unwrap_or(rest.len());
        text.push_str(&rest[..next]);
        rest = &rest[next..];
        if rest.starts_with('&') {
            match decode_one(rest) {
                Some((c, len)) => {
                    text.push(c);
                    rest = &rest[len..];
                }
                None => {
                    text.push('&');
                    rest = &rest[1..];
                }
            }
        } else if rest.starts_with('<') {
            let Some(gt) = rest.find('>') else {
                text.push_str(rest);
                break;
            };
            let tag = &rest[..=gt];
            if tag.starts_with("<TIMEX3") && !tag.ends_with("/>") {
                // TIMEX3 elements do not nest: one inside another is not
                // read (its text would copy its parent's, quadratic in depth)
                let outer = open.is_empty().then(|| {
                    (
                        text.len(),
                        attr(tag, "type").unwrap_or_default(),
                        attr(tag, "value").unwrap_or_default(),
                    )
                });
                open.push(outer);
            } else if tag.starts_with("</TIMEX3")
                && let Some(Some((start, ttype, value))) = open.pop()
                && start < text.len()
            {
                timexes.push(GoldTimex {
                    start,
                    end: text.len(),
                    text: text[start..].to_string(),
                    ttype,
                    value,
                });
            }
            rest = &rest[gt + 1..];
        }
    }
    timexes.sort_by_key(|t| (t.start, t.end));
    (text, timexes)
}

/// Write a TempEval-3 style TimeML document with `timexes` tagged in `text`.
///
/// Overlapping timexes are skipped (a later one that starts inside an earlier one).
pub fn write_timeml(
    docid: Option<&str>,
    dct: Option<NaiveDate>,
    title: Option<&str>,
    text: &str,
    timexes: &[Timex],
) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" ?>\n<TimeML xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:noNamespaceSchemaLocation=\"http://timeml.org/timeMLdocs/TimeML_1.2.1.xsd\">\n\n",
    );
    if let Some(id) = docid {
        let _ = writeln!(out, "<DOCID>{}</DOCID>\n", escape_text(id));
    }
    if let Some(d) = dct {
        let v = d.format("%Y-%m-%d");
        let _ = writeln!(
            out,
            "<DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"{v}\" temporalFunction=\"false\" functionInDocument=\"CREATION_TIME\">{v}</TIMEX3></DCT>\n"
        );
    }
    if let Some(t) = title {
        let _ = writeln!(out, "<TITLE>{}</TITLE>\n", escape_text(t));
    }
    out.push_str("<TEXT>");
    let mut sorted: Vec<&Timex> = timexes.iter().collect();
    sorted.sort_by_key(|t| t.span);
    let mut pos = 0;
    for (n, t) in sorted.into_iter().enumerate() {
        let (s, e) = t.span;
        if s < pos || e > text.len() || s >= e {
            continue;
        }
        out.push_str(&escape_text(&text[pos..s]));
        let _ = write!(
            out,
            "<TIMEX3 tid=\"t{}\" type=\"{}\" value=\"{}\">{}</TIMEX3>",
            n + 1,
            t.ttype.as_str(),
            escape_attr(&t.value),
            escape_text(&text[s..e])
        );
        pos = e;
    }
    out.push_str(&escape_text(&text[pos..]));
    out.push_str("</TEXT>\n\n</TimeML>\n");
    out
}

/// Reads a TimeML document as an article: its TEXT (tags removed, entities
/// decoded) is the text, the DCT its publication date, TITLE or DOCID its title.
pub fn read_article(
    src: &super::Source,
    content: &str,
) -> Result<super::Article, super::IngestError> {
    if !content.contains("<TEXT") {
        return Err(super::IngestError::Timeml {
            path: src.path.clone(),
            reason: "no <TEXT> element".into(),
        });
    }
    let doc = read_timeml(content);
    if doc.text.trim().is_empty() {
        return Err(super::IngestError::Empty {
            path: src.path.clone(),
        });
    }
    let title = doc
        .title
        .clone()
        .or_else(|| doc.docid.clone())
        .unwrap_or_default();
    let mut art = super::new_article(
        src,
        super::Format::Timeml,
        title.trim().to_string(),
        doc.text,
    );
    if let Some(id) = doc.docid.filter(|d| !d.trim().is_empty()) {
        art.id = id.trim().to_string();
    }
    if doc.dct.is_some() {
        art.set_published(doc.dct, super::DateSource::TimemlDct);
    }
    Ok(art)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nlp::temporal::{Precision, Resolution, TimexType};

    const DOC: &str = r#"<?xml version="1.0" ?>
<TimeML>
<DOCID>X1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" temporalFunction="false" functionInDocument="CREATION_TIME">19980108</TIMEX3></DCT>
<TITLE>A &amp; B</TITLE>
<TEXT>
It fell <EVENT eid="e1">sharply</EVENT> &amp; rose <TIMEX3 tid="t1" type="DATE" value="1998-01-07">yesterday</TIMEX3> &lt;ok&gt; &#233;t&#xE9; <TIMEX3 tid="t2" type="DURATION" value="P1W">a week</TIMEX3>.
</TEXT>
</TimeML>"#;

    #[test]
    fn reads_document() {
        let d = read_timeml(DOC);
        assert_eq!(d.docid.as_deref(), Some("X1"));
        assert_eq!(d.dct, NaiveDate::from_ymd_opt(1998, 1, 8));
        assert_eq!(d.dct_text.as_deref(), Some("19980108"));
        assert_eq!(d.title.as_deref(), Some("A & B"));
        assert_eq!(
            d.text,
            "\nIt fell sharply & rose yesterday <ok> été a week.\n"
        );
        assert_eq!(d.timexes.len(), 2);
        let t = &d.timexes[0];
        assert_eq!(&d.text[t.start..t.end], "yesterday");
        assert_eq!((t.ttype.as_str(), t.value.as_str()), ("DATE", "1998-01-07"));
        let t = &d.timexes[1];
        assert_eq!(&d.text[t.start..t.end], "a week");
    }

    #[test]
    fn decodes_entities() {
        assert_eq!(
            decode_entities("a&amp;b&quot;&apos;&#65;&bogus;&"),
            "a&b\"'A&bogus;&"
        );
    }

    #[test]
    fn round_trip() {
        let text = "Prices <rose> & fell yesterday, then a week later.";
        let mk = |s: usize, e: usize, ttype, value: &str| Timex {
            span: (s, e),
            text: text[s..e].to_string(),
            ttype,
            value: value.into(),
            precision: Precision::Day,
            resolution: Resolution::RelativeToDct,
            modifier: None,
            anchor: None,
        };
        let y = text.find("yesterday").unwrap();
        let w = text.find("a week").unwrap();
        let tx = vec![
            mk(y, y + 9, TimexType::Date, "2021-12-06"),
            mk(w, w + 6, TimexType::Duration, "P1W"),
        ];
        let dct = NaiveDate::from_ymd_opt(2021, 12, 7);
        let xml = write_timeml(Some("d"), dct, Some("T"), text, &tx);
        let d = read_timeml(&xml);
        assert_eq!(d.text, text);
        assert_eq!(d.dct, dct);
        assert_eq!(d.timexes.len(), 2);
        for (g, s) in d.timexes.iter().zip(&tx) {
            assert_eq!((g.start, g.end), s.span);
            assert_eq!(g.text, s.text);
            assert_eq!(g.ttype, s.ttype.as_str());
            assert_eq!(g.value, s.value);
        }
    }
}
