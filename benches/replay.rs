//! Replaying a project's journal (`corpus::corrections::apply`) on copies
//! of the seeds: 8,000 and 50,000 corrections of every kind (accept,
//! reject, type, actors, date, modality, added events, merges, splits) on
//! 900 articles. Criterion reports corrections per second; the same rate
//! at both sizes shows the replay is linear.

use criterion::{BatchSize, BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::path::Path;
use std::sync::atomic::AtomicBool;
use tension_timeline::corpus::corrections::{apply, article_hashes};
use tension_timeline::corpus::project::{Correction, EventKey, JournalEntry};
use tension_timeline::corpus::{Corpus, load_paths};
use tension_timeline::extract::{Modality, PloverType};

/// `copies` copies of the seeds, each text made distinct.
fn corpus(copies: usize) -> Corpus {
    let seeds = load_paths(
        &[Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")],
        &|_, _| {},
        &AtomicBool::new(false),
    );
    let mut analyses = Vec::new();
    for i in 0..copies {
        for a in &seeds.analyses {
            let mut a = a.clone();
            a.article.text.push_str(&format!("\n{i}"));
            a.article.id = format!("{}-{i}", a.article.id);
            for e in &mut a.events {
                e.id = format!("{}-{i}", e.id);
                e.cluster = e.cluster.as_ref().map(|c| format!("{c}-{i}"));
            }
            analyses.push(a);
        }
    }
    Corpus {
        analyses,
        ..Corpus::default()
    }
}

/// `n` pseudo-random corrections on events of `corpus`.
fn journal(corpus: &Corpus, n: usize) -> Vec<JournalEntry> {
    let keys: Vec<EventKey> = corpus
        .analyses
        .iter()
        .zip(article_hashes(corpus))
        .flat_map(|(a, h)| {
            a.events
                .iter()
                .map(|e| EventKey::of(&h, e))
                .collect::<Vec<_>>()
        })
        .collect();
    let mut st = 7u64;
    let mut next = move || {
        st = st
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (st >> 33) as usize
    };
    let types = [
        PloverType::Consult,
        PloverType::Accuse,
        PloverType::Threaten,
    ];
    (0..n)
        .map(|i| {
            let key = keys[next() % keys.len()].clone();
            let correction = match next() % 12 {
                0 => Correction::Accept { key },
                1 => Correction::Reject { key },
                2 => Correction::SetType {
                    key,
                    to: types[next() % 3],
                    mode: String::new(),
                },
                3 => Correction::SetActors {
                    key,
                    source: vec!["USA".into()],
                    target: vec!["RUS".into()],
                },
                4 => Correction::SetDate {
                    key,
                    value: "2021-12".into(),
                },
                5 => Correction::SetModality {
                    key,
                    to: Modality::Planned,
                },
                6 => Correction::AddEvent {
                    key,
                    source: Vec::new(),
                    target: vec!["UKR".into()],
                    date: None,
                    modality: Modality::Asserted,
                },
                7 => Correction::Split { key },
                _ => Correction::Merge {
                    key,
                    other: keys[next() % keys.len()].clone(),
                },
            };
            JournalEntry {
                seq: i as i64 + 1,
                at: String::new(),
                correction,
            }
        })
        .collect()
}

fn replay(c: &mut Criterion) {
    let base = corpus(300);
    let mut group = c.benchmark_group("replay");
    group.sample_size(10);
    for n in [8_000, 50_000] {
        let entries = journal(&base, n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &entries, |b, entries| {
            b.iter_batched(
                || Corpus {
                    analyses: base.analyses.clone(),
                    ..Corpus::default()
                },
                |mut corpus| apply(&mut corpus, entries),
                BatchSize::LargeInput,
            )
        });
    }
    group.finish();
}

criterion_group!(benches, replay);
criterion_main!(benches);
