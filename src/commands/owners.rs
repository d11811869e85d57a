//! `gplan owners`: what each body owes, across plans and scopes.

use std::io::Write;

use crate::cli::OwnersArgs;
use crate::commands::{org_query, report_empty, report_left_out, terminal_width, RunError};
use crate::config::Config;
use crate::query::owners::{duties, summary, Filter};
use crate::render::owners::{write_duties, write_summary};
use crate::repo::Repo;

/// Runs the command; returns the exit code.
pub fn run(
    config: &Config,
    args: &OwnersArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<u8, RunError> {
    let repo = Repo::load(config)?;
    let registry = repo.registry.as_ref();
    let name = match &args.name {
        Some(name) => Some(org_query(&repo, name)?),
        None => None,
    };
    let named = name.is_some();
    let filter = Filter {
        name,
        role: args.role,
        jurisdiction: args.jurisdiction.clone(),
        after: args.after,
        before: args.before,
    };
    let found = duties(&repo.plans, registry, &filter);
    let width = u16::try_from(terminal_width()).unwrap_or(100);
    if named {
        write_duties(out, args.format, &found, &repo.sources, config.today, width)?;
    } else {
        write_summary(out, args.format, &summary(&found, config.today), width)?;
    }
    let empty = report_empty(found.len(), "duties", err)?;
    Ok(report_left_out(&repo, err)?.max(empty))
}
