//! The first pass of the site: what each plan gives the pages that list
//! across plans (the home page, the calendar, the bodies' pages and the
//! feeds), taken on the thread that loads the plan. The plan keeps its
//! header and targets; its tasks are let go at once, so a national
//! repository is never held whole. Each plan's own page is written in a
//! second pass that reads the plan again (see [`super::build`]).

use std::sync::Arc;

use chrono::{Duration, NaiveDate};
use rustc_hash::{FxHashMap, FxHashSet};

use crate::commands::{first_of_each_id, Duplicate};
use crate::deadline::{Occurrence, Rule};
use crate::model::{Due, Plan, Task};
use crate::query::due::Schedule;
use crate::query::owners::{Assignment, Holder};
use crate::query::{Duty, Filter, Role, Window};
use crate::registry::Registry;
use crate::repo::Repo;
use crate::validate::progress::PlanFacts;

use super::adapter;

mod roles;

use roles::FoundRoles;
pub use roles::Roles;

/// The dates of one duty that the pages read, whatever the length of its
/// plan's period: a yearly task over ten years keeps a few dates, not its
/// every occurrence.
#[derive(Clone, Debug, Default)]
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
    /// The deadlines of the listed window, and the first deadline when it
    /// is older, in order: every day a listing row or a feed can name.
    /// Shared by every part made from one list of occurrences.
    pub listed: Arc<[NaiveDate]>,
}

impl Dates {
    /// Whether the duty has a deadline at all (else it is ongoing).
    pub fn dated(&self) -> bool {
        self.first.is_some()
    }

    /// Whether the duty falls to its holder on `day`: an ongoing duty
    /// always does; a dated one on its own deadlines (a duty passes to a
    /// successor from a dissolution on). `day` must not be after the
    /// calendar's end.
    pub fn holds_on(&self, day: NaiveDate) -> bool {
        !self.dated() || self.listed.binary_search(&day).is_ok()
    }
}

/// One body's part in one task (or in one plan, for its issuer), as the
/// bodies' pages and feeds read it.
#[derive(Clone, Debug)]
pub struct Part {
    pub role: Role,
    /// The plan's place in the site's plans (set once they are sorted).
    pub plan: usize,
    /// The task, by its place in the plan's [`TaskTexts`]; `None` for the
    /// issuer of the plan.
    pub task: Option<u32>,
    /// The original body's name, when the duty was inherited.
    pub via: Option<Arc<str>>,
    /// The group's name, when the part is a member's share of its duty.
    pub group: Option<Arc<str>>,
    pub dates: Dates,
}

/// What one plan gives the first pass.
#[derive(Debug)]
pub struct Digest {
    pub file: String,
    pub id: String,
    /// Each task's id and `due` (what progress files are checked against).
    pub tasks: TaskDues,
    /// The plan's deadlines in the listed window.
    pub schedule: Schedule,
    /// The parts a body's page lists (those it still owes), with holders.
    pub parts: Vec<(Holder, Part)>,
    /// The tasks of those parts.
    pub texts: TaskTexts,
    /// The holders of each role of each task.
    pub roles: Roles,
}

/// Each task's id and `due`, copied into a few allocations per plan:
/// moved out of the plan one by one, they would each hold on to a page of
/// the heap the rest of the plan was let go from.
#[derive(Debug, Default)]
pub struct TaskDues {
    /// The ids, one after the other.
    ids: String,
    dues: Vec<Due>,
    /// Where each task's id ends in `ids`, and its `due` in `dues`.
    ends: Vec<(u32, u32)>,
}

impl TaskDues {
    fn of(tasks: &[Task]) -> TaskDues {
        let mut out = TaskDues {
            ids: String::with_capacity(tasks.iter().map(|t| t.id.value.len()).sum()),
            dues: Vec::with_capacity(tasks.iter().map(|t| t.due.len()).sum()),
            ends: Vec::with_capacity(tasks.len()),
        };
        for task in tasks {
            out.ids.push_str(&task.id.value);
            out.dues.extend(task.due.iter().cloned());
            out.ends
                .push((offset(out.ids.len()), offset(out.dues.len())));
        }
        out
    }

    /// How many tasks the plan has.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether the plan has no task.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Each task's id and `due`, in the plan's order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &[Due])> {
        let starts = std::iter::once((0, 0)).chain(self.ends.iter().copied());
        starts
            .zip(&self.ends)
            .map(|((id, due), &(id_end, due_end))| {
                let text = self.ids.get(id as usize..id_end as usize);
                let dues = self.dues.get(due as usize..due_end as usize);
                (text.unwrap_or_default(), dues.unwrap_or_default())
            })
    }
}

/// The id, section, title and `due` rules of a plan's tasks, in three
/// allocations whatever their number (see [`TaskDues`] for why).
#[derive(Debug, Default)]
pub struct TaskTexts {
    /// Each task's id, section and title, one after the other.
    text: String,
    rules: Vec<Rule>,
    lines: Vec<TaskLine>,
}

/// Where one task's words and rules end in a [`TaskTexts`] (each starts
/// where the one before ends).
#[derive(Debug, Clone, Copy)]
struct TaskLine {
    id_end: u32,
    /// Equal to `id_end` when the task has no section.
    section_end: u32,
    has_section: bool,
    title_end: u32,
    rules_end: u32,
}

/// One task of a [`TaskTexts`].
#[derive(Debug, Clone, Copy)]
pub struct TaskText<'t> {
    pub id: &'t str,
    pub section: Option<&'t str>,
    pub title: &'t str,
    pub rules: &'t [Rule],
}

impl TaskTexts {
    /// Adds a task; gives its place.
    fn add(&mut self, duty: &Duty) -> u32 {
        let at = offset(self.lines.len());
        self.text.push_str(duty.id());
        let id_end = offset(self.text.len());
        self.text.push_str(duty.section().unwrap_or_default());
        let section_end = offset(self.text.len());
        self.text.push_str(duty.title());
        self.rules.extend_from_slice(duty.rules());
        self.lines.push(TaskLine {
            id_end,
            section_end,
            has_section: duty.section().is_some(),
            title_end: offset(self.text.len()),
            rules_end: offset(self.rules.len()),
        });
        at
    }

    fn shrink_to_fit(&mut self) {
        self.text.shrink_to_fit();
        self.rules.shrink_to_fit();
        self.lines.shrink_to_fit();
    }

    /// The task at `at` (as [`TaskTexts::add`] gave it).
    pub fn get(&self, at: u32) -> TaskText<'_> {
        let at = at as usize;
        let (start, rules_start) = match at.checked_sub(1).and_then(|i| self.lines.get(i)) {
            Some(before) => (before.title_end, before.rules_end),
            None => (0, 0),
        };
        let line = self.lines.get(at).copied().unwrap_or(TaskLine {
            id_end: start,
            section_end: start,
            has_section: false,
            title_end: start,
            rules_end: rules_start,
        });
        let text = |from: u32, to: u32| {
            self.text
                .get(from as usize..to as usize)
                .unwrap_or_default()
        };
        TaskText {
            id: text(start, line.id_end),
            section: line
                .has_section
                .then(|| text(line.id_end, line.section_end)),
            title: text(line.section_end, line.title_end),
            rules: self
                .rules
                .get(rules_start as usize..line.rules_end as usize)
                .unwrap_or_default(),
        }
    }
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
    /// plan keeps its header and targets).
    pub fn take(plan: &mut Plan, registry: Option<&Registry>, today: NaiveDate) -> Digest {
        let window = listed_window(today);
        let filter = Filter {
            window,
            ..Filter::default()
        };
        let schedule = Schedule::of(plan, &filter);
        let (parts, texts, roles) = parts(plan, registry, today, &schedule);
        let tasks = TaskDues::of(&std::mem::take(&mut plan.tasks));
        Digest {
            file: plan.file.clone(),
            id: plan.id.value.clone(),
            tasks,
            schedule,
            parts,
            texts,
            roles,
        }
    }

    /// What the progress files are checked against, with `plan` the plan
    /// this digest was taken from.
    pub fn facts<'d>(&'d self, plan: &'d Plan) -> PlanFacts<'d> {
        PlanFacts {
            id: &plan.id.value,
            issued: plan.issued.as_ref().map(|i| i.value),
            period: plan.valid_period(),
            tasks: self.tasks.iter().collect(),
            targets: &plan.targets,
        }
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
) -> (Vec<(Holder, Part)>, TaskTexts, Roles) {
    let listed: FxHashSet<&str> = schedule.duties().iter().map(Duty::id).collect();
    let mut parts = Vec::new();
    let mut texts = TaskTexts::default();
    // The parts of one task share its duty: its text is kept once.
    let mut kept: FxHashMap<usize, u32> = FxHashMap::default();
    let mut roles = FoundRoles::default();
    each_duty(plan, registry, today, |duty, dates| {
        let task = duty.duty.as_deref().map_or("", Duty::id);
        roles.add(&duty, listed.contains(task).then(|| dates.clone()));
        if is_current(plan, &dates, today) {
            let task = duty.duty.as_ref().map(|d| {
                *kept
                    .entry(Arc::as_ptr(d) as usize)
                    .or_insert_with(|| texts.add(d))
            });
            let part = Part {
                role: duty.role,
                plan: 0,
                via: duty.via.as_ref().map(|v| v.org.clone()),
                task,
                group: duty.group,
                dates,
            };
            parts.push((duty.holder, part));
        }
    });
    parts.shrink_to_fit();
    texts.shrink_to_fit();
    (parts, texts, roles.sorted())
}

/// Every duty of `plan` (see [`adapter::plan_duties`]), in order, with
/// its dates.
fn each_duty<'p>(
    plan: &'p Plan,
    registry: Option<&Registry>,
    today: NaiveDate,
    mut visit: impl FnMut(Assignment<'p>, Dates),
) {
    let shown = listed_window(today);
    let end = shown.bounds().1;
    let mut listed: FxHashMap<(usize, usize), Arc<[NaiveDate]>> = FxHashMap::default();
    let none: Arc<[NaiveDate]> = Arc::default();
    for duty in adapter::plan_duties(plan, registry, today, shown) {
        let dates = dates(&duty, today, end, &mut listed, &none);
        visit(duty, dates);
    }
}

/// The dates of a duty; parts that share their occurrences share their
/// listed deadlines too (and every part without one, one empty list).
fn dates(
    duty: &Assignment,
    today: NaiveDate,
    end: NaiveDate,
    listed: &mut FxHashMap<(usize, usize), Arc<[NaiveDate]>>,
    none: &Arc<[NaiveDate]>,
) -> Dates {
    let all = &duty.occurrences;
    let key = (all.as_ptr() as usize, all.len());
    let listed = match all.first() {
        Some(first) if first.deadline <= end => listed
            .entry(key)
            .or_insert_with(|| {
                all.iter()
                    .map(|o| o.deadline)
                    .take_while(|d| *d <= end)
                    .collect()
            })
            .clone(),
        _ => none.clone(),
    };
    Dates {
        first: all.first().copied(),
        next: duty.next(today),
        last: all.last().map(|o| o.deadline),
        listed,
    }
}

/// Whether a body still owes a duty: a deadline from 12 months ago on, or
/// an ongoing duty (or an issued plan) whose period has not ended more than
/// 12 months ago. A body's page lists these; older duties stay on their
/// plans' pages.
fn is_current(plan: &Plan, dates: &Dates, today: NaiveDate) -> bool {
    let since = today - Duration::days(365);
    match dates.last {
        Some(last) => last >= since,
        None => plan.valid_period().is_none_or(|p| p.to >= since),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::{load_plan, Outcome};

    fn plan() -> Plan {
        let text = "[plan]\nid = \"p\"\ntitle = \"t\"\nissuer = \"Sở Nội vụ\"\n\
                    period = [2026-01-01, 2027-12-31]\n\
                    [[task]]\nid = \"a\"\nref = \"II.1\"\ntitle = \"Báo cáo\"\n\
                    lead = \"Sở Nội vụ\"\ndue = [\"yearly 12-15\", \"2026-06-30\"]\n\
                    [[task]]\nid = \"bb\"\ntitle = \"Tuyên truyền\"\nlead = \"Sở Y tế\"\n\
                    [[task]]\nid = \"c\"\nref = \"III\"\ntitle = \"Tổng kết\"\n\
                    lead = \"Sở Nội vụ\"\ndue = \"end\"\n";
        let Outcome::Plan(plan) = load_plan("p.toml", text, &mut Vec::new()) else {
            panic!("the fixture is a plan")
        };
        *plan
    }

    #[test]
    fn each_task_comes_back_from_the_tables_as_it_was_given() {
        let plan = plan();
        let dues = TaskDues::of(&plan.tasks);
        let back: Vec<(&str, &[Due])> = dues.iter().collect();
        let given: Vec<(&str, &[Due])> = plan
            .tasks
            .iter()
            .map(|t| (t.id.value.as_str(), &*t.due))
            .collect();
        assert_eq!(back, given);
        assert_eq!(
            back.iter().map(|(_, d)| d.len()).collect::<Vec<_>>(),
            [2, 0, 1]
        );
        let mut texts = TaskTexts::default();
        let duties: Vec<Duty> = plan.tasks.iter().map(Duty::of).collect();
        let places: Vec<u32> = duties.iter().map(|d| texts.add(d)).collect();
        for (duty, at) in duties.iter().zip(places) {
            let text = texts.get(at);
            assert_eq!(text.id, duty.id());
            assert_eq!(text.section, duty.section());
            assert_eq!(text.title, duty.title());
            assert_eq!(text.rules, duty.rules());
        }
    }

    #[test]
    fn a_body_keeps_a_few_dates_of_a_duty_not_every_deadline() {
        let mut plan = plan();
        let today = NaiveDate::from_ymd_opt(2026, 11, 28).expect("a date");
        let digest = Digest::take(&mut plan, None, today);
        assert!(plan.tasks.is_empty(), "the tasks are let go");
        let (_, part) = digest
            .parts
            .iter()
            .find(|(h, p)| &*h.org == "Sở Nội vụ" && p.task.is_some())
            .expect("a duty of the lead");
        let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d).expect("a date");
        assert_eq!(part.dates.first.map(|o| o.deadline), Some(day(6, 30)));
        assert_eq!(part.dates.next, Some(day(12, 15)));
        assert!(part.dates.holds_on(day(12, 15)) && !part.dates.holds_on(day(12, 14)));
        let text = digest.texts.get(part.task.expect("a task"));
        assert_eq!(
            (text.id, text.section, text.title),
            ("a", Some("II.1"), "Báo cáo")
        );
    }

    #[test]
    fn the_first_pass_keeps_who_holds_every_role_of_every_task() {
        let mut plan = plan();
        let today = NaiveDate::from_ymd_opt(2026, 11, 28).expect("a date");
        let digest = Digest::take(&mut plan, None, today);
        let names = |task, role, day| {
            digest
                .roles
                .holders(task, role, day)
                .map(|(holder, _)| &*holder.org)
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
