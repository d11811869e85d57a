//! `gplan new`: a new plan from its parent, on stdout or in a new file.

use std::io::{ErrorKind, Write};
use std::path::Path;

use chrono::NaiveDate;

use crate::author::adapter::{new_context, NewContext};
use crate::author::new::{self, Header, PeriodError};
use crate::author::write;
use crate::cli::NewArgs;
use crate::commands::RunError;
use crate::config::{Config, UsageError};
use crate::exit;
use crate::render::terminal::escape;
use crate::suggest::suggestions;

/// Runs the command; returns the exit code. Unknown parents and
/// jurisdictions are exit 1 with suggestions; arguments that cannot make a
/// valid plan, and an existing `--out` file, are exit 2.
pub fn run(
    config: &Config,
    args: &NewArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<u8, RunError> {
    let to_stdout = args.out == Path::new("-");
    if !to_stdout {
        if args.out.exists() {
            return Err(exists(&args.out).into());
        }
        out_folder(&args.out)?;
    }
    let context = new_context(config, &args.implements)?;
    if let Some(jurisdiction) = &args.jurisdiction {
        check_jurisdiction(&context, jurisdiction)?;
    }
    let header = header(&context, args)?;
    let text = new::plan(&context.parent, &header);
    if to_stdout {
        out.write_all(text.as_bytes())?;
        return Ok(exit::SUCCESS);
    }
    let shown = escape(&args.out.to_string_lossy()).into_owned();
    match write::create_new(&args.out, &text) {
        Ok(()) => {
            writeln!(
                err,
                "wrote {shown}: {} targets and {} tasks from {}; fill in what its comments ask, then run `gplan check`",
                context.parent.targets.len(),
                context.parent.tasks.len(),
                escape(&context.parent.id)
            )?;
            Ok(exit::SUCCESS)
        }
        Err(e) if e.kind() == ErrorKind::AlreadyExists => Err(exists(&args.out).into()),
        Err(e) => Err(UsageError(format!("cannot write `{shown}`: {e}")).into()),
    }
}

/// The folder `--out` names a file in must exist: gplan new writes one
/// file and creates no folder, so a mistyped folder is not silently made.
/// Checked before anything is written, so that the message names the
/// folder rather than the temporary file the write starts with.
fn out_folder(out: &Path) -> Result<(), UsageError> {
    let folder = match out.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => return Ok(()),
    };
    let shown = escape(&folder.to_string_lossy()).into_owned();
    match std::fs::metadata(folder) {
        Ok(meta) if meta.is_dir() => Ok(()),
        Ok(_) => Err(UsageError(format!(
            "cannot write `{}`: `{shown}` is a file, not a folder; choose another --out",
            escape(&out.to_string_lossy())
        ))),
        Err(_) => Err(UsageError(format!(
            "the folder `{shown}` does not exist: create it first, or choose another --out"
        ))),
    }
}

fn exists(path: &Path) -> UsageError {
    UsageError(format!(
        "`{}` exists; gplan new never overwrites a file: choose another --out",
        escape(&path.to_string_lossy())
    ))
}

fn check_jurisdiction(context: &NewContext, jurisdiction: &str) -> Result<(), RunError> {
    let Some(known) = &context.provinces else {
        return Ok(());
    };
    if known.contains_key(jurisdiction) {
        return Ok(());
    }
    let close = suggestions(jurisdiction, known.keys().map(String::as_str), 3);
    let hint = if close.is_empty() {
        String::new()
    } else {
        let quoted: Vec<String> = close.iter().map(|c| format!("`{}`", escape(c))).collect();
        format!("; did you mean {}?", quoted.join(", "))
    };
    Err(RunError::NoMatch(format!(
        "`{}` is not a jurisdiction of the registry{hint}",
        escape(jurisdiction)
    )))
}

fn header(context: &NewContext, args: &NewArgs) -> Result<Header, UsageError> {
    let period = match (context.period, args.period.as_deref()) {
        (Some(parent), asked) => period(asked, parent)?,
        // A catalogue document has no period to clip the new plan's to.
        (None, Some(asked)) if context.outside => read_period(asked)?,
        (None, _) if context.outside => {
            return Err(UsageError(format!(
                "the parent `{}` is an outside document with no period: give the new plan's with --period",
                escape(&context.parent.id)
            )))
        }
        (None, _) => {
            return Err(UsageError(format!(
                "the parent `{}` has no valid period to take the new plan's from; fix it first (gplan check)",
                escape(&context.parent.id)
            )))
        }
    };
    let id = match (&args.id, &args.jurisdiction) {
        (Some(id), _) => id.clone(),
        (None, Some(jurisdiction)) => new::default_id(jurisdiction, period),
        (None, None) => {
            return Err(UsageError(
                "a plan with no --jurisdiction has no default id: give one with --id".to_owned(),
            ))
        }
    };
    if !new::valid_id(&id) {
        return Err(UsageError(format!(
            "`{}` is not a plan id: use lower-case letters, digits, `-`, `.` and `/` (--id)",
            escape(&id)
        )));
    }
    if context.ids.contains(&id) {
        return Err(UsageError(format!(
            "a plan with the id `{}` exists; choose another with --id",
            escape(&id)
        )));
    }
    Ok(Header {
        id,
        number: args.number.clone(),
        issuer: issuer(context, args)?,
        jurisdiction: args.jurisdiction.clone(),
        period,
        implements: context.reference.clone(),
    })
}

/// `--period`, or the parent's, clipped to the parent's.
fn period(
    asked: Option<&str>,
    parent: (NaiveDate, NaiveDate),
) -> Result<(NaiveDate, NaiveDate), UsageError> {
    let Some(asked) = asked else {
        return Ok(parent);
    };
    let wanted = read_period(asked)?;
    new::clip(wanted, parent).ok_or_else(|| {
        UsageError(format!(
            "--period `{}` lies outside the parent's period {}..{}",
            escape(asked),
            parent.0,
            parent.1
        ))
    })
}

/// `--period` as written, or what is wrong with it and how to write it.
fn read_period(asked: &str) -> Result<(NaiveDate, NaiveDate), UsageError> {
    new::parse_period(asked).map_err(|e| match e {
        PeriodError::Unreadable => UsageError(format!(
            "--period `{}`: write a year (2024), years (2021..2025) or days (2024-03-01..2024-12-31)",
            escape(asked)
        )),
        PeriodError::Reversed { swapped } => UsageError(format!(
            "--period `{}` ends before it starts: write the earlier end first, --period {}",
            escape(asked),
            escape(&swapped)
        )),
    })
}

/// `--issuer`; else the parent's issuer in its own jurisdiction; else the
/// provincial people's committee for a province. A plan with no
/// jurisdiction has no default: whoever issues it is not known from it.
fn issuer(context: &NewContext, args: &NewArgs) -> Result<String, UsageError> {
    if let Some(issuer) = &args.issuer {
        return Ok(issuer.clone());
    }
    let Some(jurisdiction) = args.jurisdiction.as_deref() else {
        return Err(UsageError(
            "name the body that issues the plan with --issuer: a plan with no --jurisdiction has no default".to_owned(),
        ));
    };
    if context.jurisdiction.as_deref() == Some(jurisdiction) {
        if let Some(issuer) = &context.issuer {
            return Ok(issuer.clone());
        }
    }
    let province = context
        .provinces
        .as_ref()
        .and_then(|p| p.get(jurisdiction))
        .copied()
        .unwrap_or(false);
    if province {
        return Ok("Ủy ban nhân dân tỉnh".to_owned());
    }
    Err(UsageError(format!(
        "name the body that issues the plan with --issuer: `{}` is not a province",
        escape(jurisdiction)
    )))
}
