//! Hostile input on the surfaces beside the plans: progress files,
//! `gplan.toml`, and what `status` and `site` make of them. Each case
//! starts from a copy of `examples/quickstart` (one plan, the registry,
//! the catalogue, a progress file) with one hostile change, runs the real
//! binary within a memory and CPU bound, and asserts what a user relies
//! on: the located diagnostic, the exit code, the bytes on the terminal.
//!
//! Regression tests for bugs this suite found are named after the bug.

use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use tempfile::TempDir;

use crate::common::copy_tree;

/// The quickstart's plan, whose task `bao-cao-dinh-ky` is due
/// `["yearly 06-05", "yearly 12-05"]`.
const PLAN: &str = "plans/lai-chau/kh-01-2023.toml";
const TASK: &str = "lai-chau/kh-01-2023#bao-cao-dinh-ky";

/// What one run printed and how it exited.
struct Output {
    code: i32,
    stdout: String,
    stderr: String,
}

/// A copy of `examples/quickstart` in a temporary folder.
struct Repo {
    dir: TempDir,
}

impl Repo {
    fn new() -> Repo {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/quickstart");
        copy_tree(&from, dir.path());
        Repo { dir }
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    fn write(&self, rel: &str, text: &str) {
        let path = self.root().join(rel);
        fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
        fs::write(path, text).expect("write a test file");
    }

    /// Adds `extra` to the quickstart plan just before its first task.
    fn add_to_plan(&self, extra: &str) {
        let path = self.root().join(PLAN);
        let text = fs::read_to_string(&path).expect("the quickstart plan");
        let at = text.find("[[task]]").expect("a task");
        fs::write(&path, format!("{}{extra}\n{}", &text[..at], &text[at..])).expect("write");
    }

    /// `gplan --repo <root> <args>` within 1 GiB of address space, 20 s
    /// of CPU and 60 s in all; a crash or a death by signal fails the test.
    fn run(&self, args: &[&str]) -> Output {
        self.run_within(1024, args)
    }

    /// [`Repo::run`] within `memory_mib` of address space.
    fn run_within(&self, memory_mib: u64, args: &[&str]) -> Output {
        let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("gplan"));
        cmd.env_remove("GPLAN_TODAY")
            .env("NO_COLOR", "1")
            .env("COLUMNS", "200")
            .args(["--today", "2023-06-01", "--repo"])
            .arg(self.root())
            .args(args);
        crate::common::bound(&mut cmd, memory_mib, 20);
        let out = assert_cmd::Command::from_std(cmd)
            .timeout(Duration::from_secs(60))
            .output()
            .expect("gplan starts");
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        let code = out.status.code().unwrap_or_else(|| {
            panic!(
                "gplan {args:?} was killed ({}): over the memory or CPU bound, or a crash\n{stderr}",
                out.status
            )
        });
        assert!(
            code != 101 && !stderr.contains("panicked"),
            "gplan {args:?} panicked:\n{stderr}"
        );
        Output {
            code,
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr,
        }
    }
}

/// A target of `n` groups `g0`…, and one `[[actual]]` giving each a figure
/// under the key `<prefix><i>`.
fn groups_repo(n: usize, prefix: &str) -> Repo {
    let repo = Repo::new();
    let groups: Vec<String> = (0..n).map(|i| format!("\"g{i}\"")).collect();
    repo.add_to_plan(&format!(
        "[[target]]\nid = \"many\"\ntext = \"Many groups\"\nunit = \"%\"\ndirection = \"at-least\"\ngroups = [{}]\nmilestones = {{ 2023 = 90 }}\n",
        groups.join(", ")
    ));
    let values: Vec<String> = (0..n)
        .map(|i| format!("\"{prefix}{i}\" = {}", i % 101))
        .collect();
    repo.write(
        "progress/many.toml",
        &format!(
            "[[actual]]\ntarget = \"lai-chau/kh-01-2023#many\"\nyear = 2023\nvalue = {{ {} }}\n",
            values.join(", ")
        ),
    );
    repo
}

/// Each group's place in a `value` table was found by searching the
/// table's text for its key, and each key was looked up in the target's
/// groups one by one: 100,000 groups did not finish in 20 s. Now the keys'
/// places come from the reader and the groups are sorted once.
#[test]
fn a_value_table_of_thirty_thousand_groups_does_not_take_quadratic_time() {
    let repo = groups_repo(30_000, "g");
    let check = repo.run(&["check", "--format", "short"]);
    assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);
    let status = repo.run(&["status"]);
    assert_eq!(status.code, 0, "{}", status.stderr);
    assert!(
        status.stdout.contains("… and 29990 more"),
        "the table lists the first groups and counts the rest:\n{}",
        status.stdout
    );
    let csv = repo.run(&["status", "--format", "csv"]);
    assert!(csv.stdout.contains("g29999 "), "CSV keeps every group");
}

/// Every key unknown: each one is located, and the "did you mean" index
/// of the target's groups is built once, not once per key.
#[test]
fn thirty_thousand_unknown_group_keys_are_each_located() {
    let repo = groups_repo(30_000, "h");
    let check = repo.run(&["check", "--format", "short"]);
    assert_eq!(check.code, 1);
    let unknown: Vec<&str> = check
        .stdout
        .lines()
        .filter(|l| l.contains("unknown-group"))
        .collect();
    assert_eq!(unknown.len(), 30_000);
    assert!(
        unknown[0].starts_with("progress/many.toml:4:11: error[gplan::unknown-group]"),
        "{}",
        unknown[0]
    );
    assert!(
        check.stdout.len() < 30_000 * 200,
        "messages name a few groups, not 30,000"
    );
}

/// `value = nan` passed as a figure (and `inf`, `-inf`): `status` then
/// judged a target by a figure that compares false with everything.
#[test]
fn a_figure_that_is_not_finite_is_a_located_mistyped_field() {
    let repo = Repo::new();
    repo.add_to_plan(
        "[[target]]\nid = \"people\"\ntext = \"People\"\nunit = \"người\"\ndirection = \"at-least\"\ngroups = [\"nam\", \"nữ\"]\nmilestones = { 2023 = 90 }\n",
    );
    let actual = |value: &str| {
        format!(
            "[[actual]]\ntarget = \"lai-chau/kh-01-2023#people\"\nyear = 2023\nvalue = {value}\n\n"
        )
    };
    repo.write(
        "progress/figures.toml",
        &[
            actual("nan"),
            actual("-inf"),
            actual("{ \"nam\" = 5, \"nữ\" = +inf }"),
            actual("{ \"nam\" = -0.0, \"nữ\" = \"x\" }"),
        ]
        .concat(),
    );
    let check = repo.run(&["check", "--format", "short"]);
    let found: Vec<&str> = check.stdout.lines().collect();
    assert_eq!(
        found,
        [
            "progress/figures.toml:4:9: error[gplan::mistyped-field]: `nan` is not a figure",
            "progress/figures.toml:9:9: error[gplan::mistyped-field]: `-inf` is not a figure",
            "progress/figures.toml:14:29: error[gplan::mistyped-field]: `+inf` is not a figure",
            "progress/figures.toml:19:32: error[gplan::mistyped-field]: expected a number, or a table of numbers per group",
        ],
        "{}",
        check.stderr
    );
    assert_eq!(check.code, 1);
}

/// A report's `document` reached the `status` table raw: an escape
/// sequence set the terminal's title, a U+202E turned the line around.
#[test]
fn status_table_shows_control_characters_from_a_progress_file_escaped() {
    let repo = Repo::new();
    repo.write(
        "progress/lai-chau-2023.toml",
        &format!(
            "[[report]]\ntask = \"{TASK}\"\ndeadline = 2023-06-05\ndelivered = 2023-05-30\ndocument = \"12\\u001b]0;PWN\\u0007/BC \\u202eevil\"\n"
        ),
    );
    let status = repo.run(&["status"]);
    assert_eq!(status.code, 0, "{}", status.stderr);
    assert!(
        !status.stdout.contains(['\u{1b}', '\u{7}', '\u{202e}']),
        "{}",
        status.stdout
    );
    assert!(
        status
            .stdout
            .contains(r"12\u{1b}]0;PWN\u{7}/BC \u{202e}evil"),
        "{}",
        status.stdout
    );
}

/// JSON, CSV and calendar output carried a task title's escape sequence,
/// C1 control and U+202E raw onto the terminal that ran `--format json`.
/// JSON now escapes them (read back, the title is the same text), CSV
/// writes them as the tables do, calendar feeds as U+FFFD.
#[test]
fn machine_formats_never_write_a_terminal_control_from_a_plan() {
    let repo = Repo::new();
    let path = repo.root().join(PLAN);
    let text = fs::read_to_string(&path).expect("the quickstart plan");
    let hostile = r#"title = "Tổng hợp\u001b[2J\u009b31m báo cáo \u202eđịnh kỳ""#;
    let text = text.replacen(r#"title = "Tổng hợp báo cáo kết quả hoạt động theo định kỳ: báo cáo 6 tháng trước ngày 5/6 và báo cáo năm trước ngày 5/12""#, hostile, 1);
    fs::write(&path, text).expect("write");
    // The task's lead, whose duties `owners` lists with their titles.
    const LEAD: &str =
        "Ban Vì sự tiến bộ của phụ nữ các sở, ban, ngành, đoàn thể và các huyện, thành phố";
    let title = "Tổng hợp\u{1b}[2J\u{9b}31m báo cáo \u{202e}định kỳ";
    let raw = ['\u{1b}', '\u{9b}', '\u{202e}'];
    let runs: [&[&str]; 8] = [
        &["due", "--format", "json"],
        &["due", "--format", "csv"],
        &["due", "--format", "ics"],
        &["owners", LEAD, "--format", "json"],
        &["owners", LEAD, "--format", "csv"],
        &["status", "--format", "json"],
        &["status", "--format", "csv"],
        &["show", "lai-chau/kh-01-2023", "--format", "json"],
    ];
    for args in runs {
        let out = repo.run(args);
        assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
        assert!(!out.stdout.contains(raw), "{args:?}:\n{}", out.stdout);
        let shown = match args[args.len() - 1] {
            "json" => {
                let read: serde_json::Value = serde_json::from_str(&out.stdout).expect("JSON");
                holds(&read, title)
            }
            "csv" => out
                .stdout
                .contains(r"Tổng hợp\u{1b}[2J\u{9b}31m báo cáo \u{202e}định kỳ"),
            _ => out
                .stdout
                .contains("Tổng hợp\u{fffd}[2J\u{fffd}31m báo cáo \u{fffd}định kỳ"),
        };
        assert!(shown, "{args:?}: the title is not there\n{}", out.stdout);
    }
}

/// Whether `title` is one of the strings in `value`, at any depth.
fn holds(value: &serde_json::Value, title: &str) -> bool {
    let mut stack = vec![value];
    while let Some(value) = stack.pop() {
        match value {
            serde_json::Value::String(text) if text == title => return true,
            serde_json::Value::Array(items) => stack.extend(items),
            serde_json::Value::Object(map) => stack.extend(map.values()),
            _ => {}
        }
    }
    false
}

/// `control-character` scanned plans and the registry only: an escape
/// sequence in a report's `note` or a catalogue title passed `check`.
#[test]
fn control_characters_in_progress_files_and_the_catalogue_are_warned_about() {
    let repo = Repo::new();
    repo.write(
        "progress/lai-chau-2023.toml",
        &format!(
            "[[report]]\ntask = \"{TASK}\"\ndeadline = 2023-06-05\ndelivered = 2023-06-02\nnote = \"ok \\u001b[2J\"\n"
        ),
    );
    let catalogue = repo.root().join("plans/documents.toml");
    let text = fs::read_to_string(&catalogue).expect("the quickstart catalogue");
    fs::write(
        &catalogue,
        text.replacen("title = \"Nghị quyết", "title = \"\\u202eNghị quyết", 1),
    )
    .expect("write");
    let check = repo.run(&["check", "--format", "short"]);
    let found: Vec<&str> = check.stdout.lines().collect();
    assert_eq!(
        found,
        [
            "plans/documents.toml:9:9: warning[gplan::control-character]: bidirectional control U+202E in the text",
            "progress/lai-chau-2023.toml:5:8: warning[gplan::control-character]: control character U+001B in the text",
        ],
        "{}",
        check.stderr
    );
}

/// A path in `gplan.toml` (or a default folder that is a symbolic link)
/// made gplan read files outside the repository without a word: a
/// catalogue of `/etc/passwd` would even be quoted in the diagnostics.
/// It is still read when named, and every command says so first.
#[test]
fn paths_that_lead_outside_the_repository_are_announced() {
    let outside = tempfile::tempdir().expect("a temporary folder");
    let catalogue = outside.path().join("documents.toml");
    fs::write(&catalogue, "[[document]]\nnumber = \"1/NQ-CP\"\n").expect("write");
    fs::create_dir(outside.path().join("progress")).expect("mkdir");
    let repo = Repo::new();
    fs::rename(
        repo.root().join("progress"),
        repo.root().join("own-progress"),
    )
    .expect("mv");
    std::os::unix::fs::symlink(
        outside.path().join("progress"),
        repo.root().join("progress"),
    )
    .expect("a symbolic link");
    let repo_name = repo
        .root()
        .file_name()
        .expect("a name")
        .to_string_lossy()
        .into_owned();
    repo.write(
        "gplan.toml",
        &format!(
            "[gplan]\ndocuments = {:?}\nplans = [\"plans\", \"../{repo_name}/plans\"]\n",
            catalogue.display().to_string()
        ),
    );
    let check = repo.run(&["check", "--format", "short"]);
    let notes: Vec<&str> = check
        .stderr
        .lines()
        .filter(|l| l.starts_with("note:"))
        .collect();
    assert_eq!(
        notes,
        [
            format!(
                "note: gplan.toml:2:13: `{}` is outside the repository; gplan reads it because gplan.toml names it",
                catalogue.display()
            ),
            "note: `progress` is a symbolic link out of the repository; gplan reads what it points to"
                .to_owned(),
        ],
        "a path that climbs out and back in is inside: {}",
        check.stderr
    );
}

/// Each path of `gplan.toml` that is wrong stops gplan at its line and
/// column, escaped; a registry that is a named pipe is refused instead of
/// blocking gplan for ever.
#[test]
fn wrong_paths_in_gplan_toml_are_located_and_a_pipe_is_not_opened() {
    let repo = Repo::new();
    repo.write(
        "gplan.toml",
        "[gplan]\nplans = [\"pl\\u001b]0;x\\u0007ans\"]\n",
    );
    let out = repo.run(&["check"]);
    assert_eq!(out.code, 2);
    assert_eq!(
        out.stderr,
        "error: gplan.toml:2:10: plans folder `pl\\u{1b}]0;x\\u{7}ans` does not exist; create it, or correct `plans` in [gplan]\n"
    );
    repo.write("gplan.toml", "[gplan]\nregistry = \"plans\"\n");
    let out = repo.run(&["check"]);
    assert_eq!(
        out.stderr,
        "error: gplan.toml:2:12: registry `plans` is not a file; correct `registry` in [gplan], or remove it to use none\n"
    );
    fs::remove_file(repo.root().join("gplan.toml")).expect("rm");
    let registry = repo.root().join("plans/registry.toml");
    fs::remove_file(&registry).expect("rm");
    let status = Command::new("mkfifo")
        .arg(&registry)
        .status()
        .expect("mkfifo runs");
    assert!(status.success());
    let out = repo.run(&["check"]);
    assert_eq!(out.code, 2);
    assert_eq!(
        out.stderr,
        "error: cannot read registry `plans/registry.toml`: not a file\n"
    );
}

/// A symbolic link planted in a site folder gplan wrote (`bodies` →
/// elsewhere) made the next `site` run write its body pages through it,
/// outside `--out`. Now the run stops at the link and writes nothing
/// through it.
#[test]
fn site_writes_nothing_through_a_symbolic_link_in_its_folder() {
    let repo = Repo::new();
    let site = tempfile::tempdir().expect("a temporary folder");
    let out = site.path().join("site");
    let out_arg = out.display().to_string();
    assert_eq!(repo.run(&["site", "--out", &out_arg]).code, 0);
    let elsewhere = tempfile::tempdir().expect("a temporary folder");
    fs::remove_dir_all(out.join("bodies")).expect("rm");
    std::os::unix::fs::symlink(elsewhere.path(), out.join("bodies")).expect("a symbolic link");
    let again = repo.run(&["site", "--out", &out_arg]);
    assert_eq!(again.code, 1, "{}", again.stderr);
    assert!(
        again
            .stderr
            .contains("is not a folder (a symbolic link or a file)"),
        "{}",
        again.stderr
    );
    let written: Vec<_> = fs::read_dir(elsewhere.path()).expect("read").collect();
    assert!(written.is_empty(), "written outside --out: {written:?}");
}

/// `fmt` read a registry that is a symbolic link and replaced the link
/// with a formatted copy; and it printed file names raw, so a file named
/// with an escape sequence acted on the terminal.
#[test]
fn fmt_leaves_a_symbolic_link_alone_and_escapes_file_names() {
    let repo = Repo::new();
    let registry = repo.root().join("plans/registry.toml");
    let elsewhere = repo.root().join("shared-registry.toml");
    let messy = fs::read_to_string(&registry)
        .expect("the registry")
        .replace("name = ", "name   =   ");
    fs::write(&elsewhere, &messy).expect("write");
    fs::remove_file(&registry).expect("rm");
    std::os::unix::fs::symlink(&elsewhere, &registry).expect("a symbolic link");
    let plan = fs::read_to_string(repo.root().join(PLAN)).expect("the plan");
    repo.write(
        "plans/a\u{1b}]0;x\u{7}.toml",
        &plan.replace("title = ", "title   =   "),
    );
    let check = repo.run(&["fmt", "--check"]);
    assert_eq!(check.stdout, "plans/a\\u{1b}]0;x\\u{7}.toml\n");
    assert_eq!(check.code, 1);
    let out = repo.run(&["fmt"]);
    assert!(
        out.stderr
            .contains("left alone plans/registry.toml: a symbolic link"),
        "{}",
        out.stderr
    );
    assert!(fs::symlink_metadata(&registry).expect("there").is_symlink());
    assert_eq!(fs::read_to_string(&elsewhere).expect("read"), messy);
}

/// The `status` table was built whole before it was printed, about 1 KB
/// a row: 1,000 yearly tasks over `[1000-01-01, 9999-12-31]` owe a million
/// overdue occurrences, and the table ran out of 1 GB. It now lists the
/// first 10,000 and says how many more there are; CSV and JSON, written
/// row by row, list them all.
#[test]
fn status_table_of_half_a_million_overdue_occurrences_stays_within_256_mib() {
    let repo = Repo::new();
    let path = repo.root().join(PLAN);
    let mut plan = fs::read_to_string(&path).expect("the plan").replace(
        "period = [2023-01-01, 2023-12-31]",
        "period = [1000-01-01, 9999-12-31]",
    );
    for i in 0..500 {
        plan.push_str(&format!(
            "\n[[task]]\nid = \"t{i}\"\ntitle = \"T{i}\"\nlead = \"Sở Lao động - Thương binh và Xã hội\"\ndue = \"yearly 06-05\"\n"
        ));
    }
    fs::write(&path, plan).expect("write");
    let status = repo.run_within(256, &["status"]);
    assert_eq!(status.code, 0, "{}", status.stderr);
    assert!(
        status
            .stdout
            .contains("… and 504048 more occurrences: the table shows the first 10000"),
        "{}",
        &status.stdout[status.stdout.len().saturating_sub(400)..]
    );
}

/// Each report's deadline was looked for by walking its task's deadlines
/// from the start of the period: 18,000 reports of one yearly task over
/// 9,000 years took 4.6 s in a release build, in proportion to reports ×
/// years. Each lookup now starts at the report's year.
#[test]
fn eighteen_thousand_reports_of_one_task_over_nine_thousand_years_are_checked_fast() {
    let repo = Repo::new();
    let path = repo.root().join(PLAN);
    let plan = fs::read_to_string(&path).expect("the plan").replace(
        "period = [2023-01-01, 2023-12-31]",
        "period = [1000-01-01, 9999-12-31]",
    );
    fs::write(&path, plan).expect("write");
    let mut reports = String::new();
    for year in 1000..10_000 {
        for day in ["06-05", "12-05"] {
            reports.push_str(&format!(
                "[[report]]\ntask = \"{TASK}\"\ndeadline = {year}-{day}\ndelivered = 2023-06-02\n\n"
            ));
        }
    }
    reports.push_str(&format!(
        "[[report]]\ntask = \"{TASK}\"\ndeadline = 5000-06-04\ndelivered = 2023-06-02\n"
    ));
    repo.write("progress/lai-chau-2023.toml", &reports);
    let check = repo.run(&["check", "--format", "short", "--quiet"]);
    let errors: Vec<&str> = check
        .stdout
        .lines()
        .filter(|l| l.contains("error["))
        .collect();
    assert_eq!(
        errors,
        ["progress/lai-chau-2023.toml:90003:12: error[gplan::not-an-occurrence]: 5000-06-04 is not a deadline of `lai-chau/kh-01-2023#bao-cao-dinh-ky`"],
        "{}",
        check.stderr
    );
}

/// Plan ids `.`, `..` and `a/../b` passed `bad-id`: they read as paths
/// in a URL or a shell, though the site names their pages safely.
#[test]
fn plan_ids_with_dot_parts_are_bad_ids() {
    let repo = Repo::new();
    let plan = fs::read_to_string(repo.root().join(PLAN)).expect("the plan");
    for (file, id) in [
        ("dot", "."),
        ("dots", ".."),
        ("up", "a/../b"),
        ("here", "./a"),
    ] {
        let copy = plan
            .replace("id = \"lai-chau/kh-01-2023\"", &format!("id = \"{id}\""))
            .replace("number = ", "# number = ");
        repo.write(&format!("plans/{file}.toml"), &copy);
    }
    let check = repo.run(&["check", "--format", "short"]);
    let bad: Vec<&str> = check
        .stdout
        .lines()
        .filter(|l| l.contains("bad-id"))
        .collect();
    assert_eq!(
        bad,
        [
            "plans/dot.toml:10:6: error[gplan::bad-id]: plan id `.` is not a valid id",
            "plans/dots.toml:10:6: error[gplan::bad-id]: plan id `..` is not a valid id",
            "plans/here.toml:10:6: error[gplan::bad-id]: plan id `./a` is not a valid id",
            "plans/up.toml:10:6: error[gplan::bad-id]: plan id `a/../b` is not a valid id",
        ],
        "{}",
        check.stdout
    );
}

/// `status` walked every task's deadlines to the end of the period, to
/// find reports of later occurrences: 10,000 yearly tasks of a plan
/// running to 9999 took 9 s in a release build to list the 10,000 due
/// next week, and `--owner` first gathered every occurrence the body
/// holds (650 MB). Both now stop at the coming days or the latest report
/// (of the task for the walk, of any task for `--owner`).
#[test]
fn status_does_not_walk_deadlines_to_the_end_of_a_long_period() {
    let repo = Repo::new();
    let path = repo.root().join(PLAN);
    let mut plan = fs::read_to_string(&path).expect("the plan").replace(
        "period = [2023-01-01, 2023-12-31]",
        "period = [2023-01-01, 9999-12-31]",
    );
    for i in 0..10_000 {
        plan.push_str(&format!(
            "\n[[task]]\nid = \"t{i}\"\ntitle = \"T{i}\"\nlead = \"Sở Lao động - Thương binh và Xã hội\"\ndue = \"yearly 06-05\"\n"
        ));
    }
    fs::write(&path, plan).expect("write");
    let owner = "Sở Lao động - Thương binh và Xã hội";
    let held = repo.run_within(256, &["status", "--format", "csv", "--owner", owner]);
    assert_eq!(held.code, 0, "{}", held.stderr);
    let held_rows = held
        .stdout
        .lines()
        .filter(|l| l.starts_with("duty,"))
        .count();
    assert_eq!(
        held_rows, 10_001,
        "its 10,000 tasks due on 5 June, and one due this month"
    );
    repo.write(
        "progress/lai-chau-2023.toml",
        "[[report]]\ntask = \"lai-chau/kh-01-2023#t7\"\ndeadline = 9000-06-05\ndelivered = 2023-05-01\n",
    );
    let status = repo.run(&["status", "--format", "csv"]);
    assert_eq!(status.code, 0, "{}", status.stderr);
    let rows: Vec<&str> = status
        .stdout
        .lines()
        .filter(|l| l.starts_with("duty,"))
        .collect();
    assert_eq!(
        rows.len(),
        10_003,
        "10,000 due on 5 June, 2 other tasks due this month, 1 delivered far ahead"
    );
    assert!(
        status
            .stdout
            .contains(",t7,T7,Sở Lao động - Thương binh và Xã hội,9000-06-05,delivered,2023-05-01"),
        "a report of an occurrence far ahead is still found"
    );
}

/// A progress file over the size limit was refused with a message about
/// plan files; the limit is the same, and now says so.
#[test]
fn a_progress_file_over_the_limit_is_refused_as_one() {
    let repo = Repo::new();
    let size = 16 * 1024 * 1024 + 1;
    repo.write("progress/big.toml", &"#".repeat(size));
    let check = repo.run(&["check", "--format", "short"]);
    assert_eq!(
        check.stdout,
        format!("progress/big.toml:1:1: error[gplan::file-too-large]: file is {size} bytes; gplan reads plan and progress files up to 16777216 bytes\n")
    );
}

/// Tasks written as inline tables can put thousands on one line: the
/// site found each duty's task among those sharing its line one by one,
/// 20,000 tasks on one line took minutes. It now finds it by line and id
/// in a sorted table.
#[test]
fn the_site_of_twenty_thousand_tasks_on_one_line_stays_within_the_cpu_bound() {
    let repo = Repo::new();
    let tasks: Vec<String> = (0..20_000)
        .map(|i| {
            format!(
                "{{ id = \"t{i}\", title = \"T{i}\", lead = \"Sở Y tế\", due = \"2023-12-01\" }}"
            )
        })
        .collect();
    repo.write(
        "plans/lai-chau/inline.toml",
        &format!(
            "task = [{}]\n[plan]\nid = \"lai-chau/inline\"\nnumber = \"9/KH-UBND\"\n\
             title = \"Inline\"\nissuer = \"Sở Y tế\"\njurisdiction = \"lai-chau\"\n\
             period = [2023-01-01, 2023-12-31]\n",
            tasks.join(", ")
        ),
    );
    let out = repo.root().join("public");
    let site = repo.run(&["site", "--out", &out.to_string_lossy()]);
    assert_eq!(site.code, 0, "{}", site.stderr);
    let page = fs::read_to_string(out.join("plans/lai-chau_inline.html")).expect("its page");
    assert_eq!(page.matches("<tr id=\"task-t").count(), 20_000);
}

/// The site took every deadline of a plan's period for each duty (the
/// bodies' pages) and every deadline from the period's start for the home
/// page and the calendar: 10,000 yearly tasks running to 9999 took 1 GB
/// and 4 s. It now makes each duty's first and next deadline and those of
/// the 24 months it lists: 61 MB and 0.3 s, the same pages.
#[test]
fn the_site_of_a_plan_running_to_9999_stays_within_512_mib() {
    let repo = Repo::new();
    let path = repo.root().join(PLAN);
    let mut plan = fs::read_to_string(&path).expect("the plan").replace(
        "period = [2023-01-01, 2023-12-31]",
        "period = [1000-01-01, 9999-12-31]",
    );
    for i in 0..10_000 {
        plan.push_str(&format!(
            "\n[[task]]\nid = \"t{i}\"\ntitle = \"T{i}\"\nlead = \"Sở Lao động - Thương binh và Xã hội\"\ndue = \"yearly 06-05\"\n"
        ));
    }
    fs::write(&path, plan).expect("write");
    let out = repo.root().join("public");
    // The address space holds the binary and the threads' reserves too.
    let site = repo.run_within(512, &["site", "--out", &out.to_string_lossy()]);
    assert_eq!(site.code, 0, "{}", site.stderr);
    let calendar = fs::read_to_string(out.join("calendar.html")).expect("the calendar");
    assert!(
        calendar.contains("05/06/2023"),
        "the June deadline is listed"
    );
}

/// A name of bidi controls alone (U+202E, U+2066, U+200E), a lone
/// combining mark or a variation selector passed as a name: matching
/// ignores them, so the empty key left matched every body, and
/// `due --owner` listed every deadline with exit code 0.
#[test]
fn names_of_bidi_controls_or_lone_marks_are_blank_not_matches_for_everything() {
    let repo = Repo::new();
    for name in [
        "\u{202e}",
        "\u{2066}\u{2069}",
        "\u{200e} ",
        "\u{301}",
        "\u{fe0f}",
    ] {
        for args in [
            &["due", "--owner", name][..],
            &["owners", name],
            &["show", name],
        ] {
            refused_as_blank(&repo, args);
        }
    }
}

/// `args` name a body or a plan by a blank name: exit 2, said so, nothing
/// listed.
fn refused_as_blank(repo: &Repo, args: &[&str]) {
    let ran = repo.run(args);
    assert_eq!(ran.code, 2, "{args:?}: {}", ran.stderr);
    assert!(
        ran.stderr
            .contains("a blank name matches nothing: type at least one letter or digit"),
        "{args:?}: {}",
        ran.stderr
    );
    assert_eq!(ran.stdout, "", "{args:?}");
}

/// `status --owner " "` listed every body's duties with exit code 0, and
/// `status --plan " "` said no plan has the id ` `: the blank check that
/// `due` and `owners` make was missing from `status`.
#[test]
fn status_refuses_a_blank_owner_or_plan_as_due_does() {
    let repo = Repo::new();
    for args in [
        &["status", "--owner", " "][..],
        &["status", "--owner", "\u{202e}"],
        &["status", "--plan", ""],
        &["status", "--plan", "\u{200d}"],
    ] {
        refused_as_blank(&repo, args);
    }
}

/// `new --out` and `man --out` left their files private (`rw-------`,
/// a temporary file's mode): a plan no colleague could read, manual
/// pages in a shared folder no other user's `man` could open. A new file
/// now has the mode any new file gets (`rw-rw-rw-` less the umask).
#[cfg(unix)]
#[test]
fn files_new_and_man_write_are_as_readable_as_any_new_file() {
    use std::os::unix::fs::PermissionsExt;
    let repo = Repo::new();
    let mode = |path: &Path| fs::metadata(path).expect("a file").permissions().mode() & 0o777;
    let usual = repo.root().join("usual.txt");
    fs::write(&usual, "x").expect("write");
    let plan = repo.root().join("plans/lai-chau/kh-2024.toml");
    let new = repo.run(&[
        "new",
        "--implements",
        "lai-chau/kh-01-2023",
        "--jurisdiction",
        "lai-chau",
        "--id",
        "lai-chau/kh-2024",
        "--out",
        &plan.to_string_lossy(),
    ]);
    assert_eq!(new.code, 0, "{}", new.stderr);
    assert_eq!(mode(&plan), mode(&usual), "the new plan");
    let pages = repo.root().join("man1");
    let man = repo.run(&["man", "--out", &pages.to_string_lossy()]);
    assert_eq!(man.code, 0, "{}", man.stderr);
    assert_eq!(mode(&pages.join("gplan.1")), mode(&usual), "a manual page");
}

/// The text of `tree` and the chain `show` prints indented every level:
/// a chain of 30,000 plans made 1.8 GB of `tree`, held in memory whole,
/// and 900 MB of `show`. Indentation now stops at 32 levels, as in
/// `tree --format json`.
#[test]
fn a_chain_of_3000_plans_is_indented_32_levels_at_most() {
    let repo = Repo::new();
    let depth = 3000;
    for i in 0..depth {
        let parent = if i + 1 < depth {
            format!("implements = [\"chain/p{}\"]\n", i + 1)
        } else {
            String::new()
        };
        repo.write(
            &format!("plans/chain/p{i}.toml"),
            &format!(
                "[plan]\nid = \"chain/p{i}\"\nnumber = \"{i}/KH-X\"\ntitle = \"P{i}\"\nissuer = \"Sở Nội vụ\"\nperiod = 2023\n{parent}"
            ),
        );
    }
    let indents = |text: &str| -> Vec<usize> {
        text.lines()
            .map(|l| l.len() - l.trim_start().len())
            .collect()
    };
    let tree = repo.run(&["tree"]);
    assert_eq!(tree.code, 0, "{}", tree.stderr);
    let deepest = tree
        .stdout
        .lines()
        .find(|l| l.trim_start().starts_with("chain/p0 "))
        .expect("the deepest plan is listed");
    assert_eq!(
        deepest,
        format!("{}chain/p0  0/KH-X  2023..2023  P0", " ".repeat(4 * 32))
    );
    assert_eq!(indents(&tree.stdout).into_iter().max(), Some(4 * 32));
    let show = repo.run(&["show", "chain/p0"]);
    assert_eq!(show.code, 0, "{}", show.stderr);
    assert!(
        show.stdout.contains(&format!(
            "\n{}↑ 2999/KH-X chain/p2999 — P2999\n",
            " ".repeat(2 * 32)
        )),
        "{}",
        &show.stdout[show.stdout.len().saturating_sub(300)..]
    );
    assert_eq!(indents(&show.stdout).into_iter().max(), Some(2 * 32));
}

/// A path quoted in an error line reached a log raw (standard error
/// into a pipe or a file is not wrapped, and was not escaped either): a
/// file named with an escape sequence, passed by a glob
/// (`gplan check plans/*`) and linking out of the repository, coloured or
/// retitled the terminal the log was read on, as did `--repo` and
/// `site --out` given such a name; `site` also wrote its `--out` raw on
/// standard output.
#[cfg(unix)]
#[test]
fn paths_in_error_lines_are_escaped() {
    let repo = Repo::new();
    let root = repo.root().display().to_string();
    let run = |args: &[&str]| {
        let out = Command::new(assert_cmd::cargo::cargo_bin("gplan"))
            .env_remove("COLUMNS")
            .env("NO_COLOR", "1")
            .args(["--today", "2023-06-01"])
            .args(args)
            .output()
            .expect("gplan starts");
        let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
        (out.status.code(), text(&out.stdout), text(&out.stderr))
    };
    let elsewhere = tempfile::tempdir().expect("a temporary folder");
    fs::write(elsewhere.path().join("x.toml"), "").expect("write");
    let evil = repo.root().join("plans/e\u{1b}]0;PWN\u{7}.toml");
    std::os::unix::fs::symlink(elsewhere.path().join("x.toml"), &evil).expect("a link");
    let (code, _, stderr) = run(&["--repo", &root, "check", &evil.to_string_lossy()]);
    assert_eq!(code, Some(2));
    assert_eq!(
        stderr,
        format!("error: path `{root}/plans/e\\u{{1b}}]0;PWN\\u{{7}}.toml` is outside the repository `{root}`\n")
    );
    for command in ["check", "fmt"] {
        let (code, _, stderr) = run(&["--repo", &root, command, "no\u{1b}[31mpe.toml"]);
        assert_eq!(code, Some(2), "{command}");
        assert_eq!(
            stderr, "error: path `no\\u{1b}[31mpe.toml` does not exist\n",
            "{command}"
        );
    }
    let (code, _, stderr) = run(&["--repo", "no\u{1b}[31mpe", "check"]);
    assert_eq!(code, Some(2));
    assert_eq!(stderr, "error: --repo `no\\u{1b}[31mpe` does not exist\n");
    let out = format!("{root}/site\u{1b}[2J");
    let (code, stdout, stderr) = run(&["--repo", &root, "site", "--out", &out]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stdout.starts_with(&format!("wrote 19 files into {root}/site\\u{{1b}}[2J: ")),
        "{stdout}"
    );
    fs::remove_dir_all(&out).expect("remove the site");
    fs::write(&out, "a file").expect("write");
    let (code, _, stderr) = run(&["--repo", &root, "site", "--out", &out]);
    assert_eq!(code, Some(2));
    assert_eq!(
        stderr,
        format!("error: --out `{root}/site\\u{{1b}}[2J` is a file; name a folder\n")
    );
}

/// `fmt plans/pipe.toml` opened the named pipe and waited for a writer
/// for ever; `check plans/pipe.toml` passed it over and said "0 errors"
/// of a file it never read. Both now refuse the PATH, exit code 2.
#[cfg(unix)]
#[test]
fn a_named_pipe_given_as_a_path_is_refused_not_waited_on() {
    let repo = Repo::new();
    let status = Command::new("mkfifo")
        .arg(repo.root().join("plans/pipe.toml"))
        .status()
        .expect("mkfifo runs");
    assert!(status.success());
    let given = repo.root().join("plans/pipe.toml");
    for args in [
        &["fmt", &given.to_string_lossy()][..],
        &["fmt", "--check", &given.to_string_lossy()],
        &["check", &given.to_string_lossy()],
    ] {
        let ran = repo.run(args);
        assert_eq!(ran.code, 2, "{args:?}: {}", ran.stderr);
        assert_eq!(
            ran.stderr,
            format!(
                "error: path `{}` is not a file or a folder (a named pipe, a socket or a device); name a plan file or a folder\n",
                given.display()
            ),
            "{args:?}"
        );
    }
    // Found by the walk, it is passed over, and `-v` says so as it does of
    // a symbolic link.
    let walked = repo.run(&["check", "-v"]);
    assert!(
        walked
            .stderr
            .contains("skipped plans/pipe.toml: not a file (a named pipe, a socket or a device)\n"),
        "{}",
        walked.stderr
    );
}

/// `fmt` read a file of any size whole, and formatted a 50 MB plan that
/// `check` refuses as too large (262 MB of memory; a file of gigabytes
/// would take gigabytes). It now refuses it as `check` does, and leaves
/// it as it was.
#[test]
fn fmt_refuses_a_file_over_the_size_limit_as_check_does() {
    let repo = Repo::new();
    let limit = 16 * 1024 * 1024;
    let mut text = String::from("[plan]\nid = \"x/big\"\n# ");
    text.push_str(&"x".repeat(limit + 1 - text.len() - 1));
    text.push('\n');
    assert_eq!(text.len(), limit + 1);
    repo.write("plans/big.toml", &text);
    let path = repo.root().join("plans/big.toml");
    let shown = path.to_string_lossy();
    let finding = format!(
        "plans/big.toml:1:1: error[gplan::file-too-large]: file is {} bytes; gplan reads plan and progress files up to {limit} bytes\n",
        limit + 1
    );
    for args in [&["fmt", &shown][..], &["fmt", "--check", &shown], &["fmt"]] {
        let ran = repo.run(args);
        assert_eq!(ran.code, 1, "{args:?}: {}", ran.stderr);
        assert_eq!(ran.stderr, finding, "{args:?}");
        assert_eq!(ran.stdout, "", "{args:?}");
    }
    assert_eq!(fs::read_to_string(&path).expect("the plan"), text);
}

/// `--after` later than `--before` (the two swapped) gave an empty
/// answer, "no deadlines match" and exit code 0: good news, when nothing
/// had been looked for. It is now a usage error that gives them swapped.
#[test]
fn an_after_later_than_before_is_a_usage_error_with_the_two_swapped() {
    let repo = Repo::new();
    for args in [
        &["due", "--after", "2023-12-31", "--before", "1/1/2023"][..],
        &[
            "due",
            "--after",
            "2023-12-31",
            "--before",
            "2023-01-01",
            "--format",
            "csv",
        ],
        &["owners", "--after", "2023-12-31", "--before", "2023-01-01"],
        &[
            "owners",
            "Sở Nội vụ",
            "--after",
            "2023-12-31",
            "--before",
            "2023-01-01",
        ],
    ] {
        let ran = repo.run(args);
        assert_eq!(ran.code, 2, "{args:?}: {}", ran.stderr);
        assert_eq!(
            ran.stderr,
            "error: --after 2023-12-31 is later than --before 2023-01-01, so no day is in both; swap them: --after 2023-01-01 --before 2023-12-31\n",
            "{args:?}"
        );
        assert_eq!(ran.stdout, "", "{args:?}");
    }
    let one_day = repo.run(&["due", "--after", "2023-06-05", "--before", "2023-06-05"]);
    assert_eq!(one_day.code, 0, "{}", one_day.stderr);
    assert!(one_day.stdout.contains("2023-06-05"), "{}", one_day.stdout);
}

/// The site of one plan ended with "1 plan pages".
#[test]
fn site_counts_one_plan_page_in_the_singular() {
    let repo = Repo::new();
    let out = repo.root().join("public");
    let site = repo.run(&["site", "--out", &out.to_string_lossy()]);
    assert_eq!(site.code, 0, "{}", site.stderr);
    assert_eq!(
        site.stdout,
        format!(
            "wrote 19 files into {}: 1 plan page, 5 body pages\n",
            out.display()
        )
    );
}
