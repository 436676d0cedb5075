//! Loading a whole site folder: `content/site.yaml`, every election, and the
//! Markdown documents (people, news, pages) with their YAML front matter.
//! Every problem in every file is collected before giving up.
//!
//! `config.rs` reads the site's settings, `documents.rs` splits Markdown
//! files and reads profiles and pages, `news.rs` reads news items and the
//! references they make.

mod config;
mod documents;
mod namesakes;
mod news;
mod offices;
mod previous;
mod reload;

use std::collections::HashSet;
use std::fs;
use std::path::Path as FsPath;

use rayon::prelude::*;

use super::reader::{self, Fields, Problems};
use super::{
    ELECTION_FILE, Source, diagnostics, load_election_source, misreadings_in, syntax_diagnostic,
    text, with_misreadings,
};
use crate::content::{ElectionEntry, NewsItem, Page, Person, Site, election_order, news_order};
use crate::diagnostic::{Diagnostic, Kind};
use crate::model::is_slug;
use crate::site_files::{is_junk, links_leaving};
use crate::yaml::{self, Location, Node, Path};

use config::load_config;
use documents::{load_documents, read_page, read_person};
use news::{Known, Names, read_news};
pub use offices::shares_office_page;
pub use reload::{reload_election, reload_news};

/// Top-level entries of `content/` and what they hold.
const CONTENT_ENTRIES: &[&str] = &["site.yaml", "elections", "people", "news", "pages"];

/// Loads and checks everything under `site_dir/content`.
pub fn load_site(site_dir: &FsPath) -> Result<Site, Vec<Diagnostic>> {
    let content = site_dir.join("content");
    if !content.is_dir() {
        return Err(vec![file_problem(
            Kind::Unreadable,
            &content,
            "there is no content folder".into(),
            "a site folder holds `content/` with `site.yaml` and `elections/`; run psephos in the site folder or pass its path",
        )]);
    }
    let mut links = links_leaving(site_dir, &content);
    links.extend(links_leaving(site_dir, &site_dir.join("static")));
    if !links.is_empty() {
        return Err(links);
    }
    let mut errors = Vec::new();
    check_entries(&content, &mut errors);
    let config = collect(load_config(&content.join("site.yaml")), &mut errors);
    // Elections and documents load side by side, each one's problems kept
    // apart so that they are listed in the same order as ever.
    let (mut election_errors, mut document_errors) = (Vec::new(), Vec::new());
    let ((elections, sources), (people, mut news, pages)) = rayon::join(
        || load_elections(&content.join("elections"), &mut election_errors),
        || load_all_documents(site_dir, &content, &mut document_errors),
    );
    errors.append(&mut election_errors);
    errors.append(&mut document_errors);
    news.sort_by(news_order);
    let (Some(config), true) = (config, errors.is_empty()) else {
        return Err(errors);
    };
    let mut site = Site {
        config,
        elections,
        people,
        news,
        pages,
    };
    check_references(&site, &sources)?;
    let namesakes = namesakes::all(
        &site.elections,
        &crate::change::resolve(&site.elections),
        &sources,
    );
    for (entry, warnings) in site.elections.iter_mut().zip(namesakes) {
        entry.loaded.warnings.extend(warnings);
    }
    Ok(site)
}

/// The profiles, news items and pages.
fn load_all_documents(
    site_dir: &FsPath,
    content: &FsPath,
    errors: &mut Vec<Diagnostic>,
) -> (Vec<Person>, Vec<NewsItem>, Vec<Page>) {
    let static_dir = site_dir.join("static");
    let people = load_documents(&content.join("people"), &static_dir, read_person, errors);
    // From the folders, not from what loaded: an election with a typo in it
    // still exists, and saying otherwise in every news item would bury the typo.
    let known = known(content);
    let news = load_documents(
        &content.join("news"),
        &static_dir,
        |document, node, problems| read_news(document, node, problems, &known),
        errors,
    );
    let pages = load_documents(&content.join("pages"), &static_dir, read_page, errors);
    (people, news, pages)
}

/// The elections and people that news may refer to, from the folders.
fn known(content: &FsPath) -> Known {
    Known {
        elections: Names::new(slugs_in(&content.join("elections"), |name| {
            content
                .join("elections")
                .join(name)
                .join(ELECTION_FILE)
                .exists()
        })),
        people: Names::new(
            slugs_in(&content.join("people"), |name| name.ends_with(".md"))
                .into_iter()
                .map(|name| name.trim_end_matches(".md").to_owned())
                .collect(),
        ),
    }
}

fn collect<T>(result: Result<T, Vec<Diagnostic>>, errors: &mut Vec<Diagnostic>) -> Option<T> {
    result.map_err(|e| errors.extend(e)).ok()
}

fn file_problem(kind: Kind, file: &FsPath, message: String, help: &str) -> Diagnostic {
    Diagnostic {
        kind,
        file: file.to_path_buf(),
        location: Location::START,
        field: None,
        message,
        help: Some(help.to_owned()),
        source_line: None,
    }
}

/// Unknown entries in `content/` are misplaced or misspelt, never ignored.
fn check_entries(content: &FsPath, errors: &mut Vec<Diagnostic>) {
    for name in sorted_entries(content) {
        if !CONTENT_ENTRIES.contains(&name.as_str()) {
            let help = match reader::closest(&name, CONTENT_ENTRIES) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!("content/ holds only {}", CONTENT_ENTRIES.join(", ")),
            };
            errors.push(file_problem(
                Kind::Misplaced,
                &content.join(&name),
                format!("psephos does not know what `{name}` is"),
                &help,
            ));
        }
    }
}

/// The entries of `dir` that pass `keep` and whose names (less any `.md`)
/// are slugs.
fn slugs_in(dir: &FsPath, keep: impl Fn(&str) -> bool) -> Vec<String> {
    sorted_entries(dir)
        .into_iter()
        .filter(|name| keep(name) && is_slug(name.trim_end_matches(".md")))
        .collect()
}

/// The names in a folder, less hidden files and junk.
fn sorted_entries(dir: &FsPath) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.file_name())
                .filter(|name| !is_junk(name))
                .map(|name| name.to_string_lossy().into_owned())
                .filter(|name| !name.starts_with('.'))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

fn read_text(file: &FsPath) -> Result<String, Vec<Diagnostic>> {
    text::read(file).map_err(|err| vec![err.diagnostic(file)])
}

fn required(fields: &mut Fields, key: &str, help: &str, problems: &mut Problems) -> Option<String> {
    let (node, path) = fields.required(key, help, problems)?;
    reader::text(node, &path, problems)
}

fn optional(fields: &mut Fields, key: &str, problems: &mut Problems) -> Result<Option<String>, ()> {
    match fields.optional(key) {
        None => Ok(None),
        Some((node, path)) => reader::text(node, &path, problems).map(Some).ok_or(()),
    }
}

/// Parses YAML that starts `line_offset` lines into `whole` (the full file,
/// for showing lines) and reads it with `read`.
fn read_yaml<T>(
    file: &FsPath,
    yaml_text: &str,
    line_offset: usize,
    whole: &str,
    read: impl FnOnce(&Node, &mut Problems) -> Option<T>,
) -> Result<T, Vec<Diagnostic>> {
    let misread = misreadings_in(file, whole, yaml_text, line_offset);
    let node = yaml::parse(yaml_text).map_err(|err| {
        let found = vec![syntax_diagnostic(file, whole, line_offset, &err)];
        with_misreadings(found, &misread)
    })?;
    let mut problems = Problems::default();
    let value = read(&node, &mut problems);
    match value {
        Some(value) if problems.is_empty() && misread.is_empty() => Ok(value),
        _ => Err(with_misreadings(
            diagnostics(file, whole, line_offset, problems, Vec::new()),
            &misread,
        )),
    }
}

/// The elections, newest first, each with its file's text.
fn load_elections(dir: &FsPath, errors: &mut Vec<Diagnostic>) -> (Vec<ElectionEntry>, Vec<Source>) {
    // Several at once; problems come in the folders' order all the same.
    let loaded: Vec<_> = sorted_entries(dir)
        .into_par_iter()
        .map(|name| {
            let mut found = Vec::new();
            let election = load_election_entry(dir, name, &mut found);
            (election, found)
        })
        .collect();
    let mut elections = Vec::with_capacity(loaded.len());
    for (election, found) in loaded {
        errors.extend(found);
        elections.extend(election);
    }
    elections.sort_by(|(a, _), (b, _)| election_order(a, b));
    elections.into_iter().unzip()
}

/// The election in the folder `name` of `dir`, its problems added to `errors`.
fn load_election_entry(
    dir: &FsPath,
    name: String,
    errors: &mut Vec<Diagnostic>,
) -> Option<(ElectionEntry, Source)> {
    let folder = dir.join(&name);
    if !folder.is_dir() || !folder.join(ELECTION_FILE).exists() {
        errors.push(file_problem(
            Kind::Misplaced,
            &folder,
            format!("`{name}` is not an election folder"),
            &format!("each election is a folder holding {ELECTION_FILE}: elections/<slug>/{ELECTION_FILE}"),
        ));
        return None;
    }
    if !is_slug(&name) {
        errors.push(file_problem(
            Kind::InvalidId,
            &folder,
            format!(
                "the folder name `{name}` is not a valid slug; it becomes the election's address"
            ),
            &format!("rename it to `{}`", reader::slugify(&name)),
        ));
        return None;
    }
    if let Some(problem) = offices::reserved_election(&name, &folder) {
        errors.push(problem);
        return None;
    }
    let (loaded, source) = collect(load_election_source(&folder), errors)?;
    Some((ElectionEntry { slug: name, loaded }, source))
}

/// Ids that point from one file to another must lead somewhere.
fn check_references(site: &Site, sources: &[Source]) -> Result<(), Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let people = Profiles::of(site);
    for (entry, source) in site.elections.iter().zip(sources) {
        errors.extend(profile_references(&people, entry, source));
    }
    offices::check_offices(site, sources, &mut errors);
    previous::check_previous(site, sources, &mut errors);
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// The slugs of the site's profiles: in its order, for suggestions, and as
/// a set made once, since an archive has thousands of candidates and of
/// profiles.
pub(super) struct Profiles<'s> {
    listed: Vec<&'s str>,
    index: HashSet<&'s str>,
}

impl<'s> Profiles<'s> {
    pub(super) fn of(site: &'s Site) -> Self {
        let listed: Vec<&str> = site.people.iter().map(|p| p.slug.as_str()).collect();
        let index = listed.iter().copied().collect();
        Profiles { listed, index }
    }
}

/// An election's candidates' profiles must exist.
fn profile_references(
    people: &Profiles,
    entry: &ElectionEntry,
    source: &Source,
) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    for (i, candidate) in entry.loaded.election.candidates.iter().enumerate() {
        let Some(person) = &candidate.person else {
            continue;
        };
        if !people.index.contains(person.as_str()) {
            let path = Path::root().key("candidates").index(i).key("person");
            errors.push(source.problem_at(
                Kind::UnknownReference,
                &path,
                format!("there is no profile `content/people/{person}.md`"),
                match reader::closest(person.as_str(), &people.listed) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => format!("write content/people/{person}.md, or remove `person`"),
                },
            ));
        }
    }
    errors
}
