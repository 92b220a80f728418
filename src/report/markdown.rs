//! The annual report as Markdown, for the administration's website.

use super::{Block, Report, Table};

/// Escapes what Markdown would read as markup inside table cells and text.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '|' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

fn table(t: &Table, out: &mut String) {
    let row = |cells: &[String], out: &mut String| {
        out.push('|');
        for c in cells {
            out.push(' ');
            out.push_str(&escape(c));
            out.push_str(" |");
        }
        out.push('\n');
    };
    row(&t.header, out);
    out.push('|');
    for i in 0..t.header.len() {
        out.push_str(if t.numeric.get(i).copied().unwrap_or(false) { " ---: |" } else { " --- |" });
    }
    out.push('\n');
    for r in &t.rows {
        row(r, out);
    }
    if let Some(total) = &t.total {
        // The asterisks are ours; only the cell text inside them is escaped.
        out.push('|');
        for cell in total {
            if cell.is_empty() {
                out.push_str("  |");
            } else {
                out.push_str(&format!(" **{}** |", escape(cell)));
            }
        }
        out.push('\n');
    }
}

/// The report as CommonMark with GitHub tables. Figures keep their no-break spaces.
pub fn render(report: &Report) -> String {
    let mut out =
        format!("# {}\n\n{}\n\n*{}*\n\n", escape(&report.title), escape(&report.subtitle), escape(&report.generated));
    for b in &report.blocks {
        match b {
            Block::Heading { text } => out.push_str(&format!("## {}\n\n", escape(text))),
            Block::Paragraph { text } => out.push_str(&format!("{}\n\n", escape(text))),
            Block::Bullets { items } => {
                for i in items {
                    out.push_str(&format!("- {}\n", escape(i)));
                }
                out.push('\n');
            }
            Block::Table(t) => {
                table(t, &mut out);
                out.push('\n');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_align_numbers_and_escape_pipes() {
        let report = Report {
            year: 2016,
            title: "T".into(),
            subtitle: "S".into(),
            generated: "G".into(),
            lang: "ru",
            blocks: vec![Block::Table(Table {
                header: vec!["Город".into(), "Чел.".into()],
                rows: vec![vec!["A|B".into(), "20\u{a0}161".into()]],
                numeric: vec![false, true],
                total: Some(vec!["Итого".into(), "1".into()]),
            })],
        };
        let md = render(&report);
        assert!(
            md.contains("| Город | Чел. |\n| --- | ---: |\n| A\\|B | 20\u{a0}161 |\n| **Итого** | **1** |\n"),
            "{md}"
        );
    }
}
