//! Typed record ids: a city id can never be passed where a person id is expected.
//!
//! Ids are short readable slugs (`niigata`, `del-2016-06-harbin-school`) so the RON files
//! diff well and a person can follow a reference by eye.

use chrono::NaiveDate;
use rand::{Rng, SeedableRng};
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

/// Identifies an item inside a delegation's list: a programme item, a checklist task or a
/// gift. Unique within its list, so two computers that edit one visit's programme at once
/// can merge it item by item (members are keyed by their person instead).
///
/// `0` means "not yet given": a file written before format 7, or an item typed in by hand.
/// Loading gives such items ids that depend only on the file ([`Delegation::assign_item_ids`]
/// with [`ItemId::derived`]), so every computer that loads the same file gives the same
/// ids; the app gives a new item a random id ([`ItemId::fresh`]), so two computers adding
/// items at once do not collide.
///
/// [`Delegation::assign_item_ids`]: crate::model::Delegation::assign_item_ids
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ItemId(pub u64);

impl ItemId {
    /// Not yet given.
    pub const NONE: ItemId = ItemId(0);

    /// Whether an id was given.
    pub fn is_set(self) -> bool {
        self.0 != 0
    }

    /// A random id for an item made now: nine or ten digits, from `1_000_000_000` up, so it
    /// never meets the small ids of [`ItemId::derived`].
    pub fn fresh() -> ItemId {
        ItemId(random_source().gen_range(1_000_000_000..10_000_000_000))
    }

    /// The id of the `index`-th item of a list that had none: `index + 1`, or the next free
    /// number when that is taken. It depends only on the list, so every computer derives the
    /// same ids from the same file.
    pub fn derived(index: usize, taken: &std::collections::HashSet<ItemId>) -> ItemId {
        let mut n = u64::try_from(index).unwrap_or(u64::MAX - 1).saturating_add(1);
        while taken.contains(&ItemId(n)) {
            n = n.wrapping_add(1).max(1);
        }
        ItemId(n)
    }
}

impl fmt::Display for ItemId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

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

/// The longest id [`new_id`] makes, in characters (all ASCII).
pub const MAX_ID_LEN: usize = 48;

/// Characters of the random part that ends every new id (base36, 36⁴ ≈ 1.7 million values).
const RANDOM_LEN: usize = 4;

/// How many random suffixes of one length are tried before the suffix grows by a character.
const TRIES_PER_LENGTH: usize = 64;

/// Transliterates one lowercase letter to ASCII, or `None` for a character with no Latin form.
///
/// Cyrillic follows **ГОСТ 7.79-2000, system B** (the Latin-only system of the Russian
/// standard, identical to ISO 9:1995 system B), simplified for slugs: its apostrophes and
/// backticks are dropped (ъ and ь vanish, ы is `y`, э is `e`) and ц is always `c` (the
/// standard writes `cz` before e, i, y, j). Ukrainian і, ї, є, ґ and Belarusian ў follow the
/// same system. Common Latin letters with diacritics lose them (é → e, ß → ss). Other
/// scripts (CJK, Hangul, Arabic…) have no table here and are dropped.
fn translit(c: char) -> Option<&'static str> {
    Some(match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "g",
        'д' => "d",
        'е' => "e",
        'ё' => "yo",
        'ж' => "zh",
        'з' => "z",
        'и' => "i",
        'й' => "j",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' => "x",
        'ц' => "c",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shh",
        'ъ' | 'ь' => "",
        'ы' => "y",
        'э' => "e",
        'ю' => "yu",
        'я' => "ya",
        'і' => "i",
        'ї' => "yi",
        'є' => "ye",
        'ґ' => "g",
        'ў' => "u",
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'č' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => "e",
        'ğ' => "g",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' => "i",
        'ł' | 'ľ' => "l",
        'ñ' | 'ń' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
        'œ' => "oe",
        'ř' => "r",
        'ś' | 'š' | 'ş' => "s",
        'ß' => "ss",
        'ť' | 'ţ' => "t",
        'þ' => "th",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => "u",
        'ý' | 'ÿ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        _ => return None,
    })
}

/// The one slug function: `text` lowercased, transliterated (see [`translit`]: ГОСТ 7.79-2000
/// system B for Cyrillic), every run of other characters one `-`, no `-` at either end, at
/// most `max` characters cut at a word boundary (mid-word only when the first word is
/// longer). Empty when nothing ASCII remains (a CJK-only or punctuation-only text).
pub fn slugify(text: &str, max: usize) -> String {
    let mut out = String::new();
    let mut gap = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        let piece: Option<&str> = if c.is_ascii_alphanumeric() { None } else { translit(c) };
        if c.is_ascii_alphanumeric() || piece.is_some_and(|p| !p.is_empty()) {
            if gap && !out.is_empty() {
                out.push('-');
            }
            gap = false;
            match piece {
                Some(p) => out.push_str(p),
                None => out.push(c),
            }
        } else if piece.is_none() {
            // ъ and ь (an empty transliteration) sit inside a word; anything else ends it.
            gap = true;
        }
    }
    cut_at_word(&out, max).to_owned()
}

/// `slug` cut to at most `max` characters, at the last `-` that fits when there is one.
fn cut_at_word(slug: &str, max: usize) -> &str {
    if slug.len() <= max {
        return slug;
    }
    let head = &slug[..max];
    // A cut right before a `-` keeps the whole last word.
    if slug.as_bytes()[max] == b'-' {
        return head.trim_end_matches('-');
    }
    match head.rfind('-') {
        Some(i) if i > 0 => &head[..i],
        _ => head.trim_end_matches('-'),
    }
}

/// A new record id made once from its title, for a record the user creates.
///
/// The id is `[yyyy-mm-dd-]<slug of title>-<random>`: the date (a visit's arrival, an
/// event's start) first when given, then [`slugify`] of the title (`fallback`, e.g. `city`,
/// `person`, `event`, `visit`, when the title has nothing ASCII after transliteration), then
/// four random base36 characters, so two computers that add the same visit the same day
/// still make different ids. At most [`MAX_ID_LEN`] characters; always passes
/// [`is_valid_slug`]. Candidates are drawn until `taken` says one is free (the suffix grows a
/// character after every 64 taken draws). Existing ids never change: call this only for a
/// new record, once, and keep the result.
pub fn new_id(title: &str, date: Option<NaiveDate>, fallback: &str, taken: impl Fn(&str) -> bool) -> String {
    new_id_with(title, date, fallback, &mut random_source(), taken)
}

/// [`new_id`] with the random characters drawn from `rng` (tests pass a seeded one).
pub fn new_id_with(
    title: &str,
    date: Option<NaiveDate>,
    fallback: &str,
    rng: &mut impl Rng,
    taken: impl Fn(&str) -> bool,
) -> String {
    let prefix = date.map(|d| d.format("%Y-%m-%d-").to_string()).unwrap_or_default();
    let fallback = match slugify(fallback, MAX_ID_LEN) {
        f if f.is_empty() => "record".to_owned(),
        f => f,
    };
    let mut tries = 0usize;
    loop {
        let random_len = RANDOM_LEN + tries / TRIES_PER_LENGTH;
        let room = MAX_ID_LEN.saturating_sub(prefix.len() + 1 + random_len).max(1);
        let mut stem = slugify(title, room);
        if stem.is_empty() {
            stem = cut_at_word(&fallback, room).to_owned();
        }
        let random: String =
            (0..random_len).map(|_| char::from_digit(rng.gen_range(0..36), 36).unwrap_or('0')).collect();
        let id = format!("{prefix}{stem}-{random}");
        if !taken(&id) {
            return id;
        }
        tries += 1;
    }
}

/// A generator seeded from the process's random hash keys (drawn from the system when the
/// process starts) and the clock, so no extra dependency is needed for four characters.
fn random_source() -> rand_chacha::ChaCha8Rng {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    h.write_u128(nanos);
    h.write_u32(std::process::id());
    rand_chacha::ChaCha8Rng::seed_from_u64(h.finish())
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

    fn seeded() -> rand_chacha::ChaCha8Rng {
        rand_chacha::ChaCha8Rng::seed_from_u64(7)
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    /// The id without its random suffix.
    fn stem(id: &str) -> &str {
        &id[..id.rfind('-').expect("a suffix")]
    }

    #[test]
    fn cyrillic_follows_gost_7_79_system_b() {
        assert_eq!(slugify("Детская делегация г. Ниигаты", 48), "detskaya-delegaciya-g-niigaty");
        assert_eq!(slugify("Щёкин Подъячий Съезд Эхо", 48), "shhyokin-podyachij-sezd-exo");
        assert_eq!(slugify("MILLER JACOB", 48), "miller-jacob");
        assert_eq!(slugify("Ёлкин Пётр", 48), "yolkin-pyotr");
        assert_eq!(slugify("Café São Paulo", 48), "cafe-sao-paulo");
        let id = new_id_with("Детская делегация г. Ниигаты", Some(date(2026, 5, 3)), "visit", &mut seeded(), |_| false);
        assert_eq!(stem(&id), "2026-05-03-detskaya-delegaciya-g-niigaty");
        assert!(is_valid_slug(&id), "{id}");
    }

    #[test]
    fn cjk_and_empty_titles_fall_back_to_the_kind() {
        for title in ["新潟市", "하얼빈", "", "  ", "«—» !?.", "ъь"] {
            let id = new_id_with(title, None, "city", &mut seeded(), |_| false);
            assert_eq!(stem(&id), "city", "{title:?} gives {id}");
            assert!(is_valid_slug(&id), "{id}");
        }
        let id = new_id_with("新潟市 Niigata", Some(date(2026, 1, 2)), "event", &mut seeded(), |_| false);
        assert_eq!(stem(&id), "2026-01-02-niigata");
    }

    #[test]
    fn long_titles_are_cut_at_a_word() {
        let title = "Международный фестиваль народного творчества городов-побратимов Дальнего Востока";
        let id = new_id_with(title, Some(date(2026, 7, 1)), "event", &mut seeded(), |_| false);
        assert!(id.len() <= MAX_ID_LEN, "{id}");
        assert_eq!(stem(&id), "2026-07-01-mezhdunarodnyj-festival", "cut between words");
        let one_word = "a".repeat(100);
        let id = new_id_with(&one_word, None, "city", &mut seeded(), |_| false);
        assert_eq!(id.len(), MAX_ID_LEN, "a word longer than the room is cut inside");
    }

    #[test]
    fn random_suffix_is_four_base36_characters() {
        let id = new_id_with("Niigata", None, "city", &mut seeded(), |_| false);
        let suffix = &id[id.rfind('-').expect("suffix") + 1..];
        assert_eq!(suffix.len(), 4);
        assert!(suffix.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()), "{id}");
        let a = new_id("Niigata", None, "city", |_| false);
        let b = new_id("Niigata", None, "city", |_| false);
        let c = new_id("Niigata", None, "city", |_| false);
        assert!(a != b || b != c, "fresh randomness each call: {a} {b} {c}");
    }

    #[test]
    fn taken_candidates_are_skipped() {
        use std::cell::RefCell;
        let seen = RefCell::new(Vec::<String>::new());
        let id = new_id_with("Harbin", None, "city", &mut seeded(), |c| {
            seen.borrow_mut().push(c.to_owned());
            seen.borrow().len() <= 3
        });
        let seen = seen.into_inner();
        assert_eq!(seen.len(), 4, "three refused, the fourth taken");
        assert_eq!(seen.last(), Some(&id));
        assert!(seen[..3].iter().all(|c| c != &id && stem(c) == "harbin"));
        // With every 4-character suffix refused the suffix grows.
        let id = new_id_with("Harbin", None, "city", &mut seeded(), |c| c.len() < "harbin-".len() + 5);
        assert_eq!(id.len(), "harbin-".len() + 5, "{id}");
    }

    proptest::proptest! {
        #[test]
        fn any_title_gives_a_valid_short_id(title in "\\PC{0,80}", day in 0u32..20000, dated: bool) {
            let d = dated.then(|| date(2000, 1, 1) + chrono::Days::new(u64::from(day)));
            let id = new_id_with(&title, d, "visit", &mut seeded(), |_| false);
            proptest::prop_assert!(is_valid_slug(&id), "{:?} gives {}", title, id);
            proptest::prop_assert!(id.len() <= MAX_ID_LEN, "{}", id);
            proptest::prop_assert!(!id.contains("--") && !id.starts_with('-'), "{}", id);
            let s = slugify(&title, MAX_ID_LEN);
            proptest::prop_assert!(s.is_empty() || is_valid_slug(&s), "{}", s);
        }
    }
}
