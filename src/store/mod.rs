//! The data folder: the only module that reads or writes files of the workspace.
//!
//! One RON file per collection (`cities.ron`, `people.ron`, `events.ron`, `figures.ron`),
//! delegations one file per year of arrival (`delegations/2016.ron`), and `pobratim.ron`
//! with the format version and settings. Saves are atomic and keep a `.bak`; each file
//! loads on its own, and a file that failed to load makes the workspace read-only so it is
//! never overwritten. `.cache/` holds a binary copy of each file for fast loading
//! (`cache.rs`). See DESIGN.md §4 and ARCHITECTURE.md.

pub mod atomic;
pub mod cache;
pub mod error;
pub mod journal;
pub mod layout;
pub mod lock;
pub mod sample;
pub mod text;

pub use error::{LoadError, ReadOnlyReason, StoreError};
pub use layout::{CACHE_DIR, Changes, DELEGATIONS_DIR, DataFile, LEGACY_DELEGATIONS_FILE};
pub use lock::{FolderLock, LOCK_FILE, LockAttempt, LockInfo};

use crate::model::{City, Delegation, Event, Model, Person, YearFigures};
use atomic::{temp_path, write_atomic};
use chrono::Datelike;
use serde::{Deserialize, Serialize, de::DeserializeOwned};
use std::collections::HashMap;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::ops::Range;
use std::path::{Path, PathBuf};
use text::{FileText, Stored};

/// The data format this build writes. Older folders migrate on load; newer ones are refused.
///
/// - 1: one `delegations.ron`.
/// - 2: `delegations/YYYY.ron` by year of arrival (a save after one edit rewrites one year).
pub const FORMAT_VERSION: u32 = 2;

/// File name of the workspace metadata.
pub const META_FILE: &str = "pobratim.ron";

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

/// One collection of the model.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Collection {
    /// `cities.ron`
    Cities,
    /// `people.ron`
    People,
    /// `events.ron`
    Events,
    /// `delegations/YYYY.ron`
    Delegations,
    /// `figures.ron`
    Figures,
}

impl Collection {
    /// Every collection, in load order.
    pub const ALL: [Collection; 5] = [Self::Cities, Self::People, Self::Events, Self::Delegations, Self::Figures];

    /// The collection's name: `cities`, `people`, `events`, `delegations`, `figures`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Cities => "cities",
            Self::People => "people",
            Self::Events => "events",
            Self::Delegations => "delegations",
            Self::Figures => "figures",
        }
    }

    /// The file name of a collection kept in one file (`cities.ron`); for delegations the
    /// version-1 file name (now they are per year, see [`DataFile`]).
    pub fn file_name(self) -> &'static str {
        match self {
            Self::Cities => "cities.ron",
            Self::People => "people.ron",
            Self::Events => "events.ron",
            Self::Delegations => LEGACY_DELEGATIONS_FILE,
            Self::Figures => "figures.ron",
        }
    }
}

/// How to open a folder.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OpenMode {
    /// Take the lock and allow saving (the GUI, writing commands). Creates a missing folder.
    ReadWrite,
    /// Read only, without touching the lock or the cache (`check`, `list`).
    ReadOnly,
}

/// What the store knows of one file as last read or written.
#[derive(Debug)]
struct OnDisk {
    /// The text, with record spans when it is canonical (or, after warming, the canonical
    /// text of the same records).
    previous: FileText,
    /// `previous` holds spans that can be copied into the next save.
    canonical: bool,
    /// `previous.file.text` is exactly the file on disk (not a canonical rewrite of it).
    matches_disk: bool,
    /// A valid cache entry exists for the file on disk.
    cached: bool,
}

/// An open data folder. The model itself is returned separately and owned by the caller.
#[derive(Debug)]
pub struct Workspace {
    dir: PathBuf,
    meta: Meta,
    meta_on_disk: bool,
    lock: Option<FolderLock>,
    read_only: Vec<ReadOnlyReason>,
    load_errors: Vec<LoadError>,
    files: BTreeMap<DataFile, OnDisk>,
    /// Files to rewrite on the next save whatever changed: delegations found in the file
    /// of another year, and every year of a version-1 folder.
    force: BTreeSet<DataFile>,
    /// The folder still has the version-1 `delegations.ron`, retired after the first save.
    legacy: bool,
    /// The year file each delegation was last read from or written to, so a delegation
    /// whose arrival moves to another year leaves its old file.
    delegation_years: HashMap<String, i32>,
    /// Files written whose cache entry is not yet refreshed ([`Workspace::refresh_cache`]).
    stale_cache: BTreeSet<DataFile>,
    /// Every file loaded, and whether it came from the cache.
    loaded: Vec<(DataFile, bool)>,
}

/// What one save wrote.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SaveReport {
    /// Files whose text changed and was written.
    pub written: Vec<DataFile>,
    /// Files that had been deleted on disk behind our back, and were written again from
    /// memory (a file we loaded must never silently go missing).
    pub recreated: Vec<DataFile>,
}

fn io_err<'a>(action: &'static str, path: &'a Path) -> impl FnOnce(std::io::Error) -> StoreError + 'a {
    move |cause| StoreError::Io { action, path: path.to_path_buf(), cause }
}

/// The year file a delegation belongs in.
fn year_of(d: &Delegation) -> i32 {
    d.arrival.date.year()
}

impl Workspace {
    /// Opens the data folder at `dir`.
    ///
    /// Errors only when nothing sensible can be shown: the folder is missing (read-only mode),
    /// unreadable, or written by a newer Pobratim. A broken collection file does not fail the
    /// open: its error is in [`Workspace::load_errors`] and the workspace is read-only.
    pub fn open(dir: &Path, mode: OpenMode) -> Result<(Workspace, Model), StoreError> {
        if !dir.is_dir() {
            match mode {
                OpenMode::ReadOnly => return Err(StoreError::NotFound(dir.to_path_buf())),
                OpenMode::ReadWrite => fs::create_dir_all(dir).map_err(io_err("cannot create folder", dir))?,
            }
        }
        let mut load_errors = Vec::new();
        let meta_path = dir.join(META_FILE);
        let (meta, meta_on_disk) = match read_text(&meta_path) {
            Ok(None) => (Meta::default(), false),
            Ok(Some(text)) => match parse::<Meta>(&meta_path, &text) {
                Ok(meta) => (meta, true),
                Err(e) => {
                    load_errors.push(e);
                    (Meta::default(), true)
                }
            },
            Err(e) => {
                load_errors.push(e);
                (Meta::default(), true)
            }
        };
        if meta.format_version > FORMAT_VERSION {
            return Err(StoreError::NewerFormat {
                path: meta_path,
                found: meta.format_version,
                supported: FORMAT_VERSION,
            });
        }

        let mut read_only = Vec::new();
        let mut lock = None;
        match mode {
            OpenMode::ReadOnly => read_only.push(ReadOnlyReason::Requested),
            OpenMode::ReadWrite => match FolderLock::acquire(dir).map_err(io_err("cannot create the lock in", dir))? {
                LockAttempt::Acquired(l) => lock = Some(l),
                LockAttempt::HeldBy(holder) => read_only.push(ReadOnlyReason::Locked(holder)),
            },
        }

        // A folder without `pobratim.ron` but with `delegations.ron` is version 1 too
        // (files copied over by hand).
        let legacy_path = dir.join(LEGACY_DELEGATIONS_FILE);
        let legacy = (meta.format_version < 2 || !meta_on_disk) && legacy_path.is_file();
        let mut to_load: Vec<DataFile> = DataFile::SINGLE.to_vec();
        if legacy {
            to_load.push(DataFile::LegacyDelegations);
        } else {
            match list_year_files(dir) {
                Ok((years, mut errors)) => {
                    to_load.extend(years.into_iter().map(DataFile::Delegations));
                    load_errors.append(&mut errors);
                }
                Err(e) => load_errors.push(e),
            }
        }

        let loaded = load_files(dir, &to_load);
        let mut model = Model::default();
        let mut files = BTreeMap::new();
        let mut force = BTreeSet::new();
        let mut delegation_years = HashMap::new();
        let mut loaded_files = Vec::new();
        let keep_text = mode == OpenMode::ReadWrite;
        for (file, result) in loaded {
            let loaded = match result {
                Ok(None) => continue,
                Ok(Some(l)) => l,
                Err(e) => {
                    load_errors.push(e);
                    continue;
                }
            };
            loaded_files.push((file, loaded.cached));
            match loaded.records {
                Loaded::Cities(v) => model.cities = v,
                Loaded::People(v) => model.people = v,
                Loaded::Events(v) => model.events = v,
                Loaded::Figures(v) => model.figures = v,
                Loaded::Delegations(mut v) => {
                    if let DataFile::Delegations(year) = file {
                        for d in v.iter().filter(|d| year_of(d) != year) {
                            force.insert(file);
                            force.insert(DataFile::Delegations(year_of(d)));
                        }
                        delegation_years.extend(v.iter().map(|d| (d.id.as_str().to_owned(), year)));
                    }
                    model.delegations.append(&mut v);
                }
            }
            if keep_text && file != DataFile::LegacyDelegations {
                let canonical = loaded.spans.is_some();
                let previous = FileText { text: loaded.text, spans: loaded.spans.unwrap_or_default() };
                files.insert(file, OnDisk { previous, canonical, matches_disk: true, cached: loaded.cached });
            }
        }
        if legacy {
            force.extend(model.delegations.iter().map(|d| DataFile::Delegations(year_of(d))));
        }
        migrate(meta.format_version, &mut model);
        model.normalise();

        if !load_errors.is_empty() {
            read_only.push(ReadOnlyReason::LoadFailed(load_errors.clone()));
            // A workspace that cannot save must not keep others out either.
            lock = None;
        }
        if lock.is_some() {
            remove_stale_temp_files(dir);
        }
        let meta_on_disk = meta_on_disk && meta.format_version == FORMAT_VERSION;
        let ws = Workspace {
            dir: dir.to_path_buf(),
            meta,
            meta_on_disk,
            lock,
            read_only,
            load_errors,
            files,
            force,
            legacy,
            delegation_years,
            stale_cache: BTreeSet::new(),
            loaded: loaded_files,
        };
        Ok((ws, model))
    }

    /// The data folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The settings from `pobratim.ron`.
    pub fn settings(&self) -> &Settings {
        &self.meta.settings
    }

    /// Files that failed to load, with path, line and column.
    pub fn load_errors(&self) -> &[LoadError] {
        &self.load_errors
    }

    /// Why the workspace cannot save; empty when it can.
    pub fn read_only_reasons(&self) -> &[ReadOnlyReason] {
        &self.read_only
    }

    /// Whether saving is allowed.
    pub fn is_writable(&self) -> bool {
        self.read_only.is_empty() && self.lock.is_some()
    }

    /// The lock we hold, if any.
    pub fn lock(&self) -> Option<&FolderLock> {
        self.lock.as_ref()
    }

    /// Takes the folder's lock over from another holder (after the user confirmed).
    /// The workspace becomes writable unless files failed to load.
    pub fn take_over_lock(&mut self) -> Result<(), StoreError> {
        if !self.load_errors.is_empty() {
            return Err(StoreError::ReadOnly(ReadOnlyReason::LoadFailed(self.load_errors.clone())));
        }
        let lock = FolderLock::take_over(&self.dir).map_err(io_err("cannot write the lock in", &self.dir))?;
        self.lock = Some(lock);
        self.read_only.retain(|r| !matches!(r, ReadOnlyReason::Locked(_)));
        Ok(())
    }

    /// The files loaded from the folder, and whether each came from the cache.
    pub fn loaded_files(&self) -> &[(DataFile, bool)] {
        &self.loaded
    }

    /// Whether `model` differs from what is on disk (a save would write something).
    pub fn has_changes(&self, model: &Model) -> bool {
        if !self.meta_on_disk || self.legacy || !self.force.is_empty() {
            return true;
        }
        let mut files: BTreeSet<DataFile> = data_files(model).into_iter().collect();
        files.extend(self.files.keys().copied());
        files.into_iter().any(|f| {
            let now = serialize_file(model, f);
            match self.files.get(&f) {
                Some(d) => !d.matches_disk || d.previous.text != now,
                None => count_of(model, f) > 0,
            }
        })
    }

    /// Saves every file whose text changed, atomically, keeping `.bak` copies.
    ///
    /// Refuses when read-only, and when another instance has taken the lock over meanwhile
    /// (the workspace then turns read-only). A failed write leaves the old file intact and
    /// returns the error; files written before it stay written.
    ///
    /// Also refreshes the cache entries of what it wrote: callers of this simple form (the
    /// command line, tests) have no background thread to do it later.
    pub fn save(&mut self, model: &Model) -> Result<SaveReport, StoreError> {
        let report = self.save_changes(model, &Changes::everything())?;
        self.refresh_cache(model);
        Ok(report)
    }

    /// [`Workspace::save`] of what `changes` says changed since the last save. The app
    /// records the keys its commands touched: only the files holding them are rewritten,
    /// and in them only the changed records are serialized; the rest of each file is copied
    /// from its last saved text. On a large folder that is milliseconds instead of a second.
    pub fn save_changes(&mut self, model: &Model, changes: &Changes) -> Result<SaveReport, StoreError> {
        if let Some(reason) = self.read_only.first() {
            return Err(StoreError::ReadOnly(reason.clone()));
        }
        if !self.dir.is_dir() {
            // A disconnected network drive, or the folder moved: wait for it rather than
            // create an empty one in its place. The app keeps the changes and retries.
            let cause = std::io::Error::new(std::io::ErrorKind::NotFound, "the folder is missing");
            return Err(StoreError::Io { action: "cannot reach the data folder", path: self.dir.clone(), cause });
        }
        match &self.lock {
            Some(l) if l.still_ours() => {}
            _ => {
                let reason = ReadOnlyReason::Locked(lock::read_lock(&self.dir));
                self.lock = None;
                self.read_only.push(reason.clone());
                return Err(StoreError::ReadOnly(reason));
            }
        }
        // Files deleted behind our back are written again from memory.
        let missing: Vec<DataFile> =
            self.files.keys().filter(|f| !self.dir.join(f.relative_path()).is_file()).copied().collect();
        for f in &missing {
            self.force.insert(*f);
            if let Some(d) = self.files.get_mut(f) {
                d.matches_disk = false;
            }
        }
        let affected = self.affected(model, changes);
        let mut by_year: BTreeMap<i32, Vec<&Delegation>> = BTreeMap::new();
        let years: BTreeSet<i32> =
            affected.iter().filter_map(|f| if let DataFile::Delegations(y) = f { Some(*y) } else { None }).collect();
        if !years.is_empty() {
            for d in &model.delegations {
                let y = year_of(d);
                if years.contains(&y) {
                    by_year.entry(y).or_default().push(d);
                }
            }
            for list in by_year.values_mut() {
                *list = sorted(std::mem::take(list));
            }
        }
        let mut report = SaveReport { recreated: missing, ..SaveReport::default() };
        for file in affected {
            let written = match file {
                DataFile::Cities => self.save_file(file, &refs(&model.cities), changes)?,
                DataFile::People => self.save_file(file, &refs(&model.people), changes)?,
                DataFile::Events => self.save_file(file, &refs(&model.events), changes)?,
                DataFile::Figures => self.save_file(file, &figures_refs(&model.figures), &Changes::everything())?,
                DataFile::Delegations(y) => {
                    let records = by_year.remove(&y).unwrap_or_default();
                    self.save_file(file, &records, changes)?
                }
                DataFile::LegacyDelegations => false,
            };
            self.force.remove(&file);
            if written {
                report.written.push(file);
            }
        }
        // The version goes to disk after the files in its layout: a crash before this
        // point leaves a version-1 folder whose `delegations.ron` is still whole.
        if !self.meta_on_disk {
            self.meta.format_version = FORMAT_VERSION;
            let path = self.dir.join(META_FILE);
            let text = text::whole(&self.meta, "pobratim: format version and settings");
            write_atomic(&path, text.as_bytes(), true).map_err(io_err("cannot write", &path))?;
            self.meta_on_disk = true;
        }
        if self.legacy {
            // Version 1's single file is now split by year; it stays beside them as a backup.
            let from = self.dir.join(LEGACY_DELEGATIONS_FILE);
            let to = atomic::backup_path(&from);
            fs::rename(&from, &to).map_err(io_err("cannot retire", &from))?;
            atomic::sync_dir(&self.dir).map_err(io_err("cannot sync", &self.dir))?;
            self.legacy = false;
        }
        Ok(report)
    }

    /// The files a save of `changes` must consider.
    fn affected(&self, model: &Model, changes: &Changes) -> BTreeSet<DataFile> {
        let mut out: BTreeSet<DataFile> = self.force.clone();
        for c in changes.collections() {
            match c {
                Collection::Cities => out.insert(DataFile::Cities),
                Collection::People => out.insert(DataFile::People),
                Collection::Events => out.insert(DataFile::Events),
                Collection::Figures => out.insert(DataFile::Figures),
                Collection::Delegations => {
                    match changes.keys(c) {
                        None => {
                            out.extend(model.delegations.iter().map(|d| DataFile::Delegations(year_of(d))));
                            out.extend(self.files.keys().filter(|f| matches!(f, DataFile::Delegations(_))));
                        }
                        Some(keys) => {
                            for key in keys {
                                let id = crate::model::DelegationId::new(key.as_str());
                                if let Some(d) = model.delegation(&id) {
                                    out.insert(DataFile::Delegations(year_of(d)));
                                }
                                // The year it was saved under, if its arrival moved.
                                if let Some(year) = self.delegation_years.get(key.as_str()) {
                                    out.insert(DataFile::Delegations(*year));
                                }
                            }
                        }
                    }
                    true
                }
            };
        }
        out
    }

    /// Writes one file if its text changed. Returns whether it wrote.
    fn save_file<T: Stored>(&mut self, file: DataFile, records: &[&T], changes: &Changes) -> Result<bool, StoreError> {
        let collection = file.collection();
        let what = file.what();
        let old = self.files.get(&file);
        if old.is_none() && records.is_empty() {
            // Nothing to keep and no file to empty (a delegation added and removed again).
            return Ok(false);
        }
        let new = match old {
            Some(o) if o.canonical && !changes.is_everything() && collection != Collection::Figures => {
                text::assemble(records, &what, &o.previous, |k| !changes.contains(collection, k))
            }
            _ => text::full(records, &what),
        };
        let canonical = new.spans.len() == records.len();
        if let Some(o) = old
            && o.matches_disk
            && o.previous.text == new.text
            && !self.force.contains(&file)
        {
            if !o.cached || !o.canonical {
                // Unchanged, but parsed from text: this is the moment to cache it.
                self.stale_cache.insert(file);
                self.files.insert(file, OnDisk { previous: new, canonical, matches_disk: true, cached: false });
            }
            return Ok(false);
        }
        let path = self.dir.join(file.relative_path());
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(io_err("cannot create folder", parent))?;
        }
        write_atomic(&path, new.text.as_bytes(), true).map_err(io_err("cannot write", &path))?;
        if let DataFile::Delegations(year) = file {
            self.delegation_years.retain(|_, y| *y != year);
            self.delegation_years.extend(records.iter().map(|r| (r.key().into_owned(), year)));
        }
        self.stale_cache.insert(file);
        self.files.insert(file, OnDisk { previous: new, canonical, matches_disk: true, cached: false });
        Ok(true)
    }

    /// Brings the cache entries of the files saved since the last call up to date, from
    /// `model` (the model those saves wrote). The app calls it on the save thread right after
    /// a save, so the save itself ends when the RON files are safe.
    pub fn refresh_cache(&mut self, model: &Model) {
        for file in std::mem::take(&mut self.stale_cache) {
            let Some(d) = self.files.get(&file) else { continue };
            let spans = d.canonical.then_some(d.previous.spans.as_slice());
            let text = &d.previous.text;
            let cached = match file {
                DataFile::Cities => self.write_cache(file, text, &refs(&model.cities), spans),
                DataFile::People => self.write_cache(file, text, &refs(&model.people), spans),
                DataFile::Events => self.write_cache(file, text, &refs(&model.events), spans),
                DataFile::Figures => self.write_cache(file, text, &figures_refs(&model.figures), spans),
                DataFile::Delegations(y) => self.write_cache(file, text, &delegations_of(model, y), spans),
                DataFile::LegacyDelegations => false,
            };
            if let Some(d) = self.files.get_mut(&file) {
                d.cached = cached;
            }
        }
    }

    /// Writes the cache entry of a file; best effort, since the RON file is what counts.
    fn write_cache<T: Serialize>(
        &self,
        file: DataFile,
        text: &str,
        records: &[&T],
        spans: Option<&[Range<usize>]>,
    ) -> bool {
        let Some(bytes) = cache::encode(text, records, spans) else { return false };
        let dir = self.dir.join(CACHE_DIR);
        if fs::create_dir_all(&dir).is_err() {
            return false;
        }
        // No fsync: a torn entry fails its checksum and the RON file is parsed instead.
        let path = dir.join(file.cache_name());
        let tmp = temp_path(&path);
        let ok = fs::write(&tmp, &bytes).is_ok() && fs::rename(&tmp, &path).is_ok();
        if !ok {
            let _ = fs::remove_file(&tmp);
        }
        ok
    }

    /// Changes the settings in `pobratim.ron`.
    pub fn save_settings(&mut self, settings: Settings) -> Result<(), StoreError> {
        if let Some(reason) = self.read_only.first() {
            return Err(StoreError::ReadOnly(reason.clone()));
        }
        let mut meta = self.meta.clone();
        meta.settings = settings;
        let path = self.dir.join(META_FILE);
        let text = text::whole(&meta, "pobratim: format version and settings");
        write_atomic(&path, text.as_bytes(), true).map_err(io_err("cannot write", &path))?;
        self.meta = meta;
        self.meta_on_disk = self.meta.format_version == FORMAT_VERSION;
        Ok(())
    }

    /// Completes a retention purge after the purged model was saved: no copy of the old
    /// personal data stays in the folder. Every `.bak` becomes a copy of its saved file,
    /// `.cache/` is deleted and written again from `model`, and the log gets `entry`.
    /// Refuses while `model` has unsaved changes, since the backups would then still be
    /// the only copy of them.
    pub fn finish_purge(&mut self, model: &Model, entry: &journal::Entry) -> Result<(), StoreError> {
        if self.has_changes(model) {
            return Err(StoreError::Io {
                action: "purge not finished: save first",
                path: self.dir.clone(),
                cause: std::io::Error::other("the purged data is not saved yet"),
            });
        }
        let mut backups: Vec<PathBuf> = self.files.keys().map(|f| self.dir.join(f.relative_path())).collect();
        backups.push(self.dir.join(META_FILE));
        for path in backups {
            let bak = atomic::backup_path(&path);
            if bak.exists() && path.is_file() {
                atomic::replace_backup(&path).map_err(io_err("cannot overwrite the backup of", &path))?;
            }
        }
        let cache = self.dir.join(CACHE_DIR);
        if cache.exists() {
            fs::remove_dir_all(&cache).map_err(io_err("cannot delete", &cache))?;
        }
        self.stale_cache.extend(self.files.keys().copied());
        self.refresh_cache(model);
        journal::append(&self.dir, entry)
    }

    /// The files still to warm: parsed from RON text rather than read from the cache.
    pub fn cold_files(&self) -> Vec<DataFile> {
        self.files.iter().filter(|(_, d)| !d.canonical).map(|(f, _)| *f).collect()
    }

    /// Prepares a file loaded from RON text for fast saves and loads: serializes `model`'s
    /// records of it (the model as loaded), keeps their spans, and writes its cache entry.
    /// The app runs this on a background thread after opening, one file at a time.
    pub fn warm(&mut self, model: &Model, file: DataFile) {
        if !self.is_writable() {
            return;
        }
        // A file saved since opening (or read from the cache) already has its spans; and
        // `model` is the model as loaded, which must not overwrite what a save wrote.
        let Some(d) = self.files.get(&file) else { return };
        if d.canonical {
            return;
        }
        match file {
            DataFile::Cities => self.warm_file(file, &refs(&model.cities)),
            DataFile::People => self.warm_file(file, &refs(&model.people)),
            DataFile::Events => self.warm_file(file, &refs(&model.events)),
            DataFile::Figures => self.warm_file(file, &figures_refs(&model.figures)),
            DataFile::Delegations(y) => self.warm_file(file, &delegations_of(model, y)),
            DataFile::LegacyDelegations => {}
        }
    }

    fn warm_file<T: Stored>(&mut self, file: DataFile, records: &[&T]) {
        let Some(d) = self.files.get(&file) else { return };
        let full = text::full(records, &file.what());
        let canonical = full.spans.len() == records.len();
        let matches_disk = d.matches_disk && d.previous.text == full.text;
        let cached = matches_disk && self.write_cache(file, &full.text, records, canonical.then_some(&full.spans));
        // A hand-edited file keeps `matches_disk` false: the next save that touches it
        // writes the canonical text even if no record changed.
        self.files.insert(file, OnDisk { previous: full, canonical, matches_disk, cached });
    }
}

/// The records in the order of the file: by key. The model keeps its collections sorted,
/// so this is usually one pass to confirm it; a caller's unsorted model is sorted here.
fn refs<T: Stored>(items: &[T]) -> Vec<&T> {
    sorted(items.iter().collect())
}

fn sorted<T: Stored>(mut v: Vec<&T>) -> Vec<&T> {
    if !v.is_sorted_by(|a, b| a.key() <= b.key()) {
        v.sort_by(|a, b| a.key().cmp(&b.key()));
    }
    v
}

/// Figures go by year as a number, not as text.
fn figures_refs(items: &[YearFigures]) -> Vec<&YearFigures> {
    let mut v: Vec<&YearFigures> = items.iter().collect();
    v.sort_by_key(|f| f.year);
    v
}

/// The delegations arriving in `year`, by id.
fn delegations_of(model: &Model, year: i32) -> Vec<&Delegation> {
    sorted(model.delegations.iter().filter(|d| year_of(d) == year).collect())
}

/// The files `model` is saved to: the single files and one per year of arrival.
pub fn data_files(model: &Model) -> Vec<DataFile> {
    let years: BTreeSet<i32> = model.delegations.iter().map(year_of).collect();
    DataFile::SINGLE.into_iter().chain(years.into_iter().map(DataFile::Delegations)).collect()
}

/// How many records of `model` a file holds (none for the version-1 file).
fn count_of(model: &Model, file: DataFile) -> usize {
    match file {
        DataFile::Cities => model.cities.len(),
        DataFile::People => model.people.len(),
        DataFile::Events => model.events.len(),
        DataFile::Figures => model.figures.len(),
        DataFile::Delegations(y) => model.delegations.iter().filter(|d| year_of(d) == y).count(),
        DataFile::LegacyDelegations => 0,
    }
}

/// The canonical text of one file for `model`: a header comment, then the records sorted
/// by key, pretty-printed with `\n` line ends on every platform.
pub fn serialize_file(model: &Model, file: DataFile) -> String {
    let what = file.what();
    match file {
        DataFile::Cities => text::full(&refs(&model.cities), &what).text,
        DataFile::People => text::full(&refs(&model.people), &what).text,
        DataFile::Events => text::full(&refs(&model.events), &what).text,
        DataFile::Figures => text::full(&figures_refs(&model.figures), &what).text,
        DataFile::Delegations(y) => text::full(&delegations_of(model, y), &what).text,
        DataFile::LegacyDelegations => text::full(&refs(&model.delegations), &what).text,
    }
}

/// The years with a file in `delegations/`, and errors for files there that are not a year.
fn list_year_files(dir: &Path) -> Result<(Vec<i32>, Vec<LoadError>), LoadError> {
    let folder = dir.join(DELEGATIONS_DIR);
    let entries = match fs::read_dir(&folder) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok((Vec::new(), Vec::new())),
        Err(e) => return Err(LoadError { path: folder, line: None, column: None, message: e.to_string() }),
    };
    let mut years = Vec::new();
    let mut errors = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') || !name.ends_with(".ron") {
            continue; // backups, temp files, a desktop.ini
        }
        match DataFile::year_of_name(&name) {
            Some(y) => years.push(y),
            None => errors.push(LoadError {
                path: entry.path(),
                line: None,
                column: None,
                message: "a delegations file must be named by its year of arrival, such as 2016.ron".to_owned(),
            }),
        }
    }
    years.sort_unstable();
    Ok((years, errors))
}

/// Reads a file as UTF-8 text: `Ok(None)` when it does not exist. A byte-order mark is
/// dropped; line ends of any kind are fine for the parser.
fn read_text(path: &Path) -> Result<Option<String>, LoadError> {
    let bytes = match fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(LoadError { path: path.to_path_buf(), line: None, column: None, message: e.to_string() }),
    };
    text_of(path, bytes).map(Some)
}

/// The bytes of a data file as text, or where they stop being UTF-8.
fn text_of(path: &Path, bytes: Vec<u8>) -> Result<String, LoadError> {
    // Without a BOM the bytes become the string in place: no second copy of a large file.
    let bytes = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) => {
            let bytes = e.as_bytes();
            let good = &bytes[..e.utf8_error().valid_up_to()];
            let line = good.iter().filter(|b| **b == b'\n').count() + 1;
            let column = good.iter().rev().take_while(|b| **b != b'\n').count() + 1;
            Err(LoadError {
                path: path.to_path_buf(),
                line: Some(line),
                column: Some(column),
                message: "not UTF-8 text (was it saved in another encoding?)".into(),
            })
        }
    }
}

/// One file's records, as parsed.
enum Loaded {
    Cities(Vec<City>),
    People(Vec<Person>),
    Events(Vec<Event>),
    Delegations(Vec<Delegation>),
    Figures(Vec<YearFigures>),
}

/// A file as loaded: its text, records, and where they came from.
struct FileLoad {
    text: String,
    records: Loaded,
    /// Record spans, known when the records came from a cache entry made at a save.
    spans: Option<Vec<Range<usize>>>,
    cached: bool,
}

/// Loads files on as many threads as there are cores, largest first: on a large folder one
/// file takes a hundred milliseconds, and a department's PC has more than one core.
fn load_files(dir: &Path, files: &[DataFile]) -> Vec<(DataFile, Result<Option<FileLoad>, LoadError>)> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let mut order: Vec<(DataFile, u64)> =
        files.iter().map(|f| (*f, fs::metadata(dir.join(f.relative_path())).map(|m| m.len()).unwrap_or(0))).collect();
    order.sort_by_key(|f| std::cmp::Reverse(f.1));
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get()).clamp(1, order.len().max(1));
    let next = AtomicUsize::new(0);
    let mut out: Vec<(DataFile, Result<Option<FileLoad>, LoadError>)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some((file, _)) = order.get(i) else { break };
                        mine.push((*file, load_file(dir, *file)));
                    }
                    mine
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| {
                w.join().unwrap_or_else(|_| {
                    vec![(
                        DataFile::Cities,
                        Err(LoadError {
                            path: dir.to_path_buf(),
                            line: None,
                            column: None,
                            message: "the loader crashed".to_owned(),
                        }),
                    )]
                })
            })
            .collect()
    });
    // Results in a fixed order, so duplicate ids across files resolve the same every time.
    out.sort_by_key(|(f, _)| *f);
    out
}

/// Reads one file, from its cache entry when that is valid, else by parsing the RON.
fn load_file(dir: &Path, file: DataFile) -> Result<Option<FileLoad>, LoadError> {
    let path = dir.join(file.relative_path());
    let Some(text) = read_text(&path)? else { return Ok(None) };
    let cached = fs::read(dir.join(CACHE_DIR).join(file.cache_name())).ok();
    /// Records, their spans if known, and whether they came from the cache.
    type Got<T> = (Vec<T>, Option<Vec<Range<usize>>>, bool);
    fn get<T: DeserializeOwned>(path: &Path, text: &str, cached: Option<Vec<u8>>) -> Result<Got<T>, LoadError> {
        if let Some(hit) = cached.and_then(|bytes| cache::decode::<T>(&bytes, text)) {
            return Ok((hit.records, hit.spans, true));
        }
        Ok((parse(path, text)?, None, false))
    }
    let (records, spans, cached) = match file.collection() {
        Collection::Cities => get(&path, &text, cached).map(|(r, s, c)| (Loaded::Cities(r), s, c))?,
        Collection::People => get(&path, &text, cached).map(|(r, s, c)| (Loaded::People(r), s, c))?,
        Collection::Events => get(&path, &text, cached).map(|(r, s, c)| (Loaded::Events(r), s, c))?,
        Collection::Delegations => get(&path, &text, cached).map(|(r, s, c)| (Loaded::Delegations(r), s, c))?,
        Collection::Figures => get(&path, &text, cached).map(|(r, s, c)| (Loaded::Figures(r), s, c))?,
    };
    Ok(Some(FileLoad { text, records, spans, cached }))
}

/// Loads `bytes` as the data file `file` would be loaded (text check, then RON, or a
/// cache entry when `cache` is given and valid), without touching the disk. Returns the
/// number of records. For the fuzz tests, which feed it arbitrary bytes: it must return an
/// error naming the place, never panic.
#[doc(hidden)]
pub fn load_bytes(file: DataFile, bytes: Vec<u8>, cache: Option<Vec<u8>>) -> Result<usize, LoadError> {
    let path = file.relative_path();
    let text = text_of(&path, bytes)?;
    fn get<T: DeserializeOwned>(path: &Path, text: &str, cache: Option<Vec<u8>>) -> Result<usize, LoadError> {
        if let Some(hit) = cache.and_then(|bytes| cache::decode::<T>(&bytes, text)) {
            return Ok(hit.records.len());
        }
        parse::<Vec<T>>(path, text).map(|v| v.len())
    }
    match file.collection() {
        Collection::Cities => get::<City>(&path, &text, cache),
        Collection::People => get::<Person>(&path, &text, cache),
        Collection::Events => get::<Event>(&path, &text, cache),
        Collection::Delegations => get::<Delegation>(&path, &text, cache),
        Collection::Figures => get::<YearFigures>(&path, &text, cache),
    }
}

fn parse<T: DeserializeOwned>(path: &Path, text: &str) -> Result<T, LoadError> {
    ron::from_str(text).map_err(|e| LoadError {
        path: path.to_path_buf(),
        line: Some(e.span.start.line),
        column: Some(e.span.start.col),
        message: e.code.to_string(),
    })
}

/// Upgrades a model loaded from an older format version. Version 1 to 2 changed only the
/// layout of files (delegations split by year), which `open` and the first save handle;
/// the records are the same. Each step has a fixture folder in `tests/fixtures/`.
fn migrate(from: u32, _model: &mut Model) {
    debug_assert!(from <= FORMAT_VERSION);
}

/// Removes temp files a crash left behind (`.cities.ron.tmp`, `.cities.ron.bak.tmp`,
/// `delegations/.2016.ron.tmp`, `.cache/.people.bin.tmp`).
fn remove_stale_temp_files(dir: &Path) {
    for folder in [dir.to_path_buf(), dir.join(DELEGATIONS_DIR), dir.join(CACHE_DIR)] {
        let Ok(entries) = fs::read_dir(&folder) else { continue };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let ours = name.starts_with('.')
                && (name.ends_with(".ron.tmp") || name.ends_with(".ron.bak.tmp") || name.ends_with(".bin.tmp"));
            if ours && entry.path().is_file() {
                // A leftover we cannot remove is harmless: the next save truncates it.
                let _ = fs::remove_file(entry.path());
            }
        }
    }
}

/// Writes an exported file (ICS, HTML, PDF…) atomically, outside or inside the data folder.
pub fn write_export(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent).map_err(io_err("cannot create folder", parent))?;
    }
    write_atomic(path, bytes, false).map_err(io_err("cannot write", path))
}

/// Whether `dir` already holds a data file (any collection or `pobratim.ron`), so a tool
/// that fills a folder from scratch can refuse to overwrite a department's data.
pub fn holds_data(dir: &Path) -> Result<bool, StoreError> {
    if !dir.exists() {
        return Ok(false);
    }
    let names = DataFile::SINGLE
        .iter()
        .map(|f| f.relative_path())
        .chain([META_FILE, LEGACY_DELEGATIONS_FILE, DELEGATIONS_DIR].map(PathBuf::from));
    for name in names {
        if dir.join(name).exists() {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Where the GUI saves printed PDFs: `prints/` in the data folder.
pub fn prints_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("prints")
}

/// Reads a file to import as text: UTF-8 (a BOM is fine); invalid bytes become U+FFFD so a
/// tolerant importer can still report line by line.
pub fn read_import(path: &Path) -> Result<String, StoreError> {
    let bytes = read_import_bytes(path)?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// The largest file an import reads: a roster or a calendar is kilobytes; anything bigger is
/// the wrong file, and reading it whole could exhaust an office PC's memory.
pub const MAX_IMPORT_BYTES: u64 = 20 * 1024 * 1024;

/// Reads a file to import as bytes (CSV in any encoding, XLSX), refusing one over
/// [`MAX_IMPORT_BYTES`].
pub fn read_import_bytes(path: &Path) -> Result<Vec<u8>, StoreError> {
    let len = fs::metadata(path).map_err(io_err("cannot read", path))?.len();
    if len > MAX_IMPORT_BYTES {
        let cause = std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("the file is {} MB; an import takes at most {} MB", len / 1_048_576, MAX_IMPORT_BYTES / 1_048_576),
        );
        return Err(StoreError::Io { action: "refused to import", path: path.to_path_buf(), cause });
    }
    fs::read(path).map_err(io_err("cannot read", path))
}

/// The per-user data folder (`~/.local/share/pobratim` on Linux, `%APPDATA%\…` on Windows).
pub fn default_data_dir() -> Result<PathBuf, StoreError> {
    directories::ProjectDirs::from("ru", "Khabarovsk", "Pobratim")
        .map(|d| d.data_dir().to_path_buf())
        .ok_or(StoreError::NoDefaultDir)
}

/// The folder to work in: `explicit` (from `--data`) as given, or the default folder,
/// seeded with the bundled sample data when it is missing or empty (the first run).
pub fn resolve_data_dir(explicit: Option<&Path>) -> Result<PathBuf, StoreError> {
    if let Some(dir) = explicit {
        return Ok(dir.to_path_buf());
    }
    let dir = default_data_dir()?;
    sample::seed_if_empty(&dir)?;
    Ok(dir)
}
