//! Calendar arithmetic and TIMEX3 value formatting.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use super::lexicon::Unit;
use super::tense::Tense;

/// A quantity: a known number or an unspecified one ("several").
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Qty {
    /// Known amount.
    N(f64),
    /// Unknown amount (X in values).
    X,
}

/// Largest amount written out in values; anything above becomes X.
const MAX_AMOUNT: f64 = 1e12;

/// Format an amount without a trailing ".0"; X when unknown or absurd.
pub(super) fn fmt_amount(q: Qty) -> String {
    match q {
        Qty::N(n) if n.is_finite() && (0.0..MAX_AMOUNT).contains(&n) => {
            if n.fract() == 0.0 {
                format!("{}", n as u64)
            } else {
                let s = format!("{n:.3}");
                s.trim_end_matches('0').trim_end_matches('.').to_string()
            }
        }
        _ => "X".to_string(),
    }
}

/// TIMEX3 duration value for `q` units, e.g. `PT2H`, `P3D`, `P10Y`, `PXY`.
pub(super) fn duration_value(q: Qty, unit: Unit) -> String {
    let scaled = |k: f64| match q {
        Qty::N(n) => Qty::N(n * k),
        Qty::X => Qty::X,
    };
    let a = |q: Qty| fmt_amount(q);
    match unit {
        Unit::Second => format!("PT{}S", a(q)),
        Unit::Minute => format!("PT{}M", a(q)),
        Unit::Hour => format!("PT{}H", a(q)),
        Unit::Day => format!("P{}D", a(q)),
        Unit::Week => format!("P{}W", a(q)),
        Unit::Weekend => format!("P{}D", a(scaled(2.0))),
        Unit::Fortnight => format!("P{}W", a(scaled(2.0))),
        Unit::Month => format!("P{}M", a(q)),
        Unit::Quarter => format!("P{}Q", a(q)),
        Unit::Year => format!("P{}Y", a(q)),
        Unit::Decade if q == Qty::X => "PXDE".to_string(),
        Unit::Decade => format!("P{}Y", a(scaled(10.0))),
        Unit::Century if q == Qty::X => "PXCE".to_string(),
        Unit::Century => format!("P{}Y", a(scaled(100.0))),
        Unit::Millennium if q == Qty::X => "PXML".to_string(),
        Unit::Millennium => format!("P{}Y", a(scaled(1000.0))),
    }
}

/// `YYYY-MM-DD`.
pub(super) fn fmt_day(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// `YYYY-MM`.
pub(super) fn fmt_month(y: i32, m: u32) -> String {
    format!("{y:04}-{m:02}")
}

/// ISO week `YYYY-Www` of `d`.
pub(super) fn fmt_week(d: NaiveDate) -> String {
    let w = d.iso_week();
    format!("{:04}-W{:02}", w.year(), w.week())
}

/// Quarter (1..=4) of a month.
pub(super) fn quarter_of(m: u32) -> u32 {
    (m - 1) / 3 + 1
}

/// `d` shifted by `n` days, saturating at the calendar limits.
pub(super) fn add_days(d: NaiveDate, n: i64) -> NaiveDate {
    if n.unsigned_abs() > 3_000_000 {
        return d;
    }
    d.checked_add_signed(Duration::days(n)).unwrap_or(d)
}

/// Month `(y, m)` shifted by `n` months.
pub(super) fn add_months(y: i32, m: u32, n: i64) -> (i32, u32) {
    let total = i64::from(y) * 12 + i64::from(m) - 1 + n;
    (
        (total.div_euclid(12)) as i32,
        (total.rem_euclid(12) + 1) as u32,
    )
}

/// The value of the period `n` units away from `dct` at the unit's own granularity
/// ("last week" = -1 week, "next month" = +1 month, "three days ago" = -3 days).
pub(super) fn shift_value(dct: NaiveDate, unit: Unit, n: i64) -> Option<String> {
    let n = n.clamp(-100_000, 100_000);
    let y = dct.year();
    Some(match unit {
        Unit::Day => fmt_day(add_days(dct, n)),
        Unit::Week => fmt_week(add_days(dct, 7 * n)),
        Unit::Weekend => format!("{}-WE", fmt_week(add_days(dct, 7 * n))),
        Unit::Fortnight => fmt_week(add_days(dct, 14 * n)),
        Unit::Month => {
            let (yy, mm) = add_months(y, dct.month(), n);
            fmt_month(yy, mm)
        }
        Unit::Quarter => {
            let q = i64::from(quarter_of(dct.month())) - 1 + n;
            format!(
                "{:04}-Q{}",
                i64::from(y) + q.div_euclid(4),
                q.rem_euclid(4) + 1
            )
        }
        Unit::Year => format!("{:04}", i64::from(y) + n),
        Unit::Decade => format!("{:03}", i64::from(y).div_euclid(10) + n),
        Unit::Century => format!("{:02}", i64::from(y).div_euclid(100) + n),
        Unit::Second | Unit::Minute | Unit::Hour | Unit::Millennium => return None,
    })
}

/// Underspecified value of a unit-relative expression when the DCT is unknown.
pub(super) fn unknown_value(unit: Unit) -> &'static str {
    match unit {
        Unit::Day => "XXXX-XX-XX",
        Unit::Week | Unit::Fortnight => "XXXX-WXX",
        Unit::Weekend => "XXXX-WXX-WE",
        Unit::Month => "XXXX-XX",
        Unit::Quarter => "XXXX-QX",
        Unit::Year => "XXXX",
        Unit::Decade => "XXX",
        Unit::Century => "XX",
        _ => "XXXX-XX-XXTXX:XX",
    }
}

/// Resolve a weekday (ISO 1..=7) against the DCT.
///
/// `rel`: -1 "last", +1 "next", 0 bare. A bare weekday equal to the DCT weekday is
/// the DCT itself; otherwise the future occurrence is used only with a future cue.
pub(super) fn resolve_weekday(dct: NaiveDate, wd: u32, rel: i32, tense: Tense) -> NaiveDate {
    let cur = dct.weekday().number_from_monday() as i64;
    let wd = i64::from(wd);
    let back = (cur - wd).rem_euclid(7);
    let fwd = (wd - cur).rem_euclid(7);
    match rel {
        r if r < 0 => add_days(dct, -(if back == 0 { 7 } else { back })),
        r if r > 0 => add_days(dct, if fwd == 0 { 7 } else { fwd }),
        _ if tense == Tense::Future => add_days(dct, fwd),
        _ => add_days(dct, -back),
    }
}

/// Year of a bare month name relative to the DCT.
pub(super) fn resolve_month_year(dct: NaiveDate, m: u32, rel: i32, tense: Tense) -> i32 {
    let (y, cur) = (dct.year(), dct.month());
    match rel {
        r if r < 0 => {
            if m < cur {
                y
            } else {
                y - 1
            }
        }
        r if r > 0 => {
            if m > cur {
                y
            } else {
                y + 1
            }
        }
        _ if m > cur && tense == Tense::Past => y - 1,
        _ if m < cur && tense == Tense::Future && cur - m > 2 => y + 1,
        _ => y,
    }
}

/// Tense decides the year of a month-day only when it is at most this far from the DCT.
const MAX_TENSE_DAYS: i64 = 240;

/// Year of a month-day without year: the nearest occurrence, restricted to the
/// past with past tense and to the future with future tense.
pub(super) fn resolve_month_day_year(dct: NaiveDate, m: u32, d: u32, tense: Tense) -> i32 {
    let y = dct.year();
    let cands: Vec<(i32, NaiveDate)> = [y - 1, y, y + 1]
        .into_iter()
        .filter_map(|yy| NaiveDate::from_ymd_opt(yy, m, d).map(|date| (yy, date)))
        .collect();
    let dist = |date: NaiveDate| (date - dct).num_days();
    let past = cands.iter().filter(|c| dist(c.1) <= 0).max_by_key(|c| c.1);
    let future = cands.iter().filter(|c| dist(c.1) >= 0).min_by_key(|c| c.1);
    let near = |c: &&(i32, NaiveDate)| dist(c.1).abs() <= MAX_TENSE_DAYS;
    let pick = match tense {
        Tense::Past => past.filter(near),
        Tense::Future => future.filter(near),
        _ => None,
    };
    pick.or_else(|| {
        cands
            .iter()
            .min_by_key(|c| (dist(c.1).abs(), dist(c.1) > 0))
    })
    .map_or(y, |c| c.0)
}

/// Inclusive calendar range of a TIMEX3 DATE value, where it has one.
pub(super) fn range_of(value: &str) -> Option<(NaiveDate, NaiveDate)> {
    let v = value.split('T').next()?;
    let parts: Vec<&str> = v.split('-').collect();
    let num = |s: &str| -> Option<i32> {
        if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) || s.len() > 4 {
            None
        } else {
            s.parse().ok()
        }
    };
    let ymd = |y: i32, m: u32, d: u32| NaiveDate::from_ymd_opt(y, m, d);
    let month_end = |y: i32, m: u32| {
        let (ny, nm) = add_months(y, m, 1);
        ymd(ny, nm, 1).map(|d| add_days(d, -1))
    };
    match parts.as_slice() {
        [y] if y.len() == 4 => {
            let y = num(y)?;
            Some((ymd(y, 1, 1)?, ymd(y, 12, 31)?))
        }
        [d] if d.len() == 3 => {
            let d = num(d)?;
            Some((ymd(d * 10, 1, 1)?, ymd(d * 10 + 9, 12, 31)?))
        }
        [c] if c.len() == 2 => {
            let c = num(c)?;
            Some((ymd(c * 100, 1, 1)?, ymd(c * 100 + 99, 12, 31)?))
        }
        [y, p] => {
            let y = num(y)?;
            if let Some(m) = num(p) {
                let m = u32::try_from(m).ok()?;
                return Some((ymd(y, m, 1)?, month_end(y, m)?));
            }
            let (first, last) = match *p {
                "Q1" => ((1, 1), (3, 31)),
                "Q2" => ((4, 1), (6, 30)),
                "Q3" => ((7, 1), (9, 30)),
                "Q4" => ((10, 1), (12, 31)),
                "H1" => ((1, 1), (6, 30)),
                "H2" => ((7, 1), (12, 31)),
                "SP" => ((3, 20), (6, 20)),
                "SU" => ((6, 21), (9, 22)),
                "FA" => ((9, 23), (12, 20)),
                "WI" => ((12, 21), (12, 31)),
                w if w.starts_with('W') => {
                    let wk = u32::try_from(num(&w[1..])?).ok()?;
                    let mon = NaiveDate::from_isoywd_opt(y, wk, Weekday::Mon)?;
                    return Some((mon, add_days(mon, 6)));
                }
                _ => return None,
            };
            Some((ymd(y, first.0, first.1)?, ymd(y, last.0, last.1)?))
        }
        [y, m, d] => {
            let date = ymd(
                num(y)?,
                u32::try_from(num(m)?).ok()?,
                u32::try_from(num(d)?).ok()?,
            )?;
            Some((date, date))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).unwrap()
    }

    #[test]
    fn durations() {
        assert_eq!(duration_value(Qty::N(2.0), Unit::Hour), "PT2H");
        assert_eq!(duration_value(Qty::N(3.5), Unit::Hour), "PT3.5H");
        assert_eq!(duration_value(Qty::N(1.0), Unit::Decade), "P10Y");
        assert_eq!(duration_value(Qty::X, Unit::Decade), "PXDE");
        assert_eq!(duration_value(Qty::X, Unit::Week), "PXW");
        assert_eq!(
            duration_value(Qty::N(99999999999.0), Unit::Year),
            "P99999999999Y"
        );
        assert_eq!(duration_value(Qty::N(1e20), Unit::Year), "PXY");
    }

    #[test]
    fn shifts() {
        let dct = d(2021, 12, 4);
        assert_eq!(shift_value(dct, Unit::Month, 1).unwrap(), "2022-01");
        assert_eq!(shift_value(dct, Unit::Week, -1).unwrap(), "2021-W47");
        assert_eq!(shift_value(dct, Unit::Quarter, 1).unwrap(), "2022-Q1");
        assert_eq!(shift_value(dct, Unit::Year, -2).unwrap(), "2019");
        assert_eq!(shift_value(dct, Unit::Day, -1).unwrap(), "2021-12-03");
    }

    #[test]
    fn weekdays() {
        let sat = d(2021, 12, 4);
        assert_eq!(resolve_weekday(sat, 5, 0, Tense::Past), d(2021, 12, 3));
        assert_eq!(resolve_weekday(sat, 2, 0, Tense::Future), d(2021, 12, 7));
        let tue = d(2021, 12, 7);
        assert_eq!(resolve_weekday(tue, 2, 0, Tense::Present), tue);
        assert_eq!(resolve_weekday(tue, 2, -1, Tense::None), d(2021, 11, 30));
    }

    #[test]
    fn months_and_days() {
        let dct = d(2021, 12, 7);
        assert_eq!(resolve_month_year(dct, 1, 0, Tense::Past), 2021);
        assert_eq!(resolve_month_year(d(2021, 3, 1), 7, 0, Tense::Past), 2020);
        assert_eq!(resolve_month_day_year(dct, 6, 16, Tense::None), 2021);
        assert_eq!(resolve_month_day_year(dct, 1, 5, Tense::None), 2022);
        assert_eq!(resolve_month_day_year(dct, 6, 16, Tense::Future), 2022);
        // tense cannot push a date almost a year away from the DCT
        assert_eq!(resolve_month_day_year(dct, 1, 5, Tense::Past), 2022);
    }

    #[test]
    fn ranges() {
        assert_eq!(range_of("2021-12"), Some((d(2021, 12, 1), d(2021, 12, 31))));
        assert_eq!(
            range_of("2021-W49"),
            Some((d(2021, 12, 6), d(2021, 12, 12)))
        );
        assert_eq!(range_of("2021-Q1"), Some((d(2021, 1, 1), d(2021, 3, 31))));
        assert_eq!(range_of("198"), Some((d(1980, 1, 1), d(1989, 12, 31))));
        assert_eq!(range_of("2021-02"), Some((d(2021, 2, 1), d(2021, 2, 28))));
        assert_eq!(
            range_of("2021-12-07TMO"),
            Some((d(2021, 12, 7), d(2021, 12, 7)))
        );
        assert_eq!(range_of("PRESENT_REF"), None);
        assert_eq!(range_of("P1D"), None);
        assert_eq!(range_of("XXXX-07"), None);
    }
}
