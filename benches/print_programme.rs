//! Bench: a 5-day programme of stay with 60 items, as PDF. Budget (DESIGN.md §8): median
//! ≤ 200 ms in release. Run with `cargo bench --bench print_programme`.

use chrono::{Duration, NaiveTime};
use pobratim::model::{DelegationId, Language, ProgrammeItem, Text};
use pobratim::print::{PrintLang, data};
use pobratim::store::{OpenMode, Workspace};
use std::path::Path;
use std::time::Instant;

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_data");
    let (_, mut model) = Workspace::open(&dir, OpenMode::ReadOnly).expect("sample data");
    let id = DelegationId::new("del-2016-05-portland-school");
    let d = model.delegations.iter_mut().find(|d| d.id == id).expect("Portland delegation");
    d.departure.date = d.arrival.date + Duration::days(4);
    d.programme = (0..60)
        .map(|i| ProgrammeItem {
            date: d.arrival.date + Duration::days(i / 12),
            start: NaiveTime::from_hms_opt(8 + (i % 12) as u32, 0, 0),
            end: NaiveTime::from_hms_opt(8 + (i % 12) as u32, 45, 0),
            activity: Text::ru(format!("Пункт программы № {i}: встреча, экскурсия и обсуждение планов"))
                .with(Language::En, format!("Item {i}: meeting, tour and talks")),
            place: "Хабаровск, ул. Муравьёва-Амурского, 1".into(),
            ..ProgrammeItem::default()
        })
        .collect();
    let first = Instant::now();
    let pdf = data::programme_pdf(&model, &id, PrintLang::RU_EN).expect("pdf");
    let cold = first.elapsed();
    let mut times = Vec::new();
    for _ in 0..30 {
        let t = Instant::now();
        let pdf = data::programme_pdf(&model, &id, PrintLang::RU_EN).expect("pdf");
        times.push(t.elapsed());
        assert!(pdf.starts_with(b"%PDF"));
    }
    times.sort();
    let median = times[times.len() / 2];
    println!(
        "programme PDF, 5 days, 60 items, ru+en: first {:.1} ms (fonts loaded), median {:.1} ms, max {:.1} ms, {} KB; budget 200 ms",
        cold.as_secs_f64() * 1e3,
        median.as_secs_f64() * 1e3,
        times[times.len() - 1].as_secs_f64() * 1e3,
        pdf.len() / 1024
    );
}
