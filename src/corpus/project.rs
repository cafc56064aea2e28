//! The analyst's project: one SQLite file (`.ttproj`) holding the articles
//! (path, content hash, publication date and its basis), the analyst's
//! corrections as an append-only journal, and view settings.
//!
//! Every correction is committed in its own transaction the moment it is
//! made, in WAL mode with full synchronisation, so a crash or `kill -9`
//! loses nothing the analyst did. Corrections are keyed to the text they
//! concern (article content hash + evidence span + event type), not to
//! extraction ids, so re-extraction with improved rules keeps them: a key
//! finds the event of that type whose evidence overlaps the span most.
//! The schema has a version and migrations; the whole project exports to
//! JSON and imports back.

use super::Corpus;
use crate::Span;
use crate::extract::{Modality, PloverType};
use crate::ingest::DateSource;
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = 1;

/// Errors of the project file.
#[derive(Debug, thiserror::Error)]
pub enum ProjectError {
    /// SQLite refused (the file is not a project, is locked, or is damaged).
    #[error("{path}: {source}")]
    Sqlite {
        /// The project file.
        path: String,
        /// The underlying error.
        source: rusqlite::Error,
    },
    /// A project written by a newer version of the program.
    #[error("{path}: schema version {found} is newer than this program's ({SCHEMA_VERSION})")]
    TooNew {
        /// The project file.
        path: String,
        /// Its schema version.
        found: i64,
    },
    /// The file could not be written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// A JSON export that does not parse.
    #[error("{path}: invalid project JSON: {reason}")]
    Json {
        /// The file.
        path: String,
        /// What is wrong.
        reason: String,
    },
}

/// What a correction is about: an event mention, found by its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventKey {
    /// SHA-256 (hex) of the article text.
    pub article_hash: String,
    /// The evidence span when the correction was made.
    pub span: Span,
    /// The event type when the correction was made.
    #[serde(rename = "type")]
    pub event_type: PloverType,
}

impl EventKey {
    /// The key of an event in the article whose text hashes to `article_hash`.
    pub fn of(article_hash: &str, e: &crate::extract::Event) -> EventKey {
        EventKey {
            article_hash: article_hash.to_string(),
            span: e.span,
            event_type: e.event_type,
        }
    }
}

/// One change the analyst made.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum Correction {
    /// The event is right.
    Accept {
        /// Which event.
        key: EventKey,
    },
    /// The event is wrong: hide it.
    Reject {
        /// Which event.
        key: EventKey,
    },
    /// Change the type (and mode).
    SetType {
        /// Which event.
        key: EventKey,
        /// The new type.
        to: PloverType,
        /// The new mode ("" for the base type).
        mode: String,
    },
    /// Change the actors (codes).
    SetActors {
        /// Which event.
        key: EventKey,
        /// Source codes.
        source: Vec<String>,
        /// Target codes.
        target: Vec<String>,
    },
    /// Change the date (a TIMEX3 calendar value).
    SetDate {
        /// Which event.
        key: EventKey,
        /// The new value (`2021-12-07`, `2021-12`, `2021`).
        value: String,
    },
    /// Change the modality.
    SetModality {
        /// Which event.
        key: EventKey,
        /// The new modality.
        to: Modality,
    },
    /// An event the rules missed, marked on the text.
    AddEvent {
        /// The article (hash) and the selected span; `event_type` is the new event's type.
        key: EventKey,
        /// Source codes.
        source: Vec<String>,
        /// Target codes.
        target: Vec<String>,
        /// Date value, if known.
        date: Option<String>,
        /// Modality.
        modality: Modality,
    },
    /// Put two events into one merged event.
    Merge {
        /// One event.
        key: EventKey,
        /// The other.
        other: EventKey,
    },
    /// Take an event out of its merged event.
    Split {
        /// Which event.
        key: EventKey,
    },
    /// Set an article's publication date.
    SetPublished {
        /// SHA-256 of the article text.
        article_hash: String,
        /// The date.
        date: NaiveDate,
    },
    /// Undo the journal entry with this sequence number.
    Undo {
        /// Sequence number of the entry undone.
        seq: i64,
    },
    /// Redo an undone entry.
    Redo {
        /// Sequence number of the entry redone.
        seq: i64,
    },
}

/// A journal entry: a correction with its sequence number and time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JournalEntry {
    /// Order in the journal (1, 2, ...).
    pub seq: i64,
    /// When it was made (RFC 3339).
    pub at: String,
    /// What it was.
    pub correction: Correction,
}

/// An article as the project remembers it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProjectArticle {
    /// Its path when it was added.
    pub path: String,
    /// SHA-256 of its text.
    pub content_hash: String,
    /// Its publication date, if known.
    pub published: Option<NaiveDate>,
    /// Where that date came from.
    pub published_source: DateSource,
}

/// The whole project as JSON, for interchange.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProjectExport {
    /// [`SCHEMA_VERSION`] of the export.
    pub schema_version: i64,
    /// The articles.
    pub articles: Vec<ProjectArticle>,
    /// The journal, in order.
    pub journal: Vec<JournalEntry>,
    /// View settings (filters, layout) as the GUI stores them.
    pub view: serde_json::Value,
}

/// SHA-256 (hex) of an article text.
pub fn content_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// An open project file.
pub struct Project {
    conn: Connection,
    path: PathBuf,
}

impl Project {
    fn err(&self, source: rusqlite::Error) -> ProjectError {
        ProjectError::Sqlite {
            path: self.path.display().to_string(),
            source,
        }
    }

    /// Opens (creating if needed) a project file, migrating an older schema.
    pub fn open(path: &Path) -> Result<Project, ProjectError> {
        let wrap = |source| ProjectError::Sqlite {
            path: path.display().to_string(),
            source,
        };
        let conn = Connection::open(path).map_err(wrap)?;
        conn.execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;",
        )
        .map_err(wrap)?;
        let p = Project {
            conn,
            path: path.to_path_buf(),
        };
        p.migrate()?;
        Ok(p)
    }

    /// Writes a consistent copy of the project to `path` (through a
    /// temporary file beside it, renamed into place) and opens the copy.
    pub fn save_as(&self, path: &Path) -> Result<Project, ProjectError> {
        if path == self.path {
            return Project::open(path);
        }
        let io = |e: std::io::Error| ProjectError::Io {
            path: path.display().to_string(),
            source: e,
        };
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        let tmp = tempfile::Builder::new()
            .prefix(".ttproj-")
            .tempfile_in(dir)
            .map_err(io)?;
        self.conn
            .execute("VACUUM INTO ?1", params![tmp.path().to_string_lossy()])
            .map_err(|e| self.err(e))?;
        tmp.persist(path).map_err(|e| io(e.error))?;
        Project::open(path)
    }

    /// The file this project lives in.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn migrate(&self) -> Result<(), ProjectError> {
        self.conn
            .execute_batch(
                "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);",
            )
            .map_err(|e| self.err(e))?;
        let version: i64 = self
            .conn
            .query_row(
                "SELECT value FROM meta WHERE key = 'schema_version'",
                [],
                |r| r.get::<_, String>(0),
            )
            .optional()
            .map_err(|e| self.err(e))?
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        if version > SCHEMA_VERSION {
            return Err(ProjectError::TooNew {
                path: self.path.display().to_string(),
                found: version,
            });
        }
        // Migrations, one per version step.
        if version < 1 {
            self.conn
                .execute_batch(
                    "BEGIN;
                     CREATE TABLE IF NOT EXISTS articles (
                         path TEXT PRIMARY KEY,
                         content_hash TEXT NOT NULL,
                         published TEXT,
                         published_source TEXT NOT NULL);
                     CREATE TABLE IF NOT EXISTS journal (
                         seq INTEGER PRIMARY KEY AUTOINCREMENT,
                         at TEXT NOT NULL,
                         correction TEXT NOT NULL);
                     CREATE TABLE IF NOT EXISTS view (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                     INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', '1');
                     COMMIT;",
                )
                .map_err(|e| self.err(e))?;
        }
        Ok(())
    }

    /// Records the articles of a corpus (path, hash, date), replacing older records.
    pub fn save_articles(&mut self, corpus: &Corpus) -> Result<(), ProjectError> {
        let hashes = crate::corpus::corrections::article_hashes(corpus);
        self.save_articles_hashed(corpus, &hashes)
    }

    /// [`Project::save_articles`] with the texts' hashes already computed,
    /// one per article in corpus order.
    pub fn save_articles_hashed(
        &mut self,
        corpus: &Corpus,
        hashes: &[String],
    ) -> Result<(), ProjectError> {
        let tx = self.conn.transaction().map_err(|e| ProjectError::Sqlite {
            path: self.path.display().to_string(),
            source: e,
        })?;
        {
            let sqlite = |e| ProjectError::Sqlite {
                path: self.path.display().to_string(),
                source: e,
            };
            let mut insert = tx
                .prepare_cached(
                    "INSERT OR REPLACE INTO articles (path, content_hash, published, published_source) VALUES (?1, ?2, ?3, ?4)",
                )
                .map_err(sqlite)?;
            for (a, hash) in corpus.analyses.iter().zip(hashes) {
                let source = serde_json::to_value(a.article.published_source)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default();
                insert
                    .execute(params![
                        a.article.path,
                        hash,
                        a.article.published.map(|d| d.to_string()),
                        source
                    ])
                    .map_err(sqlite)?;
            }
        }
        tx.commit().map_err(|e| ProjectError::Sqlite {
            path: self.path.display().to_string(),
            source: e,
        })
    }

    /// The articles the project remembers.
    pub fn articles(&self) -> Result<Vec<ProjectArticle>, ProjectError> {
        let mut stmt = self
            .conn
            .prepare("SELECT path, content_hash, published, published_source FROM articles ORDER BY path")
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, String>(3)?,
                ))
            })
            .map_err(|e| self.err(e))?;
        let mut out = Vec::new();
        for row in rows {
            let (path, content_hash, published, source) = row.map_err(|e| self.err(e))?;
            out.push(ProjectArticle {
                path,
                content_hash,
                published: published.and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()),
                published_source: serde_json::from_value(serde_json::Value::String(source))
                    .unwrap_or(DateSource::Unknown),
            });
        }
        Ok(out)
    }

    /// Appends a correction to the journal in its own committed transaction
    /// and returns its sequence number.
    pub fn record(&mut self, c: &Correction) -> Result<i64, ProjectError> {
        let json = serde_json::to_string(c).expect("corrections serialise");
        let at = chrono::Utc::now().to_rfc3339();
        self.conn
            .execute(
                "INSERT INTO journal (at, correction) VALUES (?1, ?2)",
                params![at, json],
            )
            .map_err(|e| self.err(e))?;
        Ok(self.conn.last_insert_rowid())
    }

    /// The journal, in order.
    pub fn journal(&self) -> Result<Vec<JournalEntry>, ProjectError> {
        let mut stmt = self
            .conn
            .prepare("SELECT seq, at, correction FROM journal ORDER BY seq")
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                ))
            })
            .map_err(|e| self.err(e))?;
        let mut out = Vec::new();
        for row in rows {
            let (seq, at, json) = row.map_err(|e| self.err(e))?;
            if let Ok(correction) = serde_json::from_str(&json) {
                out.push(JournalEntry {
                    seq,
                    at,
                    correction,
                });
            }
        }
        Ok(out)
    }

    /// Stores a view setting (JSON).
    pub fn set_view(&mut self, key: &str, value: &serde_json::Value) -> Result<(), ProjectError> {
        self.conn
            .execute(
                "INSERT OR REPLACE INTO view (key, value) VALUES (?1, ?2)",
                params![key, value.to_string()],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// All view settings as one JSON object.
    pub fn view(&self) -> Result<serde_json::Value, ProjectError> {
        let mut stmt = self
            .conn
            .prepare("SELECT key, value FROM view")
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
            .map_err(|e| self.err(e))?;
        let mut map = serde_json::Map::new();
        for row in rows {
            let (k, v) = row.map_err(|e| self.err(e))?;
            map.insert(
                k,
                serde_json::from_str(&v).unwrap_or(serde_json::Value::String(v)),
            );
        }
        Ok(serde_json::Value::Object(map))
    }

    /// The whole project as JSON.
    pub fn export(&self) -> Result<ProjectExport, ProjectError> {
        Ok(ProjectExport {
            schema_version: SCHEMA_VERSION,
            articles: self.articles()?,
            journal: self.journal()?,
            view: self.view()?,
        })
    }

    /// Creates a project file from a JSON export (the file must not exist).
    pub fn import(path: &Path, export: &ProjectExport) -> Result<Project, ProjectError> {
        let mut p = Project::open(path)?;
        let wrap = |source| ProjectError::Sqlite {
            path: path.display().to_string(),
            source,
        };
        let tx = p.conn.transaction().map_err(wrap)?;
        for a in &export.articles {
            let source = serde_json::to_value(a.published_source)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            tx.execute(
                "INSERT OR REPLACE INTO articles (path, content_hash, published, published_source) VALUES (?1, ?2, ?3, ?4)",
                params![a.path, a.content_hash, a.published.map(|d| d.to_string()), source],
            )
            .map_err(wrap)?;
        }
        for j in &export.journal {
            tx.execute(
                "INSERT INTO journal (seq, at, correction) VALUES (?1, ?2, ?3)",
                params![
                    j.seq,
                    j.at,
                    serde_json::to_string(&j.correction).expect("serialises")
                ],
            )
            .map_err(wrap)?;
        }
        if let serde_json::Value::Object(map) = &export.view {
            for (k, v) in map {
                tx.execute(
                    "INSERT OR REPLACE INTO view (key, value) VALUES (?1, ?2)",
                    params![k, v.to_string()],
                )
                .map_err(wrap)?;
            }
        }
        tx.commit().map_err(wrap)?;
        Ok(p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn journal_round_trip_and_undo() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.ttproj");
        let key = EventKey {
            article_hash: content_hash("text"),
            span: (1, 5),
            event_type: PloverType::Consult,
        };
        {
            let mut p = Project::open(&path).unwrap();
            p.record(&Correction::Reject { key: key.clone() }).unwrap();
            let seq = p
                .record(&Correction::SetModality {
                    key: key.clone(),
                    to: Modality::Planned,
                })
                .unwrap();
            p.record(&Correction::Undo { seq }).unwrap();
            p.set_view("filters", &serde_json::json!({"actor": "RUS"}))
                .unwrap();
        }
        let p = Project::open(&path).unwrap();
        let j = p.journal().unwrap();
        assert_eq!(j.len(), 3);
        let eff = crate::corpus::corrections::effective(&j);
        assert_eq!(eff, vec![&Correction::Reject { key }]);
        assert_eq!(p.view().unwrap()["filters"]["actor"], "RUS");
        let export = p.export().unwrap();
        let again = Project::import(&dir.path().join("q.ttproj"), &export).unwrap();
        assert_eq!(again.export().unwrap(), export);
    }

    #[test]
    fn not_a_project_is_an_error_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("junk.ttproj");
        std::fs::write(
            &path,
            b"this is not sqlite at all, just some text that is long enough",
        )
        .unwrap();
        let err = Project::open(&path).err().expect("an error").to_string();
        assert!(err.contains("junk.ttproj"), "{err}");
    }
}
