//! A roster file's columns: the headers Russian and foreign offices write, read past notes
//! in brackets; the personal data the department does not keep, recognised and left out;
//! and the columns mapped by hand (`--map "Колонка=field"`, the preview's lists).

use super::Table;
use crate::model::Lang;

/// A roster field a column of the file can fill.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Col {
    /// The whole name in one cell («ФИО», «Full name»).
    FullName,
    /// The surname («Фамилия», «Surname»).
    Surname,
    /// The first name («Имя», «First name»).
    GivenName,
    /// The patronymic or middle name («Отчество»).
    Patronymic,
    /// The name in Latin letters, as in the passport.
    Latin,
    /// The name in the guest's own script.
    Native,
    /// The birth date.
    Birth,
    /// The organisation, school or place of work.
    Organisation,
    /// The position.
    Position,
    /// The role on the roster.
    Role,
    /// The passport's number (series and number).
    Passport,
    /// The passport's expiry date.
    PassportExpires,
    /// The phone.
    Phone,
    /// The e-mail address.
    Email,
    /// Languages spoken.
    Languages,
    /// Dietary needs.
    Dietary,
    /// The hotel.
    Hotel,
    /// The host family.
    HostFamily,
    /// The visa's end date.
    VisaUntil,
    /// A guardian's consent.
    Consent,
}

impl Col {
    /// Every field, in the order the import's mapping lists them.
    pub const ALL: [Col; 20] = [
        Self::FullName,
        Self::Surname,
        Self::GivenName,
        Self::Patronymic,
        Self::Latin,
        Self::Native,
        Self::Birth,
        Self::Role,
        Self::Organisation,
        Self::Position,
        Self::Passport,
        Self::PassportExpires,
        Self::VisaUntil,
        Self::Phone,
        Self::Email,
        Self::Languages,
        Self::Dietary,
        Self::Hotel,
        Self::HostFamily,
        Self::Consent,
    ];

    /// The field's key in `--map "Колонка=key"`.
    pub fn key(self) -> &'static str {
        match self {
            Self::FullName => "full_name",
            Self::Surname => "surname",
            Self::GivenName => "given_name",
            Self::Patronymic => "patronymic",
            Self::Latin => "latin_name",
            Self::Native => "native_name",
            Self::Birth => "birth_date",
            Self::Organisation => "organisation",
            Self::Position => "position",
            Self::Role => "role",
            Self::Passport => "passport",
            Self::PassportExpires => "passport_expires",
            Self::Phone => "phone",
            Self::Email => "email",
            Self::Languages => "languages",
            Self::Dietary => "dietary",
            Self::Hotel => "hotel",
            Self::HostFamily => "host_family",
            Self::VisaUntil => "visa_until",
            Self::Consent => "consent",
        }
    }

    /// The field whose [`Col::key`] is `key`.
    pub fn from_key(key: &str) -> Option<Col> {
        Self::ALL.into_iter().find(|c| c.key() == key.trim())
    }

    /// The field's name as the import preview shows it.
    pub fn name(self, lang: Lang) -> &'static str {
        let ru = lang == Lang::Ru;
        match self {
            Self::FullName if ru => "ФИО",
            Self::FullName => "full name",
            Self::Surname if ru => "фамилия",
            Self::Surname => "surname",
            Self::GivenName if ru => "имя",
            Self::GivenName => "first name",
            Self::Patronymic if ru => "отчество",
            Self::Patronymic => "patronymic",
            Self::Latin if ru => "имя латиницей",
            Self::Latin => "name in Latin letters",
            Self::Native if ru => "имя (иероглифы, хангыль)",
            Self::Native => "name in native script",
            Self::Birth if ru => "дата рождения",
            Self::Birth => "birth date",
            Self::Organisation if ru => "организация",
            Self::Organisation => "organisation",
            Self::Position if ru => "должность",
            Self::Position => "position",
            Self::Role if ru => "роль",
            Self::Role => "role",
            Self::Passport if ru => "паспорт",
            Self::Passport => "passport",
            Self::PassportExpires if ru => "паспорт действует до",
            Self::PassportExpires => "passport expires",
            Self::Phone if ru => "телефон",
            Self::Phone => "phone",
            Self::Email if ru => "эл. почта",
            Self::Email => "e-mail",
            Self::Languages if ru => "языки",
            Self::Languages => "languages",
            Self::Dietary if ru => "питание",
            Self::Dietary => "dietary needs",
            Self::Hotel if ru => "гостиница",
            Self::Hotel => "hotel",
            Self::HostFamily if ru => "принимающая семья",
            Self::HostFamily => "host family",
            Self::VisaUntil if ru => "виза до",
            Self::VisaUntil => "visa until",
            Self::Consent if ru => "согласие родителей",
            Self::Consent => "guardian consent",
        }
    }
}

/// What the import does with one column of the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColumnUse {
    /// It fills a field (recognised by its header, or mapped by hand).
    Field(Col),
    /// A recognised column the department does not keep («Пол», «Гражданство»): personal
    /// data it does not need, which the law says not to collect.
    NotKept,
    /// Not recognised and not mapped: left out until the user maps it.
    Unknown,
    /// Left out on purpose: a row number («№»), an empty header, or mapped to nothing.
    Skipped,
}

/// A column's header, lowercased, with `_` and `.` as spaces and runs of spaces as one.
fn normalise_header(header: &str) -> String {
    let h = header.trim().trim_start_matches('\u{feff}').to_lowercase().replace(['_', '.', '\n', '\r'], " ");
    h.split_whitespace().collect::<Vec<_>>().join(" ").replace('ё', "е")
}

/// The header without notes in brackets: «Дата рождения (дд.мм.гггг)» → «дата рождения».
fn without_brackets(h: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in h.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ").trim_end_matches([',', ':', '*']).trim().to_owned()
}

/// How a header is read: as written, then without its notes in brackets.
pub fn column_use(header: &str) -> ColumnUse {
    let h = normalise_header(header);
    if h.is_empty() || matches!(h.as_str(), "№" | "№ п/п" | "n" | "no" | "#" | "п/п" | "№п/п") {
        return ColumnUse::Skipped;
    }
    if let Some(u) = known(&h) {
        return u;
    }
    let bare = without_brackets(&h);
    if bare != h
        && !bare.is_empty()
        && let Some(u) = known(&bare)
    {
        return u;
    }
    ColumnUse::Unknown
}

/// The headers Russian and foreign offices write, normalised by [`normalise_header`].
fn known(h: &str) -> Option<ColumnUse> {
    Some(ColumnUse::Field(match h {
        "фио"
        | "фио (рус )"
        | "ф и о"
        | "фамилия имя отчество"
        | "фамилия, имя, отчество"
        | "фамилия имя отчество (полностью)"
        | "имя (рус )"
        | "полное имя"
        | "участник"
        | "full name"
        | "full name (russian)"
        | "full name ru"
        | "name ru"
        | "name" => Col::FullName,
        "фамилия" | "surname" | "last name" | "family name" | "lastname" => Col::Surname,
        "имя" | "first name" | "given name" | "given names" | "firstname" | "forename" => Col::GivenName,
        "отчество" | "patronymic" | "middle name" | "middle names" => Col::Patronymic,
        "имя латиницей"
        | "латиница"
        | "фио латиницей"
        | "фио (латиницей)"
        | "фио на английском"
        | "фио (как в загранпаспорте)"
        | "имя латиницей (как в паспорте)"
        | "имя как в паспорте"
        | "latin name"
        | "name in latin letters"
        | "name (latin)"
        | "name as in passport"
        | "latin" => Col::Latin,
        "имя (иероглифы)" | "имя (иероглифы, хангыль)" | "native name" | "name (native script)" | "native" => {
            Col::Native
        }
        "дата рождения" | "дата рожд" | "д р" | "birth date" | "date of birth" | "dob" | "birthday" => {
            Col::Birth
        }
        "организация"
        | "место работы"
        | "место работы, учебы"
        | "место учебы"
        | "место работы (учебы)"
        | "учебное заведение"
        | "школа"
        | "organisation"
        | "organization"
        | "company"
        | "employer"
        | "workplace"
        | "school"
        | "affiliation" => Col::Organisation,
        "должность" | "занимаемая должность" | "должность, звание" | "position" | "job title" | "occupation" => {
            Col::Position
        }
        "роль" | "роль в делегации" | "статус в делегации" | "role" | "role in delegation" => {
            Col::Role
        }
        "паспорт"
        | "номер паспорта"
        | "серия и номер паспорта"
        | "серия, номер паспорта"
        | "паспорт серия номер"
        | "загранпаспорт"
        | "номер загранпаспорта"
        | "passport"
        | "passport number"
        | "passport no"
        | "passport №" => Col::Passport,
        "паспорт действует до"
        | "паспорт действителен до"
        | "действителен до"
        | "действует до"
        | "срок действия"
        | "срок действия паспорта"
        | "дата окончания срока действия паспорта"
        | "срок паспорта"
        | "паспорт до"
        | "passport expires"
        | "passport expiry"
        | "passport expiry date"
        | "date of expiry"
        | "expiry date"
        | "valid until"
        | "passport valid until" => Col::PassportExpires,
        "телефон"
        | "моб телефон"
        | "мобильный телефон"
        | "контактный телефон"
        | "тел"
        | "phone"
        | "phone number"
        | "mobile"
        | "tel" => Col::Phone,
        "эл почта" | "электронная почта" | "адрес электронной почты" | "почта" | "e-mail" | "email" | "e mail" => {
            Col::Email
        }
        "языки" | "знание языков" | "languages" | "language" => Col::Languages,
        "питание" | "особенности питания" | "dietary" | "diet" | "dietary needs" | "dietary requirements" => {
            Col::Dietary
        }
        "гостиница" | "отель" | "hotel" => Col::Hotel,
        "принимающая семья" | "семья" | "host family" => Col::HostFamily,
        "виза до" | "виза действует до" | "visa until" | "visa valid until" => Col::VisaUntil,
        "согласие" | "согласие родителей" | "consent" | "guardian consent" | "parental consent" => {
            Col::Consent
        }
        // Recognised, and not kept: personal data the department has no use for.
        "пол"
        | "sex"
        | "gender"
        | "гражданство"
        | "citizenship"
        | "nationality"
        | "национальность"
        | "место рождения"
        | "place of birth"
        | "адрес"
        | "адрес регистрации"
        | "адрес проживания"
        | "домашний адрес"
        | "address"
        | "home address"
        | "снилс"
        | "инн"
        | "кем выдан"
        | "кем выдан паспорт"
        | "дата выдачи"
        | "дата выдачи паспорта"
        | "когда выдан"
        | "issued by"
        | "date of issue"
        | "семейное положение"
        | "marital status" => return Some(ColumnUse::NotKept),
        _ => return None,
    }))
}

/// Columns mapped by hand, by header as written in the file: to a field, or (`None`) to
/// nothing. A mapping wins over what the header says.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Mapping(pub Vec<(String, Option<Col>)>);

/// Why a `--map` argument was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MapError {
    /// No `=` in the argument.
    NoEquals(String),
    /// The field after `=` is not one of [`Col::key`] (or `skip`).
    UnknownField(String),
}

impl MapError {
    /// The reason in Russian or English, with the fields there are.
    pub fn message(&self, lang: Lang) -> String {
        let keys = Col::ALL.iter().map(|c| c.key()).chain(["skip"]).collect::<Vec<_>>().join(", ");
        match (self, lang) {
            (Self::NoEquals(a), Lang::Ru) => format!("--map «{a}»: нужно «Колонка=поле»; поля: {keys}"),
            (Self::NoEquals(a), Lang::En) => format!("--map «{a}»: expected «Column=field»; fields: {keys}"),
            (Self::UnknownField(f), Lang::Ru) => format!("--map: неизвестное поле «{f}»; поля: {keys}"),
            (Self::UnknownField(f), Lang::En) => format!("--map: unknown field «{f}»; fields: {keys}"),
        }
    }
}

impl Mapping {
    /// Parses `--map` arguments, `Колонка=field` each (`Колонка=skip` leaves it out).
    pub fn parse(args: &[String]) -> Result<Mapping, MapError> {
        let mut map = Vec::new();
        for a in args {
            let Some((header, field)) = a.rsplit_once('=') else { return Err(MapError::NoEquals(a.clone())) };
            let field = field.trim();
            let col = match field {
                "skip" | "-" | "" => None,
                f => Some(Col::from_key(f).ok_or_else(|| MapError::UnknownField(f.to_owned()))?),
            };
            map.push((header.trim().to_owned(), col));
        }
        Ok(Mapping(map))
    }

    /// The use of `header` under this mapping.
    pub fn use_of(&self, header: &str) -> ColumnUse {
        let h = normalise_header(header);
        match self.0.iter().rev().find(|(k, _)| normalise_header(k) == h) {
            Some((_, Some(c))) => ColumnUse::Field(*c),
            Some((_, None)) => ColumnUse::Skipped,
            None => column_use(header),
        }
    }

    /// Maps `header` to `col` (or to nothing), replacing an earlier choice for it.
    pub fn set(&mut self, header: &str, col: Option<Col>) {
        let h = normalise_header(header);
        self.0.retain(|(k, _)| normalise_header(k) != h);
        self.0.push((header.to_owned(), col));
    }

    /// Mapped headers the file does not have.
    pub fn missing(&self, table: &Table) -> Vec<String> {
        let headers: Vec<String> =
            table.rows.first().map(|r| r.iter().map(|h| normalise_header(h)).collect()).unwrap_or_default();
        self.0.iter().filter(|(k, _)| !headers.contains(&normalise_header(k))).map(|(k, _)| k.clone()).collect()
    }
}

/// One column of the file and what the import does with it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ColumnReport {
    /// The header as written.
    pub header: String,
    /// What is done with it.
    pub use_: ColumnUse,
}
