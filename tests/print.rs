//! PDFs through typst, read back with pdftotext (Debian's poppler-utils; `.ci/run` installs
//! it): the Cyrillic and CJK text, page numbers, masked passports, header rows repeated on
//! every page of a long programme, and markup printed literally.

use chrono::{Duration, NaiveTime};
use pobratim::model::{DelegationId, Model, ProgrammeItem, Role};
use pobratim::print::{PrintLang, data};
use pobratim::store::{OpenMode, Workspace};
use std::path::Path;
use std::process::Command;

fn sample() -> Model {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_data");
    Workspace::open(&dir, OpenMode::ReadOnly).expect("sample").1
}

/// The PDF's text in reading order with every run of whitespace made one space (table
/// cells wrap lines), pages still separated by form feeds.
fn text_of(pdf: &[u8]) -> String {
    raw_text(pdf)
        .split('\u{c}')
        .map(|page| page.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join("\u{c}")
}

fn raw_text(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, pdf).expect("write pdf");
    let out = Command::new("pdftotext")
        .args([path.to_str().expect("path"), "-"])
        .output()
        .expect("pdftotext must be installed (Debian: poppler-utils; .ci/run installs it)");
    assert!(out.status.success(), "pdftotext failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8 text")
}

fn portland() -> DelegationId {
    DelegationId::new("del-2016-05-portland-school")
}

#[test]
fn programme_has_the_header_days_cyrillic_and_page_numbers() {
    let model = sample();
    let pdf = data::programme_pdf(&model, &portland(), PrintLang::RU).expect("pdf");
    assert!(pdf.starts_with(b"%PDF"));
    let text = text_of(&pdf);
    assert!(text.contains("Программа пребывания делегации"), "{text}");
    assert!(text.contains("Портленд"));
    assert!(text.contains("01.05.2016–11.05.2016"));
    // Russian lines hyphenate in the narrow columns: «аэро-порту» is still the word.
    assert!(text.replace("\u{ad} ", "").contains("Встреча делегации в аэропорту"), "{text}");
    assert!(text.contains("Стр. 1 из"), "page numbers: {text}");
}

#[test]
fn bilingual_programme_prints_both_languages() {
    let model = sample();
    let text = text_of(&data::programme_pdf(&model, &portland(), PrintLang::RU_EN).expect("pdf"));
    // Each label in both languages, Russian on the line above English (text_of joins lines).
    assert!(text.contains("Программа пребывания делегации Programme of stay"), "{text}");
    assert!(text.contains("Время Time"), "{text}");
    let en = text_of(&data::programme_pdf(&model, &portland(), PrintLang::EN).expect("pdf"));
    assert!(en.contains("Programme of stay") && en.contains("Page 1 of"));
}

#[test]
fn a_five_day_programme_of_sixty_items_spans_pages_and_repeats_its_header() {
    let mut model = sample();
    let d = model.delegations.iter_mut().find(|d| d.id == portland()).expect("portland");
    d.departure.date = d.arrival.date + Duration::days(4);
    d.programme = (0..60)
        .map(|i| ProgrammeItem {
            date: d.arrival.date + Duration::days(i / 12),
            start: NaiveTime::from_hms_opt(8 + (i % 12) as u32, 0, 0),
            end: NaiveTime::from_hms_opt(8 + (i % 12) as u32, 45, 0),
            activity: pobratim::model::Text::ru(format!(
                "Пункт программы № {i}: встреча, экскурсия и обсуждение планов сотрудничества"
            )),
            place: "Хабаровск, ул. Муравьёва-Амурского, 1".into(),
            ..ProgrammeItem::default()
        })
        .collect();
    let text = text_of(&data::programme_pdf(&model, &portland(), PrintLang::RU).expect("pdf"));
    let pages: Vec<&str> = text.split('\u{c}').filter(|p| !p.trim().is_empty()).collect();
    assert!(pages.len() >= 3, "60 items take several pages, got {}", pages.len());
    for (i, page) in pages.iter().enumerate() {
        assert!(page.contains("Мероприятие"), "page {} repeats the table header", i + 1);
        assert!(page.contains(&format!("Стр. {} из {}", i + 1, pages.len())), "page {} numbered", i + 1);
    }
    assert!(text.contains("Пункт программы № 59"));
}

/// A day's heading never stands alone at the foot of a page (`block(sticky: true)`): with
/// days of 6 to 14 items, some heading falls at a page's foot, and its first row goes with it.
#[test]
fn a_days_heading_never_stands_alone_at_the_foot_of_a_page() {
    let weekdays = ["Понедельник", "Вторник", "Среда", "Четверг", "Пятница", "Суббота", "Воскресенье"];
    for per_day in 6..=14 {
        let mut model = sample();
        let d = model.delegations.iter_mut().find(|d| d.id == portland()).expect("portland");
        d.departure.date = d.arrival.date + Duration::days(4);
        d.programme = (0..per_day * 5)
            .map(|i| ProgrammeItem {
                date: d.arrival.date + Duration::days(i / per_day),
                start: NaiveTime::from_hms_opt(8 + (i % per_day) as u32, 0, 0),
                activity: pobratim::model::Text::ru(format!("Пункт программы № {i}: встреча и экскурсия")),
                ..ProgrammeItem::default()
            })
            .collect();
        let text = text_of(&data::programme_pdf(&model, &portland(), PrintLang::RU).expect("pdf"));
        // text_of joins a page's lines with spaces.
        for (i, page) in text.split('\u{c}').enumerate() {
            let last = weekdays.iter().filter_map(|w| page.rfind(&format!("{w}, "))).max();
            if let Some(at) = last {
                assert!(
                    page[at..].contains("Пункт программы"),
                    "{per_day} a day, page {}: a day's heading stands alone at its foot: «{}»",
                    i + 1,
                    &page[at..]
                );
            }
        }
    }
}

#[test]
fn roster_masks_passports_unless_asked_and_shows_birth_dates_only_for_minors() {
    let model = sample();
    let d = model.delegation(&portland()).expect("d");
    let teacher = d
        .members
        .iter()
        .filter_map(|m| model.person(&m.person))
        .find(|p| !p.is_minor_on(d.arrival.date))
        .expect("an adult");
    let number = model
        .people
        .iter()
        .filter(|p| d.members.iter().any(|m| m.person == p.id))
        .find_map(|p| p.passport.clone())
        .expect("a passport")
        .number;
    let masked = text_of(&data::roster_pdf(&model, &portland(), false).expect("pdf"));
    assert!(masked.contains("Состав делегации"));
    assert!(!masked.contains(&number), "the full passport number must not appear");
    let tail: String =
        number.chars().filter(|c| !c.is_whitespace()).rev().take(4).collect::<Vec<_>>().into_iter().rev().collect();
    assert!(masked.contains(&tail), "the last four digits stay");
    let shown = text_of(&data::roster_pdf(&model, &portland(), true).expect("pdf"));
    assert!(shown.contains(&number));
    if let Some(b) = teacher.birth_date {
        assert!(!masked.contains(&pobratim::model::date::fmt_date(b)), "no birth date for adults");
    }
}

#[test]
fn badges_print_cjk_names_in_precedence_order() {
    let model = sample();
    let id = DelegationId::new("del-2016-08-niigata-children");
    let text = text_of(&data::badges_pdf(&model, &id).expect("pdf"));
    let d = model.delegation(&id).expect("d");
    let native: Vec<String> = d
        .members
        .iter()
        .filter_map(|m| model.person(&m.person))
        .map(|p| p.native_name.clone())
        .filter(|n| !n.is_empty())
        .collect();
    assert!(!native.is_empty());
    for n in &native {
        let compact: String = n.chars().filter(|c| !c.is_whitespace()).collect();
        let found = text.chars().filter(|c| !c.is_whitespace()).collect::<String>().contains(&compact);
        assert!(found, "{n} is printed");
    }
}

#[test]
fn year_calendar_lists_public_events_by_month() {
    let model = sample();
    let text = text_of(&data::calendar_pdf(&model, 2017).expect("pdf"));
    assert!(text.contains("Календарь событий 2017 года"));
    assert!(text.contains("Май") && text.contains("28.05.2017"), "City Day 2017: {text}");
}

#[test]
fn markup_in_data_prints_literally() {
    let mut model = sample();
    let d = model.delegations.iter_mut().find(|d| d.id == portland()).expect("portland");
    d.title = "#set page(width: 1cm) *жирный* _курсив_ $x^2$ // не комментарий".into();
    d.programme[0].activity = "#pagebreak() = Заголовок <label> @ref \\ конец".into();
    let text = text_of(&data::programme_pdf(&model, &portland(), PrintLang::RU).expect("pdf"));
    assert!(text.contains("#set page(width: 1cm) *жирный* _курсив_ $x^2$ // не комментарий"), "{text}");
    assert!(text.contains("#pagebreak() = Заголовок <label> @ref \\ конец"));
}

#[test]
fn programme_without_a_head_prints_not_appointed_not_the_first_member() {
    let mut model = sample();
    let d = model.delegations.iter_mut().find(|d| d.id == portland()).expect("portland");
    for m in &mut d.members {
        if m.role == Role::Head {
            m.role = Role::Member;
        }
    }
    let first = d.members.iter().min_by_key(|m| m.precedence).expect("members").person.clone();
    let first = model.person(&first).expect("person").display_name().to_owned();
    let ru = text_of(&data::programme_pdf(&model, &portland(), PrintLang::RU).expect("pdf"));
    assert!(ru.contains("Руководитель делегации") && ru.contains("не назначен"), "{ru}");
    assert!(!ru.contains(&first), "{first} is no head: {ru}");
    let en = text_of(&data::programme_pdf(&model, &portland(), PrintLang::EN).expect("pdf"));
    assert!(en.contains("Head of delegation") && en.contains("not appointed"), "{en}");
    let both = text_of(&data::programme_pdf(&model, &portland(), PrintLang::RU_EN).expect("pdf"));
    assert!(both.contains("не назначен not appointed"), "{both}");
}
