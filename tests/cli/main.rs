//! End-to-end tests: the real `gplan` binary on fixture repositories under
//! `tests/fixtures/<case>/`. One test binary, one module per command.

mod adversarial;
mod authoring;
mod check_formats;
mod check_rules;
mod cmd;
mod common;
mod docs;
mod due;
mod hostile;
mod hostile_rules;
mod hostile_surfaces;
mod owners;
mod parallel;
mod places;
mod plans;
mod queries;
mod reorg;
mod rule_docs;
mod rules;
mod scripts;
mod seeds;
mod site;
mod site_browser;
mod terminal;
