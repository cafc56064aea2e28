//! Single-pass tokenizer: words, numbers and punctuation with byte offsets.

use super::lexicon::{LEXICON, Lex};

/// Token class.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// ASCII letters.
    Word,
    /// ASCII digits, with inner `,`/`.` separators followed by digits.
    Num,
    /// Any other single character.
    Punct,
}

/// One token.
#[derive(Debug, Clone)]
pub(super) struct Tok {
    /// Start byte offset.
    pub s: usize,
    /// End byte offset (exclusive).
    pub e: usize,
    /// Class.
    pub kind: Kind,
    /// Lexicon entry of a word, if any.
    pub lex: Option<&'static Lex>,
    /// Whitespace precedes the token.
    pub space: bool,
}

/// Tokenize `text`; `low` must be `text.to_ascii_lowercase()`.
pub(super) fn tokenize(text: &str, low: &str) -> Vec<Tok> {
    let b = text.as_bytes();
    let mut toks = Vec::with_capacity(b.len() / 5 + 1);
    let mut i = 0;
    let mut space = true;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_whitespace() {
            space = true;
            i += 1;
            continue;
        }
        let start = i;
        let kind = if c.is_ascii_alphabetic() {
            while i < b.len() && b[i].is_ascii_alphabetic() {
                i += 1;
            }
            Kind::Word
        } else if c.is_ascii_digit() {
            i = scan_number(b, i);
            Kind::Num
        } else {
            i += utf8_len(c);
            Kind::Punct
        };
        let lex = if kind == Kind::Word && i - start <= 16 {
            LEXICON.get(&low[start..i])
        } else {
            None
        };
        toks.push(Tok {
            s: start,
            e: i.min(b.len()),
            kind,
            lex,
            space,
        });
        space = false;
    }
    toks
}

/// End of a number starting at `i`: digits with inner `,ddd` groups or one `.d+` fraction.
fn scan_number(b: &[u8], mut i: usize) -> usize {
    let digits = |b: &[u8], mut i: usize| {
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        i
    };
    i = digits(b, i);
    while i + 1 < b.len() && b[i] == b',' && b[i + 1].is_ascii_digit() {
        let j = digits(b, i + 1);
        if j - i != 4 {
            break;
        }
        i = j;
    }
    if i + 1 < b.len() && b[i] == b'.' && b[i + 1].is_ascii_digit() {
        i = digits(b, i + 1);
    }
    i
}

/// Length of the UTF-8 sequence starting with byte `c` (1 for continuation bytes).
fn utf8_len(c: u8) -> usize {
    match c {
        0xF0..=0xFF => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(&str, Kind)> {
        let low = text.to_ascii_lowercase();
        tokenize(text, &low)
            .iter()
            .map(|t| (&text[t.s..t.e], t.kind))
            .collect()
    }

    #[test]
    fn splits_words_numbers_punct() {
        let k = kinds("On Sept. 30, 1989 — 90,000 troops; 3.5 hours.");
        let words: Vec<&str> = k.iter().map(|x| x.0).collect();
        assert_eq!(
            words,
            [
                "On", "Sept", ".", "30", ",", "1989", "—", "90,000", "troops", ";", "3.5", "hours",
                "."
            ]
        );
        assert_eq!(k[3].1, Kind::Num);
        assert_eq!(k[6].1, Kind::Punct);
    }

    #[test]
    fn lexicon_attached() {
        let text = "last Friday";
        let low = text.to_ascii_lowercase();
        let t = tokenize(text, &low);
        assert!(t[0].lex.is_some() && t[1].lex.unwrap().weekday == Some(5));
        assert!(t[0].space && t[1].space);
    }
}
