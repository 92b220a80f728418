//! `.pobratim/revision`: a counter that every save bumps under the save lock, the token of
//! the lock holder that bumped it, and a short journal of who changed which records.
//!
//! Apps compare its *content*, never its modification time (a network drive's client may
//! cache file attributes for seconds). A reader that loads while a save runs reads the
//! revision before and after, and loads again if it moved.

use super::lock::SaveLock;
use super::team_dir;
use crate::model::{CityId, DelegationId, EventId, PersonId, RecordId};
use crate::store::atomic::write_atomic;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::Path;

/// The file's name in `.pobratim/`.
pub const REVISION_NAME: &str = "revision";

/// How many saves the journal remembers.
pub const JOURNAL_LEN: usize = 64;

/// One save in the journal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Entry {
    /// The revision this save made.
    pub number: u64,
    /// Login name.
    pub user: String,
    /// Computer.
    pub host: String,
    /// When, by the saver's clock (shown to people; never compared across computers).
    pub at: DateTime<Utc>,
    /// The records it changed: `delegation:niigata-2027`, `person:ivanova`, `figures:2016`.
    pub records: Vec<String>,
    /// The files it wrote, by their path in the folder (`delegations/2016.ron`): the next
    /// saver re-reads only these.
    pub files: Vec<String>,
    /// The hash (`cache::source_hash`) of each of `files` as this save wrote it, in the same
    /// order: a reader whose network drive shows it an older copy of a file can tell (empty
    /// in a journal written before this field).
    pub hashes: Vec<u64>,
    /// A retention purge: other apps drop their undo history for the purged people.
    pub purge: bool,
}

impl Default for Entry {
    fn default() -> Self {
        Self {
            number: 0,
            user: String::new(),
            host: String::new(),
            at: DateTime::UNIX_EPOCH,
            records: Vec::new(),
            files: Vec::new(),
            hashes: Vec::new(),
            purge: false,
        }
    }
}

/// The revision file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Revision {
    /// Bumped by every save; 0 for a folder nobody has saved under this protocol yet.
    pub number: u64,
    /// The save lock token of the save that made this revision.
    pub token: u64,
    /// The last [`JOURNAL_LEN`] saves, oldest first.
    pub journal: Vec<Entry>,
}

impl Revision {
    /// The records changed by the saves after revision `after`, or `None` when the journal
    /// no longer reaches back that far (then everything may have changed).
    pub fn changed_since(&self, after: u64) -> Option<BTreeSet<String>> {
        if after >= self.number {
            return Some(BTreeSet::new());
        }
        let reaches = self.journal.first().is_some_and(|e| e.number <= after + 1);
        if !reaches {
            return None;
        }
        Some(self.journal.iter().filter(|e| e.number > after).flat_map(|e| e.records.iter().cloned()).collect())
    }

    /// The hash each file had when the latest save in the journal that wrote it wrote it,
    /// by the file's path in the folder.
    pub fn written_hashes(&self) -> std::collections::HashMap<&str, u64> {
        let mut out = std::collections::HashMap::new();
        for e in &self.journal {
            for (f, h) in e.files.iter().zip(&e.hashes) {
                out.insert(f.as_str(), *h);
            }
        }
        out
    }
}

/// Reads the revision of `data_dir`; a folder without one is at revision 0. A file that
/// does not read (torn by a crash of an old version, edited by hand) reads as revision 0
/// with an empty journal, so the next save treats everything as possibly changed.
pub fn read(data_dir: &Path) -> io::Result<Revision> {
    let path = team_dir(data_dir).join(REVISION_NAME);
    if let Some(stale) = crate::store::atomic::faults::late_text(&path) {
        return Ok(ron::from_str(&stale).unwrap_or_default());
    }
    match fs::read_to_string(&path) {
        Ok(text) => Ok(ron::from_str(&text).unwrap_or_default()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Revision::default()),
        Err(e) => Err(e),
    }
}

/// Bumps the revision under `lock`, noting `records` in the journal. Fenced: refuses when
/// the lock is no longer ours, so a holder whose lock was broken cannot claim a revision.
pub fn bump(
    data_dir: &Path,
    lock: &SaveLock,
    records: Vec<String>,
    files: Vec<(String, u64)>,
    purge: bool,
) -> io::Result<Revision> {
    let (files, hashes) = files.into_iter().unzip();
    let mut rev = read(data_dir)?;
    rev.number += 1;
    rev.token = lock.info().token;
    rev.journal.push(Entry {
        number: rev.number,
        user: lock.info().user.clone(),
        host: lock.info().host.clone(),
        at: Utc::now(),
        records,
        files,
        hashes,
        purge,
    });
    let extra = rev.journal.len().saturating_sub(JOURNAL_LEN);
    rev.journal.drain(..extra);
    let text =
        ron::ser::to_string_pretty(&rev, ron::ser::PrettyConfig::new().new_line("\n")).map_err(io::Error::other)?;
    if !lock.is_ours() {
        return Err(fenced());
    }
    write_atomic(&team_dir(data_dir).join(REVISION_NAME), text.as_bytes(), false)?;
    Ok(rev)
}

/// The error of a holder whose lock was broken while it saved.
pub fn fenced() -> io::Error {
    io::Error::other("the save lock was taken over while saving (this computer paused or lost the network too long)")
}

/// A record as the journal names it: `delegation:niigata-2027`.
pub fn record_key(id: &RecordId) -> String {
    match id {
        RecordId::City(c) => format!("city:{c}"),
        RecordId::Person(p) => format!("person:{p}"),
        RecordId::Event(e) => format!("event:{e}"),
        RecordId::Delegation(d) => format!("delegation:{d}"),
        RecordId::Figures(y) => format!("figures:{y}"),
    }
}

/// The record a journal key names; `None` for a key this version does not know.
pub fn parse_record_key(key: &str) -> Option<RecordId> {
    let (kind, id) = key.split_once(':')?;
    Some(match kind {
        "city" => RecordId::City(CityId::new(id)),
        "person" => RecordId::Person(PersonId::new(id)),
        "event" => RecordId::Event(EventId::new(id)),
        "delegation" => RecordId::Delegation(DelegationId::new(id)),
        "figures" => RecordId::Figures(id.parse().ok()?),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::super::lock::{Timing, Watch};
    use super::*;
    use std::time::Duration;

    #[test]
    fn bumps_keep_a_short_journal_and_say_what_changed_since() {
        let dir = tempfile::tempdir().expect("tempdir");
        assert_eq!(read(dir.path()).expect("read").number, 0);
        for i in 0..(JOURNAL_LEN as u64 + 5) {
            let lock =
                SaveLock::acquire(dir.path(), Duration::ZERO, &mut Watch::default(), Timing::default()).expect("lock");
            let rev = bump(dir.path(), &lock, vec![format!("person:p{i}")], vec![], false).expect("bump");
            assert_eq!((rev.number, rev.token), (i + 1, lock.info().token));
        }
        let rev = read(dir.path()).expect("read");
        assert_eq!(rev.journal.len(), JOURNAL_LEN);
        let n = rev.number;
        assert_eq!(rev.changed_since(n), Some(BTreeSet::new()));
        assert_eq!(rev.changed_since(n - 2), Some(["person:p67".to_owned(), "person:p68".to_owned()].into()));
        assert_eq!(rev.changed_since(1), None, "the journal does not reach back that far");
    }

    #[test]
    fn record_keys_round_trip() {
        for id in [
            RecordId::City(CityId::new("niigata")),
            RecordId::Delegation(DelegationId::new("del-2016-06-harbin")),
            RecordId::Figures(2016),
        ] {
            assert_eq!(parse_record_key(&record_key(&id)), Some(id));
        }
        assert_eq!(parse_record_key("planet:mars"), None);
        assert_eq!(parse_record_key("figures:abc"), None);
    }

    #[test]
    fn a_torn_revision_reads_as_zero() {
        let dir = tempfile::tempdir().expect("tempdir");
        fs::create_dir_all(team_dir(dir.path())).expect("dir");
        fs::write(team_dir(dir.path()).join(REVISION_NAME), "(number: 7, tok").expect("write");
        assert_eq!(read(dir.path()).expect("read"), Revision::default());
    }
}
