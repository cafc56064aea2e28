//! The analyst's corrections in the desktop application, driven as a user
//! would: reject an event and undo it (Ctrl+Z) and redo it, change its type,
//! add an event from selected text, merge and split, save the project and
//! reopen it with every correction; the merged timeline and the mentions
//! list; exports from File > Export.

use crate::gui::{harness, seeds, settle, step_until};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use tension_timeline::corpus::corrections::key_of;
use tension_timeline::corpus::project::{Correction, Project};
use tension_timeline::extract::{PloverType, Review};
use tension_timeline::gui::app::App;
use tension_timeline::gui::command::{Command, ViewOption};
use tension_timeline::gui::file_dialog::{ExportKind, PickResult};

/// Clicks the button labelled `label` once it is scrolled into view (the
/// facts panel scrolls under the timeline), as a user would.
fn press(h: &mut Harness<'static, App>, label: &str) {
    h.get_by_label(label).scroll_to_me();
    h.run_steps(3);
    h.get_by_label(label).click();
}

/// Selects the 2021-12-07 video call of the first seed through its table
/// row; returns its place and its id.
fn select_call(h: &mut Harness<'static, App>) -> ((usize, usize), String) {
    h.get_by_label_contains("CONSULT · asserted · “video conversation”")
        .click();
    h.run_steps(3);
    let (a, e) = h.state().selection().expect("the call is selected");
    ((a, e), h.state().corpus.analyses[a].events[e].id.clone())
}

fn review_of(h: &Harness<'static, App>, id: &str) -> Option<Review> {
    h.state()
        .corpus
        .analyses
        .iter()
        .flat_map(|a| &a.events)
        .find(|e| e.id == id)
        .map(|e| e.review)
}

#[test]
fn reject_undo_redo_and_the_project_keeps_it() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("review.ttproj");
    let mut h = seeds();
    let ((a, e), id) = select_call(&mut h);
    let shown = h.state().timeline.order.len();
    assert_eq!(h.state().window_title(), "untitled — tension-timeline");

    press(&mut h, "Reject");
    h.run_steps(3);
    assert_eq!(review_of(&h, &id), Some(Review::Rejected));
    // the title marks corrections kept only for recovery, not in a named file
    assert_eq!(h.state().window_title(), "*untitled — tension-timeline");
    assert_eq!(h.state().session.corrections(), 1);
    let on_plot = |h: &Harness<'static, App>| {
        h.state()
            .timeline
            .by_type
            .values()
            .flatten()
            .any(|m| m.event == (a, e))
    };
    assert!(!on_plot(&h), "a rejected event leaves the timeline");
    assert!(
        !h.state()
            .corpus
            .clusters
            .iter()
            .any(|c| c.mentions.iter().any(|m| m.event == id)),
        "and its merged event"
    );

    // Ctrl+Z undoes (nothing has keyboard focus), the Redo button redoes
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run_steps(3);
    assert_eq!(review_of(&h, &id), Some(Review::Unreviewed));
    assert!(on_plot(&h));
    assert_eq!(h.state().timeline.order.len(), shown);
    press(&mut h, "Redo");
    h.run_steps(3);
    assert_eq!(review_of(&h, &id), Some(Review::Rejected));

    // a type change on another event, through a command as the combo box sends it
    let (ai, other) = {
        let an = &h.state().corpus.analyses[a];
        let i = an
            .events
            .iter()
            .position(|x| x.event_type == PloverType::Accuse)
            .expect("an ACCUSE event in the first seed");
        (a, i)
    };
    let key = {
        let an = &h.state().corpus.analyses[ai];
        key_of(an, &an.events[other])
    };
    let other_id = h.state().corpus.analyses[ai].events[other].id.clone();
    h.state_mut().push(Command::Correct(Correction::SetType {
        key,
        to: PloverType::Threaten,
        mode: String::new(),
    }));
    h.run_steps(3);
    let changed = h.state().corpus.analyses[ai]
        .events
        .iter()
        .find(|x| x.id == other_id)
        .unwrap();
    assert_eq!(changed.event_type, PloverType::Threaten);
    assert_eq!(changed.review, Review::Corrected);

    // save, then a fresh window opens the project: same corrections
    h.state_mut().push(Command::SaveProjectAs(project.clone()));
    h.run_steps(2);
    assert!(h.state().errors.is_empty(), "{:?}", h.state().errors);
    assert_eq!(h.state().session.path(), Some(project.as_path()));
    assert_eq!(h.state().window_title(), "review.ttproj — tension-timeline");
    drop(h);
    let journal = Project::open(&project).unwrap().journal().unwrap();
    assert_eq!(journal.len(), 4, "reject, undo, redo, set type");

    let mut again = harness(PickResult::Cancelled);
    again.run_steps(2);
    again
        .state_mut()
        .push(Command::OpenProject(project.clone()));
    again.run_steps(4);
    // the project-paths window lists the seeds (outside the project's
    // folder) before anything is read
    let pending = again.state().pending_project().expect("the window waits");
    assert!(
        pending.files().iter().all(|f| f.outside),
        "{:?}",
        pending.files()
    );
    assert_eq!(
        again
            .get_all_by_label_contains("(outside the project's folder)")
            .count(),
        3,
        "each seed marked"
    );
    again.get_by_label_contains("This project reads these 3 file(s)");
    again.get_by_label("Open").click();
    again.run_steps(2);
    settle(&mut again);
    assert_eq!(again.state().corpus.analyses.len(), 3);
    assert_eq!(review_of(&again, &id), Some(Review::Rejected));
    let changed = again
        .state()
        .corpus
        .analyses
        .iter()
        .flat_map(|a| &a.events)
        .find(|x| x.id == other_id)
        .unwrap();
    assert_eq!(changed.event_type, PloverType::Threaten);
    assert!(
        again.state().errors.is_empty(),
        "{:?}",
        again.state().errors
    );
}

/// The merged events as a comparable value: each one's type, score,
/// number of articles and its mentions' ids, sorted.
fn merged_summary(h: &Harness<'static, App>) -> Vec<(String, String, usize, Vec<String>)> {
    let mut v: Vec<_> = h
        .state()
        .corpus
        .clusters
        .iter()
        .map(|c| {
            let mut ids: Vec<String> = c.mentions.iter().map(|m| m.event.clone()).collect();
            ids.sort();
            (
                c.event_type.name().to_string(),
                format!("{:.2}", c.score),
                c.articles,
                ids,
            )
        })
        .collect();
    v.sort();
    v
}

#[test]
fn undo_puts_back_exactly_the_state_before() {
    let mut h = seeds();
    let before = merged_summary(&h);
    assert!(
        before.iter().any(|m| m.2 >= 3),
        "a merged event of three articles (the Geneva summit)"
    );
    // corrections on events of two different articles, then undo both
    let accuse = |h: &Harness<'static, App>, article: usize| {
        let an = &h.state().corpus.analyses[article];
        let e = an
            .events
            .iter()
            .find(|e| e.event_type == PloverType::Accuse || e.event_type == PloverType::Consult)
            .expect("an event to correct");
        key_of(an, e)
    };
    for article in [0, 1] {
        let key = accuse(&h, article);
        h.state_mut()
            .push(Command::Correct(Correction::Reject { key }));
        h.run_steps(3);
    }
    assert_ne!(merged_summary(&h), before, "the rejections show");
    for _ in 0..2 {
        h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
        h.run_steps(3);
    }
    assert_eq!(h.state().session.corrections(), 0);
    assert_eq!(
        merged_summary(&h),
        before,
        "every merged event as it was, the unrelated ones included"
    );
}

#[test]
fn a_moved_article_is_reported_when_its_project_opens() {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("a.txt");
    std::fs::copy(
        crate::util::root().join("seeds/000_d4fc54c481534265.txt"),
        &copy,
    )
    .unwrap();
    let project = dir.path().join("moved.ttproj");
    let mut h = harness(PickResult::Cancelled);
    h.run_steps(2);
    h.state_mut().push(Command::OpenPaths(vec![copy.clone()]));
    h.run_steps(2);
    settle(&mut h);
    h.state_mut().push(Command::SaveProjectAs(project.clone()));
    h.run_steps(2);
    drop(h);
    std::fs::rename(&copy, dir.path().join("b.txt")).unwrap();
    let mut h = harness(PickResult::Cancelled);
    h.run_steps(2);
    h.state_mut().push(Command::OpenProject(project));
    h.run_steps(4);
    assert!(
        h.state().pending_project().is_some(),
        "{:?}",
        h.state().errors
    );
    h.get_by_label("Open").click();
    step_until(&mut h, |app| {
        app.loading().is_none() && !app.errors.is_empty()
    });
    h.run_steps(2);
    let errors = h.state().errors.join("\n");
    assert!(
        errors.contains("a.txt: in the project but not found"),
        "{errors}"
    );
    h.get_by_label_contains("in the project but not found");
}

#[test]
fn merged_events_are_plotted_once_and_list_their_mentions() {
    let mut h = seeds();
    let merged = h.state().timeline.order.len();
    let call = h
        .state()
        .timeline
        .by_type
        .get(&PloverType::Consult)
        .unwrap()
        .iter()
        .find(|m| m.sources == 3)
        .cloned()
        .expect("the video call is one mark with three sources");
    assert!(call.radius() > 4.0);
    h.state_mut()
        .push(Command::SetOption(ViewOption::EveryMention, true));
    h.run_steps(2);
    let mentions = h.state().timeline.order.len();
    assert!(
        mentions > merged,
        "{mentions} mentions vs {merged} merged events"
    );
    h.state_mut()
        .push(Command::SetOption(ViewOption::EveryMention, false));
    h.run_steps(2);

    // the facts panel lists every mention; clicking one shows its article
    select_call(&mut h);
    // the list lays out the rows in view: scroll the facts panel down
    // with the wheel to the mention of the third article, as a user would
    let mention = "In the midst of the Ukraine crisis, Bide · 2021-12-04 · planned";
    h.get_by_label_contains("Mentions of this event")
        .scroll_to_me();
    h.run_steps(3);
    // the wheel over the list: down until the mention is laid out, then
    // two notches more so that it is clear of the list's bottom edge
    h.hover_at(
        h.get_by_label_contains("Mentions of this event")
            .rect()
            .center(),
    );
    let mut extra = 2;
    for _ in 0..30 {
        if h.query_by_label_contains(mention).is_some() {
            if extra == 0 {
                break;
            }
            extra -= 1;
            h.hover_at(h.get_by_label_contains(mention).rect().center() - egui::vec2(0.0, 30.0));
        }
        h.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, -40.0),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Unknown,
            modifiers: egui::Modifiers::NONE,
        });
        h.run_steps(2);
    }
    // the scroll settles, the pointer leaves (and the tooltip it raised
    // goes) before the click
    h.hover_at(egui::pos2(5.0, 5.0));
    h.run_steps(12);
    h.get_by_label_contains(mention).click();
    h.run_steps(3);
    let (a, _) = h.state().selection().unwrap();
    assert_eq!(
        h.state().corpus.analyses[a].article.id,
        "002_dabadd9976efaa7d.txt"
    );
    assert_eq!(h.state().article, Some(a));
}

#[test]
fn split_and_merge_change_the_merged_events() {
    let mut h = seeds();
    let (_, id) = select_call(&mut h);
    let before = h.state().corpus.clusters.len();
    press(&mut h, "Split from merged event");
    h.run_steps(3);
    assert_eq!(h.state().corpus.clusters.len(), before + 1);
    let alone = h
        .state()
        .corpus
        .clusters
        .iter()
        .find(|c| c.mentions.iter().any(|m| m.event == id))
        .unwrap();
    assert_eq!(alone.mentions.len(), 1);
    // mark it, select another mention of the call, merge them back
    press(&mut h, "Mark for merging");
    h.run_steps(2);
    let planned = h
        .state()
        .corpus
        .analyses
        .iter()
        .enumerate()
        .find(|(_, x)| x.article.id == "002_dabadd9976efaa7d.txt")
        .and_then(|(i, x)| {
            let j = x.events.iter().position(|ev| {
                ev.event_type == PloverType::Consult
                    && ev.date.value.as_deref() == Some("2021-12-07")
            })?;
            Some((i, j))
        })
        .expect("the planned call in the third seed");
    h.state_mut().push(Command::SelectEvent(Some(planned)));
    h.run_steps(3);
    h.get_by_label_contains("Merge with CONSULT").scroll_to_me();
    h.run_steps(3);
    h.get_by_label_contains("Merge with CONSULT").click();
    h.run_steps(3);
    assert_eq!(h.state().corpus.clusters.len(), before);
    let together = h
        .state()
        .corpus
        .clusters
        .iter()
        .find(|c| c.mentions.iter().any(|m| m.event == id))
        .unwrap();
    assert_eq!(together.articles, 3);
}

#[test]
fn an_event_added_from_selected_text() {
    let mut h = seeds();
    let ((a, _), _) = select_call(&mut h);
    let text = h.state().corpus.analyses[a].article.text.clone();
    let start = text.find("Biden gives a harsh speech").unwrap();
    let span = (start, start + "Biden gives a harsh speech".len());
    let before = h.state().corpus.analyses[a].events.len();
    h.state_mut().push(Command::SelectText(Some(span)));
    h.run_steps(2);
    h.get_by_label_contains("Selected: “Biden gives a harsh speech”");
    press(&mut h, "Add event");
    h.run_steps(3);
    let an = &h.state().corpus.analyses[a];
    assert_eq!(an.events.len(), before + 1);
    let added = an.events.iter().find(|e| e.span == span).unwrap();
    assert_eq!(added.review, Review::Added);
    assert_eq!(added.date.value.as_deref(), Some("2021-12-07"));
    assert!(h.state().text_selection.is_none());
}

#[test]
fn exports_from_the_file_menu_commands() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = seeds();
    let (_, id) = select_call(&mut h);
    press(&mut h, "Reject");
    h.run_steps(2);
    for kind in [
        ExportKind::Csv,
        ExportKind::Json,
        ExportKind::Gdelt,
        ExportKind::Svg,
        ExportKind::TimeMl,
        ExportKind::ProjectJson,
    ] {
        let path = dir.path().join(kind.file_name());
        h.state_mut().push(Command::Export(kind, path.clone()));
        h.run_steps(1);
        assert!(path.exists(), "{kind:?}");
    }
    assert!(h.state().errors.is_empty(), "{:?}", h.state().errors);
    let csv = std::fs::read_to_string(dir.path().join("events.csv")).unwrap();
    assert!(csv.lines().count() > 10);
    assert!(
        !csv.lines().any(|l| l.starts_with(&format!("{id},"))),
        "a rejected event is not exported"
    );
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("events.json")).unwrap())
            .unwrap();
    assert!(json["clusters"].as_array().is_some_and(|c| !c.is_empty()));
    assert_eq!(
        std::fs::read_dir(dir.path().join("timeml"))
            .unwrap()
            .filter(|e| e.as_ref().unwrap().path().extension().unwrap() == "tml")
            .count(),
        3
    );
    assert!(dir.path().join("timeml/manifest.tsv").is_file());
    let project: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("project.json")).unwrap())
            .unwrap();
    assert_eq!(project["journal"][0]["correction"]["action"], "reject");
    // and the JSON imports back as a project with that correction
    h.state_mut()
        .push(Command::ImportProject(dir.path().join("project.json")));
    h.run_steps(2);
    settle(&mut h);
    assert_eq!(review_of(&h, &id), Some(Review::Rejected));
}

/// A project in `dir` listing a copy of a seed inside its folder and,
/// inserted behind the application's back, a seed outside it.
fn project_with_an_outside_file(dir: &std::path::Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let inside = dir.join("a.txt");
    std::fs::copy(
        crate::util::root().join("seeds/000_d4fc54c481534265.txt"),
        &inside,
    )
    .unwrap();
    let outside = crate::util::root()
        .join("seeds/002_dabadd9976efaa7d.txt")
        .canonicalize()
        .unwrap();
    let path = dir.join("p.ttproj");
    {
        let corpus = tension_timeline::corpus::load_paths(
            &[inside],
            &|_, _| {},
            &std::sync::atomic::AtomicBool::new(false),
        );
        let mut p = Project::create(&path).unwrap();
        p.save_articles(&corpus).unwrap();
    }
    let c = rusqlite::Connection::open(&path).unwrap();
    c.execute(
        "INSERT INTO articles VALUES (?1, 'h', NULL, 'unknown')",
        [outside.to_str().unwrap()],
    )
    .unwrap();
    (path, outside)
}

#[test]
fn opening_a_project_lists_its_files_and_asks_before_reading_outside_ones() {
    let dir = tempfile::tempdir().unwrap();
    let (path, outside) = project_with_an_outside_file(dir.path());
    let open = |path: &std::path::Path| {
        let mut h = harness(PickResult::Cancelled);
        h.run_steps(2);
        h.state_mut().push(Command::OpenProject(path.to_path_buf()));
        h.run_steps(4);
        h
    };

    // the window lists both files, the outside one marked; nothing is read yet
    let mut h = open(&path);
    h.get_by_label("This project reads these 2 file(s):");
    assert_eq!(
        h.get_all_by_label_contains("(outside the project's folder)")
            .count(),
        1
    );
    h.get_by_label_contains(&format!(
        "{} (outside the project's folder)",
        outside.display()
    ));
    h.get_by_label_contains("1 of them lie outside the project's folder");
    assert!(h.state().loading().is_none() && h.state().corpus.analyses.is_empty());

    // only the files in its folder: the outside one is reported, not read
    h.get_by_label("Open only the files in its folder").click();
    h.run_steps(2);
    settle(&mut h);
    assert!(h.state().pending_project().is_none());
    let read: Vec<&str> = h
        .state()
        .corpus
        .analyses
        .iter()
        .map(|a| a.article.path.as_str())
        .collect();
    assert_eq!(read, [dir.path().join("a.txt").to_str().unwrap()]);
    let errors = h.state().errors.join("\n");
    assert!(
        errors.contains(&format!(
            "{}: outside the project's folder; not read",
            outside.display()
        )),
        "{errors}"
    );
    assert_eq!(h.state().session.path(), Some(path.as_path()));
    drop(h);

    // Cancel: nothing read, the project not opened (and not locked)
    let mut h = open(&path);
    h.get_by_label("Cancel").click();
    h.run_steps(3);
    assert!(h.state().pending_project().is_none());
    assert!(h.state().corpus.analyses.is_empty());
    assert_eq!(h.state().session.path(), None);
    drop(Project::open(&path).expect("not held by the cancelled window"));

    // Open: the user's consent, both read
    let mut h = open(&path);
    h.get_by_label("Open").click();
    h.run_steps(2);
    settle(&mut h);
    assert_eq!(h.state().corpus.analyses.len(), 2);
}

#[test]
fn filters_are_saved_once_they_rest_not_on_every_change() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("view.ttproj");
    let mut h = seeds();
    h.state_mut().push(Command::SaveProjectAs(project.clone()));
    h.run_steps(2);
    let saved = |h: &mut Harness<'static, App>| {
        h.state_mut().session.project_mut().view().unwrap()["filters"]["actor"].clone()
    };
    // typed key by key into the actor field
    h.get_by_label("Actor filter").click();
    h.run_steps(2);
    for c in ["R", "U", "S"] {
        h.get_by_label("Actor filter").type_text(c);
        h.run_steps(1);
    }
    assert_eq!(h.state().filters().actor, "RUS");
    assert!(h.state().session.view_pending());
    assert_eq!(
        saved(&mut h),
        serde_json::Value::Null,
        "not written while typing"
    );
    std::thread::sleep(tension_timeline::gui::session::VIEW_SAVE_DELAY);
    h.run_steps(1);
    assert!(!h.state().session.view_pending());
    assert_eq!(saved(&mut h), "RUS");
    // a change still pending when the window closes is written too
    crate::gui::set_filters(&mut h, |f| f.actor = "USA".into());
    drop(h);
    let p = Project::open(&project).unwrap();
    assert_eq!(p.view().unwrap()["filters"]["actor"], "USA");
}
