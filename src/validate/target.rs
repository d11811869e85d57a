//! A `[[target]]` table: id, text, kind, direction, baseline, groups and
//! milestones.

use std::collections::BTreeMap;
use std::ops::Range;

use toml::de::DeValue;
use toml::Spanned;

use super::{located, missing, required, required_text, ValidationContext};
use crate::figure::Figure;
use crate::model::{Baseline, Direction, Milestone, Target, Value};
use crate::raw::RawTarget;
use crate::rules::mistyped_field::{self, Mistyped};

/// The target, or `None` when it has no id (every other problem reported).
pub fn target(cx: &mut ValidationContext, target: Spanned<RawTarget>) -> Option<Target> {
    let header = target.span();
    let raw = target.into_inner();
    let id = required(cx, raw.id, &header, "target", "id", "id = \"nu-lanh-dao\"");
    let text = required_text(
        cx,
        raw.text,
        &header,
        "target",
        "text",
        "text = \"Tỷ lệ …\"",
    );
    let qualitative = raw.kind.is_some_and(|k| qualitative(cx, k));
    let by = if qualitative {
        for (field, span) in [
            ("unit", raw.unit.as_ref().map(Spanned::span)),
            ("milestones", raw.milestones.as_ref().map(Spanned::span)),
            ("baseline", raw.baseline.as_ref().map(Spanned::span)),
        ] {
            if let Some(span) = span {
                cx.report(mistyped_field::Finding {
                    file: cx.file,
                    span,
                    mistyped: Mistyped::NotQualitative(field),
                });
            }
        }
        match raw.by {
            Some(by) => year(cx, by),
            None => {
                missing(cx, &header, "target", "by", "by = 2025");
                None
            }
        }
    } else {
        if let Some(by) = &raw.by {
            cx.report(mistyped_field::Finding {
                file: cx.file,
                span: by.span(),
                mistyped: Mistyped::ByOnNumeric,
            });
        }
        None
    };
    let direction = raw
        .direction
        .map_or(Direction::AtLeast, |d| direction(cx, d));
    let groups: Vec<String> = raw
        .groups
        .map(|g| {
            g.into_inner()
                .into_iter()
                .map(Spanned::into_inner)
                .collect()
        })
        .unwrap_or_default();
    let mut milestones = raw
        .milestones
        .filter(|_| !qualitative)
        .map(|m| milestones(cx, m, &groups))
        .unwrap_or_default();
    milestones.sort_by(|a, b| (a.year, &a.group).cmp(&(b.year, &b.group)));
    Some(Target {
        header,
        id: id?,
        section: raw.section.map(Spanned::into_inner),
        text: text.map(|t| t.value).unwrap_or_default(),
        by: by.filter(|_| qualitative),
        unit: raw.unit.filter(|_| !qualitative).map(located),
        direction,
        baseline: raw
            .baseline
            .filter(|_| !qualitative)
            .and_then(|b| baseline(cx, b)),
        groups,
        milestones,
        sustained: raw.sustained.is_some_and(|s| *s.get_ref()),
        refines: raw.refines.map(located),
        note: raw.note.map(Spanned::into_inner),
    })
}

/// `kind`: `numeric` (the default) or `qualitative`.
fn qualitative(cx: &mut ValidationContext, kind: Spanned<String>) -> bool {
    match kind.get_ref().as_str() {
        "qualitative" => true,
        "numeric" => false,
        written => {
            cx.report(mistyped_field::Finding {
                file: cx.file,
                span: kind.span(),
                mistyped: Mistyped::Word {
                    what: "target kind",
                    written,
                    known: &["numeric", "qualitative"],
                },
            });
            false
        }
    }
}

fn direction(cx: &mut ValidationContext, direction: Spanned<String>) -> Direction {
    let written = direction.get_ref().as_str();
    if let Some((_, d)) = Direction::ALL.iter().find(|(name, _)| *name == written) {
        return *d;
    }
    cx.report(mistyped_field::Finding {
        file: cx.file,
        span: direction.span(),
        mistyped: Mistyped::Direction(written),
    });
    Direction::AtLeast
}

/// A four-digit year written as a TOML integer.
fn year(cx: &mut ValidationContext, value: Spanned<toml::Value>) -> Option<i32> {
    let found = value
        .get_ref()
        .as_integer()
        .and_then(|y| i32::try_from(y).ok())
        .filter(|y| (1000..=9999).contains(y));
    if found.is_none() {
        cx.report(mistyped_field::Finding {
            file: cx.file,
            span: value.span(),
            mistyped: Mistyped::NotYear(value.get_ref().to_string()),
        });
    }
    found
}

fn baseline(cx: &mut ValidationContext, value: Spanned<toml::Value>) -> Option<Baseline> {
    let span = value.span();
    let parsed = value.get_ref().as_table().and_then(|table| {
        let known = table.keys().all(|k| k == "year" || k == "value");
        let value = number(table.get("value")?)?;
        let year = match table.get("year") {
            None => None,
            Some(y) => Some(
                y.as_integer()
                    .and_then(|y| i32::try_from(y).ok())
                    .filter(|y| (1000..=9999).contains(y))?,
            ),
        };
        known.then_some(Baseline { year, value })
    });
    if parsed.is_none() {
        cx.report(mistyped_field::Finding {
            file: cx.file,
            span,
            mistyped: Mistyped::NotABaseline,
        });
    }
    parsed
}

type RawMilestones = BTreeMap<Spanned<String>, Spanned<toml::Value>>;

fn milestones(
    cx: &mut ValidationContext,
    milestones: Spanned<RawMilestones>,
    groups: &[String],
) -> Vec<Milestone> {
    let mut out = Vec::new();
    for (year, value) in milestones.into_inner() {
        let key = year.get_ref();
        let year_value = key
            .parse::<i32>()
            .ok()
            .filter(|y| key.bytes().all(|b| b.is_ascii_digit()) && (1000..=9999).contains(y))
            .filter(|_| key.len() == 4);
        let Some(year_value) = year_value else {
            cx.report(mistyped_field::Finding {
                file: cx.file,
                span: year.span(),
                mistyped: Mistyped::MilestoneKey(year.get_ref()),
            });
            continue;
        };
        let span = value.span();
        // The value is read again from its text: the parsed `toml::Value`
        // holds a float as a double, and the digits are what count.
        let text = cx.text.get(span.clone()).unwrap_or_default();
        let Ok(written) = DeValue::parse(text) else {
            push(cx, &mut out, year_value, None, Err(None), span);
            continue;
        };
        let DeValue::Table(per_group) = written.get_ref() else {
            let parsed = value_of(written.get_ref()).ok_or(text_of(written.get_ref()));
            push(cx, &mut out, year_value, None, parsed, span);
            continue;
        };
        // A finding about one group points at its entry in the table.
        for (group, figure) in per_group {
            let group: &str = group.get_ref();
            let at = entry_span(cx.text, &span, group);
            if !groups.iter().any(|g| g == group) {
                cx.report(mistyped_field::Finding {
                    file: cx.file,
                    span: at,
                    mistyped: Mistyped::UnknownGroup {
                        written: group,
                        groups,
                    },
                });
                continue;
            }
            let parsed = value_of(figure.get_ref()).ok_or(text_of(figure.get_ref()));
            push(cx, &mut out, year_value, Some(group.to_owned()), parsed, at);
        }
    }
    out
}

/// A figure or a band `[low, high]`, exactly as written.
fn value_of(value: &DeValue) -> Option<Value> {
    match value {
        DeValue::Array(items) if items.len() == 2 => figure(items[0].get_ref())
            .zip(figure(items[1].get_ref()))
            .map(|(a, b)| Value::Band(a, b)),
        other => figure(other).map(Value::Single),
    }
}

/// A number exactly as written; `None` for anything else, and for
/// `inf`, `nan` or a figure too large or too fine to be a target.
fn figure(value: &DeValue) -> Option<Figure> {
    match value {
        DeValue::Integer(integer) => Figure::integer(integer.as_str(), integer.radix()),
        DeValue::Float(float) => Figure::decimal(float.as_str()),
        _ => None,
    }
}

/// The text of a string value (a milestone written "40%").
fn text_of<'v>(value: &'v DeValue) -> Option<&'v str> {
    match value {
        DeValue::String(text) => Some(text),
        _ => None,
    }
}

/// Keeps a milestone, or reports one that is no figure or band (`Err`,
/// with its text when it is a string).
fn push(
    cx: &mut ValidationContext,
    out: &mut Vec<Milestone>,
    year: i32,
    group: Option<String>,
    value: Result<Value, Option<&str>>,
    span: Range<usize>,
) {
    match value {
        Ok(value) => out.push(Milestone {
            year,
            group,
            value,
            span,
        }),
        Err(written) => {
            cx.report(mistyped_field::Finding {
                file: cx.file,
                span,
                mistyped: Mistyped::MilestoneValue {
                    year,
                    group: group.as_deref(),
                    written,
                },
            });
        }
    }
}

/// Where a group's entry is written inside an inline table (its name,
/// quoted or bare); the whole table when it cannot be told.
fn entry_span(text: &str, table: &Range<usize>, group: &str) -> Range<usize> {
    let Some(inside) = text.get(table.clone()) else {
        return table.clone();
    };
    let quoted = format!("\"{group}\"");
    inside
        .find(&quoted)
        .map(|at| (at, quoted.len()))
        .or_else(|| inside.find(group).map(|at| (at, group.len())))
        .map_or(table.clone(), |(at, len)| {
            table.start + at..table.start + at + len
        })
}

fn number(value: &toml::Value) -> Option<f64> {
    match value {
        toml::Value::Integer(i) => Some(*i as f64),
        toml::Value::Float(f) if f.is_finite() => Some(*f),
        _ => None,
    }
}
