//! Files compiled into the binary: the bundled fonts, shared by the GUI and PDF printing.

/// Noto Sans Regular (OFL).
pub const NOTO_SANS: &[u8] = include_bytes!("../assets/fonts/NotoSans-Regular.ttf");
/// Noto Sans Bold (OFL).
pub const NOTO_SANS_BOLD: &[u8] = include_bytes!("../assets/fonts/NotoSans-Bold.ttf");
/// Noto Sans CJK SC (OFL), subset to all of Hangul, JIS X 0213 and cp932 kanji, the 8,105
/// characters of 通用规范汉字表, GB2312 and KS X 1001: 11 MB (see `make_cjk_subset.py`).
/// The repository keeps it xz-compressed; `build.rs` inflates it into `OUT_DIR`.
pub const NOTO_SANS_CJK: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/NotoSansCJK-subset.otf"));
