//! Word lists for the temporal tagger, loaded once from `lexicon.tsv`.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

/// FNV-1a: much faster than SipHash for the short keys looked up per word.
#[derive(Default)]
pub(super) struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// Map from lower-case word to lexicon entry.
type LexMap = HashMap<&'static str, Lex, BuildHasherDefault<Fnv>>;

/// Calendar or clock unit of a duration or relative expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Unit {
    /// Second.
    Second,
    /// Minute.
    Minute,
    /// Hour.
    Hour,
    /// Day.
    Day,
    /// Week.
    Week,
    /// Weekend.
    Weekend,
    /// Two weeks.
    Fortnight,
    /// Month.
    Month,
    /// Quarter of a year.
    Quarter,
    /// Year.
    Year,
    /// Decade.
    Decade,
    /// Century.
    Century,
    /// Millennium.
    Millennium,
}

impl Unit {
    /// Parse the unit code used in the lexicon file (and in duration
    /// values: `P2Y`, `P8M`).
    pub(super) fn from_code(code: &str) -> Option<Unit> {
        Some(match code {
            "S" => Unit::Second,
            "TM" => Unit::Minute,
            "H" => Unit::Hour,
            "D" => Unit::Day,
            "W" => Unit::Week,
            "WE" => Unit::Weekend,
            "FN" => Unit::Fortnight,
            "M" => Unit::Month,
            "Q" => Unit::Quarter,
            "Y" => Unit::Year,
            "DE" => Unit::Decade,
            "CE" => Unit::Century,
            "ML" => Unit::Millennium,
            _ => return None,
        })
    }
}

/// Grammatical role of a function word in temporal expressions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(clippy::upper_case_acronyms)]
pub(super) enum Kw {
    Prev,
    Next,
    This,
    That,
    The,
    A,
    Ago,
    Earlier,
    Later,
    Early,
    Late,
    Mid,
    Approx,
    More,
    Less,
    Least,
    UpTo,
    Within,
    Every,
    Few,
    And,
    Half,
    Of,
    At,
    Fiscal,
    Today,
    Yesterday,
    Tomorrow,
    Tonight,
    Latest,
    Than,
    No,
    Eve,
    Am,
    Pm,
    Period,
    Time,
    In,
    On,
    Or,
    So,
    Tz,
    Near,
    Term,
    Other,
    Current,
    Recent,
    Once,
    Future,
    Present,
}

impl Kw {
    /// Parse the keyword name used in the lexicon file.
    fn from_name(name: &str) -> Option<Kw> {
        use Kw::*;
        Some(match name {
            "PREV" => Prev,
            "NEXT" => Next,
            "THIS" => This,
            "THAT" => That,
            "THE" => The,
            "A" => A,
            "AGO" => Ago,
            "EARLIER" => Earlier,
            "LATER" => Later,
            "EARLY" => Early,
            "LATE" => Late,
            "MID" => Mid,
            "APPROX" => Approx,
            "MORE" => More,
            "LESS" => Less,
            "LEAST" => Least,
            "UPTO" => UpTo,
            "WITHIN" => Within,
            "EVERY" => Every,
            "FEW" => Few,
            "AND" => And,
            "HALF" => Half,
            "OF" => Of,
            "AT" => At,
            "FISCAL" => Fiscal,
            "TODAY" => Today,
            "YESTERDAY" => Yesterday,
            "TOMORROW" => Tomorrow,
            "TONIGHT" => Tonight,
            "LATEST" => Latest,
            "THAN" => Than,
            "NO" => No,
            "EVE" => Eve,
            "AM" => Am,
            "PM" => Pm,
            "PERIOD" => Period,
            "TIME" => Time,
            "IN" => In,
            "ON" => On,
            "OR" => Or,
            "SO" => So,
            "TZ" => Tz,
            "NEAR" => Near,
            "TERM" => Term,
            "OTHER" => Other,
            "CURRENT" => Current,
            "RECENT" => Recent,
            "ONCE" => Once,
            "FUTURE" => Future,
            "PRESENT" => Present,
            _ => return None,
        })
    }
}

/// Tense cue carried by a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Cue {
    /// Past tense verb or auxiliary.
    Past,
    /// Present tense verb or auxiliary.
    Present,
    /// Future marker.
    Future,
    /// Conditional ("would"): future-in-the-past, treated as weak future.
    Conditional,
}

/// Everything the lexicon knows about one lower-case word.
#[derive(Debug, Clone, Default)]
pub(super) struct Lex {
    /// Month number 1..=12.
    pub month: Option<u32>,
    /// ISO weekday 1..=7.
    pub weekday: Option<u32>,
    /// Plural weekday ("Tuesdays"), ISO number.
    pub weekdays: Option<u32>,
    /// Cardinal number word value (0..=19).
    pub number: Option<u32>,
    /// Tens word value (20..=90).
    pub tens: Option<u32>,
    /// Multiplier word (hundred, thousand).
    pub multiplier: Option<u32>,
    /// Ordinal value; -1 for "last".
    pub ordinal: Option<i32>,
    /// Time unit.
    pub unit: Option<Unit>,
    /// The word is a plural unit.
    pub plural: bool,
    /// Season code (SP, SU, FA, WI).
    pub season: Option<&'static str>,
    /// Part-of-day code (MO, AF, EV, NI) or clock time (12:00).
    pub pod: Option<&'static str>,
    /// SET value of a frequency adverb.
    pub rate: Option<&'static str>,
    /// PAST_REF / PRESENT_REF / FUTURE_REF.
    pub reference: Option<&'static str>,
    /// Holiday code (MM-DD or a rule name).
    pub holiday: Option<&'static str>,
    /// Grammatical keyword role.
    pub kw: Option<Kw>,
    /// Tense cue.
    pub cue: Option<Cue>,
    /// Noun that cannot follow a year ("troops", "people").
    pub nonunit: bool,
    /// Event noun usable as a narrative anchor ("summit").
    pub event: bool,
    /// Its class: nouns of one class name the same kind of event
    /// ("summit", "meeting", "talks"); 0 for a class of its own.
    pub event_class: u8,
}

impl Lex {
    /// Whether a temporal expression may start at this word.
    pub fn is_trigger(&self) -> bool {
        self.month.is_some()
            || self.weekday.is_some()
            || self.weekdays.is_some()
            || self.number.is_some()
            || self.tens.is_some()
            || self.ordinal.is_some()
            || self.unit.is_some()
            || self.season.is_some()
            || self.pod.is_some()
            || self.rate.is_some()
            || self.reference.is_some()
            || self.holiday.is_some()
            || self.kw.is_some_and(|k| {
                !matches!(
                    k,
                    Kw::Ago
                        | Kw::And
                        | Kw::Of
                        | Kw::Than
                        | Kw::Or
                        | Kw::So
                        | Kw::Tz
                        | Kw::In
                        | Kw::On
                )
            })
    }
}

static SOURCE: &str = include_str!("lexicon.tsv");

/// The lexicon: lower-case word -> entry.
pub(super) static LEXICON: LazyLock<LexMap> = LazyLock::new(|| parse(SOURCE));

/// Parse the TSV source (`word<TAB>category<TAB>value`, `#` comments).
fn parse(src: &'static str) -> LexMap {
    let mut map = LexMap::default();
    for line in src.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let mut cols = line.split('\t');
        let (Some(word), Some(cat)) = (cols.next(), cols.next()) else {
            continue;
        };
        let val = cols.next().unwrap_or("");
        let e = map.entry(word).or_default();
        let num = || val.parse::<u32>().ok();
        match cat {
            "month" => e.month = num(),
            "weekday" => e.weekday = num(),
            "weekdays" => e.weekdays = num(),
            "number" => e.number = num(),
            "tens" => e.tens = num(),
            "multiplier" => e.multiplier = num(),
            "ordinal" => e.ordinal = val.parse().ok(),
            "unit" => e.unit = Unit::from_code(val),
            "plural" => e.plural = true,
            "season" => e.season = Some(val),
            "pod" => e.pod = Some(val),
            "rate" => e.rate = Some(val),
            "ref" => e.reference = Some(val),
            "holiday" => e.holiday = Some(val),
            "kw" => e.kw = Kw::from_name(val),
            "tense" => {
                e.cue = match val {
                    "PAST" => Some(Cue::Past),
                    "PRES" => Some(Cue::Present),
                    "FUT" => Some(Cue::Future),
                    "COND" => Some(Cue::Conditional),
                    _ => None,
                }
            }
            "nonunit" => e.nonunit = true,
            "event" => {
                e.event = true;
                e.event_class = val.parse().unwrap_or(0);
            }
            _ => {}
        }
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicon_loads() {
        let l = &*LEXICON;
        assert_eq!(l["sept"].month, Some(9));
        assert_eq!(l["tuesday"].weekday, Some(2));
        assert_eq!(l["hours"].unit, Some(Unit::Hour));
        assert!(l["hours"].plural);
        assert_eq!(l["last"].kw, Some(Kw::Prev));
        assert_eq!(l["last"].ordinal, Some(-1));
        assert_eq!(l["said"].cue, Some(Cue::Past));
        assert!(l["troops"].nonunit);
        assert!(l["the"].is_trigger());
        assert!(!l["ago"].is_trigger());
    }

    #[test]
    fn every_keyword_name_is_known() {
        for line in SOURCE.lines().filter(|l| l.contains("\tkw\t")) {
            let name = line.split('\t').nth(2).unwrap_or("");
            assert!(Kw::from_name(name).is_some(), "unknown keyword {name}");
        }
    }
}
