//! iCalendar export and import: format rules, round trips, malformed files, re-import.

use chrono::{NaiveDate, NaiveTime, TimeZone, Utc};
use pobratim::command::{Command, Record};
use pobratim::exchange::ics::{ExportOptions, ParseReport, export_ics, fold_line, parse_ics, plan_import};
use pobratim::model::{Event, EventCategory, Lang, Model, Override, Recurrence};
use pobratim::store::{OpenMode, Workspace};
use proptest::prelude::*;
use std::path::Path;

const VLAD: chrono_tz::Tz = chrono_tz::Asia::Vladivostok;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("date")
}

fn sample() -> Model {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_data");
    Workspace::open(&dir, OpenMode::ReadOnly).expect("sample").1
}

fn opts() -> ExportOptions {
    ExportOptions { year: None, now: Utc.with_ymd_and_hms(2026, 11, 27, 9, 0, 0).single().expect("now") }
}

fn unfolded(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for l in text.split("\r\n") {
        if let Some(rest) = l.strip_prefix(' ') {
            if let Some(last) = out.last_mut() {
                last.push_str(rest);
            }
        } else if !l.is_empty() {
            out.push(l.to_owned());
        }
    }
    out
}

fn three_events() -> Model {
    let mut m = Model::default();
    m.events.push(
        Event {
            id: "all-day".into(),
            title: "Выставка «Хабаровск – город мастеров», ярмарка; народные промыслы".into(),
            start_date: d(2016, 5, 28),
            end_date: d(2016, 5, 29),
            venue: "Площадь Ленина".into(),
            public: true,
            category: EventCategory::Culture,
            description: "Строка 1\nСтрока 2 — с запятой, точкой с запятой; и \\ обратной чертой".into(),
            ..Event::default()
        }
        .into(),
    );
    m.events.push(
        Event {
            id: "timed".into(),
            title: "Встреча мэров в Ниигате".into(),
            start_date: d(2017, 8, 24),
            end_date: d(2017, 8, 24),
            start_time: NaiveTime::from_hms_opt(10, 0, 0),
            end_time: NaiveTime::from_hms_opt(12, 30, 0),
            time_zone: chrono_tz::Asia::Tokyo,
            category: EventCategory::Official,
            ..Event::default()
        }
        .into(),
    );
    m.events.push(
        Event {
            id: "eco".into(),
            title: "Трёхсторонняя экологическая конференция".into(),
            start_date: d(2016, 10, 12),
            end_date: d(2016, 10, 14),
            category: EventCategory::Ecology,
            recurrence: Some(Recurrence {
                rrule: "FREQ=YEARLY".into(),
                exdates: vec![d(2020, 10, 12)],
                host_rotation: vec!["khabarovsk".into(), "niigata".into(), "harbin".into()],
                overrides: vec![],
            }),
            ..Event::default()
        }
        .into(),
    );
    m.normalise();
    m
}

#[test]
fn export_follows_rfc_5545_rules() {
    let mut model = three_events();
    // A rule written for a timed event, left on an all-day one: BYHOUR must not be exported.
    if let Some(r) = model.events.iter_mut().find_map(|e| e.recurrence.as_mut()) {
        r.rrule = "FREQ=YEARLY;BYHOUR=10;BYMINUTE=0".into();
    }
    let text = export_ics(&model, &opts());
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n") && text.ends_with("END:VCALENDAR\r\n"));
    assert!(!text.replace("\r\n", "").contains('\n'), "every line ends in CRLF");
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "line longer than 75 octets: {line:?}");
    }
    let lines = unfolded(&text);
    let events = lines.iter().filter(|l| *l == "BEGIN:VEVENT").count();
    assert_eq!(events, 3);
    assert_eq!(lines.iter().filter(|l| l.starts_with("UID:")).count(), 3);
    assert_eq!(lines.iter().filter(|l| l.starts_with("DTSTAMP:20261127T090000Z")).count(), 3);
    assert!(lines.contains(&"DTSTART;VALUE=DATE:20160528".to_owned()));
    assert!(lines.contains(&"DTEND;VALUE=DATE:20160530".to_owned()), "all-day DTEND is the day after");
    assert!(
        lines.contains(&"DTSTART;TZID=Asia/Tokyo:20170824T100000".to_owned()),
        "10:00 in Niigata, in Niigata's zone"
    );
    assert!(lines.contains(&"TZID:Asia/Tokyo".to_owned()), "with its VTIMEZONE");
    let rrule = lines.iter().find(|l| l.starts_with("RRULE:")).expect("rrule");
    assert_eq!(rrule, "RRULE:FREQ=YEARLY", "no BYHOUR/BYMINUTE in an all-day rule");
    assert!(lines.contains(&"EXDATE;VALUE=DATE:20201012".to_owned()));
    assert!(
        lines.iter().any(|l| l.starts_with("SUMMARY:Выставка «Хабаровск – город мастеров»\\, ярмарка\\; народные"))
    );
}

#[test]
fn folding_never_splits_a_character() {
    let line = format!("SUMMARY:{}", "Хабаровск—Харбин 哈尔滨 ".repeat(12));
    let folded = fold_line(&line);
    for physical in folded.split("\r\n") {
        assert!(physical.len() <= 75);
        assert!(std::str::from_utf8(physical.as_bytes()).is_ok());
    }
    assert_eq!(unfolded(&folded), vec![line]);
}

#[test]
fn round_trip_keeps_cyrillic_all_day_timed_and_recurring_events() {
    let model = three_events();
    let text = export_ics(&model, &opts());
    let report = parse_ics(&text, VLAD);
    assert!(report.skipped.is_empty(), "{:?}", report.skipped);
    assert_eq!(report.events.len(), 3);
    let plan = plan_import(&model, &report);
    assert_eq!((plan.added.len(), plan.updated.len(), plan.unchanged), (0, 0, 3), "{:#?}", plan.updated);
    // Into an empty folder, the same events arrive.
    let fresh = plan_import(&Model::default(), &report);
    assert_eq!(fresh.added.len(), 3);
    for e in &fresh.added {
        let original = model.event(&e.id).expect("same id");
        assert_eq!(e.title, original.title);
        assert_eq!(
            (e.start_date, e.end_date, e.start_time, e.end_time),
            (original.start_date, original.end_date, original.start_time, original.end_time)
        );
        assert_eq!(e.time_zone, original.time_zone);
        assert_eq!(e.description, original.description);
        assert_eq!(
            e.recurrence.as_ref().map(|r| (&r.exdates, &r.host_rotation)),
            original.recurrence.as_ref().map(|r| (&r.exdates, &r.host_rotation))
        );
    }
}

#[test]
fn sample_data_round_trips_and_reimport_adds_nothing() {
    let model = sample();
    let text = export_ics(&model, &opts());
    let report = parse_ics(&text, VLAD);
    assert!(report.skipped.is_empty(), "{:?}", report.skipped);
    assert_eq!(report.ignored_stays, model.delegations.len(), "our own delegation stays are recognised");
    let plan = plan_import(&model, &report);
    assert_eq!(plan.added.len(), 0);
    assert_eq!(plan.updated.len(), 0, "{:#?}", plan.updated.first());
    assert_eq!(plan.unchanged, model.events.len());
}

fn apply(model: &mut Model, plan: &pobratim::exchange::ics::ImportPlan) {
    let cmds = plan.added.iter().chain(&plan.updated).map(|e| Command::put(Record::Event(e.clone()))).collect();
    Command::Batch(cmds).apply(model).expect("apply");
}

#[test]
fn importing_a_foreign_file_twice_adds_no_duplicates() {
    let file = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:abc-1@outlook\r\nDTSTART;VALUE=DATE:20170527\r\nSUMMARY:День города\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nDTSTART:20170601T020000Z\r\nSUMMARY:Без UID\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    let mut model = Model::default();
    let plan = plan_import(&model, &parse_ics(file, VLAD));
    assert_eq!(plan.added.len(), 2);
    apply(&mut model, &plan);
    let again = plan_import(&model, &parse_ics(file, VLAD));
    assert_eq!((again.added.len(), again.updated.len(), again.unchanged), (0, 0, 2));
}

/// A weekly 10:00 meeting in Portland across the end of daylight saving, one week excepted
/// and one moved to 11:00 on the Thursday; and the yearly conference with 2017 moved a week.
fn series_with_changes() -> Model {
    let mut m = Model::default();
    m.events.push(
        Event {
            id: "portland-weekly".into(),
            title: "Созвон с Портлендом".into(),
            start_date: d(2016, 10, 5),
            end_date: d(2016, 10, 5),
            start_time: NaiveTime::from_hms_opt(10, 0, 0),
            end_time: NaiveTime::from_hms_opt(11, 0, 0),
            time_zone: chrono_tz::America::Los_Angeles,
            category: EventCategory::Official,
            recurrence: Some(Recurrence {
                rrule: "FREQ=WEEKLY;UNTIL=20161130".into(),
                exdates: vec![d(2016, 10, 19)],
                host_rotation: vec![],
                overrides: vec![Override {
                    recurrence_id: d(2016, 11, 9),
                    start_date: Some(d(2016, 11, 10)),
                    start_time: NaiveTime::from_hms_opt(11, 0, 0),
                    end_time: NaiveTime::from_hms_opt(12, 0, 0),
                    venue: Some("Мэрия Портленда".into()),
                    ..Override::default()
                }],
            }),
            ..Event::default()
        }
        .into(),
    );
    m.events.push(
        Event {
            id: "eco".into(),
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
                    title: Some("Конференция в Ниигате".into()),
                    host_city: Some("harbin".into()),
                    ..Override::default()
                }],
            }),
            ..Event::default()
        }
        .into(),
    );
    m.normalise();
    m
}

#[test]
fn a_series_with_changed_occurrences_exports_and_reimports_as_it_was() {
    let model = series_with_changes();
    let text = export_ics(&model, &opts());
    let lines = unfolded(&text);
    // The series first, then its change with the same UID and a RECURRENCE-ID of DTSTART's type.
    let uids: Vec<&String> = lines.iter().filter(|l| l.starts_with("UID:")).collect();
    assert_eq!(
        uids,
        ["UID:eco@pobratim", "UID:eco@pobratim", "UID:portland-weekly@pobratim", "UID:portland-weekly@pobratim"]
    );
    assert!(lines.contains(&"DTSTART;TZID=America/Los_Angeles:20161005T100000".to_owned()));
    assert!(lines.contains(&"RECURRENCE-ID;TZID=America/Los_Angeles:20161109T100000".to_owned()));
    assert!(lines.contains(&"DTSTART;TZID=America/Los_Angeles:20161110T110000".to_owned()));
    assert!(lines.contains(&"EXDATE;TZID=America/Los_Angeles:20161019T100000".to_owned()));
    assert!(lines.contains(&"RRULE:FREQ=WEEKLY;UNTIL=20161201T075959Z".to_owned()), "UNTIL in UTC for a timed rule");
    assert!(lines.contains(&"RECURRENCE-ID;VALUE=DATE:20171012".to_owned()));
    let zone = lines.iter().position(|l| l == "TZID:America/Los_Angeles").expect("a VTIMEZONE");
    assert!(zone < lines.iter().position(|l| l == "BEGIN:VEVENT").expect("events"), "zones come first");
    assert!(lines.contains(&"BEGIN:DAYLIGHT".to_owned()) && lines.contains(&"BEGIN:STANDARD".to_owned()));

    let report = parse_ics(&text, VLAD);
    assert!(report.skipped.is_empty() && report.warnings.is_empty(), "{:?} {:?}", report.skipped, report.warnings);
    let fresh = plan_import(&Model::default(), &report);
    assert_eq!(fresh.added.len(), 2);
    for e in &fresh.added {
        let mut original = model.event(&e.id).expect("same id").clone();
        original.uid = e.uid.clone();
        assert_eq!(e, &original, "export and re-import give the same event");
    }
    let again = plan_import(&model, &report);
    assert_eq!((again.added.len(), again.updated.len(), again.unchanged), (0, 0, 2), "{:#?}", again.updated);
}

#[test]
fn a_moved_occurrence_imported_twice_is_one_override_and_the_rule_is_intact() {
    // As a Google or Outlook calendar writes it: the change after the series, same UID.
    let file = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n\
        BEGIN:VEVENT\r\nUID:city-day@example\r\nDTSTART;VALUE=DATE:20160529\r\n\
        RRULE:FREQ=YEARLY;BYMONTH=5;BYDAY=-1SU\r\nSUMMARY:День города\r\nEND:VEVENT\r\n\
        BEGIN:VEVENT\r\nUID:city-day@example\r\nRECURRENCE-ID;VALUE=DATE:20170528\r\n\
        DTSTART;VALUE=DATE:20170603\r\nSUMMARY:День города (перенесён)\r\nEND:VEVENT\r\n\
        BEGIN:VEVENT\r\nUID:city-day@example\r\nRECURRENCE-ID;RANGE=THISANDFUTURE;VALUE=DATE:20190526\r\n\
        DTSTART;VALUE=DATE:20190601\r\nSUMMARY:Отныне в июне\r\nEND:VEVENT\r\n\
        BEGIN:VEVENT\r\nUID:lonely@example\r\nRECURRENCE-ID;VALUE=DATE:20170101\r\n\
        DTSTART;VALUE=DATE:20170102\r\nSUMMARY:Без серии\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    let mut model = Model::default();
    for round in 0..2 {
        let report = parse_ics(file, VLAD);
        let kinds: Vec<String> = report.skipped.iter().map(|n| n.message(Lang::En)).collect();
        assert_eq!(report.skipped.len(), 2, "{kinds:?}");
        assert!(kinds.iter().any(|k| k.contains("THISANDFUTURE")), "{kinds:?}");
        assert!(kinds.iter().any(|k| k.contains("without its series")), "{kinds:?}");
        let plan = plan_import(&model, &report);
        if round == 0 {
            assert_eq!(plan.added.len(), 1);
        } else {
            assert_eq!(
                (plan.added.len(), plan.updated.len(), plan.unchanged),
                (0, 0, 1),
                "the second import changes nothing"
            );
        }
        apply(&mut model, &plan);
    }
    assert_eq!(model.events.len(), 1);
    let e = &model.events[0];
    let r = e.recurrence.as_ref().expect("a series");
    assert_eq!(r.rrule, "FREQ=YEARLY;BYMONTH=5;BYDAY=-1SU", "the rule is intact");
    assert_eq!(r.overrides.len(), 1);
    assert_eq!(r.overrides[0].recurrence_id, d(2017, 5, 28));
    let days: Vec<NaiveDate> =
        e.occurrences_between(d(2016, 1, 1), d(2018, 12, 31)).expect("expand").iter().map(|o| o.start_date).collect();
    assert_eq!(days, [d(2016, 5, 29), d(2017, 6, 3), d(2018, 5, 27)], "the moved date replaces the original");
}

#[test]
fn a_cancelled_occurrence_becomes_an_exception() {
    let file = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:w@x\r\nDTSTART;VALUE=DATE:20160101\r\n\
        RRULE:FREQ=YEARLY\r\nSUMMARY:Ёлка\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:w@x\r\n\
        RECURRENCE-ID;VALUE=DATE:20180101\r\nDTSTART;VALUE=DATE:20180101\r\nSTATUS:CANCELLED\r\n\
        SUMMARY:Ёлка\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    let report = parse_ics(file, VLAD);
    let r = report.events[0].event.recurrence.as_ref().expect("series");
    assert_eq!(r.exdates, [d(2018, 1, 1)]);
    assert!(r.overrides.is_empty());
}

fn parse(text: &str) -> ParseReport {
    parse_ics(text, VLAD)
}

fn wrap(body: &str) -> String {
    format!("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{body}END:VCALENDAR\r\n")
}

#[test]
fn malformed_01_empty_file() {
    let r = parse("");
    assert_eq!((r.calendars, r.events.len(), r.skipped.len()), (0, 0, 0));
}

#[test]
fn malformed_02_binary_garbage() {
    let bytes: Vec<u8> = (0..4096u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8).collect();
    let r = parse(&String::from_utf8_lossy(&bytes));
    assert!(r.events.is_empty());
}

#[test]
fn malformed_03_bom_crlf_and_folded_lines() {
    let text = "\u{feff}BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x1\r\nDTSTART;VALUE=DATE:20160529\r\nSUMMARY:День горо\r\n да Хабаровска\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    let r = parse(text);
    assert_eq!(r.events.len(), 1);
    assert_eq!(r.events[0].event.title.ru_text(), "День города Хабаровска");
}

#[test]
fn malformed_04_missing_dtstart_is_skipped_with_its_line() {
    let r = parse(&wrap("BEGIN:VEVENT\r\nUID:a\r\nSUMMARY:Нет даты\r\nEND:VEVENT\r\n"));
    assert!(r.events.is_empty());
    assert_eq!(r.skipped.len(), 1);
    assert_eq!(r.skipped[0].line, 3);
    assert!(r.skipped[0].message(Lang::Ru).contains("DTSTART"));
}

#[test]
fn malformed_05_end_before_start() {
    let r =
        parse(&wrap("BEGIN:VEVENT\r\nUID:a\r\nDTSTART:20160601T100000Z\r\nDTEND:20160601T090000Z\r\nEND:VEVENT\r\n"));
    assert_eq!(r.skipped.len(), 1);
}

#[test]
fn malformed_06_impossible_date() {
    let r = parse(&wrap("BEGIN:VEVENT\r\nUID:a\r\nDTSTART;VALUE=DATE:20161345\r\nEND:VEVENT\r\n"));
    assert_eq!(r.skipped.len(), 1);
    assert!(r.skipped[0].message(Lang::Ru).contains("20161345"));
}

#[test]
fn malformed_07_file_ends_inside_an_event() {
    let r = parse("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART;VALUE=DATE:20160601\r\n");
    assert_eq!(r.skipped.len(), 1);
    assert_eq!(r.skipped[0].line, 2);
}

#[test]
fn malformed_08_vevent_without_end_before_the_next() {
    let r = parse(&wrap(
        "BEGIN:VEVENT\r\nUID:a\r\nDTSTART;VALUE=DATE:20160601\r\nBEGIN:VEVENT\r\nUID:b\r\nDTSTART;VALUE=DATE:20160602\r\nEND:VEVENT\r\n",
    ));
    assert_eq!(r.events.len(), 1);
    assert_eq!(r.events[0].event.uid, "b");
    assert_eq!(r.skipped.len(), 1);
}

#[test]
fn malformed_09_unknown_properties_are_ignored() {
    let r = parse(&wrap(
        "X-WR-TIMEZONE:Asia/Vladivostok\r\nBEGIN:VEVENT\r\nUID:a\r\nX-MICROSOFT-CDO-BUSYSTATUS:BUSY\r\nFOO;BAR=1:baz\r\nDTSTART;VALUE=DATE:20160601\r\nEND:VEVENT\r\n",
    ));
    assert_eq!(r.events.len(), 1);
    assert!(r.skipped.is_empty());
}

#[test]
fn malformed_10_alarm_inside_event_does_not_leak() {
    let r = parse(&wrap(
        "BEGIN:VEVENT\r\nUID:a\r\nDTSTART;VALUE=DATE:20160601\r\nDESCRIPTION:Событие\r\nBEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:Напоминание\r\nTRIGGER:-PT15M\r\nEND:VALARM\r\nEND:VEVENT\r\n",
    ));
    assert_eq!(r.events[0].event.description, "Событие");
}

#[test]
fn malformed_11_outlook_windows_time_zone() {
    let r = parse(&wrap(
        "BEGIN:VTIMEZONE\r\nTZID:Vladivostok Standard Time\r\nBEGIN:STANDARD\r\nDTSTART:16010101T000000\r\nTZOFFSETFROM:+1000\r\nTZOFFSETTO:+1000\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART;TZID=\"Vladivostok Standard Time\":20161012T100000\r\nDTEND;TZID=\"Vladivostok Standard Time\":20161012T120000\r\nRRULE:FREQ=YEARLY\r\nEND:VEVENT\r\n",
    ));
    assert_eq!(r.events.len(), 1, "{:?}", r.skipped);
    let e = &r.events[0].event;
    assert_eq!(e.time_zone, chrono_tz::Asia::Vladivostok);
    assert_eq!(e.start_time, NaiveTime::from_hms_opt(10, 0, 0));
    assert!(e.recurrence.is_some());
}

#[test]
fn malformed_12_unknown_time_zone_is_a_warning_not_a_loss() {
    let r = parse(&wrap("BEGIN:VEVENT\r\nUID:a\r\nDTSTART;TZID=Mars/Base:20161012T100000\r\nEND:VEVENT\r\n"));
    assert_eq!(r.events.len(), 1);
    assert_eq!(r.warnings.len(), 1);
    assert_eq!(r.events[0].event.time_zone, VLAD);
}

#[test]
fn malformed_13_missing_uid_gets_a_stable_one() {
    let text = wrap("BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20160601\r\nSUMMARY:Без UID\r\nEND:VEVENT\r\n");
    let a = parse(&text);
    let b = parse(&text);
    assert_eq!(a.events[0].event.id, b.events[0].event.id);
    assert!(a.events[0].event.id.as_str().starts_with("ics-"));
}

#[test]
fn malformed_14_several_calendars() {
    let one = wrap("BEGIN:VEVENT\r\nUID:a\r\nDTSTART;VALUE=DATE:20160601\r\nEND:VEVENT\r\n");
    let two = wrap("BEGIN:VEVENT\r\nUID:b\r\nDTSTART;VALUE=DATE:20160602\r\nEND:VEVENT\r\n");
    let r = parse(&format!("{one}{two}"));
    assert_eq!(r.calendars, 2);
    assert_eq!(r.events.len(), 2);
}

#[test]
fn malformed_15_invalid_rrule_skips_only_that_event() {
    let r = parse(&wrap(
        "BEGIN:VEVENT\r\nUID:a\r\nDTSTART;VALUE=DATE:20160601\r\nRRULE:FREQ=SOMETIMES\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:b\r\nDTSTART;VALUE=DATE:20160602\r\nEND:VEVENT\r\n",
    ));
    assert_eq!(r.events.len(), 1);
    assert_eq!(r.skipped.len(), 1);
    assert_eq!(r.skipped[0].line, 3);
    assert!(r.skipped[0].message(Lang::Ru).contains("RRULE"));
}

#[test]
fn malformed_16_line_without_colon() {
    let r = parse(&wrap(
        "BEGIN:VEVENT\r\nUID:a\r\nthis is not a property\r\nDTSTART;VALUE=DATE:20160601\r\nEND:VEVENT\r\n",
    ));
    assert_eq!(r.events.len(), 1);
    assert_eq!(r.warnings.len(), 1);
}

#[test]
fn malformed_17_lf_only_and_tab_folding() {
    let r = parse(
        "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nDTSTART;VALUE=DATE:20160601\nSUMMARY:Харбинское\n\t лето\nEND:VEVENT\nEND:VCALENDAR\n",
    );
    assert_eq!(r.events[0].event.title.ru_text(), "Харбинское лето");
}

#[test]
fn malformed_18_escapes_are_undone() {
    let r = parse(&wrap(
        "BEGIN:VEVENT\r\nUID:a\r\nDTSTART;VALUE=DATE:20160601\r\nSUMMARY:Один\\, два\\; три\\nчетыре\\\\\r\nEND:VEVENT\r\n",
    ));
    assert_eq!(r.events[0].event.title.ru_text(), "Один, два; три\nчетыре\\");
}

#[test]
fn malformed_19_lowercase_names_and_date_only_dtend() {
    let r = parse(&wrap(
        "begin:vevent\r\nuid:a\r\ndtstart;value=date:20160601\r\ndtend;value=date:20160604\r\nend:vevent\r\n",
    ));
    assert_eq!(r.events.len(), 1);
    assert_eq!(r.events[0].event.end_date, d(2016, 6, 3), "exclusive DTEND");
}

#[test]
fn malformed_20_a_broken_event_among_good_ones_reports_its_line() {
    let body = "BEGIN:VEVENT\r\nUID:1\r\nDTSTART;VALUE=DATE:20160601\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:2\r\nDTSTART:nonsense\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:3\r\nDTSTART;VALUE=DATE:20160603\r\nEND:VEVENT\r\n";
    let r = parse(&wrap(body));
    assert_eq!(r.events.len(), 2);
    assert_eq!(r.skipped.len(), 1);
    assert_eq!(r.skipped[0].line, 7);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn never_panics_on_any_text(text in "\\PC{0,400}") {
        let _ = parse_ics(&text, VLAD);
    }

    #[test]
    fn never_panics_on_ics_shaped_noise(lines in proptest::collection::vec(prop_oneof![
        Just("BEGIN:VEVENT".to_owned()), Just("END:VEVENT".to_owned()), Just("BEGIN:VCALENDAR".to_owned()),
        Just("BEGIN:VALARM".to_owned()), Just("END:VALARM".to_owned()), Just(" folded".to_owned()),
        "DTSTART(;VALUE=DATE)?:[0-9T]{0,16}Z?", "DTEND;TZID=[A-Za-z/ ]{0,20}:[0-9T]{0,15}", "RRULE:[A-Z=;0-9,-]{0,30}",
        "EXDATE:[0-9T,]{0,30}", "SUMMARY:\\PC{0,20}", "[A-Z-]{1,10}(;[A-Z]+=\"?[^\"]{0,5}\"?)?:\\PC{0,10}",
    ], 0..40)) {
        let _ = parse_ics(&lines.join("\r\n"), VLAD);
    }
}
