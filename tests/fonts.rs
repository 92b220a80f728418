//! The bundled fonts cover every character Pobratim shows or prints: the sample data, the
//! programme's fixed labels in five languages, the whole Hangul block, the 8,105 characters
//! of China's Table of General Standard Chinese Characters and the kanji of Japanese
//! surnames outside JIS X 0208. A missing glyph is a box in a PDF and a panic in kittest.

use pobratim::assets::{NOTO_SANS, NOTO_SANS_BOLD, NOTO_SANS_CJK};
use std::collections::BTreeSet;
use std::path::Path;
use ttf_parser::Face;

fn faces() -> Vec<Face<'static>> {
    [NOTO_SANS, NOTO_SANS_BOLD, NOTO_SANS_CJK]
        .iter()
        .map(|f| Face::parse(f, 0).expect("a bundled font parses"))
        .collect()
}

/// The characters of `text` that no bundled font has (line ends and tabs aside).
fn uncovered(faces: &[Face<'_>], text: &str) -> BTreeSet<char> {
    text.chars()
        .filter(|c| !matches!(c, '\n' | '\r' | '\t'))
        .filter(|c| faces.iter().all(|f| f.glyph_index(*c).is_none()))
        .collect()
}

fn files_under(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("folder").flatten() {
        let path = entry.path();
        if path.is_dir() {
            files_under(&path, out);
        } else if path.extension().is_some_and(|e| e == "ron") {
            out.push(path);
        }
    }
}

#[test]
fn every_character_of_the_sample_data_and_the_labels_has_a_glyph() {
    let faces = faces();
    let mut files = Vec::new();
    files_under(&Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_data"), &mut files);
    assert!(files.len() >= 6, "{files:?}");
    let mut seen = BTreeSet::new();
    for file in &files {
        let text = std::fs::read_to_string(file).expect("read");
        seen.extend(text.chars());
        let missing = uncovered(&faces, &text);
        assert!(missing.is_empty(), "{}: no glyph for {missing:?}", file.display());
    }
    assert!(seen.iter().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(c)), "the sample has Korean");
    assert!(seen.iter().any(|c| ('\u{3040}'..='\u{30FF}').contains(c)), "the sample has Japanese kana");
    for label in pobratim::print::labels::all_texts() {
        let missing = uncovered(&faces, label);
        assert!(missing.is_empty(), "«{label}»: no glyph for {missing:?}");
    }
}

#[test]
fn the_cjk_font_has_all_of_hangul_the_8105_table_and_surname_kanji() {
    let faces = faces();
    let cjk = &faces[2];
    let hangul: Vec<char> = ('\u{AC00}'..='\u{D7A3}').filter(|c| cjk.glyph_index(*c).is_none()).collect();
    assert!(hangul.is_empty(), "{} Hangul syllables missing, e.g. {:?}", hangul.len(), &hangul[..hangul.len().min(5)]);
    let table = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/fonts/tgscc-8105.txt"))
        .expect("the 8105 list");
    let chars: BTreeSet<char> =
        table.lines().filter(|l| !l.starts_with('#')).filter_map(|l| l.chars().next()).collect();
    assert_eq!(chars.len(), 8105, "the whole table");
    let missing: Vec<char> = chars.iter().copied().filter(|c| cjk.glyph_index(*c).is_none()).collect();
    assert!(missing.is_empty(), "{} of the 8,105 missing: {missing:?}", missing.len());
    // Surnames: 髙橋 (cp932), 山﨑 (JIS X 0213), 吉 with 𠮷 aside; a Korean name outside KS X 1001.
    let missing = uncovered(&faces, "髙橋 山﨑 渡邉 齋藤 哈尔滨 新潟 부천 똠방각하 펲");
    assert!(missing.is_empty(), "{missing:?}");
}
