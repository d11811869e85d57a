//! `gplan status`: the plans, their progress files, and where each duty
//! and target stands as of `--today`.

use std::collections::HashSet;
use std::io::Write;

use chrono::{Duration, NaiveDate};

use crate::cli::{FailOn, StatusArgs};
use crate::commands::{
    first_plans, jurisdiction_id, load_for_owner, org_query, plan_id, report_left_out, RunError,
};
use crate::config::Config;
use crate::exit;
use crate::model::{Period, Plan, Task};
use crate::progress::Progress;
use crate::query::owners::{assignments, Assignment, Reach};
use crate::query::status::{status, SOON_DAYS};
use crate::query::{Filter, Window};
use crate::render::status::{self, TableStyle};
use crate::render::terminal;
use crate::repo::Repo;
use crate::resolve::split_item_ref;
use crate::validate::progress::PlanFacts;

/// Runs the command; returns the exit code.
pub fn run(
    config: &Config,
    args: &StatusArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<u8, RunError> {
    // The progress files first: which tasks their reports name decides
    // what of each plan is kept. Only their findings matter here (stderr
    // names a file with errors), not their text.
    let mut read = Repo::default();
    let progress = Progress::load(config, &mut read);
    let reported = reported_tasks(&progress);
    let soon = config.today + Duration::days(SOON_DAYS);
    let (mut repo, written) = match &args.owner {
        // The tasks a report names are kept for the reports to be read
        // against; of the others, those the body can hold and list.
        Some(name) => load_for_owner(config, name, |plan, task, reached| {
            is_reported(&reported, plan, task)
                || (reached && listable(task, plan.valid_period(), soon))
        })?,
        None => {
            let keep = |plan| (Some(for_status(plan, soon, &reported)), ());
            let (repo, _) = Repo::load_each(config, |plan, _, _, _| keep(plan))?;
            (repo, Vec::new())
        }
    };
    repo.diagnostics.append(&mut read.diagnostics);
    let duplicates = first_plans(&mut repo);
    let facts: Vec<PlanFacts> = repo.plans.iter().map(PlanFacts::of_plan).collect();
    let (answered, measured) = progress.check(&facts, &repo.broken, &mut repo.diagnostics);
    let filter = Filter {
        owner: match &args.owner {
            Some(name) => Some(org_query(&repo, &written, name)?),
            None => None,
        },
        plan: match &args.plan {
            Some(reference) => Some(plan_id(&repo, reference)?),
            None => None,
        },
        jurisdiction: match &args.jurisdiction {
            Some(typed) => Some(jurisdiction_id(&repo, typed)?),
            None => None,
        },
        // Past the coming days and the latest report, no occurrence is
        // listed: the body's occurrences are gathered only up to there,
        // not to the end of a plan running to 9999.
        window: Window {
            after: None,
            before: answered
                .iter()
                .filter_map(|a| a.deadline)
                .max()
                .max(Some(soon)),
        },
        ..Filter::default()
    };
    let parts = match filter.owner {
        Some(_) => {
            let reach = Reach {
                today: config.today,
                groups: true,
            };
            assignments(&repo.plans, repo.registry.as_ref(), &filter, reach)
        }
        None => Vec::new(),
    };
    let held = filter.owner.as_ref().map(|_| held(&parts));
    let found = status(
        &repo.plans,
        &answered,
        &measured,
        &filter,
        held.as_ref(),
        config.today,
    );
    let style = TableStyle {
        color: config.color,
        width: terminal::width(),
    };
    status::write(out, args.format.into(), &found, style)?;
    let failed = args.fail_on == Some(FailOn::Overdue) && found.any_overdue();
    let code = if failed { exit::FAILURE } else { exit::SUCCESS };
    Ok(report_left_out(&repo, &duplicates, err)?.max(code))
}

/// What `status` reads of a plan: its heading, its targets, and the
/// tasks it can list: those with a deadline by `soon` (overdue or due
/// soon without a report) and those a report names; of each, the id,
/// section, title, leads and deadlines. The rest is let go as each plan
/// is loaded, so a national repository is never held whole.
fn for_status(mut plan: Plan, soon: NaiveDate, reported: &HashSet<(&str, &str)>) -> Plan {
    let period = plan.valid_period();
    let tasks = std::mem::take(&mut plan.tasks);
    plan.tasks = tasks
        .into_iter()
        .filter(|task| listable(task, period, soon) || is_reported(reported, &plan, task))
        .collect();
    for task in &mut plan.tasks {
        task.support = Box::default();
        task.requested = Box::default();
        task.report_to = Box::default();
        task.when = None;
        task.implements = None;
        task.function = None;
        task.note = None;
    }
    for target in &mut plan.targets {
        target.note = None;
    }
    plan.cites = Vec::new();
    plan.recipients = Vec::new();
    plan.signer = None;
    plan.funding = None;
    plan.note = None;
    plan
}

/// Whether a task has a deadline in the plan period by `soon`: only
/// then can it be listed without a report. Reads occurrences lazily, up
/// to the first.
fn listable(task: &Task, period: Option<Period>, soon: NaiveDate) -> bool {
    let Some(period) = period else {
        return false;
    };
    let until = period.to.min(soon);
    period.from <= until
        && task.due.iter().any(|due| {
            due.rule
                .occurrences_between(period.bounds(), (period.from, until))
                .next()
                .is_some()
        })
}

/// Whether a report names the task.
fn is_reported(reported: &HashSet<(&str, &str)>, plan: &Plan, task: &Task) -> bool {
    reported.contains(&(plan.id.value.as_str(), task.id.value.as_str()))
}

/// The (plan id, task id) every report names, as written.
fn reported_tasks(progress: &Progress) -> HashSet<(&str, &str)> {
    progress
        .reports
        .iter()
        .filter_map(|r| split_item_ref(&r.task.value))
        .collect()
}

/// The occurrences a body holds, its own and those it inherited: plan
/// id, task id, deadline.
fn held<'a>(parts: &'a [Assignment<'a>]) -> HashSet<(&'a str, &'a str, NaiveDate)> {
    parts
        .iter()
        .filter_map(|part| Some((part, part.duty.as_ref()?)))
        .flat_map(|(part, duty)| {
            part.occurrences
                .iter()
                .map(move |o| (part.plan.id.value.as_str(), duty.id(), o.deadline))
        })
        .collect()
}
