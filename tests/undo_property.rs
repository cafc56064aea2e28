//! Undo and redo restore exactly: after any sequence of corrections (reject,
//! accept, type, modality, date, actors, merge, split, add, an article's
//! date), undoing them one by one gives back each earlier corpus, the first
//! one at the end, and redoing them all gives the last: events, merged
//! events, dates and counts, compared whole. On the seeds and on a corpus
//! generated here, with sequences drawn by proptest (fixed seed, so a run
//! is repeatable).

use crate::util::root;
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use tension_timeline::corpus::corrections::key_of;
use tension_timeline::corpus::project::{Correction, EventKey};
use tension_timeline::corpus::{Corpus, load_paths};
use tension_timeline::extract::{Analysis, Modality, PloverType};
use tension_timeline::gui::session::Session;

/// One correction, its events chosen by position among those of the
/// corpus at the time it is made.
#[derive(Debug, Clone)]
enum Op {
    Accept(Index),
    Reject(Index),
    SetType(Index, Index),
    SetModality(Index, Index),
    SetDate(Index, u32, u32),
    SetActors(Index, Index, Index),
    Merge(Index, Index),
    Split(Index),
    Add(Index, Index),
    Published(Index, u32),
}

fn op() -> impl Strategy<Value = Op> {
    let i = any::<Index>;
    prop_oneof![
        i().prop_map(Op::Accept),
        i().prop_map(Op::Reject),
        (i(), i()).prop_map(|(a, b)| Op::SetType(a, b)),
        (i(), i()).prop_map(|(a, b)| Op::SetModality(a, b)),
        (i(), 1u32..=12, 1u32..=28).prop_map(|(a, m, d)| Op::SetDate(a, m, d)),
        (i(), i(), i()).prop_map(|(a, b, c)| Op::SetActors(a, b, c)),
        (i(), i()).prop_map(|(a, b)| Op::Merge(a, b)),
        i().prop_map(Op::Split),
        (i(), i()).prop_map(|(a, b)| Op::Add(a, b)),
        (i(), 1u32..=28).prop_map(|(a, d)| Op::Published(a, d)),
    ]
}

const CODES: [&str; 6] = ["RUS", "USA", "UKR", "CHN", "NATO", "EU"];

/// The correction `op` stands for in `corpus` (none when it has no event).
fn correction(op: &Op, corpus: &Corpus) -> Option<Correction> {
    let events: Vec<(&Analysis, usize)> = corpus
        .analyses
        .iter()
        .flat_map(|a| (0..a.events.len()).map(move |e| (a, e)))
        .collect();
    if events.is_empty() {
        return None;
    }
    let pick = |i: &Index| events[i.index(events.len())];
    let key = |i: &Index| {
        let (a, e) = pick(i);
        key_of(a, &a.events[e])
    };
    Some(match op {
        Op::Accept(i) => Correction::Accept { key: key(i) },
        Op::Reject(i) => Correction::Reject { key: key(i) },
        Op::SetType(i, t) => Correction::SetType {
            key: key(i),
            to: PloverType::ALL[t.index(PloverType::ALL.len())],
            mode: String::new(),
        },
        Op::SetModality(i, m) => Correction::SetModality {
            key: key(i),
            to: Modality::ALL[m.index(Modality::ALL.len())],
        },
        Op::SetDate(i, m, d) => Correction::SetDate {
            key: key(i),
            value: format!("2021-{m:02}-{d:02}"),
        },
        Op::SetActors(i, s, t) => Correction::SetActors {
            key: key(i),
            source: vec![CODES[s.index(CODES.len())].to_string()],
            target: vec![CODES[t.index(CODES.len())].to_string()],
        },
        Op::Merge(i, j) => Correction::Merge {
            key: key(i),
            other: key(j),
        },
        Op::Split(i) => Correction::Split { key: key(i) },
        Op::Add(i, t) => {
            // a new event over the words of an existing one, of another type
            let k = key(i);
            let ty = PloverType::ALL[t.index(PloverType::ALL.len())];
            Correction::AddEvent {
                key: EventKey {
                    event_type: ty,
                    ..k
                },
                source: vec!["RUS".into()],
                target: vec!["UKR".into()],
                date: Some("2021-12-01".into()),
                modality: Modality::Asserted,
            }
        }
        Op::Published(i, d) => {
            let (a, _) = pick(i);
            Correction::SetPublished {
                article_hash: key_of(a, &a.events[0]).article_hash,
                date: chrono::NaiveDate::from_ymd_opt(2021, 11, *d).expect("a day"),
            }
        }
    })
}

/// Where two states first differ, for a failure message.
fn first_difference(a: &(Vec<Analysis>, String), b: &(Vec<Analysis>, String)) -> String {
    for (x, y) in a.0.iter().zip(&b.0) {
        if x.events.len() != y.events.len() {
            return format!(
                "{}: {} events, then {}",
                x.article.file_name,
                x.events.len(),
                y.events.len()
            );
        }
        for (e, f) in x.events.iter().zip(&y.events) {
            if e != f {
                let (e, f) = (format!("{e:?}"), format!("{f:?}"));
                let split = e.chars().zip(f.chars()).take_while(|(p, q)| p == q).count();
                let at = |s: &str| {
                    s.chars()
                        .skip(split.saturating_sub(60))
                        .take(120)
                        .collect::<String>()
                };
                return format!("{}: …{}…\nthen …{}…", x.article.file_name, at(&e), at(&f));
            }
        }
        if x != y {
            return format!("{}: the article or its analysis", x.article.file_name);
        }
    }
    if a.1 != b.1 {
        let split =
            a.1.chars()
                .zip(b.1.chars())
                .take_while(|(p, q)| p == q)
                .count();
        let at = |s: &str| {
            s.chars()
                .skip(split.saturating_sub(200))
                .take(400)
                .collect::<String>()
        };
        return format!("merged events: {}\nthen {}", at(&a.1), at(&b.1));
    }
    "nothing".into()
}

/// Everything a correction can change, compared whole.
fn state(c: &Corpus) -> (Vec<Analysis>, String) {
    (
        c.analyses.clone(),
        serde_json::to_string(&c.clusters).expect("serialisable"),
    )
}

fn load(paths: &[PathBuf]) -> Corpus {
    load_paths(paths, &|_, _| {}, &AtomicBool::new(false))
}

/// A small corpus of wire stories on the same events, written here: the
/// same attack, talks and sanctions told by several articles, with other
/// days, other words and other actors.
fn generated(dir: &std::path::Path) -> Vec<PathBuf> {
    let sentences = [
        "Russian forces shelled the Ukrainian city of Kharkiv on {day}.",
        "The United States imposed new sanctions on Russia on {day}.",
        "Chinese and American diplomats held talks in Beijing on {day}.",
        "NATO accused Moscow of massing troops near the border on {day}.",
        "Ukraine asked the European Union for more weapons on {day}.",
        "Turkey offered to mediate between Kyiv and Moscow on {day}.",
    ];
    let days = ["Monday", "Tuesday", "Wednesday", "December 3", "last week"];
    (0..5)
        .map(|k: usize| {
            let mut text = format!(" date 2021-12-{:02} Story {k}\n\n", 6 + k);
            for s in 0..4 {
                let line = sentences[(k * 2 + s) % sentences.len()]
                    .replace("{day}", days[(k + s) % days.len()]);
                text.push_str(&line);
                text.push(' ');
            }
            let path = dir.join(format!("story{k}.txt"));
            std::fs::write(&path, text).expect("written");
            path
        })
        .collect()
}

/// Applies `ops`, then undoes them all and redoes them all, checking each
/// state against the one recorded on the way.
fn check(paths: &[PathBuf], ops: &[Op]) -> Result<(), TestCaseError> {
    let mut corpus = load(paths);
    let mut session = Session::untitled(None);
    session.corpus_changed(&mut corpus).expect("recorded");
    let mut states = vec![state(&corpus)];
    for op in ops {
        if let Some(c) = correction(op, &corpus) {
            session.record(&mut corpus, c).expect("recorded");
            states.push(state(&corpus));
        }
    }
    let made = states.len() - 1;
    for back in (0..made).rev() {
        prop_assert!(session.undo(&mut corpus).expect("undone"));
        let now = state(&corpus);
        prop_assert!(
            now == states[back],
            "undo to state {back} of {made} differs ({ops:?}): {}",
            first_difference(&states[back], &now)
        );
    }
    prop_assert!(!session.undo(&mut corpus).expect("nothing left"));
    for (forward, expected) in states.iter().enumerate().skip(1) {
        prop_assert!(session.redo(&mut corpus).expect("redone"));
        let now = state(&corpus);
        prop_assert!(
            &now == expected,
            "redo to state {forward} of {made} differs ({ops:?}): {}",
            first_difference(expected, &now)
        );
    }
    Ok(())
}

fn run(paths: &[PathBuf], cases: u32) {
    let mut runner = TestRunner::new_with_rng(
        Config {
            cases,
            failure_persistence: None,
            ..Config::default()
        },
        TestRng::from_seed(RngAlgorithm::ChaCha, &[7; 32]),
    );
    runner
        .run(&vec(op(), 1..9), |ops| check(paths, &ops))
        .unwrap();
}

#[test]
fn undo_and_redo_restore_every_state_on_the_seeds() {
    let seeds: Vec<PathBuf> = std::fs::read_dir(root().join("seeds"))
        .expect("the seeds")
        .filter_map(|e| Some(e.ok()?.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    run(&seeds, 48);
}

#[test]
fn undo_and_redo_restore_every_state_on_a_generated_corpus() {
    let dir = tempfile::tempdir().unwrap();
    let paths = generated(dir.path());
    run(&paths, 48);
}
