use std::ops::Range;

use crate::diagnostic::{Code, Diagnostic};
use crate::model::{Milestone, Target};

use super::PlanContext;

rule! {
    /// ## What it finds
    ///
    /// A floor (`at-least`, the default, or `above`) whose milestones fall
    /// from one year to the next, or a ceiling (`at-most`, `below`) whose
    /// milestones rise; with `groups`, group by group.
    ///
    /// ## Why it matters
    ///
    /// A figure that falls over the years is almost always something to
    /// reduce ("giảm xuống còn", "dưới"): the `direction` was forgotten, so
    /// a plan that does worse than asked would pass every check.
    ///
    /// ## Example
    ///
    /// ```toml
    /// [[target]]
    /// id = "bao-luc-gia-dinh"
    /// text = "Tỷ lệ phụ nữ bị bạo lực gia đình"
    /// unit = "%"
    /// milestones = { 2023 = 19, 2025 = 18 }   # no direction: read as a floor
    /// ```
    ///
    /// ## How to fix
    ///
    /// Write the direction the document means: `direction = "at-most"`
    /// ("không quá", "giảm xuống còn") or `"below"` ("dưới"); `"about"`
    /// for a level to keep.
    name: "direction-suspect",
    severity: Warning,
    phase: Plan,
    summary: "a floor's milestones fall over the years, or a ceiling's rise",
}

/// A milestone that moves against its target's direction.
pub struct Finding<'a> {
    pub file: &'a str,
    /// The later milestone.
    pub span: Range<usize>,
    pub target: &'a str,
    pub floor: bool,
    pub earlier: &'a Milestone,
    pub later: &'a Milestone,
}

impl From<Finding<'_>> for Diagnostic {
    fn from(f: Finding<'_>) -> Self {
        let (moves, kind, fix) = if f.floor {
            (
                "falls",
                "a floor",
                "if the document asks to reduce the figure, write `direction = \"at-most\"` (or `\"below\"` for \"dưới\")",
            )
        } else {
            (
                "rises",
                "a ceiling",
                "if the document asks to raise the figure, write `direction = \"at-least\"` (or `\"above\"` for \"trên\")",
            )
        };
        let group = f
            .later
            .group
            .as_deref()
            .map_or(String::new(), |g| format!(" for `{g}`"));
        Diagnostic::new(
            Code::DirectionSuspect,
            f.file,
            f.span,
            format!(
                "target `{}` is {kind}, but its figure{group} {moves} from {} in {} to {} in {}",
                f.target, f.earlier.value, f.earlier.year, f.later.value, f.later.year
            ),
        )
        .with_label(format!("{moves} against the direction"))
        .with_help(fix)
    }
}

fn check(cx: &PlanContext, out: &mut Vec<Diagnostic>) {
    let plan = cx.plan;
    for target in &plan.targets {
        let floor = target.direction.is_floor();
        if !floor && !target.direction.is_ceiling() {
            continue;
        }
        if let Some((earlier, later)) = against(target, floor) {
            out.push(
                Finding {
                    file: &plan.file,
                    span: later.span.clone(),
                    target: &target.id.value,
                    floor,
                    earlier,
                    later,
                }
                .into(),
            );
        }
    }
}

/// The first pair of consecutive milestones of one group that moves
/// against the direction (milestones are sorted by year, then group).
fn against(target: &Target, floor: bool) -> Option<(&Milestone, &Milestone)> {
    let mut groups: Vec<Option<&str>> = target.milestones.iter().map(|m| m.group.as_deref()).collect();
    groups.dedup();
    groups.sort_unstable();
    groups.dedup();
    groups.into_iter().find_map(|group| {
        let series: Vec<&Milestone> = target
            .milestones
            .iter()
            .filter(|m| m.group.as_deref() == group)
            .collect();
        series.windows(2).find_map(|pair| {
            let (a, b) = (pair[0], pair[1]);
            let wrong = if floor {
                b.value.high() < a.value.low()
            } else {
                b.value.low() > a.value.high()
            };
            wrong.then_some((a, b))
        })
    })
}
