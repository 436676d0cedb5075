//! `psephos count`: counts one election and prints the declaration, or the
//! outcome as JSON.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use psephos::load::load_election;
use psephos::problems::error_line;
use psephos::report;

use super::{Output, PROBLEMS};

pub fn run(path: &Path, json: bool, out: &Output) -> ExitCode {
    match load_election(path) {
        Ok(loaded) => {
            out.warnings(loaded.warnings.iter());
            let text = if json {
                match report::json::to_string(&loaded.election, &loaded.outcome) {
                    Ok(text) => text,
                    Err(err) => return fail(&format!("cannot make the JSON: {err}"), out),
                }
            } else {
                report::text::declaration(&loaded.election, &loaded.outcome)
            };
            write_result(&text, out)
        }
        Err(diagnostics) => out.problems(&diagnostics, "in the election data"),
    }
}

/// Prints a command's result. A reader that stopped reading (`| head`) ends
/// it quietly; any other failure (a full disk) is an error, since the result
/// did not get where it was sent.
fn write_result(text: &str, out: &Output) -> ExitCode {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(err) => fail(&format!("cannot write the result: {err}"), out),
    }
}

fn fail(what: &str, out: &Output) -> ExitCode {
    super::err_line(&error_line(what, None, out.palette));
    ExitCode::from(PROBLEMS)
}
