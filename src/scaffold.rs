//! `psephos new`: a small working site to start from.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

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
    Io(PathBuf, io::Error),
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
