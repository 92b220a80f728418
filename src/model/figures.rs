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
    /// Free text.
    pub notes: String,
}

impl YearFigures {
    /// Change of foreign tourists against `previous`, in percent (17 186 → 20 161 is +17.3).
    pub fn tourist_change_percent(&self, previous: &YearFigures) -> Option<f64> {
        let now = self.foreign_tourists? as f64;
        let before = previous.foreign_tourists? as f64;
        (before > 0.0).then(|| (now - before) / before * 100.0)
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
    fn no_change_without_both_figures() {
        let a = YearFigures { year: 2015, ..Default::default() };
        let b = YearFigures { year: 2016, foreign_tourists: Some(1), ..Default::default() };
        assert!(b.tourist_change_percent(&a).is_none());
    }
}
