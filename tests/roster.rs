//! Roster import (CSV in two encodings and separators, XLSX) and export.

use pobratim::exchange::roster::{Outcome, import_command, parse_roster, read_table, roster_rows, to_csv, to_xlsx};
use pobratim::model::{Delegation, DelegationId, Lang, Model, Passport, Person, Role};
use pobratim::store::{OpenMode, Workspace};
use std::path::Path;

fn sample() -> Model {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_data");
    Workspace::open(&dir, OpenMode::ReadOnly).expect("sample").1
}

fn target(model: &Model) -> Delegation {
    model.delegation(&DelegationId::new("del-2017-05-city-day-official")).cloned().expect("the 2017 delegation")
}

#[test]
fn windows_1251_semicolons_and_russian_dates() {
    let model = sample();
    let text = "ФИО;Имя латиницей;Дата рождения;Роль;Организация\r\nПетров Пётр;PETROV PETR;03.04.1980;руководитель;Мэрия\r\nСидорова Анна;SIDOROVA ANNA;05.06.2009;ребёнок;Школа № 5\r\n";
    let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(text);
    let table = read_table(&bytes).expect("read");
    assert_eq!(table.encoding, "Windows-1251");
    let report = parse_roster(&table, &model, &target(&model));
    assert_eq!(report.counts(), (2, 0, 0), "{:#?}", report.rows);
    let Outcome::New(p) = &report.rows[1].outcome else { panic!("a new person") };
    assert_eq!(p.full_name_ru, "Сидорова Анна");
    assert_eq!(p.birth_date, chrono::NaiveDate::from_ymd_opt(2009, 6, 5));
    assert_eq!(report.rows[1].member.as_ref().map(|m| m.role), Some(Role::Child));
    assert_eq!(report.rows[0].row, 2, "rows count the header as row 1");
}

#[test]
fn utf8_bom_commas_english_headers_iso_dates_and_a_match_by_passport() {
    let mut model = sample();
    model.people.push(
        Person {
            id: "known".into(),
            full_name_ru: "Известный Человек".into(),
            passport: Some(Passport { number: "72 1234567".into(), expires: None }),
            ..Person::default()
        }
        .into(),
    );
    model.normalise();
    let text = "\u{feff}Full name,Latin name,Passport,Passport expires,Role\nИзвестный,KNOWN,721234567,2030-01-01,member\nНовый Гость,NEW GUEST,,,interpreter\n";
    let table = read_table(text.as_bytes()).expect("read");
    assert_eq!((table.encoding, table.separator), ("UTF-8", Some(',')));
    let report = parse_roster(&table, &model, &target(&model));
    assert_eq!(report.rows[0].outcome, Outcome::Matched("known".into()));
    assert!(matches!(report.rows[1].outcome, Outcome::New(_)));
}

#[test]
fn a_bad_date_in_row_7_is_reported_as_row_7_and_the_rest_imports() {
    let model = sample();
    let mut text = String::from("ФИО;Дата рождения\n");
    for i in 2..=8 {
        let date = if i == 7 { "31.02.2009".to_owned() } else { format!("0{}.01.2009", i % 9 + 1) };
        text.push_str(&format!("Участник {i};{date}\n"));
    }
    let report = parse_roster(&read_table(text.as_bytes()).expect("read"), &model, &target(&model));
    let rejected: Vec<_> = report.rows.iter().filter(|r| matches!(r.outcome, Outcome::Rejected { .. })).collect();
    assert_eq!(rejected.len(), 1);
    assert_eq!(rejected[0].row, 7);
    let Outcome::Rejected { field, reason } = &rejected[0].outcome else { unreachable!() };
    assert_eq!(field.name(Lang::Ru), "дата рождения");
    assert!(reason.message(Lang::Ru).contains("31.02.2009"));
    assert_eq!(report.counts().0, 6);
}

#[test]
fn ragged_rows_and_unknown_columns() {
    let model = sample();
    let text = "ФИО;Любимый цвет;Роль;Телефон\nКороткая Строка\nПолная Строка;синий;учитель;+7 4212 000000;лишнее\n";
    let report = parse_roster(&read_table(text.as_bytes()).expect("read"), &model, &target(&model));
    assert_eq!(report.ignored_columns, vec!["Любимый цвет"]);
    assert_eq!(report.counts(), (2, 0, 0), "{:#?}", report.rows);
    let Outcome::New(p) = &report.rows[1].outcome else { panic!("new") };
    assert_eq!(p.phone, "+7 4212 000000");
}

#[test]
fn unknown_role_and_missing_name_are_rejected_with_the_field() {
    let model = sample();
    let text = "ФИО;Роль\nКто-то;космонавт\n;участник\n";
    let report = parse_roster(&read_table(text.as_bytes()).expect("read"), &model, &target(&model));
    assert_eq!(report.counts(), (0, 0, 2));
    assert!(matches!(&report.rows[0].outcome, Outcome::Rejected { field, .. } if field.name(Lang::Ru) == "роль"));
}

#[test]
fn import_command_adds_people_and_members_in_one_step() {
    let mut model = sample();
    let t = target(&model);
    let before = t.members.len();
    let text = "ФИО\nНовый Первый\nНовый Второй\n";
    let report = parse_roster(&read_table(text.as_bytes()).expect("read"), &model, &t);
    let cmd = import_command(&t, &report).expect("something to add");
    let people = model.people.len();
    cmd.apply(&mut model).expect("apply");
    assert_eq!(model.people.len(), people + 2);
    let after = model.delegation(&t.id).expect("delegation");
    assert_eq!(after.members.len(), before + 2);
    let precedences: Vec<u32> = after.members.iter().map(|m| m.precedence).collect();
    assert!(precedences.windows(2).all(|w| w[0] < w[1]), "new members come after the existing ones");
    // The same file again: everyone is already a member.
    let again = parse_roster(&read_table(text.as_bytes()).expect("read"), &model, after);
    assert_eq!(again.counts(), (0, 2, 0), "no duplicates: {:#?}", again.rows);
    assert!(import_command(after, &again).is_none());
}

#[test]
fn xlsx_round_trip_of_a_roster() {
    let model = sample();
    let id = DelegationId::new("del-2016-05-portland-school");
    let rows = roster_rows(&model, &id, true).expect("rows");
    let bytes = to_xlsx(&rows).expect("xlsx");
    let table = read_table(&bytes).expect("read back");
    assert_eq!(table.encoding, "XLSX");
    assert_eq!(table.rows, rows, "every cell survives");
    // And the file imports back: everyone is recognised as already a member.
    let d = model.delegation(&id).expect("d").clone();
    let report = parse_roster(&table, &model, &d);
    assert_eq!(report.counts().2, 0, "{:#?}", report.rows);
}

#[test]
fn csv_export_is_for_russian_excel_and_masks_passports() {
    let model = sample();
    let id = DelegationId::new("del-2016-05-portland-school");
    let masked = to_csv(&roster_rows(&model, &id, false).expect("rows"));
    assert!(masked.starts_with(b"\xEF\xBB\xBF"), "BOM");
    let text = String::from_utf8(masked[3..].to_vec()).expect("utf-8");
    assert!(text.lines().next().expect("header").contains(';'));
    assert!(text.contains("•••• "));
    let d = model.delegation(&id).expect("d");
    let number = d
        .members
        .iter()
        .find_map(|m| model.person(&m.person).and_then(|p| p.passport.clone()))
        .expect("a passport")
        .number;
    assert!(!text.contains(&number), "passport numbers are masked by default");
    let shown = String::from_utf8_lossy(&to_csv(&roster_rows(&model, &id, true).expect("rows"))).into_owned();
    assert!(shown.contains(&number));
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rosters").join(name)).expect("fixture")
}

#[test]
fn a_school_office_roster_in_windows_1251_with_separate_name_columns_imports_whole() {
    use pobratim::exchange::roster::{Col, ColumnUse};
    let model = sample();
    let table = read_table(&fixture("school-cp1251.csv")).expect("read");
    assert_eq!((table.encoding, table.separator), ("Windows-1251", Some(';')));
    let report = parse_roster(&table, &model, &target(&model));
    assert_eq!(report.counts(), (3, 0, 0), "{:#?}", report.rows);
    let uses: Vec<_> = report.columns.iter().map(|c| (c.header.as_str(), c.use_)).collect();
    assert_eq!(uses[0], ("№", ColumnUse::Skipped));
    assert_eq!(uses[4], ("Дата рожд. (дд.мм.гггг)", ColumnUse::Field(Col::Birth)), "a note in brackets is read past");
    assert_eq!(uses[7], ("Серия и номер паспорта", ColumnUse::Field(Col::Passport)));
    assert_eq!(uses[8], ("Действителен до", ColumnUse::Field(Col::PassportExpires)));
    assert_eq!(uses[9], ("Место работы (учёбы)", ColumnUse::Field(Col::Organisation)));
    assert_eq!(report.not_kept_columns, ["Пол", "Гражданство"], "recognised, not kept, and said");
    assert!(report.ignored_columns.is_empty(), "{:?}", report.ignored_columns);
    let Outcome::New(p) = &report.rows[0].outcome else { panic!("a new person") };
    assert_eq!(p.full_name_ru, "Кузнецова Мария Игоревна");
    assert_eq!(p.birth_date, chrono::NaiveDate::from_ymd_opt(2008, 3, 14));
    let passport = p.passport.as_ref().expect("passport");
    assert_eq!(
        (passport.number.as_str(), passport.expires),
        ("75 1234567", chrono::NaiveDate::from_ymd_opt(2030, 9, 1))
    );
    assert_eq!(p.organisation, "МАОУ «Гимназия № 3»");
    let roles: Vec<_> = report.rows.iter().filter_map(|r| r.member.as_ref().map(|m| m.role)).collect();
    assert_eq!(roles, [Role::Child, Role::Child, Role::Head]);
    // Nothing of the skipped columns reaches the record.
    let debug = format!("{:?}", report.rows);
    assert!(!debug.contains("РФ") && !debug.contains("\"ж\""), "{debug}");
}

#[test]
fn a_foreign_roster_names_people_in_latin_letters_and_an_unknown_column_is_mapped_by_hand() {
    use pobratim::exchange::roster::{Col, ColumnUse, Mapping, parse_roster_mapped};
    use pobratim::model::Lodging;
    let model = sample();
    let table = read_table(&fixture("niigata-utf8.csv")).expect("read");
    assert_eq!((table.encoding, table.separator), ("UTF-8", Some(',')));
    let plain = parse_roster(&table, &model, &target(&model));
    assert_eq!(plain.counts(), (2, 0, 0));
    assert_eq!(plain.ignored_columns, ["Room"], "not recognised: the user is asked");
    assert_eq!(plain.not_kept_columns, ["Sex", "Nationality"]);
    let Outcome::New(p) = &plain.rows[0].outcome else { panic!("new") };
    assert_eq!((p.full_name_ru.as_str(), p.latin_name.as_str()), ("", "TANAKA HIROSHI"));
    assert_eq!(p.passport.as_ref().and_then(|x| x.expires), chrono::NaiveDate::from_ymd_opt(2031, 3, 31));
    let mapping = Mapping::parse(&["Room=hotel".into()]).expect("mapping");
    let mapped = parse_roster_mapped(&table, &model, &target(&model), &mapping);
    assert!(mapped.ignored_columns.is_empty());
    assert_eq!(mapped.columns[9].use_, ColumnUse::Field(Col::Hotel));
    assert_eq!(
        mapped.rows[1].member.as_ref().map(|m| m.lodging.clone()),
        Some(Lodging::Hotel("Hotel Sapporo 514".into()))
    );
    // A mapping to nothing leaves even a recognised column out.
    let skip = Mapping::parse(&["Organization=skip".into()]).expect("mapping");
    let r = parse_roster_mapped(&table, &model, &target(&model), &skip);
    let Outcome::New(p) = &r.rows[0].outcome else { panic!("new") };
    assert_eq!(p.organisation, "");
    assert!(Mapping::parse(&["Room=room".into()]).is_err(), "an unknown field is refused");
    assert!(Mapping::parse(&["Room".into()]).is_err(), "no '=' is refused");
}
