//! The data each template receives, built from the model (pure), and the documents as PDF.

use super::{PrintError, PrintLang, Template, render};
use crate::model::date::{MONTHS_RU, fmt_date};
use crate::model::person::mask_tail;
use crate::model::public::public_items;
use crate::model::{Delegation, DelegationId, Direction, Lang, Model, Role};
use chrono::Datelike;
use serde_json::{Value, json};

const WEEKDAYS_RU: [&str; 7] = ["Понедельник", "Вторник", "Среда", "Четверг", "Пятница", "Суббота", "Воскресенье"];
const WEEKDAYS_EN: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/// Picks Russian, English, or both (as lines of a cell) for a text with an optional English form.
fn lines(lang: PrintLang, ru: &str, en: &str) -> Vec<String> {
    match lang {
        PrintLang::Ru => vec![ru.to_owned()],
        PrintLang::En if !en.is_empty() => vec![en.to_owned()],
        PrintLang::En => vec![ru.to_owned()],
        PrintLang::RuEn if !en.is_empty() && en != ru => vec![ru.to_owned(), en.to_owned()],
        PrintLang::RuEn => vec![ru.to_owned()],
    }
}

fn both(lang: PrintLang, ru: &str, en: &str) -> String {
    lines(lang, ru, en).join(" / ")
}

fn find<'a>(model: &'a Model, id: &DelegationId) -> Result<&'a Delegation, PrintError> {
    model.delegation(id).ok_or_else(|| PrintError::NoDelegation(id.to_string()))
}

fn person_name(model: &Model, id: &crate::model::PersonId) -> String {
    model.person(id).map_or_else(|| id.to_string(), |p| p.display_name().to_owned())
}

fn page_words(lang: PrintLang) -> (&'static str, &'static str) {
    if lang == PrintLang::En { ("Page", "of") } else { ("Стр.", "из") }
}

fn footer(model: &Model, d: &Delegation, lang: PrintLang) -> String {
    let Some(p) = d.responsible.as_ref().and_then(|r| model.person(r)) else { return String::new() };
    let label = both(lang, "Ответственный", "Contact");
    let phone = if p.phone.is_empty() { String::new() } else { format!(", {}", p.phone) };
    format!("{label}: {}{phone}", p.display_name())
}

/// The head of delegation: the member whose role is head, never another member. With none,
/// «не назначен» / "not appointed"; with several (a check warns of it), all of them in
/// precedence order.
fn head_of(model: &Model, d: &Delegation, lang: PrintLang) -> String {
    let mut heads: Vec<_> = d.members.iter().filter(|m| m.role == Role::Head).collect();
    if heads.is_empty() {
        return both(lang, "не назначен", "not appointed");
    }
    heads.sort_by_key(|m| m.precedence);
    heads.iter().map(|m| person_name(model, &m.person)).collect::<Vec<_>>().join(", ")
}

fn city_label(model: &Model, d: &Delegation, lang: PrintLang) -> String {
    model.city(&d.partner_city).map_or_else(
        || d.partner_city.to_string(),
        |c| {
            let name = both(lang, &c.name_ru, &c.name_en);
            let native = if c.name_native.is_empty() { String::new() } else { format!(" {}", c.name_native) };
            format!("{name}{native} ({})", both(lang, &c.country_ru, &c.country_en))
        },
    )
}

/// The programme of stay: a header, one table per day, local times of the place of stay.
pub fn programme_data(model: &Model, id: &DelegationId, lang: PrintLang) -> Result<Value, PrintError> {
    let d = find(model, id)?;
    let place_tz = match d.direction {
        Direction::Incoming => model.home_city().map(|c| c.time_zone),
        Direction::Outgoing => model.city(&d.partner_city).map(|c| c.time_zone),
    };
    let mut days = Vec::new();
    for day in d.each_day() {
        let wd = day.weekday().num_days_from_monday() as usize;
        let label = format!("{}, {}", both(lang, WEEKDAYS_RU[wd], WEEKDAYS_EN[wd]), fmt_date(day));
        let mut items: Vec<_> = d.programme.iter().filter(|p| p.date == day).collect();
        items.sort_by_key(|p| p.start);
        let rows: Vec<Vec<Vec<String>>> = items
            .iter()
            .map(|p| {
                let time = match (p.start, p.end) {
                    (Some(s), Some(e)) => format!("{}–{}", s.format("%H:%M"), e.format("%H:%M")),
                    (Some(s), None) => s.format("%H:%M").to_string(),
                    _ => String::new(),
                };
                vec![
                    vec![time],
                    lines(lang, &p.activity_ru, &p.activity_en),
                    vec![p.place.clone()],
                    vec![p.responsible.as_ref().map(|x| person_name(model, x)).unwrap_or_default()],
                    vec![p.interpreter.as_ref().map(|x| person_name(model, x)).unwrap_or_default()],
                    vec![p.transport.clone()],
                ]
            })
            .collect();
        let rows = if rows.is_empty() {
            vec![vec![vec![String::new()], lines(lang, "Свободное время", "Free time"), vec![], vec![], vec![], vec![]]]
        } else {
            rows
        };
        days.push(json!({ "label": label, "rows": rows }));
    }
    let (page, of) = page_words(lang);
    let tz_name = place_tz.map(|t| t.name().to_owned()).unwrap_or_default();
    Ok(json!({
        "title": both(lang, "Программа пребывания делегации", "Programme of stay"),
        "header": [
            [both(lang, "Делегация", "Delegation"), both(lang, &d.title_ru, &d.title_en)],
            [both(lang, "Город-партнёр", "Partner city"), city_label(model, d, lang)],
            [both(lang, "Даты", "Dates"), format!("{}–{}", fmt_date(d.arrival.date), fmt_date(d.departure.date))],
            [both(lang, "Руководитель делегации", "Head of delegation"), head_of(model, d, lang)],
        ],
        "columns": [
            both(lang, "Время", "Time"),
            both(lang, "Мероприятие", "Activity"),
            both(lang, "Место", "Place"),
            both(lang, "Ответственный", "Responsible"),
            both(lang, "Переводчик", "Interpreter"),
            both(lang, "Транспорт", "Transport"),
        ],
        "days": days,
        "note": format!("{} ({tz_name})", both(lang, "Время указано местное", "Times are local")),
        "footer": footer(model, d, lang),
        "page": page,
        "of": of,
    }))
}

/// The roster in precedence order; passports masked unless `show_passports`; birth dates
/// only for minors.
pub fn roster_data(model: &Model, id: &DelegationId, show_passports: bool) -> Result<Value, PrintError> {
    let d = find(model, id)?;
    let mut members = d.members.clone();
    members.sort_by_key(|m| m.precedence);
    let rows: Vec<Vec<Vec<String>>> = members
        .iter()
        .map(|m| {
            let p = model.person(&m.person);
            let name = p.map_or_else(
                || vec![m.person.to_string()],
                |p| {
                    let mut v = vec![p.full_name_ru.clone(), p.latin_name.clone()];
                    if !p.native_name.is_empty() {
                        v.push(p.native_name.clone());
                    }
                    v.retain(|s| !s.is_empty());
                    v
                },
            );
            let passport = p
                .and_then(|p| p.passport.as_ref())
                .map(|x| if show_passports { x.number.clone() } else { mask_tail(&x.number, 4) })
                .unwrap_or_default();
            let birth = p
                .filter(|p| p.is_minor_on(d.arrival.date))
                .and_then(|p| p.birth_date)
                .map(fmt_date)
                .unwrap_or_default();
            vec![
                vec![m.precedence.to_string()],
                name,
                vec![m.role.name(Lang::Ru).to_owned()],
                vec![m.organisation.clone(), m.position.clone()],
                vec![m.lodging.describe(&m.room, Lang::Ru)],
                vec![passport],
                vec![birth],
            ]
        })
        .collect();
    Ok(json!({
        "title": "Состав делегации",
        "header": [
            ["Делегация", d.title_ru],
            ["Город-партнёр", city_label(model, d, PrintLang::Ru)],
            ["Даты", format!("{}–{}", fmt_date(d.arrival.date), fmt_date(d.departure.date))],
            ["Участников", d.participant_count().to_string()],
        ],
        "columns": ["№", "Участник", "Роль", "Организация, должность", "Размещение", "Паспорт", "Дата рождения"],
        "rows": rows,
        "note": if show_passports {
            "Содержит персональные данные: номера паспортов показаны полностью. Не передавать третьим лицам."
        } else {
            "Номера паспортов скрыты; дата рождения указана только для несовершеннолетних."
        },
        "footer": footer(model, d, PrintLang::Ru),
        "page": "Стр.",
        "of": "из",
    }))
}

/// Badges and table cards, in precedence order, with Russian, Latin and native names.
pub fn badges_data(model: &Model, id: &DelegationId) -> Result<Value, PrintError> {
    let d = find(model, id)?;
    let mut members = d.members.clone();
    members.sort_by_key(|m| m.precedence);
    let badges: Vec<Value> = members
        .iter()
        .filter_map(|m| {
            let p = model.person(&m.person)?;
            Some(json!({
                "name_ru": p.full_name_ru,
                "name_latin": p.latin_name,
                "name_native": p.native_name,
                "role": format!("{} / {}", m.role.name(Lang::Ru), m.role.name(Lang::En)),
                "organisation": m.organisation,
            }))
        })
        .collect();
    let city = model.city(&d.partner_city).map(|c| format!("{} · {}", c.name_ru, c.name_en)).unwrap_or_default();
    Ok(json!({ "title": format!("Бейджи: {}", d.title_ru), "event": city, "badges": badges }))
}

/// The public events of a year, month by month.
pub fn calendar_data(model: &Model, year: i32) -> Value {
    let items = public_items(model, year);
    let mut months = Vec::new();
    for (m, name) in MONTHS_RU.iter().enumerate() {
        let rows: Vec<Vec<Vec<String>>> = items
            .iter()
            .filter(|i| i.start.month0() as usize == m)
            .map(|i| {
                let dates = if i.start == i.end {
                    fmt_date(i.start)
                } else {
                    format!("{}–{}", fmt_date(i.start), fmt_date(i.end))
                };
                let place = [i.event.venue.as_str(), i.host.as_str()]
                    .iter()
                    .filter(|s| !s.is_empty())
                    .copied()
                    .collect::<Vec<_>>()
                    .join(", ");
                let mut what = vec![i.event.title_ru.clone()];
                if !place.is_empty() {
                    what.push(place);
                }
                vec![vec![dates], what]
            })
            .collect();
        if !rows.is_empty() {
            months.push(json!({ "name": name, "rows": rows }));
        }
    }
    let org = model.home_city().map(|c| format!("г. {}", c.name_ru)).unwrap_or_default();
    json!({
        "title": format!("Календарь событий {year} года"),
        "subtitle": format!("{org} · событий: {}", items.len()),
        "months": months,
        "footer": org,
        "page": "Стр.",
        "of": "из",
    })
}

/// «Программа пребывания» as PDF.
pub fn programme_pdf(model: &Model, id: &DelegationId, lang: PrintLang) -> Result<Vec<u8>, PrintError> {
    render(Template::Programme, &programme_data(model, id, lang)?)
}

/// The roster as PDF.
pub fn roster_pdf(model: &Model, id: &DelegationId, show_passports: bool) -> Result<Vec<u8>, PrintError> {
    render(Template::Roster, &roster_data(model, id, show_passports)?)
}

/// Badges and table cards as PDF.
pub fn badges_pdf(model: &Model, id: &DelegationId) -> Result<Vec<u8>, PrintError> {
    render(Template::Badges, &badges_data(model, id)?)
}

/// The year calendar as PDF.
pub fn calendar_pdf(model: &Model, year: i32) -> Result<Vec<u8>, PrintError> {
    render(Template::Calendar, &calendar_data(model, year))
}
