//! The data folder: round trips, broken files, failed writes, locks, format versions,
//! first-run seeding.

mod common;

use common::sized_model;
use pobratim::model::*;
use pobratim::store::{
    self, DataFile, FORMAT_VERSION, LOCK_FILE, META_FILE, OpenMode, ReadOnlyReason, StoreError, Workspace,
    atomic::faults::{self, Fault},
    atomic::temp_path,
};
use std::fs;
use std::path::Path;

/// Every file under `dir` (sub-folders included) but the lock, with its bytes.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    fn walk(dir: &Path, prefix: &str, out: &mut Vec<(String, Vec<u8>)>) {
        for p in fs::read_dir(dir).expect("read dir").map(|e| e.expect("entry").path()) {
            let name = format!("{prefix}{}", p.file_name().expect("name").to_string_lossy());
            if p.is_dir() {
                walk(&p, &format!("{name}/"), out);
            } else if name != LOCK_FILE {
                out.push((name, fs::read(&p).expect("read")));
            }
        }
    }
    let mut files = Vec::new();
    walk(dir, "", &mut files);
    files.sort();
    files
}

fn saved_folder(model: &Model) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut ws, _) = Workspace::open(dir.path(), OpenMode::ReadWrite).expect("open");
    ws.save(model).expect("save");
    dir
}

#[test]
fn save_then_open_gives_the_same_model() {
    let model = sized_model(30, "a");
    let dir = saved_folder(&model);
    let (ws, loaded) = Workspace::open(dir.path(), OpenMode::ReadOnly).expect("open");
    assert!(ws.load_errors().is_empty());
    assert_eq!(loaded, model);
    for f in store::data_files(&model) {
        assert!(dir.path().join(f.relative_path()).is_file(), "{} written", f.relative_path().display());
    }
    let meta = fs::read_to_string(dir.path().join(META_FILE)).expect("meta");
    assert!(meta.contains(&format!("format_version: {FORMAT_VERSION}")), "{meta}");
}

#[test]
fn saved_files_are_readable_text_sorted_by_id() {
    let mut model = sized_model(40, "a");
    model.people.reverse(); // Out of order in memory; the file must still be sorted.
    let dir = saved_folder(&model);
    // Two people of one file (people are split by a hash of the id).
    let part = |i: usize| DataFile::of_person(&format!("p{i:06}"));
    let (a, b) =
        (0..40).flat_map(|i| (i + 1..40).map(move |j| (i, j))).find(|(i, j)| part(*i) == part(*j)).expect("two");
    let text = fs::read_to_string(dir.path().join(part(a).relative_path())).expect("people");
    let first = text.find(&format!("p{a:06}")).expect("a");
    let second = text.find(&format!("p{b:06}")).expect("b");
    assert!(first < second);
    assert!(text.contains("佐藤 健太"), "CJK is written as text, not escapes");
    assert!(text.contains("Участник"));
    assert!(!text.contains('\r'));
}

#[test]
fn save_writes_only_changed_files_and_keeps_backup() {
    let model = sized_model(3, "a");
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut ws, _) = Workspace::open(dir.path(), OpenMode::ReadWrite).expect("open");
    let first = ws.save(&model).expect("save");
    // Cities, events, figures, one year of delegations, and the files of three people.
    let parts: std::collections::BTreeSet<DataFile> =
        model.people.iter().map(|p| DataFile::of_person(p.id.as_str())).collect();
    assert_eq!(first.written.len(), 4 + parts.len(), "{:?}", first.written);
    assert!(!ws.has_changes(&model));
    let mut changed = model.clone();
    changed.cities[0].notes = "изменено".into();
    assert!(ws.has_changes(&changed));
    let second = ws.save(&changed).expect("save");
    assert_eq!(second.written, vec![DataFile::Cities]);
    let bak = fs::read_to_string(dir.path().join("cities.ron.bak")).expect("bak");
    assert!(!bak.contains("изменено"), "the backup holds the previous version");
    assert!(fs::read_to_string(dir.path().join("cities.ron")).expect("new").contains("изменено"));
}

#[test]
fn garbled_file_is_reported_with_line_and_others_still_load() {
    let model = sized_model(5, "a");
    let dir = saved_folder(&model);
    let people = common::person_file(dir.path(), "p000000");
    let mut text = fs::read_to_string(&people).expect("read");
    // Break line 8: a field name the model does not know.
    let mut lines: Vec<&str> = text.lines().collect();
    lines[7] = "        full_nmae_ru: \"Опечатка\",";
    text = lines.join("\n");
    fs::write(&people, &text).expect("write");
    let before = snapshot(dir.path());

    let (mut ws, loaded) = Workspace::open(dir.path(), OpenMode::ReadWrite).expect("open");
    let errs = ws.load_errors();
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!(errs[0].path, people);
    assert_eq!(errs[0].line, Some(8));
    assert!(errs[0].message.contains("full_nmae_ru"), "{}", errs[0].message);
    assert!(errs[0].to_string().contains(".ron:8:"), "{}", errs[0]);
    // The other collections loaded.
    assert_eq!(loaded.cities, model.cities);
    assert_eq!(loaded.delegations, model.delegations);
    // The people of the other files loaded; none of that file did.
    let broken = DataFile::of_person("p000000");
    assert!(loaded.people.iter().all(|p| DataFile::of_person(p.id.as_str()) != broken));
    let others = model.people.iter().filter(|p| DataFile::of_person(p.id.as_str()) != broken).count();
    assert_eq!(loaded.people.len(), others);
    // Read-only: a save is refused, and nothing on disk changed.
    assert!(!ws.is_writable());
    assert!(matches!(ws.read_only_reasons()[0], ReadOnlyReason::LoadFailed(_)));
    assert!(matches!(ws.save(&loaded), Err(StoreError::ReadOnly(_))));
    drop(ws);
    assert_eq!(snapshot(dir.path()), before);
    assert!(!dir.path().join(LOCK_FILE).exists(), "a read-only workspace holds no lock");
}

#[test]
fn truncated_file_is_reported_and_nothing_changes() {
    let model = sized_model(20, "a");
    let dir = saved_folder(&model);
    let path = dir.path().join("delegations").join("2016.ron");
    let text = fs::read(&path).expect("read");
    fs::write(&path, &text[..text.len() / 2]).expect("truncate");
    let before = snapshot(dir.path());
    let (ws, loaded) = Workspace::open(dir.path(), OpenMode::ReadWrite).expect("open");
    assert_eq!(ws.load_errors().len(), 1);
    assert_eq!(ws.load_errors()[0].path, path);
    assert!(ws.load_errors()[0].line.is_some_and(|l| l > 1));
    assert_eq!(loaded.people, model.people);
    drop(ws);
    assert_eq!(snapshot(dir.path()), before);
}

#[test]
fn non_utf8_file_names_line() {
    let dir = saved_folder(&sized_model(2, "a"));
    let path = dir.path().join("cities.ron");
    // Windows-1251 «Ниигата» on line 3.
    fs::write(&path, b"[\n(\n  name_ru: \"\xcd\xe8\xe8\xe3\xe0\xf2\xe0\",\n)]").expect("write");
    let (ws, _) = Workspace::open(dir.path(), OpenMode::ReadOnly).expect("open");
    let e = &ws.load_errors()[0];
    assert_eq!(e.line, Some(3));
    assert!(e.message.contains("UTF-8"));
}

#[test]
fn crlf_and_bom_are_tolerated() {
    let model = sized_model(2, "a");
    let dir = saved_folder(&model);
    let path = dir.path().join("cities.ron");
    let text = fs::read_to_string(&path).expect("read").replace('\n', "\r\n");
    fs::write(&path, format!("\u{feff}{text}")).expect("write");
    let (ws, loaded) = Workspace::open(dir.path(), OpenMode::ReadOnly).expect("open");
    assert!(ws.load_errors().is_empty(), "{:?}", ws.load_errors());
    assert_eq!(loaded.cities, model.cities);
}

#[test]
fn failed_write_keeps_old_file_and_reports_path() {
    let model = sized_model(3, "a");
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut ws, _) = Workspace::open(dir.path(), OpenMode::ReadWrite).expect("open");
    ws.save(&model).expect("save");
    let cities = dir.path().join("cities.ron");
    let old = fs::read(&cities).expect("old");
    // Make the write fail. (Permission bits do not stop root, who runs CI; this does.)
    faults::inject(&cities, Fault::PermissionDenied);
    let mut changed = model.clone();
    changed.cities[0].notes = "не сохранится".into();
    let err = ws.save(&changed).expect_err("save must fail");
    let text = err.to_string();
    assert!(text.contains("cities.ron"), "{text}");
    assert_eq!(fs::read(&cities).expect("still old"), old);
    // Once the obstacle is gone, the same workspace saves.
    faults::clear(&cities);
    ws.save(&changed).expect("save after fix");
    assert!(fs::read_to_string(&cities).expect("new").contains("не сохранится"));
}

#[cfg(unix)]
#[test]
fn read_only_folder_write_fails_and_old_file_survives() {
    use std::os::unix::fs::PermissionsExt;
    let model = sized_model(3, "a");
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut ws, _) = Workspace::open(dir.path(), OpenMode::ReadWrite).expect("open");
    ws.save(&model).expect("save");
    let cities = dir.path().join("cities.ron");
    let old = fs::read(&cities).expect("old");
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o555)).expect("chmod");
    // Root ignores permission bits; then a squatting folder cannot be created either, so
    // make the failure certain by replacing the folder's write bit test with a probe.
    let probe = dir.path().join("probe");
    let root = fs::write(&probe, b"x").is_ok();
    if root {
        let _ = fs::remove_file(&probe);
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).expect("chmod back");
        faults::inject(&cities, Fault::PermissionDenied);
    }
    let mut changed = model.clone();
    changed.cities[0].notes = "не сохранится".into();
    let err = ws.save(&changed).expect_err("save must fail");
    assert!(err.to_string().contains("cities.ron"), "{err}");
    faults::clear(&cities);
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).expect("chmod back");
    assert_eq!(fs::read(&cities).expect("old"), old);
}

#[test]
fn a_second_opener_writes_too_and_only_an_older_versions_lock_makes_it_read_only() {
    let dir = saved_folder(&sized_model(2, "a"));
    let (first, model) = Workspace::open(dir.path(), OpenMode::ReadWrite).expect("first");
    let (second, _) = Workspace::open(dir.path(), OpenMode::ReadWrite).expect("second");
    assert!(first.is_writable() && second.is_writable(), "no opener holds the folder");
    drop((first, second));
    // `.pobratim.lock` is the lock of a version without the shared-folder protocol.
    let old = store::LockInfo { user: "коллега".into(), host: "pc-2".into(), ..store::LockInfo::current() };
    fs::write(dir.path().join(LOCK_FILE), ron::to_string(&old).expect("ron")).expect("lock");
    let (mut ws, _) = Workspace::open(dir.path(), OpenMode::ReadWrite).expect("open");
    let ReadOnlyReason::Locked(Some(holder)) = &ws.read_only_reasons()[0] else {
        panic!("expected a lock reason, got {:?}", ws.read_only_reasons());
    };
    assert_eq!(holder.user, "коллега");
    assert!(ws.read_only_reasons()[0].to_string().contains("коллега"));
    assert!(matches!(ws.save(&model), Err(StoreError::ReadOnly(_))));
    // After the user confirms the old program is closed.
    ws.take_over_lock().expect("take over");
    assert!(ws.is_writable());
    assert!(!dir.path().join(LOCK_FILE).exists(), "the old lock is removed, not replaced");
    let mut changed = model.clone();
    changed.cities[0].notes = "после старой версии".into();
    ws.save(&changed).expect("saves");
    assert!(fs::read_to_string(dir.path().join("cities.ron")).expect("read").contains("после старой версии"));
}

#[test]
fn read_only_mode_takes_no_lock() {
    let dir = saved_folder(&sized_model(2, "a"));
    let (ws, _) = Workspace::open(dir.path(), OpenMode::ReadOnly).expect("open");
    assert!(!dir.path().join(LOCK_FILE).exists());
    assert!(!ws.is_writable());
    assert!(matches!(Workspace::open(&dir.path().join("missing"), OpenMode::ReadOnly), Err(StoreError::NotFound(_))));
}

#[test]
fn newer_format_version_is_refused_and_nothing_is_written() {
    let dir = saved_folder(&sized_model(2, "a"));
    fs::write(dir.path().join(META_FILE), format!("(format_version: {})", FORMAT_VERSION + 1)).expect("write");
    let before = snapshot(dir.path());
    let err = Workspace::open(dir.path(), OpenMode::ReadWrite).expect_err("must refuse");
    let text = err.to_string();
    assert!(matches!(err, StoreError::NewerFormat { found, .. } if found == FORMAT_VERSION + 1));
    assert!(text.contains("update Pobratim") && text.contains(META_FILE), "{text}");
    assert_eq!(snapshot(dir.path()), before);
    assert!(!dir.path().join(LOCK_FILE).exists());
}

#[test]
fn old_temp_files_are_removed_by_a_save_but_never_a_colleagues_save_in_flight() {
    let dir = saved_folder(&sized_model(2, "a"));
    // A crash's leftover of an older version (a fixed name) and of this one.
    let older = dir.path().join(".people.ron.tmp");
    fs::write(&older, b"half").expect("write");
    let old = temp_path(&common::person_file(dir.path(), "p000000"));
    fs::write(&old, b"half a fi").expect("write");
    let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    let staged = dir.path().join(".pobratim").join("save.lock.new-00000000000000aa");
    fs::create_dir_all(dir.path().join(".pobratim")).expect("team dir");
    fs::write(&staged, b"(user: \"x\")").expect("staged lock");
    for f in [&old, &older, &staged] {
        fs::File::options().write(true).open(f).expect("open").set_modified(an_hour_ago).expect("age it");
    }
    let fresh = temp_path(&dir.path().join("cities.ron"));
    fs::write(&fresh, b"a colleague is writing th").expect("write");
    let (mut ws, model) = Workspace::open(dir.path(), OpenMode::ReadWrite).expect("open");
    assert!(old.exists(), "opening removes nothing");
    ws.save(&model).expect("save");
    assert!(!old.exists() && !older.exists() && !staged.exists(), "a crash's leftovers go");
    assert!(fresh.exists(), "a fresh one may be a colleague's save in flight");
}

#[test]
fn first_run_seeds_empty_folder_only() {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = root.path().join("new");
    assert!(store::sample::seed_if_empty(&dir).expect("seed"));
    let (ws, model) = Workspace::open(&dir, OpenMode::ReadOnly).expect("open");
    assert!(ws.load_errors().is_empty(), "{:?}", ws.load_errors());
    assert!(model.city(&CityId::new("niigata")).is_some());
    // A folder with anything in it is left alone.
    let mut changed = model.clone();
    changed.cities.clear();
    let (mut w, _) = Workspace::open(&dir, OpenMode::ReadWrite).expect("open rw");
    w.save(&changed).expect("save");
    drop(w);
    assert!(!store::sample::seed_if_empty(&dir).expect("seed again"));
    let (_, again) = Workspace::open(&dir, OpenMode::ReadOnly).expect("open");
    assert!(again.cities.is_empty());
}

#[test]
fn a_missing_collection_file_is_an_empty_collection() {
    let model = sized_model(2, "a");
    let dir = saved_folder(&model);
    fs::remove_file(dir.path().join("figures.ron")).expect("rm");
    let (ws, loaded) = Workspace::open(dir.path(), OpenMode::ReadOnly).expect("open");
    assert!(ws.load_errors().is_empty());
    assert!(loaded.figures.is_empty());
    assert_eq!(loaded.people, model.people);
}

// ---- Saving one edit, the delegations split by year, the cache, format version 1 ----

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("create");
    for p in fs::read_dir(from).expect("read").map(|e| e.expect("entry").path()) {
        let target = to.join(p.file_name().expect("name"));
        if p.is_dir() {
            copy_dir(&p, &target);
        } else {
            fs::copy(&p, &target).expect("copy");
        }
    }
}

fn repo(path: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// Every data file on disk equals the canonical text of `model`.
fn assert_files_canonical(dir: &Path, model: &Model) {
    for f in store::data_files(model) {
        let on_disk = fs::read_to_string(dir.join(f.relative_path())).expect("data file");
        assert!(
            on_disk == store::serialize_file(model, f),
            "{} is not what a full save writes",
            f.relative_path().display()
        );
    }
}

fn two_year_model() -> Model {
    let mut model = sized_model(40, "a");
    let mut second = model.delegations[0].clone();
    second.id = "del-2".into();
    second.arrival.date = common::d(2017, 3, 1);
    second.departure.date = common::d(2017, 3, 4);
    model.delegations.push(second);
    model.normalise();
    model
}

#[test]
fn one_edit_rewrites_only_its_file_as_a_full_save_would() {
    let model = two_year_model();
    let dir = saved_folder(&model);
    let (mut ws, mut edited) = Workspace::open(dir.path(), OpenMode::ReadWrite).expect("open");
    assert_eq!(edited, model);

    // One person: only the file of their part, and byte for byte what serializing
    // everything gives.
    let mut p = edited.people[7].clone();
    p.organisation = "Мэрия «Ниигаты»".into();
    let mut changes = store::Changes::default();
    changes.record(store::Collection::People, p.id.as_str());
    pobratim::command::Command::put(pobratim::command::Record::Person(p.into_inner()))
        .apply(&mut edited)
        .expect("apply");
    let report = ws.save_changes(&edited, &changes).expect("save");
    assert_eq!(report.written, vec![DataFile::of_person(edited.people[7].id.as_str())]);
    assert_files_canonical(dir.path(), &edited);

    // A delegation whose arrival moves from 2016 to 2017 leaves the 2016 file.
    let mut d = edited.delegations[0].clone();
    assert_eq!(d.id.as_str(), "del-1");
    d.arrival.date = common::d(2017, 6, 1);
    d.departure.date = common::d(2017, 6, 3);
    let mut changes = store::Changes::default();
    changes.record(store::Collection::Delegations, d.id.as_str());
    pobratim::command::Command::put(pobratim::command::Record::Delegation(d.into_inner()))
        .apply(&mut edited)
        .expect("apply");
    let report = ws.save_changes(&edited, &changes).expect("save");
    assert_eq!(report.written, vec![DataFile::Delegations(2016), DataFile::Delegations(2017)]);
    let old_year = fs::read_to_string(dir.path().join("delegations").join("2016.ron")).expect("2016");
    assert!(!old_year.contains("del-1") && old_year.trim_end().ends_with("[]"), "{old_year}");
    assert_files_canonical(dir.path(), &edited);

    // Nothing noted, nothing written.
    assert!(ws.save_changes(&edited, &store::Changes::default()).expect("save").written.is_empty());
    drop(ws);
    let (_, reopened) = Workspace::open(dir.path(), OpenMode::ReadOnly).expect("reopen");
    assert_eq!(reopened, edited);
}

#[test]
fn the_cache_is_used_but_never_trusted_over_the_ron_files() {
    let model = two_year_model();
    let dir = saved_folder(&model);
    let (ws, loaded) = Workspace::open(dir.path(), OpenMode::ReadOnly).expect("open");
    assert_eq!(loaded, model);
    assert!(
        ws.loaded_files().len() >= 6 && ws.loaded_files().iter().all(|(_, cached)| *cached),
        "{:?}",
        ws.loaded_files()
    );

    // Edited by hand: that file is parsed again, and the edit is what loads.
    let people = common::person_file(dir.path(), "p000003");
    let text = fs::read_to_string(&people).expect("people");
    fs::write(&people, text.replacen("Участник 3 a", "Участник 3 правка", 1)).expect("edit");
    let (ws, loaded) = Workspace::open(dir.path(), OpenMode::ReadOnly).expect("open");
    assert!(ws.loaded_files().contains(&(DataFile::of_person("p000003"), false)));
    assert!(ws.loaded_files().contains(&(DataFile::Cities, true)));
    assert!(loaded.people.iter().any(|p| p.full_name_ru == "Участник 3 правка"));

    // A torn or garbled cache entry is ignored.
    let cache = dir.path().join(store::CACHE_DIR).join("cities.bin");
    let bytes = fs::read(&cache).expect("cache");
    fs::write(&cache, &bytes[..bytes.len() / 2]).expect("tear");
    let events_cache = dir.path().join(store::CACHE_DIR).join("events.bin");
    let mut garbled = fs::read(&events_cache).expect("cache");
    let last = garbled.len() - 2;
    garbled[last] ^= 0x55;
    fs::write(&events_cache, garbled).expect("garble");
    let (ws, loaded) = Workspace::open(dir.path(), OpenMode::ReadOnly).expect("open");
    assert!(ws.load_errors().is_empty());
    assert!(ws.loaded_files().contains(&(DataFile::Cities, false)));
    assert!(ws.loaded_files().contains(&(DataFile::Events, false)));
    assert_eq!(loaded.cities, model.cities);
    assert_eq!(loaded.events, model.events);

    // Without the cache folder nothing is lost.
    fs::remove_dir_all(dir.path().join(store::CACHE_DIR)).expect("remove cache");
    let (_, loaded) = Workspace::open(dir.path(), OpenMode::ReadOnly).expect("open");
    assert_eq!(loaded.delegations, model.delegations);
}

#[test]
fn warming_a_folder_parsed_from_text_caches_it_and_keeps_saves_exact() {
    let model = two_year_model();
    let dir = saved_folder(&model);
    fs::remove_dir_all(dir.path().join(store::CACHE_DIR)).expect("remove cache");
    let (mut ws, mut edited) = Workspace::open(dir.path(), OpenMode::ReadWrite).expect("open");
    let cold = ws.cold_files();
    let files = store::data_files(&model).into_iter().filter(|f| dir.path().join(f.relative_path()).is_file()).count();
    assert_eq!(cold.len(), files, "{cold:?}");
    for f in cold {
        ws.warm(&edited, f);
    }
    assert!(ws.cold_files().is_empty());
    let mut c = edited.cities[1].clone();
    c.notes = "после прогрева".into();
    let mut changes = store::Changes::default();
    changes.record(store::Collection::Cities, c.id.as_str());
    pobratim::command::Command::put(pobratim::command::Record::City(c.into_inner())).apply(&mut edited).expect("apply");
    ws.save_changes(&edited, &changes).expect("save");
    ws.refresh_cache(&edited);
    assert_files_canonical(dir.path(), &edited);
    drop(ws);
    let (ws, loaded) = Workspace::open(dir.path(), OpenMode::ReadOnly).expect("open");
    assert!(ws.loaded_files().iter().all(|(_, cached)| *cached), "{:?}", ws.loaded_files());
    assert_eq!(loaded, edited);
}

/// The folder a save writes after opening `fixture`: a copy, opened read-write, saved.
fn migrated_copy(fixture: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_dir(fixture, dir.path());
    let (mut ws, model) = Workspace::open(dir.path(), OpenMode::ReadWrite).expect("open the old version");
    assert!(ws.load_errors().is_empty(), "{:?}", ws.load_errors());
    ws.save(&model).expect("migrating save");
    dir
}

/// The data files of a folder, without the lock, the cache and backups.
fn data_snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    snapshot(dir).into_iter().filter(|(name, _)| name.ends_with(".ron") && !name.starts_with(".cache")).collect()
}

#[test]
fn version_3_folder_migrates_byte_for_byte_to_the_fixture_of_this_version() {
    let fixture = repo("tests/fixtures/v3");
    let meta = fs::read_to_string(fixture.join(META_FILE)).expect("meta");
    assert!(meta.contains("format_version: 3"), "the fixture is version 3: {meta}");
    let dir = migrated_copy(&fixture);
    let newest = repo("tests/fixtures/v8");
    if std::env::var_os("UPDATE_FIXTURES").is_some() {
        // After a format change: `UPDATE_FIXTURES=1 cargo test --test store version_3`, then
        // review the diff. The sample's own content changes go in separate commits.
        for (name, bytes) in data_snapshot(dir.path()) {
            let path = newest.join(&name);
            fs::create_dir_all(path.parent().expect("parent")).expect("folder");
            fs::write(path, bytes).expect("update the newest fixture");
        }
    }
    assert_eq!(data_snapshot(dir.path()), data_snapshot(&newest), "v3 → v8 differs from tests/fixtures/v8");
    // Every Russian and English text of version 3 is in the migrated records.
    let (_, migrated) = Workspace::open(dir.path(), OpenMode::ReadOnly).expect("reopen");
    let mut old_texts = Vec::new();
    for (name, bytes) in data_snapshot(&fixture) {
        let text = String::from_utf8(bytes).expect("utf-8");
        for line in text.lines().map(str::trim) {
            for field in ["title_ru: ", "title_en: ", "activity_ru: ", "activity_en: "] {
                if let Some(value) = line.strip_prefix(field) {
                    let value: String = ron::from_str(value.trim_end_matches(',')).expect("a RON string");
                    if !value.trim().is_empty() {
                        old_texts.push((name.clone(), field, value));
                    }
                }
            }
        }
    }
    assert!(old_texts.iter().filter(|(_, f, _)| f.ends_with("_en: ")).count() > 10, "the fixture has English texts");
    let language = |field: &str| if field.contains("_en") { Language::En } else { Language::Ru };
    for (file, field, value) in &old_texts {
        let kept = migrated.delegations.iter().any(|d| {
            d.title.get(language(field)) == Some(value.as_str())
                || d.programme.iter().any(|p| p.activity.get(language(field)) == Some(value.as_str()))
        }) || migrated.events.iter().any(|e| e.title.get(language(field)) == Some(value.as_str()));
        assert!(kept, "{file}: {field}{value:?} was lost");
    }
}

/// A first save of an old folder that stopped partway leaves some files in the new shape
/// under the old version number; a backup copied back by hand may be in the old shape under
/// the new one. Either way the folder opens whole and writable.
#[test]
fn files_in_either_shape_open_whatever_the_version_says() {
    let (_, expected) = Workspace::open(&repo("tests/fixtures/v8"), OpenMode::ReadOnly).expect("newest fixture");
    let half_migrated = tempfile::tempdir().expect("tempdir");
    copy_dir(&repo("tests/fixtures/v3"), half_migrated.path());
    fs::copy(repo("tests/fixtures/v5/events.ron"), half_migrated.path().join("events.ron")).expect("copy");
    let restored = tempfile::tempdir().expect("tempdir");
    copy_dir(&repo("tests/fixtures/v8"), restored.path());
    let year = Path::new("delegations").join("2016.ron");
    fs::copy(repo("tests/fixtures/v3").join(&year), restored.path().join(&year)).expect("copy");
    for dir in [half_migrated.path(), restored.path()] {
        let (mut ws, model) = Workspace::open(dir, OpenMode::ReadWrite).expect("open");
        assert!(ws.load_errors().is_empty(), "{:?}", ws.load_errors());
        assert_eq!(model, expected);
        ws.save(&model).expect("save");
        drop(ws);
        assert_eq!(data_snapshot(dir), data_snapshot(&repo("tests/fixtures/v8")), "rewritten in the new shape");
    }
    // A file broken in both shapes names the line of the shape its version expects.
    let broken = tempfile::tempdir().expect("tempdir");
    copy_dir(&repo("tests/fixtures/v8"), broken.path());
    fs::write(broken.path().join("events.ron"), "[(id: \"x\", title: {ru: \"А\"}, colour: 1)]").expect("write");
    let (ws, _) = Workspace::open(broken.path(), OpenMode::ReadOnly).expect("open");
    let e = &ws.load_errors()[0];
    assert!(e.message.contains("colour"), "the new shape's complaint: {e:?}");
}

#[test]
fn version_4_folder_migrates_byte_for_byte_to_the_fixture_of_this_version() {
    // Version 5 added a series' changed occurrences; version 6 writes every field (see
    // `FORMAT_VERSION`): a version-4 folder's records read the same and write in that shape.
    let fixture = repo("tests/fixtures/v4");
    let meta = fs::read_to_string(fixture.join(META_FILE)).expect("meta");
    assert!(meta.contains("format_version: 4"), "the fixture is version 4: {meta}");
    let dir = migrated_copy(&fixture);
    assert_eq!(data_snapshot(dir.path()), data_snapshot(&repo("tests/fixtures/v8")), "v4 → v8 differs");
    let (_, model) = Workspace::open(dir.path(), OpenMode::ReadOnly).expect("reopen");
    assert!(model.events.iter().any(|e| e.recurrence.is_some()), "the fixture has series");
}

#[test]
fn changed_occurrences_survive_a_save_and_a_version_4_build_would_refuse_the_folder() {
    let dir = migrated_copy(&repo("tests/fixtures/v8"));
    let (mut ws, mut model) = Workspace::open(dir.path(), OpenMode::ReadWrite).expect("open");
    let series = model.events.iter_mut().find(|e| e.recurrence.is_some()).expect("a series");
    let first = series.start_date;
    let moved = pobratim::model::Override {
        recurrence_id: first,
        start_date: first.succ_opt(),
        title: Some("Перенесено".into()),
        ..Default::default()
    };
    series.recurrence.as_mut().expect("series").overrides.push(moved.clone());
    let id = series.id.clone();
    ws.save(&model).expect("save");
    let text = fs::read_to_string(dir.path().join("events.ron")).expect("events");
    assert!(text.contains("overrides:"), "written");
    let meta = fs::read_to_string(dir.path().join(META_FILE)).expect("meta");
    assert!(meta.contains(&format!("format_version: {FORMAT_VERSION}")), "{meta}");
    let (_, again) = Workspace::open(dir.path(), OpenMode::ReadOnly).expect("reopen");
    let back = again.event(&id).and_then(|e| e.recurrence.as_ref()).map(|r| r.overrides.clone());
    assert_eq!(back, Some(vec![moved]));
}

#[test]
fn version_5_folder_migrates_byte_for_byte_to_the_fixture_of_this_version() {
    // Version 6 added a visit without a partner city (`other_party`), an event's public
    // description and a year's public-calendar target, and writes every field: a version-5
    // folder's records read the same and are written whole.
    let fixture = repo("tests/fixtures/v5");
    let meta = fs::read_to_string(fixture.join(META_FILE)).expect("meta");
    assert!(meta.contains("format_version: 5"), "the fixture is version 5: {meta}");
    let dir = migrated_copy(&fixture);
    assert_eq!(data_snapshot(dir.path()), data_snapshot(&repo("tests/fixtures/v8")), "v5 → v8 differs");
    let (_, model) = Workspace::open(dir.path(), OpenMode::ReadOnly).expect("reopen");
    assert!(model.delegations.iter().all(|d| d.partner_city.is_some()), "every version-5 visit keeps its partner");
}

#[test]
fn version_6_folder_migrates_byte_for_byte_to_the_fixture_of_this_version_with_item_ids_from_the_file() {
    // Version 7 gave programme items, tasks and gifts an id. A version-6 folder has none:
    // loading numbers each list 1, 2, … in file order, the same on every computer.
    let fixture = repo("tests/fixtures/v6");
    let meta = fs::read_to_string(fixture.join(META_FILE)).expect("meta");
    assert!(meta.contains("format_version: 6"), "the fixture is version 6: {meta}");
    let (_, first) = Workspace::open(&fixture, OpenMode::ReadOnly).expect("open v6");
    let (_, second) = Workspace::open(&fixture, OpenMode::ReadOnly).expect("open v6 again");
    assert_eq!(first, second, "ids depend only on the file");
    let with_items = first.delegations.iter().find(|d| d.programme.len() > 1).expect("a visit with a programme");
    let ids: Vec<u64> = with_items.programme.iter().map(|p| p.id.0).collect();
    assert_eq!(ids, (1..=ids.len() as u64).collect::<Vec<_>>(), "numbered in file order");
    let dir = migrated_copy(&fixture);
    assert_eq!(data_snapshot(dir.path()), data_snapshot(&repo("tests/fixtures/v8")), "v6 → v8 differs");
    let text = fs::read_to_string(repo("tests/fixtures/v8/delegations/2016.ron")).expect("v8 fixture");
    assert!(text.contains("            id: 1,\n"), "items carry their id in the file");
}

#[test]
fn a_visit_without_a_partner_city_and_a_public_description_survive_a_save_and_say_this_version() {
    let dir = migrated_copy(&repo("tests/fixtures/v8"));
    let (mut ws, mut model) = Workspace::open(dir.path(), OpenMode::ReadWrite).expect("open");
    let d = &mut model.delegations[0];
    d.partner_city = None;
    d.other_party = "Провинция Шаньси (КНР)".into();
    let id = d.id.clone();
    model.events[0].public_description =
        pobratim::model::Text::ru("Для сайта").with(pobratim::model::Language::En, "For the website");
    let event = model.events[0].id.clone();
    ws.save(&model).expect("save");
    let text: String = snapshot(dir.path())
        .into_iter()
        .filter(|(n, _)| n.starts_with("delegations"))
        .map(|(_, b)| String::from_utf8(b).expect("utf-8"))
        .collect();
    assert!(text.contains("other_party: \"Провинция Шаньси (КНР)\""), "written");
    let (_, again) = Workspace::open(dir.path(), OpenMode::ReadOnly).expect("reopen");
    let back = again.delegation(&id).expect("visit");
    assert_eq!((back.partner_city.as_ref(), back.other_party.as_str()), (None, "Провинция Шаньси (КНР)"));
    assert_eq!(
        again.event(&event).map(|e| e.public_description.show(pobratim::model::Language::En)),
        Some("For the website")
    );
}

#[test]
fn version_2_folder_migrates_byte_for_byte_to_the_fixture_of_this_version() {
    let fixture = repo("tests/fixtures/v2");
    let meta = fs::read_to_string(fixture.join(META_FILE)).expect("meta");
    assert!(meta.contains("format_version: 2"), "the fixture is version 2: {meta}");
    let dir = migrated_copy(&fixture);
    let newest = repo("tests/fixtures/v8");
    assert_eq!(data_snapshot(dir.path()), data_snapshot(&newest), "v2 → v8 differs from tests/fixtures/v8");
    let (_, migrated) = Workspace::open(dir.path(), OpenMode::ReadOnly).expect("reopen");
    // What version 2 showed for a member's job is now the member's own.
    let portland = migrated.delegations.iter().find(|d| d.members.len() > 3).expect("a visit with members");
    for m in &portland.members {
        let p = migrated.person(&m.person).expect("person");
        assert_eq!((&m.organisation, &m.position), (&p.organisation, &p.position), "{}", p.full_name_ru);
    }
    assert!(portland.members.iter().any(|m| !m.organisation.is_empty()));
}

#[test]
fn the_chain_from_version_1_ends_in_the_fixture_of_this_version() {
    let v1 = migrated_copy(&repo("tests/fixtures/v1"));
    assert_eq!(data_snapshot(v1.path()), data_snapshot(&repo("tests/fixtures/v8")), "v1 → v8 differs");
    let meta = fs::read_to_string(repo("tests/fixtures/v8").join(META_FILE)).expect("meta");
    assert!(meta.contains(&format!("format_version: {FORMAT_VERSION}")), "the newest fixture is this version");
}

#[test]
fn version_1_folder_loads_and_is_split_by_year_on_the_first_save() {
    let fixture = repo("tests/fixtures/v1");
    let v1_meta = fs::read_to_string(fixture.join(META_FILE)).expect("meta");
    assert!(v1_meta.contains("format_version: 1"), "the fixture is version 1: {v1_meta}");
    let (_, expected) = Workspace::open(&repo("tests/fixtures/v8"), OpenMode::ReadOnly).expect("newest fixture");

    let dir = tempfile::tempdir().expect("tempdir");
    copy_dir(&fixture, dir.path());
    // Reading a version-1 folder writes nothing.
    let before = snapshot(dir.path());
    let (ws, model) = Workspace::open(dir.path(), OpenMode::ReadOnly).expect("open v1");
    assert!(ws.load_errors().is_empty());
    assert_eq!(model, expected, "version 1 holds the same records");
    drop(ws);
    assert_eq!(snapshot(dir.path()), before);

    let (mut ws, model) = Workspace::open(dir.path(), OpenMode::ReadWrite).expect("open v1");
    ws.save(&model).expect("migrating save");
    drop(ws);
    for year in ["2016.ron", "2017.ron"] {
        let ours = fs::read(dir.path().join("delegations").join(year)).expect("year file");
        assert!(
            ours == fs::read(repo("tests/fixtures/v8").join("delegations").join(year)).expect("newest fixture"),
            "{year}"
        );
    }
    assert!(!dir.path().join("delegations.ron").exists(), "the single file is retired");
    assert_eq!(
        fs::read(dir.path().join("delegations.ron.bak")).expect("kept as a backup"),
        fs::read(fixture.join("delegations.ron")).expect("fixture")
    );
    let meta = fs::read_to_string(dir.path().join(META_FILE)).expect("meta");
    assert!(meta.contains(&format!("format_version: {FORMAT_VERSION}")), "{meta}");
    let (ws, again) = Workspace::open(dir.path(), OpenMode::ReadOnly).expect("reopen");
    assert!(ws.load_errors().is_empty());
    assert_eq!(again, expected);
}

#[test]
fn a_stray_file_among_the_years_is_refused_by_name() {
    let model = two_year_model();
    let dir = saved_folder(&model);
    let stray = dir.path().join("delegations").join("копия 2016.ron");
    fs::write(&stray, "[]").expect("stray");
    let (ws, loaded) = Workspace::open(dir.path(), OpenMode::ReadWrite).expect("open");
    assert_eq!(ws.load_errors().len(), 1);
    assert_eq!(ws.load_errors()[0].path, stray);
    assert!(ws.load_errors()[0].message.contains("2016.ron"), "{}", ws.load_errors()[0].message);
    assert!(!ws.is_writable(), "read-only rather than drop what the file might hold");
    assert_eq!(loaded.delegations, model.delegations);
}

#[test]
fn a_delegation_in_the_wrong_year_file_moves_on_the_next_save() {
    let model = two_year_model();
    let dir = saved_folder(&model);
    let y2016 = dir.path().join("delegations").join("2016.ron");
    let y2017 = dir.path().join("delegations").join("2017.ron");
    // Someone moved the 2017 file's content into 2016 by hand.
    let text16 = fs::read_to_string(&y2016).expect("2016");
    let text17 = fs::read_to_string(&y2017).expect("2017");
    let body =
        |t: &str| t.lines().filter(|l| !l.starts_with("//") && *l != "[" && *l != "]").collect::<Vec<_>>().join("\n");
    fs::write(&y2016, format!("[\n{}\n{}\n]\n", body(&text16), body(&text17))).expect("merge");
    fs::remove_file(&y2017).expect("remove");
    let (mut ws, loaded) = Workspace::open(dir.path(), OpenMode::ReadWrite).expect("open");
    assert!(ws.load_errors().is_empty());
    assert_eq!(loaded.delegations, model.delegations);
    ws.save_changes(&loaded, &store::Changes::default()).expect("save");
    assert_files_canonical(dir.path(), &model);
}

mod random_edits {
    use super::*;
    use pobratim::command::{Command, Record};
    use proptest::prelude::*;

    #[derive(Clone, Debug)]
    enum Edit {
        Person(usize, String),
        RemovePerson(usize),
        Delegation(usize, i32),
        City(usize, String),
        Figures(i32),
    }

    fn edit() -> impl Strategy<Value = Edit> {
        prop_oneof![
            (0..40usize, "[а-яa-z \"\\\\]{0,12}").prop_map(|(i, s)| Edit::Person(i, s)),
            (0..40usize).prop_map(Edit::RemovePerson),
            (0..2usize, 2015..2019i32).prop_map(|(i, y)| Edit::Delegation(i, y)),
            (0..2usize, ".{0,10}").prop_map(|(i, s)| Edit::City(i, s)),
            (2014..2018i32).prop_map(Edit::Figures),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

        /// Whatever sequence of edits, saving only what the commands touched leaves every
        /// file exactly as a save of everything would, and the folder reloads to the model.
        #[test]
        fn saves_of_what_changed_equal_full_saves(edits in proptest::collection::vec(edit(), 1..12)) {
            let base = two_year_model();
            let dir = saved_folder(&base);
            let (mut ws, mut model) = Workspace::open(dir.path(), OpenMode::ReadWrite).expect("open");
            for (n, e) in edits.into_iter().enumerate() {
                let command = match e {
                    Edit::Person(i, s) => model.people.get(i).cloned().map(|mut p| {
                        p.organisation = s;
                        Command::put(Record::Person(p.into_inner()))
                    }),
                    Edit::RemovePerson(i) => model
                        .people
                        .get(i)
                        .filter(|p| !model.delegations.iter().any(|d| d.members.iter().any(|m| m.person == p.id)))
                        .map(|p| Command::Remove(pobratim::model::RecordId::Person(p.id.clone()))),
                    Edit::Delegation(i, y) => model.delegations.get(i).cloned().map(|mut d| {
                        d.arrival.date = common::d(y, 5, 1);
                        d.departure.date = common::d(y, 5, 3);
                        Command::put(Record::Delegation(d.into_inner()))
                    }),
                    Edit::City(i, s) => model.cities.get(i).cloned().map(|mut c| {
                        c.notes = s;
                        Command::put(Record::City(c.into_inner()))
                    }),
                    Edit::Figures(y) => Some(Command::put(Record::Figures(YearFigures {
                        year: y,
                        foreign_tourists: Some(1000 + n as u64),
                        ..YearFigures::default()
                    }))),
                };
                let Some(command) = command else { continue };
                let mut changes = store::Changes::default();
                let (c, key) = match &command {
                    Command::Put(r) => match r.as_ref() {
                        Record::Person(p) => (store::Collection::People, p.id.as_str().to_owned()),
                        Record::Delegation(d) => (store::Collection::Delegations, d.id.as_str().to_owned()),
                        Record::City(c) => (store::Collection::Cities, c.id.as_str().to_owned()),
                        Record::Figures(f) => (store::Collection::Figures, f.year.to_string()),
                        Record::Event(e) => (store::Collection::Events, e.id.as_str().to_owned()),
                    },
                    Command::Remove(pobratim::model::RecordId::Person(id)) => (store::Collection::People, id.as_str().to_owned()),
                    other => panic!("not generated: {other:?}"),
                };
                changes.record(c, &key);
                if command.apply(&mut model).is_err() {
                    continue;
                }
                ws.save_changes(&model, &changes).expect("save");
                if n % 3 == 0 {
                    ws.refresh_cache(&model);
                }
            }
            for f in store::data_files(&model) {
                let on_disk = fs::read_to_string(dir.path().join(f.relative_path())).expect("file");
                prop_assert_eq!(on_disk, store::serialize_file(&model, f));
            }
            drop(ws);
            let (ws, reopened) = Workspace::open(dir.path(), OpenMode::ReadOnly).expect("reopen");
            prop_assert!(ws.load_errors().is_empty());
            prop_assert_eq!(reopened, model);
        }
    }
}

#[test]
fn injected_write_failures_leave_the_file_and_its_backup_and_a_retry_works() {
    use store::atomic::faults::{self, Fault};
    for fault in [Fault::DiskFull, Fault::PermissionDenied, Fault::RenameFails] {
        let model = two_year_model();
        let dir = saved_folder(&model);
        let (mut ws, mut edited) = Workspace::open(dir.path(), OpenMode::ReadWrite).expect("open");
        // One more save, so a backup exists.
        edited.people[0].notes = "вторая версия".into();
        ws.save(&edited).expect("second save");
        let before = snapshot(dir.path());
        edited.people[0].notes = "третья версия".into();
        let mut changes = store::Changes::default();
        changes.record(store::Collection::People, edited.people[0].id.as_str());
        faults::inject(dir.path(), fault);
        let err = ws.save_changes(&edited, &changes).expect_err("the write fails");
        let file = DataFile::of_person(edited.people[0].id.as_str()).relative_path();
        assert!(err.to_string().contains(&*file.to_string_lossy()), "{fault:?}: {err}");
        faults::clear(dir.path());
        // Every data file as before and no temp file left. A backup is the previous version
        // or, when only the final rename failed, the file it already copied.
        let after = snapshot(dir.path());
        let names = |s: &[(String, Vec<u8>)]| s.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
        assert_eq!(names(&after), names(&before), "{fault:?}: the same files, no temp file");
        for ((name, old), (_, new)) in before.iter().zip(&after) {
            let backup_of_current = name.ends_with(".bak")
                && before.iter().any(|(n, b)| Some(n.as_str()) == name.strip_suffix(".bak") && b == new);
            assert!(old == new || backup_of_current, "{fault:?}: {name} changed");
        }
        ws.save_changes(&edited, &changes).expect("the retry works");
        assert_files_canonical(dir.path(), &edited);
    }
}

#[test]
fn a_file_changed_behind_the_apps_back_is_merged_never_spliced_or_overwritten() {
    // The store keeps no texts: a save copies unchanged records from the file on disk, so
    // a file changed meanwhile without a revision (a hand edit, a program without the
    // shared-folder protocol) must be noticed, never cut at the old spans, and merged
    // like a colleague's save rather than overwritten.
    let dir = tempfile::tempdir().expect("tempdir");
    pobratim::store::sample::write_sample(dir.path()).expect("sample");
    let (mut ws, mut model) = Workspace::open(dir.path(), OpenMode::ReadWrite).expect("open");
    ws.refresh_cache(&model);
    let path = dir.path().join("cities.ron");
    let text = fs::read_to_string(&path).expect("cities");
    // Longer text early in the file: every later span moves.
    let edited = text.replacen("        notes: \"", "        notes: \"Правка вручную. ", 1);
    assert_ne!(edited, text, "the sample has a city with notes");
    fs::write(&path, &edited).expect("hand edit");
    let id = model.cities.last().expect("a city").id.clone();
    let mut changes = store::Changes::default();
    changes.note(&model, &RecordId::City(id.clone()));
    if let Some(c) = model.cities.iter_mut().find(|c| c.id == id) {
        c.region = "Изменено в программе".into();
    }
    let report = ws.save_changes(&model, &changes).expect("save");
    assert!(report.clashes.is_empty(), "{:?}", report.clashes);
    assert!(!report.updates.cities.is_empty(), "the app is told of the hand edit");
    let (_, back) = Workspace::open(dir.path(), OpenMode::ReadOnly).expect("reopen");
    assert!(back.cities.iter().any(|c| c.notes.starts_with("Правка вручную. ")), "the hand edit stays");
    assert_eq!(back.city(&id).map(|c| c.region.as_str()), Some("Изменено в программе"), "and ours lands");
    report.updates.apply_to(&mut model);
    assert_eq!(back.cities, model.cities, "the app's model is the folder's");
}

#[test]
fn a_cache_entry_of_a_file_of_the_same_length_but_other_bytes_is_not_used() {
    // The open checks a cache entry by streaming the file's hash, never holding its text:
    // one letter changed, the length the same, must still read the file.
    let model = two_year_model();
    let dir = saved_folder(&model);
    let people = common::person_file(dir.path(), "p000003");
    let text = fs::read_to_string(&people).expect("people");
    let edited = text.replacen("Участник 3 a", "Участник 3 b", 1);
    assert_eq!((edited.len(), edited != text), (text.len(), true));
    fs::write(&people, edited).expect("edit");
    for mode in [OpenMode::ReadOnly, OpenMode::ReadWrite] {
        let (ws, loaded) = Workspace::open(dir.path(), mode).expect("open");
        let file = DataFile::of_person("p000003");
        assert!(ws.loaded_files().contains(&(file, false)), "{mode:?}: {:?}", ws.loaded_files());
        assert!(ws.loaded_files().contains(&(DataFile::Cities, true)), "{mode:?}");
        assert!(loaded.people.iter().any(|p| p.full_name_ru == "Участник 3 b"), "{mode:?}");
    }
}

#[test]
fn version_7_folder_splits_its_people_into_the_parts_of_the_fixture_and_keeps_people_ron_as_a_backup() {
    // Version 8 split `people.ron` into `people/00.ron` … `people/15.ron` by a hash of the
    // id; the records themselves are unchanged.
    let fixture = repo("tests/fixtures/v7");
    let meta = fs::read_to_string(fixture.join(META_FILE)).expect("meta");
    assert!(meta.contains("format_version: 7"), "the fixture is version 7: {meta}");
    let (_, old) = Workspace::open(&fixture, OpenMode::ReadOnly).expect("open v7");
    let dir = migrated_copy(&fixture);
    assert_eq!(data_snapshot(dir.path()), data_snapshot(&repo("tests/fixtures/v8")), "v7 → v8 differs");
    let kept = fs::read(dir.path().join("people.ron.bak")).expect("people.ron kept as a backup");
    assert_eq!(kept, fs::read(fixture.join("people.ron")).expect("v7 people"), "byte for byte");
    let (ws, new) = Workspace::open(dir.path(), OpenMode::ReadOnly).expect("reopen");
    assert!(ws.load_errors().is_empty(), "{:?}", ws.load_errors());
    assert_eq!(new, old, "every record as it was");
    let parts = fs::read_dir(dir.path().join(store::PEOPLE_DIR)).expect("people/").count();
    assert!(parts > 8, "{parts} files");
}

#[test]
fn a_stray_file_in_the_people_folder_is_named_and_the_folder_opens_read_only() {
    let dir = saved_folder(&sized_model(5, "a"));
    let stray = dir.path().join(store::PEOPLE_DIR).join("03 (копия).ron");
    fs::write(&stray, "[]").expect("write");
    let before = snapshot(dir.path());
    let (ws, loaded) = Workspace::open(dir.path(), OpenMode::ReadWrite).expect("open");
    assert_eq!(ws.load_errors().len(), 1, "{:?}", ws.load_errors());
    assert_eq!(ws.load_errors()[0].path, stray);
    assert!(ws.load_errors()[0].message.contains("00.ron"), "{}", ws.load_errors()[0].message);
    assert!(!ws.is_writable());
    assert_eq!(loaded.people.len(), 5, "the people still load");
    drop(ws);
    assert_eq!(snapshot(dir.path()), before);
}

#[test]
fn a_person_moved_by_hand_into_another_part_loads_and_goes_home_on_the_next_save() {
    let model = sized_model(40, "a");
    let dir = saved_folder(&model);
    let id = "p000007";
    let home = DataFile::of_person(id);
    let other =
        DataFile::people().find(|f| *f != home && dir.path().join(f.relative_path()).is_file()).expect("another");
    // Cut the record out of its file and paste it at the top of another one.
    let home_path = dir.path().join(home.relative_path());
    let text = fs::read_to_string(&home_path).expect("home");
    let start = text.find(&format!("    (\n        id: \"{id}\"")).expect("the record");
    let end = start + text[start..].find("\n    ),\n").expect("its end") + "\n    ),\n".len();
    let record = text[start..end].to_owned();
    fs::write(&home_path, format!("{}{}", &text[..start], &text[end..])).expect("cut");
    let other_path = dir.path().join(other.relative_path());
    let text = fs::read_to_string(&other_path).expect("other");
    fs::write(&other_path, text.replacen("[\n", &format!("[\n{record}"), 1)).expect("paste");
    let (mut ws, loaded) = Workspace::open(dir.path(), OpenMode::ReadWrite).expect("open");
    assert!(ws.load_errors().is_empty(), "{:?}", ws.load_errors());
    assert_eq!(loaded.people.len(), 40);
    assert!(loaded.person(&PersonId::new(id)).is_some());
    let report = ws.save_changes(&loaded, &store::Changes::default()).expect("save");
    assert!(report.written.contains(&home) && report.written.contains(&other), "{:?}", report.written);
    assert!(fs::read_to_string(&home_path).expect("home").contains(&format!("id: \"{id}\"")));
    assert!(!fs::read_to_string(&other_path).expect("other").contains(&format!("id: \"{id}\"")));
    assert_files_canonical(dir.path(), &loaded);
}
