//! Speed of the syntax layer: tagging, lemmas, parsing and labelling of the
//! EWT test sentences (gold words, `tests/data/ud_ewt`), in words per
//! second on one core; and how long the built-in model takes to load.
//!
//! Run with `cargo bench --bench syntax`.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::path::Path;
use tension_timeline::nlp::syntax::{SyntaxModel, conllu, default_model};

fn bench(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("tests/data/ud_ewt/en_ewt-ud-test.conllu"))
        .expect("test data");
    let sents = conllu::parse(&text).expect("valid CoNLL-U");
    let forms: Vec<Vec<&str>> = sents
        .iter()
        .map(|s| s.words.iter().map(|w| w.form.as_str()).collect())
        .collect();
    let words: usize = forms.iter().map(Vec::len).sum();
    let model = default_model().expect("the built-in model");

    let mut g = c.benchmark_group("syntax");
    g.sample_size(10);
    g.throughput(Throughput::Elements(words as u64));
    g.bench_function("tag+lemma+parse+label EWT test (words)", |b| {
        b.iter(|| {
            forms
                .iter()
                .map(|f| model.analyze_forms(f).len())
                .sum::<usize>()
        })
    });
    g.bench_function("tag only EWT test (words)", |b| {
        b.iter(|| {
            forms
                .iter()
                .map(|f| model.tagger.tag(f).len())
                .sum::<usize>()
        })
    });
    g.finish();

    let bytes = std::fs::read(root.join("assets/syntax/en_ewt.model")).expect("model file");
    let mut g = c.benchmark_group("syntax model");
    g.sample_size(10);
    g.bench_function("load the model file", |b| {
        b.iter(|| {
            SyntaxModel::from_bytes(&bytes, "en_ewt.model")
                .expect("loads")
                .tagger
                .tags
                .len()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
