//! Three-way merge of records: what a save does when a colleague saved the same records
//! since this app last read them (DESIGN.md §11).
//!
//! Every stored record type implements [`Merge`] through `merge_struct!`, which lists each
//! field with its rule and destructures the struct without `..`: a field added later does
//! not compile until its rule is written here (`records.rs`).
//!
//! - **atomic** fields (names, dates, a whole list of contacts) take the side that changed;
//!   when both changed them to different values, theirs (the file) wins and ours becomes a
//!   [`Clash`];
//! - **keyed** lists (a roster by person; programme items, tasks and gifts by [`ItemId`])
//!   merge item by item, each item field by field; an item deleted on one side and changed
//!   on the other is a clash either way round;
//! - **nested** structs (a visit's arrival and departure) merge field by field.
//!
//! Values are compared with `==` and, when that says they differ, by their RON text, so a
//! `NaN` equals itself (`merge(x, x, x) == x` for any record). Values are never routed
//! through `serde_json::Value`, which does not keep non-finite numbers.
//!
//! [`ItemId`]: crate::model::ItemId

use serde::Serialize;
use serde::de::DeserializeOwned;
use std::collections::HashMap;
use std::fmt::Display;
use std::hash::Hash;

/// A value both sides set differently (or one deleted while the other changed it). The
/// file keeps `theirs`; `mine` is what this app wanted, kept until the user chooses.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Clash {
    /// Where in the record: `notes`, `arrival.time`, `programme[4711].note`,
    /// `members[ivanov].visa`; empty for the whole record.
    pub path: String,
    /// Our value as RON text; `None` when we deleted it.
    pub mine: Option<String>,
    /// Their value as RON text; `None` when they deleted it.
    pub theirs: Option<String>,
}

impl Clash {
    /// Whether we deleted what they changed («удалить» re-applies our deletion).
    pub fn we_deleted(&self) -> bool {
        self.mine.is_none()
    }

    /// Whether they deleted what we changed («восстановить» brings ours back).
    pub fn they_deleted(&self) -> bool {
        self.theirs.is_none()
    }
}

/// Why a value could not be put at a path (a conflict file edited by hand, or a field
/// renamed since the conflict was stored).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PutError {
    /// The path names no field or item of the record.
    #[error("no field «{0}» in the record")]
    NoSuchField(String),
    /// The value does not parse as the field's type.
    #[error("the value of «{path}» does not read: {reason}")]
    BadValue {
        /// The path.
        path: String,
        /// The parser's message.
        reason: String,
    },
}

/// A record type that merges three ways.
pub trait Merge: Sized + Clone + PartialEq + Serialize + DeserializeOwned {
    /// `base` is the version both sides started from, `mine` this app's, `theirs` the file's.
    /// Returns the merged value; each field or item both sides set differently keeps
    /// theirs, and a [`Clash`] with its path (under `at`) goes to `out`.
    fn merge3(base: &Self, mine: &Self, theirs: &Self, at: &mut String, out: &mut Vec<Clash>) -> Self;

    /// Puts `value` (RON text; `None` removes a list item) at `path` (a [`Clash::path`]).
    fn put_at(&mut self, path: &str, value: Option<&str>) -> Result<(), PutError>;
}

/// `merge3` of whole records, with the clashes it found (paths relative to the record).
pub fn merge<T: Merge>(base: &T, mine: &T, theirs: &T) -> (T, Vec<Clash>) {
    let mut clashes = Vec::new();
    let merged = T::merge3(base, mine, theirs, &mut String::new(), &mut clashes);
    (merged, clashes)
}

/// What became of one record in a save that found a colleague's version in the file.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome<T> {
    /// The record to write (`None`: it stays deleted or is deleted), and the clashes.
    Merged(Option<T>, Vec<Clash>),
    /// Both sides created a record with this id, differently: theirs keeps the id, ours
    /// must be saved under a new one (the caller knows which ids are free).
    BothCreated {
        /// Theirs, kept under the id.
        theirs: T,
        /// Ours, to be renamed.
        mine: T,
    },
}

/// The three-way merge of one record, any side possibly absent: `base` is the record as
/// this app last read it (`None`: it did not exist), `mine` as the app has it now, `theirs`
/// as the file has it now.
pub fn merge_record<T: Merge>(base: Option<&T>, mine: Option<&T>, theirs: Option<&T>) -> Outcome<T> {
    let whole = |mine: Option<&T>, theirs: Option<&T>| Clash {
        path: String::new(),
        mine: mine.and_then(ron_text),
        theirs: theirs.and_then(ron_text),
    };
    match (base, mine, theirs) {
        (_, None, None) => Outcome::Merged(None, Vec::new()),
        (None, Some(m), None) => Outcome::Merged(Some(m.clone()), Vec::new()),
        (None, None, Some(t)) => Outcome::Merged(Some(t.clone()), Vec::new()),
        (None, Some(m), Some(t)) if same(m, t) => Outcome::Merged(Some(t.clone()), Vec::new()),
        (None, Some(m), Some(t)) => Outcome::BothCreated { theirs: t.clone(), mine: m.clone() },
        // We deleted it: it goes, unless they changed it meanwhile.
        (Some(b), None, Some(t)) if same(b, t) => Outcome::Merged(None, Vec::new()),
        (Some(_), None, Some(t)) => Outcome::Merged(Some(t.clone()), vec![whole(None, Some(t))]),
        // They deleted it: it stays deleted, unless we changed it meanwhile.
        (Some(b), Some(m), None) if same(b, m) => Outcome::Merged(None, Vec::new()),
        (Some(_), Some(m), None) => Outcome::Merged(None, vec![whole(Some(m), None)]),
        (Some(b), Some(m), Some(t)) => {
            let (merged, clashes) = merge(b, m, t);
            Outcome::Merged(Some(merged), clashes)
        }
    }
}

/// Whether two values are the same for merging: equal, or equal as RON text (a `NaN`).
pub fn same<T: PartialEq + Serialize>(a: &T, b: &T) -> bool {
    a == b || (ron_text(a).is_some_and(|x| ron_text(b).is_some_and(|y| x == y)))
}

/// A value as compact RON text; `None` only when its `Serialize` fails (the model's never do).
pub fn ron_text<T: Serialize + ?Sized>(value: &T) -> Option<String> {
    ron::to_string(value).ok()
}

/// The value's RON text for a clash, or a note that it could not be written.
fn clash_text<T: Serialize>(value: &T) -> String {
    ron_text(value).unwrap_or_else(|| "<не записывается>".to_owned())
}

/// Runs `f` with `segment` appended to the path `at`, then restores `at`.
fn with_segment<R>(at: &mut String, segment: &str, field: bool, f: impl FnOnce(&mut String) -> R) -> R {
    let len = at.len();
    if field {
        if !at.is_empty() {
            at.push('.');
        }
        at.push_str(segment);
    } else {
        at.push('[');
        at.push_str(segment);
        at.push(']');
    }
    let r = f(at);
    at.truncate(len);
    r
}

/// The atomic rule: the side that changed wins; both changed differently is a clash kept
/// as theirs.
pub fn atomic<T: Clone + PartialEq + Serialize>(
    base: &T,
    mine: &T,
    theirs: &T,
    at: &mut String,
    name: &str,
    out: &mut Vec<Clash>,
) -> T {
    if same(mine, base) || same(mine, theirs) {
        theirs.clone()
    } else if same(theirs, base) {
        mine.clone()
    } else {
        with_segment(at, name, true, |at| {
            out.push(Clash { path: at.clone(), mine: Some(clash_text(mine)), theirs: Some(clash_text(theirs)) });
        });
        theirs.clone()
    }
}

/// The nested rule: a struct merged field by field under `name`.
pub fn nested<T: Merge>(base: &T, mine: &T, theirs: &T, at: &mut String, name: &str, out: &mut Vec<Clash>) -> T {
    with_segment(at, name, true, |at| T::merge3(base, mine, theirs, at, out))
}

/// Items of a list by key; a key met again (a person listed twice) counts its occurrence,
/// so no item is ever merged into another.
fn index_by<T, K: Hash + Eq + Clone>(items: &[T], key: &impl Fn(&T) -> K) -> Vec<(K, usize)> {
    let mut seen: HashMap<K, usize> = HashMap::new();
    items
        .iter()
        .map(|item| {
            let k = key(item);
            let n = seen.entry(k.clone()).or_insert(0);
            let out = (k, *n);
            *n += 1;
            out
        })
        .collect()
}

/// An item's key in a path: `4711`, or `ivanov` (`ivanov#2` for a second listing).
fn key_text<K: Display>(key: &(K, usize)) -> String {
    if key.1 == 0 { key.0.to_string() } else { format!("{}#{}", key.0, key.1 + 1) }
}

/// The keyed rule: a list merged item by item. Theirs' order is kept, with items we added
/// placed after the item that preceded them here. A list only one side changed is taken
/// whole from that side (so our reordering survives when they did not touch the list).
pub fn keyed<T: Merge, K: Hash + Eq + Clone + Display>(
    base: &[T],
    mine: &[T],
    theirs: &[T],
    key: impl Fn(&T) -> K,
    at: &mut String,
    name: &str,
    out: &mut Vec<Clash>,
) -> Vec<T> {
    if same(&mine, &base) || same(&mine, &theirs) {
        return theirs.to_vec();
    }
    if same(&theirs, &base) {
        return mine.to_vec();
    }
    with_segment(at, name, true, |at| {
        let base_keys = index_by(base, &key);
        let mine_keys = index_by(mine, &key);
        let theirs_keys = index_by(theirs, &key);
        let base_at: HashMap<&(K, usize), &T> = base_keys.iter().zip(base).collect();
        let mine_at: HashMap<&(K, usize), &T> = mine_keys.iter().zip(mine).collect();
        let theirs_at: HashMap<&(K, usize), &T> = theirs_keys.iter().zip(theirs).collect();
        // (key, item) in the merged order.
        let mut merged: Vec<((K, usize), T)> = Vec::with_capacity(theirs.len() + 4);
        for (k, t) in theirs_keys.iter().zip(theirs) {
            let item = with_segment(at, &key_text(k), false, |at| match (base_at.get(k), mine_at.get(k)) {
                (Some(b), Some(m)) => Some(T::merge3(b, m, t, at, out)),
                // We deleted it: gone, unless they changed it meanwhile.
                (Some(b), None) if same(*b, t) => None,
                (Some(_), None) => {
                    out.push(Clash { path: at.clone(), mine: None, theirs: Some(clash_text(t)) });
                    Some(t.clone())
                }
                // Added on both sides under one key.
                (None, Some(m)) if same(*m, t) => Some(t.clone()),
                (None, Some(m)) => {
                    out.push(Clash { path: at.clone(), mine: Some(clash_text(*m)), theirs: Some(clash_text(t)) });
                    Some(t.clone())
                }
                (None, None) => Some(t.clone()),
            });
            if let Some(item) = item {
                merged.push((k.clone(), item));
            }
        }
        // Ours that theirs lacks: added here, or deleted there.
        let mut previous: Option<&(K, usize)> = None;
        for (k, m) in mine_keys.iter().zip(mine) {
            if !theirs_at.contains_key(k) {
                match base_at.get(k) {
                    // They deleted it; we left it alone: it stays deleted.
                    Some(b) if same(*b, m) => {}
                    // They deleted it; we changed it: the clash keeps ours to restore.
                    Some(_) => with_segment(at, &key_text(k), false, |at| {
                        out.push(Clash { path: at.clone(), mine: Some(clash_text(m)), theirs: None });
                    }),
                    None => {
                        let pos = previous.and_then(|p| merged.iter().position(|(mk, _)| mk == p)).map_or(0, |i| i + 1);
                        merged.insert(pos, (k.clone(), m.clone()));
                    }
                }
            }
            if merged.iter().any(|(mk, _)| mk == k) {
                previous = Some(k);
            }
        }
        merged.into_iter().map(|(_, item)| item).collect()
    })
}

/// The first segment of a path and the rest: `programme[4711].note` gives `programme`
/// and `[4711].note`; `[4711].note` gives the key `4711` and `note`.
pub fn split_path(path: &str) -> Option<(&str, bool, &str)> {
    if let Some(rest) = path.strip_prefix('[') {
        let end = rest.find(']')?;
        let tail = &rest[end + 1..];
        Some((&rest[..end], false, tail.strip_prefix('.').unwrap_or(tail)))
    } else {
        let end = path.find(['.', '[']).unwrap_or(path.len());
        let tail = &path[end..];
        Some((&path[..end], true, tail.strip_prefix('.').unwrap_or(tail)))
    }
}

/// Puts a value into an atomic field: the path must end here.
pub fn put_atomic<T: DeserializeOwned>(
    field: &mut T,
    name: &str,
    rest: &str,
    value: Option<&str>,
) -> Result<(), PutError> {
    if !rest.is_empty() {
        return Err(PutError::NoSuchField(format!("{name}.{rest}")));
    }
    let Some(value) = value else { return Err(PutError::NoSuchField(name.to_owned())) };
    *field = ron::from_str(value).map_err(|e| PutError::BadValue { path: name.to_owned(), reason: e.to_string() })?;
    Ok(())
}

/// Puts a value into a keyed list: `[key]` replaces, inserts (at the end) or removes an
/// item; `[key].field` goes into the item.
pub fn put_keyed<T: Merge, K: Hash + Eq + Clone + Display>(
    items: &mut Vec<T>,
    key: impl Fn(&T) -> K,
    name: &str,
    rest: &str,
    value: Option<&str>,
) -> Result<(), PutError> {
    let Some((k, false, tail)) = split_path(rest) else {
        return Err(PutError::NoSuchField(format!("{name}.{rest}")));
    };
    let keys = index_by(items, &key);
    let found = keys.iter().position(|kk| key_text(kk) == k);
    if !tail.is_empty() {
        let Some(i) = found else { return Err(PutError::NoSuchField(format!("{name}[{k}]"))) };
        return items[i].put_at(tail, value);
    }
    match (found, value) {
        (Some(i), None) => {
            items.remove(i);
        }
        (found, Some(v)) => {
            let item: T = ron::from_str(v)
                .map_err(|e| PutError::BadValue { path: format!("{name}[{k}]"), reason: e.to_string() })?;
            match found {
                Some(i) => items[i] = item,
                None => items.push(item),
            }
        }
        (None, None) => {}
    }
    Ok(())
}

/// Puts a value into a nested struct.
pub fn put_nested<T: Merge>(field: &mut T, name: &str, rest: &str, value: Option<&str>) -> Result<(), PutError> {
    if rest.is_empty() {
        return put_atomic(field, name, rest, value);
    }
    field.put_at(rest, value).map_err(|e| match e {
        PutError::NoSuchField(p) => PutError::NoSuchField(format!("{name}.{p}")),
        other => other,
    })
}

/// Implements [`Merge`] for a struct, one rule per field: `atomic`, `nested`, or
/// `keyed(|item| key)`. The struct is destructured without `..`, so a field added to it
/// fails to compile until it is listed here with its rule.
macro_rules! merge_struct {
    ($t:ident { $($field:ident : $rule:ident $(($key:expr))?),* $(,)? }) => {
        impl $crate::model::merge::Merge for $t {
            fn merge3(base: &Self, mine: &Self, theirs: &Self, at: &mut String, out: &mut Vec<$crate::model::merge::Clash>) -> Self {
                let $t { $($field),* } = mine;
                $t { $($field: merge_struct!(@merge $rule $(($key))?, &base.$field, $field, &theirs.$field, at, stringify!($field), out)),* }
            }

            fn put_at(&mut self, path: &str, value: Option<&str>) -> Result<(), $crate::model::merge::PutError> {
                let Some((name, true, rest)) = $crate::model::merge::split_path(path) else {
                    return Err($crate::model::merge::PutError::NoSuchField(path.to_owned()));
                };
                let $t { $($field),* } = self;
                $(
                    if name == stringify!($field) {
                        return merge_struct!(@put $rule $(($key))?, $field, name, rest, value);
                    }
                )*
                Err($crate::model::merge::PutError::NoSuchField(path.to_owned()))
            }
        }
    };
    (@merge atomic, $b:expr, $m:expr, $t:expr, $at:expr, $name:expr, $out:expr) => {
        $crate::model::merge::atomic($b, $m, $t, $at, $name, $out)
    };
    (@merge nested, $b:expr, $m:expr, $t:expr, $at:expr, $name:expr, $out:expr) => {
        $crate::model::merge::nested($b, $m, $t, $at, $name, $out)
    };
    (@merge keyed($key:expr), $b:expr, $m:expr, $t:expr, $at:expr, $name:expr, $out:expr) => {
        $crate::model::merge::keyed($b, $m, $t, $key, $at, $name, $out)
    };
    (@put atomic, $f:expr, $name:expr, $rest:expr, $value:expr) => {
        $crate::model::merge::put_atomic($f, $name, $rest, $value)
    };
    (@put nested, $f:expr, $name:expr, $rest:expr, $value:expr) => {
        $crate::model::merge::put_nested($f, $name, $rest, $value)
    };
    (@put keyed($key:expr), $f:expr, $name:expr, $rest:expr, $value:expr) => {
        $crate::model::merge::put_keyed($f, $key, $name, $rest, $value)
    };
}

// After the macro, which is in scope from here on.
mod records;
#[cfg(test)]
mod tests;
