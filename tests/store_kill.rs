//! Killed during a save: a child process saves in a loop and is killed with SIGKILL at
//! varied moments, 200 times. Afterwards every file parses and equals either the old or the
//! new content, and the backups are whole too.
//!
//! The child is this same test binary, re-run on the ignored test `kill_child_save_loop`.

mod common;

use common::sized_model;
use pobratim::model::Model;
use pobratim::store::{DataFile, OpenMode, Workspace, data_files, serialize_file};
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

const TRIALS: usize = 200;
const ENV_DIR: &str = "POBRATIM_KILL_TEST_DIR";
const READY: &str = "POBRATIM-CHILD-SAVING";

fn variant(n: usize) -> Model {
    // Different sizes, so a torn file could not pass for the other variant.
    if n.is_multiple_of(2) { sized_model(1500, "старый") } else { sized_model(1900, "новый") }
}

/// Child side: open (taking over a lock a killed predecessor left), then save the two
/// variants alternately forever.
#[test]
#[ignore = "run by kill_during_save_leaves_old_or_new_files as a child process"]
fn kill_child_save_loop() {
    let Ok(dir) = std::env::var(ENV_DIR) else { return };
    let (mut ws, _) = Workspace::open(Path::new(&dir), OpenMode::ReadWrite).expect("child open");
    if !ws.is_writable() {
        ws.take_over_lock().expect("child takes over the lock of its killed predecessor");
    }
    let models = [variant(0), variant(1)];
    let mut n = 0usize;
    loop {
        ws.save(&models[n % 2]).expect("child save");
        if n == 0 {
            println!("{READY}");
        }
        n += 1;
    }
}

#[cfg(unix)]
#[test]
fn kill_during_save_leaves_old_or_new_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let files: Vec<DataFile> = data_files(&variant(0));
    assert_eq!(files, data_files(&variant(1)), "both variants fill the same files");
    let texts: Vec<Vec<String>> =
        (0..2).map(|n| files.iter().map(|f| serialize_file(&variant(n), *f)).collect()).collect();
    let exe = std::env::current_exe().expect("test binary");
    let mut seen_old = 0usize;
    let mut seen_new = 0usize;
    let mut seed: u64 = 0x5EED_2016;
    for trial in 0..TRIALS {
        let mut child = Command::new(&exe)
            .args(["--ignored", "--exact", "kill_child_save_loop", "--nocapture", "--test-threads=1"])
            .env(ENV_DIR, dir.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn child");
        let stdout = child.stdout.take().expect("child stdout");
        let mut lines = BufReader::new(stdout).lines();
        let ready = lines.any(|l| l.is_ok_and(|l| l.contains(READY)));
        assert!(ready, "trial {trial}: the child never started saving");
        // Kill 0–40 ms into the loop, at a pseudo-random moment (xorshift, fixed seed).
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        std::thread::sleep(Duration::from_micros(seed % 40_000));
        child.kill().expect("SIGKILL");
        child.wait().expect("reap");

        for (i, f) in files.iter().enumerate() {
            let path = dir.path().join(f.relative_path());
            let name = path.display();
            let on_disk = std::fs::read_to_string(&path).expect("file exists after kill");
            let is_old = on_disk == texts[0][i];
            let is_new = on_disk == texts[1][i];
            assert!(is_old || is_new, "trial {trial}: {name} is torn ({} bytes)", on_disk.len());
            if *f == DataFile::People {
                if is_old { seen_old += 1 } else { seen_new += 1 }
            }
            let bak = std::fs::read_to_string(pobratim::store::atomic::backup_path(&path));
            if let Ok(bak) = bak {
                assert!(bak == texts[0][i] || bak == texts[1][i], "trial {trial}: {name}.bak is torn");
            }
        }
        let (ws, model) = Workspace::open(dir.path(), OpenMode::ReadOnly).expect("open after kill");
        assert!(ws.load_errors().is_empty(), "trial {trial}: {:?}", ws.load_errors());
        assert!(model.people.len() == 1500 || model.people.len() == 1900);
    }
    eprintln!("kill trials: {TRIALS}; people.ron found old {seen_old} times, new {seen_new} times; no torn file");
    // The kills must land at both phases of the loop, or the test proves little.
    assert!(seen_old > 0 && seen_new > 0, "old {seen_old}, new {seen_new}");
}
