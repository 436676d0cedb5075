//! `psephos serve`: previews the site, printing each rebuild's summary or
//! error as it happens.

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use psephos::console::Console;
use psephos::serve;

use super::{Output, err_line, out_line};

pub fn run(site_dir: PathBuf, port: u16, bind: IpAddr, console: Console, out: &Output) -> ExitCode {
    let Output { quiet, palette } = *out;
    let on_build: serve::OnBuild = {
        let out = *out;
        Box::new(move |result| match result {
            Ok(summary) => {
                // As `build` does: a preview is where they are most useful.
                out.warnings(summary.warnings.iter());
                out.say(&summary.to_string());
            }
            Err(error) => {
                out.build_failed(error);
                err_line(&palette.warning(
                    "Still serving the last good build; fix the problem and save to rebuild.",
                ));
            }
        })
    };
    let options = serve::Options {
        site_dir,
        bind,
        port,
    };
    let ready = |addr: SocketAddr| {
        if !quiet {
            out_line(&format!("Serving at http://{addr}/ (press Ctrl-C to stop)"));
            if !addr.ip().is_loopback() {
                out_line(&palette.warning("Anyone on your network can see this preview."));
            }
        }
    };
    match serve::run(options, Arc::new(console), on_build, ready) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => out.failed(&error),
    }
}
