use std::ops::Range;

use crate::diagnostic::{Code, Diagnostic};

rule! {
    /// ## What it finds
    ///
    /// A date that does not exist in the calendar: 30 February, month 13.
    /// In a string (`due = "2023-02-30"`, `issued = "2023-13"`) only that
    /// value is lost; as a TOML date literal (`issued = 2023-02-29`) the
    /// TOML reader rejects the whole file.
    ///
    /// ## Why it matters
    ///
    /// A deadline or issue date that does not exist cannot be placed on
    /// the calendar; it is usually a typing slip worth checking against
    /// the signed document.
    ///
    /// ## Example
    ///
    /// ```toml
    /// [[task]]
    /// id = "bao-cao"
    /// title = "Báo cáo"
    /// due = "2023-02-30"
    /// ```
    ///
    /// ## How to fix
    ///
    /// Check the day and month against the document and correct them.
    name: "invalid-date",
    severity: Error,
    phase: File,
    summary: "a date that does not exist in the calendar",
}

/// Where the impossible date was written.
pub enum Written {
    /// A TOML date literal the TOML reader rejected; its message.
    Literal(String),
    /// A TOML date the reader took but the calendar does not have.
    TomlDate(String),
    /// An `issued` string; the parser's message.
    Issued(String),
    /// A `due` string; the parser's message.
    Due(String),
}

/// A day that is not in the calendar.
pub struct Finding<'a> {
    pub file: &'a str,
    pub span: Range<usize>,
    pub written: Written,
}

impl From<Finding<'_>> for Diagnostic {
    fn from(f: Finding<'_>) -> Self {
        let at = |message: String| Diagnostic::new(Code::InvalidDate, f.file, f.span.clone(), message);
        match f.written {
            Written::Literal(message) => at(format!("{message}: this day is not in the calendar"))
                .with_label("no such date")
                .with_help("check the day and month against the document"),
            Written::TomlDate(date) => at(format!("`{date}` is not a day in the calendar"))
                .with_help("check the day and month against the document"),
            Written::Issued(message) => {
                at(message).with_help("check the day and month against the document")
            }
            Written::Due(message) => at(message)
                .with_label("no such date")
                .with_help("check the date against the document"),
        }
    }
}
