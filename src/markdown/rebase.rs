//! Relative links in a body shown on a page other than its own: a profile is
//! written for the person's page, and shown again on each candidacy's page,
//! deeper in the site. Its relative links are rewritten there so that they
//! lead where they do on its own page.

use pulldown_cmark::{CowStr, Event};

use super::with_destination;

/// Moving a body from the page in one folder to the page in another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rebase {
    /// The folder of the body's own page, from the site's top folder, as
    /// `people/x/`.
    from: Vec<String>,
    /// How deep the page showing it is: the `../` that lead back to the top.
    to_depth: usize,
}

impl Rebase {
    /// From the page in folder `from` to the page in folder `to`, each as
    /// `elections/x/` ("" for the top folder).
    pub fn new(from: &str, to: &str) -> Self {
        Rebase {
            from: from
                .split('/')
                .filter(|part| !part.is_empty())
                .map(str::to_owned)
                .collect(),
            to_depth: to.split('/').filter(|part| !part.is_empty()).count(),
        }
    }

    /// `url` as the other page must write it, when it is a relative link
    /// with a path; None for any other (a scheme, `/` or `//` at the start,
    /// only a `?query` or `#fragment`, or nothing), which needs no change.
    fn url(&self, url: &str) -> Option<String> {
        let path_end = url.find(['?', '#']).unwrap_or(url.len());
        let (path, rest) = url.split_at(path_end);
        if path.is_empty() || path.starts_with('/') || has_scheme(path) {
            return None;
        }
        let mut parts: Vec<&str> = self.from.iter().map(String::as_str).collect();
        let mut climbs = 0;
        let segments: Vec<&str> = path.split('/').collect();
        for segment in &segments {
            match *segment {
                "" | "." => {}
                ".." => {
                    if parts.pop().is_none() {
                        climbs += 1;
                    }
                }
                part => parts.push(part),
            }
        }
        let folder = matches!(segments.last(), Some(&("" | "." | "..")));
        let mut rebased = "../".repeat(self.to_depth + climbs);
        rebased += &parts.join("/");
        if folder && !parts.is_empty() {
            rebased.push('/');
        }
        if rebased.is_empty() {
            rebased.push_str("./");
        }
        Some(rebased + rest)
    }

    /// The event, with the address of a link or image rebased.
    pub(super) fn event<'a>(&self, event: Event<'a>) -> Event<'a> {
        with_destination(event, |url| self.cow(url))
    }

    fn cow<'a>(&self, url: CowStr<'a>) -> CowStr<'a> {
        self.url(&url).map_or(url, CowStr::from)
    }
}

/// Whether `path` starts with a scheme, as `mailto:` (a colon after a
/// slash is part of the path).
fn has_scheme(path: &str) -> bool {
    path.split_once(':').is_some_and(|(scheme, _)| {
        scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn moved(url: &str) -> Option<String> {
        Rebase::new("people/ann/", "elections/e/candidates/ann/").url(url)
    }

    #[test]
    fn relative_links_are_rewritten_from_the_other_page() {
        let cases = [
            ("../../about/", "../../../../about/"),
            ("../../about", "../../../../about"),
            (
                "../../news/x/index.html?a=1&b=2#top",
                "../../../../news/x/index.html?a=1&b=2#top",
            ),
            ("photo.png", "../../../../people/ann/photo.png"),
            ("./", "../../../../people/ann/"),
            (".", "../../../../people/ann/"),
            ("..", "../../../../people/"),
            ("../../", "../../../../"),
            ("../bob/./index.html", "../../../../people/bob/index.html"),
            ("a/b:c", "../../../../people/ann/a/b:c"),
            // Climbing above the top stays above it.
            ("../../../up/", "../../../../../up/"),
        ];
        for (url, expected) in cases {
            assert_eq!(moved(url).as_deref(), Some(expected), "{url}");
        }
    }

    #[test]
    fn other_links_are_left_alone() {
        for url in [
            "",
            "#section",
            "?q=1",
            "/about/",
            "//cdn.example/x.png",
            "https://example.org/../x",
            "mailto:a@b.c",
            "tel:+441234",
        ] {
            assert_eq!(moved(url), None, "{url}");
        }
    }

    #[test]
    fn a_page_in_the_top_folder_needs_no_climb() {
        let rebase = Rebase::new("people/ann/", "");
        assert_eq!(rebase.url("../../").as_deref(), Some("./"));
        assert_eq!(rebase.url("../../a/").as_deref(), Some("a/"));
        assert_eq!(
            Rebase::new("", "news/x/").url("a.png").as_deref(),
            Some("../../a.png")
        );
    }
}
