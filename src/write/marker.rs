//! The marker a build leaves in its output: which files psephos wrote, so
//! that the next build replaces without asking only what is its own.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io;
use std::path::Path;

use rayon::prelude::*;

use crate::site_files::read_ordinary;

/// The file that marks a folder as psephos's own output and lists every
/// file psephos wrote into it, so that a build replaces without asking only
/// what it wrote itself: a copied marker does not make anything else its own.
/// Harmless if published.
pub const MARKER: &str = ".psephos-build";
pub(super) const MARKER_HEADER: &str = "# This folder is built by psephos. Each build replaces it whole.\n# The files it wrote, each with its size and time written:\n";

/// A file as psephos left it: a copied marker, or a page edited by hand
/// since, does not match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Stamp {
    pub size: u64,
    /// Nanoseconds since the epoch; 0 where the system does not say.
    pub modified: u128,
}

impl Stamp {
    pub fn of(meta: &fs::Metadata) -> Stamp {
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

/// A file's path as the marker lists it, one line each: a backslash, tab,
/// line feed or carriage return in a name is written as `\\`, `\t`, `\n` or
/// `\r`, so that no name can break its line or look like another's.
pub(super) fn escaped(name: &str) -> std::borrow::Cow<'_, str> {
    if !name.contains(['\\', '\t', '\n', '\r']) {
        return name.into();
    }
    let mut out = String::with_capacity(name.len() + 8);
    for c in name.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out.into()
}

/// A name as [`escaped`] wrote it. Any other backslash is kept as it is.
fn unescaped(listed: &str) -> String {
    let mut out = String::with_capacity(listed.len());
    let mut chars = listed.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.clone().next() {
            Some(next @ ('\\' | 't' | 'n' | 'r')) => {
                chars.next();
                out.push(match next {
                    't' => '\t',
                    'n' => '\n',
                    'r' => '\r',
                    _ => '\\',
                });
            }
            _ => out.push('\\'),
        }
    }
    out
}

/// The marker's list: each file psephos wrote, and its stamp.
fn read_marker(out: &Path) -> io::Result<HashMap<String, Stamp>> {
    let marker = read_ordinary(&out.join(MARKER))?.unwrap_or_default();
    Ok(String::from_utf8_lossy(&marker)
        .lines()
        // The header's lines have no tabs, so they are passed over; a file
        // may be called `#notes.txt`.
        .filter_map(|line| {
            let mut fields = line.rsplitn(3, '\t');
            let modified = fields.next()?.parse().ok()?;
            let size = fields.next()?.parse().ok()?;
            Some((unescaped(fields.next()?), Stamp { size, modified }))
        })
        .collect())
}

/// The files and folders in `out` that psephos did not write there, or that
/// changed since it did, by path relative to `out`, in the order of a walk
/// by name; empty for a folder it built, untouched. Folders are looked
/// through in parallel: a site has tens of thousands.
pub fn foreign_entries(out: &Path) -> io::Result<Vec<String>> {
    let written = read_marker(out)?;
    let folders: HashSet<&str> = written
        .keys()
        .flat_map(|file| file.match_indices('/').map(move |(at, _)| &file[..at]))
        .collect();
    let mut foreign = foreign_in(out, "", &written, &folders)?;
    foreign.sort_by(|a, b| Path::new(a).cmp(Path::new(b)));
    Ok(foreign)
}

/// The foreign entries of `dir`, which is `relative` in the output.
fn foreign_in(
    dir: &Path,
    relative: &str,
    written: &HashMap<String, Stamp>,
    folders: &HashSet<&str>,
) -> io::Result<Vec<String>> {
    let entries = fs::read_dir(dir)?.collect::<io::Result<Vec<_>>>()?;
    entries
        .par_iter()
        .map(|entry| {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            let path = match relative {
                "" => name.into_owned(),
                _ => format!("{relative}/{name}"),
            };
            // A link is not followed: it is foreign unless listed as a file.
            let is_dir = entry.file_type()?.is_dir();
            let ours = (relative.is_empty() && path == MARKER)
                || (is_dir && folders.contains(path.as_str()))
                || (!is_dir
                    && written.get(&path).is_some_and(|stamp| {
                        entry
                            .metadata()
                            .is_ok_and(|meta| Stamp::of(&meta) == *stamp)
                    }));
            match (ours, is_dir) {
                (false, _) => Ok(vec![path]),
                (true, true) => foreign_in(&entry.path(), &path, written, folders),
                (true, false) => Ok(Vec::new()),
            }
        })
        .try_reduce(Vec::new, |mut all, more| {
            all.extend(more);
            Ok(all)
        })
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
