//! Bench: every budget of DESIGN.md §8 on the large synthetic folder (10 years, seed 1:
//! 300 cities, 20,000 events, 8,000 delegations, 60,000 people), with baselines so each
//! frame time reads as a ratio. Run with `cargo bench --bench budgets`.
//!
//! The folder is generated once into `target/bench-data-10y-1` (or the folder named by
//! `POBRATIM_BENCH_DATA`). Each measure has a warm-up, then many iterations; the table gives
//! the median, p95 and minimum. Frames are headless: `Context::run_ui` on a 1280×800 screen,
//! then `tessellate`, exactly what eframe does before handing meshes to the GPU.

use chrono::NaiveDate;
use eframe::egui;
use pobratim::command::{Command, Record};
use pobratim::model::{DelegationId, Lang, Model, run_checks};
use pobratim::report::charts::Chart;
use pobratim::store::{self, OpenMode, Workspace};
use pobratim::ui::calendar::{CalView, CalendarPanel};
use pobratim::ui::cities::CitiesPanel;
use pobratim::ui::delegations::{DelegationsPanel, Tab};
use pobratim::ui::overview::OverviewPanel;
use pobratim::ui::people::PeoplePanel;
use pobratim::ui::tourism::TourismPanel;
use pobratim::ui::view::View;
use pobratim::ui::{fonts, i18n};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

struct Row {
    name: String,
    median: Duration,
    p95: Duration,
    min: Duration,
    iterations: usize,
    budget: Option<Duration>,
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// Runs `f` `warmup` times unmeasured, then `iterations` times measured.
fn measure(name: &str, warmup: usize, iterations: usize, budget_ms: Option<f64>, mut f: impl FnMut()) -> Row {
    for _ in 0..warmup {
        f();
    }
    let times: Vec<Duration> = (0..iterations)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    Row::from_times(name, times, budget_ms)
}

impl Row {
    /// The row of these timings (at least one), sorted here.
    fn from_times(name: &str, mut times: Vec<Duration>, budget_ms: Option<f64>) -> Row {
        times.sort();
        Row {
            name: name.to_owned(),
            median: times[times.len() / 2],
            p95: times[(times.len() * 95 / 100).min(times.len() - 1)],
            min: times[0],
            iterations: times.len(),
            budget: budget_ms.map(|b| Duration::from_secs_f64(b / 1e3)),
        }
    }
}

/// Like [`measure`], for a closure that times its own part (what comes before it, such as
/// a colleague's save, is not counted). Printed at once.
fn report_part(name: &str, iterations: usize, budget_ms: Option<f64>, mut f: impl FnMut() -> Duration) -> Row {
    let times: Vec<Duration> = (0..iterations).map(|_| f()).collect();
    let row = Row::from_times(name, times, budget_ms);
    print_row(&row, None);
    row
}

/// [`measure`], printed at once.
fn report(name: &str, warmup: usize, iterations: usize, budget_ms: Option<f64>, f: impl FnMut()) -> Row {
    let row = measure(name, warmup, iterations, budget_ms, f);
    print_row(&row, None);
    row
}

fn print_row(r: &Row, baseline: Option<Duration>) {
    let verdict = match r.budget {
        Some(b) if r.median <= b => format!("≤ {:.0} ms ok", ms(b)),
        Some(b) => format!("> {:.0} ms OVER", ms(b)),
        None => String::new(),
    };
    let ratio =
        baseline.map_or_else(String::new, |b| format!("{:.1}× empty", r.median.as_secs_f64() / b.as_secs_f64()));
    println!(
        "{:<44} median {:>9.3} ms  p95 {:>9.3} ms  min {:>9.3} ms  n={:<4} {ratio:<12} {verdict}",
        r.name,
        ms(r.median),
        ms(r.p95),
        ms(r.min),
        r.iterations
    );
}

fn bench_folder() -> PathBuf {
    let dir = std::env::var_os("POBRATIM_BENCH_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target").join("bench-data-10y-1"));
    if !store::holds_data(&dir).expect("bench folder") {
        let t = Instant::now();
        let model = pobratim::synth::generate(10, 1);
        let (mut ws, _) = Workspace::open(&dir, OpenMode::ReadWrite).expect("open bench folder");
        ws.save(&model).expect("write bench folder");
        println!("generated {} in {:.1} s", dir.display(), t.elapsed().as_secs_f64());
    }
    // A folder of an older format is migrated, and files without a cache entry are warmed,
    // as the app does after opening: the load bench measures the usual open.
    let (mut ws, model) = Workspace::open(&dir, OpenMode::ReadWrite).expect("open bench folder");
    ws.save(&model).expect("migrate bench folder");
    for file in ws.cold_files() {
        ws.warm(&model, file);
    }
    dir
}

/// Copies a folder with its sub-folders; `skip` names entries left out.
fn copy_dir(from: &Path, to: &Path, skip: &[&str]) {
    std::fs::create_dir_all(to).expect("create");
    for entry in std::fs::read_dir(from).expect("read").flatten() {
        let name = entry.file_name();
        if skip.iter().any(|s| name == *s) {
            continue;
        }
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &to.join(&name), skip);
        } else {
            std::fs::copy(entry.path(), to.join(&name)).expect("copy");
        }
    }
}

fn folder_size(dir: &Path) -> u64 {
    // Sub-folders count too (delegations/, .cache/).
    let Ok(entries) = std::fs::read_dir(dir) else { return 0 };
    entries
        .flatten()
        .map(|e| match e.metadata() {
            Ok(m) if m.is_dir() => folder_size(&e.path()),
            Ok(m) => m.len(),
            Err(_) => 0,
        })
        .sum()
}

/// Peak resident memory of `pobratim check` on the folder, from /proc (Linux only).
fn peak_rss_of_check(dir: &Path) -> Option<u64> {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_pobratim"))
        .args(["check", "--data"])
        .arg(dir)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .ok()?;
    let status = format!("/proc/{}/status", child.id());
    let mut peak = None;
    loop {
        if let Ok(text) = std::fs::read_to_string(&status)
            && let Some(line) = text.lines().find(|l| l.starts_with("VmHWM:"))
            && let Some(kb) = line.split_whitespace().nth(1).and_then(|v| v.parse::<u64>().ok())
        {
            peak = Some(kb);
        }
        if child.try_wait().ok().flatten().is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    peak.map(|kb| kb * 1024)
}

struct Frames {
    ctx: egui::Context,
    input: egui::RawInput,
}

impl Frames {
    fn new() -> Self {
        let ctx = egui::Context::default();
        fonts::install(&ctx);
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1280.0, 800.0))),
            ..Default::default()
        };
        let mut f = Frames { ctx, input };
        f.frame(|_| {});
        f
    }

    /// One frame: the UI pass, then tessellation.
    fn frame(&mut self, mut draw: impl FnMut(&mut egui::Ui)) -> usize {
        let out = self.ctx.run_ui(self.input.clone(), |root| {
            egui::CentralPanel::default().show(root, |ui| draw(ui));
        });
        let meshes = self.ctx.tessellate(out.shapes, out.pixels_per_point);
        meshes.len()
    }
}

fn main() {
    let dir = bench_folder();
    println!("folder {} ({:.1} MB)", dir.display(), folder_size(&dir) as f64 / 1e6);
    let today = NaiveDate::from_ymd_opt(2026, 11, 27).expect("date");
    let mut rows = Vec::new();

    println!("\n— data —");
    rows.push(report("load + validate (open, all checks)", 1, 5, Some(300.0), || {
        let (_, model) = Workspace::open(&dir, OpenMode::ReadOnly).expect("open");
        std::hint::black_box(run_checks(&model, today));
    }));
    let (ws, model) = Workspace::open(&dir, OpenMode::ReadOnly).expect("open");
    let from_cache = ws.loaded_files().iter().filter(|(_, cached)| *cached).count();
    println!("  ({from_cache} of {} files from the cache)", ws.loaded_files().len());
    rows.push(report("load only", 1, 5, None, || {
        std::hint::black_box(Workspace::open(&dir, OpenMode::ReadOnly).expect("open"));
    }));
    let cold = tempfile::tempdir().expect("tempdir");
    copy_dir(&dir, cold.path(), &[store::CACHE_DIR, store::LOCK_FILE]);
    rows.push(report("load + validate, no cache (first open)", 1, 3, None, || {
        let (_, model) = Workspace::open(cold.path(), OpenMode::ReadOnly).expect("open");
        std::hint::black_box(run_checks(&model, today));
    }));
    drop(cold);
    rows.push(report("all checks", 1, 10, None, || {
        std::hint::black_box(run_checks(&model, today));
    }));
    {
        use pobratim::model::checks::*;
        type Check = fn(&pobratim::model::Model, &mut Vec<pobratim::model::Finding>);
        let each: [(&str, Check); 13] = [
            ("duplicate ids", check_duplicate_ids),
            ("references", check_references),
            ("end before start", check_end_before_start),
            ("recurrence", check_recurrence),
            ("double booking", check_double_booking),
            ("programme clashes", check_programme_clashes),
            ("venue clashes", check_venue_clashes),
            ("passports", check_passports),
            ("visas", check_visas),
            ("minor consent", check_minor_consent),
            ("programme days", check_programme_days),
            ("repeated gifts", check_repeated_gifts),
            ("figures", check_figures),
        ];
        for (name, check) in each {
            report(&format!("  check: {name}"), 1, 5, None, || {
                let mut out = Vec::new();
                check(&model, &mut out);
                std::hint::black_box(out);
            });
        }
    }
    let work = tempfile::tempdir().expect("tempdir");
    copy_dir(&dir, work.path(), &[store::LOCK_FILE]);
    let (mut ws, mut edited) = Workspace::open(work.path(), OpenMode::ReadWrite).expect("open copy");
    let id = edited.delegations[100].id.clone();
    let mut n = 0;
    // One edit as a command, with the key the app would note for it.
    let edit = |model: &Model, which: &str, n: usize| -> (Command, store::Collection, String) {
        let mark = format!("Правка № {n}");
        match which {
            "delegation" => {
                let mut d = model.delegation(&id).cloned().expect("delegation");
                d.title = pobratim::model::Text::ru(mark);
                let key = d.id.to_string();
                (Command::put(Record::Delegation(d)), store::Collection::Delegations, key)
            }
            "person" => {
                let mut p = model.people[30_000 + n % 2].clone();
                p.organisation = mark;
                let key = p.id.to_string();
                (Command::put(Record::Person(p.into_inner())), store::Collection::People, key)
            }
            "event" => {
                let mut e = model.events[10_000].clone();
                e.title = pobratim::model::Text::ru(mark);
                let key = e.id.to_string();
                (Command::put(Record::Event(e.into_inner())), store::Collection::Events, key)
            }
            _ => {
                let mut c = model.cities[5].clone();
                c.notes = mark;
                let key = c.id.to_string();
                (Command::put(Record::City(c.into_inner())), store::Collection::Cities, key)
            }
        }
    };
    // What the app's save thread does after one edit: the file holding the record, with
    // only that record serialized, timed to the RON file synced and renamed. Then, on the
    // same thread after replying, the cache refresh of what it wrote.
    for (which, label, refresh) in [
        ("delegation", "save after one edit to a delegation (one year)", false),
        ("person", "save after one edit to a person (one of 16 people files)", false),
        ("event", "save after one edit to an event (events.ron)", false),
        ("city", "save after one edit to a city (cities.ron)", false),
        ("person", "  then: save + cache refresh, one person", true),
        ("delegation", "  then: save + cache refresh, one delegation", true),
    ] {
        ws.refresh_cache(&edited);
        rows.push(report(label, 2, 20, (!refresh).then_some(50.0), || {
            n += 1;
            let (command, collection, key) = edit(&edited, which, n);
            let mut changes = store::Changes::default();
            changes.record(collection, &key);
            command.apply(&mut edited).expect("apply");
            ws.save_changes(&edited, &changes).expect("save");
            if refresh {
                ws.refresh_cache(&edited);
            }
        }));
    }
    rows.push(report("save of everything (CLI import), for scale", 1, 3, None, || {
        n += 1;
        let mut c = edited.cities[6].clone();
        c.notes = format!("Правка № {n}");
        Command::put(Record::City(c.into_inner())).apply(&mut edited).expect("apply");
        ws.save(&edited).expect("save");
    }));
    // Two apps on one folder: a colleague saved first, so this save takes the save lock,
    // re-reads the file the journal names (only the records that differ are parsed),
    // merges, writes and releases. Timed: this save only.
    let (mut other, mut theirs) = Workspace::open(work.path(), OpenMode::ReadWrite).expect("a colleague's app");
    ws.save(&edited).expect("in step");
    theirs.clone_from(&edited);
    other.save(&theirs).expect("in step");
    for (which, label) in [
        ("person", "merging save after a colleague's: another person each (people files)"),
        ("delegation", "merging save after a colleague's: theirs a visit, ours a city"),
        ("city", "merging save after a colleague's: one city both (a conflict stored)"),
    ] {
        rows.push(report_part(label, 8, Some(1000.0), || {
            n += 1;
            let (command, collection, key) = edit(&theirs, which, n);
            let mut changes = store::Changes::default();
            changes.record(collection, &key);
            command.apply(&mut theirs).expect("apply");
            other.save_changes(&theirs, &changes).expect("the colleague saves");
            n += 1;
            let (command, collection, key) = edit(&edited, if which == "person" { "person" } else { "city" }, n);
            let mut changes = store::Changes::default();
            changes.record(collection, &key);
            command.apply(&mut edited).expect("apply");
            let t = Instant::now();
            let report = ws.save_changes(&edited, &changes).expect("merging save");
            let took = t.elapsed();
            report.updates.apply_to(&mut edited);
            took
        }));
    }
    // The same on the sample folder (a department's real size today).
    let sample_dir = tempfile::tempdir().expect("tempdir");
    store::sample::write_sample(sample_dir.path()).expect("sample");
    let (mut mine_ws, mut mine) = Workspace::open(sample_dir.path(), OpenMode::ReadWrite).expect("sample app");
    let (mut their_ws, mut their) = Workspace::open(sample_dir.path(), OpenMode::ReadWrite).expect("a colleague's");
    rows.push(report_part("merging save after a colleague's, sample folder", 8, Some(50.0), || {
        n += 1;
        let mut c = their.cities[1].clone();
        c.notes = format!("Правка коллеги № {n}");
        let mut changes = store::Changes::default();
        changes.record(store::Collection::Cities, c.id.as_str());
        Command::put(Record::City(c.into_inner())).apply(&mut their).expect("apply");
        their_ws.save_changes(&their, &changes).expect("the colleague saves");
        let mut c = mine.cities[2].clone();
        c.notes = format!("Моя правка № {n}");
        let mut changes = store::Changes::default();
        changes.record(store::Collection::Cities, c.id.as_str());
        Command::put(Record::City(c.into_inner())).apply(&mut mine).expect("apply");
        let t = Instant::now();
        let report = mine_ws.save_changes(&mine, &changes).expect("merging save");
        let took = t.elapsed();
        report.updates.apply_to(&mut mine);
        took
    }));
    // An edit applied while the save or checks thread still holds the model makes
    // `Arc::make_mut` copy it on the UI thread: the collections' pointers and the one
    // record the edit changes (`Shared`), no other record.
    let held = std::sync::Arc::new(model.clone());
    rows.push(report("edit while a save holds the model", 1, 20, Some(16.0), || {
        let mut mine = std::sync::Arc::clone(&held);
        std::sync::Arc::make_mut(&mut mine).people[30_000].organisation.push('!');
        std::hint::black_box(mine);
    }));
    // What that edit cost before records were shared: a copy of every record. Kept as a
    // yardstick of the machine's speed for the other rows.
    rows.push(report("deep copy of every record (yardstick)", 1, 10, None, || {
        let copy: (Vec<_>, Vec<_>, Vec<_>, Vec<_>) = (
            model.cities.iter().map(|r| r.to_record()).collect(),
            model.people.iter().map(|r| r.to_record()).collect(),
            model.events.iter().map(|r| r.to_record()).collect(),
            model.delegations.iter().map(|r| r.to_record()).collect(),
        );
        std::hint::black_box(copy);
    }));
    // A retention purge of everyone due, as the app applies it on the UI thread before its
    // save and clean-up go to threads: one batch of commands.
    let due = pobratim::model::retention::candidates(&model, today, 5);
    println!("  ({} people due for the retention purge)", due.len());
    rows.push(report("purge: the batch applied to the model (UI thread)", 1, 5, Some(16.0), || {
        let mut copy = model.clone();
        let puts: Vec<Command> = due
            .iter()
            .filter_map(|c| copy.person(&c.person).map(pobratim::model::retention::purged))
            .map(|p| Command::put(Record::Person(p)))
            .collect();
        Command::Batch(puts).apply(&mut copy).expect("purge");
        std::hint::black_box(copy);
    }));
    rows.push(report("ICS export of all events and stays", 1, 5, None, || {
        let opts = pobratim::exchange::ics::ExportOptions { year: None, now: chrono::Utc::now() };
        std::hint::black_box(pobratim::exchange::ics::export_ics(&model, &opts));
    }));
    let five_day = model
        .delegations
        .iter()
        .find(|d| (d.departure.date - d.arrival.date).num_days() == 4)
        .map(|d| d.id.clone())
        .unwrap_or_else(|| DelegationId::new("del-2026-0000"));
    rows.push(report("programme PDF, 5 days (ru+en)", 2, 20, Some(200.0), || {
        let pdf = pobratim::print::data::programme_pdf(&model, &five_day, pobratim::print::PrintLang::RU_EN);
        std::hint::black_box(pdf.expect("pdf"));
    }));
    match peak_rss_of_check(&dir) {
        Some(bytes) => println!(
            "{:<44} {:.0} MB  {}",
            "peak RSS of `pobratim check`",
            bytes as f64 / 1e6,
            if bytes <= 300_000_000 { "≤ 300 MB ok" } else { "> 300 MB OVER" }
        ),
        None => println!("peak RSS of `pobratim check`: not measured (needs /proc)"),
    }

    println!("\n— frames (headless, 1280×800, run_ui + tessellate) —");
    let findings = run_checks(&model, today);
    let home = pobratim::clock::home_zone(&model);
    rows.push(report("overview: every section (model::overview, 60 days)", 1, 10, Some(50.0), || {
        std::hint::black_box(pobratim::model::overview::overview(&model, today, 60, home, Lang::Ru));
    }));
    rows.push(report("readiness of every visit in the folder", 1, 5, None, || {
        for d in &model.delegations {
            std::hint::black_box(pobratim::model::readiness(&model, d, today));
        }
    }));
    let view = View {
        model: &model,
        t: i18n::texts(Lang::Ru),
        lang: Lang::Ru,
        read_only: false,
        today,
        now: pobratim::clock::Clock::fixed_on(today, pobratim::clock::home_zone(&model)).now(),
        home_zone: pobratim::clock::home_zone(&model),
        findings: &findings,
        version: 1,
        findings_version: 1,
        retention_years: 5,
        open_elsewhere: &[],
    };
    let mut frames = Frames::new();
    let empty = report("baseline: empty frame", 20, 200, None, || {
        frames.frame(|_| {});
    });
    let mut demo = egui_demo_lib::DemoWindows::default();
    let demo_row = measure("baseline: egui_demo_lib demo windows", 20, 200, None, || {
        frames.frame(|ui| demo.ui(ui));
    });
    print_row(&demo_row, Some(empty.median));
    let frame_budget = Some(2.0);
    let mut panel_rows = Vec::new();
    let mut bench_panel = |name: &str, frames: &mut Frames, f: &mut dyn FnMut(&mut egui::Ui)| {
        let row = measure(name, 10, 100, frame_budget, || {
            frames.frame(|ui| f(ui));
        });
        print_row(&row, Some(empty.median));
        panel_rows.push(row);
    };
    let mut overview = OverviewPanel::default();
    bench_panel("overview: first screen", &mut frames, &mut |ui| overview.ui(ui, &view, &mut Vec::new()));
    let mut cities = CitiesPanel::default();
    bench_panel("cities: list and map", &mut frames, &mut |ui| cities.ui(ui, &view, &mut Vec::new()));
    cities.select("city-000".into());
    bench_panel("cities: a profile and the map", &mut frames, &mut |ui| cities.ui(ui, &view, &mut Vec::new()));
    let mut people = PeoplePanel::default();
    bench_panel("people: registry", &mut frames, &mut |ui| people.ui(ui, &view, &mut Vec::new()));
    let mut calendar = CalendarPanel::new(today);
    for (name, v) in [
        ("calendar: month", CalView::Month),
        ("calendar: week", CalView::Week),
        ("calendar: agenda", CalView::Agenda),
        ("calendar: year", CalView::Year),
    ] {
        calendar.show(v, NaiveDate::from_ymd_opt(2026, 5, 15).expect("date"));
        bench_panel(name, &mut frames, &mut |ui| calendar.ui(ui, &view, &mut Vec::new()));
    }
    let mut delegations = DelegationsPanel::default();
    bench_panel("delegations: ledger", &mut frames, &mut |ui| delegations.ui(ui, &view, &mut Vec::new()));
    delegations.select(five_day.clone());
    for (name, tab) in [
        ("delegation: overview", Tab::Overview),
        ("delegation: roster table", Tab::Roster),
        ("delegation: programme", Tab::Programme),
        ("delegation: checklist", Tab::Checklist),
        ("delegation: gifts", Tab::Gifts),
        ("delegation: findings", Tab::Findings),
    ] {
        delegations.show_tab(tab);
        bench_panel(name, &mut frames, &mut |ui| delegations.ui(ui, &view, &mut Vec::new()));
    }
    let mut tourism = TourismPanel::default();
    for chart in Chart::ALL {
        tourism.show_chart(chart, 2025);
        let name = format!("charts: {}", chart.title(Lang::En).to_lowercase());
        bench_panel(&name, &mut frames, &mut |ui| tourism.ui(ui, &view, &mut Vec::new()));
    }
    rows.extend(panel_rows);

    println!("\n— summary —");
    let over: Vec<&Row> = rows.iter().filter(|r| r.budget.is_some_and(|b| r.median > b)).collect();
    if over.is_empty() {
        println!("every measured budget holds");
    } else {
        for r in over {
            println!("OVER: {} (median {:.1} ms)", r.name, ms(r.median));
        }
    }
}
