//! Merging event mentions (`corpus::cluster`) on synthetic corpora of 1,000
//! and 10,000 articles made from the seeds and TempEval-3 texts, with
//! publication dates spread over four years and actors rotated through a
//! list of states and leaders. Criterion reports mentions per second; the
//! growth from 1,000 to 10,000 articles shows whether it stays near-linear.

use chrono::{Duration, NaiveDate};
use criterion::{BatchSize, BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use rayon::prelude::*;
use std::path::Path;
use tension_timeline::corpus::cluster::cluster;
use tension_timeline::extract::{Analysis, analyze};
use tension_timeline::ingest::{DateSource, Source, read_bytes};

/// (state, capital, leader) triples that replace Russia, Moscow and Putin.
const ACTORS: &[(&str, &str, &str)] = &[
    ("Russia", "Moscow", "Putin"),
    ("China", "Beijing", "Xi Jinping"),
    ("Iran", "Tehran", "Raisi"),
    ("Turkey", "Ankara", "Erdogan"),
    ("India", "New Delhi", "Modi"),
    ("Israel", "Jerusalem", "Netanyahu"),
    ("Venezuela", "Caracas", "Maduro"),
    ("Belarus", "Minsk", "Lukashenko"),
];

fn base_texts() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut texts: Vec<String> = std::fs::read_dir(root.join("seeds"))
        .expect("seeds")
        .flatten()
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .collect();
    for e in std::fs::read_dir(root.join("tests/data/tempeval3/platinum"))
        .expect("platinum")
        .flatten()
    {
        if let Ok(bytes) = std::fs::read(e.path()) {
            texts.extend(
                read_bytes(&Source::new("x.tml"), &bytes)
                    .into_iter()
                    .flatten()
                    .map(|a| a.text),
            );
        }
    }
    texts.sort();
    texts
}

fn synthetic(n: usize) -> Vec<Analysis> {
    let texts = base_texts();
    let start = NaiveDate::from_ymd_opt(2019, 1, 1).expect("valid");
    (0..n)
        .into_par_iter()
        .map(|i| {
            let (state, capital, leader) = ACTORS[i % ACTORS.len()];
            let text = texts[i % texts.len()]
                .replace("Russia", state)
                .replace("Moscow", capital)
                .replace("Putin", leader);
            let mut a = read_bytes(&Source::new(format!("synthetic/{i}.txt")), text.as_bytes())
                .remove(0)
                .expect("readable");
            a.id = format!("a{i}");
            let day = start + Duration::days(((i * 37) % 1460) as i64);
            a.set_published(Some(day), DateSource::Header);
            analyze(a)
        })
        .collect()
}

/// A line of `/proc/self/status` in kB (Linux).
fn status_kb(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// The resident memory of the analysed corpus and the peak that clustering
/// it adds, in MB (Linux: the peak is reset through `/proc/self/clear_refs`).
fn clustering_memory_mb(analyses: &mut [Analysis]) -> Option<(f64, f64)> {
    tension_timeline::corpus::release_free_memory();
    std::fs::write("/proc/self/clear_refs", "5").ok()?;
    let before = status_kb("VmRSS")?;
    let merged = cluster(analyses);
    let peak = status_kb("VmHWM")?;
    drop(merged);
    Some((
        before as f64 / 1024.0,
        peak.saturating_sub(before) as f64 / 1024.0,
    ))
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("cluster");
    g.sample_size(10);
    for n in [1_000usize, 10_000] {
        let mut analyses = synthetic(n);
        let mentions: usize = analyses.iter().map(|a| a.events.len()).sum();
        g.throughput(Throughput::Elements(mentions as u64));
        g.bench_with_input(BenchmarkId::new("articles", n), &analyses, |b, analyses| {
            b.iter_batched(
                || analyses.clone(),
                |mut a| cluster(&mut a).len(),
                BatchSize::LargeInput,
            )
        });
        // after the timing, so trimming the heap does not slow it
        if let Some((corpus, peak)) = clustering_memory_mb(&mut analyses) {
            eprintln!(
                "cluster/{n} articles, {mentions} mentions: corpus resident {corpus:.0} MB, \
                 clustering adds at most {peak:.0} MB"
            );
        }
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
