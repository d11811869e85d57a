//! `gplan owners`: what each body owes, across plans and scopes.

use std::io::Write;

use crate::cli::OwnersArgs;
use crate::commands::{org_query, report_empty, report_left_out, terminal_width, RunError};
use crate::config::Config;
use crate::query::owners::{duties, summarize, Filter};
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
    let width = u16::try_from(terminal_width()).unwrap_or(100);
    // Without NAME only the counts are needed: they are made without
    // listing every duty of the repository.
    let found = if named {
        let found = duties(&repo.plans, registry, &filter);
        write_duties(out, args.format, &found, &repo.sources, config.today, width)?;
        found.len()
    } else {
        let rows = summarize(&repo.plans, registry, &filter, config.today);
        write_summary(out, args.format, &rows, width)?;
        rows.len()
    };
    let empty = report_empty(found, "duties", err)?;
    Ok(report_left_out(&repo, err)?.max(empty))
}
