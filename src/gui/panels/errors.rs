//! The files that could not be read, with the reason, until dismissed.

use crate::gui::app::App;
use crate::gui::command::Command;

/// Draws the errors window when there are errors.
pub fn show(app: &mut App, ctx: &egui::Context) {
    if app.errors.is_empty() {
        return;
    }
    let mut dismiss = false;
    egui::Window::new("Files that could not be read")
        .collapsible(true)
        .default_pos([20.0, 80.0])
        .show(ctx, |ui| {
            egui::ScrollArea::vertical()
                .max_height(200.0)
                .show(ui, |ui| {
                    for e in &app.errors {
                        ui.label(egui::RichText::new(e).color(ui.visuals().warn_fg_color));
                    }
                });
            dismiss = ui
                .button("Dismiss")
                .on_hover_text("Forget this list of failed files")
                .clicked();
        });
    if dismiss {
        app.push(Command::DismissErrors);
    }
}
