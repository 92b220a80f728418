//! The guests' languages in the real app, driven through egui_kittest by its labels: texts
//! entered in English show in English, plurals in both languages, the visit form offers the
//! partner city's language, and a programme printed for guests lists its untranslated texts
//! before it prints.

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use pobratim::App;
use pobratim::model::{DelegationId, Lang, Language};
use pobratim::store::{OpenMode, Workspace, sample};
use pobratim::ui::i18n;
use std::path::Path;
use std::time::{Duration, Instant};

use eframe::egui;

const HARBIN: &str = "del-2016-10-harbin-committee";

/// The sample folder, with the Harbin committee's headcount set to `harbin` and the
/// Portland school's to `portland` (for the plural forms).
fn sample_folder(harbin: u32, portland: u32) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    sample::write_sample(dir.path()).expect("sample");
    let (mut ws, mut model) = Workspace::open(dir.path(), OpenMode::ReadWrite).expect("open");
    for d in &mut model.delegations {
        match d.id.as_str() {
            HARBIN => d.headcount = Some(harbin),
            "del-2016-05-portland-school" => d.headcount = Some(portland),
            _ => {}
        }
    }
    ws.save(&model).expect("save");
    dir
}

/// The app on `dir` in `lang` at 1600×1000, its clock stopped on 01.12.2026, saving prints
/// under the folder's `prints/`.
fn harness(dir: &Path, lang: Lang) -> Harness<'static, App> {
    use pobratim::ui::dialogs::FixedDialogs;
    let dir = dir.to_path_buf();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).expect("date");
    let mut h = Harness::builder().with_size([1600.0, 1000.0]).with_max_steps(16).build_eframe(move |_cc| {
        App::open_at(&dir, today)
            .expect("open app")
            .with_lang(Some(lang))
            .with_dialogs(Box::new(FixedDialogs::new(None, None)))
    });
    h.run();
    h
}

fn click(h: &mut Harness<'_, App>, label: &str) {
    h.query_all_by_label(label).next().unwrap_or_else(|| panic!("no widget labelled «{label}»")).click();
    h.run();
}

/// Selects everything in the field labelled `label` and types `text` over it.
fn replace_text(h: &mut Harness<'_, App>, label: &str, text: &str) {
    h.get_by_role_and_label(Role::TextInput, label).click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    h.get_by_role_and_label(Role::TextInput, label).type_text(text);
    h.run();
}

/// Opens the visit whose ledger line contains `dates`.
fn open_visit(h: &mut Harness<'_, App>, t: &i18n::Texts, dates: &str) {
    click(h, t.nav_delegations);
    h.query_all_by_label_contains(dates).next().unwrap_or_else(|| panic!("no visit on {dates}")).click();
    h.run();
}

/// Steps until the print under way is done; returns the status message.
fn wait_for_print(h: &mut Harness<'_, App>) -> String {
    let started = Instant::now();
    h.step();
    while h.state().is_printing() {
        assert!(started.elapsed() < Duration::from_secs(120), "printing never finished");
        std::thread::sleep(Duration::from_millis(50));
        h.step();
    }
    h.run();
    h.state().print_message().unwrap_or_default()
}

#[test]
fn the_english_ui_shows_titles_and_items_entered_in_english() {
    let dir = sample_folder(47, 5);
    let mut h = harness(dir.path(), Lang::En);
    let t = &i18n::EN;
    open_visit(&mut h, t, "11.10–13.10.2016");
    assert!(
        h.query_by_label("Harbin official and business delegation at the Seventh Committee Meeting").is_some(),
        "the visit's English title"
    );
    click(&mut h, t.tab_programme);
    assert!(h.query_by_label("Plenary session of the Seventh Meeting of the International Committee").is_some());
    assert!(h.query_by_label("Пленарное заседание Седьмого заседания Международного Комитета").is_none());
    assert!(h.query_all_by_label_contains("Khabarovsk City Administration").next().is_some(), "places in English too");

    // A title typed in English shows in English; the form offers Harbin's Chinese as well.
    click(&mut h, t.tab_overview);
    click(&mut h, t.edit);
    assert!(h.query_by_label("Title (Chinese)").is_some(), "Harbin's guests read Chinese");
    assert!(h.query_by_label("Title (Japanese)").is_none(), "not Niigata's language");
    replace_text(&mut h, "Title (English)", "Harbin committee, October 2016");
    click(&mut h, t.apply);
    let d = h.state().model().delegation(&DelegationId::new(HARBIN)).expect("visit").clone();
    assert_eq!(d.title.get(Language::En), Some("Harbin committee, October 2016"));
    assert!(d.title.get(Language::Zh).is_some(), "the Chinese title is kept");
    assert!(h.query_by_label("Harbin committee, October 2016").is_some(), "shown at once");
}

#[test]
fn people_are_counted_with_the_plural_of_each_language() {
    let dir = sample_folder(2, 1);
    let mut h = harness(dir.path(), Lang::Ru);
    click(&mut h, i18n::RU.nav_delegations);
    assert!(h.query_all_by_label_contains("· 2 человека").next().is_some(), "2 человека");
    assert!(h.query_all_by_label_contains("· 1 человек").next().is_some(), "1 человек");
    let mut h = harness(dir.path(), Lang::En);
    click(&mut h, i18n::EN.nav_delegations);
    assert!(h.query_all_by_label_contains("· 1 person").next().is_some(), "1 person");
    assert!(h.query_all_by_label_contains("· 2 people").next().is_some(), "2 people");
    assert!(h.query_all_by_label_contains("1 people").next().is_none());
}

#[test]
fn a_programme_for_guests_lists_its_untranslated_texts_before_it_prints() {
    let dir = sample_folder(47, 5);
    let mut h = harness(dir.path(), Lang::Ru);
    let t = &i18n::RU;
    // Harbin's programme is translated whole: Russian beside Chinese prints at once.
    open_visit(&mut h, t, "11.10–13.10.2016");
    click(&mut h, t.tab_programme);
    h.get_by_label(t.print_lang).click();
    h.run();
    click(&mut h, "Русский + 中文 (китайский)");
    h.get_by_label(t.print_programme).click();
    let message = wait_for_print(&mut h);
    assert!(message.contains(t.printed), "{message}");
    assert!(h.query_by_label(t.missing_title).is_none());
    let prints = || -> Vec<String> {
        std::fs::read_dir(dir.path().join("prints"))
            .map(|d| d.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect())
            .unwrap_or_default()
    };
    assert!(prints().iter().any(|n| n.starts_with("Программа (рус.-кит.) — Официальная делегация")), "{:?}", prints());

    // Portland's places have no English: they are listed, and printing waits for the user.
    open_visit(&mut h, t, "01.05–11.05.2016");
    click(&mut h, t.tab_programme);
    h.get_by_label(t.print_lang).click();
    h.run();
    click(&mut h, "Русский + English");
    h.get_by_label(t.print_programme).click();
    h.run();
    assert!(!h.state().is_printing(), "nothing prints before the user decides");
    assert!(h.query_by_label(t.missing_title).is_some(), "the list of untranslated texts");
    assert!(h.query_by_label("английский").is_some(), "grouped under the language's name");
    assert!(h.query_by_label("01.05.2016 10:30 Аэропорт г. Хабаровска").is_some());
    h.get_by_label(t.print_anyway).click();
    let message = wait_for_print(&mut h);
    assert!(message.contains(t.printed), "{message}");
    assert!(h.query_by_label(t.missing_title).is_none(), "the list closes");
    let name =
        "Программа (рус.-англ.) — Школьная делегация г. Портленда (средняя школа им. Франклина) — 01.05.2016.pdf";
    assert!(prints().iter().any(|n| n == name), "{:?}", prints());
}

#[test]
fn a_city_names_its_guests_languages_and_the_visit_form_offers_them() {
    let dir = sample_folder(47, 5);
    let mut h = harness(dir.path(), Lang::Ru);
    let t = &i18n::RU;
    click(&mut h, t.nav_cities);
    h.query_all_by_label_contains("Ниигата  ").next().expect("Niigata in the list").click();
    h.run();
    assert!(h.query_by_label("японский").is_some(), "the profile names the guests' language");
    click(&mut h, t.edit);
    click(&mut h, "корейский");
    click(&mut h, t.apply);
    let niigata = h.state().model().city(&pobratim::model::CityId::new("niigata")).expect("city").clone();
    assert_eq!(niigata.languages, [Language::Ja, Language::Ko]);
    // The Niigata children's visit now offers Korean beside Japanese.
    open_visit(&mut h, t, "15.08–19.08.2016");
    click(&mut h, t.edit);
    assert!(h.query_by_label("Название (яп.)").is_some() && h.query_by_label("Название (кор.)").is_some());
    assert!(h.query_by_label("Название (кит.)").is_none());
}
