//! Questions asked of the loaded plans: what is due, who owes what.
//!
//! Every listing of tasks (`due`, `owners`) is made of the same [`Duty`]
//! and narrowed by the same [`Filter`].

pub mod due;
pub mod duty;
pub mod owners;
pub mod place;
pub mod show;
pub mod status;
pub mod tree;

use chrono::NaiveDate;

pub use duty::{Duty, Role};

use crate::registry::OrgQuery;

/// The days a query covers (`--after`, `--before`), both ends included;
/// an open end is unbounded.
#[derive(Clone, Copy, Debug, Default)]
pub struct Window {
    /// Deadlines on or after this day.
    pub after: Option<NaiveDate>,
    /// Deadlines on or before this day.
    pub before: Option<NaiveDate>,
}

impl Window {
    /// Whether a deadline on `day` is inside the window.
    pub fn contains(self, day: NaiveDate) -> bool {
        self.after.is_none_or(|a| day >= a) && self.before.is_none_or(|b| day <= b)
    }

    /// The first and last day of the window, an open end being the first
    /// or last day there is.
    pub fn bounds(self) -> (NaiveDate, NaiveDate) {
        (
            self.after.unwrap_or(NaiveDate::MIN),
            self.before.unwrap_or(NaiveDate::MAX),
        )
    }

    /// Whether the window leaves out any day.
    pub fn is_bounded(self) -> bool {
        self.after.is_some() || self.before.is_some()
    }
}

/// Which duties a listing keeps: every field left empty keeps everything.
#[derive(Debug, Default)]
pub struct Filter<'r> {
    /// Only duties of these bodies: `due` keeps the tasks that name one of
    /// them (lead, support, report); `owners` keeps the duties they hold
    /// (after a dissolution or merger, the successor holds them).
    pub owner: Option<OrgQuery<'r>>,
    /// Only this part in a task or plan.
    pub role: Option<Role>,
    /// Only this plan (by id).
    pub plan: Option<String>,
    /// Only this jurisdiction (an id, resolved from what was typed by
    /// [`place::place`]): plans of it, and in `owners` also the duties
    /// held by its bodies in plans of other scopes.
    pub jurisdiction: Option<String>,
    /// Only deadlines inside this window.
    pub window: Window,
}

impl Filter<'_> {
    /// Whether a plan with this id and jurisdiction passes the plan and
    /// jurisdiction filters.
    pub fn keeps_plan(&self, id: &str, jurisdiction: Option<&str>) -> bool {
        self.plan.as_deref().is_none_or(|p| p == id)
            && self
                .jurisdiction
                .as_deref()
                .is_none_or(|j| jurisdiction == Some(j))
    }

    /// Whether a body of this canonical name passes the owner filter.
    pub fn keeps_owner(&self, written: &str) -> bool {
        self.owner.as_ref().is_none_or(|q| q.matches(written))
    }

    /// Whether a name written in a plan of `jurisdiction` passes the owner
    /// filter, read as that plan reads it (the city form in a city).
    pub fn keeps_owner_at(&self, written: &str, jurisdiction: Option<&str>) -> bool {
        self.owner
            .as_ref()
            .is_none_or(|q| q.matches_at(written, jurisdiction))
    }

    /// Whether a part passes the role filter.
    pub fn keeps_role(&self, role: Role) -> bool {
        self.role.is_none_or(|r| r == role)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_filter_keeps_everything_and_each_field_narrows_it() {
        let all = Filter::default();
        assert!(all.keeps_plan("x", None) && all.keeps_role(Role::Issuer));
        assert!(all.keeps_owner("Sở Nội vụ"));
        let narrow = Filter {
            plan: Some("x".into()),
            jurisdiction: Some("lai-chau".into()),
            role: Some(Role::Lead),
            ..Filter::default()
        };
        assert!(narrow.keeps_plan("x", Some("lai-chau")));
        assert!(!narrow.keeps_plan("y", Some("lai-chau")));
        assert!(!narrow.keeps_plan("x", Some("phu-tho")));
        assert!(!narrow.keeps_plan("x", None));
        assert!(narrow.keeps_role(Role::Lead) && !narrow.keeps_role(Role::Support));
    }
}
