//! CSV as Russian Excel opens it: UTF-8 with a byte-order mark, `;` between fields, CRLF
//! line ends. The roster export and the charts' tables both write through [`write`].

/// The rows as CSV for Russian Excel; the first row is usually the header.
pub fn write(rows: &[Vec<String>]) -> Vec<u8> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    let mut w = ::csv::WriterBuilder::new().delimiter(b';').terminator(::csv::Terminator::CRLF).from_writer(Vec::new());
    for r in rows {
        // Writing to a Vec cannot fail.
        let _ = w.write_record(r);
    }
    out.extend(w.into_inner().unwrap_or_default());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_semicolons_crlf_and_quoting() {
        let rows = vec![vec!["Год".to_owned(), "Туристы".to_owned()], vec!["2016".to_owned(), "20;161".to_owned()]];
        assert_eq!(write(&rows), "\u{feff}Год;Туристы\r\n2016;\"20;161\"\r\n".as_bytes());
        assert_eq!(write(&[]), b"\xEF\xBB\xBF");
    }
}
