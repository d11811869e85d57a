//! Where a duty's deadlines stand as of today: the one reading of the
//! progress files' reports that a body's page and a plan's page print in
//! their rows (the home page's lists read the same reports, through
//! `gplan due`'s items).

use chrono::NaiveDate;

use crate::deadline::Occurrence;
use crate::query::due::Deliveries;
use crate::site::digest::{listed_window, TaskText};

use super::{Day, Facts};

/// The deadlines of one duty a row reads, from the dates the page keeps.
#[derive(Debug, Clone, Copy)]
pub struct Deadlines<'d> {
    /// The first deadline on or after today.
    pub next: Option<NaiveDate>,
    /// The last deadline, when every one has passed and it falls in the
    /// listed window (the day a row names once all have passed).
    pub last: Option<NaiveDate>,
    /// Whether the duty has a deadline at all (else it is ongoing).
    pub dated: bool,
    /// Deadlines in order, those of the listed window among them: the
    /// ones of the last 12 months before today are read; others are
    /// passed over.
    pub listed: &'d [Occurrence],
}

/// A report that answers a deadline: the day it was delivered, and
/// whether that was after the deadline.
#[derive(Debug, Clone, Copy)]
pub struct Delivery<'a> {
    pub day: Day<'a>,
    pub late: bool,
}

/// A deadline and the report that answered it after the deadline.
#[derive(Debug, Clone, Copy)]
pub struct LateDelivery<'a> {
    pub deadline: Day<'a>,
    pub delivery: Delivery<'a>,
}

/// What a row says of a duty's deadlines. Invariants: `overdue` and
/// `late` are deadlines of the last 12 months before today, in order,
/// each once; `overdue` is exactly what the home page counts for the
/// duty (no report answers them); `last` is shown only once every
/// deadline has passed and it is not overdue, and then is not in `late`.
#[derive(Debug, Clone)]
pub struct DutyStanding<'a> {
    pub next: Option<Day<'a>>,
    /// The report that answers the next deadline (ahead of it).
    pub next_delivered: Option<Delivery<'a>>,
    /// Every deadline is in the past.
    pub passed: bool,
    pub last: Option<Day<'a>>,
    pub last_delivered: Option<Delivery<'a>>,
    /// Deadlines a report answered after them (a duty delivered late is
    /// not overdue, but the row says it was late).
    pub late: Vec<LateDelivery<'a>>,
    /// Deadlines no report answers.
    pub overdue: Vec<Day<'a>>,
}

/// Reads the deadlines of the duty of `task` (none for the issuer of a
/// plan, whose duty no report answers) in the plan at `plan` against the
/// reports.
pub fn standing<'a>(
    facts: &Facts<'a>,
    plan: usize,
    task: Option<TaskText>,
    deadlines: Deadlines,
    deliveries: &Deliveries,
) -> DutyStanding<'a> {
    let answered = |deadline| delivered(facts, plan, task, deliveries, deadline);
    let delivery = |deadline: NaiveDate| {
        answered(deadline).map(|day| Delivery {
            day: facts.day(day),
            late: day > deadline,
        })
    };
    let window = listed_window(facts.today);
    let past: Vec<(NaiveDate, Option<NaiveDate>)> = match task {
        Some(_) => deadlines
            .listed
            .iter()
            .map(|o| o.deadline)
            .take_while(|&d| d < facts.today)
            .filter(|&d| window.contains(d))
            .map(|d| (d, answered(d)))
            .collect(),
        None => Vec::new(),
    };
    let passed = deadlines.next.is_none() && deadlines.dated;
    let last = deadlines
        .last
        .filter(|&d| passed && !past.contains(&(d, None)));
    DutyStanding {
        next: deadlines.next.map(|d| facts.day(d)),
        next_delivered: deadlines.next.and_then(delivery),
        passed,
        last: last.map(|d| facts.day(d)),
        last_delivered: last.and_then(delivery),
        late: past
            .iter()
            .filter(|&&(d, _)| Some(d) != last)
            .filter_map(|&(d, day)| {
                let day = day.filter(|&day| day > d)?;
                Some(LateDelivery {
                    deadline: facts.day(d),
                    delivery: Delivery {
                        day: facts.day(day),
                        late: true,
                    },
                })
            })
            .collect(),
        overdue: past
            .iter()
            .filter(|(_, day)| day.is_none())
            .map(|&(d, _)| facts.day(d))
            .collect(),
    }
}

/// The day a report says the occurrence of `task` (of the plan at
/// `plan`) on `deadline` was delivered, as `gplan due` reads the
/// progress files.
fn delivered(
    facts: &Facts,
    plan: usize,
    task: Option<TaskText>,
    deliveries: &Deliveries,
    deadline: NaiveDate,
) -> Option<NaiveDate> {
    let task = task?;
    let plan = &facts.plans[plan];
    let period = plan.valid_period()?;
    deliveries.delivered_task(&plan.id.value, task.id, task.rules, period, deadline)
}
