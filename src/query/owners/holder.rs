//! Who holds a duty: the body and scope a written name means, and where
//! the duty went after a dissolution or a merger, on a given day.

use super::*;

/// The body and scope a name in a plan means.
pub(super) fn holder(registry: Option<&Registry>, plan: &Plan, written: &str) -> Holder {
    let jurisdiction = plan.jurisdiction.as_ref().map(|j| j.value.as_str());
    let org = registry.and_then(|r| r.lookup_at(written, jurisdiction));
    let name = org.map_or_else(|| written.to_owned(), |o| o.name.clone());
    let level = org.map(|o| o.level);
    Holder {
        org: name.into(),
        scope: scope(registry, plan, level).into(),
    }
}

/// Scope per the registry level: `vn` for national bodies, the issuer for
/// units ("Văn phòng Sở" is the office of the Sở that issued the plan),
/// the plan's jurisdiction (else its issuer) for everything else.
fn scope(registry: Option<&Registry>, plan: &Plan, level: Option<OrgLevel>) -> String {
    let jurisdiction = plan.jurisdiction.as_ref().map(|j| j.value.clone());
    let issuer = || {
        let written = plan.issuer.as_ref().map_or("", |i| i.value.as_str());
        let at = plan.jurisdiction.as_ref().map(|j| j.value.as_str());
        registry
            .and_then(|r| r.lookup_at(written, at))
            .map_or_else(|| written.to_owned(), |o| o.name.clone())
    };
    match level {
        Some(OrgLevel::Nation) => "vn".to_owned(),
        Some(OrgLevel::Unit) => match jurisdiction {
            Some(j) => format!("{j}/{}", issuer()),
            None => issuer(),
        },
        _ => jurisdiction.unwrap_or_else(issuer),
    }
}

/// Who holds a duty of `function` on `day`: follows dissolutions to the
/// successor that took the function (else the default) and
/// merged jurisdictions to the province they merged into, transitively.
/// Each holder is visited once, so a cycle in the registry (reported by
/// `check` as `registry-cycle`) ends the walk at its last new holder
/// instead of looping, and a chain of any length is followed to its end.
pub(super) fn holder_on(
    registry: Option<&Registry>,
    plan: &Plan,
    original: &Holder,
    function: Option<&str>,
    day: NaiveDate,
) -> Holder {
    let Some(registry) = registry else {
        return original.clone();
    };
    let mut current = original.clone();
    let mut seen = HashSet::from([current.clone()]);
    while let Some(next) = next_holder(registry, plan, &current, function, day) {
        if !seen.insert(next.clone()) {
            break;
        }
        current = next;
    }
    current
}

/// The holder one step on from `current` on `day`: the successor of a
/// body dissolved by then, in the province its jurisdiction merged into by
/// then; `None` when neither changed.
fn next_holder(
    registry: &Registry,
    plan: &Plan,
    current: &Holder,
    function: Option<&str>,
    day: NaiveDate,
) -> Option<Holder> {
    let mut next = current.clone();
    if let Some(org) = registry.lookup(&current.org) {
        if let (Some(dissolved), Some(successor)) = (org.dissolved, org.successor_for(function)) {
            if day >= dissolved {
                if let Some(to) = registry.lookup(&successor.org.value) {
                    next = Holder {
                        org: to.name.as_str().into(),
                        scope: rescope(&current.scope, to.level, registry, plan).into(),
                    };
                }
            }
        }
    }
    if let Some(j) = registry.jurisdictions.get(&*next.scope) {
        if let (Some(into), Some(on)) = (&j.merged_into, j.merged_on) {
            if day >= on {
                next.scope = into.value.as_str().into();
            }
        }
    }
    (next != *current).then_some(next)
}

fn rescope(scope: &str, level: OrgLevel, registry: &Registry, plan: &Plan) -> String {
    match level {
        OrgLevel::Nation => "vn".to_owned(),
        OrgLevel::Unit => self::scope(Some(registry), plan, Some(level)),
        _ => scope.to_owned(),
    }
}
