//! The `[plan]` header: id, title, issuer, kind, issue date, period, and
//! the lists a plan names; targets and tasks are validated by their own
//! modules.

use std::ops::Range;

use chrono::NaiveDate;
use toml::Spanned;

use super::{date, list, located, required, required_text, target, task, ValidationContext};
use crate::deadline::{self, RuleErrorKind};
use crate::model::{Issued, Located, Period, Plan, PlanKind, Signer};
use crate::raw::{DateOrText, RawPlan, RawTarget, RawTask};
use crate::rules::invalid_date::{self, Written};
use crate::rules::mistyped_field::{self, Mistyped};
use crate::rules::period_reversed;

/// The plan, or `None` when it has no id (every other problem reported,
/// and the rest of the plan validated all the same).
pub fn plan(
    cx: &mut ValidationContext,
    plan: Spanned<RawPlan>,
    targets: Vec<Spanned<RawTarget>>,
    tasks: Vec<Spanned<RawTask>>,
) -> Option<Plan> {
    let header = plan.span();
    let raw = plan.into_inner();
    let id = required(
        cx,
        raw.id,
        &header,
        "plan",
        "id",
        "id = \"lai-chau/kh-01-2023\"",
    );
    let title = required_text(
        cx,
        raw.title,
        &header,
        "plan",
        "title",
        "title = \"Kế hoạch …\"",
    );
    let issuer = required_text(
        cx,
        raw.issuer,
        &header,
        "plan",
        "issuer",
        "issuer = \"Ủy ban nhân dân tỉnh\"",
    );
    let period = match raw.period {
        Some(p) => period(cx, p),
        None => {
            let example = "period = [2023-01-01, 2023-12-31] or period = 2023";
            super::missing(cx, &header, "plan", "period", example);
            None
        }
    };
    let kind = raw.kind.map_or(PlanKind::Plan, |k| kind(cx, k));
    let issued = raw.issued.and_then(|i| issued(cx, i));
    // Collected into vectors of their own size: collecting in place
    // would keep the larger raw entries' allocation.
    let mut model_targets = Vec::with_capacity(targets.len());
    model_targets.extend(targets.into_iter().filter_map(|t| target::target(cx, t)));
    let mut model_tasks = Vec::with_capacity(tasks.len());
    model_tasks.extend(tasks.into_iter().filter_map(|t| task::task(cx, t)));
    Some(Plan {
        file: cx.file.to_owned(),
        line: cx.lines.line(header.start),
        header,
        id: id?,
        number: raw.number.map(located),
        kind,
        title: title.map(|t| t.value).unwrap_or_default(),
        issuer,
        jurisdiction: raw.jurisdiction.map(located),
        issued,
        period,
        implements: list(raw.implements),
        cites: list(raw.cites).into_iter().map(|c| c.value).collect(),
        signer: raw.signer.map(|s| {
            let s = s.into_inner();
            Signer {
                name: s.name,
                position: s.position,
                capacity: s.capacity,
            }
        }),
        recipients: list(raw.recipients).into_iter().map(|r| r.value).collect(),
        funding: raw.funding.map(Spanned::into_inner),
        note: raw.note.map(Spanned::into_inner),
        targets: model_targets,
        tasks: model_tasks,
        left_out: false,
    })
}

fn kind(cx: &mut ValidationContext, kind: Spanned<String>) -> PlanKind {
    let span = kind.span();
    let written = kind.into_inner();
    if let Some((_, k)) = PlanKind::ALL.iter().find(|(name, _)| *name == written) {
        return *k;
    }
    let known: Vec<&str> = PlanKind::ALL.iter().map(|(name, _)| *name).collect();
    cx.report(mistyped_field::Finding {
        file: cx.file,
        span,
        mistyped: Mistyped::PlanKind {
            written: &written,
            known: &known,
        },
    });
    PlanKind::Other
}

pub(super) fn issued(
    cx: &mut ValidationContext,
    issued: Spanned<DateOrText>,
) -> Option<Located<Issued>> {
    let span = issued.span();
    let value = match issued.into_inner() {
        DateOrText::Date(dt) => Issued::Day(date::day(cx, &dt, &span)?),
        DateOrText::Text(text) => partial_date(cx, text, &span)?,
    };
    Some(Located::new(value, span))
}

/// "2023-03" or "2023": an issue date the document gives without its day
/// or month.
fn partial_date(cx: &mut ValidationContext, text: String, span: &Range<usize>) -> Option<Issued> {
    match deadline::parse(&text) {
        Ok(deadline::Rule::Point(deadline::Point::Day(d))) => Some(Issued::Day(d)),
        Ok(deadline::Rule::Point(deadline::Point::Month { year, month })) => {
            Some(Issued::Month { year, month })
        }
        Ok(deadline::Rule::Point(deadline::Point::Year(year))) => Some(Issued::Year(year)),
        Err(err) if err.kind == RuleErrorKind::InvalidDate => {
            cx.report(invalid_date::Finding {
                file: cx.file,
                span: span.clone(),
                written: Written::Issued(err.message),
            });
            None
        }
        _ => {
            cx.report(mistyped_field::Finding {
                file: cx.file,
                span: span.clone(),
                mistyped: Mistyped::NotIssueDate(&text),
            });
            None
        }
    }
}

fn period(cx: &mut ValidationContext, period: Spanned<toml::Value>) -> Option<Located<Period>> {
    let span = period.span();
    let reported_before = cx.reported();
    let bounds = match period.get_ref() {
        toml::Value::Integer(_) => period_end(cx, period.get_ref(), &span),
        toml::Value::Array(items) if items.len() == 2 => {
            let from = period_end(cx, &items[0], &span);
            let to = period_end(cx, &items[1], &span);
            Some((from?.0, to?.1))
        }
        _ => None,
    };
    match bounds {
        Some((from, to)) if from > to => {
            cx.report(period_reversed::Finding {
                file: cx.file,
                span,
                period: Period { from, to },
            });
            None
        }
        Some((from, to)) => Some(Located::new(Period { from, to }, span)),
        None => {
            if cx.reported() == reported_before {
                cx.report(mistyped_field::Finding {
                    file: cx.file,
                    span,
                    mistyped: Mistyped::NotPeriod(period.get_ref().as_str()),
                });
            }
            None
        }
    }
}

/// One end of a period: a TOML date (both ends that day) or a year
/// (1 January, 31 December).
fn period_end(
    cx: &mut ValidationContext,
    value: &toml::Value,
    span: &Range<usize>,
) -> Option<(NaiveDate, NaiveDate)> {
    match value {
        toml::Value::Integer(year) => {
            let year = i32::try_from(*year)
                .ok()
                .filter(|y| (1000..=9999).contains(y));
            let bounds = year.and_then(|y| {
                Some((
                    NaiveDate::from_ymd_opt(y, 1, 1)?,
                    NaiveDate::from_ymd_opt(y, 12, 31)?,
                ))
            });
            if bounds.is_none() {
                cx.report(mistyped_field::Finding {
                    file: cx.file,
                    span: span.clone(),
                    mistyped: Mistyped::NotYear(value.to_string()),
                });
            }
            bounds
        }
        toml::Value::Datetime(dt) => date::day(cx, dt, span).map(|d| (d, d)),
        _ => None,
    }
}
