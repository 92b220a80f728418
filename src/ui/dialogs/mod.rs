//! File dialogs as a request and an answer.
//!
//! The shell asks ([`FileDialogs::ask`]) and polls for the answer on later frames
//! ([`FileDialogs::poll`]), so a dialog never blocks a frame, and an in-app dialog that
//! lives across frames can implement the same trait. Tests use [`FixedDialogs`], which
//! answers at once, and never open a real dialog (rfd returns `None` at once where no
//! desktop portal runs, which would make tests depend on the machine).

use eframe::egui;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver};

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
    /// Opens a finished file (a PDF) in the system's viewer, where the user prints it.
    fn show(&self, path: &std::path::Path) -> Result<(), String>;
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
            let dialog = rfd::FileDialog::new()
                .set_title(&question.title)
                .add_filter(question.extension.as_str(), &[question.extension.as_str()]);
            let answer = match &question.kind {
                FileKind::Save(name) => dialog.set_file_name(name).save_file(),
                FileKind::Open => dialog.pick_file(),
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

/// Dialogs that answer at once with fixed paths: for tests, and for scripted use.
pub struct FixedDialogs {
    /// What a save question is answered with.
    pub save: Option<PathBuf>,
    /// What an open question is answered with.
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
            FileKind::Open => self.open.clone(),
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
