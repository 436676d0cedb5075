//! What every page shares: the head, the header and navigation, the
//! breadcrumbs and the footer naming the data sources.

use super::Render;

use super::views::{Banner, LinkView};
use crate::site::{Links, folder};

#[derive(Debug, Clone)]
pub struct NavItem {
    pub link: LinkView,
    pub current: Current,
}

/// How a link in a list of links stands to the page it is on, for
/// `aria-current`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Current {
    No,
    /// It leads to this very page: `aria-current="page"`.
    Page,
    /// It leads to the section, or the year, this page is part of (the
    /// news list from its second page): `aria-current="true"`.
    Within,
}

impl Current {
    /// `Page` when `here`, else `Within` when `within`, else `No`.
    pub fn of(here: bool, within: bool) -> Current {
        match (here, within) {
            (true, _) => Current::Page,
            (false, true) => Current::Within,
            (false, false) => Current::No,
        }
    }

    /// The value of `aria-current`, if it has one.
    pub fn aria(&self) -> Option<&'static str> {
        match self {
            Current::No => None,
            Current::Page => Some("page"),
            Current::Within => Some("true"),
        }
    }
}

/// The image a page names for link previews.
#[derive(Debug, Clone)]
pub struct OgImage {
    /// Absolute: Open Graph has no relative addresses.
    pub url: String,
    pub width: u32,
    pub height: u32,
    pub alt: String,
}

#[derive(Debug, Clone)]
pub struct Layout {
    pub lang: String,
    pub site_title: String,
    pub title: String,
    /// The title with what the page is part of (`og:title`).
    pub og_title: String,
    /// `<title>`: the site's title alone on a page of that title, else
    /// after the page's.
    pub head_title: String,
    pub description: String,
    pub canonical: Option<String>,
    pub stylesheet: String,
    pub favicon: String,
    /// The news feed, when the site has news.
    pub feed: Option<String>,
    /// Open Graph: `website` or `article`, and the locale as `en_GB`.
    pub og_type: &'static str,
    pub og_locale: String,
    /// schema.org data, already escaped for a `<script>` element.
    pub json_ld: Option<String>,
    /// The picture link previews show (an election's result card).
    pub og_image: Option<OgImage>,
    pub home: String,
    pub nav: Vec<NavItem>,
    /// Ancestors of this page, root first; the page itself is `title`.
    pub breadcrumbs: Vec<LinkView>,
    pub publisher: String,
    pub sources: Vec<LinkView>,
    /// Counts in progress this page shows figures from.
    pub banners: Vec<Banner>,
    /// The feed of this election's count, on its pages.
    pub count_feed: Option<LinkView>,
    /// Some election on the site is still counting.
    pub any_counting: bool,
}

/// Which navigation entry a page belongs under.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section<'a> {
    Home,
    Elections,
    Election(&'a str),
    News,
    Page(&'a str),
    Other,
}

pub struct PageMeta<'a> {
    pub title: String,
    /// What the page is part of, named after its title in `<title>` and
    /// `og:title`: an area's or candidate's election, as an archive has
    /// many a "North".
    pub title_context: Option<String>,
    pub description: String,
    pub section: Section<'a>,
    pub breadcrumbs: Vec<LinkView>,
    pub og_type: &'static str,
    pub json_ld: Option<serde_json::Value>,
    pub og_image: Option<OgImage>,
    pub banners: Vec<Banner>,
    pub count_feed: Option<LinkView>,
}

impl PageMeta<'_> {
    /// The fields most pages leave as they are.
    pub const EMPTY: PageMeta<'static> = PageMeta {
        title: String::new(),
        title_context: None,
        description: String::new(),
        section: Section::Other,
        breadcrumbs: Vec::new(),
        og_type: "website",
        json_ld: None,
        og_image: None,
        banners: Vec::new(),
        count_feed: None,
    };
}

pub fn layout(site: &Render, links: &Links, meta: PageMeta) -> Layout {
    let site_title = &site.config.title;
    let og_title = match meta.title_context {
        Some(context) => format!("{} – {context}", meta.title),
        None => meta.title.clone(),
    };
    let head_title = match meta.title == *site_title {
        true => site_title.clone(),
        false => format!("{og_title} – {site_title}"),
    };
    Layout {
        lang: site.config.language.clone(),
        site_title: site_title.clone(),
        title: meta.title,
        og_title,
        head_title,
        description: meta.description,
        canonical: links.canonical(),
        stylesheet: links.file(&site.assets.stylesheet),
        favicon: links.file(&site.assets.favicon),
        feed: (!site.news.is_empty()).then(|| links.file(crate::site::routes::ATOM)),
        og_type: meta.og_type,
        og_locale: site.config.language.replace('-', "_"),
        json_ld: meta.json_ld.as_ref().map(script_json),
        og_image: meta.og_image,
        home: links.page(""),
        nav: navigation(site, links, meta.section),
        breadcrumbs: meta.breadcrumbs,
        publisher: site.config.publisher.clone(),
        sources: sources(site),
        banners: meta.banners,
        count_feed: meta.count_feed,
        any_counting: site.lookup.any_counting,
    }
}

fn navigation(site: &Render, links: &Links, section: Section) -> Vec<NavItem> {
    let item = |text: &str, folder: &str, in_section: bool| NavItem {
        link: LinkView {
            text: text.into(),
            href: links.page(folder),
        },
        current: Current::of(in_section && links.is_here(folder), in_section),
    };
    let mut nav = vec![item("Home", "", section == Section::Home)];
    // One entry for every election, however many came in on one night:
    // the list leads to each, and the home page to the latest.
    if !site.elections.is_empty() {
        nav.push(item(
            "Elections",
            folder::ELECTIONS,
            section == Section::Elections,
        ));
    }
    if !site.news.is_empty() {
        nav.push(item("News", folder::NEWS, section == Section::News));
    }
    for page in &site.pages {
        nav.push(item(
            &page.title,
            &folder::page(&page.slug),
            section == Section::Page(&page.slug),
        ));
    }
    nav
}

fn sources(site: &Render) -> Vec<LinkView> {
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

/// JSON for a `<script>` element: `<` is escaped so that no value can close
/// the element, whatever the data holds.
pub fn script_json(value: &serde_json::Value) -> String {
    value.to_string().replace('<', "\\u003c")
}

/// The home page as the first breadcrumb.
pub fn home_crumb(links: &Links) -> LinkView {
    LinkView {
        text: "Home".into(),
        href: links.page(""),
    }
}
