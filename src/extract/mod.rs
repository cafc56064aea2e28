//! The analysis of one article: sentences with their reference times, time
//! expressions, event mentions and figures. [`analyze`] is the function the
//! CLI and the GUI both call.

pub mod actors;
mod clause;
pub(crate) mod dating;
pub mod dictionaries;
pub mod event;
pub mod events;
pub mod gazetteer;
pub mod lexicon;
pub mod modality;
pub mod names;
pub mod places;
pub mod quantities;
pub mod relevance;
mod roles;
pub mod text;
pub mod tree_roles;
pub(crate) mod triggers;

pub use event::{
    ActorMention, DateBasis, Event, EventDate, Location, LocationBasis, LocationPrecision,
    Modality, PloverType, Quantity, Review, Trigger,
};

use crate::Span;
use crate::ingest::{Article, DateSource, RegionKind};
use crate::nlp::reference_time::{ReferenceTime, reference_times};
use crate::nlp::segment::{Sentence, segment};
use crate::nlp::temporal::{self, Precision, Timex};
use chrono::NaiveDate;
use serde::Serialize;
use std::time::Instant;
use text::Words;

/// A sentence with the time the story is at.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnalyzedSentence {
    /// Span and paragraph.
    #[serde(flatten)]
    pub sentence: Sentence,
    /// The narrative reference time.
    pub reference_time: ReferenceTime,
}

/// Everything extracted from one article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Analysis {
    /// The article (with its publication date, possibly from a dateline).
    pub article: Article,
    /// Its sentences.
    pub sentences: Vec<AnalyzedSentence>,
    /// Its time expressions, sorted by start.
    pub timexes: Vec<Timex>,
    /// Its event mentions, sorted by start.
    pub events: Vec<Event>,
    /// The figures it states.
    pub quantities: Vec<Quantity>,
    /// The places it names, linked to the gazetteer.
    pub places: Vec<places::PlaceMention>,
}

/// Analyses one article: segmentation, temporal tagging against the
/// publication date (looked for in a dateline when the file gives none),
/// reference times, events and figures. Linear in the length of the text.
pub fn analyze(article: Article) -> Analysis {
    match analyze_until(article, &mut || false) {
        Some(a) => a,
        None => unreachable!("an analysis that is never stopped finishes"),
    }
}

/// The analysis of an article ran past its deadline ([`analyze_within`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeadlinePassed;

impl std::fmt::Display for DeadlinePassed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the analysis ran past its deadline")
    }
}

impl std::error::Error for DeadlinePassed {}

/// [`analyze`] with a time budget: the clock is read at the start of every
/// sentence of each stage (and every trigger, and every thousand tokens of a
/// long sentence), and the analysis gives up once `deadline` has passed, so
/// that a pathological article costs about its budget and no more.
pub fn analyze_within(article: Article, deadline: Instant) -> Result<Analysis, DeadlinePassed> {
    analyze_until(article, &mut || Instant::now() >= deadline).ok_or(DeadlinePassed)
}

/// The analysis, given up (`None`) as soon as `stop()` says so.
fn analyze_until(mut article: Article, stop: &mut dyn FnMut() -> bool) -> Option<Analysis> {
    if stop() {
        return None;
    }
    let sentences = segment(&article.text, &article.body_spans());
    let spans: Vec<Span> = sentences.iter().map(|s| s.span).collect();
    if article.published.is_none()
        && let Some(date) = dateline_date(&article.text, &sentences)
    {
        article.set_published(Some(date), DateSource::Dateline);
    }
    if stop() {
        return None;
    }
    let lower = article.text.to_ascii_lowercase();
    let timexes =
        temporal::tag_lowered_until(&article.text, &lower, &spans, article.published, stop)?;
    if stop() {
        return None;
    }
    let refs = reference_times(&article.text, &sentences, &timexes, article.published);
    let mut words: Vec<Words<'_>> = Vec::with_capacity(sentences.len());
    let mut quantities: Vec<Quantity> = Vec::new();
    for s in &sentences {
        if stop() {
            return None;
        }
        let w = Words::of(&article.text, &lower, s.span);
        quantities.extend(quantities::quantities_in(&article.text, &w, &article.id));
        words.push(w);
    }
    let inputs: Vec<events::SentenceInput<'_>> = sentences
        .iter()
        .zip(&refs)
        .zip(&words)
        .map(|((s, r), words)| events::SentenceInput {
            span: s.span,
            reference_time: r,
            words,
            headline: article.regions.iter().any(|g| {
                g.kind == RegionKind::Title && g.span.0 <= s.span.0 && s.span.1 <= g.span.1
            }),
        })
        .collect();
    let found = events::find_events(
        &article.text,
        &article.id,
        article.published,
        &inputs,
        &timexes,
        &quantities,
        stop,
    )?;
    let stopped_at = found.stopped_at;
    let mut events = found.events;
    if let Some(at) = stopped_at {
        article.warnings.push(format!(
            "more than {} events: the text after byte {at} was not searched for events or places",
            events::MAX_EVENTS_PER_ARTICLE
        ));
    }
    drop(inputs);
    drop(words);
    let actor_states: Vec<&str> = events
        .iter()
        .flat_map(|e| e.source.iter().chain(&e.target))
        .filter_map(|m| m.country.as_deref())
        .collect();
    // past the event cap, places are not searched either: they serve the
    // events and the map of what was read
    let searched = stopped_at.map_or(spans.len(), |at| spans.partition_point(|s| s.1 <= at));
    let places = places::find_places(&article.text, &spans[..searched], &actor_states);
    drop(actor_states);
    places::locate_events(&article.text, &spans, &places, &mut events);
    roles::police_of_the_place(&mut events);
    roles::agents_of_the_place(&mut events);
    dating::date_from_reported_event(&article.text, &mut events);
    let sentences = sentences
        .into_iter()
        .zip(refs)
        .map(|(sentence, reference_time)| AnalyzedSentence {
            sentence,
            reference_time,
        })
        .collect();
    Some(Analysis {
        article,
        sentences,
        timexes,
        events,
        quantities,
        places,
    })
}

/// The analysis of `text` read as the file `name` (for the tests of the
/// extraction rules).
#[cfg(test)]
pub(crate) fn analyze_text(name: &str, text: &str) -> Analysis {
    let source = crate::ingest::Source::new(name);
    analyze(
        crate::ingest::read_bytes(&source, text.as_bytes())
            .remove(0)
            .expect("a readable test text"),
    )
}

/// Builds the lexicons and automata the analysis uses (a fraction of a
/// second of work) by analysing a short article, so that the first real
/// articles do not wait for them: run it while a window opens or while the
/// files to load are listed.
pub fn warm_up() {
    let text = "Talks\n\nWASHINGTON, Dec. 7, 2021 - U.S. President Joe Biden warned \
                Vladimir Putin on Tuesday that Russia would face sanctions if more than \
                90,000 troops invade Ukraine, officials said. Meanwhile, the envoys met.";
    let source = crate::ingest::Source::new("warm-up.txt");
    for article in crate::ingest::read_bytes(&source, text.as_bytes())
        .into_iter()
        .flatten()
    {
        let a = analyze(article);
        if let Some(date) = a.article.published {
            with_publication_date(&a, date, DateSource::Inferred);
        }
    }
}

/// The analysis of the same article under another publication date
/// (`source` says where it comes from): time expressions, narrative times
/// and event dates are resolved again, the rest is kept. When the date
/// changes which words are time expressions, the article is analysed afresh,
/// so the result is always what [`analyze`] gives with that date.
pub fn with_publication_date(a: &Analysis, date: NaiveDate, source: DateSource) -> Analysis {
    let mut article = a.article.clone();
    article.set_published(Some(date), source);
    let spans: Vec<Span> = a.sentences.iter().map(|s| s.sentence.span).collect();
    let timexes = temporal::tag(&article.text, &spans, article.published);
    let same_spans = timexes.len() == a.timexes.len()
        && timexes
            .iter()
            .zip(&a.timexes)
            .all(|(x, y)| x.span == y.span);
    if !same_spans {
        return analyze(article);
    }
    let sentences: Vec<Sentence> = a.sentences.iter().map(|s| s.sentence).collect();
    let refs = reference_times(&article.text, &sentences, &timexes, article.published);
    let mut events = a.events.clone();
    dating::redate_events(
        &article.text,
        article.published,
        &mut events,
        &spans,
        &refs,
        &timexes,
    );
    let sentences = sentences
        .into_iter()
        .zip(refs)
        .map(|(sentence, reference_time)| AnalyzedSentence {
            sentence,
            reference_time,
        })
        .collect();
    Analysis {
        article,
        sentences,
        timexes,
        events,
        quantities: a.quantities.clone(),
        places: a.places.clone(),
    }
}

/// A full calendar date (day, month and year) in the first paragraph, as in
/// "WASHINGTON, Dec. 7, 2021 (Reuters) -".
fn dateline_date(text: &str, sentences: &[Sentence]) -> Option<chrono::NaiveDate> {
    let first: Vec<Span> = sentences
        .iter()
        .take_while(|s| s.paragraph <= 1)
        .map(|s| s.span)
        .collect();
    temporal::tag(text, &first, None)
        .into_iter()
        .filter(|t| t.precision == Precision::Day && t.value.len() == 10)
        .find_map(|t| chrono::NaiveDate::parse_from_str(&t.value, "%Y-%m-%d").ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{Source, read_bytes};

    #[test]
    fn redating_gives_what_a_fresh_analysis_gives() {
        let texts = [
            include_str!("../../seeds/001_f433594d73ce1560.txt"),
            include_str!("../../seeds/000_d4fc54c481534265.txt"),
            "Talks\n\nBiden and Putin spoke on Tuesday. Last month Russia massed troops \
             near the border. In April it held drills, and next week the envoys meet again. \
             The summit was held 3 days ago.",
        ];
        for text in texts {
            let mut undated = read_bytes(&Source::new("u.txt"), text.as_bytes())
                .remove(0)
                .unwrap();
            undated.set_published(None, DateSource::Unknown);
            let first = analyze(undated.clone());
            assert_eq!(first.article.published, None);
            for date in ["2021-12-08", "2022-02-24", "1999-01-01"] {
                let date: NaiveDate = date.parse().unwrap();
                let mut dated = undated.clone();
                dated.set_published(Some(date), DateSource::Inferred);
                let fresh = analyze(dated);
                let redated = with_publication_date(&first, date, DateSource::Inferred);
                assert!(!fresh.events.is_empty());
                assert_eq!(redated, fresh, "{date}");
            }
        }
    }

    #[test]
    fn text_dense_with_events_stops_at_the_cap_and_says_where() {
        let sentence = "Russia attacked Ukraine and NATO warned Moscow. ";
        let n = events::MAX_EVENTS_PER_ARTICLE / 2 + 200;
        let head = "Dense\ndate 2022-02-24\n\n";
        let an = analyze_text("dense.txt", &format!("{head}{}", sentence.repeat(n)));
        assert!(an.events.len() <= events::MAX_EVENTS_PER_ARTICLE + 2);
        assert!(
            an.events.len() >= events::MAX_EVENTS_PER_ARTICLE - 2,
            "{} {:?}",
            an.events.len(),
            an.article.warnings
        );
        let warning = an
            .article
            .warnings
            .iter()
            .find(|w| w.starts_with("more than 5000 events"))
            .expect("a warning says the search stopped");
        // it names the byte where the search stopped: a sentence's end
        let at: usize = warning
            .split("after byte ")
            .nth(1)
            .and_then(|r| r.split(' ').next())
            .and_then(|b| b.parse().ok())
            .expect("a byte offset");
        assert_eq!((at - head.len()) % sentence.len(), sentence.len() - 1);
        assert!(an.events.iter().all(|e| e.span.1 <= at));
        assert!(!an.places.is_empty());
        assert!(an.places.iter().all(|p| p.span.1 <= at));
        // an article under the cap has no such warning
        let small = analyze_text("small.txt", &format!("{head}{}", sentence.repeat(20)));
        assert_eq!(small.events.len(), 40);
        assert!(
            small
                .article
                .warnings
                .iter()
                .all(|w| !w.contains("events:"))
        );
    }

    #[test]
    fn dateline_gives_the_publication_date() {
        let text = "Talks in Geneva\n\nGENEVA, June 16, 2021 (Reuters) - Biden and Putin met on Wednesday.";
        let a = read_bytes(&Source::new("d.txt"), text.as_bytes())
            .remove(0)
            .unwrap();
        let an = analyze(a);
        assert_eq!(an.article.published_source, DateSource::Dateline);
        assert_eq!(
            an.article.published,
            chrono::NaiveDate::from_ymd_opt(2021, 6, 16)
        );
        assert!(an.article.warnings.is_empty(), "{:?}", an.article.warnings);
    }

    #[test]
    fn habitual_statements_are_not_events_on_a_day() {
        let a = analyze_text(
            "h.txt",
            " date 2021-12-07 Sanctions\n\nFor years the United States has imposed sanctions on Russia.\n",
        );
        let e = a
            .events
            .iter()
            .find(|e| e.event_type == crate::extract::PloverType::Sanction)
            .expect("the sanction is found");
        assert_eq!(e.modality, Modality::Habitual, "{}", e.rule);
        assert_eq!(e.date.value, None, "not dated to the publication day");
    }

    #[test]
    fn an_event_noun_setting_another_event_is_no_event_of_its_own() {
        let types = |body: &str| -> Vec<(String, String)> {
            analyze_text("s.txt", &format!(" date 2021-12-07 Release\n\n{body}\n"))
                .events
                .iter()
                .map(|e| (e.event_type.name().to_string(), e.trigger.text.clone()))
                .collect()
        };
        // the ceasefire is the news, the war its setting
        let ceasefire = types(
            "Afghan President Ashraf Ghani announced a ceasefire with the Taliban on Tuesday amid an increasingly bloody war.",
        );
        assert!(
            ceasefire.iter().any(|(_, w)| w == "ceasefire"),
            "{ceasefire:?}"
        );
        assert!(!ceasefire.iter().any(|(_, w)| w == "war"), "{ceasefire:?}");
        let release = types(
            "Egypt released the journalist Mahmoud Hussein after more than four years in detention.",
        );
        assert!(release.iter().any(|(t, _)| t == "RETREAT"), "{release:?}");
        assert!(!release.iter().any(|(t, _)| t == "COERCE"), "{release:?}");
        // set off by a comma, the phrase is news of its own
        let expulsions = types(
            "Russia and the United States are at odds over hacking, following repeated waves of diplomatic expulsions.",
        );
        assert!(
            expulsions.iter().any(|(_, w)| w == "expulsions"),
            "{expulsions:?}"
        );
        // a clause's verb after "since" is no noun ("since a bomb ripped
        // through the embassy" is the bomb's event)
        let bomb = types(
            "Kenyan police have questioned dozens since a bomb ripped through the U.S. embassy in Nairobi.",
        );
        assert!(bomb.iter().any(|(t, _)| t == "ASSAULT"), "{bomb:?}");
    }

    #[test]
    fn a_trigger_naming_people_names_its_doers_or_those_it_is_done_to() {
        let roles = |body: &str, ty: &str| -> (Vec<String>, Vec<String>) {
            let a = analyze_text("r.txt", &format!(" date 2021-12-07 Kabul\n\n{body}\n"));
            let e = a
                .events
                .iter()
                .find(|e| e.event_type.name() == ty)
                .unwrap_or_else(|| panic!("no {ty} in {:?}", a.events));
            let texts = |v: &[ActorMention]| v.iter().map(|m| m.text.clone()).collect();
            (texts(&e.source), texts(&e.target))
        };
        let (source, _) = roles(
            "In October, a Taliban suicide bomber killed 15 Afghan Army trainees near Kabul.",
            "ASSAULT",
        );
        assert!(
            source.iter().any(|s| s.contains("suicide bomber")),
            "{source:?}"
        );
        let (_, target) = roles(
            "UN envoy Ibrahim Gambari aims to secure the release of political detainees in Myanmar.",
            "RETREAT",
        );
        assert!(target.iter().any(|t| t.contains("detainees")), "{target:?}");
    }

    #[test]
    fn an_agentless_charge_is_the_judiciary_of_the_place() {
        let a = analyze_text(
            "c.txt",
            " date 1999-05-07 Suspect charged\n\nBUFFALO, N.Y. (AP) _ The FBI said Friday that an abortion doctor was shot dead by a sniper. On May 6, James Kopp, 44, was charged with the slaying.\n",
        );
        let e = a
            .events
            .iter()
            .find(|e| e.trigger.text.contains("charged"))
            .unwrap_or_else(|| panic!("the charge is found: {:?}", a.events));
        assert_eq!(e.event_type, crate::extract::PloverType::Accuse);
        let codes: Vec<&str> = e.source.iter().map(|m| m.code.as_str()).collect();
        assert_eq!(codes, ["USAJUD"], "{}", e.rule);
    }

    #[test]
    fn an_event_dated_after_publication_is_planned() {
        let a = analyze_text(
            "f.txt",
            " date 2021-12-07 Visit\n\nBiden meets Putin in Geneva on December 20, 2021.\n",
        );
        let e = a.events.first().expect("the meeting is found");
        assert_eq!(e.date.value.as_deref(), Some("2021-12-20"));
        assert_eq!(e.modality, Modality::Planned, "{}", e.rule);
        // dated again after the meeting, it is what the clause states
        let later = with_publication_date(
            &a,
            NaiveDate::from_ymd_opt(2022, 1, 5).unwrap(),
            DateSource::User,
        );
        assert_eq!(later.events[0].modality, Modality::Asserted);
    }

    #[test]
    fn a_verb_can_reverse_its_event_noun() {
        let types = |text: &str| -> Vec<crate::extract::PloverType> {
            analyze_text("r.txt", text)
                .events
                .iter()
                .map(|e| e.event_type)
                .collect()
        };
        use crate::extract::PloverType::*;
        let t = types(
            " date 2016-02-01 Aid\n\nSouth Korea suspended humanitarian aid to North Korea.\n",
        );
        assert!(t.contains(&Sanction) && !t.contains(&Aid), "{t:?}");
        let t = types(
            " date 2016-02-01 Curfew\n\nSaudi Arabia eased the curfew it had imposed on Riyadh.\n",
        );
        assert!(t.contains(&Concede), "{t:?}");
        let t = types(" date 2016-02-01 Aid\n\nJapan sent humanitarian aid to Nepal.\n");
        assert!(t.contains(&Aid), "{t:?}");
    }
}
