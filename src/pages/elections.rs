//! Elections side by side: the list of every election on the site, and what
//! the home page and the list say about each one, declared or still counting.

use askama::Template;

use crate::content::ElectionEntry;
use crate::count::ElectedAt;
use crate::format::counted;
use crate::model::Date;
use crate::site::routes::COUNT_FEED;

use super::Render;
use super::layout::{Layout, PageMeta, Section, home_crumb, layout};
use super::views::{Banner, CountContext, LinkView, PartyLabel, count_banner};
use crate::site::{Links, folder, office_slug};

/// The elections of the newest polling day on the site: several when many
/// results come in on one night. `site.elections` is newest first.
pub fn latest_day<'s>(site: &Render<'s>) -> &'s [ElectionEntry] {
    let all = &site.site.elections;
    let Some(newest) = all.first() else {
        return &[];
    };
    let date = newest.loaded.election.date;
    let same_day = all
        .iter()
        .take_while(|e| e.loaded.election.date == date)
        .count();
    &all[..same_day]
}

pub fn election_link(entry: &ElectionEntry, links: &Links) -> LinkView {
    LinkView {
        text: entry.loaded.election.title.clone(),
        href: links.page(&folder::election(&entry.slug)),
    }
}

/// The id of the heading of the election page's table of areas, in
/// `election.html`.
const AREA_TABLE: &str = "authorities";

/// The election's page lists every area in a table when the election was
/// contested.
pub fn shows_area_table(cx: &CountContext) -> bool {
    cx.outcome.contested() && !cx.election.areas.is_empty()
}

/// Where the election's page lists every area: its table of them, or the
/// page itself when there is none (an uncontested election).
pub fn area_list_href(entry: &ElectionEntry, cx: &CountContext) -> String {
    let page = cx.links.page(&folder::election(&entry.slug));
    match shows_area_table(cx) {
        true => format!("{page}#{AREA_TABLE}"),
        false => page,
    }
}

/// An office, leading to its page of elections.
pub fn office_link(office: &str, links: &Links) -> LinkView {
    LinkView {
        text: office.to_owned(),
        href: links.page(&folder::office(&office_slug(office))),
    }
}

/// The feed of an election's count, area by area.
pub fn count_feed(entry: &ElectionEntry, links: &Links) -> LinkView {
    LinkView {
        text: format!(
            "{}: the count, area by area (Atom feed)",
            entry.loaded.election.title
        ),
        href: links.file(&format!("{}{COUNT_FEED}", folder::election(&entry.slug))),
    }
}

/// The banner of an election still counting, naming the election, for pages
/// that are not its own.
pub fn named_banner(entry: &ElectionEntry, links: &Links) -> Option<Banner> {
    count_banner(&entry.loaded.outcome).map(|banner| Banner {
        election: Some(election_link(entry, links)),
        ..banner
    })
}

/// The declared winner, as a list shows it.
#[derive(Debug, Clone)]
pub struct WinnerView {
    pub candidate: LinkView,
    pub party: PartyLabel,
    /// "elected at the second count".
    pub how: String,
}

/// One election in a list: when, for what, and who won or how far the count
/// has got.
#[derive(Debug, Clone)]
pub struct ElectionSummary {
    pub link: LinkView,
    pub date: String,
    pub datetime: String,
    /// The office, leading to every election for it.
    pub office: LinkView,
    /// None while counting.
    pub winner: Option<WinnerView>,
    /// While counting: "Count in progress: 4 of 6 local authorities ...".
    pub progress: Option<String>,
}

pub fn summary(entry: &ElectionEntry, links: &Links) -> ElectionSummary {
    let election = &entry.loaded.election;
    let outcome = &entry.loaded.outcome;
    let cx = CountContext {
        slug: &entry.slug,
        election,
        outcome,
        links,
    };
    ElectionSummary {
        link: election_link(entry, links),
        date: election.date.long(),
        datetime: election.date.to_string(),
        office: office_link(&election.office, links),
        winner: outcome.decision().map(|decision| WinnerView {
            candidate: cx.candidate_link(&decision.winner),
            party: cx.party(&decision.winner),
            how: how_elected(decision.elected_at, decision.by_lot).to_owned(),
        }),
        progress: count_banner(outcome).map(|banner| banner.text),
    }
}

pub(super) fn how_elected(at: ElectedAt, by_lot: bool) -> &'static str {
    match (at, by_lot) {
        (ElectedAt::Uncontested, _) => "elected unopposed",
        (ElectedAt::SimpleMajority, false) => "elected with the most votes",
        (ElectedAt::SimpleMajority, true) => "elected by lot after a tie",
        (ElectedAt::FirstCount, false) => "elected at the first count",
        (ElectedAt::FirstCount, true) => "elected at the first count, by lot after a tie",
        (ElectedAt::SecondCount, false) => "elected at the second count",
        (ElectedAt::SecondCount, true) => "elected at the second count, by lot after a tie",
    }
}

/// The elections of one year.
#[derive(Debug, Clone)]
pub struct YearGroup {
    pub year: String,
    pub elections: Vec<ElectionSummary>,
}

#[derive(Template)]
#[template(path = "elections.html")]
pub struct ElectionsPage {
    pub layout: Layout,
    pub years: Vec<YearGroup>,
    /// Every office, with its page and how many elections it has had.
    pub offices: Vec<OfficeLink>,
}

pub fn elections_page(site: &Render) -> ElectionsPage {
    let links = Links::new(folder::ELECTIONS, site.config.base_url.as_deref());
    let meta = PageMeta {
        title: "Elections".into(),
        description: format!(
            "{}: every election, newest first, with its winner or how far its count has got.",
            site.config.title
        ),
        section: Section::Elections,
        breadcrumbs: vec![home_crumb(&links)],
        banners: site
            .elections
            .iter()
            .filter_map(|entry| named_banner(entry, &links))
            .collect(),
        ..PageMeta::EMPTY
    };
    let mut years: Vec<YearGroup> = Vec::new();
    for entry in &site.elections {
        let year = year_of(entry.loaded.election.date);
        let item = summary(entry, &links);
        match years.last_mut() {
            Some(group) if group.year == year => group.elections.push(item),
            _ => years.push(YearGroup {
                year,
                elections: vec![item],
            }),
        }
    }
    ElectionsPage {
        offices: office_links(site, &links),
        layout: layout(site, &links, meta),
        years,
    }
}

fn year_of(date: Date) -> String {
    date.year.to_string()
}

/// "8 elections".
pub fn election_count(n: usize) -> String {
    counted(n, "election", "elections")
}

/// An office in a list of offices.
#[derive(Debug, Clone)]
pub struct OfficeLink {
    pub link: LinkView,
    /// "8 elections".
    pub count: String,
}

fn office_links(site: &Render, links: &Links) -> Vec<OfficeLink> {
    site.offices()
        .iter()
        .map(|office| OfficeLink {
            link: office_link(office.name, links),
            count: election_count(office.elections.len()),
        })
        .collect()
}
