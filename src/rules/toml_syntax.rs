use std::ops::Range;

use crate::diagnostic::{Code, Diagnostic};
use crate::rules::mistyped_field;

rule! {
    /// ## What it finds
    ///
    /// A file that is not valid TOML: an unclosed string or table, a
    /// missing `=`, a key or table written twice (a second `[task]`, or a
    /// `[[task]]` after a `[task]`, where each task is a `[[task]]`), a
    /// stray character, a second byte order mark that the TOML reader
    /// would silently skip, the
    /// markers of an unresolved Git merge conflict (`<<<<<<<`, `=======`,
    /// `>>>>>>>` at the start of a line), or a Git LFS pointer in place of
    /// the file.
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
    /// the table); <https://toml.io> describes the format. Each task,
    /// target, org, jurisdiction, report, actual and document is a table of
    /// a list, written with double brackets: `[[task]]`. Resolve a merge
    /// conflict by keeping the right lines and deleting the markers; fetch
    /// a file stored with Git LFS with `git lfs pull`.
    name: "toml-syntax",
    severity: Error,
    phase: File,
    summary: "the file is not valid TOML",
}

/// What the TOML reader could not read.
pub enum Syntax {
    /// U+FEFF again after the one the decoder dropped.
    SecondByteOrderMark,
    /// A merge-conflict marker line where the parser stopped, as written.
    MergeConflict(String),
    /// The file is a Git LFS pointer, not its content.
    LfsPointer,
    /// A `[task]` after another task (a table of a list written with
    /// single brackets): the list's name.
    TableAfterTable(&'static str),
    /// A `[[task]]` after a `[task]`: the list's name.
    ListAfterTable(&'static str),
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
            Syntax::MergeConflict(marker) => Diagnostic::new(
                Code::TomlSyntax,
                f.file,
                f.span,
                format!("unresolved merge conflict: `{marker}`"),
            )
            .with_label("conflict marker")
            .with_help("keep the lines that are right, delete the `<<<<<<<`, `=======` and `>>>>>>>` lines, and check again"),
            Syntax::LfsPointer => Diagnostic::new(
                Code::TomlSyntax,
                f.file,
                f.span,
                "this is a Git LFS pointer, not the file's content",
            )
            .with_label("LFS pointer")
            .with_help("fetch the content with `git lfs pull` (Git LFS must be installed), or store plan files without LFS"),
            Syntax::TableAfterTable(name) => single_brackets(
                f,
                name,
                format!("`[{name}]` after another {name}: a table in single brackets can be written only once"),
                format!("`[{name}]` after another {name}"),
            ),
            Syntax::ListAfterTable(name) => single_brackets(
                f,
                name,
                format!("`[[{name}]]` after a `[{name}]`: a table in single brackets cannot become a list"),
                format!("`[[{name}]]` after a `[{name}]`"),
            ),
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

/// A table of a list written with single brackets (`[task]`) where the
/// parser found a second table of that name.
fn single_brackets(f: Finding, name: &str, message: String, label: String) -> Diagnostic {
    Diagnostic::new(
        Code::TomlSyntax,
        f.file,
        f.span,
        format!("TOML syntax: {message}"),
    )
    .with_label(label)
    .with_help(mistyped_field::double_brackets_help(name))
}
