//! The application: it owns the corpus and the UI state, draws the panels,
//! and applies the commands they push.

use super::command::{Command, ViewOption, Window};
use super::events_table::EventsTableView;
use super::file_dialog::{ExportKind, FilePicker, NativePicker, PickRequest, PickResult};
use super::filter_draft::FilterDraft;
use super::load_job::LoadJob;
use super::panels;
use super::session::Session;
use super::timeline_data::{ArticleListView, Filters, Rows, TimelineData};
use crate::corpus::Corpus;
use crate::corpus::project::{ArticleFile, Correction, EventKey, ProjectExport};
use crate::extract::PloverType;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};

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
    /// Plot every mention instead of the merged events.
    pub show_mentions: bool,
    /// Project files opened or saved recently, newest first.
    pub recent_projects: Vec<PathBuf>,
    /// What the timeline's vertical axis shows.
    pub rows: Rows,
    /// Shade the map's countries by their number of events.
    pub shade_countries: bool,
    /// The size of exported pictures in pixels ([`super::picture::DEFAULT_SIZE`]
    /// when not set).
    pub picture_size: Option<[u32; 2]>,
}

/// The editing fields of the review panel, for one selected event.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EditBuffers {
    /// The event these fields were filled from.
    pub event: String,
    /// The date being typed.
    pub date: String,
    /// Source actor codes being typed (comma-separated).
    pub source: String,
    /// Target actor codes being typed.
    pub target: String,
}

/// What the central area under the timeline shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum CentralView {
    /// The selected article's text.
    #[default]
    Article,
    /// The table of every visible event.
    Table,
    /// The map of the located events.
    Map,
}

/// An event marked to be merged with another.
#[derive(Debug, Clone, PartialEq)]
pub struct MergeMark {
    /// Its key.
    pub key: EventKey,
    /// How to name it to the user.
    pub label: String,
}

/// A project opened but not yet read: its session (the file locked) and
/// the files it lists, waiting for the user's answer in the project-paths
/// window.
pub struct PendingProject {
    session: Session,
    files: Vec<ArticleFile>,
    path: PathBuf,
}

impl PendingProject {
    /// The files the project lists, resolved, those outside its folder marked.
    pub fn files(&self) -> &[ArticleFile] {
        &self.files
    }

    /// The project's folder, for the user.
    pub fn folder(&self) -> String {
        self.session
            .project_dir()
            .map(|d| d.display().to_string())
            .unwrap_or_default()
    }

    /// The project file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// The application.
pub struct App {
    /// The articles and their analyses (the only owner).
    pub corpus: Corpus,
    /// Preferences kept between runs.
    pub state: UiState,
    /// What is visible (changed by [`Command::SetFilters`] and the like).
    filters: Filters,
    /// The selected event mention (article index, event index).
    selection: Option<(usize, usize)>,
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
    about_open: bool,
    /// Whether the Help > Legend window is open.
    legend_open: bool,
    /// Scroll the source view to the selection on the next frame.
    pub scroll_to_selection: bool,
    /// Reset the plot bounds on the next frame.
    pub reset_view: bool,
    /// The default view frames every event, not only where most are
    /// (until Reset timeline view or new filters).
    pub show_all: bool,
    /// The open project and its corrections.
    pub session: Session,
    /// Text selected in the source view: (article, start, end) in bytes.
    pub text_selection: Option<(usize, usize, usize)>,
    /// The type of an event added from selected text.
    pub new_event_type: PloverType,
    /// The event marked for merging.
    merge_mark: Option<MergeMark>,
    /// The review panel's fields.
    pub edit: EditBuffers,
    /// The filter bar's draft of the filters and its date fields.
    pub filter_bar: FilterDraft,
    /// The article list's search and order.
    pub article_list: ArticleListView,
    /// The events table's order and rows.
    pub events_table: EventsTableView,
    /// What the central area shows.
    central: CentralView,
    /// The located events the map shows (rebuilt with the timeline).
    pub map_markers: Vec<super::map_data::MapMarker>,
    /// What the map draws for the period shown (worked out again when
    /// the period or the markers change).
    pub map_frame: Option<super::map_data::MapFrame>,
    /// Where the map was drawn last (degrees to screen).
    pub map_transform: Option<egui_plot::PlotTransform>,
    /// A part of the map it keeps whatever the data (longitudes,
    /// latitudes): for pictures of what the analyst saw.
    pub fixed_map_view: Option<([f64; 2], [f64; 2])>,
    /// Where the plot was drawn last, with its axes.
    pub plot_rect: Option<egui::Rect>,
    /// The part of the plot shown last: days since the epoch, tension.
    pub plot_view: Option<([f64; 2], [f64; 2])>,
    /// A view the plot keeps whatever the data (days, tension): for
    /// pictures of what the analyst saw.
    pub fixed_view: Option<([f64; 2], [f64; 2])>,
    /// The stages of the last load, shown when the status message is hovered.
    pub load_timings: Option<crate::corpus::LoadTimings>,
    dirty: bool,
    commands: Vec<Command>,
    load: Option<LoadJob>,
    /// When the load that just finished started (its time is reported once
    /// the timeline shows its articles).
    load_started: Option<std::time::Instant>,
    /// Articles the opened project lists, checked when they have loaded.
    expected: Option<Vec<ArticleFile>>,
    /// A project waiting for the user's consent to read its files.
    pending_project: Option<PendingProject>,
    /// Paths asked for while a load was running.
    queued: Vec<PathBuf>,
    saved_filters: Filters,
    /// The window title last sent.
    shown_title: String,
    /// The filters the timeline was last built with.
    built_filters: Filters,
    picker: Box<dyn FilePicker>,
    pick: Option<(PickRequest, Receiver<PickResult>)>,
    notices: (Sender<String>, Receiver<String>),
}

impl App {
    /// A new application with the native file dialog.
    pub fn new(state: Option<UiState>) -> App {
        let mut app = App::with_picker(
            state.unwrap_or(UiState {
                show_index: true,
                ..Default::default()
            }),
            Box::new(NativePicker),
        );
        app.session = Session::untitled(recovery_dir());
        app
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
            load_timings: None,
            load_started: None,
            timeline: TimelineData::default(),
            path_entry: None,
            date_entry: String::new(),
            about_open: false,
            legend_open: false,
            scroll_to_selection: false,
            reset_view: false,
            show_all: false,
            session: Session::untitled(None),
            text_selection: None,
            new_event_type: PloverType::Consult,
            merge_mark: None,
            edit: EditBuffers::default(),
            filter_bar: FilterDraft::default(),
            article_list: ArticleListView::default(),
            events_table: EventsTableView::default(),
            central: CentralView::default(),
            map_markers: Vec::new(),
            map_frame: None,
            map_transform: None,
            fixed_map_view: None,
            plot_rect: None,
            plot_view: None,
            fixed_view: None,
            dirty: true,
            commands: Vec::new(),
            load: None,
            expected: None,
            pending_project: None,
            queued: Vec::new(),
            saved_filters: Filters::default(),
            shown_title: String::new(),
            built_filters: Filters::default(),
            picker,
            pick: None,
            notices: channel(),
        }
    }

    /// The filters in force.
    pub fn filters(&self) -> &Filters {
        &self.filters
    }

    /// Brings the filter bar's draft in step with the filters in force when
    /// they changed elsewhere (no copy of the filters per frame).
    pub fn sync_filter_bar(&mut self) {
        self.filter_bar.follow(&self.filters);
    }

    /// The selected event mention (article index, event index).
    pub fn selection(&self) -> Option<(usize, usize)> {
        self.selection
    }

    /// The event marked for merging.
    pub fn merge_mark(&self) -> Option<&MergeMark> {
        self.merge_mark.as_ref()
    }

    /// What the central area shows.
    pub fn central(&self) -> CentralView {
        self.central
    }

    /// Whether a window is open.
    pub fn window_open(&self, w: Window) -> bool {
        match w {
            Window::About => self.about_open,
            Window::Legend => self.legend_open,
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

    /// Builds the timeline again if something changed; new filters also
    /// bring the plot back to its default view of what they show.
    fn rebuild_timeline(&mut self) {
        if !self.dirty {
            return;
        }
        self.timeline = TimelineData::build_rows(
            &self.corpus,
            &self.filters,
            !self.state.show_mentions,
            self.state.rows,
        );
        // the articles may have changed (loaded, dated, corrected)
        self.article_list.invalidate();
        self.events_table.invalidate();
        self.map_markers = super::map_data::markers(&self.corpus, &self.timeline);
        self.map_frame = None;
        if self.filters != self.built_filters {
            self.built_filters = self.filters.clone();
            self.reset_view = true;
            self.show_all = false;
        }
        self.dirty = false;
    }

    /// The project waiting for the user's consent to read its files.
    pub fn pending_project(&self) -> Option<&PendingProject> {
        self.pending_project.as_ref()
    }

    /// Whether a load is running, and its progress.
    pub fn loading(&self) -> Option<(usize, usize)> {
        self.load.as_ref().map(LoadJob::progress)
    }

    /// The window's title: the project's file name, or "untitled" with a
    /// star while its corrections are only in the recovery file (every
    /// correction of a named project is in its file the moment it is made).
    pub fn window_title(&self) -> String {
        match self.session.path().filter(|_| self.session.is_named()) {
            Some(path) => format!(
                "{} — tension-timeline",
                path.file_name().map_or_else(
                    || path.display().to_string(),
                    |n| n.to_string_lossy().into_owned()
                )
            ),
            None if self.session.journal().is_empty() => "untitled — tension-timeline".into(),
            None => "*untitled — tension-timeline".into(),
        }
    }

    /// Draws one frame and applies the commands it produced.
    pub fn draw(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.poll(&ctx);
        self.keyboard(&ctx);
        self.rebuild_timeline();
        if let Some(started) = self.load_started.take() {
            // from the click to a timeline that shows the articles
            self.message += &format!(" in {:.1} s", started.elapsed().as_secs_f64());
        }
        let title = self.window_title();
        if title != self.shown_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.shown_title = title;
        }
        panels::menu::show(self, ui);
        panels::status::show(self, ui);
        if self.corpus.analyses.is_empty() && self.load.is_none() {
            panels::welcome::show(self, ui);
        } else {
            // the filters and the timeline first: they span the whole
            // width, the side panels share what is below them
            panels::filter_bar::show(self, ui);
            panels::timeline::show(self, ui);
            panels::articles::show(self, ui);
            panels::facts::show(self, ui);
            egui::CentralPanel::default().show(ui, |ui| panels::central::show(self, ui));
        }
        panels::errors::show(self, &ctx);
        panels::about::show(self, &ctx);
        panels::legend::show(self, &ctx);
        panels::project_paths::show(self, &ctx);
        self.run_pending(&ctx);
        if self.filters != self.saved_filters {
            // written once the filters rest (a synchronous commit per
            // keystroke would stall typing in the actor field)
            self.saved_filters = self.filters.clone();
            if let Ok(v) = serde_json::to_value(&self.filters) {
                self.session.view_changed("filters", v);
            }
        }
        if let Some(wait) = self.session.save_view_when_idle() {
            ctx.request_repaint_after(wait);
        }
    }

    /// Applies the commands queued so far, in order (each frame does this
    /// after drawing; also for pictures made without a window).
    pub fn run_pending(&mut self, ctx: &egui::Context) {
        while !self.commands.is_empty() {
            for c in std::mem::take(&mut self.commands) {
                self.run_command(c, ctx);
            }
        }
    }

    /// Draws the map alone (for pictures made without a window).
    pub fn draw_map_only(&mut self, ui: &mut egui::Ui) {
        self.rebuild_timeline();
        egui::CentralPanel::default().show(ui, |ui| panels::map::show(self, ui));
    }

    /// Draws the timeline panel alone, `height` high (for pictures made
    /// without a window).
    pub fn draw_timeline_sized(&mut self, ui: &mut egui::Ui, height: f32) {
        self.rebuild_timeline();
        panels::timeline::show_sized(self, ui, height, 0.0, false);
    }

    /// Background work: the load job, the file dialog, dropped files,
    /// messages from exports.
    fn poll(&mut self, ctx: &egui::Context) {
        if let Some(job) = &self.load
            && let Some(loaded) = job.poll()
        {
            self.load_started = Some(std::time::Instant::now() - job.elapsed());
            self.load = None;
            match loaded {
                Ok(corpus) => self.loaded(corpus),
                Err(why) => {
                    self.errors.push(why.clone());
                    self.message = why;
                }
            }
            if !self.queued.is_empty() {
                let next = std::mem::take(&mut self.queued);
                self.start_load(next, ctx);
            }
        }
        if let Some((request, rx)) = &self.pick
            && let Ok(result) = rx.try_recv()
        {
            let request = *request;
            self.pick = None;
            match result {
                PickResult::Picked(paths) => self.picked(request, paths),
                PickResult::Cancelled => {}
                PickResult::Unavailable(reason) => {
                    self.message = format!("{reason}: type a path below");
                    self.path_entry.get_or_insert_with(String::new);
                }
            }
        }
        while let Ok(notice) = self.notices.1.try_recv() {
            self.message = notice;
        }
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        let (projects, articles): (Vec<PathBuf>, Vec<PathBuf>) = dropped
            .into_iter()
            .partition(|p| p.extension().is_some_and(|e| e == "ttproj"));
        if let Some(p) = projects.into_iter().next() {
            self.push(Command::OpenProject(p));
        } else if !articles.is_empty() {
            self.push(Command::OpenPaths(articles));
        }
    }

    /// A load finished: add its articles, link, apply the project's corrections.
    fn loaded(&mut self, loaded: Corpus) {
        let (n, failed) = (loaded.analyses.len(), loaded.errors.len());
        self.load_timings = Some(loaded.timings);
        self.errors
            .extend(loaded.errors.iter().map(ToString::to_string));
        let selected = self.selected_id();
        self.session.restore(&mut self.corpus);
        let mut duplicates = loaded.duplicates.clone();
        let mut n = n;
        if self.corpus.analyses.is_empty() {
            // the worker has linked the new articles already
            self.corpus = Corpus {
                errors: Vec::new(),
                ..loaded
            };
        } else if !loaded.analyses.is_empty() {
            let before = self.corpus.duplicates.len();
            self.corpus.extend_unique(loaded.analyses);
            duplicates.extend_from_slice(&self.corpus.duplicates[before..]);
            n -= self.corpus.duplicates.len() - before;
            self.corpus.link();
        }
        self.errors
            .extend(duplicates.iter().map(ToString::to_string));
        if let Err(e) = self.session.corpus_changed(&mut self.corpus) {
            self.errors.push(e.to_string());
        }
        crate::corpus::release_free_memory();
        if let Some(expected) = self.expected.take() {
            self.check_project_articles(&expected);
        }
        self.message = format!(
            "Loaded {n} article(s){}{}",
            if duplicates.is_empty() {
                String::new()
            } else {
                format!(", {} duplicate(s) read once", duplicates.len())
            },
            if failed > 0 {
                format!(", {failed} failed")
            } else {
                String::new()
            }
        );
        if self.article.is_none() && !self.corpus.analyses.is_empty() {
            self.article = Some(0);
        }
        self.reselect(selected);
        self.dirty = true;
        self.reset_view = true;
    }

    /// Reports the project's articles that moved or changed.
    fn check_project_articles(&mut self, expected: &[ArticleFile]) {
        // the session hashed every text when the load finished
        let loaded: std::collections::HashMap<&str, &str> = self
            .corpus
            .analyses
            .iter()
            .enumerate()
            .filter_map(|(i, a)| Some((a.article.path.as_str(), self.session.hash_of(i)?)))
            .collect();
        for f in expected {
            let path = f.path.to_string_lossy();
            match loaded.get(path.as_ref()) {
                None => self.errors.push(format!(
                    "{path}: in the project but not found (moved or deleted); its corrections wait until it is opened again"
                )),
                Some(&hash) if hash != f.article.content_hash => self.errors.push(format!(
                    "{path}: changed since it was added to the project; corrections keyed to its old text may not apply"
                )),
                Some(_) => {}
            }
        }
    }

    /// A file dialog answered.
    fn picked(&mut self, request: PickRequest, mut paths: Vec<PathBuf>) {
        let Some(first) = paths.first().cloned() else {
            return;
        };
        match request {
            PickRequest::Articles | PickRequest::Folder => {
                self.push(Command::OpenPaths(std::mem::take(&mut paths)))
            }
            PickRequest::OpenProject => self.push(Command::OpenProject(first)),
            PickRequest::SaveProject => self.push(Command::SaveProjectAs(first)),
            PickRequest::ImportProject => self.push(Command::ImportProject(first)),
            PickRequest::Export(kind) => self.push(Command::Export(kind, first)),
        }
    }

    fn keyboard(&mut self, ctx: &egui::Context) {
        let (open, redo, undo) = ctx.input_mut(|i| {
            let cmd_shift = egui::Modifiers::COMMAND | egui::Modifiers::SHIFT;
            (
                i.consume_key(egui::Modifiers::COMMAND, egui::Key::O),
                i.consume_key(cmd_shift, egui::Key::Z)
                    || i.consume_key(egui::Modifiers::COMMAND, egui::Key::Y),
                i.consume_key(egui::Modifiers::COMMAND, egui::Key::Z),
            )
        });
        if open {
            self.push(Command::Pick(PickRequest::Articles));
        }
        if ctx.memory(|m| m.focused().is_some()) {
            return;
        }
        if redo {
            self.push(Command::Redo);
        }
        if undo {
            self.push(Command::Undo);
        }
        let (down, up, esc, enter) = ctx.input(|i| {
            (
                i.key_pressed(egui::Key::ArrowDown) || i.key_pressed(egui::Key::ArrowRight),
                i.key_pressed(egui::Key::ArrowUp) || i.key_pressed(egui::Key::ArrowLeft),
                i.key_pressed(egui::Key::Escape),
                i.key_pressed(egui::Key::Enter),
            )
        });
        if down {
            self.push(Command::StepEvent(1));
        }
        if up {
            self.push(Command::StepEvent(-1));
        }
        // a menu (egui closes it) or a window goes first; then the selection
        if esc && !egui::Popup::is_any_open(ctx) {
            if self.legend_open || self.about_open {
                self.legend_open = false;
                self.about_open = false;
            } else {
                self.push(Command::SelectEvent(None));
                self.text_selection = None;
            }
        }
        if enter && let Some((a, _)) = self.selection {
            // the passage in its article, from the table too
            self.central = CentralView::Article;
            self.push(Command::SelectArticle(a));
            self.scroll_to_selection = true;
        }
    }

    /// The id of the selected event mention.
    fn selected_id(&self) -> Option<String> {
        let (a, e) = self.selection?;
        Some(self.corpus.analyses.get(a)?.events.get(e)?.id.clone())
    }

    /// Selects the event with this id again (indices move when events are
    /// added or articles re-analysed).
    fn reselect(&mut self, id: Option<String>) {
        self.selection = id.and_then(|id| {
            let article = id.rsplit_once('#').map(|(a, _)| a)?;
            let ai = self
                .corpus
                .analyses
                .iter()
                .position(|a| a.article.id == article)?;
            let ei = self.corpus.analyses[ai]
                .events
                .iter()
                .position(|e| e.id == id)?;
            Some((ai, ei))
        });
    }

    /// Records a correction, or undoes/redoes one, keeping the selection.
    fn correct(&mut self, what: impl FnOnce(&mut Session, &mut Corpus) -> Result<String, String>) {
        let selected = self.selected_id();
        let had_file = self.session.path().is_some();
        match what(&mut self.session, &mut self.corpus) {
            Ok(msg) => self.message = msg,
            Err(e) => self.errors.push(e),
        }
        if !had_file && let Some(p) = self.session.path().map(Path::to_path_buf) {
            // the recovery project of an untitled session, reopenable after a crash
            self.remember_project(&p);
            self.message += &format!(" · kept in {}", p.display());
        }
        self.reselect(selected);
        self.edit = EditBuffers::default();
        self.dirty = true;
    }

    /// Starts an empty, untitled project.
    fn new_project(&mut self) {
        if let Some(job) = &self.load {
            job.cancel();
        }
        self.load = None;
        self.queued.clear();
        self.corpus = Corpus::default();
        self.session = Session::untitled(self.session_recovery_dir());
        self.selection = None;
        self.article = None;
        self.text_selection = None;
        self.merge_mark = None;
        self.errors.clear();
        self.filters = Filters {
            show_negated: self.filters.show_negated,
            ..Default::default()
        };
        self.saved_filters = self.filters.clone();
        self.dirty = true;
    }

    fn session_recovery_dir(&self) -> Option<PathBuf> {
        self.session.recovery_dir().map(Path::to_path_buf)
    }

    fn remember_project(&mut self, p: &Path) {
        self.state.recent_projects.retain(|r| r != p);
        self.state.recent_projects.insert(0, p.to_path_buf());
        self.state.recent_projects.truncate(10);
    }

    /// Opens a project (the file is checked and locked) and shows the
    /// files it will read in the project-paths window; they are read once
    /// the user answers ([`App::read_project`]).
    fn open_project(&mut self, path: &Path) {
        if self
            .session
            .path()
            .is_some_and(|p| p.canonicalize().ok() == path.canonicalize().ok())
        {
            self.message = format!("{} is the open project", path.display());
            return;
        }
        // a project waiting for an answer is closed unread
        self.pending_project = None;
        match Session::open(path, self.session_recovery_dir()) {
            Err(e) => self.errors.push(e.to_string()),
            Ok((session, files)) => {
                let pending = PendingProject {
                    session,
                    files,
                    path: path.to_path_buf(),
                };
                if pending.files.is_empty() {
                    self.start_project(pending, Vec::new());
                } else {
                    self.message = format!(
                        "Project {}: {} file(s) to read",
                        path.display(),
                        pending.files.len()
                    );
                    self.pending_project = Some(pending);
                }
            }
        }
    }

    /// The user answered the project-paths window: reads the project's
    /// files (those outside its folder only if `outside`).
    fn read_project(&mut self, outside: bool, ctx: &egui::Context) {
        let Some(mut pending) = self.pending_project.take() else {
            return;
        };
        let (read, skipped): (Vec<ArticleFile>, Vec<ArticleFile>) =
            std::mem::take(&mut pending.files)
                .into_iter()
                .partition(|f| outside || !f.outside);
        let paths: Vec<PathBuf> = read.iter().map(|f| f.path.clone()).collect();
        self.start_project(pending, read);
        for f in skipped {
            self.errors.push(format!(
                "{}: outside the project's folder; not read (its corrections wait)",
                f.path.display()
            ));
        }
        if !paths.is_empty() {
            self.start_load(paths, ctx);
        }
    }

    /// Makes a checked project the open one: its corrections and view;
    /// `files` are the articles about to be read.
    fn start_project(&mut self, pending: PendingProject, files: Vec<ArticleFile>) {
        let PendingProject { session, path, .. } = pending;
        self.new_project();
        self.session = session;
        if let Ok(view) = self.session.project_mut().view()
            && let Some(f) = view.get("filters")
            && let Ok(filters) = serde_json::from_value::<Filters>(f.clone())
        {
            self.filters = filters;
            self.saved_filters = self.filters.clone();
        }
        self.remember_project(&path);
        self.message = format!(
            "Opened project {} ({} article file(s), {} correction(s))",
            path.display(),
            files.len(),
            self.session.corrections()
        );
        if !files.is_empty() {
            self.expected = Some(files);
        }
    }

    fn start_load(&mut self, paths: Vec<PathBuf>, ctx: &egui::Context) {
        if self.load.is_some() {
            // one load at a time: these follow when it is done
            self.queued.extend(paths);
            return;
        }
        self.load = Some(LoadJob::start(paths, ctx.clone()));
        self.path_entry = None;
    }

    /// The corpus as exported: rejected events left out.
    fn export(
        &mut self,
        kind: ExportKind,
        path: &Path,
        ctx: &egui::Context,
    ) -> Result<String, String> {
        let fail = |e: &dyn std::fmt::Display| format!("Cannot write {}: {e}", path.display());
        let stripped;
        let corpus = if self.corpus.has_rejected() {
            stripped = self.corpus.without_rejected();
            &stripped
        } else {
            &self.corpus
        };
        let bytes = match kind {
            ExportKind::Csv => crate::export::csv::to_csv(corpus).into_bytes(),
            ExportKind::Json => (crate::export::json::to_json(corpus) + "\n").into_bytes(),
            ExportKind::Gdelt => crate::export::gdelt::to_gdelt_tsv(corpus).into_bytes(),
            ExportKind::GeoJson => crate::export::geojson::to_geojson(corpus).into_bytes(),
            ExportKind::Svg => {
                // the view on screen, as the PNG
                let request = super::picture::PictureRequest::of(self);
                super::picture::svg(&self.timeline, &self.corpus, &request).into_bytes()
            }
            ExportKind::TimeMl => {
                let n = crate::export::timeml::write_dir(path, corpus).map_err(|e| fail(&e))?;
                return Ok(format!("{n} TimeML file(s) written to {}", path.display()));
            }
            ExportKind::ProjectJson => {
                let export: ProjectExport =
                    self.session.project_mut().export().map_err(|e| fail(&e))?;
                serde_json::to_vec_pretty(&export).map_err(|e| fail(&e))?
            }
            ExportKind::MapSvg => {
                let request = super::picture::PictureRequest::of(self);
                // the markers the map shows for the period on screen
                let window = self.plot_view.map(|(x, _)| x);
                let frame = super::map_data::MapFrame::of(&self.map_markers, window);
                let markers: Vec<&super::map_data::MapMarker> = frame
                    .visible
                    .iter()
                    .map(|&i| &self.map_markers[i])
                    .collect();
                super::picture::map_svg(&markers, &request).into_bytes()
            }
            ExportKind::Png | ExportKind::MapPng => {
                // drawn away from the window (light theme, the chosen
                // size), on a thread of its own: the window goes on
                let mut request = super::picture::PictureRequest::of(self);
                if kind == ExportKind::MapPng {
                    request.of = super::picture::PictureOf::Map;
                }
                let corpus = self.corpus.events_only();
                let tx = self.notices.0.clone();
                let path = path.to_path_buf();
                let repaint = ctx.clone();
                std::thread::spawn(move || {
                    let image = super::offscreen::render_picture(corpus, &request);
                    let written = super::png_export::encode(&image)
                        .map_err(|e| e.to_string())
                        .and_then(|png| {
                            crate::export::write_atomic(&path, &png).map_err(|e| e.to_string())
                        });
                    let msg = match written {
                        Ok(()) => format!(
                            "Picture written to {} ({}×{})",
                            path.display(),
                            image.width(),
                            image.height()
                        ),
                        Err(e) => format!("Cannot write {}: {e}", path.display()),
                    };
                    let _ = tx.send(msg);
                    repaint.request_repaint();
                });
                return Ok("Saving the picture as PNG…".into());
            }
        };
        crate::export::write_atomic(path, &bytes).map_err(|e| fail(&e))?;
        Ok(format!("Written {}", path.display()))
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
                self.start_load(paths, ctx);
            }
            Command::Pick(request) => {
                if self.pick.is_none() {
                    self.pick = Some((request, self.picker.start(request, ctx)));
                }
            }
            Command::CancelLoad => {
                self.queued.clear();
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
                    if self.article != Some(a) {
                        self.text_selection = None;
                    }
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
                    if self.article != Some(a) {
                        self.text_selection = None;
                    }
                    self.article = Some(a);
                    if self.selection.is_some_and(|(sa, _)| sa != a) {
                        self.selection = None;
                    }
                }
            }
            Command::SelectText(span) => {
                self.text_selection = span
                    .filter(|(s, t)| s < t)
                    .and_then(|(s, t)| Some((self.article?, s, t)));
            }
            Command::Correct(c) => {
                let what = describe(&c);
                if matches!(c, Correction::AddEvent { .. }) {
                    self.text_selection = None;
                }
                if matches!(c, Correction::Merge { .. }) {
                    self.merge_mark = None;
                }
                self.correct(|session, corpus| {
                    session
                        .record(corpus, c)
                        .map(|()| format!("{what} (Ctrl+Z to undo)"))
                        .map_err(|e| e.to_string())
                });
            }
            Command::Undo => self.correct(|session, corpus| {
                match session.undo(corpus).map_err(|e| e.to_string())? {
                    true => Ok("Undone".into()),
                    false => Ok("Nothing to undo".into()),
                }
            }),
            Command::Redo => self.correct(|session, corpus| {
                match session.redo(corpus).map_err(|e| e.to_string())? {
                    true => Ok("Redone".into()),
                    false => Ok("Nothing to redo".into()),
                }
            }),
            Command::ToggleType(t) => {
                if !self.filters.hidden_types.remove(&t) {
                    self.filters.hidden_types.insert(t);
                }
                self.dirty = true;
            }
            Command::DismissErrors => self.errors.clear(),
            Command::NewProject => {
                self.new_project();
                self.message = "New project".into();
            }
            Command::OpenProject(path) => self.open_project(&path),
            Command::ConfirmProject { outside } => self.read_project(outside, ctx),
            Command::CancelProject => {
                if let Some(p) = self.pending_project.take() {
                    self.message = format!("{} not opened", p.path().display());
                }
            }
            Command::SaveProjectAs(path) => {
                let path = if path.extension().is_none() {
                    path.with_extension("ttproj")
                } else {
                    path
                };
                match self.session.save_as(&path, &self.corpus) {
                    Ok(()) => {
                        self.remember_project(&path);
                        self.message = format!("Project saved as {}", path.display());
                    }
                    Err(e) => self.errors.push(e.to_string()),
                }
            }
            Command::ImportProject(json) => {
                let target = json.with_extension("ttproj");
                let result = std::fs::read_to_string(&json)
                    .map_err(|e| format!("{}: {e}", json.display()))
                    .and_then(|text| {
                        serde_json::from_str::<ProjectExport>(&text)
                            .map_err(|e| format!("{}: not a project export: {e}", json.display()))
                    })
                    .and_then(|export| {
                        if target.exists() {
                            return Err(format!(
                                "{}: already exists; not overwritten",
                                target.display()
                            ));
                        }
                        crate::corpus::project::Project::import(&target, &export)
                            .map_err(|e| e.to_string())
                    });
                match result {
                    Ok(imported) => {
                        drop(imported); // unlocks the file for the session
                        self.open_project(&target)
                    }
                    Err(e) => self.errors.push(e),
                }
            }
            Command::Export(kind, path) => match self.export(kind, &path, ctx) {
                Ok(msg) => self.message = msg,
                Err(e) => self.errors.push(e),
            },
            Command::ResetView => {
                self.show_all = false;
                self.reset_view = true;
            }
            Command::ShowAll => {
                self.show_all = true;
                self.reset_view = true;
            }
            Command::SetRows(rows) => {
                if self.state.rows != rows {
                    self.state.rows = rows;
                    self.dirty = true;
                    self.reset_view = true;
                }
            }
            Command::SetFilters(f) => {
                if *f != self.filters {
                    self.filters = *f;
                    self.dirty = true;
                }
            }
            Command::SetOption(option, on) => {
                let flag = match option {
                    ViewOption::IndexLine => &mut self.state.show_index,
                    ViewOption::EveryMention => &mut self.state.show_mentions,
                    ViewOption::ShadeCountries => &mut self.state.shade_countries,
                };
                *flag = on;
                self.dirty = true;
                // other marks: the view frames them again
                self.reset_view |= option == ViewOption::EveryMention;
            }
            Command::Show(view) => self.central = view,
            Command::SetWindow(w, open) => match w {
                Window::About => self.about_open = open,
                Window::Legend => self.legend_open = open,
            },
            Command::MarkForMerge(mark) => self.merge_mark = mark,
            Command::SetPictureSize(size) => self.state.picture_size = Some(size),
            Command::Notify(message) => self.message = message,
            Command::ClearFilters => {
                self.filters = self.filters.cleared();
                self.filter_bar.clear_dates();
                self.reset_view = true;
                self.dirty = true;
            }
        }
    }
}

/// A correction in words, for the status bar.
fn describe(c: &Correction) -> String {
    match c {
        Correction::Accept { .. } => "Event accepted".into(),
        Correction::Reject { .. } => "Event rejected".into(),
        Correction::SetType { to, .. } => format!("Type set to {}", to.name()),
        Correction::SetActors { .. } => "Actors set".into(),
        Correction::SetDate { value, .. } => format!("Date set to {value}"),
        Correction::SetModality { to, .. } => format!("Modality set to {}", to.name()),
        Correction::AddEvent { key, .. } => format!("{} event added", key.event_type.name()),
        Correction::Merge { .. } => "Events merged".into(),
        Correction::Split { .. } => "Event split from its merged event".into(),
        Correction::SetPublished { date, .. } => format!("Publication date set to {date}"),
        Correction::Undo { .. } => "Undone".into(),
        Correction::Redo { .. } => "Redone".into(),
    }
}

/// Where untitled projects are kept for recovery.
fn recovery_dir() -> Option<PathBuf> {
    eframe::storage_dir("tension-timeline").map(|d| d.join("recovery"))
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.draw(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        // called on exit too: the filters still waiting are written
        let _ = self.session.save_view();
        self.state.show_negated = self.filters.show_negated;
        eframe::set_value(storage, eframe::APP_KEY, &self.state);
    }
}
