//! The window shown when a project opens: the files it will read, those
//! outside the project's folder marked, and Open / Cancel. Nothing is read
//! before the user answers; a file outside the folder is read only with
//! the user's consent (Open), or left out (Open only the files in its
//! folder).

use crate::gui::app::App;
use crate::gui::command::Command;

/// Draws the window while a project waits for the user's consent.
pub fn show(app: &mut App, ctx: &egui::Context) {
    let Some(pending) = app.pending_project() else {
        return;
    };
    let files = pending.files();
    let outside = files.iter().filter(|f| f.outside).count();
    let folder = pending.folder();
    let mut answer = None;
    egui::Window::new("Open project")
        .collapsible(false)
        .resizable(true)
        .default_width(560.0)
        .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
        .show(ctx, |ui| {
            ui.label(format!("This project reads these {} file(s):", files.len()));
            egui::ScrollArea::vertical()
                .max_height(260.0)
                .show(ui, |ui| {
                    for f in files {
                        if f.outside {
                            ui.colored_label(
                                ui.visuals().warn_fg_color,
                                format!("{} (outside the project's folder)", f.path.display()),
                            );
                        } else {
                            ui.label(f.path.display().to_string());
                        }
                    }
                });
            if outside > 0 {
                ui.separator();
                ui.label(format!(
                    "{outside} of them lie outside the project's folder {}. Open reads them too.",
                    folder
                ));
            }
            ui.horizontal(|ui| {
                if ui
                    .button("Open")
                    .on_hover_text("Read every file the project lists")
                    .clicked()
                {
                    answer = Some(Command::ConfirmProject { outside: true });
                }
                if outside > 0
                    && ui
                        .button("Open only the files in its folder")
                        .on_hover_text("Read only the files under the project’s folder")
                        .clicked()
                {
                    answer = Some(Command::ConfirmProject { outside: false });
                }
                if ui
                    .button("Cancel")
                    .on_hover_text("Close the project unread")
                    .clicked()
                {
                    answer = Some(Command::CancelProject);
                }
            });
        });
    if let Some(c) = answer {
        app.push(c);
    }
}
