//! `gplan site`: the plans as a static website.

use std::io::Write;

use crate::cli::SiteArgs;
use crate::commands::{first_plans, report_left_out, RunError};
use crate::config::Config;
use crate::repo::Repo;
use crate::site::{build, Options, SiteError};

/// Runs the command; returns the exit code (1 when plans were left out).
pub fn run(
    config: &Config,
    args: &SiteArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<u8, RunError> {
    let mut repo = Repo::load(config)?;
    let duplicates = first_plans(&mut repo);
    let options = Options {
        out: &args.out,
        lang: args.lang.into(),
        base_url: args.base_url.clone(),
        today: config.today,
    };
    let written = build(&repo, &options).map_err(|e| match e {
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
