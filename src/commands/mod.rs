//! One module per subcommand: each loads what it needs, asks the library,
//! renders, and returns the exit code.

pub mod check;
pub mod docs;
pub mod due;
pub mod fmt;
pub mod new;
pub mod owners;
pub mod plans;
pub mod rules;
pub mod site;
pub mod status;

use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};
use std::io::{self, Write};
use std::sync::OnceLock;

use chrono::NaiveDate;

use crate::config::Config;
use crate::config::UsageError;
use crate::diagnostic::Severity;
use crate::exit;
use crate::model::{Name, Plan, Task};
use crate::query::owners::written_names;
use crate::query::owners::Reaching;
use crate::query::place::{place, Place};
use crate::registry::OrgQuery;
use crate::render::terminal::escape;
use crate::repo::Repo;
use crate::resolve::{compact_number, Index, PlanRef};
use crate::suggest::suggestions;

/// Lets go of what a command loaded on a thread of its own, and returns
/// at once: the command's answer is written while the memory is freed.
/// A national repository is half a million small allocations; freeing
/// them one by one on the thread that answers was 6% of `check`'s time.
/// When the process ends first, the system takes the memory back whole.
pub fn free_in_background<T: Send + 'static>(loaded: T) {
    std::thread::spawn(move || drop(loaded));
}

/// Why a command could not run to the end.
#[derive(Debug)]
pub enum RunError {
    Usage(UsageError),
    /// A query that matched nothing: exit 1, with this explanation.
    NoMatch(String),
    Io(io::Error),
}

impl From<UsageError> for RunError {
    fn from(e: UsageError) -> Self {
        RunError::Usage(e)
    }
}

impl From<io::Error> for RunError {
    fn from(e: io::Error) -> Self {
        RunError::Io(e)
    }
}

/// A plan file a query leaves out because an earlier file has its id (a
/// copy, a draft: `check` reports `duplicate-plan-id`). A query that kept
/// both would list every deadline twice and give a calendar UID twice.
#[derive(Debug)]
pub struct Duplicate {
    pub file: String,
    pub id: String,
    /// The file whose plan is kept: the first with that id in path order.
    pub kept: String,
}

/// Keeps the first of `items` with each plan id, in their order (the
/// walk's, by path: the same whatever the file system's order), and says
/// which files were left out. `plan` gives an item's plan id and file.
pub fn first_of_each_id<T>(
    items: Vec<T>,
    plan: impl Fn(&T) -> (&str, &str),
) -> (Vec<T>, Vec<Duplicate>) {
    let mut seen: HashMap<String, String> = HashMap::new();
    let mut duplicates = Vec::new();
    let mut kept = Vec::with_capacity(items.len());
    for item in items {
        let (id, file) = plan(&item);
        match seen.get(id) {
            Some(first) => duplicates.push(Duplicate {
                file: file.to_owned(),
                id: id.to_owned(),
                kept: first.clone(),
            }),
            None => {
                seen.insert(id.to_owned(), file.to_owned());
                kept.push(item);
            }
        }
    }
    (kept, duplicates)
}

/// [`first_of_each_id`] on the loaded plans.
pub fn first_plans(repo: &mut Repo) -> Vec<Duplicate> {
    let (plans, duplicates) = first_of_each_id(std::mem::take(&mut repo.plans), |p| {
        (p.id.value.as_str(), p.file.as_str())
    });
    repo.plans = plans;
    duplicates
}

/// For queries: names on stderr every file that could not be loaded or
/// was left out as a duplicate, and every plan loaded only in part (an
/// error in a field drops that field, e.g. a malformed `due`), and gives
/// the exit code: 1 when answers may be missing.
pub fn report_left_out(
    repo: &Repo,
    duplicates: &[Duplicate],
    err: &mut dyn Write,
) -> io::Result<u8> {
    for d in duplicates {
        writeln!(
            err,
            "warning: left out {}: its plan id `{}` is the id of {} (run `gplan check` for details)",
            escape(&d.file),
            escape(&d.id),
            escape(&d.kept)
        )?;
    }
    for file in &repo.broken {
        writeln!(
            err,
            "warning: left out {}: it could not be loaded (run `gplan check` for details)",
            escape(file)
        )?;
    }
    let partial: BTreeSet<&str> = repo
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error && !repo.broken.contains(&d.file))
        .map(|d| d.file.as_str())
        .collect();
    for file in &partial {
        writeln!(
            err,
            "warning: {} has errors; what they affect is left out (run `gplan check` for details)",
            escape(file)
        )?;
    }
    let complete = repo.broken.is_empty() && partial.is_empty() && duplicates.is_empty();
    Ok(if complete {
        exit::SUCCESS
    } else {
        exit::FAILURE
    })
}

/// `--after` later than `--before`: no day is in both, so the answer
/// would be empty whatever the plans hold. The two were swapped, and an
/// empty answer would pass for good news.
pub fn reversed_window(
    after: Option<NaiveDate>,
    before: Option<NaiveDate>,
) -> Result<(), UsageError> {
    match (after, before) {
        (Some(after), Some(before)) if after > before => Err(UsageError(format!(
            "--after {after} is later than --before {before}, so no day is in both; swap them: --after {before} --before {after}"
        ))),
        _ => Ok(()),
    }
}

/// For queries: an empty answer is good news (nothing due), exit 0; it is
/// said on stderr so a script reading stdout still gets valid output. A
/// name that matches nothing is another matter: see [`org_query`].
pub fn report_empty(found: usize, what: &str, err: &mut dyn Write) -> io::Result<u8> {
    if found == 0 {
        writeln!(err, "no {what} match")?;
    }
    Ok(exit::SUCCESS)
}

/// The repository for a listing of what the bodies `name` means owe, and
/// every body name its tasks write. Each plan keeps only the tasks `keep`
/// keeps, told whether the task can concern those bodies (see
/// [`Reaching`]), so the listing stays small on a national repository.
/// A name the registry gives is known before the plans are read; any
/// other text is matched against every name written once all are read,
/// and until then a task is kept when any name it writes may match.
pub fn load_for_owner(
    config: &Config,
    name: &str,
    keep: impl Fn(&Plan, &Task, bool) -> bool + Sync,
) -> Result<(Repo, Vec<Name>), UsageError> {
    let reaching: OnceLock<Reaching> = OnceLock::new();
    let (repo, written) = Repo::load_each(config, |mut plan, _, registry, _| {
        let reaching = reaching.get_or_init(|| {
            registry
                .and_then(|r| Some(Reaching::new(&OrgQuery::of_registry_name(name, r)?, r)))
                .unwrap_or_else(|| Reaching::typed(name, registry))
        });
        let written: BTreeSet<Name> = plan
            .tasks
            .iter()
            .flat_map(|t| t.names().map(|n| n.value.clone()))
            .collect();
        reaching.keep_tasks(&mut plan, registry, &keep);
        (Some(plan), written)
    })?;
    Ok((repo, written.into_iter().flatten().collect()))
}

/// The bodies a typed name means, or exit 1 with the three closest names.
/// `written` holds the names written by tasks the plans no longer keep
/// (see [`load_for_owner`]).
pub fn org_query<'r>(
    repo: &'r Repo,
    written: &[Name],
    name: &str,
) -> Result<OrgQuery<'r>, RunError> {
    let registry = repo.registry.as_ref();
    let all_written = || written_names(&repo.plans).chain(written.iter().map(|n| &**n));
    OrgQuery::new(name, registry, all_written()).ok_or_else(|| {
        if let Some((body, place)) = body_and_place(repo, written, name) {
            return RunError::NoMatch(format!(
                "`{}` matches no organisation; did you mean `{}` with `--jurisdiction {}`?",
                escape(name),
                escape(body),
                escape(&place)
            ));
        }
        let mut names: Vec<&str> = registry
            .map(|r| r.orgs.iter().flat_map(|o| o.all_names()).collect())
            .unwrap_or_default();
        names.extend(all_written());
        let hint = did_you_mean_hint(name, &suggestions(name, names, 3));
        RunError::NoMatch(format!("`{}` matches no organisation{hint}", escape(name)))
    })
}

/// The most words a place's name is read from (see [`body_and_place`]).
const PLACE_WORDS: usize = 6;

/// The longest text read as a body's name and a place, in bytes: the
/// longest names of bodies and places together are under half of it.
const LONGEST_BODY_AND_PLACE: usize = 400;

/// A body's name followed by a place ("Sở Nội vụ tỉnh Hưng Yên"), as
/// the staff write a body of their province: the name, and the id of the
/// jurisdiction, when the name alone matches a body and the rest names
/// one jurisdiction.
fn body_and_place<'n>(repo: &Repo, written: &[Name], name: &'n str) -> Option<(&'n str, String)> {
    if name.len() > LONGEST_BODY_AND_PLACE {
        return None;
    }
    let registry = repo.registry.as_ref();
    let jurisdictions = || {
        repo.plans
            .iter()
            .filter_map(|p| p.jurisdiction.as_ref().map(|j| j.value.as_str()))
    };
    let body_names = || written_names(&repo.plans).chain(written.iter().map(|n| &**n));
    // A place is a few words ("thành phố Hồ Chí Minh"): only the last few
    // spaces are tried, however long the name.
    let spaces: Vec<usize> = name
        .rmatch_indices(' ')
        .map(|(at, _)| at)
        .take(PLACE_WORDS)
        .collect();
    spaces.into_iter().rev().find_map(|at| {
        let (body, rest) = (name[..at].trim(), name[at..].trim());
        let Place::Found(id) = place(rest, registry, jurisdictions()) else {
            return None;
        };
        OrgQuery::new(body, registry, body_names()).map(|_| (body, id))
    })
}

/// The id of the plan a typed reference means: an id, or a document number
/// only one plan has. Ambiguous or unknown references are exit 1 with the
/// candidates or the closest ids.
pub fn plan_id(repo: &Repo, reference: &str) -> Result<String, RunError> {
    let index = Index::new(&repo.plans).with_catalogue(repo.catalogue.as_ref());
    match index.plan(reference) {
        PlanRef::Found(i) => Ok(index.plans[i].id.value.clone()),
        PlanRef::Ambiguous(candidates) => {
            let ids: Vec<String> = candidates
                .iter()
                .map(|&c| {
                    let plan = &index.plans[c];
                    format!("  {}  ({})", escape(&plan.id.value), escape(&plan.file))
                })
                .collect();
            Err(RunError::NoMatch(format!(
                "document number `{}` matches {} plans; name one by id:\n{}",
                escape(reference),
                candidates.len(),
                ids.join("\n")
            )))
        }
        PlanRef::Outside(i) => {
            let catalogue = repo.catalogue.as_ref().map_or("", |c| c.file.as_str());
            let line = repo.catalogue.as_ref().map_or(0, |c| c.documents[i].line);
            Err(RunError::NoMatch(format!(
                "`{reference}` is an outside document ({catalogue}:{line}), not a plan of the repository"
            )))
        }
        PlanRef::Missing => {
            let mut close = partial_matches(&index, reference);
            for id in suggestions(reference, index.ids(), 3) {
                if !close.contains(&id) {
                    close.push(id);
                }
            }
            let hint = did_you_mean_hint(reference, &close);
            Err(RunError::NoMatch(format!(
                "no plan has the id or number `{}`{hint}",
                escape(reference)
            )))
        }
    }
}

/// At most this many plans are suggested for a part of their number or id.
const PARTIAL_MATCHES: usize = 5;

/// The numbers and ids that hold what was typed ("01/BVSTBPN" for
/// `01/BVSTBPN-VP`), those that start with it first, each in plan order;
/// compared without spaces and case.
fn partial_matches<'p>(index: &Index<'p>, typed: &str) -> Vec<&'p str> {
    let typed = compact_number(typed).to_lowercase();
    if typed.is_empty() {
        return Vec::new();
    }
    let names = || {
        index.plans.iter().flat_map(|p| {
            p.number
                .as_ref()
                .map(|n| n.value.as_str())
                .into_iter()
                .chain([p.id.value.as_str()])
        })
    };
    let holds = |name: &str, start: bool| {
        let name = compact_number(name).to_lowercase();
        if start {
            name.starts_with(&typed)
        } else {
            name.contains(&typed) && !name.starts_with(&typed)
        }
    };
    let mut found: Vec<&str> = Vec::new();
    for start in [true, false] {
        for name in names().filter(|n| holds(n, start)) {
            if found.len() == PARTIAL_MATCHES {
                return found;
            }
            if !found.contains(&name) {
                found.push(name);
            }
        }
    }
    found
}

/// The jurisdiction id a typed `--jurisdiction` means: an id of the
/// registry or of a plan, or a name in any spelling. Unknown or ambiguous
/// places are exit 1 with the closest ids or the candidates.
pub fn jurisdiction_id(repo: &Repo, typed: &str) -> Result<String, RunError> {
    let written = repo
        .plans
        .iter()
        .filter_map(|p| p.jurisdiction.as_ref().map(|j| j.value.as_str()));
    place_id(typed, place(typed, repo.registry.as_ref(), written))
}

/// The id of a resolved place, or the error that says why there is none.
pub fn place_id(typed: &str, found: Place) -> Result<String, RunError> {
    match found {
        Place::Found(id) => Ok(id),
        Place::Ambiguous(ids) => {
            let ids: Vec<String> = ids.iter().map(|id| format!("`{}`", escape(id))).collect();
            Err(RunError::NoMatch(format!(
                "`{}` names {} jurisdictions: {}; type one of these ids",
                escape(typed),
                ids.len(),
                ids.join(", ")
            )))
        }
        Place::Missing(close) => {
            let close: Vec<&str> = close.iter().map(String::as_str).collect();
            let hint = did_you_mean_hint(typed, &close);
            Err(RunError::NoMatch(format!(
                "`{}` matches no jurisdiction{hint}",
                escape(typed)
            )))
        }
    }
}

/// "; did you mean `a`, `b`?" for an error line, or nothing.
fn did_you_mean_hint(written: &str, close: &[&str]) -> String {
    let close: Vec<Cow<str>> = close.iter().map(|name| escape(name)).collect();
    let close: Vec<&str> = close.iter().map(|name| &**name).collect();
    crate::rules::did_you_mean_for(&escape(written), &close)
        .map(|hint| format!("; {hint}"))
        .unwrap_or_default()
}
