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

use super::cluster::same_event;
use crate::extract::{Analysis, Event, analyze};
use crate::ingest::{DateInference, DateSource};
use crate::nlp::temporal::{Precision, Resolution, value_range};
use chrono::{Datelike, Duration, NaiveDate};

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

/// Events of dated articles with a day-precision date, as (event, day).
fn dated_events(analyses: &[Analysis]) -> Vec<(&Event, NaiveDate)> {
    analyses
        .iter()
        .filter(|a| a.article.published.is_some())
        .flat_map(|a| &a.events)
        .filter_map(|e| {
            let (s, t) = value_range(e.date.value.as_deref()?)?;
            (s == t).then_some((e, s))
        })
        .collect()
}

/// How many events of `a` agree with an event of the dated articles.
fn agreements(a: &Analysis, dated: &[(&Event, NaiveDate)]) -> usize {
    a.events
        .iter()
        .filter(|e| dated.iter().any(|(d, _)| same_event(e, d)))
        .count()
}

/// Candidate publication dates from shared events: for each event of `a`
/// with an underspecified date, the days after a matching dated event.
fn candidates(a: &Analysis, dated: &[(&Event, NaiveDate)]) -> Vec<NaiveDate> {
    let mut out = Vec::new();
    for e in &a.events {
        let Some(pattern) = e.date.value.as_deref().filter(|v| v.starts_with("XXXX")) else {
            continue;
        };
        for (d, day) in dated {
            let mut probe = e.clone();
            probe.date = d.date.clone();
            if fits(pattern, *day) && same_event(&probe, d) {
                out.extend((0..=REPORTING_WINDOW).map(|k| *day + Duration::days(k)));
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Re-analyses `a` with `date` as an inferred publication date.
fn redate(a: &Analysis, date: NaiveDate, basis: String, confidence: f64) -> Analysis {
    let mut article = a.article.clone();
    article.set_published(Some(date), DateSource::Inferred);
    let mut out = analyze(article);
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
    let mut updates = Vec::new();
    {
        let dated = dated_events(analyses);
        for &i in &undated {
            let a = &analyses[i];
            let best = candidates(a, &dated)
                .into_iter()
                .map(|c| {
                    let trial = redate(a, c, String::new(), 0.0);
                    (agreements(&trial, &dated), c)
                })
                .filter(|(n, _)| *n > 0)
                .max_by_key(|(n, c)| (*n, std::cmp::Reverse(*c)));
            if let Some((n, date)) = best {
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
                updates.push((i, redate(a, date, basis, confidence)));
            } else if let Some(date) = latest_stated_date(a) {
                let basis = format!("the latest full date stated in the text, {date}");
                updates.push((i, redate(a, date, basis, 0.3)));
            } else if let Some(date) = file_date(&a.article.path) {
                // Too weak to apply (a copy or a checkout sets it): kept as a
                // suggestion the user can accept.
                let mut kept = a.clone();
                kept.article.published_inference = Some(DateInference {
                    basis: format!(
                        "suggestion only, not applied: the file's modification time, {date}"
                    ),
                    confidence: 0.1,
                });
                updates.push((i, kept));
            }
        }
    }
    for (i, a) in updates {
        analyses[i] = a;
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
}
