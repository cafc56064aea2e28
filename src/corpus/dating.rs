//! Publication dates for articles that state none.
//!
//! In order of trust: (1) events the article shares with dated articles —
//! its "talks on Tuesday" (`XXXX-WXX-2`) are the call that other articles
//! date to Tuesday 2021-12-07, so it was published within the week after;
//! each candidate date is tried and the one under which most of the
//! article's events agree with the dated articles' wins; (2) the latest full
//! date stated in its text; (3) the file's modification time, recorded as a
//! suggestion only (copies and checkouts reset it). The basis and a
//! confidence are recorded, and a dated article is analysed again so that its
//! relative expressions resolve.

use super::cluster::Features;
use crate::extract::{Analysis, with_publication_date};
use crate::extract::{Event, PloverType};
use crate::ingest::{DateInference, DateSource};
use crate::nlp::temporal::{Precision, Resolution, value_range};
use chrono::{Datelike, Duration, NaiveDate};
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;

/// Days after a shared event that an article may have been published.
const REPORTING_WINDOW: i64 = 6;

/// Whether a concrete date fits an underspecified TIMEX3 value
/// (`XXXX-WXX-2` a Tuesday, `XXXX-07` July, `XXXX-12-07`).
fn fits(pattern: &str, d: NaiveDate) -> bool {
    if let Some(wd) = pattern.strip_prefix("XXXX-WXX-") {
        return wd
            .get(..1)
            .and_then(|w| w.parse::<u32>().ok())
            .is_some_and(|w| d.weekday().number_from_monday() == w);
    }
    let parts: Vec<&str> = pattern
        .get(..pattern.len().min(10))
        .unwrap_or("")
        .split('-')
        .collect();
    match parts.as_slice() {
        ["XXXX", m] => m.parse::<u32>().is_ok_and(|m| d.month() == m),
        ["XXXX", m, day] => {
            m.parse::<u32>().is_ok_and(|m| d.month() == m)
                && day.parse::<u32>().is_ok_and(|x| d.day() == x)
        }
        _ => false,
    }
}

/// The events of the dated articles, indexed by (type, participant) and
/// sorted by day, so each question looks at a few neighbours only.
struct DatedIndex<'a> {
    features: Vec<Features<'a>>,
    days: Vec<Option<NaiveDate>>,
    buckets: HashMap<(PloverType, &'a str), Vec<(NaiveDate, usize)>>,
}

impl<'a> DatedIndex<'a> {
    /// The index of the articles whose date is stated (or set by the
    /// analyst): inferred dates are not evidence for others, so linking
    /// again gives the same dates.
    fn new(analyses: &'a [Analysis]) -> Self {
        let events: Vec<&Event> = analyses
            .iter()
            .filter(|a| {
                a.article.published.is_some() && a.article.published_source != DateSource::Inferred
            })
            .flat_map(|a| &a.events)
            .collect();
        let (features, days): (Vec<Features<'a>>, Vec<Option<NaiveDate>>) = events
            .par_iter()
            .map(|e| {
                let day = e
                    .date
                    .value
                    .as_deref()
                    .and_then(value_range)
                    .and_then(|(s, t)| (s == t).then_some(s));
                (Features::of(e), day)
            })
            .unzip();
        let mut buckets: HashMap<(PloverType, &'a str), Vec<(NaiveDate, usize)>> =
            HashMap::default();
        for (i, f) in features.iter().enumerate() {
            if let Some((start, _, _)) = f.period {
                for code in &f.participants {
                    buckets
                        .entry((f.event_type, code))
                        .or_default()
                        .push((start, i));
                }
            }
        }
        buckets.par_iter_mut().for_each(|(_, b)| b.sort_unstable());
        DatedIndex {
            features,
            days,
            buckets,
        }
    }

    /// Indices of dated events sharing type and an actor with `f` whose
    /// period starts within `[from, to]`, at most `MAX_NEIGHBOURS` per bucket.
    fn near(&self, f: &Features<'_>, from: NaiveDate, to: NaiveDate) -> Vec<usize> {
        let mut out = Vec::new();
        for code in &f.participants {
            if let Some(b) = self.buckets.get(&(f.event_type, *code)) {
                let lo = b.partition_point(|(d, _)| *d < from);
                out.extend(
                    b[lo..]
                        .iter()
                        .take_while(|(d, _)| *d <= to)
                        .take(MAX_NEIGHBOURS)
                        .map(|(_, i)| *i),
                );
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// Dated neighbours examined per bucket and question.
const MAX_NEIGHBOURS: usize = 64;

/// How many events of `a` agree with an event of the dated articles.
fn agreements(a: &Analysis, index: &DatedIndex<'_>) -> usize {
    a.events
        .iter()
        .filter(|e| {
            let f = Features::of(e);
            let Some((s, t, _)) = f.period else {
                return false;
            };
            index
                .near(&f, s - Duration::days(400), t)
                .into_iter()
                .any(|i| f.compatible(&index.features[i]))
        })
        .count()
}

/// Votes for publication dates from shared events: each event of `a` with
/// an underspecified date that matches a dated event on day D votes for the
/// days D..D+6 (the article reports it within the week). Returns the days
/// with the most votes, best first (ties: earliest), and the vote count.
fn vote(a: &Analysis, index: &DatedIndex<'_>) -> Option<(NaiveDate, usize)> {
    let mut votes: HashMap<NaiveDate, usize> = HashMap::default();
    let far_past = NaiveDate::from_ymd_opt(1, 1, 1).expect("valid");
    let far_future = NaiveDate::from_ymd_opt(9999, 12, 31).expect("valid");
    for e in &a.events {
        let Some(pattern) = e.date.value.as_deref().filter(|v| v.starts_with("XXXX")) else {
            continue;
        };
        // the event as if it were dated to a candidate day
        let mut pf = Features::on_day(e, far_past);
        let mut days: Vec<NaiveDate> = Vec::new();
        for i in index.near(&pf, far_past, far_future) {
            let Some(day) = index.days[i] else { continue };
            if !fits(pattern, day) || days.contains(&day) {
                continue;
            }
            pf.period = Some((day, day, true));
            if pf.compatible(&index.features[i]) {
                days.push(day);
            }
        }
        // one vote per event and candidate day
        let mut voted: Vec<NaiveDate> = days
            .iter()
            .flat_map(|d| (0..=REPORTING_WINDOW).map(move |k| *d + Duration::days(k)))
            .collect();
        voted.sort_unstable();
        voted.dedup();
        for d in voted {
            *votes.entry(d).or_default() += 1;
        }
    }
    votes
        .into_iter()
        .max_by_key(|(d, n)| (*n, std::cmp::Reverse(*d)))
}

/// Re-analyses `a` with `date` as an inferred publication date.
fn redate(a: &Analysis, date: NaiveDate, basis: String, confidence: f64) -> Analysis {
    let mut out = with_publication_date(a, date, DateSource::Inferred);
    out.article.published_inference = Some(DateInference { basis, confidence });
    out
}

/// Infers a publication date for every article without one, in place.
pub fn infer_publication_dates(analyses: &mut [Analysis]) {
    let undated: Vec<usize> = (0..analyses.len())
        .filter(|&i| analyses[i].article.published.is_none())
        .collect();
    if undated.is_empty() {
        return;
    }
    let updates: Vec<(usize, Analysis)>;
    {
        let index = DatedIndex::new(analyses);
        updates = undated
            .par_iter()
            .filter_map(|&i| {
                // a bug met while dating one article leaves it undated, with
                // the reason among its warnings, and the others go on
                let a = &analyses[i];
                let names = || (a.article.path.clone(), super::article_label(&a.article));
                match super::contain(names, || date_one(a, &index)) {
                    Ok(dated) => dated.map(|d| (i, d)),
                    Err(e) => {
                        let mut kept = a.clone();
                        kept.article.warnings.push(e.to_string());
                        Some((i, kept))
                    }
                }
            })
            .collect();
    }
    for (i, a) in updates {
        analyses[i] = a;
    }
}

/// The analysis of an undated article with its inferred date (or with a
/// suggestion only), if any evidence was found.
fn date_one(a: &Analysis, index: &DatedIndex<'_>) -> Option<Analysis> {
    let best = vote(a, index).and_then(|(date, votes)| {
        let trial = redate(a, date, String::new(), 0.0);
        let n = agreements(&trial, index);
        (n > 0).then_some((n.max(votes), date, trial))
    });
    if let Some((n, date, mut trial)) = best {
        let relative = a
            .events
            .iter()
            .filter(|e| {
                e.date
                    .value
                    .as_deref()
                    .is_some_and(|v| v.starts_with("XXXX"))
            })
            .count();
        let confidence = (0.5 + 0.5 * n as f64 / relative.max(n) as f64).min(0.95);
        let basis = format!(
            "{n} event(s) shared with dated articles agree with publication on {date} (the earliest such day)"
        );
        trial.article.published_inference = Some(DateInference { basis, confidence });
        Some(trial)
    } else if let Some(date) = latest_stated_date(a) {
        let basis = format!("the latest full date stated in the text, {date}");
        Some(redate(a, date, basis, 0.3))
    } else {
        // Too weak to apply (a copy or a checkout sets it): kept as a
        // suggestion the user can accept.
        let date = file_date(&a.article.path)?;
        let mut kept = a.clone();
        kept.article.published_inference = Some(DateInference {
            basis: format!("suggestion only, not applied: the file's modification time, {date}"),
            confidence: 0.1,
        });
        Some(kept)
    }
}

/// The latest day-precision absolute date in the text.
fn latest_stated_date(a: &Analysis) -> Option<NaiveDate> {
    a.timexes
        .iter()
        .filter(|t| t.resolution == Resolution::Absolute && t.precision == Precision::Day)
        .filter_map(|t| NaiveDate::parse_from_str(&t.value, "%Y-%m-%d").ok())
        .max()
}

/// The modification day of a file, if it is one.
fn file_date(path: &str) -> Option<NaiveDate> {
    if path == "-" {
        return None;
    }
    let modified = std::fs::metadata(path).ok()?.modified().ok()?;
    let dt: chrono::DateTime<chrono::Utc> = modified.into();
    Some(dt.date_naive())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::analyze_text as analysis;

    #[test]
    fn patterns_fit_days() {
        let tue = NaiveDate::from_ymd_opt(2021, 12, 7).unwrap();
        assert!(fits("XXXX-WXX-2", tue));
        assert!(!fits("XXXX-WXX-3", tue));
        assert!(fits("XXXX-12", tue));
        assert!(fits("XXXX-12-07", tue));
        assert!(!fits("XXXX-07", tue));
        assert!(!fits("2021-12-07", tue));
    }

    #[test]
    fn only_stated_dates_are_evidence_so_linking_again_changes_nothing() {
        let mut analyses = vec![
            analysis(
                "a.txt",
                " date 2021-12-08 Talks\n\nJoe Biden and Vladimir Putin held talks on Tuesday.",
            ),
            // shares the Tuesday talks with a.txt: dated from them
            analysis(
                "b.txt",
                "Talks\n\nJoe Biden and Vladimir Putin held talks on Tuesday. \
                 Xi Jinping and Narendra Modi held talks on Friday.",
            ),
            // shares only the Friday talks, with b.txt, whose date is inferred
            analysis(
                "c.txt",
                "Talks\n\nXi Jinping and Narendra Modi held talks on Friday.",
            ),
        ];
        infer_publication_dates(&mut analyses);
        let b = &analyses[1].article;
        assert_eq!(b.published_source, DateSource::Inferred);
        assert_eq!(b.published, NaiveDate::from_ymd_opt(2021, 12, 7));
        let first: Vec<_> = analyses.iter().map(|a| a.article.published).collect();
        assert_eq!(
            first[2], None,
            "an inferred date does not date another article"
        );
        infer_publication_dates(&mut analyses);
        let again: Vec<_> = analyses.iter().map(|a| a.article.published).collect();
        assert_eq!(first, again);
    }
}
