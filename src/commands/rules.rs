//! `gplan rules` and `gplan explain CODE`: the rule list, printed from
//! the one list in `rules`, so they always show the rules `check` runs.

use std::io::Write;

use serde::Serialize;

use crate::cli::{ExplainArgs, RulesArgs, RulesFormat};
use crate::commands::RunError;
use crate::config::UsageError;
use crate::diagnostic::Code;
use crate::exit;
use crate::render;
use crate::render::terminal::{self, escape};
use crate::rules::did_you_mean;

/// One row of `gplan rules --format json`.
#[derive(Serialize)]
struct Row {
    code: &'static str,
    severity: &'static str,
    summary: &'static str,
}

/// `gplan rules`.
pub fn list(args: &RulesArgs, out: &mut dyn Write) -> Result<u8, RunError> {
    let rows: Vec<Row> = Code::ALL
        .iter()
        .map(|c| Row {
            code: c.name(),
            severity: c.severity().as_str(),
            summary: c.summary(),
        })
        .collect();
    match args.format {
        RulesFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &rows).map_err(std::io::Error::from)?;
            writeln!(out)?;
        }
        RulesFormat::Table => {
            let cells: Vec<_> = rows
                .iter()
                .map(|r| (r.code, r.severity, r.summary))
                .collect();
            render::rules::write(out, &cells, terminal::width())?;
        }
    }
    Ok(exit::SUCCESS)
}

/// `gplan explain CODE`: the rule's documentation, or exit 2 naming the
/// closest codes.
pub fn explain(args: &ExplainArgs, out: &mut dyn Write) -> Result<u8, RunError> {
    let Some(code) = Code::find(&args.code) else {
        let hint = did_you_mean(Code::closest(&args.code))
            .map(|d| format!("; {d}"))
            .unwrap_or_default();
        return Err(UsageError(format!(
            "unknown rule code `{}`{hint} (`gplan rules` lists every code)",
            escape(&args.code)
        ))
        .into());
    };
    let rule = code.rule();
    let text = format!(
        "{}: {} (default level: {}; phase: {})\n\n{}",
        rule.code,
        rule.summary,
        rule.severity.as_str(),
        rule.phase().as_str(),
        rule.documentation()
    );
    terminal::write_prose(out, &text, terminal::width())?;
    Ok(exit::SUCCESS)
}
