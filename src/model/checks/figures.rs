//! The official figures of each year, through the same validation the editor shows.

use super::{Finding, FindingKind, Severity};
use crate::model::figures::problems_with_others;
use crate::model::ids::RecordId;
use crate::model::{FigureProblem, Model};

/// The official figures: no year twice, no breakdown over its total, no bad month or
/// country row. (Counts are unsigned, so the files cannot hold a negative figure.)
pub fn check_figures(model: &Model, out: &mut Vec<Finding>) {
    for (i, f) in model.figures.iter().enumerate() {
        let before = &model.figures[..i];
        let problems = problems_with_others(f, before);
        for p in problems {
            let field = match &p {
                FigureProblem::CountriesExceedTotal { .. }
                | FigureProblem::CountryWithoutName
                | FigureProblem::CountryTwice(_) => "by_country",
                FigureProblem::MonthsExceedTotal { .. }
                | FigureProblem::MonthOutOfRange(_)
                | FigureProblem::MonthTwice(_) => "by_month",
                FigureProblem::BreakdownWithoutTotal => "foreign_tourists",
                FigureProblem::YearTwice(_) | FigureProblem::YearOutOfRange(_) => "year",
            };
            out.push(Finding::new(Severity::Error, RecordId::Figures(f.year), field, FindingKind::Figures(p)));
        }
    }
}
