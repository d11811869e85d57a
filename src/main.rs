//! The `gplan` binary: parse arguments, decide on colour, run, exit.

use std::cell::RefCell;
use std::io::{self, BufWriter, ErrorKind, StdoutLock, Write};
use std::process::ExitCode;
use std::rc::Rc;

use clap::{CommandFactory, Parser};

use gplan::cli::Cli;
use gplan::exit;
use gplan::render::messages::{self, Wrapped};
use gplan::render::terminal::escape;

fn main() -> ExitCode {
    // An empty GPLAN_TODAY means unset, as an empty NO_COLOR does. No
    // other thread runs yet, so changing the environment is safe here.
    if std::env::var_os("GPLAN_TODAY").is_some_and(|v| v.is_empty()) {
        std::env::remove_var("GPLAN_TODAY");
    }
    // Under `COMPLETE=<shell>`, the shell asks for completions: answer and
    // exit before anything else runs.
    clap_complete::CompleteEnv::with_factory(Cli::command)
        .var(gplan::commands::docs::COMPLETE_VAR)
        .complete();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(stop) => match refused_today_variable(&stop) {
            Some(why) => {
                let mut err = Wrapped::new(std::io::stderr(), messages::width());
                let _ = writeln!(err, "error: {why}").and_then(|()| err.flush());
                return ExitCode::from(exit::USAGE);
            }
            None => return print_and_exit(&stop),
        },
    };
    cap_threads();
    cli.color.write_global();
    let color = anstream::AutoStream::choice(&std::io::stdout()) != anstream::ColorChoice::Never;
    let buffered = Rc::new(RefCell::new(BufWriter::with_capacity(
        64 * 1024,
        std::io::stdout().lock(),
    )));
    let mut out = Stdout(buffered.clone());
    let stderr = Stderr {
        out: buffered,
        err: std::io::stderr(),
    };
    let mut err = Wrapped::new(stderr, messages::width());
    let code = match gplan::run(&cli, color, &mut out, &mut err)
        .and_then(|code| out.flush().map(|()| code))
    {
        Ok(code) => code,
        Err(e) if e.kind() == ErrorKind::BrokenPipe => exit::SUCCESS,
        Err(e) => {
            // An error may quote a path of the site folder or the plans.
            let _ = writeln!(err, "error: {}", escape(&e.to_string()));
            exit::FAILURE
        }
    };
    let _ = err.flush();
    ExitCode::from(code)
}

/// For `--help`, `--version` and usage errors: prints what clap says, and
/// exits with clap's code, or with 1 when the text could not be written (a
/// full disk must not pass for a shown help).
fn print_and_exit(stop: &clap::Error) -> ExitCode {
    match print_stop(stop).and_then(|()| std::io::stdout().flush()) {
        Ok(()) => ExitCode::from(u8::try_from(stop.exit_code()).unwrap_or(exit::USAGE)),
        Err(e) if e.kind() == ErrorKind::BrokenPipe => ExitCode::from(exit::SUCCESS),
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "error: {e}");
            ExitCode::from(exit::FAILURE)
        }
    }
}

/// Prints clap's text: help and the version as clap lays them out (it
/// wraps help to the terminal itself); a usage error, on a terminal, as
/// plain text wrapped as every other message on standard error is (see
/// [`messages::width`]), since clap writes it as one long line.
fn print_stop(stop: &clap::Error) -> io::Result<()> {
    let width = messages::width().filter(|_| stop.use_stderr());
    if width.is_none() {
        return stop.print();
    }
    let mut err = Wrapped::new(std::io::stderr(), width);
    write!(err, "{}", stop.render())?;
    err.flush()
}

/// Why `GPLAN_TODAY` is refused, when it, not a `--today` typed on the
/// command line, gave clap the value it refused: clap's message names
/// `--today`, which the user did not type.
fn refused_today_variable(stop: &clap::Error) -> Option<String> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if stop.kind() != ErrorKind::ValueValidation {
        return None;
    }
    let Some(ContextValue::String(arg)) = stop.get(ContextKind::InvalidArg) else {
        return None;
    };
    let typed = std::env::args_os()
        .filter_map(|a| a.into_string().ok())
        .any(|a| a == "--today" || a.starts_with("--today="));
    if !arg.starts_with("--today") || typed {
        return None;
    }
    let value = std::env::var("GPLAN_TODAY").ok()?;
    let why = gplan::config::parse_cli_date(&value).err()?;
    Some(format!(
        "GPLAN_TODAY: {}; set it to a date, or unset it for the system date",
        gplan::render::terminal::escape(&why)
    ))
}

/// Sizes the thread pool: `RAYON_NUM_THREADS` may ask for fewer threads
/// than the machine has, never more (5,000 threads made a 4 ms run take
/// seconds to start and stop).
fn cap_threads() {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let asked = std::env::var("RAYON_NUM_THREADS")
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|&n| n > 0);
    let threads = asked.map_or(cores, |n| n.min(cores));
    // Fails only when a pool already exists, which at the start of main it
    // cannot.
    let _ = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build_global();
}

/// Standard output, buffered in blocks rather than lines: a query can
/// print a million lines.
struct Stdout(Rc<RefCell<BufWriter<StdoutLock<'static>>>>);

impl Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.borrow_mut().write(buf)
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.0.borrow_mut().write_all(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.borrow_mut().flush()
    }
}

/// Standard error, written only after what standard output holds is
/// flushed, so the two keep their order on a terminal or with `2>&1`. It
/// is locked a write at a time, never for the whole run: a panic on
/// another thread prints its message there, and would otherwise wait for
/// the lock forever instead of ending the run.
struct Stderr {
    out: Rc<RefCell<BufWriter<StdoutLock<'static>>>>,
    err: io::Stderr,
}

impl Write for Stderr {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        // A closed stdout must not silence stderr; the next write to stdout
        // reports it.
        let _ = self.out.borrow_mut().flush();
        self.err.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.err.flush()
    }
}
