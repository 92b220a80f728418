//! `pobratim.ron`: the data format version and the department's settings.

use serde::{Deserialize, Serialize};

/// The data format this build writes. Older folders migrate on load; newer ones are refused.
///
/// - 1: one `delegations.ron`.
/// - 2: `delegations/YYYY.ron` by year of arrival (a save after one edit rewrites one year).
/// - 3: a person's staff and interpreter marks; a member's own organisation, position and
///   hotel room; lodging «other».
/// - 4: titles, activities and places as translations (`{ru: "…", en: "…"}`); a city's
///   guests' languages.
/// - 5: a series' changed occurrences (`recurrence.overrides`, written only when there are
///   some); a build of version 4 would refuse them, so the version says so.
/// - 6: a visit may have no partner city (`partner_city: ""`) and names the other party
///   instead (`other_party`); an event's public description (`public_description`); a
///   year's target for the public calendar (`public_events_target`). Every field is now
///   written, `recurrence.overrides` and an override's unchanged fields too: the binary
///   cache has no field names, and a field left out made the whole file's cache entry
///   undecodable (so every folder with a series was parsed from RON on each open). Older
///   files, which leave them out, read as before.
/// - 7: programme items, checklist tasks and gifts have an `id` (unique in their list), so
///   that two computers editing one visit merge it item by item. Older files have none;
///   loading gives ids that depend only on the file (`1`, `2`, … in list order).
/// - 8: the people are split into sixteen files by a hash of their id (`people/00.ron` …
///   `people/15.ron`) instead of one `people.ron`, so that a save after one edit to a person
///   rewrites a sixteenth of them (on the ten-year folder, 2 MB instead of 32). The records
///   are unchanged; the first save writes every part and keeps `people.ron` as
///   `people.ron.bak`. A build of version 7 would not see the parts, so the version says so.
pub const FORMAT_VERSION: u32 = 8;

/// File name of the workspace metadata.
pub const META_FILE: &str = "pobratim.ron";

/// The comment line that opens `pobratim.ron`.
pub(super) const META_WHAT: &str = "pobratim: format version and settings";

/// Department settings kept in `pobratim.ron`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// The department's name, for print footers.
    pub department: String,
    /// The department's phone, for print footers.
    pub phone: String,
    /// Years personal data is kept after a person's last delegation ended.
    pub retention_years: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            department: String::new(),
            phone: String::new(),
            retention_years: crate::model::retention::DEFAULT_YEARS,
        }
    }
}

/// The contents of `pobratim.ron`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Meta {
    /// The data format version.
    pub format_version: u32,
    /// Department settings.
    pub settings: Settings,
}

impl Default for Meta {
    fn default() -> Self {
        Self { format_version: FORMAT_VERSION, settings: Settings::default() }
    }
}
