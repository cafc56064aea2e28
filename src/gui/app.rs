//! The application: it owns the corpus and the UI state, draws the panels,
//! and applies the commands they push.

use super::command::Command;
use super::file_dialog::{FilePicker, NativePicker, PickResult};
use super::load_job::LoadJob;
use super::panels;
use super::timeline_data::{Filters, TimelineData};
use crate::corpus::Corpus;
use crate::extract::analyze;
use crate::ingest::DateSource;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use std::sync::mpsc::Receiver;

/// What is remembered between runs (eframe storage).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct UiState {
    /// Files and folders opened recently, newest first.
    pub recent: Vec<PathBuf>,
    /// Draw the tension index line.
    pub show_index: bool,
    /// Show negated events.
    pub show_negated: bool,
}

/// The application.
pub struct App {
    /// The articles and their analyses (the only owner).
    pub corpus: Corpus,
    /// Preferences kept between runs.
    pub state: UiState,
    /// What is visible.
    pub filters: Filters,
    /// The selected event mention (article index, event index).
    pub selection: Option<(usize, usize)>,
    /// The article shown in the source view.
    pub article: Option<usize>,
    /// Failed files, with their reasons (the errors panel).
    pub errors: Vec<String>,
    /// A message for the status bar.
    pub message: String,
    /// The plot geometry (rebuilt when `dirty`).
    pub timeline: TimelineData,
    /// The path typed in when no dialog is available (`Some` shows the field).
    pub path_entry: Option<String>,
    /// The date typed in for an undated article.
    pub date_entry: String,
    /// Whether the About window is open.
    pub about_open: bool,
    /// Scroll the source view to the selection on the next frame.
    pub scroll_to_selection: bool,
    /// Reset the plot bounds on the next frame.
    pub reset_view: bool,
    dirty: bool,
    commands: Vec<Command>,
    load: Option<LoadJob>,
    picker: Box<dyn FilePicker>,
    pick: Option<Receiver<PickResult>>,
}

impl App {
    /// A new application with the native file dialog.
    pub fn new(state: Option<UiState>) -> App {
        App::with_picker(
            state.unwrap_or(UiState {
                show_index: true,
                ..Default::default()
            }),
            Box::new(NativePicker),
        )
    }

    /// A new application with the given file picker (tests inject a fake).
    pub fn with_picker(state: UiState, picker: Box<dyn FilePicker>) -> App {
        let filters = Filters {
            show_negated: state.show_negated,
            ..Default::default()
        };
        App {
            corpus: Corpus::default(),
            state,
            filters,
            selection: None,
            article: None,
            errors: Vec::new(),
            message: String::new(),
            timeline: TimelineData::default(),
            path_entry: None,
            date_entry: String::new(),
            about_open: false,
            scroll_to_selection: false,
            reset_view: false,
            dirty: true,
            commands: Vec::new(),
            load: None,
            picker,
            pick: None,
        }
    }

    /// Queues a command (applied after the current frame is drawn).
    pub fn push(&mut self, c: Command) {
        self.commands.push(c);
    }

    /// Marks the plot geometry as stale (after a filter change).
    pub fn invalidate(&mut self) {
        self.dirty = true;
    }

    /// Whether a load is running, and its progress.
    pub fn loading(&self) -> Option<(usize, usize)> {
        self.load.as_ref().map(LoadJob::progress)
    }

    /// Draws one frame and applies the commands it produced.
    pub fn draw(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.poll(&ctx);
        self.keyboard(&ctx);
        if self.dirty {
            self.timeline = TimelineData::build(&self.corpus, &self.filters);
            self.dirty = false;
        }
        panels::menu::show(self, ui);
        panels::status::show(self, ui);
        if self.corpus.analyses.is_empty() && self.load.is_none() {
            panels::welcome::show(self, ui);
        } else {
            panels::articles::show(self, ui);
            panels::facts::show(self, ui);
            panels::timeline::show(self, ui);
            egui::CentralPanel::default().show(ui, |ui| panels::source::show(self, ui));
        }
        panels::errors::show(self, &ctx);
        panels::about::show(self, &ctx);
        for c in std::mem::take(&mut self.commands) {
            self.run_command(c, &ctx);
        }
    }

    /// Background work: the load job, the file dialog, dropped files.
    fn poll(&mut self, ctx: &egui::Context) {
        if let Some(job) = &self.load
            && let Some(loaded) = job.poll()
        {
            self.load = None;
            let (n, failed) = (loaded.analyses.len(), loaded.errors.len());
            self.errors
                .extend(loaded.errors.iter().map(ToString::to_string));
            self.corpus.extend(loaded.analyses);
            self.corpus.link();
            self.message = format!(
                "Loaded {n} article(s){}",
                if failed > 0 {
                    format!(", {failed} failed")
                } else {
                    String::new()
                }
            );
            if self.article.is_none() && !self.corpus.analyses.is_empty() {
                self.article = Some(0);
            }
            self.dirty = true;
            self.reset_view = true;
        }
        if let Some(rx) = &self.pick
            && let Ok(result) = rx.try_recv()
        {
            self.pick = None;
            match result {
                PickResult::Picked(paths) => self.push(Command::OpenPaths(paths)),
                PickResult::Cancelled => {}
                PickResult::Unavailable(reason) => {
                    self.message = format!("{reason}: type a path below");
                    self.path_entry.get_or_insert_with(String::new);
                }
            }
        }
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if !dropped.is_empty() {
            self.push(Command::OpenPaths(dropped));
        }
    }

    fn keyboard(&mut self, ctx: &egui::Context) {
        if ctx.memory(|m| m.focused().is_some()) {
            return;
        }
        let (down, up, esc, enter, open) = ctx.input(|i| {
            (
                i.key_pressed(egui::Key::ArrowDown) || i.key_pressed(egui::Key::ArrowRight),
                i.key_pressed(egui::Key::ArrowUp) || i.key_pressed(egui::Key::ArrowLeft),
                i.key_pressed(egui::Key::Escape),
                i.key_pressed(egui::Key::Enter),
                i.modifiers.command && i.key_pressed(egui::Key::O),
            )
        });
        if down {
            self.push(Command::StepEvent(1));
        }
        if up {
            self.push(Command::StepEvent(-1));
        }
        if esc {
            self.push(Command::SelectEvent(None));
        }
        if enter && let Some((a, _)) = self.selection {
            self.push(Command::SelectArticle(a));
            self.scroll_to_selection = true;
        }
        if open {
            self.push(Command::OpenDialog { folder: false });
        }
    }

    /// Applies one command: the only place where application state changes.
    pub fn run_command(&mut self, c: Command, ctx: &egui::Context) {
        match c {
            Command::OpenPaths(paths) => {
                for p in paths.iter().rev() {
                    self.state.recent.retain(|r| r != p);
                    self.state.recent.insert(0, p.clone());
                }
                self.state.recent.truncate(10);
                let repaint = ctx.clone();
                self.load = Some(LoadJob::start(paths, move || repaint.request_repaint()));
                self.path_entry = None;
            }
            Command::OpenDialog { folder } => {
                if self.pick.is_none() {
                    self.pick = Some(self.picker.start(folder, ctx));
                }
            }
            Command::CancelLoad => {
                if let Some(job) = &self.load {
                    job.cancel();
                }
            }
            Command::SelectEvent(sel) => {
                self.selection = sel.filter(|&(a, e)| {
                    self.corpus
                        .analyses
                        .get(a)
                        .is_some_and(|x| e < x.events.len())
                });
                if let Some((a, _)) = self.selection {
                    self.article = Some(a);
                    self.scroll_to_selection = true;
                }
            }
            Command::StepEvent(step) => {
                let order = &self.timeline.order;
                if !order.is_empty() {
                    let pos = self
                        .selection
                        .and_then(|s| order.iter().position(|&o| o == s));
                    let next = match pos {
                        Some(p) => {
                            (p as i64 + step as i64).clamp(0, order.len() as i64 - 1) as usize
                        }
                        None if step >= 0 => 0,
                        None => order.len() - 1,
                    };
                    let sel = order[next];
                    self.push(Command::SelectEvent(Some(sel)));
                }
            }
            Command::SelectArticle(a) => {
                if a < self.corpus.analyses.len() {
                    self.article = Some(a);
                    if self.selection.is_some_and(|(sa, _)| sa != a) {
                        self.selection = None;
                    }
                }
            }
            Command::SetPublished(a, date) => {
                if let Some(analysis) = self.corpus.analyses.get(a) {
                    let mut article = analysis.article.clone();
                    article.set_published(Some(date), DateSource::User);
                    self.corpus.analyses[a] = analyze(article);
                    self.corpus.link();
                    self.selection = None;
                    self.message = format!("Publication date set to {date}; dates resolved again");
                    self.dirty = true;
                }
            }
            Command::ToggleType(t) => {
                if !self.filters.hidden_types.remove(&t) {
                    self.filters.hidden_types.insert(t);
                }
                self.dirty = true;
            }
            Command::DismissErrors => self.errors.clear(),
            Command::ExportSvg(path) => {
                let svg = crate::export::svg::to_svg(&self.corpus, "tension-timeline");
                self.message = match crate::export::write_atomic(&path, svg.as_bytes()) {
                    Ok(()) => format!("Timeline written to {}", path.display()),
                    Err(e) => format!("Cannot write {}: {e}", path.display()),
                };
            }
            Command::ResetView => self.reset_view = true,
        }
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.draw(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.state.show_negated = self.filters.show_negated;
        eframe::set_value(storage, eframe::APP_KEY, &self.state);
    }
}
