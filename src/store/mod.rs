//! The data folder: the only module that reads or writes files of the workspace.
//!
//! One RON file per collection (`cities.ron`, `events.ron`, `figures.ron`), delegations one
//! file per year of arrival (`delegations/2016.ron`), people in sixteen files by a hash of
//! their id (`people/00.ron` … `people/15.ron`), and `pobratim.ron`
//! with the format version and settings. Saves are atomic and keep a `.bak`; each file
//! loads on its own, and a file that failed to load makes the workspace read-only so it is
//! never overwritten. `.cache/` holds a binary copy of each file for fast loading
//! (`cache.rs`). See DESIGN.md §4 and ARCHITECTURE.md.
//!
//! One file per job: this file has the shared types and [`Workspace`]'s accessors;
//! `open.rs` loads a folder, `save.rs` writes it (and warms and caches it), `folder.rs`
//! holds what touches files outside a workspace (exports, imports, the default folder), and
//! `meta.rs` the format version and settings; `browse.rs` the disk as a file dialog sees it.

pub mod atomic;
pub mod browse;
pub mod cache;
pub mod error;
mod folder;
pub mod journal;
pub mod layout;
pub mod lock;
mod meta;
mod open;
pub mod road;
pub mod sample;
mod save;
mod sync;
pub mod team;
pub mod text;
mod v3;

pub use error::{LoadError, ReadOnlyReason, StoreError};
pub use folder::{
    DATA_ENV, FolderSetting, FolderSettings, FolderSource, MAX_IMPORT_BYTES, choose_folder, chosen_folder_file,
    default_data_dir, folder_settings, free_name, holds_data, locate_data_dir, prints_dir, read_folder_setting,
    read_import, read_import_bytes, remember_data_dir, resolve_data_dir, system_folder_file, window_settings_path,
    write_export,
};
pub use layout::{
    CACHE_DIR, Changes, DELEGATIONS_DIR, DataFile, LEGACY_DELEGATIONS_FILE, LEGACY_PEOPLE_FILE, PEOPLE_DIR,
    PEOPLE_FILES,
};
pub use lock::{FolderLock, LOCK_FILE, LockAttempt, LockInfo};
pub use meta::{FORMAT_VERSION, META_FILE, Meta, Settings};
#[doc(hidden)]
pub use open::load_bytes;
pub use save::{SaveReport, data_files, serialize_file};
pub use sync::{Found, Updates};

use crate::model::Delegation;
use chrono::Datelike;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

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

/// What the store knows of one file as last read or written: never its text (a ten-year
/// folder's texts are 230 MB), only its length, hash and each record's key, span and hash
/// ([`text::Index`]). A save that copies unchanged records reads the file again and checks
/// it against the index first.
#[derive(Debug)]
struct OnDisk {
    /// The file, or (after warming) the canonical text of the same records.
    index: text::Index,
    /// The index's spans can be copied from the file into the next save.
    canonical: bool,
    /// The index is of exactly the file on disk (not of a canonical rewrite of it).
    matches_disk: bool,
    /// A valid cache entry exists for the file on disk.
    cached: bool,
}

/// An open data folder. The model itself is returned separately and owned by the caller.
///
/// Opened by [`Workspace::open`] (`open.rs`), written by [`Workspace::save`] and its kin
/// (`save.rs`).
#[derive(Debug)]
pub struct Workspace {
    dir: PathBuf,
    meta: Meta,
    meta_on_disk: bool,
    /// The revision (`.pobratim/revision`) the indexes in `files` reflect: a save that
    /// finds another merges. `None` after a save that failed partway: the next save then
    /// reads every file again.
    revision: Option<u64>,
    /// What this workspace saw of the save lock, to judge staleness on its own clock.
    watch: team::lock::Watch,
    /// The save lock's timing (shortened by tests).
    timing: team::lock::Timing,
    /// How long a save waits for a colleague's save to release the lock.
    lock_wait: std::time::Duration,
    /// This app's entry in `.pobratim/sessions/` (read-write opens only).
    session: Option<team::sessions::MySession>,
    /// What this workspace saw of the other sessions.
    session_watch: team::sessions::SessionWatch,
    /// The legacy lock (`.pobratim.lock`) a crashed process of this user left, removed at
    /// open.
    recovered_lock: Option<LockInfo>,
    /// Whether a save has removed the temp files crashes left (once per workspace).
    temp_files_swept: bool,
    /// The people (keys) whose retention purge the next save carries: its revision is then
    /// marked a purge, and the merge lets the purge win on their purged fields.
    purging: BTreeSet<String>,
    read_only: Vec<ReadOnlyReason>,
    load_errors: Vec<LoadError>,
    files: BTreeMap<DataFile, OnDisk>,
    /// Files to rewrite on the next save whatever changed: delegations found in the file
    /// of another year, and every year of a version-1 folder.
    force: BTreeSet<DataFile>,
    /// The folder still has the version-1 `delegations.ron`, retired after the first save.
    legacy: bool,
    /// The folder still has the single `people.ron` of version 7 or older, retired after the
    /// first save has written every `people/` file.
    legacy_people: bool,
    /// The year file each delegation was last read from or written to, so a delegation
    /// whose arrival moves to another year leaves its old file.
    delegation_years: HashMap<String, i32>,
    /// Files written whose cache entry is not yet refreshed ([`Workspace::refresh_cache`]).
    stale_cache: BTreeSet<DataFile>,
    /// Every file loaded, and whether it came from the cache.
    loaded: Vec<(DataFile, bool)>,
}

/// Finds records' files and lines ([`Workspace::locator`]). Each file is read once and its
/// lines that open a record (`id: "…",`, `year: 2016,`) are kept by their text: a `check`
/// of a ten-year folder locates some 24,000 findings, and reading the file for each took
/// four minutes.
pub struct Locator<'w> {
    dir: &'w Path,
    /// Per file, the first line of each record-opening line's text; `None`: unreadable.
    lines: HashMap<PathBuf, Option<HashMap<String, usize>>>,
}

impl Locator<'_> {
    /// The file of `record` and the line of its id; `year` is a delegation's year of
    /// arrival. `None` when the file cannot be read or holds no such id.
    pub fn locate(&mut self, record: &crate::model::RecordId, year: Option<i32>) -> Option<(PathBuf, usize)> {
        use crate::model::RecordId;
        let (file, needle) = match record {
            RecordId::City(id) => (DataFile::Cities, format!("id: \"{id}\"")),
            RecordId::Person(id) => (DataFile::of_person(id.as_str()), format!("id: \"{id}\"")),
            RecordId::Event(id) => (DataFile::Events, format!("id: \"{id}\"")),
            RecordId::Figures(y) => (DataFile::Figures, format!("year: {y}")),
            RecordId::Delegation(id) => (DataFile::Delegations(year?), format!("id: \"{id}\"")),
        };
        let mut path = self.dir.join(file.relative_path());
        if matches!(file, DataFile::Delegations(_)) && !path.exists() {
            path = self.dir.join(LEGACY_DELEGATIONS_FILE);
        }
        if matches!(file, DataFile::People(_)) && !path.exists() {
            path = self.dir.join(LEGACY_PEOPLE_FILE);
        }
        let lines = self.lines.entry(path.clone()).or_insert_with(|| {
            let text = std::fs::read_to_string(&path).ok()?;
            let mut found = HashMap::new();
            for (n, line) in text.lines().enumerate() {
                let t = line.trim();
                if t.starts_with("id: \"") || t.starts_with("year: ") {
                    found.entry(t.trim_end_matches(',').trim_end().to_owned()).or_insert(n + 1);
                }
            }
            Some(found)
        });
        let line = *lines.as_ref()?.get(&needle)?;
        Some((path, line))
    }
}

/// An I/O error of `action` on `path`, for `map_err`.
fn io_err<'a>(action: &'static str, path: &'a Path) -> impl FnOnce(std::io::Error) -> StoreError + 'a {
    move |cause| StoreError::Io { action, path: path.to_path_buf(), cause }
}

/// The year file a delegation belongs in.
fn year_of(d: &Delegation) -> i32 {
    d.arrival.date.year()
}

impl Workspace {
    /// The data folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Finds where records stand in the folder (for `check`, so a finding in a hand-edited
    /// file names the file and line to open), reading each file once.
    pub fn locator(&self) -> Locator<'_> {
        Locator { dir: &self.dir, lines: HashMap::new() }
    }

    /// The settings from `pobratim.ron`.
    pub fn settings(&self) -> &Settings {
        &self.meta.settings
    }

    /// Files that failed to load, with path, line and column.
    pub fn load_errors(&self) -> &[LoadError] {
        &self.load_errors
    }

    /// The lock this user's crashed (killed, powered-off) process left, which the open took
    /// over by itself; the app and the CLI say so.
    pub fn recovered_lock(&self) -> Option<&LockInfo> {
        self.recovered_lock.as_ref()
    }

    /// Why the workspace cannot save; empty when it can.
    pub fn read_only_reasons(&self) -> &[ReadOnlyReason] {
        &self.read_only
    }

    /// Whether saving is allowed.
    pub fn is_writable(&self) -> bool {
        self.read_only.is_empty()
    }

    /// Removes the legacy lock `.pobratim.lock` of a version without the shared-folder
    /// protocol (after the user confirmed that program is closed). The workspace becomes
    /// writable unless files failed to load.
    pub fn take_over_lock(&mut self) -> Result<(), StoreError> {
        if !self.load_errors.is_empty() {
            return Err(StoreError::ReadOnly(ReadOnlyReason::LoadFailed(self.load_errors.clone())));
        }
        let path = self.dir.join(LOCK_FILE);
        match std::fs::remove_file(&path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(io_err("cannot delete", &path)(e)),
        }
        self.read_only.retain(|r| !matches!(r, ReadOnlyReason::Locked(_)));
        if self.session.is_none() && self.read_only.is_empty() {
            self.session = team::sessions::MySession::register(&self.dir).ok();
        }
        Ok(())
    }

    /// The conflicts stored in the folder (`.pobratim/conflicts/`), oldest first.
    pub fn conflicts(&self) -> Vec<team::conflicts::Conflict> {
        team::conflicts::list(&self.dir)
    }

    /// Stores clashes found outside a save (the app merging an edit made while a save ran).
    pub fn store_conflicts(&self, found: &[Found]) -> Result<(), StoreError> {
        let dir = team::team_dir(&self.dir);
        team::conflicts::store(&self.dir, found).map(|_| ()).map_err(io_err("cannot write", &dir))
    }

    /// Removes a conflict someone resolved.
    pub fn remove_conflict(&self, id: u64) -> Result<(), StoreError> {
        let dir = team::team_dir(&self.dir);
        team::conflicts::remove(&self.dir, id).map_err(io_err("cannot delete", &dir))
    }

    /// Shortens the save lock's timing and wait (tests of the shared-folder protocol).
    #[doc(hidden)]
    pub fn set_lock_timing(&mut self, timing: team::lock::Timing, wait: std::time::Duration) {
        self.timing = timing;
        self.lock_wait = wait;
    }

    /// The revision this workspace's view of the folder reflects (`None`: unknown).
    pub fn revision(&self) -> Option<u64> {
        self.revision
    }

    /// Whether a colleague saved since this workspace last read or wrote the folder: the
    /// revision file's *content* moved (never its modification time, which a network
    /// drive's client may cache). A small read without the save lock, for a poll; an
    /// unreadable revision says no. The caller then saves (with nothing of its own, if it
    /// has nothing) to take the colleague's records.
    pub fn colleague_saved(&self) -> bool {
        let Some(mine) = self.revision else { return false };
        team::revision::read(&self.dir).is_ok_and(|rev| rev.number != mine)
    }

    /// The other apps working in this folder now (by their sessions' heartbeats, judged on
    /// this computer's clock), and bumps this app's own heartbeat with the records it has
    /// open in a form. Best effort: an unreachable folder gives an empty list.
    pub fn colleagues(&mut self, editing: Vec<String>) -> Vec<team::sessions::Session> {
        if let Some(mine) = &mut self.session {
            let _ = mine.beat(editing);
        }
        team::sessions::others(&self.dir, self.session.as_ref(), &mut self.session_watch, self.timing.stale_after)
    }

    /// The files loaded from the folder, and whether each came from the cache.
    pub fn loaded_files(&self) -> &[(DataFile, bool)] {
        &self.loaded
    }
}
