//! Colours and sizes in one place.

use eframe::egui::Color32;

/// The colours that differ between the light and the dark theme: text drawn in a colour on
/// the panel's background needs a dark shade on light panels and a light one on dark panels
/// to keep a contrast of 4.5:1 (checked by the tests below against egui's own backgrounds).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Palette {
    /// Errors: findings, invalid fields.
    pub error: Color32,
    /// Warnings.
    pub warning: Color32,
    /// Informational findings, notes.
    pub info: Color32,
    /// Saved state, success.
    pub ok: Color32,
    /// Background of the read-only banner.
    pub banner_bg: Color32,
    /// Text on the read-only banner.
    pub banner_text: Color32,
    /// Land outlines on the map.
    pub map_land: Color32,
    /// The home city on the map.
    pub map_home: Color32,
    /// Sister cities on the map.
    pub map_sister: Color32,
    /// Friendly cities on the map.
    pub map_friendly: Color32,
    /// Prospective partners on the map.
    pub map_prospective: Color32,
}

/// The light theme's colours (the default: office programs are light).
pub const LIGHT: Palette = Palette {
    error: Color32::from_rgb(0xAE, 0x34, 0x27),
    warning: Color32::from_rgb(0x85, 0x56, 0x00),
    info: Color32::from_rgb(0x22, 0x64, 0x90),
    ok: Color32::from_rgb(0x19, 0x6D, 0x3C),
    banner_bg: Color32::from_rgb(0xF9, 0xD7, 0xD3),
    banner_text: Color32::from_rgb(0x6B, 0x1A, 0x12),
    map_land: Color32::from_rgb(0x8C, 0x96, 0x9A),
    map_home: Color32::from_rgb(0xC0, 0x39, 0x2B),
    map_sister: Color32::from_rgb(0x9A, 0x72, 0x00),
    map_friendly: Color32::from_rgb(0x22, 0x64, 0x90),
    map_prospective: Color32::from_rgb(0x70, 0x70, 0x70),
};

/// The dark theme's colours.
pub const DARK: Palette = Palette {
    error: Color32::from_rgb(0xE5, 0x92, 0x89),
    warning: Color32::from_rgb(0xE8, 0x96, 0x00),
    info: Color32::from_rgb(0x6B, 0xAF, 0xDC),
    ok: Color32::from_rgb(0x2B, 0xBF, 0x69),
    banner_bg: Color32::from_rgb(0x5A, 0x1E, 0x16),
    banner_text: Color32::WHITE,
    map_land: Color32::from_rgb(0x7F, 0x8C, 0x8D),
    map_home: Color32::from_rgb(0xE7, 0x4C, 0x3C),
    map_sister: Color32::from_rgb(0xF1, 0xC4, 0x0F),
    map_friendly: Color32::from_rgb(0x5D, 0xAD, 0xE2),
    map_prospective: Color32::GRAY,
};

thread_local! {
    /// Whether this thread's UI draws in the dark theme: set by the shell at the start of
    /// every frame from the context's theme. Per thread, so tests driving several apps at
    /// once (each on its own thread) never see each other's theme.
    static DARK_NOW: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Draws this thread's UI in the dark theme's colours (`true`) or the light one's.
pub fn set_dark(dark: bool) {
    DARK_NOW.with(|d| d.set(dark));
}

/// The palette of the theme the UI draws in now.
pub fn palette() -> &'static Palette {
    if DARK_NOW.with(std::cell::Cell::get) { &DARK } else { &LIGHT }
}

/// Errors: findings, invalid fields.
pub fn error() -> Color32 {
    palette().error
}
/// Warnings.
pub fn warning() -> Color32 {
    palette().warning
}
/// Informational findings.
pub fn info() -> Color32 {
    palette().info
}
/// Saved state, success.
pub fn ok() -> Color32 {
    palette().ok
}
/// The colour of a finding's severity.
pub fn severity(s: crate::model::Severity) -> Color32 {
    match s {
        crate::model::Severity::Error => error(),
        crate::model::Severity::Warning => warning(),
        crate::model::Severity::Info => info(),
    }
}

/// The theme the user chose: light (the default), dark, or as the system says (light where
/// the system says nothing; egui's own fallback is dark).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ThemeChoice {
    /// Light.
    #[default]
    Light,
    /// Dark.
    Dark,
    /// As the system says.
    System,
}

impl ThemeChoice {
    /// All, in the order the menu offers them.
    pub const ALL: [ThemeChoice; 3] = [ThemeChoice::Light, ThemeChoice::Dark, ThemeChoice::System];

    /// Makes `ctx` draw in this theme.
    pub fn apply(self, ctx: &eframe::egui::Context) {
        use eframe::egui::{Theme, ThemePreference};
        ctx.options_mut(|o| o.fallback_theme = Theme::Light);
        ctx.set_theme(match self {
            ThemeChoice::Light => ThemePreference::Light,
            ThemeChoice::Dark => ThemePreference::Dark,
            ThemeChoice::System => ThemePreference::System,
        });
    }
}

/// The text sizes offered, in per cent: the whole UI scales.
pub const TEXT_SIZES: [u32; 3] = [100, 125, 150];

/// Where the theme chosen is remembered (egui's persisted memory, per user).
const THEME_KEY: &str = "pobratim-theme";
/// Where the text size chosen is remembered.
const TEXT_SIZE_KEY: &str = "pobratim-text-size";

/// The theme and text size this user chose last (light and 100 % the first time, or when
/// what was remembered is not one of the choices), applied to `ctx`.
pub fn restore(ctx: &eframe::egui::Context) -> (ThemeChoice, u32) {
    use eframe::egui::Id;
    let choice = ctx.data_mut(|d| d.get_persisted::<ThemeChoice>(Id::unique(THEME_KEY))).unwrap_or_default();
    let size = ctx
        .data_mut(|d| d.get_persisted::<u32>(Id::unique(TEXT_SIZE_KEY)))
        .filter(|s| TEXT_SIZES.contains(s))
        .unwrap_or(100);
    choice.apply(ctx);
    ctx.set_zoom_factor(size as f32 / 100.0);
    follow(ctx);
    (choice, size)
}

/// Applies and remembers a theme and a text size.
pub fn choose(ctx: &eframe::egui::Context, choice: ThemeChoice, size: u32) {
    use eframe::egui::Id;
    ctx.data_mut(|d| {
        d.insert_persisted(Id::unique(THEME_KEY), choice);
        d.insert_persisted(Id::unique(TEXT_SIZE_KEY), size);
    });
    choice.apply(ctx);
    ctx.set_zoom_factor(size as f32 / 100.0);
    follow(ctx);
}

/// At the start of each frame: the palette follows the theme the context draws in.
pub fn follow(ctx: &eframe::egui::Context) {
    set_dark(ctx.theme() == eframe::egui::Theme::Dark);
}

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
pub const STAY_OUT: Color32 = Color32::from_rgb(0x91, 0x45, 0xB0);

/// The colour of an event category in the calendar and its legend.
pub fn category_colour(c: crate::model::EventCategory) -> Color32 {
    use crate::model::EventCategory as C;
    match c {
        C::Culture => Color32::from_rgb(0xBC, 0x4A, 0x93),
        C::Sport => Color32::from_rgb(0xB3, 0x5F, 0x14),
        C::Education => Color32::from_rgb(0x20, 0x7A, 0xB7),
        C::Health => Color32::from_rgb(0xDF, 0x2E, 0x1B),
        C::Ecology => Color32::from_rgb(0x1E, 0x86, 0x4A),
        C::Economy => Color32::from_rgb(0x8C, 0x72, 0x08),
        C::Tourism => Color32::from_rgb(0x12, 0x84, 0x6E),
        C::Official => Color32::from_rgb(0x5D, 0x6D, 0x7E),
        C::Youth => Color32::from_rgb(0x90, 0x45, 0xB0),
    }
}

/// The WCAG contrast ratio of two opaque colours (1 to 21).
pub fn contrast(a: Color32, b: Color32) -> f32 {
    fn luminance(c: Color32) -> f32 {
        let lin = |v: u8| {
            let v = f32::from(v) / 255.0;
            if v <= 0.04045 { v / 12.92 } else { ((v + 0.055) / 1.055).powf(2.4) }
        };
        0.2126 * lin(c.r()) + 0.7152 * lin(c.g()) + 0.0722 * lin(c.b())
    }
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::EventCategory;
    use eframe::egui::Visuals;

    /// Each theme's palette beside egui's own visuals of that theme.
    fn themes() -> [(&'static str, Palette, Visuals); 2] {
        [("light", LIGHT, Visuals::light()), ("dark", DARK, Visuals::dark())]
    }

    /// Text in a colour keeps 4.5:1 on every background it is drawn on (panels, windows and
    /// toasts, text fields, buttons); marks (legend dots, chart series, map markers) keep
    /// 3:1; white text on a calendar chip keeps 4.5:1 on every category's colour.
    #[test]
    fn text_and_marks_keep_their_contrast_in_both_themes() {
        let mut failures = Vec::new();
        let mut check = |what: String, a: Color32, b: Color32, least: f32| {
            let c = contrast(a, b);
            if c < least {
                failures.push(format!("{what}: {c:.2} < {least}"));
            }
        };
        for (name, p, v) in themes() {
            let backgrounds = [
                ("panel", v.panel_fill),
                ("window", v.window_fill),
                ("field", v.extreme_bg_color),
                ("button", v.widgets.inactive.weak_bg_fill),
            ];
            for (fg, colour) in [("error", p.error), ("warning", p.warning), ("info", p.info), ("ok", p.ok)] {
                for (bg, under) in backgrounds {
                    check(format!("{name}: {fg} on {bg}"), colour, under, 4.5);
                }
            }
            check(format!("{name}: banner"), p.banner_text, p.banner_bg, 4.5);
            let marks = EventCategory::ALL
                .iter()
                .map(|c| (format!("{c:?}"), category_colour(*c)))
                .chain([("stay in".to_owned(), STAY_IN), ("stay out".to_owned(), STAY_OUT)])
                .chain(SERIES.iter().enumerate().map(|(i, c)| (format!("series {i}"), *c)));
            for (mark, colour) in marks {
                check(format!("{name}: {mark} on panel"), colour, v.panel_fill, 3.0);
            }
            for (mark, colour) in [
                ("land", p.map_land),
                ("home", p.map_home),
                ("sister", p.map_sister),
                ("friendly", p.map_friendly),
                ("prospective", p.map_prospective),
            ] {
                check(format!("{name}: map {mark}"), colour, v.extreme_bg_color, 3.0);
            }
        }
        for c in EventCategory::ALL {
            check(format!("chip text on {c:?}"), CHIP_TEXT, category_colour(c), 4.5);
        }
        check("chip text on stay in".into(), CHIP_TEXT, STAY_IN, 4.5);
        check("chip text on stay out".into(), CHIP_TEXT, STAY_OUT, 4.5);
        assert!(failures.is_empty(), "{failures:#?}");
    }

    #[test]
    fn the_contrast_formula_gives_the_known_values() {
        assert!((contrast(Color32::BLACK, Color32::WHITE) - 21.0).abs() < 0.01);
        assert!((contrast(Color32::WHITE, Color32::WHITE) - 1.0).abs() < 0.001);
        // WCAG's own example: #777 on white is just under 4.5.
        let c = contrast(Color32::from_gray(0x77), Color32::WHITE);
        assert!((4.4..4.5).contains(&c), "{c}");
    }

    #[test]
    fn the_palette_follows_the_theme_per_thread() {
        set_dark(false);
        assert_eq!(error(), LIGHT.error);
        set_dark(true);
        assert_eq!(error(), DARK.error);
        let other = std::thread::Builder::new().spawn(error).expect("thread").join().expect("join");
        assert_eq!(other, LIGHT.error, "another thread keeps its own");
        set_dark(false);
    }
}
