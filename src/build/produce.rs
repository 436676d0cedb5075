//! Making every file the site publishes but its static ones (the assets,
//! the pages, the elections' result cards, the open data and the feeds) and
//! handing each, as it is made,
//! to whoever takes it: a build writes it at once, `check` and the preview
//! keep them all. Pages are made in parallel, so files come from many
//! threads, each with its place in a stable order.

use std::path::Path;
use std::sync::Mutex;

use rayon::prelude::*;

use super::error::BuildError;
use super::progress::{Progress, Stage};
use crate::assets::{STYLESHEET_SOURCE, assets};
use crate::content::Site;
use crate::pages::{self, Render, page_paths, render_each};
use crate::site::{Assets, Output};
use crate::{card, feeds, open_data};

/// Takes each file as it is made, with its place in the site's order.
pub(super) type Sink<'a> = dyn Fn(usize, Output) -> Result<(), BuildError> + Sync + 'a;

/// Makes every file but the static ones and hands each to `sink`; how many
/// of them are pages. A result card whose drawing has not changed is taken
/// from `previous`, an output psephos wrote, when given.
pub(super) fn produce(
    site: &Site,
    statics: &Path,
    previous: Option<&Path>,
    progress: &dyn Progress,
    sink: &Sink,
) -> Result<usize, BuildError> {
    let (assets, made) = site_assets(statics)?;
    let hand_on = |next: &mut usize, outputs: Vec<Output>| -> Result<(), BuildError> {
        for output in outputs {
            sink(*next, output)?;
            *next += 1;
        }
        Ok(())
    };
    let mut next = 0;
    hand_on(&mut next, made)?;
    let render = Render::new(site, &assets);
    let paths = page_paths(&render);
    let pages = paths.len();
    let first_page = next;
    render_each(
        &render,
        &|count| progress.started(Stage::Render, Some(count)),
        &|at, page| {
            sink(first_page + at, page)?;
            progress.advanced();
            Ok(())
        },
        &BuildError::Render,
    )?;
    next += pages;
    let cards = pages::cards(&render);
    let first_card = next;
    cards.par_iter().enumerate().try_for_each(|(at, made)| {
        let png = match previous.and_then(|out| reused(out, &made.path)) {
            Some(png) => png,
            None => card::png(&made.svg).map_err(|error| BuildError::Card {
                path: made.path.clone(),
                error,
            })?,
        };
        sink(first_card + at, Output::new(made.path.clone(), png))
    })?;
    next += cards.len();
    hand_on(
        &mut next,
        open_data::outputs(site).map_err(BuildError::Data)?,
    )?;
    hand_on(
        &mut next,
        feeds::outputs(site, &paths).map_err(BuildError::Render)?,
    )?;
    Ok(pages)
}

/// The card at `path` in the previous output `out`, when it is there: its
/// name says what it was drawn from.
fn reused(out: &Path, path: &str) -> Option<Vec<u8>> {
    let bytes = std::fs::read(out.join(path)).ok()?;
    card::looks_like_card(&bytes).then_some(bytes)
}

/// The site's assets, made from `statics`: what pages link to, and the
/// files.
pub fn site_assets(statics: &Path) -> Result<(Assets, Vec<Output>), BuildError> {
    assets(statics).map_err(|error| BuildError::Read {
        path: statics.join(STYLESHEET_SOURCE),
        error,
    })
}

/// Every file `produce` makes, in the site's order; and how many are pages.
pub fn gather(
    site: &Site,
    statics: &Path,
    progress: &dyn Progress,
) -> Result<(Vec<Output>, usize), BuildError> {
    let made = Mutex::new(Vec::new());
    let pages = produce(site, statics, None, progress, &|at, output| {
        made.lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .push((at, output));
        Ok(())
    })?;
    let mut made = made
        .into_inner()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    made.sort_unstable_by_key(|(at, _)| *at);
    Ok((made.into_iter().map(|(_, output)| output).collect(), pages))
}

#[cfg(test)]
mod tests {
    use std::fs;
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;
    use crate::build::Quiet;
    use crate::load::load_site;
    use crate::write::{MARKER, Staging, write_site};

    /// As a build does: each file written into a staging folder as it is
    /// made, and the first error stops it.
    #[test]
    fn an_error_halfway_leaves_the_old_output_and_no_staging_folder() {
        let temp = tempfile::tempdir().unwrap();
        let out = temp.path().join("public");
        write_site(&out, &[Output::new("index.html", "old")], &[], true).unwrap();
        let marker = fs::read(out.join(MARKER)).unwrap();
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let site = load_site(root).unwrap();
        let staging = Staging::begin(&out).unwrap();
        let made = AtomicUsize::new(0);
        let result = produce(&site, &root.join("static"), None, &Quiet, &|_, output| {
            if made.fetch_add(1, Ordering::SeqCst) == 10 {
                return Err(BuildError::Render(askama::Error::Fmt));
            }
            staging
                .write(&output.path, &output.contents)
                .map_err(|error| BuildError::Write {
                    out: out.clone(),
                    error,
                })
        });
        assert!(matches!(result, Err(BuildError::Render(_))), "{result:?}");
        let staged = staging.paths();
        assert!(staged.len() >= 10, "files were written before the error");
        drop(staging);
        let mut left: Vec<_> = fs::read_dir(temp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        left.sort();
        assert_eq!(left, ["public"], "no staging folder beside the output");
        let mut files: Vec<_> = fs::read_dir(&out)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        files.sort();
        assert_eq!(files, [MARKER, "index.html"]);
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "old");
        assert_eq!(fs::read(out.join(MARKER)).unwrap(), marker);
    }
}
