//! `gplan due`: every deadline in a window, from every plan.

use std::io::Write;

use rayon::prelude::*;

use crate::cli::{DueArgs, DueFormat};
use crate::commands::{
    first_of_each_id, first_plans, jurisdiction_id, org_query, plan_id, report_empty,
    report_left_out, RunError,
};
use crate::config::{Config, UsageError};
use crate::model::{Name, Plan};
use crate::progress::Progress;
use crate::query::due::{occurrences, Deliveries, Schedule};
use crate::query::{Filter, Window};
use crate::render::due::{self, Output, TableStyle};
use crate::render::terminal;
use crate::repo::Repo;

/// Runs the command; returns the exit code.
pub fn run(
    config: &Config,
    args: &DueArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<u8, RunError> {
    format_options(args)?;
    super::reversed_window(args.after, args.before)?;
    let (after, before) = match (args.within, args.after, args.before) {
        (Some(within), ..) => (Some(config.today), Some(within.end(config.today))),
        (None, None, None) => (Some(config.today), None),
        (None, after, before) => (after, before),
    };
    let window = Window { after, before };
    // Progress files are read while the plans load, as `check` does.
    let (loaded, progress) = rayon::join(|| load(config, args, window), || Progress::read(config));
    let Loaded {
        mut repo,
        schedules,
        written,
    } = loaded?;
    let duplicates = first_plans(&mut repo);
    // Progress files are read like plan files: a file with errors is
    // named on stderr and makes the answer incomplete (exit 1). Only the
    // index is kept: the reports are let go before the listing is written.
    let deliveries = Deliveries::new(&progress.into_repo(&mut repo).reports, config.today);
    let filter = Filter {
        owner: match &args.owner {
            Some(name) => Some(org_query(&repo, &written, name)?),
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
    let width = terminal::width().filter(|_| args.format == DueFormat::Table);
    let style = table_style(config, width, &schedules, &filter);
    let output = Output {
        today: config.today,
        registry: repo.registry.as_ref(),
        bom: args.bom,
        reminder: args.alarm,
    };
    let today = config.today;
    let items = occurrences(&schedules, &filter)
        .reading(&deliveries)
        .filter(|item| !args.open || item.standing(today).is_open());
    let found = due::write(out, args.format.into(), items, style, output)?;
    let empty = report_empty(found, "deadlines", err)?;
    let code = report_left_out(&repo, &duplicates, err)?.max(empty);
    super::free_in_background((repo, schedules, deliveries));
    Ok(code)
}

/// The table's style: on a terminal (`width`), its columns sized from
/// the plans and duties with a deadline listed (what `--plan` and
/// `--jurisdiction` leave, with one in the window), never from the rows,
/// which are not held.
fn table_style(
    config: &Config,
    width: Option<usize>,
    schedules: &[Schedule],
    filter: &Filter,
) -> TableStyle {
    let listed = |s: &&Schedule| {
        width.is_some()
            && !s.duties().is_empty()
            && filter.keeps_plan(&s.plan.id, s.plan.jurisdiction.as_deref())
    };
    let columns = |text: &str| textwrap::core::display_width(text);
    let listed = schedules.iter().filter(listed);
    let headings = listed.clone().map(|s| &s.plan);
    let widest = |texts: &mut dyn Iterator<Item = &str>| texts.map(columns).max().unwrap_or(0);
    TableStyle {
        color: config.color,
        width,
        today: config.today,
        plan_width: widest(
            &mut headings
                .clone()
                .flat_map(|h| [Some(&*h.id), h.number.as_deref()])
                .flatten(),
        ),
        jurisdiction_width: widest(&mut headings.filter_map(|h| h.jurisdiction.as_deref())),
        name_word_width: widest(
            &mut listed
                .flat_map(|s| s.duties())
                .flat_map(|d| d.lead().iter().chain(d.support()))
                .flat_map(|name| name.split_whitespace()),
        ),
    }
}

/// What `due` loads.
struct Loaded {
    repo: Repo,
    /// Each plan's schedule, made as it was loaded (without `--owner`).
    schedules: Option<Vec<Schedule>>,
    /// With `--owner`, the body names of the tasks the plans no longer
    /// keep (see [`super::load_for_owner`]).
    written: Vec<Name>,
}

/// The plans, and unless `--owner` is given, each plan's schedule, made as
/// the plan is loaded.
fn load(config: &Config, args: &DueArgs, window: Window) -> Result<Loaded, UsageError> {
    Ok(match &args.owner {
        // Each plan keeps the tasks that can concern the body; the name is
        // matched once every plan is loaded.
        Some(name) => {
            let (repo, written) = super::load_for_owner(config, name, |_, _, reached| reached)?;
            Loaded {
                repo,
                schedules: None,
                written,
            }
        }
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
                (Some(findable(plan)), schedule)
            })?;
            Loaded {
                repo,
                schedules: Some(schedules),
                written: Vec::new(),
            }
        }
    })
}

/// What `due` keeps of a plan beside its schedule: what `--plan` and
/// `--jurisdiction` find plans by (id, number, jurisdiction) and what
/// names it in a message (file). Its targets, references, recipients and
/// notes are let go as it is loaded: 20 MB of the 10,000-plan corpus.
fn findable(plan: Plan) -> Plan {
    Plan {
        implements: Vec::new(),
        cites: Vec::new(),
        signer: None,
        recipients: Vec::new(),
        funding: None,
        note: None,
        targets: Vec::new(),
        tasks: Vec::new(),
        ..plan
    }
}

/// `--alarm` and `--bom` belong to one format each: given with another,
/// they would be silently ignored.
fn format_options(args: &DueArgs) -> Result<(), UsageError> {
    if args.alarm.is_some() && args.format != DueFormat::Ics {
        return Err(UsageError("--alarm is for --format ics".to_owned()));
    }
    if args.bom && args.format != DueFormat::Csv {
        return Err(UsageError("--bom is for --format csv".to_owned()));
    }
    Ok(())
}
