//! The checks the fuzz targets run, shared by the cargo-fuzz targets in
//! `fuzz/fuzz_targets/` and the bounded property test `tests/fuzz.rs`: each
//! takes arbitrary bytes, drives one entry point of the library and asserts
//! the invariants that hold for every input (no panic; spans in bounds, on
//! character boundaries, `begin <= end`; evidence and trigger text inside the
//! article's text).

#![allow(dead_code)]

use std::path::Path;
use tension_timeline::Span;
use tension_timeline::corpus::project::Project;
use tension_timeline::extract::{Analysis, analyze};
use tension_timeline::ingest::jsonl_stream::JsonlStream;
use tension_timeline::ingest::{Article, Source, json, read_bytes, timeml};
use tension_timeline::nlp::temporal;

/// File extensions a fuzz input's first byte chooses from (so every reader
/// and the content sniffing behind an unknown extension are reached).
pub const EXTENSIONS: &[&str] = &[
    "txt", "md", "html", "json", "jsonl", "tml", "xml", "bin", "htm", "ndjson", "timeml", "",
];

/// Asserts that `span` is a valid slice of `text`.
pub fn check_span(text: &str, span: Span, what: &str) {
    let (b, e) = span;
    assert!(b <= e, "{what}: begin {b} > end {e}");
    assert!(
        e <= text.len(),
        "{what}: end {e} past the text ({})",
        text.len()
    );
    assert!(
        text.is_char_boundary(b) && text.is_char_boundary(e),
        "{what}: {span:?} not on character boundaries"
    );
}

/// Asserts what holds for every article a reader gives.
pub fn check_article(a: &Article) {
    assert!(!a.text.trim().is_empty(), "an article has text");
    for r in &a.regions {
        check_span(&a.text, r.span, "region");
    }
}

/// Asserts what holds for every analysis.
pub fn check_analysis(an: &Analysis) {
    let text = &an.article.text;
    check_article(&an.article);
    let mut last = 0;
    for s in &an.sentences {
        check_span(text, s.sentence.span, "sentence");
        assert!(s.sentence.span.0 >= last, "sentences in order");
        last = s.sentence.span.1;
    }
    for t in &an.timexes {
        check_span(text, t.span, "timex");
        assert_eq!(&text[t.span.0..t.span.1], t.text, "timex text");
    }
    for q in &an.quantities {
        check_span(text, q.span, "quantity");
    }
    for e in &an.events {
        check_span(text, e.span, "event evidence");
        assert_eq!(&text[e.span.0..e.span.1], e.evidence, "evidence text");
        check_span(text, e.trigger.span, "trigger");
        assert_eq!(&text[e.trigger.span.0..e.trigger.span.1], e.trigger.text);
        for a in e.source.iter().chain(&e.target) {
            check_span(text, a.span, "actor");
        }
        if let Some(t) = e.date.timex {
            check_span(text, t, "event date");
        }
        assert!(e.score.is_finite(), "score");
    }
}

/// Splits a fuzz input into a file name (its extension from the first byte)
/// and the file's bytes.
pub fn name_and_bytes(data: &[u8]) -> (String, &[u8]) {
    match data.split_first() {
        Some((&b, rest)) => {
            let ext = EXTENSIONS[b as usize % EXTENSIONS.len()];
            let name = if ext.is_empty() {
                "input".into()
            } else {
                format!("input.{ext}")
            };
            (name, rest)
        }
        None => ("input.txt".into(), data),
    }
}

/// `ingest::read_bytes` in every format, then the analysis of what it reads.
pub fn read_bytes_target(data: &[u8]) {
    let (name, bytes) = name_and_bytes(data);
    for r in read_bytes(&Source::new(name.as_str()), bytes) {
        match r {
            Ok(a) => {
                check_article(&a);
                check_analysis(&analyze(a));
            }
            Err(e) => assert!(e.to_string().starts_with(&name), "{e} names {name}"),
        }
    }
}

/// `extract::analyze` on arbitrary text as a plain article, with or
/// without a publication date (the first byte chooses).
pub fn analyze_target(data: &[u8]) {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let mut input = String::new();
    if first & 1 == 1 {
        input.push_str(" date 2021-12-07 Title\n\n");
    }
    input.push_str(&text);
    for a in read_bytes(&Source::new("a.txt"), input.as_bytes())
        .into_iter()
        .flatten()
    {
        check_analysis(&analyze(a));
    }
}

/// The temporal tagger and normaliser: every time expression's span and
/// value, against a publication date from the first two bytes.
pub fn temporal_target(data: &[u8]) {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let dct = (first != 0)
        .then(|| {
            chrono::NaiveDate::from_ymd_opt(
                1990 + i32::from(first % 60),
                1 + u32::from(first % 12),
                1 + u32::from(first % 28),
            )
        })
        .flatten();
    let sentences = temporal::split_sentences(&text);
    for &s in &sentences {
        check_span(&text, s, "sentence");
    }
    for t in temporal::tag(&text, &sentences, dct)
        .into_iter()
        .chain(temporal::tag_text(&text, dct))
    {
        check_span(&text, t.span, "timex");
        assert_eq!(&text[t.span.0..t.span.1], t.text);
        if let Some((from, to)) = temporal::value_range(&t.value) {
            assert!(from <= to, "{}: {from} > {to}", t.value);
        }
    }
}

/// The TimeML reader: gold spans inside the text, and the article reader.
pub fn timeml_target(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let doc = timeml::read_timeml(&text);
    for t in &doc.timexes {
        check_span(&doc.text, (t.start, t.end), "gold timex");
        assert_eq!(&doc.text[t.start..t.end], t.text);
    }
    if let Ok(a) = timeml::read_article(&Source::new("f.tml"), &text) {
        check_article(&a);
    }
}

/// The JSONL readers: the whole-file one and the stream, line by line.
pub fn jsonl_target(data: &[u8]) {
    let src = Source::new("f.jsonl");
    let text = String::from_utf8_lossy(data);
    for a in json::read_jsonl(&src, &text).into_iter().flatten() {
        check_article(&a);
    }
    let mut last = 0;
    for item in JsonlStream::new(data, src) {
        let (line, r) = item.expect("reading from memory does not fail");
        assert!(line > last, "lines in order");
        last = line;
        if let Ok(a) = r {
            check_article(&a);
        }
    }
}

/// `Project::open` on arbitrary bytes written to a file in `dir`.
pub fn project_target(dir: &Path, data: &[u8]) {
    let path = dir.join("fuzz.ttproj");
    std::fs::write(&path, data).expect("writing the temporary project");
    if let Ok(p) = Project::open(&path) {
        let _ = p.articles();
        let _ = p.journal();
        let _ = p.view();
    }
    let _ = std::fs::remove_file(&path);
}
