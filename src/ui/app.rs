//! The app shell: navigation, top bar, status line, keyboard, commands with undo/redo,
//! and autosave off the UI thread.
//!
//! Panels draw from `&Model` and push [`Command`]s; the shell applies them after the UI
//! pass. That is the one place for undo, validation, the dirty flag and autosave.

use super::dialogs::{FileDialogs, NativeDialogs};
use super::i18n::{self, Texts};
use super::{
    calendar::CalendarPanel, cities::CitiesPanel, delegations::DelegationsPanel, fonts, people::PeoplePanel,
    search::Search, theme, tourism::TourismPanel,
};
use crate::command::{Command, History};
use crate::model::{Finding, Lang, Model, RecordId, Severity, run_checks};
use crate::store::journal::Entry;
use crate::store::{Changes, Collection, OpenMode, ReadOnlyReason, Workspace};
use crate::ui::people::PurgeRequest;
use chrono::NaiveDate;
use eframe::egui::{self, Key, KeyboardShortcut, Modifiers};
use std::path::Path;
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Folders with at least this many records are checked off the UI thread.
pub const BACKGROUND_CHECKS_FROM: usize = 5_000;

/// Autosave comes this long after the last change (the issue asks for at most 2 s).
pub const AUTOSAVE_DELAY: Duration = Duration::from_millis(1500);

/// The sections of the left navigation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Nav {
    /// Partner cities.
    Cities,
    /// The calendar.
    Calendar,
    /// Delegations.
    Delegations,
    /// People.
    People,
    /// Tourism figures and reports.
    Tourism,
}

/// What the panels see: the model and the context to draw it in.
pub struct View<'a> {
    /// The model, read-only.
    pub model: &'a Model,
    /// UI strings.
    pub t: &'static Texts,
    /// The UI language.
    pub lang: Lang,
    /// Whether edits are disabled.
    pub read_only: bool,
    /// Today, for anniversaries and ages.
    pub today: NaiveDate,
    /// The current findings (for conflict marks).
    pub findings: &'a [Finding],
    /// Goes up with every change of the model, so panels can cache what they derive.
    pub version: u64,
    /// The model version the findings were computed for (they may trail `version` while
    /// the checks run in the background).
    pub findings_version: u64,
    /// Years personal data is kept after a person's last visit (the folder's setting).
    pub retention_years: u32,
}

/// A document a panel asks to print; the shell makes it off the UI thread.
#[derive(Clone, Debug, PartialEq)]
pub struct PrintRequest {
    /// Which document.
    pub job: crate::print::Job,
    /// Where to save it; `None` puts it in the data folder's `prints/`.
    pub output: Option<std::path::PathBuf>,
}

impl PrintRequest {
    /// A request for `job`, saved in the data folder's `prints/`.
    pub fn new(job: crate::print::Job) -> Self {
        Self { job, output: None }
    }

    /// A file name safe on Windows: `programme-del-2016-05-portland-school.pdf`.
    pub fn file_name(&self) -> String {
        self.job.file_name()
    }

    /// Makes the PDF.
    pub fn render(&self, model: &Model) -> Result<Vec<u8>, String> {
        self.job.render(model).map_err(|e| e.to_string())
    }
}

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

struct RunningSave {
    version: u64,
    changes: Changes,
    result: Receiver<Result<Vec<crate::store::DataFile>, String>>,
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

/// The Pobratim desktop app on one data folder.
pub struct App {
    workspace: Arc<Mutex<Workspace>>,
    model: Arc<Model>,
    history: History,
    lang: Lang,
    lang_chosen: bool,
    nav: Nav,
    cities: CitiesPanel,
    people: PeoplePanel,
    calendar: CalendarPanel,
    delegations: DelegationsPanel,
    tourism: TourismPanel,
    dialogs: Box<dyn FileDialogs>,
    search: Search,
    findings: Vec<Finding>,
    findings_version: Option<u64>,
    checking: Option<Receiver<(u64, Vec<Finding>)>>,
    show_findings: bool,
    version: u64,
    saved_version: u64,
    dirty_since: Option<Instant>,
    /// Collections changed since the last save started.
    dirty: Changes,
    running: Option<RunningSave>,
    save_error: Option<String>,
    /// Files a save wrote again after they were deleted outside the app.
    save_notice: Option<String>,
    /// The folder's retention period for personal data, in years.
    retention_years: u32,
    message: Option<String>,
    read_only: Vec<ReadOnlyReason>,
    dir_label: String,
    data_dir: std::path::PathBuf,
    printing: Option<Receiver<Result<std::path::PathBuf, String>>>,
    print_message: Option<String>,
    folder_name: String,
    started: bool,
    today: NaiveDate,
}

impl App {
    /// Builds the app on the data folder at `data_dir`, without a window: the GUI and the
    /// kittest tests both start here. Takes the folder's lock, or opens read-only.
    pub fn open(data_dir: &Path) -> anyhow::Result<App> {
        let (workspace, model) = Workspace::open(data_dir, OpenMode::ReadWrite)?;
        let read_only = workspace.read_only_reasons().to_vec();
        let folder_name = data_dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let cold = if workspace.is_writable() { workspace.cold_files() } else { Vec::new() };
        let retention_years = workspace.settings().retention_years;
        let workspace = Arc::new(Mutex::new(workspace));
        let model = Arc::new(model);
        if !cold.is_empty() {
            // Files parsed from RON (first open, or edited by hand) are serialized once in
            // the background, so the next save copies their records' text and the next
            // open reads the binary cache. One file per lock, so a save never waits long.
            let (ws, loaded) = (Arc::clone(&workspace), Arc::clone(&model));
            let spawned = std::thread::Builder::new().name("pobratim-warm".into()).spawn(move || {
                for file in cold {
                    match ws.lock() {
                        Ok(mut ws) => ws.warm(&loaded, file),
                        Err(_) => return,
                    }
                }
            });
            // Without the thread saves are slower, not wrong.
            drop(spawned);
        }
        Ok(App {
            workspace,
            model,
            history: History::default(),
            lang: Lang::Ru,
            lang_chosen: false,
            nav: Nav::Cities,
            cities: CitiesPanel::default(),
            people: PeoplePanel::default(),
            calendar: CalendarPanel::default(),
            delegations: DelegationsPanel::default(),
            tourism: TourismPanel::default(),
            dialogs: Box::new(NativeDialogs),
            search: Search::default(),
            findings: Vec::new(),
            findings_version: None,
            checking: None,
            show_findings: false,
            version: 0,
            saved_version: 0,
            dirty_since: None,
            dirty: Default::default(),
            running: None,
            save_error: None,
            save_notice: None,
            retention_years,
            message: None,
            read_only,
            dir_label: data_dir.display().to_string(),
            data_dir: data_dir.to_path_buf(),
            printing: None,
            print_message: None,
            folder_name,
            started: false,
            today: chrono::Local::now().date_naive(),
        })
    }

    /// Starts in `lang` instead of the language remembered from the last run.
    pub fn with_lang(mut self, lang: Option<Lang>) -> Self {
        if let Some(lang) = lang {
            self.lang = lang;
            self.lang_chosen = true;
        }
        self
    }

    /// Uses these file dialogs instead of the system's (tests, scripted use).
    pub fn with_dialogs(mut self, dialogs: Box<dyn FileDialogs>) -> Self {
        self.dialogs = dialogs;
        self
    }

    /// The window title: «Побратим — folder».
    pub fn title(&self) -> String {
        format!("{} — {}", i18n::texts(self.lang).app_name, self.folder_name)
    }

    /// The current model.
    pub fn model(&self) -> &Model {
        &self.model
    }

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

    fn writable(&self) -> bool {
        self.read_only.is_empty()
    }

    /// Applies a command as if a panel had emitted it (undo-able, marks the folder dirty).
    pub fn apply(&mut self, command: Command) {
        touched(&command, &mut self.dirty);
        match self.history.apply(Arc::make_mut(&mut self.model), command) {
            Ok(()) => self.changed(),
            Err(e) => self.message = Some(e.to_string()),
        }
    }

    fn changed(&mut self) {
        self.version += 1;
        self.dirty_since = Some(Instant::now());
        self.message = None;
    }

    fn undo(&mut self) {
        if let Some(next) = self.history.next_undo() {
            touched(next, &mut self.dirty);
        }
        match self.history.undo(Arc::make_mut(&mut self.model)) {
            Ok(true) => self.changed(),
            Ok(false) => {}
            Err(e) => self.message = Some(e.to_string()),
        }
    }

    fn redo(&mut self) {
        if let Some(next) = self.history.next_redo() {
            touched(next, &mut self.dirty);
        }
        match self.history.redo(Arc::make_mut(&mut self.model)) {
            Ok(true) => self.changed(),
            Ok(false) => {}
            Err(e) => self.message = Some(e.to_string()),
        }
    }

    /// Starts a background save of the current model, unless one runs or nothing changed.
    fn start_save(&mut self, ctx: &egui::Context) {
        if self.running.is_some() || self.version == self.saved_version || !self.writable() {
            return;
        }
        let (tx, rx) = mpsc::channel();
        let workspace = Arc::clone(&self.workspace);
        let model = Arc::clone(&self.model);
        let ctx = ctx.clone();
        let changes = std::mem::take(&mut self.dirty);
        let to_save = changes.clone();
        let spawned = std::thread::Builder::new().name("pobratim-save".into()).spawn(move || {
            let result = match workspace.lock() {
                Ok(mut ws) => {
                    let result = ws.save_changes(&model, &to_save).map(|r| r.recreated).map_err(|e| e.to_string());
                    // The receiver is gone only if the app closed; nothing to tell then.
                    let _ = tx.send(result);
                    ctx.request_repaint();
                    // The files are safe; now the cache the next open reads, still holding
                    // the workspace so a new save waits for it.
                    ws.refresh_cache(&model);
                    return;
                }
                Err(_) => Err("the save thread panicked earlier".to_owned()),
            };
            let _ = tx.send(result);
            ctx.request_repaint();
        });
        match spawned {
            Ok(_) => self.running = Some(RunningSave { version: self.version, changes, result: rx }),
            Err(e) => {
                self.dirty.merge(changes);
                self.save_error = Some(format!("cannot start saving: {e}"));
            }
        }
        self.dirty_since = None;
    }

    fn poll_save(&mut self) {
        let Some(running) = &self.running else { return };
        let outcome = match running.result.try_recv() {
            Ok(r) => r,
            Err(mpsc::TryRecvError::Empty) => return,
            Err(mpsc::TryRecvError::Disconnected) => Err("the save thread stopped".to_owned()),
        };
        let version = running.version;
        let changes = running.changes.clone();
        self.running = None;
        match outcome {
            Ok(recreated) => {
                self.saved_version = version;
                self.save_error = None;
                self.note_recreated(&recreated);
            }
            Err(e) => {
                // What failed is saved again with the next attempt.
                self.dirty.merge(changes);
                self.save_error = Some(e);
                // Try again after the usual delay; the user sees the error meanwhile.
                self.dirty_since = Some(Instant::now());
            }
        }
        self.refresh_read_only();
        if self.version != self.saved_version && self.dirty_since.is_none() {
            self.dirty_since = Some(Instant::now());
        }
    }

    fn refresh_read_only(&mut self) {
        if let Ok(ws) = self.workspace.lock() {
            self.read_only = ws.read_only_reasons().to_vec();
        }
    }

    /// Writes the panels' personal-data log entries, opens the log, runs a confirmed purge.
    fn personal_data_requests(&mut self, t: &Texts) {
        let entries: Vec<Entry> = self.people.audit.drain(..).chain(self.delegations.audit.drain(..)).collect();
        for e in entries {
            if let Err(err) = crate::store::journal::append(&self.data_dir, &e) {
                self.message = Some(err.to_string());
            }
        }
        if std::mem::take(&mut self.people.want_log) {
            match crate::store::journal::read(&self.data_dir) {
                Ok(mut v) => {
                    v.reverse();
                    self.people.log = Some(v);
                }
                Err(e) => self.message = Some(e.to_string()),
            }
        }
        if let Some(request) = self.people.purge.take() {
            self.purge(&request, t);
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
                    self.dirty.record(Collection::People, id.as_str());
                    puts.push(Command::put(crate::command::Record::Person(purged)));
                }
            }
        }
        let count = puts.len();
        if count > 0 {
            if let Err(e) = Command::Batch(puts).apply(Arc::make_mut(&mut self.model)) {
                self.message = Some(e.to_string());
                return;
            }
            self.history = History::default();
            self.changed();
        }
        if let Err(e) = self.save_blocking() {
            self.message = Some(e);
            return;
        }
        let ids: Vec<&str> = request.people.iter().map(|p| p.as_str()).collect();
        let entry = Entry::now(
            crate::store::journal::Action::Purge,
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
                saved.and_then(|()| ws.finish_purge(&self.model, &entry)).map_err(|e| e.to_string())
            }
            Err(_) => Err("the save thread panicked earlier".to_owned()),
        };
        match result {
            Ok(()) => {
                self.retention_years = request.years;
                self.print_message = Some(format!("{}: {count}", t.retention_done));
            }
            Err(e) => self.message = Some(e),
        }
    }

    /// Tells the user which files a save had to write again because they were deleted.
    fn note_recreated(&mut self, recreated: &[crate::store::DataFile]) {
        if !recreated.is_empty() {
            let names: Vec<String> = recreated.iter().map(|f| f.relative_path().display().to_string()).collect();
            self.save_notice = Some(names.join(", "));
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
                    self.save_error = Some(e);
                }
                Err(_) => self.dirty.merge(running.changes),
            }
        }
        if self.version == self.saved_version || !self.writable() {
            return self.save_error.clone().map_or(Ok(()), Err);
        }
        let changes = std::mem::take(&mut self.dirty);
        let result = match self.workspace.lock() {
            Ok(mut ws) => {
                let result = ws.save_changes(&self.model, &changes).map(|r| r.recreated).map_err(|e| e.to_string());
                ws.refresh_cache(&self.model);
                result
            }
            Err(_) => Err("the save thread panicked earlier".to_owned()),
        };
        match result {
            Ok(recreated) => {
                self.saved_version = self.version;
                self.save_error = None;
                self.note_recreated(&recreated);
                Ok(())
            }
            Err(e) => {
                self.dirty.merge(changes);
                self.save_error = Some(e.clone());
                Err(e)
            }
        }
    }

    /// Keeps the findings in step with the model. A small folder is checked at once, so the
    /// findings never trail an edit; a large one (checks take over 100 ms at 8,000
    /// delegations) on a named thread, so typing never waits for them. Findings of an older
    /// version are shown until the new ones arrive.
    fn refresh_findings(&mut self, ctx: &egui::Context) {
        if let Some(rx) = &self.checking {
            match rx.try_recv() {
                Ok((version, findings)) => {
                    self.findings = findings;
                    self.findings_version = Some(version);
                    self.checking = None;
                }
                Err(mpsc::TryRecvError::Empty) => return,
                Err(mpsc::TryRecvError::Disconnected) => self.checking = None,
            }
        }
        if self.findings_version == Some(self.version) {
            return;
        }
        let m = &self.model;
        let size = m.cities.len() + m.people.len() + m.events.len() + m.delegations.len();
        if size < BACKGROUND_CHECKS_FROM {
            self.findings = run_checks(&self.model, self.today);
            self.findings_version = Some(self.version);
            return;
        }
        let (tx, rx) = mpsc::channel();
        let model = Arc::clone(&self.model);
        let (version, today, ctx) = (self.version, self.today, ctx.clone());
        let spawned = std::thread::Builder::new().name("pobratim-checks".into()).spawn(move || {
            // The receiver is gone only if the app closed.
            let _ = tx.send((version, run_checks(&model, today)));
            ctx.request_repaint();
        });
        match spawned {
            Ok(_) => self.checking = Some(rx),
            Err(_) => {
                self.findings = run_checks(&self.model, self.today);
                self.findings_version = Some(self.version);
            }
        }
    }

    /// Makes the PDF on a named thread, saves it under `prints/` and opens it when done.
    pub fn start_print(&mut self, request: PrintRequest, ctx: &egui::Context) {
        if request.job.shows_passports() {
            let entry = Entry::now(
                crate::store::journal::Action::PrintPassports,
                request.job.delegation().map(|d| d.to_string()).unwrap_or_default(),
                request.file_name(),
            );
            if let Err(e) = crate::store::journal::append(&self.data_dir, &entry) {
                self.message = Some(e.to_string());
            }
        }
        if self.printing.is_some() {
            return;
        }
        let (tx, rx) = mpsc::channel();
        let model = Arc::clone(&self.model);
        let path = request
            .output
            .clone()
            .unwrap_or_else(|| crate::store::prints_dir(&self.data_dir).join(request.file_name()));
        let ctx = ctx.clone();
        let spawned = std::thread::Builder::new().name("pobratim-print".into()).spawn(move || {
            let result = request
                .render(&model)
                .and_then(|pdf| crate::store::write_export(&path, &pdf).map_err(|e| e.to_string()))
                .map(|()| path);
            // The receiver is gone only if the app closed.
            let _ = tx.send(result);
            ctx.request_repaint();
        });
        match spawned {
            Ok(_) => {
                self.printing = Some(rx);
                self.print_message = None;
            }
            Err(e) => self.print_message = Some(e.to_string()),
        }
    }

    /// Whether a PDF is being made.
    pub fn is_printing(&self) -> bool {
        self.printing.is_some()
    }

    /// The last print's outcome, for the top bar and tests.
    pub fn print_message(&self) -> Option<&str> {
        self.print_message.as_deref()
    }

    fn poll_print(&mut self, t: &Texts) {
        let Some(rx) = &self.printing else { return };
        let outcome = match rx.try_recv() {
            Ok(r) => r,
            Err(mpsc::TryRecvError::Empty) => return,
            Err(mpsc::TryRecvError::Disconnected) => Err("the print thread stopped".to_owned()),
        };
        self.printing = None;
        self.print_message = Some(match outcome {
            Ok(path) => match self.dialogs.show(&path) {
                Ok(()) => format!("{}: {}", t.printed, path.display()),
                Err(e) => format!("{}: {} ({e})", t.printed, path.display()),
            },
            Err(e) => e,
        });
    }

    fn take_over_lock(&mut self) {
        let result = self
            .workspace
            .lock()
            .map_err(|_| "poisoned".to_owned())
            .and_then(|mut ws| ws.take_over_lock().map_err(|e| e.to_string()));
        if let Err(e) = result {
            self.message = Some(e);
        }
        self.refresh_read_only();
    }

    /// Opens a record: switches panel and selects it (used by search and findings).
    fn open_subject(&mut self, subject: &RecordId) {
        match subject {
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

    fn shortcuts(&mut self, ctx: &egui::Context) {
        let pressed = |ctx: &egui::Context, m: Modifiers, k: Key| {
            ctx.input_mut(|i| i.consume_shortcut(&KeyboardShortcut::new(m, k)))
        };
        let cmd_shift = Modifiers::COMMAND | Modifiers::SHIFT;
        if pressed(ctx, cmd_shift, Key::Z) || pressed(ctx, Modifiers::COMMAND, Key::Y) {
            self.redo();
        } else if pressed(ctx, Modifiers::COMMAND, Key::Z) {
            self.undo();
        }
        if pressed(ctx, Modifiers::COMMAND, Key::S) {
            self.dirty_since = None;
            self.start_save(ctx);
        }
        if pressed(ctx, Modifiers::COMMAND, Key::F) {
            self.search.focus(ctx);
        }
    }

    fn top_bar(&mut self, ui: &mut egui::Ui, t: &Texts) {
        ui.horizontal(|ui| {
            if ui.add_enabled(self.history.can_undo(), egui::Button::new(t.undo)).on_hover_text("Ctrl+Z").clicked() {
                self.undo();
            }
            if ui
                .add_enabled(self.history.can_redo(), egui::Button::new(t.redo))
                .on_hover_text("Ctrl+Shift+Z, Ctrl+Y")
                .clicked()
            {
                self.redo();
            }
            ui.separator();
            match self.save_state() {
                SaveState::Saved => ui.colored_label(theme::OK, format!("● {}", t.saved)),
                SaveState::Unsaved => ui.colored_label(theme::WARNING, format!("● {}", t.unsaved)),
                SaveState::Saving => ui.label(t.saving),
                SaveState::Failed(e) => {
                    // Still unsaved: the changes wait in memory for the retry.
                    ui.colored_label(theme::ERROR, format!("× {} — {}", t.unsaved, t.save_error)).on_hover_text(e)
                }
            };
            ui.separator();
            ui.label(format!("{}: {}", t.data_folder, self.dir_label));
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui.selectable_label(self.lang == Lang::En, "English").clicked() {
                    self.lang = Lang::En;
                }
                if ui.selectable_label(self.lang == Lang::Ru, "Русский").clicked() {
                    self.lang = Lang::Ru;
                }
                ui.label(format!("{}:", t.language));
            });
        });
        if let SaveState::Failed(e) = self.save_state() {
            ui.colored_label(theme::ERROR, format!("{e} — {}", t.save_error_kept));
        }
        if let Some(files) = self.save_notice.clone() {
            ui.horizontal(|ui| {
                ui.colored_label(theme::WARNING, format!("{}: {files}", t.file_recreated));
                if ui.small_button("×").on_hover_text(t.close).clicked() {
                    self.save_notice = None;
                }
            });
        }
        if self.printing.is_some() {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(t.printing);
            });
        } else if let Some(m) = self.print_message.clone() {
            ui.horizontal(|ui| {
                ui.label(m);
                if ui.small_button("×").on_hover_text(t.close).clicked() {
                    self.print_message = None;
                }
            });
        }
        if let Some(m) = self.message.clone() {
            ui.horizontal(|ui| {
                ui.colored_label(theme::ERROR, format!("{}: {m}", t.command_failed));
                if ui.small_button("×").on_hover_text(t.close).clicked() {
                    self.message = None;
                }
            });
        }
    }

    fn banner(&mut self, ui: &mut egui::Ui, t: &Texts) {
        let reasons: Vec<ReadOnlyReason> =
            self.read_only.iter().filter(|r| !matches!(r, ReadOnlyReason::Requested)).cloned().collect();
        if reasons.is_empty() {
            return;
        }
        egui::Frame::new().fill(theme::BANNER_BG).inner_margin(6.0).show(ui, |ui| {
            for r in &reasons {
                ui.horizontal_wrapped(|ui| match r {
                    ReadOnlyReason::Locked(holder) => {
                        let who = holder.as_ref().map_or_else(|| "?".to_owned(), |h| h.describe());
                        ui.colored_label(egui::Color32::WHITE, format!("{}: {} — {who}", t.read_only, t.locked_by));
                        if holder.as_ref().is_some_and(|h| h.looks_stale()) {
                            ui.colored_label(egui::Color32::WHITE, format!("({})", t.stale_lock));
                        }
                        if ui.button(t.take_over).clicked() {
                            self.take_over_lock();
                        }
                    }
                    ReadOnlyReason::LoadFailed(errors) => {
                        ui.colored_label(egui::Color32::WHITE, format!("{}: {}", t.read_only, t.load_failed));
                        for e in errors {
                            ui.colored_label(egui::Color32::WHITE, e.to_string());
                        }
                    }
                    ReadOnlyReason::Requested => {}
                });
            }
        });
    }

    fn status_line(&mut self, ui: &mut egui::Ui, t: &Texts) {
        let count = |s| self.findings.iter().filter(|f| f.severity == s).count();
        let text = format!(
            "{}: {} · {}: {} · {}: {}",
            t.errors,
            count(Severity::Error),
            t.warnings,
            count(Severity::Warning),
            t.infos,
            count(Severity::Info)
        );
        ui.horizontal(|ui| {
            if ui.button(text).on_hover_text(t.findings).clicked() {
                self.show_findings = !self.show_findings;
            }
            let m = &self.model;
            ui.label(format!("{}: {} · {}: {}", t.cities_count, m.cities.len(), t.people_count, m.people.len()));
        });
    }

    fn findings_window(&mut self, ctx: &egui::Context, t: &Texts) {
        if !self.show_findings {
            return;
        }
        let mut open = true;
        let mut jump = None;
        egui::Window::new(t.findings).open(&mut open).default_size([640.0, 360.0]).show(ctx, |ui| {
            egui::ScrollArea::vertical().id_salt("findings").show(ui, |ui| {
                for (i, f) in self.findings.iter().enumerate() {
                    let colour = theme::severity(f.severity);
                    ui.push_id(i, |ui| {
                        ui.horizontal_wrapped(|ui| {
                            ui.colored_label(colour, "●");
                            let (kind, id) = subject_label(t, &f.subject);
                            if ui.link(format!("{kind} {id}")).clicked() {
                                jump = Some(f.subject.clone());
                            }
                            ui.label(f.message(self.lang));
                        });
                    });
                }
            });
        });
        if let Some(s) = jump {
            self.open_subject(&s);
        }
        self.show_findings = open;
    }

    fn nav_ui(&mut self, ui: &mut egui::Ui, t: &Texts) {
        ui.add_space(4.0);
        ui.heading(fonts::bold(t.app_name));
        ui.add_space(6.0);
        if let Some(subject) = self.search.ui(ui, &self.model, t) {
            self.open_subject(&subject);
        }
        ui.separator();
        for (nav, label) in [
            (Nav::Cities, t.nav_cities),
            (Nav::Calendar, t.nav_calendar),
            (Nav::Delegations, t.nav_delegations),
            (Nav::People, t.nav_people),
            (Nav::Tourism, t.nav_tourism),
        ] {
            let button =
                egui::Button::selectable(self.nav == nav, label).min_size(egui::vec2(theme::NAV_WIDTH - 16.0, 28.0));
            if ui.add(button).clicked() {
                self.nav = nav;
            }
        }
    }
}

fn subject_label(t: &Texts, s: &RecordId) -> (&'static str, String) {
    match s {
        RecordId::City(id) => (t.kind_city, id.to_string()),
        RecordId::Person(id) => (t.kind_person, id.to_string()),
        RecordId::Event(id) => (t.kind_event, id.to_string()),
        RecordId::Delegation(id) => (t.kind_delegation, id.to_string()),
        RecordId::Figures(year) => (t.nav_tourism, year.to_string()),
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        if !self.started {
            // Fonts take effect from the next frame; draw nothing until then, so no CJK
            // name is ever laid out with a font that lacks it.
            fonts::install(&ctx);
            if !self.lang_chosen
                && let Some(lang) = ctx.data_mut(|d| d.get_persisted::<Lang>(egui::Id::unique("pobratim-lang")))
            {
                self.lang = lang;
            }
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(self.title()));
            self.started = true;
            ctx.request_repaint();
            return;
        }
        self.poll_save();
        self.shortcuts(&ctx);
        self.refresh_findings(&ctx);
        let lang_before = self.lang;
        let t = i18n::texts(self.lang);
        self.poll_print(t);

        egui::Panel::top("top-bar").show(ui, |ui| {
            self.top_bar(ui, t);
            self.banner(ui, t);
        });
        egui::Panel::bottom("status-line").show(ui, |ui| self.status_line(ui, t));
        egui::Panel::left("navigation").exact_size(theme::NAV_WIDTH).resizable(false).show(ui, |ui| self.nav_ui(ui, t));

        let mut commands = Vec::new();
        let view = View {
            model: &self.model,
            t,
            lang: self.lang,
            read_only: !self.writable(),
            today: self.today,
            findings: &self.findings,
            version: self.version,
            findings_version: self.findings_version.unwrap_or(0),
            retention_years: self.retention_years,
        };
        egui::CentralPanel::default().show(ui, |ui| match self.nav {
            Nav::Cities => self.cities.ui(ui, &view, &mut commands),
            Nav::People => self.people.ui(ui, &view, &mut commands),
            Nav::Calendar => self.calendar.ui(ui, &view, self.dialogs.as_ref(), &mut commands),
            Nav::Delegations => self.delegations.ui(ui, &view, self.dialogs.as_ref(), &mut commands),
            Nav::Tourism => self.tourism.ui(ui, &view, self.dialogs.as_ref(), &mut commands),
        });
        self.findings_window(&ctx, t);
        if let Some(request) = self.delegations.print.take().or_else(|| self.calendar.print.take()) {
            self.start_print(request, &ctx);
        }
        self.personal_data_requests(t);

        for command in commands {
            if self.writable() {
                self.apply(command);
            }
        }
        if self.lang != lang_before {
            ctx.data_mut(|d| d.insert_persisted(egui::Id::unique("pobratim-lang"), self.lang));
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(self.title()));
        }
        if let Some(since) = self.dirty_since {
            let elapsed = since.elapsed();
            if elapsed >= AUTOSAVE_DELAY {
                self.start_save(&ctx);
            } else {
                ctx.request_repaint_after(AUTOSAVE_DELAY - elapsed);
            }
        }
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        if let Err(e) = self.save_blocking() {
            eprintln!("pobratim: could not save on exit: {e}");
        }
    }
}
