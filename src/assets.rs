//! Files compiled into the binary: the bundled fonts, shared by the GUI and PDF printing.

/// Noto Sans Regular (OFL).
pub const NOTO_SANS: &[u8] = include_bytes!("../assets/fonts/NotoSans-Regular.ttf");
/// Noto Sans Bold (OFL).
pub const NOTO_SANS_BOLD: &[u8] = include_bytes!("../assets/fonts/NotoSans-Bold.ttf");
/// Noto Sans CJK SC, subset to GB2312 + JIS X 0208 + KS X 1001 (OFL).
pub const NOTO_SANS_CJK: &[u8] = include_bytes!("../assets/fonts/NotoSansCJK-subset.otf");
