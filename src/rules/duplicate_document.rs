use std::ops::Range;

use crate::diagnostic::{Code, Diagnostic};

rule! {
    /// ## What it finds
    ///
    /// Two `[[document]]` entries of the catalogue (`plans/documents.toml`)
    /// with one number (compared without spaces).
    ///
    /// ## Why it matters
    ///
    /// A number must name one document: a plan that implements it would
    /// otherwise show whichever title came first.
    ///
    /// ## Example
    ///
    /// ```toml
    /// [[document]]
    /// number = "2232/QĐ-TTg"
    ///
    /// [[document]]
    /// number = "2232/QĐ-TTg"
    /// title = "Phê duyệt Chương trình …"
    /// ```
    ///
    /// ## How to fix
    ///
    /// Keep one entry with everything known about the document.
    name: "duplicate-document",
    severity: Error,
    phase: File,
    summary: "two catalogue documents share a number",
}

/// A catalogue number written twice.
pub struct Finding<'a> {
    pub file: &'a str,
    pub span: Range<usize>,
    pub number: &'a str,
    /// The first entry's number.
    pub first: Range<usize>,
}

impl From<Finding<'_>> for Diagnostic {
    fn from(f: Finding<'_>) -> Self {
        Diagnostic::new(
            Code::DuplicateDocument,
            f.file,
            f.span,
            format!("document `{}` is already in the catalogue", f.number),
        )
        .with_label("listed again here")
        .with_help("keep one `[[document]]` entry per number")
        .with_related(f.file, f.first, "first listed here")
    }
}
