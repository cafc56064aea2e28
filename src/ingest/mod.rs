//! Ingestion: files become [`Article`]s.
//!
//! The format is chosen by extension and content ([`detect_format`]); bytes are
//! decoded whatever their encoding ([`decode`]); each format has its reader
//! ([`plain`], [`html`], [`json`], [`timeml`]). [`read_path`] reads one file,
//! [`expand_paths`] turns files and directories into the list of files to read
//! ([`walk`]: symbolic links inside folders followed only when asked, loops
//! ended, regular files only, opened without blocking on a FIFO).
//! A file that cannot be read gives an [`IngestError`] naming it; nothing
//! here panics on bad input.

pub mod article;
pub mod dates;
pub mod debris;
pub mod decode;
pub mod error;
pub mod html;
pub mod json;
pub mod jsonl_stream;
pub mod plain;
pub mod timeml;
pub mod walk;

pub use article::{
    Article, DateInference, DateSource, Format, NO_DATE_WARNING, Region, RegionKind,
};
pub use error::IngestError;
pub use walk::{ListedFile, WalkOptions, expand_paths_with, open_listed, open_regular};

use std::path::{Path, PathBuf};

/// Where an article's bytes came from, for ids and messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The path as the user gave it (`-` for standard input).
    pub path: String,
    /// Its file name.
    pub file_name: String,
}

impl Source {
    /// A source for a path.
    pub fn new(path: impl Into<String>) -> Self {
        let path = path.into();
        let file_name = Path::new(&path)
            .file_name()
            .map_or_else(|| path.clone(), |f| f.to_string_lossy().into_owned());
        Source { path, file_name }
    }
}

/// A fresh article for `src` with no date (and the warning that says so).
pub(crate) fn new_article(src: &Source, format: Format, title: String, text: String) -> Article {
    let mut a = Article {
        id: src.file_name.clone(),
        path: src.path.clone(),
        file_name: src.file_name.clone(),
        format,
        encoding: "UTF-8".into(),
        title,
        published: None,
        published_source: DateSource::Unknown,
        published_inference: None,
        warnings: Vec::new(),
        text,
        regions: Vec::new(),
    };
    a.set_published(None, DateSource::Unknown);
    a
}

/// File extensions read when a directory is walked.
pub const EXTENSIONS: &[&str] = &[
    "txt", "text", "md", "markdown", "html", "htm", "xhtml", "json", "jsonl", "ndjson", "tml",
    "timeml",
];

/// The format of a file from its extension, corrected by its content.
pub fn detect_format(path: &str, text: &str) -> Format {
    let ext = Path::new(path)
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let head: String = text.trim_start().chars().take(512).collect();
    let lower = head.to_ascii_lowercase();
    let by_content =
        if lower.starts_with("<?xml") && text.contains("<TimeML") || lower.starts_with("<timeml") {
            Some(Format::Timeml)
        } else if lower.starts_with("<!doctype html")
            || lower.starts_with("<html")
            || lower.contains("<body")
        {
            Some(Format::Html)
        } else if head.starts_with('[') {
            Some(Format::Json)
        } else if head.starts_with('{') {
            let mut lines = text.lines().filter(|l| !l.trim().is_empty());
            let first_is_whole = lines
                .next()
                // checked without building the value (a line may be huge)
                .is_some_and(|l| serde_json::from_str::<serde::de::IgnoredAny>(l).is_ok());
            Some(if first_is_whole && lines.next().is_some() {
                Format::Jsonl
            } else {
                Format::Json
            })
        } else {
            None
        };
    match ext.as_str() {
        "tml" | "timeml" => Format::Timeml,
        "html" | "htm" | "xhtml" => Format::Html,
        "jsonl" | "ndjson" => Format::Jsonl,
        "json" => by_content.unwrap_or(Format::Json),
        "md" | "markdown" => by_content.unwrap_or(Format::Markdown),
        _ => by_content.unwrap_or(Format::Text),
    }
}

/// Reads the articles in one file's bytes. A multi-article file (JSON array,
/// JSONL) gives one result per record, so a bad record does not hide the others.
pub fn read_bytes(src: &Source, bytes: &[u8]) -> Vec<Result<Article, IngestError>> {
    read_decoded(src, decode::decode(bytes))
}

/// [`read_bytes`] of bytes the caller gives up (no copy of a UTF-8 file).
pub fn read_owned_bytes(src: &Source, bytes: Vec<u8>) -> Vec<Result<Article, IngestError>> {
    read_decoded(src, decode::decode_owned(bytes))
}

/// The articles of a file's decoded text.
fn read_decoded(
    src: &Source,
    decoded: Result<decode::Decoded, decode::DecodeProblem>,
) -> Vec<Result<Article, IngestError>> {
    let decoded = match decoded {
        Ok(d) => d,
        Err(decode::DecodeProblem::Binary) => {
            return vec![Err(IngestError::Binary {
                path: src.path.clone(),
            })];
        }
    };
    if decoded.text.trim().is_empty() {
        return vec![Err(IngestError::Empty {
            path: src.path.clone(),
        })];
    }
    let format = detect_format(&src.path, &decoded.text);
    let mut out = match format {
        Format::Text | Format::Markdown => vec![plain::read(src, decoded.text, format)],
        Format::Html => vec![html::read(src, &decoded.text)],
        Format::Json => json::read_json(src, &decoded.text),
        Format::Jsonl => json::read_jsonl(src, &decoded.text),
        Format::Timeml => vec![timeml::read_article(src, &decoded.text)],
    };
    for a in out.iter_mut().flatten() {
        a.encoding = decoded.encoding.to_string();
    }
    out
}

/// Reads all of one regular file (a FIFO, socket or device is refused
/// without blocking, see [`open_regular`]); errors name the file.
pub fn read_regular_file(path: &Path) -> Result<Vec<u8>, IngestError> {
    use std::io::Read;
    let mut bytes = Vec::new();
    open_regular(path)?
        .read_to_end(&mut bytes)
        .map_err(|source| IngestError::Io {
            path: path.to_string_lossy().into_owned(),
            source,
        })?;
    Ok(bytes)
}

/// Reads the articles in one file, which must be a regular file (a FIFO,
/// socket or device is refused without blocking: see [`open_regular`]).
pub fn read_path(path: &Path) -> Vec<Result<Article, IngestError>> {
    read_listed(&ListedFile {
        path: path.to_path_buf(),
        may_be_link: true,
    })
}

/// Reads the articles in one file listed by [`expand_paths_with`] (a file
/// found by a walk that does not follow links is not read through a link:
/// see [`open_listed`]).
pub fn read_listed(file: &ListedFile) -> Vec<Result<Article, IngestError>> {
    use std::io::Read;
    let src = Source::new(file.path.to_string_lossy());
    let mut bytes = Vec::new();
    let read = open_listed(file).and_then(|mut f| {
        f.read_to_end(&mut bytes).map_err(|source| IngestError::Io {
            path: src.path.clone(),
            source,
        })
    });
    match read {
        Ok(_) => read_owned_bytes(&src, bytes),
        Err(e) => vec![Err(e)],
    }
}

/// Files to read for the given paths, folders walked without following
/// symbolic links: the paths of [`expand_paths_with`] with the default
/// [`WalkOptions`].
pub fn expand_paths(paths: &[PathBuf]) -> Vec<Result<PathBuf, IngestError>> {
    expand_paths_with(paths, &WalkOptions::default())
        .into_iter()
        .map(|r| r.map(|f| f.path))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_by_extension_and_content() {
        assert_eq!(detect_format("a.txt", " date 2021-12-07 T"), Format::Text);
        assert_eq!(detect_format("a.md", "# T"), Format::Markdown);
        assert_eq!(detect_format("a", "<!DOCTYPE html><html>"), Format::Html);
        assert_eq!(
            detect_format("a.txt", "<html><body>x</body></html>"),
            Format::Html
        );
        assert_eq!(
            detect_format("a", "{\"text\": \"a\"}\n{\"text\": \"b\"}\n"),
            Format::Jsonl
        );
        assert_eq!(detect_format("a", "{\n \"text\": \"a\"\n}\n"), Format::Json);
        assert_eq!(detect_format("a.json", "[{}]"), Format::Json);
        assert_eq!(
            detect_format("a.xml", "<?xml version=\"1.0\" ?><TimeML>"),
            Format::Timeml
        );
    }

    #[test]
    fn unreadable_inputs_give_errors_naming_the_file() {
        let src = Source::new("x/bin.dat");
        let e = read_bytes(&src, b"\x00\x01\x02binary");
        assert_eq!(
            e[0].as_ref().unwrap_err().to_string(),
            "x/bin.dat: not a text file (binary data)"
        );
        let e = read_bytes(&src, b"  \n\n ");
        assert_eq!(
            e[0].as_ref().unwrap_err().to_string(),
            "x/bin.dat: empty file"
        );
        let e = read_path(Path::new("/no/such/file.txt"));
        assert!(
            e[0].as_ref()
                .unwrap_err()
                .to_string()
                .contains("/no/such/file.txt")
        );
    }

    #[test]
    fn latin1_text_file_is_decoded() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(
            " date 2021-12-07 Caf\u{e9} talks\n\nThe na\u{ef}ve \u{201c}plan\u{201d} failed.\n",
        );
        let a = read_bytes(&Source::new("l.txt"), &bytes).remove(0).unwrap();
        assert_eq!(a.title, "Caf\u{e9} talks");
        assert_eq!(a.encoding, "windows-1252");
        assert!(a.text.contains("\u{201c}plan\u{201d}"));
    }
}
