//! Two instances on one folder, as two real processes: the GUI's app (without a window)
//! has the folder open while the command line runs `import ics` and `import roster`. Both
//! write (each save holds only the short save lock), and the folder holds every update.
//! A save lock that is not released within 10 s makes the command line give up, naming the
//! holder. A GUI process killed outright leaves nothing that locks anyone out.
//!
//! The GUI side is this test binary re-run on the ignored test `gui_holds_the_folder`,
//! driven through stdin: `edit` applies and saves a command, `quit` closes.

use pobratim::App;
use pobratim::command::{Command, Record};
use pobratim::model::{Person, PersonId};
use pobratim::store::team::lock::{SaveLock, Timing, Watch};
use pobratim::store::{OpenMode, Workspace, sample};
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, ChildStdout, Stdio};
use std::time::Duration;

const ENV_DIR: &str = "POBRATIM_TWO_INSTANCES_DIR";

#[test]
#[ignore = "run by the_cli_waits_for_the_gui_and_no_update_is_lost as a child process"]
fn gui_holds_the_folder() {
    let Ok(dir) = std::env::var(ENV_DIR) else { return };
    let mut app = App::open(Path::new(&dir)).expect("open as the GUI does");
    println!("READY");
    for line in std::io::stdin().lock().lines() {
        match line.expect("stdin").as_str() {
            "edit" => {
                let person = Person {
                    id: PersonId::new("p-gui-edit"),
                    full_name_ru: "Правка из окна программы".into(),
                    ..Person::default()
                };
                app.apply(Command::put(Record::Person(person)));
                app.save_blocking().expect("the GUI saves");
                println!("SAVED");
            }
            _ => break,
        }
    }
    drop(app);
    println!("CLOSED");
}

struct Gui {
    child: Child,
    stdin: ChildStdin,
    lines: std::io::Lines<BufReader<ChildStdout>>,
}

impl Gui {
    fn start(dir: &Path) -> Gui {
        let mut child = std::process::Command::new(std::env::current_exe().expect("test binary"))
            .args(["--ignored", "--exact", "gui_holds_the_folder", "--nocapture", "--test-threads=1"])
            .env(ENV_DIR, dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn the GUI process");
        let stdin = child.stdin.take().expect("stdin");
        let lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
        let mut gui = Gui { child, stdin, lines };
        gui.wait_for("READY");
        gui
    }

    fn wait_for(&mut self, word: &str) {
        let seen = self.lines.by_ref().any(|l| l.is_ok_and(|l| l.trim_end().ends_with(word)));
        assert!(seen, "the GUI process never said {word}");
    }

    fn send(&mut self, line: &str) {
        writeln!(self.stdin, "{line}").expect("write to the GUI process");
        self.stdin.flush().expect("flush");
    }
}

fn cli(args: &[&str], home: &Path) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_pobratim"))
        .args(args)
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("share"))
        .output()
        .expect("run pobratim")
}

/// The data files with their bytes (the lock file and the cache left out).
fn data_snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for sub in ["", "delegations"] {
        let Ok(entries) = std::fs::read_dir(dir.join(sub)) else { continue };
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.ends_with(".ron") {
                out.push((format!("{sub}/{name}"), std::fs::read(e.path()).expect("read")));
            }
        }
    }
    out.sort();
    out
}

#[cfg(unix)]
#[test]
fn the_cli_waits_for_the_gui_and_no_update_is_lost() {
    let home = tempfile::tempdir().expect("home");
    let data = tempfile::tempdir().expect("data");
    sample::write_sample(data.path()).expect("sample");
    let data_s = data.path().display().to_string();
    let ics = home.path().join("meeting.ics");
    std::fs::write(
        &ics,
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:mayors-2017@example\r\nSUMMARY:Встреча мэров\r\n\
         DTSTART;VALUE=DATE:20170310\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
    )
    .expect("ics");
    let roster = home.path().join("roster.csv");
    std::fs::write(&roster, "ФИО;Роль\nГостев Гость;участник\n").expect("csv");
    let roster_s = roster.display().to_string();
    let ics_s = ics.display().to_string();
    let import_ics = ["import", "ics", ics_s.as_str(), "--data", data_s.as_str()];
    let import_roster =
        ["import", "roster", roster_s.as_str(), "--delegation", "del-2016-05-bucheon-mlada", "--data", data_s.as_str()];

    let mut gui = Gui::start(data.path());
    // The command line writes while the GUI has the folder open: nothing holds the folder,
    // only each save holds the save lock for its moment.
    for args in [&import_ics[..], &import_roster[..]] {
        let out = cli(args, home.path());
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    }
    // The GUI's own edit saves after them, merging with what they wrote.
    gui.send("edit");
    gui.wait_for("SAVED");
    let (ws, model) = Workspace::open(data.path(), OpenMode::ReadOnly).expect("open");
    assert!(ws.load_errors().is_empty());
    assert!(model.person(&PersonId::new("p-gui-edit")).is_some(), "the GUI's update is kept");
    assert!(model.events.iter().any(|e| e.title.ru_text() == "Встреча мэров"), "the ICS import landed");
    assert!(model.people.iter().any(|p| p.full_name_ru == "Гостев Гость"), "the roster import landed");

    // A save that does not end within 10 s (here: a save lock held with a live heartbeat)
    // makes the command line give up, naming the holder, and write nothing.
    let held = SaveLock::acquire(data.path(), Duration::ZERO, &mut Watch::default(), Timing::default()).expect("lock");
    let before = data_snapshot(data.path());
    let again = home.path().join("again.ics");
    std::fs::write(
        &again,
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:later@example\r\nSUMMARY:Позже\r\n\
         DTSTART;VALUE=DATE:20170311\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
    )
    .expect("ics");
    let started = std::time::Instant::now();
    let out = cli(&["import", "ics", &again.display().to_string(), "--data", &data_s], home.path());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(started.elapsed() >= Duration::from_secs(10), "it waited: {:?}", started.elapsed());
    assert!(err.contains(&held.info().describe()), "the holder is named: {err}");
    assert_eq!(data_snapshot(data.path()), before, "nothing written");
    drop(held);

    gui.send("quit");
    gui.wait_for("CLOSED");
    assert!(gui.child.wait().expect("the GUI process exits").success());
    assert!(!data.path().join(".pobratim").join("save.lock").exists(), "no save lock left");
}

/// A crash must not lock anyone out: a GUI process killed outright (SIGKILL) leaves its
/// session, which the next opener removes (its process is gone), and a legacy lock left by
/// this user's killed older version is removed by the next open, which says so.
#[cfg(target_os = "linux")]
#[test]
fn what_a_killed_process_leaves_is_cleared_by_the_next_open() {
    let home = tempfile::tempdir().expect("home");
    let data = tempfile::tempdir().expect("data");
    sample::write_sample(data.path()).expect("sample");
    let mut gui = Gui::start(data.path());
    let (mut ws, _) = Workspace::open(data.path(), OpenMode::ReadWrite).expect("open");
    assert!(ws.is_writable(), "both write: {:?}", ws.read_only_reasons());
    assert_eq!(ws.colleagues(vec![]).iter().filter(|s| s.pid == gui.child.id()).count(), 1, "the GUI is listed");
    gui.child.kill().expect("kill the GUI process");
    gui.child.wait().expect("reap");
    assert!(ws.colleagues(vec![]).iter().all(|s| s.pid != gui.child.id()), "a killed session is not listed");
    drop(ws);

    // An older version's lock, left by this user's process that was killed.
    let old = pobratim::store::LockInfo { pid: u32::MAX - 1, ..pobratim::store::LockInfo::current() };
    std::fs::write(data.path().join(pobratim::store::LOCK_FILE), ron::to_string(&old).expect("ron")).expect("lock");
    let ics = home.path().join("one.ics");
    std::fs::write(
        &ics,
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:one@example\r\nSUMMARY:Встреча\r\n\
         DTSTART;VALUE=DATE:20170310\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
    )
    .expect("ics");
    let out =
        cli(&["import", "ics", &ics.display().to_string(), "--data", &data.path().display().to_string()], home.path());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("снята"), "{err}");
    assert!(!data.path().join(pobratim::store::LOCK_FILE).exists());
}
