//! The `gplan` binary: parse arguments, decide on colour, run, exit.

use std::cell::RefCell;
use std::io::{self, BufWriter, ErrorKind, StderrLock, StdoutLock, Write};
use std::process::ExitCode;
use std::rc::Rc;

use clap::Parser;

use gplan::cli::Cli;
use gplan::exit;

fn main() -> ExitCode {
    let cli = Cli::parse();
    cli.color.write_global();
    let color = anstream::AutoStream::choice(&std::io::stdout()) != anstream::ColorChoice::Never;
    let buffered = Rc::new(RefCell::new(BufWriter::with_capacity(
        64 * 1024,
        std::io::stdout().lock(),
    )));
    let mut out = Stdout(buffered.clone());
    let mut err = Stderr {
        out: buffered,
        err: std::io::stderr().lock(),
    };
    match gplan::run(&cli, color, &mut out, &mut err).and_then(|code| out.flush().map(|()| code)) {
        Ok(code) => ExitCode::from(code),
        Err(e) if e.kind() == ErrorKind::BrokenPipe => ExitCode::from(exit::SUCCESS),
        Err(e) => {
            let _ = writeln!(err, "error: {e}");
            ExitCode::from(exit::FAILURE)
        }
    }
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
/// flushed, so the two keep their order on a terminal or with `2>&1`.
struct Stderr {
    out: Rc<RefCell<BufWriter<StdoutLock<'static>>>>,
    err: StderrLock<'static>,
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
