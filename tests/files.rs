//! Which files are read and how output files are written (issue 12): folder
//! walks that follow links only when asked, regular files only, loops,
//! `--out` that never replaces a device or writes through a link, stream
//! output renamed at the end, temporary files removed on signals, safe and
//! unique TimeML names, and spreadsheet cells that cannot start a formula.

use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

/// An article that gives events (a threat scored -3.5, an assault).
const OTHER: &str = " date 2021-12-08 Talks\n\nKyiv and Moscow held talks on Wednesday.\n";
const ARTICLE: &str = " date 2021-12-07 Tensions\n\nRussia threatened Ukraine with military action on Monday. Russian troops attacked the town of Avdiivka on Tuesday.\n";

/// The binary, started in `dir` with `args`, all streams piped.
fn start(dir: &Path, args: &[&str]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_tension-timeline"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs")
}

/// Runs the binary in `dir` with empty standard input; fails the test if it
/// has not finished within a minute (a FIFO or a loop that hangs it).
fn run_in(dir: &Path, args: &[&str]) -> Output {
    let mut child = start(dir, args);
    drop(child.stdin.take());
    let deadline = Instant::now() + Duration::from_secs(60);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            child.kill().unwrap();
            panic!("extract {args:?} hung");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The paths of the articles read, from `extract --format json`.
fn article_paths(o: &Output) -> Vec<String> {
    let v: Value = serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&o.stdout)));
    v["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["path"].as_str().unwrap().to_string())
        .collect()
}

/// The recognisable temporary files in `dir`.
fn temp_files(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(".tension-timeline-")
        })
        .collect()
}

#[cfg(unix)]
fn mkfifo(p: &Path) {
    let c = std::ffi::CString::new(p.as_os_str().as_encoded_bytes()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0, "mkfifo");
}

#[cfg(unix)]
#[test]
fn folder_links_are_read_only_with_follow() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("news")).unwrap();
    std::fs::write(d.join("news/a.txt"), ARTICLE).unwrap();
    symlink("/etc/passwd", d.join("news/leak.txt")).unwrap();
    // another article (a copy of a.txt would be read once, as a duplicate)
    std::fs::write(outside.path().join("far.txt"), OTHER).unwrap();
    symlink(outside.path().join("far.txt"), d.join("news/far.txt")).unwrap();
    let out = run_in(d, &["extract", "news"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(article_paths(&out), vec!["news/a.txt"]);
    assert!(!String::from_utf8_lossy(&out.stdout).contains("root:"));

    let out = run_in(d, &["extract", "news", "--follow"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        article_paths(&out),
        vec!["news/a.txt", "news/far.txt", "news/leak.txt"]
    );
    // a link named explicitly is the user's choice: it is read
    let out = run_in(d, &["extract", "news/far.txt"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(article_paths(&out), vec!["news/far.txt"]);
}

#[cfg(unix)]
#[test]
fn followed_loops_end_and_every_file_is_read_once() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir_all(d.join("news/sub")).unwrap();
    std::fs::write(d.join("news/a.txt"), ARTICLE).unwrap();
    std::fs::write(d.join("news/sub/b.txt"), OTHER).unwrap();
    symlink(".", d.join("news/s1")).unwrap();
    symlink(".", d.join("news/s2")).unwrap();
    symlink("..", d.join("news/sub/up")).unwrap();
    symlink("a.txt", d.join("news/alias.txt")).unwrap();
    symlink("../a.txt", d.join("news/sub/again.txt")).unwrap();
    symlink("self.txt", d.join("news/self.txt")).unwrap();
    let out = run_in(d, &["extract", "news", "--follow"]);
    // the self-link leads nowhere and is reported; the rest is read once
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(article_paths(&out), vec!["news/a.txt", "news/sub/b.txt"]);
    assert!(stderr(&out).contains("news/self.txt"), "{}", stderr(&out));
    assert_eq!(stderr(&out).lines().count(), 1, "{}", stderr(&out));
    // without --follow the links are skipped without an error
    let out = run_in(d, &["extract", "news"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(article_paths(&out), vec!["news/a.txt", "news/sub/b.txt"]);
}

#[cfg(unix)]
#[test]
fn fifos_and_devices_are_refused_without_hanging() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("news")).unwrap();
    std::fs::write(d.join("news/a.txt"), ARTICLE).unwrap();
    mkfifo(&d.join("news/pipe.txt"));
    symlink("/dev/zero", d.join("news/zero.txt")).unwrap();
    let out = run_in(d, &["extract", "news", "--follow"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(article_paths(&out), vec!["news/a.txt"]);
    let err = stderr(&out);
    assert!(
        err.contains("news/pipe.txt: not a regular file (a FIFO)"),
        "{err}"
    );
    assert!(
        err.contains("news/zero.txt: not a regular file (a character device)"),
        "{err}"
    );
    // named explicitly, the same
    for (path, kind) in [
        ("news/pipe.txt", "a FIFO"),
        ("news/zero.txt", "a character device"),
        ("/dev/null", "a character device"),
    ] {
        let out = run_in(d, &["extract", path]);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(
            stderr(&out).contains(&format!("{path}: not a regular file ({kind})")),
            "{}",
            stderr(&out)
        );
    }
}

#[cfg(unix)]
#[test]
fn out_never_replaces_a_device_fifo_or_link() {
    use std::os::unix::fs::{FileTypeExt, MetadataExt, symlink};
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("a.txt"), ARTICLE).unwrap();
    std::fs::write(d.join("kept.json"), "kept").unwrap();
    symlink("kept.json", d.join("link.json")).unwrap();
    mkfifo(&d.join("fifo.json"));
    for (out_path, kind) in [
        ("/dev/null", "a character device"),
        ("fifo.json", "a FIFO"),
        ("link.json", "a symbolic link"),
    ] {
        for args in [
            vec!["extract", "a.txt", "--out", out_path],
            vec!["extract", "-", "--format", "jsonl", "--out", out_path],
        ] {
            let out = run_in(d, &args);
            assert_eq!(out.status.code(), Some(2), "{args:?}");
            assert!(
                stderr(&out).contains(&format!("writing {out_path}: not a regular file ({kind})")),
                "{args:?}: {}",
                stderr(&out)
            );
        }
    }
    assert!(
        std::fs::symlink_metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device()
    );
    assert!(
        std::fs::symlink_metadata(d.join("fifo.json"))
            .unwrap()
            .file_type()
            .is_fifo()
    );
    assert!(
        std::fs::symlink_metadata(d.join("link.json"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        std::fs::read_to_string(d.join("kept.json")).unwrap(),
        "kept"
    );
    // a regular file is replaced by a rename: a new inode, the same name
    let before = std::fs::metadata(d.join("kept.json")).unwrap().ino();
    let out = run_in(d, &["extract", "a.txt", "--out", "kept.json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("kept.json")).unwrap()).unwrap();
    assert_eq!(v["articles"][0]["path"], "a.txt");
    assert_ne!(
        std::fs::metadata(d.join("kept.json")).unwrap().ino(),
        before
    );
    assert!(temp_files(d).is_empty(), "{:?}", temp_files(d));
}

/// Waits until a temporary output file shows in `dir`.
fn wait_for_temp_file(dir: &Path) -> PathBuf {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if let Some(p) = temp_files(dir).pop() {
            return p;
        }
        assert!(Instant::now() < deadline, "no temporary file appeared");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn stream_output_replaces_the_file_only_when_the_stream_ends() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("out.jsonl"), "old\n").unwrap();
    let mut child = start(
        d,
        &["extract", "-", "--format", "jsonl", "--out", "out.jsonl"],
    );
    let mut stdin = child.stdin.take().unwrap();
    writeln!(
        stdin,
        r#"{{"id": "one", "text": "Russia warned Ukraine."}}"#
    )
    .unwrap();
    stdin.flush().unwrap();
    let tmp = wait_for_temp_file(d);
    let name = tmp.file_name().unwrap().to_string_lossy().into_owned();
    assert!(name.ends_with(".tmp"), "{name}");
    // while the stream is open, the file is as it was
    assert_eq!(
        std::fs::read_to_string(d.join("out.jsonl")).unwrap(),
        "old\n"
    );
    writeln!(stdin, r#"{{"id": "two", "text": "Kyiv replied."}}"#).unwrap();
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = std::fs::read_to_string(d.join("out.jsonl")).unwrap();
    let ids: Vec<String> = text
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap()["article"]["id"].to_string())
        .collect();
    assert_eq!(ids, vec!["\"one\"", "\"two\""]);
    assert!(temp_files(d).is_empty(), "{:?}", temp_files(d));
}

#[cfg(unix)]
#[test]
fn a_failed_stream_leaves_the_file_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("out.jsonl"), "old\n").unwrap();
    // standard input that cannot be read (a folder): the stream fails
    let out = Command::new(env!("CARGO_BIN_EXE_tension-timeline"))
        .args(["extract", "-", "--format", "jsonl", "--out", "out.jsonl"])
        .current_dir(d)
        .stdin(std::fs::File::open(d).unwrap())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("reading standard input"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        std::fs::read_to_string(d.join("out.jsonl")).unwrap(),
        "old\n"
    );
    assert!(temp_files(d).is_empty(), "{:?}", temp_files(d));
}

#[cfg(unix)]
#[test]
fn sigterm_and_sigint_remove_the_temporary_file() {
    for (signal, code) in [(libc::SIGTERM, 143), (libc::SIGINT, 130)] {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::write(d.join("out.jsonl"), "old\n").unwrap();
        let mut child = start(
            d,
            &["extract", "-", "--format", "jsonl", "--out", "out.jsonl"],
        );
        let mut stdin = child.stdin.take().unwrap();
        writeln!(
            stdin,
            r#"{{"id": "one", "text": "Russia warned Ukraine."}}"#
        )
        .unwrap();
        stdin.flush().unwrap();
        // the temporary file is there (the handler is installed before it
        // is created); the run waits for more lines (a batch is 64)
        wait_for_temp_file(d);
        assert_eq!(unsafe { libc::kill(child.id() as i32, signal) }, 0);
        let status = child.wait().unwrap();
        drop(stdin);
        assert_eq!(status.code(), Some(code), "signal {signal}");
        assert!(temp_files(d).is_empty(), "{:?}", temp_files(d));
        assert_eq!(
            std::fs::read_to_string(d.join("out.jsonl")).unwrap(),
            "old\n"
        );
    }
}

#[cfg(unix)]
#[test]
fn timeml_file_names_are_safe_unique_and_listed() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let ids = ["a/b", "a_b", "A_B", "../up", ".hidden", ""];
    let articles: Vec<Value> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| {
            serde_json::json!({
                "id": id,
                "date": "2021-12-07",
                "text": format!("Article number {i}: Russia warned Ukraine on Monday.")
            })
        })
        .collect();
    std::fs::write(
        d.join("feed.json"),
        serde_json::to_string(&articles).unwrap(),
    )
    .unwrap();
    let out = run_in(
        d,
        &["extract", "feed.json", "--format", "timeml", "--out", "tml"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let manifest = std::fs::read_to_string(d.join("tml/manifest.tsv")).unwrap();
    let mut rows = manifest.lines().map(|l| l.split('\t').collect::<Vec<_>>());
    assert_eq!(rows.next().unwrap(), ["file", "id", "path"]);
    let rows: Vec<Vec<&str>> = rows.collect();
    assert_eq!(rows.len(), ids.len());
    let mut names = std::collections::HashSet::new();
    for (i, row) in rows.iter().enumerate() {
        let name = row[0];
        assert!(names.insert(name.to_lowercase()), "{name} twice");
        assert!(name.ends_with(".tml") && !name.starts_with('.'), "{name}");
        assert!(!name.contains('/'), "{name}");
        assert_eq!(row[2], "feed.json");
        // each file holds its own article, named in the manifest
        let tml = std::fs::read_to_string(d.join("tml").join(name)).unwrap();
        assert!(tml.contains(&format!("Article number {i}:")), "{name}");
    }
    assert_eq!(rows[0][0], "a_b.tml");
    assert_eq!(rows[0][1], "a/b");
    assert!(
        rows[1][0].starts_with("a_b-") && rows[1][1] == "a_b",
        "{rows:?}"
    );
    assert!(rows[2][0].starts_with("A_B-"), "{rows:?}");
    assert_eq!(rows[3][0], "_up.tml");
    assert_eq!(rows[4][0], "hidden.tml");
    // nothing but the listed files and the manifest
    let files = std::fs::read_dir(d.join("tml")).unwrap().count();
    assert_eq!(files, ids.len() + 1);

    // a link in the folder is not written through
    let outside = d.join("outside.txt");
    std::fs::write(&outside, "untouched").unwrap();
    std::fs::remove_file(d.join("tml/a_b.tml")).unwrap();
    symlink(&outside, d.join("tml/a_b.tml")).unwrap();
    let out = run_in(
        d,
        &["extract", "feed.json", "--format", "timeml", "--out", "tml"],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("tml/a_b.tml: not a regular file (a symbolic link)"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read_to_string(&outside).unwrap(), "untouched");
    assert!(temp_files(&d.join("tml")).is_empty());
}

#[test]
fn spreadsheet_cells_cannot_start_a_formula() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let article = serde_json::json!({
        "id": "=HYPERLINK(\"http://x\")",
        "date": "2021-12-07",
        "text": "Russia threatened Ukraine with military action on Monday. Russian troops attacked the town of Avdiivka on Tuesday."
    });
    std::fs::write(d.join("=feed.json"), article.to_string()).unwrap();
    let out = run_in(d, &["extract", "=feed.json", "--format", "csv"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    let header = reader.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert!(rows.len() >= 2);
    let mut negative_scores = 0;
    for r in &rows {
        assert_eq!(&r[col("article")], "'=HYPERLINK(\"http://x\")");
        assert!(r[col("id")].starts_with("'=HYPERLINK"));
        for (i, cell) in r.iter().enumerate() {
            let numeric = ["score", "goldstein", "span_start", "span_end"].contains(&&header[i]);
            if numeric {
                let n: f64 = cell.parse().unwrap_or_else(|_| panic!("{cell} a number"));
                negative_scores += usize::from(header[i] == *"score" && n < 0.0);
            } else {
                assert!(
                    !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "{cell}"
                );
            }
        }
    }
    assert!(negative_scores >= 2, "a score of -3.5 stays a number");

    let out = run_in(d, &["extract", "=feed.json", "--format", "gdelt"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let tsv = String::from_utf8(out.stdout).unwrap();
    let mut lines = tsv.lines().map(|l| l.split('\t').collect::<Vec<_>>());
    let header = lines.next().unwrap();
    let url = header.iter().position(|h| *h == "SOURCEURL").unwrap();
    let goldstein = header.iter().position(|h| *h == "GoldsteinScale").unwrap();
    let rows: Vec<Vec<&str>> = lines.collect();
    assert!(!rows.is_empty());
    for r in &rows {
        assert_eq!(r[url], "'=feed.json");
        assert!(r[goldstein].parse::<f64>().unwrap() < 0.0, "{r:?}");
    }
}
