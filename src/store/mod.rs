//! The data folder: the only module that reads or writes files of the workspace.
//!
//! One RON file per collection (`cities.ron`, `people.ron`, `events.ron`, `delegations.ron`,
//! `figures.ron`) plus `pobratim.ron` with the format version and settings. Saves are atomic
//! and keep a `.bak`; each file loads on its own, and a file that failed to load makes the
//! workspace read-only so it is never overwritten. See DESIGN.md §4.

pub mod atomic;
pub mod error;
pub mod lock;
pub mod sample;

pub use error::{LoadError, ReadOnlyReason, StoreError};
pub use lock::{FolderLock, LOCK_FILE, LockAttempt, LockInfo};

use crate::model::{City, Delegation, Event, Model, Person, YearFigures};
use atomic::{temp_path, write_atomic};
use serde::{Deserialize, Serialize, de::DeserializeOwned};
use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

/// The data format this build writes. Older folders migrate on load; newer ones are refused.
pub const FORMAT_VERSION: u32 = 1;

/// File name of the workspace metadata.
pub const META_FILE: &str = "pobratim.ron";

/// Department settings kept in `pobratim.ron`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// The department's name, for print footers.
    pub department: String,
    /// The department's phone, for print footers.
    pub phone: String,
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

/// One collection of the model, stored as one file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Collection {
    /// `cities.ron`
    Cities,
    /// `people.ron`
    People,
    /// `events.ron`
    Events,
    /// `delegations.ron`
    Delegations,
    /// `figures.ron`
    Figures,
}

impl Collection {
    /// Every collection, in load order.
    pub const ALL: [Collection; 5] = [Self::Cities, Self::People, Self::Events, Self::Delegations, Self::Figures];

    /// The file name inside the data folder.
    pub fn file_name(self) -> &'static str {
        match self {
            Self::Cities => "cities.ron",
            Self::People => "people.ron",
            Self::Events => "events.ron",
            Self::Delegations => "delegations.ron",
            Self::Figures => "figures.ron",
        }
    }
}

/// How to open a folder.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OpenMode {
    /// Take the lock and allow saving (the GUI, writing commands). Creates a missing folder.
    ReadWrite,
    /// Read only, without touching the lock (`check`, `list`).
    ReadOnly,
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
    on_disk: HashMap<Collection, String>,
}

/// What one save wrote.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SaveReport {
    /// Collections whose file changed and was written.
    pub written: Vec<Collection>,
}

fn io_err<'a>(action: &'static str, path: &'a Path) -> impl FnOnce(std::io::Error) -> StoreError + 'a {
    move |cause| StoreError::Io { action, path: path.to_path_buf(), cause }
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

        let mut model = Model::default();
        let mut on_disk = HashMap::new();
        // Each file is read and parsed on its own thread: on a large folder the collections
        // take hundreds of milliseconds each, and a department's PC has more than one core.
        let loaded: Vec<(Collection, LoadResult)> = std::thread::scope(|scope| {
            let handles: Vec<_> = Collection::ALL
                .iter()
                .map(|&c| {
                    let path = dir.join(c.file_name());
                    (c, path.clone(), scope.spawn(move || load_collection(c, &path)))
                })
                .collect();
            handles
                .into_iter()
                .map(|(c, path, h)| {
                    let result = h.join().unwrap_or_else(|_| {
                        Err(LoadError { path, line: None, column: None, message: "the loader crashed".to_owned() })
                    });
                    (c, result)
                })
                .collect()
        });
        for (c, result) in loaded {
            match result {
                Ok(None) => {}
                Ok(Some((text, records))) => {
                    match records {
                        Loaded::Cities(v) => model.cities = v,
                        Loaded::People(v) => model.people = v,
                        Loaded::Events(v) => model.events = v,
                        Loaded::Delegations(v) => model.delegations = v,
                        Loaded::Figures(v) => model.figures = v,
                    }
                    on_disk.insert(c, text);
                }
                Err(e) => load_errors.push(e),
            }
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
        let ws = Workspace { dir: dir.to_path_buf(), meta, meta_on_disk, lock, read_only, load_errors, on_disk };
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

    /// Whether `model` differs from what is on disk (a save would write something).
    pub fn has_changes(&self, model: &Model) -> bool {
        !self.meta_on_disk
            || Collection::ALL
                .iter()
                .any(|c| self.on_disk.get(c).map(String::as_str) != Some(serialize_collection(model, *c).as_str()))
    }

    /// Saves every collection whose text changed, atomically, keeping `.bak` copies.
    ///
    /// Refuses when read-only, and when another instance has taken the lock over meanwhile
    /// (the workspace then turns read-only). A failed write leaves the old file intact and
    /// returns the error; collections written before it stay written.
    pub fn save(&mut self, model: &Model) -> Result<SaveReport, StoreError> {
        self.save_only(model, &Collection::ALL)
    }

    /// [`Workspace::save`] limited to `collections`: the app knows which collections its
    /// commands touched since the last save, and serializing the untouched ones (tens of
    /// megabytes on a large folder) would only find them unchanged.
    pub fn save_only(&mut self, model: &Model, collections: &[Collection]) -> Result<SaveReport, StoreError> {
        if let Some(reason) = self.read_only.first() {
            return Err(StoreError::ReadOnly(reason.clone()));
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
        if !self.meta_on_disk {
            let path = self.dir.join(META_FILE);
            let text = serialize(&self.meta, "pobratim: format version and settings");
            write_atomic(&path, text.as_bytes(), true).map_err(io_err("cannot write", &path))?;
            self.meta_on_disk = true;
        }
        let mut report = SaveReport::default();
        for &c in collections {
            let text = serialize_collection(model, c);
            if self.on_disk.get(&c) == Some(&text) {
                continue;
            }
            let path = self.dir.join(c.file_name());
            write_atomic(&path, text.as_bytes(), true).map_err(io_err("cannot write", &path))?;
            self.on_disk.insert(c, text);
            report.written.push(c);
        }
        Ok(report)
    }
}

/// The canonical text of one collection: a header comment, then the records sorted by id,
/// pretty-printed with `\n` line ends on every platform.
pub fn serialize_collection(model: &Model, c: Collection) -> String {
    // Compares borrowed keys: a key function that clones an id would allocate on every
    // comparison, which shows at 60,000 people.
    fn sorted<T, K: Ord + ?Sized>(items: &[T], key: impl Fn(&T) -> &K) -> Vec<&T> {
        let mut v: Vec<&T> = items.iter().collect();
        v.sort_by(|a, b| key(a).cmp(key(b)));
        v
    }
    match c {
        Collection::Cities => serialize(&sorted(&model.cities, |x: &City| &x.id), "cities: partner cities"),
        Collection::People => {
            serialize(&sorted(&model.people, |x: &Person| &x.id), "people: personal data, handle with care")
        }
        Collection::Events => serialize(&sorted(&model.events, |x: &Event| &x.id), "events: the calendar"),
        Collection::Delegations => serialize(
            &sorted(&model.delegations, |x: &Delegation| &x.id),
            "delegations: rosters, programmes, checklists, gifts",
        ),
        Collection::Figures => {
            serialize(&sorted(&model.figures, |x: &YearFigures| &x.year), "figures: official yearly totals")
        }
    }
}

fn serialize<T: Serialize + ?Sized>(value: &T, what: &str) -> String {
    let config = ron::ser::PrettyConfig::new().new_line("\n").indentor("    ");
    // Serialising plain data with derived impls cannot fail; an empty body would be caught by
    // the round-trip tests.
    let body = ron::ser::to_string_pretty(value, config).unwrap_or_default();
    format!("// Pobratim data file, {what}.\n// Saved by the app: keep a backup before editing by hand.\n{body}\n")
}

/// Reads a file as UTF-8 text: `Ok(None)` when it does not exist. A byte-order mark is
/// dropped; line ends of any kind are fine for the parser.
fn read_text(path: &Path) -> Result<Option<String>, LoadError> {
    let bytes = match fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(LoadError { path: path.to_path_buf(), line: None, column: None, message: e.to_string() }),
    };
    // Without a BOM the bytes become the string in place: no second copy of a large file.
    let bytes = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    match String::from_utf8(bytes) {
        Ok(s) => Ok(Some(s)),
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

/// One collection's records, as parsed.
enum Loaded {
    Cities(Vec<City>),
    People(Vec<Person>),
    Events(Vec<Event>),
    Delegations(Vec<Delegation>),
    Figures(Vec<YearFigures>),
}

/// A collection file's text and records, `None` when the file is absent.
type LoadResult = Result<Option<(String, Loaded)>, LoadError>;

/// Reads and parses one collection file.
fn load_collection(c: Collection, path: &Path) -> LoadResult {
    let Some(text) = read_text(path)? else { return Ok(None) };
    let records = match c {
        Collection::Cities => Loaded::Cities(parse(path, &text)?),
        Collection::People => Loaded::People(parse(path, &text)?),
        Collection::Events => Loaded::Events(parse(path, &text)?),
        Collection::Delegations => Loaded::Delegations(parse(path, &text)?),
        Collection::Figures => Loaded::Figures(parse(path, &text)?),
    };
    Ok(Some((text, records)))
}

fn parse<T: DeserializeOwned>(path: &Path, text: &str) -> Result<T, LoadError> {
    ron::from_str(text).map_err(|e| LoadError {
        path: path.to_path_buf(),
        line: Some(e.span.start.line),
        column: Some(e.span.start.col),
        message: e.code.to_string(),
    })
}

/// Upgrades a model loaded from an older format version. Version 1 is the first, so there
/// is no step yet; each future step goes here with a fixture folder in `tests/fixtures/`.
fn migrate(from: u32, _model: &mut Model) {
    debug_assert!(from <= FORMAT_VERSION);
}

/// Removes temp files a crash left behind (`.cities.ron.tmp`, `.cities.ron.bak.tmp`).
fn remove_stale_temp_files(dir: &Path) {
    for c in Collection::ALL {
        let path = dir.join(c.file_name());
        for tmp in [temp_path(&path), temp_path(&atomic::backup_path(&path))] {
            if tmp.is_file() {
                // A leftover we cannot remove is harmless: the next save truncates it.
                let _ = fs::remove_file(tmp);
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
    let names = Collection::ALL.iter().map(|c| c.file_name()).chain(std::iter::once(META_FILE));
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
    let bytes = fs::read(path).map_err(io_err("cannot read", path))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// Reads a file to import as bytes (CSV in any encoding, XLSX).
pub fn read_import_bytes(path: &Path) -> Result<Vec<u8>, StoreError> {
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
