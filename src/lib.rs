//! gplan: government action plans kept as TOML files, checked and queried.
//!
//! The pipeline, one module per step: `discover` finds files, `raw` parses
//! them with spans, `validate` turns them into the `model` (collecting every
//! problem), `registry` knows the bodies and
//! `names` how to match them, `resolve` indexes references, `rules` runs
//! every check, and `render` prints. `run` ties it to the command line; the
//! library never prints on its own.

pub mod author;
pub mod catalogue;
pub mod cli;
pub mod commands;
pub mod complete;
pub mod config;
pub mod deadline;
pub mod diagnostic;
pub mod discover;
pub mod exit;
pub mod figure;
pub mod model;
pub mod names;
pub mod progress;
pub mod raw;
pub mod registry;
pub mod render;
pub mod repo;
pub mod resolve;
pub mod rules;
pub mod schema;
pub mod site;
pub mod source;
pub mod suggest;
pub mod validate;

use std::io::{self, Write};

use chrono::Local;

use cli::{Cli, Command};
use commands::RunError;
use config::Config;

/// Runs one command. `color` is the decision already taken for stdout.
/// Returns the exit code; only a failed write is an `Err`.
pub fn run(cli: &Cli, color: bool, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<u8> {
    match &cli.command {
        Command::Completions(args) => return commands::docs::completions(args.shell, out),
        Command::Man(args) => return finish(commands::docs::man(args, out), err),
        Command::Schema(args) => return finish(commands::plans::schema(args, out), err),
        Command::Rules(args) => return finish(commands::rules::list(args, out), err),
        Command::Explain(args) => return finish(commands::rules::explain(args, out), err),
        _ => {}
    }
    let today = cli.today.unwrap_or_else(|| Local::now().date_naive());
    let result = config::repository_root(cli.repo.as_deref())
        .and_then(|root| {
            let config = Config::new(&root.path, today, color)?;
            Ok(Config {
                guessed: root.guessed,
                ..config
            })
        })
        .map_err(RunError::from)
        .and_then(|config| {
            for note in &config.notes {
                writeln!(err, "note: {note}")?;
            }
            Ok(config)
        })
        .and_then(|config| match &cli.command {
            Command::Check(args) => commands::check::run(&config, args, out, err),
            Command::Due(args) => commands::due::run(&config, args, out, err),
            Command::Owners(args) => commands::owners::run(&config, args, out, err),
            Command::Status(args) => commands::status::run(&config, args, out, err),
            Command::Show(args) => commands::plans::show(&config, args, out, err),
            Command::Tree(args) => commands::plans::tree(&config, args, out, err),
            Command::Fmt(args) => commands::fmt::run(&config, args, out, err),
            Command::New(args) => commands::new::run(&config, args, out, err),
            Command::Site(args) => commands::site::run(&config, args, out, err),
            Command::Completions(_)
            | Command::Man(_)
            | Command::Schema(_)
            | Command::Rules(_)
            | Command::Explain(_) => Ok(exit::SUCCESS),
        });
    finish(result, err)
}

/// Turns a command's result into the exit code, reporting why it stopped.
/// The message is escaped whole: it quotes paths as given (`--repo`, a
/// PATH a shell glob made from a file name), and a file name may hold an
/// escape sequence. Escaping is idempotent, so parts escaped already stay
/// as they are.
fn finish(result: Result<u8, RunError>, err: &mut dyn Write) -> io::Result<u8> {
    use render::terminal::escape;
    match result {
        Ok(code) => Ok(code),
        Err(RunError::Usage(usage)) => {
            writeln!(err, "error: {}", escape(&usage.0))?;
            Ok(exit::USAGE)
        }
        Err(RunError::NoMatch(why)) => {
            writeln!(err, "error: {}", escape(&why))?;
            Ok(exit::FAILURE)
        }
        Err(RunError::Io(e)) => Err(e),
    }
}
pub mod query;
