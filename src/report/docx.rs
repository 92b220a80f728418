//! The annual report as a Word document (docx-rs), for colleagues who edit it before
//! sending. A4, real heading styles (so Word's navigation pane shows the sections),
//! bordered tables with a bold header and totals row, page numbers in the footer.

use super::{Block, Report, Table};
use docx_rs::{
    AlignmentType, Docx, Footer, PageMargin, PageNum, Paragraph, Run, RunFonts, Shading, Style, StyleType, TableCell,
    TableLayoutType, TableRow, WidthType,
};

/// A4 in twentieths of a point.
const A4: (u32, u32) = (11_906, 16_838);
/// Font sizes are in half-points.
const BODY: usize = 22;
/// Table cells a little smaller than the body.
const CELL: usize = 19;
/// The text width of the page: A4 less the left and right margins, in twips.
const TEXT_WIDTH: usize = 11_906 - 1418 - 850;
/// The width of an average character of a table cell at 9.5 pt, in twips: Arial needs about
/// 105, but LibreOffice without Arial or Liberation Sans draws DejaVu Sans, some 15 % wider.
const CHAR: usize = 122;
/// A cell's padding and borders, in twips.
const PADDING: usize = 250;

/// The fonts of a run of `text`: Arial for Latin and Cyrillic, and an East Asian font that
/// has its script (SimSun has no Hangul and few kana): Word and LibreOffice draw boxes for a
/// character whose run names no font that has it.
fn fonts(text: &str) -> RunFonts {
    let hangul =
        text.chars().any(|c| matches!(c, '\u{AC00}'..='\u{D7AF}' | '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}'));
    let kana = text.chars().any(|c| matches!(c, '\u{3040}'..='\u{30FF}'));
    let east_asia = if hangul {
        "Malgun Gothic"
    } else if kana {
        "Yu Gothic"
    } else {
        "SimSun"
    };
    RunFonts::new().ascii("Arial").hi_ansi("Arial").cs("Arial").east_asia(east_asia)
}

fn run(text: &str) -> Run {
    Run::new().add_text(text).fonts(fonts(text))
}

/// Column widths that fit the page: each column gets at least its longest word and a
/// dash (so «дружественный» never breaks inside), and what is left goes to the columns whose text is
/// longer, up to a line of about 45 characters.
fn column_widths(t: &Table) -> Vec<usize> {
    let n = t.header.len().max(1);
    let cells = |i: usize| {
        std::iter::once(t.header.get(i))
            .chain(t.rows.iter().map(move |r| r.get(i)))
            .chain(std::iter::once(t.total.as_ref().and_then(|r| r.get(i))))
            .flatten()
    };
    let chars = |s: &str| s.chars().count();
    let need: Vec<usize> =
        // A line may also break after a dash («19.04.2016–» / «21.04.2016»).
        (0..n)
            .map(|i| {
                let words = cells(i).flat_map(|c| c.split(|ch: char| ch.is_whitespace() || ch == '–' || ch == '-'));
                (words.map(chars).max().unwrap_or(1) + 1) * CHAR + PADDING
            })
            .collect();
    let want: Vec<usize> =
        (0..n).map(|i| (cells(i).map(|c| chars(c)).max().unwrap_or(1).min(45) * CHAR + PADDING).max(need[i])).collect();
    let (need_sum, want_sum) = (need.iter().sum::<usize>(), want.iter().sum::<usize>());
    if want_sum <= TEXT_WIDTH {
        // Everything fits on one line: spread the spare width in proportion.
        return want.iter().map(|w| w * TEXT_WIDTH / want_sum.max(1)).collect();
    }
    if need_sum >= TEXT_WIDTH {
        // Even the longest words do not fit side by side: in proportion to them.
        return need.iter().map(|w| w * TEXT_WIDTH / need_sum.max(1)).collect();
    }
    let spare = TEXT_WIDTH - need_sum;
    let extra = want_sum - need_sum;
    need.iter().zip(&want).map(|(n, w)| n + (w - n) * spare / extra.max(1)).collect()
}

fn cell(text: &str, right: bool, bold: bool, header: bool, width: usize) -> TableCell {
    let mut r = run(text).size(CELL);
    if bold {
        r = r.bold();
    }
    let mut p = Paragraph::new().add_run(r);
    if right {
        p = p.align(AlignmentType::Right);
    }
    let c = TableCell::new().add_paragraph(p).width(width, WidthType::Dxa);
    if header { c.shading(Shading::new().fill("E6ECF2")) } else { c }
}

fn table(t: &Table) -> docx_rs::Table {
    let numeric = |i: usize| t.numeric.get(i).copied().unwrap_or(false);
    let widths = column_widths(t);
    let width = |i: usize| widths.get(i).copied().unwrap_or(CHAR * 8);
    let row = |cells: &[String], bold: bool, header: bool| {
        TableRow::new(cells.iter().enumerate().map(|(i, c)| cell(c, numeric(i), bold, header, width(i))).collect())
    };
    let mut rows = vec![row(&t.header, true, true).cant_split()];
    for r in &t.rows {
        rows.push(row(r, false, false).cant_split());
    }
    if let Some(total) = &t.total {
        rows.push(row(total, true, false));
    }
    docx_rs::Table::new(rows)
        .set_grid(widths.clone())
        .width(widths.iter().sum(), WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
}

/// The report as the bytes of a .docx file.
pub fn render(report: &Report) -> Result<Vec<u8>, String> {
    let mut doc = Docx::new()
        .page_size(A4.0, A4.1)
        .page_margin(PageMargin::new().top(1134).bottom(1134).left(1418).right(850).header(567).footer(567))
        .default_fonts(fonts(""))
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

#[cfg(test)]
mod tests {
    use super::*;

    fn partners() -> Table {
        let row = |c: &str, s: &str| vec![c.to_owned(), "Республика Корея".to_owned(), s.to_owned(), "8".to_owned()];
        Table {
            header: ["Город", "Страна", "Статус", "Делегаций в году"].map(str::to_owned).to_vec(),
            rows: vec![row("Пучон (부천)", "побратим"), row("Чангвон (창원)", "дружественный")],
            numeric: vec![false, false, false, true],
            total: None,
        }
    }

    #[test]
    fn columns_fit_the_page_and_never_cut_a_word() {
        let widths = column_widths(&partners());
        assert!(widths.iter().sum::<usize>() <= TEXT_WIDTH, "{widths:?}");
        assert!(widths[2] >= "дружественный".chars().count() * CHAR + PADDING, "{widths:?}");
        // A table too wide for the page still adds up to the page.
        let wide = Table {
            header: vec!["x".repeat(60); 6],
            rows: vec![vec!["слово ".repeat(30); 6]],
            numeric: vec![false; 6],
            total: None,
        };
        let widths = column_widths(&wide);
        assert!(widths.iter().sum::<usize>() <= TEXT_WIDTH, "{widths:?}");
    }

    #[test]
    fn every_run_names_an_east_asian_font_that_has_its_script() {
        let report = Report {
            year: 2016,
            lang: "ru",
            title: "Отчёт".into(),
            subtitle: String::new(),
            generated: String::new(),
            blocks: vec![Block::Table(partners()), Block::Paragraph { text: "新潟 にいがた".into() }],
        };
        let bytes = render(&report).expect("docx");
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").expect("document"), &mut xml)
            .expect("utf-8");
        let runs = xml.matches("<w:r>").count();
        assert!(runs > 0 && xml.matches("w:eastAsia=").count() >= runs, "every run names its fonts");
        let korean = xml.split("<w:r>").find(|r| r.contains("부천")).expect("the Korean run");
        assert!(korean.contains("w:eastAsia=\"Malgun Gothic\""), "{korean}");
        let japanese = xml.split("<w:r>").find(|r| r.contains("にいがた")).expect("the Japanese run");
        assert!(japanese.contains("w:eastAsia=\"Yu Gothic\""), "{japanese}");
        assert!(xml.contains("<w:tblLayout w:type=\"fixed\""), "fixed widths");
    }
}
