//! How a build reports its progress: the stages, and the observer told of
//! each; the command line decides what to show.

use std::time::Duration;

/// The stages of a build, for progress and timings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Load,
    /// Making every page and file; a build writes each as it is made.
    Render,
    /// What follows: the static files, the marker, the swap, and removing
    /// the previous output.
    Write,
}

impl Stage {
    pub fn name(self) -> &'static str {
        match self {
            Stage::Load => "load and count",
            Stage::Render => "render pages",
            Stage::Write => "write files",
        }
    }
}

/// Told how a build is going; the command line decides what to show.
pub trait Progress: Sync {
    /// A stage begins; `items` is how many steps it has, when known.
    fn started(&self, _stage: Stage, _items: Option<usize>) {}
    /// One step of the current stage is done (called from many threads).
    fn advanced(&self) {}
    fn finished(&self, _stage: Stage, _took: Duration) {}
}

/// Shows nothing.
pub struct Quiet;

impl Progress for Quiet {}
