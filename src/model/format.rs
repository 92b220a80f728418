//! Numbers as the department writes them: «20 161», «+17,3 %» in Russian; "20,161",
//! "+17.3%" in English. Shared by the UI, the charts, the report and the CLI.

use super::Lang;

/// Groups digits: «20 161» in Russian (with a no-break space, so a figure never breaks
/// across lines), "20,161" in English. Negative numbers take a true minus sign.
pub fn int(n: i64, lang: Lang) -> String {
    let digits = n.unsigned_abs().to_string();
    let separator = if lang == Lang::Ru { '\u{a0}' } else { ',' };
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(c);
    }
    if n < 0 { format!("−{out}") } else { out }
}

/// [`int`] for unsigned counts.
pub fn count(n: u64, lang: Lang) -> String {
    int(i64::try_from(n).unwrap_or(i64::MAX), lang)
}

/// A change in percent, rounded to one decimal and always signed: «+17,3 %», «−4,0 %»,
/// «0,0 %». Russian puts a no-break space before the sign; English writes "+17.3%".
pub fn change(percent: f64, lang: Lang) -> String {
    let rounded = format!("{:.1}", percent.abs());
    let zero = rounded.chars().all(|c| c == '0' || c == '.');
    let sign = if zero {
        ""
    } else if percent > 0.0 {
        "+"
    } else {
        "−"
    };
    match lang {
        Lang::Ru => format!("{sign}{}\u{a0}%", rounded.replace('.', ",")),
        Lang::En => format!("{sign}{rounded}%"),
    }
}

/// A share in percent with one decimal: «49,3 %» / "49.3%".
pub fn percent(value: f64, lang: Lang) -> String {
    let rounded = format!("{value:.1}");
    match lang {
        Lang::Ru => format!("{}\u{a0}%", rounded.replace('.', ",")),
        Lang::En => format!("{rounded}%"),
    }
}

/// «год», «года» or «лет» after a number of years: 1 год, 3 года, 11 лет, 51 год.
pub fn years_ru(n: i32) -> &'static str {
    let n = n.unsigned_abs();
    match (n % 10, n % 100) {
        (1, x) if x != 11 => "год",
        (2..=4, x) if !(12..=14).contains(&x) => "года",
        _ => "лет",
    }
}

/// Reads a count typed by a user: digits with optional spaces, no-break spaces or
/// thousands separators («20 161», "20,161", "20161"). Empty means "not known".
pub fn parse_count(text: &str) -> Result<Option<u64>, CountError> {
    let cleaned: String = text.chars().filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | ',' | '\'')).collect();
    if cleaned.is_empty() {
        return Ok(None);
    }
    if cleaned.starts_with('-') || cleaned.starts_with('−') {
        return Err(CountError::Negative);
    }
    if !cleaned.chars().all(|c| c.is_ascii_digit()) {
        return Err(CountError::NotANumber);
    }
    cleaned.parse::<u64>().map(Some).map_err(|_| CountError::TooLarge)
}

/// Why a typed count was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CountError {
    /// "-5": figures cannot be negative.
    Negative,
    /// Letters or a decimal point.
    NotANumber,
    /// More than fits in 64 bits.
    TooLarge,
}

impl CountError {
    /// The reason, for the form.
    pub fn message(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (CountError::Negative, Lang::Ru) => "не может быть отрицательным",
            (CountError::Negative, Lang::En) => "cannot be negative",
            (CountError::NotANumber, Lang::Ru) => "введите целое число",
            (CountError::NotANumber, Lang::En) => "enter a whole number",
            (CountError::TooLarge, Lang::Ru) => "слишком большое число",
            (CountError::TooLarge, Lang::En) => "the number is too large",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_digits_by_language() {
        assert_eq!(int(20_161, Lang::Ru), "20\u{a0}161");
        assert_eq!(int(17_186, Lang::En), "17,186");
        assert_eq!(int(999, Lang::Ru), "999");
        assert_eq!(int(1_000_000, Lang::Ru), "1\u{a0}000\u{a0}000");
        assert_eq!(int(-1500, Lang::Ru), "−1\u{a0}500");
        assert_eq!(count(u64::MAX, Lang::En), "9,223,372,036,854,775,807");
    }

    #[test]
    fn change_is_rounded_to_one_decimal_and_signed() {
        let p = (20_161.0 - 17_186.0) / 17_186.0 * 100.0;
        assert_eq!(change(p, Lang::Ru), "+17,3\u{a0}%");
        assert_eq!(change(p, Lang::En), "+17.3%");
        assert_eq!(change(-4.0, Lang::Ru), "−4,0\u{a0}%");
        assert_eq!(change(0.04, Lang::Ru), "0,0\u{a0}%");
        assert_eq!(change(-0.04, Lang::En), "0.0%");
        assert_eq!(change(17.35, Lang::En), "+17.4%", "17.35 is stored as 17.350000000000001");
        assert_eq!(percent(49.26, Lang::Ru), "49,3\u{a0}%");
    }

    #[test]
    fn parses_counts_as_users_type_them() {
        assert_eq!(parse_count("20 161"), Ok(Some(20_161)));
        assert_eq!(parse_count("20\u{a0}161"), Ok(Some(20_161)));
        assert_eq!(parse_count("20,161"), Ok(Some(20_161)));
        assert_eq!(parse_count("  "), Ok(None));
        assert_eq!(parse_count("-5"), Err(CountError::Negative));
        assert_eq!(parse_count("−5"), Err(CountError::Negative));
        assert_eq!(parse_count("12.5"), Err(CountError::NotANumber));
        assert_eq!(parse_count("99999999999999999999999"), Err(CountError::TooLarge));
    }
}
