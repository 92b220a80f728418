//! The canonical text of a data file, and saving one edit without serializing the rest.
//!
//! A file is a header comment and a pretty-printed list of records sorted by key. Each
//! record occupies whole lines from `    (` to `    ),`, so its text (its *span*) can be
//! cut out of the file. The store keeps each file's [`Index`] (length, hash, and each
//! record's key, span and hash), not its text; the next save reads the file again, checks
//! it against the index, copies the spans of unchanged records and serializes only the
//! changed ones. The result is byte for byte what serializing the whole list gives (a
//! tested invariant).
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

impl<T: Stored> Stored for crate::model::Shared<T> {
    fn key(&self) -> Cow<'_, str> {
        T::key(self)
    }
}

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

/// What the store keeps of a file instead of its text: its length and hash (the same the
/// cache is keyed by), and each record's key, span and hash. A ten-year folder's texts are
/// 230 MB; this is a few megabytes. The text itself is read again from the disk when a save
/// copies unchanged records from it, and checked against `len` and `hash` first.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Index {
    /// The file's length in bytes.
    pub len: usize,
    /// [`super::cache::source_hash`] of the file.
    pub hash: u64,
    /// The records, in the file's order.
    pub records: Vec<Rec>,
}

/// One record of an [`Index`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rec {
    /// Its key: the id, or the year for figures.
    pub key: Box<str>,
    /// Where its text is in the file (meaningful only in a canonical file).
    pub span: Range<usize>,
    /// The hash of its canonical text (see [`fragment`]): two records with the same hash are
    /// taken to be the same record (64 bits: a chance collision is out of reach).
    pub hash: u64,
}

/// The hash of one record's canonical text.
pub fn record_hash(fragment: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(fragment.as_bytes())
}

impl Index {
    /// The index of the file `text` at `path` holding `records` (in its order), with the
    /// records' spans in it when known (a canonical text). Returns whether the spans are
    /// known. A text without spans (edited by hand) gets each record's hash from its
    /// canonical text, as a save would write it; serializing fails only through a custom
    /// `Serialize`, and then the error names the file.
    pub fn of_text<T: Stored>(
        text: &str,
        spans: Option<&[Range<usize>]>,
        records: &[&T],
        path: &Path,
    ) -> Result<(Index, bool), StoreError> {
        let hash = super::cache::source_hash(text);
        if let Some(spans) = spans.filter(|s| s.len() == records.len()) {
            let indexed: Option<Vec<Rec>> = spans
                .iter()
                .zip(records)
                .map(|(span, r)| {
                    let t = text.get(span.clone())?;
                    Some(Rec { key: r.key().into_owned().into_boxed_str(), span: span.clone(), hash: record_hash(t) })
                })
                .collect();
            if let Some(records) = indexed {
                return Ok((Index { len: text.len(), hash, records }, true));
            }
        }
        let mut one = String::new();
        let mut out = Vec::with_capacity(records.len());
        for r in records {
            one.clear();
            fragment(*r, &mut one, path)?;
            out.push(Rec { key: r.key().into_owned().into_boxed_str(), span: 0..0, hash: record_hash(&one) });
        }
        Ok((Index { len: text.len(), hash, records: out }, false))
    }

    /// Whether `text` is the file this index was made of.
    pub fn matches(&self, text: &str) -> bool {
        self.len == text.len() && self.hash == super::cache::source_hash(text)
    }

    /// Whether the file this index was made of is the same as `other`'s.
    pub fn same_file(&self, other: &Index) -> bool {
        self.len == other.len && self.hash == other.hash
    }

    /// The spans of the records, in order.
    pub fn spans(&self) -> Vec<Range<usize>> {
        self.records.iter().map(|r| r.span.clone()).collect()
    }
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

/// The file at `path` for `records` (in key order), copying from `old_bytes` (the bytes of
/// the canonical file `old` indexes, which the caller checked against its length and hash;
/// so its records are in key order too) each record that `unchanged` says is unchanged,
/// with its hash, and serializing the others. Both lists are walked once, side by side.
/// Returns the new file's bytes and index. Works on bytes: the old file was valid UTF-8
/// when it was indexed, and copying whole spans keeps it so, so a 30 MB file is not
/// validated again.
pub fn assemble<T: Stored>(
    records: &[&T],
    what: &str,
    path: &Path,
    old_bytes: &[u8],
    old: &Index,
    unchanged: impl Fn(&str) -> bool,
) -> Result<(Vec<u8>, Index), StoreError> {
    // Duplicate keys (a hand-edited file; the checks report them) would make two records
    // share one span: serialize everything rather than risk writing one record twice.
    if records.is_empty() || records.windows(2).any(|w| w[0].key() == w[1].key()) {
        let whole = full(records, what, path)?;
        let (index, _) = Index::of_text(&whole.text, Some(&whole.spans), records, path)?;
        return Ok((whole.text.into_bytes(), index));
    }
    let mut out: Vec<u8> = Vec::with_capacity(old_bytes.len() + 4096);
    out.extend_from_slice(header(what).as_bytes());
    out.extend_from_slice(b"[\n");
    let mut recs = Vec::with_capacity(records.len());
    let mut old_records = old.records.iter().peekable();
    let mut one = String::new();
    for r in records {
        let start = out.len();
        let key = r.key();
        while old_records.peek().is_some_and(|o| &*o.key < key.as_ref()) {
            old_records.next();
        }
        let copied = match old_records.peek() {
            Some(o) if &*o.key == key.as_ref() && unchanged(&key) => {
                old_bytes.get(o.span.clone()).map(|span| (span, o.hash))
            }
            _ => None,
        };
        let hash = match copied {
            Some((span, hash)) => {
                out.extend_from_slice(span);
                hash
            }
            None => {
                one.clear();
                fragment(*r, &mut one, path)?;
                out.extend_from_slice(one.as_bytes());
                record_hash(&one)
            }
        };
        recs.push(Rec { key: key.into_owned().into_boxed_str(), span: start..out.len(), hash });
    }
    out.extend_from_slice(b"]\n");
    let index = Index { len: out.len(), hash: super::cache::source_hash_bytes(&out), records: recs };
    Ok((out, index))
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
        let (index, canonical) = Index::of_text(&previous.text, Some(&previous.spans), &refs, P.as_ref()).unwrap();
        assert!(canonical);
        let bytes = previous.text.as_bytes();
        // Edit one, remove one, add one.
        let mut new = old.clone();
        new[7].full_name_ru = "Изменено «в кавычках» \"и\" \\ так".to_owned();
        new.remove(20);
        new.push(Person { id: PersonId::new("p-99"), ..Person::default() });
        let refs: Vec<&Person> = new.iter().collect();
        let changed = |k: &str| k != "p-07" && k != "p-99";
        let (assembled, new_index) = assemble(&refs, "people", P.as_ref(), bytes, &index, changed).unwrap();
        let whole = full(&refs, "people", P.as_ref()).unwrap();
        assert_eq!(assembled, whole.text.as_bytes());
        // The index it returns, copied hashes included, is the one of the new file.
        let fresh = Index::of_text(&whole.text, Some(&whole.spans), &refs, P.as_ref()).unwrap().0;
        assert_eq!(new_index, fresh);
        // A record wrongly called unchanged keeps its old text: the flag is what decides.
        let (stale, _) = assemble(&refs, "people", P.as_ref(), bytes, &index, |_| true).unwrap();
        assert_ne!(stale, whole.text.as_bytes());
    }

    #[test]
    fn duplicate_keys_never_share_a_span() {
        let twins = [city("a", "первый"), city("a", "второй")];
        let refs: Vec<&City> = twins.iter().collect();
        let previous = full(&refs, "cities", P.as_ref()).unwrap();
        let (index, _) = Index::of_text(&previous.text, Some(&previous.spans), &refs, P.as_ref()).unwrap();
        let (again, _) = assemble(&refs, "cities", P.as_ref(), previous.text.as_bytes(), &index, |_| true).unwrap();
        let again = String::from_utf8(again).unwrap();
        assert!(again.contains("первый") && again.contains("второй"));
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
        assert!(assemble(&records, "delegations", path, b"", &Index::default(), |_| false).is_err());
        let mut out = "kept".to_owned();
        assert!(fragment(&Refuses, &mut out, path).is_err());
        assert_eq!(out, "kept");
        assert!(whole(&Refuses, "pobratim", path).is_err());
    }
}
