//! Rules about who is named: every body must be in the registry, every
//! jurisdiction known, and no plan may hand a task to a body already gone.

use std::collections::HashMap;

use crate::diagnostic::{Code, Diagnostic};
use crate::model::{Located, Plan};
use crate::names::suggestions;
use crate::registry::Registry;

pub fn check(plans: &[Plan], registry: &Registry, out: &mut Vec<Diagnostic>) {
    // Suggestions rank every registry name: work them out once per
    // unknown spelling, not once per occurrence.
    let mut helps: HashMap<&str, String> = HashMap::new();
    for plan in plans {
        jurisdiction(plan, registry, out);
        let names = plan.issuer.iter().chain(
            plan.tasks
                .iter()
                .flat_map(|t| t.lead.iter().chain(&t.support).chain(&t.report_to)),
        );
        for name in names {
            known_org(plan, name, registry, &mut helps, out);
        }
        dissolved_leads(plan, registry, out);
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
    name: &'p Located<String>,
    registry: &Registry,
    helps: &mut HashMap<&'p str, String>,
    out: &mut Vec<Diagnostic>,
) {
    if registry.lookup(&name.value).is_some() {
        return;
    }
    let help = helps
        .entry(&name.value)
        .or_insert_with(|| unknown_org_help(&name.value, registry))
        .clone();
    out.push(
        Diagnostic::new(
            Code::UnknownOrg,
            &plan.file,
            name.span.clone(),
            format!("organisation `{}` is not in the registry", name.value),
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

fn dissolved_leads(plan: &Plan, registry: &Registry, out: &mut Vec<Diagnostic>) {
    let Some(assigned) = plan
        .issued
        .as_ref()
        .map(|i| i.value.latest())
        .or(plan.period.as_ref().map(|p| p.value.from))
    else {
        return;
    };
    for lead in plan.tasks.iter().flat_map(|t| &t.lead) {
        let Some(org) = registry.lookup(&lead.value) else {
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
