use std::ops::Range;

use crate::diagnostic::{Code, Diagnostic};
use crate::model::{Outline, Direction, Value};
use crate::resolve::Index;

use super::refs::{each_plan, refined, unit};

rule! {
    /// ## What it finds
    ///
    /// A milestone of a refining target that asks less, for the same
    /// year, than the parent target's milestone: a lower floor for an
    /// `at-least` or `above` target, a higher ceiling for an `at-most` or
    /// `below` one (a strict bound compares as its non-strict form). With
    /// `groups`, each group's figure is compared with the parent's figure
    /// for that group. A level (`about`) is not judged.
    ///
    /// ## Why it matters
    ///
    /// A local plan carries out a national one; a weaker figure means the
    /// national target cannot be met there, or a figure was mistyped.
    ///
    /// ## Example
    ///
    /// ```toml
    /// [[target]]
    /// id = "nu-lanh-dao"
    /// text = "Tỷ lệ …"
    /// unit = "%"
    /// milestones = { 2025 = 50 }   # the parent asks for 60 in 2025
    /// refines = "vn/qd-2282-2020#nu-lanh-dao"
    /// ```
    ///
    /// ## How to fix
    ///
    /// Check the figure against both documents; keep it if the local
    /// document really asks less (the warning then records that).
    name: "weaker-target",
    severity: Warning,
    phase: Repository,
    summary: "a target is weaker than the parent target it refines, for the same year",
}

/// A milestone weaker than its parent's.
pub struct Finding<'a> {
    pub file: &'a str,
    pub span: Range<usize>,
    pub target: &'a str,
    pub year: i32,
    /// The group the figures are for, when the target has groups.
    pub group: Option<&'a str>,
    pub value: Value,
    pub parent: &'a str,
    pub parent_value: Value,
    pub direction: Direction,
    pub parent_file: &'a str,
    pub parent_span: Range<usize>,
}

impl From<Finding<'_>> for Diagnostic {
    fn from(f: Finding<'_>) -> Self {
        let bound = if f.direction.is_ceiling() {
            "a ceiling: its highest figure not above the parent's"
        } else {
            "a floor: its lowest figure not below the parent's"
        };
        let group = f.group.map_or(String::new(), |g| format!(" for `{g}`"));
        Diagnostic::new(
            Code::WeakerTarget,
            f.file,
            f.span,
            format!(
                "target `{}` asks for {}{group} in {}, weaker than {} in the target it refines",
                f.target, f.value, f.year, f.parent_value
            ),
        )
        .with_label("weaker than the parent")
        .with_help(format!(
            "`{}` asks for {} in {}; a refining target should ask at least as much ({bound})",
            f.parent, f.parent_value, f.year
        ))
        .with_related(f.parent_file, f.parent_span, "the parent milestone")
    }
}

fn check(index: &Index<Outline>, out: &mut Vec<Diagnostic>) {
    each_plan(index, out, |plan, out| {
        for target in &plan.targets {
            let Some((parent, parent_target)) = refined(index, target) else {
                continue;
            };
            if unit(target) != unit(parent_target) {
                continue;
            }
            if target.direction == Direction::About {
                continue;
            }
            for milestone in &target.milestones {
                let Some(parent_milestone) =
                    parent_target.milestone(milestone.year, milestone.group.as_deref())
                else {
                    continue;
                };
                let direction = parent_target.direction;
                if direction.at_least_as_strong(milestone.value, parent_milestone.value) != Some(false) {
                    continue;
                }
                out.push(
                    Finding {
                        file: &plan.file,
                        span: milestone.span.clone(),
                        target: &target.id.value,
                        year: milestone.year,
                        group: milestone.group.as_deref(),
                        value: milestone.value,
                        parent: &parent.id.value,
                        parent_value: parent_milestone.value,
                        direction,
                        parent_file: &parent.file,
                        parent_span: parent_milestone.span.clone(),
                    }
                    .into(),
                );
            }
        }
    });
}
