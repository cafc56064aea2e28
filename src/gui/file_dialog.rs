//! Choosing files: the native dialog (rfd) on its own thread, so the UI
//! never blocks, or a fake in tests. When no dialog can be shown (no portal,
//! no zenity), the user is told and offered a path field instead.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

/// What a file dialog gave back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PickResult {
    /// The user chose these paths.
    Picked(Vec<PathBuf>),
    /// The user closed the dialog.
    Cancelled,
    /// No dialog could be shown, with the reason.
    Unavailable(String),
}

/// What the user is asked to choose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickRequest {
    /// Article files to open.
    Articles,
    /// A folder of articles to open.
    Folder,
    /// A project file to open.
    OpenProject,
    /// Where to save the project.
    SaveProject,
    /// A project JSON export to import.
    ImportProject,
    /// Where to write an export.
    Export(ExportKind),
}

/// What can be exported from the application.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportKind {
    /// Event mentions as CSV.
    Csv,
    /// Everything as JSON (events, mentions, merged events).
    Json,
    /// GDELT-style TSV.
    Gdelt,
    /// Located merged events as GeoJSON points.
    GeoJson,
    /// One TimeML file per article, into a folder.
    TimeMl,
    /// The timeline as SVG.
    Svg,
    /// The timeline as PNG (as drawn on screen).
    Png,
    /// The map as SVG.
    MapSvg,
    /// The map as PNG.
    MapPng,
    /// The project (articles, corrections, view) as JSON.
    ProjectJson,
}

impl ExportKind {
    /// Every kind, in menu order.
    pub const ALL: [ExportKind; 10] = [
        ExportKind::Csv,
        ExportKind::Json,
        ExportKind::Gdelt,
        ExportKind::GeoJson,
        ExportKind::TimeMl,
        ExportKind::Svg,
        ExportKind::Png,
        ExportKind::MapSvg,
        ExportKind::MapPng,
        ExportKind::ProjectJson,
    ];

    /// The menu label.
    pub fn label(self) -> &'static str {
        match self {
            ExportKind::Csv => "Events as CSV…",
            ExportKind::Json => "Events as JSON…",
            ExportKind::Gdelt => "Events as GDELT TSV…",
            ExportKind::GeoJson => "Events as GeoJSON (map points)…",
            ExportKind::TimeMl => "Articles as TimeML (folder)…",
            ExportKind::Svg => "Timeline as SVG…",
            ExportKind::Png => "Timeline as PNG…",
            ExportKind::MapSvg => "Map as SVG…",
            ExportKind::MapPng => "Map as PNG…",
            ExportKind::ProjectJson => "Project as JSON…",
        }
    }

    /// The default file name.
    pub fn file_name(self) -> &'static str {
        match self {
            ExportKind::Csv => "events.csv",
            ExportKind::Json => "events.json",
            ExportKind::Gdelt => "events.tsv",
            ExportKind::GeoJson => "events.geojson",
            ExportKind::TimeMl => "timeml",
            ExportKind::Svg => "timeline.svg",
            ExportKind::Png => "timeline.png",
            ExportKind::MapSvg => "map.svg",
            ExportKind::MapPng => "map.png",
            ExportKind::ProjectJson => "project.json",
        }
    }
}

/// Something that can ask the user for files.
pub trait FilePicker {
    /// Starts asking; the answer arrives on the receiver.
    fn start(&mut self, request: PickRequest, ctx: &egui::Context) -> Receiver<PickResult>;
}

/// A dialog that returns in less than this without a choice probably never
/// showed (rfd falls back silently when there is no portal or zenity).
const NO_DIALOG: Duration = Duration::from_millis(400);

/// The native dialog, through rfd, on a worker thread.
#[derive(Debug, Default)]
pub struct NativePicker;

impl FilePicker for NativePicker {
    fn start(&mut self, request: PickRequest, ctx: &egui::Context) -> Receiver<PickResult> {
        let (tx, rx) = channel();
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            let started = Instant::now();
            let dialog = rfd::FileDialog::new();
            let one = |p: Option<PathBuf>| p.map(|p| vec![p]);
            let picked = match request {
                PickRequest::Articles => dialog
                    .set_title("Open articles")
                    .add_filter("Articles", crate::ingest::EXTENSIONS)
                    .add_filter("All files", &["*"])
                    .pick_files(),
                PickRequest::Folder => {
                    one(dialog.set_title("Open a folder of articles").pick_folder())
                }
                PickRequest::OpenProject => one(dialog
                    .set_title("Open project")
                    .add_filter("Projects", &["ttproj"])
                    .pick_file()),
                PickRequest::SaveProject => one(dialog
                    .set_title("Save project as")
                    .add_filter("Projects", &["ttproj"])
                    .set_file_name("project.ttproj")
                    .save_file()),
                PickRequest::ImportProject => one(dialog
                    .set_title("Import a project from JSON")
                    .add_filter("JSON", &["json"])
                    .pick_file()),
                PickRequest::Export(ExportKind::TimeMl) => one(dialog
                    .set_title("Folder for the TimeML files")
                    .pick_folder()),
                PickRequest::Export(kind) => one(dialog
                    .set_title(kind.label().trim_end_matches('…'))
                    .set_file_name(kind.file_name())
                    .save_file()),
            };
            let result = match picked {
                Some(p) if !p.is_empty() => PickResult::Picked(p),
                _ if started.elapsed() < NO_DIALOG => PickResult::Unavailable(
                    "no file dialog is available on this desktop (no portal or zenity)".into(),
                ),
                _ => PickResult::Cancelled,
            };
            let _ = tx.send(result);
            ctx.request_repaint();
        });
        rx
    }
}

/// A picker for tests: answers at once with a fixed result.
#[derive(Debug, Clone)]
pub struct FakePicker(pub PickResult);

impl FilePicker for FakePicker {
    fn start(&mut self, _request: PickRequest, _ctx: &egui::Context) -> Receiver<PickResult> {
        let (tx, rx) = channel();
        let _ = tx.send(self.0.clone());
        rx
    }
}
