//! Which files of the data folder hold which records, and what changed since a save.

use super::Collection;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

/// The folder of delegation files, one per year of arrival (`delegations/2016.ron`).
pub const DELEGATIONS_DIR: &str = "delegations";

/// The single delegations file of format version 1, split by year on the first save.
pub const LEGACY_DELEGATIONS_FILE: &str = "delegations.ron";

/// The folder of the binary load cache (see `cache.rs`).
pub const CACHE_DIR: &str = ".cache";

/// One file of records in the data folder.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DataFile {
    /// `cities.ron`
    Cities,
    /// `people.ron`
    People,
    /// `events.ron`
    Events,
    /// `figures.ron`
    Figures,
    /// `delegations/YYYY.ron`: the delegations arriving in that year.
    Delegations(i32),
    /// `delegations.ron` of format version 1 (all years); read, never written.
    LegacyDelegations,
}

impl DataFile {
    /// The files that are not per year.
    pub const SINGLE: [DataFile; 4] = [Self::Cities, Self::People, Self::Events, Self::Figures];

    /// The collection whose records the file holds.
    pub fn collection(self) -> Collection {
        match self {
            Self::Cities => Collection::Cities,
            Self::People => Collection::People,
            Self::Events => Collection::Events,
            Self::Figures => Collection::Figures,
            Self::Delegations(_) | Self::LegacyDelegations => Collection::Delegations,
        }
    }

    /// The path inside the data folder: `cities.ron`, `delegations/2016.ron`.
    pub fn relative_path(self) -> PathBuf {
        match self {
            Self::Delegations(year) => PathBuf::from(DELEGATIONS_DIR).join(format!("{}.ron", year_name(year))),
            Self::LegacyDelegations => PathBuf::from(LEGACY_DELEGATIONS_FILE),
            other => PathBuf::from(other.collection().file_name()),
        }
    }

    /// The name of its cache file in [`CACHE_DIR`].
    pub fn cache_name(self) -> String {
        match self {
            Self::Delegations(year) => format!("delegations-{}.bin", year_name(year)),
            Self::LegacyDelegations => "delegations-v1.bin".to_owned(),
            other => format!("{}.bin", other.collection().name()),
        }
    }

    /// The comment line that opens the file.
    pub fn what(self) -> String {
        match self {
            Self::Cities => "cities: partner cities".to_owned(),
            Self::People => "people: personal data, handle with care".to_owned(),
            Self::Events => "events: the calendar".to_owned(),
            Self::Figures => "figures: official yearly totals".to_owned(),
            Self::Delegations(year) => {
                format!("delegations arriving in {year}: rosters, programmes, checklists, gifts")
            }
            Self::LegacyDelegations => "delegations: rosters, programmes, checklists, gifts".to_owned(),
        }
    }

    /// The year a `delegations/` file name stands for: `2016.ron` gives 2016. Years have
    /// at least four digits (`0001.ron`), so every year has exactly one name.
    pub fn year_of_name(name: &str) -> Option<i32> {
        let stem = name.strip_suffix(".ron")?;
        let digits = stem.strip_prefix('-').unwrap_or(stem);
        let ok = digits.len() >= 4 && digits.len() <= 6 && digits.bytes().all(|b| b.is_ascii_digit());
        let year: i32 = if ok { stem.parse().ok()? } else { return None };
        (year_name(year) == stem).then_some(year)
    }
}

/// A year as a file name: at least four digits, `-` before years BC.
fn year_name(year: i32) -> String {
    if year < 0 { format!("-{:04}", year.unsigned_abs()) } else { format!("{year:04}") }
}

/// What the app's commands changed since the last save: record keys per collection, or
/// everything (a caller that does not track its edits, such as the CLI).
///
/// A save rewrites only the files holding a changed record, and within them serializes only
/// the changed records: the others are copied as text from the last save.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Changes {
    everything: bool,
    keys: BTreeMap<Collection, BTreeSet<String>>,
}

impl Changes {
    /// Every record may have changed.
    pub fn everything() -> Self {
        Self { everything: true, keys: BTreeMap::new() }
    }

    /// Notes that the record with this key (its id; the year for figures) changed.
    pub fn record(&mut self, collection: Collection, key: &str) {
        if !self.everything {
            self.keys.entry(collection).or_default().insert(key.to_owned());
        }
    }

    /// Notes that the record with this id changed.
    pub fn record_id(&mut self, id: &crate::model::RecordId) {
        use crate::model::RecordId;
        match id {
            RecordId::City(c) => self.record(Collection::Cities, c.as_str()),
            RecordId::Person(p) => self.record(Collection::People, p.as_str()),
            RecordId::Event(e) => self.record(Collection::Events, e.as_str()),
            RecordId::Delegation(d) => self.record(Collection::Delegations, d.as_str()),
            RecordId::Figures(y) => self.record(Collection::Figures, &y.to_string()),
        }
    }

    /// Adds what `other` noted.
    pub fn merge(&mut self, other: Changes) {
        if other.everything {
            *self = Self::everything();
        } else if !self.everything {
            for (c, keys) in other.keys {
                self.keys.entry(c).or_default().extend(keys);
            }
        }
    }

    /// Whether nothing was noted.
    pub fn is_empty(&self) -> bool {
        !self.everything && self.keys.values().all(BTreeSet::is_empty)
    }

    /// Whether every record counts as changed.
    pub fn is_everything(&self) -> bool {
        self.everything
    }

    /// The collections with a noted change (all of them for [`Changes::everything`]).
    pub fn collections(&self) -> Vec<Collection> {
        if self.everything {
            Collection::ALL.to_vec()
        } else {
            self.keys.iter().filter(|(_, k)| !k.is_empty()).map(|(c, _)| *c).collect()
        }
    }

    /// Whether the record with this key may have changed.
    pub fn contains(&self, collection: Collection, key: &str) -> bool {
        self.everything || self.keys.get(&collection).is_some_and(|k| k.contains(key))
    }

    /// The changed keys of a collection; `None` means all of them.
    pub fn keys(&self, collection: Collection) -> Option<&BTreeSet<String>> {
        static EMPTY: BTreeSet<String> = BTreeSet::new();
        if self.everything { None } else { Some(self.keys.get(&collection).unwrap_or(&EMPTY)) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_and_names() {
        assert_eq!(DataFile::Delegations(2016).relative_path(), PathBuf::from("delegations").join("2016.ron"));
        assert_eq!(DataFile::People.relative_path(), PathBuf::from("people.ron"));
        assert_eq!(DataFile::Delegations(2016).cache_name(), "delegations-2016.bin");
        assert_eq!(DataFile::Cities.cache_name(), "cities.bin");
        assert_eq!(DataFile::year_of_name("2016.ron"), Some(2016));
        for bad in ["16.ron", "2016.ron.bak", "notes.ron", "２０１６.ron", "20x6.ron", "-0000.ron", "+2016.ron"] {
            assert_eq!(DataFile::year_of_name(bad), None, "{bad}");
        }
        for year in [1, 999, 2016, 12_000, -44, 0] {
            let path = DataFile::Delegations(year).relative_path();
            let name = path.file_name().and_then(|n| n.to_str()).expect("name");
            assert_eq!(DataFile::year_of_name(name), Some(year), "{name}");
        }
    }

    #[test]
    fn changes_merge_and_everything() {
        let mut a = Changes::default();
        assert!(a.is_empty());
        a.record(Collection::People, "p-1");
        assert!(a.contains(Collection::People, "p-1"));
        assert!(!a.contains(Collection::People, "p-2"));
        assert!(!a.contains(Collection::Cities, "p-1"));
        let mut b = Changes::default();
        b.record(Collection::Cities, "niigata");
        a.merge(b);
        assert_eq!(a.collections(), vec![Collection::Cities, Collection::People]);
        a.merge(Changes::everything());
        assert!(a.is_everything() && a.contains(Collection::Events, "any"));
        assert_eq!(a.keys(Collection::Events), None);
    }
}
