//! One file per panel. Each reads the application's state and pushes
//! commands; none changes the corpus itself.

pub mod about;
pub mod articles;
pub mod central;
pub mod errors;
pub mod events_table;
pub mod facts;
pub mod filter_bar;
pub mod legend;
pub mod map;
pub mod menu;
pub mod project_paths;
pub mod review;
pub mod source;
pub mod status;
pub mod timeline;
pub mod welcome;

use crate::extract::PloverType;

/// What a view shows when no event passes the filters: says so and offers
/// to clear them (true when asked).
pub fn no_event_matches(ui: &mut egui::Ui) -> bool {
    let mut clear = false;
    ui.vertical_centered(|ui| {
        ui.add_space(ui.available_height() / 3.0);
        ui.label("No event matches the filters.");
        clear = ui
            .button("Clear the filters")
            .on_hover_text("Show every event again")
            .clicked();
    });
    clear
}

/// The color of an event type, from the shared palette, made readable on
/// the theme's background: lightened on a dark theme (ASSAULT's dark red)
/// and darkened on a light one (REQUEST's yellow) until its contrast with
/// the panel reaches [`MIN_CONTRAST`].
pub fn type_color(t: PloverType, visuals: &egui::Visuals) -> egui::Color32 {
    let [r, g, b] = crate::export::palette::type_color(t);
    readable(egui::Color32::from_rgb(r, g, b), visuals.panel_fill)
}

/// The contrast ratio a type's color keeps with the background: WCAG's
/// minimum for graphical objects and large text.
pub const MIN_CONTRAST: f32 = 3.0;

/// Relative luminance (WCAG) of a color.
fn luminance(c: egui::Color32) -> f32 {
    let lin = |v: u8| {
        let v = f32::from(v) / 255.0;
        if v <= 0.039_28 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(c.r()) + 0.7152 * lin(c.g()) + 0.0722 * lin(c.b())
}

/// The contrast ratio of two colors (1 to 21).
pub fn contrast(a: egui::Color32, b: egui::Color32) -> f32 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// `c` moved toward white (on a dark background) or black (on a light one)
/// in tenths until it stands out from `background`.
fn readable(c: egui::Color32, background: egui::Color32) -> egui::Color32 {
    let toward = if luminance(background) < 0.5 {
        egui::Color32::WHITE
    } else {
        egui::Color32::BLACK
    };
    (0..=10)
        .map(|k| c.lerp_to_gamma(toward, k as f32 / 10.0))
        .find(|&x| contrast(x, background) >= MIN_CONTRAST)
        .unwrap_or(toward)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_type_color_is_readable_on_both_themes() {
        for visuals in [egui::Visuals::dark(), egui::Visuals::light()] {
            for t in PloverType::ALL {
                let c = type_color(t, &visuals);
                assert!(
                    contrast(c, visuals.panel_fill) >= MIN_CONTRAST,
                    "{} on {:?}",
                    t.name(),
                    visuals.panel_fill
                );
            }
        }
        // the palette itself is kept where it already reads well
        let [r, g, b] = crate::export::palette::type_color(PloverType::Consult);
        assert_eq!(
            type_color(PloverType::Consult, &egui::Visuals::dark()),
            egui::Color32::from_rgb(r, g, b)
        );
    }
}
