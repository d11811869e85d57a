//! The `due` grammar: parsing with positions, validation, and expansion of a
//! rule into dated occurrences inside a plan period.
//!
//! ```text
//! rule   := point | point ".." point | "yearly " md | "yearly " md ".." md
//! point  := YYYY | YYYY-Qn | YYYY-MM | YYYY-MM-DD
//! md     := MM-DD
//! ```

use std::fmt;
use std::ops::Range;

use chrono::{Datelike, NaiveDate};
use smallvec::SmallVec;

mod as_written;
mod day_first;

pub use as_written::{issued_as_written, period_as_written};

/// The forms a `due` string may take, for help texts.
pub const ACCEPTED_FORMS: &str =
    "accepted forms: \"2023-12-05\", \"2023\", \"2023-Q2\", \"2023-06\", \
\"A..B\" (a window between two of those), \"yearly 12-05\", \"yearly 11-15..12-15\", \
\"end\" (the last day of the plan period)";

/// The help for a `due` that is no deadline: a day-first date as the
/// document prints it ("15/11-15/12/2020"), or a deadline in its words
/// ("trong quý III/2023"), gets gplan's form of it; a
/// text with no digit in it is a condition ("khi có hướng dẫn mới của
/// Trung ương"), which belongs in `when`; anything else gets the accepted
/// forms.
pub fn due_help(written: &str) -> String {
    if let Some(meant) = day_first::day_first(written) {
        let every_year = if meant.starts_with("yearly") {
            " (every year; for one year, write each date year first, as `2023-12-05`)"
        } else {
            ""
        };
        return format!("gplan writes dates year first: did you mean `\"{meant}\"`{every_year}? {ACCEPTED_FORMS}");
    }
    if let Some(meant) = as_written::as_written(written) {
        return format!("did you mean `\"{meant}\"`? {ACCEPTED_FORMS}");
    }
    if as_written::every_year_without_day(written) {
        return format!("every year with no day is the whole year, `\"yearly 01-01..12-31\"` (say so in `note`); {ACCEPTED_FORMS}");
    }
    if let Some(array) = as_written::listed(written) {
        return format!(
            "several deadlines are an array: did you mean `due = {array}`? {ACCEPTED_FORMS}"
        );
    }
    if written.chars().any(|c| c.is_ascii_digit()) {
        ACCEPTED_FORMS.to_owned()
    } else {
        format!(
            "a condition with no date goes in `when = \"{}\"` instead of `due`; {ACCEPTED_FORMS}",
            written.replace('\\', "\\\\").replace('"', "\\\"")
        )
    }
}

/// A calendar span named by one written point: a day, a month, a quarter or a year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Point {
    Day(NaiveDate),
    Month { year: i32, month: u32 },
    Quarter { year: i32, quarter: u32 },
    Year(i32),
}

impl Point {
    /// First day the point covers.
    pub fn first_day(self) -> NaiveDate {
        match self {
            Point::Day(d) => d,
            Point::Month { year, month } => ymd(year, month, 1),
            Point::Quarter { year, quarter } => ymd(year, quarter * 3 - 2, 1),
            Point::Year(year) => ymd(year, 1, 1),
        }
    }

    /// Last day the point covers.
    pub fn last_day(self) -> NaiveDate {
        match self {
            Point::Day(d) => d,
            Point::Month { year, month } => last_of_month(year, month),
            Point::Quarter { year, quarter } => last_of_month(year, quarter * 3),
            Point::Year(year) => ymd(year, 12, 31),
        }
    }
}

impl fmt::Display for Point {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            // `NaiveDate`'s own `Display` is ISO 8601, and quicker than
            // `format("%Y-%m-%d")`, which reads its pattern every time.
            Point::Day(d) => write!(f, "{d}"),
            Point::Month { year, month } => write!(f, "{year:04}-{month:02}"),
            Point::Quarter { year, quarter } => write!(f, "{year:04}-Q{quarter}"),
            Point::Year(year) => write!(f, "{year:04}"),
        }
    }
}

/// A day of the year that recurs: `MM-DD`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MonthDay {
    pub month: u32,
    pub day: u32,
}

impl MonthDay {
    /// The date in `year`, or `None` for 29 February outside leap years.
    pub fn in_year(self, year: i32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(year, self.month, self.day)
    }
}

impl fmt::Display for MonthDay {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{:02}-{:02}", self.month, self.day)
    }
}

/// One parsed `due` rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    /// Due within (or on) one point.
    Point(Point),
    /// A window from the start of the first point to the end of the second.
    Window(Point, Point),
    /// Every year of the plan period on that day.
    Yearly(MonthDay),
    /// Every year of the plan period, a window; it wraps the year end when
    /// the start comes after the end in the calendar.
    YearlyWindow(MonthDay, MonthDay),
    /// `"end"`: the last day of the plan period (the undated activities of
    /// a dated plan).
    End,
}

impl Rule {
    /// Whether `text` is exactly how [`Display`](fmt::Display) writes the
    /// rule (a rule written otherwise keeps its text, see `model::Due`).
    pub fn is_written_as(self, text: &str) -> bool {
        let mut rest = Rest(text);
        fmt::write(&mut rest, format_args!("{self}")).is_ok() && rest.0.is_empty()
    }
}

/// What remains of a text as it is compared with what is written to it:
/// a write that does not match fails, so nothing is allocated (every rule
/// of every task is compared as it is loaded).
struct Rest<'t>(&'t str);

impl fmt::Write for Rest<'_> {
    fn write_str(&mut self, written: &str) -> fmt::Result {
        self.0 = self.0.strip_prefix(written).ok_or(fmt::Error)?;
        Ok(())
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            Rule::Point(p) => write!(f, "{p}"),
            Rule::Window(a, b) => write!(f, "{a}..{b}"),
            Rule::Yearly(md) => write!(f, "yearly {md}"),
            Rule::YearlyWindow(a, b) => write!(f, "yearly {a}..{b}"),
            Rule::End => f.write_str("end"),
        }
    }
}

/// One dated duty: an optional window start and the deadline itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Occurrence {
    pub deadline: NaiveDate,
    pub start: Option<NaiveDate>,
}

/// The occurrences of one rule, in deadline order, one at a time (see
/// [`Rule::occurrences_between`]). Its state is a few dates whatever the
/// length of the period.
#[derive(Clone, Debug)]
pub struct Occurrences(Walk);

#[derive(Clone, Debug)]
enum Walk {
    /// A one-off rule: its occurrence until it is read.
    Once(Option<Occurrence>),
    /// A recurring rule: the next year to look at, up to the year of
    /// `last`; deadlines before `first` or after `last` are passed over.
    Yearly {
        rule: Rule,
        period_start: NaiveDate,
        first: NaiveDate,
        last: NaiveDate,
        year: i32,
    },
}

impl Iterator for Occurrences {
    type Item = Occurrence;

    fn next(&mut self) -> Option<Occurrence> {
        match &mut self.0 {
            Walk::Once(once) => once.take(),
            Walk::Yearly {
                rule,
                period_start,
                first,
                last,
                year,
            } => {
                while *year <= last.year() {
                    let found = rule.in_year(*year, *period_start);
                    *year += 1;
                    if let Some(o) = found.filter(|o| (*first..=*last).contains(&o.deadline)) {
                        return Some(o);
                    }
                }
                None
            }
        }
    }
}

/// The occurrences of several rules of one task, merged in deadline order,
/// one per deadline: two rules ending on one day ("2023-Q4" and "2023-12")
/// are one deadline, and the occurrence kept is the one without a window
/// start, else the one with the earliest. It holds the next occurrence of
/// each rule, nothing more.
#[derive(Clone, Debug)]
pub struct Merged {
    /// Most tasks have one or two `due` rules: their heads stay inline.
    heads: SmallVec<[(Occurrence, Occurrences); 2]>,
}

impl Merged {
    pub fn new(rules: impl IntoIterator<Item = Occurrences>) -> Merged {
        let heads = rules
            .into_iter()
            .filter_map(|mut rest| rest.next().map(|first| (first, rest)))
            .collect();
        Merged { heads }
    }
}

impl Iterator for Merged {
    type Item = Occurrence;

    fn next(&mut self) -> Option<Occurrence> {
        let first = self.heads.iter().map(|(o, _)| *o).min()?;
        let mut at = 0;
        while at < self.heads.len() {
            let (head, rest) = &mut self.heads[at];
            if head.deadline != first.deadline {
                at += 1;
                continue;
            }
            match rest.next() {
                Some(next) => {
                    *head = next;
                    at += 1;
                }
                None => {
                    self.heads.swap_remove(at);
                }
            }
        }
        Some(first)
    }
}

/// Why a rule was rejected; `range` is a byte range inside the rule text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleError {
    pub kind: RuleErrorKind,
    pub range: Range<usize>,
    pub message: String,
}

/// The three families of rejection, each reported under its own code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RuleErrorKind {
    /// The text fits no form of the grammar.
    Malformed,
    /// The form is right but the date does not exist (month 13, 30 February).
    InvalidDate,
    /// A window whose start comes after its end.
    ReversedWindow,
}

impl RuleError {
    fn new(kind: RuleErrorKind, range: Range<usize>, message: impl Into<String>) -> Self {
        RuleError {
            kind,
            range,
            message: message.into(),
        }
    }
}

/// Parses one `due` string.
pub fn parse(text: &str) -> Result<Rule, RuleError> {
    if text == "end" {
        return Ok(Rule::End);
    }
    if let Some(rest) = text.strip_prefix("yearly ") {
        return parse_yearly(rest, "yearly ".len());
    }
    if text.starts_with("yearly") || text.starts_with("hằng năm") || text.starts_with("hàng năm")
    {
        return Err(RuleError::new(
            RuleErrorKind::Malformed,
            0..text.len(),
            format!(
                "`{text}` is not a recurring rule: write `yearly MM-DD` or `yearly MM-DD..MM-DD`"
            ),
        ));
    }
    match text.split_once("..") {
        Some((a, b)) => {
            let first = parse_point(a, 0)?;
            let second = parse_point(b, a.len() + 2)?;
            if first.first_day() > second.last_day() {
                return Err(RuleError::new(
                    RuleErrorKind::ReversedWindow,
                    0..text.len(),
                    format!("window `{text}` starts after it ends"),
                ));
            }
            Ok(Rule::Window(first, second))
        }
        None => parse_point(text, 0).map(Rule::Point),
    }
}

fn parse_yearly(rest: &str, offset: usize) -> Result<Rule, RuleError> {
    match rest.split_once("..") {
        Some((a, b)) => {
            let start = parse_month_day(a, offset)?;
            let end = parse_month_day(b, offset + a.len() + 2)?;
            if start == end {
                return Err(RuleError::new(
                    RuleErrorKind::ReversedWindow,
                    offset..offset + rest.len(),
                    format!("yearly window `{rest}` starts and ends on the same day: write `yearly {start}`"),
                ));
            }
            Ok(Rule::YearlyWindow(start, end))
        }
        None => parse_month_day(rest, offset).map(Rule::Yearly),
    }
}

fn parse_month_day(text: &str, offset: usize) -> Result<MonthDay, RuleError> {
    let range = offset..offset + text.len();
    let malformed = || {
        RuleError::new(
            RuleErrorKind::Malformed,
            range.clone(),
            format!("`{text}` is not a day of the year: write MM-DD, e.g. `12-05`"),
        )
    };
    let (m, d) = text.split_once('-').ok_or_else(malformed)?;
    let month = digits(m, 2).ok_or_else(malformed)?;
    let day = digits(d, 2).ok_or_else(malformed)?;
    let md = MonthDay { month, day };
    if md.in_year(2024).is_none() {
        return Err(RuleError::new(
            RuleErrorKind::InvalidDate,
            range,
            format!("`{text}` is not a day of any year"),
        ));
    }
    Ok(md)
}

fn parse_point(text: &str, offset: usize) -> Result<Point, RuleError> {
    let range = offset..offset + text.len();
    let malformed = || {
        RuleError::new(
            RuleErrorKind::Malformed,
            range.clone(),
            format!("`{text}` is not a date, month, quarter or year"),
        )
    };
    let invalid = |what: &str| {
        RuleError::new(
            RuleErrorKind::InvalidDate,
            range.clone(),
            format!("`{text}`: {what}"),
        )
    };
    let mut parts = text.split('-');
    let year = parts
        .next()
        .and_then(|y| digits(y, 4))
        .ok_or_else(malformed)? as i32;
    let second = parts.next();
    let third = parts.next();
    if parts.next().is_some() {
        return Err(malformed());
    }
    match (second, third) {
        (None, None) => Ok(Point::Year(year)),
        (Some(q), None) if q.starts_with('Q') || q.starts_with('q') => {
            let quarter = digits(&q[1..], 1).ok_or_else(malformed)?;
            if !(1..=4).contains(&quarter) {
                return Err(invalid("a quarter is Q1 to Q4"));
            }
            Ok(Point::Quarter { year, quarter })
        }
        (Some(m), None) => {
            let month = digits(m, 2).ok_or_else(malformed)?;
            if !(1..=12).contains(&month) {
                return Err(invalid("a month is 01 to 12"));
            }
            Ok(Point::Month { year, month })
        }
        (Some(m), Some(d)) => {
            let month = digits(m, 2).ok_or_else(malformed)?;
            let day = digits(d, 2).ok_or_else(malformed)?;
            NaiveDate::from_ymd_opt(year, month, day)
                .map(Point::Day)
                .ok_or_else(|| invalid("no such day in the calendar"))
        }
        (None, Some(_)) => Err(malformed()),
    }
}

/// Exactly `width` ASCII digits.
fn digits(text: &str, width: usize) -> Option<u32> {
    (text.len() == width && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or(NaiveDate::MIN)
}

fn last_of_month(year: i32, month: u32) -> NaiveDate {
    let (next_year, next_month) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    ymd(next_year, next_month, 1)
        .pred_opt()
        .unwrap_or(NaiveDate::MIN)
}

impl Rule {
    /// The dated occurrences of the rule. Recurring rules give one per year
    /// whose deadline falls inside `period` (window starts clamped to it);
    /// one-off rules give their single occurrence wherever it falls, so a
    /// deadline outside the period is still seen (and warned about).
    pub fn occurrences(self, period: (NaiveDate, NaiveDate)) -> Vec<Occurrence> {
        self.occurrences_between(period, (NaiveDate::MIN, NaiveDate::MAX))
            .collect()
    }

    /// The occurrences of [`Rule::occurrences`] whose deadline lies in
    /// `deadlines` (both ends included), in deadline order, made one at a
    /// time: a yearly rule over a period of thousands of years costs
    /// nothing until its occurrences are read, and reading starts at the
    /// first year `deadlines` allows.
    pub fn occurrences_between(
        self,
        period: (NaiveDate, NaiveDate),
        deadlines: (NaiveDate, NaiveDate),
    ) -> Occurrences {
        let inside = |o: &Occurrence| (deadlines.0..=deadlines.1).contains(&o.deadline);
        let once = |o: Occurrence| Occurrences(Walk::Once(Some(o).filter(inside)));
        match self {
            Rule::End => once(Occurrence {
                start: None,
                deadline: period.1,
            }),
            Rule::Point(Point::Day(d)) => once(Occurrence {
                start: None,
                deadline: d,
            }),
            Rule::Point(p) => once(Occurrence {
                start: Some(p.first_day()),
                deadline: p.last_day(),
            }),
            Rule::Window(a, b) => once(Occurrence {
                start: Some(a.first_day()),
                deadline: b.last_day(),
            }),
            Rule::Yearly(_) | Rule::YearlyWindow(..) => {
                let first = period.0.max(deadlines.0);
                Occurrences(Walk::Yearly {
                    rule: self,
                    period_start: period.0,
                    first,
                    last: period.1.min(deadlines.1),
                    year: first.year(),
                })
            }
        }
    }

    /// The occurrence of a recurring rule whose deadline falls in `year`,
    /// its window start clamped to `period_start`; `None` for one-off
    /// rules and for 29 February outside leap years.
    fn in_year(self, year: i32, period_start: NaiveDate) -> Option<Occurrence> {
        match self {
            Rule::Yearly(md) => md.in_year(year).map(|deadline| Occurrence {
                start: None,
                deadline,
            }),
            Rule::YearlyWindow(start, end) => {
                let deadline = end.in_year(year)?;
                let start_year = if (start.month, start.day) > (end.month, end.day) {
                    year - 1
                } else {
                    year
                };
                let start_day = start
                    .in_year(start_year)
                    .unwrap_or_else(|| ymd(start_year, start.month, start.day - 1));
                Some(Occurrence {
                    start: Some(start_day.max(period_start)),
                    deadline,
                })
            }
            Rule::Point(_) | Rule::Window(..) | Rule::End => None,
        }
    }

    /// Whether the rule repeats every year of the period.
    pub fn is_recurring(self) -> bool {
        matches!(self, Rule::Yearly(_) | Rule::YearlyWindow(..))
    }
}

#[cfg(test)]
mod tests;
