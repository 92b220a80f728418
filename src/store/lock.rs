//! The folder lock `.pobratim.lock`: who has the folder open for writing, as LibreOffice does.
//!
//! The lock is advisory and readable: it names the user, the host, the process and the time,
//! so a second opener can say who holds the folder. It works on network shares, where OS
//! file locks are unreliable. Ownership is proven by a random token, not by the pid, so two
//! workspaces in one process also exclude each other.

use super::atomic::{sync_dir, write_atomic};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// File name of the lock inside the data folder.
pub const LOCK_FILE: &str = ".pobratim.lock";

/// What the lock file records.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LockInfo {
    /// Login name of the holder.
    pub user: String,
    /// Host name of the holder's machine.
    pub host: String,
    /// Process id of the holder.
    pub pid: u32,
    /// When the lock was taken.
    pub since: DateTime<Utc>,
    /// Random token proving ownership.
    pub token: u64,
    /// The machine's boot id (Linux: `/proc/sys/kernel/random/boot_id`): a lock from an
    /// earlier boot (a power cut) belongs to no running process, whatever its pid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub boot_id: Option<String>,
    /// When the holder process started (Linux: clock ticks since boot, `/proc/PID/stat`
    /// field 22): a pid now used by another program has another start time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started: Option<u64>,
}

impl LockInfo {
    /// A lock record for this process, now.
    pub fn current() -> Self {
        Self {
            user: whoami::username().unwrap_or_else(|_| "?".into()),
            host: whoami::hostname().unwrap_or_else(|_| "?".into()),
            pid: std::process::id(),
            since: Utc::now(),
            token: new_token(),
            boot_id: boot_id(),
            started: process_started(std::process::id()),
        }
    }

    /// Whether the lock was left by this user on this computer by a process that is gone: an
    /// earlier boot, no such process, or the pid now used by a process started at another
    /// time. Such a lock is taken over without asking (a crash, a kill or a logout must not
    /// lock the user out of their own folder). A lock of another user or computer, or one
    /// whose holder may still run, never is.
    pub fn abandoned_by_us(&self) -> bool {
        let me = LockInfo::current();
        if self.user != me.user || self.host != me.host {
            return false;
        }
        if let (Some(then), Some(now)) = (&self.boot_id, &me.boot_id)
            && then != now
        {
            return true;
        }
        if self.pid == me.pid {
            // Our own pid: another workspace of this very process holds it.
            return false;
        }
        if !process_alive(self.pid) {
            return liveness_known();
        }
        matches!((self.started, process_started(self.pid)), (Some(then), Some(now)) if then != now)
    }

    /// Whether the holder is evidently gone: a process on this same host that no longer runs.
    /// Only a hint for the user; taking over is always an explicit act.
    pub fn looks_stale(&self) -> bool {
        let this_host = whoami::hostname().unwrap_or_default();
        self.host == this_host && !process_alive(self.pid)
    }

    /// «user на host с 27.11.2026 18:30 (UTC)».
    pub fn describe(&self) -> String {
        format!("{}@{} (pid {}), {}", self.user, self.host, self.pid, self.since.format("%d.%m.%Y %H:%M UTC"))
    }
}

fn new_token() -> u64 {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = Utc::now().timestamp_nanos_opt().unwrap_or_default() as u64;
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    // SplitMix64 over time, pid and a counter: unique enough to tell holders apart.
    let mut z = nanos ^ (u64::from(std::process::id()) << 32) ^ n.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Whether a process runs: its `/proc` entry exists and it is not a zombie (a killed
/// process nobody has reaped yet still has an entry).
#[cfg(target_os = "linux")]
fn process_alive(pid: u32) -> bool {
    let Ok(stat) = fs::read_to_string(Path::new("/proc").join(pid.to_string()).join("stat")) else {
        return false;
    };
    // The state follows the parenthesised command name, which may itself contain spaces.
    let state = stat.rsplit_once(')').and_then(|(_, rest)| rest.split_whitespace().next());
    !matches!(state, Some("Z" | "X"))
}

/// Elsewhere (Windows) the system is asked through sysinfo; where sysinfo cannot tell, a
/// process counts as running, so a lock never looks stale by itself.
#[cfg(not(target_os = "linux"))]
fn process_alive(pid: u32) -> bool {
    portable::alive(pid).unwrap_or(true)
}

/// Whether "no such process" can be trusted on this system, so that a lock whose process is
/// gone may be taken over without asking.
fn liveness_known() -> bool {
    #[cfg(target_os = "linux")]
    return true;
    #[cfg(not(target_os = "linux"))]
    return portable::alive(std::process::id()).is_some();
}

/// This boot's id, where the system says (Linux). Windows has no stable one (its boot time
/// is derived from the uptime and moves by a second between calls, which would make a live
/// lock look left over from an earlier boot); there the start time below tells a reused pid.
fn boot_id() -> Option<String> {
    if !cfg!(target_os = "linux") {
        return None;
    }
    let id = fs::read_to_string("/proc/sys/kernel/random/boot_id").ok()?;
    Some(id.trim().to_owned()).filter(|s| !s.is_empty())
}

/// When process `pid` started, in clock ticks since boot (Linux `/proc/PID/stat`, field 22).
#[cfg(target_os = "linux")]
fn process_started(pid: u32) -> Option<u64> {
    let stat = fs::read_to_string(Path::new("/proc").join(pid.to_string()).join("stat")).ok()?;
    // Fields after the parenthesised command name start at field 3 (the state).
    let (_, rest) = stat.rsplit_once(')')?;
    rest.split_whitespace().nth(19)?.parse().ok()
}

/// When process `pid` started, in seconds since 1970 (Windows: its creation time). A lock
/// is only ever compared with the same computer's processes, so the unit never mixes.
#[cfg(not(target_os = "linux"))]
fn process_started(pid: u32) -> Option<u64> {
    portable::started(pid)
}

/// The process checks through the sysinfo crate, for Windows and any system without
/// `/proc`. Built and unit-tested on Linux as well (sysinfo is a dev-dependency there), so
/// the code Windows runs is code the tests run; only which branch is chosen differs.
#[cfg(any(not(target_os = "linux"), test))]
mod portable {
    use sysinfo::{Pid, ProcessRefreshKind, ProcessStatus, ProcessesToUpdate, System};

    /// The state and start time of one process, reading that process only: `None` where
    /// sysinfo cannot see processes on this system, `Some(None)` for no such process.
    fn one(pid: u32) -> Option<Option<(ProcessStatus, u64)>> {
        let pid = Pid::from_u32(pid);
        let mut system = System::new().ok()?;
        system.refresh_processes_specifics(ProcessesToUpdate::Some(&[pid]), true, ProcessRefreshKind::nothing());
        Some(system.process(pid).map(|p| (p.status(), p.start_time())))
    }

    /// Whether process `pid` runs (an exited one not yet reaped does not); `None` where the
    /// system cannot be asked.
    pub fn alive(pid: u32) -> Option<bool> {
        one(pid).map(|p| p.is_some_and(|(status, _)| !matches!(status, ProcessStatus::Zombie | ProcessStatus::Dead)))
    }

    /// When process `pid` started, in seconds since 1970.
    pub fn started(pid: u32) -> Option<u64> {
        one(pid).flatten().map(|(_, started)| started).filter(|&s| s > 0)
    }
}

/// The outcome of trying to lock a folder.
#[derive(Debug)]
pub enum LockAttempt {
    /// We hold the lock.
    Acquired(FolderLock),
    /// Someone else holds it (their record, or `None` if the lock file is unreadable).
    HeldBy(Option<LockInfo>),
}

/// A held lock; released (the file removed) when dropped, if it is still ours.
#[derive(Debug)]
pub struct FolderLock {
    path: PathBuf,
    info: LockInfo,
}

impl FolderLock {
    /// Tries to take the lock of `dir`. Creation is exclusive (`O_EXCL`), so two openers
    /// racing for the same folder cannot both win.
    pub fn acquire(dir: &Path) -> io::Result<LockAttempt> {
        let path = dir.join(LOCK_FILE);
        let info = LockInfo::current();
        // Rendered before the file is created, so a failure leaves no empty lock behind.
        let text = render(&info)?;
        match OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(mut file) => {
                file.write_all(text.as_bytes())?;
                file.sync_all()?;
                sync_dir(dir)?;
                Ok(LockAttempt::Acquired(FolderLock { path, info }))
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(LockAttempt::HeldBy(read_lock(dir))),
            Err(e) => Err(e),
        }
    }

    /// Takes the lock over from whoever holds it. The caller has asked the user first.
    pub fn take_over(dir: &Path) -> io::Result<FolderLock> {
        let path = dir.join(LOCK_FILE);
        let info = LockInfo::current();
        write_atomic(&path, render(&info)?.as_bytes(), false)?;
        Ok(FolderLock { path, info })
    }

    /// Our lock record.
    pub fn info(&self) -> &LockInfo {
        &self.info
    }

    /// Whether the lock file on disk still carries our token (someone may have taken it over).
    pub fn still_ours(&self) -> bool {
        read_lock_file(&self.path).is_some_and(|i| i.token == self.info.token)
    }
}

impl Drop for FolderLock {
    fn drop(&mut self) {
        if self.still_ours() {
            // Nothing useful can be done about a failure while dropping; the next opener
            // sees a stale lock naming us and can take it over.
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// The lock record as RON text; an error rather than an empty lock file that nobody could
/// read back.
fn render(info: &LockInfo) -> io::Result<String> {
    ron::ser::to_string_pretty(info, ron::ser::PrettyConfig::new().new_line("\n")).map_err(io::Error::other)
}

/// Reads the lock record of `dir`, if there is a readable one.
pub fn read_lock(dir: &Path) -> Option<LockInfo> {
    read_lock_file(&dir.join(LOCK_FILE))
}

fn read_lock_file(path: &Path) -> Option<LockInfo> {
    let text = fs::read_to_string(path).ok()?;
    ron::from_str(&text).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_acquire_sees_the_holder_and_drop_releases() {
        let dir = tempfile::tempdir().expect("tempdir");
        let LockAttempt::Acquired(first) = FolderLock::acquire(dir.path()).expect("io") else {
            panic!("first acquire must win");
        };
        let LockAttempt::HeldBy(Some(holder)) = FolderLock::acquire(dir.path()).expect("io") else {
            panic!("second acquire must see the holder");
        };
        assert_eq!(holder.token, first.info().token);
        assert_eq!(holder.pid, std::process::id());
        assert!(!holder.looks_stale(), "our own process is alive");
        drop(first);
        assert!(!dir.path().join(LOCK_FILE).exists());
        assert!(matches!(FolderLock::acquire(dir.path()).expect("io"), LockAttempt::Acquired(_)));
    }

    #[test]
    fn take_over_replaces_holder_and_old_holder_does_not_delete_it() {
        let dir = tempfile::tempdir().expect("tempdir");
        let LockAttempt::Acquired(old) = FolderLock::acquire(dir.path()).expect("io") else {
            panic!("acquire");
        };
        let new = FolderLock::take_over(dir.path()).expect("take over");
        assert!(!old.still_ours());
        assert!(new.still_ours());
        drop(old);
        assert!(dir.path().join(LOCK_FILE).exists(), "the old holder must not remove the new lock");
    }

    /// A child that has exited but is not reaped yet (a zombie with a /proc entry), and its pid.
    #[cfg(target_os = "linux")]
    fn exited_child() -> (std::process::Child, u32) {
        let child = std::process::Command::new("true").spawn().expect("spawn true");
        let pid = child.id();
        for _ in 0..100 {
            if !process_alive(pid) {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        (child, pid)
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn an_exited_unreaped_process_is_not_alive() {
        let (mut child, pid) = exited_child();
        assert!(!process_alive(pid), "an exited child must not count as running");
        child.wait().expect("reap");
        assert!(process_alive(std::process::id()));
    }

    /// The Windows branch (sysinfo), run here: it must agree with `/proc` on a running
    /// process, an exited one not yet reaped, a reaped one and a pid nobody has.
    #[cfg(target_os = "linux")]
    #[test]
    fn the_portable_check_windows_uses_agrees_with_proc() {
        let me = std::process::id();
        assert_eq!(portable::alive(me), Some(true), "sysinfo can see processes here");
        assert!(process_alive(me));
        assert_eq!(portable::alive(1), Some(true));
        assert!(process_alive(1));
        let now = chrono::Utc::now().timestamp() as u64;
        let started = portable::started(me).expect("our own start time");
        assert!(started <= now && now - started < 24 * 3600, "started {started}, now {now}");
        assert_eq!(portable::started(me), portable::started(me), "stable between calls");
        assert_eq!(portable::alive(u32::MAX - 1), Some(false));
        assert!(portable::started(u32::MAX - 1).is_none());
        let (mut child, pid) = exited_child();
        assert_eq!(portable::alive(pid), Some(false), "an exited child not yet reaped is not running");
        child.wait().expect("reap");
        assert_eq!(portable::alive(pid), Some(false), "nor once reaped");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn dead_process_on_this_host_looks_stale() {
        let mut info = LockInfo::current();
        info.pid = u32::MAX - 1;
        assert!(info.looks_stale());
        info.host = "another-host".into();
        assert!(!info.looks_stale());
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_lock_left_by_this_user_here_is_abandoned_only_when_its_process_is_gone() {
        let me = LockInfo::current();
        assert!(me.boot_id.is_some() && me.started.is_some(), "Linux knows both: {me:?}");
        assert!(!me.abandoned_by_us(), "our own process holds it");
        // Killed: no such process.
        let gone = LockInfo { pid: u32::MAX - 1, ..me.clone() };
        assert!(gone.abandoned_by_us());
        // A power cut: another boot, whatever the pid.
        let earlier_boot = LockInfo { boot_id: Some("another-boot".into()), ..me.clone() };
        assert!(earlier_boot.abandoned_by_us());
        // The pid now belongs to a process started at another time (pid 1 runs since boot).
        let reused = LockInfo { pid: 1, started: Some(u64::MAX), ..me.clone() };
        assert!(reused.abandoned_by_us());
        // A live holder of another user or another computer is never taken over.
        assert!(!LockInfo { user: "colleague".into(), ..gone.clone() }.abandoned_by_us());
        assert!(!LockInfo { host: "другой-пк".into(), ..earlier_boot }.abandoned_by_us());
        // The pid runs and its start time matches (or is unknown, as in an old lock): alive.
        let alive = LockInfo { pid: 1, started: process_started(1), ..me.clone() };
        assert!(!alive.abandoned_by_us());
        assert!(!LockInfo { pid: 1, started: None, ..me }.abandoned_by_us());
    }
}
