//! The current view as a picture (File > Export > Timeline as PNG or SVG):
//! the events the filters let through, over the part of the timeline on
//! screen, at a chosen size, in the light theme, under a title and a
//! caption that say what is shown and what is filtered out.

use super::app::App;
use super::timeline_data::{Filters, TimelineData, date_of};
use crate::corpus::Corpus;
use crate::export::svg::{SvgMark, SvgOptions};

/// The size of a picture, in pixels, unless the analyst chose another.
pub const DEFAULT_SIZE: [u32; 2] = [1600, 900];

/// The smallest and largest side a picture may have, in pixels.
pub const SIDE_RANGE: std::ops::RangeInclusive<u32> = 400..=8000;

/// Which view a picture is of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PictureOf {
    /// The timeline.
    #[default]
    Timeline,
    /// The map (of the period the timeline shows).
    Map,
}

/// What a picture shows.
#[derive(Debug, Clone, PartialEq)]
pub struct PictureRequest {
    /// The view drawn.
    pub of: PictureOf,
    /// The part of the map shown (longitudes, latitudes); the world when
    /// `None`.
    pub map_view: Option<([f64; 2], [f64; 2])>,
    /// The heading (the project's name).
    pub title: String,
    /// Lines under it: the period and counts, the filters.
    pub caption: Vec<String>,
    /// Width and height in pixels.
    pub size: [u32; 2],
    /// Days (since 1970-01-01) and tension shown; all of it when `None`.
    pub view: Option<([f64; 2], [f64; 2])>,
    /// The filters in effect.
    pub filters: Filters,
    /// Merged events (else every mention).
    pub merged: bool,
    /// Whether the tension index line is drawn.
    pub show_index: bool,
}

impl PictureRequest {
    /// A picture of what the analyst sees in `app`.
    pub fn of(app: &App) -> PictureRequest {
        let title = app
            .session
            .path()
            .filter(|_| app.session.is_named())
            .and_then(|p| p.file_stem())
            .map_or_else(
                || "tension-timeline".to_string(),
                |s| s.to_string_lossy().into_owned(),
            );
        let shown = app.timeline.listed.len();
        let period = app
            .plot_view
            .and_then(|([a, b], _)| Some(format!("{} to {}", date_of(a)?, date_of(b)?)))
            .unwrap_or_else(|| "all dates".into());
        let filters = app.filters().describe(&app.corpus);
        let caption = vec![
            format!(
                "{period} · {shown} {} of {} in {} article(s)",
                if app.state.show_mentions {
                    "mentions"
                } else {
                    "events"
                },
                if app.state.show_mentions {
                    app.corpus.event_count()
                } else {
                    app.corpus.clusters.len()
                },
                app.corpus.analyses.len()
            ),
            if filters.is_empty() {
                "No filter".to_string()
            } else {
                format!("Filters: {}", filters.join(" · "))
            },
        ];
        PictureRequest {
            of: PictureOf::Timeline,
            map_view: app.map_transform.map(|t| {
                let b = t.bounds();
                ([b.min()[0], b.max()[0]], [b.min()[1], b.max()[1]])
            }),
            title,
            caption,
            size: app.state.picture_size.unwrap_or(DEFAULT_SIZE),
            view: app.plot_view,
            filters: app.filters().clone(),
            merged: !app.state.show_mentions,
            show_index: app.state.show_index,
        }
    }

    /// The whole timeline of a corpus at `size`, with no caption (the
    /// batch picture of `extract --format png`).
    pub fn whole(size: [u32; 2]) -> PictureRequest {
        PictureRequest {
            of: PictureOf::Timeline,
            map_view: None,
            title: String::new(),
            caption: Vec::new(),
            size,
            view: None,
            filters: Filters::default(),
            merged: true,
            show_index: true,
        }
    }
}

/// The SVG picture of the marks of `timeline` (built with the request's
/// filters) as the request says.
pub fn svg(timeline: &TimelineData, corpus: &Corpus, request: &PictureRequest) -> String {
    let marks: Vec<SvgMark> = timeline
        .by_type
        .iter()
        .flat_map(|(ty, marks)| marks.iter().map(move |m| (*ty, m)))
        .filter_map(|(ty, m)| {
            let e = corpus.analyses.get(m.event.0)?.events.get(m.event.1)?;
            Some(SvgMark {
                start: date_of(m.x.0)?,
                end: date_of(m.x.1)?,
                tension: m.y,
                event_type: ty,
                filled: m.filled,
                sources: m.sources,
                tip: format!(
                    "{} {}: {}",
                    e.date.value.as_deref().unwrap_or("undated"),
                    ty.name(),
                    e.evidence
                ),
            })
        })
        .collect();
    let options = SvgOptions {
        title: request.title.clone(),
        caption: request.caption.clone(),
        size: (f64::from(request.size[0]), f64::from(request.size[1])),
        days: request
            .view
            .and_then(|([a, b], _)| Some((date_of(a)?, date_of(b)?))),
        tension: request.view.map(|(_, [low, high])| (low, high)),
    };
    crate::export::svg::render(&marks, &options)
}

/// The SVG picture of the map: the country outlines and `markers` (those
/// of the period the timeline shows), in the part of the map shown, under
/// the request's title and caption.
pub fn map_svg(markers: &[&crate::gui::map_data::MapMarker], request: &PictureRequest) -> String {
    use crate::export::palette::type_hex;
    use crate::export::svg::escape;
    use std::fmt::Write;
    let (w, h) = (f64::from(request.size[0]), f64::from(request.size[1]));
    let top = 40.0 + 18.0 * request.caption.len() as f64;
    let ([x0, x1], [y0, y1]) = request.map_view.unwrap_or(([-180.0, 180.0], [-60.0, 85.0]));
    // one scale for both axes, as on screen (equirectangular)
    let scale = (w / (x1 - x0).max(1e-6)).min((h - top) / (y1 - y0).max(1e-6));
    let (cx, cy) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
    let px = |lon: f64| w / 2.0 + (lon - cx) * scale;
    let py = |lat: f64| top + (h - top) / 2.0 - (lat - cy) * scale;
    let (mut svg, _) =
        crate::export::svg::open_picture((w, h), 16.0, &request.title, &request.caption);
    let _ = writeln!(
        svg,
        r#"<svg x="0" y="{top}" width="{w}" height="{}" viewBox="0 {top} {w} {}">"#,
        h - top,
        h - top
    );
    for country in crate::gui::map_data::WORLD.iter() {
        for ring in &country.rings {
            let points: Vec<String> = ring
                .iter()
                .map(|p| format!("{:.1},{:.1}", px(p[0]), py(p[1])))
                .collect();
            let _ = writeln!(
                svg,
                r##"<polyline points="{}" fill="none" stroke="#999" stroke-width="0.6"/>"##,
                points.join(" ")
            );
        }
    }
    for m in markers {
        let color = type_hex(m.event_type);
        let fill = if m.filled { color.as_str() } else { "white" };
        let r = f64::from(m.radius());
        let (x, y) = (px(m.lon), py(m.lat));
        let tip = escape(&format!("{} · {}", m.event_type.name(), m.place));
        if m.country_only {
            let _ = writeln!(
                svg,
                r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="{fill}" stroke="{color}" stroke-width="1.5"><title>{tip}</title></rect>"#,
                x - r,
                y - r,
                2.0 * r,
                2.0 * r
            );
        } else {
            let _ = writeln!(
                svg,
                r#"<circle cx="{x:.1}" cy="{y:.1}" r="{r:.1}" fill="{fill}" stroke="{color}" stroke-width="1.5"><title>{tip}</title></circle>"#
            );
        }
    }
    svg.push_str("</svg>\n");
    let _ = writeln!(
        svg,
        r##"<text x="16" y="{}" fill="#777">circles: a city or a region · squares: the country only · filled: asserted</text>"##,
        h - 10.0
    );
    svg.push_str("</svg>\n");
    svg
}
