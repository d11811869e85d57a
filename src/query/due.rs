//! `gplan due`: every task deadline expanded into dated occurrences,
//! filtered and sorted.

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::deadline::Occurrence;
use crate::model::{Plan, Task};
use crate::registry::OrgQuery;

/// Which occurrences to keep.
#[derive(Debug, Default)]
pub struct Filter<'r> {
    /// Deadlines on or after this day.
    pub after: Option<NaiveDate>,
    /// Deadlines on or before this day.
    pub before: Option<NaiveDate>,
    /// Only tasks where the body has a role (lead, support, report).
    pub owner: Option<OrgQuery<'r>>,
    /// Only this plan (by id).
    pub plan: Option<String>,
    /// Only plans of this jurisdiction.
    pub jurisdiction: Option<String>,
}

/// One dated duty, with the plan and task it comes from.
#[derive(Debug, Clone)]
pub struct Item<'p> {
    pub occurrence: Occurrence,
    pub plan: &'p Plan,
    pub task: &'p Task,
    /// The plan's place by jurisdiction and id, and the task's by id within
    /// its plan: sorting compares two numbers instead of three strings.
    rank: (u32, u32),
}

impl Item<'_> {
    /// The order of every listing: deadline, jurisdiction, plan, task.
    fn sort_key(&self) -> (NaiveDate, (u32, u32), Option<NaiveDate>) {
        (self.occurrence.deadline, self.rank, self.occurrence.start)
    }
}

/// Every occurrence of every task that passes the filter, sorted.
/// Tasks without `due` are ongoing and have no occurrence.
pub fn occurrences<'p>(plans: &'p [Plan], filter: &Filter) -> Vec<Item<'p>> {
    let plan_ranks = plan_ranks(plans);
    let mut items: Vec<Item> = plans
        .par_iter()
        .zip(plan_ranks)
        .filter(|(p, _)| filter.plan.as_ref().is_none_or(|id| &p.id.value == id))
        .filter(|(p, _)| {
            filter
                .jurisdiction
                .as_ref()
                .is_none_or(|j| p.jurisdiction.as_ref().is_some_and(|pj| &pj.value == j))
        })
        .flat_map_iter(|(plan, rank)| plan_occurrences(plan, rank))
        .filter(|item| filter.after.is_none_or(|a| item.occurrence.deadline >= a))
        .filter(|item| filter.before.is_none_or(|b| item.occurrence.deadline <= b))
        .filter(|item| filter.owner.as_ref().is_none_or(|q| has_role(q, item.task)))
        .collect();
    // Stable, and the items came in plan order: the same order whatever
    // the number of threads.
    items.par_sort_by_key(Item::sort_key);
    // Two rules of one task can end on the same day ("2023-Q4" and
    // "2023-12"): one duty, one calendar event, the earliest start kept.
    items.dedup_by(|later, first| {
        (later.occurrence.deadline, later.rank) == (first.occurrence.deadline, first.rank)
    });
    items
}

/// Each plan's place when plans are ordered by jurisdiction, then id (two
/// plans with one id, an error `check` reports, keep their file order).
fn plan_ranks(plans: &[Plan]) -> Vec<u32> {
    let mut order: Vec<usize> = (0..plans.len()).collect();
    order.sort_by_key(|&i| {
        let plan = &plans[i];
        (
            plan.jurisdiction.as_ref().map(|j| j.value.as_str()),
            plan.id.value.as_str(),
        )
    });
    let mut ranks = vec![0; plans.len()];
    for (rank, i) in (0u32..).zip(order) {
        ranks[i] = rank;
    }
    ranks
}

fn plan_occurrences(plan: &Plan, plan_rank: u32) -> Vec<Item<'_>> {
    let Some(period) = plan.valid_period() else {
        return Vec::new();
    };
    let mut by_id: Vec<&Task> = plan.tasks.iter().collect();
    by_id.sort_by_key(|t| t.id.value.as_str());
    (0u32..)
        .zip(by_id)
        .flat_map(|(task_rank, task)| {
            task.due
                .iter()
                .flat_map(move |due| due.rule.occurrences(period.bounds()))
                .map(move |occurrence| Item {
                    occurrence,
                    plan,
                    task,
                    rank: (plan_rank, task_rank),
                })
        })
        .collect()
}

/// Lets go of the tasks of `plan` with no deadline from `after` to
/// `before` (both included): a listing of a few months then holds a few
/// months of tasks, not the whole repository.
pub fn keep_tasks_due_within(plan: &mut Plan, after: Option<NaiveDate>, before: Option<NaiveDate>) {
    let Some(period) = plan.valid_period() else {
        plan.tasks = Vec::new();
        return;
    };
    let within = |day: NaiveDate| after.is_none_or(|a| day >= a) && before.is_none_or(|b| day <= b);
    plan.tasks.retain(|task| {
        task.due.iter().any(|due| {
            due.rule
                .occurrences(period.bounds())
                .iter()
                .any(|o| within(o.deadline))
        })
    });
}

fn has_role(query: &OrgQuery, task: &Task) -> bool {
    task.names().any(|name| query.matches(&name.value))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{load_plan, Outcome};

    fn plan(period: &str) -> Plan {
        let text = format!(
            "[plan]\nid = \"x\"\ntitle = \"t\"\nissuer = \"i\"\nperiod = {period}\n\
             [[task]]\nid = \"q1\"\ntitle = \"t\"\ndue = \"2023-Q1\"\n\
             [[task]]\nid = \"yearly\"\ntitle = \"t\"\ndue = \"yearly 11-15\"\n\
             [[task]]\nid = \"ongoing\"\ntitle = \"t\"\n\
             [[task]]\nid = \"two\"\ntitle = \"t\"\ndue = [\"2023-02-01\", \"2023-12-31\"]\n"
        );
        let Outcome::Plan(plan) = load_plan("x.toml", &text, &mut Vec::new()) else {
            panic!("fixture is a plan")
        };
        *plan
    }

    fn kept(period: &str, after: Option<&str>, before: Option<&str>) -> Vec<String> {
        let day = |d: &str| NaiveDate::parse_from_str(d, "%Y-%m-%d").expect("a date");
        let mut plan = plan(period);
        keep_tasks_due_within(&mut plan, after.map(day), before.map(day));
        plan.tasks.into_iter().map(|t| t.id.value).collect()
    }

    #[test]
    fn only_tasks_with_a_deadline_in_the_window_are_kept() {
        assert_eq!(kept("2023", None, None), ["q1", "yearly", "two"]);
        assert_eq!(
            kept("2023", Some("2023-03-31"), Some("2023-03-31")),
            ["q1"],
            "both ends are included"
        );
        assert_eq!(
            kept("2023", Some("2023-04-01"), Some("2023-11-30")),
            ["yearly"]
        );
        assert_eq!(kept("2023", Some("2023-12-01"), None), ["two"]);
        assert_eq!(
            kept("[2024, 2025]", Some("2023-01-01"), None),
            ["q1", "yearly", "two"]
        );
        assert!(
            kept("[2025, 2024]", None, None).is_empty(),
            "reversed period"
        );
    }
}
