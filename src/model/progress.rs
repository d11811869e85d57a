//! What progress files record: a delivered occurrence of a task, a
//! measured value of a target.

use std::ops::Range;

use chrono::NaiveDate;

use super::Located;

/// A `[[report]]` of a progress file: one occurrence of a task, delivered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    pub file: String,
    pub header: Range<usize>,
    /// "plan-id#task-id" as written.
    pub task: Located<String>,
    /// The occurrence answered, when written.
    pub deadline: Option<Located<NaiveDate>>,
    pub delivered: Located<NaiveDate>,
    pub by: Option<Located<String>>,
    pub document: Option<String>,
    pub note: Option<String>,
}

/// An `[[actual]]` of a progress file: a target's measured value for a year.
#[derive(Clone, Debug, PartialEq)]
pub struct Actual {
    pub file: String,
    pub header: Range<usize>,
    /// "plan-id#target-id" as written.
    pub target: Located<String>,
    pub year: Located<i32>,
    pub value: Measured,
    pub source: Option<String>,
}

/// A measured value: one figure, or one per group of a disaggregated
/// target (sorted by group name, each group once, as TOML keys are).
#[derive(Clone, Debug, PartialEq)]
pub enum Measured {
    One(Located<f64>),
    Groups(Vec<(Located<String>, Located<f64>)>),
}

impl Measured {
    /// Every figure with where it was written.
    pub fn figures(&self) -> Vec<&Located<f64>> {
        match self {
            Measured::One(value) => vec![value],
            Measured::Groups(groups) => groups.iter().map(|(_, v)| v).collect(),
        }
    }
}
