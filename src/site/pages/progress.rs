//! The actuals of the progress files, as the plans' pages show them.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rustc_hash::FxHashMap;

use crate::model::Actual;
use crate::query::status::{status, TargetState};
use crate::resolve::Index;
use crate::validate::progress::Measurement;

/// The actuals of progress files, by (plan id, target id), and where each
/// target with an actual stands, as `gplan status` judges it.
#[derive(Debug, Default)]
pub struct Progress<'p> {
    pub actuals: FxHashMap<(String, String), Vec<&'p Actual>>,
    pub states: FxHashMap<(String, String), TargetState>,
}

impl<'p> Progress<'p> {
    /// Gathers the actuals; judges the targets of the plans that have any
    /// (one plan at a time: the others have no data to judge).
    pub fn of(index: &Index<'p>, measured: &[Measurement<'p>], today: NaiveDate) -> Progress<'p> {
        let mut actuals: FxHashMap<(String, String), Vec<&'p Actual>> = FxHashMap::default();
        let mut by_plan: BTreeMap<&str, Vec<Measurement<'p>>> = BTreeMap::new();
        for m in measured {
            actuals
                .entry((m.plan.clone(), m.target.clone()))
                .or_default()
                .push(m.actual);
            by_plan.entry(&m.plan).or_default().push(Measurement {
                plan: m.plan.clone(),
                target: m.target.clone(),
                actual: m.actual,
            });
        }
        let mut states = FxHashMap::default();
        for (id, measured) in by_plan {
            let Some(at) = index.by_id(id) else {
                continue;
            };
            let one = std::slice::from_ref(&index.plans[at]);
            let found = status(
                one,
                &[],
                &measured,
                &crate::query::Filter::default(),
                None,
                today,
            );
            for row in found.targets {
                let key = (row.plan.id.value.clone(), row.target.id.value.clone());
                if actuals.contains_key(&key) {
                    states.insert(key, row.state);
                }
            }
        }
        Progress { actuals, states }
    }
}
