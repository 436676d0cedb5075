//! Where a build may write: never over the site itself, through a link or
//! onto a file, and, unless forced, only over a folder psephos built.

use std::path::{Path, PathBuf};

use super::error::BuildError;
use crate::write::foreign_entries;

/// The output replaces its folder whole, so it must not hold the site.
pub(super) fn check_output(site_dir: &Path, out: &Path) -> Result<(), BuildError> {
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
pub(super) fn check_own(out: &Path) -> Result<(), BuildError> {
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

pub(super) fn foreign_output(out: &Path, mut names: Vec<String>) -> BuildError {
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
    #[test]
    fn a_path_is_resolved_through_its_links_part_by_part() {
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path();
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
    }
}
