//! Writing the built site. Everything goes into a fresh folder beside the
//! output, which replaces the output only once complete: a failed build
//! leaves the previous site exactly as it was, and files no longer produced
//! disappear with the old folder.
//!
//! The swap is one atomic exchange where the system has one (Linux, macOS),
//! so a build killed at any moment leaves either the old site or the new one.
//! Elsewhere it is two renames, and a build killed between them leaves the
//! previous site beside the output, which the next build puts back. Every
//! build removes the staging folders of earlier builds that were killed.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::site::Output;
use crate::site_files::{is_junk_path, read_ordinary};

/// The file that marks a folder as psephos's own output and lists every
/// file psephos wrote into it, so that a build replaces without asking only
/// what it wrote itself: a copied marker does not make anything else its own.
/// Harmless if published.
pub const MARKER: &str = ".psephos-build";
const MARKER_HEADER: &str = "# This folder is built by psephos. Each build replaces it whole.\n# The files it wrote, each with its size and time written:\n";

/// A file as psephos left it: a copied marker, or a page edited by hand
/// since, does not match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    size: u64,
    /// Nanoseconds since the epoch; 0 where the system does not say.
    modified: u128,
}

impl Stamp {
    fn of(meta: &fs::Metadata) -> Stamp {
        let modified = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos());
        Stamp {
            size: meta.len(),
            modified,
        }
    }
}

/// The marker's list: each file psephos wrote, and its stamp.
fn read_marker(out: &Path) -> io::Result<HashMap<String, Stamp>> {
    let marker = read_ordinary(&out.join(MARKER))?.unwrap_or_default();
    Ok(String::from_utf8_lossy(&marker)
        .lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| {
            let mut fields = line.rsplitn(3, '\t');
            let modified = fields.next()?.parse().ok()?;
            let size = fields.next()?.parse().ok()?;
            Some((fields.next()?.to_owned(), Stamp { size, modified }))
        })
        .collect())
}

/// The files and folders in `out` that psephos did not write there, or that
/// changed since it did, by path relative to `out`, sorted; empty for a
/// folder it built, untouched.
pub fn foreign_entries(out: &Path) -> io::Result<Vec<String>> {
    let written = read_marker(out)?;
    let folders: HashSet<&str> = written
        .keys()
        .flat_map(|file| file.match_indices('/').map(move |(at, _)| &file[..at]))
        .collect();
    let mut foreign = Vec::new();
    let mut walk = WalkDir::new(out)
        .min_depth(1)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = walk.next() {
        let entry = entry.map_err(io::Error::other)?;
        let relative = entry.path().strip_prefix(out).map_err(io::Error::other)?;
        let relative = relative.to_string_lossy().replace('\\', "/");
        let is_dir = entry.file_type().is_dir();
        let ours = relative == MARKER
            || (is_dir && folders.contains(relative.as_str()))
            || (!is_dir
                && written.get(&relative).is_some_and(|stamp| {
                    entry
                        .metadata()
                        .is_ok_and(|meta| Stamp::of(&meta) == *stamp)
                }));
        if !ours {
            foreign.push(relative);
            if is_dir {
                walk.skip_current_dir();
            }
        }
    }
    Ok(foreign)
}

/// The files found in an output folder, while it was being replaced, that
/// psephos did not write there.
#[derive(Debug)]
pub struct ForeignFiles(pub Vec<String>);

impl std::fmt::Display for ForeignFiles {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "files appeared during the build: {}", self.0.join(", "))
    }
}

impl std::error::Error for ForeignFiles {}

/// Files copied from a site's `static/` folder, less those published in
/// another form (the stylesheet, under its fingerprinted name).
pub struct StaticDir<'a> {
    pub dir: &'a Path,
    pub skip: &'a [&'a str],
}

/// Writes `outputs` and the static files into `out`, replacing it whole.
///
/// With `only_own`, what is replaced is looked at once more when it has been
/// moved aside, and put back if it holds anything psephos did not write:
/// a file added to the output while the site was being built is not lost.
pub fn write_site(
    out: &Path,
    outputs: &[Output],
    statics: &[StaticDir],
    only_own: bool,
) -> io::Result<usize> {
    let beside = Beside::new(out)?;
    beside.recover(out)?;
    let staging = beside.fresh(Kind::New);
    let result = fill(&staging, outputs, statics).and_then(|count| {
        swap_in(&staging, out, &beside, only_own)?;
        Ok(count)
    });
    if result.is_err() {
        let _ = remove_own(&staging);
    }
    result
}

/// What a hidden folder beside the output holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A site being built (or, after an exchange, the previous site).
    New,
    /// The previous site, moved aside between two renames.
    Old,
}

/// The folder the output sits in, and the names psephos uses there: only
/// `.<output>.psephos-<pid>-<n>` and `.<output>.psephos-old-<pid>-<n>`.
struct Beside {
    parent: PathBuf,
    prefix: String,
}

impl Beside {
    fn new(out: &Path) -> io::Result<Beside> {
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
    fn fresh(&self, kind: Kind) -> PathBuf {
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
    fn recover(&self, out: &Path) -> io::Result<()> {
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
fn remove_own(dir: &Path) -> io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_name() == MARKER {
            continue;
        }
        if entry.file_type()?.is_dir() {
            fs::remove_dir_all(entry.path())?;
        } else {
            fs::remove_file(entry.path())?;
        }
    }
    let _ = fs::remove_file(dir.join(MARKER));
    fs::remove_dir(dir)
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

fn fill(staging: &Path, outputs: &[Output], statics: &[StaticDir]) -> io::Result<usize> {
    fs::create_dir(staging)?;
    // Marked from the start, so that a later build removes a folder of this
    // name only when it is psephos's own, even if this build is killed.
    fs::write(staging.join(MARKER), MARKER_HEADER)?;
    let mut written = Vec::new();
    // Static files first, so that generated pages win any clash.
    for dir in statics {
        copy_tree(dir, staging, &mut written)?;
    }
    for output in outputs {
        let path = staging.join(&output.path);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(&path, &output.contents)?;
        written.push(output.path.clone());
    }
    written.sort();
    written.dedup();
    let mut marker = MARKER_HEADER.to_owned();
    for file in &written {
        let stamp = Stamp::of(&fs::metadata(staging.join(file))?);
        marker.push_str(&format!("{file}\t{}\t{}\n", stamp.size, stamp.modified));
    }
    fs::write(staging.join(MARKER), marker)?;
    Ok(written.len())
}

/// The files a static folder publishes, by path relative to it: its links
/// were checked to stay inside the site when it was loaded, so they are
/// followed; junk files and `skip` are left out.
pub fn static_files(statics: &StaticDir) -> io::Result<Vec<PathBuf>> {
    let from = statics.dir;
    if !from.is_dir() {
        return Ok(Vec::new());
    }
    let walk = WalkDir::new(from)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !is_junk_path(e.path()));
    let mut files = Vec::new();
    for entry in walk {
        let entry = match entry {
            Ok(entry) => entry,
            // Such as Emacs's lock links, which lead nowhere.
            Err(err) if err.path().is_some_and(is_junk_path) => continue,
            Err(err) => return Err(io::Error::other(err)),
        };
        let relative = entry.path().strip_prefix(from).map_err(io::Error::other)?;
        let skipped = statics.skip.iter().any(|skip| relative == Path::new(skip));
        if entry.file_type().is_file() && !skipped {
            files.push(relative.to_path_buf());
        }
    }
    Ok(files)
}

/// Copies a static folder's files. Folders come with the files in them: an
/// empty one (or one of junk only) would be a folder the marker does not list.
fn copy_tree(statics: &StaticDir, to: &Path, written: &mut Vec<String>) -> io::Result<()> {
    for relative in static_files(statics)? {
        let target = to.join(&relative);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::copy(statics.dir.join(&relative), &target)?;
        written.push(relative.to_string_lossy().replace('\\', "/"));
    }
    Ok(())
}

/// Puts the finished `staging` folder in place of `out`, then deletes the
/// previous site.
fn swap_in(staging: &Path, out: &Path, beside: &Beside, only_own: bool) -> io::Result<()> {
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
            exchange(staging, out)?;
            return Err(err);
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

    fn page(path: &str, text: &str) -> Output {
        Output::new(path, text)
    }

    #[test]
    fn a_build_replaces_the_output_and_drops_stale_files() {
        let dir = tempdir();
        let out = dir.join("public");
        write_site(
            &out,
            &[page("index.html", "one"), page("old/index.html", "x")],
            &[],
            true,
        )
        .unwrap();
        write_site(&out, &[page("index.html", "two")], &[], true).unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "two");
        assert!(!out.join("old").exists());
        let leftovers: Vec<_> = fs::read_dir(&dir).unwrap().filter_map(Result::ok).collect();
        assert_eq!(leftovers.len(), 1, "no staging folders left behind");
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn static_files_are_copied_and_pages_win_clashes() {
        let dir = tempdir();
        let statics = dir.join("static");
        fs::create_dir_all(statics.join("img")).unwrap();
        fs::write(statics.join("img/logo.svg"), "<svg/>").unwrap();
        fs::write(statics.join("index.html"), "static").unwrap();
        let out = dir.join("public");
        fs::write(statics.join("style.css"), "css").unwrap();
        let copy = StaticDir {
            dir: &statics,
            skip: &["style.css"],
        };
        let count = write_site(&out, &[page("index.html", "page")], &[copy], true).unwrap();
        assert_eq!(count, 2, "index.html is one file, though written twice");
        assert!(
            !out.join("style.css").exists(),
            "skipped files are not copied"
        );
        assert_eq!(
            fs::read_to_string(out.join("img/logo.svg")).unwrap(),
            "<svg/>"
        );
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "page");
        fs::remove_dir_all(&dir).unwrap();
    }

    /// The id of a process that has finished.
    #[cfg(unix)]
    fn dead_pid() -> u32 {
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let pid = child.id();
        child.wait().unwrap();
        pid
    }

    #[cfg(unix)]
    #[test]
    fn leftovers_of_killed_builds_are_removed_and_nothing_else() {
        let dir = tempdir();
        let out = dir.join("public");
        let dead = dead_pid();
        let live = std::process::Command::new("sleep")
            .arg("30")
            .spawn()
            .unwrap();
        let keep = [
            format!(".public.psephos-{}-0", live.id()),
            format!(".public.psephos-{}-0", std::process::id()),
            format!(".other.psephos-{dead}-0"),
            format!(".public.psephos-{dead}-x"),
            // Our name, but no marker: a user's folder, never removed.
            format!(".public.psephos-{dead}-7"),
            "notes".to_owned(),
        ];
        let remove = [
            format!(".public.psephos-{dead}-0"),
            format!(".public.psephos-old-{dead}-3"),
        ];
        for name in keep.iter().chain(&remove) {
            fs::create_dir_all(dir.join(name).join("sub")).unwrap();
        }
        for name in keep.iter().take(4).chain(&remove) {
            fs::write(dir.join(name).join(MARKER), MARKER_HEADER).unwrap();
        }
        // The fake "previous site" put back lists none of its files.
        write_site(&out, &[page("index.html", "one")], &[], false).unwrap();
        write_site(&out, &[page("index.html", "two")], &[], true).unwrap();
        let mut live = live;
        let _ = live.kill();
        let _ = live.wait();
        let mut left: Vec<String> = fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        let mut expected: Vec<String> = keep.to_vec();
        expected.push("public".to_owned());
        expected.sort();
        assert_eq!(left, expected);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_site_moved_aside_by_a_killed_build_is_put_back() {
        let dir = tempdir();
        let out = dir.join("public");
        write_site(&out, &[page("index.html", "old")], &[], true).unwrap();
        // Killed between the two renames: the old site aside, the new beside it.
        let dead = dead_pid();
        fs::rename(&out, dir.join(format!(".public.psephos-old-{dead}-0"))).unwrap();
        let staging = dir.join(format!(".public.psephos-{dead}-0"));
        fs::create_dir(&staging).unwrap();
        fs::write(staging.join(MARKER), MARKER_HEADER).unwrap();
        let beside = Beside::new(&out).unwrap();
        beside.recover(&out).unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "old");
        let left = fs::read_dir(&dir).unwrap().count();
        assert_eq!(left, 1, "only the output remains");
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn the_marker_lists_what_psephos_wrote_and_nothing_else_is_its_own() {
        let dir = tempdir();
        let out = dir.join("public");
        let count = write_site(
            &out,
            &[page("index.html", "one"), page("a/b/index.html", "two")],
            &[],
            true,
        )
        .unwrap();
        assert_eq!(count, 2, "the marker is not counted as a file of the site");
        assert!(foreign_entries(&out).unwrap().is_empty());
        fs::write(out.join("a/notes.txt"), "mine").unwrap();
        fs::create_dir_all(out.join("uploads/2026")).unwrap();
        assert_eq!(foreign_entries(&out).unwrap(), ["a/notes.txt", "uploads"]);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_file_added_while_the_site_is_built_is_put_back_not_deleted() {
        let dir = tempdir();
        let out = dir.join("public");
        write_site(&out, &[page("index.html", "one")], &[], true).unwrap();
        // As if uploaded between the check before the build and the swap.
        fs::write(out.join("upload.txt"), "mine").unwrap();
        let err = write_site(&out, &[page("index.html", "two")], &[], true).unwrap_err();
        let found = err.get_ref().and_then(|e| e.downcast_ref::<ForeignFiles>());
        assert_eq!(
            found.map(|f| f.0.clone()),
            Some(vec!["upload.txt".to_owned()])
        );
        assert_eq!(fs::read_to_string(out.join("upload.txt")).unwrap(), "mine");
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "one");
        let beside: Vec<_> = fs::read_dir(&dir).unwrap().collect();
        assert_eq!(beside.len(), 1, "the new site is not left beside it");
        write_site(&out, &[page("index.html", "two")], &[], false).unwrap();
        assert!(!out.join("upload.txt").exists(), "--force replaces it");
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_file_changed_since_psephos_wrote_it_is_not_its_own() {
        let dir = tempdir();
        let out = dir.join("public");
        write_site(
            &out,
            &[page("index.html", "one"), page("a/index.html", "two")],
            &[],
            true,
        )
        .unwrap();
        fs::write(out.join("a/index.html"), "edited by hand").unwrap();
        assert_eq!(foreign_entries(&out).unwrap(), ["a/index.html"]);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_copied_marker_makes_neither_other_files_nor_same_named_ones_psephos_s_own() {
        let dir = tempdir();
        let built = dir.join("public");
        write_site(&built, &[page("index.html", "one")], &[], true).unwrap();
        let webroot = dir.join("web");
        fs::create_dir_all(&webroot).unwrap();
        fs::copy(built.join(MARKER), webroot.join(MARKER)).unwrap();
        fs::write(webroot.join("important.html"), "council").unwrap();
        fs::write(webroot.join("index.html"), "the council's own").unwrap();
        assert_eq!(
            foreign_entries(&webroot).unwrap(),
            ["important.html", "index.html"]
        );
        fs::remove_dir_all(&dir).unwrap();
    }

    fn tempdir() -> PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "psephos-write-{}-{:?}",
            std::process::id(),
            std::thread::current().id()
        ));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }
}
