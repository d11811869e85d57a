//! What a listing for one body keeps of each plan as it is loaded.

use std::sync::{PoisonError, RwLock};

use super::*;
use crate::model::{Name, Task};
use crate::names::{fold, normalize};
use crate::registry::{Matched, OrgQuery};

/// The registry bodies whose duties can reach the bodies a query means:
/// those bodies, every body that passed its duties on to one of them
/// (directly or through other successors), and every group one of them
/// belongs to, closed under both. A duty held by any other body never
/// becomes theirs, whatever the day, role or scope.
#[derive(Debug)]
pub struct Reaching {
    direct: Direct,
    /// Canonical names.
    bodies: HashSet<String>,
}

/// How a name written in a plan is told to name a queried body itself.
#[derive(Debug)]
enum Direct {
    /// The query is known (see [`OrgQuery::of_registry_name`]).
    Query(Matched),
    /// Only the text typed is known: what it means depends on every name
    /// written in the repository. A name it can match at all is one equal
    /// to it after normalisation, or holding it once both are folded.
    Typed(Typed),
}

#[derive(Debug)]
struct Typed {
    normalized: String,
    folded: String,
    /// Each spelling judged once for the whole repository: plans in
    /// every province write the same few hundred names.
    judged: RwLock<HashMap<Box<str>, bool>>,
}

impl Typed {
    fn names(&self, written: &str) -> bool {
        let read = self.judged.read().unwrap_or_else(PoisonError::into_inner);
        if let Some(&known) = read.get(written) {
            return known;
        }
        drop(read);
        let own = normalize(written);
        let names = own == self.normalized || fold(&own).contains(self.folded.as_str());
        self.judged
            .write()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(written.into(), names);
        names
    }
}

impl Typed {
    fn new(text: &str) -> Typed {
        Typed {
            normalized: normalize(text),
            folded: fold(text),
            judged: RwLock::default(),
        }
    }
}

impl Reaching {
    /// The bodies reaching what `query` means (a query known before the
    /// plans are read).
    pub fn new(query: &OrgQuery, registry: &Registry) -> Reaching {
        let keys: HashSet<&str> = query.keys().collect();
        let meant = registry
            .orgs
            .iter()
            .filter(|org| keys.contains(&*registry.key(&org.name)));
        Reaching {
            bodies: closure(registry, meant.map(|org| org.name.clone()).collect()),
            direct: Direct::Query(query.detach()),
        }
    }

    /// The bodies reaching whatever `text` may mean once every name
    /// written in the repository is known: every registry body with a
    /// spelling (or city form) the text can match.
    pub fn typed(text: &str, registry: Option<&Registry>) -> Reaching {
        let typed = Typed::new(text);
        let Some(registry) = registry else {
            return Reaching {
                direct: Direct::Typed(typed),
                bodies: HashSet::new(),
            };
        };
        let mut meant: HashSet<String> = registry
            .orgs
            .iter()
            .filter(|org| org.all_names().any(|n| typed.names(n)))
            .map(|org| org.name.clone())
            .collect();
        for (form, i) in registry.city_forms() {
            if typed.names(&form) {
                meant.insert(registry.orgs[i].name.clone());
            }
        }
        Reaching {
            bodies: closure(registry, meant),
            direct: Direct::Typed(typed),
        }
    }

    /// Keeps of `plan`'s tasks those `keep` keeps, told whether the task
    /// can give the queried bodies a duty: a task naming one of them (what
    /// `due --owner` lists) or a body that reaches them (what `owners
    /// NAME` can attribute to them). Role, window and scope are applied
    /// later to what is kept, so the answer is the one the whole plan
    /// gives; a national repository's other tasks, their titles above
    /// all, are let go as each plan is loaded.
    pub fn keep_tasks(
        &self,
        plan: &mut Plan,
        registry: Option<&Registry>,
        keep: impl Fn(&Plan, &Task, bool) -> bool,
    ) {
        let jurisdiction = plan.jurisdiction.as_ref().map(|j| j.value.clone());
        let at = jurisdiction.as_deref();
        // The query in this plan's registry, made once per plan.
        let query = match &self.direct {
            Direct::Query(matched) => Ok(matched.attach(registry)),
            Direct::Typed(typed) => Err(typed),
        };
        let names_directly = |written: &str| match &query {
            Ok(query) => query.matches_at(written, at),
            Err(typed) => typed.names(written),
        };
        // A plan names the same few bodies in task after task: each
        // spelling is judged once.
        let mut judged: HashMap<Name, bool> = HashMap::new();
        let mut reaches = |written: &Name| {
            *judged.entry(written.clone()).or_insert_with(|| {
                names_directly(written)
                    || registry
                        .and_then(|r| r.lookup_at(written, at))
                        .is_some_and(|org| self.bodies.contains(&org.name))
            })
        };
        let tasks = std::mem::take(&mut plan.tasks);
        plan.tasks = tasks
            .into_iter()
            .filter(|task| {
                let reached = task.names().any(|name| reaches(&name.value));
                keep(plan, task, reached)
            })
            .collect();
    }
}

/// `bodies` with every registry body whose duties can pass to one of
/// them: a predecessor, or a group one of them belongs to, until nothing
/// is added (a pass over the registry per step of the longest chain, a
/// loop rather than a recursion whatever the chain).
fn closure(registry: &Registry, mut bodies: HashSet<String>) -> HashSet<String> {
    loop {
        let reached = |written: &str| {
            registry
                .lookup(written)
                .is_some_and(|org| bodies.contains(&org.name))
        };
        let more: Vec<String> = registry
            .orgs
            .iter()
            .filter(|org| !bodies.contains(&org.name))
            .filter(|org| {
                org.successors.iter().any(|s| reached(&s.org.value))
                    || (org.level == OrgLevel::Group
                        && org.members.iter().any(|m| reached(&m.value)))
            })
            .map(|org| org.name.clone())
            .collect();
        if more.is_empty() {
            return bodies;
        }
        bodies.extend(more);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::{load_plan, Outcome};

    const REGISTRY: &str = r#"
[[org]]
name = "Sở Nội vụ"
level = "province"

[[org]]
name = "Sở Lao động - Thương binh và Xã hội"
level = "province"
dissolved = 2025-03-01
successor = "Sở Nội vụ"

[[org]]
name = "Các sở, ngành"
level = "group"
members = ["Sở Nội vụ", "Sở Tài chính"]

[[org]]
name = "Sở Tài chính"
level = "province"
"#;

    const PLAN: &str = r#"
[plan]
id = "tinh/kh-01-2024"
title = "Kế hoạch"
issuer = "Sở Tài chính"
period = [2024, 2025]

[[task]]
id = "rieng"
title = "Nhiệm vụ của Sở Nội vụ"
lead = "Sở Nội vụ"

[[task]]
id = "ke-thua"
title = "Nhiệm vụ của sở đã giải thể"
lead = "Sở Lao động - Thương binh và Xã hội"

[[task]]
id = "nhom"
title = "Nhiệm vụ của các sở"
support = "Các sở, ngành"

[[task]]
id = "chua-dang-ky"
title = "Nhiệm vụ của một cơ quan chưa có trong danh mục"
lead = "Sở Nội vụ (cũ)"

[[task]]
id = "khac"
title = "Nhiệm vụ của Sở Tài chính"
lead = "Sở Tài chính"
"#;

    fn kept_by(reaching: impl Fn(&Registry) -> Reaching) -> Vec<String> {
        let mut out = Vec::new();
        let registry =
            Registry::load("registry.toml", REGISTRY, &mut out).expect("the registry loads");
        let Outcome::Plan(mut plan) = load_plan("plan.toml", PLAN, &mut out) else {
            panic!("the plan loads: {out:?}");
        };
        reaching(&registry).keep_tasks(&mut plan, Some(&registry), |_, _, reached| reached);
        plan.tasks.iter().map(|t| t.id.value.clone()).collect()
    }

    fn kept_for(query: &str) -> Vec<String> {
        kept_by(|registry| {
            let query = OrgQuery::of_registry_name(query, registry).expect("a registry name");
            Reaching::new(&query, registry)
        })
    }

    #[test]
    fn any_other_text_keeps_every_task_a_name_it_may_match_reaches() {
        let kept = kept_by(|registry| Reaching::typed("noi vu", Some(registry)));
        assert_eq!(kept, ["rieng", "ke-thua", "nhom", "chua-dang-ky"]);
        let kept = kept_by(|registry| Reaching::typed("Sở Ngoại vụ", Some(registry)));
        assert_eq!(kept, Vec::<String>::new());
    }

    #[test]
    fn a_body_keeps_its_own_inherited_and_group_duties() {
        assert_eq!(kept_for("Sở Nội vụ"), ["rieng", "ke-thua", "nhom"]);
        assert_eq!(kept_for("sở tài chính"), ["nhom", "khac"]);
        assert_eq!(kept_for("Sở Lao động - Thương binh và Xã hội"), ["ke-thua"]);
    }

    #[test]
    fn only_registry_spellings_are_known_before_the_plans() {
        let mut out = Vec::new();
        let registry =
            Registry::load("registry.toml", REGISTRY, &mut out).expect("the registry loads");
        assert!(OrgQuery::of_registry_name("sở nội vụ", &registry).is_some());
        // A part of a name, or a name only plans write, may mean bodies
        // the registry does not know: every name written must be seen.
        assert!(OrgQuery::of_registry_name("nội vụ", &registry).is_none());
        assert!(OrgQuery::of_registry_name("Sở Nội vụ (cũ)", &registry).is_none());
    }
}
