//! The analyst's session: the open project (SQLite), its journal of
//! corrections, and what is needed to apply them to the corpus and take
//! them back (undo) without analysing every article again.
//!
//! Every correction is recorded in the project, in its own transaction,
//! before it shows. A session starts untitled, in memory; the first
//! correction moves it to a recovery file in the application's data folder
//! (when there is one), so a crash loses nothing even before the analyst
//! names the project with File > Save project as…. View settings (the
//! filters) are not worth a synchronous commit per keystroke: they are
//! kept in memory and written once they have not changed for
//! [`VIEW_SAVE_DELAY`], when the project is saved or closed, and on exit.

use crate::corpus::Corpus;
use crate::corpus::corrections::{
    apply_events, article_hashes, effective, hash_index, published_dates, redate, touched_articles,
    undo_redo_targets,
};
use crate::corpus::project::{ArticleFile, Correction, JournalEntry, Project, ProjectError};
use crate::extract::{Analysis, Event};
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How long view settings must stay unchanged before they are written.
pub const VIEW_SAVE_DELAY: Duration = Duration::from_secs(1);

/// The open project and the corrections in effect.
pub struct Session {
    project: Project,
    /// Whether the project has a file the analyst chose (else it is untitled).
    named: bool,
    /// Where an untitled project is kept once it has corrections.
    recovery_dir: Option<PathBuf>,
    /// The journal as recorded (a mirror of the project's).
    journal: Vec<JournalEntry>,
    /// What Undo and Redo act on (kept with the journal, not recomputed per frame).
    targets: (Option<i64>, Option<i64>),
    /// The hash of each article's text, in corpus order.
    hashes: Vec<String>,
    /// Article index by text hash.
    index: HashMap<String, usize>,
    /// Events of corrected articles as they were before any correction.
    pristine: HashMap<usize, Vec<Event>>,
    /// Analyses of articles whose publication date the analyst set, as before.
    original: HashMap<usize, Analysis>,
    /// The publication dates in effect at the last link.
    applied_dates: BTreeMap<usize, NaiveDate>,
    /// Each event's merged-event label as the last link gave it, per
    /// article: corrections relabel every article's events, so undoing one
    /// puts every label back, not only the corrected article's.
    linked_clusters: Vec<Vec<Option<String>>>,
    /// View settings not yet written, and when they last changed.
    pending_view: BTreeMap<String, serde_json::Value>,
    view_changed: Option<Instant>,
}

impl Session {
    /// An untitled session; its recovery file will go under `recovery_dir`.
    pub fn untitled(recovery_dir: Option<PathBuf>) -> Session {
        Session {
            project: Project::in_memory().expect("an in-memory database opens"),
            named: false,
            recovery_dir,
            journal: Vec::new(),
            targets: (None, None),
            hashes: Vec::new(),
            index: HashMap::new(),
            pristine: HashMap::new(),
            original: HashMap::new(),
            applied_dates: BTreeMap::new(),
            linked_clusters: Vec::new(),
            pending_view: BTreeMap::new(),
            view_changed: None,
        }
    }

    /// Opens a project file (locking it); returns the session and the
    /// files of the articles it lists, resolved against its folder, to be
    /// shown to the user before they are read.
    pub fn open(
        path: &Path,
        recovery_dir: Option<PathBuf>,
    ) -> Result<(Session, Vec<ArticleFile>), ProjectError> {
        let project = Project::open(path)?;
        let journal = project.journal()?;
        let articles = project.article_files()?;
        let mut s = Session::untitled(recovery_dir);
        s.project = project;
        s.named = true;
        s.targets = undo_redo_targets(&journal);
        s.journal = journal;
        Ok((s, articles))
    }

    /// Notes a change of a view setting; it is written by
    /// [`Session::save_view_when_idle`] or [`Session::save_view`].
    pub fn view_changed(&mut self, key: &str, value: serde_json::Value) {
        self.pending_view.insert(key.to_string(), value);
        self.view_changed = Some(Instant::now());
    }

    /// Writes the pending view settings if they have not changed for
    /// [`VIEW_SAVE_DELAY`]; else returns how long to wait.
    pub fn save_view_when_idle(&mut self) -> Option<Duration> {
        let since = self.view_changed?.elapsed();
        if since < VIEW_SAVE_DELAY {
            return Some(VIEW_SAVE_DELAY - since);
        }
        let _ = self.save_view();
        None
    }

    /// Whether view settings wait to be written.
    pub fn view_pending(&self) -> bool {
        !self.pending_view.is_empty()
    }

    /// Writes the pending view settings now.
    pub fn save_view(&mut self) -> Result<(), ProjectError> {
        self.view_changed = None;
        for (k, v) in std::mem::take(&mut self.pending_view) {
            self.project.set_view(&k, &v)?;
        }
        Ok(())
    }

    /// The project file, if it has one (untitled in-memory sessions have none).
    pub fn path(&self) -> Option<&Path> {
        (self.project.path() != Path::new(":memory:")).then(|| self.project.path())
    }

    /// The folder the project's relative article paths are relative to.
    pub fn project_dir(&self) -> Option<&Path> {
        self.project.dir()
    }

    /// Where untitled projects are kept.
    pub fn recovery_dir(&self) -> Option<&Path> {
        self.recovery_dir.as_deref()
    }

    /// Whether the analyst has named the project.
    pub fn is_named(&self) -> bool {
        self.named
    }

    /// The journal, in order.
    pub fn journal(&self) -> &[JournalEntry] {
        &self.journal
    }

    /// Number of corrections in effect.
    pub fn corrections(&self) -> usize {
        effective(&self.journal).len()
    }

    /// Whether there is something to undo, and to redo.
    pub fn can_undo_redo(&self) -> (bool, bool) {
        (self.targets.0.is_some(), self.targets.1.is_some())
    }

    /// The hash of article `ai`'s text (what corrections are keyed to).
    pub fn hash_of(&self, ai: usize) -> Option<&str> {
        self.hashes.get(ai).map(String::as_str)
    }

    /// The project itself (for exports and view settings).
    pub fn project_mut(&mut self) -> &mut Project {
        &mut self.project
    }

    /// Writes the project to `path` and continues there (saving to the
    /// project's own file records the articles and the view).
    pub fn save_as(&mut self, path: &Path, corpus: &Corpus) -> Result<(), ProjectError> {
        self.save_view()?;
        self.project.save_articles_hashed(corpus, &self.hashes)?;
        let same = self
            .path()
            .is_some_and(|p| p.canonicalize().ok() == path.canonicalize().ok());
        if !same {
            self.project = self.project.save_as(path)?;
        }
        self.named = true;
        Ok(())
    }

    /// Records a correction (committed before this returns) and applies it.
    pub fn record(&mut self, corpus: &mut Corpus, c: Correction) -> Result<(), ProjectError> {
        self.ensure_file(corpus)?;
        let seq = self.project.record(&c)?;
        self.journal.push(JournalEntry {
            seq,
            at: chrono::Utc::now().to_rfc3339(),
            correction: c,
        });
        self.targets = undo_redo_targets(&self.journal);
        self.reapply(corpus);
        Ok(())
    }

    /// Undoes the latest correction in effect; false if there is none.
    pub fn undo(&mut self, corpus: &mut Corpus) -> Result<bool, ProjectError> {
        match self.targets.0 {
            Some(seq) => self.record(corpus, Correction::Undo { seq }).map(|()| true),
            None => Ok(false),
        }
    }

    /// Redoes the latest undone correction; false if there is none.
    pub fn redo(&mut self, corpus: &mut Corpus) -> Result<bool, ProjectError> {
        match self.targets.1 {
            Some(seq) => self.record(corpus, Correction::Redo { seq }).map(|()| true),
            None => Ok(false),
        }
    }

    /// An untitled session gets its recovery file before its first correction.
    fn ensure_file(&mut self, corpus: &Corpus) -> Result<(), ProjectError> {
        if self.path().is_some() {
            return Ok(());
        }
        let Some(dir) = &self.recovery_dir else {
            return Ok(());
        };
        std::fs::create_dir_all(dir).map_err(|e| ProjectError::Io {
            path: dir.display().to_string(),
            source: e,
        })?;
        let name = format!(
            "untitled-{}.ttproj",
            chrono::Local::now().format("%Y%m%d-%H%M%S")
        );
        // created explicitly: a new file (save_as refuses none), never an
        // existing one opened by accident
        let path = dir.join(name);
        if path.exists() {
            return Err(ProjectError::Exists {
                path: path.display().to_string(),
            });
        }
        self.save_view()?;
        self.project.save_articles_hashed(corpus, &self.hashes)?;
        self.project = self.project.save_as(&path)?;
        Ok(())
    }

    /// Puts every corrected article back as it was extracted.
    pub fn restore(&mut self, corpus: &mut Corpus) {
        for (ai, events) in self.pristine.drain() {
            if let Some(a) = corpus.analyses.get_mut(ai) {
                a.events = events;
            }
        }
        for (ai, original) in self.original.drain() {
            if let Some(a) = corpus.analyses.get_mut(ai) {
                *a = original;
            }
        }
        self.applied_dates.clear();
    }

    /// After articles were added and the corpus linked (with [`Session::restore`]
    /// called before): records the articles in the project and applies the
    /// journal to them.
    pub fn corpus_changed(&mut self, corpus: &mut Corpus) -> Result<(), ProjectError> {
        self.hashes = article_hashes(corpus);
        self.index = hash_index(&self.hashes);
        self.pristine.clear();
        self.original.clear();
        self.applied_dates.clear();
        self.linked_clusters = cluster_labels(corpus);
        self.reapply(corpus);
        self.project.save_articles_hashed(corpus, &self.hashes)
    }

    /// Brings the corpus in line with the journal: puts corrected articles
    /// back, sets the analyst's publication dates (re-linking when they
    /// changed), then applies the event corrections.
    fn reapply(&mut self, corpus: &mut Corpus) {
        let active = effective(&self.journal);
        let dates = published_dates(&active, &self.index);
        if active.is_empty() && self.pristine.is_empty() && self.original.is_empty() {
            // nothing corrected, nothing to put back: the links are current
            return;
        }
        for (ai, events) in self.pristine.drain() {
            corpus.analyses[ai].events = events;
        }
        if dates != self.applied_dates {
            for (ai, original) in self.original.drain() {
                corpus.analyses[ai] = original;
            }
            for (&ai, &date) in &dates {
                self.original.insert(ai, corpus.analyses[ai].clone());
                redate(&mut corpus.analyses[ai], date);
            }
            corpus.link();
            self.linked_clusters = cluster_labels(corpus);
            self.applied_dates = dates;
        }
        // every article's events back under the labels of the last link
        for (a, labels) in corpus.analyses.iter_mut().zip(&self.linked_clusters) {
            if a.events.len() == labels.len() {
                for (e, l) in a.events.iter_mut().zip(labels) {
                    e.cluster.clone_from(l);
                }
            }
        }
        let mut touched = touched_articles(&active, &self.index);
        touched.extend(merged_articles(corpus, &active, &self.index));
        for ai in touched {
            self.pristine.insert(ai, corpus.analyses[ai].events.clone());
        }
        apply_events(corpus, &active, &self.index);
    }
}

/// The articles whose events a merge in effect may relabel (and note as
/// merged): every article with an event in the merged event of either
/// side, as last linked, not only the two articles the merge names. Their
/// events are kept as they were, so that undoing the merge puts them back.
fn merged_articles(
    corpus: &Corpus,
    active: &[&Correction],
    index: &HashMap<String, usize>,
) -> std::collections::BTreeSet<usize> {
    let mut labels: std::collections::HashSet<&str> = Default::default();
    for c in active {
        if let Correction::Merge { key, other } = c {
            for k in [key, other] {
                let Some(a) = index
                    .get(&k.article_hash)
                    .and_then(|&ai| corpus.analyses.get(ai))
                else {
                    continue;
                };
                labels.extend(
                    a.events
                        .iter()
                        .filter(|e| e.span == k.span)
                        .filter_map(|e| e.cluster.as_deref()),
                );
            }
        }
    }
    if labels.is_empty() {
        return Default::default();
    }
    corpus
        .analyses
        .iter()
        .enumerate()
        .filter(|(_, a)| {
            a.events
                .iter()
                .any(|e| e.cluster.as_deref().is_some_and(|l| labels.contains(l)))
        })
        .map(|(i, _)| i)
        .collect()
}

/// Each article's events' merged-event labels, in order.
fn cluster_labels(corpus: &Corpus) -> Vec<Vec<Option<String>>> {
    corpus
        .analyses
        .iter()
        .map(|a| a.events.iter().map(|e| e.cluster.clone()).collect())
        .collect()
}

impl Drop for Session {
    /// View settings still pending are written when the session closes.
    fn drop(&mut self) {
        let _ = self.save_view();
    }
}
