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

#[test]
fn merge_conflict_markers_are_named_at_their_line() {
    let conflict = format!(
        "{PLAN_HEAD}\n[[task]]\nid = \"a\"\n<<<<<<< HEAD\ntitle = \"Việc cũ\"\n=======\ntitle = \"Việc mới\"\n\
         >>>>>>> nhanh-khac\nlead = \"Ủy ban nhân dân tỉnh\"\n"
    );
    let in_string = format!(
        "{PLAN_HEAD}note = \"\"\"\n<<<<<<< HEAD\nGhi chú cũ\n=======\nGhi chú mới\n>>>>>>> nhanh-khac\n\"\"\"\n"
    )
    .replace("lai-chau/kh-01-2024", "lai-chau/kh-02-2024");
    let dir = repo(&[
        ("plans/registry.toml", REGISTRY_HEAD),
        ("plans/lai-chau/a.toml", &conflict),
        ("plans/lai-chau/b.toml", &in_string),
    ]);
    let (code, lines) = check(dir.path());
    assert_eq!(code, 1);
    assert_eq!(
        lines,
        [
            "plans/lai-chau/a.toml:12:1: error[gplan::toml-syntax]: unresolved merge conflict: `<<<<<<< HEAD`",
            "plans/lai-chau/b.toml:1:1: warning[gplan::empty-plan]: plan `lai-chau/kh-02-2024` has neither tasks nor targets",
            "plans/lai-chau/b.toml:10:1: warning[gplan::conflict-marker]: merge-conflict marker `<<<<<<< HEAD` inside a string",
            "plans/lai-chau/b.toml:12:1: warning[gplan::conflict-marker]: merge-conflict marker `=======` inside a string",
            "plans/lai-chau/b.toml:14:1: warning[gplan::conflict-marker]: merge-conflict marker `>>>>>>> nhanh-khac` inside a string",
        ]
    );
}

#[test]
fn git_lfs_pointer_gets_its_own_message() {
    let pointer = "version https://git-lfs.github.com/spec/v1\n\
oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 12345\n";
    let dir = repo(&[
        ("plans/registry.toml", pointer),
        ("plans/lai-chau/a.toml", pointer),
    ]);
    let (code, lines) = check(dir.path());
    assert_eq!(code, 1);
    assert_eq!(
        lines,
        [
            "plans/lai-chau/a.toml:1:1: error[gplan::toml-syntax]: this is a Git LFS pointer, not the file's content",
            "plans/registry.toml:1:1: error[gplan::toml-syntax]: this is a Git LFS pointer, not the file's content",
        ]
    );
}

#[test]
fn a_syntax_error_anywhere_leaves_the_whole_file_out() {
    for (value, message) in [
        (
            "0999",
            "TOML syntax: unexpected leading zero, expected nothing",
        ),
        (
            "0x",
            "TOML syntax: `0x` is not a number: write digits after `0x`, or quote it as text",
        ),
        ("1e999", "TOML syntax: `1e999` is too large for a number"),
    ] {
        let plan = format!(
            "{PLAN_HEAD}\n[[task]]\nid = \"a\"\ntitle = \"Việc\"\nnote = {value}\ndue = \"2030-06-30\"\n\
             \n[[task]]\nid = \"b\"\ntitle = \"Việc\"\ndue = \"2030-06-30\"\n"
        );
        let dir = repo(&[
            ("plans/registry.toml", REGISTRY_HEAD),
            ("plans/lai-chau/kh.toml", &plan),
        ]);
        let (code, lines) = check(dir.path());
        assert_eq!(code, 1);
        assert_eq!(
            lines,
            [format!(
                "plans/lai-chau/kh.toml:13:8: error[gplan::toml-syntax]: {message}"
            )]
        );
        let out = run(
            dir.path(),
            &["--today", "2024-06-01", "due", "--format", "csv"],
        );
        assert_eq!(out.code, 1);
        assert_eq!(
            out.stdout.lines().count(),
            1,
            "no task of the file is listed:\n{}",
            out.stdout
        );
        assert!(
            out.stderr.contains("left out plans/lai-chau/kh.toml"),
            "{}",
            out.stderr
        );
    }
}

#[test]
fn milestone_keys_are_four_digits() {
    let plan = format!(
        "{PLAN_HEAD}\n[[target]]\nid = \"a\"\ntext = \"Tỷ lệ\"\nunit = \"%\"\nmilestones = {{ 02030 = 5, 2030 = 6 }}\n"
    );
    let dir = repo(&[
        ("plans/registry.toml", REGISTRY_HEAD),
        ("plans/lai-chau/kh.toml", &plan),
    ]);
    let (code, lines) = check(dir.path());
    assert_eq!(code, 1);
    assert_eq!(
        lines,
        ["plans/lai-chau/kh.toml:14:16: error[gplan::mistyped-field]: milestone key `02030` is not a year"]
    );
}

#[test]
fn milestones_past_two_to_the_53_compare_exactly() {
    let parent = "[plan]\nid = \"vn/kh\"\nnumber = \"1/KH-TTg\"\ntitle = \"Kế hoạch\"\nissuer = \"Ủy ban nhân dân tỉnh\"\n\
                  period = [2021, 2030]\n\n[[target]]\nid = \"so-nguoi\"\ntext = \"Số người\"\n\
                  milestones = { 2025 = 9007199254740993, 2030 = 0.30000000000000000001 }\n";
    let child = "[plan]\nid = \"lai-chau/kh\"\nnumber = \"2/KH-UBND\"\ntitle = \"Kế hoạch\"\nissuer = \"Ủy ban nhân dân tỉnh\"\n\
                 jurisdiction = \"lai-chau\"\nperiod = [2021, 2030]\nimplements = [\"vn/kh\"]\n\n[[target]]\nid = \"so-nguoi\"\n\
                 text = \"Số người\"\nmilestones = { 2025 = 9007199254740992, 2030 = 0.3 }\nrefines = \"vn/kh#so-nguoi\"\n";
    let dir = repo(&[
        ("plans/registry.toml", REGISTRY_HEAD),
        ("plans/vn/kh.toml", parent),
        ("plans/lai-chau/kh.toml", child),
    ]);
    let (code, lines) = check(dir.path());
    assert_eq!(code, 0);
    assert_eq!(
        lines,
        [
            "plans/lai-chau/kh.toml:13:23: warning[gplan::weaker-target]: target `so-nguoi` asks for 9007199254740992 in 2025, weaker than 9007199254740993 in the target it refines",
            "plans/lai-chau/kh.toml:13:48: warning[gplan::weaker-target]: target `so-nguoi` asks for 0.3 in 2030, weaker than 0.30000000000000000001 in the target it refines",
            "plans/lai-chau/kh.toml:13:48: warning[gplan::direction-suspect]: target `so-nguoi` is a floor, but its figure falls from 9007199254740992 in 2025 to 0.3 in 2030",
            "plans/vn/kh.toml:11:48: warning[gplan::direction-suspect]: target `so-nguoi` is a floor, but its figure falls from 9007199254740993 in 2025 to 0.30000000000000000001 in 2030",
        ]
    );
    let out = run(
        dir.path(),
        &["--today", "2024-06-01", "show", "vn/kh", "--format", "json"],
    );
    assert!(out.stdout.contains("9007199254740993"), "{}", out.stdout);
}

#[test]
fn reference_cycle_names_links_that_exist() {
    // From `a` the walk took the smallest next plan, `c`, whose only link
    // leads back to `b`, and closed the cycle with a link `c` → `a` that
    // no plan writes.
    let plan = |id: &str, implements: &str| {
        format!(
            "[plan]\nid = \"{id}\"\nnumber = \"1/KH-UBND\"\ntitle = \"P\"\n\
             issuer = \"Sở Nội vụ\"\nperiod = 2023\nimplements = [{implements}]\n"
        )
    };
    let files = [
        ("plans/a.toml", plan("a", "\"b\"")),
        ("plans/b.toml", plan("b", "\"c\", \"d\"")),
        ("plans/c.toml", plan("c", "\"b\"")),
        ("plans/d.toml", plan("d", "\"a\"")),
    ];
    let files: Vec<(&str, &str)> = files.iter().map(|(p, t)| (*p, t.as_str())).collect();
    let dir = repo(&files);
    let (_, lines) = check(dir.path());
    let cycles: Vec<&String> = lines
        .iter()
        .filter(|l| l.contains("reference-cycle"))
        .collect();
    // One cycle: the four plans reach each other.
    assert_eq!(
        cycles,
        ["plans/a.toml:7:15: error[gplan::reference-cycle]: \
          plans implement each other in a cycle: a → b → d → a"],
    );
}
