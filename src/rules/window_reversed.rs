use std::ops::Range;

use crate::diagnostic::{Code, Diagnostic};

rule! {
    /// ## What it finds
    ///
    /// A deadline window `A..B` whose start A comes after its end B.
    ///
    /// ## Why it matters
    ///
    /// The window holds no day, so the task has no deadline; usually the
    /// two ends were swapped.
    ///
    /// ## Example
    ///
    /// ```toml
    /// [[task]]
    /// id = "kiem-tra"
    /// title = "Kiểm tra"
    /// due = "2023-12-31..2023-06-01"
    /// ```
    ///
    /// ## How to fix
    ///
    /// Write the earlier end first: `A..B` with A before B.
    name: "window-reversed",
    severity: Error,
    phase: File,
    summary: "a deadline window starts after it ends",
}

/// A window that starts after it ends, with the parser's message.
pub struct Finding<'a> {
    pub file: &'a str,
    pub span: Range<usize>,
    pub message: String,
}

impl From<Finding<'_>> for Diagnostic {
    fn from(f: Finding<'_>) -> Self {
        Diagnostic::new(Code::WindowReversed, f.file, f.span, f.message)
            .with_label("start after end")
            .with_help("write the earlier end first: `A..B` with A before B")
    }
}
