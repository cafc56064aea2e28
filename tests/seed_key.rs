//! The seed answer key, scored exactly as `tests/data/seeds_key/README.md`
//! (and `../shared/tools/score_events.py`) define.

use crate::util::{data, extract_json, root};
use serde_json::Value;
use tension_timeline::eval::key::score;

#[test]
fn seed_answer_key() {
    let key: Value =
        serde_json::from_str(&std::fs::read_to_string(data("seeds_key/seeds.json")).unwrap())
            .unwrap();
    let out = extract_json(&[&root().join("seeds")]);
    let f = score(&key, &out).expect("the key and the output have the fields the rules read");
    println!("seed answer key ({} predicted events):", f.predicted);
    println!("  recall              {:.3}  (min 0.85)", f.recall);
    println!("  precision           {:.3}  (min 0.80)", f.precision);
    println!(
        "  date accuracy       {:.3}  (dated articles, min 0.90)",
        f.date_accuracy_dated
    );
    println!(
        "  date accuracy, all  {:.3}  (undated article dated by inference)",
        f.date_accuracy_all
    );
    println!("  actor accuracy      {:.3}  (min 0.85)", f.actor_accuracy);
    println!(
        "  cluster pairs       {}/{}",
        f.cluster_pairs.0, f.cluster_pairs.1
    );
    println!("  wrong merges        {}", f.wrong_merges.len());
    println!("  negation errors     {}", f.negation_errors.len());
    println!("  modality errors     {}", f.modality_errors.len());
    println!(
        "  timexes (dated)     {}/{}",
        f.timex_dated.0, f.timex_dated.1
    );
    println!(
        "  quantities          {}/{}",
        f.quantities.0, f.quantities.1
    );
    for m in &f.missed {
        println!("  missed: {m}");
    }
    for m in f
        .negation_errors
        .iter()
        .chain(&f.modality_errors)
        .chain(&f.wrong_dates)
        .chain(&f.timex_dated.2)
    {
        println!("  error: {m}");
    }
    assert_eq!(
        f.timex_dated.0, f.timex_dated.1,
        "every required timex of the dated articles"
    );
    assert!(f.recall >= 0.85, "recall {:.3}", f.recall);
    assert!(f.precision >= 0.80, "precision {:.3}", f.precision);
    assert!(
        f.date_accuracy_dated >= 0.90,
        "date accuracy {:.3}",
        f.date_accuracy_dated
    );
    assert!(
        f.actor_accuracy >= 0.85,
        "actor accuracy {:.3}",
        f.actor_accuracy
    );
    assert!(f.negation_errors.is_empty(), "negation errors");
    assert!(f.modality_errors.is_empty(), "modality errors");
    assert_eq!(f.quantities.0, f.quantities.1, "every quantity");
    assert_eq!(
        f.cluster_pairs.0, f.cluster_pairs.1,
        "every key pair co-clustered"
    );
    assert!(f.wrong_merges.is_empty(), "no wrong merges");
    assert!(
        f.date_accuracy_all >= 0.90,
        "date accuracy with the undated article {:.3}",
        f.date_accuracy_all
    );
}

#[test]
fn undated_article_is_dated_from_the_others() {
    let out = extract_json(&[&root().join("seeds")]);
    let a = out["articles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["file_name"] == "001_f433594d73ce1560.txt")
        .unwrap();
    assert_eq!(a["published_source"], "inferred");
    assert_eq!(a["published"], "2021-12-07");
    let inference = &a["published_inference"];
    assert!(
        inference["basis"]
            .as_str()
            .unwrap()
            .contains("shared with dated articles")
    );
    assert!(inference["confidence"].as_f64().unwrap() > 0.5);
    // its "talks on Tuesday" are the 2021-12-07 call, one merged event with three articles
    let call = out["clusters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| {
            c["type"] == "CONSULT" && c["date"]["value"] == "2021-12-07" && c["articles"] == 3
        })
        .expect("the video call is one event reported by all three articles");
    assert!(call["mentions"].as_array().unwrap().len() >= 3);
}
