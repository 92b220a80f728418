//! egui_kittest helpers shared by the GUI tests: the app on a copy of the sample folder,
//! clicking by label and waiting for the jobs a click starts, typing as a user does.
#![allow(dead_code)]

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use pobratim::App;
use pobratim::store::sample;
use pobratim::ui::dialogs::FileDialogs;
use std::path::Path;
use std::time::{Duration, Instant};

use eframe::egui;

/// A fresh copy of the bundled sample data.
pub fn sample_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    sample::write_sample(dir.path()).expect("sample");
    dir
}

/// A date, for the clock.
pub fn day(y: i32, m: u32, d: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

/// The app on `dir` with the clock stopped on `today`, at `size`, with these dialogs.
pub fn harness_with(
    dir: &Path,
    today: chrono::NaiveDate,
    size: [f32; 2],
    dialogs: Box<dyn FileDialogs>,
) -> Harness<'static, App> {
    let dir = dir.to_path_buf();
    let mut dialogs = Some(dialogs);
    // Nested grids shown for the first time take a few passes to size their columns.
    let mut h = Harness::builder().with_size(size).with_max_steps(16).build_eframe(move |_cc| {
        let app = App::open_at(&dir, today).expect("open app");
        match dialogs.take() {
            Some(d) => app.with_dialogs(d),
            None => app,
        }
    });
    h.run();
    h
}

/// Clicks the first widget labelled exactly `label`, then lets the job it started finish.
pub fn click(h: &mut Harness<'_, App>, label: &str) {
    h.query_all_by_label(label).next().unwrap_or_else(|| panic!("no widget labelled «{label}»")).click();
    h.run();
    wait_for_jobs(h);
}

/// Clicks the first widget whose label contains `part`.
pub fn click_containing(h: &mut Harness<'_, App>, part: &str) {
    h.query_all_by_label_contains(part).next().unwrap_or_else(|| panic!("no widget with «{part}»")).click();
    h.run();
    wait_for_jobs(h);
}

/// Steps the app until no print, export, import or file dialog is under way (at most 120 s).
pub fn wait_for_jobs(h: &mut Harness<'_, App>) {
    let start = Instant::now();
    while h.state().is_busy() && start.elapsed() < Duration::from_secs(120) {
        std::thread::sleep(Duration::from_millis(20));
        h.step();
    }
    h.run();
}

/// Like [`wait_for_jobs`], for a job that ends with a dialog still open (the in-app one
/// waits for the user): steps until `done` holds, at most 120 s.
pub fn step_until(h: &mut Harness<'_, App>, what: &str, done: impl Fn(&Harness<'_, App>) -> bool) {
    let start = Instant::now();
    while !done(h) {
        assert!(start.elapsed() < Duration::from_secs(120), "waited too long for {what}");
        std::thread::sleep(Duration::from_millis(20));
        h.step();
    }
    h.run();
}

/// Clicks into the text field labelled `label` and selects all of it.
pub fn select_field(h: &mut Harness<'_, App>, label: &str) {
    h.get_by_role_and_label(Role::TextInput, label).click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
}

/// Types `text` into the focused field one character per frame, as a person types: each
/// character is its own event and a frame is drawn between them, so a validation message
/// appearing or going away between two keys is drawn in between. (`type_text` sends the
/// whole string in one event and would hide a lost key.)
pub fn type_per_frame(h: &mut Harness<'_, App>, text: &str) {
    for c in text.chars() {
        h.event(egui::Event::Text(c.to_string()));
        h.step();
    }
    h.run();
}

/// The value of the text field labelled `label`.
pub fn field(h: &Harness<'_, App>, label: &str) -> String {
    h.get_by_role_and_label(Role::TextInput, label).value().unwrap_or_default()
}
