//! Who holds a duty: the body and scope a written name means, and where
//! the duty went after a dissolution or a merger, on a given day.

use super::*;

/// The body and scope a name in a plan means.
pub(super) fn holder(registry: Option<&Registry>, plan: &Plan, written: &str) -> Holder {
    let jurisdiction = plan.jurisdiction.as_ref().map(|j| j.value.as_str());
    let org = registry.and_then(|r| r.lookup_at(written, jurisdiction));
    Holder {
        org: org.map_or(written, |o| o.name.as_str()).into(),
        scope: scope(registry, plan, org.map(|o| o.level)),
    }
}

/// Scope per the registry level: `vn` for national bodies, the issuer for
/// units ("Văn phòng Sở" is the office of the Sở that issued the plan),
/// the plan's jurisdiction (else its issuer) for everything else.
fn scope(registry: Option<&Registry>, plan: &Plan, level: Option<OrgLevel>) -> Arc<str> {
    let jurisdiction = plan.jurisdiction.as_ref().map(|j| j.value.as_str());
    let issuer = || {
        let written = plan.issuer.as_ref().map_or("", |i| i.value.as_str());
        registry
            .and_then(|r| r.lookup_at(written, jurisdiction))
            .map_or(written, |o| o.name.as_str())
    };
    match (level, jurisdiction) {
        (Some(OrgLevel::Nation), _) => "vn".into(),
        (Some(OrgLevel::Unit), Some(j)) => format!("{j}/{}", issuer()).into(),
        (Some(OrgLevel::Unit), None) | (_, None) => issuer().into(),
        (_, Some(j)) => j.into(),
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
    if let Some((dissolved, successor)) = succession(registry, plan, current, function) {
        if day >= dissolved {
            next = successor;
        }
    }
    if let Some((on, merged)) = merger(registry, &next) {
        if day >= on {
            next = merged;
        }
    }
    (next != *current).then_some(next)
}

/// The day a holder's body was dissolved and who takes its duties of
/// `function` from then, when the registry names a successor.
fn succession(
    registry: &Registry,
    plan: &Plan,
    current: &Holder,
    function: Option<&str>,
) -> Option<(NaiveDate, Holder)> {
    let org = registry.lookup(&current.org)?;
    let dissolved = org.dissolved?;
    let to = registry.lookup(&org.successor_for(function)?.org.value)?;
    let successor = Holder {
        org: to.name.as_str().into(),
        scope: rescope(&current.scope, to.level, registry, plan),
    };
    Some((dissolved, successor))
}

/// The day a holder's jurisdiction merged, and the holder in the
/// province it merged into.
fn merger(registry: &Registry, current: &Holder) -> Option<(NaiveDate, Holder)> {
    let j = registry.jurisdictions.get(&*current.scope)?;
    let (into, on) = (j.merged_into.as_ref()?, j.merged_on?);
    let merged = Holder {
        org: current.org.clone(),
        scope: into.value.as_str().into(),
    };
    Some((on, merged))
}

/// Every day on which [`holder_on`] can give another holder for a duty
/// first written for `original`: the dissolutions and mergers of every
/// holder a step of its walk can reach on some day, sorted, each once.
/// Between two of these days the walk takes the same steps, so a duty's
/// deadlines are attributed a piece of the calendar at a time, not one by
/// one. Each holder is visited once, as in [`holder_on`].
pub(super) fn changes(
    registry: Option<&Registry>,
    plan: &Plan,
    original: &Holder,
    function: Option<&str>,
) -> Vec<NaiveDate> {
    let Some(registry) = registry else {
        return Vec::new();
    };
    let mut days = Vec::new();
    let mut seen = HashSet::from([original.clone()]);
    let mut todo = vec![original.clone()];
    while let Some(current) = todo.pop() {
        let succeeded = succession(registry, plan, &current, function);
        let mut reached: Vec<(NaiveDate, Holder)> = Vec::new();
        for holder in std::iter::once(&current).chain(succeeded.as_ref().map(|(_, h)| h)) {
            reached.extend(merger(registry, holder));
        }
        reached.extend(succeeded);
        for (day, holder) in reached {
            days.push(day);
            if seen.insert(holder.clone()) {
                todo.push(holder);
            }
        }
    }
    days.sort_unstable();
    days.dedup();
    days
}

fn rescope(scope: &Arc<str>, level: OrgLevel, registry: &Registry, plan: &Plan) -> Arc<str> {
    match level {
        OrgLevel::Nation => "vn".into(),
        OrgLevel::Unit => self::scope(Some(registry), plan, Some(level)),
        _ => scope.clone(),
    }
}
