//! HTML pages: the main text by the Readability algorithm (`dom_smoothie`),
//! the title, and the publication date from `<meta>` tags, JSON-LD or
//! `<time datetime>`. Navigation, scripts, comment forms and debris are left out.

use super::article::{Article, DateSource, Format};
use super::dates::parse_date;
use super::debris::is_debris_line;
use super::error::IngestError;
use super::{Source, new_article};
use dom_query::Document;

/// `<meta>` attributes that carry a publication date, most specific first.
const DATE_META: &[&str] = &[
    "meta[property='article:published_time']",
    "meta[name='article:published_time']",
    "meta[itemprop='datePublished']",
    "meta[name='pubdate']",
    "meta[name='publishdate']",
    "meta[name='date']",
    "meta[name='DC.date.issued']",
    "meta[name='dc.date']",
    "meta[property='og:published_time']",
];

/// Below this many bytes of main text, Readability has probably picked a
/// menu or a teaser, and the plain visible-text fallback is used instead.
const MIN_READABLE: usize = 100;

/// Reads an HTML article from decoded text.
pub fn read(src: &Source, html: &str) -> Result<Article, IngestError> {
    let doc = Document::from(html);
    let (meta_date, meta_warning) = meta_date(&doc);
    // picture captions and credits ("Soldiers in Donbas. Photo: Reuters")
    // are not the article's prose
    doc.select("figcaption").remove();
    let cfg = dom_smoothie::Config {
        text_mode: dom_smoothie::TextMode::Formatted,
        ..Default::default()
    };
    let readable = dom_smoothie::Readability::with_document(doc.clone(), None, Some(cfg))
        .ok()
        .and_then(|mut r| r.parse().ok());
    let (title, raw_text, ld_date) = match readable {
        Some(a) => (a.title, a.text_content.to_string(), a.published_time),
        None => (String::new(), String::new(), None),
    };
    let raw_text = if raw_text.trim().len() < MIN_READABLE {
        fallback_text(&doc)
    } else {
        raw_text
    };
    let title = if title.trim().is_empty() {
        doc.select("title").text().trim().to_string()
    } else {
        title.trim().to_string()
    };
    let (text, dropped) = clean_lines(&raw_text);
    if text.trim().is_empty() {
        return Err(IngestError::NoText {
            path: src.path.clone(),
        });
    }
    let mut art = new_article(src, Format::Html, title, text);
    let date = meta_date.or_else(|| ld_date.as_deref().and_then(|d| parse_date(d).ok()));
    if let Some(d) = date {
        art.set_published(Some(d), DateSource::HtmlMeta);
    }
    if let Some(w) = meta_warning {
        art.warnings.push(w);
    }
    if dropped > 0 {
        art.warnings
            .push(format!("{dropped} line(s) of web debris left out"));
    }
    Ok(art)
}

/// The first readable publication date in the page's metadata, and a warning
/// for a date that is there but unreadable.
fn meta_date(doc: &Document) -> (Option<chrono::NaiveDate>, Option<String>) {
    let mut warning = None;
    let candidates = DATE_META
        .iter()
        .filter_map(|sel| doc.select(sel).attr("content"))
        .chain(doc.select("time[datetime]").attr("datetime"));
    for value in candidates {
        match parse_date(&value) {
            Ok(d) => return (Some(d), None),
            Err(reason) => {
                warning.get_or_insert_with(|| {
                    format!(
                        "unreadable publication date {:?} ({reason})",
                        value.to_string()
                    )
                });
            }
        }
    }
    (None, warning)
}

/// Visible text of a page that Readability could not make sense of:
/// paragraphs and headings outside navigation, headers, footers and forms.
fn fallback_text(doc: &Document) -> String {
    doc.select("script, style, noscript, nav, header, footer, aside, form, iframe, svg")
        .remove();
    let mut out = String::new();
    for node in doc.select("h1, h2, h3, p, li, blockquote, pre").iter() {
        let t = node.text();
        let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
        if !t.is_empty() {
            out.push_str(&t);
            out.push_str("\n\n");
        }
    }
    if out.trim().is_empty() {
        out = doc.select("body").text().to_string();
    }
    out
}

/// Normalises white space (CRLF, non-breaking spaces, runs of blanks), keeps
/// paragraphs apart with a blank line, and drops debris lines.
fn clean_lines(raw: &str) -> (String, usize) {
    let mut out = String::with_capacity(raw.len());
    let mut dropped = 0;
    for line in raw.lines() {
        let line = line.replace('\u{a0}', " ");
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if line.is_empty() {
            continue;
        }
        if is_debris_line(&line) {
            dropped += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&line);
    }
    (out, dropped)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    const PAGE: &str = r#"<!doctype html><html><head>
<title>Biden warns Putin | World News</title>
<meta property="article:published_time" content="2021-12-07T18:30:00Z">
<script>var x = "Leave a Reply";</script></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Biden warns Putin of sanctions</h1>
<p>U.S. President Joe Biden warned Russian President Vladimir Putin on Tuesday of strong economic sanctions if Russia invades Ukraine, during a two-hour video call between the two leaders.</p>
<p>Putin, for his part, demanded guarantees that NATO would not expand further east, the Kremlin said in a statement after the talks ended late in the evening.</p>
<p>The White House said the leaders agreed that their teams would follow up, and that Washington had coordinated closely with European allies before the call.</p>
<p>Russia has massed about 100,000 troops near the border, according to Ukrainian officials, and Moscow denies it plans an invasion.</p>
</article>
<div class="comments"><h3>Leave a Reply</h3><form><p>Your email address will not be published.</p><textarea></textarea></form></div>
<footer>Copyright © 2021 News Corp. All rights reserved.</footer></body></html>"#;

    #[test]
    fn main_text_title_and_meta_date() {
        let a = read(&Source::new("page.html"), PAGE).unwrap();
        assert_eq!(a.published, NaiveDate::from_ymd_opt(2021, 12, 7));
        assert_eq!(a.published_source, DateSource::HtmlMeta);
        assert!(a.title.contains("Biden warns Putin"), "{}", a.title);
        assert!(a.text.contains("two-hour video call"), "{}", a.text);
        assert!(a.text.contains("massed about 100,000 troops"));
        assert!(!a.text.contains("Leave a Reply"), "{}", a.text);
        assert!(!a.text.contains("Your email address"));
        assert!(!a.text.contains("var x"));
        assert!(!a.text.contains("Home"));
        assert!(a.text.contains("\n\n"), "paragraphs stay apart");
    }

    #[test]
    fn picture_captions_are_left_out() {
        let page = "<html><body><article><p>Russia has moved about 90,000 troops to areas \
                    near its border with Ukraine, Ukrainian officials said on Thursday, as \
                    diplomats prepared for talks.</p><figure><img src=\"a.jpg\"><figcaption>\
                    Ukrainian soldiers in Donbas. Photo: Reuters</figcaption></figure><p>The \
                    Kremlin denied it plans to invade and said the troops were on exercises \
                    inside Russian territory.</p></article></body></html>";
        let a = read(&Source::new("x.html"), page).unwrap();
        assert!(a.text.contains("90,000 troops"), "{}", a.text);
        assert!(a.text.contains("The Kremlin denied"), "{}", a.text);
        assert!(!a.text.contains("Photo: Reuters"), "{}", a.text);
    }

    #[test]
    fn time_element_gives_date() {
        let page = "<html><body><article><time datetime=\"2022-02-24\">Feb 24</time><p>Russian forces crossed into Ukraine before dawn, and explosions were heard in Kyiv and Kharkiv as the invasion began in earnest across the north and east.</p></article></body></html>";
        let a = read(&Source::new("x.html"), page).unwrap();
        assert_eq!(a.published, NaiveDate::from_ymd_opt(2022, 2, 24));
    }

    #[test]
    fn page_without_text_is_an_error() {
        let err = read(
            &Source::new("empty.html"),
            "<html><body><nav>Home</nav></body></html>",
        )
        .unwrap_err();
        assert!(err.to_string().contains("empty.html"));
    }
}
