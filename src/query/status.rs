//! `gplan status`: what was delivered, what is overdue, and whether each
//! target is on track, as of a day.
//!
//! A duty's occurrence is `delivered` (a report on or before its
//! deadline), `late` (a report after it), `overdue` (no report and the
//! deadline passed) or `due-soon` (no report, deadline within
//! [`SOON_DAYS`]). A target is judged by its latest actual against its
//! next milestone and the straight line to that milestone.

use std::collections::HashMap;

use chrono::{Datelike, Duration, NaiveDate};

use crate::model::{Actual, Direction, Measured, Milestone, Plan, Report, Target};
use crate::query::Filter;
use crate::validate::progress::{Answered, Measurement, PlanFacts};

/// Occurrences without a report due this close are listed as `due-soon`.
pub const SOON_DAYS: i64 = 30;

/// Where an occurrence of a duty stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum DutyState {
    Overdue,
    Late,
    Delivered,
    DueSoon,
}

impl DutyState {
    /// The word used in every output.
    pub fn as_str(self) -> &'static str {
        match self {
            DutyState::Overdue => "overdue",
            DutyState::Late => "late",
            DutyState::Delivered => "delivered",
            DutyState::DueSoon => "due-soon",
        }
    }
}

/// One occurrence of a duty and where it stands.
#[derive(Debug)]
pub struct DutyRow<'a> {
    pub deadline: NaiveDate,
    pub plan: &'a Plan,
    pub task: &'a crate::model::Task,
    pub state: DutyState,
    pub report: Option<&'a Report>,
}

/// Where a target stands; ordered from best to worst.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum TargetState {
    Met,
    OnTrack,
    Behind,
    NoData,
}

impl TargetState {
    /// The word used in every output.
    pub fn as_str(self) -> &'static str {
        match self {
            TargetState::Met => "met",
            TargetState::OnTrack => "on-track",
            TargetState::Behind => "behind",
            TargetState::NoData => "no-data",
        }
    }
}

/// One target and where it stands.
#[derive(Debug)]
pub struct TargetRow<'a> {
    pub plan: &'a Plan,
    pub target: &'a Target,
    /// The actual of the latest year.
    pub latest: Option<&'a Actual>,
    /// The first milestone in or after the latest actual's year (or, with
    /// no actual, after today's year).
    pub next: Option<&'a Milestone>,
    pub state: TargetState,
}

/// The status of every kept plan.
#[derive(Debug, Default)]
pub struct Status<'a> {
    /// By deadline, plan, task.
    pub duties: Vec<DutyRow<'a>>,
    /// By plan, then the targets' order in the plan.
    pub targets: Vec<TargetRow<'a>>,
}

impl Status<'_> {
    /// Whether any occurrence is overdue (`--fail-on overdue`).
    pub fn any_overdue(&self) -> bool {
        self.duties.iter().any(|d| d.state == DutyState::Overdue)
    }
}

/// The status of the plans `filter` keeps, as of `today`, from the
/// reports and actuals that resolved. With an owner, only the duties that
/// name one of its bodies are listed, and no targets (a target belongs to
/// its plan, not to a body).
pub fn status<'a>(
    plans: &'a [Plan],
    answered: &[Answered<'a>],
    measured: &[Measurement<'a>],
    filter: &Filter,
    today: NaiveDate,
) -> Status<'a> {
    let reports: HashMap<(&str, &str, NaiveDate), &Report> = answered
        .iter()
        .filter_map(|a| Some(((&*a.plan, &*a.task, a.deadline?), a.report)))
        .collect();
    let mut actuals: HashMap<(&str, &str), Vec<&Actual>> = HashMap::new();
    for m in measured {
        actuals
            .entry((&m.plan, &m.target))
            .or_default()
            .push(m.actual);
    }
    let mut status = Status::default();
    let kept = plans.iter().filter(|p| {
        filter.keeps_plan(
            &p.id.value,
            p.jurisdiction.as_ref().map(|j| j.value.as_str()),
        )
    });
    for plan in kept {
        duties(plan, &reports, filter, today, &mut status.duties);
        if filter.owner.is_none() {
            for target in &plan.targets {
                let found = actuals
                    .get(&(plan.id.value.as_str(), target.id.value.as_str()))
                    .map_or(&[][..], Vec::as_slice);
                status.targets.push(judge(plan, target, found, today));
            }
        }
    }
    status.duties.sort_by(|a, b| {
        (a.deadline, &a.plan.id.value, &a.task.id.value).cmp(&(
            b.deadline,
            &b.plan.id.value,
            &b.task.id.value,
        ))
    });
    status
}

fn duties<'a>(
    plan: &'a Plan,
    reports: &HashMap<(&str, &str, NaiveDate), &'a Report>,
    filter: &Filter,
    today: NaiveDate,
    out: &mut Vec<DutyRow<'a>>,
) {
    let facts = PlanFacts::of_plan(plan);
    let soon = today + Duration::days(SOON_DAYS);
    let owned = plan
        .tasks
        .iter()
        .filter(|t| filter.owner.is_none() || t.names().any(|n| filter.keeps_owner(&n.value)));
    for task in owned {
        for deadline in facts.deadlines(&task.due) {
            let report = reports
                .get(&(plan.id.value.as_str(), task.id.value.as_str(), deadline))
                .copied();
            let state = match report {
                Some(r) if r.delivered.value <= deadline => DutyState::Delivered,
                Some(_) => DutyState::Late,
                None if deadline < today => DutyState::Overdue,
                None if deadline <= soon => DutyState::DueSoon,
                None => continue,
            };
            out.push(DutyRow {
                deadline,
                plan,
                task,
                state,
                report,
            });
        }
    }
}

/// A target's row: its latest actual (the last written of the latest
/// year), the next milestone, and the state.
fn judge<'a>(
    plan: &'a Plan,
    target: &'a Target,
    actuals: &[&'a Actual],
    today: NaiveDate,
) -> TargetRow<'a> {
    let latest = actuals
        .iter()
        .copied()
        .max_by_key(|a| a.year.value)
        .and_then(|max| {
            actuals
                .iter()
                .rev()
                .find(|a| a.year.value == max.year.value)
        })
        .copied();
    let from_year = latest.map_or(today.year(), |a| a.year.value);
    let next = target.milestones.iter().find(|m| m.year >= from_year);
    let state = match latest {
        None => TargetState::NoData,
        Some(latest) => {
            let goal = next.or(target.milestones.last());
            goal.map_or(TargetState::NoData, |goal| {
                state(target.direction, actuals, latest, goal)
            })
        }
    };
    TargetRow {
        plan,
        target,
        latest,
        next,
        state,
    }
}

/// The worst state over the groups of the latest actual (one figure is
/// one group). Each group's line starts at that group's first actual.
fn state(
    direction: Direction,
    actuals: &[&Actual],
    latest: &Actual,
    goal: &Milestone,
) -> TargetState {
    let first_year = actuals.iter().map(|a| a.year.value).min();
    let first = first_year.and_then(|y| actuals.iter().find(|a| a.year.value == y));
    let figures = figures(&latest.value);
    figures
        .iter()
        .map(|(group, value)| {
            let start = first
                .and_then(|f| figures_of(&f.value, *group))
                .map(|v| (first_year.unwrap_or(latest.year.value), v));
            one(direction, (latest.year.value, *value), start, goal)
        })
        .max()
        .unwrap_or(TargetState::NoData)
}

/// Each group's figure (`None` for a single figure).
fn figures(value: &Measured) -> Vec<(Option<&str>, f64)> {
    match value {
        Measured::One(v) => vec![(None, v.value)],
        Measured::Groups(groups) => groups
            .iter()
            .map(|(g, v)| (Some(g.value.as_str()), v.value))
            .collect(),
    }
}

fn figures_of(value: &Measured, group: Option<&str>) -> Option<f64> {
    figures(value)
        .into_iter()
        .find(|(g, _)| *g == group)
        .map(|(_, v)| v)
}

/// One figure against the goal: met, else behind once the goal's year
/// came, else on the straight line from `start` (year, value) to the goal.
fn one(
    direction: Direction,
    (year, value): (i32, f64),
    start: Option<(i32, f64)>,
    goal: &Milestone,
) -> TargetState {
    // A level ("khoảng", `about`) is judged as the floor it is reached
    // from; strict bounds as their non-strict forms.
    let wanted = match direction {
        Direction::AtLeast | Direction::Above | Direction::About => goal.value.low(),
        Direction::AtMost | Direction::Below => goal.value.high(),
    }
    .to_f64();
    if meets(direction, value, wanted) {
        return TargetState::Met;
    }
    if year >= goal.year {
        return TargetState::Behind;
    }
    let Some((from_year, from_value)) = start.filter(|(y, _)| *y < year) else {
        // The first figure is the start of its own line.
        return TargetState::OnTrack;
    };
    let share = f64::from(year - from_year) / f64::from(goal.year - from_year);
    let expected = from_value + (wanted - from_value) * share;
    if meets(direction, value, expected) {
        TargetState::OnTrack
    } else {
        TargetState::Behind
    }
}

/// Whether `value` satisfies a floor or a ceiling of `wanted`.
fn meets(direction: Direction, value: f64, wanted: f64) -> bool {
    match direction {
        Direction::AtLeast | Direction::About => value >= wanted,
        Direction::Above => value > wanted,
        Direction::AtMost => value <= wanted,
        Direction::Below => value < wanted,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Value;

    fn goal(year: i32, value: f64) -> Milestone {
        Milestone {
            year,
            value: Value::Single(
                crate::figure::Figure::decimal(&value.to_string()).expect("a decimal"),
            ),
            group: None,
            span: 0..0,
        }
    }

    #[test]
    fn a_figure_is_judged_against_the_line_to_the_milestone() {
        let sixty = goal(2025, 60.0);
        let up = Direction::AtLeast;
        assert_eq!(
            one(up, (2024, 61.0), Some((2022, 40.0)), &sixty),
            TargetState::Met
        );
        // The line from 40 in 2022 to 60 in 2025 passes 53.3 in 2024.
        assert_eq!(
            one(up, (2024, 54.0), Some((2022, 40.0)), &sixty),
            TargetState::OnTrack
        );
        assert_eq!(
            one(up, (2024, 50.0), Some((2022, 40.0)), &sixty),
            TargetState::Behind
        );
        assert_eq!(
            one(up, (2025, 59.0), Some((2022, 40.0)), &sixty),
            TargetState::Behind
        );
        assert_eq!(one(up, (2024, 50.0), None, &sixty), TargetState::OnTrack);
        let down = Direction::AtMost;
        assert_eq!(
            one(down, (2024, 30.0), Some((2022, 40.0)), &goal(2025, 20.0)),
            TargetState::Behind
        );
        assert_eq!(
            one(down, (2024, 26.0), Some((2022, 40.0)), &goal(2025, 20.0)),
            TargetState::OnTrack
        );
    }
}
