//! News items, and the elections and people they refer to.

use std::collections::HashSet;

use super::super::reader::{self, Fields, Problems};
use super::documents::Document;
use super::required;
use crate::content::{NewsItem, NewsSource};
use crate::diagnostic::Kind;
use crate::model::PersonId;
use crate::site::folder;
use crate::yaml::{Node, Path};

/// The slugs that documents may refer to.
pub(super) struct Known {
    pub(super) elections: Names,
    pub(super) people: Names,
}

/// Slugs in the order their folder lists them (for suggestions), and a set
/// of them: ten thousand news items each looking through a list of every
/// election would make loading grow with the square of the site.
pub(super) struct Names {
    listed: Vec<String>,
    index: HashSet<String>,
}

impl Names {
    pub(super) fn new(listed: Vec<String>) -> Names {
        let index = listed.iter().cloned().collect();
        Names { listed, index }
    }
}

pub(super) fn read_news(
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
    let taken = if document.slug == folder::NEWS_PAGES {
        Some("holds the older pages of the news list")
    } else if folder::is_news_year(&document.slug) {
        Some("is for the news of a year, so a news item's name cannot be digits alone")
    } else {
        None
    };
    if let Some(taken) = taken {
        problems.value(
            Kind::Reserved,
            &Path::root(),
            format!(
                "a news item cannot be called `{}`: news/{}/ {taken}",
                document.slug, document.slug
            ),
            format!("rename {} to something else", document.file.display()),
        );
    }
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
                Kind::WrongType,
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
    names: &Names,
    problems: &mut Problems,
) -> Option<Vec<String>> {
    let mut all_found = true;
    for (i, slug) in slugs.iter().enumerate() {
        if !names.index.contains(slug) {
            let known: Vec<&str> = names.listed.iter().map(String::as_str).collect();
            let help = match reader::closest(slug, &known) {
                Some(near) => format!("did you mean `{near}`?"),
                None if known.is_empty() => {
                    format!("there are no {what} pages on this site; remove it")
                }
                None => format!("use one of: {}", known.join(", ")),
            };
            problems.value(
                Kind::UnknownReference,
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
