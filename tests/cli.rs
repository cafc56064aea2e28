//! The `extract` command as a user and a pipeline see it.

use crate::util::{data, root, run};
use serde_json::Value;

#[test]
fn seeds_give_the_documented_json() {
    let out = run(&["extract", "seeds/"], None);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    for key in ["articles", "sentences", "timexes", "events", "quantities"] {
        assert!(v[key].is_array(), "{key}");
    }
    let arts = v["articles"].as_array().unwrap();
    assert_eq!(arts.len(), 3);
    let a0 = &arts[0];
    for key in [
        "id",
        "path",
        "file_name",
        "title",
        "published",
        "published_source",
        "warnings",
        "text",
    ] {
        assert!(a0.get(key).is_some(), "article field {key}");
    }
    assert_eq!(a0["published"], "2021-12-07");
    assert_eq!(
        a0["title"],
        "There is no love lost between Biden and Putin."
    );
    // the undated article gets its date from the events it shares with the others
    assert_eq!(arts[1]["published"], "2021-12-07");
    assert_eq!(arts[1]["published_source"], "inferred");
    let alone = crate::util::extract_json(&[&root().join("seeds/001_f433594d73ce1560.txt")]);
    assert_eq!(alone["articles"][0]["published"], Value::Null);
    assert!(
        alone["articles"][0]["warnings"]
            .to_string()
            .contains("no publication date")
    );
    // spans point into the article text
    for t in v["timexes"].as_array().unwrap() {
        let art = arts.iter().find(|a| a["id"] == t["article"]).unwrap();
        let text = art["text"].as_str().unwrap();
        let (s, e) = (
            t["span"][0].as_u64().unwrap() as usize,
            t["span"][1].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[s..e], t["text"].as_str().unwrap());
    }
    // the seed text is the whole file, byte for byte
    let file = std::fs::read_to_string(root().join("seeds/000_d4fc54c481534265.txt")).unwrap();
    assert_eq!(a0["text"].as_str().unwrap(), file);
    // debris is not analysed
    let debris_sentences = v["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["article"] == arts[1]["id"])
        .filter(|s| {
            let text = arts[1]["text"].as_str().unwrap();
            let (a, b) = (
                s["span"][0].as_u64().unwrap() as usize,
                s["span"][1].as_u64().unwrap() as usize,
            );
            text[a..b].contains("Leave a Reply")
        })
        .count();
    assert_eq!(debris_sentences, 0);
}

#[test]
fn bad_files_are_reported_and_the_rest_load() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("good.txt"),
        " date 2021-12-04 Talks\n\nBiden and Putin will meet on Tuesday.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("bad_date.txt"),
        " date 2021-13-45 Title\n\nText.\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("empty.txt"), "").unwrap();
    std::fs::write(dir.path().join("binary.txt"), [0u8, 159, 146, 150, 0, 1]).unwrap();
    let out = run(&["extract", dir.path().to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(1), "partial failure");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("bad_date.txt") && err.contains("2021-13-45"),
        "{err}"
    );
    assert!(err.contains("empty.txt: empty file"), "{err}");
    assert!(err.contains("binary.txt: not a text file"), "{err}");
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["articles"].as_array().unwrap().len(), 1);
    assert_eq!(v["errors"].as_array().unwrap().len(), 3);
    assert_eq!(v["timexes"][0]["value"], "2021-12-07");

    let out = run(
        &["extract", dir.path().join("empty.txt").to_str().unwrap()],
        None,
    );
    assert_eq!(out.status.code(), Some(2), "total failure");
}

#[test]
fn jsonl_streams_from_stdin_in_order() {
    let input = "{\"id\": \"a\", \"text\": \"Biden and Putin met on Friday.\", \"date\": \"2021-12-04\"}\n\
                 not json\n\
                 {\"id\": \"b\", \"body\": \"Russia annexed Crimea in 2014.\"}\n";
    let out = run(
        &["extract", "-", "--format", "jsonl"],
        Some(input.as_bytes()),
    );
    assert_eq!(out.status.code(), Some(1));
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["article"]["id"], "a");
    assert_eq!(lines[0]["timexes"][0]["value"], "2021-12-03");
    assert!(
        lines[1]["error"]["message"]
            .as_str()
            .unwrap()
            .contains("line 2")
    );
    assert_eq!(lines[2]["article"]["id"], "b");
    assert_eq!(lines[2]["timexes"][0]["value"], "2014");
}

#[test]
fn timeml_and_csv_outputs() {
    let out = run(
        &[
            "extract",
            "seeds/002_dabadd9976efaa7d.txt",
            "--format",
            "timeml",
        ],
        None,
    );
    assert!(out.status.success());
    let tml = String::from_utf8(out.stdout).unwrap();
    assert!(tml.contains("<DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"2021-12-04\""));
    assert!(
        tml.contains("type=\"DATE\" value=\"2021-12-07\">Tuesday</TIMEX3>"),
        "{tml}"
    );
    // the TimeML reads back to the same text
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.tml");
    std::fs::write(&path, &tml).unwrap();
    let back = crate::util::extract_json(&[&path]);
    let orig = std::fs::read_to_string(root().join("seeds/002_dabadd9976efaa7d.txt")).unwrap();
    assert_eq!(back["articles"][0]["text"].as_str().unwrap(), orig);
    assert_eq!(back["articles"][0]["published"], "2021-12-04");

    let out = run(&["extract", "seeds/", "--format", "csv"], None);
    let csv = String::from_utf8(out.stdout).unwrap();
    let mut lines = csv.lines();
    assert!(lines.next().unwrap().starts_with("id,article,date,"));
    assert!(lines.count() >= 10, "one row per event");
}

#[test]
fn out_file_is_written_and_tempeval_files_read() {
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("out.json");
    let plat = data("tempeval3/platinum/AP_20130322.tml");
    let out = run(
        &[
            "extract",
            plat.to_str().unwrap(),
            "--out",
            out_path.to_str().unwrap(),
        ],
        None,
    );
    assert!(out.status.success());
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&out_path).unwrap()).unwrap();
    assert_eq!(v["articles"][0]["published"], "2013-03-22");
    assert_eq!(v["articles"][0]["published_source"], "timeml_dct");
    assert!(!v["timexes"].as_array().unwrap().is_empty());
}

#[test]
fn stats_report_counts_and_stages() {
    let out = run(&["extract", "seeds/", "--stats", "--format", "csv"], None);
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8_lossy(&out.stderr);
    let line = err
        .lines()
        .find(|l| l.contains("article(s)"))
        .unwrap_or_else(|| panic!("no stats line in {err}"));
    assert!(
        line.starts_with("tension-timeline: 3 article(s), "),
        "{line}"
    );
    assert!(line.contains(", 0 failed;"), "{line}");
    for stage in [
        "listing ",
        "analysis ",
        "dating ",
        "merging ",
        "output ",
        " in all",
    ] {
        assert!(line.contains(stage), "{stage} in {line}");
    }
    let v: Value = serde_json::from_slice(&run(&["extract", "seeds/"], None).stdout).unwrap();
    let mentions = v["events"].as_array().unwrap().len();
    assert!(
        line.contains(&format!(", {mentions} event mention(s), ")),
        "{line}"
    );
    // without the flag, nothing but the output
    let quiet = run(&["extract", "seeds/", "--format", "csv"], None);
    assert!(
        quiet.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&quiet.stderr)
    );
}

#[test]
fn help_explains_every_option() {
    let out = run(&["extract", "--help"], None);
    let help = String::from_utf8(out.stdout).unwrap();
    for opt in [
        "--format",
        "--out",
        "--progress",
        "--stats",
        "--follow",
        "json",
        "jsonl",
        "csv",
        "timeml",
    ] {
        assert!(help.contains(opt), "{opt} in {help}");
    }
}

#[test]
fn gdelt_and_svg_exports() {
    let out = run(&["extract", "seeds/", "--format", "gdelt"], None);
    assert!(out.status.success());
    let tsv = String::from_utf8(out.stdout).unwrap();
    let mut rows = tsv.lines().map(|l| l.split('\t').collect::<Vec<_>>());
    let header = rows.next().unwrap();
    assert_eq!(header[1], "SQLDATE");
    let call = rows
        .find(|r| r[1] == "20211207" && r[11] == "CONSULT")
        .expect("the 2021-12-07 call");
    assert_eq!(call.len(), header.len());
    assert_eq!(call[10], "3", "reported by the three articles");
    assert!(call[5].starts_with("04"), "a CAMEO consult code");
    let col = |name: &str| header.iter().position(|h| *h == name).expect(name);
    let geneva = tsv
        .lines()
        .map(|l| l.split('\t').collect::<Vec<_>>())
        .find(|r| r[col("ActionGeo_FullName")] == "Geneva")
        .expect("an event in Geneva");
    assert_eq!(geneva[col("ActionGeo_CountryCode")], "CH");
    assert_eq!(geneva[col("ActionGeo_Type")], "4", "a world city");
    let lat: f64 = geneva[col("ActionGeo_Lat")].parse().unwrap();
    assert!((lat - 46.2).abs() < 0.1);

    let out = run(&["extract", "seeds/", "--format", "svg"], None);
    let svg = String::from_utf8(out.stdout).unwrap();
    assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
    assert!(svg.contains("CONSULT") && svg.contains("2014"));

    let out = run(&["extract", "seeds/", "--format", "csv"], None);
    let csv = String::from_utf8(out.stdout).unwrap();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let n = reader.headers().unwrap().len();
    let headers = reader.headers().unwrap().clone();
    assert!(headers.iter().any(|h| h == "location_precision"));
    assert!(
        reader.records().all(|r| r.unwrap().len() == n),
        "every row has every column"
    );

    let out = run(&["extract", "seeds/", "--format", "geojson"], None);
    assert!(out.status.success());
    let geo: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(geo["type"], "FeatureCollection");
    let features = geo["features"].as_array().unwrap();
    let crimea = features
        .iter()
        .find(|f| f["properties"]["place_id"] == "x-crimea")
        .expect("the 2014 events in Crimea");
    assert_eq!(crimea["geometry"]["type"], "Point");
    assert_eq!(crimea["properties"]["precision"], "region");
    let lon = crimea["geometry"]["coordinates"][0].as_f64().unwrap();
    assert!((33.0..37.0).contains(&lon), "{lon}");
}

#[test]
fn png_export_is_the_apps_timeline() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("timeline.png");
    let out = run(
        &[
            "extract",
            "seeds/",
            "--format",
            "png",
            "--out",
            path.to_str().unwrap(),
        ],
        None,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&path).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    assert_eq!(info.width, 1200);
    assert!(info.height > 250);
    // markers in type colors: the CONSULT blue of the palette is there
    let [r, g, b] = tension_timeline::export::palette::type_color(
        tension_timeline::extract::PloverType::Consult,
    );
    let near = |p: &[u8]| {
        (p[0] as i32 - r as i32).abs() < 12
            && (p[1] as i32 - g as i32).abs() < 12
            && (p[2] as i32 - b as i32).abs() < 12
    };
    let consult = buf[..info.buffer_size()]
        .chunks(4)
        .filter(|p| near(p))
        .count();
    assert!(consult > 50, "{consult} CONSULT-colored pixels");
}
