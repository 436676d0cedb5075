//! `psephos build`: load the site, render every page in parallel, write the
//! result in one swap. Data flows one way: content → model → count → pages →
//! files.
//!
//! The stages are here; beside them, how a build reports its progress
//! (`progress.rs`) and its result (`summary.rs`), why it failed (`error.rs`),
//! where it may write (`output_folder.rs`) and which static files clash with
//! its pages (`static_clashes.rs`).

mod error;
mod output_folder;
mod progress;
mod static_clashes;
mod summary;

use std::path::{Path, PathBuf};
use std::time::Instant;

pub use error::BuildError;
pub use progress::{Progress, Quiet, Stage};
pub use summary::{Summary, left_out_items};

use crate::assets::{STYLESHEET_SOURCE, assets};
use crate::content::{LeftOut, Site, news_order};
use crate::diagnostic::Diagnostic;
use crate::link_check;
use crate::load::load_site;
use crate::pages::{Render, render_site};
use crate::site::Output;
use crate::time::Moment;
use crate::write::{ForeignFiles, StaticDir, write_site};
use crate::{feeds, open_data};
use output_folder::{check_output, check_own, foreign_output};
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
    let (outputs, pages) = gather_outputs(&site, &statics, progress)?;
    progress.finished(Stage::Render, started.elapsed());
    let clashes = static_clashes(&statics, &outputs).map_err(|error| BuildError::Read {
        path: statics.clone(),
        error,
    })?;
    if !clashes.is_empty() {
        return Err(BuildError::Content(clashes));
    }
    Ok(Prepared {
        site,
        outputs,
        pages,
        statics,
        left_out,
    })
}

/// Every file the site publishes but its static ones: the assets, the pages,
/// the open data and the feeds; and how many of them are pages.
fn gather_outputs(
    site: &Site,
    statics: &Path,
    progress: &dyn Progress,
) -> Result<(Vec<Output>, usize), BuildError> {
    let (assets, mut outputs) = assets(statics).map_err(|error| BuildError::Read {
        path: statics.join(STYLESHEET_SOURCE),
        error,
    })?;
    let render = Render {
        site,
        assets: &assets,
    };
    let pages = render_site(
        &render,
        &|count| progress.started(Stage::Render, Some(count)),
        &|| progress.advanced(),
    )
    .map_err(BuildError::Render)?;
    let page_count = pages.len();
    let page_paths: Vec<String> = pages.iter().map(|p| p.path.clone()).collect();
    outputs.extend(pages);
    outputs.extend(open_data::outputs(site).map_err(BuildError::Data)?);
    outputs.extend(feeds::outputs(site, &page_paths).map_err(BuildError::Render)?);
    Ok((outputs, page_count))
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
    if overwrite == Overwrite::OwnOutput {
        check_own(out)?;
    }
    let prepared = prepare_for(site_dir, progress, audience)?;
    let writing = Instant::now();
    progress.started(Stage::Write, None);
    let copy = StaticDir {
        dir: &prepared.statics,
        skip: &[STYLESHEET_SOURCE],
    };
    let only_own = overwrite == Overwrite::OwnOutput;
    let files =
        write_site(out, &prepared.outputs, &[copy], only_own).map_err(|error| {
            match error
                .get_ref()
                .and_then(|e| e.downcast_ref::<ForeignFiles>())
            {
                Some(ForeignFiles(names)) => foreign_output(out, names.clone()),
                None => BuildError::Write {
                    out: out.to_path_buf(),
                    error,
                },
            }
        })?;
    progress.finished(Stage::Write, writing.elapsed());
    let mut warnings: Vec<Diagnostic> = prepared.site.warnings().cloned().collect();
    // A build does not check links (`check` does), but a link to an item it
    // left out is its own doing, and is said.
    warnings.extend(link_check::links_to_left_out(
        site_dir,
        &prepared.outputs,
        prepared.site.config.base_url.as_deref(),
        &prepared.left_out,
    ));
    Ok(Summary {
        pages: prepared.pages,
        files,
        out: out.to_path_buf(),
        elapsed: started.elapsed(),
        warnings,
        left_out: prepared.left_out,
    })
}
