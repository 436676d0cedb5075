//! The news items that name an election or a person (in their `elections:`
//! and `people:`), listed on the election's, the person's and each
//! candidacy's page: newest first, the newest [`SHOWN`] of them, from the
//! lookup's indexes (never a search of all the news per page).

use super::Render;
use super::news_index::{NewsSummary, news_summary};
use super::views::LinkView;
use crate::format::counted;
use crate::site::{Links, folder};

/// How many items a page lists. An archive has thousands of items, and a
/// mayor may be named in hundreds: the list stays a glance, and the rest
/// are in the news archive, year by year.
pub const SHOWN: usize = 10;

/// The items naming something, as a page lists them.
#[derive(Debug, Clone, Default)]
pub struct Mentions {
    /// "News about James Palmer".
    pub heading: String,
    pub items: Vec<NewsSummary>,
    /// When some are left out: "The newest 10 of 34 items."
    pub more: Option<String>,
    /// Where the rest are: the news archive, or a fuller list.
    pub rest: Option<LinkView>,
}

impl Mentions {
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

/// The items `found` (indexes in the site's order, newest first), headed
/// `heading`; the rest, when there are more than [`SHOWN`], at `rest` or
/// else in the news archive.
pub fn mentions(
    site: &Render,
    links: &Links,
    heading: String,
    found: &[usize],
    rest: Option<LinkView>,
) -> Mentions {
    let items = found
        .iter()
        .take(SHOWN)
        .map(|&n| news_summary(&site.news[n], links))
        .collect();
    let capped = found.len() > SHOWN;
    Mentions {
        heading,
        items,
        more: capped.then(|| {
            format!(
                "The newest {SHOWN} of {}.",
                counted(found.len(), "item", "items")
            )
        }),
        rest: rest.or_else(|| {
            capped.then(|| LinkView {
                text: "Every news item, year by year".into(),
                href: links.page(folder::NEWS),
            })
        }),
    }
}
