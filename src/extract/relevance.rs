//! Whether a story is about politics, conflict or diplomacy: the document
//! relevance gate. A story that names few political actors for its length
//! (a product review, a recipe), that reads as conversation (an office
//! email, a forum answer: first and second person outside quotations), or
//! that reads as sport or entertainment (the PETRARCH discards) gives
//! events only where the text names political actors on both sides.

use super::actors::ActorHit;
use super::dictionaries::discard_count;
use super::event::{ActorMention, Event};

/// Named political actors per 1,000 words at or above which a story is
/// political. Wire stories about politics name one every 10 to 30 words
/// (30 to 100 per 1,000); reviews and emails that mention a country or two
/// stay well under 10.
pub const MIN_ACTORS_PER_THOUSAND_WORDS: f64 = 15.0;

/// First- and second-person words per 1,000 words (outside quotations)
/// at or above which a story reads as conversation (an email, a review, a
/// forum answer) rather than a report: wire stories stay under 5, the
/// mail and reviews of the English Web Treebank mostly above 15.
pub const MAX_PERSONAL_PER_THOUSAND_WORDS: f64 = 10.0;

/// Named political actors per 1,000 words at or above which even a
/// conversational text is about politics (a letter about a war).
pub const DENSE_ACTORS_PER_THOUSAND_WORDS: f64 = 60.0;

/// Acts of force named per 1,000 words (triggers of the material-conflict
/// types: "killed", "the shooting", "bombings") at or above which a story
/// that reads as a report is about conflict, whatever actors it names: a
/// sniper's killing of a doctor, a bombing whose authors are unknown.
/// Reports of violence name one every 30 to 60 words; reviews and mail
/// have almost none.
pub const MIN_FORCE_PER_THOUSAND_WORDS: f64 = 15.0;

/// Stories this short are judged by whether they name a political actor at
/// all, or, when they read as a report, an act of force: a single sentence
/// about a state, or about a strike or a killing, is about politics.
pub const SHORT_STORY_WORDS: usize = 60;

/// What the gate saw in a story.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Relevance {
    /// Words in the story.
    pub words: usize,
    /// Mentions of states, organisations, their people and their parts
    /// (not places, not pronouns, not roles without a state).
    pub political_mentions: usize,
    /// Story discards found (sport, entertainment).
    pub discards: usize,
    /// First- and second-person words outside quotations ("I", "you",
    /// "my"): the register of conversation, not of reports.
    pub personal: usize,
    /// Triggers of acts of force (set by the caller, which finds them).
    pub acts_of_force: usize,
}

/// Words of the first and second person singular and of address.
const PERSONAL_WORDS: &[&str] = &[
    "i", "i'm", "i've", "i'd", "i'll", "me", "my", "mine", "you", "your", "yours", "you're",
];

/// First- and second-person words of `text` outside quotation marks.
fn personal_words(text: &str) -> usize {
    let mut quoted = false;
    let mut n = 0;
    for w in text.split_whitespace() {
        let opens = w.starts_with(['"', '\u{201c}']) || w.starts_with("``");
        let closes = w.ends_with(['"', '\u{201d}']) || w.ends_with("''");
        if opens {
            quoted = true;
        }
        let core = w
            .trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '\u{2019}')
            .replace('\u{2019}', "'")
            .to_lowercase();
        if !quoted && PERSONAL_WORDS.contains(&core.as_str()) {
            n += 1;
        }
        if closes && !(opens && w.chars().count() == 1) {
            quoted = false;
        }
    }
    n
}

/// Whether a mention names a political actor: a state or an organisation,
/// directly or through one of its people or parts, or a political role
/// ("police", "rebels"); not a place, not a pronoun, not a name that no
/// dictionary knows.
pub fn is_political_hit(h: &ActorHit) -> bool {
    !h.location && !h.anaphoric && !h.code.is_empty()
}

impl Relevance {
    /// Measures `text` with its actor mentions.
    pub fn of(text: &str, actors: &[ActorHit]) -> Relevance {
        Relevance {
            words: text.split_whitespace().count(),
            political_mentions: actors.iter().filter(|h| is_political_hit(h)).count(),
            discards: discard_count(text),
            personal: personal_words(text),
            acts_of_force: 0,
        }
    }

    /// Acts of force per 1,000 words.
    pub fn force_density(&self) -> f64 {
        1000.0 * self.acts_of_force as f64 / self.words.max(1) as f64
    }

    /// First- and second-person words per 1,000 words.
    pub fn personal_rate(&self) -> f64 {
        1000.0 * self.personal as f64 / self.words.max(1) as f64
    }

    /// Named political actors per 1,000 words.
    pub fn density(&self) -> f64 {
        1000.0 * self.political_mentions as f64 / self.words.max(1) as f64
    }

    /// Whether the story is about politics.
    pub fn is_political(&self) -> bool {
        if self.discards >= 2 {
            return false;
        }
        let report = self.personal_rate() < MAX_PERSONAL_PER_THOUSAND_WORDS;
        if self.words <= SHORT_STORY_WORDS {
            // a short report of a strike, a killing or an arrest is about
            // conflict whoever its actors are
            return self.political_mentions > 0 || (report && self.acts_of_force > 0);
        }
        (self.density() >= MIN_ACTORS_PER_THOUSAND_WORDS
            && (report || self.density() >= DENSE_ACTORS_PER_THOUSAND_WORDS))
            || (report && self.force_density() >= MIN_FORCE_PER_THOUSAND_WORDS)
    }
}

/// Whether a participant is a named political actor (not a resolved
/// pronoun).
fn named_political(m: &ActorMention) -> bool {
    m.entry != "reference" && !m.code.is_empty()
}

/// Keeps, in a story that is not about politics, only the events whose
/// source and target are both named political actors.
pub fn gate(relevance: &Relevance, events: &mut Vec<Event>) {
    if relevance.is_political() {
        return;
    }
    events.retain(|e| e.source.iter().any(named_political) && e.target.iter().any(named_political));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same story told with `personal` first- and second-person words.
    fn chatty_as(r: Relevance, personal: usize) -> Relevance {
        Relevance { personal, ..r }
    }

    #[test]
    fn dense_stories_are_political_sparse_ones_not() {
        let r = |words, political_mentions, discards| Relevance {
            words,
            political_mentions,
            discards,
            personal: 0,
            acts_of_force: 0,
        };
        assert!(r(400, 12, 0).is_political());
        let chatty = chatty_as(r(400, 12, 0), 20);
        assert!(
            !chatty.is_political(),
            "an email that names a few countries"
        );
        assert!(!r(400, 2, 0).is_political());
        assert!(r(25, 1, 0).is_political(), "a sentence about a state");
        assert!(!r(25, 0, 0).is_political());
        let strike = Relevance {
            acts_of_force: 1,
            ..r(25, 0, 0)
        };
        assert!(strike.is_political(), "a short report of a strike");
        assert!(
            !chatty_as(strike, 2).is_political(),
            "a short review that mentions a fight"
        );
        assert!(!r(400, 40, 3).is_political(), "a sports report");
        let violence = Relevance {
            acts_of_force: 8,
            ..r(400, 2, 0)
        };
        assert!(violence.is_political(), "a report of killings");
        assert!(
            !chatty_as(violence, 20).is_political(),
            "a chat about a film's fights"
        );
    }

    #[test]
    fn personal_words_outside_quotations() {
        assert_eq!(personal_words("I think you should see my review."), 3);
        assert_eq!(
            personal_words(
                "\u{201c}I will not resign,\u{201d} the minister said. \"You lied,\" he told me."
            ),
            1
        );
    }
}
