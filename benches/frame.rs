//! CPU time of one frame of the whole application with 100,000 events
//! (5,000 synthetic articles of about 20 events each, from the seeds with
//! dates spread over four years), through `egui::Context::run`: the
//! timeline with the article text, and the timeline with the map.

use chrono::{Duration, NaiveDate};
use criterion::{Criterion, criterion_group, criterion_main};
use rayon::prelude::*;
use std::path::Path;
use tension_timeline::corpus::Corpus;
use tension_timeline::extract::analyze;
use tension_timeline::gui::app::{App, CentralView, UiState};
use tension_timeline::gui::command::Command;
use tension_timeline::gui::file_dialog::{FakePicker, PickResult};
use tension_timeline::ingest::{DateSource, Source, read_bytes};

fn corpus(target_events: usize) -> Corpus {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut seeds: Vec<Vec<u8>> = std::fs::read_dir(root.join("seeds"))
        .expect("seeds")
        .flatten()
        .filter_map(|e| std::fs::read(e.path()).ok())
        .collect();
    seeds.sort();
    let start = NaiveDate::from_ymd_opt(2019, 1, 1).expect("valid");
    let mut c = Corpus::default();
    let mut i = 0;
    while c.event_count() < target_events {
        let batch: Vec<_> = (i..i + 500)
            .into_par_iter()
            .map(|k| {
                let mut a = read_bytes(&Source::new(format!("s/{k}.txt")), &seeds[k % seeds.len()])
                    .remove(0)
                    .expect("readable");
                a.id = format!("a{k}");
                a.set_published(
                    Some(start + Duration::days(((k * 37) % 1460) as i64)),
                    DateSource::Header,
                );
                analyze(a)
            })
            .collect();
        c.extend(batch);
        i += 500;
    }
    c
}

fn bench(c: &mut Criterion) {
    let mut app = App::with_picker(
        UiState {
            show_index: true,
            ..Default::default()
        },
        Box::new(FakePicker(PickResult::Cancelled)),
    );
    app.corpus = corpus(100_000);
    app.article = Some(0);
    app.push(Command::SelectEvent(Some((0, 0))));
    let events = app.corpus.event_count();
    let ctx = egui::Context::default();
    let input = || egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1400.0, 900.0),
        )),
        ..Default::default()
    };
    // the first frame builds the plot geometry; later frames reuse it
    let _ = ctx.run_ui(input(), |ui| app.draw(ui));
    c.bench_function(&format!("frame_with_{events}_events"), |b| {
        b.iter(|| ctx.run_ui(input(), |ui| app.draw(ui)))
    });
    // the map tab instead of the article text: outlines and the located
    // events of the period shown
    app.push(Command::Show(CentralView::Map));
    let _ = ctx.run_ui(input(), |ui| app.draw(ui));
    let located = app.map_markers.len();
    c.bench_function(
        &format!("map_frame_with_{events}_events_{located}_located"),
        |b| b.iter(|| ctx.run_ui(input(), |ui| app.draw(ui))),
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
