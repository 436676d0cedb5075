//! `psephos build`: load the site, render every page in parallel, write the
//! result in one swap. Data flows one way: content → model → count → pages →
//! files.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use crate::content::{LeftOut, Site, Withheld, news_order};
use crate::link_check;
use crate::time::Moment;
use std::time::{Duration, Instant};

use crate::assets::{STYLESHEET_SOURCE, assets};
use crate::diagnostic::{Diagnostic, Kind, printable};
use crate::load::load_site;
use crate::pages::{Output, Render, render_site};
use crate::write::{ForeignFiles, StaticDir, foreign_entries, static_files, write_site};
use crate::yaml::Location;
use crate::{feeds, open_data};
use std::collections::HashSet;

#[derive(Debug)]
pub struct Summary {
    pub pages: usize,
    pub files: usize,
    pub out: PathBuf,
    pub elapsed: Duration,
    /// Worth fixing, but nothing that stops a build.
    pub warnings: Vec<Diagnostic>,
    /// News items the build did not publish: drafts, and items dated in the
    /// future unless they were asked for.
    pub left_out: Vec<LeftOut>,
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let elapsed = self.elapsed.as_secs_f64();
        let took = if elapsed < 1.0 {
            format!("{} ms", self.elapsed.as_millis().max(1))
        } else {
            format!("{elapsed:.2} s")
        };
        write!(
            f,
            "Built {} pages ({} files) into {} in {took}{}",
            self.pages,
            self.files,
            shown(&self.out),
            left_out_note(&self.left_out),
        )
    }
}

/// What was left out, as `1 draft news item and 2 dated in the future`;
/// None when nothing was.
pub fn left_out_items(left_out: &[LeftOut]) -> Option<String> {
    let count = |why| left_out.iter().filter(|l| l.why == why).count();
    let (drafts, future) = (count(Withheld::Draft), count(Withheld::Future));
    let items = |n: usize| if n == 1 { "item" } else { "items" };
    match (drafts, future) {
        (0, 0) => None,
        (d, 0) => Some(format!("{d} draft news {}", items(d))),
        (0, f) => Some(format!("{f} news {} dated in the future", items(f))),
        (d, f) => Some(format!(
            "{d} draft news {} and {f} dated in the future",
            items(d)
        )),
    }
}

/// `; left out …` for a build's summary, or nothing.
fn left_out_note(left_out: &[LeftOut]) -> String {
    let Some(items) = left_out_items(left_out) else {
        return String::new();
    };
    let future = left_out.iter().any(|l| l.why == Withheld::Future);
    format!(
        "; left out {items}{}",
        if future {
            " (--future publishes those dated in the future)"
        } else {
            ""
        }
    )
}

#[derive(Debug)]
pub enum BuildError {
    /// Problems in the content, each located.
    Content(Vec<Diagnostic>),
    /// The output folder would overwrite the site itself.
    UnsafeOutput {
        out: PathBuf,
        why: String,
    },
    /// The output folder holds files psephos did not put there, which the
    /// build would delete; `--force` allows it.
    ForeignOutput {
        out: PathBuf,
        /// The first few names in it.
        names: Vec<String>,
        count: usize,
    },
    Render(askama::Error),
    /// A file of the site's own could not be read.
    Read {
        path: PathBuf,
        error: io::Error,
    },
    Write {
        out: PathBuf,
        error: io::Error,
    },
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::Content(diagnostics) => {
                for d in diagnostics {
                    writeln!(f, "{}", d.render())?;
                }
                let n = diagnostics.len();
                write!(
                    f,
                    "error: found {n} problem{} in the content; nothing was written",
                    if n == 1 { "" } else { "s" }
                )
            }
            BuildError::UnsafeOutput { out, why } => write!(
                f,
                "error: will not write the site to {}: {}\n = help: choose an output folder of its own, such as public/",
                shown(out),
                printable(why)
            ),
            BuildError::ForeignOutput { out, names, count } => {
                let more = count.saturating_sub(names.len());
                let and_more = if more > 0 {
                    format!(" and {more} more")
                } else {
                    String::new()
                };
                write!(
                    f,
                    "error: will not replace {}: it holds {count} file{} or folder{} that psephos did not write, or that changed since it wrote them: {}{and_more}\n = help: a build replaces its output folder whole, deleting everything in it. Choose a new or empty folder with --out, or pass --force to delete what {} holds and build there",
                    shown(out),
                    if *count == 1 { "" } else { "s" },
                    if *count == 1 { "" } else { "s" },
                    printable(&names.join(", ")),
                    shown(out),
                )
            }
            BuildError::Render(err) => write!(f, "error: a page could not be rendered: {err}"),
            BuildError::Read { path, error } => write!(
                f,
                "error: could not read {}: {error}\n = help: check that the file is readable; nothing was written",
                shown(path)
            ),
            BuildError::Write { out, error } => write!(
                f,
                "error: could not write the site to {}: {error}\n = help: check the folder is writable; the previous output is unchanged",
                shown(out)
            ),
        }
    }
}

/// A path as shown on a terminal: an escape sequence in a file name is
/// written out, never sent.
fn shown(path: &Path) -> String {
    printable(&path.display().to_string())
}

/// The stages of a build, for progress and timings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Load,
    Render,
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
    let (assets, mut outputs) = assets(&statics).map_err(|error| BuildError::Read {
        path: statics.join(STYLESHEET_SOURCE),
        error,
    })?;
    let render = Render {
        site: &site,
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
    outputs.extend(open_data::outputs(&site));
    outputs.extend(feeds::outputs(&site, &page_paths));
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
        pages: page_count,
        statics,
        left_out,
    })
}

/// A static file where psephos writes a folder (`static/about` beside the
/// page `about/index.html`), or inside one of its files, could not be
/// written; say so before writing, so that `check` finds it too. (The same
/// path in both is allowed: the page wins, as documented.)
fn static_clashes(statics: &Path, outputs: &[Output]) -> io::Result<Vec<Diagnostic>> {
    let copy = StaticDir {
        dir: statics,
        skip: &[STYLESHEET_SOURCE],
    };
    let files: HashSet<&str> = outputs.iter().map(|o| o.path.as_str()).collect();
    let folders: HashSet<&str> = outputs
        .iter()
        .flat_map(|o| o.path.match_indices('/').map(|(at, _)| &o.path[..at]))
        .collect();
    let mut clashes = Vec::new();
    for relative in static_files(&copy)? {
        let name = relative.to_string_lossy().replace('\\', "/");
        let inside_a_page = name
            .match_indices('/')
            .map(|(at, _)| &name[..at])
            .find(|folder| files.contains(folder));
        let why = if folders.contains(name.as_str()) {
            format!(
                "psephos writes a folder `{name}/` of pages here, so this file cannot be published"
            )
        } else if let Some(page) = inside_a_page {
            format!("psephos writes the file `{page}` here, so this cannot be published inside it")
        } else {
            continue;
        };
        clashes.push(Diagnostic {
            kind: Kind::OutputClash,
            file: statics.join(&relative),
            location: Location::START,
            field: None,
            message: why,
            help: Some(
                "rename or move it in static/: that address belongs to one of psephos's pages"
                    .into(),
            ),
            source_line: None,
        });
    }
    Ok(clashes)
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

/// The output replaces its folder whole, so it must not hold the site.
fn check_output(site_dir: &Path, out: &Path) -> Result<(), BuildError> {
    let site = absolute(site_dir);
    let target = absolute(out);
    let unsafe_because = |why| {
        Err(BuildError::UnsafeOutput {
            out: out.to_path_buf(),
            why,
        })
    };
    if site.starts_with(&target) {
        return unsafe_because("it holds the site folder, which the build would delete".into());
    }
    match std::fs::symlink_metadata(out) {
        Ok(meta) if meta.file_type().is_symlink() => {
            // Replacing the link would leave the folder it points at (the
            // live site, say) as it was, while saying the site was built.
            let points_at = std::fs::read_link(out).unwrap_or_default();
            return unsafe_because(format!(
                "it is a symbolic link to {}, which a build would replace with a folder; give that folder itself with --out",
                points_at.display()
            ));
        }
        Ok(meta) if !meta.is_dir() => {
            return unsafe_because(
                "it is a file, not a folder, and a build would move it aside".into(),
            );
        }
        _ => {}
    }
    for inside in ["content", "static"] {
        if target.starts_with(site.join(inside)) {
            return unsafe_because("it is inside the site's own content or static files".into());
        }
    }
    Ok(())
}

/// How many names of a foreign folder an error shows.
const SHOWN: usize = 5;

/// A folder holding anything psephos did not build is not replaced unasked.
fn check_own(out: &Path) -> Result<(), BuildError> {
    if !out.is_dir() {
        return Ok(());
    }
    let names = foreign_entries(out).map_err(|error| BuildError::Write {
        out: out.to_path_buf(),
        error,
    })?;
    if names.is_empty() {
        return Ok(());
    }
    Err(foreign_output(out, names))
}

fn foreign_output(out: &Path, mut names: Vec<String>) -> BuildError {
    let count = names.len();
    names.truncate(SHOWN);
    BuildError::ForeignOutput {
        out: out.to_path_buf(),
        names,
        count,
    }
}

/// The real, absolute path `path` names, whether or not it exists yet, as
/// the system will resolve it: each part is followed through any link before
/// the next is applied, so `link/..` is the folder above the link's target,
/// not the folder holding the link.
fn absolute(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut real = std::env::current_dir().unwrap_or_default();
    for part in path.components() {
        match part {
            Component::ParentDir => {
                real.pop();
            }
            Component::CurDir => {}
            Component::Normal(name) => {
                real.push(name);
                if let Ok(resolved) = real.canonicalize() {
                    real = resolved;
                }
            }
            Component::RootDir | Component::Prefix(_) => real.push(part),
        }
    }
    real
}

#[cfg(all(test, unix))]
mod tests {
    use crate::content::{LeftOut, Withheld};

    fn left(why: Withheld) -> LeftOut {
        LeftOut::sample("x", "2026-06-20", why)
    }

    #[test]
    fn the_summary_says_what_was_left_out() {
        use Withheld::{Draft, Future};
        assert_eq!(super::left_out_note(&[]), "");
        assert_eq!(
            super::left_out_note(&[left(Draft)]),
            "; left out 1 draft news item"
        );
        assert_eq!(
            super::left_out_note(&[left(Future), left(Future)]),
            "; left out 2 news items dated in the future (--future publishes those dated in the future)"
        );
        assert_eq!(
            super::left_out_items(&[left(Draft), left(Future), left(Draft)]).as_deref(),
            Some("2 draft news items and 1 dated in the future")
        );
    }

    #[test]
    fn a_path_is_resolved_through_its_links_part_by_part() {
        let dir = std::env::temp_dir().join(format!("psephos-absolute-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("site/content")).unwrap();
        std::fs::create_dir_all(dir.join("v/a")).unwrap();
        let dir = dir.canonicalize().unwrap();
        std::os::unix::fs::symlink(dir.join("site/content"), dir.join("v/a/lnk")).unwrap();
        // The system reads `lnk/..` as the folder above the link's target.
        assert_eq!(
            super::absolute(&dir.join("v/a/lnk/../../site")),
            dir.join("site")
        );
        assert_eq!(
            super::absolute(&dir.join("v/a/lnk/new/x")),
            dir.join("site/content/new/x")
        );
        assert_eq!(super::absolute(&dir.join("v/./a/../a")), dir.join("v/a"));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
