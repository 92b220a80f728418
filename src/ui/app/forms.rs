//! Forms open on records a colleague changes meanwhile (live refresh brings their saves
//! in every 2 s).
//!
//! A form edits a draft made from the record when it opened; the model under it may then
//! change. The app keeps, for every form open on an existing record, that record as the
//! form's *base*, asking the panels each frame which records their forms are on. When the
//! record changed underneath, a strip under the top bar says so, with «Обновить» (the form
//! opens again on the record as it now is; what was typed is dropped) and «Продолжить».
//! Either way, applying a form whose record changed underneath merges it with the record as
//! it now is, field by field from the base, as a save merges with a colleague's save: what
//! only the form changed is taken, what only the colleague changed is kept, and where both
//! set one field differently the colleague's value stays and the form's goes to the
//! conflicts. A form can no longer put back, unseen, the fields it did not touch.
//!
//! The same list of open forms goes to the team thread, which writes it into this app's
//! session: the top bar of colleagues' apps says who is editing what.

use super::App;
use super::findings::record_label;
use crate::command::{Command, Record};
use crate::model::merge::{Clash, Merge, Outcome, merge_record};
use crate::model::{Model, RecordId};
use crate::ui::i18n::Texts;
use crate::ui::theme;
use eframe::egui;
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};

/// The forms open on existing records, with their bases.
#[derive(Default)]
pub(super) struct Forms {
    /// Each record with a form open on it, and its value when the form opened.
    bases: HashMap<RecordId, Option<Record>>,
    /// Records whose «changed underneath» notice the user answered with «Продолжить».
    continued: HashSet<RecordId>,
    /// The open forms' records as journal keys (`city:niigata`), for the team thread.
    pub(super) shared: Arc<Mutex<Vec<String>>>,
}

/// The record `id` of `model`, as a command's record.
fn record_of(model: &Model, id: &RecordId) -> Option<Record> {
    Some(match id {
        RecordId::City(x) => Record::City(model.city(x)?.clone()),
        RecordId::Person(x) => Record::Person(model.person(x)?.clone()),
        RecordId::Event(x) => Record::Event(model.event(x)?.clone()),
        RecordId::Delegation(x) => Record::Delegation(model.delegation(x)?.clone()),
        RecordId::Figures(y) => Record::Figures(model.figures_for(*y)?.clone()),
    })
}

/// Whether `model` still has the record `id` as `base` (compared in place: drawn every
/// frame while a form is open, so no copy of the record).
fn unchanged(model: &Model, id: &RecordId, base: &Option<Record>) -> bool {
    match (id, base) {
        (RecordId::City(x), Some(Record::City(b))) => model.city(x) == Some(b),
        (RecordId::Person(x), Some(Record::Person(b))) => model.person(x) == Some(b),
        (RecordId::Event(x), Some(Record::Event(b))) => model.event(x) == Some(b),
        (RecordId::Delegation(x), Some(Record::Delegation(b))) => model.delegation(x) == Some(b),
        (RecordId::Figures(y), Some(Record::Figures(b))) => model.figures_for(*y) == Some(b),
        (_, None) => record_of(model, id).is_none(),
        _ => false,
    }
}

/// `mine` merged with `theirs` from `base`: the record to apply and what clashed.
fn merged<T: Merge>(base: Option<&T>, mine: &T, theirs: Option<&T>) -> (Option<T>, Vec<Clash>) {
    match merge_record(base, Some(mine), theirs) {
        Outcome::Merged(record, clashes) => (record, clashes),
        // Cannot happen for a form on an existing record (it has a base); keep the form's.
        Outcome::BothCreated { .. } => (Some(mine.clone()), Vec::new()),
    }
}

impl App {
    /// The existing records with a form open in some panel.
    fn editing_now(&self) -> Vec<RecordId> {
        [
            self.cities.editing(),
            self.people.editing(),
            self.calendar.editing(),
            self.delegations.editing(),
            self.tourism.editing(),
        ]
        .into_iter()
        .flatten()
        .collect()
    }

    /// After the frame's actions: keeps a base for each form that opened, forgets the
    /// forms that closed, and hands the list to the team thread.
    pub(super) fn track_forms(&mut self) {
        let now = self.editing_now();
        self.forms.bases.retain(|id, _| now.contains(id));
        self.forms.continued.retain(|id| now.contains(id));
        for id in &now {
            if !self.forms.bases.contains_key(id) {
                let base = record_of(&self.model, id);
                self.forms.bases.insert(id.clone(), base);
            }
        }
        let keys: Vec<String> = now.iter().map(crate::store::team::revision::record_key).collect();
        if let Ok(mut shared) = self.forms.shared.lock()
            && *shared != keys
        {
            *shared = keys;
        }
    }

    /// A command from a panel, merged where it puts a record whose form opened on an older
    /// value than the model now has (a colleague's save came in meanwhile).
    pub(super) fn merge_form(&mut self, command: Command) -> Command {
        let Command::Put(record) = &command else { return command };
        let id = record.id();
        let Some(base) = self.forms.bases.get(&id) else { return command };
        if unchanged(&self.model, &id, base) {
            return command;
        }
        let current = record_of(&self.model, &id);
        macro_rules! merge_as {
            ($variant:ident, $mine:expr) => {{
                let b = match base {
                    Some(Record::$variant(x)) => Some(x),
                    _ => None,
                };
                let t = match &current {
                    Some(Record::$variant(x)) => Some(x),
                    _ => None,
                };
                let (r, c) = merged(b, $mine, t);
                (r.map(Record::$variant), c)
            }};
        }
        let (result, clashes) = match &**record {
            Record::City(m) => merge_as!(City, m),
            Record::Person(m) => merge_as!(Person, m),
            Record::Event(m) => merge_as!(Event, m),
            Record::Delegation(m) => merge_as!(Delegation, m),
            Record::Figures(m) => merge_as!(Figures, m),
        };
        let t = crate::ui::i18n::texts(self.lang);
        if !clashes.is_empty() {
            let found: Vec<crate::store::Found> =
                clashes.into_iter().map(|clash| crate::store::Found { record: id.clone(), clash }).collect();
            match self.workspace.lock() {
                Ok(ws) => {
                    if let Err(e) = ws.store_conflicts(&found) {
                        self.toasts.error(e.message(self.lang));
                    }
                }
                Err(_) => self.toasts.error(super::autosave::poisoned(self.lang)),
            }
            self.refresh_conflicts();
            self.toasts.push(crate::ui::toast::Kind::Note, t.form_merged_conflicts.to_owned(), None);
        } else {
            self.toasts.push(crate::ui::toast::Kind::Note, t.form_merged.to_owned(), None);
        }
        match result {
            Some(r) => Command::put(r),
            // The colleague deleted it and the form changed nothing they kept: nothing to put.
            None => Command::Batch(Vec::new()),
        }
    }

    /// The strip under the top bar for each form whose record changed underneath.
    pub(super) fn forms_changed_strip(&mut self, ui: &mut egui::Ui, t: &Texts) {
        let changed: Vec<RecordId> = self
            .forms
            .bases
            .iter()
            .filter(|(id, base)| !self.forms.continued.contains(*id) && !unchanged(&self.model, id, base))
            .map(|(id, _)| id.clone())
            .collect();
        if changed.is_empty() {
            return;
        }
        let mut reload = Vec::new();
        egui::Panel::top("form-changed-underneath").show(ui, |ui| {
            for id in &changed {
                let (kind, name) = record_label(t, &self.model, self.lang, id);
                let mut chars = kind.chars();
                let kind: String = chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default();
                ui.horizontal_wrapped(|ui| {
                    ui.colored_label(theme::warning(), format!("{kind} «{name}»: {}", t.form_changed_underneath));
                    if ui.button(t.form_reload).on_hover_text(t.form_reload_hint).clicked() {
                        reload.push(id.clone());
                    }
                    if ui.button(t.form_continue).on_hover_text(t.form_continue_hint).clicked() {
                        self.forms.continued.insert(id.clone());
                    }
                });
            }
        });
        for id in reload {
            match id {
                RecordId::City(_) => self.cities.reload_form(&self.model),
                RecordId::Person(_) => self.people.reload_form(&self.model),
                RecordId::Event(_) => self.calendar.reload_form(&self.model),
                RecordId::Delegation(_) => self.delegations.reload_form(&self.model),
                RecordId::Figures(_) => self.tourism.reload_form(&self.model),
            }
            // The form now starts from the record as it is.
            self.forms.bases.remove(&id);
        }
    }
}
