//! What the map draws: the country outlines (Natural Earth, public domain,
//! `assets/world-110m.tsv` made by `tools/build_world.py`) and one marker
//! per visible located event, in an equirectangular projection (x =
//! longitude, y = latitude, in degrees).

use super::timeline_data::TimelineData;
use crate::corpus::Corpus;
use crate::extract::{Location, LocationPrecision, PloverType};
use std::sync::LazyLock;

/// One country's outline.
#[derive(Debug, Clone, PartialEq)]
pub struct Outline {
    /// ISO 3166-1 alpha-2 code.
    pub iso2: String,
    /// Its name.
    pub name: String,
    /// Closed rings of (longitude, latitude) points.
    pub rings: Vec<Vec<[f64; 2]>>,
}

/// Reads outlines in the `world-110m.tsv` format (`iso2`, `name`, rings
/// separated by `;`, each a space-separated list of `lon,lat`); lines that
/// do not read are skipped.
pub fn parse_outlines(text: &str) -> Vec<Outline> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let mut cols = l.splitn(3, '\t');
            let (iso2, name, rings) = (cols.next()?, cols.next()?, cols.next()?);
            let rings = rings
                .split(';')
                .map(|ring| {
                    ring.split_whitespace()
                        .filter_map(|p| {
                            let (lon, lat) = p.split_once(',')?;
                            let (lon, lat): (f64, f64) = (lon.parse().ok()?, lat.parse().ok()?);
                            ((-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat))
                                .then_some([lon, lat])
                        })
                        .collect::<Vec<_>>()
                })
                .filter(|r| r.len() > 2)
                .collect();
            Some(Outline {
                iso2: iso2.to_string(),
                name: name.to_string(),
                rings,
            })
        })
        .collect()
}

/// The world's country outlines, compiled in.
pub static WORLD: LazyLock<Vec<Outline>> =
    LazyLock::new(|| parse_outlines(include_str!("../../assets/world-110m.tsv")));

/// One event on the map.
#[derive(Debug, Clone, PartialEq)]
pub struct MapMarker {
    /// The mention a click selects.
    pub event: (usize, usize),
    /// Longitude.
    pub lon: f64,
    /// Latitude.
    pub lat: f64,
    /// Its type (the color).
    pub event_type: PloverType,
    /// Filled (asserted) or hollow.
    pub filled: bool,
    /// Reporting articles (the size).
    pub sources: usize,
    /// Known only to the country: drawn at its point, as a square.
    pub country_only: bool,
    /// The day it starts (days since 1970-01-01), for the time window.
    pub day: Option<f64>,
    /// The place's name, for the tooltip.
    pub place: String,
    /// Its country (ISO alpha-2), for the shading of countries.
    pub country: String,
}

impl MapMarker {
    /// Marker radius in points, as on the timeline.
    pub fn radius(&self) -> f32 {
        4.0 + 1.5 * (self.sources.clamp(1, 5) - 1) as f32
    }
}

/// The markers of the events `timeline` shows (the filters applied), at
/// the location of the merged event when it stands for one.
pub fn markers(corpus: &Corpus, timeline: &TimelineData) -> Vec<MapMarker> {
    let mut out = Vec::new();
    for (ty, marks) in &timeline.by_type {
        for m in marks {
            let Some(e) = corpus
                .analyses
                .get(m.event.0)
                .and_then(|a| a.events.get(m.event.1))
            else {
                continue;
            };
            let merged = corpus.merged_of(e).filter(|_| timeline.merged);
            let location: Option<&Location> = merged
                .and_then(|c| c.location.as_ref())
                .or(e.location.as_ref());
            let Some(l) = location else { continue };
            out.push(MapMarker {
                event: m.event,
                lon: l.lon,
                lat: l.lat,
                event_type: *ty,
                filled: m.filled,
                sources: m.sources,
                country_only: l.precision == LocationPrecision::Country,
                day: Some(m.x.0),
                place: l.name.clone(),
                country: l.country.clone(),
            });
        }
    }
    out
}

/// Whether a marker falls in the days `window` (all of them when `None`).
fn in_period(m: &MapMarker, window: Option<[f64; 2]>) -> bool {
    match (window, m.day) {
        (Some([a, b]), Some(d)) => d >= a.floor() && d <= b.ceil(),
        _ => true,
    }
}

/// The marker nearest a map position (degrees), within `tolerance`.
pub fn nearest(
    markers: &[&MapMarker],
    lon: f64,
    lat: f64,
    tolerance: f64,
) -> Option<(usize, usize)> {
    markers
        .iter()
        .map(|m| {
            (
                ((m.lon - lon).powi(2) + (m.lat - lat).powi(2)).sqrt(),
                m.event,
            )
        })
        .filter(|(d, _)| *d <= tolerance)
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, e)| e)
}

/// The triangles that fill a simple polygon (ear clipping), as indices
/// into `ring` (its closing point, if repeated, left out); none for a
/// degenerate ring.
pub fn triangulate(ring: &[[f64; 2]]) -> Vec<[usize; 3]> {
    let mut n = ring.len();
    if n > 1 && ring[0] == ring[n - 1] {
        n -= 1;
    }
    if n < 3 {
        return Vec::new();
    }
    let area: f64 = (0..n)
        .map(|i| {
            let (a, b) = (ring[i], ring[(i + 1) % n]);
            a[0] * b[1] - b[0] * a[1]
        })
        .sum();
    // counter-clockwise order
    let mut left: Vec<usize> = if area >= 0.0 {
        (0..n).collect()
    } else {
        (0..n).rev().collect()
    };
    let cross = |o: [f64; 2], a: [f64; 2], b: [f64; 2]| {
        (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])
    };
    let inside = |p: [f64; 2], a: [f64; 2], b: [f64; 2], c: [f64; 2]| {
        cross(a, b, p) > 0.0 && cross(b, c, p) > 0.0 && cross(c, a, p) > 0.0
    };
    let mut out = Vec::with_capacity(n - 2);
    let mut misses = 0;
    let mut i = 0;
    while left.len() > 3 && misses < left.len() {
        let k = left.len();
        let (ia, ib, ic) = (left[(i + k - 1) % k], left[i % k], left[(i + 1) % k]);
        let (a, b, c) = (ring[ia], ring[ib], ring[ic]);
        let ear = cross(a, b, c) > 0.0
            && !left
                .iter()
                .any(|&j| j != ia && j != ib && j != ic && inside(ring[j], a, b, c));
        if ear {
            out.push([ia, ib, ic]);
            left.remove(i % k);
            misses = 0;
        } else {
            i += 1;
            misses += 1;
        }
    }
    if left.len() == 3 {
        out.push([left[0], left[1], left[2]]);
    }
    out
}

/// Each country's filling triangles (longitude, latitude corners), in the
/// order of [`WORLD`], for the shading of countries.
pub static WORLD_TRIANGLES: LazyLock<Vec<Vec<[[f64; 2]; 3]>>> = LazyLock::new(|| {
    WORLD
        .iter()
        .map(|c| {
            c.rings
                .iter()
                .flat_map(|ring| {
                    triangulate(ring)
                        .into_iter()
                        .map(|[a, b, t]| [ring[a], ring[b], ring[t]])
                })
                .collect()
        })
        .collect()
});

/// The country outlines as plot points, made once (the map borrows
/// them every frame).
pub static WORLD_POINTS: LazyLock<Vec<Vec<egui_plot::PlotPoint>>> = LazyLock::new(|| {
    WORLD
        .iter()
        .flat_map(|c| &c.rings)
        .map(|ring| {
            ring.iter()
                .map(|p| egui_plot::PlotPoint::new(p[0], p[1]))
                .collect()
        })
        .collect()
});

/// A series of markers drawn alike: type, square (country only), filled,
/// diameter in points.
pub type SeriesKey = (PloverType, bool, bool, u32);

/// What the map draws for one period, worked out when the period or the
/// markers change, not every frame.
#[derive(Debug, Clone, Default)]
pub struct MapFrame {
    /// The period it was made for (whole days).
    pub window: Option<[i64; 2]>,
    /// Indices of the markers in the period.
    pub visible: Vec<usize>,
    /// The markers to draw, each place once per series.
    pub series: Vec<(SeriesKey, Vec<egui_plot::PlotPoint>)>,
    /// Events per country in the period.
    pub per_country: std::collections::HashMap<String, usize>,
}

impl MapFrame {
    /// The frame of `markers` in the days `window`.
    pub fn of(markers: &[MapMarker], window: Option<[f64; 2]>) -> MapFrame {
        let visible: Vec<usize> = (0..markers.len())
            .filter(|&i| in_period(&markers[i], window))
            .collect();
        let mut series: std::collections::BTreeMap<SeriesKey, Vec<egui_plot::PlotPoint>> =
            Default::default();
        let mut drawn: std::collections::HashSet<(SeriesKey, i64, i64)> = Default::default();
        let mut per_country: std::collections::HashMap<String, usize> = Default::default();
        for &i in &visible {
            let m = &markers[i];
            let key = (
                m.event_type,
                m.country_only,
                m.filled,
                (m.radius() * 2.0) as u32,
            );
            let at = (
                (m.lon * 100.0).round() as i64,
                (m.lat * 100.0).round() as i64,
            );
            if drawn.insert((key, at.0, at.1)) {
                series
                    .entry(key)
                    .or_default()
                    .push(egui_plot::PlotPoint::new(m.lon, m.lat));
            }
            if !m.country.is_empty() {
                match per_country.get_mut(&m.country) {
                    Some(n) => *n += 1,
                    None => {
                        per_country.insert(m.country.clone(), 1);
                    }
                }
            }
        }
        MapFrame {
            window: window_key(window),
            visible,
            series: series.into_iter().collect(),
            per_country,
        }
    }
}

/// The whole days of a period, to tell when the map must be worked out
/// again.
pub fn window_key(window: Option<[f64; 2]>) -> Option<[i64; 2]> {
    window.map(|[a, b]| [a.floor() as i64, b.ceil() as i64])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_world_outlines_read_with_every_country_in_range() {
        assert!(WORLD.len() > 150, "{}", WORLD.len());
        let ch = WORLD.iter().find(|c| c.iso2 == "CH").expect("Switzerland");
        let inside = ch
            .rings
            .iter()
            .flatten()
            .all(|p| (5.0..11.0).contains(&p[0]));
        assert!(inside, "Swiss points in Switzerland's longitudes");
        // every country fills: about as many triangles as points
        let triangles: usize = WORLD_TRIANGLES.iter().map(Vec::len).sum();
        let points: usize = WORLD.iter().flat_map(|c| &c.rings).map(Vec::len).sum();
        assert!(
            triangles * 10 > points * 8,
            "{triangles} triangles for {points} points"
        );
        // a square with a notch cut into its top: three triangles, the
        // notch left out (area 16 - 6)
        let notched = [[0.0, 0.0], [4.0, 0.0], [4.0, 4.0], [2.0, 1.0], [0.0, 4.0]];
        let t = triangulate(&notched);
        assert_eq!(t.len(), 3);
        let area: f64 = t
            .iter()
            .map(|&[a, b, c]| {
                let (a, b, c) = (notched[a], notched[b], notched[c]);
                ((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])).abs() / 2.0
            })
            .sum();
        assert!((area - 10.0).abs() < 1e-9, "{area}");
        // a bad line or point is skipped, not a panic
        let parsed = parse_outlines("XX\tNowhere\t1,1 2,2 3,3;999,1 2,2\nbad line\n");
        assert_eq!(parsed.len(), 1);
        assert_eq!(parsed[0].rings.len(), 1);
    }
}
