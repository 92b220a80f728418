//! Saving a data folder: writing the files whose records changed (atomically, keeping a
//! `.bak`), the settings, the cache entries that make the next open fast, and warming the
//! files that were parsed from text. Nothing here reads a data file's records back.

use super::atomic::{self, temp_path, write_atomic};
use super::meta::META_WHAT;
use super::text::{self, Stored};
use super::{
    CACHE_DIR, Changes, Collection, DataFile, FORMAT_VERSION, LEGACY_DELEGATIONS_FILE, META_FILE, OnDisk,
    ReadOnlyReason, Settings, StoreError, Workspace, cache, io_err, journal, lock, year_of,
};
use crate::model::{Delegation, Model, YearFigures};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::ops::Range;
use std::path::PathBuf;

/// What one save wrote.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SaveReport {
    /// Files whose text changed and was written.
    pub written: Vec<DataFile>,
    /// Files that had been deleted on disk behind our back, and were written again from
    /// memory (a file we loaded must never silently go missing).
    pub recreated: Vec<DataFile>,
}

impl Workspace {
    /// Whether `model` differs from what is on disk (a save would write something). A file
    /// that cannot be serialized counts as changed: the save then reports why.
    pub fn has_changes(&self, model: &Model) -> bool {
        if !self.meta_on_disk || self.legacy || !self.force.is_empty() {
            return true;
        }
        let mut files: BTreeSet<DataFile> = data_files(model).into_iter().collect();
        files.extend(self.files.keys().copied());
        files.into_iter().any(|f| match self.files.get(&f) {
            Some(d) => !d.matches_disk || !file_text(model, f).is_ok_and(|now| d.previous.text == now),
            None => count_of(model, f) > 0,
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
            return Err(StoreError::FolderMissing(self.dir.clone()));
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
            let text = text::whole(&self.meta, META_WHAT, &path)?;
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

    /// Writes one file if its text changed. Returns whether it wrote. A record that cannot
    /// be serialized fails the save with the file named, and the file is left as it was.
    fn save_file<T: Stored>(&mut self, file: DataFile, records: &[&T], changes: &Changes) -> Result<bool, StoreError> {
        let collection = file.collection();
        let what = file.what();
        let path = self.dir.join(file.relative_path());
        let old = self.files.get(&file);
        if old.is_none() && records.is_empty() {
            // Nothing to keep and no file to empty (a delegation added and removed again).
            return Ok(false);
        }
        let new = match old {
            Some(o) if o.canonical && !changes.is_everything() && collection != Collection::Figures => {
                text::assemble(records, &what, &path, &o.previous, |k| !changes.contains(collection, k))?
            }
            _ => text::full(records, &what, &path)?,
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
        let text = text::whole(&meta, META_WHAT, &path)?;
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
            return Err(StoreError::PurgeUnsaved(self.dir.clone()));
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

    /// [`Workspace::warm`] of one file. A file whose records cannot be serialized stays
    /// cold: warming is an optimisation, and the next save of it reports the error.
    fn warm_file<T: Stored>(&mut self, file: DataFile, records: &[&T]) {
        let Some(d) = self.files.get(&file) else { return };
        let Ok(full) = text::full(records, &file.what(), &self.dir.join(file.relative_path())) else { return };
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

/// `v` sorted by key, if it is not already.
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
///
/// # Panics
///
/// When a record cannot be serialized, which the model's derived `Serialize` impls never
/// do. Saves go through the fallible form and report such an error instead.
pub fn serialize_file(model: &Model, file: DataFile) -> String {
    file_text(model, file).unwrap_or_else(|e| panic!("{e}"))
}

/// [`serialize_file`], or why a record could not be serialized (the error names the file
/// by its path inside the data folder).
fn file_text(model: &Model, file: DataFile) -> Result<String, StoreError> {
    let what = file.what();
    let path = file.relative_path();
    let text = match file {
        DataFile::Cities => text::full(&refs(&model.cities), &what, &path),
        DataFile::People => text::full(&refs(&model.people), &what, &path),
        DataFile::Events => text::full(&refs(&model.events), &what, &path),
        DataFile::Figures => text::full(&figures_refs(&model.figures), &what, &path),
        DataFile::Delegations(y) => text::full(&delegations_of(model, y), &what, &path),
        DataFile::LegacyDelegations => text::full(&refs(&model.delegations), &what, &path),
    };
    text.map(|t| t.text)
}
