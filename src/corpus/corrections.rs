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
//! Replaying is near-linear in the journal: keys are found through
//! indexes by article, type and span built once per replay, merged events
//! are a union-find keyed by their labels, and a merge notes each event at
//! most once (50,000 corrections on 900 articles: `benches/replay.rs`).
//!
//! The CLI applies a whole journal with [`apply`], which drops rejected
//! events; the GUI keeps rejected events (marked [`Review::Rejected`]) so the
//! analyst sees them and can undo, and uses the steps separately.

use super::Corpus;
use super::cluster::regroup;
use super::project::{Correction, EventKey, JournalEntry, content_hash};
use crate::Span;
use crate::extract::{
    ActorMention, Analysis, DateBasis, Event, EventDate, PloverType, Review, Trigger, analyze,
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
    // two stacks with lazy removal: an entry counts while its sequence
    // number is in the stack's set (linear, however many undos)
    let (mut done, mut done_set) = (Vec::new(), HashSet::new());
    let (mut undone, mut undone_set) = (Vec::new(), HashSet::new());
    for j in journal {
        match j.correction {
            Correction::Undo { seq } => {
                done_set.remove(&seq);
                undone.push(seq);
                undone_set.insert(seq);
            }
            Correction::Redo { seq } => {
                undone_set.remove(&seq);
                done.push(seq);
                done_set.insert(seq);
            }
            _ => {
                done.push(j.seq);
                done_set.insert(j.seq);
                undone.clear();
                undone_set.clear();
            }
        }
        while done.last().is_some_and(|s| !done_set.contains(s)) {
            done.pop();
        }
        while undone.last().is_some_and(|s| !undone_set.contains(s)) {
            undone.pop();
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
        .map(|c| ActorMention::new(c.trim().to_uppercase(), String::new(), (0, 0)))
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
        location: None,
        place_phrases: Vec::new(),
        stated_modality: None,
    })
}

/// Applies the event corrections (everything but publication dates) in
/// order, marking each event's [`Review`]; rejected events stay, marked
/// rejected and out of every merged event. Rebuilds the merged events.
/// Returns the number of corrections that found their event.
///
/// Near-linear in the journal: keys are found through indexes built once
/// (by article, type and span), merged events are a union-find, and a
/// merge notes each event at most once.
pub fn apply_events(
    corpus: &mut Corpus,
    corrections: &[&Correction],
    index: &HashMap<String, usize>,
) -> usize {
    let mut applied = 0;
    let analyses = &mut corpus.analyses;
    let mut r = Replay::new(analyses);
    for c in corrections {
        match c {
            Correction::Accept { key } => {
                if let Some(((ai, _), ei)) = find(&mut r, analyses, index, key) {
                    let e = &mut analyses[ai].events[ei];
                    e.rule.push_str("; accepted by the analyst");
                    if e.review == Review::Unreviewed {
                        e.review = Review::Accepted;
                    }
                    applied += 1;
                }
            }
            Correction::Reject { key } => {
                if let Some((ev, ei)) = find(&mut r, analyses, index, key) {
                    let e = &mut analyses[ev.0].events[ei];
                    e.review = Review::Rejected;
                    e.cluster = None;
                    r.node.remove(&ev);
                    applied += 1;
                }
            }
            Correction::SetType { key, to, mode } => {
                if let Some(((ai, h), ei)) = find(&mut r, analyses, index, key) {
                    let e = &mut analyses[ai].events[ei];
                    r.retype(ai, h, e.span, e.event_type, *to);
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
                if let Some(((ai, _), ei)) = find(&mut r, analyses, index, key) {
                    let e = &mut analyses[ai].events[ei];
                    e.source = mentions(source);
                    e.target = mentions(target);
                    note(e, "actors set");
                    applied += 1;
                }
            }
            Correction::SetDate { key, value } => {
                if let Some(((ai, _), ei)) = find(&mut r, analyses, index, key) {
                    let e = &mut analyses[ai].events[ei];
                    e.date = date_of(value);
                    note(e, &format!("date set to {value}"));
                    applied += 1;
                }
            }
            Correction::SetModality { key, to } => {
                if let Some(((ai, _), ei)) = find(&mut r, analyses, index, key) {
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
                    r.index_article(analyses, ai);
                    let events = &mut analyses[ai].events;
                    let at = events.partition_point(|e| e.span <= event.span);
                    r.insert(events, ai, at, event);
                    applied += 1;
                }
            }
            Correction::Merge { key, other } => {
                if let (Some((a, _)), Some((b, _))) = (
                    find(&mut r, analyses, index, key),
                    find(&mut r, analyses, index, other),
                ) {
                    merge(&mut r, analyses, a, b);
                    applied += 1;
                }
            }
            Correction::Split { key } => {
                if let Some((ev, ei)) = find(&mut r, analyses, index, key) {
                    let e = &mut analyses[ev.0].events[ei];
                    let label = format!("{}~split", e.id);
                    note(e, "split from its merged event");
                    let n = r.labelled(&label);
                    e.cluster = Some(label);
                    r.node.remove(&ev);
                    r.join(ev.0, ev.1, n);
                    applied += 1;
                }
            }
            Correction::SetPublished { .. } | Correction::Undo { .. } | Correction::Redo { .. } => {
            }
        }
    }
    // the merged events as the union-find has them
    let mut label: HashMap<usize, String> = HashMap::new();
    let handle_at = std::mem::take(&mut r.handle_at);
    for (ai, a) in analyses.iter_mut().enumerate() {
        let handles = handle_at.get(&ai);
        for (ei, e) in a.events.iter_mut().enumerate() {
            let h = handles.map_or(ei, |hs| hs[ei]);
            e.cluster = match r.node.get(&(ai, h)).copied() {
                Some(n) => {
                    let root = r.find(n);
                    let next = label.len();
                    Some(
                        label
                            .entry(root)
                            .or_insert_with(|| format!("m{next}"))
                            .clone(),
                    )
                }
                None => None,
            };
        }
    }
    corpus.clusters = regroup(&mut corpus.analyses);
    applied
}

/// The event a key points to: its article and handle, and its position.
fn find(
    r: &mut Replay,
    analyses: &[Analysis],
    index: &HashMap<String, usize>,
    key: &EventKey,
) -> Option<((usize, usize), usize)> {
    let ev = r.locate(analyses, index, key)?;
    Some((ev, r.at(ev)))
}

/// Merges the merged event of `b` into that of `a` (each an article and
/// handle): every member of `b`'s merged event, and `b` itself, is noted
/// "merged".
fn merge(r: &mut Replay, analyses: &mut [Analysis], a: (usize, usize), b: (usize, usize)) {
    let from = r.set_of(b);
    let into = match r.set_of(a) {
        Some(n) => n,
        None => {
            // a new merged event, known by the event's id
            let id = analyses[a.0].events[r.at(a)].id.clone();
            let n = r.labelled(&id);
            r.join(a.0, a.1, n);
            n
        }
    };
    if let Some(from) = from {
        // note the members of `b`'s merged event that are not yet noted
        for ev in std::mem::take(&mut r.unnoted[from]) {
            if r.set_of(ev) == Some(from) {
                note_merged(r, analyses, ev);
            }
        }
        r.union(into, from);
    }
    let into = r.find(into);
    if r.set_of(b) != Some(into) {
        r.node.remove(&b);
        r.join(b.0, b.1, into);
        note_merged(r, analyses, b);
    }
}

/// The events of the articles being corrected, with what finding them by
/// key and merging them needs, built once per [`apply_events`] so each
/// correction costs about the same however long the journal is.
///
/// Events get a handle that stays put when events are added before them:
/// handle `h` of article `ai` is at `pos[ai][h]` in its event list.
struct Replay {
    /// Handle of each article's events, in list order (built lazily per article).
    handle_at: HashMap<usize, Vec<usize>>,
    /// Position of each handle in its article's list.
    pos: HashMap<usize, Vec<usize>>,
    /// Handles by (article, type, span): the exact matches of a key.
    exact: HashMap<(usize, PloverType, Span), Vec<usize>>,
    /// Handles by (article, type): where an inexact key looks.
    by_type: HashMap<(usize, PloverType), Vec<usize>>,
    /// Union-find over merged events: the node of each clustered event
    /// (article, handle), parents and sizes.
    node: HashMap<(usize, usize), usize>,
    parent: Vec<usize>,
    size: Vec<usize>,
    /// Events that joined each set since its last merge into another (the
    /// members a merge must note; entries of events that left since are
    /// skipped when met).
    unnoted: Vec<Vec<(usize, usize)>>,
    /// Events already noted "merged".
    noted: HashSet<(usize, usize)>,
    /// The node of each merged event's label, and the label of each root.
    label_node: HashMap<String, usize>,
    root_label: HashMap<usize, String>,
}

impl Replay {
    /// Indexes the merged events of the whole corpus (a merge can reach
    /// into any article); articles' events are indexed when first looked up.
    fn new(analyses: &[Analysis]) -> Replay {
        let mut r = Replay {
            handle_at: HashMap::new(),
            pos: HashMap::new(),
            exact: HashMap::new(),
            by_type: HashMap::new(),
            node: HashMap::new(),
            parent: Vec::new(),
            size: Vec::new(),
            unnoted: Vec::new(),
            noted: HashSet::new(),
            label_node: HashMap::new(),
            root_label: HashMap::new(),
        };
        for (ai, a) in analyses.iter().enumerate() {
            for (ei, e) in a.events.iter().enumerate() {
                if let Some(c) = &e.cluster {
                    let n = r.labelled(c);
                    // before any event is added, handles are positions
                    r.join(ai, ei, n);
                }
            }
        }
        r
    }

    /// The set of a merged event's label (a new one for a new label). A
    /// merged event is known by its label, as in the events' `cluster`, so
    /// an event given the label of a merged event joins it (splitting an
    /// event twice puts it back with what was merged with it since).
    fn labelled(&mut self, label: &str) -> usize {
        if let Some(&n) = self.label_node.get(label) {
            return self.find(n);
        }
        let n = self.fresh();
        self.label_node.insert(label.to_string(), n);
        self.root_label.insert(n, label.to_string());
        n
    }

    /// A new set of one node.
    fn fresh(&mut self) -> usize {
        self.parent.push(self.parent.len());
        self.size.push(0);
        self.unnoted.push(Vec::new());
        self.parent.len() - 1
    }

    fn find(&mut self, mut n: usize) -> usize {
        while self.parent[n] != n {
            self.parent[n] = self.parent[self.parent[n]];
            n = self.parent[n];
        }
        n
    }

    /// Puts event (article, handle) into the set of node `n`.
    fn join(&mut self, ai: usize, h: usize, n: usize) {
        let root = self.find(n);
        self.node.insert((ai, h), root);
        self.size[root] += 1;
        // each joining is met once by a later merge of its set: linear in all
        self.unnoted[root].push((ai, h));
    }

    /// The root of an event's merged event, if it is in one.
    fn set_of(&mut self, ev: (usize, usize)) -> Option<usize> {
        let n = *self.node.get(&ev)?;
        Some(self.find(n))
    }

    /// Unites set `b` into set `a`, which keeps its label; returns the new root.
    fn union(&mut self, a: usize, b: usize) -> usize {
        let (a, b) = (self.find(a), self.find(b));
        if a == b {
            return a;
        }
        if let Some(gone) = self.root_label.remove(&b) {
            self.label_node.remove(&gone);
        }
        let label = self.root_label.remove(&a);
        let (big, small) = if self.size[a] >= self.size[b] {
            (a, b)
        } else {
            (b, a)
        };
        self.parent[small] = big;
        self.size[big] += self.size[small];
        let moved = std::mem::take(&mut self.unnoted[small]);
        self.unnoted[big].extend(moved);
        if let Some(label) = label {
            self.label_node.insert(label.clone(), big);
            self.root_label.insert(big, label);
        }
        big
    }

    /// Indexes article `ai`'s events if not done yet.
    fn index_article(&mut self, analyses: &[Analysis], ai: usize) {
        if self.handle_at.contains_key(&ai) {
            return;
        }
        let events = &analyses[ai].events;
        for (h, e) in events.iter().enumerate() {
            self.exact
                .entry((ai, e.event_type, e.span))
                .or_default()
                .push(h);
            self.by_type.entry((ai, e.event_type)).or_default().push(h);
        }
        self.handle_at.insert(ai, (0..events.len()).collect());
        self.pos.insert(ai, (0..events.len()).collect());
    }

    /// The article and handle a key points to: same text hash, same type,
    /// the evidence equal to the key's span or else overlapping it most;
    /// ties go to the event further down the article.
    fn locate(
        &mut self,
        analyses: &[Analysis],
        index: &HashMap<String, usize>,
        key: &EventKey,
    ) -> Option<(usize, usize)> {
        let ai = *index.get(&key.article_hash)?;
        self.index_article(analyses, ai);
        let pos = &self.pos[&ai];
        if let Some(hs) = self.exact.get(&(ai, key.event_type, key.span))
            && let Some(&h) = hs.iter().max_by_key(|&&h| pos[h])
        {
            return Some((ai, h));
        }
        let events = &analyses[ai].events;
        self.by_type
            .get(&(ai, key.event_type))?
            .iter()
            .filter_map(|&h| {
                let span = events[pos[h]].span;
                let ov = span
                    .1
                    .min(key.span.1)
                    .saturating_sub(span.0.max(key.span.0));
                (ov > 0).then_some((ov, pos[h], h))
            })
            .max()
            .map(|(_, _, h)| (ai, h))
    }

    /// Where handle `h` of article `ai` is in its list.
    fn at(&self, (ai, h): (usize, usize)) -> usize {
        // an article not indexed has had no event added: handles are positions
        self.pos.get(&ai).map_or(h, |p| p[h])
    }

    /// An event's type changed: it moves in the indexes.
    fn retype(&mut self, ai: usize, h: usize, span: Span, from: PloverType, to: PloverType) {
        if from == to {
            return;
        }
        if let Some(v) = self.exact.get_mut(&(ai, from, span)) {
            v.retain(|&x| x != h);
        }
        if let Some(v) = self.by_type.get_mut(&(ai, from)) {
            v.retain(|&x| x != h);
        }
        self.exact.entry((ai, to, span)).or_default().push(h);
        self.by_type.entry((ai, to)).or_default().push(h);
    }

    /// Inserts an added event at list position `at` of article `ai`.
    fn insert(&mut self, events: &mut Vec<Event>, ai: usize, at: usize, event: Event) {
        let handles = self.handle_at.get_mut(&ai).expect("indexed before");
        let pos = self.pos.get_mut(&ai).expect("indexed before");
        let h = pos.len();
        self.exact
            .entry((ai, event.event_type, event.span))
            .or_default()
            .push(h);
        self.by_type
            .entry((ai, event.event_type))
            .or_default()
            .push(h);
        events.insert(at, event);
        handles.insert(at, h);
        pos.push(at);
        for (p, &x) in handles.iter().enumerate().skip(at + 1) {
            pos[x] = p;
        }
    }
}

/// Notes an analyst's change in an event's rule and marks it corrected.
fn note(e: &mut Event, what: &str) {
    e.rule.push_str("; corrected by the analyst: ");
    e.rule.push_str(what);
    if e.review != Review::Added {
        e.review = Review::Corrected;
    }
}

/// Notes that an event was merged (once: merging a large merged event
/// again does not repeat the note on each of its members).
fn note_merged(r: &mut Replay, analyses: &mut [Analysis], ev: (usize, usize)) {
    let at = r.at(ev);
    let e = &mut analyses[ev.0].events[at];
    if r.noted.insert(ev) {
        note(e, "merged");
    } else if e.review != Review::Added {
        // a rejected event merged again is back, corrected
        e.review = Review::Corrected;
    }
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

/// The journal replay as it was before the indexes (quadratic), kept to
/// check that the indexed one gives the same corpus.
#[cfg(test)]
mod reference {
    use super::*;

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

    fn note(e: &mut Event, what: &str) {
        e.rule = format!("{}; corrected by the analyst: {what}", e.rule);
        if e.review != Review::Added {
            e.review = Review::Corrected;
        }
    }

    pub(super) fn apply_events_reference(
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
                Correction::SetPublished { .. }
                | Correction::Undo { .. }
                | Correction::Redo { .. } => {}
            }
        }
        corpus.clusters = regroup(&mut corpus.analyses);
        applied
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{Modality, PloverType};

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

    /// A pseudo-random number (a linear congruential generator).
    fn next(state: &mut u64) -> usize {
        *state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (*state >> 33) as usize
    }

    const TYPES: [PloverType; 4] = [
        PloverType::Consult,
        PloverType::Accuse,
        PloverType::Threaten,
        PloverType::Agree,
    ];

    /// `n` corrections of every kind on random events of `corpus`, some
    /// with keys that no longer match exactly (span moved, type changed).
    fn random_corrections(corpus: &Corpus, n: usize, seed: u64) -> Vec<Correction> {
        let hashes = article_hashes(corpus);
        let keys: Vec<EventKey> = corpus
            .analyses
            .iter()
            .zip(&hashes)
            .flat_map(|(a, h)| a.events.iter().map(move |e| EventKey::of(h, e)))
            .collect();
        let mut st = seed;
        let pick = |st: &mut u64| {
            let mut k = keys[next(st) % keys.len()].clone();
            match next(st) % 8 {
                0 => {
                    let d = next(st) % 6;
                    k.span = (k.span.0 + d, k.span.1 + d);
                }
                1 => k.event_type = TYPES[next(st) % TYPES.len()],
                _ => {}
            }
            k
        };
        (0..n)
            .map(|_| match next(&mut st) % 12 {
                0 => Correction::Accept { key: pick(&mut st) },
                1 => Correction::Reject { key: pick(&mut st) },
                2 => Correction::SetType {
                    key: pick(&mut st),
                    to: TYPES[next(&mut st) % TYPES.len()],
                    mode: String::new(),
                },
                3 => Correction::SetActors {
                    key: pick(&mut st),
                    source: vec!["USA".into()],
                    target: vec!["RUS".into()],
                },
                4 => Correction::SetDate {
                    key: pick(&mut st),
                    value: "2021-12".into(),
                },
                5 => Correction::SetModality {
                    key: pick(&mut st),
                    to: Modality::Planned,
                },
                6 => {
                    let mut key = pick(&mut st);
                    key.event_type = TYPES[next(&mut st) % TYPES.len()];
                    Correction::AddEvent {
                        key,
                        source: Vec::new(),
                        target: vec!["UKR".into()],
                        date: Some("2021".into()),
                        modality: Modality::Asserted,
                    }
                }
                7 => Correction::Split { key: pick(&mut st) },
                _ => Correction::Merge {
                    key: pick(&mut st),
                    other: pick(&mut st),
                },
            })
            .collect()
    }

    /// What a replay decides, event by event; the "merged" note counted
    /// once (the indexed replay does not repeat it).
    fn outcome(corpus: &Corpus) -> Vec<String> {
        let mut out: Vec<String> = corpus
            .analyses
            .iter()
            .flat_map(|a| &a.events)
            .map(|e| {
                let merged = "; corrected by the analyst: merged";
                format!(
                    "{} {} {:?} {:?} {:?} {:?} {:?} {:?} merged={} {}",
                    e.id,
                    e.event_type.name(),
                    e.modality,
                    e.date.value,
                    e.source.iter().map(|m| &m.code).collect::<Vec<_>>(),
                    e.target.iter().map(|m| &m.code).collect::<Vec<_>>(),
                    e.review,
                    e.cluster,
                    e.rule.contains(merged),
                    e.rule.replace(merged, ""),
                )
            })
            .collect();
        out.push(format!("{} merged events", corpus.clusters.len()));
        out
    }

    fn copy(c: &Corpus) -> Corpus {
        Corpus {
            analyses: c.analyses.clone(),
            ..Corpus::default()
        }
    }

    fn seeds() -> Corpus {
        crate::corpus::load_paths(
            &[std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")],
            &|_, _| {},
            &std::sync::atomic::AtomicBool::new(false),
        )
    }

    /// `copies` copies of the seeds, each text made distinct (so each has
    /// its own hash) and each copy's merged events its own.
    fn copies_of_seeds(copies: usize) -> Corpus {
        let seeds = seeds();
        let mut corpus = Corpus::default();
        for i in 0..copies {
            for a in &seeds.analyses {
                let mut a = a.clone();
                a.article.text.push_str(&format!("\n{i}"));
                a.article.id = format!("{}-{i}", a.article.id);
                for e in &mut a.events {
                    e.id = format!("{}-{i}", e.id);
                    e.cluster = e.cluster.as_ref().map(|c| format!("{c}-{i}"));
                }
                corpus.analyses.push(a);
            }
        }
        corpus
    }

    #[test]
    fn indexed_replay_decides_as_the_plain_one() {
        let base = copies_of_seeds(2);
        for seed in 0..60 {
            let corrections = random_corrections(&base, 200, seed);
            let refs: Vec<&Correction> = corrections.iter().collect();
            let index = hash_index(&article_hashes(&base));
            let (mut fast, mut plain) = (copy(&base), copy(&base));
            let a = apply_events(&mut fast, &refs, &index);
            let b = reference::apply_events_reference(&mut plain, &refs, &index);
            assert_eq!(a, b, "seed {seed}: corrections applied");
            let (x, y) = (outcome(&fast), outcome(&plain));
            if let Some(i) = (0..x.len().max(y.len())).find(|&i| x.get(i) != y.get(i)) {
                panic!(
                    "seed {seed}, event {i}:\nindexed {:?}\nplain   {:?}",
                    x.get(i),
                    y.get(i)
                );
            }
        }
    }

    #[test]
    fn replay_time_grows_linearly() {
        // timings are printed (run with --nocapture), not asserted
        let base = copies_of_seeds(300);
        let index = hash_index(&article_hashes(&base));
        for n in [8_000, 50_000] {
            let corrections = random_corrections(&base, n, 7);
            let refs: Vec<&Correction> = corrections.iter().collect();
            let mut fast = copy(&base);
            let t = std::time::Instant::now();
            let applied = apply_events(&mut fast, &refs, &index);
            let indexed = t.elapsed();
            assert!(applied > n / 2, "{applied} of {n} found their event");
            let merges: Vec<&Correction> = refs
                .iter()
                .copied()
                .filter(|c| matches!(c, Correction::Merge { .. }))
                .take(8_000.min(n))
                .collect();
            let mut plain = copy(&base);
            let t = std::time::Instant::now();
            if n <= 8_000 {
                reference::apply_events_reference(&mut plain, &merges, &index);
            }
            let before = t.elapsed();
            println!(
                "replay of {n} corrections on {} articles ({} events): indexed {:.3} s{}",
                base.analyses.len(),
                base.event_count(),
                indexed.as_secs_f64(),
                if n <= 8_000 {
                    format!(
                        "; {} merges alone, plain replay {:.3} s",
                        merges.len(),
                        before.as_secs_f64()
                    )
                } else {
                    String::new()
                }
            );
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
