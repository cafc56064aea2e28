//! The empty state: what the program does and how to start.

use crate::gui::app::App;
use crate::gui::command::Command;
use crate::gui::file_dialog::PickRequest;
use std::path::PathBuf;

/// Where the bundled seed articles are: here, in the source tree the
/// program was built from (wherever it is started), or beside the
/// executable.
pub fn seeds_dir() -> Option<PathBuf> {
    let built_from = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let exe_dir = std::env::current_exe()
        .ok()
        .and_then(|p| p.parent().map(|d| d.to_path_buf()));
    let mut candidates = vec![PathBuf::from("seeds"), built_from];
    if let Some(d) = exe_dir {
        candidates.extend([d.join("seeds"), d.join("../../seeds")]);
    }
    candidates.into_iter().find(|p| p.is_dir())
}

/// Draws the welcome screen.
pub fn show(app: &mut App, ui: &mut egui::Ui) {
    egui::CentralPanel::default().show(ui, |ui| {
        ui.vertical_centered(|ui| {
            ui.add_space(ui.available_height() * 0.2);
            ui.heading("tension-timeline");
            ui.add_space(8.0);
            ui.label("Open news articles about international tensions to see who did what to whom, and when,");
            ui.label("on a timeline, with every fact next to the words that state it.");
            ui.label("Text, Markdown, HTML, JSON, JSONL and TimeML files are read; drop files or folders here.");
            ui.add_space(16.0);
            if ui.button("Open articles…").on_hover_text("Read news files: text, HTML, JSON, JSONL, TimeML").clicked() {
                app.push(Command::Pick(PickRequest::Articles));
            }
            if ui.button("Open folder…").on_hover_text("Read every article in a folder and its subfolders").clicked() {
                app.push(Command::Pick(PickRequest::Folder));
            }
            if ui.button("Open project…").on_hover_text("Open a project file (.ttproj): its articles and corrections").clicked() {
                app.push(Command::Pick(PickRequest::OpenProject));
            }
            for p in app.state.recent_projects.iter().take(3).cloned().collect::<Vec<_>>() {
                let name = p.file_name().map_or_else(|| p.display().to_string(), |n| n.to_string_lossy().into_owned());
                if ui
                    .button(format!("Reopen project {name}"))
                    .on_hover_text(p.display().to_string())
                    .clicked()
                {
                    app.push(Command::OpenProject(p));
                }
            }
            if let Some(seeds) = seeds_dir()
                && ui.button("Open the bundled seeds").on_hover_text("Three articles on the 2021 Biden–Putin talks").clicked()
            {
                app.push(Command::OpenPaths(vec![seeds]));
            }
        });
    });
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_seeds_are_found_from_the_source_tree() {
        let seeds = super::seeds_dir().expect("the seeds are found");
        let articles = std::fs::read_dir(&seeds)
            .expect("a folder")
            .filter_map(Result::ok)
            .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
            .count();
        assert!(
            articles >= 3,
            "{} holds {articles} articles",
            seeds.display()
        );
        // the path fixed at build time holds them too, wherever the
        // program is started
        assert!(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("seeds")
                .is_dir()
        );
    }
}
