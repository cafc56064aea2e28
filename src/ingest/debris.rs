//! Web debris ("Leave a Reply", share buttons, a lone `*`): lines that are not
//! part of an article, recognised from the lists in `assets/boilerplate.toml`.

use serde::Deserialize;
use std::sync::LazyLock;

/// The debris lexicon as written in `assets/boilerplate.toml`.
#[derive(Debug, Deserialize)]
pub struct DebrisLexicon {
    /// Whole lines that are debris.
    pub lines: Vec<String>,
    /// Beginnings of lines that are debris.
    pub prefixes: Vec<String>,
    /// Characters a line may consist of entirely and still be debris.
    pub symbol_lines: String,
}

/// The lexicon compiled into the binary.
pub static LEXICON: LazyLock<DebrisLexicon> = LazyLock::new(|| {
    toml::from_str(include_str!("../../assets/boilerplate.toml"))
        .expect("assets/boilerplate.toml is valid (checked by a test)")
});

/// Whether one line of text is web debris.
pub fn is_debris_line(line: &str) -> bool {
    let t = line.trim_matches(|c: char| c.is_whitespace());
    if t.is_empty() {
        return false;
    }
    let lex = &*LEXICON;
    if t.chars().all(|c| lex.symbol_lines.contains(c)) {
        return true;
    }
    if t.len() > 200 {
        return false;
    }
    let lower = t.to_lowercase();
    let (lines, prefixes) = &*LOWERED;
    lines.contains(&lower) || prefixes.iter().any(|p| lower.starts_with(p.as_str()))
}

/// The debris lines (as a set) and prefixes, lower-cased once.
static LOWERED: LazyLock<(rustc_hash::FxHashSet<String>, Vec<String>)> = LazyLock::new(|| {
    (
        LEXICON.lines.iter().map(|l| l.to_lowercase()).collect(),
        LEXICON.prefixes.iter().map(|p| p.to_lowercase()).collect(),
    )
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicon_parses_and_is_not_empty() {
        assert!(LEXICON.lines.len() > 10);
        assert!(LEXICON.prefixes.len() > 5);
    }

    #[test]
    fn debris_lines() {
        assert!(is_debris_line("Be the first to comment"));
        assert!(is_debris_line("  Leave a Reply "));
        assert!(is_debris_line("Your email address will not be published."));
        assert!(is_debris_line("*"));
        assert!(is_debris_line("Share this:\u{a0}"));
        assert!(!is_debris_line("Russia has shifted thousands of troops."));
        assert!(!is_debris_line(""));
        assert!(!is_debris_line("Emails show the Kremlin replied."));
    }
}
