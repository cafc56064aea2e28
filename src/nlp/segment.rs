//! Paragraphs and sentences, with byte offsets into the article text.
//!
//! Blank lines separate paragraphs; inside a paragraph a sentence ends at
//! `.`, `!`, `?` or `…` (with any closing quotes or brackets after it) when
//! white space and a capital, digit or opening quote follow, except after the
//! abbreviations listed in `assets/abbreviations.toml`, initials and dotted
//! abbreviations such as "U.S." (which end a sentence only before a common
//! sentence opener). Decimals ("3.5") never split because no space follows.

use crate::Span;
use rustc_hash::FxHashSet as HashSet;
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

/// One sentence of an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    /// Its span in the article text (trimmed of white space).
    pub span: Span,
    /// The index of its paragraph in the article (0-based).
    pub paragraph: usize,
}

#[derive(Deserialize)]
struct AbbrevFile {
    never_final: Vec<String>,
    ambiguous: Vec<String>,
    sentence_starters: Vec<String>,
}

struct Abbrevs {
    never_final: HashSet<String>,
    ambiguous: HashSet<String>,
    starters: HashSet<String>,
}

static ABBREVS: LazyLock<Abbrevs> = LazyLock::new(|| {
    let f: AbbrevFile = toml::from_str(include_str!("../../assets/abbreviations.toml"))
        .expect("assets/abbreviations.toml is valid (checked by a test)");
    Abbrevs {
        never_final: f.never_final.into_iter().collect(),
        ambiguous: f.ambiguous.into_iter().collect(),
        starters: f.sentence_starters.into_iter().collect(),
    }
});

/// Whether `word` (without its full stop, any case) is an abbreviation
/// listed in `assets/abbreviations.toml`, so that its stop belongs to it.
pub fn is_abbreviation(word: &str) -> bool {
    let low = word.to_lowercase();
    ABBREVS.never_final.contains(&low) || ABBREVS.ambiguous.contains(&low)
}

/// Splits the given body spans of `text` into paragraphs and sentences.
/// Spans are sorted and non-overlapping; paragraphs are numbered across them.
pub fn segment(text: &str, body: &[Span]) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut paragraph = 0;
    for &(bs, be) in body {
        for (ps, pe) in paragraphs(text, bs, be) {
            let before = out.len();
            sentences_in(text, ps, pe, paragraph, &mut out);
            if out.len() > before {
                paragraph += 1;
            }
        }
    }
    out
}

/// Splits all of `text` (convenience for tests and tools).
pub fn segment_text(text: &str) -> Vec<Sentence> {
    segment(text, &[(0, text.len())])
}

/// Paragraph spans in `[start, end)`: runs of lines separated by blank lines.
fn paragraphs(text: &str, start: usize, end: usize) -> Vec<Span> {
    let mut out = Vec::new();
    let mut para_start: Option<usize> = None;
    let mut last_end = start;
    let mut pos = start;
    for line in text[start..end].split_inclusive('\n') {
        let (ls, le) = (pos, pos + line.len());
        pos = le;
        if line.trim().is_empty() {
            if let Some(s) = para_start.take() {
                out.push((s, last_end));
            }
        } else {
            para_start.get_or_insert(ls);
            last_end = le;
        }
    }
    if let Some(s) = para_start {
        out.push((s, last_end));
    }
    out
}

fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '”' | '’' | ')' | ']' | '»' | '.' | '!' | '?'
    )
}

fn is_opener(c: char) -> bool {
    c.is_uppercase()
        || c.is_ascii_digit()
        || matches!(
            c,
            '"' | '“' | '‘' | '\'' | '`' | '(' | '[' | '«' | '—' | '–' | '-'
        )
}

fn sentences_in(text: &str, start: usize, end: usize, paragraph: usize, out: &mut Vec<Sentence>) {
    let para = &text[start..end];
    let mut sent_start = 0;
    let mut iter = para.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if !matches!(c, '.' | '!' | '?' | '…') {
            continue;
        }
        // Consume closing punctuation after the terminator.
        let mut j = i + c.len_utf8();
        while let Some(&(k, d)) = iter.peek() {
            if is_closer(d) {
                j = k + d.len_utf8();
                iter.next();
            } else {
                break;
            }
        }
        let rest = &para[j..];
        let trimmed = rest.trim_start();
        if trimmed.len() == rest.len() && !rest.is_empty() {
            continue; // no white space after it: "3.5", "U.S.-Russian"
        }
        let Some(next) = trimmed.chars().next() else {
            continue; // end of paragraph: the final push takes it
        };
        if !is_opener(next) {
            continue;
        }
        if c == '.' && !stop_ends_sentence(&para[..i], trimmed) {
            continue;
        }
        push(text, start + sent_start, start + j, paragraph, out);
        sent_start = j;
    }
    push(text, start + sent_start, end, paragraph, out);
}

/// Whether a full stop after `before` ends the sentence, given what follows.
fn stop_ends_sentence(before: &str, after: &str) -> bool {
    let word_start = before
        .rfind(|c: char| c.is_whitespace() || matches!(c, '(' | '"' | '“' | '‘' | '['))
        .map_or(0, |p| {
            p + before[p..].chars().next().map_or(1, char::len_utf8)
        });
    let word = &before[word_start..];
    if word.is_empty() {
        return true;
    }
    let next_word: String = after.chars().take_while(|c| c.is_alphanumeric()).collect();
    let abbrevs = &*ABBREVS;
    let lower = word.to_lowercase();
    let mut chars = word.chars();
    let single_capital =
        matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase());
    if single_capital {
        return false;
    }
    if abbrevs.never_final.contains(&lower) {
        return false;
    }
    let dotted = word.contains('.') && word.chars().filter(|c| c.is_alphabetic()).count() <= 4;
    if dotted || abbrevs.ambiguous.contains(&lower) {
        return abbrevs.starters.contains(&next_word);
    }
    true
}

/// Longest sentence kept whole, in bytes. A longer run without sentence
/// punctuation (a table, a dump, a run-on paragraph) is cut at white space
/// (after a comma or semicolon where there is one), so that everything done
/// per sentence stays bounded and the whole analysis linear in the text.
pub const MAX_SENTENCE_BYTES: usize = 2000;

fn push(text: &str, mut s: usize, e: usize, paragraph: usize, out: &mut Vec<Sentence>) {
    while e - s > MAX_SENTENCE_BYTES {
        let mut cut = s + MAX_SENTENCE_BYTES;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let window = &text[s..cut];
        let at = window
            .rfind([',', ';'])
            .filter(|&i| i > MAX_SENTENCE_BYTES / 2)
            .map(|i| i + 1)
            .or_else(|| window.rfind(char::is_whitespace))
            .unwrap_or(window.len());
        push_one(text, s, s + at, paragraph, out);
        s += at.max(1);
        while !text.is_char_boundary(s) {
            s += 1;
        }
    }
    push_one(text, s, e, paragraph, out);
}

fn push_one(text: &str, s: usize, e: usize, paragraph: usize, out: &mut Vec<Sentence>) {
    let t = &text[s..e];
    let ts = s + (t.len() - t.trim_start().len());
    let te = s + t.trim_end().len();
    if te > ts {
        out.push(Sentence {
            span: (ts, te),
            paragraph,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        segment_text(text)
            .iter()
            .map(|s| &text[s.span.0..s.span.1])
            .collect()
    }

    #[test]
    fn brief_text_four_sentences() {
        let t = "U.S. President Joe Biden and Russian President Vladimir Putin held talks on Tuesday. “It takes one to know one,” Putin says, mocking Biden. Biden told reporters he was putting together “the most complete set of actions to make it very, very difficult for Mr Putin to do what many are concerned he would do.” The leaders of the U.S., U.K., France, Germany, and Italy leaders have formed a joint strategy.";
        let s = split(t);
        assert_eq!(s.len(), 4, "{s:#?}");
        assert!(s[0].starts_with("U.S. President"));
        assert!(s[2].ends_with("he would do.”"));
        assert!(s[3].starts_with("The leaders of the U.S., U.K."));
    }

    #[test]
    fn abbreviations_initials_decimals() {
        assert_eq!(
            split("He met Mr. Smith at 3.5 p.m. on Jan. 5. Then he left.").len(),
            2
        );
        assert_eq!(
            split("Gen. Mark Milley spoke. J. R. Smith agreed.").len(),
            2
        );
        assert_eq!(split("The U.S. Army said so.").len(), 1);
        assert_eq!(
            split("Russia blamed the U.S. The Kremlin said so.").len(),
            2
        );
        assert_eq!(
            split("Sanctions were imposed by the U.K. on Monday. Moscow responded.").len(),
            2
        );
        assert_eq!(split("They met at 10 a.m. Tuesday in Geneva.").len(), 1);
    }

    #[test]
    fn quotes_straight_and_curly() {
        assert_eq!(
            split("He said: “Will Russia invade?” Nobody knows.").len(),
            2
        );
        assert_eq!(
            split("\"We have no plans,\" Peskov said. \"None.\" Officials disagreed!").len(),
            3
        );
        assert_eq!(split("“Is it war?” he asked.").len(), 1);
        // wire copy's ASCII quotes (``...'')
        assert_eq!(
            split("He will not retreat. ``These bombings will not stop us,'' she said.").len(),
            2
        );
    }

    #[test]
    fn paragraphs_are_numbered_and_blank_lines_split() {
        let t = "First one. Second one.\n\nThird one.\r\n\r\n\u{a0}\nFourth.";
        let s = segment_text(t);
        assert_eq!(
            s.iter().map(|s| s.paragraph).collect::<Vec<_>>(),
            vec![0, 0, 1, 2]
        );
        assert_eq!(&t[s[3].span.0..s[3].span.1], "Fourth.");
    }

    #[test]
    fn no_punctuation_is_cut_into_bounded_pieces() {
        let t = "word ".repeat(10_000);
        let s = segment_text(&t);
        assert!(s.iter().all(|s| s.span.1 - s.span.0 <= MAX_SENTENCE_BYTES));
        assert_eq!(s.first().unwrap().span.0, 0);
        assert_eq!(s.last().unwrap().span.1, t.trim_end().len());
        let covered: usize = s.iter().map(|s| s.span.1 - s.span.0).sum();
        assert!(covered >= t.trim_end().len() - s.len(), "nothing is lost");
        let u = "é".repeat(5000);
        assert!(
            !segment_text(&u).is_empty(),
            "cuts land on character boundaries"
        );
    }
}
