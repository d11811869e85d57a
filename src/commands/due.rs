//! `gplan due`: every deadline in a window, from every plan.

use std::io::Write;

use rayon::prelude::*;

use crate::cli::DueArgs;
use crate::commands::{
    org_query, plan_id, report_empty, report_left_out, terminal_width, RunError,
};
use crate::config::Config;
use crate::model::Plan;
use crate::progress::{delivered, Progress};
use crate::query::due::{occurrences, Schedule};
use crate::query::{Filter, Window};
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
    let window = Window { after, before };
    // Progress files are read first: each plan's schedule takes the
    // occurrences its reports answer as the plan is loaded.
    let mut progress_repo = Repo::default();
    let progress = Progress::load(config, &mut progress_repo);
    let reports = progress.reports_by_plan();
    let reports_of = |plan: &Plan| {
        let found = reports
            .get(plan.id.value.as_str())
            .map_or(&[][..], Vec::as_slice);
        delivered(plan, found)
    };
    let (mut repo, schedules) = match &args.owner {
        // Matching a name looks at every name written in the repository,
        // so every plan is kept whole until the name is known.
        Some(_) => (Repo::load(config)?, None),
        // Otherwise each plan gives its schedule as it is loaded, and
        // keeps only its heading (to find it by number).
        None => {
            let filter = Filter {
                window,
                ..Filter::default()
            };
            let (repo, schedules) = Repo::load_each(config, |mut plan, _, _, _| {
                let answered = reports_of(&plan);
                let tasks = std::mem::take(&mut plan.tasks);
                let schedule = Schedule::new(&plan, tasks, &filter).with_delivered(answered);
                (Some(plan), schedule)
            })?;
            (repo, Some(schedules))
        }
    };
    repo.diagnostics.append(&mut progress_repo.diagnostics);
    let filter = Filter {
        owner: match &args.owner {
            Some(name) => Some(org_query(&repo, name)?),
            None => None,
        },
        role: None,
        plan: match &args.plan {
            Some(reference) => Some(plan_id(&repo, reference)?),
            None => None,
        },
        jurisdiction: args.jurisdiction.clone(),
        window,
    };
    let schedules: Vec<Schedule> = match schedules {
        Some(schedules) => schedules,
        None => repo
            .plans
            .par_iter()
            .map(|plan| Schedule::of(plan, &filter).with_delivered(reports_of(plan)))
            .collect(),
    };
    let mut items = occurrences(&schedules, &filter);
    if args.open {
        items.retain(|item| item.delivered.is_none());
    }
    let style = TableStyle {
        color: config.color,
        width: u16::try_from(terminal_width()).unwrap_or(100),
        today: config.today,
        progress: !config.progress_dirs.is_empty(),
    };
    due::write(out, args.format.into(), &items, style)?;
    let empty = report_empty(items.len(), "deadlines", err)?;
    drop(items);
    Ok(report_left_out(&repo, err)?.max(empty))
}
