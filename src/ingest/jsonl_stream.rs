//! JSONL articles read from a stream (standard input), one line at a time.
//!
//! Every input line gives exactly one item, so results stay aligned with the
//! lines they came from: a blank line or a line that is not UTF-8 is an error
//! for that line (not skipped, not fatal to the stream), and a byte-order mark
//! at the start of the stream is dropped.

use super::{Article, IngestError, Source, json};
use std::io::BufRead;

/// Reads JSONL articles from `input`, one item per line: the 1-based line
/// number and the article or that line's error. An I/O error of the stream
/// itself ends the iteration with that error.
pub struct JsonlStream<R> {
    input: R,
    src: Source,
    line_no: usize,
    buf: Vec<u8>,
}

impl<R: BufRead> JsonlStream<R> {
    /// A reader of `input`, whose articles and errors name `src`.
    pub fn new(input: R, src: Source) -> Self {
        JsonlStream {
            input,
            src,
            line_no: 0,
            buf: Vec::new(),
        }
    }
}

impl<R: BufRead> Iterator for JsonlStream<R> {
    type Item = std::io::Result<(usize, Result<Article, IngestError>)>;

    fn next(&mut self) -> Option<Self::Item> {
        self.buf.clear();
        match self.input.read_until(b'\n', &mut self.buf) {
            Ok(0) => return None,
            Ok(_) => {}
            Err(e) => return Some(Err(e)),
        }
        self.line_no += 1;
        let mut line = self.buf.as_slice();
        if self.line_no == 1 {
            line = line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(line);
        }
        let line = line.strip_suffix(b"\n").unwrap_or(line);
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        Some(Ok((
            self.line_no,
            parse_line(&self.src, line, self.line_no),
        )))
    }
}

/// One line's article, or why it is not one.
fn parse_line(src: &Source, line: &[u8], line_no: usize) -> Result<Article, IngestError> {
    let err = |reason: String| IngestError::JsonLine {
        path: src.path.clone(),
        line: line_no,
        reason,
    };
    let text = std::str::from_utf8(line).map_err(|e| {
        err(format!(
            "not valid UTF-8 (byte {} of the line); JSON lines must be UTF-8",
            e.valid_up_to() + 1
        ))
    })?;
    if text.trim().is_empty() {
        return Err(err("blank line (no article)".into()));
    }
    json::read_json_line(src, text, line_no)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(bytes: &[u8]) -> Vec<(usize, Result<Article, IngestError>)> {
        JsonlStream::new(bytes, Source::new("-"))
            .map(Result::unwrap)
            .collect()
    }

    #[test]
    fn one_item_per_line_whatever_the_line_holds() {
        let input = b"\xEF\xBB\xBF{\"text\": \"Russia warned Ukraine.\"}\n\n  \r\n{\"text\": \"caf\xE9\"}\n{\"text\": \"Kyiv replied.\"}";
        let items = read(input);
        let lines: Vec<usize> = items.iter().map(|(n, _)| *n).collect();
        assert_eq!(lines, vec![1, 2, 3, 4, 5]);
        assert_eq!(
            items[0].1.as_ref().unwrap().text.trim(),
            "Russia warned Ukraine."
        );
        let msg = |i: usize| items[i].1.as_ref().unwrap_err().to_string();
        assert_eq!(msg(1), "-: line 2: blank line (no article)");
        assert_eq!(msg(2), "-: line 3: blank line (no article)");
        assert!(
            msg(3).starts_with("-: line 4: not valid UTF-8"),
            "{}",
            msg(3)
        );
        assert!(items[4].1.is_ok());
    }

    #[test]
    fn a_final_newline_ends_the_stream_without_an_empty_line() {
        assert_eq!(read(b"{\"text\": \"A.\"}\n").len(), 1);
        assert!(read(b"").is_empty());
    }
}
