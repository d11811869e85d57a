//! The page models: what each page shows, built from the query answers
//! (through [`super::adapter`]) and read by the templates. Every text a
//! page prints is ready here (figures with their units), or is written as
//! the page is from what it is made of (days in the site's language, the
//! paths of links: see [`Day`] and [`Href`]), so templates only lay it
//! out. Models borrow the texts of the plans they show. Every list is
//! sorted.

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate};
use rustc_hash::{FxHashMap, FxHashSet};

use crate::model::{Actual, Issued, Plan, Target, Value};
use crate::query::due::{Item, Standing};
use crate::query::owners::Holder;
use crate::query::Role;
use crate::registry::Registry;
use crate::resolve::Index;
use crate::resolve::Node;
use crate::site::adapter;
use crate::site::digest::{Dates, Held, Part, PartAt, Roles, TaskText, TaskTexts};
use crate::site::i18n::Catalogue;

mod body;
mod parts;
mod plan;
mod progress;
mod standing;

pub use body::{body_page, in_order, BodyPage, BodyRow, Duty};
pub use parts::{BodyRef, Day, Href, Link};
pub use plan::{plan_page, Parent, PlanPage, TargetView, TaskView, YearRow};
pub use progress::Progress;
pub use standing::{Delivery, DutyStanding, LateDelivery};

/// One dated duty in a listing (index, calendar).
#[derive(Debug, Clone)]
pub struct DeadlineRow<'a> {
    pub deadline: Day<'a>,
    pub start: Option<Day<'a>>,
    pub plan: Link<'a>,
    pub number: Option<&'a str>,
    pub task: Link<'a>,
    pub section: Option<&'a str>,
    pub lead: Vec<BodyRef<'a>>,
    pub support: Vec<BodyRef<'a>>,
    /// The report that answers the deadline: the calendar marks it as a
    /// body's page does (the home page lists no delivered deadline).
    pub delivered: Option<Delivery<'a>>,
}

/// A body on the list: who it is, its page's file name, its duties and
/// how many deadlines its page marks overdue.
type BodyEntry<'f> = (&'f Holder, &'f String, &'f Vec<PartAt>, usize);

/// What the site knows before writing any page: the answers of the
/// queries, and the file name of every plan and body page. The plans are
/// their headers and targets only (see [`crate::site::digest`]).
pub struct Facts<'p> {
    pub plans: &'p [Plan],
    pub index: Index<'p>,
    pub registry: Option<&'p Registry>,
    pub words: &'p Catalogue,
    pub today: NaiveDate,
    /// The file name of each plan's page, by the plan's place in `plans`.
    pub plan_slugs: Vec<String>,
    /// Each plan's place in the order of plan ids, by its place in `plans`.
    pub plan_ranks: Vec<u32>,
    /// The parts bodies still owe in each plan, by the plan's place.
    pub parts: Vec<Vec<Part>>,
    /// Where the duties each body still owes lie in `parts`, grouped by
    /// body and scope, with each body's file name, in plan order
    /// ([`body::in_order`] sorts them).
    pub bodies: BTreeMap<Holder, (String, Vec<PartAt>)>,
    /// Each body's place in `bodies`, found by hashing.
    pub body_slugs: FxHashMap<Holder, u32>,
    /// Each body's file name again, by its place in `bodies`.
    pub body_files: Vec<String>,
    /// Every body and scope the plans name, by its number (see
    /// [`crate::site::digest::Shared`]).
    pub holders: Vec<Holder>,
    /// The place in `bodies` of each of `holders`, when it has a page: the
    /// holders of every role of every task are found by number.
    pub body_places: Vec<Option<u32>>,
    /// Who holds each role of each task, by the plan's place in `plans`.
    pub roles: Vec<Roles>,
    /// Every task of each plan, by the plan's place in `plans`.
    pub texts: Vec<TaskTexts>,
    /// The plans that implement each plan, by place in `plans`, sorted by id.
    pub children: Vec<Vec<usize>>,
    /// The actuals recorded against the targets, and where they stand.
    pub progress: Progress<'p>,
}

impl<'p> Facts<'p> {
    /// A plan's page, from the site's root.
    pub fn plan_href(&self, plan: usize) -> String {
        format!("plans/{}.html", self.plan_slugs[plan])
    }

    /// A plan's page, as a link's path.
    pub fn plan_page_href(&self, plan: usize) -> Href<'_> {
        Href::Plan(&self.plan_slugs[plan])
    }

    /// A body's page, as a link's path.
    pub fn body_href(&self, holder: &Holder) -> Option<Href<'_>> {
        self.body_slugs
            .get(holder)
            .and_then(|&at| self.body_page(Some(at)))
    }

    /// The page of the body at `at` in `bodies`.
    fn body_page(&self, at: Option<u32>) -> Option<Href<'_>> {
        let slug = self.body_files.get(at? as usize)?;
        Some(Href::Body(slug))
    }

    /// A day in the site's language.
    pub fn day(&self, day: NaiveDate) -> Day<'p> {
        Day {
            date: day,
            words: self.words,
        }
    }

    /// A scope as people read it: the jurisdiction's name (and the issuing
    /// body for a unit's scope).
    pub fn scope_name(&self, scope: &str) -> String {
        let (jurisdiction, rest) = match scope.split_once('/') {
            Some((j, rest)) => (j, Some(rest)),
            None => (scope, None),
        };
        let name = self
            .registry
            .and_then(|r| r.jurisdictions.get(jurisdiction))
            .map_or(jurisdiction, |j| j.name.as_str());
        match rest {
            Some(rest) => format!("{name} — {rest}"),
            None => name.to_owned(),
        }
    }

    /// The part at `at`.
    fn part(&self, at: PartAt) -> &Part {
        &self.parts[at.plan()][at.at()]
    }

    /// The dates of the part at `at`.
    pub fn dates(&self, at: PartAt) -> &Dates {
        self.part(at).dates(&self.roles[at.plan()])
    }

    /// A body's duty, the part at `at`, with its task (none for the issuer
    /// of a plan), its dates and names.
    pub fn duty(&self, at: PartAt) -> Duty<'_> {
        let (plan, part) = (at.plan(), self.part(at));
        let roles = &self.roles[plan];
        Duty {
            role: part.role,
            plan,
            task: part.task().map(|at| self.texts[plan].get(at)),
            dates: part.dates(roles),
            listed: roles.listed(part.dates(roles)),
            via: part.via(roles),
            group: part.group(roles),
        }
    }

    /// The bodies holding one role of the task at `task` of the plan at
    /// `plan` (its issuer for none), on `day` when given (a duty passes to
    /// a successor from its dissolution on), else every holder. `day` must
    /// be a deadline of a task the listings show.
    pub fn holders(
        &self,
        plan: usize,
        task: Option<u32>,
        role: Role,
        day: Option<NaiveDate>,
    ) -> Vec<BodyRef<'_>> {
        self.body_refs(self.roles[plan].holders(task, role, day))
    }

    /// Links to `held` (each body with the one its duty came from), each
    /// once, in the order given (a task may name thousands).
    fn body_refs<'a>(&'a self, held: impl Iterator<Item = Held<'a>>) -> Vec<BodyRef<'a>> {
        let mut bodies: Vec<BodyRef> = held
            .filter_map(|held| {
                let at = held.body as usize;
                Some(BodyRef {
                    name: &self.holders.get(at)?.org,
                    href: self.body_page(self.body_places.get(at).copied().flatten()),
                    via: held.via,
                })
            })
            .collect();
        if bodies.len() > 1 {
            let mut seen = FxHashSet::default();
            bodies.retain(|body| seen.insert(*body));
        }
        bodies
    }

    /// One listing row for a dated duty; a plan without a page (none is
    /// listed) links to the home page.
    pub fn row<'a>(&'a self, item: &'a Item) -> DeadlineRow<'a> {
        let at = self.index.by_id(&item.plan.id);
        let slug = at.map(|at| self.plan_slugs[at].as_str());
        let deadline = item.occurrence.deadline;
        let task = item.duty.id();
        let place = at.map(|at| (at, self.texts[at].place(item.duty)));
        let holders = |role| {
            place.map_or_else(Vec::new, |(at, place)| {
                self.holders(at, place, role, Some(deadline))
            })
        };
        DeadlineRow {
            deadline: self.day(deadline),
            start: item.occurrence.start.map(|d| self.day(d)),
            task: Link {
                text: item.duty.title(),
                href: Href::Task(slug, task),
            },
            plan: Link {
                text: &item.plan.title,
                href: slug.map_or(Href::Home, Href::Plan),
            },
            number: item.plan.number.as_deref(),
            section: item.duty.section(),
            lead: holders(Role::Lead),
            support: holders(Role::Support),
            delivered: item.delivered.map(|day| Delivery {
                day: self.day(day),
                late: day > deadline,
            }),
        }
    }
}

/// The most rows a list of the home page shows: a national repository has
/// thousands of deadlines a month, which belong on the calendar and the
/// bodies' pages, not on a page people open every day.
pub const HOME_ROWS: usize = 100;

/// The home page.
#[derive(Debug)]
pub struct IndexPage<'a> {
    pub overdue: Vec<DeadlineRow<'a>>,
    pub overdue_total: usize,
    /// Says that only the first rows are shown, when there are more.
    pub overdue_more: Option<String>,
    pub soon: Vec<DeadlineRow<'a>>,
    pub soon_total: usize,
    pub soon_more: Option<String>,
    pub soon_from: Day<'a>,
    pub counts: Vec<CountRow>,
    pub tree: Vec<TreeLine<'a>>,
}

/// One province's figures on the home page.
#[derive(Debug)]
pub struct CountRow {
    pub name: String,
    pub plans: usize,
    pub tasks: usize,
    pub overdue: usize,
    pub soon: usize,
}

/// One line of the plan tree: a plan (with its page), or a document
/// outside the repository that plans implement (no page: marked outside).
#[derive(Debug)]
pub struct TreeLine<'a> {
    pub depth: usize,
    pub link: Option<Link<'a>>,
    pub number: Option<&'a str>,
    pub title: &'a str,
    pub repeated: bool,
}

/// Builds the home page from the deadlines of the last 12 months on.
pub fn index_page<'a>(facts: &'a Facts, items: &'a [Item]) -> IndexPage<'a> {
    let today = facts.today;
    // `items` are those of the listed window: the overdue ones are of the
    // last 12 months, as the page says.
    let overdue: Vec<&Item> = items
        .iter()
        .filter(|i| i.standing(today) == Standing::Overdue)
        .collect();
    let soon: Vec<&Item> = items
        .iter()
        .filter(|i| i.standing(today) == Standing::Open)
        .filter(|i| i.occurrence.deadline <= today + Duration::days(30))
        .collect();
    let mut counts: BTreeMap<Option<&str>, CountRow> = BTreeMap::new();
    for (plan, tasks) in facts.plans.iter().zip(&facts.texts) {
        let r = count_row(
            facts,
            &mut counts,
            plan.jurisdiction.as_ref().map(|j| j.value.as_str()),
        );
        r.plans += 1;
        r.tasks += tasks.len();
    }
    for item in &overdue {
        count_row(facts, &mut counts, item.plan.jurisdiction.as_deref()).overdue += 1;
    }
    for item in &soon {
        count_row(facts, &mut counts, item.plan.jurisdiction.as_deref()).soon += 1;
    }
    let mut counts: Vec<CountRow> = counts.into_values().collect();
    counts.sort_by(|a, b| crate::names::vietnamese_cmp(&a.name, &b.name));
    let tree = adapter::tree(&facts.index)
        .into_iter()
        .filter_map(|line| tree_line(facts, &line))
        .collect();
    let more = |total: usize| {
        (total > HOME_ROWS).then(|| {
            facts
                .words
                .list_more
                .replace("{shown}", &facts.words.number(HOME_ROWS))
                .replace("{total}", &facts.words.number(total))
        })
    };
    IndexPage {
        overdue: overdue
            .iter()
            .rev()
            .take(HOME_ROWS)
            .map(|i| facts.row(i))
            .collect(),
        overdue_total: overdue.len(),
        overdue_more: more(overdue.len()),
        soon: soon.iter().take(HOME_ROWS).map(|i| facts.row(i)).collect(),
        soon_total: soon.len(),
        soon_more: more(soon.len()),
        soon_from: facts.day(today),
        counts,
        tree,
    }
}

/// A line of the plan tree; an outside document the catalogue does not
/// hold has no line (the tree only roots documents it knows).
fn tree_line<'a>(facts: &'a Facts, line: &crate::query::tree::Line) -> Option<TreeLine<'a>> {
    let depth = line.depth.min(8);
    match line.node {
        Node::Plan(at) => {
            let plan = &facts.plans[at];
            Some(TreeLine {
                depth,
                link: Some(Link {
                    text: &plan.title,
                    href: facts.plan_page_href(at),
                }),
                number: plan.number.as_ref().map(|n| n.value.as_str()),
                title: &plan.title,
                repeated: line.repeated,
            })
        }
        Node::Outside(d) => {
            let document = facts.index.catalogue?.documents.get(d)?;
            Some(TreeLine {
                depth,
                link: None,
                number: Some(&document.number.value),
                title: document.title.as_deref().unwrap_or_default(),
                repeated: line.repeated,
            })
        }
    }
}

/// The figures of one jurisdiction, started at zero.
fn count_row<'m, 'j>(
    facts: &Facts,
    counts: &'m mut BTreeMap<Option<&'j str>, CountRow>,
    jurisdiction: Option<&'j str>,
) -> &'m mut CountRow {
    counts.entry(jurisdiction).or_insert_with(|| CountRow {
        name: jurisdiction.map_or_else(
            || facts.words.no_jurisdiction.to_owned(),
            |j| facts.scope_name(j),
        ),
        plans: 0,
        tasks: 0,
        overdue: 0,
        soon: 0,
    })
}

/// The calendar page: one section per month. The sections are written a
/// few rows at a time, in [`MonthPiece`]s: a national repository has a
/// hundred thousand deadlines a year.
#[derive(Debug)]
pub struct CalendarPage<'a> {
    pub from: Day<'a>,
    pub to: Day<'a>,
    pub months: Vec<MonthHead>,
    /// Where the months' sections go (each is written after a line break,
    /// and followed by one).
    pub sections: String,
}

impl CalendarPage<'_> {
    /// Whether no month has a deadline (the page then says so once).
    pub fn is_empty(&self) -> bool {
        self.months.iter().all(|m| m.count == 0)
    }
}

/// A month in the calendar's list of months.
#[derive(Debug, Clone, PartialEq)]
pub struct MonthHead {
    pub id: String,
    pub label: String,
    /// How many deadlines the month has.
    pub count: usize,
}

/// A piece of one month's section of the calendar: its heading with the
/// head of its table, some of its rows, or the end of both. A busy month
/// (December gathers the year's reports) is made a few rows at a time.
#[derive(Debug)]
pub enum MonthPiece<'a> {
    Head(&'a MonthHead),
    Rows(Vec<DeadlineRow<'a>>),
    End,
}

/// The last day of the next 12 months: the day before today's date next
/// year (20/11/2025 → 19/11/2026), so a yearly deadline falls in the
/// window exactly once. From 29 February, the day before 1 March (28
/// February, every day of the year after it is in).
pub fn calendar_end(today: NaiveDate) -> NaiveDate {
    let year = today.year().saturating_add(1);
    NaiveDate::from_ymd_opt(year, today.month(), today.day())
        .or_else(|| NaiveDate::from_ymd_opt(year, 3, 1))
        .map_or(NaiveDate::MAX, |next| next - Duration::days(1))
}

/// The months of the calendar, today's to [`calendar_end`]'s (13 of them
/// unless today is the 1st), each with its deadlines from today to the
/// window's end; `items` are in deadline order, so each month's are one
/// run of them.
pub fn calendar_months<'i, 's>(
    facts: &Facts,
    items: &'i [Item<'s>],
) -> Vec<(MonthHead, &'i [Item<'s>])> {
    let end = calendar_end(facts.today);
    let this_month = facts.today.with_day(1).unwrap_or(facts.today);
    (0..13)
        .filter_map(|n| this_month.checked_add_months(chrono::Months::new(n)))
        .take_while(|first| *first <= end)
        .map(|first| {
            let from = first.max(facts.today);
            let start = items.partition_point(|i| i.occurrence.deadline < from);
            let end = items.partition_point(|i| i.occurrence.deadline <= end && in_month(first, i));
            let items = items.get(start..end.max(start)).unwrap_or_default();
            let head = MonthHead {
                id: first.format("m-%Y-%m").to_string(),
                label: facts.words.month(first),
                count: items.len(),
            };
            (head, items)
        })
        .collect()
}

/// Whether `item`'s deadline is in the month of `first` or before it.
fn in_month(first: NaiveDate, item: &Item) -> bool {
    let deadline = item.occurrence.deadline;
    (deadline.year(), deadline.month()) <= (first.year(), first.month())
}

/// The list of every body, by scope.
#[derive(Debug)]
pub struct BodiesPage<'a> {
    pub scopes: Vec<ScopeGroup<'a>>,
}

/// The bodies of one scope.
#[derive(Debug)]
pub struct ScopeGroup<'a> {
    pub id: String,
    pub name: String,
    pub bodies: Vec<BodySummary<'a>>,
}

/// One body on the list.
#[derive(Debug)]
pub struct BodySummary<'a> {
    pub link: Link<'a>,
    pub lead: usize,
    pub support: usize,
    pub duties: usize,
    /// Its deadlines of the last 12 months no report answers, as its page
    /// marks them "Quá hạn".
    pub overdue: usize,
    pub next: Option<Day<'a>>,
}

/// Builds the list of bodies: scopes by name, bodies in Vietnamese order.
/// `overdue` is how many deadlines each body's page marks overdue, in the
/// order of `facts.bodies`.
pub fn bodies_page<'a>(facts: &'a Facts, overdue: &[usize]) -> BodiesPage<'a> {
    let mut scopes: BTreeMap<&str, Vec<BodyEntry>> = BTreeMap::new();
    for ((holder, (slug, duties)), &overdue) in facts.bodies.iter().zip(overdue) {
        scopes
            .entry(&holder.scope)
            .or_default()
            .push((holder, slug, duties, overdue));
    }
    let mut out: Vec<ScopeGroup> = scopes
        .into_iter()
        .map(|(scope, mut bodies)| {
            bodies.sort_by(|a, b| crate::names::vietnamese_cmp(&a.0.org, &b.0.org));
            ScopeGroup {
                id: format!("scope-{}", super::slug::body("", scope)),
                name: facts.scope_name(scope),
                bodies: bodies
                    .into_iter()
                    .map(|(holder, slug, duties, overdue)| {
                        let count = |role| {
                            let of_role = |at: &&PartAt| facts.part(**at).role == role;
                            duties.iter().filter(of_role).count()
                        };
                        BodySummary {
                            link: Link {
                                text: &holder.org,
                                href: Href::Body(slug),
                            },
                            lead: count(Role::Lead),
                            support: count(Role::Support),
                            // Issuing a plan is no duty owed.
                            duties: duties.len() - count(Role::Issuer),
                            overdue,
                            next: duties
                                .iter()
                                .filter_map(|&at| facts.dates(at).next)
                                .min()
                                .map(|d| facts.day(d)),
                        }
                    })
                    .collect(),
            }
        })
        .collect();
    out.sort_by(|a, b| {
        crate::names::vietnamese_cmp(&a.name, &b.name).then_with(|| a.id.cmp(&b.id))
    });
    BodiesPage { scopes: out }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a date")
    }

    #[test]
    fn the_calendar_runs_to_the_day_before_the_same_date_next_year() {
        // It stopped at the end of the 11th month after today's: a yearly
        // deadline on 15/11 was missing as of 20/11.
        assert_eq!(calendar_end(day(2025, 11, 20)), day(2026, 11, 19));
        assert_eq!(calendar_end(day(2025, 11, 1)), day(2026, 10, 31));
        assert_eq!(calendar_end(day(2025, 1, 1)), day(2025, 12, 31));
        assert_eq!(calendar_end(day(2025, 12, 31)), day(2026, 12, 30));
        assert_eq!(calendar_end(day(2024, 2, 29)), day(2025, 2, 28));
        assert_eq!(calendar_end(day(2023, 3, 1)), day(2024, 2, 29));
        assert_eq!(calendar_end(day(2023, 2, 28)), day(2024, 2, 27));
        for today in [day(2024, 2, 29), day(2025, 11, 20), day(2026, 1, 31)] {
            let after = calendar_end(today) + Duration::days(1);
            assert_eq!(after.year(), today.year() + 1, "{today}");
            assert!(after.day() == today.day() || after == day(2025, 3, 1));
        }
    }
}
