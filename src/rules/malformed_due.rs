use std::ops::Range;

use crate::deadline::due_help;
use crate::diagnostic::{Code, Diagnostic};

rule! {
    /// ## What it finds
    ///
    /// A `due` value that fits none of the deadline forms gplan reads
    /// (a date, a month, a quarter, a window, a recurring rule …).
    ///
    /// ## Why it matters
    ///
    /// The task gets no deadline, so `gplan due` never lists it.
    ///
    /// ## Example
    ///
    /// ```toml
    /// [[task]]
    /// id = "bao-cao"
    /// title = "Báo cáo kết quả"
    /// due = "sometime in 2023"
    /// ```
    ///
    /// ## How to fix
    ///
    /// Rewrite it in one of the forms the finding's help lists.
    name: "malformed-due",
    severity: Error,
    phase: File,
    summary: "a `due` rule fits none of the accepted forms",
}

/// A `due` that is not a deadline, with the parser's message.
pub struct Finding<'a> {
    pub file: &'a str,
    /// The part of the text the parser stopped at.
    pub span: Range<usize>,
    /// The `due` text as written.
    pub written: &'a str,
    pub message: String,
}

impl From<Finding<'_>> for Diagnostic {
    fn from(f: Finding<'_>) -> Self {
        Diagnostic::new(Code::MalformedDue, f.file, f.span, f.message)
            .with_label("not a deadline")
            .with_help(due_help(f.written))
    }
}
