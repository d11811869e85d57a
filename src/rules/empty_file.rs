use crate::diagnostic::{Code, Diagnostic};

rule! {
    /// ## What it finds
    ///
    /// A `.toml` file in the plans folder with nothing in it (or only
    /// blanks and comments).
    ///
    /// ## Why it matters
    ///
    /// It is usually a plan that was started and never filled in, or a
    /// file emptied by mistake.
    ///
    /// ## Example
    ///
    /// ```toml
    /// # plans/tinh/kh-02-2023.toml: nothing below this comment
    /// ```
    ///
    /// ## How to fix
    ///
    /// Add a `[plan]` table, or delete the file.
    name: "empty-file",
    severity: Warning,
    phase: File,
    summary: "a `.toml` file in the plans folder is empty",
}

/// An empty file.
pub struct Finding<'a> {
    pub file: &'a str,
}

impl From<Finding<'_>> for Diagnostic {
    fn from(f: Finding<'_>) -> Self {
        Diagnostic::new(Code::EmptyFile, f.file, 0..0, "file is empty")
            .with_help("add a `[plan]` table, or delete the file")
    }
}
