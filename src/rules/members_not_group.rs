use std::ops::Range;

use crate::diagnostic::{Code, Diagnostic};

rule! {
    /// ## What it finds
    ///
    /// `members` on a registry body whose `level` is not `group`.
    ///
    /// ## Why it matters
    ///
    /// Only a group's duties reach its members. On any other body the list
    /// is read by nothing, so the bodies named there see none of its
    /// duties in `gplan owners`, though whoever wrote it expected them to.
    ///
    /// ## Example
    ///
    /// ```toml
    /// [[org]]
    /// name = "Các sở, ban, ngành, đoàn thể tỉnh"
    /// level = "province"                       # should be "group"
    /// members = ["Sở Nội vụ", "Sở Y tế"]
    /// ```
    ///
    /// ## How to fix
    ///
    /// Write `level = "group"` when the body is a collective of the bodies
    /// listed; otherwise remove `members`.
    name: "members-not-group",
    severity: Warning,
    phase: File,
    summary: "`members` on a body that is not a group, where nothing reads it",
}

/// `members` written on a body of another level.
pub struct Finding<'a> {
    pub file: &'a str,
    /// The members as written, from the first to the last.
    pub span: Range<usize>,
    pub org: &'a str,
    /// The body's level as the registry writes it.
    pub level: &'a str,
}

impl From<Finding<'_>> for Diagnostic {
    fn from(f: Finding<'_>) -> Self {
        Diagnostic::new(
            Code::MembersNotGroup,
            f.file,
            f.span,
            format!(
                "`{}` lists `members` but its level is `{}`, not `group`",
                f.org, f.level
            ),
        )
        .with_label("nothing reads these members")
        .with_help("write `level = \"group\"` if the body is a collective of these bodies; otherwise remove `members`")
    }
}
