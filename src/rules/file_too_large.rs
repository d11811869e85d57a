use crate::diagnostic::{Code, Diagnostic};
use crate::repo::MAX_FILE_BYTES;

rule! {
    /// ## What it finds
    ///
    /// A `.toml` file under the plans folder larger than gplan reads
    /// (16 MiB), such as a data export left next to the plans.
    ///
    /// ## Why it matters
    ///
    /// No plan is that large; reading such a file whole would cost memory
    /// for nothing, so it is refused and named.
    ///
    /// ## Example
    ///
    /// ```toml
    /// # plans/export.toml, 20 MB of rows
    /// [[row]]
    /// value = 1
    /// ```
    ///
    /// ## How to fix
    ///
    /// Split the plan, or move data that is not a plan out of the plans
    /// folder.
    name: "file-too-large",
    severity: Error,
    phase: File,
    summary: "the file is larger than gplan reads",
}

/// A file over [`MAX_FILE_BYTES`].
pub struct Finding<'a> {
    pub file: &'a str,
    pub size: u64,
}

impl From<Finding<'_>> for Diagnostic {
    fn from(f: Finding<'_>) -> Self {
        Diagnostic::new(
            Code::FileTooLarge,
            f.file,
            0..0,
            format!(
                "file is {} bytes; gplan reads plan and progress files up to {MAX_FILE_BYTES} bytes",
                f.size
            ),
        )
        .with_help("split the file (a progress file by year), or move data that is not a plan or progress out of the folder")
    }
}
