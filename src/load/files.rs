//! Files named in election data (ballot CSVs), read only from inside the
//! election's folder. A name in the data must never open anything else: on
//! results night `serve` shows errors in every open browser, so reading
//! `/proc/self/environ` and quoting it would publish secrets, and reading
//! `/dev/zero` would eat memory without end.

use std::fs;

use crate::diagnostic::Kind;
use crate::site_files::{Unread, open_file, read_capped};
use std::io;
use std::path::{Component, Path, PathBuf};

/// Reads files named in the data, relative to the election's folder.
pub trait Files {
    /// The path to show in messages, and the file's bytes; or why not.
    fn read(&self, path: &DataPath) -> Result<(PathBuf, Vec<u8>), Refusal>;

    /// The path to show in messages, and the file opened to be read in
    /// pieces; or why not. By default it is read whole.
    fn open(&self, path: &DataPath) -> Result<(PathBuf, Opened), Refusal> {
        let (shown, bytes) = self.read(path)?;
        Ok((shown, Opened(Held::Bytes(bytes))))
    }
}

/// A data file opened for reading in pieces, from any thread: large ballot
/// CSVs are read this way, a piece at a time, so that memory does not grow
/// with the file.
///
/// Pieces are read with positioned reads (`pread`) rather than by mapping
/// the file into memory: a file truncated while mapped kills the process
/// with SIGBUS, and its pages would count in the memory used. A file that
/// changes while read gives a short or odd read here, which the reader
/// treats by reading it again whole.
pub struct Opened(Held);

enum Held {
    Bytes(Vec<u8>),
    File(fs::File, u64),
}

impl Opened {
    /// Bytes already in memory, as if opened.
    pub fn bytes(bytes: Vec<u8>) -> Self {
        Opened(Held::Bytes(bytes))
    }

    /// How many bytes the file held when it was opened.
    pub fn len(&self) -> u64 {
        match &self.0 {
            Held::Bytes(bytes) => bytes.len() as u64,
            Held::File(_, len) => *len,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Fills as much of `buf` as the file holds from byte `at` on; fewer
    /// bytes only at the end of the file.
    pub fn read_at(&self, buf: &mut [u8], at: u64) -> io::Result<usize> {
        match &self.0 {
            Held::Bytes(bytes) => {
                let from = bytes.get(at as usize..).unwrap_or_default();
                let n = from.len().min(buf.len());
                buf[..n].copy_from_slice(&from[..n]);
                Ok(n)
            }
            Held::File(file, _) => {
                let mut done = 0;
                while done < buf.len() {
                    match read_at(file, &mut buf[done..], at + done as u64) {
                        Ok(0) => break,
                        Ok(n) => done += n,
                        Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                        Err(e) => return Err(e),
                    }
                }
                Ok(done)
            }
        }
    }

    /// The whole file, read again from its start.
    pub fn whole(self) -> Result<Vec<u8>, Refusal> {
        match self.0 {
            Held::Bytes(bytes) => Ok(bytes),
            Held::File(mut file, len) => {
                use std::io::Seek;
                file.seek(io::SeekFrom::Start(0))
                    .map_err(|e| Refusal::from_io(&e))?;
                read_capped(file, len, MAX_FILE_BYTES).map_err(Refusal::from_unread)
            }
        }
    }
}

#[cfg(unix)]
fn read_at(file: &fs::File, buf: &mut [u8], at: u64) -> io::Result<usize> {
    std::os::unix::fs::FileExt::read_at(file, buf, at)
}

#[cfg(windows)]
fn read_at(file: &fs::File, buf: &mut [u8], at: u64) -> io::Result<usize> {
    std::os::windows::fs::FileExt::seek_read(file, buf, at)
}

/// The most a data file may hold. Ballot-level data for one area is a few
/// kilobytes; the cap is only there so that a wrong file cannot exhaust memory.
pub const MAX_FILE_BYTES: u64 = 2 << 30;

/// A file name from the data that stays inside the election's folder as
/// written: relative, and no `..` climbing above the folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataPath(String);

impl DataPath {
    pub fn parse(name: &str) -> Result<Self, Refusal> {
        let path = Path::new(name);
        if name.trim().is_empty() {
            return Err(Refusal::Empty);
        }
        // Windows forms too, so that a folder written on Windows means the
        // same everywhere.
        let windows_absolute = name.starts_with('\\') || name.as_bytes().get(1) == Some(&b':');
        if path.has_root() || path.is_absolute() || windows_absolute {
            return Err(Refusal::Absolute);
        }
        let mut depth = 0usize;
        for component in path.components() {
            match component {
                Component::Normal(_) => depth += 1,
                Component::CurDir => {}
                Component::ParentDir => depth = depth.checked_sub(1).ok_or(Refusal::Climbs)?,
                Component::RootDir | Component::Prefix(_) => return Err(Refusal::Absolute),
            }
        }
        Ok(DataPath(name.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Why a named file was not read. None of these carries anything read from
/// the file, so no message can quote a refused file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    Empty,
    Absolute,
    /// `..` leads above the election's folder.
    Climbs,
    /// A link that resolves to somewhere outside the election's folder.
    LinksOutside,
    Missing,
    Folder,
    /// A device, pipe or socket.
    NotAFile,
    TooLarge,
    Unreadable(String),
}

impl Refusal {
    /// Refused for where it leads, or unreadable as any file might be.
    pub fn kind(&self) -> Kind {
        match self {
            Refusal::Empty | Refusal::Absolute | Refusal::Climbs | Refusal::LinksOutside => {
                Kind::FileRefused
            }
            Refusal::Missing
            | Refusal::Folder
            | Refusal::NotAFile
            | Refusal::TooLarge
            | Refusal::Unreadable(_) => Kind::Unreadable,
        }
    }

    /// What is wrong with the ballot file named `name`, and what to do.
    pub fn explain(&self, name: &str) -> (String, String) {
        self.explain_as(name, &BALLOT_FILE)
    }

    /// What is wrong with the file named `name`, a file in the role `role`,
    /// and what to do.
    pub fn explain_as(&self, name: &str, role: &FileRole) -> (String, String) {
        let FileRole {
            noun,
            example,
            too_large,
            max_bytes,
        } = role;
        let put_it_in = format!(
            "put the CSV file in the election's folder and give its name \
             from there, such as `{example}`"
        );
        match self {
            Refusal::Empty => ("no file name is given".to_owned(), put_it_in),
            Refusal::Absolute => (
                format!(
                    "`{name}` is an absolute path, but a {noun} must be inside the election's folder"
                ),
                put_it_in,
            ),
            Refusal::Climbs => (
                format!("`{name}` leads outside the election's folder"),
                put_it_in,
            ),
            Refusal::LinksOutside => (
                format!("`{name}` is a link to a file outside the election's folder"),
                "copy the CSV file into the election's folder instead of linking to it".to_owned(),
            ),
            Refusal::Missing => (
                format!("there is no file `{name}` in the election's folder"),
                "check the spelling: the path is relative to the folder holding election.yaml"
                    .to_owned(),
            ),
            Refusal::Folder => (
                format!("`{name}` is a folder, not a file"),
                format!("give the CSV file inside it, such as `{example}`"),
            ),
            Refusal::NotAFile => (
                format!("`{name}` is not an ordinary file (it is a device, pipe or socket)"),
                put_it_in,
            ),
            Refusal::TooLarge => (
                format!(
                    "`{name}` is larger than {}, the most psephos reads as a {noun}",
                    match max_bytes >> 30 {
                        0 => format!("{} MiB", max_bytes >> 20),
                        gib => format!("{gib} GiB"),
                    }
                ),
                format!("check that this is the right file: {too_large}"),
            ),
            Refusal::Unreadable(why) => (
                format!("cannot read {noun} `{name}`: {why}"),
                "check the file's permissions".to_owned(),
            ),
        }
    }

    fn from_io(err: &io::Error) -> Self {
        match err.kind() {
            io::ErrorKind::NotFound => Refusal::Missing,
            _ => Refusal::Unreadable(err.to_string()),
        }
    }

    fn from_unread(why: Unread) -> Self {
        match why {
            Unread::Missing => Refusal::Missing,
            Unread::Folder => Refusal::Folder,
            Unread::NotOrdinary => Refusal::NotAFile,
            Unread::TooLarge => Refusal::TooLarge,
            Unread::Io(why) => Refusal::Unreadable(why),
        }
    }
}

/// What a data file is for, as messages about it name it.
pub struct FileRole {
    /// `ballot file`.
    pub noun: &'static str,
    /// A name such a file might have, `ballots/south.csv`.
    pub example: &'static str,
    /// Why a file over the cap is likely the wrong one.
    pub too_large: &'static str,
    /// The most such a file may hold, at most [`MAX_FILE_BYTES`].
    pub max_bytes: u64,
}

pub const BALLOT_FILE: FileRole = FileRole {
    noun: "ballot file",
    example: "ballots/south.csv",
    too_large: "ballot-level data for one area is far smaller",
    max_bytes: MAX_FILE_BYTES,
};

/// Data files, read from the election's folder.
pub struct Folder(pub PathBuf);

impl Files for Folder {
    fn read(&self, path: &DataPath) -> Result<(PathBuf, Vec<u8>), Refusal> {
        let (shown, opened) = self.open(path)?;
        Ok((shown, opened.whole()?))
    }

    fn open(&self, path: &DataPath) -> Result<(PathBuf, Opened), Refusal> {
        let shown = self.0.join(path.as_str());
        // `Path::new("")` is the current folder to a person but not to the OS.
        let folder = if self.0.as_os_str().is_empty() {
            Path::new(".")
        } else {
            &self.0
        };
        let root = fs::canonicalize(folder).map_err(|e| Refusal::from_io(&e))?;
        let real = fs::canonicalize(&shown).map_err(|e| Refusal::from_io(&e))?;
        if !real.starts_with(&root) {
            return Err(Refusal::LinksOutside);
        }
        let (file, len) = open_file(&real, MAX_FILE_BYTES).map_err(Refusal::from_unread)?;
        Ok((shown, Opened(Held::File(file, len))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_data_path_stays_inside_the_folder_as_written() {
        for name in [
            "south.csv",
            "ballots/south.csv",
            "./b.csv",
            "ballots/../south.csv",
        ] {
            assert!(DataPath::parse(name).is_ok(), "{name}");
        }
        assert_eq!(DataPath::parse(""), Err(Refusal::Empty));
        assert_eq!(DataPath::parse("/dev/zero"), Err(Refusal::Absolute));
        assert_eq!(
            DataPath::parse("/proc/self/environ"),
            Err(Refusal::Absolute)
        );
        assert_eq!(DataPath::parse("C:\\x.csv"), Err(Refusal::Absolute));
        assert_eq!(DataPath::parse("\\\\server\\x.csv"), Err(Refusal::Absolute));
        assert_eq!(DataPath::parse("../x.csv"), Err(Refusal::Climbs));
        assert_eq!(DataPath::parse("ballots/../../x.csv"), Err(Refusal::Climbs));
        assert_eq!(
            DataPath::parse("../../../../etc/passwd"),
            Err(Refusal::Climbs)
        );
    }
}
