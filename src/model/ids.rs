//! Typed record ids: a city id can never be passed where a person id is expected.
//!
//! Ids are short readable slugs (`niigata`, `del-2016-06-harbin-school`) so the RON files
//! diff well and a person can follow a reference by eye.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! typed_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            /// Wraps a slug as this kind of id.
            pub fn new(slug: impl Into<String>) -> Self {
                Self(slug.into())
            }

            /// The slug as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                Self(s.to_owned())
            }
        }
    };
}

typed_id!(
    /// Identifies a [`crate::model::City`].
    CityId
);
typed_id!(
    /// Identifies a [`crate::model::Person`].
    PersonId
);
typed_id!(
    /// Identifies an [`crate::model::Event`].
    EventId
);
typed_id!(
    /// Identifies a [`crate::model::Delegation`].
    DelegationId
);

/// Names a record of any collection: the subject of a finding or a search hit, the target
/// of a [`crate::command::Command::Remove`], the referrer in a [`crate::model::refs::Reference`].
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RecordId {
    /// A city.
    City(CityId),
    /// A person.
    Person(PersonId),
    /// An event.
    Event(EventId),
    /// A delegation.
    Delegation(DelegationId),
    /// The official figures of a year.
    Figures(i32),
}

/// The slug of the record (the year for figures), without its kind.
impl fmt::Display for RecordId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RecordId::City(id) => id.fmt(f),
            RecordId::Person(id) => id.fmt(f),
            RecordId::Event(id) => id.fmt(f),
            RecordId::Delegation(id) => id.fmt(f),
            RecordId::Figures(year) => year.fmt(f),
        }
    }
}

/// Whether `s` is a usable id: non-empty, lowercase ASCII letters, digits, `-` and `_`.
///
/// Ids appear in file names of exports and in CLI arguments, so they stay plain.
pub fn is_valid_slug(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slug_rules() {
        assert!(is_valid_slug("niigata"));
        assert!(is_valid_slug("del-2016-06_a"));
        assert!(!is_valid_slug(""));
        assert!(!is_valid_slug("Niigata"));
        assert!(!is_valid_slug("новый"));
        assert!(!is_valid_slug("a b"));
    }

    #[test]
    fn ids_serialise_as_plain_strings() {
        let text = ron::to_string(&CityId::new("harbin")).expect("serialise");
        assert_eq!(text, "\"harbin\"");
    }
}
