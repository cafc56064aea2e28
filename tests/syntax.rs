//! The syntax layer: scores on the EWT test split, deterministic training,
//! corrupt model files, `eval-syntax` and `extract --format conllu`.

use crate::util::{data, root, run, run_env};
use tension_timeline::eval::syntax::evaluate;
use tension_timeline::nlp::syntax::train::{TrainOptions, train};
use tension_timeline::nlp::syntax::{self, SyntaxModel, conllu};

fn treebank(name: &str) -> Vec<conllu::Sentence> {
    let text = std::fs::read_to_string(data(&format!("ud_ewt/{name}"))).expect("test data");
    conllu::parse(&text).expect("valid CoNLL-U")
}

/// The figures the README quotes, on the EWT test split (gold tokens,
/// every word counted). The targets (UPOS 95, lemma 97, UAS 86,
/// LAS 83) are not all reached yet (UPOS and lemma are); this holds the figures reached so that
/// no change makes them worse (README, "Sentence structure").
#[test]
fn ewt_test_split_scores_hold() {
    let model = syntax::default_model().expect("the built-in model loads");
    let s = evaluate(model, &treebank("en_ewt-ud-test.conllu"));
    eprintln!("EWT test: {s}");
    assert_eq!((s.sentences, s.words), (2077, 25094));
    assert!(s.upos_pct() >= 95.4, "{s}");
    assert!(s.xpos_pct() >= 94.8, "{s}");
    assert!(s.lemma_pct() >= 97.1, "{s}");
    assert!(s.uas_pct() >= 84.9, "{s}");
    assert!(s.las_pct() >= 81.4, "{s}");
}

/// Training twice on the same sentences gives the same model file, and the
/// model learned its data.
#[test]
fn training_is_deterministic() {
    let sents = treebank("en_ewt-ud-train-first300.conllu");
    let opts = TrainOptions {
        tagger_epochs: 3,
        parser_epochs: 3,
        parser_bits: 14,
        seed: 1,
    };
    let a = train(&sents, &opts, |_| {}).to_bytes();
    let b = train(&sents, &opts, |_| {}).to_bytes();
    assert_eq!(a, b, "same data, same weights");
    let other = train(&sents, &TrainOptions { seed: 2, ..opts }, |_| {}).to_bytes();
    assert_ne!(
        a, other,
        "the seed matters, so the comparison above means something"
    );
    let model = SyntaxModel::from_bytes(&a, "tiny").expect("reads back");
    let s = evaluate(&model, &sents);
    assert!(
        s.upos_pct() > 90.0 && s.uas_pct() > 70.0,
        "a model fits its own data: {s}"
    );
}

/// A damaged model is refused with the file's name; nothing is guessed.
#[test]
fn corrupt_model_files_are_refused() {
    let path = root().join(syntax::BUILT_IN_MODEL);
    let good = std::fs::read(&path).expect("the model file is in the repository");
    assert!(SyntaxModel::from_bytes(&good, "m").is_ok());
    let mut flipped = good.clone();
    let mid = flipped.len() / 2;
    flipped[mid] ^= 0x40;
    for (bytes, why) in [
        (&good[..good.len() - 10], "truncated"),
        (&flipped[..], "checksum"),
        (&good[..0], "empty"),
        (&b"TTSYNTAX\x07\0\0\0"[..], "not a tension-timeline"),
    ] {
        let e = SyntaxModel::from_bytes(bytes, "bad.model").expect_err(why);
        assert_eq!(e.file, "bad.model");
        assert!(e.to_string().contains("bad.model"), "{e}");
    }
    // the command line names the file and stops before any output
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.model");
    std::fs::write(&bad, &good[..1000]).unwrap();
    let seed = root().join("seeds");
    let out = run_env(
        &["extract", "--format", "conllu", seed.to_str().unwrap()],
        None,
        &[(syntax::MODEL_ENV, bad.to_str().unwrap())],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("bad.model") && err.contains("truncated"),
        "{err}"
    );
    assert!(out.stdout.is_empty());
}

/// `eval-syntax` prints the scores of a CoNLL-U file.
#[test]
fn eval_syntax_prints_scores() {
    let f = data("ud_ewt/en_ewt-ud-train-first300.conllu");
    let out = run(&["eval-syntax", f.to_str().unwrap()], None);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(
        s.contains("300 sentences") && s.contains("UPOS") && s.contains("LAS"),
        "{s}"
    );
    let out = run(&["eval-syntax", "tests/data/no-such.conllu"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no-such.conllu"));
}

/// `extract --format conllu` writes valid CoNLL-U whose spans point at the
/// words in the article text.
#[test]
fn extract_writes_conllu_with_spans() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("a.txt");
    let text = "Kremlin strikes Kyiv\ndate 2022-03-01\n\nRussian forces shelled Kharkiv on Monday, officials said. \
                The talks were not cancelled by Ukraine.\n";
    std::fs::write(&f, text).unwrap();
    let out = run(
        &["extract", "--format", "conllu", f.to_str().unwrap()],
        None,
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let s = String::from_utf8(out.stdout).unwrap();
    let sents = conllu::parse(&s).expect("valid CoNLL-U");
    assert!(sents.len() >= 2, "{s}");
    assert!(sents[0].comments.iter().any(|c| c.starts_with("newdoc id")));
    let sent = sents
        .iter()
        .find(|x| x.words.iter().any(|w| w.form == "shelled"))
        .expect("the sentence");
    let at = |f: &str| sent.words.iter().position(|w| w.form == f).expect("a word");
    let (shelled, forces) = (at("shelled"), at("forces"));
    assert_eq!(sent.words[shelled].upos, "VERB", "{s}");
    // heads are 1-based: "forces" is the subject of "shelled"
    assert_eq!(
        (sent.words[forces].head, sent.words[forces].deprel.as_str()),
        (shelled + 1, "nsubj"),
        "{s}"
    );
    // each word has a one-root tree and a span in misc
    for sent in &sents {
        assert_eq!(sent.words.iter().filter(|w| w.head == 0).count(), 1);
        for w in &sent.words {
            assert!(w.misc.starts_with("TokenRange="), "{}", w.misc);
        }
    }
}
