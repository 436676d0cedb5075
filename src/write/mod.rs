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

mod marker;
mod staging;
mod swap;

use std::io;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::site_files::is_junk_path;

pub use marker::{ForeignFiles, MARKER, foreign_entries};
pub use staging::Staging;

/// Files copied from a site's `static/` folder, less those published in
/// another form (the stylesheet, under its fingerprinted name).
pub struct StaticDir<'a> {
    pub dir: &'a Path,
    pub skip: &'a [&'a str],
}

/// Writes `outputs` and the static files into `out`, replacing it whole:
/// [`Staging`] for files at hand all at once. Only tests have them so: a
/// build writes each page as it is made.
#[cfg(test)]
pub(crate) fn write_site(
    out: &Path,
    outputs: &[crate::site::Output],
    statics: &[StaticDir],
    only_own: bool,
) -> io::Result<usize> {
    let staging = Staging::begin(out)?;
    for output in outputs {
        staging.write(&output.path, &output.contents)?;
    }
    for dir in statics {
        staging.copy_static(dir)?;
    }
    staging.finish(only_own)
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

#[cfg(test)]
mod tests {
    use std::fs;

    use super::marker::MARKER_HEADER;
    use super::swap::Beside;
    use super::*;
    use crate::site::Output;

    fn page(path: &str, text: &str) -> Output {
        Output::new(path, text)
    }

    #[test]
    fn a_build_replaces_the_output_and_drops_stale_files() {
        let temp = tempdir();
        let dir = temp.path().to_path_buf();
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
    }

    #[test]
    fn static_files_are_copied_and_pages_win_clashes() {
        let temp = tempdir();
        let dir = temp.path().to_path_buf();
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
        let temp = tempdir();
        let dir = temp.path().to_path_buf();
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
    }

    #[cfg(unix)]
    #[test]
    fn a_site_moved_aside_by_a_killed_build_is_put_back() {
        let temp = tempdir();
        let dir = temp.path().to_path_buf();
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
    }

    /// Should a path be written twice, it is listed once, with the stamp of
    /// the file as left, so the next build still knows it as its own.
    #[test]
    fn a_path_written_twice_is_listed_once_as_it_was_left() {
        let temp = tempdir();
        let out = temp.path().join("public");
        let twice = [
            page("a/index.html", "first, longer"),
            page("a/index.html", "2"),
        ];
        let count = write_site(&out, &twice, &[], true).unwrap();
        assert_eq!(count, 1);
        assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "2");
        assert_eq!(foreign_entries(&out).unwrap(), Vec::<String>::new());
    }

    #[test]
    fn the_marker_lists_what_psephos_wrote_and_nothing_else_is_its_own() {
        let temp = tempdir();
        let dir = temp.path().to_path_buf();
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
    }

    #[test]
    fn a_file_added_while_the_site_is_built_is_put_back_not_deleted() {
        let temp = tempdir();
        let dir = temp.path().to_path_buf();
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
    }

    /// The marker has a line per file: a static file whose name held a line
    /// break was listed as two lines, neither its name, one with a backslash
    /// as if it were a folder's separator, and one starting `#` as a comment,
    /// so the next build refused the output as holding a file psephos did
    /// not write.
    #[cfg(unix)]
    #[test]
    fn files_named_with_line_breaks_tabs_or_backslashes_are_listed_as_psephos_s_own() {
        let temp = tempdir();
        let dir = temp.path().to_path_buf();
        let statics = dir.join("static");
        fs::create_dir_all(&statics).unwrap();
        let names = [
            "line\nbreak.txt",
            "carriage\rreturn.txt",
            "tab\tand\\n.txt",
            "back\\slash\\\\.txt",
            "index.html\t1\t2",
            "#notes.txt",
        ];
        for name in names {
            fs::write(statics.join(name), name).unwrap();
        }
        let out = dir.join("public");
        let copy = StaticDir {
            dir: &statics,
            skip: &[],
        };
        let count = write_site(&out, &[page("index.html", "one")], &[copy], true).unwrap();
        assert_eq!(count, names.len() + 1);
        assert_eq!(foreign_entries(&out).unwrap(), Vec::<String>::new());
        fs::write(out.join("index.html"), "edited").unwrap();
        assert_eq!(foreign_entries(&out).unwrap(), ["index.html"]);
    }

    #[test]
    fn a_file_changed_since_psephos_wrote_it_is_not_its_own() {
        let temp = tempdir();
        let dir = temp.path().to_path_buf();
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
    }

    #[test]
    fn a_copied_marker_makes_neither_other_files_nor_same_named_ones_psephos_s_own() {
        let temp = tempdir();
        let dir = temp.path().to_path_buf();
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
    }

    fn tempdir() -> tempfile::TempDir {
        tempfile::Builder::new()
            .prefix("psephos-write-")
            .tempdir()
            .unwrap()
    }
}
