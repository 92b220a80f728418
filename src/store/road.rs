//! The copy for the road on disk (`pobratim road take` / `road return`): a data folder like
//! any other, so the app and every command open it as they open the office's, plus
//! `road.ron` (from where, when, by whom, from which revision, which visits, whether
//! passports went) and `.road-base/`, a data folder of the records as taken: the base the
//! return merges from (`model::road`). After a return the base becomes the copy as it was
//! returned, so returning again brings nothing twice.

use super::journal::{self, Action};
use super::{Found, OpenMode, StoreError, Workspace, atomic, holds_data, io_err};
use crate::model::road::Back;
use crate::model::{DelegationId, Model};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The manifest's file name in the copy.
pub const MANIFEST: &str = "road.ron";

/// The folder of the base inside the copy.
pub const BASE_DIR: &str = ".road-base";

/// The comment line that opens `road.ron`.
const WHAT: &str = "road: a copy of the department's data for a trip; bring it back with `pobratim road return`";

/// What `road.ron` says of a copy.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Manifest {
    /// The office's data folder it was taken from, as that computer named it.
    pub office: String,
    /// The office folder's revision when it was taken (`None`: a folder no save had touched).
    pub revision: Option<u64>,
    /// When it was taken, `27.11.2026 14:05`.
    pub taken: String,
    /// Who took it, `user@host`.
    pub by: String,
    /// The visits taken, by id; empty: the whole folder.
    pub delegations: Vec<String>,
    /// Whether passports were left out.
    pub without_passports: bool,
    /// When it was brought back, each time.
    pub returned: Vec<String>,
}

/// A folder's full path (for the log and the manifest, which are read on another day,
/// perhaps on another computer); as given when it cannot be resolved.
pub fn full_path(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).or_else(|_| std::path::absolute(path)).unwrap_or_else(|_| path.to_path_buf())
}

/// Where a copy chosen to go into `chosen` is written: `chosen` itself when it is missing or
/// empty, else a new folder `name` inside it (« (2)», « (3)»… when that exists), so a copy
/// never mixes with what a folder already holds (a USB stick's root, the home folder).
pub fn destination(chosen: &Path, name: &str) -> PathBuf {
    let empty = match std::fs::read_dir(chosen) {
        Ok(mut entries) => entries.next().is_none(),
        Err(_) => !chosen.exists(),
    };
    if empty { chosen.to_path_buf() } else { super::free_name(chosen, name) }
}

/// The copy's manifest path.
pub fn manifest_path(copy: &Path) -> PathBuf {
    copy.join(MANIFEST)
}

/// Writes a new copy into `out`, which must hold no data yet: `model` (already the visits
/// and what they refer to) as a data folder, the same as its base, and the manifest.
pub fn write_copy(out: &Path, model: &Model, manifest: &Manifest) -> Result<(), StoreError> {
    if holds_data(out)? {
        return Err(StoreError::Io {
            action: "cannot write a copy into",
            path: out.to_path_buf(),
            cause: std::io::Error::other("the folder already holds Pobratim data; choose a new or empty folder"),
        });
    }
    save_folder(&out.join(BASE_DIR), model)?;
    save_folder(out, model)?;
    write_manifest(out, manifest)
}

/// Takes a copy for the road (`pobratim road take`, «Взять с собой»): `copy` (already the
/// visits `ids` and what they refer to; `ids` empty: the whole folder) goes into `out` with
/// its base and manifest, which notes `office` and its `revision`. When people go, the line
/// in `office`'s personal-data log is written first: personal data never leaves without it.
pub fn take(
    office: &Path,
    revision: Option<u64>,
    copy: &Model,
    ids: &[DelegationId],
    without_passports: bool,
    out: &Path,
) -> Result<(), StoreError> {
    let passports = copy.people.iter().filter(|p| p.passport.is_some()).count();
    let what = if ids.is_empty() {
        "всё".to_owned()
    } else {
        ids.iter().map(DelegationId::as_str).collect::<Vec<_>>().join(", ")
    };
    let details = format!("людей: {}; паспортов: {passports}; копия: {}", copy.people.len(), out.display());
    let entry = journal::Entry::now(Action::RoadCopy, what, details);
    let manifest = Manifest {
        office: office.display().to_string(),
        revision,
        taken: entry.time.clone(),
        by: entry.user.clone(),
        delegations: ids.iter().map(|i| i.as_str().to_owned()).collect(),
        without_passports,
        returned: Vec::new(),
    };
    if !copy.people.is_empty() {
        journal::append(office, &entry)?;
    }
    write_copy(out, copy, &manifest)
}

/// What a return found both sides changed differently, as conflicts to store.
pub fn found(back: &Back) -> Vec<Found> {
    back.clashes.iter().map(|(record, clash)| Found { record: record.clone(), clash: clash.clone() }).collect()
}

/// Reads a copy's manifest.
pub fn read_manifest(copy: &Path) -> Result<Manifest, StoreError> {
    let path = manifest_path(copy);
    let text = std::fs::read_to_string(&path).map_err(io_err("cannot read", &path))?;
    ron::from_str(&text).map_err(|e| {
        let error = super::LoadError {
            path: path.clone(),
            line: Some(e.span.start.line),
            column: Some(e.span.start.col),
            message: e.code.to_string(),
        };
        StoreError::ReadOnly(super::ReadOnlyReason::LoadFailed(vec![error]))
    })
}

/// Writes a copy's manifest.
pub fn write_manifest(copy: &Path, manifest: &Manifest) -> Result<(), StoreError> {
    let path = manifest_path(copy);
    let text = super::text::whole(manifest, WHAT, &path)?;
    atomic::write_atomic(&path, text.as_bytes(), true).map_err(io_err("cannot write", &path))
}

/// The copy and its base, each read as a data folder (an older format is migrated in
/// memory, as any open does).
pub fn read_copy(copy: &Path) -> Result<(Model, Model), StoreError> {
    let open = |dir: &Path| -> Result<Model, StoreError> {
        let (ws, model) = Workspace::open(dir, OpenMode::ReadOnly)?;
        if !ws.load_errors().is_empty() {
            return Err(StoreError::ReadOnly(super::ReadOnlyReason::LoadFailed(ws.load_errors().to_vec())));
        }
        Ok(model)
    };
    if !copy.join(BASE_DIR).is_dir() {
        return Err(StoreError::Io {
            action: "cannot return",
            path: copy.to_path_buf(),
            cause: std::io::Error::other("not a copy for the road: it has no .road-base folder"),
        });
    }
    Ok((open(copy)?, open(&copy.join(BASE_DIR))?))
}

/// After a return: the base becomes `copy` (the copy as returned), so the next return
/// brings only what changes after it.
pub fn rebase(copy_dir: &Path, copy: &Model) -> Result<(), StoreError> {
    save_folder(&copy_dir.join(BASE_DIR), copy)
}

/// Saves `model` whole into the data folder `dir` (created if missing).
fn save_folder(dir: &Path, model: &Model) -> Result<(), StoreError> {
    let (mut ws, _) = Workspace::open(dir, OpenMode::ReadWrite)?;
    if !ws.is_writable() {
        let reason = ws.read_only_reasons().first().cloned().unwrap_or(super::ReadOnlyReason::Requested);
        return Err(StoreError::ReadOnly(reason));
    }
    ws.save(model)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copy_goes_into_a_missing_or_empty_folder_else_into_a_new_one_inside() {
        let dir = tempfile::tempdir().expect("tempdir");
        let missing = dir.path().join("trip");
        assert_eq!(destination(&missing, "copy"), missing);
        std::fs::create_dir(&missing).expect("mkdir");
        assert_eq!(destination(&missing, "copy"), missing, "empty");
        std::fs::write(missing.join("photo.jpg"), b"x").expect("write");
        assert_eq!(destination(&missing, "copy"), missing.join("copy"));
        std::fs::create_dir(missing.join("copy")).expect("mkdir");
        assert_eq!(destination(&missing, "copy"), missing.join("copy (2)"));
    }
}
