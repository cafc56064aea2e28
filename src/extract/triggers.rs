//! Triggers: the words of `assets/events.toml` found in a sentence
//! (contiguous forms and gapped patterns), and the word-level tests the
//! filters use (gerunds, finite markers, clause openers, quotes), and the
//! verbs that reverse an event noun (`cues.toml [[reversal]]`).

use super::event::PloverType;
use super::lexicon::{LEXICON, NOT_AN_EVENT};
use super::modality::{AUXILIARIES, MODALS};
use super::text::{Words, is_whole_word, matches_at_word_starts};
use crate::Span;

/// A trigger found in a sentence.
#[derive(Debug, Clone)]
pub(crate) struct TriggerHit {
    /// Index into the lexicon's triggers, or [`NOT_AN_EVENT`].
    pub entry: usize,
    /// The form matched.
    pub form: String,
    /// Where.
    pub span: Span,
}

/// Whether a word has the form of a gerund or present participle
/// ("summoning", "restricting"; not "king" or "thing").
pub(crate) fn is_gerund(word: &str) -> bool {
    word.len() > 5 && word.ends_with("ing")
}

/// Finds the triggers of a sentence (contiguous forms and gapped patterns).
pub(crate) fn find_triggers(text: &str, sentence: Span, words: &Words<'_>) -> Vec<TriggerHit> {
    let lex = &*LEXICON;
    let slice = &text[sentence.0..sentence.1];
    let mut hits: Vec<TriggerHit> = matches_at_word_starts(&lex.trigger_ac, slice)
        .into_iter()
        .filter(|m| is_whole_word(slice, m.start(), m.end()))
        .map(|m| {
            let w = &lex.trigger_words[m.pattern().as_usize()];
            TriggerHit {
                entry: w.entry,
                form: w.form.clone(),
                span: (sentence.0 + m.start(), sentence.0 + m.end()),
            }
        })
        .collect();
    let ws = &words.spans;
    let lower = &words.lower;
    for (i, w) in lower.iter().enumerate() {
        let Some(patterns) = lex.gapped.get(w.as_ref()) else {
            continue;
        };
        'pattern: for p in patterns {
            let mut pos = i;
            let mut end = i;
            for (k, part) in p.parts.iter().enumerate() {
                let limit = if k == 0 {
                    pos + 1
                } else {
                    (pos + 7).min(lower.len())
                };
                let found = (pos..limit).find(|&j| {
                    j + part.len() <= lower.len() && lower[j..j + part.len()] == part[..]
                });
                match found {
                    Some(j) => {
                        end = j + part.len() - 1;
                        pos = j + part.len();
                    }
                    None => continue 'pattern,
                }
            }
            hits.push(TriggerHit {
                entry: p.entry,
                form: p.form.clone(),
                span: (ws[i].0, ws[end].1),
            });
        }
    }
    hits.sort_by_key(|h| (h.span.0, std::cmp::Reverse(h.span.1)));
    // Overlapping hits: the longer (earlier-sorted) one wins.
    let mut kept: Vec<TriggerHit> = Vec::new();
    for h in hits {
        if kept.last().is_some_and(|k| h.span.0 < k.span.1) {
            continue;
        }
        kept.push(h);
    }
    kept.retain(|h| {
        h.entry != NOT_AN_EVENT
            && !ends_a_hyphenated_modifier(text, h.span)
            && !verbal_participle_before_noun(text, h)
    });
    kept
}

/// "the internationally recognised government", "the promised aid", "its
/// disputed claim": a past participle of a verbal trigger (not an act of
/// force: "the wounded soldier" was wounded) after a determiner (and an
/// adverb in -ly) and before a noun or a name describes the noun and
/// tells no act of its own. Unlike the participle test of
/// `ClauseContext::names_a_thing` (any type, the verb entries only, kept
/// as a trigger), it takes the word out before clauses are read, so that it
/// governs no later trigger as its content ("the recognised government
/// announced a ceasefire").
fn verbal_participle_before_noun(text: &str, h: &TriggerHit) -> bool {
    let word = &text[h.span.0..h.span.1];
    let lower = word.to_ascii_lowercase();
    if word.contains(char::is_whitespace)
        || !(lower.ends_with("ed") || lower.ends_with("en"))
        || LEXICON
            .trigger_types
            .get(h.entry)
            .is_none_or(|ty| ty.is_material_conflict())
    {
        return false;
    }
    let determiner =
        |w: &str| DETERMINERS.contains(&w.trim_matches(|c: char| !c.is_alphanumeric()));
    let (at, before) = word_before_at(text, h.span.0);
    // an adverb in -ly between ("the internationally recognised"), not
    // before a finite verb ("strongly condemned recent raids"): after a
    // determiner, or after another modifier of the noun and a comma
    // ("Libya's Tripoli-based, internationally recognised government")
    let adverb = before.len() > 4
        && before.ends_with("ly")
        && {
            let upos = crate::nlp::syntax::treebank_upos(&before);
            upos.is_empty() || upos.contains(&"ADV")
        }
        && (determiner(&word_before(text, at)) || after_a_listed_modifier(text, at));
    if !determiner(&before) && !adverb {
        return false;
    }
    let next = text[h.span.1..]
        .split_whitespace()
        .next()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphanumeric());
    let upos = crate::nlp::syntax::treebank_upos(&next.to_lowercase());
    next.starts_with(|c: char| c.is_uppercase())
        || (!upos.is_empty() && upos.iter().all(|u| matches!(*u, "NOUN" | "ADJ" | "PROPN")))
}

/// Whether the word before `at` is a noun's modifier closed by a comma, in
/// a list of modifiers ("Tripoli-based, ...", "small, ..."): a hyphenated
/// word or an adjective.
fn after_a_listed_modifier(text: &str, at: usize) -> bool {
    let head = text[..at].trim_end();
    let Some(head) = head.strip_suffix(',') else {
        return false;
    };
    let word = head
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
    let lower = word.to_lowercase();
    (word.contains('-') && !word.starts_with('-') && !word.ends_with('-'))
        || crate::nlp::syntax::treebank_upos(&lower) == ["ADJ"]
}

/// "the long-stalled peace talks", "Iranian-backed militias": a trigger
/// word that is the last part of a hyphenated modifier before its noun
/// describes the noun and tells no act (and governs no other trigger).
fn ends_a_hyphenated_modifier(text: &str, span: Span) -> bool {
    let word = &text[span.0..span.1];
    let before = &text[..span.0];
    if word.contains(char::is_whitespace)
        || !before.ends_with('-')
        // (an abbreviation too: "U.S.-backed")
        || !before[..before.len() - 1].ends_with(|c: char| c.is_alphanumeric() || c == '.')
        || !text[span.1..].starts_with(' ')
    {
        return false;
    }
    let next = text[span.1..]
        .split_whitespace()
        .next()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphanumeric());
    // a name or a nationality after it too ("U.S.-backed Kurdish
    // fighters", "Iranian-backed Houthi rebels")
    next.starts_with(|c: char| c.is_uppercase())
        || (next.starts_with(|c: char| c.is_ascii_lowercase())
            && crate::nlp::syntax::treebank_upos(&next.to_lowercase())
                .iter()
                .any(|u| matches!(*u, "NOUN" | "ADJ")))
}

/// Determiners: the words that open a noun phrase before its modifiers
/// ("the internationally recognised government", "any such proposal").
pub(crate) const DETERMINERS: &[&str] = &[
    "a", "an", "the", "its", "their", "his", "her", "our", "this", "that", "these", "those", "any",
    "such", "every", "all", "some",
];

/// Words before a verb form that show it is used as a noun or an
/// infinitive/gerund complement ("any invasion", "to send", "of fomenting").
pub(crate) const COMPLEMENT_OPENERS: &[&str] = &[
    "a", "an", "the", "any", "to", "of", "for", "no", "its", "their", "his", "her", "this", "that",
    "these", "those", "about", "on",
];

/// The lower-case word just before `pos`.
pub(crate) fn word_before(text: &str, pos: usize) -> String {
    word_before_at(text, pos).1
}

/// The word before `pos` (lower-cased, opening quotes skipped) and the byte
/// offset where it starts, so that the word before it can be looked up in turn.
pub(crate) fn word_before_at(text: &str, pos: usize) -> (usize, String) {
    let head =
        text[..pos].trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '“' | '‘'));
    let start = head.rfind(char::is_whitespace).map_or(0, |i| {
        i + head[i..].chars().next().map_or(1, char::len_utf8)
    });
    (start, head[start..].to_lowercase())
}

/// Whether `pos` lies inside a quotation (an odd number of marks before it).
pub(crate) fn inside_quote(quotes: &[usize], sentence_start: usize, pos: usize) -> bool {
    quotes
        .iter()
        .filter(|&&q| q >= sentence_start && q < pos)
        .count()
        % 2
        == 1
}

/// Whether a word is an auxiliary or a modal, the mark of a finite clause.
pub(crate) fn is_finite_marker(word: &str) -> bool {
    AUXILIARIES.contains(&word) || MODALS.contains(&word)
}

/// Whether the lower-case text between a complement-taking trigger and a
/// later one starts a coordinated clause with a subject of its own, so the
/// later trigger is not the content of the first: "warned Moscow last week,
/// and NATO will hold talks".
pub(crate) fn opens_own_clause(between: &str) -> bool {
    [", and ", ", but ", ", while "].iter().any(|conj| {
        between.rfind(conj).is_some_and(|i| {
            let words: Vec<&str> = between[i + conj.len()..].split_whitespace().collect();
            // up to four subject words, then the auxiliary right before the trigger
            (1..=5).contains(&words.len())
                && words.last().is_some_and(|w| is_finite_marker(w))
                && !words[..words.len() - 1].iter().any(|w| is_finite_marker(w))
        })
    })
}

/// A verb of `cues.toml [[reversal]]` right before an event noun of its
/// types, in its clause: the verb and the type the two make ("suspended
/// military aid" → SANCTION, "lifted the pre-existing trade and travel
/// restrictions" → CONCEDE). Up to six words of the noun's phrase between:
/// `reversal_fillers`, possessives, hyphenated words, "and"/"or", and
/// words the treebank has as modifiers or nouns and never as a preposition,
/// an auxiliary, a pronoun or a particle ("trade", not "on").
pub(crate) fn reversed_by(
    text: &str,
    clause: Span,
    trigger: Span,
    ty: PloverType,
) -> Option<(String, PloverType)> {
    let lead = text.get(clause.0..trigger.0)?.to_ascii_lowercase();
    let mut words: Vec<&str> = lead
        .split(|c: char| !c.is_alphanumeric() && c != '.' && c != '-')
        .filter(|w| !w.is_empty())
        .collect();
    // skip determiners and modifiers between the verb and the noun
    let in_phrase = |w: &str| {
        LEXICON.cues.reversal_fillers.iter().any(|f| f == w)
            || w.ends_with("'s")
            || matches!(w, "and" | "or")
            || (w.contains('-') && !w.starts_with('-'))
            || {
                let upos = crate::nlp::syntax::treebank_upos(w);
                upos.iter()
                    .any(|u| matches!(*u, "ADJ" | "NOUN" | "PROPN" | "NUM"))
                    && !upos
                        .iter()
                        .any(|u| matches!(*u, "ADP" | "AUX" | "PRON" | "SCONJ" | "PART"))
            }
    };
    let mut skipped = 0;
    while let Some(w) = words.last() {
        let verb = reversals_of(ty).any(|r| r.verbs.iter().any(|v| v == w));
        if skipped >= 6 || verb || !in_phrase(w) {
            break;
        }
        words.pop();
        skipped += 1;
    }
    let last = words.last()?;
    let last_two = (words.len() >= 2).then(|| format!("{} {}", words[words.len() - 2], last));
    reversals_of(ty).find_map(|r| {
        let verb = r
            .verbs
            .iter()
            .find(|v| v.as_str() == *last || last_two.as_deref() == Some(v.as_str()))?;
        Some((verb.clone(), PloverType::from_name(&r.to)?))
    })
}

/// The reversals of `cues.toml [[reversal]]` that apply to an event noun
/// of type `ty`.
fn reversals_of(ty: PloverType) -> impl Iterator<Item = &'static super::lexicon::Reversal> {
    LEXICON
        .cues
        .reversal
        .iter()
        .filter(move |r| r.from.iter().any(|f| f == ty.name()))
}

/// Whether a clause holds a verb that could reverse an event noun of
/// type `ty` (a cheap test before parsing it), from the sentence's words.
pub(crate) fn may_be_reversed(words: &Words<'_>, clause: Span, ty: PloverType) -> bool {
    words
        .lower_in(clause)
        .any(|w| reversals_of(ty).any(|r| r.verbs.iter().any(|v| v == w)))
}

/// A verb of `cues.toml [[reversal]]` that takes the event noun as its
/// patient in the dependency tree, wherever it stands ("lifted parole
/// restrictions", "sanctions were lifted", "the lifting of the blockade"):
/// the verb and the type the two make.
pub(crate) fn reversed_in_tree(
    text: &str,
    tree: &super::tree_roles::Tree<'_>,
    trigger: Span,
    ty: PloverType,
) -> Option<(String, PloverType)> {
    let head = tree.patient_of(trigger)?;
    let span = tree.words[head].span;
    let verb = text.get(span.0..span.1)?.to_ascii_lowercase();
    reversals_of(ty).find_map(|r| {
        r.verbs
            .contains(&verb)
            .then(|| PloverType::from_name(&r.to).map(|to| (verb.clone(), to)))
            .flatten()
    })
}

/// Material-conflict types: inside a quotation without an actor of their
/// own, they are what a speaker alleges, not events.
pub(crate) const MATERIAL_CONFLICT: &[PloverType] = &[
    PloverType::Protest,
    PloverType::Sanction,
    PloverType::Mobilize,
    PloverType::Coerce,
    PloverType::Assault,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_part_of_a_hyphenated_modifier_is_no_trigger() {
        let t =
            "Syria resumed the long-stalled peace talks. The talks were long-stalled by Israel.";
        let first = t.find("stalled").expect("the word");
        let second = t.rfind("stalled").expect("the word");
        assert!(ends_a_hyphenated_modifier(t, (first, first + 7)));
        let u = "They attacked U.S.-backed Kurdish fighters.";
        let backed = u.find("backed").expect("the word");
        assert!(ends_a_hyphenated_modifier(u, (backed, backed + 6)));
        // predicative, before a preposition: it may still tell an act
        assert!(!ends_a_hyphenated_modifier(t, (second, second + 7)));
    }

    #[test]
    fn a_verbal_participle_before_its_noun_is_no_trigger() {
        let forms = |text: &str| -> Vec<String> {
            let lower = text.to_ascii_lowercase();
            let words = Words::of(text, &lower, (0, text.len()));
            find_triggers(text, (0, text.len()), &words)
                .into_iter()
                .map(|h| h.form)
                .collect()
        };
        let modifier = forms("He doubts the postponed Olympics will go ahead.");
        assert!(!modifier.contains(&"postponed".to_string()), "{modifier:?}");
        for text in [
            "Rebels attacked the internationally recognised Government.",
            "Libya's Tripoli-based, internationally recognised government announced a truce.",
        ] {
            let modifier = forms(text);
            assert!(
                !modifier.contains(&"recognised".to_string()),
                "{text}: {modifier:?}"
            );
        }
        // a finite verb after its adverb, and an act of force, stay
        let verb = forms("The EU strongly condemned recent raids.");
        assert!(verb.contains(&"condemned".to_string()), "{verb:?}");
        let force = forms("They carried the wounded soldier away.");
        assert!(force.contains(&"wounded".to_string()), "{force:?}");
    }
}
