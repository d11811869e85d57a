//! What a name typed on the command line (`owners NAME`, `due --owner`)
//! means: the bodies it names, in the registry or as plans write them.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::sync::Arc;

use super::Registry;
use crate::names::normalize;

/// The bodies a typed query means: exact (after normalisation) first, then
/// the same without diacritics, then every name containing it. Names not in
/// the registry can be queried as written in the plans.
#[derive(Debug, Clone)]
pub struct OrgQuery<'r> {
    registry: Option<&'r Registry>,
    keys: BTreeSet<String>,
    /// Only a city form matched ("Ủy ban nhân dân Thành phố"): the query
    /// means the body in the cities, not the province body of every
    /// province whose canonical name it shares.
    cities_only: bool,
}

impl<'r> OrgQuery<'r> {
    /// Resolves `query` against the registry and the names written in plans.
    /// `None` when nothing matches at any tier.
    pub fn new<'a>(
        query: &str,
        registry: Option<&'r Registry>,
        written: impl Iterator<Item = &'a str>,
    ) -> Option<Self> {
        let mut universe = registry.map(spellings).unwrap_or_default();
        // Plans repeat the same spellings: resolve each one once (in any
        // order: a spelling's key depends only on its normalised form).
        let written: HashSet<&str> = written.collect();
        for name in written {
            let key = canonical_key(registry, name).to_string();
            universe.entry(normalize(name)).or_insert((key, false));
        }
        let wanted = normalize(query);
        let folded = crate::names::fold(query);
        let tiers: [&dyn Fn(&str) -> bool; 3] = [
            &|name| name == wanted,
            &|name| crate::names::fold(name) == folded,
            &|name| crate::names::fold(name).contains(&folded),
        ];
        for tier in tiers {
            let matched: Vec<&(String, bool)> = universe
                .iter()
                .filter(|(name, _)| tier(name))
                .map(|(_, found)| found)
                .collect();
            if !matched.is_empty() {
                return Some(OrgQuery {
                    registry,
                    keys: matched.iter().map(|(key, _)| key.clone()).collect(),
                    cities_only: matched.iter().all(|(_, city)| *city),
                });
            }
        }
        None
    }

    /// The query, when `query` is a spelling of the registry itself (a
    /// name, short name, alias or city form, after normalisation): then
    /// no name written in a plan can change what it means (a written name
    /// spelt the same way means the same body), so it is known before any
    /// plan is read. `None` for any other text.
    pub fn of_registry_name(query: &str, registry: &'r Registry) -> Option<Self> {
        spellings(registry)
            .contains_key(&normalize(query))
            .then(|| OrgQuery::new(query, Some(registry), std::iter::empty()))
            .flatten()
    }

    /// What the query matched, apart from the registry it was resolved
    /// in: to be shared by threads that each get the registry anew.
    pub fn detach(&self) -> Matched {
        Matched {
            keys: self.keys.clone(),
            cities_only: self.cities_only,
        }
    }

    /// Whether a duty held in `scope` (a jurisdiction id, or
    /// `<jurisdiction>/<issuer>`) is in a place the query can mean: a
    /// city, when only a city form matched.
    pub fn keeps_scope(&self, scope: &str) -> bool {
        !self.cities_only
            || self
                .registry
                .is_some_and(|r| r.is_city(scope.split('/').next()))
    }

    /// Whether a name written in a plan means one of the queried bodies.
    pub fn matches(&self, written: &str) -> bool {
        self.keys.contains(&*canonical_key(self.registry, written))
    }

    /// Whether a name written in a plan of `jurisdiction` means one of the
    /// queried bodies: a city's plans write a province body in its city
    /// form ("Ủy ban nhân dân Thành phố").
    pub fn matches_at(&self, written: &str, jurisdiction: Option<&str>) -> bool {
        self.matches(written)
            || self
                .registry
                .and_then(|r| r.lookup_at(written, jurisdiction))
                .is_some_and(|org| self.keys.contains(&normalize(&org.name)))
    }

    /// The canonical names matched, normalised.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.keys.iter().map(String::as_str)
    }
}

/// A query's matches without its registry (see [`OrgQuery::detach`]).
#[derive(Debug, Clone)]
pub struct Matched {
    keys: BTreeSet<String>,
    cities_only: bool,
}

impl Matched {
    /// The query again, in `registry` (the one it was resolved in).
    pub fn attach<'r>(&self, registry: Option<&'r Registry>) -> OrgQuery<'r> {
        OrgQuery {
            registry,
            keys: self.keys.clone(),
            cities_only: self.cities_only,
        }
    }
}

/// Every spelling the registry gives, normalised: the key of the body it
/// means, and whether it is only a city form.
fn spellings(registry: &Registry) -> BTreeMap<String, (String, bool)> {
    let mut universe = BTreeMap::new();
    for org in &registry.orgs {
        for name in org.all_names() {
            universe.insert(normalize(name), (normalize(&org.name), false));
        }
    }
    for (form, i) in registry.city_forms() {
        let key = normalize(&registry.orgs[i].name);
        universe.entry(normalize(&form)).or_insert((key, true));
    }
    universe
}

/// The normalised canonical name of the body a written name means.
fn canonical_key(registry: Option<&Registry>, written: &str) -> Arc<str> {
    match registry {
        Some(registry) => registry.key(written),
        None => Arc::from(normalize(written)),
    }
}
