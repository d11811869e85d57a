//! How gplan scales: one run times, on corpora of 1,000 and 10,000 plans
//! written by `examples/gen-corpus.rs`,
//!
//! - walk + read: find every file and read it (in parallel);
//! - parse-only: walk, read and parse every file `check` reads (plans and
//!   progress files) with the same `toml` crate into the same raw structs
//!   (`gplan::raw::RawFile`, `gplan::raw::RawProgress`), in parallel with
//!   rayon: the lower bound for any checker built on that parser;
//! - `gplan check`, `gplan due` over the whole period (JSON),
//!   `gplan owners` without a name (the summary table) and `gplan site`
//!   (the whole website, into a folder beside the corpus), with the
//!   release binary, and `gplan status` (JSON) on the progress files the
//!   generator writes;
//!
//! and prints each as a ratio to parse-only, files per second and peak
//! memory. Every step runs as its own process (the first two as this bench
//! binary in a child mode), so wall time, CPU time and peak RSS are
//! measured the same way for all: `wait4` gives each child's own rusage.
//!
//! ```text
//! cargo bench --bench scale                       # 1,000 and 10,000 plans, 5 runs each
//! GPLAN_BENCH_SIZES=1000 GPLAN_BENCH_RUNS=3 cargo bench --bench scale
//! GPLAN_BENCH_FORMATS=csv,ics cargo bench --bench scale    # also `due` in these formats
//! GPLAN_BENCH_BASELINE=old/gplan cargo bench --bench scale
//! GPLAN_BENCH_STEPS=check,due cargo bench --bench scale    # only these gplan steps
//! GPLAN_BENCH_SITE_DIR=/dev/shm cargo bench --bench scale   # the sites into memory
//! ```
//!
//! `GPLAN_BENCH_SITE_DIR` is the folder the sites are written into
//! (default: beside the corpus). On a file system slow to create files
//! just after others were removed, the site's time is then mostly the file
//! system's; a folder in memory measures gplan.
//!
//! With `GPLAN_BENCH_BASELINE`, every gplan step is also run with that
//! binary (another build of gplan, e.g. of the main branch), as a step of
//! its own named `baseline …`, interleaved with the others: a change is
//! measured against the code before it on the same machine at the same
//! moments.
//!
//! The corpora are generated under `target/tmp/` (never committed); the
//! page cache is warm (the files were just written), as on a CI runner
//! that has just checked the repository out. Without `--bench` (e.g. under
//! `cargo test --benches`) it runs once on 60 plans as a smoke test.

#[allow(dead_code)]
#[path = "../examples/gen-corpus.rs"]
mod gen_corpus;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use rayon::prelude::*;

const SEED: u64 = 2026;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("--walk-read") => return child_walk_read(Path::new(&args[1])),
        Some("--parse-only") => return child_parse_only(Path::new(&args[1])),
        _ => {}
    }
    let benching = args.iter().any(|a| a == "--bench");
    let sizes: Vec<usize> = match std::env::var("GPLAN_BENCH_SIZES") {
        Ok(list) => list
            .split(',')
            .map(|s| s.trim().parse().expect("GPLAN_BENCH_SIZES: numbers"))
            .collect(),
        Err(_) if benching => vec![1000, 10_000],
        Err(_) => vec![60],
    };
    let runs: usize = std::env::var("GPLAN_BENCH_RUNS")
        .ok()
        .map(|r| r.parse().expect("GPLAN_BENCH_RUNS: a number"))
        .unwrap_or(if benching { 5 } else { 1 });
    let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    println!(
        "gplan scale benchmark: {} cores, {runs} runs per step (median), load average {}",
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        load_average()
    );
    let mut all: Vec<(usize, Vec<Measured>)> = Vec::new();
    for &n in &sizes {
        let dir = root.join(format!("gplan-corpus-{n}"));
        let started = Instant::now();
        let (plans, bytes) = gen_corpus::generate(n, &dir, SEED).expect("corpus is written");
        println!(
            "\ncorpus: {plans} plans + registry, {:.1} MB of TOML in {} (generated in {:.1} s)",
            bytes as f64 / 1e6,
            dir.display(),
            started.elapsed().as_secs_f64()
        );
        let steps = steps(&dir);
        for step in &steps {
            // Warm-up, and a check that the step does what it should.
            let run = step.run();
            assert_eq!(run.code, 0, "{} exited with {}", step.name, run.code);
        }
        let mut samples: Vec<Vec<Sample>> = vec![Vec::new(); steps.len()];
        for _ in 0..runs {
            for (i, step) in steps.iter().enumerate() {
                samples[i].push(step.run());
            }
        }
        let measured: Vec<Measured> = steps
            .iter()
            .zip(samples)
            .map(|(step, s)| Measured::new(&step.name, plans + 1, bytes, &s))
            .collect();
        print_table(&measured);
        print_against_baseline(&measured);
        all.push((n, measured));
    }
    if all.len() > 1 {
        print_scaling(&all);
    }
    if let Some((n, measured)) = all.iter().max_by_key(|(n, _)| *n) {
        print_targets(*n, measured);
    }
    println!("\nload average at the end: {}", load_average());
}

/// One command the bench times.
struct Step {
    name: String,
    program: PathBuf,
    args: Vec<String>,
    /// A folder the step writes, removed (untimed) before each run: a new
    /// site is measured, not the replacing of the last run's files.
    writes: Option<PathBuf>,
}

fn steps(dir: &Path) -> Vec<Step> {
    let me = std::env::current_exe().expect("the bench knows where it is");
    let repo = dir.display().to_string();
    let mut steps = vec![
        Step {
            name: "walk + read".into(),
            program: me.clone(),
            args: vec!["--walk-read".into(), repo.clone()],
            writes: None,
        },
        Step {
            name: "parse-only".into(),
            program: me,
            args: vec!["--parse-only".into(), repo.clone()],
            writes: None,
        },
    ];
    steps.extend(gplan_steps(
        "gplan",
        Path::new(env!("CARGO_BIN_EXE_gplan")),
        &repo,
    ));
    if let Ok(baseline) = std::env::var("GPLAN_BENCH_BASELINE") {
        steps.extend(gplan_steps("baseline", Path::new(&baseline), &repo));
    }
    steps
}

/// `check`, `due` (JSON, and the formats in `GPLAN_BENCH_FORMATS`),
/// `owners`, `status` (JSON, with the corpus's progress files) and `site`,
/// run with the binary `gplan`, named `{label} check` and so on. Each
/// binary writes its site into a folder of its own, removed before each
/// run.
fn gplan_steps(label: &str, gplan: &Path, repo: &str) -> Vec<Step> {
    let step = |name: String, args: &[&str]| Step {
        name: format!("{label} {name}"),
        program: gplan.to_path_buf(),
        args: ["--repo", repo, "--today", "2023-06-01"]
            .iter()
            .chain(args)
            .map(|s| s.to_string())
            .collect(),
        writes: args
            .iter()
            .position(|a| *a == "--out")
            .map(|i| PathBuf::from(args[i + 1])),
    };
    let whole_period = ["due", "--after", "1900-01-01", "--before", "2100-12-31"];
    let due = |format| [&whole_period[..], &["--format", format]].concat();
    let mut steps = vec![
        step("check".into(), &["check"]),
        step("due".into(), &due("json")),
        step("owners".into(), &["owners"]),
        step("status".into(), &["status", "--format", "json"]),
        step("site".into(), &["site", "--out", &site_folder(repo, label)]),
    ];
    let formats = std::env::var("GPLAN_BENCH_FORMATS").unwrap_or_default();
    for format in formats.split(',').filter(|f| !f.is_empty()) {
        steps.push(step(format!("due {format}"), &due(format)));
    }
    if let Ok(only) = std::env::var("GPLAN_BENCH_STEPS") {
        let only: Vec<&str> = only.split(',').map(str::trim).collect();
        steps.retain(|s| only.contains(&&s.name[label.len() + 1..]));
    }
    steps
}

/// Where the binary `label` writes the site of the corpus `repo`: beside
/// it, or in `GPLAN_BENCH_SITE_DIR`.
fn site_folder(repo: &str, label: &str) -> String {
    let name = format!(
        "{}-site-{label}",
        Path::new(repo)
            .file_name()
            .map_or("corpus".into(), |n| n.to_string_lossy())
    );
    match std::env::var_os("GPLAN_BENCH_SITE_DIR") {
        Some(dir) => Path::new(&dir).join(name).display().to_string(),
        None => format!("{repo}-site-{label}"),
    }
}

/// One timed run of one step.
#[derive(Clone, Copy, Debug)]
struct Sample {
    code: i32,
    wall: Duration,
    cpu: Duration,
    max_rss_kb: i64,
}

impl Step {
    fn run(&self) -> Sample {
        if let Some(folder) = &self.writes {
            // Absent on the first run.
            let _ = std::fs::remove_dir_all(folder);
        }
        let started = Instant::now();
        let child = Command::new(&self.program)
            .args(&self.args)
            .env("NO_COLOR", "1")
            .env_remove("GPLAN_TODAY")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("{} cannot start: {e}", self.name));
        let (code, usage) = wait(child);
        let wall = started.elapsed();
        let tv = |t: libc::timeval| {
            Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64)
        };
        Sample {
            code,
            wall,
            cpu: tv(usage.ru_utime) + tv(usage.ru_stime),
            max_rss_kb: usage.ru_maxrss,
        }
    }
}

/// Waits for one child and returns its exit code and its own rusage.
fn wait(child: std::process::Child) -> (i32, libc::rusage) {
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: an all-zero `rusage` is a valid value of the plain C struct.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `pid` is our own child, not yet waited for (`Child` is not
    // used to wait), and both pointers are to live locals.
    let got = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(
        got,
        pid,
        "wait4 failed: {}",
        std::io::Error::last_os_error()
    );
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        -1
    };
    (code, usage)
}

/// The medians of one step.
struct Measured {
    name: String,
    files: usize,
    bytes: u64,
    wall: f64,
    wall_min: f64,
    cpu: f64,
    peak_mb: f64,
}

impl Measured {
    fn new(name: &str, files: usize, bytes: u64, samples: &[Sample]) -> Self {
        let median = |mut v: Vec<f64>| {
            v.sort_by(f64::total_cmp);
            v[v.len() / 2]
        };
        Measured {
            name: name.to_owned(),
            files,
            bytes,
            wall: median(samples.iter().map(|s| s.wall.as_secs_f64()).collect()),
            wall_min: samples
                .iter()
                .map(|s| s.wall.as_secs_f64())
                .fold(f64::INFINITY, f64::min),
            cpu: median(samples.iter().map(|s| s.cpu.as_secs_f64()).collect()),
            peak_mb: samples.iter().map(|s| s.max_rss_kb).max().unwrap_or(0) as f64 / 1024.0,
        }
    }

    fn per_file_us(&self) -> f64 {
        self.wall * 1e6 / self.files as f64
    }
}

fn parse_only_of(measured: &[Measured]) -> &Measured {
    measured
        .iter()
        .find(|m| m.name == "parse-only")
        .expect("parse-only is measured")
}

fn print_table(measured: &[Measured]) {
    let base = parse_only_of(measured);
    println!(
        "| step | wall median (s) | wall min (s) | × parse-only | files/s | MB/s | CPU median (s) | × parse-only CPU | peak RSS (MB) | µs/file |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for m in measured {
        println!(
            "| {} | {:.3} | {:.3} | {:.2} | {:.0} | {:.1} | {:.3} | {:.2} | {:.1} | {:.1} |",
            m.name,
            m.wall,
            m.wall_min,
            m.wall / base.wall,
            m.files as f64 / m.wall,
            m.bytes as f64 / 1e6 / m.wall,
            m.cpu,
            m.cpu / base.cpu,
            m.peak_mb,
            m.per_file_us()
        );
    }
}

/// Each gplan step's medians over the same step of the baseline binary.
fn print_against_baseline(measured: &[Measured]) {
    let pairs: Vec<(&Measured, &Measured)> = measured
        .iter()
        .filter_map(|m| {
            let step = m.name.strip_prefix("gplan ")?;
            let base = measured
                .iter()
                .find(|b| b.name == format!("baseline {step}"))?;
            Some((m, base))
        })
        .collect();
    if pairs.is_empty() {
        return;
    }
    println!("\nagainst the baseline binary (medians, this build ÷ baseline)");
    println!("| step | wall | CPU | peak RSS (MB) this / baseline |");
    println!("|---|---:|---:|---:|");
    for (m, base) in pairs {
        println!(
            "| {} | {:.2} | {:.2} | {:.0} / {:.0} |",
            m.name,
            m.wall / base.wall,
            m.cpu / base.cpu,
            m.peak_mb,
            base.peak_mb
        );
    }
}

fn print_scaling(all: &[(usize, Vec<Measured>)]) {
    let (small_n, small) = &all[0];
    let (large_n, large) = &all[all.len() - 1];
    println!("\nscaling: time per file at {large_n} plans / time per file at {small_n} plans");
    println!("| step | µs/file at {small_n} | µs/file at {large_n} | ratio |");
    println!("|---|---:|---:|---:|");
    for (s, l) in small.iter().zip(large) {
        println!(
            "| {} | {:.1} | {:.1} | {:.2} |",
            s.name,
            s.per_file_us(),
            l.per_file_us(),
            l.per_file_us() / s.per_file_us()
        );
    }
}

fn print_targets(n: usize, measured: &[Measured]) {
    let base = parse_only_of(measured);
    println!("\ntargets at {n} plans (wall-clock medians):");
    for (name, limit) in [
        ("gplan check", 1.3),
        ("gplan due", 1.5),
        ("gplan owners", 1.5),
    ] {
        if let Some(m) = measured.iter().find(|m| m.name == name) {
            let ratio = m.wall / base.wall;
            println!(
                "  {name}: {ratio:.2}× parse-only (target ≤ {limit}×): {}",
                if ratio <= limit { "met" } else { "missed" }
            );
        }
    }
    let named = |name: &str| measured.iter().find(|m| m.name == name);
    if let (Some(status), Some(check)) = (named("gplan status"), named("gplan check")) {
        let (wall, cpu) = (status.wall / check.wall, status.cpu / check.cpu);
        println!(
            "  gplan status: {wall:.2}× check wall-clock, {cpu:.2}× its CPU time (target ≤ 1.5×): {}",
            if wall <= 1.5 { "met" } else { "missed" }
        );
    }
    if let (Some(site), Some(check)) = (named("gplan site"), named("gplan check")) {
        let (wall, cpu) = (site.wall / check.wall, site.cpu / check.cpu);
        println!(
            "  gplan site: {wall:.2}× check, CPU {cpu:.2}× (target ≤ 3×): {}",
            if wall <= 3.0 { "met" } else { "missed" }
        );
    }
    for m in measured
        .iter()
        .filter(|m| m.name.starts_with("gplan") || m.name.starts_with("baseline"))
    {
        println!(
            "  {}: peak memory {:.0} MB (target ≤ 250 MB): {}",
            m.name,
            m.peak_mb,
            if m.peak_mb <= 250.0 { "met" } else { "missed" }
        );
    }
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".to_owned())
}

/// The folders gplan reads in a corpus: the plans, and the progress
/// files the generator writes.
fn corpus_dirs() -> [PathBuf; 2] {
    [PathBuf::from("plans"), PathBuf::from("progress")]
}

/// Child mode: the walk gplan does, then every file read, in parallel.
fn child_walk_read(dir: &Path) {
    let found = gplan::discover::discover(dir, &corpus_dirs());
    let bytes: usize = found
        .files
        .par_iter()
        .map(|f| std::fs::read(&f.path).map_or(0, |b| b.len()))
        .sum();
    println!("{} files, {bytes} bytes", found.files.len());
}

/// Files shared between threads in pieces of at most this many, as
/// gplan's loader does: with pieces left to rayon's own splitting, the
/// last one kept one core busy after the other had run out of work.
const FILES_PER_PIECE: usize = 32;

/// Child mode: the lower bound. Walk, read and parse every file `check`
/// reads with the same `toml` crate, in parallel: plans into
/// `gplan::raw::RawFile`, progress files into `gplan::raw::RawProgress`.
fn child_parse_only(dir: &Path) {
    let found = gplan::discover::discover(dir, &corpus_dirs());
    let entries: usize = found
        .files
        .par_iter()
        .with_max_len(FILES_PER_PIECE)
        .map(|f| {
            let text = std::fs::read_to_string(&f.path).unwrap_or_default();
            if f.rel.starts_with("progress/") {
                toml::from_str::<gplan::raw::RawProgress>(&text)
                    .map_or(0, |raw| raw.report.len() + raw.actual.len())
            } else {
                toml::from_str::<gplan::raw::RawFile>(&text).map_or(0, |raw| raw.tasks.len())
            }
        })
        .sum();
    println!("{} files, {entries} tasks and entries", found.files.len());
}
