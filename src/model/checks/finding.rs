//! What a check returns: a [`Finding`] with its [`Severity`], the record and field it is
//! about, and a [`FindingKind`] holding the facts, said in Russian or English by
//! [`Finding::message`].

use crate::model::FigureProblem;
use crate::model::date::fmt_date;
use crate::model::delegation::{DelegationStatus, VisaStatus};
use crate::model::ids::{CityId, DelegationId, EventId, PersonId, RecordId};
use chrono::NaiveDate;

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Broken data or a plan that cannot work.
    Error,
    /// Needs attention.
    Warning,
    /// Worth knowing.
    Info,
}

/// The language a finding (and the UI) is told in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Lang {
    /// Russian, the default.
    #[default]
    Ru,
    /// English.
    En,
}

/// What was found, with the facts needed to say it in any language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FindingKind {
    /// Two records of one collection share an id.
    DuplicateId {
        /// Collection name (`cities`, `people`, …).
        collection: &'static str,
        /// The id.
        id: String,
    },
    /// A reference to a city that does not exist.
    MissingCity(CityId),
    /// A reference to a person who does not exist.
    MissingPerson(PersonId),
    /// A reference to an event that does not exist.
    MissingEvent(EventId),
    /// An end lies before its start.
    EndBeforeStart,
    /// An RRULE the rrule crate rejects.
    InvalidRrule(String),
    /// A changed occurrence («только это») that the rule no longer gives: kept, not shown.
    OrphanOverride(NaiveDate),
    /// A number no real record holds (a hand-edited file): shown as written, with the range
    /// it must lie in. The UI skips or clamps it.
    OutOfRange {
        /// The value as it stands.
        value: String,
        /// The range it must lie in, written with digits only («−90…90», «1900–2100»).
        allowed: &'static str,
    },
    /// A stay longer than a year: a year typed wrong, most likely.
    StayTooLong {
        /// Its length in days.
        days: i64,
    },
    /// A person is a member of two delegations whose stays overlap.
    DoubleBooked {
        /// Who.
        person: String,
        /// The other delegation.
        other: DelegationId,
    },
    /// A person (interpreter or responsible) is due at two programme items at once.
    ProgrammeClash {
        /// Who.
        person: String,
        /// The day.
        date: NaiveDate,
        /// The delegation of the other item.
        other: DelegationId,
    },
    /// The same gift already went to the same partner city in an earlier delegation.
    RepeatedGift {
        /// The gift.
        item: String,
        /// The earlier delegation.
        earlier: DelegationId,
    },
    /// Two events overlap at the same venue.
    VenueClash {
        /// The venue.
        venue: String,
        /// The other event.
        other: EventId,
        /// The first shared day.
        date: NaiveDate,
    },
    /// A passport expires less than six months after departure (or before it).
    PassportExpiry {
        /// Whose.
        person: String,
        /// Last day of validity.
        expires: NaiveDate,
        /// Whether it is already invalid on the day of departure.
        before_departure: bool,
    },
    /// A visa is needed but not issued, or was refused.
    VisaMissing {
        /// Whose.
        person: String,
        /// Where it stands.
        status: VisaStatus,
    },
    /// A visa ends before departure.
    VisaEndsBeforeDeparture {
        /// Whose.
        person: String,
        /// Last day of validity.
        valid_until: NaiveDate,
    },
    /// A minor has no guardian consent on file.
    MinorWithoutConsent {
        /// Who.
        person: String,
    },
    /// A day of the stay has no programme item.
    DayWithoutProgramme(NaiveDate),
    /// An upcoming delegation has no programme yet.
    NoProgramme,
    /// A programme item lies outside the days of the stay.
    ItemOutsideStay(NaiveDate),
    /// An open checklist task is past its due date.
    TaskOverdue {
        /// The task.
        title: String,
        /// Its due date.
        due: NaiveDate,
    },
    /// A visit still planned or confirmed after its departure date: its status was not
    /// updated (done or cancelled), so it is counted as planned, not as received or sent.
    StatusNotUpdated {
        /// The status it still has (planned or confirmed).
        status: DelegationStatus,
        /// The day of departure, already past.
        departure: NaiveDate,
    },
    /// Something wrong in a year's official figures.
    Figures(FigureProblem),
    /// A visit with members has no head of delegation (the programme prints «не назначен»),
    /// or more than one member has the role of head.
    HeadOfDelegation {
        /// How many members have the role of head (0 or 2 and more).
        count: usize,
    },
    /// No city, or more than one, is marked as the home city: times are shown in the
    /// computer's zone instead of the department's.
    HomeCity {
        /// How many cities are marked as home (0 or 2 and more).
        count: usize,
    },
}

/// One result of a check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// How serious.
    pub severity: Severity,
    /// The record it is about.
    pub subject: RecordId,
    /// The field within the record, as a path (`members[2].visa`), for jumping to it.
    pub field: String,
    /// What was found.
    pub kind: FindingKind,
}

impl Finding {
    pub(super) fn new(severity: Severity, subject: RecordId, field: impl Into<String>, kind: FindingKind) -> Self {
        Self { severity, subject, field: field.into(), kind }
    }

    /// The finding as a sentence in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        use FindingKind as K;
        let ru = lang == Lang::Ru;
        match &self.kind {
            K::HomeCity { count: 0 } => pick(
                ru,
                "ни один город не отмечен как свой: время показывается по часовому поясу компьютера".into(),
                "no city is marked as home: times are shown in the computer's time zone".into(),
            ),
            K::HomeCity { count } => pick(
                ru,
                format!("своими отмечены {count} города, нужен один: время показывается по часовому поясу компьютера"),
                format!(
                    "{count} cities are marked as home, one is needed: times are shown in the computer's time zone"
                ),
            ),
            K::HeadOfDelegation { count: 0 } => pick(
                ru,
                "в составе нет руководителя делегации: в программе будет «не назначен»".into(),
                "no member is head of delegation: the programme will print “not appointed”".into(),
            ),
            K::HeadOfDelegation { count } => pick(
                ru,
                format!("руководителей делегации в составе: {count}, нужен один"),
                format!("{count} members are head of delegation, one is needed"),
            ),
            K::DuplicateId { collection, id } => {
                if ru {
                    format!("повторяющийся идентификатор «{id}» в {collection}")
                } else {
                    format!("duplicate id “{id}” in {collection}")
                }
            }
            K::MissingCity(id) => pick(
                ru,
                format!("ссылка на несуществующий город «{id}»"),
                format!("reference to a missing city “{id}”"),
            ),
            K::MissingPerson(id) => pick(
                ru,
                format!("ссылка на несуществующего человека «{id}»"),
                format!("reference to a missing person “{id}”"),
            ),
            K::MissingEvent(id) => pick(
                ru,
                format!("ссылка на несуществующее событие «{id}»"),
                format!("reference to a missing event “{id}”"),
            ),
            K::EndBeforeStart => pick(ru, "окончание раньше начала".into(), "the end is before the start".into()),
            K::OutOfRange { value, allowed } => pick(
                ru,
                format!("значение {value} вне допустимого диапазона {allowed}"),
                format!("the value {value} is outside the allowed range {allowed}"),
            ),
            K::StayTooLong { days } => pick(
                ru,
                format!("пребывание длится {days} дн., больше года: проверьте год отъезда"),
                format!("the stay lasts {days} days, over a year: check the year of departure"),
            ),
            K::InvalidRrule(reason) => {
                pick(ru, format!("неверное правило повторения: {reason}"), format!("invalid recurrence rule: {reason}"))
            }
            K::OrphanOverride(date) => pick(
                ru,
                format!(
                    "изменённое событие серии {} больше не входит в серию: правило или исключения изменились; оно сохранено, \
                     удалите его или верните правило",
                    fmt_date(*date)
                ),
                format!(
                    "the changed occurrence of {} is no longer in the series: the rule or the exceptions changed; it \
                     is kept: delete it or restore the rule",
                    fmt_date(*date)
                ),
            ),
            K::DoubleBooked { person, other } => pick(
                ru,
                format!("{person} одновременно в составе делегации «{other}»"),
                format!("{person} is also a member of the overlapping delegation “{other}”"),
            ),
            K::ProgrammeClash { person, date, other } => pick(
                ru,
                format!("{person}: пересечение пунктов программы {} (делегация «{other}»)", fmt_date(*date)),
                format!("{person}: overlapping programme items on {} (delegation “{other}”)", fmt_date(*date)),
            ),
            K::RepeatedGift { item, earlier } => pick(
                ru,
                format!("подарок «{item}» этому городу уже дарили (делегация «{earlier}»)"),
                format!("the gift “{item}” already went to this city (delegation “{earlier}”)"),
            ),
            K::VenueClash { venue, other, date } => pick(
                ru,
                format!("{}: площадка «{venue}» занята и событием «{other}»", fmt_date(*date)),
                format!("{}: venue “{venue}” is also taken by event “{other}”", fmt_date(*date)),
            ),
            K::PassportExpiry { person, expires, before_departure } => match (ru, before_departure) {
                (true, true) => format!("{person}: паспорт недействителен на дату отъезда (до {})", fmt_date(*expires)),
                (true, false) => {
                    format!("{person}: паспорт истекает {} — менее 6 месяцев после отъезда", fmt_date(*expires))
                }
                (false, true) => format!("{person}: passport invalid on departure (expires {})", fmt_date(*expires)),
                (false, false) => {
                    format!("{person}: passport expires {}, less than 6 months after departure", fmt_date(*expires))
                }
            },
            K::VisaMissing { person, status } => {
                let refused = *status == VisaStatus::Refused;
                match (ru, refused) {
                    (true, true) => format!("{person}: в визе отказано"),
                    (true, false) => format!("{person}: виза не оформлена"),
                    (false, true) => format!("{person}: visa refused"),
                    (false, false) => format!("{person}: visa not yet issued"),
                }
            }
            K::VisaEndsBeforeDeparture { person, valid_until } => pick(
                ru,
                format!("{person}: виза действует только до {} — раньше отъезда", fmt_date(*valid_until)),
                format!("{person}: visa valid only until {}, before departure", fmt_date(*valid_until)),
            ),
            K::MinorWithoutConsent { person } => pick(
                ru,
                format!("{person}: несовершеннолетний без согласия законного представителя"),
                format!("{person}: a minor without guardian consent"),
            ),
            K::DayWithoutProgramme(date) => pick(
                ru,
                format!("{}: день пребывания без программы", fmt_date(*date)),
                format!("{}: a day of the stay with no programme", fmt_date(*date)),
            ),
            K::NoProgramme => pick(ru, "программа пребывания не составлена".into(), "no programme of stay yet".into()),
            K::ItemOutsideStay(date) => pick(
                ru,
                format!("{}: пункт программы вне дат пребывания", fmt_date(*date)),
                format!("{}: programme item outside the days of the stay", fmt_date(*date)),
            ),
            K::TaskOverdue { title, due } => pick(
                ru,
                format!("просрочена задача «{title}» (срок {})", fmt_date(*due)),
                format!("overdue task “{title}” (due {})", fmt_date(*due)),
            ),
            K::StatusNotUpdated { status, departure } => {
                let confirmed = *status == DelegationStatus::Confirmed;
                match (ru, confirmed) {
                    (true, true) => format!(
                        "статус не обновлён: визит всё ещё «подтверждён», а отъезд был {} — отметьте, состоялся ли он",
                        fmt_date(*departure)
                    ),
                    (true, false) => format!(
                        "статус не обновлён: визит всё ещё «планируется», а отъезд был {} — отметьте, состоялся ли он",
                        fmt_date(*departure)
                    ),
                    (false, true) => format!(
                        "status not updated: the visit is still confirmed, but departure was on {}; mark whether it took place",
                        fmt_date(*departure)
                    ),
                    (false, false) => format!(
                        "status not updated: the visit is still planned, but departure was on {}; mark whether it took place",
                        fmt_date(*departure)
                    ),
                }
            }
            K::Figures(problem) => problem.message(lang),
        }
    }
}

fn pick(ru: bool, ru_text: String, en_text: String) -> String {
    if ru { ru_text } else { en_text }
}
