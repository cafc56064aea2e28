//! The timeline as an SVG picture: x = date, y = tension (the negated
//! conflict–cooperation score, escalation up), one marker per merged event
//! colored by type (filled when asserted, hollow otherwise, larger with more
//! articles), events known only to the month or year drawn as spans.

use super::palette::type_hex;
use crate::corpus::Corpus;
use crate::extract::{Modality, PloverType};
use chrono::{Datelike, NaiveDate};
use std::fmt::Write;

const WIDTH: f64 = 1200.0;
const HEIGHT: f64 = 520.0;
const LEFT: f64 = 70.0;
const RIGHT: f64 = 190.0;
const TOP: f64 = 40.0;
const BOTTOM: f64 = 60.0;

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The SVG document for the merged events of a corpus (negated ones left out).
pub fn to_svg(corpus: &Corpus, title: &str) -> String {
    let items: Vec<_> = corpus
        .clusters
        .iter()
        .filter(|c| c.modality != Modality::Negated)
        .filter_map(|c| {
            let s = NaiveDate::parse_from_str(c.date.start.as_deref()?, "%Y-%m-%d").ok()?;
            let e = NaiveDate::parse_from_str(c.date.end.as_deref()?, "%Y-%m-%d").ok()?;
            Some((c, s, e))
        })
        .collect();
    let mut svg = String::new();
    let _ = writeln!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" font-family="sans-serif" font-size="12">"#
    );
    let _ = writeln!(svg, r#"<rect width="100%" height="100%" fill="white"/>"#);
    let _ = writeln!(
        svg,
        r#"<text x="{LEFT}" y="24" font-size="16" font-weight="bold">{}</text>"#,
        escape(title)
    );
    let (Some(min), Some(max)) = (
        items.iter().map(|i| i.1).min(),
        items.iter().map(|i| i.2).max(),
    ) else {
        let _ = writeln!(
            svg,
            r#"<text x="{LEFT}" y="{}">No dated events.</text></svg>"#,
            HEIGHT / 2.0
        );
        return svg;
    };
    let span_days = ((max - min).num_days() as f64).max(1.0);
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let x = |d: NaiveDate| LEFT + (d - min).num_days() as f64 / span_days * plot_w;
    let y = |tension: f64| TOP + (10.0 - tension) / 20.0 * plot_h;
    // axes: zero line, tension ticks, date ticks (years, or months on short spans)
    let _ = writeln!(
        svg,
        r##"<line x1="{LEFT}" y1="{0}" x2="{1}" y2="{0}" stroke="#888" stroke-dasharray="4 3"/>"##,
        y(0.0),
        LEFT + plot_w
    );
    for t in [-10, -5, 0, 5, 10] {
        let _ = writeln!(
            svg,
            r##"<text x="{}" y="{}" text-anchor="end" fill="#555">{t}</text>"##,
            LEFT - 8.0,
            y(t as f64) + 4.0
        );
    }
    let _ = writeln!(
        svg,
        r##"<text x="16" y="{}" transform="rotate(-90 16 {0})" text-anchor="middle" fill="#555">tension (escalation up)</text>"##,
        TOP + plot_h / 2.0
    );
    let by_month = span_days < 800.0;
    let mut d = NaiveDate::from_ymd_opt(min.year(), if by_month { min.month() } else { 1 }, 1)
        .expect("valid");
    while d <= max {
        if d >= min {
            let label = if by_month {
                d.format("%b %Y").to_string()
            } else {
                d.year().to_string()
            };
            let _ = writeln!(
                svg,
                r##"<line x1="{0}" y1="{TOP}" x2="{0}" y2="{1}" stroke="#eee"/><text x="{0}" y="{2}" text-anchor="middle" fill="#555">{label}</text>"##,
                x(d),
                TOP + plot_h,
                TOP + plot_h + 18.0
            );
        }
        d = if by_month {
            d.checked_add_months(chrono::Months::new(1))
                .expect("in range")
        } else {
            NaiveDate::from_ymd_opt(d.year() + 1, 1, 1).expect("valid")
        };
    }
    // events
    let mut types: Vec<PloverType> = Vec::new();
    for (c, s, e) in &items {
        if !types.contains(&c.event_type) {
            types.push(c.event_type);
        }
        let color = type_hex(c.event_type);
        let yy = y(-c.score);
        let r = 4.0 + 2.0 * (c.articles as f64).min(5.0);
        let (fill, opacity) = if c.modality == Modality::Asserted {
            (color.as_str(), 0.85)
        } else {
            ("white", 1.0)
        };
        let tip = escape(&format!(
            "{} {} {} – {} ({} article(s)): {}",
            c.date.value.clone().unwrap_or_default(),
            c.event_type.name(),
            c.source.join(","),
            c.target.join(","),
            c.articles,
            c.mentions.first().map_or("", |m| m.evidence.as_str())
        ));
        if e > s {
            let _ = writeln!(
                svg,
                r#"<line x1="{}" y1="{yy}" x2="{}" y2="{yy}" stroke="{color}" stroke-width="5" stroke-opacity="0.45" stroke-linecap="round"><title>{tip}</title></line>"#,
                x(*s),
                x(*e)
            );
        } else {
            let _ = writeln!(
                svg,
                r#"<circle cx="{}" cy="{yy}" r="{r}" fill="{fill}" fill-opacity="{opacity}" stroke="{color}" stroke-width="2"><title>{tip}</title></circle>"#,
                x(*s)
            );
        }
    }
    types.sort();
    for (i, t) in types.iter().enumerate() {
        let ly = TOP + 10.0 + i as f64 * 20.0;
        let lx = WIDTH - RIGHT + 20.0;
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
        HEIGHT - 12.0
    );
    svg.push_str("</svg>\n");
    svg
}
