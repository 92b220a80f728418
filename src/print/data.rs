//! The data each template receives, built from the model (pure), and the documents as PDF.

use super::labels::{Label, label, page_words, weekday};
use super::{PrintError, PrintLang, Template, render};
use crate::model::date::{MONTHS_RU, fmt_date};
use crate::model::person::mask_tail;
use crate::model::public::public_items;
use crate::model::{Delegation, DelegationId, Direction, Lang, Language, Model, Role, Text};
use chrono::Datelike;
use serde_json::{Value, json};

/// One line of a programme cell: its text, the language typst sets on it (glyph forms,
/// hyphenation), and whether it stands in, in Russian, for a missing translation.
fn line(text: &str, lang: Language, missing: bool) -> Value {
    json!({ "t": text, "lang": lang.code(), "missing": missing })
}

/// A translated text as the lines of a cell, one per document language. A missing form
/// prints the text it falls back to (Russian, else the first there is), tagged with its own
/// language and marked; a text already on a line above (the Russian beside a missing
/// translation, two equal forms) is not printed twice, only marked.
fn text_lines(lang: PrintLang, text: &Text) -> Vec<Value> {
    let mut out: Vec<Value> = Vec::new();
    for l in lang.languages() {
        let Some((actual, t)) = text.shown(l) else { continue };
        let missing = actual != l;
        if let Some(same) = out.iter_mut().find(|v| v["t"] == json!(t)) {
            if missing {
                same["missing"] = json!(true);
            }
            continue;
        }
        out.push(line(t, actual, missing));
    }
    out
}

/// A fixed label as the lines of a cell: one per document language, the same text once.
fn label_lines(lang: PrintLang, which: Label) -> Vec<Value> {
    let mut out: Vec<Value> = Vec::new();
    let mut seen = Vec::new();
    for l in lang.languages() {
        let t = label(which, l);
        if !seen.contains(&t) {
            seen.push(t);
            out.push(line(t, l, false));
        }
    }
    out
}

/// Plain text in each document language (names, computed values), the same text once.
fn plain_lines(lang: PrintLang, text: impl Fn(Language) -> String) -> Vec<Value> {
    let mut out = Vec::new();
    let mut seen = Vec::new();
    for l in lang.languages() {
        let t = text(l);
        if !t.is_empty() && !seen.contains(&t) {
            out.push(line(&t, l, false));
            seen.push(t);
        }
    }
    out
}

/// `text` as one line in `lang` (a value with no translations: a time, a transport note).
fn as_is(text: &str, lang: Language) -> Vec<Value> {
    if text.is_empty() { Vec::new() } else { vec![line(text, lang, false)] }
}

/// A label in each document language, joined by « / » on one line.
fn joined(lang: PrintLang, which: Label) -> String {
    plain_lines(lang, |l| label(which, l).to_owned())
        .iter()
        .filter_map(|v| v["t"].as_str().map(str::to_owned))
        .collect::<Vec<_>>()
        .join(" / ")
}

fn find<'a>(model: &'a Model, id: &DelegationId) -> Result<&'a Delegation, PrintError> {
    model.delegation(id).ok_or_else(|| PrintError::NoDelegation(id.to_string()))
}

/// A person's name in each document language: Russian, Latin or native script.
fn person_lines(model: &Model, lang: PrintLang, id: Option<&crate::model::PersonId>) -> Vec<Value> {
    let Some(id) = id else { return Vec::new() };
    let mut lines = match model.person(id) {
        Some(p) => plain_lines(lang, |l| p.name(l).to_owned()),
        None => as_is(id.as_str(), Language::Ru),
    };
    // A name is never hyphenated.
    for l in &mut lines {
        l["name"] = json!(true);
    }
    lines
}

fn footer(model: &Model, d: &Delegation, lang: PrintLang) -> String {
    let Some(p) = d.responsible.as_ref().and_then(|r| model.person(r)) else { return String::new() };
    let phone = if p.phone.is_empty() { String::new() } else { format!(", {}", p.phone) };
    let names = plain_lines(lang, |l| p.name(l).to_owned());
    let names: Vec<&str> = names.iter().filter_map(|v| v["t"].as_str()).collect();
    format!("{}: {}{phone}", joined(lang, Label::Contact), names.join(" / "))
}

/// The head of delegation: the member whose role is head, never another member. With none,
/// «не назначен» / "not appointed"; with several (a check warns of it), all of them in
/// precedence order.
fn head_of(model: &Model, d: &Delegation, lang: PrintLang) -> Vec<Value> {
    let mut heads: Vec<_> = d.members.iter().filter(|m| m.role == Role::Head).collect();
    if heads.is_empty() {
        return label_lines(lang, Label::NotAppointed);
    }
    heads.sort_by_key(|m| m.precedence);
    plain_lines(lang, |l| {
        heads
            .iter()
            .map(|m| model.person(&m.person).map_or_else(|| m.person.to_string(), |p| p.name(l).to_owned()))
            .collect::<Vec<_>>()
            .join(", ")
    })
}

/// The partner city in the document's languages: «Харбин 哈尔滨 (Китай)», with the country
/// in Russian or English only.
fn city_label(model: &Model, d: &Delegation, lang: PrintLang) -> String {
    let Some(c) = d.partner_city.as_ref().and_then(|c| model.city(c)) else {
        return d.counterpart(model, crate::model::Lang::Ru);
    };
    let mut names: Vec<&str> = Vec::new();
    for l in lang.languages() {
        let n = c.name(l);
        if !names.contains(&n) {
            names.push(n);
        }
    }
    let mut name = names.join(" / ");
    if !c.name_native.is_empty() && !names.contains(&c.name_native.as_str()) {
        name = format!("{name} {}", c.name_native);
    }
    let mut countries: Vec<&str> = Vec::new();
    for l in lang.languages() {
        let country = match l {
            Language::Ru => c.country_ru.as_str(),
            Language::En if !c.country_en.is_empty() => c.country_en.as_str(),
            Language::En => c.country_ru.as_str(),
            _ => "",
        };
        if !country.is_empty() && !countries.contains(&country) {
            countries.push(country);
        }
    }
    if countries.is_empty() { name } else { format!("{name} ({})", countries.join(" / ")) }
}

/// A text of a programme with no form in a language the document prints in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Missing {
    /// The language it lacks.
    pub lang: Language,
    /// What it is: the Russian title, or «12.10.2016 10:00 Пленарное заседание…».
    pub text: String,
}

impl std::fmt::Display for Missing {
    /// `[zh] 12.10.2016 10:00 Пленарное заседание…`, as `pobratim print` lists it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "[{}] {}", self.lang.code(), self.text)
    }
}

/// The texts of a visit's programme that have no form in the guests' language of `lang`:
/// the title, then each item's activity and place by date and time. Empty when the document
/// is Russian only or everything is translated. The GUI lists them before printing;
/// `pobratim print` writes them to stderr.
pub fn missing_translations(model: &Model, id: &DelegationId, lang: PrintLang) -> Result<Vec<Missing>, PrintError> {
    let d = find(model, id)?;
    let mut out = Vec::new();
    // Only what prints: the items of the days of the stay.
    let mut items: Vec<_> =
        d.programme.iter().filter(|p| (d.arrival.date..=d.departure.date).contains(&p.date)).collect();
    items.sort_by_key(|p| (p.date, p.start));
    for l in lang.languages() {
        let lacks = |t: &Text| !t.is_empty() && t.get(l).is_none();
        let mut push = |text: String| out.push(Missing { lang: l, text });
        if lacks(&d.title) {
            push(d.title.show(Language::Ru).to_owned());
        }
        for p in &items {
            let when = match p.start {
                Some(s) => format!("{} {}", fmt_date(p.date), s.format("%H:%M")),
                None => fmt_date(p.date),
            };
            if lacks(&p.activity) {
                push(format!("{when} {}", p.activity.show(Language::Ru)));
            }
            if lacks(&p.place) {
                push(format!("{when} {}", p.place.show(Language::Ru)));
            }
        }
    }
    Ok(out)
}

/// The programme of stay: a header, one table per day, local times of the place of stay.
pub fn programme_data(model: &Model, id: &DelegationId, lang: PrintLang) -> Result<Value, PrintError> {
    let d = find(model, id)?;
    let place_tz = match d.direction {
        Direction::Incoming => model.home_city().map(|c| c.time_zone),
        Direction::Outgoing => d.partner_city.as_ref().and_then(|c| model.city(c)).map(|c| c.time_zone),
    };
    let mut days = Vec::new();
    let mut any_missing = false;
    for day in d.each_day() {
        let wd = day.weekday().num_days_from_monday() as usize;
        let label = plain_lines(lang, |l| weekday(wd, l).to_owned())
            .iter()
            .filter_map(|v| v["t"].as_str().map(str::to_owned))
            .collect::<Vec<_>>()
            .join(" / ");
        let label = format!("{label}, {}", fmt_date(day));
        let mut items: Vec<_> = d.programme.iter().filter(|p| p.date == day).collect();
        items.sort_by_key(|p| p.start);
        let rows: Vec<Vec<Vec<Value>>> = items
            .iter()
            .map(|p| {
                let time = match (p.start, p.end) {
                    (Some(s), Some(e)) => format!("{}–{}", s.format("%H:%M"), e.format("%H:%M")),
                    (Some(s), None) => s.format("%H:%M").to_string(),
                    _ => String::new(),
                };
                let activity = text_lines(lang, &p.activity);
                let place = text_lines(lang, &p.place);
                any_missing |= activity.iter().chain(&place).any(|v| v["missing"] == json!(true));
                vec![
                    as_is(&time, Language::Ru),
                    activity,
                    place,
                    person_lines(model, lang, p.responsible.as_ref()),
                    person_lines(model, lang, p.interpreter.as_ref()),
                    as_is(&p.transport, Language::Ru),
                ]
            })
            .collect();
        let rows = if rows.is_empty() {
            vec![vec![vec![], label_lines(lang, Label::FreeTime), vec![], vec![], vec![], vec![]]]
        } else {
            rows
        };
        days.push(json!({ "label": label, "rows": rows }));
    }
    let title = text_lines(lang, &d.title);
    any_missing |= title.iter().any(|v| v["missing"] == json!(true));
    let tz_name = place_tz.map(|t| t.name().to_owned()).unwrap_or_default();
    let names_lang = lang.guest().unwrap_or(lang.first);
    let pages: Vec<Value> = lang
        .languages()
        .map(|l| {
            let [before, between, after] = page_words(l);
            json!({ "before": before, "between": between, "after": after, "lang": l.code() })
        })
        .collect();
    Ok(json!({
        "lang": lang.first.code(),
        "title": label_lines(lang, Label::Title),
        "header": [
            [label_lines(lang, Label::Delegation), title],
            [label_lines(lang, Label::PartnerCity), as_is(&city_label(model, d, lang), names_lang)],
            [label_lines(lang, Label::Dates), as_is(&format!("{}–{}", fmt_date(d.arrival.date), fmt_date(d.departure.date)), Language::Ru)],
            [label_lines(lang, Label::Head), head_of(model, d, lang)],
        ],
        "columns": [
            label_lines(lang, Label::Time),
            label_lines(lang, Label::Activity),
            label_lines(lang, Label::Place),
            label_lines(lang, Label::Responsible),
            label_lines(lang, Label::Interpreter),
            label_lines(lang, Label::Transport),
        ],
        "days": days,
        "note": format!("{} ({tz_name})", joined(lang, Label::LocalTimes)),
        "untranslated": if any_missing { format!("* — {}", joined(lang, Label::Untranslated)) } else { String::new() },
        "footer": footer(model, d, lang),
        "pages": pages,
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
            ["Делегация", d.title(Language::Ru)],
            ["Город-партнёр", city_label(model, d, PrintLang::RU)],
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
        "footer": footer(model, d, PrintLang::RU),
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
    let city = match d.partner_city.as_ref().and_then(|c| model.city(c)) {
        Some(c) => format!("{} · {}", c.name_ru, c.name_en),
        None => d.other_party.trim().to_owned(),
    };
    Ok(json!({ "title": format!("Бейджи: {}", d.title(Language::Ru)), "event": city, "badges": badges }))
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
                // Public fields only: the department's notes never reach the printed calendar.
                let place = i.place();
                let mut what = vec![i.title.ru_text().to_owned()];
                if !place.is_empty() {
                    what.push(place);
                }
                let description = i.description(Language::Ru);
                if !description.is_empty() {
                    what.push(description.to_owned());
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
    has_members(model, id)?;
    render(Template::Roster, &roster_data(model, id, show_passports)?)
}

/// Refuses a visit with nobody on its roster: a roster or badges of it would be a blank page.
fn has_members(model: &Model, id: &DelegationId) -> Result<(), PrintError> {
    let d = model.delegation(id).ok_or_else(|| PrintError::NoDelegation(id.to_string()))?;
    if d.members.is_empty() {
        use crate::model::Lang;
        return Err(PrintError::NoMembers { ru: d.title(Lang::Ru).to_owned(), en: d.title(Lang::En).to_owned() });
    }
    Ok(())
}

/// Badges and table cards as PDF.
pub fn badges_pdf(model: &Model, id: &DelegationId) -> Result<Vec<u8>, PrintError> {
    has_members(model, id)?;
    render(Template::Badges, &badges_data(model, id)?)
}

/// The year calendar as PDF.
pub fn calendar_pdf(model: &Model, year: i32) -> Result<Vec<u8>, PrintError> {
    render(Template::Calendar, &calendar_data(model, year))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The lines of `text` in `lang` as (text, language, marked).
    fn shown(lang: PrintLang, text: &Text) -> Vec<(String, String, bool)> {
        text_lines(lang, text)
            .iter()
            .map(|v| {
                let s = |k: &str| v[k].as_str().unwrap_or_default().to_owned();
                (s("t"), s("lang"), v["missing"] == json!(true))
            })
            .collect()
    }

    fn line(t: &str, lang: &str, missing: bool) -> (String, String, bool) {
        (t.to_owned(), lang.to_owned(), missing)
    }

    #[test]
    fn a_missing_form_prints_what_there_is_once_and_marked() {
        let both = Text::ru("Обед").with(Language::Zh, "午餐");
        let ru_zh = PrintLang::ru_and(Language::Zh);
        assert_eq!(shown(ru_zh, &both), [line("Обед", "ru", false), line("午餐", "zh", false)]);
        // Beside Russian, a missing translation marks the Russian line instead of repeating it.
        assert_eq!(shown(ru_zh, &Text::ru("Обед")), [line("Обед", "ru", true)]);
        // Alone, the Russian stands in, tagged Russian (its hyphenation), marked.
        assert_eq!(shown(PrintLang::one(Language::Ja), &Text::ru("Обед")), [line("Обед", "ru", true)]);
        // Two equal forms print once, unmarked.
        let same = Text::ru("Fika").with(Language::En, "Fika");
        assert_eq!(shown(PrintLang::RU_EN, &same), [line("Fika", "ru", false)]);
        // A text with no Russian: the English stands in for it, tagged English, once.
        let english = Text::new().with(Language::En, "Lunch");
        assert_eq!(shown(PrintLang::RU_EN, &english), [line("Lunch", "en", true)]);
        assert_eq!(shown(PrintLang::RU, &english), [line("Lunch", "en", true)]);
        assert!(shown(PrintLang::RU, &Text::new()).is_empty());
    }

    #[test]
    fn the_untranslated_list_holds_only_what_prints() {
        let date = |d: u32| chrono::NaiveDate::from_ymd_opt(2016, 10, d).unwrap_or_default();
        let mut d = Delegation { id: "del-x".into(), title: Text::ru("Визит"), ..Delegation::default() };
        d.arrival.date = date(11);
        d.departure.date = date(13);
        let item = |day: u32, what: &str| crate::model::ProgrammeItem {
            date: date(day),
            activity: Text::ru(what),
            ..Default::default()
        };
        d.programme = vec![item(12, "Заседание"), item(20, "После отъезда")];
        d.programme[0].activity.set(Language::Zh, "会议");
        let model = Model { delegations: vec![d.into()], ..Model::default() };
        let id = DelegationId::new("del-x");
        let missing = missing_translations(&model, &id, PrintLang::ru_and(Language::Zh)).expect("visit");
        let texts: Vec<String> = missing.iter().map(ToString::to_string).collect();
        assert_eq!(texts, ["[zh] Визит"], "the item after departure does not print, so it is not listed");
        assert!(missing_translations(&model, &id, PrintLang::RU).expect("visit").is_empty());
    }
}
