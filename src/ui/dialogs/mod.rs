//! File dialogs as a request and an answer.
//!
//! The shell asks ([`FileDialogs::ask`]), draws ([`FileDialogs::ui`]) and polls for the
//! answer on later frames ([`FileDialogs::poll`]), so a dialog never blocks a frame.
//! [`SystemDialogs`] is what the app uses: the system's dialog where one answers, else the
//! in-app one (`in_app.rs`), chosen at start-up by `probe.rs`. Tests use [`FixedDialogs`],
//! which answers at once, or [`SystemDialogs::in_app`], and never open a system dialog.

mod in_app;
pub mod probe;

pub use in_app::InAppDialog;

use crate::model::Lang;
use crate::ui::i18n::Texts;
use eframe::egui;
use probe::Backend;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

/// What the user is asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileQuestion {
    /// The dialog's title.
    pub title: String,
    /// A file to write (with the suggested name) or one to read.
    pub kind: FileKind,
    /// The extension offered, without the dot.
    pub extension: String,
}

/// Save or open.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// A file to write, suggesting this name.
    Save(String),
    /// A file to read.
    Open,
    /// A folder (the data folder to work in).
    Folder,
}

/// The user's answer: a path, or `None` when they cancelled.
pub type FileAnswer = Option<PathBuf>;

/// Asks the user for files, one question at a time.
pub trait FileDialogs {
    /// Starts asking. `ctx` is woken when the answer is ready.
    fn ask(&mut self, question: FileQuestion, ctx: &egui::Context);
    /// The answer, once: `Some(answer)` when the user has answered, `None` while waiting.
    fn poll(&mut self) -> Option<FileAnswer>;
    /// Whether a question waits for its answer.
    fn is_asking(&self) -> bool;
    /// Opens a finished file (a PDF) in the system's viewer, where the user prints it, or a
    /// folder in the file manager.
    fn show(&self, path: &std::path::Path) -> Result<(), String>;
    /// Draws a dialog that lives in the window (the in-app one), every frame.
    fn ui(&mut self, _ctx: &egui::Context, _t: &Texts, _lang: Lang) {}
    /// Whether a dialog drawn in the window waits for the user (not work under way).
    fn waits_for_user(&self) -> bool {
        false
    }
    /// The app now works in `dir`: the in-app dialog's «Папка данных» shortcut goes there.
    fn data_folder_changed(&mut self, _dir: &Path) {}
}

/// The system's dialogs (through the XDG desktop portal on Linux, native on Windows), each
/// shown from a named thread so the window keeps drawing meanwhile.
#[derive(Default)]
pub struct NativeDialogs {
    waiting: Option<Receiver<FileAnswer>>,
}

impl FileDialogs for NativeDialogs {
    fn ask(&mut self, question: FileQuestion, ctx: &egui::Context) {
        let (tx, rx) = mpsc::channel();
        let ctx = ctx.clone();
        let spawned = std::thread::Builder::new().name("pobratim-dialog".into()).spawn(move || {
            let dialog = rfd::FileDialog::new().set_title(&question.title);
            let filtered = || dialog.clone().add_filter(question.extension.as_str(), &[question.extension.as_str()]);
            let answer = match &question.kind {
                FileKind::Save(name) => filtered().set_file_name(name).save_file(),
                FileKind::Open => filtered().pick_file(),
                FileKind::Folder => dialog.clone().pick_folder(),
            };
            // The receiver is gone only if the app closed.
            let _ = tx.send(answer);
            ctx.request_repaint();
        });
        self.waiting = spawned.ok().map(|_| rx);
    }

    fn poll(&mut self) -> Option<FileAnswer> {
        let rx = self.waiting.as_ref()?;
        match rx.try_recv() {
            Ok(answer) => {
                self.waiting = None;
                Some(answer)
            }
            Err(mpsc::TryRecvError::Empty) => None,
            Err(mpsc::TryRecvError::Disconnected) => {
                self.waiting = None;
                Some(None)
            }
        }
    }

    fn is_asking(&self) -> bool {
        self.waiting.is_some()
    }

    fn show(&self, path: &std::path::Path) -> Result<(), String> {
        opener::open(path).map_err(|e| e.to_string())
    }
}

/// Where the choice of dialog stands.
enum Choice {
    /// The probe runs on its thread, since this instant.
    Probing(Receiver<Backend>, Instant),
    Known(Backend),
}

/// The probe's answer is waited for this long after start-up; then the in-app dialog is used.
const PROBE_WAIT: Duration = Duration::from_secs(10);

/// The app's dialogs: the system's where one answers (`probe.rs` decides at start-up, off
/// the UI thread), else [`InAppDialog`]. A question asked before the probe has answered
/// waits for it.
pub struct SystemDialogs {
    choice: Choice,
    native: NativeDialogs,
    data_dir: PathBuf,
    /// The folder of the last file chosen in the in-app dialog, where the next one starts.
    last_dir: Option<PathBuf>,
    /// A question waiting for the probe.
    pending: Option<(FileQuestion, egui::Context)>,
    in_app: Option<InAppDialog>,
    answer: Option<FileAnswer>,
}

impl SystemDialogs {
    /// Starts the probe on a named thread; `data_dir` is a shortcut of the in-app dialog.
    pub fn new(data_dir: &Path) -> Self {
        let (tx, rx) = mpsc::channel();
        let spawned = std::thread::Builder::new().name("pobratim-dialog-probe".into()).spawn(move || {
            let (backend, reason) = probe::decide_here();
            if backend == Backend::InApp {
                eprintln!("pobratim: no desktop portal and no zenity ({reason:?}): using the in-app file dialog");
            }
            // The receiver is gone only if the app closed.
            let _ = tx.send(backend);
        });
        let choice = match spawned {
            Ok(_) => Choice::Probing(rx, Instant::now()),
            Err(_) => Choice::Known(Backend::InApp),
        };
        Self::with_choice(choice, data_dir)
    }

    /// Always the in-app dialog (tests, and `POBRATIM_FILE_DIALOG=in-app`).
    pub fn in_app(data_dir: &Path) -> Self {
        Self::with_choice(Choice::Known(Backend::InApp), data_dir)
    }

    fn with_choice(choice: Choice, data_dir: &Path) -> Self {
        Self {
            choice,
            native: NativeDialogs::default(),
            data_dir: data_dir.to_path_buf(),
            last_dir: None,
            pending: None,
            in_app: None,
            answer: None,
        }
    }

    /// The dialog chosen, once known.
    pub fn backend(&mut self) -> Option<Backend> {
        if let Choice::Probing(rx, since) = &self.choice {
            let known = match rx.try_recv() {
                Ok(b) => Some(b),
                Err(mpsc::TryRecvError::Disconnected) => Some(Backend::InApp),
                Err(mpsc::TryRecvError::Empty) => (since.elapsed() > PROBE_WAIT).then_some(Backend::InApp),
            };
            if let Some(b) = known {
                self.choice = Choice::Known(b);
            }
        }
        match self.choice {
            Choice::Known(b) => Some(b),
            Choice::Probing(..) => None,
        }
    }

    fn dispatch(&mut self) {
        let Some(backend) = self.backend() else {
            if let Some((_, ctx)) = &self.pending {
                ctx.request_repaint_after(Duration::from_millis(100));
            }
            return;
        };
        let Some((question, ctx)) = self.pending.take() else { return };
        match backend {
            Backend::System => self.native.ask(question, &ctx),
            Backend::InApp => {
                let start = self.last_dir.clone();
                self.in_app = Some(InAppDialog::new(question, start, &self.data_dir));
                ctx.request_repaint();
            }
        }
    }
}

impl FileDialogs for SystemDialogs {
    fn ask(&mut self, question: FileQuestion, ctx: &egui::Context) {
        if self.is_asking() {
            return;
        }
        self.pending = Some((question, ctx.clone()));
        self.dispatch();
    }

    fn poll(&mut self) -> Option<FileAnswer> {
        self.dispatch();
        if let Some(answer) = self.answer.take() {
            return Some(answer);
        }
        self.native.poll()
    }

    fn is_asking(&self) -> bool {
        self.pending.is_some() || self.in_app.is_some() || self.answer.is_some() || self.native.is_asking()
    }

    fn show(&self, path: &Path) -> Result<(), String> {
        self.native.show(path)
    }

    fn waits_for_user(&self) -> bool {
        self.in_app.is_some()
    }

    fn data_folder_changed(&mut self, dir: &Path) {
        self.data_dir = dir.to_path_buf();
    }

    fn ui(&mut self, ctx: &egui::Context, t: &Texts, lang: Lang) {
        let Some(dialog) = self.in_app.as_mut() else { return };
        if let Some(answer) = dialog.ui(ctx, t, lang) {
            if let Some(path) = &answer {
                self.last_dir = path.parent().map(Path::to_path_buf);
            }
            self.in_app = None;
            self.answer = Some(answer);
        }
    }
}

/// Dialogs that answer at once with fixed paths: for tests, and for scripted use.
pub struct FixedDialogs {
    /// What a save question is answered with.
    pub save: Option<PathBuf>,
    /// What an open question (a file or a folder) is answered with.
    pub open: Option<PathBuf>,
    answer: Option<FileAnswer>,
}

impl FixedDialogs {
    /// Dialogs that answer `save` to every save question and `open` to every open one.
    pub fn new(save: Option<PathBuf>, open: Option<PathBuf>) -> FixedDialogs {
        FixedDialogs { save, open, answer: None }
    }
}

impl FileDialogs for FixedDialogs {
    fn ask(&mut self, question: FileQuestion, _ctx: &egui::Context) {
        self.answer = Some(match question.kind {
            FileKind::Save(_) => self.save.clone(),
            FileKind::Open | FileKind::Folder => self.open.clone(),
        });
    }

    fn poll(&mut self) -> Option<FileAnswer> {
        self.answer.take()
    }

    fn is_asking(&self) -> bool {
        self.answer.is_some()
    }

    fn show(&self, _path: &std::path::Path) -> Result<(), String> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_dialogs_answer_each_question_once() {
        let ctx = egui::Context::default();
        let mut d = FixedDialogs::new(Some("out.ics".into()), None);
        assert_eq!(d.poll(), None, "nothing asked yet");
        d.ask(FileQuestion { title: "t".into(), kind: FileKind::Save("a.ics".into()), extension: "ics".into() }, &ctx);
        assert!(d.is_asking());
        assert_eq!(d.poll(), Some(Some(PathBuf::from("out.ics"))));
        assert_eq!(d.poll(), None, "answered once");
        d.ask(FileQuestion { title: "t".into(), kind: FileKind::Open, extension: "ics".into() }, &ctx);
        assert_eq!(d.poll(), Some(None), "an open question with no file is a cancel");
    }
}
