//! `gplan owners`: what each body owes, across plans and scopes.

use std::io::Write;

use crate::cli::OwnersArgs;
use crate::commands::{org_query, report_empty, report_left_out, terminal_width, RunError};
use crate::config::Config;
use crate::query::owners::{assignments, Counts};
use crate::query::{Filter, Window};
use crate::render::owners::{write_duties, write_summary};
use crate::repo::Repo;

/// Runs the command; returns the exit code.
pub fn run(
    config: &Config,
    args: &OwnersArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<u8, RunError> {
    let width = u16::try_from(terminal_width()).unwrap_or(100);
    let filter = |owner| Filter {
        owner,
        role: args.role.map(Into::into),
        plan: None,
        jurisdiction: args.jurisdiction.clone(),
        window: Window {
            after: args.after,
            before: args.before,
        },
    };
    let (repo, found) = match &args.name {
        Some(name) => {
            let repo = Repo::load(config)?;
            let filter = filter(Some(org_query(&repo, name)?));
            let found = assignments(&repo.plans, repo.registry.as_ref(), &filter);
            write_duties(out, args.format.into(), &found, config.today, width)?;
            let count = found.len();
            drop(filter);
            (repo, count)
        }
        None => {
            // Without NAME only the counts are needed: each plan is counted
            // as it is loaded and let go.
            let filter = filter(None);
            let (repo, counts) = Repo::load_each(config, |plan, _, registry, _| {
                (
                    None,
                    Counts::of_plan(&plan, registry, &filter, config.today),
                )
            })?;
            let mut total = Counts::default();
            for plan_counts in counts {
                total.add(plan_counts);
            }
            let rows = total.rows();
            write_summary(out, args.format.into(), &rows, width)?;
            (repo, rows.len())
        }
    };
    let empty = report_empty(found, "duties", err)?;
    Ok(report_left_out(&repo, err)?.max(empty))
}
