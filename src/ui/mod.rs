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
pub mod overview;
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
        Ok(mut app) => {
            app.set_folder_file(store::chosen_folder_file());
            app.with_lang(lang)
        }
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
    let creator: eframe::AppCreator<'_> = Box::new(|cc| {
        // A logout or `kill` sends SIGTERM (Ctrl+C SIGINT, a closed terminal SIGHUP): close
        // the window as the user would, so the changes are saved and the folder's lock is
        // released; a lock left behind would make the next start read-only.
        let ctx = cc.egui_ctx.clone();
        if let Err(e) = ctrlc::set_handler(move || ctx.send_viewport_cmd(egui::ViewportCommand::Close)) {
            eprintln!("pobratim: cannot watch for the end of the session: {e}");
        }
        Ok(Box::new(app))
    });
    match eframe::run_native("pobratim", options, creator) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("pobratim: cannot open the window: {e}");
            ExitCode::FAILURE
        }
    }
}
