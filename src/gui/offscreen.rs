//! The timeline as a picture without a window: the application's own
//! timeline panel run through egui offscreen, tessellated into triangles,
//! and filled by a small software rasterizer. `extract --format png` uses
//! it, so the batch picture is the one the analyst sees in the app.

use super::app::{App, UiState};
use super::command::Command;
use super::file_dialog::{FakePicker, PickResult};
use super::picture::{PictureRequest, SIDE_RANGE};
use crate::corpus::Corpus;
use egui::epaint::{ClippedPrimitive, Primitive, Vertex};
use egui::{Color32, ColorImage, TextureId};
use std::collections::HashMap;

/// Width of the batch picture in points (pixels at scale 1).
pub const WIDTH: f32 = 1200.0;
/// Height of the batch picture: the timeline panel's, as in the app.
pub const HEIGHT: f32 = 340.0;

/// Renders the timeline of `corpus` (light theme, merged events, tension
/// index) as an image of [`WIDTH`] × [`HEIGHT`].
pub fn render_timeline(corpus: Corpus) -> ColorImage {
    render_picture(
        corpus,
        &PictureRequest::whole([WIDTH as u32, HEIGHT as u32]),
    )
}

/// Renders the picture `request` asks for of `corpus`: its title and
/// caption above the application's timeline panel, in the light theme, at
/// the request's size.
pub fn render_picture(corpus: Corpus, request: &PictureRequest) -> ColorImage {
    let mut app = App::with_picker(
        UiState {
            show_index: request.show_index,
            show_mentions: !request.merged,
            ..Default::default()
        },
        Box::new(FakePicker(PickResult::Cancelled)),
    );
    app.corpus = corpus;
    app.fixed_view = request.view;
    // the map shows the period of the view
    app.plot_view = request.view;
    app.fixed_map_view = request.map_view;
    app.invalidate();
    let [w, h] = request
        .size
        .map(|v| v.clamp(*SIDE_RANGE.start(), *SIDE_RANGE.end()) as f32);
    let ctx = egui::Context::default();
    ctx.set_visuals(egui::Visuals::light());
    app.push(Command::SetFilters(Box::new(request.filters.clone())));
    app.run_pending(&ctx);
    let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(w, h));
    let mut textures: HashMap<TextureId, ColorImage> = HashMap::new();
    let mut output = None;
    // the plot settles its bounds over the first frames
    for _ in 0..3 {
        let input = egui::RawInput {
            screen_rect: Some(screen),
            ..Default::default()
        };
        let mut out = ctx.run_ui(input, |ui| draw(&mut app, ui, request, h));
        for (id, deltas) in &out.textures_delta.set {
            for delta in deltas {
                let egui::ImageData::Color(image) = &delta.image;
                match delta.pos {
                    None => {
                        textures.insert(*id, (**image).clone());
                    }
                    Some([x, y]) => {
                        if let Some(t) = textures.get_mut(id) {
                            for row in 0..image.height() {
                                for col in 0..image.width() {
                                    if x + col < t.width() && y + row < t.height() {
                                        t[(x + col, y + row)] = image[(col, row)];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        // applied above, into `textures`
        out.textures_delta.clear();
        output = Some(out);
    }
    let out = output.expect("three frames ran");
    let primitives = ctx.tessellate(out.shapes, out.pixels_per_point);
    let mut canvas = Canvas::new(w as usize, h as usize);
    for p in &primitives {
        paint(&mut canvas, p, &textures);
    }
    canvas.image()
}

/// One frame of the picture: the caption, if any, then the timeline in
/// the rest of the `height`.
fn draw(app: &mut App, ui: &mut egui::Ui, request: &PictureRequest, height: f32) {
    let mut used = 0.0;
    if !request.title.is_empty() || !request.caption.is_empty() {
        let caption = egui::Panel::top("caption").show(ui, |ui| {
            ui.add_space(4.0);
            ui.heading(&request.title);
            for line in &request.caption {
                ui.add(egui::Label::new(line).wrap());
            }
            ui.add_space(2.0);
        });
        used = caption.response.rect.height();
    }
    match request.of {
        super::picture::PictureOf::Timeline => {
            app.draw_timeline_sized(ui, (height - used).max(100.0));
        }
        super::picture::PictureOf::Map => app.draw_map_only(ui),
    }
}

/// A premultiplied RGBA picture being painted.
struct Canvas {
    width: usize,
    height: usize,
    pixels: Vec<[f32; 4]>,
}

impl Canvas {
    fn new(width: usize, height: usize) -> Canvas {
        Canvas {
            width,
            height,
            pixels: vec![[1.0; 4]; width * height],
        }
    }

    fn image(&self) -> ColorImage {
        let to = |v: f32| (v.clamp(0.0, 1.0) * 255.0).round() as u8;
        let pixels = self
            .pixels
            .iter()
            .map(|p| Color32::from_rgba_premultiplied(to(p[0]), to(p[1]), to(p[2]), to(p[3])))
            .collect();
        ColorImage::new([self.width, self.height], pixels)
    }
}

fn rgba(c: Color32) -> [f32; 4] {
    let [r, g, b, a] = c.to_array();
    [r, g, b, a].map(|v| v as f32 / 255.0)
}

fn edge(a: egui::Pos2, b: egui::Pos2, p: egui::Pos2) -> f32 {
    (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x)
}

/// Fills one clipped mesh: colors interpolated across each triangle, times
/// the texture (the font atlas), blended over what is there.
fn paint(canvas: &mut Canvas, p: &ClippedPrimitive, textures: &HashMap<TextureId, ColorImage>) {
    let Primitive::Mesh(mesh) = &p.primitive else {
        return;
    };
    let texture = textures.get(&mesh.texture_id);
    let clip = p.clip_rect.intersect(egui::Rect::from_min_size(
        egui::Pos2::ZERO,
        egui::vec2(canvas.width as f32, canvas.height as f32),
    ));
    if !clip.is_positive() {
        return;
    }
    for tri in mesh.indices.chunks_exact(3) {
        let v: [&Vertex; 3] = [0, 1, 2].map(|k| &mesh.vertices[tri[k] as usize]);
        let area = edge(v[0].pos, v[1].pos, v[2].pos);
        if area.abs() < 1e-6 {
            continue;
        }
        let bbox = egui::Rect::from_points(&v.map(|x| x.pos)).intersect(clip);
        if !bbox.is_positive() {
            continue;
        }
        let colors = v.map(|x| rgba(x.color));
        for y in bbox.min.y.floor() as usize..(bbox.max.y.ceil() as usize).min(canvas.height) {
            for x in bbox.min.x.floor() as usize..(bbox.max.x.ceil() as usize).min(canvas.width) {
                let at = egui::pos2(x as f32 + 0.5, y as f32 + 0.5);
                let w0 = edge(v[1].pos, v[2].pos, at) / area;
                let w1 = edge(v[2].pos, v[0].pos, at) / area;
                let w2 = 1.0 - w0 - w1;
                if w0 < -1e-4 || w1 < -1e-4 || w2 < -1e-4 {
                    continue;
                }
                let mut src = [0.0f32; 4];
                for (k, s) in src.iter_mut().enumerate() {
                    *s = colors[0][k] * w0 + colors[1][k] * w1 + colors[2][k] * w2;
                }
                if let Some(t) = texture {
                    let u = v[0].uv.x * w0 + v[1].uv.x * w1 + v[2].uv.x * w2;
                    let w = v[0].uv.y * w0 + v[1].uv.y * w1 + v[2].uv.y * w2;
                    let tx = ((u * t.width() as f32) as usize).min(t.width() - 1);
                    let ty = ((w * t.height() as f32) as usize).min(t.height() - 1);
                    let tc = rgba(t[(tx, ty)]);
                    for k in 0..4 {
                        src[k] *= tc[k];
                    }
                }
                let dst = &mut canvas.pixels[y * canvas.width + x];
                for k in 0..4 {
                    dst[k] = src[k] + dst[k] * (1.0 - src[3]);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_corpus_still_draws_the_panel() {
        let image = render_timeline(Corpus::default());
        assert!(
            image.width() > 600 && image.height() > 200,
            "{:?}",
            image.size
        );
        let colors: std::collections::HashSet<Color32> = image.pixels.iter().copied().collect();
        assert!(colors.len() > 3, "axes and labels are drawn");
    }
}
