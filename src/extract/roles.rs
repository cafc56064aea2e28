//! Who did what to whom: the source and target of a trigger, from word
//! order (the subject side, the object side, `by X` in the passive, every
//! participant of a reciprocal event, a relative clause's antecedent, the
//! speaker of a threat) and, where word order is unsure, from the
//! dependency tree of the clause (`tree_roles`).

use super::actors::{ActorHit, group_actors};
use super::event::{ActorMention, Event, LocationBasis, PloverType};
use super::lexicon::{ActorForm, LEXICON};
use super::tree_roles::Tree;
use super::triggers::*;
use crate::Span;
use crate::nlp::markers::WordMarkers;
use std::sync::LazyLock;

/// Words that make the actor after them an oblique, not a subject.
pub(crate) const PREPOSITIONS: &[&str] = &[
    "from", "over", "of", "about", "against", "with", "to", "for", "on", "at", "in", "near",
    "into", "toward", "towards", "between", "among", "than", "apart", "despite", "amid", "across",
];

/// Whether the actor is the object of a preposition ("from Ukraine").
pub(crate) fn oblique(text: &str, a: &ActorHit) -> bool {
    let (mut at, mut w) = word_before_at(text, a.span.0);
    if w == "the" {
        (at, w) = word_before_at(text, at);
    }
    if w == "of" {
        // "the leaders of the U.S.": a title's actor, not an oblique
        let head = word_before(text, at);
        return !super::actors::is_title_word(&head);
    }
    // "with Moscow summoning its ambassador": the subject of the gerund
    let next = super::text::next_word(text, a.span.1).trim_matches(|c: char| !c.is_alphanumeric());
    if w == "with" && is_gerund(next) {
        return false;
    }
    // the object of a gerund: "restricting Russia's banks from converting
    // its currency"
    let object_of_gerund = is_gerund(&w) && w.chars().all(|c| c.is_ascii_lowercase());
    PREPOSITIONS.contains(&w.as_str()) || object_of_gerund
}

pub(crate) fn mention(text: &str, h: &ActorHit) -> ActorMention {
    ActorMention {
        code: h.code.clone(),
        text: text[h.span.0..h.span.1].to_string(),
        span: h.span,
        country: h.country().map(str::to_string),
        role: h.role.map(str::to_string),
        entry: h.entry.describe(),
    }
}

/// A reference whose antecedent its own sentence names ("Netanyahu says
/// he will seek support"): the named mention stands for it, as the text
/// and span of the participant.
pub(crate) fn name_references(
    text: &str,
    mentions: &mut Vec<ActorMention>,
    actors: &[ActorHit],
    sentence: Span,
) {
    for m in mentions.iter_mut().filter(|m| m.entry == "reference") {
        if let Some(a) = actors.iter().rev().find(|a| {
            !a.anaphoric
                && !a.location
                && a.code == m.code
                && a.span.0 >= sentence.0
                && a.span.1 <= m.span.0
        }) {
            *m = mention(text, a);
        }
    }
    dedup_codes(mentions);
}

/// Keeps the first mention of each code, and each uncoded mention of its
/// own words.
pub(crate) fn dedup_codes(v: &mut Vec<ActorMention>) {
    let mut seen = std::collections::HashSet::new();
    v.retain(|m| {
        let key = if m.code.is_empty() {
            format!("\u{0}{}", m.text)
        } else {
            m.code.clone()
        };
        seen.insert(key)
    });
}

/// Whether an actor is attached to a nominal trigger: an adjective or
/// possessive right before it ("a Russian military buildup", "Russia's
/// invasion"), "by X" right after it, or "from X" where the trigger, of
/// type `ty`, is an event noun whose "from" names its doer
/// ([`from_names_the_doer`]: "warnings from Moscow").
pub(crate) fn attached_actor<'a>(
    text: &str,
    trigger: Span,
    ty: PloverType,
    actors: &'a [ActorHit],
) -> Option<&'a ActorHit> {
    actors.iter().filter(|a| !a.location).find(|a| {
        if a.span.1 <= trigger.0 && trigger.0 - a.span.1 <= 40 {
            let gap = &text[a.span.1..trigger.0];
            let n = gap.split_whitespace().count();
            n <= 2
                && !gap
                    .split_whitespace()
                    .any(super::triggers::is_finite_marker)
                && (a.form == ActorForm::Adjective
                    || gap.starts_with("'s")
                    || gap.starts_with("’s"))
                && !gap.split_whitespace().any(another_phrase)
                && !gap.contains([',', ';', '.'])
        } else if a.span.0 >= trigger.1 && a.span.0 - trigger.1 <= 24 {
            let gap = text[trigger.1..a.span.0].trim().to_ascii_lowercase();
            // "attack by rebels"
            let from =
                (gap == "from" || gap == "from the") && from_names_the_doer(text, trigger, ty);
            gap == "by"
                || gap == "by the"
                || reduced_relative_by(&gap, || ends_in_a_noun(text, trigger))
                || from
                || agent_after_of(text, trigger, a)
        } else if a.span.0 >= trigger.1 && a.span.0 - trigger.1 <= 64 {
            let gap = text[trigger.1..a.span.0].trim().to_ascii_lowercase();
            reduced_relative_by(&gap, || ends_in_a_noun(text, trigger))
                || agent_after_of(text, trigger, a)
        } else {
            false
        }
    })
}

/// Whether the words between an event noun and an actor after it are a
/// reduced relative clause whose "by" names the doer: "a manhunt conducted
/// by the FBI", "the attack carried out by Taliban militants", "a protest
/// rally called by the political opposition" (the compound's head noun, a
/// participle, a particle, "by", a determiner and a modifier at most). A
/// head noun between is asked of `noun_trigger` only: after a verb it is
/// the verb's object ("Iran denied accusations made by the United States").
fn reduced_relative_by(gap: &str, noun_trigger: impl FnOnce() -> bool) -> bool {
    let words: Vec<&str> = gap.split_whitespace().collect();
    let Some(by) = words.iter().position(|&w| w == "by") else {
        return false;
    };
    let (lead, tail) = (&words[..by], &words[by + 1..]);
    let tail = tail.strip_prefix(&["the"]).unwrap_or(tail);
    let participle = |w: &str| {
        (w.ends_with("ed") && w.len() > 4)
            || LEXICON.cues.irregular_participles.iter().any(|p| p == w)
    };
    let lead = match lead {
        [rest @ .., last] if LEXICON.cues.phrasal_particles.iter().any(|p| p == last) => rest,
        _ => lead,
    };
    let plain = |w: &&str| w.chars().all(|c| c.is_ascii_alphabetic() || c == '-');
    tail.len() <= 1
        && tail.iter().all(plain)
        && match lead {
            [p] => participle(p),
            [noun, p] => plain(noun) && !participle(noun) && participle(p) && noun_trigger(),
            _ => false,
        }
}

/// Whether the trigger's last word is a noun the treebank knows, not a
/// past form ("attack", "protest"; not "denied").
fn ends_in_a_noun(text: &str, trigger: Span) -> bool {
    let last = text[trigger.0..trigger.1]
        .split_whitespace()
        .next_back()
        .unwrap_or("")
        .to_ascii_lowercase();
    !last.ends_with("ed") && crate::nlp::syntax::treebank_upos(&last).contains(&"NOUN")
}

/// Whether "from" after the trigger names its doer: the trigger is an
/// event noun here ("stern warnings from Moscow", "faced criticism from
/// Germany", "Russia's demands from Kiev"; not the verb of "Russia demands
/// from Kiev") of a type whose doer is not left behind ("a withdrawal from
/// Lebanon" leaves Lebanon), and not done together ("cooperation from
/// Kenya" is Kenya's and the speaker's).
fn from_names_the_doer(text: &str, trigger: Span, ty: PloverType) -> bool {
    if matches!(ty, PloverType::Retreat | PloverType::Mobilize) || ty.is_reciprocal() {
        // ("cooperation from Kenya" is theirs and the speaker's)
        return false;
    }
    let words: Vec<String> = text[trigger.0..trigger.1]
        .split_whitespace()
        .map(str::to_ascii_lowercase)
        .collect();
    let Some((last, modifiers)) = words.split_last() else {
        return false;
    };
    // a phrase is a noun phrase only of modifiers ("suicide attacks"; not
    // "rejected demands", whose doer is the verb's subject)
    if !modifiers.iter().all(|w| {
        crate::nlp::syntax::treebank_upos(w)
            .iter()
            .any(|u| matches!(*u, "NOUN" | "ADJ" | "PROPN"))
    }) {
        return false;
    }
    // a plural the treebank never saw is read as its singular ("warnings")
    let mut upos = crate::nlp::syntax::treebank_upos(last);
    if upos.is_empty()
        && let Some(stem) = last.strip_suffix('s')
    {
        upos = crate::nlp::syntax::treebank_upos(stem);
    }
    if !upos.contains(&"NOUN") {
        return false;
    }
    // "demands" is the verb of "Russia demands" though the treebank saw
    // only the noun: a plural is read with its singular too
    let verb = upos.contains(&"VERB")
        || last
            .strip_suffix('s')
            .is_some_and(|stem| crate::nlp::syntax::treebank_upos(stem).contains(&"VERB"));
    if !verb {
        return true;
    }
    // a noun that is also a verb is a noun after a determiner, modifier
    // or verb, not after a name or pronoun that could be its subject
    let lead = &text[..trigger.0];
    let prev = lead.split_whitespace().next_back().unwrap_or("");
    // at the start of a sentence or a line a noun leads ("Pressure from
    // the UN forced ...")
    let opening = lead
        .trim_end_matches([' ', '\t'])
        .ends_with(['\n', '.', '!', '?', ':', ';'])
        || lead.trim().is_empty();
    let possessive = prev.ends_with("'s") || prev.ends_with("\u{2019}s");
    let lower = prev.to_ascii_lowercase();
    opening
        || possessive
        || (!prev.starts_with(|c: char| c.is_uppercase())
            && !crate::nlp::syntax::treebank_upos(&lower).contains(&"PRON")
            && prev.chars().any(char::is_alphabetic))
}

/// The receiving verb ([`Cues::receiving_verbs`]) between the subject
/// `subject` (before the trigger, in its clause) and the event noun at
/// `trigger`, with only auxiliaries, adverbs and the noun's modifiers
/// beside it: "the government has faced sharp criticism".
///
/// [`Cues::receiving_verbs`]: super::lexicon::Cues::receiving_verbs
fn receiving_verb<'t>(
    text: &'t str,
    clause: Span,
    trigger: Span,
    subject: &[ActorMention],
) -> Option<&'t str> {
    let end = subject
        .iter()
        .filter(|m| m.span.0 >= clause.0 && m.span.1 <= trigger.0)
        .map(|m| m.span.1)
        .max()?;
    let gap = &text[end..trigger.0];
    if gap.contains([',', ';', ':', '"']) || gap.split_whitespace().count() > 6 {
        return None;
    }
    let lower = gap.to_ascii_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    let verbs = &LEXICON.cues.receiving_verbs;
    (0..words.len()).find_map(|i| {
        let two = words.get(i + 1).map(|n| format!("{} {n}", words[i]));
        let (form, rest) = match two.filter(|p| verbs.contains(p)) {
            Some(p) => (p, &words[i + 2..]),
            None if verbs.iter().any(|v| v == words[i]) => (words[i].to_string(), &words[i + 1..]),
            None => return None,
        };
        // the noun's own modifiers may stand between the verb and it (a
        // word the treebank never saw is most likely one: "stern")
        let modifiers = rest.iter().all(|w| {
            let upos = crate::nlp::syntax::treebank_upos(w);
            DETERMINERS.contains(w)
                || (upos.is_empty() && w.chars().all(|c| c.is_ascii_alphabetic()))
                || upos
                    .iter()
                    .any(|u| matches!(*u, "ADJ" | "DET" | "NOUN" | "ADV" | "NUM"))
        });
        let start = lower.find(&form)?;
        modifiers.then(|| text[end + start..end + start + form.len()].trim())
    })
}

/// Whether a word between an adjective actor and a trigger puts them in
/// different phrases: a determiner ("American authorities allege the
/// attacks") or a word the treebank knows only as a verb.
fn another_phrase(w: &str) -> bool {
    let w = w
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_ascii_lowercase();
    if w == "a" || w == "an" || LEXICON.cues.reference_determiners.contains(&w) {
        return true;
    }
    let upos = crate::nlp::syntax::treebank_upos(&w);
    upos.contains(&"VERB") && !upos.iter().any(|u| matches!(*u, "NOUN" | "ADJ" | "PROPN"))
}

/// "the killings of ethnic Albanians by Serb police": the agent after an
/// event noun's own "of" phrase.
fn agent_after_of(text: &str, trigger: Span, a: &ActorHit) -> bool {
    let gap = text[trigger.1..a.span.0].trim().to_ascii_lowercase();
    gap.starts_with("of ")
        && (gap.ends_with(" by") || gap.ends_with(" by the"))
        && !gap.contains([',', ';', '.', '(', '"'])
        && gap.matches(" by").count() == 1
        && !gap
            .split_whitespace()
            .any(super::triggers::is_finite_marker)
}

/// Whether the words before a verb in its clause name its subject with
/// people no dictionary codes ("30,000 workers in Mexico went on strike",
/// "Teachers have walked out"): a plural agent noun ([`is_agent_noun`])
/// with no preposition before it. Such a clause has its own subject, so no earlier actor
/// stands in for it; an abstract subject ("measures against Russia could
/// be") leaves the story's actor in place.
pub(crate) fn names_a_subject(lead: &str) -> bool {
    let words: Vec<String> = lead
        .split(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'')
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    words.iter().enumerate().any(|(i, w)| {
        w.ends_with('s')
            && is_agent_noun(w)
            && !words[..i]
                .iter()
                .any(|p| PREPOSITIONS.contains(&p.as_str()))
    })
}

/// Whether a lower-case word is an agent noun ("protester", "miners",
/// "activists", "detainees", "militants"): an agent ending, singular or
/// plural, on a word the treebank knows only as a noun (or does not know:
/// "picketers").
pub(crate) fn is_agent_noun(w: &str) -> bool {
    let singular = w.strip_suffix('s').unwrap_or(w);
    w.chars().all(char::is_alphabetic)
        && ["er", "or", "ist", "ee", "ant"]
            .iter()
            .any(|e| singular.ends_with(e))
        && crate::nlp::syntax::treebank_upos(w)
            .iter()
            .all(|&u| u == "NOUN")
}

/// The words worth parsing for a trigger, where word order alone is unsure
/// of its roles (parsing is the costly step of the analysis, so the tree
/// is asked only here, and only for the clause): a passive ("was
/// arrested", "by the army"), a relative clause ("who", "which": parsed
/// from the start of the sentence, where its antecedent is), an infinitive
/// (from the start of the sentence, where the verb it depends on is), or an act of
/// force or coercion whose target word order did not find. Parsing every
/// clause with a trigger would cost four times the rest of the analysis.
pub(crate) fn tree_window(
    text: &str,
    ty: PloverType,
    sentence: Span,
    clause: Span,
    trigger: Span,
    no_target: bool,
) -> Option<Span> {
    let passive = looks_passive(text, trigger);
    let opener = text[clause.0..trigger.0]
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    let relative = matches!(opener.as_str(), "who" | "which" | "that");
    // "called Erdogan to apologize": the doer of an infinitive is the
    // subject or the object of the verb before it, which only the tree
    // tells apart
    let infinitive = word_before(text, trigger.0) == "to";
    if relative || infinitive {
        Some((sentence.0, clause.1))
    } else if passive || (no_target && MATERIAL_CONFLICT.contains(&ty)) {
        Some(clause)
    } else {
        None
    }
}

/// Whether the words make the trigger a passive: a participle after a
/// form of "be" ("was charged", "have been accepted"; the trigger may hold
/// its auxiliary), or a "by" phrase right after it.
fn looks_passive(text: &str, trigger: Span) -> bool {
    let after = crate::slice::head(&text[trigger.1..], 8).to_ascii_lowercase();
    let words: Vec<String> = text[trigger.0..trigger.1]
        .split_whitespace()
        .map(str::to_ascii_lowercase)
        .collect();
    let is_be = |w: &str| matches!(w, "was" | "were" | "been" | "being" | "is" | "are" | "be");
    let (before, word) = match words.as_slice() {
        [aux, verb, ..] if is_be(aux) => (aux.clone(), verb.clone()),
        [first, ..] => (word_before(text, trigger.0), first.clone()),
        [] => (String::new(), String::new()),
    };
    let participle = word.ends_with("ed") || word.ends_with("en") || word.ends_with("wn");
    // "is opposed to", "are committed to": a state of the subject, whose
    // doer it is
    let stative = after.trim_start().starts_with("to ");
    (participle && is_be(&before) && !stative) || after.trim_start().starts_with("by ")
}

/// The tree of `window`, parsed once per sentence and window.
pub(crate) fn tree_for<'t>(
    trees: &'t mut Vec<(Span, Option<Tree<'static>>)>,
    text: &str,
    window: Span,
) -> Option<&'t Tree<'static>> {
    let i = match trees.iter().position(|(w, _)| *w == window) {
        Some(i) => i,
        None => {
            trees.push((window, parse_sentence(text, window)));
            trees.len() - 1
        }
    };
    trees[i].1.as_ref()
}

/// The dictionary entries of an event's actors, for its rule (`; USA from
/// actors.toml USA, EGYCOP from actors.toml EGY + agents.toml COP
/// "police"`); pronouns and uncoded participants left out.
pub(crate) fn actor_entries(source: &[ActorMention], target: &[ActorMention]) -> String {
    let entries: Vec<String> = source
        .iter()
        .chain(target)
        .filter(|m| !m.code.is_empty() && !m.entry.is_empty() && m.entry != "reference")
        .map(|m| format!("{} from {}", m.code, m.entry))
        .collect();
    if entries.is_empty() {
        String::new()
    } else {
        format!(" ({})", entries.join(", "))
    }
}

/// The last word of a phrase, without punctuation.
fn last_word_of(phrase: &str) -> &str {
    phrase
        .split(|c: char| !c.is_alphanumeric())
        .rfind(|w| !w.is_empty())
        .unwrap_or("")
}

/// A participant the tree names that no dictionary codes: its words, no
/// code.
pub(crate) fn uncoded(text: &str, span: Span, relation: &str) -> ActorMention {
    ActorMention {
        code: String::new(),
        text: text[span.0..span.1].to_string(),
        span,
        country: None,
        role: None,
        entry: format!("tree {relation} (in no dictionary)"),
    }
}

/// The dependency tree of the sentence at `span`, if the syntax model is
/// available (without it, roles come from word order alone).
pub(crate) fn parse_sentence(text: &str, span: Span) -> Option<Tree<'static>> {
    let model = crate::nlp::syntax::default_model().ok()?;
    Some(Tree::new(model.analyze(text, span)))
}

/// Who threatens the grammatical subject of a "pay a price" trigger
/// (`threatened`), or demands of the subject of "must": the first other
/// actor of the sentence before the clause ("Biden stated that Putin will
/// pay a price"), else one after it that a verb of saying follows ("Iran
/// must withdraw, Washington said"), else the story's last source.
pub(crate) fn speaker_of_threat(
    text: &str,
    sentence: Span,
    clause: Span,
    actors: &[ActorHit],
    threatened: &[ActorMention],
    last_source: &[ActorMention],
) -> Option<Vec<ActorMention>> {
    let other = |code: &str| threatened.iter().all(|m| m.code != code);
    if threatened.is_empty() {
        return None;
    }
    if let Some(a) = actors
        .iter()
        .find(|a| !a.location && a.span.0 >= sentence.0 && a.span.1 <= clause.0 && other(&a.code))
    {
        return Some(vec![mention(text, a)]);
    }
    // the speaker after the words ("The United States must withdraw,
    // Iran said"): an actor after a comma or a closing quote, a verb of
    // saying next
    let reporting = &LEXICON.cues.reporting_verbs;
    let said_from = threatened
        .iter()
        .map(|m| m.span.1)
        .max()
        .unwrap_or(clause.1);
    if let Some(a) = actors.iter().find(|a| {
        !a.location
            && a.span.0 >= said_from
            && a.span.1 <= sentence.1
            && other(&a.code)
            && text[..a.span.0]
                .trim_end()
                .ends_with([',', '"', '\u{201d}', '\''])
            && text[a.span.1..sentence.1]
                .split_whitespace()
                .take(2)
                .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
                .any(|w| reporting.iter().any(|r| w.eq_ignore_ascii_case(r)))
    }) {
        return Some(vec![mention(text, a)]);
    }
    let story: Vec<ActorMention> = last_source
        .iter()
        .filter(|m| other(&m.code))
        .cloned()
        .collect();
    (!story.is_empty()).then_some(story)
}

/// Whether an accusation is the predicate of a copula or of "as" ("thinks
/// Putin is a killer", "portrayed Putin as a killer", "commanders are
/// responsible for"): the copula's subject is the accused.
fn is_predicative(text: &str, ty: PloverType, clause: Span, trigger: Span) -> bool {
    let lead = text[clause.0..trigger.0]
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '“' | '‘'))
        .to_ascii_lowercase();
    ty == PloverType::Accuse
        && [
            " is a", " as a", " was a", " is an", " as an", " are", " were",
        ]
        .iter()
        .any(|c| lead.ends_with(c))
}

/// Singular possessive pronouns: as a target they stand for what is
/// possessed ("its neighbor"). "Their" is left alone: with a group as the
/// source it is usually each other ("at odds over their diplomats").
pub(crate) const POSSESSIVES: &[&str] = &["its", "his", "her"];

/// Source and target of a trigger, and how they were found.
#[allow(clippy::too_many_arguments)]
pub(crate) fn roles(
    text: &str,
    ty: PloverType,
    trigger: Span,
    clause: Span,
    sentence: Span,
    actors: &[ActorHit],
    attached: Option<&ActorHit>,
    last_source: &[ActorMention],
) -> (Vec<ActorMention>, Vec<ActorMention>, String) {
    let participants: Vec<ActorHit> = actors.iter().filter(|a| !a.location).cloned().collect();
    let subjects = |from: usize, to: usize| -> Vec<ActorHit> {
        participants
            .iter()
            .filter(|a| a.span.0 >= from && a.span.1 <= to && !oblique(text, a))
            .cloned()
            .collect()
    };
    let mut how = Vec::new();
    let mut source: Vec<ActorMention> = Vec::new();
    let mut target: Vec<ActorMention> = Vec::new();

    // "portrayed Putin as a killer", "thinks Putin is a killer": the accused
    // is the subject of the copula, the accuser the sentence's subject.
    let predicative = is_predicative(text, ty, clause, trigger);
    if predicative
        && let Some(accused) = participants
            .iter()
            .rev()
            .find(|a| a.span.1 <= trigger.0 && a.span.0 >= sentence.0 && !a.anaphoric)
    {
        target.push(mention(text, accused));
        let accuser = group_actors(text, &subjects(sentence.0, trigger.0))
            .into_iter()
            .find(|g| g.iter().all(|a| a.code != accused.code))
            .map(|g| g.iter().map(|a| mention(text, a)).collect::<Vec<_>>());
        source = accuser.unwrap_or_else(|| last_source.to_vec());
        how.push("accusation by predicate (X is a ...)");
        dedup_codes(&mut source);
        return (source, target, how.join(", "));
    }

    if let Some(a) = attached {
        source.push(mention(text, a));
        how.push("attached agent");
    }
    let named_people = participants
        .iter()
        .find(|a| a.span.0 <= trigger.0 && trigger.1 <= a.span.1 && !a.anaphoric);
    let undergoers = named_people.is_some() && {
        let word = text[trigger.0..trigger.1].to_lowercase();
        LEXICON.cues.undergoer_nouns.contains(&word)
    };
    if source.is_empty()
        && !undergoers
        && let Some(a) = named_people
    {
        // a noun that names its doers ("Catholic protesters rallied",
        // "rioters", "a suicide bomber"): they did it
        source.push(mention(text, a));
        how.push("the doers the trigger names");
    }
    let trigger_word = text[trigger.0..trigger.1]
        .split_whitespace()
        .next()
        .unwrap_or("");
    if source.is_empty()
        && trigger_word.ends_with("ing")
        && let Some(a) = participants.iter().rev().find(|a| {
            a.span.1 <= trigger.0
                && a.span.0 >= clause.0
                && text[a.span.1..trigger.0].split_whitespace().count() == 0
        })
    {
        // "with Moscow summoning its ambassador"
        source.push(mention(text, a));
        how.push("subject of gerund");
    }
    // a trigger holding its passive auxiliary ("was charged", "were
    // arrested") with no "by" after it: its subject is what was acted on
    let agentless_passive = {
        let words: Vec<String> = text[trigger.0..trigger.1]
            .split_whitespace()
            .map(str::to_ascii_lowercase)
            .collect();
        words.len() >= 2
            && matches!(
                words[0].as_str(),
                "was" | "were" | "been" | "is" | "are" | "be"
            )
            && (words[1].ends_with("ed") || words[1].ends_with("en"))
            && !text[trigger.1..clause.1.max(trigger.1)]
                .trim_start()
                .to_ascii_lowercase()
                .starts_with("by ")
    };
    let mut patients: Vec<ActorMention> = Vec::new();
    if source.is_empty()
        && let Some(g) = group_actors(text, &subjects(clause.0, trigger.0)).last()
    {
        if agentless_passive {
            patients.extend(g.iter().map(|a| mention(text, a)));
            how.push("subject of a passive");
        } else {
            source.extend(g.iter().map(|a| mention(text, a)));
            how.push("subject in clause");
        }
    }
    let clause_opener = text[clause.0..trigger.0]
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    if source.is_empty() && patients.is_empty() && matches!(clause_opener.as_str(), "who" | "which")
    {
        // a relative clause acts for its antecedent
        if let Some(g) = group_actors(text, &subjects(sentence.0, clause.0)).last() {
            source.extend(g.iter().map(|a| mention(text, a)));
            how.push("antecedent of relative clause");
        }
    }
    if source.is_empty()
        && patients.is_empty()
        && let Some(g) = group_actors(text, &subjects(sentence.0, clause.0)).first()
    {
        source.extend(g.iter().map(|a| mention(text, a)));
        how.push("subject of sentence");
    }
    let after: Vec<ActorHit> = actors
        .iter()
        .filter(|a| a.span.0 >= trigger.1 && a.span.1 <= clause.1.max(trigger.1))
        .cloned()
        .collect();
    // A named actor beats a possessive pronoun ("to its border with Ukraine").
    // A name no dictionary knows stands as the target only where no coded
    // actor follows: word order is a weak guide to the object, and a place
    // ("annexed Crimea from Ukraine") reads as a name too.
    let groups = group_actors(text, &after);
    let coded_group = groups
        .iter()
        .find(|g| g.iter().any(|a| !a.anaphoric && !a.code.is_empty()));
    let named_group = groups.iter().find(|g| g.iter().any(|a| !a.anaphoric));
    let passive_subject = !patients.is_empty();
    if passive_subject {
        target = std::mem::take(&mut patients);
    } else if undergoers && let Some(a) = named_people {
        // "the release of political detainees": those it is done to
        target.push(mention(text, a));
        how.push("those the trigger names");
    } else if let Some(g) = coded_group.or(named_group).or(groups.first()) {
        target.extend(g.iter().map(|a| mention(text, a)));
    }
    let passive = text[trigger.1..clause.1.max(trigger.1)]
        .trim_start()
        .to_ascii_lowercase()
        .starts_with("by ");
    if passive && !target.is_empty() && attached.is_none_or(|a| a.span.0 >= trigger.1) {
        // "is slammed by the Kremlin": the by-phrase acts on the subject.
        let agent = std::mem::take(&mut target);
        target = if attached.is_some() {
            Vec::new()
        } else {
            source
        };
        source = agent;
        how.push("passive");
    }
    static NON_ACTOR_SUBJECTS: LazyLock<WordMarkers> =
        LazyLock::new(|| WordMarkers::new(&LEXICON.cues.non_actor_subjects));
    let unknown_subject = NON_ACTOR_SUBJECTS.any_in(&text[clause.0..trigger.0]);
    // an act of force named by the noun that opens its clause is that
    // clause's subject ("A car bomb killed five soldiers"): the clause has no
    // agent to borrow (talks and meetings go on borrowing theirs: "The
    // virtual talks lasted two hours")
    let lead: Vec<&str> = text[clause.0..trigger.0].split_whitespace().collect();
    let heads_clause = matches!(ty, PloverType::Assault | PloverType::Coerce)
        && lead.len() <= 2
        && lead.iter().all(|w| {
            matches!(
                w.to_ascii_lowercase().as_str(),
                "a" | "an" | "the" | "another" | "one" | "two" | "three" | "several" | "new"
            )
        })
        && text[trigger.1..]
            .split_whitespace()
            .next()
            .is_some_and(|w| w.ends_with("ed") || w.ends_with('s'));
    let own_subject = names_a_subject(&text[clause.0..trigger.0]);
    if source.is_empty()
        && !passive_subject
        && !last_source.is_empty()
        && !unknown_subject
        && !heads_clause
        && !own_subject
    {
        source = last_source.to_vec();
        how.push("source of previous event");
    }
    // an actor's own possession is not the target of its action ("has no
    // plans of attacking its neighbor", "from converting its currency")
    target.retain(|t| {
        !(POSSESSIVES.contains(&t.text.to_ascii_lowercase().as_str())
            && source.iter().any(|s| s.code == t.code))
    });
    if target.is_empty() {
        let src_codes: Vec<&str> = source.iter().map(|m| m.code.as_str()).collect();
        target.extend(
            actors
                .iter()
                .filter(|a| a.span.0 >= sentence.0 && a.span.1 <= sentence.1)
                .filter(|a| !a.code.is_empty() && !src_codes.contains(&a.code.as_str()))
                .map(|a| mention(text, a)),
        );
        if !target.is_empty() {
            how.push("target elsewhere in sentence");
        }
    }
    if ty.is_reciprocal() {
        let mut all = source.clone();
        all.extend(
            actors
                .iter()
                .filter(|a| a.span.0 >= clause.0 && a.span.1 <= clause.1 && !a.location)
                .filter(|a| {
                    let prefix = super::text::tail(text, a.span.0, 40)
                        .trim_end()
                        .to_ascii_lowercase();
                    let prefix = prefix.strip_suffix(" the").unwrap_or(&prefix);
                    ["with", "and", "between"]
                        .iter()
                        .any(|w| prefix.ends_with(w))
                })
                .map(|a| mention(text, a)),
        );
        dedup_codes(&mut all);
        // two mentions of one actor ("Secretary of State Madeleine
        // Albright": USAGOV and USA) are not two parties
        let two_parties = all.iter().enumerate().any(|(i, a)| {
            all[i + 1..].iter().any(|b| {
                if a.code.is_empty() || b.code.is_empty() {
                    a.text != b.text
                } else {
                    !a.code.starts_with(&b.code) && !b.code.starts_with(&a.code)
                }
            })
        });
        if two_parties {
            source = all.clone();
            target = all;
            how.push("reciprocal participants");
        }
    }
    dedup_codes(&mut source);
    dedup_codes(&mut target);
    (source, target, how.join(", "))
}

/// The role of the authorities that do an act news reports without its
/// agent: `COP` for the police's acts ("was arrested"), `JUD` for the
/// courts' ("was charged with murder"), by the trigger's last word.
pub(crate) fn authority_of_act(trigger: &str) -> Option<&'static str> {
    let cues = &LEXICON.cues;
    let last = trigger
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("")
        .to_lowercase();
    if cues.police_acts.contains(&trigger.to_lowercase()) {
        Some("COP")
    } else if cues.judicial_acts.contains(&last) {
        Some("JUD")
    } else {
        None
    }
}

/// The state (alpha-3) of the place the text puts `e` in (its sentence or
/// its dateline, not a place inferred from its participants), and the
/// place's name.
fn state_of_the_place(e: &Event) -> Option<(&'static str, String)> {
    let loc = e
        .location
        .as_ref()
        .filter(|l| !matches!(l.basis, LocationBasis::Target | LocationBasis::Source))?;
    let state = super::gazetteer::GAZETTEER.iso3(&loc.country)?;
    Some((state, loc.name.clone()))
}

/// An act of the police or the courts reported without its agent ("a
/// Tanzanian man was arrested in Cape Town", "the latest arrest", "was
/// charged with the slaying"), in a place the text gives: the police
/// (`ZAFCOP`) or the judiciary (`USAJUD`) of that place did it, as event
/// coders read such reports. Events with any source, with no place or only
/// the territory of a state attacked, and other acts keep what they have.
pub(crate) fn police_of_the_place(events: &mut [Event]) {
    for e in events.iter_mut() {
        if !e.source.is_empty()
            || !matches!(
                e.event_type,
                PloverType::Coerce | PloverType::Sanction | PloverType::Accuse
            )
        {
            continue;
        }
        let Some(role) = authority_of_act(&e.trigger.text) else {
            continue;
        };
        let Some((state, place)) = state_of_the_place(e) else {
            continue;
        };
        let who = if role == "COP" {
            "the police"
        } else {
            "the judiciary"
        };
        e.source.push(ActorMention {
            code: format!("{state}{role}"),
            text: String::new(),
            span: e.trigger.span,
            country: Some(state.to_string()),
            role: Some(role.into()),
            entry: format!("{who} of the place ({place})"),
        });
        e.rule.push_str(&format!(
            "; no agent named: {who} of {place} ({state}{role})"
        ));
    }
}

/// A trigger that is an agent noun ("protesters", "rioters") no actor
/// mention covers (the text gives them no state): they are the doers, as
/// a participant without a code.
fn unlisted_doers(text: &str, trigger: Span, actors: &[ActorHit]) -> Option<ActorMention> {
    let word = text[trigger.0..trigger.1].to_lowercase();
    let covered = actors
        .iter()
        .any(|a| a.span.0 <= trigger.0 && trigger.1 <= a.span.1);
    (!covered
        && !word.contains(' ')
        && super::dictionaries::is_agent_word(&word)
        && !LEXICON.cues.undergoer_nouns.contains(&word))
    .then(|| uncoded(text, trigger, "the doers"))
}

/// The roles whose bare agent nouns ("police", "protesters", "the
/// courts", "the opposition") stand for the people of the place where they
/// act, when the text names no state for them.
const ROLES_OF_THE_PLACE: &[&str] = &["COP", "JUD", "CVL", "OPP", "GOV", "LEG", "REB"];

/// "Police arrested 12 protesters in Cairo": a participant that is a bare
/// role (`COP`, no state) of an event located in a place the text gives
/// (in its sentence or its dateline, not inferred from the participants)
/// is that place's (`EGYCOP`), as event coders read such reports and as
/// "Egyptian police" or "police in Cairo" would be coded. Soldiers are
/// left as they are: armies fight abroad.
pub(crate) fn agents_of_the_place(events: &mut [Event]) {
    for e in events.iter_mut() {
        let Some((state, place)) = state_of_the_place(e) else {
            continue;
        };
        let mut given = Vec::new();
        for m in e.source.iter_mut().chain(e.target.iter_mut()) {
            let Some(role) = m.role.as_deref() else {
                continue;
            };
            if m.country.is_some() || m.code != role || !ROLES_OF_THE_PLACE.contains(&role) {
                continue;
            }
            m.code = format!("{state}{role}");
            m.country = Some(state.to_string());
            given.push(m.code.clone());
        }
        if !given.is_empty() {
            e.rule.push_str(&format!(
                "; bare role of the place: {} ({place})",
                given.join(", ")
            ));
        }
    }
}

/// The source and target of the trigger in `ctx` as an event of type
/// `ty`, and how they were found: word order first, then the dependency
/// tree of the clause where word order is unsure (trees parsed once per
/// sentence and window, kept in `trees`), then the speaker of a threat for
/// triggers whose subject is the one threatened.
pub(crate) fn assign_roles(
    ctx: &super::clause::ClauseContext<'_>,
    ty: PloverType,
    entry: &super::lexicon::TriggerEntry,
    last_source: &[ActorMention],
    trees: &mut Vec<(Span, Option<Tree<'static>>)>,
) -> (Vec<ActorMention>, Vec<ActorMention>, String) {
    let (text, t, clause, span, actors) =
        (ctx.text, ctx.trigger, ctx.clause, ctx.sentence, ctx.actors);
    if let Some(doers) = unlisted_doers(text, t.span, actors) {
        // "police arrested 12 protesters": the protesters protested, not
        // the police; of no state the text gives, they keep their words
        return (
            vec![doers],
            Vec::new(),
            "the doers the trigger names".into(),
        );
    }
    let (mut source, mut target, mut how) = roles(
        text,
        ty,
        t.span,
        clause,
        span,
        actors,
        ctx.attached,
        last_source,
    );
    // the participants of a reciprocal act are all its parties, except in
    // the passive, where the subject is the one acted on ("Poland and
    // Hungary have been accepted as members")
    if (!ty.is_reciprocal() || looks_passive(text, t.span))
        && !entry.subject_is_target
        && let Some(window) = tree_window(text, ty, span, clause, t.span, target.is_empty())
        && let Some(tree) = tree_for(trees, text, window)
        && let Some(r) = tree.roles(t.span)
    {
        let inside = |phrases: &[Span]| -> Vec<ActorMention> {
            let mut v: Vec<ActorMention> = actors
                .iter()
                .filter(|a| !a.location)
                .filter(|a| phrases.iter().any(|p| p.0 <= a.span.0 && a.span.1 <= p.1))
                .map(|a| mention(text, a))
                .collect();
            dedup_codes(&mut v);
            v
        };
        let (tree_source, mut tree_target) = (inside(&r.source), inside(&r.target));
        if word_before(text, t.span.0) == "to" && !r.path.split(' ').any(|p| p == "nsubj:pass") {
            // an infinitive's object follows it; one before it is a
            // misparse of the words its window adds ("told reporters that
            // he was ... to make it difficult for Putin")
            tree_target.retain(|m| m.span.0 >= t.span.0);
        }
        let mut used = false;
        if r.source.is_empty() && r.path.split(' ').any(|p| p == "nsubj:pass") {
            // "a Tanzanian man was arrested": the subject of an agentless
            // passive is what was acted on; its agent is not in the clause
            let patients: Vec<&str> = tree_target.iter().map(|m| m.code.as_str()).collect();
            source.retain(|m| !patients.contains(&m.code.as_str()));
            used = true;
        }
        if !tree_source.is_empty() {
            source = tree_source;
            used = true;
        } else if r.explicit_subject && !r.source.is_empty() {
            // the clause names a subject that is no actor of the
            // dictionaries ("a car bomb killed", "a Swiss court"):
            // it stays, without a code, and no earlier actor stands
            // in for it
            source = r
                .source
                .iter()
                .map(|p| uncoded(text, *p, "nsubj"))
                .collect();
            used = true;
        }
        if !tree_target.is_empty() {
            let src: Vec<&str> = source.iter().map(|m| m.code.as_str()).collect();
            let rest: Vec<ActorMention> = tree_target
                .into_iter()
                .filter(|m| !src.contains(&m.code.as_str()))
                .collect();
            if !rest.is_empty() {
                target = rest;
                used = true;
            }
        } else if target.is_empty() {
            // not the trigger's own words ("went on strike": "strike"), nor
            // a time ("on Monday")
            let things: Vec<ActorMention> = r
                .target
                .iter()
                .filter(|p| p.1 <= t.span.0 || p.0 >= t.span.1)
                .filter(|p| {
                    !crate::nlp::temporal::names_a_month_or_day(last_word_of(&text[p.0..p.1]))
                })
                .map(|p| uncoded(text, *p, "obj"))
                .collect();
            if !things.is_empty() {
                target = things;
                used = true;
            }
        }
        if used {
            how = format!("tree: {}", r.path);
        }
    }
    if let Some(agent) = ctx.attached.filter(|a| a.span.0 >= t.span.1) {
        // "the killings of ethnic Albanians by Serbian police": the agent
        // the words give an event noun stands, whatever the tree made of
        // it, and is not its target
        // with the actors coordinated with it ("condemnation from China
        // and Iran")
        let after: Vec<ActorHit> = actors
            .iter()
            .filter(|a| !a.location && a.span.0 >= agent.span.0 && a.span.1 <= clause.1)
            .cloned()
            .collect();
        let agents: Vec<ActorMention> = group_actors(text, &after)
            .first()
            .map(|g| g.iter().map(|a| mention(text, a)).collect())
            .unwrap_or_else(|| vec![mention(text, agent)]);
        target.retain(|m| !agents.iter().any(|a| a.span == m.span));
        let is_agent = |m: &ActorMention| agents.iter().any(|a| a.span == m.span);
        if !(source.len() == agents.len() && source.iter().all(is_agent)) {
            source = agents;
            how.push_str(", agent after the noun");
        }
        let before: Vec<ActorHit> = actors
            .iter()
            .filter(|a| !a.location && a.span.0 >= clause.0 && a.span.1 <= t.span.0)
            .cloned()
            .collect();
        if target.is_empty()
            && let Some(g) = group_actors(text, &before).last()
        {
            let subject: Vec<ActorMention> = g.iter().map(|a| mention(text, a)).collect();
            if let Some(verb) = receiving_verb(text, clause, t.span, &subject) {
                // "the government faced criticism from Germany": the
                // subject of the receiving verb is the one acted on
                target = subject;
                how.push_str(&format!(", the subject of \"{verb}\" receives it"));
            }
        }
    }
    if entry.attributes_an_act && !is_predicative(text, ty, clause, t.span) {
        // "they believe the rebels were behind the bombing", "commanders
        // played a key role in the attacks": the ones held responsible,
        // right before the phrase (only auxiliaries, adverbs and the rest
        // of their name between: "Hamas commanders have long been
        // behind"), are its target, whoever holds them so; a subject
        // further off holds someone else responsible ("Israel said the
        // group behind the attacks would pay"). As a copula's predicate
        // ("commanders are responsible for"), `roles` has found both.
        let adjacent = source.iter().all(|m| {
            m.span.1 <= t.span.0
                && text[m.span.1..t.span.0].split_whitespace().all(|w| {
                    let w = w.to_lowercase();
                    super::dictionaries::is_agent_word(&w)
                        || crate::nlp::syntax::treebank_upos(&w)
                            .iter()
                            .any(|u| matches!(*u, "AUX" | "ADV"))
                })
        });
        if adjacent {
            let accuser = speaker_of_threat(text, span, clause, actors, &source, last_source);
            target = std::mem::replace(&mut source, accuser.unwrap_or_default());
            how.push_str(", the subject is the one accused");
        } else {
            target.clear();
        }
    } else if entry.subject_is_target
        && let Some(speaker) = speaker_of_threat(text, span, clause, actors, &source, last_source)
    {
        target = std::mem::replace(&mut source, speaker);
        how.push_str(", the subject is the one the speaker threatens or asks");
    }
    (source, target, how)
}
