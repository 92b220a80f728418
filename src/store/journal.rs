//! The personal-data log (`personal-data-log.csv` in the data folder): who revealed,
//! exported or printed passport data, and every retention purge. Staff can read it in the
//! People panel; an inspector can open it in a spreadsheet (UTF-8 with BOM, `;`).
//!
//! Entries are appended and synced one by one; the file is never rewritten.

use super::{StoreError, io_err};
use serde::{Deserialize, Serialize};
use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The log's file name in the data folder.
pub const FILE: &str = "personal-data-log.csv";

/// What was done with personal data.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Action {
    /// A passport number shown in full on screen.
    RevealPassport,
    /// A date of birth shown on screen.
    RevealBirthDate,
    /// A person's form opened for editing, which shows the passport in full.
    EditPersonalData,
    /// A roster exported (CSV, XLSX) with passport numbers in full.
    ExportPassports,
    /// A roster printed with passport numbers in full.
    PrintPassports,
    /// Personal data purged after the retention period.
    Purge,
    /// A copy for the road written: the people of the visits taken, off-site.
    RoadCopy,
}

impl Action {
    /// The action for the log viewer.
    pub fn name(self, lang: crate::model::Lang) -> &'static str {
        use crate::model::Lang::{En, Ru};
        match (lang, self) {
            (Ru, Self::RevealPassport) => "показан номер паспорта",
            (Ru, Self::RevealBirthDate) => "показана дата рождения",
            (Ru, Self::EditPersonalData) => "открыта карточка с паспортом",
            (Ru, Self::ExportPassports) => "экспорт с номерами паспортов",
            (Ru, Self::PrintPassports) => "печать с номерами паспортов",
            (Ru, Self::Purge) => "удаление по сроку хранения",
            (Ru, Self::RoadCopy) => "копия взята с собой в поездку",
            (En, Self::RevealPassport) => "passport number shown",
            (En, Self::RevealBirthDate) => "date of birth shown",
            (En, Self::EditPersonalData) => "card with passport opened",
            (En, Self::ExportPassports) => "export with passport numbers",
            (En, Self::PrintPassports) => "print with passport numbers",
            (En, Self::Purge) => "retention purge",
            (En, Self::RoadCopy) => "copy taken off-site for a trip",
        }
    }
}

/// One line of the log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// Local time, `27.11.2026 14:05`.
    pub time: String,
    /// `user@host`.
    pub user: String,
    /// What was done.
    pub action: Action,
    /// To what: a person's or delegation's id, or the file written.
    pub object: String,
    /// Details: the file, the number of people, the retention period.
    pub details: String,
}

impl Entry {
    /// An entry made now by the current user.
    pub fn now(action: Action, object: impl Into<String>, details: impl Into<String>) -> Entry {
        let user = whoami::username().unwrap_or_else(|_| "?".into());
        let host = whoami::hostname().unwrap_or_else(|_| "?".into());
        Entry {
            time: chrono::Local::now().format("%d.%m.%Y %H:%M").to_string(),
            user: format!("{user}@{host}"),
            action,
            object: object.into(),
            details: details.into(),
        }
    }
}

fn path(dir: &Path) -> PathBuf {
    dir.join(FILE)
}

/// Appends `entry` to the folder's log, creating it with a header and a BOM. Under the
/// save lock: colleagues' apps append to the same log, and a network drive does not make
/// appends from two computers whole by itself.
pub fn append(dir: &Path, entry: &Entry) -> Result<(), StoreError> {
    use super::team::lock::{LockError, SaveLock, Timing, Watch};
    let _lock = match SaveLock::acquire(dir, super::open::SAVE_LOCK_WAIT, &mut Watch::default(), Timing::default()) {
        Ok(lock) => lock,
        Err(LockError::Busy(holder)) => {
            return Err(StoreError::Busy { holder: holder.map(Box::new), path: dir.to_path_buf() });
        }
        Err(LockError::Io(e)) => return Err(io_err("cannot create the lock in", dir)(e)),
    };
    let path = path(dir);
    let new = !path.exists();
    let mut w = csv::WriterBuilder::new().delimiter(b';').has_headers(new).from_writer(Vec::new());
    w.serialize(entry).map_err(|e| StoreError::Io { action: "cannot write", path: path.clone(), cause: e.into() })?;
    let mut bytes = if new { b"\xEF\xBB\xBF".to_vec() } else { Vec::new() };
    bytes.extend(w.into_inner().map_err(|e| io_err("cannot write", &path)(e.into_error()))?);
    let mut file = OpenOptions::new().create(true).append(true).open(&path).map_err(io_err("cannot write", &path))?;
    file.write_all(&bytes).map_err(io_err("cannot write", &path))?;
    file.sync_all().map_err(io_err("cannot write", &path))
}

/// The log's entries, oldest first; none when there is no log yet.
pub fn read(dir: &Path) -> Result<Vec<Entry>, StoreError> {
    let path = path(dir);
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(io_err("cannot read", &path)(e)),
    };
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let mut r = csv::ReaderBuilder::new().delimiter(b';').from_reader(text);
    r.deserialize()
        .map(|row| row.map_err(|e| StoreError::Io { action: "cannot read", path: path.clone(), cause: e.into() }))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_append_and_read_back() {
        let dir = tempfile::tempdir().expect("tempdir");
        assert!(read(dir.path()).expect("no log yet").is_empty());
        let a = Entry::now(Action::RevealPassport, "p-tanaka", "");
        let b = Entry::now(Action::Purge, "12 человек", "срок 5 лет; «кавычки»; точка с запятой ;");
        append(dir.path(), &a).expect("append");
        append(dir.path(), &b).expect("append");
        assert_eq!(read(dir.path()).expect("read"), vec![a, b]);
        let raw = std::fs::read(dir.path().join(FILE)).expect("raw");
        assert!(raw.starts_with(b"\xEF\xBB\xBFtime;user;action;object;details\n"), "one header, for Excel");
    }
}
