//! Serde mirrors of progress files (`progress/*.toml`): what was delivered
//! (`[[report]]`) and what was measured (`[[actual]]`), as written.

use serde::Deserialize;
use toml::Spanned;

use super::{DateOrText, Entry, Text};

/// A progress file: any number of reports and actuals.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawProgress {
    #[serde(default)]
    pub report: Vec<Spanned<RawReport>>,
    #[serde(default)]
    pub actual: Vec<Spanned<RawActual>>,
}

/// A progress file read entry by entry (see [`Entry`]).
#[derive(Debug, Deserialize, Default)]
pub struct RawProgressEntries {
    #[serde(default)]
    pub report: Vec<Spanned<Entry<RawReport>>>,
    #[serde(default)]
    pub actual: Vec<Spanned<Entry<RawActual>>>,
}

/// A `[[report]]`: one occurrence of a task, delivered.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, expecting = "a `[[report]]` table")]
pub struct RawReport {
    /// The task answered: "plan-id#task-id".
    pub task: Text,
    /// The occurrence answered (its deadline); required when the task recurs.
    pub deadline: Option<Spanned<DateOrText>>,
    /// The day the report was delivered.
    pub delivered: Option<Spanned<DateOrText>>,
    /// Who delivered it; the task's lead when absent.
    pub by: Text,
    /// The report's own document number.
    pub document: Text,
    /// Free text.
    pub note: Text,
}

/// An `[[actual]]`: a measured value of a target for a year.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, expecting = "an `[[actual]]` table")]
pub struct RawActual {
    /// The target measured: "plan-id#target-id".
    pub target: Text,
    /// The year the value is for.
    pub year: Option<Spanned<i64>>,
    /// A number, or a table of numbers per group.
    pub value: Option<Spanned<RawMeasured>>,
    /// Where the figure comes from (a report's number).
    pub source: Text,
}

/// An actual's `value` as written: a number, a table per group with where
/// each group's key is written, or anything else (reported as mistyped).
/// Read by a hand-written visitor (in `de.rs`) because `toml::Value` keeps
/// no spans inside a table, and finding each key again in the text costs
/// time in proportion to the groups squared.
#[derive(Debug)]
pub enum RawMeasured {
    One(f64),
    /// Each group's key and value, in the order written.
    Groups(Vec<(Spanned<String>, Spanned<toml::Value>)>),
    /// Not a number or a table: text, a boolean, an array.
    Other,
}
