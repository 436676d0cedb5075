//! Progress shown while a build runs: a bar on a terminal for builds that
//! take more than a second, and each stage's time with `--verbose`.

use std::io::IsTerminal;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::build::{Progress, Stage};

/// Builds quicker than this finish without a progress bar.
const BAR_AFTER: Duration = Duration::from_secs(1);

pub struct Console {
    verbose: bool,
    /// Whether a bar may be drawn at all (a terminal, and not `--quiet`).
    bar_allowed: bool,
    started: Instant,
    bar: Mutex<Option<ProgressBar>>,
    /// Stage timings, for `--verbose`.
    timings: Mutex<Vec<(Stage, Duration)>>,
}

impl Console {
    pub fn new(quiet: bool, verbose: bool) -> Self {
        Console {
            verbose: verbose && !quiet,
            bar_allowed: !quiet && std::io::stderr().is_terminal(),
            started: Instant::now(),
            bar: Mutex::new(None),
            timings: Mutex::new(Vec::new()),
        }
    }

    /// Each stage and its time, one per line, for `--verbose`.
    pub fn timings(&self) -> Vec<String> {
        if !self.verbose {
            return Vec::new();
        }
        let timings = self.timings.lock().map(|t| t.clone()).unwrap_or_default();
        timings
            .iter()
            .map(|(stage, took)| {
                format!(
                    "  {:<14} {:>8.1} ms",
                    stage.name(),
                    took.as_secs_f64() * 1000.0
                )
            })
            .collect()
    }

    fn clear_bar(&self) {
        if let Ok(mut bar) = self.bar.lock()
            && let Some(bar) = bar.take()
        {
            bar.finish_and_clear();
        }
    }
}

impl Progress for Console {
    fn started(&self, stage: Stage, items: Option<usize>) {
        if stage != Stage::Render || !self.bar_allowed {
            return;
        }
        let bar =
            ProgressBar::with_draw_target(items.map(|n| n as u64), ProgressDrawTarget::hidden());
        if let Ok(style) = ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} pages") {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_message(stage.name());
        if let Ok(mut slot) = self.bar.lock() {
            *slot = Some(bar);
        }
    }

    fn advanced(&self) {
        let Ok(slot) = self.bar.lock() else { return };
        if let Some(bar) = slot.as_ref() {
            // Show the bar only once the build has run for a while.
            if bar.is_hidden() && self.started.elapsed() > BAR_AFTER {
                bar.set_draw_target(ProgressDrawTarget::stderr());
            }
            bar.inc(1);
        }
    }

    fn finished(&self, stage: Stage, took: Duration) {
        if stage == Stage::Render {
            self.clear_bar();
        }
        if let Ok(mut timings) = self.timings.lock() {
            timings.push((stage, took));
        }
    }
}
