//! Event mentions: triggers from `assets/events.toml` found in each
//! sentence, given their actors (subject side = source, object side =
//! target, `by X` in the passive, every participant for reciprocal types),
//! their modality, their date and their figures.
//!
//! A trigger becomes an event only when an actor can be tied to it, and not
//! when it merely names what another event is about ("accuse Russia of
//! planning an attack": the attack is what is alleged).

use super::actors::{ActorHit, ActorMemory, find_actors, group_actors};
use super::event::{
    ActorMention, DateBasis, Event, EventDate, Modality, PloverType, Quantity, Trigger,
};
use super::lexicon::{ActorForm, LEXICON, Lexicon};
use super::modality::{clause_breaks, clause_of, find_cues, modality_of};
use super::text::{is_whole_word, quote_marks, trim_span, words};
use crate::Span;
use crate::nlp::reference_time::{ReferenceTime, after_non_reference_preposition, is_datable};
use crate::nlp::temporal::{Resolution, Timex, value_range};

/// A trigger found in a sentence.
#[derive(Debug, Clone)]
struct TriggerHit {
    entry: usize,
    form: String,
    span: Span,
}

/// Types whose participants act on each other: source and target are all of them.
const RECIPROCAL: &[PloverType] = &[PloverType::Consult, PloverType::Agree, PloverType::Cooperate];

/// What one sentence offers to the event rules.
pub struct SentenceInput<'a> {
    /// Its span.
    pub span: Span,
    /// Its reference time.
    pub reference_time: &'a ReferenceTime,
}

/// Finds the triggers of a sentence (contiguous forms and gapped patterns).
fn find_triggers(text: &str, sentence: Span) -> Vec<TriggerHit> {
    let lex = &*LEXICON;
    let slice = &text[sentence.0..sentence.1];
    let mut hits: Vec<TriggerHit> = lex
        .trigger_ac
        .find_iter(slice)
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
    let ws = words(text, sentence);
    let lower: Vec<String> = ws.iter().map(|&(s, e)| text[s..e].to_lowercase()).collect();
    for (i, w) in lower.iter().enumerate() {
        let Some(patterns) = lex.gapped.get(w) else { continue };
        'pattern: for p in patterns {
            let mut pos = i;
            let mut end = i;
            for (k, part) in p.parts.iter().enumerate() {
                let limit = if k == 0 { pos + 1 } else { (pos + 7).min(lower.len()) };
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
    kept
}

fn mention(text: &str, h: &ActorHit) -> ActorMention {
    ActorMention {
        code: h.code.clone(),
        text: text[h.span.0..h.span.1].to_string(),
        span: h.span,
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
    actors.iter().find(|a| {
        if a.span.1 <= trigger.0 {
            let gap = &text[a.span.1..trigger.0];
            let n = gap.split_whitespace().count();
            n <= 2
                && (a.form == ActorForm::Adjective || gap.starts_with("'s") || gap.starts_with("’s"))
                && !gap.contains([',', ';', '.'])
        } else if a.span.0 >= trigger.1 {
            let gap = text[trigger.1..a.span.0].trim().to_ascii_lowercase();
            gap == "by" || gap == "by the"
        } else {
            false
        }
    })
}

/// The event mentions of one article.
pub fn find_events(
    text: &str,
    article: &str,
    sentences: &[SentenceInput<'_>],
    timexes: &[Timex],
    quantities: &[Quantity],
) -> Vec<Event> {
    let lex: &Lexicon = &LEXICON;
    let all_actors = find_actors(text);
    let mut memory = ActorMemory::default();
    let mut last_source: Vec<ActorMention> = Vec::new();
    let mut events = Vec::new();
    for s in sentences {
        let span = s.span;
        let mut actors: Vec<ActorHit> = all_actors
            .iter()
            .filter(|a| a.span.0 >= span.0 && a.span.1 <= span.1)
            .cloned()
            .collect();
        let named = actors.clone();
        let refs = memory.resolve(text, span);
        actors.extend(refs.into_iter().filter(|r| !named.iter().any(|a| a.span.0 < r.span.1 && r.span.0 < a.span.1)));
        actors.sort_by_key(|a| a.span);
        let cues = find_cues(text, span);
        let breaks = clause_breaks(text, span, &cues);
        let quotes = quote_marks(text, span);
        let triggers = find_triggers(text, span);
        let mut sentence_events: Vec<Event> = Vec::new();
        for (ti, t) in triggers.iter().enumerate() {
            let ty = lex.trigger_types[t.entry];
            let entry = &lex.triggers[t.entry];
            let clause = clause_of(&breaks, t.span);
            let attached = attached_actor(text, t.span, &actors);
            // Content of an earlier complement-taking trigger in the clause.
            let governed = triggers[..ti].iter().any(|g| {
                Lexicon::in_types(&lex.cues.complement_types, lex.trigger_types[g.entry])
                    && g.span.0 >= clause.0
            });
            if governed && attached.is_none() && entry.pos != "verb" {
                continue;
            }
            let (modality, cue) = modality_of(text, ty, t.span, &cues, &breaks, &quotes);
            let (source, target, how) = roles(text, ty, t.span, clause, span, &actors, attached, &last_source);
            if source.is_empty() && target.is_empty() {
                continue;
            }
            // One event per type and clause.
            if sentence_events.iter().any(|e| e.event_type == ty && clause_of(&breaks, e.trigger.span) == clause) {
                continue;
            }
            let date = event_date(text, t.span, clause, span, timexes, s.reference_time);
            let evidence = trim_span(text, clause);
            let figures: Vec<Quantity> = quantities
                .iter()
                .filter(|q| q.span.0 >= span.0 && q.span.1 <= span.1)
                .cloned()
                .collect();
            let cameo = (!entry.cameo.is_empty()).then(|| entry.cameo.clone());
            let goldstein = cameo.as_ref().and_then(|c| lex.goldstein.get(c).copied());
            let rule = format!(
                "{} trigger \"{}\" → {}{} (events.toml #{}); actors: {}; modality: {}",
                if entry.pos.is_empty() { "word" } else { &entry.pos },
                t.form,
                ty.name(),
                if entry.mode.is_empty() { String::new() } else { format!("/{}", entry.mode) },
                t.entry,
                how,
                cue.map_or_else(|| "no cue".to_string(), |c| format!("cue \"{c}\"")),
            );
            sentence_events.push(Event {
                id: String::new(),
                article: article.to_string(),
                span: evidence,
                evidence: text[evidence.0..evidence.1].to_string(),
                event_type: ty,
                mode: entry.mode.clone(),
                score: lex.score(ty, &entry.mode),
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
            });
        }
        if let Some(e) = sentence_events.iter().find(|e| !e.source.is_empty() && e.modality != Modality::Negated) {
            last_source = e.source.clone();
        }
        events.extend(sentence_events);
        memory.update(&named, text);
    }
    for (i, e) in events.iter_mut().enumerate() {
        e.id = format!("{article}#e{}", i + 1);
    }
    events
}

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
    let participants: Vec<&ActorHit> = actors.iter().filter(|a| !a.location).collect();
    let mut how = Vec::new();
    // Passive "by X" or an attached adjective/possessive is the agent.
    let mut source: Vec<ActorMention> = Vec::new();
    if let Some(a) = attached {
        source.push(mention(text, a));
        how.push("attached agent");
    }
    let in_clause_before: Vec<ActorHit> = participants
        .iter()
        .filter(|a| a.span.1 <= trigger.0 && a.span.0 >= clause.0)
        .map(|a| (*a).clone())
        .collect();
    let after: Vec<ActorHit> = actors
        .iter()
        .filter(|a| a.span.0 >= trigger.1 && a.span.1 <= clause.1.max(trigger.1))
        .cloned()
        .collect();
    let passive = text[trigger.1..clause.1].trim_start().to_ascii_lowercase().starts_with("by ");
    if source.is_empty() && !in_clause_before.is_empty() {
        let groups = group_actors(text, &in_clause_before);
        if let Some(g) = groups.last() {
            source.extend(g.iter().map(|a| mention(text, a)));
            how.push("subject in clause");
        }
    }
    if source.is_empty() {
        // the subject of the sentence, before the clause ("Biden said ... after announcing penalties")
        let before_clause: Vec<ActorHit> = participants
            .iter()
            .filter(|a| a.span.1 <= clause.0 && a.span.0 >= sentence.0)
            .map(|a| (*a).clone())
            .collect();
        if let Some(g) = group_actors(text, &before_clause).first() {
            source.extend(g.iter().map(|a| mention(text, a)));
            how.push("subject of sentence");
        }
    }
    let mut target: Vec<ActorMention> = Vec::new();
    if let Some(g) = group_actors(text, &after).first() {
        target.extend(g.iter().map(|a| mention(text, a)));
    }
    if passive && !target.is_empty() && attached.is_none_or(|a| a.span.0 >= trigger.1) {
        // "is slammed by the Kremlin": the by-phrase acts on the subject.
        let agent = std::mem::take(&mut target);
        target = source;
        source = agent;
        how.push("passive");
    }
    if source.is_empty() && !last_source.is_empty() && !matches!(ty, PloverType::Mobilize | PloverType::Assault) {
        source = last_source.to_vec();
        how.push("source of previous event");
    }
    if target.is_empty() {
        // other actors of the sentence, not the source
        let src_codes: Vec<&str> = source.iter().map(|m| m.code.as_str()).collect();
        target.extend(
            actors
                .iter()
                .filter(|a| a.span.0 >= sentence.0 && a.span.1 <= sentence.1 && !src_codes.contains(&a.code.as_str()))
                .map(|a| mention(text, a)),
        );
        if !target.is_empty() {
            how.push("target elsewhere in sentence");
        }
    }
    if RECIPROCAL.contains(&ty) {
        let mut all = source.clone();
        all.extend(target.iter().filter(|m| {
            let prefix = text[..m.span.0].trim_end().to_ascii_lowercase();
            prefix.ends_with("with") || prefix.ends_with("and") || prefix.ends_with("between")
        }).cloned());
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
    sentence: Span,
    timexes: &[Timex],
    reference: &ReferenceTime,
) -> EventDate {
    let usable = |t: &&Timex| is_datable(t) && !after_non_reference_preposition(text, t.span);
    let dist = |t: &Timex| {
        if t.span.0 >= trigger.1 { t.span.0 - trigger.1 } else { trigger.0.saturating_sub(t.span.1) }
    };
    let in_clause = timexes
        .iter()
        .filter(|t| t.span.0 >= clause.0 && t.span.1 <= clause.1)
        .filter(usable)
        .min_by_key(|t| dist(t));
    let in_sentence = || {
        timexes
            .iter()
            .filter(|t| t.span.0 >= sentence.0 && t.span.1 <= sentence.1)
            .filter(usable)
            .min_by_key(|t| dist(t))
    };
    let (value, basis, timex) = match in_clause.or_else(in_sentence) {
        Some(t) => {
            let basis = if t.resolution == Resolution::Absolute { DateBasis::Explicit } else { DateBasis::Relative };
            (Some(t.value.clone()), basis, Some(t.span))
        }
        None => (reference.value.clone(), DateBasis::from(reference.basis), reference.timex),
    };
    let range = value.as_deref().and_then(value_range);
    EventDate {
        start: range.map(|r| r.0.format("%Y-%m-%d").to_string()),
        end: range.map(|r| r.1.format("%Y-%m-%d").to_string()),
        value,
        basis,
        timex,
    }
}
