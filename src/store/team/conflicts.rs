//! `.pobratim/conflicts/`: what a save could not merge. One file per conflict, so that
//! storing one never rewrites another and a torn file loses only itself.
//!
//! A conflict names the record and the field or item (`programme[4711].note`), and holds
//! both values as RON text: theirs, which the data file kept, and ours, which would
//! otherwise be lost. It stays until someone chooses «оставить их» or «взять моё».

use super::team_dir;
use crate::model::merge::Clash;
use crate::store::Found;
use crate::store::atomic::write_atomic;
use crate::store::lock::LockInfo;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::fs;
use std::io;
use std::path::Path;

/// The folder's name in `.pobratim/`.
pub const CONFLICTS_DIR: &str = "conflicts";

/// One stored conflict.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Conflict {
    /// Its file name's number.
    pub id: u64,
    /// The record, as the journal names it: `delegation:niigata-2027`.
    pub record: String,
    /// What clashed.
    pub clash: Clash,
    /// Whose save found it (ours is that person's value).
    pub user: String,
    /// On which computer.
    pub host: String,
    /// When, by that computer's clock.
    pub at: DateTime<Utc>,
}

impl Default for Conflict {
    fn default() -> Self {
        Self {
            id: 0,
            record: String::new(),
            clash: Clash { path: String::new(), mine: None, theirs: None },
            user: String::new(),
            host: String::new(),
            at: DateTime::UNIX_EPOCH,
        }
    }
}

/// Stores the clashes a save found, one file each. A clash already stored the same way
/// (a save that stopped after storing its conflicts, tried again) is not stored twice.
pub fn store(data_dir: &Path, found: &[Found]) -> io::Result<Vec<Conflict>> {
    let dir = team_dir(data_dir).join(CONFLICTS_DIR);
    fs::create_dir_all(&dir)?;
    let me = LockInfo::current();
    let stored = list(data_dir);
    let mut out = Vec::with_capacity(found.len());
    for f in found {
        let record = super::revision::record_key(&f.record);
        if stored.iter().any(|c| c.record == record && c.clash == f.clash) {
            continue;
        }
        let conflict = Conflict {
            id: LockInfo::current().token,
            record,
            clash: f.clash.clone(),
            user: me.user.clone(),
            host: me.host.clone(),
            at: Utc::now(),
        };
        let text = ron::ser::to_string_pretty(&conflict, ron::ser::PrettyConfig::new().new_line("\n"))
            .map_err(io::Error::other)?;
        write_atomic(&dir.join(format!("{:016x}.ron", conflict.id)), text.as_bytes(), false)?;
        out.push(conflict);
    }
    Ok(out)
}

/// Every stored conflict, oldest first. A file that does not read is skipped (and left
/// where it is, for a person to look at).
pub fn list(data_dir: &Path) -> Vec<Conflict> {
    let dir = team_dir(data_dir).join(CONFLICTS_DIR);
    let Ok(entries) = fs::read_dir(&dir) else { return Vec::new() };
    let mut out: Vec<Conflict> = entries
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "ron"))
        .filter_map(|e| ron::from_str(&fs::read_to_string(e.path()).ok()?).ok())
        .collect();
    out.sort_by_key(|a| (a.at, a.id));
    out
}

/// After a retention purge of `people` (person keys): no stored conflict keeps a purged
/// value. A clash on a purged field of theirs resolves to the purge (removed); a
/// whole-record clash is written again without the purged fields.
pub fn scrub_purged(data_dir: &Path, people: &std::collections::BTreeSet<String>) -> io::Result<()> {
    let dir = team_dir(data_dir).join(CONFLICTS_DIR);
    for c in list(data_dir) {
        let Some(key) = c.record.strip_prefix("person:") else { continue };
        if !people.contains(key) {
            continue;
        }
        let mut clashes = vec![c.clash.clone()];
        crate::model::retention::settle_purged(&mut None, &mut clashes, false);
        match clashes.pop() {
            None => remove(data_dir, c.id)?,
            Some(clash) if clash != c.clash => {
                let c = Conflict { clash, ..c };
                let text = ron::ser::to_string_pretty(&c, ron::ser::PrettyConfig::new().new_line("\n"))
                    .map_err(io::Error::other)?;
                write_atomic(&dir.join(format!("{:016x}.ron", c.id)), text.as_bytes(), false)?;
            }
            Some(_) => {}
        }
    }
    Ok(())
}

/// Removes a resolved conflict. One already removed (by a colleague) is fine.
pub fn remove(data_dir: &Path, id: u64) -> io::Result<()> {
    match fs::remove_file(team_dir(data_dir).join(CONFLICTS_DIR).join(format!("{id:016x}.ron"))) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DelegationId, RecordId};

    #[test]
    fn stored_conflicts_list_and_go() {
        let dir = tempfile::tempdir().expect("tempdir");
        let found = Found {
            record: RecordId::Delegation(DelegationId::new("niigata-2027")),
            clash: Clash { path: "notes".into(), mine: Some("\"моё\"".into()), theirs: Some("\"их\"".into()) },
        };
        let stored = store(dir.path(), &[found.clone(), found]).expect("store");
        let listed = list(dir.path());
        assert_eq!(listed.len(), 2);
        assert_eq!(listed[0].record, "delegation:niigata-2027");
        assert_eq!(listed[0].clash.mine.as_deref(), Some("\"моё\""));
        remove(dir.path(), stored[0].id).expect("remove");
        remove(dir.path(), stored[0].id).expect("twice is fine");
        assert_eq!(list(dir.path()).len(), 1);
    }
}
