//! A `[[target]]` table: id, text, direction and milestones.

use std::collections::BTreeMap;

use toml::Spanned;

use super::{located, required, required_text, ValidationContext};
use crate::model::{Direction, Milestone, Target, Value};
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
    let direction = raw
        .direction
        .map_or(Direction::AtLeast, |d| direction(cx, d));
    let milestones = raw
        .milestones
        .map(|m| milestones(cx, m))
        .unwrap_or_default();
    Some(Target {
        header,
        id: id?,
        text: text.map(|t| t.value).unwrap_or_default(),
        unit: raw.unit.map(located),
        direction,
        milestones,
        refines: raw.refines.map(located),
        note: raw.note.map(Spanned::into_inner),
    })
}

fn direction(cx: &mut ValidationContext, direction: Spanned<String>) -> Direction {
    match direction.get_ref().as_str() {
        "at-least" => Direction::AtLeast,
        "at-most" => Direction::AtMost,
        _ => {
            let span = direction.span();
            cx.report(mistyped_field::Finding {
                file: cx.file,
                span,
                mistyped: Mistyped::Direction(direction.get_ref()),
            });
            Direction::AtLeast
        }
    }
}

type RawMilestones = BTreeMap<Spanned<String>, Spanned<toml::Value>>;

fn milestones(cx: &mut ValidationContext, milestones: Spanned<RawMilestones>) -> Vec<Milestone> {
    let mut out = Vec::new();
    for (year, value) in milestones.into_inner() {
        let year_value = year
            .get_ref()
            .parse::<i32>()
            .ok()
            .filter(|y| (1000..=9999).contains(y));
        let Some(year_value) = year_value else {
            let span = year.span();
            cx.report(mistyped_field::Finding {
                file: cx.file,
                span,
                mistyped: Mistyped::MilestoneKey(year.get_ref()),
            });
            continue;
        };
        let span = value.span();
        let parsed = match value.get_ref() {
            toml::Value::Array(items) if items.len() == 2 => number(&items[0])
                .zip(number(&items[1]))
                .map(|(a, b)| Value::Band(a, b)),
            other => number(other).map(Value::Single),
        };
        match parsed {
            Some(value) => out.push(Milestone {
                year: year_value,
                value,
                span,
            }),
            None => cx.report(mistyped_field::Finding {
                file: cx.file,
                span,
                mistyped: Mistyped::MilestoneValue,
            }),
        }
    }
    out
}

fn number(value: &toml::Value) -> Option<f64> {
    match value {
        toml::Value::Integer(i) => Some(*i as f64),
        toml::Value::Float(f) if f.is_finite() => Some(*f),
        _ => None,
    }
}
