//! Inputs that used to panic, and panics that stay with their article:
//! each case through the library and through the command line, with a good
//! file beside it that must still come out.

use crate::util::{data, json_lines, root, run, run_env};
use serde_json::Value;
use std::path::Path;
use std::process::{Command, Stdio};
use tension_timeline::corpus::{FAULT_INJECTION_VAR, load_paths};
use tension_timeline::extract::analyze;
use tension_timeline::ingest::{Source, read_bytes};

const GOOD: &str = " date 2021-12-07 Talks\n\nBiden spoke with Putin on Tuesday.\n";

/// Analyses `text` as a file named `name` through the library.
fn analyse(name: &str, text: &str) -> Vec<Result<usize, String>> {
    read_bytes(&Source::new(name), text.as_bytes())
        .into_iter()
        .map(|r| {
            r.map(|a| analyze(a).events.len())
                .map_err(|e| e.to_string())
        })
        .collect()
}

/// Runs `extract` on the files `(name, text)` written to a temporary folder,
/// with `env` set; returns the exit code, the JSON output and standard error.
fn extract_files(files: &[(&str, &str)], env: &[(&str, &str)]) -> (i32, Value, String) {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_tension-timeline"));
    cmd.arg("extract").arg("--format").arg("json");
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
        cmd.arg(dir.path().join(name));
    }
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let json = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {stderr}"));
    (out.status.code().unwrap(), json, stderr)
}

fn article_ids(v: &Value) -> Vec<&str> {
    v["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect()
}

#[test]
fn a_date_inside_a_gapped_trigger_is_the_events_own() {
    for sentence in [
        "Russia moved last week 10,000 troops to the border.",
        "Moscow sent in December 10,000 troops to Belarus.",
        "The West will make 2022 costly for Moscow.",
    ] {
        let text = format!(" date 2021-12-07 T\n\n{sentence}\n");
        assert!(analyse("g.txt", &text)[0].is_ok(), "{sentence}");
        let (code, v, err) = extract_files(&[("g.txt", &text), ("ok.txt", GOOD)], &[]);
        assert_eq!(code, 0, "{sentence}: {err}");
        assert_eq!(article_ids(&v), vec!["g.txt", "ok.txt"]);
    }
    // the troop movement is found and dated by the week inside it
    let text = " date 2021-12-07 T\n\nRussia moved last week 10,000 troops to the border.\n";
    let a = analyze(
        read_bytes(&Source::new("g.txt"), text.as_bytes())
            .remove(0)
            .unwrap(),
    );
    let moved = a.events.iter().find(|e| e.trigger.text.contains("moved"));
    let moved = moved.unwrap_or_else(|| panic!("{:#?}", a.events));
    assert_eq!(moved.date.value.as_deref(), Some("2021-W48"));
}

#[test]
fn a_date_with_a_multibyte_character_is_an_error_of_its_file() {
    let cases = [
        (
            "t.txt",
            " date 2021-12-€7 Title\n\nRussia warned Ukraine.\n".to_string(),
        ),
        (
            "j.json",
            r#"{"date": "2021-12-€", "text": "Russia warned Ukraine."}"#.to_string(),
        ),
        (
            "h.html",
            "<html><head><meta property=\"article:published_time\" content=\"2021-12-€\">\
             </head><body><p>Russia warned Ukraine on Tuesday about the troops.</p></body></html>"
                .to_string(),
        ),
    ];
    for (name, text) in &cases {
        // the library reads it without panicking: an error naming the file,
        // or the article without that date
        for r in analyse(name, text) {
            if let Err(e) = r {
                assert!(e.starts_with(name), "{e}");
            }
        }
        let (code, v, err) = extract_files(&[(name, text), ("ok.txt", GOOD)], &[]);
        assert!(article_ids(&v).contains(&"ok.txt"), "{name}: {err}");
        assert!(code == 0 || code == 1, "{name}: exit {code}: {err}");
        assert!(!err.contains("panicked"), "{name}: {err}");
    }
}

#[test]
fn timeml_with_an_ampersand_before_non_ascii_text_reads_and_round_trips() {
    let tml = "<?xml version=\"1.0\" ?>\n<TimeML>\n<DOCID>x</DOCID>\n\
               <DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"2021-12-07\" temporalFunction=\"false\" \
               functionInContext=\"CREATION_TIME\">2021-12-07</TIMEX3></DCT>\n\
               <TEXT>Johnson &amp; Tata’s talks with Moscow began on Tuesday. A &Tata’s;</TEXT>\n</TimeML>\n";
    let a = read_bytes(&Source::new("j.tml"), tml.as_bytes())
        .remove(0)
        .unwrap();
    assert!(a.text.contains("Johnson & Tata’s"), "{}", a.text);
    // the project's own TimeML output reads back to the same text
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("j.tml"), tml).unwrap();
    let out = run(
        &[
            "extract",
            "--format",
            "timeml",
            dir.path().join("j.tml").to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0));
    let again = read_bytes(&Source::new("again.tml"), &out.stdout)
        .remove(0)
        .unwrap();
    assert_eq!(again.text.trim(), a.text.trim());
}

#[test]
fn quotes_before_an_actor_do_not_break_the_look_back() {
    for text in [
        "The leaders of \"“Russia attacked Ukraine.",
        "The leaders of the “‘Russia attacked Ukraine.",
        "“‘“Russia attacked Ukraine.",
        "of\"“Russia attacked Ukraine.",
    ] {
        assert!(analyse("q.txt", text)[0].is_ok(), "{text}");
    }
    let (code, v, err) = extract_files(
        &[
            ("q.txt", "The leaders of \"“Russia attacked Ukraine."),
            ("ok.txt", GOOD),
        ],
        &[],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(article_ids(&v).len(), 2);
}

#[test]
#[cfg_attr(
    not(debug_assertions),
    ignore = "the fault is injected in debug builds only; run `cargo test`"
)]
fn a_panic_in_one_article_is_that_articles_error_and_the_batch_goes_on() {
    // debug builds panic on articles holding the marker (release builds ignore it)
    let marker = "XYZZY-PANIC";
    let bad = format!(" date 2021-12-07 T\n\nRussia warned Ukraine. {marker}\n");
    let (code, v, err) = extract_files(
        &[
            ("a.txt", GOOD),
            ("bad.txt", &bad),
            ("c.txt", " date 2021-12-08 T\n\nKyiv replied.\n"),
        ],
        &[(FAULT_INJECTION_VAR, marker)],
    );
    assert_eq!(code, 1, "partial failure: {err}");
    assert_eq!(article_ids(&v), vec!["a.txt", "c.txt"]);
    assert!(
        err.contains("bad.txt: internal error while analysing: fault injected"),
        "{err}"
    );
    // the JSONL stream: the line's error in its place, the lines after it analysed
    let input = format!(
        "{{\"text\": \"Russia warned Ukraine.\"}}\n{{\"text\": \"{marker}\"}}\n{{\"text\": \"Kyiv replied.\"}}\n"
    );
    let out = run_env(
        &["extract", "-", "--format", "jsonl"],
        Some(input.as_bytes()),
        &[(FAULT_INJECTION_VAR, marker)],
    );
    assert_eq!(out.status.code(), Some(1));
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 3);
    assert!(lines[0]["article"].is_object(), "{}", lines[0]);
    assert!(
        lines[1]["error"]["message"]
            .as_str()
            .unwrap()
            .starts_with("-: line 2: internal error while analysing"),
        "{}",
        lines[1]
    );
    assert!(lines[2]["article"].is_object());
    // the library: load_paths keeps the others and reports the article
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), GOOD).unwrap();
    std::fs::write(dir.path().join("bad.txt"), &bad).unwrap();
    // SAFETY: no other thread of this test reads the variable; the other
    // tests' texts do not hold the marker
    unsafe { std::env::set_var(FAULT_INJECTION_VAR, marker) };
    let corpus = load_paths(
        &[dir.path().to_path_buf()],
        &|_, _| {},
        &std::sync::atomic::AtomicBool::new(false),
    );
    unsafe { std::env::remove_var(FAULT_INJECTION_VAR) };
    assert_eq!(corpus.analyses.len(), 1);
    assert_eq!(corpus.errors.len(), 1);
    assert!(corpus.errors[0].path().ends_with("bad.txt"));
}

#[test]
fn eval_timeml_exits_quietly_when_its_reader_goes_away() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tension-timeline"))
        .args([
            "eval-timeml",
            data("tempeval3/platinum").to_str().unwrap(),
            "--errors",
        ])
        .current_dir(root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::BufRead;
        let mut first = String::new();
        let mut out = std::io::BufReader::new(child.stdout.take().unwrap());
        out.read_line(&mut first).unwrap();
        assert!(first.starts_with("=="), "{first}");
        // the reader goes away, as `| head -1` does
    }
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        !err.contains("panicked") && !err.contains("Broken pipe"),
        "{err}"
    );
}

#[test]
fn every_stream_line_gives_one_output_line() {
    let mut input = b"\xEF\xBB\xBF{\"text\": \"Russia warned Ukraine on Tuesday.\"}\n".to_vec();
    input.extend_from_slice(b"\n");
    input.extend_from_slice(b"{\"text\": \"caf\xE9 talks\"}\n");
    input.extend_from_slice(b"   \n");
    input.extend_from_slice(b"not json\n");
    input.extend_from_slice(b"{\"text\": \"Kyiv replied.\"}\r\n");
    input.extend_from_slice(b"{\"text\": \"Moscow denied it.\"}");
    let out = run(&["extract", "-", "--format", "jsonl"], Some(&input));
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 7, "{text}");
    let ok: Vec<bool> = lines.iter().map(|l| l.get("error").is_none()).collect();
    assert_eq!(ok, vec![true, false, false, false, false, true, true]);
    let message = |i: usize| lines[i]["error"]["message"].as_str().unwrap().to_string();
    assert_eq!(message(1), "-: line 2: blank line (no article)");
    assert!(message(2).contains("line 3: not valid UTF-8"));
    assert!(message(4).contains("line 5: invalid JSON"));
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn dated_articles_carry_no_missing_date_warning() {
    let cases = [
        ("t.txt", " date 2021-12-07 T\n\nRussia warned Ukraine.\n"),
        (
            "j.json",
            r#"{"date": "2021-12-07", "text": "Russia warned Ukraine."}"#,
        ),
        (
            "h.html",
            "<html><head><title>T</title><meta property=\"article:published_time\" \
             content=\"2021-12-07T10:00:00Z\"></head><body><article><p>Russia warned Ukraine \
             on Tuesday about the troops at the border, officials said.</p></article></body></html>",
        ),
    ];
    for (name, text) in cases {
        let a = read_bytes(&Source::new(name), text.as_bytes())
            .remove(0)
            .unwrap();
        assert!(a.published.is_some(), "{name}");
        assert!(a.warnings.is_empty(), "{name}: {:?}", a.warnings);
    }
    // and the undated seed, once dated by inference, no longer says it has none
    let v = crate::util::extract_json(&[Path::new("seeds")]);
    for a in v["articles"].as_array().unwrap() {
        assert!(!a["published"].is_null());
        assert!(
            !a["warnings"].to_string().contains("no publication date"),
            "{a}"
        );
    }
}

#[test]
fn copies_of_an_article_are_read_once_and_do_not_multiply_events() {
    let one = crate::util::extract_json(&[Path::new("seeds")]);
    let dir = tempfile::tempdir().unwrap();
    let mut names = Vec::new();
    for entry in std::fs::read_dir(root().join("seeds")).unwrap() {
        let p = entry.unwrap().path();
        let bytes = std::fs::read(&p).unwrap();
        for copy in 0..40 {
            let name = format!("{copy:03}_{}", p.file_name().unwrap().to_string_lossy());
            std::fs::write(dir.path().join(&name), &bytes).unwrap();
            names.push(name);
        }
    }
    let out = run(
        &["extract", dir.path().to_str().unwrap(), "--format", "json"],
        None,
    );
    assert_eq!(out.status.code(), Some(0));
    let many: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(many["articles"].as_array().unwrap().len(), 3);
    assert_eq!(
        many["clusters"].as_array().unwrap().len(),
        one["clusters"].as_array().unwrap().len()
    );
    // each copy is reported once, naming the article kept
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.matches("read once").count(), 117, "{err}");
    assert!(err.contains("001_000_d4fc54c481534265.txt: the same article as"));
}
