//! `gplan due`: every deadline in a window, from every plan.

use std::io::Write;

use rayon::prelude::*;

use crate::cli::DueArgs;
use crate::commands::{
    first_of_each_id, first_plans, jurisdiction_id, org_query, plan_id, report_empty,
    report_left_out, RunError,
};
use crate::config::Config;
use crate::query::due::{occurrences, Schedule};
use crate::query::{Filter, Window};
use crate::render::due::{self, TableStyle};
use crate::render::terminal;
use crate::repo::Repo;

/// Runs the command; returns the exit code.
pub fn run(
    config: &Config,
    args: &DueArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<u8, RunError> {
    let (after, before) = match (args.within, args.after, args.before) {
        (Some(within), ..) => (Some(config.today), Some(within.end(config.today))),
        (None, None, None) => (Some(config.today), None),
        (None, after, before) => (after, before),
    };
    let window = Window { after, before };
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
                let tasks = std::mem::take(&mut plan.tasks);
                let schedule = Schedule::new(&plan, tasks, &filter);
                (Some(plan), schedule)
            })?;
            (repo, Some(schedules))
        }
    };
    let duplicates = first_plans(&mut repo);
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
        jurisdiction: match &args.jurisdiction {
            Some(typed) => Some(jurisdiction_id(&repo, typed)?),
            None => None,
        },
        window,
    };
    let schedules: Vec<Schedule> = match schedules {
        Some(schedules) => first_of_each_id(schedules, |s| (&s.plan.id, &s.plan.file)).0,
        None => repo
            .plans
            .par_iter()
            .map(|plan| Schedule::of(plan, &filter))
            .collect(),
    };
    let columns = |text: &str| textwrap::core::display_width(text);
    let headings = schedules.iter().map(|s| &s.plan);
    let style = TableStyle {
        color: config.color,
        width: terminal::width(),
        today: config.today,
        plan_width: headings
            .clone()
            .flat_map(|h| [Some(&*h.id), h.number.as_deref()])
            .flatten()
            .map(columns)
            .max()
            .unwrap_or(0),
        jurisdiction_width: headings
            .filter_map(|h| h.jurisdiction.as_deref())
            .map(columns)
            .max()
            .unwrap_or(0),
    };
    let items = occurrences(&schedules, &filter);
    let found = due::write(out, args.format.into(), items, style)?;
    let empty = report_empty(found, "deadlines", err)?;
    Ok(report_left_out(&repo, &duplicates, err)?.max(empty))
}
