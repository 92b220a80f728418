//! A recurrence rule as the event form edits it, in plain words: «каждый год, последнее
//! воскресенье мая», «каждые 3 года», «каждую неделю: пн, ср», «каждый месяц, 15-го числа»,
//! with an end (never, after N times, until a date). [`Plain::parse`] reads the RRULE text
//! the model stores; [`Plain::to_rrule`] writes it back in one canonical order. A rule this
//! shape cannot hold (BYSETPOS, BYWEEKNO, several ordinal days, hours…) parses to `None`:
//! the form then shows the text read-only and never rewrites it.

use super::Lang;
use chrono::{Datelike, NaiveDate, Weekday};

/// How often.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Freq {
    /// Every N days.
    Daily,
    /// Every N weeks.
    Weekly,
    /// Every N months.
    Monthly,
    /// Every N years.
    Yearly,
}

impl Freq {
    /// Every frequency, in the order the form offers them.
    pub const ALL: [Freq; 4] = [Freq::Yearly, Freq::Monthly, Freq::Weekly, Freq::Daily];

    fn key(self) -> &'static str {
        match self {
            Freq::Daily => "DAILY",
            Freq::Weekly => "WEEKLY",
            Freq::Monthly => "MONTHLY",
            Freq::Yearly => "YEARLY",
        }
    }
}

/// Which day of the month (or of the month named in a yearly rule).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DayRule {
    /// The start's own day: a yearly rule repeats its date, a monthly one its day of month.
    Same,
    /// A day of the month, 1–31, or −1 for the last day.
    MonthDay(i8),
    /// The n-th weekday of the month (1–5), or the last (−1): «последнее воскресенье».
    Nth(i8, Weekday),
}

/// When the repetition stops.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum End {
    /// Never.
    Never,
    /// After this many occurrences (COUNT).
    Count(u32),
    /// On this date, inclusive (UNTIL).
    Until(NaiveDate),
}

/// A rule the form can show in words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plain {
    /// How often.
    pub freq: Freq,
    /// Every `interval` days, weeks, months or years (1 or more).
    pub interval: u32,
    /// Weekly rules: on these weekdays (none: the start's weekday).
    pub weekdays: Vec<Weekday>,
    /// Yearly rules: in this month (none: the start's month).
    pub month: Option<u32>,
    /// Monthly and yearly rules: which day.
    pub day: DayRule,
    /// When it stops.
    pub end: End,
}

impl Default for Plain {
    fn default() -> Self {
        Plain {
            freq: Freq::Yearly,
            interval: 1,
            weekdays: Vec::new(),
            month: None,
            day: DayRule::Same,
            end: End::Never,
        }
    }
}

const WEEKDAYS: [(Weekday, &str); 7] = [
    (Weekday::Mon, "MO"),
    (Weekday::Tue, "TU"),
    (Weekday::Wed, "WE"),
    (Weekday::Thu, "TH"),
    (Weekday::Fri, "FR"),
    (Weekday::Sat, "SA"),
    (Weekday::Sun, "SU"),
];

fn weekday_key(w: Weekday) -> &'static str {
    WEEKDAYS[w.num_days_from_monday() as usize].1
}

fn weekday_from(key: &str) -> Option<Weekday> {
    WEEKDAYS.iter().find(|(_, k)| *k == key).map(|(w, _)| *w)
}

/// `-1SU` → (−1, Sunday); `MO` → (0, Monday).
fn parse_byday(value: &str) -> Option<(i8, Weekday)> {
    let value = value.trim();
    let split = value.len().checked_sub(2)?;
    let (n, day) = (value.get(..split)?, value.get(split..)?);
    let weekday = weekday_from(day)?;
    let n: i8 = if n.is_empty() { 0 } else { n.trim_start_matches('+').parse().ok()? };
    Some((n, weekday))
}

impl Plain {
    /// The rule in plain words, or `None` when the text says more than the form can hold.
    pub fn parse(rrule: &str) -> Option<Plain> {
        let text = rrule.trim().trim_start_matches("RRULE:");
        let mut seen: Vec<&str> = Vec::new();
        let mut plain = Plain::default();
        let mut freq = None;
        let mut byday: Option<&str> = None;
        let mut bymonthday = None;
        for part in text.split(';').filter(|p| !p.trim().is_empty()) {
            let (key, value) = part.split_once('=')?;
            let key = key.trim();
            if seen.contains(&key) {
                return None;
            }
            seen.push(key);
            let value = value.trim();
            match key {
                "FREQ" => freq = Some(Freq::ALL.into_iter().find(|f| f.key() == value)?),
                "INTERVAL" => plain.interval = value.parse().ok().filter(|n| *n >= 1)?,
                "COUNT" => plain.end = End::Count(value.parse().ok().filter(|n| *n >= 1)?),
                "UNTIL" => {
                    let date = value.get(..8).and_then(|d| NaiveDate::parse_from_str(d, "%Y%m%d").ok())?;
                    // A date, or a date with a time: the form keeps the date only.
                    let rest = &value[8..];
                    if !(rest.is_empty() || rest.starts_with('T')) {
                        return None;
                    }
                    plain.end = End::Until(date);
                }
                "BYMONTH" => plain.month = Some(value.parse().ok().filter(|m| (1..=12).contains(m))?),
                "BYMONTHDAY" => {
                    bymonthday = Some(value.parse::<i8>().ok().filter(|d| (1..=31).contains(d) || *d == -1)?);
                }
                "BYDAY" => byday = Some(value),
                "WKST" if value == "MO" => {}
                _ => return None,
            }
        }
        if seen.contains(&"COUNT") && seen.contains(&"UNTIL") {
            return None;
        }
        plain.freq = freq?;
        match plain.freq {
            Freq::Daily => {
                if byday.is_some() || bymonthday.is_some() || plain.month.is_some() {
                    return None;
                }
            }
            Freq::Weekly => {
                if bymonthday.is_some() || plain.month.is_some() {
                    return None;
                }
                if let Some(days) = byday {
                    for d in days.split(',') {
                        let (n, w) = parse_byday(d)?;
                        if n != 0 || plain.weekdays.contains(&w) {
                            return None;
                        }
                        plain.weekdays.push(w);
                    }
                    plain.weekdays.sort_by_key(|w| w.num_days_from_monday());
                }
            }
            Freq::Monthly | Freq::Yearly => {
                if plain.freq == Freq::Monthly && plain.month.is_some() {
                    return None;
                }
                plain.day = match (byday, bymonthday) {
                    (Some(_), Some(_)) => return None,
                    (Some(d), None) => match parse_byday(d)? {
                        (n, w) if (1..=5).contains(&n) || n == -1 => DayRule::Nth(n, w),
                        _ => return None,
                    },
                    (None, Some(d)) => DayRule::MonthDay(d),
                    (None, None) => DayRule::Same,
                };
                // In a yearly rule a day without a month means that day of every month, or
                // the n-th weekday of the whole year: not what the words would say.
                if plain.freq == Freq::Yearly && plain.day != DayRule::Same && plain.month.is_none() {
                    return None;
                }
            }
        }
        Some(plain)
    }

    /// The RRULE text, in one order: FREQ, INTERVAL, BYMONTH, BYMONTHDAY or BYDAY, COUNT
    /// or UNTIL.
    pub fn to_rrule(&self) -> String {
        let mut parts = vec![format!("FREQ={}", self.freq.key())];
        if self.interval > 1 {
            parts.push(format!("INTERVAL={}", self.interval));
        }
        match self.freq {
            Freq::Daily => {}
            Freq::Weekly => {
                if !self.weekdays.is_empty() {
                    let mut days = self.weekdays.clone();
                    days.sort_by_key(|w| w.num_days_from_monday());
                    days.dedup();
                    parts.push(format!("BYDAY={}", days.iter().map(|w| weekday_key(*w)).collect::<Vec<_>>().join(",")));
                }
            }
            Freq::Monthly | Freq::Yearly => {
                if self.freq == Freq::Yearly
                    && let Some(m) = self.month
                {
                    parts.push(format!("BYMONTH={m}"));
                }
                match self.day {
                    DayRule::Same => {}
                    DayRule::MonthDay(d) => parts.push(format!("BYMONTHDAY={d}")),
                    DayRule::Nth(n, w) => parts.push(format!("BYDAY={n}{}", weekday_key(w))),
                }
            }
        }
        match self.end {
            End::Never => {}
            End::Count(n) => parts.push(format!("COUNT={n}")),
            End::Until(d) => parts.push(format!("UNTIL={}", d.format("%Y%m%d"))),
        }
        parts.join(";")
    }

    /// Made for the start date: a yearly day rule names the start's month.
    pub fn for_start(mut self, start: NaiveDate) -> Plain {
        if self.freq == Freq::Yearly && self.day != DayRule::Same && self.month.is_none() {
            self.month = Some(start.month());
        }
        self
    }

    /// The rule in words: «каждый год, последнее воскресенье мая», "every 3 years, 12 October".
    pub fn describe(&self, lang: Lang, start: NaiveDate) -> String {
        let ru = lang == Lang::Ru;
        let mut out = every(self.freq, self.interval, lang);
        match self.freq {
            Freq::Daily => {}
            Freq::Weekly => {
                let days = if self.weekdays.is_empty() { vec![start.weekday()] } else { self.weekdays.clone() };
                let names: Vec<&str> = days.iter().map(|w| weekday_short(lang, *w)).collect();
                out.push_str(&format!(": {}", names.join(", ")));
            }
            Freq::Monthly | Freq::Yearly => {
                let month = (self.freq == Freq::Yearly).then(|| self.month.unwrap_or(start.month()));
                let day = match self.day {
                    DayRule::Same => match month {
                        Some(m) if ru => format!("{} {}", start.day(), MONTHS_GENITIVE_RU[m as usize - 1]),
                        Some(m) => format!("{} {}", start.day(), super::date::month_name(lang, m)),
                        None if ru => format!("{}-го числа", start.day()),
                        None => format!("on day {}", start.day()),
                    },
                    DayRule::MonthDay(-1) if ru => "последний день".to_owned(),
                    DayRule::MonthDay(-1) => "the last day".to_owned(),
                    DayRule::MonthDay(d) => match month {
                        Some(m) if ru => format!("{d} {}", MONTHS_GENITIVE_RU[m as usize - 1]),
                        Some(m) => format!("{d} {}", super::date::month_name(lang, m)),
                        None if ru => format!("{d}-го числа"),
                        None => format!("on day {d}"),
                    },
                    DayRule::Nth(n, w) => nth_weekday(lang, n, w),
                };
                let of_month = match (self.day, month) {
                    (DayRule::MonthDay(-1) | DayRule::Nth(..), Some(m)) if ru => {
                        format!(" {}", MONTHS_GENITIVE_RU[m as usize - 1])
                    }
                    (DayRule::MonthDay(-1) | DayRule::Nth(..), Some(m)) => {
                        format!(" of {}", super::date::month_name(lang, m))
                    }
                    _ => String::new(),
                };
                out.push_str(&format!(", {day}{of_month}"));
            }
        }
        match self.end {
            End::Never => {}
            End::Count(n) if ru => out.push_str(&format!(", {n} {}", plural_ru(n, ["раз", "раза", "раз"]))),
            End::Count(n) => out.push_str(&format!(", {n} {}", if n == 1 { "time" } else { "times" })),
            End::Until(d) if ru => out.push_str(&format!(", до {}", super::date::fmt_date(d))),
            End::Until(d) => out.push_str(&format!(", until {}", super::date::fmt_date(d))),
        }
        out
    }
}

const MONTHS_GENITIVE_RU: [&str; 12] = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
];

/// Russian plural: one, few (2–4), many.
pub(crate) fn plural_ru(n: u32, forms: [&'static str; 3]) -> &'static str {
    match (n % 10, n % 100) {
        (1, r) if r != 11 => forms[0],
        (2..=4, r) if !(12..=14).contains(&r) => forms[1],
        _ => forms[2],
    }
}

/// «каждый год», «каждые 3 года», «каждые 5 лет»; "every year", "every 3 years".
pub fn every(freq: Freq, n: u32, lang: Lang) -> String {
    if lang == Lang::Ru {
        let (one, forms): (&str, [&str; 3]) = match freq {
            Freq::Daily => ("каждый день", ["день", "дня", "дней"]),
            Freq::Weekly => ("каждую неделю", ["неделю", "недели", "недель"]),
            Freq::Monthly => ("каждый месяц", ["месяц", "месяца", "месяцев"]),
            Freq::Yearly => ("каждый год", ["год", "года", "лет"]),
        };
        if n <= 1 {
            return one.to_owned();
        }
        let word = plural_ru(n, forms);
        // «каждый 21 год», «каждую 21 неделю», but «каждые 3 года».
        let each = if word == forms[0] { one.split(' ').next().unwrap_or("каждые") } else { "каждые" };
        format!("{each} {n} {word}")
    } else {
        let unit = match freq {
            Freq::Daily => "day",
            Freq::Weekly => "week",
            Freq::Monthly => "month",
            Freq::Yearly => "year",
        };
        if n <= 1 { format!("every {unit}") } else { format!("every {n} {unit}s") }
    }
}

/// «пн» / "Mon".
pub fn weekday_short(lang: Lang, w: Weekday) -> &'static str {
    const RU: [&str; 7] = ["пн", "вт", "ср", "чт", "пт", "сб", "вс"];
    const EN: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    let i = w.num_days_from_monday() as usize;
    if lang == Lang::Ru { RU[i] } else { EN[i] }
}

/// «понедельник» / "Monday".
pub fn weekday_name(lang: Lang, w: Weekday) -> &'static str {
    const RU: [&str; 7] = ["понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье"];
    const EN: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
    let i = w.num_days_from_monday() as usize;
    if lang == Lang::Ru { RU[i] } else { EN[i] }
}

/// «первый», «последнее»… agreeing with the weekday's gender in Russian; "first", "last".
pub fn ordinal(lang: Lang, n: i8, w: Weekday) -> &'static str {
    if lang != Lang::Ru {
        return match n {
            1 => "first",
            2 => "second",
            3 => "third",
            4 => "fourth",
            5 => "fifth",
            _ => "last",
        };
    }
    // Masculine, feminine, neuter.
    let forms: [&str; 3] = match n {
        1 => ["первый", "первая", "первое"],
        2 => ["второй", "вторая", "второе"],
        3 => ["третий", "третья", "третье"],
        4 => ["четвёртый", "четвёртая", "четвёртое"],
        5 => ["пятый", "пятая", "пятое"],
        _ => ["последний", "последняя", "последнее"],
    };
    match w {
        Weekday::Wed | Weekday::Fri | Weekday::Sat => forms[1],
        Weekday::Sun => forms[2],
        _ => forms[0],
    }
}

/// «последнее воскресенье» / "the last Sunday".
pub fn nth_weekday(lang: Lang, n: i8, w: Weekday) -> String {
    let text = format!("{} {}", ordinal(lang, n, w), weekday_name(lang, w));
    if lang == Lang::Ru { text } else { format!("the {text}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    #[test]
    fn city_day_reads_as_the_last_sunday_of_may() {
        let p = Plain::parse("FREQ=YEARLY;BYMONTH=5;BYDAY=-1SU").expect("plain");
        assert_eq!(p.day, DayRule::Nth(-1, Weekday::Sun));
        assert_eq!(p.describe(Lang::Ru, d(2016, 5, 29)), "каждый год, последнее воскресенье мая");
        assert_eq!(p.describe(Lang::En, d(2016, 5, 29)), "every year, the last Sunday of May");
        assert_eq!(p.to_rrule(), "FREQ=YEARLY;BYMONTH=5;BYDAY=-1SU");
    }

    #[test]
    fn intervals_and_ends_in_words() {
        let start = d(2016, 10, 12);
        let say = |rule: &str| Plain::parse(rule).expect(rule).describe(Lang::Ru, start);
        assert_eq!(say("FREQ=YEARLY"), "каждый год, 12 октября");
        assert_eq!(say("FREQ=YEARLY;INTERVAL=3"), "каждые 3 года, 12 октября");
        assert_eq!(say("FREQ=YEARLY;INTERVAL=5;COUNT=4"), "каждые 5 лет, 12 октября, 4 раза");
        assert_eq!(say("FREQ=YEARLY;INTERVAL=21"), "каждый 21 год, 12 октября");
        assert_eq!(say("FREQ=MONTHLY;BYMONTHDAY=15"), "каждый месяц, 15-го числа");
        assert_eq!(say("FREQ=MONTHLY;BYMONTHDAY=-1;UNTIL=20171231"), "каждый месяц, последний день, до 31.12.2017");
        assert_eq!(say("FREQ=MONTHLY;BYDAY=2WE"), "каждый месяц, вторая среда");
        assert_eq!(say("FREQ=WEEKLY;INTERVAL=2;BYDAY=WE,MO"), "каждые 2 недели: пн, ср");
        assert_eq!(say("FREQ=WEEKLY"), "каждую неделю: ср");
        assert_eq!(say("FREQ=DAILY;COUNT=3"), "каждый день, 3 раза");
        let en = |rule: &str| Plain::parse(rule).expect(rule).describe(Lang::En, start);
        assert_eq!(en("FREQ=YEARLY;INTERVAL=3"), "every 3 years, 12 October");
        assert_eq!(en("FREQ=WEEKLY;BYDAY=MO,FR;COUNT=1"), "every week: Mon, Fri, 1 time");
    }

    #[test]
    fn what_the_words_cannot_hold_stays_text() {
        for rule in [
            "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
            "FREQ=YEARLY;BYWEEKNO=20",
            "FREQ=MONTHLY;BYDAY=1MO,3MO",
            "FREQ=YEARLY;BYMONTH=5,6",
            "FREQ=YEARLY;BYDAY=-1SU",
            "FREQ=YEARLY;BYMONTHDAY=1",
            "FREQ=HOURLY",
            "FREQ=DAILY;BYHOUR=10",
            "FREQ=YEARLY;COUNT=3;UNTIL=20200101",
            "FREQ=YEARLY;FREQ=MONTHLY",
            "FREQ=WEEKLY;BYDAY=1MO",
            "FREQ=MONTHLY;BYMONTH=5",
            "FREQ=YEARLY;WKST=SU",
            "FREQ=YEARLY;INTERVAL=0",
            "FREQ=WEEKLY;BYDAY=MO,MO",
            "BYMONTH=5",
            "",
        ] {
            assert_eq!(Plain::parse(rule), None, "{rule}");
        }
    }

    #[test]
    fn every_plain_rule_writes_back_to_itself_and_the_crate_reads_it() {
        let weekdays = [Weekday::Mon, Weekday::Wed, Weekday::Sun];
        let mut rules = Vec::new();
        for freq in Freq::ALL {
            for interval in [1, 2, 5] {
                for end in [End::Never, End::Count(4), End::Until(d(2020, 12, 31))] {
                    let base = Plain { freq, interval, end, ..Plain::default() };
                    rules.push(base.clone());
                    match freq {
                        Freq::Weekly => rules.push(Plain { weekdays: weekdays.to_vec(), ..base }),
                        Freq::Monthly => {
                            rules.push(Plain { day: DayRule::MonthDay(-1), ..base.clone() });
                            rules.push(Plain { day: DayRule::Nth(2, Weekday::Thu), ..base });
                        }
                        Freq::Yearly => {
                            rules.push(Plain { month: Some(5), ..base.clone() });
                            rules.push(Plain { month: Some(5), day: DayRule::Nth(-1, Weekday::Sun), ..base.clone() });
                            rules.push(Plain { month: Some(2), day: DayRule::MonthDay(29), ..base });
                        }
                        Freq::Daily => {}
                    }
                }
            }
        }
        for p in rules {
            let text = p.to_rrule();
            assert_eq!(Plain::parse(&text).as_ref(), Some(&p), "{text}");
            let e = super::super::Event {
                start_date: d(2016, 5, 29),
                end_date: d(2016, 5, 29),
                recurrence: Some(super::super::Recurrence { rrule: text.clone(), ..Default::default() }),
                ..Default::default()
            };
            assert!(e.validate_recurrence().is_ok(), "{text}: {:?}", e.validate_recurrence());
        }
    }

    #[test]
    fn a_yearly_day_rule_takes_the_start_month() {
        let p = Plain { day: DayRule::Nth(-1, Weekday::Sun), ..Plain::default() }.for_start(d(2016, 5, 29));
        assert_eq!(p.to_rrule(), "FREQ=YEARLY;BYMONTH=5;BYDAY=-1SU");
    }
}
