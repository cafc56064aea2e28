//! The menu bar: File (articles, projects, exports), Edit (undo, redo),
//! View, Help.

use crate::gui::app::App;
use crate::gui::command::{Command, ViewOption, Window};
use crate::gui::file_dialog::{ExportKind, PickRequest};

/// A submenu of recently used paths; choosing one pushes `open(path)`.
fn recent_menu(
    app: &mut App,
    ui: &mut egui::Ui,
    title: &str,
    paths: &[std::path::PathBuf],
    open: impl Fn(std::path::PathBuf) -> Command,
) {
    ui.menu_button(title, |ui| {
        if paths.is_empty() {
            ui.label("Nothing yet");
        }
        for p in paths {
            if ui.button(p.display().to_string()).clicked() {
                app.push(open(p.clone()));
                ui.close();
            }
        }
    });
}

/// Draws the menu bar (and the path field when no dialog is available).
pub fn show(app: &mut App, ui: &mut egui::Ui) {
    egui::Panel::top("menu").show(ui, |ui| {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                if ui
                    .button("Open articles…  (Ctrl+O)")
                    .on_hover_text("Read news files: text, HTML, JSON, JSONL, TimeML")
                    .clicked()
                {
                    app.push(Command::Pick(PickRequest::Articles));
                    ui.close();
                }
                if ui
                    .button("Open folder…")
                    .on_hover_text("Read every article in a folder and its subfolders")
                    .clicked()
                {
                    app.push(Command::Pick(PickRequest::Folder));
                    ui.close();
                }
                if ui
                    .button("Open path…")
                    .on_hover_text("Type the path of a file or folder to read")
                    .clicked()
                {
                    app.path_entry.get_or_insert_with(String::new);
                    ui.close();
                }
                let recent = app.state.recent.clone();
                recent_menu(app, ui, "Open recent", &recent, |p| {
                    Command::OpenPaths(vec![p])
                });
                ui.separator();
                if ui
                    .button("New project")
                    .on_hover_text("Close the articles and start an untitled project")
                    .clicked()
                {
                    app.push(Command::NewProject);
                    ui.close();
                }
                if ui
                    .button("Open project…")
                    .on_hover_text("Open a project file (.ttproj): its articles and corrections")
                    .clicked()
                {
                    app.push(Command::Pick(PickRequest::OpenProject));
                    ui.close();
                }
                let recent = app.state.recent_projects.clone();
                recent_menu(
                    app,
                    ui,
                    "Open recent project",
                    &recent,
                    Command::OpenProject,
                );
                if ui
                    .button("Save project as…")
                    .on_hover_text(
                        "Keep the articles and corrections in a project file of your choosing",
                    )
                    .clicked()
                {
                    app.push(Command::Pick(PickRequest::SaveProject));
                    ui.close();
                }
                if ui
                    .button("Import project from JSON…")
                    .on_hover_text("Create a project from an exported project JSON")
                    .clicked()
                {
                    app.push(Command::Pick(PickRequest::ImportProject));
                    ui.close();
                }
                ui.separator();
                ui.menu_button("Export", |ui| {
                    use crate::gui::picture::{DEFAULT_SIZE, SIDE_RANGE};
                    let mut size = app.state.picture_size.unwrap_or(DEFAULT_SIZE);
                    ui.horizontal(|ui| {
                        ui.label("Picture size");
                        ui.add(
                            egui::DragValue::new(&mut size[0])
                                .range(SIDE_RANGE)
                                .suffix(" px"),
                        )
                        .on_hover_text("Width of the PNG and SVG pictures of the timeline");
                        ui.label("×");
                        ui.add(
                            egui::DragValue::new(&mut size[1])
                                .range(SIDE_RANGE)
                                .suffix(" px"),
                        )
                        .on_hover_text("Height of the PNG and SVG pictures of the timeline");
                    });
                    if size != app.state.picture_size.unwrap_or(DEFAULT_SIZE) {
                        app.push(Command::SetPictureSize(size));
                    }
                    ui.separator();
                    for kind in ExportKind::ALL {
                        if ui.button(kind.label()).clicked() {
                            app.push(Command::Pick(PickRequest::Export(kind)));
                            ui.close();
                        }
                    }
                });
                ui.separator();
                if ui
                    .button("Quit")
                    .on_hover_text("Close the window (corrections are already saved)")
                    .clicked()
                {
                    ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
                }
            });
            ui.menu_button("Edit", |ui| {
                let (undo, redo) = app.session.can_undo_redo();
                if ui
                    .add_enabled(undo, egui::Button::new("Undo  (Ctrl+Z)"))
                    .clicked()
                {
                    app.push(Command::Undo);
                    ui.close();
                }
                if ui
                    .add_enabled(redo, egui::Button::new("Redo  (Ctrl+Shift+Z)"))
                    .clicked()
                {
                    app.push(Command::Redo);
                    ui.close();
                }
            });
            ui.menu_button("View", |ui| {
                ui.label("Timeline rows");
                for rows in crate::gui::timeline_data::Rows::ALL {
                    if ui
                        .radio(app.state.rows == rows, rows.name())
                        .on_hover_text(match rows {
                            crate::gui::timeline_data::Rows::Tension => {
                                "Height is the tension: conflict up, cooperation down"
                            }
                            crate::gui::timeline_data::Rows::Dyads => {
                                "One row per pair of actors, the busiest on top"
                            }
                            crate::gui::timeline_data::Rows::Types => {
                                "One row per event type, conflict on top"
                            }
                        })
                        .clicked()
                    {
                        app.push(Command::SetRows(rows));
                        ui.close();
                    }
                }
                ui.separator();
                let mut index = app.state.show_index;
                if ui.checkbox(&mut index, "Tension index line").changed() {
                    app.push(Command::SetOption(ViewOption::IndexLine, index));
                }
                let mut mentions = app.state.show_mentions;
                if ui
                    .checkbox(&mut mentions, "Plot every mention (not merged events)")
                    .changed()
                {
                    app.push(Command::SetOption(ViewOption::EveryMention, mentions));
                }
                let mut filters = app.filters().clone();
                let negated = ui
                    .checkbox(&mut filters.show_negated, "Show negated events")
                    .changed();
                let rejected = ui
                    .checkbox(&mut filters.show_rejected, "Show rejected events")
                    .changed();
                if negated || rejected {
                    app.push(Command::SetFilters(Box::new(filters)));
                }
                if ui
                    .button("Show all events")
                    .on_hover_text("Frame every event, those far from the rest too")
                    .clicked()
                {
                    app.push(Command::ShowAll);
                    ui.close();
                }
                if ui
                    .button("Reset timeline view")
                    .on_hover_text("Frame the events again (also a double-click on the plot)")
                    .clicked()
                {
                    app.push(Command::ResetView);
                    ui.close();
                }
                if ui
                    .button("Map")
                    .on_hover_text("Show where the events took place, under the timeline")
                    .clicked()
                {
                    app.push(Command::Show(crate::gui::app::CentralView::Map));
                    ui.close();
                }
                ui.separator();
                // the theme in words: egui's own buttons are icons that the
                // system fonts may not have (they drew as empty boxes)
                ui.label("Theme");
                let mut theme = ui.options(|o| o.theme_preference);
                ui.horizontal(|ui| {
                    for (t, name) in [
                        (egui::ThemePreference::System, "System"),
                        (egui::ThemePreference::Light, "Light"),
                        (egui::ThemePreference::Dark, "Dark"),
                    ] {
                        if ui.selectable_value(&mut theme, t, name).clicked() {
                            ui.ctx().set_theme(theme);
                        }
                    }
                });
            });
            ui.menu_button("Help", |ui| {
                if ui
                    .button("Legend")
                    .on_hover_text(
                        "What the marks, sizes, bars and colors mean; mouse and keyboard",
                    )
                    .clicked()
                {
                    app.push(Command::SetWindow(Window::Legend, true));
                    ui.close();
                }
                if ui
                    .button("About")
                    .on_hover_text("Version, ontology and measured accuracy")
                    .clicked()
                {
                    app.push(Command::SetWindow(Window::About, true));
                    ui.close();
                }
            });
        });
        if let Some(entry) = app.path_entry.as_mut() {
            let mut open = None;
            let mut close = false;
            ui.horizontal(|ui| {
                ui.label("Path to a file or folder:");
                let r = ui.add(
                    egui::TextEdit::singleline(entry)
                        .desired_width(420.0)
                        .hint_text("e.g. seeds/"),
                );
                if (r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)))
                    || ui
                        .button("Open")
                        .on_hover_text("Read this file or folder")
                        .clicked()
                {
                    open = Some(entry.clone());
                }
                if ui
                    .button("Cancel")
                    .on_hover_text("Close the path field")
                    .clicked()
                {
                    close = true;
                }
            });
            if let Some(p) = open.filter(|p| !p.trim().is_empty()) {
                app.push(Command::OpenPaths(vec![p.trim().into()]));
            }
            if close {
                app.path_entry = None;
            }
        }
    });
}
