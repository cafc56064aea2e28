//! Actor mentions: names, adjectives and people from `assets/actors.toml`
//! found in the text, grouped when coordinated ("Biden and Putin",
//! "the U.S., U.K., France, Germany, and Italy"), and plural or pronominal
//! references ("the two leaders", "they", "he") resolved to the actors last
//! mentioned.

use super::lexicon::{ActorForm, LEXICON};
use super::text::is_whole_word;
use crate::Span;
use std::sync::LazyLock;

/// An actor named in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorHit {
    /// Actor code.
    pub code: String,
    /// The words.
    pub span: Span,
    /// What kind of words.
    pub form: ActorForm,
    /// Whether it follows a place preposition ("in Geneva"): a location.
    pub location: bool,
    /// Whether it was resolved from a pronoun or plural reference.
    pub anaphoric: bool,
}

/// Single words of the titles in `assets/actors.toml` ("President",
/// "Foreign", "Minister"), lower case: they may stand between the actor
/// mentions of one group ("U.S. President Joe Biden").
static TITLE_WORDS: LazyLock<rustc_hash::FxHashSet<String>> = LazyLock::new(|| {
    LEXICON
        .titles
        .iter()
        .flat_map(|t| t.split_whitespace())
        .map(str::to_lowercase)
        .collect()
});

/// Whether a lower-case word is part of a title ("leaders", "president").
pub fn is_title_word(word: &str) -> bool {
    TITLE_WORDS.contains(word)
}

/// Nouns after a name that make it a place ("the Ukraine border").
const PLACE_NOUNS: &[&str] = &[
    "border",
    "borders",
    "frontier",
    "frontiers",
    "region",
    "regions",
    "coast",
    "waters",
    "territory",
    "airspace",
    "side",
];

/// Words before a name that make it a place, not a participant.
const PLACE_PREPOSITIONS: &[&str] = &[
    "in", "at", "near", "across", "into", "inside", "within", "outside", "toward", "towards",
    "around", "along",
];

/// Every actor mention in `text`, sorted by start.
pub fn find_actors(text: &str) -> Vec<ActorHit> {
    let lex = &*LEXICON;
    let mut out = Vec::new();
    for m in super::text::matches_at_word_starts(&lex.actor_ac, text) {
        let (s, e) = (m.start(), m.end());
        // "U.S." may be listed with its final stop; a stop after it is fine.
        if !is_whole_word(text, s, e) && !text[s..e].ends_with('.') {
            continue;
        }
        if text[..s].ends_with(|c: char| c.is_alphanumeric()) {
            continue;
        }
        let (actor, form) = lex.actor_patterns[m.pattern().as_usize()];
        let prev = text[..s]
            .trim_end()
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        let prev = if prev == "the" {
            let before = text[..s].trim_end();
            let before = before[..before.len() - 3].trim_end();
            before
                .rsplit(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or("")
                .to_ascii_lowercase()
        } else {
            prev
        };
        let after = crate::slice::head(&text[e..], 8);
        let possessive = after.len() - after.trim_start_matches(['\'', '\u{2019}', 's']).len();
        let next = super::text::next_word(text, e + possessive)
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_ascii_lowercase();
        let before = super::text::tail(text, s, 40)
            .trim_end()
            .to_ascii_lowercase();
        let place = PLACE_NOUNS.contains(&next.as_str())
            || before.ends_with("border with")
            || before.ends_with("borders with");
        out.push(ActorHit {
            code: lex.actors[actor].code.clone(),
            span: (s, e),
            form,
            location: place
                || (form == ActorForm::Name && PLACE_PREPOSITIONS.contains(&prev.as_str())),
            anaphoric: false,
        });
    }
    out
}

/// Groups of coordinated mentions: runs separated only by commas, "and",
/// "or", "&", "the" or a possessive.
pub fn group_actors<'a>(text: &str, hits: &'a [ActorHit]) -> Vec<&'a [ActorHit]> {
    let mut groups = Vec::new();
    let mut start = 0;
    for i in 1..=hits.len() {
        let joined = i < hits.len() && {
            if hits[i].span.0 < hits[i - 1].span.1 {
                // one reference standing for several actors ("they")
                true
            } else {
                let gap = &text[hits[i - 1].span.1..hits[i].span.0];
                let words: Vec<&str> = gap
                    .split(|c: char| c.is_whitespace() || c == ',')
                    .filter(|w| !w.is_empty())
                    .collect();
                gap.len() < 60
                    && words.iter().all(|w| {
                        let lw = w.to_lowercase();
                        matches!(
                            lw.as_str(),
                            "and"
                                | "or"
                                | "&"
                                | "the"
                                | "'s"
                                | "’s"
                                | "its"
                                | "his"
                                | "her"
                                | "their"
                                | "allies"
                                | "both"
                                | "counterpart"
                                | "counterparts"
                        ) || TITLE_WORDS.contains(lw.as_str())
                    })
            }
        };
        if !joined {
            groups.push(&hits[start..i]);
            start = i;
        }
    }
    groups.retain(|g| !g.is_empty());
    groups
}

/// References to several actors at once.
const PLURAL_REFERENCES: &[&str] = &[
    "they",
    "them",
    "their",
    "both",
    "the two leaders",
    "the two men",
    "the two presidents",
    "the two sides",
    "both sides",
    "the leaders",
    "the two countries",
    "both countries",
    "the two",
    "each other",
    "the two opponents",
    "the two nations",
    "both leaders",
];
/// References to one person.
const PERSON_REFERENCES: &[&str] = &["he", "she", "his", "her", "him"];
/// References to one state or organisation.
const THING_REFERENCES: &[&str] = &["it", "its"];

/// The kind of each reference pattern: 0 plural, 1 person, 2 thing.
static REFERENCE_KINDS: LazyLock<Vec<u8>> = LazyLock::new(|| {
    [
        (PLURAL_REFERENCES, 0u8),
        (PERSON_REFERENCES, 1),
        (THING_REFERENCES, 2),
    ]
    .iter()
    .flat_map(|(list, k)| list.iter().map(move |_| *k))
    .collect()
});

/// One automaton over every reference word (case-insensitive).
static REFERENCES: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
    let all: Vec<&str> = PLURAL_REFERENCES
        .iter()
        .chain(PERSON_REFERENCES)
        .chain(THING_REFERENCES)
        .copied()
        .collect();
    aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(all)
        .expect("reference patterns build")
});

/// What the story last mentioned, for resolving references.
#[derive(Debug, Default, Clone)]
pub struct ActorMemory {
    /// The last group of two or more distinct actors.
    pub pair: Vec<String>,
    /// The last person's actor.
    pub person: Option<String>,
    /// The last actor of any kind.
    pub last: Option<String>,
}

/// The most actors a coordinated group gives a plural reference ("they"):
/// real groups have a handful, and a text that coordinates thousands of
/// names would otherwise give every reference thousands of mentions.
const MAX_GROUP_CODES: usize = 64;

/// What one group of coordinated mentions tells the memory, built mention
/// by mention.
#[derive(Debug, Default, Clone)]
struct GroupState {
    /// The group's participants (not locations), repeats in a row merged.
    codes: Vec<String>,
    /// Its last person.
    person: Option<String>,
    /// Its last participant.
    last: Option<String>,
}

impl GroupState {
    /// Adds the group's next mention.
    fn push(&mut self, h: &ActorHit) {
        if h.location {
            return;
        }
        if self.codes.last() != Some(&h.code) && self.codes.len() < MAX_GROUP_CODES {
            self.codes.push(h.code.clone());
        }
        if h.form == ActorForm::Person {
            self.person = Some(h.code.clone());
        }
        self.last = Some(h.code.clone());
    }
}

impl ActorMemory {
    /// Remembers what a group says.
    fn apply(&mut self, g: &GroupState) {
        if g.codes.len() >= 2 {
            self.pair = g.codes.clone();
        }
        if let Some(p) = &g.person {
            self.person = Some(p.clone());
        }
        if let Some(l) = &g.last {
            self.last = Some(l.clone());
        }
    }

    /// Remembers the mentions of a sentence, in order.
    pub fn update(&mut self, hits: &[ActorHit], text: &str) {
        for g in group_actors(text, hits) {
            let mut state = GroupState::default();
            for h in g {
                state.push(h);
            }
            self.apply(&state);
        }
    }

    /// Mentions that references in `text[span]` stand for, placed at the
    /// reference's position. A reference first looks back in its own
    /// sentence (`named`: the sentence's named mentions, sorted and not
    /// overlapping), then at the story. Linear in the sentence: the memory
    /// at each reference is built on the one at the reference before.
    pub fn resolve(&self, text: &str, span: Span, named: &[ActorHit]) -> Vec<ActorHit> {
        let slice = &text[span.0..span.1];
        let mut found: Vec<(Span, u8)> = REFERENCES
            .find_overlapping_iter(slice)
            .filter(|m| is_whole_word(slice, m.start(), m.end()))
            .map(|m| {
                let at = (span.0 + m.start(), span.0 + m.end());
                (at, REFERENCE_KINDS[m.pattern().as_usize()])
            })
            .collect();
        found.sort_by_key(|(at, _)| at.0);
        // where each group of the named mentions ends
        let group_ends: Vec<usize> = group_actors(text, named)
            .iter()
            .scan(0, |end, g| {
                *end += g.len();
                Some(*end)
            })
            .collect();
        let mut base = self.clone();
        let mut partial = GroupState::default();
        let (mut done, mut group) = (0, 0);
        let mut out = Vec::new();
        for (at, kind) in found {
            // the named mentions before the reference: whole groups go into
            // the base memory, the group still open stays partial
            let before = named.partition_point(|h| h.span.1 <= at.0);
            while done < before {
                partial.push(&named[done]);
                done += 1;
                if group_ends.get(group) == Some(&done) {
                    base.apply(&partial);
                    partial = GroupState::default();
                    group += 1;
                }
            }
            let mut local = base.clone();
            local.apply(&partial);
            let codes: Vec<String> = match kind {
                0 => local.pair,
                1 => local.person.into_iter().collect(),
                _ => local.last.into_iter().collect(),
            };
            for c in codes {
                out.push(ActorHit {
                    code: c,
                    span: at,
                    form: ActorForm::Name,
                    location: false,
                    anaphoric: true,
                });
            }
        }
        out.sort_by_key(|h| h.span);
        // A longer reference ("the two leaders") wins over one inside it ("the two").
        let mut kept: Vec<ActorHit> = Vec::new();
        for h in out {
            if let Some(k) = kept.last()
                && h.span.0 < k.span.1
                && h.span != k.span
            {
                if h.span.1 - h.span.0 > k.span.1 - k.span.0 {
                    // the shorter one's mentions are the last ones kept
                    let ks = k.span;
                    while kept.last().is_some_and(|x| x.span == ks) {
                        kept.pop();
                    }
                } else {
                    continue;
                }
            }
            kept.push(h);
        }
        kept
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(text: &str) -> Vec<(String, &str)> {
        find_actors(text)
            .into_iter()
            .map(|h| (h.code, &text[h.span.0..h.span.1]))
            .collect()
    }

    #[test]
    fn people_places_institutions() {
        let t = "Biden, the White House and Washington; Putin, the Kremlin, Moscow, Peskov and Lavrov; Kiev and Kyiv.";
        let c: Vec<String> = codes(t).into_iter().map(|(c, _)| c).collect();
        assert_eq!(
            c,
            vec![
                "USA", "USA", "USA", "RUS", "RUS", "RUS", "RUS", "RUS", "UKR", "UKR"
            ]
        );
    }

    #[test]
    fn whole_words_only_and_longest() {
        let t = "Putinism is not Vladimir Putin; Italyan is not Italy.";
        let c = codes(t);
        assert_eq!(c.len(), 2);
        assert_eq!(c[0].1, "Vladimir Putin");
        assert_eq!(c[1].0, "ITA");
    }

    #[test]
    fn groups_and_locations() {
        let t = "the leaders of the U.S., U.K., France, Germany, and Italy met in Moscow";
        let hits = find_actors(t);
        let groups = group_actors(t, &hits);
        assert_eq!(groups[0].len(), 5, "{groups:?}");
        assert!(hits.last().unwrap().location);
    }

    #[test]
    fn names_without_spaces_between_them_are_all_found() {
        let t = "Russia,".repeat(3000);
        let hits = find_actors(&t);
        assert_eq!(hits.len(), 3000);
        assert!(
            hits.iter()
                .all(|h| h.code == "RUS" && &t[h.span.0..h.span.1] == "Russia")
        );
        // the word after a name is still read: "the Ukraine border" is a place
        let t = "Troops massed near the Ukraine border; Ukraine's leaders met.";
        let hits = find_actors(t);
        assert!(hits[0].location && !hits[1].location, "{hits:?}");
    }

    #[test]
    fn references_resolve_to_memory() {
        let t = "Biden and Putin spoke.";
        let mut m = ActorMemory::default();
        m.update(&find_actors(t), t);
        let r = m.resolve("The two leaders agreed. He left.", (0, 32), &[]);
        let got: Vec<&str> = r.iter().map(|h| h.code.as_str()).collect();
        assert_eq!(got, vec!["USA", "RUS", "RUS"]);
        let t2 = "Biden said on Friday that he would act.";
        let named = find_actors(t2);
        let r = m.resolve(t2, (0, t2.len()), &named);
        assert_eq!(
            r[0].code, "USA",
            "he is Biden, named earlier in the sentence"
        );
    }
}
