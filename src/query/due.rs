//! `gplan due`: every task deadline expanded into dated occurrences,
//! filtered and sorted.
//!
//! A listing keeps of each plan only what it prints (a [`Schedule`]):
//! the whole period of a national repository is hundreds of thousands of
//! rows, and the rest of each task is let go as the plan is loaded.

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::deadline::Occurrence;
use crate::model::{Name, Plan, Task};
use crate::query::Window;
use crate::registry::OrgQuery;

/// Which schedules to list, once every plan is loaded.
#[derive(Debug, Default)]
pub struct Filter {
    /// Only this plan (by id).
    pub plan: Option<String>,
    /// Only plans of this jurisdiction.
    pub jurisdiction: Option<String>,
}

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

/// What a listing prints of a task, in two allocations: its id, section
/// and title in one text, and its leads then supporters in one list (a
/// national listing holds hundreds of thousands of duties).
#[derive(Debug)]
pub struct Duty {
    /// The 1-based line of the task's header.
    line: u32,
    /// `id`, then `section` when there is one, then `title`.
    text: Box<str>,
    id_end: u32,
    section_end: Option<u32>,
    /// Leads, then supporters.
    names: Box<[Name]>,
    leads: u32,
}

impl Duty {
    /// The 1-based line of the task's header.
    pub fn line(&self) -> usize {
        self.line as usize
    }

    pub fn id(&self) -> &str {
        self.text.get(..self.id_end as usize).unwrap_or_default()
    }

    pub fn section(&self) -> Option<&str> {
        let end = self.section_end?;
        self.text.get(self.id_end as usize..end as usize)
    }

    pub fn title(&self) -> &str {
        let start = self.section_end.unwrap_or(self.id_end);
        self.text.get(start as usize..).unwrap_or_default()
    }

    pub fn lead(&self) -> &[Name] {
        self.names.get(..self.leads as usize).unwrap_or_default()
    }

    pub fn support(&self) -> &[Name] {
        self.names.get(self.leads as usize..).unwrap_or_default()
    }
}

impl From<Task> for Duty {
    fn from(task: Task) -> Duty {
        let offset = |text: &str| u32::try_from(text.len()).unwrap_or(u32::MAX);
        let mut text = task.id.value;
        let id_end = offset(&text);
        let section_end = task.section.map(|section| {
            text.push_str(&section.value);
            offset(&text)
        });
        text.push_str(&task.title);
        let names: Box<[Name]> = task
            .lead
            .iter()
            .chain(&task.support)
            .map(|name| name.value.clone())
            .collect();
        Duty {
            line: u32::try_from(task.line).unwrap_or(u32::MAX),
            text: text.into_boxed_str(),
            id_end,
            section_end,
            leads: u32::try_from(task.lead.len()).unwrap_or(u32::MAX),
            names,
        }
    }
}

/// One plan's duties with a deadline in the window, and those deadlines:
/// all `due` keeps of a plan.
#[derive(Debug)]
pub struct Schedule {
    pub plan: Heading,
    /// Sorted by task id (tasks with one id keep their file order).
    duties: Box<[Duty]>,
    /// Each deadline with the index of its duty.
    deadlines: Box<[(Occurrence, u32)]>,
}

impl Schedule {
    /// The schedule of `tasks`, which belong to `plan`. Tasks without `due`
    /// are ongoing and have no deadline; deadlines are only expanded inside
    /// a period that runs forwards (`check` reports the others). Two rules
    /// of one task can end on the same day ("2023-Q4" and "2023-12"): one
    /// duty, one calendar event, the earliest start kept.
    pub fn new(plan: &Plan, tasks: impl IntoIterator<Item = Task>, window: Window) -> Schedule {
        let mut duties = Vec::new();
        let mut deadlines = Vec::new();
        if let Some(period) = plan.valid_period() {
            let mut tasks: Vec<Task> = tasks.into_iter().collect();
            tasks.sort_by(|a, b| a.id.value.cmp(&b.id.value));
            for task in tasks {
                let mut found: Vec<Occurrence> = task
                    .due
                    .iter()
                    .flat_map(|due| due.rule.occurrences(period.bounds()))
                    .filter(|o| window.contains(o.deadline))
                    .collect();
                if found.is_empty() {
                    continue;
                }
                found.sort_unstable_by_key(|o| (o.deadline, o.start));
                found.dedup_by_key(|o| o.deadline);
                let index = u32::try_from(duties.len()).unwrap_or(u32::MAX);
                deadlines.extend(found.into_iter().map(|o| (o, index)));
                duties.push(Duty::from(task));
            }
        }
        Schedule {
            plan: Heading::of(plan),
            duties: duties.into_boxed_slice(),
            deadlines: deadlines.into_boxed_slice(),
        }
    }

    /// The schedule of the tasks of `plan` where the queried body has a
    /// role (lead, support, report).
    pub fn of_owner(plan: &Plan, owner: &OrgQuery, window: Window) -> Schedule {
        let tasks = plan.tasks.iter().filter(|task| has_role(owner, task));
        Schedule::new(plan, tasks.cloned(), window)
    }
}

/// One dated duty, with the plan and task it comes from.
#[derive(Debug, Clone)]
pub struct Item<'s> {
    pub occurrence: Occurrence,
    pub plan: &'s Heading,
    pub duty: &'s Duty,
    /// The plan's place by jurisdiction and id, and the duty's by id within
    /// its plan: sorting compares two numbers instead of three strings.
    rank: (u32, u32),
}

impl Item<'_> {
    /// The order of every listing: deadline, jurisdiction, plan, task. No
    /// two items have the same key.
    fn sort_key(&self) -> (NaiveDate, (u32, u32)) {
        (self.occurrence.deadline, self.rank)
    }
}

/// Every deadline of the schedules that pass the filter, sorted.
pub fn occurrences<'s>(schedules: &'s [Schedule], filter: &Filter) -> Vec<Item<'s>> {
    let plan_ranks = plan_ranks(schedules);
    let mut items: Vec<Item> = schedules
        .par_iter()
        .zip(plan_ranks)
        .filter(|(s, _)| filter.plan.as_ref().is_none_or(|id| *s.plan.id == **id))
        .filter(|(s, _)| {
            filter
                .jurisdiction
                .as_ref()
                .is_none_or(|j| s.plan.jurisdiction.as_deref() == Some(j.as_str()))
        })
        .flat_map_iter(|(schedule, plan_rank)| {
            schedule
                .deadlines
                .iter()
                .map(move |&(occurrence, index)| Item {
                    occurrence,
                    plan: &schedule.plan,
                    duty: &schedule.duties[index as usize],
                    rank: (plan_rank, index),
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

fn has_role(query: &OrgQuery, task: &Task) -> bool {
    task.names().any(|name| query.matches(&name.value))
}

#[cfg(test)]
mod tests {
    use super::*;
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
        let window = Window {
            after: after.map(day),
            before: before.map(day),
        };
        let schedules = [Schedule::new(&plan, tasks, window)];
        occurrences(&schedules, &Filter::default())
            .iter()
            .map(|item| match item.occurrence.start {
                Some(start) => format!(
                    "{} {} from {start}",
                    item.occurrence.deadline,
                    item.duty.id()
                ),
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
