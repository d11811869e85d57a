//! `gplan site`: the plans as a static website.

use std::io::{self, Write};

use rayon::prelude::*;

use crate::cli::SiteArgs;
use crate::commands::{report_left_out, RunError};
use crate::config::Config;
use crate::progress::Progress;
use crate::query::due::Deliveries;
use crate::query::owners::Holder;
use crate::render::terminal::escape;
use crate::repo::Repo;
use crate::site::digest::{self, Digest, Shared};
use crate::site::{build, Options, SiteError};
use crate::validate::progress::PlanFacts;

/// Every plan loaded, keeping its header and targets and what the pages
/// need of its tasks (see `site::digest`), with the bodies the plans name
/// by number. It runs on threads of its own:
/// glibc gives each thread its own heap, what the pass keeps is scattered
/// among the holes the parser leaves there, and pages made among them
/// afterwards cost about twice the CPU time (see docs/performance.md).
fn load_with_digests(config: &Config) -> Result<(Repo, Vec<Digest>, Vec<Holder>), RunError> {
    let today = config.today;
    let pool = rayon::ThreadPoolBuilder::new()
        .build()
        .map_err(io::Error::other)?;
    let shared = Shared::default();
    let loaded = pool.install(|| {
        Repo::load_each(config, |mut plan, _, registry, _| {
            let digest = Digest::take(&mut plan, registry, today, &shared);
            (Some(plan), digest)
        })
    })?;
    let (repo, digests) = loaded;
    Ok((repo, digests, shared.into_bodies()))
}

/// Runs the command; returns the exit code (1 when plans were left out).
pub fn run(
    config: &Config,
    args: &SiteArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<u8, RunError> {
    return_freed_memory();
    // The progress files are read while the plans load, as `check` does.
    let (loaded, progress) = rayon::join(|| load_with_digests(config), || Progress::read(config));
    let (mut repo, digests, holders) = loaded?;
    let (digests, duplicates) = digest::first_of_each(&mut repo, digests);
    let progress = progress.into_repo(&mut repo);
    let facts: Vec<PlanFacts> = repo
        .plans
        .par_iter()
        .zip(&digests)
        .map(|(plan, digest)| digest.facts(plan))
        .collect();
    let (_, measured) = progress.check(&facts, &repo.broken, &mut repo.diagnostics);
    drop(facts);
    let deliveries = Deliveries::new(&progress.reports, config.today);
    let options = Options {
        out: &args.out,
        lang: args.lang.into(),
        base_url: args.base_url.clone(),
        today: config.today,
        deliveries: &deliveries,
    };
    let written = build(&repo, digests, holders, &measured, &options).map_err(|e| match e {
        SiteError::Usage(usage) => RunError::Usage(usage),
        SiteError::Io(io) => RunError::Io(io),
    })?;
    writeln!(
        out,
        "wrote {} into {}: {}, {}",
        counted(written.files, "file", "files"),
        escape(&args.out.to_string_lossy()),
        counted(written.plans, "plan page", "plan pages"),
        counted(written.bodies, "body page", "body pages"),
    )?;
    let code = report_left_out(&repo, &duplicates, err)?;
    super::free_in_background(repo);
    Ok(code)
}

/// Has glibc give each block of 128 KiB or more a mapping of its own, and
/// hand a heap's free top back to the system from 128 KiB on, as it does
/// by default until a larger mapped block is freed. The site frees large
/// buffers all through its run (a file read whole, a piece of the
/// calendar); by default glibc then raises both limits, up to 32 MiB, and
/// keeps much of what it is given back. The site's peak on 10,000 plans
/// is 249–253 MB without this and 227–229 MB with it, for a few percent
/// more time (see docs/performance.md).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn return_freed_memory() {
    const LIMIT: libc::c_int = 128 * 1024;
    // SAFETY: `mallopt` only sets two of glibc's allocator settings; any
    // value is valid for both, and an unknown one is refused, not applied.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, LIMIT);
        libc::mallopt(libc::M_TRIM_THRESHOLD, LIMIT);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn return_freed_memory() {}

/// `n` and the noun, singular for one: "1 plan page", "5 body pages".
fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
