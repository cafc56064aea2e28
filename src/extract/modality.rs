//! Modality and scope: which cues of `assets/cues.toml` govern a trigger.
//!
//! A cue governs a trigger that follows it in the same clause, on the same
//! side of any quotation mark, within the cue window; an attribution
//! ("according to Washington") governs its whole clause wherever it stands;
//! a condition ("if ...") makes its own clause conditional, and a modal main
//! clause that it completes ("would respond ... if") too.

use super::event::{Modality, PloverType};
use super::lexicon::{CueKind, LEXICON, Lexicon};
use super::text::{is_whole_word, quote_between};
use crate::Span;

/// A cue found in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cue {
    /// What it signals.
    pub kind: CueKind,
    /// Where it is.
    pub span: Span,
    /// The cue as listed.
    pub form: String,
}

/// The cues (and clause-break words) of a sentence, sorted by start.
pub fn find_cues(text: &str, sentence: Span) -> Vec<Cue> {
    let lex = &*LEXICON;
    let slice = &text[sentence.0..sentence.1];
    lex.cue_ac
        .find_iter(slice)
        .filter(|m| !is_month_may(slice, m.start(), m.end()))
        .filter(|m| lex.cue_kinds[m.pattern().as_usize()].0 != CueKind::NotACue)
        .filter(|m| {
            let form = &lex.cue_kinds[m.pattern().as_usize()].1;
            // "n't" is glued to its verb: only its end must be a word edge.
            if form.starts_with('n') && (form.contains('\'') || form.contains('\u{2019}')) {
                is_whole_word(slice, m.end(), m.end())
                    || slice[m.end()..]
                        .chars()
                        .next()
                        .is_none_or(|c| !c.is_alphanumeric())
            } else {
                is_whole_word(slice, m.start(), m.end())
            }
        })
        .map(|m| {
            let (kind, form) = &lex.cue_kinds[m.pattern().as_usize()];
            Cue {
                kind: *kind,
                span: (sentence.0 + m.start(), sentence.0 + m.end()),
                form: form.clone(),
            }
        })
        .collect()
}

/// Whether the word at `start..end` of `slice` is the month "May", not the
/// modal: written with a capital inside the sentence ("On May 6, Kopp was
/// charged"), or before a day or a year at its start ("May 6 was the
/// day").
fn is_month_may(slice: &str, start: usize, end: usize) -> bool {
    if &slice[start..end] != "May" {
        return false;
    }
    let at_start = slice[..start]
        .trim_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '\u{201c}' | '`' | '\''))
        .is_empty();
    !at_start
        || slice[end..]
            .trim_start()
            .starts_with(|c: char| c.is_ascii_digit())
}

/// Break words that open a subordinate clause.
const SUBORDINATORS: &[&str] = &[
    "before", "after", "while", "whereas", "although", "though", "because", "since", "when", "as",
];

/// Auxiliaries that open a finite predicate ("and has backed").
pub const AUXILIARIES: &[&str] = &[
    "has", "have", "had", "is", "are", "was", "were", "will", "would",
];

/// Modal verbs, which also open a finite predicate ("and NATO could").
pub const MODALS: &[&str] = &["could", "can", "may", "might", "must", "should"];

/// Clause boundaries of a sentence: punctuation that ends a clause and the
/// break words of the cue file, as byte positions (sentence edges included).
pub fn clause_breaks(text: &str, sentence: Span, cues: &[Cue]) -> Vec<usize> {
    let mut b = vec![sentence.0, sentence.1];
    let slice = &text[sentence.0..sentence.1];
    for (i, c) in slice.char_indices() {
        if matches!(c, '(' | ')') && in_short_parenthesis(slice, i) {
            // "the Lebanese Armed Forces (LAF) with aircraft": a name's
            // acronym or a short gloss, no clause of its own
            continue;
        }
        if matches!(c, ';' | ':' | '(' | ')' | '—' | '–') {
            b.push(sentence.0 + i);
        }
    }
    b.extend(
        cues.iter()
            .filter(|c| c.kind == CueKind::Break || c.form == "according to")
            .map(|c| c.span.0),
    );
    // an introductory subordinate clause ends at its comma:
    // "Before their first meeting on June 16, Biden is adamant ..."
    for c in cues.iter().filter(|c| c.kind == CueKind::Break) {
        if SUBORDINATORS.contains(&c.form.as_str())
            && let Some(comma) = text[c.span.1..sentence.1].find(',')
        {
            b.push(c.span.1 + comma);
        }
    }
    // a coordinated predicate starts a clause: "annexed Crimea and has backed"
    let lower = text[sentence.0..sentence.1].to_ascii_lowercase();
    for conj in [" and ", " but ", " or "] {
        for (i, _) in lower.match_indices(conj) {
            let next = lower[i + conj.len()..]
                .split_whitespace()
                .next()
                .unwrap_or("");
            let verbal = AUXILIARIES.contains(&next) || (next.len() > 4 && next.ends_with("ed"));
            if verbal {
                b.push(sentence.0 + i + 1);
            }
        }
    }
    b.sort_unstable();
    b.dedup();
    b
}

/// Whether the parenthesis mark at byte `i` of `s` opens or closes a short
/// aside on one line: at most three words, no clause mark inside ("(LAF)",
/// "(450 miles)", "(D-Conn.)"), and not a dateline's credit ("(AP)_").
fn in_short_parenthesis(s: &str, i: usize) -> bool {
    let (open, close) = if s[i..].starts_with('(') {
        (Some(i), s[i..].find(')').map(|k| i + k))
    } else {
        (s[..i].rfind('('), Some(i))
    };
    let (Some(open), Some(close)) = (open, close) else {
        return false;
    };
    if open >= close {
        return false;
    }
    // a dateline's credit ends the dateline: "ISTANBUL, Turkey (AP)_ Some"
    let after = s[close + 1..].trim_start_matches(' ');
    if after.starts_with(['_', '-', '\u{2014}', '\u{2013}']) {
        return false;
    }
    let inner = &s[open + 1..close];
    !inner.contains(['(', ';', ':', '\n', '"'])
        && !inner.contains(", ")
        && inner.split_whitespace().count() <= 3
}

/// The clause around `span`: from the last break at or before its start to
/// the first break after its end.
pub fn clause_of(breaks: &[usize], span: Span) -> Span {
    let start = breaks
        .iter()
        .rev()
        .find(|&&b| b <= span.0)
        .copied()
        .unwrap_or(span.0);
    let end = breaks
        .iter()
        .find(|&&b| b >= span.1)
        .copied()
        .unwrap_or(span.1);
    (start, end)
}

/// Number of words in `text[a..b]` (either order).
pub(crate) fn words_between(text: &str, a: usize, b: usize) -> usize {
    text[a.min(b)..a.max(b)].split_whitespace().count()
}

/// Whether a negation cue ending at `cue_end` still scopes over a trigger at
/// `trigger_start`: negation is local (NegEx): it stops at a comma and at a
/// coordinated predicate ("has denied X and accused Y").
fn negation_reaches(text: &str, cue: &Cue, trigger: Span) -> bool {
    let cue_end = cue.span.1;
    let between = &text[cue_end..trigger.0];
    if between.contains([',', ';', ':']) {
        return false;
    }
    let lower = between.to_ascii_lowercase();
    let coordinated = [" and ", " but "].iter().any(|c| {
        lower.match_indices(c).any(|(i, _)| {
            let next = lower[i + c.len()..].split_whitespace().next().unwrap_or("");
            next.ends_with("ed") || next == "has" || next == "have" || next == "is" || next == "was"
        })
    });
    let trigger_follows_and =
        lower.trim_end().ends_with(" and") || lower.trim_end().ends_with(" but");
    let verbal = text[trigger.0..trigger.1]
        .split_whitespace()
        .next()
        .is_some_and(|w| w.ends_with("ed"));
    !(coordinated || trigger_follows_and && verbal) && reaches_through(between, &cue.form)
}

/// Whether a negation passes the words between its cue and the trigger:
/// a negating determiner only adjectives, numbers and the like, or a noun
/// that carries it on ("no plans of"); a negated verb nouns, function words
/// and the verbs it passes through, but no other verb and no clause opener.
fn reaches_through(between: &str, cue: &str) -> bool {
    use crate::nlp::syntax::treebank_upos;
    let cues = &LEXICON.cues;
    let words: Vec<String> = between
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let contains = |list: &[String], w: &str| list.iter().any(|x| x == w);
    if contains(&cues.negating_determiners, cue) {
        return match words.first() {
            Some(w) if contains(&cues.negation_nouns, w) => true,
            _ => words.iter().all(|w| {
                let upos = treebank_upos(w);
                upos.is_empty()
                    || upos
                        .iter()
                        .any(|u| matches!(*u, "ADJ" | "DET" | "NUM" | "ADV" | "CCONJ"))
            }),
        };
    }
    if !contains(&cues.verbal_negators, cue) {
        // phrases ("no plans of", "refused to") and verbs of denial reach
        // as far as the window lets them
        return true;
    }
    words.iter().all(|w| {
        if contains(&cues.negation_stops, w) {
            return false;
        }
        let upos = treebank_upos(w);
        let only_verb = upos.contains(&"VERB") && !upos.contains(&"NOUN") && !upos.contains(&"AUX");
        !only_verb || contains(&cues.negation_carriers, w)
    })
}

/// The condition opener whose clause holds the trigger ("if Russia
/// launches an invasion"), if any: the nearest before it, within the cue
/// window, with no quotation mark between.
pub fn condition_over<'c>(
    text: &str,
    trigger: Span,
    cues: &'c [Cue],
    quotes: &[usize],
) -> Option<&'c Cue> {
    cues.iter().rev().find(|c| {
        c.kind == CueKind::Condition
            && c.span.1 <= trigger.0
            && !quote_between(quotes, c.span.1, trigger.0)
            && words_between(text, c.span.1, trigger.0) <= LEXICON.cues.window
    })
}

/// The modality of a trigger of type `t` at `trigger`, and the cue that
/// decided it. `nominal` triggers (nouns) also take a modal right after them
/// ("the meeting will take place", "a strike could be planned").
pub fn modality_of(
    text: &str,
    t: PloverType,
    trigger: Span,
    nominal: bool,
    cues: &[Cue],
    breaks: &[usize],
    quotes: &[usize],
) -> (Modality, Option<String>) {
    let lex: &Lexicon = &LEXICON;
    let clause = clause_of(breaks, trigger);
    let speech_act = Lexicon::in_types(&lex.cues.speech_acts, t);
    let window = lex.cues.window;
    let before = |c: &Cue| {
        c.span.1 <= trigger.0
            && c.span.0 >= clause.0
            && !quote_between(quotes, c.span.1, trigger.0)
            && words_between(text, c.span.1, trigger.0) <= window
    };
    let right_after = |c: &Cue| {
        nominal
            && c.span.0 >= trigger.1
            && c.span.0 < clause.1
            && words_between(text, trigger.1, c.span.0) <= 1
    };
    let find = |kind: CueKind| {
        cues.iter()
            .rev()
            .find(|c| c.kind == kind && before(c))
            .or_else(|| cues.iter().find(|c| c.kind == kind && right_after(c)))
    };
    let negation = cues.iter().rev().find(|c| {
        c.kind == CueKind::Negation
            && c.span.1 <= trigger.0
            && c.span.0 >= clause.0
            && words_between(text, c.span.1, trigger.0) <= window
            && negation_reaches(text, c, trigger)
    });
    if let Some(c) = negation {
        return (Modality::Negated, Some(c.form.clone()));
    }
    // A condition: the trigger is in the if-clause, or a modal main clause
    // is completed by an if-clause after it.
    if let Some(c) = condition_over(text, trigger, cues, quotes) {
        return (Modality::Conditional, Some(c.form.clone()));
    }
    let modal_main = cues.iter().find(|c| {
        matches!(c.kind, CueKind::Hypothetical | CueKind::Planned)
            && (before(c) || right_after(c) || (c.span.0 >= trigger.0 && c.span.1 <= trigger.1))
            && matches!(
                c.form.as_str(),
                "would" | "will" | "could" | "might" | "can"
            )
    });
    if let Some(m) = modal_main
        && let Some(c) = cues
            .iter()
            .find(|c| c.kind == CueKind::Condition && c.span.0 >= trigger.1)
    {
        return (
            Modality::Conditional,
            Some(format!("{} … {}", m.form, c.form)),
        );
    }
    if !speech_act {
        if let Some(c) = find(CueKind::Hypothetical) {
            return (Modality::Hypothetical, Some(c.form.clone()));
        }
        if let Some(c) = find(CueKind::Planned) {
            return (Modality::Planned, Some(c.form.clone()));
        }
    }
    let habit = cues.iter().find(|c| {
        c.kind == CueKind::Habitual
            && c.span.0 >= clause.0
            && c.span.1 <= clause.1
            && !quote_between(quotes, c.span.1.min(trigger.0), trigger.0.max(c.span.1))
    });
    if let Some(c) = habit {
        return (Modality::Habitual, Some(c.form.clone()));
    }
    let attributed = cues.iter().find(|c| {
        c.kind == CueKind::Reported
            && (before(c) || (c.span.0 >= trigger.1 && c.form == "according to"))
    });
    if let Some(c) = attributed {
        return (Modality::Reported, Some(c.form.clone()));
    }
    (Modality::Asserted, None)
}

/// The cue of a given kind that governs `trigger` from before it in its
/// clause (same side of quotation marks, within the window), if any.
pub fn governing_cue<'a>(
    text: &str,
    kind: CueKind,
    trigger: Span,
    cues: &'a [Cue],
    breaks: &[usize],
    quotes: &[usize],
) -> Option<&'a Cue> {
    let clause = clause_of(breaks, trigger);
    cues.iter().rev().find(|c| {
        c.kind == kind
            && c.span.1 <= trigger.0
            && c.span.0 >= clause.0
            && !quote_between(quotes, c.span.1, trigger.0)
            && words_between(text, c.span.1, trigger.0) <= LEXICON.cues.window
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_aside_in_parentheses_is_no_clause_but_a_dateline_credit_is() {
        // whether the text's parentheses break its clauses
        let broken = |text: &str| {
            let span = (0, text.len());
            let b = clause_breaks(text, span, &find_cues(text, span));
            b.contains(&text.find('(').unwrap()) && b.contains(&text.find(')').unwrap())
        };
        assert!(!broken("The Lebanese Armed Forces (LAF) got aircraft"));
        assert!(!broken("It went 700 kilometers (450 miles) north"));
        assert!(broken("ISTANBUL, Turkey (AP)_ Some 1,500 marched"));
        assert!(broken(
            "He left (he said that he was tired of it all) early"
        ));
    }

    #[test]
    fn the_month_may_is_no_modal() {
        let mays = |text: &str| {
            find_cues(text, (0, text.len()))
                .iter()
                .filter(|c| c.form == "may")
                .count()
        };
        assert_eq!(mays("On May 6, Kopp was charged."), 0);
        assert_eq!(mays("May 6 was the day."), 0);
        assert_eq!(mays("May they go?"), 1);
        assert_eq!(mays("Russia may invade."), 1);
    }
    use crate::extract::text::quote_marks;

    fn modality(sentence: &str, trigger: &str, t: PloverType) -> Modality {
        let span = (0, sentence.len());
        let cues = find_cues(sentence, span);
        let breaks = clause_breaks(sentence, span, &cues);
        let quotes = quote_marks(sentence, span);
        let s = sentence.find(trigger).unwrap();
        modality_of(
            sentence,
            t,
            (s, s + trigger.len()),
            false,
            &cues,
            &breaks,
            &quotes,
        )
        .0
    }

    #[test]
    fn negation_scope() {
        let s = "Russia has said it has no plans of invading or attacking its neighbor.";
        assert_eq!(
            modality(s, "invading", PloverType::Assault),
            Modality::Negated
        );
        assert_eq!(
            modality(s, "attacking", PloverType::Assault),
            Modality::Negated
        );
        let s =
            "the US does not want to start a cycle of escalation and confrontation with Russia.";
        assert_eq!(
            modality(s, "confrontation", PloverType::Threaten),
            Modality::Negated
        );
        let s = "Russia has denied any belligerent intentions and accused the West of fomenting tensions.";
        assert_eq!(
            modality(s, "accused", PloverType::Accuse),
            Modality::Asserted
        );
        // the negation of another predicate stays there
        let not_negated = [
            (
                "The ministry could not provide details of the talks.",
                "talks",
                PloverType::Consult,
            ),
            (
                "Officials gave no details about the airstrikes.",
                "airstrikes",
                PloverType::Assault,
            ),
            (
                "It was not clear whether the attack was ordered by Moscow.",
                "attack",
                PloverType::Assault,
            ),
            (
                "No civilians were hurt in the shelling of the town.",
                "shelling",
                PloverType::Assault,
            ),
            (
                "Police did not say if the arrests were linked.",
                "arrests",
                PloverType::Coerce,
            ),
        ];
        for (s, trigger, t) in not_negated {
            assert_ne!(modality(s, trigger, t), Modality::Negated, "{s}");
        }
        // and reaches its own predicate, what it controls and light verbs' objects
        let negated = [
            (
                "Russia did not hold talks with Ukraine.",
                "talks",
                PloverType::Consult,
            ),
            (
                "The minister would not try to visit Kyiv.",
                "visit",
                PloverType::Consult,
            ),
            (
                "Moscow imposed no new sanctions.",
                "sanctions",
                PloverType::Sanction,
            ),
            (
                "The army will not allow the rebels to attack the city.",
                "attack",
                PloverType::Assault,
            ),
        ];
        for (s, trigger, t) in negated {
            assert_eq!(modality(s, trigger, t), Modality::Negated, "{s}");
        }
        let s = "While a breakthrough was not expected, the talks were seen as needed.";
        assert_eq!(
            modality(s, "talks", PloverType::Consult),
            Modality::Asserted
        );
    }

    #[test]
    fn conditions_and_modals() {
        let s = "The U.S. would respond with economic and other measures if there were to be a military escalation.";
        assert_eq!(
            modality(s, "respond", PloverType::Threaten),
            Modality::Conditional
        );
        assert_eq!(
            modality(s, "escalation", PloverType::Mobilize),
            Modality::Conditional
        );
        let s =
            "The leaders have formed a joint strategy if Russia launches an invasion into Ukraine.";
        assert_eq!(
            modality(s, "joint strategy", PloverType::Cooperate),
            Modality::Asserted
        );
        assert_eq!(
            modality(s, "invasion", PloverType::Assault),
            Modality::Conditional
        );
        let s = "Potential measures against Russia could be restricting Russia’s banks.";
        assert_eq!(
            modality(s, "measures", PloverType::Sanction),
            Modality::Hypothetical
        );
        assert_eq!(
            modality(s, "restricting", PloverType::Sanction),
            Modality::Hypothetical
        );
    }

    #[test]
    fn planned_reported_and_speech_acts() {
        let s =
            "Biden and Putin will meet by video conference on Tuesday, according to the Kremlin.";
        assert_eq!(modality(s, "meet", PloverType::Consult), Modality::Planned);
        let s =
            "Moscow has massed soldiers near Ukraine’s borders, according to Washington and Kiev.";
        assert_eq!(
            modality(s, "massed", PloverType::Mobilize),
            Modality::Reported
        );
        let s = "Biden stated that Putin will “pay a price” for it.";
        assert_eq!(
            modality(s, "pay a price", PloverType::Threaten),
            Modality::Asserted
        );
        let s = "Biden said he was “clear that we could have gone further” during a phone chat.";
        assert_eq!(
            modality(s, "phone chat", PloverType::Consult),
            Modality::Asserted
        );
    }
}
