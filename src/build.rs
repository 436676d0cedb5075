//! `psephos build`: load the site, render every page in parallel, write the
//! result in one swap. Data flows one way: content → model → count → pages →
//! files.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::assets::{STYLESHEET_SOURCE, assets};
use crate::diagnostic::Diagnostic;
use crate::load::load_site;
use crate::pages::{Render, render_site};
use crate::write::{StaticDir, write_site};
use crate::{feeds, open_data};

#[derive(Debug)]
pub struct Summary {
    pub pages: usize,
    pub files: usize,
    pub out: PathBuf,
    pub elapsed: Duration,
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
            "Built {} pages ({} files) into {} in {took}",
            self.pages,
            self.files,
            self.out.display(),
        )
    }
}

#[derive(Debug)]
pub enum BuildError {
    /// Problems in the content, each located.
    Content(Vec<Diagnostic>),
    /// The output folder would overwrite the site itself.
    UnsafeOutput {
        out: PathBuf,
        why: &'static str,
    },
    Render(askama::Error),
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
                    "error: found {n} problem{} in the content; the previous output is unchanged",
                    if n == 1 { "" } else { "s" }
                )
            }
            BuildError::UnsafeOutput { out, why } => write!(
                f,
                "error: will not write the site to {}: {why}\n = help: choose an output folder of its own, such as public/",
                out.display()
            ),
            BuildError::Render(err) => write!(f, "error: a page could not be rendered: {err}"),
            BuildError::Write { out, error } => write!(
                f,
                "error: could not write the site to {}: {error}\n = help: check the folder is writable; the previous output is unchanged",
                out.display()
            ),
        }
    }
}

/// Builds the site in `site_dir` into `out`.
pub fn build(site_dir: &Path, out: &Path) -> Result<Summary, BuildError> {
    let started = Instant::now();
    check_output(site_dir, out)?;
    let site = load_site(site_dir).map_err(BuildError::Content)?;
    let statics = site_dir.join("static");
    let write_error = |error| BuildError::Write {
        out: out.to_path_buf(),
        error,
    };
    let (assets, mut outputs) = assets(&statics).map_err(write_error)?;
    let render = Render {
        site: &site,
        assets: &assets,
    };
    let pages = render_site(&render).map_err(BuildError::Render)?;
    let page_count = pages.len();
    let page_paths: Vec<String> = pages.iter().map(|p| p.path.clone()).collect();
    outputs.extend(pages);
    outputs.extend(open_data::outputs(&site));
    outputs.extend(feeds::outputs(&site, &page_paths));
    let copy = StaticDir {
        dir: &statics,
        skip: &[STYLESHEET_SOURCE],
    };
    let files = write_site(out, &outputs, &[copy]).map_err(write_error)?;
    Ok(Summary {
        pages: page_count,
        files,
        out: out.to_path_buf(),
        elapsed: started.elapsed(),
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
        return unsafe_because("it holds the site folder, which the build would delete");
    }
    for inside in ["content", "static"] {
        if target.starts_with(site.join(inside)) {
            return unsafe_because("it is inside the site's own content or static files");
        }
    }
    Ok(())
}

/// An absolute, normalised path, whether or not it exists yet.
fn absolute(path: &Path) -> PathBuf {
    let joined = std::env::current_dir().map_or_else(|_| path.to_path_buf(), |cwd| cwd.join(path));
    let mut normal = PathBuf::new();
    for part in joined.components() {
        match part {
            std::path::Component::ParentDir => {
                normal.pop();
            }
            std::path::Component::CurDir => {}
            other => normal.push(other),
        }
    }
    // Resolve symbolic links where the path exists.
    normal.canonicalize().unwrap_or(normal)
}
