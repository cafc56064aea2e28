//! When an event happened: its own time expression in the clause, else the
//! time the story is at, else an earlier mention of the same event; and what
//! the date says of it (habitual events are not dated by the story, events
//! dated after publication are planned).

use super::event::{DateBasis, Event, EventDate, Modality};
use super::lexicon::{LEXICON, Lexicon};
use super::modality::{clause_breaks, clause_of, find_cues};
use super::text::within;
use super::triggers::*;
use crate::Span;
use crate::nlp::reference_time::{ReferenceTime, after_non_reference_preposition, is_datable};
use crate::nlp::temporal::{Resolution, Timex, day_value, value_range};

/// Resolves the dates of `events` again against new time expressions and
/// reference times of the same text (another publication date), exactly as
/// [`find_events`] dates them. The time expressions must cover the same
/// spans as those the events were found with.
pub fn redate_events(
    text: &str,
    published: Option<chrono::NaiveDate>,
    events: &mut [Event],
    sentences: &[Span],
    reference_times: &[ReferenceTime],
    timexes: &[Timex],
) {
    let mut breaks: Option<(usize, Vec<usize>)> = None;
    for e in events.iter_mut() {
        let t = e.trigger.span;
        let Some(i) = sentences
            .partition_point(|s| s.0 <= t.0)
            .checked_sub(1)
            .filter(|&i| t.1 <= sentences[i].1)
        else {
            continue;
        };
        let span = sentences[i];
        if breaks.as_ref().is_none_or(|(k, _)| *k != i) {
            breaks = Some((i, clause_breaks(text, span, &find_cues(text, span))));
        }
        let clause = clause_of(&breaks.as_ref().expect("set above").1, t);
        let timexes = within(timexes, span, |x| x.span);
        // a statement is dated by its saying ("New Zealand said Friday")
        let story = i
            .checked_sub(1)
            .map(|k| &reference_times[k])
            .filter(|_| !Lexicon::in_types(&LEXICON.cues.speech_acts, e.event_type));
        e.date = event_date(text, t, clause, timexes, &reference_times[i], story);
    }
    date_from_earlier_mentions(events);
    date_from_reported_event(text, events);
    for e in events.iter_mut() {
        settle_by_date(e, published);
    }
}

/// What an event's date says of it:
/// - a habitual event ("for years") is not dated by the story around it,
///   only by its own expression;
/// - an asserted or reported event that its own time expression dates
///   after the publication date ("lands in Nairobi later on Friday",
///   "talks next week") has not happened yet: it is planned.
///
/// Applied again when the article is dated again, from the modality the
/// clause states.
pub(crate) fn settle_by_date(e: &mut Event, published: Option<chrono::NaiveDate>) {
    if let Some(m) = e.stated_modality.take() {
        e.modality = m;
        e.rule = e
            .rule
            .split(" [dated after publication: planned]")
            .next()
            .unwrap_or("")
            .to_string();
    }
    if e.modality == Modality::Habitual && !e.date.basis.is_own_expression() {
        e.date = EventDate {
            value: None,
            start: None,
            end: None,
            basis: DateBasis::Unknown,
            timex: None,
        };
    }
    if matches!(e.modality, Modality::Asserted | Modality::Reported)
        && e.date.basis.is_own_expression()
        && let (Some(start), Some(p)) = (e.date.start.as_deref(), published)
        && chrono::NaiveDate::parse_from_str(start, "%Y-%m-%d").is_ok_and(|d| d > p)
    {
        e.stated_modality = Some(e.modality);
        e.modality = Modality::Planned;
        e.rule.push_str(" [dated after publication: planned]");
    }
}

/// An act told again by a definite noun with no time of its own ("the
/// blast", "the bombings") is the act the article dates elsewhere: it takes
/// the date of the nearest mention of the same type with a time expression
/// of its own, in the same country where both are placed (else with a
/// shared target), instead of the story's time or the publication date.
pub(crate) fn date_from_reported_event(text: &str, events: &mut [Event]) {
    for i in 0..events.len() {
        let e = &events[i];
        if !may_be_retold(text, e) {
            continue;
        }
        let (here, aims) = (place_country(e), coded_targets(e));
        let same_act = |o: &Event| {
            o.event_type == e.event_type
                && o.date.basis.is_own_expression()
                && o.date.value.is_some()
                && o.modality == e.modality
                && match (&here, place_country(o)) {
                    (Some(a), Some(b)) => *a == b,
                    _ => {
                        let theirs = coded_targets(o);
                        !aims.is_empty() && aims.iter().any(|c| theirs.contains(c))
                    }
                }
        };
        let at = e.trigger.span.0;
        let nearest = events
            .iter()
            .enumerate()
            .filter(|&(k, o)| k != i && same_act(o))
            .min_by_key(|(_, o)| o.trigger.span.0.abs_diff(at))
            .map(|(_, o)| o.date.clone());
        if let Some(date) = nearest {
            date_as_told(&mut events[i], date, "its mention of");
        }
    }
}

/// Whether an event may be an act told again that takes another mention's
/// date: an act of force or coercion, dated only by the story or the
/// publication, that a definite noun names ([`told_again`]).
pub(crate) fn may_be_retold(text: &str, e: &Event) -> bool {
    matches!(e.date.basis, DateBasis::Publication | DateBasis::Narrative)
        && MATERIAL_CONFLICT.contains(&e.event_type)
        && told_again(text, e)
}

/// The country an event is placed in, if any.
pub(crate) fn place_country(e: &Event) -> Option<String> {
    e.location.as_ref().map(|l| l.country.clone())
}

/// The codes of an event's coded targets.
pub(crate) fn coded_targets(e: &Event) -> Vec<String> {
    e.target
        .iter()
        .filter(|m| !m.code.is_empty())
        .map(|m| m.code.clone())
        .collect()
}

/// Gives a retold act the date of the mention it retells (`whence` says
/// which, in the rule: "; told again: dated as its mention of 1998-08-07").
pub(crate) fn date_as_told(e: &mut Event, date: EventDate, whence: &str) {
    e.rule.push_str(&format!(
        "; told again: dated as {whence} {}",
        date.value.as_deref().unwrap_or("?")
    ));
    e.date = EventDate {
        basis: DateBasis::Coreference,
        ..date
    };
}

/// Whether an event's trigger is a noun a definite word introduces ("the
/// blast", "these attacks": `reference_determiners` in `assets/cues.toml`),
/// up to two words before it.
fn told_again(text: &str, e: &Event) -> bool {
    let first = e.trigger.text.split_whitespace().next().unwrap_or("");
    let lower = first.to_lowercase();
    if lower.ends_with("ed") || !crate::nlp::syntax::treebank_upos(&lower).contains(&"NOUN") {
        return false;
    }
    let determiners = &LEXICON.cues.reference_determiners;
    text[..e.trigger.span.0]
        .split_whitespace()
        .rev()
        .take(3)
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .any(|w| determiners.contains(&w))
}

/// How many sentences back a dated retelling reaches the undated mentions
/// of its act.
pub(crate) const RETELLING_REACH: usize = 4;

/// How many of the events before a dated retelling it may date.
const RETELLING_EVENTS: usize = 16;

/// An act of force told again by a definite noun with a time of its own
/// ("The car bombings occurred ... on Friday"), kept as an event or not.
pub(crate) struct DatedRetelling {
    /// Its type.
    pub event_type: super::PloverType,
    /// Where its trigger starts.
    pub at: usize,
    /// Where the earliest sentence it reaches back to starts.
    pub from: usize,
    /// Its date.
    pub date: EventDate,
}

impl DatedRetelling {
    /// The retelling the trigger of `ctx` makes as an event of type `ty`
    /// dated `date`, if it is one: an act of force named by a definite noun
    /// ("The car bombings occurred ... on Friday"), asserted or reported,
    /// with a time expression of its own; `from` is where the sentences it
    /// reaches back to start.
    pub(crate) fn of(
        ctx: &super::clause::ClauseContext<'_>,
        ty: super::PloverType,
        modality: Modality,
        date: &EventDate,
        from: usize,
    ) -> Option<DatedRetelling> {
        (ty.is_material_conflict()
            && ctx.nominal
            && date.basis.is_own_expression()
            && matches!(modality, Modality::Asserted | Modality::Reported)
            && ctx.definite_event_noun())
        .then(|| DatedRetelling {
            event_type: ty,
            at: ctx.trigger.span.0,
            from,
            date: date.clone(),
        })
    }
}

/// The lead of a story often tells an act without its time, which a later
/// sentence gives ("Terrorist bombings at U.S. embassies blew apart
/// buildings" ... "The suspected car bombings occurred ... on Friday"):
/// the asserted or reported mentions of the act's type before a dated
/// retelling, within [`RETELLING_REACH`] sentences, dated only by the story
/// or the publication and not before the retelling's date, take its date.
pub(crate) fn date_from_later_retellings(events: &mut [Event], retellings: &[DatedRetelling]) {
    for r in retellings {
        let Some(day) = r.date.start.as_deref() else {
            continue;
        };
        // the events are in text order: only those of the reach are looked at
        // (and at most the last few of them: a sentence of a megabyte holds
        // thousands)
        let last = events.partition_point(|e| e.trigger.span.0 < r.at);
        let first = events
            .partition_point(|e| e.span.0 < r.from)
            .max(last.saturating_sub(RETELLING_EVENTS));
        for e in events[first.min(last)..last].iter_mut() {
            if e.event_type == r.event_type
                && !e.date.basis.is_own_expression()
                && matches!(e.modality, Modality::Asserted | Modality::Reported)
                && e.date.start.as_deref().is_some_and(|d| d >= day)
            {
                date_as_told(e, r.date.clone(), "its later mention,");
            }
        }
    }
}

/// A planned event without a time of its own takes the date of an earlier
/// planned mention of the same type with a shared participant and a time
/// expression of its own: "Biden and Putin will meet by video conference on
/// Tuesday" ... "had been anticipated to hold a video conference" (the story's
/// time, Friday, when the plan was reported, is not when the call happens).
pub(crate) fn date_from_earlier_mentions(events: &mut [Event]) {
    for i in 1..events.len() {
        let e = &events[i];
        if e.modality != Modality::Planned || e.date.basis.is_own_expression() {
            continue;
        }
        let earlier = events[..i].iter().rev().find(|p| {
            p.event_type == e.event_type
                && p.modality == Modality::Planned
                && p.date.basis.is_own_expression()
                && p.source
                    .iter()
                    .chain(&p.target)
                    .any(|a| e.source.iter().chain(&e.target).any(|b| a.code == b.code))
        });
        if let Some(p) = earlier {
            let date = EventDate {
                basis: DateBasis::Coreference,
                ..p.date.clone()
            };
            events[i].date = date;
        }
    }
}

/// When the event happened: a datable time expression in its clause
/// (nearest to the trigger), else one elsewhere in its sentence, else the
/// sentence's reference time; but a time after a verb of saying past the
/// event dates the saying, and the event keeps the time of the story before
/// it (`story`: the previous sentence's reference time).
pub(crate) fn event_date(
    text: &str,
    trigger: Span,
    clause: Span,
    timexes: &[Timex],
    reference: &ReferenceTime,
    story: Option<&ReferenceTime>,
) -> EventDate {
    let lex = &*LEXICON;
    let said_between = |a: usize, b: usize| {
        a < b
            && text[a..b].split_whitespace().any(|w| {
                let w = w
                    .trim_matches(|c: char| !c.is_alphanumeric())
                    .to_ascii_lowercase();
                lex.cues.reporting_verbs.contains(&w)
            })
    };
    let reference = match (reference.timex, story) {
        (Some(at), Some(story)) if at.0 >= trigger.1 && said_between(trigger.1, at.0) => story,
        _ => reference,
    };
    if let Some(d) = began_a_span_ago(text, trigger, clause, timexes, reference) {
        return d;
    }
    let usable = |t: &&Timex| is_datable(t) && !after_non_reference_preposition(text, t.span);
    let dist = |t: &Timex| {
        if t.span.0 >= trigger.1 {
            t.span.0 - trigger.1
        } else {
            trigger.0.saturating_sub(t.span.1)
        }
    };
    // A time expression belongs to the nearest predicate: another verb form
    // between it and the trigger ("will pay a price for attempting to derail
    // ... in 2020") takes it.
    let same_predicate = |t: &&Timex| {
        let (a, b) = if t.span.0 >= trigger.1 {
            (trigger.1, t.span.0)
        } else {
            (t.span.1, trigger.0)
        };
        // inside a gapped trigger ("moved last week 10,000 troops"): its own
        a >= b || !verb_form_between(text, a, b)
    };
    let own = timexes
        .iter()
        .filter(|t| t.span.0 >= clause.0 && t.span.1 <= clause.1)
        .filter(usable)
        .filter(same_predicate)
        .filter(|t| !(t.span.0 >= trigger.1 && said_between(trigger.1, t.span.0)))
        .min_by_key(|t| dist(t));
    let (value, basis, timex) = match own {
        Some(t) => {
            let basis = if t.resolution == Resolution::Absolute {
                DateBasis::Explicit
            } else {
                DateBasis::Relative
            };
            (Some(t.value.clone()), basis, Some(t.span))
        }
        None => (
            reference.value.clone(),
            DateBasis::from(reference.basis),
            reference.timex,
        ),
    };
    let range = value.as_deref().and_then(value_range);
    EventDate {
        start: range.map(|r| day_value(r.0)),
        end: range.map(|r| day_value(r.1)),
        value,
        basis,
        timex,
    }
}

/// Whether `text[a..b]` holds a verb form of another predicate: a
/// lower-case gerund or participle in -ed that is no cue word ("will pay a
/// price for *attempting* to derail ... in 2020").
fn verb_form_between(text: &str, a: usize, b: usize) -> bool {
    a < b
        && text[a..b].split_whitespace().any(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            w.chars().next().is_some_and(char::is_lowercase)
                && (is_gerund(w) || (w.len() > 4 && w.ends_with("ed")))
                && !LEXICON.cue_words.contains(w)
        })
}

/// An act that has lasted a span of time by the time of the story began
/// that long before it: "talks have been cut off for nearly two years"
/// (a perfect auxiliary before the trigger in its clause, "for" and a
/// duration after it), "the IRA's 8-month-old truce" (the span aged the
/// trigger's noun). The date has the span's unit as its precision: 1996
/// for two years before March 1998, 1997-07 for eight months.
fn began_a_span_ago(
    text: &str,
    trigger: Span,
    clause: Span,
    timexes: &[Timex],
    reference: &ReferenceTime,
) -> Option<EventDate> {
    let at = reference.value.as_deref().and_then(value_range)?.0;
    let (word_start, before) = word_before_at(text, trigger.0);
    let (span, value) = match before
        .strip_suffix("-old")
        .and_then(|age| age.rsplit_once('-'))
    {
        // "8-month-old": the number and unit read as the time tagger reads "8 months"
        Some((n, unit)) => {
            let d = crate::nlp::temporal::tag_text(&format!("{n} {unit}s"), None)
                .into_iter()
                .find(|t| t.ttype == crate::nlp::temporal::TimexType::Duration)?;
            ((word_start, text[..trigger.0].trim_end().len()), d.value)
        }
        None => {
            // the span is the trigger's own, not that of a participle
            // between ("the release of a citizen held for four months")
            let d = timexes.iter().find(|t| {
                t.ttype == crate::nlp::temporal::TimexType::Duration
                    && t.span.0 >= trigger.1
                    && t.span.1 <= clause.1
                    && word_before(text, t.span.0) == "for"
                    && !verb_form_between(text, trigger.1, t.span.0)
                    && !text[trigger.1..t.span.0].split_whitespace().any(|w| {
                        let upos = crate::nlp::syntax::treebank_upos(w);
                        w.chars().next().is_some_and(char::is_lowercase)
                            && !upos.is_empty()
                            && upos.iter().all(|u| *u == "VERB")
                    })
            })?;
            let perfect = text[clause.0..trigger.0].split_whitespace().any(|w| {
                LEXICON
                    .cues
                    .perfect_auxiliaries
                    .contains(&w.to_ascii_lowercase())
            });
            if !perfect {
                return None;
            }
            (d.span, d.value.clone())
        }
    };
    let value = crate::nlp::temporal::period_before(at, &value)?;
    let range = value_range(&value);
    Some(EventDate {
        start: range.map(|r| day_value(r.0)),
        end: range.map(|r| day_value(r.1)),
        value: Some(value),
        basis: DateBasis::Relative,
        timex: Some(span),
    })
}
