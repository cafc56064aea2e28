//! Places (issue 16): place names linked to the gazetteer on the key of
//! hand-marked place mentions, and the seed key's events located.

use crate::util::{data, root};
use std::sync::atomic::AtomicBool;
use tension_timeline::corpus::Corpus;
use tension_timeline::eval::places::{
    LocationFigures, LocationKey, read_resolution_key, score_locations, score_resolution,
};

#[test]
fn place_names_are_linked_to_the_right_gazetteer_entry() {
    let key = read_resolution_key(
        &std::fs::read_to_string(data("places/resolution_key.tsv")).expect("the key"),
    );
    assert!(key.len() >= 400, "{}", key.len());
    let f = score_resolution(&key);
    assert!(f.places >= 200, "{f}");
    // the development key (its sentences were read while the rules were
    // written); the held-out key is measured by `eval-places --key`
    assert!(f.accuracy() >= 0.90, "{f}");
    assert!(f.country_accuracy() >= 0.93, "{f}");
    assert!(f.lookalikes_taken * 10 <= f.lookalikes, "{f}");
}

/// The articles of `articles` loaded as a corpus, and their event
/// locations scored against the location key at `key` (in `tests/data`).
fn located(key: &str, articles: std::path::PathBuf) -> (LocationFigures, Corpus) {
    let key: LocationKey =
        serde_json::from_str(&std::fs::read_to_string(data(key)).expect("the key"))
            .expect("it reads");
    let corpus =
        tension_timeline::corpus::load_paths(&[articles], &|_, _| {}, &AtomicBool::new(false));
    (score_locations(&key, &corpus.analyses), corpus)
}

#[test]
fn the_seed_events_are_located_where_the_text_says() {
    let (f, corpus) = located("seeds_key/locations.json", root().join("seeds"));
    assert!(f.matched >= 6, "{f}");
    assert!(f.country_accuracy() >= 0.90, "{f}\n{:?}", f.errors);
    assert!(f.exact_accuracy() >= 0.80, "{f}\n{:?}", f.errors);
    // Geneva for the summit, in Switzerland, not Illinois
    let geneva = corpus
        .analyses
        .iter()
        .flat_map(|a| &a.events)
        .filter_map(|e| e.location.as_ref())
        .find(|l| l.name == "Geneva")
        .expect("an event in Geneva");
    assert_eq!(geneva.country, "CH");
}

#[test]
fn the_development_key_events_are_located_where_the_text_says() {
    let (f, _) = located("devkey/locations.json", data("devkey/articles"));
    // measured: 116 matched, right country 0.905, right city or region 0.888
    // (issue 16 targets 0.90 and 0.80)
    assert!(f.matched >= 110, "{f}");
    assert!(f.country_accuracy() >= 0.90, "{f}\n{:?}", f.errors);
    assert!(f.exact_accuracy() >= 0.80, "{f}\n{:?}", f.errors);
}

#[test]
fn a_person_of_a_place_is_not_the_place() {
    let located = |text: &str| -> Vec<serde_json::Value> {
        let out = crate::util::run(&["extract", "--format", "json", "-"], Some(text.as_bytes()));
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
        v["events"].as_array().cloned().unwrap_or_default()
    };
    // "Turk" is also another name of a city in Uzbekistan
    let ev = located(
        " date 1998-08-12 Suspects\n\nSix Iraqis, a Somali and a Turk were rounded up in \
         Dar es Salaam.\n",
    );
    let e = ev
        .iter()
        .find(|e| e["trigger"]["text"] == "rounded up")
        .expect("the arrest");
    assert_eq!(e["location"]["name"], "Dar es Salaam", "{e}");
    // a place with its qualifier after "a" is still the place
    let ev = located(
        " date 1998-02-27 Bomb\n\nThe FBI said Eric Rudolph bombed a Birmingham, Ala., \
         abortion clinic in January.\n",
    );
    let e = ev.first().expect("the bombing");
    assert_eq!(e["location"]["name"], "Birmingham", "{e}");
    // and the AP abbreviation of its state says which Birmingham
    assert_eq!(e["location"]["country"], "US", "{e}");
    assert_eq!(e["location"]["admin1"], "AL", "{e}");
}

#[test]
fn a_continent_is_no_city_of_that_other_name() {
    // "Africa" is also another name of Mahdia, Tunisia
    let out = crate::util::run(
        &["extract", "--format", "json", "-"],
        Some(
            " date 1998-09-30 Aid\n\nThe United States sent doctors to Africa to help victims \
              of the bombings.\n"
                .as_bytes(),
        ),
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    for e in v["events"].as_array().unwrap() {
        assert_ne!(e["location"]["country"], "TN", "{e}");
    }
}
