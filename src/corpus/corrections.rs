//! Applying the analyst's corrections (the project journal) to a corpus.
//!
//! A correction names its event by [`EventKey`] (article text hash, evidence
//! span, type), so it finds its event again after re-extraction: the event of
//! that type in that article whose evidence overlaps the span most. The
//! corrections in effect are the journal minus what was undone; they apply
//! in journal order. Publication dates go first (those articles are analysed
//! again and the corpus re-linked), then event edits; merged events are then
//! rebuilt from the mentions' cluster ids.
//!
//! The CLI applies a whole journal with [`apply`], which drops rejected
//! events; the GUI keeps rejected events (marked [`Review::Rejected`]) so the
//! analyst sees them and can undo, and uses the steps separately.

use super::Corpus;
use super::cluster::regroup;
use super::project::{Correction, EventKey, JournalEntry, content_hash};
use crate::extract::{
    ActorMention, Analysis, DateBasis, Event, EventDate, Review, Trigger, analyze,
};
use crate::ingest::DateSource;
use crate::nlp::temporal::value_range;
use chrono::NaiveDate;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// The corrections in effect: the journal with undone entries removed.
pub fn effective(journal: &[JournalEntry]) -> Vec<&Correction> {
    let mut undone = HashSet::new();
    for j in journal {
        match j.correction {
            Correction::Undo { seq } => {
                undone.insert(seq);
            }
            Correction::Redo { seq } => {
                undone.remove(&seq);
            }
            _ => {}
        }
    }
    journal
        .iter()
        .filter(|j| !undone.contains(&j.seq))
        .filter(|j| {
            !matches!(
                j.correction,
                Correction::Undo { .. } | Correction::Redo { .. }
            )
        })
        .map(|j| &j.correction)
        .collect()
}

/// What Undo and Redo would act on now: the sequence number of the latest
/// correction still in effect, and of the latest one undone since the last
/// new correction (a new correction clears the redo history).
pub fn undo_redo_targets(journal: &[JournalEntry]) -> (Option<i64>, Option<i64>) {
    let mut done: Vec<i64> = Vec::new();
    let mut undone: Vec<i64> = Vec::new();
    for j in journal {
        match j.correction {
            Correction::Undo { seq } => {
                done.retain(|&s| s != seq);
                undone.push(seq);
            }
            Correction::Redo { seq } => {
                undone.retain(|&s| s != seq);
                done.push(seq);
            }
            _ => {
                done.push(j.seq);
                undone.clear();
            }
        }
    }
    (done.last().copied(), undone.last().copied())
}

/// The hash of each article's text, in corpus order (hashed in parallel).
pub fn article_hashes(corpus: &Corpus) -> Vec<String> {
    corpus
        .analyses
        .par_iter()
        .map(|a| content_hash(&a.article.text))
        .collect()
}

/// Article index by text hash, from [`article_hashes`].
pub fn hash_index(hashes: &[String]) -> HashMap<String, usize> {
    hashes
        .iter()
        .enumerate()
        .map(|(i, h)| (h.clone(), i))
        .collect()
}

/// The key of an event in its article.
pub fn key_of(a: &Analysis, e: &Event) -> EventKey {
    EventKey::of(&content_hash(&a.article.text), e)
}

/// The article and event a key points to: same text hash, same type, and
/// the evidence overlapping the key's span most.
fn locate(
    analyses: &[Analysis],
    index: &HashMap<String, usize>,
    key: &EventKey,
) -> Option<(usize, usize)> {
    let ai = *index.get(&key.article_hash)?;
    let ei = analyses[ai]
        .events
        .iter()
        .enumerate()
        .filter(|(_, e)| e.event_type == key.event_type)
        .filter_map(|(i, e)| {
            let ov = e
                .span
                .1
                .min(key.span.1)
                .saturating_sub(e.span.0.max(key.span.0));
            let exact = e.span == key.span;
            (ov > 0 || exact).then_some((exact, ov, i))
        })
        .max()
        .map(|(_, _, i)| i)?;
    Some((ai, ei))
}

/// The publication dates the corrections set, by article index (the last
/// one of an article wins).
pub fn published_dates(
    corrections: &[&Correction],
    index: &HashMap<String, usize>,
) -> BTreeMap<usize, NaiveDate> {
    let mut out = BTreeMap::new();
    for c in corrections {
        if let Correction::SetPublished { article_hash, date } = c
            && let Some(&ai) = index.get(article_hash)
        {
            out.insert(ai, *date);
        }
    }
    out
}

/// Analyses an article again with the publication date the analyst set.
pub fn redate(analysis: &mut Analysis, date: NaiveDate) {
    let mut article = analysis.article.clone();
    article.set_published(Some(date), DateSource::User);
    *analysis = analyze(article);
}

/// The articles whose events the corrections edit (not publication dates).
pub fn touched_articles(
    corrections: &[&Correction],
    index: &HashMap<String, usize>,
) -> BTreeSet<usize> {
    corrections
        .iter()
        .flat_map(|c| match c {
            Correction::Accept { key }
            | Correction::Reject { key }
            | Correction::SetType { key, .. }
            | Correction::SetActors { key, .. }
            | Correction::SetDate { key, .. }
            | Correction::SetModality { key, .. }
            | Correction::AddEvent { key, .. }
            | Correction::Split { key } => vec![index.get(&key.article_hash)],
            Correction::Merge { key, other } => {
                vec![index.get(&key.article_hash), index.get(&other.article_hash)]
            }
            Correction::SetPublished { .. } | Correction::Undo { .. } | Correction::Redo { .. } => {
                Vec::new()
            }
        })
        .flatten()
        .copied()
        .collect()
}

fn mentions(codes: &[String]) -> Vec<ActorMention> {
    codes
        .iter()
        .map(|c| ActorMention {
            code: c.trim().to_uppercase(),
            text: String::new(),
            span: (0, 0),
        })
        .filter(|m| !m.code.is_empty())
        .collect()
}

/// An event date from a TIMEX3 calendar value (`2021-12-07`, `2021-12`, `2021`).
pub fn date_of(value: &str) -> EventDate {
    let range = value_range(value);
    EventDate {
        value: Some(value.to_string()),
        start: range.map(|r| r.0.to_string()),
        end: range.map(|r| r.1.to_string()),
        basis: DateBasis::Explicit,
        timex: None,
    }
}

fn note(e: &mut Event, what: &str) {
    e.rule = format!("{}; corrected by the analyst: {what}", e.rule);
    if e.review != Review::Added {
        e.review = Review::Corrected;
    }
}

fn added_event(a: &Analysis, c: &Correction) -> Option<Event> {
    let Correction::AddEvent {
        key,
        source,
        target,
        date,
        modality,
    } = c
    else {
        return None;
    };
    let text = &a.article.text;
    let evidence = text.get(key.span.0..key.span.1)?.to_string();
    if evidence.trim().is_empty() {
        return None;
    }
    let id = format!("{}#a{}", a.article.id, key.span.0);
    Some(Event {
        id,
        article: a.article.id.clone(),
        span: key.span,
        evidence: evidence.clone(),
        event_type: key.event_type,
        mode: String::new(),
        score: crate::extract::lexicon::LEXICON.score(key.event_type, ""),
        cameo: None,
        goldstein: None,
        source: mentions(source),
        target: mentions(target),
        modality: *modality,
        date: date.as_deref().map_or(
            EventDate {
                value: None,
                start: None,
                end: None,
                basis: DateBasis::Unknown,
                timex: None,
            },
            date_of,
        ),
        trigger: Trigger {
            text: evidence,
            span: key.span,
        },
        quantities: Vec::new(),
        rule: "added by the analyst".into(),
        cluster: None,
        review: Review::Added,
    })
}

/// Applies the event corrections (everything but publication dates) in
/// order, marking each event's [`Review`]; rejected events stay, marked
/// rejected and out of every merged event. Rebuilds the merged events.
/// Returns the number of corrections that found their event.
pub fn apply_events(
    corpus: &mut Corpus,
    corrections: &[&Correction],
    index: &HashMap<String, usize>,
) -> usize {
    let mut applied = 0;
    for c in corrections {
        let analyses = &mut corpus.analyses;
        let found = |k: &EventKey| locate(analyses, index, k);
        match c {
            Correction::Accept { key } => {
                if let Some((ai, ei)) = found(key) {
                    let e = &mut analyses[ai].events[ei];
                    e.rule = format!("{}; accepted by the analyst", e.rule);
                    if e.review == Review::Unreviewed {
                        e.review = Review::Accepted;
                    }
                    applied += 1;
                }
            }
            Correction::Reject { key } => {
                if let Some((ai, ei)) = found(key) {
                    let e = &mut analyses[ai].events[ei];
                    e.review = Review::Rejected;
                    e.cluster = None;
                    applied += 1;
                }
            }
            Correction::SetType { key, to, mode } => {
                if let Some((ai, ei)) = found(key) {
                    let e = &mut analyses[ai].events[ei];
                    e.event_type = *to;
                    e.mode = mode.clone();
                    e.score = crate::extract::lexicon::LEXICON.score(*to, mode);
                    note(e, &format!("type set to {}", to.name()));
                    applied += 1;
                }
            }
            Correction::SetActors {
                key,
                source,
                target,
            } => {
                if let Some((ai, ei)) = found(key) {
                    let e = &mut analyses[ai].events[ei];
                    e.source = mentions(source);
                    e.target = mentions(target);
                    note(e, "actors set");
                    applied += 1;
                }
            }
            Correction::SetDate { key, value } => {
                if let Some((ai, ei)) = found(key) {
                    let e = &mut analyses[ai].events[ei];
                    e.date = date_of(value);
                    note(e, &format!("date set to {value}"));
                    applied += 1;
                }
            }
            Correction::SetModality { key, to } => {
                if let Some((ai, ei)) = found(key) {
                    let e = &mut analyses[ai].events[ei];
                    e.modality = *to;
                    note(e, &format!("modality set to {}", to.name()));
                    applied += 1;
                }
            }
            Correction::AddEvent { key, .. } => {
                if let Some(&ai) = index.get(&key.article_hash)
                    && let Some(event) = added_event(&analyses[ai], c)
                {
                    let events = &mut analyses[ai].events;
                    let at = events.partition_point(|e| e.span <= event.span);
                    events.insert(at, event);
                    applied += 1;
                }
            }
            Correction::Merge { key, other } => {
                if let (Some((ai, ei)), Some((bj, ej))) = (found(key), found(other)) {
                    let into = analyses[ai].events[ei].cluster.clone();
                    let from = analyses[bj].events[ej].cluster.clone();
                    let into = into.unwrap_or_else(|| analyses[ai].events[ei].id.clone());
                    analyses[ai].events[ei].cluster = Some(into.clone());
                    for a in analyses.iter_mut() {
                        for e in &mut a.events {
                            if e.cluster.is_some() && e.cluster == from {
                                e.cluster = Some(into.clone());
                                note(e, "merged");
                            }
                        }
                    }
                    let e = &mut analyses[bj].events[ej];
                    if e.cluster.as_ref() != Some(&into) {
                        e.cluster = Some(into);
                        note(e, "merged");
                    }
                    applied += 1;
                }
            }
            Correction::Split { key } => {
                if let Some((ai, ei)) = found(key) {
                    let e = &mut analyses[ai].events[ei];
                    e.cluster = Some(format!("{}~split", e.id));
                    note(e, "split from its merged event");
                    applied += 1;
                }
            }
            Correction::SetPublished { .. } | Correction::Undo { .. } | Correction::Redo { .. } => {
            }
        }
    }
    corpus.clusters = regroup(&mut corpus.analyses);
    applied
}

/// Applies the corrections in effect to a corpus for batch output:
/// publication dates first (re-analysing those articles and re-linking),
/// then event edits; rejected events are removed. Returns the number of
/// corrections that found their article or event.
pub fn apply(corpus: &mut Corpus, journal: &[JournalEntry]) -> usize {
    let active = effective(journal);
    let index = hash_index(&article_hashes(corpus));
    let dates = published_dates(&active, &index);
    for (&ai, &date) in &dates {
        redate(&mut corpus.analyses[ai], date);
    }
    if !dates.is_empty() {
        corpus.link();
    }
    let applied = dates.len() + apply_events(corpus, &active, &index);
    // the merged events already leave rejected mentions out, and refer to
    // mentions by id, so they stay as they are
    for a in &mut corpus.analyses {
        a.events.retain(|e| e.review != Review::Rejected);
    }
    applied
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::PloverType;

    fn entry(seq: i64, correction: Correction) -> JournalEntry {
        JournalEntry {
            seq,
            at: String::new(),
            correction,
        }
    }

    fn key(n: usize) -> EventKey {
        EventKey {
            article_hash: "h".into(),
            span: (n, n + 1),
            event_type: PloverType::Consult,
        }
    }

    #[test]
    fn undo_and_redo_follow_a_stack() {
        let mut j = vec![
            entry(1, Correction::Accept { key: key(1) }),
            entry(2, Correction::Reject { key: key(2) }),
        ];
        assert_eq!(undo_redo_targets(&j), (Some(2), None));
        j.push(entry(3, Correction::Undo { seq: 2 }));
        assert_eq!(undo_redo_targets(&j), (Some(1), Some(2)));
        j.push(entry(4, Correction::Undo { seq: 1 }));
        assert_eq!(undo_redo_targets(&j), (None, Some(1)));
        j.push(entry(5, Correction::Redo { seq: 1 }));
        assert_eq!(undo_redo_targets(&j), (Some(1), Some(2)));
        assert_eq!(effective(&j), vec![&Correction::Accept { key: key(1) }]);
        // a new correction clears what could be redone
        j.push(entry(6, Correction::Accept { key: key(3) }));
        assert_eq!(undo_redo_targets(&j), (Some(6), None));
    }
}
