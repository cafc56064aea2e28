//! The reference time of each sentence: the time the narrative is at.
//!
//! A sentence with a datable time expression of its own is at that time; one
//! without inherits the time of the story around it; a sentence that signals
//! a return to the present ("Meanwhile, ...", "now") is at the publication
//! date, as is the start of an article before any time is mentioned. An
//! expression anchored to an event ("on the eve of the summit") sets its own
//! sentence's time but leaves the story at the anchor's time.

use super::markers::WordMarkers;
use super::segment::Sentence;
use super::temporal::{Resolution, Timex, TimexType};
use crate::Span;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

/// How a time was arrived at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeBasis {
    /// A time expression in the sentence itself.
    Explicit,
    /// Inherited from the story around the sentence.
    Narrative,
    /// The article's publication date.
    Publication,
    /// No time is known.
    Unknown,
}

/// The time a sentence is at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReferenceTime {
    /// A TIMEX3 value (`2021-03`, `2021-12-07`, `XXXX-WXX-2`), or `None` when unknown.
    pub value: Option<String>,
    /// How it was arrived at.
    pub basis: TimeBasis,
    /// The span of the time expression it comes from, if any.
    pub timex: Option<Span>,
}

#[derive(Deserialize)]
struct NarrativeCues {
    present_markers: Vec<String>,
    non_reference_prepositions: Vec<String>,
    flashback_markers: Vec<String>,
    reporting_words: Vec<String>,
}

static CUES: LazyLock<NarrativeCues> = LazyLock::new(|| {
    toml::from_str(include_str!("../../assets/narrative.toml"))
        .expect("assets/narrative.toml is valid (checked by a test)")
});

/// Whether a timex gives a point or period on the calendar (not a duration,
/// a set, `PRESENT_REF` or a value with nothing known, like `XXXX-XX-XX`),
/// fine enough to date a news event: a century (`10`, "the fabled 11th
/// century temple") describes things, it does not date what happens.
pub fn is_datable(t: &Timex) -> bool {
    let century = t.value.len() == 2 && t.value.bytes().all(|b| b.is_ascii_digit());
    matches!(t.ttype, TimexType::Date | TimexType::Time)
        && !century
        && t.value
            .starts_with(|c: char| c.is_ascii_digit() || c == 'X')
        && t.value.contains(|c: char| c.is_ascii_digit())
}

/// Whether a sentence reaches back from the story's time ("The last known
/// call ... was in July"), judged outside its time expression at `timex`.
fn is_flashback(text: &str, sentence: Span, timex: Span) -> bool {
    static MARKERS: LazyLock<WordMarkers> =
        LazyLock::new(|| WordMarkers::new(&CUES.flashback_markers));
    let outside = format!(
        "{} {}",
        &text[sentence.0..timex.0],
        &text[timex.1..sentence.1]
    );
    MARKERS.any_in(&outside)
}

/// Whether the timex at `span` follows a word that makes it a duration's
/// start or a limit rather than the time of its sentence ("since Friday").
pub fn after_non_reference_preposition(text: &str, span: Span) -> bool {
    let before = text[..span.0].trim_end();
    let word_start = before.rfind(|c: char| !c.is_alphabetic()).map_or(0, |p| {
        p + before[p..].chars().next().map_or(1, char::len_utf8)
    });
    let word = before[word_start..].to_lowercase();
    CUES.non_reference_prepositions.contains(&word)
}

/// Whether a time starts after the publication day: a plan or a forecast
/// ("protests this summer", "funding from next year's budget"). It dates
/// its own sentence, but a news story tells what has happened, so the
/// story's time does not move to it.
fn is_after(value: &str, published: Option<NaiveDate>) -> bool {
    published
        .is_some_and(|p| super::temporal::value_range(value).is_some_and(|(start, _)| start > p))
}

/// Whether a sentence signals that the story is back at the present.
fn has_present_marker(sentence: &str) -> bool {
    static MARKERS: LazyLock<WordMarkers> =
        LazyLock::new(|| WordMarkers::new(&CUES.present_markers));
    MARKERS.any_in(sentence)
}

/// Whether a sentence reports what someone said ("said", "told").
fn has_reporting_word(sentence: &str) -> bool {
    static MARKERS: LazyLock<WordMarkers> =
        LazyLock::new(|| WordMarkers::new(&CUES.reporting_words));
    MARKERS.any_in(sentence)
}

/// Whether `hay` contains `needle` as whole words.
pub fn contains_words(hay: &str, needle: &str) -> bool {
    hay.match_indices(needle).any(|(i, _)| {
        let before_ok = hay[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        let after_ok = hay[i + needle.len()..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
        before_ok && after_ok
    })
}

/// The reference time of every sentence. `timexes` are sorted by start.
pub fn reference_times(
    text: &str,
    sentences: &[Sentence],
    timexes: &[Timex],
    published: Option<NaiveDate>,
) -> Vec<ReferenceTime> {
    let publication = ReferenceTime {
        value: published.map(super::temporal::day_value),
        basis: if published.is_some() {
            TimeBasis::Publication
        } else {
            TimeBasis::Unknown
        },
        timex: None,
    };
    let mut story = publication.clone();
    // the time of a flashback, for the one sentence after it that goes on
    // telling it ("On Aug. 7, she had just ended a news conference. They
    // were talking when the bomb went off.")
    let mut flashback: Option<ReferenceTime> = None;
    let mut out = Vec::with_capacity(sentences.len());
    let mut ti = 0;
    for s in sentences {
        while ti < timexes.len() && timexes[ti].span.0 < s.span.0 {
            ti += 1;
        }
        let own = timexes[ti..]
            .iter()
            .take_while(|t| t.span.0 < s.span.1)
            .find(|t| is_datable(t) && !after_non_reference_preposition(text, t.span));
        let here = match own {
            Some(t) => {
                let r = ReferenceTime {
                    value: Some(t.value.clone()),
                    basis: TimeBasis::Explicit,
                    timex: Some(t.span),
                };
                let back = is_flashback(text, s.span, t.span);
                if t.resolution != Resolution::AnchoredToEvent
                    && !back
                    && !is_after(&t.value, published)
                {
                    story = ReferenceTime {
                        basis: TimeBasis::Narrative,
                        ..r.clone()
                    };
                }
                flashback =
                    (back && t.resolution != Resolution::AnchoredToEvent).then(|| ReferenceTime {
                        basis: TimeBasis::Narrative,
                        ..r.clone()
                    });
                r
            }
            None if has_present_marker(&text[s.span.0..s.span.1]) => {
                story = publication.clone();
                flashback = None;
                publication.clone()
            }
            // a sentence that reports ("The White House said") is back in
            // the story's time
            None if has_reporting_word(&text[s.span.0..s.span.1]) => {
                flashback = None;
                story.clone()
            }
            None => flashback.take().unwrap_or_else(|| story.clone()),
        };
        out.push(here);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nlp::{segment::segment_text, temporal};

    #[test]
    fn a_century_does_not_date_the_story() {
        let t = times(
            "Talks\n\nThe team was clearing mines near the 11th century temple when it was attacked. A spokesman said talks continue.",
            "1998-02-12",
        );
        assert!(
            t.iter().all(|(_, v, _)| v.as_deref() != Some("10")),
            "{t:?}"
        );
    }

    #[test]
    fn a_time_to_come_dates_its_sentence_but_not_the_story() {
        let t = times(
            "Marches\n\nThe groups pledged to join each other's protests this summer. \
             Riot police stopped a march.",
            "1998-03-22",
        );
        assert_eq!(t[1].1.as_deref(), Some("1998-SU"), "{t:?}");
        assert_eq!(t[2].1.as_deref(), Some("1998-03-22"), "{t:?}");
    }

    #[test]
    fn markers_are_ascii() {
        // the marker automata fold ASCII case only
        for m in CUES.flashback_markers.iter().chain(&CUES.present_markers) {
            assert!(m.is_ascii(), "{m}");
        }
    }

    fn times(text: &str, dct: &str) -> Vec<(String, Option<String>, TimeBasis)> {
        let dct = NaiveDate::parse_from_str(dct, "%Y-%m-%d").ok();
        let sents = segment_text(text);
        let spans: Vec<Span> = sents.iter().map(|s| s.span).collect();
        let tx = temporal::tag(text, &spans, dct);
        reference_times(text, &sents, &tx, dct)
            .into_iter()
            .zip(&sents)
            .map(|(r, s)| (text[s.span.0..s.span.1].to_string(), r.value, r.basis))
            .collect()
    }

    #[test]
    fn narrative_time_is_inherited() {
        let t = "In a March interview, Biden stated that Putin will pay a price. “I do,” Biden says when asked.";
        let r = times(t, "2021-12-07");
        assert_eq!(r[0].1.as_deref(), Some("2021-03"));
        assert_eq!(r[0].2, TimeBasis::Explicit);
        assert_eq!(r[1].1.as_deref(), Some("2021-03"));
        assert_eq!(r[1].2, TimeBasis::Narrative);
    }

    #[test]
    fn present_marker_returns_to_publication() {
        let t = "In 2014, Russia annexed Crimea. Meanwhile, Moscow wants an end to expansion. Lavrov called on Blinken.";
        let r = times(t, "2021-12-04");
        assert_eq!(r[0].1.as_deref(), Some("2014"));
        assert_eq!(r[1].1.as_deref(), Some("2021-12-04"));
        assert_eq!(r[1].2, TimeBasis::Publication);
        assert_eq!(r[2].1.as_deref(), Some("2021-12-04"));
    }

    #[test]
    fn flashbacks_do_not_move_the_story() {
        let t = "They held talks on Tuesday. The last call was in July. The White House said more.";
        let r = times(t, "2021-12-08");
        assert_eq!(r[1].1.as_deref(), Some("2021-07"));
        assert_eq!(r[2].1.as_deref(), Some("2021-12-07"));
    }

    #[test]
    fn the_sentence_after_a_flashback_goes_on_telling_it() {
        let t = "She met the minister on Wednesday. On Aug. 7, she had just ended a news \
                 conference. They were talking when the bomb went off. The embassy was rebuilt.";
        let r = times(t, "1998-08-26");
        assert_eq!(r[1].1.as_deref(), Some("1998-08-07"));
        assert_eq!(r[2].1.as_deref(), Some("1998-08-07"), "{r:?}");
        // one sentence only: then the story's time again
        assert_eq!(r[3].1.as_deref(), Some("1998-08-26"), "{r:?}");
    }

    #[test]
    fn start_of_article_is_publication_or_unknown() {
        assert_eq!(
            times("Talks went well.", "2021-12-04")[0].2,
            TimeBasis::Publication
        );
        let r = times("Talks went well.", "");
        assert_eq!((r[0].1.clone(), r[0].2), (None, TimeBasis::Unknown));
    }

    #[test]
    fn since_does_not_set_the_time() {
        let t = "Biden spoke in April. Talks have been expected since Friday.";
        let r = times(t, "2021-12-04");
        assert_eq!(r[1].1.as_deref(), Some("2021-04"));
    }
}
