//! `gplan show`, `gplan tree` and `gplan schema`: looking at plans as a whole.

use std::io::Write;

use crate::cli::{SchemaArgs, ShowArgs, TreeArgs};
use crate::commands::{first_plans, plan_id, report_left_out, RunError};
use crate::config::Config;
use crate::exit;
use crate::query::show::{ancestry, compare_targets};
use crate::query::tree::forest;
use crate::render;
use crate::repo::Repo;
use crate::resolve::Index;

/// `gplan show PLAN`.
pub fn show(
    config: &Config,
    args: &ShowArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<u8, RunError> {
    let mut repo = Repo::load(config)?;
    let duplicates = first_plans(&mut repo);
    let index = Index::new(&repo.plans).with_catalogue(repo.catalogue.as_ref());
    let id = plan_id(&repo, &args.plan)?;
    let plan = index
        .by_id(&id)
        .ok_or_else(|| RunError::NoMatch(format!("no plan has the id `{id}`")))?;
    let chain = ancestry(&index, plan);
    let targets = compare_targets(&index, &index.plans[plan]);
    render::show::write(
        out,
        args.format.into(),
        &index,
        &index.plans[plan],
        &chain,
        &targets,
        render::terminal::width(),
    )?;
    Ok(report_left_out(&repo, &duplicates, err)?)
}

/// `gplan tree`.
pub fn tree(
    config: &Config,
    args: &TreeArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<u8, RunError> {
    let mut repo = Repo::load(config)?;
    let duplicates = first_plans(&mut repo);
    let index = Index::new(&repo.plans).with_catalogue(repo.catalogue.as_ref());
    let lines = forest(&index);
    match args.format.into() {
        render::tree::Format::Text => {
            render::tree::write(out, &index, &lines, render::terminal::width())?;
        }
        render::tree::Format::Json => render::tree::write_json(out, &index, &lines)?,
    }
    Ok(report_left_out(&repo, &duplicates, err)?)
}

/// `gplan schema`.
pub fn schema(args: &SchemaArgs, out: &mut dyn Write) -> Result<u8, RunError> {
    let schema = if args.registry {
        crate::schema::registry()
    } else if args.documents {
        crate::schema::documents()
    } else {
        crate::schema::plan()
    };
    serde_json::to_writer_pretty(&mut *out, &schema).map_err(render::json_error)?;
    writeln!(out)?;
    Ok(exit::SUCCESS)
}
