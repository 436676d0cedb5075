//! The `psephos` command: parses the command line and hands each command to
//! the library, printing what it returns.

use std::io::Write;
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use clap::Parser;
use psephos::build::{Audience, BuildError, Overwrite, build_for, left_out_items, prepare_check};
use psephos::cli::{Cli, Command};
use psephos::console::Console;
use psephos::diagnostic::Diagnostic;
use psephos::load::load_election;
use psephos::scaffold::{self, NewError};
use psephos::terminal::Palette;
use psephos::{link_check, report, serve};

/// Like `println!`, but a closed standard output (`psephos check | head -1`,
/// or the terminal `serve` ran in was closed) is not worth a panic.
macro_rules! outln {
    ($($arg:tt)*) => {{
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

/// Like `eprintln!`, without the panic when standard error is closed.
macro_rules! errln {
    ($($arg:tt)*) => {{
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

/// Exit status for problems in the content or data.
const PROBLEMS: u8 = 1;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let console = Console::new(cli.quiet, cli.verbose);
    let out = Output {
        quiet: cli.quiet,
        palette: Palette::for_stderr(),
    };
    match cli.command {
        Command::New { dir } => new(&dir, &out),
        Command::Build {
            site_dir,
            out: dest,
            force,
            future,
        } => {
            let dest = dest.unwrap_or_else(|| site_dir.join("public"));
            let overwrite = if force {
                Overwrite::Anything
            } else {
                Overwrite::OwnOutput
            };
            let audience = Audience::Publish { future };
            build_site(&site_dir, &dest, overwrite, audience, &console, &out)
        }
        Command::Check { site_dir, future } => {
            check(&site_dir, Audience::Publish { future }, &console, &out)
        }
        Command::Count { path, json } => count(&path, json, &out),
        Command::Serve {
            site_dir,
            port,
            bind,
        } => serve(site_dir, port, bind, console, out),
    }
}

/// Where and how to print.
struct Output {
    quiet: bool,
    palette: Palette,
}

impl Output {
    /// A result line on standard output, unless `--quiet`.
    fn say(&self, line: &str) {
        if !self.quiet {
            outln!("{line}");
        }
    }

    fn diagnostics(&self, diagnostics: &[Diagnostic], what: &str) {
        let mut stderr = std::io::stderr().lock();
        for diagnostic in diagnostics {
            let _ = writeln!(stderr, "{}", diagnostic.render_with(self.palette));
        }
        let n = diagnostics.len();
        let _ = writeln!(
            stderr,
            "{}: found {n} problem{} {what}",
            self.palette.error("error"),
            if n == 1 { "" } else { "s" }
        );
    }

    /// Warnings go to standard error, unless `--quiet`.
    fn warnings<'d>(&self, warnings: impl Iterator<Item = &'d Diagnostic>) -> usize {
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

    fn build_error(&self, error: &BuildError) {
        match error {
            BuildError::Content(diagnostics) => {
                self.diagnostics(diagnostics, "in the content; nothing was written")
            }
            other => errln!("{other}"),
        }
    }

    fn timings(&self, console: &Console) {
        for line in console.timings() {
            errln!("{line}");
        }
    }
}

fn new(dir: &Path, out: &Output) -> ExitCode {
    match scaffold::create(dir) {
        Ok(files) => {
            out.say(&format!(
                "Created a new site in {} ({} files).",
                dir.display(),
                files.len()
            ));
            out.say("\nNext:");
            out.say(&format!("  cd {}", dir.display()));
            out.say("  psephos serve     # preview it at http://127.0.0.1:1111/ as you edit");
            out.say("  psephos check     # check the data, counts and links");
            out.say("  psephos build     # write the site to public/, ready to upload");
            out.say("\nOn results night, RESULTS-NIGHT.md shows how to publish the count as it happens.");
            ExitCode::SUCCESS
        }
        Err(NewError::NotEmpty(dir)) => {
            errln!(
                "{}: {} already exists and is not empty\n = help: choose a new folder name, or empty this one first",
                out.palette.error("error"),
                dir.display()
            );
            ExitCode::from(PROBLEMS)
        }
        Err(NewError::Io(path, error)) => {
            errln!(
                "{}: could not write {}: {error}",
                out.palette.error("error"),
                path.display()
            );
            ExitCode::from(PROBLEMS)
        }
    }
}

fn build_site(
    site_dir: &Path,
    dest: &Path,
    overwrite: Overwrite,
    audience: Audience,
    console: &Console,
    out: &Output,
) -> ExitCode {
    match build_for(site_dir, dest, overwrite, console, audience) {
        Ok(summary) => {
            out.timings(console);
            out.warnings(summary.warnings.iter());
            out.say(&summary.to_string());
            ExitCode::SUCCESS
        }
        Err(error) => {
            out.build_error(&error);
            ExitCode::from(PROBLEMS)
        }
    }
}

fn check(site_dir: &Path, audience: Audience, console: &Console, out: &Output) -> ExitCode {
    let (prepared, whole) = match prepare_check(site_dir, console, audience) {
        Ok(prepared) => prepared,
        Err(error) => {
            out.build_error(&error);
            return ExitCode::from(PROBLEMS);
        }
    };
    let report = link_check::check_site(
        site_dir,
        &prepared.outputs,
        &prepared.left_out,
        whole.as_ref().map(|w| w.outputs.as_slice()),
        prepared.site.config.base_url.as_deref(),
    );
    out.timings(console);
    if !report.problems.is_empty() {
        out.diagnostics(&report.problems, "in the links between pages");
        return ExitCode::from(PROBLEMS);
    }
    let warnings = out.warnings(prepared.site.warnings());
    let elections = prepared.site.elections.len();
    out.say(&format!(
        "{} {elections} election{}, {} pages and {} links: no problems found{}{}",
        out.palette.success("Checked"),
        if elections == 1 { "" } else { "s" },
        report.pages,
        report.links,
        match warnings {
            0 => String::new(),
            1 => ", 1 warning".to_owned(),
            n => format!(", {n} warnings"),
        },
        left_out_items(&prepared.left_out)
            .map(|items| format!("; also checked {items}, which build leaves out"))
            .unwrap_or_default(),
    ));
    ExitCode::SUCCESS
}

fn serve(site_dir: PathBuf, port: u16, bind: IpAddr, console: Console, out: Output) -> ExitCode {
    let palette = out.palette;
    let quiet = out.quiet;
    let on_build: serve::OnBuild = Box::new(move |result| match result {
        Ok(summary) => {
            // As `build` does: a preview is where they are most useful.
            out.warnings(summary.warnings.iter());
            if !quiet {
                outln!("{summary}");
            }
        }
        Err(error) => {
            out.build_error(error);
            errln!(
                "{}",
                palette.warning(
                    "Still serving the last good build; fix the problem and save to rebuild."
                )
            );
        }
    });
    let options = serve::Options {
        site_dir,
        bind,
        port,
    };
    let ready = |addr: std::net::SocketAddr| {
        if !quiet {
            outln!("Serving at http://{addr}/ (press Ctrl-C to stop)");
            if !addr.ip().is_loopback() {
                outln!(
                    "{}",
                    palette.warning("Anyone on your network can see this preview.")
                );
            }
        }
    };
    match serve::run(options, Arc::new(console), on_build, ready) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            errln!("{error}");
            ExitCode::from(PROBLEMS)
        }
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
        Err(err) => {
            errln!(
                "{}: cannot write the result: {err}",
                out.palette.error("error")
            );
            ExitCode::from(PROBLEMS)
        }
    }
}

fn count(path: &Path, json: bool, out: &Output) -> ExitCode {
    match load_election(path) {
        Ok(loaded) => {
            out.warnings(loaded.warnings.iter());
            let text = if json {
                report::json::to_string(&loaded.election, &loaded.outcome)
            } else {
                report::text::declaration(&loaded.election, &loaded.outcome)
            };
            write_result(&text, out)
        }
        Err(diagnostics) => {
            out.diagnostics(&diagnostics, "in the election data");
            ExitCode::from(PROBLEMS)
        }
    }
}
