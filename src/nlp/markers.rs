//! Lists of marker phrases ("meanwhile", "back in", "analysts") looked for
//! as whole words in one pass over a text.

use aho_corasick::{AhoCorasick, AhoCorasickKind};

/// A list of ASCII marker phrases found as whole words, case-insensitively,
/// in one pass over the text for all of them.
pub struct WordMarkers(AhoCorasick);

impl WordMarkers {
    /// Compiles `markers` (ASCII phrases; case is ignored).
    pub fn new(markers: &[String]) -> Self {
        WordMarkers(
            AhoCorasick::builder()
                .kind(Some(AhoCorasickKind::DFA))
                .ascii_case_insensitive(true)
                .build(markers)
                .expect("marker phrases compile"),
        )
    }

    /// Whether any marker occurs in `hay` as whole words.
    pub fn any_in(&self, hay: &str) -> bool {
        let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        self.0.find_overlapping_iter(hay).any(|m| {
            !word(hay[..m.start()].chars().next_back()) && !word(hay[m.end()..].chars().next())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_words_any_case() {
        let m = WordMarkers::new(&["back in".to_string(), "had".to_string()]);
        assert!(m.any_in("Back in July they met"));
        assert!(m.any_in("They HAD met"));
        assert!(!m.any_in("Chad and Russia"));
        assert!(!m.any_in("feedback in July"));
        assert!(!m.any_in(""));
    }
}
