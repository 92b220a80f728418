//! The binary load cache: `.cache/NAME.bin` beside the RON files.
//!
//! Parsing RON text runs at about 150 MB/s; a large department's 120 MB would take most of
//! a second. After each save (and once after the first open) the store writes the records
//! of each file in postcard, a compact binary form that decodes several times faster.
//! On load a cache entry is used only when it was made from exactly the RON bytes on disk
//! (their length and 64-bit XXH3 hash), by a build with the same record layout (the model
//! fingerprint from `build.rs`), and its own checksum holds. Anything else, including a
//! hand-edited RON file, a torn or foreign cache file, falls back to parsing the RON: the
//! RON files stay the only source of truth, and deleting `.cache/` loses nothing.
//!
//! The cache holds the same personal data as the RON files, in the same folder; a
//! retention purge deletes it with the `.bak` files.

use serde::{Deserialize, Serialize, de::DeserializeOwned};
use std::ops::Range;
use xxhash_rust::xxh3::xxh3_64;

const MAGIC: &[u8; 8] = b"PBRCACH1";
const HEADER_LEN: usize = 8 + 8 + 8 + 8 + 8;

/// The layout fingerprint: this build's model source (see `build.rs`) and crate version.
fn fingerprint() -> u64 {
    let id = concat!(env!("POBRATIM_MODEL_FINGERPRINT"), "/", env!("CARGO_PKG_VERSION"));
    xxh3_64(id.as_bytes())
}

/// The hash a cache entry is keyed by: that of the RON file's bytes.
pub fn source_hash(text: &str) -> u64 {
    source_hash_bytes(text.as_bytes())
}

/// [`source_hash`] of a file read as bytes.
pub fn source_hash_bytes(bytes: &[u8]) -> u64 {
    xxh3_64(bytes)
}

#[derive(Serialize, Deserialize)]
struct Payload<T> {
    /// The records, in the file's order.
    records: Vec<T>,
    /// Each record's span in the RON text, when that text is canonical.
    spans: Option<Vec<(u64, u64)>>,
}

/// What a valid cache entry gives back.
pub struct Hit<T> {
    /// The records, in the file's order.
    pub records: Vec<T>,
    /// The records' spans in the RON text, when that text is canonical.
    pub spans: Option<Vec<Range<usize>>>,
}

/// Encodes a cache entry for the RON `text` holding `records` (with their spans if known).
pub fn encode<T: Serialize>(text: &str, records: &[&T], spans: Option<&[Range<usize>]>) -> Option<Vec<u8>> {
    encode_for(text.len(), source_hash(text), records, spans)
}

/// [`encode`] for a RON text known by its length and [`source_hash`] only (the store keeps
/// no file's text after a save).
pub fn encode_for<T: Serialize>(
    len: usize,
    hash: u64,
    records: &[&T],
    spans: Option<&[Range<usize>]>,
) -> Option<Vec<u8>> {
    #[derive(Serialize)]
    struct PayloadRef<'a, T> {
        records: &'a [&'a T],
        spans: Option<Vec<(u64, u64)>>,
    }
    let spans = spans.map(|s| s.iter().map(|r| (r.start as u64, r.end as u64)).collect());
    let payload = postcard::to_stdvec(&PayloadRef { records, spans }).ok()?;
    let mut out = Vec::with_capacity(HEADER_LEN + payload.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&fingerprint().to_le_bytes());
    out.extend_from_slice(&(len as u64).to_le_bytes());
    out.extend_from_slice(&hash.to_le_bytes());
    out.extend_from_slice(&xxh3_64(&payload).to_le_bytes());
    out.extend_from_slice(&payload);
    Some(out)
}

/// A cache entry for `text` around an arbitrary `payload`, with every check passing but the
/// payload's own decoding: lets the fuzz tests reach the postcard decoder.
#[doc(hidden)]
pub fn wrap_payload(text: &str, payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(HEADER_LEN + payload.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&fingerprint().to_le_bytes());
    out.extend_from_slice(&(text.len() as u64).to_le_bytes());
    out.extend_from_slice(&source_hash(text).to_le_bytes());
    out.extend_from_slice(&xxh3_64(payload).to_le_bytes());
    out.extend_from_slice(payload);
    out
}

/// The length and [`source_hash`] of the RON text a cache entry of this build was made
/// from; `None` for an entry of another build or no entry at all.
pub fn source_of(bytes: &[u8]) -> Option<(u64, u64)> {
    let word = |i: usize| -> Option<u64> {
        let b: [u8; 8] = bytes.get(8 + i * 8..16 + i * 8)?.try_into().ok()?;
        Some(u64::from_le_bytes(b))
    };
    if bytes.get(..8)? != MAGIC || word(0)? != fingerprint() {
        return None;
    }
    Some((word(1)?, word(2)?))
}

/// Decodes a cache entry whose source the caller checks itself (against the file on disk,
/// streamed, so a large file's text is never held whole): the entry must be whole, and
/// its spans lie within `len` bytes, one per record.
pub fn decode_unchecked_source<T: DeserializeOwned>(bytes: &[u8], len: u64) -> Option<Hit<T>> {
    let b: [u8; 8] = bytes.get(32..40)?.try_into().ok()?;
    let payload = bytes.get(HEADER_LEN..)?;
    if u64::from_le_bytes(b) != xxh3_64(payload) {
        return None;
    }
    let p: Payload<T> = postcard::from_bytes(payload).ok()?;
    let spans = match p.spans {
        Some(s) => {
            let fits = s.len() == p.records.len() && s.iter().all(|(a, b)| a <= b && *b <= len);
            if !fits {
                return None;
            }
            Some(s.into_iter().map(|(a, b)| a as usize..b as usize).collect())
        }
        None => None,
    };
    Some(Hit { records: p.records, spans })
}

/// Decodes a cache entry if it belongs to the RON `text` and is whole; `None` otherwise.
pub fn decode<T: DeserializeOwned>(bytes: &[u8], text: &str) -> Option<Hit<T>> {
    let word = |i: usize| -> Option<u64> {
        let b: [u8; 8] = bytes.get(8 + i * 8..16 + i * 8)?.try_into().ok()?;
        Some(u64::from_le_bytes(b))
    };
    if bytes.get(..8)? != MAGIC || word(0)? != fingerprint() || word(1)? != text.len() as u64 {
        return None;
    }
    if word(2)? != source_hash(text) {
        return None;
    }
    let payload = bytes.get(HEADER_LEN..)?;
    if word(3)? != xxh3_64(payload) {
        return None;
    }
    let p: Payload<T> = postcard::from_bytes(payload).ok()?;
    let spans = match p.spans {
        Some(s) => {
            let spans: Vec<Range<usize>> = s.into_iter().map(|(a, b)| a as usize..b as usize).collect();
            // Spans must lie in the text on character boundaries, one per record.
            let fits = spans.len() == p.records.len() && spans.iter().all(|r| text.get(r.clone()).is_some());
            if !fits {
                return None;
            }
            Some(spans)
        }
        None => None,
    };
    Some(Hit { records: p.records, spans })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{City, CityId};

    fn cities() -> Vec<City> {
        ["niigata", "harbin"]
            .iter()
            .map(|id| City { id: CityId::new(*id), name_ru: format!("Город {id}"), ..City::default() })
            .collect()
    }

    #[test]
    fn round_trip_and_refusals() {
        let cities = cities();
        let refs: Vec<&City> = cities.iter().collect();
        let text = "the RON text";
        let spans = [0..3, 4..7];
        let bytes = encode(text, &refs, Some(&spans)).expect("encode");
        let hit = decode::<City>(&bytes, text).expect("valid entry");
        assert_eq!(hit.records, cities);
        assert_eq!(hit.spans, Some(spans.to_vec()));

        assert!(decode::<City>(&bytes, "the RON texT").is_none(), "other text, same length");
        assert!(decode::<City>(&bytes, "other").is_none(), "other length");
        for cut in [0, 7, 20, HEADER_LEN, bytes.len() - 1] {
            assert!(decode::<City>(&bytes[..cut], text).is_none(), "torn at {cut}");
        }
        let mut flipped = bytes.clone();
        let last = flipped.len() - 3;
        flipped[last] ^= 0x20;
        assert!(decode::<City>(&flipped, text).is_none(), "a flipped bit in the payload");
        let mut foreign = bytes.clone();
        foreign[9] ^= 1;
        assert!(decode::<City>(&foreign, text).is_none(), "another build's layout");
        let outside = encode(text, &refs, Some(&[0..3, 4..70])).expect("encode");
        assert!(decode::<City>(&outside, text).is_none(), "a span outside the text");
    }
}
