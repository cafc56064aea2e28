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
//!
//! Opening is careful: [`Project::open`] never creates a file (that is
//! [`Project::create`]), and before it writes anything it checks that the
//! file is a tension-timeline project: the SQLite header, the
//! [`APPLICATION_ID`] (or, for projects of schema 1 written before it
//! existed, the project's own tables), the schema version, and
//! `PRAGMA quick_check`. An empty, truncated, damaged, foreign or newer
//! file is refused with an error naming the file and what it is, and is
//! left byte for byte as it was. An open project holds an exclusive
//! advisory lock (`flock`) on its file, so a second window or process gets
//! [`ProjectError::Locked`] instead of interleaving its journal.
//!
//! Article paths are stored relative to the project file's folder when
//! they lie under it (so a project folder can be moved or shared), and
//! absolute otherwise; [`Project::article_files`] resolves them and says
//! which lie outside the project's folder, so the caller can ask before
//! reading those.

use super::Corpus;
use crate::Span;
use crate::extract::{Modality, PloverType};
use crate::ingest::DateSource;
use chrono::NaiveDate;
use rusqlite::{Connection, OpenFlags, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::fs::File;
use std::io::Read;
use std::path::{Component, Path, PathBuf};

/// The schema version this build writes.
///
/// 1: articles, journal, view, meta (no application id).
/// 2: the [`APPLICATION_ID`] is set, and relative article paths are
/// relative to the project file's folder.
pub const SCHEMA_VERSION: i64 = 2;

/// The SQLite `application_id` of project files ("TTPJ").
pub const APPLICATION_ID: i32 = 0x5454_504A;

/// The tables every project has.
const TABLES: [&str; 4] = ["meta", "articles", "journal", "view"];

/// Errors of the project file. Every message names the file.
#[derive(Debug, thiserror::Error)]
pub enum ProjectError {
    /// SQLite refused (the disk is full, the file is read-only, ...).
    #[error("{path}: {source}")]
    Sqlite {
        /// The project file.
        path: String,
        /// The underlying error.
        source: rusqlite::Error,
    },
    /// There is no file at that path (opening never creates one).
    #[error("{path}: no such project file")]
    NotFound {
        /// The path asked for.
        path: String,
    },
    /// A file was to be created but one is there already.
    #[error("{path}: already exists; not overwritten")]
    Exists {
        /// The path asked for.
        path: String,
    },
    /// The file is not a tension-timeline project (it was not modified).
    #[error("{path}: not a tension-timeline project: {what}; the file was not modified")]
    NotAProject {
        /// The file.
        path: String,
        /// What it is: "empty file", "not a SQLite database", "a SQLite
        /// database of another application", "damaged: ...".
        what: String,
    },
    /// Another window or process has the project open.
    #[error("{path}: the project is open elsewhere (another window or process)")]
    Locked {
        /// The project file.
        path: String,
    },
    /// A project written by a newer version of the program (not modified).
    #[error(
        "{path}: schema version {found} is newer than this program's ({SCHEMA_VERSION}); \
         update tension-timeline to open it (the file was not modified)"
    )]
    TooNew {
        /// The project file.
        path: String,
        /// Its schema version.
        found: i64,
    },
    /// The file could not be read or written.
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

impl ProjectError {
    fn not_a_project(path: &Path, what: impl Into<String>) -> ProjectError {
        ProjectError::NotAProject {
            path: path.display().to_string(),
            what: what.into(),
        }
    }
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
    /// Its path as stored: relative to the project file's folder when it
    /// lies under it, else absolute (see [`Project::article_files`]).
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

/// An article file of a project, resolved against the project's folder.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleFile {
    /// The article as stored.
    pub article: ProjectArticle,
    /// Where to read it.
    pub path: PathBuf,
    /// Whether it lies outside the project file's folder (reading it needs
    /// the user's consent).
    pub outside: bool,
}

/// An open project file.
pub struct Project {
    // declared before `lock`: the connection closes before the lock's file
    // descriptor, so SQLite's own locks are never released under it
    conn: Connection,
    path: PathBuf,
    /// The project file's folder (none for an in-memory project).
    dir: Option<PathBuf>,
    /// The file, exclusively locked (`flock`) for the project's life; none
    /// for in-memory and read-only projects.
    _lock: Option<File>,
}

/// What the SQLite header of a file says.
struct Header {
    application_id: i32,
}

/// Reads and checks the SQLite header of `file` without SQLite: an empty
/// file, a non-SQLite file and a file shorter than its header says are
/// refused.
fn read_header(path: &Path, file: &mut File) -> Result<Header, ProjectError> {
    let io = |source| ProjectError::Io {
        path: path.display().to_string(),
        source,
    };
    let len = file.metadata().map_err(io)?.len();
    if len == 0 {
        return Err(ProjectError::not_a_project(path, "empty file"));
    }
    let mut head = [0u8; 100];
    let mut got = 0;
    while got < head.len() {
        match file.read(&mut head[got..]).map_err(io)? {
            0 => break,
            n => got += n,
        }
    }
    if got < 16 || &head[..16] != b"SQLite format 3\0" {
        return Err(ProjectError::not_a_project(path, "not a SQLite database"));
    }
    if got < 100 {
        return Err(ProjectError::not_a_project(
            path,
            format!("damaged: truncated ({len} bytes, shorter than the SQLite header)"),
        ));
    }
    let be32 = |at: usize| u32::from_be_bytes([head[at], head[at + 1], head[at + 2], head[at + 3]]);
    let page_size = match u16::from_be_bytes([head[16], head[17]]) {
        1 => 65536u64,
        n => u64::from(n),
    };
    // the page count is valid when the "version valid for" number matches
    // the change counter (SQLite 3.7.0 and later)
    let pages = u64::from(be32(28));
    if be32(92) == be32(24) && pages > 0 && page_size >= 512 && len < pages * page_size {
        return Err(ProjectError::not_a_project(
            path,
            format!(
                "damaged: truncated ({len} bytes, the header says {} pages of {page_size} bytes)",
                pages
            ),
        ));
    }
    Ok(Header {
        application_id: be32(68) as i32,
    })
}

/// A `file:` URI for SQLite, with the bytes that URIs reserve escaped.
fn file_uri(path: &Path, query: &str) -> String {
    use std::fmt::Write;
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut uri = String::from("file:");
    for b in abs.to_string_lossy().bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            uri.push(b as char);
        } else {
            let _ = write!(uri, "%{b:02X}");
        }
    }
    uri.push('?');
    uri.push_str(query);
    uri
}

/// `path` made absolute (against the working folder) and with `.` and
/// `..` resolved lexically: the form [`Project::article_files`] gives, to
/// compare paths given on the command line with a project's.
pub fn normalize(path: &Path) -> PathBuf {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// `path` relative to `dir` when it lies under it (symbolic links
/// followed when both exist).
fn relative_to(dir: &Path, path: &Path) -> Option<PathBuf> {
    if let (Ok(d), Ok(p)) = (dir.canonicalize(), path.canonicalize()) {
        return p.strip_prefix(&d).ok().map(Path::to_path_buf);
    }
    normalize(path)
        .strip_prefix(normalize(dir))
        .ok()
        .map(Path::to_path_buf)
}

/// The folder of a project file.
fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => normalize(d),
        _ => normalize(Path::new(".")),
    }
}

/// A read-write connection to a checked (or new) project file, in WAL mode
/// with full synchronisation, so that each committed correction survives a
/// crash.
fn connect_for_writing(path: &Path) -> Result<Connection, ProjectError> {
    let wrap = |source| ProjectError::Sqlite {
        path: path.display().to_string(),
        source,
    };
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(wrap)?;
    conn.execute_batch(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;",
    )
    .map_err(wrap)?;
    Ok(conn)
}

impl Project {
    fn err(&self, source: rusqlite::Error) -> ProjectError {
        ProjectError::Sqlite {
            path: self.path.display().to_string(),
            source,
        }
    }

    /// Opens an existing project file for reading and writing, migrating an
    /// older schema, and locks it for as long as the [`Project`] lives.
    ///
    /// Never creates a file ([`ProjectError::NotFound`]; see
    /// [`Project::create`]). Before anything is written, the file must pass
    /// [`Project::check`]; a file that does not is left as it was.
    pub fn open(path: &Path) -> Result<Project, ProjectError> {
        let file = precheck(path)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                return Err(ProjectError::Locked {
                    path: path.display().to_string(),
                });
            }
            Err(std::fs::TryLockError::Error(source)) => {
                return Err(ProjectError::Io {
                    path: path.display().to_string(),
                    source,
                });
            }
        }
        let version = check_schema(path)?;
        let conn = connect_for_writing(path)?;
        let p = Project {
            conn,
            dir: Some(folder_of(path)),
            path: path.to_path_buf(),
            _lock: Some(file),
        };
        p.migrate(version)?;
        Ok(p)
    }

    /// Opens an existing project file for reading only: the same checks as
    /// [`Project::open`], no lock (SQLite gives a consistent snapshot while
    /// another process writes) and no migration; every write fails.
    pub fn open_read_only(path: &Path) -> Result<Project, ProjectError> {
        precheck(path)?;
        check_schema(path)?;
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|source| ProjectError::Sqlite {
            path: path.display().to_string(),
            source,
        })?;
        Ok(Project {
            conn,
            dir: Some(folder_of(path)),
            path: path.to_path_buf(),
            _lock: None,
        })
    }

    /// Checks, without writing anything, that `path` is a project this
    /// program can open; returns its schema version.
    pub fn check(path: &Path) -> Result<i64, ProjectError> {
        precheck(path)?;
        check_schema(path)
    }

    /// Creates a new, empty project file (it must not exist) and opens it.
    pub fn create(path: &Path) -> Result<Project, ProjectError> {
        let file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create_new(true)
            .open(path)
            .map_err(|source| match source.kind() {
                std::io::ErrorKind::AlreadyExists => ProjectError::Exists {
                    path: path.display().to_string(),
                },
                _ => ProjectError::Io {
                    path: path.display().to_string(),
                    source,
                },
            })?;
        let made = (|| {
            file.try_lock().map_err(|_| ProjectError::Locked {
                path: path.display().to_string(),
            })?;
            let conn = connect_for_writing(path)?;
            let p = Project {
                conn,
                dir: Some(folder_of(path)),
                path: path.to_path_buf(),
                _lock: None,
            };
            p.migrate(0)?;
            Ok(p)
        })();
        match made {
            Ok(mut p) => {
                p._lock = Some(file);
                Ok(p)
            }
            Err(e) => {
                drop(file);
                let _ = std::fs::remove_file(path);
                for ext in ["-wal", "-shm"] {
                    let mut side = path.as_os_str().to_owned();
                    side.push(ext);
                    let _ = std::fs::remove_file(side);
                }
                Err(e)
            }
        }
    }

    /// A project in memory (an untitled session before its first
    /// correction); its article paths are stored absolute.
    pub fn in_memory() -> Result<Project, ProjectError> {
        let path = PathBuf::from(":memory:");
        let conn = Connection::open_in_memory().map_err(|source| ProjectError::Sqlite {
            path: path.display().to_string(),
            source,
        })?;
        let p = Project {
            conn,
            path,
            dir: None,
            _lock: None,
        };
        p.migrate(0)?;
        Ok(p)
    }

    /// Writes a consistent copy of the project to a new file at `path`
    /// (through a temporary file beside it, renamed into place), with its
    /// article paths re-based on the new folder, and opens the copy. A file
    /// at `path` is replaced unless another window or process has it open.
    pub fn save_as(&self, path: &Path) -> Result<Project, ProjectError> {
        if self.dir.is_some() && normalize(path) == normalize(&self.path) {
            return Err(ProjectError::Exists {
                path: path.display().to_string(),
            });
        }
        let io = |e: std::io::Error| ProjectError::Io {
            path: path.display().to_string(),
            source: e,
        };
        if let Ok(existing) = File::open(path)
            && let Err(std::fs::TryLockError::WouldBlock) = existing.try_lock()
        {
            return Err(ProjectError::Locked {
                path: path.display().to_string(),
            });
        }
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
        let mut copy = Project::open(path)?;
        let files = self.article_files()?;
        copy.rebase(&files)?;
        Ok(copy)
    }

    /// Stores the articles' paths as they should be stored in this project
    /// (relative to its folder when under it), from their resolved places.
    fn rebase(&mut self, files: &[ArticleFile]) -> Result<(), ProjectError> {
        let stored: Vec<(String, String)> = files
            .iter()
            .map(|f| {
                (
                    f.article.path.clone(),
                    self.stored_path(&f.path.to_string_lossy()),
                )
            })
            .filter(|(old, new)| old != new)
            .collect();
        if stored.is_empty() {
            return Ok(());
        }
        let path = self.path.display().to_string();
        let wrap = |source| ProjectError::Sqlite {
            path: path.clone(),
            source,
        };
        let tx = self.conn.transaction().map_err(wrap)?;
        for (old, new) in &stored {
            tx.execute(
                "UPDATE OR REPLACE articles SET path = ?2 WHERE path = ?1",
                params![old, new],
            )
            .map_err(wrap)?;
        }
        tx.commit().map_err(wrap)
    }

    /// The file this project lives in (`:memory:` for an in-memory project).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The folder the project's relative article paths are relative to
    /// (none for an in-memory project).
    pub fn dir(&self) -> Option<&Path> {
        self.dir.as_deref()
    }

    /// How an article path (as loaded: absolute, or relative to the
    /// working folder) is stored: relative to the project's folder when it
    /// lies under it, else absolute. `-` (standard input) stays as it is.
    pub fn stored_path(&self, article_path: &str) -> String {
        if article_path == "-" {
            return article_path.to_string();
        }
        let p = Path::new(article_path);
        if let Some(dir) = &self.dir
            && let Some(rel) = relative_to(dir, p)
            && !rel.as_os_str().is_empty()
        {
            return rel.to_string_lossy().into_owned();
        }
        normalize(p).to_string_lossy().into_owned()
    }

    /// Where a stored article path points: relative paths are joined to
    /// the project's folder.
    pub fn resolve(&self, stored: &str) -> PathBuf {
        let p = Path::new(stored);
        match &self.dir {
            Some(dir) if p.is_relative() && stored != "-" => normalize(&dir.join(p)),
            _ => p.to_path_buf(),
        }
    }

    /// Whether a (resolved) path lies outside the project's folder tree;
    /// symbolic links are followed, so a link to a file elsewhere is
    /// outside. Everything is inside an in-memory project.
    pub fn is_outside(&self, path: &Path) -> bool {
        match &self.dir {
            Some(dir) => relative_to(dir, path).is_none(),
            None => false,
        }
    }

    /// The project's articles with the files to read them from, and which
    /// of those lie outside the project's folder.
    pub fn article_files(&self) -> Result<Vec<ArticleFile>, ProjectError> {
        Ok(self
            .articles()?
            .into_iter()
            .map(|article| {
                let path = self.resolve(&article.path);
                let outside = self.is_outside(&path);
                ArticleFile {
                    article,
                    path,
                    outside,
                }
            })
            .collect())
    }

    /// Brings the schema from `version` (0: a new file) to [`SCHEMA_VERSION`].
    fn migrate(&self, version: i64) -> Result<(), ProjectError> {
        if version >= SCHEMA_VERSION {
            return Ok(());
        }
        let mut sql = String::from("BEGIN;");
        if version < 1 {
            sql.push_str(
                "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                 CREATE TABLE IF NOT EXISTS articles (
                     path TEXT PRIMARY KEY,
                     content_hash TEXT NOT NULL,
                     published TEXT,
                     published_source TEXT NOT NULL);
                 CREATE TABLE IF NOT EXISTS journal (
                     seq INTEGER PRIMARY KEY AUTOINCREMENT,
                     at TEXT NOT NULL,
                     correction TEXT NOT NULL);
                 CREATE TABLE IF NOT EXISTS view (key TEXT PRIMARY KEY, value TEXT NOT NULL);",
            );
        }
        // 1 -> 2: the application id marks the file as a project; relative
        // article paths now mean relative to the project's folder (schema 1
        // projects stored the paths as given, absolute when opened from the
        // window)
        sql.push_str(&format!(
            "PRAGMA application_id = {APPLICATION_ID};
             INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', '{SCHEMA_VERSION}');
             COMMIT;"
        ));
        self.conn.execute_batch(&sql).map_err(|e| self.err(e))
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
        let stored: Vec<String> = corpus
            .analyses
            .iter()
            .map(|a| self.stored_path(&a.article.path))
            .collect();
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
            for ((a, hash), stored) in corpus.analyses.iter().zip(hashes).zip(&stored) {
                let source = serde_json::to_value(a.article.published_source)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default();
                insert
                    .execute(params![
                        stored,
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

    /// The whole project as JSON; article paths are resolved (absolute),
    /// so the export means the same wherever it is imported.
    pub fn export(&self) -> Result<ProjectExport, ProjectError> {
        let articles = self
            .article_files()?
            .into_iter()
            .map(|f| ProjectArticle {
                path: f.path.to_string_lossy().into_owned(),
                ..f.article
            })
            .collect();
        Ok(ProjectExport {
            schema_version: SCHEMA_VERSION,
            articles,
            journal: self.journal()?,
            view: self.view()?,
        })
    }

    /// Creates a project file from a JSON export (the file must not exist;
    /// an export of a newer schema is refused). Article paths under the new
    /// project's folder are stored relative to it.
    pub fn import(path: &Path, export: &ProjectExport) -> Result<Project, ProjectError> {
        if export.schema_version > SCHEMA_VERSION {
            return Err(ProjectError::TooNew {
                path: path.display().to_string(),
                found: export.schema_version,
            });
        }
        let mut p = Project::create(path)?;
        let stored: Vec<String> = export
            .articles
            .iter()
            .map(|a| p.stored_path(&a.path))
            .collect();
        let wrap = |source| ProjectError::Sqlite {
            path: path.display().to_string(),
            source,
        };
        let tx = p.conn.transaction().map_err(wrap)?;
        for (a, stored) in export.articles.iter().zip(&stored) {
            let source = serde_json::to_value(a.published_source)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            tx.execute(
                "INSERT OR REPLACE INTO articles (path, content_hash, published, published_source) VALUES (?1, ?2, ?3, ?4)",
                params![stored, a.content_hash, a.published.map(|d| d.to_string()), source],
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

/// Opens an existing file and checks what can be checked without SQLite:
/// the header, and an application id of another program.
fn precheck(path: &Path) -> Result<File, ProjectError> {
    let mut file = open_existing(path)?;
    let header = read_header(path, &mut file)?;
    if header.application_id != 0 && header.application_id != APPLICATION_ID {
        return Err(ProjectError::not_a_project(
            path,
            "a SQLite database of another application",
        ));
    }
    Ok(file)
}

/// Opens an existing file for reading (never creating it).
fn open_existing(path: &Path) -> Result<File, ProjectError> {
    let file = File::open(path).map_err(|source| match source.kind() {
        std::io::ErrorKind::NotFound => ProjectError::NotFound {
            path: path.display().to_string(),
        },
        _ => ProjectError::Io {
            path: path.display().to_string(),
            source,
        },
    })?;
    if file.metadata().is_ok_and(|m| m.is_dir()) {
        return Err(ProjectError::not_a_project(path, "a folder"));
    }
    Ok(file)
}

/// Checks the database in `path` through a read-only connection (which
/// writes nothing; `immutable` when there is no write-ahead log, so not
/// even a `-shm` file appears): the application id or the tables of a
/// schema 1 project, the schema version, and `PRAGMA quick_check`.
/// Returns the schema version.
fn check_schema(path: &Path) -> Result<i64, ProjectError> {
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    let query = if Path::new(&wal).exists() {
        "mode=ro"
    } else {
        "mode=ro&immutable=1"
    };
    let sqlite = |e: rusqlite::Error| match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
            ProjectError::Locked {
                path: path.display().to_string(),
            }
        }
        Some(rusqlite::ErrorCode::NotADatabase) => {
            ProjectError::not_a_project(path, "not a SQLite database")
        }
        _ => ProjectError::not_a_project(path, format!("damaged: {e}")),
    };
    let conn = Connection::open_with_flags(
        file_uri(path, query),
        OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(sqlite)?;
    let foreign = || ProjectError::not_a_project(path, "a SQLite database of another application");
    let app_id: i32 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .map_err(sqlite)?;
    if app_id != 0 && app_id != APPLICATION_ID {
        return Err(foreign());
    }
    let mut tables = std::collections::HashSet::new();
    {
        let mut stmt = conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
            .map_err(sqlite)?;
        let rows = stmt
            .query_map([], |r| r.get::<_, String>(0))
            .map_err(sqlite)?;
        for r in rows {
            tables.insert(r.map_err(sqlite)?);
        }
    }
    let has_all = TABLES.iter().all(|t| tables.contains(*t));
    let version = if tables.contains("meta") {
        conn.query_row(
            "SELECT value FROM meta WHERE key = 'schema_version'",
            [],
            |r| r.get::<_, String>(0),
        )
        .optional()
        .map_err(sqlite)?
        .and_then(|v| v.trim().parse::<i64>().ok())
    } else {
        None
    };
    if app_id == 0 && !(has_all && version == Some(1)) {
        // not a project of schema 1 (written before the application id)
        return Err(foreign());
    }
    let Some(version) = version else {
        return Err(ProjectError::not_a_project(
            path,
            "damaged: no schema version",
        ));
    };
    if version > SCHEMA_VERSION {
        return Err(ProjectError::TooNew {
            path: path.display().to_string(),
            found: version,
        });
    }
    if !has_all {
        return Err(ProjectError::not_a_project(
            path,
            "damaged: tables are missing",
        ));
    }
    let mut problems = Vec::new();
    {
        let mut stmt = conn.prepare("PRAGMA quick_check(5)").map_err(sqlite)?;
        let rows = stmt
            .query_map([], |r| r.get::<_, String>(0))
            .map_err(sqlite)?;
        for r in rows {
            problems.push(r.map_err(sqlite)?);
        }
    }
    if problems != ["ok"] {
        return Err(ProjectError::not_a_project(
            path,
            format!("damaged: quick_check failed: {}", problems.join("; ")),
        ));
    }
    Ok(version)
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
            let mut p = Project::create(&path).unwrap();
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
