//! Rosters in and out: CSV (UTF-8 or Windows-1251, ',' or ';') and XLSX.
//!
//! Import is two steps: [`read_table`] turns a file into rows of text, [`parse_roster`]
//! checks each row against the model and says what it would do (new person, matched person,
//! or rejected with the field and reason). Nothing changes until the caller applies
//! [`import_command`]. Export writes the roster in precedence order, passports masked unless
//! asked otherwise.

use crate::command::{Command, Record};
use crate::model::Records as _;
use crate::model::date::{fmt_date, parse_russian_date};
use crate::model::ids;
use crate::model::person::mask_tail;
use crate::model::{
    Delegation, DelegationId, Lang, Lodging, Member, Model, Passport, Person, PersonId, Role, Visa, VisaStatus,
};
use chrono::NaiveDate;
use std::collections::{HashMap, HashSet};

mod columns;
pub use columns::{Col, ColumnReport, ColumnUse, MapError, Mapping, column_use};

/// A table read from a file, with how it was read.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    /// Rows of cells; the first is the header.
    pub rows: Vec<Vec<String>>,
    /// «UTF-8», «Windows-1251» or «XLSX».
    pub encoding: &'static str,
    /// The CSV separator, if CSV.
    pub separator: Option<char>,
}

/// Why a file could not be read at all. `Display` is both languages at once (as before);
/// [`ReadError::message`] says it in one.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    /// The file has no rows at all.
    #[error("файл пуст / the file is empty")]
    Empty,
    /// The CSV reader stopped; the cause is the csv crate's text.
    #[error("CSV: {0}")]
    Csv(String),
    /// The workbook did not open or its first sheet did not read; the cause is calamine's text.
    #[error("XLSX: {0}")]
    Xlsx(String),
    /// The workbook has no sheets.
    #[error("XLSX: в книге нет листов / no sheets")]
    NoSheets,
    /// The workbook's first sheet has no rows.
    #[error("XLSX: лист пуст / the sheet is empty")]
    EmptySheet,
}

impl ReadError {
    /// The reason in Russian or English (the caller adds the file's name).
    pub fn message(&self, lang: Lang) -> String {
        let ru = lang == Lang::Ru;
        match self {
            Self::Empty if ru => "файл пуст".into(),
            Self::Empty => "the file is empty".into(),
            Self::Csv(cause) => format!("CSV: {cause}"),
            Self::Xlsx(cause) => format!("XLSX: {cause}"),
            Self::NoSheets if ru => "XLSX: в книге нет листов".into(),
            Self::NoSheets => "XLSX: the workbook has no sheets".into(),
            Self::EmptySheet if ru => "XLSX: лист пуст".into(),
            Self::EmptySheet => "XLSX: the sheet is empty".into(),
        }
    }
}

/// Reads CSV or XLSX (by content: XLSX files are ZIP archives starting with `PK`).
pub fn read_table(bytes: &[u8]) -> Result<Table, ReadError> {
    if bytes.starts_with(b"PK") {
        return read_xlsx(bytes);
    }
    let (text, encoding) = decode(bytes);
    let first_line = text.lines().next().unwrap_or_default();
    let separator = if first_line.matches(';').count() > first_line.matches(',').count() { ';' } else { ',' };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(separator as u8)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| ReadError::Csv(e.to_string()))?;
        rows.push(record.iter().map(|c| c.trim().to_owned()).collect());
    }
    if rows.is_empty() {
        return Err(ReadError::Empty);
    }
    Ok(Table { rows, encoding, separator: Some(separator) })
}

/// UTF-8 (a BOM is dropped) when the bytes are valid UTF-8, else Windows-1251, the encoding
/// Russian Excel saves CSV in.
fn decode(bytes: &[u8]) -> (String, &'static str) {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return (String::from_utf8_lossy(rest).into_owned(), "UTF-8");
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_owned(), "UTF-8"),
        Err(_) => {
            let (text, _, _) = encoding_rs::WINDOWS_1251.decode(bytes);
            (text.into_owned(), "Windows-1251")
        }
    }
}

fn read_xlsx(bytes: &[u8]) -> Result<Table, ReadError> {
    use calamine::{Data, Reader, Xlsx};
    let mut book: Xlsx<_> =
        Xlsx::new(std::io::Cursor::new(bytes.to_vec())).map_err(|e| ReadError::Xlsx(e.to_string()))?;
    let range = book.worksheet_range_at(0).ok_or(ReadError::NoSheets)?.map_err(|e| ReadError::Xlsx(e.to_string()))?;
    let rows: Vec<Vec<String>> = range
        .rows()
        .map(|row| {
            row.iter()
                .map(|c| match c {
                    Data::Empty => String::new(),
                    Data::String(s) => s.trim().to_owned(),
                    Data::Float(f) if f.fract() == 0.0 => format!("{f:.0}"),
                    Data::Int(i) => i.to_string(),
                    Data::DateTime(dt) => dt.as_datetime().map(|d| d.date().to_string()).unwrap_or_default(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect();
    if rows.is_empty() {
        return Err(ReadError::EmptySheet);
    }
    Ok(Table { rows, encoding: "XLSX", separator: None })
}

fn parse_role(s: &str) -> Option<Role> {
    Some(match s.trim().to_lowercase().as_str() {
        "" | "участник" | "member" => Role::Member,
        "руководитель" | "глава" | "head" => Role::Head,
        "переводчик" | "interpreter" => Role::Interpreter,
        "сопровождающий" | "escort" => Role::Escort,
        "тренер" | "coach" => Role::Coach,
        "учитель" | "педагог" | "teacher" => Role::Teacher,
        "ребёнок" | "ребенок" | "школьник" | "школьница" | "child" | "pupil" | "student" => {
            Role::Child
        }
        "артист" | "artist" => Role::Artist,
        "врач" | "doctor" => Role::Doctor,
        _ => return None,
    })
}

/// A date as `dd.mm.yyyy` or ISO `yyyy-mm-dd`.
pub fn parse_any_date(s: &str) -> Option<NaiveDate> {
    parse_russian_date(s).or_else(|| NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok())
}

/// What one row would do.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// A new person, added to the registry and the roster.
    New(Box<Person>),
    /// An existing person (matched by name and birth date, or by passport).
    Matched(PersonId),
    /// Already a member of this delegation: nothing to do.
    AlreadyMember(PersonId),
    /// Not imported.
    Rejected {
        /// The column whose value was refused.
        field: Field,
        /// Why the row was refused.
        reason: Reason,
    },
}

/// A column a row can be rejected for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// The full name (Russian or Latin; neither given, or a repeated person).
    FullName,
    /// The birth date.
    BirthDate,
    /// The passport's expiry date.
    PassportExpires,
    /// The visa's end date.
    VisaUntil,
    /// The role on the roster.
    Role,
}

impl Field {
    /// The column's name in Russian or English, as the import's verdicts show it.
    pub fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Self::FullName, Lang::Ru) => "ФИО",
            (Self::FullName, Lang::En) => "full name",
            (Self::BirthDate, Lang::Ru) => "дата рождения",
            (Self::BirthDate, Lang::En) => "birth date",
            (Self::PassportExpires, Lang::Ru) => "паспорт действует до",
            (Self::PassportExpires, Lang::En) => "passport expires",
            (Self::VisaUntil, Lang::Ru) => "виза до",
            (Self::VisaUntil, Lang::En) => "visa until",
            (Self::Role, Lang::Ru) => "роль",
            (Self::Role, Lang::En) => "role",
        }
    }
}

/// Why a row was rejected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reason {
    /// A date column holds something that is neither `dd.mm.yyyy` nor `yyyy-mm-dd`.
    NotADate {
        /// The cell as written.
        value: String,
    },
    /// Neither the Russian nor the Latin name is given.
    NoName,
    /// The role is not one the roster knows.
    UnknownRole {
        /// The cell as written.
        value: String,
    },
    /// The same person (name and birth date) already appeared in an earlier row of the file.
    Repeated {
        /// That earlier row, counting the header as row 1.
        first_row: usize,
    },
}

impl Reason {
    /// The reason in Russian or English. The Russian text is what the import has always said.
    pub fn message(&self, lang: Lang) -> String {
        let ru = lang == Lang::Ru;
        match self {
            Self::NotADate { value } if ru => format!("«{value}» не дата (дд.мм.гггг или гггг-мм-дд)"),
            Self::NotADate { value } => format!("«{value}» is not a date (dd.mm.yyyy or yyyy-mm-dd)"),
            Self::NoName if ru => "нет имени ни по-русски, ни латиницей".into(),
            Self::NoName => "no name, neither in Russian nor in Latin letters".into(),
            Self::UnknownRole { value } if ru => format!("неизвестная роль «{value}»"),
            Self::UnknownRole { value } => format!("unknown role «{value}»"),
            Self::Repeated { first_row } if ru => {
                format!("повтор строки {first_row}: этот человек уже есть в файле")
            }
            Self::Repeated { first_row } => format!("repeats row {first_row}: this person is already in the file"),
        }
    }
}

/// One row's verdict.
#[derive(Clone, Debug, PartialEq)]
pub struct RowReport {
    /// Row in the file, counting the header as row 1.
    pub row: usize,
    /// What happens.
    pub outcome: Outcome,
    /// The membership to add (for new and matched people).
    pub member: Option<Member>,
}

/// The whole verdict on a file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RosterReport {
    /// Per data row.
    pub rows: Vec<RowReport>,
    /// Every column of the file, in order, with its use.
    pub columns: Vec<ColumnReport>,
    /// Columns not understood and not mapped, left out.
    pub ignored_columns: Vec<String>,
    /// Recognised columns the department does not keep («Пол», «Гражданство»), left out.
    pub not_kept_columns: Vec<String>,
}

impl RosterReport {
    /// Counts of (new, matched, rejected).
    pub fn counts(&self) -> (usize, usize, usize) {
        let count = |f: fn(&Outcome) -> bool| self.rows.iter().filter(|r| f(&r.outcome)).count();
        (
            count(|o| matches!(o, Outcome::New(_))),
            count(|o| matches!(o, Outcome::Matched(_) | Outcome::AlreadyMember(_))),
            count(|o| matches!(o, Outcome::Rejected { .. })),
        )
    }
}

/// A new person's id, made once from the Latin name, else the Russian one, with the random
/// suffix of [`ids::new_id`], free among the model's ids (`taken`).
pub fn new_person_id(latin: &str, russian: &str, taken: impl Fn(&str) -> bool) -> String {
    ids::new_id(if latin.trim().is_empty() { russian } else { latin }, None, "person", taken)
}

fn normalise_passport(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).collect::<String>().to_uppercase()
}

/// Checks each data row of `table` for the delegation `target` in `model`, reading the
/// columns by their headers.
pub fn parse_roster(table: &Table, model: &Model, target: &Delegation) -> RosterReport {
    parse_roster_mapped(table, model, target, &Mapping::default())
}

/// [`parse_roster`] with columns mapped by hand (`--map`, the preview's choices).
pub fn parse_roster_mapped(table: &Table, model: &Model, target: &Delegation, mapping: &Mapping) -> RosterReport {
    let mut report = RosterReport::default();
    let Some(header) = table.rows.first() else { return report };
    let uses: Vec<ColumnUse> = header.iter().map(|h| mapping.use_of(h)).collect();
    let mut cols: Vec<Option<Col>> = Vec::with_capacity(uses.len());
    for (h, u) in header.iter().zip(&uses) {
        // The first column for a field fills it; a second one is left out, and said.
        let use_ = match u {
            ColumnUse::Field(c) if cols.contains(&Some(*c)) => ColumnUse::Unknown,
            other => *other,
        };
        cols.push(match use_ {
            ColumnUse::Field(c) => Some(c),
            _ => None,
        });
        match use_ {
            ColumnUse::Unknown => report.ignored_columns.push(h.trim().to_owned()),
            ColumnUse::NotKept => report.not_kept_columns.push(h.trim().to_owned()),
            _ => {}
        }
        report.columns.push(ColumnReport { header: h.trim().to_owned(), use_ });
    }
    let mut taken_ids: HashSet<String> = model.people.iter().map(|p| p.id.to_string()).collect();
    // The people already read from this file, by name (and birth date when given), so the
    // same guest listed twice is not imported as two people.
    let mut seen: HashMap<(String, Option<NaiveDate>), usize> = HashMap::new();
    let mut next_precedence = target.members.iter().map(|m| m.precedence).max().unwrap_or(0) + 1;
    for (i, cells) in table.rows.iter().enumerate().skip(1) {
        let row = i + 1;
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let get = |col: Col| -> &str {
            cols.iter().position(|c| *c == Some(col)).and_then(|i| cells.get(i)).map_or("", |s| s.as_str())
        };
        let reject = |field: Field, reason: Reason| RowReport {
            row,
            outcome: Outcome::Rejected { field, reason },
            member: None,
        };
        let date = |col: Col, field: Field| -> Result<Option<NaiveDate>, Box<RowReport>> {
            let v = get(col);
            if v.is_empty() {
                return Ok(None);
            }
            parse_any_date(v).map(Some).ok_or_else(|| Box::new(reject(field, Reason::NotADate { value: v.to_owned() })))
        };
        // Separate surname, first name and patronymic make the full name: in Cyrillic the
        // Russian one, else the Latin one (a foreign office's «Surname», «Given names»).
        let parts = [get(Col::Surname), get(Col::GivenName), get(Col::Patronymic)]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        let cyrillic = parts.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c));
        let or_parts = |own: &str, take: bool| if own.is_empty() && take { parts.clone() } else { own.to_owned() };
        let full_name = or_parts(get(Col::FullName), cyrillic);
        let latin = or_parts(get(Col::Latin), !cyrillic);
        if full_name.is_empty() && latin.is_empty() {
            report.rows.push(reject(Field::FullName, Reason::NoName));
            continue;
        }
        let birth = match date(Col::Birth, Field::BirthDate) {
            Ok(d) => d,
            Err(r) => {
                report.rows.push(*r);
                continue;
            }
        };
        let passport_expires = match date(Col::PassportExpires, Field::PassportExpires) {
            Ok(d) => d,
            Err(r) => {
                report.rows.push(*r);
                continue;
            }
        };
        let visa_until = match date(Col::VisaUntil, Field::VisaUntil) {
            Ok(d) => d,
            Err(r) => {
                report.rows.push(*r);
                continue;
            }
        };
        let Some(role) = parse_role(get(Col::Role)) else {
            report.rows.push(reject(Field::Role, Reason::UnknownRole { value: get(Col::Role).to_owned() }));
            continue;
        };
        let name_key = if full_name.is_empty() { latin.to_lowercase() } else { full_name.to_lowercase() };
        if let Some(first) = seen.get(&(name_key.clone(), birth)) {
            report.rows.push(reject(Field::FullName, Reason::Repeated { first_row: *first }));
            continue;
        }
        seen.insert((name_key, birth), row);
        let passport = get(Col::Passport).to_owned();
        // Someone of the same name already on this roster is the same person.
        let on_roster = target.members.iter().filter_map(|m| model.person(&m.person)).find(|p| {
            let same = |a: &str, b: &str| !a.is_empty() && a.to_lowercase() == b.to_lowercase();
            same(&full_name, &p.full_name_ru) || same(&latin, &p.latin_name)
        });
        let existing = on_roster.or_else(|| {
            model.people.records().find(|p| {
                let by_name = !full_name.is_empty()
                    && p.full_name_ru.to_lowercase() == full_name.to_lowercase()
                    && birth.is_some()
                    && p.birth_date == birth;
                let by_passport = !passport.is_empty()
                    && p.passport
                        .as_ref()
                        .is_some_and(|x| normalise_passport(&x.number) == normalise_passport(&passport));
                by_name || by_passport
            })
        });
        let lodging = match (get(Col::HostFamily), get(Col::Hotel)) {
            (f, _) if !f.is_empty() => Lodging::HostFamily(f.to_owned()),
            (_, h) if !h.is_empty() => Lodging::Hotel(h.to_owned()),
            _ => Lodging::Unknown,
        };
        let consent =
            matches!(get(Col::Consent).trim().to_lowercase().as_str(), "да" | "yes" | "есть" | "+" | "1" | "true");
        let visa = match visa_until {
            Some(d) => Visa { status: VisaStatus::Issued, valid_until: Some(d) },
            None => Visa::default(),
        };
        let mut member = Member {
            person: PersonId::default(),
            role,
            precedence: next_precedence,
            visa,
            lodging,
            guardian_consent: consent,
            ..Member::default()
        };
        let outcome = match existing {
            Some(p) if target.members.iter().any(|m| m.person == p.id) => Outcome::AlreadyMember(p.id.clone()),
            Some(p) => {
                member.person = p.id.clone();
                // This visit's job: the file's, else the person's as it stands.
                let or = |col: &str, own: &str| if col.is_empty() { own.to_owned() } else { col.to_owned() };
                member.organisation = or(get(Col::Organisation), &p.organisation);
                member.position = or(get(Col::Position), &p.position);
                Outcome::Matched(p.id.clone())
            }
            None => {
                let id = new_person_id(&latin, &full_name, |c| taken_ids.contains(c));
                taken_ids.insert(id.clone());
                member.person = PersonId::new(id.clone());
                member.organisation = get(Col::Organisation).to_owned();
                member.position = get(Col::Position).to_owned();
                Outcome::New(Box::new(Person {
                    id: PersonId::new(id),
                    full_name_ru: full_name.clone(),
                    latin_name: latin.clone(),
                    native_name: get(Col::Native).to_owned(),
                    birth_date: birth,
                    organisation: get(Col::Organisation).to_owned(),
                    position: get(Col::Position).to_owned(),
                    passport: (!passport.is_empty() || passport_expires.is_some())
                        .then(|| Passport { number: passport.clone(), expires: passport_expires }),
                    phone: get(Col::Phone).to_owned(),
                    email: get(Col::Email).to_owned(),
                    languages: get(Col::Languages)
                        .split([',', ';'])
                        .map(|s| s.trim().to_owned())
                        .filter(|s| !s.is_empty())
                        .collect(),
                    dietary: get(Col::Dietary).to_owned(),
                    ..Person::default()
                }))
            }
        };
        let has_member = matches!(outcome, Outcome::New(_) | Outcome::Matched(_));
        if has_member {
            next_precedence += 1;
        }
        report.rows.push(RowReport { row, outcome, member: has_member.then_some(member) });
    }
    report
}

/// The one command that applies a report: new people, then the delegation with its new
/// members. `None` when there is nothing to add.
pub fn import_command(target: &Delegation, report: &RosterReport) -> Option<Command> {
    let mut commands = Vec::new();
    let mut delegation = target.clone();
    for r in &report.rows {
        if let Outcome::New(p) = &r.outcome {
            commands.push(Command::put(Record::Person((**p).clone())));
        }
        if let Some(m) = &r.member {
            delegation.members.push(m.clone());
        }
    }
    if delegation.members.len() == target.members.len() {
        return None;
    }
    commands.push(Command::put(Record::Delegation(delegation)));
    Some(Command::Batch(commands))
}

/// The roster in precedence order, as rows of text (header first). Passport numbers are
/// masked unless `show_passports`; birth dates appear only for minors.
pub fn roster_rows(model: &Model, id: &DelegationId, show_passports: bool) -> Option<Vec<Vec<String>>> {
    let d = model.delegation(id)?;
    let mut members = d.members.clone();
    members.sort_by_key(|m| m.precedence);
    let mut rows = vec![
        [
            "№",
            "ФИО",
            "Имя латиницей",
            "Роль",
            "Организация",
            "Должность",
            "Дата рождения",
            "Паспорт",
            "Паспорт действует до",
            "Виза до",
            "Размещение",
            "Согласие",
            "Питание",
            "Языки",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect(),
    ];
    for m in &members {
        let p = model.person(&m.person);
        let get = |f: fn(&Person) -> String| p.map(f).unwrap_or_default();
        let minor = p.is_some_and(|p| p.is_minor_on(d.arrival.date));
        let passport = p.and_then(|p| p.passport.as_ref());
        rows.push(vec![
            m.precedence.to_string(),
            get(|p| p.full_name_ru.clone()),
            get(|p| p.latin_name.clone()),
            m.role.name(Lang::Ru).to_owned(),
            m.organisation.clone(),
            m.position.clone(),
            if minor { p.and_then(|p| p.birth_date).map(fmt_date).unwrap_or_default() } else { String::new() },
            passport
                .map(|x| if show_passports { x.number.clone() } else { mask_tail(&x.number, 4) })
                .unwrap_or_default(),
            passport.and_then(|x| x.expires).map(fmt_date).unwrap_or_default(),
            m.visa.valid_until.map(fmt_date).unwrap_or_default(),
            m.lodging.describe(&m.room, Lang::Ru),
            if minor { if m.guardian_consent { "да".into() } else { "нет".into() } } else { String::new() },
            get(|p| p.dietary.clone()),
            get(|p| p.languages.join(", ")),
        ]);
    }
    Some(rows)
}

/// CSV for Russian Excel: UTF-8 with a BOM, ';' between fields, CRLF line ends
/// (the writer shared with the charts' tables).
pub use super::csv::write as to_csv;

/// Why the roster's workbook could not be made. `Display` is the cause as the library gave
/// it (what callers saw before); [`XlsxError::message`] frames it in Russian or English.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum XlsxError {
    /// The roster has more rows or columns than a worksheet holds.
    #[error("{0}")]
    TooBig(String),
    /// rust_xlsxwriter refused a cell, a setting or the save; its text.
    #[error("{0}")]
    Writer(String),
}

impl XlsxError {
    /// The reason in Russian or English.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (Self::TooBig(cause), Lang::Ru) => format!("состав не помещается на лист XLSX: {cause}"),
            (Self::TooBig(cause), Lang::En) => format!("the roster does not fit on an XLSX sheet: {cause}"),
            (Self::Writer(cause), Lang::Ru) => format!("не удалось составить файл XLSX: {cause}"),
            (Self::Writer(cause), Lang::En) => format!("could not make the XLSX file: {cause}"),
        }
    }
}

impl From<rust_xlsxwriter::XlsxError> for XlsxError {
    fn from(e: rust_xlsxwriter::XlsxError) -> Self {
        Self::Writer(e.to_string())
    }
}

impl From<std::num::TryFromIntError> for XlsxError {
    fn from(e: std::num::TryFromIntError) -> Self {
        Self::TooBig(e.to_string())
    }
}

/// XLSX with a bold, frozen header row, an autofilter and sensible widths.
pub fn to_xlsx(rows: &[Vec<String>]) -> Result<Vec<u8>, XlsxError> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Состав")?;
    let bold = Format::new().set_bold();
    let columns = rows.first().map_or(0, Vec::len);
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r32, c16) = (u32::try_from(r)?, u16::try_from(c)?);
            if r == 0 {
                sheet.write_string_with_format(r32, c16, cell, &bold)?;
            } else {
                sheet.write_string(r32, c16, cell)?;
            }
        }
    }
    for c in 0..columns {
        let widest = rows.iter().filter_map(|r| r.get(c)).map(|s| s.chars().count()).max().unwrap_or(8);
        let c16 = u16::try_from(c)?;
        sheet.set_column_width(c16, (widest.clamp(4, 40) + 2) as f64)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    if columns > 0 {
        let last_row = u32::try_from(rows.len().saturating_sub(1))?;
        let last_col = u16::try_from(columns - 1)?;
        sheet.autofilter(0, 0, last_row, last_col)?;
    }
    Ok(book.save_to_buffer()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1251_with_semicolons_is_detected() {
        let text = "ФИО;Дата рождения\r\nИванов Иван;01.02.2008\r\n";
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(text);
        let t = read_table(&bytes).expect("read");
        assert_eq!(t.encoding, "Windows-1251");
        assert_eq!(t.separator, Some(';'));
        assert_eq!(t.rows[1], vec!["Иванов Иван", "01.02.2008"]);
    }

    #[test]
    fn utf8_with_bom_and_commas() {
        let t = read_table("\u{feff}full name,birth date\nIvanov,2008-02-01\n".as_bytes()).expect("read");
        assert_eq!(t.encoding, "UTF-8");
        assert_eq!(t.separator, Some(','));
        assert_eq!(column_use(&t.rows[0][0]), ColumnUse::Field(Col::FullName));
    }

    fn cyrillic(s: &str) -> bool {
        s.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c))
    }

    #[test]
    fn every_rejection_reason_and_field_speaks_russian_and_english() {
        let reasons = [
            Reason::NotADate { value: "31.02.2009".into() },
            Reason::NoName,
            Reason::UnknownRole { value: "space".into() },
            Reason::Repeated { first_row: 2 },
        ];
        for reason in reasons {
            let (ru, en) = (reason.message(Lang::Ru), reason.message(Lang::En));
            assert!(cyrillic(&ru), "{reason:?}: Russian is Cyrillic: {ru}");
            assert!(!en.is_empty() && !cyrillic(&en), "{reason:?}: English is not Cyrillic: {en}");
        }
        for field in [Field::FullName, Field::BirthDate, Field::PassportExpires, Field::VisaUntil, Field::Role] {
            assert!(cyrillic(field.name(Lang::Ru)), "{field:?}");
            assert!(!cyrillic(field.name(Lang::En)), "{field:?}");
        }
        assert_eq!(
            Reason::NotADate { value: "32.01.1970".into() }.message(Lang::Ru),
            "«32.01.1970» не дата (дд.мм.гггг или гггг-мм-дд)"
        );
        assert_eq!(
            Reason::Repeated { first_row: 2 }.message(Lang::Ru),
            "повтор строки 2: этот человек уже есть в файле"
        );
    }

    #[test]
    fn every_read_error_speaks_russian_and_english_and_display_is_unchanged() {
        for e in [ReadError::Empty, ReadError::NoSheets, ReadError::EmptySheet] {
            let (ru, en) = (e.message(Lang::Ru), e.message(Lang::En));
            assert!(cyrillic(&ru), "{e:?}: Russian is Cyrillic: {ru}");
            assert!(!cyrillic(&en), "{e:?}: English is not Cyrillic: {en}");
            // Display is still both at once, as before the errors were typed.
            assert!(e.to_string().starts_with(&ru), "{e}");
        }
        assert_eq!(ReadError::Empty.to_string(), "файл пуст / the file is empty");
        assert_eq!(read_table(b""), Err(ReadError::Empty));
        // The library's own cause is kept, after the format's name.
        for e in [ReadError::Csv("bad quote".into()), ReadError::Xlsx("bad zip".into())] {
            assert_eq!(e.message(Lang::Ru), e.to_string());
            assert_eq!(e.message(Lang::En), e.to_string());
        }
        for e in [XlsxError::TooBig("out of range".into()), XlsxError::Writer("disk".into())] {
            assert!(cyrillic(&e.message(Lang::Ru)), "{e:?}");
            assert!(!cyrillic(&e.message(Lang::En)), "{e:?}");
        }
    }

    #[test]
    fn new_person_ids_and_dates() {
        let free = |_: &str| false;
        assert!(new_person_id("MILLER JACOB", "Миллер Якоб", free).starts_with("miller-jacob-"));
        assert!(new_person_id(" ", "Миллер Якоб", free).starts_with("miller-yakob-"));
        assert!(new_person_id("", "金正恩", free).starts_with("person-"));
        assert_eq!(parse_any_date("2008-02-01"), parse_any_date("01.02.2008"));
        assert_eq!(parse_any_date("31.02.2008"), None);
    }
}
