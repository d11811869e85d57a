//! `gplan fmt`: every file gplan reads, in its canonical form.

use std::io::Write;
use std::path::{Path, PathBuf};

use similar::TextDiff;

use crate::author::fmt::{format, Formatted};
use crate::author::{adapter, quote, write};
use crate::cli::FmtArgs;
use crate::commands::RunError;
use crate::config::{Config, UsageError, CONFIG_FILE, DEFAULT_PLANS_DIR};
use crate::discover::{self, Found, OtherRepository};
use crate::exit;
use crate::render::terminal::escape;
use crate::repo::{self, ReadError};

/// Runs the command; returns the exit code: 1 when a file could not be
/// formatted, or with `--check` when one is not formatted.
pub fn run(
    config: &Config,
    args: &FmtArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<u8, RunError> {
    let registry = config
        .registry
        .as_ref()
        .map(|p| discover::relative(Path::new(""), p));
    if args.paths.is_empty() && config.guessed {
        return Err(not_a_repository().into());
    }
    let (files, others) = files(config, &args.paths, registry.as_deref())?;
    if args.verbose {
        for other in &others {
            writeln!(err, "{other}")?;
        }
    }
    let mut failed = false;
    let mut unformatted = false;
    for file in files {
        let is_registry = registry.as_deref() == Some(file.rel.as_str());
        match one_file(config, args, &file, is_registry, out, err)? {
            Outcome::Same => {}
            Outcome::Changed => unformatted = true,
            Outcome::Failed => failed = true,
        }
    }
    Ok(if failed || (args.check && unformatted) {
        exit::FAILURE
    } else {
        exit::SUCCESS
    })
}

/// Why `fmt` without PATHS writes nothing when no repository was found:
/// the current folder (a home folder, a download folder) holds TOML files
/// that are not plans of any repository, and formatting all of them would
/// rewrite files no one asked gplan to touch.
fn not_a_repository() -> UsageError {
    UsageError(format!(
        "fmt without PATHS formats a plans repository, and the current folder is in none (no {CONFIG_FILE} or {DEFAULT_PLANS_DIR}/ folder here or above it); run it inside a repository, pass --repo DIR, or name the files to format"
    ))
}

enum Outcome {
    Same,
    Changed,
    Failed,
}

fn one_file(
    config: &Config,
    args: &FmtArgs,
    file: &Found,
    is_registry: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Outcome, RunError> {
    let shown = escape(&file.rel);
    if std::fs::symlink_metadata(&file.path).is_ok_and(|m| m.is_symlink()) {
        writeln!(
            err,
            "left alone {shown}: a symbolic link (formatting it would replace the link with a copy)"
        )?;
        return Ok(Outcome::Same);
    }
    // The size limit `check` has: a file over it is refused the same way,
    // not read whole into memory.
    let bytes = match repo::read_limited(&file.path) {
        Ok(bytes) => bytes,
        Err(ReadError::Io(e)) => {
            writeln!(err, "error: cannot read {shown}: {e}")?;
            return Ok(Outcome::Failed);
        }
        Err(why) => {
            let finding = repo::unreadable(&file.rel, &why);
            adapter::write_short(err, &config.root, &file.rel, "", &[finding])?;
            return Ok(Outcome::Failed);
        }
    };
    let text = match adapter::decode(&file.rel, &bytes) {
        Ok(text) => text,
        Err(failure) => {
            let (lossy, finding) = *failure;
            adapter::write_short(err, &config.root, &file.rel, &lossy, &[finding])?;
            return Ok(Outcome::Failed);
        }
    };
    let formatted = match format(text, is_registry) {
        Formatted::Text(formatted) => formatted,
        Formatted::NotOurs => {
            if args.verbose {
                writeln!(
                    err,
                    "left alone {shown}: not a plan, the registry, the catalogue or a progress file"
                )?;
            }
            return Ok(Outcome::Same);
        }
        Formatted::Invalid => {
            let finding = adapter::syntax_error(&file.rel, text);
            adapter::write_short(err, &config.root, &file.rel, text, &[finding])?;
            return Ok(Outcome::Failed);
        }
    };
    if formatted.as_bytes() == bytes.as_slice() {
        return Ok(Outcome::Same);
    }
    if args.check {
        writeln!(out, "{shown}")?;
        if args.verbose {
            let original = String::from_utf8_lossy(&bytes);
            write!(out, "{}", diff(&file.rel, &original, &formatted))?;
        }
        return Ok(Outcome::Changed);
    }
    match write::replace(&file.path, &formatted) {
        Ok(()) => {
            if args.verbose {
                writeln!(err, "formatted {shown}")?;
            }
            Ok(Outcome::Changed)
        }
        Err(e) => {
            writeln!(
                err,
                "error: cannot write {shown}: {e}; the file is left as it was"
            )?;
            Ok(Outcome::Failed)
        }
    }
}

/// A unified diff from the file to its canonical form, with any character
/// a terminal would act on shown as an escape.
fn diff(file: &str, old: &str, new: &str) -> String {
    let text = TextDiff::from_lines(old, new)
        .unified_diff()
        .header(&format!("a/{file}"), &format!("b/{file}"))
        .to_string();
    text.chars()
        .map(|c| {
            if c != '\n' && c != '\t' && quote::hidden(c) {
                format!("\\u{{{:04X}}}", u32::from(c))
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// The files to format: those PATHS name (files, or every `.toml` under a
/// folder), or every file gplan reads; sorted, each once. Then the
/// repositories below a folder of loose plans that were not entered.
fn files(
    config: &Config,
    paths: &[PathBuf],
    registry: Option<&str>,
) -> Result<(Vec<Found>, Vec<OtherRepository>), UsageError> {
    let mut files = Vec::new();
    let mut others = Vec::new();
    if paths.is_empty() {
        let found = config.plan_files();
        files = found.files;
        others = found.other_repositories;
        files.extend(discover::discover(&config.root, &config.progress_dirs).files);
        let catalogue = config
            .documents
            .as_ref()
            .map(|p| discover::relative(Path::new(""), p));
        if let Some(rel) = catalogue {
            files.push(Found {
                path: config.root.join(&rel),
                rel,
            });
        }
        if let Some(rel) = registry {
            files.push(Found {
                rel: rel.to_owned(),
                path: config.root.join(rel),
            });
        }
    } else {
        let root = config
            .root
            .canonicalize()
            .map_err(|e| UsageError(format!("--repo `{}`: {e}", config.root.display())))?;
        for path in paths {
            if let Some(link) = link_to_a_file(&root, &config.root, path)? {
                files.push(link);
                continue;
            }
            let canonical = inside(&root, &config.root, path)?;
            if let Some(refused) = discover::not_a_file(path, &canonical) {
                return Err(refused);
            }
            let rel = discover::relative(&root, &canonical);
            if canonical.is_dir() {
                files.extend(discover::discover(&root, &[PathBuf::from(rel)]).files);
            } else {
                files.push(Found {
                    rel,
                    path: canonical,
                });
            }
        }
    }
    files.sort();
    files.dedup_by(|a, b| a.rel == b.rel);
    Ok((files, others))
}

/// A PATH argument that is a symbolic link to a file, as the link (which
/// [`one_file`] leaves alone, saying why): followed, it would format the
/// file it points to, which may lie anywhere.
fn link_to_a_file(
    root: &Path,
    given_root: &Path,
    path: &Path,
) -> Result<Option<Found>, UsageError> {
    let candidates = [path.to_path_buf(), given_root.join(path)];
    let Some(link) = candidates
        .iter()
        .find(|p| std::fs::symlink_metadata(p).is_ok_and(|m| m.is_symlink()) && p.is_file())
    else {
        return Ok(None);
    };
    let (Some(folder), Some(name)) = (link.parent(), link.file_name()) else {
        return Ok(None);
    };
    let folder = if folder.as_os_str().is_empty() {
        Path::new(".")
    } else {
        folder
    };
    let path = inside(root, given_root, folder)?.join(name);
    Ok(Some(Found {
        rel: discover::relative(root, &path),
        path,
    }))
}

/// A PATH argument (from the current folder, or from the repository root)
/// as a canonical path inside the repository.
fn inside(root: &Path, given_root: &Path, path: &Path) -> Result<PathBuf, UsageError> {
    let candidates = if path.is_absolute() {
        vec![path.to_path_buf()]
    } else {
        vec![path.to_path_buf(), given_root.join(path)]
    };
    let found: Vec<PathBuf> = candidates
        .iter()
        .filter_map(|p| p.canonicalize().ok())
        .collect();
    let canonical = found
        .iter()
        .find(|p| p.starts_with(root))
        .or(found.first())
        .ok_or_else(|| UsageError(format!("path `{}` does not exist", path.display())))?;
    if !canonical.starts_with(root) {
        return Err(UsageError(format!(
            "path `{}` is outside the repository `{}`",
            path.display(),
            given_root.display()
        )));
    }
    Ok(canonical.clone())
}
