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
pub mod help;
pub mod i18n;
pub mod map;
pub mod overview;
pub mod people;
pub mod search;
pub mod start;
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
    // A folder that does not open (a network drive not connected, a setting with a typo, a
    // newer format) is said in the window, with «Повторить» and «Открыть папку данных…»:
    // started from a menu, the app must not just vanish.
    let shown = lang.unwrap_or(crate::model::Lang::Ru);
    let problem = |message: String| {
        eprintln!("pobratim: {message}");
        let dialogs = Box::new(dialogs::SystemDialogs::new(&store::default_data_dir().unwrap_or_default()));
        let mut p = start::FolderProblem::new(message, data, shown, today, dialogs);
        p.set_folder_file(store::chosen_folder_file());
        start::Shell::Waiting(Box::new(p))
    };
    let shell = match store::resolve_data_dir(data) {
        Err(e) => problem(e.message(shown)),
        // `--today` (hidden) stops the clock on a day, for scripted walks through the sample.
        Ok(dir) => match today.map_or_else(|| App::open(&dir), |day| App::open_at(&dir, day)) {
            Ok(mut app) => {
                app.set_folder_file(store::chosen_folder_file());
                start::Shell::Running(Box::new(app.with_lang(lang)))
            }
            Err(e) => problem(format!("{e:#}")),
        },
    };
    let title = match &shell {
        start::Shell::Running(app) => app.title(),
        start::Shell::Waiting(_) => i18n::texts(shown).app_name.to_owned(),
    };
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([900.0, 560.0])
            .with_title(title)
            // The desktop entry's name (Wayland app id, X11 class), so the dock shows the
            // menu's icon beside the window; the icon itself for desktops that ask the window.
            .with_app_id("pobratim")
            .with_icon(window_icon()),
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
        theme::restore(&cc.egui_ctx);
        let ctx = cc.egui_ctx.clone();
        if let Err(e) = ctrlc::set_handler(move || ctx.send_viewport_cmd(egui::ViewportCommand::Close)) {
            eprintln!("pobratim: cannot watch for the end of the session: {e}");
        }
        Ok(Box::new(shell))
    });
    match eframe::run_native("pobratim", options, creator) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("pobratim: cannot open the window: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The application icon (the 256-pixel PNG the package installs), built into the binary.
pub(crate) const ICON_PNG: &[u8] = include_bytes!("../../assets/icons/hicolor/256x256/apps/pobratim.png");

/// The window's icon; an unreadable PNG (it is built in, so only a broken build) leaves the
/// desktop's default icon rather than failing the start.
fn window_icon() -> std::sync::Arc<egui::IconData> {
    std::sync::Arc::new(eframe::icon_data::from_png_bytes(ICON_PNG).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_built_in_icon_is_a_256_pixel_square() {
        let icon = eframe::icon_data::from_png_bytes(super::ICON_PNG).expect("the icon PNG decodes");
        assert_eq!((icon.width, icon.height), (256, 256));
        assert_eq!(icon.rgba.len(), 256 * 256 * 4);
    }
}
