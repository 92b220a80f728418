//! The app shell: navigation, top bar, status line, keyboard, commands with undo/redo,
//! autosave off the UI thread, and the background jobs the panels ask for.
//!
//! Panels draw from a [`View`] and push [`Action`]s; the shell drains them after the UI pass
//! (`actions.rs`). That is the one place for undo, validation, the dirty flag, autosave,
//! file dialogs, prints, exports, imports and the personal-data log.
//!
//! - `chrome.rs`: the top bar, the read-only banner, the status line, the navigation and
//!   the keyboard shortcuts;
//! - `autosave.rs`: applying commands, undo and redo, and saving on a named thread;
//! - `jobs.rs`: prints (queued), exports and imports on named threads, the file dialog's
//!   answers, the checks and the warm-up of a cold folder;
//! - `findings.rs`: the findings window;
//! - `actions.rs`: what each [`Action`] does.

mod actions;
mod autosave;
mod chrome;
mod findings;
mod folder;
mod forms;
mod jobs;
mod road;
mod team;

pub use autosave::SaveState;

use super::action::Action;
use super::dialogs::{FileDialogs, SystemDialogs};
use super::i18n;
use super::toast::{self, Toasts};
use super::view::View;
use super::{
    calendar::CalendarPanel, cities::CitiesPanel, delegations::DelegationsPanel, fonts, overview::OverviewPanel,
    people::PeoplePanel, search::Search, tourism::TourismPanel,
};
use crate::clock::{self, Clock};
use crate::command::History;
use crate::model::{Finding, Lang, Model};
use crate::store::{Changes, OpenMode, ReadOnlyReason, Workspace};
use chrono::NaiveDate;
use eframe::egui;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Folders with at least this many records are checked off the UI thread.
pub const BACKGROUND_CHECKS_FROM: usize = 5_000;

/// Autosave comes this long after the last change (the issue asks for at most 2 s).
pub const AUTOSAVE_DELAY: Duration = Duration::from_millis(1500);

/// How long autosave still waits after a change made at `since`, or `None` when it is due.
/// The frame loop asks for a repaint after that wait, so a save starts without any input.
pub(crate) fn autosave_wait(since: Instant, now: Instant) -> Option<Duration> {
    AUTOSAVE_DELAY.checked_sub(now.saturating_duration_since(since)).filter(|d| !d.is_zero())
}

/// The persisted key of the day the reminder was hidden on.
const REMINDER_HIDDEN: &str = "pobratim-reminder-hidden";

/// The sections of the left navigation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Nav {
    /// What needs doing: the first screen.
    Overview,
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

/// The Pobratim desktop app on one data folder.
pub struct App {
    workspace: Arc<Mutex<Workspace>>,
    model: Arc<Model>,
    history: History,
    lang: Lang,
    lang_chosen: bool,
    nav: Nav,
    overview: OverviewPanel,
    cities: CitiesPanel,
    people: PeoplePanel,
    calendar: CalendarPanel,
    delegations: DelegationsPanel,
    tourism: TourismPanel,
    dialogs: Box<dyn FileDialogs>,
    search: Search,
    findings: Vec<Finding>,
    findings_version: Option<u64>,
    show_findings: bool,
    version: u64,
    saved_version: u64,
    dirty_since: Option<Instant>,
    /// Records changed since the last save started.
    dirty: Changes,
    running: Option<autosave::RunningSave>,
    save_error: Option<String>,
    /// The folder's retention period for personal data, in years.
    retention_years: u32,
    /// How saves, prints, exports and imports ended, and what failed, in the user's
    /// language: drawn over the window, never moving it.
    toasts: Toasts,
    read_only: Vec<ReadOnlyReason>,
    /// The lock this user's crashed process left, taken over at open (said in the top bar).
    recovered_lock: Option<String>,
    dir_label: String,
    data_dir: PathBuf,
    jobs: jobs::Jobs,
    folder_name: String,
    started: bool,
    clock: Clock,
    /// Today in the home city, refreshed every frame from `clock`.
    today: NaiveDate,
    /// The status line's reminder: the day it is for, the model version it was made from,
    /// and its text (empty when nothing falls due within a day).
    reminder: (NaiveDate, u64, Lang, String),
    /// The day the user hid the reminder on: it stays hidden until the next day.
    reminder_hidden: Option<NaiveDate>,
    /// Records a colleague's save changed, with the history's stamp at that moment: an undo
    /// entry older than that is refused.
    external: std::collections::HashMap<crate::model::RecordId, u64>,
    /// Conflicts stored in the folder, as last read.
    conflicts: Vec<crate::store::team::conflicts::Conflict>,
    /// Colleagues in the folder, and the conflicts window.
    team: team::Team,
    /// Forms open on existing records, with the record as each form opened on it.
    forms: forms::Forms,
    /// A retention purge under way: its save, then its clean-up on a worker.
    purge: Option<actions::PendingPurge>,
    /// A colleague saved: the next save starts at once, with or without edits of ours, to
    /// take their records (live refresh).
    pull: bool,
    /// Where «Открыть папку данных…» remembers the folder (`None`: nowhere, in tests).
    folder_file: Option<PathBuf>,
    /// The theme chosen in «Вид» (light unless chosen otherwise).
    theme: super::theme::ThemeChoice,
    /// The text size chosen in «Вид», in per cent.
    text_size: u32,
    /// The manual's window (F1, «Справка»).
    help: super::help::Help,
    /// The copy for the road: its window, a copy being written or read, a return's preview
    /// and a return waiting for its save.
    road: road::Road,
}

impl App {
    /// Builds the app on the data folder at `data_dir`, without a window: the GUI and the
    /// kittest tests both start here. Takes the folder's lock, or opens read-only.
    pub fn open(data_dir: &Path) -> anyhow::Result<App> {
        Self::open_with(data_dir, None)
    }

    /// Like [`App::open`], with the clock stopped at noon of `date` in the home city:
    /// tests that depend on today's date look at the sample data as if it were `date`.
    pub fn open_at(data_dir: &Path, date: NaiveDate) -> anyhow::Result<App> {
        Self::open_with(data_dir, Some(date))
    }

    /// Opens the folder with the system clock, or with the clock stopped on `fixed`.
    fn open_with(data_dir: &Path, fixed: Option<NaiveDate>) -> anyhow::Result<App> {
        let (mut workspace, model) = Workspace::open(data_dir, OpenMode::ReadWrite)?;
        let colleagues = if workspace.is_writable() { workspace.colleagues(Vec::new()) } else { Vec::new() };
        let read_only = workspace.read_only_reasons().to_vec();
        let recovered_lock = workspace.recovered_lock().map(crate::store::LockInfo::describe);
        let folder_name = data_dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let cold = if workspace.is_writable() { workspace.cold_files() } else { Vec::new() };
        let retention_years = workspace.settings().retention_years;
        let conflicts = workspace.conflicts();
        let workspace = Arc::new(Mutex::new(workspace));
        let model = Arc::new(model);
        jobs::warm(&workspace, &model, cold);
        let zone = clock::home_zone(&model);
        let clock = fixed.map_or(Clock::System, |date| Clock::fixed_on(date, zone));
        let today = clock::today(clock.now(), zone);
        Ok(App {
            workspace,
            model,
            history: History::default(),
            lang: Lang::Ru,
            lang_chosen: false,
            nav: Nav::Overview,
            overview: OverviewPanel::default(),
            cities: CitiesPanel::default(),
            people: PeoplePanel::default(),
            calendar: CalendarPanel::new(today),
            delegations: DelegationsPanel::default(),
            tourism: TourismPanel::default(),
            dialogs: Box::new(SystemDialogs::new(data_dir)),
            search: Search::default(),
            findings: Vec::new(),
            findings_version: None,
            show_findings: false,
            version: 0,
            saved_version: 0,
            dirty_since: None,
            dirty: Changes::default(),
            running: None,
            save_error: None,
            retention_years,
            toasts: Toasts::default(),
            read_only,
            recovered_lock,
            dir_label: data_dir.display().to_string(),
            data_dir: data_dir.to_path_buf(),
            jobs: jobs::Jobs::default(),
            folder_name,
            started: false,
            clock,
            today,
            reminder: (NaiveDate::MIN, u64::MAX, Lang::Ru, String::new()),
            reminder_hidden: None,
            external: std::collections::HashMap::new(),
            conflicts,
            team: team::Team { colleagues, ..team::Team::default() },
            pull: false,
            forms: forms::Forms::default(),
            purge: None,
            folder_file: None,
            road: road::Road::default(),
            theme: super::theme::ThemeChoice::default(),
            text_size: 100,
            help: super::help::Help::default(),
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

    /// Today, as the app sees it (the fixed date of [`App::open_at`], else the home city's).
    pub fn today(&self) -> NaiveDate {
        self.today
    }

    fn writable(&self) -> bool {
        self.read_only.is_empty()
    }

    /// Whether a print, export, import or file dialog is still under way. The in-app file
    /// dialog waiting for the user is not: nothing happens until they answer.
    pub fn is_busy(&self) -> bool {
        (self.jobs.is_busy() || self.road.is_busy() || self.dialogs.is_asking()) && !self.dialogs.waits_for_user()
    }

    /// Whether a PDF is being made or waits in the queue.
    pub fn is_printing(&self) -> bool {
        self.jobs.is_printing()
    }

    /// How the last print, export, import or save ended: the newest toast's line («PDF
    /// сохранён: path»), for tests and scripted use.
    pub fn print_message(&self) -> Option<String> {
        self.toasts.newest().map(toast::Toast::line)
    }

    /// The newest failure of a command or a job, in the user's language.
    pub fn error_message(&self) -> Option<String> {
        self.toasts.latest(toast::Kind::Error).map(toast::Toast::line)
    }

    /// The status line's reminder of what falls due within a day, unless hidden today.
    pub fn reminder(&self) -> Option<&str> {
        let (_, _, _, text) = &self.reminder;
        (!text.is_empty() && self.reminder_hidden != Some(self.today)).then_some(text.as_str())
    }

    /// The section on screen.
    pub fn nav(&self) -> Nav {
        self.nav
    }

    /// The manual's chapter shown in the help window, if it is open.
    pub fn help_shown(&self) -> Option<usize> {
        self.help.shown()
    }

    /// The toasts on screen, oldest first.
    pub fn toasts(&self) -> impl Iterator<Item = &toast::Toast> {
        self.toasts.iter()
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        super::theme::follow(&ctx);
        if !self.started {
            (self.theme, self.text_size) = super::theme::restore(&ctx);
            // Fonts take effect from the next frame; draw nothing until then, so no CJK
            // name is ever laid out with a font that lacks it.
            fonts::install(&ctx);
            if !self.lang_chosen
                && let Some(lang) = ctx.data_mut(|d| d.get_persisted::<Lang>(egui::Id::unique("pobratim-lang")))
            {
                self.lang = lang;
            }
            self.reminder_hidden = ctx.data_mut(|d| d.get_persisted::<NaiveDate>(egui::Id::unique(REMINDER_HIDDEN)));
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(self.title()));
            self.started = true;
            self.start_team_watch(&ctx);
            ctx.request_repaint();
            return;
        }
        let home_zone = clock::home_zone(&self.model);
        let now = self.clock.now();
        self.today = clock::today(now, home_zone);
        self.poll_save();
        self.poll_purge(&ctx);
        self.poll_road(&ctx);
        self.poll_team();
        if self.pull {
            // A colleague saved: take their records now (a save, with our edits if any).
            self.start_save(&ctx);
        }
        self.shortcuts(&ctx);
        self.refresh_findings(&ctx);
        let lang_before = self.lang;
        let t = i18n::texts(self.lang);
        self.poll_jobs(&ctx);

        egui::Panel::top("top-bar").show(ui, |ui| {
            self.top_bar(ui, t);
            self.banner(ui, t);
        });
        self.forms_changed_strip(ui, t);
        egui::Panel::bottom("status-line").show(ui, |ui| self.status_line(ui, t));
        let mut actions: Vec<Action> = Vec::new();
        egui::Panel::left("navigation")
            .exact_size(super::theme::NAV_WIDTH)
            .resizable(false)
            .show(ui, |ui| self.nav_ui(ui, t, &mut actions));

        let view = View {
            model: &self.model,
            t,
            lang: self.lang,
            read_only: !self.writable(),
            today: self.today,
            now,
            home_zone,
            findings: &self.findings,
            version: self.version,
            findings_version: self.findings_version.unwrap_or(0),
            retention_years: self.retention_years,
            open_elsewhere: &self.team.open_elsewhere,
        };
        egui::CentralPanel::default().show(ui, |ui| match self.nav {
            Nav::Overview => self.overview.ui(ui, &view, &mut actions),
            Nav::Cities => self.cities.ui(ui, &view, &mut actions),
            Nav::People => self.people.ui(ui, &view, &mut actions),
            Nav::Calendar => self.calendar.ui(ui, &view, &mut actions),
            Nav::Delegations => self.delegations.ui(ui, &view, &mut actions),
            Nav::Tourism => self.tourism.ui(ui, &view, &mut actions),
        });
        self.findings_window(&ctx, t, &mut actions);
        self.conflicts_window(&ctx, t);
        self.road_windows(&ctx, t);
        self.help.ui(&ctx, t, self.lang);
        self.dialogs.ui(&ctx, t, self.lang);
        for request in self.toasts.ui(&ctx, t) {
            self.open_from_toast(&request, t);
        }
        for action in actions {
            self.handle(action, &ctx, t);
        }
        self.track_forms();
        self.poll_jobs(&ctx);

        if self.lang != lang_before {
            ctx.data_mut(|d| d.insert_persisted(egui::Id::unique("pobratim-lang"), self.lang));
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(self.title()));
        }
        if let Some(since) = self.dirty_since {
            match autosave_wait(since, Instant::now()) {
                None => self.start_save(&ctx),
                Some(wait) => ctx.request_repaint_after(wait),
            }
        }
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        if let Err(e) = self.save_blocking() {
            eprintln!("pobratim: could not save on exit: {e}");
        }
        self.finish_purge_blocking();
        self.finish_road_blocking();
    }
}

#[cfg(test)]
mod tests {
    use super::{AUTOSAVE_DELAY, autosave_wait};
    use std::time::{Duration, Instant};

    #[test]
    fn autosave_waits_the_rest_of_the_delay_then_is_due() {
        let since = Instant::now();
        assert_eq!(autosave_wait(since, since), Some(AUTOSAVE_DELAY));
        assert_eq!(autosave_wait(since, since + Duration::from_millis(1000)), Some(Duration::from_millis(500)));
        assert_eq!(autosave_wait(since, since + AUTOSAVE_DELAY), None);
        assert_eq!(autosave_wait(since, since + Duration::from_secs(60)), None);
        // A clock that went backwards waits the whole delay, never panics.
        assert_eq!(autosave_wait(since + Duration::from_secs(1), since), Some(AUTOSAVE_DELAY));
    }
}
