//! `psephos check`: builds the site in memory, checks every link, and says
//! what it checked.

use std::path::Path;
use std::process::ExitCode;

use psephos::build::{Audience, left_out_items, prepare_check};
use psephos::console::Console;
use psephos::link_check;

use super::Output;

pub fn run(site_dir: &Path, future: bool, console: &Console, out: &Output) -> ExitCode {
    let audience = Audience::Publish { future };
    let (prepared, whole) = match prepare_check(site_dir, console, audience) {
        Ok(prepared) => prepared,
        Err(error) => return out.build_failed(&error),
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
        return out.problems(&report.problems, "in the links between pages");
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
