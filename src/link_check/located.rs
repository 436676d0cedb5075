//! Saying where a broken link was written: in a Markdown file, at the line
//! and column the renderer recorded for it; else in the built page, which
//! makes it a fault in psephos itself.

use std::fs;
use std::path::{Path, PathBuf};

use crate::content::{LeftOut, Withheld};
use crate::diagnostic::{Diagnostic, Kind, LineIndex};
use crate::site::Output;
use crate::yaml::Location;

use super::resolve::unescape;

/// A broken link, for [`diagnostics`].
pub(super) struct BrokenLink<'a> {
    pub link: &'a str,
    pub problem: &'a str,
    pub left: Option<&'a LeftOut>,
}

/// The problems of a broken link on `page`: one for each place its Markdown
/// file writes it, or one for the built page when it came from no Markdown.
pub(super) fn diagnostics(site_dir: &Path, page: &Output, broken: &BrokenLink) -> Vec<Diagnostic> {
    let left = broken.left.map(left_out_wording);
    let problem = left
        .as_ref()
        .map_or(broken.problem, |(why, _)| why.as_str());
    let written = written_at(site_dir, page, broken.link);
    if written.is_empty() {
        return vec![Diagnostic {
            kind: Kind::BrokenLink,
            file: PathBuf::from(&page.path),
            location: Location::START,
            field: None,
            message: format!("broken link `{}` in the built page: {problem}", broken.link),
            help: Some(left.map_or_else(
                || "this page is made by psephos itself; please report it as a bug".into(),
                |(_, help)| help,
            )),
            source_line: None,
        }];
    }
    // A body shown on a page other than its own names that page too.
    let elsewhere = page.markdown.as_ref().is_some_and(|m| m.elsewhere);
    let (shown_on, relative_to) = if elsewhere {
        (
            format!(" as shown on {}", page.path),
            "the address of the file's own page, wherever its text is shown",
        )
    } else {
        (String::new(), "this page's address")
    };
    written
        .into_iter()
        .map(|(file, location, source_line, link)| Diagnostic {
            kind: Kind::BrokenLink,
            file,
            location,
            field: None,
            message: format!("broken link `{link}`{shown_on}: {problem}"),
            help: Some(left.as_ref().map_or_else(
                || format!("links between pages are relative to {relative_to}, as `../../news/index.html`"),
                |(_, help)| help.clone(),
            )),
            source_line,
        })
        .collect()
}

/// Each place the Markdown file whose body `page` shows writes `link`, with
/// the link as written for the file's own page.
fn written_at(
    site_dir: &Path,
    page: &Output,
    link: &str,
) -> Vec<(PathBuf, Location, Option<String>, String)> {
    let Some(markdown) = &page.markdown else {
        return Vec::new();
    };
    let file = site_dir.join(&markdown.file);
    let Ok(text) = fs::read_to_string(&file) else {
        return Vec::new();
    };
    // The body is the tail of its file.
    let Some(body_start) = text.len().checked_sub(markdown.body_len) else {
        return Vec::new();
    };
    let index = LineIndex::of(&text);
    markdown
        .links
        .iter()
        .filter(|written| unescape(&written.href) == link)
        .filter_map(|written| {
            let offset = body_start + written.offset;
            text.is_char_boundary(offset).then(|| {
                let location = index.location(offset);
                let line = index.line(location.line).map(str::to_owned);
                (file.clone(), location, line, unescape(&written.own_href))
            })
        })
        .collect()
}

/// Why a link to a news item left out of the build is broken, and what to
/// do: the message ends the link's own, and the help replaces it.
fn left_out_wording(left: &LeftOut) -> (String, String) {
    let slug = &left.item.slug;
    match left.why {
        Withheld::Draft => (
            format!("the news item `{slug}` is a draft (`draft: true`), so it is not published"),
            format!(
                "remove `draft: true` from content/news/{slug}.md to publish it, or remove this link until it is published"
            ),
        ),
        Withheld::Future => (
            format!(
                "the news item `{slug}` is dated {}, in the future, so it is not published yet",
                left.item.date.long()
            ),
            "run `psephos build --future` to publish items dated in the future (`psephos serve` always shows them), or remove this link until the item is published".into(),
        ),
    }
}
