//! Running the binary on a fixture and reading its output.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The folder of a fixture repository.
pub fn fixture(case: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(case)
}

/// The binary, with colour off, a fixed "today" and a fixed width, run on
/// `--repo <fixture>`.
pub fn gplan(case: &str) -> Command {
    let mut cmd = bare(case);
    cmd.arg("--today").arg("2023-06-01");
    cmd
}

/// Like [`gplan`] but without `--today`, for tests of the date options.
pub fn bare(case: &str) -> Command {
    let mut cmd = Command::cargo_bin("gplan").expect("the gplan binary is built");
    cmd.env_remove("GPLAN_TODAY")
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .arg("--repo")
        .arg(fixture(case));
    cmd
}

/// What one run printed and how it exited.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `gplan <args>` on a fixture.
pub fn run(case: &str, args: &[&str]) -> Run {
    let output = gplan(case).args(args).output().expect("gplan runs");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// One finding of `check --format json`, reduced to what tests compare.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Finding {
    pub code: String,
    pub severity: String,
    pub file: String,
    pub line: u64,
    pub column: u64,
}

/// Runs `check --format json` and returns the exit code and findings.
pub fn check_json(case: &str) -> (i32, Vec<Finding>) {
    let run = run(case, &["check", "--format", "json"]);
    let items: Vec<serde_json::Value> = serde_json::from_str(&run.stdout).unwrap_or_else(|e| {
        panic!(
            "check --format json on {case} printed invalid JSON ({e}):\n{}\n{}",
            run.stdout, run.stderr
        )
    });
    let findings = items
        .iter()
        .map(|v| Finding {
            code: v["code"].as_str().unwrap_or_default().to_owned(),
            severity: v["severity"].as_str().unwrap_or_default().to_owned(),
            file: v["file"].as_str().unwrap_or_default().to_owned(),
            line: v["line"].as_u64().unwrap_or_default(),
            column: v["column"].as_u64().unwrap_or_default(),
        })
        .collect();
    (run.code, findings)
}

/// Bounds `cmd` to `memory_mib` of address space (a blow-up of memory
/// aborts the run) and `cpu_seconds` of CPU time (a blow-up of work ends it
/// with SIGXCPU), whatever else the machine is doing. On two threads, so
/// that the address space glibc sets aside for each thread's heap does not
/// grow with the machine's cores. These catch a blow-up; how fast gplan
/// is, the benchmark measures.
pub fn bound(cmd: &mut std::process::Command, memory_mib: u64, cpu_seconds: u64) {
    use std::os::unix::process::CommandExt;
    fn limit(resource: libc::__rlimit_resource_t, value: u64) -> std::io::Result<()> {
        let limit = libc::rlimit {
            rlim_cur: value,
            rlim_max: value,
        };
        // SAFETY: `limit` is a valid rlimit for the call's duration.
        match unsafe { libc::setrlimit(resource, &limit) } {
            0 => Ok(()),
            _ => Err(std::io::Error::last_os_error()),
        }
    }
    cmd.env("RAYON_NUM_THREADS", "2");
    // SAFETY: setrlimit is async-signal-safe; nothing else runs in the child.
    unsafe {
        cmd.pre_exec(move || {
            limit(libc::RLIMIT_AS, memory_mib << 20)?;
            limit(libc::RLIMIT_CPU, cpu_seconds)
        });
    }
}

/// Copies a folder tree (regular files and folders only).
pub fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read a folder") {
        let entry = entry.expect("a folder entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("a file type").is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy a file");
        }
    }
}

/// stdout of `gplan <args>` on the bundled plans (the repository's own
/// `plans/`), colour off and no `GPLAN_TODAY`.
pub fn on_bundled(args: &[&str]) -> String {
    let output = Command::cargo_bin("gplan")
        .expect("the gplan binary is built")
        .env("NO_COLOR", "1")
        .env_remove("GPLAN_TODAY")
        .arg("--repo")
        .arg(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .output()
        .expect("gplan runs");
    String::from_utf8_lossy(&output.stdout).into_owned()
}
