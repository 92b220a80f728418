//! Several workspaces writing one folder at once (DESIGN.md §11): every save merges with
//! what colleagues saved since, by record, by list item and by field; what both set
//! differently keeps theirs in the file and ours as a stored conflict.

use pobratim::model::merge::Merge;
use pobratim::model::{DelegationId, EventId, ItemId, Model, Person, PersonId, ProgrammeItem, Text};
use pobratim::store::team::lock::{SaveLock, Timing, Watch};
use pobratim::store::{
    Changes, Collection, LOCK_FILE, LockInfo, OpenMode, ReadOnlyReason, StoreError, Workspace, sample,
};
use std::path::Path;
use std::time::Duration;

fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    sample::write_sample(dir.path()).expect("sample");
    dir
}

fn open(dir: &Path) -> (Workspace, Model) {
    let (ws, model) = Workspace::open(dir, OpenMode::ReadWrite).expect("open");
    assert!(ws.is_writable(), "{:?}", ws.read_only_reasons());
    (ws, model)
}

fn changed(collection: Collection, key: &str) -> Changes {
    let mut c = Changes::default();
    c.record(collection, key);
    c
}

const VISIT: &str = "del-2016-05-city-day-niigata";

fn visit(m: &mut Model) -> &mut pobratim::model::Delegation {
    let id = DelegationId::new(VISIT);
    m.delegations.iter_mut().find(|d| d.id == id).expect("visit")
}

fn city<'m>(m: &'m mut Model, id: &pobratim::model::CityId) -> &'m mut pobratim::model::City {
    m.cities.iter_mut().find(|c| c.id == *id).expect("city")
}

fn reopen(dir: &Path) -> Model {
    Workspace::open(dir, OpenMode::ReadOnly).expect("reopen").1
}

#[test]
fn two_workspaces_write_at_once_and_different_fields_of_one_record_both_land() {
    let dir = folder();
    let (mut a, mut ma) = open(dir.path());
    let (mut b, mut mb) = open(dir.path());
    visit(&mut ma).notes = "гостиница забронирована".into();
    a.save_changes(&ma, &changed(Collection::Delegations, VISIT)).expect("A saves");
    visit(&mut mb).purpose = "День города".into();
    let report = b.save_changes(&mb, &changed(Collection::Delegations, VISIT)).expect("B saves after A");
    assert!(report.clashes.is_empty(), "{:?}", report.clashes);
    let merged = report.updates.delegations.get(VISIT).cloned().flatten().expect("B learns the merged visit");
    assert_eq!((merged.notes.as_str(), merged.purpose.as_str()), ("гостиница забронирована", "День города"));
    let back = reopen(dir.path());
    let d = back.delegation(&DelegationId::new(VISIT)).expect("visit");
    assert_eq!((d.notes.as_str(), d.purpose.as_str()), ("гостиница забронирована", "День города"));
    // A's next save learns B's part without writing anything of its own.
    let report = a.save_changes(&ma, &Changes::default()).expect("A saves again");
    assert!(report.updates.delegations.contains_key(VISIT), "A is told of B's change");
    assert!(report.written.is_empty(), "nothing of A's changed: {:?}", report.written);
}

#[test]
fn the_same_field_keeps_theirs_in_the_file_and_ours_as_a_conflict_that_survives_a_restart() {
    let dir = folder();
    let (mut a, mut ma) = open(dir.path());
    let (mut b, mut mb) = open(dir.path());
    visit(&mut ma).notes = "от Анны".into();
    a.save_changes(&ma, &changed(Collection::Delegations, VISIT)).expect("A");
    visit(&mut mb).notes = "от Бориса".into();
    let report = b.save_changes(&mb, &changed(Collection::Delegations, VISIT)).expect("B");
    assert_eq!(report.clashes.len(), 1);
    let back = reopen(dir.path());
    assert_eq!(back.delegation(&DelegationId::new(VISIT)).map(|d| d.notes.as_str()), Some("от Анны"));
    drop(b);
    let (again, _) = open(dir.path());
    let stored = again.conflicts();
    assert_eq!(stored.len(), 1, "stored in the folder");
    let c = &stored[0];
    assert_eq!((c.record.as_str(), c.clash.path.as_str()), ("delegation:del-2016-05-city-day-niigata", "notes"));
    assert_eq!(c.clash.mine.as_deref(), Some("\"от Бориса\""));
    assert_eq!(c.clash.theirs.as_deref(), Some("\"от Анны\""));
    // «Взять моё».
    let mut d = back.delegation(&DelegationId::new(VISIT)).cloned().expect("visit");
    d.put_at(&c.clash.path, c.clash.mine.as_deref()).expect("put");
    assert_eq!(d.notes, "от Бориса");
    again.remove_conflict(c.id).expect("resolved");
    assert!(again.conflicts().is_empty());
}

#[test]
fn programme_items_added_on_two_computers_both_survive() {
    let dir = folder();
    let (mut a, mut ma) = open(dir.path());
    let (mut b, mut mb) = open(dir.path());
    let item = |id: u64, what: &str, date| ProgrammeItem {
        id: ItemId(id),
        date,
        activity: Text::ru(what),
        ..ProgrammeItem::default()
    };
    let day = visit(&mut ma).arrival.date;
    visit(&mut ma).programme.push(item(4_000_000_001, "Экскурсия", day));
    a.save_changes(&ma, &changed(Collection::Delegations, VISIT)).expect("A");
    visit(&mut mb).programme.push(item(5_000_000_002, "Ужин", day));
    b.save_changes(&mb, &changed(Collection::Delegations, VISIT)).expect("B");
    let back = reopen(dir.path());
    let ids: Vec<u64> =
        back.delegation(&DelegationId::new(VISIT)).expect("visit").programme.iter().map(|p| p.id.0).collect();
    assert!(ids.contains(&4_000_000_001) && ids.contains(&5_000_000_002), "{ids:?}");
}

#[test]
fn two_new_records_with_one_id_both_survive_one_renamed() {
    let dir = folder();
    let (mut a, mut ma) = open(dir.path());
    let (mut b, mut mb) = open(dir.path());
    let person = |name: &str| Person { id: PersonId::new("p-new"), full_name_ru: name.into(), ..Person::default() };
    ma.people.push(person("Анна Первая").into());
    ma.normalise();
    a.save_changes(&ma, &changed(Collection::People, "p-new")).expect("A");
    mb.people.push(person("Борис Второй").into());
    mb.normalise();
    let report = b.save_changes(&mb, &changed(Collection::People, "p-new")).expect("B");
    let back = reopen(dir.path());
    assert_eq!(back.person(&PersonId::new("p-new")).map(|p| p.full_name_ru.as_str()), Some("Анна Первая"));
    assert_eq!(back.person(&PersonId::new("p-new-2")).map(|p| p.full_name_ru.as_str()), Some("Борис Второй"));
    assert!(report.updates.people.contains_key("p-new") && report.updates.people.contains_key("p-new-2"));
}

#[test]
fn a_colleagues_deletion_is_not_undone_and_our_change_of_it_is_kept_as_a_conflict() {
    let dir = folder();
    let (mut a, mut ma) = open(dir.path());
    let (mut b, mut mb) = open(dir.path());
    // Events no visit refers to (the app refuses to delete the others).
    let free: Vec<EventId> = ma
        .events
        .iter()
        .map(|e| e.id.clone())
        .filter(|id| pobratim::model::refs::event_references(&ma, id, pobratim::model::Language::Ru).is_empty())
        .take(2)
        .collect();
    let [first, second] = [free[0].clone(), free[1].clone()];
    ma.events.retain(|e| e.id != first);
    a.save_changes(&ma, &changed(Collection::Events, first.as_str())).expect("A deletes");
    // B saves something else: the deleted event is not written again from memory.
    visit(&mut mb).notes = "другое".into();
    let report = b.save_changes(&mb, &changed(Collection::Delegations, VISIT)).expect("B");
    assert!(reopen(dir.path()).event(&first).is_none(), "A's deletion stands");
    assert_eq!(report.updates.events.get(first.as_str()), Some(&None), "B is told to drop it");
    // B changed the second while A deleted it: the file keeps it deleted, B's version waits.
    ma.events.retain(|e| e.id != second);
    a.save_changes(&ma, &changed(Collection::Events, second.as_str())).expect("A deletes again");
    mb.events.iter_mut().find(|e| e.id == second).expect("event").venue = "Площадь Ленина".into();
    let report = b.save_changes(&mb, &changed(Collection::Events, second.as_str())).expect("B");
    assert!(reopen(dir.path()).event(&second).is_none());
    assert_eq!(report.clashes.len(), 1, "{:?}", report.clashes);
    assert!(report.clashes[0].clash.they_deleted());
    assert!(report.clashes[0].clash.mine.as_deref().is_some_and(|m| m.contains("Площадь Ленина")));
}

#[test]
fn a_colleagues_deletion_of_a_person_our_roster_names_is_undone() {
    let dir = folder();
    let (mut a, mut ma) = open(dir.path());
    let (mut b, mut mb) = open(dir.path());
    let guest = PersonId::new("p-guest");
    mb.people.push(Person { id: guest.clone(), full_name_ru: "Гость Гостевой".into(), ..Person::default() }.into());
    mb.normalise();
    b.save_changes(&mb, &changed(Collection::People, guest.as_str())).expect("B adds a person");
    // A learns of the person and puts them on a roster; B deletes the person meanwhile.
    a.save_changes(&ma, &Changes::default()).expect("A syncs").updates.apply_to(&mut ma);
    visit(&mut ma).members.push(pobratim::model::Member { person: guest.clone(), ..Default::default() });
    mb.people.retain(|p| p.id != guest);
    b.save_changes(&mb, &changed(Collection::People, guest.as_str())).expect("B deletes");
    a.save_changes(&ma, &changed(Collection::Delegations, VISIT)).expect("A saves the roster");
    let back = reopen(dir.path());
    assert!(back.delegation(&DelegationId::new(VISIT)).is_some_and(|d| d.members.iter().any(|m| m.person == guest)));
    assert!(back.person(&guest).is_some(), "the person the roster names is back");
}

#[test]
fn a_legacy_lock_means_read_only_and_not_a_byte_is_written() {
    let dir = folder();
    let old = LockInfo { user: "коллега".into(), host: "старый-пк".into(), ..LockInfo::current() };
    std::fs::write(dir.path().join(LOCK_FILE), ron::to_string(&old).expect("ron")).expect("lock");
    let before = snapshot(dir.path());
    let (mut ws, mut model) = Workspace::open(dir.path(), OpenMode::ReadWrite).expect("open");
    assert!(matches!(ws.read_only_reasons(), [ReadOnlyReason::Locked(Some(h))] if h.user == "коллега"));
    visit(&mut model).notes = "не запишется".into();
    assert!(matches!(ws.save_changes(&model, &Changes::everything()), Err(StoreError::ReadOnly(_))));
    drop(ws);
    assert_eq!(snapshot(dir.path()), before, "not a byte written");
}

#[test]
fn a_save_waits_for_a_colleagues_save_and_names_them_if_it_does_not_end() {
    let dir = folder();
    let (mut a, mut ma) = open(dir.path());
    let timing = Timing {
        beat: Duration::from_millis(20),
        stale_after: Duration::from_secs(30),
        poll: Duration::from_millis(5),
    };
    a.set_lock_timing(timing, Duration::from_millis(300));
    let held = SaveLock::acquire(dir.path(), Duration::ZERO, &mut Watch::default(), timing).expect("a colleague saves");
    visit(&mut ma).notes = "ждёт".into();
    let err = a.save_changes(&ma, &changed(Collection::Delegations, VISIT)).expect_err("busy");
    assert!(matches!(&err, StoreError::Busy { holder: Some(h), .. } if h.token == held.info().token), "{err:?}");
    assert!(err.message(pobratim::model::Lang::Ru).contains("сейчас сохраняет"));
    drop(held);
    a.save_changes(&ma, &changed(Collection::Delegations, VISIT)).expect("saves once released");
    assert_eq!(reopen(dir.path()).delegation(&DelegationId::new(VISIT)).map(|d| d.notes.as_str()), Some("ждёт"));
}

#[test]
fn a_stale_save_lock_left_on_another_computer_is_broken_after_the_bound() {
    let dir = folder();
    let (mut a, mut ma) = open(dir.path());
    let timing = Timing {
        beat: Duration::from_millis(20),
        stale_after: Duration::from_millis(300),
        poll: Duration::from_millis(5),
    };
    a.set_lock_timing(timing, Duration::from_secs(5));
    let team = dir.path().join(".pobratim");
    std::fs::create_dir_all(&team).expect("dir");
    let gone = LockInfo { host: "выключенный-пк".into(), ..LockInfo::current() };
    std::fs::write(team.join("save.lock"), ron::to_string(&gone).expect("ron")).expect("lock");
    visit(&mut ma).notes = "после сбоя коллеги".into();
    a.save_changes(&ma, &changed(Collection::Delegations, VISIT)).expect("breaks the stale lock and saves");
    assert!(!team.join("save.lock").exists(), "released");
}

#[test]
fn a_reader_during_a_visits_move_between_year_files_always_sees_one_copy() {
    let dir = folder();
    let (mut a, mut ma) = open(dir.path());
    let path = dir.path().to_path_buf();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let flag = std::sync::Arc::clone(&stop);
    let reader = std::thread::Builder::new()
        .name("reader".into())
        .spawn(move || {
            let mut reads = 0;
            while !flag.load(std::sync::atomic::Ordering::Relaxed) || reads < 5 {
                let (_, m) = Workspace::open(&path, OpenMode::ReadOnly).expect("read");
                let copies = m.delegations.iter().filter(|d| d.id.as_str() == VISIT).count();
                assert_eq!(copies, 1, "read {reads}");
                reads += 1;
            }
            reads
        })
        .expect("spawn");
    for i in 0..30 {
        let d = visit(&mut ma);
        let shift = if i % 2 == 0 { 365 } else { -365 };
        d.arrival.date += chrono::Duration::days(shift);
        d.departure.date += chrono::Duration::days(shift);
        a.save_changes(&ma, &changed(Collection::Delegations, VISIT)).expect("move");
        std::thread::sleep(Duration::from_millis(10));
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let reads = reader.join().expect("the reader never saw two copies or none");
    assert!(reads >= 5);
}

/// Every file of a folder with its bytes.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("read dir").flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push((
                    p.strip_prefix(dir).expect("inside").display().to_string(),
                    std::fs::read(&p).expect("read"),
                ));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn a_purge_is_marked_in_the_revision_and_takes_the_purged_values_out_of_stored_conflicts() {
    let dir = folder();
    let (mut a, mut ma) = open(dir.path());
    let (mut b, mut mb) = open(dir.path());
    let key = ma.people.iter().find(|p| p.passport.is_some()).map(|p| p.id.clone()).expect("a guest");
    let phone = |m: &mut Model, v: &str| {
        if let Some(p) = m.people.iter_mut().find(|p| p.id == key) {
            p.phone = v.into();
        }
    };
    phone(&mut ma, "+7 100");
    a.save_changes(&ma, &changed(Collection::People, key.as_str())).expect("A");
    phone(&mut mb, "+7 200");
    let report = b.save_changes(&mb, &changed(Collection::People, key.as_str())).expect("B");
    assert_eq!(report.clashes.len(), 1, "B's phone is a conflict");
    assert!(format!("{:?}", b.conflicts()).contains("+7 200"));
    // A purges the guest.
    let guest = ma.person(&key).cloned().expect("guest");
    let purged = pobratim::model::retention::purged(&guest);
    ma.people.retain(|p| p.id != key);
    ma.people.push(purged.into());
    a.mark_purge(std::slice::from_ref(&key));
    a.save_changes(&ma, &changed(Collection::People, key.as_str())).expect("A purges");
    let rev = pobratim::store::team::revision::read(dir.path()).expect("revision");
    let last = rev.journal.last().expect("an entry");
    assert!(last.purge && last.records.contains(&format!("person:{key}")), "{last:?}");
    let stored = format!("{:?}", a.conflicts());
    assert!(!stored.contains("+7 200") && !stored.contains("+7 100"), "{stored}");
    // B learns that the guest was purged, so the app can drop its undo entries.
    let report = b.save_changes(&mb, &Changes::default()).expect("B again");
    assert_eq!(report.purged, vec![key.clone()]);
    let file = pobratim::store::DataFile::of_person(key.as_str()).relative_path();
    let text = std::fs::read_to_string(dir.path().join(file)).expect("people");
    assert!(!text.contains("+7 100") && !text.contains("+7 200"));
}

#[test]
fn a_save_that_stops_between_the_conflict_and_the_data_file_loses_neither_value() {
    use pobratim::store::atomic::faults::{self, Fault};
    let dir = folder();
    let (mut a, mut ma) = open(dir.path());
    let (mut b, mut mb) = open(dir.path());
    let region = |m: &mut Model, v: &str| {
        if let Some(c) = m.cities.iter_mut().find(|c| c.id.as_str() == "niigata") {
            c.region = v.into();
        }
    };
    region(&mut ma, "от Анны");
    a.save_changes(&ma, &changed(Collection::Cities, "niigata")).expect("A");
    // As B's app does: each record's value before the change is noted as its base.
    let mut both = Changes::default();
    for city in ["niigata", "harbin"] {
        both.note(&mb, &pobratim::model::RecordId::City(pobratim::model::CityId::new(city)));
    }
    region(&mut mb, "от Бориса");
    if let Some(c) = mb.cities.iter_mut().find(|c| c.id.as_str() == "harbin") {
        c.notes = "и ещё правка Бориса".into();
    }
    // B's save stores its conflict, then cannot write cities.ron: as if it died there.
    let cities = dir.path().join("cities.ron");
    faults::inject(&cities, Fault::RenameFails);
    let failed = b.save_changes(&mb, &both);
    faults::clear(&cities);
    assert!(failed.is_err());
    let (fresh, model) = Workspace::open(dir.path(), OpenMode::ReadOnly).expect("open after the crash");
    assert_eq!(model.city(&pobratim::model::CityId::new("niigata")).map(|c| c.region.as_str()), Some("от Анны"));
    let stored = fresh.conflicts();
    assert_eq!(stored.len(), 1, "{stored:?}");
    assert_eq!(stored[0].clash.mine.as_deref(), Some("\"от Бориса\""));
    // Had B lived, its next save finds the same clash: stored once, not twice.
    b.save_changes(&mb, &both).expect("B again");
    assert_eq!(fresh.conflicts().len(), 1);
}

#[test]
fn renames_refused_by_another_program_for_a_moment_are_tried_again_and_the_save_lands() {
    use pobratim::store::atomic::faults::{self, Fault};
    let dir = folder();
    let (mut a, mut ma) = open(dir.path());
    visit(&mut ma).notes = "сохранено со второй попытки".into();
    faults::inject(dir.path(), Fault::SharingViolation(3));
    let saved = a.save_changes(&ma, &changed(Collection::Delegations, VISIT));
    faults::clear(dir.path());
    saved.expect("saved after the back-off");
    let back = reopen(dir.path());
    assert_eq!(
        back.delegation(&DelegationId::new(VISIT)).map(|d| d.notes.as_str()),
        Some("сохранено со второй попытки")
    );
}

#[test]
fn a_base_noted_before_the_edit_merges_by_field_after_many_colleagues_saves_and_without_one_nothing_is_lost() {
    use pobratim::model::RecordId;
    let dir = folder();
    let (mut a, mut ma) = open(dir.path());
    let (mut b, mut mb) = open(dir.path());
    let (mut c, mut mc) = open(dir.path());
    let id = RecordId::Delegation(DelegationId::new(VISIT));
    // B notes its base (as the app does), C does not; both then edit the visit's notes.
    let mut noted = Changes::default();
    noted.note(&mb, &id);
    visit(&mut mb).notes = "от Бориса".into();
    visit(&mut mc).notes = "от Веры".into();
    // A saves the visit three times: the `.bak` no longer holds B's or C's base.
    for purpose in ["первая", "вторая", "третья"] {
        visit(&mut ma).purpose = purpose.into();
        a.save_changes(&ma, &changed(Collection::Delegations, VISIT)).expect("A saves");
    }
    let report = b.save_changes(&mb, &noted).expect("B saves");
    assert!(report.clashes.is_empty(), "merged field by field: {:?}", report.clashes);
    let back = reopen(dir.path());
    let d = back.delegation(&DelegationId::new(VISIT)).expect("visit");
    assert_eq!((d.notes.as_str(), d.purpose.as_str()), ("от Бориса", "третья"));
    // C's base is known nowhere: the file keeps theirs, C's visit is stored whole.
    let report = c.save_changes(&mc, &changed(Collection::Delegations, VISIT)).expect("C saves");
    assert_eq!(report.clashes.len(), 1, "{:?}", report.clashes);
    let clash = &report.clashes[0].clash;
    assert_eq!(clash.path, "", "the whole record");
    assert!(clash.mine.as_deref().is_some_and(|m| m.contains("от Веры")), "{clash:?}");
    assert!(clash.theirs.as_deref().is_some_and(|t| t.contains("от Бориса")), "{clash:?}");
    let back = reopen(dir.path());
    assert_eq!(back.delegation(&DelegationId::new(VISIT)).map(|d| d.notes.as_str()), Some("от Бориса"));
    assert_eq!(c.conflicts().len(), 1, "stored in the folder");
}

#[test]
fn a_revision_shown_late_by_a_network_drive_does_not_let_a_save_overwrite_a_colleagues_write() {
    use pobratim::model::{CityId, RecordId};
    use pobratim::store::atomic::faults;
    let dir = folder();
    let (mut a, mut ma) = open(dir.path());
    let (mut b, mut mb) = open(dir.path());
    // B's drive keeps showing the revision as it was before A's save.
    let revision = dir.path().join(".pobratim").join("revision");
    let stale = std::fs::read_to_string(&revision).unwrap_or_default();
    let niigata = CityId::new("niigata");
    city(&mut ma, &niigata).notes = "от Анны".into();
    a.save_changes(&ma, &changed(Collection::Cities, "niigata")).expect("A saves");
    faults::show_late(&revision, stale);
    let mut noted = Changes::default();
    noted.note(&mb, &RecordId::City(niigata.clone()));
    city(&mut mb, &niigata).region = "от Бориса".into();
    let saved = b.save_changes(&mb, &noted);
    faults::show_on_time(&revision);
    let report = saved.expect("B saves");
    assert!(report.clashes.is_empty(), "{:?}", report.clashes);
    let back = reopen(dir.path());
    let c = back.city(&niigata).expect("niigata");
    assert_eq!((c.notes.as_str(), c.region.as_str()), ("от Анны", "от Бориса"), "both land");
}

#[test]
fn a_data_file_shown_late_is_read_again_until_it_is_the_colleagues_and_both_edits_land() {
    use pobratim::model::{CityId, RecordId};
    use pobratim::store::atomic::faults;
    let dir = folder();
    let (mut a, mut ma) = open(dir.path());
    let (mut b, mut mb) = open(dir.path());
    let cities = dir.path().join("cities.ron");
    let stale = std::fs::read_to_string(&cities).expect("cities");
    let niigata = CityId::new("niigata");
    city(&mut ma, &niigata).notes = "от Анны".into();
    a.save_changes(&ma, &changed(Collection::Cities, "niigata")).expect("A saves");
    // B's drive shows the revision on time but cities.ron as it was, for 300 ms.
    faults::show_late(&cities, stale);
    let later = cities.clone();
    let clear = std::thread::Builder::new()
        .name("drive-catches-up".into())
        .spawn(move || {
            std::thread::sleep(Duration::from_millis(300));
            faults::show_on_time(&later);
        })
        .expect("thread");
    let mut noted = Changes::default();
    noted.note(&mb, &RecordId::City(niigata.clone()));
    city(&mut mb, &niigata).region = "от Бориса".into();
    let saved = b.save_changes(&mb, &noted);
    clear.join().expect("clear");
    faults::show_on_time(&cities);
    let report = saved.expect("B saves");
    assert!(report.clashes.is_empty(), "{:?}", report.clashes);
    let back = reopen(dir.path());
    let c = back.city(&niigata).expect("niigata");
    assert_eq!((c.notes.as_str(), c.region.as_str()), ("от Анны", "от Бориса"), "A's edit is not written away");
}

/// Every person of `model` once, in the file of their part, and nowhere else.
fn assert_people_in_their_parts(dir: &Path, model: &Model) {
    use pobratim::store::DataFile;
    let mut seen = std::collections::BTreeSet::new();
    for p in &model.people {
        assert!(seen.insert(p.id.as_str().to_owned()), "{} twice", p.id);
        let file = DataFile::of_person(p.id.as_str()).relative_path();
        let text = std::fs::read_to_string(dir.join(&file)).expect("the person's file");
        assert!(text.contains(&format!("id: \"{}\"", p.id)), "{} in {}", p.id, file.display());
    }
}

#[test]
fn two_apps_on_a_version_7_folder_both_split_the_people_and_nobody_is_lost_or_doubled() {
    let dir = v7_folder();
    let (mut a, mut ma) = open(dir.path());
    let (mut b, mut mb) = open(dir.path());
    let before = ma.clone();
    let (x, y) = (ma.people[0].id.clone(), ma.people[1].id.clone());
    let phone = |m: &mut Model, id: &PersonId, v: &str| {
        if let Some(p) = m.people.iter_mut().find(|p| p.id == *id) {
            p.phone = v.into();
        }
    };
    // A saves first: every part written, `people.ron` kept as `people.ron.bak`.
    phone(&mut ma, &x, "+7 4212 00-00-01");
    a.save_changes(&ma, &changed(Collection::People, x.as_str())).expect("A migrates");
    assert!(!dir.path().join("people.ron").exists() && dir.path().join("people.ron.bak").is_file());
    // B opened the old folder too: its save merges into A's parts, one person each.
    phone(&mut mb, &y, "+7 4212 00-00-02");
    let report = b.save_changes(&mb, &changed(Collection::People, y.as_str())).expect("B merges");
    assert!(report.clashes.is_empty(), "{:?}", report.clashes);
    let back = reopen(dir.path());
    assert_eq!(back.people.len(), before.people.len(), "nobody lost, nobody doubled");
    assert_eq!(back.person(&x).map(|p| p.phone.as_str()), Some("+7 4212 00-00-01"));
    assert_eq!(back.person(&y).map(|p| p.phone.as_str()), Some("+7 4212 00-00-02"));
    assert_people_in_their_parts(dir.path(), &back);
    // B's next save changes nothing.
    let again = b.save_changes(&back, &Changes::default()).expect("B again");
    assert!(again.written.is_empty(), "{:?}", again.written);
}

#[test]
fn a_save_that_merges_while_people_ron_is_still_there_moves_everyone_into_the_parts() {
    // A build of version 7 (which writes `people.ron` and knows nothing of parts) saves a
    // city while this app has the folder open: this app's next save merges, and must carry
    // every person from `people.ron` into the parts before `people.ron` is retired.
    let dir = v7_folder();
    {
        // The folder has a revision when this app opens it.
        let lock = SaveLock::acquire(dir.path(), Duration::ZERO, &mut Watch::default(), Timing::default())
            .expect("an earlier save");
        pobratim::store::team::revision::bump(dir.path(), &lock, Vec::new(), Vec::new(), false).expect("bump");
    }
    let (mut b, mut mb) = open(dir.path());
    let before = mb.clone();
    {
        let lock = SaveLock::acquire(dir.path(), Duration::ZERO, &mut Watch::default(), Timing::default())
            .expect("the old build saves");
        let cities = dir.path().join("cities.ron");
        let text = std::fs::read_to_string(&cities).expect("cities");
        std::fs::write(&cities, text.replacen("notes: \"", "notes: \"Правка старой версии. ", 1)).expect("write");
        pobratim::store::team::revision::bump(dir.path(), &lock, Vec::new(), vec![("cities.ron".into(), 0)], false)
            .expect("bump");
    }
    // A new guest: the only person the save was told of, whose part is not yet written.
    let y = PersonId::new("novyj-gost");
    mb.people.push(Person { id: y.clone(), full_name_ru: "Новый Гость".into(), ..Person::default() }.into());
    b.save_changes(&mb, &changed(Collection::People, y.as_str())).expect("B merges");
    let back = reopen(dir.path());
    assert_eq!(back.people.len(), before.people.len() + 1, "nobody lost");
    assert_eq!(back.person(&y).map(|p| p.full_name_ru.as_str()), Some("Новый Гость"));
    assert!(back.cities.iter().any(|c| c.notes.starts_with("Правка старой версии. ")), "their city");
    assert_people_in_their_parts(dir.path(), &back);
}

#[test]
fn a_person_both_sides_created_under_one_id_is_renamed_into_another_part_that_loses_nobody() {
    use pobratim::store::DataFile;
    // `p-new` is in part 00 and the renamed `p-new-2` in part 15, which holds a sample
    // person: written from the renamed record alone, that person would be gone.
    assert_ne!(DataFile::of_person("p-new"), DataFile::of_person("p-new-2"));
    let dir = folder();
    let (mut a, mut ma) = open(dir.path());
    let (mut b, mut mb) = open(dir.path());
    let before = ma.clone();
    let in_15 = before.people.iter().filter(|p| DataFile::of_person(p.id.as_str()) == DataFile::People(15)).count();
    assert!(in_15 > 0, "part 15 holds someone");
    let guest = |name: &str| -> pobratim::model::Shared<Person> {
        Person { id: PersonId::new("p-new"), full_name_ru: name.into(), ..Person::default() }.into()
    };
    ma.people.push(guest("Анна Новая"));
    a.save_changes(&ma, &changed(Collection::People, "p-new")).expect("A");
    mb.people.push(guest("Борис Новый"));
    b.save_changes(&mb, &changed(Collection::People, "p-new")).expect("B");
    let back = reopen(dir.path());
    assert_eq!(back.people.len(), before.people.len() + 2, "both guests and everyone else");
    assert_eq!(back.person(&PersonId::new("p-new")).map(|p| p.full_name_ru.as_str()), Some("Анна Новая"));
    assert_eq!(back.person(&PersonId::new("p-new-2")).map(|p| p.full_name_ru.as_str()), Some("Борис Новый"));
    assert_people_in_their_parts(dir.path(), &back);
}

#[test]
fn a_save_into_a_folder_a_newer_version_migrated_meanwhile_is_refused_and_writes_nothing() {
    let dir = folder();
    let (mut a, mut ma) = open(dir.path());
    let meta = dir.path().join(pobratim::store::META_FILE);
    let text = std::fs::read_to_string(&meta).expect("meta");
    let newer = pobratim::store::FORMAT_VERSION + 1;
    let now = format!("format_version: {}", pobratim::store::FORMAT_VERSION);
    assert!(text.contains(&now), "{text}");
    std::fs::write(&meta, text.replace(&now, &format!("format_version: {newer}"))).expect("newer");
    let cities = std::fs::read(dir.path().join("cities.ron")).expect("cities");
    let id = ma.cities[0].id.clone();
    city(&mut ma, &id).notes = "после обновления коллеги".into();
    let err = a.save_changes(&ma, &changed(Collection::Cities, id.as_str())).expect_err("refused");
    assert!(matches!(err, StoreError::NewerFormat { found, .. } if found == newer), "{err}");
    assert_eq!(std::fs::read(dir.path().join("cities.ron")).expect("cities"), cities, "nothing written");
}

/// A copy of `tests/fixtures/v7`: the sample in format 7, with one `people.ron`.
fn v7_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v7");
    for entry in walk(&fixture) {
        let to = dir.path().join(entry.strip_prefix(&fixture).expect("inside"));
        std::fs::create_dir_all(to.parent().expect("parent")).expect("folder");
        std::fs::copy(&entry, &to).expect("copy");
    }
    dir
}

/// Every file under `dir`.
fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).expect("read dir").flatten() {
        let path = e.path();
        if path.is_dir() { out.extend(walk(&path)) } else { out.push(path) }
    }
    out
}
