//! Expansion, rotation, overrides, orphans and time zones of events.

use super::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
}

fn conference() -> Event {
    Event {
        id: EventId::new("eco-conf"),
        title: "Трёхсторонняя экологическая конференция".into(),
        category: EventCategory::Ecology,
        start_date: d(2016, 10, 12),
        end_date: d(2016, 10, 14),
        host_city: Some(CityId::new("khabarovsk")),
        recurrence: Some(Recurrence {
            rrule: "FREQ=YEARLY".into(),
            exdates: vec![],
            host_rotation: vec!["khabarovsk".into(), "niigata".into(), "harbin".into()],
            overrides: vec![],
        }),
        ..Event::default()
    }
}

#[test]
fn rotation_assigns_hosts_in_turn() {
    let occ = conference().occurrences_between(d(2016, 1, 1), d(2019, 12, 31)).expect("expand");
    let hosts: Vec<_> = occ.iter().map(|o| o.host.clone().map(|h| h.0)).collect();
    assert_eq!(
        hosts,
        vec![Some("khabarovsk".into()), Some("niigata".into()), Some("harbin".into()), Some("khabarovsk".into())]
    );
    assert_eq!(occ[1].start_date, d(2017, 10, 12));
    assert_eq!(occ[1].end_date, d(2017, 10, 14));
}

#[test]
fn rotation_skips_cancelled_years() {
    let mut e = conference();
    if let Some(r) = e.recurrence.as_mut() {
        r.exdates.push(d(2017, 10, 12));
    }
    let occ = e.occurrences_between(d(2017, 1, 1), d(2018, 12, 31)).expect("expand");
    assert_eq!(occ.len(), 1);
    assert_eq!(occ[0].start_date, d(2018, 10, 12));
    assert_eq!(occ[0].host, Some(CityId::new("niigata")));
}

#[test]
fn window_starting_mid_series_keeps_rotation_index() {
    let occ = conference().occurrences_between(d(2021, 1, 1), d(2021, 12, 31)).expect("expand");
    assert_eq!(occ.len(), 1);
    assert_eq!(occ[0].index, 5);
    assert_eq!(occ[0].host, Some(CityId::new("harbin")));
}

#[test]
fn city_day_last_sunday_of_may() {
    let e = Event {
        start_date: d(2016, 5, 29),
        end_date: d(2016, 5, 29),
        recurrence: Some(Recurrence { rrule: "FREQ=YEARLY;BYMONTH=5;BYDAY=-1SU".into(), ..Recurrence::default() }),
        ..Event::default()
    };
    let occ = e.occurrences_between(d(2017, 1, 1), d(2017, 12, 31)).expect("expand");
    assert_eq!(occ.len(), 1);
    assert_eq!(occ[0].start_date, d(2017, 5, 28));
}

#[test]
fn single_event_inside_and_outside_window() {
    let e = Event { start_date: d(2016, 6, 1), end_date: d(2016, 6, 3), ..Event::default() };
    assert_eq!(e.occurrences_between(d(2016, 6, 3), d(2016, 6, 30)).expect("ok").len(), 1);
    assert!(e.occurrences_between(d(2016, 6, 4), d(2016, 6, 30)).expect("ok").is_empty());
}

#[test]
fn niigata_time_with_khabarovsk_beside_it() {
    let text = time_with_home(
        chrono_tz::Asia::Tokyo,
        d(2016, 10, 12),
        NaiveTime::from_hms_opt(10, 0, 0).expect("time"),
        "Ниигата",
        chrono_tz::Asia::Vladivostok,
        "Хабаровск",
    );
    assert_eq!(text, "10:00 Ниигата (11:00 Хабаровск)");
    let same = time_with_home(
        chrono_tz::Asia::Vladivostok,
        d(2016, 10, 12),
        NaiveTime::from_hms_opt(10, 0, 0).expect("time"),
        "Хабаровск",
        chrono_tz::Asia::Vladivostok,
        "Хабаровск",
    );
    assert_eq!(same, "10:00 Хабаровск");
    let portland = time_with_home(
        chrono_tz::America::Los_Angeles,
        d(2016, 10, 12),
        NaiveTime::from_hms_opt(19, 0, 0).expect("time"),
        "Портленд",
        chrono_tz::Asia::Vladivostok,
        "Хабаровск",
    );
    assert_eq!(portland, "19:00 Портленд (12:00 13.10 Хабаровск)", "PDT is UTC−7, Khabarovsk UTC+10");
}

#[test]
fn utc_of_timed_event() {
    let e = Event {
        start_date: d(2016, 10, 12),
        end_date: d(2016, 10, 12),
        start_time: NaiveTime::from_hms_opt(10, 0, 0),
        end_time: NaiveTime::from_hms_opt(12, 0, 0),
        time_zone: chrono_tz::Asia::Tokyo,
        ..Event::default()
    };
    assert_eq!(e.start_utc().map(|t| t.to_rfc3339()), Some("2016-10-12T01:00:00+00:00".into()));
    assert_eq!(e.end_utc().map(|t| t.to_rfc3339()), Some("2016-10-12T03:00:00+00:00".into()));
    assert_eq!(e.ical_uid(), "@pobratim");
}

#[test]
fn invalid_rrule_is_reported() {
    let mut e = conference();
    if let Some(r) = e.recurrence.as_mut() {
        r.rrule = "FREQ=SOMETIMES".into();
    }
    let err = e.validate_recurrence().expect_err("must fail");
    assert!(err.to_string().contains("FREQ=SOMETIMES"));
    assert!(conference().validate_recurrence().is_ok());
}

#[test]
fn a_non_latin_letter_in_a_rule_is_an_error_not_a_crash() {
    // The rrule crate panicked on this (found by tests/fuzz.rs).
    let mut e = conference();
    if let Some(r) = e.recurrence.as_mut() {
        r.rrule = "FREQ=YEARLY;BYMONTH=5;BYDAY=-1SС".into();
    }
    let err = e.validate_recurrence().expect_err("refused");
    assert!(err.to_string().contains("«С»"), "{err}");
    assert!(e.occurrences_between(d(2016, 1, 1), d(2020, 1, 1)).is_err());
}

#[test]
fn end_before_start_detects_dates_and_times() {
    let mut e = Event { start_date: d(2016, 6, 3), end_date: d(2016, 6, 1), ..Event::default() };
    assert!(e.ends_before_start());
    e.end_date = d(2016, 6, 3);
    assert!(!e.ends_before_start());
    e.start_time = NaiveTime::from_hms_opt(12, 0, 0);
    e.end_time = NaiveTime::from_hms_opt(10, 0, 0);
    assert!(e.ends_before_start());
}

fn moved(recurrence_id: NaiveDate, start: NaiveDate, end: NaiveDate) -> Override {
    Override { recurrence_id, start_date: Some(start), end_date: Some(end), ..Override::default() }
}

#[test]
fn a_moved_occurrence_replaces_the_original_in_the_expansion() {
    let mut e = conference();
    let rec = e.recurrence.as_mut().expect("recurring");
    // 2017's conference moves from 12–14.10 to 19–21.10; 2018's title changes.
    rec.overrides.push(moved(d(2017, 10, 12), d(2017, 10, 19), d(2017, 10, 21)));
    rec.overrides.push(Override {
        recurrence_id: d(2018, 10, 12),
        title: Some("Конференция 2018".into()),
        ..Override::default()
    });
    let occ = e.occurrences_between(d(2017, 1, 1), d(2018, 12, 31)).expect("expand");
    let starts: Vec<_> = occ.iter().map(|o| o.start_date).collect();
    assert_eq!(starts, vec![d(2017, 10, 19), d(2018, 10, 12)], "the original 12.10.2017 is gone");
    assert_eq!(occ[0].end_date, d(2017, 10, 21));
    assert_eq!(occ[0].recurrence_id, d(2017, 10, 12));
    assert_eq!(e.occurrence_title(&occ[0]).ru_text(), "Трёхсторонняя экологическая конференция");
    assert_eq!(e.occurrence_title(&occ[1]).ru_text(), "Конференция 2018");
    assert_eq!(occ[1].end_date, d(2018, 10, 14), "an unmoved override keeps the series' length");
    // A window holding only the original dates no longer shows it; one holding the new ones does.
    assert!(e.occurrences_between(d(2017, 10, 12), d(2017, 10, 14)).expect("expand").is_empty());
    assert_eq!(e.occurrences_between(d(2017, 10, 20), d(2017, 10, 20)).expect("expand").len(), 1);
}

#[test]
fn an_occurrence_moved_before_others_is_listed_in_date_order() {
    let mut e = conference();
    // 2019's conference moves forward into the window of 2018's, past it.
    e.recurrence.as_mut().expect("recurring").overrides.push(moved(d(2019, 10, 12), d(2018, 9, 1), d(2018, 9, 2)));
    let occ = e.occurrences_between(d(2018, 1, 1), d(2018, 12, 31)).expect("expand");
    let starts: Vec<_> = occ.iter().map(|o| (o.start_date, o.index)).collect();
    assert_eq!(starts, vec![(d(2018, 9, 1), 3), (d(2018, 10, 12), 2)]);
    assert!(e.occurrences_between(d(2019, 1, 1), d(2019, 12, 31)).expect("expand").is_empty());
}

#[test]
fn an_override_keeps_its_place_in_the_host_rotation() {
    let mut e = conference();
    e.recurrence.as_mut().expect("recurring").overrides.push(moved(d(2017, 10, 12), d(2017, 11, 1), d(2017, 11, 3)));
    let occ = e.occurrences_between(d(2016, 1, 1), d(2019, 12, 31)).expect("expand");
    let hosts: Vec<_> = occ.iter().map(|o| o.host.clone().map(|h| h.0).unwrap_or_default()).collect();
    assert_eq!(hosts, vec!["khabarovsk", "niigata", "harbin", "khabarovsk"], "Niigata still hosts 2017");
    assert_eq!(occ[1].start_date, d(2017, 11, 1));
    // A changed host changes that occurrence only.
    e.recurrence.as_mut().expect("recurring").overrides[0].host_city = Some("harbin".into());
    let occ = e.occurrences_between(d(2016, 1, 1), d(2019, 12, 31)).expect("expand");
    let hosts: Vec<_> = occ.iter().map(|o| o.host.clone().map(|h| h.0).unwrap_or_default()).collect();
    assert_eq!(hosts, vec!["khabarovsk", "harbin", "harbin", "khabarovsk"]);
}

#[test]
fn a_weekly_ten_oclock_in_los_angeles_stays_at_ten_across_daylight_saving() {
    let ten = NaiveTime::from_hms_opt(10, 0, 0).expect("time");
    let e = Event {
        start_date: d(2016, 10, 19),
        end_date: d(2016, 10, 19),
        start_time: Some(ten),
        end_time: NaiveTime::from_hms_opt(11, 0, 0),
        time_zone: chrono_tz::America::Los_Angeles,
        recurrence: Some(Recurrence {
            rrule: "FREQ=WEEKLY;COUNT=5".into(),
            exdates: vec![d(2016, 11, 2)],
            ..Recurrence::default()
        }),
        ..Event::default()
    };
    let occ = e.occurrences_between(d(2016, 10, 1), d(2016, 12, 31)).expect("expand");
    let starts: Vec<_> = occ.iter().map(|o| o.start_date).collect();
    assert_eq!(starts, vec![d(2016, 10, 19), d(2016, 10, 26), d(2016, 11, 9), d(2016, 11, 16)], "2.11 excepted");
    assert!(occ.iter().all(|o| o.start_time == Some(ten)), "10:00 local every week");
    let utc: Vec<_> = occ
        .iter()
        .filter_map(|o| local_to_utc(e.time_zone, o.start_date, ten))
        .map(|t| t.format("%H:%M").to_string())
        .collect();
    // PDT (UTC−7) until 6.11.2016, PST (UTC−8) after.
    assert_eq!(utc, vec!["17:00", "17:00", "18:00", "18:00"]);
}

#[test]
fn overrides_the_rule_no_longer_gives_are_listed() {
    let mut e = conference();
    e.recurrence.as_mut().expect("recurring").overrides.push(moved(d(2017, 10, 12), d(2017, 10, 19), d(2017, 10, 21)));
    assert!(e.orphan_overrides().is_empty());
    assert!(e.occurrence_at(d(2017, 10, 12)).is_some_and(|o| o.changed == Some(0)));
    // The conference moves to November from now on: the October 2017 change loses its occurrence.
    e.recurrence.as_mut().expect("recurring").rrule = "FREQ=YEARLY;BYMONTH=11".into();
    let orphans: Vec<_> = e.orphan_overrides().iter().map(|o| o.recurrence_id).collect();
    assert_eq!(orphans, vec![d(2017, 10, 12)]);
    assert!(e.occurrence_at(d(2017, 10, 12)).is_none());
    // Kept in the record all the same.
    assert_eq!(e.recurrence.as_ref().map(|r| r.overrides.len()), Some(1));
    // An exception on the override's date leaves it without an occurrence too.
    let mut e = conference();
    let rec = e.recurrence.as_mut().expect("recurring");
    rec.overrides.push(moved(d(2018, 10, 12), d(2018, 10, 1), d(2018, 10, 1)));
    rec.exdates.push(d(2018, 10, 12));
    assert_eq!(e.orphan_overrides().len(), 1);
}

#[test]
fn only_this_changes_one_occurrence_and_all_changes_the_series() {
    let e = conference();
    let occ = e.occurrence_at(d(2017, 10, 12)).expect("2017");
    let shown = e.occurrence_as_event(&occ);
    assert_eq!(shown.host_city, Some(CityId::new("niigata")));
    let mut edited = shown.clone();
    edited.start_date = d(2017, 10, 19);
    edited.end_date = d(2017, 10, 21);
    edited.venue = "Toki Messe".into();
    let one = e.with_override(e.override_for(occ.recurrence_id, &edited));
    let o = &one.recurrence.as_ref().expect("series").overrides[0];
    assert_eq!((o.start_date, o.end_date, o.venue.as_deref()), (Some(d(2017, 10, 19)), None, Some("Toki Messe")));
    assert_eq!(o.host_city, None, "the host is the rotation's: not a change");
    let years: Vec<_> =
        one.occurrences_between(d(2016, 1, 1), d(2018, 12, 31)).expect("ok").iter().map(|o| o.start_date).collect();
    assert_eq!(years, [d(2016, 10, 12), d(2017, 10, 19), d(2018, 10, 12)], "the rest unchanged");
    // Back as the series had it: the override goes.
    let back = one.with_override(one.override_for(occ.recurrence_id, &shown));
    assert_eq!(back, e);
    // «Все»: moving 2017 a week moves the series a week.
    let all = e.change_all(&shown, &edited);
    assert_eq!((all.start_date, all.end_date), (d(2016, 10, 19), d(2016, 10, 21)));
    assert_eq!(all.venue, "Toki Messe");
    assert_eq!(all.host_city, e.host_city, "the host shown was the rotation's, untouched");
    assert!(!Event::series_fields_differ(&shown, &edited));
    let mut ruled = edited.clone();
    ruled.recurrence.as_mut().expect("series").rrule = "FREQ=YEARLY;INTERVAL=2".into();
    assert!(Event::series_fields_differ(&shown, &ruled));
    // «Удалить только это».
    let without = one.without_occurrence(occ.recurrence_id);
    assert!(without.recurrence.as_ref().is_some_and(|r| r.overrides.is_empty() && r.exdates == [d(2017, 10, 12)]));
}

#[test]
fn hand_edited_dates_at_the_calendars_ends_do_not_panic() {
    let mut e = conference();
    e.end_date = NaiveDate::MAX;
    let rec = e.recurrence.as_mut().expect("recurring");
    rec.overrides.push(Override {
        recurrence_id: d(2017, 10, 12),
        start_date: Some(NaiveDate::MAX),
        ..Override::default()
    });
    rec.overrides.push(Override {
        recurrence_id: NaiveDate::MAX,
        start_date: Some(NaiveDate::MIN),
        ..Override::default()
    });
    let occ = e.occurrences_between(d(2016, 1, 1), d(2018, 12, 31)).expect("expands");
    assert!(!occ.is_empty());
    let _ = e.orphan_overrides();
    let _ = e.occurrence_at(d(2017, 10, 12));
}
