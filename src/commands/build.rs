//! `psephos build`: builds the site and prints its summary and warnings.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use psephos::build::{Audience, Overwrite, build_for};
use psephos::console::Console;

use super::Output;

pub fn run(
    site_dir: &Path,
    dest: Option<PathBuf>,
    force: bool,
    future: bool,
    console: &Console,
    out: &Output,
) -> ExitCode {
    let dest = dest.unwrap_or_else(|| site_dir.join("public"));
    let overwrite = if force {
        Overwrite::Anything
    } else {
        Overwrite::OwnOutput
    };
    let audience = Audience::Publish { future };
    match build_for(site_dir, &dest, overwrite, console, audience) {
        Ok(summary) => {
            out.timings(console);
            out.warnings(summary.warnings.iter());
            out.say(&summary.to_string());
            ExitCode::SUCCESS
        }
        Err(error) => out.build_failed(&error),
    }
}
