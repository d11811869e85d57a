//! End-to-end tests: the real `gplan` binary on fixture repositories under
//! `tests/fixtures/<case>/`. One test binary, one module per command.

mod adversarial;
mod check_formats;
mod check_rules;
mod common;
mod docs;
mod due;
mod hostile;
mod owners;
mod parallel;
mod plans;
mod scripts;
mod seeds;
mod site;
mod site_browser;
