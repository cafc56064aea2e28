//! Scoring an article-level answer key (the seed key's format, defined in
//! `tests/data/seeds_key/README.md`): the rules of `score_events.py`,
//! applied to the `extract --format json` document.

use chrono::NaiveDate;
use serde_json::Value;
use std::collections::{BTreeMap, HashSet};

/// A key or an output that is not in the expected shape.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct KeyError(String);

/// Checks the fields [`score`] reads, so that scoring never panics.
fn check(key: &Value, out: &Value) -> Result<(), KeyError> {
    let err = |m: &str| Err(KeyError(m.to_string()));
    if !key["articles"].is_object() {
        return err("the key has no `articles` object");
    }
    for field in ["events", "negatives", "timexes", "quantities"] {
        if !key[field].is_array() {
            return err(&format!("the key has no `{field}` list"));
        }
    }
    for e in key["events"].as_array().into_iter().flatten() {
        if !e["article"].is_string()
            || span(&e["span"]).is_none()
            || !e["types"].is_array()
            || !e["source"].is_array()
            || !e["modality"].is_string()
            || !(e["date"].is_null() || e["date"].is_string())
        {
            return err(&format!(
                "a key event lacks article, span, types, source, modality or date: {e}"
            ));
        }
    }
    for n in key["negatives"].as_array().into_iter().flatten() {
        if !n["article"].is_string() || span(&n["span"]).is_none() || !n["forbidden"].is_array() {
            return err(&format!(
                "a key negative lacks article, span or forbidden: {n}"
            ));
        }
    }
    for t in key["timexes"]
        .as_array()
        .into_iter()
        .flatten()
        .chain(key["quantities"].as_array().into_iter().flatten())
    {
        if !t["article"].is_string() || span(&t["span"]).is_none() {
            return err(&format!(
                "a key timex or quantity lacks article or span: {t}"
            ));
        }
    }
    for field in ["articles", "events", "timexes", "quantities"] {
        if !out[field].is_array() {
            return err(&format!("the output has no `{field}` list"));
        }
    }
    for a in out["articles"].as_array().into_iter().flatten() {
        if !a["id"].is_string() {
            return err("an output article has no id");
        }
    }
    for e in out["events"].as_array().into_iter().flatten() {
        if !e["source"].is_array() {
            return err("an output event has no source list");
        }
    }
    Ok(())
}

type Span = (u64, u64);

/// The codes of a predicted participant list, as `[A,B]`.
fn codes(v: &Value) -> String {
    let list: Vec<&str> = v
        .as_array()
        .map(|a| a.iter().filter_map(|m| m["code"].as_str()).collect())
        .unwrap_or_default();
    format!("[{}]", list.join(","))
}

fn span(v: &Value) -> Option<Span> {
    Some((v.get(0)?.as_u64()?, v.get(1)?.as_u64()?))
}

fn inter(a: Span, b: Span) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// First and last day of an ISO value (YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Www).
/// As the shared scorer reads them, a value goes as far as its numbers do:
/// a season or a part of the day (`1998-FA`, `1998-10-24TNI`) is read as
/// the year or the day before it.
pub fn period(v: &str) -> Option<(NaiveDate, NaiveDate)> {
    if let Some((y, w)) = v.split_once("-W") {
        let y: i32 = y.parse().ok()?;
        let w: u32 = w.get(..2)?.parse().ok()?;
        let d = NaiveDate::from_isoywd_opt(y, w, chrono::Weekday::Mon)?;
        return Some((d, d + chrono::Duration::days(6)));
    }
    let parts: Vec<&str> = v
        .get(..v.len().min(10))?
        .split('-')
        .take_while(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        .collect();
    let y: i32 = parts.first()?.parse().ok()?;
    match parts.len() {
        1 if parts[0].len() == 4 => Some((
            NaiveDate::from_ymd_opt(y, 1, 1)?,
            NaiveDate::from_ymd_opt(y, 12, 31)?,
        )),
        2 => {
            let m: u32 = parts[1].parse().ok()?;
            let first = NaiveDate::from_ymd_opt(y, m, 1)?;
            let next = if m == 12 {
                NaiveDate::from_ymd_opt(y + 1, 1, 1)?
            } else {
                NaiveDate::from_ymd_opt(y, m + 1, 1)?
            };
            Some((first, next.pred_opt()?))
        }
        3 => {
            let d = NaiveDate::from_ymd_opt(y, parts[1].parse().ok()?, parts[2].parse().ok()?)?;
            Some((d, d))
        }
        _ => None,
    }
}

/// Whether a predicted ISO value lies inside the gold one (`2021-12-07` in `2021-12`).
pub fn within(pred: Option<&str>, gold: &str) -> bool {
    match (pred.and_then(period), period(gold)) {
        (Some(p), Some(g)) => g.0 <= p.0 && p.1 <= g.1,
        _ => false,
    }
}

/// The figures the key's README defines.
#[derive(Debug, Default)]
pub struct Figures {
    /// Required key events matched / required key events.
    pub recall: f64,
    /// Predictions matching any key event / all predictions.
    pub precision: f64,
    /// Asserted or reported predictions of a forbidden type on a negative passage.
    pub negation_errors: Vec<String>,
    /// Date accuracy over matched key events with a date, in articles that state their date.
    pub date_accuracy_dated: f64,
    /// The matched events whose date is wrong.
    pub wrong_dates: Vec<String>,
    /// Matched key events with a source whose predicted source codes intersect the key's.
    pub actor_accuracy: f64,
    /// Planned, conditional or hypothetical key events predicted as asserted.
    pub modality_errors: Vec<String>,
    /// Required timexes of dated articles: right, all, and the wrong ones.
    pub timex_dated: (usize, usize, Vec<String>),
    /// Key quantities found, of all.
    pub quantities: (usize, usize),
    /// Required key events not matched.
    pub missed: Vec<String>,
    /// Predictions that match no key event: type, evidence and source codes.
    pub spurious: Vec<String>,
    /// Matched key events whose predicted source misses the key's.
    pub wrong_actors: Vec<String>,
    /// Predicted events.
    pub predicted: usize,
    /// Date accuracy over every matched key event with a date.
    pub date_accuracy_all: f64,
    /// Key pairs across articles co-clustered, of all such pairs.
    pub cluster_pairs: (usize, usize),
    /// Predicted merges of mentions the key keeps apart.
    pub wrong_merges: Vec<String>,
}

/// Scores `out` (the `extract --format json` document) against `key` (an
/// answer key in the seed key's format), as `score_events.py` does.
///
/// # Errors
/// When the key or the output lacks a field the format requires.
pub fn score(key: &Value, out: &Value) -> Result<Figures, KeyError> {
    check(key, out)?;
    let key_articles = key["articles"].as_object().unwrap();
    // map output article ids to key file names
    let mut names = BTreeMap::new();
    for a in out["articles"].as_array().unwrap() {
        for n in [&a["id"], &a["file_name"]] {
            if let Some(n) = n.as_str()
                && key_articles.contains_key(n)
            {
                names.insert(a["id"].as_str().unwrap().to_string(), n.to_string());
                break;
            }
        }
    }
    let fname = |id: &Value| {
        names
            .get(id.as_str().unwrap_or(""))
            .cloned()
            .unwrap_or_default()
    };
    let mut preds: BTreeMap<String, Vec<&Value>> = BTreeMap::new();
    for e in out["events"].as_array().unwrap() {
        preds.entry(fname(&e["article"])).or_default().push(e);
    }
    let keyev = key["events"].as_array().unwrap();
    let ptype = |e: &Value| e["type"].as_str().unwrap_or("").to_string();
    let has_type = |g: &Value, t: &str| g["types"].as_array().unwrap().iter().any(|x| x == t);
    // greedy matching: key events in order, best overlap first
    let mut used = HashSet::new();
    let mut matched: BTreeMap<usize, &Value> = BTreeMap::new();
    for (gi, g) in keyev.iter().enumerate() {
        let art = g["article"].as_str().unwrap();
        let gs = span(&g["span"]).unwrap();
        let mut best: Option<(u64, usize)> = None;
        for (pi, p) in preds
            .get(art)
            .map(Vec::as_slice)
            .unwrap_or(&[])
            .iter()
            .enumerate()
        {
            let Some(ps) = span(&p["span"]) else { continue };
            if used.contains(&(art, pi)) || !has_type(g, &ptype(p)) || !inter(ps, gs) {
                continue;
            }
            let ov = ps.1.min(gs.1) - ps.0.max(gs.0);
            if best.is_none_or(|b| ov > b.0) {
                best = Some((ov, pi));
            }
        }
        if let Some((_, pi)) = best {
            used.insert((art, pi));
            matched.insert(gi, preds[art][pi]);
        }
    }
    let mut f = Figures::default();
    let req: Vec<usize> = (0..keyev.len())
        .filter(|&i| keyev[i]["required"] == true)
        .collect();
    f.recall = req.iter().filter(|i| matched.contains_key(i)).count() as f64 / req.len() as f64;
    f.missed = req
        .iter()
        .filter(|i| !matched.contains_key(i))
        .map(|&i| format!("{} | {}", keyev[i]["article"], keyev[i]["evidence"]))
        .collect();
    f.predicted = preds.values().map(Vec::len).sum();
    let matches_key = |art: &str, p: &Value| {
        span(&p["span"]).is_some_and(|ps| {
            keyev.iter().any(|g| {
                g["article"] == art
                    && has_type(g, &ptype(p))
                    && inter(ps, span(&g["span"]).unwrap())
            })
        })
    };
    let mut correct = 0;
    for (art, ps) in &preds {
        for p in ps {
            if matches_key(art, p) {
                correct += 1;
            } else {
                f.spurious.push(format!(
                    "{art} | {} {} | {}",
                    ptype(p),
                    codes(&p["source"]),
                    p["evidence"]
                ));
            }
        }
    }
    f.precision = if f.predicted > 0 {
        correct as f64 / f.predicted as f64
    } else {
        0.0
    };
    for n in key["negatives"].as_array().unwrap() {
        let ns = span(&n["span"]).unwrap();
        for p in preds
            .get(n["article"].as_str().unwrap())
            .map(Vec::as_slice)
            .unwrap_or(&[])
        {
            let forbidden = n["forbidden"]
                .as_array()
                .unwrap()
                .iter()
                .any(|t| *t == p["type"]);
            let modality = p["modality"].as_str().unwrap_or("asserted");
            if span(&p["span"]).is_some_and(|ps| inter(ps, ns))
                && forbidden
                && matches!(modality, "asserted" | "reported")
            {
                f.negation_errors
                    .push(format!("{} | {} {}", n["evidence"], p["type"], modality));
            }
        }
    }
    let dated_articles: Vec<&String> = key_articles
        .iter()
        .filter(|(_, a)| !a["published"].is_null())
        .map(|(n, _)| n)
        .collect();
    let dated: Vec<usize> = matched
        .keys()
        .copied()
        .filter(|&i| !keyev[i]["date"].is_null())
        .filter(|&i| {
            dated_articles
                .iter()
                .any(|a| keyev[i]["article"] == a.as_str())
        })
        .collect();
    let date_right = |i: usize| {
        within(
            matched[&i]["date"]["value"].as_str(),
            keyev[i]["date"].as_str().unwrap_or_default(),
        )
    };
    let accuracy = |events: &[usize]| {
        if events.is_empty() {
            0.0
        } else {
            events.iter().filter(|&&i| date_right(i)).count() as f64 / events.len() as f64
        }
    };
    f.wrong_dates = dated
        .iter()
        .filter(|&&i| !date_right(i))
        .map(|&i| {
            format!(
                "{} | key {} got {}",
                keyev[i]["evidence"], keyev[i]["date"], matched[&i]["date"]["value"]
            )
        })
        .collect();
    f.date_accuracy_dated = accuracy(&dated);
    let all_dated: Vec<usize> = matched
        .keys()
        .copied()
        .filter(|&i| !keyev[i]["date"].is_null())
        .collect();
    f.date_accuracy_all = accuracy(&all_dated);
    // clusters: key pairs across articles co-clustered; no merge the key does not make
    let cluster_of = |i: usize| matched.get(&i).and_then(|p| p["cluster"].as_str());
    let (mut pairs, mut co) = (0, 0);
    for a in 0..keyev.len() {
        for b in a + 1..keyev.len() {
            let (ga, gb) = (&keyev[a], &keyev[b]);
            if ga["cluster"].is_null()
                || ga["cluster"] != gb["cluster"]
                || ga["article"] == gb["article"]
            {
                continue;
            }
            if ga["required"] != true || gb["required"] != true {
                continue;
            }
            pairs += 1;
            if cluster_of(a).is_some() && cluster_of(a) == cluster_of(b) {
                co += 1;
            }
        }
    }
    f.cluster_pairs = (co, pairs);
    let mi: Vec<usize> = matched.keys().copied().collect();
    for (x, &a) in mi.iter().enumerate() {
        for &b in &mi[x + 1..] {
            let (ga, gb) = (&keyev[a], &keyev[b]);
            if ga["article"] == gb["article"] {
                continue;
            }
            let same_key = !ga["cluster"].is_null() && ga["cluster"] == gb["cluster"];
            if cluster_of(a).is_some() && cluster_of(a) == cluster_of(b) && !same_key {
                f.wrong_merges
                    .push(format!("{} + {}", ga["evidence"], gb["evidence"]));
            }
        }
    }
    let with_src: Vec<usize> = matched
        .keys()
        .copied()
        .filter(|&i| !keyev[i]["source"].as_array().unwrap().is_empty())
        .collect();
    let actor_right = |i: usize| {
        let key_src = keyev[i]["source"].as_array().unwrap();
        matched[&i]["source"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| key_src.contains(&m["code"]))
    };
    let actor_ok = with_src.iter().filter(|&&i| actor_right(i)).count();
    f.wrong_actors = with_src
        .iter()
        .filter(|&&i| !actor_right(i))
        .map(|&i| {
            format!(
                "{} | key {} got {}",
                keyev[i]["evidence"],
                keyev[i]["source"],
                codes(&matched[&i]["source"])
            )
        })
        .collect();
    f.actor_accuracy = if with_src.is_empty() {
        0.0
    } else {
        actor_ok as f64 / with_src.len() as f64
    };
    f.modality_errors = matched
        .iter()
        .filter(|(i, p)| {
            matches!(
                keyev[**i]["modality"].as_str().unwrap(),
                "planned" | "conditional" | "hypothetical"
            ) && p["modality"].as_str().unwrap_or("asserted") == "asserted"
        })
        .map(|(i, _)| keyev[*i]["evidence"].to_string())
        .collect();
    let timexes = out["timexes"].as_array().unwrap();
    let treq: Vec<&Value> = key["timexes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| {
            t["required"] == true && dated_articles.iter().any(|a| t["article"] == a.as_str())
        })
        .collect();
    let mut t_bad = Vec::new();
    let t_ok = treq
        .iter()
        .filter(|t| {
            let ok = timexes.iter().any(|p| {
                fname(&p["article"]) == t["article"].as_str().unwrap()
                    && span(&p["span"]).is_some_and(|ps| inter(ps, span(&t["span"]).unwrap()))
                    && p["value"] == t["value"]
            });
            if !ok {
                t_bad.push(format!("{} {} = {}", t["article"], t["text"], t["value"]));
            }
            ok
        })
        .count();
    f.timex_dated = (t_ok, treq.len(), t_bad);
    let quants: Vec<(String, &Value)> = out["quantities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| (fname(&q["article"]), q))
        .collect();
    let kq = key["quantities"].as_array().unwrap();
    let q_ok = kq
        .iter()
        .filter(|k| {
            quants.iter().any(|(art, q)| {
                art == k["article"].as_str().unwrap()
                    && span(&q["span"]).is_some_and(|s| inter(s, span(&k["span"]).unwrap()))
                    && q["kind"] == k["kind"]
                    && q["value"].as_f64() == k["value"].as_f64()
            })
        })
        .count();
    f.quantities = (q_ok, kq.len());
    Ok(f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn period_arithmetic() {
        assert!(within(Some("2021-12-07"), "2021-12"));
        assert!(within(Some("2021-W49"), "2021-12"));
        assert!(!within(Some("2021-12"), "2021-12-07"));
        assert!(within(Some("2014"), "2014"));
        // a season is read as its year, a part of a day as its day
        assert!(within(Some("1998-FA"), "1998"));
        assert!(!within(Some("1998-FA"), "1998-10"));
        assert!(within(Some("1999-10-24TNI"), "1999-10"));
        assert!(period("FA").is_none());
        assert!(!within(None, "2014"));
    }
}
