//! Toasts: how a save, export, print or import ended.
//!
//! A toast is drawn in an overlay in the bottom-right corner, above the status line, so it
//! never moves a widget: the next click lands where the user aimed. A success stays
//! [`SUCCESS_SECONDS`] (longer while the pointer is on it) and names the file, with
//! «Открыть» and «Открыть папку»; an error stays until closed, since it must be read. A
//! user's cancel makes no toast.

use super::i18n::Texts;
use super::theme;
use eframe::egui::{self, Align2};
use std::path::{Path, PathBuf};

/// How long a success or a note stays after the pointer last left it, in seconds.
pub const SUCCESS_SECONDS: f64 = 8.0;
/// At most this many toasts are kept; older ones go first.
const MAX: usize = 4;
/// The toasts' width, in points.
const WIDTH: f32 = 400.0;

/// What kind of outcome a toast reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Done: a file written, an import applied.
    Success,
    /// Worth knowing, not a failure (a file written again after it was deleted outside).
    Note,
    /// Failed: stays until closed.
    Error,
}

/// One toast.
#[derive(Clone, Debug, PartialEq)]
pub struct Toast {
    /// Its kind.
    pub kind: Kind,
    /// What happened («PDF сохранён», the error).
    pub text: String,
    /// The file written, offered to open.
    pub file: Option<PathBuf>,
    id: u64,
    /// When the pointer was last on it, or when it was first drawn (egui's input time).
    seen: Option<f64>,
}

impl Toast {
    /// The text with the file, as one line («PDF сохранён: /path/file.pdf»).
    pub fn line(&self) -> String {
        match &self.file {
            Some(f) => format!("{}: {}", self.text, f.display()),
            None => self.text.clone(),
        }
    }
}

/// What the user asked of a toast.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Request {
    /// Open the file in its program.
    Open(PathBuf),
    /// Open the folder that holds the file.
    OpenFolder(PathBuf),
}

/// The toasts on screen, newest last.
#[derive(Default)]
pub struct Toasts {
    list: Vec<Toast>,
    next: u64,
}

impl Toasts {
    /// Adds a toast.
    pub fn push(&mut self, kind: Kind, text: impl Into<String>, file: Option<PathBuf>) {
        let text = text.into();
        // The same error twice (a save retried) is one toast, shown again.
        self.list.retain(|t| !(t.kind == kind && t.text == text && t.file == file));
        self.list.push(Toast { kind, text, file, id: self.next, seen: None });
        self.next += 1;
        if self.list.len() > MAX {
            let extra = self.list.len() - MAX;
            self.list.drain(..extra);
        }
    }

    /// A file written.
    pub fn written(&mut self, text: impl Into<String>, file: &Path) {
        self.push(Kind::Success, text, Some(file.to_path_buf()));
    }

    /// A failure, in the user's language.
    pub fn error(&mut self, text: impl Into<String>) {
        self.push(Kind::Error, text, None);
    }

    /// The newest toast of `kind`.
    pub fn latest(&self, kind: Kind) -> Option<&Toast> {
        self.list.iter().rev().find(|t| t.kind == kind)
    }

    /// The newest toast of any kind.
    pub fn newest(&self) -> Option<&Toast> {
        self.list.last()
    }

    /// The toasts, oldest first.
    pub fn iter(&self) -> impl Iterator<Item = &Toast> {
        self.list.iter()
    }

    /// Closes every toast whose text is `text` (a save that succeeded after failing).
    pub fn dismiss(&mut self, text: &str) {
        self.list.retain(|t| t.text != text);
    }

    /// Draws the toasts over everything in the bottom-right corner; returns what the user
    /// clicked.
    pub fn ui(&mut self, ctx: &egui::Context, t: &Texts) -> Vec<Request> {
        let mut requests = Vec::new();
        if self.list.is_empty() {
            return requests;
        }
        let now = ctx.input(|i| i.time);
        let mut closed = Vec::new();
        let width = WIDTH.min(ctx.content_rect().width() - 24.0).max(160.0);
        egui::Area::new(egui::Id::unique("pobratim-toasts"))
            .anchor(Align2::RIGHT_BOTTOM, [-12.0, -40.0])
            .order(egui::Order::Foreground)
            .interactable(true)
            .show(ctx, |ui| {
                ui.set_width(width);
                for toast in &mut self.list {
                    let seen = *toast.seen.get_or_insert(now);
                    let colour = match toast.kind {
                        Kind::Success => theme::ok(),
                        Kind::Note => theme::info(),
                        Kind::Error => theme::error(),
                    };
                    let frame = egui::Frame::popup(ui.style()).stroke(egui::Stroke::new(1.5, colour));
                    let response = frame
                        .show(ui, |ui| {
                            ui.set_width(width - 16.0);
                            ui.horizontal_top(|ui| {
                                let mark = match toast.kind {
                                    Kind::Success => "✓",
                                    Kind::Note => "ℹ",
                                    Kind::Error => "!",
                                };
                                ui.colored_label(colour, mark);
                                ui.with_layout(egui::Layout::right_to_left(egui::Align::Min), |ui| {
                                    if ui.small_button("×").on_hover_text(t.close).clicked() {
                                        closed.push(toast.id);
                                    }
                                    ui.with_layout(egui::Layout::left_to_right(egui::Align::Min), |ui| {
                                        ui.add(egui::Label::new(&toast.text).wrap());
                                    });
                                });
                            });
                            if let Some(file) = &toast.file {
                                // The file's name as the user will look for it, its folder under it.
                                let name = file.file_name().map(|n| n.to_string_lossy().into_owned());
                                ui.add(egui::Label::new(name.unwrap_or_default()).wrap());
                                if let Some(folder) = file.parent() {
                                    let folder = egui::RichText::new(folder.display().to_string()).weak();
                                    ui.add(egui::Label::new(folder).wrap());
                                }
                                ui.horizontal(|ui| {
                                    if ui.button(t.toast_open).clicked() {
                                        requests.push(Request::Open(file.clone()));
                                    }
                                    if ui.button(t.toast_open_folder).clicked() {
                                        requests.push(Request::OpenFolder(file.clone()));
                                    }
                                });
                            }
                        })
                        .response;
                    if response.contains_pointer() {
                        toast.seen = Some(now);
                    } else if toast.kind != Kind::Error {
                        let left = SUCCESS_SECONDS - (now - seen);
                        if left <= 0.0 {
                            closed.push(toast.id);
                        } else {
                            ctx.request_repaint_after(std::time::Duration::from_secs_f64(left));
                        }
                    }
                    ui.add_space(6.0);
                }
            });
        self.list.retain(|toast| !closed.contains(&toast.id));
        requests
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_newest_few_and_merges_repeats() {
        let mut toasts = Toasts::default();
        for i in 0..6 {
            toasts.error(format!("ошибка {i}"));
        }
        let texts: Vec<&str> = toasts.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(texts, ["ошибка 2", "ошибка 3", "ошибка 4", "ошибка 5"]);
        toasts.error("ошибка 3");
        assert_eq!(toasts.iter().count(), 4, "a repeat is moved, not added");
        assert_eq!(toasts.newest().map(|t| t.text.as_str()), Some("ошибка 3"));
        toasts.written("PDF сохранён", Path::new("/tmp/Программа.pdf"));
        assert_eq!(toasts.latest(Kind::Success).map(Toast::line).as_deref(), Some("PDF сохранён: /tmp/Программа.pdf"));
        toasts.dismiss("ошибка 3");
        assert!(toasts.iter().all(|t| t.text != "ошибка 3"));
    }

    #[test]
    fn a_success_goes_after_its_time_and_an_error_stays() {
        let ctx = egui::Context::default();
        let mut toasts = Toasts::default();
        toasts.written("Записано", Path::new("/tmp/a.ics"));
        toasts.error("не удалось записать");
        let frame = |toasts: &mut Toasts, time: f64| {
            let input = egui::RawInput { time: Some(time), ..Default::default() };
            let mut out = ctx.run_ui(input, |ui| {
                toasts.ui(ui.ctx(), &crate::ui::i18n::RU);
            });
            // No renderer takes the font atlas here.
            out.textures_delta.clear();
        };
        frame(&mut toasts, 1.0);
        assert_eq!(toasts.iter().count(), 2);
        frame(&mut toasts, 1.0 + SUCCESS_SECONDS / 2.0);
        assert_eq!(toasts.iter().count(), 2, "still there halfway");
        frame(&mut toasts, 2.0 + SUCCESS_SECONDS);
        let left: Vec<Kind> = toasts.iter().map(|t| t.kind).collect();
        assert_eq!(left, [Kind::Error], "the success went, the error stays");
    }
}
