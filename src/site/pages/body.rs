//! A body's page: everything it owes, overdue duties first.

use chrono::NaiveDate;

use crate::deadline::Occurrence;
use crate::query::due::Deliveries;
use crate::query::owners::Holder;
use crate::query::Role;
use crate::site::digest::{Dates, PartAt, TaskText};
use crate::site::i18n::RulesText;

use super::standing::{standing, Deadlines, DutyStanding};
use super::{Day, Facts, Href, Link};

/// One body's page.
#[derive(Debug)]
pub struct BodyPage<'a> {
    pub name: &'a str,
    pub scope: String,
    pub feed: String,
    /// The feed at the site's published address, when it is known.
    pub feed_url: Option<String>,
    /// When the body was dissolved (as of today), and who took its duties.
    pub dissolved: Option<Dissolved<'a>>,
    pub rows: Vec<BodyRow<'a>>,
}

/// A dissolved body: the day, and the bodies its duties passed to, in the
/// registry's order (the one that took the rest first).
#[derive(Debug)]
pub struct Dissolved<'a> {
    pub day: Day<'a>,
    pub successors: Vec<Successor<'a>>,
}

/// A body that took over a dissolved body's duties: a link to its page
/// when it has one, and the functions it took ("" for the rest).
#[derive(Debug)]
pub struct Successor<'a> {
    pub name: &'a str,
    pub href: Option<Href<'a>>,
    pub functions: String,
}

/// One duty of a body.
#[derive(Debug)]
pub struct BodyRow<'a> {
    /// Its deadlines: the next, those overdue, those delivered late.
    pub standing: DutyStanding<'a>,
    pub role: &'a str,
    pub plan: Link<'a>,
    pub number: Option<&'a str>,
    pub task: Option<Link<'a>>,
    pub section: Option<&'a str>,
    pub due: Option<RulesText<'a>>,
    pub via: Option<&'a str>,
    /// The group whose duty this is, when the body holds it as a member.
    pub group: Option<&'a str>,
}

/// One of a body's duties with its task (`None` for a plan it issued),
/// its dates and names, as its plan keeps them.
#[derive(Debug, Clone, Copy)]
pub struct Duty<'a> {
    pub role: Role,
    /// The plan's place in the site's plans.
    pub plan: usize,
    pub task: Option<TaskText<'a>>,
    pub dates: &'a Dates,
    /// Its occurrences up to the listed window's end (see
    /// [`crate::site::digest::Roles::listed`]).
    pub listed: &'a [Occurrence],
    /// The original body's name, when the duty was inherited.
    pub via: Option<&'a str>,
    /// The group's name, when the duty is a member's share of the group's.
    pub group: Option<&'a str>,
}

/// A body's duties in the order of `gplan owners` over the whole
/// repository (by role, then plan id, task id, first deadline and group),
/// each task looked up once: it lives in its plan's digest, far in memory
/// from the next duty's, and its page and its feed both read it.
pub fn in_order<'a>(facts: &'a Facts, parts: &[PartAt]) -> Vec<Duty<'a>> {
    let mut duties: Vec<Duty> = parts.iter().map(|&at| facts.duty(at)).collect();
    // Each key read once (its task and plan lie far apart in memory), and
    // the duties moved once each rather than at every step of the sort.
    duties.sort_by_cached_key(|duty| order_key(facts, duty));
    duties
}

type OrderKey<'a> = (
    Role,
    u32,
    Option<&'a str>,
    Option<Occurrence>,
    Option<&'a str>,
);

fn order_key<'a>(facts: &Facts, duty: &Duty<'a>) -> OrderKey<'a> {
    (
        duty.role,
        facts.plan_ranks[duty.plan],
        duty.task.map(|t| t.id),
        duty.dates.first,
        duty.group,
    )
}

/// Builds one body's page: overdue duties first (oldest deadline first),
/// then the nearest deadline, then ongoing duties, then duties whose
/// deadlines have all passed, and last the plans the body issued (a row
/// without a task, which owes no deadline). `base_url` is the address the
/// site is published at, when it is known.
pub fn body_page<'a>(
    facts: &'a Facts,
    holder: &'a Holder,
    slug: &str,
    duties: &[Duty<'a>],
    deliveries: &Deliveries,
    base_url: Option<&str>,
) -> BodyPage<'a> {
    let mut rows: Vec<(u8, Option<NaiveDate>, BodyRow)> = duties
        .iter()
        .map(|duty| {
            let task = duty.task;
            let standing = standing_of(facts, duty, deliveries);
            let (rank, first) = match (task, standing.overdue.first(), standing.next) {
                (None, ..) => (4, None),
                (Some(_), Some(late), _) => (0, Some(late.date)),
                (Some(_), None, Some(next)) => (1, Some(next.date)),
                (Some(_), None, None) => (2 + u8::from(standing.passed), None),
            };
            let plan = &facts.plans[duty.plan];
            let slug = facts.plan_slugs[duty.plan].as_str();
            let row = BodyRow {
                standing,
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
                    .map(|t| facts.words.rules(t.rules)),
                via: duty.via,
                group: duty.group,
            };
            (rank, first, row)
        })
        .collect();
    // A row is a few hundred bytes: the keys are sorted, and each row is
    // then moved once into its place.
    rows.sort_by_cached_key(|row| (row.0, row.1));
    BodyPage {
        name: &holder.org,
        scope: facts.scope_name(&holder.scope),
        feed: format!("bodies/{slug}.ics"),
        feed_url: base_url.map(|b| format!("{b}/bodies/{slug}.ics")),
        dissolved: dissolved(facts, holder),
        rows: rows.into_iter().map(|(_, _, row)| row).collect(),
    }
}

/// Where the deadlines of a body's `duty` stand (see [`standing`]).
fn standing_of<'a>(facts: &Facts<'a>, duty: &Duty, deliveries: &Deliveries) -> DutyStanding<'a> {
    let dates = duty.dates;
    let deadlines = Deadlines {
        next: dates.next,
        last: dates.last,
        dated: dates.dated(),
        listed: duty.listed,
    };
    standing(facts, duty.plan, duty.task, deadlines, deliveries)
}

/// What the registry says of `holder`'s dissolution, when it was
/// dissolved on or before today: the day and its successors in its scope.
fn dissolved<'a>(facts: &'a Facts, holder: &Holder) -> Option<Dissolved<'a>> {
    let registry = facts.registry?;
    let org = registry.lookup(&holder.org)?;
    let day = org.dissolved.filter(|&day| day <= facts.today)?;
    let successors = org.successors.iter().filter_map(|successor| {
        let name = registry.name_in(registry.lookup(&successor.org.value)?, &holder.scope);
        let page = Holder {
            org: name.into(),
            scope: holder.scope.clone(),
        };
        Some(Successor {
            name,
            href: facts.body_href(&page),
            functions: successor.functions.join("; "),
        })
    });
    Some(Dissolved {
        day: facts.day(day),
        successors: successors.collect(),
    })
}
