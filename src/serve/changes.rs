//! What a burst of changes asks of the preview, from the paths the watcher
//! names: nothing, a few news items or elections read again, or the whole
//! site. Anything not plainly one news item or one election's file (the
//! settings, people, pages, static files, a folder made or removed, a link)
//! loads the whole site, which is always right.

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};

use crate::load::ELECTION_FILE;
use crate::site_files::is_junk;

/// One thing that changed and can be reloaded alone.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Change {
    /// `content/news/<slug>.md`, changed, made or removed.
    News(PathBuf),
    /// A file in `content/elections/<slug>/`.
    Election(String),
}

#[derive(Debug, PartialEq, Eq)]
pub(super) enum Plan {
    /// Only files a build skips (hidden files, editors' leftovers).
    Nothing,
    Some(Vec<Change>),
    Whole,
}

/// What the changes at `paths` ask for, in the site in `site_dir` (as given
/// to serve) whose real path is `real_dir`, where links lead to `linked`
/// (see [`linked`]).
pub(super) fn plan(
    site_dir: &Path,
    real_dir: &Path,
    linked: &[PathBuf],
    paths: &[PathBuf],
) -> Plan {
    let mut changes = BTreeSet::new();
    // Where the files to reload alone really are.
    let mut places = Vec::new();
    for path in paths {
        let Some(relative) = path
            .strip_prefix(site_dir)
            .or_else(|_| path.strip_prefix(real_dir))
            .ok()
        else {
            return Plan::Whole;
        };
        let parts: Option<Vec<&str>> = relative
            .components()
            .map(|c| match c {
                Component::Normal(part) => part.to_str(),
                _ => None,
            })
            .collect();
        let change = match parts.as_deref() {
            Some(["content", "news", name]) => news(site_dir, name),
            Some(["content", "elections", slug, _, ..]) => election(site_dir, slug),
            // An editor's swap file or backup, which nothing reads (but in an
            // election's folder, whose data names its own files): Vim
            // rewrites a swap file every few seconds while one types.
            Some([.., name]) if is_junk(name.as_ref()) => Ok(None),
            _ => Err(()),
        };
        match change {
            Ok(Some(change)) => {
                changes.insert(change);
                places.push(real_place(&real_dir.join(relative)));
            }
            Ok(None) => {}
            Err(()) => return Plan::Whole,
        }
    }
    if changes.is_empty() {
        Plan::Nothing
    } else if places
        .iter()
        .any(|place| linked.iter().any(|target| place.starts_with(target)))
    {
        // Another news item or election shows the same file.
        Plan::Whole
    } else {
        Plan::Some(changes.into_iter().collect())
    }
}

/// A path with its folder's links resolved, as link targets are (the file
/// itself may be gone).
fn real_place(path: &Path) -> PathBuf {
    match (path.parent().map(Path::canonicalize), path.file_name()) {
        (Some(Ok(folder)), Some(name)) => folder.join(name),
        _ => path.to_owned(),
    }
}

/// Where the links under `content` lead (their real paths), for [`plan`].
/// Taken after each rebuild: a link made or changed since is a change in
/// the folder that holds it, which loads the whole site or reloads that
/// folder's election, so a later edit to what it leads to is placed right.
pub(super) fn linked(content: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(content)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.path_is_symlink())
        .filter_map(|entry| entry.path().canonicalize().ok())
        .collect()
}

/// A file in `content/news/`: None for one a build skips, Err when it is
/// not plainly a news item (a folder, a link, another kind of file).
fn news(site_dir: &Path, name: &str) -> Result<Option<Change>, ()> {
    if name.starts_with('.') || is_junk(name.as_ref()) {
        return Ok(None);
    }
    let file = site_dir.join("content").join("news").join(name);
    let plain = match std::fs::symlink_metadata(&file) {
        Ok(meta) => meta.is_file(),
        // Removed.
        Err(_) => true,
    };
    if plain && name.ends_with(".md") {
        Ok(Some(Change::News(file)))
    } else {
        Err(())
    }
}

/// A file in an election's folder, which must still be one.
fn election(site_dir: &Path, slug: &str) -> Result<Option<Change>, ()> {
    let folder = site_dir.join("content").join("elections").join(slug);
    let plain = std::fs::symlink_metadata(&folder).is_ok_and(|meta| meta.is_dir());
    if plain && folder.join(ELECTION_FILE).is_file() {
        Ok(Some(Change::Election(slug.to_owned())))
    } else {
        Err(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_news_files_and_election_files_are_reloaded_alone() {
        let temp = tempfile::tempdir().unwrap();
        let site = temp.path();
        let news = site.join("content/news");
        let election = site.join("content/elections/e");
        std::fs::create_dir_all(&news).unwrap();
        std::fs::create_dir_all(news.join("folder")).unwrap();
        std::fs::create_dir_all(&election).unwrap();
        std::fs::write(news.join("a.md"), "").unwrap();
        std::fs::write(election.join(ELECTION_FILE), "").unwrap();
        let plan_of = |paths: &[&str]| {
            let paths: Vec<PathBuf> = paths.iter().map(|p| site.join(p)).collect();
            plan(site, site, &[], &paths)
        };
        assert_eq!(
            plan_of(&[
                "content/news/a.md",
                "content/news/gone.md",
                "content/news/a.md"
            ]),
            Plan::Some(vec![
                Change::News(news.join("a.md")),
                Change::News(news.join("gone.md")),
            ])
        );
        assert_eq!(
            plan_of(&[
                "content/elections/e/election.yaml",
                "content/news/.a.md.swp"
            ]),
            Plan::Some(vec![Change::Election("e".into())])
        );
        assert_eq!(
            plan_of(&["content/news/a.md~", "content/news/4913"]),
            Plan::Nothing
        );
        assert_eq!(
            plan_of(&[
                "content/people/.x.md.swp",
                "content/pages/#about.md#",
                "content/site.yaml~",
                "static/4913",
                "static/.DS_Store",
            ]),
            Plan::Nothing
        );
        for whole in [
            "content/site.yaml",
            "content/news",
            "content/news/folder",
            "content/news/notes.txt",
            "content/people/x.md",
            "content/elections/e",
            "content/elections/new/election.yaml",
            "static/style.css",
            "content",
        ] {
            assert_eq!(plan_of(&[whole]), Plan::Whole, "{whole}");
        }
        assert_eq!(
            plan(site, site, &[], &[PathBuf::from("/elsewhere/x.md")]),
            Plan::Whole
        );
    }
}
