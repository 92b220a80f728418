use super::*;
use crate::model::{
    City, CityId, Coordinates, Delegation, DelegationId, DelegationStatus, ItemId, Member, PersonId, ProgrammeItem,
    Role, Task, Text,
};
use chrono::{NaiveDate, NaiveTime};
use proptest::prelude::*;
use std::collections::BTreeMap;

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2027, 5, d).expect("date")
}

fn item(id: u64, d: u32, what: &str) -> ProgrammeItem {
    ProgrammeItem { id: ItemId(id), date: day(d), activity: Text::ru(what), ..ProgrammeItem::default() }
}

fn visit() -> Delegation {
    Delegation {
        id: DelegationId::new("niigata-2027"),
        title: Text::ru("Детская делегация г. Ниигаты"),
        members: vec![Member { person: PersonId::new("ivanov"), role: Role::Head, ..Member::default() }],
        programme: vec![item(1, 10, "Встреча"), item(2, 11, "Музей"), item(3, 12, "Отъезд")],
        checklist: vec![Task { id: ItemId(1), title: "Гостиница".into(), due: Some(day(1)), done: false }],
        ..Delegation::default()
    }
}

#[test]
fn a_record_merged_with_itself_is_itself_even_with_nan_and_huge_strings() {
    let city = City {
        id: CityId::new("niigata"),
        name_native: "新潟市".into(),
        coordinates: Some(Coordinates { lat: f64::NAN, lon: f64::INFINITY }),
        notes: "ж".repeat(100_000),
        ..City::default()
    };
    let (merged, clashes) = merge(&city, &city, &city);
    assert!(clashes.is_empty(), "{clashes:?}");
    assert_eq!(ron_text(&merged), ron_text(&city));
    assert!(merged.coordinates.is_some_and(|c| c.lat.is_nan() && c.lon == f64::INFINITY));
    // A side that changed another field keeps the NaN as it was.
    let mut mine = city.clone();
    mine.region = "Ниигата".into();
    let (merged, clashes) = merge(&city, &mine, &city);
    assert!(clashes.is_empty(), "{clashes:?}");
    assert_eq!(merged.region, "Ниигата");
    assert!(merged.coordinates.is_some_and(|c| c.lat.is_nan()));
}

#[test]
fn different_fields_both_land_and_the_same_field_keeps_theirs_with_ours_as_a_clash() {
    let base = visit();
    let mut mine = base.clone();
    mine.notes = "моё".into();
    mine.purpose = "обмен".into();
    let mut theirs = base.clone();
    theirs.status = DelegationStatus::Confirmed;
    theirs.purpose = "фестиваль".into();
    let (merged, clashes) = merge(&base, &mine, &theirs);
    assert_eq!((merged.notes.as_str(), merged.status), ("моё", DelegationStatus::Confirmed));
    assert_eq!(merged.purpose, "фестиваль", "the file keeps theirs");
    assert_eq!(
        clashes,
        vec![Clash {
            path: "purpose".into(), mine: Some("\"обмен\"".into()), theirs: Some("\"фестиваль\"".into())
        }]
    );
    // «Взять моё»: our value put at the path.
    let mut resolved = merged.clone();
    resolved.put_at(&clashes[0].path, clashes[0].mine.as_deref()).expect("put");
    assert_eq!(resolved.purpose, "обмен");
}

#[test]
fn arrival_merges_by_field() {
    let base = visit();
    let mut mine = base.clone();
    mine.arrival.time = NaiveTime::from_hms_opt(14, 35, 0);
    let mut theirs = base.clone();
    theirs.arrival.transport = "SU 5612".into();
    let (merged, clashes) = merge(&base, &mine, &theirs);
    assert!(clashes.is_empty());
    assert_eq!((merged.arrival.time, merged.arrival.transport.as_str()), (mine.arrival.time, "SU 5612"));
    theirs.arrival.time = NaiveTime::from_hms_opt(9, 0, 0);
    let (_, clashes) = merge(&base, &mine, &theirs);
    assert_eq!(clashes.len(), 1);
    assert_eq!(clashes[0].path, "arrival.time");
}

#[test]
fn programme_items_merge_one_by_one() {
    let base = visit();
    let mut mine = base.clone();
    mine.programme[1].note = "билеты у Ивановой".into(); // item 2
    mine.programme.push(item(1_000_000_001, 12, "Ужин"));
    let mut theirs = base.clone();
    theirs.programme[1].interpreter = Some(PersonId::new("petrova"));
    theirs.programme.remove(0); // item 1
    theirs.programme.insert(0, item(2_000_000_002, 10, "Обед"));
    let (merged, clashes) = merge(&base, &mine, &theirs);
    assert!(clashes.is_empty(), "{clashes:?}");
    let ids: Vec<u64> = merged.programme.iter().map(|p| p.id.0).collect();
    assert_eq!(ids, vec![2_000_000_002, 2, 3, 1_000_000_001], "theirs' order, ours added after its neighbour");
    let two = &merged.programme[1];
    assert_eq!(
        (two.note.as_str(), two.interpreter.as_ref().map(PersonId::as_str)),
        ("билеты у Ивановой", Some("petrova"))
    );
}

#[test]
fn deleting_what_the_other_changed_is_a_clash_either_way_round() {
    let base = visit();
    // They deleted item 2; we changed it: it stays deleted in the file, ours kept to restore.
    let mut mine = base.clone();
    mine.programme[1].note = "важно".into();
    let mut theirs = base.clone();
    theirs.programme.remove(1);
    let (merged, clashes) = merge(&base, &mine, &theirs);
    assert!(merged.programme.iter().all(|p| p.id != ItemId(2)));
    assert_eq!(clashes.len(), 1);
    assert_eq!(clashes[0].path, "programme[2]");
    assert!(clashes[0].they_deleted());
    // «Восстановить».
    let mut restored = merged.clone();
    restored.put_at(&clashes[0].path, clashes[0].mine.as_deref()).expect("restore");
    assert_eq!(restored.programme.iter().find(|p| p.id == ItemId(2)).map(|p| p.note.as_str()), Some("важно"));

    // We deleted item 2; they changed it: the file keeps theirs, «удалить» re-applies ours.
    let (merged, clashes) = merge(&base, &theirs, &mine);
    assert!(merged.programme.iter().any(|p| p.id == ItemId(2) && p.note == "важно"));
    assert_eq!(clashes.len(), 1);
    assert!(clashes[0].we_deleted());
    let mut deleted = merged.clone();
    deleted.put_at(&clashes[0].path, None).expect("delete");
    assert!(deleted.programme.iter().all(|p| p.id != ItemId(2)));

    // An unchanged item deleted on one side is simply gone.
    let mut theirs = base.clone();
    theirs.programme.remove(2);
    let (merged, clashes) = merge(&base, &mine, &theirs);
    assert!(clashes.is_empty() && merged.programme.iter().all(|p| p.id != ItemId(3)));
}

#[test]
fn records_created_deleted_or_created_twice() {
    let base = visit();
    let mut other = base.clone();
    other.notes = "их".into();
    assert_eq!(merge_record(None, Some(&base), None), Outcome::Merged(Some(base.clone()), Vec::new()));
    assert_eq!(merge_record(None, Some(&base), Some(&base)), Outcome::Merged(Some(base.clone()), Vec::new()));
    assert!(matches!(merge_record(None, Some(&base), Some(&other)), Outcome::BothCreated { .. }));
    // Deleted here, untouched there: deleted. Changed there: kept, with a clash.
    assert_eq!(merge_record(Some(&base), None, Some(&base)), Outcome::Merged(None, Vec::new()));
    let Outcome::Merged(Some(kept), clashes) = merge_record(Some(&base), None, Some(&other)) else { panic!() };
    assert_eq!((kept.notes.as_str(), clashes.len(), clashes[0].path.as_str()), ("их", 1, ""));
    // Deleted there, changed here: stays deleted, ours in the clash.
    let Outcome::Merged(None, clashes) = merge_record(Some(&base), Some(&other), None) else { panic!() };
    assert!(clashes[0].they_deleted() && clashes[0].mine.as_deref().is_some_and(|m| m.contains("их")));
}

#[test]
fn a_bad_path_or_value_is_an_error_not_a_panic() {
    let mut d = visit();
    assert!(matches!(d.put_at("nonsense", Some("1")), Err(PutError::NoSuchField(_))));
    assert!(matches!(d.put_at("notes", Some("not ron")), Err(PutError::BadValue { .. })));
    assert!(matches!(d.put_at("programme[99].note", Some("\"x\"")), Err(PutError::NoSuchField(_))));
    assert!(matches!(d.put_at("arrival.nowhere", Some("1")), Err(PutError::NoSuchField(_))));
    assert!(d.put_at("members[ivanov].role", Some("Interpreter")).is_ok());
    assert_eq!(d.members[0].role, Role::Interpreter);
}

// ---- The oracle: random edits on both sides. ----

/// One edit a user can make to a visit.
#[derive(Clone, Debug)]
enum Edit {
    Notes(String),
    Purpose(String),
    Status(bool),
    ArrivalTime(Option<u32>),
    ItemNote(usize, String),
    ItemStart(usize, u32),
    ItemDelete(usize),
    ItemAdd(u64, String),
    TaskDone(usize),
    TaskDelete(usize),
    TaskAdd(u64),
    MemberRole(usize, bool),
    MemberDelete(usize),
    MemberAdd(u8),
}

fn edit() -> impl Strategy<Value = Edit> {
    let s = || prop::sample::select(vec!["а".to_owned(), "б".to_owned(), "в".to_owned(), String::new()]);
    prop_oneof![
        s().prop_map(Edit::Notes),
        s().prop_map(Edit::Purpose),
        any::<bool>().prop_map(Edit::Status),
        prop::option::of(8u32..20).prop_map(Edit::ArrivalTime),
        (0usize..6, s()).prop_map(|(i, x)| Edit::ItemNote(i, x)),
        (0usize..6, 8u32..20).prop_map(|(i, h)| Edit::ItemStart(i, h)),
        (0usize..6).prop_map(Edit::ItemDelete),
        (0u64..3, s()).prop_map(|(id, x)| Edit::ItemAdd(id, x)),
        (0usize..4).prop_map(Edit::TaskDone),
        (0usize..4).prop_map(Edit::TaskDelete),
        (0u64..3).prop_map(Edit::TaskAdd),
        (0usize..4, any::<bool>()).prop_map(|(i, b)| Edit::MemberRole(i, b)),
        (0usize..4).prop_map(Edit::MemberDelete),
        (0u8..5).prop_map(Edit::MemberAdd),
    ]
}

/// Applies an edit; `side` keeps the two sides' new item ids apart except for id 0, which
/// both sides may add (the same-key add).
fn apply(d: &mut Delegation, e: &Edit, side: u64) {
    let pick = |len: usize, i: usize| (len > 0).then(|| i % len);
    match e {
        Edit::Notes(s) => d.notes.clone_from(s),
        Edit::Purpose(s) => d.purpose.clone_from(s),
        Edit::Status(b) => d.status = if *b { DelegationStatus::Confirmed } else { DelegationStatus::Cancelled },
        Edit::ArrivalTime(h) => d.arrival.time = h.and_then(|h| NaiveTime::from_hms_opt(h, 0, 0)),
        Edit::ItemNote(i, s) => {
            if let Some(i) = pick(d.programme.len(), *i) {
                d.programme[i].note.clone_from(s);
            }
        }
        Edit::ItemStart(i, h) => {
            if let Some(i) = pick(d.programme.len(), *i) {
                d.programme[i].start = NaiveTime::from_hms_opt(*h, 0, 0);
            }
        }
        Edit::ItemDelete(i) => {
            if let Some(i) = pick(d.programme.len(), *i) {
                d.programme.remove(i);
            }
        }
        Edit::ItemAdd(n, s) => {
            let id = if *n == 0 { 100 } else { 1000 * side + n };
            if d.programme.iter().all(|p| p.id.0 != id) {
                let mut it = item(id, 11, "Новое");
                it.note.clone_from(s);
                d.programme.push(it);
            }
        }
        Edit::TaskDone(i) => {
            if let Some(i) = pick(d.checklist.len(), *i) {
                d.checklist[i].done = !d.checklist[i].done;
            }
        }
        Edit::TaskDelete(i) => {
            if let Some(i) = pick(d.checklist.len(), *i) {
                d.checklist.remove(i);
            }
        }
        Edit::TaskAdd(n) => {
            let id = if *n == 0 { 100 } else { 1000 * side + n };
            if d.checklist.iter().all(|t| t.id.0 != id) {
                d.checklist
                    .push(Task { id: ItemId(id), title: format!("задача {side}"), due: None, done: false });
            }
        }
        Edit::MemberRole(i, b) => {
            if let Some(i) = pick(d.members.len(), *i) {
                d.members[i].role = if *b { Role::Interpreter } else { Role::Member };
            }
        }
        Edit::MemberDelete(i) => {
            if let Some(i) = pick(d.members.len(), *i) {
                d.members.remove(i);
            }
        }
        Edit::MemberAdd(p) => {
            let person = PersonId::new(format!("p{p}"));
            if d.members.iter().all(|m| m.person != person) {
                d.members.push(Member { person, precedence: u32::try_from(side).unwrap_or(0), ..Member::default() });
            }
        }
    }
}

/// A visit as leaf paths: `notes`, `arrival.time`, `programme[2].note`, … → RON text. An
/// item's presence is its own path (`programme[2]`), so a deletion shows.
fn leaves(d: &Delegation) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut put = |k: String, v: Option<String>| {
        out.insert(k, v.unwrap_or_default());
    };
    put("notes".into(), ron_text(&d.notes));
    put("purpose".into(), ron_text(&d.purpose));
    put("status".into(), ron_text(&d.status));
    put("arrival.time".into(), ron_text(&d.arrival.time));
    for p in &d.programme {
        put(format!("programme[{}]", p.id), Some(String::new()));
        put(format!("programme[{}].note", p.id), ron_text(&p.note));
        put(format!("programme[{}].start", p.id), ron_text(&p.start));
        put(format!("programme[{}].activity", p.id), ron_text(&p.activity));
    }
    for t in &d.checklist {
        put(format!("checklist[{}]", t.id), Some(String::new()));
        put(format!("checklist[{}].done", t.id), ron_text(&t.done));
        put(format!("checklist[{}].title", t.id), ron_text(&t.title));
    }
    for m in &d.members {
        put(format!("members[{}]", m.person), Some(String::new()));
        put(format!("members[{}].role", m.person), ron_text(&m.role));
        put(format!("members[{}].precedence", m.person), ron_text(&m.precedence));
    }
    out
}

/// Whether `path` is `at` or inside it (`programme[1].note` is inside `programme[1]`, and
/// `programme[10]` is not).
fn under(path: &str, at: &str) -> bool {
    at.is_empty()
        || path == at
        || path.strip_prefix(at).is_some_and(|rest| rest.starts_with('.') || rest.starts_with('['))
}

/// Whether a clash covers `path`: at it, or at the item or record it is in.
fn covered(clashes: &[Clash], path: &str) -> bool {
    clashes.iter().any(|c| under(path, &c.path))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    /// Every edit of theirs is in the result; every edit of ours is in the result or in a
    /// clash that covers it; what neither side touched is as it was.
    #[test]
    fn no_edit_is_lost(mine_edits in prop::collection::vec(edit(), 0..6), theirs_edits in prop::collection::vec(edit(), 0..6)) {
        let mut base = visit();
        base.members.push(Member { person: PersonId::new("p1"), ..Member::default() });
        let mut mine = base.clone();
        for e in &mine_edits { apply(&mut mine, e, 1); }
        let mut theirs = base.clone();
        for e in &theirs_edits { apply(&mut theirs, e, 2); }
        let (merged, clashes) = merge(&base, &mine, &theirs);
        let (b, m, t, r) = (leaves(&base), leaves(&mine), leaves(&theirs), leaves(&merged));
        let paths: std::collections::BTreeSet<&String> = b.keys().chain(m.keys()).chain(t.keys()).collect();
        for p in paths {
            let (bv, mv, tv, rv) = (b.get(p), m.get(p), t.get(p), r.get(p));
            if tv != bv {
                prop_assert_eq!(rv, tv, "their edit of {} is in the file; clashes {:?}", p, clashes);
            } else if mv != bv {
                prop_assert!(rv == mv || covered(&clashes, p), "our edit of {} is in the file or a clash: {:?} / {:?}", p, rv, clashes);
            } else {
                prop_assert!(rv == bv || covered(&clashes, p), "untouched {} stays: {:?}", p, rv);
            }
        }
        // Every clash, resolved as ours, gives our value at its path.
        for c in &clashes {
            let mut resolved = merged.clone();
            resolved.put_at(&c.path, c.mine.as_deref()).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let got = leaves(&resolved);
            for (p, v) in m.iter().filter(|(p, _)| under(p, &c.path)) {
                prop_assert_eq!(got.get(p), Some(v), "«взять моё» of {} restores {}", c.path, p);
            }
        }
        // Merging with oneself changes nothing.
        let (same_again, none) = merge(&mine, &mine, &mine);
        prop_assert!(none.is_empty());
        prop_assert_eq!(same_again, mine);
    }
}
