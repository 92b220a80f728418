//! The window shown when the data folder cannot be opened at start-up: a network drive
//! not connected, a folder setting with a typo, a folder of a newer Pobratim. A person who
//! started the app from a menu sees why, and can try again (once the drive is connected)
//! or open another folder; the app then starts there, in the same window.

use super::App;
use super::dialogs::{FileDialogs, FileKind, FileQuestion};
use super::{fonts, i18n, theme};
use crate::model::Lang;
use crate::store;
use chrono::NaiveDate;
use eframe::egui;
use std::path::{Path, PathBuf};

/// The shell of the window: the problem, until a folder opens, then the app.
pub enum Shell {
    /// No folder is open yet.
    Waiting(Box<FolderProblem>),
    /// The app on its folder.
    Running(Box<App>),
}

/// Why no folder opened, and how to go on.
pub struct FolderProblem {
    message: String,
    /// `--data`, tried again as given.
    explicit: Option<PathBuf>,
    lang: Lang,
    today: Option<NaiveDate>,
    dialogs: Box<dyn FileDialogs>,
    /// Where «Открыть папку данных…» remembers the choice.
    folder_file: Option<PathBuf>,
    fonts: bool,
}

impl FolderProblem {
    /// The problem `message` (in `lang`), with these dialogs; `today` stops the clock of
    /// the app that starts after it.
    pub fn new(
        message: String,
        explicit: Option<&Path>,
        lang: Lang,
        today: Option<NaiveDate>,
        dialogs: Box<dyn FileDialogs>,
    ) -> Self {
        let explicit = explicit.map(Path::to_path_buf);
        Self { message, explicit, lang, today, dialogs, folder_file: None, fonts: false }
    }

    /// Remembers a folder opened from here in this settings file.
    pub fn set_folder_file(&mut self, file: Option<PathBuf>) {
        self.folder_file = file;
    }

    /// The message shown.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Opens the app on `dir`, or says why not.
    fn open(&mut self, dir: &Path) -> Option<App> {
        let opened = match self.today {
            Some(day) => App::open_at(dir, day),
            None => App::open(dir),
        };
        match opened {
            Ok(mut app) => {
                app.set_folder_file(self.folder_file.clone());
                Some(app.with_lang(Some(self.lang)))
            }
            Err(e) => {
                self.message = format!("{e:#}");
                None
            }
        }
    }

    /// Draws the window; the app once a folder opened.
    fn ui(&mut self, ui: &mut egui::Ui) -> Option<App> {
        let ctx = ui.ctx().clone();
        if !self.fonts {
            fonts::install(&ctx);
            self.fonts = true;
            ctx.request_repaint();
            return None;
        }
        let t = i18n::texts(self.lang);
        let mut opened = None;
        if let Some(answer) = self.dialogs.poll()
            && let Some(dir) = answer
        {
            if let Some(file) = &self.folder_file
                && let Err(e) = store::remember_data_dir(file, &dir)
            {
                self.message = e.message(self.lang);
            }
            opened = self.open(&dir);
        }
        egui::CentralPanel::default().show(ui, |ui| {
            ui.add_space(24.0);
            ui.heading(t.folder_problem);
            ui.add_space(8.0);
            ui.colored_label(theme::error(), &self.message);
            ui.add_space(8.0);
            ui.label(t.folder_problem_hint);
            ui.add_space(12.0);
            ui.horizontal(|ui| {
                if ui.button(t.try_again).clicked() {
                    match store::locate_data_dir(self.explicit.as_deref()) {
                        Ok((dir, _)) => opened = self.open(&dir),
                        Err(e) => self.message = e.message(self.lang),
                    }
                }
                if ui.add_enabled(!self.dialogs.is_asking(), egui::Button::new(t.open_data_folder)).clicked() {
                    let question = FileQuestion {
                        title: t.open_data_folder.to_owned(),
                        kind: FileKind::Folder,
                        extension: String::new(),
                    };
                    self.dialogs.ask(question, &ctx);
                }
                if ui.button(t.quit).clicked() {
                    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                }
            });
        });
        self.dialogs.ui(&ctx, t, self.lang);
        opened
    }
}

impl eframe::App for Shell {
    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        crate::ui::theme::follow(ui.ctx());
        match self {
            Self::Running(app) => app.ui(ui, frame),
            Self::Waiting(problem) => {
                if let Some(app) = problem.ui(ui) {
                    ui.ctx().send_viewport_cmd(egui::ViewportCommand::Title(app.title()));
                    *self = Self::Running(Box::new(app));
                    ui.ctx().request_repaint();
                }
            }
        }
    }

    fn on_exit(&mut self, gl: Option<&eframe::glow::Context>) {
        if let Self::Running(app) = self {
            app.on_exit(gl);
        }
    }
}
