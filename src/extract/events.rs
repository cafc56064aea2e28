//! Event mentions: triggers from `assets/events.toml` found in each
//! sentence, given their actors (subject side = source, object side =
//! target, `by X` in the passive, every participant for reciprocal types),
//! their modality, their date and their figures.
//!
//! A trigger becomes an event only when an actor can be tied to it, and not
//! when it merely names what another event is about ("accuse Russia of
//! planning an attack": the attack is what is alleged).

use super::actors::{ActorHit, ActorMemory, dateline_country, find_actors_on, group_actors};
use super::event::{
    ActorMention, DateBasis, Event, EventDate, Modality, PloverType, Quantity, Review, Trigger,
};
use super::lexicon::{ActorForm, CueKind, LEXICON, Lexicon, NOT_AN_EVENT};
use super::modality::{
    AUXILIARIES, MODALS, clause_breaks, clause_of, find_cues, governing_cue, modality_of,
};
use super::text::{Words, is_whole_word, matches_at_word_starts, quote_marks, trim_span, within};
use super::tree_roles::Tree;
use crate::Span;
use crate::nlp::markers::WordMarkers;
use crate::nlp::reference_time::{ReferenceTime, after_non_reference_preposition, is_datable};
use crate::nlp::temporal::{Resolution, Timex, day_value, value_range};
use std::sync::LazyLock;

/// A trigger found in a sentence.
#[derive(Debug, Clone)]
struct TriggerHit {
    entry: usize,
    form: String,
    span: Span,
}

/// CAMEO "make an appeal or request", for actions turned into requests.
const APPEAL_CAMEO: &str = "10";

/// Words that make the actor after them an oblique, not a subject.
const PREPOSITIONS: &[&str] = &[
    "from", "over", "of", "about", "against", "with", "to", "for", "on", "at", "in", "near",
    "into", "toward", "towards", "between", "among", "than", "apart", "despite", "amid", "across",
];

/// Whether the actor is the object of a preposition ("from Ukraine").
fn oblique(text: &str, a: &ActorHit) -> bool {
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

/// Whether a word has the form of a gerund or present participle
/// ("summoning", "restricting"; not "king" or "thing").
fn is_gerund(word: &str) -> bool {
    word.len() > 5 && word.ends_with("ing")
}

/// What one sentence offers to the event rules.
pub struct SentenceInput<'a> {
    /// Its span.
    pub span: Span,
    /// Its reference time.
    pub reference_time: &'a ReferenceTime,
    /// Its words, lower-cased.
    pub words: &'a Words<'a>,
    /// Whether it is the headline (read for actors, not for events: a
    /// headline restates the lead in headline grammar).
    pub headline: bool,
}

/// Finds the triggers of a sentence (contiguous forms and gapped patterns).
fn find_triggers(text: &str, sentence: Span, words: &Words<'_>) -> Vec<TriggerHit> {
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
    kept.retain(|h| h.entry != NOT_AN_EVENT);
    kept
}

/// Material-conflict types: inside a quotation without an actor of their
/// own, they are what a speaker alleges, not events.
const MATERIAL_CONFLICT: &[PloverType] = &[
    PloverType::Protest,
    PloverType::Sanction,
    PloverType::Mobilize,
    PloverType::Coerce,
    PloverType::Assault,
];

/// Words before a verb form that show it is used as a noun or an
/// infinitive/gerund complement ("any invasion", "to send", "of fomenting").
const COMPLEMENT_OPENERS: &[&str] = &[
    "a", "an", "the", "any", "to", "of", "for", "no", "its", "their", "his", "her", "this", "that",
    "these", "those", "about", "on",
];

/// The lower-case word just before `pos`.
fn word_before(text: &str, pos: usize) -> String {
    word_before_at(text, pos).1
}

/// The word before `pos` (lower-cased, opening quotes skipped) and the byte
/// offset where it starts, so that the word before it can be looked up in turn.
fn word_before_at(text: &str, pos: usize) -> (usize, String) {
    let head =
        text[..pos].trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '“' | '‘'));
    let start = head.rfind(char::is_whitespace).map_or(0, |i| {
        i + head[i..].chars().next().map_or(1, char::len_utf8)
    });
    (start, head[start..].to_lowercase())
}

/// Whether `pos` lies inside a quotation (an odd number of marks before it).
fn inside_quote(quotes: &[usize], sentence_start: usize, pos: usize) -> bool {
    quotes
        .iter()
        .filter(|&&q| q >= sentence_start && q < pos)
        .count()
        % 2
        == 1
}

fn mention(text: &str, h: &ActorHit) -> ActorMention {
    ActorMention {
        code: h.code.clone(),
        text: text[h.span.0..h.span.1].to_string(),
        span: h.span,
        country: h.country().map(str::to_string),
        role: h.role.map(str::to_string),
        entry: h.entry.describe(),
    }
}

fn dedup_codes(v: &mut Vec<ActorMention>) {
    let mut seen = std::collections::HashSet::new();
    v.retain(|m| seen.insert(m.code.clone()));
}

/// Whether an actor is attached to a nominal trigger: an adjective or
/// possessive right before it ("a Russian military buildup", "Russia's
/// invasion") or "by X" right after it.
fn attached_actor<'a>(text: &str, trigger: Span, actors: &'a [ActorHit]) -> Option<&'a ActorHit> {
    actors.iter().filter(|a| !a.location).find(|a| {
        if a.span.1 <= trigger.0 && trigger.0 - a.span.1 <= 40 {
            let gap = &text[a.span.1..trigger.0];
            let n = gap.split_whitespace().count();
            n <= 2
                && (a.form == ActorForm::Adjective
                    || gap.starts_with("'s")
                    || gap.starts_with("’s"))
                && !gap.contains([',', ';', '.'])
        } else if a.span.0 >= trigger.1 && a.span.0 - trigger.1 <= 12 {
            let gap = text[trigger.1..a.span.0].trim().to_ascii_lowercase();
            gap == "by" || gap == "by the"
        } else {
            false
        }
    })
}

/// Whether a word is an auxiliary or a modal, the mark of a finite clause.
fn is_finite_marker(word: &str) -> bool {
    AUXILIARIES.contains(&word) || MODALS.contains(&word)
}

/// Whether the lower-case text between a complement-taking trigger and a
/// later one starts a coordinated clause with a subject of its own, so the
/// later trigger is not the content of the first: "warned Moscow last week,
/// and NATO will hold talks".
fn opens_own_clause(between: &str) -> bool {
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

/// The event mentions of one article; `None` as soon as `stop()` says so
/// (asked at every sentence and every trigger: the caller's time budget).
pub fn find_events(
    text: &str,
    article: &str,
    published: Option<chrono::NaiveDate>,
    sentences: &[SentenceInput<'_>],
    timexes: &[Timex],
    quantities: &[Quantity],
    stop: &mut dyn FnMut() -> bool,
) -> Option<Vec<Event>> {
    let lex: &Lexicon = &LEXICON;
    let story_country = sentences
        .iter()
        .find(|s| !s.headline)
        .and_then(|s| dateline_country(text, s.span));
    let all_actors = find_actors_on(text, published, story_country.as_deref());
    let mut memory = ActorMemory::default();
    let mut last_source: Vec<ActorMention> = Vec::new();
    let mut events = Vec::new();
    for s in sentences {
        if stop() {
            return None;
        }
        let span = s.span;
        let named: Vec<ActorHit> = within(&all_actors, span, |a| a.span)
            .iter()
            .filter(|a| a.span.1 <= span.1)
            .cloned()
            .collect();
        let timexes = within(timexes, span, |t| t.span);
        let mut triggers = if s.headline {
            Vec::new()
        } else {
            find_triggers(text, span, s.words)
        };
        // words inside a time expression ("on the eve of the summit") are not events
        triggers.retain(|t| {
            !timexes
                .iter()
                .any(|x| x.span.0 <= t.span.0 && t.span.1 <= x.span.1)
        });
        if triggers.is_empty() {
            // nothing to find roles and modality for; the actors are remembered
            memory.update(&named, text);
            continue;
        }
        let mut actors = named.clone();
        let refs = memory.resolve(text, span, &named);
        actors.extend(refs.into_iter().filter(|r| {
            !named
                .iter()
                .any(|a| a.span.0 < r.span.1 && r.span.0 < a.span.1)
        }));
        actors.sort_by_key(|a| a.span);
        let cues = find_cues(text, span);
        let breaks = clause_breaks(text, span, &cues);
        let quotes = quote_marks(text, span);
        let mut sentence_events: Vec<Event> = Vec::new();
        // the sentence's parse, made when its first trigger needs roles
        let mut trees: Vec<(Span, Option<Tree<'static>>)> = Vec::new();
        for (ti, t) in triggers.iter().enumerate() {
            if stop() {
                return None;
            }
            let mut ty = lex.trigger_types[t.entry];
            let entry = &lex.triggers[t.entry];
            let clause = clause_of(&breaks, t.span);
            let attached = attached_actor(text, t.span, &actors).filter(|a| !a.anaphoric);
            let prev = word_before(text, t.span.0);
            let nominal = entry.pos != "verb"
                || COMPLEMENT_OPENERS.contains(&prev.as_str())
                || prev.contains('-');
            // Content of an earlier complement-taking trigger in the clause
            // ("accuse Russia of planning an attack", "agree to send",
            // "warned that a strike ..."), unless it has an actor of its own
            // or is a possible conflict event in its own right ("a strike
            // could be planned").
            let governor = triggers[..ti].iter().rev().find(|g| {
                g.entry != NOT_AN_EVENT
                    && Lexicon::in_types(&lex.cues.complement_types, lex.trigger_types[g.entry])
                    && g.span.0 >= clause.0
            });
            let complement = governor.is_some_and(|g| {
                let between = text[g.span.1..t.span.0].to_ascii_lowercase();
                // "denied accepting funds": a gerund right after the trigger
                let gerund = between.trim().is_empty()
                    && text[t.span.0..t.span.1]
                        .split_whitespace()
                        .next()
                        .is_some_and(is_gerund);
                !opens_own_clause(&between)
                    && (nominal
                        || gerund
                        || lex
                            .cues
                            .complement_links
                            .iter()
                            .any(|w| crate::nlp::reference_time::contains_words(&between, w)))
            });
            let own_modal = cues.iter().any(|c| {
                c.kind == CueKind::Hypothetical
                    && matches!(c.form.as_str(), "could" | "might" | "may")
                    && c.span.0 >= t.span.1
                    && c.span.0 < clause.1
                    && text[t.span.1..c.span.0].split_whitespace().count() <= 1
            });
            if complement && attached.is_none() && !(own_modal && MATERIAL_CONFLICT.contains(&ty)) {
                continue;
            }
            let feared = governing_cue(text, CueKind::ContentNoun, t.span, &cues, &breaks, &quotes);
            if feared.is_some() && attached.is_none() {
                continue;
            }
            if MATERIAL_CONFLICT.contains(&ty)
                && attached.is_none()
                && inside_quote(&quotes, span.0, t.span.0)
            {
                continue;
            }
            let mut rule_notes: Vec<String> = Vec::new();
            if nominal && let Some((verb, to)) = reversed_by(text, clause, t.span, ty) {
                rule_notes.push(format!("\"{verb}\" reverses {} → {}", ty.name(), to.name()));
                ty = to;
            }
            if !Lexicon::in_types(&lex.cues.speech_acts, ty)
                && let Some(frame) =
                    governing_cue(text, CueKind::RequestFrame, t.span, &cues, &breaks, &quotes)
            {
                rule_notes.push(format!("appeal frame \"{}\" → REQUEST", frame.form));
                ty = PloverType::Request;
            }
            let (mut modality, mut cue) =
                modality_of(text, ty, t.span, nominal, &cues, &breaks, &quotes);
            if ty == PloverType::Accuse
                && modality == Modality::Asserted
                && let Some(c) = cues.iter().find(|c| {
                    c.kind == CueKind::Hypothetical
                        && matches!(c.form.as_str(), "could" | "might" | "may")
                        && c.span.0 >= t.span.1
                        && c.span.1 <= clause.1
                })
            {
                // "warned that a strike could be planned": what is stated is a possibility
                modality = Modality::Hypothetical;
                cue = Some(format!("{} (in the statement)", c.form));
            }
            let (mut source, mut target, mut how) = roles(
                text,
                ty,
                t.span,
                clause,
                span,
                &actors,
                attached,
                &last_source,
            );
            if !ty.is_reciprocal()
                && !entry.subject_is_target
                && let Some(window) = tree_window(text, ty, span, clause, t.span, target.is_empty())
                && let Some(tree) = tree_for(&mut trees, text, window)
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
                let (tree_source, tree_target) = (inside(&r.source), inside(&r.target));
                let mut used = false;
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
                } else if target.is_empty() && !r.target.is_empty() {
                    target = r.target.iter().map(|p| uncoded(text, *p, "obj")).collect();
                    used = true;
                }
                if used {
                    how = format!("tree: {}", r.path);
                }
            }
            if entry.subject_is_target
                && let Some(speaker) =
                    speaker_of_threat(text, span, clause, &actors, &source, &last_source)
            {
                target = std::mem::replace(&mut source, speaker);
                how.push_str(", the subject is the one threatened");
            }
            if source.iter().chain(&target).all(|m| m.code.is_empty())
                && !(MATERIAL_CONFLICT.contains(&ty)
                    && source.iter().chain(&target).next().is_some())
            {
                // no coded participant: only an act of force or coercion
                // stands on participants the dictionaries do not know
                continue;
            }
            // One event per type and clause.
            if sentence_events
                .iter()
                .any(|e| e.event_type == ty && clause_of(&breaks, e.trigger.span) == clause)
            {
                continue;
            }
            let date = event_date(text, t.span, clause, timexes, s.reference_time);
            let evidence = trim_span(text, clause);
            let figures: Vec<Quantity> = within(quantities, span, |q| q.span)
                .iter()
                .filter(|q| q.span.1 <= span.1)
                .cloned()
                .collect();
            let cameo = if ty == lex.trigger_types[t.entry] {
                (!entry.cameo.is_empty()).then(|| entry.cameo.clone())
            } else {
                Some(APPEAL_CAMEO.to_string())
            };
            let goldstein = cameo.as_ref().and_then(|c| lex.goldstein.get(c).copied());
            let mode = if ty == lex.trigger_types[t.entry] {
                entry.mode.clone()
            } else {
                String::new()
            };
            let rule = format!(
                "{} trigger \"{}\" → {}{} (events.toml {}){}; actors: {}{}; modality: {}",
                if entry.pos.is_empty() {
                    "word"
                } else {
                    &entry.pos
                },
                t.form,
                lex.trigger_types[t.entry].name(),
                if entry.mode.is_empty() {
                    String::new()
                } else {
                    format!("/{}", entry.mode)
                },
                entry.id(),
                rule_notes
                    .iter()
                    .map(|n| format!("; {n}"))
                    .collect::<String>(),
                how,
                actor_entries(&source, &target),
                cue.map_or_else(|| "no cue".to_string(), |c| format!("cue \"{c}\"")),
            );
            sentence_events.push(Event {
                id: String::new(),
                article: article.to_string(),
                span: evidence,
                evidence: text[evidence.0..evidence.1].to_string(),
                event_type: ty,
                score: lex.score(ty, &mode),
                mode,
                cameo,
                goldstein,
                source,
                target,
                modality,
                date,
                trigger: Trigger {
                    text: text[t.span.0..t.span.1].to_string(),
                    span: t.span,
                },
                quantities: figures,
                rule,
                cluster: None,
                review: Review::Unreviewed,
                stated_modality: None,
            });
        }
        if let Some(e) = sentence_events
            .iter()
            .find(|e| !e.source.is_empty() && e.modality != Modality::Negated)
        {
            last_source = e.source.clone();
        }
        events.extend(sentence_events);
        memory.update(&named, text);
    }
    super::relevance::gate(
        &super::relevance::Relevance::of(text, &all_actors),
        &mut events,
    );
    date_from_earlier_mentions(&mut events);
    for e in &mut events {
        settle_by_date(e, published);
    }
    for (i, e) in events.iter_mut().enumerate() {
        e.id = format!("{article}#e{}", i + 1);
    }
    Some(events)
}

/// The words worth parsing for a trigger, where word order alone is unsure
/// of its roles (parsing is the costly step of the analysis, so the tree
/// is asked only here, and only for the clause): a passive ("was
/// arrested", "by the army"), a relative clause ("who", "which": parsed
/// from the start of the sentence, where its antecedent is), or an act of
/// force or coercion whose target word order did not find. Parsing every
/// clause with a trigger would cost four times the rest of the analysis.
fn tree_window(
    text: &str,
    ty: PloverType,
    sentence: Span,
    clause: Span,
    trigger: Span,
    no_target: bool,
) -> Option<Span> {
    let after = crate::slice::head(&text[trigger.1..], 8).to_ascii_lowercase();
    let word = text[trigger.0..trigger.1]
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    let participle = word.ends_with("ed") || word.ends_with("en") || word.ends_with("wn");
    let be_before = matches!(
        word_before(text, trigger.0).as_str(),
        "was" | "were" | "been" | "being" | "is" | "are" | "be"
    );
    let passive = (participle && be_before) || after.trim_start().starts_with("by ");
    let opener = text[clause.0..trigger.0]
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    let relative = matches!(opener.as_str(), "who" | "which" | "that");
    if relative {
        Some((sentence.0, clause.1))
    } else if passive || (no_target && MATERIAL_CONFLICT.contains(&ty)) {
        Some(clause)
    } else {
        None
    }
}

/// The tree of `window`, parsed once per sentence and window.
fn tree_for<'t>(
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
fn actor_entries(source: &[ActorMention], target: &[ActorMention]) -> String {
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

/// A participant the tree names that no dictionary codes: its words, no
/// code.
fn uncoded(text: &str, span: Span, relation: &str) -> ActorMention {
    ActorMention {
        code: String::new(),
        text: text[span.0..span.1].to_string(),
        span,
        country: None,
        role: None,
        entry: format!("tree {relation} (in no dictionary)"),
    }
}

/// Words that may stand between a reversing verb and its event noun
/// ("suspended all military aid", "eased the curfew").
const NOUN_PHRASE_FILLERS: &[&str] = &[
    "the",
    "a",
    "an",
    "all",
    "its",
    "their",
    "his",
    "her",
    "some",
    "most",
    "any",
    "further",
    "military",
    "economic",
    "financial",
    "humanitarian",
    "food",
    "foreign",
    "security",
    "remaining",
    "existing",
    "new",
    "several",
    "many",
    "of",
    "u.s.",
    "us",
];

/// A verb of `cues.toml [[reversal]]` right before an event noun of its
/// types, in its clause: the verb and the type the two make ("suspended
/// military aid" → SANCTION).
fn reversed_by(
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
    let mut skipped = 0;
    while let Some(w) = words.last() {
        if skipped >= 4 || !NOUN_PHRASE_FILLERS.contains(w) && !w.ends_with("'s") {
            break;
        }
        words.pop();
        skipped += 1;
    }
    let last = words.last()?;
    let last_two = (words.len() >= 2).then(|| format!("{} {}", words[words.len() - 2], last));
    LEXICON.cues.reversal.iter().find_map(|r| {
        if !r.from.iter().any(|f| f == ty.name()) {
            return None;
        }
        let verb = r
            .verbs
            .iter()
            .find(|v| v.as_str() == *last || last_two.as_deref() == Some(v.as_str()))?;
        Some((verb.clone(), PloverType::from_name(&r.to)?))
    })
}

/// The dependency tree of the sentence at `span`, if the syntax model is
/// available (without it, roles come from word order alone).
fn parse_sentence(text: &str, span: Span) -> Option<Tree<'static>> {
    let model = crate::nlp::syntax::default_model().ok()?;
    Some(Tree::new(model.analyze(text, span)))
}

/// Resolves the dates of `events` again against new time expressions and
/// reference times of the same text (another publication date), exactly as
/// [`find_events`] dates them. The time expressions must cover the same
/// spans as those the events were found with.
pub fn redate_events(
    text: &str,
    published: Option<chrono::NaiveDate>,
    events: &mut [Event],
    sentences: &[Span],
    reference_times: &[ReferenceTime],
    timexes: &[Timex],
) {
    let mut breaks: Option<(usize, Vec<usize>)> = None;
    for e in events.iter_mut() {
        let t = e.trigger.span;
        let Some(i) = sentences
            .partition_point(|s| s.0 <= t.0)
            .checked_sub(1)
            .filter(|&i| t.1 <= sentences[i].1)
        else {
            continue;
        };
        let span = sentences[i];
        if breaks.as_ref().is_none_or(|(k, _)| *k != i) {
            breaks = Some((i, clause_breaks(text, span, &find_cues(text, span))));
        }
        let clause = clause_of(&breaks.as_ref().expect("set above").1, t);
        let timexes = within(timexes, span, |x| x.span);
        e.date = event_date(text, t, clause, timexes, &reference_times[i]);
    }
    date_from_earlier_mentions(events);
    for e in events.iter_mut() {
        settle_by_date(e, published);
    }
}

/// What an event's date says of it:
/// - a habitual event ("for years") is not dated by the story around it,
///   only by its own expression;
/// - an asserted or reported event that its own time expression dates
///   after the publication date ("lands in Nairobi later on Friday",
///   "talks next week") has not happened yet: it is planned.
///
/// Applied again when the article is dated again, from the modality the
/// clause states.
fn settle_by_date(e: &mut Event, published: Option<chrono::NaiveDate>) {
    if let Some(m) = e.stated_modality.take() {
        e.modality = m;
        e.rule = e
            .rule
            .split(" [dated after publication: planned]")
            .next()
            .unwrap_or("")
            .to_string();
    }
    if e.modality == Modality::Habitual && !e.date.basis.is_own_expression() {
        e.date = EventDate {
            value: None,
            start: None,
            end: None,
            basis: DateBasis::Unknown,
            timex: None,
        };
    }
    if matches!(e.modality, Modality::Asserted | Modality::Reported)
        && e.date.basis.is_own_expression()
        && let (Some(start), Some(p)) = (e.date.start.as_deref(), published)
        && chrono::NaiveDate::parse_from_str(start, "%Y-%m-%d").is_ok_and(|d| d > p)
    {
        e.stated_modality = Some(e.modality);
        e.modality = Modality::Planned;
        e.rule.push_str(" [dated after publication: planned]");
    }
}

/// A planned event without a time of its own takes the date of an earlier
/// planned mention of the same type with a shared participant and a time
/// expression of its own: "Biden and Putin will meet by video conference on
/// Tuesday" ... "had been anticipated to hold a video conference" (the story's
/// time, Friday, when the plan was reported, is not when the call happens).
fn date_from_earlier_mentions(events: &mut [Event]) {
    for i in 1..events.len() {
        let e = &events[i];
        if e.modality != Modality::Planned || e.date.basis.is_own_expression() {
            continue;
        }
        let earlier = events[..i].iter().rev().find(|p| {
            p.event_type == e.event_type
                && p.modality == Modality::Planned
                && p.date.basis.is_own_expression()
                && p.source
                    .iter()
                    .chain(&p.target)
                    .any(|a| e.source.iter().chain(&e.target).any(|b| a.code == b.code))
        });
        if let Some(p) = earlier {
            let date = EventDate {
                basis: DateBasis::Coreference,
                ..p.date.clone()
            };
            events[i].date = date;
        }
    }
}

/// Who threatens the grammatical subject of a "pay a price" trigger
/// (`threatened`): the first other actor of the sentence before the clause
/// ("Biden stated that Putin will pay a price"), else the story's last source.
fn speaker_of_threat(
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
    let story: Vec<ActorMention> = last_source
        .iter()
        .filter(|m| other(&m.code))
        .cloned()
        .collect();
    (!story.is_empty()).then_some(story)
}

/// Singular possessive pronouns: as a target they stand for what is
/// possessed ("its neighbor"). "Their" is left alone: with a group as the
/// source it is usually each other ("at odds over their diplomats").
const POSSESSIVES: &[&str] = &["its", "his", "her"];

/// Source and target of a trigger, and how they were found.
#[allow(clippy::too_many_arguments)]
fn roles(
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
    let lead = text[clause.0..trigger.0]
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '“' | '‘'))
        .to_ascii_lowercase();
    let predicative = ty == PloverType::Accuse
        && [
            " is a", " as a", " was a", " is an", " as an", " are", " were",
        ]
        .iter()
        .any(|c| lead.ends_with(c));
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
    if source.is_empty()
        && let Some(g) = group_actors(text, &subjects(clause.0, trigger.0)).last()
    {
        source.extend(g.iter().map(|a| mention(text, a)));
        how.push("subject in clause");
    }
    let clause_opener = text[clause.0..trigger.0]
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    if source.is_empty() && matches!(clause_opener.as_str(), "who" | "which") {
        // a relative clause acts for its antecedent
        if let Some(g) = group_actors(text, &subjects(sentence.0, clause.0)).last() {
            source.extend(g.iter().map(|a| mention(text, a)));
            how.push("antecedent of relative clause");
        }
    }
    if source.is_empty()
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
    let groups = group_actors(text, &after);
    let named_group = groups.iter().find(|g| g.iter().any(|a| !a.anaphoric));
    if let Some(g) = named_group.or(groups.first()) {
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
    if source.is_empty() && !last_source.is_empty() && !unknown_subject {
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
                .filter(|a| !src_codes.contains(&a.code.as_str()))
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
        if all.len() >= 2 {
            source = all.clone();
            target = all;
            how.push("reciprocal participants");
        }
    }
    dedup_codes(&mut source);
    dedup_codes(&mut target);
    (source, target, how.join(", "))
}

/// When the event happened: a datable time expression in its clause
/// (nearest to the trigger), else one elsewhere in its sentence, else the
/// sentence's reference time.
fn event_date(
    text: &str,
    trigger: Span,
    clause: Span,
    timexes: &[Timex],
    reference: &ReferenceTime,
) -> EventDate {
    let usable = |t: &&Timex| is_datable(t) && !after_non_reference_preposition(text, t.span);
    let dist = |t: &Timex| {
        if t.span.0 >= trigger.1 {
            t.span.0 - trigger.1
        } else {
            trigger.0.saturating_sub(t.span.1)
        }
    };
    // A time expression belongs to the nearest predicate: another verb form
    // between it and the trigger ("will pay a price for attempting to derail
    // ... in 2020") takes it.
    let same_predicate = |t: &&Timex| {
        let (a, b) = if t.span.0 >= trigger.1 {
            (trigger.1, t.span.0)
        } else {
            (t.span.1, trigger.0)
        };
        if a >= b {
            // inside a gapped trigger ("moved last week 10,000 troops"): its own
            return true;
        }
        let lex = &*LEXICON;
        !text[a..b].split_whitespace().any(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            w.chars().next().is_some_and(char::is_lowercase)
                && (is_gerund(w) || (w.len() > 4 && w.ends_with("ed")))
                && !lex.cue_words.contains(w)
        })
    };
    let own = timexes
        .iter()
        .filter(|t| t.span.0 >= clause.0 && t.span.1 <= clause.1)
        .filter(usable)
        .filter(same_predicate)
        .min_by_key(|t| dist(t));
    let (value, basis, timex) = match own {
        Some(t) => {
            let basis = if t.resolution == Resolution::Absolute {
                DateBasis::Explicit
            } else {
                DateBasis::Relative
            };
            (Some(t.value.clone()), basis, Some(t.span))
        }
        None => (
            reference.value.clone(),
            DateBasis::from(reference.basis),
            reference.timex,
        ),
    };
    let range = value.as_deref().and_then(value_range);
    EventDate {
        start: range.map(|r| day_value(r.0)),
        end: range.map(|r| day_value(r.1)),
        value,
        basis,
        timex,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::extract::analyze_text;

    fn events(text: &str) -> Vec<(PloverType, Modality, Option<String>, String)> {
        analyze_text("t.txt", text)
            .events
            .into_iter()
            .map(|e| (e.event_type, e.modality, e.date.value, e.trigger.text))
            .collect()
    }

    #[test]
    fn a_coordinated_clause_with_its_own_subject_is_not_the_content_of_the_first() {
        let found = events(
            " date 2021-11-12 T\n\nBlinken warned Moscow last week, and NATO will hold talks \
             with Kyiv next month.",
        );
        let types: Vec<PloverType> = found.iter().map(|e| e.0).collect();
        assert_eq!(
            types,
            [PloverType::Threaten, PloverType::Consult],
            "{found:?}"
        );
        assert_eq!(found[1].1, Modality::Planned);
        assert_eq!(found[1].2.as_deref(), Some("2021-12"));
        // the content of an accusation is still not an event of its own
        let found = events(" date 2021-11-12 T\n\nUkraine accused Russia of planning an attack.");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, PloverType::Accuse);
    }

    #[test]
    fn the_topics_of_talks_are_not_events() {
        let found = events(
            " date 2021-12-08 T\n\nBiden and Putin discussed several issues, including \
             cyber attacks and joint work on Iran.",
        );
        let types: Vec<PloverType> = found.iter().map(|e| e.0).collect();
        assert_eq!(types, [PloverType::Consult], "{found:?}");
    }

    #[test]
    fn a_gerund_after_a_denial_is_what_is_denied() {
        let found = events(" date 2021-11-12 T\n\nRussia denied invading Ukraine.");
        let types: Vec<PloverType> = found.iter().map(|e| e.0).collect();
        assert_eq!(types, [PloverType::Reject], "{found:?}");
    }

    #[test]
    fn market_and_court_vocabulary_names_no_event() {
        for text in [
            "Prices edged up in Moscow, pushing down the yield on the benchmark Russian bond.",
            "The Italian unit began its $37-a-share tender offer for the French company.",
            "Russia hired an investment banking firm.",
            "UN inspectors returned to the Iranian site on Friday.",
            "The Florida relatives waited for a federal court appeal in Miami.",
            "Iraq is proud of what it calls an eternal merger with Kuwait.",
        ] {
            let found = events(&format!(" date 2021-11-12 T\n\n{text}"));
            assert!(found.is_empty(), "{text}: {found:?}");
        }
        // the verbs themselves still count
        let found = events(" date 2021-11-12 T\n\nUkraine will not yield to Russia.");
        assert_eq!(found[0].0, PloverType::Concede, "{found:?}");
    }

    #[test]
    fn a_planned_event_mentioned_again_keeps_its_date() {
        let text = " date 2021-12-04 T\n\nBiden and Putin will meet by video conference on \
                    Tuesday. Biden said on Friday that Russia would pay a price. Biden and \
                    Putin had been anticipated to hold a video conference since Friday.";
        let a = analyze_text("t.txt", text);
        let calls: Vec<&Event> = a
            .events
            .iter()
            .filter(|e| e.event_type == PloverType::Consult)
            .collect();
        assert_eq!(calls.len(), 2, "{:?}", a.events);
        assert_eq!(calls[0].date.value.as_deref(), Some("2021-12-07"));
        assert_eq!(calls[1].date.value.as_deref(), Some("2021-12-07"));
        assert_eq!(calls[1].date.basis, DateBasis::Coreference);
        assert_eq!(calls[1].date.timex, calls[0].date.timex);
    }

    #[test]
    fn who_will_pay_a_price_is_threatened_by_the_speaker() {
        let text = " date 2021-03-18 T\n\nIn an interview, Biden stated that Putin will \
                    pay a price.";
        let a = analyze_text("t.txt", text);
        let threat = &a.events[0];
        assert_eq!(threat.event_type, PloverType::Threaten);
        assert_eq!(threat.source[0].code, "USA");
        assert_eq!(threat.target[0].code, "RUS");
    }

    #[test]
    fn objects_of_gerunds_are_not_subjects_but_with_x_doing_is() {
        let text = " date 2021-12-08 T\n\nThe United States and Britain have formed a joint \
                    strategy. Potential measures against Russia could be restricting Russia's \
                    banks from converting its currency, or disconnecting Russia from Swift. \
                    The crisis deepened, with Moscow summoning its ambassador and warning \
                    that relations were on the verge of destruction.";
        let a = analyze_text("t.txt", text);
        let codes = |v: &[ActorMention]| v.iter().map(|m| m.code.clone()).collect::<Vec<_>>();
        let sanction = a
            .events
            .iter()
            .find(|e| e.trigger.text == "disconnecting")
            .expect("the sanction is found");
        assert_eq!(codes(&sanction.source), ["USA", "GBR"], "{}", sanction.rule);
        assert_eq!(codes(&sanction.target), ["RUS"]);
        let warning = a
            .events
            .iter()
            .find(|e| e.trigger.text.starts_with("warning"))
            .expect("the warning is found");
        assert_eq!(codes(&warning.source), ["RUS"], "{}", warning.rule);
    }

    #[test]
    fn signs_of_something_are_not_a_signing() {
        let found = events(" date 2021-11-12 T\n\nThere are no signs of a Russian withdrawal.");
        assert!(
            found.iter().all(|e| e.0 != PloverType::Support),
            "{found:?}"
        );
        let found = events(" date 2021-11-12 T\n\nRussia signs a gas deal with China.");
        assert_eq!(found[0].0, PloverType::Support, "{found:?}");
    }

    #[test]
    fn an_actors_own_possession_is_not_its_target() {
        let text = " date 2021-12-08 T\n\nRussia has massed troops near Ukraine. Moscow has said \
                    it has no plans of invading or attacking its neighbor.";
        let a = analyze_text("t.txt", text);
        let reject = a
            .events
            .iter()
            .find(|e| e.event_type == PloverType::Reject)
            .expect("the denial is an event");
        let codes = |v: &[ActorMention]| v.iter().map(|m| m.code.clone()).collect::<Vec<_>>();
        assert_eq!(codes(&reject.source), ["RUS"]);
        assert!(
            !codes(&reject.target).contains(&"RUS".to_string()),
            "{:?}",
            reject.target
        );
    }
}
