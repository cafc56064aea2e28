//! Acts told again in later articles: "the bombings" in a story a week
//! after them are the bombings the first reports date, not an attack on the
//! later story's day.
//!
//! An act of force or coercion that a definite noun tells again ("the
//! blast", "these attacks") with no time of its own, and that its own
//! article does not date elsewhere, takes the date the corpus's other
//! articles give the same act: the same type, asserted or reported alike,
//! dated by a time expression of their own, in the same country where both
//! are placed (else with a shared target), before the retelling article's
//! publication and at most [`RETELLING_WINDOW`] days before it. Where the
//! reports disagree, the date most of them give wins (then the later).

use crate::extract::dating::{coded_targets, date_as_told, may_be_retold, place_country};
use crate::extract::triggers::MATERIAL_CONFLICT;
use crate::extract::{Analysis, Event, EventDate, PloverType};
use chrono::NaiveDate;
use rustc_hash::FxHashMap as HashMap;

/// How many days back a retold act may have happened.
pub const RETELLING_WINDOW: i64 = 60;

/// An act dated by its own words, as a retelling may be matched to it.
struct Dated {
    ty: PloverType,
    modality: crate::extract::Modality,
    country: Option<String>,
    targets: Vec<String>,
    start: NaiveDate,
    date: EventDate,
}

fn start_of(e: &Event) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(e.date.start.as_deref()?, "%Y-%m-%d").ok()
}

/// The dated acts by type and country, and by type and target code, each
/// list sorted by date: a retelling looks only at its own type and place,
/// within its window, so the step stays near linear in the corpus.
#[derive(Default)]
struct Index {
    by_place: HashMap<(PloverType, String), Vec<usize>>,
    by_target: HashMap<(PloverType, String), Vec<usize>>,
}

impl Index {
    fn new(dated: &[Dated]) -> Index {
        let mut index = Index::default();
        for (i, d) in dated.iter().enumerate() {
            if let Some(c) = &d.country {
                index.by_place.entry((d.ty, c.clone())).or_default().push(i);
            }
            for t in &d.targets {
                index
                    .by_target
                    .entry((d.ty, t.clone()))
                    .or_default()
                    .push(i);
            }
        }
        for list in index
            .by_place
            .values_mut()
            .chain(index.by_target.values_mut())
        {
            list.sort_by_key(|&i| dated[i].start);
            list.dedup();
        }
        index
    }
}

/// The acts of `list` (sorted by date) dated within the window before
/// `published`.
fn in_window<'d>(
    dated: &'d [Dated],
    list: Option<&'d Vec<usize>>,
    published: NaiveDate,
) -> impl Iterator<Item = &'d Dated> + 'd {
    let list = list.map_or(&[][..], Vec::as_slice);
    let from = published - chrono::Duration::days(RETELLING_WINDOW);
    let lo = list.partition_point(|&i| dated[i].start < from);
    let hi = list.partition_point(|&i| dated[i].start < published);
    list[lo..hi.max(lo)].iter().map(move |&i| &dated[i])
}

/// Dates the retold acts of every article from the others (see the module
/// documentation).
pub fn date_retold_acts(analyses: &mut [Analysis]) {
    let dated: Vec<Dated> = analyses
        .iter()
        .flat_map(|a| &a.events)
        .filter(|e| MATERIAL_CONFLICT.contains(&e.event_type) && e.date.basis.is_own_expression())
        .filter_map(|e| {
            Some(Dated {
                ty: e.event_type,
                modality: e.modality,
                country: place_country(e),
                targets: coded_targets(e),
                start: start_of(e)?,
                date: e.date.clone(),
            })
        })
        .collect();
    if dated.is_empty() {
        return;
    }
    let index = Index::new(&dated);
    for a in analyses.iter_mut() {
        let Some(published) = a.article.published else {
            continue;
        };
        let text = &a.article.text;
        let mut changes: Vec<(usize, EventDate)> = Vec::new();
        for (i, e) in a.events.iter().enumerate() {
            if !may_be_retold(text, e) {
                continue;
            }
            let (here, aims) = (place_country(e), coded_targets(e));
            // the same place where both are placed, else a shared target
            let mut candidates: Vec<&Dated> = Vec::new();
            if let Some(c) = &here {
                candidates.extend(in_window(
                    &dated,
                    index.by_place.get(&(e.event_type, c.clone())),
                    published,
                ));
            }
            for t in &aims {
                candidates.extend(
                    in_window(
                        &dated,
                        index.by_target.get(&(e.event_type, t.clone())),
                        published,
                    )
                    .filter(|d| here.is_none() || d.country.is_none()),
                );
            }
            // one vote per act, however many of its targets matched
            candidates.sort_by_key(|d| std::ptr::from_ref::<Dated>(d) as usize);
            candidates.dedup_by_key(|d| std::ptr::from_ref::<Dated>(d) as usize);
            let mut votes: HashMap<&str, (usize, NaiveDate, &EventDate)> = HashMap::default();
            for d in candidates.into_iter().filter(|d| d.modality == e.modality) {
                let Some(v) = d.date.value.as_deref() else {
                    continue;
                };
                let vote = votes.entry(v).or_insert((0, d.start, &d.date));
                vote.0 += 1;
            }
            if let Some((_, (_, _, date))) = votes
                .into_iter()
                .max_by(|x, y| x.1.0.cmp(&y.1.0).then(x.1.1.cmp(&y.1.1)))
            {
                changes.push((i, date.clone()));
            }
        }
        for (i, date) in changes {
            date_as_told(&mut a.events[i], date, "other articles date it,");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{DateBasis, analyze_text};

    /// A wire story of a bombing at the U.S. embassy in `city`, `country`,
    /// published on `published`, that dates it to `day`.
    fn first_report(id: &str, published: &str, city: &str, country: &str, day: &str) -> Analysis {
        analyze_text(
            id,
            &format!(
                " date {published} A\n\n{}, {country} (AP) _\n\nA bomb exploded outside the \
                 U.S. embassy in {city} on {day}, killing 80 people.\n",
                city.to_uppercase()
            ),
        )
    }

    /// A story of 1998-08-26 that tells the Nairobi blast again.
    fn retelling() -> Analysis {
        analyze_text(
            "b.txt",
            " date 1998-08-26 B\n\nNAIROBI, Kenya (AP) _\n\nThe U.S. ambassador met Kenyan \
             officials on Wednesday. She was hurt in the blast at the embassy.\n",
        )
    }

    fn blast(a: &Analysis) -> &Event {
        a.events
            .iter()
            .find(|e| e.event_type == PloverType::Assault)
            .expect("the blast")
    }

    #[test]
    fn a_blast_told_again_weeks_later_takes_the_first_reports_date() {
        let later = retelling();
        assert_eq!(blast(&later).date.value.as_deref(), Some("1998-08-26"));
        let first = first_report("a.txt", "1998-08-08", "Nairobi", "Kenya", "Friday");
        let mut corpus = vec![first, later];
        date_retold_acts(&mut corpus);
        let e = blast(&corpus[1]);
        assert_eq!(e.date.value.as_deref(), Some("1998-08-07"));
        assert_eq!(e.date.basis, DateBasis::Coreference);
        assert!(e.rule.contains("told again"), "{}", e.rule);
        // the first report keeps its own date
        assert_eq!(blast(&corpus[0]).date.basis, DateBasis::Explicit);
    }

    #[test]
    fn a_retelling_needs_the_same_place_and_an_earlier_date() {
        let elsewhere = first_report("a.txt", "1998-08-08", "Lima", "Peru", "Friday");
        let mut corpus = vec![elsewhere, retelling()];
        date_retold_acts(&mut corpus);
        assert_eq!(blast(&corpus[1]).date.value.as_deref(), Some("1998-08-26"));
        // an act reported after the retelling article is not the one it retells
        let after = first_report("c.txt", "1998-09-08", "Nairobi", "Kenya", "Monday");
        let mut corpus = vec![after, retelling()];
        date_retold_acts(&mut corpus);
        assert_eq!(blast(&corpus[1]).date.value.as_deref(), Some("1998-08-26"));
    }
}
