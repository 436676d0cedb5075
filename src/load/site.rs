//! Loading a whole site folder: `content/site.yaml`, every election, and the
//! Markdown documents (people, news, pages) with their YAML front matter.
//! Every problem in every file is collected before giving up.

use std::fs;
use std::path::{Path as FsPath, PathBuf};

use walkdir::WalkDir;

use super::reader::{self, Fields, Problems};
use super::{
    ELECTION_FILE, Source, diagnostics, load_election_source, misreadings, syntax_diagnostic, text,
    with_misreadings,
};
use crate::content::{
    ElectionEntry, Link, NewsItem, NewsSource, Page, Person, Site, SiteConfig, news_order,
};
use crate::diagnostic::{Diagnostic, line_of, location_at};
use crate::markdown;
use crate::model::{PersonId, is_slug};
use crate::site_files::{is_junk, is_junk_path, links_leaving};
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
    let mut links = links_leaving(site_dir, &content);
    links.extend(links_leaving(site_dir, &site_dir.join("static")));
    if !links.is_empty() {
        return Err(links);
    }
    let mut errors = Vec::new();
    check_entries(&content, &mut errors);
    let config = collect(load_config(&content.join("site.yaml")), &mut errors);
    let (elections, sources) = load_elections(&content.join("elections"), &mut errors);
    let static_dir = site_dir.join("static");
    let people = load_documents(
        &content.join("people"),
        &static_dir,
        read_person,
        &mut errors,
    );
    // From the folders, not from what loaded: an election with a typo in it
    // still exists, and saying otherwise in every news item would bury the typo.
    let known = Known {
        elections: slugs_in(&content.join("elections"), |name| {
            content
                .join("elections")
                .join(name)
                .join(ELECTION_FILE)
                .exists()
        }),
        people: slugs_in(&content.join("people"), |name| name.ends_with(".md"))
            .into_iter()
            .map(|name| name.trim_end_matches(".md").to_owned())
            .collect(),
    };
    let mut news = load_documents(
        &content.join("news"),
        &static_dir,
        |document, node, problems| read_news(document, node, problems, &known),
        &mut errors,
    );
    let pages = load_documents(&content.join("pages"), &static_dir, read_page, &mut errors);
    news.sort_by(news_order);
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
    check_references(&site, &sources)?;
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
        if !CONTENT_ENTRIES.contains(&name.as_str()) {
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
        let base_url = fields
            .optional("base_url")
            .map(|(node, path)| read_base_url(node, &path, problems));
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

/// The address the site is published at, ending in `/`: every page's
/// address is made by adding to it, so it cannot hold a query or fragment.
fn read_base_url(node: &Node, path: &Path, problems: &mut Problems) -> Option<String> {
    let url = reader::url(node, path, problems)?;
    if url.contains(['?', '#']) || url.chars().any(char::is_whitespace) {
        problems.value(
            path,
            format!("`{url}` cannot be the start of every page's address"),
            "give the site's address alone, such as https://results.example.org/ (no `?`, `#` or spaces)",
        );
        return None;
    }
    Some(format!("{}/", url.trim_end_matches('/')))
}

fn read_language(node: &Node, path: &Path, problems: &mut Problems) -> Option<String> {
    let tag = reader::text(node, path, problems)?;
    let valid = tag.split('-').all(|part| {
        (1..=8).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_alphanumeric())
    });
    if !valid {
        problems.value(
            path,
            format!("`{tag}` is not a language tag"),
            "use a tag like en-GB",
        );
        return None;
    }
    // Every word psephos writes is English: any other tag would tell screen
    // readers to pronounce English text as another language.
    if !tag.eq_ignore_ascii_case("en") && !tag.to_ascii_lowercase().starts_with("en-") {
        problems.value(
            path,
            format!("psephos writes its pages in English, so they cannot be marked as `{tag}`"),
            "use `en-GB` (or leave `language` out) until psephos can write pages in other languages",
        );
        return None;
    }
    Some(tag)
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
    let misread = misreadings(file, whole, line_offset);
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
fn load_elections(
    dir: &FsPath,
    errors: &mut Vec<Diagnostic>,
) -> (Vec<ElectionEntry>, Vec<Source>) {
    let mut elections = Vec::new();
    for name in sorted_entries(dir) {
        let folder = dir.join(&name);
        if !folder.is_dir() || !folder.join(ELECTION_FILE).exists() {
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
        if let Some((loaded, source)) = collect(load_election_source(&folder), errors) {
            elections.push((ElectionEntry { slug: name, loaded }, source));
        }
    }
    elections.sort_by(|(a, _), (b, _)| {
        b.loaded
            .election
            .date
            .cmp(&a.loaded.election.date)
            .then(a.slug.cmp(&b.slug))
    });
    elections.into_iter().unzip()
}

/// A Markdown file split into its front matter and body.
struct Document<'t> {
    file: PathBuf,
    slug: String,
    /// The site's `static/` folder, where files such as photos live.
    static_dir: &'t FsPath,
    front: &'t str,
    body: &'t str,
}

/// Reads every `<slug>.md` in a folder (which may be absent).
fn load_documents<T>(
    dir: &FsPath,
    static_dir: &FsPath,
    read: impl Fn(&Document, &Node, &mut Problems) -> Option<T>,
    errors: &mut Vec<Diagnostic>,
) -> Vec<T> {
    let mut items = Vec::new();
    // Links have been checked to stay inside the site, so they are followed.
    let mut files: Vec<PathBuf> = WalkDir::new(dir)
        .min_depth(1)
        .follow_links(true)
        .into_iter()
        .filter_map(Result::ok)
        // Pipes and devices are kept, so that reading them says what they are.
        .filter(|e| !e.file_type().is_dir())
        .map(|e| e.into_path())
        .filter(|p| {
            !is_junk_path(p)
                && !p
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        })
        .collect();
    files.sort();
    for file in files {
        let Some(text) = collect(read_text(&file), errors) else {
            continue;
        };
        let Some(document) = collect(split(&file, dir, static_dir, &text), errors) else {
            continue;
        };
        errors.extend(body_problems(&document, &text));
        let result = read_yaml(&file, document.front, 1, &text, |node, problems| {
            read(&document, node, problems)
        });
        items.extend(collect(result, errors));
    }
    items
}

/// What the Markdown body would lose on the page (see [`markdown::check`]),
/// located in the whole file.
fn body_problems(document: &Document, text: &str) -> Vec<Diagnostic> {
    // The body is the tail of the file.
    let body_start = text.len() - document.body.len();
    markdown::check(document.body)
        .into_iter()
        .map(|problem| {
            let location = location_at(text, body_start + problem.offset);
            Diagnostic {
                file: document.file.clone(),
                location,
                field: None,
                message: problem.message,
                help: Some(problem.help),
                source_line: line_of(text, location.line),
            }
        })
        .collect()
}

fn split<'t>(
    file: &FsPath,
    dir: &FsPath,
    static_dir: &'t FsPath,
    text: &'t str,
) -> Result<Document<'t>, Vec<Diagnostic>> {
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
        .or_else(|| text.strip_prefix("---\r"))
        .ok_or_else(no_front_matter)?;
    let mut offset = 0;
    for line in crate::diagnostic::lines_with_ends(after_open) {
        if line.trim_end() == "---" {
            return Ok(Document {
                file: file.to_path_buf(),
                slug,
                static_dir,
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
    let photo = fields
        .optional("photo")
        .map(|(node, path)| read_photo(node, &path, document.static_dir, problems));
    let links = fields
        .optional("links")
        .map(|(node, path)| read_links(node, &path, problems));
    fields.finish(&["name", "role", "photo", "links"], problems);
    Some(Person {
        slug: PersonId::new(&document.slug)?,
        name: name?,
        role: role.ok()?,
        photo: photo.map_or(Some(None), |p| p.map(Some))?,
        links: links.map_or(Some(Vec::new()), |l| l)?,
        body: document.body.to_owned(),
    })
}

/// A photo is a web address or a file in `static/`; nothing else can reach
/// an `<img src>` (a `javascript:` or `data:` address least of all).
fn read_photo(
    node: &Node,
    path: &Path,
    static_dir: &FsPath,
    problems: &mut Problems,
) -> Option<String> {
    let photo = reader::text(node, path, problems)?;
    if photo.starts_with("https://") || photo.starts_with("http://") {
        return Some(photo);
    }
    let file = photo.trim_start_matches('/');
    // A colon would make the address a scheme (`javascript:`, `data:`), and
    // `..` or a backslash could leave `static/`.
    let plain = !file.is_empty()
        && !file.contains([':', '\\', '?', '#'])
        && !file.chars().any(|c| c.is_whitespace() || c.is_control())
        && file.split('/').all(|part| !part.is_empty() && part != "..");
    if !plain {
        problems.value(
            path,
            format!("`{photo}` is neither a web address nor a file in static/"),
            "give a file in static/, as `img/palmer.jpg`, or a full address starting with https://",
        );
        None
    } else if !static_dir.join(file).is_file() {
        problems.value(
            path,
            format!("there is no file static/{file}"),
            "put the photo in the site's static/ folder, or give a full address starting with https://",
        );
        None
    } else {
        Some(photo)
    }
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

/// The slugs that documents may refer to.
struct Known {
    elections: Vec<String>,
    people: Vec<String>,
}

fn read_news(
    document: &Document,
    node: &Node,
    problems: &mut Problems,
    known: &Known,
) -> Option<NewsItem> {
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
            "add `date: YYYY-MM-DD`, the publication date, or `date: YYYY-MM-DDTHH:MM` with the UK time",
            problems,
        )
        .and_then(|(node, path)| reader::moment(node, &path, problems));
    let draft = fields
        .optional("draft")
        .map_or(Some(false), |(node, path)| read_flag(node, &path, problems));
    let summary = required(
        &mut fields,
        "summary",
        "add `summary:` with one sentence for the news list",
        problems,
    );
    let source = fields
        .optional("source")
        .map(|(node, path)| read_source(node, &path, problems));
    let elections = fields.optional("elections").map(|(node, path)| {
        let slugs = reader::slugs(node, &path, "election slugs", problems)?;
        references(&slugs, &path, "election", &known.elections, problems)
    });
    let people = fields.optional("people").map(|(node, path)| {
        let slugs = reader::slugs(node, &path, "person slugs", problems)?;
        references(&slugs, &path, "person", &known.people, problems)
    });
    fields.finish(
        &[
            "title",
            "date",
            "draft",
            "summary",
            "source",
            "elections",
            "people",
        ],
        problems,
    );
    Some(NewsItem {
        slug: document.slug.clone(),
        title: title?,
        date: date?,
        draft: draft?,
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

/// `true` or `false`, as YAML writes them.
fn read_flag(node: &Node, path: &Path, problems: &mut Problems) -> Option<bool> {
    match node {
        Node::Bool(flag) => Some(*flag),
        other => {
            let found = match other {
                Node::Str(text) => format!("`{text}`"),
                _ => other.kind().to_owned(),
            };
            problems.value(
                path,
                format!("expected true or false, found {found}"),
                "write `draft: true` to keep the item unpublished, or `draft: false` (or leave it out) to publish it",
            );
            None
        }
    }
}

/// Slugs that must each name something on the site.
fn references(
    slugs: &[String],
    path: &Path,
    what: &str,
    known: &[String],
    problems: &mut Problems,
) -> Option<Vec<String>> {
    let known: Vec<&str> = known.iter().map(String::as_str).collect();
    let mut all_found = true;
    for (i, slug) in slugs.iter().enumerate() {
        if !known.contains(&slug.as_str()) {
            let help = match reader::closest(slug, &known) {
                Some(near) => format!("did you mean `{near}`?"),
                None if known.is_empty() => {
                    format!("there are no {what} pages on this site; remove it")
                }
                None => format!("use one of: {}", known.join(", ")),
            };
            problems.value(
                &path.index(i),
                format!("no {what} has the slug `{slug}`"),
                help,
            );
            all_found = false;
        }
    }
    all_found.then(|| slugs.to_vec())
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
fn check_references(site: &Site, sources: &[Source]) -> Result<(), Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let people: Vec<&str> = site.people.iter().map(|p| p.slug.as_str()).collect();
    for (entry, source) in site.elections.iter().zip(sources) {
        let loaded = &entry.loaded;
        for (i, candidate) in loaded.election.candidates.iter().enumerate() {
            let Some(person) = &candidate.person else {
                continue;
            };
            if site.person(person).is_none() {
                let path = Path::root().key("candidates").index(i).key("person");
                errors.push(source.problem_at(
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
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}
