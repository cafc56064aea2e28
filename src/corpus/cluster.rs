//! Merging event mentions into events: across articles and within one.
//!
//! Two mentions are one event when they have the same type, compatible
//! actors (order-free for reciprocal types), and compatible dates at their
//! precisions (`2021-06` and `2021-06-16` agree). A date that only comes from
//! the story's time or the publication date is widened by a week, and such a
//! weakly dated plan, hypothesis or condition is not merged at all (its real
//! date is unknown); negated mentions are never merged. A cluster keeps the
//! intersection of its members' periods, so coarse mentions cannot chain
//! unrelated events together.
//!
//! Candidates are found per (type, actor) bucket by a sweep over dates, with
//! a bounded number of comparisons per mention: near-linear in the mentions.

use crate::Span;
use crate::extract::{Analysis, Event, EventDate, Modality, PloverType};
use crate::nlp::temporal::value_range;
use chrono::{Duration, NaiveDate};
use rayon::prelude::*;
use rustc_hash::{FxHashMap as HashMap, FxHashSet};
use serde::Serialize;
use std::collections::BTreeSet;
use std::sync::LazyLock;

/// Comparisons per mention in a bucket sweep.
const MAX_COMPARISONS: usize = 64;
/// How far a weakly dated mention may be from the others, in days.
const WEAK_DATE_SLACK: i64 = 7;
/// How long before its story a weakly dated mention may have happened (a
/// retelling: "the car bomb attack at the embassy killed 253 people").
const RETELLING_DAYS: i64 = 30;

/// One mention of a merged event.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MentionRef {
    /// The event mention's id.
    pub event: String,
    /// Its article.
    pub article: String,
    /// Its evidence span in that article.
    pub span: Span,
    /// Its evidence text.
    pub evidence: String,
    /// How that article presents it.
    pub modality: Modality,
    /// That article's publication date, if known.
    pub published: Option<NaiveDate>,
}

/// An event as reported by one or more mentions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MergedEvent {
    /// `c1`, `c2`, ... in order of first mention.
    pub id: String,
    /// PLOVER type.
    #[serde(rename = "type")]
    pub event_type: PloverType,
    /// PLOVER mode of the first mention that has one.
    pub mode: String,
    /// Score of that type and mode.
    pub score: f64,
    /// CAMEO code of the first mention that has one.
    pub cameo: Option<String>,
    /// Its Goldstein value.
    pub goldstein: Option<f64>,
    /// The most precise date its mentions support.
    pub date: EventDate,
    /// Asserted if any article states it as happened (else reported if any
    /// reports it); else the most recent article's modality: a plan that was
    /// then held becomes asserted.
    pub modality: Modality,
    /// Source actor codes of all mentions.
    pub source: Vec<String>,
    /// Target actor codes of all mentions.
    pub target: Vec<String>,
    /// Every mention, in corpus order.
    pub mentions: Vec<MentionRef>,
    /// Number of distinct articles that mention it.
    pub articles: usize,
    /// Where it happened: the best-founded location of its mentions (the
    /// text's own words before its sentence, the dateline and the target;
    /// then a city before a region before a country).
    pub location: Option<crate::extract::Location>,
}

/// The period of a mention's date, widened for weak dates.
fn period(e: &Event) -> Option<(NaiveDate, NaiveDate, bool)> {
    let (s, t) = value_range(e.date.value.as_deref()?)?;
    let strong = e.date.basis.is_own_expression();
    if strong {
        Some((s, t, true))
    } else {
        // an act of force dated only by its story may be told again
        // weeks after it happened
        let slack = Duration::days(WEAK_DATE_SLACK);
        let before = if e.event_type.is_material_conflict() {
            Duration::days(RETELLING_DAYS)
        } else {
            slack
        };
        Some((s - before, t + slack, false))
    }
}

/// The distinct actor codes of mentions, sorted (participants without a
/// code left out).
fn codes(v: &[crate::extract::ActorMention]) -> Vec<&str> {
    let mut c = crate::extract::event::distinct_codes(v);
    c.sort_unstable();
    c
}

/// How many items two sorted, deduplicated lists share (counting stops at
/// `limit`).
fn shared<T: Ord>(a: &[T], b: &[T], limit: usize) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() && n < limit {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Whether two sorted, deduplicated lists share nothing.
fn disjoint<T: Ord>(a: &[T], b: &[T]) -> bool {
    shared(a, b, 1) == 0
}

/// Whether a mention may be merged with others at all.
fn mergeable(e: &Event) -> bool {
    if e.modality == Modality::Negated {
        return false;
    }
    let weak = !e.date.basis.is_own_expression();
    let unrealised = matches!(
        e.modality,
        Modality::Planned | Modality::Hypothetical | Modality::Conditional
    );
    !(weak && unrealised) && period(e).is_some()
}

struct UnionFind {
    parent: Vec<usize>,
    range: Vec<(NaiveDate, NaiveDate)>,
}

impl UnionFind {
    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    /// Joins the clusters of `a` and `b` if their periods still overlap.
    fn join(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return;
        }
        let (sa, ea) = self.range[ra];
        let (sb, eb) = self.range[rb];
        let (s, e) = (sa.max(sb), ea.min(eb));
        if s <= e {
            let (root, child) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.parent[child] = root;
            self.range[root] = (s, e);
        }
    }
}

/// The wording lists of `assets/cues.toml` as lookups: stop words (also
/// without a plural `s`) and each synonym's class name (`=meeting`).
struct Wording {
    stop: FxHashSet<String>,
    class: HashMap<String, String>,
}

static WORDING: LazyLock<Wording> = LazyLock::new(|| {
    let cues = &crate::extract::lexicon::LEXICON.cues;
    let mut stop = FxHashSet::default();
    for s in &cues.wording_stopwords {
        stop.insert(s.clone());
        if let Some(t) = s.strip_suffix('s') {
            stop.insert(t.to_string());
        }
    }
    let mut class = HashMap::default();
    for c in &cues.synonym_classes {
        for w in c {
            class
                .entry(w.clone())
                .or_insert_with(|| format!("={}", c[0]));
        }
    }
    Wording { stop, class }
});

/// Content words of a mention's evidence: four letters or more, lower case,
/// a plural `s` dropped, without the stop words of `assets/cues.toml`,
/// synonyms replaced by their class; as 64-bit hashes (compared by the
/// thousand while merging), sorted and distinct.
fn content_words(e: &Event) -> Vec<u64> {
    use std::hash::{DefaultHasher, Hash, Hasher};
    let wording = &*WORDING;
    let mut out: Vec<u64> = e
        .evidence
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| w.len() >= 4)
        .map(|w| {
            let mut w = w.to_lowercase();
            if w.ends_with('s') {
                w.pop();
            }
            w
        })
        .filter(|w| !wording.stop.contains(w))
        .map(|w| {
            let mut h = DefaultHasher::new();
            wording.class.get(&w).unwrap_or(&w).hash(&mut h);
            h.finish()
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// What the merging rules look at in one mention, computed once.
pub(crate) struct Features<'a> {
    pub(crate) event_type: PloverType,
    mergeable: bool,
    pub(crate) period: Option<(NaiveDate, NaiveDate, bool)>,
    source: Vec<&'a str>,
    target: Vec<&'a str>,
    /// Source and target codes, sorted and distinct.
    pub(crate) participants: Vec<&'a str>,
    event: &'a Event,
    words: std::sync::OnceLock<Vec<u64>>,
}

impl<'a> Features<'a> {
    pub(crate) fn of(e: &'a Event) -> Self {
        let source = codes(&e.source);
        let target = codes(&e.target);
        let mergeable = mergeable(e);
        Features {
            event_type: e.event_type,
            mergeable,
            period: period(e),
            participants: {
                let mut p = [source.as_slice(), target.as_slice()].concat();
                p.sort_unstable();
                p.dedup();
                p
            },
            source,
            target,
            event: e,
            words: std::sync::OnceLock::new(),
        }
    }

    /// The features of `e` as if a relative expression dated it to `day`
    /// (for trying candidate publication dates without re-dating it).
    pub(crate) fn on_day(e: &'a Event, day: NaiveDate) -> Self {
        let mut f = Features::of(e);
        f.mergeable = e.modality != Modality::Negated;
        f.period = Some((day, day, true));
        f
    }

    /// Its content words, computed on first use (only weak dates need them).
    fn words(&self) -> &[u64] {
        self.words.get_or_init(|| content_words(self.event))
    }

    /// Same type, compatible actors and dates, and (when either date is
    /// weak) some shared wording.
    pub(crate) fn compatible(&self, o: &Features<'_>) -> bool {
        if self.event_type != o.event_type || !self.mergeable || !o.mergeable {
            return false;
        }
        let actors = if self.event_type.is_reciprocal() {
            let need = 2
                .min(self.participants.len())
                .min(o.participants.len())
                .max(1);
            shared(&self.participants, &o.participants, need) >= need
        } else {
            let meet = |x: &[&str], y: &[&str]| x.is_empty() || y.is_empty() || !disjoint(x, y);
            // an act of force whose doer one mention does not name ("the
            // bombing of the embassy", dated by the text) is the act done to
            // the same target
            let unnamed = self.event_type.is_material_conflict()
                && (self.source.is_empty() || o.source.is_empty())
                && !disjoint(&self.target, &o.target)
                && self.period.is_some_and(|p| p.2)
                && o.period.is_some_and(|p| p.2);
            (unnamed || !disjoint(&self.source, &o.source)) && meet(&self.target, &o.target)
        };
        if !actors || apart(self.event, o.event) {
            return false;
        }
        match (self.period, o.period) {
            (Some((s1, e1, strong_a)), Some((s2, e2, strong_b))) => {
                s1 <= e2
                    && s2 <= e1
                    && ((strong_a && strong_b) || !disjoint(self.words(), o.words()))
            }
            _ => false,
        }
    }
}

/// How far apart two mentions may be placed and still be one event:
/// a city and its suburbs, not two cities.
const SAME_PLACE_KM: f64 = 50.0;

/// Whether the texts put two mentions in different cities (more than
/// [`SAME_PLACE_KM`] apart): then they are two events, whatever else they
/// share. Dates of datelines and targets say too little to keep events
/// apart.
fn apart(a: &Event, b: &Event) -> bool {
    match (stated_city(a), stated_city(b)) {
        (Some(x), Some(y)) => {
            x.id != y.id && km_between((x.lat, x.lon), (y.lat, y.lon)) > SAME_PLACE_KM
        }
        _ => false,
    }
}

/// The city the text itself puts an event in, if any.
fn stated_city(e: &Event) -> Option<&crate::extract::Location> {
    use crate::extract::{LocationBasis, LocationPrecision};
    e.location.as_ref().filter(|l| {
        l.precision == LocationPrecision::City
            && matches!(l.basis, LocationBasis::Explicit | LocationBasis::Sentence)
    })
}

/// Great-circle distance in kilometres.
fn km_between((lat1, lon1): (f64, f64), (lat2, lon2): (f64, f64)) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let (dp, dl) = ((lat2 - lat1).to_radians(), (lon2 - lon1).to_radians());
    let h = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().asin()
}

/// Whether two mentions may be the same event: same type, compatible
/// actors and dates, and (when either date is weak) some shared wording.
pub fn same_event(a: &Event, b: &Event) -> bool {
    Features::of(a).compatible(&Features::of(b))
}

/// Merges the event mentions of `analyses` into events, sets each mention's
/// `cluster`, and returns the merged events (one per cluster, including
/// single mentions).
pub fn cluster(analyses: &mut [Analysis]) -> Vec<MergedEvent> {
    let mut refs: Vec<(usize, usize)> = Vec::new();
    for (ai, a) in analyses.iter().enumerate() {
        for ei in 0..a.events.len() {
            refs.push((ai, ei));
        }
    }
    let features: Vec<Features<'_>> = refs
        .par_iter()
        .map(|&(ai, ei)| Features::of(&analyses[ai].events[ei]))
        .collect();
    let far = NaiveDate::from_ymd_opt(1, 1, 1).expect("valid");
    let mut uf = UnionFind {
        parent: (0..refs.len()).collect(),
        range: features
            .iter()
            .map(|f| f.period.map_or((far, far), |(s, e, _)| (s, e)))
            .collect(),
    };
    // buckets: (type, actor code) -> mentions, swept in date order
    let mut buckets: HashMap<(PloverType, &str), Vec<usize>> = HashMap::default();
    for (i, f) in features.iter().enumerate() {
        if !f.mergeable {
            continue;
        }
        for code in &f.participants {
            buckets.entry((f.event_type, code)).or_default().push(i);
        }
    }
    let mut bucket_list: Vec<Vec<usize>> = buckets.into_values().collect();
    bucket_list.sort();
    // The comparisons (the costly part) run in parallel, bucket by bucket;
    // the joins then happen in the same order as a serial sweep would make
    // them, so the result does not depend on the number of threads.
    let compatible_pairs: Vec<Vec<(usize, usize)>> = bucket_list
        .into_par_iter()
        .map(|mut bucket| {
            bucket.sort_by_key(|&i| features[i].period.map(|p| (p.0, p.1)));
            let mut pairs = Vec::new();
            for (k, &i) in bucket.iter().enumerate() {
                let Some((_, end_i, _)) = features[i].period else {
                    continue;
                };
                for &j in bucket[k + 1..].iter().take(MAX_COMPARISONS) {
                    let Some((start_j, _, _)) = features[j].period else {
                        continue;
                    };
                    if start_j > end_i {
                        break;
                    }
                    if features[i].compatible(&features[j]) {
                        pairs.push((i, j));
                    }
                }
            }
            pairs
        })
        .collect();
    for (i, j) in compatible_pairs.into_iter().flatten() {
        uf.join(i, j);
    }
    drop(features);
    // collect clusters in order of first mention
    let mut members: Vec<Vec<usize>> = Vec::new();
    let mut index_of_root: HashMap<usize, usize> = HashMap::default();
    for i in 0..refs.len() {
        let root = uf.find(i);
        let k = *index_of_root.entry(root).or_insert_with(|| {
            members.push(Vec::new());
            members.len() - 1
        });
        members[k].push(i);
    }
    for (k, group) in members.iter().enumerate() {
        let id = format!("c{}", k + 1);
        for &i in group {
            let (ai, ei) = refs[i];
            analyses[ai].events[ei].cluster = Some(id.clone());
        }
    }
    // the merged records are independent of each other: built in parallel
    let analyses = &*analyses;
    members
        .par_iter()
        .enumerate()
        .map(|(k, group)| {
            merge(
                &format!("c{}", k + 1),
                group.iter().map(|&i| (refs[i], &analyses[refs[i].0])),
            )
        })
        .collect()
}

/// Rebuilds the merged events from the mentions' cluster ids (after the
/// analyst merged or split events): mentions sharing an id form one event, a
/// mention without one (an added event) stands alone, rejected mentions
/// belong to none. Ids are renumbered `c1`, `c2`, ... in order of first
/// mention, as [`cluster`] numbers them.
pub fn regroup(analyses: &mut [Analysis]) -> Vec<MergedEvent> {
    let mut members: Vec<Vec<(usize, usize)>> = Vec::new();
    let mut index_of: HashMap<String, usize> = HashMap::default();
    for (ai, a) in analyses.iter().enumerate() {
        for (ei, e) in a.events.iter().enumerate() {
            if e.review == crate::extract::Review::Rejected {
                continue;
            }
            let k = match &e.cluster {
                Some(c) => *index_of.entry(c.clone()).or_insert_with(|| {
                    members.push(Vec::new());
                    members.len() - 1
                }),
                None => {
                    members.push(Vec::new());
                    members.len() - 1
                }
            };
            members[k].push((ai, ei));
        }
    }
    for a in analyses.iter_mut() {
        for e in &mut a.events {
            e.cluster = None;
        }
    }
    let mut merged = Vec::with_capacity(members.len());
    for (k, group) in members.iter().enumerate() {
        let id = format!("c{}", k + 1);
        for &(ai, ei) in group {
            analyses[ai].events[ei].cluster = Some(id.clone());
        }
        merged.push(merge(&id, group.iter().map(|&r| (r, &analyses[r.0]))));
    }
    merged
}

/// Builds the merged record of one cluster.
fn merge<'a>(id: &str, group: impl Iterator<Item = ((usize, usize), &'a Analysis)>) -> MergedEvent {
    let mut mentions = Vec::new();
    let mut events: Vec<&Event> = Vec::new();
    for ((_, ei), a) in group {
        let e = &a.events[ei];
        events.push(e);
        mentions.push(MentionRef {
            event: e.id.clone(),
            article: e.article.clone(),
            span: e.span,
            evidence: e.evidence.clone(),
            modality: e.modality,
            published: a.article.published,
        });
    }
    let first = events[0];
    let precise = events
        .iter()
        .filter(|e| e.date.basis.is_own_expression())
        .chain(events.iter())
        .filter_map(|e| {
            let (s, t) = value_range(e.date.value.as_deref()?)?;
            Some((t - s, *e))
        })
        .min_by_key(|(len, _)| *len)
        .map(|(_, e)| e.date.clone());
    let happened = if events.iter().any(|e| e.modality == Modality::Asserted) {
        Some(Modality::Asserted)
    } else if events.iter().any(|e| e.modality == Modality::Reported) {
        Some(Modality::Reported)
    } else {
        None
    };
    let latest = mentions
        .iter()
        .max_by_key(|m| m.published)
        .map_or(first.modality, |m| m.modality);
    let mode = events
        .iter()
        .map(|e| e.mode.as_str())
        .find(|m| !m.is_empty())
        .unwrap_or("");
    let collect = |f: fn(&Event) -> &[crate::extract::ActorMention]| -> Vec<String> {
        let mut codes: Vec<String> = Vec::new();
        for m in events.iter().flat_map(|e| f(e)) {
            if !m.code.is_empty() && !codes.contains(&m.code) {
                codes.push(m.code.clone());
            }
        }
        codes
    };
    let articles: BTreeSet<&str> = mentions.iter().map(|m| m.article.as_str()).collect();
    let location = events
        .iter()
        .filter_map(|e| e.location.as_ref())
        .min_by_key(|l| (l.basis, l.precision))
        .cloned();
    MergedEvent {
        id: id.to_string(),
        event_type: first.event_type,
        mode: mode.to_string(),
        score: crate::extract::lexicon::LEXICON.score(first.event_type, mode),
        cameo: events.iter().find_map(|e| e.cameo.clone()),
        goldstein: events.iter().find_map(|e| e.goldstein),
        date: precise.unwrap_or_else(|| first.date.clone()),
        modality: happened.unwrap_or(latest),
        source: collect(|e| &e.source),
        target: collect(|e| &e.target),
        articles: articles.len(),
        mentions,
        location,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::analyze_text;

    fn first(text: &str) -> Event {
        analyze_text("t.txt", text).events.remove(0)
    }

    #[test]
    fn the_same_act_in_two_cities_is_two_events() {
        let kharkiv = first(
            " date 2022-03-01 A\n\nRussian troops attacked Ukrainian soldiers in Kharkiv on Tuesday.",
        );
        let also = first(
            " date 2022-03-02 B\n\nRussian troops attacked Ukrainian soldiers in Kharkiv on Tuesday, officials said.",
        );
        let lviv = first(
            " date 2022-03-01 C\n\nRussian troops attacked Ukrainian soldiers in Lviv on Tuesday.",
        );
        assert_eq!(
            kharkiv.location.as_ref().map(|l| l.name.as_str()),
            Some("Kharkiv")
        );
        assert_eq!(
            lviv.location.as_ref().map(|l| l.name.as_str()),
            Some("Lviv")
        );
        assert!(same_event(&kharkiv, &also), "one place, one day: one event");
        assert!(!same_event(&kharkiv, &lviv), "two cities 1,000 km apart");
        assert!(km_between((50.0, 36.2), (49.8, 24.0)) > 800.0);
    }

    #[test]
    fn an_act_of_force_whose_doer_one_story_does_not_name_merges_by_its_target() {
        let named =
            first(" date 1998-08-08 A\n\nIslamic militants bombed the U.S. embassy on August 7.");
        let unnamed =
            first(" date 1998-08-09 B\n\nA bomb attack hit the U.S. embassy on August 7, 1998.");
        assert!(unnamed.source.is_empty(), "{unnamed:?}");
        assert!(same_event(&named, &unnamed));
        // a statement whose speaker is unknown joins no named one
        let said = first(" date 1998-08-08 A\n\nClinton condemned the U.S. embassy bombing.");
        let unsaid = first(" date 1998-08-08 B\n\nIt condemned the U.S. embassy bombing.");
        assert!(unsaid.source.is_empty(), "{unsaid:?}");
        assert!(!same_event(&said, &unsaid));
    }
}
