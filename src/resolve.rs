//! The repository index: plans by id and by document number, and the
//! resolution of `implements`, `refines` and `plan#item` references.

use rustc_hash::FxHashMap;

use crate::catalogue::Catalogue;
use crate::model::{Located, Outline, Plan};

/// What the index reads of a plan: a whole [`Plan`] (queries) or its
/// [`Outline`] (the rules across plans in `check`).
pub trait Indexed {
    fn id(&self) -> &str;
    fn number(&self) -> Option<&str>;
    fn implements(&self) -> &[Located<String>];
}

impl Indexed for Plan {
    fn id(&self) -> &str {
        &self.id.value
    }
    fn number(&self) -> Option<&str> {
        self.number.as_ref().map(|n| n.value.as_str())
    }
    fn implements(&self) -> &[Located<String>] {
        &self.implements
    }
}

impl Indexed for Outline {
    fn id(&self) -> &str {
        &self.id.value
    }
    fn number(&self) -> Option<&str> {
        self.number.as_ref().map(|n| n.value.as_str())
    }
    fn implements(&self) -> &[Located<String>] {
        &self.implements
    }
}

/// What a reference to a plan resolved to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanRef {
    Found(usize),
    /// A document number shared by several plans (indices, sorted).
    Ambiguous(Vec<usize>),
    /// No plan, but a catalogue document has the number (its index).
    Outside(usize),
    Missing,
}

/// A document of the tree of `implements`: a plan of the repository or a
/// catalogue document (each by its index).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Node {
    Plan(usize),
    Outside(usize),
}

/// Plans indexed for reference lookups; indices point into the slice.
#[derive(Debug)]
pub struct Index<'r, P = Plan> {
    pub plans: &'r [P],
    by_id: FxHashMap<&'r str, usize>,
    by_number: FxHashMap<String, Vec<usize>>,
    /// The outside documents references fall back to.
    pub catalogue: Option<&'r Catalogue>,
}

impl<'r, P: Indexed> Index<'r, P> {
    /// Indexes plans; with duplicate ids the first (in file order) wins.
    pub fn new(plans: &'r [P]) -> Self {
        let mut by_id = FxHashMap::with_capacity_and_hasher(plans.len(), Default::default());
        let mut by_number: FxHashMap<String, Vec<usize>> = FxHashMap::default();
        for (i, plan) in plans.iter().enumerate() {
            by_id.entry(plan.id()).or_insert(i);
            if let Some(number) = plan.number() {
                by_number.entry(compact_number(number)).or_default().push(i);
            }
        }
        Index {
            plans,
            by_id,
            by_number,
            catalogue: None,
        }
    }

    /// The index with the catalogue that references fall back to.
    pub fn with_catalogue(mut self, catalogue: Option<&'r Catalogue>) -> Self {
        self.catalogue = catalogue;
        self
    }

    /// A plan by id, or by document number when no id matches, or else a
    /// catalogue document by number.
    pub fn plan(&self, reference: &str) -> PlanRef {
        if let Some(&i) = self.by_id.get(reference) {
            return PlanRef::Found(i);
        }
        match self
            .by_number
            .get(&compact_number(reference))
            .map(Vec::as_slice)
        {
            Some([i]) => PlanRef::Found(*i),
            Some(many) if many.len() > 1 => PlanRef::Ambiguous(many.to_vec()),
            _ => match self.catalogue.and_then(|c| c.get(reference)) {
                Some(i) => PlanRef::Outside(i),
                None => PlanRef::Missing,
            },
        }
    }

    /// The index of the plan that owns an id.
    pub fn by_id(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// The resolved parents of a plan, in the order written, unresolved ones left out.
    pub fn parents(&self, plan: usize) -> Vec<usize> {
        self.plans[plan]
            .implements()
            .iter()
            .filter_map(|r| match self.plan(&r.value) {
                PlanRef::Found(i) => Some(i),
                _ => None,
            })
            .collect()
    }

    /// Every plan id, for suggestions.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.plans.iter().map(P::id)
    }

    /// Everything a reference to a parent may name: plan ids, plan
    /// numbers, catalogue numbers; for suggestions.
    pub fn references(&self) -> impl Iterator<Item = &str> {
        let numbers = self.plans.iter().filter_map(P::number);
        let outside = self.catalogue.into_iter().flat_map(Catalogue::numbers);
        self.ids().chain(numbers).chain(outside)
    }

    /// The outside documents a plan implements, in the order written.
    pub fn outside_parents(&self, plan: usize) -> Vec<usize> {
        self.plans[plan]
            .implements()
            .iter()
            .filter_map(|r| match self.plan(&r.value) {
                PlanRef::Outside(i) => Some(i),
                _ => None,
            })
            .collect()
    }
}

/// Splits `plan#item` into its two parts.
pub fn split_item_ref(reference: &str) -> Option<(&str, &str)> {
    reference
        .split_once('#')
        .filter(|(plan, item)| !plan.is_empty() && !item.is_empty())
}

/// Document numbers are compared without spaces: the documents write
/// "01 /BVSTBPN-VP" for "01/BVSTBPN-VP".
pub fn compact_number(number: &str) -> String {
    number.chars().filter(|c| !c.is_whitespace()).collect()
}
