//! Saving into a folder that colleagues save into too (DESIGN.md §11).
//!
//! A save takes the short save lock, reads the revision, and:
//!
//! - when nobody saved since this workspace last read or wrote the folder, writes the
//!   changed records as before (`save.rs`), only checking the lock before each rename;
//! - otherwise re-reads the files the journal says others wrote (each record's text is cut
//!   out of them by its span; only the records that matter are parsed), and per record:
//!   changed only here, it is written; changed only there, theirs is taken; changed on both
//!   sides, [`crate::model::merge`] merges them, and what both set differently keeps theirs
//!   in the file and ours as a conflict.
//!
//! Whether a side changed a record is told by hashes: the store keeps each record's hash as
//! this workspace last read or wrote it (`OnDisk::index`), never the texts. The *base* of a
//! record changed on both sides (the version both started from) is the one its caller
//! noted in [`super::Changes::note`] (the app notes each record before its first change);
//! failing that, the file's `.bak` when its copy of the record has the base's hash (one
//! colleague's save in between); failing that, the base is unknown, and the file keeps
//! theirs while ours is stored whole as a conflict: nothing is lost, only merged coarser.
//!
//! What the save learnt of others' records comes back as [`Updates`], for the app to put
//! into its model.

use super::text::{FileText, Index, Rec, Stored, fragment, header, key_of_span, record_hash, record_spans};
use super::{Collection, DataFile, OnDisk, StoreError, Workspace, io_err, year_of};
use crate::model::merge::{Clash, Merge, Outcome, merge_record};
use crate::model::{City, Delegation, Event, Model, Person, RecordId, YearFigures};
use serde::de::DeserializeOwned;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs;
use std::path::Path;

/// Records as the folder now has them, after a save that merged: `None` means deleted.
/// Keyed by id (by year for figures).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Updates {
    /// Cities.
    pub cities: BTreeMap<String, Option<City>>,
    /// People.
    pub people: BTreeMap<String, Option<Person>>,
    /// Events.
    pub events: BTreeMap<String, Option<Event>>,
    /// Delegations.
    pub delegations: BTreeMap<String, Option<Delegation>>,
    /// Figures, by year.
    pub figures: BTreeMap<String, Option<YearFigures>>,
}

impl Updates {
    /// Whether there is nothing to put into the model.
    pub fn is_empty(&self) -> bool {
        self.cities.is_empty()
            && self.people.is_empty()
            && self.events.is_empty()
            && self.delegations.is_empty()
            && self.figures.is_empty()
    }

    /// How many records changed.
    pub fn len(&self) -> usize {
        self.cities.len() + self.people.len() + self.events.len() + self.delegations.len() + self.figures.len()
    }

    /// The ids of the records, for messages and for the app's undo history.
    pub fn ids(&self) -> Vec<RecordId> {
        use crate::model::{CityId, DelegationId, EventId, PersonId};
        let mut out: Vec<RecordId> = Vec::with_capacity(self.len());
        out.extend(self.cities.keys().map(|k| RecordId::City(CityId::new(k.as_str()))));
        out.extend(self.people.keys().map(|k| RecordId::Person(PersonId::new(k.as_str()))));
        out.extend(self.events.keys().map(|k| RecordId::Event(EventId::new(k.as_str()))));
        out.extend(self.delegations.keys().map(|k| RecordId::Delegation(DelegationId::new(k.as_str()))));
        out.extend(self.figures.keys().filter_map(|k| k.parse().ok()).map(RecordId::Figures));
        out
    }

    /// Puts the records into `model` (kept sorted).
    pub fn apply_to(&self, model: &mut Model) {
        fn put<T: Clone, S: Stored + From<T>>(items: &mut Vec<S>, changes: &BTreeMap<String, Option<T>>) {
            for (key, record) in changes {
                items.retain(|x| x.key() != key.as_str());
                if let Some(r) = record {
                    items.push(S::from(r.clone()));
                }
            }
        }
        put(&mut model.cities, &self.cities);
        put(&mut model.people, &self.people);
        put(&mut model.events, &self.events);
        put(&mut model.delegations, &self.delegations);
        put(&mut model.figures, &self.figures);
        model.normalise();
    }
}

/// A clash found by a save, on one record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    /// The record.
    pub record: RecordId,
    /// What clashed.
    pub clash: Clash,
}

/// Retention purges the merge must let win: the people this save purges (`ours`) and
/// those colleagues' saves purged since this workspace's revision (`theirs`), by key.
#[derive(Debug, Default)]
pub(super) struct Purges {
    pub(super) ours: BTreeSet<String>,
    pub(super) theirs: BTreeSet<String>,
}

/// What one merging save produced besides the files.
#[derive(Debug, Default)]
pub(super) struct Merged {
    pub(super) updates: Updates,
    pub(super) clashes: Vec<Found>,
    pub(super) written: Vec<DataFile>,
    pub(super) records: BTreeSet<String>,
    /// Each file's new text and index, whether to write it, and (for a year file) its
    /// delegations.
    plan: Vec<(DataFile, FileText, Index, bool, Vec<String>)>,
}

/// A file's records as `(key, canonical text of the record)`, in key order; borrowed from
/// the file's text when it is canonical.
type Fragments<'a> = Vec<(Cow<'a, str>, Cow<'a, str>)>;

/// The order of a file's records by key: ids as text, figures' years as numbers. Compares
/// without allocating: a merge of people.ron orders 60,000 keys.
fn key_order(collection: Collection, a: &str, b: &str) -> std::cmp::Ordering {
    match collection {
        Collection::Figures => {
            let year = |k: &str| k.parse::<i64>().unwrap_or(i64::MAX);
            year(a).cmp(&year(b)).then_with(|| a.cmp(b))
        }
        _ => a.cmp(b),
    }
}

/// Sorts fragments by key, unless they already are (a canonical file is).
fn sort_fragments(collection: Collection, frags: &mut Fragments) {
    if !frags.is_sorted_by(|a, b| key_order(collection, &a.0, &b.0).is_le()) {
        frags.sort_by(|a, b| key_order(collection, &a.0, &b.0));
    }
}

/// The records of a canonical text by key; for any other text (edited by hand) the records
/// are parsed and written canonically. `None` when the text does not parse.
fn fragments_of<'a, T: Stored + DeserializeOwned>(
    text: &'a str,
    collection: Collection,
    path: &Path,
) -> Option<Fragments<'a>> {
    if let Some(spans) = record_spans(text, 0) {
        let keyed: Option<Fragments<'a>> = spans
            .iter()
            .map(|r| {
                let span = text.get(r.clone())?;
                Some((Cow::Borrowed(key_of_span(span)?), Cow::Borrowed(span)))
            })
            .collect();
        if let Some(mut keyed) = keyed
            && (keyed.len() == spans.len())
            && !spans.is_empty()
        {
            sort_fragments(collection, &mut keyed);
            return Some(keyed);
        }
    }
    let records: Vec<T> = ron::from_str(text).ok()?;
    let mut out = Vec::with_capacity(records.len());
    for r in &records {
        let mut one = String::new();
        fragment(r, &mut one, path).ok()?;
        out.push((Cow::Owned(r.key().into_owned()), Cow::Owned(one)));
    }
    sort_fragments(collection, &mut out);
    Some(out)
}

/// One record from its text in a file (`    (\n … \n    ),\n`).
fn parse_fragment<T: DeserializeOwned>(frag: &str) -> Option<T> {
    let body = frag.trim_end().strip_suffix(',')?;
    ron::from_str(body).ok()
}

/// A file's text from its fragments, and its index.
fn file_from(what: &str, fragments: &Fragments) -> (FileText, Index) {
    let mut text = header(what);
    if fragments.is_empty() {
        text.push_str("[]\n");
        let index = Index { len: text.len(), hash: super::cache::source_hash(&text), records: Vec::new() };
        return (FileText { text, spans: Vec::new() }, index);
    }
    text.push_str("[\n");
    let mut spans = Vec::with_capacity(fragments.len());
    let mut records = Vec::with_capacity(fragments.len());
    for (k, f) in fragments {
        let start = text.len();
        text.push_str(f);
        spans.push(start..text.len());
        records.push(Rec { key: k.as_ref().into(), span: start..text.len(), hash: record_hash(f) });
    }
    text.push_str("]\n");
    let index = Index { len: text.len(), hash: super::cache::source_hash(&text), records };
    (FileText { text, spans }, index)
}

/// How a collection's records are found in the model and placed in files.
trait Kept: Stored + Merge + DeserializeOwned + 'static {
    const COLLECTION: Collection;
    fn all(model: &Model) -> impl Iterator<Item = &Self>;
    fn file_of(&self) -> DataFile;
    /// The file a record with this key belongs in, when the key alone says (people).
    fn home(_key: &str) -> Option<DataFile> {
        None
    }
    fn find<'m>(model: &'m Model, key: &str) -> Option<&'m Self>;
    fn slot(updates: &mut Updates) -> &mut BTreeMap<String, Option<Self>>;
    fn slot_ref(updates: &Updates) -> &BTreeMap<String, Option<Self>>;
    fn record_id(key: &str) -> Option<RecordId>;
    /// A new id for our record when both sides created one with the same id; `None` when
    /// the record's id cannot change (figures are keyed by their year).
    fn renamed(&self, taken: &dyn Fn(&str) -> bool) -> Option<Self>;
    /// Whether records of `model` refer to the record with this key (a person on a roster,
    /// a city of a visit): a colleague's deletion of it is then undone rather than leave
    /// a dangling reference.
    fn referenced(_model: &Model, _key: &str) -> bool {
        false
    }
}

/// `key-2`, `key-3`, … : the first free.
fn free_key(key: &str, taken: &dyn Fn(&str) -> bool) -> String {
    (2..).map(|n| format!("{key}-{n}")).find(|k| !taken(k)).unwrap_or_else(|| format!("{key}-x"))
}

macro_rules! kept_by_id {
    ($t:ty, $c:expr, $file:expr, $field:ident, $find:ident, $idty:ident, $rid:ident, $refs:expr) => {
        impl Kept for $t {
            const COLLECTION: Collection = $c;
            fn all(model: &Model) -> impl Iterator<Item = &Self> {
                model.$field.iter().map(|r| &**r)
            }
            fn file_of(&self) -> DataFile {
                $file(self)
            }
            fn home(key: &str) -> Option<DataFile> {
                ($c == Collection::People).then(|| DataFile::of_person(key))
            }
            fn find<'m>(model: &'m Model, key: &str) -> Option<&'m Self> {
                model.$find(&crate::model::$idty::new(key))
            }
            fn slot(updates: &mut Updates) -> &mut BTreeMap<String, Option<Self>> {
                &mut updates.$field
            }
            fn slot_ref(updates: &Updates) -> &BTreeMap<String, Option<Self>> {
                &updates.$field
            }
            fn record_id(key: &str) -> Option<RecordId> {
                Some(RecordId::$rid(crate::model::$idty::new(key)))
            }
            fn renamed(&self, taken: &dyn Fn(&str) -> bool) -> Option<Self> {
                let mut copy = self.clone();
                copy.id = crate::model::$idty::new(free_key(self.id.as_str(), taken));
                Some(copy)
            }
            fn referenced(model: &Model, key: &str) -> bool {
                let refs: fn(&Model, &crate::model::$idty) -> bool = $refs;
                refs(model, &crate::model::$idty::new(key))
            }
        }
    };
}
use crate::model::Language::Ru;
use crate::model::refs::{city_references, event_references, person_references};
kept_by_id!(City, Collection::Cities, |_: &City| DataFile::Cities, cities, city, CityId, City, |m, id| {
    !city_references(m, id, Ru).is_empty()
});
kept_by_id!(
    Person,
    Collection::People,
    |p: &Person| DataFile::of_person(p.id.as_str()),
    people,
    person,
    PersonId,
    Person,
    |m, id| { !person_references(m, id, Ru).is_empty() }
);
kept_by_id!(Event, Collection::Events, |_: &Event| DataFile::Events, events, event, EventId, Event, |m, id| {
    !event_references(m, id, Ru).is_empty()
});
kept_by_id!(
    Delegation,
    Collection::Delegations,
    |d: &Delegation| DataFile::Delegations(year_of(d)),
    delegations,
    delegation,
    DelegationId,
    Delegation,
    |_, _| false
);

impl Kept for YearFigures {
    const COLLECTION: Collection = Collection::Figures;
    fn all(model: &Model) -> impl Iterator<Item = &Self> {
        model.figures.iter()
    }
    fn file_of(&self) -> DataFile {
        DataFile::Figures
    }
    fn find<'m>(model: &'m Model, key: &str) -> Option<&'m Self> {
        key.parse().ok().and_then(|y| model.figures_for(y))
    }
    fn slot(updates: &mut Updates) -> &mut BTreeMap<String, Option<Self>> {
        &mut updates.figures
    }
    fn slot_ref(updates: &Updates) -> &BTreeMap<String, Option<Self>> {
        &updates.figures
    }
    fn record_id(key: &str) -> Option<RecordId> {
        key.parse().ok().map(RecordId::Figures)
    }
    fn renamed(&self, _: &dyn Fn(&str) -> bool) -> Option<Self> {
        None
    }
}

impl Workspace {
    /// The merging half of a save (see the module's documentation): `their_files` are the
    /// files others wrote since this workspace's revision (`None`: any of them may have).
    /// `fence` is checked before each write.
    pub(super) fn save_merging(
        &mut self,
        model: &Model,
        changes: &super::Changes,
        their_files: Option<&BTreeSet<DataFile>>,
        purges: &Purges,
        expected: &HashMap<DataFile, u64>,
        fence: &dyn Fn() -> bool,
    ) -> Result<Merged, StoreError> {
        let mut out = Merged::default();
        let on_disk = self.files_on_disk();
        let files = (their_files, &on_disk, expected);
        self.merge_collection::<City>(model, changes, files, purges, &BTreeSet::new(), &mut out)?;
        self.merge_collection::<Person>(model, changes, files, purges, &BTreeSet::new(), &mut out)?;
        self.merge_collection::<Event>(model, changes, files, purges, &BTreeSet::new(), &mut out)?;
        self.merge_collection::<Delegation>(model, changes, files, purges, &BTreeSet::new(), &mut out)?;
        self.merge_collection::<YearFigures>(model, changes, files, purges, &BTreeSet::new(), &mut out)?;
        // Our side of each clash goes to the folder before any data file changes: a crash
        // in between leaves theirs in the file and ours in the conflict, never neither.
        if !out.clashes.is_empty() {
            if !fence() {
                return Err(StoreError::Fenced(self.dir.clone()));
            }
            super::team::conflicts::store(&self.dir, &out.clashes)
                .map_err(io_err("cannot write", &super::team::team_dir(&self.dir)))?;
        }
        for (file, text, index, write, keys) in std::mem::take(&mut out.plan) {
            if write {
                let path = self.dir.join(file.relative_path());
                if let Some(parent) = path.parent() {
                    fs::create_dir_all(parent).map_err(io_err("cannot create folder", parent))?;
                }
                if !fence() {
                    return Err(StoreError::Fenced(self.dir.clone()));
                }
                super::save::fenced_write(&self.dir, &path, text.text.as_bytes(), fence)?;
                out.written.push(file);
                self.stale_cache.insert(file);
            }
            if let DataFile::Delegations(year) = file {
                self.delegation_years.retain(|_, y| *y != year);
                self.delegation_years.extend(keys.into_iter().map(|k| (k, year)));
            }
            self.files.insert(file, OnDisk { index, canonical: true, matches_disk: true, cached: !write });
            self.force.remove(&file);
        }
        Ok(out)
    }

    /// Every data file now in the folder (single files that exist, and each year file).
    fn files_on_disk(&self) -> BTreeSet<DataFile> {
        let mut out: BTreeSet<DataFile> =
            DataFile::SINGLE.into_iter().filter(|f| self.dir.join(f.relative_path()).is_file()).collect();
        if let Ok(entries) = fs::read_dir(self.dir.join(super::PEOPLE_DIR)) {
            for e in entries.flatten() {
                if let Some(part) = DataFile::part_of_name(&e.file_name().to_string_lossy()) {
                    out.insert(DataFile::People(part));
                }
            }
        }
        if let Ok(entries) = fs::read_dir(self.dir.join(super::DELEGATIONS_DIR)) {
            for e in entries.flatten() {
                if let Some(y) = DataFile::year_of_name(&e.file_name().to_string_lossy()) {
                    out.insert(DataFile::Delegations(y));
                }
            }
        }
        out
    }

    #[allow(clippy::too_many_lines)]
    fn merge_collection<T: Kept>(
        &self,
        model: &Model,
        changes: &super::Changes,
        (their_files, on_disk, expected): (Option<&BTreeSet<DataFile>>, &BTreeSet<DataFile>, &HashMap<DataFile, u64>),
        purges: &Purges,
        extra: &BTreeSet<DataFile>,
        out: &mut Merged,
    ) -> Result<(), StoreError> {
        let collection = T::COLLECTION;
        let ours = |f: &DataFile| f.collection() == collection && *f != DataFile::LegacyDelegations;
        let theirs_wrote = |f: &DataFile| their_files.is_none_or(|t| t.contains(f));
        // The files of this collection we know and the folder has.
        let mut known: BTreeSet<DataFile> = self.files.keys().copied().filter(ours).collect();
        known.extend(on_disk.iter().copied().filter(ours));
        // The files that matter: those others wrote, and those that hold or will hold a
        // record of ours that changed (every file when the caller did not note its changes).
        let mut involved: BTreeSet<DataFile> = match changes.keys(collection) {
            None => known.clone(),
            Some(keys) => {
                let mut files: BTreeSet<DataFile> = known.iter().copied().filter(|f| theirs_wrote(f)).collect();
                // Where each record of a collection split by key (people) was last read or
                // written: its own part, unless a hand moved it.
                let located: HashMap<&str, DataFile> = if T::home("").is_some() && !keys.is_empty() {
                    self.files
                        .iter()
                        .filter(|(f, _)| ours(f))
                        .flat_map(|(f, d)| d.index.records.iter().map(move |r| (&*r.key, *f)))
                        .collect()
                } else {
                    HashMap::new()
                };
                for key in keys {
                    if let Some(r) = T::find(model, key) {
                        files.insert(r.file_of());
                    }
                    match (collection, T::home(key)) {
                        (Collection::Delegations, _) => {
                            if let Some(y) = self.delegation_years.get(key.as_str()) {
                                files.insert(DataFile::Delegations(*y));
                            }
                        }
                        (_, Some(home)) => {
                            files.insert(home);
                            files.extend(located.get(key.as_str()).copied());
                        }
                        (_, None) => {
                            files.extend(known.iter().copied());
                        }
                    }
                }
                files
            }
        };
        involved.extend(extra.iter().copied());
        if collection == Collection::People && self.legacy_people {
            // The first save after a version-7 folder: every person moves from `people.ron`
            // into the part the id gives, so every part is read and written.
            involved.insert(DataFile::LegacyPeople);
            involved.extend(DataFile::people());
        }
        // The base: each record's hash (and file) as this workspace last read or wrote it.
        let base_at: HashMap<&str, (DataFile, u64)> = involved
            .iter()
            .filter_map(|f| self.files.get(f).map(|d| (*f, d)))
            .flat_map(|(f, d)| d.index.records.iter().map(move |r| (&*r.key, (f, r.hash))))
            .collect();
        // Which of our records changed: the keys the caller noted, or for a caller that did
        // not note them, every record whose text differs from the last read or written one.
        let mine_keys: BTreeSet<String> = match changes.keys(collection) {
            Some(keys) => keys.clone(),
            None => {
                let mut keys = BTreeSet::new();
                let mut now = String::new();
                for r in T::all(model) {
                    now.clear();
                    let differs = fragment(r, &mut now, Path::new(collection.file_name())).is_err()
                        || base_at.get(r.key().as_ref()).map(|b| b.1) != Some(record_hash(&now));
                    if differs {
                        keys.insert(r.key().into_owned());
                    }
                }
                keys.extend(base_at.keys().filter(|k| T::find(model, k).is_none()).map(|k| (*k).to_owned()));
                keys
            }
        };
        // The records' destinations are read too: a record may move into a file (a visit's
        // arrival into another year) that is not among the involved ones.
        for key in &mine_keys {
            if let Some(r) = T::find(model, key) {
                involved.insert(r.file_of());
            }
        }
        // The files as the folder has them now: every involved one is read (the store
        // keeps no texts), and a record whose hash differs from its base was changed there.
        let mut texts: BTreeMap<DataFile, String> = BTreeMap::new();
        for f in &involved {
            let path = self.dir.join(f.relative_path());
            match read_as_written(&path, expected.get(f).copied()) {
                Ok(text) => {
                    texts.insert(*f, text);
                }
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(io_err("cannot read", &path)(e)),
            }
        }
        let mut now: BTreeMap<DataFile, Fragments> = BTreeMap::new();
        for f in &involved {
            let path = self.dir.join(f.relative_path());
            let frags = match texts.get(f) {
                Some(text) => fragments_of::<T>(text, collection, &path).ok_or_else(|| StoreError::Io {
                    action: "cannot read",
                    path: path.clone(),
                    cause: std::io::Error::other("the file does not read as RON; nothing was written"),
                })?,
                None => Vec::new(),
            };
            now.insert(*f, frags);
        }
        let now_at: HashMap<&str, &str> =
            now.values().flat_map(|v| v.iter().map(|(k, t)| (k.as_ref(), t.as_ref()))).collect();
        // What others changed: any record whose text differs between the last read and now.
        let mut their_keys: BTreeSet<String> = BTreeSet::new();
        for (k, (_, hash)) in &base_at {
            if now_at.get(k).map(|t| record_hash(t)) != Some(*hash) {
                their_keys.insert((*k).to_owned());
            }
        }
        for (k, t) in &now_at {
            if base_at.get(k).map(|b| b.1) != Some(record_hash(t)) {
                their_keys.insert((*k).to_owned());
            }
        }
        // The result per record, and where each now lies.
        let mut result: BTreeMap<String, Option<T>> = BTreeMap::new();
        let mut found: Vec<Found> = Vec::new();
        let taken = |k: &str| now_at.contains_key(k) || T::find(model, k).is_some();
        let mut backups = Backups::default();
        for key in mine_keys.iter().chain(their_keys.iter()) {
            if result.contains_key(key) {
                continue;
            }
            let theirs: Option<T> = now_at.get(key.as_str()).and_then(|t| parse_fragment(t));
            if !mine_keys.contains(key) {
                // A colleague's deletion of a record ours still refer to is undone: the
                // record comes back as we have it, never a dangling reference.
                let restored = match (&theirs, T::find(model, key)) {
                    (None, Some(mine)) if T::referenced(model, key) => Some(mine.clone()),
                    _ => theirs,
                };
                result.insert(key.clone(), restored);
                continue;
            }
            let mine = T::find(model, key);
            let base: Option<Option<T>> = if !their_keys.contains(key) {
                // Unchanged there: theirs is the base.
                Some(theirs.clone())
            } else if let Some(noted) = T::slot_ref(changes.bases()).get(key) {
                Some(noted.clone())
            } else if let Some((file, hash)) = base_at.get(key.as_str()) {
                backups.find::<T>(&self.dir, *file, key, *hash).map(Some)
            } else {
                // It was not there when we last read: created here (and maybe there too).
                Some(None)
            };
            let outcome = match base {
                Some(base) => merge_record(base.as_ref(), mine, theirs.as_ref()),
                None => merge_unknown_base(mine, theirs.as_ref()),
            };
            match outcome {
                Outcome::Merged(None, clashes) if mine.is_some() && T::referenced(model, key) => {
                    // They deleted what we changed and still refer to: ours comes back.
                    drop(clashes);
                    result.insert(key.clone(), mine.cloned());
                }
                Outcome::Merged(mut record, mut clashes) => {
                    settle_purge(key, &mut record, &mut clashes, purges);
                    if let Some(id) = T::record_id(key) {
                        found.extend(clashes.into_iter().map(|clash| Found { record: id.clone(), clash }));
                    }
                    result.insert(key.clone(), record);
                }
                Outcome::BothCreated { theirs, mine } => {
                    match mine.renamed(&taken) {
                        Some(renamed) => {
                            let new_key = renamed.key().into_owned();
                            result.insert(new_key, Some(renamed));
                        }
                        None => {
                            if let Some(id) = T::record_id(key) {
                                found.push(Found {
                                    record: id,
                                    clash: Clash {
                                        path: String::new(),
                                        mine: crate::model::merge::ron_text(&mine),
                                        theirs: crate::model::merge::ron_text(&theirs),
                                    },
                                });
                            }
                        }
                    }
                    result.insert(key.clone(), Some(theirs));
                }
            }
        }
        // A record bound for a file not read (a person renamed because both sides created
        // the id goes to the part of the new id): read that file too and merge again, never
        // write it from this record alone.
        let unread: BTreeSet<DataFile> =
            result.values().flatten().map(Kept::file_of).filter(|f| !involved.contains(f)).collect();
        if !unread.is_empty() {
            let mut more = extra.clone();
            more.extend(unread);
            return self.merge_collection::<T>(model, changes, (their_files, on_disk, expected), purges, &more, out);
        }
        out.clashes.append(&mut found);
        // The new files: each changed record leaves where it was and goes where it belongs.
        let mut new = now.clone();
        for (key, record) in &result {
            for frags in new.values_mut() {
                frags.retain(|(k, _)| k != key);
            }
            if let Some(r) = record {
                let file = r.file_of();
                let path = self.dir.join(file.relative_path());
                let mut one = String::new();
                fragment(r, &mut one, &path)?;
                let frags = new.entry(file).or_default();
                let at = frags.partition_point(|(k, _)| key_order(collection, k, key).is_lt());
                frags.insert(at, (Cow::Owned(key.clone()), Cow::Owned(one)));
            }
        }
        // The records of a retired single file (version 7's `people.ron`) go where their
        // keys say; a part's own copy of a record wins over the old file's.
        for legacy in [DataFile::LegacyPeople] {
            for (key, frag) in new.remove(&legacy).unwrap_or_default() {
                let Some(home) = T::home(&key) else { continue };
                let frags = new.entry(home).or_default();
                let at = frags.partition_point(|(k, _)| key_order(collection, k, &key).is_lt());
                if frags.get(at).is_none_or(|(k, _)| *k != key) {
                    frags.insert(at, (key, frag));
                }
            }
        }
        for (file, frags) in &new {
            let disk = now.get(file);
            let exists = on_disk.contains(file);
            let changed = disk != Some(frags) || (!exists && !frags.is_empty());
            if exists || !frags.is_empty() {
                let (text, index) = file_from(&file.what(), frags);
                let keys = if matches!(file, DataFile::Delegations(_)) {
                    frags.iter().map(|(k, _)| k.clone().into_owned()).collect()
                } else {
                    Vec::new()
                };
                out.plan.push((*file, text, index, changed, keys));
            }
        }
        // What the app must put into its model: every record whose result is not what it has.
        let slot = T::slot(&mut out.updates);
        for (key, record) in result {
            let mine = T::find(model, &key);
            let same = match (&record, mine) {
                (Some(r), Some(m)) => crate::model::merge::same(r, m),
                (None, None) => true,
                _ => false,
            };
            if mine_keys.contains(&key) || their_keys.contains(&key) {
                out.records.insert(format!("{}:{key}", journal_kind(collection)));
            }
            if !same {
                slot.insert(key, record);
            }
        }
        Ok(())
    }
}

/// How long a merge waits for a network drive to show a file as the journal says the last
/// save wrote it, reading again with growing pauses (about 1.5 s in all).
const STALE_READ_PAUSES_MS: [u64; 5] = [50, 100, 200, 400, 800];

/// Reads the file at `path`, which the journal says the last save that wrote it left with
/// the hash `expected`. A network drive's client may show an older copy for a moment after
/// another computer wrote it; merging into that copy would write the colleague's save
/// away, so a copy whose hash differs is read again after a pause, a few times. After that
/// the file is taken as it is: a file changed outside the app (by hand) never matches, and
/// must not stop every save.
fn read_as_written(path: &Path, expected: Option<u64>) -> std::io::Result<String> {
    let read = || -> std::io::Result<String> {
        match super::atomic::faults::late_text(path) {
            Some(stale) => Ok(stale),
            None => fs::read_to_string(path),
        }
    };
    let mut text = read()?;
    for pause in STALE_READ_PAUSES_MS {
        if expected.is_none_or(|h| super::cache::source_hash(&text) == h) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(pause));
        text = read()?;
    }
    Ok(text)
}

/// A record changed on both sides whose base is unknown (not noted by the caller, not in
/// the `.bak`): the file keeps theirs and ours is stored whole as a conflict, unless both
/// are the same.
fn merge_unknown_base<T: Merge>(mine: Option<&T>, theirs: Option<&T>) -> Outcome<T> {
    let same = match (mine, theirs) {
        (Some(m), Some(t)) => crate::model::merge::same(m, t),
        (None, None) => true,
        _ => false,
    };
    if same {
        return Outcome::Merged(theirs.cloned(), Vec::new());
    }
    let clash = Clash {
        path: String::new(),
        mine: mine.and_then(crate::model::merge::ron_text),
        theirs: theirs.and_then(crate::model::merge::ron_text),
    };
    Outcome::Merged(theirs.cloned(), vec![clash])
}

/// The `.bak` files read by one merge, by data file (`None`: missing or unreadable).
#[derive(Default)]
struct Backups(HashMap<DataFile, Option<String>>);

impl Backups {
    /// The base of the record `key` from the `.bak` of `file`, when its text there has the
    /// base's `hash`: the file as it was before the last save, which is this workspace's
    /// last read or write when one colleague's save came in between.
    fn find<T: Kept>(&mut self, dir: &Path, file: DataFile, key: &str, hash: u64) -> Option<T> {
        let path = dir.join(file.relative_path());
        let text = self
            .0
            .entry(file)
            .or_insert_with(|| fs::read_to_string(super::atomic::backup_path(&path)).ok())
            .as_deref()?;
        let frags = fragments_of::<T>(text, T::COLLECTION, &path)?;
        let (_, frag) = frags.iter().find(|(k, _)| k == key)?;
        (record_hash(frag) == hash).then(|| parse_fragment(frag)).flatten()
    }
}

/// A person a purge covers: the purge wins (`model::retention::settle_purged`).
fn settle_purge<T: Kept>(key: &str, record: &mut Option<T>, clashes: &mut Vec<Clash>, purges: &Purges) {
    if T::COLLECTION != Collection::People {
        return;
    }
    let ours = purges.ours.contains(key);
    if !ours && !purges.theirs.contains(key) {
        return;
    }
    if let Some(person) = (record as &mut dyn std::any::Any).downcast_mut::<Option<Person>>() {
        crate::model::retention::settle_purged(person, clashes, ours);
    }
}

/// The journal's name of a collection's records (see `team::revision::record_key`).
fn journal_kind(c: Collection) -> &'static str {
    match c {
        Collection::Cities => "city",
        Collection::People => "person",
        Collection::Events => "event",
        Collection::Delegations => "delegation",
        Collection::Figures => "figures",
    }
}
