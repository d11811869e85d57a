//! The organisation registry: jurisdictions, bodies, their names, and how
//! they changed (dissolution, succession, provincial mergers). Name lookup
//! goes through `names::normalize` so every spelling of a body finds it.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::ops::Range;
use std::sync::{Arc, PoisonError, RwLock};

use chrono::NaiveDate;
use rustc_hash::FxHashMap;
use toml::Spanned;

use crate::diagnostic::Diagnostic;
use crate::load::{good_entries, toml_error};
use crate::model::Located;
use crate::names::{normalize, suggestions};
use crate::raw::{DateOrText, RawJurisdiction, RawOrg, RawRegistry, RawRegistryEntries};
use crate::rules::missing_field::{self, Missing};
use crate::rules::mistyped_field::{self, Mistyped};
use crate::rules::{duplicate_registry_name, registry_reference};

/// How far a body's authority reaches; decides how a generic name is scoped.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum OrgLevel {
    Nation,
    Province,
    District,
    Unit,
    Group,
}

impl OrgLevel {
    const ALL: &'static [(&'static str, OrgLevel)] = &[
        ("nation", OrgLevel::Nation),
        ("province", OrgLevel::Province),
        ("district", OrgLevel::District),
        ("unit", OrgLevel::Unit),
        ("group", OrgLevel::Group),
    ];
}

/// A province, district or the nation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Jurisdiction {
    pub id: String,
    pub name: String,
    pub level: Option<OrgLevel>,
    pub parent: Option<Located<String>>,
    pub merged_into: Option<Located<String>>,
    pub merged_on: Option<NaiveDate>,
    pub span: Range<usize>,
}

/// A body that leads, supports, receives reports or issues plans.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Org {
    pub name: String,
    pub short: Option<String>,
    pub aliases: Vec<String>,
    pub level: OrgLevel,
    pub dissolved: Option<NaiveDate>,
    pub successor: Option<Located<String>>,
    pub span: Range<usize>,
}

impl Org {
    /// Every name the body is known by: canonical, short, aliases.
    pub fn all_names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str())
            .chain(self.short.as_deref())
            .chain(self.aliases.iter().map(String::as_str))
    }
}

/// The loaded registry with its name index.
#[derive(Clone, Debug, Default)]
pub struct Registry {
    pub file: String,
    pub jurisdictions: BTreeMap<String, Jurisdiction>,
    pub orgs: Vec<Org>,
    by_name: FxHashMap<String, usize>,
    /// The normalised canonical name of each org, by index.
    keys: Vec<Arc<str>>,
    memo: Memo,
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
    /// Parses the registry file; problems go to `out`.
    pub fn load(file: &str, text: &str, out: &mut Vec<Diagnostic>) -> Registry {
        let raw = parse(file, text, out);
        let mut registry = Registry {
            file: file.to_owned(),
            ..Registry::default()
        };
        for j in raw.jurisdiction {
            registry.add_jurisdiction(j, out);
        }
        for o in raw.org {
            registry.add_org(o, out);
        }
        registry.check_references(out);
        registry
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

    /// Up to `limit` registry names closest to `name`, one per body (the
    /// spelling closest to what was typed).
    pub fn suggest(&self, name: &str, limit: usize) -> Vec<&str> {
        let ranked = suggestions(name, self.orgs.iter().flat_map(Org::all_names), usize::MAX);
        let mut seen = std::collections::BTreeSet::new();
        ranked
            .into_iter()
            .filter(|spelling| seen.insert(self.by_name.get(&normalize(spelling)).copied()))
            .take(limit)
            .collect()
    }

    fn add_jurisdiction(&mut self, j: Spanned<RawJurisdiction>, out: &mut Vec<Diagnostic>) {
        let span = j.span();
        let raw = j.into_inner();
        let Some(id) = raw.id else {
            out.push(missing(&self.file, span, "jurisdiction", "id"));
            return;
        };
        let level = raw.level.and_then(|l| self.level(l, out));
        let merged_on = raw.merged_on.and_then(|d| self.date(d, out));
        if let Some(first) = self.jurisdictions.get(id.get_ref()) {
            out.push(duplicate(
                &self.file,
                id.span(),
                id.get_ref(),
                first.span.clone(),
            ));
            return;
        }
        self.jurisdictions.insert(
            id.get_ref().clone(),
            Jurisdiction {
                id: id.get_ref().clone(),
                name: raw.name.map(Spanned::into_inner).unwrap_or_default(),
                level,
                parent: raw.parent.map(located),
                merged_into: raw.merged_into.map(located),
                merged_on,
                span: id.span(),
            },
        );
    }

    fn add_org(&mut self, o: Spanned<RawOrg>, out: &mut Vec<Diagnostic>) {
        let span = o.span();
        let raw = o.into_inner();
        let Some(name) = raw.name else {
            out.push(missing(&self.file, span, "org", "name"));
            return;
        };
        let level = match raw.level {
            Some(l) => self.level(l, out).unwrap_or(OrgLevel::Province),
            None => {
                out.push(missing(&self.file, span.clone(), "org", "level"));
                OrgLevel::Province
            }
        };
        let dissolved = raw.dissolved.and_then(|d| self.date(d, out));
        let aliases: Vec<Spanned<String>> = raw
            .aliases
            .as_ref()
            .map(|a| {
                a.get_ref()
                    .items(a.span())
                    .into_iter()
                    .map(|(text, span)| Spanned::new(span, text.clone()))
                    .collect()
            })
            .unwrap_or_default();
        let index = self.orgs.len();
        for spelling in std::iter::once(&name).chain(&raw.short).chain(&aliases) {
            let key = normalize(spelling.get_ref());
            match self.by_name.get(&key) {
                Some(&other) if other != index => {
                    let first = self.orgs[other].span.clone();
                    out.push(duplicate(
                        &self.file,
                        spelling.span(),
                        spelling.get_ref(),
                        first,
                    ));
                }
                _ => {
                    self.by_name.insert(key, index);
                }
            }
        }
        let name_span = name.span();
        self.keys.push(Arc::from(normalize(name.get_ref())));
        self.orgs.push(Org {
            name: name.into_inner(),
            short: raw.short.map(Spanned::into_inner),
            aliases: aliases.into_iter().map(Spanned::into_inner).collect(),
            level,
            dissolved,
            successor: raw.successor.map(located),
            span: name_span,
        });
    }

    fn level(&self, level: Spanned<String>, out: &mut Vec<Diagnostic>) -> Option<OrgLevel> {
        let found = OrgLevel::ALL
            .iter()
            .find(|(name, _)| name == level.get_ref())
            .map(|(_, l)| *l);
        if found.is_none() {
            let known: Vec<&str> = OrgLevel::ALL.iter().map(|(n, _)| *n).collect();
            out.push(
                mistyped_field::Finding {
                    file: &self.file,
                    span: level.span(),
                    mistyped: Mistyped::OrgLevel {
                        written: level.get_ref(),
                        known: &known,
                    },
                }
                .into(),
            );
        }
        found
    }

    fn date(&self, value: Spanned<DateOrText>, out: &mut Vec<Diagnostic>) -> Option<NaiveDate> {
        let span = value.span();
        let day = match value.get_ref() {
            DateOrText::Date(dt) => dt.date.filter(|_| dt.time.is_none()).and_then(|d| {
                NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
            }),
            DateOrText::Text(_) => None,
        };
        if day.is_none() {
            out.push(
                mistyped_field::Finding {
                    file: &self.file,
                    span,
                    mistyped: Mistyped::NotDate,
                }
                .into(),
            );
        }
        day
    }

    fn check_references(&self, out: &mut Vec<Diagnostic>) {
        for org in &self.orgs {
            if let Some(successor) = &org.successor {
                if self.lookup(&successor.value).is_none() {
                    out.push(self.unknown_reference(
                        &successor.span,
                        "successor",
                        &successor.value,
                        self.orgs.iter().map(|o| o.name.as_str()),
                    ));
                }
            }
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

/// The registry's entries. When the file fails as a whole, its first error
/// is reported with its exact place, and the entries are read again one by
/// one: the good ones are kept, every other bad one is reported at its
/// table, so one typo does not make every name in every plan unknown.
fn parse(file: &str, text: &str, out: &mut Vec<Diagnostic>) -> RawRegistry {
    let first = match toml::from_str::<RawRegistry>(text) {
        Ok(raw) => return raw,
        Err(err) => err,
    };
    let first_span = first.span().unwrap_or(0..0);
    out.push(toml_error(file, text, &first));
    let Ok(entries) = toml::from_str::<RawRegistryEntries>(text) else {
        return RawRegistry::default();
    };
    RawRegistry {
        jurisdiction: good_entries(file, &first_span, entries.jurisdiction, out),
        org: good_entries(file, &first_span, entries.org, out),
    }
}

fn missing(file: &str, span: Range<usize>, table: &str, field: &str) -> Diagnostic {
    missing_field::Finding {
        file,
        span,
        missing: Missing::Field {
            table,
            field,
            example: None,
        },
    }
    .into()
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

/// The bodies a typed query means: exact (after normalisation) first, then
/// the same without diacritics, then every name containing it. Names not in
/// the registry can be queried as written in the plans.
#[derive(Debug, Clone)]
pub struct OrgQuery<'r> {
    registry: Option<&'r Registry>,
    keys: BTreeSet<String>,
}

impl<'r> OrgQuery<'r> {
    /// Resolves `query` against the registry and the names written in plans.
    /// `None` when nothing matches at any tier.
    pub fn new<'a>(
        query: &str,
        registry: Option<&'r Registry>,
        written: impl Iterator<Item = &'a str>,
    ) -> Option<Self> {
        let mut universe: BTreeMap<String, String> = BTreeMap::new();
        if let Some(registry) = registry {
            for org in &registry.orgs {
                for name in org.all_names() {
                    universe.insert(normalize(name), normalize(&org.name));
                }
            }
        }
        // Plans repeat the same spellings: resolve each one once (in any
        // order: a spelling's key depends only on its normalised form).
        let written: HashSet<&str> = written.collect();
        for name in written {
            let key = canonical_key(registry, name).to_string();
            universe.entry(normalize(name)).or_insert(key);
        }
        let wanted = normalize(query);
        let folded = crate::names::fold(query);
        let tiers: [&dyn Fn(&str) -> bool; 3] = [
            &|name| name == wanted,
            &|name| crate::names::fold(name) == folded,
            &|name| crate::names::fold(name).contains(&folded),
        ];
        for tier in tiers {
            let keys: BTreeSet<String> = universe
                .iter()
                .filter(|(name, _)| tier(name))
                .map(|(_, key)| key.clone())
                .collect();
            if !keys.is_empty() {
                return Some(OrgQuery { registry, keys });
            }
        }
        None
    }

    /// Whether a name written in a plan means one of the queried bodies.
    pub fn matches(&self, written: &str) -> bool {
        self.keys.contains(&*canonical_key(self.registry, written))
    }

    /// The canonical names matched, normalised.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.keys.iter().map(String::as_str)
    }
}

/// The normalised canonical name of the body a written name means.
fn canonical_key(registry: Option<&Registry>, written: &str) -> Arc<str> {
    match registry {
        Some(registry) => registry.key(written),
        None => Arc::from(normalize(written)),
    }
}

fn located(value: Spanned<String>) -> Located<String> {
    let span = value.span();
    Located::new(value.into_inner(), span)
}
