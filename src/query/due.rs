//! `gplan due`: every task deadline expanded into dated occurrences,
//! filtered and sorted.
//!
//! A listing keeps of each plan only what it prints (a [`Schedule`]):
//! the whole period of a national repository is hundreds of thousands of
//! rows, and the rest of each task is let go as the plan is loaded.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use chrono::NaiveDate;
use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::deadline::{Occurrence, Occurrences};
use crate::model::{Period, Plan, Report, Task};
use crate::query::{Duty, Filter};
use crate::resolve::split_item_ref;
use crate::rules::ref_skip::section_key;

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
    /// Sorted by task id (tasks with one id keep their file order).
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

    /// Duties in the document's order: by `ref` in natural section order
    /// (II.2 < II.10 < III.1; tasks without one last), then by id.
    fn sorted(plan: &Plan, period: Option<Period>, mut duties: Vec<Duty>) -> Schedule {
        duties.sort_by_cached_key(|d| {
            let section = d.section().map(section_key);
            (section.is_none(), section, d.id().to_owned())
        });
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
    /// The index of `reports`, taken in their order.
    pub fn new(reports: &[Report]) -> Deliveries {
        let mut deliveries = Deliveries::default();
        for report in reports {
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
        let answers = self.by_plan.get(plan)?.get(duty.id())?;
        let named = |wanted: Option<NaiveDate>| {
            answers
                .iter()
                .find(|(named, _)| *named == wanted)
                .map(|(_, day)| *day)
        };
        named(Some(deadline)).or_else(|| {
            let day = named(None)?;
            (duty.only_deadline(period) == Some(deadline)).then_some(day)
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

/// Every deadline of the schedules whose plan passes the filter, in the
/// order of every listing: deadline, jurisdiction, plan, task.
///
/// The first [`AHEAD`] occurrences of every rule are made at once, on
/// every core, as 16-byte [`Entry`]s (which point back to their plan and
/// duty) and sorted on every core; a rule with more left goes to a heap
/// of the rules' next occurrences, merged with the sorted entries as the
/// listing is read. Memory holds at most `AHEAD` entries and one rule's
/// state per rule, whatever the length of the periods, and the first row
/// comes out at once. A national listing (424,535 rules, 435,000 rows)
/// is then 7 MB of entries and an empty heap; with every rule in the
/// heap it held 44 MB, and took each row from it on one thread (see
/// docs/performance.md).
pub fn occurrences<'s>(schedules: &'s [Schedule], filter: &Filter) -> Listing<'s> {
    let order = plan_order(schedules);
    let ranked = || {
        order.par_iter().enumerate().map(|(rank, &at)| {
            let rank = u32::try_from(rank).unwrap_or(u32::MAX);
            (rank, &schedules[at as usize])
        })
    };
    let mut entries: Vec<Entry> = ranked()
        .flat_map_iter(|(rank, schedule)| schedule.rules(rank, filter))
        .flat_map_iter(|(entry, rule)| first(entry, rule))
        .collect();
    entries.par_sort_unstable();
    // Each rule is walked again past its first occurrences rather than
    // kept from the first walk: a state for every rule is what the heap
    // cost.
    let rules: Vec<Rest> = ranked()
        .flat_map_iter(|(rank, schedule)| schedule.rules(rank, filter))
        .filter_map(|(entry, rule)| Rest::after_first(entry, rule))
        .collect();
    let heads = rules
        .iter()
        .zip(0u32..)
        .map(|(rule, at)| Reverse(rule.head(at)));
    Listing {
        schedules,
        order,
        heads: heads.collect(),
        entries: entries.into_iter().peekable(),
        rules,
        last: None,
        deliveries: None,
    }
}

/// Occurrences of each rule made at once as entries: a decade of a
/// yearly rule, so that every rule of a national repository (plans of
/// ten years at most) is made at once, in parallel, and the heap is
/// left for longer periods.
const AHEAD: usize = 10;

/// The first [`AHEAD`] entries of a rule whose first entry is `entry`.
fn first(entry: Entry, rule: Occurrences) -> impl Iterator<Item = Entry> {
    rule.take(AHEAD).map(move |o| Entry {
        deadline: o.deadline,
        start: o.start,
        ..entry
    })
}

impl Schedule {
    /// The occurrences of each rule of each duty of the plan ranked
    /// `plan` (none when the filter leaves the plan out), each with an
    /// entry that names its plan and duty.
    fn rules<'a>(
        &'a self,
        plan: u32,
        filter: &'a Filter,
    ) -> impl Iterator<Item = (Entry, Occurrences)> + 'a {
        let listed = filter.keeps_plan(&self.plan.id, self.plan.jurisdiction.as_deref());
        let period = self.period.filter(|_| listed);
        period.into_iter().flat_map(move |period| {
            (0u32..).zip(&*self.duties).flat_map(move |(duty, d)| {
                let entry = Entry {
                    deadline: NaiveDate::MIN,
                    plan,
                    duty,
                    start: None,
                };
                d.occurrences(period, filter.window)
                    .map(move |rule| (entry, rule))
            })
        })
    }
}

/// The listing of [`occurrences`], an iterator of [`Item`]s.
pub struct Listing<'s> {
    schedules: &'s [Schedule],
    /// The index in `schedules` of the plan of each rank.
    order: Vec<u32>,
    /// The first occurrences of every rule, sorted.
    entries: std::iter::Peekable<std::vec::IntoIter<Entry>>,
    /// The next occurrence of every rule with more than its first ones
    /// left, and where the rest of the rule is in `rules`.
    heads: BinaryHeap<Reverse<Head>>,
    rules: Vec<Rest>,
    /// The last entry given: two rules of one task ending on one day give
    /// one item.
    last: Option<Entry>,
    /// Where each item's delivery is looked up, when reports are read.
    deliveries: Option<&'s Deliveries>,
}

impl<'s> Listing<'s> {
    /// The listing, each item with the day its report says it was
    /// delivered: one lookup per item as it is made.
    pub fn reading(self, deliveries: &'s Deliveries) -> Listing<'s> {
        Listing {
            deliveries: Some(deliveries),
            ..self
        }
    }

    /// The next entry of the sorted entries and the heap, and the rule's
    /// one after it put in the heap.
    fn next_entry(&mut self) -> Option<Entry> {
        let from_heap = match (self.entries.peek(), self.heads.peek()) {
            (Some(entry), Some(Reverse(head))) => head.0 < *entry,
            (None, Some(_)) => true,
            (_, None) => false,
        };
        if !from_heap {
            return self.entries.next();
        }
        let Reverse(Head(entry, at)) = self.heads.pop()?;
        let rule = self.rules.get_mut(at as usize)?;
        if let Some(next) = rule.rest.next() {
            rule.next = next;
            self.heads.push(Reverse(rule.head(at)));
        }
        Some(entry)
    }
}

impl<'s> Listing<'s> {
    /// The next entry that is not a second deadline of a duty on one day.
    fn next_listed(&mut self) -> Option<Entry> {
        loop {
            let entry = self.next_entry()?;
            let same_day = |last: Entry| (last.deadline, last.plan, last.duty);
            if self.last.map(same_day) != Some(same_day(entry)) {
                self.last = Some(entry);
                return Some(entry);
            }
        }
    }

    /// The item of an entry, with its delivery looked up.
    fn item(&self, entry: &Entry) -> Item<'s> {
        let schedule = &self.schedules[self.order[entry.plan as usize] as usize];
        let duty = &schedule.duties[entry.duty as usize];
        let delivered = self
            .deliveries
            .zip(schedule.period)
            .and_then(|(d, period)| d.delivered(&schedule.plan.id, duty, period, entry.deadline));
        Item {
            occurrence: Occurrence {
                deadline: entry.deadline,
                start: entry.start,
            },
            plan: &schedule.plan,
            duty,
            delivered,
        }
    }
}

impl<'s> Iterator for Listing<'s> {
    type Item = Item<'s>;

    fn next(&mut self) -> Option<Item<'s>> {
        let entry = self.next_listed()?;
        Some(self.item(&entry))
    }
}

/// One occurrence of a duty, ordered as listed: deadline, then the plan's
/// place by jurisdiction and id, then the duty's by id within its plan
/// (numbers to compare instead of strings); on one day the duty's
/// occurrence without a window start, else with the earliest start, comes
/// first and is the one listed (two rules of one task ending on one day,
/// "2023-Q4" and "2023-12", are one deadline).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Entry {
    deadline: NaiveDate,
    /// The plan's rank (see [`plan_order`]).
    plan: u32,
    /// The duty's index in its schedule.
    duty: u32,
    start: Option<NaiveDate>,
}

/// A rule's next entry in the heap, and where the rule is in
/// [`Listing::rules`].
#[derive(PartialEq, Eq, PartialOrd, Ord)]
struct Head(Entry, u32);

/// A rule with occurrences after its first [`AHEAD`]: its plan and duty,
/// its next occurrence and the ones after.
struct Rest {
    plan: u32,
    duty: u32,
    next: Occurrence,
    rest: Occurrences,
}

impl Rest {
    /// What is left of a rule (whose first entry is `entry`) after its
    /// first [`AHEAD`] occurrences, if anything.
    fn after_first(entry: Entry, mut rule: Occurrences) -> Option<Rest> {
        rule.nth(AHEAD - 1)?;
        let next = rule.next()?;
        Some(Rest {
            plan: entry.plan,
            duty: entry.duty,
            next,
            rest: rule,
        })
    }

    fn head(&self, at: u32) -> Head {
        let entry = Entry {
            deadline: self.next.deadline,
            plan: self.plan,
            duty: self.duty,
            start: self.next.start,
        };
        Head(entry, at)
    }
}

/// The schedules' indexes in the order of plans by jurisdiction, then id
/// (two plans with one id, an error `check` reports, keep their file
/// order): a plan's rank is its place here.
fn plan_order(schedules: &[Schedule]) -> Vec<u32> {
    let mut order: Vec<u32> = (0..).take(schedules.len()).collect();
    order.sort_by_key(|&i| {
        let plan = &schedules[i as usize].plan;
        (plan.jurisdiction.as_deref(), &*plan.id)
    });
    order
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
        let deliveries = Deliveries::new(reports);
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
    fn an_entry_is_16_bytes() {
        // What the listing's memory is measured by (docs/performance.md).
        assert_eq!(std::mem::size_of::<Entry>(), 16);
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
