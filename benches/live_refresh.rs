//! Bench: how long a colleague's save takes to show in an open app (issue 23, live refresh).
//! Run with `cargo bench --bench live_refresh` (about a minute).
//!
//! The app runs headless (egui_kittest, the real `App` with its team thread polling the
//! revision every 2 s) on a local copy of the sample folder, or on the folder named by
//! `POBRATIM_BENCH_DATA` (copied first). In the same process a colleague's workspace edits
//! a city and saves; the clock starts when that save returns and stops at the first frame
//! whose model has the colleague's value. The pause before each save is varied so the save
//! falls at every point of the poll's period.

use egui_kittest::Harness;
use pobratim::command::{Command, Record};
use pobratim::model::{CityId, RecordId};
use pobratim::store::{self, OpenMode, Workspace};
use pobratim::ui::app::App;
use std::time::{Duration, Instant};

const TRIALS: usize = 20;

fn main() {
    let dir = tempfile::tempdir().expect("tempdir");
    let what = match std::env::var_os("POBRATIM_BENCH_DATA") {
        Some(src) => {
            copy_dir(std::path::Path::new(&src), dir.path());
            std::path::PathBuf::from(src).display().to_string()
        }
        None => {
            store::sample::write_sample(dir.path()).expect("sample");
            "the sample folder".to_owned()
        }
    };
    let path = dir.path().to_path_buf();
    let mut app: Harness<'static, App> =
        Harness::builder().with_size([1280.0, 800.0]).build_eframe(move |_cc| App::open(&path).expect("open app"));
    app.step();
    let (mut colleague, mut theirs) = Workspace::open(dir.path(), OpenMode::ReadWrite).expect("a colleague's app");
    let city = theirs.cities.iter().find(|c| c.status != pobratim::model::CityStatus::Home).expect("a city").id.clone();
    let mut delays = Vec::with_capacity(TRIALS);
    for n in 0..TRIALS {
        // Frames at 60 Hz for a while, so the save lands anywhere in the poll's 2 s.
        let pause = Duration::from_millis(150 + (n as u64 * 331) % 2000);
        let until = Instant::now() + pause;
        while Instant::now() < until {
            app.step();
            std::thread::sleep(Duration::from_millis(16));
        }
        let mark = format!("Правка коллеги № {n}");
        let t0 = edit_and_save(&mut colleague, &mut theirs, &city, &mark);
        let shown = loop {
            app.step();
            if app.state().model().city(&city).is_some_and(|c| c.notes == mark) {
                break t0.elapsed();
            }
            assert!(t0.elapsed() < Duration::from_secs(30), "the colleague's change never showed");
            std::thread::sleep(Duration::from_millis(16));
        };
        delays.push(shown);
    }
    delays.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!("live refresh on {what}, {TRIALS} saves by a colleague, 60 Hz frames:");
    println!(
        "  from the end of the colleague's save to the model shown: median {:.0} ms, best {:.0} ms, worst {:.0} ms",
        ms(delays[TRIALS / 2]),
        ms(delays[0]),
        ms(delays[TRIALS - 1])
    );
}

/// The colleague's edit of the city's notes, saved as the app's save thread does (the RON
/// files safe; the cache left for later); the instant the save returned.
fn edit_and_save(ws: &mut Workspace, model: &mut pobratim::model::Model, city: &CityId, mark: &str) -> Instant {
    let mut c = model.city(city).cloned().expect("city");
    c.notes = mark.to_owned();
    let mut changes = store::Changes::default();
    changes.note(model, &RecordId::City(city.clone()));
    Command::put(Record::City(c)).apply(model).expect("apply");
    let report = ws.save_changes(model, &changes).expect("the colleague saves");
    let saved = Instant::now();
    report.updates.apply_to(model);
    saved
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    for e in std::fs::read_dir(from).expect("read folder").flatten() {
        let target = to.join(e.file_name());
        if e.path().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
            copy_dir(&e.path(), &target);
        } else if !e.file_name().to_string_lossy().ends_with(".lock") {
            std::fs::copy(e.path(), &target).expect("copy");
        }
    }
}
