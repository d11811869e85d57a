//! Names and titles kept once for the whole site while the plans load.

use std::sync::{Arc, Mutex, PoisonError};

use rustc_hash::{FxHashMap, FxHashSet};

use crate::query::owners::{Assignment, Holder};

/// The texts many plans repeat, each kept once across the plans of a
/// site: a province's yearly plans repeat their tasks' titles year after
/// year, and thousands of plans name the same bodies. Shared by the
/// threads that load the plans; each text is copied in once, and the
/// plans keep a pointer to it. Each body and scope gets a number, in the
/// order the threads meet them: what a duty keeps of its holder.
#[derive(Debug, Default)]
pub struct Shared {
    texts: Mutex<FxHashSet<Arc<str>>>,
    bodies: Mutex<FxHashMap<Holder, u32>>,
}

impl Shared {
    /// The one copy of `text`.
    pub fn text(&self, text: &str) -> Arc<str> {
        let mut texts = self.texts.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(kept) = texts.get(text) {
            return kept.clone();
        }
        let kept: Arc<str> = text.into();
        texts.insert(kept.clone());
        kept
    }

    /// The number of `holder`.
    fn body(&self, holder: &Holder) -> u32 {
        let mut bodies = self.bodies.lock().unwrap_or_else(PoisonError::into_inner);
        let next = u32::try_from(bodies.len()).unwrap_or(u32::MAX);
        *bodies.entry(holder.clone()).or_insert(next)
    }

    /// Every body and scope met, by its number.
    pub fn into_bodies(self) -> Vec<Holder> {
        let bodies = self
            .bodies
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        let mut numbered: Vec<(u32, Holder)> = bodies.into_iter().map(|(h, at)| (at, h)).collect();
        numbered.sort_unstable_by_key(|&(at, _)| at);
        numbered.into_iter().map(|(_, holder)| holder).collect()
    }

    /// The names of one plan's duties, each name looked up here once.
    pub fn names(&self) -> Names<'_> {
        Names {
            shared: self,
            seen: FxHashMap::default(),
            bodies: FxHashMap::default(),
        }
    }
}

/// The names of one plan's duties as [`Shared`] keeps them. The duties of
/// one plan share their names, so each is looked up by its address, and
/// only a name the plan has not given yet is looked up in [`Shared`].
pub struct Names<'s> {
    shared: &'s Shared,
    /// Each name given, by its address, with its shared copy. The name is
    /// kept so that its address stays its own while the plan is read.
    seen: FxHashMap<usize, (Arc<str>, Arc<str>)>,
    /// The number of each body the plan names, by the addresses of its
    /// shared names.
    bodies: FxHashMap<(usize, usize), u32>,
}

/// Where a name lies in memory.
fn address(name: &Arc<str>) -> usize {
    Arc::as_ptr(name).cast::<u8>() as usize
}

impl Names<'_> {
    /// Gives `duty` the shared copy of each of its names; the number of
    /// its holder.
    pub fn share(&mut self, duty: &mut Assignment) -> u32 {
        self.holder(&mut duty.holder);
        if let Some(via) = &mut duty.via {
            self.holder(via);
        }
        if let Some(group) = &mut duty.group {
            self.name(group);
        }
        let holder = &duty.holder;
        let shared = self.shared;
        *self
            .bodies
            .entry((address(&holder.org), address(&holder.scope)))
            .or_insert_with(|| shared.body(holder))
    }

    fn holder(&mut self, holder: &mut Holder) {
        self.name(&mut holder.org);
        self.name(&mut holder.scope);
    }

    fn name(&mut self, name: &mut Arc<str>) {
        let shared = self.shared;
        let (_, kept) = self
            .seen
            .entry(address(name))
            .or_insert_with(|| (name.clone(), shared.text(name)));
        *name = kept.clone();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_given_twice_is_kept_once() {
        let shared = Shared::default();
        let first = shared.text("Tuyên truyền về bình đẳng giới");
        let again = shared.text(&String::from("Tuyên truyền về bình đẳng giới"));
        assert!(Arc::ptr_eq(&first, &again));
        assert_eq!(&*first, "Tuyên truyền về bình đẳng giới");
        assert!(!Arc::ptr_eq(&first, &shared.text("Tổng kết")));
    }

    #[test]
    fn the_bodies_of_two_plans_share_their_names() {
        let shared = Shared::default();
        let holder = |org: &str| Holder {
            org: org.into(),
            scope: "hue".into(),
        };
        let (mut a, mut b) = (holder("Sở Nội vụ"), holder("Sở Nội vụ"));
        shared.names().holder(&mut a);
        shared.names().holder(&mut b);
        assert!(Arc::ptr_eq(&a.org, &b.org) && Arc::ptr_eq(&a.scope, &b.scope));
        assert_eq!((&*a.org, &*a.scope), ("Sở Nội vụ", "hue"));
    }
}
