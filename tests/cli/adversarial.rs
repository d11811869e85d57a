//! Regression tests for what an adversarial trial of the release binary
//! broke, each named after what it broke. Like `hostile`, a run that
//! crashes, or hangs past the timeout, fails the test.

use std::fmt::Write as _;
use std::path::Path;
use std::process::Output;
use std::time::Duration;

use assert_cmd::Command;

/// Far above what each case needs once fixed; the cases took minutes or
/// never ended before.
const TIMEOUT: Duration = Duration::from_secs(60);

fn gplan(repo: &Path, args: &[&str]) -> Output {
    let mut cmd = Command::cargo_bin("gplan").expect("the gplan binary is built");
    cmd.env_remove("GPLAN_TODAY")
        .env("NO_COLOR", "1")
        .args(["--today", "2023-06-01", "--repo"])
        .arg(repo)
        .args(args)
        .timeout(TIMEOUT);
    let out = cmd.output().expect("gplan starts");
    let shown: Vec<String> = args.iter().map(|a| a.chars().take(40).collect()).collect();
    assert!(
        out.status.code().is_some(),
        "gplan {shown:?} died by a signal or the {TIMEOUT:?} timeout:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().expect("a parent folder")).expect("folders");
    std::fs::write(path, text).expect("a file");
}

/// A registry of 20,000 bodies and Sở Nội vụ: comparing a name with every
/// spelling took seconds per name.
fn big_registry(root: &Path) {
    let mut registry = String::new();
    for i in 0..20_000 {
        writeln!(
            registry,
            "[[org]]\nname = \"Phòng số {i} thuộc Ủy ban nhân dân xã\"\nlevel = \"unit\"\n"
        )
        .expect("a string");
    }
    registry.push_str("[[org]]\nname = \"Sở Nội vụ\"\nlevel = \"province\"\n");
    write(root, "plans/registry.toml", &registry);
}

#[test]
fn suggestions_for_unknown_names_stay_fast_with_twenty_thousand_orgs() {
    let repo = tempfile::tempdir().expect("a temporary folder");
    big_registry(repo.path());
    let mut plan = String::from(
        "[plan]\nid = \"p\"\nnumber = \"1/KH-UBND\"\ntitle = \"P\"\nissuer = \"Sở Nội vụ\"\nperiod = 2023\n",
    );
    for i in 0..100 {
        writeln!(
            plan,
            "\n[[task]]\nid = \"t{i}\"\ntitle = \"T\"\nlead = \"Sở Nội vụ số {i}\""
        )
        .expect("a string");
    }
    write(repo.path(), "plans/p.toml", &plan);
    let out = gplan(repo.path(), &["check", "--format", "json"]);
    let findings: Vec<serde_json::Value> =
        serde_json::from_slice(&out.stdout).expect("check prints JSON");
    let unknown: Vec<&serde_json::Value> = findings
        .iter()
        .filter(|f| f["code"] == "gplan::unknown-org")
        .collect();
    assert_eq!(unknown.len(), 100);
    assert!(
        unknown
            .iter()
            .all(|f| f["help"].as_str().is_some_and(|h| h.contains("Sở Nội vụ"))),
        "{unknown:?}"
    );
}

#[test]
fn owners_with_a_hundred_kilobyte_name_answers_at_once() {
    let repo = tempfile::tempdir().expect("a temporary folder");
    big_registry(repo.path());
    write(
        repo.path(),
        "plans/p.toml",
        "[plan]\nid = \"p\"\nnumber = \"1/KH-UBND\"\ntitle = \"P\"\nissuer = \"Sở Nội vụ\"\nperiod = 2023\n\n[[task]]\nid = \"t\"\ntitle = \"T\"\nlead = \"Sở Nội vụ\"\n",
    );
    let name = "Sở Nội vụ ".repeat(7_000);
    let out = gplan(repo.path(), &["owners", &name]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("matches no organisation"));
}
