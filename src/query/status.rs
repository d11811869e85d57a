//! `gplan status`: what was delivered, what is overdue, and whether each
//! target is on track, as of a day.
//!
//! A duty's occurrence is `delivered` (a report on or before its
//! deadline), `late` (a report after it), `overdue` (no report and the
//! deadline passed) or `due-soon` (no report, deadline within
//! [`SOON_DAYS`]). A target is judged by its latest actual against its
//! next milestone and the straight line to that milestone.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{Datelike, Duration, NaiveDate};

use crate::model::{Actual, Direction, Measured, Milestone, Plan, Report, Target, Value};
use crate::query::duty::{plan_ranks, task_ranks};
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
    /// Its plan's and its task's rank (see [`plan_ranks`], [`task_ranks`]).
    place: (u32, u32),
}

/// Where a target (or one group of it) stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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

    /// The state of a target from its groups': `behind` when any group is
    /// behind (a known shortfall outweighs a missing figure), else
    /// `no-data` when any group has no figure, else `on-track` when any
    /// group is on its way, else `met`.
    pub fn worst(states: impl IntoIterator<Item = TargetState>) -> TargetState {
        let rank = |s: &TargetState| match s {
            TargetState::Met => 0,
            TargetState::OnTrack => 1,
            TargetState::NoData => 2,
            TargetState::Behind => 3,
        };
        states
            .into_iter()
            .max_by_key(rank)
            .unwrap_or(TargetState::NoData)
    }
}

/// One group of a target (the whole target when it has no groups) and
/// where it stands.
#[derive(Debug)]
pub struct GroupRow<'a> {
    /// `None` for a target without groups.
    pub group: Option<&'a str>,
    /// The group's figure of its latest year: (year, value).
    pub latest: Option<(i32, f64)>,
    /// The group's first milestone in or after that year (or, with no
    /// figure, in or after today's year).
    pub next: Option<&'a Milestone>,
    pub state: TargetState,
}

/// One target and where it stands.
#[derive(Debug)]
pub struct TargetRow<'a> {
    pub plan: &'a Plan,
    pub target: &'a Target,
    /// The actual of the latest year (the last written of that year).
    pub latest: Option<&'a Actual>,
    /// Each group judged on its own, in the target's order of `groups`;
    /// one row with no group for a target without groups.
    pub groups: Vec<GroupRow<'a>>,
    /// The worst of the groups' states (see [`TargetState::worst`]).
    pub state: TargetState,
}

/// The next milestone of a target: the earliest year among its groups'
/// next milestones, and the value due then for each group due that year
/// (one entry with no group for a target without groups).
#[derive(Debug)]
pub struct Next<'a> {
    pub year: i32,
    pub values: Vec<(Option<&'a str>, Value)>,
}

impl<'a> TargetRow<'a> {
    /// The next milestone over the groups; `None` when no group has one.
    pub fn next(&self) -> Option<Next<'a>> {
        let year = self
            .groups
            .iter()
            .filter_map(|g| g.next)
            .map(|m| m.year)
            .min()?;
        let values = self
            .groups
            .iter()
            .filter_map(|g| {
                g.next
                    .filter(|m| m.year == year)
                    .map(|m| (g.group, m.value))
            })
            .collect();
        Some(Next { year, values })
    }
}

/// The status of every kept plan.
#[derive(Debug, Default)]
pub struct Status<'a> {
    /// In `due`'s order (deadline, [`plan_ranks`], [`task_ranks`]), so
    /// the two lists can be read side by side.
    pub duties: Vec<DutyRow<'a>>,
    /// By plan, then the targets' order in the plan.
    pub targets: Vec<TargetRow<'a>>,
    /// Whether the duties are one body's (`--owner`): targets are then
    /// left out, a target belonging to its plan, not to a body.
    pub by_owner: bool,
}

impl Status<'_> {
    /// Whether any occurrence is overdue (`--fail-on overdue`).
    pub fn any_overdue(&self) -> bool {
        self.duties.iter().any(|d| d.state == DutyState::Overdue)
    }
}

/// The occurrences one body holds (`--owner`): plan id, task id,
/// deadline. After the 2025 reorganisation they include those passed on
/// from a dissolved body, so a report its successor sent answers them.
pub type Held<'h> = HashSet<(&'h str, &'h str, NaiveDate)>;

/// The status of the plans `filter` keeps, as of `today` (a report
/// delivered after it does not count yet), from the reports and actuals
/// that resolved. With an owner, only the occurrences it holds (`held`)
/// are listed, and no targets (a target belongs to its plan, not a body).
pub fn status<'a>(
    plans: &'a [Plan],
    answered: &[Answered<'a>],
    measured: &[Measurement<'a>],
    filter: &Filter,
    held: Option<&Held>,
    today: NaiveDate,
) -> Status<'a> {
    let reports: HashMap<(&str, &str, NaiveDate), &Report> = answered
        .iter()
        .filter(|a| a.report.delivered.value <= today)
        .filter_map(|a| Some(((a.plan, a.task, a.deadline?), a.report)))
        .collect();
    let mut last_reported: LastReported = HashMap::new();
    for &(plan, task, deadline) in reports.keys() {
        let last = last_reported.entry((plan, task)).or_insert(deadline);
        *last = (*last).max(deadline);
    }
    let mut actuals: HashMap<(&str, &str), Vec<&Actual>> = HashMap::new();
    for m in measured {
        actuals
            .entry((&m.plan, &m.target))
            .or_default()
            .push(m.actual);
    }
    let mut status = Status {
        by_owner: filter.owner.is_some(),
        ..Status::default()
    };
    let kept: Vec<&Plan> = plans
        .iter()
        .filter(|p| {
            let jurisdiction = p.jurisdiction.as_ref().map(|j| j.value.as_str());
            filter.keeps_plan(&p.id.value, jurisdiction)
        })
        .collect();
    for (plan, rank) in kept.iter().copied().zip(plan_ranks(&kept)) {
        let reported = (&reports, &last_reported);
        duties(plan, rank, reported, held, today, &mut status.duties);
        if filter.owner.is_none() {
            for target in &plan.targets {
                let found = actuals
                    .get(&(plan.id.value.as_str(), target.id.value.as_str()))
                    .map_or(&[][..], Vec::as_slice);
                status.targets.push(judge(plan, target, found, today));
            }
        }
    }
    let duties = &mut status.duties;
    duties.sort_unstable_by_key(|d| (d.deadline, d.place));
    status
}

/// The latest deadline a report answers, per plan and task.
type LastReported<'r> = HashMap<(&'r str, &'r str), NaiveDate>;

/// The rows of `plan`, ranked `plan_rank` among the listed plans, from
/// `reports` by the occurrence they answer, and the latest of each task:
/// past it and past the coming days a task's deadlines list nothing, so
/// they are not walked (a plan running to 9999 is read up to next month).
fn duties<'a>(
    plan: &'a Plan,
    plan_rank: u32,
    (reports, last): (&HashMap<(&str, &str, NaiveDate), &'a Report>, &LastReported),
    held: Option<&Held>,
    today: NaiveDate,
    out: &mut Vec<DutyRow<'a>>,
) {
    let facts = PlanFacts::of_plan(plan);
    let soon = today + Duration::days(SOON_DAYS);
    let id = plan.id.value.as_str();
    for (task, task_rank) in plan.tasks.iter().zip(task_ranks(plan)) {
        let until = last
            .get(&(id, task.id.value.as_str()))
            .map_or(soon, |last| soon.max(*last));
        let deadlines = facts.deadlines(&task.due).take_while(|d| *d <= until);
        let kept =
            deadlines.filter(|d| held.is_none_or(|h| h.contains(&(id, &*task.id.value, *d))));
        for deadline in kept {
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
                place: (plan_rank, task_rank),
            });
        }
    }
}

/// A target's row: its latest actual, and each group judged on its own
/// figures against its own milestones.
fn judge<'a>(
    plan: &'a Plan,
    target: &'a Target,
    actuals: &[&'a Actual],
    today: NaiveDate,
) -> TargetRow<'a> {
    let keys: Vec<Option<&str>> = if target.groups.is_empty() {
        vec![None]
    } else {
        target.groups.iter().map(|g| Some(g.as_str())).collect()
    };
    let line = Line {
        target,
        plan_start: plan.valid_period().map(|p| p.from.year()),
        today,
    };
    let groups: Vec<GroupRow> = keys.into_iter().map(|g| line.judge(g, actuals)).collect();
    TargetRow {
        plan,
        target,
        latest: latest_actual(actuals),
        state: TargetState::worst(groups.iter().map(|g| g.state)),
        groups,
    }
}

/// The actual of the latest year, the last written of that year.
fn latest_actual<'a>(actuals: &[&'a Actual]) -> Option<&'a Actual> {
    let year = actuals.iter().map(|a| a.year.value).max()?;
    actuals.iter().rev().find(|a| a.year.value == year).copied()
}

/// What judging one group of a target needs beyond its figures.
struct Line<'a> {
    target: &'a Target,
    /// The first year of the plan: where a baseline without a year stands.
    plan_start: Option<i32>,
    today: NaiveDate,
}

impl<'a> Line<'a> {
    /// The group's latest figure against its next milestone (else its
    /// last one, already past), on the straight line to it.
    fn judge(&self, group: Option<&'a str>, actuals: &[&Actual]) -> GroupRow<'a> {
        let figures = series(actuals, group);
        let milestones = milestones_of(self.target, group);
        let latest = figures.last().copied();
        let from_year = latest.map_or(self.today.year(), |(year, _)| year);
        let next = milestones.iter().copied().find(|m| m.year >= from_year);
        let state = match (latest, next.or(milestones.last().copied())) {
            (Some(latest), Some(goal)) => {
                let start = self.start(&figures, latest.0);
                let held = !self.target.sustained || self.held(&figures, &milestones, start);
                match one(self.target.direction, latest, start, goal) {
                    TargetState::Met | TargetState::OnTrack if !held => TargetState::Behind,
                    state => state,
                }
            }
            _ => TargetState::NoData,
        };
        GroupRow {
            group,
            latest,
            next,
            state,
        }
    }

    /// Whether every figure from the first milestone's year on meets the
    /// milestone in force that year (the last one in or before it): what
    /// a `sustained` target ("từ năm 2025 trở đi") promises. A year that
    /// fell short keeps the target behind, even when a later figure meets
    /// its goal again.
    fn held(
        &self,
        figures: &[(i32, f64)],
        milestones: &[&Milestone],
        start: Option<(i32, f64)>,
    ) -> bool {
        figures.iter().all(|&(year, value)| {
            let in_force = milestones.iter().rev().find(|m| m.year <= year);
            in_force.is_none_or(|goal| {
                one(self.target.direction, (year, value), start, goal) == TargetState::Met
            })
        })
    }

    /// Where the line starts: the baseline (in its year, else in the
    /// plan's first year) when that comes before the latest figure, else
    /// the group's first figure.
    fn start(&self, figures: &[(i32, f64)], latest_year: i32) -> Option<(i32, f64)> {
        let baseline = self
            .target
            .baseline
            .and_then(|b| Some((b.year.or(self.plan_start)?, b.value)));
        baseline
            .filter(|(year, _)| *year < latest_year)
            .or_else(|| figures.first().copied())
    }
}

/// A group's figures by year, earliest first; of two figures for one
/// year, the last written counts.
fn series(actuals: &[&Actual], group: Option<&str>) -> Vec<(i32, f64)> {
    let mut by_year: BTreeMap<i32, f64> = BTreeMap::new();
    for actual in actuals {
        if let Some(value) = figure_of(&actual.value, group) {
            by_year.insert(actual.year.value, value);
        }
    }
    by_year.into_iter().collect()
}

/// The figure a value gives for a group: a single figure is the figure of
/// a target without groups, a table gives each group's (its groups are
/// sorted by name, so one is found without reading them all).
fn figure_of(value: &Measured, group: Option<&str>) -> Option<f64> {
    match (value, group) {
        (Measured::One(v), None) => Some(v.value),
        (Measured::Groups(figures), Some(group)) => figures
            .binary_search_by(|(g, _)| g.value.as_str().cmp(group))
            .ok()
            .map(|i| figures[i].1.value),
        _ => None,
    }
}

/// The milestones that apply to a group, one per year, earliest first:
/// the group's own value, else the value for every group.
fn milestones_of<'a>(target: &'a Target, group: Option<&str>) -> Vec<&'a Milestone> {
    let mut years: Vec<i32> = target.milestones.iter().map(|m| m.year).collect();
    years.dedup();
    years
        .into_iter()
        .filter_map(|year| target.milestone(year, group))
        .collect()
}

/// One figure against the goal: met, else behind once the goal's year
/// came, else on or beyond the straight line from `start` (year, value)
/// to the goal (on track) or short of it (behind). A strict bound
/// (`above`, `below`) is met only strictly beyond the goal.
fn one(
    direction: Direction,
    (year, value): (i32, f64),
    start: Option<(i32, f64)>,
    goal: &Milestone,
) -> TargetState {
    let direction = approach(direction, start, goal);
    let wanted = if direction.is_ceiling() {
        goal.value.high()
    } else {
        goal.value.low()
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
    // `from_year < year < goal.year`: the share is in (0, 1).
    let share = f64::from(year - from_year) / f64::from(goal.year - from_year);
    let expected = from_value + (wanted - from_value) * share;
    // A figure on the line, up to rounding, is on it.
    let slack = 1e-9 * expected.abs().max(1.0);
    let on_line = if direction.is_ceiling() {
        value <= expected + slack
    } else {
        value >= expected - slack
    };
    if on_line {
        TargetState::OnTrack
    } else {
        TargetState::Behind
    }
}

/// The bound a direction is judged as: a level (`about`, "khoảng") is
/// reached from the side its line starts on: from above as a ceiling,
/// otherwise as a floor.
fn approach(direction: Direction, start: Option<(i32, f64)>, goal: &Milestone) -> Direction {
    match direction {
        Direction::About if start.is_some_and(|(_, v)| v > goal.value.high().to_f64()) => {
            Direction::AtMost
        }
        Direction::About => Direction::AtLeast,
        other => other,
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

    #[test]
    fn strict_bounds_are_met_only_strictly_beyond_the_goal() {
        let ninety = goal(2025, 90.0);
        assert_eq!(
            one(Direction::Above, (2025, 90.0), None, &ninety),
            TargetState::Behind
        );
        assert_eq!(
            one(Direction::Above, (2025, 90.5), None, &ninety),
            TargetState::Met
        );
        assert_eq!(
            one(Direction::AtLeast, (2025, 90.0), None, &ninety),
            TargetState::Met
        );
        assert_eq!(
            one(Direction::Below, (2025, 90.0), None, &ninety),
            TargetState::Behind
        );
        assert_eq!(
            one(Direction::Below, (2025, 89.0), None, &ninety),
            TargetState::Met
        );
    }

    #[test]
    fn a_figure_on_the_line_is_on_track_and_a_level_is_reached_from_its_start() {
        // From 40 in 2022 to 60 in 2025 the line passes 160/3 in 2024.
        let sixty = goal(2025, 60.0);
        let on_line = 40.0 + 20.0 * 2.0 / 3.0;
        assert_eq!(
            one(
                Direction::Above,
                (2024, on_line),
                Some((2022, 40.0)),
                &sixty
            ),
            TargetState::OnTrack
        );
        // "Khoảng 20" from 40: coming down, 26 in 2024 is on the line.
        let twenty = goal(2025, 20.0);
        assert_eq!(
            one(Direction::About, (2024, 26.0), Some((2022, 40.0)), &twenty),
            TargetState::OnTrack
        );
        assert_eq!(
            one(Direction::About, (2024, 19.0), Some((2022, 40.0)), &twenty),
            TargetState::Met
        );
        assert_eq!(
            one(Direction::About, (2024, 30.0), Some((2022, 40.0)), &twenty),
            TargetState::Behind
        );
    }

    #[test]
    fn a_target_is_as_bad_as_its_worst_group_and_a_shortfall_outweighs_no_data() {
        use TargetState::*;
        assert_eq!(TargetState::worst([Met, OnTrack]), OnTrack);
        assert_eq!(TargetState::worst([Met, NoData]), NoData);
        assert_eq!(TargetState::worst([NoData, Behind, Met]), Behind);
        assert_eq!(TargetState::worst([]), NoData);
    }
}
