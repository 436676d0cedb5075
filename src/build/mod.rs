//! `psephos build`: load the site, render every page in parallel, writing
//! each into a staging folder as it is made, and swap that folder in whole.
//! Data flows one way: content → model → count → pages → files.
//!
//! The stages are here; beside them, making the files (`produce.rs`), shared
//! by a build and by the in-memory `prepare`; how a build reports its progress
//! (`progress.rs`) and its result (`summary.rs`), why it failed (`error.rs`),
//! where it may write (`output_folder.rs`) and which static files clash with
//! its pages (`static_clashes.rs`).

mod error;
mod output_folder;
mod produce;
mod progress;
mod static_clashes;
mod summary;

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Instant;

pub use error::BuildError;
pub use progress::{Progress, Quiet, Stage};
pub use summary::{Summary, left_out_items};

use crate::assets::STYLESHEET_SOURCE;
use crate::content::{LeftOut, Site, news_order};
use crate::diagnostic::Diagnostic;
use crate::link_check::LeftOutLinks;
use crate::load::load_site;
use crate::site::Output;
use crate::time::Moment;
use crate::write::{ForeignFiles, Staging, StaticDir};
use output_folder::{check_output, check_own, foreign_output};
use produce::produce;
pub use produce::{gather, site_assets};
use static_clashes::static_clashes;

/// A site loaded, counted and rendered in memory, not yet written.
pub struct Prepared {
    /// What is published: without the news items left out.
    pub site: Site,
    pub outputs: Vec<Output>,
    /// How many of the outputs are pages.
    pub pages: usize,
    pub statics: PathBuf,
    /// The news items loaded and checked but not published.
    pub left_out: Vec<LeftOut>,
}

/// Who a build is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// The published site, with its `base_url` if it has one. News items
    /// dated after the moment of the build are left out unless `future`.
    Publish { future: bool },
    /// A local preview: `base_url` is ignored so that every link leads back
    /// to the preview rather than to the live site, and news items dated in
    /// the future are shown.
    Preview,
}

impl Audience {
    /// `psephos build` as it is by default.
    pub const PUBLISH: Audience = Audience::Publish { future: false };
}

/// Loads and renders the site in `site_dir` as `psephos build` would
/// publish it, writing nothing.
pub fn prepare(site_dir: &Path, progress: &dyn Progress) -> Result<Prepared, BuildError> {
    prepare_for(site_dir, progress, Audience::PUBLISH)
}

/// Loads and renders the site in `site_dir` for `audience`, writing nothing.
pub fn prepare_for(
    site_dir: &Path,
    progress: &dyn Progress,
    audience: Audience,
) -> Result<Prepared, BuildError> {
    let (site, left_out) = load_for(site_dir, progress, audience)?;
    assemble(site_dir, site, left_out, progress)
}

/// For `psephos check`: the site as `audience` would have it, and, when that
/// leaves news items out, the whole site with them put back, so that their
/// pages and links are checked too.
pub fn prepare_check(
    site_dir: &Path,
    progress: &dyn Progress,
    audience: Audience,
) -> Result<(Prepared, Option<Prepared>), BuildError> {
    let (site, left_out) = load_for(site_dir, progress, audience)?;
    let whole = if left_out.is_empty() {
        None
    } else {
        let mut whole = site.clone();
        whole.news.extend(left_out.iter().map(|l| l.item.clone()));
        whole.news.sort_by(news_order);
        Some(assemble(site_dir, whole, Vec::new(), &Quiet)?)
    };
    Ok((assemble(site_dir, site, left_out, progress)?, whole))
}

/// Loads the site and leaves out the news items `audience` does not get.
fn load_for(
    site_dir: &Path,
    progress: &dyn Progress,
    audience: Audience,
) -> Result<(Site, Vec<LeftOut>), BuildError> {
    let started = Instant::now();
    progress.started(Stage::Load, None);
    let mut site = load_site(site_dir).map_err(BuildError::Content)?;
    if audience == Audience::Preview {
        site.config.base_url = None;
    }
    // The one reading of the clock in a build: content and pages never look.
    let now = match audience {
        Audience::Publish { future: false } => Some(Moment::now_unix_seconds()),
        Audience::Publish { future: true } | Audience::Preview => None,
    };
    let left_out = site.leave_out_news(now);
    progress.finished(Stage::Load, started.elapsed());
    Ok((site, left_out))
}

/// Renders `site` and makes its other files, writing nothing.
fn assemble(
    site_dir: &Path,
    site: Site,
    left_out: Vec<LeftOut>,
    progress: &dyn Progress,
) -> Result<Prepared, BuildError> {
    let started = Instant::now();
    let statics = site_dir.join("static");
    let (outputs, pages) = gather(&site, &statics, progress)?;
    progress.finished(Stage::Render, started.elapsed());
    refuse_clashes(&statics, outputs.iter().map(|o| o.path.as_str()))?;
    Ok(Prepared {
        site,
        outputs,
        pages,
        statics,
        left_out,
    })
}

/// Stops the build when a static file clashes with psephos's own files.
fn refuse_clashes<'a>(
    statics: &Path,
    outputs: impl IntoIterator<Item = &'a str>,
) -> Result<(), BuildError> {
    let clashes = static_clashes(statics, outputs).map_err(|error| BuildError::Read {
        path: statics.to_path_buf(),
        error,
    })?;
    match clashes.is_empty() {
        true => Ok(()),
        false => Err(BuildError::Content(clashes)),
    }
}

/// What a build may replace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overwrite {
    /// A missing or empty folder, or one psephos built (`--out` as given).
    OwnOutput,
    /// Any folder, deleting what it held (`--force`).
    Anything,
}

/// Builds the site in `site_dir` into `out`.
pub fn build(
    site_dir: &Path,
    out: &Path,
    overwrite: Overwrite,
    progress: &dyn Progress,
) -> Result<Summary, BuildError> {
    build_for(site_dir, out, overwrite, progress, Audience::PUBLISH)
}

/// Builds the site in `site_dir` into `out` for `audience`.
pub fn build_for(
    site_dir: &Path,
    out: &Path,
    overwrite: Overwrite,
    progress: &dyn Progress,
    audience: Audience,
) -> Result<Summary, BuildError> {
    let started = Instant::now();
    check_output(site_dir, out)?;
    // Looking through a previous output takes a while, and loading uses
    // one core: both at once. A foreign output is said first, as before.
    let (own, loaded) = std::thread::scope(|scope| {
        let own = scope.spawn(|| match overwrite {
            Overwrite::OwnOutput => check_own(out),
            Overwrite::Anything => Ok(()),
        });
        let loaded = load_for(site_dir, progress, audience);
        let own = own
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (own, loaded)
    });
    own?;
    let (site, left_out) = loaded?;
    let (pages, files, mut warnings) =
        write_out(site_dir, &site, &left_out, out, overwrite, progress)?;
    warnings.splice(0..0, site.warnings().cloned());
    Ok(Summary {
        pages,
        files,
        out: out.to_path_buf(),
        elapsed: started.elapsed(),
        warnings,
        left_out,
    })
}

/// Renders the site and writes each file as it is made into a staging
/// folder, which then takes the place of `out`: a build that fails at any
/// point removes it and leaves `out` as it was. How many pages and files
/// there are, and the links to news items left out (a build does not check
/// links, as `check` does, but these it broke itself, and says).
fn write_out(
    site_dir: &Path,
    site: &Site,
    left_out: &[LeftOut],
    out: &Path,
    overwrite: Overwrite,
    progress: &dyn Progress,
) -> Result<(usize, usize, Vec<Diagnostic>), BuildError> {
    let failed = |error| BuildError::Write {
        out: out.to_path_buf(),
        error,
    };
    let started = Instant::now();
    let statics = site_dir.join("static");
    let staging = Staging::begin(out).map_err(failed)?;
    let base_url = site.config.base_url.as_deref();
    let to_left_out = LeftOutLinks::new(site_dir, base_url, left_out);
    let warned = Mutex::new(Vec::new());
    // Cards are taken from an output only psephos wrote, as it wrote it.
    let previous = (overwrite == Overwrite::OwnOutput).then_some(out);
    let pages = produce(site, &statics, previous, progress, &|at, output| {
        let found = to_left_out.warnings(&output);
        if !found.is_empty() {
            let mut warned = warned.lock().unwrap_or_else(|p| p.into_inner());
            warned.push((at, found));
        }
        staging
            .write(&output.path, &output.contents)
            .map_err(failed)
    })?;
    progress.finished(Stage::Render, started.elapsed());
    let writing = Instant::now();
    progress.started(Stage::Write, None);
    refuse_clashes(&statics, staging.paths().iter().map(String::as_str))?;
    let copy = StaticDir {
        dir: &statics,
        skip: &[STYLESHEET_SOURCE],
    };
    staging.copy_static(&copy).map_err(failed)?;
    let files = staging
        .finish(overwrite == Overwrite::OwnOutput)
        .map_err(|error| {
            match error
                .get_ref()
                .and_then(|e| e.downcast_ref::<ForeignFiles>())
            {
                Some(ForeignFiles(names)) => foreign_output(out, names.clone()),
                None => failed(error),
            }
        })?;
    progress.finished(Stage::Write, writing.elapsed());
    let mut warned = warned.into_inner().unwrap_or_else(|p| p.into_inner());
    warned.sort_unstable_by_key(|(at, _)| *at);
    let warnings = warned.into_iter().flat_map(|(_, found)| found).collect();
    Ok((pages, files, warnings))
}
