use std::ops::Range;

use crate::diagnostic::{Code, Diagnostic};

use super::did_you_mean;

rule! {
    /// ## What it finds
    ///
    /// A registry entry whose `successor`, `merged_into` or `parent`
    /// names a body or jurisdiction the registry does not define.
    ///
    /// ## Why it matters
    ///
    /// Duties of a dissolved body pass to its successor in queries; a
    /// successor that is not there loses them.
    ///
    /// ## Example
    ///
    /// ```toml
    /// [[org]]
    /// name = "Sở A"
    /// dissolved = 2025-01-01
    /// successor = "Sở B"      # no [[org]] is named "Sở B"
    /// ```
    ///
    /// ## How to fix
    ///
    /// Correct the name (the help suggests the closest one), or add the
    /// body or jurisdiction to the registry.
    name: "registry-reference",
    severity: Error,
    phase: File,
    summary: "the registry names a successor, jurisdiction or parent it does not define",
}

/// A name the registry refers to but does not define.
pub struct Finding<'a> {
    pub file: &'a str,
    pub span: Range<usize>,
    /// The field: `successor`, `merged_into` or `parent`.
    pub what: &'a str,
    pub target: &'a str,
    pub closest: Option<&'a str>,
}

impl From<Finding<'_>> for Diagnostic {
    fn from(f: Finding<'_>) -> Self {
        let help = match did_you_mean(f.closest) {
            Some(fix) => format!("{fix} Otherwise add it to the registry"),
            None => "add it to the registry".to_owned(),
        };
        Diagnostic::new(
            Code::RegistryReference,
            f.file,
            f.span,
            format!("{} `{}` is not in the registry", f.what, f.target),
        )
        .with_help(help)
    }
}
