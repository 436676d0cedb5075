//! What every page shares: the head, the header and navigation, the
//! breadcrumbs and the footer naming the data sources.

use crate::content::Site;

use super::links::{Links, folder};
use super::views::LinkView;

/// The stylesheet's path in the built site.
pub const STYLESHEET: &str = "style.css";

#[derive(Debug, Clone)]
pub struct NavItem {
    pub link: LinkView,
    pub current: bool,
}

#[derive(Debug, Clone)]
pub struct Layout {
    pub lang: String,
    pub site_title: String,
    pub title: String,
    pub description: String,
    pub canonical: Option<String>,
    pub stylesheet: String,
    pub home: String,
    pub nav: Vec<NavItem>,
    /// Ancestors of this page, root first; the page itself is `title`.
    pub breadcrumbs: Vec<LinkView>,
    pub publisher: String,
    pub sources: Vec<LinkView>,
}

/// Which navigation entry a page belongs under.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section<'a> {
    Home,
    Election(&'a str),
    News,
    Page(&'a str),
    Other,
}

pub struct PageMeta<'a> {
    pub title: String,
    pub description: String,
    pub section: Section<'a>,
    pub breadcrumbs: Vec<LinkView>,
}

pub fn layout(site: &Site, links: &Links, meta: PageMeta) -> Layout {
    Layout {
        lang: site.config.language.clone(),
        site_title: site.config.title.clone(),
        title: meta.title,
        description: meta.description,
        canonical: links.canonical(),
        stylesheet: links.file(STYLESHEET),
        home: links.page(""),
        nav: navigation(site, links, meta.section),
        breadcrumbs: meta.breadcrumbs,
        publisher: site.config.publisher.clone(),
        sources: sources(site),
    }
}

fn navigation(site: &Site, links: &Links, section: Section) -> Vec<NavItem> {
    let mut nav = vec![NavItem {
        link: LinkView {
            text: "Home".into(),
            href: links.page(""),
        },
        current: section == Section::Home,
    }];
    // The latest election is the one visitors come for.
    if let Some(latest) = site.elections.first() {
        nav.push(NavItem {
            link: LinkView {
                text: "Results".into(),
                href: links.page(&folder::election(&latest.slug)),
            },
            current: section == Section::Election(&latest.slug),
        });
    }
    if !site.news.is_empty() {
        nav.push(NavItem {
            link: LinkView {
                text: "News".into(),
                href: links.page(folder::NEWS),
            },
            current: section == Section::News,
        });
    }
    for page in &site.pages {
        nav.push(NavItem {
            link: LinkView {
                text: page.title.clone(),
                href: links.page(&folder::page(&page.slug)),
            },
            current: section == Section::Page(&page.slug),
        });
    }
    nav
}

fn sources(site: &Site) -> Vec<LinkView> {
    site.elections
        .iter()
        .filter_map(|entry| {
            let election = &entry.loaded.election;
            election.source.as_ref().map(|url| LinkView {
                text: election.title.clone(),
                href: url.clone(),
            })
        })
        .collect()
}

/// The home page as the first breadcrumb.
pub fn home_crumb(links: &Links) -> LinkView {
    LinkView {
        text: "Home".into(),
        href: links.page(""),
    }
}
