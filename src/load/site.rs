//! Loading a whole site folder: `content/site.yaml`, every election, and the
//! Markdown documents (people, news, pages) with their YAML front matter.
//! Every problem in every file is collected before giving up.

use std::fs;
use std::path::{Path as FsPath, PathBuf};

use walkdir::WalkDir;

use super::reader::{self, Fields, Problems};
use super::{ELECTION_FILE, diagnostics, load_election};
use crate::content::{ElectionEntry, Link, NewsItem, NewsSource, Page, Person, Site, SiteConfig};
use crate::diagnostic::{Diagnostic, inside, line_of};
use crate::model::{PersonId, is_slug};
use crate::yaml::{self, Location, Node, Path};

/// Top-level entries of `content/` and what they hold.
const CONTENT_ENTRIES: &[&str] = &["site.yaml", "elections", "people", "news", "pages"];
/// Page slugs that would clash with generated sections.
const RESERVED: &[&str] = &["elections", "people", "news", "static", "data", "index"];

/// Loads and checks everything under `site_dir/content`.
pub fn load_site(site_dir: &FsPath) -> Result<Site, Vec<Diagnostic>> {
    let content = site_dir.join("content");
    if !content.is_dir() {
        return Err(vec![file_problem(
            &content,
            "there is no content folder".into(),
            "a site folder holds `content/` with `site.yaml` and `elections/`; run psephos in the site folder or pass its path",
        )]);
    }
    let mut errors = Vec::new();
    check_entries(&content, &mut errors);
    let config = collect(load_config(&content.join("site.yaml")), &mut errors);
    let elections = load_elections(&content.join("elections"), &mut errors);
    let people = load_documents(&content.join("people"), read_person, &mut errors);
    let mut news = load_documents(&content.join("news"), read_news, &mut errors);
    let pages = load_documents(&content.join("pages"), read_page, &mut errors);
    news.sort_by(|a, b| b.date.cmp(&a.date).then(a.slug.cmp(&b.slug)));
    let (Some(config), true) = (config, errors.is_empty()) else {
        return Err(errors);
    };
    let site = Site {
        config,
        elections,
        people,
        news,
        pages,
    };
    check_references(&site)?;
    Ok(site)
}

fn collect<T>(result: Result<T, Vec<Diagnostic>>, errors: &mut Vec<Diagnostic>) -> Option<T> {
    result.map_err(|e| errors.extend(e)).ok()
}

fn file_problem(file: &FsPath, message: String, help: &str) -> Diagnostic {
    Diagnostic {
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
        if !CONTENT_ENTRIES.contains(&name.as_str()) && !name.starts_with('.') {
            let help = match reader::closest(&name, CONTENT_ENTRIES) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!("content/ holds only {}", CONTENT_ENTRIES.join(", ")),
            };
            errors.push(file_problem(
                &content.join(&name),
                format!("psephos does not know what `{name}` is"),
                &help,
            ));
        }
    }
}

fn sorted_entries(dir: &FsPath) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

fn read_text(file: &FsPath) -> Result<String, Vec<Diagnostic>> {
    fs::read_to_string(file).map_err(|err| {
        vec![file_problem(
            file,
            format!("cannot read this file: {err}"),
            "check that it exists and is UTF-8 text",
        )]
    })
}

fn load_config(file: &FsPath) -> Result<SiteConfig, Vec<Diagnostic>> {
    let text = read_text(file)?;
    read_yaml(file, &text, 0, &text, |node, problems| {
        let mut fields = Fields::of(node, &Path::root(), "the site settings", problems)?;
        let title = required(
            &mut fields,
            "title",
            "add `title:` with the site's name",
            problems,
        );
        let publisher = required(
            &mut fields,
            "publisher",
            "add `publisher:` with who publishes the site",
            problems,
        );
        let base_url = fields.optional("base_url").map(|(node, path)| {
            reader::url(node, &path, problems).map(|u| format!("{}/", u.trim_end_matches('/')))
        });
        let language = fields
            .optional("language")
            .map(|(node, path)| read_language(node, &path, problems));
        fields.finish(&["title", "publisher", "base_url", "language"], problems);
        Some(SiteConfig {
            title: title?,
            publisher: publisher?,
            base_url: base_url.map_or(Some(None), |u| u.map(Some))?,
            language: language.map_or(Some("en-GB".to_owned()), |l| l)?,
        })
    })
}

fn read_language(node: &Node, path: &Path, problems: &mut Problems) -> Option<String> {
    let tag = reader::text(node, path, problems)?;
    let valid = tag.split('-').all(|part| {
        (1..=8).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_alphanumeric())
    });
    if valid {
        Some(tag)
    } else {
        problems.value(
            path,
            format!("`{tag}` is not a language tag"),
            "use a tag like en-GB or cy",
        );
        None
    }
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
    let node = yaml::parse(yaml_text).map_err(|err| {
        let at = inside(yaml_text, err.location);
        let line = at.line + line_offset;
        vec![Diagnostic {
            file: file.to_path_buf(),
            location: Location {
                line,
                column: at.column,
            },
            field: None,
            message: format!("this is not valid YAML: {}", err.message),
            help: Some(
                "check the indentation and punctuation on this line and the one before".into(),
            ),
            source_line: line_of(whole, line),
        }]
    })?;
    let mut problems = Problems::default();
    let value = read(&node, &mut problems);
    match value {
        Some(value) if problems.is_empty() => Ok(value),
        _ => Err(diagnostics(file, whole, line_offset, problems, Vec::new())),
    }
}

fn load_elections(dir: &FsPath, errors: &mut Vec<Diagnostic>) -> Vec<ElectionEntry> {
    let mut elections = Vec::new();
    for name in sorted_entries(dir) {
        let folder = dir.join(&name);
        if name.starts_with('.') {
            continue;
        }
        if !folder.is_dir() || !folder.join(ELECTION_FILE).is_file() {
            errors.push(file_problem(
                &folder,
                format!("`{name}` is not an election folder"),
                &format!("each election is a folder holding {ELECTION_FILE}: elections/<slug>/{ELECTION_FILE}"),
            ));
            continue;
        }
        if !is_slug(&name) {
            errors.push(file_problem(
                &folder,
                format!("the folder name `{name}` is not a valid slug; it becomes the election's address"),
                &format!("rename it to `{}`", reader::slugify(&name)),
            ));
            continue;
        }
        if let Some(loaded) = collect(load_election(&folder), errors) {
            elections.push(ElectionEntry { slug: name, loaded });
        }
    }
    elections.sort_by(|a, b| {
        b.loaded
            .election
            .date
            .cmp(&a.loaded.election.date)
            .then(a.slug.cmp(&b.slug))
    });
    elections
}

/// A Markdown file split into its front matter and body.
struct Document<'t> {
    file: PathBuf,
    slug: String,
    front: &'t str,
    body: &'t str,
}

/// Reads every `<slug>.md` in a folder (which may be absent).
fn load_documents<T>(
    dir: &FsPath,
    read: fn(&Document, &Node, &mut Problems) -> Option<T>,
    errors: &mut Vec<Diagnostic>,
) -> Vec<T> {
    let mut items = Vec::new();
    let mut files: Vec<PathBuf> = WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .filter(|p| {
            !p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        })
        .collect();
    files.sort();
    for file in files {
        let Some(text) = collect(read_text(&file), errors) else {
            continue;
        };
        let Some(document) = collect(split(&file, dir, &text), errors) else {
            continue;
        };
        let result = read_yaml(&file, document.front, 1, &text, |node, problems| {
            read(&document, node, problems)
        });
        items.extend(collect(result, errors));
    }
    items
}

fn split<'t>(file: &FsPath, dir: &FsPath, text: &'t str) -> Result<Document<'t>, Vec<Diagnostic>> {
    let relative = file.strip_prefix(dir).unwrap_or(file);
    let slug = relative.with_extension("").to_string_lossy().into_owned();
    if relative.extension().is_none_or(|e| e != "md") || relative.components().count() != 1 {
        return Err(vec![file_problem(
            file,
            "only Markdown files (`<slug>.md`) belong here, with no subfolders".into(),
            "move or rename the file",
        )]);
    }
    if !is_slug(&slug) {
        return Err(vec![file_problem(
            file,
            format!("the file name `{slug}` is not a valid slug; it becomes the page's address"),
            &format!("rename it to `{}.md`", reader::slugify(&slug)),
        )]);
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let no_front_matter = || {
        vec![file_problem(
            file,
            "no front matter: the file must start with a `---` line, the fields, and another `---` line".into(),
            "put `---`, then `title: ...` (and the other fields), then `---` above the text",
        )]
    };
    let after_open = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
        .ok_or_else(no_front_matter)?;
    let mut offset = 0;
    for line in after_open.split_inclusive('\n') {
        if line.trim_end() == "---" {
            return Ok(Document {
                file: file.to_path_buf(),
                slug,
                front: &after_open[..offset],
                body: &after_open[offset + line.len()..],
            });
        }
        offset += line.len();
    }
    Err(vec![Diagnostic {
        source_line: line_of(text, 1),
        ..file_problem(
            file,
            "the front matter is never closed".into(),
            "end the fields with a line holding only `---`",
        )
    }])
}

fn read_person(document: &Document, node: &Node, problems: &mut Problems) -> Option<Person> {
    let mut fields = Fields::of(node, &Path::root(), "a profile's front matter", problems)?;
    let name = required(
        &mut fields,
        "name",
        "add `name:` with the person's name",
        problems,
    );
    let role = optional(&mut fields, "role", problems);
    let photo = optional(&mut fields, "photo", problems);
    let links = fields
        .optional("links")
        .map(|(node, path)| read_links(node, &path, problems));
    fields.finish(&["name", "role", "photo", "links"], problems);
    Some(Person {
        slug: PersonId::new(&document.slug)?,
        name: name?,
        role: role.ok()?,
        photo: photo.ok()?,
        links: links.map_or(Some(Vec::new()), |l| l)?,
        body: document.body.to_owned(),
    })
}

fn read_links(node: &Node, path: &Path, problems: &mut Problems) -> Option<Vec<Link>> {
    let items = reader::list(node, path, "links", problems)?;
    let mut links = Vec::new();
    for (item, item_path) in items {
        let Some(mut fields) = Fields::of(item, &item_path, "a link", problems) else {
            continue;
        };
        let title = required(
            &mut fields,
            "title",
            "add `title:` with the link text",
            problems,
        );
        let url = fields
            .required("url", "add `url:` with the address", problems)
            .and_then(|(node, path)| reader::url(node, &path, problems));
        fields.finish(&["title", "url"], problems);
        if let (Some(title), Some(url)) = (title, url) {
            links.push(Link { title, url });
        }
    }
    Some(links)
}

fn read_news(document: &Document, node: &Node, problems: &mut Problems) -> Option<NewsItem> {
    let mut fields = Fields::of(node, &Path::root(), "a news item's front matter", problems)?;
    let title = required(
        &mut fields,
        "title",
        "add `title:` with the headline",
        problems,
    );
    let date = fields
        .required(
            "date",
            "add `date: YYYY-MM-DD`, the publication date",
            problems,
        )
        .and_then(|(node, path)| reader::date(node, &path, problems));
    let summary = required(
        &mut fields,
        "summary",
        "add `summary:` with one sentence for the news list",
        problems,
    );
    let source = fields
        .optional("source")
        .map(|(node, path)| read_source(node, &path, problems));
    let elections = fields
        .optional("elections")
        .map(|(node, path)| reader::slugs(node, &path, "election slugs", problems));
    let people = fields
        .optional("people")
        .map(|(node, path)| reader::slugs(node, &path, "person slugs", problems));
    fields.finish(
        &["title", "date", "summary", "source", "elections", "people"],
        problems,
    );
    Some(NewsItem {
        slug: document.slug.clone(),
        title: title?,
        date: date?,
        summary: summary?,
        source: source.map_or(Some(None), |s| s.map(Some))?,
        elections: elections.map_or(Some(Vec::new()), |e| e)?,
        people: people
            .map_or(Some(Vec::new()), |p| p)?
            .iter()
            .filter_map(|p| PersonId::new(p))
            .collect(),
        body: document.body.to_owned(),
    })
}

fn read_source(node: &Node, path: &Path, problems: &mut Problems) -> Option<NewsSource> {
    let mut fields = Fields::of(node, path, "a source (`{name: ..., url: ...}`)", problems)?;
    let name = required(
        &mut fields,
        "name",
        "add `name:` with the publication's name",
        problems,
    );
    let url = fields
        .optional("url")
        .map(|(node, path)| reader::url(node, &path, problems));
    fields.finish(&["name", "url"], problems);
    Some(NewsSource {
        name: name?,
        url: url.map_or(Some(None), |u| u.map(Some))?,
    })
}

fn read_page(document: &Document, node: &Node, problems: &mut Problems) -> Option<Page> {
    let mut fields = Fields::of(node, &Path::root(), "a page's front matter", problems)?;
    let title = required(
        &mut fields,
        "title",
        "add `title:` with the page's title",
        problems,
    );
    let description = optional(&mut fields, "description", problems);
    fields.finish(&["title", "description"], problems);
    if RESERVED.contains(&document.slug.as_str()) {
        problems.value(
            &Path::root(),
            format!(
                "a page cannot be called `{}`: that address is used by psephos",
                document.slug
            ),
            format!("rename {} to something else", document.file.display()),
        );
        return None;
    }
    Some(Page {
        slug: document.slug.clone(),
        title: title?,
        description: description.ok()?,
        body: document.body.to_owned(),
    })
}

/// Ids that point from one file to another must lead somewhere.
fn check_references(site: &Site) -> Result<(), Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let people: Vec<&str> = site.people.iter().map(|p| p.slug.as_str()).collect();
    for entry in &site.elections {
        let loaded = &entry.loaded;
        for (i, candidate) in loaded.election.candidates.iter().enumerate() {
            let Some(person) = &candidate.person else {
                continue;
            };
            if site.person(person).is_none() {
                let path = Path::root().key("candidates").index(i).key("person");
                errors.push(loaded.problem_at(
                    &path,
                    format!("there is no profile `content/people/{person}.md`"),
                    match reader::closest(person.as_str(), &people) {
                        Some(near) => format!("did you mean `{near}`?"),
                        None => format!("write content/people/{person}.md, or remove `person`"),
                    },
                ));
            }
        }
    }
    let elections: Vec<&str> = site.elections.iter().map(|e| e.slug.as_str()).collect();
    for item in &site.news {
        let file = PathBuf::from("content/news").join(format!("{}.md", item.slug));
        for slug in &item.elections {
            if site.election(slug).is_none() {
                errors.push(reference_problem(&file, "election", slug, &elections));
            }
        }
        for person in &item.people {
            if site.person(person).is_none() {
                errors.push(reference_problem(&file, "person", person.as_str(), &people));
            }
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

fn reference_problem(file: &FsPath, what: &str, slug: &str, known: &[&str]) -> Diagnostic {
    let help = match reader::closest(slug, known) {
        Some(near) => format!("did you mean `{near}`?"),
        None if known.is_empty() => format!("there are no {what} pages on this site; remove it"),
        None => format!("use one of: {}", known.join(", ")),
    };
    file_problem(file, format!("no {what} has the slug `{slug}`"), &help)
}
