//! Files outside a workspace: exports written and imports read anywhere the user picks,
//! where printed PDFs go, and which folder to work in (the per-user default, seeded with
//! the sample data on the first run).

use super::atomic::write_atomic;
use super::{DELEGATIONS_DIR, DataFile, LEGACY_DELEGATIONS_FILE, META_FILE, StoreError, io_err, sample};
use std::fs;
use std::path::{Path, PathBuf};

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

/// The first name in `dir` no file holds yet: `name` itself, else «Программа — … (2).pdf»,
/// then « (3)»…, the number before the extension.
pub fn free_name(dir: &Path, name: &str) -> PathBuf {
    let (stem, extension) = match name.rfind('.') {
        Some(dot) if dot > 0 => name.split_at(dot),
        _ => (name, ""),
    };
    let mut path = dir.join(name);
    let mut n = 2u32;
    while path.symlink_metadata().is_ok() && n < u32::MAX {
        path = dir.join(format!("{stem} ({n}){extension}"));
        n += 1;
    }
    path
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
        return Err(StoreError::ImportTooLarge {
            path: path.to_path_buf(),
            size_mb: len / 1_048_576,
            limit_mb: MAX_IMPORT_BYTES / 1_048_576,
        });
    }
    fs::read(path).map_err(io_err("cannot read", path))
}

/// The per-user data folder (`~/.local/share/pobratim` on Linux, `%APPDATA%\…` on Windows).
pub fn default_data_dir() -> Result<PathBuf, StoreError> {
    directories::ProjectDirs::from("ru", "Khabarovsk", "Pobratim")
        .map(|d| d.data_dir().to_path_buf())
        .ok_or(StoreError::NoDefaultDir)
}

/// Where the window's size, position and the UI language are kept between runs: the
/// per-user configuration folder (`~/.config/pobratim/window.ron` on Linux), never the
/// data folder. eframe's own default is `~/.local/share/pobratim`, the default data folder.
pub fn window_settings_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("ru", "Khabarovsk", "Pobratim").map(|d| d.config_dir().join("window.ron"))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_taken_name_gets_the_next_number() {
        let dir = tempfile::tempdir().expect("tempdir");
        let name = "Программа — Детская делегация г. Ниигаты — 15.08.2016.pdf";
        assert_eq!(free_name(dir.path(), name), dir.path().join(name));
        fs::write(dir.path().join(name), b"1").expect("write");
        let second = free_name(dir.path(), name);
        assert_eq!(second, dir.path().join("Программа — Детская делегация г. Ниигаты — 15.08.2016 (2).pdf"));
        fs::write(&second, b"2").expect("write");
        assert_eq!(
            free_name(dir.path(), name),
            dir.path().join("Программа — Детская делегация г. Ниигаты — 15.08.2016 (3).pdf")
        );
        fs::write(dir.path().join("Календарь"), b"").expect("write");
        assert_eq!(free_name(dir.path(), "Календарь"), dir.path().join("Календарь (2)"));
        assert_eq!(free_name(&dir.path().join("absent"), "a.pdf"), dir.path().join("absent").join("a.pdf"));
    }
}
