//! Numbers no real record holds: what a hand-edited file (or a slip of the keyboard) can put
//! where the app expects a place on the globe, a year, a headcount or a recurrence. Each is
//! reported with its record and field; the panels skip or clamp such a value, never loop on
//! it.

use super::{Finding, FindingKind, Severity};
use crate::model::Model;
use crate::model::ids::RecordId;
use chrono::{Datelike, NaiveDate};

/// The years a date of the department's work may fall in.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;
/// More people than any delegation or event the department has seen, by far.
pub const MAX_HEADCOUNT: u64 = 100_000;
/// More delegations in a year than any department receives or sends.
pub const MAX_DELEGATIONS: u64 = 10_000;
/// More tourists in a year than the whole country receives.
pub const MAX_TOURISTS: u64 = 1_000_000_000;
/// The most occurrences a series may count, and its longest interval.
pub const MAX_COUNT: u64 = 10_000;
/// The longest interval between occurrences (in the rule's unit).
pub const MAX_INTERVAL: u64 = 1_000;

fn out_of_range(subject: RecordId, field: impl Into<String>, value: impl ToString, allowed: &'static str) -> Finding {
    Finding::new(Severity::Error, subject, field, FindingKind::OutOfRange { value: value.to_string(), allowed })
}

/// A coordinate as a person can read it: `1e300`, not three hundred digits.
fn number(v: f64) -> String {
    if v.is_finite() && v.abs() < 1e7 { v.to_string() } else { format!("{v:e}") }
}

/// A date outside [`YEARS`].
fn date(out: &mut Vec<Finding>, subject: &RecordId, field: &str, d: NaiveDate) {
    if !YEARS.contains(&d.year()) {
        out.push(out_of_range(subject.clone(), field, crate::model::date::fmt_date(d), "1900–2100"));
    }
}

/// A year outside [`YEARS`].
fn year(out: &mut Vec<Finding>, subject: &RecordId, field: &str, y: i32) {
    if !YEARS.contains(&y) {
        out.push(out_of_range(subject.clone(), field, y, "1900–2100"));
    }
}

/// A count above `max`.
fn count(out: &mut Vec<Finding>, subject: &RecordId, field: &str, n: u64, max: u64, allowed: &'static str) {
    if n > max {
        out.push(out_of_range(subject.clone(), field, n, allowed));
    }
}

/// Every out-of-range or non-finite number in the model.
pub fn check_ranges(model: &Model, out: &mut Vec<Finding>) {
    for c in &model.cities {
        let s = RecordId::City(c.id.clone());
        if let Some(p) = c.coordinates {
            if !(p.lat.is_finite() && p.lat.abs() <= 90.0) {
                out.push(out_of_range(s.clone(), "coordinates.lat", number(p.lat), "−90…90"));
            }
            if !(p.lon.is_finite() && p.lon.abs() <= 180.0) {
                out.push(out_of_range(s.clone(), "coordinates.lon", number(p.lon), "−180…180"));
            }
        }
        if let Some(since) = c.since {
            year(out, &s, "since", since.year);
        }
        for (i, a) in c.agreements.iter().enumerate() {
            if let Some(signed) = a.signed {
                year(out, &s, &format!("agreements[{i}].signed"), signed.year);
            }
            if let Some(expires) = a.expires {
                date(out, &s, &format!("agreements[{i}].expires"), expires);
            }
        }
    }
    for p in &model.people {
        let s = RecordId::Person(p.id.clone());
        if let Some(b) = p.birth_date {
            date(out, &s, "birth_date", b);
        }
    }
    for e in &model.events {
        let s = RecordId::Event(e.id.clone());
        date(out, &s, "start_date", e.start_date);
        date(out, &s, "end_date", e.end_date);
        if let Some(r) = &e.recurrence {
            recurrence(out, &s, &r.rrule);
        }
    }
    for d in &model.delegations {
        let s = RecordId::Delegation(d.id.clone());
        date(out, &s, "arrival", d.arrival.date);
        date(out, &s, "departure", d.departure.date);
        if d.too_long() {
            let days = (d.departure.date - d.arrival.date).num_days() + 1;
            out.push(Finding::new(Severity::Error, s.clone(), "departure", FindingKind::StayTooLong { days }));
        }
        if let Some(n) = d.headcount {
            count(out, &s, "headcount", u64::from(n), MAX_HEADCOUNT, "0–100000");
        }
    }
    for f in &model.figures {
        let s = RecordId::Figures(f.year);
        year(out, &s, "year", f.year);
        if let Some(n) = f.foreign_tourists {
            count(out, &s, "foreign_tourists", n, MAX_TOURISTS, "0–1000000000");
        }
        for (field, n) in [("delegations_received", f.delegations_received), ("delegations_sent", f.delegations_sent)] {
            if let Some(n) = n {
                count(out, &s, field, u64::from(n), MAX_DELEGATIONS, "0–10000");
            }
        }
        for (i, c) in f.by_country.iter().enumerate() {
            count(out, &s, &format!("by_country[{i}].count"), c.count, MAX_TOURISTS, "0–1000000000");
        }
        for (i, m) in f.by_month.iter().enumerate() {
            if !(1..=12).contains(&m.month) {
                out.push(out_of_range(s.clone(), format!("by_month[{i}].month"), m.month, "1–12"));
            }
            count(out, &s, &format!("by_month[{i}].count"), m.count, MAX_TOURISTS, "0–1000000000");
        }
    }
}

/// COUNT, INTERVAL and a frequency finer than a day in a recurrence rule (the calendar
/// works in days: «every second» would be 86,400 occurrences a day).
fn recurrence(out: &mut Vec<Finding>, subject: &RecordId, rule: &str) {
    for part in rule.trim().trim_start_matches("RRULE:").split(';') {
        let Some((key, value)) = part.split_once('=') else { continue };
        let key = key.trim().to_ascii_uppercase();
        let value = value.trim();
        match key.as_str() {
            "FREQ" if matches!(value.to_ascii_uppercase().as_str(), "SECONDLY" | "MINUTELY" | "HOURLY") => {
                out.push(out_of_range(subject.clone(), "recurrence.rrule", format!("FREQ={value}"), "DAILY–YEARLY"));
            }
            "COUNT" => match value.parse::<u64>() {
                Ok(n) if n <= MAX_COUNT => {}
                _ => out.push(out_of_range(subject.clone(), "recurrence.rrule", format!("COUNT={value}"), "1–10000")),
            },
            "INTERVAL" => match value.parse::<u64>() {
                Ok(n) if (1..=MAX_INTERVAL).contains(&n) => {}
                _ => out.push(out_of_range(subject.clone(), "recurrence.rrule", format!("INTERVAL={value}"), "1–1000")),
            },
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{City, Coordinates, Delegation, Event, Recurrence, YearFigures};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    fn fields(model: &Model) -> Vec<(String, String)> {
        let mut out = Vec::new();
        check_ranges(model, &mut out);
        out.into_iter()
            .map(|f| {
                let value = match &f.kind {
                    FindingKind::OutOfRange { value, .. } => value.clone(),
                    FindingKind::StayTooLong { days } => days.to_string(),
                    other => format!("{other:?}"),
                };
                (f.field, value)
            })
            .collect()
    }

    #[test]
    fn finds_impossible_coordinates_years_counts_and_rules() {
        let mut m = Model::default();
        m.cities.push(
            City { id: "x".into(), coordinates: Some(Coordinates { lat: 48.5, lon: 1e300 }), ..City::default() }.into(),
        );
        m.cities.push(
            City { id: "y".into(), coordinates: Some(Coordinates { lat: f64::NAN, lon: 135.0 }), ..City::default() }
                .into(),
        );
        let mut stay = Delegation { id: "del".into(), headcount: Some(4_000_000), ..Delegation::default() };
        stay.arrival.date = d(2017, 5, 26);
        stay.departure.date = d(2107, 5, 29);
        m.delegations.push(stay.into());
        m.events.push(
            Event {
                id: "e".into(),
                start_date: d(2016, 5, 29),
                end_date: d(2016, 5, 29),
                recurrence: Some(Recurrence {
                    rrule: "FREQ=SECONDLY;COUNT=99999999;INTERVAL=0".into(),
                    ..Recurrence::default()
                }),
                ..Event::default()
            }
            .into(),
        );
        m.figures.push(YearFigures { year: 20160, ..YearFigures::default() });
        let found = fields(&m);
        for (field, value) in [
            ("coordinates.lon", "1e300"),
            ("coordinates.lat", "NaN"),
            ("departure", "2107-05-29"),
            ("headcount", "4000000"),
            ("recurrence.rrule", "FREQ=SECONDLY"),
            ("recurrence.rrule", "COUNT=99999999"),
            ("recurrence.rrule", "INTERVAL=0"),
            ("year", "20160"),
        ] {
            let value = if field == "departure" { "29.05.2107" } else { value };
            assert!(found.iter().any(|(f, v)| f == field && v == value), "{field} {value} in {found:?}");
        }
        assert!(found.iter().any(|(f, v)| f == "departure" && v == "32875"), "the stay too long: {found:?}");
    }
}
