//! [`Shared`]: one record behind an `Arc`, copied on write.
//!
//! The model's collections hold their records as `Vec<Shared<T>>`. Cloning the model then
//! copies pointers, not records: a save running on a worker keeps its snapshot, and an
//! edit that lands meanwhile copies only the record it changes (`Arc::make_mut` through
//! [`DerefMut`]). For every other purpose a `Shared<T>` reads and writes like a `T`.

use std::fmt;
use std::ops::{Deref, DerefMut};
use std::sync::Arc;

/// A record shared between the model and its snapshots, copied when one of them changes it.
#[derive(Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Shared<T>(Arc<T>);

impl<T> Shared<T> {
    /// Wraps a record.
    pub fn new(value: T) -> Self {
        Self(Arc::new(value))
    }

    /// Wraps each record of a list.
    pub fn all(records: Vec<T>) -> Vec<Self> {
        records.into_iter().map(Self::new).collect()
    }

    /// Whether two handles point at the same record in memory (not only equal values):
    /// a snapshot and the model share every record neither has changed since.
    pub fn same(a: &Self, b: &Self) -> bool {
        Arc::ptr_eq(&a.0, &b.0)
    }
}

impl<T: Clone> Shared<T> {
    /// The record itself, copied only if a snapshot still shares it.
    pub fn into_inner(self) -> T {
        Arc::unwrap_or_clone(self.0)
    }

    /// An owned copy of the record (`(*shared).clone()`, spelled out).
    pub fn to_record(&self) -> T {
        T::clone(&self.0)
    }
}

// By hand: a derived `Clone` would ask `T: Clone` for a pointer copy.
impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Self(Arc::clone(&self.0))
    }
}

impl<T> Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: Clone> DerefMut for Shared<T> {
    fn deref_mut(&mut self) -> &mut T {
        Arc::make_mut(&mut self.0)
    }
}

impl<T> From<T> for Shared<T> {
    fn from(value: T) -> Self {
        Self::new(value)
    }
}

impl<T> AsRef<T> for Shared<T> {
    fn as_ref(&self) -> &T {
        &self.0
    }
}

impl<T> std::borrow::Borrow<T> for Shared<T> {
    fn borrow(&self) -> &T {
        &self.0
    }
}

impl<T: fmt::Debug> fmt::Debug for Shared<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl<T: serde::Serialize> serde::Serialize for Shared<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl<'de, T: serde::Deserialize<'de>> serde::Deserialize<'de> for Shared<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        T::deserialize(d).map(Self::new)
    }
}

/// The records of a collection as plain references: `model.cities.records()` where a
/// `&City` is wanted rather than a `&Shared<City>`.
pub trait Records<T> {
    /// Each record, in the collection's order.
    fn records(&self) -> RecordsIter<'_, T>;
}

/// The iterator of [`Records::records`].
pub type RecordsIter<'a, T> = std::iter::Map<std::slice::Iter<'a, Shared<T>>, fn(&Shared<T>) -> &T>;

impl<T> Records<T> for [Shared<T>] {
    fn records(&self) -> RecordsIter<'_, T> {
        self.iter().map(|r| &**r)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clone_shares_until_one_side_writes_and_then_only_that_side_changes() {
        let a = vec![Shared::new(String::from("Ниигата")), Shared::new(String::from("Харбин"))];
        let mut b = a.clone();
        assert!(Shared::same(&a[0], &b[0]) && Shared::same(&a[1], &b[1]));
        b[1].push_str(" (Хэйлунцзян)");
        assert_eq!(*a[1], "Харбин");
        assert_eq!(*b[1], "Харбин (Хэйлунцзян)");
        assert!(Shared::same(&a[0], &b[0]), "the untouched record is still shared");
        assert!(!Shared::same(&a[1], &b[1]));
    }

    #[test]
    fn a_record_nobody_shares_is_changed_in_place() {
        let mut a = Shared::new(vec![1, 2, 3]);
        let before: *const Vec<i32> = &*a;
        a.push(4);
        assert_eq!(before, &*a as *const Vec<i32>);
        assert_eq!(a.into_inner(), vec![1, 2, 3, 4]);
    }
}
