//! What each plan gives the site as it is loaded, on the thread that
//! loads it: its tasks' texts, who holds each role, its deadlines in the
//! listed window and the parts its bodies' pages list. The plan keeps its
//! header and targets; its tasks are let go at once, so a national
//! repository is never held whole as parsed (every field of every task a
//! value and an allocation of its own), only as a few tables per plan.

use chrono::{Duration, NaiveDate};
use rustc_hash::FxHashSet;

use crate::commands::{first_of_each_id, Duplicate};
use crate::deadline::Occurrence;
use crate::model::Plan;
use crate::query::due::Schedule;
use crate::query::owners::Assignment;
use crate::query::{Duty, Filter, Role, Window};
use crate::registry::Registry;
use crate::repo::Repo;
use crate::validate::progress::{PlanFacts, TaskRules};

use super::adapter;

mod roles;
mod shared;
mod texts;

use roles::FoundRoles;
pub use roles::{Held, Roles};
pub use shared::Shared;
pub use texts::{TaskText, TaskTexts};

/// The dates of one duty that the pages read, whatever the length of its
/// plan's period: a yearly task over ten years keeps a few dates, not its
/// every occurrence.
#[derive(Debug, Default)]
pub struct Dates {
    /// The first occurrence (the order of a body's duties).
    pub first: Option<Occurrence>,
    /// The first deadline on or after today.
    pub next: Option<NaiveDate>,
    /// The last deadline kept: the duty's last when that falls in the
    /// listed window (see [`listed_window`]); before it, some deadline
    /// before it; after it, one after it. Whether a body still owes the
    /// duty, and the day shown once every deadline has passed.
    pub last: Option<NaiveDate>,
    /// Where the occurrences up to the listed window's end lie among
    /// their plan's (see [`Roles::listed`]): their start, then their
    /// number.
    listed: (u32, u32),
}

impl Dates {
    /// Whether the duty has a deadline at all (else it is ongoing).
    pub fn dated(&self) -> bool {
        self.first.is_some()
    }
}

/// One body's part in one task (or in one plan, for its issuer), as the
/// bodies' pages and feeds read it: a few numbers, its names and dates
/// kept once in its plan's [`Roles`] (787,000 parts at 10,000
/// plans, most sharing their dates with the other bodies of their task).
#[derive(Clone, Copy, Debug)]
pub struct Part {
    pub role: Role,
    /// The holder's number (see [`Shared`]).
    body: u32,
    /// The task, by its place in the plan's [`TaskTexts`]; [`NONE`] for
    /// the issuer of the plan.
    task: u32,
    /// The original body's name, when the duty was inherited: its place
    /// among its plan's names, or [`NONE`].
    via: u32,
    /// The group's name, when the part is a member's share of its duty:
    /// its place among its plan's names, or [`NONE`].
    group: u32,
    /// The duty's dates, by their place among its plan's.
    dates: u32,
}

/// Where a [`Part`] lies: its plan's place in the site's plans and its own
/// place among the plan's parts. A body's list of parts points into the
/// plans' lists as they were loaded (8 bytes where a copy is 24), so that
/// grouping the parts by body never holds them twice.
#[derive(Clone, Copy, Debug)]
pub struct PartAt {
    plan: u32,
    at: u32,
}

impl PartAt {
    /// The part at `at` among the parts of the plan at `plan`.
    pub fn new(plan: usize, at: usize) -> PartAt {
        PartAt {
            plan: offset(plan),
            at: offset(at),
        }
    }

    /// The plan's place in the site's plans.
    pub fn plan(&self) -> usize {
        self.plan as usize
    }

    /// The part's place among its plan's parts.
    pub fn at(&self) -> usize {
        self.at as usize
    }
}

/// The place a [`Part`] gives a name or a task it has not.
const NONE: u32 = u32::MAX;

/// A place kept as a number, [`NONE`] for none.
fn or_none(at: Option<u32>) -> u32 {
    at.unwrap_or(NONE)
}

impl Part {
    /// The holder's number (see [`Shared`]).
    pub fn body(&self) -> usize {
        self.body as usize
    }

    /// The task's place in its plan; `None` for the issuer of the plan.
    pub fn task(&self) -> Option<u32> {
        (self.task != NONE).then_some(self.task)
    }

    /// The part's dates, in `roles`, its plan's tables.
    pub fn dates<'r>(&self, roles: &'r Roles) -> &'r Dates {
        roles.dates(self.dates)
    }

    /// The original body's name, when the duty was inherited (in `roles`,
    /// its plan's tables).
    pub fn via<'r>(&self, roles: &'r Roles) -> Option<&'r str> {
        roles.name(self.via)
    }

    /// The group's name, when the part is a member's share of its duty
    /// (in `roles`, its plan's tables).
    pub fn group<'r>(&self, roles: &'r Roles) -> Option<&'r str> {
        roles.name(self.group)
    }
}

/// What one plan gives the site as it is loaded.
#[derive(Debug)]
pub struct Digest {
    pub file: String,
    pub id: String,
    /// Every task's texts and `due` rules: what the plan's page, the
    /// listings and the progress files' check read of the tasks.
    pub tasks: TaskTexts,
    /// The plan's deadlines in the listed window.
    pub schedule: Schedule,
    /// The parts a body's page lists (those it still owes).
    pub parts: Vec<Part>,
    /// The holders of each role of each task.
    pub roles: Roles,
}

/// A length as the tables keep it (a plan file is at most 16 MB).
fn offset(len: usize) -> u32 {
    u32::try_from(len).unwrap_or(u32::MAX)
}

/// The window every listing draws from: 12 months back (overdue) to the
/// calendar's end. No page or feed shows a dated duty outside it.
pub fn listed_window(today: NaiveDate) -> Window {
    adapter::window(
        today - Duration::days(365),
        super::pages::calendar_end(today),
    )
}

impl Digest {
    /// Takes what the site needs from `plan`; its tasks are taken out (the
    /// plan keeps its header and targets). Titles and bodies' names are
    /// kept in `shared`.
    pub fn take(
        plan: &mut Plan,
        registry: Option<&Registry>,
        today: NaiveDate,
        shared: &Shared,
    ) -> Digest {
        let window = listed_window(today);
        let filter = Filter {
            window,
            ..Filter::default()
        };
        // A listing row names who holds each role on its day (see [`Roles`]).
        let schedule = Schedule::of(plan, &filter).without_bodies();
        let tasks = TaskTexts::of(&plan.tasks, shared);
        let (parts, roles) = parts(plan, registry, today, &schedule, &tasks, shared);
        plan.tasks = Vec::new();
        Digest {
            file: plan.file.clone(),
            id: plan.id.value.clone(),
            tasks,
            schedule,
            parts,
            roles,
        }
    }

    /// What the progress files are checked against, with `plan` the plan
    /// this digest was taken from.
    pub fn facts<'d>(&'d self, plan: &'d Plan) -> PlanFacts<'d> {
        let tasks = self.tasks.iter().map(|t| (t.id, TaskRules::Read(t.rules)));
        PlanFacts::with_tasks(plan, tasks.collect())
    }
}

/// Sorts the digests as the repository sorts its plans (by file, then
/// id), keeps the first plan of each id as every query does, and says
/// which files were left out. `repo.plans` and the digests then match one
/// for one.
pub fn first_of_each(repo: &mut Repo, mut digests: Vec<Digest>) -> (Vec<Digest>, Vec<Duplicate>) {
    digests.sort_by(|a, b| (&a.file, &a.id).cmp(&(&b.file, &b.id)));
    let pairs: Vec<(Plan, Digest)> = std::mem::take(&mut repo.plans)
        .into_iter()
        .zip(digests)
        .collect();
    let (kept, duplicates) = first_of_each_id(pairs, |(p, _)| (&p.id.value, &p.file));
    let (plans, digests) = kept.into_iter().unzip();
    repo.plans = plans;
    (digests, duplicates)
}

/// The parts of one plan that a body's page lists with their tasks, and
/// the holders of each role of each task, with their dates in the tasks
/// `schedule` lists (what the listing rows name).
fn parts(
    plan: &Plan,
    registry: Option<&Registry>,
    today: NaiveDate,
    schedule: &Schedule,
    tasks: &TaskTexts,
    shared: &Shared,
) -> (Vec<Part>, Roles) {
    let listed: FxHashSet<&str> = schedule.duties().iter().map(Duty::id).collect();
    let is_listed = |task: Option<u32>| task.is_some_and(|at| listed.contains(tasks.get(at).id));
    let shown = listed_window(today);
    let end = shown.bounds().1;
    let mut parts = Vec::new();
    let mut roles = FoundRoles::default();
    let mut names = shared.names();
    for mut duty in adapter::plan_duties(plan, registry, today, shown) {
        let body = names.share(&mut duty);
        let task = duty.task;
        let current = is_current(plan, &duty, today);
        let dates = (current || is_listed(task)).then(|| roles.dates(&duty, today, end));
        roles.add(&duty, body, task, dates.filter(|_| is_listed(task)));
        if let (true, Some(dates)) = (current, dates) {
            let part = Part {
                role: duty.role,
                body,
                task: or_none(task),
                via: or_none(duty.via.as_ref().map(|v| roles.name(&v.org))),
                group: or_none(duty.group.as_ref().map(|g| roles.name(g))),
                dates,
            };
            parts.push(part);
        }
    }
    parts.shrink_to_fit();
    (parts, roles.sorted())
}

/// The dates of a duty (see [`Dates`]), with `end` the listed window's
/// end; its listed occurrences are added to `occurrences`, its plan's.
fn dates(
    duty: &Assignment,
    today: NaiveDate,
    end: NaiveDate,
    occurrences: &mut Vec<Occurrence>,
) -> Dates {
    let all = &duty.occurrences;
    let start = occurrences.len();
    occurrences.extend(all.iter().take_while(|o| o.deadline <= end));
    Dates {
        first: all.first().copied(),
        next: duty.next(today),
        last: all.last().map(|o| o.deadline),
        listed: (offset(start), offset(occurrences.len() - start)),
    }
}

/// Whether a body still owes a duty: a deadline from 12 months ago on, or
/// an ongoing duty (or an issued plan) whose period has not ended more than
/// 12 months ago. A body's page lists these; older duties stay on their
/// plans' pages.
fn is_current(plan: &Plan, duty: &Assignment, today: NaiveDate) -> bool {
    let since = today - Duration::days(365);
    match duty.occurrences.last() {
        Some(last) => last.deadline >= since,
        None => plan.valid_period().is_none_or(|p| p.to >= since),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::{load_plan, Outcome};

    pub(super) fn plan() -> Plan {
        let text = "[plan]\nid = \"p\"\ntitle = \"t\"\nissuer = \"Sở Nội vụ\"\n\
                    period = [2026-01-01, 2027-12-31]\n\
                    [[task]]\nid = \"a\"\nref = \"II.1\"\ntitle = \"Báo cáo\"\n\
                    lead = \"Sở Nội vụ\"\ndue = [\"yearly 12-15\", \"2026-06-30\"]\n\
                    [[task]]\nid = \"bb\"\ntitle = \"Tuyên truyền\"\nlead = \"Sở Y tế\"\n\
                    note = \"Hai đợt\"\n\
                    [[task]]\nid = \"c\"\nref = \"III\"\ntitle = \"Tổng kết\"\n\
                    lead = \"Sở Nội vụ\"\ndue = \"end\"\n";
        let Outcome::Plan(plan) = load_plan("p.toml", text, &mut Vec::new()) else {
            panic!("the fixture is a plan")
        };
        *plan
    }

    #[test]
    fn a_body_keeps_a_few_dates_of_a_duty_not_every_deadline() {
        let mut plan = plan();
        let today = NaiveDate::from_ymd_opt(2026, 11, 28).expect("a date");
        let shared = Shared::default();
        let digest = Digest::take(&mut plan, None, today, &shared);
        assert!(plan.tasks.is_empty(), "the tasks are let go");
        let bodies = shared.into_bodies();
        let part = digest
            .parts
            .iter()
            .find(|p| &*bodies[p.body()].org == "Sở Nội vụ" && p.task().is_some())
            .expect("a duty of the lead");
        let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d).expect("a date");
        let dates = part.dates(&digest.roles);
        assert_eq!(dates.first.map(|o| o.deadline), Some(day(6, 30)));
        assert_eq!(dates.next, Some(day(12, 15)));
        let roles = &digest.roles;
        assert!(roles.holds_on(dates, day(12, 15)) && !roles.holds_on(dates, day(12, 14)));
        let text = digest.tasks.get(part.task().expect("a task"));
        assert_eq!(
            (text.id, text.section, text.title),
            ("a", Some("II.1"), "Báo cáo")
        );
    }

    #[test]
    fn the_load_keeps_who_holds_every_role_of_every_task() {
        let mut plan = plan();
        let today = NaiveDate::from_ymd_opt(2026, 11, 28).expect("a date");
        let shared = Shared::default();
        let digest = Digest::take(&mut plan, None, today, &shared);
        let bodies = shared.into_bodies();
        let names = |task: &str, role, day| {
            let place = (0..3).find(|&at| digest.tasks.get(at).id == task);
            let task = if task.is_empty() {
                None
            } else {
                Some(place.unwrap_or(9))
            };
            digest
                .roles
                .holders(task, role, day)
                .map(|held| &*bodies[held.body as usize].org)
                .collect::<Vec<_>>()
        };
        assert_eq!(names("a", Role::Lead, None), ["Sở Nội vụ"]);
        assert_eq!(
            names("bb", Role::Lead, None),
            ["Sở Y tế"],
            "an ongoing task"
        );
        assert_eq!(names("", Role::Issuer, None), ["Sở Nội vụ"]);
        assert!(names("a", Role::Support, None).is_empty());
        assert!(names("zz", Role::Lead, None).is_empty());
        let deadline = NaiveDate::from_ymd_opt(2026, 12, 15);
        assert_eq!(names("a", Role::Lead, deadline), ["Sở Nội vụ"]);
    }
}
