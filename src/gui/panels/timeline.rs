//! The timeline: x = date, y = tension (escalation up), one marker per
//! event colored by type (filled when asserted, hollow otherwise), spans for
//! events known only to the month or year, the tension index, hover
//! details, click to select, the wheel zooming time, double-click to reset
//! (the Types list beside it is the legend).

use super::type_color;
use crate::extract::PloverType;
use crate::gui::app::App;
use crate::gui::command::Command;
use crate::gui::timeline_data::{Mark, calendar_marks, date_of};
use egui_plot::{Line, Plot, PlotPoints, Points};
use std::collections::HashSet;

/// The parties of an event for a tooltip: `USA → RUS`, `USA ↔ RUS` when
/// each side is both (talks, a call), `USA` when the target is unknown.
fn who_to_whom(e: &crate::extract::Event) -> String {
    use crate::extract::event::distinct_codes as codes;
    let (source, target) = (codes(&e.source), codes(&e.target));
    match (source.is_empty(), target.is_empty()) {
        (true, true) => "(no actor found)".to_string(),
        (false, true) => source.join(", "),
        (true, false) => format!("? → {}", target.join(", ")),
        _ if source == target && source.len() > 1 => source.join(" ↔ "),
        _ => format!("{} → {}", source.join(", "), target.join(", ")),
    }
}

/// Marks of one series closer than this (in points) are drawn once.
const CELL: f32 = 1.5;

/// A date label for an axis mark, as precise as its grid step: years,
/// months, days or hours.
fn axis_label(mark: &egui_plot::GridMark) -> String {
    let Some(d) = date_of(mark.value.floor()) else {
        return String::new();
    };
    if mark.step_size >= 365.0 {
        d.format("%Y").to_string()
    } else if mark.step_size >= 28.0 {
        d.format("%b %Y").to_string()
    } else if mark.step_size >= 1.0 {
        d.format("%Y-%m-%d").to_string()
    } else {
        let minutes = ((mark.value - mark.value.floor()) * 24.0 * 60.0).round() as u32;
        format!(
            "{} {:02}:{:02}",
            d.format("%m-%d"),
            minutes / 60,
            minutes % 60
        )
    }
}

/// Points of axis width per date label: wider than the widest label
/// ("2021-12-07") and than the spacing under which egui_plot leaves
/// labels out (60 points) or fades them (80).
const LABEL_SPACING: f64 = 100.0;

/// Grid lines at calendar boundaries (1 January, the 1st of a month, a
/// Monday, a day, an hour), at most one per [`LABEL_SPACING`] points, so
/// that every line has its label at every width and zoom.
fn date_grid(input: egui_plot::GridInput) -> Vec<egui_plot::GridMark> {
    let (min, max) = input.bounds;
    // egui_plot's base step is the number of days in 8 points
    let width_points = (max - min) / input.base_step_size.max(1e-12) * 8.0;
    let marks = (width_points / LABEL_SPACING).clamp(1.0, 14.0);
    calendar_marks(min, max, 0.0, marks)
        .into_iter()
        .map(|(value, step_size)| egui_plot::GridMark { value, step_size })
        .collect()
}

/// How fast the wheel zooms the time axis: the zoom factor per point of
/// wheel scroll is `exp(WHEEL_ZOOM)`.
const WHEEL_ZOOM: f32 = 0.004;

/// The timeline panel's height when the window opens.
/// The share of the window's height the timeline starts with: it is the
/// main view, across the whole width, above the side panels.
const HEIGHT_SHARE: f32 = 0.55;
/// The least height of the timeline, and the least left below it for the
/// article, the facts and the filters when the user drags its edge.
const MIN_HEIGHT: f32 = 160.0;
const MIN_BELOW: f32 = 220.0;
/// The width of the Types legend at the plot's right.
const TYPES_WIDTH: f32 = 150.0;

/// Draws the timeline panel across the window, under the menu.
pub fn show(app: &mut App, ui: &mut egui::Ui) {
    let height = ui.available_height();
    show_sized(
        app,
        ui,
        (height * HEIGHT_SHARE).max(MIN_HEIGHT),
        MIN_BELOW,
        true,
    );
}

/// Draws the timeline panel, `height` high until the user resizes it,
/// leaving at least `room_below` points under it; `legend`: with the Types
/// legend (and type switches) at its right.
pub fn show_sized(app: &mut App, ui: &mut egui::Ui, height: f32, room_below: f32, legend: bool) {
    let mut toggled = None;
    let mut clicked: Option<(f64, f64, [f64; 2])> = None;
    let mut clear_filters = false;
    let mut view = None;
    let mut plot_area = None;
    let reset = std::mem::take(&mut app.reset_view);
    let all = app.show_all;
    let mut show_all = false;
    let most = (ui.available_height() - room_below).max(MIN_HEIGHT);
    let panel = egui::Panel::top("timeline")
        .default_size(height.min(most))
        .size_range(MIN_HEIGHT.min(most)..=most)
        .resizable(true)
        .show(ui, |ui| {
            if legend {
                egui::Panel::right("types_legend")
                    .resizable(false)
                    .exact_size(TYPES_WIDTH)
                    .show(ui, |ui| (toggled, show_all) = types_legend(app, ui));
            }
            let data = &app.timeline;
            let corpus = &app.corpus;
            let selection = app.selection();
            let visuals = ui.visuals().clone();
            // no legend inside the plot: the Types list beside it is the
            // legend, in the same colors, with the counts and the one set
            // of toggles, and it covers no event
            let mut plot = Plot::new("timeline_plot")
                .set_margin_fraction(egui::vec2(0.04, 0.08))
                .x_grid_spacer(date_grid)
                .x_axis_formatter(|mark, _range| axis_label(&mark))
                .y_axis_label(if data.lanes.is_empty() { "tension" } else { "" })
                .allow_double_click_reset(true)
                // time is the axis to explore: the wheel zooms it around
                // the pointer (below), Ctrl+wheel too, Shift+wheel and a
                // sideways swipe pan it; the tension axis stays put
                .allow_zoom([true, false])
                .allow_scroll([true, false])
                .label_formatter(move |hover| {
                    let egui_plot::HoverPosition::NearDataPoint {
                        plot_name,
                        position,
                        ..
                    } = hover
                    else {
                        return None;
                    };
                    let ty = crate::extract::PloverType::from_name(plot_name)?;
                    let m = data.by_type.get(&ty)?.iter().min_by(|a, b| {
                        let da = (a.x.0 - position.x).abs() + (a.y - position.y).abs();
                        let db = (b.x.0 - position.x).abs() + (b.y - position.y).abs();
                        da.total_cmp(&db)
                    })?;
                    let e = &corpus.analyses[m.event.0].events[m.event.1];
                    let sentence: String = e.evidence.chars().take(140).collect();
                    let sources = if m.sources > 1 {
                        format!(" · reported by {} articles", m.sources)
                    } else {
                        String::new()
                    };
                    Some(format!(
                        "{} {}\n{} ({}){sources}\n{}",
                        ty.name(),
                        who_to_whom(e),
                        e.date.value.as_deref().unwrap_or("undated"),
                        e.modality.name(),
                        sentence
                    ))
                });
            if !data.lanes.is_empty() {
                // lanes: one named row each, top down
                let lanes = &data.lanes;
                plot = plot
                    .y_grid_spacer(|input| {
                        let (low, high) = input.bounds;
                        let (low, high) = (low.ceil() as i64, high.floor() as i64);
                        (low..=high.min(0))
                            .map(|v| egui_plot::GridMark {
                                value: v as f64,
                                step_size: 1.0,
                            })
                            .collect()
                    })
                    .custom_y_axes(vec![
                        egui_plot::AxisHints::new_y()
                            .formatter(move |mark, _| {
                                let k = -mark.value.round();
                                if k < 0.0 || (mark.value + k).abs() > 1e-6 {
                                    return String::new();
                                }
                                lanes.get(k as usize).cloned().unwrap_or_default()
                            })
                            // a name on every lane, down to lanes of 11 points
                            .label_spacing(10.0..=11.0)
                            .min_thickness(72.0),
                    ]);
            }
            if let Some(([x0, x1], [y0, y1])) = app.fixed_view {
                // a picture of the view the analyst had
                plot = plot.default_x_bounds(x0, x1).default_y_bounds(y0, y1);
            } else if let Some((first, last)) = if all { data.full_x_range } else { data.x_range } {
                // the default view (also after a double-click or a reset):
                // where the marks are, a few far outliers left outside
                let pad = ((last - first) * 0.04).max(15.0);
                plot = plot.default_x_bounds(first - pad, last + 1.0 + pad);
            }
            if let Some((low, high)) = data.y_range.filter(|_| app.fixed_view.is_none()) {
                // the bounds cover every mark, drawn or not
                plot = plot.include_y(low).include_y(high);
            }
            if reset {
                plot = plot.reset();
            }
            let has_events = corpus.analyses.iter().any(|a| !a.events.is_empty());
            if data.order.is_empty() && has_events {
                // say so, rather than an empty plot at 1970-01-01
                clear_filters = super::no_event_matches(ui);
                return;
            }
            // the plot with its axes: the space it is given
            plot_area = Some(ui.available_rect_before_wrap());
            let response = plot.show(ui, |plot_ui| {
                let (wheel, modifiers) = plot_ui
                    .ctx()
                    .input(|i| (i.smooth_scroll_delta.y, i.modifiers));
                if wheel != 0.0 && modifiers.is_none() && plot_ui.response().contains_pointer() {
                    plot_ui.zoom_bounds_around_hovered(egui::vec2((wheel * WHEEL_ZOOM).exp(), 1.0));
                }
                if data.lanes.is_empty() {
                    // no tension: the zero line
                    plot_ui.hline(
                        egui_plot::HLine::new("", 0.0)
                            .color(egui::Color32::GRAY)
                            .width(1.0),
                    );
                }
                // Only marks on screen are drawn, and one per screen cell of
                // each series: 100k events cost what a few thousand do.
                let transform = *plot_ui.transform();
                let frame = transform.frame().expand(12.0);
                let mut cells: HashSet<(u32, bool, i32, i32)> = HashSet::new();
                let mut on_screen = |key: (u32, bool), x: f64, y: f64| {
                    let p = transform.position_from_point(&egui_plot::PlotPoint::new(x, y));
                    frame.contains(p)
                        && cells.insert((key.0, key.1, (p.x / CELL) as i32, (p.y / CELL) as i32))
                };
                for (ty, marks) in &data.by_type {
                    let color = type_color(*ty, &visuals);
                    let (points, spans): (Vec<&Mark>, Vec<&Mark>) =
                        marks.iter().partition(|m| m.x.0 == m.x.1);
                    // one series per (filled, size): size grows with the sources
                    let mut series: std::collections::BTreeMap<(bool, u32), Vec<[f64; 2]>> =
                        std::collections::BTreeMap::new();
                    for m in &points {
                        let diameter = (m.radius() * 2.0) as u32;
                        if on_screen((diameter * 100 + *ty as u32, m.filled), m.x.0, m.y) {
                            series
                                .entry((m.filled, diameter))
                                .or_default()
                                .push([m.x.0, m.y]);
                        }
                    }
                    for ((filled, diameter), pts) in series {
                        plot_ui.points(
                            Points::new(ty.name(), PlotPoints::new(pts))
                                .color(color)
                                .filled(filled)
                                .radius(diameter as f32 / 2.0),
                        );
                    }
                    if !spans.is_empty() {
                        // the span's midpoint is a hoverable, clickable point; the bar is painted below
                        let mids: Vec<[f64; 2]> = spans
                            .iter()
                            .map(|m| [(m.x.0 + m.x.1) / 2.0, m.y])
                            .filter(|p| on_screen((*ty as u32, false), p[0], p[1]))
                            .collect();
                        plot_ui.points(
                            Points::new(ty.name(), PlotPoints::new(mids))
                                .color(color)
                                .filled(false)
                                .radius(2.5),
                        );
                    }
                }
                let cluster_of = |ev| corpus.cluster_label(ev);
                if let Some(sel) = selection
                    && let Some(m) = data.by_type.values().flatten().find(|m| {
                        m.event == sel
                            || (m.sources > 1
                                && cluster_of(sel).is_some()
                                && cluster_of(m.event) == cluster_of(sel))
                    })
                {
                    plot_ui.points(
                        Points::new("", PlotPoints::new(vec![[(m.x.0 + m.x.1) / 2.0, m.y]]))
                            .color(egui::Color32::from_rgb(250, 200, 0))
                            .filled(false)
                            .radius(10.0),
                    );
                }
                if app.state.show_index && !data.index.is_empty() {
                    plot_ui.line(
                        Line::new("tension index", PlotPoints::new(data.index.clone()))
                            .color(egui::Color32::from_gray(120))
                            .width(1.5),
                    );
                }
                let b = plot_ui.plot_bounds();
                if plot_ui.response().clicked()
                    && let Some(p) = plot_ui.pointer_coordinate()
                {
                    clicked = Some((p.x, p.y, [b.width(), b.height()]));
                }
            });
            // coarse dates (a month, a year) as bars over their period
            let transform = response.transform;
            let b = transform.bounds();
            view = Some(([b.min()[0], b.max()[0]], [b.min()[1], b.max()[1]]));

            let painter = ui.painter_at(*transform.frame());
            let mut bars: HashSet<(PloverType, i32, i32, i32)> = HashSet::new();
            for (ty, marks) in &data.by_type {
                let stroke = egui::Stroke::new(5.0, type_color(*ty, &visuals).gamma_multiply(0.55));
                for m in marks.iter().filter(|m| m.x.1 > m.x.0) {
                    let a = transform.position_from_point(&egui_plot::PlotPoint::new(m.x.0, m.y));
                    let b =
                        transform.position_from_point(&egui_plot::PlotPoint::new(m.x.1 + 1.0, m.y));
                    let key = (
                        *ty,
                        (a.x / CELL) as i32,
                        (b.x / CELL) as i32,
                        (a.y / CELL) as i32,
                    );
                    if painter
                        .clip_rect()
                        .intersects(egui::Rect::from_two_pos(a, b).expand(3.0))
                        && bars.insert(key)
                    {
                        painter.line_segment([a, b], stroke);
                    }
                }
            }
        });
    // the plot with its axes; the panel where nothing matched
    app.plot_rect = plot_area.or(Some(panel.response.rect));
    app.plot_view = view;
    if clear_filters {
        app.push(Command::ClearFilters);
    }
    if let Some(t) = toggled {
        app.push(Command::ToggleType(t));
    }
    if show_all {
        app.push(Command::ShowAll);
    }
    if let Some((x, y, [w, h])) = clicked {
        let scale = if h > 0.0 { w / h } else { 1.0 };
        if let Some(hit) = app.timeline.nearest(x, y, scale, h * 0.04) {
            app.push(Command::SelectEvent(Some(hit)));
        }
    }
}

/// The Types legend beside the plot: each type in its color with the
/// number of its events the other filters let through, and a switch to
/// show or hide it; under it, when the default view leaves a few far
/// events out, a button to frame them all. Returns the type switched and
/// whether the button was pressed.
fn types_legend(app: &App, ui: &mut egui::Ui) -> (Option<PloverType>, bool) {
    let mut toggled = None;
    let mut show_all = false;
    // one line per type: "COOPERATE (12)" is not broken in two
    ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Extend);
    ui.spacing_mut().item_spacing.y = 1.0;
    ui.add_space(2.0);
    ui.label(egui::RichText::new("Types").strong())
        .on_hover_text("Click a type to show or hide it; Help > Legend explains the marks");
    egui::ScrollArea::vertical()
        .id_salt("types_legend_scroll")
        .auto_shrink([true, false])
        .show(ui, |ui| {
            for (t, n) in &app.timeline.type_counts {
                let mut shown = !app.filters().hidden_types.contains(t);
                let label = egui::RichText::new(format!("{} ({n})", t.name()))
                    .color(super::type_color(*t, ui.visuals()));
                if ui
                    .checkbox(&mut shown, label)
                    .on_hover_text(format!(
                        "Show or hide {} events; the count is of those the other filters let through",
                        t.name()
                    ))
                    .changed()
                {
                    toggled = Some(*t);
                }
            }
            let outside = app.timeline.outside;
            if outside > 0 && !app.show_all {
                ui.add_space(6.0);
                if ui
                    .button(format!("Show all (+{outside})"))
                    .on_hover_text(format!(
                        "{outside} event(s) lie far from the rest and are outside the first view: \
                         frame every event (View > Reset timeline view goes back)"
                    ))
                    .clicked()
                {
                    show_all = true;
                }
            }
        });
    (toggled, show_all)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first_event(text: &str) -> crate::extract::Event {
        crate::extract::analyze_text("t.txt", text).events.remove(0)
    }

    /// Whether egui_plot draws the label of `mark` on an axis `width`
    /// points wide showing `days` days (its rule: the step is wider than
    /// 60 points and than the text, about 8 points a character).
    fn labelled(mark: &egui_plot::GridMark, days: f64, width: f64) -> bool {
        let spacing = mark.step_size * width / days;
        let text = axis_label(mark);
        !text.is_empty() && spacing > 60.0 && spacing > text.chars().count() as f64 * 8.0
    }

    #[test]
    fn the_date_axis_has_labels_at_every_width_and_zoom() {
        let day = |s: &str| {
            crate::gui::timeline_data::day_number(s.parse::<chrono::NaiveDate>().unwrap())
        };
        // the seeds' whole range, a year, a month, a week, a day, six hours
        let ranges = [
            (day("2013-11-01"), day("2022-04-01")),
            (day("2021-01-01"), day("2022-01-01")),
            (day("2021-12-01"), day("2022-01-01")),
            (day("2021-12-03"), day("2021-12-10")),
            (day("2021-12-07"), day("2021-12-08")),
            (day("2021-12-07") + 0.25, day("2021-12-07") + 0.5),
            (day("1953-01-01"), day("2022-01-01")),
        ];
        for window in (800..=2600).step_by(50) {
            // the plot takes the window less the side panels (about 600
            // points at most) and the axis
            for width in [f64::from(window) * 0.4, f64::from(window) - 600.0] {
                for (min, max) in ranges {
                    let input = egui_plot::GridInput {
                        bounds: (min, max),
                        base_step_size: (max - min) / width * 8.0,
                    };
                    let marks = date_grid(input);
                    let shown = marks
                        .iter()
                        .filter(|m| labelled(m, max - min, width))
                        .count();
                    assert!(
                        shown >= 1 && shown == marks.len(),
                        "{window} px window, {width} px plot, {min}..{max}: {shown} of {} marks labelled",
                        marks.len()
                    );
                }
            }
        }
    }

    #[test]
    fn tooltips_say_who_did_what_to_whom() {
        let attack = first_event(" date 2022-02-24 War\n\nRussia attacked Ukraine on Thursday.");
        assert_eq!(who_to_whom(&attack), "RUS → UKR");
        let mut talks = attack.clone();
        talks.target = talks.source.clone();
        talks.target.extend(attack.target.clone());
        talks.source = talks.target.clone();
        assert_eq!(who_to_whom(&talks), "RUS ↔ UKR");
        talks.target.clear();
        assert_eq!(who_to_whom(&talks), "RUS, UKR");
        talks.source.clear();
        assert_eq!(who_to_whom(&talks), "(no actor found)");
    }
}
