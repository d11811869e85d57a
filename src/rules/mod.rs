//! Every rule `gplan check` runs, one file per rule, and the one list of
//! them ([`Code`]). A rule file holds its metadata and documentation (the
//! doc comment of its `RULE`), the typed finding it reports, the single
//! place that finding becomes a [`Diagnostic`], and, for rules that run on
//! a loaded plan or repository, the check itself. Adding a rule is one new
//! file and one line in the list below.

mod context;
pub(crate) mod cycles;
pub mod levels;
#[cfg(test)]
mod loader_findings;
pub(crate) mod refs;
mod suggest;

use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Outline;
use crate::repo::Repo;
use crate::resolve::Index;

pub use context::{PlanContext, PlanRules};
pub use suggest::{did_you_mean, did_you_mean_for};

/// When a rule runs, which decides what it can see.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// While one file (a plan or the registry) is read and validated:
    /// structural findings about that file alone.
    File,
    /// On one loaded plan, with the registry at hand for names.
    Plan,
    /// Across every plan of the repository.
    Repository,
}

impl Phase {
    /// The word shown by `gplan rules` and `gplan explain`.
    pub fn as_str(self) -> &'static str {
        match self {
            Phase::File => "file",
            Phase::Plan => "plan",
            Phase::Repository => "repository",
        }
    }
}

/// The check a rule runs; its variant is the rule's [`Phase`].
#[derive(Clone, Copy)]
pub enum Check {
    /// Reported by the loader or the registry while validating a file.
    File,
    Plan(fn(&PlanContext, &mut Vec<Diagnostic>)),
    Repository(fn(&Index<Outline>, &mut Vec<Diagnostic>)),
}

/// One rule: its stable code, default level, one-line summary, check and
/// documentation (the doc comment of its `RULE`, the one source of
/// `gplan explain` and the docs).
pub struct Rule {
    /// `gplan::` and the kebab-case name; never renamed.
    pub code: &'static str,
    pub severity: Severity,
    pub summary: &'static str,
    pub check: Check,
    /// The doc comment as the compiler keeps it: one leading space per line.
    doc: &'static str,
}

/// The sections every rule's documentation has, in this order.
pub const SECTIONS: [&str; 4] = [
    "## What it finds",
    "## Why it matters",
    "## Example",
    "## How to fix",
];

impl Rule {
    /// The name without the `gplan::` prefix.
    pub fn name(&self) -> &'static str {
        self.code.strip_prefix("gplan::").unwrap_or(self.code)
    }

    pub fn phase(&self) -> Phase {
        match self.check {
            Check::File => Phase::File,
            Check::Plan(_) => Phase::Plan,
            Check::Repository(_) => Phase::Repository,
        }
    }

    /// The documentation as Markdown, without the doc comment's indent.
    pub fn documentation(&self) -> String {
        let lines: Vec<&str> = self
            .doc
            .lines()
            .map(|l| l.strip_prefix(' ').unwrap_or(l))
            .collect();
        lines.join("\n").trim().to_owned() + "\n"
    }
}

/// Declares a rule file's `RULE`; its doc comment becomes the rule's
/// documentation, so the prose is written once. `phase: Plan` and
/// `phase: Repository` take the file's `check` function.
macro_rules! rule {
    (
        $(#[doc = $doc:literal])*
        name: $name:literal,
        severity: $severity:ident,
        phase: $phase:ident,
        summary: $summary:literal $(,)?
    ) => {
        $(#[doc = $doc])*
        pub static RULE: $crate::rules::Rule = $crate::rules::Rule {
            code: concat!("gplan::", $name),
            severity: $crate::diagnostic::Severity::$severity,
            summary: $summary,
            check: $crate::rules::rule!(@check $phase),
            doc: concat!($($doc, "\n"),*),
        };
    };
    (@check File) => { $crate::rules::Check::File };
    (@check Plan) => { $crate::rules::Check::Plan(check) };
    (@check Repository) => { $crate::rules::Check::Repository(check) };
}
use rule;

/// The list of rules, one line each: `Variant = module`. Generates the
/// modules, [`Code`] (whose order sorts findings at one place, so lines
/// are never reordered) and [`Code::ALL`].
macro_rules! rules {
    ($($variant:ident = $module:ident,)*) => {
        $(pub mod $module;)*

        /// Every rule's stable code: grep for it in CI, or set its level in
        /// `gplan.toml` (`[check.levels]`). Never rename one.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $($variant,)*
        }

        impl Code {
            /// All codes, in documentation order.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The rule behind the code.
            pub fn rule(self) -> &'static Rule {
                match self {
                    $(Code::$variant => &$module::RULE,)*
                }
            }
        }
    };
}

rules! {
    TomlSyntax = toml_syntax,
    NotUtf8 = not_utf8,
    UnreadableFile = unreadable_file,
    FileTooLarge = file_too_large,
    UnknownField = unknown_field,
    MistypedField = mistyped_field,
    MissingField = missing_field,
    BadId = bad_id,
    DuplicatePlanId = duplicate_plan_id,
    DuplicateItemId = duplicate_item_id,
    UnknownParent = unknown_parent,
    UnknownParentItem = unknown_parent_item,
    AmbiguousNumber = ambiguous_number,
    ReferenceCycle = reference_cycle,
    PeriodReversed = period_reversed,
    MalformedDue = malformed_due,
    WindowReversed = window_reversed,
    InvalidDate = invalid_date,
    PercentOutOfRange = percent_out_of_range,
    BandReversed = band_reversed,
    UnitMismatch = unit_mismatch,
    RegistryReference = registry_reference,
    DuplicateRegistryName = duplicate_registry_name,
    RegistryCycle = registry_cycle,
    DefaultSuccessor = default_successor,
    MembersNotGroup = members_not_group,
    DuplicateDocument = duplicate_document,
    NumberInCatalogue = number_in_catalogue,
    MissingNumber = missing_number,
    MalformedNumber = malformed_number,
    IncompleteIssued = incomplete_issued,
    IssuedBeforeParent = issued_before_parent,
    PeriodOutsideParent = period_outside_parent,
    OutsidePeriod = outside_period,
    WeakerTarget = weaker_target,
    UnknownOrg = unknown_org,
    UnknownJurisdiction = unknown_jurisdiction,
    DissolvedLead = dissolved_lead,
    UnknownFunction = unknown_function,
    RefSkip = ref_skip,
    NotNfc = not_nfc,
    EmptyFile = empty_file,
    ControlCharacter = control_character,
    ConflictMarker = conflict_marker,
    LongPeriod = long_period,
    DirectionSuspect = direction_suspect,
    EmptyPlan = empty_plan,
    UnknownProgressItem = unknown_progress_item,
    NotAnOccurrence = not_an_occurrence,
    DuplicateReport = duplicate_report,
    UnknownGroup = unknown_group,
    DeliveredBeforeIssued = delivered_before_issued,
}

impl Code {
    /// The stable name, e.g. `gplan::unknown-parent`.
    pub fn name(self) -> &'static str {
        self.rule().code
    }

    /// The default level: whether the finding fails the run.
    pub fn severity(self) -> Severity {
        self.rule().severity
    }

    /// One line saying what the rule finds.
    pub fn summary(self) -> &'static str {
        self.rule().summary
    }

    /// The code named by `text`, with or without `gplan::`.
    pub fn find(text: &str) -> Option<Code> {
        let name = text.strip_prefix("gplan::").unwrap_or(text);
        Code::ALL.iter().copied().find(|c| c.rule().name() == name)
    }

    /// The names closest to a mistyped code, for "did you mean".
    pub fn closest(text: &str) -> Vec<&'static str> {
        let name = text.strip_prefix("gplan::").unwrap_or(text);
        crate::suggest::suggestions(name, Code::ALL.iter().map(|c| c.rule().name()), 3)
    }
}

/// The Markdown table of every rule (code, default level, summary) that
/// the README and docs/commands.md hold between the [`TABLE_START`] and
/// [`TABLE_END`] markers; a test fails when they drift.
pub fn markdown_table() -> String {
    let mut table = String::from("| code | default level | what it finds |\n|---|---|---|\n");
    for code in Code::ALL {
        table.push_str(&format!(
            "| `{}` | {} | {} |\n",
            code.name(),
            code.severity().as_str(),
            code.summary().replace('|', "\\|")
        ));
    }
    table
}

/// The line before the generated rule table in the docs.
pub const TABLE_START: &str =
    "<!-- rules table: generated from the rule list; `GPLAN_BLESS=1 cargo test` rewrites it -->";
/// The line after it.
pub const TABLE_END: &str = "<!-- end of rules table -->";

/// Every finding for a repository whose plans went through [`PlanRules`]
/// as they were loaded: those findings and the rules across plans, in no
/// set order (see [`sorted`]).
pub fn check(repo: &Repo, outlines: &[Outline]) -> Vec<Diagnostic> {
    let mut out = repo.diagnostics.clone();
    let index = Index::new(outlines).with_catalogue(repo.catalogue.as_ref());
    let found: Vec<Vec<Diagnostic>> = Code::ALL
        .par_iter()
        .filter_map(|code| match code.rule().check {
            Check::Repository(check) => Some(check),
            _ => None,
        })
        .map(|check| {
            let mut found = Vec::new();
            check(&index, &mut found);
            found
        })
        .collect();
    out.extend(found.into_iter().flatten());
    out
}

/// Findings sorted by file, line and column (a byte offset orders like a
/// column and needs no text), then code and message, so the order never
/// depends on the order rules ran in.
pub fn sorted(mut diagnostics: Vec<Diagnostic>, repo: &Repo) -> Vec<Diagnostic> {
    diagnostics.sort_by_cached_key(|d| {
        let at = repo.sources.order_key(&d.file, d.span.start);
        (d.file.clone(), at, d.code, d.message.clone())
    });
    diagnostics
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    #[test]
    fn codes_are_unique_kebab_case_and_documented() {
        let names: BTreeSet<&str> = Code::ALL.iter().map(|c| c.name()).collect();
        assert_eq!(names.len(), Code::ALL.len(), "duplicate code names");
        for code in Code::ALL {
            let rule = code.rule();
            assert!(
                rule.name()
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{}",
                rule.code
            );
            assert!(!rule.summary.is_empty());
            let doc = rule.documentation();
            let mut at = 0;
            for section in SECTIONS {
                let found = doc[at..].find(section);
                assert!(found.is_some(), "{} lacks `{section}` in order", rule.code);
                at += found.unwrap_or(0) + section.len();
            }
            assert!(doc.contains("```toml"), "{} has no TOML example", rule.code);
        }
    }

    #[test]
    fn codes_are_found_with_or_without_the_prefix() {
        assert_eq!(Code::find("unknown-parent"), Some(Code::UnknownParent));
        assert_eq!(Code::find("gplan::not-nfc"), Some(Code::NotNfc));
        assert_eq!(Code::find("not-a-code"), None);
        assert_eq!(Code::closest("unknown-paren")[0], "unknown-parent");
    }
}
