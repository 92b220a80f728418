//! Crash-safe file replacement: temp file, fsync, backup, rename, fsync of the folder.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The hidden temp file a save of `path` writes first (`.cities.ron.tmp`).
///
/// The name is fixed, not random: only the lock holder writes, and a temp file left by a
/// crash is simply overwritten by the next save (and removed when the folder is opened).
pub fn temp_path(path: &Path) -> PathBuf {
    sibling(path, ".", ".tmp")
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
    let tmp = temp_path(path);
    let result = write_then_rename(path, &tmp, contents, keep_backup);
    if result.is_err() {
        // Best effort: the temp file is ours and useless now. Ignoring this error is
        // right: the original error is the one the caller must see.
        let _ = fs::remove_file(&tmp);
    }
    result
}

fn write_then_rename(path: &Path, tmp: &Path, contents: &[u8], keep_backup: bool) -> io::Result<()> {
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
    if keep_backup && path.exists() {
        make_backup(path)?;
    }
    if fault == Some(faults::Fault::RenameFails) {
        return Err(io::Error::other("the rename over the old file failed (injected)"));
    }
    fs::rename(tmp, path)?;
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
    }

    static FAULTS: Mutex<Vec<(PathBuf, Fault)>> = Mutex::new(Vec::new());

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
    fs::rename(&bak_tmp, &bak)
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
        assert!(!temp_path(&path).exists());
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
        // A folder squatting on the temp name makes the write fail, even for root.
        fs::create_dir(temp_path(&path)).expect("block temp");
        let err = write_atomic(&path, b"new", true).expect_err("must fail");
        assert!(!err.to_string().is_empty());
        assert_eq!(fs::read(&path).expect("read"), b"old");
    }

    #[test]
    fn names_of_temp_and_backup() {
        let p = Path::new("/data/cities.ron");
        assert_eq!(temp_path(p), Path::new("/data/.cities.ron.tmp"));
        assert_eq!(backup_path(p), Path::new("/data/cities.ron.bak"));
    }
}
