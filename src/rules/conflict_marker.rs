use std::ops::Range;

use crate::diagnostic::{Code, Diagnostic};

rule! {
    /// ## What it finds
    ///
    /// A line inside a multi-line string that looks like a Git merge
    /// conflict marker (`<<<<<<<`, `|||||||`, `=======`, `>>>>>>>` at the
    /// start of the line). Outside a string such a line is a syntax error
    /// (`toml-syntax`, "unresolved merge conflict"); inside one the file
    /// reads, and the conflict would pass unnoticed.
    ///
    /// ## Why it matters
    ///
    /// The string holds both sides of a merge: the note or text shown is
    /// not what either author wrote.
    ///
    /// ## Example
    ///
    /// ```toml
    /// [plan]
    /// id = "tinh/kh-01-2023"
    /// title = "Kế hoạch …"
    /// issuer = "Ủy ban nhân dân tỉnh"
    /// period = 2023
    /// note = """
    /// <<<<<<< HEAD
    /// Ghi chú cũ
    /// =======
    /// Ghi chú mới
    /// >>>>>>> nhanh-khac
    /// """
    /// ```
    ///
    /// ## How to fix
    ///
    /// Keep the text that is right and delete the marker lines.
    name: "conflict-marker",
    severity: Warning,
    phase: File,
    summary: "a multi-line string holds a Git merge-conflict marker",
}

/// A conflict marker line inside a string.
pub struct Finding<'a> {
    pub file: &'a str,
    /// The marker characters at the start of the line.
    pub span: Range<usize>,
    pub marker: &'a str,
}

impl From<Finding<'_>> for Diagnostic {
    fn from(f: Finding<'_>) -> Self {
        Diagnostic::new(
            Code::ConflictMarker,
            f.file,
            f.span,
            format!("merge-conflict marker `{}` inside a string", f.marker),
        )
        .with_label("conflict marker")
        .with_help("resolve the merge: keep the right text and delete the marker lines")
    }
}
