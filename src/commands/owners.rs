//! `gplan owners`: what each body owes, across plans and scopes.

use std::io::Write;

use crate::cli::OwnersArgs;
use std::sync::OnceLock;

use crate::commands::{
    first_of_each_id, first_plans, jurisdiction_id, load_for_owner, org_query, place_id,
    report_empty, report_left_out, Duplicate, RunError,
};
use crate::config::Config;
use crate::query::owners::{next_assignments, Counts, Reach};
use crate::query::place::{place, Place};
use crate::query::{Filter, Window};
use crate::registry::{OrgQuery, Registry};
use crate::render::owners::{write_duties, write_summary, Scopes};
use crate::render::terminal;
use crate::repo::Repo;

/// Runs the command; returns the exit code.
pub fn run(
    config: &Config,
    args: &OwnersArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<u8, RunError> {
    super::reversed_window(args.after, args.before)?;
    let (repo, duplicates, found) = match &args.name {
        Some(name) => listing(config, args, name, out, err)?,
        None => counted(config, args, out, err)?,
    };
    let empty = report_empty(found, "duties", err)?;
    Ok(report_left_out(&repo, &duplicates, err)?.max(empty))
}

/// What the options keep, for a query of `owner` in `jurisdiction` (an id).
fn filter<'r>(
    config: &Config,
    args: &OwnersArgs,
    owner: Option<OrgQuery<'r>>,
    jurisdiction: Option<String>,
) -> Filter<'r> {
    let window = match args.within {
        Some(within) => Window {
            after: Some(config.today),
            before: Some(within.end(config.today)),
        },
        None => Window {
            after: args.after,
            before: args.before,
        },
    };
    Filter {
        owner,
        role: args.role.map(Into::into),
        plan: None,
        jurisdiction,
        window,
    }
}

fn reach(config: &Config, args: &OwnersArgs) -> Reach {
    Reach {
        today: config.today,
        groups: !args.no_groups,
    }
}

/// With NAME: every duty of the bodies it means; returns what was loaded
/// and how many duties were found.
fn listing(
    config: &Config,
    args: &OwnersArgs,
    name: &str,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<(Repo, Vec<Duplicate>, usize), RunError> {
    let (mut repo, written) = load_for_owner(config, name, |_, _, reached| reached)?;
    let duplicates = first_plans(&mut repo);
    let query = org_query(&repo, &written, name)?;
    let jurisdiction = match &args.jurisdiction {
        Some(typed) => Some(jurisdiction_id(&repo, typed)?),
        None => None,
    };
    let handed_over = handed_over(repo.registry.as_ref(), &query, args);
    let filter = filter(config, args, Some(query), jurisdiction);
    let registry = repo.registry.as_ref();
    let found = next_assignments(&repo.plans, registry, &filter, reach(config, args));
    let format = args.format.into();
    let scopes = Scopes::new(registry);
    write_duties(
        out,
        format,
        &found,
        config.today,
        terminal::width(),
        &scopes,
    )?;
    for line in &handed_over {
        writeln!(err, "{line}")?;
    }
    // An empty answer that says where the duties went is an answer.
    let count = found.len() + handed_over.len();
    drop(filter);
    Ok((repo, duplicates, count))
}

/// Without NAME: one row per body and scope; returns what was loaded and
/// how many rows were written.
fn counted(
    config: &Config,
    args: &OwnersArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<(Repo, Vec<Duplicate>, usize), RunError> {
    let mut summary = summary(config, args, None)?;
    if let Some(typed) = args.jurisdiction.as_deref() {
        let resolved = place_id(typed, summary.place(typed))?;
        // Counting went by the registry's places; a place only plans
        // name (by a spelling other than its id) is counted again, now
        // that its id is known.
        if summary.counted_for.as_deref() != Some(resolved.as_str()) {
            summary = self::summary(config, args, Some(resolved))?;
        }
    }
    let rows = summary.counts.rows();
    let scopes = Scopes::new(summary.repo.registry.as_ref());
    let format = args.format.into();
    write_summary(out, format, &rows, terminal::width(), &scopes)?;
    if summary.ended > 0 {
        writeln!(
            err,
            "note: left out {} whose period ended before {}; --all shows them",
            plural(summary.ended, "plan"),
            config.today
        )?;
    }
    Ok((summary.repo, summary.duplicates, rows.len()))
}

/// The summary without NAME, as counted.
struct Summary {
    repo: Repo,
    duplicates: Vec<Duplicate>,
    counts: Counts,
    /// The plans left out because their period ended before today.
    ended: usize,
    /// The jurisdiction the counts were filtered by.
    counted_for: Option<String>,
    /// The jurisdiction of every plan counted.
    places: Vec<String>,
}

impl Summary {
    /// What a typed `--jurisdiction` means among the registry's places
    /// and those of the plans.
    fn place(&self, typed: &str) -> Place {
        let written = self.places.iter().map(String::as_str);
        place(typed, self.repo.registry.as_ref(), written)
    }
}

/// Counts each plan as it is loaded and lets it go: only the counts are
/// needed. Without `--all`, plans whose period ended before today are
/// left out. `jurisdiction` is the place to count for when it is known;
/// otherwise what was typed is resolved against the registry.
fn summary(
    config: &Config,
    args: &OwnersArgs,
    jurisdiction: Option<String>,
) -> Result<Summary, RunError> {
    let reach = reach(config, args);
    let resolved: OnceLock<Filter> = OnceLock::new();
    let (repo, counts) = Repo::load_each(config, |plan, _, registry, _| {
        let filter = resolved.get_or_init(|| {
            let typed = args.jurisdiction.as_deref();
            let place = jurisdiction.clone().or_else(|| {
                typed.map(|t| match place(t, registry, []) {
                    Place::Found(id) => id,
                    _ => t.to_owned(),
                })
            });
            filter(config, args, None, place)
        });
        let ended = !args.all && plan.valid_period().is_some_and(|p| p.to < config.today);
        let counts = (!ended).then(|| Counts::of_plan(&plan, registry, filter, reach));
        let place = plan.jurisdiction.map(|j| j.value);
        (None, (plan.id.value, plan.file, place, counts))
    })?;
    let (counted, duplicates) = first_of_each_id(counts, |(id, file, ..)| (id, file));
    let mut total = Counts::default();
    let mut ended = 0;
    let mut places = Vec::new();
    for (_, _, place, plan_counts) in counted {
        places.extend(place);
        match plan_counts {
            Some(plan_counts) => total.add(plan_counts),
            None => ended += 1,
        }
    }
    let counted_for = resolved.into_inner().and_then(|f| f.jurisdiction);
    Ok(Summary {
        repo,
        duplicates,
        counts: total,
        ended,
        counted_for,
        places,
    })
}

/// "1 plan", "2 plans".
fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("{count} {noun}")
    } else {
        format!("{count} {noun}s")
    }
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
