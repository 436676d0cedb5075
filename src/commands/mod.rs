//! The binary's handler for each command, one file each, and how they all
//! print: results on standard output, everything else on standard error,
//! painted only when standard error is a terminal.

pub mod build;
pub mod check;
pub mod count;
pub mod new;
pub mod serve;

use std::io::Write;
use std::process::ExitCode;

use psephos::build::BuildError;
use psephos::console::Console;
use psephos::diagnostic::Diagnostic;
use psephos::problems::{Advice, error_report, problems_report};
use psephos::terminal::Palette;

/// Exit status for problems in the content or data.
pub const PROBLEMS: u8 = 1;

/// Where and how to print.
#[derive(Clone, Copy)]
pub struct Output {
    pub quiet: bool,
    pub palette: Palette,
}

/// A line on standard output. A closed standard output (`psephos check |
/// head -1`, or the terminal `serve` ran in was closed) is not worth a panic.
pub fn out_line(line: &str) {
    let _ = writeln!(std::io::stdout(), "{line}");
}

/// A line on standard error, without the panic when it is closed.
pub fn err_line(line: &str) {
    let _ = writeln!(std::io::stderr(), "{line}");
}

impl Output {
    /// A result line on standard output, unless `--quiet`.
    pub fn say(&self, line: &str) {
        if !self.quiet {
            out_line(line);
        }
    }

    /// Each problem in full, then how many there were and where; the
    /// command has failed.
    pub fn problems(&self, diagnostics: &[Diagnostic], what: &str) -> ExitCode {
        err_line(&problems_report(diagnostics, what, self.palette));
        ExitCode::from(PROBLEMS)
    }

    /// The error that ended the command, with its cause and advice.
    pub fn failed(&self, error: &dyn Advice) -> ExitCode {
        err_line(&error_report(error, self.palette));
        ExitCode::from(PROBLEMS)
    }

    /// Why a build failed: its problems in the content, or its error.
    pub fn build_failed(&self, error: &BuildError) -> ExitCode {
        err_line(&error.report(self.palette));
        ExitCode::from(PROBLEMS)
    }

    /// Warnings go to standard error, unless `--quiet`; returns how many
    /// there were either way.
    pub fn warnings<'d>(&self, warnings: impl Iterator<Item = &'d Diagnostic>) -> usize {
        let mut count = 0;
        let mut stderr = std::io::stderr().lock();
        for warning in warnings {
            count += 1;
            if !self.quiet {
                let _ = writeln!(stderr, "{}", warning.render_warning_with(self.palette));
            }
        }
        count
    }

    /// Each stage's time, with `--verbose`.
    pub fn timings(&self, console: &Console) {
        for line in console.timings() {
            err_line(&line);
        }
    }
}
