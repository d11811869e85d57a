//! The bundled plans: the five seed documents, their parents and the
//! registry. These tests pin what was encoded, so an accidental deletion or
//! a broken reference fails CI.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs gplan on the bundled repository; returns (exit code, stdout).
fn bundled(args: &[&str]) -> (i32, String) {
    let output = Command::cargo_bin("gplan")
        .expect("binary")
        .env("NO_COLOR", "1")
        .env_remove("GPLAN_TODAY")
        .args([
            "--repo",
            root().to_str().expect("utf-8 path"),
            "--today",
            "2023-01-01",
        ])
        .args(args)
        .output()
        .expect("runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
    )
}

fn json(args: &[&str]) -> Vec<serde_json::Value> {
    let (_, stdout) = bundled(args);
    serde_json::from_str(&stdout).expect("valid JSON")
}

/// Task and target counts taken from the documents: a test that fails when
/// a task is lost.
const COUNTS: &[(&str, usize, usize)] = &[
    ("hung-yen/kh-53-2022", 25, 3),
    ("khong-ro-tinh/kh-218-2020", 0, 0),
    ("khong-ro-tinh/so-ngoai-vu-thang-hanh-dong-2020", 13, 2),
    ("lai-chau/kh-01-2023", 11, 0),
    ("lai-chau/kh-1415-2021", 0, 0),
    ("phu-tho/kh-38-2021", 0, 0),
    ("phu-tho/kh-btg-2016-2020", 48, 5),
    ("phu-tho/kh-sct-2021", 17, 4),
    ("vn/nq-28-2021", 0, 0),
    ("vn/qd-1696-2015", 0, 0),
    ("vn/qd-2282-2020", 0, 0),
];

#[test]
fn every_seed_plan_keeps_its_tasks_and_targets() {
    let config = gplan::config::Config::new(&root(), chrono::NaiveDate::MIN, false, true, false)
        .expect("config");
    let repo = gplan::repo::Repo::load(&config).expect("loads");
    let counts: Vec<(&str, usize, usize)> = repo
        .plans
        .iter()
        .map(|p| (p.id.value.as_str(), p.tasks.len(), p.targets.len()))
        .collect();
    let mut counts = counts;
    counts.sort();
    assert_eq!(counts, COUNTS);
}

#[test]
fn check_finds_no_errors_and_the_documents_own_flaws_as_warnings() {
    let (code, stdout) = bundled(&["check", "--format", "short"]);
    assert_eq!(code, 0, "{stdout}");
    let found: BTreeSet<String> = stdout
        .lines()
        .map(|l| {
            let mut parts = l.splitn(4, ':');
            let file = parts.next().unwrap_or("");
            let line = parts.next().unwrap_or("");
            let code = l
                .split('[')
                .nth(1)
                .and_then(|r| r.split(']').next())
                .unwrap_or("");
            format!("{file}:{line} {code}")
        })
        .collect();
    for flaw in [
        "plans/phu-tho/kh-sct-2021.toml:9 gplan::malformed-number",
        "plans/phu-tho/kh-sct-2021.toml:14 gplan::incomplete-issued",
        "plans/phu-tho/kh-sct-2021.toml:87 gplan::ref-skip",
        "plans/phu-tho/kh-btg-2016-2020.toml:215 gplan::unknown-org",
    ] {
        assert!(found.contains(flaw), "{flaw} missing from:\n{stdout}");
    }
    assert!(!stdout.contains("error["), "{stdout}");
}

#[test]
fn the_lai_chau_2023_plan_yields_its_documented_deadlines() {
    let rows = json(&[
        "due",
        "--after",
        "2023-01-01",
        "--before",
        "2023-12-31",
        "--plan",
        "lai-chau/kh-01-2023",
        "--format",
        "json",
    ]);
    let deadlines: BTreeSet<&str> = rows.iter().filter_map(|r| r["deadline"].as_str()).collect();
    assert_eq!(
        deadlines,
        [
            "2023-06-05",
            "2023-06-30",
            "2023-09-30",
            "2023-12-05",
            "2023-12-15",
            "2023-12-31"
        ]
        .into()
    );
    let hung_yen = json(&[
        "due",
        "--after",
        "2024-01-01",
        "--before",
        "2024-12-31",
        "--plan",
        "53/KH-UBND",
        "--format",
        "json",
    ]);
    let deadlines: Vec<&str> = hung_yen
        .iter()
        .filter_map(|r| r["deadline"].as_str())
        .collect();
    assert_eq!(deadlines, ["2024-11-15"]);
}

#[test]
fn so_noi_vu_owes_duties_in_two_provinces() {
    let rows = json(&["owners", "Sở Nội vụ", "--format", "json"]);
    let mut by_scope: BTreeMap<&str, Vec<(&str, &str)>> = BTreeMap::new();
    for row in &rows {
        by_scope
            .entry(row["scope"].as_str().unwrap_or(""))
            .or_default()
            .push((
                row["role"].as_str().unwrap_or(""),
                row["plan"].as_str().unwrap_or(""),
            ));
    }
    assert_eq!(
        by_scope.keys().copied().collect::<Vec<_>>(),
        ["hung-yen", "phu-tho"]
    );
    let hung_yen = &by_scope["hung-yen"];
    assert!(
        hung_yen
            .iter()
            .filter(|(role, plan)| *role == "lead" && *plan == "hung-yen/kh-53-2022")
            .count()
            >= 3,
        "{hung_yen:?}"
    );
    assert!(
        hung_yen.iter().any(|(role, _)| *role == "report"),
        "{hung_yen:?}"
    );
}

#[test]
fn every_seed_plan_sits_under_its_parent() {
    let (code, tree) = bundled(&["tree"]);
    assert_eq!(code, 0);
    let indented_under = |child: &str, parent: &str| {
        let lines: Vec<&str> = tree.lines().collect();
        let child_at = lines
            .iter()
            .position(|l| l.trim_start().starts_with(child))
            .expect("child listed");
        let depth = |l: &str| l.len() - l.trim_start().len();
        let parent_at = lines[..child_at]
            .iter()
            .rposition(|l| depth(l) < depth(lines[child_at]))
            .expect("has a parent line");
        lines[parent_at].trim_start().starts_with(parent)
    };
    for (child, parent) in [
        ("phu-tho/kh-sct-2021 ", "phu-tho/kh-38-2021 "),
        ("phu-tho/kh-38-2021 ", "vn/nq-28-2021 "),
        ("phu-tho/kh-btg-2016-2020 ", "vn/qd-1696-2015 "),
        ("lai-chau/kh-01-2023 ", "lai-chau/kh-1415-2021 "),
        ("lai-chau/kh-1415-2021 ", "vn/nq-28-2021 "),
        (
            "khong-ro-tinh/so-ngoai-vu-thang-hanh-dong-2020 ",
            "khong-ro-tinh/kh-218-2020 ",
        ),
        ("hung-yen/kh-53-2022 ", "vn/qd-2282-2020 "),
    ] {
        assert!(
            indented_under(child, parent),
            "{child} under {parent}:\n{tree}"
        );
    }
    let (_, show) = bundled(&["show", "01/BVSTBPN-VP"]);
    assert!(
        show.contains("1415/KH-UBND lai-chau/kh-1415-2021"),
        "{show}"
    );
    assert!(Path::new(&root()).join("plans/registry.toml").exists());
}

#[test]
fn the_quickstart_repository_checks_clean() {
    let output = Command::cargo_bin("gplan")
        .expect("binary")
        .env("NO_COLOR", "1")
        .args([
            "--repo",
            root()
                .join("examples/quickstart")
                .to_str()
                .expect("utf-8 path"),
            "check",
            "--format",
            "short",
        ])
        .output()
        .expect("runs");
    assert_eq!(String::from_utf8_lossy(&output.stdout), "");
    assert!(String::from_utf8_lossy(&output.stderr).starts_with("checked 3 plans, 1 registry"));
    assert_eq!(output.status.code(), Some(0));
}
