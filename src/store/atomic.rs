//! Crash-safe file replacement: temp file, fsync, backup, rename, fsync of the folder.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The hidden temp file a save of `path` writes first: `.cities.ron.<process>-<n>.tmp`.
///
/// The name is this process's own and new each time. Only the save lock's holder writes,
/// but a holder whose lock was broken while it was stopped may wake and write its temp
/// file while the new holder is between writing and renaming its own: with one shared
/// name, the new holder's rename would install the old holder's bytes. A temp file a crash
/// leaves is removed by a later save once it is old (`save::remove_stale_temp_files`).
pub fn temp_path(path: &Path) -> PathBuf {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    sibling(path, ".", &format!(".{:x}-{n:x}.tmp", std::process::id()))
}

/// Whether `name` is a temp file of [`temp_path`] (of a data file, a backup or a cache
/// entry), or of an older version (`.cities.ron.tmp`).
pub fn is_temp_name(name: &str) -> bool {
    name.starts_with('.') && name.ends_with(".tmp") && (name.contains(".ron.") || name.contains(".bin."))
}

/// The backup of the previous version (`cities.ron.bak`).
pub fn backup_path(path: &Path) -> PathBuf {
    sibling(path, "", ".bak")
}

fn sibling(path: &Path, prefix: &str, suffix: &str) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    path.with_file_name(format!("{prefix}{name}{suffix}"))
}

/// Replaces `path` with `contents` so that a crash at any moment leaves either the old or
/// the new file, never a torn one. With `keep_backup`, the old version becomes `NAME.bak`.
///
/// Steps: write `.NAME.tmp` in the same folder and fsync it; link (or copy) the old file to
/// `NAME.bak` through its own temp name; rename the temp file over `NAME`; fsync the folder.
/// On failure the temp file is removed and the old file is untouched.
pub fn write_atomic(path: &Path, contents: &[u8], keep_backup: bool) -> io::Result<()> {
    write_atomic_fenced(path, contents, keep_backup, &|| true)
}

/// The error [`write_atomic_fenced`] returns when its fence says no.
pub const FENCED: &str = "the save lock is no longer ours; nothing was renamed";

/// [`write_atomic`] that asks `fence` just before the backup and the rename, after the
/// slow part (writing and syncing the temp file): a saver whose save lock was broken while
/// it wrote (the computer paused, the network dropped) then stops with [`FENCED`] and
/// never replaces the file blind.
pub fn write_atomic_fenced(
    path: &Path,
    contents: &[u8],
    keep_backup: bool,
    fence: &dyn Fn() -> bool,
) -> io::Result<()> {
    let tmp = temp_path(path);
    let result = write_then_rename(path, &tmp, contents, keep_backup, fence);
    if result.is_err() {
        // Best effort: the temp file is ours and useless now. Ignoring this error is
        // right: the original error is the one the caller must see.
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Whether `e` is [`write_atomic_fenced`]'s refusal.
pub fn is_fenced(e: &io::Error) -> bool {
    e.get_ref().is_some_and(|inner| inner.to_string() == FENCED)
}

fn write_then_rename(
    path: &Path,
    tmp: &Path,
    contents: &[u8],
    keep_backup: bool,
    fence: &dyn Fn() -> bool,
) -> io::Result<()> {
    let fault = faults::active(path);
    if fault == Some(faults::Fault::PermissionDenied) {
        return Err(io::Error::new(io::ErrorKind::PermissionDenied, "Permission denied (injected)"));
    }
    let mut file = OpenOptions::new().write(true).create(true).truncate(true).open(tmp)?;
    if fault == Some(faults::Fault::DiskFull) {
        // As a full disk does: part of the data lands, then the write fails.
        file.write_all(&contents[..contents.len() / 2])?;
        return Err(io::Error::new(io::ErrorKind::StorageFull, "No space left on device (injected)"));
    }
    file.write_all(contents)?;
    file.sync_all()?;
    drop(file);
    if let Some(faults::Fault::PauseBeforeRename(ms)) = fault {
        std::thread::sleep(Duration::from_millis(ms));
    }
    if !fence() {
        return Err(io::Error::other(FENCED));
    }
    if keep_backup && path.exists() {
        make_backup(path)?;
    }
    if fault == Some(faults::Fault::RenameFails) {
        return Err(io::Error::other("the rename over the old file failed (injected)"));
    }
    renaming(path, || fs::rename(tmp, path))?;
    // A bare file name ("report.md") has the empty path as its parent: that is the
    // current folder, which is what must be synced.
    sync_dir(path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")))
}

/// Injected write failures for the reliability tests: a full disk, a denied permission, a
/// failed rename. They exist in every build because the integration tests drive the real
/// app; off, the cost is one uncontended lock per file written. A fault applies to writes
/// under one folder only, so tests running in parallel do not disturb each other.
pub mod faults {
    use std::path::{Path, PathBuf};
    use std::sync::Mutex;

    /// What a write under the folder does.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum Fault {
        /// Half the bytes land, then "No space left on device".
        DiskFull,
        /// The temp file cannot be created.
        PermissionDenied,
        /// Everything is written and synced, then the rename over the old file fails.
        RenameFails,
        /// The next this many renames of a file refuse with a sharing violation, as
        /// Windows does while another program holds the file; the write tries again.
        SharingViolation(u32),
        /// The temp file is written, then the writer waits this many milliseconds before
        /// its fence and rename (a long save, a computer that pauses).
        PauseBeforeRename(u64),
    }

    /// The injected sharing violation's message.
    pub const SHARING_VIOLATION: &str =
        "The process cannot access the file because it is being used by another process (injected)";

    static FAULTS: Mutex<Vec<(PathBuf, Fault)>> = Mutex::new(Vec::new());

    /// Files a network drive's client shows late: reads get the old text.
    static LATE: Mutex<Vec<(PathBuf, String)>> = Mutex::new(Vec::new());

    /// Makes the store's reads of the file at `path` return `stale` until [`show_on_time`],
    /// as a network drive's client that serves a file from its cache after another
    /// computer wrote it. The revision file and a merge's reads of data files go through
    /// this.
    pub fn show_late(path: &Path, stale: String) {
        if let Ok(mut f) = LATE.lock() {
            f.retain(|(p, _)| p != path);
            f.push((path.to_path_buf(), stale));
        }
    }

    /// Lets reads of `path` see the file again.
    pub fn show_on_time(path: &Path) {
        if let Ok(mut f) = LATE.lock() {
            f.retain(|(p, _)| p != path);
        }
    }

    /// The stale text a read of `path` gets, if it is shown late.
    pub fn late_text(path: &Path) -> Option<String> {
        let f = LATE.lock().ok()?;
        f.iter().find(|(p, _)| p == path).map(|(_, t)| t.clone())
    }

    /// Makes every write under `dir` fail with `fault` until [`clear`].
    pub fn inject(dir: &Path, fault: Fault) {
        if let Ok(mut f) = FAULTS.lock() {
            f.retain(|(d, _)| d != dir);
            f.push((dir.to_path_buf(), fault));
        }
    }

    /// Lets writes under `dir` succeed again.
    pub fn clear(dir: &Path) {
        if let Ok(mut f) = FAULTS.lock() {
            f.retain(|(d, _)| d != dir);
        }
    }

    /// Whether the rename of `path` is to refuse with a sharing violation now (one of the
    /// injected count is used up).
    pub(super) fn take_sharing_violation(path: &Path) -> bool {
        let Ok(mut f) = FAULTS.lock() else { return false };
        for (d, fault) in f.iter_mut() {
            if let Fault::SharingViolation(n) = fault
                && path.starts_with(d.as_path())
                && *n > 0
            {
                *n -= 1;
                return true;
            }
        }
        false
    }

    pub(super) fn active(path: &Path) -> Option<Fault> {
        let f = FAULTS.lock().ok()?;
        f.iter().find(|(d, _)| path.starts_with(d)).map(|(_, fault)| *fault)
    }
}

/// Makes `NAME.bak` a copy of the current `NAME` (a retention purge: the old backup may hold
/// purged personal data).
pub fn replace_backup(path: &Path) -> io::Result<()> {
    make_backup(path)?;
    sync_dir(path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")))
}

/// Makes `NAME.bak` a copy of `NAME`, atomically: a hard link where the file system has
/// them (no data copied), else a copy; either way through a temp name and a rename.
fn make_backup(path: &Path) -> io::Result<()> {
    let bak = backup_path(path);
    let bak_tmp = temp_path(&bak);
    let _ = fs::remove_file(&bak_tmp);
    if fs::hard_link(path, &bak_tmp).is_err() {
        fs::copy(path, &bak_tmp)?;
        File::open(&bak_tmp)?.sync_all()?;
    }
    let renamed = renaming(&bak, || fs::rename(&bak_tmp, &bak));
    if renamed.is_err() {
        // The link is useless now; the error above is the one to report.
        let _ = fs::remove_file(&bak_tmp);
    }
    renamed
}

/// How often a rename refused because another program holds the file is tried again:
/// waits of 10 ms doubling, about 2.5 s in all. On Windows an antivirus, the search
/// indexer or a colleague's viewer opening the file refuses a rename over it for a moment
/// (a sharing violation); on a network drive the moment can be longer.
const SHARING_RETRIES: u32 = 8;

/// Runs the rename `op` of `target`, again after a back-off while the file is held by
/// another program. Any other error is returned at once.
fn renaming(target: &Path, mut op: impl FnMut() -> io::Result<()>) -> io::Result<()> {
    let mut wait = Duration::from_millis(10);
    for _ in 0..SHARING_RETRIES {
        let result = if faults::take_sharing_violation(target) {
            Err(io::Error::new(io::ErrorKind::PermissionDenied, faults::SHARING_VIOLATION))
        } else {
            op()
        };
        match result {
            Err(e) if is_sharing_violation(&e) => {
                std::thread::sleep(wait);
                wait *= 2;
            }
            other => return other,
        }
    }
    if faults::take_sharing_violation(target) {
        return Err(io::Error::new(io::ErrorKind::PermissionDenied, faults::SHARING_VIOLATION));
    }
    op()
}

/// Whether a rename failed because another program holds the file: Windows'
/// `ERROR_ACCESS_DENIED` (5, what a file being deleted or scanned gives),
/// `ERROR_SHARING_VIOLATION` (32) and `ERROR_LOCK_VIOLATION` (33), or the injected fault.
fn is_sharing_violation(e: &io::Error) -> bool {
    if e.get_ref().is_some_and(|inner| inner.to_string() == faults::SHARING_VIOLATION) {
        return true;
    }
    cfg!(windows) && matches!(e.raw_os_error(), Some(5 | 32 | 33))
}

/// Makes a rename durable by syncing the folder's entry list.
#[cfg(unix)]
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

/// On Windows a folder cannot be opened for syncing; NTFS journals the rename itself,
/// so this is a documented no-op.
#[cfg(not(unix))]
pub fn sync_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_new_file_and_keeps_backup_of_old() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("cities.ron");
        write_atomic(&path, b"old", true).expect("first write");
        assert!(!backup_path(&path).exists(), "nothing to back up on the first write");
        write_atomic(&path, b"new", true).expect("second write");
        assert_eq!(fs::read(&path).expect("read"), b"new");
        assert_eq!(fs::read(backup_path(&path)).expect("read bak"), b"old");
        assert_eq!(temp_files(dir.path()), 0);
    }

    fn temp_files(dir: &Path) -> usize {
        fs::read_dir(dir)
            .map(|e| e.flatten().filter(|e| is_temp_name(&e.file_name().to_string_lossy())).count())
            .unwrap_or(0)
    }

    #[test]
    fn backup_is_independent_of_later_writes() {
        // A hard-linked backup must not change when the file is replaced again.
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("people.ron");
        write_atomic(&path, b"v1", true).expect("v1");
        write_atomic(&path, b"v2", true).expect("v2");
        write_atomic(&path, b"v3", true).expect("v3");
        assert_eq!(fs::read(backup_path(&path)).expect("bak"), b"v2");
    }

    #[test]
    fn failed_write_leaves_old_file_and_reports() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("events.ron");
        write_atomic(&path, b"old", true).expect("first write");
        faults::inject(dir.path(), faults::Fault::PermissionDenied);
        let err = write_atomic(&path, b"new", true).expect_err("must fail");
        faults::clear(dir.path());
        assert!(!err.to_string().is_empty());
        assert_eq!(fs::read(&path).expect("read"), b"old");
    }

    #[test]
    fn a_rename_refused_by_a_sharing_violation_is_tried_again_with_back_off() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("people.ron");
        write_atomic(&path, b"old", true).expect("first write");
        // Five refusals (the backup's rename and the file's share them): written anyway.
        faults::inject(dir.path(), faults::Fault::SharingViolation(5));
        let started = std::time::Instant::now();
        write_atomic(&path, b"new", true).expect("written after the retries");
        assert!(started.elapsed() >= Duration::from_millis(10 + 20 + 40 + 80), "it waited between tries");
        assert_eq!(fs::read(&path).expect("read"), b"new");
        assert_eq!(fs::read(backup_path(&path)).expect("bak"), b"old");
        // A file held for good: the error says so, and the old file is untouched.
        faults::inject(dir.path(), faults::Fault::SharingViolation(u32::MAX));
        let err = write_atomic(&path, b"newer", true).expect_err("held for good");
        faults::clear(dir.path());
        assert!(err.to_string().contains("used by another process"), "{err}");
        assert_eq!(fs::read(&path).expect("read"), b"new");
        assert_eq!(temp_files(dir.path()), 0, "the temp file is removed");
    }

    #[test]
    fn names_of_temp_and_backup() {
        let p = Path::new("/data/cities.ron");
        let (a, b) = (temp_path(p), temp_path(p));
        assert_ne!(a, b, "each write its own");
        for t in [&a, &b] {
            let name = t.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            assert!(name.starts_with(".cities.ron.") && is_temp_name(&name), "{name}");
            assert_eq!(t.parent(), Some(Path::new("/data")));
        }
        assert!(is_temp_name(".cities.ron.tmp") && is_temp_name(".people.bin.1-2.tmp"));
        assert!(!is_temp_name("cities.ron") && !is_temp_name(".pobratim"));
        assert_eq!(backup_path(p), Path::new("/data/cities.ron.bak"));
    }
}
