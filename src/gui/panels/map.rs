//! The map: country outlines and the located events that pass the filters
//! and fall in the period the timeline shows (pan the timeline and the map
//! follows), colored by type, larger with more reporting articles, squares
//! for events known only to their country. Hover for the event, click to
//! select it everywhere; the selected event is ringed. The wheel zooms,
//! dragging pans, a double click shows the whole world again. Nothing is
//! fetched: the outlines are compiled in.

use super::type_color;
use crate::extract::PloverType;
use crate::gui::app::App;
use crate::gui::command::Command;
use crate::gui::map_data::{MapMarker, WORLD, in_period, nearest};
use egui_plot::{Line, MarkerShape, Plot, PlotPoints, Points};
use std::collections::BTreeMap;

/// Draws the map in the central area.
pub fn show(app: &mut App, ui: &mut egui::Ui) {
    let window = app.plot_view.map(|(x, _)| x);
    let visible: Vec<&MapMarker> = app
        .map_markers
        .iter()
        .filter(|m| in_period(m, window))
        .collect();
    let located = app.map_markers.len();
    ui.horizontal(|ui| {
        ui.label(format!(
            "{} of {located} located events in the period the timeline shows",
            visible.len()
        ))
        .on_hover_text(
            "Circles: a city or a region. Squares: only the country is known. \
             Filled: asserted; hollow: denied, planned or reported.",
        );
    });
    let selection = app.selection;
    let cluster_of = |(a, e): (usize, usize)| {
        app.corpus
            .analyses
            .get(a)
            .and_then(|x| x.events.get(e))
            .and_then(|x| x.cluster.clone())
    };
    let selected_cluster = selection.and_then(cluster_of);
    let visuals = ui.visuals().clone();
    let outline = visuals.weak_text_color().gamma_multiply(0.6);
    let mut clicked = None;
    let ([x0, x1], [y0, y1]) = app
        .fixed_map_view
        .unwrap_or(([-180.0, 180.0], [-60.0, 85.0]));
    let response = Plot::new("map_plot")
        .data_aspect(1.0)
        .default_x_bounds(x0, x1)
        .default_y_bounds(y0, y1)
        .show_axes(false)
        .show_grid(false)
        .allow_double_click_reset(true)
        .label_formatter(|_| None)
        .show(ui, |plot_ui| {
            for country in WORLD.iter() {
                for ring in &country.rings {
                    plot_ui.line(
                        Line::new("", PlotPoints::new(ring.clone()))
                            .color(outline)
                            .width(0.8),
                    );
                }
            }
            // one series per type, shape, fill and size
            let mut series: BTreeMap<(PloverType, bool, bool, u32), Vec<[f64; 2]>> =
                BTreeMap::new();
            for m in &visible {
                series
                    .entry((
                        m.event_type,
                        m.country_only,
                        m.filled,
                        (m.radius() * 2.0) as u32,
                    ))
                    .or_default()
                    .push([m.lon, m.lat]);
            }
            for ((t, square, filled, diameter), pts) in series {
                plot_ui.points(
                    Points::new(t.name(), PlotPoints::new(pts))
                        .color(type_color(t, &visuals))
                        .filled(filled)
                        .shape(if square {
                            MarkerShape::Square
                        } else {
                            MarkerShape::Circle
                        })
                        .radius(diameter as f32 / 2.0),
                );
            }
            if let Some(sel) = selection
                && let Some(m) = visible.iter().find(|m| {
                    m.event == sel
                        || (selected_cluster.is_some() && cluster_of(m.event) == selected_cluster)
                })
            {
                plot_ui.points(
                    Points::new("", PlotPoints::new(vec![[m.lon, m.lat]]))
                        .color(egui::Color32::from_rgb(250, 200, 0))
                        .filled(false)
                        .radius(11.0),
                );
            }
            if plot_ui.response().clicked()
                && let Some(p) = plot_ui.pointer_coordinate()
            {
                let b = plot_ui.plot_bounds();
                let frame = plot_ui.transform().frame().width().max(1.0) as f64;
                // within about ten points of a marker
                clicked = Some((p.x, p.y, b.width() / frame * 10.0));
            }
        });
    app.map_transform = Some(response.transform);
    if let Some(pos) = response.response.hover_pos() {
        let p = response.transform.value_from_position(pos);
        let tolerance = response.transform.dvalue_dpos()[0].abs() * 10.0;
        if let Some(ev) = nearest(&visible, p.x, p.y, tolerance)
            && let Some(m) = visible.iter().find(|m| m.event == ev)
            && let Some(e) = app
                .corpus
                .analyses
                .get(ev.0)
                .and_then(|a| a.events.get(ev.1))
        {
            let sentence: String = e.evidence.chars().take(140).collect();
            response.response.on_hover_text_at_pointer(format!(
                "{} · {}{}\n{} ({})\n{}",
                e.event_type.name(),
                m.place,
                if m.country_only {
                    " (country only)"
                } else {
                    ""
                },
                e.date.value.as_deref().unwrap_or("undated"),
                e.modality.name(),
                sentence
            ));
        }
    }
    if let Some((x, y, tolerance)) = clicked
        && let Some(ev) = nearest(&visible, x, y, tolerance)
    {
        app.push(Command::SelectEvent(Some(ev)));
    }
}
