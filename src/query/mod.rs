//! Questions asked of the loaded plans: what is due, who owes what.

pub mod due;
pub mod owners;
pub mod show;
pub mod tree;

use chrono::NaiveDate;

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
}
