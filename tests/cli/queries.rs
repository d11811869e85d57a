//! Queries (`due`, `owners`, `show`, `tree`) on hostile repositories: each
//! test is named after what broke. A run that dies by a signal or outlives
//! its timeout fails the test.

use std::fmt::Write as _;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command as Std, Stdio};
use std::time::Duration;

use assert_cmd::cargo::CommandCargoExt;
use assert_cmd::Command;

use crate::common;

const TIMEOUT: Duration = Duration::from_secs(60);

/// What one run printed and how it exited.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// `gplan <args>` on `repo`, colour off, fixed width and "today".
fn command(repo: &Path, args: &[&str]) -> Std {
    let mut cmd = Std::cargo_bin("gplan").expect("the gplan binary is built");
    cmd.env_remove("GPLAN_TODAY")
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .args(["--today", "2023-06-01", "--repo"])
        .arg(repo)
        .args(args);
    cmd
}

fn gplan(repo: &Path, args: &[&str]) -> Run {
    let out = Command::from_std(command(repo, args))
        .timeout(TIMEOUT)
        .output()
        .expect("gplan starts");
    let code = out.status.code().unwrap_or_else(|| {
        panic!(
            "gplan {args:?} died by a signal or the timeout:\n{}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    Run {
        code,
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().expect("a parent folder")).expect("folders");
    std::fs::write(path, text).expect("a file");
}

/// A plan over the years 0–9999 with 10,000 tasks of Sở Nội vụ due every
/// 31 December: 100 million deadlines if they are all made.
fn forever_repo() -> tempfile::TempDir {
    let repo = tempfile::tempdir().expect("a temporary folder");
    let mut plan = String::from(
        "[plan]\nid = \"forever\"\nnumber = \"1/KH-UBND\"\ntitle = \"F\"\nissuer = \"Sở Nội vụ\"\n\
         period = [0000-01-01, 9999-12-31]\n",
    );
    for i in 0..10_000 {
        writeln!(
            plan,
            "[[task]]\nid = \"t{i:05}\"\ntitle = \"T\"\nlead = [\"Sở Nội vụ\"]\ndue = \"yearly 12-31\"\n"
        )
        .expect("a string");
    }
    write(repo.path(), "plans/forever.toml", &plan);
    repo
}

#[test]
fn due_over_a_ten_thousand_year_period_writes_its_first_rows_at_once() {
    let repo = forever_repo();
    let mut cmd = command(repo.path(), &["due", "--format", "csv"]);
    common::bound(&mut cmd, 256, 60);
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("gplan starts");
    let mut lines = BufReader::new(child.stdout.take().expect("piped")).lines();
    let header = lines.next().and_then(Result::ok);
    let first = lines.next().and_then(Result::ok);
    child.kill().expect("still running or done");
    child.wait().expect("reaped");
    assert!(header.is_some_and(|h| h.starts_with("deadline,start,")));
    assert!(
        first
            .as_deref()
            .is_some_and(|r| r.starts_with("2023-12-31,,,forever,1/KH-UBND,t00000,")),
        "{first:?}"
    );
    // Every occurrence was made before the first row: 27 s and 5.9 GB,
    // aborted under the bound before it printed anything.
}

/// 10,000 rows are three pieces of rows formatted on their own threads:
/// the JSON is still one array, rows in task order, and the CSV one
/// header then one record per row.
#[test]
fn due_rows_formatted_in_pieces_make_one_json_array_and_one_csv() {
    let repo = forever_repo();
    let window = ["--after", "2023-01-01", "--before", "2023-12-31"];
    let json = gplan(
        repo.path(),
        &[&["due", "--format", "json"][..], &window].concat(),
    );
    assert_eq!(json.code, 0, "{}", json.stderr);
    assert!(json.stdout.starts_with("[\n  {\n") && json.stdout.ends_with("}\n]\n"));
    let rows: Vec<serde_json::Value> = serde_json::from_str(&json.stdout).expect("one array");
    let tasks: Vec<&str> = rows.iter().filter_map(|r| r["task"].as_str()).collect();
    let expected: Vec<String> = (0..10_000).map(|i| format!("t{i:05}")).collect();
    assert_eq!(tasks, expected);
    let csv = gplan(
        repo.path(),
        &[&["due", "--format", "csv"][..], &window].concat(),
    );
    let lines: Vec<&str> = csv.stdout.lines().collect();
    assert_eq!(lines.len(), 10_001);
    assert!(lines[0].starts_with("deadline,start,"));
    assert!(lines[4097].starts_with("2023-12-31,,,forever,1/KH-UBND,t04096,"));
}

/// `gplan owners` on [`forever_repo`] within 256 MiB of address space (and
/// a minute of CPU time): what it printed, or the signal that ended it.
fn owners_in_256_mib(repo: &Path, args: &[&str]) -> Result<Run, Option<i32>> {
    use std::os::unix::process::ExitStatusExt;
    let mut cmd = command(repo, &[&["owners"], args].concat());
    common::bound(&mut cmd, 256, 60);
    let out = cmd.output().expect("gplan runs");
    let code = out.status.code().ok_or(out.status.signal())?;
    Ok(Run {
        code,
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    })
}

#[test]
fn owners_over_a_ten_thousand_year_period_stays_within_256_mib() {
    // Every occurrence of every task was made for each duty: 100 million
    // deadlines, 800 MB, aborted under the limit (44 MB now).
    let repo = forever_repo();
    let summary = owners_in_256_mib(repo.path(), &["--format", "csv"]).expect("no signal");
    assert_eq!(summary.code, 0, "{}", summary.stderr);
    assert_eq!(
        summary.stdout,
        "org,scope,lead,support,group,next\nSở Nội vụ,Sở Nội vụ,10000,0,0,2023-12-31\n"
    );
    let listing =
        owners_in_256_mib(repo.path(), &["Sở Nội vụ", "--format", "csv"]).expect("no signal");
    assert_eq!(listing.code, 0, "{}", listing.stderr);
    let rows: Vec<&str> = listing.stdout.lines().collect();
    assert_eq!(rows.len(), 1 + 10_000 + 1, "the tasks, then the issuer");
    assert_eq!(
        rows[1],
        "Sở Nội vụ,Sở Nội vụ,lead,forever,1/KH-UBND,t00000,T,yearly 12-31,2023-12-31,,,plans/forever.toml,7"
    );
    let within =
        owners_in_256_mib(repo.path(), &["Sở Nội vụ", "--within", "1y"]).expect("no signal");
    assert_eq!(within.code, 0, "{}", within.stderr);
}

#[test]
fn check_over_a_ten_thousand_year_period_does_not_expand_its_deadlines() {
    // `outside-period` made every deadline of every yearly task to find
    // one outside the period (there never is one): 30 s of CPU time in a
    // debug build, 2.5 s now, nearly all of it reading the file. Ended by
    // the bound, the run has no exit code.
    let repo = forever_repo();
    let mut cmd = command(repo.path(), &["check", "--format", "short"]);
    common::bound(&mut cmd, 1024, 15);
    let out = cmd.output().expect("gplan runs");
    let run = Run {
        code: out
            .status
            .code()
            .expect("gplan ended by itself, within the bounds"),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("warning[gplan::long-period]"),
        "{}",
        run.stdout
    );
}

/// A plan of Sở Nội vụ with one task due in 2023.
fn small_repo() -> tempfile::TempDir {
    let repo = tempfile::tempdir().expect("a temporary folder");
    write(
        repo.path(),
        "plans/p.toml",
        "[plan]\nid = \"p\"\nnumber = \"1/KH-UBND\"\ntitle = \"P\"\nissuer = \"Sở Nội vụ\"\n\
         period = 2023\n[[task]]\nid = \"a\"\ntitle = \"A\"\nlead = [\"Sở Nội vụ\"]\ndue = \"2023-12-05\"\n",
    );
    repo
}

#[test]
fn blank_names_are_usage_errors_not_matches_for_everything() {
    let repo = small_repo();
    for args in [
        &["owners", ""][..],
        &["owners", "   "],
        &["owners", "\u{200d}"],
        &["due", "--owner", ""],
        &["due", "--owner", "\u{feff} "],
        &["due", "--plan", " "],
        &["due", "--jurisdiction", ""],
        &["owners", "--jurisdiction", "\t"],
        &["show", ""],
    ] {
        let run = gplan(repo.path(), args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(
            run.stderr.contains("a blank name matches nothing"),
            "{args:?}: {}",
            run.stderr
        );
        assert!(run.stdout.is_empty(), "{args:?}: {}", run.stdout);
    }
}

#[test]
fn two_files_with_one_plan_id_are_said_once_and_listed_once() {
    let repo = small_repo();
    let copy = std::fs::read_to_string(repo.path().join("plans/p.toml")).expect("the plan");
    write(repo.path(), "plans/q-copy.toml", &copy);
    let said = "warning: left out plans/q-copy.toml: its plan id `p` is the id of plans/p.toml";
    for args in [
        &["due", "--format", "csv"][..],
        &["due", "--format", "ics"],
        &["due", "--owner", "Sở Nội vụ", "--format", "csv"],
        &["owners"],
        &["owners", "Sở Nội vụ", "--format", "csv"],
        &["show", "p"],
        &["tree"],
    ] {
        let run = gplan(repo.path(), args);
        assert_eq!(run.code, 1, "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains(said), "{args:?}: {}", run.stderr);
        assert!(!run.stdout.contains("q-copy"), "{args:?}: {}", run.stdout);
    }
    let csv = gplan(repo.path(), &["due", "--format", "csv"]).stdout;
    assert_eq!(csv.lines().count(), 2, "one deadline, once:\n{csv}");
    let ics = gplan(repo.path(), &["due", "--format", "ics"]).stdout;
    assert_eq!(ics.matches("UID:").count(), 1, "{ics}");
    let tree = gplan(repo.path(), &["tree"]).stdout;
    assert_eq!(tree.matches("1/KH-UBND").count(), 1, "{tree}");
}

#[test]
fn within_is_after_today_and_before_today_plus_the_span() {
    let repo = small_repo();
    let csv = |args: &[&str]| gplan(repo.path(), args).stdout;
    let within = csv(&["due", "--within", "6m", "--format", "csv"]);
    assert_eq!(
        within,
        csv(&[
            "due",
            "--after",
            "2023-06-01",
            "--before",
            "2023-12-01",
            "--format",
            "csv"
        ])
    );
    assert_eq!(within.lines().count(), 1, "2023-12-05 is past six months");
    for span in ["27w", "187d", "1y"] {
        let listed = csv(&["due", "--within", span, "--format", "csv"]);
        assert_eq!(listed.lines().count(), 2, "{span}: {listed}");
    }
    let owners = gplan(
        repo.path(),
        &["owners", "Sở Nội vụ", "--within", "1y", "--format", "csv"],
    );
    assert!(owners.stdout.contains("2023-12-05"), "{}", owners.stdout);
    for bad in ["30", "3x", "-1d", "d"] {
        assert_eq!(
            gplan(repo.path(), &["due", "--within", bad]).code,
            2,
            "{bad}"
        );
    }
    let both = gplan(
        repo.path(),
        &["due", "--within", "1y", "--after", "2023-01-01"],
    );
    assert_eq!(both.code, 2, "{}", both.stderr);
}

#[test]
fn tree_json_of_a_chain_of_3000_implements_nests_without_overflowing() {
    let repo = tempfile::tempdir().expect("a temporary folder");
    let depth = 3000;
    for i in 0..depth {
        let parent = if i == 0 {
            String::new()
        } else {
            format!("implements = [\"p{}\"]\n", i - 1)
        };
        write(
            repo.path(),
            &format!("plans/p{i}.toml"),
            &format!(
                "[plan]\nid = \"p{i}\"\ntitle = \"P{i}\"\nissuer = \"Sở Nội vụ\"\nperiod = 2023\n{parent}"
            ),
        );
    }
    let run = gplan(repo.path(), &["tree", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    // "[", one line per plan, the closing of every plan, "]".
    assert_eq!(lines.len(), 2 * depth + 1, "{}", &run.stdout[..300]);
    assert_eq!(lines[0], "[");
    assert!(lines[1].starts_with("  {\"id\":\"p0\""), "{}", lines[1]);
    assert!(
        lines[depth].ends_with("\"children\":[]}"),
        "the deepest plan has no children: {}",
        lines[depth]
    );
    assert_eq!(lines.last(), Some(&"]"));
    let opened = run.stdout.matches('[').count();
    let closed = run.stdout.matches(']').count();
    assert_eq!(opened, closed);
}

#[test]
fn a_plan_without_jurisdiction_names_its_scope_after_its_issuer() {
    let repo = tempfile::tempdir().expect("a temporary folder");
    write(
        repo.path(),
        "plans/p.toml",
        "[plan]\nid = \"p\"\ntitle = \"P\"\nissuer = \"Ủy ban nhân dân tỉnh\"\nperiod = 2023\n\
         [[task]]\nid = \"a\"\ntitle = \"A\"\nlead = [\"Ủy ban nhân dân tỉnh\"]\ndue = \"2023-12-05\"\n",
    );
    let run = gplan(repo.path(), &["owners", "Ủy ban nhân dân tỉnh"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let first = run.stdout.lines().next().unwrap_or_default();
    assert_eq!(
        first,
        "Ủy ban nhân dân tỉnh — issued by Ủy ban nhân dân tỉnh, no jurisdiction"
    );
}

#[test]
fn a_jurisdiction_only_plans_name_is_found_by_its_spelling_without_a_registry() {
    let repo = small_repo();
    write(
        repo.path(),
        "plans/q.toml",
        "[plan]\nid = \"q\"\ntitle = \"Q\"\nissuer = \"Sở Nội vụ\"\njurisdiction = \"lai-chau\"\n\
         period = 2023\n[[task]]\nid = \"a\"\ntitle = \"A\"\nlead = [\"Sở Y tế\"]\ndue = \"2023-12-05\"\n",
    );
    for place in ["lai-chau", "Lai Châu", "laichau"] {
        let owners = gplan(
            repo.path(),
            &["owners", "--jurisdiction", place, "--format", "csv"],
        );
        assert_eq!(owners.code, 0, "{place}: {}", owners.stderr);
        assert_eq!(
            owners.stdout,
            "org,scope,lead,support,group,next\n\
             Sở Nội vụ,lai-chau,0,0,0,\n\
             Sở Y tế,lai-chau,1,0,0,2023-12-05\n",
            "{place}"
        );
        let due = gplan(
            repo.path(),
            &["due", "--jurisdiction", place, "--format", "csv"],
        );
        assert_eq!(due.code, 0, "{place}: {}", due.stderr);
        assert_eq!(due.stdout.lines().count(), 2, "{place}: {}", due.stdout);
    }
}
