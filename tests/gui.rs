//! The desktop application driven as a user would (egui_kittest): load the
//! seeds, select an event, see its facts and its sentence, toggle a type,
//! filter by actor, see a failing file's error, set an undated article's date.

use crate::util::root;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use tension_timeline::gui::app::{App, UiState};
use tension_timeline::gui::command::{Command, ViewOption, Window};
use tension_timeline::gui::file_dialog::{FakePicker, PickResult};
use tension_timeline::gui::timeline_data::Filters;

pub fn harness(pick: PickResult) -> Harness<'static, App> {
    harness_sized(pick, egui::vec2(1400.0, 900.0))
}

/// The app in a window of `size`, its file dialog answering `pick`.
fn harness_sized(pick: PickResult, size: egui::Vec2) -> Harness<'static, App> {
    harness_timed(pick, size, 0.25)
}

/// The app in a window of `size`, each frame `step_dt` seconds after the
/// one before (kittest sends each input event in a frame of its own: a
/// double click needs frames shorter than egui's 0.3 s between clicks).
fn harness_timed(pick: PickResult, size: egui::Vec2, step_dt: f32) -> Harness<'static, App> {
    let app = App::with_picker(
        UiState {
            show_index: true,
            ..Default::default()
        },
        Box::new(FakePicker(pick)),
    );
    Harness::builder()
        .with_size(size)
        .with_step_dt(step_dt)
        .build_ui_state(|ui, app: &mut App| app.draw(ui), app)
}

/// Steps frames until `done` holds for the app (or about 12 s pass).
pub fn step_until(h: &mut Harness<'static, App>, mut done: impl FnMut(&App) -> bool) {
    for _ in 0..3000 {
        h.step();
        if done(h.state()) {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(4));
    }
}

/// Steps frames until the background load is over.
pub fn settle(h: &mut Harness<'static, App>) {
    step_until(h, |app| {
        app.loading().is_none() && !app.corpus.analyses.is_empty()
    });
    h.run_steps(4);
}

/// The app with the bundled seeds opened from the welcome screen and loaded.
pub fn seeds() -> Harness<'static, App> {
    open_seeds(harness(PickResult::Cancelled))
}

/// The seeds opened from the welcome screen of `h`, and loaded.
fn open_seeds(mut h: Harness<'static, App>) -> Harness<'static, App> {
    h.run_steps(2);
    h.get_by_label("Open the bundled seeds").click();
    h.run_steps(2);
    settle(&mut h);
    h
}

/// A press (`pressed`) or release of a mouse `button` at `pos`.
fn pointer(pos: egui::Pos2, button: egui::PointerButton, pressed: bool) -> egui::Event {
    egui::Event::PointerButton {
        pos,
        button,
        pressed,
        modifiers: egui::Modifiers::NONE,
    }
}

/// Selects the 2021-12-07 video call in the first article's list of events.
fn select_the_call(h: &mut Harness<'static, App>) {
    h.get_by_label_contains("CONSULT · asserted · “video conversation”")
        .click();
    h.run_steps(3);
}

/// The app with the folder `dir` opened through File > Open articles… (the
/// fake dialog picks it) and loaded.
fn open_folder(dir: &std::path::Path) -> Harness<'static, App> {
    let mut h = harness(PickResult::Picked(vec![dir.to_path_buf()]));
    h.run_steps(2);
    h.get_by_label("Open articles…").click();
    h.run_steps(3);
    settle(&mut h);
    h
}

#[test]
fn load_the_seeds_select_an_event_and_read_its_source() {
    let mut h = seeds();
    assert_eq!(h.state().corpus.analyses.len(), 3);
    assert!(
        !h.state().timeline.order.is_empty(),
        "the timeline has events"
    );
    // the status bar says how long it took, and hovering says which stage
    h.get_by_label_contains("Loaded 3 article(s) in ").hover();
    h.run_steps(60);
    h.get_by_label_contains("Last load: listing ");
    let timings = h
        .state()
        .load_timings
        .expect("the load was timed")
        .to_string();
    assert!(
        timings.contains("analysis ") && timings.contains("merging "),
        "{timings}"
    );
    // the 2021-12-07 video call in the first article's event table
    h.get_by_label_contains("CONSULT · asserted · “video conversation”")
        .click();
    h.run_steps(3);
    let (a, e) = h.state().selection().expect("an event is selected");
    let ev = &h.state().corpus.analyses[a].events[e];
    assert_eq!(ev.event_type.name(), "CONSULT");
    assert_eq!(ev.date.value.as_deref(), Some("2021-12-07"));
    // the facts panel shows it, the source view shows its sentence
    h.get_by_label_contains("Evidence: “as they square off in a video conversation");
    h.get_by_label_contains("We take a look at Joe Biden and Vladimir Putin");
    // keyboard: Escape clears the selection
    h.key_press(egui::Key::Escape);
    h.run_steps(2);
    assert!(h.state().selection().is_none());
}

#[test]
fn arrows_step_through_the_events_in_timeline_order() {
    let mut h = seeds();
    h.get_by_label_contains("CONSULT · asserted · “video conversation”")
        .click();
    h.run_steps(3);
    let call = h.state().selection().expect("the call is selected");
    let order = h.state().timeline.order.clone();
    let at = order
        .iter()
        .position(|&o| o == call)
        .expect("the call is on the timeline");
    assert!(at + 1 < order.len(), "the call is not the last event");
    h.key_press(egui::Key::ArrowDown);
    h.run_steps(3);
    let next = order[at + 1];
    assert_eq!(h.state().selection(), Some(next));
    // the source view and the facts panel follow the selection
    assert_eq!(h.state().article, Some(next.0));
    let evidence = h.state().corpus.analyses[next.0].events[next.1]
        .evidence
        .clone();
    let start: String = evidence.chars().take(30).collect();
    h.get_by_label_contains(&format!("Evidence: “{start}"));
    h.key_press(egui::Key::ArrowUp);
    h.run_steps(3);
    assert_eq!(h.state().selection(), Some(call));
    assert_eq!(h.state().article, Some(call.0));
}

#[test]
fn toggle_a_type_and_filter_by_actor() {
    let mut h = seeds();
    let before = h.state().timeline.order.len();
    let mobilize = h
        .state()
        .timeline
        .by_type
        .get(&tension_timeline::extract::PloverType::Mobilize)
        .map_or(0, Vec::len);
    assert!(mobilize > 0);
    h.get_by_label_contains("MOBILIZE (").click();
    h.run_steps(3);
    assert!(
        !h.state()
            .timeline
            .by_type
            .contains_key(&tension_timeline::extract::PloverType::Mobilize)
    );
    assert_eq!(h.state().timeline.order.len(), before - mobilize);
    // filter by actor: only events with Ukraine
    set_filters(&mut h, |f| f.actor = "UKR".into());
    h.run_steps(3);
    let st = h.state();
    assert!(!st.timeline.order.is_empty());
    assert!(st.timeline.order.iter().all(|&(a, e)| {
        let ev = &st.corpus.analyses[a].events[e];
        ev.source.iter().chain(&ev.target).any(|m| m.code == "UKR")
    }));
}

#[test]
fn a_file_that_fails_shows_its_error_and_the_rest_loads() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("bad.txt"),
        " date 2021-13-45 Broken\n\nText.\n",
    )
    .unwrap();
    std::fs::copy(
        root().join("seeds/002_dabadd9976efaa7d.txt"),
        dir.path().join("good.txt"),
    )
    .unwrap();
    let mut h = open_folder(dir.path());
    assert_eq!(h.state().corpus.analyses.len(), 1);
    h.get_by_label_contains("bad.txt: invalid publication date");
    h.get_by_label("Dismiss").click();
    h.run_steps(2);
    assert!(h.state().errors.is_empty());
}

#[test]
fn no_dialog_offers_a_path_field() {
    let mut h = harness(PickResult::Unavailable(
        "no file dialog is available".into(),
    ));
    h.run_steps(2);
    h.get_by_label("Open articles…").click();
    h.run_steps(3);
    assert!(h.state().path_entry.is_some());
    h.get_by_label_contains("Path to a file or folder");
}

#[test]
fn setting_the_date_of_an_undated_article_resolves_its_dates() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        root().join("seeds/001_f433594d73ce1560.txt"),
        dir.path().join("001.txt"),
    )
    .unwrap();
    let mut h = open_folder(dir.path());
    assert_eq!(h.state().corpus.analyses[0].article.published, None);
    h.get_by_label_contains("states no publication date");
    h.state_mut().date_entry = "2021-12-08".into();
    h.run_steps(1);
    h.get_by_label("Set").click();
    h.run_steps(3);
    let a = &h.state().corpus.analyses[0];
    assert_eq!(
        a.article.published.map(|d| d.to_string()).as_deref(),
        Some("2021-12-08")
    );
    let talks = a
        .events
        .iter()
        .find(|e| e.trigger.text.contains("bilateral talks"))
        .unwrap();
    assert_eq!(talks.date.value.as_deref(), Some("2021-12-07"));
}

#[test]
fn the_window_keeps_responding_while_articles_load_and_the_load_can_be_cancelled() {
    let dir = tempfile::tempdir().unwrap();
    let seeds: Vec<_> = std::fs::read_dir(root().join("seeds"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    for i in 0..400 {
        std::fs::copy(
            &seeds[i % seeds.len()],
            dir.path().join(format!("{i:04}.txt")),
        )
        .unwrap();
    }
    let mut h = harness(PickResult::Cancelled);
    h.run_steps(2);
    h.state_mut()
        .push(tension_timeline::gui::command::Command::OpenPaths(vec![
            dir.path().to_path_buf(),
        ]));
    // frames keep coming while the worker loads, and they show its progress
    let mut seen = None;
    step_until(&mut h, |app| {
        seen = app
            .loading()
            .filter(|&(done, total)| done > 0 && done < total);
        seen.is_some()
    });
    let (done, total) = seen.expect("progress drawn while loading");
    assert_eq!(total, 400);
    assert!(done < total);
    h.get_by_label_contains("Loading ");
    // the user cancels; what is loaded stays
    h.get_by_label("Cancel").click();
    step_until(&mut h, |app| app.loading().is_none());
    assert!(h.state().loading().is_none());
    let loaded = h.state().corpus.analyses.len();
    assert!(
        loaded > 0 && loaded < 400,
        "{loaded} articles kept after cancel"
    );
}

/// Puts filters in force as the filter bar does: a command with the
/// filters in force, edited.
pub fn set_filters(h: &mut Harness<'static, App>, edit: impl FnOnce(&mut Filters)) {
    let mut f = h.state().filters().clone();
    edit(&mut f);
    h.state_mut().push(Command::SetFilters(Box::new(f)));
    h.run_steps(1);
}

/// Types `text` into the field labelled `label` one character per frame,
/// as a person types.
fn type_slowly(h: &mut Harness<'static, App>, label: &str, text: &str) {
    h.get_by_label(label).click();
    h.run_steps(2);
    for c in text.chars() {
        h.get_by_label(label).type_text(&c.to_string());
        h.run_steps(1);
    }
}

#[test]
fn date_fields_keep_what_is_typed_and_apply_it_on_enter() {
    let mut h = seeds();
    let shown = h.state().timeline.order.len();
    type_slowly(&mut h, "From date", "2021-12");
    assert_eq!(
        h.state().filter_bar.date_inputs[0].text,
        "2021-12",
        "every key kept"
    );
    assert_eq!(h.state().filters().from, None, "not applied while typing");
    h.key_press(egui::Key::Enter);
    h.run_steps(3);
    assert_eq!(
        h.state().filters().from,
        chrono::NaiveDate::from_ymd_opt(2021, 12, 1),
        "a month is its first day as the start of the range"
    );
    assert!(
        h.state().timeline.order.len() < shown,
        "earlier events leave"
    );
    assert_eq!(
        h.get_by_label("From date").value().as_deref(),
        Some("2021-12")
    );

    // an entry that is no date shows why, and changes nothing
    type_slowly(&mut h, "To date", "2021-13");
    h.key_press(egui::Key::Enter);
    h.run_steps(3);
    assert_eq!(h.state().filters().to, None);
    let error = h.state().filter_bar.date_inputs[1]
        .error
        .clone()
        .expect("an error");
    assert!(error.contains("no month 13"), "{error}");
    h.get_by_label_contains("To: 2021-13: no month 13");
    assert_eq!(
        h.get_by_label("To date").value().as_deref(),
        Some("2021-13")
    );
}

#[test]
fn the_actor_filter_takes_names_and_an_empty_result_says_so() {
    let mut h = seeds();
    let all = h.state().timeline.order.len();
    set_filters(&mut h, |f| f.actor = "Kremlin".into());
    h.run_steps(3);
    let russian = h.state().timeline.order.len();
    assert!(russian > 0 && russian < all, "{russian} of {all}");
    set_filters(&mut h, |f| f.actor = "Atlantis".into());
    h.run_steps(3);
    assert!(h.state().timeline.order.is_empty());
    h.get_by_label("No event matches the filters.");
    h.get_by_label("Clear the filters").click();
    h.run_steps(3);
    assert_eq!(h.state().filters().actor, "");
    assert_eq!(h.state().timeline.order.len(), all);
}

#[test]
fn the_wheel_zooms_time_around_the_pointer_and_leaves_tension_alone() {
    let mut h = seeds();
    let rect = h.state().plot_rect.expect("the plot is drawn");
    let (x0, y0) = h.state().plot_view.expect("a view");
    let at = rect.center();
    h.hover_at(at);
    h.run_steps(2);
    for _ in 0..5 {
        h.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, 40.0),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Unknown,
            modifiers: egui::Modifiers::NONE,
        });
        h.run_steps(2);
    }
    h.run_steps(10);
    let (x1, y1) = h.state().plot_view.unwrap();
    assert!(
        x1[1] - x1[0] < 0.8 * (x0[1] - x0[0]),
        "time zoomed in: {x0:?} -> {x1:?}"
    );
    assert_eq!(y1, y0, "the tension axis neither pans nor zooms");
}

#[test]
fn a_right_drag_zooms_to_its_box_and_a_double_click_resets() {
    let mut h = seeds();
    let rect = h.state().plot_rect.expect("the plot is drawn");
    let (x0, _) = h.state().plot_view.expect("a view");
    let from = rect.center() - egui::vec2(60.0, 40.0);
    let to = rect.center() + egui::vec2(60.0, 40.0);
    let button = |pos, pressed| pointer(pos, egui::PointerButton::Secondary, pressed);
    h.hover_at(from);
    h.event(button(from, true));
    for i in 1..=10 {
        h.hover_at(from + (to - from) * (i as f32 / 10.0));
    }
    h.event(button(to, false));
    h.run_steps(4);
    let (x1, _) = h.state().plot_view.expect("a view");
    assert!(
        x1[1] - x1[0] < 0.5 * (x0[1] - x0[0]),
        "zoomed to the box: {x0:?} -> {x1:?}"
    );
    h.hover_at(rect.center());
    let primary = |pressed| pointer(rect.center(), egui::PointerButton::Primary, pressed);
    // (kittest gives each event a frame of 0.25 s: a double click is sent
    // in one batch of events)
    h.input_mut()
        .events
        .extend([primary(true), primary(false), primary(true), primary(false)]);
    h.run_steps(4);
    let (x2, _) = h.state().plot_view.expect("a view");
    assert!(
        (x2[1] - x2[0] - (x0[1] - x0[0])).abs() < 1.0,
        "back to the default view: {x0:?} -> {x2:?}"
    );
}

#[test]
fn the_article_list_finds_and_sorts() {
    let mut h = seeds();
    // oldest first: the article of 2021-12-04 leads
    h.get_by_value("as opened").click();
    h.run_steps(2);
    h.get_by_label("oldest first").click();
    h.run_steps(3);
    let order = h.state().article_list.order(&h.state().corpus.analyses);
    let first = &h.state().corpus.analyses[order[0]].article;
    assert_eq!(
        first.published,
        chrono::NaiveDate::from_ymd_opt(2021, 12, 4)
    );
    // a search keeps the articles whose title holds the words
    h.get_by_label("find an article").click();
    h.run_steps(1);
    h.get_by_label("find an article").type_text("bilateral");
    h.run_steps(3);
    let order = h.state().article_list.order(&h.state().corpus.analyses);
    assert_eq!(order.len(), 1);
    h.get_by_label_contains("Biden and Putin Hold Rare Bilateral Talks");
    assert!(
        h.query_by_label_contains("In the midst of the Ukraine crisis")
            .is_none(),
        "the others are not listed"
    );
}

#[test]
fn a_small_window_keeps_every_column_readable() {
    let h = open_seeds(harness_sized(
        PickResult::Cancelled,
        egui::vec2(1024.0, 700.0),
    ));
    let facts = h.get_by_label("Facts").rect();
    assert!(
        facts.left() > 600.0,
        "the facts panel leaves the centre room: {facts:?}"
    );
    // the centre column's lines end before the facts panel (wrapped or cut)
    let hint = h
        .get_by_label_contains("Click a highlighted passage")
        .rect();
    assert!(hint.right() <= facts.left() + 1.0, "{hint:?} vs {facts:?}");
    // every article of the list is on screen
    for title in [
        "Biden and Putin Hold Rare Bilateral Talks",
        "In the midst of the Ukraine crisis",
    ] {
        let r = h.get_by_label_contains(title).rect();
        assert!(r.bottom() < 700.0, "{title} at {r:?}");
    }
}

#[test]
fn type_counts_follow_the_other_filters_and_a_hidden_type_stays_listed() {
    use tension_timeline::extract::PloverType;
    let mut h = seeds();
    let all = h.state().timeline.type_counts.clone();
    let consult = all[&PloverType::Consult];
    set_filters(&mut h, |f| f.search = "summit".into());
    h.run_steps(3);
    let some = h.state().timeline.type_counts.clone();
    assert!(
        some.get(&PloverType::Consult).copied().unwrap_or(0) < consult,
        "{some:?}"
    );
    // a hidden type with no event left is still listed, to be shown again
    set_filters(&mut h, |f| f.search.clear());
    h.run_steps(2);
    h.get_by_label_contains("ASSAULT (").click();
    h.run_steps(2);
    set_filters(&mut h, |f| f.search = "summit".into());
    h.run_steps(3);
    assert!(
        h.state()
            .timeline
            .type_counts
            .contains_key(&PloverType::Assault)
    );
    h.get_by_label_contains("ASSAULT (");
}

#[test]
fn the_view_menu_names_the_themes() {
    let mut h = seeds();
    h.get_by_label("View").click();
    h.run_steps(2);
    h.get_by_label("Dark").click();
    h.run_steps(2);
    assert_eq!(
        h.ctx.options(|o| o.theme_preference),
        egui::ThemePreference::Dark
    );
    // choosing closes the menu; open it again
    if h.query_by_label("Light").is_none() {
        h.get_by_label("View").click();
        h.run_steps(2);
    }
    h.get_by_label("Light").click();
    h.run_steps(2);
    assert_eq!(
        h.ctx.options(|o| o.theme_preference),
        egui::ThemePreference::Light
    );
}

#[test]
fn every_event_is_in_one_sortable_table_linked_to_the_selection() {
    use tension_timeline::gui::app::CentralView;
    use tension_timeline::gui::events_table::Column;
    let mut h = open_seeds(harness_timed(
        PickResult::Cancelled,
        egui::vec2(1400.0, 900.0),
        0.05,
    ));
    let listed = h.state().timeline.listed.len();
    assert!(listed > 20, "{listed}");
    h.get_by_label(&format!("All events ({listed})")).click();
    h.run_steps(3);
    assert_eq!(h.state().central(), CentralView::Table);
    // the headings sort; the same heading again reverses
    h.get_by_label("Score").click();
    h.run_steps(2);
    assert_eq!(h.state().events_table.sort, Column::Score);
    let app = h.state_mut();
    let rows = app.events_table.rows(&app.corpus, &app.timeline).to_vec();
    assert_eq!(rows.len(), listed, "one row per plotted event");
    assert!(rows.windows(2).all(|w| w[0].score <= w[1].score));
    h.get_by_label("Score").click();
    h.run_steps(2);
    assert!(h.state().events_table.descending);
    // a click on a row selects its event everywhere: the top row is the
    // most cooperative event
    let app = h.state_mut();
    let top = app.events_table.rows(&app.corpus, &app.timeline)[0].clone();
    assert!(top.score >= rows.last().expect("rows").score);
    h.get_all_by_label(top.event_type.name())
        .next()
        .expect("the top row")
        .click();
    h.run_steps(3);
    let (a, e) = h.state().selection().expect("the row's event is selected");
    assert_eq!(
        h.state().corpus.analyses[a].events[e].event_type,
        top.event_type
    );
    h.get_by_label_contains("Evidence: “");
    // filters apply to the table: "Kremlin" leaves Russia's events
    set_filters(&mut h, |f| f.actor = "Kremlin".into());
    h.run_steps(3);
    let app = h.state_mut();
    let rows = app.events_table.rows(&app.corpus, &app.timeline).to_vec();
    assert!(!rows.is_empty() && rows.len() < listed);
    assert!(
        rows.iter()
            .all(|r| r.source.contains("RUS") || r.target.contains("RUS")),
        "{rows:?}"
    );
    // a double click opens the passage in the article
    // (after a pause: clicks in quick succession count as a triple click)
    h.run_steps(10);
    let row = h.get_all_by_label("RUS").next().expect("a row");
    row.click();
    row.click();
    h.run_steps(3);
    assert_eq!(h.state().central(), CentralView::Article);
    assert!(h.state().selection().is_some());
}

#[test]
fn help_legend_explains_the_marks_and_esc_closes_menus_and_windows_first() {
    let mut h = seeds();
    select_the_call(&mut h);
    let selected = h.state().selection();
    assert!(selected.is_some());
    h.get_by_label("Help").click();
    h.run_steps(2);
    h.get_by_label("Legend").click();
    h.run_steps(3);
    assert!(h.state().window_open(Window::Legend));
    h.get_by_label_contains("A bar: the text gives only the month or the year");
    h.get_by_label("Right-drag");
    // Esc closes the window, not the selection
    h.key_press(egui::Key::Escape);
    h.run_steps(2);
    assert!(!h.state().window_open(Window::Legend));
    assert_eq!(h.state().selection(), selected);
    // Esc closes an open menu, not the selection
    h.get_by_label("View").click();
    h.run_steps(2);
    h.get_by_label("Tension index line");
    h.key_press(egui::Key::Escape);
    h.run_steps(2);
    assert!(
        h.query_by_label("Tension index line").is_none(),
        "the menu closed"
    );
    assert_eq!(h.state().selection(), selected);
    // with nothing open, Esc clears the selection
    h.key_press(egui::Key::Escape);
    h.run_steps(2);
    assert!(h.state().selection().is_none());
}

#[test]
fn pictures_show_the_view_at_the_chosen_size_in_the_light_theme_with_a_caption() {
    use tension_timeline::gui::command::Command;
    use tension_timeline::gui::file_dialog::ExportKind;
    let dir = tempfile::tempdir().unwrap();
    let mut h = seeds();
    set_filters(&mut h, |f| f.actor = "Kremlin".into());
    h.run_steps(4);
    // SVG: the default size, the caption names the filter and the period
    let svg_path = dir.path().join("view.svg");
    h.state_mut()
        .push(Command::Export(ExportKind::Svg, svg_path.clone()));
    h.run_steps(2);
    let svg = std::fs::read_to_string(&svg_path).expect("the SVG is written");
    assert!(
        svg.contains(r#"width="1600" height="900""#),
        "{}",
        &svg[..200]
    );
    assert!(svg.contains("Filters: actor “Kremlin”"));
    assert!(svg.contains(" to 20"), "the period shown");
    // PNG: a chosen size, drawn on a thread, a light background
    h.state_mut().state.picture_size = Some([1000, 600]);
    let png_path = dir.path().join("view.png");
    h.state_mut()
        .push(Command::Export(ExportKind::Png, png_path.clone()));
    step_until(&mut h, |app| app.message.starts_with("Picture written"));
    assert!(
        h.state().message.contains("1000×600"),
        "{}",
        h.state().message
    );
    let decoder = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(&png_path).expect("the PNG is written"),
    ));
    let mut reader = decoder.read_info().unwrap();
    let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut pixels).unwrap();
    assert_eq!((info.width, info.height), (1000, 600));
    let light = pixels
        .chunks(4)
        .filter(|p| p[0] > 200 && p[1] > 200 && p[2] > 200)
        .count();
    assert!(light * 2 > pixels.len() / 4, "mostly light: {light}");
    // the map, too: the period's located events over the outlines
    set_filters(&mut h, |f| f.actor.clear());
    h.run_steps(3);
    let map_path = dir.path().join("map.svg");
    h.state_mut()
        .push(Command::Export(ExportKind::MapSvg, map_path.clone()));
    h.run_steps(2);
    let map = std::fs::read_to_string(&map_path).expect("the map SVG is written");
    assert!(map.contains("<polyline"), "the outlines");
    assert!(map.contains("· Geneva</title>"), "the Geneva events");
    assert!(map.contains(r#"width="1000" height="600""#));
    let map_png = dir.path().join("map.png");
    h.state_mut()
        .push(Command::Export(ExportKind::MapPng, map_png.clone()));
    step_until(&mut h, |app| {
        app.message.starts_with("Picture written") && app.message.contains("map.png")
    });
    assert!(map_png.is_file(), "{}", h.state().message);
}

#[test]
fn the_view_menu_switches_the_timeline_to_lanes_and_back() {
    let mut h = seeds();
    assert!(
        h.state().timeline.lanes.is_empty(),
        "the tension scale first"
    );
    h.get_by_label("View").click();
    h.run_steps(2);
    h.get_by_label("Lanes by actor pair").click();
    h.run_steps(4);
    let lanes = h.state().timeline.lanes.clone();
    assert!(lanes.iter().any(|l| l == "RUS–USA"), "{lanes:?}");
    // every marker sits on its lane, each clickable
    assert!(
        h.state()
            .timeline
            .by_type
            .values()
            .flatten()
            .all(|m| m.y <= 0.5 && m.y > -(lanes.len() as f64))
    );
    h.get_by_label("View").click();
    h.run_steps(2);
    h.get_by_label("Lanes by type").click();
    h.run_steps(4);
    assert_eq!(
        h.state().timeline.lanes.first().map(String::as_str),
        Some("ASSAULT")
    );
    h.get_by_label("View").click();
    h.run_steps(2);
    h.get_by_label("Tension scale").click();
    h.run_steps(4);
    assert!(h.state().timeline.lanes.is_empty());
}

#[test]
fn the_map_shows_where_and_is_linked_to_the_timeline_and_the_filters() {
    use tension_timeline::gui::app::CentralView;
    let mut h = seeds();
    h.get_by_label("Map").click();
    h.run_steps(4);
    assert_eq!(h.state().central(), CentralView::Map);
    let geneva = h
        .state()
        .map_markers
        .iter()
        .find(|m| m.place == "Geneva")
        .cloned()
        .expect("a marker in Geneva");
    assert!(!geneva.country_only);
    let transform = h.state().map_transform.expect("the map is drawn");
    let at = transform.position_from_point(&egui_plot::PlotPoint::new(geneva.lon, geneva.lat));
    h.hover_at(at);
    h.run_steps(2);
    h.event(pointer(at, egui::PointerButton::Primary, true));
    h.event(pointer(at, egui::PointerButton::Primary, false));
    h.run_steps(3);
    let (a, e) = h.state().selection().expect("the click selects its event");
    let ev = &h.state().corpus.analyses[a].events[e];
    assert_eq!(ev.location.as_ref().map(|l| l.country.as_str()), Some("CH"));
    h.get_by_label_contains("Geneva, CH (city)");
    // an event selected elsewhere (the next one in time) is on the map when
    // it has a place
    h.key_press(egui::Key::ArrowDown);
    h.run_steps(2);
    let sel = h.state().selection().expect("a selection");
    let located = h.state().corpus.analyses[sel.0].events[sel.1]
        .location
        .is_some();
    assert_eq!(
        h.state().map_markers.iter().any(|m| m.event == sel),
        located
    );
    // shading the countries by their events
    h.get_by_label("Shade countries by events").click();
    h.run_steps(2);
    assert!(h.state().state.shade_countries);
    // the legend of the shading
    assert!(h.query_by_label_contains("1 to ").is_some());
    let per_country = &h
        .state()
        .map_frame
        .as_ref()
        .expect("the map is drawn")
        .per_country;
    assert!(
        per_country.get("CH").copied().unwrap_or(0) >= 1,
        "{per_country:?}"
    );
    // the place filter: both views follow
    h.get_by_label("Place").click();
    h.run_steps(1);
    set_filters(&mut h, |f| f.place = "Switzerland".into());
    h.run_steps(3);
    assert!(!h.state().map_markers.is_empty());
    assert!(h.state().map_markers.iter().all(|m| m.place == "Geneva"));
    let order = h.state().timeline.order.clone();
    assert!(!order.is_empty());
    assert!(order.iter().all(|&(a, e)| {
        h.state().corpus.analyses[a].events[e]
            .location
            .as_ref()
            .is_some_and(|l| l.country == "CH")
    }));
}

#[test]
fn the_layout_holds_from_1024_by_700_to_1920_by_1080() {
    for (w, h_) in [(1024.0, 700.0), (1366.0, 768.0), (1920.0, 1080.0)] {
        let h = open_seeds(harness_sized(PickResult::Cancelled, egui::vec2(w, h_)));
        let window = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(w, h_));
        // every panel is there, inside the window
        for label in [
            "Filters",
            "Articles",
            "Facts",
            "Article text",
            "Map",
            "File",
            "Help",
        ] {
            let r = h.get_by_label(label).rect();
            assert!(
                window.contains_rect(r),
                "{label} at {r:?} outside the {w}x{h_} window"
            );
        }
        let plot = h.state().plot_rect.expect("the timeline is drawn");
        assert!(window.contains_rect(plot.shrink(1.0)), "{plot:?}");
        // the timeline is the main view: the plot (axes included, the
        // Types legend beside it not) takes two fifths of the window or
        // more, and most of its width, at every size
        let share = plot.area() / window.area();
        eprintln!("{w}x{h_}: the plot has {share:.3} of the window");
        // (the issue's measure is at 1366x768; a 1024x700 window keeps
        // room for the filter bar's second row and the article below)
        let least = if w < 1366.0 { 0.35 } else { 0.40 };
        assert!(
            share >= least,
            "{w}x{h_}: the timeline has {share:.2} of the window"
        );
        assert!(plot.width() >= 0.75 * w, "{w}x{h_}: {plot:?}");
        // the article list shows its three articles whole
        for title in [
            "There is no love lost",
            "Biden and Putin Hold Rare",
            "In the midst of the Ukraine crisis",
        ] {
            assert!(
                h.get_all_by_label_contains(title)
                    .any(|n| window.contains_rect(n.rect())),
                "{title} is not in the window"
            );
        }
    }
}

/// The widget tree as text: each named widget's role, name (its first
/// line, 48 characters at most, timings blanked) and place, rounded to
/// 8 points, in the order the window lays them out.
fn layout_snapshot(h: &Harness<'static, App>) -> String {
    let timing = regex::Regex::new(r"in [0-9.]+ s").unwrap();
    let field = |debug: &str, key: &str| -> String {
        let re = regex::Regex::new(&format!(r#"{key}: "((?:[^"\\]|\\.)*)""#)).unwrap();
        re.captures(debug)
            .map(|c| c[1].to_string())
            .unwrap_or_default()
    };
    let mut out = String::new();
    for n in h.query_all(egui_kittest::kittest::By::new().predicate(|n| n.bounding_box().is_some()))
    {
        let debug = format!("{n:?}");
        let mut name = field(&debug, "label");
        if name.is_empty() {
            name = n.value().unwrap_or_default();
        }
        let name: String = name
            .split("\\n")
            .next()
            .unwrap_or("")
            .lines()
            .next()
            .unwrap_or("")
            .chars()
            .take(48)
            .collect();
        if name.trim().is_empty() {
            continue;
        }
        let name = timing.replace_all(&name, "in … s");
        let role = debug
            .split("role: ")
            .nth(1)
            .and_then(|s| s.split(',').next())
            .unwrap_or("?");
        if role == "TextRun" {
            // the lines of a label, named by the label already
            continue;
        }
        let r = n.rect();
        let round = |v: f32| (v / 8.0).round() as i32 * 8;
        out += &format!(
            "{role:<14} {:>5} {:>5} {:>5} {:>5}  {name}\n",
            round(r.min.x),
            round(r.min.y),
            round(r.max.x),
            round(r.max.y)
        );
    }
    out
}

#[test]
fn the_layout_at_1366_by_768_matches_its_snapshot() {
    // what a new user sees on a laptop screen after opening the seeds:
    // every named widget and its place. A change of layout shows here as
    // a diff; `UPDATE_SNAPSHOTS=1 cargo test` writes the new one after a
    // look at the app (screenshots in docs/)
    let mut h = open_seeds(harness_sized(
        PickResult::Cancelled,
        egui::vec2(1366.0, 768.0),
    ));
    h.run_steps(4);
    let now = layout_snapshot(&h);
    let path = root().join("tests/snapshots/layout-1366x768.txt");
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &now).unwrap();
    }
    let kept = std::fs::read_to_string(&path).expect("the snapshot (UPDATE_SNAPSHOTS=1 writes it)");
    if kept != now {
        let diff: Vec<String> = kept
            .lines()
            .zip(now.lines())
            .filter(|(a, b)| a != b)
            .take(12)
            .map(|(a, b)| format!("- {a}\n+ {b}"))
            .collect();
        panic!(
            "the layout changed ({} lines kept, {} now):\n{}",
            kept.lines().count(),
            now.lines().count(),
            diff.join("\n")
        );
    }
}

#[test]
fn a_far_event_is_left_out_of_the_first_view_and_show_all_frames_it() {
    let dir = tempfile::tempdir().unwrap();
    for d in 1..=28 {
        std::fs::write(
            dir.path().join(format!("a{d:02}.txt")),
            format!(
                " date 2021-11-{d:02} Strikes {d}\n\nRussia attacked Ukraine on Monday, \
                 killing {d} soldiers.\n"
            ),
        )
        .unwrap();
    }
    std::fs::write(
        dir.path().join("old.txt"),
        " date 1953-07-20 War\n\nNorth Korea attacked South Korea on Monday.\n",
    )
    .unwrap();
    let mut h = open_folder(dir.path());
    // one mark per mention (merged, the 28 attacks could be fewer marks)
    h.state_mut()
        .push(Command::SetOption(ViewOption::EveryMention, true));
    h.run_steps(4);
    let day_1953 = tension_timeline::gui::timeline_data::day_number(
        chrono::NaiveDate::from_ymd_opt(1953, 7, 13).unwrap(),
    );
    assert_eq!(h.state().timeline.outside, 1);
    let (x, _) = h.state().plot_view.expect("a view");
    assert!(x[0] > day_1953, "the first view frames 2021: {x:?}");
    h.get_by_label("Show all (+1)").click();
    h.run_steps(4);
    let (x, _) = h.state().plot_view.unwrap();
    assert!(x[0] <= day_1953, "every event framed: {x:?}");
    assert!(h.query_by_label("Show all (+1)").is_none());
    // the view stays while the analyst works, and goes back on request
    h.run_steps(4);
    assert!(h.state().plot_view.unwrap().0[0] <= day_1953);
    h.get_by_label("View").click();
    h.run_steps(2);
    h.get_by_label("Reset timeline view").click();
    h.run_steps(4);
    assert!(h.state().plot_view.unwrap().0[0] > day_1953);
}
