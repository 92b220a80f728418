//! The canonical text of a data file, and saving one edit without serializing the rest.
//!
//! A file is a header comment and a pretty-printed list of records sorted by key. Each
//! record occupies whole lines from `    (` to `    ),`, so its text (its *span*) can be
//! cut out of the file. After a save the store keeps the file's text and spans; the next
//! save copies the spans of unchanged records and serializes only the changed ones. The
//! result is byte for byte what serializing the whole list gives (a tested invariant).
//!
//! Serializing can fail only through a custom `Serialize` impl; it then returns
//! [`StoreError::Serialize`] naming the file (`path`), never an empty body to be written.

use super::StoreError;
use serde::Serialize;
use std::borrow::Cow;
use std::ops::Range;
use std::path::Path;

/// A record kept in a data file, found by its key.
pub trait Stored: Serialize {
    /// The key the file is sorted by: the id, or the year for figures.
    fn key(&self) -> Cow<'_, str>;
}

/// Records keyed by their id.
macro_rules! stored_by_id {
    ($($t:ty),*) => {$(
        impl Stored for $t {
            fn key(&self) -> Cow<'_, str> {
                Cow::Borrowed(self.id.as_str())
            }
        }
    )*};
}
stored_by_id!(crate::model::City, crate::model::Person, crate::model::Event, crate::model::Delegation);

impl Stored for crate::model::YearFigures {
    fn key(&self) -> Cow<'_, str> {
        Cow::Owned(self.year.to_string())
    }
}

fn config() -> ron::ser::PrettyConfig {
    ron::ser::PrettyConfig::new().new_line("\n").indentor("    ")
}

/// `value` as pretty RON, or the error naming the file it was for.
fn to_ron<T: Serialize + ?Sized>(value: &T, path: &Path) -> Result<String, StoreError> {
    ron::ser::to_string_pretty(value, config()).map_err(|e| StoreError::serialize(path, e))
}

/// The two comment lines that open every data file.
pub fn header(what: &str) -> String {
    format!("// Pobratim data file, {what}.\n// Saved by the app: keep a backup before editing by hand.\n")
}

/// A single value (the settings file) as a whole file; `path` is the file it is for, to
/// name in an error.
pub fn whole<T: Serialize>(value: &T, what: &str, path: &Path) -> Result<String, StoreError> {
    let body = to_ron(value, path)?;
    Ok(format!("{}{body}\n", header(what)))
}

/// A file's text with the span of each record, in the records' order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FileText {
    /// The whole file.
    pub text: String,
    /// Where each record's lines are, from `    (` to the newline after `    ),`.
    pub spans: Vec<Range<usize>>,
}

/// Serializes `records` (already in key order) as the whole file at `path`.
pub fn full<T: Serialize>(records: &[&T], what: &str, path: &Path) -> Result<FileText, StoreError> {
    let body = to_ron(records, path)?;
    let mut text = header(what);
    let start = text.len();
    text.push_str(&body);
    text.push('\n');
    // No spans (not an error) when the text is not canonical: the next save then
    // serializes the whole file again.
    let spans = record_spans(&text, start).filter(|s| s.len() == records.len()).unwrap_or_default();
    Ok(FileText { text, spans })
}

/// Finds the spans of the records of a canonical file whose list starts at `from`:
/// each record starts on a line that is exactly `    (` and ends after a line `    ),`.
/// Strings are escaped in canonical text, so no value can hold such a line.
pub fn record_spans(text: &str, from: usize) -> Option<Vec<Range<usize>>> {
    let mut spans = Vec::new();
    let mut open = None;
    let mut pos = from;
    for line in text[from..].split_inclusive('\n') {
        let end = pos + line.len();
        match line {
            "    (\n" => {
                if open.is_some() {
                    return None;
                }
                open = Some(pos);
            }
            "    ),\n" => spans.push(open.take()?..end),
            _ => {}
        }
        pos = end;
    }
    if open.is_some() { None } else { Some(spans) }
}

/// One record as it appears inside the file's list (of the file at `path`): indented by one
/// level, with a comma. On an error `out` is left as it was.
pub fn fragment<T: Serialize>(record: &T, out: &mut String, path: &Path) -> Result<(), StoreError> {
    let one = to_ron(record, path)?;
    for line in one.split('\n') {
        out.push_str("    ");
        out.push_str(line);
        out.push('\n');
    }
    // The last line is the record's closing `)`: it takes the list's comma.
    out.pop();
    out.push_str(",\n");
    Ok(())
}

/// The key of a record from its span, without parsing the record: the canonical text of
/// every record with an id opens with `    (` and then `        id: "…",`. Keys with escapes
/// (never produced by the app, whose ids are slugs) give `None`, and so do figures.
pub fn key_of_span(span: &str) -> Option<&str> {
    let rest = span.strip_prefix("    (\n        id: \"")?;
    let key = &rest[..rest.find('"')?];
    if key.contains('\\') { None } else { Some(key) }
}

/// The file at `path` for `records` (in key order), copying from `previous` (a canonical
/// text, so its spans are in key order too) the text of each record that `unchanged` says
/// is unchanged, and serializing the others. Both lists are walked once, side by side.
pub fn assemble<T: Stored>(
    records: &[&T],
    what: &str,
    path: &Path,
    previous: &FileText,
    unchanged: impl Fn(&str) -> bool,
) -> Result<FileText, StoreError> {
    // Duplicate keys (a hand-edited file; the checks report them) would make two records
    // share one span: serialize everything rather than risk writing one record twice.
    if records.is_empty() || records.windows(2).any(|w| w[0].key() == w[1].key()) {
        return full(records, what, path);
    }
    let mut text = header(what);
    text.reserve(previous.text.len() + 4096);
    text.push_str("[\n");
    let mut spans = Vec::with_capacity(records.len());
    let mut old = previous.spans.iter().filter_map(|r| {
        let span = previous.text.get(r.clone())?;
        Some((key_of_span(span)?, span))
    });
    let mut next_old = old.next();
    for r in records {
        let start = text.len();
        let key = r.key();
        while next_old.is_some_and(|(k, _)| k < key.as_ref()) {
            next_old = old.next();
        }
        match next_old {
            Some((k, span)) if k == key.as_ref() && unchanged(&key) => text.push_str(span),
            _ => fragment(*r, &mut text, path)?,
        }
        spans.push(start..text.len());
    }
    text.push_str("]\n");
    Ok(FileText { text, spans })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{City, CityId, Person, PersonId};

    /// The file the texts are for, named in errors.
    const P: &str = "cities.ron";

    fn city(id: &str, name: &str) -> City {
        City { id: CityId::new(id), name_ru: name.to_owned(), ..City::default() }
    }

    #[test]
    fn spans_cut_out_each_record() {
        let cities = [city("a", "Ниигата"), city("b", "Харбин\nв две строки"), city("c", "")];
        let refs: Vec<&City> = cities.iter().collect();
        let file = full(&refs, "cities", P.as_ref()).unwrap();
        assert_eq!(file.spans.len(), 3);
        for (span, c) in file.spans.iter().zip(&cities) {
            let mut one = String::new();
            fragment(c, &mut one, P.as_ref()).unwrap();
            assert_eq!(&file.text[span.clone()], one);
        }
    }

    #[test]
    fn assembled_file_equals_full_serialization() {
        let old: Vec<Person> = (0..50)
            .map(|i| Person {
                id: PersonId::new(format!("p-{i:02}")),
                full_name_ru: format!("Имя {i}"),
                ..Person::default()
            })
            .collect();
        let refs: Vec<&Person> = old.iter().collect();
        let previous = full(&refs, "people", P.as_ref()).unwrap();
        assert_eq!(key_of_span(&previous.text[previous.spans[3].clone()]), Some("p-03"));
        // Edit one, remove one, add one.
        let mut new = old.clone();
        new[7].full_name_ru = "Изменено «в кавычках» \"и\" \\ так".to_owned();
        new.remove(20);
        new.push(Person { id: PersonId::new("p-99"), ..Person::default() });
        let refs: Vec<&Person> = new.iter().collect();
        let changed = |k: &str| k != "p-07" && k != "p-99";
        let assembled = assemble(&refs, "people", P.as_ref(), &previous, changed).unwrap();
        assert_eq!(assembled, full(&refs, "people", P.as_ref()).unwrap());
        // A record wrongly called unchanged keeps its old text: the flag is what decides.
        let stale = assemble(&refs, "people", P.as_ref(), &previous, |_| true).unwrap();
        assert_ne!(stale.text, full(&refs, "people", P.as_ref()).unwrap().text);
    }

    #[test]
    fn duplicate_keys_never_share_a_span() {
        let twins = [city("a", "первый"), city("a", "второй")];
        let refs: Vec<&City> = twins.iter().collect();
        let previous = full(&refs, "cities", P.as_ref()).unwrap();
        let again = assemble(&refs, "cities", P.as_ref(), &previous, |_| true).unwrap();
        assert!(again.text.contains("первый") && again.text.contains("второй"));
    }

    #[test]
    fn empty_and_odd_texts() {
        let none: Vec<&City> = Vec::new();
        let file = full(&none, "cities", P.as_ref()).unwrap();
        assert!(file.text.ends_with("[]\n") && file.spans.is_empty());
        assert_eq!(record_spans("[\n    (\n", 0), None, "unclosed record");
        assert_eq!(record_spans("[\n    ),\n", 0), None, "close without open");
    }

    /// A record whose serialization fails, as a custom `Serialize` impl may.
    struct Refuses;

    impl Serialize for Refuses {
        fn serialize<S: serde::Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
            Err(serde::ser::Error::custom("refused by the record"))
        }
    }

    impl Stored for Refuses {
        fn key(&self) -> Cow<'_, str> {
            Cow::Borrowed("x")
        }
    }

    #[test]
    fn a_failed_serialization_is_an_error_naming_the_file_never_an_empty_body() {
        let path = Path::new("/data/delegations/2016.ron");
        let records = [&Refuses];
        let err = full(&records, "delegations", path).expect_err("refused");
        let text = err.to_string();
        assert!(text.contains("/data/delegations/2016.ron") && text.contains("refused by the record"), "{text}");
        assert!(matches!(err, StoreError::Serialize { .. }));
        let previous = FileText::default();
        assert!(assemble(&records, "delegations", path, &previous, |_| false).is_err());
        let mut out = "kept".to_owned();
        assert!(fragment(&Refuses, &mut out, path).is_err());
        assert_eq!(out, "kept");
        assert!(whole(&Refuses, "pobratim", path).is_err());
    }
}
