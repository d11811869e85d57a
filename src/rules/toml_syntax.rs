use std::ops::Range;

use crate::diagnostic::{Code, Diagnostic};

rule! {
    /// ## What it finds
    ///
    /// A file that is not valid TOML: an unclosed string or table, a
    /// missing `=`, a key written twice, a stray character, or a second
    /// byte order mark that the TOML reader would silently skip.
    ///
    /// ## Why it matters
    ///
    /// Nothing in the file can be read, so its plan, tasks and deadlines
    /// are missing from every query until the syntax is fixed.
    ///
    /// ## Example
    ///
    /// ```toml
    /// [plan]
    /// id = "tinh/kh-01-2023
    /// ```
    ///
    /// ## How to fix
    ///
    /// Fix the syntax at the marked place (close the string, the array or
    /// the table); <https://toml.io> describes the format.
    name: "toml-syntax",
    severity: Error,
    phase: File,
    summary: "the file is not valid TOML",
}

/// What the TOML reader could not read.
pub enum Syntax {
    /// U+FEFF again after the one the decoder dropped.
    SecondByteOrderMark,
    /// The parser's own error: its first line, the lines after it (shown
    /// under the span), and whether it points past the end of the file.
    Parser {
        message: String,
        detail: String,
        at_end: bool,
    },
}

/// A file that is not valid TOML.
pub struct Finding<'a> {
    pub file: &'a str,
    pub span: Range<usize>,
    pub syntax: Syntax,
}

impl From<Finding<'_>> for Diagnostic {
    fn from(f: Finding<'_>) -> Self {
        match f.syntax {
            Syntax::SecondByteOrderMark => Diagnostic::new(
                Code::TomlSyntax,
                f.file,
                f.span,
                "TOML syntax: a second byte order mark (U+FEFF)",
            )
            .with_label("only the first character of a file may be a byte order mark")
            .with_help("delete the invisible character at the start of the file"),
            Syntax::Parser {
                message,
                detail,
                at_end,
            } => Diagnostic::new(
                Code::TomlSyntax,
                f.file,
                f.span,
                format!("TOML syntax: {message}"),
            )
            .with_label(if detail.is_empty() {
                "here".to_owned()
            } else {
                detail
            })
            .with_help(if at_end {
                "the file ends too early: close every string, array and table"
            } else {
                "fix the TOML syntax at the marked place (https://toml.io)"
            }),
        }
    }
}
