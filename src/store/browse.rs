//! The disk as a file dialog sees it: a folder's entries, the places to start from (home,
//! documents, the data folder, the drives on Windows), whether a file is already there, and
//! whether a program is on the PATH. The in-app dialog (`ui/dialogs/in_app.rs`) and the
//! choice of dialog read the disk only through here, so the store stays the one module that
//! touches files.

use super::{StoreError, io_err};
use std::fs;
use std::path::{Path, PathBuf};

/// One entry of a folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The name as the system gives it (a name that is not valid Unicode is shown lossily).
    pub name: String,
    /// The whole path.
    pub path: PathBuf,
    /// A folder (or a link to one), else a file.
    pub is_dir: bool,
}

/// The entries of `dir`: folders first, then files, each sorted by name without regard to
/// case (Cyrillic included). Hidden entries (a name starting with a dot) are left out.
pub fn list_folder(dir: &Path) -> Result<Vec<Entry>, StoreError> {
    let read = fs::read_dir(dir).map_err(io_err("cannot read folder", dir))?;
    let mut out = Vec::new();
    for entry in read {
        // An entry that vanished or cannot be read while listing is left out, not an error.
        let Ok(entry) = entry else { continue };
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let path = entry.path();
        // `metadata` follows links, so a link to a folder opens like a folder.
        let is_dir = fs::metadata(&path).map(|m| m.is_dir()).unwrap_or(false);
        out.push(Entry { name, path, is_dir });
    }
    out.sort_by(|a, b| b.is_dir.cmp(&a.is_dir).then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase())));
    Ok(out)
}

/// Whether `path` is an existing folder.
pub fn is_folder(path: &Path) -> bool {
    path.is_dir()
}

/// Whether something (a file, a folder, a link) already has this path: saving there asks
/// before replacing it.
pub fn exists(path: &Path) -> bool {
    path.symlink_metadata().is_ok()
}

/// The user's home folder and documents folder, where they exist.
pub fn home_and_documents() -> (Option<PathBuf>, Option<PathBuf>) {
    let Some(dirs) = directories::UserDirs::new() else { return (None, None) };
    let home = Some(dirs.home_dir().to_path_buf()).filter(|p| p.is_dir());
    let documents = dirs.document_dir().map(Path::to_path_buf).filter(|p| p.is_dir());
    (home, documents)
}

/// The drives to start from: `C:\`, `D:\`… on Windows (those that exist), `/` elsewhere.
pub fn roots() -> Vec<PathBuf> {
    if cfg!(windows) {
        (b'A'..=b'Z').map(|l| PathBuf::from(format!("{}:\\", l as char))).filter(|p| p.is_dir()).collect()
    } else {
        vec![PathBuf::from("/")]
    }
}

/// Whether `program` is an executable file in one of the folders of `path` (the value of
/// the PATH variable), as a shell would find it.
pub fn on_path(program: &str, path: Option<&std::ffi::OsStr>) -> bool {
    let Some(path) = path else { return false };
    std::env::split_paths(path).any(|dir| {
        let candidate = dir.join(program);
        fs::metadata(&candidate).is_ok_and(|m| m.is_file() && executable(&m))
    })
}

#[cfg(unix)]
fn executable(m: &fs::Metadata) -> bool {
    use std::os::unix::fs::PermissionsExt;
    m.permissions().mode() & 0o111 != 0
}

#[cfg(not(unix))]
fn executable(_: &fs::Metadata) -> bool {
    true
}

/// Writes a file where the user chose in a dialog. Unlike [`super::write_export`] it never
/// creates the folder: a folder that is gone (a removed USB stick, a share offline) is an
/// error, not a new empty folder on the local disk.
pub fn write_chosen(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty())
        && !parent.is_dir()
    {
        let cause = std::io::Error::new(std::io::ErrorKind::NotFound, "folder not found");
        return Err(io_err("cannot write into folder", parent)(cause));
    }
    super::atomic::write_atomic(path, bytes, false).map_err(io_err("cannot write", path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_folders_first_then_files_by_name_and_hides_dot_files() {
        let dir = tempfile::tempdir().expect("tempdir");
        for d in ["Отчёты", "архив", "Belgrade"] {
            fs::create_dir(dir.path().join(d)).expect("mkdir");
        }
        for f in ["календарь.ics", "Аннотация.pdf", ".hidden"] {
            fs::write(dir.path().join(f), b"x").expect("write");
        }
        let names: Vec<(String, bool)> =
            list_folder(dir.path()).expect("list").into_iter().map(|e| (e.name, e.is_dir)).collect();
        assert_eq!(
            names,
            [
                ("Belgrade".to_owned(), true),
                ("архив".to_owned(), true),
                ("Отчёты".to_owned(), true),
                ("Аннотация.pdf".to_owned(), false),
                ("календарь.ics".to_owned(), false),
            ]
        );
        let missing = dir.path().join("нет такой");
        let e = list_folder(&missing).expect_err("missing");
        assert!(e.message(crate::model::Lang::Ru).contains("не удалось прочитать папку"), "{e}");
    }

    #[test]
    fn a_chosen_file_is_written_only_into_a_folder_that_exists() {
        let dir = tempfile::tempdir().expect("tempdir");
        let ok = dir.path().join("Отчёты.ics");
        write_chosen(&ok, b"BEGIN").expect("written");
        assert_eq!(fs::read(&ok).expect("read"), b"BEGIN");
        assert!(exists(&ok));
        let gone = dir.path().join("флешка").join("календарь.ics");
        let e = write_chosen(&gone, b"x").expect_err("no folder");
        assert!(!dir.path().join("флешка").exists(), "the folder is not made");
        assert!(e.message(crate::model::Lang::Ru).starts_with("не удалось записать в папку: не найдено"), "{e}");
    }

    #[test]
    fn finds_an_executable_on_the_path() {
        let dir = tempfile::tempdir().expect("tempdir");
        let program = dir.path().join("zenity");
        fs::write(&program, b"#!/bin/sh\n").expect("write");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert!(!on_path("zenity", Some(dir.path().as_os_str())), "not executable yet");
            fs::set_permissions(&program, fs::Permissions::from_mode(0o755)).expect("chmod");
        }
        let path = std::env::join_paths([Path::new("/nonexistent"), dir.path()]).expect("join");
        assert!(on_path("zenity", Some(&path)));
        assert!(!on_path("kdialog", Some(&path)));
        assert!(!on_path("zenity", None));
    }
}
