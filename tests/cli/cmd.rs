//! The product's cases: `tests/cmd/<rule>.toml` runs gplan in
//! `tests/cmd/<rule>.in/` (a repository whose `gplan.toml` points at the
//! shared `tests/cmd/shared/registry.toml`) and compares the exact output and exit
//! code. `TRYCMD=overwrite cargo test --test cli cmd` rewrites the
//! expected output after a deliberate change.

#[test]
fn every_case_under_tests_cmd() {
    trycmd::TestCases::new().case("tests/cmd/*.toml");
}
