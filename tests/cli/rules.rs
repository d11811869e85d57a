//! `gplan rules`, `gplan explain` and rule levels in `gplan.toml`.

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

use crate::common::fixture;

/// The binary on `repo`, without colour, at a fixed "today".
fn gplan(repo: &Path, args: &[&str]) -> (i32, String, String) {
    let output = Command::cargo_bin("gplan")
        .expect("the gplan binary is built")
        .env_remove("GPLAN_TODAY")
        .env("NO_COLOR", "1")
        .arg("--repo")
        .arg(repo)
        .args(["--today", "2023-06-01"])
        .args(args)
        .output()
        .expect("gplan runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn rules_json_lists_every_code_with_exactly_code_severity_and_summary() {
    let (code, stdout, _) = gplan(&fixture("forest"), &["rules", "--format", "json"]);
    assert_eq!(code, 0);
    let rows: Vec<Value> = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(rows.len(), gplan::diagnostic::Code::ALL.len());
    for (row, code) in rows.iter().zip(gplan::diagnostic::Code::ALL) {
        let keys: Vec<&str> = row
            .as_object()
            .expect("object")
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys, ["code", "severity", "summary"]);
        assert_eq!(row["code"], code.name());
        assert_eq!(row["severity"], code.severity().as_str());
        assert_eq!(row["summary"], code.summary());
    }
    assert_eq!(rows[0]["code"], "gplan::toml-syntax");
}

#[test]
fn rules_table_has_one_aligned_line_per_rule() {
    let (code, stdout, _) = gplan(&fixture("forest"), &["rules"]);
    assert_eq!(code, 0);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), gplan::diagnostic::Code::ALL.len() + 1);
    assert!(lines[0].starts_with("CODE "), "{}", lines[0]);
    assert!(
        stdout.contains("\ngplan::not-nfc                  warning   text is not in Unicode NFC\n"),
        "{stdout}"
    );
}

#[test]
fn explain_prints_the_same_documentation_with_or_without_the_prefix() {
    let (code, with, _) = gplan(&fixture("forest"), &["explain", "gplan::unknown-parent"]);
    assert_eq!(code, 0);
    let (_, without, _) = gplan(&fixture("forest"), &["explain", "unknown-parent"]);
    assert_eq!(with, without);
    assert!(with.starts_with(
        "gplan::unknown-parent: `implements` names a plan that is not in the repository (default level: error; phase: repository)\n\n## What it finds\n"
    ), "{with}");
    for section in [
        "## Why it matters",
        "## Example",
        "```toml",
        "## How to fix",
    ] {
        assert!(with.contains(section), "{section}: {with}");
    }
}

#[test]
fn explain_of_an_unknown_code_exits_2_naming_the_closest() {
    let (code, stdout, stderr) = gplan(&fixture("forest"), &["explain", "gplan::missing-numbr"]);
    assert_eq!(code, 2);
    assert_eq!(stdout, "");
    assert_eq!(
        stderr,
        "error: unknown rule code `gplan::missing-numbr`; did you mean `missing-number`, `missing-field`, `ambiguous-number`? (`gplan rules` lists every code)\n"
    );
}

/// A copy of the `tests/cmd/missing-number.in` case (one `missing-number`
/// warning) with this `gplan.toml`.
fn with_config(config: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let from = fixture("../cmd/missing-number.in");
    for entry in walk(&from) {
        let to = dir.path().join(entry.strip_prefix(&from).expect("inside"));
        std::fs::create_dir_all(to.parent().expect("parent")).expect("mkdir");
        std::fs::copy(&entry, &to).expect("copy");
    }
    std::fs::write(dir.path().join("gplan.toml"), config).expect("write config");
    dir
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(dir) = todo.pop() {
        for entry in std::fs::read_dir(&dir).expect("read dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                todo.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files
}

const FINDING: &str = "plans/lai-chau/kh-01-2023.toml:3:1: ";

#[test]
fn without_levels_the_default_severity_holds() {
    let repo = with_config("");
    let (code, stdout, _) = gplan(repo.path(), &["check", "--format", "short", "-q"]);
    assert_eq!(
        (code, stdout.as_str()),
        (0, format!("{FINDING}warning[gplan::missing-number]: plan `lai-chau/kh-01-2023` has no document number\n").as_str())
    );
}

#[test]
fn allow_drops_the_findings_of_a_rule() {
    let repo = with_config("[check.levels]\nmissing-number = \"allow\"\n");
    let (code, stdout, stderr) = gplan(
        repo.path(),
        &["check", "--format", "short", "--deny-warnings"],
    );
    assert_eq!((code, stdout.as_str()), (0, ""));
    assert!(stderr.contains(": 0 errors, 0 warnings"), "{stderr}");
}

#[test]
fn error_upgrades_a_warning_and_fails_the_run() {
    let repo = with_config("[check.levels]\n\"gplan::missing-number\" = \"error\"\n");
    let (code, stdout, stderr) = gplan(repo.path(), &["check", "--format", "short"]);
    assert_eq!(code, 1);
    assert_eq!(
        stdout,
        format!("{FINDING}error[gplan::missing-number]: plan `lai-chau/kh-01-2023` has no document number\n")
    );
    assert!(stderr.contains(": 1 error, 0 warnings"), "{stderr}");
    let (_, json, _) = gplan(repo.path(), &["check", "--format", "json"]);
    assert!(json.contains("\"severity\": \"error\""), "{json}");
}

#[test]
fn warning_downgrades_an_error() {
    let dir = with_config("[check.levels]\nbad-id = \"warning\"\n");
    let plan = dir.path().join("plans/lai-chau/kh-01-2023.toml");
    let text = std::fs::read_to_string(&plan).expect("plan");
    std::fs::write(
        &plan,
        text.replace("id = \"tap-huan\"", "id = \"Tap huan\""),
    )
    .expect("write");
    let (code, stdout, _) = gplan(dir.path(), &["check", "--format", "short", "-q"]);
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains("warning[gplan::bad-id]"), "{stdout}");
    let (code, _, _) = gplan(dir.path(), &["check", "--deny-warnings", "-q"]);
    assert_eq!(code, 1);
}

#[test]
fn an_unknown_code_or_level_is_a_usage_error_at_its_line() {
    let repo =
        with_config("[gplan]\nplans = [\"plans\"]\n\n[check.levels]\nmissing-numbr = \"allow\"\n");
    let (code, stdout, stderr) = gplan(repo.path(), &["check"]);
    assert_eq!((code, stdout.as_str()), (2, ""));
    assert_eq!(
        stderr,
        "error: gplan.toml:5:1: unknown rule code `missing-numbr` in [check.levels]; did you mean `missing-number`, `missing-field`, `ambiguous-number`? (`gplan rules` lists every code)\n"
    );
    let repo = with_config("[check.levels]\nnot-nfc = \"deny\"\n");
    let (code, _, stderr) = gplan(repo.path(), &["check"]);
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "error: gplan.toml:2:11: unknown level `deny` for `not-nfc` (use allow, warning or error)\n"
    );
}

/// stdout of `gplan <args>` on a terminal of `width` columns (`COLUMNS`).
fn at_width(width: usize, args: &[&str]) -> String {
    let output = Command::cargo_bin("gplan")
        .expect("the gplan binary is built")
        .env("NO_COLOR", "1")
        .env("COLUMNS", width.to_string())
        .arg("--repo")
        .arg(fixture("forest"))
        .args(args)
        .output()
        .expect("gplan runs");
    assert!(output.status.success());
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn rules_table_wraps_each_summary_under_its_column_on_a_terminal() {
    let stdout = at_width(80, &["rules"]);
    assert!(stdout.starts_with(RULES_AT_80), "{stdout}");
    assert!(stdout.lines().all(|l| l.chars().count() <= 80), "{stdout}");
}

#[test]
fn rules_are_paragraphs_where_the_codes_leave_the_summary_no_room() {
    let stdout = at_width(40, &["rules"]);
    assert!(stdout.starts_with(RULES_AT_40), "{stdout}");
    assert!(stdout.lines().all(|l| l.chars().count() <= 40), "{stdout}");
}

/// Each paragraph is wrapped as one: its lines as the documentation
/// breaks them left a ragged "one: II.3 then II.5, or" line; code keeps
/// its lines.
#[test]
fn explain_wraps_its_prose_to_the_terminal() {
    let stdout = at_width(40, &["explain", "ref-skip"]);
    assert!(stdout.starts_with(EXPLAIN_AT_40), "{stdout}");
    assert!(stdout.lines().all(|l| l.chars().count() <= 40), "{stdout}");
}

const RULES_AT_80: &str = "\
CODE                            LEVEL     SUMMARY
gplan::toml-syntax              error     the file is not valid TOML
gplan::not-utf8                 error     the file is not UTF-8 text
gplan::unreadable-file          error     the file could not be read
gplan::file-too-large           error     the file is larger than gplan reads
gplan::unknown-field            error     a field or table gplan does not know
                                          (often a typo)
gplan::mistyped-field           error     a field has the wrong type or an
                                          unknown value
";

const RULES_AT_40: &str = "\
gplan::toml-syntax · error
    the file is not valid TOML
gplan::not-utf8 · error
    the file is not UTF-8 text
";

const EXPLAIN_AT_40: &str = "\
gplan::ref-skip: section numbering of
tasks skips a number (II.3 then II.5)
(default level: warning; phase: plan)

## What it finds

Task section numbers (`ref`) that skip
one: II.3 then II.5, or II.3 then
II.5.a. Every level counts (II.2.a
numbers II.2); repeated sections (one
duty per agency) are fine, and top-level
parts are compared only when every ref
is one level deep.

## Why it matters

A skipped number usually means a task
was left out when the plan was typed in.

## Example

```toml
[[task]]
id = \"a\"
ref = \"II.3\"
";
