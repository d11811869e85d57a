//! Diagnostics as data: what is wrong, where, and how to fix it. Rendering
//! lives in `render::diagnostics`; the rules and their codes in `rules`.

use std::ops::Range;

use serde::Serialize;

/// How bad a finding is: errors fail `gplan check`, warnings only with
/// `--deny-warnings`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    /// The word used in every output format.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

pub use crate::rules::Code;

/// A second location that explains the first ("first defined here").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Related {
    pub file: String,
    pub span: Range<usize>,
    pub message: String,
}

/// One finding, located in one file (path relative to the repository, with
/// `/` separators) by a byte span.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    pub file: String,
    pub span: Range<usize>,
    pub message: String,
    pub label: Option<String>,
    pub help: Option<String>,
    pub related: Vec<Related>,
}

impl Diagnostic {
    /// A finding with the code's own severity.
    pub fn new(code: Code, file: &str, span: Range<usize>, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            severity: code.severity(),
            file: file.to_owned(),
            span,
            message: message.into(),
            label: None,
            help: None,
            related: Vec::new(),
        }
    }

    /// Adds the text shown under the highlighted span.
    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// Adds how to fix it.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds an optional fix, e.g. a "did you mean".
    pub fn with_help_opt(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }

    /// Adds a second location.
    pub fn with_related(
        mut self,
        file: &str,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> Self {
        self.related.push(Related {
            file: file.to_owned(),
            span,
            message: message.into(),
        });
        self
    }
}
