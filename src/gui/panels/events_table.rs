//! The events table: every event that passes the filters, one row each,
//! sortable by any column (click a heading; again to reverse). Clicking a
//! row selects the event everywhere (timeline, facts, text); a double
//! click opens its passage in the article. Only the rows on screen are
//! laid out.

use super::type_color;
use crate::gui::app::{App, CentralView};
use crate::gui::command::Command;
use crate::gui::events_table::Column;
use egui_extras::{Column as Width, TableBuilder};

/// The width each column starts with (the last takes what is left).
fn width(column: Column) -> Width {
    let w = match column {
        Column::Date => 84.0,
        Column::Type => 96.0,
        Column::Score => 52.0,
        Column::Source | Column::Target => 96.0,
        Column::Modality => 92.0,
        Column::Sources => 58.0,
        Column::Article => return Width::remainder().at_least(120.0).clip(true),
    };
    Width::initial(w).at_least(40.0).clip(true).resizable(true)
}

/// A small triangle after the sorted column's heading: pointing up for an
/// ascending order, down for a descending one (painted, so that it needs
/// no glyph the fonts may lack).
fn sort_arrow(ui: &mut egui::Ui, descending: bool) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(9.0, 9.0), egui::Sense::hover());
    let c = rect.center();
    let (tip, base) = if descending { (4.0, -3.0) } else { (-4.0, 3.0) };
    let points = vec![
        egui::pos2(c.x, c.y + tip),
        egui::pos2(c.x - 4.0, c.y + base),
        egui::pos2(c.x + 4.0, c.y + base),
    ];
    let color = ui.visuals().strong_text_color();
    ui.painter().add(egui::Shape::convex_polygon(
        points,
        color,
        egui::Stroke::NONE,
    ));
}

/// Draws the table in the central area.
pub fn show(app: &mut App, ui: &mut egui::Ui) {
    let selection = app.selection();
    let selected_cluster =
        selection.and_then(|(a, e)| app.corpus.analyses.get(a)?.events.get(e)?.cluster.clone());
    let scroll = app.events_table.selection_moved(selection);
    let rows = app.events_table.rows(&app.corpus, &app.timeline).len();
    if rows == 0 {
        if super::no_event_matches(ui) {
            app.push(Command::ClearFilters);
        }
        return;
    }
    let target = selection
        .filter(|_| scroll)
        .and_then(|s| app.events_table.position(s, selected_cluster.as_deref()));
    let (sort, descending) = (app.events_table.sort, app.events_table.descending);
    let visuals = ui.visuals().clone();
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
    let mut sort_by = None;
    let mut select = None;
    let mut open = None;
    let mut table = TableBuilder::new(ui)
        .id_salt("events_table")
        .striped(true)
        .resizable(true)
        .sense(egui::Sense::click())
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .min_scrolled_height(0.0)
        .auto_shrink([false, false]);
    for column in Column::ALL {
        table = table.column(width(column));
    }
    if let Some(row) = target {
        table = table.scroll_to_row(row, Some(egui::Align::Center));
    }
    let rows_view = app.events_table.rows(&app.corpus, &app.timeline);
    table
        .header(row_height + 2.0, |mut header| {
            for column in Column::ALL {
                header.col(|ui| {
                    let label = egui::RichText::new(column.name()).strong();
                    let response = ui
                        .add(egui::Button::selectable(column == sort, label).frame(false))
                        .on_hover_text(format!(
                            "{}. Click to sort by it; again to reverse.",
                            column.help()
                        ));
                    if response.clicked() {
                        sort_by = Some(column);
                    }
                    if column == sort {
                        sort_arrow(ui, descending);
                    }
                });
            }
        })
        .body(|body| {
            body.rows(row_height, rows_view.len(), |mut row| {
                let r = &rows_view[row.index()];
                let selected =
                    selection.is_some_and(|s| r.stands_for(s, selected_cluster.as_deref()));
                row.set_selected(selected);
                for column in Column::ALL {
                    row.col(|ui| {
                        let text = match column {
                            Column::Date => egui::RichText::new(&r.date).monospace(),
                            Column::Type => egui::RichText::new(r.event_type.name())
                                .color(type_color(r.event_type, &visuals))
                                .strong(),
                            Column::Score => format!("{:+.1}", r.score).into(),
                            Column::Source => r.source.as_str().into(),
                            Column::Target => r.target.as_str().into(),
                            Column::Modality => r.modality.name().into(),
                            Column::Sources => r.sources.to_string().into(),
                            Column::Article => r.article.as_str().into(),
                        };
                        // not selectable: a click on the words selects the row
                        ui.add(egui::Label::new(text).selectable(false).truncate());
                    });
                }
                let response = row.response();
                if response.double_clicked() {
                    open = Some(r.event);
                } else if response.clicked() {
                    select = Some(r.event);
                }
            });
        });
    if let Some(column) = sort_by {
        app.events_table.sort_by(column);
    }
    if let Some(ev) = select {
        // the row is where the user clicked: no scrolling to it
        app.events_table.selection_moved(Some(ev));
        app.push(Command::SelectEvent(Some(ev)));
    }
    if let Some(ev) = open {
        app.push(Command::SelectEvent(Some(ev)));
        app.push(Command::Show(CentralView::Article));
    }
}
