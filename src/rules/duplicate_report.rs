use std::ops::Range;

use chrono::NaiveDate;

use crate::diagnostic::{Code, Diagnostic};

rule! {
    /// ## What it finds
    ///
    /// Two `[[report]]` entries for the same occurrence of one task.
    ///
    /// ## Why it matters
    ///
    /// An occurrence is delivered once. Two reports are most often one
    /// copied for next year with the old `deadline`, which leaves next
    /// year's occurrence overdue.
    ///
    /// ## Example
    ///
    /// ```toml
    /// [[report]]
    /// task = "hung-yen/kh-53-2022#bao-cao-hang-nam"
    /// deadline = 2024-11-15
    /// delivered = 2024-11-10
    ///
    /// [[report]]
    /// task = "hung-yen/kh-53-2022#bao-cao-hang-nam"
    /// deadline = 2024-11-15
    /// delivered = 2025-11-12
    /// ```
    ///
    /// ## How to fix
    ///
    /// Give the later report the deadline it answers, or delete the copy.
    name: "duplicate-report",
    severity: Error,
    phase: File,
    summary: "two reports for one occurrence of a task",
}

/// A second report of one occurrence.
pub struct Finding<'a> {
    pub file: &'a str,
    pub span: Range<usize>,
    pub task: &'a str,
    pub deadline: NaiveDate,
    /// Where the first report is.
    pub first_file: &'a str,
    pub first_span: Range<usize>,
}

impl From<Finding<'_>> for Diagnostic {
    fn from(f: Finding<'_>) -> Self {
        Diagnostic::new(
            Code::DuplicateReport,
            f.file,
            f.span,
            format!("`{}` already has a report for {}", f.task, f.deadline),
        )
        .with_label("second report")
        .with_help("give this report the deadline it answers, or delete the copy")
        .with_related(f.first_file, f.first_span, "first report here")
    }
}
