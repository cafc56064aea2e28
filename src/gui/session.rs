//! The analyst's session: the open project (SQLite), its journal of
//! corrections, and what is needed to apply them to the corpus and take
//! them back (undo) without analysing every article again.
//!
//! Every correction is recorded in the project, in its own transaction,
//! before it shows. A session starts untitled, in memory; the first
//! correction moves it to a recovery file in the application's data folder
//! (when there is one), so a crash loses nothing even before the analyst
//! names the project with File > Save project as….

use crate::corpus::Corpus;
use crate::corpus::corrections::{
    apply_events, article_hashes, effective, hash_index, published_dates, redate, touched_articles,
    undo_redo_targets,
};
use crate::corpus::project::{Correction, JournalEntry, Project, ProjectArticle, ProjectError};
use crate::extract::{Analysis, Event};
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

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
}

impl Session {
    /// An untitled session; its recovery file will go under `recovery_dir`.
    pub fn untitled(recovery_dir: Option<PathBuf>) -> Session {
        Session {
            project: Project::open(Path::new(":memory:")).expect("an in-memory database opens"),
            named: false,
            recovery_dir,
            journal: Vec::new(),
            targets: (None, None),
            hashes: Vec::new(),
            index: HashMap::new(),
            pristine: HashMap::new(),
            original: HashMap::new(),
            applied_dates: BTreeMap::new(),
        }
    }

    /// Opens a project file; returns the session and the articles it lists.
    pub fn open(
        path: &Path,
        recovery_dir: Option<PathBuf>,
    ) -> Result<(Session, Vec<ProjectArticle>), ProjectError> {
        let project = Project::open(path)?;
        let journal = project.journal()?;
        let articles = project.articles()?;
        let mut s = Session::untitled(recovery_dir);
        s.project = project;
        s.named = true;
        s.targets = undo_redo_targets(&journal);
        s.journal = journal;
        Ok((s, articles))
    }

    /// The project file, if it has one (untitled in-memory sessions have none).
    pub fn path(&self) -> Option<&Path> {
        (self.project.path() != Path::new(":memory:")).then(|| self.project.path())
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

    /// Writes the project to `path` and continues there.
    pub fn save_as(&mut self, path: &Path, corpus: &Corpus) -> Result<(), ProjectError> {
        self.project.save_articles_hashed(corpus, &self.hashes)?;
        self.project = self.project.save_as(path)?;
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
        self.project.save_articles_hashed(corpus, &self.hashes)?;
        self.project = self.project.save_as(&dir.join(name))?;
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
            self.applied_dates = dates;
        }
        for ai in touched_articles(&active, &self.index) {
            self.pristine.insert(ai, corpus.analyses[ai].events.clone());
        }
        apply_events(corpus, &active, &self.index);
    }
}
