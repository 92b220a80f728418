//! What a panel sees while it draws: the model, the UI texts and language, the time, the
//! findings, and the versions it can key its caches on.

use super::i18n::Texts;
use crate::model::{Finding, Lang, Model, RecordId};
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;

/// The read-only context of one frame, built by the shell for every panel.
pub struct View<'a> {
    /// The model, read-only.
    pub model: &'a Model,
    /// UI strings.
    pub t: &'static Texts,
    /// The UI language.
    pub lang: Lang,
    /// Whether edits are disabled.
    pub read_only: bool,
    /// Today in the home city, for anniversaries, ages and overdue tasks.
    pub today: NaiveDate,
    /// This frame's instant, from the shell's clock (fixed in tests).
    pub now: DateTime<Utc>,
    /// The home city's time zone (the system's when the data marks no single home city).
    pub home_zone: Tz,
    /// The current findings (for conflict marks and badges).
    pub findings: &'a [Finding],
    /// Goes up with every change of the model, so panels can cache what they derive.
    pub version: u64,
    /// The model version the findings were computed for (they may trail `version` while
    /// the checks run in the background).
    pub findings_version: u64,
    /// Years personal data is kept after a person's last visit (the folder's setting).
    pub retention_years: u32,
    /// Records colleagues have open in a form, and who («ivanova»): marked gently where
    /// the record is shown; nothing is locked.
    pub open_elsewhere: &'a [(RecordId, String)],
}

impl View<'_> {
    /// Who has the record `id` open in a form elsewhere, if anyone.
    pub fn open_by(&self, id: &RecordId) -> Option<&str> {
        self.open_elsewhere.iter().find(|(r, _)| r == id).map(|(_, who)| who.as_str())
    }
}
