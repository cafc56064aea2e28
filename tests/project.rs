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
        let mut p = Project::create(&path).unwrap();
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
    Project::create(&path).unwrap();
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
        let mut p = Project::create(&path).unwrap();
        p.save_articles(&corpus).unwrap();
        p.record(&Correction::Reject {
            key: key_of(a, &victim),
        })
        .unwrap();
    }
    // the seeds lie outside the project's folder (a temporary folder)
    let out = run(
        &[
            "extract",
            "--project",
            path.to_str().unwrap(),
            "--allow-outside-project",
        ],
        None,
    );
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
        let mut p = Project::create(&moved).unwrap();
        let mut c = seeds();
        c.analyses[0].article.path = "/nowhere/000.txt".into();
        p.save_articles(&c).unwrap();
    }
    let out = run(
        &[
            "extract",
            "--project",
            moved.to_str().unwrap(),
            "--allow-outside-project",
        ],
        None,
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("/nowhere/000.txt"), "{err}");
}

/// The bytes of a file and whether SQLite side files exist beside it.
fn snapshot(path: &std::path::Path) -> (Vec<u8>, bool, bool) {
    let side = |ext: &str| {
        let mut p = path.as_os_str().to_owned();
        p.push(ext);
        std::path::PathBuf::from(p).exists()
    };
    (std::fs::read(path).unwrap(), side("-wal"), side("-shm"))
}

/// A project with a few articles and corrections, closed.
fn small_project(path: &std::path::Path) {
    let mut p = Project::create(path).unwrap();
    p.save_articles(&seeds()).unwrap();
    let key = project::EventKey {
        article_hash: "0".repeat(64),
        span: (0, 1),
        event_type: PloverType::Consult,
    };
    for _ in 0..200 {
        p.record(&Correction::Accept { key: key.clone() }).unwrap();
    }
}

#[test]
fn files_that_are_not_projects_are_refused_and_left_as_they_were() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut cases: Vec<(std::path::PathBuf, &str)> = Vec::new();
    // zero bytes
    std::fs::write(d.join("empty.ttproj"), b"").unwrap();
    cases.push((d.join("empty.ttproj"), "empty file"));
    // text
    std::fs::write(
        d.join("text.ttproj"),
        "just some notes, not a database\n".repeat(20),
    )
    .unwrap();
    cases.push((d.join("text.ttproj"), "not a SQLite database"));
    // a project cut short
    small_project(&d.join("whole.ttproj"));
    let whole = std::fs::read(d.join("whole.ttproj")).unwrap();
    assert!(whole.len() > 8192, "{} bytes", whole.len());
    std::fs::write(d.join("cut.ttproj"), &whole[..whole.len() / 2]).unwrap();
    cases.push((d.join("cut.ttproj"), "damaged: truncated"));
    std::fs::write(d.join("cut-header.ttproj"), &whole[..60]).unwrap();
    cases.push((d.join("cut-header.ttproj"), "damaged: truncated"));
    // a project with a page overwritten
    let mut broken = whole.clone();
    let page = 4096;
    for b in &mut broken[2 * page + 8..3 * page] {
        *b = 0x5a;
    }
    std::fs::write(d.join("broken.ttproj"), &broken).unwrap();
    cases.push((d.join("broken.ttproj"), "damaged"));
    // another application's databases: rollback journal, WAL, own application id
    {
        let c = rusqlite::Connection::open(d.join("other.ttproj")).unwrap();
        c.execute_batch("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('x');")
            .unwrap();
    }
    cases.push((
        d.join("other.ttproj"),
        "a SQLite database of another application",
    ));
    {
        let c = rusqlite::Connection::open(d.join("other-wal.ttproj")).unwrap();
        c.execute_batch("PRAGMA journal_mode = WAL; CREATE TABLE meta (key TEXT, value TEXT); INSERT INTO meta VALUES ('schema_version', '1');")
            .unwrap();
    }
    cases.push((
        d.join("other-wal.ttproj"),
        "a SQLite database of another application",
    ));
    {
        let c = rusqlite::Connection::open(d.join("other-id.ttproj")).unwrap();
        c.execute_batch("PRAGMA application_id = 1234; CREATE TABLE t (x);")
            .unwrap();
    }
    cases.push((
        d.join("other-id.ttproj"),
        "a SQLite database of another application",
    ));
    for (path, what) in &cases {
        let before = snapshot(path);
        let name = path.file_name().unwrap().to_str().unwrap();
        for attempt in [
            Project::open(path).err(),
            Project::open_read_only(path).err(),
            Project::check(path).err(),
        ] {
            let err = attempt.expect("refused").to_string();
            assert!(err.contains(name), "{err}");
            assert!(err.contains(what), "{name}: {err}");
        }
        let out = run(
            &[
                "extract",
                "--project",
                path.to_str().unwrap(),
                "--format",
                "csv",
            ],
            None,
        );
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(name) && err.contains(what), "{err}");
        assert_eq!(snapshot(path), before, "{name} was modified");
    }
}

#[test]
fn a_project_of_a_newer_schema_is_refused_unmodified() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.ttproj");
    small_project(&path);
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute(
            "UPDATE meta SET value = '99' WHERE key = 'schema_version'",
            [],
        )
        .unwrap();
    }
    let before = snapshot(&path);
    let err = Project::open(&path).err().expect("refused").to_string();
    assert!(
        err.contains("future.ttproj") && err.contains("schema version 99 is newer"),
        "{err}"
    );
    assert_eq!(snapshot(&path), before);
}

#[test]
fn a_schema_1_project_without_application_id_opens_and_is_stamped() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.ttproj");
    {
        // as the previous version wrote it
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute_batch(
            "PRAGMA journal_mode = WAL;
             CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
             CREATE TABLE articles (path TEXT PRIMARY KEY, content_hash TEXT NOT NULL,
                 published TEXT, published_source TEXT NOT NULL);
             CREATE TABLE journal (seq INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL,
                 correction TEXT NOT NULL);
             CREATE TABLE view (key TEXT PRIMARY KEY, value TEXT NOT NULL);
             INSERT INTO meta VALUES ('schema_version', '1');
             INSERT INTO articles VALUES ('/abs/a.txt', 'h', NULL, 'unknown');",
        )
        .unwrap();
        c.execute(
            "INSERT INTO journal (at, correction) VALUES ('2026-01-01T00:00:00Z', ?1)",
            [serde_json::to_string(&Correction::SetPublished {
                article_hash: "h".into(),
                date: chrono::NaiveDate::from_ymd_opt(2021, 12, 7).unwrap(),
            })
            .unwrap()],
        )
        .unwrap();
    }
    let p = Project::open(&path).expect("an old project opens");
    assert_eq!(p.journal().unwrap().len(), 1);
    assert_eq!(
        p.articles().unwrap()[0].path,
        "/abs/a.txt",
        "absolute paths stay"
    );
    drop(p);
    let c = rusqlite::Connection::open(&path).unwrap();
    let id: i32 = c
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .unwrap();
    assert_eq!(id, project::APPLICATION_ID);
    let v: String = c
        .query_row(
            "SELECT value FROM meta WHERE key = 'schema_version'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(v, project::SCHEMA_VERSION.to_string());
}

#[test]
fn opening_never_creates_and_the_cli_creates_only_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let typo = dir.path().join("typo.ttproj");
    let err = Project::open(&typo)
        .err()
        .expect("no such file")
        .to_string();
    assert!(err.contains("typo.ttproj: no such project file"), "{err}");
    assert!(!typo.exists());
    let seed = crate::util::root().join("seeds/000_d4fc54c481534265.txt");
    let out = run(
        &[
            "extract",
            seed.to_str().unwrap(),
            "--project",
            typo.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("typo.ttproj: no such project file"), "{err}");
    assert!(!typo.exists(), "a mistyped --project creates nothing");
    // explicitly: created, with the articles read
    let made = dir.path().join("new.ttproj");
    let out = run(
        &[
            "extract",
            seed.to_str().unwrap(),
            "--project",
            made.to_str().unwrap(),
            "--create-project",
            "--format",
            "csv",
        ],
        None,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let p = Project::open(&made).unwrap();
    let files = p.article_files().unwrap();
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].path, seed.canonicalize().unwrap());
    assert!(files[0].outside);
    drop(p);
    // the article named relative to the working folder (the repository)
    // is the project's own: not reported as missing
    let out = run(
        &[
            "extract",
            "seeds/000_d4fc54c481534265.txt",
            "--project",
            made.to_str().unwrap(),
            "--format",
            "csv",
        ],
        None,
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && !err.contains("not loaded"), "{err}");
    // creating over an existing file is refused
    let err = Project::create(&made).err().expect("exists").to_string();
    assert!(err.contains("already exists"), "{err}");
}

#[test]
fn a_second_open_of_a_project_is_refused_while_the_first_lives() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("busy.ttproj");
    small_project(&path);
    let mut first = Project::open(&path).unwrap();
    let err = Project::open(&path).err().expect("locked").to_string();
    assert!(
        err.contains("busy.ttproj") && err.contains("open elsewhere"),
        "{err}"
    );
    // the first still writes, and a reader sees a consistent journal
    let key = project::EventKey {
        article_hash: "1".repeat(64),
        span: (2, 3),
        event_type: PloverType::Accuse,
    };
    first.record(&Correction::Reject { key }).unwrap();
    let reader = Project::open_read_only(&path).unwrap();
    assert_eq!(reader.journal().unwrap().len(), 201);
    // another process (the CLI) reads it read-only while it is open here
    let out = run(
        &[
            "extract",
            "--project",
            path.to_str().unwrap(),
            "--format",
            "csv",
            "--allow-outside-project",
        ],
        None,
    );
    assert!(
        out.status.code() == Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    drop(reader);
    drop(first);
    let again = Project::open(&path).expect("free once the first is closed");
    assert_eq!(again.journal().unwrap().len(), 201);
}

#[test]
fn article_paths_are_kept_relative_to_the_project_folder() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("case");
    std::fs::create_dir_all(folder.join("articles")).unwrap();
    std::fs::copy(
        crate::util::root().join("seeds/000_d4fc54c481534265.txt"),
        folder.join("articles/a.txt"),
    )
    .unwrap();
    let corpus = load_paths(
        &[folder.join("articles")],
        &|_, _| {},
        &AtomicBool::new(false),
    );
    // an untitled (in-memory) project saved into the folder
    let mut mem = Project::in_memory().unwrap();
    mem.save_articles(&corpus).unwrap();
    let p = mem.save_as(&folder.join("case.ttproj")).unwrap();
    assert_eq!(p.articles().unwrap()[0].path, "articles/a.txt");
    drop(p);
    // the folder moves: the project still finds its article
    let moved = dir.path().join("moved");
    std::fs::rename(&folder, &moved).unwrap();
    let p = Project::open(&moved.join("case.ttproj")).unwrap();
    let files = p.article_files().unwrap();
    assert_eq!(files[0].path, moved.join("articles/a.txt"));
    assert!(!files[0].outside);
    drop(p);
    let out = run(
        &[
            "extract",
            "--project",
            moved.join("case.ttproj").to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("reads 1 file(s)") && err.contains("articles/a.txt"),
        "{err}"
    );
    // saved in a folder beside it, the path becomes absolute
    let p = Project::open(&moved.join("case.ttproj")).unwrap();
    std::fs::create_dir(dir.path().join("other")).unwrap();
    let other = p
        .save_as(&dir.path().join("other/elsewhere.ttproj"))
        .unwrap();
    let stored = &other.articles().unwrap()[0].path;
    assert!(std::path::Path::new(stored).is_absolute(), "{stored}");
}

#[test]
fn a_project_listing_etc_passwd_does_not_print_it() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        crate::util::root().join("seeds/000_d4fc54c481534265.txt"),
        dir.path().join("a.txt"),
    )
    .unwrap();
    let path = dir.path().join("p.ttproj");
    {
        let corpus = load_paths(
            &[dir.path().join("a.txt")],
            &|_, _| {},
            &AtomicBool::new(false),
        );
        let mut p = Project::create(&path).unwrap();
        p.save_articles(&corpus).unwrap();
    }
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute(
            "INSERT INTO articles VALUES ('/etc/passwd', 'h', NULL, 'unknown'), ('../../../etc/hosts', 'h', NULL, 'unknown')",
            [],
        )
        .unwrap();
    }
    let out = run(
        &[
            "extract",
            "--project",
            path.to_str().unwrap(),
            "--format",
            "json",
        ],
        None,
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(1),
        "partial: the outside files refused\n{stderr}"
    );
    assert!(!stdout.contains("root:"), "{stdout}");
    assert!(!stdout.contains("localhost"), "{stdout}");
    assert!(
        stderr.contains("/etc/passwd: cannot read: outside the project's folder"),
        "{stderr}"
    );
    assert!(
        stderr.contains("/etc/hosts: cannot read: outside the project's folder"),
        "{stderr}"
    );
    assert!(
        stderr.contains("reads 3 file(s), 2 outside its folder"),
        "{stderr}"
    );
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        v["articles"].as_array().unwrap().len(),
        1,
        "the inside article is read"
    );
}
