//! Who holds each role of each task of a plan, as the site finds them
//! while it loads the plan (see [`Roles`]).

use std::sync::Arc;

use chrono::NaiveDate;
use rustc_hash::FxHashMap;

use super::{dates, offset, Dates, NONE};
use crate::deadline::Occurrence;
use crate::query::owners::Assignment;
use crate::query::Role;

/// Who holds each role of each task of one plan (and its issuer): what a
/// task row on the plan's page and a listing row name. Taken as the plan
/// is loaded, with the rest of the digest, in a few allocations per plan
/// whatever its number of tasks. A plan's page asks who holds a role; a
/// listing row asks who holds it on its deadline (a duty passes to a
/// successor from a dissolution on), so the duties of the tasks the
/// listings show keep their dates.
#[derive(Debug, Default)]
pub struct Roles {
    /// The dates of the duties of listed tasks and of the parts bodies
    /// still owe, each list of occurrences once (the bodies of one task
    /// mostly share theirs).
    dates: Vec<Dates>,
    /// The occurrences of `dates` up to the listed window's end, one
    /// list after the other, each in deadline order: every day a listing
    /// row or a feed can name, each with the start of its window when it
    /// has one (a feed's event says "Thời gian: 15/11 – 15/12").
    occurrences: Vec<Occurrence>,
    /// The names given as `via` and `group`, each once.
    names: Vec<Arc<str>>,
    /// One line per holder of a role, sorted by task then role, and
    /// within one role in the order the plan names its bodies (see
    /// [`crate::query::owners::shown_assignments`]).
    lines: Vec<RoleLine>,
    /// Where each task's lines start in `lines`, by the task's place,
    /// then where the last task's end (the issuer's follow): a page asks
    /// for a few roles of every task, and finds each task's at once.
    starts: Vec<u32>,
}

/// One holder of one role of one task in a [`Roles`]: the holder's number
/// (see [`super::Shared`]), the place of the name of the body its duty
/// came from in `names`, and of the duty's dates in `dates` ([`NONE`] for
/// none, and for a task no listing shows). Its task is where it lies
/// (see `starts`).
#[derive(Debug, Clone, Copy)]
struct RoleLine {
    role: Role,
    body: u32,
    via: u32,
    dates: u32,
}

/// The place a [`Roles`] gives the issuer's duty, which has no task.
const ISSUER: u32 = u32::MAX;

/// A [`Roles`] as its holders are found.
#[derive(Default)]
pub(super) struct FoundRoles {
    roles: Roles,
    /// Each line with its task's place in the plan ([`ISSUER`] for the
    /// plan's issuer), in the order found.
    lines: Vec<(u32, RoleLine)>,
    /// The place of a duty's dates in `roles.dates`, by the address and
    /// length of its occurrences (shared by the holders of one task).
    dates: FxHashMap<(usize, usize), u32>,
    /// The place of a name in `roles.names`, by its address.
    names: FxHashMap<usize, u32>,
}

/// Where a name lies in memory: each name is kept once (see
/// [`super::Shared`]).
fn address(name: &Arc<str>) -> usize {
    Arc::as_ptr(name).cast::<u8>() as usize
}

impl FoundRoles {
    /// Adds the holder of a duty (its number `body`), of the task at
    /// `task` in its plan (none for the issuer's), with its dates when a
    /// listing shows its task. A task row names the group a duty was given
    /// to, not each of its members: their shares are on their own pages.
    pub(super) fn add(
        &mut self,
        duty: &Assignment,
        body: u32,
        task: Option<u32>,
        dates: Option<u32>,
    ) {
        if duty.group.is_some() {
            return;
        }
        let via = duty.via.as_ref().map_or(NONE, |via| self.name(&via.org));
        let line = RoleLine {
            role: duty.role,
            body,
            via,
            dates: dates.unwrap_or(NONE),
        };
        self.lines.push((task.unwrap_or(ISSUER), line));
    }

    /// The place of `duty`'s dates (see [`dates`]), kept once for every
    /// duty with the same occurrences; `end` is the listed window's end.
    pub(super) fn dates(&mut self, duty: &Assignment, today: NaiveDate, end: NaiveDate) -> u32 {
        let all = &duty.occurrences;
        let key = (all.as_ptr() as usize, all.len());
        let roles = &mut self.roles;
        *self.dates.entry(key).or_insert_with(|| {
            roles
                .dates
                .push(dates(duty, today, end, &mut roles.occurrences));
            offset(roles.dates.len() - 1)
        })
    }

    /// The place of `name` among the plan's names, kept once.
    pub(super) fn name(&mut self, name: &Arc<str>) -> u32 {
        let names = &mut self.roles.names;
        *self.names.entry(address(name)).or_insert_with(|| {
            names.push(name.clone());
            offset(names.len() - 1)
        })
    }

    /// The roles found, each task's lines together, by role (a stable
    /// sort: within a role, in the order the plan names its bodies).
    pub(super) fn sorted(self) -> Roles {
        let (mut roles, mut lines) = (self.roles, self.lines);
        lines.sort_by_key(|&(task, line)| (task, line.role));
        let tasks = lines.iter().map(|&(t, _)| t).filter(|&t| t != ISSUER).max();
        roles.starts = (0..=tasks.map_or(0, |last| last + 1))
            .map(|task| offset(lines.partition_point(|&(t, _)| t < task)))
            .collect();
        roles.lines = lines.into_iter().map(|(_, line)| line).collect();
        roles.dates.shrink_to_fit();
        roles.occurrences.shrink_to_fit();
        roles.names.shrink_to_fit();
        roles.lines.shrink_to_fit();
        roles
    }
}

/// One holder of a role, as [`Roles::holders`] finds it.
#[derive(Debug, Clone, Copy)]
pub struct Held<'r> {
    /// The holder's number (see [`super::Shared`]).
    pub body: u32,
    /// The body the duty came from, when it was inherited.
    pub via: Option<&'r str>,
}

impl Roles {
    /// The dates at `at` (a [`super::Part`]'s, always kept).
    pub fn dates(&self, at: u32) -> &Dates {
        &self.dates[at as usize]
    }

    /// The occurrences of `dates` up to the listed window's end, in
    /// deadline order.
    pub fn listed(&self, dates: &Dates) -> &[Occurrence] {
        let (start, len) = (dates.listed.0 as usize, dates.listed.1 as usize);
        self.occurrences.get(start..start + len).unwrap_or_default()
    }

    /// Whether a duty with `dates` falls to its holder on `day`: an
    /// ongoing duty always does; a dated one on its own deadlines (a duty
    /// passes to a successor from a dissolution on). `day` must not be
    /// after the calendar's end.
    pub fn holds_on(&self, dates: &Dates, day: NaiveDate) -> bool {
        !dates.dated()
            || self
                .listed(dates)
                .binary_search_by_key(&day, |o| o.deadline)
                .is_ok()
    }

    /// The name at `at`, none for [`NONE`].
    pub fn name(&self, at: u32) -> Option<&str> {
        self.names.get(at as usize).map(|name| &**name)
    }

    /// The holders of `role` in the task at `task` in the plan (none for
    /// the plan's issuer), each with the body its duty came from, in the
    /// order the plan names them; on `day` when given, else every holder.
    /// `day` must be a deadline of a task the listings show (see
    /// [`Roles::holds_on`]).
    pub fn holders(
        &self,
        task: Option<u32>,
        role: Role,
        day: Option<NaiveDate>,
    ) -> impl Iterator<Item = Held<'_>> + '_ {
        let on_day = move |line: &&RoleLine| {
            let dates = self.dates.get(line.dates as usize);
            day.is_none_or(|d| dates.is_none_or(|dates| self.holds_on(dates, d)))
        };
        let of_role = self.lines_of(task).iter().filter(move |l| l.role == role);
        of_role.filter(on_day).map(|line| Held {
            body: line.body,
            via: self.name(line.via),
        })
    }

    /// The lines of the task at `task` (of the issuer for none).
    fn lines_of(&self, task: Option<u32>) -> &[RoleLine] {
        let start = |at: usize| self.starts.get(at).map(|&s| s as usize);
        let range = match task {
            Some(task) => start(task as usize).zip(start(task as usize + 1)),
            None => start(self.starts.len().wrapping_sub(1)).map(|s| (s, self.lines.len())),
        };
        range
            .and_then(|(from, to)| self.lines.get(from..to))
            .unwrap_or_default()
    }
}
