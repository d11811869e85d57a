//! Hostile input, round two, on the loading and rules side: registries
//! that loop, blank or invisible text, merge-conflict leftovers, numbers
//! past what a float holds. Each test is named after the fault it pins and
//! runs the real binary on a repository written to a temporary folder.

use std::fs;
use std::path::Path;
use std::time::Duration;

use assert_cmd::Command;
use tempfile::TempDir;

/// What one run printed and how it exited.
struct Output {
    code: i32,
    stdout: String,
    stderr: String,
}

/// A repository holding `files` (path under the repository, text).
fn repo(files: &[(&str, &str)]) -> TempDir {
    let dir = TempDir::new().expect("a temporary folder");
    fs::create_dir(dir.path().join(".git")).expect("writable");
    for (path, text) in files {
        let path = dir.path().join(path);
        fs::create_dir_all(path.parent().expect("a folder")).expect("writable");
        fs::write(path, text).expect("writable");
    }
    dir
}

/// Runs `gplan --repo <repo> <args>`, failing on a crash or a hang.
fn run(repo: &Path, args: &[&str]) -> Output {
    let output = Command::cargo_bin("gplan")
        .expect("the gplan binary is built")
        .env_remove("GPLAN_TODAY")
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .arg("--repo")
        .arg(repo)
        .args(args)
        .timeout(Duration::from_secs(60))
        .output()
        .expect("gplan starts");
    let code = output.status.code().expect("gplan exits by itself");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_ne!(code, 101, "gplan panicked\n{stderr}");
    Output {
        code,
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr,
    }
}

/// `check --format short` lines.
fn check(repo: &Path) -> (i32, Vec<String>) {
    let out = run(
        repo,
        &[
            "--today",
            "2024-06-01",
            "check",
            "--format",
            "short",
            "--quiet",
        ],
    );
    (out.code, out.stdout.lines().map(str::to_owned).collect())
}

const PLAN_HEAD: &str = "[plan]\nid = \"lai-chau/kh-01-2024\"\nnumber = \"01/KH-UBND\"\n\
title = \"Kế hoạch\"\nissuer = \"Ủy ban nhân dân tỉnh\"\njurisdiction = \"lai-chau\"\n\
issued = 2024-01-10\nperiod = [2024, 2040]\n";

const REGISTRY_HEAD: &str =
    "[[jurisdiction]]\nid = \"vn\"\nname = \"Việt Nam\"\nlevel = \"nation\"\n\n\
[[jurisdiction]]\nid = \"lai-chau\"\nname = \"Lai Châu\"\nlevel = \"province\"\nparent = \"vn\"\n\n\
[[org]]\nname = \"Ủy ban nhân dân tỉnh\"\nlevel = \"province\"\n";

#[test]
fn successor_chains_longer_than_sixteen_are_followed_to_their_end() {
    let mut registry = REGISTRY_HEAD.to_owned();
    for i in 0..20 {
        registry.push_str(&format!(
            "\n[[org]]\nname = \"Sở {i}\"\nlevel = \"province\"\ndissolved = 2025-01-01\nsuccessor = \"Sở {}\"\n",
            i + 1
        ));
    }
    registry.push_str("\n[[org]]\nname = \"Sở 20\"\nlevel = \"province\"\n");
    let plan = format!("{PLAN_HEAD}\n[[task]]\nid = \"a\"\ntitle = \"Việc\"\nlead = \"Sở 0\"\ndue = \"2030-06-30\"\n");
    let dir = repo(&[
        ("plans/registry.toml", &registry),
        ("plans/lai-chau/kh.toml", &plan),
    ]);
    let out = run(
        dir.path(),
        &[
            "--today",
            "2026-01-01",
            "owners",
            "Sở 20",
            "--format",
            "csv",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains("Sở 0"),
        "the duty reaches the last successor:\n{}",
        out.stdout
    );
}

#[test]
fn registry_cycle_of_successors_does_not_loop_or_drop_duties() {
    let registry = format!(
        "{REGISTRY_HEAD}\n[[org]]\nname = \"Sở A\"\nlevel = \"province\"\ndissolved = 2025-01-01\nsuccessor = \"Sở B\"\n\
         \n[[org]]\nname = \"Sở B\"\nlevel = \"province\"\ndissolved = 2025-01-01\nsuccessor = \"Sở A\"\n"
    );
    let plan = format!("{PLAN_HEAD}\n[[task]]\nid = \"a\"\ntitle = \"Việc\"\nlead = \"Sở A\"\ndue = \"2030-06-30\"\n");
    let dir = repo(&[
        ("plans/registry.toml", &registry),
        ("plans/lai-chau/kh.toml", &plan),
    ]);
    let (code, lines) = check(dir.path());
    assert_eq!(code, 1);
    assert_eq!(
        lines,
        ["plans/registry.toml:20:13: error[gplan::registry-cycle]: `successor` references form a cycle: `Sở A` → `Sở B` → `Sở A`"]
    );
    let out = run(
        dir.path(),
        &["--today", "2026-01-01", "due", "--format", "csv"],
    );
    assert_eq!(
        out.stdout.lines().count(),
        2,
        "the one duty, once:\n{}",
        out.stdout
    );
}

#[test]
fn blank_required_text_is_an_error_at_its_place() {
    let registry = "[[jurisdiction]]\nid = \"vn\"\nname = \"Việt Nam\"\nlevel = \"nation\"\n\n\
[[jurisdiction]]\nid = \"Lai Chau\"\nname = \" \"\nlevel = \"province\"\nparent = \"vn\"\n\n\
[[org]]\nname = \"\"\nlevel = \"province\"\n\n\
[[org]]\nname = \"Sở A\"\nshort = \"\u{200b}\"\naliases = [\"\", \"SA\"]\nlevel = \"province\"\n";
    let plan = "[plan]\nid = \"x/p\"\nnumber = \"01/KH-UBND\"\ntitle = \"\"\nissuer = \" \"\nperiod = 2024\n\n\
[[task]]\nid = \"a\"\ntitle = \"t\"\nlead = [\"\", \" \", \"Sở A\"]\ndue = \"2024-05-01\"\n\n\
[[target]]\nid = \"b\"\ntext = \"  \"\n";
    let dir = repo(&[("plans/registry.toml", registry), ("plans/x/p.toml", plan)]);
    let (code, lines) = check(dir.path());
    assert_eq!(code, 1);
    assert_eq!(
        lines,
        [
            "plans/registry.toml:7:6: error[gplan::bad-id]: jurisdiction id `Lai Chau` is not a valid id",
            "plans/registry.toml:8:8: error[gplan::missing-field]: jurisdiction `name` is blank",
            "plans/registry.toml:13:8: error[gplan::missing-field]: org `name` is blank",
            "plans/registry.toml:18:9: error[gplan::missing-field]: a name in org `short` is blank",
            "plans/registry.toml:18:10: warning[gplan::control-character]: invisible character U+200B in the text",
            "plans/registry.toml:19:12: error[gplan::missing-field]: a name in org `aliases` is blank",
            "plans/x/p.toml:4:9: error[gplan::missing-field]: plan `title` is blank",
            "plans/x/p.toml:5:10: error[gplan::missing-field]: plan `issuer` is blank",
            "plans/x/p.toml:11:9: error[gplan::missing-field]: a name in task `lead` is blank",
            "plans/x/p.toml:11:13: error[gplan::missing-field]: a name in task `lead` is blank",
            "plans/x/p.toml:16:8: error[gplan::missing-field]: target `text` is blank",
        ]
    );
}

#[test]
fn zero_width_characters_are_ignored_in_names_and_warned() {
    let registry = format!(
        "{REGISTRY_HEAD}\n[[org]]\nname = \"Sở Nội vụ\"\nlevel = \"province\"\n\
         \n[[org]]\nname = \"Sở Nội\u{200b} vụ\"\nlevel = \"province\"\n"
    );
    let plan = format!(
        "{PLAN_HEAD}\n[[task]]\nid = \"a\"\ntitle = \"Việc\"\nlead = \"Sở Nội vụ\u{2060}\"\n\
         support = \"S\\u00adở Nội vụ\"\ndue = \"2030-06-30\"\n"
    );
    let dir = repo(&[
        ("plans/registry.toml", &registry),
        ("plans/lai-chau/kh.toml", &plan),
    ]);
    let (code, lines) = check(dir.path());
    assert_eq!(code, 1);
    assert_eq!(
        lines,
        [
            "plans/lai-chau/kh.toml:13:18: warning[gplan::control-character]: invisible character U+2060 in the text",
            "plans/lai-chau/kh.toml:14:11: warning[gplan::control-character]: invisible character U+00AD in the text",
            "plans/registry.toml:21:8: error[gplan::duplicate-registry-name]: `Sở Nội\u{200b} vụ` is already in the registry",
            "plans/registry.toml:21:15: warning[gplan::control-character]: invisible character U+200B in the text",
        ]
    );
}

#[test]
fn control_characters_in_text_are_warned_where_they_stand() {
    let plan = format!(
        "{PLAN_HEAD}# a comment \u{202e} that reads backwards\n\n[[task]]\nid = \"a\"\n\
         title = \"Việc \\e[2J \u{85} \\u007f\"\nlead = \"Ủy ban nhân dân tỉnh\"\nnote = '\u{2066}'\n"
    );
    let dir = repo(&[
        ("plans/registry.toml", REGISTRY_HEAD),
        ("plans/lai-chau/kh.toml", &plan),
    ]);
    let (code, lines) = check(dir.path());
    assert_eq!(code, 0);
    assert_eq!(
        lines,
        [
            "plans/lai-chau/kh.toml:9:13: warning[gplan::control-character]: bidirectional control U+202E in the text",
            "plans/lai-chau/kh.toml:13:9: warning[gplan::control-character]: control character U+001B in the text",
            "plans/lai-chau/kh.toml:13:21: warning[gplan::control-character]: control character U+0085 in the text",
            "plans/lai-chau/kh.toml:15:9: warning[gplan::control-character]: bidirectional control U+2066 in the text",
        ]
    );
}
