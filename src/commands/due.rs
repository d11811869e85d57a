//! `gplan due`: every deadline in a window, from every plan.

use std::io::Write;

use crate::cli::DueArgs;
use crate::commands::{
    org_query, plan_id, report_empty, report_left_out, terminal_width, RunError,
};
use crate::config::Config;
use crate::query::due::{keep_tasks_due_within, occurrences, Filter};
use crate::render::due::{self, TableStyle};
use crate::repo::Repo;

/// Runs the command; returns the exit code.
pub fn run(
    config: &Config,
    args: &DueArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<u8, RunError> {
    let (after, before) = match (args.after, args.before) {
        (None, None) => (Some(config.today), None),
        window => window,
    };
    // Tasks with no deadline in the window are let go as each plan is
    // loaded, unless `--owner` is given: matching a name looks at every
    // name written in the repository.
    let window_only = args.owner.is_none();
    let (repo, _) = Repo::load_each(config, |mut plan, _, _, _| {
        if window_only {
            keep_tasks_due_within(&mut plan, after, before);
        }
        (Some(plan), ())
    })?;
    let owner = match &args.owner {
        Some(name) => Some(org_query(&repo, name)?),
        None => None,
    };
    let filter = Filter {
        after,
        before,
        owner,
        plan: match &args.plan {
            Some(reference) => Some(plan_id(&repo, reference)?),
            None => None,
        },
        jurisdiction: args.jurisdiction.clone(),
    };
    let items = occurrences(&repo.plans, &filter);
    let style = TableStyle {
        color: config.color,
        width: u16::try_from(terminal_width()).unwrap_or(100),
        today: config.today,
    };
    due::write(out, args.format, &items, style)?;
    let empty = report_empty(items.len(), "deadlines", err)?;
    Ok(report_left_out(&repo, err)?.max(empty))
}
