//! The fuzz targets of `fuzz/` as a bounded, reproducible test on stable:
//! each target's seed corpus (`fuzz/seeds/TARGET/`) and a fixed number of
//! mutations of it (bytes replaced, inserted, deleted and appended), drawn
//! from a fixed seed, through the same checks (`fuzz/checks.rs`): no panic,
//! and spans in bounds and on character boundaries.

#[path = "../fuzz/checks.rs"]
mod checks;

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

/// The committed seeds of a fuzz target.
fn seeds(target: &str) -> Vec<Vec<u8>> {
    let dir = crate::util::root().join("fuzz/seeds").join(target);
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    let seeds: Vec<Vec<u8>> = paths.iter().map(|p| std::fs::read(p).unwrap()).collect();
    assert!(!seeds.is_empty(), "{target} has seeds");
    seeds
}

/// One edit of a seed: where, which byte, and what to do there.
type Edit = (Index, u8, u8);

/// `seed` with `edits` applied and `tail` appended.
fn mutate(seed: &[u8], edits: &[Edit], tail: &[u8]) -> Vec<u8> {
    let mut data = seed.to_vec();
    for (at, byte, op) in edits {
        let i = if data.is_empty() {
            0
        } else {
            at.index(data.len())
        };
        match op % 4 {
            0 if i < data.len() => data[i] = *byte,
            1 => data.insert(i, *byte),
            2 if i < data.len() => {
                data.remove(i);
            }
            // a structural byte, where the readers decide things
            _ => data.insert(i, b"<>&;\"{}[]\n, ."[usize::from(*byte) % 13]),
        }
    }
    data.extend_from_slice(tail);
    data
}

/// Runs `check` on every seed of `target`, then on `cases` mutations.
fn fuzz(target: &str, cases: u32, check: impl Fn(&[u8])) {
    let seeds = seeds(target);
    for s in &seeds {
        check(s);
    }
    let config = Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    };
    let rng = TestRng::deterministic_rng(RngAlgorithm::ChaCha);
    let mut runner = TestRunner::new_with_rng(config, rng);
    let strategy = (
        0..seeds.len(),
        vec((any::<Index>(), any::<u8>(), any::<u8>()), 0..12),
        vec(any::<u8>(), 0..24),
    );
    runner
        .run(&strategy, |(i, edits, tail)| {
            check(&mutate(&seeds[i], &edits, &tail));
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{target}: {e}"));
}

#[test]
fn fuzz_read_bytes() {
    fuzz("read_bytes", 600, checks::read_bytes_target);
}

#[test]
fn fuzz_analyze() {
    fuzz("analyze", 600, checks::analyze_target);
}

#[test]
fn fuzz_temporal() {
    fuzz("temporal", 1000, checks::temporal_target);
}

#[test]
fn fuzz_timeml() {
    fuzz("timeml", 1500, checks::timeml_target);
}

#[test]
fn fuzz_jsonl() {
    fuzz("jsonl", 1500, checks::jsonl_target);
}

#[test]
fn fuzz_project_open() {
    let dir = tempfile::tempdir().unwrap();
    fuzz("project_open", 200, |data| {
        checks::project_target(dir.path(), data)
    });
}
