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
pub mod status;

use std::collections::BTreeSet;
use std::io::{self, Write};

use crate::config::UsageError;
use crate::diagnostic::Severity;
use crate::exit;
use crate::query::owners::written_names;
use crate::registry::OrgQuery;
use crate::repo::Repo;
use crate::resolve::{Index, PlanRef};
use crate::suggest::suggestions;

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

/// The width to lay output out for: `COLUMNS`, else 100.
pub fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .filter(|&w| w >= 40)
        .unwrap_or(100)
}

/// For queries: names on stderr every file that could not be loaded, and
/// every plan loaded only in part (an error in a field drops that field,
/// e.g. a malformed `due`), and gives the exit code: 1 when answers may be
/// missing.
pub fn report_left_out(repo: &Repo, err: &mut dyn Write) -> io::Result<u8> {
    for file in &repo.broken {
        writeln!(
            err,
            "warning: left out {file}: it could not be loaded (run `gplan check` for details)"
        )?;
    }
    let partial: BTreeSet<&str> = repo
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error && !repo.broken.contains(&d.file))
        .map(|d| d.file.as_str())
        .collect();
    for file in &partial {
        writeln!(err, "warning: {file} has errors; what they affect is left out (run `gplan check` for details)")?;
    }
    let complete = repo.broken.is_empty() && partial.is_empty();
    Ok(if complete {
        exit::SUCCESS
    } else {
        exit::FAILURE
    })
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

/// The bodies a typed name means, or exit 1 with the three closest names.
pub fn org_query<'r>(repo: &'r Repo, name: &str) -> Result<OrgQuery<'r>, RunError> {
    let registry = repo.registry.as_ref();
    OrgQuery::new(name, registry, written_names(&repo.plans)).ok_or_else(|| {
        let mut names: Vec<&str> = registry
            .map(|r| r.orgs.iter().flat_map(|o| o.all_names()).collect())
            .unwrap_or_default();
        names.extend(written_names(&repo.plans));
        let hint = did_you_mean_hint(&suggestions(name, names, 3));
        RunError::NoMatch(format!("`{name}` matches no organisation{hint}"))
    })
}

/// The id of the plan a typed reference means: an id, or a document number
/// only one plan has. Ambiguous or unknown references are exit 1 with the
/// candidates or the closest ids.
pub fn plan_id(repo: &Repo, reference: &str) -> Result<String, RunError> {
    let index = Index::new(&repo.plans);
    match index.plan(reference) {
        PlanRef::Found(i) => Ok(index.plans[i].id.value.clone()),
        PlanRef::Ambiguous(candidates) => {
            let ids: Vec<String> = candidates
                .iter()
                .map(|&c| format!("  {}  ({})", index.plans[c].id.value, index.plans[c].file))
                .collect();
            Err(RunError::NoMatch(format!(
                "document number `{reference}` matches {} plans; name one by id:\n{}",
                candidates.len(),
                ids.join("\n")
            )))
        }
        PlanRef::Missing => {
            let hint = did_you_mean_hint(&suggestions(reference, index.ids(), 3));
            Err(RunError::NoMatch(format!(
                "no plan has the id or number `{reference}`{hint}"
            )))
        }
    }
}

/// "; did you mean `a`, `b`?" for an error line, or nothing.
fn did_you_mean_hint(close: &[&str]) -> String {
    crate::rules::did_you_mean(close)
        .map(|hint| format!("; {hint}"))
        .unwrap_or_default()
}
