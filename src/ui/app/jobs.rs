//! Work the shell runs off the UI thread: prints (one at a time, the rest queued), exports
//! and imports (after the file dialog's answer), the checks of a large folder, and the
//! warm-up of a folder opened from text. Each runs on a named thread and reports over a
//! channel; the shell polls every frame and says how it ended.

use super::App;
use crate::model::{Finding, Model, run_checks};
use crate::print::Job;
use crate::store::journal::{self, Entry};
use crate::store::{DataFile, Workspace};
use crate::ui::action::{Export, Import, Imported};
use crate::ui::dialogs::{FileKind, FileQuestion};
use eframe::egui;
use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};

/// A question to the file dialog and what follows its answer.
pub(super) enum Asked {
    Export(Export),
    Import(Import),
    /// The data folder to work in.
    Folder,
    /// The folder to write a copy for the road into («Взять с собой»).
    RoadFolder,
    /// A copy back from the road («Вернуть из поездки»).
    RoadCopy,
}

/// How a job on a thread ended.
pub(super) enum Done {
    /// A file was written; the personal-data log entry it needs, and whether to open it.
    Written { path: PathBuf, log: Option<Entry>, open: bool },
    /// A file was read and parsed, for the panel's preview.
    Read(Box<Imported>),
}

/// The shell's background work.
#[derive(Default)]
pub(super) struct Jobs {
    /// Prints waiting for the running one.
    pub(super) queue: VecDeque<Job>,
    /// The print being made.
    pub(super) printing: Option<Receiver<Result<Done, String>>>,
    /// Exports and imports under way.
    pub(super) running: Vec<Receiver<Result<Done, String>>>,
    /// The question the file dialog is answering.
    pub(super) asked: Option<Asked>,
    /// The checks of a large folder.
    pub(super) checking: Option<Receiver<(u64, Vec<Finding>)>>,
}

impl Jobs {
    /// Whether anything is under way or waiting.
    pub(super) fn is_busy(&self) -> bool {
        self.is_printing() || !self.running.is_empty() || self.asked.is_some()
    }

    /// Whether a print is being made or waits.
    pub(super) fn is_printing(&self) -> bool {
        self.printing.is_some() || !self.queue.is_empty()
    }
}

/// Serializes the files parsed from RON (first open, or edited by hand) once in the
/// background, so the next save copies their records' text and the next open reads the
/// binary cache. One file per lock, so a save never waits long.
pub(super) fn warm(workspace: &Arc<Mutex<Workspace>>, model: &Arc<Model>, cold: Vec<DataFile>) {
    if cold.is_empty() {
        return;
    }
    let (ws, loaded) = (Arc::clone(workspace), Arc::clone(model));
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

/// Runs `work` on a named thread; its result comes back over the returned channel. A thread
/// that cannot start is said in `lang`, with the system's reason.
pub(super) fn spawn<T: Send + 'static>(
    name: &str,
    ctx: &egui::Context,
    lang: crate::model::Lang,
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<Receiver<T>, String> {
    let (tx, rx) = mpsc::channel();
    let ctx = ctx.clone();
    std::thread::Builder::new()
        .name(name.into())
        .spawn(move || {
            // The receiver is gone only if the app closed.
            let _ = tx.send(work());
            ctx.request_repaint();
        })
        .map(|_| rx)
        .map_err(|e| match lang {
            crate::model::Lang::Ru => format!("не удалось запустить фоновую задачу: {e}"),
            crate::model::Lang::En => format!("could not start a background job: {e}"),
        })
}

/// Polls one receiver: `Some` once it has answered (or its thread died).
pub(super) fn poll<T>(rx: &Receiver<Result<T, String>>, lang: crate::model::Lang) -> Option<Result<T, String>> {
    match rx.try_recv() {
        Ok(r) => Some(r),
        Err(mpsc::TryRecvError::Empty) => None,
        Err(mpsc::TryRecvError::Disconnected) => Some(Err(match lang {
            crate::model::Lang::Ru => "фоновая задача аварийно завершилась".to_owned(),
            crate::model::Lang::En => "the background job stopped".to_owned(),
        })),
    }
}

impl App {
    /// Queues a PDF; it is made on a named thread, saved under `prints/` and opened.
    pub(super) fn start_print(&mut self, job: Job, ctx: &egui::Context) {
        self.jobs.queue.push_back(job);
        self.next_print(ctx);
    }

    fn next_print(&mut self, ctx: &egui::Context) {
        if self.jobs.printing.is_some() {
            return;
        }
        let Some(job) = self.jobs.queue.pop_front() else { return };
        let model = Arc::clone(&self.model);
        let dir = crate::store::prints_dir(&self.data_dir);
        let lang = self.lang;
        let name = job.title_for_file(&self.model, lang);
        let started = spawn("pobratim-print", ctx, lang, move || {
            let pdf = job.render(&model).map_err(|e| e.message(lang))?;
            // An earlier print of the same document stays: this one gets « (2)», « (3)»…
            let path = crate::store::free_name(&dir, &name);
            crate::store::write_export(&path, &pdf).map_err(|e| e.message(lang))?;
            // Written to the log only once the PDF with the passports exists.
            let log = job.shows_passports().then(|| {
                let object = job.delegation().map(|d| d.to_string()).unwrap_or_default();
                let file = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                Entry::now(journal::Action::PrintPassports, object, file)
            });
            Ok(Done::Written { path, log, open: true })
        });
        match started {
            Ok(rx) => self.jobs.printing = Some(rx),
            Err(e) => self.toasts.error(e),
        }
    }

    /// Asks where to write `export`; the file is made once the user has answered.
    pub(super) fn ask_export(&mut self, export: Export, ctx: &egui::Context) {
        if self.jobs.asked.is_some() {
            return;
        }
        let question = FileQuestion {
            title: export.title.clone(),
            kind: FileKind::Save(export.file_name.clone()),
            extension: export.extension.to_owned(),
        };
        self.jobs.asked = Some(Asked::Export(export));
        self.dialogs.ask(question, ctx);
    }

    /// Asks which file to import; it is read and parsed once the user has answered.
    pub(super) fn ask_import(&mut self, import: Import, ctx: &egui::Context) {
        if self.jobs.asked.is_some() {
            return;
        }
        let question =
            FileQuestion { title: import.title.clone(), kind: FileKind::Open, extension: import.extension.to_owned() };
        self.jobs.asked = Some(Asked::Import(import));
        self.dialogs.ask(question, ctx);
    }

    /// Takes the file dialog's answer, and the results of finished jobs.
    pub(super) fn poll_jobs(&mut self, ctx: &egui::Context) {
        if self.jobs.asked.is_some()
            && let Some(answer) = self.dialogs.poll()
            && let Some(asked) = self.jobs.asked.take()
        {
            // A cancel says nothing.
            if let Some(path) = answer {
                self.run(asked, path, ctx);
            }
        }
        let lang = self.lang;
        if let Some(rx) = &self.jobs.printing
            && let Some(outcome) = poll(rx, lang)
        {
            self.jobs.printing = None;
            self.finished(outcome, true);
            self.next_print(ctx);
        }
        let mut finished = Vec::new();
        self.jobs.running.retain(|rx| match poll(rx, lang) {
            Some(outcome) => {
                finished.push(outcome);
                false
            }
            None => true,
        });
        for outcome in finished {
            self.finished(outcome, false);
        }
    }

    /// Starts the export or import the user has chosen a file for.
    fn run(&mut self, asked: Asked, path: PathBuf, ctx: &egui::Context) {
        match asked {
            // Not a job on a thread: the shell itself moves to the folder.
            Asked::Folder => return self.switch_folder(&path, ctx),
            Asked::RoadFolder => return self.road_folder_chosen(path),
            Asked::RoadCopy => return self.start_road_read(path, ctx),
            Asked::Export(_) | Asked::Import(_) => {}
        }
        let model = Arc::clone(&self.model);
        let (lang, now, today) = (self.lang, self.clock.now(), self.today);
        let home_zone = crate::clock::home_zone(&self.model);
        let started = match asked {
            Asked::Export(export) => spawn("pobratim-export", ctx, lang, move || {
                let bytes = export.what.make(&model, now, today, lang)?;
                crate::store::browse::write_chosen(&path, &bytes).map_err(|e| e.message(lang))?;
                let log = export.what.personal_data(&path);
                Ok(Done::Written { path, log, open: export.open_after })
            }),
            Asked::Import(import) => spawn("pobratim-import", ctx, lang, move || {
                let bytes = crate::store::read_import_bytes(&path).map_err(|e| e.message(lang))?;
                let parsed = import.what.parse(path, &bytes, &model, home_zone, lang)?;
                Ok(Done::Read(Box::new(parsed)))
            }),
            Asked::Folder | Asked::RoadFolder | Asked::RoadCopy => return,
        };
        match started {
            Ok(rx) => self.jobs.running.push(rx),
            Err(e) => self.toasts.error(e),
        }
    }

    /// Says how a job ended, writes its log entry, opens a PDF, hands a preview on.
    fn finished(&mut self, outcome: Result<Done, String>, printed: bool) {
        let t = crate::ui::i18n::texts(self.lang);
        match outcome {
            Ok(Done::Written { path, log, open }) => {
                if let Some(entry) = log
                    && let Err(e) = journal::append(&self.data_dir, &entry)
                {
                    self.toasts.error(e.message(self.lang));
                }
                let what = if printed { t.printed } else { t.exported_to };
                self.toasts.written(what, &path);
                // A PDF opens in the system's viewer, where the user prints it; if it cannot,
                // the toast still offers «Открыть папку».
                if open && let Err(e) = self.dialogs.show(&path) {
                    self.toasts.error(format!("{}: {e}", t.toast_cannot_open));
                }
            }
            Ok(Done::Read(imported)) => match *imported {
                imported @ Imported::Ics { .. } => self.calendar.imported(imported),
                imported @ Imported::Roster { .. } => self.delegations.imported(imported),
            },
            Err(e) => self.toasts.error(e),
        }
    }

    /// Keeps the findings in step with the model. A small folder is checked at once, so the
    /// findings never trail an edit; a large one (checks take over 100 ms at 8,000
    /// delegations) on a named thread, so typing never waits for them. Findings of an older
    /// version are shown until the new ones arrive.
    pub(super) fn refresh_findings(&mut self, ctx: &egui::Context) {
        if let Some(rx) = &self.jobs.checking {
            match rx.try_recv() {
                Ok((version, findings)) => {
                    self.findings = findings;
                    self.findings_version = Some(version);
                    self.jobs.checking = None;
                }
                Err(mpsc::TryRecvError::Empty) => return,
                Err(mpsc::TryRecvError::Disconnected) => self.jobs.checking = None,
            }
        }
        if self.findings_version == Some(self.version) {
            return;
        }
        let m = &self.model;
        let size = m.cities.len() + m.people.len() + m.events.len() + m.delegations.len();
        if size < super::BACKGROUND_CHECKS_FROM {
            self.findings = run_checks(&self.model, self.today);
            self.findings_version = Some(self.version);
            return;
        }
        let model = Arc::clone(&self.model);
        let (version, today) = (self.version, self.today);
        match spawn("pobratim-checks", ctx, self.lang, move || (version, run_checks(&model, today))) {
            Ok(rx) => self.jobs.checking = Some(rx),
            Err(_) => {
                self.findings = run_checks(&self.model, self.today);
                self.findings_version = Some(self.version);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::DelegationId;
    use crate::print::PrintLang;
    use std::time::{Duration, Instant};

    /// A print asked while another is being made waits for it and is then made too (it used
    /// to be dropped); a roster with passports is logged once its PDF is written.
    #[test]
    fn a_second_print_waits_for_the_first() {
        let dir = tempfile::tempdir().expect("tempdir");
        crate::store::sample::write_sample(dir.path()).expect("sample");
        let date = chrono::NaiveDate::from_ymd_opt(2016, 5, 1).expect("date");
        let mut app = App::open_at(dir.path(), date).expect("open");
        let ctx = egui::Context::default();
        let portland = DelegationId::new("del-2016-05-portland-school");
        app.start_print(Job::Roster { delegation: portland.clone(), show_passports: true }, &ctx);
        app.start_print(Job::Programme { delegation: portland.clone(), lang: PrintLang::RU }, &ctx);
        app.start_print(Job::Programme { delegation: portland.clone(), lang: PrintLang::RU }, &ctx);
        assert!(app.jobs.printing.is_some() && app.jobs.queue.len() == 2, "the others wait in the queue");
        let started = Instant::now();
        while app.is_printing() {
            assert!(started.elapsed() < Duration::from_secs(180), "printing never finished");
            std::thread::sleep(Duration::from_millis(20));
            app.poll_jobs(&ctx);
        }
        let prints = dir.path().join("prints");
        // Named after the visit; the programme printed again does not overwrite the first.
        let visit = "Школьная делегация г. Портленда (средняя школа им. Франклина) — 01.05.2016";
        let roster = format!("Состав — {visit}.pdf");
        for name in [roster.clone(), format!("Программа — {visit}.pdf"), format!("Программа — {visit} (2).pdf")]
        {
            assert!(std::fs::read(prints.join(&name)).expect(&name).starts_with(b"%PDF"), "{name}");
        }
        let log = journal::read(dir.path()).expect("log");
        let printed: Vec<_> = log.iter().filter(|e| e.action == journal::Action::PrintPassports).collect();
        assert_eq!(printed.len(), 1, "{log:?}");
        assert_eq!(printed[0].details, roster);
    }
}
