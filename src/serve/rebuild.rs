//! The rebuild loop's one step: build the site into a new folder, serve it
//! if it built, and tell the terminal and every open page how it went.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use super::{Notice, OnBuild, Shared};
use crate::build::{Audience, BuildError, Overwrite, Progress, build_for};
use crate::terminal::Palette;

pub(super) struct Rebuilder {
    site_dir: PathBuf,
    /// Each build goes into a new folder in here.
    work: PathBuf,
    builds: u64,
    /// Serving has ended: build nothing more.
    stopped: bool,
    shared: Arc<Shared>,
    progress: Arc<dyn Progress + Send>,
    on_build: OnBuild,
}

impl Rebuilder {
    pub(super) fn new(
        site_dir: PathBuf,
        work: PathBuf,
        shared: Arc<Shared>,
        progress: Arc<dyn Progress + Send>,
        on_build: OnBuild,
    ) -> Self {
        Rebuilder {
            site_dir,
            work,
            builds: 0,
            stopped: false,
            shared,
            progress,
            on_build,
        }
    }

    /// Builds nothing more: serving has ended.
    pub(super) fn stop(&mut self) {
        self.stopped = true;
    }

    pub(super) fn run_once(&mut self) {
        if self.stopped {
            return;
        }
        self.builds += 1;
        let out = self.work.join(format!("site-{}", self.builds));
        let result = build_for(
            &self.site_dir,
            &out,
            Overwrite::OwnOutput,
            self.progress.as_ref(),
            Audience::Preview,
        );
        if result.is_ok() {
            self.shared.site.publish(out);
        }
        (self.on_build)(&result);
        let notice = match &result {
            Ok(_) => Notice::Reload,
            Err(err) => Notice::Failed(overlay_text(err)),
        };
        if let Ok(mut error) = self.shared.error.write() {
            *error = match &notice {
                Notice::Failed(text) => Some(text.clone()),
                Notice::Reload => None,
            };
        }
        // Nobody listening is fine.
        let _ = self.shared.notices.send(notice);
    }
}

pub(super) fn lock(rebuilder: &Mutex<Rebuilder>) -> MutexGuard<'_, Rebuilder> {
    rebuilder.lock().unwrap_or_else(PoisonError::into_inner)
}

/// What an open page shows over the last good build: the error as the
/// terminal tells it, without colour.
fn overlay_text(error: &BuildError) -> String {
    format!(
        "psephos could not rebuild the site; this page shows the last good build.\n\n{}",
        error.report(Palette::PLAIN)
    )
}
