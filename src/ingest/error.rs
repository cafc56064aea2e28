//! Why a file could not be read as an article.

use thiserror::Error;

/// A file (or one record of it) that could not be turned into an article.
///
/// Every variant names the file, so a message can be shown as it is; a batch
/// reports the error and goes on with the other files.
#[derive(Debug, Error)]
pub enum IngestError {
    /// The operating system refused to read the file.
    #[error("{path}: cannot read: {source}")]
    Io {
        /// The file.
        path: String,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The file holds binary data, not text.
    #[error("{path}: not a text file (binary data)")]
    Binary {
        /// The file.
        path: String,
    },
    /// The file is empty or holds only white space.
    #[error("{path}: empty file")]
    Empty {
        /// The file.
        path: String,
    },
    /// A publication date that is not a calendar date.
    #[error("{path}: invalid publication date {value:?}: {reason}")]
    InvalidDate {
        /// The file.
        path: String,
        /// The date as written.
        value: String,
        /// What is wrong with it.
        reason: String,
    },
    /// JSON that does not parse or has no article in it.
    #[error("{path}: invalid JSON: {reason}")]
    Json {
        /// The file.
        path: String,
        /// What is wrong.
        reason: String,
    },
    /// One line of a JSONL file that does not parse or is not an article.
    #[error("{path}: line {line}: {reason}")]
    JsonLine {
        /// The file.
        path: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        reason: String,
    },
    /// A TimeML file without a `<TEXT>` element.
    #[error("{path}: invalid TimeML: {reason}")]
    Timeml {
        /// The file.
        path: String,
        /// What is wrong.
        reason: String,
    },
    /// A document with no readable body text (an HTML page without content).
    #[error("{path}: no article text found")]
    NoText {
        /// The file.
        path: String,
    },
    /// A FIFO, socket, device or directory where a file to read was
    /// expected: only regular files are read (a FIFO could block the load
    /// forever, a device could be endless).
    #[error("{path}: not a regular file ({kind})")]
    NotRegular {
        /// The path as given or found.
        path: String,
        /// What it is instead: "a FIFO", "a socket", "a character device",
        /// "a block device", "a directory".
        kind: &'static str,
    },
    /// A path that does not exist.
    #[error("{path}: no such file or directory")]
    NotFound {
        /// The path as given.
        path: String,
    },
    /// The analysis of an article failed inside the program (a bug): the
    /// article is reported like an unreadable file and the batch goes on.
    #[error("{what}: internal error while analysing: {message}")]
    Internal {
        /// The file.
        path: String,
        /// The file, and the record within it for JSON and JSONL
        /// (`feed.jsonl (feed.jsonl#3)`), as messages name it.
        what: String,
        /// The panic message.
        message: String,
    },
    /// The article's analysis ran past its time budget (pathological input).
    #[error("{what}: too complex to analyse (gave up after {seconds} s)")]
    TooComplex {
        /// The file.
        path: String,
        /// The file, and the record within it, as messages name it.
        what: String,
        /// The budget that ran out, in seconds.
        seconds: u64,
    },
}

impl IngestError {
    /// The file (or `-` for standard input) this error is about.
    pub fn path(&self) -> &str {
        match self {
            IngestError::Io { path, .. }
            | IngestError::Binary { path }
            | IngestError::Empty { path }
            | IngestError::InvalidDate { path, .. }
            | IngestError::Json { path, .. }
            | IngestError::JsonLine { path, .. }
            | IngestError::Timeml { path, .. }
            | IngestError::NoText { path }
            | IngestError::NotFound { path }
            | IngestError::NotRegular { path, .. }
            | IngestError::Internal { path, .. }
            | IngestError::TooComplex { path, .. } => path,
        }
    }
}
