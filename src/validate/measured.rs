//! An `[[actual]]`'s `value`: the figures read (finite, each group's where
//! its key is written), and the group keys its target does not have. A
//! table may hold 100,000 groups, so nothing here compares every group
//! with every other.

use std::ops::Range;

use toml::Spanned;

use super::progress::mistyped;
use super::ValidationContext;
use crate::model::{Located, Measured};
use crate::raw::RawMeasured;
use crate::rules::mistyped_field::Mistyped;
use crate::rules::unknown_group;
use crate::suggest::Suggester;

/// A number, or a table of numbers per group, the groups sorted by name
/// (so a group's figure is found by binary search). A figure that is not
/// finite (`nan`, `inf`) is reported where it is written, and so is a
/// group's value that is not a number.
pub(super) fn measured(
    cx: &mut ValidationContext,
    value: Spanned<RawMeasured>,
) -> Option<Measured> {
    let span = value.span();
    match value.into_inner() {
        RawMeasured::One(f) => finite(cx, f, &span).map(|f| Measured::One(Located::new(f, span))),
        RawMeasured::Groups(groups) => {
            let mut figures = Vec::with_capacity(groups.len());
            for (group, value) in groups {
                let at = value.span();
                let number = match value.get_ref() {
                    toml::Value::Float(f) => finite(cx, *f, &at),
                    toml::Value::Integer(i) => Some(*i as f64),
                    _ => {
                        cx.report(mistyped(cx.file, &at, not_a_number()));
                        None
                    }
                };
                let group = Located::new(group.get_ref().clone(), group.span());
                figures.push(number.map(|f| (group, Located::new(f, at))));
            }
            let mut figures: Vec<_> = figures.into_iter().collect::<Option<_>>()?;
            figures.sort_by(|(a, _): &(Located<String>, _), (b, _)| a.value.cmp(&b.value));
            Some(Measured::Groups(figures))
        }
        RawMeasured::Other => {
            cx.report(mistyped(cx.file, &span, not_a_number()));
            None
        }
    }
}

fn not_a_number() -> Mistyped<'static> {
    Mistyped::WrongType("expected a number, or a table of numbers per group".into())
}

/// `figure` when it is finite (`-0` read as `0`), else reported at `span`.
fn finite(cx: &mut ValidationContext, figure: f64, span: &Range<usize>) -> Option<f64> {
    if figure.is_finite() {
        return Some(figure + 0.0);
    }
    let written = cx.text.get(span.clone()).unwrap_or("nan").trim().to_owned();
    cx.report(mistyped(cx.file, span, Mistyped::NotFinite(written)));
    None
}

/// How many unknown group keys of one actual get a "did you mean": past a
/// few, the keys are wrong as a whole (another target's, a misspelt
/// prefix), and each suggestion costs a search of the target's groups.
const GROUPS_SUGGESTED: usize = 100;

/// A group key of `value` the target lacks, or one number for a target
/// with groups. The target's groups are sorted once and the "did you
/// mean" index built once per actual, so a table of 100,000 groups costs
/// time in proportion to its size, not to its square.
pub(super) fn unknown_groups<'a>(
    file: &'a str,
    target: &'a str,
    known: &'a [String],
    value: &'a Measured,
) -> Vec<unknown_group::Finding<'a>> {
    let finding = |span: Range<usize>, group: Option<&'a str>, closest: Option<&'a str>| {
        unknown_group::Finding {
            file,
            span,
            target,
            group,
            groups: known,
            closest,
        }
    };
    let values = match value {
        Measured::One(figure) if !known.is_empty() => {
            return vec![finding(figure.span.clone(), None, None)]
        }
        Measured::One(_) => return Vec::new(),
        Measured::Groups(values) => values,
    };
    let mut sorted: Vec<&str> = known.iter().map(String::as_str).collect();
    sorted.sort_unstable();
    let unknown: Vec<&Located<String>> = values
        .iter()
        .map(|(group, _)| group)
        .filter(|g| sorted.binary_search(&g.value.as_str()).is_err())
        .collect();
    if unknown.is_empty() {
        return Vec::new();
    }
    let suggester = Suggester::new(sorted.iter().copied());
    unknown
        .into_iter()
        .enumerate()
        .map(|(nth, g)| {
            let closest = (nth < GROUPS_SUGGESTED)
                .then(|| suggester.closest(&g.value, 1).first().copied())
                .flatten()
                .and_then(|c| sorted.binary_search(&c).ok().map(|i| sorted[i]));
            finding(g.span.clone(), Some(&g.value), closest)
        })
        .collect()
}
