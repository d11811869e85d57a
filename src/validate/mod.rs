//! The validate phase: a file's raw structs (`raw`) become the `model`,
//! and every problem on the way is collected, never only the first. One
//! module per table family: `plan` (the `[plan]` header), `task`,
//! `target`, `registry`; `document` reads a whole file and says what is
//! wrong when it does not fit the raw structs; `date` is the one
//! conversion of TOML dates; `text` finds characters that are not text. What they find is the `Finding` of its rule
//! (`rules::…`), which alone writes the message.
//!
//! Rules that need the whole repository run later, in `rules`.

pub mod catalogue;
mod date;
mod document;
mod header;
mod measured;
pub use document::syntax_error;
mod plan;
pub mod progress;
pub mod registry;
mod target;
mod task;
mod text;
mod unknown_keys;

use std::ops::Range;

use rustc_hash::FxHashSet;
use toml::Spanned;

use crate::diagnostic::Diagnostic;
use crate::model::{Located, Name, Plan};
use crate::names::is_blank;
use crate::raw::{self, OneOrMany, RawFile};
use crate::source::LineIndex;

use crate::rules::missing_field::{self, Missing};
use crate::rules::toml_syntax::{self, Syntax};
use crate::rules::{empty_file, unknown_field};

/// What a `.toml` file turned out to be.
#[derive(Debug)]
pub enum Outcome {
    Plan(Box<Plan>),
    /// Valid TOML without a `[plan]` table: not gplan's business.
    NotAPlan,
    /// A file that should have been a plan but could not be read as one.
    Broken,
}

/// Everything known while one file is validated, and every finding so far.
pub struct ValidationContext<'a> {
    pub file: &'a str,
    pub text: &'a str,
    pub lines: &'a LineIndex,
    out: &'a mut Vec<Diagnostic>,
    /// Every body's name met so far in this file, once.
    names: FxHashSet<Name>,
}

impl<'a> ValidationContext<'a> {
    pub fn new(
        file: &'a str,
        text: &'a str,
        lines: &'a LineIndex,
        out: &'a mut Vec<Diagnostic>,
    ) -> Self {
        ValidationContext {
            file,
            text,
            lines,
            out,
            // Room for the bodies a plan usually names, without rehashing.
            names: FxHashSet::with_capacity_and_hasher(64, Default::default()),
        }
    }

    /// Records a finding (a rule's `Finding`, or a diagnostic).
    pub fn report(&mut self, finding: impl Into<Diagnostic>) {
        self.out.push(finding.into());
    }

    /// How many findings were recorded so far (to tell whether a step
    /// found something).
    pub fn reported(&self) -> usize {
        self.out.len()
    }

    /// A body's name, one allocation per spelling per file: a plan names
    /// the same few bodies in task after task.
    pub fn intern(&mut self, name: String) -> Name {
        if let Some(known) = self.names.get(name.as_str()) {
            return known.clone();
        }
        let name = Name::from(name);
        self.names.insert(name.clone());
        name
    }
}

/// Parses and validates one plan file, as `source::decode` returned it;
/// findings go to `out`.
pub fn load_plan(file: &str, text: &str, out: &mut Vec<Diagnostic>) -> Outcome {
    plan_file(file, text, &LineIndex::new(text), out)
}

/// Like [`load_plan`], with the text's line index already made (the
/// loader keeps it for rendering diagnostics later).
pub fn plan_file(file: &str, text: &str, lines: &LineIndex, out: &mut Vec<Diagnostic>) -> Outcome {
    let mut cx = ValidationContext::new(file, text, lines, out);
    if text.starts_with('\u{feff}') {
        // `decode` dropped the byte order mark at the start of the file, and
        // the TOML parser would silently skip this second one.
        cx.report(toml_syntax::Finding {
            file,
            span: 0..3,
            syntax: Syntax::SecondByteOrderMark,
        });
        return Outcome::Broken;
    }
    let outcome = match document::plan(&mut cx) {
        Some(raw) => validate(&mut cx, raw),
        None => Outcome::Broken,
    };
    // Other TOML files are not gplan's business, whatever they hold.
    if !matches!(outcome, Outcome::NotAPlan) {
        text::check(&mut cx);
    }
    outcome
}

fn validate(cx: &mut ValidationContext, raw: RawFile) -> Outcome {
    let Some(header) = raw.plan else {
        if raw.tasks.is_empty() && raw.targets.is_empty() {
            // Blank means what TOML accepts as blank: a form feed alone is a
            // syntax error above, not an empty file.
            if cx.text.trim().is_empty() {
                cx.report(empty_file::Finding { file: cx.file });
            }
            return Outcome::NotAPlan;
        }
        cx.report(missing_field::Finding {
            file: cx.file,
            span: 0..0,
            missing: Missing::PlanTable,
        });
        return Outcome::Broken;
    };
    for key in &raw.unknown_keys {
        cx.report(unknown_field::Finding {
            file: cx.file,
            span: key.span(),
            name: key.get_ref(),
            known: raw::FILE_KEYS,
            what: "top-level table",
            of_a_plan: false,
        });
    }
    match plan::plan(cx, header, raw.targets, raw.tasks) {
        Some(plan) => Outcome::Plan(Box::new(Plan {
            left_out: raw.left_out,
            ..plan
        })),
        None => Outcome::Broken,
    }
}

/// A required text field that must show something: absent, it is
/// reported at the table's header; blank, at its text, and dropped.
fn required_text(
    cx: &mut ValidationContext,
    value: Option<Spanned<String>>,
    header: &Range<usize>,
    table: &'static str,
    field: &'static str,
    example: &'static str,
) -> Option<Located<String>> {
    let value = required(cx, value, header, table, field, example)?;
    if !is_blank(&value.value) {
        return Some(value);
    }
    cx.report(missing_field::Finding {
        file: cx.file,
        span: value.span,
        missing: Missing::Blank { table, field },
    });
    None
}

/// Whether a name of a list is shown; a blank one is reported at its text
/// (and dropped by the caller).
fn is_shown(
    cx: &mut ValidationContext,
    name: &Located<String>,
    table: &'static str,
    field: &'static str,
) -> bool {
    if !is_blank(&name.value) {
        return true;
    }
    cx.report(missing_field::Finding {
        file: cx.file,
        span: name.span.clone(),
        missing: Missing::BlankName { table, field },
    });
    false
}

/// A required text field, reported at the table's header when absent.
fn required(
    cx: &mut ValidationContext,
    value: Option<Spanned<String>>,
    header: &Range<usize>,
    table: &'static str,
    field: &'static str,
    example: &'static str,
) -> Option<Located<String>> {
    if value.is_none() {
        missing(cx, header, table, field, example);
    }
    value.map(located)
}

fn missing(
    cx: &mut ValidationContext,
    header: &Range<usize>,
    table: &'static str,
    field: &'static str,
    example: &'static str,
) {
    cx.report(missing_field::Finding {
        file: cx.file,
        span: header.clone(),
        missing: Missing::Field {
            table,
            field,
            example: Some(example),
        },
    });
}

fn located(value: Spanned<String>) -> Located<String> {
    let span = value.span();
    Located::new(value.into_inner(), span)
}

/// The names of a one-or-many field, moved (not copied) into the model; a
/// lone value takes the span of the whole field, as `OneOrMany::items` says.
fn list(value: Option<Spanned<OneOrMany<String>>>) -> Vec<Located<String>> {
    let Some(value) = value else {
        return Vec::new();
    };
    let whole = value.span();
    match value.into_inner() {
        OneOrMany::One(text) => vec![Located::new(text, whole)],
        OneOrMany::Many(items) => items.into_iter().map(located).collect(),
    }
}
