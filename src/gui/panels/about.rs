//! The About box.

use crate::gui::app::App;
use crate::gui::command::{Command, Window};

/// Draws the About window when open.
pub fn show(app: &mut App, ctx: &egui::Context) {
    let was_open = app.window_open(Window::About);
    if !was_open {
        return;
    }
    let mut open = true;
    egui::Window::new("About tension-timeline")
        .open(&mut open)
        .collapsible(false)
        .show(ctx, |ui| {
            ui.label(format!("tension-timeline {}", env!("CARGO_PKG_VERSION")));
            ui.label("Events typed in the PLOVER ontology (CC BY-SA), scored with PLOVER and Goldstein values.");
            ui.label("Time expressions normalised to TIMEX3 values (TempEval-3 value F1 80.15 on platinum).");
        });
    if !open {
        // closed with its cross
        app.push(Command::SetWindow(Window::About, false));
    }
}
