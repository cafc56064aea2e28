//! The article list (title, date, events, warnings), its search and order,
//! and the date of an undated article.

use crate::corpus::project::Correction;
use crate::gui::app::App;
use crate::gui::command::Command;
use crate::gui::timeline_data::ArticleSort;
use crate::ingest::DateSource;
use chrono::NaiveDate;

/// Draws the left panel: the articles, their search and order.
pub fn show(app: &mut App, ui: &mut egui::Ui) {
    egui::Panel::left("articles")
        .default_size(270.0)
        .size_range(200.0..=480.0)
        .resizable(true)
        .show(ui, |ui| {
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
            // room under the list for setting the date of an undated article
            let undated = app
                .article
                .and_then(|i| app.corpus.analyses.get(i))
                .is_some_and(|a| {
                    a.article.published.is_none()
                        || a.article.published_source == DateSource::Inferred
                });
            let date_room = if undated { 90.0 } else { 0.0 };
            let mut picked = None;
            let row_height = 2.0 * ui.text_style_height(&egui::TextStyle::Body)
                + ui.spacing().item_spacing.y
                + 2.0 * ui.spacing().button_padding.y;
            egui::ScrollArea::vertical()
                .id_salt("article_list")
                .max_height(ui.available_height() - date_room)
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
                        if ui
                            .button("Set")
                            .on_hover_text(
                                "Date the article's relative times (\"on Tuesday\") from this day",
                            )
                            .clicked()
                        {
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
                                    let why = format!(
                                        "Not a date: {:?} (use YYYY-MM-DD)",
                                        app.date_entry
                                    );
                                    app.push(Command::Notify(why));
                                }
                            }
                        }
                    });
                }
            }
        });
}
