//! Writing the built site. Everything goes into a fresh folder beside the
//! output, which replaces the output only once complete: a failed build
//! leaves the previous site exactly as it was, and files no longer produced
//! disappear with the old folder.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::pages::Output;

/// Files copied from a site's `static/` folder, less those published in
/// another form (the stylesheet, under its fingerprinted name).
pub struct StaticDir<'a> {
    pub dir: &'a Path,
    pub skip: &'a [&'a str],
}

/// Writes `outputs` and the static files into `out`, replacing it whole.
pub fn write_site(out: &Path, outputs: &[Output], statics: &[StaticDir]) -> io::Result<usize> {
    let staging = sibling(out, "new")?;
    let result = fill(&staging, outputs, statics).and_then(|count| {
        swap_in(&staging, out)?;
        Ok(count)
    });
    if result.is_err() {
        let _ = fs::remove_dir_all(&staging);
    }
    result
}

/// A path beside `out` that does not exist yet.
fn sibling(out: &Path, tag: &str) -> io::Result<PathBuf> {
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent)?;
    let name = out
        .file_name()
        .map_or_else(|| "site".into(), |n| n.to_string_lossy().into_owned());
    let pid = std::process::id();
    for n in 0.. {
        let candidate = parent.join(format!(".{name}.{tag}-{pid}-{n}"));
        if !candidate.exists() {
            return Ok(candidate);
        }
    }
    unreachable!("some name is always free")
}

fn fill(staging: &Path, outputs: &[Output], statics: &[StaticDir]) -> io::Result<usize> {
    fs::create_dir_all(staging)?;
    let mut written = 0;
    // Static files first, so that generated pages win any clash.
    for dir in statics {
        written += copy_tree(dir, staging)?;
    }
    for output in outputs {
        let path = staging.join(&output.path);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(&path, &output.contents)?;
        written += 1;
    }
    Ok(written)
}

fn copy_tree(statics: &StaticDir, to: &Path) -> io::Result<usize> {
    let from = statics.dir;
    if !from.is_dir() {
        return Ok(0);
    }
    let mut copied = 0;
    for entry in WalkDir::new(from).sort_by_file_name() {
        let entry = entry.map_err(io::Error::other)?;
        let relative = entry.path().strip_prefix(from).map_err(io::Error::other)?;
        let target = to.join(relative);
        if statics.skip.iter().any(|skip| relative == Path::new(skip)) {
            continue;
        }
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target)?;
        } else if entry.file_type().is_file() {
            fs::copy(entry.path(), &target)?;
            copied += 1;
        }
    }
    Ok(copied)
}

/// Moves the old output aside, the new one in, then deletes the old.
fn swap_in(staging: &Path, out: &Path) -> io::Result<()> {
    if out.exists() {
        let old = sibling(out, "old")?;
        fs::rename(out, &old)?;
        if let Err(err) = fs::rename(staging, out) {
            // Put the previous site back rather than leave nothing.
            let _ = fs::rename(&old, out);
            return Err(err);
        }
        fs::remove_dir_all(&old)?;
    } else {
        fs::rename(staging, out)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(path: &str, text: &str) -> Output {
        Output {
            path: path.into(),
            contents: text.as_bytes().to_vec(),
        }
    }

    #[test]
    fn a_build_replaces_the_output_and_drops_stale_files() {
        let dir = tempdir();
        let out = dir.join("public");
        write_site(
            &out,
            &[page("index.html", "one"), page("old/index.html", "x")],
            &[],
        )
        .unwrap();
        write_site(&out, &[page("index.html", "two")], &[]).unwrap();
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
        let count = write_site(&out, &[page("index.html", "page")], &[copy]).unwrap();
        assert_eq!(count, 3);
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
