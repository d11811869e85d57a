//! Names and titles kept once for the whole site while the plans load.

use std::sync::{Arc, Mutex, PoisonError};

use rustc_hash::{FxHashMap, FxHashSet};

use crate::query::owners::{Assignment, Holder};

/// The texts many plans repeat, each kept once across the plans of a
/// site: a province's yearly plans repeat their tasks' titles year after
/// year, and thousands of plans name the same bodies. Shared by the
/// threads that load the plans; each text is copied in once, and the
/// plans keep a pointer to it.
#[derive(Debug, Default)]
pub struct Shared(Mutex<FxHashSet<Arc<str>>>);

impl Shared {
    /// The one copy of `text`.
    pub fn text(&self, text: &str) -> Arc<str> {
        let mut texts = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(kept) = texts.get(text) {
            return kept.clone();
        }
        let kept: Arc<str> = text.into();
        texts.insert(kept.clone());
        kept
    }

    /// The names of one plan's duties, each name looked up here once.
    pub fn names(&self) -> Names<'_> {
        Names {
            shared: self,
            seen: FxHashMap::default(),
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
}

impl Names<'_> {
    /// Gives `duty` the shared copy of each of its names.
    pub fn share(&mut self, duty: &mut Assignment) {
        self.holder(&mut duty.holder);
        if let Some(via) = &mut duty.via {
            self.holder(via);
        }
        if let Some(group) = &mut duty.group {
            self.name(group);
        }
    }

    fn holder(&mut self, holder: &mut Holder) {
        self.name(&mut holder.org);
        self.name(&mut holder.scope);
    }

    fn name(&mut self, name: &mut Arc<str>) {
        let address = Arc::as_ptr(name).cast::<u8>() as usize;
        let shared = self.shared;
        let (_, kept) = self
            .seen
            .entry(address)
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
