//! The one typed channel from the panels to the shell.
//!
//! A panel never changes the model, never touches a file and never blocks on a dialog. It
//! pushes [`Action`]s while it draws; after the UI pass the shell drains them: it applies
//! commands (undo, autosave, checks), asks the file dialog, runs prints, exports and imports
//! on named threads, writes the personal-data log, and hands results back to the panel that
//! asked (an import's preview, the log's entries). This is rerun's `SystemCommand` pattern.

use crate::command::Command;
use crate::exchange::{html, ics, roster};
use crate::model::{DelegationId, Lang, Model, PersonId, RecordId};
use crate::report;
use crate::store::journal::{self, Entry};
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use std::path::PathBuf;

/// What a panel asks of the shell.
#[derive(Debug)]
pub enum Action {
    /// Apply a command: one undo step, marks the folder dirty.
    Apply(Command),
    /// Make a PDF off the UI thread, save it under `prints/` and open it. Prints queue.
    Print(crate::print::Job),
    /// Ask where to save, then make and write the file off the UI thread.
    Export(Export),
    /// Ask for a file, then read and parse it off the UI thread; the panel gets a preview.
    Import(Import),
    /// Append an entry to the personal-data log (a reveal, an opened card).
    LogPersonalData(Entry),
    /// Read the personal-data log for the People panel's window.
    ShowPersonalDataLog,
    /// Purge personal data past the retention period, as previewed and confirmed.
    Purge(PurgeRequest),
    /// Open a record in its panel.
    Open(RecordId),
    /// Open a record at one of its fields, written as findings write them
    /// (`members[2].visa`): a visit opens at the tab, and where it can at the field.
    OpenAt(RecordId, String),
    /// Open the findings window.
    ShowFindings,
    /// Tell the user how something the panel did ended, in a toast (an import applied, a
    /// chart that could not be captured).
    Notify(crate::ui::toast::Kind, String),
    /// Open «Взять с собой» on this visit (or on the whole folder).
    RoadTake(Option<DelegationId>),
    /// «Вернуть из поездки»: ask for the copy, then preview what it brings back.
    RoadReturn,
}

/// A purge the user confirmed in the preview.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PurgeRequest {
    /// The retention period it was previewed with.
    pub years: u32,
    /// The people shown in the preview.
    pub people: Vec<PersonId>,
}

/// A file to write, once the user has said where.
#[derive(Debug)]
pub struct Export {
    /// The dialog's title (the button the user pressed).
    pub title: String,
    /// The suggested file name.
    pub file_name: String,
    /// The extension, without the dot.
    pub extension: &'static str,
    /// What to write.
    pub what: ExportWhat,
    /// Open the file in the system's viewer once written (the report's PDF).
    pub open_after: bool,
}

/// The content of an export, made from the model on the export's thread.
#[derive(Debug)]
pub enum ExportWhat {
    /// The calendar as iCalendar (one year, or everything).
    Ics {
        /// Only this year.
        year: Option<i32>,
    },
    /// The public calendar of a year as a web page.
    PublicHtml {
        /// The year.
        year: i32,
    },
    /// The public calendar of a year as iCalendar (public fields only).
    PublicIcs {
        /// The year.
        year: i32,
    },
    /// A delegation's roster.
    Roster {
        /// The delegation.
        delegation: DelegationId,
        /// XLSX, else CSV.
        xlsx: bool,
        /// Passport numbers in full (logged).
        show_passports: bool,
    },
    /// The annual report.
    Report {
        /// Its year.
        year: i32,
        /// Its language.
        lang: Lang,
        /// PDF, DOCX or Markdown.
        format: report::Format,
    },
    /// Bytes the panel already made (a chart's CSV or PNG).
    Bytes(Vec<u8>),
}

impl ExportWhat {
    /// Makes the file's bytes. `now` stamps the iCalendar export; `today` dates the report.
    pub fn make(&self, model: &Model, now: DateTime<Utc>, today: NaiveDate, lang: Lang) -> Result<Vec<u8>, String> {
        match self {
            ExportWhat::Ics { year } => {
                Ok(ics::export_ics(model, &ics::ExportOptions { year: *year, now }).into_bytes())
            }
            ExportWhat::PublicHtml { year } => {
                let org = model.home_city().map(|c| format!("г. {}", c.name_ru)).unwrap_or_default();
                Ok(html::public_calendar_html(model, *year, &org).into_bytes())
            }
            ExportWhat::PublicIcs { year } => Ok(ics::export_public_ics(model, *year, now).into_bytes()),
            ExportWhat::Roster { delegation, xlsx, show_passports } => {
                let Some(rows) = roster::roster_rows(model, delegation, *show_passports) else {
                    return Err(match lang {
                        Lang::Ru => format!("нет делегации «{delegation}»"),
                        Lang::En => format!("no delegation «{delegation}»"),
                    });
                };
                if *xlsx { roster::to_xlsx(&rows).map_err(|e| e.message(lang)) } else { Ok(roster::to_csv(&rows)) }
            }
            ExportWhat::Report { year, lang, format } => format.render(&report::annual(model, *year, *lang, today)),
            ExportWhat::Bytes(bytes) => Ok(bytes.clone()),
        }
    }

    /// The personal-data log entry this export needs once written (a roster with passports).
    pub fn personal_data(&self, path: &std::path::Path) -> Option<Entry> {
        match self {
            ExportWhat::Roster { delegation, show_passports: true, .. } => {
                Some(Entry::now(journal::Action::ExportPassports, delegation.as_str(), path.display().to_string()))
            }
            _ => None,
        }
    }
}

/// A file to read, once the user has chosen it.
#[derive(Clone, Debug)]
pub struct Import {
    /// The dialog's title.
    pub title: String,
    /// The extension offered, without the dot.
    pub extension: &'static str,
    /// What the file is.
    pub what: ImportWhat,
}

/// What an import reads.
#[derive(Clone, Debug)]
pub enum ImportWhat {
    /// Events from an iCalendar file.
    Ics,
    /// A roster (CSV or XLSX) into a delegation.
    Roster {
        /// The delegation it goes into.
        delegation: DelegationId,
    },
}

/// A parsed import, handed back to the panel for its preview.
#[derive(Debug)]
pub enum Imported {
    /// Events: what was read and what would be added or updated.
    Ics {
        /// The file.
        path: PathBuf,
        /// What was read, with the skipped events.
        report: ics::ParseReport,
        /// What importing would change.
        plan: ics::ImportPlan,
    },
    /// A roster: a verdict per row.
    Roster {
        /// The file.
        path: PathBuf,
        /// The delegation it goes into.
        delegation: DelegationId,
        /// The file's rows, to read again when the user maps a column.
        table: roster::Table,
        /// The rows' verdicts.
        report: roster::RosterReport,
    },
}

impl ImportWhat {
    /// Parses the file's bytes against the model (on the import's thread).
    pub fn parse(
        &self,
        path: PathBuf,
        bytes: &[u8],
        model: &Model,
        home_zone: Tz,
        lang: Lang,
    ) -> Result<Imported, String> {
        match self {
            ImportWhat::Ics => {
                let text = String::from_utf8_lossy(bytes);
                let report = ics::parse_ics(&text, home_zone);
                let plan = ics::plan_import(model, &report);
                Ok(Imported::Ics { path, report, plan })
            }
            ImportWhat::Roster { delegation } => {
                let Some(target) = model.delegation(delegation) else {
                    return Err(match lang {
                        Lang::Ru => format!("нет делегации «{delegation}»"),
                        Lang::En => format!("no delegation «{delegation}»"),
                    });
                };
                let table = roster::read_table(bytes).map_err(|e| e.message(lang))?;
                let report = roster::parse_roster(&table, model, target);
                Ok(Imported::Roster { path, delegation: delegation.clone(), table, report })
            }
        }
    }
}
