//! Which files of a site folder psephos reads and publishes. Two rules, kept
//! here so that loading, copying `static/` and checking links agree:
//!
//! - Files that editors and operating systems leave behind (`.DS_Store`,
//!   `Thumbs.db`, `notes.md~`, Vim's `.swp`, Emacs's `.#` locks) are ignored:
//!   they never break a build and are never published.
//! - A symbolic link may point anywhere inside the site folder and is then
//!   followed as the file or folder it points at; a link that leads out of the
//!   site folder, or to nothing, is an error. Nothing outside the site folder
//!   is ever read or published because of a link.

use std::ffi::OsStr;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostic::{Diagnostic, Kind};
use crate::yaml::Location;

/// Why a file was not read. Nothing here holds anything read from the file,
/// so no message built from it can quote a refused file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unread {
    Missing,
    Folder,
    /// A device, pipe or socket.
    NotOrdinary,
    /// More than the cap the caller gave.
    TooLarge,
    Io(String),
}

impl Unread {
    fn from_io(err: &io::Error) -> Self {
        match err.kind() {
            io::ErrorKind::NotFound => Unread::Missing,
            _ => Unread::Io(err.to_string()),
        }
    }
}

/// Reads a whole file that must be an ordinary one of at most `cap` bytes.
///
/// It is opened without waiting, since opening a named pipe (FIFO) blocks
/// until something writes to it, which would hang a build or `serve`
/// forever; what was opened is then checked on the open file itself, so
/// nothing swapped in meanwhile gets past the check; and the cap holds even
/// if the file grows while it is read, or is a device that misreports its
/// size.
pub fn read_file(path: &Path, cap: u64) -> Result<Vec<u8>, Unread> {
    let (file, len) = open_file(path, cap)?;
    read_capped(file, len, cap)
}

/// Opens a file that must be an ordinary one of at most `cap` bytes, as
/// [`read_file`] does, without reading it: the open file and its length.
pub fn open_file(path: &Path, cap: u64) -> Result<(fs::File, u64), Unread> {
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32);
    }
    // Looked at before opening too: a socket cannot be opened at all.
    check_ordinary(&fs::metadata(path).map_err(|e| Unread::from_io(&e))?, cap)?;
    let file = options.open(path).map_err(|e| Unread::from_io(&e))?;
    let metadata = file.metadata().map_err(|e| Unread::from_io(&e))?;
    check_ordinary(&metadata, cap)?;
    Ok((file, metadata.len()))
}

/// Reads an open file whole from where it is, at most `cap` bytes; `len`
/// is how much it is expected to hold.
pub fn read_capped(file: fs::File, len: u64, cap: u64) -> Result<Vec<u8>, Unread> {
    use std::io::Read;
    let mut bytes = Vec::with_capacity(len.min(cap) as usize);
    file.take(cap.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| Unread::from_io(&e))?;
    if bytes.len() as u64 > cap {
        return Err(Unread::TooLarge);
    }
    Ok(bytes)
}

fn check_ordinary(metadata: &fs::Metadata, cap: u64) -> Result<(), Unread> {
    if metadata.is_dir() {
        Err(Unread::Folder)
    } else if !metadata.is_file() {
        Err(Unread::NotOrdinary)
    } else if metadata.len() > cap {
        Err(Unread::TooLarge)
    } else {
        Ok(())
    }
}

/// A file psephos reads for itself (a stylesheet, its own marker): `None`
/// when there is none, an error naming the trouble otherwise.
pub fn read_ordinary(path: &Path) -> io::Result<Option<Vec<u8>>> {
    const CAP: u64 = 64 * 1024 * 1024;
    match read_file(path, CAP) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(Unread::Missing) => Ok(None),
        Err(Unread::Io(why)) => Err(io::Error::other(why)),
        Err(Unread::Folder) => Err(io::Error::other("it is a folder, not a file")),
        Err(Unread::NotOrdinary) => Err(io::Error::other(
            "it is not an ordinary file (a pipe, device or socket)",
        )),
        Err(Unread::TooLarge) => Err(io::Error::other(format!(
            "it is larger than {} MiB",
            CAP >> 20
        ))),
    }
}

/// Whether a file name is one editors and operating systems leave around.
pub fn is_junk(name: &OsStr) -> bool {
    let name = name.to_string_lossy();
    let lower = name.to_ascii_lowercase();
    matches!(
        lower.as_str(),
        "thumbs.db" | "desktop.ini" | ".ds_store" | "icon\r" | "4913" | ".directory"
    ) || name.ends_with('~')
        // Version control and archive leftovers: publishing `.git/` would
        // publish the site's whole history.
        || matches!(lower.as_str(), ".git" | ".hg" | ".svn" | "__macosx")
        || name.starts_with(".nfs")
        // Emacs: lock links and autosaves.
        || name.starts_with(".#")
        || (name.starts_with('#') && name.ends_with('#') && name.len() > 1)
        // Office and LibreOffice lock files, macOS resource forks.
        || name.starts_with("~$")
        || name.starts_with(".~lock.")
        || name.starts_with("._")
        || [".swp", ".swo"].iter().any(|ext| lower.ends_with(ext))
}

/// A path relative to a folder as the site names it: its parts joined by
/// `/`. Only the system's separator separates: on Unix a backslash is a
/// character of a file name like any other.
pub fn site_path(relative: &Path) -> String {
    let mut name = String::new();
    for part in relative.components() {
        if !name.is_empty() {
            name.push('/');
        }
        name.push_str(&part.as_os_str().to_string_lossy());
    }
    name
}

/// Whether a path's last component is junk.
pub fn is_junk_path(path: &Path) -> bool {
    path.file_name().is_some_and(is_junk)
}

/// Every symbolic link under `dir` (and `dir` itself) that leads out of
/// `site_dir` or to nothing, as one problem each. Links that stay inside are
/// followed, so that what they lead to is checked too.
pub fn links_leaving(site_dir: &Path, dir: &Path) -> Vec<Diagnostic> {
    if fs::symlink_metadata(dir).is_err() {
        return Vec::new();
    }
    let Ok(root) = site_dir.canonicalize() else {
        return Vec::new();
    };
    let mut problems = Vec::new();
    let mut walk = WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = walk.next() {
        match entry {
            Ok(entry) if entry.path_is_symlink() && !is_junk_path(entry.path()) => {
                let target = entry.path().canonicalize();
                if let Some(problem) = check_link(&root, entry.path(), target) {
                    problems.push(problem);
                    if entry.file_type().is_dir() {
                        walk.skip_current_dir();
                    }
                }
            }
            Ok(_) => {}
            Err(err) => {
                let Some(path) = err.path().map(Path::to_path_buf) else {
                    continue;
                };
                if is_junk_path(&path) {
                    continue;
                }
                if err.loop_ancestor().is_some() {
                    problems.push(link_problem(
                        &path,
                        "is a symbolic link to a folder that holds it, a loop".into(),
                    ));
                } else if is_symlink(&path) {
                    let target = path.canonicalize();
                    problems.extend(check_link(&root, &path, target));
                }
                // Other errors (an unreadable folder) are reported by
                // whatever reads the file.
            }
        }
    }
    problems
}

fn is_symlink(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

fn check_link(root: &Path, link: &Path, target: io::Result<PathBuf>) -> Option<Diagnostic> {
    let shown = fs::read_link(link).map_or_else(|_| "?".into(), |t| t.display().to_string());
    match target {
        Err(_) => Some(link_problem(
            link,
            format!("is a symbolic link to `{shown}`, which does not exist"),
        )),
        Ok(target) if !target.starts_with(root) => Some(link_problem(
            link,
            format!(
                "is a symbolic link to `{}`, outside the site folder",
                target.display()
            ),
        )),
        Ok(_) => None,
    }
}

fn link_problem(link: &Path, what: String) -> Diagnostic {
    let name = link
        .file_name()
        .unwrap_or(link.as_os_str())
        .to_string_lossy();
    Diagnostic {
        kind: Kind::LinkOutside,
        file: link.to_path_buf(),
        location: Location::START,
        field: None,
        message: format!("`{name}` {what}"),
        help: Some(
            "psephos never follows a link out of the site folder, so that nothing else is published by mistake; copy the files into the site folder instead, or remove the link".into(),
        ),
        source_line: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn junk_names_are_recognised() {
        for junk in [
            "Thumbs.db",
            "thumbs.db",
            "desktop.ini",
            "Desktop.ini",
            ".DS_Store",
            "about.md~",
            ".about.md.swp",
            ".about.md.swo",
            ".#about.md",
            "#about.md#",
            "~$north.csv",
            "~$about.md",
            ".~lock.north.csv#",
            "._logo.svg",
            "4913",
            "Icon\r",
            ".git",
            ".svn",
            "__MACOSX",
            ".nfs0000000001",
        ] {
            assert!(is_junk(OsStr::new(junk)), "{junk}");
        }
        for kept in [
            "about.md",
            "logo.svg",
            ".well-known",
            "swp",
            "index.html",
            "#",
            "icon.png",
        ] {
            assert!(!is_junk(OsStr::new(kept)), "{kept}");
        }
    }
}
