//! `gplan fmt` and `gplan new`: the only commands that write, and only
//! where told.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use tempfile::TempDir;
use unicode_normalization::UnicodeNormalization;

use crate::common::copy_tree;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A copy of the bundled plans (or of any folder) in a temporary folder.
struct Copy {
    dir: TempDir,
}

impl Copy {
    fn of(plans: &Path) -> Copy {
        let copy = Copy {
            dir: tempfile::tempdir().expect("a temporary folder"),
        };
        copy_tree(plans, &copy.path("plans"));
        copy
    }

    fn empty() -> Copy {
        Copy {
            dir: tempfile::tempdir().expect("a temporary folder"),
        }
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    fn write(&self, rel: &str, text: &str) {
        let path = self.path(rel);
        fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
        fs::write(path, text).expect("write");
    }

    fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.path(rel)).expect("read")
    }

    fn command(&self, args: &[&str]) -> std::process::Command {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_gplan"));
        cmd.env("NO_COLOR", "1")
            .env_remove("GPLAN_TODAY")
            .arg("--repo")
            .arg(self.dir.path())
            .args(args);
        cmd
    }

    fn run(&self, args: &[&str]) -> Ran {
        Ran::from(self.command(args).output().expect("gplan runs"))
    }
}

struct Ran {
    code: i32,
    stdout: String,
    stderr: String,
}

impl From<Output> for Ran {
    fn from(output: Output) -> Ran {
        Ran {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }
}

/// Every `.toml` file under `dir`, relative to it, sorted.
fn toml_files(dir: &Path) -> Vec<String> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in fs::read_dir(&folder).expect("read a folder") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "toml") {
                let rel = path.strip_prefix(dir).expect("under dir");
                files.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    files.sort();
    files
}

// --- fmt --------------------------------------------------------------------

#[test]
fn the_bundled_plans_and_the_quickstart_are_formatted() {
    for repo in [root(), root().join("examples/quickstart")] {
        let output = Command::cargo_bin("gplan")
            .expect("binary")
            .arg("--repo")
            .arg(&repo)
            .args(["fmt", "--check"])
            .output()
            .expect("runs");
        let ran = Ran::from(output);
        assert_eq!((ran.code, ran.stdout.as_str()), (0, ""), "{}", ran.stderr);
    }
}

/// A plan written by hand, every way the canonical form undoes.
const MESSY: &str = "\
# Kế hoạch thử: comments stay where they are written.

[[task]]
title = 'Kiểm tra'   # as the document words it
    id = \"kiem-tra\"
lead = [
    \"Sở Nội vụ\", # chủ trì
    \"Sở Tư pháp\"
]
due = \"2024-Q2\"

[plan]
# The period of the document.
period = 2024
title = \"Kế hoạch năm 2024\"
id = \"lai-chau/kh-thu-2024\"
issuer = \"U\u{309}y ban nha\u{302}n da\u{302}n ti\u{309}nh\"
number = \"5/KH-UBND\"
jurisdiction = \"lai-chau\"

[[target]]
id = \"ty-le\"
unit = \"%\"
text = \"Tỷ lệ\"
milestones = {2024=50}


# The last task.
[[task]]
id = \"bao-cao\"
title = \"Báo cáo\"
support = [\"Sở Nội vụ\",
  \"Sở Tư pháp\"]
";

#[test]
fn fmt_writes_the_canonical_form_and_keeps_every_comment() {
    let repo = Copy::empty();
    repo.write("plans/lai-chau/kh-thu-2024.toml", MESSY);
    let ran = repo.run(&["fmt"]);
    assert_eq!(
        (ran.code, ran.stdout.as_str(), ran.stderr.as_str()),
        (0, "", "")
    );
    let formatted = repo.read("plans/lai-chau/kh-thu-2024.toml");
    insta::assert_snapshot!(formatted);
    let again = repo.run(&["fmt", "--check"]);
    assert_eq!((again.code, again.stdout.as_str()), (0, ""));
}

#[test]
fn fmt_check_lists_the_files_that_would_change_and_writes_nothing() {
    let repo = Copy::empty();
    repo.write("plans/a.toml", "[plan]\ntitle = 'A'\nid = \"a\"\n");
    repo.write("plans/b.toml", "[plan]\nid = \"b\"\ntitle = \"B\"\n");
    repo.write("plans/notes.toml", "x = 'not a plan'\n");
    let ran = repo.run(&["fmt", "--check"]);
    assert_eq!((ran.code, ran.stdout.as_str()), (1, "plans/a.toml\n"));
    assert_eq!(
        repo.read("plans/a.toml"),
        "[plan]\ntitle = 'A'\nid = \"a\"\n"
    );
    let diff = repo.run(&["fmt", "--check", "-v", "plans/a.toml"]);
    assert_eq!(diff.code, 1);
    assert_eq!(
        diff.stdout,
        "plans/a.toml\n--- a/plans/a.toml\n+++ b/plans/a.toml\n@@ -1,3 +1,3 @@\n [plan]\n-title = 'A'\n id = \"a\"\n+title = \"A\"\n"
    );
    let written = repo.run(&["fmt", "-v"]);
    assert_eq!(
        (written.code, written.stderr.as_str()),
        (
            0,
            "formatted plans/a.toml\nleft alone plans/notes.toml: not a plan, the registry, the catalogue or a progress file\n"
        )
    );
    assert_eq!(repo.read("plans/notes.toml"), "x = 'not a plan'\n");
}

#[test]
fn fmt_puts_the_catalogue_and_progress_files_in_their_documented_order() {
    let repo = Copy::empty();
    repo.write(
        "plans/a.toml",
        "[plan]\nid = \"a\"\ntitle = \"A\"\nissuer = \"B\"\nperiod = 2024\n\n[[task]]\nid = \"t\"\ntitle = \"T\"\ndue = \"yearly 11-15\"\n",
    );
    repo.write(
        "plans/documents.toml",
        "[[document]]\ntitle = 'Phê duyệt'\nnumber = \"2232/QĐ-TTg\"\n",
    );
    repo.write(
        "progress/a.toml",
        "[[report]]\ndelivered = 2024-11-10\ntask = 'a#t'\ndeadline = 2024-11-15\n",
    );
    let ran = repo.run(&["fmt", "--check"]);
    assert_eq!(
        (ran.code, ran.stdout.as_str()),
        (1, "plans/documents.toml\nprogress/a.toml\n")
    );
    assert_eq!(repo.run(&["fmt"]).code, 0);
    assert_eq!(
        repo.read("plans/documents.toml"),
        "[[document]]\nnumber = \"2232/QĐ-TTg\"\ntitle = \"Phê duyệt\"\n"
    );
    assert_eq!(
        repo.read("progress/a.toml"),
        "[[report]]\ntask = \"a#t\"\ndeadline = 2024-11-15\ndelivered = 2024-11-10\n"
    );
    assert_eq!(repo.run(&["fmt", "--check"]).code, 0);
}

#[test]
fn a_file_with_a_syntax_error_is_reported_as_check_does_and_left_untouched() {
    let repo = Copy::empty();
    let broken = "[plan]\nid = \"a\"\ntitle = \"A\n";
    repo.write("plans/a.toml", broken);
    repo.write("plans/b.toml", "[plan]\ntitle = 'B'\nid = \"b\"\n");
    let check = repo.run(&["check", "--format", "short", "-q"]);
    let ran = repo.run(&["fmt"]);
    assert_eq!(ran.code, 1);
    let first = check.stdout.lines().next().expect("check reports the file");
    assert!(first.starts_with("plans/a.toml:3:"), "{first}");
    assert!(first.contains("error[gplan::toml-syntax]"), "{first}");
    assert_eq!(ran.stderr.lines().next(), Some(first));
    assert_eq!(repo.read("plans/a.toml"), broken);
    assert_eq!(
        repo.read("plans/b.toml"),
        "[plan]\nid = \"b\"\ntitle = \"B\"\n"
    );
}

#[test]
fn paths_outside_the_repository_or_missing_are_usage_errors() {
    let repo = Copy::empty();
    repo.write("plans/a.toml", "[plan]\nid = \"a\"\n");
    let missing = repo.run(&["fmt", "plans/nothing.toml"]);
    assert_eq!(missing.code, 2);
    assert_eq!(
        missing.stderr,
        "error: path `plans/nothing.toml` does not exist\n"
    );
}

/// What `show --format json` prints of every plan, without the file
/// name: what a user reads of the repository.
fn shown(repo: &Copy) -> Vec<String> {
    let tree = repo.run(&["tree"]);
    let mut ids: Vec<&str> = tree
        .stdout
        .lines()
        .filter(|l| !l.contains("  (outside)  "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|id| id.contains('/'))
        .collect();
    ids.sort_unstable();
    ids.dedup();
    assert!(ids.len() >= 5, "{ids:?}");
    ids.iter()
        .map(|id| repo.run(&["show", id, "--format", "json"]).stdout)
        .collect()
}

#[test]
fn formatting_messy_copies_of_the_bundled_plans_changes_nothing_show_prints() {
    let repo = Copy::of(&root().join("plans"));
    let before = shown(&repo);
    // `gplan fmt` formats plans and the registry, not the catalogue.
    let formatted = toml_files(&repo.path("plans"))
        .into_iter()
        .filter(|f| f.as_str() != "documents.toml");
    for file in formatted {
        let rel = format!("plans/{file}");
        let messy: String = repo
            .read(&rel)
            .nfd()
            .collect::<String>()
            .replace("\n  \"", "\n      \"")
            .replace(" = ", "   =  ");
        repo.write(&rel, &messy);
    }
    let listed = repo.run(&["fmt", "--check"]);
    assert_eq!(listed.stdout.lines().count(), 7, "{}", listed.stdout);
    let ran = repo.run(&["fmt"]);
    assert_eq!((ran.code, ran.stderr.as_str()), (0, ""));
    assert_eq!(shown(&repo), before);
    for file in toml_files(&repo.path("plans")) {
        let bundled = fs::read_to_string(root().join("plans").join(&file)).expect("read");
        assert_eq!(repo.read(&format!("plans/{file}")), bundled, "{file}");
    }
}

/// Runs `gplan fmt` with a file size limit of 64 bytes, as when the disk
/// fills up while the new text is written. `killed`: the process gets
/// SIGXFSZ and dies mid-write; otherwise the write fails with EFBIG.
#[cfg(unix)]
fn fmt_with_a_full_disk(repo: &Copy, killed: bool) -> Ran {
    use std::os::unix::process::CommandExt;
    let mut cmd = repo.command(&["fmt"]);
    // SAFETY: between fork and exec, only async-signal-safe calls.
    unsafe {
        cmd.pre_exec(move || {
            if !killed {
                libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            }
            let limit = libc::rlimit {
                rlim_cur: 64,
                rlim_max: 64,
            };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    Ran::from(cmd.output().expect("gplan runs"))
}

#[cfg(unix)]
#[test]
fn an_interrupted_write_leaves_the_original_file_whole() {
    let repo = Copy::empty();
    let original = MESSY;
    repo.write("plans/lai-chau/kh-thu-2024.toml", original);
    let failed = fmt_with_a_full_disk(&repo, false);
    assert_eq!(failed.code, 1, "{}", failed.stderr);
    assert!(
        failed
            .stderr
            .starts_with("error: cannot write plans/lai-chau/kh-thu-2024.toml: ")
            && failed.stderr.ends_with("; the file is left as it was\n"),
        "{}",
        failed.stderr
    );
    assert_eq!(repo.read("plans/lai-chau/kh-thu-2024.toml"), original);
    assert_eq!(
        fs::read_dir(repo.path("plans/lai-chau"))
            .expect("read")
            .count(),
        1,
        "no temporary file is left behind"
    );
    let killed = fmt_with_a_full_disk(&repo, true);
    assert_eq!(killed.code, -1, "killed by SIGXFSZ");
    assert_eq!(repo.read("plans/lai-chau/kh-thu-2024.toml"), original);
    let check = repo.run(&["check", "-q"]);
    assert_eq!(
        check.code, 0,
        "a half-written temporary file is not read as a plan"
    );
}

#[cfg(unix)]
#[test]
fn a_read_only_folder_is_reported_and_the_file_kept() {
    use std::os::unix::fs::PermissionsExt;
    let repo = Copy::empty();
    repo.write("plans/a.toml", "[plan]\ntitle = 'A'\nid = \"a\"\n");
    let folder = repo.path("plans");
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o555)).expect("chmod");
    let writable = tempfile::NamedTempFile::new_in(&folder).is_ok();
    let ran = repo.run(&["fmt"]);
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o755)).expect("chmod");
    if writable {
        eprintln!("skipped: running as root, a read-only folder is still writable");
        return;
    }
    assert_eq!(ran.code, 1);
    assert!(
        ran.stderr.starts_with("error: cannot write plans/a.toml: "),
        "{}",
        ran.stderr
    );
    assert_eq!(
        repo.read("plans/a.toml"),
        "[plan]\ntitle = 'A'\nid = \"a\"\n"
    );
}

// --- new --------------------------------------------------------------------

/// Every bundled plan with targets or tasks and a jurisdiction, and an
/// outside document of the catalogue (a header-only plan).
const PARENTS: &[(&str, &str, &str)] = &[
    ("lai-chau/kh-01-2023", "lai-chau", "2023"),
    ("phu-tho/kh-sct-2021", "phu-tho", "2022"),
    ("phu-tho/kh-btg-2016-2020", "phu-tho", "2017"),
    ("hung-yen/kh-53-2022", "hung-yen", "2023"),
    ("ho-chi-minh/kh-174-2025", "ho-chi-minh", "2025"),
    ("28/NQ-CP", "lai-chau", "2024"),
];

#[test]
fn a_plan_new_makes_from_each_bundled_parent_checks_without_errors() {
    let repo = Copy::of(&root().join("plans"));
    for (i, (parent, jurisdiction, period)) in PARENTS.iter().enumerate() {
        let out = format!("plans/{jurisdiction}/new-{i}.toml");
        let id = format!("{jurisdiction}/new-{i}");
        let ran = repo.run(&[
            "new",
            "--implements",
            parent,
            "--jurisdiction",
            jurisdiction,
            "--id",
            &id,
            "--period",
            period,
            "--out",
            &repo.path(&out).to_string_lossy(),
        ]);
        assert_eq!(ran.code, 0, "{parent}: {}", ran.stderr);
        assert!(ran.stderr.starts_with("wrote "), "{}", ran.stderr);
    }
    let check = repo.run(&["check", "--format", "short", "-q"]);
    let errors: Vec<&str> = check
        .stdout
        .lines()
        .filter(|l| l.contains(": error["))
        .collect();
    assert_eq!(
        (check.code, errors),
        (0, Vec::<&str>::new()),
        "{}",
        check.stdout
    );
    let new_findings: Vec<&str> = check
        .stdout
        .lines()
        .filter(|l| l.contains("/new-"))
        // Until they are filled in: no number yet, and nothing to do in a
        // plan made from a parent with no targets or tasks.
        .filter(|l| !l.contains("gplan::missing-number") && !l.contains("gplan::empty-plan"))
        .collect();
    assert_eq!(new_findings, Vec::<&str>::new());
    let formatted = repo.run(&["fmt", "--check"]);
    assert_eq!((formatted.code, formatted.stdout.as_str()), (0, ""));
    let tree = repo.run(&["tree"]).stdout;
    assert!(tree.contains("lai-chau/new-0"), "{tree}");
}

#[test]
fn new_copies_the_targets_milestones_inside_the_period_and_the_tasks() {
    let repo = Copy::of(&root().join("plans"));
    let ran = repo.run(&[
        "new",
        "--implements",
        "53/KH-UBND",
        "--jurisdiction",
        "hung-yen",
        "--period",
        "2024..2026",
    ]);
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    let text = ran.stdout;
    assert!(text.contains(
        "[plan]\nid = \"hung-yen/kh-2024-2026\"\n# number = \"\"  # Số, ký hiệu: once the plan is signed\nkind = \"plan\"\n"
    ), "{text}");
    assert!(text.contains("issuer = \"Ủy ban nhân dân tỉnh\"\njurisdiction = \"hung-yen\"\n"));
    assert!(text.contains("period = [2024, 2026]\nimplements = [\"53/KH-UBND\"]\n"));
    assert!(
        text.contains(
            "milestones = { 2025 = 60 }\nrefines = \"hung-yen/kh-53-2022#nu-lanh-dao-chu-chot\"\n"
        ),
        "{text}"
    );
    assert_eq!(text.matches("[[target]]").count(), 3);
    assert_eq!(text.matches("[[task]]").count(), 30);
    assert_eq!(text.matches("\n# lead = \"\"").count(), 30);
}

/// The target of the new plan that refines `id`, from `[[target]]` to the
/// line before the next table.
fn target_block<'t>(text: &'t str, id: &str) -> &'t str {
    let start = text
        .find(&format!("[[target]]\nid = \"{id}\"\n"))
        .unwrap_or_else(|| panic!("no target `{id}` in\n{text}"));
    let rest = &text[start..];
    let end = rest[1..].find("\n[[").map_or(rest.len(), |e| e + 1);
    rest[..end].trim_end()
}

#[test]
fn new_keeps_what_each_parent_target_means() {
    let repo = Copy::of(&root().join("plans"));
    let out = "plans/ho-chi-minh/snv-2025.toml";
    let ran = repo.run(&[
        "new",
        "--implements",
        "ho-chi-minh/kh-174-2025",
        "--jurisdiction",
        "ho-chi-minh",
        "--issuer",
        "Sở Nội vụ",
        "--out",
        &repo.path(out).to_string_lossy(),
    ]);
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    let text = repo.read(out);
    let parent = "ho-chi-minh/kh-174-2025";
    assert_eq!(
        target_block(&text, "noi-dung-gioi-trong-chuong-trinh"),
        format!(
            "[[target]]\nid = \"noi-dung-gioi-trong-chuong-trinh\"\n\
             text = \"Nội dung về giới, bình đẳng giới được đưa vào chương trình giảng dạy trong hệ thống giáo dục quốc dân và được giảng dạy chính thức ở các trường sư phạm từ năm 2025 trở đi\"\n\
             kind = \"qualitative\"\nby = 2025\n\
             refines = \"{parent}#noi-dung-gioi-trong-chuong-trinh\""
        )
    );
    assert_eq!(
        target_block(&text, "dttt-hoan-thanh-tieu-hoc"),
        format!(
            "[[target]]\nid = \"dttt-hoan-thanh-tieu-hoc\"\n\
             text = \"Tỷ lệ trẻ em trai và trẻ em gái dân tộc thiểu số hoàn thành giáo dục tiểu học\"\n\
             unit = \"%\"\ndirection = \"above\"\ngroups = [\"nam\", \"nữ\"]\nmilestones = {{ 2025 = 90 }}\n\
             refines = \"{parent}#dttt-hoan-thanh-tieu-hoc\""
        )
    );
    assert!(target_block(&text, "dttt-hoan-thanh-thcs")
        .contains("\ngroups = [\"nam\", \"nữ\"]\nmilestones = { 2025 = 85 }\n"));
    assert!(target_block(&text, "nan-nhan-mua-ban-duoc-ho-tro")
        .contains("\nmilestones = { 2025 = 100 }\nsustained = true\nrefines = "));
    assert!(target_block(&text, "sinh-o-tre-vi-thanh-nien").contains(
        "\ndirection = \"at-most\"\nbaseline = { value = 23 }\nmilestones = { 2025 = 18 }\n"
    ));
    let check = repo.run(&["check", "--format", "short", "-q", "plans/ho-chi-minh"]);
    let findings: Vec<&str> = check
        .stdout
        .lines()
        .filter(|l| l.contains(out) && !l.contains("gplan::missing-number"))
        .collect();
    assert_eq!(
        (check.code, findings),
        (0, Vec::<&str>::new()),
        "{}",
        check.stdout
    );
}

/// The example commands of `gplan new --help`, each joined from its
/// continuation lines (`\` at the end of a line).
fn new_help_examples(help: &str) -> Vec<String> {
    let examples = help.split("Examples:\n").nth(1).unwrap_or_default();
    let mut commands: Vec<String> = Vec::new();
    let mut continued = false;
    for line in examples.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (text, more) = match line.strip_suffix('\\') {
            Some(text) => (text.trim_end(), true),
            None => (line, false),
        };
        match commands.last_mut() {
            Some(last) if continued => {
                last.push(' ');
                last.push_str(text);
            }
            _ => commands.push(text.to_owned()),
        }
        continued = more;
    }
    commands
}

#[test]
fn the_examples_of_new_help_work_on_the_bundled_plans() {
    let repo = Copy::of(&root().join("plans"));
    let help = repo.run(&["new", "--help"]).stdout;
    let examples = new_help_examples(&help);
    assert_eq!(examples.len(), 3, "{help}");
    for example in &examples {
        assert!(example.starts_with("gplan new "), "{example}");
        let ran = Ran::from(
            std::process::Command::new("bash")
                .arg("-c")
                .arg(format!("gplan() {{ \"$GPLAN\" \"$@\"; }}\n{example}"))
                .current_dir(repo.dir.path())
                .env("GPLAN", env!("CARGO_BIN_EXE_gplan"))
                .env("NO_COLOR", "1")
                .env_remove("GPLAN_TODAY")
                .output()
                .expect("bash runs"),
        );
        assert_eq!(ran.code, 0, "{example}: {}", ran.stderr);
    }
    assert!(repo.path("plans/ho-chi-minh/kh-snv-2025.toml").is_file());
    assert!(repo.path("plans/hung-yen/kh-2026.toml").is_file());
    let check = repo.run(&["check", "--format", "short", "-q"]);
    assert_eq!(check.code, 0, "{}", check.stdout);
}

#[test]
fn new_never_overwrites_a_file() {
    let repo = Copy::of(&root().join("plans"));
    let existing = "# mine\n";
    repo.write("plans/lai-chau/mine.toml", existing);
    let ran = repo.run(&[
        "new",
        "--implements",
        "lai-chau/kh-01-2023",
        "--jurisdiction",
        "lai-chau",
        "--out",
        &repo.path("plans/lai-chau/mine.toml").to_string_lossy(),
    ]);
    assert_eq!(ran.code, 2);
    assert!(
        ran.stderr.contains("gplan new never overwrites a file"),
        "{}",
        ran.stderr
    );
    assert_eq!(repo.read("plans/lai-chau/mine.toml"), existing);
}

#[test]
fn new_into_a_folder_that_does_not_exist_names_the_folder_and_writes_nothing() {
    let repo = Copy::of(&root().join("plans"));
    let folder = repo.path("plans/nope");
    let new_into = |out: &std::path::Path| {
        repo.run(&[
            "new",
            "--implements",
            "lai-chau/kh-01-2023",
            "--jurisdiction",
            "lai-chau",
            "--out",
            &out.to_string_lossy(),
        ])
    };
    let ran = new_into(&folder.join("x.toml"));
    assert_eq!(ran.code, 2);
    assert_eq!(
        ran.stderr,
        format!(
            "error: the folder `{}` does not exist: create it first, or choose another --out\n",
            folder.display()
        )
    );
    assert!(!folder.exists());
    let file = repo.path("plans/lai-chau/kh-01-2023.toml");
    let under_a_file = new_into(&file.join("x.toml"));
    assert_eq!(under_a_file.code, 2);
    assert_eq!(
        under_a_file.stderr,
        format!(
            "error: cannot write `{}`: `{}` is a file, not a folder; choose another --out\n",
            file.join("x.toml").display(),
            file.display()
        )
    );
    let left: Vec<String> = fs::read_dir(repo.path("plans/lai-chau"))
        .expect("the folder")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|name| name.starts_with('.'))
        .collect();
    assert_eq!(left, Vec::<String>::new(), "no temporary file is left");
}

#[test]
fn a_period_that_ends_before_it_starts_says_so_with_the_fix() {
    let repo = Copy::of(&root().join("plans"));
    for (asked, swapped) in [
        ("2026..2024", "2024..2026"),
        ("2024-12-31..2024-03-01", "2024-03-01..2024-12-31"),
    ] {
        let ran = repo.run(&[
            "new",
            "--implements",
            "53/KH-UBND",
            "--jurisdiction",
            "hung-yen",
            "--period",
            asked,
        ]);
        assert_eq!(ran.code, 2);
        assert_eq!(
            ran.stderr,
            format!("error: --period `{asked}` ends before it starts: write the earlier end first, --period {swapped}\n")
        );
    }
}

#[test]
fn new_from_an_unknown_parent_or_jurisdiction_suggests_the_closest() {
    let repo = Copy::of(&root().join("plans"));
    let parent = repo.run(&[
        "new",
        "--implements",
        "lai-chau/kh-01-2032",
        "--jurisdiction",
        "lai-chau",
    ]);
    assert_eq!(parent.code, 1);
    assert!(
        parent.stderr.starts_with("error: no plan has the id or number `lai-chau/kh-01-2032`; did you mean `lai-chau/kh-01-2023`"),
        "{}",
        parent.stderr
    );
    let place = repo.run(&[
        "new",
        "--implements",
        "lai-chau/kh-01-2023",
        "--jurisdiction",
        "lai-chua",
    ]);
    assert_eq!(place.code, 1);
    assert!(
        place.stderr.starts_with(
            "error: `lai-chua` is not a jurisdiction of the registry; did you mean `lai-chau`"
        ),
        "{}",
        place.stderr
    );
    let period = repo.run(&[
        "new",
        "--implements",
        "lai-chau/kh-01-2023",
        "--jurisdiction",
        "lai-chau",
        "--period",
        "2030",
    ]);
    assert_eq!(period.code, 2);
    assert_eq!(
        period.stderr,
        "error: --period `2030` lies outside the parent's period 2023-01-01..2023-12-31\n"
    );
    let taken = repo.run(&[
        "new",
        "--implements",
        "lai-chau/kh-01-2023",
        "--jurisdiction",
        "lai-chau",
        "--id",
        "lai-chau/kh-01-2023",
    ]);
    assert_eq!(taken.code, 2);
    assert_eq!(
        taken.stderr,
        "error: a plan with the id `lai-chau/kh-01-2023` exists; choose another with --id\n"
    );
}

#[test]
fn new_from_a_document_the_catalogue_lacks_says_how_to_list_it() {
    let repo = Copy::of(&root().join("examples/quickstart/plans"));
    let ran = repo.run(&[
        "new",
        "--implements",
        "38/KH-BVSTBPN",
        "--jurisdiction",
        "lai-chau",
    ]);
    assert_eq!(ran.code, 1);
    assert_eq!(
        ran.stderr,
        "error: no plan has the id or number `38/KH-BVSTBPN`; a document the repository does not \
         encode is named by its number once plans/documents.toml lists it: add a `[[document]]` \
         with `number = \"38/KH-BVSTBPN\"`\n"
    );
    assert_eq!(ran.stdout, "");
}

#[test]
fn new_without_a_jurisdiction_takes_the_id_and_issuer_given_and_checks() {
    let repo = Copy::of(&root().join("plans"));
    let base = [
        "new",
        "--implements",
        "218/KH-UBND",
        "--period",
        "2020-11-15..2020-12-15",
    ];
    let no_id = repo.run(&[&base[..], &["--issuer", "Sở Ngoại vụ"]].concat());
    assert_eq!(no_id.code, 2);
    assert_eq!(
        no_id.stderr,
        "error: a plan with no --jurisdiction has no default id: give one with --id\n"
    );
    let no_issuer = repo.run(&[&base[..], &["--id", "khong-ro-tinh/moi"]].concat());
    assert_eq!(no_issuer.code, 2);
    assert_eq!(
        no_issuer.stderr,
        "error: name the body that issues the plan with --issuer: a plan with no --jurisdiction has no default\n"
    );
    let out = repo.path("plans/khong-ro-tinh/moi.toml");
    let out = out.to_string_lossy();
    let args = [
        "--id",
        "khong-ro-tinh/moi",
        "--issuer",
        "Sở Ngoại vụ",
        "--out",
        &out,
    ];
    let made = repo.run(&[&base[..], &args[..]].concat());
    assert_eq!(made.code, 0, "{}", made.stderr);
    let text = repo.read("plans/khong-ro-tinh/moi.toml");
    assert!(
        text.contains(
            "issuer = \"Sở Ngoại vụ\"\n# jurisdiction = \"\"  # the document names no province\n"
        ),
        "{text}"
    );
    let check = repo.run(&[
        "check",
        "--format",
        "short",
        "-q",
        "plans/khong-ro-tinh/moi.toml",
    ]);
    assert_eq!(check.code, 0, "{}", check.stdout);
    assert!(!check.stdout.contains(": error["), "{}", check.stdout);
}
