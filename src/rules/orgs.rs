//! Rules about who is named: every body must be in the registry, every
//! jurisdiction known, and no plan may hand a task to a body already gone.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Mutex, PoisonError};

use rustc_hash::FxHashMap;

use crate::diagnostic::{Code, Diagnostic};
use crate::model::Plan;
use crate::registry::{Org, Registry};
use crate::suggest::suggestions;

/// The "did you mean" help for each unknown spelling, shared by the
/// threads that check plans: suggestions rank every registry name, so they
/// are worked out once per spelling, not once per occurrence.
#[derive(Default)]
pub struct Helps(Mutex<HashMap<String, String>>);

impl Helps {
    fn get(&self, name: &str, registry: &Registry) -> String {
        let mut helps = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        helps
            .entry(name.to_owned())
            .or_insert_with(|| unknown_org_help(name, registry))
            .clone()
    }
}

/// The names of one plan against the registry.
pub fn check(plan: &Plan, registry: &Registry, helps: &Helps, out: &mut Vec<Diagnostic>) {
    jurisdiction(plan, registry, out);
    let mut orgs = Lookups::new(registry);
    let issuer = plan.issuer.iter().map(|i| (i.value.as_str(), &i.span));
    let names = plan
        .tasks
        .iter()
        .flat_map(|t| t.names().map(|n| (&*n.value, &n.span)));
    for (name, span) in issuer.chain(names) {
        known_org(plan, name, span, &mut orgs, helps, out);
    }
    dissolved_leads(plan, &mut orgs, out);
}

/// Registry lookups for one plan: a plan names the same few bodies in
/// task after task, so each spelling is looked up once (the registry's own
/// cache is shared by every thread and costs a lock).
struct Lookups<'r, 'p> {
    registry: &'r Registry,
    seen: FxHashMap<&'p str, Option<&'r Org>>,
}

impl<'r, 'p> Lookups<'r, 'p> {
    fn new(registry: &'r Registry) -> Self {
        Lookups {
            registry,
            seen: FxHashMap::default(),
        }
    }

    fn get(&mut self, name: &'p str) -> Option<&'r Org> {
        *self
            .seen
            .entry(name)
            .or_insert_with(|| self.registry.lookup(name))
    }
}

fn jurisdiction(plan: &Plan, registry: &Registry, out: &mut Vec<Diagnostic>) {
    let Some(j) = &plan.jurisdiction else { return };
    if registry.jurisdictions.contains_key(&j.value) {
        return;
    }
    let help = match suggestions(
        &j.value,
        registry.jurisdictions.keys().map(String::as_str),
        1,
    )
    .first()
    {
        Some(fix) => {
            format!("did you mean `{fix}`? Otherwise add a `[[jurisdiction]]` to the registry")
        }
        None => "add a `[[jurisdiction]]` with this id to the registry".to_owned(),
    };
    out.push(
        Diagnostic::new(
            Code::UnknownJurisdiction,
            &plan.file,
            j.span.clone(),
            format!("jurisdiction `{}` is not in the registry", j.value),
        )
        .with_label("unknown jurisdiction")
        .with_help(help),
    );
}

fn known_org<'p>(
    plan: &Plan,
    name: &'p str,
    span: &Range<usize>,
    orgs: &mut Lookups<'_, 'p>,
    helps: &Helps,
    out: &mut Vec<Diagnostic>,
) {
    if orgs.get(name).is_some() {
        return;
    }
    let help = helps.get(name, orgs.registry);
    out.push(
        Diagnostic::new(
            Code::UnknownOrg,
            &plan.file,
            span.clone(),
            format!("organisation `{name}` is not in the registry"),
        )
        .with_label("unknown organisation")
        .with_help(help),
    );
}

fn unknown_org_help(name: &str, registry: &Registry) -> String {
    let close = registry.suggest(name, 3);
    if close.is_empty() {
        format!(
            "add it to `{}` (as an `[[org]]` or an alias of one)",
            registry.file
        )
    } else {
        let close: Vec<String> = close.iter().map(|c| format!("`{c}`")).collect();
        format!(
            "did you mean {}? Otherwise add it to `{}`",
            close.join(", "),
            registry.file
        )
    }
}

fn dissolved_leads<'p>(plan: &'p Plan, orgs: &mut Lookups<'_, 'p>, out: &mut Vec<Diagnostic>) {
    let Some(assigned) = plan
        .issued
        .as_ref()
        .map(|i| i.value.latest())
        .or(plan.period.as_ref().map(|p| p.value.from))
    else {
        return;
    };
    for lead in plan.tasks.iter().flat_map(|t| &t.lead) {
        let Some(org) = orgs.get(&lead.value) else {
            continue;
        };
        let Some(dissolved) = org.dissolved.filter(|d| assigned >= *d) else {
            continue;
        };
        let help = match &org.successor {
            Some(successor) => {
                format!(
                    "its duties passed to `{}`: name that body instead",
                    successor.value
                )
            }
            None => "name the body that took over its duties".to_owned(),
        };
        out.push(
            Diagnostic::new(
                Code::DissolvedLead,
                &plan.file,
                lead.span.clone(),
                format!(
                    "`{}` was dissolved on {dissolved}, on or before this plan was issued",
                    org.name
                ),
            )
            .with_label("dissolved body")
            .with_help(help),
        );
    }
}
