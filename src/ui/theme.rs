//! Colours and sizes in one place.

use eframe::egui::Color32;

/// Errors: findings, invalid fields, read-only banner.
pub const ERROR: Color32 = Color32::from_rgb(0xC0, 0x39, 0x2B);
/// Warnings.
pub const WARNING: Color32 = Color32::from_rgb(0xD6, 0x8A, 0x00);
/// Informational findings.
pub const INFO: Color32 = Color32::from_rgb(0x2E, 0x86, 0xC1);
/// The colour of a finding's severity.
pub fn severity(s: crate::model::Severity) -> Color32 {
    match s {
        crate::model::Severity::Error => ERROR,
        crate::model::Severity::Warning => WARNING,
        crate::model::Severity::Info => INFO,
    }
}

/// Saved state.
pub const OK: Color32 = Color32::from_rgb(0x27, 0xAE, 0x60);
/// Background of the read-only banner.
pub const BANNER_BG: Color32 = Color32::from_rgb(0x5A, 0x1E, 0x16);
/// Text on the read-only banner.
pub const BANNER_TEXT: Color32 = Color32::WHITE;
/// Land outlines on the map.
pub const MAP_LAND: Color32 = Color32::from_rgb(0x7F, 0x8C, 0x8D);
/// The home city on the map.
pub const MAP_HOME: Color32 = Color32::from_rgb(0xE7, 0x4C, 0x3C);
/// Sister cities on the map.
pub const MAP_SISTER: Color32 = Color32::from_rgb(0xF1, 0xC4, 0x0F);
/// Friendly cities on the map.
pub const MAP_FRIENDLY: Color32 = Color32::from_rgb(0x5D, 0xAD, 0xE2);
/// Prospective partners on the map.
pub const MAP_PROSPECTIVE: Color32 = Color32::GRAY;
/// Text on a coloured calendar chip.
pub const CHIP_TEXT: Color32 = Color32::WHITE;
/// Colours of a chart's series: recorded data strong, official totals pale.
pub const SERIES: [Color32; 4] = [
    Color32::from_rgb(0x2b, 0x6c, 0xb0),
    Color32::from_rgb(0xc0, 0x56, 0x21),
    Color32::from_rgb(0x2f, 0x8f, 0x5b),
    Color32::from_rgb(0x8a, 0x4f, 0xa8),
];
/// Width of the navigation panel.
pub const NAV_WIDTH: f32 = 190.0;
/// Width of record lists.
pub const LIST_WIDTH: f32 = 330.0;

/// The width a list beside a detail starts with: `wanted` on a wide window, a little over a
/// third of the room on a narrow one (at 1024 points the detail keeps about 540 points).
pub fn list_width(ui: &eframe::egui::Ui, wanted: f32) -> f32 {
    (ui.available_width() * 0.36).clamp(240.0, wanted)
}
/// Width of field labels in forms.
pub const LABEL_WIDTH: f32 = 190.0;

/// Incoming delegation stays in the calendar.
pub const STAY_IN: Color32 = Color32::from_rgb(0x1E, 0x84, 0x49);
/// Outgoing delegation stays in the calendar.
pub const STAY_OUT: Color32 = Color32::from_rgb(0x7D, 0x3C, 0x98);

/// The colour of an event category in the calendar and its legend.
pub fn category_colour(c: crate::model::EventCategory) -> Color32 {
    use crate::model::EventCategory as C;
    match c {
        C::Culture => Color32::from_rgb(0xC0, 0x56, 0x9A),
        C::Sport => Color32::from_rgb(0xE6, 0x7E, 0x22),
        C::Education => Color32::from_rgb(0x34, 0x98, 0xDB),
        C::Health => Color32::from_rgb(0xE7, 0x4C, 0x3C),
        C::Ecology => Color32::from_rgb(0x27, 0xAE, 0x60),
        C::Economy => Color32::from_rgb(0xB7, 0x95, 0x0B),
        C::Tourism => Color32::from_rgb(0x16, 0xA0, 0x85),
        C::Official => Color32::from_rgb(0x5D, 0x6D, 0x7E),
        C::Youth => Color32::from_rgb(0x8E, 0x44, 0xAD),
    }
}
