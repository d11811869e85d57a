use std::ops::Range;

use chrono::{Datelike, NaiveDate};

use crate::diagnostic::{Code, Diagnostic};
use crate::model::Period;

use super::PlanContext;

rule! {
    /// ## What it finds
    ///
    /// A task deadline, or a target milestone year, outside the plan's
    /// `period`; also a recurring `due` that never falls inside it, and
    /// an `[[actual]]` of a progress file for a year outside the period of
    /// its target's plan.
    ///
    /// ## Why it matters
    ///
    /// A plan's duties fall within its period; a deadline outside it is
    /// usually a wrong year, or a milestone copied from the parent plan.
    ///
    /// ## Example
    ///
    /// ```toml
    /// [plan]
    /// id = "tinh/kh-01-2023"
    /// title = "Kế hoạch …"
    /// issuer = "Ủy ban nhân dân tỉnh"
    /// period = 2023
    ///
    /// [[task]]
    /// id = "bao-cao"
    /// title = "Báo cáo"
    /// due = 2032-12-15
    /// ```
    ///
    /// ## How to fix
    ///
    /// Check the year against the document, or the plan's `period`; move
    /// a milestone beyond the period to the parent plan.
    name: "outside-period",
    severity: Warning,
    phase: Plan,
    summary: "a deadline or milestone falls outside the plan period",
}

/// What falls outside the period.
pub enum Outside<'a> {
    /// A deadline of a `due` (as written) outside the period.
    Deadline { deadline: NaiveDate, due: &'a str },
    /// A `due` with no occurrence inside the period.
    Never { due: &'a str },
    Milestone { year: i32 },
    /// A measured value (`[[actual]]`) for a year outside the period.
    Actual { year: i32 },
}

/// A deadline or milestone outside the plan period.
pub struct Finding<'a> {
    pub file: &'a str,
    pub span: Range<usize>,
    pub period: Period,
    pub outside: Outside<'a>,
}

impl From<Finding<'_>> for Diagnostic {
    fn from(f: Finding<'_>) -> Self {
        let period = f.period;
        let (message, help) = match f.outside {
            Outside::Deadline { deadline, due } => (
                format!("deadline {deadline} of `{due}` is outside the plan period {period}"),
                "check the year against the document, or the plan's `period`",
            ),
            Outside::Never { due } => (
                format!("`{due}` never falls inside the plan period {period}"),
                "check the year against the document, or the plan's `period`",
            ),
            Outside::Milestone { year } => (
                format!("milestone year {year} is outside the plan period {period}"),
                "a milestone beyond the period is usually the parent's: move it to the parent plan or widen `period`",
            ),
            Outside::Actual { year } => (
                format!("actual for {year} is outside the plan period {period}"),
                "check the year against the report; a figure for another period belongs to that period's plan",
            ),
        };
        Diagnostic::new(Code::OutsidePeriod, f.file, f.span, message)
            .with_label("outside the period")
            .with_help(help)
    }
}

fn check(cx: &PlanContext, out: &mut Vec<Diagnostic>) {
    let plan = cx.plan;
    let Some(period) = plan.valid_period() else {
        return;
    };
    for task in &plan.tasks {
        for due in &task.due {
            // A one-off rule has one occurrence, wherever it falls; a
            // recurring one only has occurrences inside the period, so its
            // first says whether it has any, and the rest are not made.
            let first = due
                .rule
                .occurrences_between(period.bounds(), (NaiveDate::MIN, NaiveDate::MAX))
                .next();
            if first.is_some_and(|o| period.contains(o.deadline)) {
                continue;
            }
            let written = due.written();
            let outside = match first {
                Some(o) => Outside::Deadline {
                    deadline: o.deadline,
                    due: &written,
                },
                None => Outside::Never { due: &written },
            };
            out.push(
                Finding {
                    file: &plan.file,
                    span: due.span.clone(),
                    period,
                    outside,
                }
                .into(),
            );
        }
    }
    for target in &plan.targets {
        for milestone in &target.milestones {
            if !(period.from.year()..=period.to.year()).contains(&milestone.year) {
                out.push(
                    Finding {
                        file: &plan.file,
                        span: milestone.span.clone(),
                        period,
                        outside: Outside::Milestone {
                            year: milestone.year,
                        },
                    }
                    .into(),
                );
            }
        }
    }
}
