//! «Открыть папку данных…»: the shell leaves one data folder for another. What is unsaved
//! is saved first; the new folder opens as at start-up (its lock, session and revision);
//! only then is the old one let go, and the choice remembered for this user.

use super::App;
use super::jobs::Asked;
use crate::clock::Clock;
use crate::store;
use crate::ui::dialogs::{FileKind, FileQuestion};
use crate::ui::i18n::{self, Texts};
use crate::ui::toast::Kind;
use eframe::egui;
use std::path::{Path, PathBuf};

impl App {
    /// Remembers the folder opened with «Открыть папку данных…» in this settings file (the
    /// GUI passes the user's; tests pass their own, or none).
    pub fn set_folder_file(&mut self, file: Option<PathBuf>) {
        self.folder_file = file;
    }

    /// The data folder the app works in.
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// Asks which folder to work in.
    pub(super) fn ask_data_folder(&mut self, ctx: &egui::Context, t: &Texts) {
        if self.dialogs.is_asking() {
            return;
        }
        let question =
            FileQuestion { title: t.open_data_folder.to_owned(), kind: FileKind::Folder, extension: String::new() };
        self.jobs.asked = Some(Asked::Folder);
        self.dialogs.ask(question, ctx);
    }

    /// Works in `dir` from now on: saves what is unsaved here, opens `dir`, and remembers
    /// it. Each way it ends is said in a toast; on a failure the app stays where it was.
    pub fn switch_folder(&mut self, dir: &Path, ctx: &egui::Context) {
        let t = i18n::texts(self.lang);
        if dir == self.data_dir {
            self.toasts.push(Kind::Note, format!("{}: {}", t.folder_already_open, dir.display()), None);
            return;
        }
        if let Err(e) = self.save_blocking() {
            self.toasts.error(format!("{}: {} — {e}", t.folder_not_opened, t.unsaved));
            return;
        }
        let was_empty = !store::holds_data(dir).unwrap_or(true);
        let fixed = matches!(self.clock, Clock::Fixed(_)).then_some(self.today);
        let mut next = match App::open_with(dir, fixed) {
            Ok(next) => next,
            Err(e) => {
                self.toasts.error(format!("{}: {e:#}", t.folder_not_opened));
                return;
            }
        };
        next.lang = self.lang;
        next.lang_chosen = true;
        next.reminder_hidden = self.reminder_hidden;
        next.started = self.started;
        next.folder_file = self.folder_file.take();
        std::mem::swap(&mut next.dialogs, &mut self.dialogs);
        next.dialogs.data_folder_changed(dir);
        let remembered = next.folder_file.clone().map(|file| store::remember_data_dir(&file, dir));
        // The old folder is let go here: its session ends, its team thread stops.
        *self = next;
        if self.started {
            self.start_team_watch(ctx);
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(self.title()));
        }
        let what = if was_empty { t.folder_new } else { t.folder_opened };
        self.toasts.push(Kind::Success, format!("{what}: {}", dir.display()), None);
        if let Some(Err(e)) = remembered {
            self.toasts.push(Kind::Error, format!("{}: {}", t.folder_not_remembered, e.message(self.lang)), None);
        }
    }
}
