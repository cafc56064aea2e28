//! The JSON output: one document with every article, sentence, time
//! expression, event and figure, spans as `[start, end)` byte offsets into
//! each article's `text`.

use crate::Span;
use crate::corpus::{Corpus, MergedEvent};
use crate::extract::{Analysis, Event, Quantity};
use crate::ingest::{Article, IngestError};
use crate::nlp::reference_time::ReferenceTime;
use crate::nlp::temporal::{Precision, Resolution, Timex, TimexType};
use serde::Serialize;

/// The version of the JSON schema, bumped when a field changes meaning.
pub const SCHEMA_VERSION: u32 = 2;

/// The whole output document.
#[derive(Debug, Serialize)]
pub struct Document<'a> {
    /// [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The articles read.
    pub articles: Vec<&'a Article>,
    /// Their sentences.
    pub sentences: Vec<SentenceRecord<'a>>,
    /// Their time expressions.
    pub timexes: Vec<TimexRecord<'a>>,
    /// Their event mentions.
    pub events: Vec<&'a Event>,
    /// The figures they state.
    pub quantities: Vec<&'a Quantity>,
    /// Events merged from the mentions (each mention's `cluster` names one).
    pub clusters: &'a [MergedEvent],
    /// Files that could not be read.
    pub errors: Vec<ErrorRecord>,
}

/// A sentence in the output.
#[derive(Debug, Serialize)]
pub struct SentenceRecord<'a> {
    /// The article's id.
    pub article: &'a str,
    /// The sentence's span.
    pub span: Span,
    /// Its paragraph (0-based).
    pub paragraph: usize,
    /// The time the story is at.
    pub reference_time: &'a ReferenceTime,
}

/// A time expression in the output.
#[derive(Debug, Serialize)]
pub struct TimexRecord<'a> {
    /// The article's id.
    pub article: &'a str,
    /// Its span.
    pub span: Span,
    /// The words.
    pub text: &'a str,
    /// DATE, TIME, DURATION or SET.
    #[serde(rename = "type")]
    pub ttype: TimexType,
    /// The TIMEX3 value.
    pub value: &'a str,
    /// How precise the value is.
    pub precision: Precision,
    /// How the value was obtained.
    pub resolution: Resolution,
    /// TIMEX3 `mod` (START, APPROX...), if any.
    #[serde(rename = "mod")]
    pub modifier: Option<&'a str>,
    /// What an anchored expression was anchored to.
    pub anchor: Option<&'a str>,
}

/// A file that could not be read.
#[derive(Debug, Serialize)]
pub struct ErrorRecord {
    /// The file.
    pub path: String,
    /// Why, with the file named.
    pub message: String,
}

impl From<&IngestError> for ErrorRecord {
    fn from(e: &IngestError) -> Self {
        ErrorRecord {
            path: e.path().to_string(),
            message: e.to_string(),
        }
    }
}

/// The timex records of one analysis.
pub fn timex_records(a: &Analysis) -> Vec<TimexRecord<'_>> {
    a.timexes
        .iter()
        .map(|t| timex_record(&a.article.id, t))
        .collect()
}

fn timex_record<'a>(article: &'a str, t: &'a Timex) -> TimexRecord<'a> {
    TimexRecord {
        article,
        span: t.span,
        text: &t.text,
        ttype: t.ttype,
        value: &t.value,
        precision: t.precision,
        resolution: t.resolution,
        modifier: t.modifier.as_deref(),
        anchor: t.anchor.as_deref(),
    }
}

/// The sentence records of one analysis.
pub fn sentence_records(a: &Analysis) -> Vec<SentenceRecord<'_>> {
    a.sentences
        .iter()
        .map(|s| SentenceRecord {
            article: &a.article.id,
            span: s.sentence.span,
            paragraph: s.sentence.paragraph,
            reference_time: &s.reference_time,
        })
        .collect()
}

/// Builds the output document for a corpus.
pub fn document(corpus: &Corpus) -> Document<'_> {
    let a = &corpus.analyses;
    Document {
        schema_version: SCHEMA_VERSION,
        articles: a.iter().map(|x| &x.article).collect(),
        sentences: a.iter().flat_map(sentence_records).collect(),
        timexes: a.iter().flat_map(timex_records).collect(),
        events: a.iter().flat_map(|x| &x.events).collect(),
        quantities: a.iter().flat_map(|x| &x.quantities).collect(),
        clusters: &corpus.clusters,
        errors: corpus.errors.iter().map(ErrorRecord::from).collect(),
    }
}

/// The JSON output for a corpus, pretty-printed.
pub fn to_json(corpus: &Corpus) -> String {
    serde_json::to_string_pretty(&document(corpus)).expect("the output serialises")
}

/// One line of JSONL output: one article's result.
#[derive(Debug, Serialize)]
pub struct ArticleResult<'a> {
    /// [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The article.
    pub article: &'a Article,
    /// Its sentences.
    pub sentences: Vec<SentenceRecord<'a>>,
    /// Its time expressions.
    pub timexes: Vec<TimexRecord<'a>>,
    /// Its event mentions.
    pub events: &'a [Event],
    /// Its figures.
    pub quantities: &'a [Quantity],
}

/// One article's result as a single JSON line (no trailing newline).
pub fn to_json_line(a: &Analysis) -> String {
    let r = ArticleResult {
        schema_version: SCHEMA_VERSION,
        article: &a.article,
        sentences: sentence_records(a),
        timexes: timex_records(a),
        events: &a.events,
        quantities: &a.quantities,
    };
    serde_json::to_string(&r).expect("the output serialises")
}

/// A failed input as a single JSON line: `{"error": {"path", "message"}}`.
pub fn error_line(e: &IngestError) -> String {
    serde_json::json!({ "error": ErrorRecord::from(e) }).to_string()
}
