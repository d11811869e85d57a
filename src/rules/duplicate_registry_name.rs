use std::ops::Range;

use crate::diagnostic::{Code, Diagnostic};

rule! {
    /// ## What it finds
    ///
    /// Two registry entries that share an id, a name or an alias (after
    /// normalising case, spaces and Unicode form).
    ///
    /// ## Why it matters
    ///
    /// A name must mean one body: otherwise `gplan owners` could give one
    /// body's duties to another.
    ///
    /// ## Example
    ///
    /// ```toml
    /// [[org]]
    /// name = "Sở Nội vụ"
    ///
    /// [[org]]
    /// name = "Sở Nội Vụ"
    /// ```
    ///
    /// ## How to fix
    ///
    /// Keep one entry and put the other spellings in its `aliases`.
    name: "duplicate-registry-name",
    severity: Error,
    phase: File,
    summary: "two registry entries share an id, a name or an alias",
}

/// A name defined twice in the registry.
pub struct Finding<'a> {
    pub file: &'a str,
    pub span: Range<usize>,
    pub name: &'a str,
    /// Where it was defined first.
    pub first: Range<usize>,
}

impl From<Finding<'_>> for Diagnostic {
    fn from(f: Finding<'_>) -> Self {
        Diagnostic::new(
            Code::DuplicateRegistryName,
            f.file,
            f.span,
            format!("`{}` is already in the registry", f.name),
        )
        .with_label("defined again here")
        .with_help("keep one entry; put other spellings in its `aliases`")
        .with_related(f.file, f.first, "first defined here")
    }
}
