//! The status bar: articles, events, selection, progress of a load.

use crate::gui::app::App;
use crate::gui::command::Command;

/// Draws the status bar.
pub fn show(app: &mut App, ui: &mut egui::Ui) {
    egui::Panel::bottom("status").show(ui, |ui| {
        ui.horizontal(|ui| {
            if let Some((done, total)) = app.loading() {
                ui.add(
                    egui::ProgressBar::new(if total > 0 {
                        done as f32 / total as f32
                    } else {
                        0.0
                    })
                    .desired_width(220.0)
                    .text(format!("Loading {done}/{total}")),
                );
                if ui
                    .button("Cancel")
                    .on_hover_text("Stop loading; the articles read so far stay")
                    .clicked()
                {
                    app.push(Command::CancelLoad);
                }
                ui.separator();
            }
            let events = app.corpus.event_count();
            ui.label(format!(
                "{} articles · {} events · {} merged · {} shown",
                app.corpus.analyses.len(),
                events,
                app.corpus.clusters.len(),
                app.timeline.order.len()
            ));
            if let Some((a, e)) = app.selection()
                && let Some(ev) = app.corpus.analyses.get(a).and_then(|x| x.events.get(e))
            {
                ui.separator();
                ui.label(format!(
                    "Selected: {} {}",
                    ev.event_type.name(),
                    ev.date.value.as_deref().unwrap_or("undated")
                ));
            }
            if !app.message.is_empty() {
                ui.separator();
                let message = ui.label(&app.message);
                if let Some(timings) = app.load_timings {
                    message.on_hover_ui(|ui| {
                        ui.label(format!("Last load: {timings}"));
                    });
                }
            }
        });
    });
}
