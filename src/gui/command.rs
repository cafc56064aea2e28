//! Everything the user can ask the application to do. Panels push commands
//! while drawing; [`crate::gui::app::App::run_command`] applies them after.

use super::app::{CentralView, MergeMark};
use super::file_dialog::{ExportKind, PickRequest};
use super::timeline_data::{Filters, Rows};
use crate::corpus::project::Correction;
use crate::extract::PloverType;
use std::path::PathBuf;

/// A request from the user interface.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Load these files and folders (in the background).
    OpenPaths(Vec<PathBuf>),
    /// Ask the user for a file or folder through the file dialog.
    Pick(PickRequest),
    /// Stop the running load, keeping what is loaded.
    CancelLoad,
    /// Select an event mention (article index, event index), or none.
    SelectEvent(Option<(usize, usize)>),
    /// Move the selection to the next (+1) or previous (-1) visible event.
    StepEvent(i32),
    /// Show this article in the source view.
    SelectArticle(usize),
    /// Select a stretch of the shown article's text (byte span), or none.
    SelectText(Option<(usize, usize)>),
    /// Record an analyst's correction and apply it.
    Correct(Correction),
    /// Take back the latest correction.
    Undo,
    /// Apply again the latest correction taken back.
    Redo,
    /// Show or hide one event type.
    ToggleType(PloverType),
    /// Forget the list of files that failed.
    DismissErrors,
    /// Close the articles and start an untitled project.
    NewProject,
    /// Open a project file and load its articles.
    OpenProject(PathBuf),
    /// Read the files of the project waiting in the project-paths window;
    /// `outside`: those outside its folder too.
    ConfirmProject {
        /// Whether to read the files outside the project's folder.
        outside: bool,
    },
    /// Close the project waiting in the project-paths window unread.
    CancelProject,
    /// Write the project to this file and continue there.
    SaveProjectAs(PathBuf),
    /// Create a project from a JSON export and open it.
    ImportProject(PathBuf),
    /// Write an export to this path.
    Export(ExportKind, PathBuf),
    /// Bring the plot back to its default view (where most events are).
    ResetView,
    /// Frame every event, the far ones included.
    ShowAll,
    /// Clear every filter (actor, text, modality, dates, types, article).
    ClearFilters,
    /// Show the tension scale or lanes on the vertical axis.
    SetRows(Rows),
    /// Put these filters in force (the filter bar's edits, the menu's
    /// switches).
    SetFilters(Box<Filters>),
    /// Switch a display option on or off.
    SetOption(ViewOption, bool),
    /// Show this view in the central area.
    Show(CentralView),
    /// Open or close a window.
    SetWindow(Window, bool),
    /// Mark an event for merging with the next one chosen, or forget the mark.
    MarkForMerge(Option<MergeMark>),
    /// The size of exported pictures, in pixels.
    SetPictureSize([u32; 2]),
    /// Say this in the status bar.
    Notify(String),
}

/// A display option of the View menu and the map.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ViewOption {
    /// The tension index line on the timeline.
    IndexLine,
    /// Every mention on the timeline instead of the merged events.
    EveryMention,
    /// The map's countries shaded by their number of events.
    ShadeCountries,
}

/// A window over the main one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Window {
    /// Help > About.
    About,
    /// Help > Legend.
    Legend,
}
