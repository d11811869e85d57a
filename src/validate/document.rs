//! Reading a whole file into its raw structs. When it does not fit, what
//! is wrong is decided from the document itself: a syntax error or a date
//! not in the calendar (from the text at the error), a field the table
//! does not have (from the table's fields), or a value of the wrong type.
//! The file is then read again entry by entry, so one bad `[[task]]` or
//! `[[org]]` does not lose the others.

mod brackets;

use std::ops::Range;

use chrono::NaiveDate;
use toml::de::{DeArray, DeString, DeTable, DeValue};
use toml::Spanned;

use super::{text, ValidationContext};
use crate::diagnostic::{Code, Diagnostic};
use crate::raw::{
    self, fields, Entry, Failure, RawActual, RawCatalogue, RawCatalogueEntries, RawDocument,
    RawFile, RawFileEntries, RawJurisdiction, RawOrg, RawPlan, RawProgress, RawProgressEntries,
    RawRegistry, RawRegistryEntries, RawReport, RawSigner, RawTarget, RawTask,
};
use crate::rules::invalid_date;
use crate::rules::mistyped_field::{self, Mistyped};
use crate::rules::toml_syntax::{self, Syntax};
use crate::rules::unknown_field;

use super::header;
use super::unknown_keys::{unknown_keys, Tables};
use brackets::wrong_brackets;

pub(super) const PLAN_TABLES: &Tables = &[
    (&["plan"], fields::<RawPlan>),
    (&["plan", "signer"], fields::<RawSigner>),
    (&["target"], fields::<RawTarget>),
    (&["task"], fields::<RawTask>),
];

const REGISTRY_TABLES: &Tables = &[
    (&[], fields::<RawRegistry>),
    (&["jurisdiction"], fields::<RawJurisdiction>),
    (&["org"], fields::<RawOrg>),
];

const CATALOGUE_TABLES: &Tables = &[
    (&[], fields::<RawCatalogue>),
    (&["document"], fields::<RawDocument>),
];

/// A plan file's raw tables, or `None` when nothing can be salvaged (a
/// syntax error, or a bad `[plan]` table); every problem is reported.
pub fn plan(cx: &mut ValidationContext) -> Option<RawFile> {
    let failure = match raw::parse::<RawFile>(cx.text) {
        Ok(raw) => return Some(raw),
        Err(failure) => failure,
    };
    if let Some(brackets) = wrong_brackets(
        cx.file,
        cx.text,
        &failure,
        Some("plan"),
        &["task", "target"],
    ) {
        cx.report(brackets);
        return None;
    }
    let found = finding(cx.file, cx.text, &failure, PLAN_TABLES);
    let not_toml = found.code == Code::TomlSyntax;
    cx.report(found);
    if not_toml {
        // A file that is not TOML is left out whole, whatever the parser
        // could still read of it.
        return None;
    }
    let reported = report_other_unknown_keys(cx, &failure, PLAN_TABLES);
    let entries: RawFileEntries = toml::from_str(cx.text).ok()?;
    let plan = entries.plan?;
    let plan_span = plan.span();
    let plan = match plan.into_inner() {
        Entry::Ok(plan) => plan,
        Entry::Bad(_) => header::plan_without_bad_fields(cx, &failure, &reported)?,
    };
    let written = entries.targets.len() + entries.tasks.len();
    let targets = good_entries(cx, &reported, entries.targets);
    let tasks = good_entries(cx, &reported, entries.tasks);
    Some(RawFile {
        plan: Some(Spanned::new(plan_span, plan)),
        left_out: targets.len() + tasks.len() < written,
        targets,
        tasks,
        unknown_keys: entries.unknown_keys,
    })
}

/// The registry's entries. When the file fails as a whole, its first error
/// is reported with its exact place, and the entries are read again one by
/// one: the good ones are kept, every other bad one is reported at its
/// table, so one typo does not make every name in every plan unknown.
/// `None` when no entry can be read (the file is not TOML, or a list is
/// written with single brackets): the plans are then checked as without
/// a registry, rather than each of their names reported unknown.
pub fn registry(cx: &mut ValidationContext) -> Option<RawRegistry> {
    let failure = match raw::parse::<RawRegistry>(cx.text) {
        Ok(raw) => return Some(raw),
        Err(failure) => failure,
    };
    if let Some(brackets) =
        wrong_brackets(cx.file, cx.text, &failure, None, &["jurisdiction", "org"])
    {
        cx.report(brackets);
        return None;
    }
    let found = finding(cx.file, cx.text, &failure, REGISTRY_TABLES);
    let not_toml = found.code == Code::TomlSyntax;
    cx.report(found);
    if not_toml {
        return None;
    }
    let reported = report_other_unknown_keys(cx, &failure, REGISTRY_TABLES);
    let entries = toml::from_str::<RawRegistryEntries>(cx.text).ok()?;
    Some(RawRegistry {
        jurisdiction: good_entries(cx, &reported, entries.jurisdiction),
        org: good_entries(cx, &reported, entries.org),
    })
}

/// The catalogue's entries, read as the registry's are: when the file
/// fails whole, the good `[[document]]` tables are kept.
pub fn catalogue(cx: &mut ValidationContext) -> RawCatalogue {
    let failure = match raw::parse::<RawCatalogue>(cx.text) {
        Ok(raw) => return raw,
        Err(failure) => failure,
    };
    if let Some(brackets) = wrong_brackets(cx.file, cx.text, &failure, None, &["document"]) {
        cx.report(brackets);
        return RawCatalogue::default();
    }
    cx.report(finding(cx.file, cx.text, &failure, CATALOGUE_TABLES));
    let reported = report_other_unknown_keys(cx, &failure, CATALOGUE_TABLES);
    let Ok(entries) = toml::from_str::<RawCatalogueEntries>(cx.text) else {
        return RawCatalogue::default();
    };
    RawCatalogue {
        document: good_entries(cx, &reported, entries.document),
    }
}

const PROGRESS_TABLES: &Tables = &[
    (&[], fields::<RawProgress>),
    (&["report"], fields::<RawReport>),
    (&["actual"], fields::<RawActual>),
];

/// A progress file's entries, read as the registry is (see [`registry`]):
/// one bad `[[report]]` does not lose the others. `None`, and nothing
/// reported, for a plan or a text that is not TOML `in_plans_folder` (a
/// progress folder may be a plans folder too): the plans' loader reads it
/// and reports what is wrong with it.
pub fn progress(cx: &mut ValidationContext, in_plans_folder: bool) -> Option<RawProgress> {
    let failure = match raw::parse::<RawProgress>(cx.text) {
        Ok(raw) => return Some(raw),
        Err(failure) => failure,
    };
    let plan_table = match &failure {
        Failure::Syntax(_) => None,
        Failure::Shape(_, document) => plan_table(document.get_ref()),
    };
    let left_to_plans = matches!(failure, Failure::Syntax(_)) || plan_table.is_some();
    if in_plans_folder && left_to_plans {
        return None;
    }
    if let Some((name, span)) = plan_table {
        cx.report(unknown_field::Finding {
            file: cx.file,
            span,
            name,
            known: known_fields(PROGRESS_TABLES, &[]).unwrap_or_default(),
            what: "top-level table",
            of_a_plan: true,
        });
        return Some(RawProgress::default());
    }
    if let Some(brackets) = wrong_brackets(cx.file, cx.text, &failure, None, &["report", "actual"])
    {
        cx.report(brackets);
        return Some(RawProgress::default());
    }
    cx.report(finding(cx.file, cx.text, &failure, PROGRESS_TABLES));
    let reported = report_other_unknown_keys(cx, &failure, PROGRESS_TABLES);
    let Ok(entries) = toml::from_str::<RawProgressEntries>(cx.text) else {
        return Some(RawProgress::default());
    };
    Some(RawProgress {
        report: good_entries(cx, &reported, entries.report),
        actual: good_entries(cx, &reported, entries.actual),
    })
}

/// The first of what makes a file a plan for the plans' loader (a
/// `[plan]` table, or tasks or targets), and where it is written.
fn plan_table<'d>(document: &'d DeTable<'d>) -> Option<(&'d str, Range<usize>)> {
    let is_plans = |name: &str| {
        PLAN_TABLES
            .iter()
            .any(|(path, _)| path.first() == Some(&name))
    };
    document
        .iter()
        .map(|(key, _)| (key.get_ref().as_ref(), key.span()))
        .filter(|(name, _)| is_plans(name))
        .min_by_key(|(_, span)| span.start)
}

/// What the first error of a file that failed whole means.
pub(super) fn finding(file: &str, text: &str, failure: &Failure, tables: &Tables) -> Diagnostic {
    let err = failure.error();
    let span = err.span().unwrap_or(0..0);
    let message = err.message().trim();
    let first_line = message.lines().next().unwrap_or("").to_owned();
    let mistyped = |span, message| {
        mistyped_field::Finding {
            file,
            span,
            mistyped: Mistyped::WrongType(message),
        }
        .into()
    };
    let syntax = |span, message| syntax_finding(file, text, err, span, message);
    match failure {
        Failure::Syntax(_) if date_not_in_calendar(text, &span) => invalid_date::Finding {
            file,
            span,
            written: invalid_date::Written::Literal(first_line),
        }
        .into(),
        Failure::Syntax(_) => syntax(span, first_line),
        Failure::Shape(_, document) => match find(document.get_ref(), &span) {
            Some(Found::Key(path, name)) => match known_fields(tables, &path) {
                Some(known) if !known.contains(&name) => unknown_field::Finding {
                    file,
                    span,
                    name,
                    known,
                    what: "field",
                    of_a_plan: false,
                }
                .into(),
                _ => mistyped(span, first_line),
            },
            // A number the parser let through but no number type holds
            // (`0x`, `1_0٠`): the TOML is wrong, not the field's type.
            Some(Found::Value(value)) if not_a_number(value) => {
                let written = text.get(span.clone()).unwrap_or_default();
                syntax(span, number_fault(written, value))
            }
            _ => mistyped(span, first_line),
        },
    }
}

/// The `toml-syntax` finding for a text the TOML parser rejects, worded as
/// `check` words it (for `fmt`, which reads files with another parser).
pub fn syntax_error(file: &str, text: &str, err: &toml::de::Error) -> Diagnostic {
    let span = err.span().unwrap_or(0..0);
    let first_line = err.message().trim().lines().next().unwrap_or("").to_owned();
    syntax_finding(file, text, err, span, first_line)
}

/// A syntax error, named when the text is not TOML gone wrong but a Git
/// LFS pointer, or a merge conflict left in (the parser stops at the
/// marker line).
fn syntax_finding(
    file: &str,
    text: &str,
    err: &toml::de::Error,
    span: Range<usize>,
    message: String,
) -> Diagnostic {
    let (span, syntax) = if text::is_lfs_pointer(text) {
        (0..text.find('\n').unwrap_or(text.len()), Syntax::LfsPointer)
    } else if let Some((marker, line)) = text::conflict_marker_at(text, span.start) {
        (marker, Syntax::MergeConflict(line.to_owned()))
    } else {
        let syntax = syntax(text, err, message);
        (span, syntax)
    };
    toml_syntax::Finding { file, span, syntax }.into()
}

/// A parser error as a `toml-syntax` finding: its first line, the rest as
/// the label.
fn syntax(text: &str, err: &toml::de::Error, message: String) -> Syntax {
    let span = err.span().unwrap_or(0..0);
    Syntax::Parser {
        message,
        detail: err
            .message()
            .trim()
            .lines()
            .skip(1)
            .collect::<Vec<_>>()
            .join(" "),
        at_end: span.start >= text.len(),
    }
}

/// Whether the text at a syntax error is a date literal, `YYYY-MM-DD…`
/// in digits, whose day is not in the calendar.
fn date_not_in_calendar(text: &str, span: &Range<usize>) -> bool {
    let Some(written) = text.get(span.start..).and_then(|rest| rest.get(..10)) else {
        return false;
    };
    let bytes = written.as_bytes();
    let shaped = bytes.iter().enumerate().all(|(i, b)| match i {
        4 | 7 => *b == b'-',
        _ => b.is_ascii_digit(),
    });
    let number = |range: Range<usize>| written[range].parse::<u32>().unwrap_or(0);
    shaped
        && i32::try_from(number(0..4))
            .ok()
            .and_then(|year| NaiveDate::from_ymd_opt(year, number(5..7), number(8..10)))
            .is_none()
}

/// What is written at a span of a document.
enum Found<'d> {
    /// A key, with the path of table names to its table.
    Key(Vec<&'d str>, &'d str),
    Value(&'d DeValue<'d>),
}

/// A table or an array of a document, with the path of table names to it
/// (an array's tables share the array's path).
enum Node<'d> {
    Table(Vec<&'d str>, &'d DeTable<'d>),
    Array(Vec<&'d str>, &'d DeArray<'d>),
}

/// A value of a table (with its key) or of an array.
type Written<'d> = (Option<&'d Spanned<DeString<'d>>>, &'d Spanned<DeValue<'d>>);

/// The key or value written at `span`. The document is walked with a
/// stack, not recursion, whatever its depth.
fn find<'d>(document: &'d DeTable<'d>, span: &Range<usize>) -> Option<Found<'d>> {
    let mut stack = vec![Node::Table(Vec::new(), document)];
    while let Some(node) = stack.pop() {
        let (path, values): (Vec<&str>, Vec<Written>) = match node {
            Node::Table(path, table) => (path, table.iter().map(|(k, v)| (Some(k), v)).collect()),
            Node::Array(path, items) => (path, items.iter().map(|v| (None, v)).collect()),
        };
        for (key, value) in values {
            if let Some(key) = key.filter(|k| k.span() == *span) {
                return Some(Found::Key(path, key.get_ref()));
            }
            if value.span() == *span {
                return Some(Found::Value(value.get_ref()));
            }
            let mut inner = path.clone();
            inner.extend(key.map(|k| -> &str { k.get_ref() }));
            match value.get_ref() {
                DeValue::Table(table) => stack.push(Node::Table(inner, table)),
                DeValue::Array(items) => stack.push(Node::Array(inner, items)),
                _ => {}
            }
        }
    }
    None
}

/// The fields of the table at `path`, when gplan knows them.
fn known_fields(tables: &Tables, path: &[&str]) -> Option<&'static [&'static str]> {
    tables
        .iter()
        .find(|(p, _)| *p == path)
        .map(|(_, fields)| fields())
}

/// What is wrong with a number literal no number type holds, instead of
/// the parser's "integer number overflowed" for `0x`.
fn number_fault(written: &str, value: &DeValue) -> String {
    match value {
        DeValue::Integer(integer) if integer.as_str().is_empty() => {
            format!(
                "`{written}` is not a number: write digits after `{written}`, or quote it as text"
            )
        }
        DeValue::Integer(integer) => {
            let radix = integer.radix();
            match integer
                .as_str()
                .chars()
                .find(|c| *c != '_' && !c.is_digit(radix))
            {
                Some(c) => format!("`{written}` is not a number: `{c}` is not a digit"),
                None => format!("`{written}` is too large for a number"),
            }
        }
        DeValue::Float(float) if float.as_str().parse::<f64>().is_ok() => {
            format!("`{written}` is too large for a number")
        }
        _ => format!("`{written}` is not a number"),
    }
}

/// Whether a value is a number literal that no number type holds.
fn not_a_number(value: &DeValue) -> bool {
    match value {
        DeValue::Integer(integer) => {
            let (digits, radix) = (integer.as_str(), integer.radix());
            i128::from_str_radix(digits, radix).is_err()
                && u128::from_str_radix(digits, radix).is_err()
        }
        DeValue::Float(float) => float_overflows(float.as_str()),
        _ => false,
    }
}

/// Whether a float literal is not a number or is too large for one
/// (`1e999`): Rust reads it as infinity, where TOML only means infinity by
/// `inf`.
fn float_overflows(written: &str) -> bool {
    match written.parse::<f64>() {
        Ok(value) => value.is_infinite() && written.trim_start_matches(['+', '-']) != "inf",
        Err(_) => true,
    }
}

/// Reports each unknown key of `tables` after the one the first error
/// names (`check` shows every typo of a file at once); returns where every
/// error reported so far starts, that one first.
fn report_other_unknown_keys(
    cx: &mut ValidationContext,
    failure: &Failure,
    tables: &Tables,
) -> Vec<usize> {
    let first = failure.error().span().unwrap_or(0..0);
    let mut reported = vec![first.start];
    let Failure::Shape(_, document) = failure else {
        return reported;
    };
    for key in unknown_keys(document.get_ref(), tables) {
        if key.span == first {
            continue;
        }
        reported.push(key.span.start);
        cx.report(unknown_field::Finding {
            file: cx.file,
            span: key.span,
            name: key.name,
            known: key.known,
            what: "field",
            of_a_plan: false,
        });
    }
    reported
}

/// The entries that deserialized; each other one is reported at its table
/// header, except those holding an error already reported at its place
/// (`reported`, where each starts): the entry holding an error is the last
/// header before it, an entry's span being its `[[…]]` header.
fn good_entries<T>(
    cx: &mut ValidationContext,
    reported: &[usize],
    entries: Vec<Spanned<Entry<T>>>,
) -> Vec<Spanned<T>> {
    let holder = |at: usize| {
        entries
            .iter()
            .filter(|e| matches!(e.get_ref(), Entry::Bad(_)) && e.span().start <= at)
            .map(|e| e.span().start)
            .max()
    };
    let holders: Vec<usize> = reported.iter().filter_map(|&at| holder(at)).collect();
    let mut good = Vec::new();
    for entry in entries {
        let span = entry.span();
        match entry.into_inner() {
            Entry::Ok(value) => good.push(Spanned::new(span, value)),
            Entry::Bad(_) if holders.contains(&span.start) => {}
            Entry::Bad(reason) => cx.report(mistyped_field::Finding {
                file: cx.file,
                span,
                mistyped: Mistyped::LeftOut(reason),
            }),
        }
    }
    good
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::{Code, Diagnostic};
    use crate::registry::Registry;
    use crate::validate::load_plan;

    use super::float_overflows;

    fn findings(text: &str) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        load_plan("p.toml", text, &mut out);
        out
    }

    fn codes(text: &str) -> Vec<Code> {
        findings(text).iter().map(|d| d.code).collect()
    }

    #[test]
    fn a_date_not_in_the_calendar_is_invalid_and_a_date_written_wrong_is_syntax() {
        let plan = "[plan]\nid = \"a\"\nperiod = 2023\nissued = ";
        assert_eq!(codes(&format!("{plan}2023-02-30\n")), [Code::InvalidDate]);
        assert_eq!(codes(&format!("{plan}2023-13-01\n")), [Code::InvalidDate]);
        assert_eq!(codes(&format!("{plan}2023-1-01\n")), [Code::TomlSyntax]);
        // The day is in the calendar: what follows it is the mistake.
        let trailing = findings(&format!("{plan}2023-01-01x\n"));
        assert_eq!(trailing[0].code, Code::TomlSyntax);
        assert!(
            !trailing[0].message.contains("calendar"),
            "{}",
            trailing[0].message
        );
    }

    #[test]
    fn a_number_no_type_holds_is_syntax_and_a_wrong_type_is_mistyped() {
        let plan = "[plan]\nid = \"a\"\nperiod = ";
        assert_eq!(codes(&format!("{plan}0x\n")), [Code::TomlSyntax]);
        assert_eq!(
            codes(&format!("{plan}2023\ntitle = 5\n")),
            [Code::MistypedField]
        );
    }

    #[test]
    fn unknown_fields_are_named_with_their_table_s_fields() {
        let found = findings("[plan]\nid = \"a\"\nperiod = 2023\nsigner = { nam = \"x\" }\n");
        assert_eq!(found[0].code, Code::UnknownField);
        assert_eq!(found[0].message, "unknown field `nam`");
        assert_eq!(found[0].help.as_deref(), Some("did you mean `name`?"));
        let found = findings("[plan]\nid = \"a\"\n[[target]]\nid = \"t\"\nzzz = 1\n");
        assert_eq!(
            found[0].help.as_deref(),
            Some(
                "remove it; known names here: id, text, ref, kind, by, unit, direction, baseline, groups, milestones, sustained, refines, note"
            )
        );
    }

    #[test]
    fn registry_dates_go_through_the_plans_conversion() {
        let mut out = Vec::new();
        let text = "[[jurisdiction]]\nid = \"x\"\nmerged_on = 2025-07-01T00:00:00\n";
        let _ = Registry::load("r.toml", text, &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].code, Code::MistypedField);
        assert_eq!(out[0].message, "`2025-07-01T00:00:00` is not a plain date");
    }

    #[test]
    fn only_a_float_too_large_for_any_number_overflows() {
        for written in ["1e999", "-1e999", "1e99999"] {
            assert!(float_overflows(written), "{written}");
        }
        for written in ["inf", "+inf", "-inf", "nan", "1.5", "1e308"] {
            assert!(!float_overflows(written), "{written}");
        }
    }
}
