//! The news index and the news of each year: newest first, `PER_PAGE` items
//! a page, so that an archive of thousands of items is a list a reader can
//! page through, or go straight to a year of.

use std::collections::BTreeMap;

use askama::Template;

use super::Render;
use super::layout::{Current, Layout, PageMeta, Section, home_crumb, layout};
use super::views::LinkView;
use crate::content::{NewsItem, Site};
use crate::format::{counted, thousands};
use crate::site::{Links, folder};
use crate::time::Moment;

/// For `<time datetime>`: the date alone when no time was given (the item
/// is of that day, not of its first second), else the exact instant.
pub(super) fn datetime(moment: Moment) -> String {
    match moment.time {
        None => moment.date.to_string(),
        Some(_) => moment.rfc3339(),
    }
}

#[derive(Debug, Clone)]
pub struct NewsSummary {
    pub link: LinkView,
    pub date: String,
    pub datetime: String,
    pub summary: String,
}

pub(super) fn news_summary(item: &NewsItem, links: &Links) -> NewsSummary {
    NewsSummary {
        link: LinkView {
            text: item.title.clone(),
            href: links.page(&folder::news(&item.slug)),
        },
        date: item.date.long(),
        datetime: datetime(item.date),
        summary: item.summary.clone(),
    }
}

/// Items on each page of the index.
pub const PER_PAGE: usize = 50;

#[derive(Template)]
#[template(path = "news_index.html")]
pub struct NewsIndexPage {
    pub layout: Layout,
    pub items: Vec<NewsSummary>,
    /// "Page 2 of 5", when there is more than one.
    pub position: Option<String>,
    pub newer: Option<LinkView>,
    pub older: Option<LinkView>,
    /// Every year with news, newest first: the way into the archive.
    pub years: Vec<YearLink>,
}

/// A year in the list of years, with how many items it has.
#[derive(Debug, Clone)]
pub struct YearLink {
    pub link: LinkView,
    /// "120 items".
    pub count: String,
    /// This page is that year's first page (`Page`) or a later one.
    pub current: Current,
}

/// Which list a page of news belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NewsList {
    All,
    Year(i32),
}

impl NewsList {
    fn folder(self, page: usize) -> String {
        match self {
            NewsList::All => folder::news_index(page),
            NewsList::Year(year) => folder::news_year(year, page),
        }
    }
}

/// The year an item is filed under: that of the date it is written with.
pub fn year_of(item: &NewsItem) -> i32 {
    i32::from(item.date.date.year)
}

/// A news item's year, leading to that year's news.
pub fn news_year_crumb(item: &NewsItem, links: &Links) -> LinkView {
    let year = year_of(item);
    LinkView {
        text: year.to_string(),
        href: links.page(&folder::news_year(year, 1)),
    }
}

/// Every year with news, newest first, with how many items each has.
pub fn news_years(site: &Site) -> Vec<(i32, usize)> {
    let mut years: BTreeMap<i32, usize> = BTreeMap::new();
    for item in &site.news {
        *years.entry(year_of(item)).or_default() += 1;
    }
    years.into_iter().rev().collect()
}

/// "Page 2 of 1,204", when there is more than one page.
fn position(page: usize, pages: usize) -> Option<String> {
    (pages > 1).then(|| {
        format!(
            "Page {} of {}",
            thousands(page as u64),
            thousands(pages as u64)
        )
    })
}

/// How many pages a list of `items` items has: at least one.
pub fn pages_for(items: usize) -> usize {
    items.div_ceil(PER_PAGE).max(1)
}

/// How many pages the index has: at least one, when there is any news.
pub fn page_count(site: &Render) -> usize {
    pages_for(site.news.len())
}

/// Page `page` (from 1) of the index.
pub fn news_index_page(site: &Render, page: usize) -> NewsIndexPage {
    news_list_page(site, NewsList::All, page)
}

/// Page `page` (from 1) of a list of news: the index or a year's.
pub fn news_list_page(site: &Render, list: NewsList, page: usize) -> NewsIndexPage {
    let years = site.news_years();
    let total = match list {
        NewsList::All => site.news.len(),
        NewsList::Year(year) => site.news_of_year(year).len(),
    };
    let pages = pages_for(total);
    let links = Links::new(&list.folder(page), site.config.base_url.as_deref());
    let mut breadcrumbs = vec![home_crumb(&links)];
    if list != NewsList::All || page > 1 {
        breadcrumbs.push(LinkView {
            text: "News".into(),
            href: links.page(folder::NEWS),
        });
    }
    let name = match list {
        NewsList::All => "News".to_owned(),
        NewsList::Year(year) => {
            if page > 1 {
                breadcrumbs.push(LinkView {
                    text: year.to_string(),
                    href: links.page(&folder::news_year(year, 1)),
                });
            }
            format!("News from {year}")
        }
    };
    let position = position(page, pages);
    let meta = PageMeta {
        title: match &position {
            Some(position) if page > 1 => format!("{name}, {}", position.to_lowercase()),
            _ => name,
        },
        description: match list {
            NewsList::All => format!("News from {}, newest first.", site.config.title),
            NewsList::Year(year) => {
                format!("News from {} in {year}, newest first.", site.config.title)
            }
        },
        section: Section::News,
        breadcrumbs,
        ..PageMeta::EMPTY
    };
    let to_page = |n: usize, text: &str| LinkView {
        text: text.into(),
        href: links.page(&list.folder(n)),
    };
    NewsIndexPage {
        items: list_items(site, list)
            .skip((page - 1) * PER_PAGE)
            .take(PER_PAGE)
            .map(|item| news_summary(item, &links))
            .collect(),
        position,
        newer: (page > 1).then(|| to_page(page - 1, "Newer news")),
        older: (page < pages).then(|| to_page(page + 1, "Older news")),
        years: years
            .iter()
            .map(|&(year, count)| YearLink {
                link: LinkView {
                    text: year.to_string(),
                    href: links.page(&folder::news_year(year, 1)),
                },
                count: counted(count, "item", "items"),
                current: Current::of(
                    list == NewsList::Year(year) && page == 1,
                    list == NewsList::Year(year),
                ),
            })
            .collect(),
        layout: layout(site, &links, meta),
    }
}

/// The items of `list`, newest first; a year's found without going through
/// every item, as each of its pages would otherwise do.
fn list_items<'r>(
    site: &'r Render<'_>,
    list: NewsList,
) -> Box<dyn Iterator<Item = &'r NewsItem> + 'r> {
    let news = &site.site.news;
    match list {
        NewsList::All => Box::new(news.iter()),
        NewsList::Year(year) => Box::new(site.news_of_year(year).iter().map(|&n| &news[n])),
    }
}

#[cfg(test)]
mod tests {
    use super::position;

    #[test]
    fn page_numbers_are_written_with_thousands_separated() {
        assert_eq!(position(1, 1), None);
        assert_eq!(position(2, 3).as_deref(), Some("Page 2 of 3"));
        assert_eq!(
            position(1_204, 2_001).as_deref(),
            Some("Page 1,204 of 2,001")
        );
    }
}
