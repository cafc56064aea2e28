//! # tension-timeline
//!
//! Reads news articles about international tensions, finds when things happened
//! and who did what to whom, and lays the events out on a timeline.
//!
//! The library is organised as a pipeline of layers, each a folder of its own:
//!
//! - [`ingest`]: files on disk (text, Markdown, HTML, JSON, JSONL, TimeML, any
//!   encoding) become [`ingest::Article`]s with one text, a title and a
//!   publication date;
//! - [`nlp`]: paragraphs and sentences ([`nlp::segment`]), temporal expressions
//!   normalised to TIMEX3 values ([`nlp::temporal`]) and each sentence's
//!   narrative reference time ([`nlp::reference_time`]);
//! - [`extract`]: the per-article analysis that the CLI and the GUI both call
//!   ([`extract::analyze`]);
//! - [`corpus`]: loading many articles in parallel with progress and keeping
//!   their analyses together;
//! - [`export`]: JSON, JSONL, CSV and TimeML writers;
//! - [`eval`]: the TempEval-3 Task A scorer used to measure the temporal tagger;
//! - [`cli`]: the command line front end (`main.rs` only dispatches to it);
//! - [`gui`]: the desktop application (eframe/egui) on top of the same core.
//!
//! None of the core layers knows anything about a user interface; a test
//! checks that no core folder names egui, eframe or the gui module.
#![deny(missing_docs)]

pub mod cli;
pub mod corpus;
pub mod eval;
pub mod export;
pub mod extract;
pub mod gui;
pub mod ingest;
pub mod nlp;
pub mod slice;

/// A `[start, end)` range of UTF-8 byte offsets into an article's text.
pub type Span = (usize, usize);
