//! What the shell does with each [`Action`] a panel pushed during the frame.

use super::{App, Nav};
use crate::command::{Command, Record};
use crate::model::RecordId;
use crate::store::journal::{self, Entry};
use crate::ui::action::{Action, PurgeRequest};
use crate::ui::i18n::Texts;
use crate::ui::toast;
use eframe::egui;
use std::sync::Arc;

impl App {
    /// Carries out one action, after the UI pass.
    pub(super) fn handle(&mut self, action: Action, ctx: &egui::Context, t: &Texts) {
        match action {
            Action::Apply(command) => {
                if self.touches_purge(&command) {
                    self.toasts.error(t.purge_running.to_owned());
                } else if self.writable() {
                    let command = self.merge_form(command);
                    self.apply(command);
                }
            }
            Action::Print(job) => self.start_print(job, ctx),
            Action::Export(export) => self.ask_export(export, ctx),
            Action::Import(import) => {
                if self.writable() {
                    self.ask_import(import, ctx);
                }
            }
            Action::LogPersonalData(entry) => self.log_personal_data(&entry),
            Action::ShowPersonalDataLog => match journal::read(&self.data_dir) {
                Ok(mut entries) => {
                    entries.reverse();
                    self.people.show_log(entries);
                }
                Err(e) => self.toasts.error(e.message(self.lang)),
            },
            Action::Purge(request) => self.purge(&request, ctx, t),
            Action::Open(record) => self.open_record(&record),
            Action::OpenAt(record, field) => {
                self.open_record(&record);
                if let RecordId::Delegation(id) = &record
                    && let Some(d) = self.model.delegation(id)
                {
                    self.delegations.go_to_field(&self.model, d, &field);
                }
            }
            Action::ShowFindings => self.show_findings = true,
            Action::Notify(kind, text) => self.toasts.push(kind, text, None),
            Action::RoadTake(on) => self.open_take(on),
            Action::RoadReturn => self.ask_road_return(ctx, t),
        }
    }

    /// «Открыть» or «Открыть папку» on a toast; a failure is a toast too.
    pub(super) fn open_from_toast(&mut self, request: &toast::Request, t: &Texts) {
        let shown = match request {
            toast::Request::Open(path) => self.dialogs.show(path),
            toast::Request::OpenFolder(path) => match path.parent() {
                Some(folder) => self.dialogs.show(folder),
                None => self.dialogs.show(path),
            },
        };
        if let Err(e) = shown {
            self.toasts.error(format!("{}: {e}", t.toast_cannot_open));
        }
    }

    fn log_personal_data(&mut self, entry: &Entry) {
        if let Err(e) = journal::append(&self.data_dir, entry) {
            self.toasts.error(e.message(self.lang));
        }
    }

    /// Opens a record: switches panel and selects it (search, findings).
    pub fn open_record(&mut self, record: &RecordId) {
        match record {
            RecordId::City(id) => {
                self.nav = Nav::Cities;
                self.cities.select(id.clone());
            }
            RecordId::Person(id) => {
                self.nav = Nav::People;
                self.people.select(id.clone());
            }
            RecordId::Event(id) => {
                self.nav = Nav::Calendar;
                if let Some(e) = self.model.event(id) {
                    self.calendar.edit_event(e);
                }
            }
            RecordId::Delegation(id) => {
                self.nav = Nav::Delegations;
                self.delegations.select(id.clone());
            }
            RecordId::Figures(year) => {
                self.nav = Nav::Tourism;
                self.tourism.select_figures(*year);
            }
        }
    }

    /// Purges the personal data of the previewed people, for good: outside the undo history
    /// (which is cleared, since it holds the old records). The model changes at once; the
    /// save (a purge revision) runs on the save thread, and then a worker sees to the
    /// backups, the cache and the log (`Workspace::finish_purge`). Meanwhile the status line
    /// says so and edits of those people are refused ([`App::poll_purge`]).
    pub fn purge(&mut self, request: &PurgeRequest, ctx: &egui::Context, t: &Texts) {
        if !self.writable() {
            return;
        }
        if self.purge.is_some() {
            self.toasts.error(t.purge_running.to_owned());
            return;
        }
        let mut puts = Vec::new();
        for id in &request.people {
            if let Some(p) = self.model.person(id) {
                let purged = crate::model::retention::purged(p);
                if &purged != p {
                    self.dirty.note(&self.model, &RecordId::Person(id.clone()));
                    puts.push(Command::put(Record::Person(purged)));
                }
            }
        }
        let count = puts.len();
        if count > 0 {
            if let Err(e) = Command::Batch(puts).apply(Arc::make_mut(&mut self.model)) {
                self.toasts.error(e.message(self.lang));
                return;
            }
            self.forget_history();
            self.changed();
            // The save says it is a purge: other apps drop their undo entries for these
            // people, and the purge wins over their edits of the purged fields.
            let purged: Vec<crate::model::PersonId> = request.people.clone();
            if let Ok(mut ws) = self.workspace.lock() {
                ws.mark_purge(&purged);
            }
        }
        let ids: Vec<&str> = request.people.iter().map(|p| p.as_str()).collect();
        let entry = Entry::now(
            journal::Action::Purge,
            format!("{count}"),
            format!("retention {} y; {}", request.years, ids.join(", ")),
        );
        self.purge = Some(PendingPurge {
            people: request.people.iter().cloned().collect(),
            years: request.years,
            count,
            entry,
            finishing: None,
        });
        self.pull = true; // save now, even with nothing changed: the purge's revision
        self.start_save(ctx);
        ctx.request_repaint();
    }

    /// Carries a purge on: once its save landed, the backups, the cache and the log on a
    /// worker; then says how it ended.
    pub(super) fn poll_purge(&mut self, ctx: &egui::Context) {
        let Some(pending) = &mut self.purge else { return };
        let lang = self.lang;
        let t = crate::ui::i18n::texts(lang);
        match &pending.finishing {
            None => {
                if self.save_error.is_some() {
                    // The save failed; it is retried, and the purge goes on after it.
                    ctx.request_repaint_after(std::time::Duration::from_millis(500));
                    return;
                }
                if self.running.is_some() || self.version != self.saved_version {
                    ctx.request_repaint_after(std::time::Duration::from_millis(100));
                    return;
                }
                let (tx, rx) = std::sync::mpsc::channel();
                let workspace = Arc::clone(&self.workspace);
                let model = Arc::clone(&self.model);
                let entry = pending.entry.clone();
                let years = pending.years;
                let ctx = ctx.clone();
                let spawned = std::thread::Builder::new().name("pobratim-purge".into()).spawn(move || {
                    let result = finish_purge(&workspace, &model, &entry, years, lang);
                    drop(model);
                    let _ = tx.send(result);
                    ctx.request_repaint();
                });
                match spawned {
                    Ok(_) => pending.finishing = Some(rx),
                    Err(e) => {
                        self.purge = None;
                        self.toasts.error(e.to_string());
                    }
                }
            }
            Some(rx) => {
                let result = match rx.try_recv() {
                    Ok(r) => r,
                    Err(std::sync::mpsc::TryRecvError::Empty) => return,
                    Err(std::sync::mpsc::TryRecvError::Disconnected) => Err(super::autosave::poisoned(lang)),
                };
                let (years, count) = (pending.years, pending.count);
                self.purge = None;
                match result {
                    Ok(()) => {
                        self.retention_years = years;
                        self.toasts.push(toast::Kind::Success, format!("{}: {count}", t.retention_done), None);
                    }
                    Err(e) => self.toasts.error(e),
                }
            }
        }
    }

    /// Waits for a purge under way to end (closing the app): its save first, then the rest
    /// on this thread.
    pub(super) fn finish_purge_blocking(&mut self) {
        let Some(pending) = self.purge.take() else { return };
        let result = match pending.finishing {
            Some(rx) => rx.recv().unwrap_or_else(|_| Err(super::autosave::poisoned(self.lang))),
            None if self.version == self.saved_version && self.save_error.is_none() => {
                finish_purge(&self.workspace, &self.model, &pending.entry, pending.years, self.lang)
            }
            // The purge's save did not land: the people's data stays in the backups. Said on
            // the way out; the purge preview will offer them again.
            None => Err(crate::ui::i18n::texts(self.lang).purge_not_finished.to_owned()),
        };
        if let Err(e) = result {
            eprintln!("pobratim: {e}");
        }
    }

    /// Whether a retention purge is under way (its save or its clean-up).
    pub fn purge_running(&self) -> bool {
        self.purge.is_some()
    }

    /// Whether `command` changes a person a purge under way covers.
    pub(super) fn touches_purge(&self, command: &Command) -> bool {
        let Some(p) = &self.purge else { return false };
        fn touches(c: &Command, people: &std::collections::HashSet<crate::model::PersonId>) -> bool {
            match c {
                Command::Put(r) => matches!(&**r, Record::Person(x) if people.contains(&x.id)),
                Command::Remove(RecordId::Person(id)) => people.contains(id),
                Command::Remove(_) => false,
                Command::Batch(list) => list.iter().any(|c| touches(c, people)),
            }
        }
        touches(command, &p.people)
    }
}

impl PendingPurge {
    /// How many people it covers.
    pub(super) fn len(&self) -> usize {
        self.people.len()
    }
}

/// A retention purge under way.
pub(super) struct PendingPurge {
    /// The people it covers: their edits are refused until it ends.
    people: std::collections::HashSet<crate::model::PersonId>,
    /// The retention period it was made with (saved into the folder's settings).
    years: u32,
    /// How many people's data it removed.
    count: usize,
    /// Its line in the personal-data log.
    entry: Entry,
    /// The worker seeing to the backups, the cache and the log, once the save landed.
    finishing: Option<std::sync::mpsc::Receiver<Result<(), String>>>,
}

/// After a purge's save: the settings' retention period, then the backups, the cache and
/// the log.
fn finish_purge(
    workspace: &std::sync::Mutex<crate::store::Workspace>,
    model: &crate::model::Model,
    entry: &Entry,
    years: u32,
    lang: crate::model::Lang,
) -> Result<(), String> {
    let mut ws = workspace.lock().map_err(|_| super::autosave::poisoned(lang))?;
    let settings = ws.settings().clone();
    if settings.retention_years != years {
        ws.save_settings(crate::store::Settings { retention_years: years, ..settings }).map_err(|e| e.message(lang))?;
    }
    ws.finish_purge(model, entry).map_err(|e| e.message(lang))
}
