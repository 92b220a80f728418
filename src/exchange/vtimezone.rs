//! VTIMEZONE components (RFC 5545 §3.6.5) made from the IANA tables of `chrono-tz`, so a
//! timed event written with `TZID=America/Los_Angeles` keeps its local time in any
//! calendar program, across daylight saving.
//!
//! The transitions of the years asked for are found by sampling the zone's UTC offset day
//! by day and bisecting each change to the second. Years that follow one pattern (same
//! month, same n-th or last weekday, same local time, same offsets) become one observance
//! with a yearly RRULE; the last pattern is left open, as every calendar program assumes the
//! current rule goes on. A zone without changes is one STANDARD observance.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc, Weekday};
use chrono_tz::{OffsetComponents, OffsetName, Tz};

/// One change of offset.
#[derive(Clone, Debug, PartialEq)]
struct Transition {
    /// Local time of the change, read in the old offset (as DTSTART of an observance is).
    local: NaiveDateTime,
    from: i32,
    to: i32,
    daylight: bool,
    name: String,
}

fn offset_at(tz: Tz, t: DateTime<Utc>) -> (i32, bool, String) {
    let off = tz.offset_from_utc_datetime(&t.naive_utc());
    let daylight = off.dst_offset() != chrono::TimeDelta::zero();
    (off.fix().local_minus_utc(), daylight, off.abbreviation().unwrap_or_default().to_owned())
}

fn transitions(tz: Tz, from_year: i32, to_year: i32) -> Vec<Transition> {
    let (Some(start), Some(end)) =
        (NaiveDate::from_ymd_opt(from_year, 1, 1), NaiveDate::from_ymd_opt(to_year.saturating_add(1), 1, 1))
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut day = start.and_time(chrono::NaiveTime::MIN).and_utc();
    let end = end.and_time(chrono::NaiveTime::MIN).and_utc();
    let mut before = offset_at(tz, day);
    while day < end {
        let next = day + Duration::days(1);
        let after = offset_at(tz, next);
        if after.0 != before.0 || after.1 != before.1 {
            // The first second in the new offset.
            let (mut lo, mut hi) = (day, next);
            while hi - lo > Duration::seconds(1) {
                let mid = lo + (hi - lo) / 2;
                if offset_at(tz, mid).0 == before.0 && offset_at(tz, mid).1 == before.1 {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            let local = hi.naive_utc() + Duration::seconds(i64::from(before.0));
            out.push(Transition { local, from: before.0, to: after.0, daylight: after.1, name: after.2.clone() });
        }
        before = after;
        day = next;
    }
    out
}

/// `+0900`, `-0800`, `+0530`.
fn offset_text(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.unsigned_abs();
    let (h, m, sec) = (s / 3600, s % 3600 / 60, s % 60);
    if sec == 0 { format!("{sign}{h:02}{m:02}") } else { format!("{sign}{h:02}{m:02}{sec:02}") }
}

/// The day rule a transition follows: `2SU`, `-1SU`.
fn byday(date: NaiveDate) -> String {
    let wd = match date.weekday() {
        Weekday::Mon => "MO",
        Weekday::Tue => "TU",
        Weekday::Wed => "WE",
        Weekday::Thu => "TH",
        Weekday::Fri => "FR",
        Weekday::Sat => "SA",
        Weekday::Sun => "SU",
    };
    let n = (date.day() - 1) / 7 + 1;
    let last = date.checked_add_days(chrono::Days::new(7)).is_none_or(|d| d.month() != date.month());
    if last && n >= 4 { format!("-1{wd}") } else { format!("{n}{wd}") }
}

fn fmt_local(t: NaiveDateTime) -> String {
    t.format("%Y%m%dT%H%M%S").to_string()
}

/// The VTIMEZONE of `tz` for events between `from_year` and `to_year`, as content lines
/// (unfolded, without line ends).
pub fn vtimezone(tz: Tz, from_year: i32, to_year: i32) -> Vec<String> {
    // A hand-edited year far off would mean sampling millions of days: the zone is
    // described over at most two centuries around the present tables (chrono-tz's data
    // holds from 1900 to 2100, with the last rules extended beyond).
    let to_year = to_year.clamp(1900, 2200);
    let from_year = from_year.clamp(1900, to_year).max(to_year - 200);
    let mut lines = vec!["BEGIN:VTIMEZONE".to_owned(), format!("TZID:{}", tz.name())];
    let all = transitions(tz, from_year, to_year.max(from_year));
    // The offset in force at the start of the range, as an observance that began then.
    let first_day =
        NaiveDate::from_ymd_opt(from_year, 1, 1).unwrap_or_default().and_time(chrono::NaiveTime::MIN).and_utc();
    let (offset, daylight, name) = offset_at(tz, first_day);
    let observance =
        |kind: &str, start: NaiveDateTime, from: i32, to: i32, name: &str, rrule: Option<String>| -> Vec<String> {
            let mut l = vec![
                format!("BEGIN:{kind}"),
                format!("DTSTART:{}", fmt_local(start)),
                format!("TZOFFSETFROM:{}", offset_text(from)),
                format!("TZOFFSETTO:{}", offset_text(to)),
            ];
            if let Some(r) = rrule {
                l.push(format!("RRULE:{r}"));
            }
            if !name.is_empty() {
                l.push(format!("TZNAME:{name}"));
            }
            l.push(format!("END:{kind}"));
            l
        };
    let kind = |daylight: bool| if daylight { "DAYLIGHT" } else { "STANDARD" };
    let start_local = first_day.naive_utc() + Duration::seconds(i64::from(offset));
    if all.is_empty() {
        lines.extend(observance("STANDARD", start_local, offset, offset, &name, None));
        lines.push("END:VTIMEZONE".into());
        return lines;
    }
    lines.extend(observance(kind(daylight), start_local, offset, offset, &name, None));
    // Group each kind of change (spring, autumn) into runs of years with one pattern.
    let pattern = |t: &Transition| (t.local.month(), byday(t.local.date()), t.local.time(), t.from, t.to, t.daylight);
    let mut used = vec![false; all.len()];
    for i in 0..all.len() {
        if used[i] {
            continue;
        }
        let p = pattern(&all[i]);
        let mut run = vec![i];
        let mut year = all[i].local.year();
        for (j, t) in all.iter().enumerate().skip(i + 1) {
            if used[j] || t.local.year() <= year {
                continue;
            }
            if t.local.year() == year + 1 && pattern(t) == p {
                run.push(j);
                year += 1;
            } else if t.local.year() > year + 1 {
                break;
            }
        }
        for &j in &run {
            used[j] = true;
        }
        let first = &all[i];
        let last = &all[run[run.len() - 1]];
        // A run that reaches the last year with a change goes on: the tables stop listing
        // changes some decades ahead, and every calendar program repeats the last rule.
        let final_year = all.last().map_or(to_year, |t| t.local.year());
        let open = last.local.year() >= final_year;
        let rrule = if run.len() == 1 && !open {
            None
        } else {
            let mut r = format!("FREQ=YEARLY;BYMONTH={};BYDAY={}", p.0, p.1);
            if !open {
                let until = last.local - Duration::seconds(i64::from(last.from));
                r.push_str(&format!(";UNTIL={}Z", fmt_local(until)));
            }
            Some(r)
        };
        lines.extend(observance(kind(first.daylight), first.local, first.from, first.to, &first.name, rrule));
    }
    lines.push("END:VTIMEZONE".into());
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn los_angeles_has_its_american_rules() {
        let lines = vtimezone(chrono_tz::America::Los_Angeles, 2016, 2018);
        let text = lines.join("\n");
        assert!(text.contains("TZID:America/Los_Angeles"), "{text}");
        assert!(text.contains("BEGIN:DAYLIGHT\nDTSTART:20160313T020000\nTZOFFSETFROM:-0800\nTZOFFSETTO:-0700\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU\nTZNAME:PDT"), "{text}");
        assert!(text.contains("BEGIN:STANDARD\nDTSTART:20161106T020000\nTZOFFSETFROM:-0700\nTZOFFSETTO:-0800\nRRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU\nTZNAME:PST"), "{text}");
    }

    #[test]
    fn a_zone_without_changes_is_one_standard_observance() {
        let lines = vtimezone(chrono_tz::Asia::Tokyo, 2016, 2020);
        assert_eq!(
            lines,
            [
                "BEGIN:VTIMEZONE",
                "TZID:Asia/Tokyo",
                "BEGIN:STANDARD",
                "DTSTART:20160101T090000",
                "TZOFFSETFROM:+0900",
                "TZOFFSETTO:+0900",
                "TZNAME:JST",
                "END:STANDARD",
                "END:VTIMEZONE"
            ]
        );
    }

    #[test]
    fn a_year_far_off_is_described_over_two_centuries_at_most() {
        // Sampled day by day, 400,000 years would hang the export.
        let lines = vtimezone(chrono_tz::America::Los_Angeles, -200_000, 200_000);
        assert!(lines.iter().any(|l| l == "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU"));
        assert!(lines.iter().any(|l| l.starts_with("DTSTART:2000")), "from 2000 (200 years before 2200)");
    }

    #[test]
    fn a_rule_that_changed_is_closed_with_until() {
        // The United States moved both changes in 2007.
        let text = vtimezone(chrono_tz::America::Los_Angeles, 2005, 2008).join("\n");
        assert!(text.contains("RRULE:FREQ=YEARLY;BYMONTH=4;BYDAY=1SU;UNTIL=20060402T100000Z"), "{text}");
        assert!(text.contains("RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU\n"), "{text}");
    }
}
