use crate::diagnostic::{Code, Diagnostic};

rule! {
    /// ## What it finds
    ///
    /// A file or folder under the plans folder that gplan may not read,
    /// usually because of its permissions.
    ///
    /// ## Why it matters
    ///
    /// A plan that cannot be read is missing from every answer; gplan says
    /// so rather than answer as if it did not exist.
    ///
    /// ## Example
    ///
    /// ```toml
    /// # plans/tinh/kh-01-2023.toml, after `chmod 000`
    /// [plan]
    /// id = "tinh/kh-01-2023"
    /// ```
    ///
    /// ## How to fix
    ///
    /// Give the user running gplan read access to the file.
    name: "unreadable-file",
    severity: Error,
    phase: File,
    summary: "the file could not be read",
}

/// Why the file could not be read.
pub enum Why<'a> {
    /// A folder walk could not list or open the path.
    Listed(&'a str),
    /// Reading the file's bytes failed.
    Read(&'a std::io::Error),
}

/// A file that could not be read.
pub struct Finding<'a> {
    pub file: &'a str,
    pub why: Why<'a>,
}

impl From<Finding<'_>> for Diagnostic {
    fn from(f: Finding<'_>) -> Self {
        let message = match f.why {
            Why::Listed(reason) => format!("cannot read `{}`: {reason}", f.file),
            Why::Read(err) => format!("cannot read file: {err}"),
        };
        Diagnostic::new(Code::UnreadableFile, f.file, 0..0, message)
            .with_help("check the file's permissions")
    }
}
