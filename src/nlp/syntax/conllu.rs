//! CoNLL-U: the Universal Dependencies file format, read and written.
//!
//! Only basic trees are read: multiword token ranges (`1-2`) keep their
//! surface form apart, and empty nodes (`8.1`) of enhanced graphs are
//! skipped. Columns are tab-separated; `_` is an empty value.

use std::fmt::Write as _;

/// One syntactic word of a CoNLL-U sentence.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Word {
    /// FORM.
    pub form: String,
    /// LEMMA.
    pub lemma: String,
    /// UPOS.
    pub upos: String,
    /// XPOS (Penn tag in EWT).
    pub xpos: String,
    /// FEATS (`_` when none).
    pub feats: String,
    /// HEAD: 0 for the root, else the 1-based index of the head word.
    pub head: usize,
    /// DEPREL.
    pub deprel: String,
    /// MISC (`_` when none).
    pub misc: String,
}

/// A multiword token: words `first..=last` written together as `form`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MultiwordToken {
    /// The first word's 1-based index.
    pub first: usize,
    /// The last word's 1-based index.
    pub last: usize,
    /// The surface form.
    pub form: String,
}

/// One sentence: its comment lines, words and multiword tokens.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Sentence {
    /// Comment lines without the leading `# `.
    pub comments: Vec<String>,
    /// The words, in order (index `i` is word `i + 1`).
    pub words: Vec<Word>,
    /// Multiword tokens.
    pub multiword: Vec<MultiwordToken>,
}

/// A CoNLL-U line that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {reason}")]
pub struct ConlluError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub reason: String,
}

/// Reads every sentence of a CoNLL-U text.
pub fn parse(text: &str) -> Result<Vec<Sentence>, ConlluError> {
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    for (n, line) in text.lines().enumerate() {
        let line_no = n + 1;
        let err = |reason: String| ConlluError {
            line: line_no,
            reason,
        };
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            if !cur.words.is_empty() {
                check_heads(&cur).map_err(err)?;
                out.push(std::mem::take(&mut cur));
            } else {
                cur = Sentence::default();
            }
            continue;
        }
        if let Some(c) = line.strip_prefix('#') {
            cur.comments.push(c.trim_start().to_string());
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(err(format!("{} columns, expected 10", cols.len())));
        }
        let id = cols[0];
        if id.contains('.') {
            continue;
        }
        if let Some((a, b)) = id.split_once('-') {
            let first = a
                .parse()
                .map_err(|_| err(format!("bad token range {id:?}")))?;
            let last = b
                .parse()
                .map_err(|_| err(format!("bad token range {id:?}")))?;
            cur.multiword.push(MultiwordToken {
                first,
                last,
                form: cols[1].to_string(),
            });
            continue;
        }
        let idx: usize = id.parse().map_err(|_| err(format!("bad word id {id:?}")))?;
        if idx != cur.words.len() + 1 {
            return Err(err(format!("word id {idx} out of order")));
        }
        let head = if cols[6] == "_" {
            0
        } else {
            cols[6]
                .parse()
                .map_err(|_| err(format!("bad head {:?}", cols[6])))?
        };
        cur.words.push(Word {
            form: cols[1].to_string(),
            lemma: cols[2].to_string(),
            upos: cols[3].to_string(),
            xpos: cols[4].to_string(),
            feats: cols[5].to_string(),
            head,
            deprel: cols[7].to_string(),
            misc: cols[9].to_string(),
        });
    }
    if !cur.words.is_empty() {
        let line = text.lines().count();
        check_heads(&cur).map_err(|reason| ConlluError { line, reason })?;
        out.push(cur);
    }
    Ok(out)
}

fn check_heads(s: &Sentence) -> Result<(), String> {
    match s.words.iter().find(|w| w.head > s.words.len()) {
        Some(w) => Err(format!(
            "head {} outside the sentence of {} words",
            w.head,
            s.words.len()
        )),
        None => Ok(()),
    }
}

/// Writes sentences as CoNLL-U (each followed by a blank line).
pub fn write(sentences: &[Sentence]) -> String {
    let mut out = String::new();
    for s in sentences {
        write_sentence(s, &mut out);
    }
    out
}

/// Appends one sentence as CoNLL-U to `out`.
pub fn write_sentence(s: &Sentence, out: &mut String) {
    let or_ = |v: &str| {
        if v.is_empty() {
            "_".to_string()
        } else {
            clean(v)
        }
    };
    for c in &s.comments {
        let _ = writeln!(out, "# {}", c.replace(['\n', '\r'], " "));
    }
    for (i, w) in s.words.iter().enumerate() {
        let id = i + 1;
        if let Some(m) = s.multiword.iter().find(|m| m.first == id) {
            let _ = writeln!(
                out,
                "{}-{}\t{}\t_\t_\t_\t_\t_\t_\t_\t_",
                m.first,
                m.last,
                or_(&m.form)
            );
        }
        let _ = writeln!(
            out,
            "{id}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t_\t{}",
            or_(&w.form),
            or_(&w.lemma),
            or_(&w.upos),
            or_(&w.xpos),
            or_(&w.feats),
            w.head,
            or_(&w.deprel),
            or_(&w.misc)
        );
    }
    out.push('\n');
}

/// A column value without tabs or line breaks (spaces stand in for them).
fn clean(v: &str) -> String {
    v.replace(['\t', '\n', '\r'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "# sent_id = x\n# text = I don't.\n1\tI\tI\tPRON\tPRP\tCase=Nom\t3\tnsubj\t3:nsubj\t_\n2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n2\tdo\tdo\tAUX\tVBP\t_\t3\taux\t_\t_\n3\tn't\tnot\tPART\tRB\t_\t0\troot\t_\tSpaceAfter=No\n3.1\tx\tx\tX\tX\t_\t_\t_\t_\t_\n4\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n\n";

    #[test]
    fn reads_words_ranges_and_skips_empty_nodes() {
        let s = parse(TEXT).unwrap();
        assert_eq!(s.len(), 1);
        let s = &s[0];
        assert_eq!(s.words.len(), 4);
        assert_eq!(s.words[1].form, "do");
        assert_eq!(s.words[0].head, 3);
        assert_eq!(s.words[3].deprel, "punct");
        assert_eq!(
            s.multiword,
            vec![MultiwordToken {
                first: 2,
                last: 3,
                form: "don't".into()
            }]
        );
        assert_eq!(s.comments, vec!["sent_id = x", "text = I don't."]);
    }

    #[test]
    fn writes_what_it_reads() {
        let s = parse(TEXT).unwrap();
        let again = parse(&write(&s)).unwrap();
        assert_eq!(s, again);
    }

    #[test]
    fn bad_lines_are_errors_with_their_number() {
        let e = parse("1\tI\tI\n").unwrap_err();
        assert_eq!(e.line, 1);
        let e = parse("# c\n1\tI\tI\tPRON\tPRP\t_\t9\tnsubj\t_\t_\n\n").unwrap_err();
        assert!(e.reason.contains("head 9"), "{e}");
        let e = parse("2\tI\tI\tPRON\tPRP\t_\t0\troot\t_\t_\n").unwrap_err();
        assert!(e.reason.contains("out of order"), "{e}");
    }
}
