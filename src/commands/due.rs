//! `gplan due`: every deadline in a window, from every plan.

use std::io::Write;

use crate::cli::DueArgs;
use crate::commands::{
    org_query, plan_id, report_empty, report_left_out, terminal_width, RunError,
};
use crate::config::Config;
use crate::query::due::{occurrences, Filter};
use crate::render::due::{self, TableStyle};
use crate::repo::Repo;

/// Runs the command; returns the exit code.
pub fn run(
    config: &Config,
    args: &DueArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<u8, RunError> {
    let repo = Repo::load(config)?;
    let owner = match &args.owner {
        Some(name) => Some(org_query(&repo, name)?),
        None => None,
    };
    let (after, before) = match (args.after, args.before) {
        (None, None) => (Some(config.today), None),
        window => window,
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
