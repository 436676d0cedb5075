//! Reading one file of a loaded site again, for `serve`: a news item or an
//! election, checked as loading the whole site checks it, so that the site
//! with the file replaced is the site a full load would give.

use std::path::Path as FsPath;

use super::documents::{body_problems, split};
use super::{known, load_election_source, profile_references, read_news, read_text, read_yaml};
use crate::content::{ElectionEntry, NewsItem, Site};
use crate::diagnostic::Diagnostic;
use crate::site_files::links_leaving;

/// The news item in `file` (`content/news/<slug>.md` of the site in
/// `site_dir`), or None when the file is gone.
pub fn reload_news(site_dir: &FsPath, file: &FsPath) -> Result<Option<NewsItem>, Vec<Diagnostic>> {
    if std::fs::symlink_metadata(file).is_err() {
        return Ok(None);
    }
    // As `load_site` checks every link before reading anything.
    let links = links_leaving(site_dir, file);
    if !links.is_empty() {
        return Err(links);
    }
    let content = site_dir.join("content");
    let static_dir = site_dir.join("static");
    let known = known(&content);
    let text = read_text(file)?;
    let document = split(file, &content.join("news"), &static_dir, &text)?;
    let mut errors = body_problems(&document, &text);
    let result = read_yaml(file, document.front, 1, &text, |node, problems| {
        read_news(&document, node, problems, &known)
    });
    match result {
        Ok(item) if errors.is_empty() => Ok(Some(item)),
        Ok(_) => Err(errors),
        Err(found) => {
            errors.extend(found);
            Err(errors)
        }
    }
}

/// The election in `content/elections/<slug>/`, its candidates' profiles
/// checked against `site`'s people.
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
    let errors = profile_references(site, &entry, &source);
    if errors.is_empty() {
        Ok(entry)
    } else {
        Err(errors)
    }
}
