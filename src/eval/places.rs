//! Places measured: place names linked to the gazetteer, on a key of
//! sentences with every place name and look-alike marked by hand
//! (`tests/data/places/resolution_key.tsv`), and event locations on the
//! seed key's events (`tests/data/seeds_key/locations.json`).

use super::events::analyze_text;
use super::ratio;
use crate::Span;
use crate::extract::Analysis;
use crate::extract::gazetteer::GAZETTEER;
use crate::extract::places::PlaceMention;
use rayon::prelude::*;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;

/// One row of the resolution key.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyMention {
    /// The sentence.
    pub sentence: String,
    /// The words.
    pub mention: String,
    /// Byte span in the sentence.
    pub span: Span,
    /// The gazetteer id, or `None` for a look-alike that is no place here.
    pub id: Option<String>,
    /// ISO alpha-2 code of its country.
    pub country: String,
}

/// Reads the resolution key (tab-separated: sentence, mention, start, id,
/// country, kind, note; `#` lines are comments).
pub fn read_resolution_key(text: &str) -> Vec<KeyMention> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            let start: usize = c.get(2)?.parse().ok()?;
            let mention = c.get(1)?.to_string();
            Some(KeyMention {
                sentence: c.first()?.to_string(),
                span: (start, start + mention.len()),
                mention,
                id: Some(c.get(3)?.to_string()).filter(|id| id != "-"),
                country: c.get(4).unwrap_or(&"").to_string(),
            })
        })
        .collect()
}

/// How well place names are found and linked.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ResolutionFigures {
    /// Place mentions in the key.
    pub places: usize,
    /// Of those, found and linked to the key's place.
    pub linked: usize,
    /// Found and linked to a place of the key's country.
    pub country: usize,
    /// Found at all (any place).
    pub found: usize,
    /// Look-alikes in the key (demonyms, people, ordinary words).
    pub lookalikes: usize,
    /// Of those, wrongly taken for places.
    pub lookalikes_taken: usize,
    /// Places found where the key has no mention at all.
    pub spurious: usize,
    /// The errors, one line each.
    pub errors: Vec<String>,
}

impl ResolutionFigures {
    /// Linked right / place mentions.
    pub fn accuracy(&self) -> f64 {
        ratio(self.linked, self.places)
    }

    /// Linked to the right country / place mentions.
    pub fn country_accuracy(&self) -> f64 {
        ratio(self.country, self.places)
    }
}

impl fmt::Display for ResolutionFigures {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "place mentions {}: linked right {} ({:.3}), right country {} ({:.3}), found {}",
            self.places,
            self.linked,
            self.accuracy(),
            self.country,
            self.country_accuracy(),
            self.found
        )?;
        write!(
            f,
            "look-alikes {}: taken for places {}; places found where the key has none: {}",
            self.lookalikes, self.lookalikes_taken, self.spurious
        )
    }
}

/// The places the analysis finds in one sentence, with spans in the
/// sentence.
fn places_of(sentence: &str) -> Vec<PlaceMention> {
    let Some(a) = analyze_text("key", sentence) else {
        return Vec::new();
    };
    let Some(offset) = a.article.text.find(sentence) else {
        return Vec::new();
    };
    a.places
        .into_iter()
        .filter(|p| p.span.0 >= offset)
        .map(|p| PlaceMention {
            span: (p.span.0 - offset, p.span.1 - offset),
            modifies: p
                .modifies
                .map(|(a, b)| (a.saturating_sub(offset), b.saturating_sub(offset))),
            ..p
        })
        .collect()
}

/// Scores place finding and linking on the key.
pub fn score_resolution(key: &[KeyMention]) -> ResolutionFigures {
    let mut by_sentence: BTreeMap<&str, Vec<&KeyMention>> = BTreeMap::new();
    for k in key {
        by_sentence.entry(k.sentence.as_str()).or_default().push(k);
    }
    let found: Vec<(&str, Vec<PlaceMention>)> = by_sentence
        .keys()
        .copied()
        .collect::<Vec<_>>()
        .into_par_iter()
        .map(|s| (s, places_of(s)))
        .collect();
    let mut f = ResolutionFigures::default();
    let overlaps = |a: Span, b: Span| a.0 < b.1 && b.0 < a.1;
    for (sentence, predicted) in found {
        let rows = &by_sentence[sentence];
        for k in rows {
            let hit = predicted.iter().find(|p| overlaps(p.span, k.span));
            match (&k.id, hit) {
                (Some(id), Some(p)) => {
                    f.places += 1;
                    f.found += 1;
                    if &p.id == id {
                        f.linked += 1;
                    } else {
                        let name = GAZETTEER.by_id(id).map_or("?", |x| x.name.as_str());
                        f.errors.push(format!(
                            "wrong place: \"{}\" is {id} {name} ({}), linked to {} {} ({}) in: {sentence}",
                            k.mention, k.country, p.id, p.name, p.country
                        ));
                    }
                    if p.country == k.country {
                        f.country += 1;
                    }
                }
                (Some(id), None) => {
                    f.places += 1;
                    f.errors.push(format!(
                        "missed place: \"{}\" ({id}, {}) in: {sentence}",
                        k.mention, k.country
                    ));
                }
                (None, Some(p)) => {
                    f.lookalikes += 1;
                    f.lookalikes_taken += 1;
                    f.errors.push(format!(
                        "not a place: \"{}\" taken for {} {} in: {sentence}",
                        k.mention, p.id, p.name
                    ));
                }
                (None, None) => f.lookalikes += 1,
            }
        }
        for p in &predicted {
            if !rows.iter().any(|k| overlaps(p.span, k.span)) {
                f.spurious += 1;
                f.errors.push(format!(
                    "spurious place: \"{}\" taken for {} {} in: {sentence}",
                    &sentence[p.span.0..p.span.1],
                    p.id,
                    p.name
                ));
            }
        }
    }
    f
}

/// The location answers of the seed key.
#[derive(Debug, Deserialize)]
pub struct LocationKey {
    /// One entry per gold event.
    pub events: Vec<LocationAnswer>,
}

/// Where one gold event happened.
#[derive(Debug, Deserialize)]
pub struct LocationAnswer {
    /// The article's file name.
    pub article: String,
    /// The event's evidence span.
    pub span: Span,
    /// Its first type.
    #[serde(rename = "type")]
    pub event_type: String,
    /// The place, if the text tells.
    pub location: Option<AnswerPlace>,
    /// Whether the text itself names the place of the event.
    pub stated: bool,
    /// Other places counted right.
    #[serde(default)]
    pub also_acceptable: Vec<AnswerPlace>,
}

/// A place in the location key.
#[derive(Debug, Clone, Deserialize)]
pub struct AnswerPlace {
    /// Its name.
    pub name: String,
    /// Its gazetteer id.
    pub id: String,
    /// Its country.
    pub country: String,
}

/// How well events are located.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LocationFigures {
    /// Key events whose place the text states.
    pub stated: usize,
    /// Of those, found among the extracted events.
    pub matched: usize,
    /// Of the matched, located in the right country.
    pub country: usize,
    /// Of the matched, at the right city or region (or country, when the
    /// key's place is a country's region).
    pub exact: usize,
    /// The errors.
    pub errors: Vec<String>,
}

impl LocationFigures {
    /// Right country / matched stated events.
    pub fn country_accuracy(&self) -> f64 {
        ratio(self.country, self.matched)
    }

    /// Right city or region / matched stated events.
    pub fn exact_accuracy(&self) -> f64 {
        ratio(self.exact, self.matched)
    }
}

impl fmt::Display for LocationFigures {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "events whose place the text states: {}, extracted {}; right country {} ({:.3}), right city or region {} ({:.3})",
            self.stated,
            self.matched,
            self.country,
            self.country_accuracy(),
            self.exact,
            self.exact_accuracy()
        )
    }
}

/// Scores the locations of the extracted events of `analyses` against the
/// key: each stated key event is matched to the extracted event of its
/// article and type whose evidence overlaps it most.
pub fn score_locations(key: &LocationKey, analyses: &[Analysis]) -> LocationFigures {
    let mut f = LocationFigures::default();
    for k in key.events.iter().filter(|k| k.stated) {
        let Some(gold) = &k.location else { continue };
        f.stated += 1;
        let Some(a) = analyses.iter().find(|a| a.article.file_name == k.article) else {
            continue;
        };
        let overlap = |s: Span| s.1.min(k.span.1).saturating_sub(s.0.max(k.span.0));
        let Some(e) = a
            .events
            .iter()
            .filter(|e| e.event_type.name() == k.event_type && overlap(e.span) > 0)
            .max_by_key(|e| overlap(e.span))
        else {
            f.errors.push(format!(
                "{} {} at {:?}: no such event extracted (its place: {})",
                k.article, k.event_type, k.span, gold.name
            ));
            continue;
        };
        f.matched += 1;
        let places: Vec<&AnswerPlace> = std::iter::once(gold).chain(&k.also_acceptable).collect();
        let got = e.location.as_ref();
        let country_ok = got.is_some_and(|l| places.iter().any(|p| p.country == l.country));
        let exact_ok = got.is_some_and(|l| {
            places.iter().any(|p| {
                p.id == l.id
                    || (GAZETTEER
                        .by_id(&p.id)
                        .is_some_and(|x| x.kind == crate::extract::gazetteer::PlaceKind::Country)
                        && p.country == l.country)
            })
        });
        f.country += usize::from(country_ok);
        f.exact += usize::from(exact_ok);
        if !exact_ok {
            f.errors.push(format!(
                "{} {} \"{}\": {} expected, got {}",
                k.article,
                k.event_type,
                e.evidence,
                gold.name,
                got.map_or("none".to_string(), |l| format!(
                    "{} ({}, {})",
                    l.name,
                    l.country,
                    l.basis.name()
                ))
            ));
        }
    }
    f
}
