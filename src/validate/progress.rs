//! Progress files: `[[report]]` and `[[actual]]` tables become the model
//! ([`progress_file`]), then are checked against the plans they name
//! ([`against_plans`]): unknown tasks and targets, deadlines that are no
//! occurrence, a second report of one occurrence, percentages, groups,
//! and dates outside the plan.

use rustc_hash::FxHashMap;
use std::ops::Range;

use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;
use toml::Spanned;

use super::measured::{measured, unknown_groups};
use super::{date, document, located, ValidationContext};
use crate::diagnostic::Diagnostic;
use crate::model::{Actual, Located, Report};
use crate::raw::{DateOrText, RawActual, RawReport};
use crate::resolve::split_item_ref;
use crate::rules::missing_field::{self, Missing};
use crate::rules::mistyped_field::{self, Mistyped};
use crate::rules::refs::Item;
use crate::rules::{
    delivered_before_issued, duplicate_report, not_an_occurrence, outside_period,
    percent_out_of_range, unknown_progress_item,
};
use crate::suggest::suggestions;

mod facts;

pub use facts::{PlanFacts, TaskRules};

/// The entries of one progress file that have their required fields, in
/// file order; every problem of the file is reported. `None`, and nothing
/// reported, for a plan or a text that is not TOML `in_plans_folder`: the
/// plans' loader reads it.
pub fn progress_file(
    cx: &mut ValidationContext,
    in_plans_folder: bool,
) -> Option<(Vec<Report>, Vec<Actual>)> {
    let raw = document::progress(cx, in_plans_folder)?;
    super::text::check(cx);
    let reports = raw
        .report
        .into_iter()
        .filter_map(|r| report(cx, r))
        .collect();
    let actuals = raw
        .actual
        .into_iter()
        .filter_map(|a| actual(cx, a))
        .collect();
    Some((reports, actuals))
}

fn report(cx: &mut ValidationContext, raw: Spanned<RawReport>) -> Option<Report> {
    let header = raw.span();
    let raw = raw.into_inner();
    let task = required(cx, raw.task.map(located), &header, "report", "task");
    let deadline = raw.deadline.and_then(|d| day(cx, d));
    let delivered = match raw.delivered {
        Some(d) => day(cx, d),
        None => required(cx, None, &header, "report", "delivered"),
    };
    Some(Report {
        file: cx.file.to_owned(),
        header,
        task: task?,
        deadline,
        delivered: delivered?,
        by: raw.by.map(located),
        document: raw.document.map(Spanned::into_inner),
        note: raw.note.map(Spanned::into_inner),
    })
}

fn actual(cx: &mut ValidationContext, raw: Spanned<RawActual>) -> Option<Actual> {
    let header = raw.span();
    let raw = raw.into_inner();
    let target = required(cx, raw.target.map(located), &header, "actual", "target");
    let year = match raw.year {
        Some(y) => year(cx, y),
        None => required(cx, None, &header, "actual", "year"),
    };
    let value = match raw.value {
        Some(v) => measured(cx, v),
        None => required(cx, None, &header, "actual", "value"),
    };
    Some(Actual {
        file: cx.file.to_owned(),
        header,
        target: target?,
        year: year?,
        value: value?,
        source: raw.source.map(Spanned::into_inner),
    })
}

/// `value`, reporting it when absent (at the table's header).
fn required<T>(
    cx: &mut ValidationContext,
    value: Option<T>,
    header: &Range<usize>,
    table: &'static str,
    field: &'static str,
) -> Option<T> {
    if value.is_none() {
        cx.report(missing_field::Finding {
            file: cx.file,
            span: header.clone(),
            missing: Missing::Field {
                table,
                field,
                example: None,
            },
        });
    }
    value
}

fn day(cx: &mut ValidationContext, value: Spanned<DateOrText>) -> Option<Located<NaiveDate>> {
    let span = value.span();
    let day = match value.get_ref() {
        DateOrText::Date(written) => date::day(cx, written, &span),
        DateOrText::Text(_) => {
            cx.report(mistyped(cx.file, &span, Mistyped::NotDate));
            None
        }
    };
    day.map(|d| Located::new(d, span))
}

fn year(cx: &mut ValidationContext, value: Spanned<i64>) -> Option<Located<i32>> {
    let span = value.span();
    let year = i32::try_from(*value.get_ref())
        .ok()
        .filter(|y| (1000..=9999).contains(y));
    if year.is_none() {
        let fault = Mistyped::NotYear(value.get_ref().to_string());
        cx.report(mistyped(cx.file, &span, fault));
    }
    year.map(|y| Located::new(y, span))
}

pub(super) fn mistyped<'a>(
    file: &'a str,
    span: &Range<usize>,
    mistyped: Mistyped<'a>,
) -> mistyped_field::Finding<'a> {
    mistyped_field::Finding {
        file,
        span: span.clone(),
        mistyped,
    }
}

/// A report resolved to the occurrence it answers.
#[derive(Clone, Debug)]
pub struct Answered<'r> {
    pub plan: &'r str,
    pub task: &'r str,
    /// `None` for a report on an ongoing duty.
    pub deadline: Option<NaiveDate>,
    pub report: &'r Report,
}

/// An actual resolved to its target.
#[derive(Clone, Debug)]
pub struct Measurement<'r> {
    pub plan: String,
    pub target: String,
    pub actual: &'r Actual,
}

/// Checks reports and actuals (in file order) against the plans (the
/// first plan of each id); gives back those that resolved, findings to
/// `out`.
pub fn against_plans<'r, 'm>(
    plans: &'r [PlanFacts<'r>],
    left_out: &'r [String],
    reports: impl IntoIterator<Item = &'r Report>,
    actuals: impl IntoIterator<Item = &'m Actual>,
    out: &mut Vec<Diagnostic>,
) -> (Vec<Answered<'r>>, Vec<Measurement<'m>>) {
    let mut by_id: FxHashMap<&str, &PlanFacts> = FxHashMap::default();
    for plan in plans {
        by_id.entry(plan.id).or_insert(plan);
    }
    let ids: Vec<&str> = {
        let mut ids: Vec<&str> = by_id.keys().copied().collect();
        ids.sort_unstable();
        ids
    };
    let lookup = Lookup {
        by_id,
        ids,
        left_out,
    };
    let mut answered: Vec<Answered> = Vec::new();
    let mut first: FxHashMap<(&str, &str, NaiveDate), usize> = FxHashMap::default();
    for found in each_in_parallel(reports, |r, findings| answer(&lookup, r, findings), out) {
        let report = found.report;
        if let Some(deadline) = found.deadline {
            let key = (found.plan, found.task, deadline);
            if let Some(&earlier) = first.get(&key) {
                let earlier: &Report = answered[earlier].report;
                out.push(
                    duplicate_report::Finding {
                        file: &report.file,
                        span: report.header.clone(),
                        task: &report.task.value,
                        deadline,
                        first_file: &earlier.file,
                        first_span: earlier.header.clone(),
                    }
                    .into(),
                );
                continue;
            }
            first.insert(key, answered.len());
        }
        answered.push(found);
    }
    let measured = each_in_parallel(
        actuals,
        |a, findings| measurement(&lookup, a, findings),
        out,
    );
    (answered, measured)
}

/// `f` on every item on rayon's threads; what it gives back, and the
/// findings into `out`, in the items' order whatever the thread count.
fn each_in_parallel<'r, E, T, F>(
    items: impl IntoIterator<Item = &'r E>,
    f: F,
    out: &mut Vec<Diagnostic>,
) -> Vec<T>
where
    E: Sync + 'r,
    T: Send,
    F: Fn(&'r E, &mut Vec<Diagnostic>) -> Option<T> + Sync,
{
    let items: Vec<&E> = items.into_iter().collect();
    let each: Vec<(Option<T>, Vec<Diagnostic>)> = items
        .into_par_iter()
        .map(|item| {
            let mut findings = Vec::new();
            (f(item, &mut findings), findings)
        })
        .collect();
    let mut kept = Vec::with_capacity(each.len());
    for (answer, findings) in each {
        out.extend(findings);
        kept.extend(answer);
    }
    kept
}

struct Lookup<'p> {
    by_id: FxHashMap<&'p str, &'p PlanFacts<'p>>,
    /// Every plan id, sorted, for suggestions.
    ids: Vec<&'p str>,
    /// The plan files that could not be loaded.
    left_out: &'p [String],
}

impl<'a> Lookup<'a> {
    /// The plan and item a `plan#item` reference names; `None` when it
    /// names none, which is reported.
    fn resolve(
        &self,
        reference: &'a Located<String>,
        file: &'a str,
        kind: Item,
        out: &mut Vec<Diagnostic>,
    ) -> Option<(&'a PlanFacts<'a>, &'a str)> {
        use unknown_progress_item::{Finding, Problem};
        let mut report = |problem| {
            let finding = Finding {
                file,
                span: reference.span.clone(),
                reference: &reference.value,
                kind,
                problem,
            };
            out.push(finding.into());
            None
        };
        let Some((plan_id, item)) = split_item_ref(&reference.value) else {
            return report(Problem::NotItemReference);
        };
        let Some(plan) = self.by_id.get(plan_id) else {
            let closest = suggestions(plan_id, self.ids.iter().copied(), 3);
            return report(Problem::UnknownPlan {
                plan: plan_id,
                closest,
                left_out: self.left_out,
            });
        };
        if !plan.has(kind, item) {
            let closest = suggestions(item, plan.ids(kind), 1).first().copied();
            return report(Problem::UnknownItem {
                plan: plan.id,
                item,
                closest,
            });
        }
        Some((plan, item))
    }
}

impl PlanFacts<'_> {
    /// Whether the plan has a task or target (`kind`) with the id `id`.
    fn has(&self, kind: Item, id: &str) -> bool {
        match kind {
            Item::Task => self.tasks.iter().any(|(task, _)| *task == id),
            Item::Target => self.targets.iter().any(|t| t.id.value == id),
        }
    }

    /// The ids of the plan's tasks or targets (`kind`), for suggestions.
    fn ids(&self, kind: Item) -> Vec<&str> {
        match kind {
            Item::Task => self.tasks.iter().map(|(task, _)| *task).collect(),
            Item::Target => self.targets.iter().map(|t| t.id.value.as_str()).collect(),
        }
    }
}

fn answer<'r>(
    lookup: &Lookup<'r>,
    report: &'r Report,
    out: &mut Vec<Diagnostic>,
) -> Option<Answered<'r>> {
    let (plan, task) = lookup.resolve(&report.task, &report.file, Item::Task, out)?;
    let rules = plan
        .tasks
        .iter()
        .find(|(id, _)| *id == task)
        .map_or(TaskRules::Read(&[]), |&(_, rules)| rules);
    if let Some(issued) = plan.issued {
        if report.delivered.value < issued.earliest() {
            out.push(
                delivered_before_issued::Finding {
                    file: &report.file,
                    span: report.delivered.span.clone(),
                    plan: plan.id,
                    delivered: report.delivered.value,
                    issued,
                }
                .into(),
            );
        }
    }
    let deadline = occurrence(
        report,
        &report.task.value,
        rules,
        |from| plan.deadlines_from(rules, from),
        out,
    )?;
    Some(Answered {
        plan: plan.id,
        task,
        deadline,
        report,
    })
}

/// The occurrence a report answers: `Some(None)` for an ongoing duty,
/// `None` (reported) when it answers none.
///
/// `deadlines_from(day)` gives the task's deadlines from `day` on,
/// earliest first, made as they are read: a yearly task over thousands of
/// years is walked from the year in question, not from its start, so
/// thousands of reports of one task cost no more each than one.
fn occurrence<I: Iterator<Item = NaiveDate>>(
    report: &Report,
    task: &str,
    rules: TaskRules,
    deadlines_from: impl Fn(NaiveDate) -> I,
    out: &mut Vec<Diagnostic>,
) -> Option<Option<NaiveDate>> {
    use not_an_occurrence::{Finding, Problem};
    let first_two: Vec<NaiveDate> = deadlines_from(NaiveDate::MIN).take(2).collect();
    let is_deadline = |day: NaiveDate| deadlines_from(day).next() == Some(day);
    let problem = match (&report.deadline, first_two.as_slice()) {
        (None, _) if rules.is_empty() => return Some(None),
        (None, [only]) => return Some(Some(*only)),
        (Some(day), _) if is_deadline(day.value) => return Some(Some(day.value)),
        (Some(day), _) if rules.is_empty() => (day.span.clone(), Problem::Ongoing(day.value)),
        (Some(day), _) => (day.span.clone(), Problem::NotADeadline(day.value)),
        (None, _) => (report.header.clone(), Problem::Missing),
    };
    let near = report
        .deadline
        .as_ref()
        .map_or(report.delivered.value, |d| d.value);
    let (span, problem) = problem;
    out.push(
        Finding {
            file: &report.file,
            span,
            task,
            problem,
            nearest: nearest(deadlines_from, near),
        }
        .into(),
    );
    None
}

/// How far before a day the deadline just before it is looked for first:
/// nine years holds one of every yearly rule, 29 February included.
const LOOK_BACK_DAYS: i64 = 9 * 366;

/// The deadlines just before and just after `day`, earliest first. The
/// one before is looked for in the nine years before `day`, and only
/// when none is there (one-off deadlines, few of them) from the start.
fn nearest<I: Iterator<Item = NaiveDate>>(
    deadlines_from: impl Fn(NaiveDate) -> I,
    day: NaiveDate,
) -> Vec<NaiveDate> {
    let after = deadlines_from(day).next();
    let last_before = |from: NaiveDate| deadlines_from(from).take_while(|d| *d < day).last();
    let recent = day.checked_sub_signed(chrono::Duration::days(LOOK_BACK_DAYS));
    let before = recent
        .and_then(last_before)
        .or_else(|| last_before(NaiveDate::MIN));
    before.into_iter().chain(after).collect()
}

fn measurement<'r>(
    lookup: &Lookup,
    actual: &'r Actual,
    out: &mut Vec<Diagnostic>,
) -> Option<Measurement<'r>> {
    let (plan, id) = lookup.resolve(&actual.target, &actual.file, Item::Target, out)?;
    let target = plan.targets.iter().find(|t| t.id.value == id)?;
    let file = actual.file.as_str();
    if let Some(period) = plan.period {
        let year = actual.year.value;
        if !(period.from.year()..=period.to.year()).contains(&year) {
            out.push(
                outside_period::Finding {
                    file,
                    span: actual.year.span.clone(),
                    period,
                    outside: outside_period::Outside::Actual { year },
                }
                .into(),
            );
        }
    }
    for finding in unknown_groups(file, &actual.target.value, &target.groups, &actual.value) {
        out.push(finding.into());
    }
    let percent = target.unit.as_ref().is_some_and(|u| u.value.trim() == "%");
    let out_of_range = actual
        .value
        .figures()
        .into_iter()
        .filter(|f| percent && !(0.0..=100.0).contains(&f.value));
    for figure in out_of_range {
        out.push(
            percent_out_of_range::Finding {
                file,
                span: figure.span.clone(),
            }
            .into(),
        );
    }
    Some(Measurement {
        plan: plan.id.to_owned(),
        target: id.to_owned(),
        actual,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a date")
    }

    /// `deadlines_from` over a fixed list.
    fn from(all: &[NaiveDate]) -> impl Fn(NaiveDate) -> std::vec::IntoIter<NaiveDate> + '_ {
        move |from| {
            let later: Vec<NaiveDate> = all.iter().copied().filter(|d| *d >= from).collect();
            later.into_iter()
        }
    }

    #[test]
    fn the_nearest_deadlines_are_the_one_before_and_the_one_after() {
        let all = [day("2023-11-15"), day("2024-11-15"), day("2025-11-15")];
        assert_eq!(nearest(from(&all), day("2024-11-10")), [all[0], all[1]]);
        assert_eq!(nearest(from(&all), day("2024-11-15")), [all[0], all[1]]);
        assert_eq!(nearest(from(&all), day("2020-01-01")), [all[0]]);
        assert_eq!(nearest(from(&all), day("2026-01-01")), [all[2]]);
        assert!(nearest(from(&[]), day("2026-01-01")).is_empty());
    }

    #[test]
    fn a_deadline_more_than_nine_years_before_is_still_the_nearest() {
        let all = [day("2000-01-01"), day("2024-11-15")];
        assert_eq!(nearest(from(&all), day("2024-11-10")), all);
    }
}
