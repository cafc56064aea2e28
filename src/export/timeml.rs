//! TimeML output: each article as a TempEval-3 style document with its DCT
//! and `<TIMEX3>` tags around the time expressions.

use crate::extract::Analysis;
use crate::ingest::timeml::write_timeml;

/// One analysed article as a TimeML document.
pub fn to_timeml(a: &Analysis) -> String {
    write_timeml(
        Some(&a.article.id),
        a.article.published,
        Some(&a.article.title),
        &a.article.text,
        &a.timexes,
    )
}

/// The longest file name stem [`write_dir`] gives, in bytes.
pub const MAX_STEM: usize = 100;

/// The file listing which article each file of [`write_dir`] holds.
pub const MANIFEST: &str = "manifest.tsv";

/// A file name stem for an article id that is safe in any folder: letters,
/// digits, `-`, `_` and `.` kept, anything else (path separators included)
/// made `_`; no leading dot or dash; at most [`MAX_STEM`] bytes; `article`
/// if nothing is left.
pub fn safe_stem(id: &str) -> String {
    let mapped: String = id
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || "-_.".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let trimmed = mapped
        .trim_end_matches(".tml")
        .trim_start_matches(['.', '-']);
    let mut end = trimmed.len().min(MAX_STEM);
    while !trimmed.is_char_boundary(end) {
        end -= 1;
    }
    match &trimmed[..end] {
        "" => "article".to_string(),
        s => s.to_string(),
    }
}

/// Unique file names for the articles, in order: [`safe_stem`] plus `.tml`,
/// and on a collision (ids `a/b` and `a_b`, or names that differ only in
/// case) a short hash of the article id and path, then a number if needed.
pub fn file_names(corpus: &crate::corpus::Corpus) -> Vec<String> {
    use sha2::{Digest, Sha256};
    let mut used = std::collections::HashSet::new();
    let mut names = Vec::with_capacity(corpus.analyses.len());
    for a in &corpus.analyses {
        let stem = safe_stem(&a.article.id);
        let mut name = format!("{stem}.tml");
        if used.contains(&name.to_lowercase()) {
            let digest = Sha256::new()
                .chain_update(a.article.id.as_bytes())
                .chain_update([0])
                .chain_update(a.article.path.as_bytes())
                .finalize();
            let hash: String = digest[..4].iter().map(|b| format!("{b:02x}")).collect();
            name = format!("{stem}-{hash}.tml");
            let mut n = 2;
            while used.contains(&name.to_lowercase()) {
                name = format!("{stem}-{hash}-{n}.tml");
                n += 1;
            }
        }
        used.insert(name.to_lowercase());
        names.push(name);
    }
    names
}

/// Writes one TimeML file per article into `dir` (created if needed), each
/// named after its article id ([`file_names`]: safe and unique), and
/// [`MANIFEST`], a tab-separated table `file, id, path` of what each file
/// holds. Every file is written atomically, and an existing symbolic link,
/// FIFO or device in the folder is refused, never written through. Returns
/// how many articles were written.
pub fn write_dir(dir: &std::path::Path, corpus: &crate::corpus::Corpus) -> std::io::Result<usize> {
    let named = |path: &std::path::Path, e: std::io::Error| {
        std::io::Error::new(e.kind(), format!("{}: {e}", path.display()))
    };
    std::fs::create_dir_all(dir).map_err(|e| named(dir, e))?;
    let names = file_names(corpus);
    let cell = |s: &str| s.replace(['\t', '\n', '\r'], " ");
    let mut manifest = String::from("file\tid\tpath\n");
    for (a, name) in corpus.analyses.iter().zip(&names) {
        let path = dir.join(name);
        super::write_atomic(&path, to_timeml(a).as_bytes()).map_err(|e| named(&path, e))?;
        manifest.push_str(&format!(
            "{name}\t{}\t{}\n",
            cell(&a.article.id),
            cell(&a.article.path)
        ));
    }
    let path = dir.join(MANIFEST);
    super::write_atomic(&path, manifest.as_bytes()).map_err(|e| named(&path, e))?;
    Ok(corpus.analyses.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_are_safe_and_bounded() {
        assert_eq!(safe_stem("a/b"), "a_b");
        assert_eq!(safe_stem("../../etc/passwd"), "_.._etc_passwd");
        assert_eq!(safe_stem(".hidden"), "hidden");
        assert_eq!(safe_stem("-rf"), "rf");
        assert_eq!(safe_stem("x.tml"), "x");
        assert_eq!(safe_stem(""), "article");
        assert_eq!(safe_stem("..."), "article");
        assert_eq!(safe_stem("feed.jsonl#3"), "feed.jsonl_3");
        let long = "\u{e9}".repeat(300);
        let s = safe_stem(&long);
        assert!(
            s.len() <= MAX_STEM && s.len() >= MAX_STEM - 1,
            "{}",
            s.len()
        );
        assert!(s.chars().all(|c| c == '\u{e9}'));
    }
}
