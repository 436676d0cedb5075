//! Elections by office: a page per office (`Mayor of London`) listing every
//! election to it, newest first, each with its winner, and the list of
//! offices the elections index shows.

use askama::Template;

use super::Render;
use super::elections::{ElectionSummary, election_count, named_banner, summary};
use super::layout::{Layout, PageMeta, Section, home_crumb, layout};
use super::lookup::Office;
use super::standings;
use super::views::{CountContext, LinkView};
use crate::content::ElectionEntry;
use crate::site::{Links, folder};

/// One election on an office's page: the summary every list shows, and
/// what a history adds to it.
#[derive(Debug, Clone)]
pub struct OfficeElection {
    pub summary: ElectionSummary,
    /// How the winner won: "elected at the second count, by 5,799 votes
    /// (2.6 percentage points) over James Palmer". None while counting.
    pub how: Option<String>,
}

/// The winner's stage and margin, over whom (see `count::standing`).
fn how_won(entry: &ElectionEntry, links: &Links) -> Option<String> {
    let cx = CountContext::new(entry, links);
    let standing = cx.outcome.standing(cx.outcome.winner()?)?;
    standings::won_in(&cx, &standing)
}

#[derive(Template)]
#[template(path = "office.html")]
pub struct OfficePage {
    pub layout: Layout,
    /// "3 elections, from 2012 to 2021."
    pub span: String,
    /// Newest first.
    pub elections: Vec<OfficeElection>,
}

pub fn office_page(site: &Render, office: &Office) -> OfficePage {
    let links = Links::new(
        &folder::office(&office.slug),
        site.config.base_url.as_deref(),
    );
    let count = election_count(office.elections.len());
    let years = |entry: Option<&&ElectionEntry>| entry.map(|e| e.loaded.election.date.year);
    let span = match (
        years(office.elections.last()),
        years(office.elections.first()),
    ) {
        (Some(first), Some(last)) if first != last => format!("{count}, from {first} to {last}."),
        (Some(year), _) => format!("{count}, in {year}."),
        _ => format!("{count}."),
    };
    let meta = PageMeta {
        banners: office
            .elections
            .iter()
            .filter_map(|entry| named_banner(entry, &links))
            .collect(),
        title: office.name.to_owned(),
        description: format!(
            "Every election for {} on {}, newest first, with its winner and margin.",
            office.name, site.config.title
        ),
        section: Section::Elections,
        breadcrumbs: vec![
            home_crumb(&links),
            LinkView {
                text: "Elections".into(),
                href: links.page(folder::ELECTIONS),
            },
        ],
        ..PageMeta::EMPTY
    };
    OfficePage {
        span,
        elections: office
            .elections
            .iter()
            .map(|entry| OfficeElection {
                summary: summary(entry, &links),
                how: how_won(entry, &links),
            })
            .collect(),
        layout: layout(site, &links, meta),
    }
}
