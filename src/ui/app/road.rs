//! The copy for the road in the app (DESIGN.md §5 `road`, as the CLI does it in
//! `cli/road.rs`):
//!
//! - «Взять с собой…» on a visit opens a window: which visits (or the whole folder), the
//!   folder of the copy, «Без паспортов». «Записать копию» saves what is unsaved, then on a
//!   named thread writes the personal-data log line and the copy (`store::road`); a toast
//!   says how it ended.
//! - «Вернуть из поездки…» asks for the copy's folder, reads it and works out what comes
//!   back (`model::road::bring_back`) on a named thread, and shows the preview by name:
//!   what is brought in, removed, and what clashes. «Внести» applies it as one command
//!   through the history (one undo step, autosave, checks), and saves at once. Once that
//!   save has landed, a worker stores the clashes in «Конфликты» and rebases the copy, so
//!   returning it again brings nothing twice; a save that fails leaves the copy as it was.

use super::App;
use super::jobs::Asked;
use crate::command::{Command, CommandError, apply_keeping_referenced};
use crate::model::road::{Back, Change, bring_back, subset};
use crate::model::{DelegationId, Lang, Model};
use crate::store::road::{self as disk, Manifest};
use crate::store::{self, Found};
use crate::ui::dialogs::{FileKind, FileQuestion};
use crate::ui::i18n::{self, Texts};
use crate::ui::toast::Kind;
use crate::ui::{fonts, theme};
use eframe::egui;
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::mpsc::Receiver;
use std::sync::{Arc, Mutex};

/// Where the copy for the road stands in the app.
#[derive(Default)]
pub(super) struct Road {
    /// The «Взять с собой» window.
    take: Option<Take>,
    /// A copy being written.
    writing: Option<Receiver<Result<Taken, String>>>,
    /// A returned copy being read and compared.
    reading: Option<Receiver<Result<Box<Returned>, String>>>,
    /// The preview of a return, waiting for «Внести».
    preview: Option<Box<Returned>>,
    /// A return applied, waiting for its save, then for the worker that finishes it.
    pending: Option<Pending>,
}

impl Road {
    /// Whether a copy is being written or read, or a return waits for its save.
    pub(super) fn is_busy(&self) -> bool {
        self.writing.is_some() || self.reading.is_some() || self.pending.is_some()
    }
}

/// The «Взять с собой» window's choices.
struct Take {
    /// The whole folder, or only `chosen`.
    whole: bool,
    /// The visits chosen.
    chosen: BTreeSet<DelegationId>,
    /// The visits offered: those not yet over, and the one the window opened on.
    offered: Vec<DelegationId>,
    /// The folder to write the copy into.
    folder: Option<PathBuf>,
    without_passports: bool,
}

/// A copy written.
struct Taken {
    folder: PathBuf,
    visits: usize,
    people: usize,
    without_passports: bool,
}

/// A returned copy as read, with what it brings back into the model of `version`.
pub(super) struct Returned {
    folder: PathBuf,
    manifest: Manifest,
    copy: Model,
    back: Back,
    /// The app's model version `back` was worked out against.
    version: u64,
    /// The office folder the copy came from is not this one.
    other_folder: bool,
}

/// A return applied to the model, until its save has landed and the worker is done.
struct Pending {
    returned: Box<Returned>,
    /// The model version with the return in it: the save that lands it.
    version: u64,
    /// The removals kept back (the office still refers to those records).
    kept: Vec<String>,
    finishing: Option<Receiver<Result<(), String>>>,
}

impl App {
    /// Now by the shell's clock in the home city, as the log writes it: `27.11.2026 14:05`.
    fn local_now(&self) -> String {
        let zone = crate::clock::home_zone(&self.model);
        self.clock.now().with_timezone(&zone).format("%d.%m.%Y %H:%M").to_string()
    }

    /// «Взять с собой…» on the visit `on` (or on none): opens the window.
    pub(super) fn open_take(&mut self, on: Option<DelegationId>) {
        let today = self.today;
        let mut visits: Vec<&crate::model::Delegation> = self
            .model
            .delegations
            .iter()
            .map(|d| &**d)
            .filter(|d| d.departure.date >= today || Some(&d.id) == on.as_ref())
            .collect();
        visits.sort_by(|a, b| (a.arrival.date, a.title(self.lang)).cmp(&(b.arrival.date, b.title(self.lang))));
        let offered = visits.iter().map(|d| d.id.clone()).collect();
        self.road.take = Some(Take {
            whole: on.is_none(),
            chosen: on.into_iter().collect(),
            offered,
            folder: None,
            without_passports: false,
        });
    }

    /// «Вернуть из поездки…»: asks for the copy's folder.
    pub(super) fn ask_road_return(&mut self, ctx: &egui::Context, t: &Texts) {
        if !self.writable() {
            self.toasts.error(format!("{}: {}", t.road_not_returned, t.read_only));
            return;
        }
        if self.road.is_busy() || self.road.preview.is_some() {
            self.toasts.error(t.road_busy.to_owned());
            return;
        }
        if self.jobs.asked.is_some() || self.dialogs.is_asking() {
            return;
        }
        let question =
            FileQuestion { title: t.road_return_ask.to_owned(), kind: FileKind::Folder, extension: String::new() };
        self.jobs.asked = Some(Asked::RoadCopy);
        self.dialogs.ask(question, ctx);
    }

    /// The folder chosen in the «Взять с собой» window.
    pub(super) fn road_folder_chosen(&mut self, folder: PathBuf) {
        if let Some(take) = &mut self.road.take {
            take.folder = Some(folder);
        }
    }

    /// Reads the copy in `folder` and works out what it brings back, on a named thread.
    pub(super) fn start_road_read(&mut self, folder: PathBuf, ctx: &egui::Context) {
        let model = Arc::clone(&self.model);
        let (version, lang) = (self.version, self.lang);
        let office = disk::full_path(&self.data_dir);
        let started = super::jobs::spawn("pobratim-road", ctx, lang, move || {
            let manifest = disk::read_manifest(&folder).map_err(|e| e.message(lang))?;
            let (copy, base) = disk::read_copy(&folder).map_err(|e| e.message(lang))?;
            let back = bring_back(&base, &copy, &model);
            drop(model);
            let other_folder = disk::full_path(std::path::Path::new(&manifest.office)) != office;
            Ok(Box::new(Returned { folder, manifest, copy, back, version, other_folder }))
        });
        match started {
            Ok(rx) => self.road.reading = Some(rx),
            Err(e) => self.toasts.error(e),
        }
    }

    /// Takes the road's threads' answers, and finishes a return once its save landed.
    pub(super) fn poll_road(&mut self, ctx: &egui::Context) {
        let t = i18n::texts(self.lang);
        if let Some(rx) = &self.road.writing
            && let Some(outcome) = super::jobs::poll(rx, self.lang)
        {
            self.road.writing = None;
            match outcome {
                Ok(taken) => {
                    let passports =
                        if taken.without_passports { t.road_passports_left } else { t.road_passports_taken };
                    let text = format!(
                        "{}: {} {}, {} {}, {passports} — {}",
                        t.road_written,
                        t.road_visits_count,
                        taken.visits,
                        t.road_people_count,
                        taken.people,
                        taken.folder.display()
                    );
                    self.toasts.push(Kind::Success, text, None);
                }
                Err(e) => self.toasts.error(format!("{}: {e}", t.road_not_written)),
            }
        }
        if let Some(rx) = &self.road.reading
            && let Some(outcome) = super::jobs::poll(rx, self.lang)
        {
            self.road.reading = None;
            match outcome {
                Ok(returned) => self.road.preview = Some(returned),
                Err(e) => self.toasts.error(format!("{}: {e}", t.road_not_returned)),
            }
        }
        self.finish_road(ctx, t);
    }

    /// A return applied: once its save landed, the clashes are stored and the copy rebased
    /// on a worker; then a toast says how it ended.
    fn finish_road(&mut self, ctx: &egui::Context, t: &Texts) {
        if self.road.pending.is_none() {
            return;
        }
        let when = self.local_now();
        let Some(pending) = &mut self.road.pending else { return };
        let lang = self.lang;
        match &pending.finishing {
            None => {
                if self.save_error.is_some() {
                    // The save is retried; the copy waits, unchanged, until it lands.
                    ctx.request_repaint_after(std::time::Duration::from_millis(500));
                    return;
                }
                if self.running.is_some() || self.saved_version < pending.version {
                    ctx.request_repaint_after(std::time::Duration::from_millis(100));
                    return;
                }
                let found = disk::found(&pending.returned.back);
                let folder = pending.returned.folder.clone();
                let copy = std::mem::take(&mut pending.returned.copy);
                let mut manifest = pending.returned.manifest.clone();
                let workspace = Arc::clone(&self.workspace);
                let started = super::jobs::spawn("pobratim-road", ctx, lang, move || {
                    finish_return(&workspace, &found, &folder, &copy, &mut manifest, when, lang)
                });
                match started {
                    Ok(rx) => pending.finishing = Some(rx),
                    Err(e) => {
                        self.road.pending = None;
                        self.toasts.error(e);
                    }
                }
            }
            Some(rx) => {
                let Some(outcome) = super::jobs::poll(rx, lang) else { return };
                let Some(pending) = self.road.pending.take() else { return };
                self.said_returned(outcome, &pending, t);
            }
        }
    }

    /// Says how a return ended.
    fn said_returned(&mut self, outcome: Result<(), String>, pending: &Pending, t: &Texts) {
        match outcome {
            Ok(()) => {
                let back = &pending.returned.back;
                let text = format!(
                    "{}: {} {}, {} {} — {}",
                    t.road_done,
                    t.road_records_count,
                    back.ids().len(),
                    t.road_clashes_count,
                    back.clashes.len(),
                    pending.returned.folder.display()
                );
                self.toasts.push(Kind::Success, text, None);
                for kept in &pending.kept {
                    self.toasts.error(format!("{}: {kept}", t.road_kept));
                }
                if !back.clashes.is_empty() {
                    // The top bar's «Конфликты» shows them.
                    self.refresh_conflicts();
                }
            }
            Err(e) => self.toasts.error(format!("{}: {e}", t.road_not_finished)),
        }
    }

    /// Closing the app while a return waits: its save has run (`save_blocking`), so the
    /// rest is done on this thread.
    pub(super) fn finish_road_blocking(&mut self) {
        let Some(mut pending) = self.road.pending.take() else { return };
        let result = match pending.finishing.take() {
            Some(rx) => rx.recv().unwrap_or_else(|_| Err(super::autosave::poisoned(self.lang))),
            None if self.saved_version >= pending.version && self.save_error.is_none() => {
                let found = disk::found(&pending.returned.back);
                let when = self.local_now();
                let r = &mut pending.returned;
                finish_return(&self.workspace, &found, &r.folder, &r.copy, &mut r.manifest, when, self.lang)
            }
            // Not saved: the copy stays as it was, and returns whole next time.
            None => Ok(()),
        };
        if let Err(e) = result {
            eprintln!("pobratim: {e}");
        }
    }

    /// The «Взять с собой» window and the return's preview.
    pub(super) fn road_windows(&mut self, ctx: &egui::Context, t: &Texts) {
        self.take_window(ctx, t);
        self.return_window(ctx, t);
    }

    fn take_window(&mut self, ctx: &egui::Context, t: &Texts) {
        let Some(take) = &mut self.road.take else { return };
        let (lang, model) = (self.lang, &self.model);
        let mut open = true;
        let (mut choose, mut write, mut cancel) = (false, false, false);
        let asking = self.dialogs.is_asking();
        egui::Window::new(t.road_take_title)
            .id(egui::Id::unique("road-take"))
            .open(&mut open)
            .collapsible(false)
            .default_width(560.0)
            .anchor(egui::Align2::CENTER_TOP, [0.0, 60.0])
            .show(ctx, |ui| {
                ui.add(egui::Label::new(t.road_take_hint).wrap());
                ui.separator();
                ui.label(fonts::bold(t.road_what));
                ui.radio_value(&mut take.whole, false, t.road_these_visits);
                ui.add_enabled_ui(!take.whole, |ui| {
                    egui::ScrollArea::vertical().id_salt("road-visits").max_height(200.0).show(ui, |ui| {
                        if take.offered.is_empty() {
                            ui.label(t.road_no_visits);
                        }
                        for id in &take.offered {
                            let Some(d) = model.delegation(id) else { continue };
                            let mut on = take.chosen.contains(id);
                            let label = format!(
                                "{}–{}  {}",
                                crate::model::date::fmt_date(d.arrival.date),
                                crate::model::date::fmt_date(d.departure.date),
                                d.title(lang)
                            );
                            if ui.checkbox(&mut on, label).changed() {
                                if on {
                                    take.chosen.insert(id.clone());
                                } else {
                                    take.chosen.remove(id);
                                }
                            }
                        }
                    });
                });
                ui.radio_value(&mut take.whole, true, t.road_whole_folder);
                ui.separator();
                ui.horizontal_wrapped(|ui| {
                    ui.label(format!("{}:", t.road_folder));
                    match &take.folder {
                        Some(f) => ui.label(f.display().to_string()),
                        None => ui.colored_label(theme::warning(), t.road_no_folder),
                    };
                    if ui.add_enabled(!asking, egui::Button::new(t.road_choose_folder)).clicked() {
                        choose = true;
                    }
                });
                ui.weak(t.road_folder_hint);
                ui.checkbox(&mut take.without_passports, t.road_without_passports);
                ui.weak(t.road_log_note);
                ui.separator();
                let ready = take.folder.is_some() && (take.whole || !take.chosen.is_empty());
                ui.horizontal(|ui| {
                    if ui.add_enabled(ready, egui::Button::new(fonts::bold(t.road_write))).clicked() {
                        write = true;
                    }
                    if ui.button(t.cancel).clicked() {
                        cancel = true;
                    }
                });
            });
        if !open || cancel {
            self.road.take = None;
            return;
        }
        if choose && self.jobs.asked.is_none() {
            let question =
                FileQuestion { title: t.road_folder.to_owned(), kind: FileKind::Folder, extension: String::new() };
            self.jobs.asked = Some(Asked::RoadFolder);
            self.dialogs.ask(question, ctx);
        }
        if write && let Some(take) = self.road.take.take() {
            self.write_copy(take, ctx, t);
        }
    }

    /// Saves what is unsaved, then writes the copy on a named thread.
    fn write_copy(&mut self, take: Take, ctx: &egui::Context, t: &Texts) {
        let Some(folder) = take.folder else { return };
        if self.road.writing.is_some() {
            self.toasts.error(t.road_busy.to_owned());
            return;
        }
        // The copy then holds only what the office's folder holds, at the revision noted.
        if self.writable()
            && let Err(e) = self.save_blocking()
        {
            self.toasts.error(format!("{}: {} — {e}", t.road_not_written, t.unsaved));
            return;
        }
        let ids: Vec<DelegationId> = if take.whole { Vec::new() } else { take.chosen.into_iter().collect() };
        let without_passports = take.without_passports;
        let model = Arc::clone(&self.model);
        let workspace = Arc::clone(&self.workspace);
        let office = disk::full_path(&self.data_dir);
        let lang = self.lang;
        let copy_name = t.road_copy_name;
        let started = super::jobs::spawn("pobratim-road", ctx, lang, move || {
            let folder = disk::full_path(&disk::destination(&folder, copy_name));
            let copy = subset(&model, &ids, without_passports);
            drop(model);
            let revision = workspace.lock().map_err(|_| super::autosave::poisoned(lang))?.revision();
            disk::take(&office, revision, &copy, &ids, without_passports, &folder).map_err(|e| e.message(lang))?;
            Ok(Taken { folder, visits: copy.delegations.len(), people: copy.people.len(), without_passports })
        });
        match started {
            Ok(rx) => self.road.writing = Some(rx),
            Err(e) => self.toasts.error(e),
        }
    }

    fn return_window(&mut self, ctx: &egui::Context, t: &Texts) {
        let Some(returned) = &self.road.preview else { return };
        let (lang, model) = (self.lang, &self.model);
        let mut open = true;
        let (mut apply, mut cancel) = (false, false);
        let back = &returned.back;
        let m = &returned.manifest;
        egui::Window::new(t.road_return_title)
            .id(egui::Id::unique("road-return"))
            .open(&mut open)
            .collapsible(false)
            .default_width(640.0)
            .anchor(egui::Align2::CENTER_TOP, [0.0, 60.0])
            .show(ctx, |ui| {
                ui.label(format!("{}: {}", t.road_copy, returned.folder.display()));
                ui.label(format!("{}: {} ({})", t.road_taken, m.taken, m.by));
                let visits: Vec<String> = m
                    .delegations
                    .iter()
                    .map(|id| {
                        let id = DelegationId::new(id.as_str());
                        returned
                            .copy
                            .delegation(&id)
                            .or_else(|| model.delegation(&id))
                            .map_or_else(|| id.to_string(), |d| d.title(lang).to_owned())
                    })
                    .collect();
                let what = if visits.is_empty() { t.road_whole_folder.to_owned() } else { visits.join("; ") };
                ui.add(egui::Label::new(format!("{}: {what}", t.road_visits)).wrap());
                let passports = if m.without_passports { t.road_passports_left } else { t.road_passports_taken };
                // A sentence of its own here, the toast's words capitalised.
                let mut chars = passports.chars();
                ui.label(chars.next().map(|c| c.to_uppercase().chain(chars).collect::<String>()).unwrap_or_default());
                if let Some(last) = m.returned.last() {
                    ui.label(format!("{}: {last}", t.road_returned_before));
                }
                if returned.other_folder {
                    ui.colored_label(theme::warning(), format!("{} {}", t.road_other_folder, m.office));
                }
                ui.separator();
                if back.changed_on_road == 0 {
                    ui.label(t.road_nothing);
                } else {
                    ui.label(format!(
                        "{} {} · {} {} · {} {}",
                        t.road_changed_count,
                        back.changed_on_road,
                        t.road_records_count,
                        back.ids().len(),
                        t.road_clashes_count,
                        back.clashes.len()
                    ));
                    egui::ScrollArea::vertical().id_salt("road-lines").max_height(320.0).show(ui, |ui| {
                        egui::Grid::new("road-lines-grid").num_columns(2).striped(true).show(ui, |ui| {
                            for line in back.lines(&returned.copy, model, lang.into()) {
                                let (word, colour) = match line.change {
                                    Change::BroughtIn => (t.road_brought_in, theme::ok()),
                                    Change::Removed => (t.road_removed, theme::warning()),
                                    Change::Clash => (t.road_clash, theme::error()),
                                };
                                ui.colored_label(colour, word);
                                let name = if line.change == Change::Clash {
                                    let field =
                                        super::team::field_label(t, lang, model, Some(&line.record), &line.field);
                                    format!("{} — {field}", line.name)
                                } else {
                                    line.name
                                };
                                ui.add(egui::Label::new(name).wrap());
                                ui.end_row();
                            }
                        });
                    });
                    if !back.clashes.is_empty() {
                        ui.weak(t.road_clash_hint);
                    }
                }
                ui.separator();
                ui.horizontal(|ui| {
                    if back.changed_on_road > 0 && ui.button(fonts::bold(t.road_apply)).clicked() {
                        apply = true;
                    }
                    let close = if back.changed_on_road > 0 { t.cancel } else { t.close };
                    if ui.button(close).clicked() {
                        cancel = true;
                    }
                });
            });
        if apply && let Some(returned) = self.road.preview.take() {
            self.apply_return(returned, ctx, t);
        } else if !open || cancel {
            self.road.preview = None;
        }
    }

    /// «Внести»: applies the return as one undo step and saves at once.
    fn apply_return(&mut self, mut returned: Box<Returned>, ctx: &egui::Context, t: &Texts) {
        if !self.writable() {
            self.toasts.error(format!("{}: {}", t.road_not_returned, t.read_only));
            return;
        }
        if self.purge.is_some() {
            self.toasts.error(t.purge_running.to_owned());
            return;
        }
        if returned.version != self.version {
            // The model changed since the preview: worked out again against it.
            match disk::read_copy(&returned.folder) {
                Ok((copy, base)) => {
                    returned.back = bring_back(&base, &copy, &self.model);
                    returned.copy = copy;
                }
                Err(e) => {
                    self.toasts.error(format!("{}: {}", t.road_not_returned, e.message(self.lang)));
                    return;
                }
            }
        }
        let lang = self.lang;
        let (history, model, dirty) = (&mut self.history, &mut self.model, &mut self.dirty);
        let applied = apply_keeping_referenced(Command::from_road(&returned.back), |c| {
            super::autosave::touched(&c, model, dirty);
            history.apply(Arc::make_mut(model), c)
        });
        let kept = match applied {
            Ok(kept) => kept.iter().map(|e: &CommandError| e.message(lang)).collect(),
            Err(e) => {
                self.toasts.error(format!("{}: {}", t.road_not_returned, e.message(lang)));
                return;
            }
        };
        if !returned.back.is_empty() {
            self.changed();
        }
        self.dirty_since = None;
        self.pull = true; // saved now, even if nothing changed in the office: the copy then rebases
        self.start_save(ctx);
        self.road.pending = Some(Pending { returned, version: self.version, kept, finishing: None });
        ctx.request_repaint();
    }
}

/// After a return's save: the clashes into «Конфликты», the copy's base becomes the copy,
/// and the return is noted in its manifest.
fn finish_return(
    workspace: &Mutex<store::Workspace>,
    found: &[Found],
    folder: &std::path::Path,
    copy: &Model,
    manifest: &mut Manifest,
    when: String,
    lang: Lang,
) -> Result<(), String> {
    if !found.is_empty() {
        let ws = workspace.lock().map_err(|_| super::autosave::poisoned(lang))?;
        ws.store_conflicts(found).map_err(|e| e.message(lang))?;
    }
    disk::rebase(folder, copy).map_err(|e| e.message(lang))?;
    manifest.returned.push(when);
    disk::write_manifest(folder, manifest).map_err(|e| e.message(lang))
}
