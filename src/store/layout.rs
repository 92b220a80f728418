//! Which files of the data folder hold which records, and what changed since a save.

use super::Collection;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

/// The folder of delegation files, one per year of arrival (`delegations/2016.ron`).
pub const DELEGATIONS_DIR: &str = "delegations";

/// The single delegations file of format version 1, split by year on the first save.
pub const LEGACY_DELEGATIONS_FILE: &str = "delegations.ron";

/// The folder of the people files: the people split by a hash of their id into
/// [`PEOPLE_FILES`] files (`people/00.ron` … `people/15.ron`), so a save after one edit to a
/// person rewrites a sixteenth of them (format 8).
pub const PEOPLE_DIR: &str = "people";

/// How many files the people are split into. Never change it: a person's file is a
/// function of the id and of this number, and every computer sharing a folder must agree.
pub const PEOPLE_FILES: u8 = 16;

/// The single people file of format version 7 and older, split on the first save.
pub const LEGACY_PEOPLE_FILE: &str = "people.ron";

/// The folder of the binary load cache (see `cache.rs`).
pub const CACHE_DIR: &str = ".cache";

/// One file of records in the data folder.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DataFile {
    /// `cities.ron`
    Cities,
    /// `people/NN.ron`: the people whose id hashes to `NN` ([`DataFile::of_person`]).
    People(u8),
    /// `events.ron`
    Events,
    /// `figures.ron`
    Figures,
    /// `delegations/YYYY.ron`: the delegations arriving in that year.
    Delegations(i32),
    /// `delegations.ron` of format version 1 (all years); read, never written.
    LegacyDelegations,
    /// `people.ron` of format version 7 and older (everyone); read, never written.
    LegacyPeople,
}

impl DataFile {
    /// The files that are neither per year nor per part of the people.
    pub const SINGLE: [DataFile; 3] = [Self::Cities, Self::Events, Self::Figures];

    /// The people files, every one of them.
    pub fn people() -> impl Iterator<Item = DataFile> {
        (0..PEOPLE_FILES).map(Self::People)
    }

    /// The file of the person with this id: FNV-1a of the id's bytes, modulo
    /// [`PEOPLE_FILES`]. Fixed for ever (a test pins it), unlike std's hasher.
    pub fn of_person(id: &str) -> DataFile {
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for b in id.bytes() {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        // The remainder is below 16, so it fits.
        Self::People(u8::try_from(hash % u64::from(PEOPLE_FILES)).unwrap_or(0))
    }

    /// Whether the file is one that version 8 reads but never writes.
    pub fn is_legacy(self) -> bool {
        matches!(self, Self::LegacyDelegations | Self::LegacyPeople)
    }

    /// The collection whose records the file holds.
    pub fn collection(self) -> Collection {
        match self {
            Self::Cities => Collection::Cities,
            Self::People(_) | Self::LegacyPeople => Collection::People,
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
            Self::People(n) => PathBuf::from(PEOPLE_DIR).join(format!("{n:02}.ron")),
            Self::LegacyPeople => PathBuf::from(LEGACY_PEOPLE_FILE),
            other => PathBuf::from(other.collection().file_name()),
        }
    }

    /// The name of its cache file in [`CACHE_DIR`].
    pub fn cache_name(self) -> String {
        match self {
            Self::Delegations(year) => format!("delegations-{}.bin", year_name(year)),
            Self::LegacyDelegations => "delegations-v1.bin".to_owned(),
            Self::People(n) => format!("people-{n:02}.bin"),
            Self::LegacyPeople => "people-v7.bin".to_owned(),
            other => format!("{}.bin", other.collection().name()),
        }
    }

    /// The comment line that opens the file.
    pub fn what(self) -> String {
        match self {
            Self::Cities => "cities: partner cities".to_owned(),
            Self::People(n) => {
                format!("people, part {n:02} of {PEOPLE_FILES} (by id): personal data, handle with care")
            }
            Self::LegacyPeople => "people: personal data, handle with care".to_owned(),
            Self::Events => "events: the calendar".to_owned(),
            Self::Figures => "figures: official yearly totals".to_owned(),
            Self::Delegations(year) => {
                format!("delegations arriving in {year}: rosters, programmes, checklists, gifts")
            }
            Self::LegacyDelegations => "delegations: rosters, programmes, checklists, gifts".to_owned(),
        }
    }

    /// The part a `people/` file name stands for: `03.ron` gives 3; only `00.ron` …
    /// `15.ron` are people files.
    pub fn part_of_name(name: &str) -> Option<u8> {
        let stem = name.strip_suffix(".ron")?;
        let ok = stem.len() == 2 && stem.bytes().all(|b| b.is_ascii_digit());
        let part: u8 = if ok { stem.parse().ok()? } else { return None };
        (part < PEOPLE_FILES).then_some(part)
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
///
/// It also carries the *base* of each changed record the caller noted with
/// [`Changes::note`]: its value before the change, as last saved or read. A save that finds
/// a colleague changed the same record merges field by field from it. The store keeps no
/// copy of records (only their hashes), so without a noted base it looks in the file's
/// `.bak`, and failing that keeps theirs and stores ours whole as a conflict.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Changes {
    everything: bool,
    keys: BTreeMap<Collection, BTreeSet<String>>,
    bases: super::Updates,
}

impl Changes {
    /// Every record may have changed.
    pub fn everything() -> Self {
        Self { everything: true, keys: BTreeMap::new(), bases: super::Updates::default() }
    }

    /// Notes that the record with this key (its id; the year for figures) changed.
    pub fn record(&mut self, collection: Collection, key: &str) {
        if !self.everything {
            self.keys.entry(collection).or_default().insert(key.to_owned());
        }
    }

    /// Notes that the record `id` of `model` is about to change, keeping its value now as
    /// its base (`None`: it does not exist yet). Call it before changing the model. The
    /// first base noted since the last save is the one kept.
    pub fn note(&mut self, model: &crate::model::Model, id: &crate::model::RecordId) {
        use crate::model::RecordId;
        self.record_id(id);
        if self.everything {
            return;
        }
        let b = &mut self.bases;
        match id {
            RecordId::City(x) => {
                b.cities.entry(x.as_str().to_owned()).or_insert_with(|| model.city(x).cloned());
            }
            RecordId::Person(x) => {
                b.people.entry(x.as_str().to_owned()).or_insert_with(|| model.person(x).cloned());
            }
            RecordId::Event(x) => {
                b.events.entry(x.as_str().to_owned()).or_insert_with(|| model.event(x).cloned());
            }
            RecordId::Delegation(x) => {
                b.delegations.entry(x.as_str().to_owned()).or_insert_with(|| model.delegation(x).cloned());
            }
            RecordId::Figures(y) => {
                b.figures.entry(y.to_string()).or_insert_with(|| model.figures_for(*y).cloned());
            }
        }
    }

    /// The noted bases.
    pub(super) fn bases(&self) -> &super::Updates {
        &self.bases
    }

    /// The records of `folder` (as a save found them in the folder) that are noted here
    /// take those values as their base: edits noted while that save ran now start from
    /// what it left in the file.
    pub fn rebase_onto(&mut self, folder: &super::Updates) {
        fn onto<T: Clone>(
            bases: &mut BTreeMap<String, Option<T>>,
            keys: Option<&BTreeSet<String>>,
            folder: &BTreeMap<String, Option<T>>,
        ) {
            for (key, record) in folder {
                if keys.is_some_and(|k| k.contains(key)) {
                    bases.insert(key.clone(), record.clone());
                }
            }
        }
        if self.everything {
            return;
        }
        let b = &mut self.bases;
        onto(&mut b.cities, self.keys.get(&Collection::Cities), &folder.cities);
        onto(&mut b.people, self.keys.get(&Collection::People), &folder.people);
        onto(&mut b.events, self.keys.get(&Collection::Events), &folder.events);
        onto(&mut b.delegations, self.keys.get(&Collection::Delegations), &folder.delegations);
        onto(&mut b.figures, self.keys.get(&Collection::Figures), &folder.figures);
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

    /// Adds what `other` noted. `other` is the older of the two (a failed save's changes
    /// given back): its bases win, since the file may still hold them.
    pub fn merge(&mut self, other: Changes) {
        if other.everything {
            *self = Self::everything();
        } else if !self.everything {
            for (c, keys) in other.keys {
                self.keys.entry(c).or_default().extend(keys);
            }
            let (b, o) = (&mut self.bases, other.bases);
            b.cities.extend(o.cities);
            b.people.extend(o.people);
            b.events.extend(o.events);
            b.delegations.extend(o.delegations);
            b.figures.extend(o.figures);
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
        assert_eq!(DataFile::People(3).relative_path(), PathBuf::from("people").join("03.ron"));
        assert_eq!(DataFile::LegacyPeople.relative_path(), PathBuf::from("people.ron"));
        assert_eq!(DataFile::People(12).cache_name(), "people-12.bin");
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
    fn a_persons_file_depends_on_the_id_only_and_never_changes() {
        // Pinned: every computer sharing a folder, of every version from 8 on, must put a
        // person in the same file. Changing these values is a format change.
        for (id, part) in [("p-1", 5), ("p-2", 12), ("", 5), ("ivanov-ii", 13), ("Андреев", 9)] {
            assert_eq!(DataFile::of_person(id), DataFile::People(part), "{id}");
        }
        for part in 0..PEOPLE_FILES {
            let path = DataFile::People(part).relative_path();
            let name = path.file_name().and_then(|n| n.to_str()).expect("name");
            assert_eq!(DataFile::part_of_name(name), Some(part), "{name}");
        }
        for bad in ["16.ron", "3.ron", "003.ron", "03.ron.bak", "people.ron", "０３.ron", "-1.ron"] {
            assert_eq!(DataFile::part_of_name(bad), None, "{bad}");
        }
        // 10,000 synthetic ids spread over every file.
        let mut counts = [0usize; PEOPLE_FILES as usize];
        for n in 0..10_000 {
            if let DataFile::People(p) = DataFile::of_person(&format!("p-{n:06}")) {
                counts[usize::from(p)] += 1;
            }
        }
        assert!(counts.iter().all(|c| (400..850).contains(c)), "{counts:?}");
    }

    #[test]
    fn a_noted_base_is_the_first_value_and_the_older_changes_win_a_merge() {
        use crate::model::{City, CityId, Model, RecordId};
        let city = |notes: &str| City { id: CityId::new("niigata"), notes: notes.into(), ..City::default() };
        let id = RecordId::City(CityId::new("niigata"));
        let mut model = Model { cities: vec![city("как было").into()], ..Model::default() };
        let mut older = Changes::default();
        older.note(&model, &id);
        model.cities[0].notes = "правка 1".into();
        older.note(&model, &id);
        let base = |c: &Changes| c.bases().cities.get("niigata").cloned().flatten().map(|c| c.notes);
        assert_eq!(base(&older).as_deref(), Some("как было"), "the first base is kept");
        let mut newer = Changes::default();
        newer.note(&model, &id);
        assert_eq!(base(&newer).as_deref(), Some("правка 1"));
        // A save brought the folder's version of a record noted meanwhile: it is the base now.
        let mut folder = super::super::Updates::default();
        folder.cities.insert("niigata".into(), Some(city("из папки")));
        folder.cities.insert("harbin".into(), None);
        newer.rebase_onto(&folder);
        assert_eq!(base(&newer).as_deref(), Some("из папки"));
        assert!(!newer.bases().cities.contains_key("harbin"), "only noted records");
        // A failed save's changes given back: their base, the older, wins.
        newer.merge(older);
        assert_eq!(base(&newer).as_deref(), Some("как было"));
        let mut new_record = Changes::default();
        new_record.note(&Model::default(), &id);
        assert_eq!(new_record.bases().cities.get("niigata"), Some(&None), "not there yet");
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
