//! The article list (title, date, events, warnings) and the filters.

use crate::corpus::project::Correction;
use crate::extract::Modality;
use crate::gui::app::App;
use crate::gui::command::Command;
use crate::gui::timeline_data::{ArticleSort, DateInput};
use crate::ingest::DateSource;
use chrono::NaiveDate;

/// Draws the left panel: filters and articles.
pub fn show(app: &mut App, ui: &mut egui::Ui) {
    egui::Panel::left("articles")
        .default_size(290.0)
        .resizable(true)
        .show(ui, |ui| {
            ui.heading("Filters");
            let mut changed = false;
            egui::Grid::new("filters").num_columns(2).show(ui, |ui| {
                ui.label("Actor");
                changed |= ui
                    .add(
                        egui::TextEdit::singleline(&mut app.filters.actor)
                            .hint_text("RUS, Russia, Kremlin…")
                            .desired_width(140.0),
                    )
                    .on_hover_text(
                        "Events with this actor as source or target: a code (RUS), \
                         a name, an adjective or a person of the lexicon (Russia, Kremlin, Putin), \
                         or words of the mention",
                    )
                    .changed();
                ui.end_row();
                ui.label("Text");
                changed |= ui
                    .add(
                        egui::TextEdit::singleline(&mut app.filters.search)
                            .hint_text("search evidence")
                            .desired_width(140.0),
                    )
                    .on_hover_text("Events whose sentence contains these words (any case)")
                    .changed();
                ui.end_row();
                ui.label("Place");
                changed |= ui
                    .add(
                        egui::TextEdit::singleline(&mut app.filters.place)
                            .hint_text("Geneva, Ukraine, UA…")
                            .desired_width(140.0),
                    )
                    .on_hover_text(
                        "Events located at this place or in this country: a place's name, \
                         a country's name or its two-letter code",
                    )
                    .changed();
                ui.end_row();
                ui.label("Modality");
                let current = app.filters.modality.map_or("any", Modality::name);
                egui::ComboBox::from_id_salt("modality")
                    .selected_text(current)
                    .show_ui(ui, |ui| {
                        changed |= ui
                            .selectable_value(&mut app.filters.modality, None, "any")
                            .changed();
                        for m in Modality::ALL {
                            changed |= ui
                                .selectable_value(&mut app.filters.modality, Some(m), m.name())
                                .changed();
                        }
                    })
                    .response
                    .on_hover_text("Only events the text asserts, denies, plans, reports...");
                ui.end_row();
                ui.label("From / to");
                ui.horizontal(|ui| {
                    let [from, to] = &mut app.date_inputs;
                    changed |= date_field(ui, from, &mut app.filters.from, false);
                    changed |= date_field(ui, to, &mut app.filters.to, true);
                });
                ui.end_row();
                let errors: Vec<String> = app
                    .date_inputs
                    .iter()
                    .zip(["From", "To"])
                    .filter_map(|(d, which)| d.error.as_ref().map(|e| format!("{which}: {e}")))
                    .collect();
                if !errors.is_empty() {
                    ui.label("");
                    ui.colored_label(ui.visuals().error_fg_color, errors.join("\n"));
                    ui.end_row();
                }
            });
            changed |= ui
                .checkbox(&mut app.filters.show_negated, "Show negated events")
                .on_hover_text("Also events the text says did not happen (\"has no plans of invading\")")
                .changed();
            let only = app.filters.article.is_some();
            let mut only_this = only;
            if ui
                .checkbox(&mut only_this, "Only the selected article")
                .on_hover_text("Only the events of the article shown in the text view")
                .changed()
            {
                app.filters.article = if only_this { app.article } else { None };
                changed = true;
            }
            if changed {
                app.invalidate();
            }
            // on a short window the list of types starts closed, so that
            // the articles below it keep room for several rows
            let tall = ui.ctx().content_rect().height() > 800.0;
            egui::CollapsingHeader::new("Types")
                .default_open(tall)
                .show(ui, |ui| {
                    for (t, n) in app.timeline.type_counts.clone() {
                        let mut shown = !app.filters.hidden_types.contains(&t);
                        let label = egui::RichText::new(format!("{} ({n})", t.name()))
                            .color(super::type_color(t, ui.visuals()));
                        if ui
                            .checkbox(&mut shown, label)
                            .on_hover_text(format!(
                                "Show or hide {} events; the count is of those the other filters let through",
                                t.name()
                            ))
                            .changed()
                        {
                            app.push(Command::ToggleType(t));
                        }
                    }
                });
            ui.separator();
            ui.heading("Articles");
            ui.horizontal(|ui| {
                let search = ui.add(
                    egui::TextEdit::singleline(&mut app.article_list.query)
                        .hint_text("find an article")
                        .desired_width(130.0),
                );
                search.widget_info(|| {
                    egui::WidgetInfo::labeled(egui::Role::TextInput, true, "find an article")
                });
                let mut list_changed = search.changed();
                egui::ComboBox::from_id_salt("article_sort")
                    .selected_text(app.article_list.sort.name())
                    .show_ui(ui, |ui| {
                        for s in ArticleSort::ALL {
                            list_changed |= ui
                                .selectable_value(&mut app.article_list.sort, s, s.name())
                                .changed();
                        }
                    });
                if list_changed {
                    app.article_list.invalidate();
                }
            });
            let order = app.article_list.listed(&app.corpus.analyses);
            let mut picked = None;
            let row_height = 2.0 * ui.text_style_height(&egui::TextStyle::Body)
                + ui.spacing().item_spacing.y
                + 2.0 * ui.spacing().button_padding.y;
            egui::ScrollArea::vertical()
                .id_salt("article_list")
                .max_height(ui.available_height() - 90.0)
                .show_rows(ui, row_height, order.len(), |ui, rows| {
                    for &i in &order[rows] {
                        let a = &app.corpus.analyses[i];
                        let art = &a.article;
                        let date = match (art.published, art.published_source) {
                            (Some(d), DateSource::Inferred) => format!("{d} (inferred)"),
                            (Some(d), _) => d.to_string(),
                            (None, _) => "undated (!)".to_string(),
                        };
                        let text = format!(
                            "{}\n{date} · {} events",
                            art.display_title(),
                            a.events.len()
                        );
                        let selected = app.article == Some(i);
                        let r = ui.selectable_label(selected, text);
                        let r = if art.warnings.is_empty() {
                            r
                        } else {
                            r.on_hover_text(art.warnings.join("\n"))
                        };
                        if r.clicked() {
                            picked = Some(i);
                        }
                    }
                });
            if let Some(i) = picked {
                app.push(Command::SelectArticle(i));
            }
            // setting the date of the selected article
            if let Some(i) = app.article
                && let Some(a) = app.corpus.analyses.get(i)
            {
                let art = &a.article;
                if art.published.is_none() || art.published_source == DateSource::Inferred {
                    ui.separator();
                    if art.published.is_none() {
                        ui.colored_label(
                            ui.visuals().warn_fg_color,
                            "This article states no publication date.",
                        );
                    } else if let Some(inf) = &art.published_inference {
                        ui.label(format!(
                            "Date inferred: {} (confidence {:.0}%)",
                            inf.basis,
                            inf.confidence * 100.0
                        ));
                    }
                    ui.horizontal(|ui| {
                        ui.label("Set date");
                        ui.add(
                            egui::TextEdit::singleline(&mut app.date_entry)
                                .hint_text("YYYY-MM-DD")
                                .desired_width(90.0),
                        );
                        if ui.button("Set").on_hover_text("Date the article's relative times (\"on Tuesday\") from this day").clicked() {
                            match NaiveDate::parse_from_str(app.date_entry.trim(), "%Y-%m-%d") {
                                Ok(date) => {
                                    if let Some(hash) = app.session.hash_of(i) {
                                        let article_hash = hash.to_string();
                                        app.push(Command::Correct(Correction::SetPublished {
                                            article_hash,
                                            date,
                                        }));
                                    }
                                }
                                Err(_) => {
                                    app.message =
                                        format!("Not a date: {:?} (use YYYY-MM-DD)", app.date_entry)
                                }
                            }
                        }
                    });
                }
            }
        });
}

/// One bound of the date filter: the text stays as typed and is checked
/// on Enter or when the field loses focus (a year, a month or a day); an
/// entry that is no date shows in red with the reason. True when the filter
/// changed.
fn date_field(
    ui: &mut egui::Ui,
    input: &mut DateInput,
    value: &mut Option<NaiveDate>,
    end: bool,
) -> bool {
    let id = ui.make_persistent_id(if end { "date_to" } else { "date_from" });
    let editing = ui.memory(|m| m.has_focus(id));
    input.follow(*value, editing);
    let mut edit = egui::TextEdit::singleline(&mut input.text)
        .id(id)
        .hint_text(if end { "to" } else { "from" })
        .desired_width(86.0);
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
        && v != *value
    {
        *value = v;
        return true;
    }
    false
}
