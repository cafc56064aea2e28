//! Temporal tagger: finds TIMEX3 expressions (dates, times, durations, sets) in
//! English news text and normalises them against the publication date (DCT).
//!
//! The text is tokenized once; matching starts only at tokens that can begin a
//! temporal expression and proceeds with a small hand-written grammar
//! (`grammar.rs`). Relative expressions are resolved using the DCT, the tense of
//! the surrounding clause (`tense.rs`) and simple narrative anchors. Word lists
//! live in `lexicon.tsv`.

mod grammar;
mod lexicon;
mod normalize;
mod scan;
mod tense;

use chrono::NaiveDate;

use self::grammar::Parser;
use self::scan::tokenize;

/// TIMEX3 type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexType {
    /// A calendar date or period (day, month, year, week, quarter, ...).
    Date,
    /// A time of day.
    Time,
    /// A length of time.
    Duration,
    /// A recurring time.
    Set,
}

impl TimexType {
    /// The TIMEX3 attribute spelling (`DATE`, `TIME`, `DURATION`, `SET`).
    pub fn as_str(self) -> &'static str {
        match self {
            TimexType::Date => "DATE",
            TimexType::Time => "TIME",
            TimexType::Duration => "DURATION",
            TimexType::Set => "SET",
        }
    }
}

/// How precise a DATE/TIME value is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Precision {
    /// Not a calendar value (references, durations, sets).
    Unknown,
    /// Century (`19`).
    Century,
    /// Decade (`199`).
    Decade,
    /// Year.
    Year,
    /// Half year (`H1`).
    Half,
    /// Quarter (`Q3`).
    Quarter,
    /// Season (`SU`).
    Season,
    /// Month.
    Month,
    /// ISO week.
    Week,
    /// Day.
    Day,
    /// Part of day (`TMO`, `TNI`).
    PartOfDay,
    /// Hour.
    Hour,
    /// Minute.
    Minute,
    /// Second.
    Second,
}

/// How a value was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Resolution {
    /// Fully given in the text ("June 16, 2021").
    Absolute,
    /// Computed from the document creation time ("yesterday").
    RelativeToDct,
    /// Computed from a date mentioned earlier ("two days later").
    RelativeToNarrative,
    /// Computed from a dated event ("the eve of the summit").
    AnchoredToEvent,
    /// Left partly unknown (`XXXX-07`), e.g. because the DCT is unknown.
    Underspecified,
    /// Durations and sets.
    NotApplicable,
}

/// One temporal expression found in a text.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Timex {
    /// `[start, end)` UTF-8 byte offsets in the text passed to [`tag`].
    pub span: (usize, usize),
    /// The covered text.
    pub text: String,
    /// TIMEX3 type.
    pub ttype: TimexType,
    /// TIMEX3 value (`2021-12-07`, `2021-W49`, `PT2H`, `PAST_REF`, `XXXX-07`, ...).
    pub value: String,
    /// Granularity of the value.
    pub precision: Precision,
    /// How the value was obtained.
    pub resolution: Resolution,
    /// TIMEX3 `mod` (START, MID, END, APPROX, MORE_THAN, LESS_THAN, ...).
    pub modifier: Option<String>,
    /// For anchored expressions, what the value was anchored to.
    pub anchor: Option<String>,
}

/// Tag `text`.
///
/// `sentences` are sorted, non-overlapping `[start, end)` byte ranges of the
/// sentences (text outside them is tagged too, as separate segments). `dct` is
/// the publication date; without it relative expressions get underspecified
/// values (`XXXX-WXX-2`, `XXXX-07`) while absolute dates still resolve.
pub fn tag(text: &str, sentences: &[(usize, usize)], dct: Option<NaiveDate>) -> Vec<Timex> {
    tag_lowered(text, &text.to_ascii_lowercase(), sentences, dct)
}

/// [`tag`] for a caller that has `low = text.to_ascii_lowercase()` already.
pub fn tag_lowered(
    text: &str,
    low: &str,
    sentences: &[(usize, usize)],
    dct: Option<NaiveDate>,
) -> Vec<Timex> {
    tag_lowered_until(text, low, sentences, dct, &mut || false).unwrap_or_default()
}

/// How many tokens are tagged between two calls of the `stop` of
/// [`tag_lowered_until`] inside one long sentence.
const TOKENS_PER_CHECK: usize = 1024;

/// [`tag_lowered`] that gives up, returning `None`, as soon as `stop()`
/// says so; `stop` is asked at every sentence and every
/// [`TOKENS_PER_CHECK`] tokens (the caller's time budget).
pub fn tag_lowered_until(
    text: &str,
    low: &str,
    sentences: &[(usize, usize)],
    dct: Option<NaiveDate>,
    stop: &mut dyn FnMut() -> bool,
) -> Option<Vec<Timex>> {
    let toks = tokenize(text, low);
    let mut parser = Parser::new(text, low, &toks, dct);
    let mut out = Vec::new();
    for (lo, hi) in segments(&toks, sentences) {
        parser.sent = (lo, hi);
        let mut i = lo;
        let mut next_check = lo;
        while i < hi {
            if i >= next_check {
                if stop() {
                    return None;
                }
                next_check = i + TOKENS_PER_CHECK;
            }
            if parser.is_trigger(i)
                && let Some((j, v)) = parser.parse_at(i)
                && j > i
                && j <= hi
            {
                let span = (toks[i].s, toks[j - 1].e);
                out.push(Timex {
                    span,
                    text: text[span.0..span.1].to_string(),
                    ttype: v.ttype,
                    value: v.value,
                    precision: v.precision,
                    resolution: v.resolution,
                    modifier: v.modifier.map(str::to_string),
                    anchor: v.anchor,
                });
                i = j;
            } else {
                i += 1;
            }
        }
    }
    times_take_their_day(text, &mut out);
    Some(out)
}

/// A clock time given the day of the document, right before or after a
/// day the text names ("at about 10:35 a.m. (0735 GMT) Friday", "Friday
/// at 10:35 a.m."), is on that day.
fn times_take_their_day(text: &str, timexes: &mut [Timex]) {
    // the words between: spaces, commas, a parenthesis, "on" or "at"
    let joined = |a: usize, b: usize| -> bool {
        if b < a || b - a > 32 {
            return false;
        }
        let mut rest = String::new();
        let mut depth = 0usize;
        for c in text[a..b].chars() {
            match c {
                '(' => depth += 1,
                ')' => depth = depth.saturating_sub(1),
                _ if depth == 0 => rest.push(c),
                _ => {}
            }
        }
        let rest = rest.replace(',', " ").to_ascii_lowercase();
        rest.split_whitespace().all(|w| w == "on" || w == "at")
    };
    for i in 0..timexes.len() {
        let t = &timexes[i];
        if t.ttype != TimexType::Time
            || t.resolution != Resolution::RelativeToDct
            || t.value.len() < 11
            || !t.value.is_char_boundary(10)
        {
            continue;
        }
        let day = |d: &Timex| {
            d.ttype == TimexType::Date && d.precision == Precision::Day && d.value.len() == 10
        };
        let next = timexes
            .get(i + 1)
            .filter(|d| day(d) && joined(t.span.1, d.span.0));
        let prev = i
            .checked_sub(1)
            .and_then(|k| timexes.get(k))
            .filter(|d| day(d) && joined(d.span.1, t.span.0));
        if let Some(d) = next.or(prev) {
            let (value, resolution) = (format!("{}{}", d.value, &t.value[10..]), d.resolution);
            timexes[i].value = value;
            timexes[i].resolution = resolution;
        }
    }
}

/// Token index ranges of the sentences, in order. Text outside every
/// sentence (headers, web debris) is not tagged.
fn segments(toks: &[scan::Tok], sentences: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut segs = Vec::with_capacity(sentences.len());
    let mut i = 0;
    for &(s, e) in sentences {
        while i < toks.len() && toks[i].s < s {
            i += 1;
        }
        let start = i;
        while i < toks.len() && toks[i].e <= e {
            i += 1;
        }
        if i > start {
            segs.push((start, i));
        }
    }
    segs
}

/// Naive sentence split: after `.`, `!` or `?` followed by whitespace and an
/// upper-case letter or opening quote, and at blank lines.
pub fn split_sentences(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let boundary_end = if matches!(c, b'.' | b'!' | b'?') {
            let mut j = i + 1;
            while j < b.len() && matches!(b[j], b'"' | b'\'' | b')') {
                j += 1;
            }
            let ws = j < b.len() && b[j].is_ascii_whitespace();
            let mut k = j;
            while k < b.len() && b[k].is_ascii_whitespace() {
                k += 1;
            }
            let initialism = i >= 2 && b[i - 2] == b'.';
            let next_ok = !initialism
                && k < b.len()
                && (b[k].is_ascii_uppercase() || matches!(b[k], b'"' | b'\'' | 0xE2));
            (ws && next_ok).then_some(j)
        } else if c == b'\n' && i + 1 < b.len() && b[i + 1] == b'\n' {
            Some(i)
        } else {
            None
        };
        if let Some(end) = boundary_end {
            if end > start {
                out.push((start, end));
            }
            start = end;
            i = end.max(i + 1);
        } else {
            i += 1;
        }
    }
    if start < b.len() {
        out.push((start, b.len()));
    }
    out
}

/// Convenience: split sentences naively (see [`split_sentences`]) and [`tag`].
pub fn tag_text(text: &str, dct: Option<NaiveDate>) -> Vec<Timex> {
    tag(text, &split_sentences(text), dct)
}

/// Whether a word names a month or a day of the week ("Tuesday", "May"),
/// as the time-expression lexicon lists them.
pub fn names_a_month_or_day(word: &str) -> bool {
    lexicon::LEXICON
        .get(word.to_ascii_lowercase().as_str())
        .is_some_and(|l| l.month.is_some() || l.weekday.is_some())
}

/// The TIMEX3 value of a day, `YYYY-MM-DD`.
pub fn day_value(d: NaiveDate) -> String {
    normalize::fmt_day(d)
}

/// The period a duration (`P2Y`, `P8M`, `P3W`) back from `at` falls in, at
/// the duration's unit: two years before March 1998 is `1996`, eight months
/// `1997-07`. `None` for durations of no whole number of calendar units
/// (`PXY`, `PT2H`).
pub fn period_before(at: NaiveDate, duration: &str) -> Option<String> {
    let body = duration.strip_prefix('P')?;
    let split = body.find(|c: char| !c.is_ascii_digit())?;
    let n: i64 = body[..split].parse().ok()?;
    normalize::shift_value(at, lexicon::Unit::from_code(&body[split..])?, -n)
}

/// Inclusive calendar range of a TIMEX3 DATE value where possible
/// (`2021-12` -> Dec 1..31, `2021-W49` -> Mon..Sun, `2021-Q1`, `2021-SU`, `198` -> 1980..1989).
/// `None` for non-calendar values (durations, references, underspecified values).
pub fn value_range(value: &str) -> Option<(NaiveDate, NaiveDate)> {
    normalize::range_of(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, dd: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, dd)
    }

    #[test]
    fn a_duration_back_from_a_day() {
        let at = d(1998, 3, 22).unwrap();
        assert_eq!(period_before(at, "P2Y").as_deref(), Some("1996"));
        assert_eq!(period_before(at, "P8M").as_deref(), Some("1997-07"));
        assert_eq!(period_before(at, "P3D").as_deref(), Some("1998-03-19"));
        assert_eq!(period_before(at, "PXY"), None);
        assert_eq!(period_before(at, "PT2H"), None);
    }

    /// Value of the timex whose text contains `needle`.
    fn val(text: &str, dct: Option<NaiveDate>, needle: &str) -> String {
        let tx = tag_text(text, dct);
        let t = tx
            .iter()
            .find(|t| t.text.contains(needle) || needle.contains(t.text.as_str()))
            .unwrap_or_else(|| panic!("{needle:?} not tagged in {text:?}: {tx:?}"));
        t.value.clone()
    }

    #[test]
    fn a_clock_time_beside_a_named_day_is_on_that_day() {
        let sat = d(1998, 8, 8);
        let text = "The blast occurred at about 10:35 a.m. (0735 GMT) Friday, toppling a building.";
        assert_eq!(val(text, sat, "10:35"), "1998-08-07T10:35");
        let text = "The talks began on Friday at 9 a.m. in Geneva.";
        assert_eq!(val(text, sat, "9 a.m."), "1998-08-07T09:00");
        // a time alone stays on the day of the document
        let text = "The blast occurred at 10:35 a.m., officials said.";
        assert_eq!(val(text, sat, "10:35"), "1998-08-08T10:35");
    }

    #[test]
    fn weekdays_follow_tense() {
        let sat = d(2021, 12, 4);
        assert_eq!(
            val("Biden said on Friday that he would act.", sat, "Friday"),
            "2021-12-03"
        );
        assert_eq!(
            val("Biden and Putin will meet on Tuesday.", sat, "Tuesday"),
            "2021-12-07"
        );
        assert_eq!(
            val(
                "Putin and Biden will meet by video conference on Tuesday, according to the Kremlin.",
                sat,
                "Tuesday"
            ),
            "2021-12-07"
        );
        let tue = d(2021, 12, 7);
        assert_eq!(
            val(
                "as they square off in a video conversation on Tuesday about Ukraine",
                tue,
                "Tuesday"
            ),
            "2021-12-07"
        );
        assert_eq!(
            val(
                "Biden and Putin had been anticipated to hold a video conference since Friday.",
                sat,
                "Friday"
            ),
            "2021-12-03"
        );
    }

    #[test]
    fn span_excludes_preposition() {
        let tx = tag_text("They met on Friday.", d(2021, 12, 4));
        assert_eq!(tx[0].text, "Friday");
    }

    #[test]
    fn months_and_years() {
        let dct = d(2021, 12, 7);
        assert_eq!(
            val(
                "Biden gives a harsh speech shortly after assuming office in January",
                dct,
                "January"
            ),
            "2021-01"
        );
        assert_eq!(val("Biden warned in February.", dct, "February"), "2021-02");
        assert_eq!(
            val("In a March interview he spoke.", dct, "March"),
            "2021-03"
        );
        assert_eq!(val("It happened in 2020.", dct, "2020"), "2020");
        assert_eq!(val("It rained in April.", dct, "April"), "2021-04");
        assert_eq!(
            val(
                "Before their first face-to-face meeting on June 16 in Geneva, Biden is adamant.",
                dct,
                "June 16"
            ),
            "2021-06-16"
        );
        let dct = d(2021, 12, 4);
        assert_eq!(
            val(
                "a large-scale strike could be planned for next month",
                dct,
                "next month"
            ),
            "2022-01"
        );
        assert_eq!(val("In 2014, Russia annexed Crimea.", dct, "2014"), "2014");
        assert_eq!(
            val(
                "since their first meeting in June at a conference in Geneva",
                dct,
                "June"
            ),
            "2021-06"
        );
    }

    #[test]
    fn unknown_dct() {
        assert_eq!(
            val(
                "They held rare bilateral talks on Tuesday.",
                None,
                "Tuesday"
            ),
            "XXXX-WXX-2"
        );
        assert_eq!(
            val("The last known call was in July.", None, "July"),
            "XXXX-07"
        );
        assert_eq!(val("It started in June.", None, "June"), "XXXX-06");
        assert_eq!(val("It lasted two hours.", None, "two hours"), "PT2H");
        assert_eq!(val("See you next month.", None, "next month"), "XXXX-XX");
        assert_eq!(
            val("It was signed on June 16, 2021.", None, "June 16, 2021"),
            "2021-06-16"
        );
    }

    #[test]
    fn durations() {
        let dct = d(2021, 12, 4);
        for (text, v) in [
            ("two hours", "PT2H"),
            ("three and a half hours", "PT3.5H"),
            ("24 hours", "PT24H"),
            ("a decade", "P10Y"),
            ("three days", "P3D"),
            ("two weeks", "P2W"),
            ("several years", "PXY"),
            ("a month", "P1M"),
            ("the past 24 hours", "PT24H"),
            ("the past five years", "P5Y"),
            ("the last three months", "P3M"),
            ("minutes", "PTXM"),
            ("weeks", "PXW"),
        ] {
            let s = format!("It took {text} to finish.");
            let tx = tag_text(&s, dct);
            assert_eq!(tx.len(), 1, "{s}: {tx:?}");
            assert_eq!((tx[0].text.as_str(), tx[0].value.as_str()), (text, v));
            assert_eq!(tx[0].ttype, TimexType::Duration);
        }
    }

    #[test]
    fn dct_relative() {
        let dct = d(2021, 12, 7);
        for (text, v) in [
            ("today", "2021-12-07"),
            ("now", "PRESENT_REF"),
            ("currently", "PRESENT_REF"),
            ("recently", "PAST_REF"),
            ("the future", "FUTURE_REF"),
            ("yesterday", "2021-12-06"),
            ("tomorrow", "2021-12-08"),
            ("last week", "2021-W48"),
            ("this week", "2021-W49"),
            ("next year", "2022"),
            ("last year", "2020"),
            ("the 1990s", "199"),
            ("the first quarter", "2021-Q1"),
            ("a year ago", "2020"),
            ("two years ago", "2019"),
            ("three days ago", "2021-12-04"),
            ("last month", "2021-11"),
            ("the second half of 2021", "2021-H2"),
            ("March 22, 2013", "2013-03-22"),
            ("22 March 2013", "2013-03-22"),
            ("2013-03-22", "2013-03-22"),
            ("03/22/2013", "2013-03-22"),
            ("Dec. 7", "2021-12-07"),
            ("1998", "1998"),
            ("'98", "1998"),
            ("fiscal 1998", "1998"),
            ("Tuesday morning", "2021-12-07TMO"),
            ("3 p.m.", "2021-12-07T15:00"),
            ("10:30 a.m. EST", "2021-12-07T10:30"),
        ] {
            let s = format!("It was {text} when it happened.");
            let tx = tag_text(&s, dct);
            assert_eq!(tx.len(), 1, "{s}: {tx:?}");
            assert_eq!(
                (tx[0].text.as_str(), tx[0].value.as_str()),
                (text, v),
                "{s}"
            );
        }
    }

    #[test]
    fn modifiers() {
        let dct = d(2021, 12, 7);
        let tx = tag_text("Prices fell in late 2020 and mid-1990s.", dct);
        assert_eq!(tx[0].text, "late 2020");
        assert_eq!(tx[0].modifier.as_deref(), Some("END"));
        assert_eq!(tx[1].value, "199");
        assert_eq!(tx[1].modifier.as_deref(), Some("MID"));
        let tx = tag_text("It will start early next year.", dct);
        assert_eq!(
            (tx[0].text.as_str(), tx[0].value.as_str()),
            ("early next year", "2022")
        );
        assert_eq!(
            val("It rose earlier this year.", dct, "earlier this year"),
            "2021"
        );
    }

    #[test]
    fn sets() {
        let dct = d(2021, 12, 7);
        assert_eq!(val("They meet every week.", dct, "every week"), "P1W");
        assert_eq!(val("They meet weekly.", dct, "weekly"), "P1W");
        assert_eq!(val("It is paid annually.", dct, "annually"), "P1Y");
        assert_eq!(val("It is paid each year.", dct, "each year"), "P1Y");
        let tx = tag_text("They meet weekly.", dct);
        assert_eq!(tx[0].ttype, TimexType::Set);
    }

    #[test]
    fn anchors() {
        let dct = d(2021, 12, 7);
        let text = "Before their first face-to-face meeting on June 16 in Geneva, Biden is adamant. \
                    On the eve of the meeting, aides talked.";
        assert_eq!(val(text, dct, "the eve of the meeting"), "2021-06-15");
        let text = "The vote was held on March 3, 2020. Two days later the result came.";
        assert_eq!(val(text, dct, "Two days later"), "2020-03-05");
        let text = "The vote was held on March 3, 2020. The following day, protests began.";
        assert_eq!(val(text, dct, "The following day"), "2020-03-04");
    }

    #[test]
    fn non_temporal_numbers() {
        let dct = d(2021, 12, 7);
        for s in [
            "Russia massed 90,000 troops.",
            "The Nord Stream 2 pipeline.",
            "A Boeing 747 landed.",
            "Russia may invade Ukraine.",
            "May we go?",
            "The march was peaceful.",
            "It cost $1999 in total.",
            "There were 2000 people.",
        ] {
            assert!(tag_text(s, dct).is_empty(), "{s}: {:?}", tag_text(s, dct));
        }
        assert_eq!(val("the 2014 agreement", dct, "2014"), "2014");
        assert_eq!(val("It happened in May.", dct, "May"), "2021-05");
        assert_eq!(val("It happened May 5.", dct, "May 5"), "2021-05-05");
        assert_eq!(val("It happened in May 2021.", dct, "May 2021"), "2021-05");
    }

    #[test]
    fn robustness() {
        let dct = d(2021, 12, 7);
        let bytes: Vec<u8> = (0..200_000u32)
            .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
            .collect();
        let s = String::from_utf8_lossy(&bytes);
        let _ = tag_text(&s, dct);
        let _ = tag_text(&s, None);
        let long = "year ".repeat(200_000);
        let _ = tag_text(&long, dct);
        let dense = "summit on Friday and June 5 ".repeat(40_000);
        let t0 = std::time::Instant::now();
        assert_eq!(tag_text(&dense, dct).len(), 80_000);
        assert!(t0.elapsed().as_secs() < 20, "not linear");
        for s in [
            "99999999999 years",
            "February 30",
            "February 30, 2021",
            "year 0",
            "0000-00-00",
            "9999-99-99 and 31/31/31",
            "the 99th century",
            "24:99 p.m.",
            "0 p.m.",
            "Tuesday Tuesday Tuesday",
            "'",
            "the",
            "a",
            "",
        ] {
            let _ = tag_text(s, dct);
            let _ = tag_text(s, None);
        }
        assert_eq!(
            val("It took 99999999999 years.", dct, "years"),
            "P99999999999Y"
        );
        let a = tag_text("On Friday and next month.", dct);
        let b = tag_text("On Friday and next month.", dct);
        assert_eq!(a, b);
    }

    #[test]
    fn value_ranges() {
        assert_eq!(
            value_range("2021-SU"),
            Some((d(2021, 6, 21).unwrap(), d(2021, 9, 22).unwrap()))
        );
        assert_eq!(
            value_range("19"),
            Some((d(1900, 1, 1).unwrap(), d(1999, 12, 31).unwrap()))
        );
        assert_eq!(value_range("FUTURE_REF"), None);
    }

    #[test]
    fn sentence_split() {
        let s = "He left. She came! Why? Sept. 30 is fine.\n\nNew para";
        let parts: Vec<&str> = split_sentences(s)
            .iter()
            .map(|&(a, b)| s[a..b].trim())
            .collect();
        assert_eq!(
            parts,
            [
                "He left.",
                "She came!",
                "Why?",
                "Sept. 30 is fine.",
                "New para"
            ]
        );
    }
}
