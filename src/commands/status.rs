//! `gplan status`: the plans, their progress files, and where each duty
//! and target stands as of `--today`.

use std::io::Write;

use crate::cli::{FailOn, StatusArgs};
use crate::commands::{
    first_plans, jurisdiction_id, org_query, plan_id, report_left_out, RunError,
};
use crate::config::Config;
use crate::exit;
use crate::progress::Progress;
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
    let mut repo = Repo::load(config)?;
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
        jurisdiction: match &args.jurisdiction {
            Some(typed) => Some(jurisdiction_id(&repo, typed)?),
            None => None,
        },
        ..Filter::default()
    };
    let found = status(&repo.plans, &answered, &measured, &filter, config.today);
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
