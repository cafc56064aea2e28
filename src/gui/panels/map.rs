//! The map: country outlines and the located events that pass the filters
//! and fall in the period the timeline shows (pan the timeline and the map
//! follows), colored by type, larger with more reporting articles, squares
//! for events known only to their country. Hover for the event, click to
//! select it everywhere; the selected event is ringed. The wheel zooms,
//! dragging pans, a double click shows the whole world again. Nothing is
//! fetched: the outlines are compiled in.

use super::type_color;
use crate::gui::app::App;
use crate::gui::command::{Command, ViewOption};
use crate::gui::map_data::{
    MapFrame, MapMarker, WORLD, WORLD_POINTS, WORLD_TRIANGLES, nearest, window_key,
};
use egui_plot::{Line, MarkerShape, Plot, PlotPoints, Points};

/// The shading of a country with `level` (0 to 1) of the most events:
/// translucent, so the markers over it stay readable.
fn shade(level: f64) -> egui::Color32 {
    let alpha = (40.0 + 110.0 * level.clamp(0.0, 1.0)) as u8;
    egui::Color32::from_rgba_unmultiplied(230, 120, 30, alpha)
}

/// Draws the map in the central area.
pub fn show(app: &mut App, ui: &mut egui::Ui) {
    let window = app.plot_view.map(|(x, _)| x);
    if app
        .map_frame
        .as_ref()
        .is_none_or(|f| f.window != window_key(window))
    {
        app.map_frame = Some(MapFrame::of(&app.map_markers, window));
    }
    let frame = app.map_frame.take().unwrap_or_default();
    draw(app, ui, &frame);
    app.map_frame = Some(frame);
}

/// Draws the map of `frame`.
fn draw(app: &mut App, ui: &mut egui::Ui, frame: &MapFrame) {
    let visible: Vec<&MapMarker> = frame.visible.iter().map(|&i| &app.map_markers[i]).collect();
    let located = app.map_markers.len();
    let per_country = &frame.per_country;
    let most = per_country.values().copied().max().unwrap_or(0);
    let mut shade_to = None;
    ui.horizontal(|ui| {
        ui.label(format!(
            "{} of {located} located events in the period the timeline shows",
            visible.len()
        ))
        .on_hover_text(
            "Circles: a city or a region. Squares: only the country is known. \
             Filled: asserted; hollow: denied, planned or reported.",
        );
        let mut shaded = app.state.shade_countries;
        if ui
            .checkbox(&mut shaded, "Shade countries by events")
            .on_hover_text("The more events a country has in the period, the darker it is")
            .changed()
        {
            shade_to = Some(shaded);
        }
        if app.state.shade_countries && most > 0 {
            // the legend of the shading: its lightest and darkest
            let (rect, _) = ui.allocate_exact_size(egui::vec2(60.0, 12.0), egui::Sense::hover());
            for k in 0..6 {
                let part = egui::Rect::from_min_size(
                    rect.min + egui::vec2(k as f32 * 10.0, 0.0),
                    egui::vec2(10.0, 12.0),
                );
                ui.painter().rect_filled(part, 0.0, shade(k as f64 / 5.0));
            }
            ui.label(format!("1 to {most} events"));
        }
    });
    let selection = app.selection();
    let corpus = &app.corpus;
    let cluster_of = |ev| corpus.cluster_label(ev);
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
            for ring in WORLD_POINTS.iter() {
                plot_ui.line(
                    Line::new("", PlotPoints::Borrowed(ring))
                        .color(outline)
                        .width(0.8),
                );
            }
            for ((t, square, filled, diameter), pts) in &frame.series {
                plot_ui.points(
                    Points::new(t.name(), PlotPoints::Borrowed(pts))
                        .color(type_color(*t, &visuals))
                        .filled(*filled)
                        .shape(if *square {
                            MarkerShape::Square
                        } else {
                            MarkerShape::Circle
                        })
                        .radius(*diameter as f32 / 2.0),
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
    if app.state.shade_countries && most > 0 {
        let painter = ui.painter_at(*response.transform.frame());
        let mut mesh = egui::Mesh::default();
        for (country, triangles) in WORLD.iter().zip(WORLD_TRIANGLES.iter()) {
            let Some(&n) = per_country.get(&country.iso2) else {
                continue;
            };
            let color = shade((n as f64 / most as f64).sqrt());
            for t in triangles {
                let base = mesh.vertices.len() as u32;
                for p in t {
                    let at = response
                        .transform
                        .position_from_point(&egui_plot::PlotPoint::new(p[0], p[1]));
                    mesh.colored_vertex(at, color);
                }
                mesh.add_triangle(base, base + 1, base + 2);
            }
        }
        painter.add(egui::Shape::mesh(mesh));
    }
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
    let hit = clicked.and_then(|(x, y, tolerance)| nearest(&visible, x, y, tolerance));
    if let Some(ev) = hit {
        app.push(Command::SelectEvent(Some(ev)));
    }
    if let Some(on) = shade_to {
        app.push(Command::SetOption(ViewOption::ShadeCountries, on));
    }
}
