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
                if self.writable() {
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
            Action::Purge(request) => self.purge(&request, t),
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
    /// (which is cleared, since it holds the old records), saved at once, then the backups,
    /// the cache and the log are seen to (`Workspace::finish_purge`).
    pub fn purge(&mut self, request: &PurgeRequest, t: &Texts) {
        if !self.writable() {
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
        let lang = self.lang;
        if count > 0 {
            if let Err(e) = Command::Batch(puts).apply(Arc::make_mut(&mut self.model)) {
                self.toasts.error(e.message(lang));
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
        if let Err(e) = self.save_blocking() {
            self.toasts.error(e);
            return;
        }
        let ids: Vec<&str> = request.people.iter().map(|p| p.as_str()).collect();
        let entry = Entry::now(
            journal::Action::Purge,
            format!("{count}"),
            format!("retention {} y; {}", request.years, ids.join(", ")),
        );
        let result = match self.workspace.lock() {
            Ok(mut ws) => {
                let settings = ws.settings().clone();
                let saved = if settings.retention_years == request.years {
                    Ok(())
                } else {
                    ws.save_settings(crate::store::Settings { retention_years: request.years, ..settings })
                };
                saved.and_then(|()| ws.finish_purge(&self.model, &entry)).map_err(|e| e.message(lang))
            }
            Err(_) => Err(super::autosave::poisoned(lang)),
        };
        match result {
            Ok(()) => {
                self.retention_years = request.years;
                self.toasts.push(toast::Kind::Success, format!("{}: {count}", t.retention_done), None);
            }
            Err(e) => self.toasts.error(e),
        }
    }
}
