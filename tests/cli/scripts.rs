//! What a CI job or a script relies on: where the repository is found, and
//! what the exit code says about an empty answer or an empty repository.

use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Command, Output};

use crate::common::{fixture, run};

/// The binary without `--repo`, run from `dir`.
fn gplan_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(assert_cmd::cargo::cargo_bin("gplan"))
        .current_dir(dir)
        .env_remove("GPLAN_TODAY")
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .args(["--today", "2023-06-01"])
        .args(args)
        .output()
        .expect("gplan runs")
}

#[test]
fn a_run_inside_a_plans_subfolder_works_on_the_whole_repository() {
    let inside = fixture("valid-references").join("plans/lai-chau");
    let out = gplan_in(&inside, &["check", "--format", "short"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        String::from_utf8_lossy(&out.stdout).is_empty(),
        "no false unknown-parent from a partial view"
    );
    assert!(
        stderr.starts_with("checked 4 plans, 1 registry in "),
        "{stderr}"
    );
}

#[test]
fn a_folder_without_plans_is_a_usage_error_not_a_green_check() {
    let empty = tempfile::tempdir().expect("a temporary folder");
    std::fs::create_dir(empty.path().join(".git")).expect("a .git folder");
    for args in [&["check"][..], &["due"], &["owners"], &["tree"]] {
        let out = gplan_in(empty.path(), args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.starts_with("error: no plans found under `"),
            "{stderr}"
        );
    }
}

#[test]
fn the_search_for_the_repository_stops_at_the_git_folder() {
    let outer = tempfile::tempdir().expect("a temporary folder");
    std::fs::create_dir(outer.path().join("plans")).expect("plans/");
    let inner = outer.path().join("project");
    std::fs::create_dir_all(inner.join(".git")).expect("project/.git");
    let out = gplan_in(&inner, &["check"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("project`"), "{stderr}");
}

/// A plan with the document number `28/NQ-CP`, in canonical form.
const NQ_28: &str = "[plan]\nid = \"vn/nq-28\"\nnumber = \"28/NQ-CP\"\ntitle = \"Nghị quyết\"\n\
    issuer = \"Chính phủ\"\nperiod = 2023\n\n[[task]]\nid = \"bao-cao\"\ntitle = \"Báo cáo\"\n\
    lead = [\"Bộ Nội vụ\"]\ndue = \"2023-12-31\"\n";

/// The stray plan of `Downloads/`, in canonical form: a draft of
/// [`NQ_28`] under an id of its own.
fn draft() -> String {
    NQ_28.replace("vn/nq-28", "vn/nq-28-du-thao")
}

/// A home-like folder, `home/` in a temporary folder whose `.git` stops
/// the search for a repository: loose plans, a stray unformatted plan in
/// `Downloads/`, and two checkouts of other repositories holding the same
/// plan (one with `.git`, one with only a `plans/` folder).
fn home_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let write = |rel: &str, text: &str| {
        let path = dir.path().join(rel);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    };
    std::fs::create_dir(dir.path().join(".git")).expect(".git");
    std::fs::create_dir_all(dir.path().join("home/projA/.git")).expect("projA/.git");
    write("home/projA/plans/vn/nq-28.toml", NQ_28);
    write("home/projB/plans/nq-28.toml", NQ_28);
    write("home/loose/nq-28.toml", NQ_28);
    write(
        "home/Downloads/draft.toml",
        &draft().replace(" = ", "   =   "),
    );
    dir
}

#[test]
fn loose_plans_are_read_short_of_the_other_repositories_below_them() {
    let dir = home_folder();
    let home = dir.path().join("home");
    let out = gplan_in(&home, &["check", "-v", "--format", "short"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!stdout.contains("proj"), "{stdout}");
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(
        lines.get(..4),
        Some(
            &[
                "skipped projA: another repository (it has its own .git); run gplan inside it, or pass --repo, to",
                "    read its plans",
                "skipped projB: another repository (it has its own plans/); run gplan inside it, or pass --repo, to",
                "    read its plans",
            ][..]
        ),
        "{stderr}"
    );
    assert!(
        lines
            .get(4)
            .is_some_and(|l| l.starts_with("checked 2 plans, 0 registries in ")),
        "the loose plan and the stray one: {stderr}"
    );
    // Without -v, a query reads the same plans: two, not four.
    let show = gplan_in(&home, &["show", "28/NQ-CP"]);
    let stderr = String::from_utf8_lossy(&show.stderr);
    assert!(stderr.contains("matches 2 plans"), "{stderr}");
}

#[test]
fn fmt_without_paths_outside_a_repository_writes_nothing_and_says_why() {
    let dir = home_folder();
    let home = dir.path().join("home");
    let draft_path = home.join("Downloads/draft.toml");
    let before = std::fs::read_to_string(&draft_path).expect("draft");
    for args in [&["fmt"][..], &["fmt", "--check"]] {
        let out = gplan_in(&home, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_eq!(String::from_utf8_lossy(&out.stdout), "", "{args:?}");
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            "error: fmt without PATHS formats a plans repository, and the current folder is in none (no\n    \
             gplan.toml or plans/ folder here or above it); run it inside a repository, pass --repo DIR, or\n    \
             name the files to format\n",
            "{args:?}"
        );
    }
    assert_eq!(std::fs::read_to_string(&draft_path).expect("draft"), before);
    // Named by --repo, the folder is formatted as asked, still short of
    // the other repositories.
    let home_arg = home.to_str().expect("a UTF-8 path");
    let out = gplan_in(&home, &["--repo", home_arg, "fmt", "--check"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "Downloads/draft.toml\n"
    );
    // Named as PATHS, a file is formatted.
    let out = gplan_in(&home, &["fmt", "Downloads/draft.toml"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(&draft_path).expect("draft"),
        draft()
    );
}

#[test]
fn a_window_with_nothing_due_is_good_news_exit_0() {
    for format in ["json", "csv", "table", "ics"] {
        let due = run("due", &["due", "--after", "2100-01-01", "--format", format]);
        assert_eq!(due.code, 0, "{format}: {}", due.stderr);
        assert_eq!(due.stderr, "no deadlines match\n", "{format}");
        if format == "json" {
            assert_eq!(due.stdout, "[]\n");
        }
    }
}

#[test]
fn an_owner_name_that_matches_nothing_is_still_exit_1() {
    let due = run("due", &["due", "--owner", "Sở Không Có"]);
    assert_eq!(due.code, 1, "{}", due.stderr);
    assert!(
        due.stderr.contains("matches no organisation"),
        "{}",
        due.stderr
    );
}

#[test]
fn an_empty_gplan_today_means_unset() {
    let out = Command::new(assert_cmd::cargo::cargo_bin("gplan"))
        .env("GPLAN_TODAY", "")
        .env("NO_COLOR", "1")
        .arg("--repo")
        .arg(fixture("due"))
        .args(["due", "--after", "2023-01-01", "--format", "json"])
        .output()
        .expect("gplan runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn rayon_num_threads_above_the_machine_is_capped() {
    // 5,000 threads need ~10 GB of address space for their stacks; under a
    // 1 GiB limit the run only succeeds if the pool is capped.
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("gplan"));
    cmd.env("RAYON_NUM_THREADS", "5000")
        .env("NO_COLOR", "1")
        .arg("--repo")
        .arg(fixture("due"))
        .args(["check", "--format", "short"]);
    // SAFETY: setrlimit is async-signal-safe; nothing else runs in the child.
    unsafe {
        cmd.pre_exec(|| {
            let limit = libc::rlimit {
                rlim_cur: 1 << 30,
                rlim_max: 1 << 30,
            };
            if libc::setrlimit(libc::RLIMIT_AS, &limit) == 0 {
                Ok(())
            } else {
                Err(std::io::Error::last_os_error())
            }
        });
    }
    let out = cmd.output().expect("gplan runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn help_and_version_into_a_full_disk_exit_1() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        return;
    };
    for args in [&["--help"][..], &["--version"], &["due", "--help"], &["-h"]] {
        let out = Command::new(assert_cmd::cargo::cargo_bin("gplan"))
            .args(args)
            .stdout(full.try_clone().expect("/dev/full opens twice"))
            .output()
            .expect("gplan runs");
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("No space left on device"),
            "{args:?}"
        );
    }
}

#[test]
fn an_absolute_plans_folder_in_gplan_toml_prints_paths_with_one_slash() {
    let outside = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(
        outside.path().join("plan.toml"),
        "[plan]\nid = \"x\"\ntitle = \"X\"\nissuer = \"Y\"\nperiod = 2023\n",
    )
    .expect("a plan");
    let repo = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(
        repo.path().join("gplan.toml"),
        format!(
            "[gplan]\nplans = [{:?}]\n",
            outside.path().display().to_string()
        ),
    )
    .expect("gplan.toml");
    let out = gplan_in(repo.path(), &["check", "--format", "short"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let file = outside.path().join("plan.toml").display().to_string();
    assert!(stdout.starts_with(&format!("{file}:")), "{stdout}");
    assert!(!stdout.contains("//"), "{stdout}");
}
