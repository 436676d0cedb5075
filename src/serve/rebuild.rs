//! The rebuild loop's one step: bring the site in memory up to date with
//! what changed (one news item or election alone when that is all, else the
//! whole site), serve it if it built, and tell the terminal and every open
//! page how it went.

use std::fmt;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use super::changes::{Plan, linked, plan};
use super::generations::Generation;
use super::preview::Preview;
use super::{Notice, OnBuild, Shared};
use crate::build::{BuildError, Progress, left_out_items};
use crate::diagnostic::Diagnostic;
use crate::terminal::Palette;

/// What a rebuild did, for the terminal.
#[derive(Debug)]
pub struct Rebuilt {
    /// The site's pages.
    pub pages: usize,
    /// Pages rendered this time: all of them unless only a few changed.
    pub rendered: usize,
    pub elapsed: Duration,
    /// Worth fixing, but nothing that stops a build.
    pub warnings: Vec<Diagnostic>,
    /// News items not shown: drafts.
    pub left_out: Option<String>,
}

impl fmt::Display for Rebuilt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let took = if self.elapsed < Duration::from_secs(1) {
            format!("{} ms", self.elapsed.as_millis().max(1))
        } else {
            format!("{:.2} s", self.elapsed.as_secs_f64())
        };
        if self.rendered == self.pages {
            write!(f, "Built {} pages in {took}", self.pages)?;
        } else {
            write!(
                f,
                "Rebuilt {} of {} pages in {took}",
                self.rendered, self.pages
            )?;
        }
        match &self.left_out {
            Some(items) => write!(f, "; left out {items}"),
            None => Ok(()),
        }
    }
}

pub(super) struct Rebuilder {
    site_dir: PathBuf,
    /// The site folder's real path, as the watcher may name it.
    real_dir: PathBuf,
    /// The last good site; None before the first, or after a failed
    /// rebuild, when the next one loads the whole site.
    preview: Option<Preview>,
    /// Where the links under `content/` led after the last rebuild (see
    /// [`super::changes::linked`]).
    linked: Vec<PathBuf>,
    /// Serving has ended: build nothing more.
    stopped: bool,
    shared: Arc<Shared>,
    progress: Arc<dyn Progress + Send>,
    on_build: OnBuild,
}

impl Rebuilder {
    pub(super) fn new(
        site_dir: PathBuf,
        shared: Arc<Shared>,
        progress: Arc<dyn Progress + Send>,
        on_build: OnBuild,
    ) -> Self {
        let real_dir = site_dir.canonicalize().unwrap_or_else(|_| site_dir.clone());
        Rebuilder {
            site_dir,
            real_dir,
            preview: None,
            linked: Vec::new(),
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

    /// Brings the site up to date after changes at `changed` (all of it
    /// when empty, as for the first build).
    pub(super) fn run_once(&mut self, changed: &[PathBuf]) {
        if self.stopped {
            return;
        }
        let started = Instant::now();
        let plan = match (&self.preview, changed) {
            (None, _) | (_, []) => Plan::Whole,
            (Some(_), changed) => plan(&self.site_dir, &self.real_dir, &self.linked, changed),
        };
        let result = match plan {
            Plan::Nothing => return,
            Plan::Some(changes) => {
                let preview = self.preview.take();
                match preview.map(|mut p| (p.update(&self.site_dir, &changes), p)) {
                    Some((Ok(Some(updated)), preview)) => Ok((preview, updated)),
                    Some((Err(error), _)) => Err(error),
                    // Not to be made alone after all.
                    _ => Preview::load(&self.site_dir, self.progress.as_ref()),
                }
            }
            Plan::Whole => Preview::load(&self.site_dir, self.progress.as_ref()),
        };
        let result = result.map(|(preview, updated)| {
            self.shared.site.publish(Generation {
                files: preview.files(),
                statics: self.site_dir.join("static"),
                site_dir: self.site_dir.clone(),
            });
            let rebuilt = Rebuilt {
                pages: preview.pages(),
                rendered: updated.rendered,
                elapsed: started.elapsed(),
                warnings: updated.warnings,
                left_out: left_out_items(preview.left_out()),
            };
            self.preview = Some(preview);
            rebuilt
        });
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
        // Once the pages have been told, so that it adds nothing to the wait.
        self.linked = linked(&self.site_dir.join("content"));
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
