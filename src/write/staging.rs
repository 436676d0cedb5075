//! The staging folder a build fills as it renders: files are written into it
//! from many threads as they are made, each noted with its stamp for the
//! marker; it takes the output's place only when finished, and is removed
//! if dropped unfinished, so a failed build leaves the previous site as it
//! was.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::fs;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::StaticDir;
use super::marker::{MARKER, MARKER_HEADER, Stamp, escaped};
use super::swap::{Beside, Kind, NotPutBack, remove_own, swap_in};
use crate::site_files::site_path;

/// A staging folder beside `out`, being filled.
pub struct Staging {
    out: PathBuf,
    beside: Beside,
    dir: PathBuf,
    /// Each file written, by path relative to the folder, with its stamp.
    written: Mutex<Vec<(String, Stamp)>>,
    finished: bool,
}

impl Staging {
    /// Makes a fresh staging folder beside `out`, first tidying up what
    /// killed builds left there.
    pub fn begin(out: &Path) -> io::Result<Staging> {
        let beside = Beside::new(out)?;
        beside.recover(out)?;
        let dir = beside.fresh(Kind::New);
        fs::create_dir(&dir)?;
        let staging = Staging {
            out: out.to_path_buf(),
            beside,
            dir,
            written: Mutex::new(Vec::new()),
            finished: false,
        };
        // Marked from the start, so that a later build removes a folder of
        // this name only when it is psephos's own, even if this one is killed.
        fs::write(staging.dir.join(MARKER), MARKER_HEADER)?;
        Ok(staging)
    }

    /// Writes one file, `path` relative to the site with `/` separators,
    /// making its folder as needed. Safe to call from many threads.
    pub fn write(&self, path: &str, contents: &[u8]) -> io::Result<()> {
        let target = self.dir.join(path);
        make_parent(&target)?;
        let mut file = fs::File::create(&target)?;
        file.write_all(contents)?;
        // Written in one go and not touched again, so its stamp is final.
        let stamp = Stamp::of(&file.metadata()?);
        self.note(path.to_owned(), stamp);
        Ok(())
    }

    fn note(&self, path: String, stamp: Stamp) {
        self.written
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .push((path, stamp));
    }

    /// The paths written so far.
    pub fn paths(&self) -> Vec<String> {
        let written = self.written.lock().unwrap_or_else(|p| p.into_inner());
        written.iter().map(|(path, _)| path.clone()).collect()
    }

    /// Copies a static folder's files, but not those at a path already
    /// written: a generated page wins a clash. Folders come with the files
    /// in them: an empty one (or one of junk only) would be a folder the
    /// marker does not list.
    pub fn copy_static(&self, statics: &StaticDir) -> io::Result<()> {
        let taken: HashSet<String> = self.paths().into_iter().collect();
        for relative in super::static_files(statics)? {
            let name = site_path(&relative);
            if taken.contains(&name) {
                continue;
            }
            let target = self.dir.join(&relative);
            make_parent(&target)?;
            fs::copy(statics.dir.join(&relative), &target)?;
            self.note(name, Stamp::of(&fs::metadata(&target)?));
        }
        Ok(())
    }

    /// Lists what was written in the marker and puts the folder in place of
    /// the output; how many files the site has.
    ///
    /// With `only_own`, what is replaced is looked at once more when it has
    /// been moved aside, and put back if it holds anything psephos did not
    /// write: a file added to the output while the site was being built is
    /// not lost.
    pub fn finish(mut self, only_own: bool) -> io::Result<usize> {
        let mut written = std::mem::take(
            self.written
                .get_mut()
                .unwrap_or_else(|poisoned| poisoned.into_inner()),
        );
        written.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        // A path written twice is listed once, as it was left.
        let mut twice = Vec::new();
        written.dedup_by(|later, kept| {
            let same = later.0 == kept.0;
            if same {
                twice.push(later.0.clone());
            }
            same
        });
        for path in twice {
            if let Ok(at) = written.binary_search_by(|(p, _)| p.as_str().cmp(&path)) {
                written[at].1 = Stamp::of(&fs::metadata(self.dir.join(&path))?);
            }
        }
        let mut marker = String::with_capacity(MARKER_HEADER.len() + written.len() * 64);
        marker.push_str(MARKER_HEADER);
        for (file, stamp) in &written {
            let _ = writeln!(
                marker,
                "{}\t{}\t{}",
                escaped(file),
                stamp.size,
                stamp.modified
            );
        }
        fs::write(self.dir.join(MARKER), marker)?;
        let swapped = swap_in(&self.dir, &self.out, &self.beside, only_own);
        // Done with, either way, when the previous output had to be kept:
        // what is left here is the user's.
        let kept = swapped
            .as_ref()
            .err()
            .and_then(|e| e.get_ref())
            .is_some_and(|e| e.is::<NotPutBack>());
        self.finished = swapped.is_ok() || kept;
        swapped?;
        Ok(written.len())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.finished {
            let _ = remove_own(&self.dir);
        }
    }
}

/// Makes the folder `file` goes in: most files are the first in a folder of
/// their own, whose parent exists, so that is tried first.
fn make_parent(file: &Path) -> io::Result<()> {
    let Some(parent) = file.parent() else {
        return Ok(());
    };
    match fs::create_dir(parent) {
        Ok(()) => Ok(()),
        // Should it be a file, creating the file in it says so.
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => fs::create_dir_all(parent),
        Err(e) => Err(e),
    }
}
