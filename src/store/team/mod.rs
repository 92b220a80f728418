//! Many writers on one shared folder (DESIGN.md §11): the short save lock, the revision
//! with its journal, and the sessions of the apps that have the folder open.
//!
//! Everything lives in the hidden folder `.pobratim/` of the data folder:
//!
//! - `save.lock`: held only for the moment of one save (read what changed, merge, write).
//!   Created exclusively; names its holder and a random token ([`lock`]).
//! - `save.lock.beat-TOKEN`: the holder's heartbeat, a counter it bumps every second while
//!   it holds the lock. A lock is stale only when its heartbeat has not moved for
//!   [`lock::STALE_AFTER`] on the *observer's* clock: office clocks drift, so no time
//!   written by another computer is ever compared with ours.
//! - `revision`: a counter bumped by every save, the token of the save that bumped it, and
//!   a short journal of who changed which records ([`revision`]).
//! - `sessions/HOST-PID.ron`: one per open app, with a heartbeat ([`sessions`]).
//!
//! Network file systems (SMB, NFS) do not honour advisory locks reliably; exclusive
//! creation and rename are what they do honour, so the protocol uses only those.

pub mod conflicts;
pub mod lock;
pub mod revision;
pub mod sessions;

use std::path::{Path, PathBuf};

/// The hidden folder of the protocol inside the data folder.
pub const TEAM_DIR: &str = ".pobratim";

/// `.pobratim/` of a data folder.
pub fn team_dir(data_dir: &Path) -> PathBuf {
    data_dir.join(TEAM_DIR)
}
