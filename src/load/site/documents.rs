//! Markdown documents: the front matter split from the body, and the
//! profiles and free pages read from them.

use std::path::{Path as FsPath, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use super::super::reader::{self, Fields, Problems};
use super::{collect, file_problem, optional, read_text, read_yaml, required};
use crate::content::{Link, Page, Person, Photo};
use crate::diagnostic::{Diagnostic, Kind, LineIndex, line_of};
use crate::markdown;
use crate::model::{PersonId, is_slug};
use crate::site_files::is_junk_path;
use crate::yaml::{Node, Path};

/// Page slugs that would clash with generated sections.
const RESERVED: &[&str] = &["elections", "people", "news", "static", "data", "index"];

/// A Markdown file split into its front matter and body.
pub(super) struct Document<'t> {
    pub(super) file: PathBuf,
    pub(super) slug: String,
    /// The site's `static/` folder, where files such as photos live.
    pub(super) static_dir: &'t FsPath,
    pub(super) front: &'t str,
    pub(super) body: &'t str,
}

/// Reads every `<slug>.md` in a folder (which may be absent), several at
/// once; items and problems come in the order of the files' paths, as if
/// read one by one.
pub(super) fn load_documents<T: Send>(
    dir: &FsPath,
    static_dir: &FsPath,
    read: impl Fn(&Document, &Node, &mut Problems) -> Option<T> + Sync,
    errors: &mut Vec<Diagnostic>,
) -> Vec<T> {
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
    let loaded: Vec<(Option<T>, Vec<Diagnostic>)> = files
        .par_iter()
        .map(|file| {
            let mut found = Vec::new();
            let item = load_document(file, dir, static_dir, &read, &mut found);
            (item, found)
        })
        .collect();
    let mut items = Vec::with_capacity(loaded.len());
    for (item, found) in loaded {
        errors.extend(found);
        items.extend(item);
    }
    items
}

/// One document, its problems added to `errors`.
fn load_document<T>(
    file: &FsPath,
    dir: &FsPath,
    static_dir: &FsPath,
    read: impl Fn(&Document, &Node, &mut Problems) -> Option<T>,
    errors: &mut Vec<Diagnostic>,
) -> Option<T> {
    let text = collect(read_text(file), errors)?;
    let document = collect(split(file, dir, static_dir, &text), errors)?;
    errors.extend(body_problems(&document, &text));
    let result = read_yaml(file, document.front, 1, &text, |node, problems| {
        read(&document, node, problems)
    });
    collect(result, errors)
}

/// What the Markdown body would lose on the page (see [`markdown::check`]),
/// located in the whole file.
pub(super) fn body_problems(document: &Document, text: &str) -> Vec<Diagnostic> {
    // The body is the tail of the file.
    let body_start = text.len() - document.body.len();
    let problems = markdown::check(document.body);
    if problems.is_empty() {
        return Vec::new();
    }
    let index = LineIndex::of(text);
    problems
        .into_iter()
        .map(|problem| {
            let location = index.location(body_start + problem.offset);
            Diagnostic {
                kind: Kind::Markdown,
                file: document.file.clone(),
                location,
                field: None,
                message: problem.message,
                help: Some(problem.help),
                source_line: index.line(location.line).map(str::to_owned),
            }
        })
        .collect()
}

pub(super) fn split<'t>(
    file: &FsPath,
    dir: &FsPath,
    static_dir: &'t FsPath,
    text: &'t str,
) -> Result<Document<'t>, Vec<Diagnostic>> {
    let relative = file.strip_prefix(dir).unwrap_or(file);
    let slug = relative.with_extension("").to_string_lossy().into_owned();
    if relative.extension().is_none_or(|e| e != "md") || relative.components().count() != 1 {
        return Err(vec![file_problem(
            Kind::Misplaced,
            file,
            "only Markdown files (`<slug>.md`) belong here, with no subfolders".into(),
            "move or rename the file",
        )]);
    }
    if !is_slug(&slug) {
        return Err(vec![file_problem(
            Kind::InvalidId,
            file,
            format!("the file name `{slug}` is not a valid slug; it becomes the page's address"),
            &format!("rename it to `{}.md`", reader::slugify(&slug)),
        )]);
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let no_front_matter = || {
        vec![file_problem(
            Kind::FrontMatter,
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
            Kind::FrontMatter,
            file,
            "the front matter is never closed".into(),
            "end the fields with a line holding only `---`",
        )
    }])
}

pub(super) fn read_person(
    document: &Document,
    node: &Node,
    problems: &mut Problems,
) -> Option<Person> {
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
        .map(|(node, path)| (read_photo(node, &path, document.static_dir, problems), path));
    let alt = optional(&mut fields, "photo_alt", problems);
    let photo = match (photo, alt) {
        (Some((file, _)), Ok(Some(alt))) => Some(file.map(|(file, (width, height))| Photo {
            file,
            alt,
            width,
            height,
        })),
        (Some((_, path)), Ok(None)) => {
            problems.value(
                Kind::MissingField,
                &path,
                "a photo needs its alt text, `photo_alt:`, for readers who cannot see it",
                "add `photo_alt:` under `photo:`, describing the photo (as `James Palmer, smiling, in a dark suit`)",
            );
            Some(None)
        }
        (_, Err(())) => Some(None),
        (None, _) => None,
    };
    let links = fields
        .optional("links")
        .map(|(node, path)| read_links(node, &path, problems));
    fields.finish(&["name", "role", "photo", "photo_alt", "links"], problems);
    Some(Person {
        slug: PersonId::new(&document.slug)?,
        name: name?,
        role: role.ok()?,
        photo: photo.map_or(Some(None), |p| p.map(Some))?,
        links: links.map_or(Some(Vec::new()), |l| l)?,
        body: document.body.to_owned(),
    })
}

/// A photo is an image file in `static/` that browsers show; nothing else
/// can reach an `<img src>` (a `javascript:` or `data:` address least of
/// all). Not a web address: its size must be read, so that the page does
/// not shift as it loads, and readers' phones should not be sent to another
/// site. Its path from `static/`, and its width and height.
fn read_photo(
    node: &Node,
    path: &Path,
    static_dir: &FsPath,
    problems: &mut Problems,
) -> Option<(String, (usize, usize))> {
    let photo = reader::text(node, path, problems)?;
    if photo.starts_with("https://") || photo.starts_with("http://") {
        problems.value(
            Kind::InvalidAddress,
            path,
            format!("`{photo}` is a web address; a photo must be a file in static/"),
            "save the photo in the site's static/ folder and give its path, as `img/palmer.jpg`: psephos reads its size so that the page does not shift as it loads",
        );
        return None;
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
            Kind::InvalidAddress,
            path,
            format!("`{photo}` is not a file in static/"),
            "give a file in the site's static/ folder, as `img/palmer.jpg`",
        );
        None
    } else if !static_dir.join(file).is_file() {
        problems.value(
            Kind::UnknownReference,
            path,
            format!("there is no file static/{file}"),
            "put the photo in the site's static/ folder, or correct its path",
        );
        None
    } else {
        let size = image_size(&static_dir.join(file)).map_err(|why| {
            problems.value(
                Kind::InvalidValue,
                path,
                format!("static/{file} {why}"),
                "save the photo as JPEG, PNG, WebP or GIF, the formats every browser shows",
            );
        });
        Some((file.to_owned(), size.ok()?))
    }
}

/// The width and height of a photo that browsers show, from its header, or
/// what is wrong with it.
fn image_size(file: &FsPath) -> Result<(usize, usize), String> {
    use imagesize::ImageType;
    let read = |error: imagesize::ImageError| format!("could not be read as an image: {error}");
    let mut header = Vec::new();
    std::io::Read::read_to_end(
        &mut std::io::Read::take(std::fs::File::open(file).map_err(|e| e.to_string())?, 64),
        &mut header,
    )
    .map_err(|e| e.to_string())?;
    match imagesize::image_type(&header).map_err(read)? {
        ImageType::Jpeg | ImageType::Png | ImageType::Webp | ImageType::Gif => {}
        other => {
            return Err(format!(
                "is a {other:?} image, which browsers do not all show"
            ));
        }
    }
    let size = imagesize::size(file).map_err(read)?;
    if size.width == 0 || size.height == 0 {
        return Err("has no width or height".into());
    }
    Ok((size.width, size.height))
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

pub(super) fn read_page(document: &Document, node: &Node, problems: &mut Problems) -> Option<Page> {
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
            Kind::Reserved,
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
