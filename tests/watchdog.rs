//! A hang detector, not a speed target: folders full of extreme but parseable values (huge,
//! negative and non-finite numbers, far-off dates, 100,000-character texts, 10,000 members,
//! a recurrence every second) are saved, opened by the real app, and one frame of every
//! panel, view and tab is drawn, in a child process that must end within [`BOUND`]. A value
//! that makes a panel loop (a longitude of 1e300 once spun the map for ever) fails the test
//! instead of hanging the suite. The cases are the bad-input catalogue of docs/reliability.md.
//!
//! The child is this test binary re-run on the ignored test `draw_every_panel`.

use chrono::{NaiveDate, NaiveTime};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use pobratim::App;
use pobratim::model::*;
use pobratim::store::{OpenMode, Workspace};
use pobratim::ui::i18n;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const ENV_DIR: &str = "POBRATIM_WATCHDOG_DIR";
/// How long drawing every panel of one folder may take in a debug build before it counts as
/// a hang. Generous: a normal run takes a few seconds.
const BOUND: Duration = Duration::from_secs(90);

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("date")
}

/// The worst values a hand-edited file can hold that still parse.
fn extreme_model() -> Model {
    let long = "Очень длинный текст без конца ".repeat(3_400); // ~100,000 characters
    let mut m = Model::default();
    m.cities.push(
        City {
            id: "khabarovsk".into(),
            name_ru: "Хабаровск".into(),
            status: CityStatus::Home,
            coordinates: Some(Coordinates { lat: 48.48, lon: 135.07 }),
            ..City::default()
        }
        .into(),
    );
    let coordinates = [(48.0, 1e300), (f64::NAN, 135.0), (f64::INFINITY, f64::NEG_INFINITY), (-1e308, -1e308)];
    for (i, (lat, lon)) in coordinates.into_iter().enumerate() {
        m.cities.push(
            City {
                id: CityId::new(format!("city-{i}")),
                name_ru: if i == 0 { long.clone() } else { format!("Город {i}") },
                status: CityStatus::Sister,
                since: Some(PartialDate::year(if i % 2 == 0 { 1 } else { 9_999 })),
                coordinates: Some(Coordinates { lat, lon }),
                population: Some(u64::MAX),
                notes: long.clone(),
                ..City::default()
            }
            .into(),
        );
    }
    for i in 0..10_000 {
        m.people.push(
            Person {
                id: PersonId(format!("p{i:05}")),
                full_name_ru: if i == 0 { long.clone() } else { format!("Участник {i}") },
                birth_date: Some(if i % 2 == 0 { NaiveDate::MIN } else { NaiveDate::MAX }),
                ..Person::default()
            }
            .into(),
        );
    }
    let mut big = Delegation {
        id: "del-big".into(),
        partner_city: Some("city-0".into()),
        title: Text::ru(long.clone()),
        headcount: Some(u32::MAX),
        members: (0..10_000)
            .map(|i| Member { person: PersonId(format!("p{i:05}")), precedence: u32::MAX - i, ..Member::default() })
            .collect(),
        ..Delegation::default()
    };
    big.arrival.date = d(2017, 5, 26);
    // A departure typed a century late.
    big.departure.date = d(2107, 5, 29);
    big.programme = (0..200)
        .map(|i| ProgrammeItem {
            date: d(2017, 5, 26 + (i % 3)),
            start: NaiveTime::from_hms_opt(10, 0, 0),
            end: NaiveTime::from_hms_opt(9, 0, 0),
            activity: Text::ru(if i == 0 { long.clone() } else { format!("Пункт {i}") }),
            ..ProgrammeItem::default()
        })
        .collect();
    m.delegations.push(big.into());
    let mut ancient =
        Delegation { id: "del-ancient".into(), partner_city: Some("city-1".into()), ..Delegation::default() };
    ancient.arrival.date = NaiveDate::MIN;
    ancient.departure.date = NaiveDate::MAX;
    m.delegations.push(ancient.into());
    for (i, rule) in
        ["FREQ=SECONDLY", "FREQ=DAILY;COUNT=4294967295", "FREQ=YEARLY;INTERVAL=0", "FREQ=MINUTELY;INTERVAL=1"]
            .into_iter()
            .enumerate()
    {
        m.events.push(
            Event {
                id: EventId::new(format!("event-{i}")),
                title: Text::ru(if i == 0 { long.clone() } else { format!("Событие {i}") }),
                start_date: d(2016, 1, 1),
                end_date: d(2016, 1, 1),
                foreign_participants: Some(u32::MAX),
                recurrence: Some(Recurrence { rrule: rule.into(), ..Recurrence::default() }),
                ..Event::default()
            }
            .into(),
        );
    }
    m.events.push(
        Event { id: "event-edge".into(), start_date: NaiveDate::MIN, end_date: NaiveDate::MAX, ..Event::default() }
            .into(),
    );
    m.figures.push(YearFigures {
        year: 2016,
        foreign_tourists: Some(u64::MAX),
        by_country: vec![CountryCount { country: long.clone(), count: u64::MAX }],
        by_month: vec![MonthCount { month: 0, count: u64::MAX }, MonthCount { month: 99, count: 1 }],
        delegations_received: Some(u32::MAX),
        delegations_sent: Some(0),
        ..YearFigures::default()
    });
    m.figures.push(YearFigures { year: -2_000_000, foreign_tourists: Some(0), ..YearFigures::default() });
    m.normalise();
    m
}

/// Clicks the first widget labelled `label` (or whose label holds it, with `part`), if there
/// is one, and draws two frames.
fn visit_by(h: &mut Harness<'_, App>, label: &str, part: bool) {
    // Where a hang happened, for whoever reads the child's output.
    println!("visiting «{label}»");
    let clicked = {
        let node = if part { h.query_all_by_label_contains(label).next() } else { h.query_all_by_label(label).next() };
        node.map(|n| n.click()).is_some()
    };
    assert!(clicked, "no widget «{label}» to visit");
    if clicked {
        h.step();
        h.step();
    }
}

fn visit(h: &mut Harness<'_, App>, label: &str) {
    visit_by(h, label, false);
}

#[test]
#[ignore = "run by extreme_values_never_hang_a_panel as a child process"]
fn draw_every_panel() {
    let Ok(dir) = std::env::var(ENV_DIR) else { return };
    let dir = Path::new(&dir).to_path_buf();
    let t = &i18n::RU;
    for size in [[1024.0, 700.0], [1600.0, 1000.0]] {
        let folder = dir.clone();
        let mut h = Harness::builder()
            .with_size(size)
            .with_max_steps(4)
            .build_eframe(move |_cc| App::open_at(&folder, d(2017, 5, 27)).expect("open the extreme folder"));
        println!("opened at {size:?}");
        h.step();
        h.step();
        println!("first frames drawn");
        // The app opens on the overview; the visit with 10,000 members and a departure a
        // century late is under way on its first day.
        assert!(h.query_by_label_contains(t.ov_visits).is_some(), "the overview is drawn first");
        visit(&mut h, t.nav_cities);
        for city in ["city-0", "city-1", "city-2", "city-3"] {
            h.state_mut().open_record(&RecordId::City(CityId::new(city)));
            h.step();
            h.step();
        }
        visit(&mut h, t.nav_calendar);
        for view in [t.view_month, t.view_week, t.view_agenda, t.view_year] {
            visit(&mut h, view);
        }
        visit(&mut h, t.nav_delegations);
        h.state_mut().open_record(&RecordId::Delegation("del-big".into()));
        h.step();
        h.step();
        for tab in [t.tab_overview, t.tab_programme, t.tab_checklist, t.tab_gifts] {
            visit(&mut h, tab);
        }
        visit_by(&mut h, &format!("{} (", t.tab_roster), true);
        visit_by(&mut h, &format!("{} (", t.tab_findings), true);
        visit(&mut h, t.nav_people);
        visit(&mut h, t.nav_tourism);
        for tab in [t.tab_charts, t.tab_figures, t.tab_report] {
            visit(&mut h, tab);
        }
    }
    println!("DRAWN");
}

#[test]
fn extreme_values_never_hang_a_panel() {
    let dir = tempfile::tempdir().expect("tempdir");
    let model = extreme_model();
    let (mut ws, _) = Workspace::open(dir.path(), OpenMode::ReadWrite).expect("open");
    ws.save(&model).expect("the extreme values are saved and parse back");
    drop(ws);
    let (ws, reread) = Workspace::open(dir.path(), OpenMode::ReadOnly).expect("reopen");
    assert!(ws.load_errors().is_empty(), "{:?}", ws.load_errors());
    assert_eq!(reread.delegations.len(), model.delegations.len());
    let findings = run_checks(&reread, d(2017, 5, 27));
    assert!(findings.iter().any(|f| f.field == "coordinates.lon"), "check reports the longitude");

    let mut child = Command::new(std::env::current_exe().expect("test binary"))
        .args(["--ignored", "--exact", "draw_every_panel", "--nocapture", "--test-threads=1"])
        .env(ENV_DIR, dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn the drawing process");
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            let mut out = String::new();
            if let Some(mut stdout) = child.stdout.take() {
                std::io::Read::read_to_string(&mut stdout, &mut out).expect("read");
            }
            let mut err = String::new();
            if let Some(mut stderr) = child.stderr.take() {
                std::io::Read::read_to_string(&mut stderr, &mut err).expect("read");
            }
            let panic = err.lines().find(|l| l.contains("panicked")).map(|l| {
                let rest: Vec<&str> = err
                    .lines()
                    .skip_while(|x| *x != l)
                    .filter(|x| x.contains("panicked") || x.contains("overflow") || x.contains("pobratim::"))
                    .take(6)
                    .collect();
                rest.join("\n")
            });
            assert!(
                status.success() && out.contains("DRAWN"),
                "the drawing process failed: {status}\n{panic:?}\n{out}"
            );
            break;
        }
        if started.elapsed() > BOUND {
            let _ = child.kill();
            let _ = child.wait();
            let mut out = String::new();
            if let Some(mut stdout) = child.stdout.take() {
                let _ = std::io::Read::read_to_string(&mut stdout, &mut out);
            }
            let last: Vec<&str> = out.lines().rev().take(3).collect();
            panic!("a panel hangs on an extreme value: not drawn after {BOUND:?}; last steps: {last:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    eprintln!("every panel drawn in {:.1} s", started.elapsed().as_secs_f64());
    assert!(started.elapsed() < BOUND);
}
