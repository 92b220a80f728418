//! The command line: clap commands that reuse the library headlessly (DESIGN.md §5).
//!
//! Output goes to the writers passed in, so tests can run commands in-process as well as
//! through the binary. Exit codes: 0 success, 1 failure, 2 usage (clap's own).

use crate::model::Records as _;
use crate::model::{CityStatus, Delegation, Direction, Lang, Model, RecordId, Severity, date::fmt_date, run_checks};
use crate::print::PrintLang;
use crate::store::{self, OpenMode, StoreError, Workspace};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::path::PathBuf;

mod import;
mod overview;
mod road;
use import::{import_ics, import_roster};

/// What `pobratim --version` prints after the name: the program's version and the data
/// format it reads and writes (a unit test keeps the number in step with the store's).
pub const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), " (формат данных 8 / data format 8)");

/// Pobratim: partner cities, delegations, calendar and tourism figures of a city's
/// international department. Without a command, opens the app.
#[derive(Debug, Parser)]
#[command(name = "pobratim", version = VERSION)]
pub struct Cli {
    /// Data folder (default: the folder last opened in the app, else $POBRATIM_DATA, else the one IT set in /etc/pobratim/folder.ron or %ProgramData%\Pobratim\folder.ron, else the per-user folder, filled with the sample data on first run).
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
        /// ics: the public calendar of a year (this year unless --year), public fields only,
        /// for the city's website; without it, the staff's whole calendar.
        #[arg(long)]
        public: bool,
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
    /// What needs doing: the visits ahead with their readiness and what each lacks, tasks
    /// overdue or due this week, anniversaries, partners gone quiet, stale records, and
    /// today and tomorrow. Exit 0 whether or not anything is ahead; 1 if a file failed to
    /// load (after printing what did). `--lang` takes ru or en.
    Overview {
        /// The day to look from (default: today).
        #[arg(long, value_name = "DD.MM.YYYY", value_parser = overview::parse_date)]
        date: Option<chrono::NaiveDate>,
        /// How many days ahead to list visits.
        #[arg(long, default_value_t = crate::model::overview::DEFAULT_DAYS,
              value_parser = clap::value_parser!(u32).range(0..=i64::from(crate::model::overview::MAX_DAYS)))]
        days: u32,
        /// One JSON object, a key per section; per visit its id, title, dates, readiness and
        /// missing items.
        #[arg(long)]
        json: bool,
    },
    /// Read records from another tool's file.
    Import {
        /// What to import.
        #[command(subcommand)]
        what: ImportWhat,
    },
    /// A copy of chosen visits for a laptop that travels with a delegation, and bringing
    /// its changes back (merged with the office's by record, item and field).
    Road {
        /// Take a copy, or bring one back.
        #[command(subcommand)]
        what: RoadWhat,
    },
}

/// What `road` does.
#[derive(Debug, Subcommand)]
pub enum RoadWhat {
    /// Write a copy of the data folder, or of chosen visits with every person, city and
    /// event they refer to, into a new or empty folder. Logged in the personal-data log.
    Take {
        /// The folder to write the copy into (new or empty).
        #[arg(long)]
        out: PathBuf,
        /// A visit to take (repeat for several); without it, the whole folder.
        #[arg(long = "delegation", value_name = "ID")]
        delegations: Vec<String>,
        /// Leave passports out of the copy (they are never blanked at the office on return).
        #[arg(long)]
        without_passports: bool,
    },
    /// Merge what changed in a copy since it was taken (or last returned) into the data
    /// folder; what both sides changed differently keeps the office's value and stores the
    /// copy's as a conflict. Returning twice brings nothing the second time.
    Return {
        /// The copy's folder.
        dir: PathBuf,
        /// Say what would change; write nothing.
        #[arg(long)]
        dry_run: bool,
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
        /// A column the import does not recognise, mapped by hand: `--map "Колонка=field"`
        /// (fields: full_name, surname, given_name, patronymic, latin_name, native_name,
        /// birth_date, role, organisation, position, passport, passport_expires, visa_until,
        /// phone, email, languages, dietary, hotel, host_family, consent; `skip` leaves it out).
        #[arg(long = "map", value_name = "COLUMN=FIELD")]
        map: Vec<String>,
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
        Command::Export { format, year, delegation, show_passports, public, output } => {
            export(cli, *format, *year, delegation.as_deref(), *show_passports, *public, output, out)
        }
        Command::Print { what, delegation, year, show_passports, output } => {
            print(cli, *what, delegation.as_deref(), *year, *show_passports, output, out, err)
        }
        Command::Report { .. } if cli.lang.is_some_and(|l| ![PrintLang::RU, PrintLang::EN].contains(&l.0)) => {
            let _ = writeln!(err, "report: --lang takes ru or en");
            return 2;
        }
        Command::Report { year, output } => report(cli, lang, *year, output, out),
        Command::Overview { .. } if cli.lang.is_some_and(|l| ![PrintLang::RU, PrintLang::EN].contains(&l.0)) => {
            let _ = writeln!(err, "overview: --lang takes ru or en");
            return 2;
        }
        Command::Overview { date, days, json } => overview::run(cli, lang, *date, *days, *json, out, err),
        Command::GenData { out: dir, years, seed } => gen_data(dir, *years, *seed, out),
        Command::Import { what: ImportWhat::Ics { file, dry_run } } => import_ics(cli, lang, file, *dry_run, out, err),
        Command::Import { what: ImportWhat::Roster { file, delegation, map, dry_run } } => {
            import_roster(cli, lang, file, delegation, map, *dry_run, out, err)
        }
        Command::Road { what: RoadWhat::Take { out: dir, delegations, without_passports } } => {
            road::take(cli, lang, dir, delegations, *without_passports, out, err)
        }
        Command::Road { what: RoadWhat::Return { dir, dry_run } } => {
            road::give_back(cli, lang, dir, *dry_run, out, err)
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
    let mut locator = ws.locator();
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
        let place = locator
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
            .records()
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
                        ("partner_city", d.counterpart(&model, Lang::Ru)),
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

#[allow(clippy::too_many_arguments)]
fn export(
    cli: &Cli,
    format: ExportFormat,
    year: Option<i32>,
    delegation: Option<&str>,
    show_passports: bool,
    public: bool,
    output: &std::path::Path,
    out: &mut dyn Write,
) -> anyhow::Result<u8> {
    use chrono::Datelike;
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
        ExportFormat::Ics if public => {
            let year = year.unwrap_or_else(|| cli.today().year());
            crate::exchange::ics::export_public_ics(&model, year, chrono::Utc::now()).into_bytes()
        }
        ExportFormat::Ics => {
            let opts = crate::exchange::ics::ExportOptions { year, now: chrono::Utc::now() };
            crate::exchange::ics::export_ics(&model, &opts).into_bytes()
        }
        _ if public => anyhow::bail!("--public is for export ics (the public HTML is always public)"),
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
