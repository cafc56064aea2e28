//! GeoJSON output: one Feature per merged event that has a location (a
//! point at its place, with the event's date, type, score, actors, modality,
//! number of articles and the location's precision and basis), for GIS
//! tools and web maps.

use crate::corpus::Corpus;
use serde_json::{Value, json};

/// The FeatureCollection of the located merged events of a corpus.
pub fn to_geojson(corpus: &Corpus) -> String {
    let features: Vec<Value> = corpus
        .clusters
        .iter()
        .filter_map(|c| {
            let l = c.location.as_ref()?;
            Some(json!({
                "type": "Feature",
                "id": c.id,
                "geometry": { "type": "Point", "coordinates": [l.lon, l.lat] },
                "properties": {
                    "date": c.date.value,
                    "type": c.event_type.name(),
                    "score": c.score,
                    "source": c.source,
                    "target": c.target,
                    "modality": c.modality.name(),
                    "articles": c.articles,
                    "mentions": c.mentions.len(),
                    "evidence": c.mentions.first().map(|m| m.evidence.as_str()),
                    "place": l.name,
                    "place_id": l.id,
                    "country": l.country,
                    "admin1": l.admin1,
                    "precision": l.precision.name(),
                    "basis": l.basis.name(),
                }
            }))
        })
        .collect();
    let mut out = serde_json::to_string_pretty(&json!({
        "type": "FeatureCollection",
        "features": features,
    }))
    .expect("JSON values serialise");
    out.push('\n');
    out
}
