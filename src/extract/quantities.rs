//! Figures: "More than 90,000 troops", "More than 13,000 people have died",
//! "lasted for two hours", "three and a half hours". Units, qualifiers and
//! number words come from `assets/quantities.toml`.

use super::event::Quantity;
use super::text::Words;
use crate::Span;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Deserialize;
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

#[derive(Debug, Deserialize)]
struct QuantityFile {
    qualifiers: HashMap<String, Vec<String>>,
    numbers: Numbers,
    kinds: Kinds,
}

#[derive(Debug, Deserialize)]
struct Numbers {
    units: HashMap<String, f64>,
    multipliers: HashMap<String, f64>,
    half: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct Kinds {
    death_verbs: Vec<String>,
    injury_verbs: Vec<String>,
    #[serde(flatten)]
    nouns: HashMap<String, Vec<String>>,
}

/// Phrases (lists of lower-case words) indexed by their first word, so a
/// position is checked against the few phrases that can start there.
struct PhraseIndex<T> {
    /// (payload, phrase words), in the order lookups prefer.
    phrases: Vec<(T, Vec<String>)>,
    /// Indices into `phrases` by first word, in that order.
    by_first: FxHashMap<String, Vec<usize>>,
}

impl PhraseIndex<()> {
    /// An index of phrases without a payload, in list order.
    fn unlabelled(list: &[String]) -> Self {
        PhraseIndex::new(split_all(list).into_iter().map(|p| ((), p)).collect())
    }
}

impl<T> PhraseIndex<T> {
    fn new(phrases: Vec<(T, Vec<String>)>) -> Self {
        let mut by_first: FxHashMap<String, Vec<usize>> = FxHashMap::default();
        for (k, (_, p)) in phrases.iter().enumerate() {
            if let Some(first) = p.first() {
                by_first.entry(first.clone()).or_default().push(k);
            }
        }
        PhraseIndex { phrases, by_first }
    }

    /// The first phrase (in the index's order) that the words at `i` begin
    /// with.
    fn at(&self, w: &[Cow<'_, str>], i: usize) -> Option<&(T, Vec<String>)> {
        self.by_first
            .get(w.get(i)?.as_ref())?
            .iter()
            .map(|&k| &self.phrases[k])
            .find(|(_, p)| starts_with(w, i, p))
    }
}

struct QuantityLexicon {
    /// (qualifier name, phrase words), longest phrases first.
    qualifiers: Vec<(String, Vec<String>)>,
    /// The first word of every qualifier phrase (a quick test per word).
    qualifier_starts: FxHashSet<String>,
    /// Words that may begin a figure: qualifier starts, number words and
    /// multipliers (a quick test per word; digits and hyphenated number
    /// words are recognised by their form)
    starters: FxHashSet<String>,
    units: FxHashMap<String, f64>,
    multipliers: FxHashMap<String, f64>,
    half: Vec<Vec<String>>,
    /// (kind, noun words), longest first.
    nouns: PhraseIndex<String>,
    death_verbs: PhraseIndex<()>,
    injury_verbs: PhraseIndex<()>,
}

/// Whether a lower-case word is a number word or a multiplier of
/// `assets/quantities.toml`, a plural multiplier included ("five",
/// "dozen", "hundreds").
pub(crate) fn is_number_word(w: &str) -> bool {
    let lex = &*LEX;
    lex.units.contains_key(w)
        || lex.multipliers.contains_key(w)
        || w.strip_suffix('s')
            .is_some_and(|one| lex.multipliers.contains_key(one) || one == "dozen")
}

fn split_all(list: &[String]) -> Vec<Vec<String>> {
    list.iter()
        .map(|p| p.split_whitespace().map(str::to_string).collect())
        .collect()
}

static LEX: LazyLock<QuantityLexicon> = LazyLock::new(|| {
    let f: QuantityFile = toml::from_str(include_str!("../../assets/quantities.toml"))
        .expect("assets/quantities.toml is valid (checked by a test)");
    let mut qualifiers: Vec<(String, Vec<String>)> = f
        .qualifiers
        .iter()
        .flat_map(|(k, v)| split_all(v).into_iter().map(move |p| (k.clone(), p)))
        .collect();
    qualifiers.sort_by_key(|(_, p)| std::cmp::Reverse(p.len()));
    let mut nouns: Vec<(String, Vec<String>)> = f
        .kinds
        .nouns
        .iter()
        .flat_map(|(k, v)| split_all(v).into_iter().map(move |p| (k.clone(), p)))
        .collect();
    // longest first; among equals, by kind, so the order does not depend
    // on the map's
    nouns.sort_by(|(ka, pa), (kb, pb)| pb.len().cmp(&pa.len()).then_with(|| ka.cmp(kb)));
    let qualifier_starts: FxHashSet<String> = qualifiers
        .iter()
        .filter_map(|(_, p)| p.first().cloned())
        .collect();
    let starters = qualifier_starts
        .iter()
        .chain(f.numbers.units.keys())
        .chain(f.numbers.multipliers.keys())
        .cloned()
        .collect();
    QuantityLexicon {
        starters,
        qualifier_starts,
        qualifiers,
        units: f.numbers.units.into_iter().collect(),
        multipliers: f.numbers.multipliers.into_iter().collect(),
        half: split_all(&f.numbers.half),
        nouns: PhraseIndex::new(nouns),
        death_verbs: PhraseIndex::unlabelled(&f.kinds.death_verbs),
        injury_verbs: PhraseIndex::unlabelled(&f.kinds.injury_verbs),
    }
});

/// Whether the lower-case words at `i` start with `phrase`.
fn starts_with(w: &[Cow<'_, str>], i: usize, phrase: &[String]) -> bool {
    i + phrase.len() <= w.len() && w[i..i + phrase.len()] == *phrase
}

/// The value of a number word ("three", "a", "seventy-five").
fn unit_value(word: &str) -> Option<f64> {
    let units = &LEX.units;
    units.get(word).copied().or_else(|| {
        let dash = word.bytes().position(|b| b == b'-')?;
        let (a, b) = (&word[..dash], &word[dash + 1..]);
        Some(units.get(a)? + units.get(b)?)
    })
}

/// Parses a number at word `i`: digits ("90,000", "3.5") or number words
/// ("three and a half", "two hundred thousand"). Returns (value, words used).
fn number_at(w: &[Cow<'_, str>], i: usize) -> Option<(f64, usize)> {
    let lex = &*LEX;
    let first = w.get(i)?;
    if first.starts_with(|c: char| c.is_ascii_digit()) {
        let v: f64 = first.replace(',', "").parse().ok()?;
        let mut n = 1;
        let mut value = v;
        if let Some(m) = w.get(i + 1).and_then(|x| lex.multipliers.get(x.as_ref())) {
            value *= m;
            n += 1;
        }
        return Some((value, n));
    }
    let mut total = 0.0;
    let mut current = 0.0;
    let mut n = 0;
    let mut any = false;
    while let Some(word) = w.get(i + n) {
        if let Some(u) = unit_value(word) {
            // "a" and "an" count only before a multiplier or unit noun.
            if (word == "a" || word == "an") && any {
                break;
            }
            current += u;
            n += 1;
            any = true;
        } else if let Some(&m) = lex.multipliers.get(word.as_ref()) {
            if !any {
                current = 1.0;
            }
            if m >= 1000.0 {
                total += current * m;
                current = 0.0;
            } else {
                current *= m;
            }
            n += 1;
            any = true;
        } else if any && let Some(h) = lex.half.iter().find(|h| starts_with(w, i + n, h)) {
            current += 0.5;
            n += h.len();
            break;
        } else if any
            && word == "and"
            && w.get(i + n + 1)
                .is_some_and(|x| x != "a" && unit_value(x).is_some())
        {
            n += 1;
        } else {
            break;
        }
    }
    let value = total + current;
    (any && value > 0.0).then_some((value, n))
}

/// Figures in one sentence of article `article`.
pub fn find_quantities(text: &str, sentence: Span, article: &str) -> Vec<Quantity> {
    let lower = text.to_ascii_lowercase();
    quantities_in(text, &Words::of(text, &lower, sentence), article)
}

/// Figures among the words of one sentence of article `article`.
pub fn quantities_in(text: &str, words: &Words<'_>, article: &str) -> Vec<Quantity> {
    let lex = &*LEX;
    let spans = &words.spans;
    let w = &words.lower[..];
    let mut out = Vec::new();
    let mut i = 0;
    while i < w.len() {
        let word = w[i].as_ref();
        if !(word.starts_with(|c: char| c.is_ascii_digit())
            || word.contains('-')
            || lex.starters.contains(word))
        {
            i += 1;
            continue;
        }
        let (qualifier, qlen) = if lex.qualifier_starts.contains(w[i].as_ref()) {
            lex.qualifiers
                .iter()
                .find(|(_, p)| starts_with(w, i, p))
                .map_or(("exact", 0), |(k, p)| (k.as_str(), p.len()))
        } else {
            ("exact", 0)
        };
        let Some((value, nlen)) = number_at(w, i + qlen) else {
            i += 1;
            continue;
        };
        let after = i + qlen + nlen;
        // the unit noun, right after the number or after one adjective
        let unit = (after..(after + 2).min(w.len()))
            .find_map(|j| lex.nouns.at(w, j).map(|(k, p)| (k.clone(), j + p.len())));
        let Some((mut kind, end_word)) = unit else {
            i += 1;
            continue;
        };
        let mut last = end_word - 1;
        if kind == "people" || kind == "troops" {
            for j in end_word..(end_word + 6).min(w.len()) {
                if let Some((_, v)) = lex.death_verbs.at(w, j) {
                    kind = "deaths".into();
                    last = j + v.len() - 1;
                    break;
                }
                if let Some((_, v)) = lex.injury_verbs.at(w, j) {
                    kind = "injured".into();
                    last = j + v.len() - 1;
                    break;
                }
            }
        }
        // "lasted for two hours": the verb before belongs to the figure
        let mut first = i;
        if kind.starts_with("duration") && qlen == 0 && i >= 1 && w[i - 1] == "for" {
            first = i - 1;
            if i >= 2 && (w[i - 2].starts_with("last") || w[i - 2].starts_with("continu")) {
                first = i - 2;
            }
        }
        if kind.starts_with("duration") && qualifier == "exact" && nlen == 1 && w[i] == "a" {
            i = after;
            continue; // "a day" is rarely a figure worth keeping
        }
        let span = (spans[first].0, spans[last].1);
        out.push(Quantity {
            article: article.to_string(),
            kind,
            value,
            qualifier: qualifier.to_string(),
            span,
            text: text[span.0..span.1].to_string(),
        });
        i = last + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(t: &str) -> Vec<(String, f64, String, String)> {
        find_quantities(t, (0, t.len()), "a")
            .into_iter()
            .map(|q| (q.kind, q.value, q.qualifier, q.text))
            .collect()
    }

    #[test]
    fn seed_figures() {
        assert_eq!(
            q("More than 90,000 troops are believed to be on the border."),
            vec![(
                "troops".into(),
                90000.0,
                "more_than".into(),
                "More than 90,000 troops".into()
            )]
        );
        assert_eq!(
            q("More than 13,000 people have died as a result."),
            vec![(
                "deaths".into(),
                13000.0,
                "more_than".into(),
                "More than 13,000 people have died".into()
            )]
        );
        assert_eq!(
            q("The virtual talks lasted for two hours."),
            vec![(
                "duration_hours".into(),
                2.0,
                "exact".into(),
                "lasted for two hours".into()
            )]
        );
        assert_eq!(q("After three and a half hours of talks")[0].1, 3.5);
    }

    #[test]
    fn words_and_multipliers() {
        assert_eq!(q("some 100,000 soldiers")[0].1, 100000.0);
        assert_eq!(
            q("nearly one hundred and seventy-five thousand troops")[0].1,
            175_000.0
        );
        assert_eq!(q("up to 2 million people")[0].1, 2_000_000.0);
        assert_eq!(q("at least 12 civilians were killed")[0].0, "deaths");
        assert!(q("Nord Stream 2 pipeline").is_empty());
        assert!(q("in 2014, Russia").is_empty());
    }
}
