//! The organisation registry: jurisdictions, bodies, their names, and how
//! they changed (dissolution, succession, provincial mergers). Name lookup
//! goes through `names::normalize` so every spelling of a body finds it.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::{Arc, OnceLock, PoisonError, RwLock};

use rustc_hash::FxHashMap;

use crate::diagnostic::Diagnostic;
use crate::names::normalize;
use crate::rules::registry_cycle::{self, Link};
use crate::rules::{cycles, default_successor, duplicate_registry_name, registry_reference};
use crate::source::LineIndex;
use crate::suggest::{suggestions, Suggester};
use crate::validate::registry::Spelled;
use crate::validate::{self, ValidationContext};

mod query;
pub use query::{Matched, OrgQuery};

pub use crate::model::{Jurisdiction, Org, OrgLevel};

/// Whether a body of this level is named with "tỉnh" in a province and
/// "Thành phố" in a city: provincial bodies and groups of them.
fn has_city_form(level: OrgLevel) -> bool {
    matches!(level, OrgLevel::Province | OrgLevel::Group)
}

/// How a city writes a name that a province writes with "tỉnh": "Tỉnh
/// ủy" becomes "Thành ủy", the word "tỉnh" becomes "Thành phố" ("Ủy ban
/// nhân dân Thành phố", "Hội LHPN Thành phố"). `None` when the name has
/// no such word.
pub fn city_form(name: &str) -> Option<String> {
    let words: Vec<&str> = name.split(' ').collect();
    let core = |w: &str| normalize(w.trim_end_matches([',', ';', ')']));
    let mut out = Vec::with_capacity(words.len() + 1);
    let mut changed = false;
    for (i, word) in words.iter().enumerate() {
        if core(word) != normalize("tỉnh") {
            out.push((*word).to_owned());
            continue;
        }
        changed = true;
        let tail = &word[word.trim_end_matches([',', ';', ')']).len()..];
        let before_uy =
            tail.is_empty() && words.get(i + 1).is_some_and(|w| core(w) == normalize("ủy"));
        out.push(if before_uy {
            "Thành".to_owned()
        } else {
            format!("Thành phố{tail}")
        });
    }
    changed.then(|| out.join(" "))
}

#[cfg(test)]
mod city_tests {
    use super::city_form;

    #[test]
    fn a_city_writes_thanh_pho_for_tinh_and_thanh_uy_for_tinh_uy() {
        assert_eq!(
            city_form("Ủy ban nhân dân tỉnh").as_deref(),
            Some("Ủy ban nhân dân Thành phố")
        );
        assert_eq!(
            city_form("Các sở, ban, ngành, đoàn thể tỉnh").as_deref(),
            Some("Các sở, ban, ngành, đoàn thể Thành phố")
        );
        assert_eq!(city_form("Tỉnh ủy").as_deref(), Some("Thành ủy"));
        assert_eq!(
            city_form("Tỉnh uỷ Phú Thọ").as_deref(),
            Some("Thành uỷ Phú Thọ")
        );
        assert_eq!(city_form("Sở Nội vụ"), None);
    }
}

/// The loaded registry with its name index.
#[derive(Clone, Debug, Default)]
pub struct Registry {
    pub file: String,
    pub jurisdictions: BTreeMap<String, Jurisdiction>,
    pub orgs: Vec<Org>,
    by_name: FxHashMap<String, usize>,
    /// The city forms of province and group bodies' spellings ("Ủy ban
    /// nhân dân Thành phố" for "Ủy ban nhân dân tỉnh"), normalised: valid
    /// only in a city's plans.
    by_city_name: FxHashMap<String, usize>,
    /// The normalised canonical name of each org, by index.
    keys: Vec<Arc<str>>,
    memo: Memo,
    /// Every spelling, indexed for suggestions when the first unknown name
    /// asks for them.
    suggester: OnceLock<Suggester>,
    /// Every spelling and every city form, for names written in a city's plans.
    city_suggester: OnceLock<Suggester>,
    /// The city form of each province or group body's canonical name, by
    /// that name, made at the first [`Registry::name_in`]: `owners` names
    /// a body in a city's scope a million times, and a city form
    /// normalises every word of the name.
    city_names: OnceLock<FxHashMap<Box<str>, Box<str>>>,
}

/// Spellings already resolved. A national repository repeats a few hundred
/// spellings a million times, and normalising a name costs far more than
/// looking it up: each spelling is normalised once.
#[derive(Debug, Default)]
struct Memo(RwLock<FxHashMap<Box<str>, Resolved>>);

impl Clone for Memo {
    fn clone(&self) -> Self {
        let map = self.0.read().unwrap_or_else(PoisonError::into_inner);
        Memo(RwLock::new(map.clone()))
    }
}

/// What a written name means: a registry body, or no body (with the
/// name's own normalised key).
#[derive(Clone, Debug)]
enum Resolved {
    Org(usize),
    Unknown(Arc<str>),
}

impl Registry {
    /// Parses and validates the registry file, then indexes it; problems
    /// go to `out`. `None` when no entry of the file can be read (it is
    /// not TOML, or its lists have single brackets): its errors say so,
    /// and the plans are read as without a registry.
    pub fn load(file: &str, text: &str, out: &mut Vec<Diagnostic>) -> Option<Registry> {
        let lines = LineIndex::new(text);
        let mut cx = ValidationContext::new(file, text, &lines, out);
        let (jurisdictions, orgs) = validate::registry::registry(&mut cx)?;
        let mut registry = Registry {
            file: file.to_owned(),
            ..Registry::default()
        };
        for j in jurisdictions {
            registry.add_jurisdiction(j, out);
        }
        for o in orgs {
            registry.add_org(o, out);
        }
        registry.index_city_forms();
        registry.check_references(out);
        registry.check_cycles(out);
        Some(registry)
    }

    /// The body a written name means, after normalisation.
    pub fn lookup(&self, name: &str) -> Option<&Org> {
        match self.resolve(name) {
            Resolved::Org(i) => Some(&self.orgs[i]),
            Resolved::Unknown(_) => None,
        }
    }

    /// The normalised key of what a written name means: the canonical
    /// name's key for a registry body, else the name's own.
    pub fn key(&self, written: &str) -> Arc<str> {
        match self.resolve(written) {
            Resolved::Org(i) => self.keys[i].clone(),
            Resolved::Unknown(key) => key,
        }
    }

    /// Resolves a spelling, once per spelling (the index is complete once
    /// `load` has added every org, before any lookup).
    fn resolve(&self, written: &str) -> Resolved {
        let memo = &self.memo.0;
        if let Some(hit) = memo
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .get(written)
        {
            return hit.clone();
        }
        let key = normalize(written);
        let resolved = match self.by_name.get(&key) {
            Some(&i) => Resolved::Org(i),
            None => Resolved::Unknown(Arc::from(key)),
        };
        memo.write()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(Box::from(written), resolved.clone());
        resolved
    }

    /// Whether the jurisdiction is a city (`kind = "city"`).
    pub fn is_city(&self, jurisdiction: Option<&str>) -> bool {
        jurisdiction
            .and_then(|j| self.jurisdictions.get(j))
            .is_some_and(|j| j.city)
    }

    /// The body a name written in a plan of `jurisdiction` means: any
    /// registry spelling, and in a city's plans also the city form of a
    /// province or group body's spelling.
    pub fn lookup_at(&self, written: &str, jurisdiction: Option<&str>) -> Option<&Org> {
        self.lookup(written).or_else(|| {
            self.is_city(jurisdiction)
                .then(|| self.by_city_name.get(&normalize(written)))
                .flatten()
                .map(|&i| &self.orgs[i])
        })
    }

    /// How a body is named in a scope: the city form of a province or
    /// group body in a city ("Ủy ban nhân dân Thành phố"), else its name.
    /// The city form is made once per registry: `due` asks this for every
    /// name of every row.
    pub fn name_in<'a>(&'a self, org: &'a Org, scope: &str) -> &'a str {
        let jurisdiction = scope.split('/').next();
        if !self.is_city(jurisdiction) || !has_city_form(org.level) {
            return &org.name;
        }
        let city_names = self.city_names.get_or_init(|| {
            let orgs = self.orgs.iter().filter(|o| has_city_form(o.level));
            orgs.filter_map(|o| Some((o.name.as_str().into(), city_form(&o.name)?.into())))
                .collect()
        });
        city_names
            .get(org.name.as_str())
            .map_or(org.name.as_str(), |city| &**city)
    }

    /// Up to `limit` names closest to `name` that are valid in a plan of
    /// `jurisdiction`: the registry's spellings, and in a city's plans
    /// their city forms too (never elsewhere).
    pub fn suggest_at(&self, name: &str, limit: usize, jurisdiction: Option<&str>) -> Vec<String> {
        if !self.is_city(jurisdiction) {
            return self
                .suggest(name, limit)
                .into_iter()
                .map(str::to_owned)
                .collect();
        }
        let suggester = self.city_suggester.get_or_init(|| {
            let forms: Vec<String> = self.city_forms().map(|(form, _)| form).collect();
            let names = self.orgs.iter().flat_map(Org::all_names).map(str::to_owned);
            Suggester::new(
                names
                    .chain(forms)
                    .collect::<Vec<_>>()
                    .iter()
                    .map(String::as_str),
            )
        });
        let mut seen = std::collections::BTreeSet::new();
        suggester
            .closest(name, usize::MAX)
            .into_iter()
            .filter(|spelling| {
                let key = normalize(spelling);
                let org = self
                    .by_name
                    .get(&key)
                    .or_else(|| self.by_city_name.get(&key));
                seen.insert(org.copied())
            })
            .take(limit)
            .map(str::to_owned)
            .collect()
    }

    /// Every city form of a province or group body's spellings, with the body.
    pub fn city_forms(&self) -> impl Iterator<Item = (String, usize)> + '_ {
        self.orgs
            .iter()
            .enumerate()
            .filter(|(_, o)| has_city_form(o.level))
            .flat_map(|(i, o)| o.all_names().filter_map(move |n| Some((city_form(n)?, i))))
    }

    /// Up to `limit` registry names closest to `name`, one per body (the
    /// spelling closest to what was typed).
    pub fn suggest(&self, name: &str, limit: usize) -> Vec<&str> {
        let ranked = self
            .suggester
            .get_or_init(|| Suggester::new(self.orgs.iter().flat_map(Org::all_names)))
            .closest(name, usize::MAX);
        let mut seen = std::collections::BTreeSet::new();
        ranked
            .into_iter()
            .filter(|spelling| seen.insert(self.by_name.get(&normalize(spelling)).copied()))
            .take(limit)
            .collect()
    }

    /// Indexes the city forms; a form that is already a registry spelling
    /// keeps meaning that spelling's body.
    fn index_city_forms(&mut self) {
        let forms: Vec<(String, usize)> = self.city_forms().collect();
        for (form, i) in forms {
            let key = normalize(&form);
            if !self.by_name.contains_key(&key) {
                self.by_city_name.entry(key).or_insert(i);
            }
        }
    }

    fn add_jurisdiction(&mut self, j: Jurisdiction, out: &mut Vec<Diagnostic>) {
        if let Some(first) = self.jurisdictions.get(&j.id) {
            out.push(duplicate(
                &self.file,
                j.span.clone(),
                &j.id,
                first.span.clone(),
            ));
            return;
        }
        self.jurisdictions.insert(j.id.clone(), j);
    }

    /// Indexes every spelling of a body; a spelling another body has is
    /// reported and keeps pointing at the first.
    fn add_org(&mut self, spelled: Spelled, out: &mut Vec<Diagnostic>) {
        let Spelled { org, spans } = spelled;
        let index = self.orgs.len();
        for (spelling, span) in org.all_names().zip(spans) {
            let key = normalize(spelling);
            match self.by_name.get(&key) {
                Some(&other) if other != index => {
                    let first = self.orgs[other].span.clone();
                    out.push(duplicate(&self.file, span, spelling, first));
                }
                _ => {
                    self.by_name.insert(key, index);
                }
            }
        }
        self.keys.push(Arc::from(normalize(&org.name)));
        self.orgs.push(org);
    }

    fn check_references(&self, out: &mut Vec<Diagnostic>) {
        let org_names = || self.orgs.iter().map(|o| o.name.as_str());
        for org in &self.orgs {
            let successors = org.successors.iter().map(|s| ("successor", &s.org));
            let members = org.members.iter().map(|m| ("members", m));
            for (what, target) in successors.chain(members) {
                if self.lookup(&target.value).is_none() {
                    out.push(self.unknown_reference(
                        &target.span,
                        what,
                        &target.value,
                        org_names(),
                    ));
                }
            }
            self.check_default(org, out);
        }
        for j in self.jurisdictions.values() {
            for (what, target) in [("merged_into", &j.merged_into), ("parent", &j.parent)] {
                if let Some(target) = target {
                    if !self.jurisdictions.contains_key(&target.value) {
                        out.push(self.unknown_reference(
                            &target.span,
                            what,
                            &target.value,
                            self.jurisdictions.keys().map(String::as_str),
                        ));
                    }
                }
            }
        }
    }

    /// A body with successors has exactly one default among them.
    fn check_default(&self, org: &Org, out: &mut Vec<Diagnostic>) {
        let mut defaults = org.successors.iter().filter(|s| s.is_default());
        let first = defaults.next();
        let second = defaults.next();
        let (span, first) = match (first, second) {
            (Some(first), Some(second)) => (second.span.clone(), Some(first.span.clone())),
            (None, Some(_)) | (Some(_), None) => return,
            (None, None) if org.successors.is_empty() => return,
            (None, None) => (org.span.clone(), None),
        };
        out.push(
            default_successor::Finding {
                file: &self.file,
                span,
                org: &org.name,
                first,
            }
            .into(),
        );
    }

    /// The bodies the duties of `org` pass to when it is dissolved, by
    /// index: every walk and check of successions goes through here.
    pub fn successors(&self, org: usize) -> Vec<usize> {
        self.orgs[org]
            .successors
            .iter()
            .filter_map(|s| match self.resolve(&s.org.value) {
                Resolved::Org(i) => Some(i),
                Resolved::Unknown(_) => None,
            })
            .collect()
    }

    /// Reports every cycle of successors, of mergers and of parents.
    fn check_cycles(&self, out: &mut Vec<Diagnostic>) {
        let orgs: Vec<Vec<usize>> = (0..self.orgs.len()).map(|i| self.successors(i)).collect();
        let names: Vec<&str> = self.orgs.iter().map(|o| o.name.as_str()).collect();
        let spans: Vec<Range<usize>> = self
            .orgs
            .iter()
            .map(|o| {
                o.successors
                    .first()
                    .map_or(o.span.clone(), |s| s.org.span.clone())
            })
            .collect();
        let starts: Vec<usize> = self.orgs.iter().map(|o| o.span.start).collect();
        self.report_cycles(&orgs, Link::Successor, &names, &spans, &starts, out);

        let jurisdictions: Vec<&Jurisdiction> = self.jurisdictions.values().collect();
        let ids: Vec<&str> = jurisdictions.iter().map(|j| j.id.as_str()).collect();
        let starts: Vec<usize> = jurisdictions.iter().map(|j| j.span.start).collect();
        let position: FxHashMap<&str, usize> =
            ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
        for link in [Link::MergedInto, Link::Parent] {
            let field = |j: &Jurisdiction| match link {
                Link::MergedInto => j.merged_into.clone(),
                _ => j.parent.clone(),
            };
            let graph: Vec<Vec<usize>> = jurisdictions
                .iter()
                .map(|j| {
                    field(j)
                        .and_then(|to| position.get(to.value.as_str()).copied())
                        .into_iter()
                        .collect()
                })
                .collect();
            let spans: Vec<Range<usize>> = jurisdictions
                .iter()
                .map(|j| field(j).map_or(j.span.clone(), |to| to.span))
                .collect();
            self.report_cycles(&graph, link, &ids, &spans, &starts, out);
        }
    }

    /// One finding per cycle of `graph`, at the reference written in the
    /// cycle's first entry in the file (`starts`: each entry's offset).
    fn report_cycles(
        &self,
        graph: &[Vec<usize>],
        link: Link,
        names: &[&str],
        spans: &[Range<usize>],
        starts: &[usize],
        out: &mut Vec<Diagnostic>,
    ) {
        for cycle in cycles::cycles(graph, |i| starts[i]) {
            let start = cycle[0];
            let members = cycle[1..cycle.len() - 1]
                .iter()
                .map(|&m| (spans[m].clone(), names[m]))
                .collect();
            out.push(
                registry_cycle::Finding {
                    file: &self.file,
                    span: spans[start].clone(),
                    link,
                    names: cycle.iter().map(|&i| names[i]).collect(),
                    members,
                }
                .into(),
            );
        }
    }

    fn unknown_reference<'a>(
        &self,
        span: &Range<usize>,
        what: &str,
        target: &str,
        known: impl Iterator<Item = &'a str>,
    ) -> Diagnostic {
        registry_reference::Finding {
            file: &self.file,
            span: span.clone(),
            what,
            target,
            closest: suggestions(target, known, 1).first().copied(),
        }
        .into()
    }
}

fn duplicate(file: &str, span: Range<usize>, name: &str, first: Range<usize>) -> Diagnostic {
    duplicate_registry_name::Finding {
        file,
        span,
        name,
        first,
    }
    .into()
}
