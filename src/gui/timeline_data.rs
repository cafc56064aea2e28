//! The timeline's geometry, computed once per change of corpus or filters
//! (never per frame): one point or span per visible event, grouped by type,
//! and the tension index (the weekly mean tension, smoothed with an
//! exponential decay, so it stays on the events' scale however many there are).

use crate::corpus::Corpus;
use crate::extract::event::distinct_codes;
use crate::extract::{Event, EventDate, Modality, PloverType, Review};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};

/// Days since 1970-01-01, the plot's x axis.
pub fn day_number(d: NaiveDate) -> f64 {
    (d - NaiveDate::from_ymd_opt(1970, 1, 1).expect("valid")).num_days() as f64
}

/// The date of an x value.
pub fn date_of(x: f64) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(1970, 1, 1)?
        .checked_add_signed(chrono::Duration::days(x.round() as i64))
}

/// One event on the plot.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    /// (article index, event index) in the corpus.
    pub event: (usize, usize),
    /// First and last day (equal for a day-precise date).
    pub x: (f64, f64),
    /// Tension: the negated score (escalation up).
    pub y: f64,
    /// Filled (asserted) or hollow.
    pub filled: bool,
    /// Number of articles that report it (1 for a single mention).
    pub sources: usize,
}

impl Mark {
    /// Marker radius in points: larger for events more sources report.
    pub fn radius(&self) -> f32 {
        4.0 + 1.5 * (self.sources.clamp(1, 5) - 1) as f32
    }
}

/// What the user has chosen to see (kept in the project's view settings).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Filters {
    /// Only this article.
    pub article: Option<usize>,
    /// Only events with this actor among source or target: a code, a name
    /// of the lexicon, or words of the mention (empty: all).
    pub actor: String,
    /// Hidden types.
    pub hidden_types: std::collections::BTreeSet<PloverType>,
    /// Only this modality.
    pub modality: Option<Modality>,
    /// Only events whose evidence contains this text (case-insensitive).
    pub search: String,
    /// Only events placed here: a place's name, a country's name or its
    /// ISO code ("Geneva", "Ukraine", "UA"; empty: anywhere).
    pub place: String,
    /// Show negated events too.
    pub show_negated: bool,
    /// Show events the analyst rejected too.
    pub show_rejected: bool,
    /// Only events from this day on.
    pub from: Option<NaiveDate>,
    /// Only events up to this day.
    pub to: Option<NaiveDate>,
}

/// The largest vertical gap, in tension units, between markers spread
/// within one day.
const SPREAD_STEP: f64 = 0.5;
/// How far from its score a spread marker may go, either way.
const SPREAD_MAX: f64 = 1.5;

/// Spreads day-precise marks that share a day and a tension, which would
/// otherwise be drawn one on top of another, each one clickable: a small
/// vertical offset around their common tension (or lane), in type then
/// event order (the same every time): at most `step_max` apart, the group's
/// offsets summing to zero and staying within `reach` ([`SPREAD_MAX`] on
/// the tension scale); the facts panel and the tooltip give the exact score.
fn spread_same_day(by_type: &mut BTreeMap<PloverType, Vec<Mark>>, step_max: f64, reach: f64) {
    let mut groups: BTreeMap<(i64, i64), Vec<(PloverType, usize)>> = BTreeMap::new();
    for (ty, marks) in by_type.iter() {
        for (i, m) in marks.iter().enumerate() {
            if m.x.0 == m.x.1 {
                let key = (m.x.0 as i64, (m.y * 100.0).round() as i64);
                groups.entry(key).or_default().push((*ty, i));
            }
        }
    }
    for members in groups.values().filter(|g| g.len() > 1) {
        let n = members.len() as f64;
        let step = step_max.min(2.0 * reach / (n - 1.0));
        for (k, &(ty, i)) in members.iter().enumerate() {
            if let Some(m) = by_type.get_mut(&ty).and_then(|v| v.get_mut(i)) {
                m.y += (k as f64 - (n - 1.0) / 2.0) * step;
            }
        }
    }
}

/// How far from its lane a spread marker may go, either way.
const LANE_SPREAD: f64 = 0.35;
/// Actor pairs with lanes of their own (the busiest); the others share
/// the last lane.
pub const MAX_DYAD_LANES: usize = 14;
/// The name of the lane of the less busy actor pairs.
pub const OTHER_PAIRS: &str = "other pairs";

/// What the plot's vertical axis shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Rows {
    /// The tension (the negated score): conflict up, cooperation down.
    #[default]
    Tension,
    /// One lane per pair of actors (RUS–UKR, RUS–USA...), the busiest on top.
    Dyads,
    /// One lane per type, conflict on top.
    Types,
}

impl Rows {
    /// Every choice, as the View menu lists them.
    pub const ALL: [Rows; 3] = [Rows::Tension, Rows::Dyads, Rows::Types];

    /// Its name in the View menu.
    pub fn name(self) -> &'static str {
        match self {
            Rows::Tension => "Tension scale",
            Rows::Dyads => "Lanes by actor pair",
            Rows::Types => "Lanes by type",
        }
    }
}

/// The codes of the lexicon's states (RUS, USA...).
static STATE_CODES: std::sync::LazyLock<HashSet<&'static str>> = std::sync::LazyLock::new(|| {
    crate::extract::lexicon::LEXICON
        .actors
        .iter()
        .filter(|a| a.kind == "state")
        .map(|a| a.code.as_str())
        .collect()
});

/// The state an actor code belongs to ("RUSMIL", "RUSGOV" → "RUS"), or
/// the code itself (NATO, a group).
fn state_of(code: &str) -> &str {
    match code.get(..3) {
        Some(state) if code.len() > 3 && STATE_CODES.contains(state) => state,
        _ => code,
    }
}

/// The lane of an event's actors: the states (or organisations) of the
/// first two distinct codes, in alphabetical order ("RUS–UKR" for an
/// attack either way, "RUS–USA" for talks of their presidents), one alone,
/// or "no actor".
fn dyad<'a>(codes: impl Iterator<Item = &'a str>) -> String {
    let mut all: Vec<&str> = Vec::new();
    for c in codes.map(state_of) {
        if !c.is_empty() && !all.contains(&c) {
            all.push(c);
        }
    }
    all.truncate(2);
    all.sort_unstable();
    if all.is_empty() {
        "no actor".to_string()
    } else {
        all.join("–")
    }
}

/// Puts each mark on its lane: lanes ordered top down (actor pairs by
/// number of events, then by name; types from conflict to cooperation),
/// lane `k` at height `-k`. Returns the lanes' names.
fn into_lanes(
    by_type: &mut BTreeMap<PloverType, Vec<Mark>>,
    keys: &HashMap<(usize, usize), String>,
    rows: Rows,
) -> Vec<String> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for m in by_type.values().flatten() {
        if let Some(k) = keys.get(&m.event) {
            *counts.entry(k.as_str()).or_default() += 1;
        }
    }
    let mut lanes: Vec<String> = counts.keys().map(|k| k.to_string()).collect();
    match rows {
        Rows::Types => lanes.sort_by_key(|name| {
            std::cmp::Reverse(
                PloverType::ALL
                    .iter()
                    .position(|t| t.name() == name)
                    .unwrap_or(0),
            )
        }),
        _ => {
            lanes.sort_by(|a, b| counts[b.as_str()].cmp(&counts[a.as_str()]).then(a.cmp(b)));
            if lanes.len() > MAX_DYAD_LANES {
                lanes.truncate(MAX_DYAD_LANES - 1);
                lanes.push(OTHER_PAIRS.to_string());
            }
        }
    }
    let rank: HashMap<&str, usize> = lanes
        .iter()
        .enumerate()
        .map(|(i, l)| (l.as_str(), i))
        .collect();
    let last = lanes.len().saturating_sub(1);
    for m in by_type.values_mut().flatten() {
        if let Some(k) = keys.get(&m.event) {
            m.y = -(rank.get(k.as_str()).copied().unwrap_or(last) as f64);
        }
    }
    lanes
}

/// The days the default view shows, from the marks' start days and their
/// full range: the full range, unless it is more than four times as wide
/// as the span of the middle 90 % of the marks; then that span, with a
/// tenth of it on each side.
fn default_view(starts: &mut [f64], full: (f64, f64)) -> (f64, f64) {
    if starts.len() < 20 {
        return full;
    }
    starts.sort_by(f64::total_cmp);
    let at = |q: f64| starts[((starts.len() - 1) as f64 * q).round() as usize];
    let (low, high) = (at(0.05), at(0.95));
    let middle = (high - low).max(30.0);
    if full.1 - full.0 <= 4.0 * middle {
        return full;
    }
    (
        (low - 0.1 * middle).max(full.0),
        (high + 0.1 * middle).min(full.1),
    )
}

/// How the article list is ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ArticleSort {
    /// As the articles were opened.
    #[default]
    Opened,
    /// Newest publication first (undated last).
    Newest,
    /// Oldest publication first (undated last).
    Oldest,
    /// Most events first.
    MostEvents,
    /// By title.
    Title,
}

impl ArticleSort {
    /// Every order, as the menu lists them.
    pub const ALL: [ArticleSort; 5] = [
        ArticleSort::Opened,
        ArticleSort::Newest,
        ArticleSort::Oldest,
        ArticleSort::MostEvents,
        ArticleSort::Title,
    ];

    /// The order's name in the menu.
    pub fn name(self) -> &'static str {
        match self {
            ArticleSort::Opened => "as opened",
            ArticleSort::Newest => "newest first",
            ArticleSort::Oldest => "oldest first",
            ArticleSort::MostEvents => "most events",
            ArticleSort::Title => "by title",
        }
    }
}

/// The article list's search and order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ArticleListView {
    /// Words the title or file name must contain (case-insensitive).
    pub query: String,
    /// The order.
    pub sort: ArticleSort,
    /// The articles listed, as [`ArticleListView::order`] last gave them.
    listed: Vec<usize>,
    /// Whether `listed` is current (the articles, the query and the order
    /// unchanged since): the list is not sorted again every frame.
    current: bool,
}

impl ArticleListView {
    /// Has the list worked out again at its next use (the articles, the
    /// query or the order changed).
    pub fn invalidate(&mut self) {
        self.current = false;
    }

    /// The articles to list, in order, worked out again only after
    /// [`ArticleListView::invalidate`].
    pub fn listed(&mut self, analyses: &[crate::extract::Analysis]) -> &[usize] {
        if !self.current {
            self.listed = self.order(analyses);
            self.current = true;
        }
        &self.listed
    }

    /// The indices of the articles to list, in order.
    pub fn order(&self, analyses: &[crate::extract::Analysis]) -> Vec<usize> {
        let q = self.query.trim().to_lowercase();
        let mut order: Vec<usize> = (0..analyses.len())
            .filter(|&i| {
                let a = &analyses[i].article;
                q.is_empty()
                    || a.title.to_lowercase().contains(&q)
                    || a.file_name.to_lowercase().contains(&q)
            })
            .collect();
        let art = |i: usize| &analyses[i].article;
        match self.sort {
            ArticleSort::Opened => {}
            ArticleSort::Newest => {
                order.sort_by_key(|&i| {
                    (
                        art(i).published.is_none(),
                        std::cmp::Reverse(art(i).published),
                    )
                });
            }
            ArticleSort::Oldest => {
                order.sort_by_key(|&i| (art(i).published.is_none(), art(i).published));
            }
            ArticleSort::MostEvents => {
                order.sort_by_key(|&i| std::cmp::Reverse(analyses[i].events.len()));
            }
            ArticleSort::Title => order.sort_by_cached_key(|&i| art(i).title.to_lowercase()),
        }
        order
    }
}

/// Every name, adjective and person of the lexicon's actors, lower case,
/// with the codes it stands for (built once, for the actor filter).
static NAME_CODES: std::sync::LazyLock<std::collections::HashMap<String, Vec<String>>> =
    std::sync::LazyLock::new(|| {
        let mut map: std::collections::HashMap<String, Vec<String>> = Default::default();
        for a in &crate::extract::lexicon::LEXICON.actors {
            let forms = std::iter::once(&a.name)
                .chain(&a.names)
                .chain(&a.adjectives)
                .chain(&a.people);
            for f in forms {
                let codes = map.entry(f.to_lowercase()).or_default();
                if !codes.contains(&a.code) {
                    codes.push(a.code.clone());
                }
            }
        }
        map
    });

/// The codes an actor query stands for: the query as a code ("RUS"), and
/// the codes of the lexicon's actors one of whose names, adjectives or
/// people it is ("Russia", "Kremlin", "Putin" → `RUS`), case-insensitive.
pub fn actor_query_codes(query: &str) -> Vec<String> {
    let q = query.trim();
    let mut codes = vec![q.to_uppercase()];
    for c in NAME_CODES.get(&q.to_lowercase()).into_iter().flatten() {
        if !codes.contains(c) {
            codes.push(c.clone());
        }
    }
    codes
}

/// Whether a participant (its code and its words) matches the actor
/// filter: its code or the code of its state is one the query stands for
/// (`RUS` takes `RUSGOV` too), or its words contain the query.
fn actor_matches(query: &str, code: &str, text: &str) -> bool {
    let q = query.trim().to_lowercase();
    actor_query_codes(query)
        .iter()
        .any(|c| code == c || (c.len() == 3 && code.len() > 3 && code.starts_with(c.as_str())))
        || (!q.is_empty() && text.to_lowercase().contains(&q))
}

/// A bound of the date filter as typed: `2021`, `2021-06` or `2021-06-01`,
/// the first day of the period for the start of the range (`end` false) and
/// its last day for the end; empty is no bound.
///
/// # Errors
/// The reason the text is no date, to show beside the field.
pub fn parse_date_bound(text: &str, end: bool) -> Result<Option<NaiveDate>, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let parts: Vec<&str> = t.split('-').collect();
    let number = |p: &str, digits: usize| {
        (p.len() == digits && p.chars().all(|c| c.is_ascii_digit()))
            .then(|| p.parse::<u32>().ok())
            .flatten()
    };
    let shape = "expected YYYY, YYYY-MM or YYYY-MM-DD".to_string();
    let year = number(parts[0], 4).ok_or_else(|| shape.clone())? as i32;
    let month = match parts.get(1) {
        None => None,
        Some(p) => Some(number(p, 2).ok_or_else(|| shape.clone())?),
    };
    let day = match parts.get(2) {
        None => None,
        Some(p) => Some(number(p, 2).ok_or_else(|| shape.clone())?),
    };
    if parts.len() > 3 {
        return Err(shape);
    }
    let no_day = || format!("{t} is no day of the calendar");
    let date = match (month, day) {
        (None, _) => {
            if end {
                NaiveDate::from_ymd_opt(year, 12, 31)
            } else {
                NaiveDate::from_ymd_opt(year, 1, 1)
            }
        }
        (Some(m), None) => {
            let first =
                NaiveDate::from_ymd_opt(year, m, 1).ok_or_else(|| format!("{t}: no month {m}"))?;
            if end {
                first
                    .checked_add_months(chrono::Months::new(1))
                    .and_then(|d| d.pred_opt())
            } else {
                Some(first)
            }
        }
        (Some(m), Some(d)) => NaiveDate::from_ymd_opt(year, m, d),
    };
    date.map(Some).ok_or_else(no_day)
}

/// The text of one bound of the date filter, kept as typed: it is checked
/// and applied on Enter or when the field loses focus, not per keystroke.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DateInput {
    /// What the field shows.
    pub text: String,
    /// Why the text is no date, if it is not.
    pub error: Option<String>,
    /// The filter value the text last showed (the text follows the filter
    /// when the filter changes elsewhere: a project's view settings).
    pub shown: Option<NaiveDate>,
}

impl DateInput {
    /// Follows a filter value set elsewhere, unless the field is being
    /// edited or holds an error the analyst should see.
    pub fn follow(&mut self, value: Option<NaiveDate>, editing: bool) {
        if !editing && self.error.is_none() && value != self.shown {
            self.text = value.map(|d| d.to_string()).unwrap_or_default();
            self.shown = value;
        }
    }

    /// Checks the text; on success returns the new filter value (to be
    /// set when it differs), else keeps the reason.
    pub fn commit(&mut self, end: bool) -> Option<Option<NaiveDate>> {
        match parse_date_bound(&self.text, end) {
            Ok(v) => {
                self.error = None;
                self.shown = v;
                Some(v)
            }
            Err(e) => {
                self.error = Some(e);
                None
            }
        }
    }
}

impl Filters {
    /// What Clear leaves: every filter off, the display switches (negated
    /// and rejected events shown or not) as they are.
    pub fn cleared(&self) -> Filters {
        Filters {
            show_negated: self.show_negated,
            show_rejected: self.show_rejected,
            ..Default::default()
        }
    }

    /// The active filters in words, for a picture's caption ("actor
    /// “Kremlin”", "hidden: AGREE, CONSULT"); empty when none is set.
    pub fn describe(&self, corpus: &Corpus) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(a) = self.article.and_then(|i| corpus.analyses.get(i)) {
            out.push(format!("article “{}”", a.article.display_title()));
        }
        if !self.actor.trim().is_empty() {
            out.push(format!("actor “{}”", self.actor.trim()));
        }
        if !self.search.trim().is_empty() {
            out.push(format!("text “{}”", self.search.trim()));
        }
        if !self.place.trim().is_empty() {
            out.push(format!("place “{}”", self.place.trim()));
        }
        if let Some(m) = self.modality {
            out.push(format!("{} only", m.name()));
        }
        match (self.from, self.to) {
            (Some(f), Some(t)) => out.push(format!("{f} to {t}")),
            (Some(f), None) => out.push(format!("from {f}")),
            (None, Some(t)) => out.push(format!("up to {t}")),
            (None, None) => {}
        }
        if !self.hidden_types.is_empty() {
            let names: Vec<&str> = self.hidden_types.iter().map(|t| t.name()).collect();
            out.push(format!("hidden: {}", names.join(", ")));
        }
        if self.show_negated {
            out.push("negated events shown".into());
        }
        if self.show_rejected {
            out.push("rejected events shown".into());
        }
        out
    }

    /// Whether an event of article `article` passes the filters.
    pub fn accepts(&self, article: usize, e: &Event) -> bool {
        if self.article.is_some_and(|a| a != article)
            || self.hidden_types.contains(&e.event_type)
            || self.modality.is_some_and(|m| m != e.modality)
            || (!self.show_negated && e.modality == Modality::Negated)
            || (!self.show_rejected && e.review == Review::Rejected)
        {
            return false;
        }
        if !self.actor.trim().is_empty()
            && !e
                .source
                .iter()
                .chain(&e.target)
                .any(|m| actor_matches(&self.actor, &m.code, &m.text))
        {
            return false;
        }
        let search = self.search.trim().to_lowercase();
        if !search.is_empty() && !e.evidence.to_lowercase().contains(&search) {
            return false;
        }
        if !self.place.trim().is_empty()
            && !e
                .location
                .as_ref()
                .is_some_and(|l| place_matches(self.place.trim(), l))
        {
            return false;
        }
        if self.from.is_some() || self.to.is_some() {
            let Some((s, t)) = period(e) else {
                return false;
            };
            if self.from.is_some_and(|f| t < f) || self.to.is_some_and(|to| s > to) {
                return false;
            }
        }
        true
    }
}

/// Whether a location answers a place query: its name or its country's
/// name contains the words (any case), or the query is its country's code.
pub fn place_matches(query: &str, l: &crate::extract::Location) -> bool {
    let q = query.to_lowercase();
    if l.country.eq_ignore_ascii_case(query) || l.name.to_lowercase().contains(&q) {
        return true;
    }
    crate::extract::gazetteer::GAZETTEER
        .country(&l.country)
        .is_some_and(|c| c.name.to_lowercase().contains(&q))
}

/// The calendar period of an event's date.
pub fn period(e: &Event) -> Option<(NaiveDate, NaiveDate)> {
    date_period(&e.date)
}

/// The calendar period of a date.
pub fn date_period(d: &EventDate) -> Option<(NaiveDate, NaiveDate)> {
    Some((
        NaiveDate::parse_from_str(d.start.as_deref()?, "%Y-%m-%d").ok()?,
        NaiveDate::parse_from_str(d.end.as_deref()?, "%Y-%m-%d").ok()?,
    ))
}

/// The plot's content.
#[derive(Debug, Clone, Default)]
pub struct TimelineData {
    /// Visible marks by type.
    pub by_type: BTreeMap<PloverType, Vec<Mark>>,
    /// The tension index: (x, value) per week.
    pub index: Vec<[f64; 2]>,
    /// Visible dated events in time order (for keyboard stepping).
    pub order: Vec<(usize, usize)>,
    /// Every visible event, dated or not, one per merged event when the
    /// plot shows merged events (the rows of the events table).
    pub listed: Vec<(usize, usize)>,
    /// Whether the marks stand for merged events.
    pub merged: bool,
    /// Number of events of each type that pass the other filters (for the
    /// type list; a hidden type is listed even with none).
    pub type_counts: BTreeMap<PloverType, usize>,
    /// The days the default view shows: every visible mark, or where most
    /// of them are when a few lie far out (a false 1953 "summit" in a story
    /// of 2021 would leave the rest in a tenth of the plot); those few are
    /// a zoom or a pan away.
    pub x_range: Option<(f64, f64)>,
    /// The days every visible mark spans (View > Show all events).
    pub full_x_range: Option<(f64, f64)>,
    /// The marks the default view leaves outside (a zoom or "Show all"
    /// away).
    pub outside: usize,
    /// Lowest and highest tension of the visible marks (lanes: 0 and
    /// minus the last lane's number).
    pub y_range: Option<(f64, f64)>,
    /// The lanes' names, top down, when the rows are lanes (lane `k` is
    /// drawn at height `-k`); empty on the tension scale.
    pub lanes: Vec<String>,
}

impl TimelineData {
    /// Computes the plot content of `corpus` under `filters`: one mark per
    /// merged event (`merged`, drawn at the merged date, sized by sources,
    /// standing for its first visible mention) or one per mention.
    pub fn build(corpus: &Corpus, filters: &Filters, merged: bool) -> TimelineData {
        TimelineData::build_rows(corpus, filters, merged, Rows::Tension)
    }

    /// [`TimelineData::build`] with the vertical axis as `rows` says: the
    /// tension, or one lane per actor pair or per type.
    pub fn build_rows(
        corpus: &Corpus,
        filters: &Filters,
        merged: bool,
        rows: Rows,
    ) -> TimelineData {
        let mut lane_keys: HashMap<(usize, usize), String> = HashMap::new();
        let mut by_type: BTreeMap<PloverType, Vec<Mark>> = BTreeMap::new();
        let mut order = Vec::new();
        let mut listed = Vec::new();
        let mut weekly: BTreeMap<i64, (f64, f64)> = BTreeMap::new();
        let mut type_counts = BTreeMap::new();
        let mut x_range: Option<(f64, f64)> = None;
        let mut y_range: Option<(f64, f64)> = None;
        let mut drawn: HashSet<&str> = HashSet::new();
        let every_type = Filters {
            hidden_types: Default::default(),
            ..filters.clone()
        };
        for &t in &filters.hidden_types {
            type_counts.insert(t, 0);
        }
        let mut starts: Vec<f64> = Vec::new();
        for (ai, a) in corpus.analyses.iter().enumerate() {
            for (ei, e) in a.events.iter().enumerate() {
                if !every_type.accepts(ai, e) {
                    continue;
                }
                *type_counts.entry(e.event_type).or_insert(0) += 1;
                if filters.hidden_types.contains(&e.event_type) {
                    continue;
                }
                let cluster = corpus.merged_of(e).filter(|_| merged);
                let (ty, date, score, modality, sources) = match cluster {
                    // a merged event is drawn once, for its first visible mention
                    Some(c) if !drawn.insert(c.id.as_str()) => continue,
                    Some(c) => (c.event_type, &c.date, c.score, c.modality, c.articles),
                    None => (e.event_type, &e.date, e.score, e.modality, 1),
                };
                match rows {
                    Rows::Tension => {}
                    Rows::Types => {
                        lane_keys.insert((ai, ei), ty.name().to_string());
                    }
                    Rows::Dyads => {
                        let key = match cluster {
                            Some(c) => dyad(c.source.iter().chain(&c.target).map(String::as_str)),
                            None => dyad(
                                distinct_codes(&e.source)
                                    .into_iter()
                                    .chain(distinct_codes(&e.target)),
                            ),
                        };
                        lane_keys.insert((ai, ei), key);
                    }
                }
                listed.push((ai, ei));
                let Some((s, t)) = date_period(date) else {
                    continue;
                };
                let x = (day_number(s), day_number(t));
                let y = -score;
                x_range = Some(x_range.map_or(x, |(a, b)| (a.min(x.0), b.max(x.1))));
                starts.push(x.0);
                y_range = Some(y_range.map_or((y, y), |(a, b)| (a.min(y), b.max(y))));
                by_type.entry(ty).or_default().push(Mark {
                    event: (ai, ei),
                    x,
                    y,
                    filled: modality == Modality::Asserted,
                    sources,
                });
                order.push((x.0, ai, ei));
                if modality != Modality::Negated && t == s {
                    let week = weekly.entry((x.0 / 7.0).floor() as i64).or_default();
                    week.0 += -score;
                    week.1 += 1.0;
                }
            }
        }

        order.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        // weekly sums and counts with exponential decay (half-life two
        // weeks); the index is their ratio, a smoothed mean tension
        let mut index = Vec::new();
        if let (Some(first), Some(last)) =
            (weekly.keys().next().copied(), weekly.keys().last().copied())
        {
            let (mut sum, mut count) = (0.0, 0.0);
            let decay = 0.5f64.powf(0.5);
            let span = (last - first).min(20_000);
            for w in first..=first + span {
                let (s, n) = weekly.get(&w).copied().unwrap_or((0.0, 0.0));
                sum = sum * decay + s;
                count = count * decay + n;
                if count > 1e-3 {
                    index.push([w as f64 * 7.0 + 3.5, sum / count]);
                }
            }
        }
        let lanes = match rows {
            Rows::Tension => {
                spread_same_day(&mut by_type, SPREAD_STEP, SPREAD_MAX);
                Vec::new()
            }
            Rows::Dyads | Rows::Types => {
                index.clear();
                let lanes = into_lanes(&mut by_type, &lane_keys, rows);
                spread_same_day(&mut by_type, 0.15, LANE_SPREAD);
                lanes
            }
        };
        let y_range = by_type
            .values()
            .flatten()
            .map(|m| (m.y, m.y))
            .reduce(|(a, b), (c, d)| (a.min(c), b.max(d)))
            .or(y_range);
        let shown = x_range.map(|full| default_view(&mut starts, full));
        let outside = shown.map_or(0, |(low, high)| {
            starts.iter().filter(|&&x| x < low || x > high).count()
        });
        TimelineData {
            x_range: shown,
            full_x_range: x_range,
            outside,
            y_range,
            by_type,
            index,
            order: order.into_iter().map(|(_, a, e)| (a, e)).collect(),
            listed,
            merged,
            type_counts,
            lanes,
        }
    }

    /// The visible event nearest to a plot position, within `tolerance`
    /// (in plot units scaled by `scale` = x units per y unit).
    pub fn nearest(&self, x: f64, y: f64, scale: f64, tolerance: f64) -> Option<(usize, usize)> {
        self.by_type
            .values()
            .flatten()
            .map(|m| {
                let dx = if x < m.x.0 {
                    m.x.0 - x
                } else if x > m.x.1 {
                    x - m.x.1
                } else {
                    0.0
                };
                let d = ((dx / scale).powi(2) + (y - m.y).powi(2)).sqrt();
                (d, m.event)
            })
            .filter(|(d, _)| *d <= tolerance)
            .min_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, e)| e)
    }
}

/// Calendar grid marks for the date axis between days `min` and `max` (days
/// since 1970-01-01): at year, month, week or day boundaries, whichever is
/// the finest that gives at most `max_marks` marks and steps of at least
/// `min_step` days; hours within a day zoomed in. Returns (day, approximate
/// step in days) pairs.
pub fn calendar_marks(min: f64, max: f64, min_step: f64, max_marks: f64) -> Vec<(f64, f64)> {
    use chrono::Datelike;
    let (Some(first), Some(last)) = (date_of(min.floor()), date_of(max.ceil())) else {
        return Vec::new();
    };
    let span = (max - min).max(1.0);
    // (approximate step in days, months per step or 0, days per step or 0
    // for hours)
    const LEVELS: [(f64, u32, i64); 16] = [
        (1.0 / 24.0, 0, 0),
        (0.125, 0, 0),
        (0.25, 0, 0),
        (1.0, 0, 1),
        (7.0, 0, 7),
        (30.4, 1, 0),
        (91.3, 3, 0),
        (182.6, 6, 0),
        (365.2, 12, 0),
        (730.5, 24, 0),
        (1826.2, 60, 0),
        (3652.5, 120, 0),
        (7305.0, 240, 0),
        (18262.0, 600, 0),
        (36525.0, 1200, 0),
        (365250.0, 12000, 0),
    ];
    let Some(&(step, months, days)) = LEVELS
        .iter()
        .find(|(step, _, _)| *step >= min_step && span / step <= max_marks)
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if days == 0 && months == 0 {
        // hours: 1, 3 or 6 of them
        let mut x = (min / step).floor() * step;
        while x <= max && out.len() < 10_000 {
            if x >= min {
                out.push((x, step));
            }
            x += step;
        }
    } else if months == 0 {
        // days, or weeks starting on Monday
        let mut d = first;
        if days == 7 {
            while d.weekday() != chrono::Weekday::Mon {
                d = d.succ_opt().unwrap_or(d);
            }
        }
        while d <= last && out.len() < 10_000 {
            out.push((day_number(d), step));
            d += chrono::Duration::days(days);
        }
    } else {
        let start_month = first.year() as i64 * 12 + first.month0() as i64;
        let mut m = start_month - start_month.rem_euclid(months as i64);
        loop {
            let (y, mo) = (m.div_euclid(12) as i32, m.rem_euclid(12) as u32 + 1);
            let Some(d) = NaiveDate::from_ymd_opt(y, mo, 1) else {
                break;
            };
            if d > last || out.len() >= 10_000 {
                break;
            }
            if d >= first {
                out.push((day_number(d), step));
            }
            m += months as i64;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(event: usize, day: f64, y: f64) -> Mark {
        Mark {
            event: (0, event),
            x: (day, day),
            y,
            filled: true,
            sources: 1,
        }
    }

    #[test]
    fn lanes_put_each_event_on_the_row_of_its_actors_or_its_type() {
        let texts = [
            " date 2022-02-24 War\n\nRussia attacked Ukraine on Thursday. Russian troops shelled Kharkiv on Friday.",
            " date 2021-12-08 Sanctions\n\nThe United States imposed sanctions on Russia on Tuesday.",
        ];
        let mut corpus = Corpus {
            analyses: texts
                .iter()
                .enumerate()
                .map(|(i, t)| crate::extract::analyze_text(&format!("{i}.txt"), t))
                .collect(),
            ..Default::default()
        };
        corpus.link();
        let pairs = TimelineData::build_rows(&corpus, &Filters::default(), true, Rows::Dyads);
        assert!(
            pairs.lanes.contains(&"RUS–UKR".to_string()),
            "{:?}",
            pairs.lanes
        );
        assert!(
            pairs.lanes.contains(&"RUS–USA".to_string()),
            "{:?}",
            pairs.lanes
        );
        assert!(pairs.index.is_empty(), "no tension index over lanes");
        let lane_of = |t: &TimelineData, ty: PloverType| -> String {
            let m = &t.by_type[&ty][0];
            t.lanes[(-m.y).round() as usize].clone()
        };
        assert_eq!(lane_of(&pairs, PloverType::Sanction), "RUS–USA");
        assert_eq!(lane_of(&pairs, PloverType::Assault), "RUS–UKR");
        // the busiest pairs on top
        let count = |lane: usize| {
            pairs
                .by_type
                .values()
                .flatten()
                .filter(|m| (-m.y).round() as usize == lane)
                .count()
        };
        assert!((1..pairs.lanes.len()).all(|k| count(k - 1) >= count(k)));
        for m in pairs.by_type.values().flatten() {
            assert!((m.y - m.y.round()).abs() <= LANE_SPREAD + 1e-9, "{m:?}");
        }
        let types = TimelineData::build_rows(&corpus, &Filters::default(), true, Rows::Types);
        assert_eq!(
            types.lanes[0], "ASSAULT",
            "conflict on top: {:?}",
            types.lanes
        );
        assert_eq!(lane_of(&types, PloverType::Sanction), "SANCTION");
        assert_eq!(dyad(["UKR", "RUS", "USA"].into_iter()), "RUS–UKR");
        assert_eq!(dyad(["USAGOV", "RUSMIL"].into_iter()), "RUS–USA");
        assert_eq!(dyad(["NATO", "RUS"].into_iter()), "NATO–RUS");
        assert_eq!(dyad(["", "RUS"].into_iter()), "RUS");
        assert_eq!(dyad(std::iter::empty()), "no actor");
    }

    #[test]
    fn same_day_marks_spread_apart_around_their_tension() {
        let mut by_type: BTreeMap<PloverType, Vec<Mark>> = BTreeMap::new();
        by_type.insert(
            PloverType::Accuse,
            vec![
                mark(0, 100.0, 2.0),
                mark(1, 100.0, 2.0),
                mark(2, 101.0, 2.0),
            ],
        );
        by_type.insert(PloverType::Consult, vec![mark(3, 100.0, 2.0)]);
        // a span is left where it is
        let mut span = mark(4, 100.0, 2.0);
        span.x.1 = 130.0;
        by_type.insert(PloverType::Threaten, vec![span]);
        spread_same_day(&mut by_type, SPREAD_STEP, SPREAD_MAX);
        let mut ys: Vec<f64> = [
            &by_type[&PloverType::Accuse][..2],
            &by_type[&PloverType::Consult][..],
        ]
        .concat()
        .iter()
        .map(|m| m.y)
        .collect();
        ys.sort_by(f64::total_cmp);
        assert_eq!(ys, [1.5, 2.0, 2.5], "one step apart, centred on the score");
        assert_eq!(by_type[&PloverType::Accuse][2].y, 2.0, "alone on its day");
        assert_eq!(by_type[&PloverType::Threaten][0].y, 2.0);
        // many on one day stay within reach of their score, all apart
        let mut crowd: BTreeMap<PloverType, Vec<Mark>> = BTreeMap::new();
        crowd.insert(
            PloverType::Consult,
            (0..40).map(|i| mark(i, 5.0, -4.0)).collect(),
        );
        spread_same_day(&mut crowd, SPREAD_STEP, SPREAD_MAX);
        let mut ys: Vec<f64> = crowd[&PloverType::Consult].iter().map(|m| m.y).collect();
        ys.sort_by(f64::total_cmp);
        assert!(ys.windows(2).all(|w| w[1] > w[0]));
        assert!(
            ys.iter().all(|y| (y + 4.0).abs() <= SPREAD_MAX + 1e-9),
            "{ys:?}"
        );
    }

    #[test]
    fn a_few_far_outliers_do_not_set_the_default_view() {
        // 100 events in 2021, one in 1953
        let mut starts: Vec<f64> = (0..100).map(|i| 18_628.0 + f64::from(i) * 3.0).collect();
        starts.push(-6_000.0);
        let full = (-6_000.0, 18_628.0 + 297.0);
        let (a, b) = default_view(&mut starts, full);
        assert!(a > 18_000.0 && b <= full.1, "{a} {b}");
        // events spread evenly keep the whole range
        let mut even: Vec<f64> = (0..100).map(|i| f64::from(i) * 100.0).collect();
        assert_eq!(default_view(&mut even, (0.0, 9_900.0)), (0.0, 9_900.0));
    }

    #[test]
    fn the_actor_filter_takes_names_as_well_as_codes() {
        assert!(actor_query_codes("Russia").contains(&"RUS".to_string()));
        assert!(actor_query_codes("kremlin").contains(&"RUS".to_string()));
        assert!(actor_matches("RUS", "RUSGOV", "the Russian government"));
        assert!(actor_matches("Russia", "RUS", "Moscow"));
        assert!(actor_matches("Kremlin", "RUS", "Moscow"));
        assert!(actor_matches("moscow", "RUS", "Moscow"));
        assert!(!actor_matches("Russia", "USA", "Washington"));
        assert!(!actor_matches("USA", "RUS", "Moscow"));
    }

    #[test]
    fn date_bounds_take_a_year_a_month_or_a_day() {
        let d = |y, m, d| Some(NaiveDate::from_ymd_opt(y, m, d).unwrap());
        assert_eq!(parse_date_bound("2021", false), Ok(d(2021, 1, 1)));
        assert_eq!(parse_date_bound("2021", true), Ok(d(2021, 12, 31)));
        assert_eq!(parse_date_bound("2024-02", true), Ok(d(2024, 2, 29)));
        assert_eq!(parse_date_bound(" 2021-06-01 ", true), Ok(d(2021, 6, 1)));
        assert_eq!(parse_date_bound("", true), Ok(None));
        assert!(
            parse_date_bound("2021-13", false)
                .unwrap_err()
                .contains("month 13")
        );
        assert!(
            parse_date_bound("2021-02-30", false)
                .unwrap_err()
                .contains("no day")
        );
        assert!(
            parse_date_bound("June", false)
                .unwrap_err()
                .contains("YYYY-MM")
        );
        assert!(parse_date_bound("2021-6", false).is_err());
    }

    #[test]
    fn a_date_input_keeps_its_text_until_committed() {
        let mut input = DateInput {
            text: "2021-1".into(),
            ..Default::default()
        };
        // being edited: a filter value set elsewhere does not overwrite it
        input.follow(None, true);
        assert_eq!(input.text, "2021-1");
        assert_eq!(input.commit(false), None);
        assert!(input.error.is_some());
        // an error stays visible when the field is left
        input.follow(None, false);
        assert_eq!(input.text, "2021-1");
        input.text = "2021-10".into();
        assert_eq!(
            input.commit(false),
            Some(NaiveDate::from_ymd_opt(2021, 10, 1))
        );
        assert!(input.error.is_none());
        // a value set elsewhere (a project's view) shows when not editing
        let other = NaiveDate::from_ymd_opt(2020, 1, 2);
        input.follow(other, false);
        assert_eq!(input.text, "2020-01-02");
    }

    fn day(s: &str) -> f64 {
        day_number(NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap())
    }

    #[test]
    fn marks_fall_on_calendar_boundaries() {
        // eight years: one mark per year, on 1 January
        let marks = calendar_marks(day("2014-03-01"), day("2022-03-01"), 1.0, 10.0);
        let dates: Vec<String> = marks
            .iter()
            .map(|m| date_of(m.0).unwrap().to_string())
            .collect();
        assert_eq!(dates.first().map(String::as_str), Some("2015-01-01"));
        assert_eq!(dates.len(), 8);
        assert!(dates.iter().all(|d| d.ends_with("-01-01")));
        // a quarter: months
        let marks = calendar_marks(day("2021-10-15"), day("2022-01-20"), 1.0, 10.0);
        let dates: Vec<String> = marks
            .iter()
            .map(|m| date_of(m.0).unwrap().to_string())
            .collect();
        assert_eq!(dates, ["2021-11-01", "2021-12-01", "2022-01-01"]);
        // a fortnight: days
        let marks = calendar_marks(day("2021-12-01"), day("2021-12-08"), 0.5, 10.0);
        assert_eq!(marks.len(), 8);
        assert_eq!(marks[6].0, day("2021-12-07"));
    }
}
