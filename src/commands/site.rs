//! `gplan site`: the plans as a static website.

use std::io::Write;

use crate::cli::SiteArgs;
use crate::commands::{first_plans, report_left_out, RunError};
use crate::config::Config;
use crate::progress::Progress;
use crate::query::due::Deliveries;
use crate::repo::Repo;
use crate::site::{build, Options, SiteError};
use crate::validate::progress::PlanFacts;

/// Runs the command; returns the exit code (1 when plans were left out).
pub fn run(
    config: &Config,
    args: &SiteArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<u8, RunError> {
    let mut repo = Repo::load(config)?;
    let duplicates = first_plans(&mut repo);
    let progress = Progress::load(config, &mut repo);
    let facts: Vec<PlanFacts> = repo.plans.iter().map(PlanFacts::of_plan).collect();
    let (_, measured) = progress.check(&facts, &mut repo.diagnostics);
    drop(facts);
    let deliveries = Deliveries::new(&progress.reports);
    let options = Options {
        out: &args.out,
        lang: args.lang.into(),
        base_url: args.base_url.clone(),
        today: config.today,
        deliveries: &deliveries,
    };
    let written = build(&repo, &measured, &options).map_err(|e| match e {
        SiteError::Usage(usage) => RunError::Usage(usage),
        SiteError::Io(io) => RunError::Io(io),
    })?;
    writeln!(
        out,
        "wrote {} files into {}: {} plan pages, {} body pages",
        written.files,
        args.out.display(),
        written.plans,
        written.bodies
    )?;
    Ok(report_left_out(&repo, &duplicates, err)?)
}
