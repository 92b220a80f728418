//! The overview's sections in words, Russian or English: one place for the CLI's text and
//! the first screen.

use super::{AnniversaryAhead, Happening, HappeningKind, Overview, Quiet, Stale};
use crate::model::date::fmt_date;
use crate::model::{CityId, DelegationStatus, Lang};

impl Overview {
    /// «Ближайших визитов нет; последний — …».
    pub fn nothing_ahead(&self, lang: Lang) -> String {
        match (lang, &self.last_visit) {
            (Lang::Ru, Some((_, title, a, b))) => {
                format!("Ближайших визитов нет; последний — «{title}», {}–{}", fmt_date(*a), fmt_date(*b))
            }
            (Lang::Ru, None) => "Ближайших визитов нет".to_owned(),
            (Lang::En, Some((_, title, a, b))) => {
                format!("No visits ahead; the last was «{title}», {}–{}", fmt_date(*a), fmt_date(*b))
            }
            (Lang::En, None) => "No visits ahead".to_owned(),
        }
    }
}

impl AnniversaryAhead {
    /// «10.06.2016 — 28 лет побратимства с г. Портлендом»-like line: «Портленд: 28 лет
    /// (10.06.2016)», with «круглая дата» for a multiple of five.
    pub fn message(&self, lang: Lang) -> String {
        let when = self.date.map_or_else(|| self.year.to_string(), fmt_date);
        let n = u32::try_from(self.years).unwrap_or(0);
        match lang {
            Lang::Ru => {
                let word = crate::model::rule::plural_ru(n, ["год", "года", "лет"]);
                let round = if self.round { " — круглая дата" } else { "" };
                format!("{}: {} {word} побратимства, {when}{round}", self.name, self.years)
            }
            Lang::En => {
                let round = if self.round { " — a round anniversary" } else { "" };
                format!("{}: {} years of twinning, {when}{round}", self.name, self.years)
            }
        }
    }
}

impl Quiet {
    /// The city's name.
    pub fn name(&self) -> &str {
        match self {
            Quiet::Silent { name, .. } | Quiet::Lopsided { name, .. } => name,
        }
    }

    /// The city.
    pub fn city(&self) -> &CityId {
        match self {
            Quiet::Silent { city, .. } | Quiet::Lopsided { city, .. } => city,
        }
    }

    /// What is quiet about it, in words.
    pub fn message(&self, lang: Lang) -> String {
        match (lang, self) {
            (Lang::Ru, Quiet::Silent { name, last: Some(l), .. }) => {
                format!("{name}: ни одного визита за два года (последний — {})", fmt_date(*l))
            }
            (Lang::Ru, Quiet::Silent { name, last: None, .. }) => format!("{name}: ни одного визита в данных"),
            (Lang::En, Quiet::Silent { name, last: Some(l), .. }) => {
                format!("{name}: no visit either way in two years (the last on {})", fmt_date(*l))
            }
            (Lang::En, Quiet::Silent { name, last: None, .. }) => format!("{name}: no visit on record"),
            (Lang::Ru, Quiet::Lopsided { name, received, sent, .. }) => {
                format!("{name}: за три года принято {received}, направлено {sent}")
            }
            (Lang::En, Quiet::Lopsided { name, received, sent, .. }) => {
                format!("{name}: received {received}, sent {sent} in three years")
            }
        }
    }
}

impl Stale {
    /// What is out of date, in words.
    pub fn message(&self, lang: Lang) -> String {
        let ru = lang == Lang::Ru;
        match self {
            Stale::Status { title, status, departure, .. } => {
                let confirmed = *status == DelegationStatus::Confirmed;
                match (ru, confirmed) {
                    (true, true) => format!("«{title}»: всё ещё «подтверждён», отъезд был {}", fmt_date(*departure)),
                    (true, false) => format!("«{title}»: всё ещё «планируется», отъезд был {}", fmt_date(*departure)),
                    (false, true) => format!("«{title}»: still confirmed, left on {}", fmt_date(*departure)),
                    (false, false) => format!("«{title}»: still planned, left on {}", fmt_date(*departure)),
                }
            }
            Stale::NoPublicDescription { title, year, .. } if ru => {
                format!("«{title}»: публичное событие {year} г. без описания для публикации")
            }
            Stale::NoPublicDescription { title, year, .. } => {
                format!("«{title}»: public event of {year} with no public description")
            }
            Stale::Figures { year } if ru => format!("показатели за {year} год не внесены"),
            Stale::Figures { year } => format!("the figures of {year} are not entered"),
        }
    }
}

impl Happening {
    /// The start, with the home city's time beside it when the place keeps another:
    /// «10:00 (Хабаровск: 11:00)»; «весь день» when untimed (an arrival or departure without
    /// a time: «время не указано»).
    pub fn time_label(&self, home_name: &str, lang: Lang) -> String {
        let Some(start) = self.start else {
            let travel = matches!(self.kind, HappeningKind::Arrival | HappeningKind::Departure);
            return match (lang, travel) {
                (Lang::Ru, false) => "весь день",
                (Lang::Ru, true) => "время не указано",
                (Lang::En, false) => "all day",
                (Lang::En, true) => "time not set",
            }
            .to_owned();
        };
        let mut s = start.format("%H:%M").to_string();
        if let Some(end) = self.end.filter(|e| *e > start) {
            s.push_str(&format!("–{}", end.format("%H:%M")));
        }
        if let Some(home) = self.home_start {
            let day = if home.date() == self.date { String::new() } else { format!("{} ", home.format("%d.%m")) };
            let at = home.format("%H:%M");
            s.push_str(&format!(" ({home_name}: {day}{at})"));
        }
        s
    }

    /// What kind, in a word: «прилёт» / "arrives".
    pub fn kind_label(&self, lang: Lang) -> &'static str {
        match (lang, self.kind) {
            (Lang::Ru, HappeningKind::Event) => "событие",
            (Lang::Ru, HappeningKind::Item) => "программа",
            (Lang::Ru, HappeningKind::Arrival) => "приезд",
            (Lang::Ru, HappeningKind::Departure) => "отъезд",
            (Lang::En, HappeningKind::Event) => "event",
            (Lang::En, HappeningKind::Item) => "programme",
            (Lang::En, HappeningKind::Arrival) => "arrives",
            (Lang::En, HappeningKind::Departure) => "leaves",
        }
    }
}
