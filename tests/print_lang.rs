//! Programmes in the guests' language through the real binary: `print programme --lang
//! ru+zh|ru+ja|ru+ko` on the sample's Harbin, Niigata and Bucheon visits, read back with
//! pdftotext; the `--lang` values the command line takes and refuses.

use std::path::Path;
use std::process::{Command, Output};

fn pobratim(args: &[&str], home: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pobratim"))
        .args(args)
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("share"))
        .output()
        .expect("run pobratim")
}

fn sample_dir() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_data").display().to_string()
}

/// `text` without white space and soft hyphens: a table cell wraps and hyphenates its lines.
fn squash(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace() && *c != '\u{ad}').collect()
}

/// Whether the PDF's text holds `expected`, line wraps aside.
fn holds(text: &str, expected: &str) -> bool {
    squash(text).contains(&squash(expected))
}

/// The text of a PDF through pdftotext, in reading order.
fn pdf_text(path: &Path) -> String {
    let out = Command::new("pdftotext").arg(path).arg("-").output().expect("pdftotext (poppler-utils) is installed");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Prints the programme of `visit` in `lang` and returns its text and stderr.
fn print(visit: &str, lang: &str) -> (String, String) {
    let home = tempfile::tempdir().expect("home");
    let pdf = home.path().join("programme.pdf");
    let out = pobratim(
        &[
            "print",
            "programme",
            "--delegation",
            visit,
            "--lang",
            lang,
            "-o",
            &pdf.display().to_string(),
            "--data",
            &sample_dir(),
        ],
        home.path(),
    );
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(0), "{visit} {lang}: {stderr}");
    (pdf_text(&pdf), stderr)
}

#[test]
fn a_harbin_programme_prints_in_russian_beside_chinese() {
    let (text, stderr) = print("del-2016-10-harbin-committee", "ru+zh");
    for expected in [
        // Fixed labels in both languages.
        "Программа пребывания делегации",
        "代表团访问日程",
        "代表团团长",
        "负责人",
        "星期二",
        "第 1 页，共",
        "时间均为当地时间",
        // The visit's texts in Chinese beside the Russian.
        "Пленарное заседание",
        "国际委员会第七次会议全体会议",
        "哈巴罗夫斯克机场",
        "11.10.2016–13.10.2016",
    ] {
        assert!(holds(&text, expected), "«{expected}» is missing:\n{text}");
    }
    assert!(!text.contains('*'), "everything is translated, so nothing is marked:\n{text}");
    assert!(stderr.is_empty(), "{stderr}");
}

#[test]
fn a_niigata_programme_prints_in_russian_beside_japanese() {
    let (text, _) = print("del-2016-08-niigata-children", "ru+ja");
    for expected in ["代表団訪問日程", "月曜日", "担当者", "通訳", "空港でお出迎え", "ハバロフスク市役所", "ページ"]
    {
        assert!(holds(&text, expected), "«{expected}» is missing:\n{text}");
    }
}

#[test]
fn a_bucheon_programme_prints_in_russian_beside_korean() {
    let (text, _) = print("del-2016-09-bucheon-medical", "ru+ko");
    for expected in ["대표단 방문 일정", "월요일", "담당자", "통역", "공항 영접", "하바롭스크 시청", "페이지"]
    {
        assert!(holds(&text, expected), "«{expected}» is missing:\n{text}");
    }
}

#[test]
fn a_missing_translation_prints_in_russian_marked_and_is_listed() {
    // The Portland visit has no Chinese: every text is Russian, marked, and listed.
    let (text, stderr) = print("del-2016-05-portland-school", "zh");
    assert!(text.contains("代表团访问日程"), "the labels are Chinese:\n{text}");
    assert!(holds(&text, "Посещение Дальневосточного художественного музея*"), "{text}");
    assert!(text.contains("无译文"), "the mark is explained:\n{text}");
    assert!(stderr.contains("без перевода") && stderr.contains("[zh]"), "{stderr}");
    assert!(stderr.contains("Посещение Дальневосточного художественного музея"), "{stderr}");
}

#[test]
fn lang_takes_the_nine_values_and_report_takes_ru_or_en() {
    let home = tempfile::tempdir().expect("home");
    let out = pobratim(&["check", "--lang", "fr", "--data", &sample_dir()], home.path());
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("ru en zh ja ko ru+en ru+zh ru+ja ru+ko"), "{err}");
    let md = home.path().join("r.md").display().to_string();
    let out =
        pobratim(&["report", "--year", "2016", "--lang", "ru+zh", "-o", &md, "--data", &sample_dir()], home.path());
    assert_eq!(out.status.code(), Some(2), "report takes ru or en only");
    assert!(String::from_utf8_lossy(&out.stderr).contains("ru or en"));
    let out = pobratim(&["report", "--year", "2016", "--lang", "en", "-o", &md, "--data", &sample_dir()], home.path());
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    // Messages are English for `en` only: `ja` speaks Russian.
    let out = pobratim(&["check", "--lang", "ja", "--data", &sample_dir()], home.path());
    assert!(String::from_utf8_lossy(&out.stdout).contains("Записей:"), "{}", String::from_utf8_lossy(&out.stdout));
}
