//! The validation phase reports the `Finding`s of the file-phase rules;
//! these tests pin which finding each kind of bad value gives, and where.

use std::ops::Range;

use crate::diagnostic::Diagnostic;
use crate::model::{Period, PlanKind};

use super::missing_field::{self, Missing};
use super::mistyped_field::{self, Mistyped};
use super::{empty_file, period_reversed, unknown_field};

const HEADER: &str = "[plan]\nid = \"x\"\ntitle = \"t\"\nissuer = \"i\"\n";

/// What the loader reports for `text`.
fn loaded(text: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    crate::validate::load_plan("x.toml", text, &mut out);
    out
}

/// The span of the last `needle` in `text` (after the header).
fn at(text: &str, needle: &str) -> Range<usize> {
    let start = text.rfind(needle).expect("the needle is in the text");
    start..start + needle.len()
}

fn mistyped(text: &str, needle: &str, mistyped: Mistyped) -> Diagnostic {
    mistyped_field::Finding {
        file: "x.toml",
        span: at(text, needle),
        mistyped,
    }
    .into()
}

#[test]
fn mistyped_values_read_as_the_loader_writes_them() {
    let kinds: Vec<&str> = PlanKind::ALL.iter().map(|(n, _)| *n).collect();
    let cases = [
        (
            format!("{HEADER}period = 2023\nkind = \"plna\"\n"),
            "\"plna\"",
            Mistyped::PlanKind {
                written: "plna",
                known: &kinds,
            },
        ),
        (
            format!("{HEADER}period = 2023\nkind = \"zzz\"\n"),
            "\"zzz\"",
            Mistyped::PlanKind {
                written: "zzz",
                known: &kinds,
            },
        ),
        (
            format!("{HEADER}period = 2023\nissued = \"soon\"\n"),
            "\"soon\"",
            Mistyped::NotIssueDate("soon"),
        ),
        (
            format!("{HEADER}period = \"x\"\n"),
            "\"x\"",
            Mistyped::NotPeriod(Some("x")),
        ),
        (
            format!("{HEADER}period = [99, 2023]\n"),
            "[99, 2023]",
            Mistyped::NotYear("99".to_owned()),
        ),
        (
            format!("{HEADER}period = 2023\n[[target]]\nid = \"a\"\ntext = \"t\"\ndirection = \"up\"\n"),
            "\"up\"",
            Mistyped::Direction("up"),
        ),
        (
            format!("{HEADER}period = 2023\n[[target]]\nid = \"a\"\ntext = \"t\"\nmilestones = {{ abc = 1 }}\n"),
            "abc",
            Mistyped::MilestoneKey("abc"),
        ),
        (
            format!("{HEADER}period = 2023\n[[target]]\nid = \"a\"\ntext = \"t\"\nmilestones = {{ 2023 = \"x\" }}\n"),
            "\"x\"",
            Mistyped::MilestoneValue {
                year: 2023,
                group: None,
                written: Some("x"),
            },
        ),
    ];
    for (text, needle, finding) in cases {
        assert_eq!(loaded(&text), [mistyped(&text, needle, finding)], "{text}");
    }
}

#[test]
fn missing_fields_empty_files_and_reversed_periods_read_as_the_loader_writes_them() {
    let text = "[plan]\nid = \"x\"\nissuer = \"i\"\nperiod = 2023\n";
    let missing: Diagnostic = missing_field::Finding {
        file: "x.toml",
        span: at(text, "[plan]"),
        missing: Missing::Field {
            table: "plan",
            field: "title",
            example: Some("title = \"Kế hoạch …\""),
        },
    }
    .into();
    assert_eq!(loaded(text), [missing]);

    let text = "[[task]]\nid = \"a\"\n";
    let no_plan: Diagnostic = missing_field::Finding {
        file: "x.toml",
        span: 0..0,
        missing: Missing::PlanTable,
    }
    .into();
    assert_eq!(loaded(text), [no_plan]);

    let empty: Diagnostic = empty_file::Finding { file: "x.toml" }.into();
    assert_eq!(loaded("\n"), [empty]);

    let text = format!("{HEADER}period = [2023, 2021]\n");
    let bounds = |from, to| {
        let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).expect("valid");
        Period {
            from: day(from, 1, 1),
            to: day(to, 12, 31),
        }
    };
    let reversed: Diagnostic = period_reversed::Finding {
        file: "x.toml",
        span: at(&text, "[2023, 2021]"),
        period: bounds(2023, 2021),
    }
    .into();
    assert_eq!(loaded(&text), [reversed]);
}

#[test]
fn unknown_top_level_tables_read_as_the_loader_writes_them() {
    let text = format!("{HEADER}period = 2023\n[taks]\n");
    let unknown: Diagnostic = unknown_field::Finding {
        file: "x.toml",
        span: at(&text, "taks"),
        name: "taks",
        known: crate::raw::FILE_KEYS,
        what: "top-level table",
        of_a_plan: false,
    }
    .into();
    assert_eq!(loaded(&text), [unknown]);
}
