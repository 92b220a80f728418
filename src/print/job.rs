//! The printable documents as one value: what to print, the file it goes to, its PDF.
//!
//! The GUI's print buttons and `pobratim print` both make a [`Job`] and call
//! [`Job::render`], so the dispatch from a document to its data and template exists once.

use super::{PrintError, PrintLang, data};
use crate::model::{DelegationId, Model};

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
                let lang = match lang {
                    PrintLang::Ru => "",
                    PrintLang::En => "-en",
                    PrintLang::RuEn => "-ru-en",
                };
                ("programme", delegation.to_string(), lang)
            }
            Job::Roster { delegation, .. } => ("roster", delegation.to_string(), ""),
            Job::Badges { delegation } => ("badges", delegation.to_string(), ""),
            Job::Calendar { year } => ("calendar", year.to_string(), ""),
        };
        format!("{what}-{subject}{lang}.pdf")
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
            (programme(PrintLang::Ru), "programme-del-2016-05-portland-school.pdf"),
            (programme(PrintLang::En), "programme-del-2016-05-portland-school-en.pdf"),
            (programme(PrintLang::RuEn), "programme-del-2016-05-portland-school-ru-en.pdf"),
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
    fn only_a_roster_with_full_numbers_is_logged() {
        let id = DelegationId::new("d");
        assert!(Job::Roster { delegation: id.clone(), show_passports: true }.shows_passports());
        assert!(!Job::Roster { delegation: id.clone(), show_passports: false }.shows_passports());
        assert!(!Job::Badges { delegation: id.clone() }.shows_passports());
        assert_eq!(Job::Badges { delegation: id.clone() }.delegation(), Some(&id));
        assert_eq!(Job::Calendar { year: 2017 }.delegation(), None);
    }
}
