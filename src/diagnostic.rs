//! Diagnostics as data: what is wrong, where, and how to fix it. Rendering
//! lives in `render::diagnostics`; every rule's stable code lives here.

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

macro_rules! codes {
    ($($variant:ident = ($name:literal, $severity:ident, $description:literal),)*) => {
        /// Every check gplan runs, each with a stable kebab-case code that
        /// users may grep for or silence in their CI: never rename one.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $($variant,)*
        }

        impl Code {
            /// All codes, in documentation order.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The stable name, e.g. `gplan::unknown-parent`.
            pub fn name(self) -> &'static str {
                match self {
                    $(Code::$variant => concat!("gplan::", $name),)*
                }
            }

            /// Whether the check fails the run.
            pub fn severity(self) -> Severity {
                match self {
                    $(Code::$variant => Severity::$severity,)*
                }
            }

            /// One line saying what the check is for.
            pub fn description(self) -> &'static str {
                match self {
                    $(Code::$variant => $description,)*
                }
            }
        }
    };
}

codes! {
    TomlSyntax = ("toml-syntax", Error, "the file is not valid TOML"),
    NotUtf8 = ("not-utf8", Error, "the file is not UTF-8 text"),
    UnreadableFile = ("unreadable-file", Error, "the file could not be read"),
    FileTooLarge = ("file-too-large", Error, "the file is larger than gplan reads"),
    UnknownField = ("unknown-field", Error, "a field or table gplan does not know (often a typo)"),
    MistypedField = ("mistyped-field", Error, "a field has the wrong type or an unknown value"),
    MissingField = ("missing-field", Error, "a required field is missing"),
    BadId = ("bad-id", Error, "an id uses characters outside [a-z0-9-./] (plans) or [a-z0-9-.] (tasks, targets)"),
    DuplicatePlanId = ("duplicate-plan-id", Error, "two files declare the same plan id"),
    DuplicateItemId = ("duplicate-item-id", Error, "two tasks or targets of one plan share an id"),
    UnknownParent = ("unknown-parent", Error, "`implements` names a plan that is not in the repository"),
    UnknownParentItem = ("unknown-parent-item", Error, "a `plan#target` or `plan#task` reference names an item the plan does not have"),
    AmbiguousNumber = ("ambiguous-number", Error, "a document number used as a reference matches several plans"),
    ReferenceCycle = ("reference-cycle", Error, "plans implement each other in a cycle"),
    PeriodReversed = ("period-reversed", Error, "a plan period ends before it starts"),
    MalformedDue = ("malformed-due", Error, "a `due` rule fits none of the accepted forms"),
    WindowReversed = ("window-reversed", Error, "a deadline window starts after it ends"),
    InvalidDate = ("invalid-date", Error, "a date that does not exist in the calendar"),
    PercentOutOfRange = ("percent-out-of-range", Error, "a `%` target value outside 0..=100"),
    BandReversed = ("band-reversed", Error, "a target band whose low value is above its high value"),
    UnitMismatch = ("unit-mismatch", Error, "a target's unit differs from the parent target it refines"),
    RegistryReference = ("registry-reference", Error, "the registry names a successor, jurisdiction or parent it does not define"),
    DuplicateRegistryName = ("duplicate-registry-name", Error, "two registry entries share an id, a name or an alias"),
    MissingNumber = ("missing-number", Warning, "a plan has no document number"),
    MalformedNumber = ("malformed-number", Warning, "a document number fits none of the forms of Nghị định 30/2020/NĐ-CP"),
    IncompleteIssued = ("incomplete-issued", Warning, "the issue date lacks a day or a month"),
    IssuedBeforeParent = ("issued-before-parent", Warning, "a plan is dated before a plan it implements"),
    PeriodOutsideParent = ("period-outside-parent", Warning, "a plan's period is not inside the period of a plan it implements"),
    OutsidePeriod = ("outside-period", Warning, "a deadline or milestone falls outside the plan period"),
    WeakerTarget = ("weaker-target", Warning, "a target is weaker than the parent target it refines, for the same year"),
    UnknownOrg = ("unknown-org", Warning, "an organisation name that is not in the registry"),
    UnknownJurisdiction = ("unknown-jurisdiction", Warning, "a plan's jurisdiction is not in the registry"),
    DissolvedLead = ("dissolved-lead", Warning, "a plan issued after a body's dissolution still names it as lead"),
    RefSkip = ("ref-skip", Warning, "section numbering of tasks skips a number (II.3 then II.5)"),
    NotNfc = ("not-nfc", Warning, "text is not in Unicode NFC"),
    EmptyFile = ("empty-file", Warning, "a `.toml` file in the plans folder is empty"),
}

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

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    #[test]
    fn codes_are_unique_kebab_case_and_described() {
        let names: BTreeSet<&str> = Code::ALL.iter().map(|c| c.name()).collect();
        assert_eq!(names.len(), Code::ALL.len(), "duplicate code names");
        for code in Code::ALL {
            let tail = code.name().strip_prefix("gplan::").expect("prefixed");
            assert!(
                tail.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{tail}"
            );
            assert!(!code.description().is_empty());
        }
    }
}
