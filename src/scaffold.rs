//! `psephos new`: a small working site to start from.

use std::error::Error;
use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::problems::Advice;

/// The files of a new site, by path within it.
pub const FILES: [(&str, &str); 6] = [
    ("content/site.yaml", include_str!("scaffold/site.yaml")),
    (
        "content/elections/2026-exampleshire-mayor/election.yaml",
        include_str!("scaffold/election.yaml"),
    ),
    (
        "content/people/alex-rivers.md",
        include_str!("scaffold/person.md"),
    ),
    (
        "content/news/count-under-way.md",
        include_str!("scaffold/news.md"),
    ),
    ("content/pages/about.md", include_str!("scaffold/page.md")),
    // Outside content/, so it is a guide for the publisher, not a page.
    (
        "RESULTS-NIGHT.md",
        include_str!("scaffold/results-night.md"),
    ),
];

#[derive(Debug)]
pub enum NewError {
    /// The folder exists and has something in it.
    NotEmpty(PathBuf),
    /// A file or folder of the new site could not be written.
    Io(PathBuf, io::Error),
}

impl fmt::Display for NewError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NewError::NotEmpty(dir) => {
                write!(f, "{} already exists and is not empty", dir.display())
            }
            NewError::Io(path, _) => write!(f, "could not write {}", path.display()),
        }
    }
}

impl Error for NewError {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        match self {
            NewError::NotEmpty(_) => None,
            NewError::Io(_, error) => Some(error),
        }
    }
}

impl Advice for NewError {
    fn help(&self) -> Option<String> {
        match self {
            NewError::NotEmpty(_) => {
                Some("choose a new folder name, or empty this one first".into())
            }
            NewError::Io(..) => None,
        }
    }
}

/// Writes a new site into `dir`, which must be absent or empty.
pub fn create(dir: &Path) -> Result<Vec<PathBuf>, NewError> {
    let occupied = fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_some());
    if occupied {
        return Err(NewError::NotEmpty(dir.to_path_buf()));
    }
    let mut written = Vec::new();
    for (relative, text) in FILES {
        let path = dir.join(relative);
        let parent = path.parent().unwrap_or(dir);
        fs::create_dir_all(parent).map_err(|e| NewError::Io(parent.to_path_buf(), e))?;
        fs::write(&path, text).map_err(|e| NewError::Io(path.clone(), e))?;
        written.push(path);
    }
    Ok(written)
}
