//! Official yearly figures, entered by hand: foreign tourists and delegation totals.

use serde::{Deserialize, Serialize};

/// Foreign tourists from one country in a year.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CountryCount {
    /// Country, in Russian.
    pub country: String,
    /// Tourists.
    pub count: u64,
}

/// Foreign tourists in one month of a year.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MonthCount {
    /// Month 1–12.
    pub month: u32,
    /// Tourists.
    pub count: u64,
}

/// The official figures for one year. History before the app existed lives here.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct YearFigures {
    /// The year.
    pub year: i32,
    /// Foreign citizens who visited the city for tourism.
    pub foreign_tourists: Option<u64>,
    /// Where the tourist figure comes from.
    pub tourists_source: String,
    /// Breakdown by country, where known.
    pub by_country: Vec<CountryCount>,
    /// Breakdown by month, where known.
    pub by_month: Vec<MonthCount>,
    /// Delegations received (official total).
    pub delegations_received: Option<u32>,
    /// Delegations sent (official total).
    pub delegations_sent: Option<u32>,
    /// Where the delegation totals come from.
    pub delegations_source: String,
    /// How many events the department means to publish in this year's public calendar
    /// (35 for 2017); the calendar shows how many it holds against it.
    pub public_events_target: Option<u32>,
    /// Free text.
    pub notes: String,
}

impl YearFigures {
    /// Whether any count is entered: tourists, a breakdown, or a delegation total.
    pub fn has_counts(&self) -> bool {
        self.foreign_tourists.is_some()
            || !self.by_country.is_empty()
            || !self.by_month.is_empty()
            || self.delegations_received.is_some()
            || self.delegations_sent.is_some()
    }

    /// Change of foreign tourists against `previous`, in percent (17 186 → 20 161 is +17.3).
    pub fn tourist_change_percent(&self, previous: &YearFigures) -> Option<f64> {
        let now = self.foreign_tourists? as f64;
        let before = previous.foreign_tourists? as f64;
        (before > 0.0).then(|| (now - before) / before * 100.0)
    }

    /// Tourists in the breakdown by country.
    pub fn country_sum(&self) -> u64 {
        self.by_country.iter().fold(0u64, |a, c| a.saturating_add(c.count))
    }

    /// Tourists in the breakdown by month.
    pub fn month_sum(&self) -> u64 {
        self.by_month.iter().fold(0u64, |a, c| a.saturating_add(c.count))
    }

    /// What is wrong with this year's figures on their own (see [`problems_with_others`]
    /// for a year entered twice). Counts are unsigned, so a negative figure cannot be
    /// stored; the form refuses one as it is typed.
    pub fn problems(&self) -> Vec<FigureProblem> {
        let mut out = Vec::new();
        if !(1900..=2200).contains(&self.year) {
            out.push(FigureProblem::YearOutOfRange(self.year));
        }
        let countries = self.country_sum();
        let months = self.month_sum();
        match self.foreign_tourists {
            Some(total) if countries > total => out.push(FigureProblem::CountriesExceedTotal { sum: countries, total }),
            None if !self.by_country.is_empty() => out.push(FigureProblem::BreakdownWithoutTotal),
            _ => {}
        }
        match self.foreign_tourists {
            Some(total) if months > total => out.push(FigureProblem::MonthsExceedTotal { sum: months, total }),
            None if !self.by_month.is_empty() && self.by_country.is_empty() => {
                out.push(FigureProblem::BreakdownWithoutTotal)
            }
            _ => {}
        }
        let mut seen = std::collections::BTreeSet::new();
        for c in &self.by_country {
            let name = c.country.trim();
            if name.is_empty() {
                out.push(FigureProblem::CountryWithoutName);
            } else if !seen.insert(name.to_lowercase()) {
                out.push(FigureProblem::CountryTwice(name.to_owned()));
            }
        }
        let mut months_seen = [false; 13];
        for m in &self.by_month {
            match months_seen.get_mut(m.month as usize).filter(|_| m.month >= 1) {
                None => out.push(FigureProblem::MonthOutOfRange(m.month)),
                Some(seen) if *seen => out.push(FigureProblem::MonthTwice(m.month)),
                Some(seen) => *seen = true,
            }
        }
        out
    }
}

/// [`YearFigures::problems`] plus the year entered twice: `others` are the other years'
/// records (the one being replaced left out).
pub fn problems_with_others(figures: &YearFigures, others: &[YearFigures]) -> Vec<FigureProblem> {
    let mut out = figures.problems();
    if others.iter().any(|o| o.year == figures.year) {
        out.insert(0, FigureProblem::YearTwice(figures.year));
    }
    out
}

/// Something wrong in a year's figures.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FigureProblem {
    /// The year has figures twice.
    YearTwice(i32),
    /// Not a plausible year.
    YearOutOfRange(i32),
    /// The countries add up to more than the total.
    CountriesExceedTotal {
        /// Sum of the breakdown.
        sum: u64,
        /// The total.
        total: u64,
    },
    /// The months add up to more than the total.
    MonthsExceedTotal {
        /// Sum of the breakdown.
        sum: u64,
        /// The total.
        total: u64,
    },
    /// A breakdown without the total it breaks down.
    BreakdownWithoutTotal,
    /// A country row without a country.
    CountryWithoutName,
    /// A country listed twice.
    CountryTwice(String),
    /// A month outside 1–12.
    MonthOutOfRange(u32),
    /// A month listed twice.
    MonthTwice(u32),
}

impl FigureProblem {
    /// The problem as a sentence in `lang`, figures written as the department writes them.
    pub fn message(&self, lang: super::Lang) -> String {
        use super::format::count;
        let ru = lang == super::Lang::Ru;
        match self {
            FigureProblem::YearTwice(y) => {
                if ru {
                    format!("показатели за {y} год уже введены")
                } else {
                    format!("figures for {y} are already entered")
                }
            }
            FigureProblem::YearOutOfRange(y) => {
                if ru {
                    format!("неправдоподобный год {y}")
                } else {
                    format!("implausible year {y}")
                }
            }
            FigureProblem::CountriesExceedTotal { sum, total } => {
                if ru {
                    format!("по странам {} — больше итога {}", count(*sum, lang), count(*total, lang))
                } else {
                    format!("countries add up to {}, more than the total {}", count(*sum, lang), count(*total, lang))
                }
            }
            FigureProblem::MonthsExceedTotal { sum, total } => {
                if ru {
                    format!("по месяцам {} — больше итога {}", count(*sum, lang), count(*total, lang))
                } else {
                    format!("months add up to {}, more than the total {}", count(*sum, lang), count(*total, lang))
                }
            }
            FigureProblem::BreakdownWithoutTotal => {
                if ru {
                    "разбивка введена без общего числа туристов".to_owned()
                } else {
                    "a breakdown without the total of tourists".to_owned()
                }
            }
            FigureProblem::CountryWithoutName => {
                if ru {
                    "строка разбивки без названия страны".to_owned()
                } else {
                    "a breakdown row without a country".to_owned()
                }
            }
            FigureProblem::CountryTwice(c) => {
                if ru {
                    format!("страна «{c}» указана дважды")
                } else {
                    format!("country “{c}” is listed twice")
                }
            }
            FigureProblem::MonthOutOfRange(m) => {
                if ru {
                    format!("месяц {m} вне 1–12")
                } else {
                    format!("month {m} is outside 1–12")
                }
            }
            FigureProblem::MonthTwice(m) => {
                if ru {
                    format!("месяц {m} указан дважды")
                } else {
                    format!("month {m} is listed twice")
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn change_2016_is_seventeen_point_three() {
        let y2015 = YearFigures { year: 2015, foreign_tourists: Some(17_186), ..Default::default() };
        let y2016 = YearFigures { year: 2016, foreign_tourists: Some(20_161), ..Default::default() };
        let change = y2016.tourist_change_percent(&y2015).expect("change");
        assert!((change - 17.31).abs() < 0.01, "{change}");
        assert_eq!(format!("{change:.1}"), "17.3");
    }

    #[test]
    fn breakdown_may_not_exceed_its_total() {
        let mut f = YearFigures {
            year: 2016,
            foreign_tourists: Some(100),
            by_country: vec![
                CountryCount { country: "Китай".into(), count: 60 },
                CountryCount { country: "Япония".into(), count: 40 },
            ],
            by_month: vec![MonthCount { month: 1, count: 100 }],
            ..Default::default()
        };
        assert!(f.problems().is_empty(), "equal to the total is fine: {:?}", f.problems());
        f.by_country[1].count = 41;
        assert_eq!(f.problems(), vec![FigureProblem::CountriesExceedTotal { sum: 101, total: 100 }]);
        f.by_country[1].count = 40;
        f.by_month.push(MonthCount { month: 2, count: 1 });
        assert_eq!(f.problems(), vec![FigureProblem::MonthsExceedTotal { sum: 101, total: 100 }]);
        assert_eq!(
            FigureProblem::MonthsExceedTotal { sum: 20_161, total: 17_186 }.message(crate::model::Lang::Ru),
            "по месяцам 20\u{a0}161 — больше итога 17\u{a0}186"
        );
    }

    #[test]
    fn rows_twice_and_out_of_range_are_refused() {
        let f = YearFigures {
            year: 2016,
            foreign_tourists: Some(1000),
            by_country: vec![
                CountryCount { country: "Китай".into(), count: 1 },
                CountryCount { country: " китай ".into(), count: 1 },
                CountryCount { country: "".into(), count: 1 },
            ],
            by_month: vec![
                MonthCount { month: 0, count: 1 },
                MonthCount { month: 13, count: 1 },
                MonthCount { month: 5, count: 1 },
                MonthCount { month: 5, count: 1 },
            ],
            ..Default::default()
        };
        assert_eq!(
            f.problems(),
            vec![
                FigureProblem::CountryTwice("китай".into()),
                FigureProblem::CountryWithoutName,
                FigureProblem::MonthOutOfRange(0),
                FigureProblem::MonthOutOfRange(13),
                FigureProblem::MonthTwice(5),
            ]
        );
    }

    #[test]
    fn a_year_entered_twice_is_refused() {
        let y2016 = YearFigures { year: 2016, foreign_tourists: Some(1), ..Default::default() };
        let others = [YearFigures { year: 2015, ..Default::default() }];
        assert!(problems_with_others(&y2016, &others).is_empty());
        let others = [YearFigures { year: 2016, ..Default::default() }];
        assert_eq!(problems_with_others(&y2016, &others), vec![FigureProblem::YearTwice(2016)]);
        let bare = YearFigures { year: 2016, by_month: vec![MonthCount { month: 1, count: 5 }], ..Default::default() };
        assert_eq!(bare.problems(), vec![FigureProblem::BreakdownWithoutTotal]);
        assert_eq!(YearFigures { year: 16, ..Default::default() }.problems(), vec![FigureProblem::YearOutOfRange(16)]);
    }

    #[test]
    fn no_change_without_both_figures() {
        let a = YearFigures { year: 2015, ..Default::default() };
        let b = YearFigures { year: 2016, foreign_tourists: Some(1), ..Default::default() };
        assert!(b.tourist_change_percent(&a).is_none());
    }
}
