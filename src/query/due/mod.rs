//! `gplan due`: every task deadline expanded into dated occurrences,
//! filtered and sorted.
//!
//! A listing keeps of each plan only what it prints (a [`Schedule`]):
//! the whole period of a national repository is hundreds of thousands of
//! rows, and the rest of each task is let go as the plan is loaded.

mod listing;

use chrono::NaiveDate;
use rustc_hash::FxHashMap;

pub use listing::{occurrences, Listing};

use crate::deadline::{Occurrence, Rule};
use crate::model::{Period, Plan, Report, Task};
use crate::query::duty::{only_deadline, task_order};
use crate::query::{Duty, Filter};
use crate::resolve::split_item_ref;

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
    /// The plan's period, when it runs forwards (`check` reports one that
    /// does not); without one the schedule has no duties.
    period: Option<Period>,
    /// In [`task_order`] (tasks with one id and one `ref` keep their file
    /// order): the listing compares duties by their index here.
    duties: Box<[Duty]>,
}

impl Schedule {
    /// The schedule of `tasks`, taken from `plan` as it is loaded. Tasks
    /// without `due` are ongoing and have no deadline.
    pub fn new(plan: &Plan, tasks: Vec<Task>, filter: &Filter) -> Schedule {
        let period = plan.valid_period().filter(|_| in_owner_scope(plan, filter));
        let jurisdiction = plan.jurisdiction.as_ref().map(|j| j.value.as_str());
        let duties = tasks
            .into_iter()
            .filter(|task| is_listed(task, period, jurisdiction, filter))
            .map(Duty::new);
        Schedule::sorted(plan, period, duties.collect())
    }

    /// The schedule of a plan that is kept whole.
    pub fn of(plan: &Plan, filter: &Filter) -> Schedule {
        let period = plan.valid_period().filter(|_| in_owner_scope(plan, filter));
        let jurisdiction = plan.jurisdiction.as_ref().map(|j| j.value.as_str());
        let duties = plan
            .tasks
            .iter()
            .filter(|task| is_listed(task, period, jurisdiction, filter))
            .map(Duty::of);
        Schedule::sorted(plan, period, duties.collect())
    }

    /// The duties listed, in [`task_order`].
    pub fn duties(&self) -> &[Duty] {
        &self.duties
    }

    /// The schedule without the bodies its duties name as written, for a
    /// reader that names each duty's holders from its own tables (who
    /// holds a role on a day, after a dissolution).
    pub fn without_bodies(mut self) -> Schedule {
        self.duties.iter_mut().for_each(Duty::forget_bodies);
        self
    }

    /// Duties in [`task_order`], the document's order.
    fn sorted(plan: &Plan, period: Option<Period>, mut duties: Vec<Duty>) -> Schedule {
        duties.sort_by_cached_key(|d| task_order(d.section(), d.id()));
        Schedule {
            plan: Heading::of(plan),
            period,
            duties: duties.into_boxed_slice(),
        }
    }
}

/// Whether a task has a deadline in the filter's window (looking no
/// further than its first one) and names a body of the filter's owner
/// (lead, support, report), or the filter has no owner.
fn is_listed(
    task: &Task,
    period: Option<Period>,
    jurisdiction: Option<&str>,
    filter: &Filter,
) -> bool {
    let Some(period) = period else {
        return false;
    };
    let dated = task.due.iter().any(|due| {
        due.rule
            .occurrences_between(period.bounds(), filter.window.bounds())
            .next()
            .is_some()
    });
    dated
        && (filter.owner.is_none()
            || task
                .names()
                .any(|name| filter.keeps_owner_at(&name.value, jurisdiction)))
}

/// Whether the filter's owner can be named in this plan: a city form
/// typed ("Ủy ban nhân dân Thành phố") means the body in the cities only,
/// not the province body of every province.
fn in_owner_scope(plan: &Plan, filter: &Filter) -> bool {
    let jurisdiction = plan.jurisdiction.as_ref().map_or("", |j| j.value.as_str());
    filter
        .owner
        .as_ref()
        .is_none_or(|owner| owner.keeps_scope(jurisdiction))
}

/// Where an occurrence stands, as `due` prints it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Standing {
    /// A report delivered on or before the deadline.
    Delivered,
    /// A report delivered after the deadline.
    Late,
    /// No report, and the deadline is before today.
    Overdue,
    /// No report, and the deadline is today or later.
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

    /// Whether no report answers the occurrence (`due --open`).
    pub fn is_open(self) -> bool {
        matches!(self, Standing::Overdue | Standing::Open)
    }

    /// Whether a report answers the occurrence, on time or late.
    pub fn is_delivered(self) -> bool {
        !self.is_open()
    }
}

/// The day each occurrence was delivered, from the reports of the
/// progress files, looked up by plan id, task id and deadline.
///
/// Built once from the reports as written, without the plans: a report
/// naming no plan, task or occurrence is never looked up (`check` reports
/// it). Who delivered is not compared, so a report by the body that took
/// over a dissolved lead answers the occurrence it inherited. Of two
/// reports for one occurrence the first (in the files' sorted order, then
/// as written) counts, as in `status`.
///
/// It owns what it keeps (ids and two days per report), so the reports
/// themselves can be let go before the listing is written: on the
/// 10,000-plan corpus (49,243 reports) that took the peak of a `due` over
/// the whole period from 260 to 254 MB (233 MB without progress files).
#[derive(Debug, Default)]
pub struct Deliveries {
    /// By plan id, then task id.
    by_plan: FxHashMap<Box<str>, FxHashMap<Box<str>, Answers>>,
}

/// The reports of one task: each one's deadline (`None` when it names
/// none: it answers the task's only deadline) and day delivered.
type Answers = Vec<(Option<NaiveDate>, NaiveDate)>;

impl Deliveries {
    /// The index of `reports` as of `today`, taken in their order. A
    /// report delivered after `today` is left out: on that day the
    /// occurrence had not been delivered yet (looking back at an earlier
    /// day, or a year typed wrong, which then shows as overdue).
    pub fn new(reports: &[Report], today: NaiveDate) -> Deliveries {
        let mut deliveries = Deliveries::default();
        for report in reports.iter().filter(|r| r.delivered.value <= today) {
            let Some((plan, task)) = split_item_ref(&report.task.value) else {
                continue;
            };
            let answers = deliveries
                .by_plan
                .entry(plan.into())
                .or_default()
                .entry(task.into())
                .or_default();
            let deadline = report.deadline.as_ref().map(|d| d.value);
            if answers.iter().all(|(named, _)| *named != deadline) {
                answers.push((deadline, report.delivered.value));
            }
        }
        deliveries
    }

    /// The day the occurrence of `duty` (of plan `plan`, whose period is
    /// `period`) on `deadline` was delivered, if a report says so.
    pub fn delivered(
        &self,
        plan: &str,
        duty: &Duty,
        period: Period,
        deadline: NaiveDate,
    ) -> Option<NaiveDate> {
        self.delivered_task(plan, duty.id(), duty.rules(), period, deadline)
    }

    /// [`Deliveries::delivered`] for the task with the id `task` and the
    /// `due` rules `rules`.
    pub fn delivered_task(
        &self,
        plan: &str,
        task: &str,
        rules: &[Rule],
        period: Period,
        deadline: NaiveDate,
    ) -> Option<NaiveDate> {
        let answers = self.by_plan.get(plan)?.get(task)?;
        let named = |wanted: Option<NaiveDate>| {
            answers
                .iter()
                .find(|(named, _)| *named == wanted)
                .map(|(_, day)| *day)
        };
        named(Some(deadline)).or_else(|| {
            let day = named(None)?;
            (only_deadline(rules, period) == Some(deadline)).then_some(day)
        })
    }
}

/// One dated duty, with the plan and task it comes from.
#[derive(Debug, Clone)]
pub struct Item<'s> {
    pub occurrence: Occurrence,
    pub plan: &'s Heading,
    pub duty: &'s Duty,
    /// The day a report says the occurrence was delivered (always `None`
    /// for a listing that reads no reports: see [`Listing::reading`]).
    pub delivered: Option<NaiveDate>,
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
        loaded(&text)
    }

    fn loaded(text: &str) -> Plan {
        let Outcome::Plan(plan) = load_plan("x.toml", text, &mut Vec::new()) else {
            panic!("fixture is a plan")
        };
        *plan
    }

    fn listed(period: &str, after: Option<&str>, before: Option<&str>) -> Vec<String> {
        listed_of(plan(period), after, before)
    }

    fn listed_of(mut plan: Plan, after: Option<&str>, before: Option<&str>) -> Vec<String> {
        let day = |d: &str| NaiveDate::parse_from_str(d, "%Y-%m-%d").expect("a date");
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

    fn located<T>(value: T) -> crate::model::Located<T> {
        crate::model::Located { value, span: 0..0 }
    }

    fn report(task: &str, deadline: Option<&str>, delivered: &str) -> Report {
        let day = |d: &str| NaiveDate::parse_from_str(d, "%Y-%m-%d").expect("a date");
        Report {
            file: "progress/x.toml".into(),
            header: 0..0,
            task: located(task.to_owned()),
            deadline: deadline.map(|d| located(day(d))),
            delivered: located(day(delivered)),
            by: None,
            document: None,
            note: None,
        }
    }

    /// Each listed deadline with its status as of 2023-12-01.
    fn standings(reports: &[Report]) -> Vec<String> {
        let today = NaiveDate::from_ymd_opt(2023, 12, 1).expect("a date");
        let mut plan = plan("2023");
        let tasks = std::mem::take(&mut plan.tasks);
        let filter = Filter::default();
        let schedules = [Schedule::new(&plan, tasks, &filter)];
        let deliveries = Deliveries::new(reports, today);
        occurrences(&schedules, &filter)
            .reading(&deliveries)
            .map(|item| {
                let status = item.standing(today).as_str();
                format!("{} {} {status}", item.occurrence.deadline, item.duty.id())
            })
            .collect()
    }

    #[test]
    fn a_report_counts_for_the_occurrence_it_names_the_first_of_two_winning() {
        let reports = [
            report("x#two", Some("2023-02-01"), "2023-02-03"),
            report("x#two", Some("2023-02-01"), "2023-01-30"),
            // Without `deadline`: the only deadline of `q1`, but none of
            // the two of `two` (`check` reports it).
            report("x#q1", None, "2023-03-01"),
            report("x#two", None, "2023-01-01"),
            report("y#yearly", Some("2023-11-15"), "2023-11-01"),
            report("not a reference", Some("2023-11-15"), "2023-11-01"),
        ];
        assert_eq!(
            standings(&reports),
            [
                "2023-02-01 two late",
                "2023-03-31 q1 delivered",
                "2023-11-15 yearly overdue",
                "2023-12-31 same-day open",
                "2023-12-31 two open",
            ]
        );
    }

    #[test]
    fn a_report_dated_after_today_has_not_been_delivered_yet() {
        // Today is 2023-12-01: the year report is said to go on 12-20.
        let reports = [
            report("x#q1", None, "2023-03-01"),
            report("x#two", Some("2023-12-31"), "2023-12-20"),
            report("x#yearly", Some("2023-11-15"), "2024-11-15"),
        ];
        assert_eq!(
            standings(&reports),
            [
                "2023-02-01 two overdue",
                "2023-03-31 q1 delivered",
                "2023-11-15 yearly overdue",
                "2023-12-31 same-day open",
                "2023-12-31 two open",
            ]
        );
    }

    #[test]
    fn occurrences_after_a_rules_first_ones_keep_the_listing_order() {
        // The first ten deadlines of `b-yearly` are made at once, the
        // others come from the heap, between the other tasks' deadlines.
        let plan = loaded(
            "[plan]\nid = \"x\"\ntitle = \"t\"\nissuer = \"i\"\nperiod = [2020, 2039]\n\
             [[task]]\nid = \"b-yearly\"\ntitle = \"t\"\ndue = \"yearly 06-30\"\n\
             [[task]]\nid = \"c-once\"\ntitle = \"t\"\ndue = \"2035-06-30\"\n\
             [[task]]\nid = \"a-once\"\ntitle = \"t\"\ndue = [\"2035-06-30\", \"2031-01-01\"]\n",
        );
        let mut expected: Vec<String> = (2020..=2039)
            .map(|year| format!("{year}-06-30 b-yearly"))
            .collect();
        expected.insert(11, "2031-01-01 a-once".to_owned());
        expected.insert(16, "2035-06-30 a-once".to_owned());
        expected.insert(18, "2035-06-30 c-once".to_owned());
        assert_eq!(listed_of(plan, None, None), expected);
    }

    #[test]
    fn a_schedule_without_bodies_keeps_each_duty_but_the_bodies_it_names() {
        let plan = loaded(
            "[plan]\nid = \"x\"\ntitle = \"t\"\nissuer = \"i\"\nperiod = 2023\n\
             [[task]]\nid = \"a\"\nref = \"II.1\"\ntitle = \"Báo cáo\"\n\
             lead = \"Sở Nội vụ\"\nsupport = [\"Sở Y tế\"]\ndue = \"2023-06-30\"\n",
        );
        let whole = Schedule::of(&plan, &Filter::default());
        let without = Schedule::of(&plan, &Filter::default()).without_bodies();
        let (duty, kept) = (&whole.duties()[0], &without.duties()[0]);
        assert_eq!(duty.lead().len() + duty.support().len(), 2);
        assert_eq!(
            (kept.id(), kept.section(), kept.title(), kept.line()),
            (duty.id(), duty.section(), duty.title(), duty.line())
        );
        assert_eq!(kept.rules().len(), 1);
        assert!(kept.lead().is_empty() && kept.support().is_empty() && kept.requested().is_empty());
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
