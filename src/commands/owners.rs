//! `gplan owners`: what each body owes, across plans and scopes.

use std::io::Write;

use crate::cli::OwnersArgs;
use crate::commands::{
    first_of_each_id, first_plans, org_query, report_empty, report_left_out, RunError,
};
use crate::config::Config;
use crate::query::owners::{next_assignments, Counts, Reach};
use crate::query::{Filter, Window};
use crate::registry::{OrgQuery, Registry};
use crate::render::owners::{write_duties, write_summary};
use crate::render::terminal;
use crate::repo::Repo;

/// Runs the command; returns the exit code.
pub fn run(
    config: &Config,
    args: &OwnersArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<u8, RunError> {
    let width = terminal::width();
    let filter = |owner| Filter {
        owner,
        role: args.role.map(Into::into),
        plan: None,
        jurisdiction: args.jurisdiction.clone(),
        window: match args.within {
            Some(within) => Window {
                after: Some(config.today),
                before: Some(within.end(config.today)),
            },
            None => Window {
                after: args.after,
                before: args.before,
            },
        },
    };
    let reach = Reach {
        today: config.today,
        groups: !args.no_groups,
    };
    let (repo, duplicates, found) = match &args.name {
        Some(name) => {
            let mut repo = Repo::load(config)?;
            let duplicates = first_plans(&mut repo);
            let query = org_query(&repo, name)?;
            let handed_over = handed_over(repo.registry.as_ref(), &query, args);
            let filter = filter(Some(query));
            let found = next_assignments(&repo.plans, repo.registry.as_ref(), &filter, reach);
            write_duties(out, args.format.into(), &found, config.today, width)?;
            for line in &handed_over {
                writeln!(err, "{line}")?;
            }
            // An empty answer that says where the duties went is an answer.
            let count = found.len() + handed_over.len();
            drop(filter);
            (repo, duplicates, count)
        }
        None => {
            // Without NAME only the counts are needed: each plan is counted
            // as it is loaded and let go.
            let filter = filter(None);
            let (repo, counts) = Repo::load_each(config, |plan, _, registry, _| {
                let counts = Counts::of_plan(&plan, registry, &filter, reach);
                (None, (plan.id.value, plan.file, counts))
            })?;
            let (counts, duplicates) = first_of_each_id(counts, |(id, file, _)| (id, file));
            let mut total = Counts::default();
            for (_, _, plan_counts) in counts {
                total.add(plan_counts);
            }
            let rows = total.rows();
            write_summary(out, args.format.into(), &rows, width)?;
            (repo, duplicates, rows.len())
        }
    };
    let empty = report_empty(found, "duties", err)?;
    Ok(report_left_out(&repo, &duplicates, err)?.max(empty))
}

/// For each dissolved body the query means, where its duties went, when
/// the dates asked about reach its dissolution: "since 2025-03-01 these
/// duties belong to Sở Nội vụ", then each successor by function.
fn handed_over(registry: Option<&Registry>, query: &OrgQuery, args: &OwnersArgs) -> Vec<String> {
    let Some(registry) = registry else {
        return Vec::new();
    };
    let mut lines = Vec::new();
    for org in query.keys().filter_map(|key| registry.lookup(key)) {
        let Some(dissolved) = org.dissolved else {
            continue;
        };
        if org.successors.is_empty() || args.before.is_some_and(|b| b < dissolved) {
            continue;
        }
        let name = terminal_safe(&org.name);
        let mut line = format!("note: {name} was dissolved on {dissolved}");
        if let Some(default) = org.default_successor() {
            let to = terminal_safe(&default.org.value);
            line.push_str(&format!(": since {dissolved} these duties belong to {to}"));
        }
        for by_function in org.successors.iter().filter(|s| !s.is_default()) {
            let quoted: Vec<String> = by_function
                .functions
                .iter()
                .map(|f| format!("\"{}\"", terminal_safe(f)))
                .collect();
            let to = terminal_safe(&by_function.org.value);
            line.push_str(&format!(
                "\n  tasks with function {}: {to}",
                quoted.join(" or ")
            ));
        }
        lines.push(line);
    }
    lines
}

/// Registry text as a terminal may show it: control characters become
/// U+FFFD, so a name cannot move the cursor or change colours.
fn terminal_safe(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() {
                char::REPLACEMENT_CHARACTER
            } else {
                c
            }
        })
        .collect()
}
