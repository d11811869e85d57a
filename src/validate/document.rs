//! Reading a whole file into its raw structs. When it does not fit, what
//! is wrong is decided from the document itself: a syntax error or a date
//! not in the calendar (from the text at the error), a field the table
//! does not have (from the table's fields), or a value of the wrong type.
//! The file is then read again entry by entry, so one bad `[[task]]` or
//! `[[org]]` does not lose the others.

use std::ops::Range;

use chrono::NaiveDate;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

use super::findings::{self, InvalidDate, Mistyped, Syntax};
use super::ValidationContext;
use crate::diagnostic::Diagnostic;
use crate::raw::{
    self, fields, Entry, Failure, RawFile, RawFileEntries, RawJurisdiction, RawOrg, RawPlan,
    RawRegistry, RawRegistryEntries, RawSigner, RawTarget, RawTask,
};

/// The tables of a file whose fields are known: the path of table names
/// from the root, and the fields of that table.
type Tables = [(&'static [&'static str], fn() -> &'static [&'static str])];

const PLAN_TABLES: &Tables = &[
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

/// A plan file's raw tables, or `None` when nothing can be salvaged (a
/// syntax error, or a bad `[plan]` table); every problem is reported.
pub fn plan(cx: &mut ValidationContext) -> Option<RawFile> {
    let failure = match raw::parse::<RawFile>(cx.text) {
        Ok(raw) => return Some(raw),
        Err(failure) => failure,
    };
    cx.report(finding(cx.file, cx.text, &failure, PLAN_TABLES));
    let reported = failure.error().span().unwrap_or(0..0);
    let entries: RawFileEntries = toml::from_str(cx.text).ok()?;
    let plan = entries.plan?;
    let plan_span = plan.span();
    let Entry::Ok(plan) = plan.into_inner() else {
        return None;
    };
    Some(RawFile {
        plan: Some(Spanned::new(plan_span, plan)),
        targets: good_entries(cx, &reported, entries.targets),
        tasks: good_entries(cx, &reported, entries.tasks),
        unknown_keys: entries.unknown_keys,
    })
}

/// The registry's entries. When the file fails as a whole, its first error
/// is reported with its exact place, and the entries are read again one by
/// one: the good ones are kept, every other bad one is reported at its
/// table, so one typo does not make every name in every plan unknown.
pub fn registry(cx: &mut ValidationContext) -> RawRegistry {
    let failure = match raw::parse::<RawRegistry>(cx.text) {
        Ok(raw) => return raw,
        Err(failure) => failure,
    };
    cx.report(finding(cx.file, cx.text, &failure, REGISTRY_TABLES));
    let reported = failure.error().span().unwrap_or(0..0);
    let Ok(entries) = toml::from_str::<RawRegistryEntries>(cx.text) else {
        return RawRegistry::default();
    };
    RawRegistry {
        jurisdiction: good_entries(cx, &reported, entries.jurisdiction),
        org: good_entries(cx, &reported, entries.org),
    }
}

/// What the first error of a file that failed whole means.
fn finding(file: &str, text: &str, failure: &Failure, tables: &Tables) -> Diagnostic {
    let err = failure.error();
    let span = err.span().unwrap_or(0..0);
    let message = err.message().trim();
    let first_line = message.lines().next().unwrap_or("").to_owned();
    match failure {
        Failure::Syntax(_) if date_not_in_calendar(text, &span) => {
            findings::invalid_date(file, span, InvalidDate::Literal(first_line))
        }
        Failure::Syntax(_) => {
            let label = message.lines().skip(1).collect::<Vec<_>>().join(" ");
            let at_end = span.start >= text.len();
            let syntax = Syntax::Parser {
                message: first_line,
                label,
                at_end,
            };
            findings::toml_syntax(file, span, syntax)
        }
        Failure::Shape(_, document) => match unknown_key_at(document.get_ref(), &span, tables) {
            Some((name, known)) => findings::unknown_field(file, span, name, known, "field"),
            None => findings::mistyped_field(file, span, Mistyped::Serde(first_line)),
        },
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

/// The key written at `span`, when it is a field its table does not have,
/// with the fields the table has. The document is walked with a stack, not
/// recursion, whatever its depth.
fn unknown_key_at<'d>(
    document: &'d DeTable,
    span: &Range<usize>,
    tables: &Tables,
) -> Option<(&'d str, &'static [&'static str])> {
    let mut stack: Vec<(Vec<&str>, &DeTable)> = vec![(Vec::new(), document)];
    while let Some((path, table)) = stack.pop() {
        for (key, value) in table {
            let name: &str = key.get_ref();
            if key.span() == *span {
                let known = tables.iter().find(|(p, _)| *p == path.as_slice())?.1();
                return (!known.contains(&name)).then_some((name, known));
            }
            let mut inner = path.clone();
            inner.push(name);
            match value.get_ref() {
                DeValue::Table(table) => stack.push((inner, table)),
                DeValue::Array(items) => stack.extend(items.iter().filter_map(|item| {
                    item.get_ref()
                        .as_table()
                        .map(|table| (inner.clone(), table))
                })),
                _ => {}
            }
        }
    }
    None
}

/// The entries that deserialized; each other one is reported at its table
/// header, except the one holding the error already reported (the last
/// header before that error: an entry's span is its `[[…]]` header).
fn good_entries<T>(
    cx: &mut ValidationContext,
    reported: &Range<usize>,
    entries: Vec<Spanned<Entry<T>>>,
) -> Vec<Spanned<T>> {
    let holder = entries
        .iter()
        .filter(|e| matches!(e.get_ref(), Entry::Bad(_)) && e.span().start <= reported.start)
        .map(|e| e.span().start)
        .max();
    let mut good = Vec::new();
    for entry in entries {
        let span = entry.span();
        match entry.into_inner() {
            Entry::Ok(value) => good.push(Spanned::new(span, value)),
            Entry::Bad(_) if Some(span.start) == holder => {}
            Entry::Bad(reason) => cx.report(findings::mistyped_field(
                cx.file,
                span,
                Mistyped::LeftOut(reason),
            )),
        }
    }
    good
}
