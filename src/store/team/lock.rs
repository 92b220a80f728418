//! The save lock `.pobratim/save.lock`: held only while one save reads, merges and writes.
//!
//! - **Taken** by exclusive creation (`create_new`), so two savers racing for it cannot both
//!   win. The file names the holder ([`LockInfo`]: user, computer, process, a random token).
//! - **Kept alive** by a heartbeat: while it holds the lock, a thread of the holder bumps a
//!   counter in `save.lock.beat-TOKEN` every [`Timing::beat`].
//! - **Fenced**: before each rename of a data file the holder checks that `save.lock` still
//!   carries its token ([`SaveLock::is_ours`]); a holder whose lock was broken stops there.
//! - **Stale** only when the heartbeat has not moved for [`Timing::stale_after`] measured by
//!   the observer's own monotonic clock ([`Watch`]), never by comparing times written by
//!   another computer. A lock of a process on this computer that no longer runs (or from an
//!   earlier boot) is stale at once.
//! - **Broken** exclusively: the breaker renames `save.lock` to a name only it uses, then
//!   reads what it moved. When two break at once only one rename succeeds. If what it moved
//!   is not the lock it judged stale (a new holder got in meanwhile), that holder is fenced
//!   at its next check and retries; no two holders ever both pass the check.

use super::team_dir;
use crate::store::atomic::sync_dir;
use crate::store::lock::LockInfo;
use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// The lock's file name in `.pobratim/`.
pub const LOCK_NAME: &str = "save.lock";

/// How the lock keeps time. [`Timing::default`] is for real folders; tests shorten it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Timing {
    /// How often the holder bumps its heartbeat.
    pub beat: Duration,
    /// How long a heartbeat must stand still, on the observer's clock, before the lock is
    /// judged stale. Well above `beat`, since a network drive may show a write late.
    pub stale_after: Duration,
    /// How often a waiting saver looks again.
    pub poll: Duration,
}

impl Default for Timing {
    fn default() -> Self {
        Self { beat: Duration::from_secs(1), stale_after: Duration::from_secs(30), poll: Duration::from_millis(50) }
    }
}

/// What an observer has seen of the lock, to judge on its own clock whether it moves.
#[derive(Debug, Default)]
pub struct Watch {
    seen: Option<(String, Instant)>,
    /// The same for the breakers' guard `save.lock.breaking`.
    guard: Option<(String, Instant)>,
}

impl Watch {
    /// Notes the lock's state (its text and heartbeat) at `now`; returns how long it has
    /// stood still.
    pub fn observe(&mut self, state: String, now: Instant) -> Duration {
        still(&mut self.seen, state, now)
    }
}

/// How long `state` has stood still since `seen` first noted it.
fn still(seen: &mut Option<(String, Instant)>, state: String, now: Instant) -> Duration {
    match seen {
        Some((s, since)) if *s == state => now.saturating_duration_since(*since),
        _ => {
            *seen = Some((state, now));
            Duration::ZERO
        }
    }
}

/// Why the lock was not taken.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    /// Someone held it for the whole wait, with a live heartbeat.
    #[error("the folder is being saved by {}", .0.as_ref().map_or_else(|| "?".to_owned(), LockInfo::describe))]
    Busy(Option<LockInfo>),
    /// The folder could not be written.
    #[error("{0}")]
    Io(#[from] io::Error),
}

/// A held save lock. Released when dropped (if it is still ours).
#[derive(Debug)]
pub struct SaveLock {
    path: PathBuf,
    info: LockInfo,
    stop: Arc<AtomicBool>,
    beater: Option<JoinHandle<()>>,
}

impl SaveLock {
    /// Takes the lock of the data folder `data_dir`, waiting up to `wait` for a holder to
    /// release it, and breaking it if it is stale. `watch` carries what this process saw
    /// of the lock across calls, so an app that retries keeps measuring the same holder.
    pub fn acquire(data_dir: &Path, wait: Duration, watch: &mut Watch, timing: Timing) -> Result<SaveLock, LockError> {
        let dir = team_dir(data_dir);
        fs::create_dir_all(&dir)?;
        let path = dir.join(LOCK_NAME);
        let started = Instant::now();
        loop {
            let info = LockInfo::current();
            match create_whole(&path, &render(&info)?) {
                Ok(()) => {
                    sync_dir(&dir)?;
                    return Ok(Self::start(path, info, timing));
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(e.into()),
            }
            let holder = read_info(&path);
            let state = observed_state(&path, holder.as_ref());
            let still = watch.observe(state.clone(), Instant::now());
            let gone = holder.as_ref().is_some_and(holder_is_gone);
            if gone || still >= timing.stale_after {
                break_lock(&path, &state, watch, timing)?;
                continue;
            }
            if started.elapsed() >= wait {
                return Err(LockError::Busy(holder));
            }
            std::thread::sleep(timing.poll);
        }
    }

    /// Starts the heartbeat of a lock just taken.
    fn start(path: PathBuf, info: LockInfo, timing: Timing) -> SaveLock {
        let stop = Arc::new(AtomicBool::new(false));
        let beat_path = beat_path(&path, info.token);
        let _ = fs::write(&beat_path, "0");
        let flag = Arc::clone(&stop);
        let beater = std::thread::Builder::new()
            .name("pobratim-lock-beat".into())
            .spawn(move || {
                let mut n: u64 = 0;
                let mut last = Instant::now();
                while !flag.load(Ordering::Relaxed) {
                    // Woken early by the release; a spurious wake-up only beats early.
                    std::thread::park_timeout(timing.beat.saturating_sub(last.elapsed()));
                    if !flag.load(Ordering::Relaxed) && last.elapsed() >= timing.beat {
                        n += 1;
                        // A failed beat is retried at the next one; the observers see a
                        // standing heartbeat only if every beat fails for the whole bound.
                        let _ = fs::write(&beat_path, n.to_string());
                        last = Instant::now();
                    }
                }
            })
            .ok();
        SaveLock { path, info, stop, beater }
    }

    /// The holder's record: its token goes into the revision this save writes.
    pub fn info(&self) -> &LockInfo {
        &self.info
    }

    /// The fencing check, made before each rename of a data file: whether `save.lock`
    /// still carries our token.
    pub fn is_ours(&self) -> bool {
        read_info(&self.path).is_some_and(|i| i.token == self.info.token)
    }

    /// Releases the lock (as dropping it does).
    pub fn release(self) {}
}

impl Drop for SaveLock {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(beater) = self.beater.take() {
            beater.thread().unpark();
            let _ = beater.join();
        }
        let _ = fs::remove_file(beat_path(&self.path, self.info.token));
        if self.is_ours() {
            // A failure leaves a lock whose heartbeat stands still: the next saver breaks
            // it after the bound.
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// Creates `path` with `text` exclusively, so that nobody ever sees it empty: the text goes
/// to a file of our own first, which is then hard-linked to `path` (a link, like exclusive
/// creation, fails when `path` exists). Where the file system has no hard links, the file
/// is created exclusively and then written.
fn create_whole(path: &Path, text: &str) -> io::Result<()> {
    let own = path.with_file_name(format!("{LOCK_NAME}.new-{:016x}", LockInfo::current().token));
    let staged = fs::write(&own, text).and_then(|()| fs::File::open(&own)?.sync_all());
    let linked = staged.and_then(|()| fs::hard_link(&own, path));
    let _ = fs::remove_file(&own);
    match linked {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(e),
        Err(_) => {
            let mut file = OpenOptions::new().write(true).create_new(true).open(path)?;
            let written = file.write_all(text.as_bytes()).and_then(|()| file.sync_all());
            if let Err(e) = written {
                drop(file);
                let _ = fs::remove_file(path);
                return Err(e);
            }
            Ok(())
        }
    }
}

/// Whether a save runs in `data_dir` now: its lock exists and its holder is not a process
/// of this computer that is gone (a reader waits for such a save before trusting its read).
pub fn save_running(data_dir: &Path) -> bool {
    let path = team_dir(data_dir).join(LOCK_NAME);
    match read_info(&path) {
        Some(holder) => !holder_is_gone(&holder),
        None => false,
    }
}

/// The heartbeat file of the holder with `token`.
fn beat_path(lock: &Path, token: u64) -> PathBuf {
    lock.with_file_name(format!("{LOCK_NAME}.beat-{token:016x}"))
}

/// What an observer compares between looks: the lock's text and its holder's heartbeat.
fn observed_state(lock: &Path, holder: Option<&LockInfo>) -> String {
    let text = fs::read_to_string(lock).unwrap_or_default();
    let beat = holder.and_then(|h| fs::read_to_string(beat_path(lock, h.token)).ok()).unwrap_or_default();
    format!("{text}\u{0}{beat}")
}

/// Whether the holder is a process of this computer that no longer runs, or one from an
/// earlier boot of it: its lock can be broken without waiting.
fn holder_is_gone(holder: &LockInfo) -> bool {
    let me = LockInfo::current();
    if holder.host != me.host {
        return false;
    }
    if let (Some(then), Some(now)) = (&holder.boot_id, &me.boot_id)
        && then != now
    {
        return true;
    }
    holder.pid != me.pid && holder.looks_stale()
}

/// Breaks the lock judged stale in `state`. Only one breaker at a time: each first takes
/// the guard `save.lock.breaking` (exclusive creation), then checks again that the lock is
/// the one it judged stale, and only then moves it away. A guard left by a breaker that
/// died is itself removed once it has stood still for the bound.
fn break_lock(lock: &Path, state: &str, watch: &mut Watch, timing: Timing) -> io::Result<()> {
    let guard = lock.with_file_name(format!("{LOCK_NAME}.breaking"));
    let token = LockInfo::current().token;
    match OpenOptions::new().write(true).create_new(true).open(&guard) {
        Ok(mut file) => {
            let _ = file.write_all(format!("{token:016x}").as_bytes());
        }
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            let seen = fs::read_to_string(&guard).unwrap_or_default();
            if still(&mut watch.guard, seen, Instant::now()) >= timing.stale_after {
                let _ = fs::remove_file(&guard);
            }
            return Ok(());
        }
        Err(e) => return Err(e),
    }
    let result = move_if_unchanged(lock, state, token);
    let _ = fs::remove_file(&guard);
    result
}

/// Under the guard: moves the lock away if it is still in the stale `state`.
fn move_if_unchanged(lock: &Path, state: &str, token: u64) -> io::Result<()> {
    let holder = read_info(lock);
    if observed_state(lock, holder.as_ref()) != state {
        return Ok(()); // released, or a new holder: nothing to break
    }
    let moved = lock.with_file_name(format!("{LOCK_NAME}.broken-{token:016x}"));
    match fs::rename(lock, &moved) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    }
    if let Some(holder) = holder {
        let _ = fs::remove_file(beat_path(lock, holder.token));
    }
    let _ = fs::remove_file(&moved);
    Ok(())
}

/// The lock record as RON text.
fn render(info: &LockInfo) -> io::Result<String> {
    ron::ser::to_string_pretty(info, ron::ser::PrettyConfig::new().new_line("\n")).map_err(io::Error::other)
}

/// The holder named in a lock file, if it reads.
fn read_info(path: &Path) -> Option<LockInfo> {
    ron::from_str(&fs::read_to_string(path).ok()?).ok()
}

/// Who holds the save lock of `data_dir` now, if anyone (for a message).
pub fn holder(data_dir: &Path) -> Option<LockInfo> {
    read_info(&team_dir(data_dir).join(LOCK_NAME))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fast() -> Timing {
        Timing {
            beat: Duration::from_millis(20),
            stale_after: Duration::from_millis(300),
            poll: Duration::from_millis(5),
        }
    }

    #[test]
    fn one_holder_at_a_time_and_release_frees_it() {
        let dir = tempfile::tempdir().expect("tempdir");
        let first = SaveLock::acquire(dir.path(), Duration::ZERO, &mut Watch::default(), fast()).expect("first");
        assert!(first.is_ours());
        let second = SaveLock::acquire(dir.path(), Duration::from_millis(100), &mut Watch::default(), fast());
        assert!(matches!(second, Err(LockError::Busy(Some(ref h))) if h.token == first.info().token), "{second:?}");
        drop(first);
        let lock = team_dir(dir.path()).join(LOCK_NAME);
        assert!(!lock.exists(), "released");
        let again = SaveLock::acquire(dir.path(), Duration::ZERO, &mut Watch::default(), fast()).expect("again");
        assert!(again.is_ours());
        drop(again);
        let left: Vec<_> = fs::read_dir(team_dir(dir.path())).expect("dir").flatten().map(|e| e.file_name()).collect();
        assert!(left.is_empty(), "no heartbeat or lock left behind: {left:?}");
    }

    #[test]
    fn a_lock_held_for_long_with_a_moving_heartbeat_is_never_broken() {
        let dir = tempfile::tempdir().expect("tempdir");
        let holder = SaveLock::acquire(dir.path(), Duration::ZERO, &mut Watch::default(), fast()).expect("holder");
        // Its `since` says an hour ago: only the heartbeat counts.
        let mut old = holder.info().clone();
        old.since -= chrono::Duration::hours(1);
        fs::write(team_dir(dir.path()).join(LOCK_NAME), render(&old).expect("render")).expect("write");
        // Three bounds of waiting: the heartbeat moves all along.
        let waited = SaveLock::acquire(dir.path(), fast().stale_after * 3, &mut Watch::default(), fast());
        assert!(matches!(waited, Err(LockError::Busy(_))), "{waited:?}");
        assert!(holder.is_ours(), "still held");
    }

    #[test]
    fn a_lock_whose_heartbeat_stands_still_is_broken_after_the_bound_and_its_holder_is_fenced() {
        let dir = tempfile::tempdir().expect("tempdir");
        let frozen = SaveLock::acquire(dir.path(), Duration::ZERO, &mut Watch::default(), fast()).expect("holder");
        // As SIGSTOP does: the heartbeat thread stops, the lock stays.
        frozen.stop.store(true, Ordering::Relaxed);
        std::thread::sleep(fast().beat * 3);
        let started = Instant::now();
        let breaker =
            SaveLock::acquire(dir.path(), Duration::from_secs(5), &mut Watch::default(), fast()).expect("broken");
        assert!(started.elapsed() >= fast().stale_after, "not before the bound: {:?}", started.elapsed());
        assert!(breaker.is_ours());
        assert!(!frozen.is_ours(), "the frozen holder's next check fences it");
        drop(frozen);
        assert!(breaker.is_ours(), "the old holder's release does not remove the new lock");
    }

    #[test]
    fn a_lock_of_a_process_gone_from_this_computer_is_broken_at_once() {
        let dir = tempfile::tempdir().expect("tempdir");
        let team = team_dir(dir.path());
        fs::create_dir_all(&team).expect("dir");
        let dead = LockInfo { pid: u32::MAX - 1, ..LockInfo::current() };
        fs::write(team.join(LOCK_NAME), render(&dead).expect("render")).expect("write");
        let started = Instant::now();
        let lock = SaveLock::acquire(dir.path(), Duration::ZERO, &mut Watch::default(), fast());
        if cfg!(target_os = "linux") {
            assert!(lock.is_ok(), "{lock:?}");
            assert!(started.elapsed() < fast().stale_after);
        }
    }

    #[test]
    fn threads_racing_to_break_one_stale_lock_hold_it_one_at_a_time() {
        let dir = tempfile::tempdir().expect("tempdir");
        let team = team_dir(dir.path());
        fs::create_dir_all(&team).expect("dir");
        let stale = LockInfo { host: "другой-пк".into(), ..LockInfo::current() };
        fs::write(team.join(LOCK_NAME), render(&stale).expect("render")).expect("write");
        let inside = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let most = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let threads: Vec<_> = (0..4)
            .map(|_| {
                let (dir, inside, most) = (dir.path().to_path_buf(), Arc::clone(&inside), Arc::clone(&most));
                std::thread::Builder::new()
                    .name("breaker".into())
                    .spawn(move || {
                        let lock = SaveLock::acquire(&dir, Duration::from_secs(20), &mut Watch::default(), fast())
                            .expect("each gets it in turn");
                        let now = inside.fetch_add(1, Ordering::SeqCst) + 1;
                        most.fetch_max(now, Ordering::SeqCst);
                        std::thread::sleep(Duration::from_millis(30));
                        assert!(lock.is_ours(), "never fenced while its heartbeat moves");
                        inside.fetch_sub(1, Ordering::SeqCst);
                    })
                    .expect("spawn")
            })
            .collect();
        for t in threads {
            t.join().expect("thread");
        }
        assert_eq!(most.load(Ordering::SeqCst), 1, "never two holders at once");
    }
}
