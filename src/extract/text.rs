//! Small text helpers shared by the extraction rules: whole-word checks,
//! words of a span, and the quotation marks of a sentence.

use crate::Span;
use aho_corasick::{AhoCorasick, Anchored, Input, Match};
use std::borrow::Cow;

/// Whether `[s, e)` of `text` is bounded by non-alphanumeric characters.
pub fn is_whole_word(text: &str, s: usize, e: usize) -> bool {
    let before = text[..s].chars().next_back();
    let after = text[e..].chars().next();
    before.is_none_or(|c| !c.is_alphanumeric()) && after.is_none_or(|c| !c.is_alphanumeric())
}

/// The words (runs of letters, digits, apostrophes, dots inside
/// abbreviations and hyphens inside words) of `text[span]`, as spans.
pub fn words(text: &str, span: Span) -> Vec<Span> {
    let slice = &text[span.0..span.1];
    let b = slice.as_bytes();
    // the character at byte `i` and its length (ASCII without decoding)
    let char_at = |i: usize| -> (char, usize) {
        if b[i] < 0x80 {
            (char::from(b[i]), 1)
        } else {
            let c = slice[i..].chars().next().unwrap_or(' ');
            (c, c.len_utf8())
        }
    };
    let mut out = Vec::with_capacity(b.len() / 6 + 1);
    let mut start: Option<usize> = None;
    let mut i = 0;
    while i < b.len() {
        let (c, len) = char_at(i);
        if c.is_alphanumeric() {
            start.get_or_insert(i);
        } else {
            let inner = start.is_some()
                && matches!(c, '\'' | '\u{2019}' | '-' | '.' | ',')
                && i + len < b.len()
                && char_at(i + len).0.is_alphanumeric();
            if !inner && let Some(s) = start.take() {
                out.push((span.0 + s, span.0 + i));
            }
        }
        i += len;
    }
    if let Some(s) = start {
        out.push((span.0 + s, span.1));
    }
    out
}

/// The longest word [`next_word`] looks at: a longer token is cut there.
const WORD_WINDOW: usize = 64;

/// The first white-space separated word of `text[at..]`, looked for in the
/// next few bytes only (a token longer than that is cut), so that asking for
/// the word after every mention costs nothing when the text has no spaces.
pub fn next_word(text: &str, at: usize) -> &str {
    let rest = crate::slice::get(text, (at, text.len()));
    let start = rest.len() - rest.trim_start().len();
    crate::slice::head(&rest[start..], WORD_WINDOW)
        .split_whitespace()
        .next()
        .unwrap_or("")
}

/// The non-overlapping matches of `ac` in `hay` that begin where a word
/// begins (an alphanumeric character not preceded by one), longest first,
/// as a leftmost-longest search would report them. Searching only at word
/// starts, each search anchored there, is several times faster than
/// running the large automata over every byte. `ac` must support anchored
/// searches.
pub fn matches_at_word_starts(ac: &AhoCorasick, hay: &str) -> Vec<Match> {
    let b = hay.as_bytes();
    let mut out = Vec::new();
    let mut next = 0;
    let mut prev_alnum = false;
    let mut i = 0;
    while i < b.len() {
        let (alnum, len) = if b[i] < 0x80 {
            (b[i].is_ascii_alphanumeric(), 1)
        } else {
            let c = hay[i..].chars().next().unwrap_or(' ');
            (c.is_alphanumeric(), c.len_utf8())
        };
        if alnum && !prev_alnum && i >= next {
            let input = Input::new(hay).range(i..).anchored(Anchored::Yes);
            if let Some(m) = ac.find(input) {
                next = m.end();
                out.push(m);
            }
        }
        prev_alnum = alnum;
        i += len;
    }
    out
}

/// The words of a sentence with their lower-case forms, computed once and
/// shared by the trigger and figure finders.
#[derive(Debug, Clone, Default)]
pub struct Words<'a> {
    /// Word spans in the text, in order.
    pub spans: Vec<Span>,
    /// Their lower-case forms (borrowed from the lower-cased text when the
    /// word is ASCII, which is nearly always).
    pub lower: Vec<Cow<'a, str>>,
}

impl<'a> Words<'a> {
    /// The words of `text[span]`; `lower_text` is `text.to_ascii_lowercase()`.
    pub fn of(text: &str, lower_text: &'a str, span: Span) -> Words<'a> {
        let spans = words(text, span);
        let lower = spans
            .iter()
            .map(|&(s, e)| {
                let w = &text[s..e];
                if w.is_ascii() {
                    Cow::Borrowed(&lower_text[s..e])
                } else {
                    Cow::Owned(w.to_lowercase())
                }
            })
            .collect();
        Words { spans, lower }
    }

    /// The lower-case words inside `span` (a clause of the sentence).
    pub fn lower_in(&self, span: Span) -> impl Iterator<Item = &str> {
        self.spans
            .iter()
            .zip(&self.lower)
            .filter(move |(w, _)| w.0 >= span.0 && w.1 <= span.1)
            .map(|(_, l)| l.as_ref())
    }

    /// Whether the lower-case words at `i` are `phrase`.
    pub fn starts_with(&self, i: usize, phrase: &[String]) -> bool {
        i + phrase.len() <= self.lower.len()
            && self.lower[i..i + phrase.len()]
                .iter()
                .zip(phrase)
                .all(|(a, b)| a == b)
    }
}

/// The items of `items` (sorted by span start) that lie inside `span`.
pub fn within<T>(items: &[T], span: Span, span_of: impl Fn(&T) -> Span) -> &[T] {
    let lo = items.partition_point(|x| span_of(x).0 < span.0);
    let hi = lo + items[lo..].partition_point(|x| span_of(x).0 < span.1);
    &items[lo..hi]
}

pub use crate::slice::tail;

/// Byte positions of quotation marks in `text[span]`.
pub fn quote_marks(text: &str, span: Span) -> Vec<usize> {
    text[span.0..span.1]
        .char_indices()
        .filter(|&(i, c)| {
            matches!(c, '"' | '“' | '”' | '«' | '»') || (c == '‘' && text[span.0 + i..].len() > 1)
        })
        .map(|(i, _)| span.0 + i)
        .collect()
}

/// Whether a quotation mark lies between positions `a` and `b`.
pub fn quote_between(quotes: &[usize], a: usize, b: usize) -> bool {
    let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
    quotes.iter().any(|&q| q >= lo && q < hi)
}

/// `span` without surrounding white space and trailing commas.
pub fn trim_span(text: &str, span: Span) -> Span {
    let t = &text[span.0..span.1];
    let lead = t.len() - t.trim_start().len();
    let t2 = t.trim_end_matches(|c: char| c.is_whitespace() || c == ',');
    (span.0 + lead, span.0 + t2.len().max(lead))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_word_looks_a_few_bytes_ahead() {
        assert_eq!(next_word("Russia  border, then", 6), "border,");
        assert_eq!(next_word("x", 5), "");
        assert_eq!(next_word("a é b", 1), "é");
        let long = "a".repeat(1000);
        assert_eq!(next_word(&long, 0).len(), WORD_WINDOW);
        // a multi-byte character across the window's end is left out whole
        let t = format!("{}€", "a".repeat(WORD_WINDOW - 1));
        assert_eq!(next_word(&t, 0), &t[..WORD_WINDOW - 1]);
    }

    #[test]
    fn words_keep_abbreviations_and_numbers() {
        let t = "The U.S. sent 90,000 troops to Ukraine’s border-area.";
        let w: Vec<&str> = words(t, (0, t.len()))
            .iter()
            .map(|&(s, e)| &t[s..e])
            .collect();
        assert_eq!(
            w,
            vec![
                "The",
                "U.S",
                "sent",
                "90,000",
                "troops",
                "to",
                "Ukraine’s",
                "border-area"
            ]
        );
    }

    #[test]
    fn matches_begin_where_words_begin() {
        let ac = AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .start_kind(aho_corasick::StartKind::Both)
            .ascii_case_insensitive(true)
            .build([
                "putin",
                "troops",
                "moved troops",
                "kyiv",
                "é",
                "ukraine",
                "rus",
            ])
            .unwrap();
        let hay = "Putinism: PUTIN moved troops near Kyiv; Ukraine\u{2019}s \
                   Russia-Ukraine border, éclair and cafés, 2troops troops";
        // what a search from every word start would find, skipping overlaps
        let mut expected = Vec::new();
        let mut next = 0;
        let mut prev = None::<char>;
        for (i, c) in hay.char_indices() {
            let start = c.is_alphanumeric() && !prev.is_some_and(char::is_alphanumeric);
            if start && i >= next {
                let input = Input::new(hay).range(i..).anchored(Anchored::Yes);
                if let Some(m) = ac.find(input) {
                    next = m.end();
                    expected.push(m);
                }
            }
            prev = Some(c);
        }
        let found = matches_at_word_starts(&ac, hay);
        assert_eq!(found, expected);
        let texts: Vec<&str> = found.iter().map(|m| &hay[m.range()]).collect();
        assert_eq!(
            texts,
            [
                "Putin",
                "PUTIN",
                "moved troops",
                "Kyiv",
                "Ukraine",
                "Rus",
                "Ukraine",
                "é",
                "troops"
            ]
        );
    }

    #[test]
    fn whole_words() {
        let t = "Putinism and Putin";
        assert!(!is_whole_word(t, 0, 5));
        assert!(is_whole_word(t, 13, 18));
    }
}
