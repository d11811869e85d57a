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
    /// What a page of the site reads: the first, the first on or after
    /// `today`, and every one from `shown.0` to `shown.1` (which holds
    /// `today`). A holder's first, next and, when it falls in `shown`,
    /// last deadline are then the ones of [`Extent::All`], however long
    /// the period.
    Around {
        today: NaiveDate,
        shown: (NaiveDate, NaiveDate),
    },
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
        let Some(period) = self.period else {
            return false;
        };
        let every_day = (NaiveDate::MIN, NaiveDate::MAX);
        self.task.due.iter().any(|due| {
            due.rule
                .occurrences_between(period.bounds(), every_day)
                .next()
                .is_some()
        })
    }

    /// What `extent` keeps of the occurrences with a deadline from `from`
    /// to `to` inside the window, in deadline order.
    pub fn kept(&self, extent: Extent, from: NaiveDate, to: NaiveDate) -> Vec<Occurrence> {
        let (from, to) = (from.max(self.window.0), to.min(self.window.1));
        match extent {
            Extent::All => self.merged((from, to)).collect(),
            Extent::Around { today, shown } => {
                let first = self.merged((from, to)).next();
                let next = self.merged((from.max(today), to)).next();
                let outside = |o: &Occurrence| o.deadline < shown.0 || o.deadline > shown.1;
                let mut kept: Vec<Occurrence> = first.filter(outside).into_iter().collect();
                kept.extend(self.merged((from.max(shown.0), to.min(shown.1))));
                kept.extend(next.filter(|n| n.deadline > shown.1 && Some(*n) != first));
                kept
            }
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

    /// What [`Extent::Around`] keeps of a yearly task from 1000 to 9999,
    /// between `from` and `to`, with 2025-12-01..2027-11-30 shown.
    fn around(from: NaiveDate, to: NaiveDate, today: NaiveDate) -> Vec<NaiveDate> {
        let text = "[plan]\nid = \"p\"\ntitle = \"t\"\nissuer = \"i\"\n\
                    period = [1000-01-01, 9999-12-31]\n\
                    [[task]]\nid = \"a\"\ntitle = \"t\"\ndue = \"yearly 06-30\"\n";
        let mut found = Vec::new();
        let crate::validate::Outcome::Plan(plan) =
            crate::validate::load_plan("p.toml", text, &mut found)
        else {
            panic!("the plan loads: {found:?}");
        };
        let dates = Dates::new(&plan.tasks[0], plan.valid_period(), Window::default());
        let extent = Extent::Around {
            today,
            shown: (d(2025, 12, 1), d(2027, 11, 30)),
        };
        let kept = dates.kept(extent, from, to);
        kept.into_iter().map(|o| o.deadline).collect()
    }

    #[test]
    fn around_keeps_the_first_the_next_and_the_shown_deadlines() {
        let today = d(2026, 11, 29);
        let all = (NaiveDate::MIN, NaiveDate::MAX);
        assert_eq!(
            around(all.0, all.1, today),
            [d(1000, 6, 30), d(2026, 6, 30), d(2027, 6, 30)]
        );
        // A piece of the calendar keeps its own first and next: a holder's
        // part after a dissolution starts with its first deadline.
        assert_eq!(around(d(2030, 1, 1), all.1, today), [d(2030, 6, 30)]);
        assert_eq!(around(all.0, d(2020, 12, 31), today), [d(1000, 6, 30)]);
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
