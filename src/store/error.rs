//! Errors of the data folder, each naming the file (and line and column where there is one).
//!
//! `Display` gives the English text (logs, the command line, tests); `message(lang)` gives
//! the text for the user in Russian or English, with the path last so a long path never
//! hides what went wrong.

use super::lock::LockInfo;
use crate::model::Lang;
use std::fmt;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

/// [`LoadError::message`] of a file whose bytes are not UTF-8.
pub(crate) const NOT_UTF8: &str = "not UTF-8 text (was it saved in another encoding?)";
/// [`LoadError::message`] of a `delegations/` file not named by a year.
pub(crate) const NOT_A_YEAR: &str = "a delegations file must be named by its year of arrival, such as 2016.ron";
/// [`LoadError::message`] for a file in `people/` that is not one of its sixteen parts.
pub(crate) const NOT_A_PART: &str =
    "the people folder holds only the files 00.ron to 15.ron, which the program names itself";
/// [`LoadError::message`] when a loader thread panicked.
pub(crate) const LOADER_CRASHED: &str = "the loader crashed";

/// A data file that could not be read or parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadError {
    /// The file.
    pub path: PathBuf,
    /// 1-based line of the problem, when known.
    pub line: Option<usize>,
    /// 1-based column of the problem, when known.
    pub column: Option<usize>,
    /// What is wrong (from the parser, naming the field where it can).
    pub message: String,
}

impl LoadError {
    /// The error for the user in `lang`: where in the file, what is wrong, then the file.
    /// The store's own reasons are translated; the parser's and the system's details stay
    /// as they come (they name fields and values exactly).
    pub fn message(&self, lang: Lang) -> String {
        let mut out = String::new();
        if let Some(line) = self.line {
            out.push_str(&match (lang, self.column) {
                (Lang::Ru, Some(col)) => format!("строка {line}, столбец {col}: "),
                (Lang::Ru, None) => format!("строка {line}: "),
                (Lang::En, Some(col)) => format!("line {line}, column {col}: "),
                (Lang::En, None) => format!("line {line}: "),
            });
        }
        let what = match (lang, self.message.as_str()) {
            (Lang::Ru, NOT_UTF8) => "это не текст в UTF-8 (не сохранён ли файл в другой кодировке?)",
            (Lang::Ru, NOT_A_YEAR) => "файл делегаций должен называться годом приезда, например 2016.ron",
            (Lang::Ru, NOT_A_PART) => "в папке people только файлы от 00.ron до 15.ron, их имена даёт программа",
            (Lang::Ru, LOADER_CRASHED) => "сбой при чтении папки",
            (_, other) => other,
        };
        out.push_str(what);
        out.push_str(match lang {
            Lang::Ru => "; файл: ",
            Lang::En => "; file: ",
        });
        out.push_str(&self.path.display().to_string());
        out
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // «строка 12, столбец 5: …» reads better in a banner than path:line:col, but the
        // path:line:col form is what editors jump to; give both.
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        write!(f, ": {}", self.message)
    }
}

/// Errors of opening and saving a data folder.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// An I/O error on a file or folder.
    #[error("{action} {path}: {cause}")]
    Io {
        /// What was being done, in English («cannot write»); [`StoreError::message`]
        /// translates the store's own verbs.
        action: &'static str,
        /// The file or folder.
        path: PathBuf,
        /// The cause (part of the message, so it is not repeated as an error source too).
        cause: std::io::Error,
    },
    /// The folder was written by a newer Pobratim.
    #[error(
        "the data folder has format version {found}, but this Pobratim understands up to {supported}; \
         update Pobratim. Nothing was changed: {path}"
    )]
    NewerFormat {
        /// `pobratim.ron`.
        path: PathBuf,
        /// The version in the file.
        found: u32,
        /// The newest this build knows.
        supported: u32,
    },
    /// The folder is open read-only.
    #[error("the data folder is read-only: {0}")]
    ReadOnly(ReadOnlyReason),
    /// No folder at the path.
    #[error("no data folder at {0}")]
    NotFound(PathBuf),
    /// No per-user data folder can be determined on this system.
    #[error("no per-user data folder is known on this system; pass --data DIR")]
    NoDefaultDir,
    /// The data folder disappeared since it was opened (a network drive, a moved folder);
    /// nothing is written, so an empty folder never takes its place.
    #[error("cannot reach the data folder {0}: the folder is missing")]
    FolderMissing(PathBuf),
    /// The data folder named by a setting (the user's last choice, `POBRATIM_DATA`, or the
    /// system-wide file IT wrote) is not there: a network drive not connected, most often.
    /// Nothing is created in its place, so no empty folder hides the department's data.
    #[error("the data folder set in {set_in} is not reachable (is the network drive connected?): {path}")]
    ConfiguredFolderMissing {
        /// The folder.
        path: PathBuf,
        /// Where it was set: a settings file's path, or the environment variable's name.
        set_in: String,
    },
    /// A file that names the data folder (the user's or the system-wide one) does not read.
    #[error("the data folder setting does not read: {0}")]
    FolderSetting(LoadError),
    /// A retention purge cannot finish while the purged model is not saved.
    #[error("purge not finished: save first {0}: the purged data is not saved yet")]
    PurgeUnsaved(PathBuf),
    /// A file to import is larger than [`super::MAX_IMPORT_BYTES`]; it was not read.
    #[error("refused to import {path}: the file is {size_mb} MB; an import takes at most {limit_mb} MB")]
    ImportTooLarge {
        /// The file.
        path: PathBuf,
        /// Its size in whole megabytes.
        size_mb: u64,
        /// The limit in megabytes.
        limit_mb: u64,
    },
    /// A colleague's save held the save lock for the whole wait (up to 10 s), with a live
    /// heartbeat. Nothing was written; the caller tries again later.
    #[error("the data folder is being saved by {}; nothing was written, try again: {path}", .holder.as_deref().map_or_else(|| "?".to_owned(), LockInfo::describe))]
    Busy {
        /// The holder of the save lock, if its lock file reads (boxed: errors stay small).
        holder: Option<Box<LockInfo>>,
        /// The data folder.
        path: PathBuf,
    },
    /// This save's lock was broken while it ran (the computer paused or lost the network
    /// for longer than the bound): it stopped before its next write. Nothing it had not
    /// written is lost; the caller saves again, which merges with what the other wrote.
    #[error("the save lock was taken over while saving (this computer paused too long); saving again: {0}")]
    Fenced(PathBuf),
    /// Records could not be written as RON text; the file on disk was left as it was.
    #[error("cannot write the records of {path} as RON: {message}")]
    Serialize {
        /// The file that was to be written.
        path: PathBuf,
        /// The serializer's reason.
        message: String,
    },
}

impl StoreError {
    /// The error for the user in `lang`, naming the file or folder last.
    pub fn message(&self, lang: Lang) -> String {
        let ru = lang == Lang::Ru;
        match self {
            Self::Io { action, path, cause } => {
                let action = if ru { action_ru(action) } else { action };
                let cause = if ru { cause_ru(cause) } else { cause.to_string() };
                format!("{action}: {cause}: {}", path.display())
            }
            Self::NewerFormat { path, found, supported } => {
                if ru {
                    format!(
                        "папка данных записана в формате версии {found}, а этот Побратим понимает версии до \
                         {supported}; обновите Побратим. Ничего не изменено: {}",
                        path.display()
                    )
                } else {
                    self.to_string()
                }
            }
            Self::ReadOnly(reason) => match lang {
                Lang::Ru => format!("папка данных открыта только для чтения: {}", reason.message(lang)),
                Lang::En => format!("the data folder is read-only: {}", reason.message(lang)),
            },
            Self::NotFound(path) => match lang {
                Lang::Ru => format!("папки данных нет: {}", path.display()),
                Lang::En => format!("no data folder at {}", path.display()),
            },
            Self::NoDefaultDir => match lang {
                Lang::Ru => "в этой системе не известна папка данных пользователя; укажите --data ПАПКА".to_owned(),
                Lang::En => self.to_string(),
            },
            Self::FolderMissing(path) => match lang {
                Lang::Ru => format!("папка данных недоступна (диск отключён или папка перемещена): {}", path.display()),
                Lang::En => format!("cannot reach the data folder: the folder is missing: {}", path.display()),
            },
            Self::ConfiguredFolderMissing { path, set_in } => match lang {
                Lang::Ru => format!(
                    "папка данных, заданная в {set_in}, недоступна (подключён ли сетевой диск?): {}",
                    path.display()
                ),
                Lang::En => self.to_string(),
            },
            Self::FolderSetting(e) => match lang {
                Lang::Ru => format!("настройка папки данных не читается: {}", e.message(lang)),
                Lang::En => format!("the data folder setting does not read: {}", e.message(lang)),
            },
            Self::PurgeUnsaved(path) => match lang {
                Lang::Ru => format!("очистка не завершена: сначала сохраните изменения: {}", path.display()),
                Lang::En => format!("purge not finished: the purged data is not saved yet: {}", path.display()),
            },
            Self::ImportTooLarge { path, size_mb, limit_mb } => match lang {
                Lang::Ru => format!(
                    "файл не импортирован: в нём {size_mb} МБ, а импорт принимает не больше {limit_mb} МБ: {}",
                    path.display()
                ),
                Lang::En => format!(
                    "refused to import: the file is {size_mb} MB; an import takes at most {limit_mb} MB: {}",
                    path.display()
                ),
            },
            Self::Busy { holder, path } => {
                let who = holder.as_deref().map_or_else(|| "?".to_owned(), LockInfo::describe);
                match lang {
                    Lang::Ru => {
                        format!("папку сейчас сохраняет {who}; ничего не записано, повторите: {}", path.display())
                    }
                    Lang::En => self.to_string(),
                }
            }
            Self::Fenced(path) => match lang {
                Lang::Ru => format!(
                    "блокировку сохранения перехватили во время записи (компьютер надолго замер); сохраняю заново: {}",
                    path.display()
                ),
                Lang::En => self.to_string(),
            },
            Self::Serialize { path, message } => match lang {
                Lang::Ru => {
                    format!("не удалось записать данные в формате RON ({message}); файл не изменён: {}", path.display())
                }
                Lang::En => {
                    format!("cannot write the records as RON ({message}); the file is unchanged: {}", path.display())
                }
            },
        }
    }

    /// A serialization failure of the file at `path`.
    pub(crate) fn serialize(path: &Path, cause: impl fmt::Display) -> Self {
        Self::Serialize { path: path.to_path_buf(), message: cause.to_string() }
    }
}

/// The store's English verbs (the `action` of [`StoreError::Io`]) in Russian; an unknown one
/// stays as it is.
fn action_ru(action: &'static str) -> &'static str {
    match action {
        "cannot write" => "не удалось записать",
        "cannot write into folder" => "не удалось записать в папку",
        "cannot read" => "не удалось прочитать",
        "cannot read folder" => "не удалось прочитать папку",
        "cannot create folder" => "не удалось создать папку",
        "cannot create the lock in" => "не удалось создать блокировку в папке",
        "cannot write the lock in" => "не удалось записать блокировку в папке",
        "cannot retire" => "не удалось переименовать в резервную копию",
        "cannot sync" => "не удалось сбросить на диск",
        "cannot overwrite the backup of" => "не удалось перезаписать резервную копию",
        "cannot delete" => "не удалось удалить",
        other => other,
    }
}

/// An I/O cause in Russian by its kind; the system's own text when the kind says little.
fn cause_ru(cause: &std::io::Error) -> String {
    let text = match cause.kind() {
        ErrorKind::NotFound => "не найдено",
        ErrorKind::PermissionDenied => "нет доступа",
        ErrorKind::AlreadyExists => "уже существует",
        ErrorKind::StorageFull => "на диске нет места",
        ErrorKind::QuotaExceeded => "превышена квота на диске",
        ErrorKind::ReadOnlyFilesystem => "диск доступен только для чтения",
        ErrorKind::FileTooLarge => "файл слишком большой",
        ErrorKind::ResourceBusy => "файл занят другой программой",
        ErrorKind::NotADirectory => "это не папка",
        ErrorKind::IsADirectory => "это папка, а не файл",
        ErrorKind::DirectoryNotEmpty => "папка не пуста",
        ErrorKind::StaleNetworkFileHandle | ErrorKind::NetworkUnreachable | ErrorKind::HostUnreachable => {
            "сетевой диск недоступен"
        }
        ErrorKind::Interrupted | ErrorKind::TimedOut => "операция прервана",
        _ => return cause.to_string(),
    };
    text.to_owned()
}

/// Why a workspace is read-only.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadOnlyReason {
    /// Another instance holds the lock (its record, if readable).
    Locked(Option<LockInfo>),
    /// Some files failed to load; writing could lose their records.
    LoadFailed(Vec<LoadError>),
    /// Opened for reading only (CLI commands that do not write).
    Requested,
}

impl ReadOnlyReason {
    /// The reason for the user in `lang` (each failed file as [`LoadError::message`]).
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (Self::Locked(Some(info)), Lang::Ru) => format!("папку занял {}", info.describe()),
            (Self::Locked(Some(info)), Lang::En) => format!("locked by {}", info.describe()),
            (Self::Locked(None), Lang::Ru) => {
                "папку занял другой экземпляр Побратима (файл блокировки не читается)".to_owned()
            }
            (Self::Locked(None), Lang::En) => "locked by another instance (the lock file is unreadable)".to_owned(),
            (Self::LoadFailed(errors), _) => {
                let mut out = match lang {
                    Lang::Ru => format!("не прочитано файлов: {}", errors.len()),
                    Lang::En => format!("{} file(s) failed to load", errors.len()),
                };
                for e in errors {
                    out.push_str("; ");
                    out.push_str(&e.message(lang));
                }
                out
            }
            (Self::Requested, Lang::Ru) => "открыта только для чтения".to_owned(),
            (Self::Requested, Lang::En) => "opened for reading".to_owned(),
        }
    }
}

impl fmt::Display for ReadOnlyReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Locked(Some(info)) => write!(f, "locked by {}", info.describe()),
            Self::Locked(None) => write!(f, "locked by another instance (the lock file is unreadable)"),
            Self::LoadFailed(errors) => {
                write!(f, "{} file(s) failed to load", errors.len())?;
                for e in errors {
                    write!(f, "; {e}")?;
                }
                Ok(())
            }
            Self::Requested => write!(f, "opened for reading"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cyrillic(s: &str) -> bool {
        s.chars().any(|c| matches!(c, 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё'))
    }

    fn broken_people() -> LoadError {
        LoadError {
            path: PathBuf::from("/data/people.ron"),
            line: Some(8),
            column: Some(5),
            message: "Unexpected field named `full_nmae_ru`".to_owned(),
        }
    }

    #[test]
    fn load_error_in_both_languages() {
        let e = broken_people();
        let ru = e.message(Lang::Ru);
        assert!(cyrillic(&ru), "{ru}");
        assert!(ru.starts_with("строка 8, столбец 5: "), "{ru}");
        assert!(ru.contains("full_nmae_ru") && ru.ends_with("/data/people.ron"), "{ru}");
        let en = e.message(Lang::En);
        assert!(!cyrillic(&en), "{en}");
        assert!(en.starts_with("line 8, column 5: ") && en.ends_with("/data/people.ron"), "{en}");
        // Display is unchanged: path:line:col first, for editors.
        assert_eq!(e.to_string(), "/data/people.ron:8:5: Unexpected field named `full_nmae_ru`");
    }

    #[test]
    fn store_own_load_reasons_are_translated() {
        let e = LoadError {
            path: PathBuf::from("delegations/x.ron"),
            line: None,
            column: None,
            message: NOT_A_YEAR.into(),
        };
        let ru = e.message(Lang::Ru);
        assert!(cyrillic(&ru) && ru.contains("годом приезда") && ru.ends_with("delegations/x.ron"), "{ru}");
        assert!(!ru.contains("must be named"), "{ru}");
        let e =
            LoadError { path: PathBuf::from("cities.ron"), line: Some(3), column: Some(1), message: NOT_UTF8.into() };
        let ru = e.message(Lang::Ru);
        assert!(ru.starts_with("строка 3, столбец 1: ") && ru.contains("UTF-8") && ru.ends_with("cities.ron"), "{ru}");
        assert_eq!(e.message(Lang::En), format!("line 3, column 1: {NOT_UTF8}; file: cities.ron"));
    }

    #[test]
    fn io_error_in_both_languages() {
        let e = StoreError::Io {
            action: "cannot write",
            path: PathBuf::from("/data/cities.ron"),
            cause: std::io::Error::new(ErrorKind::StorageFull, "No space left on device"),
        };
        let ru = e.message(Lang::Ru);
        assert_eq!(ru, "не удалось записать: на диске нет места: /data/cities.ron");
        let en = e.message(Lang::En);
        assert_eq!(en, "cannot write: No space left on device: /data/cities.ron");
        assert_eq!(e.to_string(), "cannot write /data/cities.ron: No space left on device");
    }

    #[test]
    fn every_variant_names_its_file_last_in_russian() {
        let path = PathBuf::from("/data/pobratim.ron");
        let errors = [
            StoreError::NewerFormat { path: path.clone(), found: 9, supported: 2 },
            StoreError::NotFound(path.clone()),
            StoreError::FolderMissing(path.clone()),
            StoreError::PurgeUnsaved(path.clone()),
            StoreError::ConfiguredFolderMissing { path: path.clone(), set_in: "POBRATIM_DATA".into() },
            StoreError::ImportTooLarge { path: path.clone(), size_mb: 25, limit_mb: 20 },
            StoreError::Serialize { path: path.clone(), message: "recursion limit".into() },
            StoreError::ReadOnly(ReadOnlyReason::LoadFailed(vec![LoadError {
                path: path.clone(),
                line: Some(2),
                column: None,
                message: "bad".into(),
            }])),
        ];
        for e in &errors {
            for lang in [Lang::Ru, Lang::En] {
                let text = e.message(lang);
                assert_eq!(cyrillic(&text), lang == Lang::Ru, "{text}");
                assert!(text.ends_with("/data/pobratim.ron"), "{text}");
            }
        }
        let ru = StoreError::NoDefaultDir.message(Lang::Ru);
        assert!(cyrillic(&ru) && ru.contains("--data"), "{ru}");
    }

    #[test]
    fn display_texts_stay_as_they_were() {
        let path = PathBuf::from("/data");
        assert_eq!(
            StoreError::FolderMissing(path.clone()).to_string(),
            "cannot reach the data folder /data: the folder is missing"
        );
        assert_eq!(
            StoreError::PurgeUnsaved(path.clone()).to_string(),
            "purge not finished: save first /data: the purged data is not saved yet"
        );
        assert_eq!(
            StoreError::ImportTooLarge { path: PathBuf::from("big.csv"), size_mb: 25, limit_mb: 20 }.to_string(),
            "refused to import big.csv: the file is 25 MB; an import takes at most 20 MB"
        );
        let reason = ReadOnlyReason::LoadFailed(vec![broken_people()]);
        assert_eq!(
            reason.message(Lang::En),
            "1 file(s) failed to load; line 8, column 5: Unexpected field named `full_nmae_ru`; file: /data/people.ron"
        );
        assert_eq!(
            reason.to_string(),
            "1 file(s) failed to load; /data/people.ron:8:5: Unexpected field named `full_nmae_ru`"
        );
        let ru = ReadOnlyReason::Locked(None).message(Lang::Ru);
        assert!(cyrillic(&ru), "{ru}");
    }
}
