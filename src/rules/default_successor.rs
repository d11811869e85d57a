use std::ops::Range;

use crate::diagnostic::{Code, Diagnostic};

rule! {
    /// ## What it finds
    ///
    /// A registry body whose successors, `successor` and `successors`
    /// together, do not have exactly one default: an entry without
    /// `functions`.
    ///
    /// ## Why it matters
    ///
    /// A duty of a dissolved body passes to the successor that lists the
    /// task's `function`, and every other duty to the default. Without a
    /// default those duties are owed by nobody; with two, gplan could not
    /// tell which body owes them.
    ///
    /// ## Example
    ///
    /// ```toml
    /// [[org]]
    /// name = "Sở Lao động - Thương binh và Xã hội"
    /// level = "province"
    /// dissolved = 2025-03-01
    /// successors = [{ org = "Sở Nội vụ" }, { org = "Sở Y tế" }]   # two defaults
    /// ```
    ///
    /// ## How to fix
    ///
    /// Give `functions` to every successor but the one that took the rest
    /// of the body's duties.
    name: "default-successor",
    severity: Error,
    phase: File,
    summary: "a body's successors have no default, or more than one",
}

/// Successors without exactly one default.
pub struct Finding<'a> {
    pub file: &'a str,
    /// The second default, or the body's name when there is none.
    pub span: Range<usize>,
    pub org: &'a str,
    /// Where the first default was written, when there are two.
    pub first: Option<Range<usize>>,
}

impl From<Finding<'_>> for Diagnostic {
    fn from(f: Finding<'_>) -> Self {
        match f.first {
            Some(first) => Diagnostic::new(
                Code::DefaultSuccessor,
                f.file,
                f.span,
                format!("`{}` has two default successors", f.org),
            )
            .with_label("a second successor without `functions`")
            .with_help("give `functions` to every successor but the one that took the rest")
            .with_related(f.file, first, "the first default"),
            None => Diagnostic::new(
                Code::DefaultSuccessor,
                f.file,
                f.span,
                format!("`{}` has no default successor", f.org),
            )
            .with_label("every successor lists `functions`")
            .with_help(
                "leave `functions` out of the successor that took the rest of its duties, or add it as `successor = \"…\"`",
            ),
        }
    }
}
