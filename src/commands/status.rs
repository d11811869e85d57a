//! `gplan status`: the plans, their progress files, and where each duty
//! and target stands as of `--today`.

use std::collections::HashSet;
use std::io::Write;

use chrono::NaiveDate;

use crate::cli::{FailOn, StatusArgs};
use crate::commands::{first_plans, org_query, plan_id, report_left_out, RunError};
use crate::config::Config;
use crate::exit;
use crate::model::Plan;
use crate::progress::Progress;
use crate::query::owners::{assignments, Assignment, Reach};
use crate::query::status::status;
use crate::query::Filter;
use crate::render::status::{self, TableStyle};
use crate::render::terminal;
use crate::repo::Repo;
use crate::validate::progress::PlanFacts;

/// Runs the command; returns the exit code.
pub fn run(
    config: &Config,
    args: &StatusArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<u8, RunError> {
    let mut repo = match &args.owner {
        // Matching a name looks at every name written in the repository,
        // and the duties a body inherited are found from every name.
        Some(_) => Repo::load(config)?,
        None => Repo::load_each(config, |plan, _, _, _| (Some(for_status(plan)), ()))?.0,
    };
    let duplicates = first_plans(&mut repo);
    let progress = Progress::load(config, &mut repo);
    let facts: Vec<PlanFacts> = repo.plans.iter().map(PlanFacts::of_plan).collect();
    let (answered, measured) = progress.check(&facts, &mut repo.diagnostics);
    let filter = Filter {
        owner: match &args.owner {
            Some(name) => Some(org_query(&repo, name)?),
            None => None,
        },
        plan: match &args.plan {
            Some(reference) => Some(plan_id(&repo, reference)?),
            None => None,
        },
        jurisdiction: args.jurisdiction.clone(),
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
        width: terminal::width()
            .and_then(|w| u16::try_from(w).ok())
            .unwrap_or(u16::MAX),
    };
    status::write(out, args.format.into(), &found, style)?;
    let failed = args.fail_on == Some(FailOn::Overdue) && found.any_overdue();
    let code = if failed { exit::FAILURE } else { exit::SUCCESS };
    Ok(report_left_out(&repo, &duplicates, err)?.max(code))
}

/// What `status` reads of a plan: its heading, its targets, and of each
/// task the id, section, title, leads and deadlines. The rest (other
/// bodies, notes, signer, recipients) is let go as each plan is loaded,
/// so a national repository is never held whole.
fn for_status(mut plan: Plan) -> Plan {
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
