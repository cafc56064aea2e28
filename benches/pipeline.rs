//! Throughput of the whole per-article path (decode, read, segment, tag
//! time expressions, reference times, events, figures) on the TempEval-3
//! training corpus (`../shared/data/tempeval3/train_*`, falling back to the
//! platinum copy in `tests/data` on a clone without `../shared`).
//!
//! Run with `cargo bench --bench pipeline`; criterion reports MB/s.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::path::{Path, PathBuf};
use tension_timeline::extract::gazetteer::Gazetteer;
use tension_timeline::extract::{analyze, places};
use tension_timeline::ingest::{Source, read_bytes};
use tension_timeline::nlp::{segment::segment_text, temporal};

fn corpus() -> Vec<(String, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let shared = root.join("../shared/data/tempeval3");
    let dirs: Vec<PathBuf> = if shared.exists() {
        vec![shared.join("train_timebank"), shared.join("train_aquaint")]
    } else {
        vec![root.join("tests/data/tempeval3/platinum")]
    };
    let mut files = Vec::new();
    for d in dirs {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(&d)
            .expect("corpus directory")
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "tml"))
            .collect();
        paths.sort();
        for p in paths {
            let bytes = std::fs::read(&p).expect("readable");
            files.push((p.to_string_lossy().into_owned(), bytes));
        }
    }
    files
}

fn bench(c: &mut Criterion) {
    let files = corpus();
    let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
    let texts: Vec<(String, Option<chrono::NaiveDate>)> = files
        .iter()
        .flat_map(|(p, b)| read_bytes(&Source::new(p.clone()), b))
        .flatten()
        .map(|a| (a.text, a.published))
        .collect();
    let text_bytes: usize = texts.iter().map(|(t, _)| t.len()).sum();

    let mut g = c.benchmark_group("tempeval3_train");
    g.sample_size(10);
    // read and analyse every file: the whole per-article path
    let whole_path = || {
        let mut events = 0;
        for (p, raw) in &files {
            for a in read_bytes(&Source::new(p.clone()), raw)
                .into_iter()
                .flatten()
            {
                events += analyze(a).events.len();
            }
        }
        events
    };
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("whole_path_file_bytes", |b| b.iter(whole_path));
    // the same work per byte of article text (the measure: the
    // whole path, syntax included, at or above 3 MB/s of text per core)
    g.throughput(Throughput::Bytes(text_bytes as u64));
    g.bench_function("whole_path_text_bytes", |b| b.iter(whole_path));
    g.throughput(Throughput::Bytes(text_bytes as u64));
    g.bench_function("segment_and_tag_text_bytes", |b| {
        b.iter(|| {
            let mut n = 0;
            for (t, dct) in &texts {
                let spans: Vec<(usize, usize)> = segment_text(t).iter().map(|s| s.span).collect();
                n += temporal::tag(t, &spans, *dct).len();
            }
            n
        })
    });
    // finding and linking the place names alone (the budget: at
    // most a tenth of the whole path)
    g.throughput(Throughput::Bytes(text_bytes as u64));
    g.bench_function("places_text_bytes", |b| {
        b.iter(|| {
            let mut n = 0;
            for (t, _) in &texts {
                let spans: Vec<(usize, usize)> = segment_text(t).iter().map(|s| s.span).collect();
                n += places::find_places(t, &spans, &[]).len();
            }
            n
        })
    });
    g.finish();
    // reading the gazetteer (once per run, before the first article)
    let mut once = c.benchmark_group("gazetteer");
    once.sample_size(10);
    once.bench_function("parse_places_tsv", |b| {
        b.iter(|| {
            Gazetteer::parse(include_str!("../assets/places.tsv"))
                .expect("it reads")
                .places
                .len()
        })
    });
    once.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
