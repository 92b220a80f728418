//! Applying commands, undo and redo, and saving: 1.5 s after the last change the model and
//! the workspace go to a named thread that saves what changed and reports back, so the UI
//! never waits on the disk. A failed save keeps the changes in memory and retries.

use super::App;
use crate::command::{Command, History};
use crate::model::RecordId;
use crate::store::{Changes, Collection, DataFile};
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

/// A save running on its thread.
pub(super) struct RunningSave {
    pub(super) version: u64,
    pub(super) changes: Changes,
    pub(super) result: Receiver<Result<Vec<DataFile>, String>>,
}

/// Notes the records a command changes, so a save rewrites only their files and, in
/// them, serializes only those records.
fn touched(command: &Command, out: &mut Changes) {
    let mut note = |id: RecordId| match id {
        RecordId::City(id) => out.record(Collection::Cities, id.as_str()),
        RecordId::Person(id) => out.record(Collection::People, id.as_str()),
        RecordId::Event(id) => out.record(Collection::Events, id.as_str()),
        RecordId::Delegation(id) => out.record(Collection::Delegations, id.as_str()),
        RecordId::Figures(year) => out.record(Collection::Figures, &year.to_string()),
    };
    match command {
        Command::Put(record) => note(record.id()),
        Command::Remove(id) => note(id.clone()),
        Command::Batch(list) => list.iter().for_each(|c| touched(c, out)),
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
        touched(&command, &mut self.dirty);
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
            touched(next, &mut self.dirty);
        }
        match self.history.undo(Arc::make_mut(&mut self.model)) {
            Ok(true) => self.changed(),
            Ok(false) => {}
            Err(e) => self.toasts.error(e.message(self.lang)),
        }
    }

    pub(super) fn redo(&mut self) {
        if let Some(next) = self.history.next_redo() {
            touched(next, &mut self.dirty);
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
    }

    /// Starts a background save of the current model, unless one runs or nothing changed.
    pub(super) fn start_save(&mut self, ctx: &egui::Context) {
        if self.running.is_some() || self.version == self.saved_version || !self.writable() {
            return;
        }
        let (tx, rx) = mpsc::channel();
        let workspace = Arc::clone(&self.workspace);
        let model = Arc::clone(&self.model);
        let ctx = ctx.clone();
        let changes = std::mem::take(&mut self.dirty);
        let to_save = changes.clone();
        let lang = self.lang;
        let spawned = std::thread::Builder::new().name("pobratim-save".into()).spawn(move || {
            let result = match workspace.lock() {
                Ok(mut ws) => {
                    let result = ws.save_changes(&model, &to_save).map(|r| r.recreated).map_err(|e| e.message(lang));
                    // The receiver is gone only if the app closed; nothing to tell then.
                    let _ = tx.send(result);
                    ctx.request_repaint();
                    // The files are safe; now the cache the next open reads, still holding
                    // the workspace so a new save waits for it.
                    ws.refresh_cache(&model);
                    return;
                }
                Err(_) => Err(poisoned(lang)),
            };
            let _ = tx.send(result);
            ctx.request_repaint();
        });
        match spawned {
            Ok(_) => self.running = Some(RunningSave { version: self.version, changes, result: rx }),
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
        self.running = None;
        match outcome {
            Ok(recreated) => {
                self.saved_version = version;
                self.save_succeeded();
                self.note_recreated(&recreated);
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

    /// Tells the user which files a save had to write again because they were deleted.
    fn note_recreated(&mut self, recreated: &[DataFile]) {
        if !recreated.is_empty() {
            let names: Vec<String> = recreated.iter().map(|f| f.relative_path().display().to_string()).collect();
            let t = crate::ui::i18n::texts(self.lang);
            self.toasts.push(toast::Kind::Note, format!("{}: {}", t.file_recreated, names.join(", ")), None);
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

    /// Saves now, on this thread, waiting for a background save first. Used when closing.
    pub fn save_blocking(&mut self) -> Result<(), String> {
        if let Some(running) = self.running.take() {
            match running.result.recv() {
                Ok(Ok(recreated)) => {
                    self.saved_version = running.version;
                    self.note_recreated(&recreated);
                }
                Ok(Err(e)) => {
                    self.dirty.merge(running.changes);
                    self.save_failed(e);
                }
                Err(_) => self.dirty.merge(running.changes),
            }
        }
        if self.version == self.saved_version || !self.writable() {
            return self.save_error.clone().map_or(Ok(()), Err);
        }
        let changes = std::mem::take(&mut self.dirty);
        let lang = self.lang;
        let result = match self.workspace.lock() {
            Ok(mut ws) => {
                let result = ws.save_changes(&self.model, &changes).map(|r| r.recreated).map_err(|e| e.message(lang));
                ws.refresh_cache(&self.model);
                result
            }
            Err(_) => Err(poisoned(lang)),
        };
        match result {
            Ok(recreated) => {
                self.saved_version = self.version;
                self.save_succeeded();
                self.note_recreated(&recreated);
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
