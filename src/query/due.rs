//! `gplan due`: every task deadline expanded into dated occurrences,
//! filtered and sorted.
//!
//! A listing keeps of each plan only what it prints (a [`Schedule`]):
//! the whole period of a national repository is hundreds of thousands of
//! rows, and the rest of each task is let go as the plan is loaded.

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::deadline::Occurrence;
use crate::model::{Plan, Task};
use crate::query::duty::deadlines;
use crate::query::{Duty, Filter};

/// What a listing prints of a plan.
#[derive(Debug)]
pub struct Heading {
    pub file: Box<str>,
    pub id: Box<str>,
    pub number: Option<Box<str>>,
    pub jurisdiction: Option<Box<str>>,
    pub title: Box<str>,
}

impl Heading {
    fn of(plan: &Plan) -> Heading {
        Heading {
            file: plan.file.as_str().into(),
            id: plan.id.value.as_str().into(),
            number: plan.number.as_ref().map(|n| n.value.as_str().into()),
            jurisdiction: plan.jurisdiction.as_ref().map(|j| j.value.as_str().into()),
            title: plan.title.as_str().into(),
        }
    }
}

/// One plan's duties with a deadline in the filter's window and a body of
/// its owner named: all `due` keeps of a plan.
#[derive(Debug)]
pub struct Schedule {
    pub plan: Heading,
    /// Sorted by task id (tasks with one id keep their file order).
    duties: Box<[Duty]>,
    /// The occurrences reported delivered: task id, deadline, day
    /// delivered; sorted by task id and deadline.
    delivered: Box<[(Box<str>, NaiveDate, NaiveDate)]>,
}

/// Where an occurrence stands as of a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Standing {
    /// Reported delivered on or before its deadline.
    Delivered,
    /// Reported delivered after its deadline.
    Late,
    /// No report, and the deadline passed.
    Overdue,
    /// No report yet, and the deadline is still ahead.
    Open,
}

impl Standing {
    /// The word used in every output.
    pub fn as_str(self) -> &'static str {
        match self {
            Standing::Delivered => "delivered",
            Standing::Late => "late",
            Standing::Overdue => "overdue",
            Standing::Open => "open",
        }
    }
}

impl Schedule {
    /// The schedule of `tasks`, taken from `plan` as it is loaded. Tasks
    /// without `due` are ongoing and have no deadline.
    pub fn new(plan: &Plan, tasks: Vec<Task>, filter: &Filter) -> Schedule {
        let period = plan.valid_period();
        let duties = tasks.into_iter().filter_map(|task| {
            let found = deadlines(&task, period, filter.window);
            (!found.is_empty() && names_owner(filter, &task)).then(|| Duty::new(task, found))
        });
        Schedule::sorted(plan, duties.collect())
    }

    /// The schedule of a plan that is kept whole.
    pub fn of(plan: &Plan, filter: &Filter) -> Schedule {
        let period = plan.valid_period();
        let duties = plan.tasks.iter().filter_map(|task| {
            let found = deadlines(task, period, filter.window);
            (!found.is_empty() && names_owner(filter, task)).then(|| Duty::of(task, found))
        });
        Schedule::sorted(plan, duties.collect())
    }

    fn sorted(plan: &Plan, mut duties: Vec<Duty>) -> Schedule {
        duties.sort_by(|a, b| a.id().cmp(b.id()));
        Schedule {
            plan: Heading::of(plan),
            duties: duties.into_boxed_slice(),
            delivered: Box::default(),
        }
    }

    /// The schedule with the occurrences reported delivered (task id,
    /// deadline, day delivered), from the progress files.
    pub fn with_delivered(mut self, mut delivered: Vec<(Box<str>, NaiveDate, NaiveDate)>) -> Self {
        delivered.sort();
        self.delivered = delivered.into_boxed_slice();
        self
    }

    /// The day an occurrence of a task was reported delivered.
    fn delivered(&self, task: &str, deadline: NaiveDate) -> Option<NaiveDate> {
        self.delivered
            .binary_search_by(|(t, d, _)| (&**t, *d).cmp(&(task, deadline)))
            .ok()
            .map(|i| self.delivered[i].2)
    }
}

/// Whether the task names a body of the filter's owner (lead, support,
/// report), or the filter has no owner.
fn names_owner(filter: &Filter, task: &Task) -> bool {
    filter.owner.is_none() || task.names().any(|name| filter.keeps_owner(&name.value))
}

/// One dated duty, with the plan and task it comes from.
#[derive(Debug, Clone)]
pub struct Item<'s> {
    pub occurrence: Occurrence,
    pub plan: &'s Heading,
    pub duty: &'s Duty,
    /// The day it was reported delivered, if it was.
    pub delivered: Option<NaiveDate>,
    /// The plan's place by jurisdiction and id, and the duty's by id within
    /// its plan: sorting compares two numbers instead of three strings.
    rank: (u32, u32),
}

impl Item<'_> {
    /// Where the occurrence stands as of `today`.
    pub fn standing(&self, today: NaiveDate) -> Standing {
        let deadline = self.occurrence.deadline;
        match self.delivered {
            Some(day) if day <= deadline => Standing::Delivered,
            Some(_) => Standing::Late,
            None if deadline < today => Standing::Overdue,
            None => Standing::Open,
        }
    }

    /// The order of every listing: deadline, jurisdiction, plan, task. No
    /// two items have the same key.
    fn sort_key(&self) -> (NaiveDate, (u32, u32)) {
        (self.occurrence.deadline, self.rank)
    }
}

/// Every deadline of the schedules whose plan passes the filter, sorted.
pub fn occurrences<'s>(schedules: &'s [Schedule], filter: &Filter) -> Vec<Item<'s>> {
    let plan_ranks = plan_ranks(schedules);
    let mut items: Vec<Item> = schedules
        .par_iter()
        .zip(plan_ranks)
        .filter(|(s, _)| filter.keeps_plan(&s.plan.id, s.plan.jurisdiction.as_deref()))
        .flat_map_iter(|(schedule, plan_rank)| {
            (0u32..)
                .zip(&*schedule.duties)
                .flat_map(move |(index, duty)| {
                    duty.occurrences.iter().map(move |&occurrence| Item {
                        occurrence,
                        plan: &schedule.plan,
                        duty,
                        delivered: schedule.delivered(duty.id(), occurrence.deadline),
                        rank: (plan_rank, index),
                    })
                })
        })
        .collect();
    items.par_sort_unstable_by_key(Item::sort_key);
    items
}

/// Each plan's place when plans are ordered by jurisdiction, then id (two
/// plans with one id, an error `check` reports, keep their file order).
fn plan_ranks(schedules: &[Schedule]) -> Vec<u32> {
    let mut order: Vec<usize> = (0..schedules.len()).collect();
    order.sort_by_key(|&i| {
        let plan = &schedules[i].plan;
        (plan.jurisdiction.as_deref(), &*plan.id)
    });
    let mut ranks = vec![0; schedules.len()];
    for (rank, i) in (0u32..).zip(order) {
        ranks[i] = rank;
    }
    ranks
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::Window;
    use crate::validate::{load_plan, Outcome};

    fn plan(period: &str) -> Plan {
        let text = format!(
            "[plan]\nid = \"x\"\ntitle = \"t\"\nissuer = \"i\"\nperiod = {period}\n\
             [[task]]\nid = \"yearly\"\ntitle = \"t\"\ndue = \"yearly 11-15\"\n\
             [[task]]\nid = \"q1\"\ntitle = \"t\"\ndue = \"2023-Q1\"\n\
             [[task]]\nid = \"ongoing\"\ntitle = \"t\"\n\
             [[task]]\nid = \"two\"\ntitle = \"t\"\ndue = [\"2023-12-31\", \"2023-02-01\"]\n\
             [[task]]\nid = \"same-day\"\ntitle = \"t\"\ndue = [\"2023-12\", \"2023-Q4\"]\n"
        );
        let Outcome::Plan(plan) = load_plan("x.toml", &text, &mut Vec::new()) else {
            panic!("fixture is a plan")
        };
        *plan
    }

    fn listed(period: &str, after: Option<&str>, before: Option<&str>) -> Vec<String> {
        let day = |d: &str| NaiveDate::parse_from_str(d, "%Y-%m-%d").expect("a date");
        let mut plan = plan(period);
        let tasks = std::mem::take(&mut plan.tasks);
        let filter = Filter {
            window: Window {
                after: after.map(day),
                before: before.map(day),
            },
            ..Filter::default()
        };
        let schedules = [Schedule::new(&plan, tasks, &filter)];
        occurrences(&schedules, &filter)
            .iter()
            .map(|item| match item.occurrence.start {
                Some(start) => {
                    format!(
                        "{} {} from {start}",
                        item.occurrence.deadline,
                        item.duty.id()
                    )
                }
                None => format!("{} {}", item.occurrence.deadline, item.duty.id()),
            })
            .collect()
    }

    #[test]
    fn deadlines_in_the_window_are_listed_by_day_then_task_id() {
        assert_eq!(
            listed("2023", None, None),
            [
                "2023-02-01 two",
                "2023-03-31 q1 from 2023-01-01",
                "2023-11-15 yearly",
                "2023-12-31 same-day from 2023-10-01",
                "2023-12-31 two",
            ]
        );
        assert_eq!(
            listed("2023", Some("2023-03-31"), Some("2023-03-31")),
            ["2023-03-31 q1 from 2023-01-01"],
            "both ends are included"
        );
        assert_eq!(
            listed("2023", Some("2023-04-01"), Some("2023-11-30")),
            ["2023-11-15 yearly"]
        );
        assert_eq!(
            listed("[2024, 2025]", Some("2024-11-15"), Some("2025-11-15")),
            ["2024-11-15 yearly", "2025-11-15 yearly"]
        );
        assert!(
            listed("[2025, 2024]", None, None).is_empty(),
            "reversed period"
        );
    }
}
