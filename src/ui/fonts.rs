//! The bundled fonts: Noto Sans for Latin and Cyrillic, a Noto Sans CJK subset for Chinese,
//! Japanese and Korean names. Registered before anything is drawn, so the app renders
//! 新潟, 哈尔滨 and 부천 on a PC without CJK fonts. The same files serve PDF printing.

use eframe::egui::{self, FontData, FontDefinitions, FontFamily};
use std::sync::Arc;

pub use crate::assets::{NOTO_SANS, NOTO_SANS_BOLD, NOTO_SANS_CJK};

/// The family name of bold text.
pub const BOLD: &str = "bold";

/// The font definitions: Noto first, CJK as fallback, egui's own fonts (emoji) after.
pub fn definitions() -> FontDefinitions {
    let mut fonts = FontDefinitions::default();
    fonts.font_data.insert("noto".into(), Arc::new(FontData::from_static(NOTO_SANS)));
    fonts.font_data.insert("noto-bold".into(), Arc::new(FontData::from_static(NOTO_SANS_BOLD)));
    fonts.font_data.insert("noto-cjk".into(), Arc::new(FontData::from_static(NOTO_SANS_CJK)));
    let defaults = fonts.families.get(&FontFamily::Proportional).cloned().unwrap_or_default();
    let mut proportional = vec!["noto".to_owned(), "noto-cjk".to_owned()];
    proportional.extend(defaults.iter().cloned());
    fonts.families.insert(FontFamily::Proportional, proportional);
    let mut bold = vec!["noto-bold".to_owned(), "noto-cjk".to_owned()];
    bold.extend(defaults.iter().cloned());
    fonts.families.insert(FontFamily::Name(BOLD.into()), bold);
    if let Some(mono) = fonts.families.get_mut(&FontFamily::Monospace) {
        mono.push("noto".into());
        mono.push("noto-cjk".into());
    }
    fonts
}

/// Installs the fonts into `ctx` (they take effect from the next frame).
pub fn install(ctx: &egui::Context) {
    ctx.set_fonts(definitions());
}

/// Text in the bold family.
pub fn bold(text: impl Into<String>) -> egui::RichText {
    egui::RichText::new(text).family(FontFamily::Name(BOLD.into()))
}
