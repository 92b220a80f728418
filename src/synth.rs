//! A large synthetic department for benchmarks and stress tests: `pobratim gen-data`.
//!
//! Deterministic: the same seed and number of years give the same model, and so the same
//! bytes on disk (the generator never looks at the clock; its last year is [`LAST_YEAR`]).
//! The default of 10 years gives about 300 cities, 20,000 events (some recurring),
//! 8,000 delegations with rosters, programmes and checklists, and 60,000 people.
//! Everything is fictional; names are drawn from short lists.
//!
//! Pure: the store writes what [`generate`] returns.

use crate::model::{
    City, CityStatus, Coordinates, Delegation, DelegationKind, DelegationStatus, Direction, Event, EventCategory, Gift,
    Language, Lodging, Member, Model, Passport, Person, ProgrammeItem, Recurrence, Role, Shared, Text, Travel, Visa,
    VisaStatus, YearFigures, default_checklist,
};
use chrono::{Datelike, Duration, NaiveDate, NaiveTime};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// The last year generated; the first is `LAST_YEAR - years + 1`.
pub const LAST_YEAR: i32 = 2026;
/// Partner cities (besides the home city).
pub const CITIES: usize = 299;
/// Events per year.
pub const EVENTS_PER_YEAR: usize = 2_000;
/// Delegations per year.
pub const DELEGATIONS_PER_YEAR: usize = 800;
/// People per year of history.
pub const PEOPLE_PER_YEAR: usize = 6_000;

struct Country {
    ru: &'static str,
    en: &'static str,
    tz: chrono_tz::Tz,
    lat: f64,
    lon: f64,
    script: Script,
}

#[derive(Clone, Copy)]
enum Script {
    Han,
    Kana,
    Hangul,
    Latin,
}

const COUNTRIES: &[Country] = &[
    Country { ru: "КНР", en: "China", tz: chrono_tz::Asia::Shanghai, lat: 35.0, lon: 115.0, script: Script::Han },
    Country {
        ru: "Япония", en: "Japan", tz: chrono_tz::Asia::Tokyo, lat: 36.0, lon: 138.0, script: Script::Kana
    },
    Country {
        ru: "Республика Корея",
        en: "Republic of Korea",
        tz: chrono_tz::Asia::Seoul,
        lat: 36.5,
        lon: 127.8,
        script: Script::Hangul,
    },
    Country {
        ru: "США",
        en: "USA",
        tz: chrono_tz::America::Los_Angeles,
        lat: 42.0,
        lon: -120.0,
        script: Script::Latin,
    },
    Country {
        ru: "Канада",
        en: "Canada",
        tz: chrono_tz::America::Vancouver,
        lat: 50.0,
        lon: -123.0,
        script: Script::Latin,
    },
    Country {
        ru: "Вьетнам",
        en: "Vietnam",
        tz: chrono_tz::Asia::Ho_Chi_Minh,
        lat: 14.0,
        lon: 108.0,
        script: Script::Latin,
    },
    Country {
        ru: "Монголия",
        en: "Mongolia",
        tz: chrono_tz::Asia::Ulaanbaatar,
        lat: 47.0,
        lon: 104.0,
        script: Script::Latin,
    },
];

const SYLLABLES_RU: &[&str] =
    &["Ка", "ми", "на", "то", "ри", "са", "ко", "ян", "лин", "ва", "до", "шань", "хэ", "су", "пу"];
const SYLLABLES_EN: &[&str] =
    &["ka", "mi", "na", "to", "ri", "sa", "ko", "yan", "lin", "va", "do", "shan", "he", "su", "pu"];
const HAN: &[char] = &['山', '河', '海', '东', '西', '南', '北', '京', '州', '安', '平', '江', '阳', '林', '城'];
const KANA: &[char] = &['山', '川', '田', '島', '本', '松', '野', '原', '宮', '崎', '沢', '浜', '岡', '村', '井'];
const HANGUL: &[char] = &['서', '울', '부', '산', '대', '구', '인', '천', '광', '주', '전', '수', '원', '포', '항'];

const SURNAMES: &[&str] = &[
    "Иванов",
    "Смирнов",
    "Кузнецов",
    "Попов",
    "Васильев",
    "Петров",
    "Соколов",
    "Михайлов",
    "Новиков",
    "Фёдоров",
    "Морозов",
    "Волков",
    "Алексеев",
    "Лебедев",
    "Семёнов",
    "Егоров",
    "Павлов",
    "Козлов",
    "Степанов",
    "Николаев",
];
const SURNAMES_LAT: &[&str] = &[
    "Ivanov",
    "Smirnov",
    "Kuznetsov",
    "Popov",
    "Vasilyev",
    "Petrov",
    "Sokolov",
    "Mikhaylov",
    "Novikov",
    "Fedorov",
    "Morozov",
    "Volkov",
    "Alekseev",
    "Lebedev",
    "Semyonov",
    "Egorov",
    "Pavlov",
    "Kozlov",
    "Stepanov",
    "Nikolaev",
];
const GIVEN: &[&str] = &["Алексей", "Мария", "Дмитрий", "Анна", "Сергей", "Елена", "Иван", "Ольга", "Павел", "Наталья"];
const GIVEN_LAT: &[&str] =
    &["Aleksey", "Maria", "Dmitry", "Anna", "Sergey", "Elena", "Ivan", "Olga", "Pavel", "Natalya"];
const ORGS: &[&str] = &[
    "Администрация г. Хабаровска",
    "МАОУ «Гимназия № 3»",
    "ДВГУПС",
    "Краевая клиническая больница № 1",
    "Торгово-промышленная палата",
    "ДЮСШ «Олимпия»",
    "Хабаровская краевая филармония",
];
const VENUES: &[&str] = &[
    "Площадь Ленина",
    "Набережная Амура",
    "Дом дружбы с народами стран АТР",
    "Концертный зал филармонии",
    "Стадион им. Ленина",
    "Платинум Арена",
    "Краевой музей им. Гродекова",
    "Зал заседаний администрации",
    "Конгресс-холл",
    "Парк «Динамо»",
];
const ACTIVITIES: &[(&str, &str)] = &[
    ("Встреча в аэропорту", "Airport welcome"),
    ("Официальная встреча в администрации", "Official meeting at the administration"),
    ("Экскурсия по городу", "City tour"),
    ("Посещение музея", "Museum visit"),
    ("Рабочая встреча", "Working meeting"),
    ("Концерт", "Concert"),
    ("Обед", "Lunch"),
    ("Проводы в аэропорту", "Airport farewell"),
];
const EVENT_TITLES: &[&str] = &[
    "Фестиваль",
    "Выставка",
    "Конференция",
    "Турнир",
    "Концерт",
    "Форум",
    "Ярмарка",
    "Семинар",
    "Круглый стол",
    "Конкурс",
];

fn pick<'a, T>(rng: &mut ChaCha8Rng, items: &'a [T]) -> &'a T {
    &items[rng.gen_range(0..items.len())]
}

fn day_in(rng: &mut ChaCha8Rng, year: i32) -> NaiveDate {
    let start = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or_default();
    start + Duration::days(rng.gen_range(0..365))
}

fn native_name(rng: &mut ChaCha8Rng, script: Script) -> String {
    let chars = match script {
        Script::Han => HAN,
        Script::Kana => KANA,
        Script::Hangul => HANGUL,
        Script::Latin => return String::new(),
    };
    (0..rng.gen_range(2..=3)).map(|_| *pick(rng, chars)).collect()
}

fn cities(rng: &mut ChaCha8Rng) -> Vec<City> {
    let mut out = vec![City {
        id: "khabarovsk".into(),
        name_ru: "Хабаровск".into(),
        name_en: "Khabarovsk".into(),
        country_ru: "Россия".into(),
        country_en: "Russia".into(),
        status: CityStatus::Home,
        time_zone: chrono_tz::Asia::Vladivostok,
        coordinates: Some(Coordinates { lat: 48.48, lon: 135.08 }),
        ..Default::default()
    }];
    for i in 0..CITIES {
        let country = pick(rng, COUNTRIES);
        let n = rng.gen_range(2..=3);
        let parts: Vec<usize> = (0..n).map(|_| rng.gen_range(0..SYLLABLES_RU.len())).collect();
        let mut name_ru: String = parts.iter().map(|p| SYLLABLES_RU[*p]).collect();
        let mut name_en: String = parts.iter().map(|p| SYLLABLES_EN[*p]).collect();
        let mut chars = name_ru.chars();
        name_ru = chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default();
        name_ru = format!("{name_ru}-{i}");
        name_en = format!("{}{}-{i}", name_en[..1].to_uppercase(), &name_en[1..]);
        let status = match i {
            0..=5 => CityStatus::Sister,
            6..=40 => CityStatus::Friendly,
            _ => CityStatus::Prospective,
        };
        out.push(City {
            name_ru,
            name_en,
            name_native: native_name(rng, country.script),
            country_ru: country.ru.into(),
            country_en: country.en.into(),
            status,
            since: (status != CityStatus::Prospective)
                .then(|| crate::model::PartialDate::year(rng.gen_range(1965..=2015))),
            time_zone: country.tz,
            coordinates: Some(Coordinates {
                lat: country.lat + rng.gen_range(-4.0..4.0),
                lon: country.lon + rng.gen_range(-6.0..6.0),
            }),
            population: Some(rng.gen_range(50_000..5_000_000)),
            id: format!("city-{i:03}").as_str().into(),
            ..Default::default()
        });
    }
    out
}

fn people(rng: &mut ChaCha8Rng, count: usize) -> Vec<Person> {
    (0..count)
        .map(|i| {
            let s = rng.gen_range(0..SURNAMES.len());
            let g = rng.gen_range(0..GIVEN.len());
            let minor = rng.gen_bool(0.15);
            let birth_year = if minor { rng.gen_range(2008..=2018) } else { rng.gen_range(1950..=2000) };
            Person {
                id: format!("p-{i:05}").as_str().into(),
                full_name_ru: format!("{} {}", SURNAMES[s], GIVEN[g]),
                latin_name: format!("{} {}", SURNAMES_LAT[s].to_uppercase(), GIVEN_LAT[g]),
                birth_date: NaiveDate::from_ymd_opt(birth_year, rng.gen_range(1..=12), rng.gen_range(1..=28)),
                organisation: pick(rng, ORGS).to_string(),
                passport: rng.gen_bool(0.7).then(|| Passport {
                    number: format!("{:02} {:07}", rng.gen_range(10..99), rng.gen_range(0..10_000_000)),
                    expires: NaiveDate::from_ymd_opt(rng.gen_range(2020..=2036), 6, 1),
                }),
                languages: vec!["ru".into()],
                ..Default::default()
            }
        })
        .collect()
}

fn events(rng: &mut ChaCha8Rng, first: i32, years: i32, cities: &[City]) -> Vec<Event> {
    let mut out = Vec::new();
    for year in first..first + years {
        for n in 0..EVENTS_PER_YEAR {
            let start = day_in(rng, year);
            let days = rng.gen_range(0..3);
            let host = pick(rng, cities).id.clone();
            let timed = rng.gen_bool(0.3);
            let hour = rng.gen_range(9..19);
            let recurring = year == first && rng.gen_bool(0.01);
            out.push(Event {
                id: format!("ev-{year}-{n:04}").as_str().into(),
                title: Text::ru(format!("{} №{n} ({year})", pick(rng, EVENT_TITLES))),
                category: *pick(rng, &EventCategory::ALL),
                start_date: start,
                end_date: start + Duration::days(days),
                start_time: timed.then(|| NaiveTime::from_hms_opt(hour, 0, 0)).flatten(),
                end_time: timed.then(|| NaiveTime::from_hms_opt(hour + 2, 0, 0)).flatten(),
                venue: if rng.gen_bool(0.5) { pick(rng, VENUES).to_string() } else { String::new() },
                host_city: Some(host),
                recurrence: recurring.then(|| Recurrence {
                    rrule: format!("FREQ=YEARLY;BYMONTH={};BYMONTHDAY={}", start.month(), start.day().min(28)),
                    ..Default::default()
                }),
                public: rng.gen_bool(0.1),
                foreign_participants: rng.gen_bool(0.2).then(|| rng.gen_range(5..200)),
                ..Default::default()
            });
        }
    }
    out
}

fn delegations(rng: &mut ChaCha8Rng, first: i32, years: i32, cities: &[City], people: &[Person]) -> Vec<Delegation> {
    let mut out = Vec::new();
    let partners = &cities[1..];
    for year in first..first + years {
        for n in 0..DELEGATIONS_PER_YEAR {
            let arrival = day_in(rng, year);
            let departure = arrival + Duration::days(rng.gen_range(1..6));
            let direction = if rng.gen_bool(0.5) { Direction::Incoming } else { Direction::Outgoing };
            let kind = *pick(rng, &DelegationKind::ALL);
            let past = year < LAST_YEAR;
            let size = rng.gen_range(2..14);
            let start = rng.gen_range(0..people.len() - size);
            let members = (0..size)
                .map(|k| Member {
                    person: people[start + k].id.clone(),
                    role: if k == 0 { Role::Head } else { Role::Member },
                    precedence: u32::try_from(k).unwrap_or(0),
                    visa: Visa {
                        status: if direction == Direction::Incoming {
                            VisaStatus::Issued
                        } else {
                            VisaStatus::NotRequired
                        },
                        valid_until: Some(departure + Duration::days(30)),
                    },
                    lodging: Lodging::Hotel("Гостиница «Интурист»".into()),
                    guardian_consent: true,
                    organisation: people[start + k].organisation.clone(),
                    position: people[start + k].position.clone(),
                    room: String::new(),
                })
                .collect();
            let mut programme = Vec::new();
            let mut day = arrival;
            while day <= departure {
                for hour in [9, 13, 16] {
                    let (ru, en) = pick(rng, ACTIVITIES);
                    programme.push(ProgrammeItem {
                        date: day,
                        start: NaiveTime::from_hms_opt(hour, 0, 0),
                        end: NaiveTime::from_hms_opt(hour + 2, 0, 0),
                        activity: Text::ru(*ru).with(Language::En, *en),
                        place: Text::ru(*pick(rng, VENUES)),
                        ..Default::default()
                    });
                }
                day += Duration::days(1);
            }
            let mut checklist = default_checklist(kind, direction, arrival);
            for t in &mut checklist {
                t.done = past;
            }
            let partner = pick(rng, partners);
            let mut d = Delegation {
                id: format!("del-{year}-{n:04}").as_str().into(),
                direction,
                partner_city: Some(partner.id.clone()),
                kind,
                title: Text::ru(format!("Делегация г. {} № {n}", partner.name_ru)),
                arrival: Travel { date: arrival, ..Default::default() },
                departure: Travel { date: departure, ..Default::default() },
                status: if past { DelegationStatus::Done } else { DelegationStatus::Planned },
                members,
                programme,
                checklist,
                gifts: vec![Gift {
                    id: crate::model::ItemId::NONE,
                    item: "Альбом о Хабаровске".into(),
                    recipient: "руководитель".into(),
                    quantity: 1,
                }],
                ..Default::default()
            };
            d.derive_item_ids();
            out.push(d);
        }
    }
    out
}

/// A department with `years` years of history ending in [`LAST_YEAR`], from `seed`.
pub fn generate(years: u32, seed: u64) -> Model {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let years = i32::try_from(years.clamp(1, 100)).unwrap_or(10);
    let first = LAST_YEAR - years + 1;
    let cities = cities(&mut rng);
    let people = people(&mut rng, PEOPLE_PER_YEAR * usize::try_from(years).unwrap_or(10));
    let events = events(&mut rng, first, years, &cities);
    let delegations = delegations(&mut rng, first, years, &cities, &people);
    let figures = (first..=LAST_YEAR)
        .map(|year| YearFigures {
            year,
            foreign_tourists: Some(rng.gen_range(15_000..30_000)),
            tourists_source: "Синтетические данные".into(),
            delegations_received: Some(rng.gen_range(30..60)),
            delegations_sent: Some(rng.gen_range(30..60)),
            ..Default::default()
        })
        .collect();
    let mut model = Model {
        cities: Shared::all(cities),
        people: Shared::all(people),
        events: Shared::all(events),
        delegations: Shared::all(delegations),
        figures,
    };
    model.normalise();
    model
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_year_has_the_rates_and_only_valid_references() {
        let m = generate(1, 7);
        assert_eq!(m.cities.len(), CITIES + 1);
        assert_eq!(m.events.len(), EVENTS_PER_YEAR);
        assert_eq!(m.delegations.len(), DELEGATIONS_PER_YEAR);
        assert_eq!(m.people.len(), PEOPLE_PER_YEAR);
        assert!(m.events.iter().any(|e| e.recurrence.is_some()), "some events recur");
        assert!(m.delegations.iter().all(|d| !d.programme.is_empty() && !d.checklist.is_empty()));
        let findings = crate::model::run_checks(&m, NaiveDate::from_ymd_opt(2026, 11, 27).unwrap_or_default());
        let broken: Vec<_> = findings
            .iter()
            .filter(|f| {
                matches!(
                    f.kind,
                    crate::model::FindingKind::MissingCity(_)
                        | crate::model::FindingKind::MissingPerson(_)
                        | crate::model::FindingKind::MissingEvent(_)
                        | crate::model::FindingKind::DuplicateId { .. }
                        | crate::model::FindingKind::InvalidRrule(_)
                )
            })
            .collect();
        assert!(broken.is_empty(), "{broken:?}");
    }
}
