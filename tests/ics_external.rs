//! The iCalendar export read by two other implementations: Mozilla's ical.js (npm) and
//! Python's icalendar with recurring-ical-events (PyPI). Each expands the export between
//! two dates; both must give the dates Pobratim gives, override for override, across
//! daylight saving in Portland and Victoria. `tools/ics-check/setup.sh` installs both (it
//! needs node, npm and python3 with venv; `.ci/run` installs those): the test never skips.

use chrono::{NaiveDate, NaiveTime, TimeZone, Utc};
use pobratim::exchange::ics::{ExportOptions, export_ics};
use pobratim::model::event::local_to_utc;
use pobratim::model::{Event, EventCategory, Model, Override, Recurrence};
use pobratim::store::{OpenMode, Workspace};
use std::path::Path;
use std::process::Command;

const FROM: &str = "2015-01-01";
const TO: &str = "2022-01-01";

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("date")
}

fn t(h: u32, m: u32) -> Option<NaiveTime> {
    NaiveTime::from_hms_opt(h, m, 0)
}

/// The sample's events, and series that test what a calendar program gets wrong: timed
/// weekly events in zones with daylight saving, exceptions, and moved occurrences.
fn model() -> Model {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_data");
    let mut m = Workspace::open(&dir, OpenMode::ReadOnly).expect("sample").1;
    m.events.push(
        Event {
            id: "portland-weekly".into(),
            title: "Созвон с Портлендом".into(),
            start_date: d(2016, 10, 5),
            end_date: d(2016, 10, 5),
            start_time: t(10, 0),
            end_time: t(11, 0),
            time_zone: chrono_tz::America::Los_Angeles,
            category: EventCategory::Official,
            recurrence: Some(Recurrence {
                rrule: "FREQ=WEEKLY;UNTIL=20161231".into(),
                exdates: vec![d(2016, 10, 19), d(2016, 11, 2)],
                host_rotation: vec![],
                overrides: vec![
                    Override {
                        recurrence_id: d(2016, 11, 9),
                        start_date: Some(d(2016, 11, 10)),
                        start_time: t(11, 0),
                        end_time: t(12, 0),
                        ..Override::default()
                    },
                    Override {
                        recurrence_id: d(2016, 11, 16),
                        title: Some("Созвон (итоги)".into()),
                        ..Override::default()
                    },
                ],
            }),
            ..Event::default()
        }
        .into(),
    );
    m.events.push(
        Event {
            id: "victoria-monthly".into(),
            title: "Виктория: ежемесячная встреча".into(),
            start_date: d(2017, 1, 10),
            end_date: d(2017, 1, 10),
            start_time: t(18, 30),
            end_time: t(20, 0),
            time_zone: chrono_tz::America::Vancouver,
            recurrence: Some(Recurrence {
                rrule: "FREQ=MONTHLY;BYDAY=2TU;COUNT=24".into(),
                exdates: vec![d(2017, 3, 14)],
                ..Recurrence::default()
            }),
            ..Event::default()
        }
        .into(),
    );
    m.events.push(
        Event {
            id: "eco-conference-moved".into(),
            title: "Трёхсторонняя экологическая конференция".into(),
            start_date: d(2016, 10, 12),
            end_date: d(2016, 10, 14),
            category: EventCategory::Ecology,
            recurrence: Some(Recurrence {
                rrule: "FREQ=YEARLY".into(),
                exdates: vec![d(2020, 10, 12)],
                host_rotation: vec!["khabarovsk".into(), "niigata".into(), "harbin".into()],
                overrides: vec![Override {
                    recurrence_id: d(2017, 10, 12),
                    start_date: Some(d(2017, 10, 19)),
                    end_date: Some(d(2017, 10, 20)),
                    title: Some("Конференция в Ниигате".into()),
                    ..Override::default()
                }],
            }),
            ..Event::default()
        }
        .into(),
    );
    m
}

/// `uid\tstart\tsummary` lines as the expanders print them: dates for all-day occurrences,
/// UTC instants for timed ones, FROM <= start < TO.
fn pobratim_lines(model: &Model) -> Vec<String> {
    let (from, to) = (d(2015, 1, 1), d(2022, 1, 1));
    let utc = |day: NaiveDate| Utc.from_utc_datetime(&day.and_time(NaiveTime::MIN));
    let mut out = Vec::new();
    for e in &model.events {
        let occurrences = e.occurrences_between(from - chrono::Duration::days(2), to).expect("expands");
        for o in occurrences {
            let start = match o.start_time {
                Some(time) => {
                    let at = local_to_utc(e.time_zone, o.start_date, time).expect("a real time");
                    if at < utc(from) || at >= utc(to) {
                        continue;
                    }
                    at.format("%Y-%m-%dT%H:%M:%SZ").to_string()
                }
                None => {
                    if o.start_date < from || o.start_date >= to {
                        continue;
                    }
                    o.start_date.format("%Y-%m-%d").to_string()
                }
            };
            out.push(format!("{}\t{start}\t{}", e.ical_uid(), e.occurrence_title(&o).ru_text()));
        }
    }
    out.sort();
    out
}

fn run(program: &str, args: &[&str]) -> Vec<String> {
    let output = Command::new(program)
        .args(args)
        .env("ICS_CHECK_FORMAT", "tsv")
        .output()
        .unwrap_or_else(|e| panic!("{program} did not start: {e}; run tools/ics-check/setup.sh"));
    assert!(output.status.success(), "{program} {args:?} failed: {}", String::from_utf8_lossy(&output.stderr));
    let mut lines: Vec<String> = String::from_utf8(output.stdout)
        .expect("utf-8")
        .lines()
        .filter(|l| !l.split('\t').next().unwrap_or_default().ends_with("@pobratim-delegation"))
        .map(str::to_owned)
        .collect();
    lines.sort();
    lines
}

#[test]
fn ical_js_and_python_icalendar_expand_the_export_to_pobratims_dates() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tools/ics-check");
    let setup = Command::new("bash").arg(root.join("setup.sh")).output().expect("bash");
    assert!(
        setup.status.success(),
        "tools/ics-check/setup.sh failed (it needs node, npm and python3 with venv):\n{}",
        String::from_utf8_lossy(&setup.stderr)
    );
    let model = model();
    let now = Utc.with_ymd_and_hms(2026, 12, 2, 9, 0, 0).single().expect("now");
    let text = export_ics(&model, &ExportOptions { year: None, now });
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("calendar.ics");
    std::fs::write(&file, text).expect("write the export");
    let file = file.to_string_lossy().into_owned();
    let expected = pobratim_lines(&model);
    assert!(expected.len() > 60, "the sample and the series give many occurrences: {}", expected.len());
    for needle in [
        "portland-weekly@pobratim\t2016-10-12T17:00:00Z",
        "portland-weekly@pobratim\t2016-11-10T19:00:00Z",
        "portland-weekly@pobratim\t2016-11-23T18:00:00Z",
    ] {
        assert!(expected.iter().any(|l| l.starts_with(needle)), "Pobratim itself: {needle}");
    }
    let js = run("node", &[&root.join("expand.mjs").to_string_lossy(), &file, FROM, TO]);
    assert_eq!(js, expected, "ical.js reads the export differently");
    let py = run(
        &root.join(".venv/bin/python").to_string_lossy(),
        &[&root.join("expand.py").to_string_lossy(), &file, FROM, TO],
    );
    assert_eq!(py, expected, "Python's icalendar reads the export differently");
}

/// The public calendar (`export ics --public`) of 2016 for the same events, all made public:
/// each occurrence its own event, read the same by both libraries as by Pobratim.
#[test]
fn the_public_calendar_reads_the_same_in_ical_js_and_python_icalendar() {
    use pobratim::exchange::ics::export_public_ics;
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tools/ics-check");
    let setup = Command::new("bash").arg(root.join("setup.sh")).output().expect("bash");
    assert!(setup.status.success(), "tools/ics-check/setup.sh failed:\n{}", String::from_utf8_lossy(&setup.stderr));
    let mut model = model();
    for e in &mut model.events {
        e.public = true;
    }
    let now = Utc.with_ymd_and_hms(2026, 12, 2, 9, 0, 0).single().expect("now");
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("public.ics");
    std::fs::write(&file, export_public_ics(&model, 2016, now)).expect("write the export");
    let file = file.to_string_lossy().into_owned();
    let mut expected: Vec<String> = pobratim::model::public::public_items(&model, 2016)
        .iter()
        .map(|i| {
            let start = match i.start_time {
                Some(time) => local_to_utc(i.event.time_zone, i.start, time)
                    .expect("a real time")
                    .format("%Y-%m-%dT%H:%M:%SZ")
                    .to_string(),
                None => i.start.format("%Y-%m-%d").to_string(),
            };
            let uid = i.event.ical_uid();
            let (local, domain) = uid.split_once('@').expect("a domain");
            format!("{local}-{}@{domain}\t{start}\t{}", i.start.format("%Y%m%d"), i.title.ru_text())
        })
        .collect();
    expected.sort();
    assert!(expected.len() > 20, "many occurrences in 2016: {}", expected.len());
    let js = run("node", &[&root.join("expand.mjs").to_string_lossy(), &file, FROM, TO]);
    assert_eq!(js, expected, "ical.js reads the public calendar differently");
    let py = run(
        &root.join(".venv/bin/python").to_string_lossy(),
        &[&root.join("expand.py").to_string_lossy(), &file, FROM, TO],
    );
    assert_eq!(py, expected, "Python's icalendar reads the public calendar differently");
}
