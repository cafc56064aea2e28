//! Sentence-level event type accuracy on the PLOVER gold sentences.

use crate::util::data;
use tension_timeline::extract::{Modality, analyze};
use tension_timeline::ingest::{Source, json::read_json_line};

#[test]
fn plover_gold_sentences_type_accuracy() {
    let text = std::fs::read_to_string(data("plover_gsr/plover_gsr_mapped.jsonl")).unwrap();
    let (mut total, mut right, mut predicted) = (0usize, 0usize, 0usize);
    let mut confusion = std::collections::BTreeMap::new();
    for (i, line) in text.lines().enumerate() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let gold = v["plover_event"].as_str().unwrap().to_string();
        let record = serde_json::json!({"id": v["id"], "text": v["text"], "date": "2000-01-01"});
        let article =
            read_json_line(&Source::new("gsr.jsonl"), &record.to_string(), i + 1).unwrap();
        let a = analyze(article);
        total += 1;
        // the sentence's event: the first one that is not negated
        let guess = a
            .events
            .iter()
            .find(|e| e.modality != Modality::Negated)
            .or(a.events.first())
            .map(|e| e.event_type.name().to_string());
        if guess.is_some() {
            predicted += 1;
        }
        if guess.as_deref() == Some(gold.as_str()) {
            right += 1;
        } else {
            *confusion
                .entry((gold, guess.unwrap_or_else(|| "-".into())))
                .or_insert(0) += 1;
        }
    }
    let acc = right as f64 / total as f64;
    println!(
        "PLOVER GSR: {right}/{total} sentences typed right = {acc:.3} ({predicted} with an event)"
    );
    let mut worst: Vec<_> = confusion.into_iter().collect();
    worst.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
    for ((g, p), n) in worst.iter().take(12) {
        println!("  gold {g:<10} predicted {p:<10} x{n}");
    }
    assert!(
        acc > 0.60,
        "type accuracy {acc:.3} must beat human coders' 0.60"
    );
}
