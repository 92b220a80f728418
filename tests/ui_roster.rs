//! The roster and the member card, driven through egui_kittest by their labels, with the
//! clock stopped in 2016 and the window at the smallest size the department uses.

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use pobratim::App;
use pobratim::model::{DelegationId, Lodging, Role as MemberRole, VisaStatus};
use pobratim::print::{PrintLang, data};
use pobratim::store::sample;
use pobratim::ui::i18n;
use std::path::Path;
use std::time::{Duration, Instant};

use eframe::egui;

fn sample_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    sample::write_sample(dir.path()).expect("sample");
    dir
}

/// The app on `dir` at 1024×700, its clock stopped on 05.05.2016 (the Portland school
/// visit is under way).
fn harness(dir: &Path) -> Harness<'static, App> {
    let dir = dir.to_path_buf();
    let today = chrono::NaiveDate::from_ymd_opt(2016, 5, 5).expect("date");
    let mut h = Harness::builder()
        .with_size([1024.0, 700.0])
        .with_max_steps(16)
        .build_eframe(move |_cc| App::open_at(&dir, today).expect("open app"));
    h.run();
    h
}

fn click(h: &mut Harness<'_, App>, label: &str) {
    h.query_all_by_label(label).next().unwrap_or_else(|| panic!("no widget labelled «{label}»")).click();
    settle(h);
}

/// Runs frames until the background checks and jobs are done.
fn settle(h: &mut Harness<'_, App>) {
    h.run();
    let start = Instant::now();
    while h.state().is_busy() && start.elapsed() < Duration::from_secs(30) {
        std::thread::sleep(Duration::from_millis(20));
        h.step();
    }
    h.run();
}

fn replace_text(h: &mut Harness<'_, App>, label: &str, text: &str) {
    h.get_by_role_and_label(Role::TextInput, label).click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    h.get_by_role_and_label(Role::TextInput, label).type_text(text);
    h.run();
}

fn portland() -> DelegationId {
    DelegationId::new("del-2016-05-portland-school")
}

fn open_portland_roster(h: &mut Harness<'_, App>) {
    let t = &i18n::RU;
    click(h, t.nav_delegations);
    h.query_all_by_label_contains("01.05–11.05.2016").next().expect("the Portland delegation").click();
    settle(h);
    h.query_all_by_label_contains(&format!("{} (", t.tab_roster)).next().expect("the roster tab").click();
    settle(h);
}

/// The members of the Portland visit as «person:precedence», in precedence order.
fn order(h: &Harness<'_, App>) -> Vec<String> {
    let d = h.state().model().delegation(&portland()).expect("portland").clone();
    let mut members = d.members;
    members.sort_by_key(|m| m.precedence);
    members.iter().map(|m| format!("{}:{}", m.person, m.precedence)).collect()
}

#[test]
fn a_member_card_sets_organisation_visa_and_hotel_in_one_undo_step() {
    let dir = sample_folder();
    let mut h = harness(dir.path());
    let t = &i18n::RU;
    open_portland_roster(&mut h);
    let before = h.state().model().delegation(&portland()).expect("portland").clone();
    click(&mut h, "Брукс Оливия");
    assert!(h.query_by_label_contains(t.member_card).is_some(), "clicking a name opens the card");
    replace_text(&mut h, t.f_organisation, "МАОУ «Гимназия № 5»");
    replace_text(&mut h, t.f_visa_until, "31.05.2016");
    h.get_by_role_and_label(Role::ComboBox, t.f_lodging_kind).click();
    h.run();
    click(&mut h, t.lodging_hotel);
    replace_text(&mut h, t.f_hotel, "Гостиница «Интурист»");
    replace_text(&mut h, t.f_room, "512");
    click(&mut h, t.apply);
    assert!(h.query_by_label_contains(t.member_card).is_none(), "applying closes the card");
    let d = h.state().model().delegation(&portland()).expect("portland").clone();
    let m = d.members.iter().find(|m| m.person.as_str() == "brooks-olivia").expect("member");
    assert_eq!(m.organisation, "МАОУ «Гимназия № 5»");
    assert_eq!(m.visa.status, VisaStatus::Issued);
    assert_eq!(m.visa.valid_until, chrono::NaiveDate::from_ymd_opt(2016, 5, 31));
    assert_eq!((&m.lodging, m.room.as_str()), (&Lodging::Hotel("Гостиница «Интурист»".into()), "512"));
    let person = h.state().model().person(&m.person).expect("person").clone();
    assert_ne!(person.organisation, m.organisation, "the person's own record is left alone");
    assert!(
        h.query_by_label_contains("Гостиница «Интурист», номер 512").is_some(),
        "the roster shows the hotel and the room"
    );
    click(&mut h, t.undo);
    assert_eq!(h.state().model().delegation(&portland()), Some(&before), "one undo takes the whole card back");
}

#[test]
fn reorder_buttons_are_on_screen_at_1024_and_move_a_member() {
    let dir = sample_folder();
    let mut h = harness(dir.path());
    let t = &i18n::RU;
    open_portland_roster(&mut h);
    assert_eq!(
        order(&h),
        ["whitman-sarah:1", "brooks-olivia:2", "carter-emily:3", "hughes-nathan:4", "miller-jacob:5"]
    );
    let down = format!("{}: Брукс Оливия", t.down);
    let rect = h.get_by_label(&down).rect();
    assert!(rect.right() <= 1024.0 && rect.bottom() <= 700.0 && rect.left() >= 0.0, "on screen: {rect:?}");
    click(&mut h, &down);
    assert_eq!(order(&h)[1..3], ["carter-emily:2".to_owned(), "brooks-olivia:3".to_owned()]);
    click(&mut h, &format!("{}: Брукс Оливия", t.up));
    click(&mut h, &format!("{}: Брукс Оливия", t.up));
    assert_eq!(order(&h)[0..2], ["brooks-olivia:1".to_owned(), "whitman-sarah:2".to_owned()]);
    // Removing is in the card, and the others close ranks.
    click(&mut h, "Картер Эмили");
    click(&mut h, t.remove_member);
    assert_eq!(order(&h), ["brooks-olivia:1", "whitman-sarah:2", "hughes-nathan:3", "miller-jacob:4"]);
}

#[test]
fn with_no_head_the_programme_reads_not_appointed_and_a_warning_shows_until_one_is_named() {
    let dir = sample_folder();
    let mut h = harness(dir.path());
    let t = &i18n::RU;
    let city_day = DelegationId::new("del-2017-05-city-day-official");
    click(&mut h, t.nav_delegations);
    h.query_all_by_label_contains("26.05–29.05.2017").next().expect("the 2017 City Day delegation").click();
    settle(&mut h);
    click(&mut h, &format!("{} (0)", t.tab_roster));
    replace_text(&mut h, t.find_person, "Ким");
    click(&mut h, t.add_member);
    let programme = |h: &Harness<'_, App>| {
        data::programme_data(h.state().model(), &city_day, PrintLang::RU).expect("programme").to_string()
    };
    assert!(programme(&h).contains("не назначен"), "no head yet");
    let warning = "в составе нет руководителя делегации";
    let tab = h.query_all_by_label_contains(&format!("{} (", t.tab_findings)).next().expect("findings tab").rect();
    assert!(tab.right() <= 1024.0, "the findings tab is on screen at 1024 wide: {tab:?}");
    h.query_all_by_label_contains(&format!("{} (", t.tab_findings)).next().expect("findings tab").click();
    settle(&mut h);
    if h.query_by_label_contains(warning).is_none() {
        let labels: Vec<String> = h.root().children_recursive().filter_map(|n| n.accesskit_node().label()).collect();
        panic!("the planned visit warns of the missing head: {labels:?}");
    }
    h.query_all_by_label_contains(&format!("{} (", t.tab_roster)).next().expect("roster tab").click();
    settle(&mut h);
    click(&mut h, "Ким Светлана Юрьевна");
    h.get_by_role_and_label(Role::ComboBox, t.col_role).click();
    h.run();
    click(&mut h, MemberRole::Head.name(pobratim::model::Lang::Ru));
    click(&mut h, t.apply);
    assert!(!programme(&h).contains("не назначен"));
    assert!(programme(&h).contains("Ким Светлана"), "the head is named");
    h.query_all_by_label_contains(t.tab_findings).next().expect("findings tab").click();
    settle(&mut h);
    assert!(h.query_by_label_contains(warning).is_none(), "the warning is gone");
}

/// The names a picker's open list offers (its selectable rows).
fn offered(h: &Harness<'_, App>) -> Vec<String> {
    h.root()
        .children_recursive()
        .filter(|n| n.accesskit_node().role() == Role::Button || n.accesskit_node().is_selected().is_some())
        .filter_map(|n| n.accesskit_node().label())
        .collect()
}

#[test]
fn responsible_offers_staff_and_interpreter_offers_interpreters_and_search_narrows() {
    let dir = sample_folder();
    let mut h = harness(dir.path());
    let t = &i18n::RU;
    click(&mut h, t.nav_delegations);
    h.query_all_by_label_contains("01.05–11.05.2016").next().expect("the Portland delegation").click();
    settle(&mut h);
    click(&mut h, t.tab_programme);
    click(&mut h, t.add_item);
    h.get_by_role_and_label(Role::ComboBox, t.f_responsible).click();
    settle(&mut h);
    let list = offered(&h);
    assert!(list.iter().any(|n| n == "Кузнецова Ольга Викторовна"), "staff are offered: {list:?}");
    assert!(!list.iter().any(|n| n == "Брукс Оливия"), "a guest child is not staff: {list:?}");
    assert!(!list.iter().any(|n| n == "Соколова Мария Андреевна"), "a contract interpreter is not staff");
    let search = h.query_all_by_role_and_label(Role::TextInput, t.search).last().expect("the picker's search");
    search.type_text("морозов");
    settle(&mut h);
    let list = offered(&h);
    assert!(list.iter().any(|n| n == "Морозов Андрей Петрович"), "{list:?}");
    assert!(!list.iter().any(|n| n == "Кузнецова Ольга Викторовна"), "search narrows: {list:?}");
    click(&mut h, "Морозов Андрей Петрович");
    assert!(h.query_by_label("Кузнецова Ольга Викторовна").is_none(), "choosing closes the list");

    h.get_by_role_and_label(Role::ComboBox, t.f_interpreter).click();
    settle(&mut h);
    let list = offered(&h);
    assert!(list.iter().any(|n| n == "Соколова Мария Андреевна"), "interpreters are offered: {list:?}");
    assert!(list.iter().any(|n| n == "Кузнецова Ольга Викторовна"), "and staff: {list:?}");
    assert!(!list.iter().any(|n| n == "Брукс Оливия"), "{list:?}");
}

#[test]
fn the_partner_city_picker_leaves_out_the_home_city_and_search_narrows_it() {
    let dir = sample_folder();
    let mut h = harness(dir.path());
    let t = &i18n::RU;
    click(&mut h, t.nav_delegations);
    click(&mut h, t.new_delegation);
    h.get_by_role_and_label(Role::ComboBox, t.f_partner_city).click();
    settle(&mut h);
    let list = offered(&h);
    assert!(list.iter().any(|n| n == "Харбин") && list.iter().any(|n| n == "Ниигата"), "{list:?}");
    assert!(!list.iter().any(|n| n == "Хабаровск"), "the home city is no partner: {list:?}");
    let search = h.query_all_by_role_and_label(Role::TextInput, t.search).last().expect("the picker's search");
    search.type_text("НИИГ");
    settle(&mut h);
    let list = offered(&h);
    assert!(list.iter().any(|n| n == "Ниигата") && !list.iter().any(|n| n == "Харбин"), "{list:?}");
}

#[test]
fn the_ledger_counts_people_with_the_right_plural_in_both_languages() {
    let dir = sample_folder();
    let mut h = harness(dir.path());
    click(&mut h, i18n::RU.nav_delegations);
    assert!(h.query_by_label_contains("Пучон · официальная · 1 человек").is_some());
    assert!(h.query_by_label_contains("Чангвон · деловая · 20 человек").is_some());
    assert!(h.query_by_label_contains("Портленд · школьная · 5 человек").is_some());
    click(&mut h, "English");
    assert!(h.query_by_label_contains("Bucheon · official · 1 person").is_some(), "not «1 people»");
    assert!(h.query_by_label_contains("Portland · school · 5 people").is_some());
}
