//! Names outside every dictionary: runs of capitalised words ("Eric
//! Rudolph", "Human Rights Watch", "the Nigeria Labour Congress") that no
//! actor dictionary knows. Such a name is still a participant: it keeps its
//! text and its kind (person or organisation) without a code, so that the
//! nearest coded actor does not take its place. The word lists are
//! `assets/names.toml`.

use crate::Span;
use rustc_hash::FxHashSet;
use serde::Deserialize;
use std::sync::LazyLock;

#[derive(Debug, Deserialize)]
struct NamesFile {
    openers: Vec<String>,
    not_names: Vec<String>,
    joiners: Vec<String>,
    organisation_heads: Vec<String>,
}

/// The word lists of `assets/names.toml`, as sets.
struct NameLists {
    openers: FxHashSet<String>,
    not_names: FxHashSet<String>,
    joiners: FxHashSet<String>,
    organisation_heads: FxHashSet<String>,
}

static LISTS: LazyLock<NameLists> = LazyLock::new(|| {
    let f: NamesFile = toml::from_str(include_str!("../../assets/names.toml"))
        .expect("assets/names.toml is valid");
    let set = |v: Vec<String>| v.into_iter().collect::<FxHashSet<String>>();
    NameLists {
        openers: set(f.openers),
        not_names: set(f.not_names),
        joiners: set(f.joiners),
        organisation_heads: set(f.organisation_heads),
    }
});

/// Whether a word (any case) makes a name an organisation ("Ministry",
/// "Department"; `organisation_heads` in `assets/names.toml`).
pub fn is_organisation_head(word: &str) -> bool {
    LISTS.organisation_heads.contains(&word.to_lowercase())
}

/// Prepositions after which a name is a place, not a participant.
const PLACE_PREPOSITIONS: &[&str] = &[
    "in", "at", "near", "outside", "inside", "across", "into", "through", "toward", "towards",
];

/// A name that no dictionary knows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnlistedName {
    /// The words of the name.
    pub span: Span,
    /// Whether a word of it makes it an organisation ("Watch", "Party").
    pub organisation: bool,
    /// Whether it follows a place preposition ("in Kajo-Keji").
    pub location: bool,
    /// Whether it is one word, not an acronym ("Albright", but also
    /// "Police" opening a sentence, "Catholic", "Lagos"): a name only if
    /// the text named the person in full before.
    pub weak: bool,
}

/// One word of the text: the letters without the punctuation around them.
#[derive(Debug, Clone, Copy)]
struct Token {
    /// The word's letters.
    core: Span,
    /// Whether punctuation follows the word (it ends a run).
    closed: bool,
    /// Whether the word starts a sentence or a paragraph.
    starts_sentence: bool,
    /// Whether an opening bracket or quotation mark comes before the word
    /// (it starts a run: "BUFFALO, N.Y. (AP)" holds no name "N.Y. (AP").
    opened: bool,
}

/// The words of `text` with their cores and what surrounds them.
fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut sentence_start = true;
    let mut pos = 0;
    for raw in text.split_inclusive(char::is_whitespace) {
        let start = pos;
        pos += raw.len();
        let word = raw.trim_end();
        if word.is_empty() {
            if raw.contains('\n') {
                sentence_start = true;
            }
            continue;
        }
        let lead = word.len()
            - word
                .trim_start_matches(|c: char| !c.is_alphanumeric())
                .len();
        let body = &word[lead..];
        let mut core_end = body
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_alphanumeric())
            .map_or(0, |(i, c)| i + c.len_utf8());
        // "Rudolph's": the possessive ends the name
        let possessive = ["'s", "\u{2019}s"]
            .iter()
            .find(|p| body[..core_end].ends_with(*p));
        if let Some(p) = possessive {
            core_end -= p.len();
        }
        let tail = &body[core_end..];
        let core = (start + lead, start + lead + core_end);
        if core.1 > core.0 {
            out.push(Token {
                core,
                closed: possessive.is_some() || tail.chars().any(|c| c != '.' || core_end > 3),
                starts_sentence: sentence_start,
                opened: word[..lead].contains(['(', '[', '"', '\u{201c}', '`']),
            });
        }
        let ends = word.trim_end_matches(['"', '\'', '\u{201d}', '\u{2019}', ')']);
        sentence_start = ends.ends_with(['.', '!', '?', ':', '_'])
            && !is_abbreviation(&ends[..ends.len() - 1])
            || ends == "--"
            || raw.contains('\n');
    }
    out
}

/// Whether a word before a full stop is an abbreviation ("Mr", "U.S",
/// "Jan"), after which the sentence goes on.
fn is_abbreviation(word: &str) -> bool {
    let w = word.trim_start_matches(|c: char| !c.is_alphanumeric());
    w.len() <= 4
        && w.starts_with(char::is_uppercase)
        && (w.contains('.') || LISTS.openers.contains(&w.to_lowercase()) || w.len() <= 2)
}

/// Whether a word is written as a name: title case, or an acronym of two
/// to six capitals ("NLC", "APML").
fn capitalised(w: &str) -> bool {
    let first = w.chars().next().unwrap_or(' ');
    if !first.is_uppercase() {
        return false;
    }
    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
    w.chars().any(char::is_lowercase) || (2..=6).contains(&letters)
}

/// The runs of capitalised words of `text` that could be names, with the
/// words that open sentences, days, months and lone titles left out.
/// `is_title` says whether a lower-case word is part of a title
/// ("president"); `is_agent` whether it is an agent noun ("protesters").
pub fn find_unlisted_names(
    text: &str,
    is_title: impl Fn(&str) -> bool,
    is_agent: impl Fn(&str) -> bool,
) -> Vec<UnlistedName> {
    let lists = &*LISTS;
    let toks = tokens(text);
    let word = |t: &Token| &text[t.core.0..t.core.1];
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if !capitalised(word(&toks[i])) {
            i += 1;
            continue;
        }
        // the run: capitalised words, joiners between them
        let mut j = i;
        while !toks[j].closed && j + 1 < toks.len() {
            let next = word(&toks[j + 1]);
            if toks[j + 1].opened {
                break;
            } else if capitalised(next) && !toks[j + 1].starts_sentence {
                j += 1;
            } else if lists.joiners.contains(&next.to_lowercase())
                && !toks[j + 1].closed
                && toks.get(j + 2).is_some_and(|t| capitalised(word(t)))
            {
                j += 2;
            } else {
                break;
            }
        }
        let run = &toks[i..=j];
        i = j + 1;
        // a sentence opens with a capital: its opening words are no name
        let mut first = 0;
        if run[0].starts_sentence {
            while first < run.len() && lists.openers.contains(&word(&run[first]).to_lowercase()) {
                first += 1;
            }
        }
        // "Officials of Human Rights Watch": a common noun opening the
        // sentence before a joiner
        if run[0].starts_sentence
            && first == 0
            && run.len() > 2
            && lists.joiners.contains(&word(&run[1]).to_lowercase())
        {
            first = 2;
        }
        let mut words: Vec<&Token> = run[first..].iter().collect();
        // days and months around a name are no part of it ("On Tuesday
        // Kristina Baum")
        while words.first().is_some_and(|t| {
            let w = word(t).to_lowercase();
            lists.not_names.contains(&w) || lists.joiners.contains(&w)
        }) {
            words.remove(0);
        }
        while words
            .last()
            .is_some_and(|t| lists.not_names.contains(&word(t).to_lowercase()))
        {
            words.pop();
        }
        while words
            .last()
            .is_some_and(|t| lists.joiners.contains(&word(t).to_lowercase()))
        {
            words.pop();
        }
        let naming = words.iter().any(|t| {
            let w = word(t).to_lowercase();
            !is_title(&w)
                && !lists.not_names.contains(&w)
                && !lists.openers.contains(&w)
                && !lists.joiners.contains(&w)
        });
        let (Some(a), Some(b)) = (words.first(), words.last()) else {
            continue;
        };
        if !naming {
            continue;
        }
        let after = toks.get(j + 1).map(|t| word(t).to_lowercase());
        // "Catholic protesters": an adjective before an agent noun
        if words.len() == 1 && !b.closed && after.as_deref().is_some_and(&is_agent) {
            continue;
        }
        let before = (i - run.len())
            .checked_sub(1)
            .map(|k| word(&toks[k]).to_lowercase());
        let location = first == 0
            && before
                .as_deref()
                .is_some_and(|w| PLACE_PREPOSITIONS.contains(&w));
        let organisation = words.iter().any(|t| {
            let w = word(t);
            lists.organisation_heads.contains(&w.to_lowercase())
                || (w.len() >= 2 && w.chars().all(|c| c.is_ascii_uppercase()))
        });
        out.push(UnlistedName {
            span: (a.core.0, b.core.1),
            organisation,
            location,
            weak: words.len() == 1 && word(a).chars().any(char::is_lowercase),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<&str> {
        find_unlisted_names(
            text,
            |w| w == "president" || w == "minister",
            |w| w == "protesters",
        )
        .iter()
        .filter(|n| !n.weak)
        .map(|n| &text[n.span.0..n.span.1])
        .collect()
    }

    #[test]
    fn the_word_lists_load_and_are_lower_case() {
        let l = &*LISTS;
        for set in [&l.openers, &l.not_names, &l.joiners, &l.organisation_heads] {
            assert!(!set.is_empty());
            assert!(set.iter().all(|w| w.to_lowercase() == *w && !w.is_empty()));
        }
    }

    #[test]
    fn runs_of_capitalised_words_are_names() {
        assert_eq!(
            names("Eric Rudolph has been charged, the FBI said on Monday."),
            ["Eric Rudolph", "FBI"]
        );
        assert_eq!(
            names("Officials of Human Rights Watch met the Bank of England."),
            ["Human Rights Watch", "Bank of England"]
        );
    }

    #[test]
    fn sentence_openers_days_and_lone_titles_are_not() {
        assert!(names("Police arrested 12 people. Officials said so.").is_empty());
        assert!(names("The President spoke on Friday in March.").is_empty());
        assert_eq!(
            names("On Tuesday Kristina Baum declined."),
            ["Kristina Baum"]
        );
        // an adjective before an agent noun
        assert!(names("Several Catholic protesters were hurt.").is_empty());
    }

    #[test]
    fn kinds_and_places() {
        let text = "Slepian was shot in Amherst by a sniper, Amnesty International said.";
        let found = find_unlisted_names(text, |_| false, |_| false);
        let by_text = |s: &str| {
            found
                .iter()
                .find(|n| &text[n.span.0..n.span.1] == s)
                .unwrap()
        };
        assert!(by_text("Amherst").location);
        assert!(!by_text("Amnesty International").location);
        assert!(by_text("Amnesty International").organisation);
        assert!(!by_text("Slepian").organisation);
    }

    #[test]
    fn one_word_is_weak() {
        let found = find_unlisted_names(
            "Police came. Albright said so in Lagos, the NLC said.",
            |_| false,
            |_| false,
        );
        let weak: Vec<bool> = found.iter().map(|n| n.weak).collect();
        assert_eq!(weak, [true, true, true, false]);
    }

    #[test]
    fn an_opening_bracket_starts_a_new_name() {
        let found = names("BUFFALO, N.Y. (AP) _ Officials met Eric Rudolph (the suspect) today.");
        assert!(!found.iter().any(|n| n.contains('(')), "{found:?}");
        assert!(found.contains(&"Eric Rudolph"), "{found:?}");
    }

    #[test]
    fn possessives_and_abbreviations() {
        assert_eq!(
            names("Police sought Mr. Kopp's car near Rudolph's home."),
            ["Mr. Kopp"]
        );
    }
}
