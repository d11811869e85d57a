//! Output formats of `gplan check`, its summary, filters and exit codes.

use std::collections::BTreeSet;

use crate::common::{bare, fixture, on_bundled, run};

const SHORT: &str = "\
plans/lai-chau/kh-01-2023.toml:14:17: error[gplan::invalid-date]: `2023-Q7`: a quarter is Q1 to Q4
plans/lai-chau/kh-01-2023.toml:19:8: warning[gplan::unknown-org]: organisation `Sở Nội vu` is not in the registry
plans/vn/qd-2282-2020.toml:1:1: warning[gplan::missing-number]: plan `vn/qd-2282-2020` has no document number
";

#[test]
fn short_format_is_one_line_per_finding_sorted_by_file_and_line() {
    let run = run("formats", &["check", "--format", "short"]);
    assert_eq!(run.stdout, SHORT);
    assert_eq!(run.code, 1);
}

#[test]
fn json_format_has_exactly_the_documented_keys() {
    let run = run("formats", &["check", "--format", "json"]);
    let items: Vec<serde_json::Value> = serde_json::from_str(&run.stdout).expect("valid JSON");
    assert_eq!(items.len(), 3);
    let want: BTreeSet<&str> = [
        "severity",
        "code",
        "message",
        "file",
        "line",
        "column",
        "end_line",
        "end_column",
        "help",
    ]
    .into();
    for item in &items {
        let keys: BTreeSet<&str> = item
            .as_object()
            .expect("object")
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys, want);
    }
    assert_eq!(
        items[0],
        serde_json::json!({
            "severity": "error",
            "code": "gplan::invalid-date",
            "message": "`2023-Q7`: a quarter is Q1 to Q4",
            "file": "plans/lai-chau/kh-01-2023.toml",
            "line": 14,
            "column": 17,
            "end_line": 14,
            "end_column": 24,
            "help": "check the date against the document"
        })
    );
    assert_eq!(items[1]["column"], 8, "columns count characters, not bytes");
}

#[test]
fn github_format_emits_valid_workflow_commands() {
    let run = run("formats", &["check", "--format", "github"]);
    let command = regex::Regex::new(
        r"^::(error|warning) file=[^,:]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[^,:]+::[^\r\n]+$",
    )
    .expect("valid regex");
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 3);
    for line in &lines {
        assert!(command.is_match(line), "not a workflow command: {line}");
    }
    assert!(lines[0].starts_with(
        "::error file=plans/lai-chau/kh-01-2023.toml,line=14,col=17,endLine=14,endColumn=24,title=gplan%3A%3Ainvalid-date::"
    ));
    assert!(lines[0].ends_with("%0Ahelp: check the date against the document"));
}

#[test]
fn human_format_shows_snippets_without_colour() {
    let run = run("formats", &["check"]);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn the_human_format_points_where_the_short_one_does_after_vietnamese_letters() {
    // On the bundled plans some findings follow Vietnamese letters on
    // their line: columns count characters, not bytes.
    let on_bundled = |format: &str| on_bundled(&["check", "--format", format]);
    let human = on_bundled("human");
    let headers: Vec<&str> = human
        .lines()
        .filter_map(|l| {
            l.split_once("╭─[")
                .map(|(_, rest)| rest.trim_end_matches(']'))
        })
        .collect();
    let short = on_bundled("short");
    let places: Vec<&str> = short.lines().filter_map(|l| l.split(": ").next()).collect();
    assert!(
        places.iter().any(|p| p.ends_with(":242:44")),
        "the finding after `Ủy bân nhân dân`:\n{short}"
    );
    assert_eq!(headers, places, "{human}");
}

#[test]
fn summary_line_counts_plans_registry_and_findings() {
    let run = run("formats", &["check", "--format", "short"]);
    let summary =
        regex::Regex::new(r"^checked 2 plans, 1 registry in \d+ ms: 1 error, 2 warnings\n$")
            .expect("regex");
    assert!(summary.is_match(&run.stderr), "{}", run.stderr);
}

#[test]
fn quiet_drops_the_summary_and_verbose_lists_ignored_files() {
    let quiet = run("formats", &["check", "-q", "--format", "short"]);
    assert_eq!(quiet.stderr, "");
    let verbose = run("formats", &["check", "-v", "--format", "short"]);
    assert!(
        verbose
            .stderr
            .contains("ignored plans/notes/glossary.toml: no [plan] table"),
        "{}",
        verbose.stderr
    );
}

#[test]
fn paths_restrict_findings_but_the_whole_repo_is_loaded() {
    let root = fixture("formats");
    let vn = root.join("plans/vn");
    let run = run(
        "formats",
        &[
            "check",
            "--format",
            "short",
            vn.to_str().expect("utf-8 path"),
        ],
    );
    assert_eq!(
        run.stdout,
        "plans/vn/qd-2282-2020.toml:1:1: warning[gplan::missing-number]: plan `vn/qd-2282-2020` has no document number\n"
    );
    assert_eq!(run.code, 0, "only a warning is reported in that folder");
    assert!(run.stderr.contains("checked 2 plans"), "{}", run.stderr);
}

#[test]
fn deny_warnings_fails_on_warnings() {
    let root = fixture("formats");
    let vn = root.join("plans/vn/qd-2282-2020.toml");
    let vn = vn.to_str().expect("utf-8 path");
    assert_eq!(run("formats", &["check", vn]).code, 0);
    assert_eq!(run("formats", &["check", "--deny-warnings", vn]).code, 1);
}

#[test]
fn a_missing_repo_is_a_usage_error() {
    let run = run("does-not-exist", &["check"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(run.stderr.contains("does not exist"), "{}", run.stderr);
}

#[test]
fn a_repo_that_is_a_file_is_a_usage_error() {
    let run = run("formats/plans/registry.toml", &["check"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("is not a folder"), "{}", run.stderr);
}

#[test]
fn an_unreadable_registry_is_a_usage_error() {
    let run = run("registry-unreadable", &["check"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(
        run.stderr
            .starts_with("error: cannot read registry `plans/registry.toml`"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_registry_named_in_the_config_must_exist() {
    let run = run("registry-missing", &["check"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains(": registry `plans/orgs.toml` does not exist; correct `registry` in [gplan]"),
        "{}",
        run.stderr
    );
}

#[test]
fn command_line_dates_accept_iso_and_day_first_and_nothing_else() {
    for date in ["2023-12-05", "5/12/2023", "05/12/2023"] {
        let output = bare("formats")
            .args(["--today", date, "check", "-q"])
            .output()
            .expect("runs");
        assert_eq!(
            output.status.code(),
            Some(1),
            "{date} is accepted (exit 1: the fixture has an error)"
        );
    }
    // Into a log (no COLUMNS): the message is one line.
    let output = bare("formats")
        .env_remove("COLUMNS")
        .args(["--today", "12/2023", "check"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("accepted forms: 2023-12-05 (ISO), 5/12/2023 or 05/12/2023"),
        "{stderr}"
    );
}

#[test]
fn the_today_environment_variable_is_read_and_validated() {
    let ok = bare("formats")
        .env("GPLAN_TODAY", "5/12/2023")
        .args(["check", "-q"])
        .output()
        .expect("runs");
    assert_eq!(ok.status.code(), Some(1));
    let bad = bare("formats")
        .env_remove("COLUMNS")
        .env("GPLAN_TODAY", "yesterday")
        .args(["check"])
        .output()
        .expect("runs");
    assert_eq!(bad.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&bad.stderr),
        "error: GPLAN_TODAY: `yesterday` is not a date; accepted forms: 2023-12-05 (ISO), \
         5/12/2023 or 05/12/2023 (day/month/year); set it to a date, or unset it for the system date\n",
        "the message names the variable set, not --today"
    );
    let typed = bare("formats")
        .env("GPLAN_TODAY", "5/12/2023")
        .args(["--today", "tomorrow", "check"])
        .output()
        .expect("runs");
    assert_eq!(typed.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&typed.stderr)
            .starts_with("error: invalid value 'tomorrow' for '--today <DATE>'"),
        "{}",
        String::from_utf8_lossy(&typed.stderr)
    );
}

#[test]
fn colour_follows_the_color_option() {
    let always = crate::common::gplan("formats")
        .args(["--color", "always", "check"])
        .output()
        .expect("runs");
    assert!(
        String::from_utf8_lossy(&always.stdout).contains('\u{1b}'),
        "--color always colours even into a pipe"
    );
    let never = crate::common::gplan("formats")
        .env_remove("NO_COLOR")
        .args(["--color", "never", "check"])
        .output()
        .expect("runs");
    assert!(!String::from_utf8_lossy(&never.stdout).contains('\u{1b}'));
}

#[test]
fn one_bad_registry_entry_does_not_lose_the_others() {
    let run = run("registry-salvage", &["check", "--format", "short"]);
    assert_eq!(
        run.stdout,
        "\
plans/lai-chau/kh-02-2023.toml:15:11: warning[gplan::unknown-org]: organisation `Sở Nội vụ` is not in the registry
plans/registry.toml:19:1: error[gplan::unknown-field]: unknown field `levle`
plans/registry.toml:25:1: error[gplan::mistyped-field]: this entry is left out: invalid type: integer `3`, expected a string
"
    );
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("2 errors, 1 warning"),
        "`Sở Y tế` after the bad entry still resolves"
    );
}

#[test]
fn one_bad_task_does_not_lose_the_plan() {
    let check = run("plan-salvage", &["check", "--format", "short"]);
    assert_eq!(
        check.stdout,
        "\
plans/lai-chau/kh-03-2023.toml:22:1: error[gplan::unknown-field]: unknown field `suport`
plans/lai-chau/kh-03-2023.toml:25:1: error[gplan::mistyped-field]: this entry is left out: invalid type: integer `6`, expected a TOML date or a string
"
    );
    let due = run(
        "plan-salvage",
        &["due", "--after", "2023-01-01", "--format", "csv"],
    );
    assert_eq!(
        due.stdout.lines().count(),
        2,
        "the good task's deadline is still listed:\n{}",
        due.stdout
    );
    assert!(due.stdout.contains("2023-12-05"));
    assert!(
        due.stderr
            .contains("plans/lai-chau/kh-03-2023.toml has errors"),
        "{}",
        due.stderr
    );
    assert_eq!(due.code, 1, "an answer with parts left out is exit 1");
}
