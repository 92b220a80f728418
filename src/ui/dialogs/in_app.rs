//! Pobratim's own file dialog, for a desktop where the system has none that answers (no
//! desktop portal, no `zenity`): a modal window with shortcuts (home, documents, the data
//! folder, the drives on Windows), the path as breadcrumbs, the folder's entries (folders,
//! and files of the asked extension), a file-name field, a question before replacing a file,
//! and every error said in the window. egui-file-dialog would do this, but it is built on
//! egui 0.36, not the pinned 0.37.
//!
//! The disk is read through `store::browse` only.

use super::{FileAnswer, FileKind, FileQuestion};
use crate::model::Lang;
use crate::store::StoreError;
use crate::store::browse::{self, Entry};
use crate::ui::i18n::Texts;
use crate::ui::theme;
use eframe::egui::{self, Key};
use std::path::{Path, PathBuf};

/// Characters a file name may not hold on Windows (and `/` anywhere).
const FORBIDDEN: &[char] = &['/', '\\', ':', '*', '?', '"', '<', '>', '|'];

/// A shortcut at the top of the dialog.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Place {
    Home,
    Documents,
    Data,
    /// `/`, or a drive (`C:\`).
    Root(String),
}

/// What the dialog says under the list.
#[derive(Debug)]
enum Problem {
    NoName,
    BadName,
    IsFolder,
    ChooseFile,
}

/// The in-app dialog answering one question.
pub struct InAppDialog {
    question: FileQuestion,
    dir: PathBuf,
    listing: Result<Vec<Entry>, StoreError>,
    /// The file name typed (save) or the file clicked (open).
    name: String,
    places: Vec<(Place, PathBuf)>,
    /// A file that exists, waiting for «Заменить» or «Не заменять».
    confirm: Option<PathBuf>,
    problem: Option<Problem>,
}

impl InAppDialog {
    /// A dialog for `question`, showing `start` (else documents, else home, else the data
    /// folder), with the data folder among its shortcuts.
    pub fn new(question: FileQuestion, start: Option<PathBuf>, data_dir: &Path) -> Self {
        let (home, documents) = browse::home_and_documents();
        let mut places = Vec::new();
        if let Some(h) = home {
            places.push((Place::Home, h));
        }
        if let Some(d) = documents {
            places.push((Place::Documents, d));
        }
        places.push((Place::Data, data_dir.to_path_buf()));
        for root in browse::roots() {
            places.push((Place::Root(root.display().to_string()), root));
        }
        let name = match &question.kind {
            FileKind::Save(name) => name.clone(),
            FileKind::Open | FileKind::Folder => String::new(),
        };
        // Another data folder is looked for beside this one; a file where the last file
        // went, else in the documents folder, else home, else the data folder.
        let start = match question.kind {
            FileKind::Folder => data_dir.parent().map(Path::to_path_buf),
            _ => start,
        };
        let dir = start
            .filter(|d| browse::is_folder(d))
            .or_else(|| places.iter().find(|(p, _)| *p == Place::Documents).map(|(_, d)| d.clone()))
            .or_else(|| places.iter().find(|(p, _)| *p == Place::Home).map(|(_, d)| d.clone()))
            .unwrap_or_else(|| data_dir.to_path_buf());
        let listing = browse::list_folder(&dir);
        Self { question, dir, listing, name, places, confirm: None, problem: None }
    }

    /// The folder shown.
    pub fn folder(&self) -> &Path {
        &self.dir
    }

    fn go(&mut self, dir: PathBuf) {
        self.listing = browse::list_folder(&dir);
        self.dir = dir;
        self.confirm = None;
        self.problem = None;
        if matches!(self.question.kind, FileKind::Open | FileKind::Folder) {
            self.name.clear();
        }
    }

    fn matches(&self, e: &Entry) -> bool {
        if self.question.kind == FileKind::Folder {
            return e.is_dir;
        }
        let ext = self.question.extension.to_lowercase();
        e.is_dir || ext.is_empty() || e.name.to_lowercase().ends_with(&format!(".{ext}"))
    }

    /// The path the name field points at, or what is wrong with it.
    fn target(&self) -> Result<PathBuf, Problem> {
        let name = self.name.trim();
        if name.is_empty() {
            return Err(match self.question.kind {
                FileKind::Save(_) => Problem::NoName,
                FileKind::Open | FileKind::Folder => Problem::ChooseFile,
            });
        }
        if name.contains(FORBIDDEN) || name == "." || name == ".." {
            return Err(Problem::BadName);
        }
        let mut name = name.to_owned();
        let ext = &self.question.extension;
        if matches!(self.question.kind, FileKind::Save(_))
            && !ext.is_empty()
            && !name.to_lowercase().ends_with(&format!(".{}", ext.to_lowercase()))
        {
            name = format!("{name}.{ext}");
        }
        let path = self.dir.join(name);
        if browse::is_folder(&path) {
            return Err(Problem::IsFolder);
        }
        Ok(path)
    }

    /// «Сохранить» or «Открыть»: the answer, a question before replacing, or a problem.
    fn accept(&mut self) -> Option<FileAnswer> {
        if self.question.kind == FileKind::Folder {
            // The folder shown is the answer; one that cannot be listed is no answer.
            return self.listing.is_ok().then(|| Some(self.dir.clone()));
        }
        match self.target() {
            Err(p) => {
                self.problem = Some(p);
                None
            }
            Ok(path) => match self.question.kind {
                FileKind::Save(_) if browse::exists(&path) && self.confirm.as_ref() != Some(&path) => {
                    self.confirm = Some(path);
                    None
                }
                FileKind::Open if !browse::exists(&path) => {
                    self.problem = Some(Problem::ChooseFile);
                    None
                }
                _ => Some(Some(path)),
            },
        }
    }

    /// Draws the dialog; `Some` once the user has answered (`Some(None)`: cancelled).
    pub fn ui(&mut self, ctx: &egui::Context, t: &Texts, lang: Lang) -> Option<FileAnswer> {
        let mut answer = None;
        let screen = ctx.content_rect();
        let width = (screen.width() - 40.0).clamp(320.0, 680.0);
        let list_height = (screen.height() - 300.0).clamp(120.0, 360.0);
        let modal = egui::Modal::new(egui::Id::unique("pobratim-file-dialog")).show(ctx, |ui| {
            ui.set_width(width);
            ui.heading(&self.question.title);
            self.places_ui(ui, t);
            self.crumbs_ui(ui, t);
            ui.separator();
            self.list_ui(ui, t, lang, list_height, &mut answer);
            ui.separator();
            let save = matches!(self.question.kind, FileKind::Save(_));
            let folder = self.question.kind == FileKind::Folder;
            let mut enter = false;
            if folder {
                ui.label(format!("{}: {}", t.fd_this_folder, self.dir.display()));
            } else {
                ui.horizontal(|ui| {
                    let l = ui.label(t.fd_name);
                    let edit = egui::TextEdit::singleline(&mut self.name)
                        .id(egui::Id::unique("pobratim-file-dialog-name"))
                        .desired_width(f32::INFINITY)
                        .interactive(save);
                    let r = ui.add(edit).labelled_by(l.id);
                    if r.changed() {
                        self.problem = None;
                        self.confirm = None;
                    }
                    enter = r.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
                });
            }
            if let Some(p) = &self.problem {
                let text = match p {
                    Problem::NoName => t.fd_no_name,
                    Problem::BadName => t.fd_bad_name,
                    Problem::IsFolder => t.fd_is_folder,
                    Problem::ChooseFile => t.fd_choose_file,
                };
                ui.colored_label(theme::error(), text);
            }
            if let Some(path) = self.confirm.clone() {
                let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                ui.colored_label(theme::warning(), format!("«{name}» {}", t.fd_exists));
                ui.horizontal(|ui| {
                    if ui.button(t.fd_replace).clicked() {
                        answer = Some(Some(path.clone()));
                    }
                    if ui.button(t.fd_keep).clicked() {
                        self.confirm = None;
                    }
                });
            }
            ui.horizontal(|ui| {
                let label = match (save, folder) {
                    (true, _) => t.fd_save,
                    (false, true) => t.fd_choose_folder,
                    (false, false) => t.fd_open,
                };
                if (ui.add(egui::Button::new(crate::ui::fonts::bold(label))).clicked() || enter)
                    && self.confirm.is_none()
                    && let Some(a) = self.accept()
                {
                    answer = Some(a);
                }
                if ui.button(t.cancel).clicked() {
                    answer = Some(None);
                }
            });
        });
        if answer.is_none() && modal.should_close() {
            answer = Some(None);
        }
        answer
    }

    fn places_ui(&mut self, ui: &mut egui::Ui, t: &Texts) {
        let mut go = None;
        ui.horizontal_wrapped(|ui| {
            ui.label(t.fd_places);
            for (place, path) in &self.places {
                let label = match place {
                    Place::Home => t.fd_home.to_owned(),
                    Place::Documents => t.fd_documents.to_owned(),
                    Place::Data => t.data_folder.to_owned(),
                    Place::Root(name) => name.clone(),
                };
                if ui.button(label).on_hover_text(path.display().to_string()).clicked() {
                    go = Some(path.clone());
                }
            }
        });
        if let Some(dir) = go {
            self.go(dir);
        }
    }

    fn crumbs_ui(&mut self, ui: &mut egui::Ui, t: &Texts) {
        let mut go = None;
        ui.horizontal_wrapped(|ui| {
            let parent = self.dir.parent().map(Path::to_path_buf);
            if ui.add_enabled(parent.is_some(), egui::Button::new(format!("↑ {}", t.fd_up))).clicked() {
                go = parent;
            }
            ui.separator();
            let crumbs: Vec<PathBuf> = self.dir.ancestors().map(Path::to_path_buf).collect();
            let last = crumbs.len().saturating_sub(1);
            for (i, crumb) in crumbs.iter().rev().enumerate() {
                let name = crumb
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_else(|| crumb.display().to_string());
                if i > 0 {
                    ui.label("›");
                }
                let here = i == last;
                if ui.add(egui::Button::selectable(here, name)).clicked() && !here {
                    go = Some(crumb.clone());
                }
            }
        });
        if let Some(dir) = go {
            self.go(dir);
        }
    }

    fn list_ui(&mut self, ui: &mut egui::Ui, t: &Texts, lang: Lang, height: f32, answer: &mut Option<FileAnswer>) {
        let mut go = None;
        let mut pick = None;
        let mut open_now = None;
        egui::ScrollArea::vertical()
            .id_salt("pobratim-file-dialog-list")
            .max_height(height)
            .min_scrolled_height(height)
            .auto_shrink([false, false])
            .show(ui, |ui| match &self.listing {
                Err(e) => {
                    ui.colored_label(theme::error(), e.message(lang));
                }
                Ok(entries) => {
                    let shown: Vec<&Entry> = entries.iter().filter(|e| self.matches(e)).collect();
                    if shown.is_empty() {
                        ui.weak(if self.question.kind == FileKind::Folder { t.fd_no_folders } else { t.fd_empty });
                    }
                    for e in shown {
                        if e.is_dir {
                            if ui.selectable_label(false, format!("■ {}", e.name)).on_hover_text(t.fd_folder).clicked()
                            {
                                go = Some(e.path.clone());
                            }
                        } else {
                            let r = ui.selectable_label(self.name == e.name, format!("□ {}", e.name));
                            if r.double_clicked() {
                                open_now = Some(e.name.clone());
                            } else if r.clicked() {
                                pick = Some(e.name.clone());
                            }
                        }
                    }
                }
            });
        if !self.question.extension.is_empty() {
            ui.weak(format!("{} *.{}", t.fd_showing, self.question.extension));
        }
        if let Some(dir) = go {
            self.go(dir);
        }
        if let Some(name) = pick.or(open_now.clone()) {
            self.name = name;
            self.problem = None;
            self.confirm = None;
        }
        if open_now.is_some() && matches!(self.question.kind, FileKind::Open) {
            *answer = self.accept();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn save(name: &str) -> FileQuestion {
        FileQuestion { title: "Экспорт".into(), kind: FileKind::Save(name.into()), extension: "ics".into() }
    }

    #[test]
    fn save_adds_the_extension_refuses_bad_names_and_asks_before_replacing() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut d = InAppDialog::new(save("Календарь"), Some(dir.path().to_path_buf()), dir.path());
        assert_eq!(d.accept(), Some(Some(dir.path().join("Календарь.ics"))), "the extension is added");
        d.name = "а/б".into();
        assert_eq!(d.accept(), None);
        assert!(matches!(d.problem, Some(Problem::BadName)));
        d.name = "  ".into();
        assert_eq!(d.accept(), None);
        assert!(matches!(d.problem, Some(Problem::NoName)));
        crate::store::browse::write_chosen(&dir.path().join("старый.ics"), b"x").expect("write");
        d.name = "старый.ics".into();
        assert_eq!(d.accept(), None, "asks first");
        assert_eq!(d.confirm, Some(dir.path().join("старый.ics")));
    }

    #[test]
    fn open_needs_an_existing_file_and_lists_only_its_extension() {
        let dir = tempfile::tempdir().expect("tempdir");
        crate::store::browse::write_chosen(&dir.path().join("a.ics"), b"x").expect("write");
        crate::store::browse::write_chosen(&dir.path().join("b.pdf"), b"x").expect("write");
        let q = FileQuestion { title: "Импорт".into(), kind: FileKind::Open, extension: "ics".into() };
        let mut d = InAppDialog::new(q, Some(dir.path().to_path_buf()), dir.path());
        assert_eq!(d.accept(), None);
        assert!(matches!(d.problem, Some(Problem::ChooseFile)));
        let shown: Vec<String> = match &d.listing {
            Ok(entries) => entries.iter().filter(|e| d.matches(e)).map(|e| e.name.clone()).collect(),
            Err(e) => panic!("{e}"),
        };
        assert_eq!(shown, ["a.ics"]);
        d.name = "a.ics".into();
        assert_eq!(d.accept(), Some(Some(dir.path().join("a.ics"))));
    }
}
