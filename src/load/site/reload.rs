//! Reading files of a loaded site again, for `serve`: news items or an
//! election, checked as loading the whole site checks it, so that the site
//! with the file replaced is the site a full load would give.

use std::path::{Path as FsPath, PathBuf};

use super::documents::{body_problems, split};
use super::news::Known;
use super::previous::previous_problem;
use super::{
    Profiles, known, load_election_source, profile_references, read_news, read_text, read_yaml,
};
use crate::content::{ElectionEntry, NewsItem, Site};
use crate::diagnostic::Diagnostic;
use crate::site_files::links_leaving;

/// The news items in `files` (`content/news/<slug>.md` of the site in
/// `site_dir`), each None when its file is gone; or every problem in them,
/// as a full load would say them.
pub fn reload_news(
    site_dir: &FsPath,
    files: &[PathBuf],
) -> Result<Vec<Option<NewsItem>>, Vec<Diagnostic>> {
    let content = site_dir.join("content");
    let static_dir = site_dir.join("static");
    // Once for them all: a burst may change thousands.
    let known = known(&content);
    let mut items = Vec::with_capacity(files.len());
    let mut errors = Vec::new();
    for file in files {
        if std::fs::symlink_metadata(file).is_err() {
            items.push(None);
            continue;
        }
        match read_one(site_dir, file, &static_dir, &known) {
            Ok(item) => items.push(Some(item)),
            Err(found) => errors.extend(found),
        }
    }
    if errors.is_empty() {
        Ok(items)
    } else {
        Err(errors)
    }
}

fn read_one(
    site_dir: &FsPath,
    file: &FsPath,
    static_dir: &FsPath,
    known: &Known,
) -> Result<NewsItem, Vec<Diagnostic>> {
    // As `load_site` checks every link before reading anything.
    let links = links_leaving(site_dir, file);
    if !links.is_empty() {
        return Err(links);
    }
    let text = read_text(file)?;
    let news_dir = site_dir.join("content").join("news");
    let document = split(file, &news_dir, static_dir, &text)?;
    let mut errors = body_problems(&document, &text);
    let result = read_yaml(file, document.front, 1, &text, |node, problems| {
        read_news(&document, node, problems, known)
    });
    match result {
        Ok(item) if errors.is_empty() => Ok(item),
        Ok(_) => Err(errors),
        Err(found) => {
            errors.extend(found);
            Err(errors)
        }
    }
}

/// The election in `content/elections/<slug>/`, its candidates' profiles
/// checked against `site`'s people and its `previous` against its elections.
pub fn reload_election(
    site_dir: &FsPath,
    slug: &str,
    site: &Site,
) -> Result<ElectionEntry, Vec<Diagnostic>> {
    let folder = site_dir.join("content").join("elections").join(slug);
    // As `load_site` checks every link before reading anything: the folder
    // may have gained one (`election.yaml` linked out of the site, say).
    let links = links_leaving(site_dir, &folder);
    if !links.is_empty() {
        return Err(links);
    }
    let (loaded, source) = load_election_source(&folder)?;
    let entry = ElectionEntry {
        slug: slug.to_owned(),
        loaded,
    };
    let mut errors = profile_references(&Profiles::of(site), &entry, &source);
    // The election it names is another, unchanged by the reload.
    errors.extend(previous_problem(&site.elections, &entry, &source));
    if errors.is_empty() {
        Ok(entry)
    } else {
        Err(errors)
    }
}
