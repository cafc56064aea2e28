//! The temporal tagger on the TempEval-3 platinum test set, scored as the
//! official toolkit scores Task A.

use crate::util::data;

#[test]
fn platinum_task_a_beats_heideltime() {
    let ev = tension_timeline::eval::evaluate_dir_full(&data("tempeval3/platinum")).unwrap();
    let s = &ev.scores;
    println!("TempEval-3 platinum (HeidelTime: value F1 77.61, relaxed F1 90.30):\n{s}");
    assert_eq!(s.n_gold, 138, "the platinum key has 138 timexes");
    assert!(s.value_f1() >= 0.80, "value F1 {:.4}", s.value_f1());
    assert!(s.relaxed_f1() >= 0.90, "relaxed F1 {:.4}", s.relaxed_f1());
}
