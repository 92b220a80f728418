//! The command line: clap commands that reuse the library headlessly (DESIGN.md §5).
//!
//! Output goes to the writers passed in, so tests can run commands in-process as well as
//! through the binary. Exit codes: 0 success, 1 failure, 2 usage (clap's own).

use crate::model::{CityStatus, Delegation, Direction, Lang, Model, RecordId, Severity, date::fmt_date, run_checks};
use crate::print::PrintLang;
use crate::store::{self, OpenMode, StoreError, Workspace};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::path::PathBuf;

/// Pobratim: partner cities, delegations, calendar and tourism figures of a city's
/// international department. Without a command, opens the app.
#[derive(Debug, Parser)]
#[command(name = "pobratim", version)]
pub struct Cli {
    /// Data folder (default: the per-user folder, filled with the sample data on first run).
    #[arg(long, global = true, value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// Language: ru en zh ja ko ru+en ru+zh ru+ja ru+ko. Messages (and the app) are English
    /// for `en`, Russian otherwise; prints use the document language(s); `report` takes ru or
    /// en only. Default: Russian (the app remembers the last choice).
    #[arg(long, global = true, value_name = "LANG", value_parser = parse_lang)]
    pub lang: Option<CliLang>,
    /// Today's date as `dd.mm.yyyy`, instead of the system clock's (tests and reruns of an
    /// old day's report).
    #[arg(long, global = true, value_name = "DD.MM.YYYY", value_parser = parse_today, hide = true)]
    pub today: Option<chrono::NaiveDate>,
    /// What to do; none opens the app.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Parses `--today`.
fn parse_today(s: &str) -> Result<chrono::NaiveDate, String> {
    crate::model::date::parse_russian_date(s).ok_or_else(|| format!("«{s}»: expected dd.mm.yyyy"))
}

impl Cli {
    /// Today: `--today` if given, else the system's local date.
    pub fn today(&self) -> chrono::NaiveDate {
        self.today.unwrap_or_else(|| chrono::Local::now().date_naive())
    }
}

/// `--lang`: a document language or pair, which also picks the messages' language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CliLang(pub crate::print::PrintLang);

/// Parses `--lang`.
fn parse_lang(s: &str) -> Result<CliLang, String> {
    crate::print::PrintLang::from_code(s)
        .map(CliLang)
        .ok_or_else(|| format!("«{s}»: expected one of ru en zh ja ko ru+en ru+zh ru+ja ru+ko"))
}

impl From<CliLang> for Lang {
    /// Messages are English for `en` and Russian otherwise.
    fn from(l: CliLang) -> Self {
        if l.0 == crate::print::PrintLang::EN { Lang::En } else { Lang::Ru }
    }
}

impl From<CliLang> for crate::print::PrintLang {
    fn from(l: CliLang) -> Self {
        l.0
    }
}

/// Documents `print` makes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum PrintWhat {
    /// «Программа пребывания делегации» (needs --delegation).
    Programme,
    /// The roster (needs --delegation).
    Roster,
    /// Badges and table cards (needs --delegation).
    Badges,
    /// The public events of a year (needs --year).
    Calendar,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Load and validate the data folder and print the findings; exit 1 if a file failed to load.
    Check,
    /// Print one record per line: the id, then tab-separated fields.
    List {
        /// Which collection.
        #[arg(value_enum)]
        what: ListWhat,
        /// Print a JSON array instead of lines.
        #[arg(long)]
        json: bool,
    },
    /// Write the calendar in another format.
    Export {
        /// ics or html.
        #[arg(value_enum)]
        format: ExportFormat,
        /// Only this year (required for html).
        #[arg(long)]
        year: Option<i32>,
        /// The delegation whose roster to export (csv, xlsx).
        #[arg(long)]
        delegation: Option<String>,
        /// Print passport numbers in full (they are masked by default).
        #[arg(long)]
        show_passports: bool,
        /// The file to write.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: PathBuf,
    },
    /// Make a PDF: a delegation's programme, roster or badges, or the year calendar.
    Print {
        /// What to print.
        #[arg(value_enum)]
        what: PrintWhat,
        /// The delegation (programme, roster, badges).
        #[arg(long)]
        delegation: Option<String>,
        /// The year (calendar).
        #[arg(long)]
        year: Option<i32>,
        /// Print passport numbers in full (the roster masks them by default).
        #[arg(long)]
        show_passports: bool,
        /// The PDF to write.
        #[arg(short = 'o', long = "output", value_name = "FILE.pdf")]
        output: PathBuf,
    },
    /// Make the annual report for the association of cities (АСДГ): PDF, Word or Markdown,
    /// chosen by the output's extension.
    Report {
        /// The year reported on.
        #[arg(long)]
        year: i32,
        /// The file to write: .pdf, .docx or .md.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: PathBuf,
    },
    /// Write a large synthetic data folder for benchmarks (DESIGN.md §8): about 300 cities,
    /// 2,000 events, 800 delegations and 6,000 people per year. The same seed gives the same bytes.
    GenData {
        /// The folder to create; it must not hold data already.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Years of history, ending in 2026.
        #[arg(long, default_value_t = 10)]
        years: u32,
        /// Seed of the generator.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Read records from another tool's file.
    Import {
        /// What to import.
        #[command(subcommand)]
        what: ImportWhat,
    },
}

/// Export formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// iCalendar: events and delegation stays, for Outlook, Thunderbird, Google and phones.
    Ics,
    /// The public calendar of a year as a printable web page (needs --year).
    Html,
    /// A delegation's roster for Russian Excel: UTF-8 with BOM, ';' (needs --delegation).
    Csv,
    /// A delegation's roster as an Excel workbook (needs --delegation).
    Xlsx,
}

/// What `import` reads.
#[derive(Debug, Subcommand)]
pub enum ImportWhat {
    /// Events from an iCalendar file; events already present (same UID) are not added twice.
    Ics {
        /// The .ics file.
        file: PathBuf,
        /// Print the report and write nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// A delegation's roster from CSV (UTF-8 or Windows-1251, ',' or ';') or XLSX.
    Roster {
        /// The .csv or .xlsx file.
        file: PathBuf,
        /// The delegation's id.
        #[arg(long)]
        delegation: String,
        /// Print the report and write nothing.
        #[arg(long)]
        dry_run: bool,
    },
}

/// Collections `list` can print.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ListWhat {
    /// Partner cities.
    Cities,
    /// People.
    People,
    /// Calendar events.
    Events,
    /// Delegations.
    Delegations,
}

/// Runs a parsed command (not the GUI). Returns the process exit code.
pub fn run(cli: &Cli, command: &Command, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let lang = cli.lang.map_or(Lang::Ru, Lang::from);
    let result = match command {
        Command::Check => check(cli, lang, out, err),
        Command::List { what, json } => list(cli, *what, *json, out, err),
        Command::Export { format, year, delegation, show_passports, output } => {
            export(cli, *format, *year, delegation.as_deref(), *show_passports, output, out)
        }
        Command::Print { what, delegation, year, show_passports, output } => {
            print(cli, *what, delegation.as_deref(), *year, *show_passports, output, out, err)
        }
        Command::Report { .. } if cli.lang.is_some_and(|l| ![PrintLang::RU, PrintLang::EN].contains(&l.0)) => {
            let _ = writeln!(err, "report: --lang takes ru or en");
            return 2;
        }
        Command::Report { year, output } => report(cli, lang, *year, output, out),
        Command::GenData { out: dir, years, seed } => gen_data(dir, *years, *seed, out),
        Command::Import { what: ImportWhat::Ics { file, dry_run } } => import_ics(cli, lang, file, *dry_run, out, err),
        Command::Import { what: ImportWhat::Roster { file, delegation, dry_run } } => {
            import_roster(cli, lang, file, delegation, *dry_run, out, err)
        }
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            // Nothing more can be done if stderr itself is closed.
            let _ = writeln!(err, "pobratim: {e:#}");
            1
        }
    }
}

/// Says on stderr that the open took over a lock this user's crashed process left.
fn say_recovered_lock(ws: &Workspace, lang: Lang, err: &mut dyn Write) -> std::io::Result<()> {
    if let Some(old) = ws.recovered_lock() {
        match lang {
            Lang::Ru => {
                writeln!(err, "pobratim: блокировка, оставленная завершившимся процессом, снята: {}", old.describe())?
            }
            Lang::En => writeln!(err, "pobratim: took over the lock a process that ended left: {}", old.describe())?,
        }
    }
    Ok(())
}

fn open_read_only(cli: &Cli) -> Result<(Workspace, Model), StoreError> {
    let dir = store::resolve_data_dir(cli.data.as_deref())?;
    Workspace::open(&dir, OpenMode::ReadOnly)
}

fn check(cli: &Cli, lang: Lang, out: &mut dyn Write, err: &mut dyn Write) -> anyhow::Result<u8> {
    let (ws, model) = open_read_only(cli)?;
    let ru = lang == Lang::Ru;
    writeln!(out, "{} {}", if ru { "Папка данных:" } else { "Data folder:" }, ws.dir().display())?;
    for e in ws.load_errors() {
        writeln!(err, "{} {e}", if ru { "ошибка загрузки:" } else { "load error:" })?;
    }
    let findings = run_checks(&model, cli.today());
    for f in &findings {
        let (kind, id) = match &f.subject {
            RecordId::City(id) => ("city", id.to_string()),
            RecordId::Person(id) => ("person", id.to_string()),
            RecordId::Event(id) => ("event", id.to_string()),
            RecordId::Delegation(id) => ("delegation", id.to_string()),
            RecordId::Figures(year) => ("figures", year.to_string()),
        };
        // The file and line of the record, so a hand-edited value can be found and fixed.
        let year = match &f.subject {
            RecordId::Delegation(id) => model.delegation(id).map(|d| chrono::Datelike::year(&d.arrival.date)),
            _ => None,
        };
        let place = ws
            .locate(&f.subject, year)
            .map(|(path, line)| {
                let shown = path.strip_prefix(ws.dir()).unwrap_or(&path).display().to_string();
                format!("{shown}:{line}")
            })
            .unwrap_or_default();
        writeln!(out, "{}\t{kind} {id}\t{}\t{}\t{place}", severity_word(f.severity, lang), f.field, f.message(lang))?;
    }
    let count = |s| findings.iter().filter(|f| f.severity == s).count();
    let (e, w, i) = (count(Severity::Error), count(Severity::Warning), count(Severity::Info));
    if ru {
        writeln!(
            out,
            "Записей: городов {}, людей {}, событий {}, делегаций {}. Ошибок: {e}, предупреждений: {w}, сведений: {i}. Файлов с ошибкой загрузки: {}.",
            model.cities.len(),
            model.people.len(),
            model.events.len(),
            model.delegations.len(),
            ws.load_errors().len()
        )?;
    } else {
        writeln!(
            out,
            "Records: {} cities, {} people, {} events, {} delegations. Errors: {e}, warnings: {w}, info: {i}. Files that failed to load: {}.",
            model.cities.len(),
            model.people.len(),
            model.events.len(),
            model.delegations.len(),
            ws.load_errors().len()
        )?;
    }
    Ok(if ws.load_errors().is_empty() { 0 } else { 1 })
}

fn severity_word(s: Severity, lang: Lang) -> &'static str {
    match (s, lang) {
        (Severity::Error, Lang::Ru) => "ошибка",
        (Severity::Warning, Lang::Ru) => "предупреждение",
        (Severity::Info, Lang::Ru) => "сведения",
        (Severity::Error, Lang::En) => "error",
        (Severity::Warning, Lang::En) => "warning",
        (Severity::Info, Lang::En) => "info",
    }
}

/// One line of `list`: the id and the fields DESIGN.md §5 names, in order.
#[derive(Debug)]
struct Row {
    id: String,
    fields: Vec<(&'static str, String)>,
}

impl Row {
    /// The row as a JSON object, keys in the order of the line.
    fn to_json(&self) -> serde_json::Value {
        let mut map = serde_json::Map::new();
        map.insert("id".into(), self.id.clone().into());
        for (k, v) in &self.fields {
            map.insert((*k).to_owned(), v.clone().into());
        }
        serde_json::Value::Object(map)
    }
}

fn row(id: &str, fields: &[(&'static str, String)]) -> Row {
    Row { id: id.to_owned(), fields: fields.to_vec() }
}

fn list(cli: &Cli, what: ListWhat, json: bool, out: &mut dyn Write, err: &mut dyn Write) -> anyhow::Result<u8> {
    let (ws, model) = open_read_only(cli)?;
    let city_name = |id: &crate::model::CityId| model.city(id).map_or_else(|| id.to_string(), |c| c.name_ru.clone());
    let rows: Vec<Row> = match what {
        ListWhat::Cities => model
            .cities
            .iter()
            .map(|c| {
                let status = match c.status {
                    CityStatus::Home => "свой город",
                    CityStatus::Sister => "побратим",
                    CityStatus::Friendly => "дружественный",
                    CityStatus::Prospective => "перспективный",
                };
                let since = c.since.map(|s| s.to_russian()).unwrap_or_default();
                row(
                    c.id.as_str(),
                    &[
                        ("name_ru", c.name_ru.clone()),
                        ("name_native", c.name_native.clone()),
                        ("country_ru", c.country_ru.clone()),
                        ("status", status.to_owned()),
                        ("since", since),
                    ],
                )
            })
            .collect(),
        ListWhat::People => model
            .people
            .iter()
            .map(|p| {
                row(
                    p.id.as_str(),
                    &[
                        ("full_name_ru", p.full_name_ru.clone()),
                        ("latin_name", p.latin_name.clone()),
                        ("organisation", p.organisation.clone()),
                    ],
                )
            })
            .collect(),
        ListWhat::Events => model
            .events
            .iter()
            .map(|e| {
                let dates = if e.start_date == e.end_date {
                    fmt_date(e.start_date)
                } else {
                    format!("{}–{}", fmt_date(e.start_date), fmt_date(e.end_date))
                };
                let host = e.host_city.as_ref().map(city_name).unwrap_or_default();
                row(e.id.as_str(), &[("dates", dates), ("title_ru", e.title.ru_text().to_owned()), ("host_city", host)])
            })
            .collect(),
        ListWhat::Delegations => model
            .delegations
            .iter()
            .map(|d: &Delegation| {
                let dates = format!("{}–{}", fmt_date(d.arrival.date), fmt_date(d.departure.date));
                let direction = match d.direction {
                    Direction::Incoming => "приём",
                    Direction::Outgoing => "выезд",
                };
                row(
                    d.id.as_str(),
                    &[
                        ("dates", dates),
                        ("direction", direction.to_owned()),
                        ("partner_city", city_name(&d.partner_city)),
                        ("title_ru", d.title.ru_text().to_owned()),
                    ],
                )
            })
            .collect(),
    };
    if json {
        let array: Vec<serde_json::Value> = rows.iter().map(Row::to_json).collect();
        writeln!(out, "{}", serde_json::to_string_pretty(&array)?)?;
    } else {
        for r in &rows {
            let mut line = r.id.clone();
            for (_, v) in &r.fields {
                line.push('\t');
                line.push_str(v);
            }
            writeln!(out, "{line}")?;
        }
    }
    for e in ws.load_errors() {
        // Listing still works on what loaded; say what did not.
        writeln!(err, "не загружен / not loaded: {e}")?;
    }
    Ok(if ws.load_errors().is_empty() { 0 } else { 1 })
}

fn export(
    cli: &Cli,
    format: ExportFormat,
    year: Option<i32>,
    delegation: Option<&str>,
    show_passports: bool,
    output: &std::path::Path,
    out: &mut dyn Write,
) -> anyhow::Result<u8> {
    let (ws, model) = open_read_only(cli)?;
    let roster = |model: &Model| -> anyhow::Result<Vec<Vec<String>>> {
        let Some(id) = delegation else { anyhow::bail!("export csv/xlsx needs --delegation ID") };
        crate::exchange::roster::roster_rows(model, &id.into(), show_passports)
            .ok_or_else(|| anyhow::anyhow!("no delegation «{id}»"))
    };
    let bytes = match format {
        ExportFormat::Csv => crate::exchange::csv::write(&roster(&model)?),
        ExportFormat::Xlsx => crate::exchange::roster::to_xlsx(&roster(&model)?)
            .map_err(|e| anyhow::anyhow!(e.message(cli.lang.map_or(Lang::Ru, Lang::from))))?,
        ExportFormat::Ics => {
            let opts = crate::exchange::ics::ExportOptions { year, now: chrono::Utc::now() };
            crate::exchange::ics::export_ics(&model, &opts).into_bytes()
        }
        ExportFormat::Html => {
            let Some(year) = year else {
                anyhow::bail!("export html needs --year YYYY");
            };
            let org = model.home_city().map(|c| format!("г. {}", c.name_ru)).unwrap_or_default();
            crate::exchange::html::public_calendar_html(&model, year, &org).into_bytes()
        }
    };
    store::write_export(output, &bytes)?;
    if show_passports && matches!(format, ExportFormat::Csv | ExportFormat::Xlsx) {
        log_passports(ws.dir(), store::journal::Action::ExportPassports, delegation, output)?;
    }
    writeln!(out, "{}", output.display())?;
    Ok(0)
}

/// The words of the import reports, in the language of `--lang` (Russian by default).
struct ImportWords {
    skipped: &'static str,
    warning: &'static str,
    new_event: &'static str,
    updated_event: &'static str,
    dry_run: &'static str,
    separator: &'static str,
    column_ignored: &'static str,
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
                row: "row",
                new_person: "new",
                matched: "matched",
                already_member: "already a member",
                rejected: "rejected",
            },
        }
    }
}

fn import_ics(
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
    for e in plan.added.into_iter().chain(plan.updated) {
        crate::command::Command::put(crate::command::Record::Event(e)).apply(&mut model)?;
    }
    ws.save(&model)?;
    Ok(0)
}

fn import_roster(
    cli: &Cli,
    lang: Lang,
    file: &std::path::Path,
    delegation: &str,
    dry_run: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<u8> {
    use crate::exchange::roster::{Outcome, import_command, parse_roster, read_table};
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
    let report = parse_roster(&table, &model, &target);
    let w = ImportWords::new(lang);
    writeln!(
        out,
        "{}: {}{}",
        file.display(),
        table.encoding,
        table.separator.map(|c| format!(", {} «{c}»", w.separator)).unwrap_or_default()
    )?;
    for c in &report.ignored_columns {
        writeln!(out, "{}\t«{c}»", w.column_ignored)?;
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
    command.apply(&mut model)?;
    ws.save(&model)?;
    Ok(0)
}

#[allow(clippy::too_many_arguments)]
fn print(
    cli: &Cli,
    what: PrintWhat,
    delegation: Option<&str>,
    year: Option<i32>,
    show_passports: bool,
    output: &std::path::Path,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<u8> {
    use crate::print::Job;
    let (ws, model) = open_read_only(cli)?;
    let lang = cli.lang.map_or(PrintLang::RU, Into::into);
    let need_delegation = || -> anyhow::Result<crate::model::DelegationId> {
        delegation.map(Into::into).ok_or_else(|| anyhow::anyhow!("this document needs --delegation ID"))
    };
    let job = match what {
        PrintWhat::Programme => Job::Programme { delegation: need_delegation()?, lang },
        PrintWhat::Roster => Job::Roster { delegation: need_delegation()?, show_passports },
        PrintWhat::Badges => Job::Badges { delegation: need_delegation()? },
        PrintWhat::Calendar => {
            let Some(year) = year else { anyhow::bail!("print calendar needs --year YYYY") };
            Job::Calendar { year }
        }
    };
    // Said in the user's language (a roster of nobody is refused, not printed blank).
    let ui_lang = cli.lang.map_or(Lang::Ru, Lang::from);
    let pdf = job.render(&model).map_err(|e| anyhow::anyhow!(e.message(ui_lang)))?;
    store::write_export(output, &pdf)?;
    if let Job::Programme { delegation, lang } = &job {
        // Texts without a translation print in Russian, marked «*»: say which.
        let missing = crate::print::data::missing_translations(&model, delegation, *lang)?;
        if !missing.is_empty() {
            let head = match Lang::from(CliLang(*lang)) {
                Lang::En => format!("{} texts have no translation and print in Russian, marked «*»:", missing.len()),
                Lang::Ru => format!("без перевода, напечатаны по-русски с пометкой «*»: {}", missing.len()),
            };
            writeln!(err, "{head}")?;
            for m in &missing {
                writeln!(err, "  {m}")?;
            }
        }
    }
    if job.shows_passports() {
        log_passports(ws.dir(), store::journal::Action::PrintPassports, delegation, output)?;
    }
    writeln!(out, "{}", output.display())?;
    Ok(0)
}

/// Records in the folder's personal-data log that passport numbers left the app in full.
fn log_passports(
    dir: &std::path::Path,
    action: store::journal::Action,
    delegation: Option<&str>,
    output: &std::path::Path,
) -> anyhow::Result<()> {
    let entry = store::journal::Entry::now(action, delegation.unwrap_or_default(), output.display().to_string());
    store::journal::append(dir, &entry)?;
    Ok(())
}

fn report(cli: &Cli, lang: Lang, year: i32, output: &std::path::Path, out: &mut dyn Write) -> anyhow::Result<u8> {
    let format = crate::report::Format::from_path(output)?;
    let (ws, model) = open_read_only(cli)?;
    if let Some(e) = ws.load_errors().first() {
        anyhow::bail!("no report made: a file of the data folder did not load, so its figures would be missing: {e}");
    }
    let report = crate::report::annual(&model, year, lang, cli.today());
    let bytes = format.render(&report).map_err(anyhow::Error::msg)?;
    store::write_export(output, &bytes)?;
    writeln!(out, "{}", output.display())?;
    Ok(0)
}

fn gen_data(dir: &std::path::Path, years: u32, seed: u64, out: &mut dyn Write) -> anyhow::Result<u8> {
    if store::holds_data(dir)? {
        anyhow::bail!(
            "{}: the folder already holds Pobratim data; gen-data writes only into a new or empty folder",
            dir.display()
        );
    }
    let model = crate::synth::generate(years, seed);
    let (mut ws, _) = Workspace::open(dir, OpenMode::ReadWrite)?;
    ws.save(&model)?;
    writeln!(
        out,
        "{}: {} cities, {} people, {} events, {} delegations",
        dir.display(),
        model.cities.len(),
        model.people.len(),
        model.events.len(),
        model.delegations.len()
    )?;
    Ok(0)
}
