//! The annual report as PDF, through the printing engine's `report.typ` template.

use super::Report;
use serde_json::Value;

/// The JSON the report template reads: the [`Report`] plus the footer and the page words.
pub fn data(report: &Report) -> Value {
    let ru = report.lang == "ru";
    let mut data = serde_json::to_value(report).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut data {
        map.insert("footer".into(), Value::String(report.title.clone()));
        map.insert("page".into(), Value::String(if ru { "стр." } else { "page" }.into()));
        map.insert("of".into(), Value::String(if ru { "из" } else { "of" }.into()));
    }
    data
}

/// The annual report as PDF.
pub fn render(report: &Report) -> Result<Vec<u8>, crate::print::PrintError> {
    crate::print::render_report(&data(report))
}
