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

/// Something that can ask the user for files.
pub trait FilePicker {
    /// Starts asking (files, or a folder); the answer arrives on the receiver.
    fn start(&mut self, folder: bool, ctx: &egui::Context) -> Receiver<PickResult>;
}

/// A dialog that returns in less than this without a choice probably never
/// showed (rfd falls back silently when there is no portal or zenity).
const NO_DIALOG: Duration = Duration::from_millis(400);

/// The native dialog, through rfd, on a worker thread.
#[derive(Debug, Default)]
pub struct NativePicker;

impl FilePicker for NativePicker {
    fn start(&mut self, folder: bool, ctx: &egui::Context) -> Receiver<PickResult> {
        let (tx, rx) = channel();
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            let started = Instant::now();
            let dialog = rfd::FileDialog::new().set_title("Open articles");
            let picked = if folder {
                dialog.pick_folder().map(|p| vec![p])
            } else {
                dialog
                    .add_filter("Articles", crate::ingest::EXTENSIONS)
                    .add_filter("All files", &["*"])
                    .pick_files()
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
    fn start(&mut self, _folder: bool, _ctx: &egui::Context) -> Receiver<PickResult> {
        let (tx, rx) = channel();
        let _ = tx.send(self.0.clone());
        rx
    }
}
