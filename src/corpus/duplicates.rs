//! Byte-identical articles: the same article read twice (a copied file, a
//! feed that repeats a story) is kept once, so that its events are not
//! counted again as independent reports, and the copy is reported.
//!
//! Articles are compared by a hash of their text, title and publication
//! date, and equal hashes are confirmed by comparing the contents, so two
//! different articles are never taken for one.

use crate::extract::Analysis;
use rustc_hash::{FxHashMap, FxHasher};
use std::hash::{Hash, Hasher};

/// An article left out because another one with the same content was loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duplicate {
    /// The copy's file (and record, for multi-article files).
    pub what: String,
    /// The article that was kept, as messages name it.
    pub same_as: String,
}

impl std::fmt::Display for Duplicate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: the same article as {}; read once",
            self.what, self.same_as
        )
    }
}

fn key(a: &Analysis) -> u64 {
    let mut h = FxHasher::default();
    a.article.text.hash(&mut h);
    a.article.title.hash(&mut h);
    a.article.published.hash(&mut h);
    h.finish()
}

fn same(a: &Analysis, b: &Analysis) -> bool {
    a.article.text == b.article.text
        && a.article.title == b.article.title
        && a.article.published == b.article.published
}

/// Splits `new` into the articles that are not already in `existing` (nor
/// earlier in `new`) and the duplicates, in input order.
pub fn remove_duplicates(
    existing: &[Analysis],
    new: Vec<Analysis>,
) -> (Vec<Analysis>, Vec<Duplicate>) {
    let mut seen: FxHashMap<u64, Vec<usize>> = FxHashMap::default();
    for (i, a) in existing.iter().enumerate() {
        seen.entry(key(a)).or_default().push(i);
    }
    let mut kept: Vec<Analysis> = Vec::with_capacity(new.len());
    let mut duplicates = Vec::new();
    for a in new {
        let k = key(&a);
        let earlier = seen.get(&k).and_then(|ix| {
            ix.iter()
                .map(|&i| {
                    if i < existing.len() {
                        &existing[i]
                    } else {
                        &kept[i - existing.len()]
                    }
                })
                .find(|b| same(b, &a))
        });
        if let Some(b) = earlier {
            duplicates.push(Duplicate {
                what: super::article_label(&a.article),
                same_as: super::article_label(&b.article),
            });
        } else {
            seen.entry(k).or_default().push(existing.len() + kept.len());
            kept.push(a);
        }
    }
    (kept, duplicates)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::analyze;
    use crate::ingest::{Source, read_bytes};

    fn a(path: &str, text: &str) -> Analysis {
        analyze(
            read_bytes(&Source::new(path), text.as_bytes())
                .remove(0)
                .unwrap(),
        )
    }

    #[test]
    fn identical_articles_are_kept_once_and_reported() {
        let text = " date 2021-12-07 Talks\n\nBiden spoke with Putin on Tuesday.\n";
        let existing = vec![a("x/a.txt", text)];
        let (kept, dups) = remove_duplicates(
            &existing,
            vec![
                a("y/a.txt", text),
                a(
                    "b.txt",
                    " date 2021-12-08 Talks\n\nBiden spoke with Putin on Tuesday.\n",
                ),
                a(
                    "c.txt",
                    " date 2021-12-08 Talks\n\nBiden spoke with Putin on Tuesday.\n",
                ),
                a("d.txt", "Other news."),
            ],
        );
        let kept: Vec<&str> = kept.iter().map(|a| a.article.path.as_str()).collect();
        // another publication date is another article; a copy of one loaded
        // earlier in the same batch is a duplicate too
        assert_eq!(kept, vec!["b.txt", "d.txt"]);
        let dups: Vec<String> = dups.iter().map(ToString::to_string).collect();
        assert_eq!(
            dups,
            vec![
                "y/a.txt: the same article as x/a.txt; read once",
                "c.txt: the same article as b.txt; read once"
            ]
        );
    }
}
