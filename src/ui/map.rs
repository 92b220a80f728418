//! A small offline map of the partner cities with lines from the home city, drawn with
//! egui's painter over Natural Earth 1:110m land outlines (public domain, `assets/map/`).

use super::theme;
use crate::model::{City, CityId, CityStatus, Lang};
use eframe::egui::{self, Pos2, Rect, Sense, Shape, Stroke, Ui, Vec2};
use std::sync::OnceLock;

const LAND: &[u8] = include_bytes!("../../assets/map/land-110m.bin");

/// Longitudes shown, west to east (262° E = 98° W): from Belarus to the Pacific coast of
/// North America, with Khabarovsk near the middle.
const LON_MIN: f32 = 20.0;
const LON_MAX: f32 = 262.0;
const LAT_MIN: f32 = -8.0;
const LAT_MAX: f32 = 72.0;
/// Vertical stretch, so mid-latitudes look closer to their true shape.
const LAT_STRETCH: f32 = 1.35;

/// Land rings as (lon, lat) in degrees, decoded once.
fn land() -> &'static [Vec<(f32, f32)>] {
    static RINGS: OnceLock<Vec<Vec<(f32, f32)>>> = OnceLock::new();
    RINGS.get_or_init(|| decode(LAND))
}

/// Decodes `make_land.py`'s format; a truncated tail is ignored rather than trusted.
fn decode(bytes: &[u8]) -> Vec<Vec<(f32, f32)>> {
    let mut rings = Vec::new();
    let mut i = 0;
    let read_i16 = |i: usize| -> Option<i16> { Some(i16::from_le_bytes([*bytes.get(i)?, *bytes.get(i + 1)?])) };
    while i + 2 <= bytes.len() {
        let n = usize::from(u16::from_le_bytes([bytes[i], bytes[i + 1]]));
        i += 2;
        let mut ring = Vec::with_capacity(n);
        for _ in 0..n {
            let (Some(lon), Some(lat)) = (read_i16(i), read_i16(i + 2)) else { return rings };
            ring.push((f32::from(lon) / 100.0, f32::from(lat) / 100.0));
            i += 4;
        }
        rings.push(ring);
    }
    rings
}

/// Wraps a longitude into the window's range, so the Pacific is not cut. Arithmetic, not a
/// loop: a hand-edited `1e30` once spun here for ever.
fn wrap_lon(lon: f32) -> f32 {
    (lon - (LON_MAX - 360.0)).rem_euclid(360.0) + (LON_MAX - 360.0)
}

/// Whether a city's coordinates can be drawn: finite and on the globe. Others are left off
/// the map (`check` reports them).
fn on_globe(lat: f64, lon: f64) -> bool {
    lat.is_finite() && lon.is_finite() && lat.abs() <= 90.0 && lon.abs() <= 180.0
}

fn project(rect: Rect, lon: f32, lat: f32) -> Pos2 {
    let x = (wrap_lon(lon) - LON_MIN) / (LON_MAX - LON_MIN);
    let y = (LAT_MAX - lat) / (LAT_MAX - LAT_MIN);
    Pos2::new(rect.left() + x * rect.width(), rect.top() + y * rect.height())
}

/// Draws the map, `width` points wide. Returns the city clicked, if any.
pub fn map_ui<'a>(
    ui: &mut Ui,
    cities: impl IntoIterator<Item = &'a City>,
    selected: Option<&CityId>,
    lang: Lang,
    width: f32,
) -> Option<CityId> {
    let aspect = (LAT_MAX - LAT_MIN) * LAT_STRETCH / (LON_MAX - LON_MIN);
    let size = Vec2::new(width, width * aspect);
    let (rect, response) = ui.allocate_exact_size(size, Sense::click());
    let label = if lang == Lang::Ru { "Карта городов-партнёров" } else { "Map of partner cities" };
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Canvas, true, label));
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 4.0, ui.visuals().extreme_bg_color);

    let land_stroke = Stroke::new(1.0, theme::palette().map_land);
    for ring in land() {
        let mut line: Vec<Pos2> = Vec::new();
        let mut prev: Option<f32> = None;
        for &(lon, lat) in ring {
            let w = wrap_lon(lon);
            if prev.is_some_and(|p| (p - w).abs() > 180.0) {
                painter.add(Shape::line(std::mem::take(&mut line), land_stroke));
            }
            line.push(project(rect, lon, lat));
            prev = Some(w);
        }
        painter.add(Shape::line(line, land_stroke));
    }

    let located: Vec<(&City, Pos2)> = cities
        .into_iter()
        .filter_map(|c| {
            c.coordinates.filter(|p| on_globe(p.lat, p.lon)).map(|p| (c, project(rect, p.lon as f32, p.lat as f32)))
        })
        .collect();
    let home = located.iter().find(|(c, _)| c.status == CityStatus::Home).map(|(_, p)| *p);
    if let Some(home) = home {
        for (c, p) in &located {
            let colour = match c.status {
                CityStatus::Sister => theme::palette().map_sister,
                CityStatus::Friendly => theme::palette().map_friendly,
                _ => continue,
            };
            painter.line_segment([home, *p], Stroke::new(1.0, colour.gamma_multiply(0.6)));
        }
    }
    let text_colour = ui.visuals().strong_text_color();
    for (c, p) in &located {
        let (colour, radius) = match c.status {
            CityStatus::Home => (theme::palette().map_home, 5.0),
            CityStatus::Sister => (theme::palette().map_sister, 4.0),
            CityStatus::Friendly => (theme::palette().map_friendly, 3.0),
            CityStatus::Prospective => (theme::palette().map_prospective, 3.0),
        };
        painter.circle_filled(*p, radius, colour);
        if selected == Some(&c.id) {
            painter.circle_stroke(*p, radius + 4.0, Stroke::new(2.0, text_colour));
        }
        if matches!(c.status, CityStatus::Home | CityStatus::Sister) || selected == Some(&c.id) {
            let name = c.name(lang);
            painter.text(
                *p + Vec2::new(6.0, -2.0),
                egui::Align2::LEFT_BOTTOM,
                name,
                egui::FontId::proportional(11.0),
                text_colour,
            );
        }
    }

    let nearest = |pos: Pos2| {
        located
            .iter()
            .map(|(c, p)| (c, p.distance(pos)))
            .filter(|(_, d)| *d < 10.0)
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(c, _)| (*c).clone())
    };
    let hovered = response.hover_pos().and_then(nearest);
    let clicked = if response.clicked() { response.interact_pointer_pos().and_then(nearest) } else { None };
    if let Some(c) = hovered {
        let name = c.name(lang);
        response.on_hover_text(format!("{name} {}", c.name_native));
    }
    clicked.map(|c| c.id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn land_decodes_into_many_rings() {
        let rings = land();
        assert!(rings.len() > 100, "{}", rings.len());
        assert!(rings.iter().all(|r| r.iter().all(|(lon, lat)| lon.abs() <= 180.0 && lat.abs() <= 90.0)));
    }

    #[test]
    fn portland_is_east_of_khabarovsk_on_this_map() {
        let rect = Rect::from_min_size(Pos2::ZERO, Vec2::new(1000.0, 400.0));
        let khabarovsk = project(rect, 135.07, 48.48);
        let portland = project(rect, -122.68, 45.52);
        let mogilev = project(rect, 30.33, 53.9);
        assert!(mogilev.x < khabarovsk.x && khabarovsk.x < portland.x);
        assert!(portland.x <= 1000.0 && mogilev.x >= 0.0);
    }

    #[test]
    fn truncated_data_does_not_panic() {
        assert!(decode(&LAND[..7]).len() <= 1);
    }

    #[test]
    fn wraps_any_longitude_without_looping_and_leaves_impossible_places_off() {
        assert!((wrap_lon(135.07) - 135.07).abs() < 1e-3);
        assert!((wrap_lon(135.07 + 3600.0) - 135.07).abs() < 1e-2);
        for lon in [1e30_f32, -1e30, f32::MAX, f32::MIN] {
            let w = wrap_lon(lon);
            assert!((LON_MAX - 360.0..=LON_MAX).contains(&w), "{lon} → {w}");
        }
        assert!(wrap_lon(f32::INFINITY).is_nan() && wrap_lon(f32::NAN).is_nan(), "never a loop");
        assert!(on_globe(48.48, 135.07));
        assert!(!on_globe(48.48, 1e300) && !on_globe(f64::NAN, 0.0) && !on_globe(91.0, 0.0));
    }
}
