//! Saving the plot as PNG: a region of a screenshot of the window (what the
//! analyst sees, labels and all), encoded with the `png` crate and written
//! atomically.

use egui::{ColorImage, Rect};
use std::path::Path;

/// Encodes an image as 8-bit RGBA PNG.
pub fn encode(image: &ColorImage) -> Result<Vec<u8>, png::EncodingError> {
    let mut out = Vec::new();
    {
        let [w, h] = image.size;
        let mut encoder = png::Encoder::new(&mut out, w as u32, h as u32);
        encoder.set_color(png::ColorType::Rgba);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header()?;
        writer.write_image_data(image.as_raw())?;
    }
    Ok(out)
}

/// Cuts `rect` (in points) out of a screenshot taken at `pixels_per_point`,
/// clamped to the image.
pub fn crop(image: &ColorImage, rect: Rect, pixels_per_point: f32) -> ColorImage {
    let [w, h] = image.size;
    let bounds = Rect::from_min_size(
        egui::Pos2::ZERO,
        egui::vec2(w as f32 / pixels_per_point, h as f32 / pixels_per_point),
    );
    let r = rect.intersect(bounds);
    if r.width() < 1.0 || r.height() < 1.0 {
        return image.clone();
    }
    image.region(&r, Some(pixels_per_point))
}

/// Writes the `rect` part of a screenshot to `path` as PNG.
pub fn write_region(
    image: &ColorImage,
    rect: Rect,
    pixels_per_point: f32,
    path: &Path,
) -> Result<(), String> {
    let png = encode(&crop(image, rect, pixels_per_point)).map_err(|e| e.to_string())?;
    crate::export::write_atomic(path, &png).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crops_and_encodes_a_readable_png() {
        let mut image = ColorImage::filled([40, 30], egui::Color32::WHITE);
        image[(12, 10)] = egui::Color32::RED;
        let part = crop(
            &image,
            Rect::from_min_max(egui::pos2(5.0, 5.0), egui::pos2(15.0, 12.5)),
            2.0,
        );
        assert_eq!(part.size, [20, 15]);
        assert_eq!(part[(2, 0)], egui::Color32::RED);
        let bytes = encode(&part).unwrap();
        assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
        let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
        let reader = decoder.read_info().unwrap();
        assert_eq!((reader.info().width, reader.info().height), (20, 15));
    }
}
