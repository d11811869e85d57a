//! What the progress files are checked against of each plan.

use chrono::NaiveDate;

use crate::deadline::{Merged, Occurrence, Rule};
use crate::model::{Due, Issued, Outline, Period, Plan, Target};

/// What progress is checked against of a plan, from a whole plan
/// (`status`), its outline (`check`) or what the site keeps of it.
pub struct PlanFacts<'p> {
    pub id: &'p str,
    pub issued: Option<Issued>,
    pub period: Option<Period>,
    pub tasks: Vec<(&'p str, TaskRules<'p>)>,
    pub targets: &'p [Target],
}

/// A task's `due` rules: as written in a plan, or only the rules read
/// from them (all a deadline is worked out from).
#[derive(Clone, Copy, Debug)]
pub enum TaskRules<'p> {
    Written(&'p [Due]),
    Read(&'p [Rule]),
}

impl<'p> TaskRules<'p> {
    /// Whether the task has no deadline (it is ongoing).
    pub fn is_empty(self) -> bool {
        match self {
            TaskRules::Written(dues) => dues.is_empty(),
            TaskRules::Read(rules) => rules.is_empty(),
        }
    }

    /// Each rule, in the order written.
    fn each(self) -> impl Iterator<Item = Rule> + 'p {
        let (written, read) = match self {
            TaskRules::Written(dues) => (dues, &[][..]),
            TaskRules::Read(rules) => (&[][..], rules),
        };
        written.iter().map(|d| d.rule).chain(read.iter().copied())
    }
}

impl<'p> PlanFacts<'p> {
    pub fn of_plan(plan: &'p Plan) -> Self {
        let tasks = plan
            .tasks
            .iter()
            .map(|t| (t.id.value.as_str(), TaskRules::Written(&t.due)));
        PlanFacts::with_tasks(plan, tasks.collect())
    }

    /// The facts of `plan`'s header and targets, with `tasks` (each id
    /// with its rules) kept apart from it.
    pub fn with_tasks(plan: &'p Plan, tasks: Vec<(&'p str, TaskRules<'p>)>) -> Self {
        PlanFacts {
            id: &plan.id.value,
            issued: plan.issued.as_ref().map(|i| i.value),
            period: plan.valid_period(),
            tasks,
            targets: &plan.targets,
        }
    }

    pub fn of_outline(plan: &'p Outline) -> Self {
        PlanFacts {
            id: &plan.id.value,
            issued: plan.issued.as_ref().map(|i| i.value),
            period: plan
                .period
                .as_ref()
                .map(|p| p.value)
                .filter(|p| p.from <= p.to),
            tasks: plan
                .tasks
                .iter()
                .map(|t| (t.id.value.as_str(), TaskRules::Written(&t.due)))
                .collect(),
            targets: &plan.targets,
        }
    }

    /// Every deadline of a task's rules, sorted, once: those `gplan due`
    /// lists (a recurring rule's in the plan period; a date the plan
    /// writes outside it too, which `check` warns of).
    pub fn deadlines(&self, dues: &'p [Due]) -> impl Iterator<Item = NaiveDate> + 'p {
        self.deadlines_from(TaskRules::Written(dues), NaiveDate::MIN)
    }

    /// The deadlines of [`PlanFacts::deadlines`] on or after `from`: a
    /// yearly rule starts at `from`'s year, so looking up one day costs
    /// the same at the period's start as 9,000 years into it.
    pub fn deadlines_from(
        &self,
        rules: TaskRules<'p>,
        from: NaiveDate,
    ) -> impl Iterator<Item = NaiveDate> + 'p {
        let rules = self.period.into_iter().flat_map(move |period| {
            let bounds = period.bounds();
            let wanted = (from, NaiveDate::MAX);
            rules
                .each()
                .map(move |rule| rule.occurrences_between(bounds, wanted))
        });
        Merged::new(rules).map(|o: Occurrence| o.deadline)
    }
}
