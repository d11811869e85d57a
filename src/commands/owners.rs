//! `gplan owners`: what each body owes, across plans and scopes.

use std::io::Write;

use crate::cli::OwnersArgs;
use crate::commands::{
    first_of_each_id, first_plans, org_query, report_empty, report_left_out, RunError,
};
use crate::config::Config;
use crate::query::owners::{assignments, Counts};
use crate::query::{Filter, Window};
use crate::render::owners::{write_duties, write_summary};
use crate::render::terminal;
use crate::repo::Repo;

/// Runs the command; returns the exit code.
pub fn run(
    config: &Config,
    args: &OwnersArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<u8, RunError> {
    let width = terminal::width();
    let filter = |owner| Filter {
        owner,
        role: args.role.map(Into::into),
        plan: None,
        jurisdiction: args.jurisdiction.clone(),
        window: match args.within {
            Some(within) => Window {
                after: Some(config.today),
                before: Some(within.end(config.today)),
            },
            None => Window {
                after: args.after,
                before: args.before,
            },
        },
    };
    let (repo, duplicates, found) = match &args.name {
        Some(name) => {
            let mut repo = Repo::load(config)?;
            let duplicates = first_plans(&mut repo);
            let filter = filter(Some(org_query(&repo, name)?));
            let found = assignments(&repo.plans, repo.registry.as_ref(), &filter);
            write_duties(out, args.format.into(), &found, config.today, width)?;
            let count = found.len();
            drop(filter);
            (repo, duplicates, count)
        }
        None => {
            // Without NAME only the counts are needed: each plan is counted
            // as it is loaded and let go.
            let filter = filter(None);
            let (repo, counts) = Repo::load_each(config, |plan, _, registry, _| {
                let counts = Counts::of_plan(&plan, registry, &filter, config.today);
                (None, (plan.id.value, plan.file, counts))
            })?;
            let (counts, duplicates) = first_of_each_id(counts, |(id, file, _)| (id, file));
            let mut total = Counts::default();
            for (_, _, plan_counts) in counts {
                total.add(plan_counts);
            }
            let rows = total.rows();
            write_summary(out, args.format.into(), &rows, width)?;
            (repo, duplicates, rows.len())
        }
    };
    let empty = report_empty(found, "duties", err)?;
    Ok(report_left_out(&repo, &duplicates, err)?.max(empty))
}
