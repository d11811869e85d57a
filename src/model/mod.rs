//! Validated plans: what the rest of gplan works with. Values keep the byte
//! span they were written at only where a later rule or query reports on them.

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;

use chrono::NaiveDate;

use crate::deadline::Rule;
use crate::figure::Figure;

mod progress;
mod registry;
pub mod words;

pub use progress::{Actual, Measured, Report};
pub use registry::{Jurisdiction, Org, OrgLevel, Successor};

/// A value and where it was written in its file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Located<T> {
    pub value: T,
    pub span: Range<usize>,
}

impl<T> Located<T> {
    /// Pairs a value with its span.
    pub fn new(value: T, span: Range<usize>) -> Self {
        Located { value, span }
    }
}

/// The document types a plan may be (`kind`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum PlanKind {
    Strategy,
    Program,
    Plan,
    Decision,
    Resolution,
    Directive,
    Other,
}

impl PlanKind {
    /// Every kind with the word used in files.
    pub const ALL: &'static [(&'static str, PlanKind)] = &[
        ("strategy", PlanKind::Strategy),
        ("program", PlanKind::Program),
        ("plan", PlanKind::Plan),
        ("decision", PlanKind::Decision),
        ("resolution", PlanKind::Resolution),
        ("directive", PlanKind::Directive),
        ("other", PlanKind::Other),
    ];

    /// The word used in files.
    pub fn as_str(self) -> &'static str {
        PlanKind::ALL
            .iter()
            .find(|(_, k)| *k == self)
            .map_or("other", |(s, _)| s)
    }
}

/// An issue date as precise as the document gives it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Issued {
    Day(NaiveDate),
    Month { year: i32, month: u32 },
    Year(i32),
}

impl Issued {
    /// The earliest day the document can have been issued.
    pub fn earliest(self) -> NaiveDate {
        match self {
            Issued::Day(d) => d,
            Issued::Month { year, month } => {
                NaiveDate::from_ymd_opt(year, month, 1).unwrap_or(NaiveDate::MIN)
            }
            Issued::Year(year) => NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(NaiveDate::MIN),
        }
    }

    /// The latest day the document can have been issued.
    pub fn latest(self) -> NaiveDate {
        match self {
            Issued::Day(d) => d,
            Issued::Month { year, month } => {
                crate::deadline::Point::Month { year, month }.last_day()
            }
            Issued::Year(year) => NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(NaiveDate::MAX),
        }
    }
}

impl fmt::Display for Issued {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            Issued::Day(d) => write!(f, "{}", d.format("%Y-%m-%d")),
            Issued::Month { year, month } => write!(f, "{year:04}-{month:02}"),
            Issued::Year(year) => write!(f, "{year:04}"),
        }
    }
}

/// The days a plan covers, both ends included.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Period {
    /// Whether a day lies inside the period.
    pub fn contains(self, day: NaiveDate) -> bool {
        (self.from..=self.to).contains(&day)
    }

    /// The bounds as a tuple, the shape deadline expansion takes.
    pub fn bounds(self) -> (NaiveDate, NaiveDate) {
        (self.from, self.to)
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(
            f,
            "{}..{}",
            self.from.format("%Y-%m-%d"),
            self.to.format("%Y-%m-%d")
        )
    }
}

/// Which way a target binds: a floor (`at-least`, strictly `above`), a
/// ceiling (`at-most`, strictly `below`), or a level to keep (`about`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    AtLeast,
    Above,
    AtMost,
    Below,
    About,
}

impl Direction {
    /// Every direction with the word used in files.
    pub const ALL: &'static [(&'static str, Direction)] = &[
        ("at-least", Direction::AtLeast),
        ("above", Direction::Above),
        ("at-most", Direction::AtMost),
        ("below", Direction::Below),
        ("about", Direction::About),
    ];

    /// The word used in files.
    pub fn as_str(self) -> &'static str {
        Direction::ALL
            .iter()
            .find(|(_, d)| *d == self)
            .map_or("at-least", |(s, _)| s)
    }

    /// A floor (`at-least`, `above`): more is better.
    pub fn is_floor(self) -> bool {
        matches!(self, Direction::AtLeast | Direction::Above)
    }

    /// A ceiling (`at-most`, `below`): less is better.
    pub fn is_ceiling(self) -> bool {
        matches!(self, Direction::AtMost | Direction::Below)
    }

    /// Whether `value` asks at least as much as `parent` for the same year,
    /// `None` for a level (`about`), which is not judged. A strict bound
    /// compares as its non-strict form: for a floor, the lowest figure is
    /// not below the parent's lowest; for a ceiling, the highest figure is
    /// not above the parent's highest. A band counts by its weakest end.
    pub fn at_least_as_strong(self, value: Value, parent: Value) -> Option<bool> {
        if self.is_floor() {
            Some(value.low() >= parent.low())
        } else if self.is_ceiling() {
            Some(value.high() <= parent.high())
        } else {
            None
        }
    }
}

/// A figure with its unit as every output writes it: `%` and a unit that
/// starts with `/` join the number ("60%", "4/100.000 trẻ sinh ra còn
/// sống"); any other unit follows a space ("1.7 lần").
pub fn with_unit(value: impl fmt::Display, unit: Option<&str>) -> String {
    match unit.map(str::trim) {
        None | Some("") => value.to_string(),
        Some(unit) if unit == "%" || unit.starts_with('/') => format!("{value}{unit}"),
        Some(unit) => format!("{value} {unit}"),
    }
}

/// The starting figure of a target ("giảm từ 23 … xuống 18").
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Baseline {
    /// `None` when the document gives no year.
    pub year: Option<i32>,
    pub value: f64,
}

/// A milestone value: a single figure or a band ("30-40%"), exact.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Value {
    Single(Figure),
    Band(Figure, Figure),
}

impl Value {
    /// The lowest figure the value allows.
    pub fn low(self) -> Figure {
        match self {
            Value::Single(v) | Value::Band(v, _) => v,
        }
    }

    /// The highest figure the value allows.
    pub fn high(self) -> Figure {
        match self {
            Value::Single(v) | Value::Band(_, v) => v,
        }
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            Value::Single(v) => write!(f, "{v}"),
            Value::Band(low, high) => write!(f, "{low}–{high}"),
        }
    }
}

/// `milestones = { 2025 = 60 }`: a year and the value due by then. A
/// milestone given per group (`2025 = { "nam" = 90, "nữ" = 95 }`) is one
/// `Milestone` per group; `group` is `None` for a value that applies to
/// every group of the target.
#[derive(Clone, Debug, PartialEq)]
pub struct Milestone {
    pub year: i32,
    pub group: Option<String>,
    pub value: Value,
    pub span: Range<usize>,
}

/// A target (`[[target]]`): numeric, with milestones, or qualitative,
/// with only the year it is due `by`.
#[derive(Clone, Debug, PartialEq)]
pub struct Target {
    pub header: Range<usize>,
    pub id: Located<String>,
    /// The document's numbering ("Mục tiêu 2, chỉ tiêu 1").
    pub section: Option<String>,
    pub text: String,
    /// `Some(year)` for a qualitative target (`kind = "qualitative"`).
    pub by: Option<i32>,
    pub unit: Option<Located<String>>,
    pub direction: Direction,
    pub baseline: Option<Baseline>,
    /// The groups each milestone applies to (`["nam", "nữ"]`); empty for one figure.
    pub groups: Vec<String>,
    /// Sorted by year, then group.
    pub milestones: Vec<Milestone>,
    /// From the first milestone year on, the value holds every year.
    pub sustained: bool,
    pub refines: Option<Located<String>>,
    pub note: Option<String>,
}

impl Target {
    /// The milestone that applies to `group` in `year`: the group's own
    /// value, else the value for every group.
    pub fn milestone(&self, year: i32, group: Option<&str>) -> Option<&Milestone> {
        let of_year = || self.milestones.iter().filter(move |m| m.year == year);
        of_year()
            .find(|m| m.group.as_deref() == group)
            .or_else(|| of_year().find(|m| m.group.is_none()))
    }
}

/// One `due` entry that parsed: the rule and how it was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Due {
    /// The text as written, only when gplan would write the rule otherwise
    /// (`2023-q4`, extra spaces): most rules keep no copy of their text.
    unusual: Option<Box<str>>,
    pub rule: Rule,
    pub span: Range<usize>,
}

impl Due {
    /// A rule and the text it was read from.
    pub fn new(written: &str, rule: Rule, span: Range<usize>) -> Self {
        Due {
            unusual: (!rule.is_written_as(written)).then(|| written.into()),
            rule,
            span,
        }
    }

    /// A rule the file wrote in the usual way (a TOML date).
    pub fn usual(rule: Rule, span: Range<usize>) -> Self {
        Due {
            unusual: None,
            rule,
            span,
        }
    }

    /// The rule as the file writes it.
    pub fn written(&self) -> Cow<'_, str> {
        match &self.unusual {
            Some(text) => Cow::Borrowed(text),
            None => Cow::Owned(self.rule.to_string()),
        }
    }
}

/// A body's name as a plan writes it. One allocation per spelling per
/// file, shared by every task that names it: names are most of a task.
pub type Name = std::sync::Arc<str>;

/// A duty (`[[task]]`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Task {
    pub header: Range<usize>,
    /// The 1-based line of the header, for listings (`due`, `owners`).
    pub line: usize,
    pub id: Located<String>,
    pub section: Option<Located<String>>,
    pub title: Box<str>,
    pub lead: Box<[Located<Name>]>,
    pub support: Box<[Located<Name>]>,
    /// "Đề nghị": bodies asked, not directed.
    pub requested: Box<[Located<Name>]>,
    pub report_to: Box<[Located<Name>]>,
    pub due: Box<[Due]>,
    /// A deadline that is a condition, as written; no dated occurrence.
    pub when: Option<Box<str>>,
    pub implements: Option<Located<String>>,
    /// The function of a dissolved body the duty belongs to, normalised
    /// (see [`Org::successor_for`]), where it was written.
    pub function: Option<Located<Box<str>>>,
    pub note: Option<Box<str>>,
}

impl Task {
    /// Every body the task names: leads, supporters, the bodies it asks,
    /// then whom it reports to.
    pub fn names(&self) -> impl Iterator<Item = &Located<Name>> {
        self.lead
            .iter()
            .chain(&self.support)
            .chain(&self.requested)
            .chain(&self.report_to)
    }
}

/// Who signed a document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Signer {
    pub name: Option<String>,
    pub position: Option<String>,
    pub capacity: Option<String>,
}

/// One plan file, validated. Fields a file failed to give are `None` (and
/// were reported), so one mistake does not hide the rest of the plan.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    pub file: String,
    pub header: Range<usize>,
    /// The 1-based line of the header, for listings (`owners`).
    pub line: usize,
    pub id: Located<String>,
    pub number: Option<Located<String>>,
    pub kind: PlanKind,
    pub title: String,
    pub issuer: Option<Located<String>>,
    pub jurisdiction: Option<Located<String>>,
    pub issued: Option<Located<Issued>>,
    pub period: Option<Located<Period>>,
    pub implements: Vec<Located<String>>,
    pub cites: Vec<String>,
    pub signer: Option<Signer>,
    pub recipients: Vec<String>,
    pub funding: Option<String>,
    pub note: Option<String>,
    pub targets: Vec<Target>,
    pub tasks: Vec<Task>,
    /// Some of the file's tasks or targets were left out for an error
    /// (reported where it is): the plan is not empty, only incomplete.
    pub left_out: bool,
}

impl Plan {
    /// The period, when it was given and runs forwards: deadlines are only
    /// expanded inside such a period (a reversed one is reported by `check`).
    pub fn valid_period(&self) -> Option<Period> {
        self.period
            .as_ref()
            .map(|p| p.value)
            .filter(|p| p.from <= p.to)
    }

    /// A task by id.
    pub fn task(&self, id: &str) -> Option<&Task> {
        self.tasks.iter().find(|t| t.id.value == id)
    }

    /// A target by id.
    pub fn target(&self, id: &str) -> Option<&Target> {
        self.targets.iter().find(|t| t.id.value == id)
    }
}

/// The kinds a catalogue document may be: every plan kind, and the
/// documents that are never plans.
pub const DOCUMENT_KINDS: &[&str] = &[
    "strategy",
    "program",
    "plan",
    "decision",
    "resolution",
    "directive",
    "other",
    "law",
    "letter",
    "guidance",
    "party",
];

/// A document outside the repository (`[[document]]` of the catalogue):
/// plans may implement or cite it, by number. Only `number` is required:
/// a document cited by number alone has nothing else.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    pub number: Located<String>,
    /// The 1-based line of the `[[document]]` header.
    pub line: usize,
    pub title: Option<String>,
    pub issuer: Option<String>,
    pub issued: Option<Issued>,
    /// One of [`DOCUMENT_KINDS`].
    pub kind: Option<&'static str>,
    pub url: Option<String>,
    pub note: Option<String>,
}

/// What the rules across plans read of a plan: ids, references, dates and
/// targets. `check` keeps only this of each plan once the plan's own rules
/// have run: at national scale the tasks' text is most of gplan's memory.
/// A rule across plans that needs more of a plan must add it here, so it
/// can never read a field that was emptied.
#[derive(Clone, Debug, PartialEq)]
pub struct Outline {
    pub file: String,
    pub id: Located<String>,
    pub number: Option<Located<String>>,
    /// Where the bodies of the plan's progress reports (`by`) are looked
    /// up: a city's plans name its bodies in their city forms.
    pub jurisdiction: Option<Located<String>>,
    pub issued: Option<Located<Issued>>,
    pub period: Option<Located<Period>>,
    pub implements: Vec<Located<String>>,
    pub targets: Vec<Target>,
    pub tasks: Vec<TaskOutline>,
}

/// What the rules across plans read of a task.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TaskOutline {
    pub id: Located<String>,
    pub implements: Option<Located<String>>,
    /// What progress files are checked against (`deadline` must be an
    /// occurrence of one of these).
    pub due: Box<[Due]>,
}

impl From<Plan> for Outline {
    fn from(plan: Plan) -> Self {
        let mut tasks = Vec::with_capacity(plan.tasks.len());
        tasks.extend(plan.tasks.into_iter().map(|task| TaskOutline {
            id: task.id,
            implements: task.implements,
            due: task.due,
        }));
        Outline {
            file: plan.file,
            id: plan.id,
            number: plan.number,
            jurisdiction: plan.jurisdiction,
            issued: plan.issued,
            period: plan.period,
            implements: plan.implements,
            targets: plan.targets,
            tasks,
        }
    }
}

impl Outline {
    /// A task by id.
    pub fn task(&self, id: &str) -> Option<&TaskOutline> {
        self.tasks.iter().find(|t| t.id.value == id)
    }

    /// A target by id.
    pub fn target(&self, id: &str) -> Option<&Target> {
        self.targets.iter().find(|t| t.id.value == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_bounds_compare_as_their_non_strict_forms_and_levels_are_not_judged() {
        let (v, p) = (
            Value::Single(Figure::whole(90)),
            Value::Single(Figure::whole(90)),
        );
        assert_eq!(Direction::Above.at_least_as_strong(v, p), Some(true));
        assert_eq!(Direction::Below.at_least_as_strong(v, p), Some(true));
        let weaker = Value::Single(Figure::whole(85));
        assert_eq!(Direction::Above.at_least_as_strong(weaker, p), Some(false));
        assert_eq!(Direction::AtMost.at_least_as_strong(weaker, p), Some(true));
        assert_eq!(Direction::About.at_least_as_strong(weaker, p), None);
    }

    #[test]
    fn units_follow_a_space_unless_percent_or_a_slash() {
        assert_eq!(with_unit(1.7, Some("lần")), "1.7 lần");
        assert_eq!(with_unit(60, Some("%")), "60%");
        assert_eq!(
            with_unit(4, Some("/100.000 trẻ sinh ra còn sống")),
            "4/100.000 trẻ sinh ra còn sống"
        );
        assert_eq!(with_unit(3, None), "3");
    }
}
