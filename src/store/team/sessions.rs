//! `.pobratim/sessions/`: one file per open app (user, computer, since, heartbeat, the
//! records it has open in a form), so the top bar can say who else works in the folder.

use super::team_dir;
use crate::store::atomic::write_atomic;
use crate::store::lock::LockInfo;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The sessions' folder in `.pobratim/`.
pub const SESSIONS_DIR: &str = "sessions";

/// One open app.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Session {
    /// Login name.
    pub user: String,
    /// Computer.
    pub host: String,
    /// Process.
    pub pid: u32,
    /// Since when, by its own clock.
    pub since: DateTime<Utc>,
    /// Bumped every few seconds while the app runs.
    pub beat: u64,
    /// The records it has open in a form (`delegation:niigata-2027`).
    pub editing: Vec<String>,
}

impl Default for Session {
    fn default() -> Self {
        Self {
            user: String::new(),
            host: String::new(),
            pid: 0,
            since: DateTime::UNIX_EPOCH,
            beat: 0,
            editing: Vec::new(),
        }
    }
}

/// This app's session file; removed when dropped.
#[derive(Debug)]
pub struct MySession {
    path: PathBuf,
    session: Session,
}

impl MySession {
    /// Registers this app in `data_dir`.
    pub fn register(data_dir: &Path) -> io::Result<MySession> {
        let me = LockInfo::current();
        let dir = team_dir(data_dir).join(SESSIONS_DIR);
        fs::create_dir_all(&dir)?;
        let host: String = me.host.chars().map(|c| if c.is_alphanumeric() || c == '-' { c } else { '_' }).collect();
        let path = dir.join(format!("{host}-{}.ron", me.pid));
        let session =
            Session { user: me.user, host: me.host, pid: me.pid, since: me.since, beat: 0, editing: Vec::new() };
        let mine = MySession { path, session };
        mine.write()?;
        Ok(mine)
    }

    /// Bumps the heartbeat and notes the records open in a form.
    pub fn beat(&mut self, editing: Vec<String>) -> io::Result<()> {
        self.session.beat += 1;
        self.session.editing = editing;
        self.write()
    }

    fn write(&self) -> io::Result<()> {
        let text = ron::ser::to_string_pretty(&self.session, ron::ser::PrettyConfig::new().new_line("\n"))
            .map_err(io::Error::other)?;
        write_atomic(&self.path, text.as_bytes(), false)
    }

    /// The file's name, to tell it apart from the others.
    fn file_name(&self) -> Option<&std::ffi::OsStr> {
        self.path.file_name()
    }
}

impl Drop for MySession {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.path);
    }
}

/// What this app has seen of the other sessions, to judge on its own clock which are gone.
#[derive(Debug, Default)]
pub struct SessionWatch {
    seen: HashMap<PathBuf, (Session, Instant)>,
}

/// The other apps working in `data_dir` now: every session but `mine` whose heartbeat has
/// moved within `stale_after` (on this app's clock; a session first seen counts as live).
/// A session of a process of this computer that no longer runs is removed.
pub fn others(
    data_dir: &Path,
    mine: Option<&MySession>,
    watch: &mut SessionWatch,
    stale_after: Duration,
) -> Vec<Session> {
    let dir = team_dir(data_dir).join(SESSIONS_DIR);
    let Ok(entries) = fs::read_dir(&dir) else { return Vec::new() };
    let now = Instant::now();
    let here = LockInfo::current();
    let mut out = Vec::new();
    let mut present = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        if mine.and_then(MySession::file_name) == Some(entry.file_name().as_os_str())
            || path.extension().is_none_or(|e| e != "ron")
        {
            continue;
        }
        let Some(session) = fs::read_to_string(&path).ok().and_then(|t| ron::from_str::<Session>(&t).ok()) else {
            continue;
        };
        let gone = LockInfo { host: session.host.clone(), pid: session.pid, ..here.clone() };
        if session.host == here.host && session.pid != here.pid && gone.looks_stale() {
            let _ = fs::remove_file(&path);
            continue;
        }
        present.push(path.clone());
        let since = match watch.seen.get(&path) {
            Some((s, since)) if *s == session => *since,
            _ => now,
        };
        watch.seen.insert(path, (session.clone(), since));
        if now.saturating_duration_since(since) < stale_after {
            out.push(session);
        }
    }
    watch.seen.retain(|p, _| present.contains(p));
    out.sort_by(|a, b| (&a.user, &a.host).cmp(&(&b.user, &b.host)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn others_see_a_live_session_and_not_one_whose_heartbeat_stopped() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut mine = MySession::register(dir.path()).expect("register");
        // A colleague on another computer.
        let other_path = team_dir(dir.path()).join(SESSIONS_DIR).join("office-2-4242.ron");
        let mut colleague =
            Session { user: "ivanova".into(), host: "office-2".into(), pid: 4242, ..Session::default() };
        let write = |s: &Session| fs::write(&other_path, ron::to_string(s).expect("ron")).expect("write");
        write(&colleague);
        let mut watch = SessionWatch::default();
        let bound = Duration::from_millis(200);
        let seen = others(dir.path(), Some(&mine), &mut watch, bound);
        assert_eq!(seen.iter().map(|s| s.user.as_str()).collect::<Vec<_>>(), vec!["ivanova"], "not ourselves");
        std::thread::sleep(bound + Duration::from_millis(50));
        assert!(others(dir.path(), Some(&mine), &mut watch, bound).is_empty(), "a heartbeat standing still");
        colleague.beat += 1;
        colleague.editing = vec!["delegation:niigata-2027".into()];
        write(&colleague);
        let seen = others(dir.path(), Some(&mine), &mut watch, bound);
        assert_eq!(seen.len(), 1, "moving again");
        assert_eq!(seen[0].editing, vec!["delegation:niigata-2027".to_owned()]);
        mine.beat(vec![]).expect("beat");
        // Another watcher (the colleague) sees us.
        assert_eq!(others(dir.path(), None, &mut SessionWatch::default(), bound).len(), 2);
        drop(mine);
        assert_eq!(others(dir.path(), None, &mut SessionWatch::default(), bound).len(), 1, "ours removed on close");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_session_of_a_process_gone_from_this_computer_is_removed() {
        let dir = tempfile::tempdir().expect("tempdir");
        let here = LockInfo::current();
        let path = team_dir(dir.path()).join(SESSIONS_DIR).join("x.ron");
        fs::create_dir_all(path.parent().expect("parent")).expect("dir");
        let dead = Session { user: here.user, host: here.host, pid: u32::MAX - 1, ..Session::default() };
        fs::write(&path, ron::to_string(&dead).expect("ron")).expect("write");
        assert!(others(dir.path(), None, &mut SessionWatch::default(), Duration::from_secs(30)).is_empty());
        assert!(!path.exists());
    }
}
