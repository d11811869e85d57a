//! Values the shell completes (for the command line in `cli`) from the repository in the current folder:
//! organisation names, plan ids and numbers, jurisdictions. They are read
//! each time TAB is pressed, so they follow the plans as they change.
//! Nothing here may fail loudly: a folder that is not a repository simply
//! completes nothing.

use std::collections::BTreeSet;

use chrono::Local;
use clap_complete::engine::CompletionCandidate;

use crate::config::{repository_root, Config};
use crate::query::owners::written_names;
use crate::repo::Repo;

/// The repository found from the current folder, loaded whole.
fn current_repo() -> Option<Repo> {
    let root = repository_root(None).ok()?;
    let config = Config::new(&root.path, Local::now().date_naive(), false).ok()?;
    Repo::load(&config).ok()
}

fn candidates(values: BTreeSet<String>) -> Vec<CompletionCandidate> {
    values.into_iter().map(CompletionCandidate::new).collect()
}

/// Registry names (canonical and short) and every name the plans write.
pub fn organisations() -> Vec<CompletionCandidate> {
    let Some(repo) = current_repo() else {
        return Vec::new();
    };
    let mut names: BTreeSet<String> = written_names(&repo.plans).map(str::to_owned).collect();
    if let Some(registry) = &repo.registry {
        for org in &registry.orgs {
            names.insert(org.name.clone());
            names.extend(org.short.clone());
        }
    }
    candidates(names)
}

/// Plan ids and document numbers.
pub fn plans() -> Vec<CompletionCandidate> {
    let Some(repo) = current_repo() else {
        return Vec::new();
    };
    let mut refs = BTreeSet::new();
    for plan in &repo.plans {
        refs.insert(plan.id.value.clone());
        refs.extend(plan.number.as_ref().map(|n| n.value.clone()));
    }
    candidates(refs)
}

/// Jurisdiction ids of the registry and of the plans.
pub fn jurisdictions() -> Vec<CompletionCandidate> {
    let Some(repo) = current_repo() else {
        return Vec::new();
    };
    let mut ids: BTreeSet<String> = repo
        .plans
        .iter()
        .filter_map(|p| p.jurisdiction.as_ref().map(|j| j.value.clone()))
        .collect();
    if let Some(registry) = &repo.registry {
        ids.extend(registry.jurisdictions.keys().cloned());
    }
    candidates(ids)
}
