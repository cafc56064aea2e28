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

/// Writes one TimeML file per article into `dir` (created if needed), each
/// named after its article id, atomically; returns how many were written.
pub fn write_dir(dir: &std::path::Path, corpus: &crate::corpus::Corpus) -> std::io::Result<usize> {
    std::fs::create_dir_all(dir)?;
    for a in &corpus.analyses {
        let stem: String = a
            .article
            .id
            .chars()
            .map(|c| {
                if c.is_alphanumeric() || "-_.".contains(c) {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        let stem = stem.trim_end_matches(".tml");
        let path = dir.join(format!("{stem}.tml"));
        super::write_atomic(&path, to_timeml(a).as_bytes())
            .map_err(|e| std::io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
    }
    Ok(corpus.analyses.len())
}
