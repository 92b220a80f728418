//! The desktop app: the shell ([`App`]), one module per panel, widgets, theme, fonts and
//! the i18n table. Panels read `&Model` and return commands; only the shell changes the model.

pub mod action;
pub mod app;
pub mod calendar;
pub mod cities;
pub mod delegations;
pub mod dialogs;
pub mod fonts;
pub mod form;
pub mod i18n;
pub mod map;
pub mod people;
pub mod search;
pub mod theme;
pub mod toast;
pub mod tourism;
pub mod view;
pub mod widgets;

pub use app::App;

use crate::store;

use eframe::egui;
use std::path::Path;
use std::process::ExitCode;

/// Starts the GUI on `data` (or the default folder, seeded on first run), in `lang` if
/// given (else the language chosen last time, else Russian).
pub fn run_gui(data: Option<&Path>, lang: Option<crate::model::Lang>, today: Option<chrono::NaiveDate>) -> ExitCode {
    let dir = match store::resolve_data_dir(data) {
        Ok(dir) => dir,
        Err(e) => {
            eprintln!("pobratim: {e}");
            return ExitCode::FAILURE;
        }
    };
    // `--today` (hidden) stops the clock on a day, for scripted walks through the sample.
    let opened = match today {
        Some(day) => App::open_at(&dir, day),
        None => App::open(&dir),
    };
    let app = match opened {
        Ok(app) => app.with_lang(lang),
        Err(e) => {
            eprintln!("pobratim: {e:#}");
            return ExitCode::FAILURE;
        }
    };
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([900.0, 560.0])
            .with_title(app.title()),
        // Window size and position are remembered between runs (eframe persistence), in the
        // configuration folder: eframe's default is the default data folder itself.
        persist_window: true,
        persistence_path: store::window_settings_path(),
        ..Default::default()
    };
    match eframe::run_native("pobratim", options, Box::new(|_cc| Ok(Box::new(app)))) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("pobratim: cannot open the window: {e}");
            ExitCode::FAILURE
        }
    }
}
