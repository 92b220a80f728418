//! The printable documents as one value: what to print, the file it goes to, its PDF.
//!
//! The GUI's print buttons and `pobratim print` both make a [`Job`] and call
//! [`Job::render`], so the dispatch from a document to its data and template exists once.

use super::{PrintError, PrintLang, data};
#[cfg(test)]
use crate::model::Language;
use crate::model::files::{self, Document};
use crate::model::{DelegationId, Lang, Model};

/// One printable document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Job {
    /// «Программа пребывания делегации».
    Programme {
        /// The delegation.
        delegation: DelegationId,
        /// The language of the document.
        lang: PrintLang,
    },
    /// The roster.
    Roster {
        /// The delegation.
        delegation: DelegationId,
        /// Whether passport numbers are printed in full.
        show_passports: bool,
    },
    /// Badges and table cards.
    Badges {
        /// The delegation.
        delegation: DelegationId,
    },
    /// The year calendar of public events.
    Calendar {
        /// The year.
        year: i32,
    },
}

impl Job {
    /// A file name safe on Windows: `programme-del-2016-05-portland-school.pdf`,
    /// `programme-…-en.pdf`, `roster-….pdf`, `badges-….pdf`, `calendar-2017.pdf`.
    pub fn file_name(&self) -> String {
        let (what, subject, lang) = match self {
            Job::Programme { delegation, lang } => {
                let lang =
                    if *lang == PrintLang::RU { String::new() } else { format!("-{}", lang.code().replace('+', "-")) };
                ("programme", delegation.to_string(), lang)
            }
            Job::Roster { delegation, .. } => ("roster", delegation.to_string(), String::new()),
            Job::Badges { delegation } => ("badges", delegation.to_string(), String::new()),
            Job::Calendar { year } => ("calendar", year.to_string(), String::new()),
        };
        format!("{what}-{subject}{lang}.pdf")
    }

    /// The name the GUI saves the PDF under, in the UI's `lang`, from names, never ids:
    /// «Программа — Детская делегация г. Ниигаты — 15.08.2016.pdf», «Календарь — 2017.pdf»
    /// (cleaned by [`files::file_name`]). A delegation no longer in `model` is named by its id.
    pub fn title_for_file(&self, model: &Model, lang: Lang) -> String {
        let document = match self {
            Job::Programme { lang, .. } => Document::Programme(*lang),
            Job::Roster { .. } => Document::Roster,
            Job::Badges { .. } => Document::Badges,
            Job::Calendar { year } => {
                return files::file_name(&[&Document::Calendar.name(lang), &year.to_string()], "pdf");
            }
        };
        let id = self.delegation().map(|d| d.as_str()).unwrap_or_default();
        match self.delegation().and_then(|d| model.delegation(d)) {
            Some(d) => files::visit_file_name(document, d, lang, "pdf"),
            None => files::file_name(&[&document.name(lang), id], "pdf"),
        }
    }

    /// The delegation the document is about, if any.
    pub fn delegation(&self) -> Option<&DelegationId> {
        match self {
            Job::Programme { delegation, .. } | Job::Roster { delegation, .. } | Job::Badges { delegation } => {
                Some(delegation)
            }
            Job::Calendar { .. } => None,
        }
    }

    /// Whether the document carries passport numbers in full, so printing it goes into the
    /// personal-data log.
    pub fn shows_passports(&self) -> bool {
        matches!(self, Job::Roster { show_passports: true, .. })
    }

    /// Makes the PDF.
    pub fn render(&self, model: &Model) -> Result<Vec<u8>, PrintError> {
        match self {
            Job::Programme { delegation, lang } => data::programme_pdf(model, delegation, *lang),
            Job::Roster { delegation, show_passports } => data::roster_pdf(model, delegation, *show_passports),
            Job::Badges { delegation } => data::badges_pdf(model, delegation),
            Job::Calendar { year } => data::calendar_pdf(model, *year),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_the_ones_the_app_always_used() {
        let id = DelegationId::new("del-2016-05-portland-school");
        let programme = |lang| Job::Programme { delegation: id.clone(), lang };
        let cases = [
            (programme(PrintLang::RU), "programme-del-2016-05-portland-school.pdf"),
            (programme(PrintLang::EN), "programme-del-2016-05-portland-school-en.pdf"),
            (programme(PrintLang::RU_EN), "programme-del-2016-05-portland-school-ru-en.pdf"),
            (programme(PrintLang::ru_and(Language::Zh)), "programme-del-2016-05-portland-school-ru-zh.pdf"),
            (programme(PrintLang::one(Language::Ko)), "programme-del-2016-05-portland-school-ko.pdf"),
            (Job::Roster { delegation: id.clone(), show_passports: false }, "roster-del-2016-05-portland-school.pdf"),
            (Job::Roster { delegation: id.clone(), show_passports: true }, "roster-del-2016-05-portland-school.pdf"),
            (Job::Badges { delegation: id.clone() }, "badges-del-2016-05-portland-school.pdf"),
            (Job::Calendar { year: 2017 }, "calendar-2017.pdf"),
        ];
        for (job, name) in cases {
            assert_eq!(job.file_name(), name, "{job:?}");
        }
    }

    #[test]
    fn the_gui_names_a_print_after_the_visit_in_the_ui_language() {
        let id = DelegationId::new("del-2016-05-portland-school");
        let mut d = crate::model::Delegation { id: id.clone(), ..Default::default() };
        d.title =
            crate::model::Text::ru("Школьная делегация г. Портленда").with(Language::En, "Portland school delegation");
        d.arrival.date = chrono::NaiveDate::from_ymd_opt(2016, 5, 1).expect("date");
        let model = Model { delegations: vec![d.into()], ..Model::default() };
        let programme = |lang| Job::Programme { delegation: id.clone(), lang };
        assert_eq!(
            programme(PrintLang::RU).title_for_file(&model, Lang::Ru),
            "Программа — Школьная делегация г. Портленда — 01.05.2016.pdf"
        );
        assert_eq!(
            programme(PrintLang::EN).title_for_file(&model, Lang::En),
            "Programme — Portland school delegation — 01.05.2016.pdf"
        );
        assert_eq!(
            programme(PrintLang::RU_EN).title_for_file(&model, Lang::Ru),
            "Программа (рус.-англ.) — Школьная делегация г. Портленда — 01.05.2016.pdf"
        );
        let roster = Job::Roster { delegation: id.clone(), show_passports: true };
        assert!(roster.title_for_file(&model, Lang::Ru).starts_with("Состав — "));
        assert!(Job::Badges { delegation: id.clone() }.title_for_file(&model, Lang::En).starts_with("Badges — "));
        assert_eq!(Job::Calendar { year: 2017 }.title_for_file(&model, Lang::Ru), "Календарь — 2017.pdf");
        assert_eq!(Job::Calendar { year: 2017 }.title_for_file(&model, Lang::En), "Calendar — 2017.pdf");
        let gone = Job::Badges { delegation: DelegationId::new("del-gone") };
        assert_eq!(gone.title_for_file(&model, Lang::Ru), "Бейджи — del-gone.pdf");
    }

    #[test]
    fn only_a_roster_with_full_numbers_is_logged() {
        let id = DelegationId::new("d");
        assert!(Job::Roster { delegation: id.clone(), show_passports: true }.shows_passports());
        assert!(!Job::Roster { delegation: id.clone(), show_passports: false }.shows_passports());
        assert!(!Job::Badges { delegation: id.clone() }.shows_passports());
        assert_eq!(Job::Badges { delegation: id.clone() }.delegation(), Some(&id));
        assert_eq!(Job::Calendar { year: 2017 }.delegation(), None);
    }
}
