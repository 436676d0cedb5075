//! The news index: newest first, `PER_PAGE` items a page, so that an
//! archive of thousands of items is a list a reader can page through.

use askama::Template;

use super::Render;
use super::documents::{NewsSummary, news_summary};
use super::layout::{Layout, PageMeta, Section, home_crumb, layout};
use super::views::LinkView;
use crate::site::{Links, folder};

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
}

/// How many pages the index has: at least one, when there is any news.
pub fn page_count(site: &Render) -> usize {
    site.news.len().div_ceil(PER_PAGE).max(1)
}

/// Page `page` (from 1) of the index.
pub fn news_index_page(site: &Render, page: usize) -> NewsIndexPage {
    let pages = page_count(site);
    let links = Links::new(&folder::news_index(page), site.config.base_url.as_deref());
    let mut breadcrumbs = vec![home_crumb(&links)];
    if page > 1 {
        breadcrumbs.push(LinkView {
            text: "News".into(),
            href: links.page(folder::NEWS),
        });
    }
    let position = (pages > 1).then(|| format!("Page {page} of {pages}"));
    let meta = PageMeta {
        title: match &position {
            Some(position) if page > 1 => format!("News, {}", position.to_lowercase()),
            _ => "News".into(),
        },
        description: format!("News from {}, newest first.", site.config.title),
        section: Section::News,
        breadcrumbs,
        ..PageMeta::EMPTY
    };
    let to_page = |n: usize, text: &str| LinkView {
        text: text.into(),
        href: links.page(&folder::news_index(n)),
    };
    NewsIndexPage {
        layout: layout(site, &links, meta),
        items: site
            .news
            .iter()
            .skip((page - 1) * PER_PAGE)
            .take(PER_PAGE)
            .map(|item| news_summary(item, &links))
            .collect(),
        position,
        newer: (page > 1).then(|| to_page(page - 1, "Newer news")),
        older: (page < pages).then(|| to_page(page + 1, "Older news")),
    }
}
