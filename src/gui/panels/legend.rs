//! Help > Legend: what the timeline's marks mean, the tension scale, the
//! mouse and the keyboard.

use super::type_color;
use crate::extract::PloverType;
use crate::gui::app::App;
use crate::gui::command::{Command, Window};

/// A sample of a timeline mark, drawn as the plot draws it.
#[derive(Clone, Copy)]
enum Sample {
    /// A filled marker of this radius.
    Filled(f32),
    /// A hollow marker.
    Hollow,
    /// A bar over a month or a year.
    Bar,
    /// The selection ring.
    Ring,
    /// The tension index line.
    Line,
}

/// Draws `sample` in a small square.
fn sample(ui: &mut egui::Ui, s: Sample) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(36.0, 18.0), egui::Sense::hover());
    let c = rect.center();
    let color = type_color(PloverType::Consult, ui.visuals());
    let p = ui.painter();
    match s {
        Sample::Filled(r) => {
            p.circle_filled(c, r, color);
        }
        Sample::Hollow => {
            p.circle_stroke(c, 4.0, egui::Stroke::new(1.0, color));
        }
        Sample::Bar => {
            p.line_segment(
                [c - egui::vec2(16.0, 0.0), c + egui::vec2(16.0, 0.0)],
                egui::Stroke::new(5.0, color.gamma_multiply(0.55)),
            );
            p.circle_stroke(c, 2.5, egui::Stroke::new(1.0, color));
        }
        Sample::Ring => {
            p.circle_filled(c, 4.0, color);
            p.circle_stroke(
                c,
                8.0,
                egui::Stroke::new(1.0, egui::Color32::from_rgb(250, 200, 0)),
            );
        }
        Sample::Line => {
            p.line_segment(
                [c - egui::vec2(16.0, -4.0), c + egui::vec2(16.0, -4.0)],
                egui::Stroke::new(1.5, egui::Color32::from_gray(120)),
            );
        }
    }
}

/// What each mark means, in the legend's order.
const MARKS: [(Sample, &str); 7] = [
    (Sample::Filled(4.0), "An event the text asserts (filled)"),
    (
        Sample::Hollow,
        "An event denied, planned, threatened, hypothetical or reported as a claim (hollow)",
    ),
    (
        Sample::Filled(10.0),
        "Larger: more articles report the same event (merged)",
    ),
    (
        Sample::Bar,
        "A bar: the text gives only the month or the year; the bar spans it",
    ),
    (Sample::Ring, "The selected event"),
    (
        Sample::Line,
        "The tension index: the mean tension of the day-dated events not denied, week by week, each week's weight halving every two weeks (View > Tension index line)",
    ),
    (
        Sample::Filled(4.0),
        "Events on one day with one tension are spread a little apart vertically, so each can be clicked",
    ),
];

/// The mouse and the keyboard.
const CONTROLS: [(&str, &str); 12] = [
    ("Wheel", "zooms time around the pointer"),
    ("Shift+wheel, drag", "pans in time"),
    ("Right-drag", "zooms to the box drawn"),
    (
        "Double-click",
        "the default view again (also View > Reset timeline view)",
    ),
    (
        "Click",
        "selects the event under the pointer; its passage and facts follow",
    ),
    ("Down or Right arrow", "the next event in time"),
    ("Up or Left arrow", "the previous event in time"),
    ("Enter", "the selected event's passage in its article"),
    (
        "Esc",
        "closes a menu or a window; else clears the selection",
    ),
    ("Ctrl+Z", "undoes the latest correction"),
    ("Ctrl+Shift+Z, Ctrl+Y", "redoes it"),
    ("Ctrl+O", "opens articles"),
];

/// Draws the legend window when open.
pub fn show(app: &mut App, ctx: &egui::Context) {
    let was_open = app.window_open(Window::Legend);
    if !was_open {
        return;
    }
    let mut open = true;
    egui::Window::new("Legend")
        .open(&mut open)
        .collapsible(false)
        .default_width(520.0)
        .show(ctx, |ui| {
            ui.label(
                "Each mark is an event: left to right its date, bottom to top its tension, \
                 the negated PLOVER score, from +10 (cooperation, at the bottom) to \
                 -10 (conflict, at the top). Its color is its type, as in the Types list.",
            );
            ui.add_space(6.0);
            egui::Grid::new("legend_marks")
                .num_columns(2)
                .spacing([8.0, 6.0])
                .show(ui, |ui| {
                    for (s, text) in MARKS {
                        sample(ui, s);
                        ui.add(egui::Label::new(text).wrap());
                        ui.end_row();
                    }
                });
            ui.add_space(6.0);
            ui.strong("Mouse and keyboard");
            egui::Grid::new("legend_controls")
                .num_columns(2)
                .spacing([12.0, 4.0])
                .show(ui, |ui| {
                    for (key, what) in CONTROLS {
                        ui.label(egui::RichText::new(key).monospace());
                        ui.label(what);
                        ui.end_row();
                    }
                });
        });
    if !open {
        // closed with its cross
        app.push(Command::SetWindow(Window::Legend, false));
    }
}
