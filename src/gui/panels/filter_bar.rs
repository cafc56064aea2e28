//! The filter bar across the window, above the timeline: actor, text,
//! place, modality, dates and the switches. It edits its own draft
//! ([`crate::gui::filter_draft::FilterDraft`]) and sends each change as a
//! command; the Types legend beside the plot is the type filter.

use crate::extract::Modality;
use crate::gui::app::App;
use crate::gui::command::Command;
use crate::gui::timeline_data::DateInput;
use chrono::NaiveDate;

/// Draws the filter bar.
pub fn show(app: &mut App, ui: &mut egui::Ui) {
    let article = app.article;
    app.sync_filter_bar();
    let mut clear = false;
    egui::Panel::top("filter_bar").show(ui, |ui| {
        ui.add_space(2.0);
        ui.horizontal_wrapped(|ui| {
            let bar = &mut app.filter_bar;
            let f = &mut bar.draft;
            ui.label(egui::RichText::new("Filters").strong());
            ui.label("Actor");
            text_filter(
                ui,
                &mut f.actor,
                ("Actor filter", "RUS, Russia, Kremlin…", 130.0),
                "Events with this actor as source or target: a code (RUS), \
                 a name, an adjective or a person of the lexicon (Russia, Kremlin, Putin), \
                 or words of the mention",
            );
            ui.label("Text");
            text_filter(
                ui,
                &mut f.search,
                ("Text filter", "search evidence", 120.0),
                "Events whose sentence contains these words (any case)",
            );
            ui.label("Place");
            text_filter(
                ui,
                &mut f.place,
                ("Place filter", "Geneva, Ukraine, UA…", 120.0),
                "Events located at this place or in this country: a place's name, \
                 a country's name or its two-letter code",
            );
            ui.label("Modality");
            let current = f.modality.map_or("any", Modality::name);
            egui::ComboBox::from_id_salt("modality")
                .selected_text(current)
                .width(96.0)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut f.modality, None, "any");
                    for m in Modality::ALL {
                        ui.selectable_value(&mut f.modality, Some(m), m.name());
                    }
                })
                .response
                .on_hover_text("Only events the text asserts, denies, plans, reports...");
            ui.label("From");
            let [from, to] = &mut bar.date_inputs;
            date_field(ui, from, &mut f.from, false);
            ui.label("to");
            date_field(ui, to, &mut f.to, true);
            ui.checkbox(&mut f.show_negated, "Negated").on_hover_text(
                "Also events the text says did not happen (\"has no plans of invading\")",
            );
            let mut only_this = f.article.is_some();
            if ui
                .checkbox(&mut only_this, "This article only")
                .on_hover_text("Only the events of the article shown in the text view")
                .changed()
            {
                f.article = if only_this { article } else { None };
            }
            if *f != f.cleared()
                && ui
                    .button("Clear")
                    .on_hover_text("Show every event again")
                    .clicked()
            {
                clear = true;
            }
        });
        let errors: Vec<String> = app
            .filter_bar
            .date_inputs
            .iter()
            .zip(["From", "To"])
            .filter_map(|(d, which)| d.error.as_ref().map(|e| format!("{which}: {e}")))
            .collect();
        if !errors.is_empty() {
            ui.colored_label(ui.visuals().error_fg_color, errors.join("   "));
        }
        ui.add_space(2.0);
    });
    if clear {
        app.push(Command::ClearFilters);
    } else if let Some(f) = app.filter_bar.take_change() {
        app.push(Command::SetFilters(Box::new(f)));
    }
}

/// A text field of the filter bar: (its name for assistive technology and
/// tests, its hint, its width) and its tooltip.
fn text_filter(ui: &mut egui::Ui, value: &mut String, field: (&str, &str, f32), tip: &str) {
    let (name, hint, width) = field;
    let r = ui.add(
        egui::TextEdit::singleline(value)
            .hint_text(hint)
            .desired_width(width),
    );
    r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, name));
    r.on_hover_text(tip);
}

/// One bound of the date filter: the text stays as typed and is checked
/// on Enter or when the field loses focus (a year, a month or a day); an
/// entry that is no date shows in red with the reason.
fn date_field(ui: &mut egui::Ui, input: &mut DateInput, value: &mut Option<NaiveDate>, end: bool) {
    let id = ui.make_persistent_id(if end { "date_to" } else { "date_from" });
    let editing = ui.memory(|m| m.has_focus(id));
    input.follow(*value, editing);
    let mut edit = egui::TextEdit::singleline(&mut input.text)
        .id(id)
        .hint_text(if end { "to" } else { "from" })
        .desired_width(80.0);
    if input.error.is_some() {
        edit = edit.text_color(ui.visuals().error_fg_color);
    }
    let name = if end { "To date" } else { "From date" };
    let r = ui.add(edit);
    r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, name));
    let r = match &input.error {
        Some(e) => r.on_hover_text(e.as_str()),
        None => {
            r.on_hover_text("a year (2021), a month (2021-06) or a day (2021-06-01); Enter applies")
        }
    };
    if r.changed() {
        // typing again: the old complaint no longer applies
        input.error = None;
    }
    if r.lost_focus()
        && let Some(v) = input.commit(end)
    {
        *value = v;
    }
}
