//! Applying commands, undo and redo, and saving: 1.5 s after the last change the model and
//! the workspace go to a named thread that saves what changed and reports back, so the UI
//! never waits on the disk. A failed save keeps the changes in memory and retries.

use super::App;
use crate::command::{Command, History};
use crate::model::Model;
use crate::model::RecordId;
use crate::store::{Changes, Collection, Updates};
use crate::ui::toast;
use eframe::egui;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver};
use std::time::Instant;

/// Where saving stands, for the top bar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveState {
    /// Everything is on disk.
    Saved,
    /// Changes wait for autosave.
    Unsaved,
    /// A save runs in the background.
    Saving,
    /// The last save failed; the message names the file.
    Failed(String),
}

/// What a save brought back besides "done".
pub(super) struct Saved {
    /// Records as the folder now has them, where they differ from the model saved.
    updates: Updates,
    /// What both this app and a colleague set differently (stored as conflicts).
    clashes: usize,
    /// People a colleague's retention purge covered.
    purged: Vec<crate::model::PersonId>,
    /// Who saved since this app last read the folder.
    saved_by: Vec<String>,
}

/// A save running on its thread.
pub(super) struct RunningSave {
    pub(super) version: u64,
    pub(super) changes: Changes,
    /// The model the save writes: the base for records edited again while it runs.
    pub(super) snapshot: Arc<Model>,
    pub(super) result: Receiver<Result<Saved, String>>,
}

/// The save's report as the app keeps it.
fn saved(report: crate::store::SaveReport) -> Saved {
    Saved { updates: report.updates, clashes: report.clashes.len(), purged: report.purged, saved_by: report.saved_by }
}

/// Notes the records a command is about to change in `model`, so a save rewrites only
/// their files and, in them, serializes only those records; and keeps each one's value
/// before its first change as its base, for a merge with a colleague's save of it.
pub(super) fn touched(command: &Command, model: &Model, out: &mut Changes) {
    match command {
        Command::Put(record) => out.note(model, &record.id()),
        Command::Remove(id) => out.note(model, id),
        Command::Batch(list) => list.iter().for_each(|c| touched(c, model, out)),
    }
}

impl App {
    /// Where saving stands.
    pub fn save_state(&self) -> SaveState {
        if let Some(e) = &self.save_error {
            SaveState::Failed(e.clone())
        } else if self.running.is_some() {
            SaveState::Saving
        } else if self.version != self.saved_version {
            SaveState::Unsaved
        } else {
            SaveState::Saved
        }
    }

    /// Applies a command as if a panel had emitted it (undo-able, marks the folder dirty).
    pub fn apply(&mut self, command: Command) {
        touched(&command, &self.model, &mut self.dirty);
        match self.history.apply(Arc::make_mut(&mut self.model), command) {
            Ok(()) => self.changed(),
            Err(e) => self.toasts.error(e.message(self.lang)),
        }
    }

    pub(super) fn changed(&mut self) {
        self.version += 1;
        self.dirty_since = Some(Instant::now());
    }

    pub(super) fn undo(&mut self) {
        if let Some(next) = self.history.next_undo() {
            if let Some(stamp) = self.history.next_undo_stamp()
                && self.changed_by_colleague(next, stamp)
            {
                self.toasts.error(crate::ui::i18n::texts(self.lang).undo_refused_colleague.to_owned());
                return;
            }
            touched(next, &self.model, &mut self.dirty);
        }
        match self.history.undo(Arc::make_mut(&mut self.model)) {
            Ok(true) => self.changed(),
            Ok(false) => {}
            Err(e) => self.toasts.error(e.message(self.lang)),
        }
    }

    pub(super) fn redo(&mut self) {
        if let Some(next) = self.history.next_redo() {
            if let Some(stamp) = self.history.next_redo_stamp()
                && self.changed_by_colleague(next, stamp)
            {
                self.toasts.error(crate::ui::i18n::texts(self.lang).undo_refused_colleague.to_owned());
                return;
            }
            touched(next, &self.model, &mut self.dirty);
        }
        match self.history.redo(Arc::make_mut(&mut self.model)) {
            Ok(true) => self.changed(),
            Ok(false) => {}
            Err(e) => self.toasts.error(e.message(self.lang)),
        }
    }

    /// Forgets the undo history (after a purge, whose old records it holds).
    pub(super) fn forget_history(&mut self) {
        self.history = History::default();
        self.external.clear();
    }

    /// Whether a colleague's save changed a record of `command` after the history entry
    /// stamped `stamp` was made: undoing it would silently throw their change away.
    fn changed_by_colleague(&self, command: &crate::command::Command, stamp: u64) -> bool {
        command.records().iter().any(|id| self.external.get(id).is_some_and(|at| *at >= stamp))
    }

    /// Puts into the model what a save learnt of colleagues' records. A record edited here
    /// again while the save ran is merged: the save's snapshot is its base, so neither the
    /// new edit nor the colleague's change is lost; where both set one field, the model
    /// takes theirs and ours is stored as a conflict.
    ///
    /// `snapshot` is dropped before the model is changed: when no edit landed during the
    /// save, the model is then held only here and takes the changes in place, with no
    /// clone of the whole model on the UI thread.
    fn adopt(&mut self, done: &Saved, snapshot: Arc<Model>) {
        let (updates, purged) = (&done.updates, &done.purged[..]);
        if !purged.is_empty() {
            // A colleague's retention purge: no undo entry may bring the purged values back.
            let ids: Vec<RecordId> = purged.iter().cloned().map(RecordId::Person).collect();
            self.history.forget(&ids);
        }
        if updates.is_empty() {
            return;
        }
        use crate::model::merge::{Outcome, merge_record};
        let mut rebased = updates.clone();
        let mut clashes = Vec::new();
        macro_rules! rebase {
            ($slot:ident, $coll:expr, $find:ident, $idty:ident, $rid:ident) => {
                for (key, theirs) in rebased.$slot.iter_mut() {
                    if !self.dirty.contains($coll, key) {
                        continue;
                    }
                    let id = crate::model::$idty::new(key.as_str());
                    let base = snapshot.$find(&id);
                    let mine = self.model.$find(&id);
                    match merge_record(base, mine, theirs.as_ref()) {
                        Outcome::Merged(record, found) => {
                            *theirs = record;
                            clashes.extend(found.into_iter().map(|clash| crate::store::Found {
                                record: crate::model::RecordId::$rid(id.clone()),
                                clash,
                            }));
                        }
                        Outcome::BothCreated { .. } => {}
                    }
                }
            };
        }
        rebase!(cities, Collection::Cities, city, CityId, City);
        rebase!(people, Collection::People, person, PersonId, Person);
        rebase!(events, Collection::Events, event, EventId, Event);
        rebase!(delegations, Collection::Delegations, delegation, DelegationId, Delegation);
        // A purged person's field resolves to the purge, and no purged value goes into a
        // conflict (`model::retention::settle_purged`).
        clashes.retain_mut(|f| match &f.record {
            RecordId::Person(id) if purged.contains(id) => {
                let mut one = vec![f.clash.clone()];
                crate::model::retention::settle_purged(&mut None, &mut one, false);
                match one.pop() {
                    Some(clash) => {
                        f.clash = clash;
                        true
                    }
                    None => false,
                }
            }
            _ => true,
        });
        drop(snapshot);
        // Records edited here while the save ran now start from what it left in the file.
        self.dirty.rebase_onto(updates);
        rebased.apply_to(Arc::make_mut(&mut self.model));
        let stamp = self.history.stamp();
        for id in rebased.ids() {
            self.external.insert(id, stamp);
        }
        if !clashes.is_empty()
            && let Ok(ws) = self.workspace.lock()
            && let Err(e) = ws.store_conflicts(&clashes)
        {
            self.toasts.error(e.message(self.lang));
        }
        let was_saved = self.version == self.saved_version;
        self.version += 1;
        if was_saved {
            self.saved_version = self.version;
        }
        let t = crate::ui::i18n::texts(self.lang);
        self.toasts.push(toast::Kind::Note, colleague_line(t, self.lang, &self.model, &done.saved_by, &rebased), None);
    }

    /// Starts a background save of the current model, unless one runs, or nothing changed
    /// and no colleague saved ([`App::pull`]: the save then only takes their records).
    pub(super) fn start_save(&mut self, ctx: &egui::Context) {
        if self.running.is_some() || (!self.pull && self.version == self.saved_version) || !self.writable() {
            return;
        }
        self.pull = false;
        let (tx, rx) = mpsc::channel();
        let workspace = Arc::clone(&self.workspace);
        let model = Arc::clone(&self.model);
        let ctx = ctx.clone();
        let snapshot = Arc::clone(&self.model);
        let changes = std::mem::take(&mut self.dirty);
        let to_save = changes.clone();
        let lang = self.lang;
        let spawned = std::thread::Builder::new().name("pobratim-save".into()).spawn(move || {
            let result = match workspace.lock() {
                Ok(mut ws) => {
                    let result = ws.save_changes(&model, &to_save).map(saved).map_err(|e| e.message(lang));
                    // The files are safe; now the cache the next open reads. Then the model
                    // is let go *before* the answer, so the app can take colleagues'
                    // changes into it in place rather than clone it.
                    ws.refresh_cache(&model);
                    drop(ws);
                    drop(model);
                    // The receiver is gone only if the app closed; nothing to tell then.
                    let _ = tx.send(result);
                    ctx.request_repaint();
                    return;
                }
                Err(_) => Err(poisoned(lang)),
            };
            let _ = tx.send(result);
            ctx.request_repaint();
        });
        match spawned {
            Ok(_) => self.running = Some(RunningSave { version: self.version, changes, snapshot, result: rx }),
            Err(e) => {
                self.dirty.merge(changes);
                self.save_failed(e.to_string());
            }
        }
        self.dirty_since = None;
    }

    pub(super) fn poll_save(&mut self) {
        let Some(running) = &self.running else { return };
        let outcome = match running.result.try_recv() {
            Ok(r) => r,
            Err(mpsc::TryRecvError::Empty) => return,
            Err(mpsc::TryRecvError::Disconnected) => Err(poisoned(self.lang)),
        };
        let version = running.version;
        let changes = running.changes.clone();
        let snapshot = Arc::clone(&running.snapshot);
        self.running = None;
        match outcome {
            Ok(done) => {
                self.saved_version = version;
                self.save_succeeded();
                self.adopt(&done, snapshot);
                self.note_clashes(done.clashes);
            }
            Err(e) => {
                // What failed is saved again with the next attempt.
                self.dirty.merge(changes);
                self.save_failed(e);
                // Try again after the usual delay; the user sees the error meanwhile.
                self.dirty_since = Some(Instant::now());
            }
        }
        self.refresh_read_only();
        if self.version != self.saved_version && self.dirty_since.is_none() {
            self.dirty_since = Some(Instant::now());
        }
    }

    pub(super) fn refresh_read_only(&mut self) {
        if let Ok(ws) = self.workspace.lock() {
            self.read_only = ws.read_only_reasons().to_vec();
        }
    }

    pub(super) fn take_over_lock(&mut self) {
        let lang = self.lang;
        let result = self
            .workspace
            .lock()
            .map_err(|_| poisoned(lang))
            .and_then(|mut ws| ws.take_over_lock().map_err(|e| e.message(lang)));
        if let Err(e) = result {
            self.toasts.error(e);
        }
        self.refresh_read_only();
    }

    /// Tells the user that a save found values a colleague set differently, and refreshes
    /// the list of conflicts (only then: the team thread reads it every few seconds).
    fn note_clashes(&mut self, clashes: usize) {
        if clashes > 0 {
            let t = crate::ui::i18n::texts(self.lang);
            self.toasts.error(format!("{}: {clashes}", t.conflicts_found));
            self.refresh_conflicts();
        }
    }

    /// Reads the stored conflicts again.
    pub(super) fn refresh_conflicts(&mut self) {
        if let Ok(ws) = self.workspace.lock() {
            self.conflicts = ws.conflicts();
        }
    }

    /// The toast of a failed save: what failed, and that the changes wait in memory.
    fn save_toast(&self, error: &str) -> String {
        let t = crate::ui::i18n::texts(self.lang);
        format!("{}: {error} — {}", t.save_error, t.save_error_kept)
    }

    /// A save failed: the top bar says «Не сохранено», a toast says why until it is closed
    /// or a save succeeds.
    fn save_failed(&mut self, error: String) {
        if let Some(old) = self.save_error.take() {
            let old = self.save_toast(&old);
            self.toasts.dismiss(&old);
        }
        self.toasts.error(self.save_toast(&error));
        self.save_error = Some(error);
    }

    /// A save succeeded: an earlier failure's toast goes.
    fn save_succeeded(&mut self) {
        if let Some(old) = self.save_error.take() {
            let old = self.save_toast(&old);
            self.toasts.dismiss(&old);
        }
    }

    /// Live refresh, at once and on this thread: when a colleague saved since this app
    /// last read the folder, takes their records (saving any edits of ours with them), as
    /// the team thread's poll makes the app do in the background. Tests drive it in place
    /// of the poll's clock.
    pub fn take_colleagues_changes(&mut self) -> Result<(), String> {
        let saved = self.workspace.lock().is_ok_and(|ws| ws.colleague_saved());
        if saved {
            self.pull = true;
        }
        self.save_blocking()
    }

    /// Saves now, on this thread, waiting for a background save first. Used when closing.
    pub fn save_blocking(&mut self) -> Result<(), String> {
        if let Some(running) = self.running.take() {
            match running.result.recv() {
                Ok(Ok(done)) => {
                    self.saved_version = running.version;
                    self.adopt(&done, running.snapshot);
                    self.note_clashes(done.clashes);
                }
                Ok(Err(e)) => {
                    self.dirty.merge(running.changes);
                    self.save_failed(e);
                }
                Err(_) => self.dirty.merge(running.changes),
            }
        }
        if (!self.pull && self.version == self.saved_version) || !self.writable() {
            return self.save_error.clone().map_or(Ok(()), Err);
        }
        self.pull = false;
        let changes = std::mem::take(&mut self.dirty);
        let lang = self.lang;
        let result = match self.workspace.lock() {
            Ok(mut ws) => {
                let result = ws.save_changes(&self.model, &changes).map(saved).map_err(|e| e.message(lang));
                ws.refresh_cache(&self.model);
                result
            }
            Err(_) => Err(poisoned(lang)),
        };
        match result {
            Ok(done) => {
                self.saved_version = self.version;
                self.save_succeeded();
                let snapshot = Arc::clone(&self.model);
                self.adopt(&done, snapshot);
                self.note_clashes(done.clashes);
                Ok(())
            }
            Err(e) => {
                self.dirty.merge(changes);
                self.save_failed(e.clone());
                Err(e)
            }
        }
    }
}

/// The message when the save thread died holding the workspace.
pub(super) fn poisoned(lang: crate::model::Lang) -> String {
    match lang {
        crate::model::Lang::Ru => "поток сохранения аварийно завершился".to_owned(),
        crate::model::Lang::En => "the save thread panicked earlier".to_owned(),
    }
}

/// The status line after a colleague's save: «Изменения от ivanova: Детская делегация
/// г. Ниигаты, Харбин и ещё 3».
fn colleague_line(
    t: &crate::ui::i18n::Texts,
    lang: crate::model::Lang,
    model: &Model,
    by: &[String],
    updates: &Updates,
) -> String {
    const NAMED: usize = 3;
    let ids = updates.ids();
    let mut names: Vec<String> =
        ids.iter().take(NAMED).map(|id| super::findings::record_label(t, model, lang, id).1).collect();
    if ids.len() > NAMED {
        names.push(format!("{} {}", t.and_more, ids.len() - NAMED).replace("+ ", "+"));
    }
    let who = if by.is_empty() { t.colleagues_word.to_owned() } else { by.join(", ") };
    format!("{} {who}: {}", t.changes_from, names.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::command::Record;
    use crate::model::{Person, PersonId, Shared};
    use std::time::Duration;

    fn person(id: &str, name: &str) -> Command {
        Command::put(Record::Person(Person { id: PersonId::new(id), full_name_ru: name.into(), ..Person::default() }))
    }

    #[test]
    fn edits_of_people_a_purge_covers_are_refused_until_it_has_ended_and_others_go_on() {
        use crate::ui::action::{Action, PurgeRequest};
        let dir = tempfile::tempdir().expect("tempdir");
        let mut app = App::open(dir.path()).expect("open");
        for (id, name) in [("p01", "Гость Первый"), ("p02", "Гость Второй")] {
            app.apply(Command::put(Record::Person(Person {
                id: PersonId::new(id),
                full_name_ru: name.into(),
                phone: "+7 111 222-33-44".into(),
                ..Person::default()
            })));
        }
        app.save_blocking().expect("saved");
        let ctx = egui::Context::default();
        let t = crate::ui::i18n::texts(app.lang);
        app.purge(&PurgeRequest { years: 5, people: vec![PersonId::new("p01")] }, &ctx, t);
        assert!(app.purge_running());
        let edit = |id: &str, phone: &str, app: &App| {
            let mut p = app.model.person(&PersonId::new(id)).cloned().expect("person");
            p.phone = phone.into();
            Action::Apply(Command::put(Record::Person(p)))
        };
        let phone = |app: &App, id: &str| app.model.person(&PersonId::new(id)).map(|p| p.phone.clone());
        let refused = edit("p01", "+7 999", &app);
        app.handle(refused, &ctx, t);
        assert_eq!(phone(&app, "p01").as_deref(), Some(""), "the purged person cannot be edited meanwhile");
        let allowed = edit("p02", "+7 555", &app);
        app.handle(allowed, &ctx, t);
        assert_eq!(phone(&app, "p02").as_deref(), Some("+7 555"), "anyone else can");
        let start = Instant::now();
        while app.purge_running() {
            assert!(start.elapsed() < Duration::from_secs(30), "the purge never ended");
            std::thread::sleep(Duration::from_millis(10));
            app.poll_save();
            app.poll_purge(&ctx);
            app.start_save(&ctx);
        }
        let again = edit("p01", "+7 999", &app);
        app.handle(again, &ctx, t);
        assert_eq!(phone(&app, "p01").as_deref(), Some("+7 999"), "after it, the person is editable again");
        let log = crate::store::journal::read(dir.path()).expect("log");
        assert!(log.iter().any(|e| e.action == crate::store::journal::Action::Purge), "the purge is in the log");
    }

    #[test]
    fn an_edit_while_a_save_runs_copies_only_its_record_and_both_reach_the_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut app = App::open(dir.path()).expect("open");
        for n in 0..50 {
            app.apply(person(&format!("p{n:02}"), &format!("Участник {n}")));
        }
        app.save_blocking().expect("first save");
        // The save thread waits on the workspace while the test holds it: a save is running.
        let workspace = Arc::clone(&app.workspace);
        let held = workspace.lock().expect("workspace");
        app.apply(person("p07", "Иванова Анна"));
        app.start_save(&egui::Context::default());
        let snapshot = Arc::clone(&app.running.as_ref().expect("a save runs").snapshot);
        app.apply(person("p31", "Петров Пётр"));
        let (now, then) = (&app.model.people, &snapshot.people);
        assert_eq!(now.len(), then.len());
        for (a, b) in now.iter().zip(then.iter()) {
            let edited = a.id.as_str() == "p31";
            assert_eq!(Shared::same(a, b), !edited, "{}: shared with the save's snapshot only if untouched", a.id);
        }
        assert_eq!(then[31].full_name_ru, "Участник 31", "the running save still writes its own model");
        drop(held);
        app.save_blocking().expect("second save");
        drop(app);
        let (_, saved) = crate::store::Workspace::open(dir.path(), crate::store::OpenMode::ReadOnly).expect("reopen");
        let name = |id: &str| saved.person(&PersonId::new(id)).map(|p| p.full_name_ru.clone());
        assert_eq!(name("p07").as_deref(), Some("Иванова Анна"));
        assert_eq!(name("p31").as_deref(), Some("Петров Пётр"));
        assert_eq!(name("p32").as_deref(), Some("Участник 32"));
    }
}
