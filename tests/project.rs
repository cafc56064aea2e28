//! The project file: corrections that survive a restart, a kill and re-extraction.

use crate::util::{root, run};
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::atomic::AtomicBool;
use tension_timeline::corpus::corrections::{self, key_of};
use tension_timeline::corpus::project::{self, Correction, Project};
use tension_timeline::corpus::{Corpus, load_paths};
use tension_timeline::extract::{Modality, PloverType};

fn seeds() -> Corpus {
    load_paths(&[root().join("seeds")], &|_, _| {}, &AtomicBool::new(false))
}

fn event_summary(c: &Corpus) -> Vec<String> {
    c.analyses
        .iter()
        .flat_map(|a| &a.events)
        .map(|e| {
            format!(
                "{} {} {:?} {:?}",
                e.span.0,
                e.event_type.name(),
                e.modality,
                e.date.value
            )
        })
        .collect()
}

#[test]
fn round_trip_same_events_same_corrections() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("seeds.ttproj");
    let mut corpus = seeds();
    let a = &corpus.analyses[2];
    let (reject, retype) = (key_of(a, &a.events[0]), key_of(a, &a.events[1]));
    let before = corpus.event_count();
    {
        let mut p = Project::open(&path).unwrap();
        p.save_articles(&corpus).unwrap();
        p.record(&Correction::Reject { key: reject }).unwrap();
        p.record(&Correction::SetModality {
            key: retype.clone(),
            to: Modality::Asserted,
        })
        .unwrap();
        p.record(&Correction::SetType {
            key: retype,
            to: PloverType::Agree,
            mode: String::new(),
        })
        .unwrap();
        let applied = corrections::apply(&mut corpus, &p.journal().unwrap());
        assert_eq!(applied, 3);
    }
    assert_eq!(corpus.event_count(), before - 1);
    // reopen: the same corrections give the same events
    let p = Project::open(&path).unwrap();
    assert_eq!(p.articles().unwrap().len(), 3);
    let mut again = seeds();
    corrections::apply(&mut again, &p.journal().unwrap());
    assert_eq!(event_summary(&again), event_summary(&corpus));
    assert!(
        again.analyses[2]
            .events
            .iter()
            .any(|e| e.rule.contains("corrected by the analyst"))
    );
    // JSON export and import give the same project
    let export = p.export().unwrap();
    let copy = Project::import(&dir.path().join("copy.ttproj"), &export).unwrap();
    assert_eq!(copy.export().unwrap(), export);
}

#[test]
fn corrections_survive_re_extraction() {
    let mut corpus = seeds();
    let a = &corpus.analyses[0];
    let e = &a.events[0];
    // a key made under other rules: the evidence span was a bit different
    let mut key = key_of(a, e);
    key.span = (key.span.0 + 3, key.span.1 + 10);
    let journal = vec![project::JournalEntry {
        seq: 1,
        at: "2026-11-22T00:00:00Z".into(),
        correction: Correction::SetDate {
            key,
            value: "2021-12".into(),
        },
    }];
    assert_eq!(corrections::apply(&mut corpus, &journal), 1);
    assert_eq!(
        corpus.analyses[0].events[0].date.value.as_deref(),
        Some("2021-12")
    );
}

#[test]
fn publication_date_correction_resolves_relative_dates() {
    let mut corpus = seeds();
    let hash = project::content_hash(&corpus.analyses[1].article.text);
    let date = chrono::NaiveDate::from_ymd_opt(2021, 12, 9).unwrap();
    let journal = vec![project::JournalEntry {
        seq: 1,
        at: String::new(),
        correction: Correction::SetPublished {
            article_hash: hash,
            date,
        },
    }];
    corrections::apply(&mut corpus, &journal);
    let a = &corpus.analyses[1];
    assert_eq!(a.article.published, Some(date));
    let tuesday = a.timexes.iter().find(|t| t.text == "Tuesday").unwrap();
    assert_eq!(tuesday.value, "2021-12-07");
}

/// Child mode: record corrections forever, printing each committed sequence number.
#[test]
fn child_writer_for_kill_test() {
    let Ok(path) = std::env::var("TT_KILL_TEST_PROJECT") else {
        return;
    };
    let mut p = Project::open(std::path::Path::new(&path)).unwrap();
    let key = project::EventKey {
        article_hash: "0".repeat(64),
        span: (0, 1),
        event_type: PloverType::Consult,
    };
    for _ in 0..100_000 {
        let seq = p.record(&Correction::Accept { key: key.clone() }).unwrap();
        println!("{seq}");
    }
}

#[test]
fn sigkill_loses_no_committed_correction() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kill.ttproj");
    Project::open(&path).unwrap();
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "project::child_writer_for_kill_test",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("TT_KILL_TEST_PROJECT", &path)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut last_committed = 0i64;
    while last_committed < 200 {
        match lines.next() {
            Some(Ok(l)) => {
                if let Ok(n) = l.trim().parse::<i64>() {
                    last_committed = n;
                }
            }
            _ => break,
        }
    }
    child.kill().unwrap(); // SIGKILL on Unix
    child.wait().unwrap();
    assert!(last_committed >= 200, "the child wrote {last_committed}");
    let p = Project::open(&path).expect("the project opens after a kill");
    let journal = p.journal().unwrap();
    assert!(
        journal.len() as i64 >= last_committed,
        "{} entries, {last_committed} reported committed",
        journal.len()
    );
    assert_eq!(journal.last().unwrap().seq, journal.len() as i64);
}

#[test]
fn extract_applies_a_projects_corrections() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ttproj");
    let corpus = seeds();
    let a = &corpus.analyses[2];
    let victim = a.events[0].clone();
    {
        let mut p = Project::open(&path).unwrap();
        p.save_articles(&corpus).unwrap();
        p.record(&Correction::Reject {
            key: key_of(a, &victim),
        })
        .unwrap();
    }
    let out = run(&["extract", "--project", path.to_str().unwrap()], None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v["articles"].as_array().unwrap().len(),
        3,
        "the project's own articles"
    );
    assert!(
        !v["events"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["id"] == victim.id.as_str())
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("1 correction(s) applied"));
    // a moved article is reported, the rest still loads
    let moved = dir.path().join("moved.ttproj");
    {
        let mut p = Project::open(&moved).unwrap();
        let mut c = seeds();
        c.analyses[0].article.path = "/nowhere/000.txt".into();
        p.save_articles(&c).unwrap();
    }
    let out = run(&["extract", "--project", moved.to_str().unwrap()], None);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("/nowhere/000.txt"), "{err}");
}
