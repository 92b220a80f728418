//! `pobratim overview`: the first screen's sections as text (for a quick look or a
//! scheduled e-mail) or as one JSON object.

use super::{Cli, open_read_only};
use crate::model::overview::{self, Happening, Overview, Stale, VisitAhead};
use crate::model::readiness::Area;
use crate::model::{Direction, Lang, date::fmt_date};
use chrono::NaiveDate;
use serde_json::{Value, json};
use std::io::Write;

/// Parses `--date dd.mm.yyyy`.
pub(super) fn parse_date(s: &str) -> Result<NaiveDate, String> {
    crate::model::date::parse_russian_date(s).ok_or_else(|| format!("«{s}»: expected dd.mm.yyyy, e.g. 09.05.2016"))
}

pub(super) fn run(
    cli: &Cli,
    lang: Lang,
    date: Option<NaiveDate>,
    days: u32,
    json: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<u8> {
    let (ws, model) = open_read_only(cli)?;
    let ru = lang == Lang::Ru;
    // What did not load is said first, on stderr; the overview of the rest follows.
    for e in ws.load_errors() {
        writeln!(err, "{} {e}", if ru { "ошибка загрузки:" } else { "load error:" })?;
    }
    let date = date.unwrap_or_else(|| cli.today());
    let home = crate::clock::home_zone(&model);
    let o = overview::overview(&model, date, days, home, lang);
    let home_name = model.home_city().map_or_else(String::new, |c| c.name(lang).to_owned());
    if json {
        writeln!(out, "{}", serde_json::to_string_pretty(&to_json(&o, &home_name, lang))?)?;
    } else {
        write_text(&o, &home_name, lang, out)?;
    }
    Ok(if ws.load_errors().is_empty() { 0 } else { 1 })
}

fn direction(d: Direction, lang: Lang) -> &'static str {
    match (lang, d) {
        (Lang::Ru, Direction::Incoming) => "приём",
        (Lang::Ru, Direction::Outgoing) => "выезд",
        (Lang::En, Direction::Incoming) => "incoming",
        (Lang::En, Direction::Outgoing) => "outgoing",
    }
}

fn heading(out: &mut dyn Write, text: &str) -> std::io::Result<()> {
    writeln!(out)?;
    writeln!(out, "{text}")
}

fn write_visit(v: &VisitAhead, lang: Lang, out: &mut dyn Write) -> std::io::Result<()> {
    let ru = lang == Lang::Ru;
    let (a, b) = v.days;
    let state = match (ru, v.under_way) {
        (true, true) => " · идёт",
        (false, true) => " · under way",
        _ => "",
    };
    let ready = if ru { "готовность" } else { "ready" };
    writeln!(
        out,
        "  {}–{} · {} · {} · {}{state} · {ready} {} % · {}",
        fmt_date(a),
        fmt_date(b),
        direction(v.direction, lang),
        v.counterpart,
        v.title,
        v.readiness.percent(),
        v.readiness.roster_line(lang)
    )?;
    for gap in &v.readiness.missing {
        let mark = if gap.is_overdue() { "!" } else { "-" };
        writeln!(out, "      {mark} {}: {}", gap.area().name(lang), gap.message(lang))?;
    }
    Ok(())
}

fn write_text(o: &Overview, home_name: &str, lang: Lang, out: &mut dyn Write) -> std::io::Result<()> {
    let ru = lang == Lang::Ru;
    let t = |r: &'static str, e: &'static str| if ru { r } else { e };
    match lang {
        Lang::Ru => writeln!(out, "Обзор на {}: визиты на {} дн. вперёд", fmt_date(o.date), o.days)?,
        Lang::En => writeln!(out, "Overview for {}: visits in the next {} days", fmt_date(o.date), o.days)?,
    }
    heading(out, t("Визиты впереди", "Visits ahead"))?;
    for v in &o.visits {
        write_visit(v, lang, out)?;
    }
    if o.visits.is_empty() {
        writeln!(out, "  {}", o.nothing_ahead(lang))?;
    }
    heading(out, t("Просрочено и на этой неделе", "Overdue and due this week"))?;
    for task in &o.tasks {
        let state = if task.overdue { t("просрочено", "overdue") } else { t("срок", "due") };
        writeln!(out, "  {} {state} {} · «{}» · {}", mark(task.overdue), fmt_date(task.due), task.title, task.visit)?;
    }
    none_if(o.tasks.is_empty(), lang, out)?;
    heading(out, t("Годовщины побратимства (12 месяцев)", "Twinning anniversaries (12 months)"))?;
    for a in &o.anniversaries {
        writeln!(out, "  {}", a.message(lang))?;
    }
    none_if(o.anniversaries.is_empty(), lang, out)?;
    heading(out, t("Партнёры без обменов", "Partners gone quiet"))?;
    for q in &o.quiet {
        writeln!(out, "  {}", q.message(lang))?;
    }
    none_if(o.quiet.is_empty(), lang, out)?;
    heading(out, t("Устаревшие записи", "Stale records"))?;
    for s in &o.stale {
        writeln!(out, "  {}", s.message(lang))?;
    }
    none_if(o.stale.is_empty(), lang, out)?;
    heading(out, t("Сегодня и завтра", "Today and tomorrow"))?;
    for h in &o.today {
        writeln!(out, "  {}", happening_line(h, home_name, lang))?;
    }
    none_if(o.today.is_empty(), lang, out)
}

fn mark(overdue: bool) -> &'static str {
    if overdue { "!" } else { "-" }
}

fn none_if(empty: bool, lang: Lang, out: &mut dyn Write) -> std::io::Result<()> {
    if empty {
        writeln!(out, "  {}", if lang == Lang::Ru { "нет" } else { "none" })?;
    }
    Ok(())
}

fn happening_line(h: &Happening, home_name: &str, lang: Lang) -> String {
    let place = if h.place.is_empty() { String::new() } else { format!(" · {}", h.place) };
    format!("{} {} · {} · {}{place}", fmt_date(h.date), h.time_label(home_name, lang), h.kind_label(lang), h.what)
}

fn to_json(o: &Overview, home_name: &str, lang: Lang) -> Value {
    let visits: Vec<Value> = o
        .visits
        .iter()
        .map(|v| {
            let missing: Vec<Value> = v
                .readiness
                .missing
                .iter()
                .map(|g| {
                    json!({
                        "area": g.area().key(),
                        "field": g.field(),
                        "weight": g.weight(),
                        "overdue": g.is_overdue(),
                        "message": g.message(lang),
                    })
                })
                .collect();
            let areas: serde_json::Map<String, Value> =
                Area::ALL.iter().map(|a| (a.key().to_owned(), json!(v.readiness.in_area(*a).count()))).collect();
            json!({
                "id": v.delegation.as_str(),
                "title": v.title,
                "counterpart": v.counterpart,
                "direction": direction(v.direction, Lang::En),
                "arrival": fmt_date(v.days.0),
                "departure": fmt_date(v.days.1),
                "under_way": v.under_way,
                "readiness": v.readiness.percent(),
                "named": v.readiness.named,
                "headcount": v.readiness.headcount,
                "missing_by_area": areas,
                "missing": missing,
            })
        })
        .collect();
    let tasks: Vec<Value> = o
        .tasks
        .iter()
        .map(|t| {
            json!({
                "delegation": t.delegation.as_str(),
                "visit": t.visit,
                "task": t.title,
                "due": fmt_date(t.due),
                "overdue": t.overdue,
            })
        })
        .collect();
    let anniversaries: Vec<Value> = o
        .anniversaries
        .iter()
        .map(|a| {
            json!({
                "city": a.city.as_str(),
                "name": a.name,
                "years": a.years,
                "year": a.year,
                "date": a.date.map(fmt_date),
                "round": a.round,
            })
        })
        .collect();
    let quiet: Vec<Value> = o
        .quiet
        .iter()
        .map(|q| match q {
            overview::Quiet::Silent { city, name, last } => json!({
                "city": city.as_str(), "name": name, "kind": "silent", "last_visit": last.map(fmt_date),
                "message": q.message(lang),
            }),
            overview::Quiet::Lopsided { city, name, received, sent } => json!({
                "city": city.as_str(), "name": name, "kind": "one-sided", "received": received, "sent": sent,
                "message": q.message(lang),
            }),
        })
        .collect();
    let stale: Vec<Value> = o
        .stale
        .iter()
        .map(|s| {
            let (kind, id) = match s {
                Stale::Status { delegation, .. } => ("status", delegation.to_string()),
                Stale::NoPublicDescription { event, .. } => ("public_description", event.to_string()),
                Stale::Figures { year } => ("figures", year.to_string()),
            };
            json!({ "kind": kind, "id": id, "message": s.message(lang) })
        })
        .collect();
    let today: Vec<Value> = o
        .today
        .iter()
        .map(|h| {
            json!({
                "date": fmt_date(h.date),
                "kind": h.kind_label(Lang::En),
                "start": h.start.map(|t| t.format("%H:%M").to_string()),
                "end": h.end.map(|t| t.format("%H:%M").to_string()),
                "time_zone": h.zone.name(),
                "home_start": h.home_start.map(|t| t.format("%d.%m.%Y %H:%M").to_string()),
                "what": h.what,
                "place": h.place,
                "delegation": h.delegation.as_ref().map(|d| d.as_str()),
                "event": h.event.as_ref().map(|e| e.as_str()),
                "line": happening_line(h, home_name, lang),
            })
        })
        .collect();
    json!({
        "date": fmt_date(o.date),
        "days": o.days,
        "visits": visits,
        "nothing_ahead": o.visits.is_empty().then(|| o.nothing_ahead(lang)),
        "tasks": tasks,
        "anniversaries": anniversaries,
        "quiet_partners": quiet,
        "stale": stale,
        "today": today,
    })
}
