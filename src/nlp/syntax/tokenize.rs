//! Words as the English Web Treebank cuts them, with byte spans into the
//! article text.
//!
//! White space separates tokens; punctuation is split off both ends of a
//! token (a full stop stays with an abbreviation from
//! `assets/abbreviations.toml` or an initialism such as "U.S."); clitics
//! are words of their own ("do|n't", "ca|n't", "Russia|'s", "I|'m");
//! hyphens between letters are split ("pro|-|Russian"), except after a
//! single letter ("e-mail"); numbers keep their inner commas and stops;
//! web addresses and e-mail addresses are single tokens.

use crate::Span;
use crate::nlp::segment::is_abbreviation;

/// The words of `text[span]`, as byte spans into `text`.
pub fn words(text: &str, span: Span) -> Vec<Span> {
    let mut out = Vec::with_capacity((span.1 - span.0) / 5 + 1);
    let Some(slice) = text.get(span.0..span.1) else {
        return out;
    };
    let mut start: Option<usize> = None;
    for (i, c) in slice.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                chunk(slice, s, i, span.0, &mut out);
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        chunk(slice, s, slice.len(), span.0, &mut out);
    }
    out
}

fn is_opening(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '(' | '[' | '{' | '<' | '“' | '‘' | '«' | '`' | '¿' | '¡' | '*'
    )
}

fn is_closing(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | ')'
            | ']'
            | '}'
            | '>'
            | '”'
            | '’'
            | '»'
            | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | '.'
            | '…'
            | '*'
            | '%'
    )
}

fn is_web(t: &str) -> bool {
    let low = t.to_ascii_lowercase();
    low.starts_with("http://")
        || low.starts_with("https://")
        || low.starts_with("www.")
        || (t.contains('@') && t.contains('.') && !t.starts_with('@'))
}

/// Cuts one white-space delimited chunk `s[a..b]` into words.
fn chunk(s: &str, mut a: usize, mut b: usize, base: usize, out: &mut Vec<Span>) {
    // opening punctuation, one character at a time
    let mut tail: Vec<Span> = Vec::new();
    while a < b {
        let c = s[a..b].chars().next().unwrap_or(' ');
        let currency = matches!(c, '$' | '£' | '€' | '¥')
            && s[a + c.len_utf8()..b].starts_with(|d: char| d.is_ascii_digit());
        if (is_opening(c) || currency) && a + c.len_utf8() < b {
            out.push((base + a, base + a + c.len_utf8()));
            a += c.len_utf8();
        } else {
            break;
        }
    }
    if is_web(&s[a..b]) {
        // a trailing stop or bracket is not part of the address
        while let Some(c) = s[a..b].chars().next_back() {
            if matches!(
                c,
                '.' | ',' | ';' | ':' | ')' | '"' | '\'' | '!' | '?' | '”' | '’'
            ) && b - c.len_utf8() > a
            {
                tail.push((base + b - c.len_utf8(), base + b));
                b -= c.len_utf8();
            } else {
                break;
            }
        }
        out.push((base + a, base + b));
        out.extend(tail.into_iter().rev());
        return;
    }
    // closing punctuation, runs of one character together ("...", "?!" apart)
    while a < b {
        let c = s[a..b].chars().next_back().unwrap_or(' ');
        if !is_closing(c) {
            break;
        }
        let word = &s[a..b];
        if c == '.' && keeps_stop(&word[..word.len() - 1]) {
            break;
        }
        // a run of the same character goes together ("...", "!!")
        let mut e = b - c.len_utf8();
        while e > a && s[a..e].ends_with(c) {
            e -= c.len_utf8();
        }
        if e == a {
            // all punctuation: keep it as one token
            break;
        }
        // an apostrophe after a plural s is a possessive word ("countries'")
        tail.push((base + e, base + b));
        b = e;
    }
    inner(s, a, b, base, out);
    out.extend(tail.into_iter().rev());
}

/// Whether a full stop after `w` belongs to it.
fn keeps_stop(w: &str) -> bool {
    if w.is_empty() {
        return false;
    }
    // initials and initialisms: "U.S", "J", "a.m"
    let b = w.as_bytes();
    let initialism = b.len() <= 12
        && b.iter().enumerate().all(|(i, &c)| {
            if i % 2 == 0 {
                c.is_ascii_alphabetic()
            } else {
                c == b'.'
            }
        });
    let single_capital = b.len() == 1 && b[0].is_ascii_uppercase();
    initialism && (b.len() > 1 || single_capital) || is_abbreviation(w)
}

/// Cuts a chunk without outer punctuation: clitics and hyphens.
fn inner(s: &str, a: usize, b: usize, base: usize, out: &mut Vec<Span>) {
    if a >= b {
        return;
    }
    let w = &s[a..b];
    // compared in lower case with a straight apostrophe ("I’m" as "i'm")
    let low: String = w
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c == '’' { '\'' } else { c })
        .collect();
    for cl in ["n't", "'s", "'re", "'ve", "'ll", "'d", "'m"] {
        if low.len() > cl.len() && low.ends_with(cl) {
            // a clitic's characters are one each in either case, so they are
            // the word's last ones
            let n = cl.chars().count();
            let cut = a + w.char_indices().rev().nth(n - 1).map_or(0, |(i, _)| i);
            inner_hyphens(s, a, cut, base, out);
            out.push((base + cut, base + b));
            return;
        }
    }
    for (word, first) in [("cannot", 3), ("gonna", 3), ("wanna", 3), ("gotta", 3)] {
        if low == word {
            out.push((base + a, base + a + first));
            out.push((base + a + first, base + b));
            return;
        }
    }
    inner_hyphens(s, a, b, base, out);
}

/// Splits hyphens between letters (not after a single letter, not in numbers).
fn inner_hyphens(s: &str, a: usize, b: usize, base: usize, out: &mut Vec<Span>) {
    if a >= b {
        return;
    }
    let w = &s[a..b];
    let mut start = a;
    let bytes = w.as_bytes();
    for (i, &c) in bytes.iter().enumerate() {
        if c != b'-' || i == 0 || i + 1 >= bytes.len() {
            continue;
        }
        let prev_alpha = bytes[i - 1].is_ascii_alphabetic() || bytes[i - 1] >= 0x80;
        let next_alpha = bytes[i + 1].is_ascii_alphabetic() || bytes[i + 1] >= 0x80;
        let piece = &s[start..a + i];
        if prev_alpha && next_alpha && piece.chars().count() > 1 {
            out.push((base + start, base + a + i));
            out.push((base + a + i, base + a + i + 1));
            start = a + i + 1;
        }
    }
    if start < b {
        out.push((base + start, base + b));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(t: &str) -> Vec<&str> {
        words(t, (0, t.len()))
            .into_iter()
            .map(|(s, e)| &t[s..e])
            .collect()
    }

    #[test]
    fn punctuation_clitics_and_abbreviations() {
        assert_eq!(
            toks("Russia's troops didn't move."),
            ["Russia", "'s", "troops", "did", "n't", "move", "."]
        );
        assert_eq!(
            toks("The U.S. can't, Mr. Smith said (again)."),
            [
                "The", "U.S.", "ca", "n't", ",", "Mr.", "Smith", "said", "(", "again", ")", "."
            ]
        );
        assert_eq!(
            toks("“I’m here,” he said…"),
            ["“", "I", "’m", "here", ",", "”", "he", "said", "…"]
        );
        assert_eq!(
            toks("pro-Russian e-mail 10,000 3.5 $5"),
            ["pro", "-", "Russian", "e-mail", "10,000", "3.5", "$", "5"]
        );
        assert_eq!(
            toks("See https://example.org/a.b. Wait..."),
            ["See", "https://example.org/a.b", ".", "Wait", "..."]
        );
        assert_eq!(toks("cannot"), ["can", "not"]);
        assert_eq!(
            toks("countries' 5% ..."),
            ["countries", "'", "5", "%", "..."]
        );
    }

    #[test]
    fn spans_point_into_the_text_and_odd_input_is_safe() {
        let t = "  x  Ωμέγα-δ  🙂!!  ";
        for (s, e) in words(t, (0, t.len())) {
            assert!(t.is_char_boundary(s) && t.is_char_boundary(e) && s < e);
        }
        assert_eq!(toks("Ωμέγα-δέλτα"), ["Ωμέγα", "-", "δέλτα"]);
        assert!(toks("").is_empty());
        assert_eq!(toks("'"), ["'"]);
        assert_eq!(toks("\"'"), ["\"", "'"]);
    }
}
