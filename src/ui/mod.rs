//! The desktop app. For now a plain window that shows the opened data folder; the shell
//! with panels, commands and undo arrives with the app issue.

use crate::model::{Model, Severity, run_checks};
use crate::store::{self, OpenMode, Workspace};
use eframe::egui;
use std::path::Path;
use std::process::ExitCode;

/// A window on one data folder: what loaded, what is wrong, and whether it is read-only.
pub struct PlainApp {
    workspace: Workspace,
    model: Model,
    errors: usize,
    warnings: usize,
}

impl PlainApp {
    /// Opens the folder for writing (taking its lock, or read-only if someone holds it).
    pub fn open(dir: &Path) -> anyhow::Result<Self> {
        let (workspace, model) = Workspace::open(dir, OpenMode::ReadWrite)?;
        let findings = run_checks(&model, chrono::Local::now().date_naive());
        let count = |s| findings.iter().filter(|f| f.severity == s).count();
        Ok(Self { errors: count(Severity::Error), warnings: count(Severity::Warning), workspace, model })
    }
}

impl eframe::App for PlainApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        egui::CentralPanel::default().show(ui, |ui| {
            ui.heading("Побратим");
            ui.label(format!("Папка данных: {}", self.workspace.dir().display()));
            for reason in self.workspace.read_only_reasons() {
                ui.colored_label(egui::Color32::from_rgb(0xB0, 0x30, 0x20), format!("Только чтение: {reason}"));
            }
            ui.separator();
            ui.label(format!("Городов: {}", self.model.cities.len()));
            ui.label(format!("Людей: {}", self.model.people.len()));
            ui.label(format!("Событий: {}", self.model.events.len()));
            ui.label(format!("Делегаций: {}", self.model.delegations.len()));
            ui.label(format!("Ошибок: {}, предупреждений: {}", self.errors, self.warnings));
        });
    }
}

/// Starts the GUI on `data` (or the default folder, seeded on first run).
pub fn run_gui(data: Option<&Path>) -> ExitCode {
    let dir = match store::resolve_data_dir(data) {
        Ok(dir) => dir,
        Err(e) => {
            eprintln!("pobratim: {e}");
            return ExitCode::FAILURE;
        }
    };
    let app = match PlainApp::open(&dir) {
        Ok(app) => app,
        Err(e) => {
            eprintln!("pobratim: {e:#}");
            return ExitCode::FAILURE;
        }
    };
    let folder = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_inner_size([1100.0, 720.0])
            .with_title(format!("Побратим — {folder}")),
        ..Default::default()
    };
    match eframe::run_native("pobratim", options, Box::new(|_cc| Ok(Box::new(app)))) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("pobratim: cannot open the window: {e}");
            ExitCode::FAILURE
        }
    }
}
