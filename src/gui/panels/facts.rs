//! The facts of the selected event and the table of the article's events.

use super::type_color;
use crate::extract::{ActorMention, DateBasis, Event, Review};
use crate::gui::app::App;
use crate::gui::command::Command;

fn actors(v: &[ActorMention]) -> String {
    if v.is_empty() {
        return "—".into();
    }
    v.iter()
        .map(|m| {
            if m.text.is_empty() {
                m.code.clone()
            } else if m.code.is_empty() {
                // a participant no dictionary codes
                format!("“{}” (no code)", m.text)
            } else {
                format!("{} (“{}”)", m.code, m.text)
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// How the date was arrived at, in words.
pub fn date_basis(text: &str, e: &Event) -> String {
    let words = e.date.timex.and_then(|(s, t)| text.get(s..t)).unwrap_or("");
    match e.date.basis {
        DateBasis::Explicit => format!("stated: “{words}”"),
        DateBasis::Relative => format!("resolved from “{words}” against the publication date"),
        DateBasis::Narrative => format!("narrative time from “{words}”"),
        DateBasis::Coreference => format!("an earlier mention of the same event: “{words}”"),
        DateBasis::Publication => "the publication date".into(),
        DateBasis::Unknown => "unknown".into(),
    }
}

/// An event's location for the facts panel: the place, its country, how
/// precise it is and what it was taken from ("Geneva, CH (city) — stated:
/// “in Geneva”").
pub fn where_text(text: &str, e: &Event) -> String {
    let Some(l) = &e.location else {
        return "unknown (the text does not say)".into();
    };
    let country = if l.country.is_empty() || l.precision.name() == "country" {
        String::new()
    } else {
        format!(", {}", l.country)
    };
    let basis = match (l.basis, l.span.and_then(|(s, t)| text.get(s..t))) {
        (crate::extract::LocationBasis::Explicit, Some(words)) => format!("stated: “{words}”"),
        (crate::extract::LocationBasis::Sentence, Some(words)) => {
            format!("named in its sentence: “{words}”")
        }
        (crate::extract::LocationBasis::Dateline, _) => "the article's dateline".into(),
        (crate::extract::LocationBasis::Target, _) => "the territory of the state attacked".into(),
        (crate::extract::LocationBasis::Source, _) => "the territory of the state acting".into(),
        (_, None) => l.basis.name().into(),
    };
    format!("{}{country} ({})  — {basis}", l.name, l.precision.name())
}

/// Draws the right panel.
pub fn show(app: &mut App, ui: &mut egui::Ui) {
    // a fixed range: a long fact wraps instead of widening the panel and
    // squeezing the timeline
    let width = (ui.available_width() * 0.3).clamp(260.0, 380.0);
    egui::Panel::right("facts")
        .default_size(width)
        .size_range(260.0..=560.0)
        .resizable(true)
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("facts_scroll")
                .auto_shrink([false, false])
                .show(ui, |ui| body(app, ui));
        });
}

/// The panel's content: facts, mentions, review, the article's events.
fn body(app: &mut App, ui: &mut egui::Ui) {
    ui.heading("Facts");
    let selected = app.selection().and_then(|(a, e)| {
        Some((
            app.corpus.analyses.get(a)?,
            app.corpus.analyses.get(a)?.events.get(e)?,
        ))
    });
    let mut mention_clicked: Option<(String, String)> = None;
    match selected {
        None => {
            ui.label("Select an event on the timeline, in the list of the article's events below, or in the text.");
        }
        Some((a, e)) => {
            let text = &a.article.text;
            let merged = e.cluster.as_ref().and_then(|c| app.corpus.cluster(c));
            egui::Grid::new("facts_grid")
                .num_columns(2)
                .striped(true)
                // the values wrap within the panel
                .max_col_width((ui.available_width() - 100.0).max(120.0))
                .show(ui, |ui| {
                    ui.label("Type");
                    let mode = if e.mode.is_empty() {
                        String::new()
                    } else {
                        format!(" / {}", e.mode)
                    };
                    ui.colored_label(
                        type_color(e.event_type, ui.visuals()),
                        format!("{}{mode}", e.event_type.name()),
                    );
                    ui.end_row();
                    ui.label("Score");
                    ui.label(format!(
                        "{:+.1}  (CAMEO {}, Goldstein {})",
                        e.score,
                        e.cameo.as_deref().unwrap_or("—"),
                        e.goldstein.map_or("—".into(), |g| format!("{g:+.1}"))
                    ));
                    ui.end_row();
                    ui.label("Source");
                    ui.label(actors(&e.source));
                    ui.end_row();
                    ui.label("Target");
                    ui.label(actors(&e.target));
                    ui.end_row();
                    ui.label("Date");
                    ui.add(
                        egui::Label::new(format!(
                            "{}  — {}",
                            e.date.value.as_deref().unwrap_or("unknown"),
                            date_basis(text, e)
                        ))
                        .wrap(),
                    );
                    ui.end_row();
                    ui.label("Where");
                    ui.add(egui::Label::new(where_text(text, e)).wrap());
                    ui.end_row();
                    ui.label("Modality");
                    ui.label(e.modality.name());
                    ui.end_row();
                    ui.label("Trigger");
                    ui.label(format!("“{}”", e.trigger.text));
                    ui.end_row();
                    ui.label("Figures");
                    ui.label(if e.quantities.is_empty() {
                        "—".to_string()
                    } else {
                        e.quantities
                            .iter()
                            .map(|q| format!("{} {} ({})", q.kind, q.value, q.qualifier))
                            .collect::<Vec<_>>()
                            .join("; ")
                    });
                    ui.end_row();
                    ui.label("Merged event");
                    ui.label(merged.map_or("—".into(), |m| {
                        format!(
                            "{} · {} article(s), {} mention(s)",
                            m.id,
                            m.articles,
                            m.mentions.len()
                        )
                    }));
                    ui.end_row();
                });
            ui.label(egui::RichText::new(format!("Evidence: “{}”", e.evidence)).italics());
            ui.collapsing("Rule", |ui| ui.label(&e.rule));
            if let Some(m) = merged.filter(|m| m.mentions.len() > 1) {
                egui::CollapsingHeader::new(format!(
                    "Mentions of this event ({} in {} article(s))",
                    m.mentions.len(),
                    m.articles
                ))
                .default_open(true)
                .show(ui, |ui| {
                    // one line each, only the visible rows laid out:
                    // a merged event may have thousands of mentions
                    let row = ui
                        .spacing()
                        .interact_size
                        .y
                        .max(ui.text_style_height(&egui::TextStyle::Body) + 4.0);
                    egui::ScrollArea::vertical()
                        .id_salt("mentions")
                        .max_height((row + ui.spacing().item_spacing.y) * 12.0)
                        .auto_shrink([false, true])
                        .show_rows(ui, row, m.mentions.len(), |ui, rows| {
                            for mention in &m.mentions[rows] {
                                let this = mention.event == e.id;
                                let evidence: String = mention.evidence.chars().take(90).collect();
                                // the article by its title, as the article list
                                // names it (looked up for the visible rows only)
                                let title: String = app
                                    .corpus
                                    .analyses
                                    .iter()
                                    .find(|a| a.article.id == mention.article)
                                    .map_or(mention.article.as_str(), |a| a.article.display_title())
                                    .chars()
                                    .take(40)
                                    .collect();
                                let text = format!(
                                    "{title} · {} · {} · “{evidence}…”",
                                    mention
                                        .published
                                        .map_or("undated".to_string(), |d| d.to_string()),
                                    mention.modality.name(),
                                );
                                let label = egui::Button::selectable(this, text).truncate();
                                if ui
                                    .add(label)
                                    .on_hover_text(mention.evidence.as_str())
                                    .clicked()
                                {
                                    mention_clicked =
                                        Some((mention.article.clone(), mention.event.clone()));
                                }
                            }
                        });
                });
            }
        }
    }
    if let Some((article, event)) = mention_clicked.take() {
        let found = app
            .corpus
            .analyses
            .iter()
            .position(|a| a.article.id == article)
            .and_then(|ai| {
                let ei = app.corpus.analyses[ai]
                    .events
                    .iter()
                    .position(|x| x.id == event)?;
                Some((ai, ei))
            });
        app.push(Command::SelectEvent(found));
    }
    super::review::show(app, ui);
    ui.separator();
    ui.heading("Events of the article");
    let Some(ai) = app.article else { return };
    let Some(a) = app.corpus.analyses.get(ai) else {
        return;
    };
    let mut clicked = None;
    {
        {
            for (ei, e) in a.events.iter().enumerate() {
                if !app.filters().accepts(ai, e) {
                    continue;
                }
                let label = format!(
                    "{} · {} · {} · “{}”{}",
                    e.date.value.as_deref().unwrap_or("undated"),
                    e.event_type.name(),
                    e.modality.name(),
                    e.trigger.text,
                    if e.review.is_unreviewed() {
                        String::new()
                    } else {
                        format!(" · {}", e.review.name())
                    }
                );
                let selected = app.selection() == Some((ai, ei));
                let mut text =
                    egui::RichText::new(label).color(type_color(e.event_type, ui.visuals()));
                match e.review {
                    Review::Rejected => text = text.strikethrough().weak(),
                    Review::Unreviewed => {}
                    _ => text = text.strong(),
                }
                if ui.selectable_label(selected, text).clicked() {
                    clicked = Some((ai, ei));
                }
            }
        }
    }
    if let Some(sel) = clicked {
        app.push(Command::SelectEvent(Some(sel)));
    }
}
