//! The analyst's review of the selected event: accept or reject it, change
//! its type, modality, date or actors, merge it with a marked event or split
//! it from its merged event. Each change is a correction recorded in the
//! project at once and undone with Ctrl+Z.

use crate::corpus::project::{Correction, EventKey};
use crate::extract::{ActorMention, Modality, PloverType, Review};
use crate::gui::app::{App, EditBuffers, MergeMark};
use crate::gui::command::Command;
use crate::nlp::temporal::value_range;

fn codes(v: &[ActorMention]) -> String {
    v.iter()
        .map(|m| m.code.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn split_codes(s: &str) -> Vec<String> {
    s.split([',', ';', ' '])
        .map(|c| c.trim().to_uppercase())
        .filter(|c| !c.is_empty())
        .collect()
}

/// Draws the review controls of the selected event.
pub fn show(app: &mut App, ui: &mut egui::Ui) {
    let Some((ai, ei)) = app.selection() else {
        return;
    };
    let Some(a) = app.corpus.analyses.get(ai) else {
        return;
    };
    let Some(e) = a.events.get(ei) else {
        return;
    };
    let Some(hash) = app.session.hash_of(ai) else {
        return;
    };
    let key = EventKey::of(hash, e);
    if app.edit.event != e.id {
        app.edit = EditBuffers {
            event: e.id.clone(),
            date: e.date.value.clone().unwrap_or_default(),
            source: codes(&e.source),
            target: codes(&e.target),
        };
    }
    let (review, ty, modality) = (e.review, e.event_type, e.modality);
    let label = format!(
        "{} {} “{}”",
        ty.name(),
        e.date.value.as_deref().unwrap_or("undated"),
        e.trigger.text
    );
    let merged = e
        .cluster
        .as_ref()
        .and_then(|c| app.corpus.cluster(c))
        .is_some_and(|m| m.mentions.len() > 1);
    let mut out: Vec<Command> = Vec::new();

    ui.separator();
    ui.horizontal(|ui| {
        ui.heading("Review");
        let status = match review {
            Review::Unreviewed => egui::RichText::new("unreviewed").weak(),
            Review::Rejected => {
                egui::RichText::new("rejected").color(egui::Color32::from_rgb(200, 60, 60))
            }
            r => egui::RichText::new(r.name()).color(egui::Color32::from_rgb(40, 150, 80)),
        };
        ui.label(status);
    });
    ui.horizontal(|ui| {
        if ui
            .add_enabled(review != Review::Accepted, egui::Button::new("Accept"))
            .on_hover_text("The event is right as extracted")
            .clicked()
        {
            out.push(Command::Correct(Correction::Accept { key: key.clone() }));
        }
        if ui
            .add_enabled(review != Review::Rejected, egui::Button::new("Reject"))
            .on_hover_text("Not an event: hide it from the timeline and the exports")
            .clicked()
        {
            out.push(Command::Correct(Correction::Reject { key: key.clone() }));
        }
        let (undo, redo) = app.session.can_undo_redo();
        if ui.add_enabled(undo, egui::Button::new("Undo")).clicked() {
            out.push(Command::Undo);
        }
        if ui.add_enabled(redo, egui::Button::new("Redo")).clicked() {
            out.push(Command::Redo);
        }
    });
    egui::Grid::new("review_grid")
        .num_columns(2)
        .show(ui, |ui| {
            ui.label("Type");
            let mut to = ty;
            egui::ComboBox::from_id_salt("review_type")
                .selected_text(ty.name())
                .show_ui(ui, |ui| {
                    for t in PloverType::ALL {
                        ui.selectable_value(&mut to, t, t.name());
                    }
                });
            if to != ty {
                out.push(Command::Correct(Correction::SetType {
                    key: key.clone(),
                    to,
                    mode: String::new(),
                }));
            }
            ui.end_row();
            ui.label("Modality");
            let mut to = modality;
            egui::ComboBox::from_id_salt("review_modality")
                .selected_text(modality.name())
                .show_ui(ui, |ui| {
                    for m in Modality::ALL {
                        ui.selectable_value(&mut to, m, m.name());
                    }
                });
            if to != modality {
                out.push(Command::Correct(Correction::SetModality {
                    key: key.clone(),
                    to,
                }));
            }
            ui.end_row();
            ui.label("Date");
            ui.horizontal(|ui| {
                let valid = value_range(app.edit.date.trim()).is_some();
                let r = ui.add(
                    egui::TextEdit::singleline(&mut app.edit.date)
                        .hint_text("2021-12-07, 2021-12 or 2021")
                        .desired_width(130.0)
                        .text_color_opt((!valid).then_some(egui::Color32::from_rgb(200, 60, 60))),
                );
                let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                if ui
                    .add_enabled(valid, egui::Button::new("Set date"))
                    .clicked()
                    || (enter && valid)
                {
                    out.push(Command::Correct(Correction::SetDate {
                        key: key.clone(),
                        value: app.edit.date.trim().to_string(),
                    }));
                }
            });
            ui.end_row();
            ui.label("Source");
            ui.add(
                egui::TextEdit::singleline(&mut app.edit.source)
                    .hint_text("codes, e.g. USA")
                    .desired_width(130.0),
            );
            ui.end_row();
            ui.label("Target");
            ui.horizontal(|ui| {
                ui.add(
                    egui::TextEdit::singleline(&mut app.edit.target)
                        .hint_text("codes, e.g. RUS")
                        .desired_width(130.0),
                );
                if ui
                    .button("Set actors")
                    .on_hover_text("Replace the source and target codes (comma-separated)")
                    .clicked()
                {
                    out.push(Command::Correct(Correction::SetActors {
                        key: key.clone(),
                        source: split_codes(&app.edit.source),
                        target: split_codes(&app.edit.target),
                    }));
                }
            });
            ui.end_row();
        });
    ui.horizontal_wrapped(|ui| {
        match app.merge_mark().cloned() {
            Some(mark) if mark.key != key => {
                if ui
                    .button(format!("Merge with {}", mark.label))
                    .on_hover_text("These two mentions report one real event")
                    .clicked()
                {
                    out.push(Command::Correct(Correction::Merge {
                        key: mark.key,
                        other: key.clone(),
                    }));
                }
                if ui.button("Forget mark").clicked() {
                    out.push(Command::MarkForMerge(None));
                }
            }
            Some(_) => {
                ui.label("Marked: select the event to merge it with");
                if ui.button("Forget mark").clicked() {
                    out.push(Command::MarkForMerge(None));
                }
            }
            None => {
                if ui
                    .button("Mark for merging")
                    .on_hover_text("Then select another mention of the same event")
                    .clicked()
                {
                    out.push(Command::MarkForMerge(Some(MergeMark {
                        key: key.clone(),
                        label,
                    })));
                }
            }
        }
        if merged
            && ui
                .button("Split from merged event")
                .on_hover_text("This mention is a different event")
                .clicked()
        {
            out.push(Command::Correct(Correction::Split { key: key.clone() }));
        }
    });
    for c in out {
        app.push(c);
    }
}
