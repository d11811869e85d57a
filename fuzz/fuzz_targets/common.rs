//! What the fuzz targets share: the real plans every input is read beside.

use gplan::model::Plan;
use gplan::source::SourceMap;
use gplan::validate::{self, Outcome};

/// Each `(file, text)` loaded as a plan (their findings let go), and the
/// texts by file, so that diagnostics about them can be rendered.
pub fn load_plans(files: &[(&str, &str)]) -> (Vec<Plan>, SourceMap) {
    let mut ignored = Vec::new();
    let mut sources = SourceMap::default();
    let mut plans = Vec::new();
    for (file, text) in files {
        if let Outcome::Plan(plan) = validate::load_plan(file, text, &mut ignored) {
            plans.push(*plan);
        }
        sources.insert(file, text);
    }
    (plans, sources)
}
