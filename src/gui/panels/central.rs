//! The central area under the timeline: the selected article's text, the
//! table of every event or the map, with a tab for each.

use crate::gui::app::{App, CentralView};
use crate::gui::command::Command;

/// Draws the tabs and the view they select.
pub fn show(app: &mut App, ui: &mut egui::Ui) {
    let events = app.timeline.listed.len();
    let mut view = app.central();
    ui.horizontal(|ui| {
        ui.selectable_value(&mut view, CentralView::Article, "Article text")
            .on_hover_text("The selected article, its events highlighted in their passages");
        ui.selectable_value(
            &mut view,
            CentralView::Table,
            format!("All events ({events})"),
        )
        .on_hover_text("Every event that passes the filters, in a sortable table");
        ui.selectable_value(&mut view, CentralView::Map, "Map")
            .on_hover_text("Where the events of the period the timeline shows took place");
    });
    if view != app.central() {
        app.push(Command::Show(view));
    }
    ui.separator();
    match view {
        CentralView::Article => super::source::show(app, ui),
        CentralView::Table => super::events_table::show(app, ui),
        CentralView::Map => super::map::show(app, ui),
    }
}
