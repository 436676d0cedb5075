//! The links a build breaks by leaving news items out, found page by page
//! as the pages are made: a build checks no other link (`check` does), but
//! these it broke itself, and says so.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::Path;

use crate::content::LeftOut;
use crate::diagnostic::Diagnostic;
use crate::site::Output;

use super::located::{BrokenLink, diagnostics};
use super::resolve::{attribute_values_where, file_of, internal};
use super::{page_of, static_files};

/// Finds, in one page at a time, the links to news items left out.
pub struct LeftOutLinks<'a> {
    site_dir: &'a Path,
    base_url: Option<&'a str>,
    /// The page each item left out would have.
    pages: HashMap<String, &'a LeftOut>,
    /// The items' slugs, to pass over most links without resolving them.
    slugs: HashSet<&'a [u8]>,
    /// The static files: one at an item's address is there all the same.
    /// (No page, feed or data file can be: the news pages are the items'.)
    statics: HashSet<String>,
}

impl<'a> LeftOutLinks<'a> {
    pub fn new(site_dir: &'a Path, base_url: Option<&'a str>, left_out: &'a [LeftOut]) -> Self {
        let statics = if left_out.is_empty() {
            HashSet::new()
        } else {
            static_files(&site_dir.join("static")).into_iter().collect()
        };
        LeftOutLinks {
            site_dir,
            base_url,
            pages: left_out
                .iter()
                .map(|l| (page_of(&l.item.slug), l))
                .collect(),
            slugs: left_out.iter().map(|l| l.item.slug.as_bytes()).collect(),
            statics,
        }
    }

    /// The links from `output` to news items left out, as warnings, in the
    /// order `check` reports them: by link, then where each is written.
    pub fn warnings(&self, output: &Output) -> Vec<Diagnostic> {
        if self.pages.is_empty() || !output.path.ends_with(".html") {
            return Vec::new();
        }
        let mut links = BTreeSet::new();
        for attribute in ["href", "src"] {
            self.links_in(&output.contents, attribute, &mut links);
        }
        let mut found = Vec::new();
        for link in &links {
            let Some(target) = internal(link, self.base_url) else {
                continue;
            };
            let Some(file) = file_of(&output.path, &target) else {
                continue;
            };
            let Some(left) = self.pages.get(&file) else {
                continue;
            };
            if self.statics.contains(&file) {
                continue;
            }
            let problem = format!("the site has no file {file}");
            found.extend(diagnostics(
                self.site_dir,
                output,
                &BrokenLink {
                    link,
                    problem: &problem,
                    left: Some(left),
                },
            ));
        }
        found
    }
}

impl LeftOutLinks<'_> {
    /// Adds to `links` the values of `attribute` in `html`'s tags (decoded,
    /// as `check` reads them) that might lead to an item left out: those
    /// whose last part is one's slug, or that hold an entity. Most pages
    /// have none, and every page is read.
    fn links_in(&self, html: &[u8], attribute: &str, links: &mut BTreeSet<String>) {
        attribute_values_where(
            html,
            attribute,
            |raw| raw.contains(&b'&') || self.slugs.contains(last_part(raw)),
            |link| {
                links.insert(link);
            },
        );
    }
}

/// The last part of a link's path, less any `index.html`: the slug when it
/// leads to a news item's page.
fn last_part(link: &[u8]) -> &[u8] {
    let path = link
        .split(|&b| b == b'#' || b == b'?')
        .next()
        .unwrap_or(b"");
    let path = path.strip_suffix(b"index.html").unwrap_or(path);
    let path = path.strip_suffix(b"/").unwrap_or(path);
    path.rsplit(|&b| b == b'/').next().unwrap_or(path)
}

#[cfg(test)]
mod tests {
    use super::last_part;

    #[test]
    fn the_last_part_of_a_link_is_its_slug() {
        for link in [
            "soon",
            "news/soon/",
            "../news/soon/index.html#top",
            "https://x.example/news/soon/?a=b",
            "/news/soon",
        ] {
            assert_eq!(last_part(link.as_bytes()), b"soon", "{link}");
        }
        assert_eq!(last_part(b"news/soon.html"), b"soon.html");
    }
}
