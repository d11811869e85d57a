//! `gplan show`, `gplan tree` and `gplan schema`: looking at plans as a whole.

use std::io::Write;

use crate::cli::{SchemaArgs, ShowArgs};
use crate::commands::{report_left_out, RunError};
use crate::config::Config;
use crate::exit;
use crate::names::suggestions;
use crate::query::show::{ancestry, compare_targets};
use crate::query::tree::forest;
use crate::render;
use crate::repo::Repo;
use crate::resolve::{Index, PlanRef};

/// `gplan show PLAN`.
pub fn show(
    config: &Config,
    args: &ShowArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<u8, RunError> {
    let repo = Repo::load(config)?;
    let index = Index::new(&repo.plans);
    let plan = match index.plan(&args.plan) {
        PlanRef::Found(i) => i,
        PlanRef::Ambiguous(candidates) => {
            let ids: Vec<String> = candidates
                .iter()
                .map(|&c| format!("  {}  ({})", index.plans[c].id.value, index.plans[c].file))
                .collect();
            return Err(RunError::NoMatch(format!(
                "document number `{}` matches {} plans; show one by id:\n{}",
                args.plan,
                candidates.len(),
                ids.join("\n")
            )));
        }
        PlanRef::Missing => {
            let close: Vec<String> = suggestions(&args.plan, index.ids(), 3)
                .iter()
                .map(|s| format!("`{s}`"))
                .collect();
            let hint = if close.is_empty() {
                String::new()
            } else {
                format!("; did you mean {}?", close.join(", "))
            };
            return Err(RunError::NoMatch(format!(
                "no plan has the id or number `{}`{hint}",
                args.plan
            )));
        }
    };
    let chain = ancestry(&index, plan);
    let targets = compare_targets(&index, &index.plans[plan]);
    render::show::write(
        out,
        args.format,
        &index,
        &index.plans[plan],
        &chain,
        &targets,
    )?;
    Ok(report_left_out(&repo, err)?)
}

/// `gplan tree`.
pub fn tree(config: &Config, out: &mut dyn Write, err: &mut dyn Write) -> Result<u8, RunError> {
    let repo = Repo::load(config)?;
    let index = Index::new(&repo.plans);
    render::tree::write(out, &index, &forest(&index))?;
    Ok(report_left_out(&repo, err)?)
}

/// `gplan schema`.
pub fn schema(args: &SchemaArgs, out: &mut dyn Write) -> Result<u8, RunError> {
    let schema = if args.registry {
        crate::schema::registry()
    } else {
        crate::schema::plan()
    };
    serde_json::to_writer_pretty(&mut *out, &schema).map_err(render::json_error)?;
    writeln!(out)?;
    Ok(exit::SUCCESS)
}
