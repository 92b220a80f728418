//! Opening a data folder: reading every file (from the cache when it is valid), parsing
//! it, and building the model and the [`Workspace`] that remembers what is on disk.
//! Nothing here writes a data file; the only changes are the lock, taken on a read-write
//! open, and temp files a crash left behind, removed once the lock is ours.

use super::error::{LOADER_CRASHED, NOT_A_PART, NOT_A_YEAR, NOT_UTF8};
use super::lock::read_lock;
use super::team;
use super::text::Index;
use super::{
    CACHE_DIR, Collection, DELEGATIONS_DIR, DataFile, FORMAT_VERSION, LEGACY_DELEGATIONS_FILE, LEGACY_PEOPLE_FILE,
    LOCK_FILE, LoadError, META_FILE, Meta, OnDisk, OpenMode, PEOPLE_DIR, ReadOnlyReason, StoreError, Workspace, cache,
    io_err, v3, year_of,
};
use crate::model::{City, Delegation, Event, Model, Person, Shared, YearFigures};
use serde::de::DeserializeOwned;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs;
use std::ops::Range;
use std::path::Path;

/// How many times an open reads the folder again while colleagues' saves run under it;
/// after that it keeps what it read and the first save re-reads every file it writes.
const OPEN_ATTEMPTS: u32 = 8;

/// How long a save waits for a colleague's save to release the save lock.
pub const SAVE_LOCK_WAIT: std::time::Duration = std::time::Duration::from_secs(10);

impl Workspace {
    /// Opens the data folder at `dir`.
    ///
    /// Errors only when nothing sensible can be shown: the folder is missing (read-only mode),
    /// unreadable, or written by a newer Pobratim. A broken collection file does not fail the
    /// open: its error is in [`Workspace::load_errors`] and the workspace is read-only.
    pub fn open(dir: &Path, mode: OpenMode) -> Result<(Workspace, Model), StoreError> {
        Self::open_attempt(dir, mode, 0)
    }

    /// [`Workspace::open`], read again (up to [`OPEN_ATTEMPTS`] times) while colleagues'
    /// saves move the revision under it.
    fn open_attempt(dir: &Path, mode: OpenMode, attempt: u32) -> Result<(Workspace, Model), StoreError> {
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
        let mut recovered_lock = None;
        match mode {
            OpenMode::ReadOnly => read_only.push(ReadOnlyReason::Requested),
            // A legacy `.pobratim.lock`: a version without the shared-folder protocol is
            // writing, so this one only reads, unless the lock was left by this user's
            // process on this computer that is gone (a crash), which is removed and said.
            OpenMode::ReadWrite => match read_lock(dir) {
                Some(holder) if holder.abandoned_by_us() => {
                    fs::remove_file(dir.join(LOCK_FILE)).map_err(io_err("cannot delete", dir))?;
                    recovered_lock = Some(holder);
                }
                Some(holder) => read_only.push(ReadOnlyReason::Locked(Some(holder))),
                None if dir.join(LOCK_FILE).exists() => read_only.push(ReadOnlyReason::Locked(None)),
                None => {}
            },
        }

        // A folder without `pobratim.ron` but with `delegations.ron` is version 1 too
        // (files copied over by hand).
        // The revision before loading: if a colleague's save moves it while we read, the
        // files may be half old, half new, and the folder is read again.
        let revision_before = team::revision::read(dir).ok();
        let legacy_path = dir.join(LEGACY_DELEGATIONS_FILE);
        let legacy = (meta.format_version < 2 || !meta_on_disk) && legacy_path.is_file();
        // The single `people.ron` of version 7 and older: split into `people/` by the first
        // save. A folder without `pobratim.ron` is taken as old when it has no `people/`.
        let legacy_people = dir.join(LEGACY_PEOPLE_FILE).is_file()
            && if meta_on_disk { meta.format_version < PEOPLE_SPLIT } else { !dir.join(PEOPLE_DIR).exists() };
        let mut to_load: Vec<DataFile> = DataFile::SINGLE.to_vec();
        if legacy_people {
            to_load.push(DataFile::LegacyPeople);
        } else {
            let (parts, mut errors) = list_files(dir, PEOPLE_DIR, DataFile::part_of_name, NOT_A_PART);
            to_load.extend(parts.into_iter().map(DataFile::People));
            load_errors.append(&mut errors);
        }
        if legacy {
            to_load.push(DataFile::LegacyDelegations);
        } else {
            let (years, mut errors) = list_files(dir, DELEGATIONS_DIR, DataFile::year_of_name, NOT_A_YEAR);
            to_load.extend(years.into_iter().map(DataFile::Delegations));
            load_errors.append(&mut errors);
        }

        // The version the records are in: a folder without `pobratim.ron` is version 1 when it
        // has the single delegations file, else unknown (the old shape is tried when the new
        // one does not parse).
        let version = match (meta_on_disk, legacy) {
            (true, _) => Some(meta.format_version),
            (false, true) => Some(1),
            (false, false) => None,
        };
        let keep_index = mode == OpenMode::ReadWrite;
        let loaded = load_files(dir, &to_load, version, keep_index);
        let mut model = Model::default();
        let mut files = BTreeMap::new();
        let mut force = BTreeSet::new();
        let mut delegation_years = HashMap::new();
        let mut loaded_files = Vec::new();
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
            if loaded.upgraded {
                force.insert(file);
            }
            match loaded.records {
                Loaded::Cities(v) => model.cities = v,
                Loaded::People(mut v) => {
                    if let DataFile::People(part) = file {
                        // A person in another part's file (moved by hand): both are
                        // rewritten, the person where the id says.
                        for p in v.iter().filter(|p| DataFile::of_person(p.id.as_str()) != DataFile::People(part)) {
                            force.insert(file);
                            force.insert(DataFile::of_person(p.id.as_str()));
                        }
                    }
                    model.people.append(&mut v);
                }
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
            if let Some((index, canonical)) = loaded.index
                && file != DataFile::LegacyDelegations
            {
                // A file read in an older shape has an empty index, not one of the file.
                let matches_disk = !loaded.upgraded;
                files.insert(file, OnDisk { index, canonical, matches_disk, cached: loaded.cached });
            }
        }
        if legacy {
            force.extend(model.delegations.iter().map(|d| DataFile::Delegations(year_of(d))));
        }
        if legacy_people {
            force.extend(DataFile::people());
        }
        if meta.format_version < FORMAT_VERSION {
            // Records gain the new version's fields: the first save rewrites every file
            // whole, so that no file keeps records in the old shape under the new version.
            force.extend(super::save::data_files(&model));
        }
        migrate(meta.format_version, &mut model);
        model.normalise();
        // Items without an id (a file of format 6 or older, or typed in by hand) get ids that
        // depend only on the file, so every computer sharing the folder gives the same ones.
        for d in &mut model.delegations {
            d.derive_item_ids();
        }

        if !load_errors.is_empty() {
            read_only.push(ReadOnlyReason::LoadFailed(load_errors.clone()));
        }
        let revision_after = team::revision::read(dir).ok();
        let settled = revision_before.as_ref().map(|r| r.number) == revision_after.as_ref().map(|r| r.number)
            && !team::lock::save_running(dir);
        if !settled && attempt < OPEN_ATTEMPTS {
            // A save ran while we read: read again once it is through.
            std::thread::sleep(std::time::Duration::from_millis(50 << attempt.min(5)));
            return Self::open_attempt(dir, mode, attempt + 1);
        }
        let session = if read_only.is_empty() { team::sessions::MySession::register(dir).ok() } else { None };
        let meta_on_disk = meta_on_disk && meta.format_version == FORMAT_VERSION;
        let ws = Workspace {
            dir: dir.to_path_buf(),
            meta,
            meta_on_disk,
            revision: revision_after.filter(|_| settled).map(|r| r.number),
            watch: team::lock::Watch::default(),
            timing: team::lock::Timing::default(),
            lock_wait: SAVE_LOCK_WAIT,
            session,
            session_watch: team::sessions::SessionWatch::default(),
            recovered_lock,
            temp_files_swept: false,
            purging: BTreeSet::new(),
            read_only,
            load_errors,
            files,
            force,
            legacy,
            legacy_people,
            delegation_years,
            stale_cache: BTreeSet::new(),
            loaded: loaded_files,
        };
        Ok((ws, model))
    }
}

/// The format version `pobratim.ron` in `dir` says now, when it can be read: a save checks
/// it under the lock, so that an app of this version never writes into a folder that a
/// newer one has since migrated (it would write files the newer one no longer reads).
pub(super) fn format_on_disk(dir: &Path) -> Option<u32> {
    let path = dir.join(META_FILE);
    let text = read_text(&path).ok()??;
    parse::<Meta>(&path, &text).ok().map(|m| m.format_version)
}

/// The first format version with the people split into `people/`.
const PEOPLE_SPLIT: u32 = 8;

/// The files in the folder `sub` (`delegations/`, `people/`) whose names `name_of` reads
/// (a year, a part), sorted, and an error saying `not_ours` for each other `.ron` file
/// there. A missing folder has none; an unreadable one is an error.
fn list_files<T: Ord>(
    dir: &Path,
    sub: &str,
    name_of: fn(&str) -> Option<T>,
    not_ours: &str,
) -> (Vec<T>, Vec<LoadError>) {
    let folder = dir.join(sub);
    let entries = match fs::read_dir(&folder) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (Vec::new(), Vec::new()),
        Err(e) => {
            return (Vec::new(), vec![LoadError { path: folder, line: None, column: None, message: e.to_string() }]);
        }
    };
    let mut found = Vec::new();
    let mut errors = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') || !name.ends_with(".ron") {
            continue; // backups, temp files, a desktop.ini
        }
        match name_of(&name) {
            Some(y) => found.push(y),
            None => {
                errors.push(LoadError { path: entry.path(), line: None, column: None, message: not_ours.to_owned() })
            }
        }
    }
    found.sort_unstable();
    (found, errors)
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
                message: NOT_UTF8.into(),
            })
        }
    }
}

/// One file's records, as parsed.
enum Loaded {
    Cities(Vec<Shared<City>>),
    People(Vec<Shared<Person>>),
    Events(Vec<Shared<Event>>),
    Delegations(Vec<Shared<Delegation>>),
    Figures(Vec<YearFigures>),
}

/// A file as loaded: its records, where they came from, and (for a read-write open) its
/// index; the text itself is let go on the loading thread.
struct FileLoad {
    records: Loaded,
    /// The file's index, and whether its spans can be copied (they came from a cache
    /// entry made at a save); `None` for a read-only open.
    index: Option<(Index, bool)>,
    cached: bool,
    /// Parsed in an older version's shape: the first save rewrites the file.
    upgraded: bool,
}

/// Loads files on as many threads as there are cores, largest first: on a large folder one
/// file takes a hundred milliseconds, and a department's PC has more than one core.
fn load_files(
    dir: &Path,
    files: &[DataFile],
    version: Option<u32>,
    keep_index: bool,
) -> Vec<(DataFile, Result<Option<FileLoad>, LoadError>)> {
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
                        mine.push((*file, load_file(dir, *file, version, keep_index)));
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
                            message: LOADER_CRASHED.to_owned(),
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

/// Reads one file of a folder of format `version` (`None`: unknown), from its cache entry
/// when that is valid, else by parsing the RON.
///
/// Events and delegations changed shape in version 4 (see [`v3`]). An older folder's files
/// are parsed in the old shape first, a newer folder's in the new one, and each falls back
/// to the other: a first save that stopped partway leaves some files already in the new
/// shape under the old number, and a `.bak` copied back by hand may be in the old shape
/// under the new one. When both fail, the error is the expected shape's.
fn load_file(
    dir: &Path,
    file: DataFile,
    version: Option<u32>,
    keep_index: bool,
) -> Result<Option<FileLoad>, LoadError> {
    let path = dir.join(file.relative_path());
    if let Some(hit) = load_cached(dir, file, &path, keep_index) {
        return Ok(Some(hit));
    }
    let Some(text) = read_text(&path)? else { return Ok(None) };
    let indexed = |(records, spans, cached): Parsed| -> Result<FileLoad, LoadError> {
        let index = if keep_index { Some(index_of(&records, &text, spans, &path)?) } else { None };
        Ok(FileLoad { records, index, cached, upgraded: false })
    };
    if !matches!(file.collection(), Collection::Events | Collection::Delegations) {
        return parse_current(&path, file, &text, dir).and_then(indexed).map(Some);
    }
    let old = |text: &str| -> Result<Loaded, LoadError> {
        Ok(match file.collection() {
            Collection::Events => {
                let v: Vec<v3::Event3> = parse(&path, text)?;
                Loaded::Events(v.into_iter().map(|e| Shared::new(e.into())).collect())
            }
            _ => {
                let v: Vec<v3::Delegation3> = parse(&path, text)?;
                Loaded::Delegations(v.into_iter().map(|d| Shared::new(d.into())).collect())
            }
        })
    };
    // A file in the old shape is rewritten whole by the first save: its index is empty.
    let upgraded = |records| FileLoad {
        records,
        index: keep_index.then(|| (Index::default(), false)),
        cached: false,
        upgraded: true,
    };
    let result = if version.is_some_and(|v| v < 4) {
        match old(&text) {
            Ok(records) => Ok(upgraded(records)),
            Err(e) => parse_current(&path, file, &text, dir).map_err(|_| e).and_then(indexed),
        }
    } else {
        match parse_current(&path, file, &text, dir) {
            Ok(parsed) => indexed(parsed),
            Err(e) => old(&text).map(upgraded).map_err(|_| e),
        }
    };
    result.map(Some)
}

/// A file from its valid cache entry, without holding its text: the file is streamed once
/// to check that it is the text the entry was made from (its length and hash) and to hash
/// each record's span for the index. `None` when there is no valid entry (or the file
/// has a byte-order mark, which the app never writes): the caller then parses the text.
/// Without it, opening the ten-year folder held each file's text (people.ron: 32 MB) on
/// each loading thread at once, and glibc kept the freed texts: that was the app's peak.
fn load_cached(dir: &Path, file: DataFile, path: &Path, keep_index: bool) -> Option<FileLoad> {
    let bytes = fs::read(dir.join(CACHE_DIR).join(file.cache_name())).ok()?;
    let (len, hash) = cache::source_of(&bytes)?;
    if fs::metadata(path).ok()?.len() != len {
        return None;
    }
    /// A valid entry's records and spans, and the records' keys.
    struct Keyed<T> {
        hit: cache::Hit<T>,
        keys: Vec<Box<str>>,
    }
    fn hit<T: DeserializeOwned + super::text::Stored>(bytes: &[u8], len: u64) -> Option<Keyed<T>> {
        let hit = cache::decode_unchecked_source::<T>(bytes, len)?;
        let keys = hit.records.iter().map(|r| r.key().into_owned().into_boxed_str()).collect();
        Some(Keyed { hit, keys })
    }
    let (records, spans, keys) = match file.collection() {
        Collection::Cities => hit(&bytes, len).map(|k| (Loaded::Cities(k.hit.records), k.hit.spans, k.keys))?,
        Collection::People => hit(&bytes, len).map(|k| (Loaded::People(k.hit.records), k.hit.spans, k.keys))?,
        Collection::Events => hit(&bytes, len).map(|k| (Loaded::Events(k.hit.records), k.hit.spans, k.keys))?,
        Collection::Delegations => {
            hit(&bytes, len).map(|k| (Loaded::Delegations(k.hit.records), k.hit.spans, k.keys))?
        }
        Collection::Figures => hit(&bytes, len).map(|k| (Loaded::Figures(k.hit.records), k.hit.spans, k.keys))?,
    };
    drop(bytes);
    let (whole, span_hashes) = hash_file(path, spans.as_deref().unwrap_or(&[]))?;
    if whole != hash {
        return None;
    }
    let index = keep_index.then(|| {
        let canonical = spans.is_some();
        let records = match &spans {
            Some(spans) => keys
                .into_iter()
                .zip(spans.iter().zip(span_hashes))
                .map(|(key, (span, hash))| super::text::Rec { key, span: span.clone(), hash })
                .collect(),
            None => Vec::new(),
        };
        (Index { len: len as usize, hash, records }, canonical)
    });
    // An entry without spans (never written by this version) gives no record hashes: such a
    // file is parsed instead, so that a merge knows its records.
    if keep_index && spans.is_none() {
        return None;
    }
    Some(FileLoad { records, index, cached: true, upgraded: false })
}

/// Streams the file at `path`: the hash of the whole (as [`cache::source_hash`]) and of each
/// span (which must be in order and apart). `None` when it cannot be read or is shorter
/// than the spans. (A file with a byte-order mark never matches: the cache is of the text
/// without it.)
fn hash_file(path: &Path, spans: &[Range<usize>]) -> Option<(u64, Vec<u64>)> {
    use std::io::Read;
    let mut reader = std::io::BufReader::with_capacity(1 << 16, fs::File::open(path).ok()?);
    let mut whole = xxhash_rust::xxh3::Xxh3Default::new();
    let mut hashes = Vec::with_capacity(spans.len());
    let mut buf = vec![0u8; 1 << 16];
    let mut at = 0usize;
    // Copies `n` bytes into the whole-file hash (and into `keep` when given).
    let mut feed = |reader: &mut std::io::BufReader<fs::File>, n: usize, keep: Option<&mut Vec<u8>>| -> Option<()> {
        match keep {
            Some(out) => {
                out.resize(n, 0);
                reader.read_exact(out).ok()?;
                whole.update(out);
            }
            None => {
                let mut left = n;
                while left > 0 {
                    let take = left.min(buf.len());
                    reader.read_exact(&mut buf[..take]).ok()?;
                    whole.update(&buf[..take]);
                    left -= take;
                }
            }
        }
        Some(())
    };
    let mut record = Vec::new();
    for span in spans {
        if span.start < at || span.end < span.start {
            return None;
        }
        feed(&mut reader, span.start - at, None)?;
        feed(&mut reader, span.end - span.start, Some(&mut record))?;
        hashes.push(xxhash_rust::xxh3::xxh3_64(&record));
        at = span.end;
    }
    // The rest of the file.
    loop {
        match reader.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => whole.update(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return None,
        }
    }
    Some((whole.digest(), hashes))
}

/// The index of a loaded file (see [`Index`]). Spans from a cache entry made at a save can
/// be copied; spans found in a text parsed from RON only give the records' hashes, since
/// the text may have been edited by hand (warming checks it, `save.rs`).
fn index_of(
    records: &Loaded,
    text: &str,
    spans: Option<Vec<Range<usize>>>,
    path: &Path,
) -> Result<(Index, bool), LoadError> {
    let trusted = spans.is_some();
    let spans = spans.or_else(|| super::text::record_spans(text, 0));
    fn of<T: super::text::Stored>(
        text: &str,
        spans: Option<&[Range<usize>]>,
        records: &[T],
        path: &Path,
    ) -> Result<(Index, bool), super::StoreError> {
        let refs: Vec<&T> = records.iter().collect();
        Index::of_text(text, spans, &refs, path)
    }
    let spans = spans.as_deref();
    let indexed = match records {
        Loaded::Cities(v) => of(text, spans, v, path),
        Loaded::People(v) => of(text, spans, v, path),
        Loaded::Events(v) => of(text, spans, v, path),
        Loaded::Delegations(v) => of(text, spans, v, path),
        Loaded::Figures(v) => of(text, spans, v, path),
    };
    indexed.map(|(index, canonical)| (index, canonical && trusted)).map_err(|e| LoadError {
        path: path.to_path_buf(),
        line: None,
        column: None,
        message: e.to_string(),
    })
}

/// A file's records, their spans in its text if known, and whether they came from the cache.
type Parsed = (Loaded, Option<Vec<Range<usize>>>, bool);

/// Parses one file's text in this version's shape, or takes its cache entry when that is
/// valid.
fn parse_current(path: &Path, file: DataFile, text: &str, dir: &Path) -> Result<Parsed, LoadError> {
    let cached = fs::read(dir.join(CACHE_DIR).join(file.cache_name())).ok();
    /// Records, their spans if known, and whether they came from the cache.
    type Got<T> = (Vec<T>, Option<Vec<Range<usize>>>, bool);
    fn get<T: DeserializeOwned>(path: &Path, text: &str, cached: Option<Vec<u8>>) -> Result<Got<T>, LoadError> {
        if let Some(hit) = cached.and_then(|bytes| cache::decode::<T>(&bytes, text)) {
            return Ok((hit.records, hit.spans, true));
        }
        Ok((parse(path, text)?, None, false))
    }
    Ok(match file.collection() {
        Collection::Cities => get(path, text, cached).map(|(r, s, c)| (Loaded::Cities(r), s, c))?,
        Collection::People => get(path, text, cached).map(|(r, s, c)| (Loaded::People(r), s, c))?,
        Collection::Events => get(path, text, cached).map(|(r, s, c)| (Loaded::Events(r), s, c))?,
        Collection::Delegations => get(path, text, cached).map(|(r, s, c)| (Loaded::Delegations(r), s, c))?,
        Collection::Figures => get(path, text, cached).map(|(r, s, c)| (Loaded::Figures(r), s, c))?,
    })
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

/// Upgrades a model loaded from an older format version. Each step has a fixture folder
/// in `tests/fixtures/`, and the tests run the whole chain from version 1.
///
/// - 1 → 2 changed only the layout of files (delegations split by year), which `open` and
///   the first save handle; the records are the same.
/// - 2 → 3 added fields with empty defaults (a person's staff and interpreter marks, a
///   member's organisation, position and hotel room, `Lodging::Other`). A member's
///   organisation and position are then copied from the person as they stand, which is
///   what version 2 showed for them; from then on a change of job leaves old rosters be.
fn migrate(from: u32, model: &mut Model) {
    debug_assert!(from <= FORMAT_VERSION);
    if from < 3 {
        let jobs: HashMap<String, (String, String)> = model
            .people
            .iter()
            .map(|p| (p.id.as_str().to_owned(), (p.organisation.clone(), p.position.clone())))
            .collect();
        for m in model.delegations.iter_mut().flat_map(|d| d.members.iter_mut()) {
            if let Some((org, pos)) = jobs.get(m.person.as_str())
                && m.organisation.is_empty()
                && m.position.is_empty()
            {
                m.organisation.clone_from(org);
                m.position.clone_from(pos);
            }
        }
    }
}
