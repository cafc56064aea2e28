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
