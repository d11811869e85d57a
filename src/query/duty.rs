//! A task as every listing prints it: what is owed, by whom, by when.

use std::sync::Arc;

use crate::deadline::Occurrence;
use crate::model::{Name, Period, Task};
use crate::query::Window;

/// The part a body plays in a task or plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    /// Chủ trì: leads the task.
    Lead,
    /// Phối hợp: supports the task.
    Support,
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
            Role::Report => "report",
            Role::Issuer => "issuer",
        }
    }
}

/// One task of a plan as a listing prints it. It owns its text, so a
/// listing may let the rest of the task (spans, notes, rules) go as each
/// plan is loaded: a national `due` holds hundreds of thousands of these.
#[derive(Debug)]
pub struct Duty {
    /// The 1-based line of the task's header.
    pub line: usize,
    pub id: Box<str>,
    pub section: Option<Box<str>>,
    pub title: Box<str>,
    pub lead: Box<[Name]>,
    pub support: Box<[Name]>,
    /// The `due` rules as written, joined by "; ": only for listings that
    /// print them (see [`Duty::with_rules`]), and only when there are any.
    pub rules: Option<Box<str>>,
    /// Sorted by deadline, one per deadline: two rules of one task can end
    /// on the same day ("2023-Q4" and "2023-12"), and that is one
    /// deadline, with the earliest start.
    pub occurrences: Arc<[Occurrence]>,
}

impl Duty {
    /// The duty of `task`, taken apart.
    pub fn new(task: Task, occurrences: Vec<Occurrence>) -> Duty {
        Duty {
            line: task.line,
            id: task.id.value.into_boxed_str(),
            section: task.section.map(|s| s.value.into_boxed_str()),
            lead: names(&task.lead),
            support: names(&task.support),
            title: task.title,
            rules: None,
            occurrences: occurrences.into(),
        }
    }

    /// The duty of a task that stays in its plan.
    pub fn of(task: &Task, occurrences: Vec<Occurrence>) -> Duty {
        Duty {
            line: task.line,
            id: task.id.value.as_str().into(),
            section: task.section.as_ref().map(|s| s.value.as_str().into()),
            title: task.title.clone(),
            lead: names(&task.lead),
            support: names(&task.support),
            rules: None,
            occurrences: occurrences.into(),
        }
    }

    /// The same duty with `task`'s rules as written.
    pub fn with_rules(self, task: &Task) -> Duty {
        let written: Vec<_> = task.due.iter().map(|d| d.written()).collect();
        Duty {
            rules: (!written.is_empty()).then(|| written.join("; ").into_boxed_str()),
            ..self
        }
    }
}

/// The deadlines of `task` inside `window`, as [`Duty::occurrences`]
/// keeps them. Deadlines are only expanded inside a period that runs
/// forwards (`period` is `None` otherwise, and `check` reports it).
pub fn deadlines(task: &Task, period: Option<Period>, window: Window) -> Vec<Occurrence> {
    let Some(period) = period else {
        return Vec::new();
    };
    let mut found: Vec<Occurrence> = task
        .due
        .iter()
        .flat_map(|due| due.rule.occurrences(period.bounds()))
        .filter(|o| window.contains(o.deadline))
        .collect();
    found.sort_unstable();
    found.dedup_by_key(|o| o.deadline);
    found
}

fn names(located: &[crate::model::Located<Name>]) -> Box<[Name]> {
    located.iter().map(|name| name.value.clone()).collect()
}
