//! A task as every listing prints it: what is owed, by whom, by when.

use chrono::NaiveDate;

use crate::deadline::{Occurrences, Rule};
use crate::model::{Name, Period, Plan, Task};
use crate::query::Window;
use crate::rules::ref_skip::section_key;

/// Where a task stands among its plan's tasks of one deadline, in every
/// listing of deadlines (`due`, `status`): by `ref` in the document's
/// natural section order (II.2 < II.10 < III.1), tasks without a `ref`
/// last, then by id. A plan is read as its document is written, so the
/// tasks of one section stay together; the id only breaks ties, and
/// makes the order total so two runs never differ.
pub type TaskOrder = (bool, Option<Vec<(u32, String)>>, String);

/// The [`TaskOrder`] of a task with the `ref` `section` and the id `id`.
pub fn task_order(section: Option<&str>, id: &str) -> TaskOrder {
    let section = section.map(section_key);
    (section.is_none(), section, id.to_owned())
}

/// The part a body plays in a task or plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    /// Chủ trì: leads the task.
    Lead,
    /// Phối hợp: supports the task.
    Support,
    /// Đề nghị: asked to take part, not directed (`requested`).
    Requested,
    /// Receives the task's report (`report_to`).
    Report,
    /// Issued the plan.
    Issuer,
}

impl Role {
    /// The word used in every output.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Lead => "lead",
            Role::Support => "support",
            Role::Requested => "requested",
            Role::Report => "report",
            Role::Issuer => "issuer",
        }
    }
}

/// The rank of each plan of `plans` in `due`'s order of plans: by
/// jurisdiction (plans without one first), then id; two plans with one
/// id, an error `check` reports, keep their given order.
pub fn plan_ranks(plans: &[&Plan]) -> Vec<u32> {
    ranks(plans.iter().map(|p| {
        let jurisdiction = p.jurisdiction.as_ref().map(|j| j.value.as_str());
        (jurisdiction, p.id.value.as_str())
    }))
}

/// The rank of each task of `plan` in [`task_order`].
pub fn task_ranks(plan: &Plan) -> Vec<u32> {
    ranks(plan.tasks.iter().map(|t| {
        let section = t.section.as_ref().map(|s| s.value.as_str());
        task_order(section, &t.id.value)
    }))
}

/// The rank of each key (by index) in the keys' order, equal keys ranked
/// in their given order: every rank is distinct, so rows sorted by rank
/// come out the same on every run.
fn ranks<K: Ord>(keys: impl Iterator<Item = K>) -> Vec<u32> {
    let mut keyed: Vec<(K, usize)> = keys.zip(0..).collect();
    keyed.sort();
    let mut ranks = vec![0; keyed.len()];
    for (rank, (_, at)) in (0u32..).zip(keyed) {
        if let Some(slot) = ranks.get_mut(at) {
            *slot = rank;
        }
    }
    ranks
}

/// One task of a plan as a listing prints it. It owns its text, so a
/// listing may let the rest of the task (spans, notes, rules) go as each
/// plan is loaded: a national `due` holds hundreds of thousands of these.
///
/// Its id, section and title are one text, and its leads and supporters
/// one list: with a field and an allocation each, a national `due` over
/// the whole period peaked at 256 MB instead of 204 MB (the target is 250).
#[derive(Debug)]
pub struct Duty {
    /// The 1-based line of the task's header.
    line: u32,
    /// `id`, then `section` when there is one, then `title`.
    text: Box<str>,
    id_end: u32,
    section_end: Option<u32>,
    /// Leads, then supporters, then the bodies asked (`requested`).
    names: Box<[Name]>,
    leads: u32,
    /// Where the supporters end in `names`.
    supports_end: u32,
    /// The task's `due` rules: its occurrences are made from them as a
    /// listing reads them (see [`Duty::occurrences`]), never held.
    rules: Box<[Rule]>,
}

impl Duty {
    /// The duty of `task`, taken apart: its id's text is reused.
    pub fn new(mut task: Task) -> Duty {
        let id = std::mem::take(&mut task.id.value);
        let section = task.section.as_ref().map(|s| s.value.as_str());
        Duty::build(id, section, &task)
    }

    /// The duty of a task that stays in its plan.
    pub fn of(task: &Task) -> Duty {
        let section = task.section.as_ref().map(|s| s.value.as_str());
        Duty::build(task.id.value.clone(), section, task)
    }

    fn build(mut text: String, section: Option<&str>, task: &Task) -> Duty {
        let offset = |text: &str| u32::try_from(text.len()).unwrap_or(u32::MAX);
        let id_end = offset(&text);
        let section_end = section.map(|section| {
            text.push_str(section);
            offset(&text)
        });
        text.push_str(&task.title);
        let names = task.lead.iter().chain(&task.support).chain(&task.requested);
        let supports_end = task.lead.len() + task.support.len();
        Duty {
            line: u32::try_from(task.line).unwrap_or(u32::MAX),
            text: text.into_boxed_str(),
            id_end,
            section_end,
            names: names.map(|name| name.value.clone()).collect(),
            leads: u32::try_from(task.lead.len()).unwrap_or(u32::MAX),
            rules: task.due.iter().map(|due| due.rule).collect(),
            supports_end: u32::try_from(supports_end).unwrap_or(u32::MAX),
        }
    }

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
        let (start, end) = (self.leads as usize, self.supports_end as usize);
        self.names.get(start..end).unwrap_or_default()
    }

    /// The bodies asked ("Đề nghị"), not directed.
    pub fn requested(&self) -> &[Name] {
        self.names
            .get(self.supports_end as usize..)
            .unwrap_or_default()
    }

    /// Lets go of the bodies the task names: it then names none.
    pub(super) fn forget_bodies(&mut self) {
        self.names = Box::default();
        self.leads = 0;
        self.supports_end = 0;
    }

    /// The task's `due` rules.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// The occurrences of each rule inside `period` (see
    /// [`Rule::occurrences_between`]) with a deadline in `window`, one
    /// iterator per rule, each in deadline order. Two rules can end on one
    /// day ("2023-Q4" and "2023-12"): that is one deadline, and merging
    /// them is the reader's work (see `query::due`).
    pub fn occurrences(
        &self,
        period: Period,
        window: Window,
    ) -> impl Iterator<Item = Occurrences> + '_ {
        self.rules
            .iter()
            .map(move |rule| rule.occurrences_between(period.bounds(), window.bounds()))
    }

    /// The duty's deadline when it has exactly one in `period` (a date
    /// written outside it counts too, as `gplan due` lists it): what a
    /// report without `deadline` answers, as `check` reads it. Made one at
    /// a time, and stopped at the second deadline.
    pub fn only_deadline(&self, period: Period) -> Option<NaiveDate> {
        only_deadline(&self.rules, period)
    }
}

/// The deadline of a task's `rules` in `period` when they give exactly
/// one (see [`Duty::only_deadline`]), made one at a time and stopped at
/// the second deadline.
pub fn only_deadline(rules: &[Rule], period: Period) -> Option<NaiveDate> {
    let mut days = rules
        .iter()
        .flat_map(|rule| rule.occurrences_between(period.bounds(), Window::default().bounds()))
        .map(|o| o.deadline);
    let first = days.next()?;
    days.all(|day| day == first).then_some(first)
}

/// The `due` rules of `task` as written, then its condition (`when: …`),
/// joined by "; ", or `None` when it has neither.
pub fn rules(task: &Task) -> Option<String> {
    let mut written: Vec<_> = task.due.iter().map(|d| d.written()).collect();
    if let Some(when) = &task.when {
        written.push(format!("when: {when}").into());
    }
    (!written.is_empty()).then(|| written.join("; "))
}
