//! Tense cues around a temporal expression, used to pick past or future readings.

use super::lexicon::Cue;
use super::scan::{Kind, Tok};

/// Temporal orientation of the clause around an expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tense {
    /// Past tense cue is nearest.
    Past,
    /// Present tense cue is nearest.
    Present,
    /// Future (or conditional) cue is nearest.
    Future,
    /// No cue found.
    None,
}

/// Maximum number of tokens inspected on each side.
const WINDOW: usize = 30;

/// Words ending in "-ed" that are not past-tense verbs.
const NOT_PAST: &[&str] = &[
    "need",
    "speed",
    "indeed",
    "hundred",
    "bed",
    "red",
    "seed",
    "feed",
    "shed",
    "proceed",
    "exceed",
    "succeed",
    "united",
    "limited",
    "based",
    "related",
    "unexpected",
    "expected",
    "scheduled",
    "planned",
    "proposed",
    "detailed",
    "advanced",
    "interested",
    "concerned",
];

/// Cue of token `t` (`low` is the lower-cased text).
fn cue(t: &Tok, low: &str) -> Option<Cue> {
    if t.kind != Kind::Word {
        return None;
    }
    if let Some(c) = t.lex.and_then(|l| l.cue) {
        return Some(c);
    }
    let w = &low[t.s..t.e];
    (w.len() > 4 && w.ends_with("ed") && !NOT_PAST.contains(&w)).then_some(Cue::Past)
}

/// Words that, before "for" or "to", put what follows on a schedule ("a
/// summit set for April", "slated to open in May"): a future, whatever
/// their own tense.
/// ("due to" is left out: it gives a cause.)
const SCHEDULED: &[&str] = &["set", "slated", "scheduled", "planned", "expected"];

/// Whether token `k` is one of [`SCHEDULED`] followed by "for" or "to".
fn is_schedule(toks: &[Tok], low: &str, k: usize) -> bool {
    let word = |t: &Tok| (t.kind == Kind::Word).then(|| &low[t.s..t.e]);
    word(&toks[k]).is_some_and(|w| SCHEDULED.contains(&w))
        && toks[k + 1..]
            .iter()
            .find(|t| t.kind == Kind::Word)
            .and_then(word)
            .is_some_and(|n| n == "for" || n == "to")
}

/// Tense of the expression spanning tokens `[i, j)` within the sentence `[lo, hi)`.
///
/// The nearest cue wins ("would" counts only when no other cue is found, since
/// it is usually future-in-the-past after a reporting verb); cues to the left get a small bonus because the governing
/// verb of a temporal adjunct usually precedes it.
pub(super) fn tense_at(toks: &[Tok], low: &str, lo: usize, hi: usize, i: usize, j: usize) -> Tense {
    let strong = |k: usize| {
        if is_schedule(toks, low, k) {
            return Some(Cue::Future);
        }
        cue(&toks[k], low).filter(|c| *c != Cue::Conditional)
    };
    let left = (lo.max(i.saturating_sub(WINDOW))..i)
        .rev()
        .find_map(|k| strong(k).map(|c| (i - k, c)));
    let right = (j..hi.min(j + WINDOW)).find_map(|k| strong(k).map(|c| (k + 2 - j, c)));
    let conditional = || {
        (lo.max(i.saturating_sub(WINDOW))..hi.min(j + WINDOW))
            .any(|k| cue(&toks[k], low) == Some(Cue::Conditional))
    };
    let best = match (left, right) {
        (Some(l), Some(r)) => Some(if r.0 < l.0 { r } else { l }),
        (l, r) => l.or(r),
    };
    match best.map(|b| b.1) {
        Some(Cue::Past) => Tense::Past,
        Some(Cue::Present) => Tense::Present,
        Some(Cue::Future | Cue::Conditional) => Tense::Future,
        None if conditional() => Tense::Future,
        None => Tense::None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::scan::tokenize;
    use super::*;

    fn tense_of(text: &str, target: &str) -> Tense {
        let low = text.to_ascii_lowercase();
        let toks = tokenize(text, &low);
        let i = toks.iter().position(|t| &text[t.s..t.e] == target).unwrap();
        tense_at(&toks, &low, 0, toks.len(), i, i + 1)
    }

    #[test]
    fn nearest_cue_wins() {
        assert_eq!(
            tense_of("Biden said on Friday that he would go", "Friday"),
            Tense::Past
        );
        assert_eq!(
            tense_of("They will meet on Tuesday, according to aides", "Tuesday"),
            Tense::Future
        );
        assert_eq!(tense_of("Prices rallied on Monday", "Monday"), Tense::Past);
        assert_eq!(tense_of("On Monday", "Monday"), Tense::None);
    }

    #[test]
    fn a_schedule_looks_ahead_and_a_setting_back() {
        assert_eq!(
            tense_of(
                "It will dominate a NATO summit set for Washington in April",
                "April"
            ),
            Tense::Future
        );
        assert_eq!(
            tense_of("The talks are slated to open in May", "May"),
            Tense::Future
        );
        assert_eq!(
            tense_of("Rebels set fire to the town in April", "April"),
            Tense::Past
        );
    }
}
