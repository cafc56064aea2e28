//! Events on news the rules were not written for: the development figures
//! of `eval-events`, the field's actor codes, the relevance gate, and the
//! version-2 actor fields.

use crate::util::run;
use serde_json::Value;

/// Runs `extract` on one text given on standard input and returns its
/// events.
fn events_of(text: &str) -> Vec<Value> {
    let out = run(&["extract", "--format", "json", "-"], Some(text.as_bytes()));
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["schema_version"], 2);
    v["events"].as_array().cloned().unwrap_or_default()
}

fn codes(e: &Value, side: &str) -> Vec<String> {
    e[side]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["code"].as_str().unwrap_or("").to_string())
        .collect()
}

#[test]
fn eval_events_prints_every_figure_beside_its_target() {
    // on a clone without ../shared: the sets kept in tests/data and seeds/
    let out = run(&["eval-events", "--shared", "no-such-dir"], None);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let figure = |set: &str, measure: &str| -> f64 {
        text.lines()
            .find(|l| l.starts_with(set) && l.contains(measure))
            .and_then(|l| l[24 + 1 + 24..].split_whitespace().next())
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| panic!("no {set} {measure} in\n{text}"))
    };
    assert!(figure("seed key", "recall") >= 0.99, "{text}");
    assert!(figure("seed key", "precision") >= 0.89, "{text}");
    assert!(figure("seed key", "actor accuracy") >= 0.98, "{text}");
    assert!(
        figure("PLOVER gold sentences", "type accuracy") >= 0.80,
        "{text}"
    );
    assert!(figure("TempEval-3 platinum", "value F1") >= 80.0, "{text}");
    // the development key: annotated before the extractor was run on it.
    // Actor accuracy was 0.62 when unknown names let the nearest coded actor
    // fill their slot; a name no dictionary knows now stays, uncoded (issue
    // 14), and some of those borrowed codes were right by chance.
    assert!(figure("development key", "recall") >= 0.68, "{text}");
    assert!(
        figure("development key", "actor accuracy") >= 0.59,
        "{text}"
    );
    // sets that live only in ../shared are skipped with a note
    assert!(text.contains("coded news sentences: skipped"), "{text}");
}

#[test]
fn agents_take_the_state_the_text_gives() {
    let ev = events_of(" date 2013-06-30 Cairo\n\nEgyptian police arrested 12 protesters.\n");
    let e = ev
        .iter()
        .find(|e| e["type"] == "COERCE")
        .expect("the arrest");
    assert_eq!(codes(e, "source"), vec!["EGYCOP"]);
    let m = &e["source"][0];
    assert_eq!(m["country"], "EGY");
    assert_eq!(m["role"], "COP");
    assert!(
        m["entry"].as_str().unwrap().contains("agents.toml COP"),
        "{m}"
    );
    assert!(
        e["rule"].as_str().unwrap().contains("(events.toml COERCE:"),
        "{}",
        e["rule"]
    );

    let ev = events_of(" date 2013-06-30 Cairo\n\nPolice in Egypt arrested 12 protesters.\n");
    let e = ev
        .iter()
        .find(|e| e["type"] == "COERCE")
        .expect("the arrest");
    assert_eq!(codes(e, "source"), vec!["EGYCOP"]);
}

#[test]
fn a_bare_role_is_of_the_place_where_it_acts() {
    let ev = events_of(" date 2013-06-30 Report\n\nPolice arrested 12 protesters in Cairo.\n");
    let e = ev
        .iter()
        .find(|e| e["type"] == "COERCE")
        .expect("the arrest");
    assert_eq!(codes(e, "source"), vec!["EGYCOP"], "{e}");
    assert!(
        e["rule"]
            .as_str()
            .unwrap()
            .contains("bare role of the place"),
        "{}",
        e["rule"]
    );
    // with no place, police stay the bare role
    let ev = events_of(" date 2013-06-30 Report\n\nPolice arrested the Egyptian protesters.\n");
    let e = ev
        .iter()
        .find(|e| e["type"] == "COERCE")
        .expect("the arrest");
    assert_eq!(codes(e, "source"), vec!["COP"], "{e}");

    // "police in Cairo" is one actor: Cairo is not what was arrested, and
    // the protesters, not the police, are the ones who protested
    let ev = events_of(" date 2013-06-30 Report\n\nPolice in Cairo arrested 12 protesters.\n");
    let e = ev
        .iter()
        .find(|e| e["type"] == "COERCE")
        .expect("the arrest");
    assert_eq!(codes(e, "source"), vec!["EGYCOP"], "{e}");
    assert!(!codes(e, "target").contains(&"EGY".to_string()), "{e}");
    let p = ev
        .iter()
        .find(|e| e["type"] == "PROTEST")
        .expect("the protest");
    assert!(!codes(p, "source").contains(&"EGYCOP".to_string()), "{p}");
    assert_eq!(p["source"][0]["text"], "protesters", "{p}");
}

#[test]
fn an_act_that_has_lasted_a_span_began_that_long_before_the_story() {
    let ev = events_of(
        " date 1998-03-22 Report\n\nThe bomb threatened the IRA's 8-month-old truce with Britain.\n\n\
         Israel-Syrian talks have been cut off for nearly two years.\n",
    );
    let date_of = |ty: &str| -> String {
        let e = ev
            .iter()
            .find(|e| e["type"] == ty)
            .unwrap_or_else(|| panic!("no {ty} in {ev:?}"));
        e["date"]["value"].as_str().unwrap_or("").to_string()
    };
    // eight months before March 1998, to the month; two years, to the year
    assert_eq!(date_of("RETREAT"), "1997-07");
    assert_eq!(date_of("SANCTION"), "1996");
    // the span of a participle between is not the act's: the release is now
    let ev = events_of(
        " date 2019-06-01 Report

France's president has announced the release of a French \
         citizen held hostage in Yemen for more than four months.\n",
    );
    let release = ev
        .iter()
        .find(|e| e["type"] == "RETREAT")
        .unwrap_or_else(|| panic!("no release in {ev:?}"));
    assert_eq!(release["date"]["value"], "2019-06-01", "{release}");
}

#[test]
fn an_attack_told_again_weeks_later_is_merged_with_the_first_report() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("first.txt"),
        " date 1998-08-08 Blast\n\nAl-Qaeda bombed the U.S. embassy in Nairobi on Friday, \
         killing 80 people.\n",
    )
    .unwrap();
    // nineteen days on, told again with no time of its own (and not by a
    // definite noun)
    std::fs::write(
        dir.path().join("later.txt"),
        " date 1998-08-26 Aftermath\n\nAl-Qaeda bombed the U.S. embassy in Nairobi, \
         killing 253 people.\n",
    )
    .unwrap();
    let out = run(
        &["extract", "--format", "json", dir.path().to_str().unwrap()],
        None,
    );
    assert_eq!(out.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let attacks: Vec<&Value> = v["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["type"] == "ASSAULT")
        .collect();
    let first = attacks
        .iter()
        .find(|e| e["article"] == "first.txt")
        .unwrap();
    let later = attacks
        .iter()
        .find(|e| e["article"] == "later.txt")
        .unwrap();
    assert_eq!(first["date"]["value"], "1998-08-07");
    assert_eq!(later["cluster"], first["cluster"], "{later}");
}

#[test]
fn the_previous_sentence_does_not_lend_its_actor_to_a_clause_with_its_own_subject() {
    let ev = events_of(
        " date 2021-03-01 Report\n\nTurkey criticised Greece on Monday.\n\n\
         A car bomb killed five soldiers in the town on Tuesday.\n",
    );
    let e = ev
        .iter()
        .find(|e| e["type"] == "ASSAULT")
        .expect("the bombing");
    assert!(!codes(e, "source").contains(&"TUR".to_string()), "{e}");
}

#[test]
fn a_text_not_about_politics_gives_no_events() {
    let review = " date 2012-05-02 Great little place\n\n\
        I went there with my sister last week and we loved it. The staff helped us pick a wine \
        and the owner, who grew up in Vietnam, came over to talk about the menu. You should ask \
        for the table by the window; they agreed to hold it for us when I called ahead. My only \
        complaint is the parking, which is a nightmare on Fridays. I will definitely be back, \
        and I recommend the spring rolls to anyone who asks me.\n";
    let ev = events_of(review);
    assert!(ev.is_empty(), "{ev:?}");
}

#[test]
fn suspended_aid_is_a_sanction() {
    let ev = events_of(
        " date 2016-02-11 Aid\n\nSouth Korea suspended humanitarian aid to North Korea.\n",
    );
    assert!(ev.iter().any(|e| e["type"] == "SANCTION"), "{ev:?}");
    assert!(!ev.iter().any(|e| e["type"] == "AID"), "{ev:?}");
}

#[test]
fn an_arrest_reported_without_its_agent_is_the_police_of_its_place() {
    let ev = events_of(
        " date 1999-10-08 Arrest\n\nA Kenyan man was arrested on Friday in Mombasa in connection \
         with the bombing of a hotel.\n",
    );
    let arrest = ev
        .iter()
        .find(|e| e["type"] == "COERCE")
        .expect("the arrest");
    assert_eq!(codes(arrest, "source"), ["KENCOP"], "{arrest}");
    assert!(
        arrest["rule"]
            .as_str()
            .unwrap()
            .contains("the police of Mombasa"),
        "{arrest}"
    );
    // a named agent stays
    let ev = events_of(
        " date 1999-10-08 Arrest\n\nThe FBI arrested a Kenyan man on Friday in Mombasa.\n",
    );
    let arrest = ev.iter().find(|e| e["type"] == "COERCE").unwrap();
    assert!(
        !codes(arrest, "source").contains(&"KENCOP".to_string()),
        "{arrest}"
    );
}

#[test]
fn the_agent_of_an_event_noun_follows_its_of_phrase() {
    let ev = events_of(
        " date 1998-03-08 Kosovo\n\nThousands marched in Ankara to protest the killings of \
         ethnic Albanians by Serbian police.\n",
    );
    let killing = ev
        .iter()
        .find(|e| e["trigger"]["text"] == "killings")
        .expect("the killings");
    assert_eq!(codes(killing, "source"), ["SRBCOP"], "{killing}");
}

#[test]
fn a_time_after_a_verb_of_saying_dates_the_saying_not_the_event() {
    let ev = events_of(
        " date 1998-08-08 Blast\n\nBombs exploded at the U.S. embassies in Kenya and Tanzania \
         on Friday.\n\nAt least 82 were killed, officials said on Saturday.\n\nThe blast in \
         Nairobi occurred at about 10:35 a.m. (0735 GMT) Friday.\n",
    );
    let killed = ev
        .iter()
        .find(|e| e["trigger"]["text"] == "killed")
        .expect("the killing");
    // the story's Friday, not the day it was said
    assert_eq!(killed["date"]["value"], "1998-08-07", "{killed}");
    // a clock time takes the day named beside it
    let blast = ev
        .iter()
        .find(|e| e["trigger"]["text"] == "blast")
        .expect("the blast");
    assert_eq!(blast["date"]["value"], "1998-08-07T10:35", "{blast}");
}

#[test]
fn names_with_lower_case_particles_are_found_whole() {
    let ev = events_of(
        " date 1998-08-18 Visit\n\nMadeleine Albright met with President Daniel arap Moi \
         in Nairobi on Tuesday.\n",
    );
    let meeting = ev
        .iter()
        .find(|e| e["type"] == "CONSULT")
        .expect("the meeting");
    let texts: Vec<&str> = meeting["target"]
        .as_array()
        .unwrap()
        .iter()
        .chain(meeting["source"].as_array().unwrap())
        .filter_map(|m| m["text"].as_str())
        .collect();
    assert!(texts.contains(&"Daniel arap Moi"), "{meeting}");
}

#[test]
fn an_act_told_again_takes_the_date_the_article_gives_it() {
    let ev = events_of(
        " date 1998-09-07 Tourism\n\nBombs exploded at the U.S. embassy in Nairobi on Aug. 7, \
         killing 213 people.\n\nKenyan police said terrorists bombed the embassy in Nairobi.\n",
    );
    let again = ev
        .iter()
        .find(|e| e["trigger"]["text"] == "bombed")
        .expect("the bombing told again");
    assert_eq!(again["date"]["value"], "1998-08-07", "{again}");
    assert_ne!(again["date"]["basis"], "publication", "{again}");
    // told by a definite noun, it is no second event at all
    let ev = events_of(
        " date 1998-09-07 Tourism\n\nBombs exploded at the U.S. embassy in Nairobi on Aug. 7, \
         killing 213 people.\n\nKenyan police said the bombing in Nairobi was the work of \
         terrorists.\n",
    );
    assert!(
        !ev.iter().any(|e| e["trigger"]["text"] == "bombing"),
        "{ev:?}"
    );
}
