//! The annual report as a Word document (docx-rs), for colleagues who edit it before
//! sending. A4, real heading styles (so Word's navigation pane shows the sections),
//! bordered tables with a bold header and totals row, page numbers in the footer.

use super::{Block, Report, Table};
use docx_rs::{
    AlignmentType, Docx, Footer, PageMargin, PageNum, Paragraph, Run, RunFonts, Shading, Style, StyleType, TableCell,
    TableRow,
};

/// A4 in twentieths of a point.
const A4: (u32, u32) = (11_906, 16_838);
/// Font sizes are in half-points.
const BODY: usize = 22;
/// Table cells a little smaller than the body.
const CELL: usize = 19;

fn run(text: &str) -> Run {
    Run::new().add_text(text)
}

fn cell(text: &str, right: bool, bold: bool, header: bool) -> TableCell {
    let mut r = run(text).size(CELL);
    if bold {
        r = r.bold();
    }
    let mut p = Paragraph::new().add_run(r);
    if right {
        p = p.align(AlignmentType::Right);
    }
    let c = TableCell::new().add_paragraph(p);
    if header { c.shading(Shading::new().fill("E6ECF2")) } else { c }
}

fn table(t: &Table) -> docx_rs::Table {
    let numeric = |i: usize| t.numeric.get(i).copied().unwrap_or(false);
    let mut rows = vec![
        TableRow::new(t.header.iter().enumerate().map(|(i, h)| cell(h, numeric(i), true, true)).collect()).cant_split(),
    ];
    for r in &t.rows {
        rows.push(
            TableRow::new(r.iter().enumerate().map(|(i, c)| cell(c, numeric(i), false, false)).collect()).cant_split(),
        );
    }
    if let Some(total) = &t.total {
        rows.push(TableRow::new(total.iter().enumerate().map(|(i, c)| cell(c, numeric(i), true, false)).collect()));
    }
    docx_rs::Table::new(rows)
}

/// The report as the bytes of a .docx file.
pub fn render(report: &Report) -> Result<Vec<u8>, String> {
    let fonts = RunFonts::new().ascii("Arial").hi_ansi("Arial").cs("Arial").east_asia("SimSun");
    let mut doc = Docx::new()
        .page_size(A4.0, A4.1)
        .page_margin(PageMargin::new().top(1134).bottom(1134).left(1418).right(850).header(567).footer(567))
        .default_fonts(fonts)
        .default_size(BODY)
        .add_style(Style::new("Title", StyleType::Paragraph).name("Title").size(32).bold())
        .add_style(Style::new("Heading1", StyleType::Paragraph).name("heading 1").size(26).bold().outline_lvl(0))
        .footer(Footer::new().add_paragraph(Paragraph::new().align(AlignmentType::Center).add_page_num(PageNum::new())))
        .add_paragraph(Paragraph::new().style("Title").add_run(run(&report.title)))
        .add_paragraph(Paragraph::new().add_run(run(&report.subtitle)))
        .add_paragraph(Paragraph::new().add_run(run(&report.generated).italic().size(18)));
    for b in &report.blocks {
        doc = match b {
            Block::Heading { text } => doc.add_paragraph(Paragraph::new().style("Heading1").add_run(run(text))),
            Block::Paragraph { text } => doc.add_paragraph(Paragraph::new().add_run(run(text))),
            Block::Bullets { items } => {
                items.iter().fold(doc, |doc, i| doc.add_paragraph(Paragraph::new().add_run(run(&format!("• {i}")))))
            }
            Block::Table(t) => doc.add_table(table(t)).add_paragraph(Paragraph::new()),
        };
    }
    let mut bytes = std::io::Cursor::new(Vec::new());
    doc.build().pack(&mut bytes).map_err(|e| format!("cannot build the Word document: {e}"))?;
    Ok(bytes.into_inner())
}
