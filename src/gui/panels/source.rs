//! The source view: the selected article's text, wrapped, with each event's
//! evidence highlighted in its type's color and, inside it, the trigger
//! (bold, underlined), the actors (strong color) and the time expression
//! (italics) marked; headers and web debris dimmed. Clicking a highlighted
//! passage selects its event; selecting an event scrolls to its passage.
//! Dragging over the text selects words; a selection can become an event
//! the rules missed (a correction, like any other).

use super::type_color;
use crate::corpus::project::{Correction, EventKey};
use crate::extract::{Modality, PloverType};
use crate::gui::app::App;
use crate::gui::command::Command;
use crate::ingest::RegionKind;
use egui::text::{CCursor, LayoutJob, TextFormat};
use egui::{Color32, FontId, Stroke};

/// How one stretch of text is drawn.
#[derive(Clone, Copy, PartialEq)]
struct Style {
    evidence: Option<(usize, bool)>,
    trigger: bool,
    actor: bool,
    timex: bool,
    dimmed: bool,
    selected_text: bool,
}

/// Widens a byte span to whole words.
fn whole_words(text: &str, (mut s, mut t): (usize, usize)) -> (usize, usize) {
    let word = |c: char| c.is_alphanumeric() || c == '-' || c == '\'';
    while let Some(c) = text[..s].chars().next_back().filter(|&c| word(c)) {
        s -= c.len_utf8();
    }
    while let Some(c) = text[t..].chars().next().filter(|&c| word(c)) {
        t += c.len_utf8();
    }
    (s, t)
}

/// The bar offering to add the selected text as an event.
fn selection_bar(app: &mut App, ui: &mut egui::Ui, ai: usize, span: (usize, usize)) {
    let Some(a) = app.corpus.analyses.get(ai) else {
        return;
    };
    let Some(words) = a.article.text.get(span.0..span.1) else {
        return;
    };
    let shown: String = words.chars().take(80).collect();
    let Some(article_hash) = app.session.hash_of(ai).map(str::to_string) else {
        return;
    };
    let date = a.article.published.map(|d| d.to_string());
    let mut add = None;
    ui.horizontal(|ui| {
        ui.set_min_height(ui.spacing().interact_size.y);
        egui::ComboBox::from_id_salt("new_event_type")
            .selected_text(app.new_event_type.name())
            .show_ui(ui, |ui| {
                for t in PloverType::ALL {
                    ui.selectable_value(&mut app.new_event_type, t, t.name());
                }
            });
        if ui
            .button("Add event")
            .on_hover_text("An event the rules missed; set its actors and date in the Review panel")
            .clicked()
        {
            add = Some(Correction::AddEvent {
                key: EventKey {
                    article_hash: article_hash.clone(),
                    span,
                    event_type: app.new_event_type,
                },
                source: Vec::new(),
                target: Vec::new(),
                date: date.clone(),
                modality: Modality::Asserted,
            });
        }
        if ui
            .button("Clear")
            .on_hover_text("Forget the selected text")
            .clicked()
        {
            app.push(Command::SelectText(None));
        }
        ui.add(egui::Label::new(format!("Selected: “{shown}”")).truncate());
    });
    if let Some(c) = add {
        app.push(Command::Correct(c));
    }
}

/// Draws the source view.
pub fn show(app: &mut App, ui: &mut egui::Ui) {
    let Some(ai) = app.article else {
        ui.label("Select an article.");
        return;
    };
    let Some(a) = app.corpus.analyses.get(ai) else {
        return;
    };
    // the title wraps and the lines under it are cut to the column's width:
    // nothing here may widen the column under the facts panel
    ui.add(egui::Label::new(egui::RichText::new(a.article.display_title()).heading()).wrap());
    ui.add(
        egui::Label::new(
            egui::RichText::new(format!(
                "{} · published {}",
                a.article.path,
                a.article
                    .published
                    .map_or("unknown".to_string(), |d| d.to_string())
            ))
            .weak(),
        )
        .truncate(),
    );
    ui.separator();
    // the bar keeps its height with or without a selection, so the text
    // does not move under the pointer while words are being selected
    match app.text_selection {
        Some((sa, s0, s1)) if sa == ai => selection_bar(app, ui, ai, (s0, s1)),
        _ => {
            ui.horizontal(|ui| {
                ui.set_min_height(ui.spacing().interact_size.y);
                ui.add(
                    egui::Label::new(
                        egui::RichText::new(
                            "Click a highlighted passage to see its event; drag over words to add an event the rules missed.",
                        )
                        .weak(),
                    )
                    .truncate(),
                );
            });
        }
    }
    ui.separator();
    let Some(a) = app.corpus.analyses.get(ai) else {
        return;
    };
    let text = &a.article.text;
    let text_selection = app.text_selection.filter(|s| s.0 == ai).map(|s| (s.1, s.2));
    let selected = app.selection().filter(|s| s.0 == ai).map(|s| s.1);
    let visible: Vec<usize> = (0..a.events.len())
        .filter(|&i| app.filters().accepts(ai, &a.events[i]))
        .collect();

    // boundaries of every styled stretch
    let mut cuts = vec![0, text.len()];
    for &i in &visible {
        let e = &a.events[i];
        cuts.extend([e.span.0, e.span.1, e.trigger.span.0, e.trigger.span.1]);
        for m in e.source.iter().chain(&e.target) {
            cuts.extend([m.span.0, m.span.1]);
        }
        if let Some(t) = e.date.timex {
            cuts.extend([t.0, t.1]);
        }
    }
    for r in &a.article.regions {
        cuts.extend([r.span.0, r.span.1]);
    }
    if let Some((s, t)) = text_selection {
        cuts.extend([s, t]);
    }
    cuts.retain(|&c| c <= text.len() && text.is_char_boundary(c));
    cuts.sort_unstable();
    cuts.dedup();

    let body = ui.visuals().text_color();
    let font = FontId::proportional(15.0);
    let mut job = LayoutJob::default();
    job.wrap.max_width = ui.available_width();
    for w in cuts.windows(2) {
        let (s, t) = (w[0], w[1]);
        if s == t {
            continue;
        }
        let inside = |span: (usize, usize)| span.0 <= s && t <= span.1 && span.0 < span.1;
        // the innermost evidence, the selected one first
        let evidence = visible
            .iter()
            .filter(|&&i| inside(a.events[i].span))
            .min_by_key(|&&i| (Some(i) != selected, a.events[i].span.1 - a.events[i].span.0))
            .copied();
        let style = Style {
            evidence: evidence.map(|i| (i, Some(i) == selected)),
            trigger: evidence.is_some_and(|i| inside(a.events[i].trigger.span)),
            actor: evidence.is_some_and(|i| {
                a.events[i]
                    .source
                    .iter()
                    .chain(&a.events[i].target)
                    .any(|m| inside(m.span))
            }),
            timex: evidence.is_some_and(|i| a.events[i].date.timex.is_some_and(inside)),
            dimmed: a
                .article
                .regions
                .iter()
                .any(|r| r.kind != RegionKind::Title && inside(r.span)),
            selected_text: text_selection.is_some_and(inside),
        };
        let mut f = TextFormat {
            font_id: font.clone(),
            color: if style.dimmed {
                ui.visuals().weak_text_color()
            } else {
                body
            },
            ..Default::default()
        };
        if let Some((i, is_selected)) = style.evidence {
            let c = type_color(a.events[i].event_type, ui.visuals());
            f.background = c.gamma_multiply(if is_selected { 0.55 } else { 0.22 });
            if style.trigger {
                f.underline = Stroke::new(2.0, c);
                f.color = if ui.visuals().dark_mode {
                    Color32::WHITE
                } else {
                    Color32::BLACK
                };
            }
            if style.actor {
                // the type's color is the highlight already: actors are
                // strong text with a thin underline, readable on it
                f.color = ui.visuals().strong_text_color();
                f.underline = Stroke::new(1.0, c);
            }
            if style.timex {
                f.italics = true;
            }
        }
        if style.selected_text {
            f.background = ui.visuals().selection.bg_fill;
        }
        job.append(&text[s..t], 0.0, f);
    }

    let mut click: Option<usize> = None;
    let mut dragged: Option<(usize, usize)> = None;
    egui::ScrollArea::vertical()
        .id_salt("source_text")
        .scroll_source(
            egui::scroll_area::ScrollSource::SCROLL_BAR
                | egui::scroll_area::ScrollSource::MOUSE_WHEEL,
        )
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let (pos, galley, response) = egui::Label::new(job)
                .sense(egui::Sense::click_and_drag())
                .selectable(false)
                .layout_in_ui(ui);
            ui.painter().galley(pos, galley.clone(), body);
            response
                .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, galley.text()));
            let byte_at = |p: egui::Pos2| {
                let cursor = galley.cursor_from_pos(p - pos);
                text.char_indices()
                    .nth(cursor.index.into())
                    .map_or(text.len(), |(b, _)| b)
            };
            if response.clicked()
                && let Some(p) = response.interact_pointer_pos()
            {
                click = Some(byte_at(p));
            }
            if response.dragged()
                && let (Some(from), Some(to)) = (
                    ui.input(|i| i.pointer.press_origin()),
                    response.interact_pointer_pos(),
                )
            {
                let (a, b) = (byte_at(from), byte_at(to));
                dragged = Some((a.min(b), a.max(b)));
            }
            if app.scroll_to_selection
                && let Some(i) = selected
                && let Some(e) = a.events.get(i)
            {
                let chars = text[..e.span.0].chars().count();
                let rect = galley
                    .pos_from_cursor(CCursor::new(chars))
                    .translate(pos.to_vec2());
                ui.scroll_to_rect(rect, Some(egui::Align::Center));
                app.scroll_to_selection = false;
            }
        });
    let mut commands = Vec::new();
    if let Some(span) = dragged {
        let span = whole_words(text, span);
        if Some(span) != text_selection && span.0 < span.1 {
            commands.push(Command::SelectText(Some(span)));
        }
    }
    if let Some(byte) = click {
        if text_selection.is_some() {
            commands.push(Command::SelectText(None));
        }
        let hit = visible
            .iter()
            .filter(|&&i| a.events[i].span.0 <= byte && byte < a.events[i].span.1)
            .min_by_key(|&&i| a.events[i].span.1 - a.events[i].span.0)
            .copied();
        if let Some(i) = hit {
            commands.push(Command::SelectEvent(Some((ai, i))));
        }
    }
    for c in commands {
        app.push(c);
    }
}
