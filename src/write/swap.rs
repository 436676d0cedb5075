//! Staging folders beside the output, and swapping a finished one in: one
//! atomic exchange where the system has one, else two renames; what killed
//! builds left beside the output is put back or removed.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::marker::{ForeignFiles, MARKER, foreign_entries};

/// What a hidden folder beside the output holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// A site being built (or, after an exchange, the previous site).
    New,
    /// The previous site, moved aside between two renames.
    Old,
}

/// The folder the output sits in, and the names psephos uses there: only
/// `.<output>.psephos-<pid>-<n>` and `.<output>.psephos-old-<pid>-<n>`.
pub(super) struct Beside {
    parent: PathBuf,
    prefix: String,
}

impl Beside {
    pub fn new(out: &Path) -> io::Result<Beside> {
        let parent = match out.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        fs::create_dir_all(&parent)?;
        let name = out
            .file_name()
            .map_or_else(|| "site".into(), |n| n.to_string_lossy().into_owned());
        Ok(Beside {
            parent,
            prefix: format!(".{name}.psephos-"),
        })
    }

    /// A name of this process's that does not exist yet.
    pub fn fresh(&self, kind: Kind) -> PathBuf {
        let tag = match kind {
            Kind::New => "",
            Kind::Old => "old-",
        };
        let pid = std::process::id();
        (0..)
            .map(|n| self.parent.join(format!("{}{tag}{pid}-{n}", self.prefix)))
            .find(|candidate| fs::symlink_metadata(candidate).is_err())
            .expect("some name is always free")
    }

    /// Which of our names `file_name` is, and the process that made it.
    fn parse(&self, file_name: &str) -> Option<(Kind, u32)> {
        let rest = file_name.strip_prefix(&self.prefix)?;
        let (kind, rest) = match rest.strip_prefix("old-") {
            Some(rest) => (Kind::Old, rest),
            None => (Kind::New, rest),
        };
        let (pid, n) = rest.split_once('-')?;
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        (digits(pid) && digits(n)).then_some(())?;
        Some((kind, pid.parse().ok()?))
    }

    /// Folders left beside the output by builds that were killed: never
    /// those of a build still running, which may be writing into them.
    fn leftovers(&self) -> Vec<(Kind, PathBuf)> {
        let Ok(entries) = fs::read_dir(&self.parent) else {
            return Vec::new();
        };
        let mut found: Vec<(Kind, PathBuf)> = entries
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
            .filter_map(|e| {
                let (kind, pid) = self.parse(&e.file_name().to_string_lossy())?;
                (pid != std::process::id() && !running(pid)).then(|| (kind, e.path()))
            })
            .collect();
        found.sort_by(|a, b| a.1.cmp(&b.1));
        found
    }

    /// Puts back a previous site that a killed build left beside a missing
    /// output, and removes every other leftover: whole only when it holds
    /// psephos's marker, so that a user's folder of the same name is kept.
    pub fn recover(&self, out: &Path) -> io::Result<()> {
        let mut leftovers = self.leftovers();
        let missing =
            matches!(fs::symlink_metadata(out), Err(e) if e.kind() == io::ErrorKind::NotFound);
        let previous_site =
            |(kind, dir): &(Kind, PathBuf)| *kind == Kind::Old && dir.join(MARKER).is_file();
        if missing && let Some(at) = leftovers.iter().position(previous_site) {
            let (_, old) = leftovers.remove(at);
            fs::rename(old, out)?;
        }
        for (_, dir) in leftovers {
            // Best effort: what cannot be removed now is tried again next time.
            if dir.join(MARKER).is_file() {
                let _ = remove_own(&dir);
            } else {
                // Killed before its marker was written, so empty; a folder of
                // the same name with anything in it is someone else's.
                let _ = fs::remove_dir(dir);
            }
        }
        Ok(())
    }
}

/// Removes a folder of psephos's own, its marker last, so that a removal cut
/// short (the build killed) leaves a folder the next build still knows as
/// its own and finishes removing.
pub(super) fn remove_own(dir: &Path) -> io::Result<()> {
    remove_inside(dir, |entry| entry.file_name() != MARKER)?;
    let _ = fs::remove_file(dir.join(MARKER));
    fs::remove_dir(dir)
}

/// Removes what `dir` holds (of its own entries, those `pick` picks), in
/// parallel: a site has tens of thousands of folders. Links are removed,
/// not followed.
fn remove_inside(dir: &Path, pick: fn(&fs::DirEntry) -> bool) -> io::Result<()> {
    let entries = fs::read_dir(dir)?.collect::<io::Result<Vec<_>>>()?;
    entries
        .par_iter()
        .filter(|entry| pick(entry))
        .try_for_each(|entry| {
            let path = entry.path();
            if entry.file_type()?.is_dir() {
                remove_inside(&path, |_| true)?;
                fs::remove_dir(path)
            } else {
                fs::remove_file(path)
            }
        })
}

/// Whether process `pid` is still running. Where that cannot be told, it is
/// taken to be, so that nothing another build is using is ever removed.
#[cfg(unix)]
fn running(pid: u32) -> bool {
    use rustix::io::Errno;
    use rustix::process::{Pid, test_kill_process};
    let Some(pid) = i32::try_from(pid).ok().and_then(Pid::from_raw) else {
        return true;
    };
    // Signal 0 only asks; "no such process" is the one sure answer.
    test_kill_process(pid) != Err(Errno::SRCH)
}

#[cfg(not(unix))]
fn running(_pid: u32) -> bool {
    true
}

/// Puts the finished `staging` folder in place of `out`, then deletes the
/// previous site.
pub(super) fn swap_in(
    staging: &Path,
    out: &Path,
    beside: &Beside,
    only_own: bool,
) -> io::Result<()> {
    swap_in_with(staging, out, beside, only_own, &exchange)
}

/// [`swap_in`], exchanging folders with `exchange` (a test makes it fail).
fn swap_in_with(
    staging: &Path,
    out: &Path,
    beside: &Beside,
    only_own: bool,
    exchange: &dyn Fn(&Path, &Path) -> io::Result<bool>,
) -> io::Result<()> {
    match fs::symlink_metadata(out) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return fs::rename(staging, out),
        Err(e) => return Err(e),
        Ok(_) => {}
    }
    let foreign = |previous: &Path| -> io::Result<()> {
        let found = if only_own {
            foreign_entries(previous)?
        } else {
            Vec::new()
        };
        match found.is_empty() {
            true => Ok(()),
            false => Err(io::Error::other(ForeignFiles(found))),
        }
    };
    if exchange(staging, out)? {
        // The new site is in place and the old one in `staging`.
        if let Err(err) = foreign(staging) {
            return match exchange(staging, out) {
                Ok(true) => Err(err),
                Ok(false) => Err(kept_aside(staging, beside, io::Error::other(err))),
                Err(back) => Err(kept_aside(staging, beside, back)),
            };
        }
        // A failure to delete it is tidied up by the next build.
        let _ = remove_own(staging);
        return Ok(());
    }
    let old = beside.fresh(Kind::Old);
    fs::rename(out, &old)?;
    if let Err(err) = foreign(&old).and_then(|()| fs::rename(staging, out)) {
        // Put the previous site back rather than leave nothing.
        let _ = fs::rename(&old, out);
        return Err(err);
    }
    let _ = remove_own(&old);
    Ok(())
}

/// The previous output could not be put back after the new site was
/// swapped in, and it holds files psephos did not write: it is kept whole,
/// never removed, at `kept`.
#[derive(Debug)]
pub struct NotPutBack {
    pub kept: PathBuf,
    pub why: io::Error,
}

impl std::fmt::Display for NotPutBack {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "the previous output holds files psephos did not write and could not be put back ({}); it is kept whole at {}",
            self.why,
            self.kept.display()
        )
    }
}

impl std::error::Error for NotPutBack {}

/// Moves the previous output, left in `staging` by a swap that could not be
/// undone, to a name no later build takes for its own leftovers (those it
/// removes), and says where.
fn kept_aside(staging: &Path, beside: &Beside, why: io::Error) -> io::Error {
    let pid = std::process::id();
    let kept = (0..)
        .map(|n| {
            let name = format!("{}kept-{pid}-{n}", beside.prefix);
            beside.parent.join(name.trim_start_matches('.'))
        })
        .find(|candidate| fs::symlink_metadata(candidate).is_err())
        .expect("some name is always free");
    let kept = match fs::rename(staging, &kept) {
        Ok(()) => kept,
        Err(_) => staging.to_path_buf(),
    };
    io::Error::other(NotPutBack { kept, why })
}

/// Swaps two folders in one step; `false` where the system or the file
/// system cannot.
#[cfg(any(target_os = "linux", target_os = "android", target_os = "macos"))]
fn exchange(a: &Path, b: &Path) -> io::Result<bool> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    use rustix::io::Errno;
    match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(true),
        Err(Errno::INVAL | Errno::NOSYS | Errno::NOTSUP) => Ok(false),
        Err(err) => Err(err.into()),
    }
}

#[cfg(not(any(target_os = "linux", target_os = "android", target_os = "macos")))]
fn exchange(_a: &Path, _b: &Path) -> io::Result<bool> {
    Ok(false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::write::marker::MARKER_HEADER;
    use std::cell::Cell;

    /// A site psephos built, holding `extra` files it did not write.
    fn site(dir: &Path, extra: &[&str]) {
        fs::create_dir_all(dir).unwrap();
        fs::write(dir.join(MARKER), MARKER_HEADER).unwrap();
        for name in extra {
            fs::write(dir.join(name), "the user's").unwrap();
        }
    }

    #[test]
    fn a_previous_output_that_cannot_be_put_back_is_kept_whole() {
        let temp = tempfile::tempdir().unwrap();
        let out = temp.path().join("public");
        site(&out, &["mine.txt"]);
        let beside = Beside::new(&out).unwrap();
        let staging = beside.fresh(Kind::New);
        site(&staging, &[]);
        let calls = Cell::new(0);
        // The first exchange swaps; the one putting the old site back fails.
        let flaky = |a: &Path, b: &Path| {
            calls.set(calls.get() + 1);
            match calls.get() {
                1 => exchange(a, b),
                _ => Err(io::Error::other("the disk went away")),
            }
        };
        let result = swap_in_with(&staging, &out, &beside, true, &flaky);
        if calls.get() == 1 {
            // No atomic exchange here: two renames, tested elsewhere.
            return;
        }
        let error = result.unwrap_err();
        let kept = &error
            .get_ref()
            .and_then(|e| e.downcast_ref::<NotPutBack>())
            .expect("says the previous output was kept")
            .kept;
        assert_eq!(
            fs::read_to_string(kept.join("mine.txt")).unwrap(),
            "the user's"
        );
        assert!(
            error.to_string().contains("could not be put back"),
            "{error}"
        );
        // A later build's tidying up leaves it alone.
        beside.recover(&out).unwrap();
        assert!(kept.join("mine.txt").is_file());
    }
}
