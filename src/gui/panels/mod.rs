//! One file per panel. Each reads the application's state and pushes
//! commands; none changes the corpus itself.

pub mod about;
pub mod articles;
pub mod errors;
pub mod facts;
pub mod menu;
pub mod project_paths;
pub mod review;
pub mod source;
pub mod status;
pub mod timeline;
pub mod welcome;

use crate::extract::PloverType;

/// The color of an event type, from the shared palette.
pub fn type_color(t: PloverType) -> egui::Color32 {
    let [r, g, b] = crate::export::palette::type_color(t);
    egui::Color32::from_rgb(r, g, b)
}
