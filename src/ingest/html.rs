//! HTML pages: the main text by the Readability algorithm (`dom_smoothie`),
//! the title, and the publication date from `<meta>` tags, JSON-LD or
//! `<time datetime>`. Navigation, scripts, comment forms and debris are left out.
//!
//! Building a DOM and running Readability take time that grows with the
//! square of the nesting depth, so a linear pre-scan of the tags
//! ([`scan`], html5ever's tokenizer without a tree) comes first: a page nested
//! deeper than [`MAX_DEPTH`] or larger than [`MAX_DOM_BYTES`] is read by a
//! linear visible-text path instead (the text outside scripts, navigation and
//! forms, one paragraph per block element), with its title and dates from the
//! same scan.

use super::article::{Article, DateSource, Format};
use super::dates::parse_date;
use super::debris::is_debris_line;
use super::error::IngestError;
use super::{Source, new_article};
use dom_query::Document;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use std::cell::RefCell;

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

/// Nesting depth of elements beyond which no DOM is built (news pages nest
/// a few dozen levels; building and reading the DOM is quadratic in depth).
pub const MAX_DEPTH: usize = 256;

/// Size of a page beyond which no DOM is built and Readability does not run.
pub const MAX_DOM_BYTES: usize = 8 << 20;

/// Reads an HTML article from decoded text.
pub fn read(src: &Source, html: &str) -> Result<Article, IngestError> {
    if html.len() > MAX_DOM_BYTES || scan_with(html, false).max_depth > MAX_DEPTH {
        return read_scanned(src, scan(html));
    }
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
    let date = meta_date.or_else(|| ld_date.as_deref().and_then(|d| parse_date(d).ok()));
    finish(src, title, &raw_text, date, meta_warning)
}

/// The article from its title, raw text and date: white space cleaned,
/// debris lines dropped (with a warning saying how many).
fn finish(
    src: &Source,
    title: String,
    raw_text: &str,
    date: Option<chrono::NaiveDate>,
    date_warning: Option<String>,
) -> Result<Article, IngestError> {
    let (text, dropped) = clean_lines(raw_text);
    if text.trim().is_empty() {
        return Err(IngestError::NoText {
            path: src.path.clone(),
        });
    }
    let mut art = new_article(src, Format::Html, title, text);
    if let Some(d) = date {
        art.set_published(Some(d), DateSource::HtmlMeta);
    }
    if let Some(w) = date_warning {
        art.warnings.push(w);
    }
    if dropped > 0 {
        art.warnings
            .push(format!("{dropped} line(s) of web debris left out"));
    }
    Ok(art)
}

/// The article of a page too deep or too large for a DOM, from its scan.
fn read_scanned(src: &Source, scanned: Scan) -> Result<Article, IngestError> {
    let (date, warning) = first_date(scanned.dates.into_iter());
    let mut art = finish(
        src,
        scanned.title.trim().to_string(),
        &scanned.text,
        date,
        warning,
    )?;
    art.warnings.push(format!(
        "page nested {} levels deep or larger than {} MB: read as visible text, without Readability",
        scanned.max_depth,
        MAX_DOM_BYTES >> 20
    ));
    Ok(art)
}

/// What one linear pass of the tokenizer finds in a page.
#[derive(Debug, Default)]
pub struct Scan {
    /// The deepest nesting of elements that must be closed (void elements
    /// and those whose end tag may be left out are not counted).
    pub max_depth: usize,
    /// The visible text: outside scripts, styles, navigation, headers,
    /// footers, forms and captions, a line break at every block element.
    pub text: String,
    /// The content of the first `<title>`.
    pub title: String,
    /// Candidate publication dates, most specific first (the order of the
    /// `<meta>` selectors, then `<time datetime>`).
    pub dates: Vec<String>,
}

/// Elements with no content.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen",
];
/// Elements whose end tag may be left out: not counted in the depth.
const OPTIONAL_END: &[&str] = &[
    "html", "head", "body", "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead",
    "tbody", "tfoot", "colgroup", "caption", "rb", "rt", "rtc", "rp",
];
/// Elements whose content is not the article's visible text.
const HIDDEN: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "head",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "iframe",
    "svg",
    "figcaption",
    "textarea",
    "select",
    "button",
];
/// Elements that start a new line of text.
const BLOCK: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "td",
    "th",
    "blockquote",
    "pre",
    "article",
    "section",
    "main",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "table",
    "figure",
    "hr",
];

/// The tokenizer's sink for [`scan`].
#[derive(Default)]
struct ScanSink {
    state: RefCell<ScanState>,
    /// Whether text, title and dates are collected (else only the depth).
    collect: bool,
}

#[derive(Default)]
struct ScanState {
    scan: Scan,
    depth: usize,
    hidden: usize,
    in_title: bool,
    title_done: bool,
    /// Dates found, with the rank of their source (index in [`DATE_META`],
    /// or its length for `<time>`), ordered by rank when the scan ends.
    dates: Vec<(usize, String)>,
}

impl TokenSink for ScanSink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut st = self.state.borrow_mut();
        match token {
            Token::TagToken(tag) => {
                let name: &str = &tag.name;
                let start = tag.kind == TagKind::StartTag;
                if !self.collect {
                    if !tag.self_closing && !VOID.contains(&name) && !OPTIONAL_END.contains(&name) {
                        if start {
                            st.depth += 1;
                            st.scan.max_depth = st.scan.max_depth.max(st.depth);
                        } else {
                            st.depth = st.depth.saturating_sub(1);
                        }
                    }
                    return raw_kind(name, start)
                        .map_or(TokenSinkResult::Continue, TokenSinkResult::RawData);
                }
                if BLOCK.contains(&name) && st.hidden == 0 {
                    st.scan.text.push('\n');
                }
                if name == "title" {
                    st.in_title = start && !st.title_done;
                    st.title_done |= !start;
                }
                if start {
                    let attr = |n: &str| {
                        tag.attrs
                            .iter()
                            .find(|a| &*a.name.local == n)
                            .map(|a| a.value.to_string())
                    };
                    if name == "meta"
                        && let Some(content) = attr("content")
                        && let Some(rank) =
                            meta_rank(&attr("property"), &attr("name"), &attr("itemprop"))
                    {
                        st.dates.push((rank, content));
                    } else if name == "time"
                        && let Some(dt) = attr("datetime")
                    {
                        st.dates.push((DATE_META.len(), dt));
                    }
                }
                if tag.self_closing || VOID.contains(&name) {
                    return TokenSinkResult::Continue;
                }
                if !OPTIONAL_END.contains(&name) {
                    if start {
                        st.depth += 1;
                        st.scan.max_depth = st.scan.max_depth.max(st.depth);
                    } else {
                        st.depth = st.depth.saturating_sub(1);
                    }
                }
                if HIDDEN.contains(&name) {
                    if start {
                        st.hidden += 1;
                    } else {
                        st.hidden = st.hidden.saturating_sub(1);
                    }
                }
                if let Some(kind) = raw_kind(name, start) {
                    return TokenSinkResult::RawData(kind);
                }
            }
            Token::CharacterTokens(t) if self.collect => {
                if st.in_title {
                    st.scan.title.push_str(&t);
                } else if st.hidden == 0 {
                    st.scan.text.push_str(&t);
                }
            }
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

/// The tokenizer state for the content of a start tag whose content is
/// text, not markup (a script, a style, a title).
fn raw_kind(name: &str, start: bool) -> Option<RawKind> {
    if !start {
        return None;
    }
    match name {
        "script" => Some(RawKind::ScriptData),
        "style" | "xmp" | "iframe" | "noembed" | "noframes" => Some(RawKind::Rawtext),
        "title" | "textarea" => Some(RawKind::Rcdata),
        _ => None,
    }
}

/// The rank of a `<meta>` tag's date among [`DATE_META`], if it is one.
fn meta_rank(
    property: &Option<String>,
    name: &Option<String>,
    itemprop: &Option<String>,
) -> Option<usize> {
    DATE_META.iter().position(|sel| {
        let (attr, value) = sel
            .trim_start_matches("meta[")
            .trim_end_matches("']")
            .split_once("='")
            .unwrap_or_default();
        let have = match attr {
            "property" => property,
            "name" => name,
            _ => itemprop,
        };
        have.as_deref() == Some(value)
    })
}

/// One linear pass over a page: nesting depth, visible text, title and
/// date candidates. Time and memory are linear in the page's length.
pub fn scan(html: &str) -> Scan {
    scan_with(html, true)
}

/// [`scan`], collecting text, title and dates only when `collect` is set.
fn scan_with(html: &str, collect: bool) -> Scan {
    let sink = ScanSink {
        collect,
        ..ScanSink::default()
    };
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    let mut st = tokenizer.sink.state.take();
    st.dates.sort_by_key(|(rank, _)| *rank);
    st.scan.dates = st.dates.into_iter().map(|(_, d)| d).collect();
    st.scan
}

/// The first readable date among `candidates`, and a warning for the first
/// unreadable one when none is readable.
fn first_date(
    candidates: impl Iterator<Item = String>,
) -> (Option<chrono::NaiveDate>, Option<String>) {
    let mut warning = None;
    for value in candidates {
        match parse_date(&value) {
            Ok(d) => return (Some(d), None),
            Err(reason) => {
                warning.get_or_insert_with(|| {
                    format!("unreadable publication date {value:?} ({reason})")
                });
            }
        }
    }
    (None, warning)
}

/// The first readable publication date in the page's metadata, and a warning
/// for a date that is there but unreadable.
fn meta_date(doc: &Document) -> (Option<chrono::NaiveDate>, Option<String>) {
    let candidates = DATE_META
        .iter()
        .filter_map(|sel| doc.select(sel).attr("content"))
        .chain(doc.select("time[datetime]").attr("datetime"))
        .map(|v| v.to_string());
    first_date(candidates)
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
    fn a_deep_page_is_read_as_visible_text_with_its_title_and_date() {
        let n = MAX_DEPTH + 10;
        let page = format!(
            "<html><head><title>Deep &amp; dark</title>\
             <meta property=\"article:published_time\" content=\"2021-12-07\">\
             <script>var a = '<div>';</script></head><body><nav>Home</nav>{}\
             <p>Russia &amp; Belarus held drills on Tuesday.</p>{}</body></html>",
            "<div>".repeat(n),
            "</div>".repeat(n)
        );
        let a = read(&Source::new("deep.html"), &page).unwrap();
        assert_eq!(a.text, "Russia & Belarus held drills on Tuesday.");
        assert_eq!(a.title, "Deep & dark");
        assert_eq!(a.published, NaiveDate::from_ymd_opt(2021, 12, 7));
        assert!(
            a.warnings.iter().any(|w| w.contains("as visible text")),
            "{:?}",
            a.warnings
        );
    }

    #[test]
    fn the_scan_sees_a_normal_page_as_shallow() {
        let s = scan(PAGE);
        assert!(s.max_depth < 10, "{}", s.max_depth);
        assert!(s.max_depth <= MAX_DEPTH);
        assert!(s.text.contains("two-hour video call"), "{}", s.text);
        assert!(!s.text.contains("var x") && !s.text.contains("Home"));
        assert_eq!(s.title, "Biden warns Putin | World News");
        assert_eq!(s.dates, vec!["2021-12-07T18:30:00Z".to_string()]);
        // unclosed paragraphs and list items do not count as nesting
        let sloppy = format!("<body>{}</body>", "<p>a<li>b<br>".repeat(1000));
        assert!(scan(&sloppy).max_depth < 5);
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
