//! A body's page: everything it owes, overdue duties first.

use chrono::NaiveDate;

use crate::query::due::Deliveries;
use crate::query::owners::Holder;
use crate::site::digest::{Part, TaskText};

use super::{Day, Facts, Href, Link};

/// One body's page.
#[derive(Debug)]
pub struct BodyPage<'a> {
    pub name: &'a str,
    pub scope: String,
    pub feed: String,
    /// The feed at the site's published address, when it is known.
    pub feed_url: Option<String>,
    pub rows: Vec<BodyRow<'a>>,
}

/// One duty of a body.
#[derive(Debug)]
pub struct BodyRow<'a> {
    pub next: Option<Day<'a>>,
    pub passed: bool,
    /// The last deadline, shown once all have passed (when it is not
    /// overdue: the overdue ones are shown).
    pub last: Option<Day<'a>>,
    /// The day the next deadline's report was delivered, ahead of it.
    pub next_delivered: Option<Day<'a>>,
    /// The deadlines of the last 12 months that no report answers, as the
    /// home page's "Quá hạn" lists them.
    pub overdue: Vec<Day<'a>>,
    pub role: &'a str,
    pub plan: Link<'a>,
    pub number: Option<&'a str>,
    pub task: Option<Link<'a>>,
    pub section: Option<&'a str>,
    pub due: Option<String>,
    pub via: Option<&'a str>,
}

/// Builds one body's page: overdue duties first (oldest deadline first),
/// then the nearest deadline, then ongoing duties, then duties whose
/// deadlines have all passed. `base_url` is the address the site is
/// published at, when it is known.
pub fn body_page<'a>(
    facts: &'a Facts,
    holder: &'a Holder,
    slug: &str,
    duties: &'a [Part],
    deliveries: &Deliveries,
    base_url: Option<&str>,
) -> BodyPage<'a> {
    let mut rows: Vec<(u8, Option<NaiveDate>, BodyRow)> = duties
        .iter()
        .map(|duty| {
            let next = duty.dates.next;
            let passed = next.is_none() && duty.dates.dated();
            let task = facts.task(duty);
            let overdue = overdue(facts, duty, task, deliveries);
            let (rank, first) = match (overdue.first(), next, passed) {
                (Some(&late), _, _) => (0, Some(late)),
                (None, Some(_), _) => (1, next),
                (None, None, false) => (2, None),
                (None, None, true) => (3, None),
            };
            let plan = &facts.plans[duty.plan];
            let slug = facts.plan_slugs[duty.plan].as_str();
            let row = BodyRow {
                next: next.map(|d| facts.day(d)),
                passed,
                last: duty
                    .dates
                    .last
                    .filter(|_| overdue.is_empty())
                    .map(|d| facts.day(d)),
                next_delivered: next
                    .and_then(|d| delivered(facts, duty, task, deliveries, d))
                    .map(|d| facts.day(d)),
                overdue: overdue.into_iter().map(|d| facts.day(d)).collect(),
                role: facts.words.role(duty.role),
                number: plan.number.as_ref().map(|n| n.value.as_str()),
                task: task.map(|t| Link {
                    text: t.title,
                    href: Href::Task(Some(slug), t.id),
                }),
                section: task.and_then(|t| t.section),
                plan: Link {
                    text: &plan.title,
                    href: Href::Plan(slug),
                },
                due: task
                    .filter(|t| !t.rules.is_empty())
                    .map(|t| facts.words.rules(t.rules.iter().copied())),
                via: duty.via.as_deref(),
            };
            (rank, first, row)
        })
        .collect();
    rows.sort_by_key(|row| (row.0, row.1));
    BodyPage {
        name: &holder.org,
        scope: facts.scope_name(&holder.scope),
        feed: format!("bodies/{slug}.ics"),
        feed_url: base_url.map(|b| format!("{b}/bodies/{slug}.ics")),
        rows: rows.into_iter().map(|(_, _, row)| row).collect(),
    }
}

/// The deadlines of `duty` in the last 12 months, before today, that no
/// report answers: what the home page counts as overdue, for one body.
fn overdue(
    facts: &Facts,
    duty: &Part,
    task: Option<TaskText>,
    deliveries: &Deliveries,
) -> Vec<NaiveDate> {
    if task.is_none() {
        return Vec::new();
    }
    let window = crate::site::digest::listed_window(facts.today);
    duty.dates
        .listed
        .iter()
        .copied()
        .take_while(|&d| d < facts.today)
        .filter(|&d| window.contains(d) && delivered(facts, duty, task, deliveries, d).is_none())
        .collect()
}

/// The day a report says the occurrence of `duty` (of `task`) on
/// `deadline` was delivered, as `gplan due` reads the progress files.
fn delivered(
    facts: &Facts,
    duty: &Part,
    task: Option<TaskText>,
    deliveries: &Deliveries,
    deadline: NaiveDate,
) -> Option<NaiveDate> {
    let task = task?;
    let plan = &facts.plans[duty.plan];
    let period = plan.valid_period()?;
    deliveries.delivered_task(&plan.id.value, task.id, task.rules, period, deadline)
}
