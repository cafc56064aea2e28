//! Many articles at once: parallel loading with progress and cancellation,
//! and the analyses kept together in a [`Corpus`].
//!
//! [`load_paths`] is what both the CLI and the GUI call. It reports progress
//! through a plain callback (no channels, terminals or widgets here), keeps
//! input order, and collects the files that fail with their reasons while the
//! others load.

pub mod cluster;
pub mod corrections;
pub mod dating;
pub mod duplicates;
pub mod project;
pub mod retold;

pub use cluster::{MentionRef, MergedEvent};

use crate::extract::{Analysis, DeadlinePassed, analyze, analyze_within};
use crate::ingest::{self, Article, IngestError};
use rayon::prelude::*;
use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// How long the stages of loading and linking took (the CLI's `--stats`,
/// the GUI's status bar).
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub struct LoadTimings {
    /// Listing the files (the lexicons are built meanwhile).
    pub listing: Duration,
    /// Reading, decoding and analysing the articles, in parallel.
    pub analysis: Duration,
    /// Dating the undated articles from the others.
    pub dating: Duration,
    /// Merging event mentions into events.
    pub merging: Duration,
}

impl LoadTimings {
    /// All stages together.
    pub fn total(&self) -> Duration {
        self.listing + self.analysis + self.dating + self.merging
    }
}

impl std::fmt::Display for LoadTimings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "listing {:.2} s, analysis {:.2} s, dating {:.2} s, merging {:.2} s",
            self.listing.as_secs_f64(),
            self.analysis.as_secs_f64(),
            self.dating.as_secs_f64(),
            self.merging.as_secs_f64()
        )
    }
}

/// Loaded and analysed articles, and the files that could not be read.
#[derive(Debug, Default)]
pub struct Corpus {
    /// One analysis per article, in input order, with unique article ids.
    pub analyses: Vec<Analysis>,
    /// Files (or records) that failed, with the reason, in input order.
    pub errors: Vec<IngestError>,
    /// Events merged from the mentions of all articles (after [`Corpus::link`]).
    pub clusters: Vec<MergedEvent>,
    /// How long the last load and link took.
    pub timings: LoadTimings,
    /// Articles of the last load left out as copies of others.
    pub duplicates: Vec<duplicates::Duplicate>,
}

impl Corpus {
    /// Adds the analyses that are not copies of articles already here (nor
    /// of each other), and records the copies in [`Corpus::duplicates`].
    pub fn extend_unique(&mut self, analyses: Vec<Analysis>) {
        let (kept, dups) = duplicates::remove_duplicates(&self.analyses, analyses);
        self.duplicates.extend(dups);
        self.extend(kept);
    }

    /// Adds analyses, renaming ids that are already taken (`a.txt`, `a.txt~2`).
    pub fn extend(&mut self, analyses: Vec<Analysis>) {
        let mut taken: HashSet<String> =
            self.analyses.iter().map(|a| a.article.id.clone()).collect();
        for mut a in analyses {
            if taken.contains(&a.article.id) {
                let id = (2..)
                    .map(|n| format!("{}~{n}", a.article.id))
                    .find(|id| !taken.contains(id))
                    .expect("an unused id exists");
                for e in &mut a.events {
                    e.article = id.clone();
                    e.id = format!("{id}#{}", e.id.rsplit('#').next().unwrap_or_default());
                }
                for q in &mut a.quantities {
                    q.article = id.clone();
                }
                a.article.id = id;
            }
            taken.insert(a.article.id.clone());
            self.analyses.push(a);
        }
    }

    /// Links the articles: infers the publication date of undated articles
    /// from the others, then merges event mentions into events. Call after
    /// adding or re-analysing articles.
    pub fn link(&mut self) {
        let start = Instant::now();
        dating::infer_publication_dates(&mut self.analyses);
        retold::date_retold_acts(&mut self.analyses);
        let dated = Instant::now();
        self.clusters = cluster::cluster(&mut self.analyses);
        self.timings.dating = dated - start;
        self.timings.merging = dated.elapsed();
    }

    /// The merged event with this id (`c1`, `c2`, ... are numbered in order,
    /// so this is a lookup, not a search).
    pub fn cluster(&self, id: &str) -> Option<&MergedEvent> {
        let n: usize = id.strip_prefix('c')?.parse().ok()?;
        self.clusters.get(n.checked_sub(1)?).filter(|m| m.id == id)
    }

    /// A copy of the events, the merged events and the articles' metadata,
    /// without the texts and their analyses (for a picture drawn on another
    /// thread: a fraction of the memory of a full copy).
    pub fn events_only(&self) -> Corpus {
        Corpus {
            analyses: self
                .analyses
                .iter()
                .map(|a| Analysis {
                    article: crate::ingest::Article {
                        text: String::new(),
                        ..a.article.clone()
                    },
                    sentences: Vec::new(),
                    timexes: Vec::new(),
                    events: a.events.clone(),
                    quantities: Vec::new(),
                    places: Vec::new(),
                })
                .collect(),
            clusters: self.clusters.clone(),
            ..Corpus::default()
        }
    }

    /// The merged-event label of the mention (article index, event index).
    pub fn cluster_label(&self, (a, e): (usize, usize)) -> Option<&str> {
        self.analyses.get(a)?.events.get(e)?.cluster.as_deref()
    }

    /// The merged event a mention stands for when merged events are shown:
    /// its cluster, if that has other mentions too.
    pub fn merged_of(&self, e: &crate::extract::Event) -> Option<&MergedEvent> {
        e.cluster
            .as_deref()
            .and_then(|id| self.cluster(id))
            .filter(|c| c.mentions.len() > 1)
    }

    /// Whether the analyst rejected any event.
    pub fn has_rejected(&self) -> bool {
        self.analyses
            .iter()
            .flat_map(|a| &a.events)
            .any(|e| e.review == crate::extract::Review::Rejected)
    }

    /// A copy for export: rejected events left out (the merged events
    /// already leave them out).
    pub fn without_rejected(&self) -> Corpus {
        let analyses = self
            .analyses
            .iter()
            .map(|a| {
                let mut a = a.clone();
                a.events
                    .retain(|e| e.review != crate::extract::Review::Rejected);
                a
            })
            .collect();
        Corpus {
            analyses,
            errors: Vec::new(),
            clusters: self.clusters.clone(),
            timings: self.timings,
            duplicates: Vec::new(),
        }
    }

    /// Number of event mentions in all articles.
    pub fn event_count(&self) -> usize {
        self.analyses.iter().map(|a| a.events.len()).sum()
    }
}

/// Reads and analyses the files under `paths` in parallel (folders walked
/// without following symbolic links).
///
/// `progress(done, total)` is called after each file (from worker threads);
/// setting `cancel` stops the work at the next file, keeping what is done.
pub fn load_paths(
    paths: &[PathBuf],
    progress: &(dyn Fn(usize, usize) + Sync),
    cancel: &AtomicBool,
) -> Corpus {
    load_paths_with(paths, &ingest::WalkOptions::default(), progress, cancel)
}

/// [`load_paths`] with folders walked as `walk` says (`--follow`).
pub fn load_paths_with(
    paths: &[PathBuf],
    walk: &ingest::WalkOptions,
    progress: &(dyn Fn(usize, usize) + Sync),
    cancel: &AtomicBool,
) -> Corpus {
    let mut corpus = Corpus::default();
    let mut files = Vec::new();
    let start = Instant::now();
    // the lexicons are built while the folders are listed
    let (_, listed) = rayon::join(crate::extract::warm_up, || {
        ingest::expand_paths_with(paths, walk)
    });
    let listed_at = Instant::now();
    for p in listed {
        match p {
            Ok(f) => files.push(f),
            Err(e) => corpus.errors.push(e),
        }
    }
    let total = files.len();
    let done = AtomicUsize::new(0);
    progress(0, total);
    let results: Vec<Vec<Result<Analysis, IngestError>>> = files
        .par_iter()
        .map(|f| {
            if cancel.load(Ordering::Relaxed) {
                return Vec::new();
            }
            let out = contain(
                || (f.path.display().to_string(), f.path.display().to_string()),
                || ingest::read_listed(f),
            )
            .unwrap_or_else(|e| vec![Err(e)])
            .into_iter()
            .map(|r| r.and_then(analyze_contained))
            .collect();
            progress(done.fetch_add(1, Ordering::Relaxed) + 1, total);
            out
        })
        .collect();
    let mut analyses = Vec::new();
    for r in results.into_iter().flatten() {
        match r {
            Ok(a) => analyses.push(a),
            Err(e) => corpus.errors.push(e),
        }
    }
    corpus.extend_unique(analyses);
    let analysed_at = Instant::now();
    corpus.link();
    corpus.timings.listing = listed_at - start;
    corpus.timings.analysis = analysed_at - listed_at;
    release_free_memory();
    corpus
}

/// Analyses one article with any panic contained: a bug that shows on one
/// article becomes that article's [`IngestError::Internal`], reported like an
/// unreadable file, and the rest of the batch goes on.
pub fn analyze_contained(article: Article) -> Result<Analysis, IngestError> {
    let what = article_label(&article);
    analyze_contained_as(article, what)
}

/// The time one article's analysis may take in [`analyze_contained`]
/// before it is given up as [`IngestError::TooComplex`]: a normal article
/// takes milliseconds, so only pathological input reaches it.
pub const ANALYSIS_BUDGET: Duration = Duration::from_secs(2);

/// [`analyze_contained`] with the article named `what` in the error (a
/// stream names its records by line: `-: line 7`), within [`ANALYSIS_BUDGET`].
pub fn analyze_contained_as(article: Article, what: String) -> Result<Analysis, IngestError> {
    analyze_contained_within(article, what, ANALYSIS_BUDGET)
}

/// [`analyze_contained_as`] with a time budget of its own: an analysis that
/// runs past `budget` is given up and reported as [`IngestError::TooComplex`].
pub fn analyze_contained_within(
    article: Article,
    what: String,
    budget: Duration,
) -> Result<Analysis, IngestError> {
    let path = article.path.clone();
    // the lexicons and the syntax model are loaded once, for every article:
    // their loading (a second or more in a debug build on a busy machine)
    // is no part of one article's budget
    std::sync::LazyLock::force(&crate::extract::lexicon::LEXICON);
    std::sync::LazyLock::force(&crate::extract::dictionaries::DICTIONARIES);
    std::sync::LazyLock::force(&crate::extract::gazetteer::GAZETTEER);
    let _ = crate::nlp::syntax::default_model();
    let deadline = Instant::now().checked_add(budget);
    let result = contain(
        || (path.clone(), what.clone()),
        || {
            inject_fault(&article.text);
            match deadline {
                Some(deadline) => analyze_within(article, deadline),
                None => Ok(analyze(article)),
            }
        },
    )?;
    result.map_err(|DeadlinePassed| IngestError::TooComplex {
        path,
        what,
        seconds: budget.as_secs(),
    })
}

/// Name of the environment variable that makes the analysis panic on
/// articles containing its value, in debug builds only: how the tests show
/// that a panic stays with its article (release builds ignore it).
pub const FAULT_INJECTION_VAR: &str = "TENSION_TIMELINE_TEST_PANIC_ON";

/// Panics when the text contains the value of [`FAULT_INJECTION_VAR`]
/// (debug builds only).
fn inject_fault(text: &str) {
    if cfg!(debug_assertions)
        && let Some(marker) = std::env::var_os(FAULT_INJECTION_VAR)
        && let Some(marker) = marker.to_str()
        && !marker.is_empty()
        && text.contains(marker)
    {
        panic!("fault injected for the tests ({marker:?})");
    }
}

/// How an article is named in messages: its path, and its record id when
/// the file holds several (`feed.jsonl (feed.jsonl#3)`).
pub fn article_label(article: &Article) -> String {
    if article.id == article.file_name {
        article.path.clone()
    } else {
        format!("{} ({})", article.path, article.id)
    }
}

/// Runs `f`, turning a panic into an [`IngestError::Internal`];
/// `names` gives the file's path and how messages name the article.
pub fn contain<T>(
    names: impl FnOnce() -> (String, String),
    f: impl FnOnce() -> T,
) -> Result<T, IngestError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|payload| {
        let (path, what) = names();
        IngestError::Internal {
            path,
            what,
            message: panic_message(payload.as_ref()),
        }
    })
}

/// The message of a panic payload (`panic!("...")` gives a `&str` or a `String`).
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic".to_string()
    }
}

/// Gives the memory freed by the analysis back to the system when the
/// process uses glibc's allocator (the library's tests and benchmarks):
/// parallel analysis leaves its heaps full of freed temporaries that it keeps
/// otherwise. The binary's allocator, mimalloc, returns its own.
pub fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns unused pages of the allocator's heaps.
    unsafe {
        libc::malloc_trim(0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loads_good_files_and_reports_bad_ones() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("a.txt"),
            " date 2021-12-04 Title\n\nBiden met Putin on Friday.",
        )
        .unwrap();
        std::fs::write(dir.path().join("b.txt"), " date 2021-13-45 Bad\n\nText.").unwrap();
        std::fs::write(
            dir.path().join("c.json"),
            "[{\"text\": \"One.\"}, {\"text\": \"Two.\"}]",
        )
        .unwrap();
        std::fs::write(dir.path().join("skip.bin"), [0u8, 1, 2]).unwrap();
        let calls = AtomicUsize::new(0);
        let started = Instant::now();
        let corpus = load_paths(
            &[dir.path().to_path_buf(), PathBuf::from("/nope")],
            &|_, _| {
                calls.fetch_add(1, Ordering::Relaxed);
            },
            &AtomicBool::new(false),
        );
        let ids: Vec<&str> = corpus
            .analyses
            .iter()
            .map(|a| a.article.id.as_str())
            .collect();
        assert_eq!(ids, vec!["a.txt", "c.json#1", "c.json#2"]);
        assert_eq!(corpus.errors.len(), 2);
        assert!(corpus.errors[0].to_string().contains("/nope"));
        assert!(corpus.errors[1].to_string().contains("b.txt"));
        assert_eq!(calls.load(Ordering::Relaxed), 4);
        // the stages are timed, and they happen within the call
        let t = corpus.timings;
        assert!(
            t.analysis > Duration::ZERO && t.merging > Duration::ZERO,
            "{t}"
        );
        assert!(t.total() <= started.elapsed(), "{t}");
        assert!(t.to_string().starts_with("listing "), "{t}");
    }

    #[test]
    fn a_panic_becomes_the_error_of_its_article() {
        let e = contain(
            || ("feed.jsonl".into(), "feed.jsonl (feed.jsonl#3)".into()),
            || -> usize { panic!("index out of bounds") },
        )
        .unwrap_err();
        assert_eq!(e.path(), "feed.jsonl");
        assert_eq!(
            e.to_string(),
            "feed.jsonl (feed.jsonl#3): internal error while analysing: index out of bounds"
        );
        let owned = contain(
            || (String::new(), String::new()),
            || -> u8 { panic!("{} of {}", 1, 2) },
        );
        assert!(owned.unwrap_err().to_string().ends_with("1 of 2"));
        assert_eq!(contain(|| (String::new(), String::new()), || 7).unwrap(), 7);
    }

    #[test]
    fn duplicate_ids_are_made_unique() {
        let a = |t: &str| {
            analyze(
                ingest::read_bytes(&ingest::Source::new("x/a.txt"), t.as_bytes())
                    .remove(0)
                    .unwrap(),
            )
        };
        let mut c = Corpus::default();
        c.extend(vec![a("One."), a("Two.")]);
        c.extend(vec![a("Three.")]);
        let ids: Vec<&str> = c.analyses.iter().map(|a| a.article.id.as_str()).collect();
        assert_eq!(ids, vec!["a.txt", "a.txt~2", "a.txt~3"]);
    }
}
