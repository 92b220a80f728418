//! `pobratim road take` and `road return`: a copy of chosen visits for a laptop that
//! travels with a delegation, and its changes merged back into the office's folder with the
//! same record, item and field merge as colleagues' saves (`model::road`, `store::road`).

use super::*;
use crate::command::Command as Cmd;
use crate::model::DelegationId;
use crate::model::road::{Back, Change, bring_back, subset};
use crate::store::journal;
use crate::store::road as disk;
use std::path::Path;

/// `road take`: writes the copy into `out_dir` (new or empty) and logs the personal data it
/// takes off-site in the office's personal-data log.
pub(super) fn take(
    cli: &Cli,
    lang: Lang,
    out_dir: &Path,
    ids: &[String],
    without_passports: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<u8> {
    let dir = store::resolve_data_dir(cli.data.as_deref())?;
    // Full paths in the log and the manifest: they are read on another day, elsewhere.
    let dir = disk::full_path(&dir);
    let out_dir = &disk::full_path(out_dir);
    let (ws, model) = Workspace::open(&dir, OpenMode::ReadOnly)?;
    if !ws.load_errors().is_empty() {
        for e in ws.load_errors() {
            writeln!(err, "pobratim: {}", e.message(lang))?;
        }
        writeln!(err, "pobratim: no copy made: the data folder did not load whole")?;
        return Ok(1);
    }
    let ids: Vec<DelegationId> = ids.iter().map(|i| DelegationId::new(i.as_str())).collect();
    if let Some(missing) = ids.iter().find(|id| model.delegation(id).is_none()) {
        match lang {
            Lang::Ru => writeln!(err, "pobratim: нет делегации «{missing}»; копия не сделана")?,
            Lang::En => writeln!(err, "pobratim: no delegation «{missing}»; no copy made")?,
        }
        return Ok(1);
    }
    let copy = subset(&model, &ids, without_passports);
    let revision = ws.revision();
    drop(ws);
    disk::take(&dir, revision, &copy, &ids, without_passports, out_dir)?;
    let visits = copy.delegations.len();
    let people = copy.people.len();
    match lang {
        Lang::Ru => {
            let p = if without_passports { "паспорта не взяты" } else { "паспорта взяты" };
            writeln!(out, "Копия для поездки: {} — визитов: {visits}, людей: {people}, {p}", out_dir.display())?;
            if people > 0 {
                writeln!(out, "Записано в журнал персональных данных: {}", dir.join(journal::FILE).display())?;
            }
        }
        Lang::En => {
            let p = if without_passports { "passports left out" } else { "passports taken" };
            writeln!(out, "Copy for the road: {} — visits: {visits}, people: {people}, {p}", out_dir.display())?;
            if people > 0 {
                writeln!(out, "Written to the personal-data log: {}", dir.join(journal::FILE).display())?;
            }
        }
    }
    Ok(0)
}

/// `road return`: merges what changed in the copy since it was taken (or last returned)
/// into the office's folder; what both changed differently keeps the office's value and
/// stores the traveller's as a conflict. The copy's base then becomes the copy, so a second
/// return brings nothing.
pub(super) fn give_back(
    cli: &Cli,
    lang: Lang,
    copy_dir: &Path,
    dry_run: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<u8> {
    let mut manifest = disk::read_manifest(copy_dir)?;
    let (copy, base) = disk::read_copy(copy_dir)?;
    let dir = store::resolve_data_dir(cli.data.as_deref())?;
    let mode = if dry_run { OpenMode::ReadOnly } else { OpenMode::ReadWrite };
    let (mut ws, mut model) = Workspace::open(&dir, mode)?;
    say_recovered_lock(&ws, lang, err)?;
    if !ws.load_errors().is_empty() {
        for e in ws.load_errors() {
            writeln!(err, "pobratim: {}", e.message(lang))?;
        }
        writeln!(err, "pobratim: nothing returned: the data folder did not load whole")?;
        return Ok(1);
    }
    let back = bring_back(&base, &copy, &model);
    report(&back, &copy, &model, lang, out)?;
    let ru = lang == Lang::Ru;
    let dry = if dry_run {
        if ru {
            " (пробный прогон: ничего не записано)"
        } else {
            " (dry run: nothing written)"
        }
    } else {
        ""
    };
    let (brought, clashes) = (back.ids().len(), back.clashes.len());
    if ru {
        writeln!(out, "Изменено в поездке: {}, вносится: {brought}, конфликтов: {clashes}{dry}", back.changed_on_road)?;
    } else {
        writeln!(
            out,
            "Changed on the road: {}, brought in: {brought}, conflicts: {clashes}{dry}",
            back.changed_on_road
        )?;
    }
    if dry_run || back.changed_on_road == 0 {
        return Ok(0);
    }
    if !ws.is_writable() {
        for r in ws.read_only_reasons() {
            writeln!(err, "pobratim: nothing written, the data folder is read-only: {}", r.message(lang))?;
        }
        return Ok(1);
    }
    let mut changes = store::Changes::default();
    for id in back.ids() {
        changes.note(&model, &id);
    }
    // A record deleted on the road that the office still refers to stays.
    let kept = crate::command::apply_keeping_referenced(Cmd::from_road(&back), |c| c.apply(&mut model).map(|_| ()))
        .map_err(|e| anyhow::anyhow!(e.message(lang)))?;
    for e in kept {
        writeln!(err, "pobratim: {}", e.message(lang))?;
    }
    ws.save_records(&model, &changes)?;
    // After the save: until the copy is rebased below it still holds the traveller's
    // values, so a return that stops before here finds the same conflicts again, and one
    // whose save failed has stored none to store twice.
    let found = disk::found(&back);
    if !found.is_empty() {
        ws.store_conflicts(&found)?;
    }
    disk::rebase(copy_dir, &copy)?;
    manifest.returned.push(chrono::Local::now().format("%d.%m.%Y %H:%M").to_string());
    disk::write_manifest(copy_dir, &manifest)?;
    Ok(0)
}

/// One line per record the return changes or clashes on, by name: what staff recognise.
fn report(back: &Back, copy: &Model, office: &Model, lang: Lang, out: &mut dyn Write) -> std::io::Result<()> {
    let ru = lang == Lang::Ru;
    for line in back.lines(copy, office, lang.into()) {
        let field = if line.field.is_empty() { String::new() } else { format!(" ({})", line.field) };
        let name = &line.name;
        match (line.change, ru) {
            (Change::BroughtIn, true) => writeln!(out, "вносится\t{name}")?,
            (Change::BroughtIn, false) => writeln!(out, "brought in\t{name}")?,
            (Change::Removed, true) => writeln!(out, "удаляется\t{name}")?,
            (Change::Removed, false) => writeln!(out, "removed\t{name}")?,
            (Change::Clash, true) => writeln!(
                out,
                "конфликт\t{name}{field}\tв офисе остаётся их значение, значение из поездки — в «Конфликты»"
            )?,
            (Change::Clash, false) => {
                writeln!(out, "conflict\t{name}{field}\tthe office keeps its value; the road's is in «Conflicts»")?
            }
        }
    }
    Ok(())
}
