//! Hand-written grammar: recognises a temporal expression starting at a token and
//! normalises it on the spot (DCT, tense and narrative anchors are known here).

use chrono::{Datelike, NaiveDate};

use super::lexicon::{Kw, Lex, Unit};
use super::normalize::{
    Qty, add_days, duration_value, fmt_day, fmt_month, quarter_of, resolve_month_day_year,
    resolve_month_year, resolve_weekday, shift_value, unknown_value,
};
use super::scan::{Kind, Tok};
use super::tense::{Tense, tense_at};
use super::{Precision, Resolution, TimexType};

/// A normalised value before it is attached to a span.
#[derive(Debug, Clone)]
pub(super) struct Val {
    /// TIMEX3 type.
    pub ttype: TimexType,
    /// TIMEX3 value.
    pub value: String,
    /// Granularity.
    pub precision: Precision,
    /// How the value was obtained.
    pub resolution: Resolution,
    /// TIMEX3 mod.
    pub modifier: Option<&'static str>,
    /// Anchor description for event-anchored values.
    pub anchor: Option<String>,
}

impl Val {
    fn new(ttype: TimexType, value: String, precision: Precision, resolution: Resolution) -> Val {
        Val {
            ttype,
            value,
            precision,
            resolution,
            modifier: None,
            anchor: None,
        }
    }

    fn date(value: String, precision: Precision, resolution: Resolution) -> Val {
        Val::new(TimexType::Date, value, precision, resolution)
    }

    fn duration(q: Qty, unit: Unit) -> Val {
        Val::new(
            TimexType::Duration,
            duration_value(q, unit),
            Precision::Unknown,
            Resolution::NotApplicable,
        )
    }

    fn reference(r: &str) -> Val {
        Val::date(r.to_string(), Precision::Unknown, Resolution::RelativeToDct)
    }

    fn set(value: &str) -> Val {
        Val::new(
            TimexType::Set,
            value.to_string(),
            Precision::Unknown,
            Resolution::NotApplicable,
        )
    }
}

/// `rel` marker for names introduced by "this" ("this September" = the DCT year's).
const THIS: i32 = 100;

/// Event nouns are looked for this many tokens around a dated expression.
const EVENT_WINDOW: usize = 40;

/// Result of a successful parse: end token (exclusive) and value.
type Hit = Option<(usize, Val)>;

/// Things mentioned earlier in the document that later expressions can refer to.
#[derive(Debug, Default)]
pub(super) struct Narrative {
    /// Most recent day-precision date.
    pub last_day: Option<NaiveDate>,
    /// Most recent quarter (year, quarter).
    pub last_quarter: Option<(i32, u32)>,
    /// Event nouns seen in sentences with a day-precision date.
    pub events: Vec<(String, NaiveDate)>,
}

/// Precision of a unit-granular value.
fn unit_precision(u: Unit) -> Precision {
    match u {
        Unit::Second => Precision::Second,
        Unit::Minute => Precision::Minute,
        Unit::Hour => Precision::Hour,
        Unit::Day => Precision::Day,
        Unit::Week | Unit::Weekend | Unit::Fortnight => Precision::Week,
        Unit::Month => Precision::Month,
        Unit::Quarter => Precision::Quarter,
        Unit::Year => Precision::Year,
        Unit::Decade => Precision::Decade,
        Unit::Century | Unit::Millennium => Precision::Century,
    }
}

/// Parser state over one tokenized text.
pub(super) struct Parser<'a> {
    text: &'a str,
    low: &'a str,
    toks: &'a [Tok],
    dct: Option<NaiveDate>,
    /// Token range of the sentence being parsed.
    pub sent: (usize, usize),
    /// Narrative anchors.
    pub narrative: Narrative,
    /// Token where the current parse started.
    cur: usize,
}

impl<'a> Parser<'a> {
    /// New parser; `low` is the ASCII-lower-cased `text`.
    pub fn new(text: &'a str, low: &'a str, toks: &'a [Tok], dct: Option<NaiveDate>) -> Self {
        Parser {
            text,
            low,
            toks,
            dct,
            sent: (0, toks.len()),
            narrative: Narrative::default(),
            cur: 0,
        }
    }

    // ---- token helpers -------------------------------------------------------

    fn tok(&self, i: usize) -> Option<&'a Tok> {
        self.toks.get(i).filter(|_| i < self.sent.1)
    }

    fn word(&self, i: usize) -> &'a str {
        match self.tok(i) {
            Some(t) if t.kind == Kind::Word => &self.low[t.s..t.e],
            _ => "",
        }
    }

    fn lex(&self, i: usize) -> Option<&'static Lex> {
        self.tok(i).and_then(|t| t.lex)
    }

    fn kw(&self, i: usize) -> Option<Kw> {
        self.lex(i).and_then(|l| l.kw)
    }

    fn is_kw(&self, i: usize, k: Kw) -> bool {
        self.kw(i) == Some(k)
    }

    fn unit(&self, i: usize) -> Option<Unit> {
        self.lex(i).and_then(|l| l.unit)
    }

    fn plural(&self, i: usize) -> bool {
        self.lex(i).is_some_and(|l| l.plural)
    }

    fn punct(&self, i: usize, c: char) -> bool {
        self.tok(i)
            .is_some_and(|t| t.kind == Kind::Punct && self.text[t.s..t.e].starts_with(c))
    }

    /// Token `i` follows the previous token without whitespace.
    fn glued(&self, i: usize) -> bool {
        self.tok(i).is_some_and(|t| !t.space)
    }

    fn capitalized(&self, i: usize) -> bool {
        self.tok(i)
            .is_some_and(|t| self.text.as_bytes()[t.s].is_ascii_uppercase())
    }

    fn num_str(&self, i: usize) -> Option<&'a str> {
        self.tok(i)
            .filter(|t| t.kind == Kind::Num)
            .map(|t| &self.text[t.s..t.e])
    }

    /// Small integer of a plain digit token (no separators).
    fn int(&self, i: usize) -> Option<u32> {
        let s = self.num_str(i)?;
        if s.len() > 9 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        s.parse().ok()
    }

    /// Skip an abbreviation dot glued to token `i - 1` (only after short words).
    fn skip_dot(&self, i: usize) -> usize {
        let w = if i > 0 { self.word(i - 1) } else { "" };
        let abbrev = w.len() <= 4 && !matches!(w, "may" | "june" | "july");
        if abbrev && self.punct(i, '.') && self.glued(i) {
            i + 1
        } else {
            i
        }
    }

    /// Skip an ordinal suffix (st, nd, rd, th) glued to a number.
    fn skip_ord_suffix(&self, i: usize) -> usize {
        if self.glued(i) && matches!(self.word(i), "st" | "nd" | "rd" | "th") {
            i + 1
        } else {
            i
        }
    }

    fn tense(&self, i: usize, j: usize) -> Tense {
        tense_at(self.toks, self.low, self.sent.0, self.sent.1, i, j)
    }

    // ---- entry point -----------------------------------------------------------

    /// Try to parse an expression starting at token `i`.
    pub fn parse_at(&mut self, i: usize) -> Hit {
        self.cur = i;
        if let Some((j, m)) = self.prefix_mod(i)
            && let Some((e, mut v)) = self.core(j)
            && mod_applies(m, &v)
        {
            v.modifier = Some(m);
            return Some((e, v));
        }
        self.core(i)
    }

    /// Whether a token can start an expression (cheap pre-filter).
    pub fn is_trigger(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| match t.kind {
            Kind::Num => true,
            Kind::Word => t.lex.is_some_and(|l| l.is_trigger()),
            Kind::Punct => self.text[t.s..t.e].starts_with('\''),
        })
    }

    /// Leading modifier words: returns the first token after them and the TIMEX3 mod.
    fn prefix_mod(&self, i: usize) -> Option<(usize, &'static str)> {
        let k = self.kw(i)?;
        let next_is_amount = |j: usize| {
            self.num_str(j).is_some()
                || self.is_kw(j, Kw::A)
                || self
                    .lex(j)
                    .is_some_and(|l| l.number.is_some() || l.tens.is_some())
        };
        Some(match k {
            Kw::Approx => (i + 1, "APPROX"),
            Kw::More | Kw::Less if self.is_kw(i + 1, Kw::Than) => (
                i + 2,
                if k == Kw::More {
                    "MORE_THAN"
                } else {
                    "LESS_THAN"
                },
            ),
            Kw::More if next_is_amount(i + 1) => (i + 1, "MORE_THAN"),
            Kw::Less if next_is_amount(i + 1) => (i + 1, "LESS_THAN"),
            Kw::At if self.is_kw(i + 1, Kw::Least) => (i + 2, "EQUAL_OR_MORE"),
            Kw::UpTo if self.word(i + 1) == "to" => (i + 2, "EQUAL_OR_LESS"),
            Kw::No if self.is_kw(i + 1, Kw::More) && self.is_kw(i + 2, Kw::Than) => {
                (i + 3, "EQUAL_OR_LESS")
            }
            Kw::Early | Kw::Earlier => (self.skip_hyphen(i + 1), "START"),
            Kw::Late | Kw::Later => (self.skip_hyphen(i + 1), "END"),
            Kw::Mid => (self.skip_hyphen(i + 1), "MID"),
            Kw::The => {
                let m = match self.kw(i + 1)? {
                    Kw::Early => "START",
                    Kw::Late => "END",
                    Kw::Mid => "MID",
                    _ => return None,
                };
                if !self.is_kw(i + 2, Kw::Of) {
                    return None;
                }
                (i + 3, m)
            }
            _ => return None,
        })
    }

    fn skip_hyphen(&self, i: usize) -> usize {
        if self.punct(i, '-') && self.glued(i) {
            i + 1
        } else {
            i
        }
    }

    /// Core expression at `i` (no leading modifier).
    fn core(&mut self, i: usize) -> Hit {
        let t = self.tok(i)?;
        match t.kind {
            Kind::Num => self.number_expr(i),
            Kind::Punct => self.apostrophe_year(i),
            Kind::Word => self.word_expr(i, t.lex?),
        }
    }

    // ---- numbers ----------------------------------------------------------------

    fn number_expr(&mut self, i: usize) -> Hit {
        if let Some(h) = self.clock(i) {
            return Some(h);
        }
        if let Some(h) = self.numeric_date(i) {
            return Some(h);
        }
        if let Some(h) = self.decade_or_century(i) {
            return Some(h);
        }
        if let Some(h) = self.day_month(i) {
            return Some(h);
        }
        if let Some((q, j)) = self.quantity(i)
            && let Some(h) = self.unit_phrase(i, j, q)
        {
            return Some(h);
        }
        self.year(i)
    }

    /// A plausible year at token `i` (four digits, 1800..=2100, not a count of things).
    fn year_at(&self, i: usize) -> Option<i32> {
        let s = self.num_str(i)?;
        if s.len() != 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let y: i32 = s.parse().ok()?;
        if !(1800..=2100).contains(&y) {
            return None;
        }
        let prev_money = i > 0 && (self.punct(i - 1, '$') || self.punct(i - 1, '#'));
        let next_glued = self.tok(i + 1).is_some_and(|t| {
            !t.space && (t.kind != Kind::Punct || self.punct(i + 1, '%') || self.punct(i + 1, ':'))
        });
        let next_nonunit = self
            .lex(i + 1)
            .is_some_and(|l| l.nonunit || l.unit.is_some());
        (!prev_money && !next_glued && !next_nonunit).then_some(y)
    }

    fn year(&mut self, i: usize) -> Hit {
        let y = self.year_at(i)?;
        Some((
            i + 1,
            Val::date(format!("{y:04}"), Precision::Year, Resolution::Absolute),
        ))
    }

    /// `'98` -> 1998, `'90s` -> 199.
    fn apostrophe_year(&mut self, i: usize) -> Hit {
        let t = self.tok(i)?;
        let apos = &self.text[t.s..t.e];
        if !(apos == "'" || apos == "\u{2019}") || !self.glued(i + 1) {
            return None;
        }
        let s = self.num_str(i + 1)?;
        if s.len() != 2 {
            return None;
        }
        let n: i32 = s.parse().ok()?;
        let century = if n <= 30 { 20 } else { 19 };
        if self.word(i + 2) == "s" && self.glued(i + 2) {
            let v = format!("{}{}", century, n / 10);
            return Some((i + 3, Val::date(v, Precision::Decade, Resolution::Absolute)));
        }
        if self
            .tok(i + 2)
            .is_some_and(|t| !t.space && t.kind != Kind::Punct)
        {
            return None;
        }
        let v = format!("{century}{n:02}");
        Some((i + 2, Val::date(v, Precision::Year, Resolution::Absolute)))
    }

    /// `1990s`, `the 20th century`.
    fn decade_or_century(&mut self, i: usize) -> Hit {
        let s = self.num_str(i)?;
        if s.len() == 4 && s.ends_with('0') && self.glued(i + 1) && self.word(i + 1) == "s" {
            let v = s[..3].to_string();
            return Some((i + 2, Val::date(v, Precision::Decade, Resolution::Absolute)));
        }
        let n = self.int(i)?;
        let j = self.skip_ord_suffix(i + 1);
        if j > i + 1 && (1..=30).contains(&n) && self.unit(j) == Some(Unit::Century) {
            let v = format!("{:02}", n - 1);
            return Some((
                j + 1,
                Val::date(v, Precision::Century, Resolution::Absolute),
            ));
        }
        None
    }

    /// `2013-03-22`, `03/22/2013`, `3/22/13`.
    fn numeric_date(&mut self, i: usize) -> Hit {
        let sep = if self.punct(i + 1, '-') {
            '-'
        } else if self.punct(i + 1, '/') {
            '/'
        } else {
            return None;
        };
        let glued = (1..=4).all(|k| self.glued(i + k));
        if !glued || !self.punct(i + 3, sep) {
            return None;
        }
        let (a, b, c) = (self.num_str(i)?, self.num_str(i + 2)?, self.num_str(i + 4)?);
        let p = |s: &str| s.parse::<u32>().ok();
        let (y, m, d) = if sep == '-' && a.len() == 4 {
            (p(a)? as i32, p(b)?, p(c)?)
        } else if sep == '/' && (c.len() == 4 || c.len() == 2) {
            let y = p(c)? as i32;
            let y = if c.len() == 2 {
                if y <= 30 { 2000 + y } else { 1900 + y }
            } else {
                y
            };
            (y, p(a)?, p(b)?)
        } else {
            return None;
        };
        let date = NaiveDate::from_ymd_opt(y, m, d)?;
        self.note_day(date);
        Some((
            i + 5,
            Val::date(fmt_day(date), Precision::Day, Resolution::Absolute),
        ))
    }

    /// `22 March 2013`, `5th of May`.
    fn day_month(&mut self, i: usize) -> Hit {
        let d = self.int(i)?;
        if !(1..=31).contains(&d) || self.num_str(i)?.len() > 2 {
            return None;
        }
        let mut j = self.skip_ord_suffix(i + 1);
        if self.is_kw(j, Kw::Of) {
            j += 1;
        }
        let m = self.month_at(j)?;
        let j = self.skip_dot(j + 1);
        self.finish_month_day(i, j, m, d)
    }

    /// Month number at `i` if it is a capitalised month name used as a date.
    fn month_at(&self, i: usize) -> Option<u32> {
        let m = self.lex(i)?.month?;
        if !self.capitalized(i) {
            return None;
        }
        let w = self.word(i);
        let full_or_dotted = w.len() > 3 || self.punct(i + 1, '.') || m == 5;
        full_or_dotted.then_some(m)
    }

    /// Month+day, with an optional year after `j`.
    fn finish_month_day(&mut self, start: usize, j: usize, m: u32, d: u32) -> Hit {
        let mut k = j;
        if self.punct(k, ',') {
            k += 1;
        }
        let (y, end, res) = if let Some(y) = self.year_at(k) {
            (y, k + 1, Resolution::Absolute)
        } else if let Some(dct) = self.dct {
            let tense = self.tense(start, j);
            (
                resolve_month_day_year(dct, m, d, tense),
                j,
                Resolution::RelativeToDct,
            )
        } else {
            NaiveDate::from_ymd_opt(2000, m, d)?;
            let v = format!("XXXX-{m:02}-{d:02}");
            return Some((j, Val::date(v, Precision::Day, Resolution::Underspecified)));
        };
        let date = NaiveDate::from_ymd_opt(y, m, d)?;
        self.note_day(date);
        Some((end, Val::date(fmt_day(date), Precision::Day, res)))
    }

    /// Number (digits or words) at `i`: amount and next token.
    fn quantity(&self, i: usize) -> Option<(Qty, usize)> {
        let t = self.tok(i)?;
        let (mut n, mut j) = if t.kind == Kind::Num {
            let s = self.text[t.s..t.e].replace(',', "");
            (s.parse::<f64>().ok()?, i + 1)
        } else if self.is_kw(i, Kw::Few) {
            if self.word(i) == "couple" {
                let j = if self.is_kw(i + 1, Kw::Of) {
                    i + 2
                } else {
                    i + 1
                };
                return Some((Qty::N(2.0), j));
            }
            return Some((Qty::X, i + 1));
        } else {
            self.number_words(i)?
        };
        // "2 1/2", "three and a half"
        if let (Some(a), Some(b)) = (self.int(j), self.int(j + 2))
            && self.punct(j + 1, '/')
            && self.glued(j + 1)
            && b > a
            && b > 0
        {
            n += f64::from(a) / f64::from(b);
            j += 3;
        } else if self.is_kw(j, Kw::And) && self.is_kw(j + 1, Kw::A) && self.is_kw(j + 2, Kw::Half)
        {
            n += 0.5;
            j += 3;
        }
        Some((Qty::N(n), j))
    }

    /// Spelled-out number ("twenty-four", "one hundred").
    fn number_words(&self, i: usize) -> Option<(f64, usize)> {
        let l = self.lex(i)?;
        let (mut n, mut j) = if let Some(t) = l.tens {
            let mut j = i + 1;
            let hy = self.punct(j, '-') && self.glued(j) && self.glued(j + 1);
            let unit_at = if hy { j + 1 } else { j };
            let mut n = t;
            if let Some(u) = self
                .lex(unit_at)
                .and_then(|l| l.number)
                .filter(|u| (1..10).contains(u))
            {
                n += u;
                j = unit_at + 1;
            }
            (n, j)
        } else {
            (l.number?, i + 1)
        };
        if let Some(m) = self.lex(j).and_then(|l| l.multiplier) {
            n = n.saturating_mul(m);
            j += 1;
        }
        Some((f64::from(n), j))
    }

    /// After an amount: `N units [ago|earlier|later]` or `N-unit`.
    fn unit_phrase(&mut self, start: usize, j: usize, q: Qty) -> Hit {
        let mut k = j;
        let hyphen = self.punct(k, '-') && self.glued(k) && self.glued(k + 1);
        if hyphen || self.is_kw(k, Kw::More) {
            k += 1;
        }
        let unit = self.unit(k)?;
        if !hyphen && !self.plural(k) && self.year_at(start).is_some() {
            return None; // "the 1988 quarter"
        }
        if unit == Unit::Second && !self.plural(k) && !hyphen && q != Qty::N(1.0) {
            return None; // "the 2 second" is an ordinal, not a unit
        }
        let end = k + 1;
        if !hyphen
            && self.is_kw(end, Kw::And)
            && self.is_kw(end + 1, Kw::A)
            && self.is_kw(end + 2, Kw::Half)
        {
            let q = match q {
                Qty::N(n) => Qty::N(n + 0.5),
                Qty::X => Qty::X,
            };
            return Some((end + 3, Val::duration(q, unit)));
        }
        if hyphen && (self.punct(end, '-') || self.plural(k)) {
            return None; // "6-year-old", "three-quarters"
        }
        if !hyphen {
            match self.kw(end) {
                Some(Kw::Ago) => return self.offset(end + 1, q, unit, -1, false),
                Some(Kw::Earlier) => return self.offset(end + 1, q, unit, -1, true),
                Some(Kw::Later) if self.word(end) == "later" => {
                    return self.offset(end + 1, q, unit, 1, true);
                }
                _ => {}
            }
        }
        Some((end, Val::duration(q, unit)))
    }

    /// `N units ago` (DCT-based) or `N units earlier/later` (narrative-based).
    fn offset(&mut self, end: usize, q: Qty, unit: Unit, dir: i64, narrative: bool) -> Hit {
        let Qty::N(n) = q else {
            let r = if dir < 0 { "PAST_REF" } else { "FUTURE_REF" };
            return Some((end, Val::reference(r)));
        };
        let n = if n.fract() == 0.0 && n < 1e6 {
            n as i64
        } else {
            return None;
        };
        if narrative
            && let Some(anchor) = self.narrative.last_day
            && matches!(unit, Unit::Day | Unit::Week)
        {
            let days = if unit == Unit::Week { 7 * n } else { n };
            let date = add_days(anchor, dir * days);
            let mut v = Val::date(
                fmt_day(date),
                Precision::Day,
                Resolution::RelativeToNarrative,
            );
            v.anchor = Some(fmt_day(anchor));
            return Some((end, v));
        }
        if unit == Unit::Year
            && n == 1
            && dir < 0
            && let Some((y, qq)) = self.narrative.last_quarter
        {
            let v = format!("{:04}-Q{qq}", y - 1);
            return Some((
                end,
                Val::date(v, Precision::Quarter, Resolution::RelativeToNarrative),
            ));
        }
        let Some(dct) = self.dct else {
            return Some((
                end,
                Val::date(
                    unknown_value(unit).to_string(),
                    unit_precision(unit),
                    Resolution::Underspecified,
                ),
            ));
        };
        let value = match unit {
            Unit::Second | Unit::Minute | Unit::Hour => fmt_day(dct),
            Unit::Decade | Unit::Century => {
                let years = if unit == Unit::Decade { 10 } else { 100 };
                return Some((
                    end,
                    Val::date(
                        shift_value(dct, Unit::Year, dir * n * years)?,
                        Precision::Year,
                        Resolution::RelativeToDct,
                    ),
                ));
            }
            _ => shift_value(dct, unit, dir * n)?,
        };
        Some((
            end,
            Val::date(value, unit_precision(unit), Resolution::RelativeToDct),
        ))
    }

    /// `3 p.m.`, `10:30 a.m. EST Tuesday`, `15:45 GMT`.
    fn clock(&mut self, i: usize) -> Hit {
        let h = self.int(i)?;
        if h > 24 || self.num_str(i)?.len() > 2 {
            return None;
        }
        let mut j = i + 1;
        let mut min = 0;
        let colon = self.punct(j, ':') && self.glued(j) && self.glued(j + 1);
        if colon {
            let m = self.num_str(j + 1)?;
            if m.len() != 2 {
                return None;
            }
            min = self.int(j + 1)?;
            if min > 59 {
                return None;
            }
            j += 2;
        }
        let (pm, after) = match self.am_pm(j) {
            Some(x) => (Some(x.0), x.1),
            None => (None, j),
        };
        j = after;
        let tz = self.is_kw(j, Kw::Tz);
        if tz {
            j += 1;
        }
        if pm.is_none() && !(colon && tz) {
            return None;
        }
        let hour = match pm {
            Some(true) if h < 12 => h + 12,
            Some(false) if h == 12 => 0,
            _ => h,
        };
        if hour > 24 || (pm.is_some() && h == 0) {
            return None;
        }
        let (end, day) = self.attached_day(j);
        let v = format!("{day}T{hour:02}:{min:02}");
        Some((
            end,
            Val::new(
                TimexType::Time,
                v,
                Precision::Minute,
                Resolution::RelativeToDct,
            ),
        ))
    }

    /// `a.m.`/`am`/`p.m.`/`pm` at `j`: (is_pm, next token).
    fn am_pm(&self, j: usize) -> Option<(bool, usize)> {
        match self.word(j) {
            "am" => Some((false, self.skip_dot(j + 1))),
            "pm" => Some((true, self.skip_dot(j + 1))),
            w @ ("a" | "p")
                if self.punct(j + 1, '.')
                    && self.glued(j + 1)
                    && self.word(j + 2) == "m"
                    && self.glued(j + 2) =>
            {
                Some((w == "p", self.skip_dot(j + 3)))
            }
            _ => None,
        }
    }

    /// A day reference right after a clock time (`Tuesday`, `yesterday`, `, Nov. 6`);
    /// defaults to the DCT.
    fn attached_day(&mut self, j: usize) -> (usize, String) {
        let k = if self.punct(j, ',') { j + 1 } else { j };
        let day = match self.kw(k) {
            Some(Kw::Today) => Some((k + 1, 0)),
            Some(Kw::Yesterday) => Some((k + 1, -1)),
            Some(Kw::Tomorrow) => Some((k + 1, 1)),
            _ => None,
        };
        if let (Some((end, off)), Some(dct)) = (day, self.dct) {
            return (end, fmt_day(add_days(dct, off)));
        }
        if self.lex(k).is_some_and(|l| l.weekday.is_some()) || self.month_at(k).is_some() {
            let saved = self.narrative.last_day;
            if let Some((end, v)) = self.core(k)
                && v.precision == Precision::Day
            {
                return (end, v.value);
            }
            self.narrative.last_day = saved;
        }
        let d = self.dct.map_or_else(|| "XXXX-XX-XX".to_string(), fmt_day);
        (j, d)
    }

    // ---- words ------------------------------------------------------------------

    fn word_expr(&mut self, i: usize, l: &'static Lex) -> Hit {
        if let Some(m) = self.month_at(i) {
            return self.month_expr(i, i, m, 0);
        }
        if let Some(wd) = l.weekday.filter(|_| self.capitalized(i)) {
            return self.weekday_expr(i, i, wd, 0);
        }
        if let Some(wd) = l.weekdays.filter(|_| self.capitalized(i)) {
            return Some((i + 1, Val::set(&format!("XXXX-WXX-{wd}"))));
        }
        if let Some(h) = l.holiday.filter(|_| self.capitalized(i)) {
            return self.holiday(i, h);
        }
        if let Some(r) = l.reference {
            return Some((i + 1, Val::reference(r)));
        }
        if let Some(r) = l.rate {
            return Some((i + 1, Val::set(r)));
        }
        if let Some(s) = l.season.filter(|_| self.season_context(i)) {
            return self.season_expr(i, i + 1, s, 0);
        }
        if let Some(k) = l.kw
            && let Some(h) = self.keyword(i, k)
        {
            return Some(h);
        }
        if let Some(o) = l.ordinal
            && let Some(h) = self.ordinal_expr(i, i, o)
        {
            return Some(h);
        }
        if let Some(p) = l.pod.filter(|p| p.contains(':')) {
            let (end, day) = self.attached_day(i + 1);
            let v = format!("{day}T{p}");
            return Some((
                end,
                Val::new(
                    TimexType::Time,
                    v,
                    Precision::Minute,
                    Resolution::RelativeToDct,
                ),
            ));
        }
        if let Some(h) = self.spoken_year(i) {
            return Some(h);
        }
        if l.number.is_some() || l.tens.is_some() {
            let (q, j) = self.quantity(i)?;
            return self.unit_phrase(i, j, q);
        }
        if l.unit.is_some() {
            return self.bare_unit(i);
        }
        None
    }

    /// `nineteen ninety-four` -> 1994.
    fn spoken_year(&mut self, i: usize) -> Hit {
        let hi = self.lex(i)?.number.filter(|n| (11..=19).contains(n))?;
        self.lex(i + 1)?.tens?;
        let (lo, end) = self.number_words(i + 1)?;
        if lo >= 100.0 {
            return None;
        }
        let y = hi as i32 * 100 + lo as i32;
        Some((
            end,
            Val::date(format!("{y:04}"), Precision::Year, Resolution::Absolute),
        ))
    }

    /// Bare plural unit ("years", "weeks") or `year-ago`/`year-earlier`.
    fn bare_unit(&mut self, i: usize) -> Hit {
        let unit = self.unit(i)?;
        if unit == Unit::Year
            && self.punct(i + 1, '-')
            && self.glued(i + 1)
            && matches!(self.word(i + 2), "ago" | "earlier")
        {
            return self.year_ago(i + 3);
        }
        if self.plural(i) && !matches!(unit, Unit::Second | Unit::Weekend | Unit::Quarter) {
            if self.is_kw(i + 1, Kw::Ago) {
                return Some((i + 2, Val::reference("PAST_REF")));
            }
            return Some((i + 1, Val::duration(Qty::X, unit)));
        }
        None
    }

    /// After `year-ago`/`year-earlier`: optional `quarter`/`period`/`third quarter`.
    fn year_ago(&mut self, j: usize) -> Hit {
        let mut end = j;
        if self.lex(end).is_some_and(|l| l.ordinal.is_some())
            && self.unit(end + 1) == Some(Unit::Quarter)
        {
            end += 2;
        } else if self.unit(end) == Some(Unit::Quarter) || self.is_kw(end, Kw::Period) {
            end += 1;
        }
        let q = self
            .narrative
            .last_quarter
            .or_else(|| self.dct.map(latest_quarter));
        let v = match (q, self.dct) {
            (Some((y, q)), _) => Val::date(
                format!("{:04}-Q{q}", y - 1),
                Precision::Quarter,
                Resolution::RelativeToDct,
            ),
            (None, _) => Val::date("XXXX".into(), Precision::Year, Resolution::Underspecified),
        };
        Some((end, v))
    }

    fn keyword(&mut self, i: usize, k: Kw) -> Hit {
        match k {
            Kw::Today | Kw::Yesterday | Kw::Tomorrow | Kw::Tonight => self.day_word(i, k),
            Kw::The => self.the_expr(i),
            Kw::A => self.a_expr(i),
            Kw::Prev | Kw::Next | Kw::This => {
                let rel = match k {
                    Kw::Prev => -1,
                    Kw::Next => 1,
                    _ => 0,
                };
                self.rel_expr(i, i + 1, rel)
            }
            Kw::Current => self.current(i),
            Kw::Recent => self.recent(i),
            Kw::Every => self.every(i),
            Kw::Fiscal => self.fiscal(i),
            Kw::Few => {
                let (q, j) = self.quantity(i)?;
                self.unit_phrase(i, j, q)
            }
            _ => None,
        }
    }

    /// today / yesterday / tomorrow / tonight, with an optional part of day.
    fn day_word(&mut self, i: usize, k: Kw) -> Hit {
        let off = match k {
            Kw::Yesterday => -1,
            Kw::Tomorrow => 1,
            _ => 0,
        };
        let day = self.dct.map(|d| add_days(d, off));
        let ds = day.map_or_else(|| "XXXX-XX-XX".to_string(), fmt_day);
        if k == Kw::Tonight {
            return Some((
                i + 1,
                Val::date(ds, Precision::Day, Resolution::RelativeToDct),
            ));
        }
        if let Some(p) = self
            .lex(i + 1)
            .and_then(|l| l.pod)
            .filter(|p| !p.contains(':'))
        {
            let v = format!("{ds}T{p}");
            return Some((
                i + 2,
                Val::new(
                    TimexType::Time,
                    v,
                    Precision::PartOfDay,
                    Resolution::RelativeToDct,
                ),
            ));
        }
        if let Some(d) = day {
            self.note_day(d);
        }
        let res = if day.is_some() {
            Resolution::RelativeToDct
        } else {
            Resolution::Underspecified
        };
        Some((i + 1, Val::date(ds, Precision::Day, res)))
    }

    /// Month name at `j` (expression started at `start`), `rel` from last/next/this.
    fn month_expr(&mut self, start: usize, j: usize, m: u32, rel: i32) -> Hit {
        if m == 5 && rel == 0 && !self.may_is_month(j) {
            return None;
        }
        let k = self.skip_dot(j + 1);
        if let Some(d) = self.int(k).filter(|d| (1..=31).contains(d))
            && self.num_str(k).is_some_and(|s| s.len() <= 2)
        {
            let e = self.skip_ord_suffix(k + 1);
            return self.finish_month_day(start, e, m, d);
        }
        let yk = if self.is_kw(k, Kw::Of) || self.punct(k, ',') {
            k + 1
        } else {
            k
        };
        if let Some(y) = self.year_at(yk) {
            return Some((
                yk + 1,
                Val::date(fmt_month(y, m), Precision::Month, Resolution::Absolute),
            ));
        }
        // "July last year", "January this year"
        if let Some(shift) = match self.kw(k) {
            Some(Kw::Prev) => Some(-1),
            Some(Kw::This) => Some(0),
            Some(Kw::Next) => Some(1),
            _ => None,
        } && self.unit(k + 1) == Some(Unit::Year)
        {
            let Some(dct) = self.dct else {
                return Some((
                    k + 2,
                    Val::date(
                        format!("XXXX-{m:02}"),
                        Precision::Month,
                        Resolution::Underspecified,
                    ),
                ));
            };
            let v = fmt_month(dct.year() + shift, m);
            return Some((
                k + 2,
                Val::date(v, Precision::Month, Resolution::RelativeToDct),
            ));
        }
        let Some(dct) = self.dct else {
            return Some((
                k,
                Val::date(
                    format!("XXXX-{m:02}"),
                    Precision::Month,
                    Resolution::Underspecified,
                ),
            ));
        };
        let y = if rel == THIS {
            dct.year()
        } else {
            resolve_month_year(dct, m, rel, self.tense(start, k))
        };
        Some((
            k,
            Val::date(fmt_month(y, m), Precision::Month, Resolution::RelativeToDct),
        ))
    }

    /// A bare season word is temporal after a preposition or before a year.
    fn season_context(&self, i: usize) -> bool {
        let prev = if i > self.sent.0 {
            self.word(i - 1)
        } else {
            ""
        };
        matches!(
            prev,
            "in" | "this"
                | "last"
                | "next"
                | "the"
                | "early"
                | "late"
                | "mid"
                | "during"
                | "since"
                | "until"
                | "by"
                | "of"
                | "through"
        ) || self.year_at(i + 1).is_some()
    }

    /// "May" is a month only in date-like contexts (not the modal verb).
    fn may_is_month(&self, j: usize) -> bool {
        if self.int(j + 1).is_some() {
            return true;
        }
        let prev = if j > self.sent.0 {
            self.word(j - 1)
        } else {
            ""
        };
        matches!(
            prev,
            "in" | "since"
                | "by"
                | "until"
                | "till"
                | "of"
                | "early"
                | "late"
                | "mid"
                | "last"
                | "next"
                | "this"
                | "through"
                | "before"
                | "after"
                | "during"
                | "from"
                | "to"
                | "between"
                | "and"
                | "in-"
                | "end"
        ) && !self
            .lex(j + 1)
            .is_some_and(|l| l.kw.is_none() && l.cue.is_some())
    }

    /// Weekday name at `j`, `rel` from last/next/this.
    fn weekday_expr(&mut self, start: usize, j: usize, wd: u32, rel: i32) -> Hit {
        let w = self.word(j);
        if w.len() <= 4 && !self.punct(j + 1, '.') && !matches!(w, "tues" | "thur" | "thurs") {
            return None;
        }
        let mut k = self.skip_dot(j + 1);
        // "Friday, Oct. 23" / "Saturday, April 25, 1998"
        let c = if self.punct(k, ',') { k + 1 } else { k };
        if let Some(m) = self.month_at(c)
            && let Some(h) = self.month_expr(start, c, m, 0)
            && h.1.precision == Precision::Day
        {
            return Some(h);
        }
        let day = self.dct.map(|dct| {
            let tense = self.tense(start, k);
            resolve_weekday(dct, wd, rel, tense)
        });
        let ds = day.map_or_else(|| format!("XXXX-WXX-{wd}"), fmt_day);
        let res = if day.is_some() {
            Resolution::RelativeToDct
        } else {
            Resolution::Underspecified
        };
        if let Some(p) = self.lex(k).and_then(|l| l.pod).filter(|p| !p.contains(':')) {
            k += 1;
            let v = format!("{ds}T{p}");
            return Some((k, Val::date(v, Precision::PartOfDay, res)));
        }
        if let Some(d) = day {
            self.note_day(d);
        }
        Some((k, Val::date(ds, Precision::Day, res)))
    }

    /// Season name at `j` ending before `end`.
    fn season_expr(&mut self, start: usize, end: usize, s: &str, rel: i32) -> Hit {
        let mut end = end;
        let y = if let Some(y) = {
            let k = if self.is_kw(end, Kw::Of) {
                end + 1
            } else {
                end
            };
            self.year_at(k).map(|y| (y, k + 1))
        } {
            end = y.1;
            Some(y.0)
        } else {
            self.dct.map(|d| {
                let y = d.year();
                match rel {
                    THIS => y,
                    r if r < 0 => y - 1,
                    r if r > 0 => y + 1,
                    _ => {
                        let tense = self.tense(start, end);
                        let season_start = match s {
                            "SP" => 3,
                            "SU" => 6,
                            "FA" => 9,
                            _ => 12,
                        };
                        if tense == Tense::Past && season_start > d.month() {
                            y - 1
                        } else {
                            y
                        }
                    }
                }
            })
        };
        let v = match y {
            Some(y) => format!("{y:04}-{s}"),
            None => format!("XXXX-{s}"),
        };
        Some((
            end,
            Val::date(v, Precision::Season, Resolution::RelativeToDct),
        ))
    }

    fn holiday(&mut self, i: usize, code: &str) -> Hit {
        let (m, rule) = code.split_once('-')?;
        let m: u32 = m.parse().ok()?;
        let mut end = i + 1;
        let w = self.word(end);
        let is_day = w == "day" || w == "eve";
        if code.ends_with("ELECTION") && !is_day {
            return None;
        }
        if is_day {
            end += 1;
        }
        let k = if self.punct(end, ',') { end + 1 } else { end };
        let explicit = self.year_at(k);
        if explicit.is_some() {
            end = k + 1;
        }
        let tense = self.tense(i, end);
        let guess = |d: NaiveDate| resolve_month_day_year(d, m, 25, tense);
        let Some(y) = explicit.or_else(|| self.dct.map(guess)) else {
            return Some((
                end,
                Val::date(
                    format!("XXXX-{m:02}-XX"),
                    Precision::Day,
                    Resolution::Underspecified,
                ),
            ));
        };
        let first = NaiveDate::from_ymd_opt(y, m, 1)?;
        let dow = |n: u32| (n + 7 - first.weekday().number_from_monday()) % 7 + 1;
        let day = match rule {
            "TH4" => dow(4) + 21,
            "ELECTION" => dow(1) + 1,
            d => d.parse().ok()?,
        };
        let mut date = NaiveDate::from_ymd_opt(y, m, day)?;
        if w == "eve" {
            date = add_days(date, -1);
        }
        self.note_day(date);
        Some((
            end,
            Val::date(fmt_day(date), Precision::Day, Resolution::RelativeToDct),
        ))
    }

    /// After last/next/this at `i` (first content token `j`).
    fn rel_expr(&mut self, i: usize, j: usize, rel: i32) -> Hit {
        // "this past spring"
        if rel == 0 && self.is_kw(j, Kw::Prev) && self.word(j) == "past" {
            return self.rel_expr(i, j + 1, 0);
        }
        let named = if rel == 0 { THIS } else { rel };
        if let Some(m) = self.month_at(j) {
            return self.month_expr(i, j, m, named);
        }
        if let Some(wd) = self
            .lex(j)
            .and_then(|l| l.weekday)
            .filter(|_| self.capitalized(j))
        {
            return self.weekday_expr(i, j, wd, rel);
        }
        if let Some(s) = self.lex(j).and_then(|l| l.season) {
            return self.season_expr(i, j + 1, s, named);
        }
        if let Some(p) = self.lex(j).and_then(|l| l.pod).filter(|p| !p.contains(':')) {
            let off = if rel < 0 && p == "NI" {
                -1
            } else if rel > 0 {
                1
            } else {
                0
            };
            let ds = self
                .dct
                .map_or_else(|| "XXXX-XX-XX".to_string(), |d| fmt_day(add_days(d, off)));
            let v = format!("{ds}T{p}");
            return Some((
                j + 1,
                Val::new(
                    TimexType::Time,
                    v,
                    Precision::PartOfDay,
                    Resolution::RelativeToDct,
                ),
            ));
        }
        if let Some((q, k)) = self.quantity(j)
            && let Some(u) = self.unit(k)
            && self.plural(k)
        {
            return Some((k + 1, Val::duration(q, u)));
        }
        let unit = self.unit(j)?;
        if self.plural(j) {
            // "past years", "coming months"
            let v = if rel < 0 {
                Val::reference("PAST_REF")
            } else {
                Val::duration(Qty::X, unit)
            };
            return Some((j + 1, v));
        }
        self.unit_shift(j + 1, unit, rel)
    }

    /// `last week`, `this year`, `next month`: DCT shifted by `rel` units.
    fn unit_shift(&mut self, end: usize, unit: Unit, rel: i32) -> Hit {
        if unit == Unit::Year
            && self.punct(end, '\'')
            && self.word(end + 1) == "s"
            && let Some(dct) = self.dct
            && let Some(h) = self.year_quarter(end + 2, dct.year() + rel.clamp(-1, 1))
        {
            return Some(h);
        }
        if matches!(unit, Unit::Second | Unit::Minute | Unit::Hour) {
            return None;
        }
        if unit == Unit::Century && rel == 0 {
            return Some((end, Val::duration(Qty::N(1.0), unit)));
        }
        let Some(dct) = self.dct else {
            return Some((
                end,
                Val::date(
                    unknown_value(unit).into(),
                    unit_precision(unit),
                    Resolution::Underspecified,
                ),
            ));
        };
        if unit == Unit::Quarter {
            let (y, q) = dct_quarter(dct, rel);
            self.narrative.last_quarter = Some((y, q));
            return Some((
                end,
                Val::date(
                    format!("{y:04}-Q{q}"),
                    Precision::Quarter,
                    Resolution::RelativeToDct,
                ),
            ));
        }
        if unit == Unit::Weekend {
            let base = if rel == 0 {
                weekend_base(dct, self.tense(end - 1, end))
            } else {
                add_days(dct, 7 * i64::from(rel))
            };
            return Some((
                end,
                Val::date(
                    format!("{}-WE", super::normalize::fmt_week(base)),
                    Precision::Week,
                    Resolution::RelativeToDct,
                ),
            ));
        }
        if unit == Unit::Day {
            let d = add_days(dct, i64::from(rel));
            self.note_day(d);
        }
        let v = shift_value(dct, unit, i64::from(rel))?;
        Some((
            end,
            Val::date(v, unit_precision(unit), Resolution::RelativeToDct),
        ))
    }

    /// `the ...` expressions.
    fn the_expr(&mut self, i: usize) -> Hit {
        let j = i + 1;
        let l = self.lex(j);
        if let Some(o) = l.and_then(|l| l.ordinal)
            && !(self.punct(j + 1, '-') && self.glued(j + 1))
            && let Some(h) = self.ordinal_expr(i, j, o)
        {
            return Some(h);
        }
        if self.num_str(j).is_some() {
            if let Some(y) = self.year_at(j)
                && let Some(h) = self.year_quarter(j + 1, y)
            {
                return Some(h);
            }
            if let Some(h) = self.decade_or_century(j) {
                return Some(h);
            }
            if let Some((q, k)) = self.quantity(j)
                && self.unit(k).is_some()
                && self.plural(k)
            {
                return Some((k + 1, Val::duration(q, self.unit(k)?)));
            }
            return None;
        }
        let k = self.kw(j);
        match k {
            Some(Kw::Prev | Kw::Next | Kw::Latest | Kw::Current | Kw::That) => self.the_rel(j, k?),
            Some(Kw::Future) => Some((j + 1, Val::reference("FUTURE_REF"))),
            Some(Kw::Present) => Some((j + 1, Val::reference("PRESENT_REF"))),
            Some(Kw::Near) if matches!(self.word(j + 1), "future" | "term") => {
                Some((j + 2, Val::reference("FUTURE_REF")))
            }
            Some(Kw::Eve) if self.is_kw(j + 1, Kw::Of) => self.anchored(j + 2, -1),
            _ if self.word(j) == "year" && self.punct(j + 1, '-') => self.bare_unit(j),
            _ if self.word(j) == "day" && matches!(self.word(j + 1), "before" | "after") => {
                let off = if self.word(j + 1) == "before" { -1 } else { 1 };
                self.anchored(j + 2, off)
            }
            _ => {
                if let Some(s) = l.and_then(|l| l.season) {
                    return self.season_expr(i, j + 1, s, 0);
                }
                if l.is_some_and(|l| l.kw == Some(Kw::Few))
                    || l.is_some_and(|l| l.number.is_some() || l.tens.is_some())
                {
                    let (q, k) = self.quantity(j)?;
                    let u = self.unit(k).filter(|_| self.plural(k))?;
                    return Some((k + 1, Val::duration(q, u)));
                }
                let unit = self.unit(j)?;
                if self.plural(j) {
                    return None;
                }
                self.the_unit(i, j, unit)
            }
        }
    }

    /// `the year`, `the quarter`, `the week`, `the weekend`, `the month`.
    fn the_unit(&mut self, i: usize, j: usize, unit: Unit) -> Hit {
        match unit {
            Unit::Year => {
                let prev = if i > self.sent.0 {
                    self.word(i - 1)
                } else {
                    ""
                };
                if matches!(prev, "for" | "during" | "throughout" | "over") {
                    return Some((j + 1, Val::duration(Qty::N(1.0), Unit::Year)));
                }
                self.unit_shift(j + 1, unit, 0)
            }
            Unit::Quarter => self.latest_quarter_val(j + 1),
            Unit::Month | Unit::Week | Unit::Weekend => self.unit_shift(j + 1, unit, 0),
            _ => None,
        }
    }

    /// `the last/past/next/following/previous/latest/current/same ...`.
    fn the_rel(&mut self, j: usize, k: Kw) -> Hit {
        let w = self.word(j);
        let n = j + 1;
        if let Some((q, e)) = self.quantity(n)
            && let Some(u) = self.unit(e)
        {
            return Some((e + 1, Val::duration(q, u)));
        }
        if k == Kw::Prev && w == "past" && self.unit(n).is_none() {
            return Some((n, Val::reference("PAST_REF")));
        }
        if k == Kw::Latest || (k == Kw::Prev && w == "last" && self.is_kw(n, Kw::Period)) {
            if self.unit(n) == Some(Unit::Quarter) || self.is_kw(n, Kw::Period) {
                self.narrative.last_quarter = None;
                return self.latest_quarter_val(n + 1);
            }
            return None;
        }
        let unit = self.unit(n)?;
        if self.plural(n) {
            return Some((n + 1, Val::duration(Qty::X, unit)));
        }
        let narrative = matches!(w, "following" | "previous" | "same") || k == Kw::That;
        if narrative && unit == Unit::Day {
            let off = match w {
                "following" | "next" => 1,
                "previous" => -1,
                _ => 0,
            };
            return self.anchored_day(n + 1, off);
        }
        let rel = match k {
            Kw::Prev => -1,
            Kw::Next => 1,
            _ => 0,
        };
        if k == Kw::That {
            return None;
        }
        if rel != 0 && matches!(unit, Unit::Decade | Unit::Century) {
            return Some((n + 1, Val::duration(Qty::N(1.0), unit)));
        }
        self.unit_shift(n + 1, unit, rel)
    }

    /// `the next/following/previous/same day`: relative to the narrative day, else DCT.
    fn anchored_day(&mut self, end: usize, off: i64) -> Hit {
        let (base, res) = match (self.narrative.last_day, self.dct) {
            (Some(d), _) => (d, Resolution::RelativeToNarrative),
            (None, Some(d)) => (d, Resolution::RelativeToDct),
            (None, None) => {
                return Some((
                    end,
                    Val::date(
                        "XXXX-XX-XX".into(),
                        Precision::Day,
                        Resolution::Underspecified,
                    ),
                ));
            }
        };
        let d = add_days(base, off);
        let mut v = Val::date(fmt_day(d), Precision::Day, res);
        v.anchor = Some(fmt_day(base));
        Some((end, v))
    }

    /// `the eve of the summit`, `the day after the election`: anchored to an event
    /// mentioned with a date earlier in the text.
    fn anchored(&mut self, j: usize, off: i64) -> Hit {
        let k = if self.is_kw(j, Kw::The) { j + 1 } else { j };
        let ev = self.lex(k).filter(|l| l.event).map(|_| self.event_key(k));
        let Some(ev) = ev else {
            return if off != 0
                && self.narrative.last_day.is_some()
                && j > 0
                && self.word(j - 1) != "of"
            {
                self.anchored_day(j, off)
            } else {
                None
            };
        };
        let found = self
            .narrative
            .events
            .iter()
            .rev()
            .find(|(e, _)| *e == ev)
            .map(|x| x.1);
        let end = k + 1;
        let mut v = match found {
            Some(d) => Val::date(
                fmt_day(add_days(d, off)),
                Precision::Day,
                Resolution::AnchoredToEvent,
            ),
            None => Val::date(
                "XXXX-XX-XX".into(),
                Precision::Day,
                Resolution::Underspecified,
            ),
        };
        v.anchor = Some(self.text[self.toks[k].s..self.toks[k].e].to_string());
        Some((end, v))
    }

    /// After a year: `(third) quarter` / `period` -> that year's quarter.
    fn year_quarter(&mut self, k: usize, y: i32) -> Hit {
        let (q, end) = match self.lex(k).and_then(|l| l.ordinal) {
            Some(o) if self.unit(k + 1) == Some(Unit::Quarter) && !self.plural(k + 1) => {
                (ordinal_part(o, 4)?, k + 2)
            }
            _ if (self.unit(k) == Some(Unit::Quarter) && !self.plural(k))
                || self.is_kw(k, Kw::Period) =>
            {
                let q = self
                    .narrative
                    .last_quarter
                    .map(|x| x.1)
                    .or_else(|| self.dct.map(|d| latest_quarter(d).1))?;
                (q, k + 1)
            }
            _ => return None,
        };
        self.narrative.last_quarter = Some((y, q));
        Some((
            end,
            Val::date(
                format!("{y:04}-Q{q}"),
                Precision::Quarter,
                Resolution::Absolute,
            ),
        ))
    }

    /// Quarter value for `the quarter`/`the latest quarter` (last completed quarter).
    fn latest_quarter_val(&mut self, end: usize) -> Hit {
        let Some(dct) = self.dct else {
            return Some((
                end,
                Val::date(
                    "XXXX-QX".into(),
                    Precision::Quarter,
                    Resolution::Underspecified,
                ),
            ));
        };
        let (y, q) = self
            .narrative
            .last_quarter
            .unwrap_or_else(|| latest_quarter(dct));
        self.narrative.last_quarter = Some((y, q));
        Some((
            end,
            Val::date(
                format!("{y:04}-Q{q}"),
                Precision::Quarter,
                Resolution::RelativeToDct,
            ),
        ))
    }

    /// Ordinal at `j`: `third quarter`, `third-quarter`, `first half of 1990`, `first nine months`.
    fn ordinal_expr(&mut self, i: usize, j: usize, o: i32) -> Hit {
        let mut k = j + 1;
        if self.punct(k, '-') && self.glued(k) {
            k += 1;
        }
        if self.word(k) == "fiscal" {
            k += 1;
        }
        if let Some((q, e)) = self.quantity(k)
            && let Some(u) = self.unit(e)
            && self.plural(e)
            && i < j
        {
            return Some((e + 1, Val::duration(q, u)));
        }
        let (part, n) = match (self.unit(k), self.word(k)) {
            (Some(Unit::Quarter), _) => ("Q", ordinal_part(o, 4)?),
            (_, "half") => ("H", ordinal_part(o, 2)?),
            _ => return None,
        };
        if self.plural(k) {
            return None;
        }
        let mut end = k + 1;
        let yk = if self.is_kw(end, Kw::Of) {
            end + 1
        } else {
            end
        };
        let y = if let Some(y) = self.year_at(yk) {
            end = yk + 1;
            Some(y)
        } else {
            self.dct.map(|d| d.year())
        };
        let v = match y {
            Some(y) => format!("{y:04}-{part}{n}"),
            None => format!("XXXX-{part}{n}"),
        };
        if let (Some(y), "Q") = (y, part) {
            self.narrative.last_quarter = Some((y, n));
        }
        let prec = if part == "Q" {
            Precision::Quarter
        } else {
            Precision::Half
        };
        Some((end, Val::date(v, prec, Resolution::RelativeToDct)))
    }

    /// `a week`, `a year ago`, `a few days`, `a year` (rate).
    fn a_expr(&mut self, i: usize) -> Hit {
        let j = i + 1;
        if self.is_kw(j, Kw::Few) {
            let (q, k) = self.quantity(j)?;
            return self.unit_phrase(i, k, q);
        }
        let unit = self.unit(j)?;
        if self.plural(j) {
            return None;
        }
        if unit == Unit::Year && self.punct(j + 1, '-') {
            return self.bare_unit(j);
        }
        if unit == Unit::Year || unit == Unit::Day || unit == Unit::Week || unit == Unit::Month {
            let rate_ctx = i > self.sent.0 && {
                let p = i - 1;
                let w = self.word(p);
                self.num_str(p).is_some()
                    || self.punct(p, '%')
                    || matches!(
                        w,
                        "percent" | "million" | "billion" | "thousand" | "times" | "twice" | "once"
                    )
                    || (w.len() > 3 && w.ends_with('s') && self.lex(p).is_none())
            };
            if rate_ctx && !matches!(self.kw(j + 1), Some(Kw::Ago | Kw::Earlier | Kw::Later)) {
                return None; // "$500 million a year", "700 seats a week": a rate, not a timex
            }
        }
        self.unit_phrase(i, j, Qty::N(1.0))
    }

    /// `current` alone (PRESENT_REF) or `current quarter/year`.
    fn current(&mut self, i: usize) -> Hit {
        if let Some(u) = self.unit(i + 1).filter(|_| !self.plural(i + 1)) {
            return self.unit_shift(i + 2, u, 0);
        }
        if self.tok(i + 1).is_some_and(|t| t.kind == Kind::Word) {
            return Some((i + 1, Val::reference("PRESENT_REF")));
        }
        None
    }

    /// `recent years` (PAST_REF), `recent weeks/months` (PXW/PXM).
    fn recent(&mut self, i: usize) -> Hit {
        let u = self.unit(i + 1).filter(|_| self.plural(i + 1))?;
        if u == Unit::Year {
            return Some((i + 2, Val::reference("PAST_REF")));
        }
        Some((i + 2, Val::duration(Qty::X, u)))
    }

    /// `every week`, `each year`, `every Thursday`.
    fn every(&mut self, i: usize) -> Hit {
        let j = i + 1;
        if let Some(u) = self.unit(j) {
            return Some((j + 1, Val::set(&duration_value(Qty::N(1.0), u))));
        }
        let l = self.lex(j)?;
        if let Some(wd) = l.weekday {
            return Some((j + 1, Val::set(&format!("XXXX-WXX-{wd}"))));
        }
        if let Some(m) = l.month.filter(|_| self.capitalized(j)) {
            return Some((j + 1, Val::set(&format!("XXXX-{m:02}"))));
        }
        if let Some(p) = l.pod.filter(|p| !p.contains(':')) {
            return Some((j + 1, Val::set(&format!("XXXX-XX-XXT{p}"))));
        }
        None
    }

    /// `fiscal 1989`, `fiscal 1990's first quarter`.
    fn fiscal(&mut self, i: usize) -> Hit {
        let y = self.year_at(i + 1)?;
        Some((
            i + 2,
            Val::date(format!("{y:04}"), Precision::Year, Resolution::Absolute),
        ))
    }

    /// The anchoring key of the event noun at `k`: its class, or the word.
    fn event_key(&self, k: usize) -> String {
        match self.lex(k).map_or(0, |l| l.event_class) {
            0 => self.word(k).to_string(),
            c => format!("class {c}"),
        }
    }

    /// Record a day-precision date for narrative anchoring.
    fn note_day(&mut self, d: NaiveDate) {
        self.narrative.last_day = Some(d);
        let lo = self.sent.0.max(self.cur.saturating_sub(EVENT_WINDOW));
        let hi = self
            .sent
            .1
            .min(self.toks.len())
            .min(self.cur + EVENT_WINDOW);
        for k in lo..hi {
            if self.toks[k].lex.is_some_and(|l| l.event) {
                let w = self.event_key(k);
                self.narrative.events.retain(|(e, _)| *e != w);
                self.narrative.events.push((w, d));
            }
        }
    }
}

/// Ordinal `o` as a part number out of `n` ("last" = n).
fn ordinal_part(o: i32, n: u32) -> Option<u32> {
    match o {
        -1 => Some(n),
        o if o >= 1 && (o as u32) <= n => Some(o as u32),
        _ => None,
    }
}

/// Whether a leading modifier fits the parsed value.
fn mod_applies(m: &str, v: &Val) -> bool {
    match m {
        "START" | "MID" | "END" => {
            matches!(v.ttype, TimexType::Date | TimexType::Time) && !v.value.ends_with("_REF")
        }
        _ => v.ttype == TimexType::Duration || v.resolution == Resolution::RelativeToDct,
    }
}

/// The last completed quarter before the DCT's quarter.
fn latest_quarter(dct: NaiveDate) -> (i32, u32) {
    dct_quarter(dct, -1)
}

/// The DCT's quarter shifted by `rel` quarters.
fn dct_quarter(dct: NaiveDate, rel: i32) -> (i32, u32) {
    let q = i64::from(quarter_of(dct.month())) - 1 + i64::from(rel);
    (
        (i64::from(dct.year()) + q.div_euclid(4)) as i32,
        (q.rem_euclid(4) + 1) as u32,
    )
}

/// Day in the week whose weekend "the weekend" refers to.
fn weekend_base(dct: NaiveDate, tense: Tense) -> NaiveDate {
    let wd = dct.weekday().number_from_monday();
    if tense != Tense::Future && wd <= 3 {
        add_days(dct, -7)
    } else {
        dct
    }
}
