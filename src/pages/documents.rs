//! Pages built from Markdown documents and the home page.

use askama::Template;

use crate::content::{ElectionEntry, NewsItem, Page, Person};
use crate::model::Date;

use super::Render;
use crate::markdown;
use crate::narrative;

use super::candidacies::{Candidacy, candidacies};
use super::change_views::{ChangeView, election_change};
use super::elections;
use super::layout::{Layout, PageMeta, Section, home_crumb, layout};
use super::mentions::{Mentions, mentions};
use super::news_index::{NewsSummary, datetime, news_summary, news_year_crumb};
use super::views::{
    Banner, CountContext, FULL_AREA_LIST, LinkView, PartyLabel, PhotoView, count_banner,
};
use crate::format::thousands;
use crate::site::{Links, folder};

#[derive(Template)]
#[template(path = "person.html")]
pub struct PersonPage {
    pub layout: Layout,
    pub role: Option<String>,
    pub photo: Option<PhotoView>,
    pub body: String,
    pub links: Vec<LinkView>,
    pub candidacies: Vec<Candidacy>,
    /// The news naming the person.
    pub news: Mentions,
}

/// `body` is the profile, rendered once with its links recorded.
pub fn person_page(site: &Render, person: &Person, body: String) -> PersonPage {
    let links = Links::new(
        &folder::person(person.slug.as_str()),
        site.config.base_url.as_deref(),
    );
    let meta = PageMeta {
        title: person.name.clone(),
        description: person
            .role
            .clone()
            .unwrap_or_else(|| format!("Profile of {}.", person.name)),
        section: Section::Other,
        breadcrumbs: vec![home_crumb(&links)],
        banners: counting_banners(site, &links, site.lookup.stood_by(&person.slug)),
        ..PageMeta::EMPTY
    };
    PersonPage {
        layout: layout(site, &links, meta),
        role: person.role.clone(),
        photo: person.photo.as_ref().map(|p| PhotoView::of(p, &links)),
        body,
        links: person
            .links
            .iter()
            .map(|l| LinkView {
                text: l.title.clone(),
                href: l.url.clone(),
            })
            .collect(),
        candidacies: candidacies(site, &links, site.lookup.stood_by(&person.slug), |_, _| {
            true
        }),
        news: mentions(
            site,
            &links,
            format!("News about {}", person.name),
            site.lookup.news_about_person(&person.slug),
            None,
        ),
    }
}

/// The banners of counts in progress among the elections of `stood`'s
/// candidacies, each naming its election.
fn counting_banners(site: &Render, links: &Links, stood: &[(usize, usize)]) -> Vec<Banner> {
    let mut elections: Vec<usize> = stood.iter().map(|&(e, _)| e).collect();
    elections.dedup();
    elections
        .into_iter()
        .filter_map(|e| elections::named_banner(&site.elections[e], links))
        .collect()
}

#[derive(Template)]
#[template(path = "news.html")]
pub struct NewsPage {
    pub layout: Layout,
    pub date: String,
    pub datetime: String,
    pub source: Option<(String, Option<String>)>,
    pub body: String,
    pub related: Vec<LinkView>,
}

/// `body` is the item's text, rendered once with its links recorded.
pub fn news_page(site: &Render, item: &NewsItem, body: String) -> NewsPage {
    let links = Links::new(&folder::news(&item.slug), site.config.base_url.as_deref());
    let news_crumb = LinkView {
        text: "News".into(),
        href: links.page(folder::NEWS),
    };
    let meta = PageMeta {
        title: item.title.clone(),
        description: item.summary.clone(),
        section: Section::Other,
        breadcrumbs: vec![
            home_crumb(&links),
            news_crumb,
            news_year_crumb(item, &links),
        ],
        og_type: "article",
        ..PageMeta::EMPTY
    };
    let elections = item
        .elections
        .iter()
        .filter_map(|slug| site.election(slug))
        .map(|e| LinkView {
            text: e.loaded.election.title.clone(),
            href: links.page(&folder::election(&e.slug)),
        });
    let people = item
        .people
        .iter()
        .filter_map(|slug| site.person(slug))
        .map(|p| LinkView {
            text: p.name.clone(),
            href: links.page(&folder::person(p.slug.as_str())),
        });
    NewsPage {
        layout: layout(site, &links, meta),
        date: item.date.long(),
        datetime: datetime(item.date),
        source: item
            .source
            .as_ref()
            .map(|s| (s.name.clone(), s.url.clone())),
        body,
        related: elections.chain(people).collect(),
    }
}

#[derive(Template)]
#[template(path = "page.html")]
pub struct FreePage {
    pub layout: Layout,
    pub body: String,
}

/// `body` is the page's text, rendered once with its links recorded.
pub fn free_page(site: &Render, page: &Page, body: String) -> FreePage {
    let links = Links::new(&folder::page(&page.slug), site.config.base_url.as_deref());
    let meta = PageMeta {
        title: page.title.clone(),
        description: page
            .description
            .clone()
            .unwrap_or_else(|| page.title.clone()),
        section: Section::Page(&page.slug),
        breadcrumbs: vec![home_crumb(&links)],
        ..PageMeta::EMPTY
    };
    FreePage {
        layout: layout(site, &links, meta),
        body,
    }
}

/// The page hosts show for an address that does not exist.
pub fn not_found_page(site: &Render) -> FreePage {
    let links = Links::rooted(site.config.base_url.as_deref());
    let meta = PageMeta {
        title: "Page not found".into(),
        description: "There is no page at this address.".into(),
        ..PageMeta::EMPTY
    };
    let mut layout = layout(site, &links, meta);
    // It stands in for whatever was asked for; it has no address of its own.
    layout.canonical = None;
    let mut body = format!(
        "There is no page at this address. It may have been mistyped, or moved.\n\n\
         - [Go to the home page]({})\n",
        links.page("")
    );
    if let Some(latest) = site.elections.first() {
        body += &format!(
            "- [See the {}]({})\n",
            markdown::literal(&latest.loaded.election.title),
            links.page(&folder::election(&latest.slug))
        );
    }
    FreePage {
        layout,
        body: markdown::to_html(&body),
    }
}

/// One round of the latest election, for the home page's summary table.
#[derive(Debug, Clone)]
pub struct RoundRow {
    pub candidate: LinkView,
    pub party: PartyLabel,
    pub first: String,
    pub total: String,
    pub elected: bool,
}

/// One election of the latest polling day, as the home page shows it.
#[derive(Debug, Clone)]
pub struct Latest {
    pub link: LinkView,
    /// Who is elected and how, or, while counting, who leads.
    pub headline: String,
    /// While counting: how far the count has got; figures are provisional.
    pub progress: Option<String>,
    /// The votes at each count, shown when the day had one election.
    pub rows: Vec<RoundRow>,
    pub second_count: bool,
    pub caption: String,
    /// The declared winner's profile, when there is one.
    pub profile: Option<Profile>,
    /// Once declared, HOLD or GAIN and the change since the previous
    /// election of the office, when there is one.
    pub change: Option<ChangeView>,
}

#[derive(Debug, Clone)]
pub struct ElectionLinks {
    pub link: LinkView,
    pub date: String,
    /// Every area, when there are few (see [`FULL_AREA_LIST`]).
    pub areas: Vec<LinkView>,
    /// Else the election's list of them all.
    pub all_areas: Option<LinkView>,
    pub candidates: Vec<LinkView>,
}

#[derive(Debug, Clone)]
pub struct Profile {
    pub link: LinkView,
    pub role: Option<String>,
}

#[derive(Template)]
#[template(path = "home.html")]
pub struct HomePage {
    pub layout: Layout,
    /// Every election of the newest polling day: one, or several on a night
    /// when many results come in.
    pub latest: Vec<Latest>,
    /// That day, as read and as `YYYY-MM-DD`.
    pub latest_date: Option<(String, String)>,
    /// Some election of that day is still counting.
    pub latest_counting: bool,
    pub news: Vec<NewsSummary>,
    /// The authorities and candidates of the latest day's elections.
    pub elections: Vec<ElectionLinks>,
    /// The list of every election.
    pub all_elections: String,
}

/// How many news items the home page lists.
const HOME_NEWS: usize = 3;

pub fn home_page(site: &Render) -> HomePage {
    let links = Links::new("", site.config.base_url.as_deref());
    let latest_day = elections::latest_day(site);
    let date = latest_day.first().map(|e| e.loaded.election.date);
    let description = match latest_day {
        [] => site.config.title.clone(),
        [one] => narrative::summary(&one.loaded.election, &one.loaded.outcome),
        several => {
            let counting = several.iter().any(|e| e.loaded.outcome.is_counting());
            format!(
                "{} {} elections of {}{}.",
                if counting { "The" } else { "Results of the" },
                several.len(),
                date.map(Date::long).unwrap_or_default(),
                if counting {
                    ", with counts still in progress: figures are provisional"
                } else {
                    ""
                }
            )
        }
    };
    let meta = PageMeta {
        title: site.config.title.clone(),
        description,
        section: Section::Home,
        breadcrumbs: Vec::new(),
        // Every count in progress the page shows figures from, by name.
        banners: latest_day
            .iter()
            .filter_map(|entry| elections::named_banner(entry, &links))
            .collect(),
        ..PageMeta::EMPTY
    };
    let with_table = latest_day.len() == 1;
    HomePage {
        layout: layout(site, &links, meta),
        latest: latest_day
            .iter()
            .map(|entry| Latest {
                change: election_change(site, entry, &links).filter(|c| c.verdict.is_some()),
                ..latest_summary(site, &CountContext::new(entry, &links), with_table)
            })
            .collect(),
        latest_date: date.map(|d| (d.long(), d.to_string())),
        latest_counting: latest_day.iter().any(|e| e.loaded.outcome.is_counting()),
        news: site
            .news
            .iter()
            .take(HOME_NEWS)
            .map(|n| news_summary(n, &links))
            .collect(),
        // Older elections are a click away, on the list of them all.
        elections: latest_day
            .iter()
            .map(|entry| election_links(entry, &links))
            .collect(),
        all_elections: links.page(folder::ELECTIONS),
    }
}

fn latest_summary(site: &Render, cx: &CountContext, with_table: bool) -> Latest {
    let overall = &cx.outcome.overall;
    let counting = cx.outcome.is_counting();
    let profile = cx
        .outcome
        .winner()
        .and_then(|id| cx.election.candidate(id))
        .and_then(|winner| site.person(winner.person.as_ref()?))
        .map(|person| Profile {
            link: LinkView {
                text: person.name.clone(),
                href: cx.links.page(&folder::person(person.slug.as_str())),
            },
            role: person.role.clone(),
        });
    Latest {
        link: LinkView {
            text: cx.election.title.clone(),
            href: cx.links.page(&folder::election(cx.slug)),
        },
        headline: narrative::headline(cx.election, cx.outcome),
        progress: count_banner(cx.outcome).map(|banner| banner.text),
        rows: if with_table && cx.outcome.contested() {
            overall
                .candidates
                .iter()
                .map(|c| RoundRow {
                    candidate: cx.candidate_link(&c.id),
                    party: cx.party(&c.id),
                    first: c.first.to_string(),
                    total: c
                        .total
                        .map_or_else(|| "Eliminated".to_owned(), |t| t.to_string()),
                    elected: Some(&c.id) == cx.outcome.winner(),
                })
                .collect()
        } else {
            Vec::new()
        },
        second_count: overall.non_transferable.is_some(),
        caption: if counting {
            format!("{}: provisional votes so far", cx.election.title)
        } else {
            format!("{}: votes at each count", cx.election.title)
        },
        profile,
        change: None,
    }
}

fn election_links(entry: &ElectionEntry, links: &Links) -> ElectionLinks {
    let election = &entry.loaded.election;
    let cx = CountContext::new(entry, links);
    ElectionLinks {
        link: LinkView {
            text: election.title.clone(),
            href: links.page(&folder::election(&entry.slug)),
        },
        date: election.date.long(),
        areas: if election.areas.len() <= FULL_AREA_LIST {
            election
                .areas
                .iter()
                .map(|area| cx.area_link(area))
                .collect()
        } else {
            Vec::new()
        },
        all_areas: (election.areas.len() > FULL_AREA_LIST).then(|| LinkView {
            text: format!(
                "All {} local authorities",
                thousands(election.areas.len() as u64)
            ),
            href: elections::area_list_href(entry, &cx),
        }),
        candidates: entry
            .loaded
            .outcome
            .overall
            .candidates
            .iter()
            .map(|c| cx.candidate_link(&c.id))
            .collect(),
    }
}
