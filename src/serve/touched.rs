//! What a burst of changes touched, for the preview to render again: the
//! pages (see [`Touched::wants`]) and whether what every page shows changed
//! (see [`Layout`]).

use std::collections::BTreeSet;

use crate::content::Site;
use crate::pages::PageOf;

/// What every page shows of the site beyond itself (see `pages::layout`):
/// when it changes, every page is rendered again.
#[derive(PartialEq)]
pub(super) struct Layout {
    any_news: bool,
    any_elections: bool,
    /// The elections' titles and sources, for those that give one.
    sources: Vec<(String, String)>,
    any_counting: bool,
}

impl Layout {
    pub(super) fn of(site: &Site) -> Layout {
        Layout {
            any_news: !site.news.is_empty(),
            any_elections: !site.elections.is_empty(),
            sources: site
                .elections
                .iter()
                .filter_map(|e| {
                    let election = &e.loaded.election;
                    Some((election.title.clone(), election.source.clone()?))
                })
                .collect(),
            any_counting: site
                .elections
                .iter()
                .any(|e| e.loaded.outcome.is_counting()),
        }
    }
}

/// The pages the changes of one burst touch, gathered change by change so
/// that each page is rendered once however many changes touch it.
#[derive(Default)]
pub(super) struct Touched {
    /// News items changed, made, removed, or about a changed election.
    pub(super) news: BTreeSet<String>,
    /// Pages of the news index, from 1.
    pub(super) news_index: BTreeSet<usize>,
    /// The number of index pages changed: every page says it.
    pub(super) every_news_index: bool,
    /// Years whose news pages change: each page of them.
    pub(super) news_years: BTreeSet<i32>,
    /// Any news item changed: the feed is made again.
    pub(super) feed: bool,
    pub(super) elections: BTreeSet<String>,
    /// Elections whose own page lists a changed news item (the election's
    /// other pages and files do not).
    pub(super) election_news: BTreeSet<String>,
    /// Offices whose pages change, as elections give them.
    pub(super) offices: BTreeSet<String>,
    /// People whose page and candidacies' pages change: by an election's
    /// edit, or a news item naming them.
    pub(super) people: BTreeSet<String>,
    /// Candidates with no person, by id.
    pub(super) ids: BTreeSet<String>,
}

impl Touched {
    pub(super) fn wants(&self, page: PageOf) -> bool {
        let election = |slug: &str| self.elections.contains(slug);
        match page {
            PageOf::Home => true,
            // The page not found leads to the newest election.
            PageOf::Elections | PageOf::NotFound => !self.elections.is_empty(),
            PageOf::Election(slug) => election(slug) || self.election_news.contains(slug),
            PageOf::Notice(slug) | PageOf::Area(slug) => election(slug),
            PageOf::Candidate(slug, person, id) => {
                election(slug)
                    || match person {
                        Some(person) => self.people.contains(person),
                        None => self.ids.contains(id),
                    }
            }
            PageOf::Person(slug) => self.people.contains(slug),
            PageOf::NewsIndex(page) => self.every_news_index || self.news_index.contains(&page),
            PageOf::NewsYear(year) => self.news_years.contains(&year),
            PageOf::Office(office) => self.offices.contains(office),
            PageOf::News(slug) => self.news.contains(slug),
            PageOf::Page(_) => false,
        }
    }
}
