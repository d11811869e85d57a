//! Who holds each role of each task of a plan, as the first pass of the
//! site finds them (see [`Roles`]).

use std::sync::Arc;

use chrono::NaiveDate;
use rustc_hash::FxHashMap;

use super::{offset, Dates};
use crate::query::owners::{Assignment, Holder};
use crate::query::{Duty, Role};

/// Who holds each role of each task of one plan (and its issuer): what a
/// task row on the plan's page and a listing row name. Taken as the plan
/// is loaded, with the rest of the digest, in a few allocations per plan
/// whatever its number of tasks. A plan's page asks who holds a role; a listing row asks who
/// holds it on its deadline (a duty passes to a successor from a
/// dissolution on), so the duties of the tasks the listings show keep
/// their dates.
#[derive(Debug, Default)]
pub struct Roles {
    /// Each task id once, one after the other (the issuer's duty has the
    /// id `""`).
    ids: String,
    /// Each holder with the body its duty came from.
    held: Vec<(Holder, Option<Arc<str>>)>,
    /// The dates of the duties of listed tasks.
    dates: Vec<Dates>,
    /// One line per holder of a role, sorted by task id then role, and
    /// in the order found within one role.
    lines: Vec<RoleLine>,
}

/// One holder of one role of one task in a [`Roles`]: where the task's
/// id is in `ids`, the holder's place in `held`, and the duty's dates'
/// place in `dates` (`u32::MAX` for a task no listing shows).
#[derive(Debug, Clone, Copy)]
struct RoleLine {
    id: (u32, u32),
    role: Role,
    held: u32,
    dates: u32,
}

/// A [`Roles`] as its holders are found: each task id and each holder is
/// kept once.
#[derive(Default)]
pub(super) struct FoundRoles {
    roles: Roles,
    ids: FxHashMap<Box<str>, (u32, u32)>,
    /// A holder's place, by the addresses of its names: the holders of
    /// one plan share their names (two copies of one name are kept twice,
    /// which only costs their room).
    held: FxHashMap<(usize, usize, usize), u32>,
}

impl FoundRoles {
    /// Adds the holder of a duty, with its dates when a listing shows its
    /// task. A task row names the group a duty was given to, not each of
    /// its members: their shares are on their own pages.
    pub(super) fn add(&mut self, duty: &Assignment, dates: Option<Dates>) {
        if duty.group.is_some() {
            return;
        }
        let roles = &mut self.roles;
        let task = duty.duty.as_deref().map_or("", Duty::id);
        let id = *self.ids.entry(task.into()).or_insert_with(|| {
            let start = offset(roles.ids.len());
            roles.ids.push_str(task);
            (start, offset(roles.ids.len()))
        });
        let via = duty.via.as_ref().map(|v| v.org.clone());
        let address = |name: &Arc<str>| Arc::as_ptr(name).cast::<u8>() as usize;
        let names = (
            address(&duty.holder.org),
            address(&duty.holder.scope),
            via.as_ref().map_or(0, address),
        );
        let held = *self.held.entry(names).or_insert_with(|| {
            roles.held.push((duty.holder.clone(), via));
            offset(roles.held.len() - 1)
        });
        let dates = dates.map_or(u32::MAX, |dates| {
            roles.dates.push(dates);
            offset(roles.dates.len() - 1)
        });
        roles.lines.push(RoleLine {
            id,
            role: duty.role,
            held,
            dates,
        });
    }

    pub(super) fn sorted(self) -> Roles {
        let mut roles = self.roles;
        let ids = &roles.ids;
        roles
            .lines
            .sort_by(|a, b| (text_at(ids, a.id), a.role).cmp(&(text_at(ids, b.id), b.role)));
        roles.ids.shrink_to_fit();
        roles.held.shrink_to_fit();
        roles.dates.shrink_to_fit();
        roles.lines.shrink_to_fit();
        roles
    }
}

/// The text at `(start, end)` of `text`.
fn text_at(text: &str, (start, end): (u32, u32)) -> &str {
    text.get(start as usize..end as usize).unwrap_or_default()
}

impl Roles {
    /// The holders of `role` in the task `task` (`""` for the plan's
    /// issuer), each with the body its duty came from, in the order found;
    /// on `day` when given, else every holder. `day` must be a deadline of
    /// a task the listings show (see [`Dates::holds_on`]).
    pub fn holders<'r>(
        &'r self,
        task: &str,
        role: Role,
        day: Option<NaiveDate>,
    ) -> impl Iterator<Item = (&'r Holder, Option<&'r str>)> + 'r {
        let key = |line: &RoleLine| (text_at(&self.ids, line.id), line.role);
        let start = self.lines.partition_point(|l| key(l) < (task, role));
        let end = self.lines.partition_point(|l| key(l) <= (task, role));
        let on_day = move |line: &&RoleLine| {
            let dates = self.dates.get(line.dates as usize);
            day.is_none_or(|d| dates.is_none_or(|dates| dates.holds_on(d)))
        };
        let lines = self.lines.get(start..end).unwrap_or_default();
        lines.iter().filter(on_day).filter_map(|line| {
            let (holder, via) = self.held.get(line.held as usize)?;
            Some((holder, via.as_deref()))
        })
    }
}
