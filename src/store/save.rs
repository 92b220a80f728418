//! Saving a data folder: writing the files whose records changed (atomically, keeping a
//! `.bak`), the settings, the cache entries that make the next open fast, and warming the
//! files that were parsed from text. Nothing here reads a data file's records back.

use super::atomic::{self, temp_path, write_atomic};
use super::meta::META_WHAT;
use super::team::lock::{LockError, SaveLock};
use super::team::{self, revision::Revision};
use super::text::{self, Stored};
use super::{
    CACHE_DIR, Changes, Collection, DELEGATIONS_DIR, DataFile, FORMAT_VERSION, Found, LEGACY_DELEGATIONS_FILE,
    LEGACY_PEOPLE_FILE, META_FILE, OnDisk, PEOPLE_DIR, Settings, StoreError, Updates, Workspace, cache, io_err,
    journal, year_of,
};
use crate::model::{Delegation, Model, Person, YearFigures};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs;
use std::ops::Range;
use std::path::PathBuf;

/// What one save wrote, and what it learnt of colleagues' saves.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SaveReport {
    /// Files whose text changed and was written.
    pub written: Vec<DataFile>,
    /// Records colleagues changed since this workspace last read them, and records of ours
    /// merged with theirs: as the folder now has them, for the app's model.
    pub updates: Updates,
    /// What both sides set differently: the file keeps theirs, ours is here.
    pub clashes: Vec<Found>,
    /// The revision this save made.
    pub revision: u64,
    /// People a colleague's retention purge covered since this workspace last saved: the
    /// app drops its undo history for them.
    pub purged: Vec<crate::model::PersonId>,
    /// Who saved since this workspace last read or wrote the folder (login names, in the
    /// order of their saves, each once), for «Иванова изменила: …».
    pub saved_by: Vec<String>,
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
            Some(d) => !d.matches_disk || !file_text(model, f).is_ok_and(|now| d.index.matches(&now)),
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

    /// [`Workspace::save`] of the records `changes` noted only (the command line's imports,
    /// which note each record with its base before changing it): merged record by record
    /// with colleagues' saves, never rewriting the rest.
    pub fn save_records(&mut self, model: &Model, changes: &Changes) -> Result<SaveReport, StoreError> {
        let report = self.save_changes(model, changes)?;
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
        let lock = match SaveLock::acquire(&self.dir, self.lock_wait, &mut self.watch, self.timing) {
            Ok(lock) => lock,
            Err(LockError::Busy(holder)) => {
                return Err(StoreError::Busy { holder: holder.map(Box::new), path: self.dir.clone() });
            }
            Err(LockError::Io(e)) => return Err(io_err("cannot create the lock in", &self.dir)(e)),
        };
        let result = self.save_locked(model, changes, &lock);
        if result.is_err() {
            // Some files may be written and others not: the next save reads them all again.
            self.revision = None;
        }
        result
    }

    /// Marks the next save as a retention purge of `people`: its revision says so (other
    /// apps drop their undo history for them), the merge lets the purge win on their
    /// purged fields, and stored conflicts keep none of their purged values.
    pub fn mark_purge(&mut self, people: &[crate::model::PersonId]) {
        self.purging.extend(people.iter().map(|p| p.as_str().to_owned()));
    }

    /// [`Workspace::save_changes`] holding the save lock.
    fn save_locked(&mut self, model: &Model, changes: &Changes, lock: &SaveLock) -> Result<SaveReport, StoreError> {
        if !self.temp_files_swept {
            // Temp files a crash left; only old ones, never a colleague's save in flight.
            remove_stale_temp_files(&self.dir, STALE_TEMP_AGE);
            self.temp_files_swept = true;
        }
        let rev = team::revision::read(&self.dir).map_err(io_err("cannot read", &self.dir))?;
        if let Some(found) = super::open::format_on_disk(&self.dir).filter(|v| *v > FORMAT_VERSION) {
            // A newer version migrated the folder while this app had it open.
            return Err(StoreError::NewerFormat { path: self.dir.join(META_FILE), found, supported: FORMAT_VERSION });
        }
        // A file we know that is gone was removed by someone: the merge takes that as their
        // deletion of its records, never writes them again from memory.
        let missing: BTreeSet<DataFile> =
            self.files.keys().filter(|f| !self.dir.join(f.relative_path()).is_file()).copied().collect();
        let fence = || lock.is_ours();
        let mut report = SaveReport::default();
        let written: Vec<DataFile>;
        let records: Vec<String>;
        // The fast path, when nobody saved since: it still finds a file that is not the one
        // this workspace last read or wrote (a hand edit, a program without this protocol, a
        // network drive's client that showed the revision late), and then merges instead.
        let fast = if Some(rev.number) == self.revision && missing.is_empty() {
            Some(self.save_unmerged(model, changes, &fence)?)
        } else {
            None
        };
        if let Some(fast) = fast.as_ref().filter(|f| !f.diverged) {
            written = fast.report.written.clone();
            records = changes_journal(changes);
            report = fast.report.clone();
        } else {
            // Files the fast path wrote before it found one changed stay written.
            let diverged = fast.is_some();
            let before: Vec<DataFile> = fast.map(|f| f.report.written).unwrap_or_default();
            let their_files = if diverged {
                None
            } else {
                self.revision.and_then(|mine| files_since(&rev, mine)).map(|mut f| {
                    f.extend(missing);
                    f
                })
            };
            if let Some(mine) = self.revision {
                for e in rev.journal.iter().filter(|e| e.number > mine) {
                    if !report.saved_by.contains(&e.user) {
                        report.saved_by.push(e.user.clone());
                    }
                }
            }
            let theirs_purged = self.revision.map(|mine| purged_since(&rev, mine)).unwrap_or_default();
            report.purged = theirs_purged.iter().map(|k| crate::model::PersonId::new(k.as_str())).collect();
            let purges = super::sync::Purges { ours: self.purging.clone(), theirs: theirs_purged };
            // What the journal says each file holds, to tell an older copy a network drive
            // may show from the colleague's save.
            let expected: HashMap<DataFile, u64> =
                rev.written_hashes().into_iter().filter_map(|(path, hash)| Some((data_file_of(path)?, hash))).collect();
            let merged = self.save_merging(model, changes, their_files.as_ref(), &purges, &expected, &fence)?;
            let mut all = before;
            for f in &merged.written {
                if !all.contains(f) {
                    all.push(*f);
                }
            }
            written = all;
            records = merged.records.iter().cloned().collect();
            report.written = written.clone();
            report.updates = merged.updates;
            report.clashes = merged.clashes;
        }
        self.finish_meta(&fence)?;
        // Each file with the hash it was written with: a colleague whose network drive
        // shows an older copy can tell.
        let files: Vec<(String, u64)> = written
            .iter()
            .map(|f| {
                let hash = self.files.get(f).map_or(0, |d| d.index.hash);
                (journal_path(*f), hash)
            })
            .collect();
        let purge = !self.purging.is_empty();
        if written.is_empty() && report.clashes.is_empty() && !purge {
            // Nothing of ours reached the folder (a save that only took colleagues' records,
            // as the app's live refresh does): the revision stays, so no other app is woken
            // to read nothing.
            self.revision = Some(rev.number);
            report.revision = rev.number;
            return Ok(report);
        }
        let bumped = team::revision::bump(&self.dir, lock, records, files, purge).map_err(|e| {
            if lock.is_ours() { io_err("cannot write", &self.dir)(e) } else { StoreError::Fenced(self.dir.clone()) }
        })?;
        if purge {
            // Conflicts stored before the purge may hold the purged values.
            team::conflicts::scrub_purged(&self.dir, &self.purging)
                .map_err(io_err("cannot write", &team::team_dir(&self.dir)))?;
            self.purging.clear();
        }
        self.revision = Some(bumped.number);
        report.revision = bumped.number;
        Ok(report)
    }

    /// The save when nobody else saved since this workspace last read or wrote: only the
    /// changed records are serialized, the rest copied from the file on disk once its hash
    /// is checked.
    fn save_unmerged(
        &mut self,
        model: &Model,
        changes: &Changes,
        fence: &dyn Fn() -> bool,
    ) -> Result<Fast, StoreError> {
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
        let mut by_part: BTreeMap<u8, Vec<&Person>> = BTreeMap::new();
        if affected.iter().any(|f| matches!(f, DataFile::People(_))) {
            for p in &model.people {
                if let DataFile::People(part) = DataFile::of_person(p.id.as_str())
                    && affected.contains(&DataFile::People(part))
                {
                    by_part.entry(part).or_default().push(p);
                }
            }
            for list in by_part.values_mut() {
                *list = sorted(std::mem::take(list));
            }
        }
        let mut report = SaveReport::default();
        for file in affected {
            let outcome = match file {
                DataFile::Cities => self.save_file(file, &refs(&model.cities), changes, fence)?,
                DataFile::People(part) => {
                    let records = by_part.remove(&part).unwrap_or_default();
                    self.save_file(file, &records, changes, fence)?
                }
                DataFile::Events => self.save_file(file, &refs(&model.events), changes, fence)?,
                DataFile::Figures => {
                    self.save_file(file, &figures_refs(&model.figures), &Changes::everything(), fence)?
                }
                DataFile::Delegations(y) => {
                    let records = by_year.remove(&y).unwrap_or_default();
                    self.save_file(file, &records, changes, fence)?
                }
                DataFile::LegacyDelegations | DataFile::LegacyPeople => Written::No,
            };
            match outcome {
                Written::Diverged => return Ok(Fast { report, diverged: true }),
                Written::Yes => report.written.push(file),
                Written::No => {}
            }
            self.force.remove(&file);
        }
        Ok(Fast { report, diverged: false })
    }

    /// After the files of a save: the format version (a folder of an older version is now
    /// in this one) and the retirement of version 1's single delegations file.
    fn finish_meta(&mut self, fence: &dyn Fn() -> bool) -> Result<(), StoreError> {
        // The version goes to disk after the files in its layout: a crash before this
        // point leaves a version-1 folder whose `delegations.ron` is still whole.
        if !self.meta_on_disk {
            if !fence() {
                return Err(StoreError::Fenced(self.dir.clone()));
            }
            self.meta.format_version = FORMAT_VERSION;
            let path = self.dir.join(META_FILE);
            let text = text::whole(&self.meta, META_WHAT, &path)?;
            fenced_write(&self.dir, &path, text.as_bytes(), fence)?;
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
        if self.legacy_people {
            // Version 7's single people file is now split into `people/`; it stays beside
            // them as a backup. A colleague's save may have retired it already.
            let from = self.dir.join(LEGACY_PEOPLE_FILE);
            if from.is_file() {
                let to = atomic::backup_path(&from);
                fs::rename(&from, &to).map_err(io_err("cannot retire", &from))?;
                atomic::sync_dir(&self.dir).map_err(io_err("cannot sync", &self.dir))?;
            }
            self.files.remove(&DataFile::LegacyPeople);
            self.legacy_people = false;
        }
        Ok(())
    }

    /// The files a save of `changes` must consider.
    fn affected(&self, model: &Model, changes: &Changes) -> BTreeSet<DataFile> {
        let mut out: BTreeSet<DataFile> = self.force.clone();
        for c in changes.collections() {
            match c {
                Collection::Cities => out.insert(DataFile::Cities),
                Collection::People => {
                    match changes.keys(c) {
                        None => out.extend(DataFile::people()),
                        Some(keys) => out.extend(keys.iter().map(|k| DataFile::of_person(k))),
                    }
                    true
                }
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

    /// Writes one file if its text changed. Returns whether it wrote, or that the file on
    /// disk is not the one this workspace last read or wrote (nothing written: the save
    /// merges instead). A record that cannot be serialized fails the save with the file
    /// named, and the file is left as it was.
    fn save_file<T: Stored>(
        &mut self,
        file: DataFile,
        records: &[&T],
        changes: &Changes,
        fence: &dyn Fn() -> bool,
    ) -> Result<Written, StoreError> {
        let collection = file.collection();
        let what = file.what();
        let path = self.dir.join(file.relative_path());
        let old = self.files.get(&file);
        if old.is_none() && records.is_empty() {
            // Nothing to keep and no file to empty (a delegation added and removed again).
            return Ok(Written::No);
        }
        // The file must still be the one this workspace last read or wrote; its unchanged
        // records are then copied from it.
        let mut copy_from: Option<(Vec<u8>, &text::Index)> = None;
        if let Some(o) = old.filter(|o| o.matches_disk) {
            match fs::read(&path) {
                Ok(bytes) if o.index.len == bytes.len() && o.index.hash == cache::source_hash_bytes(&bytes) => {
                    let copies = o.canonical && !changes.is_everything() && collection != Collection::Figures;
                    copy_from = copies.then_some((bytes, &o.index));
                }
                Ok(_) => return Ok(Written::Diverged),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Written::Diverged),
                Err(e) => return Err(io_err("cannot read", &path)(e)),
            }
        }
        let (bytes, index, canonical) = match copy_from {
            Some((prev, prev_index)) => {
                let unchanged = |k: &str| !changes.contains(collection, k);
                let (bytes, index) = text::assemble(records, &what, &path, &prev, prev_index, unchanged)?;
                (bytes, index, true)
            }
            None => {
                let full = text::full(records, &what, &path)?;
                let (index, canonical) = text::Index::of_text(&full.text, Some(&full.spans), records, &path)?;
                (full.text.into_bytes(), index, canonical)
            }
        };
        if let Some(o) = old
            && o.matches_disk
            && o.index.same_file(&index)
            && !self.force.contains(&file)
        {
            if !o.cached || !o.canonical {
                // Unchanged, but parsed from text: this is the moment to cache it.
                self.stale_cache.insert(file);
                self.files.insert(file, OnDisk { index, canonical, matches_disk: true, cached: false });
            }
            return Ok(Written::No);
        }
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(io_err("cannot create folder", parent))?;
        }
        if !fence() {
            return Err(StoreError::Fenced(self.dir.clone()));
        }
        fenced_write(&self.dir, &path, &bytes, fence)?;
        if let DataFile::Delegations(year) = file {
            self.delegation_years.retain(|_, y| *y != year);
            self.delegation_years.extend(records.iter().map(|r| (r.key().into_owned(), year)));
        }
        self.stale_cache.insert(file);
        self.files.insert(file, OnDisk { index, canonical, matches_disk: true, cached: false });
        Ok(Written::Yes)
    }

    /// Brings the cache entries of the files saved since the last call up to date, from
    /// `model` (the model those saves wrote). The app calls it on the save thread right after
    /// a save, so the save itself ends when the RON files are safe.
    pub fn refresh_cache(&mut self, model: &Model) {
        for file in std::mem::take(&mut self.stale_cache) {
            let Some(d) = self.files.get(&file) else { continue };
            let spans = d.canonical.then(|| d.index.spans());
            let known = (d.index.len, d.index.hash, spans.as_deref());
            let cached = match file {
                DataFile::Cities => self.write_cache(file, known, &refs(&model.cities)),
                DataFile::People(part) => self.write_cache(file, known, &people_of(model, part)),
                DataFile::Events => self.write_cache(file, known, &refs(&model.events)),
                DataFile::Figures => self.write_cache(file, known, &figures_refs(&model.figures)),
                DataFile::Delegations(y) => self.write_cache(file, known, &delegations_of(model, y)),
                DataFile::LegacyDelegations | DataFile::LegacyPeople => false,
            };
            if let Some(d) = self.files.get_mut(&file) {
                d.cached = cached;
            }
        }
    }

    /// Writes the cache entry of a file known by its length, hash and record spans; best
    /// effort, since the RON file is what counts.
    fn write_cache<T: Serialize>(
        &self,
        file: DataFile,
        (len, hash, spans): (usize, u64, Option<&[Range<usize>]>),
        records: &[&T],
    ) -> bool {
        let Some(bytes) = cache::encode_for(len, hash, records, spans) else { return false };
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
        // Version 7's single people file, kept as a backup when the people were split: it
        // holds everyone as they were then, the purged people's data too.
        let retired = atomic::backup_path(&self.dir.join(LEGACY_PEOPLE_FILE));
        if retired.exists() && !self.dir.join(LEGACY_PEOPLE_FILE).exists() {
            fs::remove_file(&retired).map_err(io_err("cannot delete", &retired))?;
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
        self.files.iter().filter(|(f, d)| !d.canonical && !f.is_legacy()).map(|(f, _)| *f).collect()
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
            DataFile::People(part) => self.warm_file(file, &people_of(model, part)),
            DataFile::Events => self.warm_file(file, &refs(&model.events)),
            DataFile::Figures => self.warm_file(file, &figures_refs(&model.figures)),
            DataFile::Delegations(y) => self.warm_file(file, &delegations_of(model, y)),
            DataFile::LegacyDelegations | DataFile::LegacyPeople => {}
        }
    }

    /// [`Workspace::warm`] of one file. A file whose records cannot be serialized stays
    /// cold: warming is an optimisation, and the next save of it reports the error.
    fn warm_file<T: Stored>(&mut self, file: DataFile, records: &[&T]) {
        let Some(d) = self.files.get(&file) else { return };
        let path = self.dir.join(file.relative_path());
        let Ok(full) = text::full(records, &file.what(), &path) else { return };
        let Ok((index, canonical)) = text::Index::of_text(&full.text, Some(&full.spans), records, &path) else {
            return;
        };
        let matches_disk = d.matches_disk && d.index.same_file(&index);
        let spans = canonical.then_some(full.spans.as_slice());
        let cached = matches_disk && self.write_cache(file, (index.len, index.hash, spans), records);
        // A hand-edited file keeps `matches_disk` false: the next save that touches it
        // writes the canonical text even if no record changed.
        self.files.insert(file, OnDisk { index, canonical, matches_disk, cached });
    }
}

/// What [`Workspace::save_file`] did.
enum Written {
    No,
    Yes,
    /// The file on disk is not the one the workspace last read or wrote.
    Diverged,
}

/// What the fast path of a save did: its report so far, and whether it stopped at a file
/// that changed behind the workspace (the save then merges).
struct Fast {
    report: SaveReport,
    diverged: bool,
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
    sorted(model.delegations.iter().map(|d| &**d).filter(|d| year_of(d) == year).collect())
}

/// The people of one part of `people/`, by id.
fn people_of(model: &Model, part: u8) -> Vec<&Person> {
    let file = DataFile::People(part);
    sorted(model.people.iter().map(|p| &**p).filter(|p| DataFile::of_person(p.id.as_str()) == file).collect())
}

/// The files `model` is saved to: the single files, every people file (a save skips an
/// empty one that does not exist yet), and one per year of arrival.
pub fn data_files(model: &Model) -> Vec<DataFile> {
    let years: BTreeSet<i32> = model.delegations.iter().map(|d| year_of(d)).collect();
    DataFile::SINGLE.into_iter().chain(DataFile::people()).chain(years.into_iter().map(DataFile::Delegations)).collect()
}

/// How many records of `model` a file holds (none for the version-1 file).
fn count_of(model: &Model, file: DataFile) -> usize {
    match file {
        DataFile::Cities => model.cities.len(),
        DataFile::People(part) => {
            model.people.iter().filter(|p| DataFile::of_person(p.id.as_str()) == DataFile::People(part)).count()
        }
        DataFile::Events => model.events.len(),
        DataFile::Figures => model.figures.len(),
        DataFile::Delegations(y) => model.delegations.iter().filter(|d| year_of(d) == y).count(),
        DataFile::LegacyDelegations | DataFile::LegacyPeople => 0,
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
        DataFile::People(part) => text::full(&people_of(model, part), &what, &path),
        DataFile::Events => text::full(&refs(&model.events), &what, &path),
        DataFile::Figures => text::full(&figures_refs(&model.figures), &what, &path),
        DataFile::Delegations(y) => text::full(&delegations_of(model, y), &what, &path),
        DataFile::LegacyDelegations => text::full(&refs(&model.delegations), &what, &path),
        DataFile::LegacyPeople => text::full(&refs(&model.people), &what, &path),
    };
    text.map(|t| t.text)
}

/// Writes a data file atomically, asking `fence` again just before its rename: a lock
/// broken while the file was written is [`StoreError::Fenced`], and nothing was replaced.
pub(super) fn fenced_write(
    dir: &std::path::Path,
    path: &std::path::Path,
    bytes: &[u8],
    fence: &dyn Fn() -> bool,
) -> Result<(), StoreError> {
    atomic::write_atomic_fenced(path, bytes, true, fence).map_err(|e| {
        if atomic::is_fenced(&e) { StoreError::Fenced(dir.to_path_buf()) } else { io_err("cannot write", path)(e) }
    })
}

/// The people (keys) that retention purges saved after revision `after` covered, as far
/// as the journal reaches back.
fn purged_since(rev: &Revision, after: u64) -> BTreeSet<String> {
    rev.journal
        .iter()
        .filter(|e| e.purge && e.number > after)
        .flat_map(|e| e.records.iter().filter_map(|r| r.strip_prefix("person:").map(str::to_owned)))
        .collect()
}

/// The files the saves after revision `after` wrote, or `None` when the journal no longer
/// reaches back that far (then any file may have changed).
fn files_since(rev: &Revision, after: u64) -> Option<BTreeSet<DataFile>> {
    if after >= rev.number {
        return Some(BTreeSet::new());
    }
    let reaches = rev.journal.first().is_some_and(|e| e.number <= after + 1);
    if !reaches {
        return None;
    }
    let mut out = BTreeSet::new();
    for e in rev.journal.iter().filter(|e| e.number > after) {
        for f in &e.files {
            out.insert(data_file_of(f)?);
        }
    }
    Some(out)
}

/// A data file's path inside the folder as the journal names it (`delegations/2016.ron`).
pub(super) fn journal_path(file: DataFile) -> String {
    file.relative_path().to_string_lossy().replace('\\', "/")
}

/// The data file a journal names by its path inside the folder (`delegations/2016.ron`).
fn data_file_of(path: &str) -> Option<DataFile> {
    if let Some(name) = path.strip_prefix(&format!("{DELEGATIONS_DIR}/")) {
        return DataFile::year_of_name(name).map(DataFile::Delegations);
    }
    if let Some(name) = path.strip_prefix(&format!("{PEOPLE_DIR}/")) {
        return DataFile::part_of_name(name).map(DataFile::People);
    }
    if path == LEGACY_PEOPLE_FILE {
        return Some(DataFile::LegacyPeople);
    }
    DataFile::SINGLE.into_iter().find(|f| f.relative_path().to_string_lossy() == path)
}

/// The journal's list of the records a tracked save changed (none listed for a caller that
/// did not track them; the files say enough).
fn changes_journal(changes: &Changes) -> Vec<String> {
    let kind = |c: Collection| match c {
        Collection::Cities => "city",
        Collection::People => "person",
        Collection::Events => "event",
        Collection::Delegations => "delegation",
        Collection::Figures => "figures",
    };
    let mut out = Vec::new();
    for c in changes.collections() {
        if let Some(keys) = changes.keys(c) {
            out.extend(keys.iter().map(|k| format!("{}:{k}", kind(c))));
        }
    }
    out
}

/// Temp files older than this are a crash's leftovers, never a save in flight (a save's
/// temp file lives for the moment of one write).
const STALE_TEMP_AGE: std::time::Duration = std::time::Duration::from_secs(600);

/// Removes temp files a crash left behind (`.cities.ron.<process>-<n>.tmp`, the same of
/// `cities.ron.bak`, `delegations/.2016.ron.…tmp`, `.cache/.people.bin.…tmp`, the fixed
/// names of older versions, and `.pobratim/save.lock.new-…` / `save.lock.broken-…`) that
/// are older than `age` by their modification time.
/// Called under the save lock.
pub(super) fn remove_stale_temp_files(dir: &std::path::Path, age: std::time::Duration) {
    let team = team::team_dir(dir);
    for folder in
        [dir.to_path_buf(), dir.join(DELEGATIONS_DIR), dir.join(PEOPLE_DIR), dir.join(CACHE_DIR), team.clone()]
    {
        let Ok(entries) = fs::read_dir(&folder) else { continue };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            // In `.pobratim/`: the lock a crashed saver staged but never linked, and a
            // broken lock a crashed breaker moved but never removed.
            let ours = atomic::is_temp_name(&name)
                || (folder == team && (name.starts_with("save.lock.new-") || name.starts_with("save.lock.broken-")));
            let old = entry
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|elapsed| elapsed >= age);
            if ours && old && entry.path().is_file() {
                // A leftover we cannot remove is harmless: the next save truncates it.
                let _ = fs::remove_file(entry.path());
            }
        }
    }
}
