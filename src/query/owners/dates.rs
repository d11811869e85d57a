//! The deadlines of a task as an owners listing needs them, made lazily:
//! a yearly task over a period of thousands of years costs a few steps,
//! not a deadline a year.

use chrono::NaiveDate;

use crate::deadline::{Merged, Occurrence};
use crate::model::{Period, Task};
use crate::query::Window;

/// Which of the occurrences that fall to a holder its part keeps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Extent {
    /// Every one in the window: the site lists them all.
    All,
    /// The first, and the first on or after the day: all that the owners
    /// listing and summary print (`next`) and sort by. Both stay right
    /// when a prefix of the deadlines is dropped (a member's share ends
    /// with its dissolution).
    Next(NaiveDate),
}

/// A task's deadlines inside its plan period and a query's window.
pub(super) struct Dates<'t> {
    task: &'t Task,
    period: Option<Period>,
    window: (NaiveDate, NaiveDate),
}

impl<'t> Dates<'t> {
    /// Deadlines are only expanded inside a period that runs forwards
    /// (`period` is `None` otherwise, and `check` reports it).
    pub fn new(task: &'t Task, period: Option<Period>, window: Window) -> Self {
        Dates {
            task,
            period,
            window: window.bounds(),
        }
    }

    /// The first and last day of the window.
    pub fn window(&self) -> (NaiveDate, NaiveDate) {
        self.window
    }

    /// Whether the task has a deadline at all, whatever the window: one
    /// without is ongoing, and goes whole to whoever holds it on a day.
    pub fn dated(&self) -> bool {
        self.merged((NaiveDate::MIN, NaiveDate::MAX))
            .next()
            .is_some()
    }

    /// What `extent` keeps of the occurrences with a deadline from `from`
    /// to `to` inside the window, in deadline order.
    pub fn kept(&self, extent: Extent, from: NaiveDate, to: NaiveDate) -> Vec<Occurrence> {
        let (from, to) = (from.max(self.window.0), to.min(self.window.1));
        match extent {
            Extent::All => self.merged((from, to)).collect(),
            Extent::Next(today) => {
                let first = self.merged((from, to)).next();
                let next = self.merged((from.max(today), to)).next();
                first
                    .into_iter()
                    .chain(next.filter(|n| Some(*n) != first))
                    .collect()
            }
        }
    }

    fn merged(&self, deadlines: (NaiveDate, NaiveDate)) -> Merged {
        let Some(period) = self.period else {
            return Merged::new([]);
        };
        Merged::new(
            self.task
                .due
                .iter()
                .map(|due| due.rule.occurrences_between(period.bounds(), deadlines)),
        )
    }
}

/// The days from `from` to `to` cut before each of `changes` (sorted)
/// that lies after `from`: the pieces a duty's deadlines fall in when its
/// holder may change on those days.
pub(super) fn pieces(
    from: NaiveDate,
    to: NaiveDate,
    changes: &[NaiveDate],
) -> Vec<(NaiveDate, NaiveDate)> {
    let mut out = Vec::with_capacity(changes.len() + 1);
    let mut start = from;
    for &change in changes.iter().filter(|&&c| c > from && c <= to) {
        if let Some(end) = change.pred_opt() {
            out.push((start, end));
            start = change;
        }
    }
    out.push((start, to));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("a date")
    }

    #[test]
    fn pieces_cut_the_days_before_each_change_inside_them() {
        let changes = [d(2020, 1, 1), d(2025, 3, 1), d(2025, 7, 1), d(2040, 1, 1)];
        assert_eq!(
            pieces(d(2021, 1, 1), d(2030, 12, 31), &changes),
            [
                (d(2021, 1, 1), d(2025, 2, 28)),
                (d(2025, 3, 1), d(2025, 6, 30)),
                (d(2025, 7, 1), d(2030, 12, 31)),
            ]
        );
        assert_eq!(
            pieces(NaiveDate::MIN, NaiveDate::MAX, &[]),
            [(NaiveDate::MIN, NaiveDate::MAX)]
        );
    }
}
