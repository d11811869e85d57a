use std::ops::Range;

use chrono::NaiveDate;

use crate::diagnostic::{Code, Diagnostic};

use super::did_you_mean;

rule! {
    /// ## What it finds
    ///
    /// A `[[report]]` whose `deadline` is not a deadline of its task in
    /// the plan period, or that leaves `deadline` out although the task
    /// has several.
    ///
    /// ## Why it matters
    ///
    /// A report answers one occurrence of a duty. With the wrong day the
    /// occurrence it meant stays overdue in `gplan status`; without one,
    /// gplan cannot tell which year's report it is.
    ///
    /// ## Example
    ///
    /// ```toml
    /// # the task has due = "yearly 11-15"
    /// [[report]]
    /// task = "hung-yen/kh-53-2022#bao-cao-hang-nam"
    /// deadline = 2024-11-10
    /// delivered = 2024-11-10
    /// ```
    ///
    /// ## How to fix
    ///
    /// Write the deadline of the occurrence the report answers (the help
    /// names the nearest), not the day it was delivered.
    name: "not-an-occurrence",
    severity: Error,
    phase: File,
    summary: "a report's deadline is not an occurrence of its task",
}

/// What is wrong with the deadline.
pub enum Problem {
    /// The deadline written is none of the task's.
    NotADeadline(NaiveDate),
    /// No deadline written, and the task has several.
    Missing,
    /// A deadline written for a task with none (an ongoing duty).
    Ongoing(NaiveDate),
}

/// A report that answers no occurrence.
pub struct Finding<'a> {
    pub file: &'a str,
    pub span: Range<usize>,
    pub task: &'a str,
    pub problem: Problem,
    /// The task's deadlines nearest the one meant, earliest first.
    pub nearest: Vec<NaiveDate>,
}

impl From<Finding<'_>> for Diagnostic {
    fn from(f: Finding<'_>) -> Self {
        let nearest = did_you_mean(&f.nearest);
        let diagnostic =
            |message: String| Diagnostic::new(Code::NotAnOccurrence, f.file, f.span, message);
        match f.problem {
            Problem::NotADeadline(day) => diagnostic(format!("{day} is not a deadline of `{}`", f.task))
                .with_label("no occurrence on this day")
                .with_help(nearest.unwrap_or_else(|| "the task has no deadline in the plan period".to_owned())),
            Problem::Missing => diagnostic(format!("`{}` recurs; the report does not say which occurrence it answers", f.task))
                .with_label("no `deadline`")
                .with_help(format!("add `deadline = …`, the occurrence's deadline{}", nearest.map(|n| format!("; {n}")).unwrap_or_default())),
            Problem::Ongoing(day) => diagnostic(format!("`{}` is ongoing and has no deadline, so {day} answers nothing", f.task))
                .with_label("the task has no `due`")
                .with_help("leave `deadline` out for a report on an ongoing duty"),
        }
    }
}
