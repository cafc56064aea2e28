//! The timeline as an SVG picture: x = date, y = tension (the negated
//! conflict–cooperation score, escalation up), one marker per merged event
//! colored by type (filled when asserted, hollow otherwise, larger with more
//! articles), events known only to the month or year drawn as spans.

use super::palette::type_hex;
use crate::corpus::Corpus;
use crate::extract::{Modality, PloverType};
use chrono::{Datelike, NaiveDate};
use std::fmt::Write;

/// The picture's size when nothing else is asked for.
pub const DEFAULT_SIZE: (f64, f64) = (1600.0, 900.0);
const LEFT: f64 = 70.0;
const RIGHT: f64 = 190.0;
const BOTTOM: f64 = 60.0;

/// Text escaped for SVG content and attributes.
pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// One event of the picture.
#[derive(Debug, Clone, PartialEq)]
pub struct SvgMark {
    /// First day.
    pub start: NaiveDate,
    /// Last day (the first for a day-precise date; a bar when later).
    pub end: NaiveDate,
    /// Height: the negated score (escalation up).
    pub tension: f64,
    /// Its type (the color).
    pub event_type: PloverType,
    /// Filled (asserted) or hollow.
    pub filled: bool,
    /// Articles reporting it (the size).
    pub sources: usize,
    /// The tooltip: date, type, actors, evidence.
    pub tip: String,
}

/// What the picture shows besides its marks.
#[derive(Debug, Clone, PartialEq)]
pub struct SvgOptions {
    /// The heading.
    pub title: String,
    /// Lines under the heading (the range shown, the filters).
    pub caption: Vec<String>,
    /// Width and height in pixels.
    pub size: (f64, f64),
    /// The days shown; the marks' own range when `None`.
    pub days: Option<(NaiveDate, NaiveDate)>,
    /// The tension shown (low, high); -10 to 10 when `None`.
    pub tension: Option<(f64, f64)>,
}

impl SvgOptions {
    /// The whole range, at the default size, under `title`.
    pub fn titled(title: &str) -> SvgOptions {
        SvgOptions {
            title: title.to_string(),
            caption: Vec::new(),
            size: DEFAULT_SIZE,
            days: None,
            tension: None,
        }
    }
}

/// The merged events of a corpus as marks (negated ones left out).
pub fn marks_of(corpus: &Corpus) -> Vec<SvgMark> {
    corpus
        .clusters
        .iter()
        .filter(|c| c.modality != Modality::Negated)
        .filter_map(|c| {
            let start = NaiveDate::parse_from_str(c.date.start.as_deref()?, "%Y-%m-%d").ok()?;
            let end = NaiveDate::parse_from_str(c.date.end.as_deref()?, "%Y-%m-%d").ok()?;
            Some(SvgMark {
                start,
                end,
                tension: -c.score,
                event_type: c.event_type,
                filled: c.modality == Modality::Asserted,
                sources: c.articles,
                tip: format!(
                    "{} {} {} – {} ({} article(s)): {}",
                    c.date.value.clone().unwrap_or_default(),
                    c.event_type.name(),
                    c.source.join(","),
                    c.target.join(","),
                    c.articles,
                    c.mentions.first().map_or("", |m| m.evidence.as_str())
                ),
            })
        })
        .collect()
}

/// The SVG document for the merged events of a corpus (negated ones left
/// out), over their whole range.
pub fn to_svg(corpus: &Corpus, title: &str) -> String {
    render(&marks_of(corpus), &SvgOptions::titled(title))
}

/// Date ticks between `min` and `max`: years, months or days, whichever
/// gives at most about one per 100 pixels of `width`.
fn date_ticks(min: NaiveDate, max: NaiveDate, width: f64) -> Vec<(NaiveDate, String)> {
    let days = (max - min).num_days().max(1) as f64;
    let room = (width / 100.0).max(2.0);
    let mut out = Vec::new();
    if days / 365.25 > room * 0.5 {
        let every = ((days / 365.25 / room).ceil() as i32).max(1);
        let first = min.year() + (every - min.year().rem_euclid(every)) % every;
        let mut y = first;
        while let Some(d) = NaiveDate::from_ymd_opt(y, 1, 1).filter(|d| *d <= max) {
            if d >= min {
                out.push((d, y.to_string()));
            }
            y += every;
        }
    } else if days / 30.44 > room * 0.5 {
        let every = ((days / 30.44 / room).ceil() as u32).max(1);
        let mut d = NaiveDate::from_ymd_opt(min.year(), min.month(), 1).unwrap_or(min);
        while d <= max {
            if d >= min && (d.month() - 1).is_multiple_of(every) {
                out.push((d, d.format("%b %Y").to_string()));
            }
            match d.checked_add_months(chrono::Months::new(1)) {
                Some(next) => d = next,
                None => break,
            }
        }
    } else {
        let every = ((days / room).ceil() as i64).max(1);
        let mut d = min;
        while d <= max {
            out.push((d, d.format("%Y-%m-%d").to_string()));
            d += chrono::Duration::days(every);
        }
    }
    out
}

/// The opening of a picture: the `<svg>` element of `(width, height)` on a
/// white ground, the title and the caption lines at `x`. Returns the text
/// and the height the title and caption take.
pub fn open_picture(
    (width, height): (f64, f64),
    x: f64,
    title: &str,
    caption: &[String],
) -> (String, f64) {
    let mut svg = String::new();
    let _ = writeln!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">"#
    );
    let _ = writeln!(svg, r#"<rect width="100%" height="100%" fill="white"/>"#);
    let _ = writeln!(
        svg,
        r#"<text x="{x}" y="24" font-size="16" font-weight="bold">{}</text>"#,
        escape(title)
    );
    for (i, line) in caption.iter().enumerate() {
        let _ = writeln!(
            svg,
            r##"<text x="{x}" y="{}" fill="#444">{}</text>"##,
            44.0 + 18.0 * i as f64,
            escape(line)
        );
    }
    (svg, 40.0 + 18.0 * caption.len() as f64)
}

/// The SVG document for `marks` as `options` say.
pub fn render(marks: &[SvgMark], options: &SvgOptions) -> String {
    let (width, height) = options.size;
    let (mut svg, top) = open_picture(options.size, LEFT, &options.title, &options.caption);
    let range = options.days.or_else(|| {
        Some((
            marks.iter().map(|m| m.start).min()?,
            marks.iter().map(|m| m.end).max()?,
        ))
    });
    let Some((min, max)) = range else {
        let _ = writeln!(
            svg,
            r#"<text x="{LEFT}" y="{}">No dated events.</text></svg>"#,
            height / 2.0
        );
        return svg;
    };
    let (low, high) = options.tension.unwrap_or((-10.0, 10.0));
    let span_days = ((max - min).num_days() as f64).max(1.0);
    let plot_w = (width - LEFT - RIGHT).max(10.0);
    let plot_h = (height - top - BOTTOM).max(10.0);
    let x = |d: NaiveDate| LEFT + (d - min).num_days() as f64 / span_days * plot_w;
    let y = |tension: f64| top + (high - tension) / (high - low).max(1e-9) * plot_h;
    // axes: zero line, tension ticks, date ticks
    if (low..=high).contains(&0.0) {
        let _ = writeln!(
            svg,
            r##"<line x1="{LEFT}" y1="{0}" x2="{1}" y2="{0}" stroke="#888" stroke-dasharray="4 3"/>"##,
            y(0.0),
            LEFT + plot_w
        );
    }
    // round tension ticks: a step of 1, 2, 5, 10... giving at most six
    let step = [0.5, 1.0, 2.0, 2.5, 5.0, 10.0, 20.0]
        .into_iter()
        .find(|s| (high - low) / s <= 6.0)
        .unwrap_or(20.0);
    let mut t = (low / step).ceil() * step;
    while t <= high + 1e-9 {
        let _ = writeln!(
            svg,
            r##"<text x="{}" y="{}" text-anchor="end" fill="#555">{t}</text>"##,
            LEFT - 8.0,
            y(t) + 4.0,
        );
        t += step;
    }
    let _ = writeln!(
        svg,
        r##"<text x="16" y="{}" transform="rotate(-90 16 {0})" text-anchor="middle" fill="#555">tension (escalation up)</text>"##,
        top + plot_h / 2.0
    );
    for (d, label) in date_ticks(min, max, plot_w) {
        let _ = writeln!(
            svg,
            r##"<line x1="{0}" y1="{top}" x2="{0}" y2="{1}" stroke="#eee"/><text x="{0}" y="{2}" text-anchor="middle" fill="#555">{label}</text>"##,
            x(d),
            top + plot_h,
            top + plot_h + 18.0
        );
    }
    // events inside the range (bars cut at its edges)
    let mut types: Vec<PloverType> = Vec::new();
    let inside = |m: &&SvgMark| m.end >= min && m.start <= max && (low..=high).contains(&m.tension);
    for m in marks.iter().filter(inside) {
        if !types.contains(&m.event_type) {
            types.push(m.event_type);
        }
        let color = type_hex(m.event_type);
        let yy = y(m.tension);
        let r = 4.0 + 2.0 * (m.sources as f64).min(5.0);
        let (fill, opacity) = if m.filled {
            (color.as_str(), 0.85)
        } else {
            ("white", 1.0)
        };
        let tip = escape(&m.tip);
        if m.end > m.start {
            let _ = writeln!(
                svg,
                r#"<line x1="{}" y1="{yy}" x2="{}" y2="{yy}" stroke="{color}" stroke-width="5" stroke-opacity="0.45" stroke-linecap="round"><title>{tip}</title></line>"#,
                x(m.start.max(min)),
                x(m.end.min(max))
            );
        } else {
            let _ = writeln!(
                svg,
                r#"<circle cx="{}" cy="{yy}" r="{r}" fill="{fill}" fill-opacity="{opacity}" stroke="{color}" stroke-width="2"><title>{tip}</title></circle>"#,
                x(m.start)
            );
        }
    }
    types.sort();
    for (i, t) in types.iter().enumerate() {
        let ly = top + 10.0 + i as f64 * 20.0;
        let lx = width - RIGHT + 20.0;
        let _ = writeln!(
            svg,
            r#"<circle cx="{lx}" cy="{ly}" r="6" fill="{}"/><text x="{}" y="{}">{}</text>"#,
            type_hex(*t),
            lx + 12.0,
            ly + 4.0,
            t.name()
        );
    }
    let _ = writeln!(
        svg,
        r##"<text x="{}" y="{}" fill="#777">filled: asserted · hollow: reported, planned, conditional, hypothetical · bars: month or year</text>"##,
        LEFT,
        height - 12.0
    );
    svg.push_str("</svg>\n");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn mark(start: &str, end: &str, tension: f64, tip: &str) -> SvgMark {
        SvgMark {
            start: day(start),
            end: day(end),
            tension,
            event_type: PloverType::Assault,
            filled: true,
            sources: 1,
            tip: tip.into(),
        }
    }

    #[test]
    fn the_picture_shows_its_range_its_caption_and_only_what_is_inside() {
        let marks = [
            mark("2021-12-07", "2021-12-07", 8.0, "in <range>"),
            mark("2014-03-18", "2014-03-18", 9.0, "outside"),
            mark("2021-11-01", "2021-12-31", 3.0, "a bar"),
        ];
        let options = SvgOptions {
            title: "Ukraine & Russia".into(),
            caption: vec!["2021-12-01 to 2021-12-15 · actor: Kremlin".into()],
            size: (1600.0, 900.0),
            days: Some((day("2021-12-01"), day("2021-12-15"))),
            tension: None,
        };
        let svg = render(&marks, &options);
        assert!(svg.contains(r#"width="1600" height="900""#));
        assert!(svg.contains("Ukraine &amp; Russia"));
        assert!(svg.contains("actor: Kremlin"));
        assert!(svg.contains("in &lt;range&gt;"));
        assert!(
            !svg.contains("outside"),
            "a mark outside the days is left out"
        );
        // the bar is cut at the range's edges
        let bar = svg.lines().find(|l| l.contains("a bar")).expect("the bar");
        assert!(bar.contains(&format!(r#"x1="{LEFT}""#)), "{bar}");
        // two weeks: ticks are days
        assert!(svg.contains(">2021-12-07<"));
    }

    #[test]
    fn date_ticks_are_years_months_or_days_as_the_range_asks() {
        let years = date_ticks(day("2013-06-01"), day("2022-03-01"), 1200.0);
        assert_eq!(years.first().map(|t| t.1.as_str()), Some("2014"));
        let months = date_ticks(day("2021-01-15"), day("2021-12-20"), 1200.0);
        assert_eq!(months.first().map(|t| t.1.as_str()), Some("Feb 2021"));
        let days = date_ticks(day("2021-12-01"), day("2021-12-08"), 1200.0);
        assert_eq!(days.len(), 8);
        for ticks in [years, months, days] {
            assert!(ticks.len() <= 13, "about one per 100 pixels: {ticks:?}");
        }
    }
}
