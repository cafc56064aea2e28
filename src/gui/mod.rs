//! The desktop application (eframe/egui): open articles, see the timeline,
//! check every fact against its source.
//!
//! [`app::App`] owns the [`crate::corpus::Corpus`] and the UI state; panels
//! (one file each under [`panels`]) read the state and push
//! [`command::Command`]s, which `App::run_command` applies after drawing —
//! the one place where state changes. Loading runs on a worker thread
//! ([`load_job`]) through the same `corpus::load_paths` the CLI uses.

pub mod app;
pub mod command;
pub mod events_table;
pub mod file_dialog;
pub mod filter_draft;
pub mod load_job;
pub mod map_data;
pub mod offscreen;
pub mod panels;
pub mod picture;
pub mod png_export;
pub mod session;
pub mod timeline_data;

use std::path::PathBuf;

/// Opens the window and loads `paths` at start (a `.ttproj` among them
/// opens as the project).
pub fn run(paths: Vec<PathBuf>) -> anyhow::Result<()> {
    // the analysis lexicons are built while the window opens
    std::thread::spawn(crate::extract::warm_up);
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("tension-timeline")
            .with_inner_size([1360.0, 860.0])
            .with_min_inner_size([800.0, 500.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    eframe::run_native(
        "tension-timeline",
        options,
        Box::new(move |cc| {
            let mut app = app::App::new(
                cc.storage
                    .and_then(|s| eframe::get_value(s, eframe::APP_KEY)),
            );
            // a project file on the command line opens as the project
            let (projects, articles): (Vec<PathBuf>, Vec<PathBuf>) = paths
                .into_iter()
                .partition(|p| p.extension().is_some_and(|e| e == "ttproj"));
            if let Some(project) = projects.into_iter().next() {
                app.push(command::Command::OpenProject(project));
            }
            if !articles.is_empty() {
                app.push(command::Command::OpenPaths(articles));
            }
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| anyhow::anyhow!("cannot open the window: {e}"))
}
