//! Everything the user can ask the application to do. Panels push commands
//! while drawing; [`crate::gui::app::App::run_command`] applies them after.

use crate::extract::PloverType;
use chrono::NaiveDate;
use std::path::PathBuf;

/// A request from the user interface.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Load these files and folders (in the background).
    OpenPaths(Vec<PathBuf>),
    /// Ask for files (or a folder) through the file dialog.
    OpenDialog {
        /// Pick a folder instead of files.
        folder: bool,
    },
    /// Stop the running load, keeping what is loaded.
    CancelLoad,
    /// Select an event mention (article index, event index), or none.
    SelectEvent(Option<(usize, usize)>),
    /// Move the selection to the next (+1) or previous (-1) visible event.
    StepEvent(i32),
    /// Show this article in the source view.
    SelectArticle(usize),
    /// Set an article's publication date and analyse it again.
    SetPublished(usize, NaiveDate),
    /// Show or hide one event type.
    ToggleType(PloverType),
    /// Forget the list of files that failed.
    DismissErrors,
    /// Write the timeline as SVG to this file.
    ExportSvg(PathBuf),
    /// Reset the plot to show every event.
    ResetView,
}
