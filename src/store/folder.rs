//! Files outside a workspace: exports written and imports read anywhere the user picks,
//! where printed PDFs go, and which folder to work in: `--data`, the user's last choice,
//! `POBRATIM_DATA`, IT's system-wide file, else the per-user default (the only folder ever
//! seeded with the sample data, on the first run).

use super::atomic::write_atomic;
use super::{
    DELEGATIONS_DIR, DataFile, LEGACY_DELEGATIONS_FILE, LEGACY_PEOPLE_FILE, META_FILE, PEOPLE_DIR, StoreError, io_err,
    sample,
};
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
    let names = DataFile::SINGLE.iter().map(|f| f.relative_path()).chain(
        [META_FILE, LEGACY_DELEGATIONS_FILE, DELEGATIONS_DIR, LEGACY_PEOPLE_FILE, PEOPLE_DIR].map(PathBuf::from),
    );
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

/// The environment variable that names the data folder (set by IT, or by a login script).
pub const DATA_ENV: &str = "POBRATIM_DATA";

/// A settings file that names a data folder: the user's last choice
/// (`~/.config/pobratim/folder.ron`) or IT's system-wide default
/// (`/etc/pobratim/folder.ron`, `%ProgramData%\Pobratim\folder.ron`).
///
/// ```ron
/// (data: "/mnt/obmen/pobratim")
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FolderSetting {
    /// The data folder; a relative path is read from the settings file's own folder, and an
    /// empty one sets nothing. (A plain path, not an `Option`: RON would want `Some(…)`
    /// around it, which IT would not guess.)
    #[serde(default)]
    pub data: PathBuf,
}

/// Where the folder to work in came from, strongest first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FolderSource {
    /// `--data DIR`.
    CommandLine,
    /// The user's last «Открыть папку данных…», kept in this settings file.
    Chosen(PathBuf),
    /// [`DATA_ENV`].
    Environment,
    /// IT's system-wide settings file.
    System(PathBuf),
    /// The per-user default folder: the only one the sample data is ever copied into.
    Default,
}

impl FolderSource {
    /// Where the folder was set, for a message: a file's path or the variable's name.
    pub fn set_in(&self) -> String {
        match self {
            Self::CommandLine => "--data".to_owned(),
            Self::Chosen(file) | Self::System(file) => file.display().to_string(),
            Self::Environment => DATA_ENV.to_owned(),
            Self::Default => String::new(),
        }
    }
}

/// The user's settings file that remembers the folder last opened.
pub fn chosen_folder_file() -> Option<PathBuf> {
    directories::ProjectDirs::from("ru", "Khabarovsk", "Pobratim").map(|d| d.config_dir().join("folder.ron"))
}

/// IT's system-wide settings file: `%ProgramData%\Pobratim\folder.ron` on Windows,
/// `/etc/pobratim/folder.ron` elsewhere.
pub fn system_folder_file() -> Option<PathBuf> {
    if cfg!(windows) {
        std::env::var_os("ProgramData").map(|p| PathBuf::from(p).join("Pobratim").join("folder.ron"))
    } else {
        Some(PathBuf::from("/etc/pobratim/folder.ron"))
    }
}

/// The folder a settings file names, if the file exists and names one. A file that does
/// not parse is an error naming its line: a typo by IT must not silently send everyone to
/// their own private folder.
pub fn read_folder_setting(file: &Path) -> Result<Option<PathBuf>, StoreError> {
    let text = match fs::read(file) {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io_err("cannot read", file)(e)),
    };
    let setting: FolderSetting = ron::from_str(&text).map_err(|e| {
        StoreError::FolderSetting(super::LoadError {
            path: file.to_path_buf(),
            line: Some(e.span.start.line),
            column: Some(e.span.start.col),
            message: e.code.to_string(),
        })
    })?;
    let base = file.parent().unwrap_or(Path::new(""));
    Ok(Some(setting.data).filter(|d| !d.as_os_str().is_empty()).map(|d| base.join(d)))
}

/// Where each way of naming the folder points (`None`: not set), for [`choose_folder`].
#[derive(Clone, Debug, Default)]
pub struct FolderSettings {
    /// `--data`.
    pub explicit: Option<PathBuf>,
    /// The user's settings file and what it names.
    pub chosen: Option<(PathBuf, PathBuf)>,
    /// [`DATA_ENV`]'s value.
    pub environment: Option<PathBuf>,
    /// IT's settings file and what it names.
    pub system: Option<(PathBuf, PathBuf)>,
}

/// The folder to work in, and where it was set: `--data`, else the user's last choice,
/// else [`DATA_ENV`], else IT's file, else `None` (the per-user default). A person's own
/// choice wins over IT's default, which only says where to start.
pub fn choose_folder(settings: FolderSettings) -> Option<(PathBuf, FolderSource)> {
    if let Some(dir) = settings.explicit {
        return Some((dir, FolderSource::CommandLine));
    }
    if let Some((file, dir)) = settings.chosen {
        return Some((dir, FolderSource::Chosen(file)));
    }
    if let Some(dir) = settings.environment {
        return Some((dir, FolderSource::Environment));
    }
    settings.system.map(|(file, dir)| (dir, FolderSource::System(file)))
}

/// Reads where the folder is set on this computer: `explicit`, the user's file, the
/// environment and IT's file.
pub fn folder_settings(explicit: Option<&Path>) -> Result<FolderSettings, StoreError> {
    let named = |file: Option<PathBuf>| -> Result<Option<(PathBuf, PathBuf)>, StoreError> {
        match file {
            Some(file) => Ok(read_folder_setting(&file)?.map(|dir| (file, dir))),
            None => Ok(None),
        }
    };
    Ok(FolderSettings {
        explicit: explicit.map(Path::to_path_buf),
        chosen: named(chosen_folder_file())?,
        environment: std::env::var_os(DATA_ENV).filter(|v| !v.is_empty()).map(PathBuf::from),
        system: named(system_folder_file())?,
    })
}

/// The folder to work in and where it was set. `--data` is taken as given (a new folder is
/// made on the first save). A folder named by a setting must exist: it is most often on a
/// network drive, and one not connected must not be replaced by an empty local folder.
/// Only the per-user default folder is seeded with the bundled sample data, on the first
/// run; never a folder the user chose or IT configured.
pub fn locate_data_dir(explicit: Option<&Path>) -> Result<(PathBuf, FolderSource), StoreError> {
    match choose_folder(folder_settings(explicit)?) {
        Some((dir, FolderSource::CommandLine)) => Ok((dir, FolderSource::CommandLine)),
        Some((dir, source)) if dir.is_dir() => Ok((dir, source)),
        Some((dir, source)) => Err(StoreError::ConfiguredFolderMissing { path: dir, set_in: source.set_in() }),
        None => {
            let dir = default_data_dir()?;
            sample::seed_if_empty(&dir)?;
            Ok((dir, FolderSource::Default))
        }
    }
}

/// The folder to work in: [`locate_data_dir`] without saying where it was set.
pub fn resolve_data_dir(explicit: Option<&Path>) -> Result<PathBuf, StoreError> {
    locate_data_dir(explicit).map(|(dir, _)| dir)
}

/// Remembers `dir` as the folder this user works in from now on (the app's «Открыть папку
/// данных…»), in the settings file `file` (the user's is [`chosen_folder_file`]).
pub fn remember_data_dir(file: &Path, dir: &Path) -> Result<(), StoreError> {
    let text = ron::ser::to_string_pretty(&FolderSetting { data: dir.to_path_buf() }, Default::default())
        .map_err(|e| StoreError::serialize(file, e))?;
    write_export(file, format!("{text}\n").as_bytes())
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

    #[test]
    fn the_users_choice_wins_over_it_and_the_command_line_over_all() {
        let p = |s: &str| PathBuf::from(s);
        let all = FolderSettings {
            explicit: Some(p("/cli")),
            chosen: Some((p("/home/u/.config/pobratim/folder.ron"), p("/mine"))),
            environment: Some(p("/env")),
            system: Some((p("/etc/pobratim/folder.ron"), p("/it"))),
        };
        assert_eq!(choose_folder(all.clone()), Some((p("/cli"), FolderSource::CommandLine)));
        let no_cli = FolderSettings { explicit: None, ..all };
        assert_eq!(
            choose_folder(no_cli.clone()),
            Some((p("/mine"), FolderSource::Chosen(p("/home/u/.config/pobratim/folder.ron"))))
        );
        let no_choice = FolderSettings { chosen: None, ..no_cli };
        assert_eq!(choose_folder(no_choice.clone()), Some((p("/env"), FolderSource::Environment)));
        let only_it = FolderSettings { environment: None, ..no_choice };
        assert_eq!(
            choose_folder(only_it.clone()),
            Some((p("/it"), FolderSource::System(p("/etc/pobratim/folder.ron"))))
        );
        assert_eq!(choose_folder(FolderSettings { system: None, ..only_it }), None, "the per-user default");
    }

    #[test]
    fn a_setting_file_reads_relative_paths_from_its_folder_and_names_a_typo() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("folder.ron");
        assert_eq!(read_folder_setting(&file).expect("absent"), None, "no file, no setting");
        fs::write(&file, "(data: \"/mnt/obmen/pobratim\")").expect("write");
        assert_eq!(read_folder_setting(&file).expect("read"), Some(PathBuf::from("/mnt/obmen/pobratim")));
        fs::write(&file, "(data: \"общая\")").expect("write");
        assert_eq!(read_folder_setting(&file).expect("read"), Some(dir.path().join("общая")));
        fs::write(&file, "(data: \"\")").expect("write");
        assert_eq!(read_folder_setting(&file).expect("read"), None, "an empty path sets nothing");
        fs::write(&file, "(\n  date: \"/mnt\")").expect("write");
        let e = read_folder_setting(&file).expect_err("a typo");
        let text = e.message(crate::model::Lang::Ru);
        assert!(text.contains("строка 2") && text.contains("date") && text.ends_with("folder.ron"), "{text}");
    }
}
