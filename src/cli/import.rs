//! `pobratim import ics|roster`: a report per event or row, in the language of `--lang`;
//! `--dry-run` writes nothing.

use super::*;

/// The words of the import reports, in the language of `--lang` (Russian by default).
struct ImportWords {
    skipped: &'static str,
    warning: &'static str,
    new_event: &'static str,
    updated_event: &'static str,
    dry_run: &'static str,
    separator: &'static str,
    column_ignored: &'static str,
    column_hint: &'static str,
    column_not_kept: &'static str,
    row: &'static str,
    new_person: &'static str,
    matched: &'static str,
    already_member: &'static str,
    rejected: &'static str,
}

impl ImportWords {
    fn new(lang: Lang) -> Self {
        match lang {
            Lang::Ru => Self {
                skipped: "пропущено",
                warning: "внимание",
                new_event: "новое",
                updated_event: "обновлено",
                dry_run: " (пробный прогон: ничего не записано)",
                separator: "разделитель",
                column_ignored: "столбец пропущен",
                column_hint: "не распознан: --map \"Колонка=поле\"",
                column_not_kept: "такие данные отдел не хранит",
                row: "строка",
                new_person: "новый",
                matched: "найден",
                already_member: "уже в составе",
                rejected: "отклонена",
            },
            Lang::En => Self {
                skipped: "skipped",
                warning: "warning",
                new_event: "new",
                updated_event: "updated",
                dry_run: " (dry run: nothing written)",
                separator: "separator",
                column_ignored: "column ignored",
                column_hint: "not recognised: --map \"Column=field\"",
                column_not_kept: "the department does not keep such data",
                row: "row",
                new_person: "new",
                matched: "matched",
                already_member: "already a member",
                rejected: "rejected",
            },
        }
    }
}

pub(super) fn import_ics(
    cli: &Cli,
    lang: Lang,
    file: &std::path::Path,
    dry_run: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<u8> {
    use crate::exchange::ics::{parse_ics, plan_import};
    let text = match store::read_import(file) {
        Ok(t) => t,
        Err(e) => {
            writeln!(err, "pobratim: {e}")?;
            return Ok(1);
        }
    };
    let dir = store::resolve_data_dir(cli.data.as_deref())?;
    let mode = if dry_run { OpenMode::ReadOnly } else { OpenMode::ReadWrite };
    let (mut ws, mut model) = Workspace::open(&dir, mode)?;
    say_recovered_lock(&ws, lang, err)?;
    let home = model.home_city().map_or(chrono_tz::Asia::Vladivostok, |c| c.time_zone);
    let report = parse_ics(&text, home);
    let plan = plan_import(&model, &report);
    let w = ImportWords::new(lang);
    for n in &report.skipped {
        writeln!(out, "{}\t{}:{}\t{}", w.skipped, file.display(), n.line, n.message(lang))?;
    }
    for n in &report.warnings {
        writeln!(out, "{}\t{}:{}\t{}", w.warning, file.display(), n.line, n.message(lang))?;
    }
    for e in &plan.added {
        writeln!(out, "{}\t{}\t{}\t{}", w.new_event, e.id, fmt_date(e.start_date), e.title.ru_text())?;
    }
    for e in &plan.updated {
        writeln!(out, "{}\t{}\t{}\t{}", w.updated_event, e.id, fmt_date(e.start_date), e.title.ru_text())?;
    }
    let (calendars, events, added, updated) =
        (report.calendars, report.events.len(), plan.added.len(), plan.updated.len());
    let (unchanged, skipped, dry) = (plan.unchanged, report.skipped.len(), if dry_run { w.dry_run } else { "" });
    match lang {
        Lang::Ru => writeln!(
            out,
            "Календарей: {calendars}, событий в файле: {events}, новых: {added}, обновлено: {updated}, \
             без изменений: {unchanged}, пропущено: {skipped}{dry}"
        )?,
        Lang::En => writeln!(
            out,
            "Calendars: {calendars}, events in the file: {events}, new: {added}, updated: {updated}, \
             unchanged: {unchanged}, skipped: {skipped}{dry}"
        )?,
    }
    if dry_run || (plan.added.is_empty() && plan.updated.is_empty()) {
        return Ok(0);
    }
    if !ws.is_writable() {
        for r in ws.read_only_reasons() {
            writeln!(err, "pobratim: nothing written, the data folder is read-only: {r}")?;
        }
        return Ok(1);
    }
    let mut changes = crate::store::Changes::default();
    for e in plan.added.into_iter().chain(plan.updated) {
        changes.note(&model, &crate::model::RecordId::Event(e.id.clone()));
        crate::command::Command::put(crate::command::Record::Event(e)).apply(&mut model)?;
    }
    // Waits up to 10 s for a colleague's save; merges with what others saved meanwhile.
    ws.save_records(&model, &changes)?;
    Ok(0)
}

#[allow(clippy::too_many_arguments)]
pub(super) fn import_roster(
    cli: &Cli,
    lang: Lang,
    file: &std::path::Path,
    delegation: &str,
    map: &[String],
    dry_run: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<u8> {
    use crate::exchange::roster::{Mapping, Outcome, import_command, parse_roster_mapped, read_table};
    let mapping = match Mapping::parse(map) {
        Ok(m) => m,
        Err(e) => {
            writeln!(err, "pobratim: {}", e.message(lang))?;
            return Ok(2);
        }
    };
    // Store errors keep their Display (it names the file); a table that does not read says
    // why in the chosen language.
    let table = match store::read_import_bytes(file)
        .map_err(|e| e.to_string())
        .and_then(|b| read_table(&b).map_err(|e| e.message(lang)))
    {
        Ok(t) => t,
        Err(e) => {
            writeln!(err, "pobratim: {e}: {}", file.display())?;
            return Ok(1);
        }
    };
    let dir = store::resolve_data_dir(cli.data.as_deref())?;
    let mode = if dry_run { OpenMode::ReadOnly } else { OpenMode::ReadWrite };
    let (mut ws, mut model) = Workspace::open(&dir, mode)?;
    say_recovered_lock(&ws, lang, err)?;
    let Some(target) = model.delegation(&delegation.into()).cloned() else {
        writeln!(err, "pobratim: no delegation «{delegation}»")?;
        return Ok(1);
    };
    let missing = mapping.missing(&table);
    if !missing.is_empty() {
        for m in missing {
            match lang {
                Lang::Ru => writeln!(err, "pobratim: --map: в файле нет колонки «{m}»: {}", file.display())?,
                Lang::En => writeln!(err, "pobratim: --map: the file has no column «{m}»: {}", file.display())?,
            }
        }
        return Ok(1);
    }
    let report = parse_roster_mapped(&table, &model, &target, &mapping);
    let w = ImportWords::new(lang);
    writeln!(
        out,
        "{}: {}{}",
        file.display(),
        table.encoding,
        table.separator.map(|c| format!(", {} «{c}»", w.separator)).unwrap_or_default()
    )?;
    for c in &report.ignored_columns {
        writeln!(out, "{}\t«{c}»\t{}", w.column_ignored, w.column_hint)?;
    }
    for c in &report.not_kept_columns {
        writeln!(out, "{}\t«{c}»\t{}", w.column_ignored, w.column_not_kept)?;
    }
    for r in &report.rows {
        let row = format!("{} {}", w.row, r.row);
        match &r.outcome {
            Outcome::New(p) => writeln!(out, "{row}\t{}\t{}\t{}", w.new_person, p.id, p.display_name())?,
            Outcome::Matched(id) => writeln!(out, "{row}\t{}\t{id}", w.matched)?,
            Outcome::AlreadyMember(id) => writeln!(out, "{row}\t{}\t{id}", w.already_member)?,
            Outcome::Rejected { field, reason } => {
                writeln!(out, "{row}\t{}\t{}\t{}", w.rejected, field.name(lang), reason.message(lang))?;
            }
        }
    }
    let (new, matched, rejected) = report.counts();
    let dry = if dry_run { w.dry_run } else { "" };
    match lang {
        Lang::Ru => writeln!(out, "Новых: {new}, найдено: {matched}, отклонено: {rejected}{dry}")?,
        Lang::En => writeln!(out, "New: {new}, matched: {matched}, rejected: {rejected}{dry}")?,
    }
    if dry_run {
        return Ok(0);
    }
    let Some(command) = import_command(&target, &report) else { return Ok(0) };
    if !ws.is_writable() {
        for r in ws.read_only_reasons() {
            writeln!(err, "pobratim: nothing written, the data folder is read-only: {r}")?;
        }
        return Ok(1);
    }
    let mut changes = crate::store::Changes::default();
    for id in command.records() {
        changes.note(&model, &id);
    }
    command.apply(&mut model)?;
    ws.save_records(&model, &changes)?;
    Ok(0)
}
